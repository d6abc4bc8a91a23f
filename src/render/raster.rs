//! CPU rasteriser for egui's tessellated output, so export and snapshot tests need no GPU or display.
//!
//! It follows egui's own GPU renderers: vertex colours and textures are premultiplied sRGB, colours
//! are interpolated and blended in gamma space (`out = src + dst * (1 - src.a)`), anti-aliasing comes
//! from egui's feathered edges, so each pixel is sampled once at its centre. Triangles are scan
//! converted with exact fixed-point edge functions (1/256 pixel) and a top-left style tie rule, so two
//! triangles sharing an edge never both cover, nor both miss, a pixel on it.

use std::collections::{HashMap, HashSet};
use std::num::NonZeroUsize;

use egui::epaint::{Primitive, Vertex};
use egui::{ClippedPrimitive, Color32, ImageData, TextureFilter, TextureId, TextureWrapMode, TexturesDelta};

/// Sub-pixel steps per pixel for snapped vertex positions (GPUs use 8 bits too).
const SUBPIXEL: i64 = 256;

/// Vertices further than this from the origin (pixels) are clamped so edge functions fit in `i64`.
const COORD_LIMIT: f32 = (1 << 20) as f32;

/// Images with fewer pixels than this are painted on one thread: spawning costs more than it saves.
const THREADED_MIN_PIXELS: usize = 512 * 512;

/// At most this many threads paint one image, each a band of rows.
const MAX_THREADS: usize = 4;

/// How many threads paint one image on the CPU, each a band of rows: the cores, up to
/// [`MAX_THREADS`]. The rasteriser and the far-out picture share it.
pub(crate) fn painting_threads() -> usize {
    std::thread::available_parallelism()
        .map_or(1, NonZeroUsize::get)
        .min(MAX_THREADS)
}

/// One texture as egui uploaded it: premultiplied sRGB texels and how to sample them.
struct Texture {
    /// Width and height in texels.
    size: [usize; 2],
    /// Row-major premultiplied texels, `size[0] * size[1]` of them.
    pixels: Vec<Color32>,
    /// Filters and wrap mode from egui.
    options: egui::TextureOptions,
}

/// Paints egui's tessellated meshes into an [`image::RgbaImage`] on the CPU.
///
/// Keep one per `egui::Context`: it holds the textures (font atlas, images) that egui uploads in
/// [`egui::TexturesDelta`]s, which arrive once and are then only updated.
#[derive(Default)]
pub struct Rasteriser {
    /// Textures egui has set and not yet freed.
    textures: HashMap<TextureId, Texture>,
    /// Textures freed by the last delta; egui frees *after* painting, so they go at the next delta.
    pending_free: HashSet<TextureId>,
}

impl Rasteriser {
    /// Create a rasteriser with no textures; the first frame's delta brings the font atlas.
    #[must_use]
    pub fn new() -> Self {
        Self::default()
    }

    /// Apply (set, including partial updates with `pos`) and free textures; the caller then clears the delta.
    ///
    /// egui asks for frees to happen after the frame is painted, so the ids in `delta.free` stay
    /// usable by the next [`Self::paint`] and are dropped at the start of the next call. A partial
    /// update of a texture that does not exist, or an image whose pixel count does not match its
    /// size, is ignored (egui never sends one; a GPU backend would panic).
    pub fn apply_textures(&mut self, delta: &TexturesDelta) {
        for id in self.pending_free.drain() {
            self.textures.remove(&id);
        }
        for (id, image_deltas) in &delta.set {
            for image_delta in image_deltas {
                self.set_texture(*id, image_delta);
            }
        }
        self.pending_free.extend(delta.free.iter().copied());
    }

    /// Apply one whole or partial texture image.
    fn set_texture(&mut self, id: TextureId, delta: &egui::epaint::ImageDelta) {
        let ImageData::Color(image) = &delta.image;
        let [w, h] = image.size;
        if image.pixels.len() != w * h {
            return;
        }
        match delta.pos {
            None => {
                self.textures.insert(
                    id,
                    Texture {
                        size: [w, h],
                        pixels: image.pixels.clone(),
                        options: delta.options,
                    },
                );
            }
            Some([x, y]) => {
                let Some(texture) = self.textures.get_mut(&id) else {
                    return;
                };
                texture.options = delta.options;
                let [tw, th] = texture.size;
                if x >= tw || y >= th {
                    return;
                }
                let copy_w = w.min(tw - x);
                for row in 0..h.min(th - y) {
                    let src = &image.pixels[row * w..row * w + copy_w];
                    let start = (y + row) * tw + x;
                    texture.pixels[start..start + copy_w].copy_from_slice(src);
                }
            }
        }
    }

