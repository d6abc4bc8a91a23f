//! The board as egui shapes: the board's display list drawn with the view's zoom.
//!
//! The list is made each frame for the part of the board in view only; far zoom levels draw
//! cheaper shapes (tiles, hairlines, no text).

use std::collections::{HashMap, HashSet};

use egui::emath::GuiRounding as _;
use egui::epaint::{CornerRadius, Mesh, Shape, Stroke, StrokeKind};
use egui::text::LayoutJob;
use egui::{Align, Align2, Color32, FontId, Painter, Pos2, Vec2, pos2, vec2};

use super::Icons;
use super::display::{
    Anchor, BACKDROP_PAD, BACKDROP_RADIUS, BADGE_RADIUS, DisplayList, ICON_RADIUS, Scope, Shape as DisplayShape, Text,
    badge_glyph, display_list,
};
use super::far_out::{FarOut, segment};
use super::theme::Theme;
use crate::catalog::Catalog;
use crate::critique::Severity;
use crate::model::{Board, NODE_SIZE, Point, Rect};

/// Where the world is on screen: the screen position of world (0, 0) and points per world unit.
#[derive(Clone, Copy, Debug, PartialEq)]
pub struct View {
    /// Where world (0, 0) is on screen.
    pub origin: Pos2,
    /// Screen points per world unit.
    pub zoom: f32,
}

impl Default for View {
    fn default() -> Self {
        View {
            origin: Pos2::ZERO,
            zoom: 1.0,
        }
    }
}

impl View {
    /// Smallest and largest zoom the canvas allows.
    pub const ZOOM_RANGE: (f32, f32) = (0.05, 4.0);

    /// A world point on screen.
    pub fn to_screen(&self, p: Point) -> Pos2 {
        self.origin + vec2(p.0, p.1) * self.zoom
    }

    /// A screen position in the world.
    pub fn to_world(&self, p: Pos2) -> Point {
        let w = (p - self.origin) / self.zoom;
        Point(w.x, w.y)
    }

    /// A world rectangle on screen.
    pub fn rect_to_screen(&self, r: Rect) -> egui::Rect {
        egui::Rect::from_min_size(self.to_screen(Point(r.x, r.y)), vec2(r.w, r.h) * self.zoom)
    }

    /// The view showing `bounds` centred in `viewport` with `margin` points around it, never
    /// zooming in past 1:1.
    pub fn fit(bounds: Rect, viewport: egui::Rect, margin: f32) -> View {
        let avail = (viewport.size() - Vec2::splat(2.0 * margin)).max(Vec2::splat(1.0));
        let zoom = (avail.x / bounds.w.max(1.0))
            .min(avail.y / bounds.h.max(1.0))
            .clamp(Self::ZOOM_RANGE.0, 1.0);
        let c = bounds.centre();
        View {
            origin: viewport.center() - vec2(c.0, c.1) * zoom,
            zoom,
        }
    }

    /// The same view zoomed by `factor` keeping the world point under `anchor` in place.
    pub fn zoomed_at(&self, factor: f32, anchor: Pos2) -> View {
        let zoom = (self.zoom * factor).clamp(Self::ZOOM_RANGE.0, Self::ZOOM_RANGE.1);
        let world = self.to_world(anchor);
        View {
            origin: anchor - vec2(world.0, world.1) * zoom,
            zoom,
        }
    }
}

/// What to draw on top of the board: selection, hover, findings.
#[derive(Clone, Debug, Default, PartialEq)]
pub struct Marks {
    /// What the user selected; the painter reads it through the three `*_selected` methods.
    pub selection: super::Selection,
    /// The id of the node under the pointer, outlined faintly.
    pub hovered: Option<String>,
    /// Nodes of the finding under the pointer in the checklist panel.
    pub highlighted: HashSet<String>,
    /// The worst unaccepted finding per node, drawn as a badge.
    pub badges: HashMap<String, Severity>,
    /// The board's edge routes, when the caller keeps them (the canvas caches them by
    /// revision); without them, or when they are for another number of edges, the display list
    /// routes the board itself.
    pub routes: Option<std::sync::Arc<crate::layout::route::Routes>>,
}

