//! The board: nodes, edges and groups as plain data, exactly as the file format stores them.
//!
//! Nothing here knows about windows or painting; the UI, the critique and the command line all
//! read and change the same `Board`.

#[cfg(test)]
pub(crate) mod draw;
mod geometry;
mod place;
mod round;
mod spatial;
mod validate;

use std::collections::BTreeMap;

use serde::{Deserialize, Serialize};

pub use geometry::{ICON_SIDE, NODE_SIZE, NOTE_SIZE, Point, Rect, icon_rect, node_rect};
pub use place::free_spot;
pub use round::{Level, Logged, RoundRecord};
pub use spatial::SpatialIndex;
pub use validate::{Problem, validate};

/// The file format version this program writes: 2 since edges carry `props` (a format 1 reader
/// would drop them silently, so the version moved); 3 since a board chooses how its nodes and
/// edges are drawn (`node_style`, `edge_style`, an edge's own `style`).
pub const FORMAT: u32 = 3;

/// A whole design: what one `.ron` file holds.
#[derive(Clone, Debug, Default, PartialEq, Serialize, Deserialize)]
pub struct Board {
    /// File format version; see [`FORMAT`].
    pub format: u32,
    /// Shown in the title bar and exports.
    #[serde(default)]
    pub title: String,
    /// Free text about the design (requirements, numbers, assumptions).
    #[serde(default, skip_serializing_if = "String::is_empty")]
    pub notes: String,
    /// The services and notes, in drawing order (later ones on top).
    #[serde(default)]
    pub nodes: Vec<Node>,
    /// The connections between nodes, by node id.
    #[serde(default)]
    pub edges: Vec<Edge>,
    /// The boxes around nodes, parents before the groups inside them.
    #[serde(default)]
    pub groups: Vec<Group>,
    /// Manual checklist items the user ticked, by item id.
    #[serde(default, skip_serializing_if = "BTreeMap::is_empty")]
    pub checklist: BTreeMap<String, bool>,
    /// Findings the user reviewed and accepted, with their reason.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub accepted: Vec<Accepted>,
    /// How nodes are drawn. New boards use AWS's style; files older than format 3 keep cards.
    #[serde(default, skip_serializing_if = "NodeStyle::is_default")]
    pub node_style: NodeStyle,
    /// How edges are drawn unless an edge says otherwise. New boards use right angles; files
    /// older than format 3 keep straight lines.
    #[serde(default, skip_serializing_if = "EdgeStyle::is_default")]
    pub edge_style: EdgeStyle,
    /// The file or folder this board was imported from (a template, a diagram), so File >
    /// Reimport can refresh it; a relative path is relative to the board's own file.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub source: Option<String>,
    /// The practice round drawn on this board, if any: its clock and the log a replay plays.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub round: Option<RoundRecord>,
}

/// How the board draws its nodes: a board setting saved in the file.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum NodeStyle {
    /// AWS's own style: a large service icon with the label centred below it, no card.
    #[default]
    Icon,
    /// A white card with a small icon and the label beside it (archboard's first style).
    Card,
}

impl NodeStyle {
    /// Both styles, in the order View > Node style lists them.
    pub const ALL: [NodeStyle; 2] = [NodeStyle::Icon, NodeStyle::Card];

    /// The name a person reads in the View menu.
    pub fn title(self) -> &'static str {
        match self {
            NodeStyle::Icon => "AWS icons",
            NodeStyle::Card => "Cards",
        }
    }

    fn is_default(&self) -> bool {
        *self == NodeStyle::default()
    }
}

/// The path an edge takes between its nodes: a board setting, overridable per edge.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum EdgeStyle {
    /// Horizontal and vertical runs routed around other nodes (computed, never stored).
    #[default]
    RightAngle,
    /// One straight segment from card to card.
    Straight,
    /// A smooth curve from card to card.
    Curved,
}

impl EdgeStyle {
    fn is_default(&self) -> bool {
        *self == EdgeStyle::default()
    }
}

