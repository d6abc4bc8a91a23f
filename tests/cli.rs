//! The command line as scripts and CI use it: exit codes, JSON shapes, files written.

use std::path::{Path, PathBuf};
use std::process::{Command, Output};

fn archboard(args: &[&str]) -> Output {
    Command::new(env!("CARGO_BIN_EXE_archboard"))
        .args(args)
        .env_remove("DISPLAY")
        .output()
        .expect("runs")
}

/// A scratch folder, removed when the test that holds it ends.
fn temp() -> tempfile::TempDir {
    tempfile::tempdir().expect("temp dir")
}

fn new_preset(dir: &Path, id: &str) -> PathBuf {
    let out = dir.join(format!("{id}.ron"));
    let o = archboard(&["new", "--preset", id, "-o", out.to_str().expect("utf-8 path")]);
    assert!(o.status.success(), "{}", String::from_utf8_lossy(&o.stderr));
    out
}

#[test]
fn presets_lists_every_preset_as_json() {
    let o = archboard(&["presets", "--format", "json"]);
    assert!(o.status.success());
    let list: serde_json::Value = serde_json::from_slice(&o.stdout).expect("JSON");
    let items = list.as_array().expect("an array");
    assert!(items.len() >= 17);
    for key in ["id", "title", "nodes", "edges", "tags"] {
        assert!(items.iter().all(|p| p.get(key).is_some()), "every preset has {key}");
    }
    let text = String::from_utf8(archboard(&["presets"]).stdout).unwrap();
    assert!(text.contains("cell_based"));
}

#[test]
fn new_writes_a_board_and_refuses_unknown_presets() {
    let tmp = temp();
    let dir = tmp.path();
    let path = new_preset(dir, "cell_based");
    assert!(archboard::io::load(&path).is_ok());
    let o = archboard(&["new", "--preset", "nope", "-o", dir.join("x.ron").to_str().unwrap()]);
    assert_eq!(o.status.code(), Some(2));
    let err = String::from_utf8_lossy(&o.stderr);
    assert!(err.contains("unknown preset") && err.contains("cell_based"), "{err}");
    let empty = dir.join("empty.ron");
    assert!(archboard(&["new", "-o", empty.to_str().unwrap()]).status.success());
    assert!(archboard::io::load(&empty).unwrap().board.nodes.is_empty());
    // never overwrites by accident
    assert_eq!(
        archboard(&["new", "-o", empty.to_str().unwrap()]).status.code(),
        Some(2)
    );
}

/// Every refusal names the file: a board too spread out for a picture, bytes that are not text.
#[test]
fn refusals_name_the_file_and_where() {
    let tmp = temp();
    let dir = tmp.path();
    let far = dir.join("far.ron");
    std::fs::write(
        &far,
        "(format: 2, nodes: [(id: \"a\", service: \"s3\", at: (0.0, 0.0)), (id: \"b\", service: \"s3\", at: (1000000.0, 0.0))])",
    )
    .unwrap();
    let png = dir.join("far.png");
    let o = archboard(&["export", far.to_str().unwrap(), "-o", png.to_str().unwrap()]);
    assert_eq!(o.status.code(), Some(2));
    let err = String::from_utf8_lossy(&o.stderr);
    assert!(
        err.starts_with(&format!("archboard: {}: the board spans", far.display())),
        "{err}"
    );
    let latin1 = dir.join("latin1.ron");
    std::fs::write(&latin1, b"(format: 2,\n title: \"caf\xe9\")").unwrap();
    let o = archboard(&["check", latin1.to_str().unwrap()]);
    let err = String::from_utf8_lossy(&o.stderr);
    assert!(err.contains("latin1.ron:2:13: not a text file"), "{err}");
}

#[test]
fn check_reports_json_and_exits_by_fail_on() {
    let tmp = temp();
    let dir = tmp.path();
    let path = new_preset(dir, "starter_photo_sharing");
    let p = path.to_str().unwrap();
    let o = archboard(&["check", p, "--format", "json"]);
    assert_eq!(o.status.code(), Some(1), "warnings fail by default");
    let v: serde_json::Value = serde_json::from_slice(&o.stdout).expect("JSON");
    assert_eq!(v["file"], p);
    let f = &v["findings"][0];
    for key in ["rule", "pillar", "severity", "message", "nodes"] {
        assert!(f.get(key).is_some(), "a finding has {key}");
    }
    assert!(v["summary"]["warning"].as_u64().unwrap() > 0);
    assert!(v["checklist"].is_object());
    assert_eq!(archboard(&["check", p, "--fail-on", "never"]).status.code(), Some(0));
    assert_eq!(archboard(&["check", p, "--fail-on", "error"]).status.code(), Some(0));
}