    /// Paint tessellated primitives into a new image of `size_px` (width, height) filled with `background` (premultiplied), at `pixels_per_point`.
    ///
    /// Mesh positions and clip rectangles are in points. Meshes whose texture is unknown and paint
    /// callbacks are skipped, as egui's GPU backends do. The result is straight (un-premultiplied)
    /// RGBA, ready for PNG; with an opaque background it equals the premultiplied framebuffer.
    #[must_use]
    pub fn paint(
        &self,
        primitives: &[ClippedPrimitive],
        size_px: [u32; 2],
        pixels_per_point: f32,
        background: Color32,
    ) -> image::RgbaImage {
        let mut image = image::RgbaImage::from_pixel(size_px[0], size_px[1], image::Rgba(background.to_array()));
        let width = size_px[0] as usize;
        let height = size_px[1] as usize;
        if width == 0 || height == 0 || !pixels_per_point.is_finite() || pixels_per_point <= 0.0 {
            unpremultiply(&mut image);
            return image;
        }
        let frame = Frame {
            width,
            height,
            pixels_per_point,
        };
        let threads = if width * height < THREADED_MIN_PIXELS {
            1
        } else {
            painting_threads()
        };
        let buffer: &mut [u8] = &mut image;
        if threads <= 1 {
            self.paint_band(primitives, &frame, Band { y0: 0, pixels: buffer });
        } else {
            let rows_per_band = height.div_ceil(threads);
            std::thread::scope(|scope| {
                for (i, pixels) in buffer.chunks_mut(rows_per_band * width * 4).enumerate() {
                    let frame = &frame;
                    scope.spawn(move || {
                        self.paint_band(
                            primitives,
                            frame,
                            Band {
                                y0: i * rows_per_band,
                                pixels,
                            },
                        )
                    });
                }
            });
        }
        unpremultiply(&mut image);
        image
    }

    /// Paint every primitive, in order, into the rows of one band.
    fn paint_band(&self, primitives: &[ClippedPrimitive], frame: &Frame, mut band: Band<'_>) {
        let band_rows = band.pixels.len() / (4 * frame.width);
        let band_end = band.y0 + band_rows;
        for clipped in primitives {
            let Primitive::Mesh(mesh) = &clipped.primitive else {
                continue;
            };
            let Some(texture) = self.textures.get(&mesh.texture_id) else {
                continue;
            };
            let Some(clip) = PixelRect::from_clip(clipped.clip_rect, frame) else {
                continue;
            };
            let clip = PixelRect {
                y0: clip.y0.max(band.y0 as i64),
                y1: clip.y1.min(band_end as i64),
                ..clip
            };
            if clip.y0 >= clip.y1 {
                continue;
            }
            let sampler = Sampler::new(texture);
            for triangle in mesh.indices.chunks_exact(3) {
                let (Some(a), Some(b), Some(c)) = (
                    mesh.vertices.get(triangle[0] as usize),
                    mesh.vertices.get(triangle[1] as usize),
                    mesh.vertices.get(triangle[2] as usize),
                ) else {
                    continue;
                };
                fill_triangle(&mut band, frame, &clip, &sampler, [a, b, c]);
            }
        }
    }
}

/// The size and scale of the image being painted.
struct Frame {
    /// Width in pixels.
    width: usize,
    /// Height in pixels.
    height: usize,
    /// Pixels per point.
    pixels_per_point: f32,
}

/// A horizontal band of the image (whole rows), painted by one thread.
struct Band<'a> {
    /// Image row of the band's first row.
    y0: usize,
    /// Premultiplied RGBA bytes of the band's rows.
    pixels: &'a mut [u8],
}

/// A rectangle of whole pixels, `x0..x1` by `y0..y1`.
#[derive(Clone, Copy)]
struct PixelRect {
    x0: i64,
    y0: i64,
    x1: i64,
    y1: i64,
}

impl PixelRect {
    /// The scissor rectangle for a clip rectangle in points, rounded as egui's GPU backends do.
    fn from_clip(clip: egui::Rect, frame: &Frame) -> Option<Self> {
        let ppp = frame.pixels_per_point;
        let w = frame.width as f32;
        let h = frame.height as f32;
        let x0 = (clip.min.x * ppp).round().clamp(0.0, w);
        let y0 = (clip.min.y * ppp).round().clamp(0.0, h);
        let x1 = (clip.max.x * ppp).round().clamp(x0, w);
        let y1 = (clip.max.y * ppp).round().clamp(y0, h);
        // NaN clamps to NaN, and `as` turns NaN into 0, giving an empty rectangle.
        let rect = Self {
            x0: x0 as i64,
            y0: y0 as i64,
            x1: x1 as i64,
            y1: y1 as i64,
        };
        (rect.x0 < rect.x1 && rect.y0 < rect.y1).then_some(rect)
    }
}

/// Reads texels of one texture with its filter and wrap mode.
struct Sampler<'a> {
    /// Premultiplied texels, row-major.
    pixels: &'a [Color32],
    /// Width in texels.
    width: i64,
    /// Height in texels.
    height: i64,
    /// Filter when a texel covers more than one pixel.
    magnification: TextureFilter,
    /// Filter when a pixel covers more than one texel.
    minification: TextureFilter,
    /// What lies outside `0..1` texture coordinates.
    wrap: TextureWrapMode,
}

