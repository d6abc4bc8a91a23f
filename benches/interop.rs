//! Reading diagrams from other tools: a 5,000-element draw.io or Excalidraw file must be read in
//! under a second (DESIGN.md, Interop). Three shapes of input: archboard's own draw.io export
//! (custom data on every cell), a draw.io page of plain boxes whose services come from their
//! labels (the slow path: every label goes through the catalog's names and aliases), and an
//! Excalidraw export.
//!
//! `cargo bench --bench interop`

use std::hint::black_box;
use std::path::Path;

use archboard::catalog::Catalog;
use archboard::export::{PngOptions, encode};
use archboard::interop;
use criterion::{Criterion, criterion_group, criterion_main};

/// The same allocator as the app (see `src/main.rs`).
#[global_allocator]
static ALLOCATOR: mimalloc::MiMalloc = mimalloc::MiMalloc;

#[allow(dead_code)] // the app frame helper is for the board benches
mod common;

/// The synthetic board of 2,000 nodes (about 3,000 edges and 40 groups: some 5,040 elements)
/// written as `name`'s format.
fn exported(name: &str) -> String {
    let board = common::synthetic(2_000);
    let bytes = encode(Path::new(name), &board, Catalog::builtin(), &PngOptions::default()).expect("encodes");
    String::from_utf8(bytes).expect("text")
}

/// A draw.io page of 2,500 labelled plain boxes in containers of 50, each with an arrow to the
/// next (5,049 elements), as a person draws without AWS shapes.
fn plain_boxes() -> String {
    const LABELS: [&str; 6] = [
        "Orders API",
        "Checkout Lambda",
        "Orders table",
        "Event queue",
        "Redis cache",
        "Docker Hub",
    ];
    let mut s =
        String::from(r#"<mxfile><diagram name="p"><mxGraphModel><root><mxCell id="0"/><mxCell id="1" parent="0"/>"#);
    for g in 0..50 {
        s.push_str(&format!(
            r#"<mxCell id="g{g}" value="Private subnet {g}" style="container=1;" vertex="1" parent="1"><mxGeometry x="{}" y="0" width="300" height="9000" as="geometry"/></mxCell>"#,
            g * 400
        ));
    }
    for i in 0..2_500 {
        s.push_str(&format!(
            r#"<mxCell id="v{i}" value="{} {i}" style="rounded=1;whiteSpace=wrap;html=1;" vertex="1" parent="g{}"><mxGeometry x="20" y="{}" width="120" height="60" as="geometry"/></mxCell>"#,
            LABELS[i % LABELS.len()],
            i / 50,
            (i % 50) * 160
        ));
        if i > 0 {
            s.push_str(&format!(
                r#"<mxCell id="e{i}" value="" style="edgeStyle=orthogonalEdgeStyle;" edge="1" parent="1" source="v{}" target="v{i}"><mxGeometry relative="1" as="geometry"/></mxCell>"#,
                i - 1
            ));
        }
    }
    s.push_str("</root></mxGraphModel></diagram></mxfile>");
    s
}

fn benches(c: &mut Criterion) {
    let mut group = c.benchmark_group("interop");
    group.sample_size(10);
    let inputs = [
        ("draw.io export, 5k elements", exported("b.drawio"), "b.drawio"),
        ("draw.io plain boxes by label, 5k elements", plain_boxes(), "p.drawio"),
        (
            "Excalidraw export, 5k elements",
            exported("b.excalidraw"),
            "b.excalidraw",
        ),
    ];
    for (name, text, file) in &inputs {
        let read = interop::read_text(text, Path::new(file)).expect("reads");
        assert!(read.board.nodes.len() >= 2_000, "{name}");
        group.bench_function(*name, |b| {
            b.iter(|| interop::read_text(black_box(text), Path::new(file)).map(|i| i.board.nodes.len()));
        });
    }
    group.finish();
}

criterion_group!(interop_benches, benches);
criterion_main!(interop_benches);
