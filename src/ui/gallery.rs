//! The preset gallery: the reference architectures with live thumbnails, to open as a new
//! board or insert beside the current one.

use egui::{RichText, Sense, vec2};

use crate::catalog::Catalog;
use crate::history::ops;
use crate::presets;
use crate::render::{self, Icons, Marks, Theme, View};

/// What the user chose in the gallery.
pub(super) enum Choice {
    Open(String),
    Insert(String),
}

/// Draws the gallery window while `open`; returns the user's choice, if any.
pub(super) fn show(
    ctx: &egui::Context,
    open: &mut bool,
    query: &mut String,
    icons: &mut Icons,
    theme: Theme,
) -> Option<Choice> {
    let mut choice = None;
    let mut still_open = *open;
    egui::Window::new("Reference architectures")
        .open(&mut still_open)
        .default_size([720.0, 560.0])
        .collapsible(false)
        .show(ctx, |ui| {
            let heading = ui.label("Search").id;
            ui.add(
                egui::TextEdit::singleline(query)
                    .hint_text("title, tag or service")
                    .desired_width(f32::INFINITY),
            )
            .labelled_by(heading);
            let words = query.to_lowercase();
            egui::ScrollArea::vertical().auto_shrink([false, false]).show(ui, |ui| {
                for p in presets::all() {
                    let hay = format!("{} {} {} {}", p.id, p.title, p.tags.join(" "), p.description).to_lowercase();
                    if !words.split_whitespace().all(|w| hay.contains(w)) {
                        continue;
                    }
                    ui.horizontal(|ui| {
                        thumbnail(ui, &p.id, icons, theme);
                        ui.vertical(|ui| {
                            let kind = if p.starter { "  · practice starter" } else { "" };
                            ui.label(RichText::new(format!("{}{kind}", p.title)).strong());
                            ui.label(RichText::new(p.tags.join(" · ")).small().weak());
                            ui.label(&p.description);
                            ui.horizontal(|ui| {
                                if ui
                                    .button(format!("Open {}", p.title))
                                    .on_hover_text("As a new board")
                                    .clicked()
                                {
                                    choice = Some(Choice::Open(p.id.clone()));
                                }
                                if ui
                                    .button(format!("Insert {}", p.title))
                                    .on_hover_text("Beside what is on this board")
                                    .clicked()
                                {
                                    choice = Some(Choice::Insert(p.id.clone()));
                                }
                            });
                        });
                    });
                    ui.separator();
                }
            });
        });
    *open = still_open && choice.is_none();
    choice
}

/// A small live picture of a preset, drawn by the canvas's own painter.
fn thumbnail(ui: &mut egui::Ui, id: &str, icons: &mut Icons, theme: Theme) {
    let (rect, _) = ui.allocate_exact_size(vec2(200.0, 130.0), Sense::hover());
    if !ui.is_rect_visible(rect) {
        return;
    }
    let painter = ui.painter_at(rect);
    painter.rect_filled(rect, 6.0, theme.palette().background);
    let Ok(board) = presets::board(id) else { return };
    if let Some(bounds) = board.bounds() {
        let view = View::fit(bounds, rect, 6.0);
        render::paint(
            &painter,
            &board,
            Catalog::builtin(),
            icons,
            &view,
            theme,
            &Marks::default(),
        );
    }
}

/// The edit that inserts a preset beside the current board, and the ids it added.
pub(super) fn insert(board: &crate::model::Board, id: &str) -> Result<ops::Inserted, String> {
    let other = presets::board(id)?;
    let offset = ops::place_beside(board, &other);
    Ok(ops::insert_with_ids(board, &other, offset))
}
