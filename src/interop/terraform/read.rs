//! From parsed `.tf` files to resources and data-flow links.
//!
//! References are read from expression text (`aws_sqs_queue.jobs.arn`, `module.db.table_arn`,
//! `local.queue`, `var.topic`, `data.aws_iam_policy_document.x.json`) and resolved to resource
//! addresses in the module scope they appear in, through locals, module outputs and module
//! inputs, policy documents, roles and their attachments.

use std::collections::{BTreeMap, HashMap, HashSet};

use super::parse::{self, TopBlock};
use super::{File, table};
use crate::interop::Problem;
use crate::interop::infra::{Link, Origin, Resource, What, board_id, is_async_target, is_store};
use crate::interop::tree::{Kind, Value};
use crate::model::{EdgeMode, GroupKind};

/// How deep references are followed through locals, outputs and module inputs.
const MAX_HOPS: usize = 16;

/// A resource block with its address.
struct Res {
    ty: String,
    /// `module.a.aws_sqs_queue.jobs`.
    addr: String,
    /// `module.a.` or `""`.
    scope: String,
    body: Value,
    file: String,
    line: usize,
    col: usize,
}

/// Everything the configuration declares, by address.
#[derive(Default)]
struct Config {
    res: Vec<Res>,
    index: HashMap<String, usize>,
    /// `scope + data.TYPE.NAME` -> body.
    data: HashMap<String, Value>,
    /// `scope + NAME` -> value.
    locals: HashMap<String, Value>,
    /// `scope + NAME` -> value.
    outputs: HashMap<String, Value>,
    /// `scope + module.NAME` -> the module block's body (its inputs) and whether it was read.
    modules: HashMap<String, (Value, bool)>,
    /// `scope + expression text` of a resource's name (`var.table_name`) -> its address, so
    /// a function that is handed the same variable as a table's name points at the table.
    names: HashMap<String, String>,
    /// `var.x` names nothing in the configuration sets: noted once each.
    unresolved: std::cell::RefCell<Vec<String>>,
}

/// The `module` blocks of a file with a local `source` (`./x`, `../x`): (name, source).
pub(crate) fn local_modules(text: &str) -> Result<Vec<(String, String)>, Problem> {
    Ok(parse::parse(text)?
        .into_iter()
        .filter(|b| b.kind == "module")
        .filter_map(|b| {
            let source = b.body.get("source").str()?.to_owned();
            let name = b.labels.first()?.clone();
            (source.starts_with("./") || source.starts_with("../")).then_some((name, source))
        })
        .collect())
}

/// Chains of names in expression text: `aws_sqs_queue.jobs.arn`, `var.x`; indexes cut a chain.
fn chains(text: &str) -> Vec<Vec<&str>> {
    let mut out = Vec::new();
    let bytes = text.as_bytes();
    let is_name = |b: u8| b.is_ascii_alphanumeric() || b == b'_' || b == b'-' || b == b'.';
    let mut i = 0;
    while i < bytes.len() {
        if is_name(bytes[i]) && (i == 0 || !is_name(bytes[i - 1])) {
            let start = i;
            while i < bytes.len() && is_name(bytes[i]) {
                i += 1;
            }
            let chain: Vec<&str> = text[start..i].split('.').collect();
            if chain.len() >= 2 && chain[0].chars().next().is_some_and(|c| c.is_ascii_alphabetic()) {
                out.push(chain);
            }
        } else {
            i += 1;
        }
    }
    out
}

/// Every expression text under a value.
fn texts<'a>(v: &'a Value, out: &mut Vec<&'a str>) {
    match &v.kind {
        Kind::Expr(t) => out.push(t),
        Kind::List(items) => items.iter().for_each(|i| texts(i, out)),
        Kind::Map(entries) => entries.iter().for_each(|(_, i)| texts(i, out)),
        Kind::Str(_) | Kind::Null => {}
    }
}

impl Config {
    /// The resource addresses `v` references from `scope`, followed through locals, outputs,
    /// module inputs and data policy documents.
    fn refs(&self, scope: &str, v: &Value) -> Vec<String> {
        let mut out = Vec::new();
        self.refs_into(scope, v, &mut out, 0);
        out
    }

    fn refs_into(&self, scope: &str, v: &Value, out: &mut Vec<String>, hops: usize) {
        if hops > MAX_HOPS {
            return;
        }
        let mut all = Vec::new();
        texts(v, &mut all);
        for text in all {
            for chain in chains(text) {
                self.follow(scope, &chain, out, hops);
            }
        }
    }

    fn follow(&self, scope: &str, chain: &[&str], out: &mut Vec<String>, hops: usize) {
        match chain {
            ["local", name, ..] => {
                if let Some(v) = self.locals.get(&format!("{scope}{name}")) {
                    self.refs_into(scope, v, out, hops + 1);
                }
            }
            ["var", name, ..] => {
                let module = scope.trim_end_matches('.');
                let input = self.modules.get(module).map(|(body, _)| body.get(name));
                match input {
                    Some(v) if !v.is_null() => {
                        let parent = parent_scope(scope);
                        self.refs_into(&parent, &v.clone(), out, hops + 1);
                    }
                    _ if self.names.contains_key(&format!("{scope}var.{name}")) => {
                        if let Some(a) = self.names.get(&format!("{scope}var.{name}")) {
                            out.push(a.clone());
                        }
                    }
                    _ => {
                        let mut u = self.unresolved.borrow_mut();
                        let name = format!("{scope}var.{name}");
                        if !u.contains(&name) {
                            u.push(name);
                        }
                    }
                }
            }
            ["module", name, output, ..] => {
                let module = format!("{scope}module.{name}");
                match self.modules.get(&module) {
                    Some((_, true)) => {
                        if let Some(v) = self.outputs.get(&format!("{module}.{output}")) {
                            self.refs_into(&format!("{module}."), v, out, hops + 1);
                        }
                    }
                    Some((_, false)) => out.push(module),
                    None => {}
                }
            }
            ["data", ty, name, ..] => {
                if let Some(v) = self.data.get(&format!("{scope}data.{ty}.{name}")) {
                    self.refs_into(scope, v, out, hops + 1);
                }
            }
            [ty, name, ..] if ty.starts_with("aws_") => {
                let addr = format!("{scope}{ty}.{name}");
                if self.index.contains_key(&addr) {
                    out.push(addr);
                }
            }
            _ => {}
        }
    }
}

