use std::path::Path;

use super::*;

#[test]
fn sniffs_by_content_before_the_name() {
    let board = "(\n    format: 2,\n    title: \"x\",\n)";
    assert_eq!(sniff(Path::new("a.txt"), board), Some(Source::Board));
    assert_eq!(sniff(Path::new("a.ron"), "flowchart LR\n a-->b"), Some(Source::Mermaid));
    assert_eq!(
        sniff(
            Path::new("notes.md"),
            "# Notes\n\n```mermaid\n%% c\ngraph TD\n a-->b\n```"
        ),
        Some(Source::Mermaid)
    );
    assert_eq!(
        sniff(Path::new("a.mmd"), "not a chart"),
        Some(Source::Mermaid),
        "a broken .mmd gets the mermaid error"
    );
    assert_eq!(sniff(Path::new("a.txt"), "hello"), None);
    assert_eq!(sniff(Path::new("a.md"), "# just prose"), None);
}

#[test]
fn refuses_what_it_does_not_read_naming_the_file() {
    let e = read_text("PK\u{3}\u{4} zip", Path::new("x.zip"))
        .err()
        .map(|e| e.to_string());
    let e = e.unwrap_or_default();
    assert!(e.starts_with("x.zip: not a format archboard reads"), "{e}");
    assert!(e.contains("mermaid flowchart"), "{e}");
}

#[test]
fn a_chart_without_a_title_takes_the_file_name() {
    let i = read_text("graph LR\n a-->b", Path::new("dir/orders.v2.mmd")).ok();
    assert_eq!(i.map(|i| i.board.title).as_deref(), Some("orders"));
}

#[test]
fn a_broken_chart_names_file_line_and_column() {
    let e = read_text("not a chart", Path::new("c.mmd"))
        .err()
        .map(|e| e.to_string());
    assert!(e.as_ref().is_some_and(|e| e.starts_with("c.mmd:1:1: ")), "{e:?}");
}

#[test]
fn the_import_dialog_lists_every_format() {
    for source in Source::ALL.into_iter().filter(|s| *s != Source::Board) {
        for ext in source.extensions() {
            assert!(IMPORT_EXTENSIONS.contains(ext), "{ext} of {source:?}");
        }
    }
}

#[test]
fn a_markdown_file_with_prose_imports_its_chart_with_file_lines() {
    let md = "# Design\n\nSome words.\n\n```mermaid\nflowchart LR\n  a[API] --> b[(Orders)]\n  end\n```\nMore words.\n";
    let i = read_text(md, Path::new("design.md"));
    let i = i.ok();
    assert_eq!(i.as_ref().map(|i| i.board.nodes.len()), Some(2));
    assert_eq!(i.as_ref().and_then(|i| i.warnings.first()).map(|w| w.line), Some(8));
}

#[test]
fn an_import_is_held_to_the_limits_of_a_board_and_opens_again_without_a_warning() {
    use crate::io::{MAX_GROUP_DEPTH, MAX_LABEL_CHARS};
    let mut chart = format!("flowchart LR\n  a[\"{}\"] --> b\n", "L".repeat(MAX_LABEL_CHARS + 500));
    for d in 0..MAX_GROUP_DEPTH + 8 {
        chart += &format!("subgraph g{d}\n");
    }
    chart += "  c\n";
    chart += &"end\n".repeat(MAX_GROUP_DEPTH + 8);
    let i = read_text(&chart, Path::new("deep.mmd")).unwrap();
    assert!(i.warnings.iter().any(|w| w.message.contains("cut")), "{:?}", i.warnings);
    let text = crate::io::to_ron(&i.board).unwrap();
    let again = crate::io::parse(&text, "again.ron").unwrap();
    assert!(again.warnings.is_empty(), "{:?}", again.warnings);
}

#[test]
fn a_fan_out_that_would_flood_the_board_is_skipped_at_once() {
    let left: Vec<String> = (0..1200).map(|i| format!("a{i}")).collect();
    let right: Vec<String> = (0..1000).map(|i| format!("b{i}")).collect();
    let chart = format!("graph LR\n{} --> {}\n", left.join(" & "), right.join(" & "));
    let start = std::time::Instant::now();
    let i = read_text(&chart, Path::new("fan.mmd")).unwrap();
    assert!(i.board.edges.is_empty());
    assert!(
        i.warnings.iter().any(|w| w.message.contains("edges")),
        "{:?}",
        i.warnings.first()
    );
    assert!(start.elapsed() < std::time::Duration::from_secs(20));
}

#[test]
fn pasted_draw_io_and_excalidraw_clipboards_are_read_by_content() {
    let drawio = r#"<mxGraphModel><root><mxCell id="0"/><mxCell id="1" parent="0"/><mxCell id="q" value="Jobs" style="shape=mxgraph.aws4.resourceIcon;resIcon=mxgraph.aws4.sqs;" vertex="1" parent="1"><mxGeometry width="78" height="78" as="geometry"/></mxCell></root></mxGraphModel>"#;
    let i = read_text(drawio, Path::new("clipboard")).ok();
    assert_eq!(i.as_ref().map(|i| i.source), Some(Source::Drawio));
    assert_eq!(i.map(|i| i.board.nodes[0].service.clone()).as_deref(), Some("sqs"));
    let scene = r#"{"type":"excalidraw/clipboard","elements":[{"id":"r","type":"rectangle","x":0,"y":0,"width":100,"height":60,"boundElements":[{"type":"text","id":"t"}]},{"id":"t","type":"text","text":"Orders table DynamoDB","containerId":"r"}]}"#;
    let i = read_text(scene, Path::new("clipboard")).ok();
    assert_eq!(i.as_ref().map(|i| i.source), Some(Source::Excalidraw));
    assert_eq!(i.map(|i| i.board.nodes[0].service.clone()).as_deref(), Some("dynamodb"));
    let e = read_text("<mxfile><diagram>x</diagram></mxfile>", Path::new("d.drawio"))
        .err()
        .map(|e| e.to_string())
        .unwrap_or_default();
    assert!(e.starts_with("d.drawio: "), "{e}");
    let page = read_text_with("graph LR\n a-->b", Path::new("c.mmd"), ReadOptions { page: Some(2) })
        .err()
        .map(|e| e.to_string())
        .unwrap_or_default();
    assert!(page.contains("--page applies to draw.io"), "{page}");
}

