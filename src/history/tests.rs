//! Tests of the history and of every board operation: the result, validity, and exact undo/redo.

use super::ops::{self, GROUP_LABEL_ROOM, GROUP_PADDING};
use super::*;
use crate::critique::Fix;
use crate::model::{Edge, EdgeMode, Group, GroupKind, Node, NodeStyle, Point, Rect, node_rect, validate};

fn ids(list: &[&str]) -> Vec<String> {
    list.iter().map(|s| (*s).to_owned()).collect()
}

fn group(id: &str, kind: GroupKind, parent: Option<&str>, rect: (f32, f32, f32, f32)) -> Group {
    Group {
        id: id.into(),
        kind,
        label: id.to_uppercase(),
        parent: parent.map(Into::into),
        rect: Rect {
            x: rect.0,
            y: rect.1,
            w: rect.2,
            h: rect.3,
        },
    }
}

/// users -> api -> fn -> db; api and fn in the VPC, db in its private subnet, all in a region.
fn sample() -> Board {
    let mut b = Board::new("Orders");
    b.groups
        .push(group("region", GroupKind::Region, None, (0.0, 0.0, 1000.0, 600.0)));
    b.groups
        .push(group("vpc", GroupKind::Vpc, Some("region"), (20.0, 20.0, 900.0, 500.0)));
    b.groups.push(group(
        "priv",
        GroupKind::PrivateSubnet,
        Some("vpc"),
        (500.0, 60.0, 300.0, 300.0),
    ));
    b.nodes
        .push(Node::new("users", "client", "Users", Point(-300.0, 100.0)));
    let mut api = Node::new("api", "api_gateway", "API", Point(100.0, 200.0));
    api.group = Some("vpc".into());
    let mut f = Node::new("fn", "lambda", "Handler", Point(300.0, 200.0));
    f.group = Some("vpc".into());
    let mut db = Node::new("db", "dynamodb", "Orders", Point(600.0, 200.0));
    db.group = Some("priv".into());
    db.props.insert("encrypted".into(), "true".into());
    b.nodes.extend([api, f, db]);
    b.edges.push(Edge::new("users", "api"));
    b.edges.push(Edge::new("api", "fn"));
    b.edges.push(Edge {
        label: "write".into(),
        mode: EdgeMode::Async,
        ..Edge::new("fn", "db")
    });
    assert!(validate(&b).is_empty());
    b
}

/// Applies the edit through a history, checks the result is valid, that undo gives back exactly
/// the board and redo exactly the edited one; returns the edited board.
fn roundtrip(board: &Board, edit: Edit) -> Board {
    let mut h = History::new();
    let mut b = board.clone();
    h.apply(&mut b, edit).unwrap();
    assert!(validate(&b).is_empty(), "{:?}", validate(&b));
    let after = b.clone();
    if h.can_undo() {
        assert!(h.undo(&mut b).is_some());
        assert_eq!(&b, board);
        assert!(h.redo(&mut b).is_some());
        assert_eq!(b, after);
    }
    after
}

fn node<'a>(b: &'a Board, id: &str) -> &'a Node {
    b.node(id).unwrap_or_else(|| panic!("no node {id}"))
}

#[test]
fn add_node_takes_a_fresh_id_from_the_service() {
    let b = sample();
    let (edit, id) = ops::add_node(&b, "lambda", "Worker", Point(10.0, 20.0));
    assert_eq!(edit.label, "Add Worker");
    let b = roundtrip(&b, edit);
    assert_eq!(id, "lambda");
    let (edit, id2) = ops::add_node(&b, "lambda", "", Point(0.0, 0.0));
    let b = roundtrip(&b, edit);
    assert_eq!(id2, "lambda_2");
    assert_eq!(node(&b, "lambda").at, Point(10.0, 20.0));
    assert_eq!(b.nodes.len(), 6);
}

#[test]
fn moving_a_group_moves_its_members_and_nested_groups_once() {
    let b = sample();
    let edit = ops::move_items(&b, &ids(&["api", "users"]), &ids(&["vpc"]), 10.0, -5.0);
    assert_eq!(edit.label, "Move 4 nodes and 2 groups");
    let a = roundtrip(&b, edit);
    for id in ["users", "api", "fn", "db"] {
        assert_eq!(node(&a, id).at, node(&b, id).at.offset(10.0, -5.0), "{id}");
    }
    assert_eq!(a.group("region"), b.group("region"));
    for id in ["vpc", "priv"] {
        let (ga, gb) = (a.group(id).map(|g| g.rect), b.group(id).map(|g| g.rect));
        assert_eq!(ga.map(|r| (r.x, r.y, r.w)), gb.map(|r| (r.x + 10.0, r.y - 5.0, r.w)));
    }
    assert!(ops::move_items(&b, &ids(&["api"]), &[], 0.0, 0.0).is_empty());
    assert_eq!(ops::move_items(&b, &ids(&["api"]), &[], 1.0, 0.0).label, "Move API");
}

#[test]
fn deleting_nodes_takes_their_edges() {
    let b = sample();
    let edit = ops::delete(&b, &ids(&["fn"]), &[], &[]);
    assert_eq!(edit.label, "Delete 1 node");
    let a = roundtrip(&b, edit);
    assert!(a.node("fn").is_none());
    assert_eq!(a.edges, vec![Edge::new("users", "api")]);
    let a = roundtrip(&b, ops::delete(&b, &[], &[], &[0, 2, 99]));
    assert_eq!(a.edges, vec![Edge::new("api", "fn")]);
    assert_eq!(a.nodes, b.nodes);
}

#[test]
fn deleting_a_group_lifts_members_and_children_to_the_nearest_survivor() {
    let b = sample();
    let a = roundtrip(&b, ops::delete(&b, &[], &ids(&["vpc"]), &[]));
    assert_eq!(node(&a, "api").group.as_deref(), Some("region"));
    assert_eq!(node(&a, "db").group.as_deref(), Some("priv"));
    assert_eq!(a.group("priv").and_then(|g| g.parent.as_deref()), Some("region"));
    let a = roundtrip(&b, ops::delete(&b, &[], &ids(&["vpc", "region"]), &[]));
    assert_eq!(node(&a, "api").group, None);
    assert_eq!(a.group("priv").and_then(|g| g.parent.clone()), None);
    assert_eq!(a.nodes.len(), 4);
}

