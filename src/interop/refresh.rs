//! Reimport: a board refreshed from the source it was imported from, keeping what the user did
//! on it. The source decides what exists (resources, their data flow, their settings); the
//! board keeps where things are, the props only a person adds (load, cost), notes on the
//! canvas, and everything that is not the drawing (title, notes, checklist, accepted findings,
//! styles, a practice round).

use std::collections::{HashMap, HashSet};

use crate::model::{Board, NODE_SIZE, Point, free_spot};

/// What a refresh did, for the status line.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub struct Refreshed {
    /// Nodes still in the source, left where they were.
    pub kept: usize,
    /// Nodes new in the source, placed near where the source's layout puts them.
    pub added: usize,
    /// Nodes gone from the source, taken off the board.
    pub removed: usize,
}

impl std::fmt::Display for Refreshed {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        write!(
            f,
            "{} kept in place, {} added, {} removed",
            self.kept, self.added, self.removed
        )
    }
}

/// The board `current` becomes when its source now reads as `fresh`.
///
/// Nodes and groups are matched by id (a template's logical id or resource address, a diagram's
/// cell id). A kept node keeps its position and any prop the source does not set; a new one is
/// placed where the source's layout puts it, shifted as the kept nodes were moved, in the
/// nearest free spot. Note nodes (annotations the user drew) stay. Groups that survive keep
/// their rectangle, grown to hold their members.
pub fn refresh(current: &Board, fresh: Board) -> (Board, Refreshed) {
    let old: HashMap<&str, &crate::model::Node> = current.nodes.iter().map(|n| (n.id.as_str(), n)).collect();
    let fresh_ids: HashSet<String> = fresh.nodes.iter().map(|n| n.id.clone()).collect();
    // How far the user moved the kept nodes from where the source's layout puts them, on average.
    let moved: Vec<(f32, f32)> = fresh
        .nodes
        .iter()
        .filter_map(|n| old.get(n.id.as_str()).map(|o| (o.at.0 - n.at.0, o.at.1 - n.at.1)))
        .collect();
    let shift = if moved.is_empty() {
        (0.0, 0.0)
    } else {
        let k = moved.len() as f32;
        (
            moved.iter().map(|m| m.0).sum::<f32>() / k,
            moved.iter().map(|m| m.1).sum::<f32>() / k,
        )
    };
    let mut out = Board {
        nodes: Vec::with_capacity(fresh.nodes.len()),
        edges: fresh.edges,
        groups: Vec::new(),
        ..current.clone()
    };
    let mut summary = Refreshed::default();
    let mut new_nodes = Vec::new();
    for mut node in fresh.nodes {
        match old.get(node.id.as_str()) {
            Some(was) => {
                node.at = was.at;
                for (k, v) in &was.props {
                    node.props.entry(k.clone()).or_insert_with(|| v.clone());
                }
                summary.kept += 1;
                out.nodes.push(node);
            }
            None => new_nodes.push(node),
        }
    }
    // The user's own notes on the canvas are not in any source.
    out.nodes.extend(
        current
            .nodes
            .iter()
            .filter(|n| n.service == "note" && !fresh_ids.contains(&n.id))
            .cloned(),
    );
    summary.removed = current
        .nodes
        .iter()
        .filter(|n| n.service != "note" && !fresh_ids.contains(&n.id))
        .count();
    for mut node in new_nodes {
        let near = Point(node.at.0 + shift.0, node.at.1 + shift.1);
        node.at = free_spot(&out, NODE_SIZE, near, None);
        summary.added += 1;
        out.nodes.push(node);
    }
    let old_groups: HashMap<&str, &crate::model::Group> = current.groups.iter().map(|g| (g.id.as_str(), g)).collect();
    out.groups = fresh
        .groups
        .into_iter()
        .map(|mut g| {
            if let Some(was) = old_groups.get(g.id.as_str()) {
                g.rect = was.rect;
            }
            g
        })
        .collect();
    crate::history::ops::grow_groups(&mut out);
    (out, summary)
}
