//! The desktop app: a thin layer that turns input into edits and paints the board.
//!
//! The board, its history and the file live in [`Document`]; everything else here is view and
//! tool state (zoom, selection, the drag in progress) that is never saved with the board.

mod app;
mod canvas;
mod command_palette;
mod commands;
mod document;
mod files;
mod find;
mod gallery;
mod inspector;
mod numbers;
mod palette;
mod practice;
mod recent;
mod review;

pub use app::App;
pub use commands::{Command, Commands, Unsaved};
pub use document::Document;
pub use files::{FileTask, Files};

use std::path::PathBuf;

/// Opens the app window, with `file` loaded if given and the practice round's setup open if
/// `practice`. Returns when the window closes.
pub fn run(file: Option<PathBuf>, practice: bool) -> eframe::Result {
    let options = eframe::NativeOptions {
        viewport: egui::ViewportBuilder::default()
            .with_title("archboard")
            .with_inner_size([1400.0, 900.0])
            .with_min_inner_size([640.0, 400.0])
            .with_drag_and_drop(true),
        // App::new installs the system font fallback itself, the same one export and tests use.
        system_font_fallback: false,
        // Dithering hides banding in gradients the app hardly draws, and on a software GL
        // driver its noise is work for every pixel of every frame (issue 22: the empty window
        // took 25 ms of CPU a frame with it, 14 without).
        dithering: false,
        ..Default::default()
    };
    eframe::run_native(
        "archboard",
        options,
        Box::new(move |cc| {
            let mut app = App::new(&cc.egui_ctx);
            app.recent_enabled(true);
            app.clear_panels(true);
            if let Some(dir) = recent::data_dir() {
                app.recovery_enabled(dir.join("recovery"));
                app.settings_enabled(recent::Settings::store(&dir), &cc.egui_ctx);
            }
            if let Some(path) = file {
                app.open_path(&path);
            }
            if practice {
                app.send(Command::PracticeRound);
            }
            Ok(Box::new(app))
        }),
    )
}
