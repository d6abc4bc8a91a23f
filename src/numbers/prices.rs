//! The unit prices in `assets/prices.ron`, embedded in the binary like the catalog, so a new
//! price list is a data change and every figure can name where its price came from.

use std::collections::BTreeMap;
use std::sync::OnceLock;

use serde::Deserialize;

/// The price list shipped inside the binary.
const PRICES_RON: &str = include_str!("../../assets/prices.ron");

/// Every price the numbers use: usage prices by id and hourly tables by service.
#[derive(Debug, Deserialize)]
pub struct Prices {
    /// Prices per unit of use (requests, messages, GB...), each with its source.
    pub usage: Vec<UsagePrice>,
    /// Hourly prices of instance-priced services, one table per service.
    pub hourly: Vec<HourlyTable>,
    /// The usage prices in [`Usage`] order, resolved once so pricing a node looks nothing up.
    #[serde(skip)]
    resolved: Vec<f64>,
}

/// The usage prices the code reads, in [`USAGE_IDS`] order: pricing 10,000 nodes reads an array
/// instead of comparing ids.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Usage {
    /// Lambda, per million requests.
    LambdaRequests,
    /// Lambda, per GB-second of run time.
    LambdaGbSecond,
    /// API Gateway REST APIs, per million requests.
    ApiGatewayRest,
    /// API Gateway HTTP APIs (`api_type: "http"`), per million requests.
    ApiGatewayHttp,
    /// DynamoDB on demand, per million write request units.
    DynamodbWriteUnits,
    /// DynamoDB on demand, per million read request units.
    DynamodbReadUnits,
    /// DynamoDB provisioned, per WCU-hour.
    DynamodbWcuHour,
    /// DynamoDB provisioned, per RCU-hour.
    DynamodbRcuHour,
    /// SQS, per million requests.
    SqsMessages,
    /// SNS, per million publishes.
    SnsMessages,
    /// EventBridge, per million events.
    EventbridgeEvents,
    /// Kinesis Data Streams, per shard-hour.
    KinesisShardHour,
    /// Kinesis Data Streams, per million 25 KB PUT payload units.
    KinesisPutUnits,
    /// S3, per 1,000 writes.
    S3Writes,
    /// S3, per 1,000 reads.
    S3Reads,
    /// S3 Standard, per GB-month stored.
    S3GbMonth,
    /// CloudFront, per 10,000 requests.
    CloudfrontRequests,
    /// CloudFront, per GB sent.
    CloudfrontGbOut,
    /// Step Functions, per 1,000 state transitions.
    StepFunctionsTransitions,
    /// NAT gateway, per hour.
    NatGatewayHour,
    /// Application Load Balancer, per hour.
    AlbHour,
    /// Network Load Balancer, per hour.
    NlbHour,
}

/// One usage price, e.g. `lambda.requests`: $0.20 per million requests.
#[derive(Debug, Deserialize)]
pub struct UsagePrice {
    /// `service.what`, the key the code looks up.
    pub id: String,
    /// USD for one `per`.
    pub usd: f64,
    /// The unit the price is for, in words ("million requests").
    pub per: String,
    /// The AWS pricing page the price comes from.
    pub source: String,
    /// The date the price was read, `YYYY-MM-DD`.
    pub read: String,
}

/// The hourly prices of one service's instance types.
#[derive(Debug, Deserialize)]
pub struct HourlyTable {
    /// The catalog id (`ec2`, `rds`, ...).
    pub service: String,
    /// The AWS pricing page the table comes from.
    pub source: String,
    /// The date the table was read, `YYYY-MM-DD`.
    pub read: String,
    /// Instance type as AWS writes it (`m5.large`, `db.r6g.large`) -> USD per hour.
    pub prices: BTreeMap<String, f64>,
}

/// The usage price ids the code reads; the test suite checks that the list has each one.
pub const USAGE_IDS: &[&str] = &[
    "lambda.requests",
    "lambda.gb_second",
    "api_gateway.rest",
    "api_gateway.http",
    "dynamodb.write_units",
    "dynamodb.read_units",
    "dynamodb.wcu_hour",
    "dynamodb.rcu_hour",
    "sqs.messages",
    "sns.messages",
    "eventbridge.events",
    "kinesis_data_streams.shard_hour",
    "kinesis_data_streams.put_units",
    "s3.writes",
    "s3.reads",
    "s3.gb_month",
    "cloudfront.requests",
    "cloudfront.gb_out",
    "step_functions.transitions",
    "nat_gateway.hour",
    "alb.hour",
    "nlb.hour",
];

impl Prices {
    /// The price list built into the program. Panics only if the shipped file is broken, which
    /// the test suite rules out.
    pub fn builtin() -> &'static Prices {
        static PRICES: OnceLock<Prices> = OnceLock::new();
        PRICES.get_or_init(|| match ron::from_str::<Prices>(PRICES_RON) {
            Ok(mut p) => {
                p.resolved = USAGE_IDS.iter().map(|id| p.usd(id)).collect();
                p
            }
            Err(e) => panic!("the built-in price list is broken: {e}"),
        })
    }

    /// The usage price `u` in USD.
    pub fn rate(&self, u: Usage) -> f64 {
        self.resolved.get(u as usize).copied().unwrap_or(0.0)
    }

    /// The usage price `id` in USD; a missing id is a broken price file (the tests check every
    /// id in [`USAGE_IDS`]), read as free rather than crashing the app.
    pub fn usd(&self, id: &str) -> f64 {
        self.usage.iter().find(|p| p.id == id).map_or(0.0, |p| p.usd)
    }

    /// The hourly price of `instance_type` on `service`, if the list has it. Accepts the type
    /// with or without the service's prefix or suffix (`r6g.large` finds `db.r6g.large` on RDS),
    /// in any case.
    pub fn hourly(&self, service: &str, instance_type: &str) -> Option<f64> {
        let table = self.hourly.iter().find(|t| t.service == service)?;
        let wanted = instance_type.trim().to_ascii_lowercase();
        let candidates = [
            wanted.clone(),
            format!("db.{wanted}"),
            format!("cache.{wanted}"),
            format!("{wanted}.search"),
        ];
        candidates.iter().find_map(|c| table.prices.get(c).copied())
    }
}