impl<'a> Sampler<'a> {
    /// A sampler for `texture`.
    fn new(texture: &'a Texture) -> Self {
        Self {
            pixels: &texture.pixels,
            width: texture.size[0] as i64,
            height: texture.size[1] as i64,
            magnification: texture.options.magnification,
            minification: texture.options.minification,
            wrap: texture.options.wrap_mode,
        }
    }

    /// Map a texel index onto the texture according to the wrap mode.
    fn wrap(&self, i: i64, n: i64) -> i64 {
        match self.wrap {
            TextureWrapMode::ClampToEdge => i.clamp(0, n - 1),
            TextureWrapMode::Repeat => i.rem_euclid(n),
            TextureWrapMode::MirroredRepeat => {
                let phase = i.rem_euclid(2 * n);
                phase.min(2 * n - 1 - phase)
            }
        }
    }

    /// The texel at integer texel coordinates, wrapped, as 0..255 floats.
    fn texel(&self, x: i64, y: i64) -> [f32; 4] {
        let x = self.wrap(x, self.width);
        let y = self.wrap(y, self.height);
        let [r, g, b, a] = self
            .pixels
            .get((y * self.width + x) as usize)
            .copied()
            .unwrap_or_default()
            .to_array();
        [f32::from(r), f32::from(g), f32::from(b), f32::from(a)]
    }

    /// Sample at texel-space coordinates (`uv * size`), filtered like egui's predictable GPU path.
    fn sample(&self, u: f32, v: f32, filter: TextureFilter) -> [f32; 4] {
        match filter {
            TextureFilter::Nearest => self.texel(u.floor() as i64, v.floor() as i64),
            TextureFilter::Linear => {
                let (u, v) = (u - 0.5, v - 0.5);
                let (fu, fv) = (u.floor(), v.floor());
                let (tx, ty) = (u - fu, v - fv);
                let (x, y) = (fu as i64, fv as i64);
                let tl = self.texel(x, y);
                let tr = self.texel(x + 1, y);
                let bl = self.texel(x, y + 1);
                let br = self.texel(x + 1, y + 1);
                std::array::from_fn(|i| {
                    let top = tl[i] + (tr[i] - tl[i]) * tx;
                    let bottom = bl[i] + (br[i] - bl[i]) * tx;
                    top + (bottom - top) * ty
                })
            }
        }
    }
}

/// An attribute that varies linearly over a triangle: value at a pixel is `base + dx * x + dy * y`.
#[derive(Clone, Copy)]
struct Plane {
    /// Value at pixel-space origin.
    base: f32,
    /// Change per pixel to the right.
    dx: f32,
    /// Change per pixel down.
    dy: f32,
}

impl Plane {
    /// The plane through values `f` at pixel positions `p` (twice the signed area is `area2`).
    fn new(p: &[[f32; 2]; 3], f: [f32; 3], area2: f32) -> Self {
        let (dx1, dy1) = (p[1][0] - p[0][0], p[1][1] - p[0][1]);
        let (dx2, dy2) = (p[2][0] - p[0][0], p[2][1] - p[0][1]);
        let (df1, df2) = (f[1] - f[0], f[2] - f[0]);
        let dx = (df1 * dy2 - df2 * dy1) / area2;
        let dy = (df2 * dx1 - df1 * dx2) / area2;
        Self {
            base: f[0] - dx * p[0][0] - dy * p[0][1],
            dx,
            dy,
        }
    }

    /// Value at pixel-space position `(x, y)`.
    fn at(&self, x: f32, y: f32) -> f32 {
        self.base + self.dx * x + self.dy * y
    }
}

/// One edge as an integer edge function `a * x + b * y + c` over sub-pixel coordinates.
#[derive(Clone, Copy)]
struct Edge {
    a: i64,
    b: i64,
    c: i64,
}

impl Edge {
    /// The edge from `p` to `q`; the inside (for a counter-clockwise-on-screen triangle) is `>= 0`.
    ///
    /// A pixel centre exactly on the edge counts as inside for only one of the two directions,
    /// which is what makes shared edges neither overlap nor leave gaps.
    fn new(p: [i64; 2], q: [i64; 2]) -> Self {
        let dx = q[0] - p[0];
        let dy = q[1] - p[1];
        let inclusive = dy > 0 || (dy == 0 && dx < 0);
        Self {
            a: -dy,
            b: dx,
            c: dy * p[0] - dx * p[1] - i64::from(!inclusive),
        }
    }
}

/// Convert a position in pixels to sub-pixel fixed point.
fn to_fixed(v: f32) -> i64 {
    (v.clamp(-COORD_LIMIT, COORD_LIMIT) * SUBPIXEL as f32).round() as i64
}

/// Colour of a vertex as 0..255 floats (premultiplied).
fn color_f32(c: Color32) -> [f32; 4] {
    let [r, g, b, a] = c.to_array();
    [f32::from(r), f32::from(g), f32::from(b), f32::from(a)]
}

/// Modulate a premultiplied colour by a premultiplied texel (both 0..255).
fn modulate(color: [f32; 4], texel: [f32; 4]) -> [f32; 4] {
    std::array::from_fn(|i| color[i] * texel[i] * (1.0 / 255.0))
}

