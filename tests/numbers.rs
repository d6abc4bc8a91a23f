//! Property tests for the numbers on random boards (cycles, splitters, shares, explicit rps):
//! load is never negative, scaling every stated load by k scales every linear figure by k, and a
//! board that states no load has no figures. Then the presets that carry the seeds' numbers.
//!
//! 64 cases a property, or `PROPTEST_CASES` when set (`common::proptest_config`).

mod common;

use proptest::prelude::*;

use archboard::catalog::Catalog;
use archboard::model::{Board, Edge, Node, Point};
use archboard::numbers::{self, Numbers};

/// Services the flow treats differently: sources, splitters, and ones with capacity figures.
const SERVICES: &[&str] = &[
    "client",
    "mobile_client",
    "external_service",
    "alb",
    "route53",
    "lambda",
    "api_gateway",
    "sqs",
    "sns",
    "dynamodb",
    "s3",
    "kinesis_data_streams",
    "cloudfront",
    "ecs",
];

/// A stated figure: none, a plain number, or one that is not a number.
fn stated() -> impl Strategy<Value = Option<String>> {
    prop_oneof![
        3 => Just(None),
        4 => (0u32..100_000).prop_map(|v| Some(v.to_string())),
        2 => (0.0f64..5_000.0).prop_map(|v| Some(format!("{v}"))),
        1 => prop::sample::select(vec!["lots", "-5", "", "NaN"]).prop_map(|s| Some(s.to_owned())),
    ]
}

/// An edge's props: an rps, a share (some outside 0..1), an op.
fn edge_props() -> impl Strategy<Value = Vec<(&'static str, String)>> {
    (
        prop_oneof![6 => Just(None), 1 => (0u32..5_000).prop_map(|v| Some(v.to_string()))],
        prop_oneof![5 => Just(None), 2 => (0.0f64..1.0).prop_map(Some), 1 => Just(Some(1.5))],
        any::<bool>(),
    )
        .prop_map(|(rps, share, read)| {
            let mut props = Vec::new();
            if let Some(r) = rps {
                props.push(("rps", r));
            }
            if let Some(s) = share {
                props.push(("share", format!("{s}")));
            }
            if read {
                props.push(("op", "read".to_owned()));
            }
            props
        })
}

/// A random board of up to 24 nodes and 48 edges, cycles and self-loops included.
fn board() -> impl Strategy<Value = Board> {
    let node = (prop::sample::select(SERVICES.to_vec()), stated(), stated());
    let edge = (any::<prop::sample::Index>(), any::<prop::sample::Index>(), edge_props());
    (
        proptest::collection::vec(node, 1..24),
        proptest::collection::vec(edge, 0..48),
    )
        .prop_map(|(nodes, edges)| {
            let mut b = Board::new("random");
            for (i, (service, rps, avg)) in nodes.into_iter().enumerate() {
                let mut n = Node::new(format!("n{i}"), service, format!("N{i}"), Point(0.0, 0.0));
                if let Some(r) = rps {
                    n.props.insert("rps".into(), r);
                }
                if let Some(a) = avg {
                    n.props.insert("avg_rps".into(), a);
                }
                b.nodes.push(n);
            }
            let count = b.nodes.len();
            for (from, to, props) in edges {
                let mut e = Edge::new(format!("n{}", from.index(count)), format!("n{}", to.index(count)));
                e.props = props.into_iter().map(|(k, v)| (k.to_owned(), v)).collect();
                b.edges.push(e);
            }
            b
        })
}

fn numbers(board: &Board, factor: f64) -> Numbers {
    numbers::compute(board, Catalog::builtin(), factor)
}

/// The same board with every stated load (`rps`, `avg_rps` on nodes, `rps` on edges) times `k`.
fn scaled(board: &Board, k: f64) -> Board {
    let mut b = board.clone();
    let times = |v: &mut String| {
        if let Some(x) = numbers::parse_number(v).filter(|x| *x >= 0.0) {
            *v = format!("{}", x * k);
        }
    };
    for n in &mut b.nodes {
        for key in ["rps", "avg_rps"] {
            if let Some(v) = n.props.get_mut(key) {
                times(v);
            }
        }
    }
    for e in &mut b.edges {
        if let Some(v) = e.props.get_mut("rps") {
            times(v);
        }
    }
    b
}

/// Every linear figure of a board: each node's and each edge's peak and average load.
fn linear(n: &Numbers) -> Vec<Option<(f64, f64)>> {
    n.nodes
        .iter()
        .map(|f| f.load)
        .chain(n.edges.iter().copied())
        .map(|l| l.map(|l| (l.peak, l.avg)))
        .collect()
}

fn near(a: f64, b: f64) -> bool {
    (a - b).abs() <= 1e-9 * a.abs().max(b.abs()).max(1.0)
}

proptest! {
    #![proptest_config(common::proptest_config())]

    #[test]
    fn load_is_never_negative(board in board(), factor in prop_oneof![Just(1.0), Just(10.0), 0.01f64..100.0]) {
        let n = numbers(&board, factor);
        for l in n.nodes.iter().filter_map(|f| f.load).chain(n.edges.iter().flatten().copied()) {
            prop_assert!(l.peak >= 0.0 && l.peak.is_finite(), "{l:?}");
            prop_assert!(l.avg >= 0.0 && l.avg.is_finite(), "{l:?}");
        }
        prop_assert!(n.monthly_usd >= 0.0 && n.monthly_usd.is_finite());
        prop_assert!(n.nodes.iter().filter_map(|f| f.monthly_usd).all(|v| v >= 0.0));
    }

    #[test]
    fn scaling_every_stated_load_scales_every_linear_figure(board in board(), k in prop_oneof![Just(10.0), 0.1f64..50.0]) {
        let base = linear(&numbers(&board, 1.0));
        let by_props = linear(&numbers(&scaled(&board, k), 1.0));
        let by_factor = linear(&numbers(&board, k));
        prop_assert_eq!(base.len(), by_props.len());
        for ((b, p), f) in base.iter().zip(&by_props).zip(&by_factor) {
            match (b, p, f) {
                (None, None, None) => {}
                (Some(b), Some(p), Some(f)) => {
                    prop_assert!(near(b.0 * k, p.0) && near(b.1 * k, p.1), "{b:?} x {k} != {p:?}");
                    prop_assert!(near(p.0, f.0) && near(p.1, f.1), "props {p:?} != factor {f:?}");
                }
                _ => prop_assert!(false, "a figure appeared or vanished: {b:?} {p:?} {f:?}"),
            }
        }
    }

    #[test]
    fn a_board_with_no_stated_load_has_no_figures(board in board()) {
        let mut quiet = board.clone();
        for n in &mut quiet.nodes {
            n.props.remove("rps");
        }
        for e in &mut quiet.edges {
            e.props.remove("rps");
        }
        let n = numbers(&quiet, 10.0);
        prop_assert!(!n.states_load);
        prop_assert!(n.nodes.iter().all(|f| !f.has_figures()), "{:?}", n.nodes);
        prop_assert!(n.edges.iter().all(Option::is_none));
        prop_assert_eq!(n.monthly_usd, 0.0);
        prop_assert_eq!(n.usd_per_million_requests, None);
    }
}