/// One service or component on the board.
#[derive(Clone, Debug, Default, PartialEq, Serialize, Deserialize)]
pub struct Node {
    /// Unique within the board; edges and findings refer to it.
    pub id: String,
    /// A catalog id such as `"dynamodb"`; unknown ids are drawn as a generic box.
    pub service: String,
    /// The name shown on the card; may differ from the service's name.
    #[serde(default)]
    pub label: String,
    /// Centre of the node, in world units.
    pub at: Point,
    /// Settings the rules read (`multi_az`, `encrypted`, `monthly_cost_usd`, ...), as strings.
    #[serde(default, skip_serializing_if = "BTreeMap::is_empty")]
    pub props: BTreeMap<String, String>,
    /// The innermost group this node belongs to.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub group: Option<String>,
}

/// A directed connection: a call, a message or a data flow.
#[derive(Clone, Debug, Default, PartialEq, Serialize, Deserialize)]
pub struct Edge {
    /// Id of the node that calls or sends.
    pub from: String,
    /// Id of the node that answers or receives.
    pub to: String,
    /// Text drawn at the edge's middle, e.g. `"HTTPS"`; often empty.
    #[serde(default, skip_serializing_if = "String::is_empty")]
    pub label: String,
    /// Whether the caller waits; rules treat sync chains differently.
    #[serde(default, skip_serializing_if = "EdgeMode::is_sync")]
    pub mode: EdgeMode,
    /// Figures about this connection (`rps`, `share`, `op`), as strings like node props; left out
    /// of the file when empty, so an edge without figures reads as in format 1.
    #[serde(default, skip_serializing_if = "BTreeMap::is_empty")]
    pub props: BTreeMap<String, String>,
    /// This edge's own path style; `None` follows the board's `edge_style`.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub style: Option<EdgeStyle>,
}

/// Whether the caller waits for the answer.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum EdgeMode {
    /// A request that waits for its response (drawn solid).
    #[default]
    Sync,
    /// A message or event handed off (drawn dashed).
    Async,
}

impl EdgeMode {
    fn is_sync(&self) -> bool {
        *self == EdgeMode::Sync
    }
}

/// A labelled box around nodes: a region, an availability zone, a VPC, a subnet, a cell...
#[derive(Clone, Debug, Default, PartialEq, Serialize, Deserialize)]
pub struct Group {
    /// Unique among nodes and groups; edges and members refer to it.
    pub id: String,
    /// What the box stands for; rules read it.
    pub kind: GroupKind,
    /// The name shown on the box's top edge.
    #[serde(default)]
    pub label: String,
    /// The enclosing group, if any.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub parent: Option<String>,
    /// Extent in world units.
    pub rect: Rect,
}

/// What a group stands for; the rules read it (e.g. databases belong in private subnets).
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum GroupKind {
    /// An AWS region.
    Region,
    /// One availability zone in a region.
    AvailabilityZone,
    /// A virtual private cloud.
    Vpc,
    /// A subnet with a route to the internet.
    PublicSubnet,
    /// A subnet without one; databases belong here.
    PrivateSubnet,
    /// A cell of a cell-based architecture: a full copy serving part of the users.
    Cell,
    /// An AWS account.
    Account,
    /// Any other box.
    #[default]
    Generic,
    /// The AWS cloud as a whole: the outermost box of most AWS diagrams, around the regions
    /// (format 3).
    AwsCloud,
    /// A security group: which traffic may reach its members (format 3).
    SecurityGroup,
    /// An auto scaling group: instances or tasks that grow and shrink together (format 3).
    AutoScalingGroup,
}

impl GroupKind {
    /// Every kind, in the order menus list them.
    pub const ALL: [GroupKind; 11] = [
        GroupKind::AwsCloud,
        GroupKind::Account,
        GroupKind::Region,
        GroupKind::AvailabilityZone,
        GroupKind::Vpc,
        GroupKind::PublicSubnet,
        GroupKind::PrivateSubnet,
        GroupKind::SecurityGroup,
        GroupKind::AutoScalingGroup,
        GroupKind::Cell,
        GroupKind::Generic,
    ];

