//! The shipped catalog: complete, consistent and searchable.

use super::*;

/// Every id DESIGN.md requires.
const REQUIRED: &[&str] = &[
    "ec2", "auto_scaling", "lambda", "ecs", "eks", "fargate", "batch", "s3", "ebs", "efs", "glacier",
    "storage_gateway", "dynamodb", "dax", "rds", "aurora", "elasticache", "redshift", "vpc_endpoint",
    "nat_gateway", "internet_gateway", "cloudfront", "route53", "alb", "nlb", "api_gateway", "appsync", "sqs",
    "sns", "eventbridge", "kinesis_data_streams", "kinesis_firehose", "kinesis_data_analytics", "step_functions",
    "athena", "emr", "glue", "cognito", "iam", "waf", "shield", "kms", "secrets_manager", "cloudwatch", "xray",
    "cloudtrail", "sagemaker", "bedrock", "app_mesh", "codepipeline", "codebuild", "codedeploy", "opensearch",
    "backup", "client", "mobile_client", "external_service", "service", "database", "queue", "cache",
    "load_balancer", "router", "worker", "note",
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
        assert!(s.id.chars().all(|c| c.is_ascii_lowercase() || c.is_ascii_digit() || c == '_'), "{}", s.id);
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
    for id in [
        "s3", "ebs", "efs", "glacier", "dynamodb", "rds", "aurora", "elasticache", "redshift", "opensearch",
        "kinesis_data_streams", "sqs", "database", "cache",
    ] {
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
