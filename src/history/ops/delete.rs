//! Deleting nodes, edges and groups, keeping what was inside a deleted group.

use std::collections::HashSet;

use super::draft::Draft;
use super::{nearest_kept, things};
use crate::history::Edit;
use crate::model::Board;

/// Deletes nodes (with every edge touching them), groups and edges (by index).
///
/// Deleting a group keeps its members: they, and its child groups, move up to the nearest
/// enclosing group that is not deleted too.
pub(crate) fn delete(board: &Board, node_ids: &[String], group_ids: &[String], edges: &[usize]) -> Edit {
    let doomed_nodes: HashSet<&str> = node_ids.iter().map(String::as_str).collect();
    let doomed_groups: HashSet<&str> = group_ids.iter().map(String::as_str).collect();
    let doomed_edges: HashSet<usize> = edges.iter().copied().collect();
    let mut d = Draft::new(board);
    for (i, e) in board.edges.iter().enumerate() {
        if doomed_edges.contains(&i) || doomed_nodes.contains(e.from.as_str()) || doomed_nodes.contains(e.to.as_str()) {
            d.edges.removed.insert(i);
        }
    }
    let survivor = |g: Option<&str>| nearest_kept(board, g, |id| !doomed_groups.contains(id));
    for (i, n) in board.nodes.iter().enumerate() {
        if doomed_nodes.contains(n.id.as_str()) {
            d.nodes.removed.insert(i);
        } else if n.group.as_deref().is_some_and(|g| doomed_groups.contains(g)) {
            let lifted = survivor(n.group.as_deref());
            if let Some(n) = d.node(i) {
                n.group = lifted;
            }
        }
    }
    for (i, g) in board.groups.iter().enumerate() {
        if doomed_groups.contains(g.id.as_str()) {
            d.groups.removed.insert(i);
        } else if g.parent.as_deref().is_some_and(|p| doomed_groups.contains(p)) {
            let lifted = survivor(g.parent.as_deref());
            if let Some(g) = d.group(i) {
                g.parent = lifted;
            }
        }
    }
    let label = format!(
        "Delete {}",
        things(
            d.nodes.removed.len(),
            d.groups.removed.len(),
            if d.nodes.removed.is_empty() {
                d.edges.removed.len()
            } else {
                0
            }
        )
    );
    d.finish(label)
}