    /// The name a person reads in menus and the inspector.
    pub fn title(self) -> &'static str {
        match self {
            GroupKind::Region => "Region",
            GroupKind::AvailabilityZone => "Availability zone",
            GroupKind::Vpc => "VPC",
            GroupKind::PublicSubnet => "Public subnet",
            GroupKind::PrivateSubnet => "Private subnet",
            GroupKind::Cell => "Cell",
            GroupKind::Account => "Account",
            GroupKind::Generic => "Group",
            GroupKind::AwsCloud => "AWS Cloud",
            GroupKind::SecurityGroup => "Security group",
            GroupKind::AutoScalingGroup => "Auto Scaling group",
        }
    }

    /// The colour AWS's diagrams draw this kind's border in, as `0xRRGGBB`: the screen, the
    /// image exports, draw.io and Excalidraw all take it from here, so they agree.
    pub fn colour(self) -> u32 {
        match self {
            GroupKind::AwsCloud => 0x23_2F3E,
            GroupKind::Account => 0xCD_2264,
            GroupKind::Region | GroupKind::PrivateSubnet => 0x00_A4A6,
            GroupKind::AvailabilityZone => 0x14_7EBA,
            GroupKind::Vpc => 0x8C_4FFF,
            GroupKind::PublicSubnet => 0x7A_A116,
            GroupKind::SecurityGroup => 0xDD_344C,
            GroupKind::AutoScalingGroup => 0xED_7100,
            GroupKind::Cell => 0x5A_6C86,
            GroupKind::Generic => 0x7D_8998,
        }
    }

    /// Whether AWS draws this kind's border dashed: areas (regions, zones, auto scaling
    /// groups) rather than things.
    pub fn dashed(self) -> bool {
        matches!(
            self,
            GroupKind::Region | GroupKind::AvailabilityZone | GroupKind::AutoScalingGroup | GroupKind::Generic
        )
    }
}

/// A finding the user decided to live with; it no longer fails `check`.
#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct Accepted {
    /// The rule id, e.g. `"security.no_waf"`.
    pub rule: String,
    /// The nodes of the accepted finding, sorted.
    #[serde(default)]
    pub nodes: Vec<String>,
    /// Why the team accepts it, shown in the review instead of the finding.
    #[serde(default)]
    pub reason: String,
}

impl Board {
    /// An empty board with a title, ready to draw on.
    pub fn new(title: impl Into<String>) -> Self {
        Board {
            format: FORMAT,
            title: title.into(),
            ..Board::default()
        }
    }

    /// The node with this id, if any. Linear: build an index for repeated look-ups.
    pub fn node(&self, id: &str) -> Option<&Node> {
        self.nodes.iter().find(|n| n.id == id)
    }

    /// The group with this id, if any.
    pub fn group(&self, id: &str) -> Option<&Group> {
        self.groups.iter().find(|g| g.id == id)
    }

    /// A map from node id to its index in `nodes`, for look-ups in loops.
    pub fn node_index(&self) -> std::collections::HashMap<&str, usize> {
        self.nodes.iter().enumerate().map(|(i, n)| (n.id.as_str(), i)).collect()
    }

    /// Whether `node` is drawn as an icon with its label below (the icon style; sticky notes
    /// stay notes), so arrows end at [`icon_rect`] rather than at the card.
    pub fn draws_icon(&self, node: &Node) -> bool {
        self.node_style == NodeStyle::Icon && node.service != "note"
    }

    /// Each group's position in `groups`, by id: for following `parent` links and node
    /// memberships without a search.
    pub fn group_index(&self) -> std::collections::HashMap<&str, usize> {
        self.groups
            .iter()
            .enumerate()
            .map(|(i, g)| (g.id.as_str(), i))
            .collect()
    }

