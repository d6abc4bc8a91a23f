//! Hit-testing: what lies under a screen position (handles, nodes, edges, group borders).

use egui::{Pos2, Rect as ScreenRect};

use super::Canvas;
use super::GRAB;
use crate::model::{Board, node_rect};

/// What lies under the pointer.
#[derive(Clone, Debug, PartialEq)]
pub enum Hit {
    Node(String),
    ConnectHandle(String),
    Edge(usize),
    Group(String),
    GroupCorner(String, usize),
    Empty,
}

impl Canvas {
    /// What is under a screen position: handles first, then nodes (topmost), edges, groups.
    pub fn hit(&self, board: &Board, p: Pos2) -> Hit {
        let v = &self.view;
        if let [gid] = self.selected_groups().as_slice()
            && let Some(g) = board.group(gid)
        {
            let r = v.rect_to_screen(g.rect);
            for (i, c) in corners(r).iter().enumerate() {
                if c.distance(p) <= GRAB + 2.0 {
                    return Hit::GroupCorner(gid.clone(), i);
                }
            }
        }
        let world = v.to_world(p);
        if let Some(hov) = &self.marks.hovered
            && let Some(n) = board.node(hov)
        {
            let r = v.rect_to_screen(node_rect(n));
            if handles(r).iter().any(|h| h.distance(p) <= GRAB) {
                return Hit::ConnectHandle(hov.clone());
            }
        }
        if let Some(n) = board.nodes.iter().rev().find(|n| node_rect(n).contains(world)) {
            return Hit::Node(n.id.clone());
        }
        for i in 0..board.edges.len() {
            let Some(route) = self.drawn_route(board, i) else {
                continue;
            };
            if route.distance(world) * v.zoom <= GRAB {
                return Hit::Edge(i);
            }
        }
        // Groups are grabbed by their border or their label band, innermost first.
        let mut groups: Vec<&crate::model::Group> = board.groups.iter().collect();
        groups.sort_by(|a, b| (a.rect.w * a.rect.h).total_cmp(&(b.rect.w * b.rect.h)));
        for g in groups {
            let r = v.rect_to_screen(g.rect);
            let band = ScreenRect::from_min_max(r.min, Pos2::new(r.max.x, r.min.y + (28.0 * v.zoom).max(10.0)));
            let near_border = r.expand(GRAB).contains(p) && !r.shrink(GRAB).contains(p);
            if band.contains(p) || near_border {
                return Hit::Group(g.id.clone());
            }
        }
        Hit::Empty
    }
}

/// The four connection handles of a card on screen: middle of each side.
pub(super) fn handles(r: ScreenRect) -> [Pos2; 4] {
    [r.center_top(), r.right_center(), r.center_bottom(), r.left_center()]
}

/// The four corners, clockwise from top-left.
pub(super) fn corners(r: ScreenRect) -> [Pos2; 4] {
    [r.left_top(), r.right_top(), r.right_bottom(), r.left_bottom()]
}
