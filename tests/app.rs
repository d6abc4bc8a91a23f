//! The app as a person uses it: open, add from the palette, drag, select, connect, label,
//! group, undo, paste, and the unsaved-changes question. Each test asserts the board after.

mod common;

use archboard::model::{EdgeMode, GroupKind};
use common::*;
use egui::{Key, Modifiers, vec2};
use egui_kittest::kittest::Queryable;

/// A preset saved to a file in a scratch folder, which is removed when this is dropped.
struct PresetFile {
    path: std::path::PathBuf,
    _dir: tempfile::TempDir,
}

fn preset_file(id: &str) -> PresetFile {
    let dir = tempfile::tempdir().expect("temp dir");
    let path = dir.path().join(format!("{id}.ron"));
    let board = archboard::presets::board(id).expect("preset");
    archboard::io::save(&path, &board).expect("saved");
    PresetFile { path, _dir: dir }
}

#[test]
fn opening_a_board_shows_its_node_labels() {
    let file = preset_file("microservices");
    let mut h = app_with(&file.path);
    for n in h.state().doc.board.nodes.clone() {
        h.get_by_label(&n.label);
    }
    assert!(!h.state().doc.is_dirty());
    h.snapshot("open_board");
}

#[test]
fn the_empty_board_invites_a_first_step() {
    let mut h = app();
    h.run();
    h.get_by_label("Browse reference architectures…");
    h.snapshot("empty_board");
}

#[test]
fn clicking_a_palette_item_adds_it_at_the_centre_and_undo_removes_it() {
    let mut h = app();
    h.run();
    h.get_by_label("Lambda").click();
    h.run();
    let board = &h.state().doc.board;
    assert_eq!(board.nodes.len(), 1);
    assert_eq!(board.nodes[0].service, "lambda");
    let centre = h.state().canvas.centre();
    assert!((board.nodes[0].at.0 - centre.0).abs() < 1.0 && (board.nodes[0].at.1 - centre.1).abs() < 1.0);
    assert!(
        h.state().canvas.selection().nodes.contains(&board.nodes[0].id),
        "the new node is selected"
    );
    h.key_press_modifiers(Modifiers::COMMAND, Key::Z);
    h.run();
    assert!(h.state().doc.board.nodes.is_empty());
    h.key_press_modifiers(Modifiers::COMMAND | Modifiers::SHIFT, Key::Z);
    h.run();
    assert_eq!(h.state().doc.board.nodes.len(), 1);
}

#[test]
fn searching_the_palette_and_pressing_enter_adds_the_first_hit() {
    let mut h = app();
    h.run();
    h.get_by_label("Services").click();
    h.run();
    h.get_by_label("Services").type_text("redis");
    h.run();
    h.key_press(Key::Enter);
    h.run();
    let services: Vec<_> = h.state().doc.board.nodes.iter().map(|n| n.service.clone()).collect();
    assert_eq!(services, ["elasticache"]);
}

#[test]
fn dragging_a_palette_item_places_it_where_it_is_dropped() {
    let mut h = app();
    h.run();
    let from = h.get_by_label("DynamoDB").rect().center();
    let to = h.state().canvas.screen_rect().center() + vec2(120.0, 80.0);
    drag(&mut h, from, to, Modifiers::NONE);
    let board = &h.state().doc.board;
    assert_eq!(board.nodes.len(), 1, "{:?}", board.nodes);
    let at = screen_at(&h, board.nodes[0].at);
    assert!(at.distance(to) < 25.0, "dropped at {to:?}, placed at {at:?}");
}

#[test]
fn dragging_a_node_moves_it_in_one_undo_step() {
    let file = preset_file("event_driven_kinesis");
    let mut h = app_with(&file.path);
    let id = h.state().doc.board.nodes[0].id.clone();
    let before = h.state().doc.board.nodes[0].at;
    let from = screen_of(&h, &id);
    drag(&mut h, from, from + vec2(0.0, 90.0), Modifiers::NONE);
    let after = h.state().doc.board.node(&id).unwrap().at;
    assert!(after.1 > before.1 + 40.0, "moved down: {before:?} -> {after:?}");
    assert!(h.state().doc.is_dirty());
    h.key_press_modifiers(Modifiers::COMMAND, Key::Z);
    h.run();
    assert_eq!(
        h.state().doc.board.node(&id).unwrap().at,
        before,
        "one undo restores it"
    );
    assert!(!h.state().doc.is_dirty(), "back at the saved state");
}

#[test]
fn a_rubber_band_selects_the_nodes_it_touches_and_delete_removes_them_with_their_edges() {
    let file = preset_file("event_driven_kinesis");
    let mut h = app_with(&file.path);
    let b = h.state().doc.board.clone();
    let a = screen_of(&h, &b.nodes[0].id);
    let band_from = h.state().canvas.screen_rect().min + vec2(8.0, 8.0);
    drag(&mut h, band_from, a + vec2(10.0, 10.0), Modifiers::NONE);
    let selected = h.state().canvas.selection().nodes.clone();
    assert!(selected.contains(&b.nodes[0].id), "{selected:?}");
    assert!(selected.len() < b.nodes.len());
    h.key_press(Key::Delete);
    h.run();
    let after = &h.state().doc.board;
    assert_eq!(after.nodes.len(), b.nodes.len() - selected.len());
    assert!(
        after
            .edges
            .iter()
            .all(|e| !selected.contains(&e.from) && !selected.contains(&e.to))
    );
}

