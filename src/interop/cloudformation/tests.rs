//! The CloudFormation reader on small templates written for one behaviour each.

use super::*;
use crate::model::draw::{edge_pairs, pair};

fn board(text: &str) -> Imported {
    match import(text, "t.yaml") {
        Ok(i) => i,
        Err(e) => panic!("refused: {e}"),
    }
}

const SAM: &str = r#"
AWSTemplateFormatVersion: '2010-09-09'
Transform: AWS::Serverless-2016-10-31
Description: Orders service
Globals:
  Function:
    Tracing: Active
    Environment:
      Variables:
        TABLE: !Ref Orders
Resources:
  Api:
    Type: AWS::Serverless::Api
    Properties:
      StageName: prod
      Auth:
        DefaultAuthorizer: Users
        Authorizers:
          Users:
            UserPoolArn: !GetAtt Pool.Arn
  Pool:
    Type: AWS::Cognito::UserPool
  Create:
    Type: AWS::Serverless::Function
    Properties:
      Handler: app.handler
      Policies:
        - DynamoDBCrudPolicy:
            TableName: !Ref Orders
        - SQSSendMessagePolicy:
            QueueName: !GetAtt Queue.QueueName
      Environment:
        Variables:
          QUEUE: !Ref Queue
      Events:
        Post:
          Type: Api
          Properties:
            RestApiId: !Ref Api
            Path: /orders
            Method: post
  Worker:
    Type: AWS::Serverless::Function
    Properties:
      Handler: worker.handler
      Events:
        Jobs:
          Type: SQS
          Properties:
            Queue: !GetAtt Queue.Arn
  Queue:
    Type: AWS::SQS::Queue
    Properties:
      RedrivePolicy:
        deadLetterTargetArn: !GetAtt DeadLetters.Arn
        maxReceiveCount: 5
  DeadLetters:
    Type: AWS::SQS::Queue
  Orders:
    Type: AWS::DynamoDB::Table
    Properties:
      BillingMode: PAY_PER_REQUEST
      PointInTimeRecoverySpecification:
        PointInTimeRecoveryEnabled: true
  Role:
    Type: AWS::IAM::Role
Outputs:
  Url:
    Value: !Sub "https://${Api}.execute-api.${AWS::Region}.amazonaws.com"
"#;

#[test]
fn a_sam_app_draws_its_data_flow() {
    let i = board(SAM);
    let ids: Vec<&str> = i.board.nodes.iter().map(|n| n.id.as_str()).collect();
    assert!(!ids.contains(&"Role"), "IAM is not a box: {ids:?}");
    assert!(ids.contains(&"XRay"), "{ids:?}");
    assert_eq!(i.board.title, "Orders service");
    let e = edge_pairs(&i.board);
    for want in [
        pair("Api", "Create"),
        pair("Create", "Orders"),
        pair("Create", "Queue"),
        pair("Queue", "Worker"),
        pair("Queue", "DeadLetters"),
        pair("Worker", "Orders"),
    ] {
        assert!(e.contains(&want), "{want:?} missing from {e:?}");
    }
    assert!(
        !e.contains(&pair("Worker", "Queue")),
        "the queue feeds the worker: {e:?}"
    );
    let node = |id: &str| i.board.node(id).cloned().unwrap_or_default();
    assert_eq!(node("Queue").prop("dlq"), Some("true"));
    assert_eq!(node("Orders").prop("capacity_mode"), Some("on_demand"));
    assert_eq!(node("Orders").prop("backup"), Some("true"));
    assert_eq!(node("Api").prop("auth"), Some("cognito"));
    assert_eq!(node("Api").prop("public"), Some("true"));
    assert_eq!(i.origins.get("Orders").map(|o| o.line), Some(59));
}

#[test]
fn short_tags_read_as_long_forms() {
    let v = parse::parse("a: !GetAtt T.Arn\nb: !Sub '${X}-${AWS::Region}'\nc: !If [Cond, !Ref Y, !Ref AWS::NoValue]\n");
    let v = match v {
        Ok(v) => v,
        Err(e) => panic!("{e}"),
    };
    let mut out = Vec::new();
    read::refs(&v, &mut out);
    assert_eq!(out, ["T", "X", "Y"]);
}

