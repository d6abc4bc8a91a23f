//! Layout tests: no overlaps, groups around their members, the edit undoes.

use super::*;
use crate::history::History;
use crate::model::{Edge, Group, GroupKind, Node};

fn group(id: &str, parent: Option<&str>) -> Group {
    Group {
        id: id.into(),
        kind: GroupKind::Generic,
        label: id.into(),
        parent: parent.map(Into::into),
        rect: Rect::default(),
    }
}

fn sample() -> Board {
    let mut b = Board::new("t");
    for (id, g) in [
        ("a", None),
        ("b", Some("g1")),
        ("c", Some("g1")),
        ("d", Some("g2")),
        ("e", Some("g3")),
    ] {
        let mut n = Node::new(id, "lambda", id, Point(0.0, 0.0));
        n.group = g.map(Into::into);
        b.nodes.push(n);
    }
    b.groups.push(group("g1", None));
    b.groups.push(group("g2", None));
    b.groups.push(group("g3", Some("g2")));
    for (f, t) in [("a", "b"), ("a", "d"), ("b", "c"), ("d", "e"), ("c", "e"), ("e", "a")] {
        b.edges.push(Edge::new(f, t));
    }
    b
}

#[test]
fn nested_groups_hold_their_members_and_siblings_do_not_overlap() {
    for dir in Direction::ALL {
        let mut b = sample();
        layout(&mut b, dir);
        assert!(faults(&b).is_empty(), "{dir:?}: {:?}", faults(&b));
        let (g1, g2) = (b.groups[0].rect, b.groups[1].rect);
        assert!(!g1.intersects(g2), "{dir:?}: sibling groups overlap: {g1:?} {g2:?}");
        assert!(b.groups[1].rect.contains_rect(b.groups[2].rect));
    }
}

#[test]
fn flow_follows_the_direction() {
    let mut b = Board::new("t");
    b.nodes.push(Node::new("a", "lambda", "a", Point(0.0, 0.0)));
    b.nodes.push(Node::new("b", "lambda", "b", Point(0.0, 0.0)));
    b.edges.push(Edge::new("a", "b"));
    let cases = [
        (Direction::TopDown, (0.0, 1.0)),
        (Direction::BottomUp, (0.0, -1.0)),
        (Direction::LeftRight, (1.0, 0.0)),
        (Direction::RightLeft, (-1.0, 0.0)),
    ];
    for (dir, (sx, sy)) in cases {
        layout(&mut b, dir);
        let (p, q) = (b.nodes[0].at, b.nodes[1].at);
        let (dx, dy) = (q.0 - p.0, q.1 - p.1);
        assert!(dx * sx + dy * sy > 150.0, "{dir:?}: {p:?} -> {q:?}");
        assert_eq!(Direction::guess(&b), dir);
    }
}

#[test]
fn layout_keeps_the_top_left_corner() {
    let mut b = sample();
    for n in &mut b.nodes {
        n.at = Point(1000.0, 500.0);
    }
    let before = b.bounds().expect("nodes");
    layout(&mut b, Direction::TopDown);
    let after = b.bounds().expect("nodes");
    assert!((before.x - after.x).abs() < 1e-3 && (before.y - after.y).abs() < 1e-3);
}

#[test]
fn auto_layout_is_one_undoable_step() {
    let mut b = sample();
    let start = b.clone();
    let mut h = History::new();
    h.apply_with(&mut b, |b| auto_layout_edit(b, Direction::LeftRight))
        .unwrap();
    assert_eq!(h.undo_label(), Some("Auto layout"));
    assert!(faults(&b).is_empty());
    h.undo(&mut b);
    assert_eq!(b, start);
    let again = auto_layout_edit(
        &{
            let mut c = start.clone();
            layout(&mut c, Direction::LeftRight);
            c
        },
        Direction::LeftRight,
    );
    assert!(again.is_empty(), "a laid-out board stays put");
}

#[test]
fn broken_boards_do_not_panic() {
    let mut b = sample();
    b.groups[0].parent = Some("g2".into());
    b.groups[1].parent = Some("g1".into());
    b.groups[2].parent = Some("g3".into());
    b.nodes[0].group = Some("nowhere".into());
    b.nodes[1].at = Point(f32::NAN, f32::INFINITY);
    b.nodes.push(Node::new("a", "note", "dup", Point(0.0, 0.0)));
    b.edges.push(Edge::new("a", "zz"));
    b.edges.push(Edge::new("a", "a"));
    layout(&mut b, Direction::TopDown);
    assert!(b.nodes.iter().all(|n| n.at.is_finite()));
    assert!(b.groups.iter().all(|g| g.rect.is_finite()));
    let mut empty = Board::new("e");
    layout(&mut empty, Direction::LeftRight);
    empty.groups.push(group("lonely", None));
    layout(&mut empty, Direction::LeftRight);
    assert!(empty.groups[0].rect.w > 0.0);
}

#[test]
fn deep_nesting_does_not_overflow() {
    let mut b = Board::new("deep");
    for i in 0..3000 {
        let parent = (i > 0).then(|| format!("g{}", i - 1));
        b.groups.push(group(&format!("g{i}"), parent.as_deref()));
    }
    let mut n = Node::new("n", "lambda", "n", Point(0.0, 0.0));
    n.group = Some("g2999".into());
    b.nodes.push(n);
    b.nodes.push(Node::new("m", "lambda", "m", Point(0.0, 0.0)));
    b.edges.push(Edge::new("m", "n"));
    layout(&mut b, Direction::TopDown);
    assert!(faults(&b).is_empty());
}