#[test]
fn shift_click_adds_to_the_selection_and_ctrl_a_selects_all() {
    let file = preset_file("microservices");
    let mut h = app_with(&file.path);
    let ids: Vec<String> = h.state().doc.board.nodes.iter().map(|n| n.id.clone()).collect();
    let p = screen_of(&h, &ids[0]);
    click_at(&mut h, p, Modifiers::NONE);
    let p = screen_of(&h, &ids[1]);
    click_at(&mut h, p, Modifiers::SHIFT);
    assert_eq!(h.state().canvas.selection().nodes.len(), 2);
    h.key_press_modifiers(Modifiers::COMMAND, Key::A);
    h.run();
    assert_eq!(h.state().canvas.selection().nodes.len(), ids.len());
}

#[test]
fn dragging_from_a_handle_to_another_node_connects_them() {
    let mut h = app();
    h.run();
    h.get_by_label("Lambda").click();
    h.run();
    h.get_by_label("DynamoDB").click();
    h.run();
    let (a, b) = {
        let n = &h.state().doc.board.nodes;
        (n[0].id.clone(), n[1].id.clone())
    };
    // place them apart
    let bpos = screen_of(&h, &b);
    drag(&mut h, bpos, bpos + vec2(260.0, 0.0), Modifiers::NONE);
    let apos = screen_of(&h, &a);
    h.hover_at(apos);
    h.run();
    let rect = h
        .state()
        .canvas
        .view
        .rect_to_screen(archboard::model::node_rect(h.state().doc.board.node(&a).unwrap()));
    let to = screen_of(&h, &b);
    drag(&mut h, rect.right_center(), to, Modifiers::NONE);
    let edges = &h.state().doc.board.edges;
    assert_eq!(edges.len(), 1, "{edges:?}");
    assert_eq!((edges[0].from.as_str(), edges[0].to.as_str()), (a.as_str(), b.as_str()));
    assert_eq!(edges[0].mode, EdgeMode::Sync);
}

#[test]
fn double_click_edits_a_label_in_place_as_one_step() {
    let file = preset_file("microservices");
    let mut h = app_with(&file.path);
    let id = h.state().doc.board.nodes[0].id.clone();
    let at = screen_of(&h, &id);
    click_at(&mut h, at, Modifiers::NONE);
    click_at(&mut h, at, Modifiers::NONE);
    h.run();
    assert!(h.state().canvas.is_editing(), "double click opens the editor");
    h.key_press_modifiers(Modifiers::COMMAND, Key::A);
    h.event(egui::Event::Text("Edge router".into()));
    h.run();
    h.key_press(Key::Enter);
    h.run();
    assert_eq!(h.state().doc.board.node(&id).unwrap().label, "Edge router");
    h.key_press_modifiers(Modifiers::COMMAND, Key::Z);
    h.run();
    assert_ne!(h.state().doc.board.node(&id).unwrap().label, "Edge router");
}

#[test]
fn ctrl_g_wraps_the_selection_in_a_group() {
    let file = preset_file("event_driven_kinesis");
    let mut h = app_with(&file.path);
    let ids: Vec<String> = h.state().doc.board.nodes.iter().take(2).map(|n| n.id.clone()).collect();
    let p = screen_of(&h, &ids[0]);
    click_at(&mut h, p, Modifiers::NONE);
    let p = screen_of(&h, &ids[1]);
    click_at(&mut h, p, Modifiers::SHIFT);
    h.key_press_modifiers(Modifiers::COMMAND, Key::G);
    h.run();
    let b = &h.state().doc.board;
    assert_eq!(b.groups.len(), 1);
    let g = &b.groups[0];
    assert_eq!(g.kind, GroupKind::Generic);
    for id in &ids {
        assert_eq!(b.node(id).unwrap().group.as_deref(), Some(g.id.as_str()));
        assert!(g.rect.contains_rect(archboard::model::node_rect(b.node(id).unwrap())));
    }
    h.snapshot("group_selected");
}

#[test]
fn copy_and_paste_duplicates_with_fresh_ids() {
    let file = preset_file("microservices");
    let mut h = app_with(&file.path);
    let before = h.state().doc.board.nodes.len();
    let id = h.state().doc.board.nodes[0].id.clone();
    let p = screen_of(&h, &id);
    click_at(&mut h, p, Modifiers::NONE);
    h.event(egui::Event::Copy);
    h.run();
    let text = h.state().canvas_copied().expect("copied");
    h.event(egui::Event::Paste(text));
    h.run();
    let b = &h.state().doc.board;
    assert_eq!(b.nodes.len(), before + 1);
    assert!(archboard::model::validate(b).is_empty());
    let pasted = b.nodes.last().unwrap();
    assert_ne!(pasted.id, id);
    assert!(
        h.state().canvas.selection().nodes.contains(&pasted.id),
        "the pasted node is selected"
    );
}

