//! Rule tests in pairs: the smallest board that triggers a rule, and the same board fixed each way
//! DESIGN.md's conventions allow; then a well-designed board, acceptance, checklist and cost.

use std::sync::OnceLock;

use super::*;
use crate::model::draw::{Draw, draw};
use crate::model::{Accepted, Edge, EdgeMode, GroupKind, Node, Point};

/// Services with the tags DESIGN.md implies, independent of the shipped catalog file.
const SERVICES: &[(&str, &[&str])] = &[
    ("lambda", &["compute", "scaling"]),
    ("ec2", &["compute"]),
    ("ecs", &["compute"]),
    ("eks", &["compute"]),
    ("fargate", &["compute", "scaling"]),
    ("batch", &["compute"]),
    ("service", &["compute"]),
    ("worker", &["compute"]),
    ("s3", &["data_store", "scaling"]),
    ("ebs", &["data_store"]),
    ("efs", &["data_store"]),
    ("glacier", &["data_store"]),
    ("dynamodb", &["data_store", "scaling"]),
    ("rds", &["data_store"]),
    ("aurora", &["data_store"]),
    ("elasticache", &["data_store", "cache"]),
    ("redshift", &["data_store"]),
    ("opensearch", &["data_store"]),
    ("kinesis_data_streams", &["data_store", "stream", "scaling"]),
    ("kinesis_firehose", &["stream", "scaling"]),
    ("sqs", &["data_store", "queue", "scaling"]),
    ("queue", &["queue"]),
    ("database", &["data_store"]),
    ("cache", &["data_store", "cache"]),
    ("dax", &["cache"]),
    ("cloudfront", &["cdn", "entry"]),
    ("cloudwatch", &["monitoring"]),
    ("xray", &["tracing"]),
    ("waf", &["firewall"]),
    ("shield", &["ddos"]),
    ("cognito", &["auth"]),
    ("iam", &["auth"]),
    ("kms", &["encryption"]),
    ("backup", &["backup"]),
    ("client", &["client"]),
    ("mobile_client", &["client"]),
    ("external_service", &["client"]),
    ("auto_scaling", &[]),
    ("sns", &["scaling"]),
    ("eventbridge", &[]),
    ("api_gateway", &["entry"]),
    ("appsync", &["entry"]),
    ("alb", &["entry"]),
    ("nlb", &["entry"]),
    ("route53", &["entry"]),
    ("load_balancer", &["entry"]),
    ("note", &[]),
];

/// The test catalog, parsed once.
fn catalog() -> &'static Catalog {
    static CATALOG: OnceLock<Catalog> = OnceLock::new();
    CATALOG.get_or_init(|| {
        let services: Vec<String> = SERVICES
            .iter()
            .map(|(id, tags)| {
                format!(
                    "(id: {id:?}, name: {id:?}, short: {id:?}, category: generic, description: \"test\", tags: [{}])",
                    tags.join(", ")
                )
            })
            .collect();
        let text = format!("(props: [], services: [{}])", services.join(",\n"));
        Catalog::parse(&text).expect("test catalog parses")
    })
}

impl Draw {
    /// Reviews the board with every stated load multiplied by `factor`.
    fn review_at(&self, factor: f64) -> Review {
        review_at(&self.0, catalog(), factor)
    }
    /// The one finding of `rule` (panics unless there is exactly one).
    fn only(&self, rule: &str) -> Finding {
        let mut found: Vec<Finding> = self.review().findings.into_iter().filter(|f| f.rule == rule).collect();
        assert_eq!(found.len(), 1, "{rule}: {found:?}");
        found.remove(0)
    }
    /// Reviews the board with the test catalog.
    fn review(&self) -> Review {
        review(&self.0, catalog())
    }
    /// The node lists of every finding of `rule`.
    fn fired(&self, rule: &str) -> Vec<Vec<String>> {
        self.review()
            .findings
            .into_iter()
            .filter(|f| f.rule == rule)
            .map(|f| f.nodes)
            .collect()
    }
    /// Whether `rule` says nothing about this board.
    fn quiet(&self, rule: &str) -> bool {
        self.fired(rule).is_empty()
    }
}

/// A list of node ids.
fn ids(list: &[&str]) -> Vec<String> {
    list.iter().map(|s| (*s).to_owned()).collect()
}

// ---------------------------------------------------------------------------------- monitoring

#[test]
fn no_metrics_fires_on_a_drawn_board_without_cloudwatch() {
    let board = draw().n("f", "lambda");
    assert_eq!(board.fired("monitoring.no_metrics"), vec![Vec::<String>::new()]);
    assert!(board.clone().n("cw", "cloudwatch").quiet("monitoring.no_metrics"));
    assert!(
        draw().quiet("monitoring.no_metrics"),
        "an empty board has nothing to monitor"
    );
    assert!(
        draw().n("memo", "note").quiet("monitoring.no_metrics"),
        "notes alone need no monitoring"
    );
}

#[test]
fn no_tracing_fires_when_a_path_visits_three_compute_nodes() {
    let board = draw()
        .n("a", "lambda")
        .n("q", "sqs")
        .n("b", "ecs")
        .n("t", "sns")
        .n("c", "worker")
        .e("a", "q")
        .ea("q", "b")
        .e("b", "t")
        .ea("t", "c");
    assert_eq!(board.fired("monitoring.no_tracing").len(), 1);
    assert!(board.clone().n("x", "xray").quiet("monitoring.no_tracing"));

    let two = draw().n("a", "lambda").n("b", "lambda").e("a", "b");
    assert!(two.quiet("monitoring.no_tracing"));
    let fan_out = draw()
        .n("a", "lambda")
        .n("b", "lambda")
        .n("c", "lambda")
        .e("a", "b")
        .e("a", "c");
    assert!(
        fan_out.quiet("monitoring.no_tracing"),
        "two branches of two are not a path of three"
    );
    let cycle = draw()
        .n("a", "lambda")
        .n("b", "lambda")
        .n("c", "lambda")
        .e("a", "b")
        .e("b", "a")
        .e("b", "c");
    assert_eq!(
        cycle.fired("monitoring.no_tracing").len(),
        1,
        "a walk round a cycle visits each once"
    );
    let lone_cycle = draw().n("a", "lambda").n("b", "lambda").e("a", "b").e("b", "a");
    assert!(lone_cycle.quiet("monitoring.no_tracing"));
}

