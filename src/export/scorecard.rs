//! The scorecard as a panel beside the board in a PNG (`export --scorecard`): the same lines as
//! the app's scorecard window and the Markdown, drawn by egui on the CPU like the board itself.

use egui::{Color32, RichText, vec2};
use image::RgbaImage;

use crate::practice::Scorecard;
use crate::render::Theme;
use crate::render::raster::headless_frame;

/// The panel's width in points.
const WIDTH: f32 = 560.0;
/// The tallest panel drawn, in points; a longer scorecard is cut at the bottom.
const MAX_HEIGHT: f32 = 4000.0;

/// `picture` with the scorecard's panel on its right, at `ppp` pixels per point, in `theme`'s
/// colours; the image grows to the taller of the two.
pub fn with_scorecard(picture: &RgbaImage, card: &Scorecard, theme: Theme, ppp: f32) -> RgbaImage {
    let panel = panel(card, theme, ppp.clamp(1.0, 4.0));
    let (w, h) = (picture.width() + panel.width(), picture.height().max(panel.height()));
    let mut out = RgbaImage::from_pixel(w, h, to_rgba(theme.palette().background));
    image::imageops::replace(&mut out, picture, 0, 0);
    image::imageops::replace(&mut out, &panel, i64::from(picture.width()), 0);
    out
}

fn to_rgba(c: Color32) -> image::Rgba<u8> {
    image::Rgba(c.to_array())
}

/// The scorecard laid out in a column, cropped to the height it takes.
fn panel(card: &Scorecard, theme: Theme, ppp: f32) -> RgbaImage {
    let ctx = egui::Context::default();
    crate::render::fonts::install(&ctx);
    ctx.set_theme(match theme {
        Theme::Light => egui::Theme::Light,
        Theme::Dark => egui::Theme::Dark,
    });
    let mut used = 0.0f32;
    let (raster, primitives, ppp) = headless_frame(&ctx, vec2(WIDTH, MAX_HEIGHT), ppp, |ui| {
        egui::Frame::new().inner_margin(16.0).show(ui, |ui| {
            ui.set_width(WIDTH - 32.0);
            ui.label(RichText::new(format!("Scorecard: {}", card.title)).strong().size(18.0));
            ui.add_space(6.0);
            lines(ui, card, false);
        });
        used = ui.min_rect().bottom();
    });
    let size = [
        (WIDTH * ppp).ceil() as u32,
        ((used + 8.0).min(MAX_HEIGHT) * ppp).ceil() as u32,
    ];
    raster.paint(&primitives, size, ppp, theme.palette().background)
}

/// The scorecard's lines as the app's window and the PNG panel both show them. With `links`,
/// a line that names nodes is a link; returns the nodes of the one clicked.
pub(crate) fn lines(ui: &mut egui::Ui, card: &Scorecard, links: bool) -> Option<Vec<String>> {
    let mut clicked = None;
    for (dimension, lines) in &card.dimensions {
        ui.label(RichText::new(dimension.title()).strong());
        for line in lines {
            let (mark, colour) = if line.good {
                ("✔ shows", Color32::from_rgb(0x1e, 0x8e, 0x3e))
            } else {
                ("✘ lacks", Color32::from_rgb(0xc5, 0x22, 0x1f))
            };
            ui.horizontal_wrapped(|ui| {
                ui.label(RichText::new(mark).color(colour));
                if links && !line.nodes.is_empty() {
                    if ui.link(&line.text).on_hover_text("Show on the board").clicked() {
                        clicked = Some(line.nodes.clone());
                    }
                } else {
                    ui.label(&line.text);
                }
            });
        }
        ui.add_space(4.0);
    }
    ui.label(RichText::new("Red flags").strong());
    if card.red_flags.is_empty() {
        ui.label("None.");
    }
    for flag in &card.red_flags {
        ui.label(format!("{}: {}", flag.dimension.red_flag(), flag.why));
    }
    if !card.timing.is_empty() {
        ui.add_space(4.0);
        ui.label(RichText::new("Time per phase").strong());
        egui::Grid::new("timing").striped(true).show(ui, |ui| {
            for (phase, planned, spent) in &card.timing {
                ui.label(phase.title());
                ui.label(format!("{planned:.1} min planned"));
                ui.label(format!("{spent:.1} min spent"));
                ui.end_row();
            }
        });
    }
    clicked
}
