//! Painting a board: the one drawing code shared by the canvas, the PNG export, the preset
//! thumbnails and the snapshot tests, plus the CPU rasteriser and the SVG writer.

pub mod export;
mod icons;
mod paint;
pub mod raster;
mod selection;
pub mod svg;
mod theme;

pub use icons::{Icons, icon_svg};
pub use paint::{Marks, View, edge_ends, edge_label_pos, label_font_size, paint};
pub use selection::Selection;
pub use theme::{Palette, Theme};