#[test]
fn node_fields_change_and_no_change_is_an_empty_edit() {
    let b = sample();
    let a = roundtrip(&b, ops::set_label(&b, "api", "Orders API"));
    assert_eq!(node(&a, "api").label, "Orders API");
    assert!(ops::set_label(&b, "api", "API").is_empty());
    assert!(ops::set_label(&b, "nobody", "x").is_empty());
    let a = roundtrip(&b, ops::set_service(&b, "fn", "fargate"));
    assert_eq!(node(&a, "fn").service, "fargate");
    let a = roundtrip(&b, ops::set_prop(&b, "db", "multi_az", Some("true")));
    assert!(node(&a, "db").flag("multi_az"));
    let a = roundtrip(&b, ops::set_prop(&b, "db", "encrypted", None));
    assert!(node(&a, "db").props.is_empty());
    assert!(ops::set_prop(&b, "db", "encrypted", Some("true")).is_empty());
    let a = roundtrip(&b, ops::update_node(&b, "db", "Sneaky", |n| n.id = "other".into()));
    assert_eq!(a, b, "update_node never changes an id");
}

#[test]
fn connect_refuses_duplicates_self_edges_and_unknown_nodes() {
    let b = sample();
    assert!(ops::connect(&b, "api", "fn").is_empty());
    assert!(ops::connect(&b, "api", "api").is_empty());
    assert!(ops::connect(&b, "api", "ghost").is_empty());
    let a = roundtrip(&b, ops::connect(&b, "fn", "api"));
    assert_eq!(a.edges.last(), Some(&Edge::new("fn", "api")));
}

#[test]
fn edges_are_edited_and_reversed() {
    let b = sample();
    let a = roundtrip(&b, ops::set_edge(&b, 1, "REST", EdgeMode::Async));
    assert_eq!((a.edges[1].label.as_str(), a.edges[1].mode), ("REST", EdgeMode::Async));
    let a = roundtrip(&b, ops::reverse_edge(&b, 2));
    assert_eq!(
        (
            a.edges[2].from.as_str(),
            a.edges[2].to.as_str(),
            a.edges[2].label.as_str()
        ),
        ("db", "fn", "write")
    );
    let mut two_way = b.clone();
    two_way.edges.push(Edge::new("fn", "api"));
    assert!(ops::reverse_edge(&two_way, 1).is_empty());
    assert!(ops::set_edge(&b, 9, "x", EdgeMode::Sync).is_empty());
}

#[test]
fn edge_props_are_set_and_cleared_in_one_undoable_step() {
    let b = sample();
    let edit = ops::set_edge_prop(&b, 1, "share", Some("0.1"));
    assert_eq!(edit.changes.len(), 1, "one change to one edge");
    let a = roundtrip(&b, edit);
    assert_eq!(a.edges[1].prop("share"), Some("0.1"));
    assert_eq!(a.edges[0], b.edges[0], "other edges untouched");
    assert!(
        ops::set_edge_prop(&a, 1, "share", Some("0.1")).is_empty(),
        "same value: no step"
    );
    let cleared = roundtrip(&a, ops::set_edge_prop(&a, 1, "share", None));
    assert_eq!(cleared, b);
    assert!(
        ops::set_edge_prop(&b, 1, "rps", None).is_empty(),
        "clearing what is not there"
    );
    assert!(ops::set_edge_prop(&b, 9, "rps", Some("5")).is_empty(), "no such edge");
}

#[test]
fn wrapping_nodes_encloses_their_cards_inside_their_shared_group() {
    let b = sample();
    let (edit, id) = ops::wrap_in_group(&b, &ids(&["api", "fn"]), GroupKind::Cell, "Cell 1");
    let a = roundtrip(&b, edit);
    assert_eq!(id, "cell");
    let g = a.group("cell").cloned().unwrap_or_default();
    assert_eq!(g.parent.as_deref(), Some("vpc"));
    let cards = node_rect(node(&b, "api")).union(node_rect(node(&b, "fn")));
    assert_eq!(g.rect.x, cards.x - GROUP_PADDING);
    assert_eq!(g.rect.y, cards.y - GROUP_PADDING - GROUP_LABEL_ROOM);
    assert_eq!(g.rect.w, cards.w + 2.0 * GROUP_PADDING);
    assert_eq!(g.rect.h, cards.h + 2.0 * GROUP_PADDING + GROUP_LABEL_ROOM);
    assert!(g.rect.contains_rect(node_rect(node(&a, "api"))));
    assert_eq!(node(&a, "fn").group.as_deref(), Some("cell"));
    // db is in priv inside vpc, api in vpc: they share vpc.
    let (edit, _) = ops::wrap_in_group(&b, &ids(&["api", "db"]), GroupKind::Generic, "");
    let a = roundtrip(&b, edit);
    assert_eq!(a.group("group").and_then(|g| g.parent.as_deref()), Some("vpc"));
    let (edit, _) = ops::wrap_in_group(&b, &ids(&["users", "db"]), GroupKind::Account, "");
    let a = roundtrip(&b, edit);
    assert_eq!(a.group("account").map(|g| g.parent.is_none()), Some(true));
    let (edit, id) = ops::wrap_in_group(&b, &ids(&["ghost"]), GroupKind::Account, "");
    assert!(edit.is_empty() && id.is_empty());
}

#[test]
fn a_new_group_nests_in_the_group_that_holds_it_and_adopts_what_it_encloses() {
    let b = sample();
    let rect = Rect {
        x: 520.0,
        y: 100.0,
        w: 200.0,
        h: 200.0,
    };
    let (edit, id) = ops::add_group(&b, GroupKind::Cell, "Shard", rect);
    let a = roundtrip(&b, edit);
    assert_eq!(a.group(&id).and_then(|g| g.parent.as_deref()), Some("priv"));
    assert_eq!(node(&a, "db").group.as_deref(), Some(id.as_str()));
    // A box around the whole VPC, inside the region, adopts the VPC.
    let (edit, id) = ops::add_group(
        &b,
        GroupKind::Account,
        "",
        Rect {
            x: 10.0,
            y: 10.0,
            w: 950.0,
            h: 550.0,
        },
    );
    let a = roundtrip(&b, edit);
    assert_eq!(a.group("vpc").and_then(|g| g.parent.as_deref()), Some(id.as_str()));
    assert_eq!(a.group(&id).and_then(|g| g.parent.as_deref()), Some("region"));
    let rect = Rect {
        x: 0.0,
        y: 0.0,
        w: 10.0,
        h: 10.0,
    };
    let a = roundtrip(&b, ops::resize_group(&b, "priv", rect));
    assert_eq!(a.group("priv").map(|g| g.rect), Some(rect));
    assert_eq!(
        node(&a, "db").group.as_deref(),
        Some("priv"),
        "resizing alone keeps membership"
    );
}

