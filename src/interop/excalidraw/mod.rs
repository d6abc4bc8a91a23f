//! Excalidraw scenes in and out (`.excalidraw`).
//!
//! Excalidraw is the whiteboard of system-design interviews. Export writes a scene that opens as
//! a diagram, not loose shapes: each node a rectangle with its label as bound text, each edge an
//! arrow bound at both ends (dashed when async), each group a frame, and the catalog id on each
//! box (`customData.archboard.service`) so a round trip keeps the services. Import reads what
//! export writes and hand-drawn scenes too: rectangles, ellipses and diamonds with their text
//! (bound, or lying on the box), arrows bound at both ends, frames as groups; services come from
//! the text when the scene does not say.

mod read;
mod write;

#[cfg(test)]
mod tests;

use crate::catalog::Catalog;
use crate::interop::Problem;
use crate::model::Board;

pub(crate) use write::export;

/// A board read from a scene, with what the reader skipped or guessed.
#[derive(Debug)]
pub(crate) struct Imported {
    /// Placed where the scene drew its boxes.
    pub(crate) board: Board,
    /// Unbound arrows, cut labels, skipped empty boxes.
    pub(crate) warnings: Vec<Problem>,
}

/// Reads an Excalidraw scene. Fails only when the text is not JSON or has no element list, or
/// is over the limits; never panics.
pub(crate) fn import(text: &str, catalog: &Catalog) -> Result<Imported, Problem> {
    read::import(text, catalog)
}

/// Whether `text` is an Excalidraw scene by its start: a JSON object whose `type` is
/// `excalidraw` (or Excalidraw's clipboard) within the first few kilobytes.
pub(crate) fn looks_like(text: &str) -> bool {
    let start = text.trim_start_matches('\u{feff}').trim_start();
    if !start.starts_with('{') {
        return false;
    }
    let head: String = start.chars().take(4096).collect();
    let compact: String = head.chars().filter(|c| !c.is_whitespace()).collect();
    compact.contains("\"type\":\"excalidraw\"") || compact.contains("\"type\":\"excalidraw/clipboard\"")
}
