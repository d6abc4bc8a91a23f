//! The practice round on screen: the setup window (a question from the list or typed, the level
//! or a length), the slim bar over the canvas (phase, time left, what to deliver, next, pause,
//! end, scorecard) and the scorecard window. The round itself (`practice::Round`) is plain data
//! driven by egui's clock, so the kittest harness fakes time by stepping frames.

use egui::{RichText, vec2};

use super::commands::{Command, Commands};
use crate::practice::{Level, Phase, Round, Scorecard, questions};

/// What the setup window holds while it is open.
#[derive(Clone, Debug, PartialEq)]
pub struct Setup {
    /// The chosen question's id, or `None` for the typed one.
    pub question: Option<String>,
    /// The typed question.
    pub typed: String,
    /// The level, which sets the length unless `custom` is set.
    pub level: Level,
    /// A length in minutes chosen by hand.
    pub custom: Option<f64>,
}

impl Default for Setup {
    fn default() -> Self {
        Setup {
            question: questions().first().map(|q| q.id.clone()),
            typed: String::new(),
            level: Level::L6,
            custom: None,
        }
    }
}

/// The practice side of the app: setup, the running round, the scorecard window.
#[derive(Default)]
pub struct Practice {
    /// The setup window, while open.
    pub setup: Option<Setup>,
    /// The round, running or ended (the scorecard and the bar read it).
    pub round: Option<Round>,
    /// Whether the scorecard window is open.
    pub card_open: bool,
    /// Whether the review panel is hidden until the round ends, as in a real interview.
    pub hide_review: bool,
    /// The phase the round last moved to by itself, and when, for a notice that fades.
    pub moved: Option<(Phase, f64)>,
}

impl Practice {
    /// Whether the review panel should show now.
    pub fn review_shown(&self) -> bool {
        !(self.hide_review && self.round.as_ref().is_some_and(|r| !r.ended()))
    }

    /// Advances the round's phases at egui time `now`; asks for a repaint each second while the
    /// clock runs (the app is otherwise reactive).
    pub fn tick(&mut self, ctx: &egui::Context, now: f64) {
        let Some(round) = &mut self.round else { return };
        if let Some(phase) = round.tick(now) {
            self.moved = Some((phase, now));
        }
        let state = round.state(now);
        if !state.paused && !state.ended {
            ctx.request_repaint_after(std::time::Duration::from_secs(1));
        }
    }
}

/// `m:ss`, with a minus sign once over.
fn clock(seconds: f64) -> String {
    let sign = if seconds < 0.0 { "−" } else { "" };
    let s = seconds.abs().round() as u64;
    format!("{sign}{}:{:02}", s / 60, s % 60)
}

/// Draws the setup window while `setup` is open; Start pushes [`Command::StartRound`].
pub(super) fn show_setup(ctx: &egui::Context, setup: &mut Option<Setup>, commands: &mut Commands) {
    let Some(s) = setup else { return };
    let mut open = true;
    let mut start = false;
    egui::Window::new("Practice round")
        .open(&mut open)
        .collapsible(false)
        .default_size([560.0, 480.0])
        .show(ctx, |ui| {
            ui.label("Pick a question, or type your own:");
            egui::ScrollArea::vertical().max_height(240.0).show(ui, |ui| {
                for q in questions() {
                    let chosen = s.question.as_deref() == Some(q.id.as_str());
                    let text = format!("{} · {}", q.level.name(), q.title);
                    if ui.selectable_label(chosen, text).on_hover_text(&q.brief).clicked() {
                        s.question = Some(q.id.clone());
                        s.level = q.level;
                    }
                }
            });
            ui.horizontal(|ui| {
                let typed = ui.radio(s.question.is_none(), "My own:");
                if typed.clicked() {
                    s.question = None;
                }
                let field = ui.add(egui::TextEdit::singleline(&mut s.typed).hint_text("Design a …"));
                if field.changed() {
                    s.question = None;
                }
            });
            if let Some(q) = s
                .question
                .as_ref()
                .and_then(|id| questions().iter().find(|q| &q.id == id))
            {
                ui.add_space(4.0);
                ui.label(&q.brief);
                ui.label(RichText::new(format!("Ask for: {}", q.ask_for.join("; "))).weak());
            }
            ui.separator();
            ui.horizontal(|ui| {
                ui.label("Length:");
                for level in [Level::L6, Level::L7] {
                    let label = format!("{} ({} min)", level.name(), level.minutes());
                    if ui.radio(s.custom.is_none() && s.level == level, label).clicked() {
                        s.level = level;
                        s.custom = None;
                    }
                }
                let mut custom = s.custom.is_some();
                if ui.checkbox(&mut custom, "custom").changed() {
                    s.custom = custom.then_some(s.level.minutes());
                }
                if let Some(m) = &mut s.custom {
                    ui.add(egui::DragValue::new(m).range(1.0..=240.0).suffix(" min"));
                }
            });
            ui.add_space(6.0);
            let ready = s.question.is_some() || !s.typed.trim().is_empty();
            start = ui.add_enabled(ready, egui::Button::new("Start the round")).clicked();
        });
    if start {
        let question = match &s.question {
            Some(id) => questions()
                .iter()
                .find(|q| &q.id == id)
                .map_or_else(String::new, |q| q.title.clone()),
            None => s.typed.trim().to_owned(),
        };
        commands.push(Command::StartRound {
            question,
            level: s.level,
            minutes: s.custom.unwrap_or(s.level.minutes()),
        });
    }
    if start || !open {
        *setup = None;
    }
}