/// The app with one unsaved node, after Ctrl+N: the unsaved-changes question on screen.
fn asking_before_new() -> egui_kittest::Harness<'static, archboard::ui::App> {
    let mut h = app();
    h.run();
    h.get_by_label("S3").click();
    h.run();
    h.key_press_modifiers(Modifiers::COMMAND, Key::N);
    h.run();
    h.get_by_label("Unsaved changes");
    h
}

#[test]
fn quitting_with_unsaved_changes_asks_first() {
    let mut h = asking_before_new();
    assert_eq!(h.state().doc.board.nodes.len(), 1, "nothing discarded yet");
    h.get_by_label("Cancel").click();
    h.run();
    assert_eq!(h.state().doc.board.nodes.len(), 1);
    h.key_press_modifiers(Modifiers::COMMAND, Key::N);
    h.run();
    h.get_by_label("Don't save").click();
    h.run();
    assert!(h.state().doc.board.nodes.is_empty(), "a new board after Don't save");
}

#[test]
fn without_a_file_dialog_saving_asks_for_a_typed_path_and_then_carries_on() {
    let dir = tempfile::tempdir().unwrap();
    let mut h = asking_before_new();
    h.get_by_label("Save").click();
    h.run();
    h.get_by_label("Save board");
    assert_eq!(h.state().doc.board.nodes.len(), 1, "nothing discarded before the save");
    h.key_press_modifiers(Modifiers::COMMAND, Key::A);
    h.event(egui::Event::Text(dir.path().join("typed").display().to_string()));
    h.key_press(Key::Enter);
    h.run();
    let saved = archboard::io::load(&dir.path().join("typed.ron")).expect("saved, with .ron added");
    assert_eq!(saved.board.nodes.len(), 1);
    assert!(h.state().doc.board.nodes.is_empty(), "the new board follows the save");
}

#[test]
fn export_suggests_the_board_name_beside_the_board_file() {
    let dir = tempfile::tempdir().unwrap();
    let board = dir.path().join("shop.archboard.ron");
    std::fs::copy("presets/microservices.ron", &board).unwrap();
    let mut h = app_with(&board);
    h.key_press_modifiers(Modifiers::COMMAND | Modifiers::SHIFT, Key::E);
    h.run();
    h.get_by_label("Export board");
    h.key_press(Key::Enter);
    h.run();
    let png = dir.path().join("microservices.png");
    let bytes = std::fs::read(&png).unwrap_or_else(|e| panic!("{}: {e}", png.display()));
    assert!(
        bytes.starts_with(b"\x89PNG"),
        "a PNG named after the board's title, beside its file"
    );
}

#[test]
fn the_theme_and_grid_are_remembered_for_the_next_start() {
    let dir = tempfile::tempdir().unwrap();
    let store = dir.path().join("settings.ron");
    {
        let mut h = app();
        let ctx = h.ctx.clone();
        h.state_mut().settings_enabled(store.clone(), &ctx);
        h.state_mut().send(archboard::ui::Command::ToggleTheme);
        h.state_mut().send(archboard::ui::Command::ToggleGrid);
        h.run();
    }
    let mut h = app();
    let ctx = h.ctx.clone();
    h.state_mut().settings_enabled(store, &ctx);
    h.run();
    assert_eq!(h.state().theme, archboard::render::Theme::Dark);
    assert!(!h.state().show_grid);
    assert_eq!(h.ctx.theme(), egui::Theme::Dark, "the window is dark too");
}

#[test]
fn arrange_aligns_the_selection_in_one_undo_step() {
    let mut h = app_with(std::path::Path::new("presets/microservices.ron"));
    let services = ["svc1", "svc2", "svc3"];
    let xs = |h: &egui_kittest::Harness<'_, archboard::ui::App>| -> Vec<f32> {
        services
            .iter()
            .map(|id| h.state().doc.board.node(id).unwrap().at.0)
            .collect()
    };
    let before = xs(&h);
    h.state_mut().canvas.select_nodes(services.map(String::from));
    h.run();
    h.get_by_label("Arrange").click();
    h.run();
    h.get_by_label("Align centres").click();
    h.run();
    let after = xs(&h);
    assert!(
        after.iter().all(|x| (x - after[0]).abs() < 1e-3),
        "one column: {after:?}"
    );
    assert_eq!(
        after[0],
        f32::midpoint(before[0], before[2]),
        "on the middle of the selection"
    );
    h.key_press_modifiers(Modifiers::COMMAND, Key::Z);
    h.run();
    assert_eq!(xs(&h), before, "one undo puts them back");
}

