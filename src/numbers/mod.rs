//! Know your numbers: the load a board states, carried along its edges, the capacity figures it
//! needs (Lambda concurrency, Kinesis shards, DynamoDB WCU/RCU and partitions) and what it costs
//! per month and per million requests, following DESIGN.md's "Numbers" section to the figure.
//!
//! Pure data in, data out, no egui: the critique's limit rules, `check --format json` and the
//! app's Numbers view all read the same [`Numbers`] from [`compute`]. Linear in nodes and edges
//! (one depth-first walk, one topological pass), so it can run on every change.
//!
//! Readings where the contract is silent, chosen so a person checking by hand gets the figure:
//! - A figure that is not a number, negative, or (for `share`) outside 0 to 1 is reported in
//!   [`Numbers::bad_figures`] and read as if it were not there: an edge with `rps: "lots"` carries
//!   what it would carry without it; a client with `rps: "lots"` states no load.
//! - `rps` and `avg_rps` count only on clients (client, mobile_client, external_service, or a
//!   catalog service tagged `client`); `avg_rps` without a valid `rps` is ignored.
//! - An even split (out of a splitter or a client) gives each edge that states neither `rps` nor
//!   `share` the node's load divided by the number of such edges; back edges take no part in it.
//! - A node has a load when a stated load reaches it (it is a source, or an incoming edge carries
//!   load); nodes no load reaches have no load figures, so a board with no stated load has none.
//! - Unit counts are rounded up after forgiving float noise of one part in a billion, so
//!   1,200 requests/s x 100 ms is 120 concurrent executions, not 121.
//! - Costs are computed only on a board that states a load (a board with no stated load has no
//!   figures but the `monthly_cost_usd` it states). Then usage-priced services (Lambda, API
//!   Gateway, ...) cost something when load reaches them or a stated size prices them (`shards`,
//!   provisioned `wcu`/`rcu`, `storage_gb`); instance-priced ones (EC2, RDS, ALB, ...) cost their
//!   hourly price whatever their own load, when the price list knows their `instance_type`.

mod prices;

use std::collections::VecDeque;

use serde::Serialize;

use crate::catalog::{Catalog, Tag};
use crate::model::{Board, Edge, Node};

pub use prices::{HourlyTable, Prices, USAGE_IDS, Usage, UsagePrice};

/// Hours in the month every price is multiplied by.
pub const HOURS_PER_MONTH: f64 = 730.0;
/// Seconds in that month: requests per second times this is requests per month.
pub const SECONDS_PER_MONTH: f64 = HOURS_PER_MONTH * 3600.0;

/// Services whose `rps` states the load they send.
pub const SOURCES: &[&str] = &["client", "mobile_client", "external_service"];
/// Services that split their load evenly over their outgoing edges.
pub const SPLITTERS: &[&str] = &["alb", "nlb", "load_balancer", "router", "route53"];

/// API Gateway's default account limit, requests per second (steady).
pub const API_GATEWAY_LIMIT_RPS: f64 = 10_000.0;
/// Lambda's default account limit on concurrent executions.
pub const LAMBDA_CONCURRENCY_LIMIT: f64 = 1_000.0;
/// Lambda's duration when `duration_ms` is not stated.
pub const LAMBDA_DEFAULT_DURATION_MS: f64 = 100.0;
/// Lambda's memory when `memory_mb` is not stated.
pub const LAMBDA_DEFAULT_MEMORY_MB: f64 = 128.0;
/// S3's request rates per key prefix: writes and reads per second.
pub const S3_PREFIX_WRITES: f64 = 3_500.0;
/// See [`S3_PREFIX_WRITES`].
pub const S3_PREFIX_READS: f64 = 5_500.0;
/// Step Functions state transitions per execution when `transitions` is not stated.
pub const DEFAULT_TRANSITIONS: f64 = 5.0;

/// Numeric props a node may carry; each must be a number ≥ 0 when set.
const NODE_FIGURES: &[&str] = &[
    "payload_kb",
    "duration_ms",
    "memory_mb",
    "quota",
    "shards",
    "wcu",
    "rcu",
    "item_kb",
    "capacity_rps",
    "storage_gb",
    "transitions",
    "count",
];

