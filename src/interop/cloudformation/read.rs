//! From a parsed template to resources and data-flow links: which resources draw, what each
//! states about itself (props), where it sits (groups) and where its data goes (links).
//!
//! References are read in every form a template writes them (`Ref`, `Fn::GetAtt`, names inside
//! `Fn::Sub` strings, through `Fn::If`, `Fn::Join` and the rest), then followed through the
//! wiring resources (roles and their policies, event source mappings, methods, listeners and
//! target groups, aliases) to the boxes they connect.

use std::collections::{BTreeMap, HashMap, HashSet};

use super::table;
use crate::interop::Problem;
use crate::interop::infra::{Link, Origin, Resource, What, is_async_target, is_store};
use crate::interop::tree::{Kind, Value};
use crate::model::{EdgeMode, GroupKind};

/// One resource of the template as read: its id, type, properties (SAM globals merged in) and
/// the whole definition (for metadata and position).
struct Res<'a> {
    id: &'a str,
    ty: &'a str,
    props: Value,
    def: &'a Value,
}

/// The logical ids `v` references: `Ref`, `Fn::GetAtt` and `${Name}` / `${Name.Attr}` inside
/// `Fn::Sub`, in order, pseudo parameters (`AWS::Region`) left out.
pub(crate) fn refs(v: &Value, out: &mut Vec<String>) {
    match &v.kind {
        Kind::Map(entries) if entries.len() == 1 => {
            let (k, inner) = &entries[0];
            match k.as_str() {
                "Ref" => {
                    if let Some(s) = inner.str().filter(|s| !s.starts_with("AWS::")) {
                        out.push(s.to_owned());
                    }
                }
                "Fn::GetAtt" => {
                    let first = match &inner.kind {
                        Kind::Str(s) => s.split('.').next().map(str::to_owned),
                        Kind::List(items) => items.first().and_then(Value::str).map(str::to_owned),
                        _ => None,
                    };
                    out.extend(first);
                }
                "Fn::Sub" => {
                    let (text, vars) = match &inner.kind {
                        Kind::List(items) => (items.first().and_then(Value::str), items.get(1)),
                        _ => (inner.str(), None),
                    };
                    let bound: HashSet<&str> = vars
                        .map(|v| v.entries().iter().map(|(k, _)| k.as_str()).collect())
                        .unwrap_or_default();
                    if let Some(text) = text {
                        sub_names(text, &bound, out);
                    }
                    if let Some(vars) = vars {
                        refs(vars, out);
                    }
                }
                _ => refs(inner, out),
            }
        }
        Kind::Map(entries) => {
            for (_, inner) in entries {
                refs(inner, out);
            }
        }
        Kind::List(items) => {
            for inner in items {
                refs(inner, out);
            }
        }
        Kind::Str(_) | Kind::Null | Kind::Expr(_) => {}
    }
}

/// Names used as `${Name}` or `${Name.Attr}` in a `Fn::Sub` string, except `${!Literal}`,
/// pseudo parameters and the names the Sub binds itself.
fn sub_names(text: &str, bound: &HashSet<&str>, out: &mut Vec<String>) {
    let mut rest = text;
    while let Some(i) = rest.find("${") {
        rest = &rest[i + 2..];
        let Some(end) = rest.find('}') else { break };
        let name = &rest[..end];
        rest = &rest[end..];
        if name.starts_with('!') || name.starts_with("AWS::") {
            continue;
        }
        let head = name.split('.').next().unwrap_or_default().trim();
        if !head.is_empty() && !bound.contains(head) {
            out.push(head.to_owned());
        }
    }
}

/// The references of `v`, a fresh list.
fn refs_of(v: &Value) -> Vec<String> {
    let mut out = Vec::new();
    refs(v, &mut out);
    out
}

/// The references under entries of `v` (at any depth) whose key satisfies `wanted`.
fn refs_under_keys(v: &Value, wanted: &dyn Fn(&str) -> bool, out: &mut Vec<String>) {
    match &v.kind {
        Kind::Map(entries) => {
            for (k, inner) in entries {
                if wanted(k) {
                    refs(inner, out);
                } else {
                    refs_under_keys(inner, wanted, out);
                }
            }
        }
        Kind::List(items) => {
            for inner in items {
                refs_under_keys(inner, wanted, out);
            }
        }
        _ => {}
    }
}

/// SAM's `Globals` section merged into each resource it applies to: a key the resource sets
/// wins, except that environment variables merge.
fn with_globals(ty: &str, props: &Value, globals: &Value) -> Value {
    let section = match ty {
        "AWS::Serverless::Function" => "Function",
        "AWS::Serverless::Api" => "Api",
        "AWS::Serverless::HttpApi" => "HttpApi",
        "AWS::Serverless::SimpleTable" => "SimpleTable",
        "AWS::Serverless::StateMachine" => "StateMachine",
        _ => return props.clone(),
    };
    let global = globals.get(section);
    if global.entries().is_empty() {
        return props.clone();
    }
    let mut merged = props.clone();
    if !matches!(merged.kind, Kind::Map(_)) {
        merged.kind = Kind::Map(Vec::new());
    }
    let Kind::Map(entries) = &mut merged.kind else {
        return merged;
    };
    for (k, gv) in global.entries() {
        match entries.iter_mut().find(|(key, _)| key == k) {
            None => entries.push((k.clone(), gv.clone())),
            Some((_, own)) if k == "Environment" => {
                let mut vars: Vec<(String, Value)> = gv.get("Variables").entries().to_vec();
                for (name, val) in own.get("Variables").entries() {
                    vars.retain(|(n, _)| n != name);
                    vars.push((name.clone(), val.clone()));
                }
                let (line, col) = (own.line, own.col);
                *own = Value::new(
                    Kind::Map(vec![("Variables".to_owned(), Value::new(Kind::Map(vars), line, col))]),
                    line,
                    col,
                );
            }
            Some(_) => {}
        }
    }
    merged
}

