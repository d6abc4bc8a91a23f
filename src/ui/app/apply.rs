//! The command applier: the one place where the app's commands change the document, the
//! canvas and the window, once per frame, in the order they were asked for.

use egui::Context;

use super::{App, Discard};
use crate::catalog::Catalog;
use crate::history::ops;
use crate::model::{GroupKind, NODE_SIZE, NOTE_SIZE, Rect, free_spot, node_rect};
use crate::render::{Selection, Theme};
use crate::ui::canvas::{Finished, GRID};
use crate::ui::commands::Command;
use crate::ui::files::FileTask;

impl App {
    /// Asks for `command` to be carried out at the end of the frame, like a menu click.
    pub fn send(&mut self, command: Command) {
        self.commands.push(command);
    }

    /// Carries out every command asked for during this frame.
    pub(super) fn apply_commands(&mut self, ctx: &Context) {
        let commands = self.commands.take();
        if !commands.is_empty() {
            // What a command changed shows on the next frame: ask for it, even when no input
            // arrives (a command sent from outside the frame, such as a test's).
            ctx.request_repaint();
        }
        for command in commands {
            self.apply(command, ctx);
        }
        // The round's log follows the drawing as the commands left it.
        self.practice.record(&mut self.doc, ctx.input(|i| i.time));
    }

