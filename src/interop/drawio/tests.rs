use std::collections::BTreeSet;
use std::io::Write as _;

use base64::Engine as _;

use super::table::{Known, Table};
use super::*;
use crate::model::{Board, Edge, EdgeMode, Group, GroupKind, Node, Point, Rect};

fn catalog() -> &'static Catalog {
    Catalog::builtin()
}

fn read(text: &str) -> Imported {
    match import(text, None, catalog()) {
        Ok(i) => i,
        Err(e) => panic!("refused: {e}"),
    }
}

fn services(board: &Board) -> Vec<(String, String)> {
    board.nodes.iter().map(|n| (n.id.clone(), n.service.clone())).collect()
}

/// A page the way draw.io compresses it: URL-encoded, raw deflate, base64.
fn compress(model: &str) -> String {
    let encoded: String = percent_encoding::utf8_percent_encode(model, percent_encoding::NON_ALPHANUMERIC).collect();
    let packed = miniz_oxide::deflate::compress_to_vec(encoded.as_bytes(), 6);
    base64::engine::general_purpose::STANDARD.encode(packed)
}

const VPC_PAGE: &str = r#"<mxGraphModel><root>
  <mxCell id="0"/><mxCell id="1" parent="0"/>
  <mxCell id="vpc" value="Prod VPC" style="shape=mxgraph.aws4.group;grIcon=mxgraph.aws4.group_vpc2;strokeColor=#8C4FFF;fillColor=none;container=1;" vertex="1" parent="1">
    <mxGeometry x="100" y="100" width="600" height="400" as="geometry"/></mxCell>
  <mxCell id="pub" value="Public subnet" style="shape=mxgraph.aws4.group;grIcon=mxgraph.aws4.group_security_group;grStroke=0;strokeColor=#7AA116;fillColor=#F2F6E8;" vertex="1" parent="vpc">
    <mxGeometry x="20" y="40" width="250" height="300" as="geometry"/></mxCell>
  <mxCell id="priv" value="App tier" style="shape=mxgraph.aws4.group;grIcon=mxgraph.aws4.group_security_group;grStroke=0;strokeColor=#00A4A6;fillColor=#E6F6F7;" vertex="1" parent="vpc">
    <mxGeometry x="300" y="40" width="250" height="300" as="geometry"/></mxCell>
  <mxCell id="alb" value="&lt;b&gt;Web&lt;/b&gt;&lt;br&gt;ALB &amp;amp; TLS" style="sketch=0;html=1;shape=mxgraph.aws4.resourceIcon;resIcon=mxgraph.aws4.application_load_balancer;" vertex="1" parent="pub">
    <mxGeometry x="80" y="100" width="78" height="78" as="geometry"/></mxCell>
  <mxCell id="fn" value="Orders" style="shape=mxgraph.aws4.lambda_function;" vertex="1" parent="priv">
    <mxGeometry x="80" y="100" width="78" height="78" as="geometry"/></mxCell>
  <UserObject label="Table" id="db" owner="team"><mxCell style="shape=mxgraph.aws3.dynamo_db;" vertex="1" parent="1">
    <mxGeometry x="800" y="300" width="78" height="78" as="geometry"/></mxCell></UserObject>
  <mxCell id="odd" value="Quantum thing" style="shape=mxgraph.aws4.quantum_flux_capacitor;" vertex="1" parent="1">
    <mxGeometry x="800" y="500" width="78" height="78" as="geometry"/></mxCell>
  <mxCell id="e1" value="HTTPS" style="edgeStyle=orthogonalEdgeStyle;" edge="1" parent="1" source="alb" target="fn"><mxGeometry relative="1" as="geometry"/></mxCell>
  <mxCell id="e2" value="" style="dashed=1;" edge="1" parent="1" source="fn" target="db"><mxGeometry relative="1" as="geometry"/></mxCell>
  <mxCell id="e2label" value="writes" style="edgeLabel;html=1;" vertex="1" connectable="0" parent="e2"><mxGeometry x="-0.2" relative="1" as="geometry"/></mxCell>
  <mxCell id="e3" value="reads" edge="1" parent="1" source="fn" target="db"><mxGeometry relative="1" as="geometry"/></mxCell>
  <mxCell id="e4" edge="1" parent="1" source="fn"><mxGeometry relative="1" as="geometry"><mxPoint x="1" y="2" as="targetPoint"/></mxGeometry></mxCell>
  <mxCell id="e5" edge="1" parent="1" source="fn" target="vpc"><mxGeometry relative="1" as="geometry"/></mxCell>
  <mxCell id="note" value="Numbers are peak" style="text;html=1;" vertex="1" parent="1"><mxGeometry x="0" y="0" width="120" height="20" as="geometry"/></mxCell>
