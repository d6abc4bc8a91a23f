//! The numbers against figures computed by hand from DESIGN.md's formulas: the flow, the
//! capacity figures, and one test per price.

use super::*;
use crate::model::EdgeMode;
use crate::model::draw::{Draw, draw};

impl Draw {
    fn at(&self, factor: f64) -> Numbers {
        compute(&self.0, Catalog::builtin(), factor)
    }
    fn numbers(&self) -> Numbers {
        self.at(1.0)
    }
    /// Node `id`'s figures.
    fn node(&self, id: &str) -> NodeNumbers {
        let i = self.0.nodes.iter().position(|n| n.id == id).expect("node exists");
        self.numbers().nodes[i].clone()
    }
    /// Node `id`'s peak load.
    fn peak(&self, id: &str) -> Option<f64> {
        self.node(id).peak()
    }
    /// Node `id`'s monthly cost.
    fn usd(&self, id: &str) -> f64 {
        self.node(id).monthly_usd.expect("has a cost")
    }
}

fn close(a: f64, b: f64) -> bool {
    (a - b).abs() <= 1e-9 * b.abs().max(1.0)
}

macro_rules! assert_close {
    ($a:expr, $b:expr) => {{
        let (a, b): (f64, f64) = ($a, $b);
        assert!(close(a, b), "{} = {a}, expected {b}", stringify!($a));
    }};
}

const S: f64 = 730.0 * 3600.0;

// ---------------------------------------------------------------------------------------- flow

#[test]
fn load_flows_whole_along_each_edge_and_sums_at_a_node() {
    let b = draw()
        .n("users", "client")
        .p("users", "rps", "1200")
        .n("api", "api_gateway")
        .n("fn", "lambda")
        .n("q", "sqs")
        .n("topic", "sns")
        .e("users", "api")
        .e("api", "fn")
        .e("fn", "q")
        .e("api", "topic")
        .e("topic", "q");
    assert_eq!(b.peak("users"), Some(1200.0));
    assert_eq!(b.peak("api"), Some(1200.0));
    assert_eq!(b.peak("fn"), Some(1200.0), "each outgoing edge carries the whole load");
    assert_eq!(b.peak("q"), Some(2400.0), "a node sums its incoming edges");
    assert_close!(b.node("q").load.unwrap().avg, 800.0);
}

#[test]
fn splitters_and_clients_split_evenly_over_edges_that_state_nothing() {
    let b = draw()
        .n("users", "client")
        .p("users", "rps", "900")
        .n("lb", "alb")
        .n("a", "ec2")
        .n("b", "ec2")
        .n("c", "ec2")
        .n("x", "lambda")
        .n("y", "lambda")
        .e("users", "lb")
        .e("lb", "a")
        .e("lb", "b")
        .ep("lb", "c", &[("share", "0.5")])
        .e("users", "x")
        .ep("users", "y", &[("rps", "60")]);
    // The client splits its 900 over its two edges without figures: lb and x get 450 each.
    assert_eq!(b.peak("lb"), Some(450.0));
    assert_eq!(b.peak("x"), Some(450.0));
    assert_eq!(b.peak("y"), Some(60.0), "an edge's rps wins");
    assert_close!(b.node("y").load.unwrap().avg, 20.0);
    // The ALB: c takes its share of 450, a and b split 450 evenly.
    assert_eq!(b.peak("c"), Some(225.0));
    assert_eq!(b.peak("a"), Some(225.0));
    assert_eq!(b.peak("b"), Some(225.0));
}

#[test]
fn share_takes_a_fraction_behind_a_cache() {
    let b = draw()
        .n("users", "client")
        .p("users", "rps", "1000")
        .p("users", "avg_rps", "100")
        .n("svc", "ecs")
        .n("cache", "elasticache")
        .n("db", "rds")
        .e("users", "svc")
        .e("svc", "cache")
        .ep("svc", "db", &[("share", "0.1")]);
    assert_eq!(b.peak("cache"), Some(1000.0));
    assert_close!(b.peak("db").unwrap(), 100.0);
    assert_close!(b.node("db").load.unwrap().avg, 10.0);
}