#[test]
fn bad_input_is_exit_two_with_file_line_and_column() {
    let tmp = temp();
    let dir = tmp.path();
    let bad = dir.join("bad.ron");
    std::fs::write(&bad, "(format: 1, nodes: [(id: \"a\", service: \"s3\", label: \"x\", at: (0.0, 0.0)),\n  (id: \"b\" service: \"s3\")])\n").unwrap();
    let o = archboard(&["check", bad.to_str().unwrap()]);
    assert_eq!(o.status.code(), Some(2));
    let err = String::from_utf8_lossy(&o.stderr);
    assert!(err.contains("bad.ron:2:"), "{err}");
    let newer = dir.join("newer.ron");
    std::fs::write(&newer, "(format: 99, nodes: [])").unwrap();
    let err = String::from_utf8_lossy(&archboard(&["check", newer.to_str().unwrap()]).stderr).to_string();
    assert!(err.contains("newer version"), "{err}");
    assert_eq!(archboard(&["check"]).status.code(), Some(2), "usage errors are exit 2");
    assert_eq!(
        archboard(&["export", bad.to_str().unwrap(), "-o", "x.png", "--scale", "9"])
            .status
            .code(),
        Some(2)
    );
}

#[test]
fn export_writes_png_and_svg_without_a_display() {
    let tmp = temp();
    let dir = tmp.path();
    let path = new_preset(dir, "realtime_analytics");
    let png = dir.join("b.png");
    let o = archboard(&[
        "export",
        path.to_str().unwrap(),
        "-o",
        png.to_str().unwrap(),
        "--scale",
        "2",
    ]);
    assert!(o.status.success(), "{}", String::from_utf8_lossy(&o.stderr));
    let img = image::open(&png).expect("a PNG").to_rgba8();
    assert!(img.width() > 800 && img.height() > 300);
    let colours: std::collections::HashSet<[u8; 4]> = img.pixels().map(|p| p.0).collect();
    assert!(colours.len() > 30, "not blank: {} colours", colours.len());
    let svg = dir.join("b.svg");
    assert!(
        archboard(&["export", path.to_str().unwrap(), "-o", svg.to_str().unwrap()])
            .status
            .success()
    );
    let text = std::fs::read_to_string(&svg).unwrap();
    let board = archboard::io::load(&path).unwrap().board;
    for n in &board.nodes {
        assert!(text.contains(&n.label.replace('&', "&amp;")), "SVG holds {}", n.label);
    }
    let dark = dir.join("d.png");
    assert!(
        archboard(&[
            "export",
            path.to_str().unwrap(),
            "-o",
            dark.to_str().unwrap(),
            "--theme",
            "dark"
        ])
        .status
        .success()
    );
    let corner = image::open(&dark).unwrap().to_rgba8().get_pixel(2, 2).0;
    assert!(corner[0] < 60 && corner[1] < 60, "dark background: {corner:?}");
}

#[test]
fn import_turns_a_mermaid_chart_into_a_board_and_export_writes_it_back() {
    let tmp = temp();
    let dir = tmp.path();
    let mmd = dir.join("c.mmd");
    std::fs::write(
        &mmd,
        "flowchart TD\n  R[Router] --> C1[Cell 1]\n  C1 --> D1[(DB)]\n  R --> ]]] broken\n",
    )
    .unwrap();
    let out = dir.join("c.ron");
    let o = archboard(&["import", mmd.to_str().unwrap(), "-o", out.to_str().unwrap()]);
    assert!(o.status.success(), "{}", String::from_utf8_lossy(&o.stderr));
    let err = String::from_utf8_lossy(&o.stderr);
    assert!(
        err.contains("c.mmd:4:"),
        "unknown syntax is reported with line and column: {err}"
    );
    let board = archboard::io::load(&out).unwrap().board;
    assert_eq!(board.nodes.len(), 3);
    assert!(board.nodes.iter().any(|n| n.service == "database"));
    let back = dir.join("back.mmd");
    assert!(
        archboard(&["export", out.to_str().unwrap(), "-o", back.to_str().unwrap()])
            .status
            .success()
    );
    assert!(std::fs::read_to_string(&back).unwrap().contains("Router"));
    let binary = dir.join("b.mmd");
    std::fs::write(&binary, [0xff, 0xfe, 0x00]).unwrap();
    assert_eq!(
        archboard(&[
            "import",
            binary.to_str().unwrap(),
            "-o",
            dir.join("z.ron").to_str().unwrap()
        ])
        .status
        .code(),
        Some(2)
    );
}

