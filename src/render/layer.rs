//! The board as a retained picture: drawn once on the CPU into a texture a margin larger than the
//! view, then moved with the view while it pans.
//!
//! On a desktop without a GPU driver (a VM, a remote desktop, Xvfb with Mesa's llvmpipe) the GL
//! driver rasterises every triangle of every frame on the CPU, and a board of a few thousand
//! shapes costs it far more than the UI pass that made them. With the picture kept, a pan is one
//! textured quad; the board is drawn again only when its look changes (an edit, the selection,
//! the zoom, the theme, the grid) or the view leaves the drawn area. The picture is painted by the
//! same painter and the same CPU rasteriser as the PNG export, so it looks as the canvas did.

use egui::{Color32, ColorImage, Painter, Pos2, Rect as ScreenRect, TextureHandle, TextureOptions, pos2};

use super::raster::{Rasteriser, run_headless};
use super::{Icons, Marks, Theme, View};

/// Points of board drawn beyond each side of the view, so a pan within them only moves the
/// picture; more would cost more to draw each time the view leaves it.
const MARGIN: f32 = 256.0;

/// The largest picture side in pixels (GL guarantees textures of at least 2048; every desktop
/// driver, llvmpipe included, takes 8192).
const MAX_SIDE: f32 = 8192.0;

/// Everything the picture depends on besides where the view is: when any of it changes, the
/// board is drawn again.
#[derive(Clone, Debug, PartialEq)]
pub struct Look {
    /// The document's revision, which also stands for the review's badges (made from the review
    /// of this revision); a new document starts a new layer ([`Layer::forget`]).
    pub revision: u64,
    /// The view's zoom.
    pub zoom: f32,
    /// Light or dark.
    pub theme: Theme,
    /// Whether the grid is drawn under the board.
    pub grid: bool,
    /// Pixels per point of the screen.
    pub pixels_per_point: f32,
}

/// The picture on show: what it looked like and where it was drawn.
struct Shown {
    look: Look,
    /// Selection, highlights and badges; never the hovered node, which the canvas draws over the
    /// picture, so moving the pointer across cards draws nothing again.
    marks: Marks,
    /// The screen area (points) it covers at the view it was drawn for, on whole pixels.
    area: ScreenRect,
    /// The view's origin when it was drawn: the picture moves as the origin moves.
    origin: Pos2,
}

/// The retained picture of the board and what it takes to draw one: a window-less egui context
/// with the same fonts for laying out text, its textures (font atlas, icons) in a CPU rasteriser,
/// and the texture in the app's context that shows the picture.
pub struct Layer {
    ctx: egui::Context,
    raster: Rasteriser,
    icons: Icons,
    texture: Option<TextureHandle>,
    shown: Option<Shown>,
    /// The zoom of the last frame: while it changes every frame, the canvas paints directly.
    last_zoom: f32,
}

impl Default for Layer {
    fn default() -> Self {
        let ctx = egui::Context::default();
        super::fonts::install(&ctx);
        Layer {
            ctx,
            raster: Rasteriser::new(),
            icons: Icons::default(),
            texture: None,
            shown: None,
            last_zoom: f32::NAN,
        }
    }
}

impl Layer {
    /// Drops the picture (a new document: its revisions start again).
    pub fn forget(&mut self) {
        self.shown = None;
    }