#[test]
fn membership_follows_the_innermost_group_under_the_centre() {
    let mut b = sample();
    b.nodes[0].at = Point(600.0, 300.0); // users dropped into priv
    b.nodes[3].at = Point(2000.0, 0.0); // db dropped outside everything
    b.nodes[1].at = Point(950.0, 550.0); // api dropped in the region, outside the VPC
    let a = roundtrip(&b, ops::update_membership(&b, &ids(&["users", "db", "api", "fn"])));
    assert_eq!(node(&a, "users").group.as_deref(), Some("priv"));
    assert_eq!(node(&a, "db").group, None);
    assert_eq!(node(&a, "api").group.as_deref(), Some("region"));
    assert_eq!(node(&a, "fn").group.as_deref(), Some("vpc"));
    // A child group wins over its parent even when it is drawn bigger.
    let mut c = sample();
    c.groups[2].rect = Rect {
        x: -5000.0,
        y: -5000.0,
        w: 10000.0,
        h: 10000.0,
    };
    let a = roundtrip(&c, ops::update_membership(&c, &ids(&["api"])));
    assert_eq!(node(&a, "api").group.as_deref(), Some("priv"));
}

#[test]
fn inserting_a_board_into_itself_renames_every_id_consistently() {
    let b = sample();
    let inserted = ops::insert_with_ids(&b, &b, (0.0, 1000.0));
    assert_eq!(inserted.nodes, ids(&["users_2", "api_2", "fn_2", "db_2"]));
    assert_eq!(inserted.groups, ids(&["region_2", "vpc_2", "priv_2"]));
    let a = roundtrip(&b, inserted.edit);
    assert_eq!((a.nodes.len(), a.edges.len(), a.groups.len()), (8, 6, 6));
    assert_eq!(node(&a, "db_2").group.as_deref(), Some("priv_2"));
    assert_eq!(node(&a, "db_2").at, Point(600.0, 1200.0));
    assert_eq!(a.group("priv_2").and_then(|g| g.parent.as_deref()), Some("vpc_2"));
    assert!(a.edges.contains(&Edge {
        label: "write".into(),
        mode: EdgeMode::Async,
        ..Edge::new("fn_2", "db_2")
    }));
    // Dangling references in the inserted board are dropped, never copied.
    let mut broken = Board::new("x");
    let mut n = Node::new("a", "s3", "", Point(0.0, 0.0));
    n.group = Some("gone".into());
    broken.nodes.push(n);
    broken.edges.push(Edge::new("a", "nowhere"));
    let a = roundtrip(&b, ops::insert_with_ids(&b, &broken, (0.0, 0.0)).edit);
    assert_eq!(
        (a.nodes.len(), a.edges.len(), node(&a, "a").group.clone()),
        (5, 3, None)
    );
}

#[test]
fn copy_takes_what_is_inside_selected_groups_and_paste_centres_it() {
    let b = sample();
    let sel = ops::selection_as_board(&b, &[], &ids(&["vpc"]));
    let names: Vec<&str> = sel.nodes.iter().map(|n| n.id.as_str()).collect();
    assert_eq!(names, ["api", "fn", "db"]);
    assert_eq!(sel.edges.len(), 2);
    assert_eq!(
        sel.groups.iter().map(|g| g.id.as_str()).collect::<Vec<_>>(),
        ["vpc", "priv"]
    );
    assert_eq!(sel.groups[0].parent, None);
    assert!(validate(&sel).is_empty());
    let one = ops::selection_as_board(&b, &ids(&["db", "fn"]), &[]);
    assert_eq!((one.nodes.len(), one.edges.len(), one.groups.len()), (2, 1, 0));
    assert!(one.nodes.iter().all(|n| n.group.is_none()));
    // The clipboard holds RON; it reads back as the same board.
    let text = ron::to_string(&sel).unwrap_or_default();
    assert_eq!(ron::from_str::<Board>(&text).ok(), Some(sel.clone()));

    let pasted = ops::paste(&b, &sel, Point(0.0, 2000.0));
    assert_eq!(pasted.edit.label, "Paste 3 nodes and 2 groups");
    let a = roundtrip(&b, pasted.edit);
    let new_ids = pasted.nodes.iter().chain(&pasted.groups).cloned().collect::<Vec<_>>();
    let copy = ops::selection_as_board(&a, &pasted.nodes, &pasted.groups);
    assert_eq!(copy.nodes.len() + copy.groups.len(), new_ids.len());
    let c = copy.bounds().map(|r| r.centre()).unwrap_or_default();
    assert!((c.0 - 0.0).abs() < 1e-3 && (c.1 - 2000.0).abs() < 1e-3, "{c:?}");
}

#[test]
fn place_beside_puts_the_other_board_right_of_everything() {
    let b = sample();
    let (dx, dy) = ops::place_beside(&b, &b);
    let a = roundtrip(&b, ops::insert_with_ids(&b, &b, (dx, dy)).edit);
    let (old, new) = (
        b.bounds().unwrap_or_default(),
        ops::selection_as_board(&a, &ids(&["users_2"]), &ids(&["region_2"])),
    );
    let new = new.bounds().unwrap_or_default();
    assert!((new.x - (old.x + old.w + ops::BESIDE_GAP)).abs() < 1e-3);
    assert_eq!(new.y, old.y);
    assert_eq!(ops::place_beside(&Board::new(""), &b), (0.0, 0.0));
}