</root></mxGraphModel>"#;

#[test]
fn the_table_covers_every_catalog_service_and_maps_back() {
    let table = Table::builtin();
    for s in &catalog().services {
        let Some(entry) = table.entry(&s.id) else {
            panic!("no draw.io entry for {}", s.id);
        };
        if let Some(name) = entry.icon().or(entry.shape()) {
            assert_eq!(table.aws4(name), Some(Known::Service(s.id.as_str())), "{name}");
        } else {
            assert_eq!(s.id, "note", "only notes have no aws4 shape");
        }
    }
    for e in table.entries() {
        assert!(catalog().get(&e.id).is_some(), "{} is a catalog id", e.id);
    }
    for name in [
        "application_load_balancer",
        "dynamodb_table",
        "lambda_function",
        "simple_queue_service",
    ] {
        assert!(matches!(table.aws4(name), Some(Known::Service(_))), "{name}");
    }
}

#[test]
fn reads_groups_relative_positions_labels_and_services() {
    let i = read(VPC_PAGE);
    let b = &i.board;
    assert_eq!(
        services(b),
        [
            ("alb".to_owned(), "alb".to_owned()),
            ("fn".to_owned(), "lambda".to_owned()),
            ("db".to_owned(), "dynamodb".to_owned()),
            ("odd".to_owned(), "service".to_owned()),
            ("note".to_owned(), "note".to_owned()),
        ]
    );
    let alb = b.node("alb").map(|n| (n.label.clone(), n.group.clone()));
    assert_eq!(alb, Some(("Web ALB & TLS".to_owned(), Some("pub".to_owned()))));
    assert_eq!(b.node("fn").and_then(|n| n.group.as_deref()), Some("priv"));
    assert_eq!(b.node("db").map(|n| n.label.as_str()), Some("Table"));
    let kinds: Vec<(&str, GroupKind, Option<&str>)> = b
        .groups
        .iter()
        .map(|g| (g.id.as_str(), g.kind, g.parent.as_deref()))
        .collect();
    assert_eq!(
        kinds,
        [
            ("vpc", GroupKind::Vpc, None),
            ("pub", GroupKind::PublicSubnet, Some("vpc")),
            ("priv", GroupKind::PrivateSubnet, Some("vpc")),
        ]
    );
    // Relative to the subnet, inside the VPC: (100 + 20 + 80 + 39) scaled to cards.
    let alb_at = b.node("alb").map(|n| n.at);
    let scale = crate::model::NODE_SIZE.0 / 78.0;
    assert_eq!(alb_at, Some(Point(239.0 * scale, 279.0 * scale)));
    let edges: Vec<(&str, &str, &str, EdgeMode)> = b
        .edges
        .iter()
        .map(|e| (e.from.as_str(), e.to.as_str(), e.label.as_str(), e.mode))
        .collect();
    assert_eq!(
        edges,
        [
            ("alb", "fn", "HTTPS", EdgeMode::Sync),
            ("fn", "db", "writes", EdgeMode::Async),
            ("fn", "db", "reads", EdgeMode::Sync),
        ],
        "parallel edges kept, an edge label cell read"
    );
    let said: Vec<&str> = i.warnings.iter().map(|w| w.message.as_str()).collect();
    assert!(
        said.iter().any(|w| w.contains("`e4` is not attached at both ends")),
        "{said:?}"
    );
    assert!(
        said.iter().any(|w| w.contains("`e5` starts or ends on a container")),
        "{said:?}"
    );
    assert!(
        said.iter().any(|w| w.contains("mxgraph.aws4.quantum_flux_capacitor")),
        "{said:?}"
    );
    assert!(
        i.warnings.iter().all(|w| w.line > 0),
        "plain pages give positions: {:?}",
        i.warnings
    );
    // Every group holds its members' cards once scaled.
    for n in &b.nodes {
        if let Some(g) = n.group.as_deref().and_then(|g| b.group(g)) {
            assert!(g.rect.contains_rect(crate::model::node_rect(n)), "{} in {}", n.id, g.id);
        }
    }
}

#[test]
fn a_compressed_page_reads_like_the_plain_one() {
    let file = format!(
        "<mxfile host=\"x\"><diagram id=\"p\" name=\"Page-1\">{}</diagram></mxfile>",
        compress(VPC_PAGE)
    );
    let plain = read(VPC_PAGE);
    let packed = read(&file);
    assert_eq!(packed.board, plain.board);
    assert_eq!(packed.warnings.len(), plain.warnings.len());
}

