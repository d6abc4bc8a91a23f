//! Level of detail for boards seen from far out: edges as hairlines and nodes as tiles, drawn as
//! meshes while they are few and as one picture once they are many.
//!
//! A 100,000-node board at fit zoom has about 150,000 hairlines, many of them across the whole
//! view. As triangles (four a hairline) they cost the CPU rasteriser of the retained picture, or
//! a software GL driver, a pass over every row each one crosses: seconds a picture. Drawn here
//! instead with an anti-aliased line walk (Xiaolin Wu's) into an image the size of the view, the
//! cost follows the ink, and the painter gets one textured rectangle: a bounded number of
//! vertices however large the board.

use egui::epaint::{Mesh, Shape, Stroke};
use egui::{Color32, ColorImage, Painter, Pos2, Rect as ScreenRect, TextureOptions, Vec2, pos2};

/// Hairlines and tiles above which they are drawn as one picture rather than as meshes (a
/// board of a few thousand nodes keeps its meshes and so its exact look).
const PICTURE_FROM: usize = 20_000;

/// The largest picture, in pixels (a 4K screen); a larger clip keeps the meshes.
const PICTURE_MAX_PIXELS: usize = 3840 * 2160;

/// The far-out shapes of one draw, in screen points, in the order they were drawn.
#[derive(Default)]
pub(super) struct FarOut {
    /// Hairlines: ends and colour (a stroke 0.9 pixel wide).
    lines: Vec<([Pos2; 2], Color32)>,
    /// Node tiles: rectangle (already on whole pixels) and fill.
    tiles: Vec<(ScreenRect, Color32)>,
}

impl FarOut {
    /// Adds a hairline from `p` to `q`.
    pub(super) fn line(&mut self, p: Pos2, q: Pos2, colour: Color32) {
        self.lines.push(([p, q], colour));
    }

    /// Adds a filled tile.
    pub(super) fn tile(&mut self, r: ScreenRect, fill: Color32) {
        self.tiles.push((r, fill));
    }

    /// The shapes to paint, hairlines under tiles: two meshes, or one picture of them when
    /// there are many.
    pub(super) fn shapes(self, painter: &Painter) -> Vec<Shape> {
        let ppp = painter.pixels_per_point();
        if self.lines.len() + self.tiles.len() > PICTURE_FROM
            && let Some(shape) = self.picture(painter, ppp)
        {
            return vec![shape];
        }
        let (mut lines, mut tiles) = (Mesh::default(), Mesh::default());
        for ([p, q], colour) in self.lines {
            segment(
                &mut lines,
                [p, q],
                (q - p).normalized(),
                Stroke::new(0.9 / ppp, colour),
                1.0 / ppp,
            );
        }
        for (r, fill) in self.tiles {
            tiles.add_colored_rect(r, fill);
        }
        vec![Shape::mesh(lines), Shape::mesh(tiles)]
    }

    /// The hairlines and tiles drawn into an image covering the painter's clip rectangle on
    /// whole pixels, as a textured rectangle; `None` when the clip is empty or too large.
    fn picture(&self, painter: &Painter, ppp: f32) -> Option<Shape> {
        let rect = super::layer::pixel_area(painter.clip_rect(), ppp)?;
        let (min, max) = ((rect.min.to_vec2() * ppp).round(), (rect.max.to_vec2() * ppp).round());
        let (w, h) = ((max.x - min.x) as usize, (max.y - min.y) as usize);
        if w * h > PICTURE_MAX_PIXELS {
            return None;
        }
        let to_px = |p: Pos2| (p.to_vec2() * ppp - min).to_pos2();
        let mut pixels = vec![[0u8; 4]; w * h];
        // Bands of rows drawn side by side, each walking every line within its rows.
        let threads = super::raster::painting_threads();
        let rows = h.div_ceil(threads);
        std::thread::scope(|scope| {
            for (i, band) in pixels.chunks_mut(rows * w).enumerate() {
                scope.spawn(move || {
                    let mut canvas = Canvas {
                        w,
                        y0: (i * rows) as i64,
                        h: band.len() / w,
                        pixels: band,
                    };
                    for &([p, q], colour) in &self.lines {
                        canvas.line(to_px(p), to_px(q), premultiplied(colour, 0.9));
                    }
                    for &(r, fill) in &self.tiles {
                        canvas.fill(to_px(r.min), to_px(r.max), premultiplied(fill, 1.0));
                    }
                });
            }
        });
        let image = ColorImage::from_rgba_premultiplied([w, h], pixels.as_flattened());
        let texture = painter.ctx().load_texture("far-out", image, TextureOptions::NEAREST);
        let uv = ScreenRect::from_min_max(pos2(0.0, 0.0), pos2(1.0, 1.0));
        // The handle may go: egui frees a texture only after the frame that uses it is painted.
        Some(Shape::image(texture.id(), rect, uv, Color32::WHITE))
    }
}

