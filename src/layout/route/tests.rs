//! Router tests: no run crosses a card, simple cases take the fewest bends, ports spread, every
//! board routes without a panic.

use super::*;
use crate::model::{Edge, Group, GroupKind, Node};

fn board(nodes: &[(&str, f32, f32)], edges: &[(&str, &str)]) -> Board {
    let mut b = Board::new("route");
    for &(id, x, y) in nodes {
        b.nodes.push(Node::new(id, "lambda", id, Point(x, y)));
    }
    for &(f, t) in edges {
        b.edges.push(Edge::new(f, t));
    }
    b
}

fn routed(b: &Board) -> Routes {
    let routes = route(b);
    assert_eq!(routes.edges.len(), b.edges.len());
    let faults = faults(b, &routes);
    assert!(faults.is_empty(), "{faults:?}\n{routes:?}");
    routes
}

#[test]
fn aligned_nodes_take_no_bend() {
    let mut b = board(
        &[("a", 0.0, 0.0), ("b", 400.0, 0.0), ("c", 0.0, 300.0)],
        &[("a", "b"), ("a", "c")],
    );
    b.node_style = NodeStyle::Card;
    let r = routed(&b);
    assert_eq!(r.edges[0].bends(), 0, "{:?}", r.edges[0]);
    assert_eq!(r.edges[1].bends(), 0, "{:?}", r.edges[1]);
    // From the side facing the target, to the side facing the source, a gap off each card.
    let card = node_rect(&b.nodes[0]);
    assert_eq!(r.edges[0].points[0], Point(card.x + card.w + GAP, 0.0));
    assert_eq!(r.edges[1].points[0], Point(0.0, card.y + card.h + GAP));
}

#[test]
fn nearly_aligned_nodes_still_run_straight() {
    let b = board(&[("a", 0.0, 0.0), ("b", 400.0, 17.0)], &[("a", "b")]);
    assert_eq!(routed(&b).edges[0].bends(), 0);
}

#[test]
fn a_diagonal_pair_takes_one_bend() {
    let b = board(&[("a", 0.0, 0.0), ("b", 400.0, 300.0)], &[("a", "b")]);
    let r = routed(&b);
    assert_eq!(r.edges[0].bends(), 1, "{:?}", r.edges[0]);
}

#[test]
fn a_blocked_straight_line_goes_around() {
    let b = board(
        &[("a", 0.0, 0.0), ("mid", 300.0, 0.0), ("b", 600.0, 0.0)],
        &[("a", "b")],
    );
    let r = routed(&b);
    let route = &r.edges[0];
    assert!(route.bends() >= 2 && route.bends() <= 4, "{route:?}");
    let mid = node_rect(&b.nodes[1]).expand(CLEARANCE - 0.5);
    assert!(
        route.points.windows(2).all(|w| !crosses(w[0], w[1], mid)),
        "keeps its distance: {route:?}"
    );
}

#[test]
fn a_walled_in_edge_is_searched_around_the_wall() {
    // A wall of cards between a and b, with a way round below it only.
    let mut nodes = vec![("a", 0.0, 0.0), ("b", 600.0, 0.0)];
    let ids: Vec<String> = (0..5).map(|k| format!("w{k}")).collect();
    for (k, id) in ids.iter().enumerate() {
        nodes.push((id.as_str(), 300.0, -400.0 + 100.0 * k as f32));
    }
    let b = board(&nodes, &[("a", "b")]);
    let r = routed(&b);
    let ys: Vec<f32> = r.edges[0].points.iter().map(|p| p.1).collect();
    assert!(
        ys.iter().any(|&y| y > 46.0 + CLEARANCE - 1.0),
        "goes under the wall: {:?}",
        r.edges[0]
    );
}

#[test]
fn edges_that_share_a_side_get_their_own_ports() {
    let b = board(
        &[("a", 0.0, 0.0), ("b", 400.0, 0.0), ("c", 400.0, 300.0)],
        &[("a", "b"), ("a", "b"), ("b", "a")],
    );
    let r = routed(&b);
    let starts: Vec<Point> = r.edges.iter().map(|e| e.points[0]).collect();
    assert!(starts[0] != starts[1], "{starts:?}");
    for e in &r.edges {
        assert_eq!(e.bends(), 0, "parallel edges stay straight: {e:?}");
    }
    let ys: Vec<f32> = r.edges.iter().map(|e| e.points[0].1).collect();
    assert!(
        ys[0] != ys[1] && ys[1] != ys[2] && ys[0] != ys[2],
        "three tracks: {ys:?}"
    );
}

#[test]
fn fan_out_leaves_one_side_in_order_without_crossing() {
    // One source above four targets in a row: the ends on its bottom side are in the targets'
    // order, and no two routes share a point.
    let b = board(
        &[
            ("s", 300.0, 0.0),
            ("t0", 0.0, 300.0),
            ("t1", 200.0, 300.0),
            ("t2", 400.0, 300.0),
            ("t3", 600.0, 300.0),
        ],
        &[("s", "t0"), ("s", "t1"), ("s", "t2"), ("s", "t3")],
    );
    let r = routed(&b);
    let starts: Vec<Point> = r.edges.iter().map(|e| e.points[0]).collect();
    for w in starts.windows(2) {
        assert!(w[0] != w[1], "{starts:?}");
    }
    let bottom: Vec<f32> = starts.iter().filter(|p| p.1 > 46.0).map(|p| p.0).collect();
    assert!(bottom.windows(2).all(|w| w[0] < w[1]), "in order: {starts:?}");
}