/// A fixture from `tests/fixtures/drawio/` (draw.io's own published AWS templates).
fn drawio_fixture(name: &str) -> String {
    format!("{}/tests/fixtures/drawio/{name}", env!("CARGO_MANIFEST_DIR"))
}

#[test]
fn import_and_check_read_a_published_draw_io_diagram() {
    let tmp = temp();
    let dir = tmp.path();
    let src = drawio_fixture("aws_4.drawio");
    let out = dir.join("aws4.ron");
    let o = archboard(&["import", &src, "-o", out.to_str().unwrap()]);
    assert!(o.status.success(), "{}", String::from_utf8_lossy(&o.stderr));
    let board = archboard::io::load(&out).unwrap();
    assert!(board.warnings.is_empty(), "{:?}", board.warnings);
    assert_eq!(board.board.nodes.len(), 15);
    assert!(board.board.nodes.iter().any(|n| n.service == "api_gateway"));
    assert_eq!(
        board.board.title, "aws_4",
        "a diagram without a title takes the file name"
    );
    let o = archboard(&["check", &src, "--format", "json", "--fail-on", "never"]);
    assert!(o.status.success(), "{}", String::from_utf8_lossy(&o.stderr));
    let report: serde_json::Value = serde_json::from_slice(&o.stdout).expect("JSON");
    assert_eq!(report["file"], src.as_str());
    assert!(report["findings"].as_array().is_some_and(|f| !f.is_empty()));
    // A page that is not there: exit 2, one line naming the file.
    let o = archboard(&["check", &src, "--page", "2"]);
    assert_eq!(o.status.code(), Some(2));
    let err = String::from_utf8_lossy(&o.stderr);
    assert!(err.contains("aws_4.drawio") && err.contains("no page 2"), "{err}");
    let o = archboard(&[
        "import",
        &src,
        "-o",
        dir.join("p1.ron").to_str().unwrap(),
        "--page",
        "1",
    ]);
    assert!(o.status.success(), "{}", String::from_utf8_lossy(&o.stderr));
}

#[test]
fn export_writes_draw_io_and_excalidraw_that_import_back() {
    let tmp = temp();
    let dir = tmp.path();
    let board = new_preset(dir, "cell_based");
    let original = archboard::io::load(&board).unwrap().board;
    for ext in ["drawio", "excalidraw"] {
        let out = dir.join(format!("b.{ext}"));
        let o = archboard(&["export", board.to_str().unwrap(), "-o", out.to_str().unwrap()]);
        assert!(o.status.success(), "{ext}: {}", String::from_utf8_lossy(&o.stderr));
        let back = dir.join(format!("back-{ext}.ron"));
        let o = archboard(&["import", out.to_str().unwrap(), "-o", back.to_str().unwrap()]);
        assert!(o.status.success(), "{ext}: {}", String::from_utf8_lossy(&o.stderr));
        assert!(
            o.stderr.is_empty(),
            "{ext}: no warnings: {}",
            String::from_utf8_lossy(&o.stderr)
        );
        let again = archboard::io::load(&back).unwrap().board;
        let services = |b: &archboard::model::Board| -> Vec<(String, String)> {
            b.nodes.iter().map(|n| (n.id.clone(), n.service.clone())).collect()
        };
        assert_eq!(services(&again), services(&original), "{ext}");
        assert_eq!(again.edges, original.edges, "{ext}");
        assert_eq!(again.groups.len(), original.groups.len(), "{ext}");
        // check reads the exported file directly, naming the same findings
        let a = archboard(&["check", out.to_str().unwrap(), "--format", "json", "--fail-on", "never"]);
        let b = archboard(&[
            "check",
            board.to_str().unwrap(),
            "--format",
            "json",
            "--fail-on",
            "never",
        ]);
        let rules = |o: &Output| -> Vec<String> {
            let v: serde_json::Value = serde_json::from_slice(&o.stdout).expect("JSON");
            v["findings"]
                .as_array()
                .into_iter()
                .flatten()
                .map(|f| f["rule"].to_string())
                .collect()
        };
        assert_eq!(rules(&a), rules(&b), "{ext}");
    }
    let o = archboard(&[
        "export",
        board.to_str().unwrap(),
        "-o",
        dir.join("b.pdf").to_str().unwrap(),
    ]);
    assert_eq!(o.status.code(), Some(2));
    assert!(String::from_utf8_lossy(&o.stderr).contains(".drawio or .excalidraw"));
}

