//! Undo and redo: every change to a board is a value (`Edit`) applied in one place (`History`).
//!
//! An `Edit` is a list of primitive, invertible `Change`s that carry exactly the items they touch,
//! so the history's memory grows with what changed, never with the size of the board. The
//! functions in `ops` build edits from the current board without changing it; the caller hands
//! them to [`History::apply`]. Undo history is never saved to a file.

pub(crate) mod ops;
mod size;
mod step;

#[cfg(test)]
mod tests;

use std::collections::{BTreeMap, VecDeque};

use crate::model::{Accepted, Board, Edge, EdgeStyle, Group, Node, NodeStyle};

pub use size::{change_bytes, edit_bytes};

/// Most undo steps kept; older ones are forgotten.
pub const MAX_EDITS: usize = 500;

/// Most memory the undo and redo stacks may hold together, in bytes (estimated by [`edit_bytes`]).
pub const MAX_BYTES: usize = 64 << 20;

/// The board's own fields that are not nodes, edges or groups, changed as one value.
#[derive(Clone, Debug, Default, PartialEq)]
pub struct Meta {
    /// The board's title.
    pub title: String,
    /// Free text about the design.
    pub notes: String,
    /// Manual checklist items ticked, by item id.
    pub checklist: BTreeMap<String, bool>,
    /// Findings the user accepted.
    pub accepted: Vec<Accepted>,
    /// How edges are drawn unless an edge says otherwise.
    pub edge_style: EdgeStyle,
    /// How the board draws its nodes (View > Node style): a board setting, so it undoes like
    /// the title.
    pub node_style: NodeStyle,
}

impl Meta {
    /// A copy of the board's meta fields, to edit and hand to `ops::set_meta`.
    pub fn of(board: &Board) -> Meta {
        Meta {
            title: board.title.clone(),
            notes: board.notes.clone(),
            checklist: board.checklist.clone(),
            accepted: board.accepted.clone(),
            edge_style: board.edge_style,
            node_style: board.node_style,
        }
    }

    /// Whether the board's meta fields equal these, without copying the board's.
    fn matches(&self, board: &Board) -> bool {
        self.title == board.title
            && self.notes == board.notes
            && self.checklist == board.checklist
            && self.accepted == board.accepted
            && self.edge_style == board.edge_style
            && self.node_style == board.node_style
    }

    /// Writes these fields into the board.
    fn write(&self, board: &mut Board) {
        board.title.clone_from(&self.title);
        board.notes.clone_from(&self.notes);
        board.checklist.clone_from(&self.checklist);
        board.accepted.clone_from(&self.accepted);
        board.edge_style = self.edge_style;
        board.node_style = self.node_style;
    }
}

/// One primitive, invertible change to an item of one of the board's lists.
///
/// Indices are positions in the list at the moment the step applies; removals and updates carry
/// the item as it was, so a step can be checked against the board and undone.
#[derive(Clone, Debug, PartialEq)]
pub enum Step<T> {
    /// Put `item` at `index`, shifting later items up.
    Insert {
        /// Where the item goes.
        index: usize,
        /// The item put there.
        item: T,
    },
    /// Take `item` out at `index`.
    Remove {
        /// Where the item is.
        index: usize,
        /// The item as it is there, to check it and to put it back on undo.
        item: T,
    },
    /// Replace the item at `index`.
    Update {
        /// Where the item is.
        index: usize,
        /// The item as it is there.
        before: T,
        /// The item as it will be.
        after: T,
    },
}

impl<T: Clone + PartialEq> Step<T> {
    /// The step that undoes this one.
    pub fn inverse(&self) -> Step<T> {
        match self.clone() {
            Step::Insert { index, item } => Step::Remove { index, item },
            Step::Remove { index, item } => Step::Insert { index, item },
            Step::Update { index, before, after } => Step::Update {
                index,
                before: after,
                after: before,
            },
        }
    }

    /// This step followed by `next`, as one step, when both replace the same item.
    fn fuse(&self, next: &Step<T>) -> Option<Step<T>> {
        match (self, next) {
            (Step::Update { index: a, before, .. }, Step::Update { index: b, after, .. }) if a == b => {
                Some(Step::Update {
                    index: *a,
                    before: before.clone(),
                    after: after.clone(),
                })
            }
            _ => None,
        }
    }

