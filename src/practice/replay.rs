//! The round's log: each change of the drawing recorded with its round time as the round runs,
//! kept small enough to save with the board, and played back from the empty board.
//!
//! The log is a diff of the board after each edit, not a copy of the undo history: it sees
//! every way the board changes (edits, undo, redo, a fix, a paste) the same way, and replaying
//! it needs nothing but the entries.

use std::collections::{HashMap, HashSet};

use crate::model::{Board, Edge, Group, Logged, Node, RoundRecord};

/// The most the log may take in the file, in bytes of RON. Past it, new changes fold into the
/// last entry: the replay loses time detail at the very end, never the final picture. A
/// 90-minute round of 2,000 edits takes a fraction of this (see the tests).
pub const MAX_LOG_BYTES: usize = 512 * 1024;

/// The most frames a time-lapse has; longer logs are sampled evenly, the last frame kept.
pub const MAX_FRAMES: usize = 400;

/// Watches the board during a round and appends what changed to the round's log.
#[derive(Clone, Debug)]
pub struct Recorder {
    /// The drawing as last logged.
    last: Board,
    /// RON bytes the log holds so far (estimated per entry).
    bytes: usize,
}

impl Recorder {
    /// A recorder for a log that already holds `record`'s entries, the drawing now being `board`.
    pub fn new(board: &Board, record: &RoundRecord) -> Recorder {
        Recorder {
            last: drawing(board),
            bytes: record.log.iter().map(entry_bytes).sum(),
        }
    }

    /// Logs how `board` differs from the last logged drawing at round time `t` (seconds);
    /// returns whether anything changed.
    pub fn record(&mut self, board: &Board, t: f64, record: &mut RoundRecord) -> bool {
        let Some(entry) = diff(&self.last, board, t) else {
            return false;
        };
        self.last = drawing(board);
        let size = entry_bytes(&entry);
        match record.log.last_mut() {
            Some(last) if self.bytes + size > MAX_LOG_BYTES => {
                self.bytes -= entry_bytes(last);
                fold(last, entry);
                self.bytes += entry_bytes(last);
            }
            _ => {
                self.bytes += size;
                record.log.push(entry);
            }
        }
        true
    }
}

/// The board's nodes, edges and groups: what the log follows.
fn drawing(board: &Board) -> Board {
    Board {
        nodes: board.nodes.clone(),
        edges: board.edges.clone(),
        groups: board.groups.clone(),
        ..Board::default()
    }
}

/// Bytes of RON one entry takes in the file.
fn entry_bytes(entry: &Logged) -> usize {
    ron::to_string(entry).map_or(0, |s| s.len()) + 8
}

/// What changed from `before` to `after`, at round time `t`; `None` when the drawing is the same.
pub fn diff(before: &Board, after: &Board, t: f64) -> Option<Logged> {
    let (nodes, gone) = by_id(&before.nodes, &after.nodes, |n| &n.id);
    let (groups, ungrouped) = by_id(&before.groups, &after.groups, |g| &g.id);
    let (edges, cut) = if before.edges == after.edges {
        (Vec::new(), Vec::new())
    } else {
        edge_changes(&before.edges, &after.edges)
    };
    let entry = Logged {
        t: (t * 10.0).round() / 10.0,
        nodes,
        gone,
        edges,
        cut,
        groups,
        ungrouped,
    };
    (!entry.is_empty()).then_some(entry)
}

/// Items of `after` that are new or changed, and ids of `before` no longer there.
fn by_id<T: Clone + PartialEq>(before: &[T], after: &[T], id: fn(&T) -> &String) -> (Vec<T>, Vec<String>) {
    if before == after {
        return (Vec::new(), Vec::new());
    }
    let old: HashMap<&str, &T> = before.iter().map(|x| (id(x).as_str(), x)).collect();
    let changed = after
        .iter()
        .filter(|x| old.get(id(x).as_str()) != Some(x))
        .cloned()
        .collect();
    let kept: HashSet<&str> = after.iter().map(|x| id(x).as_str()).collect();
    let gone = before
        .iter()
        .map(id)
        .filter(|i| !kept.contains(i.as_str()))
        .cloned()
        .collect();
    (changed, gone)
}

