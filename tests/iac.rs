//! Real published templates (tests/fixtures/iac, sources in SOURCES.md) read as boards: for each,
//! the boxes and the data-flow edges a careful person draws from reading the template, the groups,
//! a clean layout, and a board that opens again without a warning.

use std::collections::BTreeSet;
use std::path::Path;

use archboard::interop::{self, Imported};
use archboard::io;
use archboard::model::{Board, GroupKind, node_rect};

fn read(name: &str) -> Imported {
    let path = format!("{}/tests/fixtures/iac/{name}", env!("CARGO_MANIFEST_DIR"));
    match interop::read(Path::new(&path)) {
        Ok(i) => i,
        Err(e) => panic!("{e}"),
    }
}

/// What a fixture must import as: boxes (`id:service`), edges (`from -> to`) and group kinds.
struct Expected<'a> {
    boxes: &'a [&'a str],
    edges: &'a [&'a str],
    groups: &'a [GroupKind],
}

fn check(name: &str, want: &Expected<'_>) -> Board {
    let imported = read(name);
    let b = imported.board;
    let boxes: BTreeSet<String> = b.nodes.iter().map(|n| format!("{}:{}", n.id, n.service)).collect();
    let want_boxes: BTreeSet<String> = want.boxes.iter().map(|s| (*s).to_owned()).collect();
    assert_eq!(boxes, want_boxes, "{name}: boxes");
    let edges: BTreeSet<String> = b.edges.iter().map(|e| format!("{} -> {}", e.from, e.to)).collect();
    let want_edges: BTreeSet<String> = want.edges.iter().map(|s| (*s).to_owned()).collect();
    assert_eq!(edges, want_edges, "{name}: edges");
    let mut kinds: Vec<GroupKind> = b.groups.iter().map(|g| g.kind).collect();
    kinds.sort();
    let mut want_kinds = want.groups.to_vec();
    want_kinds.sort();
    assert_eq!(kinds, want_kinds, "{name}: groups");
    laid_out_cleanly(name, &b);
    opens_again_without_a_warning(name, &b);
    for n in &b.nodes {
        if n.service != "xray" {
            assert!(
                imported.origins.get(&n.id).is_some_and(|o| o.line > 0),
                "{name}: {} has no line",
                n.id
            );
        }
    }
    b
}

fn laid_out_cleanly(name: &str, b: &Board) {
    for (i, a) in b.nodes.iter().enumerate() {
        for c in &b.nodes[i + 1..] {
            assert!(
                !node_rect(a).intersects(node_rect(c)),
                "{name}: {} overlaps {}",
                a.id,
                c.id
            );
        }
        if let Some(g) = a.group.as_deref().and_then(|g| b.group(g)) {
            assert!(
                g.rect.contains_rect(node_rect(a)),
                "{name}: {} sticks out of {}",
                a.id,
                g.id
            );
        }
    }
}

fn opens_again_without_a_warning(name: &str, b: &Board) {
    let text = io::to_ron(b).unwrap_or_else(|e| panic!("{name}: {e}"));
    let loaded = io::parse(&text, name).unwrap_or_else(|e| panic!("{name}: {e}"));
    assert!(loaded.warnings.is_empty(), "{name}: {:?}", loaded.warnings);
}

#[test]
fn sam_sns_to_sqs_fan_out_with_dead_letter_queues() {
    let b = check(
        "sam-sns-sqs-fanout.yaml",
        &Expected {
            boxes: &[
                "MetricsSnsTopic:sns",
                "AllMetricsSqsQueue:sqs",
                "TemperatureSqsQueue:sqs",
                "HumiditySqsQueue:sqs",
                "MetricsSqsDLQueue:sqs",
                "TemperatureSqsDLQueue:sqs",
                "HumiditySqsDLQueue:sqs",
            ],
            edges: &[
                "MetricsSnsTopic -> AllMetricsSqsQueue",
                "MetricsSnsTopic -> TemperatureSqsQueue",
                "MetricsSnsTopic -> HumiditySqsQueue",
                "AllMetricsSqsQueue -> MetricsSqsDLQueue",
                "TemperatureSqsQueue -> TemperatureSqsDLQueue",
                "HumiditySqsQueue -> HumiditySqsDLQueue",
            ],
            groups: &[],
        },
    );
    assert_eq!(b.node("AllMetricsSqsQueue").and_then(|n| n.prop("dlq")), Some("true"));
}

