//! Property tests for files: save→load is the identity on random boards, every writer writes a
//! well-formed file for any board, every board routes, and random or mutated text never panics the loader (it loads a
//! sound board or gives a readable error).
//!
//! Each property runs 64 cases by default so CI stays fast. Run longer with, for example,
//! `PROPTEST_CASES=5000 cargo test --release --test properties` (the variable is read by
//! `common::proptest_config()`; `ProptestConfig::with_cases` alone would ignore it).

mod common;

use common::mutate::{mutate, mutation};

use std::collections::HashSet;

use proptest::prelude::*;

use archboard::io::{self, LoadError, MAX_LABEL_CHARS};
use archboard::model::{
    self, Accepted, Board, Edge, EdgeMode, EdgeStyle, FORMAT, Group, GroupKind, Level, Logged, Node, NodeStyle, Point,
    Rect, RoundRecord,
};

/// Text as people and hostile files write it: plain words, any printable Unicode, quotes,
/// backslashes, control characters, RON punctuation.
fn text(max: usize) -> impl Strategy<Value = String> {
    prop_oneof![
        proptest::string::string_regex(&format!("[a-z_]{{0,{max}}}")).expect("regex"),
        proptest::string::string_regex(&format!("\\PC{{0,{max}}}")).expect("regex"),
        proptest::string::string_regex(&format!("[\"\\\\'\\n\\t\\r(){{}}\\[\\],:/* r#é😀\u{0}]{{0,{max}}}"))
            .expect("regex"),
        proptest::collection::vec(any::<char>(), 0..max).prop_map(|c| c.into_iter().collect()),
    ]
}

/// Finite coordinates in world units: everyday, fractional, huge, tiny and negative.
fn coord() -> impl Strategy<Value = f32> {
    prop_oneof![
        (-5000i32..5000).prop_map(|v| v as f32),
        -1.0e6f32..1.0e6,
        -1.0f32..1.0,
        prop::num::f32::NORMAL | prop::num::f32::SUBNORMAL | prop::num::f32::ZERO,
        Just(1.0e30f32),
        Just(-1.0e30f32),
        Just(f32::MAX),
        Just(f32::MIN_POSITIVE),
        Just(-0.0f32),
    ]
}

/// A size in world units: finite and not negative, as `Rect::is_finite` requires.
fn size() -> impl Strategy<Value = f32> {
    coord().prop_map(f32::abs)
}

fn rect() -> impl Strategy<Value = Rect> {
    (coord(), coord(), size(), size()).prop_map(|(x, y, w, h)| Rect { x, y, w, h })
}

/// Makes `id` unique among `taken` (and non-empty) by appending `~`.
fn unique(mut id: String, taken: &mut HashSet<String>) -> String {
    if id.is_empty() {
        id.push('x');
    }
    while !taken.insert(id.clone()) {
        id.push('~');
    }
    id
}

