//! The board operations an editor needs, as pure functions from the current board to an `Edit`.
//!
//! None of them changes the board: the caller hands the edit to [`History::apply`](super::History::apply),
//! so every operation can be undone. An operation that would change nothing (unknown ids, a
//! label set to what it already is, a duplicate edge) returns an empty edit, which the history
//! ignores.

use std::collections::{BTreeMap, BTreeSet, HashMap, HashSet};

use super::{Change, Edit, Meta, Step};
use crate::model::{Board, Edge, EdgeMode, FORMAT, Group, GroupKind, Node, Point, Rect, fresh_id_among, node_rect};
use crate::text::count;

/// Space between a wrapped node's card and its new group's border, in world units.
pub const GROUP_PADDING: f32 = 30.0;
/// Extra room at the top of a wrapping group for its label, in world units.
pub const GROUP_LABEL_ROOM: f32 = 40.0;
/// Gap between a board and a board placed beside it, in world units.
pub const BESIDE_GAP: f32 = 120.0;

/// Pending changes to one of the board's vectors, keyed by original index.
struct Layer<T> {
    updates: BTreeMap<usize, T>,
    removed: BTreeSet<usize>,
    added: Vec<T>,
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

    /// Emits updates (original indices), then removals from the back, then appends.
    fn finish(self, orig: &[T], out: &mut Vec<Change>)
    where
        Change: From<Step<T>>,
    {
        for (index, after) in self.updates {
            if self.removed.contains(&index) {
                continue;
            }
            if let Some(before) = orig.get(index)
                && *before != after
            {
                out.push(
                    Step::Update {
                        index,
                        before: before.clone(),
                        after,
                    }
                    .into(),
                );
            }
        }
        for &index in self.removed.iter().rev() {
            if let Some(item) = orig.get(index) {
                out.push(Step::Remove { index, item: item.clone() }.into());
            }
        }
        let base = orig.len() - self.removed.iter().filter(|&&i| i < orig.len()).count();
        for (k, item) in self.added.into_iter().enumerate() {
            out.push(Step::Insert { index: base + k, item }.into());
        }
    }
}

/// An edit being built against a board that stays untouched.
struct Draft<'a> {
    board: &'a Board,
    nodes: Layer<Node>,
    edges: Layer<Edge>,
    groups: Layer<Group>,
    meta: Option<Meta>,
}

impl<'a> Draft<'a> {
    fn new(board: &'a Board) -> Self {
        Draft {
            board,
            nodes: Layer::new(),
            edges: Layer::new(),
            groups: Layer::new(),
            meta: None,
        }
    }

    fn node(&mut self, i: usize) -> Option<&mut Node> {
        self.nodes.edit(&self.board.nodes, i)
    }

    fn edge(&mut self, i: usize) -> Option<&mut Edge> {
        self.edges.edit(&self.board.edges, i)
    }

    fn group(&mut self, i: usize) -> Option<&mut Group> {
        self.groups.edit(&self.board.groups, i)
    }