#[test]
fn picks_a_page_and_refuses_one_that_is_not_there() {
    let page = |label: &str| {
        format!(
            "<diagram name=\"{label}\"><mxGraphModel><root><mxCell id=\"0\"/><mxCell id=\"1\" parent=\"0\"/><mxCell id=\"a\" value=\"{label}\" style=\"shape=mxgraph.aws4.resourceIcon;resIcon=mxgraph.aws4.sqs;\" vertex=\"1\" parent=\"1\"><mxGeometry width=\"78\" height=\"78\" as=\"geometry\"/></mxCell></root></mxGraphModel></diagram>"
        )
    };
    let file = format!("<mxfile>{}{}</mxfile>", page("one"), page("two"));
    let first = read(&file);
    assert_eq!(first.board.nodes[0].label, "one");
    assert!(first.warnings[0].message.contains("2 pages"), "{:?}", first.warnings);
    let second = import(&file, Some(2), catalog()).map(|i| i.board.nodes[0].label.clone());
    assert_eq!(second.ok().as_deref(), Some("two"));
    let third = import(&file, Some(3), catalog()).err().map(|e| e.message);
    assert_eq!(third.as_deref(), Some("the file has 2 pages; there is no page 3"));
}

#[test]
fn no_geometry_means_auto_layout() {
    let text = r#"<mxGraphModel><root><mxCell id="0"/><mxCell id="1" parent="0"/>
        <mxCell id="a" value="API" vertex="1" parent="1"/>
        <mxCell id="b" value="Orders table" style="shape=cylinder3;" vertex="1" parent="1"/>
        <mxCell id="e" edge="1" source="a" target="b" parent="1"/></root></mxGraphModel>"#;
    let b = read(text).board;
    assert_eq!(
        services(&b)[1].1,
        "database",
        "a cylinder whose label names no AWS service"
    );
    assert_ne!(b.nodes[0].at, b.nodes[1].at, "laid out apart");
}

#[test]
fn hostile_pages_are_refused_with_a_reason() {
    let refused = |text: &str| {
        import(text, None, catalog())
            .err()
            .map(|e| e.message)
            .unwrap_or_default()
    };
    let bomb = r#"<?xml version="1.0"?><!DOCTYPE lolz [<!ENTITY lol "lol"><!ENTITY lol2 "&lol;&lol;&lol;&lol;">]><mxfile>&lol2;</mxfile>"#;
    assert!(refused(bomb).contains("DTD"), "{}", refused(bomb));
    assert!(refused("<mxfile><diagram>%%%not base64%%%</diagram></mxfile>").contains("base64"));
    assert!(!refused("<mxfile><diagram>AAAA</diagram></mxfile>").is_empty());
    assert!(refused("<svg/>").contains("<svg>"));
    assert!(refused("<mxfile><diagram>").contains("not well-formed"));
    // An inflate bomb: 70 MB of zeros in about 70 KB.
    let mut packed = Vec::new();
    {
        let zeros = vec![b'0'; 70 << 20];
        let deflated = miniz_oxide::deflate::compress_to_vec(&zeros, 1);
        packed.write_all(&deflated).ok();
    }
    let bomb = format!(
        "<mxfile><diagram>{}</diagram></mxfile>",
        base64::engine::general_purpose::STANDARD.encode(&packed)
    );
    assert!(refused(&bomb).contains("inflates to more than"), "{}", refused(&bomb));
    // Parents in a loop, a label over the limit: read, with warnings.
    let long = "x".repeat(crate::io::MAX_LABEL_CHARS + 10);
    let text = format!(
        r#"<mxGraphModel><root><mxCell id="0"/><mxCell id="1" parent="0"/>
        <mxCell id="a" value="{long}" vertex="1" parent="b"><mxGeometry width="10" height="10" as="geometry"/></mxCell>
        <mxCell id="b" value="B" vertex="1" parent="a"><mxGeometry width="10" height="10" as="geometry"/></mxCell></root></mxGraphModel>"#
    );
    let i = read(&text);
    assert!(
        i.warnings.iter().any(|w| w.message.contains("inside itself")),
        "{:?}",
        i.warnings
    );
    assert!(
        i.warnings.iter().any(|w| w.message.contains("cut to")),
        "{:?}",
        i.warnings
    );
    assert!(
        crate::model::validate(&i.board).is_empty(),
        "{:?}",
        crate::model::validate(&i.board)
    );
}

