//! Light and dark colours for the board, shared by screen and export.

use egui::Color32;
use serde::{Deserialize, Serialize};

use crate::critique::Severity;
use crate::model::GroupKind;

/// Which set of colours to draw with.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Theme {
    /// Dark text on white, for print and daylight.
    #[default]
    Light,
    /// Light text on near-black, for dim rooms.
    Dark,
}

/// The colours of one theme.
#[derive(Clone, Copy, Debug)]
pub struct Palette {
    /// Behind everything.
    pub background: Color32,
    /// The dots of the snapping grid.
    pub grid: Color32,
    /// Fill of a node's card.
    pub card: Color32,
    /// Outline of a node's card.
    pub card_border: Color32,
    /// Labels.
    pub text: Color32,
    /// Secondary text: service names, hints.
    pub muted: Color32,
    /// Edges and their arrows.
    pub edge: Color32,
    /// Outline of selected items.
    pub selection: Color32,
    /// Outline of the nodes of the finding under the pointer.
    pub highlight: Color32,
    /// Severity colours, for badges and the review panel alike.
    pub error: Color32,
    /// Badges and panel entries of warnings.
    pub warning: Color32,
    /// Badges and panel entries of notes.
    pub info: Color32,
    /// Fill of a sticky note.
    pub note: Color32,
    /// Text on a sticky note.
    pub note_text: Color32,
}

const fn rgb(hex: u32) -> Color32 {
    Color32::from_rgb((hex >> 16) as u8, (hex >> 8) as u8, hex as u8)
}

impl Palette {
    /// The colour of a finding of severity `s`.
    pub fn severity(&self, s: Severity) -> Color32 {
        match s {
            Severity::Error => self.error,
            Severity::Warning => self.warning,
            Severity::Info => self.info,
        }
    }
}

impl Theme {
    /// The colours of this theme.
    pub fn palette(self) -> Palette {
        match self {
            Theme::Light => Palette {
                background: rgb(0xF7F8FA),
                grid: rgb(0xE3E6EB),
                card: rgb(0xFFFFFF),
                card_border: rgb(0xC9CED6),
                text: rgb(0x1F2933),
                muted: rgb(0x5F6B7A),
                edge: rgb(0x4A5563),
                selection: rgb(0x2F80ED),
                highlight: rgb(0xF2994A),
                error: rgb(0xD13245),
                warning: rgb(0xE8A317),
                info: rgb(0x4C8BD8),
                note: rgb(0xFFF1A8),
                note_text: rgb(0x4A3B00),
            },
            Theme::Dark => Palette {
                background: rgb(0x1B1E23),
                grid: rgb(0x2A2E35),
                card: rgb(0x2B3039),
                card_border: rgb(0x454C58),
                text: rgb(0xE6E9EE),
                muted: rgb(0x9AA4B2),
                edge: rgb(0xA9B3C1),
                selection: rgb(0x5AA2FF),
                highlight: rgb(0xF2994A),
                error: rgb(0xD13245),
                warning: rgb(0xF0B429),
                info: rgb(0x6CA6F0),
                note: rgb(0x5C5226),
                note_text: rgb(0xFFF4C2),
            },
        }
    }

    /// How a group kind is drawn, in AWS's own visual language: the AWS Cloud a dark outline,
    /// regions teal and availability zones blue (both dashed), VPCs purple, public subnets
    /// tinted green and private ones teal, security groups red, auto scaling groups orange and
    /// dashed, cells, accounts and plain groups quieter. Readers of AWS reference diagrams know
    /// these at a glance, so the picture does not need a legend.
    pub fn group_look(self, kind: GroupKind) -> GroupLook {
        // (fill alpha over the border colour, header icon)
        let (fill_alpha, icon) = match kind {
            GroupKind::AwsCloud => (0, Some("group_aws_cloud")),
            GroupKind::Account => (0, Some("group_account")),
            GroupKind::Region => (0, Some("group_region")),
            GroupKind::AvailabilityZone | GroupKind::Generic => (0, None),
            GroupKind::Vpc => (0, Some("group_vpc")),
            GroupKind::PublicSubnet => (30, Some("group_public_subnet")),
            GroupKind::PrivateSubnet => (26, Some("group_private_subnet")),
            GroupKind::SecurityGroup => (0, Some("group_security_group")),
            GroupKind::AutoScalingGroup => (0, Some("group_auto_scaling_group")),
            GroupKind::Cell => (10, Some("group_cell")),
        };
        let (border, dashed) = (rgb(kind.colour()), kind.dashed());
        let fill = Color32::from_rgba_unmultiplied(border.r(), border.g(), border.b(), fill_alpha);
        let border = match (self, kind) {
            // AWS's near-black would vanish on the dark background.
            (Theme::Dark, GroupKind::AwsCloud) => rgb(0xAAB7B8),
            (Theme::Dark, _) => border.gamma_multiply(1.25),
            (Theme::Light, _) => border,
        };
        // Labels in the border colour, a shade darker where the border is light (green, teal).
        let label = match (self, kind) {
            (Theme::Light, GroupKind::PublicSubnet) => rgb(0x248814),
            (Theme::Light, GroupKind::PrivateSubnet | GroupKind::Region) => rgb(0x007C7E),
            _ => border,
        };
        GroupLook {
            border,
            fill,
            dashed,
            label,
            icon,
        }
    }
}

/// How one kind of group is drawn; see [`Theme::group_look`].
#[derive(Clone, Copy, Debug, PartialEq)]
pub struct GroupLook {
    /// The outline's colour; also the header icon's square.
    pub border: Color32,
    /// The tint inside (transparent for none), see-through so nested groups stay visible.
    pub fill: Color32,
    /// Whether the outline is dashed (regions, zones, auto scaling groups: areas, not things).
    pub dashed: bool,
    /// The label's colour.
    pub label: Color32,
    /// The artwork of the header icon in the top-left corner (an icon stem under
    /// `assets/icons/`), or none for kinds AWS draws without one.
    pub icon: Option<&'static str>,
}

/// The category colour of a service as an egui colour.
pub(super) fn category_colour(hex: u32) -> Color32 {
    rgb(hex)
}
