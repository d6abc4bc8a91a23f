//! Checks a board for problems a file can contain but the editor never makes, all at once.

use std::collections::{HashMap, HashSet};

use super::Board;

/// One thing wrong with a board, named by the ids involved.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum Problem {
    /// Two nodes or groups share this id.
    DuplicateId(String),
    /// A node or group has an empty id.
    EmptyId,
    /// An edge names a node that does not exist.
    EdgeEndMissing {
        /// The edge's `from`.
        from: String,
        /// The edge's `to`.
        to: String,
        /// Which of the two is missing.
        missing: String,
    },
    /// A node names a group that does not exist.
    NodeGroupMissing {
        /// The node's id.
        node: String,
        /// The group it names.
        group: String,
    },
    /// A group names a parent that does not exist.
    GroupParentMissing {
        /// The group's id.
        group: String,
        /// The parent it names.
        parent: String,
    },
    /// This group is inside itself through its parents.
    GroupCycle(String),
    /// A coordinate or size of this node or group is not a finite number.
    NonFinite(String),
}

impl std::fmt::Display for Problem {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        match self {
            Problem::DuplicateId(id) => write!(f, "the id \"{id}\" is used more than once"),
            Problem::EmptyId => write!(f, "a node or group has an empty id"),
            Problem::EdgeEndMissing { from, to, missing } => {
                write!(
                    f,
                    "the edge {from} -> {to} points to \"{missing}\", which does not exist"
                )
            }
            Problem::NodeGroupMissing { node, group } => {
                write!(f, "node \"{node}\" belongs to group \"{group}\", which does not exist")
            }
            Problem::GroupParentMissing { group, parent } => {
                write!(f, "group \"{group}\" has parent \"{parent}\", which does not exist")
            }
            Problem::GroupCycle(id) => write!(f, "group \"{id}\" is inside itself (a cycle of parents)"),
            Problem::NonFinite(id) => write!(f, "\"{id}\" has a coordinate that is not a finite number"),
        }
    }
}

/// Every problem in the board, in a stable order; empty when the board is sound.
pub fn validate(board: &Board) -> Vec<Problem> {
    let mut problems = Vec::new();
    let mut seen = HashSet::new();
    for id in board
        .nodes
        .iter()
        .map(|n| &n.id)
        .chain(board.groups.iter().map(|g| &g.id))
    {
        if id.is_empty() {
            problems.push(Problem::EmptyId);
        } else if !seen.insert(id.as_str()) {
            problems.push(Problem::DuplicateId(id.clone()));
        }
    }
    let nodes: HashSet<&str> = board.nodes.iter().map(|n| n.id.as_str()).collect();
    let groups: HashMap<&str, Option<&str>> = board
        .groups
        .iter()
        .map(|g| (g.id.as_str(), g.parent.as_deref()))
        .collect();
    let on_cycle = groups_on_cycles(&groups);
    for e in &board.edges {
        for end in [&e.from, &e.to] {
            if !nodes.contains(end.as_str()) {
                problems.push(Problem::EdgeEndMissing {
                    from: e.from.clone(),
                    to: e.to.clone(),
                    missing: end.clone(),
                });
            }
        }
    }
    for n in &board.nodes {
        if let Some(g) = &n.group
            && !groups.contains_key(g.as_str())
        {
            problems.push(Problem::NodeGroupMissing {
                node: n.id.clone(),
                group: g.clone(),
            });
        }
        if !n.at.is_finite() {
            problems.push(Problem::NonFinite(n.id.clone()));
        }
    }
    for g in &board.groups {
        if let Some(p) = &g.parent
            && !groups.contains_key(p.as_str())
        {
            problems.push(Problem::GroupParentMissing {
                group: g.id.clone(),
                parent: p.clone(),
            });
        }
        if !g.rect.is_finite() {
            problems.push(Problem::NonFinite(g.id.clone()));
        }
        if on_cycle.contains(g.id.as_str()) {
            problems.push(Problem::GroupCycle(g.id.clone()));
        }
    }
    problems
}

