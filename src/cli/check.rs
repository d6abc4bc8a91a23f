//! `archboard check`: the review of each board, for people (text) or tools (JSON).

use std::path::PathBuf;
use std::process::ExitCode;

use super::{FailOn, Failure, OutputFormat, load};
use crate::catalog::Catalog;
use crate::critique::{self, Finding, Review, Severity};

/// Reviews every file; bad input stops the run with exit 2 after the files before it printed.
pub fn run(files: &[PathBuf], format: OutputFormat, fail_on: FailOn) -> Result<ExitCode, Failure> {
    let mut failed = false;
    for file in files {
        let board = load(file)?;
        let review = critique::review(&board, Catalog::builtin());
        let shown = file.display().to_string();
        match format {
            OutputFormat::Json => println!("{}", json(&shown, &review)),
            OutputFormat::Text => print!("{}", text(&shown, &review)),
        }
        failed |= review
            .findings
            .iter()
            .any(|f| f.accepted.is_none() && fail_on.fails(f.severity));
    }
    Ok(if failed { ExitCode::from(1) } else { ExitCode::SUCCESS })
}

fn severity_name(s: Severity) -> &'static str {
    match s {
        Severity::Error => "error",
        Severity::Warning => "warning",
        Severity::Info => "info",
    }
}

/// The JSON object DESIGN.md specifies for one file.
pub fn json(file: &str, review: &Review) -> serde_json::Value {
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
    })
}

/// A readable report: a summary line, then one finding per line with its reason below.
pub fn text(file: &str, review: &Review) -> String {
    use std::fmt::Write;
    let [error, warning, info] = review.counts();
    let accepted = review.findings.iter().filter(|f| f.accepted.is_some()).count();
    let mut out = format!("{file}: {error} errors, {warning} warnings, {info} info");
    if accepted > 0 {
        write!(out, ", {accepted} accepted").ok();
    }
    out.push('\n');
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