    fn finish(self, label: impl Into<String>) -> Edit {
        let mut changes = Vec::new();
        self.nodes.finish(&self.board.nodes, &mut changes);
        self.edges.finish(&self.board.edges, &mut changes);
        self.groups.finish(&self.board.groups, &mut changes);
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

/// Whether group `inner` lies (strictly) inside group `outer` through `parent` links.
fn nested_in(board: &Board, inner: &Group, outer: &str) -> bool {
    board.ancestors(inner.parent.as_deref()).any(|g| g.id == outer)
}

/// The innermost group (index) among those `fits` accepts: a group nested in another wins over
/// it; otherwise the smaller area wins, then the later one (drawn on top).
fn innermost(board: &Board, fits: impl Fn(&Group) -> bool) -> Option<usize> {
    let mut best: Option<usize> = None;
    for (i, g) in board.groups.iter().enumerate() {
        if !fits(g) {
            continue;
        }
        let better = match best.and_then(|b| board.groups.get(b)) {
            None => true,
            Some(b) if nested_in(board, g, &b.id) => true,
            Some(b) if nested_in(board, b, &g.id) => false,
            Some(b) => g.rect.w * g.rect.h <= b.rect.w * b.rect.h,
        };
        if better {
            best = Some(i);
        }
    }
    best
}

/// The id stem for a new group of this kind (`vpc`, `az`, `private_subnet`...).
fn group_stem(kind: GroupKind) -> &'static str {
    match kind {
        GroupKind::Region => "region",
        GroupKind::AvailabilityZone => "az",
        GroupKind::Vpc => "vpc",
        GroupKind::PublicSubnet => "public_subnet",
        GroupKind::PrivateSubnet => "private_subnet",
        GroupKind::Cell => "cell",
        GroupKind::Account => "account",
        GroupKind::Generic => "group",
    }
}

/// Adds a node of `service` centred at `at`, with a fresh id made from the service name.
///
/// Returns the edit and the new node's id (to select it).
pub fn add_node(board: &Board, service: &str, label: &str, at: Point) -> (Edit, String) {
    let id = board.fresh_id(service);
    let node = Node::new(id.clone(), service, label, at);
    let what = if label.is_empty() { service } else { label };
    let mut d = Draft::new(board);
    d.nodes.added.push(node);
    (d.finish(format!("Add {what}")), id)
}

/// Moves nodes by `(dx, dy)` world units.
pub fn move_nodes(board: &Board, ids: &[String], dx: f32, dy: f32) -> Edit {
    move_items(board, ids, &[], dx, dy)
}

/// Moves nodes and groups by `(dx, dy)` world units; a group takes its member nodes and nested
/// groups with it. Each item moves once even if it is selected and inside a moved group.
pub fn move_items(board: &Board, node_ids: &[String], group_ids: &[String], dx: f32, dy: f32) -> Edit {
    if (dx == 0.0 && dy == 0.0) || !dx.is_finite() || !dy.is_finite() {
        return Edit::new("Move");
    }
    let groups = with_descendants(board, group_ids);
    let picked: HashSet<&str> = node_ids.iter().map(String::as_str).collect();
    let mut d = Draft::new(board);
    let mut moved_nodes = 0;
    for (i, n) in board.nodes.iter().enumerate() {
        if picked.contains(n.id.as_str()) || n.group.as_deref().is_some_and(|g| groups.contains(g)) {
            moved_nodes += 1;
            if let Some(n) = d.node(i) {
                n.at = n.at.offset(dx, dy);
            }
        }
    }
    for (i, g) in board.groups.iter().enumerate() {
        if groups.contains(g.id.as_str())
            && let Some(g) = d.group(i)
        {
            g.rect.x += dx;
            g.rect.y += dy;
        }
    }
    let label = if moved_nodes + groups.len() == 1 {
        let node = board.nodes.iter().find(|n| picked.contains(n.id.as_str())).map(name);
        format!(
            "Move {}",
            node.or_else(|| groups.iter().next().copied()).unwrap_or_default()
        )
    } else {
        format!("Move {}", things(moved_nodes, groups.len(), 0))
    };
    d.finish(label)
}

/// How [`align`] lines nodes up: along a side or centre line of their bounding box, or spread
/// with equal gaps.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Alignment {
    Left,
    Centre,
    Right,
    Top,
    Middle,
    Bottom,
    /// Equal gaps from left to right, the outermost nodes staying where they are.
    SpreadAcross,
    /// Equal gaps from top to bottom, the outermost nodes staying where they are.
    SpreadDown,
}

impl Alignment {
    /// Every alignment, in menu order.
    pub const ALL: [Alignment; 8] = [
        Alignment::Left,
        Alignment::Centre,
        Alignment::Right,
        Alignment::Top,
        Alignment::Middle,
        Alignment::Bottom,
        Alignment::SpreadAcross,
        Alignment::SpreadDown,
    ];

    /// The menu text.
    pub fn title(self) -> &'static str {
        match self {
            Alignment::Left => "Align left",
            Alignment::Centre => "Align centres",
            Alignment::Right => "Align right",
            Alignment::Top => "Align top",
            Alignment::Middle => "Align middles",
            Alignment::Bottom => "Align bottom",
            Alignment::SpreadAcross => "Spread across",
            Alignment::SpreadDown => "Spread down",
        }
    }

    /// How many nodes it takes for the alignment to do anything.
    pub fn needs(self) -> usize {
        match self {
            Alignment::SpreadAcross | Alignment::SpreadDown => 3,
            _ => 2,
        }
    }
}

