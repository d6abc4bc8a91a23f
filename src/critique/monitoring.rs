//! Monitoring rules: metrics and alarms on the board, tracing across services, alarms that page
//! someone.

use crate::catalog::Tag;

use super::{Context, Finding, Fix, Pillar, Severity, finding};

/// Runs every monitoring rule, in the order the review lists them (warnings first, then by
/// rule id), so the review's sort finds them in place.
pub(super) fn check(ctx: &Context, out: &mut Vec<Finding>) {
    out.extend(alarms_reach_nobody(ctx));
    out.extend(no_metrics(ctx));
    out.extend(no_tracing(ctx));
}

/// Whether node `i` collects metrics and alarms (a CloudWatch node).
fn is_metrics(ctx: &Context, i: usize) -> bool {
    ctx.kind(i) == "cloudwatch" || ctx.tagged(i, Tag::Monitoring)
}

/// Whether node `i` traces requests (an X-Ray node).
fn is_tracing(ctx: &Context, i: usize) -> bool {
    ctx.kind(i) == "xray" || ctx.tagged(i, Tag::Tracing)
}

/// A board with something on it but no CloudWatch node.
fn no_metrics(ctx: &Context) -> Option<Finding> {
    let n = ctx.board.nodes.len();
    let drawn = (0..n).any(|i| ctx.kind(i) != "note");
    if !drawn || (0..n).any(|i| is_metrics(ctx, i)) {
        return None;
    }
    let mut f = finding(
        "monitoring.no_metrics",
        Pillar::Monitoring,
        Severity::Warning,
        "Nothing collects metrics or raises alarms: the board has no CloudWatch".to_owned(),
        "\"We'll add monitoring later\" means the first outage is found by users. Metrics, dashboards \
         and alarms belong in the first version of a design.",
        Vec::new(),
    );
    f.fix = Some(Fix::AddNode {
        service: "cloudwatch",
        label: "Metrics and alarms",
        edge_to: Vec::new(),
        edge_from: Vec::new(),
    });
    Some(f)
}

/// Some path of edges (sync or async) visits three or more compute nodes and no X-Ray is drawn.
///
/// "Visits" counts distinct nodes on a walk: a cycle of services counts each of them once.
fn no_tracing(ctx: &Context) -> Option<Finding> {
    let n = ctx.board.nodes.len();
    if (0..n).any(|i| is_tracing(ctx, i)) {
        return None;
    }
    let walks = ctx
        .graph
        .longest_walks(|_| true, |_| true, |i| u32::from(ctx.compute(i)));
    let start = (0..walks.best.len())
        .filter(|&c| walks.best[c] >= 3)
        .max_by_key(|&c| walks.best[c])?;
    let services: Vec<usize> = walks.path(start).into_iter().filter(|&i| ctx.compute(i)).collect();
    let mut f = finding(
        "monitoring.no_tracing",
        Pillar::Monitoring,
        Severity::Warning,
        format!(
            "A request passes through {} services ({}) but nothing traces it across them",
            services.len(),
            ctx.names(&services)
        ),
        "When a request crosses several services, logs of each one alone cannot say where it was slow \
         or failed; distributed tracing follows it end to end.",
        Vec::new(),
    );
    f.fix = Some(Fix::AddNode {
        service: "xray",
        label: "Tracing",
        edge_to: Vec::new(),
        edge_from: Vec::new(),
    });
    Some(f)
}

/// A CloudWatch node with no path of edges to an SNS topic or an external service (a pager).
fn alarms_reach_nobody(ctx: &Context) -> Vec<Finding> {
    let n = ctx.board.nodes.len();
    let watchers: Vec<usize> = (0..n).filter(|&i| is_metrics(ctx, i)).collect();
    if watchers.is_empty() {
        return Vec::new();
    }
    let reaches = ctx
        .graph
        .reaching((0..n).filter(|&i| ctx.is(i, &["sns", "external_service"])));
    watchers
        .into_iter()
        .filter(|&w| !ctx.graph.out(w).iter().any(|l| reaches[l.node]))
        .map(|w| {
            let mut f = finding(
                "monitoring.alarms_reach_nobody",
                Pillar::Monitoring,
                Severity::Warning,
                format!(
                    "{} raises alarms that reach nobody: no edge leads to SNS or a pager",
                    ctx.name(w)
                ),
                "An alarm nobody receives is a graph nobody reads. Route alarms to a topic or pager that \
                 wakes the on-call engineer, with a runbook for each.",
                vec![ctx.id(w)],
            );
            f.fix = Some(Fix::AddNode {
                service: "sns",
                label: "Alerts",
                edge_to: Vec::new(),
                edge_from: vec![ctx.id(w)],
            });
            f
        })
        .collect()
}