    /// Carries out one command.
    fn apply(&mut self, command: Command, ctx: &Context) {
        // The last action's message gives way to this one's (or to none).
        self.notice = None;
        if !command.leaves_the_board_alone() {
            // A drag in progress is dropped first, so the release after the command moves
            // nothing that the command has changed or removed.
            self.canvas.cancel_gesture();
        }
        let doc = &mut self.doc;
        let canvas = &mut self.canvas;
        match command {
            Command::New => self.guard(Discard::New, ctx),
            Command::NewFromPreset => self.gallery_open = true,
            Command::Open => self.guard(Discard::Open(None), ctx),
            Command::OpenRecent(path) => self.guard(Discard::Open(Some(path)), ctx),
            Command::OpenPreset(id) => self.guard(Discard::Preset(id), ctx),
            Command::InsertPreset(id) => match crate::ui::gallery::insert(&doc.board, &id) {
                Ok(inserted) => {
                    doc.apply(inserted.edit);
                    canvas.select_nodes(inserted.nodes);
                    canvas.fit_pending = true;
                    self.say(format!("Inserted the \"{id}\" preset"));
                }
                Err(e) => self.complain(e),
            },
            Command::Save => self.save(false, None, ctx),
            Command::SaveAs => self.save(true, None, ctx),
            Command::Quit => self.guard(Discard::Quit, ctx),
            Command::Undo => match doc.history.undo(&mut doc.board) {
                Some(label) => {
                    canvas.forget_missing(&doc.board);
                    self.say(format!("Undid: {label}"));
                }
                None => self.say("Nothing to undo"),
            },
            Command::Redo => match doc.history.redo(&mut doc.board) {
                Some(label) => {
                    canvas.forget_missing(&doc.board);
                    self.say(format!("Redid: {label}"));
                }
                None => self.say("Nothing to redo"),
            },
            Command::ExportPng => self.choose(FileTask::Export("png"), ctx),
            Command::ExportSvg => self.choose(FileTask::Export("svg"), ctx),
            Command::ExportMermaid => self.choose(FileTask::Export("mmd"), ctx),
            Command::ExportDrawio => self.choose(FileTask::Export("drawio"), ctx),
            Command::ExportExcalidraw => self.choose(FileTask::Export("excalidraw"), ctx),
            Command::Import => self.choose(FileTask::Import, ctx),
            Command::ImportFolder => self.choose(FileTask::ImportFolder, ctx),
            Command::Reimport => self.reimport(),
            Command::AutoLayout => {
                let direction = crate::layout::Direction::guess(&doc.board);
                doc.apply(crate::layout::auto_layout_edit(&doc.board, direction));
                canvas.fit_pending = true;
                let said = format!("Laid out {}", crate::text::count(doc.board.nodes.len(), "node"));
                self.say(said);
            }
            Command::AutoLayoutIn(direction) => {
                doc.apply(crate::layout::auto_layout_edit(&doc.board, direction));
                canvas.fit_pending = true;
                let said = format!("Laid out {}", crate::text::count(doc.board.nodes.len(), "node"));
                self.say(said);
            }
            Command::CopyImage => self.copy_image(ctx),
            Command::ToggleGrid => {
                self.show_grid = !self.show_grid;
                self.remember_settings();
            }
            Command::ToggleTheme => {
                self.theme = if self.theme == Theme::Light {
                    Theme::Dark
                } else {
                    Theme::Light
                };
                self.apply_theme(ctx);
                self.remember_settings();
            }
            Command::ToggleNumbers => {
                self.show_numbers = !self.show_numbers;
                if self.show_numbers {
                    self.numbers_state.reveal();
                }
                self.remember_settings();
            }
            Command::ToggleTenX => {
                self.numbers_state.ten_x = !self.numbers_state.ten_x;
                if self.numbers_state.ten_x {
                    // The 10x figures are shown on the canvas: turn the numbers on to see them.
                    self.show_numbers = true;
                    self.numbers_state.reveal();
                    self.remember_settings();
                }
            }
            Command::EstimateLoad => {
                self.show_numbers = true;
                self.numbers_state.reveal();
                self.remember_settings();
            }
            Command::SetClientLoad { node, rps, avg_rps } => {
                let edit = ops::update_node(&doc.board, &node, &format!("Set estimated load on {node}"), |n| {
                    n.props.insert("rps".to_owned(), rps);
                    n.props.insert("avg_rps".to_owned(), avg_rps);
                });
                doc.apply(edit);
            }
            Command::Shortcuts => self.shortcuts_open = !self.shortcuts_open,
            Command::CommandPalette => self.command_palette.open(),
            Command::Find => self.find.open(),
            Command::SelectAll => canvas.select(Selection::all(&doc.board)),
            Command::SelectNodes(ids) => canvas.select_nodes(ids),
            Command::RevealNodes(ids) => canvas.reveal(&doc.board, &ids),
            Command::PracticeRound => self.practice.setup = Some(crate::ui::practice::Setup::default()),
            Command::StartRound {
                question,
                level,
                minutes,
            } => self.start_round(question, level, minutes, ctx),
            Command::NextPhase => {
                let now = ctx.input(|i| i.time);
                if let Some(round) = &mut self.practice.round {
                    round.next_phase(now);
                    self.practice.moved = None;
                }
            }
            Command::PauseRound => {
                let now = ctx.input(|i| i.time);
                if let Some(round) = &mut self.practice.round {
                    if round.state(now).paused {
                        round.resume(now);
                    } else {
                        round.pause(now);
                    }
                }
            }
            Command::EndRound => {
                let now = ctx.input(|i| i.time);
                if let Some(round) = &mut self.practice.round {
                    round.end(now);
                    self.practice.card_open = true;
                }
            }
            Command::ShowScorecard => self.practice.card_open = true,
            Command::ExportScorecard => self.export_scorecard(ctx),
            Command::ReplayRound => {
                if self.doc.board.round.as_ref().is_some_and(|r| !r.log.is_empty()) {
                    self.practice.replay = Some(crate::ui::practice::Replay::default());
                } else {
                    self.complain("Nothing to replay: this board has no recorded round");
                }
            }
            Command::ToggleHideReview => self.practice.hide_review = !self.practice.hide_review,
            Command::Delete => {
                let said = delete_selection(doc, canvas);
                self.say(said);
            }
            Command::Duplicate => {
                let picked = canvas.selection().node_ids();
                let offset = doc
                    .board
                    .nodes
                    .iter()
                    .filter(|n| picked.contains(&n.id))
                    .map(node_rect)
                    .reduce(Rect::union)
                    .map_or((0.0, 0.0), |b| {
                        let c = b.centre();
                        let at = free_spot(
                            &doc.board,
                            (b.w, b.h),
                            c.offset(GRID * 2.0, GRID * 2.0),
                            Some(canvas.world_view()),
                        );
                        (at.0 - c.0, at.1 - c.1)
                    });
                let (edit, ids) = ops::duplicate(&doc.board, &picked, offset);
                doc.apply(edit);
                doc.amend(|b| ops::update_membership(b, &ids));
                canvas.show_nodes(&doc.board, &ids);
                let said = format!("Duplicated {}", crate::text::count(ids.len(), "node"));
                canvas.select_nodes(ids);
                self.say(said);
            }
            Command::Copy => canvas.copy(doc, ctx),
            Command::Cut => {
                canvas.copy(doc, ctx);
                let said = delete_selection(doc, canvas).replacen("Delete", "Cut", 1);
                self.say(said);
            }
            Command::Paste => {
                let result = match canvas.copied() {
                    Some(text) => paste(doc, canvas, &text),
                    None => Ok("Nothing to paste: copy something first".to_owned()),
                };
                self.report(result);
            }
            // Text that is not a board (plain words, another app's data) is reported and left.
            Command::PasteText(text) => {
                let result = paste(doc, canvas, &text);
                self.report(result);
            }
            Command::Group => {
                let kind = canvas.group_kind;
                group_selection(doc, canvas, kind);
            }
            Command::GroupAs(kind) => group_selection(doc, canvas, kind),
            Command::AddEmptyGroup(kind) => {
                let rect = Rect::centred(canvas.centre(), (360.0, 240.0));
                let (edit, id) = ops::add_group(&doc.board, kind, kind.title(), rect);
                doc.apply(edit);
                canvas.select(Selection::of([], [id]));
            }
            Command::Align(how) => {
                let nodes = canvas.selection().node_ids();
                let edit = ops::align(&doc.board, &nodes, how);
                if !edit.is_empty() {
                    doc.apply(edit);
                    doc.amend(|b| ops::update_membership(b, &nodes));
                }
            }
            Command::Nudge { dx, dy } => {
                let selection = canvas.selection();
                if !(selection.nodes.is_empty() && selection.groups.is_empty()) {
                    let nodes = selection.node_ids();
                    doc.apply(ops::move_items(&doc.board, &nodes, &selection.group_ids(), dx, dy));
                    doc.amend(|b| ops::update_membership(b, &nodes));
                }
            }
            Command::EditLabel => canvas.edit_selected_label(doc),
            Command::AddNote => {
                let id = add_service(doc, canvas, "note", None);
                canvas.edit_node_label(doc, id);
            }
            Command::AddService { service, at } => {
                add_service(doc, canvas, &service, at);
            }
            Command::ZoomIn => canvas.zoom_by(1.25),
            Command::ZoomOut => canvas.zoom_by(0.8),
            Command::ZoomReset => canvas.zoom_by(1.0 / canvas.view.zoom),
            Command::Fit => canvas.fit(&doc.board, None),
            Command::FitSelection => {
                let ids = canvas.selection().nodes.clone();
                canvas.fit(&doc.board, Some(&ids));
            }
            Command::ChooseIconSet => self.choose(FileTask::IconSet, ctx),
            Command::UseOwnIcons => {
                self.use_icon_set(None);
                self.remember_settings();
            }
            Command::SetNodeStyle(style) => doc.apply(ops::set_meta(&doc.board, |m| m.node_style = style)),
            Command::SetTitle(title) => doc.apply(ops::set_meta(&doc.board, |m| m.title = title)),
            Command::SetNotes(notes) => doc.apply(ops::set_meta(&doc.board, |m| m.notes = notes)),
            Command::SetLabel { node, label } => doc.apply(ops::set_label(&doc.board, &node, &label)),
            Command::SetService { node, service } => doc.apply(ops::set_service(&doc.board, &node, &service)),
            Command::SetProp { node, key, value } => {
                doc.apply(ops::set_prop(&doc.board, &node, &key, value.as_deref()));
            }
            Command::SetEdge { edge, label, mode } => doc.apply(ops::set_edge(&doc.board, edge, &label, mode)),
            Command::SetEdgeProp { edge, key, value } => {
                doc.apply(ops::set_edge_prop(&doc.board, edge, &key, value.as_deref()));
            }
            Command::ReverseEdge(edge) => doc.apply(ops::reverse_edge(&doc.board, edge)),
            Command::SetEdgeStyle { edge, style } => doc.apply(ops::set_edge_style(&doc.board, edge, style)),
            Command::SetBoardEdgeStyle(style) => doc.apply(ops::set_meta(&doc.board, |m| m.edge_style = style)),
            Command::SetGroup { group, kind, label } => doc.apply(ops::set_group(&doc.board, &group, kind, &label)),
            Command::Connect { from, to } => {
                let before = doc.board.edges.len();
                doc.apply(ops::connect(&doc.board, &from, &to));
                if doc.board.edges.len() > before {
                    let mut selection = Selection::default();
                    selection.add_edge(&doc.board, before);
                    canvas.select(selection);
                }
            }
            Command::Chosen { task, path } => self.finish(task, path, ctx),
            Command::AnswerUnsaved(answer) => self.answer_unsaved(answer, ctx),
            Command::Restore(restore) => self.restore(restore),
            Command::FinishGesture => match canvas.finish_gesture() {
                Some(Finished::Move { nodes, groups, delta }) => {
                    doc.apply(ops::move_items(&doc.board, &nodes, &groups, delta.0, delta.1));
                    doc.amend(|b| ops::update_membership(b, &nodes));
                }
                Some(Finished::Resize { group, rect }) => {
                    doc.apply(ops::resize_group(&doc.board, &group, rect));
                    let all: Vec<String> = doc.board.nodes.iter().map(|n| n.id.clone()).collect();
                    doc.amend(|b| ops::update_membership(b, &all));
                }
                None => {}
            },
            Command::ApplyFix { fix, nodes } => {
                let (edit, added) = ops::fix(&doc.board, &fix, &nodes, Some(canvas.world_view()));
                doc.apply(edit);
                if let Some(id) = added {
                    doc.amend(|b| ops::update_membership(b, std::slice::from_ref(&id)));
                    canvas.select_nodes([id.clone()]);
                    canvas.show_nodes(&doc.board, &[id]);
                }
            }
            Command::AcceptFinding(accepted) => doc.apply(ops::set_meta(&doc.board, |m| m.accepted.push(accepted))),
            Command::Unaccept { rule, nodes } => doc.apply(ops::set_meta(&doc.board, |m| {
                m.accepted.retain(|a| !(a.rule == rule && a.nodes == nodes));
            })),
            Command::TickChecklist { item, ticked } => doc.apply(ops::set_meta(&doc.board, |m| {
                if ticked {
                    m.checklist.insert(item, true);
                } else {
                    m.checklist.remove(&item);
                }
            })),
        }
    }
}

