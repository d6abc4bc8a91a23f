//! The edit that applies a critique's suggested [`Fix`] to the nodes a finding names, so the
//! review panel and the command line apply fixes the same way.

use super::{BESIDE_GAP, add_node, connect, set_prop};
use crate::critique::Fix;
use crate::history::Edit;
use crate::model::{Board, NODE_SIZE, Point, Rect, free_spot};

/// How far above the finding's first node an added node goes, in world units.
const ABOVE: f32 = 150.0;
/// How far down from the board's top an added node goes when the finding names no node left.
const BESIDE_DROP: f32 = 60.0;

/// The undoable edit that applies `fix` to a finding's `nodes`, and the id of the node it adds
/// (to select it).
///
/// Nodes that are gone are skipped: a prop is set on the ones left, an added node goes at the
/// free spot nearest above the first one (or beside the board), inside `view` (world units) when
/// given, and connects only to nodes that exist. An added node is configured as the rules want
/// (see [`secure_defaults`]), so the fix raises no warning of its own. A fix with nothing left to
/// do gives an empty edit, which the history ignores.
pub(crate) fn fix(board: &Board, fix: &Fix, nodes: &[String], view: Option<Rect>) -> (Edit, Option<String>) {
    match fix {
        Fix::SetProp { key, value } => {
            let edit = then_each(board, Edit::new("Fix"), nodes, |b, id| {
                set_prop(b, id, key, Some(value))
            });
            let mut edit = edit.unwrap_or_default();
            edit.label = format!("Fix: set {key}");
            (edit, None)
        }
        Fix::AddNode {
            service,
            label,
            edge_to,
            edge_from,
        } => {
            let at = nodes
                .first()
                .and_then(|id| board.node(id))
                .map(|n| n.at.offset(0.0, -ABOVE))
                .or_else(|| board.bounds().map(|b| Point(b.x + b.w + BESIDE_GAP, b.y + BESIDE_DROP)))
                .unwrap_or(Point(0.0, 0.0));
            let (added, id) = add_node(board, service, label, free_spot(board, NODE_SIZE, at, view));
            let Some(added) = then_each(board, added, secure_defaults(service), |b, (key, value)| {
                set_prop(b, &id, key, Some(value))
            }) else {
                return (Edit::new("Fix"), None);
            };
            let pairs = edge_to
                .iter()
                .map(|to| (id.clone(), to.clone()))
                .chain(edge_from.iter().map(|from| (from.clone(), id.clone())));
            let Some(mut edit) = then_each(board, added, pairs, |b, (from, to)| connect(b, &from, &to)) else {
                return (Edit::new("Fix"), None);
            };
            edit.label = format!("Fix: add {label}");
            (edit, Some(id))
        }
    }
}

/// `first` followed by one step per item, each built on the board as the steps before left it;
/// a step that does not fit is left out. `None` when `first` itself does not fit the board.
fn then_each<T>(
    board: &Board,
    first: Edit,
    items: impl IntoIterator<Item = T>,
    step: impl Fn(&Board, T) -> Edit,
) -> Option<Edit> {
    let mut scratch = board.clone();
    first.apply(&mut scratch).ok()?;
    let mut edit = first;
    for item in items {
        let next = step(&scratch, item);
        if next.apply(&mut scratch).is_ok() {
            edit = edit.then(next);
        }
    }
    Some(edit)
}

/// The props a node added by a fix is given, so that it meets the coverage conventions the
/// rules check on its own kind: a store or cache encrypted at rest, a database or cache across
/// availability zones, wherever the catalog offers the prop for the service.
pub(crate) fn secure_defaults(service: &str) -> Vec<(&'static str, &'static str)> {
    let Some(s) = crate::catalog::Catalog::builtin().get(service) else {
        return Vec::new();
    };
    ["encrypted", "multi_az"]
        .into_iter()
        .filter(|key| s.props.iter().any(|p| p == key))
        .map(|key| (key, "true"))
        .collect()
}