mod refresh {
    use crate::interop::{Refreshed, refresh};
    use crate::model::{Board, Edge, Group, GroupKind, NODE_SIZE, Node, Point, Rect, node_rect};

    fn node(id: &str, service: &str, x: f32) -> Node {
        Node::new(id, service, id, Point(x, 0.0))
    }

    fn edge(from: &str, to: &str) -> Edge {
        Edge {
            from: from.into(),
            to: to.into(),
            ..Edge::default()
        }
    }

    #[test]
    fn kept_nodes_stay_where_the_user_put_them_and_new_ones_land_in_free_space() {
        // What the user has: the import, rearranged, with a load stated and a note added.
        let mut current = Board::new("orders");
        current.notes = "mine".into();
        current.nodes = vec![
            node("Topic", "sns", 0.0),
            node("Queue", "sqs", 236.0),
            node("Old", "s3", 472.0),
        ];
        current.nodes[0].at = Point(-400.0, 300.0);
        current.nodes[1].at = Point(-164.0, 300.0);
        current.nodes[1].props.insert("rps".into(), "300".into());
        current
            .nodes
            .push(Node::new("n1", "note", "ask about retention", Point(0.0, 600.0)));
        current.edges = vec![edge("Topic", "Queue"), edge("Queue", "Old")];
        // The source now: the bucket is gone, a function is new, the queue is encrypted.
        let mut fresh = Board::new("t1");
        fresh.nodes = vec![
            node("Topic", "sns", 0.0),
            node("Queue", "sqs", 236.0),
            node("Worker", "lambda", 472.0),
        ];
        fresh.nodes[1].props.insert("encrypted".into(), "true".into());
        fresh.edges = vec![edge("Topic", "Queue"), edge("Queue", "Worker")];

        let (after, done) = refresh(&current, fresh);
        assert_eq!(
            done,
            Refreshed {
                kept: 2,
                added: 1,
                removed: 1
            }
        );
        assert_eq!(done.to_string(), "2 kept in place, 1 added, 1 removed");
        let at = |id: &str| after.node(id).map(|n| n.at);
        assert_eq!(at("Topic"), Some(Point(-400.0, 300.0)));
        assert_eq!(at("Queue"), Some(Point(-164.0, 300.0)));
        assert!(
            after.node("Old").is_none() && after.node("n1").is_some(),
            "the note stays"
        );
        let queue = after.node("Queue").unwrap();
        assert_eq!(
            (queue.prop("rps"), queue.prop("encrypted")),
            (Some("300"), Some("true"))
        );
        // the new function sits where the layout put it, moved as the others were, on free ground
        let worker = after.node("Worker").unwrap();
        assert!(
            (worker.at.0 - 72.0).abs() < NODE_SIZE.0 && (worker.at.1 - 300.0).abs() < NODE_SIZE.1 * 2.0,
            "{:?}",
            worker.at
        );
        for other in after.nodes.iter().filter(|n| n.id != "Worker") {
            assert!(!node_rect(worker).intersects(node_rect(other)), "{} overlaps", other.id);
        }
        assert_eq!(after.edges, vec![edge("Topic", "Queue"), edge("Queue", "Worker")]);
        assert_eq!((after.title.as_str(), after.notes.as_str()), ("orders", "mine"));
    }

    #[test]
    fn a_surviving_group_keeps_its_box_and_grows_to_hold_a_new_member() {
        let vpc = |rect| Group {
            id: "Vpc".into(),
            kind: GroupKind::Vpc,
            label: "VPC".into(),
            parent: None,
            rect,
        };
        let mut current = Board::new("net");
        let mut a = node("A", "ec2", 0.0);
        a.group = Some("Vpc".into());
        current.nodes = vec![a.clone()];
        let kept = Rect {
            x: -120.0,
            y: -120.0,
            w: 240.0,
            h: 240.0,
        };
        current.groups = vec![vpc(kept)];
        let mut fresh = Board::new("net");
        let mut b = node("B", "ec2", 236.0);
        b.group = Some("Vpc".into());
        fresh.nodes = vec![a, b];
        fresh.groups = vec![vpc(Rect {
            x: -100.0,
            y: -100.0,
            w: 500.0,
            h: 200.0,
        })];
        let (after, _) = refresh(&current, fresh);
        let rect = after.groups[0].rect;
        assert_eq!((rect.x, rect.y), (kept.x, kept.y), "the box the user sized stays put");
        for n in &after.nodes {
            assert!(rect.contains_rect(node_rect(n)), "{} inside {rect:?}", n.id);
        }
    }
}
