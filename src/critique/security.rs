//! Security rules: firewall, DDoS protection and authentication at public entries, clients that
//! reach data stores directly, encryption at rest, databases outside private subnets.

use crate::catalog::Tag;
use crate::model::GroupKind;

use super::graph::Membership;
use super::{Context, Finding, Fix, Pillar, Severity, finding, set_prop};

/// Runs every security rule, in the order the review lists them (warnings first, then by
/// rule id), so the review's sort finds them in place.
pub(super) fn check(ctx: &Context, out: &mut Vec<Finding>) {
    out.extend(client_to_data_store(ctx));
    out.extend(database_outside_private_subnet(ctx));
    out.extend(no_auth(ctx));
    out.extend(no_waf(ctx));
    out.extend(unencrypted(ctx));
    out.extend(no_ddos_protection(ctx));
}

/// Entry kinds a web-application firewall protects.
const WAF_KINDS: &[&str] = &["cloudfront", "alb", "api_gateway", "appsync"];
/// Entry kinds DDoS protection applies to.
const DDOS_KINDS: &[&str] = &["cloudfront", "route53", "alb", "nlb"];
/// Entry kinds that must authenticate callers.
const AUTH_KINDS: &[&str] = &["api_gateway", "appsync", "alb"];
/// Data stores a client must never reach directly (s3, sqs and kinesis take signed requests).
const PRIVATE_STORES: &[&str] = &[
    "dynamodb",
    "rds",
    "aurora",
    "elasticache",
    "redshift",
    "opensearch",
    "database",
    "cache",
];
/// Stores that live inside a VPC and belong in a private subnet.
const VPC_STORES: &[&str] = &["rds", "aurora", "elasticache", "redshift", "opensearch", "database"];

/// Whether node `i` has a WAF: `waf: "true"` or a `waf` node with an edge to it.
fn has_waf(ctx: &Context, i: usize) -> bool {
    ctx.node(i).flag("waf") || ctx.has_edge_from(i, |j| ctx.kind(j) == "waf" || ctx.tagged(j, Tag::Firewall))
}

/// Whether node `i` is a public CloudFront distribution.
fn public_cdn(ctx: &Context, i: usize) -> bool {
    ctx.kind(i) == "cloudfront" && ctx.graph.entry[i]
}

/// Public entries (cloudfront, alb, api_gateway, appsync) with no WAF of their own and none on a
/// CloudFront in front of them.
fn no_waf<'a>(ctx: &'a Context<'a>) -> impl Iterator<Item = Finding> + 'a {
    (0..ctx.board.nodes.len())
        .filter(|&i| ctx.graph.entry[i] && ctx.is(i, WAF_KINDS))
        .filter(|&i| !has_waf(ctx, i) && !ctx.has_edge_from(i, |j| ctx.kind(j) == "cloudfront" && has_waf(ctx, j)))
        .map(|i| {
            let mut f = finding(
                "security.no_waf",
                Pillar::Security,
                Severity::Warning,
                format!("{} is public but has no WAF in front of it", ctx.name(i)),
                "Anything the internet can call will be probed for injection, bots and floods of requests; \
                 a web application firewall filters them before they reach your code.",
                vec![ctx.id(i)],
            );
            f.fix = Some(Fix::AddNode {
                service: "waf",
                label: "WAF",
                edge_to: vec![ctx.id(i)],
                edge_from: Vec::new(),
            });
            f
        })
}

/// Public entries (cloudfront, route53, alb, nlb) without Shield.
fn no_ddos_protection<'a>(ctx: &'a Context<'a>) -> impl Iterator<Item = Finding> + 'a {
    (0..ctx.board.nodes.len())
        .filter(|&i| ctx.graph.entry[i] && ctx.is(i, DDOS_KINDS))
        .filter(|&i| {
            !ctx.node(i).flag("shield")
                && !ctx.has_edge_from(i, |j| ctx.kind(j) == "shield" || ctx.tagged(j, Tag::Ddos))
        })
        .map(|i| {
            let mut f = finding(
                "security.no_ddos_protection",
                Pillar::Security,
                Severity::Info,
                format!("{} faces the internet without Shield DDoS protection", ctx.name(i)),
                "The edge of a system is where floods of traffic arrive. Basic protection comes with the \
                 service; a business-critical front door deserves Shield Advanced and a response plan.",
                vec![ctx.id(i)],
            );
            f.fix = Some(Fix::AddNode {
                service: "shield",
                label: "Shield",
                edge_to: vec![ctx.id(i)],
                edge_from: Vec::new(),
            });
            f
        })
}

