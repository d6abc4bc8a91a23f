//! Files: round trips, migrations, refusals and repairs.

use super::*;
use crate::model::{EdgeMode, EdgeStyle, FORMAT, NodeStyle};

const FORMAT1: &str = include_str!("../../tests/fixtures/format1.ron");
const FORMAT0: &str = include_str!("../../tests/fixtures/format0.ron");
const FORMAT2: &str = include_str!("../../tests/fixtures/format2.ron");

#[test]
fn the_design_example_loads_as_written() {
    let b = parse(FORMAT1, "f.ron").expect("loads").board;
    assert_eq!(b.title, "Orders");
    assert_eq!(b.nodes.len(), 3);
    assert_eq!(b.nodes[1].prop("auth"), Some("cognito"));
    assert_eq!(b.nodes[2].group.as_deref(), Some("az_a"));
    assert_eq!(b.edges[0].label, "HTTPS");
    assert_eq!(b.groups[1].parent.as_deref(), Some("region"));
    assert_eq!(b.checklist.get("data_model"), Some(&true));
    assert_eq!(b.accepted[0].rule, "security.no_waf");
}

#[test]
fn save_then_load_is_the_identity_and_text_is_stable() {
    let b = parse(FORMAT1, "f.ron").unwrap().board;
    let text = to_ron(&b).unwrap();
    let again = parse(&text, "g.ron").unwrap();
    assert!(again.warnings.is_empty(), "{:?}", again.warnings);
    assert_eq!(again.board, b);
    assert_eq!(to_ron(&again.board).unwrap(), text, "saving twice gives the same text");
    // readable: optional fields as people write them, one node per line
    assert!(text.contains(r#"group: "az_a""#), "{text}");
    assert!(!text.contains("Some("), "{text}");
    assert!(
        text.contains(r#"(id: "users", service: "client", label: "Customers", at: (0.0, 0.0)),"#),
        "{text}"
    );
    assert!(text.starts_with("(\n    format: 3,"), "{text}");
}

#[test]
fn format_one_loads_unchanged_and_saves_as_format_three() {
    let b = parse(FORMAT1, "f.ron").unwrap().board;
    assert_eq!(b.format, 3);
    assert!(b.edges.iter().all(|e| e.props.is_empty() && e.style.is_none()));
    // an older board keeps the look it was drawn with, and says so in the file
    assert_eq!((b.node_style, b.edge_style), (NodeStyle::Card, EdgeStyle::Straight));
    let text = to_ron(&b).unwrap();
    assert!(
        !text.contains("props: {}"),
        "edges without props are written as before: {text}"
    );
    assert!(
        text.contains(r#"(from: "users", to: "api", label: "HTTPS"),"#),
        "{text}"
    );
    assert!(
        text.contains("node_style: card,") && text.contains("edge_style: straight,"),
        "{text}"
    );
}

#[test]
fn format_three_boards_default_to_aws_icons_and_right_angles() {
    let text = "(format: 3, nodes: [(id: \"a\", service: \"s3\", at: (0.0, 0.0)), (id: \"b\", service: \"sqs\", at: (200.0, 0.0))],\n edges: [(from: \"a\", to: \"b\", style: curved)])";
    let b = parse(text, "f3.ron").unwrap().board;
    assert_eq!((b.node_style, b.edge_style), (NodeStyle::Icon, EdgeStyle::RightAngle));
    assert_eq!(b.edges[0].style, Some(EdgeStyle::Curved));
    assert_eq!(crate::model::Board::new("x").node_style, NodeStyle::Icon);
    let again = to_ron(&b).unwrap();
    assert!(
        !again.contains("node_style") && again.contains("style: curved"),
        "{again}"
    );
    assert_eq!(parse(&again, "g.ron").unwrap().board, b);
}

#[test]
fn format_two_keeps_edge_props_one_edge_per_line() {
    let b = parse(FORMAT2, "f2.ron").expect("loads").board;
    assert_eq!(b.format, FORMAT);
    assert_eq!(b.edges[2].prop("share"), Some("0.75"));
    assert_eq!(b.edges[2].prop("op"), Some("read"));
    assert_eq!(b.edges[3].prop("rps"), Some("300"));
    assert_eq!(b.edges[3].mode, EdgeMode::Async);
    assert_eq!(b.edges[0].prop("rps"), None);
    let text = to_ron(&b).unwrap();
    assert!(
        text.contains(r#"(from: "fn", to: "db", label: "writes", mode: async, props: {"rps": "300"}),"#),
        "{text}"
    );
    let again = parse(&text, "g.ron").unwrap().board;
    assert_eq!(again, b);
    // a format this program does not know yet is refused, not read without its new parts
    let err = parse(&FORMAT2.replace("format: 2", "format: 4"), "f4.ron")
        .unwrap_err()
        .to_string();
    assert!(err.contains("format 4") && err.contains("reads up to 3"), "{err}");
}

#[test]
fn format_zero_migrates() {
    let b = parse(FORMAT0, "old.ron").unwrap().board;
    assert_eq!(b.format, FORMAT);
    assert_eq!(b.nodes[1].service, "api_gateway");
    assert_eq!(b.nodes[2].at.0, 440.0);
    assert_eq!(b.edges[1].mode, EdgeMode::Async);
    assert_eq!(b.edges[0].mode, EdgeMode::Sync);
}

#[test]
fn a_malformed_file_names_file_line_and_column() {
    let text = "(format: 1, nodes: [(id: \"a\", service: \"s3\", label: \"x\", at: (0.0, 0.0)),\n  (id: \"b\" service: \"s3\")])\n";
    let err = parse(text, "bad.ron").unwrap_err().to_string();
    assert!(err.starts_with("bad.ron:2:"), "{err}");
}

#[test]
fn a_newer_file_is_refused_saying_so() {
    let text = FORMAT1.replace("format: 1", "format: 7");
    let err = parse(&text, "new.ron").unwrap_err().to_string();
    assert!(err.contains("newer version"), "{err}");
    // even when the rest no longer parses
    let err = parse("(format: 9, something_new: <<>>)", "n.ron")
        .unwrap_err()
        .to_string();
    assert!(err.contains("newer version"), "{err}");
}

#[test]
fn hostile_text_is_refused_cleanly() {
    for (text, what) in [
        ("", "empty"),
        ("   \n", "empty"),
        ("(format: 1, nodes: [(id: \"a\"", "line"),
        ("\0\0binary", "not a text"),
    ] {
        let err = parse(text, "h.ron").unwrap_err().to_string();
        assert!(err.contains(what) || err.contains("h.ron:"), "{what}: {err}");
    }
    let deep = format!("(format: 1, nodes: {}{})", "[".repeat(200_000), "]".repeat(200_000));
    assert!(parse(&deep, "deep.ron").is_err());
}

#[test]
fn broken_references_are_repaired_with_warnings() {
    let text = r#"(format: 1, nodes: [
        (id: "a", service: "s3", label: "A", at: (NaN, inf)),
        (id: "a", service: "lambda", label: "B", at: (200.0, 0.0), group: "nowhere")],
        edges: [(from: "a", to: "zz")],
        groups: [(id: "g1", kind: vpc, label: "g", parent: "g2", rect: (x: 0.0, y: 0.0, w: 10.0, h: 10.0)),
                 (id: "g2", kind: vpc, label: "h", parent: "g1", rect: (x: 0.0, y: 0.0, w: 10.0, h: 10.0))])"#;
    let loaded = parse(text, "r.ron").unwrap();
    assert!(loaded.warnings.len() >= 4, "{:?}", loaded.warnings);
    assert!(
        crate::model::validate(&loaded.board).is_empty(),
        "{:?}",
        crate::model::validate(&loaded.board)
    );
    assert_eq!(loaded.board.nodes[1].id, "a_2");
    assert!(loaded.board.edges.is_empty());
}

#[test]
fn long_labels_are_cut() {
    let text = format!(
        r#"(format: 1, nodes: [(id: "a", service: "s3", label: "{}", at: (0.0, 0.0))])"#,
        "W".repeat(5_000_000)
    );
    let loaded = parse(&text, "l.ron").unwrap();
    assert!(loaded.board.nodes[0].label.chars().count() <= MAX_LABEL_CHARS + 1);
    assert_eq!(loaded.warnings.len(), 1);
}

#[test]
fn saving_replaces_the_file_whole_and_keeps_permissions() {
    use std::os::unix::fs::PermissionsExt;
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("b.archboard.ron");
    std::fs::write(&path, "old").unwrap();
    std::fs::set_permissions(&path, std::fs::Permissions::from_mode(0o640)).unwrap();
    let b = parse(FORMAT1, "f.ron").unwrap().board;
    save(&path, &b).unwrap();
    assert_eq!(load(&path).unwrap().board, b);
    assert_eq!(std::fs::metadata(&path).unwrap().permissions().mode() & 0o777, 0o640);
    let leftovers = std::fs::read_dir(dir.path()).unwrap().count();
    assert_eq!(leftovers, 1, "no temporary file is left behind");
}

#[test]
fn a_new_file_gets_the_permissions_any_new_file_would() {
    use std::os::unix::fs::PermissionsExt;
    let dir = tempfile::tempdir().unwrap();
    let reference = dir.path().join("reference");
    std::fs::write(&reference, "").unwrap();
    let path = dir.path().join("new.archboard.ron");
    save(&path, &crate::model::Board::new("x")).unwrap();
    let mode = |p: &std::path::Path| std::fs::metadata(p).unwrap().permissions().mode() & 0o777;
    assert_eq!(
        mode(&path),
        mode(&reference),
        "0666 less the umask, not a temporary file's 0600"
    );
}

#[test]
fn a_failed_save_leaves_the_old_contents_and_no_temporary_file() {
    // Renaming a file over a non-empty folder fails for every user, root included.
    let dir = tempfile::tempdir().unwrap();
    let target = dir.path().join("b.ron");
    std::fs::create_dir(&target).unwrap();
    std::fs::write(target.join("inside"), "precious").unwrap();
    let err = save(&target, &crate::model::Board::new("x")).unwrap_err();
    assert!(err.to_string().contains("b.ron"), "{err}");
    assert_eq!(std::fs::read_to_string(target.join("inside")).unwrap(), "precious");
    assert_eq!(
        std::fs::read_dir(dir.path()).unwrap().count(),
        1,
        "the temporary file is removed"
    );
}

#[test]
fn file_names_come_from_titles() {
    assert_eq!(
        file_name_for("Orders API v2!"),
        std::path::PathBuf::from("orders-api-v2.archboard.ron")
    );
    assert_eq!(file_name_for(""), std::path::PathBuf::from("board.archboard.ron"));
}

#[test]
fn a_device_that_never_ends_is_refused_after_the_limit() {
    // /dev/zero reports a size of 0: only the bounded read stops it.
    let e = read_text(std::path::Path::new("/dev/zero")).unwrap_err().to_string();
    assert_eq!(
        e,
        format!(
            "/dev/zero: the file is over {MAX_FILE_BYTES} bytes; archboard reads files up to {MAX_FILE_BYTES} bytes"
        )
    );
}

#[test]
fn bytes_that_are_not_text_are_named_by_line_and_column() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("b.ron");
    std::fs::write(&path, b"(\n  title: \"ab\xff\",\n)").unwrap();
    let e = read_text(&path).unwrap_err().to_string();
    assert!(
        e.ends_with("b.ron:2:13: not a text file (binary data from here: not UTF-8 text)"),
        "{e}"
    );
    let e = parse("(\n title: \"a\0\")", "n.ron").unwrap_err().to_string();
    assert_eq!(e, "n.ron:2:11: not a text file (binary data from here: not UTF-8 text)");
}

#[test]
fn a_folder_is_not_read() {
    let dir = tempfile::tempdir().unwrap();
    let e = read_text(dir.path()).unwrap_err().to_string();
    assert!(e.ends_with("cannot read: it is a folder"), "{e}");
}

#[cfg(unix)]
#[test]
fn saving_through_a_link_replaces_the_file_it_points_to_and_keeps_the_link() {
    let dir = tempfile::tempdir().unwrap();
    let real = dir.path().join("real.ron");
    let link = dir.path().join("link.ron");
    save(&real, &Board::new("old")).unwrap();
    std::os::unix::fs::symlink("real.ron", &link).unwrap();
    save(&link, &Board::new("new")).unwrap();
    assert!(std::fs::symlink_metadata(&link).unwrap().file_type().is_symlink());
    assert_eq!(load(&real).unwrap().board.title, "new");
    // A dangling link: the file it names is created.
    let dangling = dir.path().join("dangling.ron");
    std::os::unix::fs::symlink("made.ron", &dangling).unwrap();
    save(&dangling, &Board::new("made")).unwrap();
    assert_eq!(load(&dir.path().join("made.ron")).unwrap().board.title, "made");
}

#[cfg(unix)]
#[test]
fn saving_keeps_the_owner_where_the_process_may() {
    use std::os::unix::fs::MetadataExt;
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("theirs.ron");
    save(&path, &Board::new("a")).unwrap();
    // Only root may give a file to someone else; as anyone else the owner is ours already.
    let given = std::os::unix::fs::chown(&path, Some(4321), Some(4321)).is_ok();
    let before = std::fs::metadata(&path).unwrap();
    save(&path, &Board::new("b")).unwrap();
    let after = std::fs::metadata(&path).unwrap();
    assert_eq!((after.uid(), after.gid()), (before.uid(), before.gid()));
    if given {
        assert_eq!(after.uid(), 4321);
    }
}

#[test]
fn a_board_too_large_to_open_again_is_not_written() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("big.ron");
    save(&path, &Board::new("old")).unwrap();
    let mut big = Board::new("big");
    let label = "x".repeat(MAX_LABEL_CHARS);
    for i in 0..40_000 {
        big.nodes.push(crate::model::Node::new(
            format!("n{i}"),
            "lambda",
            &label,
            crate::model::Point(0.0, 0.0),
        ));
    }
    let e = save(&path, &big).unwrap_err().to_string();
    assert!(e.contains("more than the 67108864 bytes archboard opens"), "{e}");
    assert_eq!(load(&path).unwrap().board.title, "old");
}

#[test]
fn a_round_log_out_of_bounds_is_cut_and_repaired_with_warnings() {
    use crate::model::{Logged, Node, Point, RoundRecord};
    let mut board = crate::model::Board::new("r");
    let mut wild = Node::new("a", "s3", "x".repeat(3000), Point(f32::NAN, 0.0));
    wild.at = Point(f32::INFINITY, 1.0);
    let mut log = vec![
        Logged {
            t: f64::NAN,
            nodes: vec![wild],
            ..Logged::default()
        };
        2
    ];
    log.extend(std::iter::repeat_n(
        Logged {
            t: 1.0,
            gone: vec!["a".to_owned()],
            ..Logged::default()
        },
        crate::io::MAX_ROUND_LOG,
    ));
    board.round = Some(RoundRecord {
        question: "q".to_owned(),
        minutes: 45.0,
        log,
        ..RoundRecord::default()
    });
    let warnings = crate::io::fit(&mut board, "r.ron").expect("fits");
    assert_eq!(warnings.len(), 2, "{warnings:?}");
    let round = board.round.expect("kept");
    assert_eq!(round.log.len(), crate::io::MAX_ROUND_LOG);
    assert_eq!(round.log[0].t, 0.0);
    assert!(round.log[0].nodes[0].at.is_finite());
    assert!(round.log[0].nodes[0].label.chars().count() <= crate::io::MAX_LABEL_CHARS);
}
