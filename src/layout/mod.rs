//! Automatic layout: places every node of a board in layers along a direction, with groups drawn
//! around their members.
//!
//! Groups are laid out from the inside out: a group's members (nodes and child groups, each child
//! group already sized) are placed by the layered algorithm in `layered`, the group's rectangle
//! is drawn around them with padding, and the group then takes part in its parent's layout as
//! one box. An edge between nodes in different groups counts, in the innermost group holding
//! both, between the two members it leads into. So nodes never overlap, each group holds its
//! members, and sibling groups never overlap. Used by mermaid import and by Arrange → Auto layout.
//!
//! [`route`] computes the path each edge takes (right-angle routes around the cards, straight
//! lines, curves): geometry every writer draws the same way.

mod layered;
pub mod route;

use std::collections::HashMap;

use crate::history::Edit;
use crate::history::ops::{self, GROUP_LABEL_ROOM, GROUP_PADDING};
use crate::model::{Board, NODE_SIZE, Point, Rect, node_rect};

use layered::Spacing;

/// Which way edges mostly point after layout.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, Hash)]
pub enum Direction {
    /// Sources at the top (mermaid `TD`/`TB`).
    #[default]
    TopDown,
    /// Sources at the bottom (mermaid `BT`).
    BottomUp,
    /// Sources on the left (mermaid `LR`).
    LeftRight,
    /// Sources on the right (mermaid `RL`).
    RightLeft,
}

impl Direction {
    /// Every direction, in the order menus list them.
    pub const ALL: [Direction; 4] = [
        Direction::TopDown,
        Direction::LeftRight,
        Direction::BottomUp,
        Direction::RightLeft,
    ];

    /// The name a person reads in menus.
    pub fn title(self) -> &'static str {
        match self {
            Direction::TopDown => "Top to bottom",
            Direction::BottomUp => "Bottom to top",
            Direction::LeftRight => "Left to right",
            Direction::RightLeft => "Right to left",
        }
    }

    /// The mermaid keyword: `TD`, `BT`, `LR` or `RL`.
    pub fn mermaid(self) -> &'static str {
        match self {
            Direction::TopDown => "TD",
            Direction::BottomUp => "BT",
            Direction::LeftRight => "LR",
            Direction::RightLeft => "RL",
        }
    }

    /// The direction the board's edges mostly point in now (top-down when it has none), so a
    /// relayout keeps the user's flow.
    pub fn guess(board: &Board) -> Direction {
        let index = board.node_index();
        let (mut dx, mut dy) = (0.0f64, 0.0f64);
        for e in &board.edges {
            let (Some(&a), Some(&b)) = (index.get(e.from.as_str()), index.get(e.to.as_str())) else {
                continue;
            };
            let (p, q) = (board.nodes[a].at, board.nodes[b].at);
            if p.is_finite() && q.is_finite() {
                dx += f64::from(q.0 - p.0);
                dy += f64::from(q.1 - p.1);
            }
        }
        if dx.abs() > dy.abs() {
            if dx > 0.0 {
                Direction::LeftRight
            } else {
                Direction::RightLeft
            }
        } else if dy < 0.0 {
            Direction::BottomUp
        } else {
            Direction::TopDown
        }
    }

    fn horizontal(self) -> bool {
        matches!(self, Direction::LeftRight | Direction::RightLeft)
    }
}

/// Gap between neighbours in one rank, in world units (at least 40).
pub const RANK_GAP: f32 = 48.0;
/// Gap between ranks when they run top to bottom (card centres 168 apart), in world units.
pub const LAYER_GAP_VERTICAL: f32 = 76.0;
/// Gap between ranks when they run left to right (card centres 236 apart), in world units.
pub const LAYER_GAP_HORIZONTAL: f32 = 96.0;

/// Something a container (the board or a group) lays out.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
enum Item {
    Node(usize),
    Group(usize),
}