impl Marks {
    /// Whether node `id` is drawn selected.
    pub fn node_selected(&self, id: &str) -> bool {
        self.selection.nodes.contains(id)
    }

    /// Whether group `id` is drawn selected.
    pub fn group_selected(&self, id: &str) -> bool {
        self.selection.groups.contains(id)
    }

    /// Whether the edge at `index` in the board's edge list is drawn selected.
    pub fn edge_selected(&self, index: usize) -> bool {
        self.selection.has_edge(index)
    }

    /// Marks each node with the worst finding about it that is not accepted; the canvas calls
    /// it when the review changes, the PNG export when badges are asked for.
    pub fn set_badges(&mut self, review: &crate::critique::Review) {
        self.badges.clear();
        for f in review.findings.iter().filter(|f| f.accepted.is_none()) {
            for n in &f.nodes {
                let worst = self.badges.entry(n.clone()).or_insert(f.severity);
                *worst = (*worst).max(f.severity);
            }
        }
    }
}

/// Font size in points for `base` at `zoom`, in half-point steps so the font atlas stays small.
pub fn label_font_size(base: f32, zoom: f32) -> f32 {
    ((base * zoom * 2.0).round() / 2.0).max(0.5)
}

/// Paints the whole board into `painter` (whose clip rect bounds the work done): the board's
/// [`display_list`] for the part in view, drawn with the view's zoom.
///
/// Far out, cards become coloured tiles; further out still, edges lose their arrowheads, which
/// would be blots as big as the tiles (and a third of a large board's triangles), and become
/// hairlines. Tiles and far-out edges go into one mesh each: a fitted 10,000-node board is
/// then 60,000 triangles instead of 200,000, for the tessellator and the GPU (or the software
/// renderer) alike.
pub fn paint(
    painter: &Painter,
    board: &Board,
    catalog: &Catalog,
    icons: &mut Icons,
    view: &View,
    theme: Theme,
    marks: &Marks,
) {
    let clip = painter.clip_rect();
    // Edges are kept when their span comes within 20 points of the view (arrowheads and
    // strokes stick out of it); the others only when they touch it.
    let seen = clip.expand(20.0);
    let (min, max) = (view.to_world(seen.min), view.to_world(seen.max));
    let scope = Scope {
        area: Some(Rect {
            x: min.0,
            y: min.1,
            w: max.0 - min.0,
            h: max.1 - min.1,
        }),
        tiles: NODE_SIZE.0 * view.zoom < 28.0,
    };
    let list = display_list(board, catalog, theme, marks, scope);
    draw(painter, &list, icons, view);
}