/// Lines up the nodes `ids` as `how` says, in one undo step; nothing with fewer than
/// [`Alignment::needs`] nodes. Works on the cards' edges, so notes and cards of other sizes line
/// up by their sides, not their centres.
pub fn align(board: &Board, ids: &[String], how: Alignment) -> Edit {
    use Alignment::*;
    // Every alignment works along one axis: a card's span on it is (start, size).
    let across = matches!(how, Left | Centre | Right | SpreadAcross);
    let span = |r: Rect| if across { (r.x, r.w) } else { (r.y, r.h) };
    let picked: HashSet<&str> = ids.iter().map(String::as_str).collect();
    let mut nodes: Vec<(usize, (f32, f32))> = board
        .nodes
        .iter()
        .enumerate()
        .filter(|(_, n)| picked.contains(n.id.as_str()))
        .map(|(i, n)| (i, span(node_rect(n))))
        .collect();
    if nodes.len() < how.needs() {
        return Edit::new(how.title());
    }
    let low = nodes.iter().map(|(_, (start, _))| *start).fold(f32::MAX, f32::min);
    let high = nodes
        .iter()
        .map(|(_, (start, size))| start + size)
        .fold(f32::MIN, f32::max);
    // Each node's new start on the axis.
    let starts: Vec<(usize, f32, f32)> = match how {
        Left | Top => nodes.iter().map(|&(i, (start, _))| (i, start, low)).collect(),
        Right | Bottom => nodes
            .iter()
            .map(|&(i, (start, size))| (i, start, high - size))
            .collect(),
        Centre | Middle => nodes
            .iter()
            .map(|&(i, (start, size))| (i, start, (low + high - size) / 2.0))
            .collect(),
        SpreadAcross | SpreadDown => {
            nodes.sort_by(|a, b| a.1.0.total_cmp(&b.1.0).then(a.0.cmp(&b.0)));
            let sizes: f32 = nodes.iter().map(|(_, (_, size))| size).sum();
            let gap = (high - low - sizes) / (nodes.len() - 1) as f32;
            let mut at = low;
            nodes
                .iter()
                .map(|&(i, (start, size))| {
                    let placed = (i, start, at);
                    at += size + gap;
                    placed
                })
                .collect()
        }
    };
    let mut d = Draft::new(board);
    let mut moved = 0;
    for (i, start, new) in starts {
        let delta = new - start;
        if delta.abs() > 1e-3
            && let Some(n) = d.node(i)
        {
            n.at = if across {
                n.at.offset(delta, 0.0)
            } else {
                n.at.offset(0.0, delta)
            };
            moved += 1;
        }
    }
    d.finish(format!("{} ({})", how.title(), count(moved, "node")))
}

/// The edit that updates `board`'s nodes and groups to how they are in `after`, a copy of it
/// changed in place (by a layout, say): the same items in the same order, any of them moved,
/// resized or otherwise edited.
pub fn updated_to(board: &Board, after: &Board, label: &str) -> Edit {
    let mut d = Draft::new(board);
    for (i, (b, a)) in board.nodes.iter().zip(&after.nodes).enumerate() {
        if b != a
            && let Some(n) = d.node(i)
        {
            n.clone_from(a);
        }
    }
    for (i, (b, a)) in board.groups.iter().zip(&after.groups).enumerate() {
        if b != a
            && let Some(g) = d.group(i)
        {
            g.clone_from(a);
        }
    }
    d.finish(label)
}