#[test]
fn alarms_reach_nobody_until_a_path_leads_to_sns_or_a_pager() {
    let board = draw().n("cw", "cloudwatch").n("f", "lambda").e("cw", "f");
    assert_eq!(board.fired("monitoring.alarms_reach_nobody"), vec![ids(&["cw"])]);
    assert!(
        board
            .clone()
            .n("t", "sns")
            .e("cw", "t")
            .quiet("monitoring.alarms_reach_nobody")
    );
    let via = board.clone().n("pager", "external_service").e("f", "pager");
    assert!(
        via.quiet("monitoring.alarms_reach_nobody"),
        "through other nodes counts"
    );
    let backwards = board.clone().n("t", "sns").e("t", "cw");
    assert!(
        !backwards.quiet("monitoring.alarms_reach_nobody"),
        "an edge into cloudwatch does not page"
    );
}

// ------------------------------------------------------------------------------------ security

/// A client calling a public API that calls a function.
fn public_api() -> Draw {
    draw()
        .n("users", "client")
        .n("api", "api_gateway")
        .n("f", "lambda")
        .e("users", "api")
        .e("api", "f")
}

#[test]
fn no_waf_fires_on_a_public_entry_and_each_convention_covers_it() {
    let board = public_api();
    assert_eq!(board.fired("security.no_waf"), vec![ids(&["api"])]);
    assert!(board.clone().p("api", "waf", "true").quiet("security.no_waf"));
    assert!(board.clone().n("w", "waf").e("w", "api").quiet("security.no_waf"));
    let through_cdn = board
        .clone()
        .n("cdn", "cloudfront")
        .n("w", "waf")
        .e("users", "cdn")
        .e("cdn", "api")
        .e("w", "cdn");
    assert!(
        through_cdn.quiet("security.no_waf"),
        "the CloudFront's WAF covers the API behind it"
    );
    let cdn_without = board.clone().n("cdn", "cloudfront").e("users", "cdn").e("cdn", "api");
    assert_eq!(cdn_without.fired("security.no_waf"), vec![ids(&["api"]), ids(&["cdn"])]);
    let internal = draw().n("f", "lambda").n("api", "api_gateway").e("f", "api");
    assert!(internal.quiet("security.no_waf"));
    let dns = draw()
        .n("users", "client")
        .n("dns", "route53")
        .n("cdn", "cloudfront")
        .e("users", "dns")
        .e("dns", "cdn");
    assert_eq!(
        dns.fired("security.no_waf"),
        vec![ids(&["cdn"])],
        "DNS in front still leaves it public"
    );
    let flagged = draw().n("api", "appsync").p("api", "public", "true");
    assert_eq!(flagged.fired("security.no_waf"), vec![ids(&["api"])]);
}

#[test]
fn no_waf_message_names_the_node_by_label() {
    let mut board = public_api();
    board.0.nodes[1].label = "Orders API".to_owned();
    let f = board
        .review()
        .findings
        .into_iter()
        .find(|f| f.rule == "security.no_waf")
        .expect("fires");
    assert_eq!(f.message, "\"Orders API\" is public but has no WAF in front of it");
    assert!(matches!(f.fix, Some(Fix::AddNode { service: "waf", ref edge_to, .. }) if edge_to == &ids(&["api"])));
}

#[test]
fn no_ddos_protection_fires_on_public_edges_and_shield_covers_them() {
    let board = draw().n("users", "client").n("lb", "alb").e("users", "lb");
    assert_eq!(board.fired("security.no_ddos_protection"), vec![ids(&["lb"])]);
    assert!(
        board
            .clone()
            .p("lb", "shield", "true")
            .quiet("security.no_ddos_protection")
    );
    assert!(
        board
            .clone()
            .n("s", "shield")
            .e("s", "lb")
            .quiet("security.no_ddos_protection")
    );
    assert!(
        public_api().quiet("security.no_ddos_protection"),
        "API Gateway is not in the DDoS scope"
    );
    let internal = draw().n("f", "lambda").n("lb", "nlb").e("f", "lb");
    assert!(internal.quiet("security.no_ddos_protection"));
}

#[test]
fn no_auth_fires_on_public_apis_and_each_convention_covers_it() {
    let board = public_api();
    assert_eq!(board.fired("security.no_auth"), vec![ids(&["api"])]);
    assert!(board.clone().p("api", "auth", "jwt").quiet("security.no_auth"));
    assert!(
        board
            .clone()
            .n("id", "cognito")
            .e("id", "api")
            .quiet("security.no_auth")
    );
    assert!(
        board
            .clone()
            .n("id", "cognito")
            .e("api", "id")
            .quiet("security.no_auth")
    );
    let behind_cdn = draw()
        .n("users", "client")
        .n("cdn", "cloudfront")
        .n("lb", "alb")
        .e("users", "cdn")
        .e("cdn", "lb");
    assert_eq!(behind_cdn.fired("security.no_auth"), vec![ids(&["lb"])]);
    assert!(behind_cdn.clone().p("lb", "auth", "oidc").quiet("security.no_auth"));
    let internal = draw().n("f", "lambda").n("api", "api_gateway").e("f", "api");
    assert!(internal.quiet("security.no_auth"));
}

#[test]
fn client_to_data_store_fires_on_databases_not_on_signed_request_services() {
    let board = draw().n("app", "mobile_client").n("db", "dynamodb").e("app", "db");
    assert_eq!(board.fired("security.client_to_data_store"), vec![ids(&["app", "db"])]);
    for kind in ["s3", "sqs", "kinesis_data_streams"] {
        let ok = draw().n("app", "client").n("x", kind).e("app", "x");
        assert!(ok.quiet("security.client_to_data_store"), "{kind}");
    }
    let via_api = draw()
        .n("app", "client")
        .n("f", "lambda")
        .n("db", "rds")
        .e("app", "f")
        .e("f", "db");
    assert!(via_api.quiet("security.client_to_data_store"));
}

