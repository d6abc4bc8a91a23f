//! Writing a board to a file: the output is picked by the file's name. PNG is the board painted
//! by the canvas's own code into a headless egui context and rasterised on the CPU, so it works
//! with no window, display or GPU; SVG is the same display list written as vector shapes;
//! `.mmd` is a mermaid flowchart; `.drawio` and `.excalidraw` are diagrams those tools open as
//! boxes with arrows attached.

pub mod replay;
mod scorecard;

pub(crate) use scorecard::lines as scorecard_lines;
pub use scorecard::with_scorecard;

use egui::{Color32, pos2, vec2};
use image::RgbaImage;

use crate::catalog::Catalog;
use crate::critique;
use crate::model::{Board, Rect};
use crate::render::raster::headless_frame;
use crate::render::svg::{Page, svg};
use crate::render::{DisplayList, Icons, Marks, Scope, Theme, View, display_list, paint};

/// Space around the board in an export, in world units.
pub const MARGIN: f32 = 40.0;
/// The largest image side in pixels; bigger boards are scaled down to fit.
pub const MAX_SIDE: u32 = 12_000;
/// The largest image in pixels (36 Mpx, 144 MB of RGBA); bigger boards are scaled down to fit.
pub const MAX_PIXELS: u64 = 36_000_000;

/// How to export a PNG.
#[derive(Clone, Debug)]
pub struct PngOptions {
    /// Pixels per world unit, 1 to 4.
    pub scale: f32,
    /// Light or dark colours, as on screen.
    pub theme: Theme,
    /// Leave the background transparent instead of the theme's colour.
    pub transparent: bool,
    /// Draw the review's badges on flagged nodes.
    pub badges: bool,
    /// Export only this area of the world instead of the whole board.
    pub selection: Option<Rect>,
}

impl Default for PngOptions {
    fn default() -> Self {
        PngOptions {
            scale: 2.0,
            theme: Theme::Light,
            transparent: false,
            badges: false,
            selection: None,
        }
    }
}

/// Why an export failed.
#[derive(Debug, thiserror::Error)]
pub enum ExportError {
    #[error(
        "the board spans {w:.0} × {h:.0} world units, too large to export even scaled down (at most {MAX_SIDE} pixels a side); move far-away nodes closer"
    )]
    /// The board is too large for an image even at the smallest scale.
    TooLarge {
        /// The board's width in world units.
        w: f32,
        /// Its height.
        h: f32,
    },
    /// The image encoder failed (rare: out of memory).
    #[error("cannot encode the PNG: {0}")]
    Encode(String),
    /// A replay was asked of a board with no recorded round.
    #[error("the board holds no practice round to replay (rounds are recorded by File > Practice round)")]
    NoRound,
    /// The output's extension names no format archboard writes.
    #[error("{0}: the output must end in .png, .svg, .mmd, .drawio or .excalidraw")]
    UnknownFormat(String),
}

/// The scale actually used for `area` at the requested scale: reduced to stay within
/// [`MAX_SIDE`] and [`MAX_PIXELS`]. Errors when even a tiny scale would not fit.
pub fn fitted_scale(area: Rect, requested: f32) -> Result<f32, ExportError> {
    let side = area.w.max(area.h).max(1.0);
    let mut scale = requested.min(MAX_SIDE as f32 / side);
    let pixels = (area.w * scale) as f64 * (area.h * scale) as f64;
    if pixels > MAX_PIXELS as f64 {
        scale *= (MAX_PIXELS as f64 / pixels).sqrt() as f32;
    }
    if !area.is_finite() || scale < 0.02 {
        return Err(ExportError::TooLarge { w: area.w, h: area.h });
    }
    Ok(scale)
}

/// The area an export covers: the board (or selection) with a margin.
pub fn export_area(board: &Board, options: &PngOptions) -> Rect {
    options
        .selection
        .or_else(|| board.bounds())
        .unwrap_or(Rect {
            x: 0.0,
            y: 0.0,
            w: 320.0,
            h: 200.0,
        })
        .expand(MARGIN)
}

/// Rows of pixels painted at a time. The shapes and meshes of one band are all that is held
/// besides the image, so peak memory follows the picture, not the board: a 200,000-node board
/// needs no more than a 2,000-node one of the same picture size.
const BAND_ROWS: u32 = 512;

/// Paints `board` into an image with the canvas's painter, on the CPU, a band of rows at a time.
pub fn image(board: &Board, catalog: &Catalog, options: &PngOptions) -> Result<RgbaImage, ExportError> {
    let area = export_area(board, options);
    let scale = fitted_scale(area, options.scale)?;
    let size_px = [
        (area.w * scale).ceil().max(1.0) as u32,
        (area.h * scale).ceil().max(1.0) as u32,
    ];
    let marks = marks(board, catalog, options);
    let mut image = RgbaImage::new(size_px[0], size_px[1]);
    for y0 in (0..size_px[1]).step_by(BAND_ROWS as usize) {
        let rows = BAND_ROWS.min(size_px[1] - y0);
        let band = Rect {
            y: area.y + y0 as f32 / scale,
            h: rows as f32 / scale,
            ..area
        };
        let pixels = paint_area(board, catalog, options, &marks, band, scale, [size_px[0], rows]);
        image::imageops::replace(&mut image, &pixels, 0, i64::from(y0));
    }
    Ok(image)
}