/// Draws a display list into `painter` at `view`, leaving out what is too small to read.
pub fn draw(painter: &Painter, list: &DisplayList<'_>, icons: &mut Icons, view: &View) {
    let clip = painter.clip_rect();
    let ppp = painter.pixels_per_point();
    let zoom = view.zoom;
    // Shapes are gathered here and handed over at once: every `Painter` call takes a lock.
    let mut out = ShapeList::default();
    let heads = NODE_SIZE.0 * zoom >= 10.0;
    let (mut far, mut outlines) = (FarOut::default(), ShapeList::default());

    for shape in &list.shapes {
        match shape {
            DisplayShape::Rect {
                rect,
                radius,
                fill,
                outline,
            } => {
                let r = view.rect_to_screen(*rect);
                let radius = CornerRadius::same(radius.at(zoom) as u8);
                out.rect_filled(r, radius, *fill);
                let Some(pen) = outline else { continue };
                let stroke = Stroke::new(pen.width.at(zoom), pen.colour);
                match pen.dash {
                    Some((dash, gap)) => {
                        let corners = [r.left_top(), r.right_top(), r.right_bottom(), r.left_bottom()];
                        let pattern = Dashes {
                            dash: dash.at(zoom),
                            gap: gap.at(zoom),
                        };
                        let mut mesh = Mesh::default();
                        for k in 0..4 {
                            pattern.add(&mut mesh, [corners[k], corners[(k + 1) % 4]], stroke, ppp, clip);
                        }
                        out.mesh(mesh);
                    }
                    None => out.rect_stroke(r, radius, stroke, StrokeKind::Inside),
                }
            }
            DisplayShape::Line { from, to, pen, arrow } => {
                let (p, q) = (view.to_screen(*from), view.to_screen(*to));
                let colour = pen.colour;
                let stroke = Stroke::new(pen.width.at(zoom), colour);
                let head = match arrow {
                    Some(len) if heads => len.at(zoom),
                    _ => 0.0,
                };
                let dir = (q - p).normalized();
                let base = q - dir * head;
                match pen.dash {
                    _ if !heads => {
                        let faint = if pen.dash.is_some() { 0.6 } else { 1.0 };
                        far.line(p, base, colour.gamma_multiply(faint));
                    }
                    None => out.line_segment([p, base], stroke),
                    // Far out, dashes would cost thousands of tiny shapes and read as a solid
                    // line anyway.
                    Some(_) if zoom < 0.35 => {
                        out.line_segment([p, base], Stroke::new(stroke.width, colour.gamma_multiply(0.6)));
                    }
                    Some((dash, gap)) => {
                        let pattern = Dashes {
                            dash: dash.at(zoom),
                            gap: gap.at(zoom),
                        };
                        let mut mesh = Mesh::default();
                        pattern.add(&mut mesh, [p, base], stroke, ppp, clip);
                        out.mesh(mesh);
                    }
                }
                out.arrowhead(q, base, dir, head, colour);
            }
            DisplayShape::Path { points, pen, arrow } => {
                let mut screen: Vec<Pos2> = points.iter().map(|p| view.to_screen(*p)).collect();
                let (Some(&q), Some(&before)) = (screen.last(), screen.get(screen.len().wrapping_sub(2))) else {
                    continue;
                };
                let colour = pen.colour;
                let stroke = Stroke::new(pen.width.at(zoom), colour);
                let last = (q - before).length();
                let head = match arrow {
                    Some(len) if heads => len.at(zoom).min(last),
                    _ => 0.0,
                };
                let dir = (q - before).normalized();
                let base = q - dir * head;
                if let Some(end) = screen.last_mut() {
                    *end = base;
                }
                match pen.dash {
                    _ if !heads => {
                        let faint = if pen.dash.is_some() { 0.6 } else { 1.0 };
                        for w in screen.windows(2) {
                            far.line(w[0], w[1], colour.gamma_multiply(faint));
                        }
                    }
                    None => out.add(Shape::line(screen, stroke)),
                    Some(_) if zoom < 0.35 => {
                        out.add(Shape::line(
                            screen,
                            Stroke::new(stroke.width, colour.gamma_multiply(0.6)),
                        ));
                    }
                    Some((dash, gap)) => {
                        let pattern = Dashes {
                            dash: dash.at(zoom),
                            gap: gap.at(zoom),
                        };
                        let mut mesh = Mesh::default();
                        for w in screen.windows(2) {
                            pattern.add(&mut mesh, [w[0], w[1]], stroke, ppp, clip);
                        }
                        out.mesh(mesh);
                    }
                }
                out.arrowhead(q, base, dir, head, colour);
            }
            DisplayShape::Circle { centre, radius, pen } => {
                let stroke = Stroke::new(pen.width.at(zoom), pen.colour);
                out.add(Shape::circle_stroke(view.to_screen(*centre), radius.at(zoom), stroke));
            }
            DisplayShape::Text(text) => out.text(painter, text, view),
            DisplayShape::Icon {
                service,
                rect,
                fallback,
            } => {
                let r = view.rect_to_screen(*rect);
                match icons.texture(painter.ctx(), service) {
                    Some(tex) => {
                        let uv = egui::Rect::from_min_max(pos2(0.0, 0.0), pos2(1.0, 1.0));
                        out.add(Shape::image(tex, r, uv, Color32::WHITE));
                    }
                    None => out.rect_filled(r, CornerRadius::same(ICON_RADIUS.at(zoom) as u8), *fallback),
                }
            }
            DisplayShape::Badge {
                severity,
                corner,
                colour,
                ring,
            } => {
                let rad = BADGE_RADIUS.at(zoom);
                let at = view.to_screen(*corner) + vec2(-rad * 0.4, rad * 0.4);
                out.add(Shape::circle_filled(at, rad, *colour));
                out.add(Shape::circle_stroke(at, rad, Stroke::new(1.5, *ring)));
                if rad >= 6.0 {
                    let galley = painter.layout_no_wrap(
                        badge_glyph(*severity).to_owned(),
                        FontId::proportional(rad * 1.4),
                        Color32::WHITE,
                    );
                    let r = Align2::CENTER_CENTER.anchor_size(at, galley.size());
                    out.galley(r.min, galley, Color32::WHITE);
                }
            }
            DisplayShape::Tile { rect, fill, outline } => {
                let r = view.rect_to_screen(*rect);
                far.tile(r.round_to_pixels(ppp), *fill);
                if let Some(pen) = outline {
                    let stroke = Stroke::new(pen.width.at(zoom), pen.colour);
                    outlines.rect_stroke(r, CornerRadius::ZERO, stroke, StrokeKind::Outside);
                }
            }
        }
    }
    out.0.extend(far.shapes(painter));
    out.0.extend(outlines.0);
    painter.extend(out.0);
}

