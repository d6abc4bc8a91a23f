//! Makes a loaded board safe to edit: whatever a hand-edited or hostile file got wrong is
//! mended in memory with a warning, never silently and never written back until the user saves.

use std::collections::HashSet;

use super::{MAX_GROUP_DEPTH, MAX_LABEL_CHARS, MAX_NODES, MAX_ROUND_LOG};
use crate::model::{Board, Point, validate};

/// Where a group with a broken rectangle is put: a default-sized box at the origin, where the
/// user sees it and can move it.
const STRAY_GROUP: crate::model::Rect = crate::model::Rect {
    x: 0.0,
    y: 0.0,
    w: 200.0,
    h: 150.0,
};

/// Repairs `board` in place and says what was changed, one line each.
pub(super) fn repair(board: &mut Board) -> Vec<String> {
    let problems = validate(board);
    if problems.is_empty() && !has_long_text(board) && !too_deep(board) {
        return Vec::new();
    }
    let mut warnings: Vec<String> = problems.iter().map(|p| format!("{p}; repaired")).collect();
    rename_duplicates(board);
    let nodes: HashSet<String> = board.nodes.iter().map(|n| n.id.clone()).collect();
    board.edges.retain(|e| nodes.contains(&e.from) && nodes.contains(&e.to));
    let groups: HashSet<String> = board.groups.iter().map(|g| g.id.clone()).collect();
    for n in &mut board.nodes {
        if n.group.as_ref().is_some_and(|g| !groups.contains(g)) {
            n.group = None;
        }
        if !n.at.is_finite() {
            n.at = Point(0.0, 0.0);
        }
    }
    for g in &mut board.groups {
        if g.parent.as_ref().is_some_and(|p| !groups.contains(p)) {
            g.parent = None;
        }
        if !g.rect.is_finite() {
            g.rect = STRAY_GROUP;
        }
    }
    break_cycles(board);
    let detached = limit_depth(board);
    if detached > 0 {
        warnings.push(format!(
            "{detached} groups were nested more than {MAX_GROUP_DEPTH} deep; they now sit at the top level"
        ));
    }
    for n in &mut board.nodes {
        if cut(&mut n.label) {
            warnings.push(format!(
                "the label of \"{}\" was longer than {MAX_LABEL_CHARS} characters; cut",
                n.id
            ));
        }
    }
    for g in &mut board.groups {
        if cut(&mut g.label) {
            warnings.push(format!(
                "the label of group \"{}\" was longer than {MAX_LABEL_CHARS} characters; cut",
                g.id
            ));
        }
    }
    for e in &mut board.edges {
        if cut(&mut e.label) {
            warnings.push(format!("the label of edge {} -> {} was too long; cut", e.from, e.to));
        }
    }
    warnings
}

/// Holds a practice round's log to what a replay can draw: at most [`MAX_ROUND_LOG`] entries
/// and [`MAX_NODES`] logged items in all (the rest is dropped), times and positions finite,
/// labels cut. A replay then never meets what a loaded board could not hold.
pub(super) fn repair_round(board: &mut Board) -> Vec<String> {
    let Some(round) = &mut board.round else {
        return Vec::new();
    };
    let mut warnings = Vec::new();
    let mut items = 0usize;
    let keep = round
        .log
        .iter()
        .take_while(|e| {
            items += e.nodes.len() + e.edges.len() + e.groups.len() + e.gone.len() + e.cut.len() + e.ungrouped.len();
            items <= MAX_NODES
        })
        .count()
        .min(MAX_ROUND_LOG);
    if keep < round.log.len() {
        warnings.push(format!(
            "the practice round's log had {} entries, more than a replay draws; kept the first {keep}",
            round.log.len()
        ));
        round.log.truncate(keep);
    }
    let mut odd = false;
    for entry in &mut round.log {
        if !entry.t.is_finite() {
            entry.t = 0.0;
            odd = true;
        }
        for n in &mut entry.nodes {
            if !n.at.is_finite() {
                n.at = Point(0.0, 0.0);
                odd = true;
            }
            odd |= cut(&mut n.label);
        }
        for g in &mut entry.groups {
            if !g.rect.is_finite() {
                g.rect = STRAY_GROUP;
                odd = true;
            }
            odd |= cut(&mut g.label);
        }
        for e in &mut entry.edges {
            odd |= cut(&mut e.label);
        }
    }
    if odd {
        warnings.push("the practice round's log held positions, times or labels out of bounds; repaired".to_owned());
    }
    warnings
}

