//! Export looks exactly like the canvas: the PNG of a board matches the app's canvas at the
//! same zoom, and an exported preset is kept as a snapshot image.

mod common;

use archboard::catalog::Catalog;
use archboard::export::{PngOptions, export_area, image};
use archboard::render::View;
use common::*;

#[test]
fn an_exported_preset_keeps_its_look() {
    let board = archboard::presets::board("realtime_analytics").unwrap();
    let png = image(
        &board,
        Catalog::builtin(),
        &PngOptions {
            scale: 1.0,
            ..PngOptions::default()
        },
    )
    .unwrap();
    egui_kittest::image_snapshot(&png, "export_realtime_analytics");
}

#[test]
fn the_png_export_matches_the_canvas_at_the_same_zoom() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("b.ron");
    let board = archboard::presets::board("event_driven_kinesis").unwrap();
    archboard::io::save(&path, &board).unwrap();
    let mut h = app_with(&path);
    let options = PngOptions {
        scale: 1.0,
        badges: true,
        ..PngOptions::default()
    };
    let area = export_area(&board, &options);
    {
        let app = h.state_mut();
        app.show_grid = false;
        let canvas = app.canvas.screen_rect();
        app.canvas.view = View {
            origin: canvas.min - egui::vec2(area.x, area.y),
            zoom: 1.0,
        };
    }
    h.remove_cursor();
    h.run();
    let screen = h.render().expect("renders");
    let canvas = h.state().canvas.screen_rect();
    let exported = image(&board, Catalog::builtin(), &options).unwrap();
    let (w, h_px) = (
        exported.width().min(canvas.width() as u32),
        exported.height().min(canvas.height() as u32),
    );
    assert!(w > 300 && h_px > 200, "a meaningful overlap: {w}x{h_px}");
    let (mut differing, mut compared) = (0u32, 0u32);
    for y in 0..h_px {
        for x in 0..w {
            let a = exported.get_pixel(x, y).0;
            let b = screen.get_pixel(canvas.min.x as u32 + x, canvas.min.y as u32 + y).0;
            compared += 1;
            if a.iter().zip(b).take(3).any(|(p, q)| p.abs_diff(q) > 24) {
                differing += 1;
            }
        }
    }
    let colours: std::collections::HashSet<[u8; 4]> = (0..h_px)
        .flat_map(|y| (0..w).map(move |x| (x, y)))
        .map(|(x, y)| exported.get_pixel(x, y).0)
        .collect();
    assert!(
        colours.len() > 30,
        "the compared area shows the board, not just background"
    );
    let share = differing as f32 / compared as f32;
    assert!(
        share < 0.01,
        "{differing} of {compared} pixels differ ({:.2}%)",
        share * 100.0
    );
}

#[test]
fn labels_in_five_scripts_draw_every_glyph_in_the_png_export() {
    let (dir, path, labels) = five_scripts_board();
    // The built binary, as a user exports.
    let png = dir.path().join("five.png");
    let status = std::process::Command::new(env!("CARGO_BIN_EXE_archboard"))
        .args(["export", path.to_str().unwrap(), "-o", png.to_str().unwrap()])
        .env_remove("DISPLAY")
        .env_remove("WAYLAND_DISPLAY")
        .status()
        .unwrap();
    assert!(status.success());
    let exported = image::open(&png).unwrap().to_rgba8();
    // Every glyph against the same label drawn as replacement boxes (a private-use character no
    // font has): missing fonts would make the two the same picture.
    let board = archboard::io::load(&path).unwrap().board;
    for (i, label) in labels.iter().enumerate() {
        let mut tofu = board.clone();
        tofu.nodes[i].label = label
            .chars()
            .map(|c| if c.is_whitespace() { c } else { '\u{E000}' })
            .collect();
        let boxes = image(&tofu, Catalog::builtin(), &PngOptions::default()).unwrap();
        assert_eq!(boxes.dimensions(), exported.dimensions());
        let differing = exported.pixels().zip(boxes.pixels()).filter(|(a, b)| a != b).count();
        assert!(
            differing > 40 * label.chars().filter(|c| !c.is_whitespace()).count(),
            "{label:?}: only {differing} pixels differ from boxes"
        );
    }
    egui_kittest::image_snapshot(&exported, "export_five_scripts");
}
