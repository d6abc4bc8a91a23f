//! Groups: adding, wrapping nodes, editing and resizing, and which group a node belongs to.

use std::collections::HashSet;

use super::draft::Draft;
use super::group_pos;
use crate::history::Edit;
use crate::model::{Board, Group, GroupKind, Rect, node_rect};
use crate::text::count;

/// Space between a wrapped node's card and its new group's border, in world units.
pub(crate) const GROUP_PADDING: f32 = 30.0;

/// Extra room at the top of a wrapping group for its label, in world units.
pub(crate) const GROUP_LABEL_ROOM: f32 = 40.0;

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
        GroupKind::AwsCloud => "aws_cloud",
        GroupKind::SecurityGroup => "security_group",
        GroupKind::AutoScalingGroup => "asg",
    }
}

/// A group of `kind` to add, under a fresh id made from its kind.
fn new_group(board: &Board, kind: GroupKind, label: &str, parent: Option<String>, rect: Rect) -> Group {
    Group {
        id: board.fresh_id(group_stem(kind)),
        kind,
        label: label.to_owned(),
        parent,
        rect,
    }
}

/// Changes one group through `f`; `what` names the edit. The id stays.
pub(crate) fn update_group(board: &Board, id: &str, what: &str, f: impl FnOnce(&mut Group)) -> Edit {
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
pub(crate) fn set_group(board: &Board, id: &str, kind: GroupKind, label: &str) -> Edit {
    update_group(board, id, &format!("Edit group {id}"), |g| {
        g.kind = kind;
        label.clone_into(&mut g.label);
    })
}

/// Sets a group's rectangle (world units), e.g. after dragging a handle.
///
/// Membership is not changed; to re-home nodes after a resize, fold
/// [`update_membership`] into the same step with [`History::amend`](super::History::amend).
pub(crate) fn resize_group(board: &Board, id: &str, rect: Rect) -> Edit {
    if !rect.is_finite() {
        return Edit::new("Resize group");
    }
    update_group(board, id, &format!("Resize {id}"), |g| g.rect = rect)
}

/// Wraps nodes in a new group whose rectangle holds their cards with [`GROUP_PADDING`] around
/// them and [`GROUP_LABEL_ROOM`] on top.
///
/// The new group sits inside the innermost group all the nodes share, if any, and becomes the
/// nodes' group, and the group of every other node whose card lies wholly inside its box at the
/// same level (what is drawn inside a box belongs to it; a node in a group nested inside stays
/// in that innermost group, and such groups become the new one's children). Returns the edit
/// and the new group's id (empty when no node was found).
pub(crate) fn wrap_in_group(board: &Board, node_ids: &[String], kind: GroupKind, label: &str) -> (Edit, String) {
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
    let group = new_group(board, kind, label, parent, rect);
    let id = group.id.clone();
    let mut d = Draft::new(board);
    let seen_inside = board
        .nodes
        .iter()
        .enumerate()
        .filter(|(_, n)| n.group == group.parent && rect.contains_rect(node_rect(n)))
        .map(|(i, _)| i);
    let mut joined: Vec<usize> = members.iter().copied().chain(seen_inside).collect();
    joined.sort_unstable();
    joined.dedup();
    for &i in &joined {
        if let Some(n) = d.node(i) {
            n.group = Some(id.clone());
        }
    }
    adopt_groups(board, &mut d, group.parent.as_ref(), rect, &id);
    d.groups.added.push(group);
    let edit = d.finish(format!("Group {} in {}", count(joined.len(), "node"), kind.title()));
    (edit, id)
}

/// Adds a group with this rectangle (world units) inside the innermost group that holds it.
///
/// Nodes whose centre lies inside the new rectangle, and groups that fit inside it, become its
/// members when they were in the new group's parent: what is drawn inside a box belongs to it,
/// so the rules (which read membership) see what the user sees. Returns the edit and the id.
pub(crate) fn add_group(board: &Board, kind: GroupKind, label: &str, rect: Rect) -> (Edit, String) {
    if !rect.is_finite() {
        return (Edit::new("Add group"), String::new());
    }
    let parent = innermost(board, |g| g.rect.contains_rect(rect))
        .and_then(|i| board.groups.get(i))
        .map(|g| g.id.clone());
    let group = new_group(board, kind, label, parent, rect);
    let id = group.id.clone();
    let mut d = Draft::new(board);
    for (i, n) in board.nodes.iter().enumerate() {
        if n.group == group.parent
            && rect.contains(n.at)
            && let Some(n) = d.node(i)
        {
            n.group = Some(id.clone());
        }
    }
    adopt_groups(board, &mut d, group.parent.as_ref(), rect, &id);
    d.groups.added.push(group);
    (d.finish(format!("Add {}", kind.title())), id)
}

/// After nodes were dropped, makes each one's group the innermost group whose rectangle
/// contains its centre (a nested group wins over its parent, then the smaller area), or none.
pub(crate) fn update_membership(board: &Board, node_ids: &[String]) -> Edit {
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

/// Makes the new group `id` the parent of the groups that fit inside its `rect` and shared its
/// `parent`: a box drawn around boxes holds them.
fn adopt_groups(board: &Board, d: &mut Draft, parent: Option<&String>, rect: Rect, id: &str) {
    for (i, g) in board.groups.iter().enumerate() {
        if g.parent.as_ref() == parent
            && rect.contains_rect(g.rect)
            && let Some(g) = d.group(i)
        {
            g.parent = Some(id.to_owned());
        }
    }
}

/// Grows each group to hold its members' cards and its child groups, with the margin and label
/// room a new group gets, innermost first; a group already large enough keeps its rectangle.
/// Importers call it after placing nodes, so boxes drawn around too little still hold them.
pub(crate) fn grow_groups(board: &mut Board) {
    let depths = board.group_depths();
    let mut order: Vec<usize> = (0..board.groups.len()).collect();
    order.sort_by_key(|&g| std::cmp::Reverse(depths[g]));
    let index = board.group_index();
    let parents: Vec<Option<usize>> = board
        .groups
        .iter()
        .enumerate()
        .map(|(g, group)| {
            group
                .parent
                .as_deref()
                .and_then(|p| index.get(p).copied())
                .filter(|&p| p != g)
        })
        .collect();
    // What each group must hold: its members' cards, then (filled in as the walk goes
    // outwards) its children's grown rectangles.
    let mut need: Vec<Option<Rect>> = vec![None; board.groups.len()];
    let take = |need: &mut Vec<Option<Rect>>, g: usize, r: Rect| {
        need[g] = Some(need[g].map_or(r, |n| n.union(r)));
    };
    for n in &board.nodes {
        if let Some(&g) = n.group.as_deref().and_then(|g| index.get(g)) {
            take(&mut need, g, node_rect(n));
        }
    }
    for g in order {
        if let Some(inner) = need[g] {
            let want = Rect {
                y: inner.y - GROUP_LABEL_ROOM + GROUP_PADDING,
                h: inner.h + GROUP_LABEL_ROOM - GROUP_PADDING,
                ..inner
            }
            .expand(GROUP_PADDING);
            let rect = &mut board.groups[g].rect;
            if !rect.contains_rect(want) {
                *rect = rect.union(want);
            }
        }
        if let Some(p) = parents[g] {
            take(&mut need, p, board.groups[g].rect);
        }
    }
}
