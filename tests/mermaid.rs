//! Mermaid import/export and auto layout, end to end: every flowchart in the seeds imports with
//! the right services and edges, exports and imports back to the same graph, and lays out with
//! no overlapping cards and every member inside its group.

use std::collections::BTreeSet;

use archboard::catalog::Catalog;
use archboard::history::History;
use archboard::layout::{Direction, auto_layout_edit, layout};
use archboard::mermaid::{export, import};
use archboard::model::{Board, Edge, EdgeMode, Group, GroupKind, Node, Point, Rect, validate};

fn fixture(name: &str) -> String {
    let path = format!("{}/tests/fixtures/mermaid/{name}.mmd", env!("CARGO_MANIFEST_DIR"));
    match std::fs::read_to_string(&path) {
        Ok(t) => t,
        Err(e) => panic!("{path}: {e}"),
    }
}

fn import_ok(text: &str) -> Board {
    match import(text, Catalog::builtin()) {
        Ok(i) => {
            assert!(i.warnings.is_empty(), "{:?}", i.warnings);
            i.board
        }
        Err(e) => panic!("{e}"),
    }
}

/// The graph without positions: nodes (id, service, label, group), groups, edges; sorted.
type Graph = (
    BTreeSet<(String, String, String, Option<String>)>,
    BTreeSet<(String, GroupKind, String, Option<String>)>,
    Vec<(String, String, String, EdgeMode)>,
);

fn graph(b: &Board) -> Graph {
    (
        b.nodes
            .iter()
            .map(|n| (n.id.clone(), n.service.clone(), n.label.clone(), n.group.clone()))
            .collect(),
        b.groups
            .iter()
            .map(|g| (g.id.clone(), g.kind, g.label.clone(), g.parent.clone()))
            .collect(),
        b.edges
            .iter()
            .map(|e| (e.from.clone(), e.to.clone(), e.label.clone(), e.mode))
            .collect(),
    )
}

/// Imports a seed chart and checks services (`id:service …`) and edges (`from>to …`), then the
/// layout and the export round trip.
fn check_seed(name: &str, services: &str, edges: &str) {
    let board = import_ok(&fixture(name));
    let got: Vec<String> = board.nodes.iter().map(|n| format!("{}:{}", n.id, n.service)).collect();
    assert_eq!(got.join(" "), services, "services of {name}");
    let got: Vec<String> = board.edges.iter().map(|e| format!("{}>{}", e.from, e.to)).collect();
    assert_eq!(got.join(" "), edges, "edges of {name}");
    assert!(validate(&board).is_empty(), "{name}: {:?}", validate(&board));
    assert!(
        archboard::layout::faults(&board).is_empty(),
        "{name}: {:?}",
        archboard::layout::faults(&board)
    );
    let text = export(&board);
    let back = import_ok(&text);
    assert_eq!(graph(&back), graph(&board), "{name} round trip through\n{text}");
    for dir in Direction::ALL {
        let mut b = board.clone();
        layout(&mut b, dir);
        assert!(
            archboard::layout::faults(&b).is_empty(),
            "{name} {dir:?}: {:?}",
            archboard::layout::faults(&b)
        );
    }
}

#[test]
fn seed_groups_and_labels() {
    let b = import_ok(&fixture("003_cell_based_benefits"));
    let kinds: Vec<(&str, GroupKind)> = b.groups.iter().map(|g| (g.label.as_str(), g.kind)).collect();
    assert_eq!(
        kinds,
        [
            ("Cell-Based Architecture", GroupKind::Cell),
            ("Benefits", GroupKind::Generic)
        ]
    );
    assert_eq!(
        b.node("Cell1").map(|n| n.label.as_str()),
        Some("Cell 1\nComplete Stack")
    );
    assert_eq!(b.node("B2").and_then(|n| n.group.as_deref()), Some("Benefits"));
    let b = import_ok(&fixture("003_internal_stack"));
    assert_eq!(
        b.node("B").and_then(|n| n.group.as_deref()),
        Some("Amazon_Internal_Stack")
    );
    assert_eq!(b.node("K").and_then(|n| n.group.as_deref()), Some("Maps_to_AWS"));
    let b = import_ok(&fixture("003_decision_flow"));
    let labelled: Vec<&str> = b
        .edges
        .iter()
        .map(|e| e.label.as_str())
        .filter(|l| !l.is_empty())
        .collect();
    assert_eq!(labelled, ["Yes", "No", "Yes", "No", "Yes", "No"]);
}