#[test]
fn unencrypted_fires_on_data_stores_and_dax_and_each_convention_covers_it() {
    let board = draw()
        .n("f", "lambda")
        .n("db", "dynamodb")
        .n("d", "dax")
        .e("f", "d")
        .e("d", "db");
    assert_eq!(board.fired("security.unencrypted"), vec![ids(&["db"]), ids(&["d"])]);
    let fixed = board.clone().p("db", "encrypted", "true").n("key", "kms").e("key", "d");
    assert!(fixed.quiet("security.unencrypted"));
    assert!(
        draw()
            .n("t", "sns")
            .n("fh", "kinesis_firehose")
            .quiet("security.unencrypted"),
        "pipes are not stores"
    );
}

#[test]
fn databases_belong_in_private_subnets_when_the_board_has_a_vpc() {
    let board = draw()
        .g("vpc", GroupKind::Vpc, None)
        .g("pub", GroupKind::PublicSubnet, Some("vpc"))
        .g("priv", GroupKind::PrivateSubnet, Some("vpc"))
        .g("tier", GroupKind::Generic, Some("priv"))
        .n("db", "rds")
        .n("c", "elasticache")
        .n("t", "dynamodb")
        .inside("db", "pub");
    assert_eq!(
        board.fired("security.database_outside_private_subnet"),
        vec![ids(&["db"]), ids(&["c"])],
        "dynamodb is regional and never judged"
    );
    let fixed = board.clone().inside("db", "priv").inside("c", "tier");
    assert!(
        fixed.quiet("security.database_outside_private_subnet"),
        "membership through parents counts"
    );
    let no_vpc = draw().n("db", "rds");
    assert!(no_vpc.quiet("security.database_outside_private_subnet"));
    let looped = draw()
        .g("vpc", GroupKind::Vpc, None)
        .g("a", GroupKind::Generic, Some("b"))
        .g("b", GroupKind::Generic, Some("a"))
        .n("db", "aurora")
        .inside("db", "a");
    assert_eq!(
        looped.fired("security.database_outside_private_subnet").len(),
        1,
        "parent cycles end"
    );
}

// --------------------------------------------------------------------------------- reliability

#[test]
fn single_az_fires_until_multi_az_is_set() {
    let board = draw().n("db", "aurora").n("c", "cache").n("t", "dynamodb");
    assert_eq!(board.fired("reliability.single_az"), vec![ids(&["db"]), ids(&["c"])]);
    assert!(
        board
            .clone()
            .p("db", "multi_az", "true")
            .p("c", "multi_az", "true")
            .quiet("reliability.single_az")
    );
    assert!(
        !board
            .clone()
            .p("db", "multi_az", "false")
            .quiet("reliability.single_az")
    );
}

#[test]
fn no_auto_scaling_fires_on_fixed_capacity_and_each_convention_covers_it() {
    let board = draw()
        .n("vm", "ec2")
        .n("t", "dynamodb")
        .p("t", "capacity_mode", "provisioned")
        .n("f", "lambda");
    assert_eq!(
        board.fired("reliability.no_auto_scaling"),
        vec![ids(&["vm"]), ids(&["t"])]
    );
    let fixed = board
        .clone()
        .p("vm", "auto_scaling", "true")
        .n("asg", "auto_scaling")
        .e("asg", "t");
    assert!(fixed.quiet("reliability.no_auto_scaling"));
    assert!(
        board
            .clone()
            .p("t", "capacity_mode", "on_demand")
            .p("vm", "auto_scaling", "true")
            .quiet("reliability.no_auto_scaling")
    );
}

#[test]
fn no_dlq_fires_on_consumed_queues_and_each_convention_covers_it() {
    let board = draw().n("q", "sqs").n("w", "lambda").e("q", "w");
    assert_eq!(board.fired("reliability.no_dlq"), vec![ids(&["q"])]);
    assert!(board.clone().p("q", "dlq", "true").quiet("reliability.no_dlq"));
    let mut named = board.clone().n("dead", "sqs").e("q", "dead");
    named.0.nodes[2].label = "Orders dlq".to_owned();
    assert!(named.quiet("reliability.no_dlq"));
    assert!(
        board
            .clone()
            .n("dead", "queue")
            .el("q", "dead", "after 3 tries: DLQ")
            .quiet("reliability.no_dlq")
    );
    assert!(
        !board
            .clone()
            .n("other", "sqs")
            .e("q", "other")
            .quiet("reliability.no_dlq"),
        "needs DLQ in a label"
    );
    assert!(
        draw()
            .n("q", "sqs")
            .n("t", "sns")
            .e("t", "q")
            .quiet("reliability.no_dlq"),
        "not consumed"
    );
    assert!(
        draw()
            .n("k", "kinesis_data_streams")
            .n("w", "lambda")
            .e("k", "w")
            .quiet("reliability.no_dlq")
    );
}

#[test]
fn no_backup_fires_on_databases_and_each_convention_covers_it() {
    let board = draw().n("t", "dynamodb").n("dw", "redshift").n("c", "elasticache");
    assert_eq!(board.fired("reliability.no_backup"), vec![ids(&["t"]), ids(&["dw"])]);
    let fixed = board
        .clone()
        .p("t", "backup", "true")
        .n("plan", "backup")
        .e("plan", "dw");
    assert!(fixed.quiet("reliability.no_backup"));
}

/// `count` compute nodes calling each other synchronously in a row: s0 → s1 → ...
fn chain(count: usize) -> Draw {
    let mut board = draw();
    for i in 0..count {
        board = board.n(&format!("s{i}"), "service");
        if i > 0 {
            board = board.e(&format!("s{}", i - 1), &format!("s{i}"));
        }
    }
    board
}

