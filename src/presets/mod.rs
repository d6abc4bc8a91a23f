//! The reference architectures from the source material, as boards embedded in the binary.
//!
//! `presets/index.ron` lists them in gallery order with their title, tags and description;
//! `presets/<id>.ron` holds each board in the ordinary file format.

use std::sync::OnceLock;

use serde::Deserialize;

use crate::embedded::PRESET_FILES;
use crate::io;
use crate::model::Board;

/// One entry of the preset gallery.
#[derive(Debug, Deserialize)]
pub struct Preset {
    /// Stable id other tools rely on, e.g. `"cell_based"`.
    pub id: String,
    /// The name shown in the gallery.
    pub title: String,
    /// A starting point for a practice problem rather than a documented architecture.
    #[serde(default)]
    pub starter: bool,
    /// Words the gallery's search matches, e.g. `"serverless"`.
    #[serde(default)]
    pub tags: Vec<String>,
    /// When to use it, its trade-offs and where it is used.
    pub description: String,
}

/// Every preset in gallery order. The shipped index is checked by the test suite, so a broken
/// one yields an empty gallery rather than a crash.
pub fn all() -> &'static [Preset] {
    static INDEX: OnceLock<Vec<Preset>> = OnceLock::new();
    INDEX.get_or_init(|| {
        let text = PRESET_FILES
            .iter()
            .find(|(stem, _)| *stem == "index")
            .map_or("[]", |(_, t)| *t);
        let mut list: Vec<Preset> = ron::from_str(text).unwrap_or_default();
        list.retain(|p| PRESET_FILES.iter().any(|(stem, _)| *stem == p.id));
        list
    })
}

/// A fresh copy of the preset's board, or why it cannot be read.
pub fn board(id: &str) -> Result<Board, String> {
    let (_, text) = PRESET_FILES
        .iter()
        .find(|(stem, _)| *stem == id && *stem != "index")
        .ok_or_else(|| format!("no preset with id \"{id}\""))?;
    io::parse(text, &format!("presets/{id}.ron"))
        .map(|l| l.board)
        .map_err(|e| e.to_string())
}

#[cfg(test)]
mod tests;
