//! Adding nodes and changing one node's fields.

use super::draft::Draft;
use super::node_pos;
use crate::history::Edit;
use crate::model::{Board, Node, Point};

/// Adds a node of `service` centred at `at`, with a fresh id made from the service name.
///
/// Returns the edit and the new node's id (to select it).
pub(crate) fn add_node(board: &Board, service: &str, label: &str, at: Point) -> (Edit, String) {
    let id = board.fresh_id(service);
    let node = Node::new(id.clone(), service, label, at);
    let what = if label.is_empty() { service } else { label };
    let mut d = Draft::new(board);
    d.nodes.added.push(node);
    (d.finish(format!("Add {what}")), id)
}

/// Changes one node through `f`; `what` names the edit ("Rename api").
pub(crate) fn update_node(board: &Board, id: &str, what: &str, f: impl FnOnce(&mut Node)) -> Edit {
    let mut d = Draft::new(board);
    if let Some(i) = node_pos(board, id)
        && let Some(n) = d.node(i)
    {
        f(n);
        // The id is what edges and findings refer to: it does not change here.
        n.id = id.to_owned();
    }
    d.finish(what)
}

/// Sets a node's label (the text under its icon).
pub(crate) fn set_label(board: &Board, node_id: &str, label: &str) -> Edit {
    update_node(board, node_id, &format!("Rename {node_id}"), |n| {
        label.clone_into(&mut n.label)
    })
}

/// Sets a node's service (a catalog id), keeping its props, edges and place.
pub(crate) fn set_service(board: &Board, node_id: &str, service: &str) -> Edit {
    update_node(board, node_id, &format!("Change {node_id} to {service}"), |n| {
        service.clone_into(&mut n.service)
    })
}

/// Sets a prop on a node, or removes it with `None`.
pub(crate) fn set_prop(board: &Board, node_id: &str, key: &str, value: Option<&str>) -> Edit {
    let what = match value {
        Some(v) => format!("Set {key} = {v} on {node_id}"),
        None => format!("Clear {key} on {node_id}"),
    };
    update_node(board, node_id, &what, |n| match value {
        Some(v) => {
            n.props.insert(key.to_owned(), v.to_owned());
        }
        None => {
            n.props.remove(key);
        }
    })
}
