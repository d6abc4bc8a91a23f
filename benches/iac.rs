//! Reading templates: a 500-resource CloudFormation template (YAML and JSON) and a 500-resource
//! Terraform file must import, laid out, in well under a second (DESIGN.md, Interop).
//!
//! The synthetic application repeats a slice of a real serverless design: an API method, a
//! function with a role and a policy, a queue with its dead-letter queue feeding a worker through
//! an event source mapping, and a table the worker writes, so every reading step runs.

use std::fmt::Write;
use std::hint::black_box;
use std::path::Path;

use archboard::interop;
use criterion::{Criterion, criterion_group, criterion_main};

/// The same allocator as the app (see `src/main.rs`).
#[global_allocator]
static ALLOCATOR: mimalloc::MiMalloc = mimalloc::MiMalloc;

/// A SAM-flavoured template of about `n` resources (ten per slice).
fn yaml(n: usize) -> String {
    let mut t = String::from(
        "AWSTemplateFormatVersion: '2010-09-09'\nResources:\n  Api:\n    Type: AWS::ApiGateway::RestApi\n",
    );
    for i in 0..n / 10 {
        write!(
            t,
            "  Fn{i}:
    Type: AWS::Lambda::Function
    Properties:
      Role: !GetAtt Role{i}.Arn
      Environment: {{Variables: {{QUEUE: !Ref Q{i}}}}}
  Role{i}:
    Type: AWS::IAM::Role
  Policy{i}:
    Type: AWS::IAM::Policy
    Properties:
      Roles: [!Ref Role{i}]
      PolicyDocument: {{Statement: [{{Effect: Allow, Action: 'sqs:SendMessage', Resource: !GetAtt Q{i}.Arn}}]}}
  Method{i}:
    Type: AWS::ApiGateway::Method
    Properties:
      RestApiId: !Ref Api
      HttpMethod: POST
      AuthorizationType: AWS_IAM
      Integration: {{Uri: !Sub 'arn:aws:apigateway:${{AWS::Region}}:lambda:path/functions/${{Fn{i}.Arn}}/invocations'}}
  Q{i}:
    Type: AWS::SQS::Queue
    Properties:
      RedrivePolicy: {{deadLetterTargetArn: !GetAtt Dlq{i}.Arn, maxReceiveCount: 3}}
  Dlq{i}:
    Type: AWS::SQS::Queue
  Worker{i}:
    Type: AWS::Lambda::Function
    Properties:
      Environment: {{Variables: {{TABLE: !Ref T{i}}}}}
  Esm{i}:
    Type: AWS::Lambda::EventSourceMapping
    Properties: {{EventSourceArn: !GetAtt Q{i}.Arn, FunctionName: !Ref Worker{i}}}
  T{i}:
    Type: AWS::DynamoDB::Table
    Properties: {{BillingMode: PAY_PER_REQUEST}}
  Alarm{i}:
    Type: AWS::CloudWatch::Alarm
    Properties: {{AlarmActions: [!Ref Dlq{i}]}}
"
        )
        .ok();
    }
    t
}

/// The same application as Terraform.
fn hcl(n: usize) -> String {
    let mut t = String::from("resource \"aws_api_gateway_rest_api\" \"api\" {\n  name = \"api\"\n}\n");
    for i in 0..n / 10 {
        write!(
            t,
            r#"resource "aws_lambda_function" "fn{i}" {{
  role = aws_iam_role.r{i}.arn
  environment {{
    variables = {{ QUEUE = aws_sqs_queue.q{i}.url }}
  }}
}}
resource "aws_iam_role" "r{i}" {{
  name = "r{i}"
}}
resource "aws_iam_role_policy" "p{i}" {{
  role   = aws_iam_role.r{i}.id
  policy = jsonencode({{ Statement = [{{ Effect = "Allow", Action = "sqs:SendMessage", Resource = aws_sqs_queue.q{i}.arn }}] }})
}}
resource "aws_api_gateway_integration" "i{i}" {{
  rest_api_id = aws_api_gateway_rest_api.api.id
  uri         = aws_lambda_function.fn{i}.invoke_arn
}}
resource "aws_sqs_queue" "q{i}" {{
  redrive_policy = jsonencode({{ deadLetterTargetArn = aws_sqs_queue.dlq{i}.arn, maxReceiveCount = 3 }})
}}
resource "aws_sqs_queue" "dlq{i}" {{
  name = "dlq{i}"
}}
resource "aws_lambda_function" "worker{i}" {{
  environment {{
    variables = {{ TABLE = aws_dynamodb_table.t{i}.name }}
  }}
}}
resource "aws_lambda_event_source_mapping" "esm{i}" {{
  event_source_arn = aws_sqs_queue.q{i}.arn
  function_name    = aws_lambda_function.worker{i}.arn
}}
resource "aws_dynamodb_table" "t{i}" {{
  billing_mode = "PAY_PER_REQUEST"
}}
resource "aws_cloudwatch_metric_alarm" "a{i}" {{
  alarm_actions = [aws_sqs_queue.dlq{i}.arn]
}}
"#
        )
        .ok();
    }
    t
}