#[test]
fn a_back_edge_carries_only_an_explicit_rps() {
    let b = draw()
        .n("users", "client")
        .p("users", "rps", "100")
        .n("a", "lambda")
        .n("b", "lambda")
        .e("users", "a")
        .e("a", "b")
        .e("b", "a");
    assert_eq!(b.peak("a"), Some(100.0), "the retry loop adds nothing");
    assert_eq!(b.peak("b"), Some(100.0));
    let with_rps = draw()
        .n("users", "client")
        .p("users", "rps", "100")
        .n("a", "lambda")
        .n("b", "lambda")
        .e("users", "a")
        .e("a", "b")
        .ep("b", "a", &[("rps", "30")]);
    assert_eq!(with_rps.peak("a"), Some(130.0));
    let numbers = with_rps.numbers();
    assert_eq!(numbers.edges[2].map(|l| l.peak), Some(30.0));
}

#[test]
fn the_walk_starts_from_the_sources_so_the_cycle_breaks_where_load_returns() {
    // The worker is first in board order; walking from it first would make q -> worker the
    // forward edge and worker -> q the back edge. Walking from the client first does the opposite.
    let b = draw()
        .n("worker", "lambda")
        .n("q", "sqs")
        .n("users", "client")
        .p("users", "rps", "50")
        .e("worker", "q")
        .e("q", "worker")
        .e("users", "q");
    assert_eq!(b.peak("q"), Some(50.0));
    assert_eq!(b.peak("worker"), Some(50.0));
    let n = b.numbers();
    assert_eq!(n.edges[0], None, "worker -> q closes the cycle");
}

#[test]
fn the_load_factor_multiplies_every_stated_load() {
    let b = draw()
        .n("users", "client")
        .p("users", "rps", "100")
        .p("users", "avg_rps", "40")
        .n("fn", "lambda")
        .n("t", "dynamodb")
        .e("users", "fn")
        .ep("fn", "t", &[("rps", "7"), ("share", "0.5")]);
    let ten = b.at(10.0);
    assert_eq!(ten.load_factor, 10.0);
    assert_eq!(
        ten.nodes[1].load,
        Some(Load {
            peak: 1000.0,
            avg: 400.0
        })
    );
    assert_close!(ten.nodes[2].peak().unwrap(), 70.0);
    assert_close!(ten.requests_per_month, 400.0 * S);
}

#[test]
fn no_stated_load_means_no_figures() {
    let b = draw().n("users", "client").n("fn", "lambda").e("users", "fn");
    let n = b.numbers();
    assert!(!n.states_load);
    assert!(n.nodes.iter().all(|f| !f.has_figures()));
    assert!(n.edges.iter().all(Option::is_none));
    assert_eq!(n.usd_per_million_requests, None);
    assert_eq!(n.monthly_usd, 0.0);
}

#[test]
fn bad_figures_are_reported_and_add_nothing() {
    let b = draw()
        .n("users", "client")
        .p("users", "rps", "lots")
        .n("other", "mobile_client")
        .p("other", "rps", "-5")
        .n("fn", "lambda")
        .p("fn", "duration_ms", "slow")
        .e("users", "fn")
        .ep("other", "fn", &[("share", "1.5")]);
    let n = b.numbers();
    let bad: Vec<(Place, &str)> = n.bad_figures.iter().map(|f| (f.at, f.key)).collect();
    assert_eq!(
        bad,
        vec![
            (Place::Node(0), "rps"),
            (Place::Node(1), "rps"),
            (Place::Node(2), "duration_ms"),
            (Place::Edge(1), "share")
        ]
    );
    assert!(!n.states_load);
    assert_eq!(n.nodes[2].load, None);
    // The bad duration is read as the default: 300/s x 100 ms = 30.
    let fixed = b.clone().p("users", "rps", "300");
    assert_eq!(fixed.node("fn").concurrency, Some(30));
}

#[test]
fn numbers_parse_as_people_type_them() {
    assert_eq!(parse_number("10,000"), Some(10_000.0));
    assert_eq!(parse_number(" 1_500.5 "), Some(1500.5));
    assert_eq!(parse_number("1e3"), Some(1000.0));
    assert_eq!(parse_number("0,5"), None);
    assert_eq!(parse_number("1,00"), None);
    assert_eq!(parse_number("inf"), None);
    assert_eq!(parse_number("NaN"), None);
    assert_eq!(parse_number("lots"), None);
    assert_eq!(units(120.000_000_000_01), 120);
    assert_eq!(units(120.1), 121);
    assert_eq!(units(0.0), 0);
    assert_eq!(readable(25_000.0), "25,000");
    assert_eq!(readable(1_234_567.4), "1,234,567");
    assert_eq!(readable(11_574.074), "11,574");
    assert_eq!(readable(0.5), "0.5");
    assert_eq!(readable(0.023_32), "0.0233");
    assert_eq!(readable(0.000_012_5), "0.0000125");
    assert_eq!(readable(12.346), "12.35");
    assert_eq!(readable(100.0), "100");
    assert_eq!(readable(0.0), "0");
}