#[test]
fn duplicate_copies_nodes_and_the_edges_among_them_in_the_same_groups() {
    let b = sample();
    let (edit, new) = ops::duplicate(&b, &ids(&["fn", "api"]), (40.0, 40.0));
    assert_eq!(new, ids(&["api_2", "fn_2"]));
    let a = roundtrip(&b, edit);
    assert!(a.edges.contains(&Edge::new("api_2", "fn_2")));
    assert_eq!(a.edges.len(), 4);
    assert_eq!(node(&a, "fn_2").group.as_deref(), Some("vpc"));
    assert_eq!(node(&a, "fn_2").at, Point(340.0, 240.0));
}

#[test]
fn meta_changes_are_undoable() {
    let b = sample();
    let edit = ops::set_meta(&b, |m| {
        m.checklist.insert("data_model".into(), true);
    });
    assert_eq!(edit.label, "Tick checklist");
    let a = roundtrip(&b, edit);
    assert_eq!(a.checklist.get("data_model"), Some(&true));
    let a = roundtrip(&b, ops::set_meta(&b, |m| m.title = "Payments".into()));
    assert_eq!(a.title, "Payments");
    assert!(ops::set_meta(&b, |_| {}).is_empty());
    let style = if b.node_style == NodeStyle::Icon {
        NodeStyle::Card
    } else {
        NodeStyle::Icon
    };
    let edit = ops::set_meta(&b, |m| m.node_style = style);
    assert_eq!(edit.label, "Change node style");
    assert_eq!(roundtrip(&b, edit).node_style, style);
}

#[test]
fn dirty_tracks_the_saved_point_through_undo_and_redo() {
    let mut b = sample();
    let mut h = History::new();
    assert!(!h.is_dirty() && !h.can_undo() && !h.can_redo());
    let r0 = h.revision();
    let e = ops::set_label(&b, "api", "One");
    h.apply(&mut b, e).unwrap();
    assert!(h.is_dirty());
    assert_eq!(h.undo_label(), Some("Rename api"));
    h.undo(&mut b);
    assert!(!h.is_dirty(), "back at the saved point");
    assert_eq!(h.redo_label(), Some("Rename api"));
    h.redo(&mut b);
    assert!(h.is_dirty());
    h.mark_saved();
    assert!(!h.is_dirty());
    let e = ops::set_label(&b, "api", "Two");
    h.apply(&mut b, e).unwrap();
    assert!(h.is_dirty());
    h.undo(&mut b);
    assert!(!h.is_dirty());
    h.undo(&mut b);
    assert!(h.is_dirty());
    // A new edit after undo drops redo; the saved state can no longer be reached.
    let e = ops::set_label(&b, "fn", "Three");
    h.apply(&mut b, e).unwrap();
    assert!(!h.can_redo());
    h.undo(&mut b);
    assert!(h.is_dirty());
    assert_eq!(h.revision(), r0 + 8);
    // Empty edits change nothing, not even the revision.
    h.apply(&mut b, Edit::new("nothing")).unwrap();
    assert_eq!(h.revision(), r0 + 8);
}

#[test]
fn a_live_drag_is_recorded_as_one_step() {
    let start = sample();
    let mut b = start.clone();
    let mut h = History::new();
    let mut total = Edit::new("");
    for _ in 0..10 {
        let step = ops::move_items(&b, &ids(&["api"]), &[], 3.0, 1.0);
        assert!(step.apply(&mut b).is_ok());
        total = total.then(step);
    }
    assert_eq!(total.changes.len(), 1, "the moves fuse into one update");
    h.record(total);
    assert_eq!(node(&b, "api").at, Point(130.0, 210.0));
    assert_eq!(h.undo(&mut b).as_deref(), Some("Move API"));
    assert_eq!(b, start);
}

#[test]
fn amend_folds_typing_into_one_step_that_vanishes_when_typed_back() {
    let start = sample();
    let mut b = start.clone();
    let mut h = History::new();
    let e = ops::connect(&b, "fn", "api");
    h.apply(&mut b, e).unwrap();
    for text in ["A", "Ab", "Abc"] {
        let e = ops::set_label(&b, "api", text);
        h.apply_or_amend_for_test(&mut b, e, text != "A");
    }
    assert_eq!(h.undo_len(), 2);
    assert_eq!(node(&b, "api").label, "Abc");
    let e = ops::set_label(&b, "api", "API");
    h.amend(&mut b, e).unwrap();
    assert_eq!(h.undo_len(), 1, "a rename typed back to the old text is no step");
    h.undo(&mut b);
    assert_eq!(b, start);
    assert!(!h.is_dirty());
}

impl History {
    fn apply_or_amend_for_test(&mut self, board: &mut Board, edit: Edit, amend: bool) {
        let applied = if amend {
            self.amend(board, edit)
        } else {
            self.apply(board, edit)
        };
        applied.unwrap();
    }
}

#[test]
fn an_undo_that_no_longer_fits_forgets_the_history_and_keeps_the_board() {
    let mut b = sample();
    let mut h = History::new();
    let e = ops::set_label(&b, "db", "Changed");
    h.apply(&mut b, e).unwrap();
    b.nodes.remove(3); // behind the history's back
    let before = b.clone();
    assert_eq!(h.undo(&mut b), None);
    assert_eq!(b, before);
    assert!(!h.can_undo() && !h.can_redo() && h.is_dirty());
}

#[test]
fn a_failing_change_leaves_the_board_untouched() {
    let b = sample();
    let mut edit = ops::delete(&b, &ids(&["fn"]), &ids(&["vpc"]), &[]);
    edit.changes.push(Change::Edge(Step::Remove {
        index: 0,
        item: Edge::new("x", "y"),
    }));
    let mut c = b.clone();
    assert!(edit.apply(&mut c).is_err());
    assert_eq!(c, b);
}

#[test]
fn a_conflicting_edit_is_returned_as_an_error_and_not_recorded() {
    let b = sample();
    let mut bad = ops::set_label(&b, "db", "Changed");
    bad.changes.push(Change::Edge(Step::Remove {
        index: 0,
        item: Edge::new("x", "y"),
    }));
    let mut c = b.clone();
    let mut h = History::new();
    let err = h.apply(&mut c, bad.clone()).unwrap_err();
    assert_eq!(err.label, "Rename db");
    assert_eq!(c, b);
    assert!(!h.can_undo() && !h.is_dirty());
    // Amending a step with it fails the same way and keeps the step as it was.
    h.apply_with(&mut c, |b| ops::set_label(b, "api", "x")).unwrap();
    let before = c.clone();
    assert!(h.amend(&mut c, bad).is_err());
    assert_eq!(c, before);
    assert_eq!((h.undo_len(), h.undo_label()), (1, Some("Rename api")));
}

