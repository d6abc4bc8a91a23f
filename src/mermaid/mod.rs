//! Mermaid flowcharts in and out: `import` turns a chart into a laid-out board, `export` writes a
//! board as a chart that imports back to the same graph.
//!
//! The seeds and most engineers' notes draw architectures as mermaid flowcharts, so a chart is
//! the quickest way onto a board. Import keeps each node's mermaid id and label and recognises
//! the service from the label through the catalog's names and aliases; subgraphs become groups
//! whose kind is read from their title. Syntax the reader does not know is reported with line and
//! column and skipped; only a text that is not a flowchart at all is refused.
//!
//! Export adds `:::service` to a node, and `class group kind` for a subgraph, only where the label
//! or title would not be recognised as the same service or kind, so exported charts stay clean
//! and still round-trip.

mod parse;
mod write;

#[cfg(test)]
mod tests;

use std::collections::{HashMap, HashSet};

use crate::catalog::{Catalog, Category, GENERIC};
use crate::layout::{self, Direction};
use crate::model::{Board, Edge, EdgeMode, Group, GroupKind, Node, Point, Rect, fresh_id_among};

pub use write::export;

use parse::Shape;

/// A board made from a chart, with what the importer skipped or guessed.
#[derive(Debug)]
pub struct Imported {
    /// Laid out in the chart's direction, ready to open or insert.
    pub board: Board,
    /// Syntax skipped and ids renamed, in the order they occur in the text.
    pub warnings: Vec<Problem>,
    /// The chart's direction, so "Auto layout" can keep it later.
    pub direction: Direction,
}

pub use crate::interop::Problem;

/// Whether `text` is a flowchart by its first lines (blank lines, markdown fences, `%%` comments
/// and a front matter block skipped): what the import dispatch asks before calling [`import`].
pub fn looks_like_chart(text: &str) -> bool {
    let text = fenced_chart(text);
    let mut in_front_matter = false;
    for line in text.trim_start_matches('\u{feff}').lines().take(200) {
        let t = line.trim();
        if t == "---" {
            in_front_matter = !in_front_matter;
            continue;
        }
        if in_front_matter || t.is_empty() || t.starts_with("```") || t.starts_with("%%") {
            continue;
        }
        let head = t.split(|c: char| c.is_whitespace() || c == ';').next().unwrap_or("");
        return head == "graph" || head == "flowchart";
    }
    false
}

/// A markdown file's first ```` ```mermaid ```` block with every other line blanked (so line
/// numbers stay those of the file); any other text as it is.
fn fenced_chart(text: &str) -> std::borrow::Cow<'_, str> {
    let mut lines = text.lines();
    let Some(fence) = lines.position(|l| l.trim_start().starts_with("```mermaid")) else {
        return text.into();
    };
    let mut out = "\n".repeat(fence + 1);
    for line in text.lines().skip(fence + 1) {
        if line.trim_start().starts_with("```") {
            break;
        }
        out.push_str(line);
        out.push('\n');
    }
    out.into()
}

