//! Performance rules: on the synchronous user path, databases read without a cache, static
//! content without a CDN and Lambda cold starts; on the board's numbers (DESIGN.md "Numbers"),
//! figures that are not numbers, service limits, capacity below the load, hot S3 prefixes and
//! streams without a shard count.

use crate::catalog::Tag;
use crate::numbers::{
    API_GATEWAY_LIMIT_RPS, LAMBDA_CONCURRENCY_LIMIT, LAMBDA_DEFAULT_DURATION_MS, Place, S3_PREFIX_READS,
    S3_PREFIX_WRITES, node_figure, readable, units,
};

use super::{Context, Finding, Fix, Pillar, Severity, finding, set, set_prop};

/// Runs every performance rule, in the order the review lists them (errors, then warnings, then
/// infos, each by rule id), so the review's sort finds them in place.
pub(super) fn check(ctx: &Context, out: &mut Vec<Finding>) {
    out.extend(bad_figure(ctx));
    out.extend(no_cdn(ctx));
    out.extend(over_limit(ctx));
    out.extend(under_provisioned(ctx));
    out.extend(cold_start(ctx));
    out.extend(hot_prefix(ctx));
    out.extend(no_cache(ctx));
    out.extend(unsized_stream(ctx));
}

/// Props that should be figures and are not: each names its node or edge and the prop.
fn bad_figure(ctx: &Context) -> Vec<Finding> {
    ctx.numbers
        .bad_figures
        .iter()
        .map(|bad| {
            let (whose, nodes) = match bad.at {
                Place::Node(i) => (ctx.name(i).to_string(), vec![ctx.id(i)]),
                Place::Edge(e) => {
                    let edge = &ctx.board.edges[e];
                    let name = |id: &str| {
                        let label = ctx.board.node(id).map_or(id, |n| n.label.as_str());
                        format!("\"{}\"", if label.trim().is_empty() { id } else { label })
                    };
                    let mut nodes = vec![edge.from.clone(), edge.to.clone()];
                    nodes.sort_unstable();
                    nodes.dedup();
                    (
                        format!("The edge from {} to {}", name(&edge.from), name(&edge.to)),
                        nodes,
                    )
                }
            };
            finding(
                "performance.bad_figure",
                Pillar::Performance,
                Severity::Error,
                format!("{whose}: {} is \"{}\", not {}", bad.key, bad.value, bad.expected),
                "The numbers can only carry figures they can read; this one counts for nothing until it is \
                 a number, so every figure downstream of it is missing or low.",
                nodes,
            )
        })
        .collect()
}

/// API Gateway above its requests-per-second limit and Lambda above its concurrency limit; a
/// `quota` prop replaces the account default.
fn over_limit(ctx: &Context) -> Vec<Finding> {
    let mut found = Vec::new();
    for (i, figures) in ctx.numbers.nodes.iter().enumerate() {
        let Some(peak) = figures.peak() else { continue };
        let quota = node_figure(ctx.node(i), "quota");
        let limit_text = |default: f64| match quota {
            Some(q) => format!("its quota is {}", readable(q)),
            None => format!("the default limit is {}", readable(default)),
        };
        let (message, need) = match ctx.kind(i) {
            "api_gateway" if peak > quota.unwrap_or(API_GATEWAY_LIMIT_RPS) => (
                format!(
                    "{} takes {} requests/s at peak; {}",
                    ctx.name(i),
                    readable(peak),
                    limit_text(API_GATEWAY_LIMIT_RPS)
                ),
                units(peak),
            ),
            "lambda" => {
                let concurrency = figures.concurrency.unwrap_or(0);
                if concurrency as f64 <= quota.unwrap_or(LAMBDA_CONCURRENCY_LIMIT) {
                    continue;
                }
                let duration = node_figure(ctx.node(i), "duration_ms").unwrap_or(LAMBDA_DEFAULT_DURATION_MS);
                (
                    format!(
                        "{} needs {} concurrent executions at peak ({} requests/s for {} ms each); {}",
                        ctx.name(i),
                        readable(concurrency as f64),
                        readable(peak),
                        readable(duration),
                        limit_text(LAMBDA_CONCURRENCY_LIMIT)
                    ),
                    concurrency,
                )
            }
            _ => continue,
        };
        let mut f = finding(
            "performance.over_limit",
            Pillar::Performance,
            Severity::Warning,
            message,
            "Account limits throttle the requests above them. Ask AWS for a higher quota before the \
             peak, or take load off the service: cache in front of it, queue the writes.",
            vec![ctx.id(i)],
        );
        // The quota to ask for, recorded on the node.
        f.fix = set_prop("quota", need.to_string());
        found.push(f);
    }
    found
}

