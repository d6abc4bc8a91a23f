//! Cost rules and the board's cost summary: monthly figures (stated `monthly_cost_usd` or computed
//! from the load and the price list, see `crate::numbers`), capacity sizing, S3 lifecycle and
//! DynamoDB capacity mode.

use serde::Serialize;

use super::reliability::scales;
use super::{Context, Finding, Pillar, Severity, finding, set, set_prop};

/// Runs every cost rule, in the order the review lists them (warnings first, then by
/// rule id), so the review's sort finds them in place.
pub(super) fn check(ctx: &Context, out: &mut Vec<Finding>) {
    out.extend(missing_figure(ctx));
    out.extend(no_capacity_mode(ctx));
    out.extend(no_figures(ctx));
    out.extend(no_lifecycle(ctx));
    out.extend(no_scaling(ctx));
}

/// Nodes that are not part of the bill: notes and the people and systems outside.
const NOT_BILLED: &[&str] = &["note", "client", "mobile_client", "external_service"];

/// A node's monthly cost in USD: its valid `monthly_cost_usd` (a number ≥ 0) or the figure
/// computed from its load and the price list.
fn figure(ctx: &Context, i: usize) -> Option<f64> {
    ctx.numbers.nodes[i].monthly_usd
}

/// Whether the board states figures a cost can be estimated from: a load or a monthly cost.
fn states_figures(ctx: &Context) -> bool {
    ctx.numbers.states_load || ctx.numbers.states_cost
}

/// Nodes that should carry a cost figure.
fn billed<'a>(ctx: &'a Context<'a>) -> impl Iterator<Item = usize> + 'a {
    (0..ctx.board.nodes.len()).filter(|&i| !ctx.is(i, NOT_BILLED))
}

/// What the design costs per month, from the nodes' stated or computed figures.
#[derive(Clone, Debug, Default, PartialEq, Serialize)]
pub struct CostSummary {
    /// Sum of every node's figure on the board, in USD/month.
    pub total_usd: f64,
    /// The five most expensive nodes (node id, USD/month), most expensive first.
    pub biggest: Vec<(String, f64)>,
    /// How many billed nodes (not notes or clients) have no figure, stated or computed.
    pub missing: usize,
    /// Whether the board states a load or a `monthly_cost_usd`, so the cost was estimated rather
    /// than only the fixed hourly prices of its instances and load balancers.
    pub estimated: bool,
}

/// Adds up the board's cost figures (the numbers' total and top five).
pub(super) fn summary(ctx: &Context) -> CostSummary {
    let biggest = ctx.numbers.top_costs.iter().map(|&(i, v)| (ctx.id(i), v)).collect();
    let missing = billed(ctx).filter(|&i| figure(ctx, i).is_none()).count();
    CostSummary {
        total_usd: ctx.numbers.monthly_usd,
        biggest,
        missing,
        estimated: states_figures(ctx),
    }
}

/// A board with services that states neither a load nor a single `monthly_cost_usd`.
fn no_figures(ctx: &Context) -> Option<Finding> {
    if billed(ctx).next().is_none() || states_figures(ctx) {
        return None;
    }
    Some(finding(
        "cost.no_figures",
        Pillar::Cost,
        Severity::Info,
        "No service has a monthly cost estimate (monthly_cost_usd)".to_owned(),
        "\"Hardware is cheap\" until the bill arrives. Estimate what each service costs per month, and per \
         request, while the design is still cheap to change.",
        Vec::new(),
    ))
}

/// Once the board states figures: the billed nodes still without one (stated or computed), in
/// one finding.
fn missing_figure(ctx: &Context) -> Option<Finding> {
    if !states_figures(ctx) {
        return None;
    }
    let missing: Vec<usize> = billed(ctx).filter(|&i| figure(ctx, i).is_none()).collect();
    if missing.is_empty() {
        return None;
    }
    Some(finding(
        "cost.missing_figure",
        Pillar::Cost,
        Severity::Info,
        format!("No monthly cost estimate for {}", ctx.names(&missing)),
        "A total that leaves services out is lower than the bill; give every service a figure, even a \
         rough one.",
        ctx.ids(missing),
    ))
}

/// EC2, ECS and EKS with neither auto scaling nor a chosen instance size.
fn no_scaling<'a>(ctx: &'a Context<'a>) -> impl Iterator<Item = Finding> + 'a {
    (0..ctx.board.nodes.len())
        .filter(|&i| {
            ctx.is(i, &["ec2", "ecs", "eks"]) && !scales(ctx, i) && ctx.node(i).prop("instance_type").is_none()
        })
        .map(|i| {
            let mut f = finding(
                "cost.no_scaling",
                Pillar::Cost,
                Severity::Info,
                format!("{} has neither auto scaling nor a chosen instance size", ctx.name(i)),
                "Capacity sized for the peak is paid for around the clock. Right-size instances and let \
                 auto scaling remove them when load drops.",
                vec![ctx.id(i)],
            );
            f.fix = set_prop("auto_scaling", "true");
            f
        })
}

/// S3 buckets with no lifecycle rule and no storage class.
fn no_lifecycle<'a>(ctx: &'a Context<'a>) -> impl Iterator<Item = Finding> + 'a {
    (0..ctx.board.nodes.len())
        .filter(|&i| {
            ctx.kind(i) == "s3" && !set(ctx.node(i), "lifecycle") && ctx.node(i).prop("storage_class").is_none()
        })
        .map(|i| {
            let mut f = finding(
                "cost.no_lifecycle",
                Pillar::Cost,
                Severity::Info,
                format!(
                    "{} keeps every object in the most expensive storage class forever",
                    ctx.name(i)
                ),
                "Most stored data is rarely read after its first weeks. A lifecycle rule moves it to cheaper \
                 classes and deletes what is no longer needed.",
                vec![ctx.id(i)],
            );
            f.fix = set_prop("lifecycle", "Standard-IA after 30 days, Glacier after 90 days");
            f
        })
}

/// DynamoDB tables with no capacity mode chosen.
fn no_capacity_mode<'a>(ctx: &'a Context<'a>) -> impl Iterator<Item = Finding> + 'a {
    (0..ctx.board.nodes.len())
        .filter(|&i| ctx.kind(i) == "dynamodb" && ctx.node(i).prop("capacity_mode").is_none())
        .map(|i| {
            let mut f = finding(
                "cost.no_capacity_mode",
                Pillar::Cost,
                Severity::Info,
                format!("{} has no capacity mode: on-demand or provisioned?", ctx.name(i)),
                "On-demand suits spiky or unknown traffic; provisioned capacity with auto scaling is cheaper \
                 for steady load. Choosing is part of the cost estimate.",
                vec![ctx.id(i)],
            );
            f.fix = set_prop("capacity_mode", "on_demand");
            f
        })
}