#[test]
fn find_selects_the_matching_nodes_and_escape_closes_it() {
    let mut h = app_with(std::path::Path::new("presets/microservices.ron"));
    h.key_press_modifiers(Modifiers::COMMAND, Key::F);
    h.run();
    h.event(egui::Event::Text("database".into()));
    h.run();
    h.get_by_label("2 matches (Enter selects them all)");
    h.key_press(Key::Enter);
    h.run();
    let mut selected: Vec<String> = h.state().canvas.selection().nodes.iter().cloned().collect();
    selected.sort();
    assert_eq!(selected, ["db1", "db2"]);
    h.key_press(Key::Escape);
    h.run();
    assert!(!h.state().find.open, "Escape closes the find bar");
    assert_eq!(
        h.state().canvas.selection().nodes.len(),
        2,
        "and keeps what it selected"
    );
}

#[test]
fn the_inspector_edits_props_with_fitting_widgets() {
    let mut h = app();
    h.run();
    h.get_by_label("RDS").click();
    h.run();
    h.snapshot("inspector");
    let id = h.state().doc.board.nodes[0].id.clone();
    let prop = |h: &egui_kittest::Harness<'_, archboard::ui::App>, key: &str| {
        h.state().doc.board.node(&id).unwrap().prop(key).map(str::to_owned)
    };
    assert_eq!(prop(&h, "multi_az"), None);
    // A boolean prop is a checkbox labelled by the prop's name.
    h.get_by_role_and_label(egui::accesskit::Role::CheckBox, "multi az")
        .click();
    h.run();
    assert_eq!(prop(&h, "multi_az").as_deref(), Some("true"));
    // A number prop is a text field that commits on Enter, one undo step.
    h.get_by_role_and_label(egui::accesskit::Role::TextInput, "monthly cost usd")
        .click();
    h.run();
    h.event(egui::Event::Text("120".into()));
    h.run();
    h.key_press(Key::Enter);
    h.run();
    assert_eq!(prop(&h, "monthly_cost_usd").as_deref(), Some("120"));
    h.key_press_modifiers(Modifiers::COMMAND, Key::Z);
    h.run();
    assert_eq!(prop(&h, "monthly_cost_usd"), None, "one undo removes the figure");
    assert_eq!(prop(&h, "multi_az").as_deref(), Some("true"));
}

#[test]
fn the_gallery_opens_a_preset_and_inserts_another_beside_it_in_one_step() {
    let mut h = app();
    h.run();
    h.get_by_label("Browse reference architectures…").click();
    h.run();
    h.get_by_label("Open Event-driven microservices").click();
    h.run();
    let cells = h.state().doc.board.clone();
    assert_eq!(cells, archboard::presets::board("event_driven_microservices").unwrap());
    h.key_press_modifiers(Modifiers::COMMAND | Modifiers::SHIFT, Key::N);
    h.run();
    h.snapshot("gallery");
    h.get_by_label("Insert Real-time analytics pipeline").click();
    h.run();
    let both = &h.state().doc.board;
    let micro = archboard::presets::board("realtime_analytics").unwrap();
    assert_eq!(both.nodes.len(), cells.nodes.len() + micro.nodes.len());
    assert!(archboard::model::validate(both).is_empty(), "ids stay unique");
    let right_of_cells = cells.bounds().unwrap();
    let inserted: Vec<_> = both.nodes[cells.nodes.len()..].iter().collect();
    assert!(
        inserted.iter().all(|n| n.at.0 > right_of_cells.x + right_of_cells.w),
        "placed beside"
    );
    h.key_press_modifiers(Modifiers::COMMAND, Key::Z);
    h.run();
    assert_eq!(h.state().doc.board, cells, "one undo removes the whole insertion");
}

#[test]
fn unsaved_work_is_copied_and_offered_after_a_crash() {
    let tmp = tempfile::tempdir().unwrap();
    let dir = tmp.path().to_path_buf();
    {
        let mut h = app();
        h.state_mut().recovery_enabled(dir.clone());
        h.run();
        h.get_by_label("EFS").click();
        h.run();
        // The first change is copied at once; the app "crashes" here (the harness is dropped
        // without quitting, which releases the session as a killed process would).
    }
    let files: Vec<_> = std::fs::read_dir(&dir)
        .unwrap()
        .map(|e| e.unwrap().file_name())
        .collect();
    assert!(files.len() >= 2, "a copy and its header were written: {files:?}");
    let mut h = app();
    h.state_mut().recovery_enabled(dir.clone());
    h.run();
    h.get_by_label("Restore unsaved work?");
    h.get_by_label("Restore").click();
    h.run();
    let board = &h.state().doc.board;
    assert_eq!(board.nodes.len(), 1);
    assert_eq!(board.nodes[0].service, "efs");
    assert!(h.state().doc.is_dirty(), "restored work still needs saving");
}

