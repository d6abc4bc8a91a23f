//! Moving and lining up nodes and groups, and taking over a layout's positions.

use std::collections::HashSet;

use super::draft::Draft;
use super::{name, things, with_descendants};
use crate::history::Edit;
use crate::model::{Board, Rect, node_rect};
use crate::text::count;

/// Moves nodes and groups by `(dx, dy)` world units; a group takes its member nodes and nested
/// groups with it. Each item moves once even if it is selected and inside a moved group.
pub(crate) fn move_items(board: &Board, node_ids: &[String], group_ids: &[String], dx: f32, dy: f32) -> Edit {
    if (dx == 0.0 && dy == 0.0) || !dx.is_finite() || !dy.is_finite() {
        return Edit::new("Move");
    }
    let groups = with_descendants(board, group_ids);
    let picked: HashSet<&str> = node_ids.iter().map(String::as_str).collect();
    let mut d = Draft::new(board);
    let mut moved_nodes = 0;
    for (i, n) in board.nodes.iter().enumerate() {
        if picked.contains(n.id.as_str()) || n.group.as_deref().is_some_and(|g| groups.contains(g)) {
            moved_nodes += 1;
            if let Some(n) = d.node(i) {
                n.at = n.at.offset(dx, dy);
            }
        }
    }
    for (i, g) in board.groups.iter().enumerate() {
        if groups.contains(g.id.as_str())
            && let Some(g) = d.group(i)
        {
            g.rect.x += dx;
            g.rect.y += dy;
        }
    }
    let label = if moved_nodes + groups.len() == 1 {
        let node = board.nodes.iter().find(|n| picked.contains(n.id.as_str())).map(name);
        format!(
            "Move {}",
            node.or_else(|| groups.iter().next().copied()).unwrap_or_default()
        )
    } else {
        format!("Move {}", things(moved_nodes, groups.len(), 0))
    };
    d.finish(label)
}

/// How [`align`] lines nodes up: along a side or centre line of their bounding box, or spread
/// with equal gaps.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Alignment {
    /// Left sides on the leftmost one.
    Left,
    /// Centres on the middle of the bounding box, across.
    Centre,
    /// Right sides on the rightmost one.
    Right,
    /// Tops on the highest one.
    Top,
    /// Centres on the middle of the bounding box, down.
    Middle,
    /// Bottoms on the lowest one.
    Bottom,
    /// Equal gaps from left to right, the outermost nodes staying where they are.
    SpreadAcross,
    /// Equal gaps from top to bottom, the outermost nodes staying where they are.
    SpreadDown,
}

impl Alignment {
    /// Every alignment, in menu order.
    pub const ALL: [Alignment; 8] = [
        Alignment::Left,
        Alignment::Centre,
        Alignment::Right,
        Alignment::Top,
        Alignment::Middle,
        Alignment::Bottom,
        Alignment::SpreadAcross,
        Alignment::SpreadDown,
    ];

    /// The menu text.
    pub fn title(self) -> &'static str {
        match self {
            Alignment::Left => "Align left",
            Alignment::Centre => "Align centres",
            Alignment::Right => "Align right",
            Alignment::Top => "Align top",
            Alignment::Middle => "Align middles",
            Alignment::Bottom => "Align bottom",
            Alignment::SpreadAcross => "Spread across",
            Alignment::SpreadDown => "Spread down",
        }
    }

    /// How many nodes it takes for the alignment to do anything.
    pub fn needs(self) -> usize {
        match self {
            Alignment::SpreadAcross | Alignment::SpreadDown => 3,
            _ => 2,
        }
    }
}