/// Turns mermaid flowchart text into a laid-out board.
///
/// Fails only when the text has no `graph`/`flowchart` header; anything else it cannot read is a
/// warning and is skipped. Never panics.
pub fn import(text: &str, catalog: &Catalog) -> Result<Imported, Problem> {
    let chart = parse::parse(&fenced_chart(text))?;
    let mut warnings = chart.warnings;
    let subgraph_ids: HashSet<&str> = chart.subgraphs.iter().map(|s| s.id.as_str()).collect();

    // Nodes only ever named by a subgraph's id are the subgraph itself: mermaid draws arrows to
    // the box, which a board cannot; drop them and their edges.
    let phantom: Vec<bool> = chart
        .nodes
        .iter()
        .map(|n| n.label.is_none() && subgraph_ids.contains(n.id.as_str()))
        .collect();
    for (i, n) in chart.nodes.iter().enumerate() {
        if phantom[i] {
            warnings.push(Problem::new(
                n.line,
                n.col,
                format!("arrows to or from subgraph `{}` are not supported; skipped", n.id),
            ));
        }
    }

    let mut taken: HashSet<String> = HashSet::new();
    let mut board = Board::new(chart.title);
    let mut node_ids: Vec<String> = Vec::with_capacity(chart.nodes.len());
    for (i, n) in chart.nodes.iter().enumerate() {
        if phantom[i] {
            node_ids.push(String::new());
            continue;
        }
        let id = unique(&sanitise_id(&n.id), &mut taken);
        if id != n.id {
            warnings.push(Problem::new(
                n.line,
                n.col,
                format!("node `{}` is renamed `{id}`", n.id),
            ));
        }
        node_ids.push(id);
    }
    let mut group_ids: Vec<String> = Vec::with_capacity(chart.subgraphs.len());
    for s in &chart.subgraphs {
        group_ids.push(unique(&sanitise_id(&s.id), &mut taken));
    }
    for (g, s) in chart.subgraphs.iter().enumerate() {
        let kind = s
            .classes
            .iter()
            .rev()
            .find_map(|c| kind_from_name(c))
            .unwrap_or_else(|| group_kind_for_title(&s.title));
        board.groups.push(Group {
            id: group_ids[g].clone(),
            kind,
            label: s.title.clone(),
            parent: s.parent.and_then(|p| group_ids.get(p).cloned()),
            rect: Rect::default(),
        });
    }
    for (i, n) in chart.nodes.iter().enumerate() {
        if phantom[i] {
            continue;
        }
        let label = n.label.clone().unwrap_or_else(|| parse::clean_label(&n.id));
        let service = n
            .classes
            .iter()
            .rev()
            .find(|c| catalog.get(c).is_some())
            .cloned()
            .unwrap_or_else(|| service_for(&label, n.shape, catalog));
        let mut node = Node::new(node_ids[i].clone(), service, label, Point(0.0, 0.0));
        node.group = n.subgraph.and_then(|g| group_ids.get(g).cloned());
        board.nodes.push(node);
    }
    // Parallel arrows between the same two nodes are kept: they say different things.
    for e in &chart.edges {
        if phantom[e.from] || phantom[e.to] {
            continue;
        }
        if e.from == e.to {
            let id = &chart.nodes[e.from].id;
            warnings.push(Problem::new(
                e.line,
                e.col,
                format!("an arrow from `{id}` to itself is skipped"),
            ));
            continue;
        }
        board.edges.push(Edge {
            from: node_ids[e.from].clone(),
            to: node_ids[e.to].clone(),
            label: e.label.clone(),
            mode: if e.dotted { EdgeMode::Async } else { EdgeMode::Sync },
            ..Edge::default()
        });
    }
    layout::layout(&mut board, chart.direction);
    Ok(Imported {
        board,
        warnings,
        direction: chart.direction,
    })
}

/// `stem`, or `stem_2`, `stem_3`, … when taken; records the result as taken.
pub(crate) fn unique(stem: &str, taken: &mut HashSet<String>) -> String {
    let id = fresh_id_among(stem, |id| taken.contains(id));
    taken.insert(id.clone());
    id
}

/// Words mermaid reserves, which cannot be node ids.
const RESERVED: &[&str] = &[
    "end",
    "subgraph",
    "graph",
    "flowchart",
    "class",
    "classDef",
    "style",
    "linkStyle",
    "click",
    "direction",
    "default",
    "call",
    "href",
];

/// A mermaid- and board-safe id: letters, digits, `_` and inner `-`; never empty, never a
/// reserved word. Ids that are safe already come back unchanged, so ids survive a round trip.
pub fn sanitise_id(raw: &str) -> String {
    let chars: Vec<char> = raw.trim().chars().collect();
    let mut out = String::with_capacity(chars.len());
    for (i, &ch) in chars.iter().enumerate() {
        let next_ok = chars.get(i + 1).is_some_and(|n| n.is_alphanumeric() || *n == '_');
        if ch.is_alphanumeric() || ch == '_' || (ch == '-' && i > 0 && next_ok) {
            out.push(ch);
        } else {
            out.push('_');
        }
    }
    if out.is_empty() {
        out.push_str("node");
    }
    if RESERVED.contains(&out.as_str()) {
        out.push('_');
    }
    out
}