/// A load in requests (or messages) per second: at the peak and on average.
#[derive(Clone, Copy, Debug, Default, PartialEq, Serialize)]
pub struct Load {
    /// At the busiest moment: what limits and capacity are judged on.
    pub peak: f64,
    /// Over the month: what the bill is computed from.
    pub avg: f64,
}

impl Load {
    fn add(self, other: Load) -> Load {
        Load {
            peak: self.peak + other.peak,
            avg: self.avg + other.avg,
        }
    }

    fn scale(self, k: f64) -> Load {
        Load {
            peak: self.peak * k,
            avg: self.avg * k,
        }
    }
}

/// The figures of one node; `None` where a figure does not apply or no load reaches it.
#[derive(Clone, Debug, Default, PartialEq, Serialize)]
pub struct NodeNumbers {
    /// The load the node takes (a source: what it sends), after the load factor.
    pub load: Option<Load>,
    /// The part of `load` arriving on edges with `op: "write"` (the default), for data stores.
    pub writes: Option<Load>,
    /// The part of `load` arriving on edges with `op: "read"`, for data stores.
    pub reads: Option<Load>,
    /// Lambda: concurrent executions at the peak.
    pub concurrency: Option<u64>,
    /// Kinesis Data Streams: shards the peak needs.
    pub shards: Option<u64>,
    /// DynamoDB: write capacity units the peak needs.
    pub wcu: Option<u64>,
    /// DynamoDB: read capacity units the peak needs.
    pub rcu: Option<u64>,
    /// DynamoDB: partitions the peak needs.
    pub partitions: Option<u64>,
    /// USD per month: the node's `monthly_cost_usd`, or the figure computed from the prices.
    pub monthly_usd: Option<f64>,
    /// Whether `monthly_usd` is the node's own `monthly_cost_usd` rather than computed.
    pub cost_stated: bool,
}

impl NodeNumbers {
    /// The peak load, if a load reaches the node.
    pub fn peak(&self) -> Option<f64> {
        self.load.map(|l| l.peak)
    }

    /// Whether the node has any figure worth listing.
    pub fn has_figures(&self) -> bool {
        self.load.is_some() || self.monthly_usd.is_some()
    }
}

/// Where a bad figure sits.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum Place {
    /// Index into `board.nodes`.
    Node(usize),
    /// Index into `board.edges`.
    Edge(usize),
}

/// A prop that must be a number and is not one the numbers can use.
#[derive(Clone, Debug, PartialEq, Serialize)]
pub struct BadFigure {
    /// The node or edge that carries the prop.
    pub at: Place,
    /// The prop's name (`rps`, `share`, ...).
    pub key: &'static str,
    /// The value as written.
    pub value: String,
    /// What it should be, for the message: "a number ≥ 0" or "a fraction from 0 to 1".
    pub expected: &'static str,
}

impl BadFigure {
    /// The bad figure `key` of the props at `at`, with the value as written.
    fn new(
        at: Place,
        props: &std::collections::BTreeMap<String, String>,
        key: &'static str,
        expected: &'static str,
    ) -> BadFigure {
        let value = props.get(key).cloned().unwrap_or_default();
        BadFigure {
            at,
            key,
            value,
            expected,
        }
    }
}

/// Everything the numbers say about a board at one load factor.
#[derive(Clone, Debug, Default, PartialEq, Serialize)]
pub struct Numbers {
    /// The factor every stated load was multiplied by (1 for the board as drawn).
    pub load_factor: f64,
    /// Per node, in board order.
    pub nodes: Vec<NodeNumbers>,
    /// Per edge, in board order: the load it carries, if any.
    pub edges: Vec<Option<Load>>,
    /// Whether the board states a load anywhere (a client's or an edge's valid `rps`).
    pub states_load: bool,
    /// Whether some node carries a valid `monthly_cost_usd`.
    pub states_cost: bool,
    /// The sources' average requests per month, after the load factor.
    pub requests_per_month: f64,
    /// Sum of every node's monthly figure, USD.
    pub monthly_usd: f64,
    /// `monthly_usd` over the sources' average requests per month in millions; `None` when the
    /// sources send nothing.
    pub usd_per_million_requests: Option<f64>,
    /// The five most expensive nodes (node index, USD/month), most expensive first, ties by id.
    pub top_costs: Vec<(usize, f64)>,
    /// Props that should be figures and are not, in board order (nodes, then edges).
    pub bad_figures: Vec<BadFigure>,
}

