//! Unit tests of the mermaid reader and writer: syntax, recognition, round trips.

use super::*;

fn cat() -> &'static Catalog {
    Catalog::builtin()
}

fn board(text: &str) -> Imported {
    match import(text, cat()) {
        Ok(i) => i,
        Err(e) => panic!("import failed: {e}"),
    }
}

/// `from -> to` strings of a board's edges, with `~>` for async and `[label]` when labelled.
fn arrows(b: &Board) -> Vec<String> {
    b.edges
        .iter()
        .map(|e| {
            let arrow = if e.mode == EdgeMode::Async { "~>" } else { "->" };
            let label = if e.label.is_empty() {
                String::new()
            } else {
                format!("[{}]", e.label)
            };
            format!("{}{arrow}{}{label}", e.from, e.to)
        })
        .collect()
}

fn service_of<'a>(b: &'a Board, id: &str) -> &'a str {
    b.node(id).map_or("<missing>", |n| n.service.as_str())
}

#[test]
fn recognises_services_from_labels() {
    let cases = [
        ("Amazon API Gateway", "api_gateway"),
        ("API Gateway", "api_gateway"),
        ("Order Lambda", "lambda"),
        ("Kinesis Data Streams", "kinesis_data_streams"),
        ("Kinesis Data Firehose", "kinesis_firehose"),
        ("Kinesis Data Analytics", "kinesis_data_analytics"),
        ("ElastiCache Redis", "elasticache"),
        ("(DynamoDB)", "dynamodb"),
        ("Aurora PostgreSQL", "aurora"),
        ("Users", "client"),
        ("S3 Data Lake", "s3"),
        ("SNS Topic", "sns"),
        ("Inventory Queue", "queue"),
        ("SQS Queue", "sqs"),
        ("Load Balancer", "load_balancer"),
        ("Application Load Balancer", "alb"),
        ("Router", "router"),
        ("Service 1", "service"),
        ("Message Queue", "queue"),
        ("Redis Cache", "elasticache"),
        ("Workers", "worker"),
        ("SQS/Kinesis", "sqs"),
        ("CloudWatch", "cloudwatch"),
        ("Mobile App", "mobile_client"),
    ];
    for (label, want) in cases {
        assert_eq!(recognise_service(label, cat()).as_deref(), Some(want), "{label}");
    }
    assert_eq!(recognise_service("Blast Radius Reduction", cat()), None);
}

#[test]
fn cylinders_without_a_service_are_databases() {
    let i = board("graph TD\n a[(Orders)] --> b[(DynamoDB)]\n c[Orders] --> d[(Order Service)]");
    assert_eq!(service_of(&i.board, "a"), "database");
    assert_eq!(service_of(&i.board, "b"), "dynamodb");
    assert_eq!(service_of(&i.board, "c"), "service");
    assert_eq!(service_of(&i.board, "d"), "database");
}

#[test]
fn group_kinds_from_titles() {
    let cases = [
        ("us-east-1", GroupKind::Region),
        ("Region", GroupKind::Region),
        ("AZ a", GroupKind::AvailabilityZone),
        ("us-east-1a", GroupKind::AvailabilityZone),
        ("Availability Zone 2", GroupKind::AvailabilityZone),
        ("VPC", GroupKind::Vpc),
        ("Private VPC", GroupKind::Vpc),
        ("Public", GroupKind::PublicSubnet),
        ("Private subnet", GroupKind::PrivateSubnet),
        ("Cell 1", GroupKind::Cell),
        ("Cell-Based Architecture", GroupKind::Cell),
        ("Prod Account", GroupKind::Account),
        ("Benefits", GroupKind::Generic),
    ];
    for (title, want) in cases {
        assert_eq!(group_kind_for_title(title), want, "{title}");
    }
}

#[test]
fn every_shape_reads_its_label() {
    let text = "flowchart LR\n a[box] --> b(round) --> c[(db)] --> d((circle)) --> e{rhombus}\n \
                e --> f{{hexagon}} --> g[[sub]] --> h([stadium]) --> i>flag] --> j[/slant/] --> k(((triple)))";
    let i = board(text);
    let labels: Vec<&str> = i.board.nodes.iter().map(|n| n.label.as_str()).collect();
    assert_eq!(
        labels,
        [
            "box", "round", "db", "circle", "rhombus", "hexagon", "sub", "stadium", "flag", "slant", "triple"
        ]
    );
    assert!(i.warnings.is_empty(), "{:?}", i.warnings);
    assert_eq!(i.direction, Direction::LeftRight);
}

