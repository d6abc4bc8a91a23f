//! Boards that auto layout and the importers make route cleanly: every right-angle edge finds a
//! way round the cards (no run through a card, no straight stand-in), in every layout direction
//! and for every real published file the importers are tested on.

use std::path::{Path, PathBuf};

use archboard::interop;
use archboard::layout::route::{faults, route};
use archboard::layout::{Direction, layout};
use archboard::model::{Board, EdgeStyle};

/// The board's routing faults with every edge right-angled.
fn route_faults(board: &Board) -> Vec<String> {
    let mut b = board.clone();
    b.edge_style = EdgeStyle::RightAngle;
    for e in &mut b.edges {
        e.style = None;
    }
    faults(&b, &route(&b))
}

fn fixtures(folder: &str) -> Vec<PathBuf> {
    let dir = Path::new(env!("CARGO_MANIFEST_DIR"))
        .join("tests/fixtures")
        .join(folder);
    let mut files: Vec<PathBuf> = std::fs::read_dir(&dir)
        .unwrap_or_else(|e| panic!("{}: {e}", dir.display()))
        .map(|entry| entry.expect("a directory entry").path())
        .filter(|p| p.file_name().is_some_and(|n| n != "SOURCES.md" && n != "own"))
        .collect();
    files.sort();
    files
}

#[test]
fn auto_layout_of_every_preset_routes_cleanly() {
    for preset in archboard::presets::all() {
        let board = archboard::presets::board(&preset.id).expect("a preset loads");
        for direction in Direction::ALL {
            let mut b = board.clone();
            layout(&mut b, direction);
            let faults = route_faults(&b);
            assert!(faults.is_empty(), "{} laid out {direction:?}: {faults:?}", preset.id);
        }
    }
}

#[test]
fn imported_templates_and_diagrams_route_cleanly() {
    let mut files = fixtures("iac");
    files.extend(fixtures("mermaid"));
    files.extend(fixtures("drawio"));
    assert!(files.len() > 20, "the fixtures are there: {files:?}");
    for file in files {
        let imported = interop::read(&file).unwrap_or_else(|e| panic!("{}: {e}", file.display()));
        let faults = route_faults(&imported.board);
        assert!(faults.is_empty(), "{}: {faults:?}", file.display());
    }
}
