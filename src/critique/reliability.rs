//! Reliability rules: single availability zone, fixed capacity, queues without a dead-letter
//! queue, databases without backup, deep chains of synchronous calls.

use crate::catalog::Tag;
use crate::model::EdgeMode;

use super::{Context, Finding, Pillar, Severity, finding, set_prop};

/// Runs every reliability rule, in the order the review lists them (warnings first, then by
/// rule id), so the review's sort finds them in place.
pub(super) fn check(ctx: &Context, out: &mut Vec<Finding>) {
    out.extend(deep_sync_chain(ctx));
    out.extend(no_auto_scaling(ctx));
    out.extend(no_backup(ctx));
    out.extend(no_dlq(ctx));
    out.extend(single_az(ctx));
}

/// Services that run in one zone unless told to keep a standby or replicas in another.
const ZONAL: &[&str] = &["rds", "aurora", "elasticache", "dax", "database", "cache"];
/// Services whose capacity is fixed unless auto scaling manages it.
const FIXED_CAPACITY: &[&str] = &["ec2", "ecs", "eks"];
/// Queues the dead-letter rule looks at (a stream is not one).
const QUEUES: &[&str] = &["sqs", "queue"];
/// Databases that need backups.
const BACKED_UP: &[&str] = &["dynamodb", "rds", "aurora", "redshift"];
/// Compute-to-compute synchronous hops that make a chain deep (five services in a row).
const DEEP_HOPS: u32 = 4;

/// Whether node `i` has auto scaling: `auto_scaling: "true"` or an `auto_scaling` node edge to it.
pub(super) fn scales(ctx: &Context, i: usize) -> bool {
    ctx.node(i).flag("auto_scaling") || ctx.has_edge_from(i, |j| ctx.kind(j) == "auto_scaling")
}

/// Whether node `i` is a DynamoDB table with provisioned capacity.
pub(super) fn provisioned_table(ctx: &Context, i: usize) -> bool {
    ctx.kind(i) == "dynamodb" && ctx.node(i).prop("capacity_mode") == Some("provisioned")
}

/// Zonal databases and caches without `multi_az: "true"`.
fn single_az<'a>(ctx: &'a Context<'a>) -> impl Iterator<Item = Finding> + 'a {
    (0..ctx.board.nodes.len())
        .filter(|&i| ctx.is(i, ZONAL) && !ctx.node(i).flag("multi_az"))
        .map(|i| {
            let mut f = finding(
                "reliability.single_az",
                Pillar::Reliability,
                Severity::Warning,
                format!("{} runs in a single availability zone", ctx.name(i)),
                "Zones fail. A database or cache with a standby or replicas in a second zone fails over in \
                 minutes instead of waiting for the zone to come back.",
                vec![ctx.id(i)],
            );
            f.fix = set_prop("multi_az", "true");
            f
        })
}

/// EC2, ECS, EKS and provisioned DynamoDB tables without auto scaling.
fn no_auto_scaling<'a>(ctx: &'a Context<'a>) -> impl Iterator<Item = Finding> + 'a {
    (0..ctx.board.nodes.len())
        .filter(|&i| (ctx.is(i, FIXED_CAPACITY) || provisioned_table(ctx, i)) && !scales(ctx, i))
        .map(|i| {
            let mut f = finding(
                "reliability.no_auto_scaling",
                Pillar::Reliability,
                Severity::Warning,
                format!("{} has fixed capacity: nothing scales it with load", ctx.name(i)),
                "Fixed capacity is either too small for the peak or paid for all night. Let capacity follow \
                 load, and replace failed instances, with an auto scaling policy.",
                vec![ctx.id(i)],
            );
            f.fix = set_prop("auto_scaling", "true");
            f
        })
}