/// A label from CDK's construct path (`Stack/Orders/Table/Resource` -> `Orders/Table`), or the
/// logical id.
fn label_for(id: &str, def: &Value) -> String {
    let path = def.path("Metadata").get("aws:cdk:path").str().unwrap_or_default();
    let mut parts: Vec<&str> = path.split('/').skip(1).filter(|p| !p.is_empty()).collect();
    while parts.last().is_some_and(|p| *p == "Resource" || *p == "Default") && parts.len() > 1 {
        parts.pop();
    }
    if parts.is_empty() {
        id.to_owned()
    } else {
        parts.join("/")
    }
}

/// The auth name a rule reads for an API authorizer or authorization type.
fn auth_name(kind: &str) -> String {
    let k = kind.to_ascii_uppercase();
    if k.contains("COGNITO") {
        "cognito".to_owned()
    } else if k.contains("IAM") {
        "iam".to_owned()
    } else if k.contains("JWT") || k.contains("OPENID") || k.contains("OIDC") {
        "jwt".to_owned()
    } else if k.contains("LAMBDA") || k == "CUSTOM" || k == "TOKEN" || k == "REQUEST" || k == "FUNCTION" {
        "lambda".to_owned()
    } else if k.contains("API_KEY") {
        "api_key".to_owned()
    } else {
        kind.to_ascii_lowercase()
    }
}