/// A random board that a loader must take back unchanged: unique non-empty ids, edges between
/// existing nodes, groups whose parents form no cycle, finite coordinates, short labels.
fn board() -> impl Strategy<Value = Board> {
    let node = (
        text(8),
        text(12),
        text(16),
        coord(),
        coord(),
        proptest::collection::btree_map(text(8), text(8), 0..4),
        any::<Option<prop::sample::Index>>(),
    );
    let group = (
        text(8),
        prop::sample::select(GroupKind::ALL.to_vec()),
        text(16),
        rect(),
        any::<Option<prop::sample::Index>>(),
    );
    let edge = (
        any::<prop::sample::Index>(),
        any::<prop::sample::Index>(),
        text(10),
        any::<bool>(),
        proptest::collection::btree_map(text(6), text(8), 0..3),
        prop::option::of(edge_style()),
    );
    let accepted = (text(20), proptest::collection::vec(text(6), 0..3), text(20))
        .prop_map(|(rule, nodes, reason)| Accepted { rule, nodes, reason });
    (
        text(20),
        text(40),
        proptest::collection::vec(node, 0..12),
        proptest::collection::vec(group, 0..6),
        proptest::collection::vec(edge, 0..16),
        proptest::collection::btree_map(text(12), any::<bool>(), 0..4),
        proptest::collection::vec(accepted, 0..3),
        any::<prop::sample::Index>(),
        (
            prop::sample::select(vec![NodeStyle::Icon, NodeStyle::Card]),
            edge_style(),
        ),
        (any::<bool>(), coord()),
    )
        .prop_map(
            |(
                title,
                notes,
                nodes,
                groups,
                edges,
                checklist,
                accepted,
                rotate,
                (node_style, edge_style),
                (round, elapsed),
            )| {
                let mut taken = HashSet::new();
                // Parents always come earlier in generation order, so there is no cycle; the order in
                // the file is then rotated so that a child may also come before its parent.
                let mut built: Vec<Group> = Vec::new();
                for (i, (id, kind, label, rect, parent)) in groups.into_iter().enumerate() {
                    let parent = parent.filter(|_| i > 0).map(|p| built[p.index(i)].id.clone());
                    let id = unique(id, &mut taken);
                    built.push(Group {
                        id,
                        kind,
                        label,
                        parent,
                        rect,
                    });
                }
                if !built.is_empty() {
                    let k = rotate.index(built.len());
                    built.rotate_left(k);
                }
                let nodes: Vec<Node> = nodes
                    .into_iter()
                    .map(|(id, service, label, x, y, props, group)| Node {
                        id: unique(id, &mut taken),
                        service,
                        label,
                        at: Point(x, y),
                        props,
                        group: group
                            .filter(|_| !built.is_empty())
                            .map(|g| built[g.index(built.len())].id.clone()),
                    })
                    .collect();
                let edges = if nodes.is_empty() {
                    Vec::new()
                } else {
                    edges
                        .into_iter()
                        .map(|(a, b, label, is_async, props, style)| Edge {
                            from: nodes[a.index(nodes.len())].id.clone(),
                            to: nodes[b.index(nodes.len())].id.clone(),
                            label,
                            mode: if is_async { EdgeMode::Async } else { EdgeMode::Sync },
                            props,
                            style,
                        })
                        .collect()
                };
                // A round whose log drew this board and then took part of it away again.
                let round = round.then(|| RoundRecord {
                    question: title.clone(),
                    level: Level::L7,
                    minutes: 75.0,
                    phase_starts: vec![0.0, f64::from(elapsed.abs())],
                    elapsed: f64::from(elapsed.abs()) * 2.0,
                    ended: elapsed > 0.0,
                    log: vec![
                        Logged {
                            t: 1.5,
                            nodes: nodes.clone(),
                            edges: edges.clone(),
                            groups: built.clone(),
                            ..Logged::default()
                        },
                        Logged {
                            t: 2.0,
                            gone: nodes.iter().take(1).map(|n| n.id.clone()).collect(),
                            cut: edges.iter().take(1).cloned().collect(),
                            ungrouped: built.iter().take(1).map(|g| g.id.clone()).collect(),
                            ..Logged::default()
                        },
                    ],
                });
                Board {
                    format: FORMAT,
                    title,
                    notes,
                    nodes,
                    edges,
                    groups: built,
                    checklist,
                    accepted,
                    node_style,
                    edge_style,
                    source: round.as_ref().map(|r| r.question.clone()),
                    round,
                }
            },
        )
}

fn edge_style() -> impl Strategy<Value = EdgeStyle> {
    prop::sample::select(vec![EdgeStyle::RightAngle, EdgeStyle::Straight, EdgeStyle::Curved])
}