/// `module.a.module.b.` -> `module.a.`.
fn parent_scope(scope: &str) -> String {
    let parts: Vec<&str> = scope.trim_end_matches('.').split('.').collect();
    if parts.len() <= 2 {
        String::new()
    } else {
        format!("{}.", parts[..parts.len() - 2].join("."))
    }
}

/// The auth name for an authorization or authorizer type.
fn auth_name(kind: &str) -> &'static str {
    let k = kind.to_ascii_uppercase();
    if k.contains("COGNITO") {
        "cognito"
    } else if k.contains("IAM") {
        "iam"
    } else if k.contains("JWT") || k.contains("OPENID") || k.contains("OIDC") {
        "jwt"
    } else if k.contains("API_KEY") {
        "api_key"
    } else {
        "lambda"
    }
}

/// Reads the files' resources and links. Fails on the first file that is not valid HCL, naming
/// it in the message.
pub(super) fn read(files: &[File], warnings: &mut Vec<Problem>) -> Result<(Vec<Resource>, Vec<Link>), Problem> {
    let table = table();
    let mut cfg = Config::default();
    for f in files {
        let blocks: Vec<TopBlock> = parse::parse(&f.text).map_err(|p| {
            if files.len() > 1 {
                Problem::new(p.line, p.col, format!("{}: {}", f.name, p.message))
            } else {
                p
            }
        })?;
        let scope = &f.scope;
        for b in blocks {
            match (b.kind.as_str(), b.labels.as_slice()) {
                ("resource", [ty, name, ..]) => {
                    let addr = format!("{scope}{ty}.{name}");
                    if cfg.index.contains_key(&addr) {
                        continue;
                    }
                    cfg.index.insert(addr.clone(), cfg.res.len());
                    cfg.res.push(Res {
                        ty: ty.clone(),
                        addr,
                        scope: scope.clone(),
                        body: b.body,
                        file: f.name.clone(),
                        line: b.line,
                        col: b.col,
                    });
                }
                ("data", [ty, name, ..]) => {
                    cfg.data.insert(format!("{scope}data.{ty}.{name}"), b.body);
                }
                ("locals", _) => {
                    if let Kind::Map(entries) = b.body.kind {
                        for (k, v) in entries {
                            cfg.locals.insert(format!("{scope}{k}"), v);
                        }
                    }
                }
                ("output", [name, ..]) => {
                    cfg.outputs
                        .insert(format!("{scope}{name}"), b.body.get("value").clone());
                }
                ("module", [name, ..]) => {
                    let source = b.body.get("source").str().unwrap_or_default().to_owned();
                    let local = source.starts_with("./") || source.starts_with("../");
                    let addr = format!("{scope}module.{name}");
                    let read = local && files.iter().any(|f| f.scope == format!("{addr}."));
                    if !read {
                        // A registry or remote module: one box, its inside unknown.
                        warnings.push(Problem::new(
                            b.line,
                            b.col,
                            format!("{}: module `{addr}` comes from {source}, which archboard does not read; drawn as one box", f.name),
                        ));
                        cfg.index.insert(addr.clone(), cfg.res.len());
                        cfg.res.push(Res {
                            ty: "module".to_owned(),
                            addr: addr.clone(),
                            scope: scope.clone(),
                            body: Value::new(
                                Kind::Map(vec![("source".to_owned(), b.body.get("source").clone())]),
                                b.line,
                                b.col,
                            ),
                            file: f.name.clone(),
                            line: b.line,
                            col: b.col,
                        });
                    }
                    cfg.modules.insert(addr, (b.body, read));
                }
                _ => {}
            }
        }
    }

    let mut ambiguous: HashSet<String> = HashSet::new();
    for r in &cfg.res {
        for key in ["name", "bucket", "function_name"] {
            if let Kind::Expr(text) = &r.body.get(key).kind {
                let text = text.trim();
                if text.starts_with("var.") && chains(text).len() == 1 {
                    let key = format!("{}{text}", r.scope);
                    if cfg
                        .names
                        .insert(key.clone(), r.addr.clone())
                        .is_some_and(|other| other != r.addr)
                    {
                        ambiguous.insert(key);
                    }
                }
            }
        }
    }
    // A variable that names two resources stands for neither.
    cfg.names.retain(|k, _| !ambiguous.contains(k));

    // What each resource draws as.
    let mut what: HashMap<String, What> = HashMap::new();
    for r in &cfg.res {
        let b = &r.body;
        if r.ty == "module" {
            what.insert(r.addr.clone(), What::Box("service".to_owned()));
            continue;
        }
        if let Some(kind) = table.groups.get(&r.ty) {
            let kind = if r.ty == "aws_subnet" {
                subnet_kind(r, &cfg)
            } else {
                *kind
            };
            what.insert(r.addr.clone(), What::Group(kind));
            continue;
        }
        if let Some(service) = table.boxes.get(&r.ty) {
            let service = match r.ty.as_str() {
                "aws_ecs_service" => {
                    let fargate = b.get("launch_type").str() == Some("FARGATE")
                        || b.get_all("capacity_provider_strategy").any(|s| {
                            s.get("capacity_provider")
                                .str()
                                .is_some_and(|c| c.starts_with("FARGATE"))
                        });
                    if fargate { "fargate" } else { "ecs" }
                }
                "aws_lb" | "aws_alb" => match b.get("load_balancer_type").str() {
                    Some("network") => "nlb",
                    Some("gateway") => "load_balancer",
                    _ => "alb",
                },
                "aws_db_instance" if b.get("engine").str().is_some_and(|e| e.starts_with("aurora")) => "aurora",
                _ => service.as_str(),
            };
            what.insert(r.addr.clone(), What::Box(service.to_owned()));
            continue;
        }
        if table.parts.contains(&r.ty) || !r.ty.starts_with("aws_") {
            continue;
        }
        warnings.push(Problem::new(
            r.line,
            r.col,
            format!(
                "{}: `{}` is a {}, which archboard has no service for; drawn as a generic service",
                r.file, r.addr, r.ty
            ),
        ));
        what.insert(r.addr.clone(), What::Box("service".to_owned()));
    }
    let is_box = |a: &str| matches!(what.get(a), Some(What::Box(_)));
    let service_of = |a: &str| match what.get(a) {
        Some(What::Box(s)) => s.as_str(),
        _ => "",
    };
    let res_of = |a: &str| cfg.index.get(a).map(|&i| &cfg.res[i]);
    // The box a reference leads to, through aliases, stages, cluster instances, key aliases.
    let owner = |a: &str| -> Option<String> {
        let mut at = a.to_owned();
        for _ in 0..4 {
            if is_box(&at) {
                return Some(at);
            }
            let r = res_of(&at)?;
            let via = match r.ty.as_str() {
                "aws_lambda_alias" | "aws_lambda_function_url" | "aws_lambda_provisioned_concurrency_config" => {
                    "function_name"
                }
                "aws_api_gateway_stage"
                | "aws_api_gateway_deployment"
                | "aws_api_gateway_resource"
                | "aws_api_gateway_method" => "rest_api_id",
                "aws_apigatewayv2_stage" | "aws_apigatewayv2_route" | "aws_apigatewayv2_integration" => "api_id",
                "aws_rds_cluster_instance" => "cluster_identifier",
                "aws_kms_alias" => "target_key_id",
                _ => return None,
            };
            at = cfg.refs(&r.scope, r.body.get(via)).into_iter().next()?;
        }
        None
    };
    let owners = |r: &Res, v: &Value| -> Vec<String> {
        let mut out: Vec<String> = Vec::new();
        for a in cfg.refs(&r.scope, v) {
            if let Some(o) = owner(&a).filter(|o| !out.contains(o)) {
                out.push(o);
            }
        }
        out
    };

    // Role address -> what its policies name.
    let mut role_targets: HashMap<String, Vec<String>> = HashMap::new();
    for r in &cfg.res {
        let b = &r.body;
        match r.ty.as_str() {
            "aws_iam_role" => {
                let mut named = Vec::new();
                for p in b.get_all("inline_policy") {
                    named.extend(cfg.refs(&r.scope, p.get("policy")));
                }
                role_targets.entry(r.addr.clone()).or_default().extend(named);
            }
            "aws_iam_role_policy" => {
                let named = cfg.refs(&r.scope, b.get("policy"));
                for role in cfg.refs(&r.scope, b.get("role")) {
                    role_targets.entry(role).or_default().extend(named.iter().cloned());
                }
            }
            "aws_iam_role_policy_attachment" | "aws_iam_policy_attachment" => {
                let named: Vec<String> = cfg
                    .refs(&r.scope, b.get("policy_arn"))
                    .iter()
                    .filter_map(|p| res_of(p))
                    .flat_map(|p| cfg.refs(&p.scope, p.body.get("policy")))
                    .collect();
                let roles = cfg
                    .refs(&r.scope, b.get("role"))
                    .into_iter()
                    .chain(cfg.refs(&r.scope, b.get("roles")));
                for role in roles {
                    role_targets.entry(role).or_default().extend(named.iter().cloned());
                }
            }
            _ => {}
        }
    }
    let granted = |r: &Res, role: &Value| -> Vec<String> {
        cfg.refs(&r.scope, role)
            .iter()
            .filter_map(|a| role_targets.get(a))
            .flatten()
            .cloned()
            .collect()
    };

    let mut props: HashMap<String, BTreeMap<String, String>> = HashMap::new();
    let mut set = |a: &str, k: &str, v: &str| {
        props
            .entry(a.to_owned())
            .or_default()
            .insert(k.to_owned(), v.to_owned());
    };
    let mut events: Vec<Link> = Vec::new();
    let mut grants: Vec<Link> = Vec::new();
    let mut tracing = false;
    let grant = |from: &str, named: Vec<String>, grants: &mut Vec<Link>| {
        for a in named {
            let Some(to) = owner(&a) else { continue };
            let service = service_of(&to);
            if to == from || service == "kms" || service == "cloudwatch" {
                continue;
            }
            let mode = if is_async_target(service) {
                EdgeMode::Async
            } else {
                EdgeMode::Sync
            };
            grants.push(Link::new(from, &to, "", mode));
        }
    };
    let mode_to = |to: &str| {
        if is_async_target(service_of(to)) {
            EdgeMode::Async
        } else {
            EdgeMode::Sync
        }
    };

    // Target groups -> members; listeners -> load balancers.
    let mut tg_members: HashMap<String, Vec<String>> = HashMap::new();
    for r in &cfg.res {
        let b = &r.body;
        match r.ty.as_str() {
            "aws_lb_target_group_attachment" | "aws_alb_target_group_attachment" => {
                for tg in cfg.refs(&r.scope, b.get("target_group_arn")) {
                    tg_members.entry(tg).or_default().extend(owners(r, b.get("target_id")));
                }
            }
            "aws_ecs_service" => {
                for lb in b.get_all("load_balancer") {
                    for tg in cfg.refs(&r.scope, lb.get("target_group_arn")) {
                        tg_members.entry(tg).or_default().push(r.addr.clone());
                    }
                }
            }
            "aws_autoscaling_group" => {
                for tg in cfg.refs(&r.scope, b.get("target_group_arns")) {
                    tg_members.entry(tg).or_default().push(r.addr.clone());
                }
            }
            "aws_autoscaling_attachment" => {
                for asg in cfg.refs(&r.scope, b.get("autoscaling_group_name")) {
                    for tg in cfg.refs(&r.scope, b.get("lb_target_group_arn")) {
                        tg_members.entry(tg).or_default().push(asg.clone());
                    }
                }
            }
            _ => {}
        }
    }
    let listener_lb: HashMap<String, Vec<String>> = cfg
        .res
        .iter()
        .filter(|r| r.ty == "aws_lb_listener" || r.ty == "aws_alb_listener")
        .map(|r| (r.addr.clone(), owners(r, r.body.get("load_balancer_arn"))))
        .collect();
    let mut api_auth: HashMap<String, (usize, usize, String)> = HashMap::new();

    for r in &cfg.res {
        let b = &r.body;
        let a = r.addr.as_str();
        match r.ty.as_str() {
            "aws_lambda_function" => {
                let mut named = cfg.refs(&r.scope, b.get("environment"));
                named.extend(granted(r, b.get("role")));
                grant(a, named, &mut grants);
                for d in b.get_all("dead_letter_config") {
                    for q in owners(r, d.get("target_arn")) {
                        events.push(Link::new(a, &q, "DLQ", EdgeMode::Async));
                    }
                }
                if let Some(n) = b.get("reserved_concurrent_executions").str().filter(|n| *n != "-1") {
                    set(a, "quota", n);
                }
                if let Some(m) = b.get("memory_size").number() {
                    set(a, "memory_mb", &m.to_string());
                }
                if b.get_all("tracing_config")
                    .any(|t| t.get("mode").str() == Some("Active"))
                {
                    tracing = true;
                }
            }
            "aws_lambda_provisioned_concurrency_config" => {
                if let Some(n) = b.get("provisioned_concurrent_executions").str() {
                    for f in owners(r, b.get("function_name")) {
                        set(&f, "provisioned_concurrency", n);
                    }
                }
            }
            "aws_lambda_event_source_mapping" => {
                let sources = owners(r, b.get("event_source_arn"));
                for src in &sources {
                    for f in owners(r, b.get("function_name")) {
                        events.push(Link::new(src, &f, "", EdgeMode::Async));
                    }
                }
            }
            "aws_sfn_state_machine" => {
                let mut named = cfg.refs(&r.scope, b.get("definition"));
                named.extend(granted(r, b.get("role_arn")));
                grant(a, named, &mut grants);
                if b.get_all("tracing_configuration").any(|t| t.get("enabled").is_true()) {
                    tracing = true;
                }
            }
            "aws_ecs_service" => {
                let mut named = Vec::new();
                for td in cfg.refs(&r.scope, b.get("task_definition")) {
                    if let Some(t) = res_of(&td) {
                        named.extend(cfg.refs(&t.scope, t.body.get("container_definitions")));
                        named.extend(granted(t, t.body.get("task_role_arn")));
                    }
                }
                grant(a, named, &mut grants);
                if let Some(n) = b.get("desired_count").str() {
                    set(a, "count", n);
                }
            }
            "aws_s3_bucket_notification" => {
                for bucket in owners(r, b.get("bucket")) {
                    for key in ["lambda_function", "queue", "topic"] {
                        for n in b.get_all(key) {
                            for to in owners(r, n) {
                                events.push(Link::new(&bucket, &to, "", EdgeMode::Async));
                            }
                        }
                    }
                }
            }
            "aws_s3_bucket_lifecycle_configuration" => {
                for bucket in owners(r, b.get("bucket")) {
                    set(&bucket, "lifecycle", "true");
                }
            }
            "aws_s3_bucket" => {
                // Every bucket is encrypted at rest (SSE-S3 by default since January 2023).
                set(a, "encrypted", "true");
                if b.get_all("lifecycle_rule").next().is_some() {
                    set(a, "lifecycle", "true");
                }
            }
            "aws_sqs_queue" | "aws_sqs_queue_redrive_policy" => {
                let queue = if r.ty == "aws_sqs_queue" {
                    vec![a.to_owned()]
                } else {
                    owners(r, b.get("queue_url"))
                };
                for dlq in owners(r, b.get("redrive_policy")) {
                    for q in &queue {
                        events.push(Link::new(q, &dlq, "DLQ", EdgeMode::Async));
                        set(q, "dlq", "true");
                    }
                }
                if r.ty == "aws_sqs_queue"
                    && (!b.get("sqs_managed_sse_enabled").is_false() || !b.get("kms_master_key_id").is_null())
                {
                    set(a, "encrypted", "true");
                }
            }
            "aws_sns_topic_subscription" => {
                for t in owners(r, b.get("topic_arn")) {
                    for to in owners(r, b.get("endpoint")) {
                        events.push(Link::new(&t, &to, "", EdgeMode::Async));
                    }
                }
            }
            "aws_cloudwatch_event_target" => {
                for rule in owners(r, b.get("rule")) {
                    let targets = owners(r, b.get("arn"));
                    if targets.is_empty() {
                        note_unresolved(r, "arn", warnings);
                    }
                    for to in targets {
                        events.push(Link::new(&rule, &to, "", EdgeMode::Async));
                    }
                }
            }
            "aws_cloudwatch_event_rule" => {
                for bus in owners(r, b.get("event_bus_name")) {
                    events.push(Link::new(&bus, a, "", EdgeMode::Async));
                }
            }
            "aws_scheduler_schedule" => {
                for t in b.get_all("target") {
                    for to in owners(r, t.get("arn")) {
                        events.push(Link::new(a, &to, "", EdgeMode::Async));
                    }
                }
            }
            "aws_pipes_pipe" => {
                for from in owners(r, b.get("source")) {
                    events.push(Link::new(&from, a, "", EdgeMode::Async));
                }
                for to in owners(r, b.get("enrichment"))
                    .into_iter()
                    .chain(owners(r, b.get("target")))
                {
                    events.push(Link::new(a, &to, "", EdgeMode::Async));
                }
            }
            "aws_api_gateway_rest_api" | "aws_apigatewayv2_api" => {
                for to in owners(r, b.get("body")).into_iter().chain(owners(r, b.get("target"))) {
                    events.push(Link::new(a, &to, "", EdgeMode::Sync));
                }
                let private = b
                    .get_all("endpoint_configuration")
                    .any(|e| e.get("types").items().iter().any(|t| t.str() == Some("PRIVATE")));
                // A private API is reached through its VPC endpoints.
                for e in b.get_all("endpoint_configuration") {
                    for vpce in owners(r, e.get("vpc_endpoint_ids")) {
                        events.push(Link::new(&vpce, a, "", EdgeMode::Sync));
                    }
                }
                if !private {
                    set(a, "public", "true");
                }
            }
            "aws_api_gateway_method" if b.get("http_method").str() != Some("OPTIONS") => {
                for api in owners(r, b.get("rest_api_id")) {
                    let e = api_auth.entry(api).or_default();
                    e.0 += 1;
                    if let Some(k) = b.get("authorization").str().filter(|k| *k != "NONE") {
                        e.1 += 1;
                        e.2 = auth_name(k).to_owned();
                    }
                }
            }
            "aws_apigatewayv2_route" => {
                for api in owners(r, b.get("api_id")) {
                    let e = api_auth.entry(api).or_default();
                    e.0 += 1;
                    if let Some(k) = b.get("authorization_type").str().filter(|k| *k != "NONE") {
                        e.1 += 1;
                        e.2 = auth_name(k).to_owned();
                    }
                }
            }
            "aws_api_gateway_integration" | "aws_apigatewayv2_integration" => {
                let apis = owners(r, b.get("rest_api_id"))
                    .into_iter()
                    .chain(owners(r, b.get("api_id")));
                let targets: Vec<String> = owners(r, b.get("uri"))
                    .into_iter()
                    .chain(owners(r, b.get("integration_uri")))
                    .collect();
                for api in apis {
                    for to in &targets {
                        events.push(Link::new(&api, to, "", mode_to(to)));
                    }
                }
            }
            "aws_api_gateway_authorizer" | "aws_apigatewayv2_authorizer" => {
                let kind = b
                    .get("type")
                    .str()
                    .or(b.get("authorizer_type").str())
                    .unwrap_or("TOKEN");
                for api in owners(r, b.get("rest_api_id"))
                    .into_iter()
                    .chain(owners(r, b.get("api_id")))
                {
                    let e = api_auth.entry(api).or_default();
                    if e.2.is_empty() {
                        e.2 = auth_name(kind).to_owned();
                    }
                }
            }
            "aws_api_gateway_stage" | "aws_apigatewayv2_stage" if b.get("xray_tracing_enabled").is_true() => {
                tracing = true;
            }
            "aws_appsync_graphql_api" => {
                if let Some(k) = b.get("authentication_type").str() {
                    set(a, "auth", auth_name(k));
                }
                if b.get("visibility").str() != Some("PRIVATE") {
                    set(a, "public", "true");
                }
                if b.get("xray_enabled").is_true() {
                    tracing = true;
                }
            }
            "aws_appsync_datasource" => {
                let mut named = Vec::new();
                for (k, v) in b.entries() {
                    if k.ends_with("_config") {
                        named.extend(owners(r, v));
                    }
                }
                for api in owners(r, b.get("api_id")) {
                    for to in &named {
                        events.push(Link::new(&api, to, "", EdgeMode::Sync));
                    }
                }
            }
            "aws_cloudfront_distribution" => {
                for o in b.get_all("origin") {
                    for to in owners(r, o.get("domain_name")) {
                        events.push(Link::new(a, &to, "", EdgeMode::Sync));
                    }
                }
                set(a, "public", "true");
                let acl = b.get("web_acl_id");
                if !acl.is_null() {
                    set(a, "waf", "true");
                    for w in owners(r, acl) {
                        events.push(Link::new(&w, a, "filters", EdgeMode::Sync));
                    }
                }
            }
            "aws_wafv2_web_acl_association" | "aws_wafregional_web_acl_association" => {
                let acls: Vec<String> = owners(r, b.get("web_acl_arn"))
                    .into_iter()
                    .chain(owners(r, b.get("web_acl_id")))
                    .collect();
                for target in owners(r, b.get("resource_arn")) {
                    set(&target, "waf", "true");
                    for w in &acls {
                        events.push(Link::new(w, &target, "filters", EdgeMode::Sync));
                    }
                }
            }
            "aws_shield_protection" => {
                for target in owners(r, b.get("resource_arn")) {
                    set(&target, "shield", "true");
                }
            }
            "aws_lb" | "aws_alb" if !b.get("internal").is_true() => {
                set(a, "public", "true");
            }
            "aws_lb_listener" | "aws_alb_listener" | "aws_lb_listener_rule" | "aws_alb_listener_rule" => {
                let lbs: Vec<String> = if r.ty.ends_with("_rule") {
                    cfg.refs(&r.scope, b.get("listener_arn"))
                        .iter()
                        .filter_map(|l| listener_lb.get(l))
                        .flatten()
                        .cloned()
                        .collect()
                } else {
                    listener_lb.get(a).cloned().unwrap_or_default()
                };
                let actions: Vec<&Value> = b.get_all("default_action").chain(b.get_all("action")).collect();
                for action in &actions {
                    let ty = action.get("type").str().unwrap_or_default();
                    if ty.starts_with("authenticate") {
                        for lb in &lbs {
                            set(lb, "auth", if ty.contains("cognito") { "cognito" } else { "jwt" });
                        }
                    }
                    for tg in cfg.refs(&r.scope, action) {
                        for member in tg_members.get(&tg).into_iter().flatten() {
                            for lb in &lbs {
                                events.push(Link::new(lb, member, "", EdgeMode::Sync));
                            }
                        }
                    }
                }
            }
            "aws_kinesis_firehose_delivery_stream" => {
                for s in b.get_all("kinesis_source_configuration") {
                    for src in owners(r, s.get("kinesis_stream_arn")) {
                        events.push(Link::new(&src, a, "", EdgeMode::Async));
                    }
                }
                for (k, v) in b.entries() {
                    if k.ends_with("_configuration")
                        && k != "kinesis_source_configuration"
                        && k != "server_side_encryption"
                    {
                        for key in ["bucket_arn", "domain_arn", "cluster_jdbcurl", "url"] {
                            for to in owners(r, v.get(key)) {
                                events.push(Link::new(a, &to, "", EdgeMode::Async));
                            }
                        }
                    }
                }
            }
            "aws_cloudwatch_metric_alarm" | "aws_cloudwatch_composite_alarm" => {
                for key in ["alarm_actions", "ok_actions", "insufficient_data_actions"] {
                    for to in owners(r, b.get(key)) {
                        events.push(Link::new(a, &to, "", EdgeMode::Async));
                    }
                }
            }
            "aws_backup_selection" => {
                let plans = owners(r, b.get("plan_id"));
                for target in owners(r, b.get("resources")) {
                    set(&target, "backup", "true");
                    for plan in &plans {
                        events.push(Link::new(plan, &target, "backup", EdgeMode::Async));
                    }
                }
            }
            "aws_route53_record" => {
                for to in owners(r, b.get("records")) {
                    events.push(Link::new(a, &to, "", EdgeMode::Sync));
                }
                for al in b.get_all("alias") {
                    for to in owners(r, al.get("name")) {
                        events.push(Link::new(a, &to, "", EdgeMode::Sync));
                    }
                }
            }
            "aws_appautoscaling_target" => {
                for target in owners(r, b.get("resource_id")) {
                    set(&target, "auto_scaling", "true");
                }
            }
            _ => {}
        }
    }
    for (api, (total, authed, kind)) in &api_auth {
        if !kind.is_empty() && (*total == 0 || authed == total) {
            set(api, "auth", kind);
        }
    }
    for r in &cfg.res {
        let Some(What::Box(service)) = what.get(&r.addr) else {
            continue;
        };
        store_props(r, &cfg, &mut set);
        let mut keys = Vec::new();
        for (k, v) in r.body.entries() {
            let l = k.to_ascii_lowercase();
            if l.contains("kms") || l.contains("encrypt") {
                keys.extend(cfg.refs(&r.scope, v));
            }
        }
        for key in keys.iter().filter_map(|k| owner(k)) {
            if service_of(&key) == "kms" {
                events.push(Link::new(&key, &r.addr, "encrypts", EdgeMode::Sync));
                if is_store(service) {
                    set(&r.addr, "encrypted", "true");
                }
            }
        }
    }
    let fed: HashSet<(String, String)> = events.iter().map(|l| (l.from.clone(), l.to.clone())).collect();
    grants.retain(|g| !fed.contains(&(g.to.clone(), g.from.clone())));
    let mut links = events;
    links.extend(grants);

    // Membership: subnets (directly or through a subnet group), else a VPC via security groups.
    let is_group = |a: &str| matches!(what.get(a), Some(What::Group(_)));
    let membership = |r: &Res| -> Vec<String> {
        let mut named = Vec::new();
        collect_keys(
            &r.body,
            &|k| k.contains("subnet") || k == "vpc_id" || k == "vpc_zone_identifier",
            &mut |v| {
                named.extend(cfg.refs(&r.scope, v));
            },
        );
        let mut within = Vec::new();
        for n in named {
            if is_group(&n) {
                within.push(n);
            } else if let Some(g) = res_of(&n) {
                within.extend(
                    cfg.refs(&g.scope, g.body.get("subnet_ids"))
                        .into_iter()
                        .filter(|s| is_group(s)),
                );
            }
        }
        if within.is_empty() {
            let mut sgs = Vec::new();
            collect_keys(&r.body, &|k| k.contains("security_group"), &mut |v| {
                sgs.extend(cfg.refs(&r.scope, v))
            });
            for sg in sgs {
                if let Some(g) = res_of(&sg) {
                    within.extend(
                        cfg.refs(&g.scope, g.body.get("vpc_id"))
                            .into_iter()
                            .filter(|v| is_group(v)),
                    );
                }
            }
        }
        within.sort_by_key(|w| matches!(what.get(w), Some(What::Group(GroupKind::Vpc))));
        within
    };
    let mut efs_subnets: HashMap<String, Vec<String>> = HashMap::new();
    for r in cfg.res.iter().filter(|r| r.ty == "aws_efs_mount_target") {
        for fs in cfg.refs(&r.scope, r.body.get("file_system_id")) {
            efs_subnets
                .entry(fs)
                .or_default()
                .extend(cfg.refs(&r.scope, r.body.get("subnet_id")));
        }
    }
    let mut igw_vpc: HashMap<String, Vec<String>> = HashMap::new();
    for r in cfg.res.iter().filter(|r| r.ty == "aws_internet_gateway_attachment") {
        for igw in cfg.refs(&r.scope, r.body.get("internet_gateway_id")) {
            igw_vpc
                .entry(igw)
                .or_default()
                .extend(cfg.refs(&r.scope, r.body.get("vpc_id")));
        }
    }

    let mut resources = Vec::new();
    for r in &cfg.res {
        let Some(w) = what.get(&r.addr) else { continue };
        let origin = Origin {
            file: r.file.clone(),
            line: r.line,
            col: r.col,
        };
        let mut res = Resource::service(board_id(&r.addr), "", origin);
        res.what = w.clone();
        res.label = if r.ty == "module" {
            format!("{} ({})", r.addr, r.body.get("source").str().unwrap_or_default())
        } else {
            r.addr
                .trim_start_matches(&r.scope)
                .split_once('.')
                .map_or(r.addr.as_str(), |(_, n)| n)
                .to_owned()
        };
        // A VPC box is titled by its address; subnets are listed by name in their merged box.
        if *w == What::Group(GroupKind::Vpc) {
            res.label = r.addr.clone();
        }
        res.props = table.props.get(&r.ty).cloned().unwrap_or_default();
        res.props.extend(props.remove(&r.addr).unwrap_or_default());
        res.within = membership(r);
        res.within.extend(efs_subnets.remove(&r.addr).unwrap_or_default());
        res.within.extend(igw_vpc.remove(&r.addr).unwrap_or_default());
        res.module = (!r.scope.is_empty()).then(|| r.scope.trim_end_matches('.').to_owned());
        resources.push(res);
    }
    if tracing {
        let mut res = Resource::service("aws_xray", "xray", Origin::default());
        res.label = "X-Ray (tracing on)".to_owned();
        resources.push(res);
    }
    for name in cfg.unresolved.borrow().iter() {
        warnings.push(Problem::whole(format!(
            "`{name}` is not set in the configuration (no default is read); references through it draw no edge"
        )));
    }
    Ok((resources, links))
}

