//! The critique: rules that read a board and say what its design is missing, one file per pillar,
//! plus the manual checklist and a cost summary.
//!
//! Everything here is a pure function of `(&Board, &Catalog)`: no window, no state. The rules follow
//! DESIGN.md's "How a design says that something is covered" and "Scope of the rules", so a finding
//! is predictable and a design that meets a convention in any listed way gets no warning for it.

mod checklist;
mod cost;
mod graph;
mod monitoring;
mod performance;
mod reliability;
mod security;

use std::cmp::Reverse;
use std::collections::HashMap;

use serde::{Deserialize, Serialize};

use crate::catalog::{Catalog, Tag};
use crate::model::{Board, Node};
use crate::numbers::{self, Numbers};
use crate::text::count;

pub use checklist::{CHECKLIST, CHECKLIST_RULES, ChecklistItem};
pub use cost::CostSummary;

use graph::Graph;

/// One of the five things a review looks at; findings and the panel are grouped by it.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Pillar {
    /// Can you see what the system is doing?
    Monitoring,
    /// Who can reach what, and is data protected?
    Security,
    /// Does it survive a failure or a burst?
    Reliability,
    /// Is it fast enough at the stated load?
    Performance,
    /// What it costs and what drives the bill.
    Cost,
}

impl Pillar {
    /// Every pillar in the order the panel and reports list them.
    pub const ALL: [Pillar; 5] = [
        Pillar::Monitoring,
        Pillar::Security,
        Pillar::Reliability,
        Pillar::Performance,
        Pillar::Cost,
    ];

    /// The heading a person reads.
    pub fn title(self) -> &'static str {
        match self {
            Pillar::Monitoring => "Monitoring",
            Pillar::Security => "Security",
            Pillar::Reliability => "Reliability",
            Pillar::Performance => "Performance",
            Pillar::Cost => "Cost",
        }
    }
}

/// How much a finding matters; ordered `Info < Warning < Error` so `--fail-on` can compare.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Severity {
    /// Advice: worth considering, often right to leave.
    Info,
    /// Missing from any reviewed design; accept it with a reason if it is deliberate.
    Warning,
    /// The design is wrong as written: a figure the numbers cannot read (`performance.bad_figure`).
    Error,
}

impl Severity {
    /// Every severity, worst first.
    pub const ALL: [Severity; 3] = [Severity::Error, Severity::Warning, Severity::Info];

    /// The word a person reads.
    pub fn title(self) -> &'static str {
        match self {
            Severity::Error => "Error",
            Severity::Warning => "Warning",
            Severity::Info => "Info",
        }
    }
}

/// One thing the review noticed about the board, with the principle behind it and a fix.
#[derive(Clone, Debug, PartialEq, Serialize)]
pub struct Finding {
    /// The rule's id, `pillar.name`, e.g. `"security.no_waf"`; `accepted` entries refer to it.
    pub rule: &'static str,
    /// Which well-architected question the rule asks.
    pub pillar: Pillar,
    /// How much it matters; `check --fail-on` compares it.
    pub severity: Severity,
    /// What is wrong, naming the nodes by their labels.
    pub message: String,
    /// The principle in one or two sentences: why it matters.
    pub reason: &'static str,
    /// The node ids the finding is about, sorted; empty for board-wide findings.
    pub nodes: Vec<String>,
    /// An edit that would satisfy the rule, when one is obvious.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub fix: Option<Fix>,
    /// The user's reason when the board accepts this finding (same rule, same nodes).
    #[serde(skip_serializing_if = "Option::is_none")]
    pub accepted: Option<String>,
}

/// A description of an edit that satisfies a finding; the UI turns it into an undoable edit.
#[derive(Clone, Debug, PartialEq, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum Fix {
    /// Add a node of `service`, placed next to the finding's first node (or beside the board),
    /// with edges from it to each of `edge_to` and from each of `edge_from` to it.
    AddNode {
        /// Catalog id of the service to add.
        service: &'static str,
        /// Its label.
        label: &'static str,
        /// Ids of the nodes it calls.
        edge_to: Vec<String>,
        /// Ids of the nodes that call it.
        edge_from: Vec<String>,
    },
    /// Set prop `key` to `value` on each of the finding's nodes (owned: sizing fixes carry the
    /// figure the review computed, "shards" = "18").
    SetProp {
        /// The prop's name.
        key: &'static str,
        /// Its new value.
        value: String,
    },
}

