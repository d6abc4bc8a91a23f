//! The edit that applies a critique's suggested [`Fix`] to the nodes a finding names, so the
//! review panel and the command line apply fixes the same way.

use super::{BESIDE_GAP, add_node, connect, set_prop};
use crate::critique::Fix;
use crate::history::Edit;
use crate::model::{Board, NODE_SIZE, Point, Rect, node_rect};

/// How far above the finding's first node an added node goes, in world units.
const ABOVE: f32 = 150.0;
/// How far down from the board's top an added node goes when the finding names no node left.
const BESIDE_DROP: f32 = 60.0;
/// How far right an added node steps when its spot is taken, in world units.
const STEP_RIGHT: f32 = 170.0;
/// The clear space an added node's card wants around it, in world units.
const CLEARANCE: f32 = 10.0;
/// Most steps right before an added node settles where it is.
const MAX_STEPS: usize = 50;

/// The undoable edit that applies `fix` to a finding's `nodes`, and the id of the node it adds
/// (to select it).
///
/// Nodes that are gone are skipped: a prop is set on the ones left, an added node goes above the
/// first one (or beside the board) and connects only to nodes that exist. A fix with nothing left
/// to do gives an empty edit, which the history ignores.
pub(crate) fn fix(board: &Board, fix: &Fix, nodes: &[String]) -> (Edit, Option<String>) {
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
            let (added, id) = add_node(board, service, label, free_spot(board, at));
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

/// The nearest spot to `at` (stepping right) where a card does not overlap another.
fn free_spot(board: &Board, mut at: Point) -> Point {
    for _ in 0..MAX_STEPS {
        let r = Rect::centred(at, NODE_SIZE).expand(CLEARANCE);
        if !board.nodes.iter().any(|n| node_rect(n).intersects(r)) {
            break;
        }
        at = at.offset(STEP_RIGHT, 0.0);
    }
    at
}
