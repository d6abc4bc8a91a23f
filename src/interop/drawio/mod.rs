//! draw.io diagrams in and out (`.drawio`, `.drawio.xml`, `.dio`, `.xml` holding `<mxfile>`).
//!
//! Most AWS diagrams in the world are draw.io files, drawn with the AWS shapes draw.io ships.
//! Import reads the first page (or the one asked for), compressed or plain; vertices become
//! nodes whose service comes from the shape (`resIcon=mxgraph.aws4.<name>`,
//! `shape=mxgraph.aws4.<name>`, `mxgraph.aws3.*`, through the table in
//! `assets/drawio_aws4.ron`) and then from the label; containers and AWS group boxes become
//! groups; edges with both ends attached become edges. Positions are kept, scaled from draw.io's
//! icons to archboard's cards; a file with no geometry is laid out.
//!
//! Export writes one uncompressed page in draw.io's own aws4 style (only style keys draw.io's
//! AWS sidebar uses), groups as aws4 group containers with their children relative to them, and
//! each cell's catalog id and group kind as custom data (`archboard_service`,
//! `archboard_kind`) so a round trip keeps what a shape alone cannot say.

mod read;
mod style;
mod table;
mod write;

#[cfg(test)]
mod tests;

use crate::catalog::Catalog;
use crate::interop::Problem;
use crate::model::Board;

pub(crate) use write::export;

/// A board read from a draw.io page, with what the reader skipped or guessed.
#[derive(Debug)]
pub(crate) struct Imported {
    /// Placed as the diagram placed its shapes (or laid out when it gave no positions).
    pub(crate) board: Board,
    /// Skipped arrows, unknown shapes, cut labels, in file order.
    pub(crate) warnings: Vec<Problem>,
}

/// Reads page `page` (1-based; the first when `None`) of a draw.io file. Fails only when the
/// text is not a readable draw.io file (broken XML, a DTD, a broken compressed page, over the
/// limits); anything else it cannot use is a warning. Never panics.
pub(crate) fn import(text: &str, page: Option<usize>, catalog: &Catalog) -> Result<Imported, Problem> {
    read::import(text, page, catalog)
}

/// Whether `text` is a draw.io file by its start: an `<mxfile>` or `<mxGraphModel>` element in
/// the first few kilobytes.
pub(crate) fn looks_like(text: &str) -> bool {
    let start = text.trim_start_matches('\u{feff}').trim_start();
    if !start.starts_with('<') {
        return false;
    }
    let head: String = start.chars().take(4096).collect();
    head.contains("<mxfile") || head.contains("<mxGraphModel")
}
