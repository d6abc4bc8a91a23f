//! Every preset opens cleanly, is laid out without overlaps and contains what its seed names.

use super::*;
use crate::catalog::Catalog;
use crate::model::{GroupKind, validate};

/// The listed preset with this id.
fn find(id: &str) -> Option<&'static Preset> {
    all().iter().find(|p| p.id == id)
}

fn count(b: &Board, services: &str) -> usize {
    services
        .split('|')
        .map(|s| b.nodes.iter().filter(|n| n.service == s).count())
        .sum()
}

fn has_edge(b: &Board, from: &str, to: &str) -> bool {
    let svc = |id: &str| b.node(id).map(|n| n.service.as_str()).unwrap_or("");
    b.edges
        .iter()
        .any(|e| from.split('|').any(|f| f == svc(&e.from)) && to.split('|').any(|t| t == svc(&e.to)))
}

/// Loads a preset and checks what every preset must satisfy.
fn sound(id: &str) -> Board {
    let b = board(id).unwrap_or_else(|e| panic!("{e}"));
    assert!(validate(&b).is_empty(), "{id}: {:?}", validate(&b));
    let catalog = Catalog::builtin();
    for n in &b.nodes {
        assert!(catalog.get(&n.service).is_some(), "{id}: unknown service {}", n.service);
    }
    let faults = crate::layout::faults(&b);
    assert!(faults.is_empty(), "{id}: {faults:?}");
    assert!(!find(id).expect("listed").description.is_empty());
    b
}

fn groups(b: &Board, kind: GroupKind) -> usize {
    b.groups.iter().filter(|g| g.kind == kind).count()
}

#[test]
fn every_listed_preset_is_sound_and_every_file_is_listed() {
    assert!(all().len() >= 17, "{} presets", all().len());
    for p in all() {
        sound(&p.id);
    }
    for (stem, _) in PRESET_FILES {
        assert!(
            *stem == "index" || find(stem).is_some(),
            "presets/{stem}.ron is not in index.ron"
        );
    }
    assert_eq!(all().iter().filter(|p| p.starter).count(), 4);
}

#[test]
fn event_driven_microservices() {
    let b = sound("event_driven_microservices");
    assert!(count(&b, "api_gateway") >= 1 && count(&b, "lambda") >= 4 && count(&b, "sns") >= 1);
    assert!(count(&b, "sqs") >= 3 && count(&b, "dynamodb") >= 3 && b.edges.len() >= 11);
    assert!(has_edge(&b, "api_gateway", "lambda") && has_edge(&b, "lambda", "sns"));
    assert!(has_edge(&b, "sns", "sqs") && has_edge(&b, "sqs", "lambda") && has_edge(&b, "lambda", "dynamodb"));
}

#[test]
fn realtime_analytics() {
    let b = sound("realtime_analytics");
    for s in [
        "kinesis_data_streams",
        "kinesis_data_analytics",
        "kinesis_firehose",
        "lambda",
        "s3",
        "athena",
        "emr",
        "sns",
    ] {
        assert!(count(&b, s) >= 1, "{s}");
    }
    assert!(has_edge(&b, "kinesis_data_streams", "kinesis_data_analytics"));
    assert!(has_edge(&b, "kinesis_data_streams", "kinesis_firehose") && has_edge(&b, "kinesis_firehose", "s3"));
    assert!(has_edge(&b, "s3", "athena") && has_edge(&b, "s3", "emr") && has_edge(&b, "lambda", "sns"));
}

#[test]
fn microservices() {
    let b = sound("microservices");
    assert!(count(&b, "alb|nlb|load_balancer") >= 1 && count(&b, "api_gateway") >= 1);
    assert!(count(&b, "service|ecs|lambda|ec2|fargate") >= 3);
    assert!(count(&b, "database|dynamodb|rds|aurora") >= 2 && count(&b, "elasticache|cache") >= 1);
    assert!(count(&b, "sqs|queue") >= 1 && b.edges.len() >= 9);
    assert!(has_edge(&b, "alb|nlb|load_balancer", "api_gateway"));
}

#[test]
fn event_driven_kinesis() {
    let b = sound("event_driven_kinesis");
    assert!(count(&b, "kinesis_data_streams") >= 1 && count(&b, "lambda") >= 2);
    assert!(count(&b, "dynamodb") >= 1 && count(&b, "s3") >= 1 && count(&b, "athena") >= 1);
    assert!(has_edge(&b, "kinesis_data_streams", "lambda") && has_edge(&b, "s3", "athena"));
}

#[test]
fn cell_based() {
    let b = sound("cell_based");
    assert!(count(&b, "router|load_balancer|alb|route53") >= 1);
    assert!(count(&b, "database|dynamodb|rds|aurora") >= 3 && groups(&b, GroupKind::Cell) >= 3);
    assert!(b.edges.len() >= 6);
}