/// Draws the slim bar over the canvas while a round exists.
pub(super) fn show_bar(ui: &mut egui::Ui, practice: &Practice, now: f64, commands: &mut Commands) {
    let Some(round) = &practice.round else { return };
    let state = round.state(now);
    ui.horizontal_wrapped(|ui| {
        ui.spacing_mut().item_spacing = vec2(10.0, 4.0);
        let phase = if state.ended {
            "Round over".to_owned()
        } else {
            format!(
                "{} ({}/5)",
                state.phase.title(),
                Phase::ALL.iter().position(|p| *p == state.phase).unwrap_or(0) + 1
            )
        };
        ui.label(RichText::new(phase).strong());
        if !state.ended {
            ui.label(format!("phase {}", clock(state.phase_left)));
            ui.label(format!("round {}", clock(state.round_left)));
            ui.label(RichText::new(format!("deliver: {}", state.phase.delivers())).weak());
        }
        ui.separator();
        if !state.ended {
            if state.phase != Phase::Operations && ui.button("Next phase").clicked() {
                commands.push(Command::NextPhase);
            }
            let pause = if state.paused { "Resume" } else { "Pause" };
            if ui.button(pause).clicked() {
                commands.push(Command::PauseRound);
            }
            if ui.button("End round").clicked() {
                commands.push(Command::EndRound);
            }
        }
        if ui.button("Scorecard").clicked() {
            commands.push(Command::ShowScorecard);
        }
        if let Some((phase, at)) = practice.moved
            && now - at < 6.0
        {
            ui.label(RichText::new(format!("Time for {}", phase.title().to_lowercase())).italics());
        }
    });
}

/// Draws the scorecard window while open; a line's nodes are shown on the board when clicked.
pub(super) fn show_scorecard(ctx: &egui::Context, open: &mut bool, card: &Scorecard, commands: &mut Commands) {
    let mut still_open = *open;
    egui::Window::new(format!("Scorecard: {}", card.title))
        .open(&mut still_open)
        .default_size([520.0, 560.0])
        .show(ctx, |ui| {
            egui::ScrollArea::vertical().show(ui, |ui| {
                for (dimension, lines) in &card.dimensions {
                    ui.label(RichText::new(dimension.title()).strong());
                    for line in lines {
                        let mark = if line.good { "✔ shows" } else { "✘ lacks" };
                        let text = format!("{mark}: {}", line.text);
                        if line.nodes.is_empty() {
                            ui.label(text);
                        } else if ui.link(text).on_hover_text("Show on the board").clicked() {
                            commands.push(Command::RevealNodes(line.nodes.clone()));
                        }
                    }
                    ui.add_space(4.0);
                }
                ui.label(RichText::new("Red flags").strong());
                if card.red_flags.is_empty() {
                    ui.label("None.");
                }
                for flag in &card.red_flags {
                    ui.label(format!("{}: {}", flag.dimension.red_flag(), flag.why));
                }
                if !card.timing.is_empty() {
                    ui.add_space(4.0);
                    ui.label(RichText::new("Time per phase").strong());
                    egui::Grid::new("timing").striped(true).show(ui, |ui| {
                        for (phase, planned, spent) in &card.timing {
                            ui.label(phase.title());
                            ui.label(format!("{planned:.1} min planned"));
                            ui.label(format!("{spent:.1} min spent"));
                            ui.end_row();
                        }
                    });
                }
                ui.add_space(6.0);
                if ui.button("Save as Markdown…").clicked() {
                    commands.push(Command::ExportScorecard);
                }
            });
        });
    *open = still_open;
}

#[cfg(test)]
mod tests {
    #[test]
    fn the_clock_reads_minutes_and_seconds_and_goes_negative() {
        assert_eq!(super::clock(0.0), "0:00");
        assert_eq!(super::clock(754.4), "12:34");
        assert_eq!(super::clock(-61.0), "−1:01");
    }
}