/// Adds a service at `at` (default: the centre of the view, nudged off existing nodes),
/// selects it and makes it a member of the group it lands in; one undo step.
fn add_service(
    doc: &mut crate::ui::Document,
    canvas: &mut crate::ui::canvas::Canvas,
    service: &str,
    at: Option<crate::model::Point>,
) -> String {
    // Dropped where the user let go; clicked: the free spot nearest the middle of the view.
    let size = if service == "note" { NOTE_SIZE } else { NODE_SIZE };
    let at = at.unwrap_or_else(|| free_spot(&doc.board, size, canvas.centre(), Some(canvas.world_view())));
    let label = if service == "note" {
        "Note".to_owned()
    } else {
        Catalog::builtin()
            .get(service)
            .map(|s| s.short.clone())
            .unwrap_or_default()
    };
    let (edit, id) = ops::add_node(&doc.board, service, &label, at);
    doc.apply(edit);
    doc.amend(|b| ops::update_membership(b, std::slice::from_ref(&id)));
    canvas.select_nodes([id.clone()]);
    id
}

/// Deletes the selection in one undo step; returns what the status bar says.
fn delete_selection(doc: &mut crate::ui::Document, canvas: &mut crate::ui::canvas::Canvas) -> String {
    let s = canvas.selection();
    let edit = ops::delete(&doc.board, &s.node_ids(), &s.group_ids(), &s.edge_indices());
    let said = if edit.is_empty() {
        "Nothing selected to delete".to_owned()
    } else {
        edit.label.clone()
    };
    doc.apply(edit);
    canvas.select(Selection::default());
    said
}

