//! The practice round on screen: the setup window (a question from the list or typed, the level
//! or a length), the slim bar over the canvas (phase, time left, what to deliver, next, pause,
//! end, scorecard) and the scorecard window. The round itself (`practice::Round`) is plain data
//! driven by egui's clock, so the kittest harness fakes time by stepping frames.

use egui::{RichText, vec2};

use super::commands::{Command, Commands};
use super::document::Document;
use crate::catalog::Catalog;
use crate::model::{Board, RoundRecord};
use crate::practice::replay::{self, Recorder};
use crate::practice::{Level, Phase, Round, Scorecard, questions};
use crate::render::{Icons, Marks, Theme, View};

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
    /// Logs the board's changes while the round runs.
    recorder: Option<Recorder>,
    /// The document revision last logged.
    recorded: Option<u64>,
    /// The replay window, while open.
    pub replay: Option<Replay>,
}

impl Practice {
    /// Whether the review panel should show now.
    pub fn review_shown(&self) -> bool {
        !(self.hide_review && self.round.as_ref().is_some_and(|r| !r.ended()))
    }

    /// Takes on the round `board` holds, if any: an ended round to score and replay, or one cut
    /// short (a save or a crash mid-round) reopened paused. Returns true for the latter, so the
    /// app can say how to carry on.
    pub fn adopt(&mut self, board: &Board) -> bool {
        *self = Practice {
            hide_review: self.hide_review,
            ..Practice::default()
        };
        let Some(record) = &board.round else { return false };
        let round = Round::restore(record);
        let unfinished = !round.ended();
        self.round = Some(round);
        self.recorder = Some(Recorder::new(board, record));
        unfinished
    }

    /// Starts `round` on `board` (a new board): its record goes into the board, so saves and
    /// recovery copies carry it from the first edit.
    pub fn begin(&mut self, board: &mut Board, round: Round) {
        let mut record = RoundRecord::default();
        round.write_clock(&mut record, 0.0);
        self.recorder = Some(Recorder::new(board, &record));
        board.round = Some(record);
        self.round = Some(round);
        self.setup = None;
        self.card_open = false;
        self.replay = None;
    }

    /// Logs what changed on the board since the last revision logged and copies the clock into
    /// the board's round record, so a save or a recovery copy carries both. The record is the
    /// round's account of itself, not an edit of the design: it is never undone, so it is
    /// written here rather than through the history.
    pub fn record(&mut self, doc: &mut Document, now: f64) {
        let Some(round) = &self.round else { return };
        let Some(mut record) = doc.board.round.take() else {
            return;
        };
        let revision = doc.revision();
        if self.recorded != Some(revision) && !round.ended() {
            if let Some(recorder) = &mut self.recorder {
                recorder.record(&doc.board, round.elapsed(now), &mut record);
            }
            self.recorded = Some(revision);
        }
        round.write_clock(&mut record, now);
        doc.board.round = Some(record);
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
pub(super) fn clock(seconds: f64) -> String {
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
        // The question stays in sight, its brief and the numbers to ask for a hover away.
        let brief = questions().iter().find(|q| q.title == round.question).map_or_else(
            || "Your own question".to_owned(),
            |q| format!("{}\n\nAsk for: {}", q.brief, q.ask_for.join("; ")),
        );
        ui.label(RichText::new(&round.question).italics()).on_hover_text(brief);
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
        if state.ended
            && ui
                .button("Replay")
                .on_hover_text(Command::ReplayRound.tooltip())
                .clicked()
        {
            commands.push(Command::ReplayRound);
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
                if let Some(nodes) = crate::export::scorecard_lines(ui, card, true) {
                    commands.push(Command::RevealNodes(nodes));
                }
                ui.add_space(6.0);
                if ui.button("Save as Markdown…").clicked() {
                    commands.push(Command::ExportScorecard);
                }
            });
        });
    *open = still_open;
}