#[test]
fn compact_figures_fit_under_a_card() {
    for (x, text) in [
        (25_000.0, "25k"),
        (1_234.0, "1.2k"),
        (1_000.0, "1k"),
        (999.0, "999"),
        (999.7, "1k"),
        (9_960.0, "10k"),
        (120_400.0, "120k"),
        (999_600.0, "1M"),
        (3_400_000.0, "3.4M"),
        (11_574.074, "12k"),
        (2.5e9, "2.5B"),
        (7.26, "7.3"),
        (12.6, "13"),
        (0.05, "0.05"),
        (0.001, "0"),
        (0.0, "0"),
        (-1_500.0, "-1.5k"),
    ] {
        assert_eq!(compact(x), text, "{x}");
    }
}

// ----------------------------------------------------------------------------- capacity figures

#[test]
fn lambda_concurrency_is_load_times_duration() {
    let b = draw()
        .n("users", "client")
        .p("users", "rps", "2000")
        .n("fn", "lambda")
        .p("fn", "duration_ms", "600")
        .e("users", "fn");
    assert_eq!(b.node("fn").concurrency, Some(1200)); // 2000 x 600 / 1000
    let default = draw()
        .n("users", "client")
        .p("users", "rps", "1234")
        .n("fn", "lambda")
        .e("users", "fn");
    assert_eq!(default.node("fn").concurrency, Some(124)); // ceil(123.4)
}

#[test]
fn kinesis_shards_follow_the_seed_formula() {
    // 11,574 events/s of 1 KB with 3 readers: max(11.574, 11.574, 11.574 x 3 / 2 = 17.361) -> 18.
    let b = draw()
        .n("src", "external_service")
        .p("src", "rps", "11574")
        .n("ks", "kinesis_data_streams")
        .n("r1", "lambda")
        .n("r2", "kinesis_firehose")
        .n("r3", "kinesis_data_analytics")
        .e("src", "ks")
        .e("ks", "r1")
        .e("ks", "r2")
        .e("ks", "r3");
    assert_eq!(b.node("ks").shards, Some(18));
    // Bigger records: 2,000 records/s of 5 KB, one reader: max(2, 10, 5) = 10.
    let big = draw()
        .n("src", "client")
        .p("src", "rps", "2000")
        .n("ks", "kinesis_data_streams")
        .p("ks", "payload_kb", "5")
        .n("r", "lambda")
        .e("src", "ks")
        .e("ks", "r");
    assert_eq!(big.node("ks").shards, Some(10));
}

#[test]
fn dynamodb_capacity_units_and_partitions() {
    // 1,500 writes/s of 3 KB: WCU = 1500 x 3 = 4500; 6,000 reads/s: RCU = 6000 x ceil(3/4) = 6000;
    // partitions = ceil(max(4.5, 2)) = 5.
    let b = draw()
        .n("users", "client")
        .p("users", "rps", "1500")
        .n("fn", "lambda")
        .n("t", "dynamodb")
        .p("t", "item_kb", "3")
        .e("users", "fn")
        .e("fn", "t")
        .ep("fn", "t", &[("op", "read"), ("rps", "6000")]);
    let t = b.node("t");
    assert_eq!((t.wcu, t.rcu, t.partitions), (Some(4500), Some(6000), Some(5)));
    assert_eq!(t.writes.map(|l| l.peak), Some(1500.0));
    assert_eq!(t.reads.map(|l| l.peak), Some(6000.0));
}

// --------------------------------------------------------------------------- prices, one a test

