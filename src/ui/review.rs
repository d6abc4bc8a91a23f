//! The right panel's review: findings by pillar with fixes and accepting, the manual checklist
//! and the cost summary. Hovering a finding highlights its nodes; clicking brings them into view.

use egui::{CollapsingHeader, Color32, RichText};

use super::commands::{Command, Commands};
use super::document::Document;
use crate::critique::{Finding, Fix, Pillar, Review, Severity};
use crate::model::Accepted;
use crate::render::Theme;
use crate::text::count;

/// The accept-with-reason box being filled in, by finding key (rule and nodes).
#[derive(Default)]
pub(super) struct ReviewState {
    accepting: Option<(String, Vec<String>, String)>,
    /// The reason field was just opened: it takes the keyboard focus on its first frame.
    focus_reason: bool,
    show_all: std::collections::HashSet<Pillar>,
    /// What the panel lists for the review on show, worked out once per review.
    outline: Option<Outline>,
}

/// The review's findings sorted for the panel and its counts in words, made once per review:
/// on a 100,000-node board (a hundred thousand findings) sorting them every frame took most of
/// the frame.
struct Outline {
    /// The review these are of (held, so a new review is never taken for it).
    review: std::sync::Arc<Review>,
    /// "7 warnings · 1 note".
    summary: String,
    /// Per pillar, in [`Pillar::ALL`] order, the indices of its open findings.
    open: Vec<Vec<usize>>,
    /// Per pillar, the worst severity of its open findings.
    worst: Vec<Option<Severity>>,
    /// The indices of the accepted findings.
    accepted: Vec<usize>,
}

impl Outline {
    fn new(review: &std::sync::Arc<Review>) -> Outline {
        let mut open = vec![Vec::new(); Pillar::ALL.len()];
        let mut accepted = Vec::new();
        for (i, f) in review.findings.iter().enumerate() {
            if f.accepted.is_some() {
                accepted.push(i);
            } else if let Some(p) = Pillar::ALL.iter().position(|p| *p == f.pillar) {
                open[p].push(i);
            }
        }
        let worst = open
            .iter()
            .map(|indices| indices.iter().map(|&i| review.findings[i].severity).max())
            .collect();
        Outline {
            review: review.clone(),
            summary: review.summary(),
            open,
            worst,
            accepted,
        }
    }
}

impl ReviewState {
    /// The outline of `review`, made again only when it is a new review.
    fn outline(&mut self, review: &std::sync::Arc<Review>) -> Outline {
        match self.outline.take() {
            Some(o) if std::sync::Arc::ptr_eq(&o.review, review) => o,
            _ => Outline::new(review),
        }
    }

    /// The review's counts in words ("7 warnings · 1 note"), for the status bar.
    pub(super) fn summary(&mut self, review: &std::sync::Arc<Review>) -> String {
        let outline = self.outline(review);
        let summary = outline.summary.clone();
        self.outline = Some(outline);
        summary
    }
}

/// How many findings a pillar lists before "Show all".
const SHOWN: usize = 25;

const GOOD: Color32 = Color32::from_rgb(0x3F, 0x86, 0x24);

/// A severity's colour from the board's palette. The panel does not know the board's theme
/// (its own chrome can be dark on a light board), so it keeps the light palette's colours,
/// which read on either background.
fn severity_colour(s: Severity) -> Color32 {
    Theme::Light.palette().severity(s)
}

/// A small status dot: the same marks as the canvas badges, drawn rather than typed so no
/// font is needed for them.
fn dot(ui: &mut egui::Ui, colour: Color32, hover: &str) {
    let (rect, response) = ui.allocate_exact_size(egui::vec2(12.0, 12.0), egui::Sense::hover());
    ui.painter().circle_filled(rect.center(), 5.0, colour);
    response.on_hover_text(hover);
}

