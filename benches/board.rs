//! Benchmarks of the board code on synthetic boards: review, load, save and PNG export.
//! Boards are a grid of nodes with about 1.5 edges a node and a group every 50 nodes.

use std::hint::black_box;
use std::time::Duration;

use archboard::catalog::Catalog;
use archboard::model::{Board, Edge, EdgeMode, Group, GroupKind, Node, Point, Rect};
use archboard::render::export::{PngOptions, image};
use archboard::ui::{App, Document};
use archboard::{critique, io};
use criterion::{Criterion, criterion_group, criterion_main};

/// The same allocator as the app (see `src/main.rs`).
#[global_allocator]
static ALLOCATOR: mimalloc::MiMalloc = mimalloc::MiMalloc;

const SERVICES: [&str; 12] = [
    "lambda",
    "sqs",
    "dynamodb",
    "s3",
    "api_gateway",
    "ec2",
    "alb",
    "elasticache",
    "sns",
    "kinesis_data_streams",
    "rds",
    "cloudfront",
];

/// A board of `n` nodes on a grid, 1.5 edges a node, one group per 50 nodes.
pub fn synthetic(n: usize) -> Board {
    let cols = ((n as f32).sqrt() / 50.0).round().max(1.0) as usize * 50;
    let mut b = Board::new(format!("Synthetic {n}"));
    let at = |i: usize| Point((i % cols) as f32 * 200.0, (i / cols) as f32 * 160.0);
    for i in 0..n {
        let mut node = Node::new(
            format!("n{i}"),
            SERVICES[i % SERVICES.len()],
            format!("Node {i}"),
            at(i),
        );
        node.group = Some(format!("g{}", i / 50));
        b.nodes.push(node);
    }
    let mut seed = n as u64;
    for i in 1..n {
        b.edges.push(Edge::new(format!("n{}", i - 1), format!("n{i}")));
        if i % 2 == 0 {
            seed = seed.wrapping_mul(6364136223846793005).wrapping_add(1442695040888963407);
            let from = (seed >> 33) as usize % n;
            b.edges.push(Edge {
                from: format!("n{from}"),
                to: format!("n{i}"),
                label: format!("e{i}"),
                mode: EdgeMode::Async,
            });
        }
    }
    for g in 0..n.div_ceil(50) {
        let members: Vec<Point> = (g * 50..n.min(g * 50 + 50)).map(at).collect();
        let (x0, y0) = members
            .iter()
            .fold((f32::MAX, f32::MAX), |(x, y), p| (x.min(p.0), y.min(p.1)));
        let (x1, y1) = members
            .iter()
            .fold((f32::MIN, f32::MIN), |(x, y), p| (x.max(p.0), y.max(p.1)));
        let rect = Rect {
            x: x0 - 80.0,
            y: y0 - 70.0,
            w: x1 - x0 + 160.0,
            h: y1 - y0 + 140.0,
        };
        b.groups.push(Group {
            id: format!("g{g}"),
            kind: GroupKind::Generic,
            label: format!("Group {g}"),
            parent: None,
            rect,
        });
    }
    b
}

/// One app frame (UI pass and tessellation) in a headless context, as eframe runs it.
struct Frame {
    ctx: egui::Context,
    app: App,
}

impl Frame {
    fn new(board: Board) -> Frame {
        let ctx = egui::Context::default();
        let mut app = App::new(&ctx);
        app.replace_document(Document::new(board, None));
        let mut frame = Frame { ctx, app };
        for _ in 0..3 {
            frame.run(); // settle the layout and fit the board
        }
        frame
    }

    fn run(&mut self) -> usize {
        let input = egui::RawInput {
            screen_rect: Some(egui::Rect::from_min_size(egui::Pos2::ZERO, egui::vec2(1600.0, 1000.0))),
            ..Default::default()
        };
        let app = &mut self.app;
        let mut output = self.ctx.run_ui(input, |ui| app.show(ui));
        output.textures_delta.clear();
        self.ctx.tessellate(output.shapes, output.pixels_per_point).len()
    }
}

fn frames(c: &mut Criterion) {
    for n in [200, 2_000, 10_000] {
        let mut frame = Frame::new(synthetic(n));
        c.bench_function(&format!("frame {n} nodes, fitted"), |b| b.iter(|| frame.run()));
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
    let big = synthetic(10_000);
    c.bench_function("review 10k nodes", |b| {
        b.iter(|| critique::review(black_box(&big), catalog))
    });
    let text = io::to_ron(&big).expect("encodes");
    c.bench_function("save (to RON text) 10k nodes", |b| {
        b.iter(|| io::to_ron(black_box(&big)))
    });
    c.bench_function("load (parse + repair) 10k nodes", |b| {
        b.iter(|| io::parse(black_box(&text), "bench.ron"))
    });
    for n in [300, 2_000] {
        let board = synthetic(n);
        c.bench_function(&format!("auto layout {n} nodes"), |b| {
            b.iter(|| archboard::layout::layout(&mut board.clone(), archboard::layout::Direction::LeftRight))
        });
    }
    for n in [200, 2_000] {
        let board = synthetic(n);
        let options = PngOptions {
            scale: 2.0,
            ..PngOptions::default()
        };
        c.bench_function(&format!("png export {n} nodes at scale 2"), |b| {
            b.iter(|| image(black_box(&board), catalog, &options))
        });
    }
}

criterion_group! {
    name = board;
    config = Criterion::default().sample_size(10).warm_up_time(Duration::from_secs(1)).measurement_time(Duration::from_secs(3));
    targets = frames, benches
}
criterion_main!(board);