#[test]
fn the_stacks_keep_within_their_limits_and_keep_the_newest_step() {
    let mut b = sample();
    let mut h = History::with_limits(3, usize::MAX);
    for i in 0..5 {
        let e = ops::set_label(&b, "api", &format!("v{i}"));
        h.apply(&mut b, e).unwrap();
    }
    assert_eq!(h.undo_len(), 3);
    while h.undo(&mut b).is_some() {}
    assert_eq!(node(&b, "api").label, "v1");
    assert!(h.is_dirty(), "the start was forgotten, so this is not the saved state");

    let mut b = sample();
    let mut h = History::with_limits(500, 1);
    h.apply_with(&mut b, |b| ops::set_label(b, "api", "x")).unwrap();
    let e = ops::set_label(&b, "api", "y");
    h.apply(&mut b, e).unwrap();
    assert_eq!(h.undo_len(), 1);
    assert!(h.bytes() > 0);
}

#[test]
fn runs_of_inserts_and_removals_apply_like_one_at_a_time() {
    let mut b = Board::new("");
    for i in 0..20 {
        b.nodes.push(Node::new(format!("n{i}"), "s3", "", Point(i as f32, 0.0)));
    }
    let n = |i: usize| Node::new(format!("x{i}"), "s3", "", Point(0.0, 0.0));
    let changes = vec![
        Change::Node(Step::Remove {
            index: 19,
            item: b.nodes[19].clone(),
        }),
        Change::Node(Step::Remove {
            index: 7,
            item: b.nodes[7].clone(),
        }),
        Change::Node(Step::Remove {
            index: 0,
            item: b.nodes[0].clone(),
        }),
        Change::Node(Step::Insert { index: 0, item: n(0) }),
        Change::Node(Step::Insert { index: 5, item: n(5) }),
        Change::Node(Step::Insert { index: 18, item: n(18) }),
        Change::Node(Step::Insert { index: 19, item: n(19) }),
    ];
    let mut one_by_one = b.clone();
    for c in &changes {
        let single = Edit {
            label: String::new(),
            changes: vec![c.clone()],
        };
        assert!(single.apply(&mut one_by_one).is_ok());
    }
    let edit = Edit {
        label: String::new(),
        changes,
    };
    let mut batched = b.clone();
    assert!(edit.apply(&mut batched).is_ok());
    assert_eq!(batched, one_by_one);
    assert!(edit.revert(&mut batched).is_ok());
    assert_eq!(batched, b);
    // An insert past the end fails the whole run.
    let bad = Edit {
        label: String::new(),
        changes: vec![
            Change::Node(Step::Insert { index: 0, item: n(1) }),
            Change::Node(Step::Insert { index: 30, item: n(2) }),
        ],
    };
    assert!(bad.apply(&mut batched).is_err());
    assert_eq!(batched, b);
}

#[test]
fn a_prop_fix_sets_it_on_each_node_left_in_one_step() {
    let b = sample();
    let fix = Fix::SetProp {
        key: "multi_az",
        value: "true".to_owned(),
    };
    let (edit, added) = ops::fix(&b, &fix, &ids(&["api", "gone", "db"]), None);
    assert_eq!(
        (edit.label.as_str(), edit.changes.len(), added),
        ("Fix: set multi_az", 2, None)
    );
    let after = roundtrip(&b, edit);
    for id in ["api", "db"] {
        assert_eq!(node(&after, id).props.get("multi_az").map(String::as_str), Some("true"));
    }
    assert_eq!(node(&after, "fn").props.get("multi_az"), None);
    let (edit, _) = ops::fix(&b, &fix, &ids(&["gone"]), None);
    assert!(edit.is_empty(), "nothing left to fix is no step");
}

#[test]
fn an_added_node_fix_goes_above_the_first_node_in_a_free_spot_and_connects_it() {
    let waf = Fix::AddNode {
        service: "waf",
        label: "WAF",
        edge_to: ids(&["api"]),
        edge_from: ids(&["users"]),
    };
    let b = sample();
    let (edit, added) = ops::fix(&b, &waf, &ids(&["api"]), None);
    assert_eq!(edit.label, "Fix: add WAF");
    let id = added.expect("a node is added");
    let after = roundtrip(&b, edit);
    let new = node(&after, &id);
    // Above the API, moved down just enough to stay inside the VPC the API is in.
    assert_eq!(
        (new.service.as_str(), new.label.as_str(), new.at),
        ("waf", "WAF", Point(100.0, 70.0))
    );
    assert!(after.edges.iter().any(|e| e.from == id && e.to == "api"));
    assert!(after.edges.iter().any(|e| e.from == "users" && e.to == id));
    // A card already in that spot: the new node takes the nearest spot where it overlaps nothing.
    let mut crowded = sample();
    crowded.nodes.push(Node::new("blocker", "s3", "", Point(100.0, 50.0)));
    let (edit, added) = ops::fix(&crowded, &waf, &ids(&["api"]), None);
    let after = roundtrip(&crowded, edit);
    let new = node(&after, &added.expect("a node is added"));
    let (dx, dy) = (new.at.0 - 100.0, new.at.1 - 50.0);
    assert!((dx * dx + dy * dy).sqrt() < 300.0, "near the wanted spot: {:?}", new.at);
    assert!(
        after
            .nodes
            .iter()
            .all(|n| n.id == new.id || !node_rect(n).intersects(node_rect(new)))
    );
}

#[test]
fn a_fix_whose_nodes_are_gone_adds_beside_the_board_and_skips_their_edges() {
    let b = sample();
    let fix = Fix::AddNode {
        service: "cloudwatch",
        label: "Alarms",
        edge_to: ids(&["gone"]),
        edge_from: ids(&["fn"]),
    };
    let (edit, added) = ops::fix(&b, &fix, &ids(&["gone"]), None);
    let id = added.expect("a node is added");
    let after = roundtrip(&b, edit);
    let bounds = b.bounds().expect("sample has nodes");
    assert!(
        node_rect(node(&after, &id)).x > bounds.x + bounds.w,
        "right of everything"
    );
    let touching: Vec<(&str, &str)> = after
        .edges
        .iter()
        .filter(|e| e.from == id || e.to == id)
        .map(|e| (e.from.as_str(), e.to.as_str()))
        .collect();
    assert_eq!(touching, [("fn", id.as_str())]);
}