#[test]
fn async_edges_round_trip_as_dotted() {
    let b = import_ok("flowchart LR\n api[API Gateway] -.->|order placed| q[SQS] --> w[Worker]");
    assert_eq!(b.edges[0].mode, EdgeMode::Async);
    let text = export(&b);
    assert!(text.contains("api -.->|\"order placed\"| q"), "{text}");
    assert_eq!(graph(&import_ok(&text)), graph(&b));
}

/// A deterministic random board: `n` nodes, about `2n` edges, nested groups.
fn random_board(n: usize, seed: u64) -> Board {
    let mut state = seed;
    let mut next = move || {
        state ^= state << 13;
        state ^= state >> 7;
        state ^= state << 17;
        state
    };
    let services = ["lambda", "dynamodb", "sqs", "api_gateway", "s3", "note", "service"];
    let mut b = Board::new("random");
    let groups = n / 15;
    for g in 0..groups {
        let parent = (g > 0 && next() % 3 == 0).then(|| format!("g{}", next() as usize % g));
        b.groups.push(Group {
            id: format!("g{g}"),
            kind: GroupKind::Generic,
            label: format!("Group {g}"),
            parent,
            rect: Rect::default(),
        });
    }
    for i in 0..n {
        let mut node = Node::new(
            format!("n{i}"),
            services[next() as usize % services.len()],
            format!("Node {i}"),
            Point(0.0, 0.0),
        );
        if groups > 0 && next() % 2 == 0 {
            node.group = Some(format!("g{}", next() as usize % groups));
        }
        b.nodes.push(node);
    }
    let mut seen = BTreeSet::new();
    for _ in 0..2 * n {
        let (a, c) = (next() as usize % n, next() as usize % n);
        if a != c && seen.insert((a, c)) {
            b.edges.push(Edge::new(format!("n{a}"), format!("n{c}")));
        }
    }
    b
}

#[test]
fn a_300_node_random_board_lays_out_cleanly_and_undoes() {
    for seed in [1, 2, 3] {
        let mut b = random_board(300, 0x9e37_79b9_7f4a_7c15 ^ seed);
        let start = b.clone();
        let mut history = History::new();
        for dir in Direction::ALL {
            history.apply_with(&mut b, |b| auto_layout_edit(b, dir)).unwrap();
            assert!(
                archboard::layout::faults(&b).is_empty(),
                "{dir:?}: {:?}",
                archboard::layout::faults(&b)
            );
            assert!(validate(&b).is_empty());
        }
        while history.undo(&mut b).is_some() {}
        assert_eq!(b, start);
        let back = import_ok(&export(&b));
        assert_eq!(graph(&back), graph(&b));
    }
}

/// Large boards, with and without groups, lay out without overlaps (timing: `cargo bench --bench board -- layout`).
#[test]
fn large_boards_lay_out_cleanly() {
    for n in [300, 2000] {
        let mut b = random_board(n, 7);
        layout(&mut b, Direction::LeftRight);
        assert!(archboard::layout::faults(&b).is_empty());
        let mut flat = random_board(n, 7);
        flat.groups.clear();
        for node in &mut flat.nodes {
            node.group = None;
        }
        layout(&mut flat, Direction::TopDown);
        assert!(archboard::layout::faults(&flat).is_empty());
    }
}

#[test]
fn a_long_text_imports() {
    let mut text = String::from("graph LR\n");
    for i in 0..100_000 {
        text.push_str(&format!("  n{} --> n{}\n", i % 2000, (i * 7 + 1) % 2000));
    }
    let i = import(&text, Catalog::builtin()).map_err(|e| e.to_string());
    let Ok(i) = i else {
        panic!("{i:?}");
    };
    assert_eq!(i.board.nodes.len(), 2000);
    assert!(archboard::layout::faults(&i.board).is_empty());
}