/// Blend premultiplied `src` (0..255 floats) over the premultiplied pixel `dst`.
fn blend(dst: &mut [u8], src: [f32; 4]) {
    let keep = 1.0 - src[3] * (1.0 / 255.0);
    for (d, s) in dst.iter_mut().zip(src) {
        *d = (s + f32::from(*d) * keep + 0.5).clamp(0.0, 255.0) as u8;
    }
}

/// Scan-convert one triangle into the band, clipped to `clip`.
fn fill_triangle(band: &mut Band<'_>, frame: &Frame, clip: &PixelRect, sampler: &Sampler<'_>, v: [&Vertex; 3]) {
    if v.iter().all(|v| v.color == Color32::TRANSPARENT) {
        return;
    }
    let ppp = frame.pixels_per_point;
    let mut q = v.map(|v| [to_fixed(v.pos.x * ppp), to_fixed(v.pos.y * ppp)]);
    if v.iter().any(|v| !v.pos.x.is_finite() || !v.pos.y.is_finite()) {
        return;
    }
    let mut v = v;
    let mut area = (q[1][0] - q[0][0]) * (q[2][1] - q[0][1]) - (q[2][0] - q[0][0]) * (q[1][1] - q[0][1]);
    if area == 0 {
        return;
    }
    if area < 0 {
        q.swap(1, 2);
        v.swap(1, 2);
        area = -area;
    }

    // Rows and columns whose pixel centres can lie inside, within the clip.
    let half = SUBPIXEL / 2;
    let min_y = q.iter().map(|p| p[1]).min().unwrap_or(0);
    let max_y = q.iter().map(|p| p[1]).max().unwrap_or(0);
    let min_x = q.iter().map(|p| p[0]).min().unwrap_or(0);
    let max_x = q.iter().map(|p| p[0]).max().unwrap_or(0);
    let y_first = ceil_div(min_y - half, SUBPIXEL).max(clip.y0);
    let y_last = (max_y - half).div_euclid(SUBPIXEL).min(clip.y1 - 1);
    let x_first = ceil_div(min_x - half, SUBPIXEL).max(clip.x0);
    let x_last = (max_x - half).div_euclid(SUBPIXEL).min(clip.x1 - 1);
    if y_first > y_last || x_first > x_last {
        return;
    }

    let edges = [Edge::new(q[0], q[1]), Edge::new(q[1], q[2]), Edge::new(q[2], q[0])];
    let shade = Shade::new(&q, v, area, sampler);
    let row_bytes = frame.width * 4;
    for y in y_first..=y_last {
        let centre_y = y * SUBPIXEL + half;
        let (mut lo, mut hi) = (x_first, x_last);
        for e in &edges {
            // Edge value at the centre of pixel x is `step * x + at0`; keep x where it is >= 0.
            let step = e.a * SUBPIXEL;
            let at0 = e.a * half + e.b * centre_y + e.c;
            if step > 0 {
                lo = lo.max(ceil_div(-at0, step));
            } else if step < 0 {
                hi = hi.min(at0.div_euclid(-step));
            } else if at0 < 0 {
                hi = lo - 1;
            }
        }
        if lo > hi {
            continue;
        }
        let row_start = (y as usize - band.y0) * row_bytes;
        let span = &mut band.pixels[row_start + lo as usize * 4..row_start + (hi as usize + 1) * 4];
        shade.span(span, lo, y, sampler);
    }
}

/// `ceil(n / d)` for `d > 0`.
fn ceil_div(n: i64, d: i64) -> i64 {
    -(-n).div_euclid(d)
}

/// How a triangle's pixels get their colour.
enum Shade {
    /// The same premultiplied colour everywhere (0..255 floats).
    Flat([f32; 4]),
    /// Colour and texture coordinates interpolated per pixel.
    Varying {
        /// Premultiplied colour channels, 0..255.
        color: [Plane; 4],
        /// Texture coordinates in texels; `None` when constant (then `texel` holds the one texel).
        uv: Option<[Plane; 2]>,
        /// The texel when `uv` is constant.
        texel: [f32; 4],
        /// Filter chosen from the texel-to-pixel scale.
        filter: TextureFilter,
    },
}

impl Shade {
    /// Set up shading for a triangle with counter-clockwise fixed-point positions `q`.
    fn new(q: &[[i64; 2]; 3], v: [&Vertex; 3], area: i64, sampler: &Sampler<'_>) -> Self {
        let p = q.map(|p| [p[0] as f32 / SUBPIXEL as f32, p[1] as f32 / SUBPIXEL as f32]);
        let area2 = area as f32 / (SUBPIXEL * SUBPIXEL) as f32;
        let (tw, th) = (sampler.width as f32, sampler.height as f32);
        let u = Plane::new(&p, v.map(|v| v.uv.x * tw), area2);
        let w = Plane::new(&p, v.map(|v| v.uv.y * th), area2);
        // Texels per pixel decides between the magnification and minification filter, as a GPU does.
        let texels_per_pixel = (u.dx * w.dy - u.dy * w.dx).abs();
        let filter = if texels_per_pixel > 1.0 {
            sampler.minification
        } else {
            sampler.magnification
        };
        let same_uv = v[0].uv == v[1].uv && v[1].uv == v[2].uv;
        let texel = if same_uv {
            sampler.sample(v[0].uv.x * tw, v[0].uv.y * th, filter)
        } else {
            [255.0; 4]
        };
        if same_uv && v[0].color == v[1].color && v[1].color == v[2].color {
            return Self::Flat(modulate(color_f32(v[0].color), texel));
        }
        let colors = v.map(|v| color_f32(v.color));
        Self::Varying {
            color: std::array::from_fn(|i| Plane::new(&p, colors.map(|c| c[i]), area2)),
            uv: (!same_uv).then_some([u, w]),
            texel,
            filter,
        }
    }

