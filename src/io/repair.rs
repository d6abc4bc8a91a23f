//! Makes a loaded board safe to edit: whatever a hand-edited or hostile file got wrong is
//! mended in memory with a warning, never silently and never written back until the user saves.

use std::collections::HashSet;

use super::MAX_LABEL_CHARS;
use crate::model::{Board, Point, Problem, validate};

/// Repairs `board` in place and says what was changed, one line each.
pub fn repair(board: &mut Board) -> Vec<String> {
    let problems = validate(board);
    if problems.is_empty() && !has_long_text(board) {
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
            g.rect = crate::model::Rect {
                x: 0.0,
                y: 0.0,
                w: 200.0,
                h: 150.0,
            };
        }
    }
    // Break every parent cycle by detaching the group the cycle was found at.
    while let Some(Problem::GroupCycle(id)) = validate(board)
        .into_iter()
        .find(|p| matches!(p, Problem::GroupCycle(_)))
    {
        if let Some(g) = board.groups.iter_mut().find(|g| g.id == id) {
            g.parent = None;
        }
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
    let all: Vec<String> = board
        .nodes
        .iter()
        .map(|n| n.id.clone())
        .chain(board.groups.iter().map(|g| g.id.clone()))
        .collect();
    let taken: HashSet<String> = all.iter().cloned().collect();
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