/// Shapes collected for one [`Painter::extend`], with the few `Painter` methods `paint` uses.
#[derive(Default)]
struct ShapeList(Vec<Shape>);

impl ShapeList {
    fn add(&mut self, shape: impl Into<Shape>) {
        self.0.push(shape.into());
    }

    fn mesh(&mut self, mesh: Mesh) {
        if !mesh.is_empty() {
            self.add(mesh);
        }
    }

    fn rect_filled(&mut self, r: egui::Rect, radius: impl Into<CornerRadius>, fill: Color32) {
        self.add(Shape::rect_filled(r, radius, fill));
    }

    fn rect_stroke(&mut self, r: egui::Rect, radius: impl Into<CornerRadius>, stroke: Stroke, kind: StrokeKind) {
        self.add(Shape::rect_stroke(r, radius, stroke, kind));
    }

    /// A filled arrowhead `head` long with its tip at `q`, its base centred on `base` and
    /// pointing along `dir`; nothing when `head` is 0 (heads are off when zoomed far out).
    fn arrowhead(&mut self, q: Pos2, base: Pos2, dir: Vec2, head: f32, colour: Color32) {
        if head > 0.0 {
            let side = vec2(-dir.y, dir.x) * head * 0.5;
            self.add(Shape::convex_polygon(
                vec![q, base + side, base - side],
                colour,
                Stroke::NONE,
            ));
        }
    }

    fn line_segment(&mut self, points: [Pos2; 2], stroke: Stroke) {
        self.add(Shape::line_segment(points, stroke));
    }

    fn galley(&mut self, pos: Pos2, galley: std::sync::Arc<egui::Galley>, colour: Color32) {
        if !galley.is_empty() {
            self.add(Shape::galley(pos, galley, colour));
        }
    }

