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

fn temp() -> PathBuf {
    tempfile::tempdir().expect("temp dir").keep()
}

fn new_preset(dir: &Path, id: &str) -> PathBuf {
    let out = dir.join(format!("{id}.ron"));
    let o = archboard(&["new", "--preset", id, "-o", out.to_str().unwrap()]);
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
    let dir = temp();
    let path = new_preset(&dir, "cell_based");
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

#[test]
fn check_reports_json_and_exits_by_fail_on() {
    let dir = temp();
    let path = new_preset(&dir, "microservices");
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
    let dir = temp();
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
    let dir = temp();
    let path = new_preset(&dir, "realtime_analytics");
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
    let dir = temp();
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