    /// Whether the step leaves the list as it was (an update to the same value).
    fn is_noop(&self) -> bool {
        matches!(self, Step::Update { before, after, .. } if before == after)
    }
}

/// One primitive, invertible change: a step on the nodes, the edges or the groups, or new meta
/// fields.
#[derive(Clone, Debug, PartialEq)]
pub enum Change {
    /// A step on `board.nodes`.
    Node(Step<Node>),
    /// A step on `board.edges`.
    Edge(Step<Edge>),
    /// A step on `board.groups`.
    Group(Step<Group>),
    /// Replace the title, notes, checklist and accepted findings.
    Meta {
        /// The fields as they are.
        before: Meta,
        /// The fields as they will be.
        after: Meta,
    },
}

impl Change {
    /// The change that undoes this one.
    pub fn inverse(&self) -> Change {
        match self {
            Change::Node(s) => Change::Node(s.inverse()),
            Change::Edge(s) => Change::Edge(s.inverse()),
            Change::Group(s) => Change::Group(s.inverse()),
            Change::Meta { before, after } => Change::Meta {
                before: after.clone(),
                after: before.clone(),
            },
        }
    }

    /// This change followed by `next`, as one change, when both replace the same item.
    fn fuse(&self, next: &Change) -> Option<Change> {
        match (self, next) {
            (Change::Node(a), Change::Node(b)) => a.fuse(b).map(Change::Node),
            (Change::Edge(a), Change::Edge(b)) => a.fuse(b).map(Change::Edge),
            (Change::Group(a), Change::Group(b)) => a.fuse(b).map(Change::Group),
            (Change::Meta { before, .. }, Change::Meta { after, .. }) => Some(Change::Meta {
                before: before.clone(),
                after: after.clone(),
            }),
            _ => None,
        }
    }

    /// Whether the change leaves the board as it was (an update to the same value).
    fn is_noop(&self) -> bool {
        match self {
            Change::Node(s) => s.is_noop(),
            Change::Edge(s) => s.is_noop(),
            Change::Group(s) => s.is_noop(),
            Change::Meta { before, after } => before == after,
        }
    }
}

/// One undo step: the changes of one gesture or command, e.g. "Move 3 nodes".
#[derive(Clone, Debug, Default, PartialEq)]
pub struct Edit {
    /// What the user did, in their words; shown as "Undo `<label>`".
    pub label: String,
    /// Applied in order; undone in reverse order.
    pub changes: Vec<Change>,
}

/// An edit that does not fit the board it is applied to (a bug, or a board changed behind the
/// history's back). The board is left as it was.
#[derive(Clone, Debug, PartialEq, Eq, thiserror::Error)]
#[error("the edit \"{label}\" does not fit the board: {reason}")]
pub struct Conflict {
    /// The edit's label.
    pub label: String,
    /// Which change failed and why.
    pub reason: String,
}

impl Edit {
    /// An edit with no changes yet.
    pub fn new(label: impl Into<String>) -> Edit {
        Edit {
            label: label.into(),
            changes: Vec::new(),
        }
    }

    /// Whether applying it would change nothing.
    pub fn is_empty(&self) -> bool {
        self.changes.is_empty()
    }

    /// Applies the changes in order, all or none: on a conflict the board is left untouched.
    pub fn apply(&self, board: &mut Board) -> Result<(), Conflict> {
        step::apply(board, &self.changes, true).map_err(|reason| self.conflict(reason))
    }

    /// Undoes the changes (in reverse order), all or none.
    pub fn revert(&self, board: &mut Board) -> Result<(), Conflict> {
        step::apply(board, &self.changes, false).map_err(|reason| self.conflict(reason))
    }

    fn conflict(&self, reason: String) -> Conflict {
        Conflict {
            label: self.label.clone(),
            reason,
        }
    }