#[test]
fn seed_001_event_driven_microservices() {
    check_seed(
        "001_event_driven_microservices",
        "API:api_gateway Lambda1:lambda SNS:sns SQS1:queue SQS2:queue SQS3:queue Lambda2:lambda Lambda3:lambda Lambda4:lambda DDB1:dynamodb DDB2:dynamodb DDB3:dynamodb",
        "API>Lambda1 Lambda1>SNS SNS>SQS1 SNS>SQS2 SNS>SQS3 SQS1>Lambda2 SQS2>Lambda3 SQS3>Lambda4 Lambda2>DDB1 Lambda3>DDB2 Lambda4>DDB3",
    );
}

#[test]
fn seed_001_realtime_analytics() {
    check_seed(
        "001_realtime_analytics",
        "Apps:service KDS:kinesis_data_streams KDA:kinesis_data_analytics KDF:kinesis_firehose Lambda:lambda S3:s3 Athena:athena EMR:emr SNS:sns",
        "Apps>KDS KDS>KDA KDS>KDF KDA>Lambda KDF>S3 S3>Athena S3>EMR Lambda>SNS",
    );
}

#[test]
fn seed_002_cell_based() {
    check_seed(
        "002_cell_based",
        "R:router C1:service C2:service C3:service DB1:database DB2:database DB3:database",
        "R>C1 R>C2 R>C3 C1>DB1 C2>DB2 C3>DB3",
    );
}

#[test]
fn seed_002_event_driven() {
    check_seed(
        "002_event_driven",
        "P1:service K:kinesis_data_streams P2:service L1:lambda L2:lambda D1:dynamodb S3:s3 A:athena",
        "P1>K P2>K K>L1 K>L2 L1>D1 L2>S3 S3>A",
    );
}

#[test]
fn seed_002_microservices() {
    check_seed(
        "002_microservices",
        "LB:load_balancer GW:api_gateway S1:service S2:service S3:service DB1:database DB2:database Cache:elasticache Q:queue",
        "LB>GW GW>S1 GW>S2 GW>S3 S1>DB1 S2>DB2 S3>Cache S1>Q S2>Q",
    );
}

#[test]
fn seed_003_cell_based_benefits() {
    check_seed(
        "003_cell_based_benefits",
        "LB:load_balancer Cell1:service Cell2:service Cell3:service DB1:database DB2:database DB3:database B1:service B2:service B3:service",
        "LB>Cell1 LB>Cell2 LB>Cell3 Cell1>DB1 Cell2>DB2 Cell3>DB3",
    );
}

#[test]
fn seed_003_common_architecture() {
    check_seed(
        "003_common_architecture",
        "Client:client ALB:alb API:api_gateway MS1:service MS2:service MS3:service Cache1:elasticache DB1:dynamodb Cache2:elasticache DB2:dynamodb Queue:sqs Worker:worker DB3:aurora S3:s3 CW:cloudwatch",
        "Client>ALB ALB>API API>MS1 API>MS2 API>MS3 MS1>Cache1 MS1>DB1 MS2>Cache2 MS2>DB2 MS3>Queue Queue>Worker Worker>DB3 MS1>S3 MS2>S3 MS3>S3 MS1>CW MS2>CW MS3>CW",
    );
}

#[test]
fn seed_003_decision_flow() {
    check_seed(
        "003_decision_flow",
        "A:service B:client C:service X:service D:codebuild E:service F:service G:service H:service I:service J:service",
        "A>B B>C B>X C>D D>E D>C E>F F>G F>H H>C G>I I>J",
    );
}

#[test]
fn seed_003_internal_stack() {
    check_seed(
        "003_internal_stack",
        "A:service B:app_mesh C:codebuild D:service E:codedeploy F:codedeploy G:service H:service I:service J:glue K:app_mesh L:codebuild M:codedeploy N:service O:glue",
        "A>B C>D E>F G>H I>J B>K D>L F>M H>N J>O",
    );
}

#[test]
fn seed_003_two_pizza_team() {
    check_seed(
        "003_two_pizza_team",
        "A:service B:service C:service D:service E:service F:service G:service H:service I:codebuild J:codedeploy K:service L:service",
        "A>B B>C B>D B>E B>F G>H G>I G>J G>K G>L",
    );
}

#[test]
fn seed_003_working_backwards() {
    check_seed(
        "003_working_backwards",
        "A:client B:codepipeline C:service D:service E:service F:service G:service H:service I:service",
        "A>B B>C C>D D>E D>F D>G D>H E>I F>I G>I H>I",
    );
}
