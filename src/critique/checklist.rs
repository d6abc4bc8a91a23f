//! The manual design checklist: ten questions a reviewed design answers, ticked by the user, with
//! the rules' own verdict where the board can show it.

use serde::Serialize;

use crate::model::Board;

use super::{CostSummary, Finding, Severity};

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

/// Which rules judge which checklist item (the rest only a person can judge). An item is "not
/// met" while one of its rules has an open warning, and "met" only when none has and the board
/// shows the item was thought about (stated load, a dead-letter queue, CloudWatch, cost figures):
/// no finding alone is no proof.
pub const CHECKLIST_RULES: [(&str, &[&str]); 5] = [
    (
        "scale",
        &[
            "performance.over_limit",
            "performance.under_provisioned",
            "performance.unsized_stream",
            "performance.hot_prefix",
            "reliability.no_auto_scaling",
        ],
    ),
    (
        "failure_scenarios",
        &[
            "reliability.no_dlq",
            "reliability.single_az",
            "reliability.no_backup",
            "reliability.deep_sync_chain",
        ],
    ),
    (
        "monitoring",
        &[
            "monitoring.no_metrics",
            "monitoring.alarms_reach_nobody",
            "monitoring.no_tracing",
        ],
    ),
    (
        "security",
        &[
            "security.no_auth",
            "security.no_waf",
            "security.no_ddos_protection",
            "security.unencrypted",
            "security.database_outside_private_subnet",
            "security.client_to_data_store",
        ],
    ),
    ("cost", &["cost.no_figures", "cost.missing_figure"]),
];

/// Whether the board shows that item `id` was considered, beyond having no finding against it:
/// stated load for scale; a dead-letter queue, multi-AZ, a backup or a standby for failures;
/// a CloudWatch node for monitoring; cost figures for cost. Security is judged by its rules alone
/// (they look at every public entry and store).
fn shows_thought(board: &Board, id: &str, cost: &CostSummary) -> bool {
    let any_flag = |keys: &[&str]| board.nodes.iter().any(|n| keys.iter().any(|k| n.flag(k)));
    let any_service = |ids: &[&str]| board.nodes.iter().any(|n| ids.contains(&n.service.as_str()));
    match id {
        "scale" => {
            board
                .nodes
                .iter()
                .any(|n| n.prop("rps").is_some() || n.prop("capacity_rps").is_some())
                || board.edges.iter().any(|e| e.prop("rps").is_some())
        }
        "failure_scenarios" => {
            any_flag(&["dlq", "multi_az", "backup"])
                || any_service(&["backup"])
                || board.nodes.iter().any(|n| n.label.to_ascii_lowercase().contains("dlq"))
        }
        "monitoring" => any_service(&["cloudwatch"]),
        "cost" => cost.estimated,
        _ => true,
    }
}

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
    /// The rule id of each open warning from this item's rules (see [`CHECKLIST_RULES`]).
    pub open: Vec<&'static str>,
}

/// Builds the checklist for a board from its ticks, its findings and its cost.
pub(super) fn items(board: &Board, findings: &[Finding], cost: &CostSummary) -> Vec<ChecklistItem> {
    // An empty board (or one of sticky notes) meets nothing yet, whatever it lacks findings for.
    let designed = board.nodes.iter().any(|n| n.service != "note");
    CHECKLIST
        .iter()
        .map(|&(id, title, hint)| {
            let rules = CHECKLIST_RULES.iter().find(|(item, _)| *item == id).map(|(_, r)| *r);
            // Accepted findings were reviewed by a person, so they do not count against an item.
            let open: Vec<&'static str> = findings
                .iter()
                .filter(|f| f.severity >= Severity::Warning && f.accepted.is_none())
                .filter(|f| rules.is_some_and(|r| r.contains(&f.rule)))
                .map(|f| f.rule)
                .collect();
            let accepted = findings
                .iter()
                .any(|f| f.accepted.is_some() && rules.is_some_and(|r| r.contains(&f.rule)));
            let judged = match rules {
                _ if !designed => None,
                None => None,
                Some(_) if !open.is_empty() => Some(false),
                Some(_) if shows_thought(board, id, cost) => Some(true),
                // No figures is a gap the rules can name, unless a person accepted it.
                Some(_) if id == "cost" && !accepted => Some(false),
                // Nothing against it, nothing for it: the rules cannot tell.
                Some(_) => None,
            };
            ChecklistItem {
                id,
                title,
                hint,
                ticked: board.checklist.get(id).copied().unwrap_or(false),
                judged,
                open,
            }
        })
        .collect()
}