#[test]
fn every_arrow_kind() {
    let text = "graph TD\n a --> b\n a --- c\n a -.-> d\n a -.- e\n a ==> f\n a -->|yes| g\n a -- no --> h\n \
                a -. later .-> i\n a == big ==> j\n a ~~~ k\n a --o l\n a <--> m\n a --x n\n a ----> o";
    let i = board(text);
    assert_eq!(
        arrows(&i.board),
        [
            "a->b",
            "a->c",
            "a~>d",
            "a~>e",
            "a->f",
            "a->g[yes]",
            "a->h[no]",
            "a~>i[later]",
            "a->j[big]",
            "a->l",
            "a->m",
            "a->n",
            "a->o"
        ]
    );
    assert!(i.board.node("k").is_some(), "an invisible link still names its nodes");
    assert!(i.warnings.is_empty(), "{:?}", i.warnings);
}

#[test]
fn chains_and_ampersands() {
    let i = board("graph LR\n A --> B --> C\n D & E --> F & G");
    assert_eq!(arrows(&i.board), ["A->B", "B->C", "D->F", "D->G", "E->F", "E->G"]);
}

#[test]
fn subgraphs_nest_and_claim_their_nodes() {
    let text = r#"flowchart TB
    top --> a
    subgraph region [us-east-1]
        subgraph vpc1 ["Orders VPC"]
            subgraph "Private subnet"
                a[(Aurora)]
            end
            b[Lambda]
        end
    end
    subgraph Public Subnet
        c[ALB]
    end
    c --> b --> a
"#;
    let i = board(text);
    let b = &i.board;
    let kinds: Vec<(String, GroupKind, Option<String>)> = b
        .groups
        .iter()
        .map(|g| (g.id.clone(), g.kind, g.parent.clone()))
        .collect();
    assert_eq!(
        kinds,
        [
            ("region".to_owned(), GroupKind::Region, None),
            ("vpc1".to_owned(), GroupKind::Vpc, Some("region".to_owned())),
            (
                "Private_subnet".to_owned(),
                GroupKind::PrivateSubnet,
                Some("vpc1".to_owned())
            ),
            ("Public_Subnet".to_owned(), GroupKind::PublicSubnet, None),
        ]
    );
    assert_eq!(b.groups[0].label, "us-east-1");
    assert_eq!(b.groups[2].label, "Private subnet");
    assert_eq!(b.node("a").and_then(|n| n.group.as_deref()), Some("Private_subnet"));
    assert_eq!(b.node("b").and_then(|n| n.group.as_deref()), Some("vpc1"));
    assert_eq!(b.node("c").and_then(|n| n.group.as_deref()), Some("Public_Subnet"));
    assert_eq!(b.node("top").and_then(|n| n.group.as_deref()), None);
    assert!(crate::model::validate(b).is_empty());
}

#[test]
fn labels_are_cleaned() {
    let text = "graph TD\n a[\"Say #quot;hi#quot; <br/> twice\"] --> b[Cell 1<br>Complete Stack]\n \
                c[\"`**md**`\"] --> d[fa:fa-user Users]\n e[\"semi; colon\"]";
    let i = board(text);
    let labels: Vec<&str> = i.board.nodes.iter().map(|n| n.label.as_str()).collect();
    assert_eq!(
        labels,
        [
            "Say \"hi\"\ntwice",
            "Cell 1\nComplete Stack",
            "**md**",
            "Users",
            "semi; colon"
        ]
    );
    assert_eq!(service_of(&i.board, "d"), "client");
}

#[test]
fn ignored_statements_and_comments() {
    let text = "%%{init: {'theme':'dark'}}%%\ngraph TD\n%% a comment\n classDef red fill:#f00\n \
                class a red\n style a fill:#f00\n click a \"https://x\"\n linkStyle 0 stroke:#f00\n \
                a:::red --> b %% trailing\n accTitle: hi";
    let i = board(text);
    assert_eq!(arrows(&i.board), ["a->b"]);
    assert!(i.warnings.is_empty(), "{:?}", i.warnings);
}

#[test]
fn unknown_syntax_is_a_warning_with_its_place() {
    let text = "graph TD\n a --> b\n a ?? c\n d[never closed --> e\n f --> g";
    let i = board(text);
    assert_eq!(arrows(&i.board), ["a->b", "f->g"]);
    let places: Vec<(usize, usize)> = i.warnings.iter().map(|p| (p.line, p.col)).collect();
    assert_eq!(places, [(3, 4), (4, 3)], "{:?}", i.warnings);
    assert!(
        i.warnings[0]
            .to_string()
            .starts_with("line 3, column 4: expected an arrow")
    );
}

