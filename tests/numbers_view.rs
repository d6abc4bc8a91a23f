//! Know your numbers in the app: View > Numbers, the Numbers panel and "what breaks at 10x?",
//! the load estimator on a client, and edge figures in the inspector. Each test asserts the
//! board or the text a person reads.

mod common;

use archboard::catalog::Catalog;
use archboard::critique;
use archboard::numbers::readable;
use archboard::render::Selection;
use archboard::ui::{App, Command};
use common::*;
use egui::{Key, Modifiers};
use egui_kittest::Harness;
use egui_kittest::kittest::Queryable;

fn preset_file(id: &str) -> std::path::PathBuf {
    let dir = tempfile::tempdir().expect("temp dir").keep();
    let path = dir.join(format!("{id}.ron"));
    let board = archboard::presets::board(id).expect("preset");
    archboard::io::save(&path, &board).expect("saved");
    path
}

fn open_view_menu_numbers(h: &mut Harness<'_, App>) {
    h.get_by_label("View").click();
    h.run();
    h.get_by_label("Show numbers").click();
    h.run();
}

#[test]
fn view_numbers_shows_the_totals_and_the_canvas_figures() {
    let mut h = app_with(&preset_file("black_friday_cart"));
    assert!(!h.state().show_numbers, "off until asked for");
    assert!(h.state().canvas.figures.is_none());
    open_view_menu_numbers(&mut h);
    h.key_press(Key::Escape);
    h.run();
    assert!(h.state().show_numbers);
    let board = h.state().doc.board.clone();
    let numbers = critique::review(&board, Catalog::builtin()).numbers;
    // The shoppers send 2,000 requests/s at the peak (the preset states it).
    h.get_by_label("2,000 requests/s");
    h.get_by_label(&format!("${}", readable(numbers.monthly_usd)));
    let per_million = numbers.usd_per_million_requests.expect("the board states load");
    h.get_by_label(&format!("${}", readable(per_million)));
    h.get_by_label("Most expensive");
    h.get_by_label("Capacity");
    let figures = h.state().canvas.figures.clone().expect("the canvas draws the figures");
    assert_eq!(figures.numbers.load_factor, 1.0);
    h.snapshot("numbers_view");
}

#[test]
fn what_breaks_at_10x_lists_the_findings_only_ten_times_the_load_brings() {
    let mut h = app_with(&preset_file("black_friday_cart"));
    h.state_mut().send(Command::ToggleTenX);
    h.run();
    assert!(h.state().show_numbers, "10x turns the numbers on to show them");
    h.get_by_label("Numbers at 10x the load");
    h.get_by_label("20,000 requests/s");
    let figures = h.state().canvas.figures.clone().expect("figures on the canvas");
    assert_eq!(figures.numbers.load_factor, 10.0, "the canvas shows the 10x figures");
    // API Gateway takes 20,000 requests/s at 10x: over its 10,000 limit, which 2,000 is not.
    let board = h.state().doc.board.clone();
    let at_1x = critique::review(&board, Catalog::builtin());
    assert!(!at_1x.findings.iter().any(|f| f.rule == "performance.over_limit"));
    let new = h.query_all_by_label_contains("10x: ").count();
    h.get_by_label_contains("10x: \"Cart API\" takes 20,000 requests/s at peak");
    assert!(
        !at_1x
            .findings
            .iter()
            .any(|f| f.message.contains("Cart API") && f.rule == "performance.over_limit"),
        "and not at the stated load"
    );
    h.get_by_label(&format!("Only at 10x the load ({new})"));
    // Off again: the stated load.
    h.get_by_label("What breaks at 10x?").click();
    h.run();
    h.get_by_label("2,000 requests/s");
    assert!(h.query_by_label_contains("10x: ").is_none());
}

#[test]
fn the_estimator_writes_a_clients_load_in_one_undo_step() {
    let mut h = app();
    h.run();
    h.state_mut().send(Command::AddService {
        service: "client".into(),
        at: None,
    });
    h.run();
    let id = h.state().doc.board.nodes[0].id.clone();
    assert!(h.query_by_label("Estimate load for Client").is_none(), "numbers off");
    h.get_by_label("Estimate load…").click();
    h.run();
    assert!(h.state().show_numbers, "the estimator shows the numbers");
    h.get_by_label("Estimate load for Client");
    // 1,000,000 daily users x 10 requests a day: 115.74 requests/s on average, 3x at the peak.
    h.get_by_label("Average: 116 requests/s");
    h.get_by_label("Peak: 347 requests/s");
    h.get_by_label("Apply").click();
    h.run();
    let prop = |h: &Harness<'_, App>, key: &str| h.state().doc.board.node(&id).unwrap().prop(key).map(str::to_owned);
    assert_eq!(prop(&h, "rps").as_deref(), Some("347"));
    assert_eq!(prop(&h, "avg_rps").as_deref(), Some("116"));
    h.get_by_label("347 requests/s");
    h.key_press_modifiers(Modifiers::COMMAND, Key::Z);
    h.run();
    assert_eq!(prop(&h, "rps"), None, "one undo removes both figures");
    assert_eq!(prop(&h, "avg_rps"), None);
}

#[test]
fn the_inspector_edits_an_edges_share_with_its_unit_in_one_undo_step() {
    let mut h = app_with(&preset_file("black_friday_cart"));
    let board = h.state().doc.board.clone();
    let i = board
        .edges
        .iter()
        .position(|e| e.from == "api" && e.to == "cart_fn")
        .expect("api -> cart_fn");
    let mut selection = Selection::default();
    selection.add_edge(&board, i);
    h.state_mut().canvas.select(selection);
    h.run();
    h.get_by_label("req/s");
    h.get_by_label("of source");
    let share = |h: &Harness<'_, App>| h.state().doc.board.edges[i].prop("share").map(str::to_owned);
    assert_eq!(share(&h), None);
    h.get_by_role_and_label(egui::accesskit::Role::TextInput, "share")
        .click();
    h.run();
    h.event(egui::Event::Text("0.25".into()));
    h.run();
    h.key_press(Key::Enter);
    h.run();
    assert_eq!(share(&h).as_deref(), Some("0.25"));
    // A share above 1 is not a fraction: nothing is written.
    h.get_by_role_and_label(egui::accesskit::Role::TextInput, "share")
        .click();
    h.run();
    h.key_press_modifiers(Modifiers::COMMAND, Key::A);
    h.run();
    h.event(egui::Event::Text("5".into()));
    h.run();
    h.key_press(Key::Enter);
    h.run();
    assert_eq!(share(&h).as_deref(), Some("0.25"));
    h.key_press_modifiers(Modifiers::COMMAND, Key::Z);
    h.run();
    assert_eq!(share(&h), None, "one undo takes the share back");
    // op is a dropdown: read or write.
    h.get_by_label("op").click();
    h.run();
    h.get_by_label("read").click();
    h.run();
    assert_eq!(h.state().doc.board.edges[i].prop("op"), Some("read"));
}
