//! Drawing a board: one display list (what the board looks like, in world units) drawn by the
//! painter shared by the canvas, the PNG export, the preset thumbnails and the snapshot tests,
//! and written by the SVG writer; plus the CPU rasteriser.

mod display;
mod far_out;
pub mod fonts;
mod geometry;
mod icons;
pub mod label;
mod layer;
mod paint;
pub mod raster;
mod selection;
pub(crate) mod svg;
mod theme;

pub use display::{
    Anchor, DisplayList, EDGE_LABEL, EDGE_LABEL_WIDTH, GROUP_LABEL, LINE_HEIGHT, LabelRule, Len, NODE_LABEL, Pen,
    Scope, Shape, Text, card_label, display_list, edge_label_at, edge_label_lines,
};
pub use icons::{IconSet, Icons, current_set, icon_svg, use_icon_set};
pub use layer::{Layer, Look};
pub use paint::{Marks, View, draw, label_font_size, paint};
pub use selection::Selection;
pub use theme::{Palette, Theme};

#[cfg(test)]
mod tests;
