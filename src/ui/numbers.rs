//! The right panel's Numbers section: what the design takes at its peak and what it costs, the
//! five most expensive nodes, the capacity figures the services need, "what breaks at 10x?",
//! and a back-of-the-envelope estimator that writes a client's load.
//!
//! It only reads the cached reviews and pushes commands, like every panel.

use egui::{CollapsingHeader, RichText};

use super::commands::{Command, Commands};
use super::document::Document;
use crate::critique::{Finding, Review};
use crate::numbers::{SOURCES, readable};
use crate::render::{Selection, Theme};

/// Seconds in a day: daily requests over this are the average requests per second.
pub(super) const SECONDS_PER_DAY: f64 = 86_400.0;
/// Seconds in a year of 365 days, for storage per year.
pub(super) const SECONDS_PER_YEAR: f64 = 365.0 * SECONDS_PER_DAY;

/// The panel's own state: the 10x toggle and the estimator's inputs (kept while the app runs).
#[derive(Clone, Debug, Default)]
pub struct NumbersState {
    /// "What breaks at 10x?": the canvas and the panel show the figures at ten times the load.
    pub ten_x: bool,
    /// Open the section on the next frame (View > Numbers was just turned on).
    open_request: bool,
    pub estimate: Estimate,
}

impl NumbersState {
    /// Opens the section on the next frame.
    pub fn reveal(&mut self) {
        self.open_request = true;
    }
}

/// A back-of-the-envelope load estimate, as in an interview: users and their habits in,
/// requests per second and storage out.
#[derive(Clone, Copy, Debug, PartialEq)]
pub struct Estimate {
    pub daily_users: f64,
    pub requests_per_user: f64,
    /// Peak over average, 3 by default (the contract's default average is a third of the peak).
    pub peak_factor: f64,
    /// The fraction of requests that write something to keep.
    pub write_share: f64,
    /// The size of one stored item, KB.
    pub item_kb: f64,
}

impl Default for Estimate {
    fn default() -> Self {
        Estimate {
            daily_users: 1_000_000.0,
            requests_per_user: 10.0,
            peak_factor: 3.0,
            write_share: 0.1,
            item_kb: 1.0,
        }
    }
}

impl Estimate {
    /// Average requests per second: users x requests each per day over a day's seconds.
    pub fn avg_rps(&self) -> f64 {
        self.daily_users * self.requests_per_user / SECONDS_PER_DAY
    }

    /// Peak requests per second: the average times the peak factor.
    pub fn peak_rps(&self) -> f64 {
        self.avg_rps() * self.peak_factor
    }

    /// Average writes per second.
    pub fn writes_per_second(&self) -> f64 {
        self.avg_rps() * self.write_share
    }

    /// Storage a year of writes adds, in GB (1 GB = 1,000,000 KB).
    pub fn storage_gb_per_year(&self) -> f64 {
        self.writes_per_second() * self.item_kb * SECONDS_PER_YEAR / 1e6
    }
}

/// A figure as a prop value: no separators, whole from 100 up, else up to two decimals.
pub(super) fn prop_value(x: f64) -> String {
    readable(x).replace(',', "")
}

/// Storage as a person reads it: "365 GB", "3.65 TB".
pub(super) fn storage(gb: f64) -> String {
    if gb >= 1000.0 {
        format!("{} TB", readable(gb / 1000.0))
    } else {
        format!("{} GB", readable(gb))
    }
}

/// Findings of `at_10x` that the review at the stated load does not have (same rule and nodes).
pub(super) fn only_at_10x<'a>(review: &Review, at_10x: &'a Review) -> Vec<&'a Finding> {
    let known: std::collections::HashSet<(&str, &[String])> =
        review.findings.iter().map(|f| (f.rule, f.nodes.as_slice())).collect();
    at_10x
        .findings
        .iter()
        .filter(|f| f.accepted.is_none() && !known.contains(&(f.rule, f.nodes.as_slice())))
        .collect()
}