/// A board that states its load: 1,200 requests/s at peak (400 on average) through API Gateway
/// and a Lambda function into a `DynamoDB` table.
const LOADED: &str = r#"(
    format: 2,
    title: "Orders",
    nodes: [
        (id: "users", service: "client", label: "Customers", at: (0.0, 0.0), props: {"avg_rps": "400", "rps": "1200"}),
        (id: "api", service: "api_gateway", label: "Orders API", at: (220.0, 0.0)),
        (id: "fn", service: "lambda", label: "Orders", at: (440.0, 0.0)),
        (id: "db", service: "dynamodb", label: "Orders table", at: (660.0, 0.0)),
    ],
    edges: [
        (from: "users", to: "api"),
        (from: "api", to: "fn"),
        (from: "fn", to: "db"),
    ],
)
"#;

#[test]
fn check_prints_the_numbers_object_of_the_contract() {
    let tmp = temp();
    let dir = tmp.path();
    let path = dir.join("orders.ron");
    std::fs::write(&path, LOADED).unwrap();
    let p = path.to_str().unwrap();
    let o = archboard(&["check", p, "--format", "json", "--fail-on", "never"]);
    assert_eq!(o.status.code(), Some(0), "{}", String::from_utf8_lossy(&o.stderr));
    let v: serde_json::Value = serde_json::from_slice(&o.stdout).expect("JSON");
    let n = &v["numbers"];
    assert_eq!(n["load_factor"], serde_json::json!(1));
    // By hand: a month is 730 h = 2,628,000 s; the average is 400 requests/s.
    let requests = 400.0 * 2_628_000.0;
    let api = requests / 1e6 * 3.50;
    let lambda = requests / 1e6 * 0.20 + requests * (128.0 / 1024.0) * 0.1 * 0.0000166667;
    let table = requests / 1e6 * 0.625;
    assert_eq!(n["nodes"]["users"], serde_json::json!({"rps": 1200}));
    assert_eq!(n["nodes"]["api"]["rps"], serde_json::json!(1200));
    assert_eq!(n["nodes"]["fn"]["concurrency"], serde_json::json!(120));
    assert_eq!(n["nodes"]["db"]["wcu"], serde_json::json!(1200));
    assert_eq!(n["nodes"]["db"]["rcu"], serde_json::json!(0));
    assert_eq!(n["nodes"]["db"]["partitions"], serde_json::json!(2));
    let close = |value: &serde_json::Value, expected: f64| {
        let got = value.as_f64().unwrap_or(f64::NAN);
        assert!((got - expected).abs() < 1e-6 * expected.max(1.0), "{got} != {expected}");
    };
    close(&n["nodes"]["api"]["monthly_usd"], api);
    close(&n["nodes"]["fn"]["monthly_usd"], lambda);
    close(&n["nodes"]["db"]["monthly_usd"], table);
    close(&n["monthly_usd"], api + lambda + table);
    close(
        &n["usd_per_million_requests"],
        (api + lambda + table) / (requests / 1e6),
    );
    let keys: Vec<&String> = n["nodes"].as_object().unwrap().keys().collect();
    assert_eq!(keys, ["api", "db", "fn", "users"], "node ids sorted");
    assert!(
        n["nodes"]["api"].get("concurrency").is_none(),
        "only the figures that apply"
    );

    // Ten times the load: API Gateway passes its 10,000 requests/s and Lambda its 1,000.
    let o = archboard(&["check", p, "--format", "json", "--load-factor", "10"]);
    assert_eq!(o.status.code(), Some(1), "new warnings fail");
    let v: serde_json::Value = serde_json::from_slice(&o.stdout).expect("JSON");
    assert_eq!(v["numbers"]["load_factor"], serde_json::json!(10));
    assert_eq!(v["numbers"]["nodes"]["api"]["rps"], serde_json::json!(12000));
    let over: Vec<&serde_json::Value> = v["findings"]
        .as_array()
        .unwrap()
        .iter()
        .filter(|f| f["rule"] == "performance.over_limit")
        .collect();
    assert_eq!(over.len(), 2, "{over:?}");
    assert!(over[0]["message"].as_str().unwrap().contains("12,000 requests/s"));

    // The text report prints the totals.
    let o = archboard(&["check", p, "--fail-on", "never"]);
    let text = String::from_utf8(o.stdout).unwrap();
    assert!(text.contains("numbers: 1,200 requests/s at peak in, $"), "{text}");
    assert!(text.contains("per million requests"), "{text}");
    assert!(text.contains("fn: 1,200 requests/s at peak, concurrency 120"), "{text}");
}

