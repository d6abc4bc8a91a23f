//! The half the template readers share: resources, data-flow links and group membership in, a
//! laid-out [`Board`] out.
//!
//! A CloudFormation template and a Terraform folder say the same things in different words, so
//! each reader only finds the resources, the props they state and the links between them; this
//! module turns that into nodes, groups (VPCs, subnets merged per VPC and kind, Terraform
//! modules) and edges, applies the board limits and lays the result out left to right. The
//! resource type tables (`assets/cloudformation.ron`, `assets/terraform.ron`) are read here too.

use std::collections::{BTreeMap, HashMap, HashSet};

use serde::Deserialize;

use crate::interop::Problem;
use crate::io::{MAX_GROUP_DEPTH, MAX_GROUPS, MAX_LABEL_CHARS, MAX_NODES};
use crate::layout::{self, Direction};
use crate::model::{Board, Edge, EdgeMode, Group, GroupKind, Node, Point, Rect, fresh_id_among};

/// How a format's resource types draw: read from `assets/<format>.ron`.
#[derive(Debug, Default, Deserialize)]
pub(crate) struct Table {
    /// Resource type -> catalog service id.
    pub(crate) boxes: HashMap<String, String>,
    /// Resource type -> props every box of the type gets.
    #[serde(default)]
    pub(crate) props: HashMap<String, BTreeMap<String, String>>,
    /// Resource type -> the kind of group it is.
    #[serde(default)]
    pub(crate) groups: HashMap<String, GroupKind>,
    /// Resource types that are wiring, read for edges and props but never drawn.
    #[serde(default)]
    pub(crate) parts: HashSet<String>,
}

impl Table {
    /// Parses a shipped table; the tests prove each parses, so a failure here is a build bug.
    pub(crate) fn parse(text: &str, name: &str) -> Table {
        match ron::from_str(text) {
            Ok(t) => t,
            Err(e) => panic!("the built-in {name} table is broken: {e}"),
        }
    }
}

/// Where a node came from in the source: the file and the line of its resource.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct Origin {
    /// The file that defines it, as the user named it (a folder's file for Terraform).
    pub file: String,
    /// 1-based line of the resource's definition.
    pub line: usize,
    /// 1-based column.
    pub col: usize,
}

/// What a resource becomes on the board.
#[derive(Clone, Debug, PartialEq)]
pub(crate) enum What {
    /// A box of this catalog service.
    Box(String),
    /// A group of this kind (VPC, subnet).
    Group(GroupKind),
}

/// One resource the reader keeps, as the board will show it.
#[derive(Clone, Debug)]
pub(crate) struct Resource {
    /// The source's id (logical id, Terraform address): the node id, characters a board id
    /// cannot hold replaced.
    pub(crate) id: String,
    /// Box or group.
    pub(crate) what: What,
    /// Shown on the card.
    pub(crate) label: String,
    /// Where it is defined.
    pub(crate) origin: Origin,
    /// Props the rules read.
    pub(crate) props: BTreeMap<String, String>,
    /// Ids of the group resources it sits in by membership (subnets, a VPC), first preferred.
    pub(crate) within: Vec<String>,
    /// Terraform module path (`module.a.module.b`), drawn as nested generic groups.
    pub(crate) module: Option<String>,
}

impl Resource {
    /// A box of `service`.
    pub(crate) fn service(id: impl Into<String>, service: impl Into<String>, origin: Origin) -> Resource {
        let id = id.into();
        Resource {
            label: id.clone(),
            id,
            what: What::Box(service.into()),
            origin,
            props: BTreeMap::new(),
            within: Vec::new(),
            module: None,
        }
    }
}

/// A data-flow edge between two resources, by their ids.
#[derive(Clone, Debug, PartialEq, Eq)]
pub(crate) struct Link {
    /// The resource data leaves.
    pub(crate) from: String,
    /// The resource it reaches.
    pub(crate) to: String,
    /// Shown on the edge ("DLQ", "events").
    pub(crate) label: String,
    /// Whether the sender waits.
    pub(crate) mode: EdgeMode,
}

impl Link {
    /// A link with a label and a mode.
    pub(crate) fn new(from: &str, to: &str, label: &str, mode: EdgeMode) -> Link {
        Link {
            from: from.to_owned(),
            to: to.to_owned(),
            label: label.to_owned(),
            mode,
        }
    }
}

/// Services whose arrows in are messages handed off rather than calls answered.
pub(crate) fn is_async_target(service: &str) -> bool {
    matches!(
        service,
        "sqs" | "sns" | "eventbridge" | "kinesis_data_streams" | "kinesis_firehose" | "queue"
    )
}