    /// This edit followed by `next` (built from the board after this one), as one step labelled
    /// like `next`.
    ///
    /// Updates of the same item at the seam are fused, so typing into a field one key at a time
    /// keeps one change, and a change that ends where it started disappears.
    #[must_use = "the combined edit is returned; the inputs are consumed"]
    pub fn then(mut self, next: Edit) -> Edit {
        let mut rest = next.changes.into_iter();
        for c in rest.by_ref() {
            let fused = self.changes.last().and_then(|last| last.fuse(&c));
            match fused {
                Some(f) => {
                    self.changes.pop();
                    if !f.is_noop() {
                        self.changes.push(f);
                    }
                }
                None => {
                    self.changes.push(c);
                    break;
                }
            }
        }
        self.changes.extend(rest);
        if !next.label.is_empty() {
            self.label = next.label;
        }
        self
    }
}

/// An edit on a stack, with the state it leads to and its estimated size.
#[derive(Debug)]
struct Entry {
    edit: Edit,
    /// Names the board state after this edit, for dirty tracking.
    state: u64,
    bytes: usize,
}

/// The undo and redo stacks of one board, with a revision counter and the saved point.
///
/// Bounded: at most [`MAX_EDITS`] steps and [`MAX_BYTES`] estimated bytes (the newest step is
/// always kept); the oldest steps are forgotten first.
#[derive(Debug)]
pub struct History {
    undo: VecDeque<Entry>,
    redo: Vec<Entry>,
    undo_bytes: usize,
    redo_bytes: usize,
    max_edits: usize,
    max_bytes: usize,
    revision: u64,
    /// The next unused state name.
    next_state: u64,
    /// The state when the undo stack is empty.
    base: u64,
    /// The state that was last saved.
    saved: u64,
}

impl Default for History {
    fn default() -> Self {
        History::new()
    }
}

impl History {
    /// An empty history with the default limits; the board counts as saved.
    pub fn new() -> Self {
        History::with_limits(MAX_EDITS, MAX_BYTES)
    }

    /// An empty history keeping at most `max_edits` steps and about `max_bytes` bytes.
    pub fn with_limits(max_edits: usize, max_bytes: usize) -> Self {
        History {
            undo: VecDeque::new(),
            redo: Vec::new(),
            undo_bytes: 0,
            redo_bytes: 0,
            max_edits: max_edits.max(1),
            max_bytes,
            revision: 0,
            next_state: 1,
            base: 0,
            saved: 0,
        }
    }

    /// Applies `edit` to the board and records it as one undo step; clears redo.
    ///
    /// Empty edits are ignored. An edit that does not fit the board (a bug) changes nothing, is
    /// not recorded, and is returned as the error.
    pub fn apply(&mut self, board: &mut Board, edit: Edit) -> Result<(), Conflict> {
        if edit.is_empty() {
            return Ok(());
        }
        edit.apply(board)?;
        self.record(edit);
        Ok(())
    }

    /// Builds an edit from the board and applies it: `history.apply_with(&mut board, |b|
    /// ops::set_label(b, "api", "Orders API"))`, which `apply(&mut board, ops::..(&board))`
    /// cannot borrow.
    pub fn apply_with(&mut self, board: &mut Board, build: impl FnOnce(&Board) -> Edit) -> Result<(), Conflict> {
        let edit = build(board);
        self.apply(board, edit)
    }

    /// Records an edit the caller already applied (e.g. a drag that moved nodes live); clears
    /// redo. Empty edits are ignored.
    pub fn record(&mut self, edit: Edit) {
        if edit.is_empty() {
            return;
        }
        self.redo.clear();
        self.redo_bytes = 0;
        let state = self.fresh_state();
        self.push_undo(Entry {
            bytes: edit_bytes(&edit),
            edit,
            state,
        });
        self.revision += 1;
    }

    /// Applies `edit` and folds it into the last undo step, so a gesture made of many small
    /// edits (typing into a field, a resize followed by a membership update) undoes as one.
    ///
    /// Acts like [`History::apply`] when there is nothing to fold into (no undo step, or redo
    /// steps waiting). If the combined step changes nothing, it disappears. An edit that does not
    /// fit the board changes nothing and is returned as the error.
    pub fn amend(&mut self, board: &mut Board, edit: Edit) -> Result<(), Conflict> {
        if !self.redo.is_empty() || self.undo.is_empty() {
            return self.apply(board, edit);
        }
        if edit.is_empty() {
            return Ok(());
        }
        edit.apply(board)?;
        let Some(top) = self.undo.pop_back() else {
            return Ok(());
        };
        self.undo_bytes -= top.bytes;
        let combined = top.edit.then(edit);
        self.revision += 1;
        if !combined.is_empty() {
            let state = self.fresh_state();
            self.push_undo(Entry {
                bytes: edit_bytes(&combined),
                edit: combined,
                state,
            });
        }
        Ok(())
    }