#[test]
fn pasting_a_mermaid_chart_adds_its_graph_and_auto_layout_undoes_in_one_step() {
    let mut h = app();
    h.run();
    h.event(egui::Event::Paste(
        "graph LR\n  U[Users] --> A[API Gateway]\n  A --> L[Order Lambda]\n  L -.-> Q[SQS Queue]\n".into(),
    ));
    h.run();
    let b = h.state().doc.board.clone();
    let services: Vec<&str> = b.nodes.iter().map(|n| n.service.as_str()).collect();
    assert_eq!(services, ["client", "api_gateway", "lambda", "sqs"]);
    assert_eq!(b.edges.len(), 3);
    assert_eq!(b.edges[2].mode, EdgeMode::Async);
    // scramble one node, then auto layout, then undo restores the scrambled board
    h.key_press(Key::Escape);
    h.run();
    let id = b.nodes[0].id.clone();
    let at = screen_of(&h, &id);
    drag(&mut h, at, at + vec2(0.0, 200.0), Modifiers::NONE);
    let scrambled = h.state().doc.board.clone();
    h.key_press_modifiers(Modifiers::COMMAND | Modifiers::SHIFT, Key::L);
    h.run();
    assert_ne!(h.state().doc.board, scrambled, "auto layout moved nodes");
    h.key_press_modifiers(Modifiers::COMMAND, Key::Z);
    h.run();
    assert_eq!(h.state().doc.board, scrambled);
}

/// Every node's position by id, in board order: what a drag may change.
fn positions(h: &egui_kittest::Harness<'_, archboard::ui::App>) -> Vec<(String, archboard::model::Point)> {
    h.state().doc.board.nodes.iter().map(|n| (n.id.clone(), n.at)).collect()
}

/// Whether the canvas shows node `id` (as the button it describes to screen readers) centred
/// within a grid step of `at`: where a drag in progress has taken it.
fn shows_near(h: &egui_kittest::Harness<'_, archboard::ui::App>, id: &str, at: egui::Pos2) -> bool {
    let Some(label) = h.state().doc.board.node(id).map(|n| n.label.clone()) else {
        return false;
    };
    h.query_all_by_label(&label)
        .any(|n| n.rect().center().distance(at) < 25.0)
}

/// The board after one undoable step: its second node nudged right with the arrow key.
fn board_with_one_step() -> (egui_kittest::Harness<'static, archboard::ui::App>, String) {
    let file = preset_file("event_driven_kinesis");
    let mut h = app_with(&file.path);
    let nudged = h.state().doc.board.nodes[1].id.clone();
    let p = screen_of(&h, &nudged);
    click_at(&mut h, p, Modifiers::NONE);
    h.key_press(Key::ArrowRight);
    h.run();
    assert_eq!(h.state().doc.history.undo_len(), 1, "the nudge is one step");
    (h, nudged)
}

#[test]
fn undo_in_the_middle_of_a_drag_cancels_the_drag_and_undoes_the_step_before_it() {
    let (mut h, nudged) = board_with_one_step();
    h.key_press_modifiers(Modifiers::COMMAND, Key::Z);
    h.run();
    let original = positions(&h);
    h.key_press_modifiers(Modifiers::COMMAND | Modifiers::SHIFT, Key::Z);
    h.run();
    let redone = positions(&h);
    let dragged = h.state().doc.board.nodes[0].id.clone();
    let from = screen_of(&h, &dragged);
    press_and_move(&mut h, from, from + vec2(60.0, 40.0), Modifiers::NONE);
    assert!(shows_near(&h, &dragged, from + vec2(60.0, 40.0)), "the drag shows");
    assert_eq!(positions(&h), redone, "the document changes only when the drag ends");
    h.key_press_modifiers(Modifiers::COMMAND, Key::Z);
    h.run();
    move_to(&mut h, from + vec2(60.0, 40.0), from + vec2(120.0, 80.0));
    release(&mut h, from + vec2(120.0, 80.0), Modifiers::NONE);
    assert_eq!(
        positions(&h),
        original,
        "the drag is cancelled and the nudge before it undone; no other node moved"
    );
    let history = &h.state().doc.history;
    assert_eq!(history.undo_len(), 0);
    let name = h.state().doc.board.node(&nudged).unwrap().label.clone();
    assert_eq!(
        history.redo_label(),
        Some(format!("Move {name}").as_str()),
        "the nudge can be redone"
    );
    assert!(!h.state().doc.is_dirty());
}

#[test]
fn delete_in_the_middle_of_a_drag_deletes_the_dragged_node_and_moves_no_other() {
    let file = preset_file("event_driven_kinesis");
    let mut h = app_with(&file.path);
    let original = positions(&h);
    let edges = h.state().doc.board.edges.clone();
    let dragged = original[0].0.clone();
    let from = screen_of(&h, &dragged);
    press_and_move(&mut h, from, from + vec2(60.0, 40.0), Modifiers::NONE);
    h.key_press(Key::Delete);
    h.run();
    move_to(&mut h, from + vec2(60.0, 40.0), from + vec2(120.0, 80.0));
    release(&mut h, from + vec2(120.0, 80.0), Modifiers::NONE);
    let rest: Vec<_> = original.iter().filter(|(id, _)| *id != dragged).cloned().collect();
    assert_eq!(positions(&h), rest, "the dragged node is gone and the others stay put");
    assert!(
        h.state()
            .doc
            .board
            .edges
            .iter()
            .all(|e| e.from != dragged && e.to != dragged)
    );
    let history = &h.state().doc.history;
    assert_eq!(history.undo_len(), 1, "the delete is the one step; the drag left none");
    assert!(history.undo_label().is_some_and(|l| l.starts_with("Delete")));
    h.key_press_modifiers(Modifiers::COMMAND, Key::Z);
    h.run();
    assert_eq!(
        positions(&h),
        original,
        "undo brings it back where it was before the drag"
    );
    assert_eq!(h.state().doc.board.edges, edges);
}

