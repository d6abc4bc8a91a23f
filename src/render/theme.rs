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

    /// Border colour, fill and dash of a group kind: regions are wide and quiet, subnets tinted.
    pub fn group_style(self, kind: GroupKind) -> (Color32, Color32, bool) {
        let (border, fill_alpha, dashed) = match kind {
            GroupKind::Region => (rgb(0x2E73B8), 0, true),
            GroupKind::AvailabilityZone => (rgb(0x1F8A9E), 0, true),
            GroupKind::Vpc => (rgb(0x7B4FE0), 10, false),
            GroupKind::PublicSubnet => (rgb(0x3F8624), 24, false),
            GroupKind::PrivateSubnet => (rgb(0x2E6FD0), 24, false),
            GroupKind::Cell => (rgb(0xD6246E), 14, false),
            GroupKind::Account => (rgb(0xC25100), 0, false),
            GroupKind::Generic => (rgb(0x7A8594), 10, true),
        };
        let fill = Color32::from_rgba_unmultiplied(border.r(), border.g(), border.b(), fill_alpha);
        let border = if self == Theme::Dark {
            border.gamma_multiply(1.25)
        } else {
            border
        };
        (border, fill, dashed)
    }
}

/// The category colour of a service as an egui colour.
pub(super) fn category_colour(hex: u32) -> Color32 {
    rgb(hex)
}