/// Everything the critique says about a board: findings, the checklist, the cost and the
/// numbers (load, capacity figures, cost per node) they were judged on.
#[derive(Clone, Debug, PartialEq, Serialize)]
pub struct Review {
    /// Sorted by pillar, severity (worst first) and rule; one rule's findings in board order.
    pub findings: Vec<Finding>,
    /// The ten manual checklist items, in the seeds' order.
    pub checklist: Vec<ChecklistItem>,
    /// What the design costs per month, and which nodes drive it.
    pub cost: CostSummary,
    /// The board's numbers at the review's load factor; a UI that caches the review by revision
    /// gets them with it.
    pub numbers: Numbers,
}

impl Review {
    /// How many findings are errors, warnings and infos, not counting accepted ones.
    pub fn counts(&self) -> [usize; 3] {
        let mut counts = [0; 3];
        for f in self.findings.iter().filter(|f| f.accepted.is_none()) {
            let slot = match f.severity {
                Severity::Error => 0,
                Severity::Warning => 1,
                Severity::Info => 2,
            };
            counts[slot] += 1;
        }
        counts
    }

    /// The findings of one pillar, in review order.
    pub fn by_pillar(&self, pillar: Pillar) -> impl Iterator<Item = &Finding> {
        self.findings.iter().filter(move |f| f.pillar == pillar)
    }

    /// The counts a person reads, "7 warnings · 1 note"; errors are named when there are some.
    pub fn summary(&self) -> String {
        let [errors, warnings, infos] = self.counts();
        let mut parts = Vec::new();
        if errors > 0 {
            parts.push(count(errors, "error"));
        }
        parts.push(count(warnings, "warning"));
        parts.push(count(infos, "note"));
        parts.join(" · ")
    }
}

/// Reviews a board as drawn (load factor 1): runs every rule, marks accepted findings, fills the
/// checklist and the cost.
///
/// Builds the board's graph once; linear in nodes and edges, so it can run on every change.
pub fn review(board: &Board, catalog: &Catalog) -> Review {
    review_at(board, catalog, 1.0)
}

/// Reviews a board with every stated load multiplied by `load_factor`: "what breaks at 10x?" is
/// `review_at(board, catalog, 10.0)`, and the findings it has beyond [`review`]'s are the answer.
pub fn review_at(board: &Board, catalog: &Catalog, load_factor: f64) -> Review {
    let ctx = Context::new(board, catalog, load_factor);
    // Room for two findings a node, a typical large board's count, so the list is not copied as
    // it grows.
    let mut findings = Vec::with_capacity(board.nodes.len() * 2);
    monitoring::check(&ctx, &mut findings);
    security::check(&ctx, &mut findings);
    reliability::check(&ctx, &mut findings);
    performance::check(&ctx, &mut findings);
    cost::check(&ctx, &mut findings);

    mark_accepted(board, &mut findings);
    // Stable: a rule's findings stay in board order. The rules report in this order already, so
    // the sort only checks it.
    findings.sort_by_key(|f| (f.pillar, Reverse(f.severity), f.rule));
    let cost = cost::summary(&ctx);
    let checklist = checklist::items(board, &findings, &cost);
    Review {
        findings,
        checklist,
        cost,
        numbers: ctx.numbers,
    }
}

/// Sets `accepted` on findings the board lists with the same rule and the same set of nodes.
fn mark_accepted(board: &Board, findings: &mut [Finding]) {
    if board.accepted.is_empty() {
        return;
    }
    let mut accepted: HashMap<(&str, Vec<&str>), &str> = HashMap::new();
    for a in &board.accepted {
        let mut nodes: Vec<&str> = a.nodes.iter().map(String::as_str).collect();
        nodes.sort_unstable();
        accepted.entry((a.rule.as_str(), nodes)).or_insert(a.reason.as_str());
    }
    for f in findings {
        let key = (f.rule, f.nodes.iter().map(String::as_str).collect());
        if let Some(reason) = accepted.get(&key) {
            f.accepted = Some((*reason).to_owned());
        }
    }
}

/// What every rule reads: the board, its graph (with catalog tags) and its numbers, built once
/// per review.
pub(crate) struct Context<'a> {
    pub board: &'a Board,
    pub graph: Graph,
    /// Load, capacity figures and each node's monthly cost (its valid `monthly_cost_usd` or the
    /// computed figure).
    pub numbers: Numbers,
}

/// Services that stand for someone outside the system.
pub(crate) const CLIENTS: &[&str] = &["client", "mobile_client", "external_service"];