/// Edges added and edges removed, as multisets: the common start and end are skipped, then
/// each removed edge is matched against the rest.
fn edge_changes(before: &[Edge], after: &[Edge]) -> (Vec<Edge>, Vec<Edge>) {
    let head = before.iter().zip(after).take_while(|(a, b)| a == b).count();
    let tail = before[head..]
        .iter()
        .rev()
        .zip(after[head..].iter().rev())
        .take_while(|(a, b)| a == b)
        .count();
    let mut added: Vec<Option<&Edge>> = after[head..after.len() - tail].iter().map(Some).collect();
    let mut cut = Vec::new();
    for e in &before[head..before.len() - tail] {
        match added.iter_mut().find(|a| a.is_some_and(|a| a == e)) {
            Some(slot) => *slot = None,
            None => cut.push(e.clone()),
        }
    }
    (added.into_iter().flatten().cloned().collect(), cut)
}

/// Applies one entry to `board`: removals first, then what was added or changed.
pub fn apply(board: &mut Board, entry: &Logged) {
    if !entry.gone.is_empty() {
        let gone: HashSet<&str> = entry.gone.iter().map(String::as_str).collect();
        board.nodes.retain(|n| !gone.contains(n.id.as_str()));
    }
    if !entry.ungrouped.is_empty() {
        let gone: HashSet<&str> = entry.ungrouped.iter().map(String::as_str).collect();
        board.groups.retain(|g| !gone.contains(g.id.as_str()));
    }
    for e in &entry.cut {
        if let Some(i) = board.edges.iter().position(|x| x == e) {
            board.edges.remove(i);
        }
    }
    upsert(&mut board.nodes, &entry.nodes, |n: &Node| &n.id);
    upsert(&mut board.groups, &entry.groups, |g: &Group| &g.id);
    board.edges.extend(entry.edges.iter().cloned());
}

/// Replaces the items with the same id, appending the new ones in order.
fn upsert<T: Clone>(list: &mut Vec<T>, items: &[T], id: fn(&T) -> &String) {
    if items.is_empty() {
        return;
    }
    let mut at: HashMap<String, usize> = list.iter().enumerate().map(|(i, x)| (id(x).clone(), i)).collect();
    for item in items {
        match at.get(id(item)) {
            Some(&i) => list[i] = item.clone(),
            None => {
                at.insert(id(item).clone(), list.len());
                list.push(item.clone());
            }
        }
    }
}

/// `next` folded into `entry`, as if both had been one change at `next`'s time.
fn fold(entry: &mut Logged, next: Logged) {
    entry.t = next.t;
    for id in &next.gone {
        entry.nodes.retain(|n| &n.id != id);
    }
    for id in &next.ungrouped {
        entry.groups.retain(|g| &g.id != id);
    }
    entry.gone.retain(|id| !next.nodes.iter().any(|n| &n.id == id));
    entry.ungrouped.retain(|id| !next.groups.iter().any(|g| &g.id == id));
    entry.gone.extend(next.gone);
    entry.ungrouped.extend(next.ungrouped);
    for e in next.cut {
        match entry.edges.iter().position(|x| *x == e) {
            Some(i) => {
                entry.edges.remove(i);
            }
            None => entry.cut.push(e),
        }
    }
    entry.edges.extend(next.edges);
    upsert(&mut entry.nodes, &next.nodes, |n: &Node| &n.id);
    upsert(&mut entry.groups, &next.groups, |g: &Group| &g.id);
}

/// The board a replay starts from: `board`'s title and styles, nothing drawn yet.
pub fn start(board: &Board) -> Board {
    Board {
        format: board.format,
        title: board.title.clone(),
        node_style: board.node_style,
        edge_style: board.edge_style,
        ..Board::default()
    }
}

/// The drawing after the first `count` entries of the round on `board`.
pub fn board_after(board: &Board, record: &RoundRecord, count: usize) -> Board {
    let mut out = start(board);
    for entry in record.log.iter().take(count) {
        apply(&mut out, entry);
    }
    out
}

/// How many entries had happened by round time `t`.
pub fn entries_by(record: &RoundRecord, t: f64) -> usize {
    record.log.partition_point(|e| e.t <= t)
}

/// The round time at which the replay ends: the last change or the round's end, whichever is later.
pub fn duration(record: &RoundRecord) -> f64 {
    let last = record.log.last().map_or(0.0, |e| e.t);
    let end = if record.elapsed.is_finite() {
        record.elapsed
    } else {
        0.0
    };
    last.max(end).max(0.0)
}

/// The entry counts a time-lapse shows, one frame each: every entry, or [`MAX_FRAMES`] of them
/// evenly spread, always ending on the whole log.
pub fn frame_counts(record: &RoundRecord) -> Vec<usize> {
    let n = record.log.len();
    if n <= MAX_FRAMES {
        return (1..=n).collect();
    }
    let mut counts: Vec<usize> = (1..=MAX_FRAMES).map(|k| k * n / MAX_FRAMES).collect();
    counts.dedup();
    counts
}