/// Reads the template's resources and links.
pub(super) fn read(root: &Value, file: &str, warnings: &mut Vec<Problem>) -> (Vec<Resource>, Vec<Link>) {
    let table = table();
    let globals = root.get("Globals");
    let all: Vec<Res<'_>> = root
        .get("Resources")
        .entries()
        .iter()
        .filter_map(|(id, def)| {
            let Some(ty) = def.get("Type").str() else {
                warnings.push(Problem::new(
                    def.line,
                    def.col,
                    format!("resource `{id}` has no Type; skipped"),
                ));
                return None;
            };
            Some(Res {
                id,
                ty,
                props: with_globals(ty, def.get("Properties"), globals),
                def,
            })
        })
        .collect();
    let index: HashMap<&str, usize> = all.iter().enumerate().map(|(i, r)| (r.id, i)).collect();
    let by_type = |ty: &'static str| all.iter().filter(move |r| r.ty == ty);

    // Which resources draw, and as what.
    let mut what: HashMap<&str, What> = HashMap::new();
    for r in &all {
        let p = &r.props;
        if let Some(kind) = table.groups.get(r.ty) {
            let kind = if r.ty == "AWS::EC2::Subnet" {
                subnet_kind(r, &all)
            } else {
                *kind
            };
            what.insert(r.id, What::Group(kind));
            continue;
        }
        if let Some(service) = table.boxes.get(r.ty) {
            let service = match r.ty {
                "AWS::ECS::Service" => {
                    let fargate = p.get("LaunchType").str() == Some("FARGATE")
                        || p.get("CapacityProviderStrategy").items().iter().any(|s| {
                            s.get("CapacityProvider")
                                .str()
                                .is_some_and(|c| c.starts_with("FARGATE"))
                        });
                    if fargate { "fargate" } else { "ecs" }
                }
                "AWS::ElasticLoadBalancingV2::LoadBalancer" => match p.get("Type").str() {
                    Some("network") => "nlb",
                    Some("gateway") => "load_balancer",
                    _ => "alb",
                },
                "AWS::RDS::DBInstance" => {
                    if !p.get("DBClusterIdentifier").is_null() {
                        continue; // an instance of an Aurora cluster: the cluster is the box
                    }
                    if p.get("Engine").str().is_some_and(|e| e.starts_with("aurora")) {
                        "aurora"
                    } else {
                        "rds"
                    }
                }
                _ => service.as_str(),
            };
            what.insert(r.id, What::Box(service.to_owned()));
            continue;
        }
        let helper = table.parts.contains(r.ty)
            || r.ty.starts_with("Custom::")
            || r.ty.starts_with("AWS::CloudFormation::")
            || r.ty.starts_with("AWS::CDK::");
        if !helper {
            warnings.push(Problem::new(
                r.def.line,
                r.def.col,
                format!(
                    "`{}` is a {} , which archboard has no service for; drawn as a generic service",
                    r.id, r.ty
                )
                .replace(" ,", ","),
            ));
            what.insert(r.id, What::Box("service".to_owned()));
        }
    }
    // SAM's implicit APIs, made when a function's event names no API of its own.
    let mut implicit: Vec<(&'static str, usize, usize)> = Vec::new();
    let is_box = |id: &str| matches!(what.get(id), Some(What::Box(_)));
    let service_of = |id: &str| match what.get(id) {
        Some(What::Box(s)) => s.as_str(),
        _ => "",
    };

    // A parameter that names a resource (`TableName: !Ref TableName`) stands for it wherever
    // else it is used, as in a function's environment.
    let mut named_by: HashMap<String, &str> = HashMap::new();
    let mut ambiguous: HashSet<String> = HashSet::new();
    for r in &all {
        for key in [
            "TableName",
            "BucketName",
            "QueueName",
            "TopicName",
            "FunctionName",
            "StreamName",
            "StateMachineName",
        ] {
            let v = r.props.get(key);
            if let Some(param) = v
                .get("Ref")
                .str()
                .filter(|p| !index.contains_key(p) && !p.starts_with("AWS::"))
                && named_by
                    .insert(param.to_owned(), r.id)
                    .is_some_and(|other| other != r.id)
            {
                ambiguous.insert(param.to_owned());
            }
        }
    }
    // A parameter that names two resources stands for neither.
    named_by.retain(|p, _| !ambiguous.contains(p));
    // The box a reference leads to, through aliases, versions, stages and cluster members.
    let owner = |id: &str| -> Option<String> {
        let mut at = named_by.get(id).map_or_else(|| id.to_owned(), |r| (*r).to_owned());
        for _ in 0..4 {
            if is_box(&at) {
                return Some(at);
            }
            let r = &all[*index.get(at.as_str())?];
            let via = match r.ty {
                "AWS::Lambda::Alias" | "AWS::Lambda::Version" | "AWS::Lambda::EventInvokeConfig" => "FunctionName",
                "AWS::Lambda::Url" => "TargetFunctionArn",
                "AWS::ApiGateway::Stage"
                | "AWS::ApiGateway::Deployment"
                | "AWS::ApiGateway::Resource"
                | "AWS::ApiGateway::Method" => "RestApiId",
                "AWS::ApiGatewayV2::Stage" | "AWS::ApiGatewayV2::Route" | "AWS::ApiGatewayV2::Integration" => "ApiId",
                "AWS::RDS::DBInstance" => "DBClusterIdentifier",
                "AWS::KMS::Alias" => "TargetKeyId",
                "AWS::StepFunctions::StateMachineAlias" => "RoutingConfiguration",
                _ => return None,
            };
            at = refs_of(r.props.get(via)).into_iter().next()?;
        }
        None
    };
    let owners = |v: &Value| -> Vec<String> {
        let mut out: Vec<String> = Vec::new();
        for id in refs_of(v) {
            if let Some(o) = owner(&id).filter(|o| !out.contains(o)) {
                out.push(o);
            }
        }
        out
    };

    let mut props: HashMap<String, BTreeMap<String, String>> = HashMap::new();
    let mut set = |id: &str, key: &str, value: &str| {
        props
            .entry(id.to_owned())
            .or_default()
            .insert(key.to_owned(), value.to_owned());
    };
    let mut events: Vec<Link> = Vec::new();
    let mut grants: Vec<Link> = Vec::new();
    let mut tracing = false;

    // Role -> what its policies name.
    let mut role_targets: HashMap<&str, Vec<String>> = HashMap::new();
    for r in &all {
        match r.ty {
            "AWS::IAM::Role" => role_targets
                .entry(r.id)
                .or_default()
                .extend(refs_of(r.props.get("Policies"))),
            "AWS::IAM::Policy" | "AWS::IAM::ManagedPolicy" | "AWS::IAM::RolePolicy" => {
                let named = refs_of(r.props.get("PolicyDocument"));
                let roles = refs_of(r.props.get("Roles"))
                    .into_iter()
                    .chain(refs_of(r.props.get("RoleName")));
                for role in roles {
                    if let Some(&i) = index.get(role.as_str()) {
                        role_targets.entry(all[i].id).or_default().extend(named.iter().cloned());
                    }
                }
            }
            _ => {}
        }
    }
    // The refs a compute resource's role grants it.
    let granted = |role: &Value| -> Vec<String> {
        refs_of(role)
            .iter()
            .filter_map(|r| role_targets.get(r.as_str()))
            .flatten()
            .cloned()
            .collect()
    };
    let grant = |from: &str, named: Vec<String>, grants: &mut Vec<Link>| {
        for id in named {
            let Some(to) = owner(&id) else { continue };
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

    // Target groups -> their members; listeners -> their load balancer.
    let mut tg_members: HashMap<String, Vec<String>> = HashMap::new();
    for r in &all {
        match r.ty {
            "AWS::ElasticLoadBalancingV2::TargetGroup" => {
                let members: Vec<String> = r
                    .props
                    .get("Targets")
                    .items()
                    .iter()
                    .flat_map(|t| owners(t.get("Id")))
                    .collect();
                tg_members.entry(r.id.to_owned()).or_default().extend(members);
            }
            "AWS::ECS::Service" => {
                for lb in r.props.get("LoadBalancers").items() {
                    for tg in refs_of(lb.get("TargetGroupArn")) {
                        tg_members.entry(tg).or_default().push(r.id.to_owned());
                    }
                }
            }
            "AWS::AutoScaling::AutoScalingGroup" => {
                for tg in refs_of(r.props.get("TargetGroupARNs")) {
                    tg_members.entry(tg).or_default().push(r.id.to_owned());
                }
            }
            _ => {}
        }
    }
    let listener_lb: HashMap<&str, Vec<String>> = by_type("AWS::ElasticLoadBalancingV2::Listener")
        .map(|r| (r.id, owners(r.props.get("LoadBalancerArn"))))
        .collect();
    let lb_to_tgs = |lbs: &[String], actions: &Value, events: &mut Vec<Link>, set: &mut dyn FnMut(&str, &str, &str)| {
        for action in actions.items() {
            let ty = action.get("Type").str().unwrap_or_default();
            if ty.starts_with("authenticate") {
                for lb in lbs {
                    set(lb, "auth", if ty.contains("cognito") { "cognito" } else { "jwt" });
                }
            }
        }
        for tg in refs_of(actions) {
            for member in tg_members.get(&tg).into_iter().flatten() {
                for lb in lbs {
                    events.push(Link::new(lb, member, "", EdgeMode::Sync));
                }
            }
        }
    };

    // API methods: how many and how many authorized, per API.
    let mut api_auth: HashMap<String, (usize, usize, String)> = HashMap::new();

    for r in &all {
        let p = &r.props;
        let id = r.id;
        match r.ty {
            "AWS::Lambda::Function" | "AWS::Serverless::Function" => {
                let mut named = refs_of(p.get("Environment"));
                named.extend(refs_of(p.get("Policies")));
                named.extend(granted(p.get("Role")));
                grant(id, named, &mut grants);
                for dlq in [
                    p.path("DeadLetterConfig.TargetArn"),
                    p.path("DeadLetterQueue.TargetArn"),
                ] {
                    for q in owners(dlq) {
                        events.push(Link::new(id, &q, "DLQ", EdgeMode::Async));
                    }
                }
                if let Some(n) = p.get("ReservedConcurrentExecutions").str() {
                    set(id, "quota", n);
                }
                if let Some(n) = p
                    .path("ProvisionedConcurrencyConfig.ProvisionedConcurrentExecutions")
                    .str()
                {
                    set(id, "provisioned_concurrency", n);
                }
                if let Some(m) = p.get("MemorySize").number() {
                    set(id, "memory_mb", &m.to_string());
                }
                if p.get("Tracing").str() == Some("Active") || p.path("TracingConfig.Mode").str() == Some("Active") {
                    tracing = true;
                }
                read_sam_events(id, p, &owners, &mut implicit, &mut events, &mut |a, k| {
                    count_auth(&mut api_auth, a, k)
                });
            }
            "AWS::Serverless::StateMachine" | "AWS::StepFunctions::StateMachine" => {
                let mut named = refs_of(p.get("Definition"));
                named.extend(refs_of(p.get("DefinitionString")));
                named.extend(refs_of(p.get("DefinitionSubstitutions")));
                named.extend(refs_of(p.get("Policies")));
                named.extend(granted(p.get("RoleArn")));
                named.extend(granted(p.get("Role")));
                grant(id, named, &mut grants);
                if p.path("TracingConfiguration.Enabled").is_true() || p.path("Tracing.Enabled").is_true() {
                    tracing = true;
                }
                read_sam_events(id, p, &owners, &mut implicit, &mut events, &mut |a, k| {
                    count_auth(&mut api_auth, a, k)
                });
            }
            "AWS::ECS::Service" => {
                let mut named = Vec::new();
                for td in refs_of(p.get("TaskDefinition")) {
                    let Some(&i) = index.get(td.as_str()) else { continue };
                    let tp = &all[i].props;
                    for c in tp.get("ContainerDefinitions").items() {
                        named.extend(refs_of(c.get("Environment")));
                        named.extend(refs_of(c.get("Secrets")));
                    }
                    named.extend(granted(tp.get("TaskRoleArn")));
                }
                grant(id, named, &mut grants);
            }
            "AWS::Serverless::Connector" => {
                for src in owners(p.path("Source.Id")).into_iter().chain(owners(p.get("Source"))) {
                    for dst in owners(p.get("Destination")) {
                        let mode = if is_async_target(service_of(&dst)) {
                            EdgeMode::Async
                        } else {
                            EdgeMode::Sync
                        };
                        events.push(Link::new(&src, &dst, "", mode));
                    }
                }
            }
            "AWS::Lambda::EventSourceMapping" => {
                for src in owners(p.get("EventSourceArn")) {
                    for f in owners(p.get("FunctionName")) {
                        events.push(Link::new(&src, &f, "", EdgeMode::Async));
                    }
                }
            }
            "AWS::Lambda::Alias" | "AWS::Lambda::Version" => {
                if let Some(n) = p
                    .path("ProvisionedConcurrencyConfig.ProvisionedConcurrentExecutions")
                    .str()
                {
                    for f in owners(p.get("FunctionName")) {
                        set(&f, "provisioned_concurrency", n);
                    }
                }
            }
            "AWS::S3::Bucket" => {
                for to in owners(p.get("NotificationConfiguration")) {
                    events.push(Link::new(id, &to, "", EdgeMode::Async));
                }
                if !p.path("LifecycleConfiguration.Rules").items().is_empty() {
                    set(id, "lifecycle", "true");
                }
                // Every bucket is encrypted at rest (SSE-S3 by default since January 2023).
                set(id, "encrypted", "true");
            }
            "AWS::SQS::Queue" => {
                let redrive = p.get("RedrivePolicy");
                for dlq in owners(redrive) {
                    events.push(Link::new(id, &dlq, "DLQ", EdgeMode::Async));
                    set(id, "dlq", "true");
                }
                // SQS-managed encryption is on for new queues unless switched off.
                if !p.get("SqsManagedSseEnabled").is_false() || !p.get("KmsMasterKeyId").is_null() {
                    set(id, "encrypted", "true");
                }
            }
            "AWS::SNS::Topic" => {
                for s in p.get("Subscription").items() {
                    for to in owners(s.get("Endpoint")) {
                        events.push(Link::new(id, &to, "", EdgeMode::Async));
                    }
                }
                if !p.get("KmsMasterKeyId").is_null() {
                    set(id, "encrypted", "true");
                }
            }
            "AWS::SNS::Subscription" => {
                for t in owners(p.get("TopicArn")) {
                    for to in owners(p.get("Endpoint")) {
                        events.push(Link::new(&t, &to, "", EdgeMode::Async));
                    }
                }
            }
            "AWS::Events::Rule" => {
                for t in p.get("Targets").items() {
                    for to in owners(t.get("Arn")) {
                        events.push(Link::new(id, &to, "", EdgeMode::Async));
                    }
                }
                for bus in owners(p.get("EventBusName")) {
                    events.push(Link::new(&bus, id, "", EdgeMode::Async));
                }
            }
            "AWS::Scheduler::Schedule" => {
                for to in owners(p.path("Target.Arn")) {
                    events.push(Link::new(id, &to, "", EdgeMode::Async));
                }
            }
            "AWS::Pipes::Pipe" => {
                for from in owners(p.get("Source")) {
                    events.push(Link::new(&from, id, "", EdgeMode::Async));
                }
                for to in owners(p.get("Enrichment")).into_iter().chain(owners(p.get("Target"))) {
                    events.push(Link::new(id, &to, "", EdgeMode::Async));
                }
            }
            "AWS::ApiGateway::RestApi"
            | "AWS::Serverless::Api"
            | "AWS::ApiGatewayV2::Api"
            | "AWS::Serverless::HttpApi" => {
                for body in ["Body", "DefinitionBody", "Target"] {
                    for to in owners(p.get(body)) {
                        events.push(Link::new(id, &to, "", EdgeMode::Sync));
                    }
                }
                let endpoint = p.get("EndpointConfiguration");
                let private = endpoint.str() == Some("PRIVATE")
                    || endpoint.get("Type").str() == Some("PRIVATE")
                    || endpoint.get("Types").items().iter().any(|t| t.str() == Some("PRIVATE"));
                if !private {
                    set(id, "public", "true");
                }
                // A private API is reached through its VPC endpoints.
                for vpce in owners(endpoint.get("VpcEndpointIds"))
                    .into_iter()
                    .chain(owners(endpoint.get("VPCEndpointIds")))
                {
                    events.push(Link::new(&vpce, id, "", EdgeMode::Sync));
                }
                let auth = p.get("Auth");
                if let Some(default) = auth.get("DefaultAuthorizer").str() {
                    let kind = if default == "AWS_IAM" {
                        "AWS_IAM".to_owned()
                    } else {
                        let a = auth.get("Authorizers").get(default);
                        if !a.get("UserPoolArn").is_null() {
                            "COGNITO".to_owned()
                        } else if !a.get("JwtConfiguration").is_null() {
                            "JWT".to_owned()
                        } else {
                            "LAMBDA".to_owned()
                        }
                    };
                    set(id, "auth", &auth_name(&kind));
                }
                if p.get("TracingEnabled").is_true() {
                    tracing = true;
                }
            }
            "AWS::ApiGateway::Method" => {
                let api = owners(p.get("RestApiId"));
                if p.get("HttpMethod").str() != Some("OPTIONS") {
                    for a in &api {
                        count_auth(&mut api_auth, a, p.get("AuthorizationType").str());
                    }
                }
                for to in owners(p.path("Integration.Uri")) {
                    for a in &api {
                        let mode = if is_async_target(service_of(&to)) {
                            EdgeMode::Async
                        } else {
                            EdgeMode::Sync
                        };
                        events.push(Link::new(a, &to, "", mode));
                    }
                }
            }
            "AWS::ApiGatewayV2::Route" => {
                for a in owners(p.get("ApiId")) {
                    count_auth(&mut api_auth, &a, p.get("AuthorizationType").str());
                }
            }
            "AWS::ApiGatewayV2::Integration" => {
                for a in owners(p.get("ApiId")) {
                    for to in owners(p.get("IntegrationUri")) {
                        events.push(Link::new(&a, &to, "", EdgeMode::Sync));
                    }
                }
            }
            "AWS::ApiGateway::Authorizer" | "AWS::ApiGatewayV2::Authorizer" => {
                let api = owners(p.get("RestApiId")).into_iter().chain(owners(p.get("ApiId")));
                for a in api {
                    let e = api_auth.entry(a).or_default();
                    if e.2.is_empty() {
                        e.2 = auth_name(
                            p.get("Type")
                                .str()
                                .or(p.get("AuthorizerType").str())
                                .unwrap_or("CUSTOM"),
                        );
                    }
                }
            }
            "AWS::ApiGateway::Stage" | "AWS::ApiGatewayV2::Stage" if p.get("TracingEnabled").is_true() => {
                tracing = true;
            }
            "AWS::AppSync::GraphQLApi" | "AWS::Serverless::GraphQLApi" => {
                let kind = p
                    .get("AuthenticationType")
                    .str()
                    .or_else(|| p.get("Auth").get("Type").str());
                if let Some(k) = kind {
                    set(id, "auth", &auth_name(k));
                }
                if p.get("Visibility").str() != Some("PRIVATE") {
                    set(id, "public", "true");
                }
                if p.get("XrayEnabled").is_true() {
                    tracing = true;
                }
                for to in owners(p.get("DataSources")) {
                    events.push(Link::new(id, &to, "", EdgeMode::Sync));
                }
            }
            "AWS::AppSync::DataSource" => {
                let configs = |k: &str| k.ends_with("Config") && k != "ServiceRoleArn";
                let mut named = Vec::new();
                refs_under_keys(p, &configs, &mut named);
                for a in owners(p.get("ApiId")) {
                    for to in named.iter().filter_map(|n| owner(n)) {
                        events.push(Link::new(&a, &to, "", EdgeMode::Sync));
                    }
                }
            }
            "AWS::CloudFront::Distribution" => {
                let config = p.get("DistributionConfig");
                for o in config.get("Origins").items() {
                    for to in owners(o.get("DomainName")) {
                        events.push(Link::new(id, &to, "", EdgeMode::Sync));
                    }
                }
                set(id, "public", "true");
                let acl = config.get("WebACLId");
                if !acl.is_null() {
                    set(id, "waf", "true");
                    for w in owners(acl) {
                        events.push(Link::new(&w, id, "filters", EdgeMode::Sync));
                    }
                }
            }
            "AWS::WAFv2::WebACLAssociation" | "AWS::WAFRegional::WebACLAssociation" => {
                let acls = owners(p.get("WebACLArn"))
                    .into_iter()
                    .chain(owners(p.get("WebACLId")))
                    .collect::<Vec<_>>();
                for target in owners(p.get("ResourceArn")) {
                    set(&target, "waf", "true");
                    for w in &acls {
                        events.push(Link::new(w, &target, "filters", EdgeMode::Sync));
                    }
                }
            }
            "AWS::Shield::Protection" => {
                for target in owners(p.get("ResourceArn")) {
                    set(&target, "shield", "true");
                }
            }
            "AWS::ElasticLoadBalancingV2::LoadBalancer" if p.get("Scheme").str() != Some("internal") => {
                set(id, "public", "true");
            }
            "AWS::ElasticLoadBalancingV2::Listener" => {
                let lbs = listener_lb.get(id).cloned().unwrap_or_default();
                lb_to_tgs(&lbs, p.get("DefaultActions"), &mut events, &mut set);
            }
            "AWS::ElasticLoadBalancingV2::ListenerRule" => {
                let lbs: Vec<String> = refs_of(p.get("ListenerArn"))
                    .iter()
                    .filter_map(|l| listener_lb.get(l.as_str()))
                    .flatten()
                    .cloned()
                    .collect();
                lb_to_tgs(&lbs, p.get("Actions"), &mut events, &mut set);
            }
            "AWS::KinesisFirehose::DeliveryStream" => {
                for src in owners(p.path("KinesisStreamSourceConfiguration.KinesisStreamARN")) {
                    events.push(Link::new(&src, id, "", EdgeMode::Async));
                }
                let destinations = |k: &str| k.ends_with("DestinationConfiguration");
                let mut named = Vec::new();
                for (k, v) in p.entries() {
                    if destinations(k) {
                        refs_under_keys(
                            v,
                            &|k: &str| !k.contains("Role") && !k.contains("KMS") && !k.contains("Logging"),
                            &mut named,
                        );
                        if !v.get("BucketARN").is_null() {
                            named.extend(refs_of(v.get("BucketARN")));
                        }
                    }
                }
                for to in named.iter().filter_map(|n| owner(n)) {
                    events.push(Link::new(id, &to, "", EdgeMode::Async));
                }
            }
            "AWS::CloudWatch::Alarm" | "AWS::CloudWatch::CompositeAlarm" => {
                for key in ["AlarmActions", "OKActions", "InsufficientDataActions"] {
                    for to in owners(p.get(key)) {
                        events.push(Link::new(id, &to, "", EdgeMode::Async));
                    }
                }
            }
            "AWS::Backup::BackupSelection" => {
                let plans = owners(p.get("BackupPlanId"));
                for target in owners(p.path("BackupSelection.Resources")) {
                    set(&target, "backup", "true");
                    for plan in &plans {
                        events.push(Link::new(plan, &target, "backup", EdgeMode::Async));
                    }
                }
            }
            "AWS::Route53::RecordSet" => {
                for to in owners(p.path("AliasTarget.DNSName"))
                    .into_iter()
                    .chain(owners(p.get("ResourceRecords")))
                {
                    events.push(Link::new(id, &to, "", EdgeMode::Sync));
                }
            }
            "AWS::Route53::RecordSetGroup" => {
                for rs in p.get("RecordSets").items() {
                    for to in owners(rs.path("AliasTarget.DNSName")) {
                        events.push(Link::new(id, &to, "", EdgeMode::Sync));
                    }
                }
            }
            "AWS::ApplicationAutoScaling::ScalableTarget" => {
                for target in owners(p.get("ResourceId")) {
                    set(&target, "auto_scaling", "true");
                }
            }
            _ => {}
        }
        // SAM connectors written on the source resource itself.
        for (_, c) in r.def.get("Connectors").entries() {
            for dst in owners(c.path("Properties.Destination")) {
                let mode = if is_async_target(service_of(&dst)) {
                    EdgeMode::Async
                } else {
                    EdgeMode::Sync
                };
                if let Some(src) = owner(id) {
                    events.push(Link::new(&src, &dst, "", mode));
                }
            }
        }
    }
    for (api, (total, authed, kind)) in &api_auth {
        if !kind.is_empty() && (*total == 0 || authed == total) {
            set(api, "auth", kind);
        }
    }
    // Props each kind of store states about itself, and a KMS key that encrypts a box.
    for r in &all {
        let Some(What::Box(service)) = what.get(r.id) else {
            continue;
        };
        store_props(r, &all, &mut set);
        let mut keys = Vec::new();
        refs_under_keys(
            &r.props,
            &|k: &str| {
                let l = k.to_ascii_lowercase();
                l.contains("kms") || l.contains("encryption")
            },
            &mut keys,
        );
        for key in keys.iter().filter_map(|k| owner(k)) {
            if service_of(&key) == "kms" {
                events.push(Link::new(&key, r.id, "encrypts", EdgeMode::Sync));
                if is_store(service) {
                    set(r.id, "encrypted", "true");
                }
            }
        }
    }

    // A grant that only reads the source that already feeds the function is the same flow.
    let fed: HashSet<(String, String)> = events.iter().map(|l| (l.from.clone(), l.to.clone())).collect();
    grants.retain(|g| !fed.contains(&(g.to.clone(), g.from.clone())));
    let mut links = events;
    links.extend(grants);

    // Membership: subnets (directly or through a subnet group), else a VPC.
    let membership = |r: &Res<'_>| -> Vec<String> {
        let mut named = Vec::new();
        refs_under_keys(
            &r.props,
            &|k: &str| {
                let l = k.to_ascii_lowercase();
                l.contains("subnet") || l == "vpczoneidentifier" || l == "vpcid" || l == "vpc"
            },
            &mut named,
        );
        let mut within = Vec::new();
        for n in named {
            match what.get(n.as_str()) {
                Some(What::Group(_)) => within.push(n),
                _ => {
                    if let Some(&i) = index.get(n.as_str()) {
                        within.extend(
                            refs_of(all[i].props.get("SubnetIds"))
                                .into_iter()
                                .filter(|s| matches!(what.get(s.as_str()), Some(What::Group(_)))),
                        );
                    }
                }
            }
        }
        if within.is_empty() {
            let mut sgs = Vec::new();
            refs_under_keys(
                &r.props,
                &|k: &str| k.to_ascii_lowercase().contains("securitygroup"),
                &mut sgs,
            );
            for sg in sgs {
                if let Some(&i) = index.get(sg.as_str()) {
                    within.extend(
                        refs_of(all[i].props.get("VpcId"))
                            .into_iter()
                            .filter(|v| matches!(what.get(v.as_str()), Some(What::Group(_)))),
                    );
                }
            }
        }
        // Subnets before a VPC, so a member lands in the innermost group.
        within.sort_by_key(|w| matches!(what.get(w.as_str()), Some(What::Group(GroupKind::Vpc))));
        within
    };
    let mut igw_vpc: HashMap<String, String> = HashMap::new();
    for r in by_type("AWS::EC2::VPCGatewayAttachment") {
        for igw in refs_of(r.props.get("InternetGatewayId")) {
            if let Some(vpc) = refs_of(r.props.get("VpcId")).into_iter().next() {
                igw_vpc.insert(igw, vpc);
            }
        }
    }
    let mut efs_subnets: HashMap<String, Vec<String>> = HashMap::new();
    for r in by_type("AWS::EFS::MountTarget") {
        for fs in refs_of(r.props.get("FileSystemId")) {
            efs_subnets
                .entry(fs)
                .or_default()
                .extend(refs_of(r.props.get("SubnetId")));
        }
    }

    let mut resources = Vec::new();
    for r in &all {
        let Some(w) = what.get(r.id) else { continue };
        let origin = Origin {
            file: file.to_owned(),
            line: r.def.line,
            col: r.def.col,
        };
        let mut res = Resource::service(crate::interop::infra::board_id(r.id), "", origin);
        res.what = w.clone();
        res.label = label_for(r.id, r.def);
        res.props = table.props.get(r.ty).cloned().unwrap_or_default();
        res.props.extend(props.remove(r.id).unwrap_or_default());
        res.within = membership(r);
        res.within.extend(igw_vpc.get(r.id).cloned());
        res.within.extend(efs_subnets.get(r.id).cloned().unwrap_or_default());
        resources.push(res);
    }
    for (name, line, col) in implicit {
        let origin = Origin {
            file: file.to_owned(),
            line,
            col,
        };
        let mut res = Resource::service(name, "api_gateway", origin);
        res.label = format!("{name} (implicit)");
        res.props.insert("public".to_owned(), "true".to_owned());
        res.props.extend(props.remove(name).unwrap_or_default());
        resources.push(res);
    }
    if tracing {
        let mut res = Resource::service(
            "XRay",
            "xray",
            Origin {
                file: file.to_owned(),
                ..Origin::default()
            },
        );
        res.label = "X-Ray (tracing on)".to_owned();
        resources.push(res);
    }
    (resources, links)
}

/// Counts one method or route of `api`, and whether it names an authorizer.
fn count_auth(map: &mut HashMap<String, (usize, usize, String)>, api: &str, kind: Option<&str>) {
    let e = map.entry(api.to_owned()).or_default();
    e.0 += 1;
    if let Some(k) = kind.filter(|k| !k.is_empty() && !k.eq_ignore_ascii_case("NONE")) {
        e.1 += 1;
        e.2 = auth_name(k);
    }
}

/// A subnet is public when it maps public IPs on launch, routes to an internet gateway, or is
/// named so; otherwise private.
fn subnet_kind(subnet: &Res<'_>, all: &[Res<'_>]) -> GroupKind {
    if subnet.props.get("MapPublicIpOnLaunch").is_true() {
        return GroupKind::PublicSubnet;
    }
    let igws: HashSet<&str> = all
        .iter()
        .filter(|r| r.ty == "AWS::EC2::InternetGateway")
        .map(|r| r.id)
        .collect();
    let tables: Vec<String> = all
        .iter()
        .filter(|r| {
            r.ty == "AWS::EC2::SubnetRouteTableAssociation"
                && refs_of(r.props.get("SubnetId")).iter().any(|s| s == subnet.id)
        })
        .flat_map(|r| refs_of(r.props.get("RouteTableId")))
        .collect();
    let to_internet = all.iter().any(|r| {
        r.ty == "AWS::EC2::Route"
            && refs_of(r.props.get("RouteTableId")).iter().any(|t| tables.contains(t))
            && refs_of(r.props.get("GatewayId"))
                .iter()
                .any(|g| igws.contains(g.as_str()))
    });
    let named = label_for(subnet.id, subnet.def).to_ascii_lowercase().contains("public");
    if to_internet || named {
        GroupKind::PublicSubnet
    } else {
        GroupKind::PrivateSubnet
    }
}

/// SAM `Events` of a function or state machine: the source of each event points at `target`.
fn read_sam_events(
    target: &str,
    p: &Value,
    owners: &dyn Fn(&Value) -> Vec<String>,
    implicit: &mut Vec<(&'static str, usize, usize)>,
    events: &mut Vec<Link>,
    count_auth: &mut dyn FnMut(&str, Option<&str>),
) {
    for (_, event) in p.get("Events").entries() {
        let ty = event.get("Type").str().unwrap_or_default();
        let ep = event.get("Properties");
        match ty {
            "Api" | "HttpApi" => {
                let named = owners(ep.get("RestApiId"))
                    .into_iter()
                    .chain(owners(ep.get("ApiId")))
                    .collect::<Vec<_>>();
                let apis = if named.is_empty() {
                    let name = if ty == "Api" {
                        "ServerlessRestApi"
                    } else {
                        "ServerlessHttpApi"
                    };
                    if !implicit.iter().any(|(n, _, _)| *n == name) {
                        implicit.push((name, event.line, event.col));
                    }
                    vec![name.to_owned()]
                } else {
                    named
                };
                let authorizer = ep.path("Auth.Authorizer").str();
                for api in &apis {
                    count_auth(
                        api,
                        authorizer.map(|a| if a == "AWS_IAM" { "AWS_IAM" } else { "LAMBDA" }),
                    );
                    events.push(Link::new(api, target, "", EdgeMode::Sync));
                }
            }
            _ => {
                for from in owners(ep) {
                    events.push(Link::new(&from, target, "", EdgeMode::Async));
                }
            }
        }
    }
}

/// The props a store, a database or a cluster states about itself.
fn store_props(r: &Res<'_>, all: &[Res<'_>], set: &mut dyn FnMut(&str, &str, &str)) {
    let p = &r.props;
    let id = r.id;
    let flag = |v: bool| if v { "true" } else { "false" };
    match r.ty {
        "AWS::DynamoDB::Table" | "AWS::DynamoDB::GlobalTable" | "AWS::Serverless::SimpleTable" => {
            // DynamoDB encrypts every table at rest (an AWS-owned key unless SSESpecification
            // names another), so a table is always encrypted.
            set(id, "encrypted", "true");
            let on_demand = p.get("BillingMode").str() == Some("PAY_PER_REQUEST")
                || (r.ty == "AWS::Serverless::SimpleTable" && p.get("ProvisionedThroughput").is_null());
            set(id, "capacity_mode", if on_demand { "on_demand" } else { "provisioned" });
            let pitr = p
                .path("PointInTimeRecoverySpecification.PointInTimeRecoveryEnabled")
                .is_true()
                || p.get("Replicas").items().iter().any(|rep| {
                    rep.path("PointInTimeRecoverySpecification.PointInTimeRecoveryEnabled")
                        .is_true()
                });
            if pitr {
                set(id, "backup", "true");
            }
            for (key, prop) in [("ReadCapacityUnits", "rcu"), ("WriteCapacityUnits", "wcu")] {
                if let Some(n) = p.get("ProvisionedThroughput").get(key).str().filter(|_| !on_demand) {
                    set(id, prop, n);
                }
            }
        }
        "AWS::RDS::DBInstance" => {
            set(id, "multi_az", flag(p.get("MultiAZ").is_true()));
            set(id, "encrypted", flag(p.get("StorageEncrypted").is_true()));
            // Automated backups are on (one day) unless the retention is set to 0.
            set(id, "backup", flag(p.get("BackupRetentionPeriod").number() != Some(0)));
            if let Some(class) = p.get("DBInstanceClass").str() {
                set(id, "instance_type", class);
            }
        }
        "AWS::RDS::DBCluster" | "AWS::DocDB::DBCluster" | "AWS::Neptune::DBCluster" => {
            let instances = all
                .iter()
                .filter(|i| refs_of(i.props.get("DBClusterIdentifier")).iter().any(|c| c == id))
                .count();
            let serverless = p.get("EngineMode").str() == Some("serverless");
            set(id, "multi_az", flag(instances >= 2 || serverless));
            set(id, "encrypted", flag(p.get("StorageEncrypted").is_true() || serverless));
            // Aurora always keeps automated backups (one day at least).
            set(id, "backup", "true");
        }
        "AWS::ElastiCache::ReplicationGroup" => {
            let multi = p.get("MultiAZEnabled").is_true() || p.get("AutomaticFailoverEnabled").is_true();
            set(id, "multi_az", flag(multi));
            set(id, "encrypted", flag(p.get("AtRestEncryptionEnabled").is_true()));
        }
        "AWS::ElastiCache::CacheCluster" => {
            set(id, "multi_az", flag(p.get("AZMode").str() == Some("cross-az")));
        }
        "AWS::MemoryDB::Cluster" => {
            set(
                id,
                "multi_az",
                flag(p.get("NumReplicasPerShard").number().is_none_or(|n| n > 0)),
            );
            set(id, "encrypted", "true");
        }
        "AWS::DAX::Cluster" => {
            set(
                id,
                "multi_az",
                flag(p.get("ReplicationFactor").number().unwrap_or(1) >= 2),
            );
            set(id, "encrypted", flag(p.path("SSESpecification.SSEEnabled").is_true()));
        }
        "AWS::Redshift::Cluster" => {
            set(id, "encrypted", flag(p.get("Encrypted").is_true()));
            set(
                id,
                "backup",
                flag(p.get("AutomatedSnapshotRetentionPeriod").number() != Some(0)),
            );
        }
        "AWS::RedshiftServerless::Workgroup" => {
            set(id, "encrypted", "true");
            set(id, "backup", "true");
        }
        "AWS::OpenSearchService::Domain" | "AWS::Elasticsearch::Domain" => {
            set(
                id,
                "encrypted",
                flag(p.path("EncryptionAtRestOptions.Enabled").is_true()),
            );
            let config = p
                .get("ClusterConfig")
                .entries()
                .first()
                .map_or(p, |_| p.get("ClusterConfig"));
            let config = if config.entries().is_empty() {
                p.get("ElasticsearchClusterConfig")
            } else {
                config
            };
            set(id, "multi_az", flag(config.get("ZoneAwarenessEnabled").is_true()));
        }
        "AWS::OpenSearchServerless::Collection" => set(id, "encrypted", "true"),
        "AWS::Kinesis::Stream" => {
            set(id, "encrypted", flag(!p.get("StreamEncryption").is_null()));
            if let Some(n) = p.get("ShardCount").str() {
                set(id, "shards", n);
            }
            if p.path("StreamModeDetails.StreamMode").str() == Some("ON_DEMAND") {
                set(id, "capacity_mode", "on_demand");
            }
        }
        "AWS::EFS::FileSystem" => set(id, "encrypted", flag(p.get("Encrypted").is_true())),
        "AWS::EC2::Volume" => set(id, "encrypted", flag(p.get("Encrypted").is_true())),
        "AWS::EC2::Instance" => {
            if let Some(t) = p.get("InstanceType").str() {
                set(id, "instance_type", t);
            }
        }
        "AWS::ECS::Service" => {
            if let Some(n) = p.get("DesiredCount").str() {
                set(id, "count", n);
            }
        }
        _ => {}
    }
}