#[test]
fn ecommerce_common() {
    let b = sound("ecommerce_common");
    assert!(count(&b, "client") >= 1 && count(&b, "alb") >= 1 && count(&b, "api_gateway") >= 1);
    assert!(count(&b, "elasticache") >= 2 && count(&b, "dynamodb") >= 2 && count(&b, "aurora") >= 1);
    assert!(count(&b, "sqs|kinesis_data_streams") >= 1 && count(&b, "s3") >= 1 && count(&b, "cloudwatch") >= 1);
    assert!(has_edge(&b, "client", "alb") && has_edge(&b, "alb", "api_gateway") && b.edges.len() >= 15);
}

#[test]
fn global_file_sync() {
    let b = sound("global_file_sync");
    assert!(count(&b, "s3") >= 2 && groups(&b, GroupKind::Region) >= 2);
    for s in ["cloudfront", "dynamodb", "appsync", "lambda", "cognito", "elasticache"] {
        assert!(count(&b, s) >= 1, "{s}");
    }
    assert!(b.edges.iter().any(|e| e.label.contains("CRR")));
}

#[test]
fn billion_events_per_day() {
    let b = sound("billion_events_per_day");
    for s in [
        "kinesis_data_streams",
        "kinesis_data_analytics",
        "kinesis_firehose",
        "s3",
        "athena",
        "cloudwatch",
        "xray",
    ] {
        assert!(count(&b, s) >= 1, "{s}");
    }
    assert!(
        b.notes.contains("11,574") || b.notes.contains("11574"),
        "capacity figures in the notes"
    );
}

#[test]
fn black_friday_cart() {
    let b = sound("black_friday_cart");
    assert!(count(&b, "dynamodb") >= 1 && count(&b, "dax") >= 1 && b.edges.len() >= 3);
    let table = b.nodes.iter().find(|n| n.service == "dynamodb").unwrap();
    assert!(table.flag("backup"), "point-in-time recovery");
}

#[test]
fn disaster_recovery_patterns() {
    for (id, edges) in [
        ("dr_backup_restore", 2),
        ("dr_pilot_light", 3),
        ("dr_warm_standby", 3),
        ("dr_active_active", 4),
    ] {
        let b = sound(id);
        assert!(groups(&b, GroupKind::Region) >= 2, "{id}");
        assert!(b.edges.len() >= edges, "{id}");
        if id != "dr_backup_restore" {
            assert!(count(&b, "route53") >= 1, "{id}");
        } else {
            assert!(count(&b, "backup|s3") >= 1);
        }
        let d = &find(id).unwrap().description;
        assert!(d.contains("RTO") && d.contains("RPO"), "{id}: {d}");
    }
}

/// A preset's numbers at `factor`, and the index of node `id`.
fn numbers_of(id: &str, factor: f64) -> (Board, crate::numbers::Numbers) {
    let b = sound(id);
    let n = crate::numbers::compute(&b, Catalog::builtin(), factor);
    (b, n)
}

fn figures<'a>(b: &Board, n: &'a crate::numbers::Numbers, id: &str) -> &'a crate::numbers::NodeNumbers {
    let i = b.nodes.iter().position(|x| x.id == id).expect("node exists");
    &n.nodes[i]
}

#[test]
fn the_presets_with_seed_figures_state_their_load_and_the_starters_do_not() {
    // 1 billion events a day: 11,574 events/s into 12 shards, which the two consumers need.
    let (b, n) = numbers_of("billion_events_per_day", 1.0);
    assert_eq!(n.peak_in(&b), 11_574.0);
    assert_eq!(figures(&b, &n, "stream").shards, Some(12));
    let ks = 12.0 * 0.015 * 730.0 + 11_574.0 * 2_628_000.0 / 1e6 * 0.014;
    assert!((figures(&b, &n, "stream").monthly_usd.unwrap() - ks).abs() < 1e-6);
    let (b2, twice) = numbers_of("billion_events_per_day", 2.0);
    assert_eq!(
        figures(&b2, &twice, "stream").shards,
        Some(24),
        "a peak of twice the average"
    );

    // Black Friday: the normal 1,000 WCU / 1,000 RCU, and forty times that on the day.
    let (b, n) = numbers_of("black_friday_cart", 1.0);
    let carts = figures(&b, &n, "carts");
    assert_eq!((carts.wcu, carts.rcu), (Some(1000), Some(1000)));
    let (b, n) = numbers_of("black_friday_cart", 40.0);
    let carts = figures(&b, &n, "carts");
    assert_eq!((carts.wcu, carts.rcu), (Some(40_000), Some(40_000)));

    // The real-time pipeline: 1,000 events/s of 1 KB, two consumers: one shard.
    let (b, n) = numbers_of("realtime_analytics", 1.0);
    assert_eq!(figures(&b, &n, "stream").shards, Some(1));

    for p in all().iter().filter(|p| p.starter) {
        let (_, n) = numbers_of(&p.id, 1.0);
        assert!(!n.states_load, "{}: starters are for the user to fill", p.id);
    }
}

