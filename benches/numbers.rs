//! The numbers of a large board: the load flow, capacity figures and cost of 10,000 nodes must
//! take under 5 ms in release, so the canvas stays live while a figure is typed.
//!
//! The synthetic board (a chain of nodes plus random async edges) gets a client sending load
//! every 100 nodes, and a few shares and explicit rps on edges, so every part of the flow runs.

use std::hint::black_box;

use archboard::catalog::Catalog;
use archboard::critique;
use archboard::numbers;
use criterion::{Criterion, criterion_group, criterion_main};

/// The same allocator as the app (see `src/main.rs`).
#[global_allocator]
static ALLOCATOR: mimalloc::MiMalloc = mimalloc::MiMalloc;

#[allow(dead_code)] // the app frame helper is for the board benches
mod common;

/// A synthetic board of `n` nodes with stated load.
fn loaded(n: usize) -> archboard::model::Board {
    let mut b = common::synthetic(n);
    for (i, node) in b.nodes.iter_mut().enumerate() {
        if i % 100 == 0 {
            node.service = "client".into();
            node.props.insert("rps".into(), "1000".into());
        }
    }
    for (i, edge) in b.edges.iter_mut().enumerate() {
        match i % 7 {
            0 => {
                edge.props.insert("share".into(), "0.5".into());
            }
            3 => {
                edge.props.insert("rps".into(), "20".into());
            }
            5 => {
                edge.props.insert("op".into(), "read".into());
            }
            _ => {}
        }
    }
    b
}

fn benches(c: &mut Criterion) {
    let catalog = Catalog::builtin();
    for n in [2_000, 10_000] {
        let board = loaded(n);
        c.bench_function(&format!("numbers {n} nodes"), |b| {
            b.iter(|| numbers::compute(black_box(&board), catalog, 1.0));
        });
    }
    let big = loaded(10_000);
    c.bench_function("review with numbers 10k nodes, 10x", |b| {
        b.iter(|| critique::review_at(black_box(&big), catalog, 10.0));
    });
}

criterion_group!(numbers_benches, benches);
criterion_main!(numbers_benches);
