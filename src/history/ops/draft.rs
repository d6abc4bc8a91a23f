//! The builder every operation uses: an edit drafted against a board that stays untouched.
//!
//! Changes are kept per list by original index and emitted in an order that applies: updates,
//! removals from the back, then appends, so the history can apply each run in one pass.

use std::collections::{BTreeMap, BTreeSet};

use crate::history::{Change, Edit, Meta, Step};
use crate::model::{Board, Edge, Group, Node};

/// Pending changes to one of the board's vectors, keyed by original index.
pub(super) struct Layer<T> {
    updates: BTreeMap<usize, T>,
    pub(super) removed: BTreeSet<usize>,
    pub(super) added: Vec<T>,
}

impl<T: Clone + PartialEq> Layer<T> {
    fn new() -> Self {
        Layer {
            updates: BTreeMap::new(),
            removed: BTreeSet::new(),
            added: Vec::new(),
        }
    }

    /// The item at original index `i` with pending updates, to change in place.
    fn edit<'a>(&'a mut self, orig: &[T], i: usize) -> Option<&'a mut T> {
        let item = orig.get(i)?;
        Some(self.updates.entry(i).or_insert_with(|| item.clone()))
    }

    /// Emits updates (original indices), then removals from the back, then appends, each step
    /// wrapped as a change to this list by `wrap`.
    fn finish(self, orig: &[T], out: &mut Vec<Change>, wrap: fn(Step<T>) -> Change) {
        for (index, after) in self.updates {
            if self.removed.contains(&index) {
                continue;
            }
            if let Some(before) = orig.get(index)
                && *before != after
            {
                out.push(wrap(Step::Update {
                    index,
                    before: before.clone(),
                    after,
                }));
            }
        }
        for &index in self.removed.iter().rev() {
            if let Some(item) = orig.get(index) {
                out.push(wrap(Step::Remove {
                    index,
                    item: item.clone(),
                }));
            }
        }
        let base = orig.len() - self.removed.iter().filter(|&&i| i < orig.len()).count();
        for (k, item) in self.added.into_iter().enumerate() {
            out.push(wrap(Step::Insert { index: base + k, item }));
        }
    }
}

/// An edit being built against a board that stays untouched.
pub(super) struct Draft<'a> {
    board: &'a Board,
    pub(super) nodes: Layer<Node>,
    pub(super) edges: Layer<Edge>,
    pub(super) groups: Layer<Group>,
    pub(super) meta: Option<Meta>,
}

impl<'a> Draft<'a> {
    pub(super) fn new(board: &'a Board) -> Self {
        Draft {
            board,
            nodes: Layer::new(),
            edges: Layer::new(),
            groups: Layer::new(),
            meta: None,
        }
    }

    pub(super) fn node(&mut self, i: usize) -> Option<&mut Node> {
        self.nodes.edit(&self.board.nodes, i)
    }

    pub(super) fn edge(&mut self, i: usize) -> Option<&mut Edge> {
        self.edges.edit(&self.board.edges, i)
    }

    pub(super) fn group(&mut self, i: usize) -> Option<&mut Group> {
        self.groups.edit(&self.board.groups, i)
    }

    pub(super) fn finish(self, label: impl Into<String>) -> Edit {
        let mut changes = Vec::new();
        self.nodes.finish(&self.board.nodes, &mut changes, Change::Node);
        self.edges.finish(&self.board.edges, &mut changes, Change::Edge);
        self.groups.finish(&self.board.groups, &mut changes, Change::Group);
        if let Some(after) = self.meta {
            let before = Meta::of(self.board);
            if before != after {
                changes.push(Change::Meta { before, after });
            }
        }
        Edit {
            label: label.into(),
            changes,
        }
    }
}