impl<'a> Context<'a> {
    /// Indexes the board, builds its graph and computes its numbers at `load_factor`.
    pub(crate) fn new(board: &'a Board, catalog: &'a Catalog, load_factor: f64) -> Self {
        let graph = Graph::build(board, catalog);
        let numbers = numbers::compute(board, catalog, load_factor);
        Context { board, graph, numbers }
    }

    /// Node `i` of the board.
    pub(crate) fn node(&self, i: usize) -> &'a Node {
        &self.board.nodes[i]
    }

    /// The service id of node `i`.
    pub(crate) fn kind(&self, i: usize) -> &'a str {
        self.board.nodes[i].service.as_str()
    }

    /// Whether node `i` is one of the services `kinds`.
    pub(crate) fn is(&self, i: usize, kinds: &[&str]) -> bool {
        kinds.contains(&self.kind(i))
    }

    /// Whether node `i`'s service carries `tag` in the catalog.
    pub(crate) fn tagged(&self, i: usize, tag: Tag) -> bool {
        self.graph.tags[i].contains(&tag)
    }

    /// Whether node `i` runs application code (catalog tag `compute`).
    pub(crate) fn compute(&self, i: usize) -> bool {
        self.graph.compute[i]
    }

    /// Whether node `i` is a client, mobile client or external service.
    pub(crate) fn client(&self, i: usize) -> bool {
        self.is(i, CLIENTS) || self.tagged(i, Tag::Client)
    }

    /// Node `i`'s label in quotes, or its id when it has no label, for messages; written
    /// straight into the message, since a review of a large board formats thousands.
    pub(crate) fn name(&self, i: usize) -> Quoted<'a> {
        let n = &self.board.nodes[i];
        Quoted(if n.label.trim().is_empty() { &n.id } else { &n.label })
    }

    /// Labels of `nodes` joined for a message: `"A", "B" and "C"`; past five, `and N more`.
    pub(crate) fn names(&self, nodes: &[usize]) -> String {
        const SHOWN: usize = 5;
        let shown: Vec<String> = nodes.iter().take(SHOWN).map(|&i| self.name(i).to_string()).collect();
        match shown.as_slice() {
            [] => String::new(),
            [one] => one.clone(),
            _ if nodes.len() > SHOWN => format!("{} and {} more", shown.join(", "), nodes.len() - SHOWN),
            [rest @ .., last] => format!("{} and {last}", rest.join(", ")),
        }
    }

    /// The id of node `i`.
    pub(crate) fn id(&self, i: usize) -> String {
        self.board.nodes[i].id.clone()
    }

    /// Sorted ids of the nodes `ids`, without repeats.
    pub(crate) fn ids(&self, nodes: impl IntoIterator<Item = usize>) -> Vec<String> {
        let mut ids: Vec<String> = nodes.into_iter().map(|i| self.id(i)).collect();
        ids.sort_unstable();
        ids.dedup();
        ids
    }

    /// Whether some node with an edge into `i` satisfies `pred`.
    pub(crate) fn has_edge_from(&self, i: usize, pred: impl Fn(usize) -> bool) -> bool {
        self.graph.inn(i).iter().any(|l| pred(l.node))
    }

    /// Whether `i` has an edge to or from a node satisfying `pred`.
    pub(crate) fn touches(&self, i: usize, pred: impl Fn(usize) -> bool) -> bool {
        self.graph.inn(i).iter().chain(self.graph.out(i)).any(|l| pred(l.node))
    }
}

/// A node's name in double quotes, as messages show it.
pub(crate) struct Quoted<'a>(&'a str);

impl std::fmt::Display for Quoted<'_> {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str("\"")?;
        f.write_str(self.0)?;
        f.write_str("\"")
    }
}

/// Builds a finding with no fix and not accepted; rules fill in the rest.
pub(crate) fn finding(
    rule: &'static str,
    pillar: Pillar,
    severity: Severity,
    message: String,
    reason: &'static str,
    nodes: Vec<String>,
) -> Finding {
    Finding {
        rule,
        pillar,
        severity,
        message,
        reason,
        nodes,
        fix: None,
        accepted: None,
    }
}

/// Whether a prop that "counts when set to anything but false or empty" is set.
pub(crate) fn set(node: &Node, key: &str) -> bool {
    node.prop(key).is_some_and(|v| !v.trim().eq_ignore_ascii_case("false"))
}

/// A `SetProp` fix on the finding's nodes.
pub(crate) fn set_prop(key: &'static str, value: impl Into<String>) -> Option<Fix> {
    Some(Fix::SetProp {
        key,
        value: value.into(),
    })
}

#[cfg(test)]
mod tests;