#[test]
fn routes_keep_off_group_headers() {
    let mut b = board(&[("a", 0.0, 0.0), ("b", 0.0, 400.0)], &[("a", "b")]);
    // A wide group whose header lies right across the straight way down.
    b.groups.push(Group {
        id: "g".into(),
        kind: GroupKind::Vpc,
        label: "A rather long group label".into(),
        parent: None,
        rect: Rect {
            x: -150.0,
            y: 150.0,
            w: 400.0,
            h: 400.0,
        },
    });
    b.nodes[1].group = Some("g".into());
    let r = routed(&b);
    let header = Rect {
        x: -150.0,
        y: 150.0,
        w: 200.0,
        h: HEADER_HEIGHT,
    };
    assert!(
        r.edges[0].points.windows(2).all(|w| !crosses(w[0], w[1], header)),
        "{:?}",
        r.edges[0]
    );
}

#[test]
fn overlapping_runs_are_moved_onto_their_own_tracks() {
    // Two Z routes whose middle runs share the line x = 250 from y = 100 to 300: after
    // separating, no two runs of different edges lie on one line with an overlap.
    let b = board(
        &[
            ("a", 0.0, 0.0),
            ("b", 500.0, 300.0),
            ("c", 0.0, 100.0),
            ("d", 500.0, 400.0),
        ],
        &[("a", "b"), ("c", "d")],
    );
    let cards: Vec<Rect> = b.nodes.iter().map(node_rect).collect();
    let z = |y0: f32, y1: f32| Route {
        style: EdgeStyle::RightAngle,
        points: vec![Point(73.0, y0), Point(250.0, y0), Point(250.0, y1), Point(427.0, y1)],
    };
    let mut routes = vec![z(0.0, 300.0), z(100.0, 400.0)];
    let sides = [Some((Dir::Right, Dir::Left)); 2];
    let ends = [Some((0, 1)), Some((2, 3))];
    separate_tracks(&mut routes, &sides, &ends, &cards, &Obstacles::new(&b, &cards));
    let r = Routes { edges: routes };
    assert!(faults(&b, &r).is_empty());
    assert!(r.edges[0].points[1].0 != r.edges[1].points[1].0, "{r:?}");
    let runs = |e: &Route| e.points.windows(2).map(|w| (w[0], w[1])).collect::<Vec<_>>();
    for p in runs(&r.edges[0]) {
        for q in runs(&r.edges[1]) {
            let both_upright = (p.0.0 - p.1.0).abs() < EPS && (q.0.0 - q.1.0).abs() < EPS;
            if both_upright && (p.0.0 - q.0.0).abs() < 1.0 {
                let (a0, a1) = (p.0.1.min(p.1.1), p.0.1.max(p.1.1));
                let (b0, b1) = (q.0.1.min(q.1.1), q.0.1.max(q.1.1));
                assert!(a1.min(b1) <= a0.max(b0), "runs overlap: {p:?} {q:?}");
            }
        }
    }
}

#[test]
fn styles_follow_the_board_and_the_edge() {
    let mut b = board(
        &[("a", 0.0, 0.0), ("b", 400.0, 300.0)],
        &[("a", "b"), ("a", "b"), ("b", "b")],
    );
    b.edge_style = EdgeStyle::Straight;
    b.node_style = NodeStyle::Card;
    b.edges[1].style = Some(EdgeStyle::Curved);
    let r = route(&b);
    assert_eq!(r.edges[0].style, EdgeStyle::Straight);
    assert_eq!(r.edges[0].points.len(), 2);
    assert_eq!(r.edges[1].style, EdgeStyle::Curved);
    assert!(r.edges[1].points.len() > 10);
    assert!(r.get(2).is_none(), "a loop has no route");
    let (from, to) = straight_ends(node_rect(&b.nodes[0]), node_rect(&b.nodes[1]));
    assert_eq!(r.edges[0].points, vec![from, to]);
}

#[test]
fn the_label_sits_on_the_longest_run() {
    let route = Route {
        style: EdgeStyle::RightAngle,
        points: vec![
            Point(0.0, 0.0),
            Point(20.0, 0.0),
            Point(20.0, 300.0),
            Point(60.0, 300.0),
        ],
    };
    assert_eq!(route.label_run(), Some((Point(20.0, 0.0), Point(20.0, 300.0))));
    assert!((route.distance(Point(25.0, 100.0)) - 5.0).abs() < 1e-4);
}

