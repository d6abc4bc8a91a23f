//! Benchmarks for the CPU rasteriser: a typical 1600x1000 UI frame and a 4000x3000 board export.

#![allow(clippy::print_stdout, reason = "a benchmark prints the figures it measured")]

use std::hint::black_box;

use archboard::render::raster::Rasteriser;
use archboard::render::raster::headless_frame;
use criterion::{Criterion, criterion_group, criterion_main};
use egui::{Align2, ClippedPrimitive, Color32, CornerRadius, FontId, Rect, Stroke, StrokeKind, pos2, vec2};

/// Run one frame of `points` size at `ppp`, returning a rasteriser holding its textures and the meshes.
fn frame(points: [f32; 2], ppp: f32, nodes: usize, ui: impl Fn(&mut egui::Ui)) -> (Rasteriser, Vec<ClippedPrimitive>) {
    let ctx = egui::Context::default();
    let (raster, primitives, _) = headless_frame(&ctx, vec2(points[0], points[1]), ppp, |root| {
        ui(root);
        board(root.painter(), nodes);
    });
    (raster, primitives)
}

/// Paint `n` labelled boxes in a grid joined by curved edges, like a busy board.
fn board(painter: &egui::Painter, n: usize) {
    let columns = 20;
    for i in 0..n {
        let (col, row) = ((i % columns) as f32, (i / columns) as f32);
        let rect = Rect::from_min_size(pos2(40.0 + col * 78.0, 120.0 + row * 60.0), vec2(64.0, 36.0));
        painter.rect(
            rect,
            CornerRadius::same(6),
            Color32::from_rgb(250, 245, 235),
            Stroke::new(1.5, Color32::from_rgb(230, 120, 30)),
            StrokeKind::Inside,
        );
        painter.text(
            rect.center(),
            Align2::CENTER_CENTER,
            format!("svc-{i}"),
            FontId::proportional(11.0),
            Color32::BLACK,
        );
        if i + 1 < n {
            let next = pos2(
                40.0 + ((i + 1) % columns) as f32 * 78.0,
                138.0 + ((i + 1) / columns) as f32 * 60.0,
            );
            let curve = egui::epaint::CubicBezierShape::from_points_stroke(
                [
                    rect.right_center(),
                    rect.right_center() + vec2(20.0, 15.0),
                    next - vec2(20.0, -15.0),
                    next,
                ],
                false,
                Color32::TRANSPARENT,
                Stroke::new(1.2, Color32::from_gray(90)),
            );
            painter.add(curve);
        }
        painter.circle_filled(rect.left_top() + vec2(8.0, 8.0), 4.0, Color32::from_rgb(60, 140, 220));
    }
}

/// How many triangles the meshes of a frame hold, for the bench's report.
fn triangles(frame: &[ClippedPrimitive]) -> usize {
    frame
        .iter()
        .map(|p| match &p.primitive {
            egui::epaint::Primitive::Mesh(m) => m.indices.len() / 3,
            _ => 0,
        })
        .sum()
}

fn benches(c: &mut Criterion) {
    let (raster, ui_frame) = frame([1600.0, 1000.0], 1.0, 200, |ui| {
        egui::Panel::left("palette").show(ui, |ui| {
            for i in 0..30 {
                let _ = ui.button(format!("Service {i}"));
            }
        });
        egui::Panel::top("toolbar").show(ui, |ui| {
            ui.horizontal(|ui| {
                for name in ["File", "Edit", "View", "Board", "Review", "Help"] {
                    ui.label(name);
                }
            });
        });
    });
    println!("ui frame 1600x1000: {} triangles", triangles(&ui_frame));
    c.bench_function("ui frame 1600x1000", |b| {
        b.iter(|| raster.paint(black_box(&ui_frame), [1600, 1000], 1.0, Color32::from_gray(27)));
    });

    let (raster, export) = frame([1600.0, 1200.0], 2.5, 360, |_| {});
    println!("export 4000x3000: {} triangles", triangles(&export));
    let mut group = c.benchmark_group("export");
    group.sample_size(10);
    group.bench_function("export 4000x3000", |b| {
        b.iter(|| raster.paint(black_box(&export), [4000, 3000], 2.5, Color32::WHITE));
    });
    group.finish();
}

criterion_group!(raster, benches);
criterion_main!(raster);