impl Numbers {
    /// The peak load entering the design: what every source sends, after the load factor.
    pub fn peak_in(&self, board: &Board) -> f64 {
        let sent: f64 = board
            .nodes
            .iter()
            .zip(&self.nodes)
            .filter(|(n, _)| SOURCES.contains(&n.service.as_str()))
            .filter_map(|(_, f)| f.peak())
            .sum();
        sent + 0.0
    }
}

/// A prop parsed as a figure: absent, a usable number, or bad.
enum Figure {
    Absent,
    Value(f64),
    Bad,
}

/// Parses a number as people type it: `1200`, `1.5`, `1e6`, `10,000` or `10_000`.
pub fn parse_number(text: &str) -> Option<f64> {
    let t = text.trim();
    let cleaned: String = if t.contains(',') {
        // Commas only as thousands separators: each followed by exactly three digits.
        let (int, frac) = t.split_once('.').map_or((t, None), |(a, b)| (a, Some(b)));
        let mut groups = int.split(',');
        let head = groups.next()?;
        let head_digits = head.trim_start_matches(['-', '+']);
        if head_digits.is_empty() || head_digits.len() > 3 || !head_digits.bytes().all(|b| b.is_ascii_digit()) {
            return None;
        }
        let mut s = head.to_owned();
        for g in groups {
            if g.len() != 3 || !g.bytes().all(|b| b.is_ascii_digit()) {
                return None;
            }
            s.push_str(g);
        }
        if let Some(f) = frac {
            s.push('.');
            s.push_str(f);
        }
        s
    } else {
        t.replace('_', "")
    };
    let v: f64 = cleaned.parse().ok()?;
    v.is_finite().then_some(v)
}

fn figure(props: &std::collections::BTreeMap<String, String>, key: &str, max: Option<f64>) -> Figure {
    match props.get(key).map(|v| v.trim()).filter(|v| !v.is_empty()) {
        None => Figure::Absent,
        Some(v) => match parse_number(v) {
            Some(x) if x >= 0.0 && max.is_none_or(|m| x <= m) => Figure::Value(x),
            _ => Figure::Bad,
        },
    }
}

/// A node's numeric prop `key` when it is a usable number ≥ 0.
pub fn node_figure(node: &Node, key: &str) -> Option<f64> {
    match figure(&node.props, key, None) {
        Figure::Value(v) => Some(v),
        _ => None,
    }
}

/// Whether an edge into a data store reads (`op: "read"`); anything else writes.
pub fn edge_reads(edge: &Edge) -> bool {
    edge.prop("op").is_some_and(|op| op.trim().eq_ignore_ascii_case("read"))
}

/// A figure as messages print it: whole numbers from 100 up with thousands separators
/// ("25,000"), smaller ones with up to two decimals ("12.35"), below 1 with three significant
/// digits ("0.0233").
pub fn readable(x: f64) -> String {
    if !x.is_finite() {
        return x.to_string();
    }
    if x.abs() >= 100.0 {
        let whole = x.round().abs() as u64;
        let digits = whole.to_string();
        let mut out = String::with_capacity(digits.len() + digits.len() / 3 + 1);
        if x < 0.0 {
            out.push('-');
        }
        for (i, c) in digits.chars().enumerate() {
            if i > 0 && (digits.len() - i).is_multiple_of(3) {
                out.push(',');
            }
            out.push(c);
        }
        return out;
    }
    // Three significant digits below 1 ("0.0233"), two decimals above.
    let decimals = if x != 0.0 && x.abs() < 1.0 {
        (2.0 - x.abs().log10().floor()).min(12.0) as usize
    } else {
        2
    };
    let text = format!("{x:.decimals$}");
    let text = text.trim_end_matches('0').trim_end_matches('.');
    if text == "-0" { "0".to_owned() } else { text.to_owned() }
}

