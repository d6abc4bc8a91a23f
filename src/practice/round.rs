//! The round's clock: phases that advance by themselves at their planned end or by hand, pause
//! and resume, all in round time computed from the caller's clock (seconds), so a test can fake
//! time and the app passes its own.

use super::{Level, Phase, plan};
use crate::model::RoundRecord;

/// A practice round in progress or ended.
#[derive(Clone, Debug, PartialEq)]
pub struct Round {
    /// The question's title (a typed question has only this).
    pub question: String,
    /// The level it is pitched at.
    pub level: Level,
    /// The round's length in minutes.
    pub minutes: f64,
    /// Round time in seconds at which each phase so far began, in phase order; the last is the
    /// current phase.
    pub phase_starts: Vec<f64>,
    /// Round time run up to `since` (or in all, while paused or ended).
    run: f64,
    /// The caller's clock when the round last started running; `None` while paused or ended.
    since: Option<f64>,
    /// Round time at which the round ended.
    ended_at: Option<f64>,
}

/// What the bar shows at one moment.
#[derive(Clone, Copy, Debug, PartialEq)]
pub struct RoundState {
    /// The current phase.
    pub phase: Phase,
    /// Seconds left in the phase's plan (negative once over).
    pub phase_left: f64,
    /// Seconds left in the round (negative once over).
    pub round_left: f64,
    /// Whether the clock is stopped by the user.
    pub paused: bool,
    /// Whether the round is over.
    pub ended: bool,
}

impl Round {
    /// Starts a round of `minutes` at the caller's time `now` (seconds).
    pub fn start(question: impl Into<String>, level: Level, minutes: f64, now: f64) -> Round {
        Round {
            question: question.into(),
            level,
            minutes: minutes.max(1.0),
            phase_starts: vec![0.0],
            run: 0.0,
            since: Some(now),
            ended_at: None,
        }
    }

    /// Round time in seconds at the caller's time `now`.
    pub fn elapsed(&self, now: f64) -> f64 {
        if let Some(end) = self.ended_at {
            return end;
        }
        self.run + self.since.map_or(0.0, |s| (now - s).max(0.0))
    }

    /// The current phase.
    pub fn phase(&self) -> Phase {
        Phase::ALL[(self.phase_starts.len() - 1).min(Phase::ALL.len() - 1)]
    }

    /// The planned length of `phase` in seconds.
    fn planned(&self, phase: Phase) -> f64 {
        plan(self.minutes)
            .into_iter()
            .find(|(p, _)| *p == phase)
            .map_or(0.0, |(_, m)| m * 60.0)
    }

    /// Advances the phases whose planned end has passed by `now`; returns the phase reached when
    /// it changed, for a gentle notice.
    pub fn tick(&mut self, now: f64) -> Option<Phase> {
        if self.ended_at.is_some() {
            return None;
        }
        let at = self.elapsed(now);
        let before = self.phase_starts.len();
        while self.phase_starts.len() < Phase::ALL.len() {
            let start = self.phase_starts.last().copied().unwrap_or(0.0);
            let end = start + self.planned(self.phase());
            if at < end {
                break;
            }
            self.phase_starts.push(end);
        }
        (self.phase_starts.len() != before).then(|| self.phase())
    }

    /// Moves on to the next phase now, by hand; nothing after the last.
    pub fn next_phase(&mut self, now: f64) {
        if self.ended_at.is_none() && self.phase_starts.len() < Phase::ALL.len() {
            let at = self.elapsed(now);
            self.phase_starts.push(at);
        }
    }

    /// Stops the clock.
    pub fn pause(&mut self, now: f64) {
        if let Some(since) = self.since.take() {
            self.run += (now - since).max(0.0);
        }
    }

    /// Starts the clock again.
    pub fn resume(&mut self, now: f64) {
        if self.since.is_none() && self.ended_at.is_none() {
            self.since = Some(now);
        }
    }

    /// Ends the round; its times stay as they were at `now`.
    pub fn end(&mut self, now: f64) {
        if self.ended_at.is_none() {
            self.ended_at = Some(self.elapsed(now));
            self.since = None;
        }
    }

    /// The round reopened from its saved record: ended as it was, or paused where it stopped
    /// (a crash or a save mid-round), to resume at `now`'s caller time when the user wishes.
    pub fn restore(record: &RoundRecord) -> Round {
        let elapsed = if record.elapsed.is_finite() {
            record.elapsed.max(0.0)
        } else {
            0.0
        };
        let mut phase_starts: Vec<f64> = record
            .phase_starts
            .iter()
            .copied()
            .filter(|t| t.is_finite())
            .take(Phase::ALL.len())
            .collect();
        if phase_starts.is_empty() {
            phase_starts.push(0.0);
        }
        Round {
            question: record.question.clone(),
            level: record.level,
            minutes: if record.minutes.is_finite() {
                record.minutes.clamp(1.0, 24.0 * 60.0)
            } else {
                record.level.minutes()
            },
            phase_starts,
            run: elapsed,
            since: None,
            ended_at: record.ended.then_some(elapsed),
        }
    }

    /// Copies the clock into `record` at the caller's time `now`, so a save or an autosave
    /// carries it.
    pub fn write_clock(&self, record: &mut RoundRecord, now: f64) {
        record.question.clone_from(&self.question);
        record.level = self.level;
        record.minutes = self.minutes;
        record.phase_starts.clone_from(&self.phase_starts);
        record.elapsed = self.elapsed(now);
        record.ended = self.ended();
    }

    /// Whether the round has ended.
    pub fn ended(&self) -> bool {
        self.ended_at.is_some()
    }

    /// What the bar shows at `now`.
    pub fn state(&self, now: f64) -> RoundState {
        let at = self.elapsed(now);
        let phase = self.phase();
        let start = self.phase_starts.last().copied().unwrap_or(0.0);
        RoundState {
            phase,
            phase_left: start + self.planned(phase) - at,
            round_left: self.minutes * 60.0 - at,
            paused: self.since.is_none() && self.ended_at.is_none(),
            ended: self.ended_at.is_some(),
        }
    }

    /// Each phase's planned and spent minutes at `now` (phases not reached spent nothing).
    pub fn timing(&self, now: f64) -> Vec<(Phase, f64, f64)> {
        let at = self.elapsed(now);
        Phase::ALL
            .iter()
            .enumerate()
            .map(|(i, &phase)| {
                let spent = match (self.phase_starts.get(i), self.phase_starts.get(i + 1)) {
                    (Some(start), Some(next)) => next - start,
                    (Some(start), None) => at - start,
                    _ => 0.0,
                };
                (phase, self.planned(phase) / 60.0, spent.max(0.0) / 60.0)
            })
            .collect()
    }
}