#[test]
fn deep_sync_chain_fires_at_four_compute_to_compute_hops() {
    assert_eq!(
        chain(5).fired("reliability.deep_sync_chain"),
        vec![ids(&["s0", "s1", "s2", "s3", "s4"])]
    );
    assert!(chain(4).quiet("reliability.deep_sync_chain"));
    let mut broken = chain(5);
    broken.0.edges[2].mode = EdgeMode::Async;
    assert!(
        broken.quiet("reliability.deep_sync_chain"),
        "an async hand-off breaks the chain"
    );
    let serverless = draw()
        .n("users", "client")
        .n("cdn", "cloudfront")
        .n("api", "api_gateway")
        .n("f", "lambda")
        .n("db", "dynamodb")
        .e("users", "cdn")
        .e("cdn", "api")
        .e("api", "f")
        .e("f", "db");
    assert!(serverless.quiet("reliability.deep_sync_chain"));
    let cyclic = chain(4).e("s3", "s0").n("x", "service").e("s2", "x");
    assert_eq!(
        cyclic.fired("reliability.deep_sync_chain").len(),
        1,
        "cycles end and count each node once"
    );
    let two = chain(5)
        .n("t0", "service")
        .n("t1", "service")
        .n("t2", "service")
        .n("t3", "service")
        .n("t4", "service");
    let two = two.e("t0", "t1").e("t1", "t2").e("t2", "t3").e("t3", "t4");
    assert_eq!(
        two.fired("reliability.deep_sync_chain").len(),
        2,
        "one finding per separate chain"
    );
}

// --------------------------------------------------------------------------------- performance

/// A public API whose function reads a table on the user's request.
fn reads_table() -> Draw {
    public_api().n("db", "dynamodb").e("f", "db")
}

#[test]
fn no_cache_fires_on_user_path_reads_and_each_convention_covers_it() {
    let board = reads_table();
    assert_eq!(board.fired("performance.no_cache"), vec![ids(&["db"])]);
    assert!(
        board
            .clone()
            .n("c", "elasticache")
            .e("f", "c")
            .quiet("performance.no_cache"),
        "cache-aside"
    );
    let read_through = public_api().n("db", "dynamodb").n("c", "dax").e("f", "c").e("c", "db");
    assert!(read_through.quiet("performance.no_cache"));
    let worker = draw()
        .n("users", "client")
        .n("api", "api_gateway")
        .n("q", "sqs")
        .n("w", "lambda")
        .n("db", "rds")
        .e("users", "api")
        .e("api", "q")
        .e("q", "w")
        .e("w", "db");
    assert!(
        worker.quiet("performance.no_cache"),
        "a worker fed by a queue is off the user path"
    );
    let guard = reads_table().n("key", "kms").e("key", "db");
    assert_eq!(
        guard.fired("performance.no_cache").len(),
        1,
        "a KMS key is not a reader and no cache"
    );
}

#[test]
fn no_cdn_fires_on_client_downloads_from_s3() {
    let board = draw().n("web", "client").n("b", "s3").e("web", "b");
    assert_eq!(board.fired("performance.no_cdn"), vec![ids(&["b"])]);
    assert!(
        draw()
            .n("web", "client")
            .n("b", "s3")
            .el("web", "b", "Photo Upload")
            .quiet("performance.no_cdn")
    );
    let cdn = draw()
        .n("web", "client")
        .n("cdn", "cloudfront")
        .n("b", "s3")
        .e("web", "cdn")
        .e("cdn", "b");
    assert!(cdn.quiet("performance.no_cdn"));
}

#[test]
fn cold_start_fires_on_user_path_lambdas_without_provisioned_concurrency() {
    let board = public_api();
    assert_eq!(board.fired("performance.cold_start"), vec![ids(&["f"])]);
    assert!(
        board
            .clone()
            .p("f", "provisioned_concurrency", "5")
            .quiet("performance.cold_start")
    );
    assert!(
        !board
            .clone()
            .p("f", "provisioned_concurrency", "false")
            .quiet("performance.cold_start")
    );
    let worker = draw().n("q", "sqs").n("f", "lambda").e("q", "f");
    assert!(worker.quiet("performance.cold_start"));
    let async_call = draw()
        .n("users", "client")
        .n("api", "api_gateway")
        .n("f", "lambda")
        .e("users", "api")
        .ea("api", "f");
    assert!(
        async_call.quiet("performance.cold_start"),
        "only sync edges make the user path"
    );
}

// ----------------------------------------------------------------------------- numbers: limits

/// A client sending `rps` at peak into `id` of `service`.
fn load_into(rps: &str, id: &str, service: &str) -> Draw {
    draw()
        .n("users", "client")
        .p("users", "rps", rps)
        .n(id, service)
        .e("users", id)
}

#[test]
fn over_limit_fires_on_api_gateway_above_ten_thousand_requests() {
    let board = load_into("25000", "api", "api_gateway");
    let f = board.only("performance.over_limit");
    assert_eq!(f.nodes, ids(&["api"]));
    assert_eq!(f.severity, Severity::Warning);
    assert!(
        f.message
            .contains("takes 25,000 requests/s at peak; the default limit is 10,000"),
        "{}",
        f.message
    );
    assert_eq!(
        f.fix,
        Some(Fix::SetProp {
            key: "quota",
            value: "25000".into()
        })
    );
    assert!(board.clone().p("api", "quota", "30000").quiet("performance.over_limit"));
    assert!(
        load_into("10000", "api", "api_gateway").quiet("performance.over_limit"),
        "at the limit is fine"
    );
    let quota = board.clone().p("api", "quota", "20000").only("performance.over_limit");
    assert!(quota.message.contains("its quota is 20,000"), "{}", quota.message);
}

