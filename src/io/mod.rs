//! Reading and writing boards as RON files: format versions, clear errors, safe saves.
//!
//! Loading is tolerant where it can be (a board with a dangling edge still opens, with a
//! warning) and strict where it must be (a malformed or newer file is refused with the file,
//! line and column). Saving never truncates the old file: it writes a sibling temporary file,
//! syncs it and renames it over the target.

mod format;
mod read;
pub mod recovery;
mod repair;
mod save;

use std::path::{Path, PathBuf};

use crate::model::Board;

pub use format::{from_ron, to_ron};
pub use read::read_text;
pub use save::{save, write_atomically};

/// Files larger than this are refused before reading (64 MiB).
pub const MAX_FILE_BYTES: u64 = 64 << 20;
/// Boards with more nodes than this are refused.
pub const MAX_NODES: usize = 200_000;
/// Boards with more edges than this are refused: five edges a node at the most nodes, and what
/// keeps a board that archboard writes inside [`MAX_FILE_BYTES`] in everyday use.
pub const MAX_EDGES: usize = 1_000_000;
/// Boards with more groups than this are refused: real designs have tens, and every group is
/// drawn and checked against the others.
pub const MAX_GROUPS: usize = 10_000;
/// Groups nested deeper than this (a top-level group is at depth 0) are moved to the top level
/// on load, with a warning; real designs nest account > region > VPC > AZ > subnet > cell.
pub const MAX_GROUP_DEPTH: usize = 32;
/// A practice round's log keeps at most this many entries on load (a recorded round folds its
/// log far below it; see `practice::replay`).
pub const MAX_ROUND_LOG: usize = 20_000;
/// Labels longer than this (in characters) are cut on load, with a warning.
pub const MAX_LABEL_CHARS: usize = 2_000;

/// A board read from a file, with what the loader had to say about it.
#[derive(Debug)]
pub struct Loaded {
    /// The board, repaired where the loader could (see `warnings`).
    pub board: Board,
    /// Things the loader repaired or noticed, one readable line each.
    pub warnings: Vec<String>,
}

/// Why a file could not be opened as a board.
#[derive(Debug, thiserror::Error)]
pub enum LoadError {
    #[error("{path}: cannot read: {source}")]
    /// The file could not be read (missing, a folder, no permission).
    Read {
        /// The file as the user named it, for the message.
        path: String,
        /// What the system said.
        source: std::io::Error,
    },
    #[error("{path}: the file is {} bytes; archboard reads files up to {limit} bytes", size.map_or_else(|| format!("over {limit}"), |s| s.to_string()))]
    /// The file is over [`MAX_FILE_BYTES`]; refused without reading more than the limit.
    TooLarge {
        /// The file as the user named it, for the message.
        path: String,
        /// Its size in bytes, when the file system knows it (not for pipes and devices).
        size: Option<u64>,
        /// The largest size opened.
        limit: u64,
    },
    #[error("{path}:{line}:{col}: not a text file (binary data from here: not UTF-8 text)")]
    /// The file is not UTF-8 text (an image, a zip), or holds a NUL.
    NotText {
        /// The file as the user named it, for the message.
        path: String,
        /// Line of the first byte that is not text, from 1.
        line: usize,
        /// Column of that byte, in characters from 1.
        col: usize,
    },
    #[error("{path}: the file is empty")]
    /// The file has no bytes.
    Empty {
        /// The file as the user named it, for the message.
        path: String,
    },
    #[error("{path}:{line}:{col}: {message}")]
    /// The text is not a valid board.
    Syntax {
        /// The file as the user named it, for the message.
        path: String,
        /// Line of the error, from 1.
        line: usize,
        /// Column of the error, from 1.
        col: usize,
        /// What the parser expected.
        message: String,
    },
    #[error(
        "{path}: the file is from a newer version of archboard (format {found}; this version reads up to {supported}); update archboard to open it"
    )]
    /// The file's format is newer than this version reads.
    Newer {
        /// The file as the user named it, for the message.
        path: String,
        /// The format the file says it has.
        found: u32,
        /// The newest format this version reads.
        supported: u32,
    },
    #[error("{path}: the board has {count} nodes; archboard opens boards of up to {limit}")]
    /// The board is over [`MAX_NODES`].
    TooManyNodes {
        /// The file as the user named it, for the message.
        path: String,
        /// How many nodes it has.
        count: usize,
        /// The most this version opens.
        limit: usize,
    },
    #[error("{path}: the board has {count} edges; archboard opens boards of up to {limit}")]
    /// The board is over [`MAX_EDGES`].
    TooManyEdges {
        /// The file as the user named it, for the message.
        path: String,
        /// How many edges it has.
        count: usize,
        /// The most this version opens.
        limit: usize,
    },
    #[error("{path}: the board has {count} groups; archboard opens boards of up to {limit}")]
    /// The board is over [`MAX_GROUPS`].
    TooManyGroups {
        /// The file as the user named it, for the message.
        path: String,
        /// How many groups it has.
        count: usize,
        /// The most this version opens.
        limit: usize,
    },
}

