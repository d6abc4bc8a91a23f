//! Where new things go: the one placement rule for click-to-add, duplicate, paste (a copied
//! selection or a mermaid chart) and a fix that adds a node.
//!
//! The spot is the nearest one to where the user looks (the related node, or the view's centre)
//! whose box overlaps no card and crosses no group border: it lies wholly inside the groups that
//! hold the point it was asked near (the new thing belongs there) and clear of every other
//! group. Inside the view when one is given and a spot is free there; anywhere near otherwise.

use super::{Board, Point, Rect, node_rect};

/// The step between spots tried, in world units (the canvas grid).
const STEP: f32 = 20.0;
/// The clear space kept around the new box, in world units.
const CLEARANCE: f32 = 20.0;
/// How many steps out from the wanted point the search goes in each direction.
const REACH: i32 = 60;

/// The centre for a new box of `size` (world units) nearest to `near` that overlaps no card of
/// `board`, lies wholly inside each group holding `near` and clear of every other group, and
/// lies inside `view` when given and possible. Falls back to `near` when nothing is free.
pub fn free_spot(board: &Board, size: (f32, f32), near: Point, view: Option<Rect>) -> Point {
    let home: Vec<Rect> = board
        .groups
        .iter()
        .map(|g| g.rect)
        .filter(|r| r.contains(near))
        .collect();
    let reach = REACH as f32 * STEP;
    let area = Rect::centred(near, (2.0 * reach + size.0, 2.0 * reach + size.1)).expand(CLEARANCE);
    let cards: Vec<Rect> = board
        .nodes
        .iter()
        .map(node_rect)
        .filter(|r| r.intersects(area))
        .collect();
    let others: Vec<Rect> = board
        .groups
        .iter()
        .map(|g| g.rect)
        .filter(|r| !r.contains(near) && r.intersects(area))
        .collect();
    let free = |at: Point, in_view: bool| {
        let r = Rect::centred(at, size);
        let kept = r.expand(CLEARANCE);
        (!in_view || view.is_none_or(|v| v.contains_rect(r)))
            && home.iter().all(|h| h.contains_rect(r))
            && !cards.iter().any(|c| c.intersects(kept))
            && !others.iter().any(|g| g.intersects(kept))
    };
    let mut offsets: Vec<(i32, i32)> = (-REACH..=REACH)
        .flat_map(|i| (-REACH..=REACH).map(move |j| (i, j)))
        .collect();
    offsets.sort_by_key(|&(i, j)| (i * i + j * j, j.abs(), i.abs(), j, i));
    let spot = |in_view: bool| {
        offsets
            .iter()
            .map(|&(i, j)| near.offset(i as f32 * STEP, j as f32 * STEP))
            .find(|&at| free(at, in_view))
    };
    spot(true).or_else(|| spot(false)).unwrap_or(near)
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::model::{Group, GroupKind, NODE_SIZE, Node};

    fn board_with(nodes: &[(f32, f32)]) -> Board {
        let mut b = Board::new("t");
        for (i, &(x, y)) in nodes.iter().enumerate() {
            b.nodes.push(Node::new(format!("n{i}"), "lambda", "", Point(x, y)));
        }
        b
    }

    fn overlaps_a_card(b: &Board, at: Point, size: (f32, f32)) -> bool {
        b.nodes.iter().any(|n| node_rect(n).intersects(Rect::centred(at, size)))
    }

    #[test]
    fn an_empty_spot_is_taken_as_asked() {
        assert_eq!(
            free_spot(&board_with(&[]), NODE_SIZE, Point(10.0, 20.0), None),
            Point(10.0, 20.0)
        );
    }

    #[test]
    fn new_nodes_added_one_after_another_never_stack() {
        let mut b = board_with(&[]);
        for i in 0..12 {
            let at = free_spot(&b, NODE_SIZE, Point(0.0, 0.0), None);
            assert!(!overlaps_a_card(&b, at, NODE_SIZE), "node {i} at {at:?}");
            b.nodes.push(Node::new(format!("n{i}"), "lambda", "", at));
        }
    }

    #[test]
    fn a_spot_stays_in_the_view_when_it_can() {
        let b = board_with(&[(0.0, 0.0), (0.0, 200.0)]);
        let view = Rect {
            x: -400.0,
            y: -100.0,
            w: 800.0,
            h: 400.0,
        };
        let at = free_spot(&b, NODE_SIZE, Point(0.0, 0.0), Some(view));
        assert!(view.contains_rect(Rect::centred(at, NODE_SIZE)));
        assert!(!overlaps_a_card(&b, at, NODE_SIZE));
    }

    #[test]
    fn a_box_keeps_out_of_groups_it_is_not_in_and_inside_the_one_it_is() {
        let mut b = board_with(&[]);
        b.groups.push(Group {
            id: "vpc".into(),
            kind: GroupKind::Vpc,
            label: "VPC".into(),
            rect: Rect {
                x: 100.0,
                y: -300.0,
                w: 600.0,
                h: 600.0,
            },
            parent: None,
        });
        let chart = (400.0, 300.0);
        let at = free_spot(&b, chart, Point(150.0, 0.0), None);
        let placed = Rect::centred(at, chart);
        assert!(
            b.groups[0].rect.contains_rect(placed),
            "asked inside the VPC: stays wholly in it"
        );
        let at = free_spot(&b, chart, Point(50.0, 0.0), None);
        assert!(
            !b.groups[0].rect.intersects(Rect::centred(at, chart)),
            "asked outside: crosses no border"
        );
    }
}
