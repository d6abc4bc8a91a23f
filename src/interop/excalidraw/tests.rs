use serde_json::{Value, json};

use super::*;
use crate::model::{Edge, EdgeMode, Group, GroupKind, Node, Point, Rect};

fn catalog() -> &'static Catalog {
    Catalog::builtin()
}

fn read(text: &str) -> Imported {
    match import(text, catalog()) {
        Ok(i) => i,
        Err(e) => panic!("refused: {e}"),
    }
}

fn sample_board() -> Board {
    let mut b = Board::new("t");
    b.groups = vec![
        Group {
            id: "vpc".into(),
            kind: GroupKind::Vpc,
            label: "Main VPC".into(),
            parent: None,
            rect: Rect {
                x: -100.0,
                y: -100.0,
                w: 900.0,
                h: 500.0,
            },
        },
        Group {
            id: "cell".into(),
            kind: GroupKind::Cell,
            label: String::new(),
            parent: Some("vpc".into()),
            rect: Rect {
                x: 200.0,
                y: -50.0,
                w: 500.0,
                h: 300.0,
            },
        },
    ];
    let mut add = |id: &str, service: &str, label: &str, x: f32, group: Option<&str>| {
        let mut n = Node::new(id, service, label, Point(x, 100.0));
        n.group = group.map(str::to_owned);
        b.nodes.push(n);
    };
    add("users", "client", "Users", -400.0, None);
    add("api", "api_gateway", "Orders API", 0.0, Some("vpc"));
    add("fn", "lambda", "Checkout \"fn\"", 300.0, Some("cell"));
    add("db", "dynamodb", "", 600.0, Some("cell"));
    add("memo", "note", "Peak 5k rps", 1000.0, None);
    let e = |from: &str, to: &str, label: &str, mode| Edge {
        from: from.into(),
        to: to.into(),
        label: label.into(),
        mode,
        ..Edge::default()
    };
    b.edges = vec![
        e("users", "api", "HTTPS", EdgeMode::Sync),
        e("api", "fn", "", EdgeMode::Sync),
        e("fn", "db", "write", EdgeMode::Async),
        e("fn", "db", "read", EdgeMode::Sync),
    ];
    b
}

#[test]
fn export_binds_arrows_and_labels_on_both_sides() {
    let text = export(&sample_board(), catalog());
    let scene: Value = serde_json::from_str(&text).unwrap_or(Value::Null);
    let elements = scene["elements"].as_array().cloned().unwrap_or_default();
    let by_id = |id: &str| elements.iter().find(|e| e["id"] == id).cloned().unwrap_or(Value::Null);
    let lists = |container: &Value, id: &Value, kind: &str| {
        container["boundElements"]
            .as_array()
            .is_some_and(|l| l.iter().any(|b| &b["id"] == id && b["type"] == kind))
    };
    let arrows: Vec<&Value> = elements.iter().filter(|e| e["type"] == "arrow").collect();
    assert_eq!(arrows.len(), 4);
    for a in &arrows {
        for end in ["startBinding", "endBinding"] {
            let target = by_id(a[end]["elementId"].as_str().unwrap_or_default());
            assert_eq!(target["type"], "rectangle", "{end} of {}", a["id"]);
            assert!(
                lists(&target, &a["id"], "arrow"),
                "{} listed on {}",
                a["id"],
                target["id"]
            );
            assert!(a[end]["fixedPoint"].is_array() && a[end]["focus"].is_number());
        }
    }
    assert_eq!(arrows[2]["strokeStyle"], "dashed");
    for t in elements.iter().filter(|e| e["type"] == "text") {
        let container = by_id(t["containerId"].as_str().unwrap_or_default());
        assert!(
            lists(&container, &t["id"], "text"),
            "{} in {}",
            t["id"],
            container["id"]
        );
    }
    assert_eq!(by_id("fn")["frameId"], "cell");
    assert_eq!(by_id("fn")["customData"]["archboard"]["service"], "lambda");
    assert_eq!(by_id("cell")["type"], "frame");
}

#[test]
fn export_then_import_gives_the_same_board() {
    let b = sample_board();
    let i = read(&export(&b, catalog()));
    assert!(i.warnings.is_empty(), "{:?}", i.warnings);
    assert_eq!(i.board.nodes, b.nodes);
    assert_eq!(i.board.edges, b.edges);
    assert_eq!(i.board.groups, b.groups);
}

