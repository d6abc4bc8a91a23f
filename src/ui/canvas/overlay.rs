//! What the canvas draws over the board: connection handles, group corners, alignment guides,
//! the rubber band, the connection being dragged, and the grid under it all.

use egui::{Color32, Pos2, Rect as ScreenRect, Stroke, Vec2};

use super::Canvas;
use super::GRID;
use super::gesture::Gesture;
use super::hit::{corners, handles};
use crate::model::{Point, node_rect};
use crate::render::{Theme, View};
use crate::ui::document::Document;

impl Canvas {
    pub(super) fn paint_overlays(&self, painter: &egui::Painter, doc: &Document, theme: Theme) {
        let pal = theme.palette();
        // connection handles on the hovered node
        if let Some(id) = &self.marks.hovered
            && let Some(n) = doc.board.node(id)
            && matches!(self.gesture, Gesture::Idle | Gesture::Connect { .. })
            && self.view.zoom > 0.3
        {
            for h in handles(self.view.rect_to_screen(node_rect(n))) {
                painter.circle(h, 5.0, pal.card, Stroke::new(1.5, pal.selection));
            }
        }
        if let [gid] = self.selected_groups().as_slice()
            && let Some(g) = doc.board.group(gid)
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
                if let (Some(n), Some(p)) = (doc.board.node(from), painter.ctx().pointer_interact_pos()) {
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