#[test]
fn sam_api_lambda_dynamodb_with_the_implicit_api() {
    check(
        "sam-apigw-lambda-dynamodb.yaml",
        &Expected {
            boxes: &[
                "LambdaFunction:lambda",
                "DynamoDBTable:dynamodb",
                "ServerlessRestApi:api_gateway",
            ],
            edges: &["ServerlessRestApi -> LambdaFunction", "LambdaFunction -> DynamoDBTable"],
            groups: &[],
        },
    );
}

#[test]
fn sam_api_to_eventbridge_to_sqs_to_lambda() {
    check(
        "sam-apigw-eventbridge-sqs.yaml",
        &Expected {
            boxes: &[
                "MyBus:eventbridge",
                "Api:api_gateway",
                "Queue:sqs",
                "QueueRule:eventbridge",
                "Queue1:sqs",
                "LambdaFuncton:lambda",
                "XRay:xray",
            ],
            edges: &[
                "Api -> MyBus",
                "MyBus -> QueueRule",
                "QueueRule -> Queue",
                "Queue -> LambdaFuncton",
            ],
            groups: &[],
        },
    );
}

#[test]
fn sam_sqs_event_source_filters() {
    let mut boxes = vec!["EmsSqsFilterSnsTopic:sns".to_owned()];
    let mut edges = Vec::new();
    for k in ["NoFilter", "Prefix", "AnythingBut", "IP", "And", "Or"] {
        boxes.push(format!("EsmSqsFilterQueue{k}:sqs"));
        boxes.push(format!("EsmSqsFilterFunction{k}:lambda"));
        edges.push(format!("EsmSqsFilterQueue{k} -> EsmSqsFilterFunction{k}"));
        edges.push(format!("EmsSqsFilterSnsTopic -> EsmSqsFilterQueue{k}"));
    }
    let boxes: Vec<&str> = boxes.iter().map(String::as_str).collect();
    let edges: Vec<&str> = edges.iter().map(String::as_str).collect();
    check(
        "sam-lambda-esm-sqs-filters.yaml",
        &Expected {
            boxes: &boxes,
            edges: &edges,
            groups: &[],
        },
    );
}

#[test]
fn cdk_output_event_source_mapping() {
    check(
        "cdk-lambda-event-source-sqs.template.json",
        &Expected {
            boxes: &["FC4345940:lambda", "Q63C6E3AB:sqs"],
            edges: &["Q63C6E3AB -> FC4345940"],
            groups: &[],
        },
    );
}

#[test]
fn cloudformation_api_gateway_lambda_integration() {
    check(
        "cfn-apigateway-lambda-integration.yaml",
        &Expected {
            boxes: &["RestApi:api_gateway", "LambdaFunction:lambda"],
            edges: &["RestApi -> LambdaFunction"],
            groups: &[],
        },
    );
}

#[test]
fn cloudformation_s3_notification_triggers_lambda() {
    check(
        "cfn-s3-lambda-trigger.yaml",
        &Expected {
            boxes: &["S3TriggerLambdaFunction:lambda", "S3BucketNotification:s3"],
            edges: &["S3BucketNotification -> S3TriggerLambdaFunction"],
            groups: &[],
        },
    );
}

#[test]
fn cloudformation_redis_in_public_subnets_of_a_vpc() {
    let b = check(
        "cfn-elasticache-snapshot.yaml",
        &Expected {
            boxes: &[
                "InternetGateway:internet_gateway",
                "RedisReplicationGroup:elasticache",
                "EnableShapshot:lambda",
            ],
            edges: &["EnableShapshot -> RedisReplicationGroup"],
            groups: &[GroupKind::Vpc, GroupKind::PublicSubnet],
        },
    );
    let redis = b.node("RedisReplicationGroup").and_then(|n| n.group.clone());
    assert_eq!(redis.as_deref(), Some("VPC.public_subnets"));
}

#[test]
fn cloudformation_vpc_with_nat_gateways() {
    check(
        "cfn-vpc-managed-nat-private-subnet.yaml",
        &Expected {
            boxes: &[
                "InternetGateway:internet_gateway",
                "NATGateway0:nat_gateway",
                "NATGateway1:nat_gateway",
            ],
            edges: &[],
            groups: &[GroupKind::Vpc, GroupKind::PublicSubnet],
        },
    );
}

#[test]
fn terraform_http_api_lambda_dynamodb() {
    check(
        "tf-apigw-lambda-dynamodb-terraform",
        &Expected {
            boxes: &[
                "aws_dynamodb_table.movie_table:dynamodb",
                "aws_s3_bucket.lambda_bucket:s3",
                "aws_lambda_function.apigw_lambda_ddb:lambda",
                "aws_apigatewayv2_api.http_lambda:api_gateway",
            ],
            edges: &[
                "aws_apigatewayv2_api.http_lambda -> aws_lambda_function.apigw_lambda_ddb",
                "aws_lambda_function.apigw_lambda_ddb -> aws_dynamodb_table.movie_table",
            ],
            groups: &[],
        },
    );
}

