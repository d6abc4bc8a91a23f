//! The shipped catalog: complete, consistent and searchable.

use super::*;

/// Every id DESIGN.md requires.
const REQUIRED: &[&str] = &[
    "ec2",
    "auto_scaling",
    "lambda",
    "ecs",
    "eks",
    "fargate",
    "batch",
    "s3",
    "ebs",
    "efs",
    "glacier",
    "storage_gateway",
    "dynamodb",
    "dax",
    "rds",
    "aurora",
    "elasticache",
    "redshift",
    "vpc_endpoint",
    "nat_gateway",
    "internet_gateway",
    "cloudfront",
    "route53",
    "alb",
    "nlb",
    "api_gateway",
    "appsync",
    "sqs",
    "sns",
    "eventbridge",
    "kinesis_data_streams",
    "kinesis_firehose",
    "kinesis_data_analytics",
    "step_functions",
    "athena",
    "emr",
    "glue",
    "cognito",
    "iam",
    "waf",
    "shield",
    "kms",
    "secrets_manager",
    "cloudwatch",
    "xray",
    "cloudtrail",
    "sagemaker",
    "bedrock",
    "app_mesh",
    "codepipeline",
    "codebuild",
    "codedeploy",
    "opensearch",
    "backup",
    "client",
    "mobile_client",
    "external_service",
    "service",
    "database",
    "queue",
    "cache",
    "load_balancer",
    "router",
    "worker",
    "note",
];

/// The services that keep data at rest, as DESIGN.md lists them.
const DATA_STORES: [&str; 14] = [
    "s3",
    "ebs",
    "efs",
    "glacier",
    "dynamodb",
    "rds",
    "aurora",
    "elasticache",
    "redshift",
    "opensearch",
    "kinesis_data_streams",
    "sqs",
    "database",
    "cache",
];

#[test]
fn every_required_id_is_present() {
    let c = Catalog::builtin();
    let missing: Vec<_> = REQUIRED.iter().filter(|id| c.get(id).is_none()).collect();
    assert!(missing.is_empty(), "missing from assets/catalog.ron: {missing:?}");
}

#[test]
fn every_entry_is_complete() {
    for s in &Catalog::builtin().services {
        assert!(!s.name.is_empty() && !s.short.is_empty(), "{} has no name", s.id);
        assert!(s.description.len() > 20, "{} needs a description", s.id);
        assert!(s.description.len() < 220, "{}: keep the description to one line", s.id);
        assert!(
            s.id.chars()
                .all(|c| c.is_ascii_lowercase() || c.is_ascii_digit() || c == '_'),
            "{}",
            s.id
        );
    }
}

#[test]
fn no_alias_names_two_services() {
    let c = Catalog::builtin();
    let mut seen = HashMap::new();
    for s in &c.services {
        for a in &s.aliases {
            let key = a.to_lowercase();
            if let Some(other) = seen.insert(key.clone(), &s.id) {
                panic!("alias {key:?} is used by both {other} and {}", s.id);
            }
        }
    }
}

#[test]
fn search_finds_services_by_alias_and_name() {
    let c = Catalog::builtin();
    let first = |q: &str| c.search(q).first().map(|s| s.id.clone()).unwrap_or_default();
    assert_eq!(first("redis"), "elasticache");
    assert_eq!(first("memcached"), "elasticache");
    assert_eq!(first("lambda"), "lambda");
    assert_eq!(first("dynamo"), "dynamodb");
    assert_eq!(first("api gateway"), "api_gateway");
    assert!(c.search("queue").iter().any(|s| s.id == "sqs"));
    assert!(c.search("zzzz-not-a-service").is_empty());
    assert_eq!(c.search("").len(), c.services.len());
}

#[test]
fn tags_the_rules_need_are_where_design_md_puts_them() {
    let c = Catalog::builtin();
    for id in ["lambda", "ec2", "ecs", "eks", "fargate", "batch", "service", "worker"] {
        assert!(c.has_tag(id, Tag::Compute), "{id} must be compute");
    }
    for id in DATA_STORES {
        assert!(c.has_tag(id, Tag::DataStore), "{id} must be a data store");
    }
    for id in ["kinesis_firehose", "sns", "eventbridge", "kms", "backup", "cloudwatch"] {
        assert!(!c.has_tag(id, Tag::DataStore), "{id} is not a data store");
    }
    for id in ["client", "mobile_client", "external_service"] {
        assert!(c.has_tag(id, Tag::Client), "{id} must be a client");
    }
}