/// Places every node in layers along `direction` and fits every group around its members, with
/// no overlaps. The top-left of the result stays where the board's top-left was (or the origin).
pub fn layout(board: &mut Board, direction: Direction) {
    let anchor = board
        .bounds()
        .filter(|r| r.is_finite())
        .map_or(Point(0.0, 0.0), |r| Point(r.x, r.y));
    let parents = group_parents(board);
    let group_count = board.groups.len();
    // Container 0 is the board; container g + 1 is group g.
    let container_of_group = |p: Option<usize>| p.map_or(0, |g| g + 1);
    let group_index = first_index(board.groups.iter().map(|g| g.id.as_str()));
    let node_container: Vec<usize> = board
        .nodes
        .iter()
        .map(|n| {
            n.group
                .as_deref()
                .and_then(|g| group_index.get(g))
                .map_or(0, |&g| g + 1)
        })
        .collect();
    let mut items: Vec<Vec<Item>> = vec![Vec::new(); group_count + 1];
    // Where each item sits: (container, slot in it).
    let mut node_slot = vec![0usize; board.nodes.len()];
    let mut group_slot = vec![0usize; group_count];
    for (i, &c) in node_container.iter().enumerate() {
        node_slot[i] = items[c].len();
        items[c].push(Item::Node(i));
    }
    for (g, &p) in parents.iter().enumerate() {
        let c = container_of_group(p);
        group_slot[g] = items[c].len();
        items[c].push(Item::Group(g));
    }
    let depth = depths(&parents);
    let container_parent = |c: usize| {
        if c == 0 {
            None
        } else {
            Some(container_of_group(parents[c - 1]))
        }
    };
    let container_depth = |c: usize| if c == 0 { 0 } else { depth[c - 1] + 1 };

    // Each edge joins two items of the innermost container holding both ends.
    let node_index = board.node_index();
    let mut edges: Vec<Vec<(usize, usize)>> = vec![Vec::new(); group_count + 1];
    for e in &board.edges {
        let (Some(&u), Some(&v)) = (node_index.get(e.from.as_str()), node_index.get(e.to.as_str())) else {
            continue;
        };
        let (mut a, mut b) = (node_container[u], node_container[v]);
        let (mut sa, mut sb) = (node_slot[u], node_slot[v]);
        while a != b {
            let (da, db) = (container_depth(a), container_depth(b));
            if da >= db {
                sa = group_slot[a - 1];
                a = container_parent(a).unwrap_or(0);
            }
            if db >= da {
                sb = group_slot[b - 1];
                b = container_parent(b).unwrap_or(0);
            }
        }
        if sa != sb {
            edges[a].push((sa, sb));
        }
    }

    // Inside out: deepest groups first, the board last.
    let mut by_depth: Vec<usize> = (1..=group_count).collect();
    by_depth.sort_by_key(|&c| std::cmp::Reverse(container_depth(c)));
    by_depth.push(0);
    let spacing = if direction.horizontal() {
        Spacing {
            cross: RANK_GAP,
            flow: LAYER_GAP_HORIZONTAL,
        }
    } else {
        Spacing {
            cross: RANK_GAP,
            flow: LAYER_GAP_VERTICAL,
        }
    };
    let mut group_size = vec![(0.0f32, 0.0f32); group_count];
    // Each item's centre relative to its container's top-left, in world units.
    let mut offset: Vec<Vec<(f32, f32)>> = vec![Vec::new(); group_count + 1];
    for &c in &by_depth {
        let sizes: Vec<(f32, f32)> = items[c]
            .iter()
            .map(|it| match *it {
                Item::Node(i) => {
                    let r = node_rect(&board.nodes[i]);
                    (r.w, r.h)
                }
                Item::Group(g) => group_size[g],
            })
            .collect();
        let abstract_sizes: Vec<(f32, f32)> = sizes
            .iter()
            .map(|&(w, h)| if direction.horizontal() { (h, w) } else { (w, h) })
            .collect();
        let placed = layered::place(&abstract_sizes, &edges[c], spacing);
        let centres: Vec<(f32, f32)> = placed
            .iter()
            .map(|&(cross, flow)| match direction {
                Direction::TopDown => (cross, flow),
                Direction::BottomUp => (cross, -flow),
                Direction::LeftRight => (flow, cross),
                Direction::RightLeft => (-flow, cross),
            })
            .collect();
        let bounds = centres
            .iter()
            .zip(&sizes)
            .map(|(&(x, y), &size)| Rect::centred(Point(x, y), size))
            .reduce(Rect::union)
            .unwrap_or(Rect {
                x: 0.0,
                y: 0.0,
                w: NODE_SIZE.0,
                h: NODE_SIZE.1,
            });
        let (left, top) = if c == 0 {
            (bounds.x, bounds.y)
        } else {
            let g = c - 1;
            group_size[g] = (
                bounds.w + 2.0 * GROUP_PADDING,
                bounds.h + 2.0 * GROUP_PADDING + GROUP_LABEL_ROOM,
            );
            (bounds.x - GROUP_PADDING, bounds.y - GROUP_PADDING - GROUP_LABEL_ROOM)
        };
        offset[c] = centres.iter().map(|&(x, y)| (x - left, y - top)).collect();
    }

    // Outside in: place each container's items from its top-left.
    let mut origin = vec![(0.0f32, 0.0f32); group_count + 1];
    origin[0] = (anchor.0, anchor.1);
    for &c in by_depth.iter().rev() {
        let (ox, oy) = origin[c];
        for (k, it) in items[c].iter().enumerate() {
            let (dx, dy) = offset[c].get(k).copied().unwrap_or((0.0, 0.0));
            let centre = Point(ox + dx, oy + dy);
            match *it {
                Item::Node(i) => board.nodes[i].at = centre,
                Item::Group(g) => {
                    let rect = Rect::centred(centre, group_size[g]);
                    board.groups[g].rect = rect;
                    origin[g + 1] = (rect.x, rect.y);
                }
            }
        }
    }
}