#[test]
fn terraform_local_modules_are_groups() {
    let m = |s: &str, r: &str| format!("module.{s}.{r}");
    let lambda = m("aws_lambda", "aws_lambda_function.lambda");
    let firehose = m(
        "aws_firehose_delivery_stream",
        "aws_kinesis_firehose_delivery_stream.stream",
    );
    let topic = m("aws_sns_topic", "aws_sns_topic.topic");
    let queue = m("aws_sqs_queue", "aws_sqs_queue.queue");
    let bucket = m("aws_s3_bucket", "aws_s3_bucket.bucket");
    let boxes = [
        format!("{lambda}:lambda"),
        format!("{firehose}:kinesis_firehose"),
        format!("{topic}:sns"),
        format!("{queue}:sqs"),
        format!("{bucket}:s3"),
    ];
    let edges = [
        format!("{topic} -> {queue}"),
        format!("{queue} -> {lambda}"),
        format!("{lambda} -> {firehose}"),
        format!("{firehose} -> {bucket}"),
    ];
    let boxes: Vec<&str> = boxes.iter().map(String::as_str).collect();
    let edges: Vec<&str> = edges.iter().map(String::as_str).collect();
    let b = check(
        "tf-fifo-sns-sqs-lambda-firehose-s3",
        &Expected {
            boxes: &boxes,
            edges: &edges,
            groups: &[GroupKind::Generic; 5],
        },
    );
    assert_eq!(
        b.node(&lambda).and_then(|n| n.group.clone()).as_deref(),
        Some("module.aws_lambda")
    );
}

#[test]
fn terraform_public_alb_to_a_private_api_through_a_vpc_endpoint() {
    check(
        "tf-public-alb-private-api-terraform",
        &Expected {
            boxes: &[
                "aws_lb.public_alb:alb",
                "aws_route53_record.cert_record:route53",
                "aws_route53_record.record:route53",
                "aws_lambda_function.lambda:lambda",
                "aws_internet_gateway.igw:internet_gateway",
                "aws_vpc_endpoint.execute_api:vpc_endpoint",
                "aws_api_gateway_rest_api.private_api:api_gateway",
            ],
            edges: &[
                "aws_route53_record.record -> aws_lb.public_alb",
                "aws_lb.public_alb -> aws_vpc_endpoint.execute_api",
                "aws_vpc_endpoint.execute_api -> aws_api_gateway_rest_api.private_api",
                "aws_api_gateway_rest_api.private_api -> aws_lambda_function.lambda",
            ],
            groups: &[GroupKind::Vpc, GroupKind::PublicSubnet, GroupKind::PrivateSubnet],
        },
    );
}

#[test]
fn a_well_configured_template_gets_no_warnings() {
    let b = read("own/well-configured.yaml").board;
    let review = archboard::critique::review(&b, archboard::catalog::Catalog::builtin());
    let loud: Vec<&str> = review
        .findings
        .iter()
        .filter(|f| f.severity >= archboard::critique::Severity::Warning)
        .map(|f| f.rule)
        .collect();
    assert!(loud.is_empty(), "{loud:?}");
}

/// A template, as text, read as if from a file of this name.
fn read_text(text: &str, name: &str) -> Result<Imported, String> {
    interop::read_text(text, Path::new(name)).map_err(|e| e.to_string())
}

#[test]
fn hostile_templates_are_refused_cleanly() {
    // A billion-laughs alias bomb: ten levels of ten aliases each.
    let mut bomb = String::from("a: &a [lol, lol, lol, lol, lol, lol, lol, lol, lol, lol]\n");
    for (prev, n) in ["a", "b", "c", "d", "e", "f", "g", "h", "i"]
        .iter()
        .zip(["b", "c", "d", "e", "f", "g", "h", "i", "j"])
    {
        bomb.push_str(&format!("{n}: &{n} [{}]\n", vec![format!("*{prev}"); 10].join(", ")));
    }
    bomb.push_str("Resources:\n  Q:\n    Type: AWS::SQS::Queue\n");
    let e = read_text(&bomb, "bomb.yaml").err().unwrap_or_default();
    assert!(e.starts_with("bomb.yaml:") && e.contains("aliases"), "{e}");
    // Deep nesting, YAML flow and block, JSON and HCL.
    for (name, text) in [
        (
            "deep.yaml",
            format!(
                "AWSTemplateFormatVersion: x\nResources: {}{}",
                "[".repeat(100_000),
                "]".repeat(100_000)
            ),
        ),
        (
            "deep.json",
            format!("{{\"Resources\": {}{}}}", "[".repeat(100_000), "]".repeat(100_000)),
        ),
        (
            "deep.tf",
            format!(
                "resource \"aws_sqs_queue\" \"q\" {{\n  a = {}1{}\n}}\n",
                "[".repeat(100_000),
                "]".repeat(100_000)
            ),
        ),
    ] {
        let e = read_text(&text, name).err().unwrap_or_default();
        assert!(e.starts_with(&format!("{name}:")), "{name}: {e}");
    }
    let mut block = String::from("Resources:\n");
    for depth in 0..2_000 {
        block.push_str(&" ".repeat(depth + 2));
        block.push_str("k:\n");
    }
    assert!(read_text(&block, "block.yaml").is_err());
}

