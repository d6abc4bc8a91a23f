//! Painting boards off screen: a CPU rasteriser for egui output, used for PNG export and snapshot tests.

pub mod raster;
