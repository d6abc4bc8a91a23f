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