/// APIs and load balancers that are public, or sit behind a public CloudFront, without auth.
fn no_auth<'a>(ctx: &'a Context<'a>) -> impl Iterator<Item = Finding> + 'a {
    (0..ctx.board.nodes.len())
        .filter(|&i| ctx.is(i, AUTH_KINDS) && (ctx.graph.entry[i] || ctx.has_edge_from(i, |j| public_cdn(ctx, j))))
        .filter(|&i| ctx.node(i).prop("auth").is_none())
        .filter(|&i| !ctx.touches(i, |j| ctx.kind(j) == "cognito" || ctx.tagged(j, Tag::Auth)))
        .map(|i| {
            let mut f = finding(
                "security.no_auth",
                Pillar::Security,
                Severity::Warning,
                format!(
                    "{} takes requests from the internet without authenticating callers",
                    ctx.name(i)
                ),
                "Authenticate at the front door, before any code or data is touched; every service behind \
                 it can then trust who is calling.",
                vec![ctx.id(i)],
            );
            f.fix = set_prop("auth", "cognito");
            f
        })
}

/// Edges from a client straight to a database or cache.
fn client_to_data_store(ctx: &Context) -> Vec<Finding> {
    let mut found = Vec::new();
    for store in (0..ctx.board.nodes.len()).filter(|&i| ctx.is(i, PRIVATE_STORES)) {
        let mut clients: Vec<usize> = ctx
            .graph
            .inn(store)
            .iter()
            .map(|l| l.node)
            .filter(|&c| ctx.client(c))
            .collect();
        clients.sort_unstable();
        clients.dedup();
        for c in clients {
            found.push(finding(
                "security.client_to_data_store",
                Pillar::Security,
                Severity::Warning,
                format!("{} reaches {} directly", ctx.name(c), ctx.name(store)),
                "A database exposed to clients trusts every caller with its whole contents. Put a service \
                 in between that authenticates, validates and decides what each caller may read.",
                ctx.ids([c, store]),
            ));
        }
    }
    found
}

/// Data stores (and DAX) without encryption at rest.
fn unencrypted<'a>(ctx: &'a Context<'a>) -> impl Iterator<Item = Finding> + 'a {
    (0..ctx.board.nodes.len())
        .filter(|&i| ctx.tagged(i, Tag::DataStore) || ctx.kind(i) == "dax")
        .filter(|&i| {
            !ctx.node(i).flag("encrypted")
                && !ctx.has_edge_from(i, |j| ctx.kind(j) == "kms" || ctx.tagged(j, Tag::Encryption))
        })
        .map(|i| {
            let mut f = finding(
                "security.unencrypted",
                Pillar::Security,
                Severity::Warning,
                format!("{} keeps data at rest unencrypted", ctx.name(i)),
                "Encryption at rest costs almost nothing and turns a leaked disk or snapshot into noise; \
                 turn it on for every store from the start.",
                vec![ctx.id(i)],
            );
            f.fix = set_prop("encrypted", "true");
            f
        })
}

/// On boards with a VPC: databases that are not inside a private subnet.
fn database_outside_private_subnet(ctx: &Context) -> Vec<Finding> {
    if !ctx.board.groups.iter().any(|g| g.kind == GroupKind::Vpc) {
        return Vec::new();
    }
    let private = Membership::new(ctx.board, GroupKind::PrivateSubnet);
    (0..ctx.board.nodes.len())
        .filter(|&i| ctx.is(i, VPC_STORES) && !private.contains(ctx.node(i).group.as_deref()))
        .map(|i| {
            finding(
                "security.database_outside_private_subnet",
                Pillar::Security,
                Severity::Warning,
                format!("{} is not inside a private subnet", ctx.name(i)),
                "A database should have no route to or from the internet; keep it in a private subnet that \
                 only the application tier can reach.",
                vec![ctx.id(i)],
            )
        })
        .collect()
}