/// Draws the review; returns the nodes to highlight while a finding is hovered.
pub(super) fn show(
    ui: &mut egui::Ui,
    state: &mut ReviewState,
    review: &std::sync::Arc<Review>,
    doc: &Document,
    commands: &mut Commands,
) -> std::collections::HashSet<String> {
    let mut highlighted = std::collections::HashSet::new();
    let outline = state.outline(review);
    ui.horizontal(|ui| {
        ui.heading("Review");
        ui.with_layout(egui::Layout::right_to_left(egui::Align::Center), |ui| {
            ui.label(&outline.summary);
        });
    });
    for ((pillar, open), &worst) in Pillar::ALL.into_iter().zip(&outline.open).zip(&outline.worst) {
        let (colour, status) = match worst {
            None => (GOOD, "nothing to report"),
            Some(s) => (severity_colour(s), s.title()),
        };
        let header = format!("{}  ({})", pillar.title(), open.len());
        ui.horizontal(|ui| {
            dot(ui, colour, status);
            CollapsingHeader::new(header)
                .id_salt(pillar.title())
                .default_open(worst == Some(Severity::Warning))
                .show(ui, |ui| {
                    if open.is_empty() {
                        ui.weak("Nothing to report.");
                    }
                    // A huge board can have thousands of findings: list the first ones, and the
                    // rest on request, so the panel stays cheap to draw.
                    let shown = if state.show_all.contains(&pillar) {
                        open.len()
                    } else {
                        open.len().min(SHOWN)
                    };
                    for &i in &open[..shown] {
                        finding(ui, state, &review.findings[i], commands, &mut highlighted);
                    }
                    if open.len() > shown && ui.button(format!("Show all {} findings", open.len())).clicked() {
                        state.show_all.insert(pillar);
                    }
                });
        });
    }
    let accepted: Vec<&Finding> = outline.accepted.iter().map(|&i| &review.findings[i]).collect();
    state.outline = Some(outline);
    if !accepted.is_empty() {
        CollapsingHeader::new(format!("Accepted  ({})", accepted.len()))
            .id_salt("accepted")
            .show(ui, |ui| {
                for f in accepted {
                    ui.horizontal_wrapped(|ui| {
                        ui.label(RichText::new(&f.message).weak());
                        if ui.small_button("Un-accept").clicked() {
                            commands.push(Command::Unaccept {
                                rule: f.rule.to_owned(),
                                nodes: f.nodes.clone(),
                            });
                        }
                    });
                    ui.label(RichText::new(format!("because: {}", f.accepted.as_deref().unwrap_or(""))).small());
                }
            });
    }
    ui.separator();
    checklist(ui, review, commands);
    ui.separator();
    cost(ui, review, doc);
    highlighted
}

fn finding(
    ui: &mut egui::Ui,
    state: &mut ReviewState,
    f: &Finding,
    commands: &mut Commands,
    highlighted: &mut std::collections::HashSet<String>,
) {
    let row = ui.horizontal_wrapped(|ui| {
        dot(ui, severity_colour(f.severity), f.severity.title());
        ui.add(egui::Label::new(&f.message).sense(egui::Sense::click()))
    });
    let label = row.inner.on_hover_ui(|ui| {
        ui.set_max_width(320.0);
        ui.label(RichText::new(f.rule).monospace().small());
        ui.label(f.reason);
    });
    if label.hovered() {
        highlighted.extend(f.nodes.iter().cloned());
    }
    if label.clicked() && !f.nodes.is_empty() {
        commands.push(Command::RevealNodes(f.nodes.clone()));
    }
    // The why, one step under the body size in the body's own colour, so it keeps WCAG AA
    // contrast in both themes (egui's small, weak text was about 8 points of light grey).
    let body = ui
        .style()
        .text_styles
        .get(&egui::TextStyle::Body)
        .map_or(13.0, |f| f.size);
    ui.label(
        RichText::new(f.reason)
            .size(body - 1.0)
            .color(ui.visuals().text_color()),
    );
    ui.horizontal(|ui| {
        if let Some(fix) = &f.fix
            && ui
                .small_button("Fix")
                .on_hover_text(fix_text(fix, f.nodes.len()))
                .clicked()
        {
            commands.push(Command::ApplyFix {
                fix: fix.clone(),
                nodes: f.nodes.clone(),
            });
        }
        let key = (f.rule.to_owned(), f.nodes.clone());
        let accepting = state
            .accepting
            .as_ref()
            .is_some_and(|(r, n, _)| (r, n) == (&key.0, &key.1));
        if !accepting
            && ui
                .small_button("Accept…")
                .on_hover_text("Keep the design as it is, with a reason")
                .clicked()
        {
            state.accepting = Some((key.0, key.1, String::new()));
            state.focus_reason = true;
        }
    });
    if let Some((rule, nodes, reason)) = &mut state.accepting
        && rule == f.rule
        && *nodes == f.nodes
    {
        let mut done = None;
        ui.horizontal(|ui| {
            let field = ui.add(
                egui::TextEdit::singleline(reason)
                    .hint_text("why it is fine")
                    .desired_width(160.0),
            );
            field.widget_info(|| egui::WidgetInfo::labeled(egui::Role::TextInput, true, "Reason for accepting"));
            if std::mem::take(&mut state.focus_reason) {
                field.request_focus();
            }
            // Enter in the field accepts, like the button.
            let entered = field.lost_focus() && ui.input(|i| i.key_pressed(egui::Key::Enter));
            if (entered || ui.small_button("Accept").clicked()) && !reason.trim().is_empty() {
                done = Some(true);
            }
            if ui.small_button("Cancel").clicked() {
                done = Some(false);
            }
        });
        if done == Some(true) {
            let accepted = Accepted {
                rule: rule.clone(),
                nodes: nodes.clone(),
                reason: reason.trim().to_owned(),
            };
            commands.push(Command::AcceptFinding(accepted));
        }
        if done.is_some() {
            state.accepting = None;
        }
    }
    ui.add_space(4.0);
}

