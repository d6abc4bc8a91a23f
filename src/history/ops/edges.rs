//! Adding, editing and turning edges around.

use super::draft::Draft;
use super::node_pos;
use crate::history::Edit;
use crate::model::{Board, Edge, EdgeMode, EdgeStyle};

/// Adds a synchronous edge `from -> to`; nothing if either node is missing, they are the same,
/// or that edge exists already.
pub(crate) fn connect(board: &Board, from: &str, to: &str) -> Edit {
    let mut d = Draft::new(board);
    let exists = board.edges.iter().any(|e| e.from == from && e.to == to);
    if from != to && !exists && node_pos(board, from).is_some() && node_pos(board, to).is_some() {
        d.edges.added.push(Edge::new(from, to));
    }
    d.finish(format!("Connect {from} -> {to}"))
}

/// Sets an edge's label and mode.
pub(crate) fn set_edge(board: &Board, index: usize, label: &str, mode: EdgeMode) -> Edit {
    let mut d = Draft::new(board);
    if let Some(e) = d.edge(index) {
        label.clone_into(&mut e.label);
        e.mode = mode;
    }
    d.finish("Edit edge")
}

/// Sets a figure on an edge (`rps`, `share`, `op`), or removes it with `None`: the edge
/// counterpart of [`set_prop`](super::set_prop), one undo step per field edit.
pub(crate) fn set_edge_prop(board: &Board, index: usize, key: &str, value: Option<&str>) -> Edit {
    let mut d = Draft::new(board);
    if let Some(e) = d.edge(index) {
        match value {
            Some(v) => {
                e.props.insert(key.to_owned(), v.to_owned());
            }
            None => {
                e.props.remove(key);
            }
        }
    }
    let what = match value {
        Some(v) => format!("Set {key} = {v} on a connection"),
        None => format!("Clear {key} on a connection"),
    };
    d.finish(what)
}

/// Gives an edge its own path style, or with `None` lets it follow the board's.
pub(crate) fn set_edge_style(board: &Board, index: usize, style: Option<EdgeStyle>) -> Edit {
    let mut d = Draft::new(board);
    if let Some(e) = d.edge(index) {
        e.style = style;
    }
    d.finish("Change connection style")
}

/// Turns an edge around; nothing if the reversed edge exists already.
pub(crate) fn reverse_edge(board: &Board, index: usize) -> Edit {
    let mut d = Draft::new(board);
    if let Some(old) = board.edges.get(index)
        && !board.edges.iter().any(|e| e.from == old.to && e.to == old.from)
        && let Some(e) = d.edge(index)
    {
        std::mem::swap(&mut e.from, &mut e.to);
    }
    d.finish("Reverse edge")
}
