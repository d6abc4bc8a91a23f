//! `archboard check`: the review of each board, for people (text) or tools (JSON).
//!
//! JSON figures keep full `f64` precision; a whole number is written without a fraction
//! (`1200`, not `1200.0`), as DESIGN.md shows them.

use std::path::PathBuf;
use std::process::ExitCode;

use std::collections::BTreeMap;

use super::{FailOn, Failure, OutputFormat, Stop, load_imported};
use crate::catalog::Catalog;
use crate::console;
use crate::critique::{self, Finding, Review, Severity};
use crate::interop::Origin;
use crate::model::Board;
use crate::numbers::{Numbers, parse_number, readable};

/// Reads `--load-factor`: a finite number above 0.
pub(super) fn load_factor(text: &str) -> Result<f64, Failure> {
    match parse_number(text) {
        Some(f) if f > 0.0 => Ok(f),
        _ => Err(Failure(format!(
            "--load-factor must be a number above 0 (e.g. 10), not \"{text}\""
        ))),
    }
}

/// Reviews every file at `load_factor`; bad input stops the run with exit 2 after the files
/// before it printed.
pub(super) fn run(
    files: &[PathBuf],
    format: OutputFormat,
    fail_on: FailOn,
    load_factor: f64,
    options: crate::interop::ReadOptions,
) -> Result<ExitCode, Stop> {
    let mut failed = false;
    for file in files {
        let imported = load_imported(file, options)?;
        let board = imported.board;
        let review = critique::review_at(&board, Catalog::builtin(), load_factor);
        let shown = file.display().to_string();
        match format {
            OutputFormat::Json => {
                let mut v = json(&shown, &board, &review);
                add_locations(&mut v, &review, &imported.origins);
                console::print(&format!("{v}\n"))?;
            }
            OutputFormat::Text => console::print(&with_locations(
                &text(&shown, &board, &review),
                &review,
                &imported.origins,
            ))?,
        }
        failed |= review
            .findings
            .iter()
            .any(|f| f.accepted.is_none() && fail_on.fails(f.severity));
    }
    Ok(if failed { ExitCode::from(1) } else { ExitCode::SUCCESS })
}

/// `file:line` of each node of a finding, in the finding's order, for sources that say where
/// their resources are defined (templates).
fn locations<'a>(
    f: &'a Finding,
    origins: &'a BTreeMap<String, Origin>,
) -> impl Iterator<Item = (&'a String, &'a Origin)> + 'a {
    f.nodes
        .iter()
        .filter_map(|n| origins.get(n).filter(|o| o.line > 0).map(|o| (n, o)))
}

/// Adds `"locations": [{"node", "file", "line", "col"}]` to each finding of a template's JSON
/// report, so CI annotations can point at the resource.
fn add_locations(v: &mut serde_json::Value, review: &Review, origins: &BTreeMap<String, Origin>) {
    if origins.is_empty() {
        return;
    }
    let Some(findings) = v.get_mut("findings").and_then(|f| f.as_array_mut()) else {
        return;
    };
    for (out, f) in findings.iter_mut().zip(&review.findings) {
        let at: Vec<serde_json::Value> = locations(f, origins)
            .map(|(n, o)| serde_json::json!({"node": n, "file": o.file, "line": o.line, "col": o.col}))
            .collect();
        out["locations"] = serde_json::Value::Array(at);
    }
}

/// The text report with a `where:` line under each finding of a template: the file and line of
/// each resource it names.
fn with_locations<'a>(
    report: &'a str,
    review: &Review,
    origins: &BTreeMap<String, Origin>,
) -> std::borrow::Cow<'a, str> {
    if origins.is_empty() {
        return std::borrow::Cow::Borrowed(report);
    }
    let mut out = String::with_capacity(report.len());
    let mut findings = review.findings.iter();
    for line in report.lines() {
        out.push_str(line);
        out.push('\n');
        // Each finding ends with its "why:" or "accepted because:" line.
        if (line.contains(" why: ") || line.contains(" accepted because: "))
            && let Some(f) = findings.next()
        {
            let at: Vec<String> = locations(f, origins)
                .map(|(n, o)| format!("{}:{} ({n})", o.file, o.line))
                .collect();
            if !at.is_empty() {
                out.push_str(&format!("  {:<8} {:<40} where: {}\n", "", "", at.join(", ")));
            }
        }
    }
    std::borrow::Cow::Owned(out)
}

fn severity_name(s: Severity) -> &'static str {
    match s {
        Severity::Error => "error",
        Severity::Warning => "warning",
        Severity::Info => "info",
    }
}

/// A figure as JSON: whole numbers as integers, others with full precision.
fn figure(x: f64) -> serde_json::Value {
    if x.fract() == 0.0 && x.abs() < 9_007_199_254_740_992.0 {
        serde_json::json!(x as i64)
    } else {
        serde_json::json!(x)
    }
}

