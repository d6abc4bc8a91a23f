//! The right-click menus of nodes, edges, groups and the empty canvas, read from the command
//! table.

use super::Canvas;
use super::hit::Hit;
use crate::history::ops::Alignment;
use crate::model::{EdgeMode, EdgeStyle, GroupKind};
use crate::render::Selection;
use crate::ui::commands::{Command, Commands, EDGE_STYLES};
use crate::ui::document::Document;

impl Canvas {
    pub(super) fn context_menu(&mut self, response: &egui::Response, doc: &Document, commands: &mut Commands) {
        if response.secondary_clicked()
            && let Some(p) = response.interact_pointer_pos()
        {
            let hit = self.hit(&doc.board, p);
            match &hit {
                Hit::Node(id) if !self.marks.selection.nodes.contains(id) => self.select_nodes([id.clone()]),
                Hit::Edge(i) => {
                    self.clear_selection();
                    self.marks.selection.add_edge(&doc.board, *i);
                }
                Hit::Group(id) => {
                    self.clear_selection();
                    self.marks.selection.groups.insert(id.clone());
                }
                _ => {}
            }
            self.menu_target = Some(hit);
        }
        let target = self.menu_target.clone();
        let selection = &self.marks.selection;
        response.context_menu(|ui| match target {
            Some(Hit::Node(_) | Hit::ConnectHandle(_)) => {
                for c in [
                    Command::EditLabel,
                    Command::Duplicate,
                    Command::Copy,
                    Command::Cut,
                    Command::Delete,
                ] {
                    menu_item(ui, c, commands);
                }
                ui.menu_button("Group as", |ui| group_menu(ui, selection, commands));
                let selected = selection.nodes.len();
                if selected >= 2 {
                    ui.menu_button("Align", |ui| {
                        for how in Alignment::ALL.into_iter().filter(|how| selected >= how.needs()) {
                            menu_item(ui, Command::Align(how), commands);
                        }
                    });
                }
            }
            Some(Hit::Edge(i)) => {
                menu_item(ui, Command::EditLabel, commands);
                if let Some(e) = doc.board.edges.get(i) {
                    let (text, other) = match e.mode {
                        EdgeMode::Sync => ("Make asynchronous", EdgeMode::Async),
                        EdgeMode::Async => ("Make synchronous", EdgeMode::Sync),
                    };
                    if ui.button(text).clicked() {
                        commands.push(Command::SetEdge {
                            edge: i,
                            label: e.label.clone(),
                            mode: other,
                        });
                        ui.close();
                    }
                    menu_item(ui, Command::ReverseEdge(i), commands);
                    ui.menu_button("Style", |ui| edge_style_menu(ui, i, e.style, commands));
                }
                menu_item(ui, Command::Delete, commands);
            }
            Some(Hit::Group(_) | Hit::GroupCorner(..)) => menu_item(ui, Command::Delete, commands),
            _ => {
                for c in [Command::Paste, Command::AddNote, Command::SelectAll, Command::Fit] {
                    menu_item(ui, c, commands);
                }
                ui.menu_button("Add empty group", |ui| group_menu(ui, selection, commands));
            }
        });
    }
}

/// An edge's own style: the board's, or one of its own; the current one checked.
fn edge_style_menu(ui: &mut egui::Ui, edge: usize, current: Option<EdgeStyle>, commands: &mut Commands) {
    let choices = std::iter::once(None).chain(EDGE_STYLES.map(Some));
    for style in choices {
        let text = style_name(style);
        if ui.radio(current == style, text).clicked() {
            commands.push(Command::SetEdgeStyle { edge, style });
            ui.close();
        }
    }
}

/// An edge's style as the menus and the inspector name it.
pub(crate) fn style_name(style: Option<EdgeStyle>) -> &'static str {
    match style {
        None => "As the board",
        Some(EdgeStyle::RightAngle) => "Right angles",
        Some(EdgeStyle::Straight) => "Straight",
        Some(EdgeStyle::Curved) => "Curved",
    }
}

/// A context menu entry for `command`, from the table: its title and first shortcut.
pub(super) fn menu_item(ui: &mut egui::Ui, command: Command, commands: &mut Commands) {
    if ui
        .add(command.button(ui.ctx()))
        .on_hover_text(command.tooltip())
        .clicked()
    {
        commands.push(command);
        ui.close();
    }
}

/// The "Group as" menu: one entry per group kind wrapping the selected nodes, or drawing an
/// empty group when no node is selected.
pub(crate) fn group_menu(ui: &mut egui::Ui, selection: &Selection, commands: &mut Commands) {
    let has_nodes = !selection.nodes.is_empty();
    for kind in GroupKind::ALL {
        let (text, command) = if has_nodes {
            (kind.title().to_owned(), Command::GroupAs(kind))
        } else {
            (
                format!("Empty {}", kind.title().to_lowercase()),
                Command::AddEmptyGroup(kind),
            )
        };
        if ui.button(text).on_hover_text(command.tooltip()).clicked() {
            commands.push(command);
            ui.close();
        }
    }
}