/// Deletes nodes (with every edge touching them), groups and edges (by index).
///
/// Deleting a group keeps its members: they, and its child groups, move up to the nearest
/// enclosing group that is not deleted too.
pub fn delete(board: &Board, node_ids: &[String], group_ids: &[String], edges: &[usize]) -> Edit {
    let doomed_nodes: HashSet<&str> = node_ids.iter().map(String::as_str).collect();
    let doomed_groups: HashSet<&str> = group_ids.iter().map(String::as_str).collect();
    let doomed_edges: HashSet<usize> = edges.iter().copied().collect();
    let mut d = Draft::new(board);
    for (i, e) in board.edges.iter().enumerate() {
        if doomed_edges.contains(&i) || doomed_nodes.contains(e.from.as_str()) || doomed_nodes.contains(e.to.as_str()) {
            d.edges.removed.insert(i);
        }
    }
    let survivor = |g: Option<&str>| nearest_kept(board, g, |id| !doomed_groups.contains(id));
    for (i, n) in board.nodes.iter().enumerate() {
        if doomed_nodes.contains(n.id.as_str()) {
            d.nodes.removed.insert(i);
        } else if n.group.as_deref().is_some_and(|g| doomed_groups.contains(g)) {
            let lifted = survivor(n.group.as_deref());
            if let Some(n) = d.node(i) {
                n.group = lifted;
            }
        }
    }
    for (i, g) in board.groups.iter().enumerate() {
        if doomed_groups.contains(g.id.as_str()) {
            d.groups.removed.insert(i);
        } else if g.parent.as_deref().is_some_and(|p| doomed_groups.contains(p)) {
            let lifted = survivor(g.parent.as_deref());
            if let Some(g) = d.group(i) {
                g.parent = lifted;
            }
        }
    }
    let label = format!(
        "Delete {}",
        things(
            d.nodes.removed.len(),
            d.groups.removed.len(),
            if d.nodes.removed.is_empty() {
                d.edges.removed.len()
            } else {
                0
            }
        )
    );
    d.finish(label)
}

/// Changes one node through `f`; `what` names the edit ("Rename api").
pub fn update_node(board: &Board, id: &str, what: &str, f: impl FnOnce(&mut Node)) -> Edit {
    let mut d = Draft::new(board);
    if let Some(i) = node_pos(board, id)
        && let Some(n) = d.node(i)
    {
        f(n);
        // The id is what edges and findings refer to: it does not change here.
        n.id = id.to_owned();
    }
    d.finish(what)
}

/// Sets a node's label (the text under its icon).
pub fn set_label(board: &Board, node_id: &str, label: &str) -> Edit {
    update_node(board, node_id, &format!("Rename {node_id}"), |n| {
        label.clone_into(&mut n.label)
    })
}

/// Sets a node's service (a catalog id), keeping its props, edges and place.
pub fn set_service(board: &Board, node_id: &str, service: &str) -> Edit {
    update_node(board, node_id, &format!("Change {node_id} to {service}"), |n| {
        service.clone_into(&mut n.service)
    })
}

/// Sets a prop on a node, or removes it with `None`.
pub fn set_prop(board: &Board, node_id: &str, key: &str, value: Option<&str>) -> Edit {
    let what = match value {
        Some(v) => format!("Set {key} = {v} on {node_id}"),
        None => format!("Clear {key} on {node_id}"),
    };
    update_node(board, node_id, &what, |n| match value {
        Some(v) => {
            n.props.insert(key.to_owned(), v.to_owned());
        }
        None => {
            n.props.remove(key);
        }
    })
}

/// Adds a synchronous edge `from -> to`; nothing if either node is missing, they are the same,
/// or that edge exists already.
pub fn connect(board: &Board, from: &str, to: &str) -> Edit {
    let mut d = Draft::new(board);
    let exists = board.edges.iter().any(|e| e.from == from && e.to == to);
    if from != to && !exists && node_pos(board, from).is_some() && node_pos(board, to).is_some() {
        d.edges.added.push(Edge::new(from, to));
    }
    d.finish(format!("Connect {from} -> {to}"))
}

/// Sets an edge's label and mode.
pub fn set_edge(board: &Board, index: usize, label: &str, mode: EdgeMode) -> Edit {
    let mut d = Draft::new(board);
    if let Some(e) = d.edge(index) {
        label.clone_into(&mut e.label);
        e.mode = mode;
    }
    d.finish("Edit edge")
}

