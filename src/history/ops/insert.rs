//! Putting a board (pasted, duplicated or inserted from a file) into another, and taking the
//! selection out as a board of its own.

use std::collections::{HashMap, HashSet};

use super::draft::Draft;
use super::{nearest_kept, things, with_descendants};
use crate::history::Edit;
use crate::model::{Board, Edge, FORMAT, Group, Node, Point, fresh_id_among};
use crate::text::count;

/// Gap between a board and a board placed beside it, in world units.
pub(crate) const BESIDE_GAP: f32 = 120.0;

/// What an insertion added: the edit and the new ids, to select them afterwards.
#[derive(Clone, Debug, Default, PartialEq)]
pub(crate) struct Inserted {
    /// Applies the insertion.
    pub edit: Edit,
    /// Ids of the inserted nodes, in `other`'s order.
    pub nodes: Vec<String>,
    /// Ids of the inserted groups, in `other`'s order.
    pub groups: Vec<String>,
}

/// Inserts every node, edge and group of `other`, shifted by `(dx, dy)` (world units), with ids
/// renamed where they clash so they stay unique, and returns the edit with the new ids.
///
/// Edges, memberships and parents follow the renaming; references to something `other` does
/// not contain are dropped (a dangling edge is skipped). The title, notes, checklist and
/// accepted findings of `other` are not inserted.
pub(crate) fn insert_with_ids(board: &Board, other: &Board, (dx, dy): (f32, f32)) -> Inserted {
    let mut taken = board.ids();
    let mut rename = |old: &str| {
        let new = fresh_id_among(old, |c| taken.contains(c));
        taken.insert(new.clone());
        new
    };
    let node_ids: Vec<String> = other.nodes.iter().map(|n| rename(&n.id)).collect();
    let group_ids: Vec<String> = other.groups.iter().map(|g| rename(&g.id)).collect();
    let mut node_map: HashMap<&str, &str> = HashMap::new();
    for (n, new) in other.nodes.iter().zip(&node_ids) {
        node_map.entry(n.id.as_str()).or_insert(new.as_str());
    }
    let mut group_map: HashMap<&str, &str> = HashMap::new();
    for (g, new) in other.groups.iter().zip(&group_ids) {
        group_map.entry(g.id.as_str()).or_insert(new.as_str());
    }
    let map_group = |g: &Option<String>| g.as_deref().and_then(|g| group_map.get(g)).map(|g| (*g).to_owned());
    let mut d = Draft::new(board);
    for (n, new) in other.nodes.iter().zip(&node_ids) {
        let mut n = n.clone();
        new.clone_into(&mut n.id);
        n.at = n.at.offset(dx, dy);
        n.group = map_group(&n.group);
        d.nodes.added.push(n);
    }
    for e in &other.edges {
        if let (Some(from), Some(to)) = (node_map.get(e.from.as_str()), node_map.get(e.to.as_str())) {
            d.edges.added.push(Edge {
                from: (*from).to_owned(),
                to: (*to).to_owned(),
                ..e.clone()
            });
        }
    }
    for (g, new) in other.groups.iter().zip(&group_ids) {
        let mut g = g.clone();
        new.clone_into(&mut g.id);
        g.rect.x += dx;
        g.rect.y += dy;
        g.parent = map_group(&g.parent);
        d.groups.added.push(g);
    }
    let label = format!("Insert {}", things(other.nodes.len(), other.groups.len(), 0));
    Inserted {
        edit: d.finish(label),
        nodes: node_ids,
        groups: group_ids,
    }
}

/// Pastes `other` (a copied selection) so that the centre of its bounds lands on `at`.
pub(crate) fn paste(board: &Board, other: &Board, at: Point) -> Inserted {
    let offset = other.bounds().map_or((0.0, 0.0), |b| {
        let c = b.centre();
        (at.0 - c.0, at.1 - c.1)
    });
    let mut inserted = insert_with_ids(board, other, offset);
    inserted.edit.label = format!("Paste {}", things(other.nodes.len(), other.groups.len(), 0));
    inserted
}

/// The offset (world units) that puts `other` to the right of everything on `board`, tops
/// aligned, with a [`BESIDE_GAP`] between; `(0, 0)` when either is empty.
pub(crate) fn place_beside(board: &Board, other: &Board) -> (f32, f32) {
    match (board.bounds(), other.bounds()) {
        (Some(b), Some(o)) => (b.x + b.w + BESIDE_GAP - o.x, b.y - o.y),
        _ => (0.0, 0.0),
    }
}

/// The selection as a board of its own, for the clipboard (as RON) or "save selection".
///
/// Holds the selected nodes, everything inside the selected groups (member nodes and nested
/// groups), and the edges between nodes it holds. A membership or parent outside the selection
/// is lifted to the nearest enclosing group that is in it, or dropped.
pub(crate) fn selection_as_board(board: &Board, node_ids: &[String], group_ids: &[String]) -> Board {
    let groups = with_descendants(board, group_ids);
    let picked: HashSet<&str> = node_ids.iter().map(String::as_str).collect();
    let nodes: Vec<Node> = board
        .nodes
        .iter()
        .filter(|n| picked.contains(n.id.as_str()) || n.group.as_deref().is_some_and(|g| groups.contains(g)))
        .map(|n| Node {
            group: nearest_kept(board, n.group.as_deref(), |g| groups.contains(g)),
            ..n.clone()
        })
        .collect();
    let held: HashSet<&str> = nodes.iter().map(|n| n.id.as_str()).collect();
    let edges = board
        .edges
        .iter()
        .filter(|e| held.contains(e.from.as_str()) && held.contains(e.to.as_str()))
        .cloned()
        .collect();
    let copied_groups = board
        .groups
        .iter()
        .filter(|g| groups.contains(g.id.as_str()))
        .map(|g| Group {
            parent: nearest_kept(board, g.parent.as_deref(), |p| groups.contains(p)),
            ..g.clone()
        })
        .collect();
    Board {
        format: FORMAT,
        title: board.title.clone(),
        nodes,
        edges,
        groups: copied_groups,
        ..Board::default()
    }
}

/// Copies nodes, shifted by `offset` (world units), with fresh ids, the edges among them, and
/// the same groups as the originals. Returns the edit and the new ids in board order.
pub(crate) fn duplicate(board: &Board, node_ids: &[String], (dx, dy): (f32, f32)) -> (Edit, Vec<String>) {
    let picked: HashSet<&str> = node_ids.iter().map(String::as_str).collect();
    let mut taken = board.ids();
    let mut map: HashMap<&str, String> = HashMap::new();
    let mut d = Draft::new(board);
    let mut ids = Vec::new();
    for n in board.nodes.iter().filter(|n| picked.contains(n.id.as_str())) {
        if map.contains_key(n.id.as_str()) {
            continue;
        }
        let id = fresh_id_among(&n.id, |c| taken.contains(c));
        taken.insert(id.clone());
        map.insert(n.id.as_str(), id.clone());
        ids.push(id.clone());
        d.nodes.added.push(Node {
            id,
            at: n.at.offset(dx, dy),
            ..n.clone()
        });
    }
    for e in &board.edges {
        if let (Some(from), Some(to)) = (map.get(e.from.as_str()), map.get(e.to.as_str())) {
            d.edges.added.push(Edge {
                from: from.clone(),
                to: to.clone(),
                ..e.clone()
            });
        }
    }
    let edit = d.finish(format!("Duplicate {}", count(ids.len(), "node")));
    (edit, ids)
}
