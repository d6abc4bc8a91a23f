//! Find on the board (Ctrl+F): the nodes whose label, id or service holds some text, so a node
//! of a large board is reached without hunting for it.

use egui::{Align2, Key};

use super::commands::{Command, Commands};
use super::document::Document;
use crate::catalog::Catalog;
use crate::model::Board;
use crate::render::Selection;

/// How many matches the list shows; Enter selects them all however many there are.
const SHOWN: usize = 12;

/// The find bar: open or not, and what is typed into it.
#[derive(Default)]
pub struct Find {
    pub open: bool,
    pub query: String,
    /// Set when the bar opens, so the text field takes the keyboard.
    focus: bool,
    /// The matches of the last query and the board revision they were found on: the bar is
    /// drawn every frame, and lowercasing a 10,000-node board each time would show in typing.
    found: Option<(String, u64, Vec<String>)>,
}

impl Find {
    /// Opens the bar (or brings it back) with the text field ready for typing.
    pub fn open(&mut self) {
        self.open = true;
        self.focus = true;
    }
}

/// The ids of the nodes whose label, id or service (id, name or short name) contains `query`,
/// ignoring case, in board order; none for a blank query.
pub(super) fn matches(board: &Board, catalog: &Catalog, query: &str) -> Vec<String> {
    let query = query.trim().to_lowercase();
    if query.is_empty() {
        return Vec::new();
    }
    let holds = |text: &str| text.to_lowercase().contains(&query);
    board
        .nodes
        .iter()
        .filter(|n| {
            holds(&n.label)
                || holds(&n.id)
                || holds(&n.service)
                || catalog
                    .get(&n.service)
                    .is_some_and(|s| holds(&s.name) || holds(&s.short))
        })
        .map(|n| n.id.clone())
        .collect()
}

/// Draws the find bar at the top of the window while it is open: typing lists the matches,
/// clicking one selects it and brings it into view, Enter does that for every match, Escape
/// closes the bar.
pub(super) fn show(
    ctx: &egui::Context,
    find: &mut Find,
    doc: &Document,
    selection: &Selection,
    commands: &mut Commands,
) {
    if !find.open {
        return;
    }
    let board = &doc.board;
    let mut open = true;
    egui::Window::new("Find on the board")
        .open(&mut open)
        .collapsible(false)
        .resizable(false)
        .anchor(Align2::CENTER_TOP, [0.0, 36.0])
        .show(ctx, |ui| {
            let field = ui.add(
                egui::TextEdit::singleline(&mut find.query)
                    .hint_text("label, id or service")
                    .desired_width(280.0),
            );
            if std::mem::take(&mut find.focus) {
                field.request_focus();
            }
            let current =
                |(query, revision, _): &(String, u64, Vec<String>)| *query == find.query && *revision == doc.revision();
            if !find.found.as_ref().is_some_and(current) {
                let found = matches(board, Catalog::builtin(), &find.query);
                find.found = Some((find.query.clone(), doc.revision(), found));
            }
            let found = find.found.as_ref().map_or(&[][..], |(_, _, found)| found);
            if field.lost_focus() && ui.input(|i| i.key_pressed(Key::Enter)) && !found.is_empty() {
                commands.push(Command::RevealNodes(found.to_vec()));
            }
            if find.query.trim().is_empty() {
                return;
            }
            ui.label(match found.len() {
                0 => "No node matches".to_owned(),
                1 => "1 match".to_owned(),
                n => format!("{n} matches (Enter selects them all)"),
            });
            for id in found.iter().take(SHOWN) {
                let Some(node) = board.node(id) else { continue };
                let text = if node.label.is_empty() {
                    id.clone()
                } else {
                    format!("{}  ({id})", node.label)
                };
                if ui.selectable_label(selection.nodes.contains(id), text).clicked() {
                    commands.push(Command::RevealNodes(vec![id.clone()]));
                }
            }
            if found.len() > SHOWN {
                ui.label(format!("and {} more", found.len() - SHOWN));
            }
        });
    if !open || ctx.input_mut(|i| i.consume_key(egui::Modifiers::NONE, Key::Escape)) {
        find.open = false;
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::model::{Node, Point};

    #[test]
    fn finds_by_label_id_or_service_ignoring_case() {
        let mut board = Board::new("find");
        board
            .nodes
            .push(Node::new("orders_db", "dynamodb", "Orders table", Point(0.0, 0.0)));
        board
            .nodes
            .push(Node::new("cache", "elasticache", "Hot reads", Point(200.0, 0.0)));
        board
            .nodes
            .push(Node::new("api", "api_gateway", "Public API", Point(400.0, 0.0)));
        let find = |q: &str| matches(&board, Catalog::builtin(), q);
        assert_eq!(find("orders"), ["orders_db"], "label and id");
        assert_eq!(find("DYNAMO"), ["orders_db"], "service id, any case");
        assert_eq!(find("ElastiCache"), ["cache"], "service name");
        assert_eq!(find("api"), ["api"]);
        assert!(find("   ").is_empty(), "a blank query finds nothing");
        assert!(find("kinesis").is_empty());
    }
}
