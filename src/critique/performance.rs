//! Performance rules, judged on the synchronous user path only: databases read without a cache,
//! static content without a CDN, Lambda cold starts.

use crate::catalog::Tag;

use super::{Context, Finding, Fix, Pillar, Severity, finding, set, set_prop};

/// Runs every performance rule, in the order the review lists them (warnings first, then by
/// rule id), so the review's sort finds them in place.
pub(super) fn check(ctx: &Context, out: &mut Vec<Finding>) {
    out.extend(no_cdn(ctx));
    out.extend(cold_start(ctx));
    out.extend(no_cache(ctx));
}

/// Databases the caching rule looks at.
const CACHED_DATABASES: &[&str] = &["dynamodb", "rds", "aurora"];

/// Whether node `i` is a cache a reader can go through.
fn is_cache(ctx: &Context, i: usize) -> bool {
    ctx.is(i, &["cache", "elasticache", "dax"]) || ctx.tagged(i, Tag::Cache)
}

/// Databases read on the user path by a compute node that has no cache beside it.
///
/// A reader reading through a cache has its edge to the cache, not the database, so only readers
/// with a direct edge are judged; each is covered when it also has an edge to a cache.
fn no_cache(ctx: &Context) -> Vec<Finding> {
    let mut found = Vec::new();
    for db in (0..ctx.board.nodes.len()).filter(|&i| ctx.is(i, CACHED_DATABASES)) {
        let mut readers: Vec<usize> = ctx
            .graph
            .inn(db)
            .iter()
            .map(|l| l.node)
            .filter(|&r| ctx.compute(r) && ctx.graph.user_path[r])
            .filter(|&r| !ctx.graph.out(r).iter().any(|l| is_cache(ctx, l.node)))
            .collect();
        if readers.is_empty() {
            continue;
        }
        readers.sort_unstable();
        readers.dedup();
        let mut f = finding(
            "performance.no_cache",
            Pillar::Performance,
            Severity::Info,
            format!(
                "{} reads {} on every user request with no cache",
                ctx.names(&readers),
                ctx.name(db)
            ),
            "Hot reads served from memory take a millisecond or less and spare the database; a cache in \
             front of it (cache-aside or read-through) absorbs the peaks.",
            vec![ctx.id(db)],
        );
        f.fix = Some(Fix::AddNode {
            service: if ctx.kind(db) == "dynamodb" {
                "dax"
            } else {
                "elasticache"
            },
            label: "Cache",
            edge_to: vec![ctx.id(db)],
            edge_from: ctx.ids(readers.iter().copied()),
        });
        found.push(f);
    }
    found
}

/// S3 buckets that clients download from directly (edges not labelled as uploads).
fn no_cdn(ctx: &Context) -> Vec<Finding> {
    let mut found = Vec::new();
    for bucket in (0..ctx.board.nodes.len()).filter(|&i| ctx.kind(i) == "s3") {
        let mut clients: Vec<usize> = ctx
            .graph
            .inn(bucket)
            .iter()
            .filter(|l| ctx.client(l.node))
            .filter(|l| !ctx.board.edges[l.edge].label.to_ascii_lowercase().contains("upload"))
            .map(|l| l.node)
            .collect();
        if clients.is_empty() {
            continue;
        }
        clients.sort_unstable();
        clients.dedup();
        let mut f = finding(
            "performance.no_cdn",
            Pillar::Performance,
            Severity::Warning,
            format!(
                "{} fetches content straight from {} with no CDN",
                ctx.names(&clients),
                ctx.name(bucket)
            ),
            "Static content served from one region is slow far away and paid for on every request; a CDN \
             caches it at the edge, close to the users.",
            vec![ctx.id(bucket)],
        );
        f.fix = Some(Fix::AddNode {
            service: "cloudfront",
            label: "CDN",
            edge_to: vec![ctx.id(bucket)],
            edge_from: ctx.ids(clients.iter().copied()),
        });
        found.push(f);
    }
    found
}

/// Lambda functions on the user path without provisioned concurrency.
fn cold_start<'a>(ctx: &'a Context<'a>) -> impl Iterator<Item = Finding> + 'a {
    (0..ctx.board.nodes.len())
        .filter(|&i| ctx.kind(i) == "lambda" && ctx.graph.user_path[i] && !set(ctx.node(i), "provisioned_concurrency"))
        .map(|i| {
            let mut f = finding(
                "performance.cold_start",
                Pillar::Performance,
                Severity::Info,
                format!(
                    "{} answers users directly and may keep them waiting on a cold start",
                    ctx.name(i)
                ),
                "A function that has not run for a while starts from scratch, adding hundreds of \
                 milliseconds or more; on a latency-sensitive path keep a few instances warm.",
                vec![ctx.id(i)],
            );
            f.fix = set_prop("provisioned_concurrency", "5");
            f
        })
}
