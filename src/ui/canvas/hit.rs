//! Hit-testing: what lies under a screen position (handles, nodes, edges, group borders).

use egui::{Pos2, Rect as ScreenRect};

use super::Canvas;
use super::GRAB;
use crate::model::{Board, NODE_SIZE, Rect, SpatialIndex, node_rect};

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
        let index = self.hit_index(board);
        let Some(index) = index.as_ref() else {
            return Hit::Empty;
        };
        if let Some(hov) = &self.marks.hovered
            && let Some(n) = board.node(hov)
        {
            let r = v.rect_to_screen(node_rect(n));
            if handles(r).iter().any(|h| h.distance(p) <= GRAB) {
                return Hit::ConnectHandle(hov.clone());
            }
        }
        let topmost = index.nodes.near(world, 0.0).into_iter().rev().find_map(|i| {
            let n = board.nodes.get(i as usize)?;
            node_rect(n).contains(world).then_some(n)
        });
        if let Some(n) = topmost {
            return Hit::Node(n.id.clone());
        }
        for i in index.edges.near(world, GRAB / v.zoom) {
            let Some(route) = self.drawn_route(board, i as usize) else {
                continue;
            };
            if route.distance(world) * v.zoom <= GRAB {
                return Hit::Edge(i as usize);
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

/// The nodes' cards and the edges' routes of one board at one revision, bucketed by area.
pub(super) struct HitIndex {
    /// The revision and the routes (by address) it was made for.
    key: (u64, usize),
    /// The nodes' cards, by node index.
    pub(super) nodes: SpatialIndex,
    /// The bounds of the edges' routes as drawn, by edge index.
    edges: SpatialIndex,
}

impl Canvas {
    /// The hit-test index for `board` as it is this frame, made first when the board or its
    /// routes changed since the last one.
    pub(super) fn hit_index(&self, board: &Board) -> std::cell::Ref<'_, Option<HitIndex>> {
        let routes = self
            .marks
            .routes
            .as_ref()
            .map_or(0, |r| std::sync::Arc::as_ptr(r) as usize);
        let key = (self.revision, routes);
        if self.hit_index.borrow().as_ref().is_none_or(|i| i.key != key) {
            let mut nodes = SpatialIndex::new(NODE_SIZE.0 * 2.0);
            for n in &board.nodes {
                nodes.add(node_rect(n));
            }
            let mut edges = SpatialIndex::new(NODE_SIZE.0 * 2.0);
            for i in 0..board.edges.len() {
                let bounds = self.drawn_route(board, i).and_then(crate::layout::route::Route::bounds);
                // An edge without a route keeps its place in the numbering but is never found.
                edges.add(bounds.unwrap_or(Rect {
                    x: f32::NAN,
                    ..Rect::default()
                }));
            }
            *self.hit_index.borrow_mut() = Some(HitIndex { key, nodes, edges });
        }
        self.hit_index.borrow()
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