/// Capacity stated below the load: Kinesis `shards`, provisioned DynamoDB `wcu`/`rcu`, and any
/// node's `capacity_rps`. One finding per figure, each with the figure that would do as its fix.
fn under_provisioned(ctx: &Context) -> Vec<Finding> {
    const REASON: &str = "Capacity sized below the peak throttles or queues the requests above it; size for \
                          the peak with headroom, or let the service scale on demand.";
    let mut found = Vec::new();
    for (i, figures) in ctx.numbers.nodes.iter().enumerate() {
        let Some(peak) = figures.peak() else { continue };
        let node = ctx.node(i);
        let mut short = |message: String, key: &'static str, need: u64| {
            let mut f = finding(
                "performance.under_provisioned",
                Pillar::Performance,
                Severity::Warning,
                message,
                REASON,
                vec![ctx.id(i)],
            );
            f.fix = set_prop(key, need.to_string());
            found.push(f);
        };
        if ctx.kind(i) == "kinesis_data_streams"
            && let (Some(stated), Some(need)) = (node_figure(node, "shards"), figures.shards)
            && stated < need as f64
        {
            short(
                format!(
                    "{} has {} shards; {} records/s at peak need {}",
                    ctx.name(i),
                    readable(stated),
                    readable(peak),
                    readable(need as f64)
                ),
                "shards",
                need,
            );
        }
        let provisioned = node
            .prop("capacity_mode")
            .is_some_and(|m| m.trim().eq_ignore_ascii_case("provisioned"));
        if ctx.kind(i) == "dynamodb" && provisioned {
            for (key, need, what) in [("wcu", figures.wcu, "writes"), ("rcu", figures.rcu, "reads")] {
                if let (Some(stated), Some(need)) = (node_figure(node, key), need)
                    && stated < need as f64
                {
                    short(
                        format!(
                            "{} is provisioned with {} {}; its {what} at peak need {}",
                            ctx.name(i),
                            readable(stated),
                            key.to_ascii_uppercase(),
                            readable(need as f64)
                        ),
                        key,
                        need,
                    );
                }
            }
        }
        if let Some(capacity) = node_figure(node, "capacity_rps")
            && peak > capacity
        {
            short(
                format!(
                    "{} takes {} requests/s at peak; its capacity_rps is {}",
                    ctx.name(i),
                    readable(peak),
                    readable(capacity)
                ),
                "capacity_rps",
                units(peak),
            );
        }
    }
    found
}

/// S3 buckets taking more requests per second than one key prefix serves.
fn hot_prefix(ctx: &Context) -> Vec<Finding> {
    let mut found = Vec::new();
    for (i, figures) in ctx.numbers.nodes.iter().enumerate() {
        if ctx.kind(i) != "s3" {
            continue;
        }
        let writes = figures.writes.map_or(0.0, |l| l.peak);
        let reads = figures.reads.map_or(0.0, |l| l.peak);
        if writes <= S3_PREFIX_WRITES && reads <= S3_PREFIX_READS {
            continue;
        }
        found.push(finding(
            "performance.hot_prefix",
            Pillar::Performance,
            Severity::Info,
            format!(
                "{} takes {} writes/s and {} reads/s at peak; one key prefix serves {} writes/s and {} reads/s",
                ctx.name(i),
                readable(writes),
                readable(reads),
                readable(S3_PREFIX_WRITES),
                readable(S3_PREFIX_READS)
            ),
            "S3 scales per key prefix. Spread the keys over several prefixes (a hash or date at the start \
             of the key) so no single prefix takes more than it serves.",
            vec![ctx.id(i)],
        ));
    }
    found
}

/// Kinesis streams that load reaches but that state no shard count: the figure they need.
fn unsized_stream(ctx: &Context) -> Vec<Finding> {
    let mut found = Vec::new();
    for (i, figures) in ctx.numbers.nodes.iter().enumerate() {
        if ctx.kind(i) != "kinesis_data_streams" || node_figure(ctx.node(i), "shards").is_some() {
            continue;
        }
        let (Some(peak), Some(need)) = (figures.peak(), figures.shards) else {
            continue;
        };
        let kb = node_figure(ctx.node(i), "payload_kb").unwrap_or(1.0);
        let readers = ctx.graph.out(i).len();
        let mut f = finding(
            "performance.unsized_stream",
            Pillar::Performance,
            Severity::Info,
            format!(
                "{} needs {} shards: {} records/s at peak of {} KB, read by {}",
                ctx.name(i),
                readable(need as f64),
                readable(peak),
                readable(kb),
                crate::text::count(readers, "consumer")
            ),
            "A shard takes 1,000 records/s or 1 MB/s in and serves 2 MB/s to each consumer; a stream \
             sized by hand is sized for its peak.",
            vec![ctx.id(i)],
        );
        f.fix = set_prop("shards", need.to_string());
        found.push(f);
    }
    found
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
