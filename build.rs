//! Embeds the data folders (service icons, preset boards, practice questions) into the binary, so that adding an
//! icon or a preset is a file drop, never a code change.

use std::fmt::Write;
use std::path::Path;

fn main() {
    let out = std::env::var("OUT_DIR").expect("cargo sets OUT_DIR");
    let root = std::env::var("CARGO_MANIFEST_DIR").expect("cargo sets CARGO_MANIFEST_DIR");
    let mut code = String::new();
    for (name, dir, ext) in [
        ("ICONS", "assets/icons", "svg"),
        ("PRESET_FILES", "presets", "ron"),
        ("QUESTION_FILES", "presets/questions", "ron"),
    ] {
        println!("cargo:rerun-if-changed={dir}");
        let mut files: Vec<_> = std::fs::read_dir(Path::new(&root).join(dir))
            .map(|rd| rd.filter_map(Result::ok).map(|e| e.path()).collect())
            .unwrap_or_default();
        files.retain(|p| p.extension().is_some_and(|e| e == ext));
        files.sort();
        writeln!(
            code,
            "/// `{dir}/*.{ext}`: (file stem, contents).\npub(crate) const {name}: &[(&str, &str)] = &["
        )
        .expect("writing to a String cannot fail");
        for p in files {
            let stem = p.file_stem().and_then(|s| s.to_str()).expect("file names are UTF-8");
            writeln!(code, "    ({stem:?}, include_str!({:?})),", p.display().to_string())
                .expect("writing to a String cannot fail");
        }
        writeln!(code, "];").expect("writing to a String cannot fail");
    }
    std::fs::write(Path::new(&out).join("embedded.rs"), code).expect("OUT_DIR is writable");
}