/// The `numbers` object of DESIGN.md: the load factor, each node's applicable figures by id
/// (sorted), the monthly total and the cost per million requests (`null` when no source states
/// a load).
pub(super) fn numbers_json(board: &Board, numbers: &Numbers) -> serde_json::Value {
    let mut nodes = serde_json::Map::new();
    for (node, f) in board.nodes.iter().zip(&numbers.nodes) {
        let mut v = serde_json::Map::new();
        if let Some(peak) = f.peak() {
            v.insert("rps".into(), figure(peak));
        }
        for (key, count) in [
            ("concurrency", f.concurrency),
            ("shards", f.shards),
            ("wcu", f.wcu),
            ("rcu", f.rcu),
            ("partitions", f.partitions),
        ] {
            if let Some(c) = count {
                v.insert(key.into(), serde_json::json!(c));
            }
        }
        if let Some(usd) = f.monthly_usd {
            v.insert("monthly_usd".into(), figure(usd));
        }
        if !v.is_empty() {
            nodes.insert(node.id.clone(), serde_json::Value::Object(v));
        }
    }
    serde_json::json!({
        "load_factor": figure(numbers.load_factor),
        "nodes": nodes,
        "monthly_usd": figure(numbers.monthly_usd),
        "usd_per_million_requests": numbers.usd_per_million_requests.map_or(serde_json::Value::Null, figure),
    })
}

/// The JSON object DESIGN.md specifies for one file.
pub(super) fn json(file: &str, board: &Board, review: &Review) -> serde_json::Value {
    let finding = |f: &Finding| {
        let mut v = serde_json::json!({
            "rule": f.rule,
            "pillar": f.pillar,
            "severity": severity_name(f.severity),
            "message": f.message,
            "nodes": f.nodes,
            "reason": f.reason,
        });
        if let Some(why) = &f.accepted {
            v["accepted"] = serde_json::json!(why);
        }
        v
    };
    let checklist: serde_json::Map<String, serde_json::Value> = review
        .checklist
        .iter()
        .map(|c| (c.id.to_owned(), serde_json::json!(c.ticked)))
        .collect();
    let [error, warning, info] = review.counts();
    serde_json::json!({
        "file": file,
        "findings": review.findings.iter().map(finding).collect::<Vec<_>>(),
        "checklist": checklist,
        "summary": {"error": error, "warning": warning, "info": info},
        "numbers": numbers_json(board, &review.numbers),
    })
}

/// A readable report: a summary line, the numbers when the board states load or cost (totals,
/// then each node's capacity figures), then one finding per line with its reason below; the
/// capacity findings (over_limit, under_provisioned, ...) are among them.
pub(super) fn text(file: &str, board: &Board, review: &Review) -> String {
    use std::fmt::Write;
    let [error, warning, info] = review.counts();
    let accepted = review.findings.iter().filter(|f| f.accepted.is_some()).count();
    let mut out = format!("{file}: {error} errors, {warning} warnings, {info} info");
    if accepted > 0 {
        write!(out, ", {accepted} accepted").ok();
    }
    out.push('\n');
    let numbers = &review.numbers;
    if numbers.states_load || numbers.states_cost {
        let peak_in = numbers.peak_in(board);
        let mut line = String::from("  numbers: ");
        if peak_in > 0.0 {
            write!(line, "{} requests/s at peak in, ", readable(peak_in)).ok();
        }
        write!(line, "${}/month", readable(numbers.monthly_usd)).ok();
        if let Some(per) = numbers.usd_per_million_requests {
            write!(line, ", ${} per million requests", readable(per)).ok();
        }
        if numbers.load_factor != 1.0 {
            write!(line, " (load x{})", readable(numbers.load_factor)).ok();
        }
        writeln!(out, "{line}").ok();
        for (node, f) in board.nodes.iter().zip(&numbers.nodes) {
            let units: Vec<String> = [
                ("concurrency", f.concurrency),
                ("shards", f.shards),
                ("WCU", f.wcu),
                ("RCU", f.rcu),
                ("partitions", f.partitions),
            ]
            .iter()
            .filter_map(|(name, v)| v.map(|v| format!("{name} {}", readable(v as f64))))
            .collect();
            if let (Some(peak), false) = (f.peak(), units.is_empty()) {
                writeln!(
                    out,
                    "    {}: {} requests/s at peak, {}",
                    node.id,
                    readable(peak),
                    units.join(", ")
                )
                .ok();
            }
        }
    }
    for f in &review.findings {
        let sev = if f.accepted.is_some() {
            "accepted"
        } else {
            severity_name(f.severity)
        };
        writeln!(out, "  {sev:<8} {:<40} {}", f.rule, f.message).ok();
        match &f.accepted {
            Some(why) => writeln!(out, "  {:<8} {:<40} accepted because: {why}", "", "").ok(),
            None => writeln!(out, "  {:<8} {:<40} why: {}", "", "", f.reason).ok(),
        };
    }
    out
}