/// The service a node's label names, or `database` for an unnamed cylinder, else `service`.
fn service_for(label: &str, shape: Shape, catalog: &Catalog) -> String {
    match recognise_service(label, catalog) {
        Some(s) if !(shape == Shape::Database && s == GENERIC) => s,
        _ if shape == Shape::Database => "database".to_owned(),
        _ => GENERIC.to_owned(),
    }
}

/// The catalog service a label names ("Order Lambda" → `lambda`, "Redis Cache" →
/// `elasticache`), or `None` when it names none.
///
/// Matches whole words of the catalog's names, short names, ids and aliases (a plural counts:
/// "Workers" → `worker`). The longest phrase wins; on a tie an AWS service beats a generic
/// component, a name beats an alias, and the phrase earlier in the label wins.
pub fn recognise_service(label: &str, catalog: &Catalog) -> Option<String> {
    let words = words_of(label);
    if words.is_empty() {
        return None;
    }
    // "Docker Hub", "Topic Subscriber", "Build Server": a label ending in a word for a kind of
    // component names that component; an AWS alias before it only qualifies it.
    let head_is_generic = words.last().is_some_and(|w| GENERIC_HEADS.contains(&w.as_str()));
    type Score = (usize, bool, bool, std::cmp::Reverse<usize>, std::cmp::Reverse<usize>);
    let mut best: Option<(Score, &str)> = None;
    for p in catalog.phrases() {
        let s = &catalog.services[p.service];
        let (phrase, is_name) = (&p.words, p.is_name);
        let Some(at) = find_phrase(&words, phrase) else {
            continue;
        };
        if head_is_generic && !is_name && s.category != Category::Generic && at + phrase.len() < words.len() {
            continue;
        }
        let score = (
            phrase.len(),
            s.category != Category::Generic,
            is_name,
            std::cmp::Reverse(at),
            std::cmp::Reverse(p.service),
        );
        if best.as_ref().is_none_or(|(b, _)| score > *b) {
            best = Some((score, s.id.as_str()));
        }
    }
    best.map(|(_, id)| id.to_owned())
}

/// Words that, ending a label, say what kind of component it is whatever AWS word qualifies
/// them ("Docker Hub", "Order Topic Subscriber", "Stream Processor"); they name no AWS service
/// themselves.
const GENERIC_HEADS: &[&str] = &[
    "hub",
    "subscriber",
    "subscribers",
    "consumer",
    "consumers",
    "listener",
    "handler",
    "handlers",
    "processor",
    "processors",
    "server",
    "servers",
    "client",
    "clients",
    "service",
    "services",
    "app",
    "application",
    "agent",
    "portal",
    "website",
    "site",
    "cli",
    "console",
    "ui",
    "sdk",
];

/// Lower-case words of a text, split at anything but letters and digits.
fn words_of(text: &str) -> Vec<String> {
    text.split(|c: char| !c.is_alphanumeric())
        .filter(|w| !w.is_empty())
        .map(str::to_lowercase)
        .collect()
}

/// Where `phrase` occurs as consecutive words of `words` (a word may add a plural `s`/`es`).
fn find_phrase(words: &[String], phrase: &[String]) -> Option<usize> {
    if phrase.is_empty() || phrase.len() > words.len() {
        return None;
    }
    let same = |w: &str, p: &str| {
        w == p || w.strip_suffix('s').is_some_and(|s| s == p) || w.strip_suffix("es").is_some_and(|s| s == p)
    };
    (0..=words.len() - phrase.len()).find(|&i| phrase.iter().enumerate().all(|(k, p)| same(&words[i + k], p)))
}