    /// Shows the board in `painter`'s clip rectangle (the canvas) from the picture, drawing the
    /// picture again first when `look` or `marks` (but for the hovered node) changed or the view
    /// left it. `draw` paints the board with the given painter, view, icons and marks, as the
    /// canvas would paint it directly.
    ///
    /// Returns `false`, having painted nothing, while the zoom changes from frame to frame (a
    /// zoom gesture): a picture per frame would cost more than painting directly. A repaint is
    /// then asked for, so the picture is drawn once the zoom settles. The first picture is drawn
    /// at once: painting a large board directly is slower than drawing it on the CPU.
    pub fn paint(
        &mut self,
        painter: &Painter,
        view: &View,
        look: Look,
        marks: &Marks,
        mut draw: impl FnMut(&Painter, &View, &mut Icons, &Marks),
    ) -> bool {
        let canvas = painter.clip_rect();
        let zooming = look.zoom != self.last_zoom;
        self.last_zoom = look.zoom;
        let ppp = look.pixels_per_point;
        let fits = self.shown.as_ref().is_some_and(|s| {
            s.look == look && same_picture(&s.marks, marks) && placed(s, view, ppp).contains_rect(canvas)
        });
        if !fits {
            if zooming && self.shown.is_some() {
                painter.ctx().request_repaint();
                return false;
            }
            let Some(area) = pixel_area(canvas.expand(MARGIN), ppp) else {
                return false;
            };
            let size_px = [
                (area.width() * ppp).round() as u32,
                (area.height() * ppp).round() as u32,
            ];
            let local = View {
                origin: view.origin - area.min.to_vec2(),
                zoom: view.zoom,
            };
            let background = look.theme.palette().background;
            let marks = Marks {
                hovered: None,
                ..marks.clone()
            };
            let Layer { ctx, raster, icons, .. } = self;
            let mut output = run_headless(ctx, area.size(), ppp, |ui| {
                let p = ui
                    .painter()
                    .with_clip_rect(ScreenRect::from_min_size(Pos2::ZERO, area.size()));
                draw(&p, &local, icons, &marks);
            });
            raster.apply_textures(&output.textures_delta);
            output.textures_delta.clear();
            let primitives = ctx.tessellate(std::mem::take(&mut output.shapes), output.pixels_per_point);
            let pixels = raster.paint(&primitives, size_px, output.pixels_per_point, background);
            let image =
                ColorImage::from_rgba_premultiplied([size_px[0] as usize, size_px[1] as usize], pixels.as_raw());
            match &mut self.texture {
                Some(t) => t.set(image, TextureOptions::NEAREST),
                None => {
                    self.texture = Some(
                        painter
                            .ctx()
                            .load_texture("board-layer", image, TextureOptions::NEAREST),
                    );
                }
            }
            self.shown = Some(Shown {
                look,
                marks,
                area,
                origin: view.origin,
            });
        }
        let (Some(shown), Some(texture)) = (&self.shown, &self.texture) else {
            return false;
        };
        let at = placed(shown, view, ppp);
        let uv = ScreenRect::from_min_max(pos2(0.0, 0.0), pos2(1.0, 1.0));
        painter.image(texture.id(), at, uv, Color32::WHITE);
        true
    }
}

/// Whether marks draw the same picture: all but the hovered node, which is drawn over it. The
/// badges follow the review, hence the revision in [`Look`]: only their count is compared, as
/// comparing a 100,000-node board's badges took a fifth of its frame.
fn same_picture(a: &Marks, b: &Marks) -> bool {
    a.selection == b.selection && a.highlighted == b.highlighted && a.badges.len() == b.badges.len()
}

/// Where the picture goes for `view`: moved as the origin moved since it was drawn, by whole
/// pixels so each texel lands on one pixel.
fn placed(shown: &Shown, view: &View, ppp: f32) -> ScreenRect {
    let shift = ((view.origin - shown.origin) * ppp).round() / ppp;
    shown.area.translate(shift)
}

/// `area` grown to whole pixels at `ppp`, or `None` when it is empty or too large for a texture.
pub(super) fn pixel_area(area: ScreenRect, ppp: f32) -> Option<ScreenRect> {
    let min = (area.min.to_vec2() * ppp).floor();
    let max = (area.max.to_vec2() * ppp).ceil();
    let size = max - min;
    (size.x >= 1.0 && size.y >= 1.0 && size.x <= MAX_SIDE && size.y <= MAX_SIDE)
        .then(|| ScreenRect::from_min_max((min / ppp).to_pos2(), (max / ppp).to_pos2()))
}