    /// Shade the pixels `x0..` of row `y`; `span` holds their premultiplied bytes.
    fn span(&self, span: &mut [u8], x0: i64, y: i64, sampler: &Sampler<'_>) {
        match self {
            Self::Flat(src) => {
                if src[3] >= 255.0 {
                    let bytes = src.map(|c| (c + 0.5).clamp(0.0, 255.0) as u8);
                    for px in span.chunks_exact_mut(4) {
                        px.copy_from_slice(&bytes);
                    }
                } else if src.iter().any(|&c| c > 0.0) {
                    for px in span.chunks_exact_mut(4) {
                        blend(px, *src);
                    }
                }
            }
            Self::Varying {
                color,
                uv,
                texel,
                filter,
            } => {
                let (fx, fy) = (x0 as f32 + 0.5, y as f32 + 0.5);
                let mut c = color.map(|plane| plane.at(fx, fy));
                let dc = color.map(|plane| plane.dx);
                let mut t = uv.map(|[u, v]| ([u.at(fx, fy), v.at(fx, fy)], [u.dx, v.dx]));
                for px in span.chunks_exact_mut(4) {
                    // Interpolation can overshoot by rounding just outside the triangle.
                    let col = c.map(|ch| ch.clamp(0.0, 255.0));
                    let src = match &t {
                        Some(([u, v], _)) => modulate(col, sampler.sample(*u, *v, *filter)),
                        None => modulate(col, *texel),
                    };
                    blend(px, src);
                    for (ch, d) in c.iter_mut().zip(dc) {
                        *ch += d;
                    }
                    if let Some(([u, v], [du, dv])) = &mut t {
                        *u += *du;
                        *v += *dv;
                    }
                }
            }
        }
    }
}

/// Turn premultiplied pixels into straight RGBA in place, as PNG expects.
fn unpremultiply(image: &mut image::RgbaImage) {
    for px in image.pixels_mut() {
        let a = u32::from(px.0[3]);
        if a == 0 {
            px.0 = [0; 4];
        } else if a < 255 {
            for c in &mut px.0[..3] {
                *c = ((u32::from(*c) * 255 + a / 2) / a).min(255) as u8;
            }
        }
    }
}

/// Runs one egui frame of `points` size at `ppp` pixels per point with no window, and returns
/// a rasteriser holding the frame's textures, the tessellated meshes and the pixels per point:
/// what export, the rasteriser's tests and its benchmark all need.
pub fn headless_frame(
    ctx: &egui::Context,
    points: egui::Vec2,
    ppp: f32,
    ui: impl FnMut(&mut egui::Ui),
) -> (Rasteriser, Vec<egui::ClippedPrimitive>, f32) {
    let mut output = run_headless(ctx, points, ppp, ui);
    let mut raster = Rasteriser::new();
    raster.apply_textures(&output.textures_delta);
    output.textures_delta.clear();
    let primitives = ctx.tessellate(std::mem::take(&mut output.shapes), output.pixels_per_point);
    (raster, primitives, output.pixels_per_point)
}

/// Runs one egui frame of `points` size at `ppp` pixels per point with no window: the input a
/// window-less frame needs, for [`headless_frame`] and the canvas's retained layer, which keeps
/// its rasteriser (and so its textures) from one picture to the next.
pub(crate) fn run_headless(
    ctx: &egui::Context,
    points: egui::Vec2,
    ppp: f32,
    ui: impl FnMut(&mut egui::Ui),
) -> egui::FullOutput {
    let mut input = egui::RawInput {
        screen_rect: Some(egui::Rect::from_min_size(egui::Pos2::ZERO, points)),
        ..egui::RawInput::default()
    };
    input
        .viewports
        .entry(egui::ViewportId::ROOT)
        .or_default()
        .native_pixels_per_point = Some(ppp);
    ctx.run_ui(input, ui)
}

#[cfg(test)]
mod tests {
    use super::*;
    use egui::epaint::ImageDelta;
    use egui::{Align2, ColorImage, FontId, Mesh, Painter, Pos2, Rect, TextureOptions, pos2, vec2};

    const WHITE: Color32 = Color32::WHITE;