    /// Undoes the last step and returns its label, or `None` when there is nothing to undo.
    ///
    /// If the step no longer fits the board (it was changed behind the history's back), the
    /// board is left as it is and the history is forgotten rather than guessed at.
    pub fn undo(&mut self, board: &mut Board) -> Option<String> {
        let entry = self.undo.pop_back()?;
        self.undo_bytes -= entry.bytes;
        if entry.edit.revert(board).is_err() {
            self.forget();
            return None;
        }
        self.revision += 1;
        let label = entry.edit.label.clone();
        self.redo_bytes += entry.bytes;
        self.redo.push(entry);
        Some(label)
    }

    /// Redoes the last undone step and returns its label, or `None` when there is none.
    pub fn redo(&mut self, board: &mut Board) -> Option<String> {
        let entry = self.redo.pop()?;
        self.redo_bytes -= entry.bytes;
        if entry.edit.apply(board).is_err() {
            self.forget();
            return None;
        }
        self.revision += 1;
        let label = entry.edit.label.clone();
        self.push_undo(entry);
        Some(label)
    }

    /// Whether there is a step to undo (enables the menu item).
    pub fn can_undo(&self) -> bool {
        !self.undo.is_empty()
    }

    /// Whether there is a step to redo.
    pub fn can_redo(&self) -> bool {
        !self.redo.is_empty()
    }

    /// The label of the step undo would take back, for "Undo Move 3 nodes".
    pub fn undo_label(&self) -> Option<&str> {
        self.undo.back().map(|e| e.edit.label.as_str())
    }

    /// The label of the step redo would repeat.
    pub fn redo_label(&self) -> Option<&str> {
        self.redo.last().map(|e| e.edit.label.as_str())
    }

    /// A counter that increases whenever the board changes through the history; the UI caches
    /// the critique by it.
    pub fn revision(&self) -> u64 {
        self.revision
    }

    /// Marks the current state as saved.
    pub fn mark_saved(&mut self) {
        self.saved = self.state();
    }

    /// Marks the board as differing from any saved state, e.g. work restored from a recovery
    /// copy: it stays dirty until saved, whatever is undone.
    pub fn mark_unsaved(&mut self) {
        self.saved = u64::MAX;
    }

    /// Whether the board differs from the saved point (undoing back to it makes it clean).
    pub fn is_dirty(&self) -> bool {
        self.saved != self.state()
    }

    /// Estimated bytes held by the undo and redo stacks (see [`edit_bytes`]).
    pub fn bytes(&self) -> usize {
        self.undo_bytes + self.redo_bytes
    }

    /// Number of steps that can be undone.
    pub fn undo_len(&self) -> usize {
        self.undo.len()
    }

    /// Forgets every step; the board keeps its state and its dirty flag.
    pub fn clear(&mut self) {
        let now = self.state();
        self.undo.clear();
        self.redo.clear();
        self.undo_bytes = 0;
        self.redo_bytes = 0;
        self.base = now;
        self.revision += 1;
    }

    /// Drops both stacks after a conflict; the board now matches no recorded state.
    fn forget(&mut self) {
        self.undo.clear();
        self.redo.clear();
        self.undo_bytes = 0;
        self.redo_bytes = 0;
        self.base = self.fresh_state();
        self.revision += 1;
    }

    fn state(&self) -> u64 {
        self.undo.back().map_or(self.base, |e| e.state)
    }

    fn fresh_state(&mut self) -> u64 {
        let s = self.next_state;
        self.next_state += 1;
        s
    }

    /// Pushes onto the undo stack and forgets the oldest steps beyond the limits.
    fn push_undo(&mut self, entry: Entry) {
        self.undo_bytes += entry.bytes;
        self.undo.push_back(entry);
        while self.undo.len() > 1
            && (self.undo.len() > self.max_edits || self.undo_bytes + self.redo_bytes > self.max_bytes)
        {
            let Some(old) = self.undo.pop_front() else {
                break;
            };
            self.undo_bytes -= old.bytes;
            self.base = old.state;
        }
    }
}