#[test]
fn over_limit_fires_on_lambda_above_a_thousand_concurrent() {
    // 2,000 requests/s x 600 ms = 1,200 concurrent executions.
    let board = load_into("2000", "f", "lambda").p("f", "duration_ms", "600");
    let f = board.only("performance.over_limit");
    assert!(f.message.contains("needs 1,200 concurrent executions"), "{}", f.message);
    assert!(f.message.contains("the default limit is 1,000"), "{}", f.message);
    assert!(
        board
            .clone()
            .p("f", "duration_ms", "500")
            .quiet("performance.over_limit"),
        "exactly 1,000"
    );
    assert!(board.clone().p("f", "quota", "1200").quiet("performance.over_limit"));
    // 10x: 200 requests/s x 600 ms = 120 now, 1,200 at ten times the load.
    let small = load_into("200", "f", "lambda").p("f", "duration_ms", "600");
    assert!(small.quiet("performance.over_limit"));
    assert!(
        small
            .review_at(10.0)
            .findings
            .iter()
            .any(|f| f.rule == "performance.over_limit"),
        "what breaks at 10x"
    );
}

#[test]
fn under_provisioned_fires_on_stated_capacity_below_the_load() {
    // Kinesis: 11,574 records/s, one reader: max(11.574, 11.574, 5.787) -> 12 shards.
    let stream = load_into("11574", "ks", "kinesis_data_streams")
        .n("r", "lambda")
        .e("ks", "r")
        .p("ks", "shards", "10");
    let f = stream.only("performance.under_provisioned");
    assert!(
        f.message.contains("has 10 shards") && f.message.contains("need 12"),
        "{}",
        f.message
    );
    assert_eq!(
        f.fix,
        Some(Fix::SetProp {
            key: "shards",
            value: "12".into()
        })
    );
    assert!(
        stream
            .clone()
            .p("ks", "shards", "12")
            .quiet("performance.under_provisioned")
    );

    // DynamoDB provisioned: 40,000 writes/s need 40,000 WCU; 1,000 stated.
    let table = load_into("40000", "t", "dynamodb")
        .p("t", "capacity_mode", "provisioned")
        .p("t", "wcu", "1000")
        .p("t", "rcu", "1000");
    let f = table.only("performance.under_provisioned");
    assert_eq!(
        f.fix,
        Some(Fix::SetProp {
            key: "wcu",
            value: "40000".into()
        })
    );
    assert!(
        table
            .clone()
            .p("t", "wcu", "40000")
            .quiet("performance.under_provisioned")
    );
    assert!(
        table
            .clone()
            .p("t", "capacity_mode", "on_demand")
            .quiet("performance.under_provisioned"),
        "on demand has no stated capacity"
    );

    // Any node's capacity_rps.
    let fleet = load_into("5000", "web", "ec2").p("web", "capacity_rps", "3000");
    let f = fleet.only("performance.under_provisioned");
    assert!(
        f.message
            .contains("takes 5,000 requests/s at peak; its capacity_rps is 3,000"),
        "{}",
        f.message
    );
    assert!(
        fleet
            .clone()
            .p("web", "capacity_rps", "6000")
            .quiet("performance.under_provisioned")
    );
}

#[test]
fn hot_prefix_fires_on_s3_above_a_prefix_rate() {
    let bucket = load_into("4000", "b", "s3");
    let f = bucket.only("performance.hot_prefix");
    assert_eq!(f.severity, Severity::Info);
    assert!(f.message.contains("4,000 writes/s"), "{}", f.message);
    assert!(load_into("3500", "b", "s3").quiet("performance.hot_prefix"));
    let reads = draw()
        .n("users", "client")
        .p("users", "rps", "6000")
        .n("b", "s3")
        .ep("users", "b", &[("op", "read")]);
    assert_eq!(reads.fired("performance.hot_prefix"), vec![ids(&["b"])]);
    let spread = draw()
        .n("users", "client")
        .p("users", "rps", "5000")
        .n("b", "s3")
        .ep("users", "b", &[("op", "read")]);
    assert!(spread.quiet("performance.hot_prefix"));
}

#[test]
fn unsized_stream_states_the_shards_a_stream_needs() {
    let stream = load_into("2500", "ks", "kinesis_data_streams");
    let f = stream.only("performance.unsized_stream");
    assert_eq!(f.severity, Severity::Info);
    assert!(f.message.contains("needs 3 shards"), "{}", f.message);
    assert_eq!(
        f.fix,
        Some(Fix::SetProp {
            key: "shards",
            value: "3".into()
        })
    );
    assert!(
        stream
            .clone()
            .p("ks", "shards", "3")
            .quiet("performance.unsized_stream")
    );
    assert!(
        draw()
            .n("ks", "kinesis_data_streams")
            .quiet("performance.unsized_stream"),
        "no load, no figure"
    );
}

#[test]
fn bad_figure_is_an_error_naming_the_node_or_edge_and_the_prop() {
    let board = draw()
        .n("users", "client")
        .p("users", "rps", "lots")
        .n("f", "lambda")
        .ep("users", "f", &[("share", "1.5")]);
    let review = board.review();
    let bad: Vec<&Finding> = review
        .findings
        .iter()
        .filter(|f| f.rule == "performance.bad_figure")
        .collect();
    assert_eq!(bad.len(), 2);
    assert_eq!(bad[0].severity, Severity::Error);
    assert_eq!(bad[0].nodes, ids(&["users"]));
    assert!(bad[0].message.contains("rps is \"lots\""), "{}", bad[0].message);
    assert_eq!(bad[1].nodes, ids(&["f", "users"]));
    assert!(
        bad[1].message.contains("edge from \"users\" to \"f\"") && bad[1].message.contains("share"),
        "{}",
        bad[1].message
    );
    assert_eq!(
        review.by_pillar(Pillar::Performance).next().map(|f| f.rule),
        Some("performance.bad_figure"),
        "errors come first in their pillar"
    );
    let mut fixed = board.clone().p("users", "rps", "100");
    fixed.0.edges[0].props.insert("share".into(), "0.5".into());
    assert!(fixed.quiet("performance.bad_figure"));
    assert!(
        draw()
            .n("f", "lambda")
            .p("f", "duration_ms", "-3")
            .fired("performance.bad_figure")
            .len()
            == 1
    );
}

