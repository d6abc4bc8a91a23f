//! The right panel's upper half: the properties of what is selected, or of the board.

use egui::{ComboBox, RichText, TextEdit};

use super::commands::{Command, Commands};
use super::document::Document;
use crate::catalog::{Catalog, Category, PropKind};
use crate::model::{EdgeMode, GroupKind};
use crate::render::Selection;

/// A text field that edits `current` and reports the new text once, when the user leaves the
/// field (Enter or focus lost): one undo step per editing session, not per key.
fn committed_text(
    ui: &mut egui::Ui,
    label: egui::Id,
    key: impl std::hash::Hash + std::fmt::Debug,
    current: &str,
    multiline: bool,
) -> Option<String> {
    let id = ui.scope_id().with(key);
    let mut buffer: String = ui.data(|d| d.get_temp(id)).unwrap_or_else(|| current.to_owned());
    let widget = if multiline {
        TextEdit::multiline(&mut buffer).desired_rows(4)
    } else {
        TextEdit::singleline(&mut buffer)
    };
    let response = ui
        .add(widget.id(id.with("field")).desired_width(f32::INFINITY))
        .labelled_by(label);
    if response.has_focus() {
        ui.data_mut(|d| d.insert_temp(id, buffer.clone()));
        None
    } else {
        ui.data_mut(|d| d.remove::<String>(id));
        (response.lost_focus() && buffer != current).then_some(buffer)
    }
}

/// Draws the inspector for the current selection.
pub(super) fn show(ui: &mut egui::Ui, doc: &Document, selection: &Selection, commands: &mut Commands) {
    ui.add_space(6.0);
    let (nodes, groups, edges) = (selection.node_ids(), selection.group_ids(), selection.edge_indices());
    match (nodes.as_slice(), groups.as_slice(), edges.as_slice()) {
        ([id], [], []) => node(ui, doc, id, commands),
        ([], [id], []) => group(ui, doc, id, commands),
        ([], [], [i]) => edge(ui, doc, *i, commands),
        ([], [], []) => board(ui, doc, commands),
        _ => {
            ui.heading(format!("{} items selected", nodes.len() + groups.len() + edges.len()));
            if !nodes.is_empty() {
                ui.label("Wrap the selected nodes in a group:");
                ui.horizontal_wrapped(|ui| {
                    for kind in GroupKind::ALL {
                        if ui.button(kind.title()).clicked() {
                            commands.push(Command::GroupAs(kind));
                        }
                    }
                });
            }
        }
    }
}

fn board(ui: &mut egui::Ui, doc: &Document, commands: &mut Commands) {
    ui.heading("Board");
    let label = ui.label("Title").id;
    if let Some(title) = committed_text(ui, label, "board-title", &doc.board.title, false) {
        commands.push(Command::SetTitle(title));
    }
    let label = ui.label("Notes (requirements, numbers, assumptions)").id;
    if let Some(notes) = committed_text(ui, label, "board-notes", &doc.board.notes, true) {
        commands.push(Command::SetNotes(notes));
    }
}

