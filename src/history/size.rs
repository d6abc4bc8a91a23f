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
            Change::Node(s) => s.heap(),
            Change::Edge(s) => s.heap(),
            Change::Group(s) => s.heap(),
            Change::Meta { before, after } => before.heap() + after.heap(),
        }
}

/// Estimated bytes one edit holds: its label and its changes.
pub fn edit_bytes(edit: &Edit) -> usize {
    size_of::<Edit>() + edit.label.len() + edit.changes.iter().map(change_bytes).sum::<usize>()
}

/// Bytes a value owns outside its inline size: its text and collections.
trait Heap {
    fn heap(&self) -> usize;
}

impl<T: Heap> Heap for Step<T> {
    fn heap(&self) -> usize {
        match self {
            Step::Insert { item, .. } | Step::Remove { item, .. } => item.heap(),
            Step::Update { before, after, .. } => before.heap() + after.heap(),
        }
    }
}

impl Heap for Node {
    fn heap(&self) -> usize {
        self.id.len()
            + self.service.len()
            + self.label.len()
            + self.group.as_ref().map_or(0, String::len)
            + self
                .props
                .iter()
                .map(|(k, v)| k.len() + v.len() + 2 * size_of::<String>() + ENTRY_OVERHEAD)
                .sum::<usize>()
    }
}

impl Heap for Edge {
    fn heap(&self) -> usize {
        self.from.len() + self.to.len() + self.label.len()
    }
}

impl Heap for Group {
    fn heap(&self) -> usize {
        self.id.len() + self.label.len() + self.parent.as_ref().map_or(0, String::len)
    }
}

impl Heap for Meta {
    fn heap(&self) -> usize {
        self.title.len()
            + self.notes.len()
            + self
                .checklist
                .keys()
                .map(|k| k.len() + size_of::<String>() + 1 + ENTRY_OVERHEAD)
                .sum::<usize>()
            + self.accepted.iter().map(accepted_bytes).sum::<usize>()
    }
}

fn accepted_bytes(a: &Accepted) -> usize {
    size_of::<Accepted>()
        + a.rule.len()
        + a.reason.len()
        + a.nodes.iter().map(|n| size_of::<String>() + n.len()).sum::<usize>()
}