    /// Run one egui frame of `size` points at `ppp`, apply its textures and rasterise it.
    fn render(
        raster: &mut Rasteriser,
        ctx: &egui::Context,
        size: [u32; 2],
        ppp: f32,
        background: Color32,
        mut paint: impl FnMut(&Painter),
    ) -> image::RgbaImage {
        let mut input = egui::RawInput {
            screen_rect: Some(Rect::from_min_size(Pos2::ZERO, vec2(size[0] as f32, size[1] as f32))),
            ..Default::default()
        };
        input
            .viewports
            .entry(egui::ViewportId::ROOT)
            .or_default()
            .native_pixels_per_point = Some(ppp);
        let mut output = ctx.run_ui(input, |ui| paint(ui.painter()));
        raster.apply_textures(&output.textures_delta);
        output.textures_delta.clear();
        assert_eq!(output.pixels_per_point, ppp);
        let primitives = ctx.tessellate(output.shapes, output.pixels_per_point);
        let px = [(size[0] as f32 * ppp) as u32, (size[1] as f32 * ppp) as u32];
        raster.paint(&primitives, px, output.pixels_per_point, background)
    }

    fn at(image: &image::RgbaImage, x: u32, y: u32) -> [u8; 4] {
        image.get_pixel(x, y).0
    }

    fn assert_near(got: [u8; 4], want: [u8; 4], tolerance: u8, what: &str) {
        let close = got.iter().zip(want).all(|(g, w)| g.abs_diff(w) <= tolerance);
        assert!(close, "{what}: got {got:?}, want {want:?} (±{tolerance})");
    }

    /// A 2×2 texture: red, green / blue, white.
    fn checker() -> ColorImage {
        ColorImage::new([2, 2], vec![Color32::RED, Color32::GREEN, Color32::BLUE, WHITE])
    }

    /// The scene most tests look at: a rect, a circle, text and a textured image.
    fn scene(painter: &Painter, texture: TextureId) {
        painter.rect_filled(
            Rect::from_min_max(pos2(10.0, 10.0), pos2(60.0, 40.0)),
            0.0,
            Color32::from_rgb(30, 120, 200),
        );
        painter.circle_filled(pos2(120.0, 30.0), 20.0, Color32::from_rgb(200, 40, 40));
        painter.text(
            pos2(10.0, 60.0),
            Align2::LEFT_TOP,
            "Hello, archboard",
            FontId::proportional(20.0),
            Color32::BLACK,
        );
        let uv = Rect::from_min_max(Pos2::ZERO, pos2(1.0, 1.0));
        painter.image(
            texture,
            Rect::from_min_size(pos2(160.0, 10.0), vec2(40.0, 40.0)),
            uv,
            WHITE,
        );
    }

    #[test]
    fn paints_rect_circle_text_and_image() {
        let ctx = egui::Context::default();
        let mut raster = Rasteriser::new();
        let texture = ctx.load_texture("checker", checker(), TextureOptions::NEAREST);
        let img = render(&mut raster, &ctx, [220, 100], 1.0, WHITE, |p| scene(p, texture.id()));
        assert_eq!(img.dimensions(), (220, 100));
        assert_near(at(&img, 35, 25), [30, 120, 200, 255], 1, "inside the rect");
        assert_near(at(&img, 120, 30), [200, 40, 40, 255], 1, "circle centre");
        assert_near(at(&img, 5, 5), [255; 4], 0, "background");
        assert_near(at(&img, 100, 5), [255; 4], 0, "beside the circle");
        // Anti-aliased circle edge: between the fill and the background.
        let circle_box = (95..145).flat_map(|x| (5..55).map(move |y| (x, y)));
        let feathered = circle_box
            .filter(|&(x, y)| (41..250).contains(&at(&img, x, y)[1]))
            .count();
        assert!(
            feathered > 40,
            "the circle's edge is feathered: {feathered} partly covered pixels"
        );
        // Texture quadrants with nearest filtering.
        assert_near(at(&img, 170, 20), [255, 0, 0, 255], 0, "red texel");
        assert_near(at(&img, 190, 20), [0, 255, 0, 255], 0, "green texel");
        assert_near(at(&img, 170, 40), [0, 0, 255, 255], 0, "blue texel");
        assert_near(at(&img, 190, 40), [255; 4], 0, "white texel");
        // Text: some dark pixels and some grey ones (anti-aliasing) in its box, none outside.
        let text_box = (10..200).flat_map(|x| (60..85).map(move |y| (x, y)));
        let lumas: Vec<u8> = text_box.map(|(x, y)| at(&img, x, y)[0]).collect();
        assert!(lumas.iter().filter(|&&l| l < 60).count() > 50, "text has dark pixels");
        assert!(
            lumas.iter().filter(|&&l| l > 60 && l < 200).count() > 20,
            "text is anti-aliased"
        );
        assert_near(at(&img, 100, 95), [255; 4], 0, "below the text");
    }