mod random {
    //! Random sequences of operations undo back to the start and redo to the end.
    //!
    //! 64 cases by default; run longer with `PROPTEST_CASES=5000 cargo test --lib history`.

    use proptest::prelude::*;

    use super::*;

    #[derive(Clone, Debug)]
    enum Op {
        Add(u8, i16, i16),
        Move(Vec<u8>, Vec<u8>, i16, i16),
        Delete(Vec<u8>, Vec<u8>, Vec<u8>),
        Label(u8, String, bool),
        Prop(u8, bool),
        Connect(u8, u8),
        SetEdge(u8, bool),
        Reverse(u8),
        Wrap(Vec<u8>, u8),
        AddGroup(i16, i16, u16, u16),
        Resize(u8, i16, i16),
        Membership(Vec<u8>),
        InsertSelf,
        Paste(Vec<u8>, Vec<u8>, i16, i16),
        Duplicate(Vec<u8>),
        Meta(u8),
        Undo,
    }

    fn op() -> impl Strategy<Value = Op> {
        let idx = || proptest::collection::vec(any::<u8>(), 0..4);
        prop_oneof![
            (any::<u8>(), any::<i16>(), any::<i16>()).prop_map(|(s, x, y)| Op::Add(s, x, y)),
            (idx(), idx(), any::<i16>(), any::<i16>()).prop_map(|(n, g, x, y)| Op::Move(n, g, x, y)),
            (idx(), idx(), idx()).prop_map(|(n, g, e)| Op::Delete(n, g, e)),
            (any::<u8>(), "[a-z]{0,3}", any::<bool>()).prop_map(|(n, s, a)| Op::Label(n, s, a)),
            (any::<u8>(), any::<bool>()).prop_map(|(n, b)| Op::Prop(n, b)),
            (any::<u8>(), any::<u8>()).prop_map(|(a, b)| Op::Connect(a, b)),
            (any::<u8>(), any::<bool>()).prop_map(|(e, b)| Op::SetEdge(e, b)),
            any::<u8>().prop_map(Op::Reverse),
            (idx(), any::<u8>()).prop_map(|(n, k)| Op::Wrap(n, k)),
            (any::<i16>(), any::<i16>(), any::<u16>(), any::<u16>()).prop_map(|(x, y, w, h)| Op::AddGroup(x, y, w, h)),
            (any::<u8>(), any::<i16>(), any::<i16>()).prop_map(|(g, w, h)| Op::Resize(g, w, h)),
            idx().prop_map(Op::Membership),
            Just(Op::InsertSelf),
            (idx(), idx(), any::<i16>(), any::<i16>()).prop_map(|(n, g, x, y)| Op::Paste(n, g, x, y)),
            idx().prop_map(Op::Duplicate),
            any::<u8>().prop_map(Op::Meta),
            Just(Op::Undo),
        ]
    }

    fn pick_nodes(b: &Board, at: &[u8]) -> Vec<String> {
        if b.nodes.is_empty() {
            return Vec::new();
        }
        at.iter()
            .map(|&i| b.nodes[usize::from(i) % b.nodes.len()].id.clone())
            .collect()
    }

    fn pick_groups(b: &Board, at: &[u8]) -> Vec<String> {
        if b.groups.is_empty() {
            return Vec::new();
        }
        at.iter()
            .map(|&i| b.groups[usize::from(i) % b.groups.len()].id.clone())
            .collect()
    }

    fn one_node(b: &Board, i: u8) -> String {
        pick_nodes(b, &[i]).pop().unwrap_or_default()
    }

    fn edge_at(b: &Board, i: u8) -> usize {
        usize::from(i) % b.edges.len().max(1)
    }

    /// The edit for `op` on `b`, and whether to fold it into the last step.
    fn edit_for(b: &Board, op: &Op) -> (Edit, bool) {
        const SERVICES: [&str; 4] = ["lambda", "s3", "note", "sqs"];
        let f = f32::from;
        let edit = match op {
            Op::Add(s, x, y) => ops::add_node(b, SERVICES[usize::from(*s) % 4], "", Point(f(*x), f(*y))).0,
            Op::Move(n, g, x, y) => ops::move_items(b, &pick_nodes(b, n), &pick_groups(b, g), f(*x), f(*y)),
            Op::Delete(n, g, e) => {
                let edges: Vec<usize> = e.iter().map(|&i| edge_at(b, i)).collect();
                ops::delete(b, &pick_nodes(b, n), &pick_groups(b, g), &edges)
            }
            Op::Label(n, s, amend) => return (ops::set_label(b, &one_node(b, *n), s), *amend),
            Op::Prop(n, on) => ops::set_prop(b, &one_node(b, *n), "multi_az", on.then_some("true")),
            Op::Connect(x, y) => ops::connect(b, &one_node(b, *x), &one_node(b, *y)),
            Op::SetEdge(e, a) => {
                let mode = if *a { EdgeMode::Async } else { EdgeMode::Sync };
                ops::set_edge(b, edge_at(b, *e), "x", mode)
            }
            Op::Reverse(e) => ops::reverse_edge(b, edge_at(b, *e)),
            Op::Wrap(n, k) => ops::wrap_in_group(b, &pick_nodes(b, n), GroupKind::ALL[usize::from(*k) % 8], "").0,
            Op::AddGroup(x, y, w, h) => {
                let rect = Rect {
                    x: f(*x),
                    y: f(*y),
                    w: f32::from(*w % 3000),
                    h: f32::from(*h % 3000),
                };
                ops::add_group(b, GroupKind::Generic, "", rect).0
            }
            Op::Resize(g, w, h) => {
                let id = pick_groups(b, &[*g]).pop().unwrap_or_default();
                let rect = b.group(&id).map(|g| g.rect).unwrap_or_default();
                let rect = Rect {
                    w: (rect.w + f(*w)).max(0.0),
                    h: (rect.h + f(*h)).max(0.0),
                    ..rect
                };
                return (ops::resize_group(b, &id, rect), true);
            }
            Op::Membership(n) => return (ops::update_membership(b, &pick_nodes(b, n)), true),
            // Doubling the board each time would grow it without bound: stop at 64 nodes.
            Op::InsertSelf if b.nodes.len() < 64 => ops::insert_with_ids(b, b, ops::place_beside(b, b)).edit,
            Op::InsertSelf => Edit::new("too big"),
            Op::Paste(n, g, x, y) => {
                let sel = ops::selection_as_board(b, &pick_nodes(b, n), &pick_groups(b, g));
                ops::paste(b, &sel, Point(f(*x), f(*y))).edit
            }
            Op::Duplicate(n) => ops::duplicate(b, &pick_nodes(b, n), (20.0, 20.0)).0,
            Op::Meta(k) => ops::set_meta(b, |m| {
                m.checklist.insert(format!("item{}", k % 4), k % 2 == 0);
                m.notes.push('x');
            }),
            Op::Undo => Edit::new("undo"),
        };
        (edit, false)
    }