#[test]
fn a_bad_load_factor_is_exit_two_with_one_line() {
    let tmp = temp();
    let dir = tmp.path();
    let path = dir.join("orders.ron");
    std::fs::write(&path, LOADED).unwrap();
    for bad in ["0", "-1", "lots", "inf", "NaN", ""] {
        let o = archboard(&["check", path.to_str().unwrap(), "--load-factor", bad]);
        assert_eq!(o.status.code(), Some(2), "{bad}");
        let err = String::from_utf8_lossy(&o.stderr);
        assert_eq!(err.trim().lines().count(), 1, "{bad}: {err}");
        assert!(err.contains("--load-factor"), "{bad}: {err}");
        assert!(o.stdout.is_empty(), "{bad}: nothing reviewed");
    }
}

#[test]
fn check_reviews_a_template_naming_logical_ids_and_lines() {
    let t = format!(
        "{}/tests/fixtures/iac/sam-apigw-lambda-dynamodb.yaml",
        env!("CARGO_MANIFEST_DIR")
    );
    let o = archboard(&["check", &t]);
    assert_eq!(o.status.code(), Some(1), "{}", String::from_utf8_lossy(&o.stderr));
    let out = String::from_utf8_lossy(&o.stdout);
    assert!(out.contains("security.no_auth"), "{out}");
    assert!(
        out.contains("sam-apigw-lambda-dynamodb.yaml:22 (DynamoDBTable)"),
        "{out}"
    );
    let o = archboard(&["check", &t, "--format", "json", "--fail-on", "never"]);
    assert_eq!(o.status.code(), Some(0));
    let v: serde_json::Value = serde_json::from_slice(&o.stdout).expect("JSON");
    let backup = v["findings"]
        .as_array()
        .and_then(|f| f.iter().find(|f| f["rule"] == "reliability.no_backup"))
        .cloned()
        .unwrap_or_default();
    assert_eq!(backup["nodes"], serde_json::json!(["DynamoDBTable"]));
    assert_eq!(backup["locations"][0]["line"], 22);
    assert_eq!(backup["locations"][0]["node"], "DynamoDBTable");
}

#[test]
fn check_and_import_read_a_terraform_folder() {
    let dir = format!(
        "{}/tests/fixtures/iac/tf-fifo-sns-sqs-lambda-firehose-s3",
        env!("CARGO_MANIFEST_DIR")
    );
    let o = archboard(&["check", &dir, "--fail-on", "error"]);
    assert_eq!(o.status.code(), Some(0), "{}", String::from_utf8_lossy(&o.stderr));
    let out = String::from_utf8_lossy(&o.stdout);
    assert!(out.contains("(module.aws_sqs_queue.aws_sqs_queue.queue)"), "{out}");
    let tmp = temp();
    let board = tmp.path().join("fifo.ron");
    let o = archboard(&["import", &dir, "-o", board.to_str().expect("utf-8 path")]);
    assert!(o.status.success(), "{}", String::from_utf8_lossy(&o.stderr));
    let o = archboard(&["check", board.to_str().expect("utf-8 path"), "--fail-on", "never"]);
    assert!(o.status.success());
    assert!(
        o.stderr.is_empty(),
        "an imported board opens without a warning: {}",
        String::from_utf8_lossy(&o.stderr)
    );
}

#[test]
fn a_broken_template_is_exit_two_with_file_line_and_column() {
    let tmp = temp();
    let t = tmp.path().join("broken.yaml");
    std::fs::write(
        &t,
        "AWSTemplateFormatVersion: '2010-09-09'\nResources:\n  Q:\n    Type: [AWS::SQS::Queue\n",
    )
    .expect("writes");
    let o = archboard(&["check", t.to_str().expect("utf-8 path")]);
    assert_eq!(o.status.code(), Some(2));
    let err = String::from_utf8_lossy(&o.stderr);
    assert!(err.starts_with(&format!("archboard: {}:", t.display())), "{err}");
    assert_eq!(err.lines().count(), 1, "{err}");
}

