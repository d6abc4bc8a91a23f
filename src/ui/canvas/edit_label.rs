//! Typing a node or edge label in place on the canvas: Enter keeps it (one undo step through
//! a command), Escape drops it.

use egui::{Key, Pos2, Rect as ScreenRect, vec2};

use super::Canvas;
use crate::model::node_rect;
use crate::render;
use crate::ui::commands::{Command, Commands};
use crate::ui::document::Document;

/// Text being edited in place on the canvas.
#[derive(Clone, Debug)]
pub(super) struct Editing {
    pub(super) target: EditTarget,
    pub(super) text: String,
    pub(super) focused: bool,
}

#[derive(Clone, Debug, PartialEq)]
pub(super) enum EditTarget {
    Node(String),
    Edge(usize),
}

impl Canvas {
    /// Starts typing the label of the one selected node, or else of a selected edge.
    pub fn edit_selected_label(&mut self, doc: &Document) {
        if let [id] = self.selected_nodes().as_slice() {
            self.start_editing(doc, EditTarget::Node(id.clone()));
        } else if let Some(&i) = self.marks.selection.edge_indices().first() {
            self.start_editing(doc, EditTarget::Edge(i));
        }
    }

    /// Starts typing the label of node `id` (a new sticky note).
    pub fn edit_node_label(&mut self, doc: &Document, id: String) {
        self.start_editing(doc, EditTarget::Node(id));
    }

    pub(super) fn start_editing(&mut self, doc: &Document, target: EditTarget) {
        let text = match &target {
            EditTarget::Node(id) => doc.board.node(id).map(|n| n.label.clone()),
            EditTarget::Edge(i) => doc.board.edges.get(*i).map(|e| e.label.clone()),
        };
        if let Some(text) = text {
            self.editing = Some(Editing {
                target,
                text,
                focused: false,
            });
        }
    }

    /// Ends typing a label: asks for it to be set when `keep`, else drops it.
    pub(super) fn finish_editing(&mut self, doc: &Document, commands: &mut Commands, keep: bool) {
        let Some(e) = self.editing.take() else { return };
        if !keep {
            return;
        }
        let command = match e.target {
            EditTarget::Node(node) => Command::SetLabel { node, label: e.text },
            EditTarget::Edge(edge) => match doc.board.edges.get(edge) {
                Some(old) => Command::SetEdge {
                    edge,
                    label: e.text,
                    mode: old.mode,
                },
                None => return,
            },
        };
        commands.push(command);
    }

    pub(super) fn label_editor(&mut self, ui: &mut egui::Ui, doc: &Document, commands: &mut Commands) {
        let Some(editing) = &mut self.editing else { return };
        let rect = match &editing.target {
            EditTarget::Node(id) => doc.board.node(id).map(|n| {
                let r = self.view.rect_to_screen(node_rect(n));
                ScreenRect::from_min_max(
                    Pos2::new(r.left() - 20.0, r.bottom() - 34.0),
                    Pos2::new(r.right() + 20.0, r.bottom() - 6.0),
                )
            }),
            EditTarget::Edge(i) => self
                .marks
                .routes
                .as_deref()
                .and_then(|routes| render::edge_label_at(&doc.board, routes, *i))
                .map(|at| ScreenRect::from_center_size(self.view.to_screen(at), vec2(180.0, 26.0))),
        };
        let Some(rect) = rect else {
            self.editing = None;
            return;
        };
        let id = egui::Id::unique("canvas-label-editor");
        let out = ui.put(
            rect,
            egui::TextEdit::singleline(&mut editing.text)
                .id(id)
                .align(egui::Align2::CENTER_CENTER),
        );
        let out = out.on_hover_text("Enter to keep, Escape to cancel");
        out.widget_info(|| egui::WidgetInfo::labeled(egui::Role::TextInput, true, "Label"));
        if !editing.focused {
            out.request_focus();
            editing.focused = true;
        }
        let (enter, escape) = ui.input(|i| (i.key_pressed(Key::Enter), i.key_pressed(Key::Escape)));
        if escape {
            self.finish_editing(doc, commands, false);
        } else if enter || out.lost_focus() {
            self.finish_editing(doc, commands, true);
        }
    }
}
