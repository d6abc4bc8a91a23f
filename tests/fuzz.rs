//! The fuzz harness: every file the tests keep (the presets, the mermaid charts, and whatever
//! other formats sit under `tests/fixtures/`), mutated byte by byte, through every reader and
//! every writer. Nothing may panic; every reader gives a sound board or a message; every file
//! written is valid (SVG and draw.io parse as XML, Excalidraw as JSON, draw.io, Excalidraw and
//! mermaid import back, the board opens again without a warning).
//!
//! Each input that ever failed is kept under `tests/fixtures/hostile/` and replayed on every
//! `cargo test`. CI runs the default 64 cases; a long run is, for example,
//! `PROPTEST_CASES=20000 cargo test --release --test fuzz mutated` (see README).

mod common;

use std::path::{Path, PathBuf};

use proptest::prelude::*;

use archboard::catalog::Catalog;
use archboard::export::{self, PngOptions};
use archboard::{critique, interop, io, mermaid, model};

use common::mutate::{mutate, mutation};

/// Every file under `dir`, recursively, sorted.
fn files_under(dir: &Path) -> Vec<PathBuf> {
    let mut out = Vec::new();
    let Ok(entries) = std::fs::read_dir(dir) else {
        return out;
    };
    for entry in entries.flatten() {
        let path = entry.path();
        if path.is_dir() {
            out.extend(files_under(&path));
        } else {
            out.push(path);
        }
    }
    out.sort();
    out
}

/// The seeds: each preset as a board file, and each kept fixture in a format archboard reads
/// (not the hostile corpus, replayed on its own, and nothing over 256 KiB, to keep cases quick).
fn seeds() -> &'static [(String, Vec<u8>)] {
    static SEEDS: std::sync::OnceLock<Vec<(String, Vec<u8>)>> = std::sync::OnceLock::new();
    SEEDS.get_or_init(read_seeds)
}

fn read_seeds() -> Vec<(String, Vec<u8>)> {
    let fixtures = Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/fixtures");
    let mut out: Vec<(String, Vec<u8>)> = archboard::presets::all()
        .iter()
        .filter_map(|p| archboard::presets::board(&p.id).ok())
        .filter_map(|b| io::to_ron(&b).ok())
        .map(|text| ("preset.ron".to_owned(), text.into_bytes()))
        .collect();
    for path in files_under(&fixtures) {
        if path.starts_with(fixtures.join("hostile")) {
            continue;
        }
        let Ok(bytes) = std::fs::read(&path) else { continue };
        let name = path
            .file_name()
            .map(|n| n.to_string_lossy().into_owned())
            .unwrap_or_default();
        let readable = std::str::from_utf8(&bytes).is_ok_and(|text| interop::sniff(&path, text).is_some());
        if readable && bytes.len() <= 256 << 10 {
            out.push((name, bytes));
        }
    }
    out
}

/// Reads `bytes` as a file named `name` would be read, and writes what it gives every way.
fn through_everything(name: &str, bytes: &[u8], png: bool) -> Result<(), TestCaseError> {
    let text = String::from_utf8_lossy(bytes);
    match interop::read_text(&text, Path::new(name)) {
        Err(e) => prop_assert!(!e.to_string().trim().is_empty(), "an error says something"),
        Ok(imported) => {
            for w in &imported.warnings {
                prop_assert!(!w.message.trim().is_empty());
            }
            every_writer(&imported.board, png)?;
        }
    }
    Ok(())
}

/// Reviews the board and writes it in every format, each checked by reading it back.
fn every_writer(board: &model::Board, png: bool) -> Result<(), TestCaseError> {
    let catalog = Catalog::builtin();
    let problems = model::validate(board);
    prop_assert!(problems.is_empty(), "a board read is sound: {:?}", problems);
    critique::review(board, catalog);
    critique::review_at(board, catalog, 10.0);

    let svg = export::svg_text(board, catalog, &PngOptions::default());
    if let Err(e) = roxmltree::Document::parse(&svg) {
        return Err(TestCaseError::fail(format!("the SVG is not well-formed XML: {e}")));
    }

    for name in ["b.drawio", "b.excalidraw"] {
        let bytes = export::encode(Path::new(name), board, catalog, &PngOptions::default());
        prop_assert!(bytes.is_ok(), "{name} is written");
        let text = String::from_utf8(bytes.unwrap_or_default());
        prop_assert!(text.is_ok(), "{name} is UTF-8");
        let text = text.unwrap_or_default();
        if name.ends_with("drawio") {
            if let Err(e) = roxmltree::Document::parse(&text) {
                return Err(TestCaseError::fail(format!(
                    "the draw.io file is not well-formed XML: {e}"
                )));
            }
        } else if let Err(e) = serde_json::from_str::<serde_json::Value>(&text) {
            return Err(TestCaseError::fail(format!("the Excalidraw file is not JSON: {e}")));
        }
        let again = interop::read_text(&text, Path::new(name));
        prop_assert!(
            again.is_ok(),
            "{name} reads back: {:?}",
            again.err().map(|e| e.to_string())
        );
    }

    let chart = mermaid::export(board);
    let again = mermaid::import(&chart, catalog);
    prop_assert!(again.is_ok(), "the mermaid export imports: {:?}\n{chart}", again.err());

    let ron = io::to_ron(board);
    prop_assert!(ron.is_ok(), "every board read encodes");
    let ron = ron.unwrap_or_default();
    match io::parse(&ron, "again.ron") {
        Ok(loaded) => prop_assert!(
            loaded.warnings.is_empty(),
            "opens without a warning: {:?}",
            loaded.warnings
        ),
        Err(e) => return Err(TestCaseError::fail(format!("the board written does not open: {e}"))),
    }

    if png {
        let options = PngOptions {
            scale: 1.0,
            ..PngOptions::default()
        };
        // Too spread out for a picture is a clear refusal, never a panic.
        if let Ok(bytes) = export::png(board, catalog, &options) {
            prop_assert!(bytes.starts_with(b"\x89PNG"));
        }
    }
    Ok(())
}

proptest! {
    #![proptest_config(common::proptest_config())]

    /// A real file, mutated, through every reader and writer.
    #[test]
    fn mutated_files_pass_through_every_reader_and_writer(
        which in any::<prop::sample::Index>(),
        mutations in proptest::collection::vec(mutation(), 1..8),
    ) {
        let seeds = seeds();
        prop_assert!(seeds.len() > 10, "the presets and the fixtures are seeds");
        let (name, bytes) = &seeds[which.index(seeds.len())];
        let mut bytes = bytes.clone();
        for m in &mutations {
            mutate(&mut bytes, m);
        }
        through_everything(name, &bytes, false)?;
    }
}

/// Every input that ever failed (with the PNG export too), and every seed unmutated.
#[test]
fn every_kept_input_passes_through_every_reader_and_writer() {
    let hostile = Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/fixtures/hostile");
    let kept = files_under(&hostile);
    assert!(!kept.is_empty(), "the corpus is in {}", hostile.display());
    let kept = kept.into_iter().map(|path| {
        let name = path
            .file_name()
            .map(|n| n.to_string_lossy().into_owned())
            .unwrap_or_default();
        (name, std::fs::read(&path).expect("reads"), true)
    });
    let seeds = seeds().iter().map(|(name, bytes)| (name.clone(), bytes.clone(), false));
    for (name, bytes, png) in kept.chain(seeds) {
        let start = std::time::Instant::now();
        if let Err(e) = through_everything(&name, &bytes, png) {
            panic!("{name}: {e}");
        }
        eprintln!("{:>8.2?}  {name}", start.elapsed());
    }
}