/// Whether a reason teaches something: a sentence or two of its own, not a placeholder.
fn teaches(reason: &str) -> bool {
    reason.split_whitespace().count() >= 12 && reason.trim_end().ends_with(['.', ')'])
}

#[test]
fn every_reference_architecture_opens_with_nothing_open_and_every_acceptance_still_applies() {
    let catalog = Catalog::builtin();
    for p in all() {
        let b = sound(&p.id);
        let review = crate::critique::review(&b, catalog);
        // A reference architecture is a model: each finding is either met by its props or
        // accepted with a reason. The practice starters keep theirs open: they are the exercise.
        if !p.starter {
            let open: Vec<String> = review
                .findings
                .iter()
                .filter(|f| f.accepted.is_none())
                .map(|f| format!("{:?} {} {:?}", f.severity, f.rule, f.nodes))
                .collect();
            assert!(open.is_empty(), "{}: open findings {open:#?}", p.id);
            assert_eq!(
                b.format,
                crate::model::FORMAT,
                "{}: written in the current format",
                p.id
            );
        }
        for a in &b.accepted {
            let mut nodes = a.nodes.clone();
            nodes.sort();
            assert!(
                review
                    .findings
                    .iter()
                    .any(|f| f.rule == a.rule && f.nodes == nodes && f.accepted.is_some()),
                "{}: the acceptance of {} {:?} matches no finding (stale)",
                p.id,
                a.rule,
                a.nodes
            );
            assert!(
                teaches(&a.reason),
                "{}: {} {:?}: reason too thin: {:?}",
                p.id,
                a.rule,
                a.nodes,
                a.reason
            );
        }
        let mut keys: Vec<(&str, Vec<&str>)> = b
            .accepted
            .iter()
            .map(|a| (a.rule.as_str(), a.nodes.iter().map(String::as_str).collect()))
            .collect();
        let n = keys.len();
        keys.sort();
        keys.dedup();
        assert_eq!(keys.len(), n, "{}: a finding accepted twice", p.id);
    }
}

/// The canvas a 1400x900 window leaves: the palette (230 points) and the inspector at its widest
/// (420, where the review's long findings push it) beside it, the menu and status bars (about 24
/// each) above and below.
const CANVAS: (f32, f32) = (1400.0 - 230.0 - 420.0, 900.0 - 2.0 * 24.0);

/// The zoom the canvas's "fit" (`Home`) picks for a board: `ui::canvas` fits the board's
/// bounds with a 40-point margin.
fn fit_zoom(b: &Board) -> f32 {
    let bounds = b.bounds().expect("a preset has nodes");
    let viewport = egui::Rect::from_min_size(egui::Pos2::ZERO, egui::vec2(CANVAS.0, CANVAS.1));
    crate::render::View::fit(bounds, viewport, 40.0).zoom
}

#[test]
fn every_preset_is_readable_when_fitted_to_a_1400_by_900_window() {
    for p in all() {
        let b = sound(&p.id);
        let zoom = fit_zoom(&b);
        let label = crate::render::label_font_size(crate::render::NODE_LABEL.size, zoom);
        assert!(
            label >= 9.0,
            "{}: fits at {:.0} %, node labels {label} px",
            p.id,
            zoom * 100.0
        );
    }
}

#[test]
fn every_preset_leaves_channels_between_its_cards_for_right_angle_edges() {
    // Right-angle edges run in the gaps between rows and columns of cards; about 40 px at a
    // fit zoom of 70 % leaves room for a track each way and an edge label.
    const CHANNEL: f32 = 56.0;
    for p in all() {
        let b = sound(&p.id);
        let rects: Vec<_> = b.nodes.iter().map(crate::model::node_rect).collect();
        for (i, r) in rects.iter().enumerate() {
            for (j, s) in rects.iter().enumerate().skip(i + 1) {
                let gap_x = (s.x - (r.x + r.w)).max(r.x - (s.x + s.w));
                let gap_y = (s.y - (r.y + r.h)).max(r.y - (s.y + s.h));
                assert!(
                    gap_x >= CHANNEL || gap_y >= CHANNEL,
                    "{}: {} and {} are {gap_x} x {gap_y} apart",
                    p.id,
                    b.nodes[i].id,
                    b.nodes[j].id
                );
            }
        }
    }
}
