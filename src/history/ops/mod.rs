//! The board operations an editor needs, as pure functions from the current board to an `Edit`.
//!
//! None of them changes the board: the caller hands the edit to [`History::apply`](super::History::apply),
//! so every operation can be undone. An operation that would change nothing (unknown ids, a
//! label set to what it already is, a duplicate edge) returns an empty edit, which the history
//! ignores. Each job has its file; every operation is reachable as `history::ops::<name>`.

mod arrange;
mod delete;
mod draft;
mod edges;
mod fix;
mod groups;
mod insert;
mod nodes;

use std::collections::HashSet;

pub(crate) use arrange::{Alignment, align, move_items, replaced_by, updated_to};
pub(crate) use delete::delete;
use draft::Draft;
pub(crate) use edges::{connect, reverse_edge, set_edge, set_edge_prop, set_edge_style};
pub(crate) use fix::fix;
pub(crate) use groups::{
    GROUP_LABEL_ROOM, GROUP_PADDING, add_group, grow_groups, resize_group, set_group, update_membership, wrap_in_group,
};
pub(crate) use insert::{BESIDE_GAP, Inserted, duplicate, insert_with_ids, paste, place_beside, selection_as_board};
pub(crate) use nodes::{add_node, set_label, set_prop, set_service, update_node};

use super::{Edit, Meta};
use crate::model::{Board, Node};
use crate::text::count;

fn node_pos(board: &Board, id: &str) -> Option<usize> {
    board.nodes.iter().position(|n| n.id == id)
}

fn group_pos(board: &Board, id: &str) -> Option<usize> {
    board.groups.iter().position(|g| g.id == id)
}

/// "2 nodes and 1 group": the non-zero counts joined, for edit labels.
fn things(nodes: usize, groups: usize, edges: usize) -> String {
    let parts: Vec<String> = [(nodes, "node"), (groups, "group"), (edges, "edge")]
        .into_iter()
        .filter(|(n, _)| *n > 0)
        .map(|(n, noun)| count(n, noun))
        .collect();
    match parts.as_slice() {
        [] => "nothing".to_owned(),
        [one] => one.clone(),
        [init @ .., last] => format!("{} and {last}", init.join(", ")),
    }
}

/// A node's name in an edit label: its label, or its id when the label is empty.
fn name(node: &Node) -> &str {
    if node.label.is_empty() { &node.id } else { &node.label }
}

/// The ids of `roots` (existing groups) and every group nested inside them.
fn with_descendants<'a>(board: &'a Board, roots: &[String]) -> HashSet<&'a str> {
    let mut set: HashSet<&str> = board
        .groups
        .iter()
        .filter(|g| roots.contains(&g.id))
        .map(|g| g.id.as_str())
        .collect();
    // Each pass adds a nesting level; a cycle of parents stops adding after one lap.
    loop {
        let before = set.len();
        for g in &board.groups {
            if let Some(p) = &g.parent
                && set.contains(p.as_str())
            {
                set.insert(g.id.as_str());
            }
        }
        if set.len() == before {
            return set;
        }
    }
}

/// The nearest group among `group` and its ancestors that `keep` accepts.
fn nearest_kept(board: &Board, group: Option<&str>, keep: impl Fn(&str) -> bool) -> Option<String> {
    board.ancestors(group).find(|g| keep(&g.id)).map(|g| g.id.clone())
}

/// Changes the title, notes, checklist ticks or accepted findings through `f`.
pub(crate) fn set_meta(board: &Board, f: impl FnOnce(&mut Meta)) -> Edit {
    let before = Meta::of(board);
    let mut after = before.clone();
    f(&mut after);
    let label = if after.title != before.title {
        "Rename board"
    } else if after.notes != before.notes {
        "Edit notes"
    } else if after.checklist != before.checklist {
        "Tick checklist"
    } else if after.edge_style != before.edge_style {
        "Change edge style"
    } else if after.node_style != before.node_style {
        "Change node style"
    } else {
        "Accept finding"
    };
    let mut d = Draft::new(board);
    d.meta = Some(after);
    d.finish(label)
}
