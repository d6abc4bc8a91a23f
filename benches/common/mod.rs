//! What the board benchmarks share: the synthetic board generator and one headless app frame.

use archboard::model::{Board, Edge, EdgeMode, Group, GroupKind, Node, Point, Rect};
use archboard::ui::{App, Document};

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
pub(crate) fn synthetic(n: usize) -> Board {
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
                ..Edge::default()
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
pub(crate) struct Frame {
    pub ctx: egui::Context,
    pub app: App,
}

impl Frame {
    pub(crate) fn new(board: Board) -> Frame {
        let ctx = egui::Context::default();
        let mut app = App::new(&ctx);
        app.replace_document(Document::new(board, None));
        let mut frame = Frame { ctx, app };
        for _ in 0..3 {
            frame.run(); // settle the layout and fit the board
        }
        frame
    }

    /// Runs one frame and returns how many primitives it tessellated to.
    pub(crate) fn run(&mut self) -> usize {
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