fn has_long_text(board: &Board) -> bool {
    let long = |s: &String| s.len() > MAX_LABEL_CHARS;
    board.nodes.iter().any(|n| long(&n.label))
        || board.groups.iter().any(|g| long(&g.label))
        || board.edges.iter().any(|e| long(&e.label))
}

/// Cuts `s` to the label limit, an ellipsis included (so a saved cut label loads without
/// being cut again); true if it was longer.
fn cut(s: &mut String) -> bool {
    if s.chars().nth(MAX_LABEL_CHARS).is_none() {
        return false;
    }
    match s.char_indices().nth(MAX_LABEL_CHARS - 1) {
        Some((at, _)) => {
            s.truncate(at);
            s.push('…');
            true
        }
        None => false,
    }
}

/// Gives every node and group a unique, non-empty id; edges keep pointing at the first holder.
fn rename_duplicates(board: &mut Board) {
    let mut seen: HashSet<String> = HashSet::new();
    let taken = board.ids();
    let fresh = |id: &mut String, seen: &mut HashSet<String>| {
        if id.is_empty() || !seen.insert(id.clone()) {
            let stem = if id.is_empty() { "item".to_owned() } else { id.clone() };
            let new = crate::model::fresh_id_among(&stem, |c| seen.contains(c) || taken.contains(c));
            seen.insert(new.clone());
            *id = new;
        }
    };
    for n in &mut board.nodes {
        fresh(&mut n.id, &mut seen);
    }
    for g in &mut board.groups {
        fresh(&mut g.id, &mut seen);
    }
}

/// The parent of each group as an index, for groups whose parent exists (ids are unique here).
fn parent_indices(board: &Board) -> Vec<Option<usize>> {
    let index = board.group_index();
    board
        .groups
        .iter()
        .map(|g| g.parent.as_deref().and_then(|p| index.get(p).copied()))
        .collect()
}

/// Breaks every cycle of parents by detaching its member that comes first in the file, in one
/// pass over the groups (so a file of many cycles cannot make loading quadratic).
fn break_cycles(board: &mut Board) {
    let parents = parent_indices(board);
    // 0: not seen; 1: on the walk in progress; 2: finished.
    let mut state = vec![0u8; parents.len()];
    for start in 0..parents.len() {
        let mut path: Vec<usize> = Vec::new();
        let mut at = Some(start);
        while let Some(i) = at {
            match state[i] {
                2 => break,
                1 => {
                    if let Some(from) = path.iter().position(|&p| p == i)
                        && let Some(&first) = path[from..].iter().min()
                    {
                        board.groups[first].parent = None;
                    }
                    break;
                }
                _ => {
                    state[i] = 1;
                    path.push(i);
                    at = parents[i];
                }
            }
        }
        for i in path {
            state[i] = 2;
        }
    }
}

/// The nesting depth of each group (0 for a top-level group); `parents` must have no cycle.
fn depths(parents: &[Option<usize>], mut detach: impl FnMut(usize)) -> Vec<usize> {
    let mut depth: Vec<Option<usize>> = vec![None; parents.len()];
    for start in 0..parents.len() {
        let mut path: Vec<usize> = Vec::new();
        let mut at = Some(start);
        while let Some(i) = at {
            // A cycle would walk for ever; callers rule them out, this guards the guarantee.
            if depth[i].is_some() || path.len() > parents.len() {
                break;
            }
            path.push(i);
            at = parents[i];
        }
        let mut above = at.and_then(|i| depth[i]);
        for &i in path.iter().rev() {
            let d = match above {
                Some(a) if a < MAX_GROUP_DEPTH => a + 1,
                Some(_) => {
                    detach(i);
                    0
                }
                None => 0,
            };
            depth[i] = Some(d);
            above = Some(d);
        }
    }
    depth.into_iter().map(Option::unwrap_or_default).collect()
}

/// Whether some group is nested deeper than [`MAX_GROUP_DEPTH`]; only asked of boards that
/// `validate` found sound, so without cycles.
fn too_deep(board: &Board) -> bool {
    let mut deep = false;
    depths(&parent_indices(board), |_| deep = true);
    deep
}

/// Detaches groups nested deeper than [`MAX_GROUP_DEPTH`]; returns how many. Needs no cycles.
fn limit_depth(board: &mut Board) -> usize {
    let parents = parent_indices(board);
    let mut detached = Vec::new();
    depths(&parents, |i| detached.push(i));
    for &i in &detached {
        board.groups[i].parent = None;
    }
    detached.len()
}