    #[test]
    fn scales_by_pixels_per_point() {
        let ctx = egui::Context::default();
        let mut raster = Rasteriser::new();
        let texture = ctx.load_texture("checker", checker(), TextureOptions::NEAREST);
        let img = render(&mut raster, &ctx, [220, 100], 2.0, WHITE, |p| scene(p, texture.id()));
        assert_eq!(img.dimensions(), (440, 200));
        assert_near(at(&img, 21, 21), [30, 120, 200, 255], 1, "rect starts at 20 px");
        assert_near(at(&img, 118, 78), [30, 120, 200, 255], 1, "rect ends at 120 px");
        assert_near(at(&img, 18, 18), [255; 4], 0, "outside the rect");
        assert_near(at(&img, 122, 82), [255; 4], 0, "outside the rect");
        assert_near(at(&img, 390, 90), [255; 4], 1, "white texel at 2x");
        assert_near(at(&img, 330, 30), [255, 0, 0, 255], 0, "red texel at 2x");
    }

    #[test]
    fn clip_rect_leaves_outside_untouched() {
        let ctx = egui::Context::default();
        let mut raster = Rasteriser::new();
        let img = render(&mut raster, &ctx, [100, 100], 1.0, WHITE, |p| {
            let clipped = p.with_clip_rect(Rect::from_min_max(pos2(20.0, 20.0), pos2(50.0, 50.0)));
            clipped.rect_filled(
                Rect::from_min_max(pos2(0.0, 0.0), pos2(100.0, 100.0)),
                0.0,
                Color32::RED,
            );
        });
        assert_near(at(&img, 20, 20), [255, 0, 0, 255], 0, "first clipped-in pixel");
        assert_near(at(&img, 49, 49), [255, 0, 0, 255], 0, "last clipped-in pixel");
        for (x, y) in [(19, 30), (50, 30), (30, 19), (30, 50), (5, 5), (90, 90)] {
            assert_near(at(&img, x, y), [255; 4], 0, "outside the clip rect");
        }
    }

    #[test]
    fn transparent_background_gives_straight_alpha() {
        let ctx = egui::Context::default();
        let mut raster = Rasteriser::new();
        let half = Color32::from_rgba_unmultiplied(200, 100, 50, 128);
        let img = render(&mut raster, &ctx, [100, 100], 1.0, Color32::TRANSPARENT, |p| {
            p.rect_filled(Rect::from_min_max(pos2(10.0, 10.0), pos2(50.0, 50.0)), 0.0, half);
            p.rect_filled(
                Rect::from_min_max(pos2(60.0, 10.0), pos2(90.0, 50.0)),
                0.0,
                Color32::BLUE,
            );
        });
        assert_eq!(at(&img, 5, 5), [0; 4], "nothing drawn: fully transparent");
        assert_eq!(at(&img, 95, 95), [0; 4], "nothing drawn: fully transparent");
        assert_near(
            at(&img, 30, 30),
            [200, 100, 50, 128],
            2,
            "half-transparent fill, un-premultiplied",
        );
        assert_near(at(&img, 75, 30), [0, 0, 255, 255], 0, "opaque fill");
    }

    /// Two triangles sharing a diagonal, half transparent: a pixel on the diagonal painted twice would differ.
    #[test]
    fn shared_edges_are_painted_once() {
        let mut raster = Rasteriser::new();
        let mut delta = TexturesDelta::default();
        delta.set.insert(
            TextureId::default(),
            [ImageDelta::full(
                ColorImage::filled([1, 1], WHITE),
                TextureOptions::LINEAR,
            )]
            .into(),
        );
        raster.apply_textures(&delta);
        delta.clear();
        let color = Color32::from_rgba_premultiplied(60, 0, 0, 60);
        let mut mesh = Mesh::default();
        // Odd corner positions so that many pixel centres fall exactly on the diagonal.
        for p in [pos2(0.0, 0.0), pos2(40.0, 0.0), pos2(40.0, 40.0), pos2(0.0, 40.0)] {
            mesh.colored_vertex(p, color);
        }
        mesh.add_triangle(0, 1, 2);
        mesh.add_triangle(2, 3, 0);
        let primitive = ClippedPrimitive {
            clip_rect: Rect::EVERYTHING,
            primitive: Primitive::Mesh(mesh),
        };
        // At 2.5 px per point pixel centres (x + 0.5) / 2.5 land on the diagonal x == y.
        let img = raster.paint(&[primitive], [100, 100], 2.5, Color32::BLACK);
        let want = at(&img, 50, 20);
        assert_near(want, [60, 0, 0, 255], 0, "one layer of colour");
        for y in 0..100 {
            for x in 0..100 {
                assert_eq!(at(&img, x, y), want, "pixel {x},{y} painted exactly once");
            }
        }
    }

