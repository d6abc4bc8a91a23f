//! Estimates how many bytes an edit holds, so the history can keep within a memory budget.
//!
//! Counts the inline size of each value plus the text and collections it owns (lengths, not
//! capacities, so the figure is the same on every run), with a flat overhead per map entry.

use std::mem::size_of;

use super::{Change, Edit, Meta, Step};
use crate::model::{Accepted, Edge, Group, Node};

/// Bytes a map entry costs beyond its key and value (tree node share, pointers).
const ENTRY_OVERHEAD: usize = 48;

/// Estimated bytes one change holds, inline size included.
pub fn change_bytes(change: &Change) -> usize {
    size_of::<Change>()
        + match change {
            Change::Node(s) => step_heap(s, node_heap),
            Change::Edge(s) => step_heap(s, edge_heap),
            Change::Group(s) => step_heap(s, group_heap),
            Change::Meta { before, after } => meta_heap(before) + meta_heap(after),
        }
}

/// Estimated bytes one edit holds: its label and its changes.
pub fn edit_bytes(edit: &Edit) -> usize {
    size_of::<Edit>() + edit.label.len() + edit.changes.iter().map(change_bytes).sum::<usize>()
}

/// Bytes the items in a step own outside their inline size, each counted by `heap`.
fn step_heap<T>(step: &Step<T>, heap: fn(&T) -> usize) -> usize {
    match step {
        Step::Insert { item, .. } | Step::Remove { item, .. } => heap(item),
        Step::Update { before, after, .. } => heap(before) + heap(after),
    }
}

fn node_heap(n: &Node) -> usize {
    n.id.len() + n.service.len() + n.label.len() + n.group.as_ref().map_or(0, String::len) + props_heap(&n.props)
}

fn edge_heap(e: &Edge) -> usize {
    e.from.len() + e.to.len() + e.label.len() + props_heap(&e.props)
}

/// What a string map's entries hold on the heap (nodes' and edges' props).
fn props_heap(props: &std::collections::BTreeMap<String, String>) -> usize {
    props
        .iter()
        .map(|(k, v)| k.len() + v.len() + 2 * size_of::<String>() + ENTRY_OVERHEAD)
        .sum()
}

fn group_heap(g: &Group) -> usize {
    g.id.len() + g.label.len() + g.parent.as_ref().map_or(0, String::len)
}

fn meta_heap(m: &Meta) -> usize {
    m.title.len()
        + m.notes.len()
        + m.checklist
            .keys()
            .map(|k| k.len() + size_of::<String>() + 1 + ENTRY_OVERHEAD)
            .sum::<usize>()
        + m.accepted.iter().map(accepted_bytes).sum::<usize>()
}

fn accepted_bytes(a: &Accepted) -> usize {
    size_of::<Accepted>()
        + a.rule.len()
        + a.reason.len()
        + a.nodes.iter().map(|n| size_of::<String>() + n.len()).sum::<usize>()
}