/// Calls `f` on every value under a key (at any depth) that `wanted` accepts.
fn collect_keys(v: &Value, wanted: &dyn Fn(&str) -> bool, f: &mut dyn FnMut(&Value)) {
    match &v.kind {
        Kind::Map(entries) => {
            for (k, inner) in entries {
                if wanted(k) {
                    f(inner);
                } else {
                    collect_keys(inner, wanted, f);
                }
            }
        }
        Kind::List(items) => items.iter().for_each(|i| collect_keys(i, wanted, f)),
        _ => {}
    }
}

/// A warning that an edge-giving attribute led to no resource.
fn note_unresolved(r: &Res, key: &str, warnings: &mut Vec<Problem>) {
    warnings.push(Problem::new(
        r.line,
        r.col,
        format!(
            "{}: `{}`'s {key} names no resource archboard can resolve; no edge drawn",
            r.file, r.addr
        ),
    ));
}

/// A subnet is public when it maps public IPs on launch, routes to an internet gateway, or is
/// named so; otherwise private.
fn subnet_kind(r: &Res, cfg: &Config) -> GroupKind {
    if r.body.get("map_public_ip_on_launch").is_true() || r.addr.to_ascii_lowercase().contains("public") {
        return GroupKind::PublicSubnet;
    }
    let tables: Vec<String> = cfg
        .res
        .iter()
        .filter(|a| {
            a.ty == "aws_route_table_association" && cfg.refs(&a.scope, a.body.get("subnet_id")).contains(&r.addr)
        })
        .flat_map(|a| cfg.refs(&a.scope, a.body.get("route_table_id")))
        .collect();
    let to_igw = |v: &Value, scope: &str| {
        cfg.refs(scope, v).iter().any(|g| {
            cfg.index
                .get(g)
                .is_some_and(|&i| cfg.res[i].ty == "aws_internet_gateway")
        })
    };
    let routed = cfg.res.iter().any(|t| {
        (t.ty == "aws_route_table"
            && tables.contains(&t.addr)
            && t.body.get_all("route").any(|rt| to_igw(rt.get("gateway_id"), &t.scope)))
            || (t.ty == "aws_route"
                && cfg
                    .refs(&t.scope, t.body.get("route_table_id"))
                    .iter()
                    .any(|x| tables.contains(x))
                && to_igw(t.body.get("gateway_id"), &t.scope))
    });
    if routed {
        GroupKind::PublicSubnet
    } else {
        GroupKind::PrivateSubnet
    }
}