#[test]
fn cycles_and_unknown_functions_are_read_not_feared() {
    let t = "AWSTemplateFormatVersion: '2010-09-09'\nResources:\n  A:\n    Type: AWS::SQS::Queue\n    DependsOn: B\n    Properties:\n      QueueName: !Rain::Embed name.txt\n      Tags: [{Key: k, Value: !Fn::Unknown [1, 2]}]\n  B:\n    Type: AWS::SQS::Queue\n    DependsOn: A\n    Properties:\n      RedrivePolicy: {deadLetterTargetArn: !GetAtt A.Arn}\n";
    let i = read_text(t, "cycle.yaml").unwrap_or_else(|e| panic!("{e}"));
    assert_eq!(i.board.nodes.len(), 2);
    assert_eq!(i.board.edges.len(), 1);
}

#[test]
fn a_64_mib_template_is_refused_before_reading() {
    let dir = tempfile::tempdir().unwrap_or_else(|e| panic!("{e}"));
    let path = dir.path().join("huge.yaml");
    let f = std::fs::File::create(&path).unwrap_or_else(|e| panic!("{e}"));
    f.set_len(io::MAX_FILE_BYTES + 1).unwrap_or_else(|e| panic!("{e}"));
    let e = interop::read(&path).err().map(|e| e.to_string()).unwrap_or_default();
    assert!(e.contains("archboard reads files up to"), "{e}");
}

mod mutated {
    use proptest::prelude::*;

    use super::*;

    fn seeds() -> Vec<(&'static str, String)> {
        [
            "sam-sns-sqs-fanout.yaml",
            "sam-apigw-eventbridge-sqs.yaml",
            "cfn-elasticache-snapshot.yaml",
            "cdk-lambda-event-source-sqs.template.json",
            "tf-apigw-lambda-dynamodb-terraform/main.tf",
            "tf-public-alb-private-api-terraform/network.tf",
        ]
        .into_iter()
        .map(|n| {
            let path = format!("{}/tests/fixtures/iac/{n}", env!("CARGO_MANIFEST_DIR"));
            (
                n,
                std::fs::read_to_string(&path).unwrap_or_else(|e| panic!("{path}: {e}")),
            )
        })
        .collect()
    }

    proptest! {
        #![proptest_config(ProptestConfig { cases: 96, ..ProptestConfig::default() })]

        /// A real template with bytes flipped, dropped or copied about never panics a reader:
        /// it reads as a board that opens again cleanly, or is refused naming the file.
        #[test]
        fn mutated_templates_never_panic_a_reader(
            which in any::<prop::sample::Index>(),
            edits in proptest::collection::vec((any::<prop::sample::Index>(), 0usize..3, proptest::collection::vec(prop::sample::select(b"{}[]:,-!&*|>'\"\n #$.Ref".to_vec()), 1..4)), 1..6),
        ) {
            let seeds = seeds();
            let (name, text) = &seeds[which.index(seeds.len())];
            let mut bytes = text.clone().into_bytes();
            for (at, kind, piece) in &edits {
                let len = bytes.len();
                let i = at.index(len + 1);
                match kind {
                    0 => { bytes.splice(i..i, piece.iter().copied()); }
                    1 => { bytes.drain(i.min(len)..(i + piece.len() * 8).min(len)); }
                    _ => {
                        let piece = bytes[i.min(len)..(i + 64).min(len)].to_vec();
                        bytes.splice(i..i, piece);
                    }
                }
            }
            let text = String::from_utf8_lossy(&bytes);
            let file = name.rsplit('/').next().unwrap_or(name);
            match interop::read_text(&text, Path::new(file)) {
                Ok(i) => opens_again_without_a_warning(file, &i.board),
                Err(e) => prop_assert!(e.to_string().starts_with(file), "{e}"),
            }
        }
    }
}