    /// Lays out and places a text block, with its backdrop; leaves it out when its font
    /// would be smaller than the text's `min_size`.
    fn text(&mut self, painter: &Painter, text: &Text<'_>, view: &View) {
        let size = label_font_size(text.size, view.zoom);
        if size < text.min_size {
            return;
        }
        // The lines were broken by the display list (`label::fit`): egui lays them out as given.
        let mut job = LayoutJob::simple(
            text.text.to_string(),
            FontId::proportional(size),
            text.colour,
            f32::INFINITY,
        );
        let at = view.to_screen(text.at);
        match text.anchor {
            Anchor::LeftTop => self.galley(at, painter.layout_job(job), text.colour),
            Anchor::CentreTop => {
                job.halign = Align::Center;
                self.galley(at, painter.layout_job(job), text.colour);
            }
            Anchor::Centre => {
                let galley = painter.layout_job(job);
                let r = Align2::CENTER_CENTER.anchor_size(at, galley.size());
                match text.backdrop {
                    Some(fill) => {
                        let pad = BACKDROP_PAD.at(view.zoom);
                        let r = r.expand(pad);
                        self.rect_filled(r, CornerRadius::same(BACKDROP_RADIUS as u8), fill);
                        self.galley(r.min + Vec2::splat(pad), galley, text.colour);
                    }
                    None => self.galley(r.min, galley, text.colour),
                }
            }
        }
    }
}

/// A dash pattern in screen points, drawn as meshes.
///
/// `Shape::dashed_line` makes a shape per dash, off screen too: with a few hundred async edges
/// and some dashed group borders in view that was tens of thousands of shapes and a third of the
/// frame. Here only dashes near the clip rectangle are made, all into one mesh, with epaint's own
/// geometry for an open two-point stroke (soft sides and ends `feathering` wide) so they look
/// the same.
struct Dashes {
    dash: f32,
    gap: f32,
}

impl Dashes {
    /// Appends the dashes from `a` to `b` that are near `clip` to `mesh`. Dashes are laid out
    /// from `a`, so they stay put on the line while the view pans; level and upright lines sit on
    /// the pixel grid, as epaint puts them, so they stay sharp.
    fn add(&self, mesh: &mut Mesh, [mut a, mut b]: [Pos2; 2], stroke: Stroke, pixels_per_point: f32, clip: egui::Rect) {
        let feathering = 1.0 / pixels_per_point;
        if a.y == b.y {
            stroke.round_center_to_pixel(pixels_per_point, &mut a.y);
            b.y = a.y;
        }
        if a.x == b.x {
            stroke.round_center_to_pixel(pixels_per_point, &mut a.x);
            b.x = a.x;
        }
        let length = (b - a).length();
        let period = self.dash + self.gap;
        if length <= 0.0 || self.dash <= 0.0 || stroke.is_empty() {
            return;
        }
        let Some((t0, t1)) = clip_segment(a, b, clip.expand(stroke.width + self.dash)) else {
            return;
        };
        let dir = (b - a) / length;
        let thin = stroke.width <= 0.9 * feathering;
        let mut t = (t0 * length / period).floor() * period;
        let end = t1 * length;
        let count = ((end - t) / period).ceil().max(0.0) as usize + 1;
        mesh.reserve_vertices(count * if thin { 6 } else { 8 });
        mesh.reserve_triangles(count * if thin { 4 } else { 8 });
        while t < end {
            let dash = [a + dir * t, a + dir * (t + self.dash).min(length)];
            segment(mesh, dash, dir, stroke, feathering);
            t += period;
        }
    }
}