#[test]
fn a_review_carries_its_numbers_at_its_load_factor() {
    let board = load_into("300", "f", "lambda");
    let review = board.review();
    assert_eq!(review.numbers.load_factor, 1.0);
    assert_eq!(review.numbers.nodes[1].peak(), Some(300.0));
    let ten = board.review_at(10.0);
    assert_eq!(ten.numbers.nodes[1].peak(), Some(3000.0));
    assert!(ten.numbers.monthly_usd > review.numbers.monthly_usd);
}

// ---------------------------------------------------------------------------------------- cost

#[test]
fn no_figures_and_missing_figure() {
    let board = draw()
        .n("users", "client")
        .n("f", "lambda")
        .n("db", "dynamodb")
        .e("users", "f");
    assert_eq!(board.fired("cost.no_figures"), vec![Vec::<String>::new()]);
    assert!(board.quiet("cost.missing_figure"), "one finding at a time");
    let some = board.clone().p("f", "monthly_cost_usd", "0");
    assert!(some.quiet("cost.no_figures"), "\"0\" is a figure");
    assert_eq!(
        some.fired("cost.missing_figure"),
        vec![ids(&["db"])],
        "clients are not billed"
    );
    assert!(
        some.clone()
            .p("db", "monthly_cost_usd", "12.5")
            .quiet("cost.missing_figure")
    );
    assert!(
        !some
            .clone()
            .p("db", "monthly_cost_usd", "lots")
            .quiet("cost.missing_figure")
    );
    assert!(draw().n("memo", "note").quiet("cost.no_figures"));
    // A stated load is a figure too: the computed costs count, and what has none is listed.
    let loaded = board.clone().p("users", "rps", "100");
    assert!(loaded.quiet("cost.no_figures"));
    assert_eq!(
        loaded.fired("cost.missing_figure"),
        vec![ids(&["db"])],
        "the Lambda is priced from its load; no load reaches the table"
    );
    assert!(loaded.clone().e("f", "db").quiet("cost.missing_figure"));
    // Fixed hourly prices alone do not make an estimate.
    assert_eq!(
        draw()
            .n("lb", "alb")
            .n("f", "lambda")
            .e("lb", "f")
            .fired("cost.no_figures"),
        vec![Vec::<String>::new()]
    );
}

#[test]
fn no_scaling_no_lifecycle_no_capacity_mode() {
    let board = draw().n("vm", "ec2").n("b", "s3").n("t", "dynamodb");
    assert_eq!(board.fired("cost.no_scaling"), vec![ids(&["vm"])]);
    assert!(
        board
            .clone()
            .p("vm", "instance_type", "m7g.large")
            .quiet("cost.no_scaling")
    );
    assert!(board.clone().p("vm", "auto_scaling", "true").quiet("cost.no_scaling"));
    assert_eq!(board.fired("cost.no_lifecycle"), vec![ids(&["b"])]);
    assert!(
        board
            .clone()
            .p("b", "lifecycle", "IA after 30 days")
            .quiet("cost.no_lifecycle")
    );
    assert!(
        board
            .clone()
            .p("b", "storage_class", "intelligent_tiering")
            .quiet("cost.no_lifecycle")
    );
    assert!(!board.clone().p("b", "lifecycle", "false").quiet("cost.no_lifecycle"));
    assert_eq!(board.fired("cost.no_capacity_mode"), vec![ids(&["t"])]);
    assert!(
        board
            .clone()
            .p("t", "capacity_mode", "on_demand")
            .quiet("cost.no_capacity_mode")
    );
}

#[test]
fn cost_summary_adds_up_figures() {
    let board = draw()
        .n("users", "client")
        .n("memo", "note")
        .n("a", "lambda")
        .p("a", "monthly_cost_usd", "10")
        .n("b", "dynamodb")
        .p("b", "monthly_cost_usd", "25.5")
        .n("c", "s3")
        .p("c", "monthly_cost_usd", "0")
        .n("d", "sqs")
        .p("d", "monthly_cost_usd", "-3")
        .n("e", "ec2")
        .p("e", "monthly_cost_usd", "100")
        .n("f", "rds")
        .p("f", "monthly_cost_usd", "10")
        .n("g", "cloudwatch")
        .p("g", "monthly_cost_usd", "1");
    let cost = board.review().cost;
    assert!((cost.total_usd - 146.5).abs() < 1e-9);
    let biggest: Vec<(&str, f64)> = cost.biggest.iter().map(|(id, v)| (id.as_str(), *v)).collect();
    assert_eq!(
        biggest,
        vec![("e", 100.0), ("b", 25.5), ("a", 10.0), ("f", 10.0), ("g", 1.0)]
    );
    assert_eq!(
        cost.missing, 1,
        "only the negative figure on d; the client and the note are not billed"
    );
}

// ------------------------------------------------------------------------------ whole reviews