/// Queues that feed compute but have no dead-letter queue.
fn no_dlq(ctx: &Context) -> Vec<Finding> {
    let mentions_dlq = |text: &str| text.to_ascii_lowercase().contains("dlq");
    (0..ctx.board.nodes.len())
        .filter(|&q| ctx.is(q, QUEUES) && ctx.graph.out(q).iter().any(|l| ctx.compute(l.node)))
        .filter(|&q| {
            !ctx.node(q).flag("dlq")
                && !ctx.graph.out(q).iter().any(|l| {
                    l.node != q
                        && ctx.is(l.node, QUEUES)
                        && (mentions_dlq(&ctx.node(l.node).label) || mentions_dlq(&ctx.board.edges[l.edge].label))
                })
        })
        .map(|q| {
            let mut f = finding(
                "reliability.no_dlq",
                Pillar::Reliability,
                Severity::Warning,
                format!(
                    "{} has no dead-letter queue for messages that keep failing",
                    ctx.name(q)
                ),
                "One malformed message retried forever blocks or bills a consumer without end. After a few \
                 attempts move it to a dead-letter queue, and alarm on that queue.",
                vec![ctx.id(q)],
            );
            f.fix = set_prop("dlq", "true");
            f
        })
        .collect()
}

/// DynamoDB, RDS, Aurora and Redshift without backups.
fn no_backup<'a>(ctx: &'a Context<'a>) -> impl Iterator<Item = Finding> + 'a {
    (0..ctx.board.nodes.len())
        .filter(|&i| ctx.is(i, BACKED_UP) && !ctx.node(i).flag("backup"))
        .filter(|&i| !ctx.has_edge_from(i, |j| ctx.kind(j) == "backup" || ctx.tagged(j, Tag::Backup)))
        .map(|i| {
            let mut f = finding(
                "reliability.no_backup",
                Pillar::Reliability,
                Severity::Warning,
                format!("{} has no backups", ctx.name(i)),
                "Replicas copy a bad write or a deleted table as faithfully as a good one; only backups or \
                 point-in-time recovery bring the data back.",
                vec![ctx.id(i)],
            );
            f.fix = set_prop("backup", "true");
            f
        })
}

/// Five or more compute nodes calling each other synchronously in a row, reported once per
/// connected group of such calls (its longest chain).
fn deep_sync_chain(ctx: &Context) -> Vec<Finding> {
    let sync = |l: super::graph::Link| ctx.board.edges[l.edge].mode == EdgeMode::Sync;
    let walks = ctx.graph.longest_walks(|i| ctx.compute(i), sync, |_| 1);
    let long: Vec<usize> = (0..walks.best.len()).filter(|&c| walks.best[c] > DEEP_HOPS).collect();
    if long.is_empty() {
        return Vec::new();
    }
    // Group components joined by sync calls (union-find), so one tangle gives one finding.
    let mut parent: Vec<usize> = (0..walks.best.len()).collect();
    fn root(parent: &mut [usize], mut c: usize) -> usize {
        while parent[c] != c {
            parent[c] = parent[parent[c]];
            c = parent[c];
        }
        c
    }
    for (c, nodes) in walks.members.iter().enumerate() {
        for &i in nodes {
            for l in ctx.graph.out(i).iter().filter(|l| ctx.compute(l.node) && sync(**l)) {
                let (a, b) = (root(&mut parent, c), root(&mut parent, walks.comp[l.node]));
                parent[a.max(b)] = a.min(b);
            }
        }
    }
    let mut best_of_group: std::collections::BTreeMap<usize, usize> = std::collections::BTreeMap::new();
    for c in long {
        let r = root(&mut parent, c);
        let slot = best_of_group.entry(r).or_insert(c);
        if walks.best[c] > walks.best[*slot] {
            *slot = c;
        }
    }
    best_of_group
        .into_values()
        .map(|c| {
            let path = walks.path(c);
            let names: Vec<String> = path.iter().map(|&i| ctx.name(i).to_string()).collect();
            let shown = if names.len() > 8 {
                format!("{} -> … -> {}", names[..4].join(" -> "), names[names.len() - 1])
            } else {
                names.join(" -> ")
            };
            finding(
                "reliability.deep_sync_chain",
                Pillar::Reliability,
                Severity::Warning,
                format!(
                    "{} services call each other synchronously in a row: {shown}",
                    path.len()
                ),
                "Every synchronous hop multiplies the chance of failure and adds its latency to the user's \
                 wait. Past three or four hops, hand work off through a queue or event, or merge services.",
                ctx.ids(path.iter().copied()),
            )
        })
        .collect()
}