/// A board with a recorded round: five services added one by one, then connected.
fn round_board(dir: &Path) -> PathBuf {
    use archboard::model::{Board, Edge, Node, Point, RoundRecord};
    use archboard::practice::replay::Recorder;

    let mut board = Board::new("Serverless blog");
    let mut record = RoundRecord {
        question: "Serverless blog".into(),
        minutes: 45.0,
        phase_starts: vec![0.0, 300.0],
        elapsed: 900.0,
        ended: true,
        ..RoundRecord::default()
    };
    let mut recorder = Recorder::new(&board, &record);
    let mut ids = Vec::new();
    for (i, service) in ["client", "cloudfront", "api_gateway", "lambda", "dynamodb"]
        .iter()
        .enumerate()
    {
        board
            .nodes
            .push(Node::new(*service, *service, "", Point(i as f32 * 200.0, 0.0)));
        recorder.record(&board, 60.0 * i as f64, &mut record);
        ids.push((*service).to_owned());
    }
    for (k, pair) in ids.windows(2).enumerate() {
        board.edges.push(Edge {
            from: pair[0].clone(),
            to: pair[1].clone(),
            ..Edge::default()
        });
        recorder.record(&board, 400.0 + 30.0 * k as f64, &mut record);
    }
    board.round = Some(record);
    let path = dir.join("round.archboard.ron");
    archboard::io::save(&path, &board).expect("saves");
    path
}

#[test]
fn export_replays_a_round_as_a_gif_or_frames_and_adds_the_scorecard_to_a_png() {
    let dir = temp();
    let board = round_board(dir.path());
    let board = board.to_str().unwrap();
    let gif = dir.path().join("round.gif");
    let o = archboard(&["export", board, "--replay", gif.to_str().unwrap()]);
    assert!(o.status.success(), "{}", String::from_utf8_lossy(&o.stderr));
    let decoder = image::codecs::gif::GifDecoder::new(std::io::BufReader::new(std::fs::File::open(&gif).unwrap()))
        .expect("a GIF");
    let frames = image::AnimationDecoder::into_frames(decoder)
        .collect_frames()
        .expect("frames");
    assert_eq!(frames.len(), 9, "one frame per change: five nodes, four edges");
    let (first, last) = (frames[0].buffer(), frames[8].buffer());
    assert_eq!(first.dimensions(), last.dimensions(), "every frame framed alike");
    assert_ne!(first.as_raw(), last.as_raw(), "the design grows");

    let folder = dir.path().join("frames");
    let o = archboard(&["export", board, "--replay", folder.to_str().unwrap()]);
    assert!(o.status.success(), "{}", String::from_utf8_lossy(&o.stderr));
    let mut names: Vec<String> = std::fs::read_dir(&folder)
        .unwrap()
        .map(|e| e.unwrap().file_name().to_string_lossy().into_owned())
        .collect();
    names.sort();
    assert_eq!(names.len(), 9);
    assert_eq!(
        (names[0].as_str(), names[8].as_str()),
        ("frame-0001.png", "frame-0009.png")
    );

    let plain = dir.path().join("plain.png");
    let card = dir.path().join("card.png");
    for (out, extra) in [(&plain, None), (&card, Some("--scorecard"))] {
        let mut args = vec!["export", board, "-o", out.to_str().unwrap()];
        args.extend(extra);
        let o = archboard(&args);
        assert!(o.status.success(), "{}", String::from_utf8_lossy(&o.stderr));
    }
    let (plain, card) = (image::open(&plain).unwrap(), image::open(&card).unwrap());
    assert!(
        card.width() >= plain.width() + 560,
        "{} vs {}",
        card.width(),
        plain.width()
    );

    // a board without a round says so, and --scorecard wants a PNG
    let bare = new_preset(dir.path(), "starter_url_shortener");
    let o = archboard(&["export", bare.to_str().unwrap(), "--replay", gif.to_str().unwrap()]);
    assert_eq!(o.status.code(), Some(2));
    assert!(
        String::from_utf8_lossy(&o.stderr).contains("no practice round"),
        "{}",
        String::from_utf8_lossy(&o.stderr)
    );
    let svg = dir.path().join("x.svg");
    let o = archboard(&["export", board, "-o", svg.to_str().unwrap(), "--scorecard"]);
    assert_eq!(o.status.code(), Some(2));
    let o = archboard(&["export", board]);
    assert_eq!(o.status.code(), Some(2), "an output or a replay is needed");
}