/// Data stores whose encryption at rest the review checks.
pub(crate) fn is_store(service: &str) -> bool {
    matches!(
        service,
        "s3" | "ebs"
            | "efs"
            | "glacier"
            | "dynamodb"
            | "dax"
            | "rds"
            | "aurora"
            | "elasticache"
            | "redshift"
            | "opensearch"
            | "kinesis_data_streams"
            | "sqs"
            | "database"
            | "cache"
    )
}

/// A board id for a source id: characters a board file or a mermaid export cannot carry
/// (whitespace, quotes, control characters) become `_`; everything else is kept, so logical ids
/// and Terraform addresses stay as the source writes them.
pub(crate) fn board_id(raw: &str) -> String {
    let id: String = raw
        .trim()
        .chars()
        .map(|c| {
            if c.is_whitespace() || c.is_control() || c == '"' || c == '\'' || c == '\\' {
                '_'
            } else {
                c
            }
        })
        .collect();
    if id.is_empty() { "resource".to_owned() } else { id }
}

/// A label cut to the board's limit.
fn cut(label: &str) -> String {
    label.chars().take(MAX_LABEL_CHARS).collect()
}

/// The board the resources and links make, laid out left to right, with each node's origin.
///
/// Boxes past [`MAX_NODES`] and groups past [`MAX_GROUPS`] are left out with a warning; module
/// groups deeper than [`MAX_GROUP_DEPTH`] hang at the deepest allowed level. Links whose ends
/// are not boxes, self-links and repeats are dropped silently: they are wiring, not data flow.
pub(crate) fn build(
    title: &str,
    resources: &[Resource],
    links: &[Link],
    warnings: &mut Vec<Problem>,
) -> (Board, BTreeMap<String, Origin>) {
    let mut board = Board::new(cut(title));
    let mut origins = BTreeMap::new();
    let mut taken: HashSet<String> = HashSet::new();
    // Subnets merged per (VPC, kind): one "Private subnets" box reads like a drawn diagram and
    // holds every member, where one box per subnet would leave all but the first empty.
    let group_res: HashMap<&str, &Resource> = resources
        .iter()
        .filter(|r| matches!(r.what, What::Group(_)))
        .map(|r| (r.id.as_str(), r))
        .collect();
    let mut group_of_resource: HashMap<String, String> = HashMap::new();
    let mut groups: Vec<Group> = Vec::new();
    let mut merged: HashMap<(String, GroupKind), usize> = HashMap::new();
    // VPCs first, so subnets can name their parent.
    for r in resources.iter().filter(|r| r.what == What::Group(GroupKind::Vpc)) {
        let id = fresh_id_among(&r.id, |c| taken.contains(c));
        taken.insert(id.clone());
        group_of_resource.insert(r.id.clone(), id.clone());
        groups.push(Group {
            id,
            kind: GroupKind::Vpc,
            label: cut(&r.label),
            parent: None,
            rect: Rect::default(),
        });
    }
    for r in resources {
        let What::Group(kind) = r.what else { continue };
        if kind == GroupKind::Vpc {
            continue;
        }
        let vpc = r
            .within
            .iter()
            .find(|w| {
                group_res
                    .get(w.as_str())
                    .is_some_and(|g| g.what == What::Group(GroupKind::Vpc))
            })
            .cloned()
            .unwrap_or_default();
        let key = (vpc.clone(), kind);
        if let Some(&g) = merged.get(&key) {
            let label = &mut groups[g].label;
            if label.chars().count() < 200 {
                label.push_str(", ");
                label.push_str(&r.label);
            }
            group_of_resource.insert(r.id.clone(), groups[g].id.clone());
            continue;
        }
        let stem = match kind {
            GroupKind::PublicSubnet => "public_subnets",
            GroupKind::PrivateSubnet => "private_subnets",
            _ => "group",
        };
        let stem = if vpc.is_empty() {
            stem.to_owned()
        } else {
            format!("{vpc}.{stem}")
        };
        let id = fresh_id_among(&stem, |c| taken.contains(c));
        taken.insert(id.clone());
        let title = match kind {
            GroupKind::PublicSubnet => "Public subnets: ",
            GroupKind::PrivateSubnet => "Private subnets: ",
            _ => "",
        };
        merged.insert(key, groups.len());
        group_of_resource.insert(r.id.clone(), id.clone());
        groups.push(Group {
            id,
            kind,
            label: format!("{title}{}", r.label),
            parent: group_of_resource.get(&vpc).cloned(),
            rect: Rect::default(),
        });
    }
    // Module groups, made on demand per prefix: module.a, then module.a.module.b.
    let mut module_groups: HashMap<String, String> = HashMap::new();
    let mut module_group = |path: &str, groups: &mut Vec<Group>, taken: &mut HashSet<String>| -> Option<String> {
        let parts: Vec<&str> = path.split('.').collect();
        let mut parent: Option<String> = None;
        for depth in 0..parts.len() / 2 {
            let prefix = parts[..(depth + 1) * 2].join(".");
            if depth >= MAX_GROUP_DEPTH {
                break;
            }
            let id = if let Some(id) = module_groups.get(&prefix) {
                id.clone()
            } else {
                let id = fresh_id_among(&prefix, |c| taken.contains(c));
                taken.insert(id.clone());
                groups.push(Group {
                    id: id.clone(),
                    kind: GroupKind::Generic,
                    label: cut(&prefix),
                    parent: parent.clone(),
                    rect: Rect::default(),
                });
                module_groups.insert(prefix, id.clone());
                id
            };
            parent = Some(id);
        }
        parent
    };
    // VPC groups declared in a module hang inside its group.
    for r in resources.iter().filter(|r| r.what == What::Group(GroupKind::Vpc)) {
        if let Some(m) = &r.module {
            let parent = module_group(m, &mut groups, &mut taken);
            if let Some(g) = group_of_resource.get(&r.id) {
                let gid = g.clone();
                if let Some(group) = groups.iter_mut().find(|x| x.id == gid) {
                    group.parent = parent;
                }
            }
        }
    }
    let mut node_ids: HashMap<&str, String> = HashMap::new();
    for r in resources {
        let What::Box(service) = &r.what else { continue };
        if board.nodes.len() >= MAX_NODES {
            warnings.push(Problem::whole(format!(
                "the template has more than {MAX_NODES} resources to draw; the rest are left out"
            )));
            break;
        }
        let id = fresh_id_among(&r.id, |c| taken.contains(c));
        taken.insert(id.clone());
        let mut node = Node::new(id.clone(), service.clone(), cut(&r.label), Point(0.0, 0.0));
        node.props = r.props.clone();
        node.group = r
            .within
            .iter()
            .find_map(|w| group_of_resource.get(w).cloned())
            .or_else(|| {
                r.module
                    .as_deref()
                    .and_then(|m| module_group(m, &mut groups, &mut taken))
            });
        origins.insert(id.clone(), r.origin.clone());
        node_ids.insert(r.id.as_str(), id);
        board.nodes.push(node);
    }
    // Keep only groups that hold something, directly or through a child.
    let mut used: HashSet<String> = board.nodes.iter().filter_map(|n| n.group.clone()).collect();
    loop {
        let before = used.len();
        for g in &groups {
            if used.contains(&g.id)
                && let Some(p) = &g.parent
            {
                used.insert(p.clone());
            }
        }
        if used.len() == before {
            break;
        }
    }
    groups.retain(|g| used.contains(&g.id));
    if groups.len() > MAX_GROUPS {
        warnings.push(Problem::whole(format!(
            "the template makes more than {MAX_GROUPS} groups; the rest are left out"
        )));
        let kept: HashSet<String> = groups.iter().take(MAX_GROUPS).map(|g| g.id.clone()).collect();
        groups.truncate(MAX_GROUPS);
        for n in &mut board.nodes {
            if n.group.as_ref().is_some_and(|g| !kept.contains(g)) {
                n.group = None;
            }
        }
    }
    // Parents before children, as the file format keeps them.
    let mut ordered: Vec<Group> = Vec::with_capacity(groups.len());
    let mut placed: HashSet<String> = HashSet::new();
    while ordered.len() < groups.len() {
        let before = ordered.len();
        for g in &groups {
            if !placed.contains(&g.id) && g.parent.as_ref().is_none_or(|p| placed.contains(p)) {
                placed.insert(g.id.clone());
                ordered.push(g.clone());
            }
        }
        if ordered.len() == before {
            break;
        }
    }
    board.groups = ordered;
    let mut seen: HashSet<(&str, &str)> = HashSet::new();
    for l in links {
        let (Some(from), Some(to)) = (node_ids.get(l.from.as_str()), node_ids.get(l.to.as_str())) else {
            continue;
        };
        if from == to || !seen.insert((from.as_str(), to.as_str())) {
            continue;
        }
        board.edges.push(Edge {
            from: from.clone(),
            to: to.clone(),
            label: cut(&l.label),
            mode: l.mode,
            ..Edge::default()
        });
    }
    layout::layout(&mut board, Direction::LeftRight);
    (board, origins)
}