/// Turns an edge around; nothing if the reversed edge exists already.
pub fn reverse_edge(board: &Board, index: usize) -> Edit {
    let mut d = Draft::new(board);
    if let Some(old) = board.edges.get(index)
        && !board.edges.iter().any(|e| e.from == old.to && e.to == old.from)
        && let Some(e) = d.edge(index)
    {
        std::mem::swap(&mut e.from, &mut e.to);
    }
    d.finish("Reverse edge")
}

/// Changes one group through `f`; `what` names the edit. The id stays.
pub fn update_group(board: &Board, id: &str, what: &str, f: impl FnOnce(&mut Group)) -> Edit {
    let mut d = Draft::new(board);
    if let Some(i) = group_pos(board, id)
        && let Some(g) = d.group(i)
    {
        f(g);
        g.id = id.to_owned();
    }
    d.finish(what)
}

/// Sets a group's label and kind (from the inspector).
pub fn set_group(board: &Board, id: &str, kind: GroupKind, label: &str) -> Edit {
    update_group(board, id, &format!("Edit group {id}"), |g| {
        g.kind = kind;
        label.clone_into(&mut g.label);
    })
}

/// Sets a group's rectangle (world units), e.g. after dragging a handle.
///
/// Membership is not changed; to re-home nodes after a resize, fold
/// [`update_membership`] into the same step with [`History::amend`](super::History::amend).
pub fn resize_group(board: &Board, id: &str, rect: Rect) -> Edit {
    if !rect.is_finite() {
        return Edit::new("Resize group");
    }
    update_group(board, id, &format!("Resize {id}"), |g| g.rect = rect)
}

/// Wraps nodes in a new group whose rectangle holds their cards with [`GROUP_PADDING`] around
/// them and [`GROUP_LABEL_ROOM`] on top.
///
/// The new group sits inside the innermost group all the nodes share, if any, and becomes the
/// nodes' group. Returns the edit and the new group's id (empty when no node was found).
pub fn wrap_in_group(board: &Board, node_ids: &[String], kind: GroupKind, label: &str) -> (Edit, String) {
    let picked: HashSet<&str> = node_ids.iter().map(String::as_str).collect();
    let members: Vec<usize> = board
        .nodes
        .iter()
        .enumerate()
        .filter(|(_, n)| picked.contains(n.id.as_str()))
        .map(|(i, _)| i)
        .collect();
    let Some(bounds) = members
        .iter()
        .filter_map(|&i| board.nodes.get(i))
        .map(node_rect)
        .reduce(|a, b| a.union(b))
    else {
        return (Edit::new("Group"), String::new());
    };
    let mut rect = bounds.expand(GROUP_PADDING);
    rect.y -= GROUP_LABEL_ROOM;
    rect.h += GROUP_LABEL_ROOM;
    // The deepest group on the first member's chain that every member's chain contains.
    let chains: Vec<Vec<&str>> = members
        .iter()
        .filter_map(|&i| board.nodes.get(i))
        .map(|n| board.ancestors(n.group.as_deref()).map(|g| g.id.as_str()).collect())
        .collect();
    let parent = chains
        .first()
        .and_then(|first| first.iter().find(|g| chains.iter().all(|c| c.contains(g))))
        .map(|g| (*g).to_owned());
    let id = board.fresh_id(group_stem(kind));
    let mut d = Draft::new(board);
    for &i in &members {
        if let Some(n) = d.node(i) {
            n.group = Some(id.clone());
        }
    }
    d.groups.added.push(Group {
        id: id.clone(),
        kind,
        label: label.to_owned(),
        parent,
        rect,
    });
    let edit = d.finish(format!("Group {} in {}", count(members.len(), "node"), kind.title()));
    (edit, id)
}