#[test]
fn deep_containers_are_cut_at_the_limit_and_the_board_opens_without_warnings() {
    let mut text = String::from(r#"<mxGraphModel><root><mxCell id="0"/><mxCell id="1" parent="0"/>"#);
    for d in 0..60 {
        let parent = if d == 0 { "1".to_owned() } else { format!("g{}", d - 1) };
        text.push_str(&format!(
            r#"<mxCell id="g{d}" value="box" style="container=1;" vertex="1" parent="{parent}"><mxGeometry x="1" y="1" width="900" height="900" as="geometry"/></mxCell>"#
        ));
    }
    text.push_str(r#"<mxCell id="n" value="Lambda" vertex="1" parent="g59"><mxGeometry width="78" height="78" as="geometry"/></mxCell></root></mxGraphModel>"#);
    let i = read(&text);
    assert!(
        i.warnings.iter().any(|w| w.message.contains("nested deeper")),
        "{:?}",
        i.warnings
    );
    let ron = crate::io::to_ron(&i.board).unwrap_or_default();
    let loaded = crate::io::parse(&ron, "x.ron").map(|l| l.warnings);
    assert_eq!(loaded.ok(), Some(Vec::new()), "opens again without a warning");
    assert!(i.board.node("n").and_then(|n| n.group.as_ref()).is_some());
}

/// Every fixture: (file, shapes, AWS shapes recognised, edges, groups).
fn fixture_counts() -> Vec<(String, usize, usize, usize, usize, Vec<String>)> {
    let dir = std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/fixtures/drawio");
    let mut names: Vec<_> = std::fs::read_dir(&dir)
        .map(|d| d.filter_map(Result::ok).map(|e| e.path()).collect())
        .unwrap_or_default();
    names.retain(|p: &std::path::PathBuf| p.extension().is_some_and(|e| e == "drawio"));
    names.sort();
    let mut out = Vec::new();
    for path in names {
        let text = std::fs::read_to_string(&path).unwrap_or_default();
        let i = read(&text);
        let aws = i
            .board
            .nodes
            .iter()
            .filter(|n| {
                catalog()
                    .get(&n.service)
                    .is_some_and(|s| s.category != crate::catalog::Category::Generic)
            })
            .count();
        let unknown: Vec<String> = i
            .warnings
            .iter()
            .filter(|w| w.message.contains("not an AWS shape"))
            .map(|w| w.message.clone())
            .collect();
        let name = path
            .file_name()
            .map(|n| n.to_string_lossy().into_owned())
            .unwrap_or_default();
        out.push((
            name,
            i.board.nodes.len(),
            aws,
            i.board.edges.len(),
            i.board.groups.len(),
            unknown,
        ));
    }
    out
}

#[test]
fn the_published_diagrams_import_with_every_aws_shape_recognised() {
    let counts = fixture_counts();
    assert_eq!(counts.len(), 5, "five published diagrams");
    for (name, nodes, aws, edges, groups, unknown) in &counts {
        eprintln!("{name}: {nodes} nodes, {aws} AWS services, {edges} edges, {groups} groups");
        assert!(unknown.is_empty(), "{name}: {unknown:?}");
        assert!(*aws >= 5 && *edges >= 5, "{name}");
        let _ = groups;
    }
}

fn sample_board() -> Board {
    let mut b = Board::new("Shop & <co>");
    let g = |id: &str, kind, parent: Option<&str>, x: f32| Group {
        id: id.to_owned(),
        kind,
        label: format!("{id} box"),
        parent: parent.map(str::to_owned),
        rect: Rect {
            x,
            y: 0.0,
            w: 600.0,
            h: 400.0,
        },
    };
    b.groups = vec![
        g("region", GroupKind::Region, None, 0.0),
        g("vpc", GroupKind::Vpc, Some("region"), 20.0),
        g("cell1", GroupKind::Cell, Some("vpc"), 40.0),
    ];
    let mut n = |id: &str, service: &str, label: &str, x: f32, group: Option<&str>| {
        let mut node = Node::new(id, service, label, Point(x, 200.0));
        node.group = group.map(str::to_owned);
        b.nodes.push(node);
    };
    n("users", "client", "Users", -300.0, None);
    n("api", "api_gateway", "Orders \"API\"", 100.0, Some("vpc"));
    n("q", "queue", "Jobs <queue>", 300.0, Some("cell1"));
    n("memo", "note", "Peak is 10x", 500.0, None);
    n("cache", "cache", "", 700.0, Some("region"));
    let e = |from: &str, to: &str, label: &str, mode| Edge {
        from: from.to_owned(),
        to: to.to_owned(),
        label: label.to_owned(),
        mode,
        ..Edge::default()
    };
    b.edges = vec![
        e("users", "api", "HTTPS", EdgeMode::Sync),
        e("api", "q", "enqueue & go", EdgeMode::Async),
        e("api", "q", "", EdgeMode::Sync),
        e("q", "cache", "", EdgeMode::Sync),
    ];
    b
}

#[test]
fn export_then_import_gives_the_same_board() {
    let b = sample_board();
    let text = export(&b, catalog());
    let i = read(&text);
    assert!(i.warnings.is_empty(), "{:?}", i.warnings);
    let again = &i.board;
    assert_eq!(services(again), services(&b));
    assert_eq!(again.edges, b.edges);
    let groups = |b: &Board| -> Vec<(String, GroupKind, Option<String>, String)> {
        b.groups
            .iter()
            .map(|g| (g.id.clone(), g.kind, g.parent.clone(), g.label.clone()))
            .collect()
    };
    assert_eq!(groups(again), groups(&b));
    for (x, y) in again.nodes.iter().zip(&b.nodes) {
        assert_eq!((&x.label, &x.group), (&y.label, &y.group));
        assert!(
            (x.at.0 - y.at.0).abs() < 0.1 && (x.at.1 - y.at.1).abs() < 0.1,
            "{x:?} {y:?}"
        );
    }
}

/// The style keys draw.io's AWS sidebar (Sidebar-AWS4.js in jgraph/drawio) writes for resource
/// icons, plain shapes, groups, the AZ and generic boxes and its arrows, and draw.io's own keys
/// for an edge's fixed ends and curves.
const SIDEBAR_KEYS: &[&str] = &[
    "sketch",
    "points",
    "outlineConnect",
    "fontColor",
    "gradientColor",
    "fillColor",
    "strokeColor",
    "dashed",
    "verticalLabelPosition",
    "verticalAlign",
    "align",
    "html",
    "fontSize",
    "fontStyle",
    "aspect",
    "pointerEvents",
    "shape",
    "resIcon",
    "grIcon",
    "grStroke",
    "whiteSpace",
    "container",
    "collapsible",
    "recursiveResize",
    "spacingLeft",
    "spacingTop",
    "edgeStyle",
    "endArrow",
    "elbow",
    "startArrow",
    "startFill",
    "endFill",
    "rounded",
    // What draw.io itself writes when an edge is pinned to a point of its shapes or curved
    // (the routed edges' ends and the curved style), not the sidebar's.
    "exitX",
    "exitY",
    "exitDx",
    "exitDy",
    "entryX",
    "entryY",
    "entryDx",
    "entryDy",
    "curved",
];

#[test]
fn export_is_well_formed_and_uses_only_the_sidebars_style_keys() {
    let text = export(&sample_board(), catalog());
    let doc = roxmltree::Document::parse(&text);
    assert!(doc.is_ok(), "{doc:?}");
    let mut keys = BTreeSet::new();
    for style in doc
        .iter()
        .flat_map(|d| d.descendants())
        .filter_map(|n| n.attribute("style"))
    {
        for part in style.split(';').filter(|p| !p.is_empty()) {
            keys.insert(part.split('=').next().unwrap_or_default().to_owned());
        }
    }
    let unknown: Vec<&String> = keys.iter().filter(|k| !SIDEBAR_KEYS.contains(&k.as_str())).collect();
    assert!(unknown.is_empty(), "{unknown:?}");
    assert!(text.contains("resIcon=mxgraph.aws4.api_gateway"));
    assert!(text.contains("grIcon=mxgraph.aws4.group_vpc2"));
    assert!(text.contains("dashed=1;"), "async edges are dashed");
}

#[test]
fn export_drops_characters_xml_cannot_hold() {
    let mut b = Board::new("t");
    b.nodes
        .push(Node::new("a", "lambda", "bell\u{7}\u{FFFF} & <b>", Point(0.0, 0.0)));
    let text = export(&b, catalog());
    assert!(roxmltree::Document::parse(&text).is_ok());
    assert_eq!(read(&text).board.nodes[0].label, "bell & <b>");
}

#[test]
fn sniffs_draw_io_by_content() {
    assert!(looks_like("\u{feff}  <?xml version=\"1.0\"?>\n<mxfile host=\"x\">"));
    assert!(looks_like("<mxGraphModel dx=\"1\">"));
    assert!(!looks_like("<svg>"));
    assert!(!looks_like("flowchart LR"));
}
