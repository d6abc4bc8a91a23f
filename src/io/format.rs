//! The RON text of a board, and the chain of older formats it migrates from.
//!
//! Each released format has a frozen shape here; loading reads the `format` number first and
//! upgrades step by step, so renaming a Rust field never breaks an old file.

use ron::extensions::Extensions;
use ron::ser::PrettyConfig;

use super::LoadError;
use crate::model::{Board, EdgeStyle, FORMAT, NodeStyle};

/// A syntax or version problem, before the file name is known.
#[derive(Debug)]
pub enum FormatError {
    Syntax { line: usize, col: usize, message: String },
    Newer(u32),
}

impl FormatError {
    /// The same error naming the file it came from.
    pub fn at(self, path: &str) -> LoadError {
        match self {
            FormatError::Syntax { line, col, message } => LoadError::Syntax {
                path: path.to_owned(),
                line,
                col,
                message,
            },
            FormatError::Newer(found) => LoadError::Newer {
                path: path.to_owned(),
                found,
                supported: FORMAT,
            },
        }
    }
}

fn options() -> ron::Options {
    // `group: "az"` rather than `group: Some("az")`: optional fields read as people write them.
    ron::Options::default().with_default_extension(Extensions::IMPLICIT_SOME)
}

/// The board as pretty RON: fields in a fixed order, one node, edge or group per line.
pub fn to_ron(board: &Board) -> Result<String, ron::Error> {
    let pretty = PrettyConfig::new().depth_limit(2).indentor("    ").new_line("\n");
    let mut text = options().to_string_pretty(board, pretty)?;
    text.push('\n');
    Ok(text)
}

/// Parses board text of any known format into the current model.
///
/// Format 1 is format 2 without edge `props`, and format 2 is format 3 without the drawing
/// styles, so all read with today's shape and come out as format 3; a board older than format 3
/// keeps the look it was drawn with (cards, straight edges) instead of the new boards' default.
pub fn from_ron(text: &str) -> Result<Board, FormatError> {
    let syntax = |e: ron::error::SpannedError| FormatError::Syntax {
        line: e.span.start.line,
        col: e.span.start.col,
        message: e.code.to_string(),
    };
    let board = match declared_format(text) {
        Some(v) if v > FORMAT => return Err(FormatError::Newer(v)),
        Some(0) => options().from_str::<v0::Board>(text).map(Board::from).map_err(syntax)?,
        _ => options().from_str::<Board>(text).map_err(syntax)?,
    };
    if board.format > FORMAT {
        return Err(FormatError::Newer(board.format));
    }
    Ok(if board.format < 3 {
        Board {
            format: FORMAT,
            node_style: NodeStyle::Card,
            edge_style: EdgeStyle::Straight,
            ..board
        }
    } else {
        board
    })
}

/// The `format` number of the outermost struct, found without parsing the whole file, so a
/// newer file is recognised even when its body no longer parses.
fn declared_format(text: &str) -> Option<u32> {
    let bytes = text.as_bytes();
    let mut depth = 0usize;
    let mut i = 0;
    while i < bytes.len() {
        match bytes[i] {
            b'"' => {
                // skip a string, honouring escapes
                i += 1;
                while i < bytes.len() && bytes[i] != b'"' {
                    i += if bytes[i] == b'\\' { 2 } else { 1 };
                }
            }
            b'/' if bytes.get(i + 1) == Some(&b'/') => {
                while i < bytes.len() && bytes[i] != b'\n' {
                    i += 1;
                }
            }
            b'(' | b'[' | b'{' => depth += 1,
            b')' | b']' | b'}' => depth = depth.saturating_sub(1),
            b'f' if depth == 1 && text[i..].starts_with("format") && (i == 0 || !is_ident(bytes[i - 1])) => {
                let rest = text[i + "format".len()..].trim_start();
                if let Some(rest) = rest.strip_prefix(':') {
                    let digits: String = rest.trim_start().chars().take_while(char::is_ascii_digit).collect();
                    return digits.parse().ok();
                }
            }
            _ => {}
        }
        i += 1;
    }
    None
}

fn is_ident(b: u8) -> bool {
    b.is_ascii_alphanumeric() || b == b'_'
}

/// Format 0, the shape of the first drafts: `kind` for the service, `pos` for the centre and
/// an `async` flag on edges. Frozen: never edit, only migrate from it.
mod v0 {
    use std::collections::BTreeMap;

    use serde::Deserialize;

    use crate::model::{self, EdgeMode, Point};

    #[derive(Deserialize)]
    pub struct Board {
        #[serde(default)]
        title: String,
        #[serde(default)]
        nodes: Vec<Node>,
        #[serde(default)]
        edges: Vec<Edge>,
    }

    #[derive(Deserialize)]
    struct Node {
        id: String,
        kind: String,
        #[serde(default)]
        label: String,
        pos: Point,
        #[serde(default)]
        props: BTreeMap<String, String>,
        #[serde(default)]
        group: Option<String>,
    }

    #[derive(Deserialize)]
    struct Edge {
        from: String,
        to: String,
        #[serde(default)]
        label: String,
        #[serde(default, rename = "async")]
        is_async: bool,
    }

    impl From<Board> for model::Board {
        fn from(old: Board) -> Self {
            model::Board {
                format: 0,
                title: old.title,
                nodes: old
                    .nodes
                    .into_iter()
                    .map(|n| model::Node {
                        id: n.id,
                        service: n.kind,
                        label: n.label,
                        at: n.pos,
                        props: n.props,
                        group: n.group,
                    })
                    .collect(),
                edges: old
                    .edges
                    .into_iter()
                    .map(|e| model::Edge {
                        from: e.from,
                        to: e.to,
                        label: e.label,
                        mode: if e.is_async { EdgeMode::Async } else { EdgeMode::Sync },
                        ..model::Edge::default()
                    })
                    .collect(),
                ..model::Board::default()
            }
        }
    }
}