/// Adds a group with this rectangle (world units) inside the innermost group that holds it.
///
/// Nodes whose centre lies inside the new rectangle, and groups that fit inside it, become its
/// members when they were in the new group's parent: what is drawn inside a box belongs to it,
/// so the rules (which read membership) see what the user sees. Returns the edit and the id.
pub fn add_group(board: &Board, kind: GroupKind, label: &str, rect: Rect) -> (Edit, String) {
    if !rect.is_finite() {
        return (Edit::new("Add group"), String::new());
    }
    let parent = innermost(board, |g| g.rect.contains_rect(rect))
        .and_then(|i| board.groups.get(i))
        .map(|g| g.id.clone());
    let id = board.fresh_id(group_stem(kind));
    let mut d = Draft::new(board);
    for (i, n) in board.nodes.iter().enumerate() {
        if n.group == parent
            && rect.contains(n.at)
            && let Some(n) = d.node(i)
        {
            n.group = Some(id.clone());
        }
    }
    for (i, g) in board.groups.iter().enumerate() {
        if g.parent == parent
            && rect.contains_rect(g.rect)
            && let Some(g) = d.group(i)
        {
            g.parent = Some(id.clone());
        }
    }
    d.groups.added.push(Group {
        id: id.clone(),
        kind,
        label: label.to_owned(),
        parent,
        rect,
    });
    (d.finish(format!("Add {}", kind.title())), id)
}

/// After nodes were dropped, makes each one's group the innermost group whose rectangle
/// contains its centre (a nested group wins over its parent, then the smaller area), or none.
pub fn update_membership(board: &Board, node_ids: &[String]) -> Edit {
    let picked: HashSet<&str> = node_ids.iter().map(String::as_str).collect();
    let mut d = Draft::new(board);
    for (i, n) in board.nodes.iter().enumerate() {
        if !picked.contains(n.id.as_str()) {
            continue;
        }
        let home = innermost(board, |g| g.rect.contains(n.at))
            .and_then(|g| board.groups.get(g))
            .map(|g| g.id.clone());
        if home != n.group
            && let Some(n) = d.node(i)
        {
            n.group = home;
        }
    }
    d.finish("Regroup")
}

/// What an insertion added: the edit and the new ids, to select them afterwards.
#[derive(Clone, Debug, Default, PartialEq)]
pub struct Inserted {
    /// Applies the insertion.
    pub edit: Edit,
    /// Ids of the inserted nodes, in `other`'s order.
    pub nodes: Vec<String>,
    /// Ids of the inserted groups, in `other`'s order.
    pub groups: Vec<String>,
}

/// Inserts every node, edge and group of `other`, shifted by `offset` (world units), with ids
/// renamed where they clash so they stay unique.
///
/// Edges, memberships and parents follow the renaming; references to something `other` does
/// not contain are dropped (a dangling edge is skipped). The title, notes, checklist and
/// accepted findings of `other` are not inserted.
pub fn insert_board(board: &Board, other: &Board, offset: (f32, f32)) -> Edit {
    insert_with_ids(board, other, offset).edit
}

/// Like [`insert_board`], also returning the new ids.
pub fn insert_with_ids(board: &Board, other: &Board, (dx, dy): (f32, f32)) -> Inserted {
    let mut taken: HashSet<String> = board
        .nodes
        .iter()
        .map(|n| n.id.clone())
        .chain(board.groups.iter().map(|g| g.id.clone()))
        .collect();
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
pub fn paste(board: &Board, other: &Board, at: Point) -> Inserted {
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
pub fn place_beside(board: &Board, other: &Board) -> (f32, f32) {
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
pub fn selection_as_board(board: &Board, node_ids: &[String], group_ids: &[String]) -> Board {
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
pub fn duplicate(board: &Board, node_ids: &[String], (dx, dy): (f32, f32)) -> (Edit, Vec<String>) {
    let picked: HashSet<&str> = node_ids.iter().map(String::as_str).collect();
    let mut taken: HashSet<String> = board
        .nodes
        .iter()
        .map(|n| n.id.clone())
        .chain(board.groups.iter().map(|g| g.id.clone()))
        .collect();
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

/// Changes the title, notes, checklist ticks or accepted findings through `f`.
pub fn set_meta(board: &Board, f: impl FnOnce(&mut Meta)) -> Edit {
    let before = Meta::of(board);
    let mut after = before.clone();
    f(&mut after);
    let label = if after.title != before.title {
        "Rename board"
    } else if after.notes != before.notes {
        "Edit notes"
    } else if after.checklist != before.checklist {
        "Tick checklist"
    } else {
        "Accept finding"
    };
    let mut d = Draft::new(board);
    d.meta = Some(after);
    d.finish(label)
}