#[test]
fn unknown_services_fall_back_to_the_generic_box() {
    assert_eq!(Catalog::builtin().get_or_generic("quantum_db").id, GENERIC);
}

#[test]
fn entries_are_grouped_in_palette_order() {
    let services = &Catalog::builtin().services;
    for pair in services.windows(2) {
        assert!(
            pair[0].category <= pair[1].category,
            "{} ({:?}) comes after {} ({:?}): keep the file in palette order",
            pair[1].id,
            pair[1].category,
            pair[0].id,
            pair[0].category
        );
    }
}

#[test]
fn data_stores_are_exactly_the_ones_design_md_lists() {
    let mut found: Vec<&str> = Catalog::builtin()
        .services
        .iter()
        .filter(|s| s.has(Tag::DataStore))
        .map(|s| s.id.as_str())
        .collect();
    found.sort_unstable();
    let mut expected = DATA_STORES.to_vec();
    expected.sort_unstable();
    assert_eq!(found, expected);
}

#[test]
fn every_service_but_the_note_can_carry_a_cost() {
    for s in &Catalog::builtin().services {
        let has_cost = s.props.iter().any(|p| p == "monthly_cost_usd");
        assert_eq!(has_cost, s.id != "note", "{}: monthly_cost_usd", s.id);
    }
}

#[test]
fn services_the_rules_judge_offer_the_props_that_cover_them() {
    let c = Catalog::builtin();
    let offers = |id: &str, prop: &str| c.get(id).is_some_and(|s| s.props.iter().any(|p| p == prop));
    let cases: &[(&str, &[&str])] = &[
        (
            "multi_az",
            &["rds", "aurora", "elasticache", "dax", "database", "cache"],
        ),
        ("backup", &["dynamodb", "rds", "aurora", "redshift"]),
        ("auto_scaling", &["ec2", "ecs", "eks", "dynamodb", "service", "worker"]),
        ("capacity_mode", &["dynamodb"]),
        ("dlq", &["sqs", "queue"]),
        ("auth", &["api_gateway", "appsync", "alb"]),
        ("waf", &["cloudfront", "alb", "api_gateway", "appsync"]),
        ("shield", &["cloudfront", "route53", "alb", "nlb"]),
        ("provisioned_concurrency", &["lambda"]),
        ("lifecycle", &["s3"]),
    ];
    for (prop, ids) in cases {
        for id in *ids {
            assert!(offers(id, prop), "{id} must offer {prop}");
        }
    }
    for s in c.services.iter().filter(|s| s.has(Tag::DataStore) || s.id == "dax") {
        assert!(offers(&s.id, "encrypted"), "{} must offer encrypted", s.id);
    }
}

#[test]
fn search_finds_the_words_people_type() {
    let c = Catalog::builtin();
    let ids = |q: &str| c.search(q).into_iter().map(|s| s.id.as_str()).collect::<Vec<_>>();
    let first = |q: &str| ids(q).first().copied().unwrap_or_default();
    assert_eq!(first("bucket"), "s3");
    assert_eq!(first("cdn"), "cloudfront");
    assert_eq!(first("dns"), "route53");
    assert_eq!(first("k8s"), "eks");
    assert_eq!(first("graphql"), "appsync");
    assert_eq!(first("ddos"), "shield");
    assert_eq!(first("tracing"), "xray");
    assert_eq!(first("llm"), "bedrock");
    assert_eq!(first("sticky"), "note");
    assert!(ids("postgres").contains(&"rds") && ids("postgres").contains(&"aurora"));
    let kinesis = ids("kinesis");
    for id in ["kinesis_data_streams", "kinesis_firehose", "kinesis_data_analytics"] {
        assert!(kinesis.contains(&id), "'kinesis' should find {id}");
    }
}
