//! CloudFormation, SAM and CDK output (`cdk.out/*.template.json`) as a reviewed board.
//!
//! Resources become boxes by their type (`assets/cloudformation.ron`); IAM, permissions,
//! outputs and parameters do not. Edges are data flow, not references: event sources point at
//! the function they feed, a function points at the tables, buckets, queues and topics its
//! environment or its policies name, a queue at its dead-letter queue, a topic at its
//! subscribers, a rule at its targets, an API at its integrations, a state machine at the
//! functions its definition names, a CloudFront distribution at its origins. VPCs and subnets
//! become groups by membership. The props the review reads (encryption, multi-AZ, billing mode,
//! point-in-time recovery, WAF, authorizers, reserved concurrency) are filled from what the
//! template states, so a template that is configured well gets no warnings. Node ids are the
//! logical ids, so `check` names findings as the template does.

mod parse;
mod read;

#[cfg(test)]
mod tests;

use std::collections::BTreeMap;
use std::sync::OnceLock;

use crate::interop::Problem;
use crate::interop::infra::{self, Origin, Table};
use crate::model::Board;

pub use parse::{MAX_DEPTH, MAX_VALUES};

/// The resource type table, parsed once.
pub(crate) fn table() -> &'static Table {
    static TABLE: OnceLock<Table> = OnceLock::new();
    TABLE.get_or_init(|| Table::parse(include_str!("../../../assets/cloudformation.ron"), "CloudFormation"))
}

/// A board read from a template, with warnings and where each node is defined.
#[derive(Debug)]
pub struct Imported {
    /// Laid out left to right.
    pub board: Board,
    /// Resource types drawn as generic boxes, references that lead nowhere, ...
    pub warnings: Vec<Problem>,
    /// Node id -> where its resource is defined.
    pub origins: BTreeMap<String, Origin>,
}

/// Whether `text` looks like a CloudFormation template: it names the template format version,
/// the SAM transform, or has resources of an `AWS::` type.
pub fn looks_like_template(text: &str) -> bool {
    text.contains("AWSTemplateFormatVersion")
        || text.contains("AWS::Serverless-2016-10-31")
        || (text.contains("Resources") && (text.contains("Type: AWS::") || text.contains("\"Type\": \"AWS::")))
        || (text.contains("Resources") && text.contains("\"Type\":\"AWS::"))
}

/// Reads a template (YAML or JSON) into a laid-out board. `file` names it in the origins.
///
/// Refuses text that does not parse (with its line and column), nests deeper than
/// [`MAX_DEPTH`], expands past [`MAX_VALUES`] through aliases, or has no `Resources` map; what
/// it cannot draw is a warning. Never panics.
pub fn import(text: &str, file: &str) -> Result<Imported, Problem> {
    let root = parse::parse(text)?;
    let resources = root.get("Resources");
    if resources.entries().is_empty() {
        return Err(Problem::new(
            root.line.max(1),
            root.col.max(1),
            "no Resources section: not a CloudFormation template",
        ));
    }
    let title = root
        .get("Description")
        .str()
        .map(|d| d.lines().next().unwrap_or_default().trim().to_owned())
        .filter(|d| !d.is_empty() && d.chars().count() <= 120)
        .unwrap_or_default();
    let mut warnings = Vec::new();
    let (resources, links) = read::read(&root, file, &mut warnings);
    let (board, origins) = infra::build(&title, &resources, &links, &mut warnings);
    Ok(Imported {
        board,
        warnings,
        origins,
    })
}