#[test]
fn new_in_the_middle_of_a_drag_cancels_the_drag_before_asking() {
    let (mut h, _) = board_with_one_step();
    let before = positions(&h);
    let dragged = before[0].0.clone();
    let from = screen_of(&h, &dragged);
    press_and_move(&mut h, from, from + vec2(60.0, 40.0), Modifiers::NONE);
    h.key_press_modifiers(Modifiers::COMMAND, Key::N);
    h.run();
    h.get_by_label("Unsaved changes");
    assert_eq!(positions(&h), before, "the drag is undone before the question");
    move_to(&mut h, from + vec2(60.0, 40.0), from + vec2(120.0, 80.0));
    release(&mut h, from + vec2(120.0, 80.0), Modifiers::NONE);
    h.get_by_label("Cancel").click();
    h.run();
    assert_eq!(positions(&h), before, "letting go after the question moves nothing");
    assert_eq!(h.state().doc.history.undo_len(), 1, "the history is intact");
}

#[test]
fn the_command_palette_finds_a_command_by_name_and_runs_it() {
    let mut h = app_with(std::path::Path::new("presets/microservices.ron"));
    h.key_press_modifiers(Modifiers::COMMAND, Key::K);
    h.run();
    h.get_by_label("Command");
    h.event(egui::Event::Text("dark".into()));
    h.run();
    h.get_by_label("Dark theme");
    h.key_press(Key::Enter);
    h.run();
    assert_eq!(
        h.state().theme,
        archboard::render::Theme::Dark,
        "Enter ran the first match"
    );
    assert!(h.query_by_label("Command").is_none(), "and closed the palette");

    h.key_press_modifiers(Modifiers::COMMAND, Key::K);
    h.run();
    h.event(egui::Event::Text("select".into()));
    h.run();
    h.key_press(Key::ArrowDown);
    h.key_press(Key::ArrowUp);
    h.key_press(Key::Enter);
    h.run();
    assert_eq!(
        h.state().canvas.selection().nodes.len(),
        h.state().doc.board.nodes.len(),
        "\"select\" runs Select all"
    );
    h.key_press_modifiers(Modifiers::COMMAND, Key::K);
    h.run();
    h.key_press(Key::Escape);
    h.run();
    assert!(h.query_by_label("Command").is_none(), "Escape closes it");
}

#[test]
fn labels_in_five_scripts_draw_every_glyph_on_the_canvas() {
    let (_dir, path, labels) = five_scripts_board();
    let mut h = app_with(&path);
    // The retained picture holds the labels as pixels; this test reads the text shapes.
    h.state_mut().canvas.set_retained(false);
    h.remove_cursor();
    h.run();
    let image = h.render().expect("renders");
    let font = egui::FontId::proportional(12.5);
    for label in &labels {
        for c in label.chars().filter(|c| !c.is_whitespace()) {
            assert!(h.ctx.fonts_mut(|f| f.has_glyph(&font, c)), "no font has {c:?}");
        }
        for (c, ink) in label_ink(h.output(), &image, label) {
            assert!(
                c.is_whitespace() || ink >= 4,
                "{c:?} of {label:?} has {ink} pixels of ink"
            );
        }
    }
    h.snapshot("five_scripts");
}

#[test]
fn quitting_with_dont_save_leaves_no_recovery_copy_to_offer() {
    let tmp = tempfile::tempdir().unwrap();
    let dir = tmp.path().to_path_buf();
    {
        let mut h = app();
        h.state_mut().recovery_enabled(dir.clone());
        h.run();
        h.get_by_label("EFS").click();
        h.run();
        assert!(std::fs::read_dir(&dir).unwrap().count() >= 2, "the change was copied");
        h.key_press_modifiers(Modifiers::COMMAND, Key::Q);
        h.run();
        h.get_by_label("Don't save").click();
        // The frames until the window is gone.
        h.run();
        h.run();
    }
    let left: Vec<_> = std::fs::read_dir(&dir)
        .unwrap()
        .map(|e| e.unwrap().file_name())
        .filter(|n| !n.to_string_lossy().ends_with(".lock"))
        .collect();
    assert!(left.is_empty(), "Don't save discards the copy too: {left:?}");
    let mut h = app();
    h.state_mut().recovery_enabled(dir);
    h.run();
    assert!(
        h.query_by_label("Restore unsaved work?").is_none(),
        "nothing offered back"
    );
}