/// The loader's verdict is acceptable: a sound board within the limits, or a readable error.
fn judge(result: Result<io::Loaded, LoadError>) -> Result<(), TestCaseError> {
    match result {
        Ok(loaded) => {
            let problems = model::validate(&loaded.board);
            prop_assert!(problems.is_empty(), "a loaded board must be sound: {:?}", problems);
            prop_assert!(loaded.board.nodes.len() <= io::MAX_NODES);
            prop_assert_eq!(loaded.board.format, FORMAT);
            prop_assert!(loaded.warnings.iter().all(|w| !w.trim().is_empty()));
        }
        Err(e) => prop_assert!(!e.to_string().trim().is_empty(), "an error says something"),
    }
    Ok(())
}

/// Every preset's board as saved text, the seeds for mutation.
fn preset_texts() -> Vec<String> {
    archboard::presets::all()
        .iter()
        .filter_map(|p| archboard::presets::board(&p.id).ok())
        .filter_map(|b| io::to_ron(&b).ok())
        .collect()
}

proptest! {
    #![proptest_config(common::proptest_config())]

    /// Every file written for any board that loads is well-formed: the SVG and the draw.io file
    /// parse as XML (whatever control characters or U+FFFE the labels hold), the Excalidraw file
    /// as JSON.
    #[test]
    fn every_writer_writes_a_well_formed_file(b in board()) {
        let catalog = archboard::catalog::Catalog::builtin();
        let options = archboard::export::PngOptions::default();
        for name in ["b.svg", "b.drawio", "b.excalidraw"] {
            let bytes = archboard::export::encode(std::path::Path::new(name), &b, catalog, &options);
            prop_assert!(bytes.is_ok(), "{} is written", name);
            let text = String::from_utf8(bytes.unwrap_or_default()).unwrap_or_default();
            if name.ends_with("excalidraw") {
                let parsed = serde_json::from_str::<serde_json::Value>(&text);
                prop_assert!(parsed.is_ok(), "{}: {:?}", name, parsed.err());
            } else {
                let parsed = roxmltree::Document::parse(&text);
                prop_assert!(parsed.is_ok(), "{}: {:?}", name, parsed.err());
            }
        }
    }

    /// Every board routes, whatever its coordinates: one route per edge, and a right-angle
    /// route is either made of level and upright runs or the straight stand-in for an edge the
    /// router gave up on.
    #[test]
    fn every_board_routes(b in board()) {
        let routes = archboard::layout::route::route(&b);
        prop_assert_eq!(routes.edges.len(), b.edges.len());
        for r in routes.edges.iter().filter(|r| r.style == EdgeStyle::RightAngle && r.points.len() > 2) {
            let level = r.points.windows(2).all(|w| (w[0].0 - w[1].0).abs() < 0.5 || (w[0].1 - w[1].1).abs() < 0.5);
            prop_assert!(level, "{:?}", r);
        }
    }

    /// Saving a board and loading the text gives the same board, with nothing to repair.
    #[test]
    fn save_then_load_is_the_identity(b in board()) {
        let text = io::to_ron(&b).expect("every board encodes");
        let loaded = io::parse(&text, "random.ron");
        prop_assert!(loaded.is_ok(), "{:?}\n{}", loaded.err().map(|e| e.to_string()), text);
        let Ok(loaded) = loaded else { unreachable!() };
        prop_assert!(loaded.warnings.is_empty(), "{:?}\n{}", loaded.warnings, text);
        prop_assert_eq!(&loaded.board, &b, "\n{}", text);
        // and the text is stable: saving what was loaded writes the same bytes
        prop_assert_eq!(io::to_ron(&loaded.board).expect("encodes"), text);
    }

    /// Random bytes, as a file on disk would hold them, never panic the loader.
    #[test]
    fn random_bytes_never_panic_the_loader(bytes in proptest::collection::vec(any::<u8>(), 0..512)) {
        judge(io::parse(&String::from_utf8_lossy(&bytes), "random.ron"))?;
    }

    /// Random RON-like token soup (deeper into the parser than random bytes get) never panics.
    #[test]
    fn random_ron_tokens_never_panic_the_loader(tokens in proptest::collection::vec(prop::sample::select(vec![
        "(", ")", "[", "]", "{", "}", ",", ":", "format", "1", "0", "2", "4294967296", "-1", "nodes", "edges",
        "groups", "id", "service", "label", "at", "(0.0, 1.5)", "(NaN, inf)", "\"a\"", "\"b\"", "\"\"", "group",
        "parent", "rect", "(x: 0.0, y: 0.0, w: -1.0, h: 1e30)", "kind", "vpc", "from", "to", "mode", "async",
        "props", "checklist", "true", "accepted", "rule", "Some(", "None", "title", "pos", "//", "/*", "*/",
        "r#\"", "\"#", "'x'", "\\",
    ]), 0..60)) {
        judge(io::parse(&tokens.join(" "), "tokens.ron"))?;
    }

    /// A real board's file with bytes flipped, inserted, deleted or copied about never panics
    /// the loader: it loads a sound board or returns an error that says something.
    #[test]
    fn mutated_boards_never_panic_the_loader(
        which in any::<prop::sample::Index>(),
        mutations in proptest::collection::vec(mutation(), 1..8),
    ) {
        let seeds = preset_texts();
        prop_assert!(!seeds.is_empty());
        let mut bytes = seeds[which.index(seeds.len())].clone().into_bytes();
        for m in &mutations {
            mutate(&mut bytes, m);
        }
        judge(io::parse(&String::from_utf8_lossy(&bytes), "mutated.ron"))?;
    }

    /// Whatever the loader repaired saves and loads again as the same board, without new
    /// warnings: a repaired file does not nag on every open.
    #[test]
    fn a_repaired_board_reloads_unchanged(
        which in any::<prop::sample::Index>(),
        mutations in proptest::collection::vec(mutation(), 1..8),
    ) {
        let seeds = preset_texts();
        let mut bytes = seeds[which.index(seeds.len())].clone().into_bytes();
        for m in &mutations {
            mutate(&mut bytes, m);
        }
        if let Ok(loaded) = io::parse(&String::from_utf8_lossy(&bytes), "mutated.ron") {
            let text = io::to_ron(&loaded.board).expect("encodes");
            let again = io::parse(&text, "again.ron");
            prop_assert!(again.is_ok(), "{:?}", again.err().map(|e| e.to_string()));
            let Ok(again) = again else { unreachable!() };
            prop_assert!(again.warnings.is_empty(), "{:?}", again.warnings);
            prop_assert_eq!(again.board, loaded.board);
        }
    }
}