#[test]
fn not_a_flowchart_is_an_error() {
    for text in [
        "",
        "   \n\n",
        "gantt\n title x",
        "sequenceDiagram\n A->>B: hi",
        "A --> B",
    ] {
        let err = import(text, cat()).err();
        assert!(err.is_some(), "{text:?} should be refused");
    }
    let e = import("\n\npie title x", cat()).err().map(|e| (e.line, e.col));
    assert_eq!(e, Some((3, 1)));
}

#[test]
fn fences_front_matter_and_header_forms() {
    let i = board("```mermaid\n---\ntitle: \"Orders \\\"v2\\\"\"\n---\nflowchart RL; a-->b; b-->c\n```\n");
    assert_eq!(i.board.title, "Orders \"v2\"");
    assert_eq!(i.direction, Direction::RightLeft);
    assert_eq!(arrows(&i.board), ["a->b", "b->c"]);
    assert_eq!(board("graph\n a-->b").direction, Direction::TopDown);
    assert_eq!(board("graph BT\n a-->b").direction, Direction::BottomUp);
}

#[test]
fn ids_are_made_safe_and_unique() {
    let i = board("graph TD\n end_ --> x\n subgraph x\n y\n end\n subgraph a-b\n z\n end");
    let ids: Vec<&str> = i.board.nodes.iter().map(|n| n.id.as_str()).collect();
    assert_eq!(ids, ["end_", "y", "z"]);
    let groups: Vec<&str> = i.board.groups.iter().map(|g| g.id.as_str()).collect();
    assert_eq!(groups, ["x", "a-b"]);
    assert!(
        i.warnings.iter().any(|w| w.message.contains("subgraph `x`")),
        "{:?}",
        i.warnings
    );
    assert_eq!(sanitise_id("my node!"), "my_node_");
    assert_eq!(sanitise_id("end"), "end_");
    assert_eq!(sanitise_id(""), "node");
    assert_eq!(sanitise_id("api_gateway_2"), "api_gateway_2");
}

#[test]
fn parallel_arrows_are_kept_and_self_arrows_skipped() {
    let i = board("graph TD\n a -->|reads| b\n a -->|writes| b\n a --> a");
    assert_eq!(arrows(&i.board), ["a->b[reads]", "a->b[writes]"]);
    assert_eq!(i.warnings.len(), 1, "{:?}", i.warnings);
    let again = board(&export(&i.board));
    assert_eq!(
        arrows(&again.board),
        ["a->b[reads]", "a->b[writes]"],
        "export keeps both"
    );
}

#[test]
fn generic_words_and_qualified_aliases_name_no_aws_service() {
    let c = Catalog::builtin();
    for label in [
        "Docker Hub",
        "Subscriber",
        "Order Topic Subscriber",
        "Event Hub",
        "GitHub Actions",
    ] {
        let s = recognise_service(label, c);
        assert!(
            s.as_deref()
                .is_none_or(|s| c.get(s).is_some_and(|sv| sv.category == Category::Generic)),
            "{label} -> {s:?}"
        );
    }
    assert_eq!(recognise_service("Stream Processor", c).as_deref(), Some("worker"));
    assert_eq!(
        recognise_service("Kafka Stream", c).as_deref(),
        Some("kinesis_data_streams")
    );
    assert_eq!(
        recognise_service("Orders Lambda Consumer", c).as_deref(),
        Some("lambda")
    );
    assert_eq!(
        recognise_service("Dockerised app", c),
        recognise_service("app", c),
        "whole words only"
    );
}