    proptest! {
        #![proptest_config(ProptestConfig::with_cases(
            std::env::var("PROPTEST_CASES").ok().and_then(|v| v.parse().ok()).unwrap_or(64)
        ))]

        #[test]
        fn edits_undo_to_the_start_and_redo_to_the_end(ops in proptest::collection::vec(op(), 1..40)) {
            let start = sample();
            let mut board = start.clone();
            let mut h = History::new();
            // snapshots[k] is the board after k undoable steps.
            let mut snapshots = vec![start.clone()];
            // Boards undone by `Op::Undo` that redo would bring back, the nearest last.
            let mut future: Vec<Board> = Vec::new();
            for op in &ops {
                if matches!(op, Op::Undo) {
                    if h.undo(&mut board).is_some() {
                        future.extend(snapshots.pop());
                        prop_assert_eq!(snapshots.last(), Some(&board));
                    }
                    continue;
                }
                let (edit, amend) = edit_for(&board, op);
                let applied = if amend { h.amend(&mut board, edit) } else { h.apply(&mut board, edit) };
                prop_assert!(applied.is_ok(), "{:?} after {:?}", applied, op);
                if !h.can_redo() {
                    future.clear();
                }
                let problems = validate(&board);
                prop_assert!(problems.is_empty(), "{:?} after {:?}", problems, op);
                let steps = h.undo_len() + 1;
                if steps < snapshots.len() {
                    snapshots.truncate(steps);
                    prop_assert_eq!(snapshots.last(), Some(&board), "an amend that cancelled out");
                } else if steps == snapshots.len() {
                    // Nothing happened, or the top step was amended.
                    if let Some(last) = snapshots.last_mut() { *last = board.clone(); }
                } else {
                    snapshots.push(board.clone());
                }
                prop_assert_eq!(steps, snapshots.len());
            }
            snapshots.extend(future.into_iter().rev());
            let mut k = h.undo_len() + 1;
            while h.undo(&mut board).is_some() {
                k -= 1;
                prop_assert_eq!(&board, &snapshots[k - 1]);
            }
            prop_assert_eq!(&board, &start);
            prop_assert!(!h.is_dirty());
            while h.redo(&mut board).is_some() {
                k += 1;
                prop_assert_eq!(&board, &snapshots[k - 1]);
            }
            prop_assert_eq!(k, snapshots.len());
        }
    }
}

/// A 10,000-node board's history after 200 edits stays small and undoes exactly; prints the
/// figures with `cargo test --release --lib history::tests::large_board_history_stays_small -- --nocapture`.
#[test]
fn large_board_history_stays_small() {
    use std::time::Instant;
    let mut b = Board::new("big");
    let side = 100;
    for y in 0..side {
        for x in 0..side {
            let mut n = Node::new(
                format!("n{}", y * side + x),
                "lambda",
                format!("Node {x},{y}"),
                Point(x as f32 * 200.0, y as f32 * 150.0),
            );
            n.props.insert("multi_az".into(), "true".into());
            b.nodes.push(n);
        }
    }
    for y in 0..side {
        for x in 0..side {
            let i = y * side + x;
            if x + 1 < side {
                b.edges.push(Edge::new(format!("n{i}"), format!("n{}", i + 1)));
            }
            if y + 1 < side && x % 2 == 0 {
                b.edges.push(Edge::new(format!("n{i}"), format!("n{}", i + side)));
            }
        }
    }
    let start = b.clone();
    println!("board: {} nodes, {} edges", b.nodes.len(), b.edges.len());
    let mut seed: u64 = 0x9e37_79b9_7f4a_7c15;
    let mut rand = move |n: usize| {
        seed ^= seed << 13;
        seed ^= seed >> 7;
        seed ^= seed << 17;
        (seed % n as u64) as usize
    };
    let mut h = History::new();
    let mut build = std::time::Duration::ZERO;
    let t_all = Instant::now();
    for _ in 0..200 {
        let t = Instant::now();
        let edit = match rand(10) {
            0..=3 => {
                let k = 1 + rand(50);
                let first = rand(b.nodes.len() - k);
                let ids: Vec<String> = b.nodes[first..first + k].iter().map(|n| n.id.clone()).collect();
                ops::move_items(&b, &ids, &[], 15.0, -7.0)
            }
            4..=6 => {
                let id = b.nodes[rand(b.nodes.len())].id.clone();
                ops::set_label(&b, &id, "Renamed service")
            }
            7 | 8 => ops::add_node(&b, "sqs", "Queue", Point(rand(20000) as f32, -300.0)).0,
            _ => {
                let k = 1 + rand(5);
                let ids: Vec<String> = (0..k).map(|_| b.nodes[rand(b.nodes.len())].id.clone()).collect();
                ops::delete(&b, &ids, &[], &[])
            }
        };
        build += t.elapsed();
        h.apply(&mut b, edit).unwrap();
    }
    let apply_all = t_all.elapsed();
    assert!(
        h.bytes() < 8 << 20,
        "200 edits hold {} bytes: the history keeps copies it should not",
        h.bytes()
    );
    println!(
        "200 edits: history holds {} bytes ({:.1} KB) in {} steps; building edits took {:.2} ms in all; build+apply {:.1} ms",
        h.bytes(),
        h.bytes() as f64 / 1024.0,
        h.undo_len(),
        build.as_secs_f64() * 1e3,
        apply_all.as_secs_f64() * 1e3
    );
    let mut worst = std::time::Duration::ZERO;
    let t = Instant::now();
    let mut n = 0;
    loop {
        let t1 = Instant::now();
        if h.undo(&mut b).is_none() {
            break;
        }
        worst = worst.max(t1.elapsed());
        n += 1;
    }
    let all = t.elapsed();
    assert_eq!(b, start);
    println!(
        "undo: {n} steps in {:.2} ms, mean {:.1} µs, worst {:.1} µs",
        all.as_secs_f64() * 1e3,
        all.as_secs_f64() * 1e6 / f64::from(n),
        worst.as_secs_f64() * 1e6
    );
    let t = Instant::now();
    let mut board_bytes = 0;
    for n in &b.nodes {
        board_bytes += change_bytes(&Change::Node(Step::Insert {
            index: 0,
            item: n.clone(),
        }));
    }
    println!(
        "for scale: the whole board estimates to {} KB (estimated in {:?})",
        board_bytes / 1024,
        t.elapsed()
    );
}