fn element(id: &str, kind: &str, x: f32, y: f32, extra: &Value) -> Value {
    let mut e = json!({"id": id, "type": kind, "x": x, "y": y, "width": 160, "height": 80});
    if let (Some(e), Some(extra)) = (e.as_object_mut(), extra.as_object()) {
        e.extend(extra.clone());
    }
    e
}

#[test]
fn reads_a_hand_drawn_scene_by_its_text() {
    let scene = json!({"type": "excalidraw", "version": 2, "elements": [
        element("r1", "rectangle", 0.0, 0.0, &json!({"boundElements": [{"type": "text", "id": "t1"}]})),
        element("t1", "text", 10.0, 30.0, &json!({"text": "Order\nService", "containerId": "r1"})),
        element("r2", "ellipse", 400.0, 0.0, &json!({})),
        element("t2", "text", 430.0, 30.0, &json!({"text": "Redis cache", "width": 80, "height": 20})),
        element("r3", "diamond", 800.0, 0.0, &json!({"boundElements": [{"type": "text", "id": "t3"}]})),
        element("t3", "text", 810.0, 30.0, &json!({"text": "Docker Hub", "containerId": "r3"})),
        element("a1", "arrow", 160.0, 40.0, &json!({"startBinding": {"elementId": "r1", "focus": 0, "gap": 4}, "endBinding": {"elementId": "t2"}, "strokeStyle": "dotted", "endArrowhead": "arrow"})),
        element("a2", "arrow", 160.0, 40.0, &json!({"startBinding": {"elementId": "r3"}, "endBinding": {"elementId": "r1"}, "startArrowhead": "arrow", "endArrowhead": null})),
        element("a3", "arrow", 0.0, 0.0, &json!({"startBinding": {"elementId": "r1"}})),
        element("gone", "rectangle", 0.0, 900.0, &json!({"isDeleted": true})),
        element("empty", "rectangle", 0.0, 600.0, &json!({})),
        element("n1", "text", 0.0, 300.0, &json!({"text": "Peak is 2k rps", "width": 100, "height": 20})),
        element("f1", "frame", -50.0, -50.0, &json!({"name": "Production VPC", "width": 700, "height": 300})),
    ]});
    let i = read(&scene.to_string());
    let b = &i.board;
    let nodes: Vec<(&str, &str, &str, Option<&str>)> = b
        .nodes
        .iter()
        .map(|n| (n.id.as_str(), n.service.as_str(), n.label.as_str(), n.group.as_deref()))
        .collect();
    assert_eq!(
        nodes,
        [
            ("r1", "service", "Order\nService", Some("f1")),
            ("r2", "elasticache", "Redis cache", Some("f1")),
            ("r3", "service", "Docker Hub", None),
            ("n1", "note", "Peak is 2k rps", None),
        ]
    );
    let edges: Vec<(&str, &str, EdgeMode)> = b
        .edges
        .iter()
        .map(|e| (e.from.as_str(), e.to.as_str(), e.mode))
        .collect();
    assert_eq!(
        edges,
        [("r1", "r2", EdgeMode::Async), ("r1", "r3", EdgeMode::Sync)],
        "a binding to a box's text is the box; an arrow drawn backwards is read forwards"
    );
    assert_eq!(b.groups.len(), 1);
    assert_eq!(b.groups[0].kind, GroupKind::Vpc);
    let said: Vec<&str> = i.warnings.iter().map(|w| w.message.as_str()).collect();
    assert!(said.iter().any(|w| w.contains("`a3` is not bound")), "{said:?}");
    assert!(said.iter().any(|w| w.contains("1 empty box")), "{said:?}");
}

#[test]
fn refuses_what_is_not_a_scene() {
    let msg = |t: &str| import(t, catalog()).err().map(|e| e.to_string()).unwrap_or_default();
    assert!(msg("{\"type\": \"excalidraw\", \"elements\": [").contains("not valid JSON"));
    assert!(msg("{\"type\": \"excalidraw\"}").contains("no \"elements\""));
    let deep = format!("{{\"elements\": {}{}}}", "[".repeat(100_000), "]".repeat(100_000));
    assert!(msg(&deep).contains("not valid JSON"), "{}", msg(&deep));
    assert!(looks_like("{\n  \"type\": \"excalidraw\",\n  \"version\": 2"));
    assert!(!looks_like("{\"type\": \"other\"}"));
}