/// Why a board could not be saved. The old file is intact whenever this is returned.
#[derive(Debug, thiserror::Error)]
pub enum SaveError {
    #[error("{path}: cannot save: {source}")]
    /// The file or its temporary copy could not be written or renamed.
    Write {
        /// The file as the user named it.
        path: String,
        /// What the system said.
        source: std::io::Error,
    },
    /// The board could not be turned into text (a non-finite number slipped in).
    #[error("cannot write the board as RON: {0}")]
    Encode(String),
    /// The board's text would be larger than archboard opens: refused, so that nothing archboard
    /// writes fails to open again.
    #[error(
        "{path}: the board would be {size} bytes, more than the {limit} bytes archboard opens; nothing was written"
    )]
    TooLarge {
        /// The file as the user named it.
        path: String,
        /// The size of the board's text.
        size: usize,
        /// [`MAX_FILE_BYTES`].
        limit: u64,
    },
}

/// Reads and parses the board at `path`.
pub fn load(path: &Path) -> Result<Loaded, LoadError> {
    let text = read_text(path)?;
    parse(&text, &path.display().to_string())
}

/// Parses board text; `path` only names the source in errors and warnings.
pub fn parse(text: &str, path: &str) -> Result<Loaded, LoadError> {
    if text.trim().is_empty() {
        return Err(LoadError::Empty { path: path.to_owned() });
    }
    if let Some(at) = text.find('\0') {
        let (line, col) = read::position(&text.as_bytes()[..at]);
        return Err(LoadError::NotText {
            path: path.to_owned(),
            line,
            col,
        });
    }
    let mut board = from_ron(text).map_err(|e| e.at(path))?;
    let warnings = fit(&mut board, path)?;
    Ok(Loaded { board, warnings })
}

/// Holds a board to the limits of a loaded one: refuses more nodes, edges or groups than a board
/// may have, and repairs the rest (long labels cut, deep groups moved up, dangling references
/// dropped), one warning each. Every reader of another format applies it too, so whatever
/// archboard writes, archboard opens without a warning. `path` names the source in errors.
pub fn fit(board: &mut Board, path: &str) -> Result<Vec<String>, LoadError> {
    let (nodes, edges, groups) = (board.nodes.len(), board.edges.len(), board.groups.len());
    let path = path.to_owned();
    if nodes > MAX_NODES {
        return Err(LoadError::TooManyNodes {
            path,
            count: nodes,
            limit: MAX_NODES,
        });
    }
    if edges > MAX_EDGES {
        return Err(LoadError::TooManyEdges {
            path,
            count: edges,
            limit: MAX_EDGES,
        });
    }
    if groups > MAX_GROUPS {
        return Err(LoadError::TooManyGroups {
            path,
            count: groups,
            limit: MAX_GROUPS,
        });
    }
    let mut warnings = repair::repair(board);
    warnings.extend(repair::repair_round(board));
    Ok(warnings)
}

/// A suggested file name for a board title: lower case, dashes, `.archboard.ron`.
pub fn file_name_for(title: &str) -> PathBuf {
    let stem: String = title
        .chars()
        .map(|c| {
            if c.is_ascii_alphanumeric() {
                c.to_ascii_lowercase()
            } else {
                '-'
            }
        })
        .collect();
    let stem = stem.split('-').filter(|s| !s.is_empty()).collect::<Vec<_>>().join("-");
    let stem = if stem.is_empty() { "board".to_owned() } else { stem };
    PathBuf::from(format!("{stem}.archboard.ron"))
}

#[cfg(test)]
mod tests;