    #[test]
    fn partial_texture_updates_and_frees() {
        let mut raster = Rasteriser::new();
        let id = TextureId::User(7);
        let mut delta = TexturesDelta::default();
        let red = ColorImage::filled([4, 4], Color32::RED);
        delta
            .set
            .insert(id, [ImageDelta::full(red, TextureOptions::NEAREST)].into());
        raster.apply_textures(&delta);
        delta.clear();
        let blue = ColorImage::filled([2, 2], Color32::BLUE);
        delta
            .set
            .insert(id, [ImageDelta::partial([1, 2], blue, TextureOptions::NEAREST)].into());
        raster.apply_textures(&delta);
        delta.clear();

        let mut mesh = Mesh::with_texture(id);
        let uv = Rect::from_min_max(Pos2::ZERO, pos2(1.0, 1.0));
        mesh.add_rect_with_uv(Rect::from_min_size(Pos2::ZERO, vec2(40.0, 40.0)), uv, WHITE);
        let primitives = [ClippedPrimitive {
            clip_rect: Rect::EVERYTHING,
            primitive: Primitive::Mesh(mesh),
        }];
        let img = raster.paint(&primitives, [40, 40], 1.0, Color32::BLACK);
        // Texel (x, y) covers pixels 10x..10x+10.
        assert_near(at(&img, 5, 5), [255, 0, 0, 255], 0, "texel 0,0 untouched");
        assert_near(at(&img, 15, 25), [0, 0, 255, 255], 0, "texel 1,2 updated");
        assert_near(at(&img, 25, 35), [0, 0, 255, 255], 0, "texel 2,3 updated");
        assert_near(at(&img, 35, 25), [255, 0, 0, 255], 0, "texel 3,2 untouched");
        assert_near(at(&img, 15, 15), [255, 0, 0, 255], 0, "texel 1,1 untouched");

        // A free takes effect after the frame that announced it has been painted.
        delta.free.insert(id);
        raster.apply_textures(&delta);
        delta.clear();
        let img = raster.paint(&primitives, [40, 40], 1.0, Color32::BLACK);
        assert_near(at(&img, 5, 5), [255, 0, 0, 255], 0, "still there this frame");
        raster.apply_textures(&delta);
        let img = raster.paint(&primitives, [40, 40], 1.0, Color32::BLACK);
        assert_near(at(&img, 5, 5), [0, 0, 0, 255], 0, "freed: mesh skipped");
    }

    #[test]
    fn bilinear_filter_blends_texels() {
        let mut raster = Rasteriser::new();
        let id = TextureId::User(1);
        let mut delta = TexturesDelta::default();
        let image = ColorImage::new([2, 1], vec![Color32::BLACK, WHITE]);
        delta
            .set
            .insert(id, [ImageDelta::full(image, TextureOptions::LINEAR)].into());
        raster.apply_textures(&delta);
        delta.clear();
        let mut mesh = Mesh::with_texture(id);
        let uv = Rect::from_min_max(Pos2::ZERO, pos2(1.0, 1.0));
        mesh.add_rect_with_uv(Rect::from_min_size(Pos2::ZERO, vec2(100.0, 10.0)), uv, WHITE);
        let primitives = [ClippedPrimitive {
            clip_rect: Rect::EVERYTHING,
            primitive: Primitive::Mesh(mesh),
        }];
        let img = raster.paint(&primitives, [100, 10], 1.0, Color32::RED);
        assert_near(at(&img, 10, 5), [0, 0, 0, 255], 0, "clamped to the black texel");
        // Pixel centre 49.5 is 0.99 texels in: 0.49 of the way from the black texel centre to the white.
        assert_near(at(&img, 49, 5), [125, 125, 125, 255], 1, "just before halfway");
        assert_near(at(&img, 50, 5), [130, 130, 130, 255], 1, "just after halfway");
        assert_near(at(&img, 90, 5), [255; 4], 0, "clamped to the white texel");
        let a = at(&img, 40, 5)[0];
        let b = at(&img, 45, 5)[0];
        assert!(a < b && b < 128, "ramp rises: {a} {b}");
    }

    /// Big enough to be painted by several threads in bands; the seams must not show.
    #[test]
    fn bands_join_without_seams() {
        let ctx = egui::Context::default();
        let mut raster = Rasteriser::new();
        let img = render(&mut raster, &ctx, [700, 700], 1.0, WHITE, |p| {
            p.circle_filled(
                pos2(350.0, 350.0),
                300.0,
                Color32::from_rgba_unmultiplied(0, 128, 0, 200),
            );
        });
        let inside = at(&img, 350, 350);
        for y in 100..600 {
            assert_eq!(at(&img, 350, y), inside, "row {y}");
        }
        assert_near(at(&img, 5, 5), [255; 4], 0, "background");
    }

    #[test]
    fn empty_or_degenerate_input_gives_background() {
        let raster = Rasteriser::new();
        let img = raster.paint(&[], [3, 2], 1.0, Color32::from_rgb(1, 2, 3));
        assert!(img.pixels().all(|p| p.0 == [1, 2, 3, 255]));
        assert_eq!(raster.paint(&[], [0, 0], 1.0, WHITE).dimensions(), (0, 0));
        assert_eq!(raster.paint(&[], [4, 4], f32::NAN, WHITE).dimensions(), (4, 4));
    }

    /// The test scene at 2x, kept as a snapshot image to look at when it changes.
    #[test]
    fn the_scene_keeps_its_look() {
        let ctx = egui::Context::default();
        let mut raster = Rasteriser::new();
        let texture = ctx.load_texture("checker", checker(), TextureOptions::NEAREST);
        let img = render(&mut raster, &ctx, [220, 100], 2.0, WHITE, |p| scene(p, texture.id()));
        egui_kittest::image_snapshot(&img, "raster_scene");
    }
}