#[test]
fn a_label_cut_on_its_card_shows_whole_in_a_tooltip() {
    use archboard::model::{Board, Node, Point};
    let long = format!("Orders service that {}", "does a great many things ".repeat(12));
    let mut board = Board::new("long");
    board
        .nodes
        .push(Node::new("a", "lambda", long.clone(), Point(0.0, 0.0)));
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("long.ron");
    archboard::io::save(&path, &board).unwrap();
    let mut h = app_with(&path);
    // The canvas names each card for screen readers; the tooltip is a second element.
    let before = h.query_all_by_label(&long).count();
    let at = screen_of(&h, "a");
    h.hover_at(at);
    for _ in 0..60 {
        h.step();
    }
    assert!(
        h.query_all_by_label(&long).count() > before,
        "the full label in a tooltip"
    );
}

/// No two cards overlap, no card crosses a group border, and every card is on the canvas.
fn assert_tidy(h: &egui_kittest::Harness<'_, archboard::ui::App>, what: &str) {
    use archboard::model::node_rect;
    let b = &h.state().doc.board;
    for (i, a) in b.nodes.iter().enumerate() {
        for c in &b.nodes[i + 1..] {
            assert!(
                !node_rect(a).intersects(node_rect(c)),
                "{what}: {} overlaps {}",
                a.id,
                c.id
            );
        }
        for g in &b.groups {
            let r = node_rect(a);
            assert!(
                g.rect.contains_rect(r) || !g.rect.intersects(r),
                "{what}: {} lies across the border of {}",
                a.id,
                g.id
            );
        }
        let canvas = h.state().canvas.screen_rect();
        assert!(canvas.contains(screen_of(h, &a.id)), "{what}: {} is off screen", a.id);
    }
}

#[test]
fn adding_duplicating_and_pasting_never_stack_new_things_on_old() {
    let file = preset_file("microservices");
    let mut h = app_with(&file.path);
    // What a click on a palette item sends (the palette's own widget is tested above).
    for _ in 0..3 {
        h.state_mut().send(archboard::ui::Command::AddService {
            service: "lambda".into(),
            at: None,
        });
        h.run();
    }
    assert_tidy(&h, "three clicks on Lambda");
    for _ in 0..2 {
        h.key_press_modifiers(Modifiers::COMMAND, Key::D);
        h.run();
    }
    assert_tidy(&h, "Ctrl+D twice");
    let before = h.state().doc.board.nodes.len();
    h.event(egui::Event::Paste(
        "graph LR\n  U[Users] --> A[API Gateway]\n  A --> L[Order Lambda]\n  L -.-> Q[SQS Queue]\n".into(),
    ));
    h.run();
    assert_eq!(h.state().doc.board.nodes.len(), before + 4);
    assert_tidy(&h, "a pasted chart");
    h.get_by_label("Pasted 4 nodes");
}

#[test]
fn pasting_text_that_is_no_board_says_so() {
    let mut h = app();
    h.run();
    h.event(egui::Event::Paste("just some words".into()));
    h.run();
    assert!(h.state().doc.board.nodes.is_empty());
    h.get_by_label("Nothing pasted: the clipboard holds no board or chart archboard reads");
}

#[test]
fn ctrl_g_makes_a_node_seen_inside_the_new_group_a_member_in_one_undo_step() {
    use archboard::model::{Board, Node, Point};
    let mut board = Board::new("row");
    for (id, x) in [("a", 0.0), ("middle", 200.0), ("b", 400.0)] {
        board.nodes.push(Node::new(id, "lambda", id, Point(x, 0.0)));
    }
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("row.ron");
    archboard::io::save(&path, &board).unwrap();
    let mut h = app_with(&path);
    let p = screen_of(&h, "a");
    click_at(&mut h, p, Modifiers::NONE);
    let p = screen_of(&h, "b");
    click_at(&mut h, p, Modifiers::SHIFT);
    h.key_press_modifiers(Modifiers::COMMAND, Key::G);
    h.run();
    let b = &h.state().doc.board;
    let g = b.groups[0].id.clone();
    assert_eq!(
        b.node("middle").unwrap().group.as_deref(),
        Some(g.as_str()),
        "inside the box, so grouped"
    );
    h.key_press_modifiers(Modifiers::COMMAND, Key::Z);
    h.run();
    assert_eq!(h.state().doc.board, board, "one undo step takes it all back");
}

#[test]
fn the_status_bar_and_the_review_panel_count_findings_alike_in_every_state() {
    let file = preset_file("microservices");
    let mut h = app();
    h.run();
    let both_say = |h: &egui_kittest::Harness<'_, archboard::ui::App>, what: &str| {
        let summary =
            archboard::critique::review(&h.state().doc.board, archboard::catalog::Catalog::builtin()).summary();
        assert_eq!(
            h.query_all_by_label(&summary).count(),
            2,
            "{what}: both say {summary:?}"
        );
    };
    both_say(&h, "an empty board");
    h.state_mut().open_path(&file.path);
    h.run();
    both_say(&h, "a preset");
    h.state_mut().send(archboard::ui::Command::ToggleTenX);
    h.run();
    h.run();
    both_say(&h, "what breaks at 10x");
}