/// The Fix button's tooltip: what the fix will do to the finding's `nodes` nodes.
fn fix_text(fix: &Fix, nodes: usize) -> String {
    match fix {
        Fix::AddNode { service, label, .. } => format!("Add {label} ({service})"),
        Fix::SetProp { key, value } => format!("Set {key} = {value} on {}", count(nodes, "node")),
    }
}

fn checklist(ui: &mut egui::Ui, review: &Review, commands: &mut Commands) {
    let ticked = review.checklist.iter().filter(|c| c.ticked).count();
    CollapsingHeader::new(format!("Design checklist  ({ticked}/{})", review.checklist.len()))
        .id_salt("checklist")
        .default_open(true)
        .show(ui, |ui| {
            for item in &review.checklist {
                ui.horizontal(|ui| {
                    let mut on = item.ticked;
                    if ui.checkbox(&mut on, item.title).on_hover_text(item.hint).changed() {
                        commands.push(Command::TickChecklist {
                            item: item.id.to_owned(),
                            ticked: on,
                        });
                    }
                    // What the rules see, beside what the person ticked, in the same words
                    // whether or not it is ticked.
                    let verdict = match item.judged {
                        Some(true) => Some((
                            "rules: met".to_owned(),
                            GOOD,
                            "The board shows it, and none of this item's rules has an open warning.".to_owned(),
                        )),
                        Some(false) if item.open.is_empty() => Some((
                            "rules: not met".to_owned(),
                            severity_colour(Severity::Warning),
                            "Nothing on the board shows it yet.".to_owned(),
                        )),
                        Some(false) => {
                            let mut rules = item.open.clone();
                            rules.sort_unstable();
                            rules.dedup();
                            Some((
                                format!("rules: {} open", item.open.len()),
                                severity_colour(Severity::Warning),
                                format!("Open warnings from this item's rules: {}", rules.join(", ")),
                            ))
                        }
                        None => None,
                    };
                    if let Some((text, colour, why)) = verdict {
                        ui.label(RichText::new(text).color(colour)).on_hover_text(why);
                    }
                });
            }
        });
}

fn cost(ui: &mut egui::Ui, review: &Review, doc: &Document) {
    let c = &review.cost;
    CollapsingHeader::new(format!("Cost  (${:.0}/month)", c.total_usd))
        .id_salt("cost")
        .default_open(true)
        .show(ui, |ui| {
            ui.label(format!("Estimated total: ${:.2} per month", c.total_usd));
            for (id, usd) in &c.biggest {
                let label = doc.board.node(id).map_or(id.as_str(), |n| n.label.as_str());
                ui.label(format!("  {label}: ${usd:.2}"));
            }
            if c.missing > 0 {
                ui.label(RichText::new(format!("{} nodes have no monthly_cost_usd figure", c.missing)).weak());
            }
        });
}
