//! Shared test setup: the app in a kittest harness rendered by our CPU rasteriser, and
//! gestures as a person makes them.

#![allow(dead_code)]

pub(crate) mod mutate;

use archboard::model::Point;
use archboard::render::raster::Rasteriser;
use archboard::ui::App;
use egui::{Event, Modifiers, PointerButton, Pos2, TexturesDelta};
use egui_kittest::{Harness, TestRenderer};

/// `egui_kittest`'s renderer backed by archboard's CPU rasteriser: snapshots need no GPU.
#[derive(Default)]
pub(crate) struct CpuRenderer(Rasteriser);

impl TestRenderer for CpuRenderer {
    fn handle_delta(&mut self, delta: &mut TexturesDelta) {
        self.0.apply_textures(delta);
        delta.clear();
    }

    fn render(&mut self, _ctx: &egui::Context, output: &egui::FullOutput) -> Result<image::RgbaImage, String> {
        let ctx = _ctx;
        let primitives = ctx.tessellate(output.shapes.clone(), output.pixels_per_point);
        let size = ctx.content_rect().size() * output.pixels_per_point;
        Ok(self.0.paint(
            &primitives,
            [size.x.round() as u32, size.y.round() as u32],
            output.pixels_per_point,
            egui::Color32::TRANSPARENT,
        ))
    }
}

/// The whole app at 1280×800 points, rendered on the CPU.
pub(crate) fn app() -> Harness<'static, App> {
    Harness::builder()
        .with_size(egui::vec2(1280.0, 800.0))
        .with_step_dt(1.0 / 60.0)
        .renderer(CpuRenderer::default())
        .build_eframe(|cc| {
            let mut app = App::new(&cc.egui_ctx);
            app.files = archboard::ui::Files::typed_only(); // no system dialogs from tests
            app
        })
}

/// The app with a board file from the presets or fixtures loaded, fitted to the canvas.
pub(crate) fn app_with(path: &std::path::Path) -> Harness<'static, App> {
    let mut h = app();
    h.state_mut().open_path(path);
    h.run();
    h
}

/// Where a node's centre is on screen.
pub(crate) fn screen_of(h: &Harness<'_, App>, id: &str) -> Pos2 {
    let app = h.state();
    let n = app.doc.board.node(id).unwrap_or_else(|| panic!("no node {id}"));
    app.canvas.view.to_screen(n.at)
}

/// A world point on screen.
pub(crate) fn screen_at(h: &Harness<'_, App>, p: Point) -> Pos2 {
    h.state().canvas.view.to_screen(p)
}

/// Presses at `from`, moves in steps to `to` and releases, as a hand would.
pub(crate) fn drag(h: &mut Harness<'_, App>, from: Pos2, to: Pos2, modifiers: Modifiers) {
    press_and_move(h, from, to, modifiers);
    release(h, to, modifiers);
}

/// Presses the primary button at `from` and moves in steps to `to` without letting go: the
/// first half of a drag, so a test can press keys in the middle of it.
pub(crate) fn press_and_move(h: &mut Harness<'_, App>, from: Pos2, to: Pos2, modifiers: Modifiers) {
    h.event(Event::PointerMoved(from));
    h.run_steps(2);
    h.event_modifiers(
        Event::PointerButton {
            pos: from,
            button: PointerButton::Primary,
            pressed: true,
            modifiers,
        },
        modifiers,
    );
    h.run_steps(1);
    move_to(h, from, to);
}

/// Moves the pointer in steps from `from` to `to` (with whatever buttons are held).
pub(crate) fn move_to(h: &mut Harness<'_, App>, from: Pos2, to: Pos2) {
    for i in 1..=6 {
        let t = i as f32 / 6.0;
        h.event(Event::PointerMoved(from + (to - from) * t));
        h.run_steps(1);
    }
}

/// Lets go of the primary button at `at`: the end of a drag.
pub(crate) fn release(h: &mut Harness<'_, App>, at: Pos2, modifiers: Modifiers) {
    h.event_modifiers(
        Event::PointerButton {
            pos: at,
            button: PointerButton::Primary,
            pressed: false,
            modifiers,
        },
        modifiers,
    );
    h.run_steps(2);
}

/// A plain click at a screen position.
pub(crate) fn click_at(h: &mut Harness<'_, App>, at: Pos2, modifiers: Modifiers) {
    h.event(Event::PointerMoved(at));
    h.run_steps(1);
    h.event_modifiers(
        Event::PointerButton {
            pos: at,
            button: PointerButton::Primary,
            pressed: true,
            modifiers,
        },
        modifiers,
    );
    h.event_modifiers(
        Event::PointerButton {
            pos: at,
            button: PointerButton::Primary,
            pressed: false,
            modifiers,
        },
        modifiers,
    );
    h.run_steps(2);
}

/// Path of a file under `tests/fixtures`.
pub(crate) fn fixture(name: &str) -> std::path::PathBuf {
    std::path::Path::new(env!("CARGO_MANIFEST_DIR"))
        .join("tests/fixtures")
        .join(name)
}

/// Property tests run 64 cases, or `PROPTEST_CASES` when set (for a long run).
pub(crate) fn proptest_config() -> proptest::prelude::ProptestConfig {
    let cases = std::env::var("PROPTEST_CASES")
        .ok()
        .and_then(|v| v.parse().ok())
        .unwrap_or(64);
    proptest::prelude::ProptestConfig::with_cases(cases)
}

/// A board with one node per script (Latin with arrows and check marks, Chinese, Japanese,
/// Korean, emoji) in a row, saved to a file in a fresh folder: text the fallback fonts must draw.
pub(crate) fn five_scripts_board() -> (tempfile::TempDir, std::path::PathBuf, Vec<String>) {
    use archboard::model::{Board, Node};
    let labels = ["API → ✔", "中文 服务", "日本語 キュー", "한국어 큐", "🚀 launch"];
    let mut board = Board::new("Five scripts → ✔ 中文 日本語 한국어 🚀");
    for (i, label) in labels.iter().enumerate() {
        board.nodes.push(Node::new(
            format!("n{i}"),
            "lambda",
            *label,
            Point(i as f32 * 200.0, 0.0),
        ));
    }
    let dir = tempfile::tempdir().expect("a temp dir");
    let path = dir.path().join("five.ron");
    archboard::io::save(&path, &board).expect("saved");
    (dir, path, labels.iter().map(|l| l.to_string()).collect())
}

/// The ink inside each glyph's box of every text shape whose text is `label` in the frame last
/// shown, measured on `image` (the same frame rendered at 1 pixel per point).
pub(crate) fn label_ink(output: &egui::FullOutput, image: &image::RgbaImage, label: &str) -> Vec<(char, usize)> {
    let mut found = Vec::new();
    for clipped in &output.shapes {
        if let egui::epaint::Shape::Text(t) = &clipped.shape
            && t.galley.job.text == label
        {
            found.extend(archboard::render::fonts::ink_per_glyph(image, &t.galley, t.pos));
        }
    }
    assert!(!found.is_empty(), "no text {label:?} drawn");
    found
}
