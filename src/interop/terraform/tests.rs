//! The Terraform reader on small configurations written for one behaviour each.

use super::*;
use crate::model::draw::{edge_pairs, pair};

fn board(text: &str) -> Imported {
    match import(&[("main.tf".to_owned(), text.to_owned())]) {
        Ok(i) => i,
        Err(e) => panic!("refused: {e}"),
    }
}

const ORDERS: &str = r#"
provider "aws" {
  region = "us-east-1"
}

locals {
  table = aws_dynamodb_table.orders.name
}

resource "aws_dynamodb_table" "orders" {
  name         = "orders"
  billing_mode = "PAY_PER_REQUEST"
  hash_key     = "id"
  point_in_time_recovery {
    enabled = true
  }
}

resource "aws_sqs_queue" "dlq" {
  name = "jobs-dlq"
}

resource "aws_sqs_queue" "jobs" {
  name           = "jobs"
  redrive_policy = jsonencode({ deadLetterTargetArn = aws_sqs_queue.dlq.arn, maxReceiveCount = 4 })
}

resource "aws_lambda_function" "processor" {
  function_name = "processor"
  role          = aws_iam_role.processor.arn
  count         = 1
  environment {
    variables = {
      TABLE = local.table
      TOPIC = var.topic_arn
    }
  }
}

resource "aws_iam_role" "processor" {
  name = "processor"
}

resource "aws_iam_role_policy" "processor" {
  role   = aws_iam_role.processor.id
  policy = <<EOT
{"Statement": [{"Effect": "Allow", "Action": "sqs:*", "Resource": "${aws_sqs_queue.jobs.arn}"}]}
EOT
}

resource "aws_lambda_event_source_mapping" "jobs" {
  event_source_arn = aws_sqs_queue.jobs.arn
  function_name    = aws_lambda_function.processor[0].arn
}
"#;

#[test]
fn references_become_data_flow() {
    let i = board(ORDERS);
    let e = edge_pairs(&i.board);
    assert_eq!(
        e,
        [
            pair("aws_lambda_function.processor", "aws_dynamodb_table.orders"),
            pair("aws_sqs_queue.jobs", "aws_lambda_function.processor"),
            pair("aws_sqs_queue.jobs", "aws_sqs_queue.dlq"),
        ]
    );
    let node = |id: &str| i.board.node(id).cloned().unwrap_or_default();
    assert_eq!(node("aws_sqs_queue.jobs").prop("dlq"), Some("true"));
    assert_eq!(node("aws_dynamodb_table.orders").prop("backup"), Some("true"));
    assert_eq!(
        node("aws_dynamodb_table.orders").prop("capacity_mode"),
        Some("on_demand")
    );
    assert_eq!(node("aws_lambda_function.processor").label, "processor");
    assert_eq!(i.origins.get("aws_dynamodb_table.orders").map(|o| o.line), Some(10));
    assert!(
        i.warnings.iter().any(|w| w.message.contains("var.topic_arn")),
        "{:?}",
        i.warnings
    );
}

#[test]
fn broken_hcl_names_line_and_column() {
    let e = import(&[(
        "main.tf".to_owned(),
        "resource \"aws_sqs_queue\" \"q\" {\n  name = \n".to_owned(),
    )])
    .err();
    assert!(e.as_ref().is_some_and(|e| e.line >= 2), "{e:?}");
}

#[test]
fn the_table_parses_and_names_catalog_services() {
    let catalog = crate::catalog::Catalog::builtin();
    for (ty, service) in &table().boxes {
        assert!(catalog.get(service).is_some(), "{ty} -> {service}");
        assert!(!table().parts.contains(ty), "{ty} is both a box and a part");
    }
}

#[test]
fn deep_nesting_is_refused_not_a_crash() {
    let deep = format!(
        "resource \"aws_sqs_queue\" \"q\" {{\n  x = {}1{}\n}}\n",
        "[".repeat(100_000),
        "]".repeat(100_000)
    );
    assert!(import(&[("main.tf".to_owned(), deep)]).is_err());
}