#[test]
fn align_lines_nodes_up_by_their_sides_and_spreads_them_evenly() {
    let mut b = Board::new("align");
    b.nodes.push(Node::new("a", "lambda", "A", Point(0.0, 0.0)));
    b.nodes.push(Node::new("b", "lambda", "B", Point(430.0, 35.0)));
    b.nodes.push(Node::new("c", "lambda", "C", Point(90.0, 300.0)));
    b.nodes.push(Node::new("n", "note", "wide", Point(200.0, -80.0)));
    let all = ids(&["a", "b", "c", "n"]);
    let rect = |b: &Board, id: &str| node_rect(b.node(id).unwrap());

    let left = roundtrip(&b, ops::align(&b, &all, ops::Alignment::Left));
    let x0 = all.iter().map(|id| rect(&b, id).x).fold(f32::MAX, f32::min);
    assert!(
        all.iter().all(|id| (rect(&left, id).x - x0).abs() < 1e-3),
        "left edges meet"
    );
    assert!(
        all.iter().all(|id| rect(&left, id).y == rect(&b, id).y),
        "nothing moves down"
    );

    let middle = roundtrip(&b, ops::align(&b, &all, ops::Alignment::Middle));
    let centre_y = |b: &Board, id: &str| rect(b, id).y + rect(b, id).h / 2.0;
    assert!(
        all.iter()
            .all(|id| (centre_y(&middle, id) - centre_y(&middle, "a")).abs() < 1e-3)
    );

    let spread = roundtrip(&b, ops::align(&b, &all, ops::Alignment::SpreadAcross));
    let mut rects: Vec<Rect> = all.iter().map(|id| rect(&spread, id)).collect();
    rects.sort_by(|p, q| p.x.total_cmp(&q.x));
    let gaps: Vec<f32> = rects.windows(2).map(|w| w[1].x - (w[0].x + w[0].w)).collect();
    assert!(gaps.iter().all(|g| (g - gaps[0]).abs() < 1e-3), "equal gaps: {gaps:?}");
    assert_eq!(rect(&spread, "a").x, rect(&b, "a").x, "the leftmost stays");
    assert_eq!(rect(&spread, "b").x, rect(&b, "b").x, "the rightmost stays");

    assert!(
        ops::align(&b, &ids(&["a"]), ops::Alignment::Left).is_empty(),
        "one node: nothing to do"
    );
    assert!(
        ops::align(&b, &ids(&["a", "b"]), ops::Alignment::SpreadDown).is_empty(),
        "spreading takes three"
    );
    let lined = ops::align(&b, &all, ops::Alignment::Top);
    let mut again = b.clone();
    lined.apply(&mut again).unwrap();
    assert!(
        ops::align(&again, &all, ops::Alignment::Top).is_empty(),
        "aligned twice: no second step"
    );
}

#[test]
fn a_node_a_fix_adds_raises_no_warning_of_its_own() {
    use crate::catalog::Catalog;
    use crate::critique::{Severity, review};
    let mut raised = Vec::new();
    for preset in crate::presets::all() {
        let id = &preset.id;
        let board = crate::presets::board(id).expect("a preset");
        for f in review(&board, Catalog::builtin()).findings {
            let Some(fix @ Fix::AddNode { .. }) = &f.fix else {
                continue;
            };
            let (edit, added) = ops::fix(&board, fix, &f.nodes, None);
            let Some(added) = added else { continue };
            let after = roundtrip(&board, edit);
            let own: Vec<String> = review(&after, Catalog::builtin())
                .findings
                .into_iter()
                // A finding that asks for the next piece (CloudWatch's alarms want an SNS topic to
                // reach someone) offers that as its own fix: a next step, not a misconfiguration.
                .filter(|g| g.severity >= Severity::Warning && g.nodes == [added.clone()])
                .filter(|g| !matches!(g.fix, Some(Fix::AddNode { .. })))
                .map(|g| g.rule.to_string())
                .collect();
            if !own.is_empty() {
                raised.push(format!("{id}: fixing {} adds {added}, which raises {own:?}", f.rule));
            }
        }
    }
    assert!(raised.is_empty(), "{raised:#?}");
}

#[test]
fn grouping_takes_in_the_nodes_seen_inside_the_new_box() {
    let mut b = Board::new("row");
    for (id, x) in [("a", 0.0), ("middle", 200.0), ("b", 400.0), ("far", 900.0)] {
        b.nodes.push(Node::new(id, "lambda", "", Point(x, 0.0)));
    }
    let (edit, id) = ops::wrap_in_group(&b, &ids(&["a", "b"]), GroupKind::Cell, "Cell");
    assert_eq!(edit.label, "Group 3 nodes in Cell");
    let after = roundtrip(&b, edit);
    let group_of = |n: &str| node(&after, n).group.clone();
    assert_eq!(group_of("middle"), Some(id.clone()), "drawn inside, so a member");
    assert_eq!(group_of("a"), Some(id));
    assert_eq!(group_of("far"), None);
    assert!(validate(&after).is_empty());
}