    /// A fresh id starting with `stem` that no node or group uses yet (`lambda`, `lambda_2`, ...).
    pub fn fresh_id(&self, stem: &str) -> String {
        let taken: std::collections::HashSet<&str> = self
            .nodes
            .iter()
            .map(|n| n.id.as_str())
            .chain(self.groups.iter().map(|g| g.id.as_str()))
            .collect();
        fresh_id_among(stem, |id| taken.contains(id))
    }

    /// The smallest rectangle around every node and group, in world units.
    pub fn bounds(&self) -> Option<Rect> {
        let rects = self
            .nodes
            .iter()
            .map(node_rect)
            .chain(self.groups.iter().map(|g| g.rect));
        rects.reduce(|a, b| a.union(b))
    }

    /// Every node and group id: what an id made for something new must not be.
    pub fn ids(&self) -> std::collections::HashSet<String> {
        self.nodes
            .iter()
            .map(|n| n.id.clone())
            .chain(self.groups.iter().map(|g| g.id.clone()))
            .collect()
    }

    /// How deep each group is nested (0 for a top-level group), in `groups` order; linear in
    /// the number of groups, and a cycle counts as top level.
    pub fn group_depths(&self) -> Vec<usize> {
        let index = self.group_index();
        let mut depth: Vec<Option<usize>> = vec![None; self.groups.len()];
        for start in 0..self.groups.len() {
            // Walk up to a group of known depth (or the top), then fill in on the way back.
            let mut chain = Vec::new();
            let mut at = Some(start);
            while let Some(i) = at {
                if depth[i].is_some() || chain.contains(&i) || chain.len() > self.groups.len() {
                    break;
                }
                chain.push(i);
                at = self.groups[i].parent.as_deref().and_then(|p| index.get(p).copied());
            }
            let top = at.and_then(|i| depth[i]).map_or(0, |d| d + 1);
            for (d, &i) in (top..).zip(chain.iter().rev()) {
                depth[i] = Some(d);
            }
        }
        depth.into_iter().map(|d| d.unwrap_or(0)).collect()
    }

    /// The group chain of a node, innermost first, stopping at cycles.
    pub fn ancestors<'a>(&'a self, group: Option<&'a str>) -> impl Iterator<Item = &'a Group> + 'a {
        let mut next = group;
        let mut steps = 0;
        std::iter::from_fn(move || {
            let id = next?;
            steps += 1;
            if steps > self.groups.len() {
                return None;
            }
            let g = self.group(id)?;
            next = g.parent.as_deref();
            Some(g)
        })
    }
}

/// A fresh id from `stem` given a test for ids already in use.
pub fn fresh_id_among(stem: &str, taken: impl Fn(&str) -> bool) -> String {
    let stem = if stem.is_empty() { "node" } else { stem };
    if !taken(stem) {
        return stem.to_owned();
    }
    (2..)
        .map(|n| format!("{stem}_{n}"))
        .find(|id| !taken(id))
        .unwrap_or_else(|| stem.to_owned())
}

impl Node {
    /// A node of `service` at `at` with no props and no group.
    pub fn new(id: impl Into<String>, service: impl Into<String>, label: impl Into<String>, at: Point) -> Self {
        Node {
            id: id.into(),
            service: service.into(),
            label: label.into(),
            at,
            ..Node::default()
        }
    }

    /// A prop's value, treating an empty string as unset.
    pub fn prop(&self, key: &str) -> Option<&str> {
        self.props.get(key).map(String::as_str).filter(|v| !v.is_empty())
    }

    /// Whether a boolean prop is set to `"true"`.
    pub fn flag(&self, key: &str) -> bool {
        self.prop(key) == Some("true")
    }
}

impl Edge {
    /// A synchronous edge without a label.
    pub fn new(from: impl Into<String>, to: impl Into<String>) -> Self {
        Edge {
            from: from.into(),
            to: to.into(),
            ..Edge::default()
        }
    }

    /// A prop's value, treating an empty string as unset.
    pub fn prop(&self, key: &str) -> Option<&str> {
        self.props.get(key).map(String::as_str).filter(|v| !v.is_empty())
    }
}