/// Draws the section. `at_10x` is the review at ten times the load when the toggle is on.
pub(super) fn show(
    ui: &mut egui::Ui,
    state: &mut NumbersState,
    review: &Review,
    at_10x: Option<&Review>,
    doc: &Document,
    selection: &Selection,
    commands: &mut Commands,
) {
    let shown = at_10x.unwrap_or(review);
    let numbers = &shown.numbers;
    let board = &doc.board;
    let title = if at_10x.is_some() {
        "Numbers at 10x the load"
    } else {
        "Numbers"
    };
    let open = std::mem::take(&mut state.open_request).then_some(true);
    CollapsingHeader::new(title)
        .id_salt("numbers")
        .open(open)
        .show(ui, |ui| {
            let mut ten_x = state.ten_x;
            if ui
                .checkbox(&mut ten_x, Command::ToggleTenX.title())
                .on_hover_text(Command::ToggleTenX.tooltip())
                .changed()
            {
                commands.push(Command::ToggleTenX);
            }
            if !numbers.states_load && !numbers.states_cost {
                ui.label(
                    RichText::new(
                        "No load stated yet: set rps on a client node, or select a client and use the estimator.",
                    )
                    .weak(),
                );
            } else {
                totals(ui, shown, board);
                most_expensive(ui, shown, board, commands);
                capacity(ui, shown, board, commands);
            }
            if let Some(at_10x) = at_10x {
                breaks(ui, review, at_10x, commands);
            }
            estimator(ui, &mut state.estimate, doc, selection, commands);
        });
}

fn totals(ui: &mut egui::Ui, review: &Review, board: &crate::model::Board) {
    let numbers = &review.numbers;
    egui::Grid::new("numbers-totals")
        .num_columns(2)
        .spacing([8.0, 4.0])
        .show(ui, |ui| {
            ui.label("Peak in");
            ui.label(format!("{} requests/s", readable(numbers.peak_in(board))));
            ui.end_row();
            ui.label("Per month");
            ui.label(format!("${}", readable(numbers.monthly_usd)));
            ui.end_row();
            ui.label("Per million requests");
            ui.label(
                numbers
                    .usd_per_million_requests
                    .map_or("-".to_owned(), |v| format!("${}", readable(v))),
            );
            ui.end_row();
        });
}

/// A node's name for the panel: its label, or its id.
fn name(board: &crate::model::Board, i: usize) -> &str {
    let n = &board.nodes[i];
    if n.label.trim().is_empty() { &n.id } else { &n.label }
}

fn most_expensive(ui: &mut egui::Ui, review: &Review, board: &crate::model::Board, commands: &mut Commands) {
    let top = &review.numbers.top_costs;
    if top.is_empty() {
        return;
    }
    ui.add_space(4.0);
    ui.strong("Most expensive");
    for &(i, usd) in top {
        let text = format!("{}: ${}/month", name(board, i), readable(usd));
        if ui
            .add(egui::Label::new(text).sense(egui::Sense::click()))
            .on_hover_text("Show on the board")
            .clicked()
        {
            commands.push(Command::RevealNodes(vec![board.nodes[i].id.clone()]));
        }
    }
}

/// "1 shard", "1,200 shards".
fn units_of(n: u64, noun: &str) -> String {
    format!("{} {noun}{}", readable(n as f64), if n == 1 { "" } else { "s" })
}

fn capacity(ui: &mut egui::Ui, review: &Review, board: &crate::model::Board, commands: &mut Commands) {
    let rows: Vec<(usize, String)> = review
        .numbers
        .nodes
        .iter()
        .enumerate()
        .filter_map(|(i, f)| {
            let mut parts = Vec::new();
            if let Some(c) = f.concurrency {
                parts.push(format!("{} concurrent", readable(c as f64)));
            }
            if let Some(s) = f.shards {
                parts.push(units_of(s, "shard"));
            }
            if let Some(w) = f.wcu {
                parts.push(format!("{} WCU", readable(w as f64)));
            }
            if let Some(r) = f.rcu {
                parts.push(format!("{} RCU", readable(r as f64)));
            }
            if let Some(p) = f.partitions {
                parts.push(units_of(p, "partition"));
            }
            (!parts.is_empty()).then(|| (i, parts.join(", ")))
        })
        .collect();
    if rows.is_empty() {
        return;
    }
    ui.add_space(4.0);
    ui.strong("Capacity");
    for (i, figures) in rows {
        let text = format!("{}: {figures}", name(board, i));
        if ui
            .add(egui::Label::new(text).sense(egui::Sense::click()))
            .on_hover_text("Show on the board")
            .clicked()
        {
            commands.push(Command::RevealNodes(vec![board.nodes[i].id.clone()]));
        }
    }
}