/// The ids of the groups that are their own ancestor, found in one pass over the parent links
/// (walking up from every group separately would take quadratic time on a long chain).
fn groups_on_cycles<'a>(parents: &HashMap<&'a str, Option<&'a str>>) -> HashSet<&'a str> {
    // 1: on the walk in progress; 2: finished.
    let mut state: HashMap<&str, u8> = HashMap::with_capacity(parents.len());
    let mut on_cycle = HashSet::new();
    for &start in parents.keys() {
        let mut path: Vec<&str> = Vec::new();
        let mut at = Some(start);
        while let Some(id) = at {
            match state.get(id) {
                Some(2) => break,
                Some(_) => {
                    // Back at a group of this walk: it and everything after it form the cycle.
                    if let Some(from) = path.iter().position(|p| *p == id) {
                        on_cycle.extend(&path[from..]);
                    }
                    break;
                }
                None => {
                    state.insert(id, 1);
                    path.push(id);
                    at = parents.get(id).copied().flatten().filter(|p| parents.contains_key(p));
                }
            }
        }
        for id in path {
            state.insert(id, 2);
        }
    }
    on_cycle
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::model::{Edge, Group, GroupKind, Node, Point, Rect};

    fn board() -> Board {
        let mut b = Board::new("t");
        b.nodes.push(Node::new("a", "s3", "A", Point(0.0, 0.0)));
        b.nodes.push(Node::new("b", "lambda", "B", Point(200.0, 0.0)));
        b.edges.push(Edge::new("b", "a"));
        b
    }

    #[test]
    fn group_depths_count_parents_and_survive_cycles() {
        let rect = Rect {
            x: 0.0,
            y: 0.0,
            w: 10.0,
            h: 10.0,
        };
        let group = |id: &str, parent: Option<&str>| Group {
            id: id.into(),
            kind: GroupKind::Generic,
            label: String::new(),
            parent: parent.map(Into::into),
            rect,
        };
        let mut b = board();
        b.groups = vec![
            group("az", Some("region")),
            group("region", None),
            group("subnet", Some("az")),
        ];
        assert_eq!(b.group_depths(), [1, 0, 2]);
        b.groups = vec![group("x", Some("y")), group("y", Some("x"))];
        assert_eq!(b.group_depths().len(), 2, "a cycle does not loop forever");
    }

    #[test]
    fn a_sound_board_has_no_problems() {
        assert!(validate(&board()).is_empty());
    }

    #[test]
    fn every_problem_is_reported_at_once() {
        let mut b = board();
        b.nodes[1].id = "a".into();
        b.nodes[0].at = Point(f32::NAN, 0.0);
        b.nodes[0].group = Some("nowhere".into());
        b.edges.push(Edge::new("a", "zz"));
        let rect = Rect {
            x: 0.0,
            y: 0.0,
            w: 10.0,
            h: 10.0,
        };
        b.groups.push(Group {
            id: "g1".into(),
            kind: GroupKind::Vpc,
            label: String::new(),
            parent: Some("g2".into()),
            rect,
        });
        b.groups.push(Group {
            id: "g2".into(),
            kind: GroupKind::Vpc,
            label: String::new(),
            parent: Some("g1".into()),
            rect,
        });
        b.groups.push(Group {
            id: "g3".into(),
            kind: GroupKind::Cell,
            label: String::new(),
            parent: Some("gone".into()),
            rect,
        });
        let p = validate(&b);
        assert!(p.contains(&Problem::DuplicateId("a".into())), "{p:?}");
        assert!(p.contains(&Problem::NonFinite("a".into())), "{p:?}");
        assert!(p.contains(&Problem::NodeGroupMissing {
            node: "a".into(),
            group: "nowhere".into()
        }));
        assert!(
            p.iter()
                .any(|x| matches!(x, Problem::EdgeEndMissing { missing, .. } if missing == "zz"))
        );
        assert!(p.contains(&Problem::GroupCycle("g1".into())));
        assert!(p.contains(&Problem::GroupCycle("g2".into())));
        assert!(p.contains(&Problem::GroupParentMissing {
            group: "g3".into(),
            parent: "gone".into()
        }));
        // the edge b -> a is fine: 'b' was renamed, so b -> a now dangles at 'b'
        assert!(
            p.iter()
                .any(|x| matches!(x, Problem::EdgeEndMissing { missing, .. } if missing == "b"))
        );
    }
}