#[test]
fn the_price_list_has_every_price_with_a_source_and_a_date() {
    let prices = Prices::builtin();
    for id in USAGE_IDS {
        let p = prices
            .usage
            .iter()
            .find(|p| p.id == *id)
            .unwrap_or_else(|| panic!("{id} missing"));
        assert!(p.usd > 0.0, "{id}");
        assert!(p.source.starts_with("https://aws.amazon.com/"), "{id}: {}", p.source);
        assert_eq!(p.read.len(), 10, "{id}: {}", p.read);
    }
    for service in ["ec2", "rds", "aurora", "elasticache", "redshift", "opensearch"] {
        let t = prices.hourly.iter().find(|t| t.service == service).expect(service);
        assert!(t.source.starts_with("https://aws.amazon.com/"), "{service}");
        assert!(!t.prices.is_empty() && t.prices.values().all(|v| *v > 0.0), "{service}");
    }
    for family in ["t3", "t4g", "m5", "m6g", "m7g", "c5", "c6g", "r5", "r6g"] {
        assert!(prices.hourly("ec2", &format!("{family}.large")).is_some(), "{family}");
    }
    assert_eq!(prices.hourly("rds", "r6g.large"), Some(0.225), "with or without db.");
    assert_eq!(prices.hourly("rds", "DB.R6G.LARGE"), Some(0.225));
    assert_eq!(prices.hourly("ec2", "x9.huge"), None);
}

/// A client sending `peak` (average a third) straight into one node of `service`.
fn fed(service: &str, peak: &str) -> Draw {
    draw()
        .n("users", "client")
        .p("users", "rps", peak)
        .n("x", service)
        .e("users", "x")
}

#[test]
fn lambda_price() {
    // 300/s peak -> 100/s average; 512 MB for 200 ms.
    let b = fed("lambda", "300")
        .p("x", "memory_mb", "512")
        .p("x", "duration_ms", "200");
    let requests = 100.0 * S;
    assert_close!(b.usd("x"), requests / 1e6 * 0.20 + requests * 0.5 * 0.2 * 0.0000166667);
    // defaults: 128 MB, 100 ms
    let d = fed("lambda", "300");
    assert_close!(
        d.usd("x"),
        requests / 1e6 * 0.20 + requests * 0.125 * 0.1 * 0.0000166667
    );
}

#[test]
fn api_gateway_price() {
    let b = fed("api_gateway", "3000");
    assert_close!(b.usd("x"), 1000.0 * S / 1e6 * 3.50);
    let http = b.p("x", "api_type", "http");
    assert_close!(http.usd("x"), 1000.0 * S / 1e6 * 1.00);
}

#[test]
fn dynamodb_on_demand_price() {
    // 600/s peak writes (200 average) of 2 KB; 30 reads/s explicit (10 average) of 2 KB.
    let b = draw()
        .n("users", "client")
        .p("users", "rps", "600")
        .n("t", "dynamodb")
        .p("t", "item_kb", "2")
        .p("t", "capacity_mode", "on_demand")
        .e("users", "t")
        .ep("users", "t", &[("op", "read"), ("rps", "30")]);
    let expected = 200.0 * S * 2.0 / 1e6 * 0.625 + 10.0 * S * 1.0 / 1e6 * 0.125;
    assert_close!(b.usd("t"), expected);
}

#[test]
fn dynamodb_provisioned_price() {
    // Needs 600 WCU and 0 RCU; stated rcu 100 is priced as stated.
    let b = fed("dynamodb", "600")
        .p("x", "capacity_mode", "provisioned")
        .p("x", "rcu", "100");
    assert_close!(b.usd("x"), (600.0 * 0.00065 + 100.0 * 0.00013) * 730.0);
    // The seed's million writes a second: 1,000,000 WCU -> about $475K a month.
    let seed = fed("dynamodb", "1000000").p("x", "capacity_mode", "provisioned");
    assert_close!(seed.usd("x"), 1_000_000.0 * 0.00065 * 730.0);
}

#[test]
fn queue_topic_and_bus_prices() {
    for (service, price) in [("sqs", 0.40), ("sns", 0.50), ("eventbridge", 1.00)] {
        assert_close!(fed(service, "30").usd("x"), 10.0 * S / 1e6 * price);
    }
}

#[test]
fn kinesis_price() {
    // 1,500/s peak of 30 KB, no reader: shards = max(1.5, 45) -> 45; average 500/s x 2 units.
    let b = fed("kinesis_data_streams", "1500").p("x", "payload_kb", "30");
    assert_eq!(b.node("x").shards, Some(45));
    assert_close!(b.usd("x"), 45.0 * 0.015 * 730.0 + 500.0 * S * 2.0 / 1e6 * 0.014);
    // Stated shards are what is paid for; the seed's 12 shards cost about $130 a month.
    let seed = priced().n("ks", "kinesis_data_streams").p("ks", "shards", "12");
    assert_close!(seed.usd("ks"), 12.0 * 0.015 * 730.0);
}

