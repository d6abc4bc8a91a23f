//! Hit-testing: what lies under a screen position (handles, nodes, edges, group borders).

use egui::{Pos2, Rect as ScreenRect};

use super::Canvas;
use super::GRAB;
use crate::model::{Board, node_rect};
use crate::render;

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
        let index = board.node_index();
        for (i, e) in board.edges.iter().enumerate() {
            let (Some(&a), Some(&b)) = (index.get(e.from.as_str()), index.get(e.to.as_str())) else {
                continue;
            };
            let (from, to) = render::edge_ends(node_rect(&board.nodes[a]), node_rect(&board.nodes[b]));
            if segment_distance(p, v.to_screen(from), v.to_screen(to)) <= GRAB {
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

pub(super) fn segment_distance(p: Pos2, a: Pos2, b: Pos2) -> f32 {
    let ab = b - a;
    let t = if ab.length_sq() > 0.0 {
        ((p - a).dot(ab) / ab.length_sq()).clamp(0.0, 1.0)
    } else {
        0.0
    };
    p.distance(a + ab * t)
}