/// A serverless design that meets every convention, fronted by CloudFront, with a VPC database.
fn well_designed() -> Draw {
    let cost = |d: Draw, ids: &[&str]| ids.iter().fold(d, |d, id| d.p(id, "monthly_cost_usd", "10"));
    let board = draw()
        .g("vpc", GroupKind::Vpc, None)
        .g("priv", GroupKind::PrivateSubnet, Some("vpc"))
        .n("users", "client")
        .n("dns", "route53")
        .p("dns", "shield", "true")
        .n("cdn", "cloudfront")
        .n("waf", "waf")
        .n("shield", "shield")
        .n("web", "s3")
        .p("web", "encrypted", "true")
        .p("web", "storage_class", "intelligent_tiering")
        .n("api", "api_gateway")
        .p("api", "auth", "cognito")
        .n("idp", "cognito")
        .n("f", "lambda")
        .p("f", "provisioned_concurrency", "10")
        .n("cache", "elasticache")
        .p("cache", "multi_az", "true")
        .p("cache", "encrypted", "true")
        .inside("cache", "priv")
        .n("table", "dynamodb")
        .p("table", "capacity_mode", "on_demand")
        .p("table", "backup", "true")
        .n("key", "kms")
        .n("q", "sqs")
        .p("q", "encrypted", "true")
        .n("dlq", "sqs")
        .p("dlq", "encrypted", "true")
        .n("worker", "ecs")
        .p("worker", "auto_scaling", "true")
        .n("sql", "aurora")
        .p("sql", "multi_az", "true")
        .inside("sql", "priv")
        .n("plan", "backup")
        .n("cw", "cloudwatch")
        .n("alerts", "sns")
        .n("trace", "xray")
        .n("memo", "note")
        .e("users", "dns")
        .e("dns", "cdn")
        .e("waf", "cdn")
        .e("shield", "cdn")
        .e("cdn", "web")
        .e("cdn", "api")
        .e("idp", "api")
        .e("api", "f")
        .e("f", "cache")
        .e("f", "table")
        .e("key", "table")
        .e("f", "q")
        .ea("q", "worker")
        .el("q", "dlq", "DLQ")
        .e("worker", "sql")
        .e("key", "sql")
        .e("plan", "sql")
        .e("cw", "alerts");
    let mut board = cost(
        board,
        &[
            "dns", "cdn", "waf", "shield", "web", "api", "idp", "f", "cache", "table", "key", "q", "dlq", "worker",
            "sql", "plan", "cw", "alerts", "trace",
        ],
    );
    board.0.nodes.iter_mut().filter(|n| n.id == "worker").for_each(|n| {
        n.props.insert("instance_type".to_owned(), "c7g.large".to_owned());
    });
    board
}

#[test]
fn a_well_designed_board_gets_no_findings() {
    let review = well_designed().review();
    let said: Vec<_> = review.findings.iter().map(|f| (f.rule, &f.nodes, &f.message)).collect();
    assert!(said.is_empty(), "{said:#?}");
    assert_eq!(review.counts(), [0, 0, 0]);
    let judged: Vec<_> = review.checklist.iter().map(|c| (c.id, c.judged)).collect();
    assert_eq!(
        judged,
        vec![
            ("functional_requirements", None),
            ("scale", None),
            ("data_model", None),
            ("api_contracts", None),
            ("failure_scenarios", Some(true)),
            ("monitoring", Some(true)),
            ("security", Some(true)),
            ("cost", Some(true)),
            ("team", None),
            ("rollout", None),
        ]
    );
}

#[test]
fn an_empty_board_is_not_judged_to_meet_the_checklist() {
    let mut board = Board::new("empty");
    board.nodes.push(Node::new("n", "note", "ideas", Point(0.0, 0.0)));
    let review = review(&board, Catalog::builtin());
    assert!(
        review.checklist.iter().all(|c| c.judged.is_none()),
        "{:?}",
        review.checklist
    );
}

#[test]
fn a_bare_design_gets_a_finding_from_every_pillar_in_order() {
    let review = reads_table().n("vm", "ec2").review();
    let pillars: Vec<Pillar> = review.findings.iter().map(|f| f.pillar).collect();
    let mut sorted = pillars.clone();
    sorted.sort();
    assert_eq!(pillars, sorted);
    for p in Pillar::ALL {
        assert!(review.by_pillar(p).next().is_some(), "{p:?}");
    }
    for pair in review.findings.windows(2) {
        let (a, b) = (&pair[0], &pair[1]);
        if a.pillar == b.pillar {
            assert!(a.severity > b.severity || (a.severity == b.severity && (a.rule, &a.nodes) <= (b.rule, &b.nodes)));
        }
    }
    let [errors, warnings, infos] = review.counts();
    assert_eq!(errors, 0);
    assert!(warnings > 0 && infos > 0);
    for f in &review.findings {
        let pillar = serde_json::to_value(f.pillar).expect("serialises");
        assert_eq!(f.rule.split('.').next(), pillar.as_str(), "{}", f.rule);
        assert!(!f.reason.is_empty() && !f.message.is_empty(), "{}", f.rule);
    }
}

#[test]
fn accepted_findings_match_rule_and_node_set() {
    let mut board = public_api();
    board.0.accepted.push(Accepted {
        rule: "security.no_waf".to_owned(),
        nodes: ids(&["api"]),
        reason: "internal beta".to_owned(),
    });
    board.0.accepted.push(Accepted {
        rule: "security.no_auth".to_owned(),
        nodes: ids(&["other"]),
        reason: "wrong node".to_owned(),
    });
    let review = board.review();
    let find = |rule: &str| review.findings.iter().find(|f| f.rule == rule).expect("fires");
    assert_eq!(find("security.no_waf").accepted.as_deref(), Some("internal beta"));
    assert_eq!(find("security.no_auth").accepted, None);

    let before = public_api().review().counts();
    assert_eq!(review.counts()[1], before[1] - 1, "accepted findings are not counted");

    let mut chained = chain(5);
    chained.0.accepted.push(Accepted {
        rule: "reliability.deep_sync_chain".to_owned(),
        nodes: ids(&["s4", "s2", "s0", "s1", "s3"]),
        reason: "legacy".to_owned(),
    });
    let review = chained.review();
    let f = review
        .findings
        .iter()
        .find(|f| f.rule == "reliability.deep_sync_chain")
        .expect("fires");
    assert_eq!(
        f.accepted.as_deref(),
        Some("legacy"),
        "node order in the file does not matter"
    );
}