#[test]
fn s3_price() {
    let b = draw()
        .n("users", "client")
        .p("users", "rps", "60")
        .n("b", "s3")
        .p("b", "storage_gb", "1000")
        .e("users", "b")
        .ep("users", "b", &[("op", "read"), ("rps", "300")]);
    // writes: the client's 60 split over one edge without figures -> 60 peak, 20 average;
    // reads: 300 explicit -> 100 average.
    let expected = 20.0 * S / 1000.0 * 0.005 + 100.0 * S / 1000.0 * 0.0004 + 1000.0 * 0.023;
    assert_close!(b.usd("b"), expected);
}

#[test]
fn cloudfront_price() {
    let b = fed("cloudfront", "900").p("x", "payload_kb", "50");
    assert_close!(b.usd("x"), 300.0 * S / 10_000.0 * 0.01 + 300.0 * S * 50.0 / 1e6 * 0.085);
}

#[test]
fn step_functions_price() {
    assert_close!(fed("step_functions", "3").usd("x"), 1.0 * S * 5.0 / 1000.0 * 0.025);
    let b = fed("step_functions", "3").p("x", "transitions", "12");
    assert_close!(b.usd("x"), 1.0 * S * 12.0 / 1000.0 * 0.025);
}

/// A board that states a load (a client sending 1 request/s to nothing), so costs are computed.
fn priced() -> Draw {
    draw().n("users", "client").p("users", "rps", "1")
}

#[test]
fn instance_prices() {
    let one = |service: &str, t: &str| priced().n("x", service).p("x", "instance_type", t);
    assert_close!(
        one("ec2", "m5.large").p("x", "count", "3").usd("x"),
        0.096 * 3.0 * 730.0
    );
    assert_close!(one("rds", "db.r5.large").usd("x"), 0.25 * 730.0);
    assert_close!(
        one("rds", "db.r5.large").p("x", "multi_az", "true").usd("x"),
        0.25 * 730.0 * 2.0
    );
    assert_close!(
        one("aurora", "db.r6g.large").p("x", "multi_az", "true").usd("x"),
        0.26 * 730.0 * 2.0
    );
    assert_close!(one("elasticache", "cache.r6g.large").usd("x"), 0.206 * 730.0);
    assert_close!(
        one("opensearch", "r6g.large.search").p("x", "count", "2").usd("x"),
        0.167 * 2.0 * 730.0
    );
    assert_close!(one("redshift", "ra3.xlplus").usd("x"), 1.086 * 730.0);
    assert_close!(
        one("ec2", "m5.large").p("x", "multi_az", "true").usd("x"),
        0.096 * 730.0
    );
    assert!(
        priced().n("x", "ec2").node("x").monthly_usd.is_none(),
        "no size, no price"
    );
    assert_close!(priced().n("x", "nat_gateway").usd("x"), 0.045 * 730.0);
    assert_close!(priced().n("x", "alb").usd("x"), 0.0225 * 730.0);
    assert_close!(
        priced().n("x", "nlb").p("x", "count", "2").usd("x"),
        0.0225 * 2.0 * 730.0
    );
    assert!(
        draw().n("x", "alb").node("x").monthly_usd.is_none(),
        "a board that states no load has no computed figures"
    );
    assert_eq!(draw().n("x", "alb").p("x", "monthly_cost_usd", "20").usd("x"), 20.0);
}

#[test]
fn a_stated_monthly_cost_overrides_the_computed_one_and_totals_add_up() {
    let b = fed("api_gateway", "3000")
        .p("x", "monthly_cost_usd", "12.5")
        .n("lb", "alb")
        .n("db", "rds")
        .p("db", "instance_type", "db.t3.micro");
    let n = b.numbers();
    assert_eq!(n.nodes[1].monthly_usd, Some(12.5));
    assert!(n.nodes[1].cost_stated);
    let total = 12.5 + 0.0225 * 730.0 + 0.018 * 730.0;
    assert_close!(n.monthly_usd, total);
    assert_close!(n.usd_per_million_requests.unwrap(), total / (1000.0 * S / 1e6));
    let order: Vec<usize> = n.top_costs.iter().map(|(i, _)| *i).collect();
    assert_eq!(order, vec![2, 3, 1]);
}

#[test]
fn async_edges_carry_messages_the_same_way() {
    let mut b = draw()
        .n("users", "client")
        .p("users", "rps", "10")
        .n("q", "sqs")
        .n("w", "lambda")
        .e("users", "q")
        .e("q", "w");
    b.0.edges[1].mode = EdgeMode::Async;
    assert_eq!(b.peak("w"), Some(10.0));
}