/// The replay window's state: where on the timeline, whether it plays and how fast.
#[derive(Clone, Debug)]
pub struct Replay {
    /// Round time shown, in seconds.
    pub at: f64,
    /// Whether the timeline moves by itself.
    pub playing: bool,
    /// Round seconds played per real second.
    pub speed: f64,
    /// egui time of the last frame while playing.
    last: Option<f64>,
    /// The drawing shown and how many log entries it holds, kept while the slider rests.
    shown: Option<(usize, Board)>,
    /// The final drawing's bounds, which frame every moment of the replay.
    frame: Option<crate::model::Rect>,
}

impl Default for Replay {
    fn default() -> Self {
        Replay {
            at: 0.0,
            playing: true,
            speed: 60.0,
            last: None,
            shown: None,
            frame: None,
        }
    }
}

/// The speeds offered, in round seconds per real second.
const SPEEDS: [f64; 5] = [1.0, 10.0, 30.0, 60.0, 120.0];

/// Draws the replay window while open: the board as it stood at the timeline's time, drawn with
/// the canvas's painter and framed on the final board so nothing jumps, under play, pause, a
/// scrubbing slider and the speed.
pub(super) fn show_replay(
    ctx: &egui::Context,
    replay: &mut Option<Replay>,
    board: &Board,
    icons: &mut Icons,
    theme: Theme,
) {
    let (Some(r), Some(record)) = (replay.as_mut(), &board.round) else {
        *replay = None;
        return;
    };
    let end = replay::duration(record);
    let now = ctx.input(|i| i.time);
    if r.playing {
        r.at = (r.at + r.last.map_or(0.0, |l| (now - l).max(0.0)) * r.speed).min(end);
        r.last = Some(now);
        if r.at >= end {
            r.playing = false;
            r.last = None;
        } else {
            ctx.request_repaint();
        }
    }
    let frame = *r.frame.get_or_insert_with(|| {
        let last = replay::board_after(board, record, record.log.len());
        last.bounds().unwrap_or(crate::model::Rect {
            x: 0.0,
            y: 0.0,
            w: 320.0,
            h: 200.0,
        })
    });
    let count = replay::entries_by(record, r.at);
    if r.shown.as_ref().is_none_or(|(c, _)| *c != count) {
        r.shown = Some((count, replay::board_after(board, record, count)));
    }
    let mut open = true;
    egui::Window::new(format!("Replay: {}", record.question))
        .open(&mut open)
        .default_size([720.0, 520.0])
        .show(ctx, |ui| {
            ui.horizontal(|ui| {
                let label = if r.playing { "Pause" } else { "Play" };
                if ui.button(label).clicked() {
                    if !r.playing && r.at >= end {
                        r.at = 0.0;
                    }
                    r.playing = !r.playing;
                    r.last = None;
                }
                ui.spacing_mut().slider_width = 320.0;
                let time = format!("{} / {}", clock(r.at), clock(end));
                let slider = egui::Slider::new(&mut r.at, 0.0..=end.max(1.0))
                    .show_value(false)
                    .trailing_fill(true)
                    .text(time);
                if ui.add(slider).changed() {
                    r.playing = false;
                    r.last = None;
                }
                egui::ComboBox::from_label("speed")
                    .selected_text(format!("{}×", r.speed))
                    .width(60.0)
                    .show_ui(ui, |ui| {
                        for s in SPEEDS {
                            ui.selectable_value(&mut r.speed, s, format!("{s}×"));
                        }
                    });
            });
            ui.label(RichText::new(format!("change {count} of {}", record.log.len())).weak());
            let size = ui.available_size().max(vec2(320.0, 200.0));
            let (rect, _) = ui.allocate_exact_size(size, egui::Sense::hover());
            let painter = ui.painter_at(rect);
            painter.rect_filled(rect, 4.0, theme.palette().background);
            let Some((_, shown)) = &r.shown else { return };
            // Framed on the final board, so the picture grows in place instead of jumping.
            let view = View::fit(frame, rect, 12.0);
            crate::render::paint(
                &painter,
                shown,
                Catalog::builtin(),
                icons,
                &view,
                theme,
                &Marks::default(),
            );
        });
    if !open {
        *replay = None;
    }
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