/// A figure as the canvas shows it, in three or four characters: "950", "1.2k", "25k", "3.4M",
/// "0.05". The caller adds the unit ("25k/s", "$1.2k/mo"); exact figures are [`readable`]'s job.
pub fn compact(x: f64) -> String {
    if !x.is_finite() {
        return x.to_string();
    }
    let sign = if x < 0.0 { "-" } else { "" };
    let trim = |t: String| -> String {
        if t.contains('.') {
            t.trim_end_matches('0').trim_end_matches('.').to_owned()
        } else {
            t
        }
    };
    let mut v = x.abs();
    if v < 1.0 {
        let t = trim(format!("{v:.2}"));
        return if t == "0" { t } else { format!("{sign}{t}") };
    }
    const SUFFIX: [&str; 5] = ["", "k", "M", "B", "T"];
    let mut unit = 0;
    while v >= 1000.0 && unit + 1 < SUFFIX.len() {
        v /= 1000.0;
        unit += 1;
    }
    loop {
        let t = if v < 10.0 {
            trim(format!("{v:.1}"))
        } else {
            format!("{v:.0}")
        };
        // 999.7 rounds to "1000": say "1k" instead.
        if t == "1000" && unit + 1 < SUFFIX.len() {
            v /= 1000.0;
            unit += 1;
            continue;
        }
        return format!("{sign}{t}{}", SUFFIX[unit]);
    }
}

/// Rounds a count of units up, forgiving float noise of one part in a billion.
pub fn units(x: f64) -> u64 {
    if x.is_nan() || x <= 0.0 {
        return 0;
    }
    let forgiven = x - x.abs() * 1e-9;
    forgiven.ceil().max(0.0) as u64
}

