//! Practice rounds: a timed system-design interview with a question, phases and a scorecard.
//!
//! Plain data and functions, no window: the questions are files in `presets/questions/` (adding
//! one is a file drop), the [`Round`] is a clock driven by the time the caller passes in (so tests
//! fake it), and the [`Scorecard`] judges the board itself through the review and the numbers.
//! The phases, their lengths, what each must deliver, the six dimensions interviewers weigh and
//! their red flags come from the seeds' interview material.

pub mod replay;
mod round;
mod scorecard;

#[cfg(test)]
mod tests;

use std::sync::OnceLock;

use serde::Deserialize;

pub use round::{Round, RoundState};
pub use scorecard::{Dimension, Line, RedFlag, Scorecard, scorecard, scorecard_from};

pub use crate::model::Level;

impl Level {
    /// The round's length in minutes: the top of the level's usual range.
    pub fn minutes(self) -> f64 {
        match self {
            Level::L6 => 60.0,
            Level::L7 => 90.0,
        }
    }

    /// "L6" or "L7".
    pub fn name(self) -> &'static str {
        match self {
            Level::L6 => "L6",
            Level::L7 => "L7",
        }
    }
}

/// A practice question: a prompt in our words and what a candidate should ask for.
#[derive(Clone, Debug, PartialEq, Deserialize)]
pub struct Question {
    /// The file's stem, e.g. `url_shortener`.
    #[serde(skip)]
    pub id: String,
    /// One line, e.g. "URL shortener".
    pub title: String,
    /// The level it is usually asked at.
    pub level: Level,
    /// One paragraph: what is to be built and what makes it hard.
    pub brief: String,
    /// The numbers a candidate should ask for before drawing.
    #[serde(default)]
    pub ask_for: Vec<String>,
}

/// Every built-in question, sorted by level and title. A file that does not parse is left out
/// (the tests keep every shipped file parsing).
pub fn questions() -> &'static [Question] {
    static ALL: OnceLock<Vec<Question>> = OnceLock::new();
    ALL.get_or_init(|| {
        let mut all: Vec<Question> = crate::embedded::QUESTION_FILES
            .iter()
            .filter_map(|(id, text)| {
                let mut q: Question = ron::from_str(text).ok()?;
                q.id = (*id).to_owned();
                Some(q)
            })
            .collect();
        all.sort_by(|a, b| (a.level, &a.title).cmp(&(b.level, &b.title)));
        all
    })
}

/// The phases of a round, in order, as the seeds' round breakdown gives them.
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub enum Phase {
    /// Use cases, scale and constraints, 5 to 10 minutes.
    Requirements,
    /// The box-and-arrow diagram and the APIs, 10 to 15 minutes.
    HighLevel,
    /// Data model, consistency and technology choices, 15 to 20 minutes.
    DeepDive,
    /// Bottlenecks, caching and cost, 10 to 15 minutes.
    Scale,
    /// Metrics, rollout and disaster recovery, 5 to 10 minutes.
    Operations,
}

impl Phase {
    /// Every phase in order.
    pub const ALL: [Phase; 5] = [
        Phase::Requirements,
        Phase::HighLevel,
        Phase::DeepDive,
        Phase::Scale,
        Phase::Operations,
    ];

    /// The phase's name on the bar.
    pub fn title(self) -> &'static str {
        match self {
            Phase::Requirements => "Requirements",
            Phase::HighLevel => "High-level design",
            Phase::DeepDive => "Deep dive",
            Phase::Scale => "Scale",
            Phase::Operations => "Operations",
        }
    }

    /// What the phase should produce, in a line.
    pub fn delivers(self) -> &'static str {
        match self {
            Phase::Requirements => "use cases, the numbers (users, requests per second, storage) and the SLAs",
            Phase::HighLevel => "a box-and-arrow diagram, the APIs and how data flows",
            Phase::DeepDive => "the data model, the consistency strategy and why each technology",
            Phase::Scale => "the bottlenecks, the caching strategy and the cost per request",
            Phase::Operations => "metrics and alarms, the rollout plan and disaster recovery",
        }
    }

    /// The seeds' range for the phase in minutes (of a 45 to 60 minute round).
    pub fn minutes(self) -> (f64, f64) {
        match self {
            Phase::Requirements | Phase::Operations => (5.0, 10.0),
            Phase::HighLevel | Phase::Scale => (10.0, 15.0),
            Phase::DeepDive => (15.0, 20.0),
        }
    }

    /// The heading of the phase's section in the board's notes.
    pub fn notes_heading(self) -> &'static str {
        match self {
            Phase::Requirements => "## Requirements and numbers",
            Phase::HighLevel => "## APIs",
            Phase::DeepDive => "## Data model",
            Phase::Scale => "## Trade-offs",
            Phase::Operations => "## Operations",
        }
    }
}

/// How long each phase gets in a round of `total_minutes`: the seeds' ranges, their middles
/// scaled to fill the round.
pub fn plan(total_minutes: f64) -> Vec<(Phase, f64)> {
    let middles: Vec<f64> = Phase::ALL
        .iter()
        .map(|p| (p.minutes().0 + p.minutes().1) / 2.0)
        .collect();
    let sum: f64 = middles.iter().sum();
    Phase::ALL
        .iter()
        .zip(middles)
        .map(|(&p, m)| (p, m / sum * total_minutes.max(0.0)))
        .collect()
}

/// The board's notes with a section per phase added where it is missing (headings only; what
/// the user wrote stays as it was).
pub fn notes_with_sections(notes: &str) -> String {
    let mut out = notes.to_owned();
    for phase in Phase::ALL {
        if !notes.lines().any(|l| l.trim() == phase.notes_heading()) {
            if !out.is_empty() && !out.ends_with('\n') {
                out.push('\n');
            }
            if !out.is_empty() {
                out.push('\n');
            }
            out.push_str(phase.notes_heading());
            out.push('\n');
        }
    }
    out
}

/// What the user wrote under a phase's heading in `notes` (trimmed; empty when nothing).
pub fn notes_section(notes: &str, phase: Phase) -> String {
    let mut inside = false;
    let mut out = Vec::new();
    for line in notes.lines() {
        if line.trim_start().starts_with("## ") {
            inside = line.trim() == phase.notes_heading();
            continue;
        }
        if inside {
            out.push(line);
        }
    }
    out.join("\n").trim().to_owned()
}
