//! Benchmarks of the board code on synthetic boards: review, load, save, edge routing and PNG
//! export.
//! Boards are a grid of nodes with about 1.5 edges a node and a group every 50 nodes.

use std::hint::black_box;
use std::time::Duration;

use archboard::catalog::Catalog;
use archboard::export::{PngOptions, image};
use archboard::render::Theme;
use archboard::{critique, io};
use criterion::{Criterion, criterion_group, criterion_main};

/// The same allocator as the app (see `src/main.rs`).
#[global_allocator]
static ALLOCATOR: mimalloc::MiMalloc = mimalloc::MiMalloc;

mod common;

use common::{Frame, synthetic};

fn frames(c: &mut Criterion) {
    for n in [200, 2_000, 10_000, 100_000] {
        let mut frame = Frame::new(synthetic(n));
        // The board's picture is kept (`render::Layer`): a frame that changes nothing, or pans
        // within the picture, draws one textured quad for the board.
        c.bench_function(&format!("frame {n} nodes, fitted"), |b| b.iter(|| frame.run()));
        // A frame whose board looks different (here the theme, as after an edit or a click):
        // the picture is drawn again on the CPU.
        c.bench_function(&format!("frame {n} nodes, fitted, board drawn again"), |b| {
            b.iter(|| {
                frame.app.theme = match frame.app.theme {
                    Theme::Light => Theme::Dark,
                    Theme::Dark => Theme::Light,
                };
                frame.run()
            });
        });
        let centre = frame.app.canvas.screen_rect().center();
        frame.app.canvas.view = frame
            .app
            .canvas
            .view
            .zoomed_at(1.0 / frame.app.canvas.view.zoom, centre);
        frame.run();
        c.bench_function(&format!("frame {n} nodes, zoomed in"), |b| b.iter(|| frame.run()));
    }
}

fn benches(c: &mut Criterion) {
    let catalog = Catalog::builtin();
    for (n, name) in [(10_000, "10k"), (100_000, "100k")] {
        let big = synthetic(n);
        c.bench_function(&format!("review {name} nodes"), |b| {
            b.iter(|| critique::review(black_box(&big), catalog));
        });
        let text = io::to_ron(&big).expect("encodes");
        c.bench_function(&format!("save (to RON text) {name} nodes"), |b| {
            b.iter(|| io::to_ron(black_box(&big)));
        });
        c.bench_function(&format!("load (parse + repair) {name} nodes"), |b| {
            b.iter(|| io::parse(black_box(&text), "bench.ron"));
        });
    }
    for n in [300, 2_000] {
        let board = synthetic(n);
        c.bench_function(&format!("auto layout {n} nodes"), |b| {
            b.iter(|| archboard::layout::layout(&mut board.clone(), archboard::layout::Direction::LeftRight));
        });
    }
    for n in [200, 2_000] {
        // Every edge right-angled, around the cards: the grid's neighbours and 1 edge in 3
        // across the board between random nodes (the router's worst case: long detours).
        let board = synthetic(n);
        c.bench_function(&format!("route {n} nodes"), |b| {
            b.iter(|| archboard::layout::route::route(black_box(&board)));
        });
        let mut laid_out = board.clone();
        archboard::layout::layout(&mut laid_out, archboard::layout::Direction::LeftRight);
        c.bench_function(&format!("route {n} nodes after auto layout"), |b| {
            b.iter(|| archboard::layout::route::route(black_box(&laid_out)));
        });
    }
    for n in [200, 2_000] {
        let board = synthetic(n);
        let options = PngOptions {
            scale: 2.0,
            ..PngOptions::default()
        };
        c.bench_function(&format!("png export {n} nodes at scale 2"), |b| {
            b.iter(|| image(black_box(&board), catalog, &options));
        });
    }
}

criterion_group! {
    name = board;
    config = Criterion::default().sample_size(10).warm_up_time(Duration::from_secs(1)).measurement_time(Duration::from_secs(3));
    targets = frames, benches
}
criterion_main!(board);