/// `c` as premultiplied channels 0..1, its opacity scaled by `ink`.
fn premultiplied(c: Color32, ink: f32) -> [f32; 4] {
    let [r, g, b, a] = c.to_array();
    [r, g, b, a].map(|v| f32::from(v) / 255.0 * ink)
}

/// Rows `y0..y0 + h` of a premultiplied RGBA image `w` wide being drawn into (bytes, a
/// quarter of the memory floats would take: the lines cross it every which way).
struct Canvas<'a> {
    w: usize,
    y0: i64,
    h: usize,
    pixels: &'a mut [[u8; 4]],
}

impl Canvas<'_> {
    /// Lays `c` (premultiplied) over pixel `(x, y)` of the image with coverage `cover`, when
    /// the pixel is in these rows.
    fn blend(&mut self, x: i64, y: i64, c: [f32; 4], cover: f32) {
        let y = y - self.y0;
        if x < 0 || y < 0 || x >= self.w as i64 || y >= self.h as i64 {
            return;
        }
        let d = &mut self.pixels[y as usize * self.w + x as usize];
        let keep = 1.0 - c[3] * cover;
        for k in 0..4 {
            d[k] = (c[k] * cover * 255.0 + f32::from(d[k]) * keep + 0.5).min(255.0) as u8;
        }
    }

    /// An anti-aliased line one pixel wide between pixel positions `p` and `q`: each pixel
    /// centre along the major axis shares the line between the two pixels it falls between.
    fn line(&mut self, p: Pos2, q: Pos2, c: [f32; 4]) {
        // Within a pixel of these rows, so an end just outside still shares its ink.
        let rows = ScreenRect::from_min_max(
            pos2(-1.0, self.y0 as f32 - 1.0),
            pos2(self.w as f32 + 1.0, (self.y0 + self.h as i64) as f32 + 1.0),
        );
        if ![p.x, p.y, q.x, q.y].iter().all(|v| v.is_finite()) {
            return;
        }
        let Some((t0, t1)) = super::paint::clip_segment(p, q, rows) else {
            return;
        };
        let (p, q) = (p + (q - p) * t0, p + (q - p) * t1);
        let d = q - p;
        let steep = d.y.abs() > d.x.abs();
        // Walk along the major axis (x, or y for a steep line), low end first.
        let (a, b) = if steep { (swap(p), swap(q)) } else { (p, q) };
        let (a, b) = if a.x <= b.x { (a, b) } else { (b, a) };
        let slope = if b.x - a.x > 1e-6 {
            (b.y - a.y) / (b.x - a.x)
        } else {
            0.0
        };
        let first = (a.x - 0.5).ceil() as i64;
        let last = (b.x - 0.5).floor() as i64;
        for major in first..=last {
            let centre = major as f32 + 0.5;
            // Past clipping, `minor` is above -2: a cast from a positive number floors it.
            let minor = a.y + slope * (centre - a.x) - 0.5;
            let low = (minor + 2.0) as i64 - 2;
            let share = minor - low as f32;
            if steep {
                self.blend(low, major, c, 1.0 - share);
                self.blend(low + 1, major, c, share);
            } else {
                self.blend(major, low, c, 1.0 - share);
                self.blend(major, low + 1, c, share);
            }
        }
    }

    /// Fills the pixels whose centres lie in the rectangle `min`..`max` (pixel positions).
    fn fill(&mut self, min: Pos2, max: Pos2, c: [f32; 4]) {
        let (top, bottom) = (self.y0 as f32, (self.y0 + self.h as i64) as f32);
        let x0 = (min.x - 0.5).ceil().clamp(0.0, self.w as f32) as i64;
        let x1 = (max.x - 0.5).ceil().clamp(0.0, self.w as f32) as i64;
        let y0 = (min.y - 0.5).ceil().clamp(top, bottom) as i64;
        let y1 = (max.y - 0.5).ceil().clamp(top, bottom) as i64;
        for y in y0..y1 {
            for x in x0..x1 {
                self.blend(x, y, c, 1.0);
            }
        }
    }
}

fn swap(p: Pos2) -> Pos2 {
    pos2(p.y, p.x)
}