/// YAML to JSON through the reader's own tree would be circular; this writes the JSON form of
/// the same template by hand-rolled rules good enough for the synthetic text above.
fn json(n: usize) -> String {
    let mut r = Vec::new();
    r.push(r#""Api": {"Type": "AWS::ApiGateway::RestApi"}"#.to_owned());
    for i in 0..n / 10 {
        r.push(format!(r#""Fn{i}": {{"Type": "AWS::Lambda::Function", "Properties": {{"Role": {{"Fn::GetAtt": ["Role{i}", "Arn"]}}, "Environment": {{"Variables": {{"QUEUE": {{"Ref": "Q{i}"}}}}}}}}}}"#));
        r.push(format!(r#""Role{i}": {{"Type": "AWS::IAM::Role"}}"#));
        r.push(format!(r#""Policy{i}": {{"Type": "AWS::IAM::Policy", "Properties": {{"Roles": [{{"Ref": "Role{i}"}}], "PolicyDocument": {{"Statement": [{{"Effect": "Allow", "Resource": {{"Fn::GetAtt": ["Q{i}", "Arn"]}}}}]}}}}}}"#));
        r.push(format!(r#""Method{i}": {{"Type": "AWS::ApiGateway::Method", "Properties": {{"RestApiId": {{"Ref": "Api"}}, "HttpMethod": "POST", "AuthorizationType": "AWS_IAM", "Integration": {{"Uri": {{"Fn::Sub": "arn:aws:apigateway:${{AWS::Region}}:lambda:path/functions/${{Fn{i}.Arn}}/invocations"}}}}}}}}"#));
        r.push(format!(r#""Q{i}": {{"Type": "AWS::SQS::Queue", "Properties": {{"RedrivePolicy": {{"deadLetterTargetArn": {{"Fn::GetAtt": ["Dlq{i}", "Arn"]}}}}}}}}"#));
        r.push(format!(r#""Dlq{i}": {{"Type": "AWS::SQS::Queue"}}"#));
        r.push(format!(r#""Worker{i}": {{"Type": "AWS::Lambda::Function", "Properties": {{"Environment": {{"Variables": {{"TABLE": {{"Ref": "T{i}"}}}}}}}}}}"#));
        r.push(format!(r#""Esm{i}": {{"Type": "AWS::Lambda::EventSourceMapping", "Properties": {{"EventSourceArn": {{"Fn::GetAtt": ["Q{i}", "Arn"]}}, "FunctionName": {{"Ref": "Worker{i}"}}}}}}"#));
        r.push(format!(
            r#""T{i}": {{"Type": "AWS::DynamoDB::Table", "Properties": {{"BillingMode": "PAY_PER_REQUEST"}}}}"#
        ));
        r.push(format!(r#""Alarm{i}": {{"Type": "AWS::CloudWatch::Alarm", "Properties": {{"AlarmActions": [{{"Ref": "Dlq{i}"}}]}}}}"#));
    }
    format!("{{\"Resources\": {{{}}}}}", r.join(",\n"))
}

fn bench(c: &mut Criterion) {
    let (y, j, h) = (yaml(500), json(500), hcl(500));
    for (name, text, file) in [
        ("import 500-resource CloudFormation YAML", &y, "t.yaml"),
        ("import 500-resource CloudFormation JSON", &j, "t.template.json"),
        ("import 500-resource Terraform", &h, "main.tf"),
    ] {
        let once = interop::read_text(text, Path::new(file));
        assert!(
            once.as_ref().is_ok_and(|i| i.board.edges.len() >= 250),
            "{name}: {:?}",
            once.err().map(|e| e.to_string())
        );
        c.bench_function(name, |b| {
            b.iter(|| interop::read_text(black_box(text), Path::new(file)))
        });
    }
}

criterion_group!(benches, bench);
criterion_main!(benches);
