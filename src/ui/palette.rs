//! The palette: every catalog service by category, searchable; click to add at the centre of
//! the view, or drag onto the canvas to place.

use egui::{CollapsingHeader, Sense, TextEdit, vec2};

use super::commands::{Command, Commands};
use crate::catalog::{Catalog, Category, Service};
use crate::render::Icons;

/// What a palette drag carries to the canvas.
#[derive(Clone, Debug)]
pub(super) struct PaletteDrag(pub String);

/// Draws the palette panel.
pub(super) fn show(ui: &mut egui::Ui, query: &mut String, icons: &mut Icons, commands: &mut Commands) {
    let catalog = Catalog::builtin();
    ui.add_space(6.0);
    let heading = ui.strong("Services").id;
    let search = ui
        .add(
            TextEdit::singleline(query)
                .hint_text("Search services (name, alias)…")
                .desired_width(f32::INFINITY)
                .id(egui::Id::unique("palette-search")),
        )
        .labelled_by(heading);
    let hits = catalog.search(query);
    if search.lost_focus()
        && ui.input(|i| i.key_pressed(egui::Key::Enter))
        && let Some(first) = hits.first()
    {
        commands.push(add(&first.id));
        query.clear();
    }
    ui.add_space(4.0);
    egui::ScrollArea::vertical().auto_shrink([false, false]).show(ui, |ui| {
        if hits.is_empty() {
            ui.weak("No service matches.");
            return;
        }
        let searching = !query.trim().is_empty();
        if searching {
            // Ranked results in one list, best first: Enter adds the top one.
            for s in &hits {
                item(ui, s, icons, commands);
            }
            return;
        }
        for cat in Category::ALL {
            let in_cat: Vec<&&Service> = hits.iter().filter(|s| s.category == cat).collect();
            if in_cat.is_empty() {
                continue;
            }
            CollapsingHeader::new(format!("{}  ({})", cat.title(), in_cat.len()))
                .id_salt(cat.title())
                .default_open(true)
                .show(ui, |ui| {
                    for s in in_cat {
                        item(ui, s, icons, commands);
                    }
                });
        }
    });
}

/// Adding `service` in the middle of the view.
fn add(service: &str) -> Command {
    Command::AddService {
        service: service.to_owned(),
        at: None,
    }
}

/// One palette row: icon and short name, with the description as tooltip.
fn item(ui: &mut egui::Ui, service: &Service, icons: &mut Icons, commands: &mut Commands) {
    let (rect, response) = ui.allocate_exact_size(vec2(ui.available_width(), 30.0), Sense::click_and_drag());
    let response = response.on_hover_ui(|ui| {
        ui.set_max_width(320.0);
        ui.strong(&service.name);
        ui.label(&service.description);
    });
    if ui.is_rect_visible(rect) {
        if response.hovered() {
            ui.painter()
                .rect_filled(rect, 4.0, ui.visuals().widgets.hovered.weak_bg_fill);
        }
        let icon = egui::Rect::from_min_size(rect.min + vec2(4.0, 3.0), vec2(24.0, 24.0));
        if let Some(tex) = icons.texture(ui.ctx(), &service.id) {
            let uv = egui::Rect::from_min_max(egui::pos2(0.0, 0.0), egui::pos2(1.0, 1.0));
            ui.painter().image(tex, icon, uv, egui::Color32::WHITE);
        }
        ui.painter().text(
            icon.right_center() + vec2(8.0, 0.0),
            egui::Align2::LEFT_CENTER,
            &service.short,
            egui::FontId::proportional(14.0),
            ui.visuals().text_color(),
        );
    }
    // Accessible name, so tests and screen readers find the item by its name.
    response.widget_info(|| egui::WidgetInfo::labeled(egui::Role::Button, true, &service.short));
    if response.clicked() {
        commands.push(add(&service.id));
    }
    if response.drag_started() {
        egui::DragAndDrop::set_payload(ui.ctx(), PaletteDrag(service.id.clone()));
    }
    if response.dragged()
        && let Some(pos) = ui.ctx().pointer_interact_pos()
        && let Some(tex) = icons.texture(ui.ctx(), &service.id)
    {
        let layer = egui::LayerId::new(egui::Order::Tooltip, egui::Id::unique("palette-ghost"));
        let r = egui::Rect::from_center_size(pos, vec2(36.0, 36.0));
        let uv = egui::Rect::from_min_max(egui::pos2(0.0, 0.0), egui::pos2(1.0, 1.0));
        ui.ctx()
            .layer_painter(layer)
            .image(tex, r, uv, egui::Color32::from_white_alpha(200));
    }
}