fn breaks(ui: &mut egui::Ui, review: &Review, at_10x: &Review, commands: &mut Commands) {
    let new = only_at_10x(review, at_10x);
    ui.add_space(4.0);
    let warn = Theme::Light.palette().warning;
    ui.label(
        RichText::new(format!("Only at 10x the load ({})", new.len()))
            .strong()
            .color(warn),
    );
    if new.is_empty() {
        ui.label(RichText::new("Nothing new breaks at ten times the load.").weak());
    }
    for f in new {
        let text = format!("10x: {}", f.message);
        let label = ui.add(egui::Label::new(RichText::new(text).color(warn)).sense(egui::Sense::click()));
        if label.on_hover_text(f.reason).clicked() && !f.nodes.is_empty() {
            commands.push(Command::RevealNodes(f.nodes.clone()));
        }
    }
}

fn estimator(
    ui: &mut egui::Ui,
    estimate: &mut Estimate,
    doc: &Document,
    selection: &Selection,
    commands: &mut Commands,
) {
    let ids = selection.node_ids();
    let client = match ids.as_slice() {
        [id] => doc.board.node(id).filter(|n| SOURCES.contains(&n.service.as_str())),
        _ => None,
    };
    ui.add_space(4.0);
    let Some(client) = client else {
        ui.label(RichText::new("Select a client node to estimate its load.").weak());
        return;
    };
    let who = if client.label.trim().is_empty() {
        client.id.as_str()
    } else {
        client.label.as_str()
    };
    CollapsingHeader::new(format!("Estimate load for {who}"))
        .id_salt("estimator")
        .default_open(true)
        .show(ui, |ui| {
            egui::Grid::new("estimator-fields")
                .num_columns(2)
                .spacing([8.0, 4.0])
                .show(ui, |ui| {
                    let field = |ui: &mut egui::Ui, title: &str, value: &mut f64, speed: f64, max: f64| {
                        let label = ui.label(title).id;
                        ui.add(egui::DragValue::new(value).speed(speed).range(0.0..=max))
                            .labelled_by(label);
                        ui.end_row();
                    };
                    field(ui, "Daily active users", &mut estimate.daily_users, 1000.0, 1e12);
                    field(
                        ui,
                        "Requests per user per day",
                        &mut estimate.requests_per_user,
                        1.0,
                        1e6,
                    );
                    field(ui, "Peak factor (x average)", &mut estimate.peak_factor, 0.1, 100.0);
                    field(ui, "Share of requests that write", &mut estimate.write_share, 0.01, 1.0);
                    field(ui, "Item size (KB)", &mut estimate.item_kb, 0.1, 1e6);
                });
            ui.label(format!("Average: {} requests/s", readable(estimate.avg_rps())));
            ui.label(format!("Peak: {} requests/s", readable(estimate.peak_rps())));
            ui.label(format!(
                "Storage: {} a year ({} writes/s)",
                storage(estimate.storage_gb_per_year()),
                readable(estimate.writes_per_second())
            ));
            if ui
                .button("Apply")
                .on_hover_text(
                    Command::SetClientLoad {
                        node: String::new(),
                        rps: String::new(),
                        avg_rps: String::new(),
                    }
                    .tooltip(),
                )
                .clicked()
            {
                commands.push(Command::SetClientLoad {
                    node: client.id.clone(),
                    rps: prop_value(estimate.peak_rps()),
                    avg_rps: prop_value(estimate.avg_rps()),
                });
            }
        });
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_estimate_follows_the_interview_arithmetic() {
        let e = Estimate {
            daily_users: 10_000_000.0,
            requests_per_user: 20.0,
            peak_factor: 3.0,
            write_share: 0.5,
            item_kb: 2.0,
        };
        let avg = 10_000_000.0 * 20.0 / 86_400.0;
        assert!((e.avg_rps() - avg).abs() < 1e-9);
        assert!((e.peak_rps() - avg * 3.0).abs() < 1e-9);
        let gb = avg * 0.5 * 2.0 * 31_536_000.0 / 1e6;
        assert!((e.storage_gb_per_year() - gb).abs() < 1e-6);
        assert_eq!(prop_value(avg), "2315");
        assert_eq!(storage(gb), "73 TB", "200 million writes a day of 1 KB for 365 days");
        assert_eq!(storage(365.0), "365 GB");
        assert_eq!(storage(3650.0), "3.65 TB");
    }
}