#[test]
fn json_templates_read_with_cdk_labels_and_lines() {
    let json = r#"{
  "Resources": {
    "Handler886CB40B": {
      "Type": "AWS::Lambda::Function",
      "Properties": {"Environment": {"Variables": {"BUCKET": {"Ref": "Uploads1E5A2F9B"}}}},
      "Metadata": {"aws:cdk:path": "Stack/Handler/Resource"}
    },
    "Uploads1E5A2F9B": {"Type": "AWS::S3::Bucket"}
  }
}"#;
    let i = board(json);
    assert_eq!(
        i.board.node("Handler886CB40B").map(|n| n.label.as_str()),
        Some("Handler")
    );
    assert_eq!(edge_pairs(&i.board), [pair("Handler886CB40B", "Uploads1E5A2F9B")]);
    assert_eq!(i.origins.get("Handler886CB40B").map(|o| o.line), Some(3));
}

#[test]
fn broken_yaml_names_line_and_column() {
    let e = import("Resources:\n  A:\n    Type: [unclosed\n", "t.yaml").err();
    assert!(e.as_ref().is_some_and(|e| e.line >= 3), "{e:?}");
    let e = import("{\"Resources\": }", "t.json").err();
    assert_eq!(e.map(|e| (e.line, e.col > 0)), Some((1, true)));
}

#[test]
fn unknown_types_are_generic_boxes_with_a_warning() {
    let i = board("Resources:\n  Thing:\n    Type: AWS::NewService::Widget\n  Custom:\n    Type: Custom::Seed\n");
    assert_eq!(i.board.nodes.len(), 1);
    assert_eq!(i.board.nodes[0].service, "service");
    assert_eq!(i.warnings.len(), 1);
    assert_eq!(i.warnings[0].line, 2);
}

#[test]
fn alias_bombs_and_deep_nesting_are_refused() {
    let mut bomb = String::from("a: &a [x, x, x, x, x, x, x, x, x, x]\n");
    let names = ["b", "c", "d", "e", "f", "g", "h", "i", "j"];
    let mut prev = "a";
    for n in names {
        bomb.push_str(&format!(
            "{n}: &{n} [*{prev}, *{prev}, *{prev}, *{prev}, *{prev}, *{prev}, *{prev}, *{prev}, *{prev}, *{prev}]\n"
        ));
        prev = n;
    }
    bomb.push_str("Resources:\n  A:\n    Type: AWS::SQS::Queue\n");
    let e = import(&bomb, "bomb.yaml").err().map(|e| e.message);
    assert!(e.as_ref().is_some_and(|m| m.contains("aliases")), "{e:?}");
    let deep = format!("Resources: {}{}", "[".repeat(10_000), "]".repeat(10_000));
    let e = import(&deep, "deep.yaml").err().map(|e| e.message);
    // saphyr-parser bounds its own recursion; our tree builder bounds what gets past it.
    assert!(
        e.as_ref()
            .is_some_and(|m| m.contains("nests deeper") || m.contains("recursion")),
        "{e:?}"
    );
    let deep = format!("{{\"Resources\": {}{}}}", "[".repeat(10_000), "]".repeat(10_000));
    assert!(import(&deep, "deep.json").is_err());
}

#[test]
fn databases_in_private_subnets_group_by_membership() {
    let t = r"
Resources:
  Vpc:
    Type: AWS::EC2::VPC
  PrivateA:
    Type: AWS::EC2::Subnet
    Properties: {VpcId: !Ref Vpc}
  PrivateB:
    Type: AWS::EC2::Subnet
    Properties: {VpcId: !Ref Vpc}
  Subnets:
    Type: AWS::RDS::DBSubnetGroup
    Properties:
      SubnetIds: [!Ref PrivateA, !Ref PrivateB]
  Db:
    Type: AWS::RDS::DBInstance
    Properties:
      DBSubnetGroupName: !Ref Subnets
      MultiAZ: true
      StorageEncrypted: true
";
    let i = board(t);
    let db = i.board.node("Db").cloned().unwrap_or_default();
    let group = db
        .group
        .as_deref()
        .and_then(|g| i.board.group(g))
        .cloned()
        .unwrap_or_default();
    assert_eq!(group.kind, crate::model::GroupKind::PrivateSubnet);
    assert_eq!(group.parent.as_deref(), Some("Vpc"));
    assert_eq!(db.prop("multi_az"), Some("true"));
    assert_eq!(db.prop("backup"), Some("true"));
}

#[test]
fn the_table_parses_and_names_catalog_services() {
    let catalog = crate::catalog::Catalog::builtin();
    for (ty, service) in &table().boxes {
        assert!(catalog.get(service).is_some(), "{ty} -> {service}");
        assert!(!table().parts.contains(ty), "{ty} is both a box and a part");
    }
}