#[test]
fn checklist_reflects_ticks_and_rules() {
    let mut board = public_api();
    board.0.checklist.insert("team".to_owned(), true);
    board.0.checklist.insert("data_model".to_owned(), false);
    let review = board.review();
    let item = |id: &str| review.checklist.iter().find(|c| c.id == id).expect("item").clone();
    assert_eq!(review.checklist.len(), 10);
    assert!(item("team").ticked && !item("data_model").ticked && !item("scale").ticked);
    assert_eq!(item("security").judged, Some(false));
    assert_eq!(item("monitoring").judged, Some(false));
    assert_eq!(item("cost").judged, Some(false));
    assert_eq!(
        item("failure_scenarios").judged,
        None,
        "no finding, but nothing shows failure handling either: the rules cannot tell"
    );
    assert_eq!(item("rollout").judged, None);
    // With "no cost figures" accepted, the rules leave the cost item to the person.
    let mut sketch = public_api();
    let no_figures = review
        .findings
        .iter()
        .find(|f| f.rule == "cost.no_figures")
        .expect("no figures on the sketch");
    sketch.0.accepted.push(crate::model::Accepted {
        rule: "cost.no_figures".to_owned(),
        nodes: no_figures.nodes.clone(),
        reason: "a sketch, priced later".to_owned(),
    });
    let accepted = sketch.review();
    let cost = accepted.checklist.iter().find(|c| c.id == "cost").expect("item");
    assert!(cost.open.is_empty(), "{:?}", cost.open);
    assert_eq!(cost.judged, None, "an accepted gap is a person's call");
    let fixed = public_api()
        .p("api", "auth", "iam")
        .p("api", "waf", "true")
        .n("cw", "cloudwatch")
        .n("t", "sns")
        .e("cw", "t")
        .p("f", "monthly_cost_usd", "3");
    let review = fixed.review();
    let item = |id: &str| review.checklist.iter().find(|c| c.id == id).expect("item").clone();
    assert_eq!(item("security").judged, Some(true));
    assert_eq!(item("monitoring").judged, Some(true));
    assert_eq!(item("cost").judged, Some(true));
    let unreliable = draw().n("db", "rds").review();
    assert_eq!(
        unreliable
            .checklist
            .iter()
            .find(|c| c.id == "failure_scenarios")
            .and_then(|c| c.judged),
        Some(false)
    );
}

#[test]
fn edges_to_missing_nodes_and_unknown_services_are_ignored() {
    let board = draw()
        .n("x", "quantum_thing")
        .n("f", "lambda")
        .e("f", "ghost")
        .e("ghost", "x")
        .e("x", "f");
    let review = board.review();
    assert!(review.findings.iter().all(|f| !f.nodes.contains(&"ghost".to_owned())));
}

#[test]
fn findings_serialise_with_snake_case_pillar_and_severity() {
    let review = public_api().review();
    let json = serde_json::to_value(&review.findings[0]).expect("serialises");
    assert_eq!(json["pillar"], "monitoring");
    assert_eq!(json["severity"], "warning");
    assert!(Severity::Info < Severity::Warning && Severity::Warning < Severity::Error);
}

/// A 10,000-node, 15,000-edge board: layered services with fan-out, queues, stores and cycles.
fn big_board() -> Board {
    const KINDS: &[&str] = &[
        "client",
        "cloudfront",
        "api_gateway",
        "lambda",
        "ecs",
        "sqs",
        "worker",
        "dynamodb",
        "rds",
        "s3",
        "elasticache",
        "service",
    ];
    let mut board = Board::new("big");
    let n = 10_000;
    for i in 0..n {
        let kind = KINDS[i % KINDS.len()];
        let mut node = Node::new(format!("n{i}"), kind, format!("Node {i}"), Point(0.0, 0.0));
        if i % 3 == 0 {
            node.props.insert("monthly_cost_usd".to_owned(), format!("{}", i % 97));
        }
        board.nodes.push(node);
    }
    let mut seed: u64 = 0x9e37_79b9_7f4a_7c15;
    let mut next = || {
        seed ^= seed << 13;
        seed ^= seed >> 7;
        seed ^= seed << 17;
        seed
    };
    for i in 0..15_000usize {
        let from = i % n;
        let to = (from + 1 + (next() % 40) as usize) % n;
        let mut edge = Edge::new(format!("n{from}"), format!("n{to}"));
        if next() % 5 == 0 {
            edge.mode = EdgeMode::Async;
        }
        board.edges.push(edge);
    }
    board
}

#[test]
fn a_big_board_is_reviewed_quickly_and_without_deep_recursion() {
    let board = big_board();
    let started = std::time::Instant::now();
    let review = review(&board, catalog());
    let took = started.elapsed();
    eprintln!(
        "review of 10,000 nodes / 15,000 edges: {took:?} ({} findings)",
        review.findings.len()
    );
    assert!(!review.findings.is_empty());
    let long = chain(20_000);
    assert_eq!(long.fired("reliability.deep_sync_chain").len(), 1);
}

#[test]
fn queues_without_dead_letter_queues_never_meet_failure_scenarios() {
    let queues = draw()
        .n("api", "api_gateway")
        .n("q", "sqs")
        .n("t", "sns")
        .e("api", "q")
        .e("q", "t");
    let review = queues.review();
    let item = review
        .checklist
        .iter()
        .find(|c| c.id == "failure_scenarios")
        .expect("item");
    assert_ne!(item.judged, Some(true), "{item:?}");
    let with_dlq = queues.p("q", "dlq", "true").review();
    let item = with_dlq
        .checklist
        .iter()
        .find(|c| c.id == "failure_scenarios")
        .expect("item");
    assert_eq!(item.judged, Some(true));
    assert!(item.open.is_empty());
}

#[test]
fn every_checklist_rule_exists_and_belongs_to_one_item() {
    let mut seen = std::collections::HashSet::new();
    let fired: std::collections::HashSet<&str> = crate::presets::all()
        .iter()
        .flat_map(|p| review(&crate::presets::board(&p.id).expect("preset"), Catalog::builtin()).findings)
        .map(|f| f.rule)
        .collect();
    for (item, rules) in crate::critique::CHECKLIST_RULES {
        assert!(
            crate::critique::CHECKLIST.iter().any(|(id, _, _)| *id == item),
            "{item}"
        );
        for rule in rules {
            assert!(seen.insert(*rule), "{rule} judges two items");
            assert!(rule.contains('.'), "{rule}");
        }
    }
    assert!(
        fired.iter().any(|r| seen.contains(r)),
        "the presets exercise the mapped rules"
    );
}