#[test]
fn the_right_panel_never_grows_past_its_cap_with_wide_content() {
    let mut board = archboard::presets::board("microservices").unwrap();
    board.title = "A very long board title that goes on and on ".repeat(8);
    // An unbroken label: named in findings, the inspector and the numbers.
    board.nodes[0].label = "word".repeat(80);
    let id = board.nodes[0].id.clone();
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("wide.ron");
    archboard::io::save(&path, &board).unwrap();
    let mut h = app_with(&path);
    h.state_mut().send(archboard::ui::Command::ToggleNumbers);
    h.run();
    for header in ["Security", "Reliability", "Monitoring", "Performance", "Cost"] {
        let found = h.query_all_by_label_contains(header).next().is_some();
        if found {
            h.query_all_by_label_contains(header).next().unwrap().click();
            h.run();
        }
    }
    let p = screen_of(&h, &id);
    click_at(&mut h, p, Modifiers::NONE);
    for _ in 0..10 {
        h.run();
    }
    let panel = 1280.0 - h.state().canvas.screen_rect().right();
    assert!(panel <= 430.0, "the right panel is {panel} points wide");
}

#[test]
fn a_status_message_gives_way_to_the_next_action_and_to_time() {
    let file = preset_file("microservices");
    let mut h = app_with(&file.path);
    h.get_by_label("Opened microservices.ron");
    h.state_mut().send(archboard::ui::Command::ToggleGrid);
    h.run();
    assert!(
        h.query_by_label("Opened microservices.ron").is_none(),
        "the next action replaces it"
    );
    h.key_press_modifiers(Modifiers::COMMAND, Key::Z);
    h.run();
    h.get_by_label("Nothing to undo");
    for _ in 0..(7 * 60) {
        h.step();
    }
    assert!(
        h.query_by_label("Nothing to undo").is_none(),
        "gone after a few seconds"
    );
}

/// File > Import of a template remembers it; after the user moves a box and the template
/// changes, File > Reimport takes the change over as one undo step, the moved box staying put.
#[test]
fn reimport_refreshes_a_template_keeping_what_the_user_moved() {
    let dir = tempfile::tempdir().unwrap();
    let template = dir.path().join("queue.yaml");
    let v1 = "AWSTemplateFormatVersion: '2010-09-09'\nResources:\n  Queue:\n    Type: AWS::SQS::Queue\n  Worker:\n    Type: AWS::Lambda::Function\n    Properties:\n      Runtime: python3.12\n      Handler: index.handler\n      Code: { ZipFile: x }\n  Mapping:\n    Type: AWS::Lambda::EventSourceMapping\n    Properties:\n      EventSourceArn: !GetAtt Queue.Arn\n      FunctionName: !Ref Worker\n";
    std::fs::write(&template, v1).unwrap();
    let mut h = common::app_with(&template);
    let board = &h.state().doc.board;
    assert_eq!(board.nodes.len(), 2);
    let source = board.source.clone().expect("the board remembers its source");
    assert!(
        source.ends_with("queue.yaml") && std::path::Path::new(&source).is_absolute(),
        "{source}"
    );

    // The user drags the queue down by 200 points.
    let laid_out = h.state().doc.board.node("Queue").unwrap().at;
    let from = common::screen_of(&h, "Queue");
    let moved_to = from + egui::vec2(0.0, 200.0);
    common::drag(&mut h, from, moved_to, egui::Modifiers::NONE);
    h.run();
    let queue_at = h.state().doc.board.node("Queue").unwrap().at;
    assert!(
        (queue_at.1 - laid_out.1).abs() > 100.0,
        "the drag moved it: {laid_out:?} -> {queue_at:?}"
    );

    // The template gains a table the function writes to.
    let v2 = format!(
        "{v1}  Table:\n    Type: AWS::DynamoDB::Table\n    Properties:\n      BillingMode: PAY_PER_REQUEST\n  Writer:\n    Type: AWS::IAM::Policy\n    Properties:\n      PolicyName: w\n      Roles: [r]\n      PolicyDocument:\n        Statement:\n          - Effect: Allow\n            Action: dynamodb:PutItem\n            Resource: !GetAtt Table.Arn\n"
    );
    std::fs::write(&template, v2).unwrap();
    h.state_mut().send(archboard::ui::Command::Reimport);
    h.run();
    let board = &h.state().doc.board;
    assert_eq!(board.node("Queue").map(|n| n.at), Some(queue_at), "the moved box stays");
    assert!(board.node("Table").is_some(), "the new table is on the board");
    assert_eq!(h.state().doc.history.undo_label(), Some("Reimport"));
    let notice = h.state().notice.as_ref().map(|n| n.text.clone()).unwrap_or_default();
    assert!(notice.contains("1 added"), "{notice}");

    // One undo takes the reimport back whole.
    h.state_mut().send(archboard::ui::Command::Undo);
    h.run();
    assert!(h.state().doc.board.node("Table").is_none());
    assert_eq!(h.state().doc.board.node("Queue").map(|n| n.at), Some(queue_at));
}