/// Appends the straight stroke `p`–`q` (direction `dir`) to `mesh` with epaint's geometry for an
/// open two-point path: soft sides and ends `feathering` wide, or, for strokes thinner than a
/// pixel, a ridge a pixel either side whose opacity stands in for the width.
pub(super) fn segment(mesh: &mut Mesh, [p, q]: [Pos2; 2], dir: Vec2, stroke: Stroke, feathering: f32) {
    let normal = dir.rot90();
    let i = mesh.vertices.len() as u32;
    if stroke.width <= 0.9 * feathering {
        let middle = stroke.color.gamma_multiply(stroke.width / feathering);
        for c in [p, q] {
            mesh.colored_vertex(c + normal * feathering, Color32::TRANSPARENT);
            mesh.colored_vertex(c, middle);
            mesh.colored_vertex(c - normal * feathering, Color32::TRANSPARENT);
        }
        mesh.add_triangle(i, i + 1, i + 3);
        mesh.add_triangle(i + 1, i + 3, i + 4);
        mesh.add_triangle(i + 1, i + 2, i + 4);
        mesh.add_triangle(i + 2, i + 4, i + 5);
    } else {
        let inner = 0.5 * (stroke.width - feathering);
        let outer = 0.5 * (stroke.width + feathering);
        for (c, back) in [(p, -dir * feathering), (q, dir * feathering)] {
            mesh.colored_vertex(c + normal * outer + back, Color32::TRANSPARENT);
            mesh.colored_vertex(c + normal * inner, stroke.color);
            mesh.colored_vertex(c - normal * inner, stroke.color);
            mesh.colored_vertex(c - normal * outer + back, Color32::TRANSPARENT);
        }
        // Soft start, the three bands along the stroke, soft end.
        mesh.add_triangle(i, i + 1, i + 2);
        mesh.add_triangle(i, i + 2, i + 3);
        for k in 0..3 {
            mesh.add_triangle(i + k, i + k + 1, i + 4 + k);
            mesh.add_triangle(i + k + 1, i + 4 + k, i + 5 + k);
        }
        mesh.add_triangle(i + 4, i + 5, i + 6);
        mesh.add_triangle(i + 4, i + 6, i + 7);
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    /// A blank canvas `w` by `h` over `pixels`.
    fn blank(pixels: &mut Vec<[u8; 4]>, w: usize, h: usize) -> Canvas<'_> {
        *pixels = vec![[0; 4]; w * h];
        Canvas { w, y0: 0, h, pixels }
    }

    fn ink(c: &Canvas) -> f32 {
        c.pixels.iter().map(|p| f32::from(p[3]) / 255.0).sum()
    }

    #[test]
    fn a_line_lays_its_length_in_ink_whatever_its_slope() {
        for (p, q) in [
            (pos2(2.0, 5.5), pos2(42.0, 5.5)),
            (pos2(2.0, 2.0), pos2(32.0, 42.0)),
            (pos2(20.3, 45.0), pos2(20.3, 5.0)),
        ] {
            let mut pixels = Vec::new();
            let mut c = blank(&mut pixels, 50, 50);
            c.line(p, q, [0.0, 0.0, 0.0, 1.0]);
            let major = (q.x - p.x).abs().max((q.y - p.y).abs());
            assert!(
                (ink(&c) - major).abs() <= 1.0,
                "{p:?}-{q:?}: {} against {major}",
                ink(&c)
            );
        }
    }

    #[test]
    fn a_line_on_pixel_centres_fills_one_row_and_a_line_off_the_image_nothing() {
        let mut pixels = Vec::new();
        let mut c = blank(&mut pixels, 10, 10);
        c.line(pos2(0.0, 3.5), pos2(10.0, 3.5), [1.0, 0.0, 0.0, 1.0]);
        for x in 0..10 {
            assert_eq!(c.pixels[3 * 10 + x], [255, 0, 0, 255]);
        }
        assert_eq!(ink(&c), 10.0);
        c.line(pos2(-50.0, -5.0), pos2(-10.0, 40.0), [1.0; 4]);
        c.line(pos2(f32::NAN, 1.0), pos2(3.0, 4.0), [1.0; 4]);
        assert_eq!(ink(&c), 10.0);
    }

    #[test]
    fn a_tile_fills_the_pixels_whose_centres_it_holds() {
        let mut pixels = Vec::new();
        let mut c = blank(&mut pixels, 10, 10);
        c.fill(pos2(2.0, 3.0), pos2(5.0, 4.0), [0.0, 0.0, 1.0, 1.0]);
        assert_eq!(ink(&c), 3.0);
        assert_eq!(c.pixels[3 * 10 + 2], [0, 0, 255, 255]);
    }
}
