//! draw.io and Excalidraw round trips over random boards: export then import gives back the
//! same services, labels, edges (parallel ones too) and groups, through the same `export::encode`
//! and `interop::read_text` the app and the command line use.

mod common;

use std::collections::HashSet;
use std::path::Path;

use proptest::prelude::*;

use archboard::catalog::Catalog;
use archboard::export::{PngOptions, encode};
use archboard::interop::{self, Source};
use archboard::model::{Board, Edge, EdgeMode, Group, GroupKind, Node, Point, Rect};

/// Labels as people write them, markup characters included, on one line with single spaces.
fn label() -> impl Strategy<Value = String> {
    proptest::string::string_regex("([A-Za-z0-9&<>\"'#;%é]{1,6}( [A-Za-z0-9&<>\"']{1,6}){0,2})?").expect("regex")
}

fn coord() -> impl Strategy<Value = f32> {
    (-4000i32..4000).prop_map(|v| v as f32 * 1.5)
}

/// A random board of catalog services whose ids a board may hold as they are.
fn board() -> impl Strategy<Value = Board> {
    let ids: Vec<String> = Catalog::builtin().services.iter().map(|s| s.id.clone()).collect();
    let props = || proptest::collection::btree_map("[a-z_]{1,8}", label(), 0..3);
    let node = (
        "[a-z][a-z0-9_]{0,6}",
        prop::sample::select(ids),
        label(),
        coord(),
        coord(),
        any::<Option<prop::sample::Index>>(),
        props(),
    );
    let group = (
        "[a-z][a-z0-9_]{0,6}",
        prop::sample::select(GroupKind::ALL.to_vec()),
        label(),
        coord(),
        coord(),
        any::<Option<prop::sample::Index>>(),
    );
    let edge = (
        any::<prop::sample::Index>(),
        any::<prop::sample::Index>(),
        label(),
        any::<bool>(),
        props(),
    );
    (
        proptest::collection::vec(node, 0..14),
        proptest::collection::vec(group, 0..5),
        proptest::collection::vec(edge, 0..18),
    )
        .prop_map(|(nodes, groups, edges)| {
            let mut taken = HashSet::new();
            let mut fresh = |id: String| {
                let mut id = id;
                while !taken.insert(id.clone()) {
                    id.push('x');
                }
                id
            };
            let mut b = Board::new("random");
            for (i, (id, kind, label, x, y, parent)) in groups.into_iter().enumerate() {
                let parent = parent.filter(|_| i > 0).map(|p| b.groups[p.index(i)].id.clone());
                b.groups.push(Group {
                    id: fresh(id),
                    kind,
                    label,
                    parent,
                    rect: Rect {
                        x,
                        y,
                        w: 800.0,
                        h: 600.0,
                    },
                });
            }
            for (id, service, label, x, y, group, props) in nodes {
                let mut n = Node::new(fresh(id), service, label, Point(x, y));
                n.props = props;
                n.group = group
                    .filter(|_| !b.groups.is_empty())
                    .map(|g| b.groups[g.index(b.groups.len())].id.clone());
                b.nodes.push(n);
            }
            if b.nodes.len() >= 2 {
                for (a, z, label, is_async, props) in edges {
                    let (a, z) = (a.index(b.nodes.len()), z.index(b.nodes.len()));
                    if a == z {
                        continue;
                    }
                    b.edges.push(Edge {
                        from: b.nodes[a].id.clone(),
                        to: b.nodes[z].id.clone(),
                        label,
                        mode: if is_async { EdgeMode::Async } else { EdgeMode::Sync },
                        props,
                        ..Edge::default()
                    });
                }
            }
            b
        })
}

type Props = std::collections::BTreeMap<String, String>;

/// What a round trip must keep: each node's id, service, label, group and props; every edge; each
/// group's id, kind, label and parent.
#[allow(clippy::type_complexity)]
fn shape(
    b: &Board,
) -> (
    Vec<(String, String, String, Option<String>, Props)>,
    Vec<Edge>,
    Vec<(String, GroupKind, String, Option<String>)>,
) {
    (
        b.nodes
            .iter()
            .map(|n| {
                (
                    n.id.clone(),
                    n.service.clone(),
                    n.label.clone(),
                    n.group.clone(),
                    n.props.clone(),
                )
            })
            .collect(),
        b.edges.clone(),
        b.groups
            .iter()
            .map(|g| (g.id.clone(), g.kind, g.label.clone(), g.parent.clone()))
            .collect(),
    )
}

/// Exports `board` to `name` and reads it back, as the app and the command line do.
fn round_trip(board: &Board, name: &str) -> Result<interop::Imported, String> {
    let bytes =
        encode(Path::new(name), board, Catalog::builtin(), &PngOptions::default()).map_err(|e| e.to_string())?;
    let text = String::from_utf8(bytes).map_err(|e| e.to_string())?;
    interop::read_text(&text, Path::new(name)).map_err(|e| e.to_string())
}

proptest! {
    #![proptest_config(common::proptest_config())]

    #[test]
    fn draw_io_export_then_import_keeps_the_board(b in board()) {
        let back = round_trip(&b, "random.drawio").map_err(TestCaseError::fail)?;
        prop_assert_eq!(back.source, Source::Drawio);
        prop_assert!(back.warnings.is_empty(), "{:?}", back.warnings);
        prop_assert_eq!(shape(&back.board), shape(&b));
        for (x, y) in back.board.nodes.iter().zip(&b.nodes) {
            prop_assert!((x.at.0 - y.at.0).abs() < 0.5 && (x.at.1 - y.at.1).abs() < 0.5, "{:?} {:?}", x.at, y.at);
        }
    }

    #[test]
    fn excalidraw_export_then_import_keeps_the_board(b in board()) {
        let back = round_trip(&b, "random.excalidraw").map_err(TestCaseError::fail)?;
        prop_assert_eq!(back.source, Source::Excalidraw);
        prop_assert!(back.warnings.is_empty(), "{:?}", back.warnings);
        prop_assert_eq!(shape(&back.board), shape(&b));
    }
}

#[test]
fn every_preset_round_trips_through_both_formats() {
    for p in archboard::presets::all() {
        let Ok(b) = archboard::presets::board(&p.id) else {
            panic!("preset {}", p.id);
        };
        for name in ["p.drawio", "p.excalidraw"] {
            let back = round_trip(&b, name).unwrap_or_else(|e| panic!("{} {name}: {e}", p.id));
            assert_eq!(shape(&back.board), shape(&b), "{} {name}", p.id);
            let again = archboard::io::parse(&archboard::io::to_ron(&back.board).unwrap(), "x").unwrap();
            assert!(
                again.warnings.is_empty(),
                "{} {name} opens without a warning: {:?}",
                p.id,
                again.warnings
            );
        }
    }
}