/// The props a store, a database or a cluster states about itself.
fn store_props(r: &Res, cfg: &Config, set: &mut dyn FnMut(&str, &str, &str)) {
    let b = &r.body;
    let a = r.addr.as_str();
    let flag = |v: bool| if v { "true" } else { "false" };
    let block = |k: &'static str| b.get_all(k).next().unwrap_or(&crate::interop::tree::NULL);
    match r.ty.as_str() {
        "aws_dynamodb_table" => {
            // DynamoDB encrypts every table at rest (an AWS-owned key unless
            // server_side_encryption names another).
            set(a, "encrypted", "true");
            let on_demand = b.get("billing_mode").str() == Some("PAY_PER_REQUEST");
            set(a, "capacity_mode", if on_demand { "on_demand" } else { "provisioned" });
            if block("point_in_time_recovery").get("enabled").is_true() {
                set(a, "backup", "true");
            }
            if !on_demand {
                for (key, prop) in [("read_capacity", "rcu"), ("write_capacity", "wcu")] {
                    if let Some(n) = b.get(key).str() {
                        set(a, prop, n);
                    }
                }
            }
        }
        "aws_db_instance" => {
            set(a, "multi_az", flag(b.get("multi_az").is_true()));
            set(a, "encrypted", flag(b.get("storage_encrypted").is_true()));
            set(a, "backup", flag(b.get("backup_retention_period").number() != Some(0)));
            if let Some(class) = b.get("instance_class").str() {
                set(a, "instance_type", class);
            }
        }
        "aws_rds_cluster" | "aws_docdb_cluster" | "aws_neptune_cluster" => {
            let instances: usize = cfg
                .res
                .iter()
                .filter(|i| {
                    i.ty.ends_with("_cluster_instance")
                        && cfg
                            .refs(&i.scope, i.body.get("cluster_identifier"))
                            .iter()
                            .any(|c| c == a)
                })
                .map(|i| {
                    let count = i.body.get("count");
                    if count.is_null() && i.body.get("for_each").is_null() {
                        1
                    } else {
                        count.number().map_or(2, |n| n.max(0) as usize)
                    }
                })
                .sum();
            let serverless = b.get("engine_mode").str() == Some("serverless");
            set(a, "multi_az", flag(instances >= 2 || serverless));
            set(a, "encrypted", flag(b.get("storage_encrypted").is_true() || serverless));
            set(a, "backup", "true");
        }
        "aws_elasticache_replication_group" => {
            let multi = b.get("multi_az_enabled").is_true() || b.get("automatic_failover_enabled").is_true();
            set(a, "multi_az", flag(multi));
            set(a, "encrypted", flag(b.get("at_rest_encryption_enabled").is_true()));
        }
        "aws_elasticache_cluster" => set(a, "multi_az", flag(b.get("az_mode").str() == Some("cross-az"))),
        "aws_memorydb_cluster" => {
            set(
                a,
                "multi_az",
                flag(b.get("num_replicas_per_shard").number().is_none_or(|n| n > 0)),
            );
            set(a, "encrypted", "true");
        }
        "aws_dax_cluster" => {
            set(
                a,
                "multi_az",
                flag(b.get("replication_factor").number().unwrap_or(1) >= 2),
            );
            set(
                a,
                "encrypted",
                flag(block("server_side_encryption").get("enabled").is_true()),
            );
        }
        "aws_redshift_cluster" => {
            set(a, "encrypted", flag(b.get("encrypted").is_true()));
            set(
                a,
                "backup",
                flag(b.get("automated_snapshot_retention_period").number() != Some(0)),
            );
        }
        "aws_redshiftserverless_workgroup" => {
            set(a, "encrypted", "true");
            set(a, "backup", "true");
        }
        "aws_opensearch_domain" | "aws_elasticsearch_domain" => {
            set(a, "encrypted", flag(block("encrypt_at_rest").get("enabled").is_true()));
            set(
                a,
                "multi_az",
                flag(block("cluster_config").get("zone_awareness_enabled").is_true()),
            );
        }
        "aws_opensearchserverless_collection" => set(a, "encrypted", "true"),
        "aws_kinesis_stream" => {
            set(a, "encrypted", flag(b.get("encryption_type").str() == Some("KMS")));
            if let Some(n) = b.get("shard_count").str() {
                set(a, "shards", n);
            }
            if block("stream_mode_details").get("stream_mode").str() == Some("ON_DEMAND") {
                set(a, "capacity_mode", "on_demand");
            }
        }
        "aws_efs_file_system" | "aws_ebs_volume" => set(a, "encrypted", flag(b.get("encrypted").is_true())),
        "aws_instance" => {
            if let Some(t) = b.get("instance_type").str() {
                set(a, "instance_type", t);
            }
        }
        _ => {}
    }
}