/// Lines up the nodes `ids` as `how` says, in one undo step; nothing with fewer than
/// [`Alignment::needs`] nodes. Works on the cards' edges, so notes and cards of other sizes line
/// up by their sides, not their centres.
pub(crate) fn align(board: &Board, ids: &[String], how: Alignment) -> Edit {
    use Alignment::*;
    // Every alignment works along one axis: a card's span on it is (start, size).
    let across = matches!(how, Left | Centre | Right | SpreadAcross);
    let span = |r: Rect| if across { (r.x, r.w) } else { (r.y, r.h) };
    let picked: HashSet<&str> = ids.iter().map(String::as_str).collect();
    let mut nodes: Vec<(usize, (f32, f32))> = board
        .nodes
        .iter()
        .enumerate()
        .filter(|(_, n)| picked.contains(n.id.as_str()))
        .map(|(i, n)| (i, span(node_rect(n))))
        .collect();
    if nodes.len() < how.needs() {
        return Edit::new(how.title());
    }
    let low = nodes.iter().map(|(_, (start, _))| *start).fold(f32::MAX, f32::min);
    let high = nodes
        .iter()
        .map(|(_, (start, size))| start + size)
        .fold(f32::MIN, f32::max);
    // Each node's new start on the axis.
    let starts: Vec<(usize, f32, f32)> = match how {
        Left | Top => nodes.iter().map(|&(i, (start, _))| (i, start, low)).collect(),
        Right | Bottom => nodes
            .iter()
            .map(|&(i, (start, size))| (i, start, high - size))
            .collect(),
        Centre | Middle => nodes
            .iter()
            .map(|&(i, (start, size))| (i, start, (low + high - size) / 2.0))
            .collect(),
        SpreadAcross | SpreadDown => {
            nodes.sort_by(|a, b| a.1.0.total_cmp(&b.1.0).then(a.0.cmp(&b.0)));
            let sizes: f32 = nodes.iter().map(|(_, (_, size))| size).sum();
            let gap = (high - low - sizes) / (nodes.len() - 1) as f32;
            let mut at = low;
            nodes
                .iter()
                .map(|&(i, (start, size))| {
                    let placed = (i, start, at);
                    at += size + gap;
                    placed
                })
                .collect()
        }
    };
    let mut d = Draft::new(board);
    let mut moved = 0;
    for (i, start, new) in starts {
        let delta = new - start;
        if delta.abs() > 1e-3
            && let Some(n) = d.node(i)
        {
            n.at = if across {
                n.at.offset(delta, 0.0)
            } else {
                n.at.offset(0.0, delta)
            };
            moved += 1;
        }
    }
    d.finish(format!("{} ({})", how.title(), count(moved, "node")))
}

/// The edit that updates `board`'s nodes and groups to how they are in `after`, a copy of it
/// changed in place (by a layout, say): the same items in the same order, any of them moved,
/// resized or otherwise edited.
pub(crate) fn updated_to(board: &Board, after: &Board, label: &str) -> Edit {
    let mut d = Draft::new(board);
    for (i, (b, a)) in board.nodes.iter().zip(&after.nodes).enumerate() {
        if b != a
            && let Some(n) = d.node(i)
        {
            n.clone_from(a);
        }
    }
    for (i, (b, a)) in board.groups.iter().zip(&after.groups).enumerate() {
        if b != a
            && let Some(g) = d.group(i)
        {
            g.clone_from(a);
        }
    }
    d.finish(label)
}

/// The edit that turns `board`'s drawing into `after`'s, one undo step (a reimport): nodes
/// matched by id are updated in place, the others removed or appended; edges and groups are
/// replaced whole, so groups keep `after`'s parents-first order.
pub(crate) fn replaced_by(board: &Board, after: &Board, label: &str) -> Edit {
    let mut d = Draft::new(board);
    let wanted: std::collections::HashMap<&str, &crate::model::Node> =
        after.nodes.iter().map(|n| (n.id.as_str(), n)).collect();
    let kept: HashSet<&str> = board.nodes.iter().map(|n| n.id.as_str()).collect();
    for (i, n) in board.nodes.iter().enumerate() {
        match wanted.get(n.id.as_str()) {
            Some(a) if *a != n => {
                if let Some(slot) = d.node(i) {
                    slot.clone_from(a);
                }
            }
            Some(_) => {}
            None => {
                d.nodes.removed.insert(i);
            }
        }
    }
    d.nodes
        .added
        .extend(after.nodes.iter().filter(|n| !kept.contains(n.id.as_str())).cloned());
    if board.edges != after.edges {
        d.edges.removed.extend(0..board.edges.len());
        d.edges.added.extend(after.edges.iter().cloned());
    }
    if board.groups != after.groups {
        d.groups.removed.extend(0..board.groups.len());
        d.groups.added.extend(after.groups.iter().cloned());
    }
    d.finish(label)
}