fn node(ui: &mut egui::Ui, doc: &Document, id: &str, commands: &mut Commands) {
    let catalog = Catalog::builtin();
    let Some(n) = doc.board.node(id).cloned() else { return };
    let service = catalog.get(&n.service);
    ui.heading(service.map_or(n.service.as_str(), |s| s.name.as_str()));
    if let Some(s) = service {
        ui.label(RichText::new(&s.description).weak());
    } else {
        ui.colored_label(
            ui.visuals().warn_fg_color,
            format!("Unknown service \"{}\": shown as a generic box.", n.service),
        );
    }
    ui.add_space(4.0);
    egui::Grid::new("node-fields")
        .num_columns(2)
        .spacing([8.0, 6.0])
        .show(ui, |ui| {
            let name = ui.label("Label").id;
            if let Some(label) = committed_text(ui, name, ("node-label", id), &n.label, false) {
                commands.push(Command::SetLabel {
                    node: id.to_owned(),
                    label,
                });
            }
            ui.end_row();
            let service_label = ui.label("Service").id;
            let mut chosen = None;
            let combo = ComboBox::from_id_salt(("service", id))
                .selected_text(service.map_or(n.service.as_str(), |s| s.short.as_str()))
                .height(400.0)
                .show_ui(ui, |ui| {
                    for cat in Category::ALL {
                        ui.label(RichText::new(cat.title()).small().weak());
                        for s in catalog.services.iter().filter(|s| s.category == cat) {
                            if ui.selectable_label(s.id == n.service, &s.short).clicked() {
                                chosen = Some(s.id.clone());
                            }
                        }
                    }
                });
            combo.response.labelled_by(service_label);
            if let Some(s) = chosen.filter(|s| *s != n.service) {
                commands.push(Command::SetService {
                    node: id.to_owned(),
                    service: s,
                });
            }
            ui.end_row();
            ui.label("Id");
            ui.label(RichText::new(&n.id).monospace());
            ui.end_row();
            if let Some(g) = n.group.as_deref().and_then(|g| doc.board.group(g)) {
                ui.label("In group");
                ui.label(format!("{} ({})", g.label, g.kind.title()));
                ui.end_row();
            }
        });
    if crate::numbers::SOURCES.contains(&n.service.as_str())
        && ui
            .button(Command::EstimateLoad.title())
            .on_hover_text(Command::EstimateLoad.tooltip())
            .clicked()
    {
        commands.push(Command::EstimateLoad);
    }
    let Some(service) = service else { return };
    if service.props.is_empty() {
        return;
    }
    ui.add_space(6.0);
    ui.strong("Properties");
    egui::Grid::new("node-props")
        .num_columns(2)
        .spacing([8.0, 6.0])
        .show(ui, |ui| {
            for name in &service.props {
                let Some(spec) = catalog.prop(name) else { continue };
                let prop_label = ui.label(name.replace('_', " ")).on_hover_text(&spec.help).id;
                let current = n.prop(name).map(str::to_owned);
                let mut set: Option<Option<String>> = None;
                match &spec.kind {
                    PropKind::Bool => {
                        let mut on = current.as_deref() == Some("true");
                        if ui
                            .checkbox(&mut on, "")
                            .labelled_by(prop_label)
                            .on_hover_text(&spec.help)
                            .changed()
                        {
                            set = Some(Some(on.to_string()));
                        }
                    }
                    PropKind::Choice(values) => {
                        let combo = ComboBox::from_id_salt((name, id))
                            .selected_text(current.clone().unwrap_or_else(|| "not set".into()))
                            .show_ui(ui, |ui| {
                                if ui.selectable_label(current.is_none(), "not set").clicked() {
                                    set = Some(None);
                                }
                                for v in values {
                                    if ui.selectable_label(current.as_deref() == Some(v), v).clicked() {
                                        set = Some(Some(v.clone()));
                                    }
                                }
                            });
                        combo.response.labelled_by(prop_label);
                    }
                    PropKind::Number => {
                        let text = current.clone().unwrap_or_default();
                        if let Some(new) = committed_text(ui, prop_label, (name, id), &text, false) {
                            let new = new.trim().trim_start_matches('$').replace(',', "");
                            if new.is_empty() {
                                set = Some(None);
                            } else if new.parse::<f64>().is_ok_and(|v| v >= 0.0 && v.is_finite()) {
                                set = Some(Some(new));
                            }
                        }
                        if current.as_deref().is_some_and(|v| v.parse::<f64>().is_err()) {
                            ui.colored_label(ui.visuals().warn_fg_color, "not a number");
                        }
                    }
                    PropKind::Text => {
                        let text = current.clone().unwrap_or_default();
                        if let Some(new) = committed_text(ui, prop_label, (name, id), &text, false) {
                            set = Some((!new.trim().is_empty()).then_some(new));
                        }
                    }
                }
                if let Some(value) = set {
                    commands.push(Command::SetProp {
                        node: id.to_owned(),
                        key: name.clone(),
                        value,
                    });
                }
                ui.end_row();
            }
        });
}

fn edge(ui: &mut egui::Ui, doc: &Document, i: usize, commands: &mut Commands) {
    let Some(e) = doc.board.edges.get(i).cloned() else {
        return;
    };
    let name = |id: &str| doc.board.node(id).map_or(id.to_owned(), |n| n.label.clone());
    ui.heading("Connection");
    ui.label(format!("{} -> {}", name(&e.from), name(&e.to)));
    ui.add_space(4.0);
    let name = ui.label("Label").id;
    if let Some(label) = committed_text(ui, name, ("edge-label", i), &e.label, false) {
        commands.push(Command::SetEdge {
            edge: i,
            label,
            mode: e.mode,
        });
    }
    ui.horizontal(|ui| {
        let mut mode = e.mode;
        ui.radio_value(&mut mode, EdgeMode::Sync, "Synchronous")
            .on_hover_text("A request that waits for its answer");
        ui.radio_value(&mut mode, EdgeMode::Async, "Asynchronous")
            .on_hover_text("A message or event handed off");
        if mode != e.mode {
            commands.push(Command::SetEdge {
                edge: i,
                label: e.label.clone(),
                mode,
            });
        }
    });
    ui.horizontal(|ui| {
        ui.label("Style");
        let mut style = e.style;
        ComboBox::from_id_salt(("edge-style", i))
            .selected_text(super::canvas::style_name(style))
            .show_ui(ui, |ui| {
                for choice in std::iter::once(None).chain(super::commands::EDGE_STYLES.map(Some)) {
                    ui.selectable_value(&mut style, choice, super::canvas::style_name(choice));
                }
            })
            .response
            .on_hover_text("Route this connection around the nodes, draw it straight or curved, or as the board does");
        if style != e.style {
            commands.push(Command::SetEdgeStyle { edge: i, style });
        }
    });
    edge_figures(ui, &e, i, commands);
    if ui.button("Reverse direction").clicked() {
        commands.push(Command::ReverseEdge(i));
    }
}