/// The same layout as one undoable step, "Auto layout", that moves nodes and resizes groups.
pub fn auto_layout_edit(board: &Board, direction: Direction) -> Edit {
    let mut after = board.clone();
    layout(&mut after, direction);
    ops::updated_to(board, &after, "Auto layout")
}

/// Each group's parent (index into `groups`), with missing parents and cycles of parents cut so
/// that the result is a forest.
pub(crate) fn group_parents(board: &Board) -> Vec<Option<usize>> {
    let index = first_index(board.groups.iter().map(|g| g.id.as_str()));
    let mut parent: Vec<Option<usize>> = board
        .groups
        .iter()
        .enumerate()
        .map(|(g, grp)| {
            grp.parent
                .as_deref()
                .and_then(|p| index.get(p).copied())
                .filter(|&p| p != g)
        })
        .collect();
    // 0: not visited, 1: on the current walk, 2: done.
    let mut state = vec![0u8; parent.len()];
    for start in 0..parent.len() {
        let mut path = Vec::new();
        let mut at = start;
        loop {
            match state[at] {
                2 => break,
                1 => {
                    parent[at] = None;
                    break;
                }
                _ => {}
            }
            state[at] = 1;
            path.push(at);
            match parent[at] {
                Some(p) => at = p,
                None => break,
            }
        }
        for g in path {
            state[g] = 2;
        }
    }
    parent
}

/// How many groups enclose each group (0 for a top-level group); `parents` must be a forest.
fn depths(parents: &[Option<usize>]) -> Vec<usize> {
    let mut depth: Vec<Option<usize>> = vec![None; parents.len()];
    for start in 0..parents.len() {
        let mut path = Vec::new();
        let mut at = Some(start);
        let mut base = 0;
        while let Some(g) = at {
            if let Some(d) = depth[g] {
                base = d + 1;
                break;
            }
            path.push(g);
            at = parents[g];
        }
        for (k, &g) in path.iter().rev().enumerate() {
            depth[g] = Some(base + k);
        }
    }
    depth.into_iter().map(|d| d.unwrap_or(0)).collect()
}

fn first_index<'a>(ids: impl Iterator<Item = &'a str>) -> HashMap<&'a str, usize> {
    let mut map = HashMap::new();
    for (i, id) in ids.enumerate() {
        map.entry(id).or_insert(i);
    }
    map
}

#[cfg(test)]
mod tests;

/// What a tidy board never has: every pair of node cards that overlap, and every node or child
/// group sticking out of its group. Empty for a clean layout; used by the tests of the layout,
/// the importer and the presets.
pub fn faults(board: &Board) -> Vec<String> {
    let mut faults = Vec::new();
    let rects: Vec<Rect> = board.nodes.iter().map(node_rect).collect();
    let mut order: Vec<usize> = (0..rects.len()).collect();
    order.sort_by(|&a, &b| rects[a].x.total_cmp(&rects[b].x));
    for (k, &a) in order.iter().enumerate() {
        for &b in &order[k + 1..] {
            if rects[b].x >= rects[a].x + rects[a].w {
                break;
            }
            if rects[a].intersects(rects[b]) {
                faults.push(format!("{} overlaps {}", board.nodes[a].id, board.nodes[b].id));
            }
        }
    }
    for n in &board.nodes {
        if let Some(g) = n.group.as_deref().and_then(|g| board.group(g))
            && !g.rect.contains_rect(node_rect(n))
        {
            faults.push(format!("{} is outside {}", n.id, g.id));
        }
    }
    for (i, g) in board.groups.iter().enumerate() {
        if let Some(p) = g.parent.as_deref().and_then(|p| board.group(p))
            && !p.rect.contains_rect(g.rect)
        {
            faults.push(format!("group {} is outside {}", g.id, p.id));
        }
        for h in &board.groups[i + 1..] {
            if g.parent == h.parent && g.rect.intersects(h.rect) {
                faults.push(format!("groups {} and {} overlap", g.id, h.id));
            }
        }
    }
    faults
}
