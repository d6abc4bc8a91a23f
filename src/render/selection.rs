//! What the user has selected on the board: plain data the canvas changes and the painter reads
//! (through [`super::Marks`]), kept apart from the board so selecting is never an edit.

use std::collections::{BTreeMap, HashSet};

use crate::model::Board;

/// The selected nodes, groups and edges.
///
/// Nodes and groups are held by id. Edges have no id, so each is held by its index together
/// with its ends: after the edge list changes under it (undo, delete), [`Selection::forget_missing`]
/// follows an edge that moved to another index and drops one that is gone, instead of silently
/// selecting whatever edge now sits at the old index.
#[derive(Clone, Debug, Default, PartialEq)]
pub struct Selection {
    /// Ids of the selected nodes.
    pub nodes: HashSet<String>,
    /// Ids of the selected groups.
    pub groups: HashSet<String>,
    edges: BTreeMap<usize, (String, String)>,
}

impl Selection {
    /// Exactly these nodes.
    pub fn of_nodes(ids: impl IntoIterator<Item = String>) -> Selection {
        Selection {
            nodes: ids.into_iter().collect(),
            ..Selection::default()
        }
    }

    /// Exactly these nodes and groups.
    pub fn of(nodes: impl IntoIterator<Item = String>, groups: impl IntoIterator<Item = String>) -> Selection {
        Selection {
            nodes: nodes.into_iter().collect(),
            groups: groups.into_iter().collect(),
            edges: BTreeMap::new(),
        }
    }

    /// Whether nothing is selected.
    pub fn is_empty(&self) -> bool {
        self.nodes.is_empty() && self.groups.is_empty() && self.edges.is_empty()
    }

    /// Selects nothing.
    pub fn clear(&mut self) {
        *self = Selection::default();
    }

    /// The selected node ids, sorted (edits and tests want a stable order).
    pub fn node_ids(&self) -> Vec<String> {
        sorted(&self.nodes)
    }

    /// The selected group ids, sorted.
    pub fn group_ids(&self) -> Vec<String> {
        sorted(&self.groups)
    }

    /// The indices of the selected edges on the current board, in order.
    pub fn edge_indices(&self) -> Vec<usize> {
        self.edges.keys().copied().collect()
    }

    /// Whether edge `index` is selected.
    pub fn has_edge(&self, index: usize) -> bool {
        self.edges.contains_key(&index)
    }

    /// Adds edge `index` of `board` (nothing if there is no such edge).
    pub fn add_edge(&mut self, board: &Board, index: usize) {
        if let Some(e) = board.edges.get(index) {
            self.edges.insert(index, (e.from.clone(), e.to.clone()));
        }
    }

    /// Everything on the board: all nodes and groups.
    pub fn all(board: &Board) -> Selection {
        Selection {
            nodes: board.nodes.iter().map(|n| n.id.clone()).collect(),
            groups: board.groups.iter().map(|g| g.id.clone()).collect(),
            edges: BTreeMap::new(),
        }
    }

    /// Drops what the board no longer has, after it changed (undo, redo, delete, a new board).
    pub fn forget_missing(&mut self, board: &Board) {
        let nodes: HashSet<&str> = board.nodes.iter().map(|n| n.id.as_str()).collect();
        self.nodes.retain(|id| nodes.contains(id.as_str()));
        self.groups.retain(|id| board.group(id).is_some());
        let held = std::mem::take(&mut self.edges);
        for (index, ends) in held {
            let same = |i: &usize| {
                board
                    .edges
                    .get(*i)
                    .is_some_and(|e| (&e.from, &e.to) == (&ends.0, &ends.1))
            };
            let found = Some(index)
                .filter(same)
                .or_else(|| (0..board.edges.len()).find(|i| same(i) && !self.edges.contains_key(i)));
            if let Some(i) = found {
                self.edges.insert(i, ends);
            }
        }
    }
}

fn sorted(ids: &HashSet<String>) -> Vec<String> {
    let mut v: Vec<String> = ids.iter().cloned().collect();
    v.sort();
    v
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::model::{Edge, Node, Point};

    #[test]
    fn a_selected_edge_follows_its_ends_when_the_edge_list_shifts() {
        let mut board = Board::new("t");
        for id in ["a", "b", "c"] {
            board.nodes.push(Node::new(id, "lambda", id, Point(0.0, 0.0)));
        }
        board.edges.push(Edge::new("a", "b"));
        board.edges.push(Edge::new("b", "c"));
        let mut s = Selection::default();
        s.add_edge(&board, 1);
        board.edges.remove(0);
        s.forget_missing(&board);
        assert_eq!(s.edge_indices(), [0], "b -> c is now the first edge");
        board.edges.clear();
        board.edges.push(Edge::new("c", "a"));
        s.forget_missing(&board);
        assert!(s.is_empty(), "another edge at the same index is not selected");
    }
}