/// Computes the board's numbers with every stated load multiplied by `load_factor` (a factor
/// that is not finite and above 0 is read as 1; `check` refuses it before it gets here).
pub fn compute(board: &Board, catalog: &Catalog, load_factor: f64) -> Numbers {
    let factor = if load_factor.is_finite() && load_factor > 0.0 {
        load_factor
    } else {
        1.0
    };
    let n = board.nodes.len();
    let mut bad_figures = Vec::new();

    // Stated loads on sources, and the numeric props of every node, checked once.
    let is_client: Vec<bool> = board
        .nodes
        .iter()
        .map(|node| SOURCES.contains(&node.service.as_str()) || catalog.has_tag(&node.service, Tag::Client))
        .collect();
    let mut source: Vec<Option<Load>> = vec![None; n];
    let mut states_cost = false;
    for (i, node) in board.nodes.iter().enumerate() {
        let mut bad = |key, expected| bad_figures.push(BadFigure::new(Place::Node(i), &node.props, key, expected));
        if is_client[i] {
            let rps = figure(&node.props, "rps", None);
            let avg = figure(&node.props, "avg_rps", None);
            if matches!(rps, Figure::Bad) {
                bad("rps", "a number of requests per second ≥ 0");
            }
            if matches!(avg, Figure::Bad) {
                bad("avg_rps", "a number of requests per second ≥ 0");
            }
            if let Figure::Value(peak) = rps {
                let avg = match avg {
                    Figure::Value(a) => a,
                    _ => peak / 3.0,
                };
                source[i] = Some(Load { peak, avg }.scale(factor));
            }
        }
        for name in node.props.keys() {
            if let Some(&key) = NODE_FIGURES.iter().find(|k| **k == name.as_str())
                && matches!(figure(&node.props, key, None), Figure::Bad)
            {
                bad(key, "a number ≥ 0");
            }
        }
        if let Some(v) = node.prop("monthly_cost_usd") {
            states_cost |= parse_number(v).is_some_and(|x| x >= 0.0);
        }
    }
    let mut rps: Vec<Option<f64>> = vec![None; board.edges.len()];
    let mut share: Vec<Option<f64>> = vec![None; board.edges.len()];
    for (e, edge) in board.edges.iter().enumerate() {
        if edge.props.is_empty() {
            continue;
        }
        let mut bad = |key, expected| bad_figures.push(BadFigure::new(Place::Edge(e), &edge.props, key, expected));
        match figure(&edge.props, "rps", None) {
            Figure::Value(r) => rps[e] = Some(r * factor),
            Figure::Bad => bad("rps", "a number of requests per second ≥ 0"),
            Figure::Absent => {}
        }
        match figure(&edge.props, "share", Some(1.0)) {
            Figure::Value(s) => share[e] = Some(s),
            Figure::Bad => bad("share", "a fraction from 0 to 1"),
            Figure::Absent => {}
        }
    }

    // Edges between known nodes, grouped by their source (compressed rows, board order). A
    // board that states no load has nothing to carry, so its edges are not even looked up.
    let states_load = source.iter().any(Option::is_some) || rps.iter().any(Option::is_some);
    let ends: Vec<Option<(usize, usize)>> = if states_load {
        let index: crate::hash::FastMap<&str, usize> = board
            .nodes
            .iter()
            .enumerate()
            .map(|(i, n)| (n.id.as_str(), i))
            .collect();
        board
            .edges
            .iter()
            .map(|e| Some((*index.get(e.from.as_str())?, *index.get(e.to.as_str())?)))
            .collect()
    } else {
        vec![None; board.edges.len()]
    };
    let mut start = vec![0usize; n + 1];
    for &(u, _) in ends.iter().flatten() {
        start[u + 1] += 1;
    }
    for i in 0..n {
        start[i + 1] += start[i];
    }
    let mut next = start.clone();
    let mut out = vec![0usize; start[n]];
    for (e, end) in ends.iter().enumerate() {
        if let Some((u, _)) = end {
            out[next[*u]] = e;
            next[*u] += 1;
        }
    }
    let out_of = |u: usize| &out[start[u]..start[u + 1]];

    // Back edges of a depth-first walk: from the sources first, then every other node.
    let mut back = vec![false; board.edges.len()];
    let mut state = vec![0u8; n]; // 0 unseen, 1 on the walk's path, 2 done
    let mut stack: Vec<(usize, usize)> = Vec::new();
    let roots = (0..n).filter(|&i| source[i].is_some()).chain(0..n);
    for root in roots {
        if state[root] != 0 {
            continue;
        }
        state[root] = 1;
        stack.push((root, 0));
        while let Some(top) = stack.last_mut() {
            let (u, k) = *top;
            if let Some(&e) = out_of(u).get(k) {
                top.1 += 1;
                let (_, v) = ends[e].expect("only edges between known nodes are listed");
                match state[v] {
                    0 => {
                        state[v] = 1;
                        stack.push((v, 0));
                    }
                    1 => back[e] = true,
                    _ => {}
                }
            } else {
                state[u] = 2;
                stack.pop();
            }
        }
    }

    // The flow, in topological order of the forward edges.
    let explicit = |r: f64| Load { peak: r, avg: r / 3.0 };
    let mut incoming: Vec<Option<Load>> = vec![None; n];
    let mut writes: Vec<Option<Load>> = vec![None; n];
    let mut reads: Vec<Option<Load>> = vec![None; n];
    let mut edges: Vec<Option<Load>> = vec![None; board.edges.len()];
    let arrive = |e: usize,
                  load: Load,
                  incoming: &mut Vec<Option<Load>>,
                  writes: &mut Vec<Option<Load>>,
                  reads: &mut Vec<Option<Load>>| {
        let (_, v) = ends[e].expect("known ends");
        incoming[v] = Some(incoming[v].unwrap_or_default().add(load));
        let side = if edge_reads(&board.edges[e]) { reads } else { writes };
        side[v] = Some(side[v].unwrap_or_default().add(load));
    };
    for e in (0..board.edges.len()).filter(|&e| back[e] && ends[e].is_some()) {
        if let Some(r) = rps[e] {
            edges[e] = Some(explicit(r));
            arrive(e, explicit(r), &mut incoming, &mut writes, &mut reads);
        }
    }
    let mut waiting = vec![0usize; n];
    for (e, end) in ends.iter().enumerate() {
        if let (Some((_, v)), false) = (end, back[e]) {
            waiting[*v] += 1;
        }
    }
    let mut ready: VecDeque<usize> = (0..n).filter(|&i| waiting[i] == 0).collect();
    let mut load: Vec<Option<Load>> = vec![None; n];
    while let Some(u) = ready.pop_front() {
        load[u] = source[u].or(incoming[u]);
        let outs = out_of(u);
        let splits = is_client[u] || SPLITTERS.contains(&board.nodes[u].service.as_str());
        let even = outs
            .iter()
            .filter(|&&e| !back[e] && rps[e].is_none() && share[e].is_none())
            .count();
        for &e in outs.iter().filter(|&&e| !back[e]) {
            let carried = match (rps[e], load[u]) {
                (Some(r), _) => Some(explicit(r)),
                (None, None) => None,
                (None, Some(l)) => Some(match share[e] {
                    Some(s) => l.scale(s),
                    None if splits => l.scale(1.0 / even as f64),
                    None => l,
                }),
            };
            if let Some(c) = carried {
                edges[e] = Some(c);
                arrive(e, c, &mut incoming, &mut writes, &mut reads);
            }
            let (_, v) = ends[e].expect("known ends");
            waiting[v] -= 1;
            if waiting[v] == 0 {
                ready.push_back(v);
            }
        }
    }

    // Capacity figures and cost per node.
    let nodes: Vec<NodeNumbers> = (0..n)
        .map(|i| {
            let readers = out_of(i).len();
            node_numbers(&board.nodes[i], load[i], writes[i], reads[i], readers, states_load)
        })
        .collect();

    let monthly_usd = nodes.iter().filter_map(|f| f.monthly_usd).sum::<f64>() + 0.0;
    let mut top: Vec<(usize, f64)> = nodes
        .iter()
        .enumerate()
        .filter_map(|(i, f)| f.monthly_usd.map(|v| (i, v)))
        .collect();
    let dearer = |a: &(usize, f64), b: &(usize, f64)| {
        b.1.total_cmp(&a.1)
            .then_with(|| board.nodes[a.0].id.cmp(&board.nodes[b.0].id))
    };
    // Only the five dearest are kept: pick them first, then sort those five.
    if top.len() > 5 {
        top.select_nth_unstable_by(4, dearer);
        top.truncate(5);
    }
    top.sort_by(dearer);
    let requests_per_month = source.iter().flatten().map(|l| l.avg).sum::<f64>() * SECONDS_PER_MONTH + 0.0;
    let usd_per_million_requests = (requests_per_month > 0.0).then(|| monthly_usd / (requests_per_month / 1e6));
    Numbers {
        load_factor: factor,
        nodes,
        edges,
        states_load,
        states_cost,
        requests_per_month,
        monthly_usd,
        usd_per_million_requests,
        top_costs: top,
        bad_figures,
    }
}

