//! Fonts for text in any script: egui's bundled fonts first (so the look does not change), then
//! the system's own fonts, found on demand for a character the bundled ones lack (arrows, check
//! marks, Chinese, Japanese, Korean, emoji). The app, the PNG export and the UI tests install the
//! same fallback through [`install`], so a label looks the same on screen and in a picture.

use std::sync::{Arc, LazyLock};

use egui_system_font_provider::SystemFontProvider;

/// One provider for the whole process: it lists the system fonts once, on a background thread,
/// and every context (the window, each export, each test harness) shares what it found.
static SYSTEM_FONTS: LazyLock<Arc<SystemFontProvider>> = LazyLock::new(|| Arc::new(SystemFontProvider::new()));

/// Adds the system font fallback to `ctx`, after the bundled fonts.
///
/// Call once per context, before its first frame: the window's at start, a headless export's and
/// a test harness's when they are made. A character that no font on the machine has is drawn as
/// the bundled font's replacement box, never left blank.
pub fn install(ctx: &egui::Context) {
    ctx.add_font_provider(SYSTEM_FONTS.clone());
}

/// A label in five scripts: Latin with an arrow and a check mark, Chinese, Japanese, Korean and
/// emoji. The tests draw it on the canvas, in the PNG export and here.
pub const FIVE_SCRIPTS: &str = "API → ✔ 中文 日本語 한국어 🚀";

/// How many pixels inside each glyph's box differ from the box's most common colour (the
/// background behind the text), one count per character of `galley` laid out at `origin` (in
/// pixels): a drawn glyph has ink, a blank has none. The tests measure text in any script with it
/// on the canvas, in the PNG export and here.
pub fn ink_per_glyph(image: &image::RgbaImage, galley: &egui::Galley, origin: egui::Pos2) -> Vec<(char, usize)> {
    galley
        .rows
        .iter()
        .flat_map(|r| r.row.glyphs.iter().map(move |g| (r.pos, g)))
        .map(|(row, g)| {
            let min = origin + row.to_vec2() + g.pos.to_vec2() - egui::vec2(0.0, g.font_ascent);
            let (x0, y0) = (min.x.max(0.0) as u32, min.y.max(0.0) as u32);
            let x1 = ((min.x + g.advance_width).ceil() as u32).min(image.width());
            let y1 = ((min.y + g.font_height).ceil() as u32).min(image.height());
            let pixels: Vec<[u8; 4]> = (x0..x1)
                .flat_map(|x| (y0..y1).map(move |y| (x, y)))
                .map(|(x, y)| image.get_pixel(x, y).0)
                .collect();
            let mut counts = std::collections::HashMap::new();
            for p in &pixels {
                *counts.entry(*p).or_insert(0usize) += 1;
            }
            let background = counts.into_iter().max_by_key(|&(p, n)| (n, p)).map(|(p, _)| p);
            let ink = pixels.iter().filter(|p| Some(**p) != background).count();
            (g.chr, ink)
        })
        .collect()
}

#[cfg(test)]
mod tests {
    use egui::{Align2, Color32, FontId, pos2, vec2};

    use super::{FIVE_SCRIPTS, ink_per_glyph, install};
    use crate::render::raster::headless_frame;

    /// Every character of the label has a font (none is drawn as the replacement box) and ink
    /// inside its own box; a character no font has (private use U+E000) is a visible box.
    #[test]
    fn a_label_in_five_scripts_draws_every_glyph() {
        let ctx = egui::Context::default();
        install(&ctx);
        let font = FontId::proportional(24.0);
        let text = format!("{FIVE_SCRIPTS} \u{E000}");
        let mut laid_out = None;
        let (raster, primitives, ppp) = headless_frame(&ctx, vec2(480.0, 60.0), 1.0, |ui| {
            let painter = ui.painter();
            let rect = painter.text(pos2(10.0, 10.0), Align2::LEFT_TOP, &text, font.clone(), Color32::BLACK);
            laid_out = Some((
                rect.min,
                painter.layout_no_wrap(text.clone(), font.clone(), Color32::BLACK),
            ));
            for c in FIVE_SCRIPTS.chars() {
                assert!(
                    ui.fonts_mut(|f| f.has_glyph(&font, c)),
                    "no font has {c:?}: install fonts-noto-cjk, fonts-noto-color-emoji"
                );
            }
        });
        let image = raster.paint(&primitives, [480, 60], ppp, Color32::WHITE);
        let (origin, galley) = laid_out.expect("the frame ran");
        for (c, ink) in ink_per_glyph(&image, &galley, origin) {
            if !c.is_whitespace() {
                assert!(ink >= 20, "{c:?} has {ink} pixels of ink");
            }
        }
    }
}