/// A board the loader repaired (broken references, cycles, long labels) saves and reloads
/// without further repairs.
#[test]
fn repairs_are_stable() {
    let label = "W".repeat(MAX_LABEL_CHARS * 3);
    let text = format!(
        r#"(format: 1, nodes: [
            (id: "a", service: "s3", label: "{label}", at: (NaN, inf)),
            (id: "a", service: "lambda", label: "B", at: (1e30, -1e30), group: "nowhere")],
            edges: [(from: "a", to: "zz", label: "{label}")],
            groups: [(id: "g1", kind: vpc, label: "{label}", parent: "g2", rect: (x: 0.0, y: 0.0, w: -10.0, h: 10.0)),
                     (id: "g2", kind: vpc, label: "h", parent: "g1", rect: (x: 0.0, y: 0.0, w: 10.0, h: 10.0))])"#
    );
    let loaded = io::parse(&text, "r.ron").expect("repaired");
    assert!(!loaded.warnings.is_empty());
    assert!(model::validate(&loaded.board).is_empty());
    assert!(
        loaded.board.nodes[0].label.chars().count() <= MAX_LABEL_CHARS,
        "a cut label fits the limit, ellipsis included"
    );
    let again = io::parse(&io::to_ron(&loaded.board).expect("encodes"), "again.ron").expect("loads");
    assert!(again.warnings.is_empty(), "{:?}", again.warnings);
    assert_eq!(again.board, loaded.board);
}
