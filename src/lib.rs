//! archboard: draw AWS system designs and have them critiqued as you draw.
//!
//! Plain data and functions live in `model`, `catalog`, `io`, `history` and `critique`; `render`
//! describes and draws a board for the screen and for export; `export` writes it to PNG, SVG or
//! mermaid by file name; `interop` reads the formats people have (mermaid today) through one
//! entry point; `ui` is the eframe app; `cli` the command line.

pub mod catalog;
pub mod cli;
pub mod console;
pub mod critique;
pub mod export;
pub mod history;
pub mod interop;
pub mod io;
pub mod layout;
pub mod mermaid;
pub mod model;
pub mod numbers;
pub mod practice;
pub mod presets;
pub mod render;
pub(crate) mod text;
pub mod ui;

mod embedded;
mod hash;