/// The part of the segment `a`–`b` inside `r` (Liang–Barsky) as a range of `a + (b - a) * t`.
pub(super) fn clip_segment(a: Pos2, b: Pos2, r: egui::Rect) -> Option<(f32, f32)> {
    let d = b - a;
    let (mut t0, mut t1) = (0.0f32, 1.0f32);
    for (p, q) in [
        (-d.x, a.x - r.min.x),
        (d.x, r.max.x - a.x),
        (-d.y, a.y - r.min.y),
        (d.y, r.max.y - a.y),
    ] {
        if p == 0.0 {
            if q < 0.0 {
                return None;
            }
        } else {
            let t = q / p;
            if p < 0.0 {
                t0 = t0.max(t);
            } else {
                t1 = t1.min(t);
            }
        }
    }
    (t0 <= t1).then_some((t0, t1))
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::model::{Edge, Node, node_rect};
    use crate::render::raster::headless_frame;
    use crate::render::theme::category_colour;

    /// Far out, a board is tiles joined by hairlines: both show, in the tile's category colour
    /// and darker than the background along the edge.
    #[test]
    fn far_out_tiles_and_hairlines_are_drawn() {
        let mut board = Board::new("far");
        board.nodes.push(Node::new("a", "lambda", "A", Point(0.0, 0.0)));
        board.nodes.push(Node::new("b", "lambda", "B", Point(4000.0, 0.0)));
        board.edges.push(Edge::new("a", "b"));
        let view = View {
            origin: pos2(20.0, 40.0),
            zoom: 0.05,
        };
        assert!(
            NODE_SIZE.0 * view.zoom < 10.0,
            "far enough out for tiles without arrowheads"
        );
        let ctx = egui::Context::default();
        let catalog = Catalog::builtin();
        let mut icons = Icons::default();
        let (raster, primitives, ppp) = headless_frame(&ctx, vec2(300.0, 100.0), 1.0, |ui| {
            paint(
                ui.painter(),
                &board,
                catalog,
                &mut icons,
                &view,
                Theme::Light,
                &Marks::default(),
            );
        });
        let background = Theme::Light.palette().background;
        let img = raster.paint(&primitives, [300, 100], ppp, background);
        let tile = view.rect_to_screen(node_rect(&board.nodes[0])).center();
        let accent = category_colour(catalog.get("lambda").expect("lambda").category.colour());
        let at = |p: Pos2| img.get_pixel(p.x as u32, p.y as u32).0;
        assert_eq!(at(tile), accent.to_srgba_unmultiplied(), "tile in its category colour");
        // Halfway along the edge, at the height its route runs (the icons' middle).
        let level = crate::layout::route::route(&board).edges[0].points[0].1;
        let middle = view.to_screen(Point(2000.0, level));
        let luma = |c: [u8; 4]| u32::from(c[0]) + u32::from(c[1]) + u32::from(c[2]);
        assert!(
            luma(at(middle)) + 60 < luma(background.to_srgba_unmultiplied()),
            "the edge shows as a line: {:?}",
            at(middle)
        );
    }

    /// The x of each dash's start (its first inner vertex) along a level line.
    fn dash_starts(clip: egui::Rect) -> Vec<f32> {
        let mut mesh = Mesh::default();
        let line = [pos2(0.0, 10.0), pos2(100_000.0, 10.0)];
        Dashes { dash: 7.0, gap: 5.0 }.add(&mut mesh, line, Stroke::new(1.6, Color32::GRAY), 1.0, clip);
        mesh.vertices.chunks(8).map(|dash| dash[1].pos.x).collect()
    }

    #[test]
    fn dashes_are_made_only_near_the_view_and_stay_put_when_it_moves() {
        let view = egui::Rect::from_min_size(pos2(50_000.0, 0.0), vec2(1200.0, 800.0));
        let starts = dash_starts(view);
        assert!(
            (100..=110).contains(&starts.len()),
            "a 100,000-point line across a 1,200-point view: {} dashes",
            starts.len()
        );
        assert!(starts.first().is_some_and(|&x| x <= view.min.x));
        assert!(starts.last().is_some_and(|&x| x >= view.max.x - 12.0));
        let moved = dash_starts(view.translate(vec2(3.3, 0.0)));
        let on_grid = |x: f32| (x / 12.0 - (x / 12.0).round()).abs() < 1e-3;
        assert!(
            starts.iter().chain(&moved).all(|&x| on_grid(x)),
            "dashes start every 12 points from the line's start"
        );
    }
}