/// The group kind a subgraph title suggests: "us-east-1" or "Region" a region, "AZ" an
/// availability zone, "Security group", "Auto Scaling group" (or "ASG"), "AWS Cloud", "VPC",
/// "Public"/"Private" subnets, "Cell", "Account"; otherwise generic.
pub fn group_kind_for_title(title: &str) -> GroupKind {
    let words = words_of(title);
    let has = |w: &str| words.iter().any(|x| x == w);
    let lower = title.to_lowercase();
    let az_word = words.iter().any(|w| {
        w == "az" || w == "azs" || (w.starts_with("az") && w.len() <= 4 && w[2..].chars().all(|c| c.is_ascii_digit()))
    });
    if az_word || lower.contains("availability zone") || has_region_code(&lower, true) {
        return GroupKind::AvailabilityZone;
    }
    if has("security") && (has("group") || has("groups") || has("sg")) {
        return GroupKind::SecurityGroup;
    }
    if (has("auto") && has("scaling")) || has("autoscaling") || has("asg") {
        return GroupKind::AutoScalingGroup;
    }
    if has("aws") && has("cloud") {
        return GroupKind::AwsCloud;
    }
    if has("subnet") || has("subnets") {
        if has("private") {
            return GroupKind::PrivateSubnet;
        }
        if has("public") {
            return GroupKind::PublicSubnet;
        }
    }
    if has("vpc") || has("vpcs") {
        return GroupKind::Vpc;
    }
    if has("private") {
        return GroupKind::PrivateSubnet;
    }
    if has("public") || has("dmz") {
        return GroupKind::PublicSubnet;
    }
    if has("region") || has("regions") || has_region_code(&lower, false) {
        return GroupKind::Region;
    }
    if has("cell") || has("cells") {
        return GroupKind::Cell;
    }
    if has("account") || has("accounts") {
        return GroupKind::Account;
    }
    GroupKind::Generic
}

/// Whether the text holds an AWS region code like `us-east-1` (with `zone`, one ending in a
/// zone letter like `us-east-1a`).
fn has_region_code(lower: &str, zone: bool) -> bool {
    lower
        .split(|c: char| !(c.is_ascii_alphanumeric() || c == '-'))
        .any(|w| {
            let parts: Vec<&str> = w.split('-').collect();
            let [geo, area, last] = parts.as_slice() else {
                return false;
            };
            let digits: String = last.chars().take_while(char::is_ascii_digit).collect();
            let tail = &last[digits.len()..];
            let code = geo.len() == 2
                && geo.chars().all(|c| c.is_ascii_lowercase())
                && !area.is_empty()
                && area.chars().all(|c| c.is_ascii_lowercase())
                && !digits.is_empty();
            code && if zone {
                tail.len() == 1 && tail.chars().all(|c| c.is_ascii_lowercase())
            } else {
                tail.is_empty()
            }
        })
}

/// The group kind with this snake-case name (`availability_zone`, …), as `class` names it.
pub(crate) fn kind_from_name(name: &str) -> Option<GroupKind> {
    GroupKind::ALL.into_iter().find(|k| kind_name(*k) == name)
}

/// The snake-case name of a group kind, as the file format writes it.
pub(crate) fn kind_name(kind: GroupKind) -> &'static str {
    match kind {
        GroupKind::Region => "region",
        GroupKind::AvailabilityZone => "availability_zone",
        GroupKind::Vpc => "vpc",
        GroupKind::PublicSubnet => "public_subnet",
        GroupKind::PrivateSubnet => "private_subnet",
        GroupKind::Cell => "cell",
        GroupKind::Account => "account",
        GroupKind::Generic => "generic",
        GroupKind::AwsCloud => "aws_cloud",
        GroupKind::SecurityGroup => "security_group",
        GroupKind::AutoScalingGroup => "auto_scaling_group",
    }
}

/// Whether export draws this service as a cylinder `[( )]`: databases do.
pub(crate) fn is_cylinder(service: &str, catalog: &Catalog) -> bool {
    service == "database" || catalog.get(service).is_some_and(|s| s.category == Category::Database)
}

/// The service import would give a node with this label drawn as a cylinder or a box.
pub(crate) fn imported_service(label: &str, cylinder: bool, catalog: &Catalog) -> String {
    service_for(label, if cylinder { Shape::Database } else { Shape::Box }, catalog)
}

/// A map from each id to its first index, for callers that look ids up repeatedly.
pub(crate) fn first_index<'a>(ids: impl Iterator<Item = &'a str>) -> HashMap<&'a str, usize> {
    let mut map = HashMap::new();
    for (i, id) in ids.enumerate() {
        map.entry(id).or_insert(i);
    }
    map
}