/// The load an edge carries: `rps` (absolute, wins over everything), `share` (a fraction of its
/// source's load) and `op` (read or write, for an edge into a data store). One command per
/// field edit, so one undo step; a figure that is not a number in range is not written.
fn edge_figures(ui: &mut egui::Ui, e: &crate::model::Edge, i: usize, commands: &mut Commands) {
    ui.add_space(4.0);
    ui.strong("Load");
    let mut set = |key: &str, value: Option<String>| {
        commands.push(Command::SetEdgeProp {
            edge: i,
            key: key.to_owned(),
            value,
        })
    };
    let fields: [(&str, &str, &str, &str, f64); 2] = [
        (
            "rps",
            "rps",
            "req/s",
            "Peak requests (or messages) per second on this connection; overrides share",
            f64::INFINITY,
        ),
        (
            "share",
            "share",
            "of source",
            "The fraction (0 to 1) of its source's load that takes this connection, e.g. 0.1 behind a 90% cache",
            1.0,
        ),
    ];
    // A figure is usable when it is a number from 0 to its field's maximum.
    let usable = |text: &str, max: f64| crate::numbers::parse_number(text).is_some_and(|v| (0.0..=max).contains(&v));
    egui::Grid::new("edge-figures")
        .num_columns(2)
        .spacing([8.0, 6.0])
        .show(ui, |ui| {
            for &(key, title, unit, help, max) in &fields {
                let label = ui.label(title).on_hover_text(help).id;
                let current = e.prop(key).unwrap_or_default().to_owned();
                ui.with_layout(egui::Layout::right_to_left(egui::Align::Center), |ui| {
                    ui.label(RichText::new(unit).weak());
                    if let Some(new) = committed_text(ui, label, ("edge", key, i), &current, false) {
                        let new = new.trim();
                        if new.is_empty() {
                            set(key, None);
                        } else if usable(new, max) {
                            set(key, Some(new.to_owned()));
                        }
                    }
                });
                ui.end_row();
            }
            let op_label = ui
                .label("op")
                .on_hover_text("Whether this connection reads from or writes to a data store (default write)")
                .id;
            let current = e.prop("op").map(str::to_owned);
            let combo = ComboBox::from_id_salt(("edge-op", i))
                .selected_text(current.clone().unwrap_or_else(|| "not set".into()))
                .show_ui(ui, |ui| {
                    if ui.selectable_label(current.is_none(), "not set").clicked() && current.is_some() {
                        set("op", None);
                    }
                    for v in ["read", "write"] {
                        if ui.selectable_label(current.as_deref() == Some(v), v).clicked()
                            && current.as_deref() != Some(v)
                        {
                            set("op", Some(v.to_owned()));
                        }
                    }
                });
            combo.response.labelled_by(op_label);
            ui.end_row();
        });
    if let Some(&(bad, ..)) = fields
        .iter()
        .find(|&&(key, .., max)| e.prop(key).is_some_and(|v| !usable(v, max)))
    {
        ui.colored_label(ui.visuals().warn_fg_color, format!("{bad} is not a usable figure"));
    }
}

fn group(ui: &mut egui::Ui, doc: &Document, id: &str, commands: &mut Commands) {
    let Some(g) = doc.board.group(id).cloned() else { return };
    ui.heading(g.kind.title());
    let name = ui.label("Label").id;
    if let Some(label) = committed_text(ui, name, ("group-label", id), &g.label, false) {
        commands.push(Command::SetGroup {
            group: id.to_owned(),
            kind: g.kind,
            label,
        });
    }
    let mut kind = g.kind;
    ComboBox::from_label("Kind")
        .selected_text(kind.title())
        .show_ui(ui, |ui| {
            for k in GroupKind::ALL {
                ui.selectable_value(&mut kind, k, k.title());
            }
        });
    if kind != g.kind {
        commands.push(Command::SetGroup {
            group: id.to_owned(),
            kind,
            label: g.label.clone(),
        });
    }
    let members = doc
        .board
        .nodes
        .iter()
        .filter(|n| n.group.as_deref() == Some(id))
        .count();
    ui.label(format!("{members} member nodes"));
    if let Some(p) = g.parent.as_deref().and_then(|p| doc.board.group(p)) {
        ui.label(format!("Inside {} ({})", p.label, p.kind.title()));
    }
}
