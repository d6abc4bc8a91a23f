//! The manual design checklist: ten questions a reviewed design answers, ticked by the user, with
//! the rules' own verdict where the board can show it.

use serde::Serialize;

use crate::model::Board;

use super::{CostSummary, Finding, Pillar, Severity};

/// The checklist items as (id, title, hint), in the order a review walks through them. The ids are
/// the keys of `Board::checklist` in files.
pub const CHECKLIST: [(&str, &str, &str); 10] = [
    (
        "functional_requirements",
        "Functional requirements met",
        "Write the core use cases in the board notes and follow each one through the diagram.",
    ),
    (
        "scale",
        "Scale requirements addressed",
        "Requests per second, data size and growth are written down; each tier survives ten times today.",
    ),
    (
        "data_model",
        "Data model defined",
        "Entities, keys and access patterns are known; partition keys spread the load evenly.",
    ),
    (
        "api_contracts",
        "API contracts specified",
        "The main endpoints or events with their requests, responses, errors and limits.",
    ),
    (
        "failure_scenarios",
        "Failure scenarios handled",
        "What happens when an instance, a zone or a dependency fails: retries, dead-letter queues, \
         standbys, backups.",
    ),
    (
        "monitoring",
        "Monitoring and alerting planned",
        "Metrics and alarms from the first version, alarms that reach the on-call engineer, tracing \
         across services.",
    ),
    (
        "security",
        "Security considered",
        "Authentication and a firewall at public entries, encryption at rest, databases in private \
         subnets.",
    ),
    (
        "cost",
        "Cost estimated",
        "A monthly figure for each service and a total; capacity that shrinks when load drops.",
    ),
    (
        "team",
        "Team structure discussed",
        "Who owns each service; small teams that build, deploy and run their part on their own.",
    ),
    (
        "rollout",
        "Migration and rollout planned",
        "How the design ships: phases, feature flags, canary releases and a way back.",
    ),
];

/// One checklist item with the user's tick and, where the rules can judge it, their verdict.
#[derive(Clone, Debug, PartialEq, Eq, Serialize)]
pub struct ChecklistItem {
    /// The key in `Board::checklist`, e.g. `"failure_scenarios"`.
    pub id: &'static str,
    /// The question as the panel shows it.
    pub title: &'static str,
    /// What answering it involves, one sentence.
    pub hint: &'static str,
    /// Whether the user ticked it on this board.
    pub ticked: bool,
    /// The rules' view: `Some(true)` when the board meets what the rules check for this item,
    /// `Some(false)` when it does not, `None` where only a person can judge.
    pub judged: Option<bool>,
}

/// Builds the checklist for a board from its ticks, its findings and its cost.
pub(super) fn items(board: &Board, findings: &[Finding], cost: &CostSummary) -> Vec<ChecklistItem> {
    // Accepted findings were reviewed by a person, so they do not count against an item.
    let clear = |pillar: Pillar| {
        !findings
            .iter()
            .any(|f| f.pillar == pillar && f.severity >= Severity::Warning && f.accepted.is_none())
    };
    // An empty board (or one of sticky notes) meets nothing yet, whatever it lacks findings for.
    let designed = board.nodes.iter().any(|n| n.service != "note");
    CHECKLIST
        .iter()
        .map(|&(id, title, hint)| {
            let judged = match id {
                _ if !designed => None,
                "monitoring" => Some(clear(Pillar::Monitoring)),
                "security" => Some(clear(Pillar::Security)),
                "failure_scenarios" => Some(clear(Pillar::Reliability)),
                "cost" => Some(cost.estimated),
                _ => None,
            };
            ChecklistItem {
                id,
                title,
                hint,
                ticked: board.checklist.get(id).copied().unwrap_or(false),
                judged,
            }
        })
        .collect()
}
