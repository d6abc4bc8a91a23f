//! The review as a person uses it, and every preset's review written down as expected results.

mod common;

use archboard::catalog::Catalog;
use archboard::critique;
use common::*;
use egui::{Key, Modifiers};
use egui_kittest::kittest::Queryable;

/// Every preset's findings, one line each; `UPDATE_EXPECTED=1` rewrites the file after a
/// deliberate rule change (read the diff before committing it).
#[test]
fn every_preset_review_matches_the_written_down_findings() {
    let mut text = String::new();
    for p in archboard::presets::all() {
        let board = archboard::presets::board(&p.id).unwrap();
        let review = critique::review(&board, Catalog::builtin());
        let [e, w, i] = review.counts();
        text.push_str(&format!("{}: {e} errors, {w} warnings, {i} info\n", p.id));
        for f in &review.findings {
            text.push_str(&format!("  {:?} {} [{}]\n", f.severity, f.rule, f.nodes.join(", ")));
        }
    }
    let path = std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/fixtures/preset_findings.txt");
    if std::env::var_os("UPDATE_EXPECTED").is_some() {
        std::fs::write(&path, &text).unwrap();
    }
    let expected = std::fs::read_to_string(&path).expect("run with UPDATE_EXPECTED=1 once");
    assert_eq!(
        text, expected,
        "the review of a preset changed; see tests/fixtures/preset_findings.txt"
    );
}

/// A preset as first drawn, before its review: no props and nothing accepted, so the panel has
/// findings to fix and accept (the shipped presets open with none open).
fn unreviewed(id: &str) -> archboard::model::Board {
    let mut board = archboard::presets::board(id).expect("a preset");
    board.accepted.clear();
    for n in &mut board.nodes {
        n.props.clear();
    }
    board
}

fn open_panel(h: &mut egui_kittest::Harness<'_, archboard::ui::App>, pillar: &str) {
    h.get_by_label(pillar).click();
    h.run();
}

#[test]
fn fix_accept_tick_and_undo_from_the_panel() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("b.ron");
    archboard::io::save(&path, &unreviewed("microservices")).unwrap();
    let mut h = app_with(&path);
    let warnings = |h: &egui_kittest::Harness<'_, archboard::ui::App>| h.state().doc.board.clone();
    // Monitoring: no CloudWatch. Fix adds one.
    open_panel(&mut h, "Monitoring  (1)");
    h.snapshot("review_panel");
    h.get_all_by_label("Fix").next().expect("a Fix button").click();
    h.run();
    assert!(
        h.state().doc.board.nodes.iter().any(|n| n.service == "cloudwatch"),
        "the fix added CloudWatch"
    );
    h.key_press_modifiers(Modifiers::COMMAND, Key::Z);
    h.run();
    assert!(
        !h.state().doc.board.nodes.iter().any(|n| n.service == "cloudwatch"),
        "one undo removes it"
    );
    // Accept the same finding with a reason.
    h.get_all_by_label("Accept…").next().expect("an Accept button").click();
    h.run();
    h.get_by_label("Reason for accepting").click();
    h.run();
    h.get_by_label("Reason for accepting")
        .type_text("dashboards live in another account");
    h.run();
    h.get_by_label("Accept").click();
    h.run();
    let board = warnings(&h);
    assert_eq!(board.accepted.len(), 1);
    assert_eq!(board.accepted[0].reason, "dashboards live in another account");
    let review = critique::review(&board, Catalog::builtin());
    assert!(review.findings.iter().any(|f| f.accepted.is_some()));
    // Tick a checklist item; undo unticks it.
    h.get_by_label("Data model defined").click();
    h.run();
    assert_eq!(h.state().doc.board.checklist.get("data_model"), Some(&true));
    h.key_press_modifiers(Modifiers::COMMAND, Key::Z);
    h.run();
    assert_eq!(h.state().doc.board.checklist.get("data_model"), None);
}

#[test]
fn clicking_a_finding_selects_its_nodes() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("b.ron");
    archboard::io::save(&path, &unreviewed("microservices")).unwrap();
    let mut h = app_with(&path);
    open_panel(&mut h, "Security  (4)");
    let review = critique::review(&h.state().doc.board, Catalog::builtin());
    let first = review.by_pillar(critique::Pillar::Security).next().unwrap().clone();
    h.get_by_label(&first.message).click();
    h.run();
    let selected: std::collections::HashSet<String> = first.nodes.iter().cloned().collect();
    assert_eq!(h.state().canvas.selection().nodes, selected);
}

/// WCAG's contrast ratio between two opaque colours.
fn contrast(a: egui::Color32, b: egui::Color32) -> f32 {
    let lum = |c: egui::Color32| {
        let f = |v: u8| {
            let v = f32::from(v) / 255.0;
            if v <= 0.03928 {
                v / 12.92
            } else {
                ((v + 0.055) / 1.055).powf(2.4)
            }
        };
        0.2126 * f(c.r()) + 0.7152 * f(c.g()) + 0.0722 * f(c.b())
    };
    let (x, y) = (lum(a), lum(b));
    (x.max(y) + 0.05) / (x.min(y) + 0.05)
}

#[test]
fn a_findings_why_is_readable_in_both_themes() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("b.ron");
    let board = unreviewed("microservices");
    archboard::io::save(&path, &board).unwrap();
    let reason = critique::review(&board, Catalog::builtin())
        .findings
        .iter()
        .find(|f| f.rule.starts_with("monitoring."))
        .expect("a monitoring finding")
        .reason;
    let mut h = app_with(&path);
    open_panel(&mut h, "Monitoring  (1)");
    for theme in ["light", "dark"] {
        if theme == "dark" {
            h.state_mut().send(archboard::ui::Command::ToggleTheme);
            h.run();
        }
        let body = h.ctx.global_style().text_styles[&egui::TextStyle::Body].size;
        let panel = h.ctx.global_style().visuals.panel_fill;
        let shown = h
            .output()
            .shapes
            .iter()
            .find_map(|c| match &c.shape {
                egui::epaint::Shape::Text(t) if t.galley.job.text == reason => {
                    Some(t.galley.job.sections[0].format.clone())
                }
                _ => None,
            })
            .expect("the why is drawn");
        assert!(
            shown.font_id.size >= body - 1.0,
            "{theme}: {} points",
            shown.font_id.size
        );
        let ratio = contrast(shown.color, panel);
        assert!(ratio >= 4.5, "{theme}: contrast {ratio:.2} against the panel");
    }
}

#[test]
fn accept_takes_the_typing_at_once_and_enter_accepts() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("b.ron");
    archboard::io::save(&path, &unreviewed("microservices")).unwrap();
    let mut h = app_with(&path);
    open_panel(&mut h, "Monitoring  (1)");
    h.get_all_by_label("Accept…").next().expect("an Accept button").click();
    h.run();
    // No click into the field: it has the focus already.
    h.event(egui::Event::Text("dashboards live elsewhere".into()));
    h.run();
    h.key_press(Key::Enter);
    h.run();
    let accepted = &h.state().doc.board.accepted;
    assert_eq!(accepted.len(), 1, "Enter accepted");
    assert_eq!(accepted[0].reason, "dashboards live elsewhere");
}