#[test]
fn export_round_trips_a_tricky_board() {
    let mut b = Board::new("Tricky \"board\"");
    let nodes = [
        ("users", "client", "Customers"),
        ("api", "api_gateway", "Orders API"),
        ("fn", "lambda", "Create order"),
        ("table", "dynamodb", "Orders table"),
        ("q", "sqs", "Jobs #1 <fast>; [x] | \"y\""),
        ("blank", "service", ""),
        ("end", "note", "two\nlines"),
        ("odd", "cache", "Cache"),
    ];
    for (id, service, label) in nodes {
        b.nodes.push(Node::new(id, service, label, Point(0.0, 0.0)));
    }
    b.groups.push(Group {
        id: "vpc".into(),
        kind: GroupKind::Vpc,
        label: "Main".into(),
        parent: None,
        rect: Rect::default(),
    });
    b.groups.push(Group {
        id: "priv".into(),
        kind: GroupKind::PrivateSubnet,
        label: "Private subnet".into(),
        parent: Some("vpc".into()),
        rect: Rect::default(),
    });
    b.nodes[3].group = Some("priv".into());
    b.nodes[2].group = Some("vpc".into());
    b.edges.push(Edge::new("users", "api"));
    b.edges.push(Edge {
        from: "api".into(),
        to: "fn".into(),
        label: "POST /orders".into(),
        mode: EdgeMode::Sync,
        ..Edge::default()
    });
    b.edges.push(Edge::new("fn", "table"));
    b.edges.push(Edge {
        from: "fn".into(),
        to: "q".into(),
        label: "a|b \"c\"".into(),
        mode: EdgeMode::Async,
        ..Edge::default()
    });
    let text = export(&b);
    let back = board(&text);
    assert!(back.warnings.is_empty(), "{text}\n{:?}", back.warnings);
    let back = back.board;
    assert_eq!(back.title, b.title);
    let summary = |b: &Board| {
        let nodes: Vec<_> = b
            .nodes
            .iter()
            .map(|n| (n.id.clone(), n.service.clone(), n.label.clone(), n.group.clone()))
            .collect();
        let groups: Vec<_> = b
            .groups
            .iter()
            .map(|g| (g.id.clone(), g.kind, g.label.clone(), g.parent.clone()))
            .collect();
        let (mut nodes, mut groups) = (nodes, groups);
        nodes.sort();
        groups.sort_by(|a, b| a.0.cmp(&b.0));
        (nodes, groups, b.edges.clone())
    };
    // "end" is a mermaid keyword, so that id comes back made safe.
    let mut renamed = b.clone();
    renamed.nodes[6].id = "end_".into();
    let (want, got) = (summary(&renamed), summary(&back));
    assert_eq!(got, want, "{text}");
}

#[test]
fn hostile_input_never_panics() {
    let mut seeds: Vec<String> = vec![
        "graph TD\n".to_owned() + &"subgraph s\n".repeat(5000) + "a-->b\n" + &"end\n".repeat(5000),
        "graph TD\n".to_owned() + &"end\n".repeat(100),
        "graph TD\n a[\"unterminated\n b(((x\n c-->|y\n d -- e\n f@{ label: \"x\"".to_owned(),
        "graph TD\n".to_owned() + &"a".repeat(100_000) + "-->" + &"[".repeat(10_000),
        "flowchart LR\n a -.-> b -.- c ==> d === e ~~~ f <-.-> g --o h --x i".to_owned(),
        String::from_utf8_lossy(&(0..=255u8).cycle().take(5000).collect::<Vec<u8>>()).into_owned(),
        "graph TD\n\u{feff}\u{202e}é[ü] --> 中[文]\n ----\n ->\n -->\n |x|\n a-->|".to_owned(),
    ];
    let base = seeds.clone();
    // Mutations: every prefix of a rich chart, and single-character damage.
    let rich =
        "graph LR\n subgraph r [us-east-1]\n a[(DB)] -->|x| b{{y}} -. z .-> c([w])\n end\n a & b --> c:::lambda\n";
    for k in 0..rich.len() {
        if rich.is_char_boundary(k) {
            seeds.push(rich[..k].to_owned());
            for ch in ['[', ']', '(', '"', '|', '-', '>', '&', ';', '%', ':', '#', '\n'] {
                seeds.push(format!("{}{ch}{}", &rich[..k], &rich[k..]));
            }
        }
    }
    let mut state = 0x2545_f491_4f6c_dd1du64;
    for _ in 0..300 {
        let mut s: Vec<char> = base[4].chars().chain(rich.chars()).collect();
        for _ in 0..8 {
            state ^= state << 13;
            state ^= state >> 7;
            state ^= state << 17;
            let at = (state as usize) % (s.len() + 1);
            let ch = char::from_u32(((state >> 32) % 0x80) as u32).unwrap_or('x');
            s.insert(at, ch);
        }
        seeds.push(s.into_iter().collect());
    }
    for text in &seeds {
        if let Ok(i) = import(text, cat()) {
            assert!(crate::model::validate(&i.board).is_empty(), "{text:?}");
            let again = export(&i.board);
            assert!(import(&again, cat()).is_ok(), "{again}");
        }
    }
}