/// Paints the world `area` of `board` into an image of `size_px` at `scale` pixels per world unit.
fn paint_area(
    board: &Board,
    catalog: &Catalog,
    options: &PngOptions,
    marks: &Marks,
    area: Rect,
    scale: f32,
    size_px: [u32; 2],
) -> RgbaImage {
    let ctx = egui::Context::default();
    crate::render::fonts::install(&ctx);
    ctx.set_theme(match options.theme {
        Theme::Light => egui::Theme::Light,
        Theme::Dark => egui::Theme::Dark,
    });
    // Scaled down, the board is drawn as the canvas draws it zoomed out to that size (far-out
    // nodes as tiles, no unreadable text); otherwise at zoom 1 with `scale` pixels per point, so
    // text is laid out as on screen and rendered crisp.
    let (zoom, ppp) = if scale < 1.0 { (scale, 1.0) } else { (1.0, scale) };
    let points = vec2(size_px[0] as f32, size_px[1] as f32) / ppp;
    let mut icons = Icons::default();
    let view = View {
        origin: pos2(-area.x * zoom, -area.y * zoom),
        zoom,
    };
    let (raster, primitives, ppp) = headless_frame(&ctx, points, ppp, |ui| {
        let painter = ui
            .painter()
            .with_clip_rect(egui::Rect::from_min_size(pos2(0.0, 0.0), points));
        paint(&painter, board, catalog, &mut icons, &view, options.theme, marks);
    });
    let background = if options.transparent {
        Color32::TRANSPARENT
    } else {
        options.theme.palette().background
    };
    raster.paint(&primitives, size_px, ppp, background)
}

/// The marks an export draws: the edges' routes, the review's badges when asked for, never the
/// selection.
fn marks(board: &Board, catalog: &Catalog, options: &PngOptions) -> Marks {
    // Routed once for the whole picture, not once per band of rows.
    let mut marks = Marks {
        routes: Some(std::sync::Arc::new(crate::layout::route::route(board))),
        ..Marks::default()
    };
    if options.badges {
        marks.set_badges(&critique::review(board, catalog));
    }
    marks
}

/// The board as an SVG document, with the same area, theme, background and badges as the PNG
/// `options` would give.
pub fn svg_text(board: &Board, catalog: &Catalog, options: &PngOptions) -> String {
    let marks = marks(board, catalog, options);
    let list: DisplayList<'_> = display_list(board, catalog, options.theme, &marks, Scope::ALL);
    let area = export_area(board, options);
    let page = Page {
        // A board with a node at infinity still gets a page, as the PNG gets an error.
        area: if area.is_finite() {
            area
        } else {
            Rect {
                x: 0.0,
                y: 0.0,
                w: 320.0,
                h: 200.0,
            }
        },
        title: &board.title,
        background: (!options.transparent).then(|| options.theme.palette().background),
    };
    svg(&list, &page)
}

/// The board as PNG bytes.
pub fn png(board: &Board, catalog: &Catalog, options: &PngOptions) -> Result<Vec<u8>, ExportError> {
    png_bytes(&image(board, catalog, options)?)
}

/// A picture as PNG bytes.
pub fn png_bytes(picture: &RgbaImage) -> Result<Vec<u8>, ExportError> {
    let mut bytes = Vec::new();
    picture
        .write_to(&mut std::io::Cursor::new(&mut bytes), image::ImageFormat::Png)
        .map_err(|e| ExportError::Encode(e.to_string()))?;
    Ok(bytes)
}

/// The board in the format `path`'s extension names: PNG (with `options`), SVG (in
/// `options.theme`), a mermaid flowchart (`.mmd`), a draw.io diagram (`.drawio`) or an
/// Excalidraw scene (`.excalidraw`). The one place app and command line choose.
pub fn encode(
    path: &std::path::Path,
    board: &Board,
    catalog: &Catalog,
    options: &PngOptions,
) -> Result<Vec<u8>, ExportError> {
    let ext = path.extension().and_then(|e| e.to_str()).map(str::to_ascii_lowercase);
    match ext.as_deref() {
        Some("png") => png(board, catalog, options),
        Some("svg") => Ok(svg_text(board, catalog, options).into_bytes()),
        Some("mmd" | "mermaid") => Ok(crate::mermaid::export(board).into_bytes()),
        Some("drawio" | "dio") => Ok(crate::interop::drawio::export(board, catalog).into_bytes()),
        Some("excalidraw") => Ok(crate::interop::excalidraw::export(board, catalog).into_bytes()),
        _ => Err(ExportError::UnknownFormat(path.display().to_string())),
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::model::{Node, Point};

    /// A card straddling the seam between two bands is painted as one: the rows either side of
    /// the seam match.
    #[test]
    fn bands_join_without_a_seam() {
        let mut board = Board::new("tall");
        board.nodes.push(Node::new("top", "s3", "Top", Point(0.0, 0.0)));
        board.nodes.push(Node::new("bottom", "s3", "Bottom", Point(0.0, 600.0)));
        let options = PngOptions {
            scale: 1.0,
            ..PngOptions::default()
        };
        let area = export_area(&board, &options);
        // The card at y = 200 world units spans the first seam once `seam` px are painted.
        let seam = BAND_ROWS;
        let mut straddler = Node::new("mid", "lambda", "Mid", Point(0.0, 0.0));
        straddler.at = Point(0.0, area.y + seam as f32 - 30.0);
        board.nodes.push(straddler);
        let img = image(&board, Catalog::builtin(), &options).expect("paints");
        assert!(img.height() > seam, "more than one band");
        let x = ((board.nodes[2].at.0 - area.x) + 60.0) as u32;
        assert_eq!(
            img.get_pixel(x, seam - 1),
            img.get_pixel(x, seam),
            "column {x} across the seam"
        );
        assert_eq!(img.get_pixel(x, seam - 2), img.get_pixel(x, seam + 1));
    }
}
