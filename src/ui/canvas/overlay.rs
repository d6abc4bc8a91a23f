//! What the canvas draws over the board: connection handles, group corners, alignment guides,
//! the rubber band, the connection being dragged, and the grid under it all.

use egui::{Color32, Pos2, Rect as ScreenRect, Stroke, Vec2};

use super::Canvas;
use super::GRID;
use super::gesture::Gesture;
use super::hit::{corners, handles};
use crate::model::{Board, Point, node_rect};
use crate::numbers::compact;
use crate::render::{Theme, View, label_font_size};

impl Canvas {
    /// View > Numbers: under each card with figures its peak load and monthly cost ("25k/s ·
    /// $1.2k/mo"), and on each edge its load where it differs from its source's (a split, a
    /// share, an explicit rps). Small muted text on the background colour, so it reads in both
    /// themes over edges and the grid; left out when zoomed too far out to read.
    pub(super) fn paint_numbers(&self, painter: &egui::Painter, board: &Board, theme: Theme) {
        let Some(review) = &self.figures else { return };
        let numbers = &review.numbers;
        // Readable when zoomed out a little (the card labels shrink first); gone when the cards
        // are too small to carry it.
        let size = label_font_size(11.0, self.view.zoom).max(8.5);
        if self.view.zoom < 0.35 || numbers.nodes.len() != board.nodes.len() || numbers.edges.len() != board.edges.len()
        {
            return;
        }
        let pal = theme.palette();
        let font = egui::FontId::proportional(size);
        let tag = |at: Pos2, anchor: egui::Align2, text: String| {
            let galley = painter.layout_no_wrap(text, font.clone(), pal.muted);
            let rect = anchor.anchor_size(at, galley.size());
            painter.rect_filled(rect.expand(2.0), 3.0, pal.background.gamma_multiply(0.9));
            painter.galley(rect.min, galley, pal.muted);
        };
        let clip = painter.clip_rect();
        for (n, figures) in board.nodes.iter().zip(&numbers.nodes) {
            if !figures.has_figures() {
                continue;
            }
            let r = node_rect(n);
            let at = self.view.to_screen(Point(r.x + r.w / 2.0, r.y + r.h + 3.0));
            if !clip.expand(60.0).contains(at) {
                continue;
            }
            let mut parts = Vec::new();
            if let Some(peak) = figures.peak() {
                parts.push(format!("{}/s", compact(peak)));
            }
            if let Some(usd) = figures.monthly_usd {
                parts.push(format!("${}/mo", compact(usd)));
            }
            tag(at, egui::Align2::CENTER_TOP, parts.join(" \u{b7} "));
        }
        let index = board.node_index();
        for (i, (e, load)) in board.edges.iter().zip(&numbers.edges).enumerate() {
            let Some(load) = load else { continue };
            let (Some(&a), Some(&b)) = (index.get(e.from.as_str()), index.get(e.to.as_str())) else {
                continue;
            };
            let source = numbers.nodes[a].peak().unwrap_or(0.0);
            if a == b || (load.peak - source).abs() <= 1e-9 * source.abs().max(1.0) {
                continue;
            }
            let Some((from, to)) = self.drawn_route(board, i).and_then(|r| r.label_run()) else {
                continue;
            };
            let mid = Point((from.0 + to.0) / 2.0, (from.1 + to.1) / 2.0);
            // Below the middle, where the edge's own label sits when nothing is in its way.
            let below = if e.label.is_empty() { 0.0 } else { 16.0 };
            let at = self.view.to_screen(Point(mid.0, mid.1 + below));
            if clip.expand(60.0).contains(at) {
                tag(at, egui::Align2::CENTER_CENTER, format!("{}/s", compact(load.peak)));
            }
        }
    }

    pub(super) fn paint_overlays(&self, painter: &egui::Painter, board: &Board, theme: Theme) {
        let pal = theme.palette();
        // connection handles on the hovered node
        if let Some(id) = &self.marks.hovered
            && let Some(n) = board.node(id)
            && matches!(self.gesture, Gesture::Idle | Gesture::Connect { .. })
            && self.view.zoom > 0.3
        {
            for h in handles(self.view.rect_to_screen(node_rect(n))) {
                painter.circle(h, 5.0, pal.card, Stroke::new(1.5, pal.selection));
            }
        }
        if let [gid] = self.selected_groups().as_slice()
            && let Some(g) = board.group(gid)
        {
            for c in corners(self.view.rect_to_screen(g.rect)) {
                painter.rect(
                    ScreenRect::from_center_size(c, Vec2::splat(8.0)),
                    1.0,
                    pal.card,
                    Stroke::new(1.5, pal.selection),
                    egui::StrokeKind::Middle,
                );
            }
        }
        for [a, b] in &self.guides {
            painter.line_segment([*a, *b], Stroke::new(1.0, pal.highlight));
        }
        match &self.gesture {
            Gesture::Band { start } => {
                if let Some(p) = painter.ctx().pointer_interact_pos() {
                    let r = ScreenRect::from_two_pos(*start, p);
                    painter.rect(
                        r,
                        0.0,
                        pal.selection.gamma_multiply(0.12),
                        Stroke::new(1.0, pal.selection),
                        egui::StrokeKind::Inside,
                    );
                }
            }
            Gesture::Connect { from } => {
                if let (Some(n), Some(p)) = (board.node(from), painter.ctx().pointer_interact_pos()) {
                    let a = self.view.to_screen(n.at);
                    painter.line_segment([a, p], Stroke::new(2.0, pal.selection));
                    painter.circle_filled(p, 4.0, pal.selection);
                }
            }
            _ => {}
        }
    }
}

/// Grid lines every [`GRID`] units, or every five when zoomed out, over the visible area only.
pub(super) fn paint_grid(painter: &egui::Painter, view: &View, colour: Color32) {
    let clip = painter.clip_rect();
    let mut step = GRID;
    while step * view.zoom < 12.0 {
        step *= 5.0;
    }
    let (tl, br) = (view.to_world(clip.min), view.to_world(clip.max));
    let stroke = Stroke::new(1.0, colour);
    let mut x = (tl.0 / step).floor() * step;
    while x <= br.0 {
        let sx = view.to_screen(Point(x, 0.0)).x;
        painter.line_segment([Pos2::new(sx, clip.top()), Pos2::new(sx, clip.bottom())], stroke);
        x += step;
    }
    let mut y = (tl.1 / step).floor() * step;
    while y <= br.1 {
        let sy = view.to_screen(Point(0.0, y)).y;
        painter.line_segment([Pos2::new(clip.left(), sy), Pos2::new(clip.right(), sy)], stroke);
        y += step;
    }
}