/// Pastes RON text of a board (from this or another window), or any other format `interop`
/// reads (a mermaid flowchart, ...), near the view centre as one undo step, and selects what it
/// added at the free spot nearest the view's centre (see [`free_spot`]). False when the text
/// is nothing the app reads. Returns what the status bar says.
fn paste(doc: &mut crate::ui::Document, canvas: &mut crate::ui::canvas::Canvas, text: &str) -> Result<String, String> {
    let pasted = crate::interop::read_text(text, std::path::Path::new("clipboard"))
        .map(|i| i.board)
        .ok();
    let Some(pasted) = pasted.filter(|b| !b.nodes.is_empty() || !b.groups.is_empty()) else {
        return Err("Nothing pasted: the clipboard holds no board or chart archboard reads".to_owned());
    };
    let size = pasted.bounds().map_or(NODE_SIZE, |b| (b.w, b.h));
    let at = free_spot(&doc.board, size, canvas.centre(), Some(canvas.world_view()));
    let inserted = ops::paste(&doc.board, &pasted, at);
    let label = inserted.edit.label.replacen("Paste", "Pasted", 1);
    doc.apply(inserted.edit);
    doc.amend(|b| ops::update_membership(b, &inserted.nodes));
    canvas.show_nodes(&doc.board, &inserted.nodes);
    canvas.select(Selection::of(inserted.nodes, inserted.groups));
    Ok(label)
}

/// Wraps the selected nodes in a new group of `kind` and selects it.
fn group_selection(doc: &mut crate::ui::Document, canvas: &mut crate::ui::canvas::Canvas, kind: GroupKind) {
    let nodes = canvas.selection().node_ids();
    if nodes.is_empty() {
        return;
    }
    let (edit, id) = ops::wrap_in_group(&doc.board, &nodes, kind, kind.title());
    doc.apply(edit);
    canvas.group_kind = kind;
    canvas.select(Selection::of([], [id]));
}