#[test]
fn a_cramped_or_broken_board_still_routes() {
    // Overlapping cards, a card inside another, far-off and non-finite positions, a missing end.
    let mut b = board(
        &[
            ("a", 0.0, 0.0),
            ("b", 10.0, 5.0),
            ("c", 1.0e30, -1.0e30),
            ("d", f32::NAN, 0.0),
            ("e", 150.0, 0.0),
        ],
        &[
            ("a", "b"),
            ("a", "c"),
            ("a", "d"),
            ("b", "e"),
            ("a", "missing"),
            ("e", "a"),
        ],
    );
    b.groups.push(Group {
        id: "g".into(),
        kind: GroupKind::Generic,
        label: String::new(),
        parent: None,
        rect: Rect {
            x: f32::NEG_INFINITY,
            y: 0.0,
            w: f32::INFINITY,
            h: 10.0,
        },
    });
    let r = route(&b);
    assert_eq!(r.edges.len(), 6);
    assert!(r.get(2).is_none() && r.get(4).is_none());
    for e in r.edges.iter().filter(|e| !e.points.is_empty()) {
        assert!(e.points.len() >= 2);
    }
}

#[test]
fn a_grid_of_cards_routes_cleanly() {
    // Twelve by eight cards with edges to neighbours and across the grid.
    let mut b = Board::new("grid");
    for k in 0..96 {
        let (x, y) = ((k % 12) as f32 * 200.0, (k / 12) as f32 * 160.0);
        b.nodes.push(Node::new(format!("n{k}"), "lambda", "", Point(x, y)));
    }
    let mut seed = 7u64;
    for k in 1..96 {
        b.edges.push(Edge::new(format!("n{}", k - 1), format!("n{k}")));
        seed = seed
            .wrapping_mul(6_364_136_223_846_793_005)
            .wrapping_add(1_442_695_040_888_963_407);
        let from = (seed >> 33) as usize % 96;
        if from != k {
            b.edges.push(Edge::new(format!("n{from}"), format!("n{k}")));
        }
    }
    routed(&b);
}

#[test]
fn an_edge_past_a_row_of_cards_goes_round_it_in_a_u() {
    // a and b at the ends of a row: no facing shape fits, a U over or under the row does,
    // with two bends, out of and back into the same side (as a long auto-laid-out row needs).
    let ids: Vec<String> = (0..6).map(|k| format!("m{k}")).collect();
    let mut nodes = vec![("a", 0.0, 0.0), ("b", 1400.0, 0.0)];
    for (k, id) in ids.iter().enumerate() {
        nodes.push((id.as_str(), 200.0 + 200.0 * k as f32, 0.0));
    }
    let b = board(&nodes, &[("a", "b")]);
    let r = routed(&b);
    let route = &r.edges[0];
    assert_eq!(route.bends(), 2, "{route:?}");
    let (first, last) = (route.points[0], route.points[3]);
    assert_eq!(first.1, last.1, "the same side of both cards: {route:?}");
}

#[test]
fn a_far_flung_card_does_not_blind_the_obstacle_index() {
    // One card very far off makes the index's cells huge; the blocker in the middle is still
    // seen, and the edge still goes round it.
    let b = board(
        &[
            ("a", 0.0, 0.0),
            ("mid", 300.0, 0.0),
            ("b", 600.0, 0.0),
            ("far", 3.0e7, -2.0e7),
        ],
        &[("a", "b"), ("a", "far")],
    );
    let r = routed(&b);
    assert!(r.edges[0].bends() >= 2, "{:?}", r.edges[0]);
}

#[test]
fn in_the_icon_style_arrows_reach_the_icon_not_the_footprint() {
    // a -> b side by side, a -> c below: the side ends meet the icons, the bottom end stays
    // under a's label, and a straight edge ends at the icon's column.
    let mut b = board(
        &[("a", 0.0, 0.0), ("b", 400.0, 0.0), ("c", 0.0, 300.0)],
        &[("a", "b"), ("a", "c")],
    );
    assert_eq!(b.node_style, NodeStyle::Icon, "new boards draw icons");
    let r = routed(&b);
    let (ia, ib) = (icon_rect(node_rect(&b.nodes[0])), icon_rect(node_rect(&b.nodes[1])));
    let near = |p: Point, x: f32, y: f32| (p.0 - x).abs() < 0.01 && (p.1 - y).abs() < 0.01;
    let e = &r.edges[0].points;
    assert_eq!(r.edges[0].bends(), 0);
    assert!(
        near(e[0], ia.x + ia.w + GAP, e[0].1) && near(e[1], ib.x - GAP, e[0].1),
        "{e:?}"
    );
    assert!(
        (e[0].1 - (ia.y + ia.h / 2.0)).abs() < 0.01,
        "at the icons' middle: {e:?}"
    );
    let card = node_rect(&b.nodes[0]);
    let e = &r.edges[1].points;
    assert!(near(e[0], e[0].0, card.y + card.h + GAP), "under a's label: {e:?}");
    let ic = icon_rect(node_rect(&b.nodes[2]));
    assert!(near(e[1], e[1].0, ic.y - GAP), "into c's icon from above: {e:?}");
    b.edge_style = EdgeStyle::Straight;
    let r = route(&b);
    let e = &r.edges[0].points;
    assert!(
        near(e[0], ia.x + ia.w + GAP, e[0].1) && near(e[1], ib.x - GAP, e[0].1),
        "{e:?}"
    );
}
