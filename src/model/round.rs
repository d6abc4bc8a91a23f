//! A practice round saved with its board: the question, the clock and a log of how the design
//! grew, so the scorecard's times, the replay and a round cut short by a crash all survive in
//! the one file.
//!
//! Plain data as the file stores it; `practice` records, replays and judges it.

use serde::{Deserialize, Serialize};

use super::{Edge, Group, Node};

/// The level a round is pitched at; it sets the round's usual length.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, PartialOrd, Ord, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Level {
    /// Component systems, 45 to 60 minutes.
    #[default]
    L6,
    /// Platform systems, 60 to 90 minutes.
    L7,
}

/// The `round` block of a board file.
#[derive(Clone, Debug, Default, PartialEq, Serialize, Deserialize)]
pub struct RoundRecord {
    /// The question's title, or the question the user typed.
    pub question: String,
    /// The level it was pitched at.
    #[serde(default)]
    pub level: Level,
    /// The round's planned length in minutes.
    pub minutes: f64,
    /// Round time in seconds at which each phase began, in phase order.
    #[serde(default)]
    pub phase_starts: Vec<f64>,
    /// Round time in seconds reached so far (at the end, or when last saved).
    #[serde(default)]
    pub elapsed: f64,
    /// Whether the round was ended; an unfinished round reopens paused where it stopped.
    #[serde(default)]
    pub ended: bool,
    /// How the board changed, in order, from the empty board the round started on.
    #[serde(default)]
    pub log: Vec<Logged>,
}

/// One recorded change of the board during a round: what was added, changed or removed, by id
/// (edges by their value), at a moment of round time. Only the drawing is logged (not notes
/// or review state): it is what a replay shows, and it keeps a long round's log small.
#[derive(Clone, Debug, Default, PartialEq, Serialize, Deserialize)]
pub struct Logged {
    /// Round time in seconds, to a tenth.
    pub t: f64,
    /// Nodes added or changed, as they became.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub nodes: Vec<Node>,
    /// Ids of nodes removed.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub gone: Vec<String>,
    /// Edges added.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub edges: Vec<Edge>,
    /// Edges removed (each removes one edge equal to it).
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub cut: Vec<Edge>,
    /// Groups added or changed, as they became.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub groups: Vec<Group>,
    /// Ids of groups removed.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub ungrouped: Vec<String>,
}

impl Logged {
    /// Whether the entry changes nothing.
    pub fn is_empty(&self) -> bool {
        self.nodes.is_empty()
            && self.gone.is_empty()
            && self.edges.is_empty()
            && self.cut.is_empty()
            && self.groups.is_empty()
            && self.ungrouped.is_empty()
    }
}