/// The figures of one node from the load reaching it (`readers` = its outgoing edges); its cost
/// is computed only when `priced` (on a board that states a load).
fn node_numbers(
    node: &Node,
    load: Option<Load>,
    writes: Option<Load>,
    reads: Option<Load>,
    readers: usize,
    priced: bool,
) -> NodeNumbers {
    let (mut f, computed) = figures_and_cost(node, load, writes, reads, readers);
    let computed = computed.filter(|_| priced);
    let stated = node
        .prop("monthly_cost_usd")
        .and_then(parse_number)
        .filter(|v| *v >= 0.0);
    f.cost_stated = stated.is_some();
    f.monthly_usd = stated.or(computed);
    if load.is_some() && matches!(node.service.as_str(), "dynamodb" | "s3") {
        f.writes = Some(writes.unwrap_or_default());
        f.reads = Some(reads.unwrap_or_default());
    }
    f
}

/// A node's capacity figures and its monthly cost computed from the price list.
fn figures_and_cost(
    node: &Node,
    load: Option<Load>,
    writes: Option<Load>,
    reads: Option<Load>,
    readers: usize,
) -> (NodeNumbers, Option<f64>) {
    let prices = Prices::builtin();
    let get = |key: &str| node_figure(node, key);
    let mut f = NodeNumbers {
        load,
        ..NodeNumbers::default()
    };
    let secs = SECONDS_PER_MONTH;
    let avg = load.map(|l| l.avg);
    let computed: Option<f64> = match node.service.as_str() {
        "lambda" => {
            let duration = get("duration_ms").unwrap_or(LAMBDA_DEFAULT_DURATION_MS);
            let memory = get("memory_mb").unwrap_or(LAMBDA_DEFAULT_MEMORY_MB);
            f.concurrency = load.map(|l| units(l.peak * duration / 1000.0));
            avg.map(|a| {
                let requests = a * secs;
                requests / 1e6 * prices.rate(Usage::LambdaRequests)
                    + requests * (memory / 1024.0) * (duration / 1000.0) * prices.rate(Usage::LambdaGbSecond)
            })
        }
        "api_gateway" => {
            let http = node
                .prop("api_type")
                .is_some_and(|t| t.trim().eq_ignore_ascii_case("http"));
            let price = prices.rate(if http {
                Usage::ApiGatewayHttp
            } else {
                Usage::ApiGatewayRest
            });
            avg.map(|a| a * secs / 1e6 * price)
        }
        "dynamodb" => {
            let item_kb = get("item_kb").unwrap_or(1.0);
            let write_units = item_kb.ceil();
            let read_units = (item_kb / 4.0).ceil();
            let (w, r) = (writes.unwrap_or_default(), reads.unwrap_or_default());
            if load.is_some() {
                let wcu = units(w.peak * write_units);
                let rcu = units(r.peak * read_units);
                f.wcu = Some(wcu);
                f.rcu = Some(rcu);
                f.partitions = Some(units((wcu as f64 / 1000.0).max(rcu as f64 / 3000.0)));
            }
            let provisioned = node
                .prop("capacity_mode")
                .is_some_and(|m| m.trim().eq_ignore_ascii_case("provisioned"));
            if provisioned {
                let wcu = get("wcu").or(f.wcu.map(|v| v as f64));
                let rcu = get("rcu").or(f.rcu.map(|v| v as f64));
                (wcu.is_some() || rcu.is_some()).then(|| {
                    (wcu.unwrap_or(0.0) * prices.rate(Usage::DynamodbWcuHour)
                        + rcu.unwrap_or(0.0) * prices.rate(Usage::DynamodbRcuHour))
                        * HOURS_PER_MONTH
                })
            } else {
                load.map(|_| {
                    w.avg * secs * write_units / 1e6 * prices.rate(Usage::DynamodbWriteUnits)
                        + r.avg * secs * read_units / 1e6 * prices.rate(Usage::DynamodbReadUnits)
                })
            }
        }
        "sqs" => avg.map(|a| a * secs / 1e6 * prices.rate(Usage::SqsMessages)),
        "sns" => avg.map(|a| a * secs / 1e6 * prices.rate(Usage::SnsMessages)),
        "eventbridge" => avg.map(|a| a * secs / 1e6 * prices.rate(Usage::EventbridgeEvents)),
        "kinesis_data_streams" => {
            let kb = get("payload_kb").unwrap_or(1.0);
            f.shards = load.map(|l| {
                let p = l.peak;
                units((p / 1000.0).max(p * kb / 1000.0).max(p * kb * readers as f64 / 2000.0))
            });
            let shards = get("shards").or(f.shards.map(|s| s as f64));
            shards.map(|s| {
                s * prices.rate(Usage::KinesisShardHour) * HOURS_PER_MONTH
                    + avg.unwrap_or(0.0) * secs * (kb / 25.0).ceil() / 1e6 * prices.rate(Usage::KinesisPutUnits)
            })
        }
        "s3" => {
            let storage = get("storage_gb");
            (load.is_some() || storage.is_some()).then(|| {
                let (w, r) = (writes.unwrap_or_default(), reads.unwrap_or_default());
                w.avg * secs / 1000.0 * prices.rate(Usage::S3Writes)
                    + r.avg * secs / 1000.0 * prices.rate(Usage::S3Reads)
                    + storage.unwrap_or(0.0) * prices.rate(Usage::S3GbMonth)
            })
        }
        "cloudfront" => {
            let kb = get("payload_kb").unwrap_or(1.0);
            avg.map(|a| {
                a * secs / 10_000.0 * prices.rate(Usage::CloudfrontRequests)
                    + a * secs * kb / 1e6 * prices.rate(Usage::CloudfrontGbOut)
            })
        }
        "step_functions" => {
            let transitions = get("transitions").unwrap_or(DEFAULT_TRANSITIONS);
            avg.map(|a| a * secs * transitions / 1000.0 * prices.rate(Usage::StepFunctionsTransitions))
        }
        "ec2" | "rds" | "aurora" | "elasticache" | "redshift" | "opensearch" => {
            let hourly = node.prop("instance_type").and_then(|t| prices.hourly(&node.service, t));
            let pair = matches!(node.service.as_str(), "rds" | "aurora" | "elasticache") && node.flag("multi_az");
            hourly.map(|h| h * get("count").unwrap_or(1.0) * HOURS_PER_MONTH * if pair { 2.0 } else { 1.0 })
        }
        "nat_gateway" | "alb" | "nlb" => {
            let hourly = prices.rate(match node.service.as_str() {
                "nat_gateway" => Usage::NatGatewayHour,
                "alb" => Usage::AlbHour,
                _ => Usage::NlbHour,
            });
            Some(hourly * get("count").unwrap_or(1.0) * HOURS_PER_MONTH)
        }
        _ => None,
    };
    (f, computed)
}

#[cfg(test)]
mod tests;
