//! Pointer gestures as transactions: begin on press, preview on a working copy of the board
//! while the pointer moves, commit as one undo step (through [`Command::FinishGesture`]) or
//! cancel, dropping the copy, before any other command changes the document. The document
//! itself changes only in the command applier.

use egui::{Key, PointerButton, Pos2, Rect as ScreenRect};

use super::{Canvas, GRAB};
use crate::model::{Board, Point, Rect, node_rect};
use crate::render::View;
use crate::ui::commands::{Command, Commands};
use crate::ui::document::Document;
use std::collections::HashSet;

use super::GRID;
use super::edit_label::EditTarget;
use super::hit::Hit;

/// What a finished gesture did, for the command applier to record.
#[derive(Clone, Debug, PartialEq)]
pub enum Finished {
    /// These nodes and groups (and the contents of the groups) moved by `delta` world units.
    Move {
        nodes: Vec<String>,
        groups: Vec<String>,
        delta: (f32, f32),
    },
    /// The group now covers `rect`.
    Resize { group: String, rect: Rect },
}

/// A board item a gesture changes, by id, with its value before the gesture.
#[derive(Clone, Debug)]
pub(super) struct Held<T> {
    id: String,
    /// Where the item was in its list when the gesture began: a hint, checked against the id
    /// before use, so a board changed under the gesture never gets the wrong item moved.
    hint: usize,
    before: T,
}

/// The pointer gesture in progress: a transaction that begins on press, previews on its own
/// copy of the board while the pointer moves, and either commits as one undo step on release
/// or is cancelled (the copy dropped) when anything else is about to change the document.
#[derive(Clone, Debug, Default)]
pub(super) enum Gesture {
    #[default]
    Idle,
    /// Dragging the selection: where it started and the positions before the drag.
    Move {
        origin: Point,
        /// The node under the pointer, which snaps to guides and the grid.
        anchor: Option<String>,
        /// What the commit moves: the selection when the drag began.
        picked_nodes: Vec<String>,
        picked_groups: Vec<String>,
        /// Everything the preview moves (the picked items and the contents of picked groups).
        nodes: Vec<Held<Point>>,
        groups: Vec<Held<Rect>>,
        delta: (f32, f32),
    },
    Band {
        start: Pos2,
    },
    Connect {
        from: String,
    },
    Resize {
        group: Held<Rect>,
        corner: usize,
    },
    Pan,
}

/// A move or resize in progress shown on a copy of the board, so the document changes only
/// when the command applier commits the gesture.
#[derive(Clone, Debug)]
pub(super) struct Preview {
    /// The document's board with the gesture applied so far.
    pub(super) board: Board,
    /// What the preview has changed, as bits to compare: the move's offset or the resized
    /// group's rectangle. Cached routes key on it.
    pub(super) key: [u32; 4],
}

impl Preview {
    fn of(board: &Board) -> Box<Preview> {
        Box::new(Preview {
            board: board.clone(),
            key: [0; 4],
        })
    }
}

/// The node `held` refers to, found by its hint or else by its id.
pub(super) fn held_node<'a>(board: &'a mut Board, held: &Held<Point>) -> Option<&'a mut crate::model::Node> {
    let i = match board.nodes.get(held.hint) {
        Some(n) if n.id == held.id => held.hint,
        _ => board.nodes.iter().position(|n| n.id == held.id)?,
    };
    board.nodes.get_mut(i)
}

/// The group `held` refers to, found by its hint or else by its id.
pub(super) fn held_group<'a>(board: &'a mut Board, held: &Held<Rect>) -> Option<&'a mut crate::model::Group> {
    let i = match board.groups.get(held.hint) {
        Some(g) if g.id == held.id => held.hint,
        _ => board.groups.iter().position(|g| g.id == held.id)?,
    };
    board.groups.get_mut(i)
}

/// Shows a move by `d` on the board: each held node and group at its place before plus `d`.
pub(super) fn preview_move(board: &mut Board, nodes: &[Held<Point>], groups: &[Held<Rect>], d: (f32, f32)) {
    for h in nodes {
        if let Some(n) = held_node(board, h) {
            n.at = h.before.offset(d.0, d.1);
        }
    }
    for h in groups {
        if let Some(g) = held_group(board, h) {
            g.rect = Rect {
                x: h.before.x + d.0,
                y: h.before.y + d.1,
                ..h.before
            };
        }
    }
}

impl Canvas {
    pub(super) fn handle_pointer(
        &mut self,
        ui: &egui::Ui,
        response: &egui::Response,
        doc: &Document,
        commands: &mut Commands,
        grid: bool,
    ) {
        let pointer = ui.ctx().pointer_interact_pos();
        let shift = ui.input(|i| i.modifiers.shift);
        // Hover freezes while a button is down, so the press decides what a drag grabs.
        if matches!(self.gesture, Gesture::Idle) && !ui.input(|i| i.pointer.any_down()) {
            self.marks.hovered = match response.hover_pos().map(|p| self.hit(&doc.board, p)) {
                Some(Hit::Node(id) | Hit::ConnectHandle(id)) => Some(id),
                _ => self.marks.hovered.clone().filter(|id| {
                    // keep the hover while the pointer travels to the node's handle
                    response
                        .hover_pos()
                        .zip(doc.board.node(id))
                        .is_some_and(|(p, n)| self.view.rect_to_screen(node_rect(n)).expand(GRAB * 2.0).contains(p))
                }),
            };
        }
        if response.double_clicked()
            && let Some(p) = pointer
        {
            match self.hit(&doc.board, p) {
                Hit::Node(id) => self.start_editing(doc, EditTarget::Node(id)),
                Hit::Edge(i) => self.start_editing(doc, EditTarget::Edge(i)),
                _ => {}
            }
            return;
        }
        if response.clicked()
            && let Some(p) = pointer
        {
            self.finish_editing(doc, commands, true);
            match self.hit(&doc.board, p) {
                Hit::Node(id) | Hit::ConnectHandle(id) => {
                    if !shift {
                        self.clear_selection();
                    }
                    if !self.marks.selection.nodes.remove(&id) {
                        self.marks.selection.nodes.insert(id);
                    }
                }
                Hit::Edge(i) => {
                    if !shift {
                        self.clear_selection();
                    }
                    self.marks.selection.add_edge(&doc.board, i);
                }
                Hit::Group(id) | Hit::GroupCorner(id, _) => {
                    if !shift {
                        self.clear_selection();
                    }
                    self.marks.selection.groups.insert(id);
                }
                Hit::Empty => self.clear_selection(),
            }
        }
        if response.drag_started_by(PointerButton::Primary)
            && !ui.input(|i| i.key_down(Key::Space))
            && let Some(start) = ui.input(|i| i.pointer.press_origin())
        {
            self.finish_editing(doc, commands, true);
            self.gesture = match self.hit(&doc.board, start) {
                Hit::ConnectHandle(id) => Gesture::Connect { from: id },
                Hit::GroupCorner(id, corner) => match doc.board.groups.iter().position(|g| g.id == id) {
                    Some(i) => Gesture::Resize {
                        group: Held {
                            before: doc.board.groups[i].rect,
                            hint: i,
                            id,
                        },
                        corner,
                    },
                    None => Gesture::Idle,
                },
                Hit::Node(id) => {
                    if !self.marks.selection.nodes.contains(&id) {
                        if !shift {
                            self.clear_selection();
                        }
                        self.marks.selection.nodes.insert(id.clone());
                    }
                    self.begin_move(doc, Some(id), start)
                }
                Hit::Group(id) => {
                    if !self.marks.selection.groups.contains(&id) {
                        if !shift {
                            self.clear_selection();
                        }
                        self.marks.selection.groups.insert(id);
                    }
                    self.begin_move(doc, None, start)
                }
                Hit::Edge(_) | Hit::Empty => Gesture::Band { start },
            };
            self.preview =
                matches!(self.gesture, Gesture::Move { .. } | Gesture::Resize { .. }).then(|| Preview::of(&doc.board));
        }
        if let Some(p) = pointer
            && response.dragged_by(PointerButton::Primary)
        {
            self.drag_to(doc, p, grid);
        }
        if response.drag_stopped() {
            self.end_gesture(doc, commands, pointer, shift);
        }
    }

    pub(super) fn begin_move(&self, doc: &Document, anchor: Option<String>, start: Pos2) -> Gesture {
        let b = &doc.board;
        let groups: HashSet<&str> = self.marks.selection.groups.iter().map(String::as_str).collect();
        let in_moved_group = |g: Option<&str>| b.ancestors(g).any(|g| groups.contains(g.id.as_str()));
        let nodes = b
            .nodes
            .iter()
            .enumerate()
            .filter(|(_, n)| self.marks.selection.nodes.contains(&n.id) || in_moved_group(n.group.as_deref()))
            .map(|(hint, n)| Held {
                id: n.id.clone(),
                hint,
                before: n.at,
            })
            .collect();
        let group_list = b
            .groups
            .iter()
            .enumerate()
            .filter(|(_, g)| groups.contains(g.id.as_str()) || in_moved_group(g.parent.as_deref()))
            .map(|(hint, g)| Held {
                id: g.id.clone(),
                hint,
                before: g.rect,
            })
            .collect();
        Gesture::Move {
            origin: self.view.to_world(start),
            anchor,
            picked_nodes: self.selected_nodes(),
            picked_groups: self.selected_groups(),
            nodes,
            groups: group_list,
            delta: (0.0, 0.0),
        }
    }

    /// Shows the gesture at pointer position `p`: its preview on the gesture's copy of the board.
    pub(super) fn drag_to(&mut self, doc: &Document, p: Pos2, grid: bool) {
        let world = self.view.to_world(p);
        let zoom = self.view.zoom;
        match &mut self.gesture {
            Gesture::Move {
                origin,
                anchor,
                nodes,
                groups,
                delta,
                ..
            } => {
                let mut d = (world.0 - origin.0, world.1 - origin.1);
                self.guides.clear();
                let anchor_start = anchor
                    .as_ref()
                    .and_then(|a| nodes.iter().find(|h| h.id == *a))
                    .map(|h| h.before);
                if let Some(start) = anchor_start {
                    let want = start.offset(d.0, d.1);
                    let moving: HashSet<&str> = nodes.iter().map(|h| h.id.as_str()).collect();
                    let (sx, sy, guides) = align(&doc.board, &moving, want, 6.0 / zoom, &self.view, self.rect);
                    let snapped = Point(
                        sx.unwrap_or(if grid { (want.0 / GRID).round() * GRID } else { want.0 }),
                        sy.unwrap_or(if grid { (want.1 / GRID).round() * GRID } else { want.1 }),
                    );
                    d = (snapped.0 - start.0, snapped.1 - start.1);
                    self.guides = guides;
                } else if grid {
                    d = ((d.0 / GRID).round() * GRID, (d.1 / GRID).round() * GRID);
                }
                *delta = d;
                if let Some(preview) = &mut self.preview {
                    preview_move(&mut preview.board, nodes, groups, d);
                    preview.key = [0, d.0.to_bits(), d.1.to_bits(), 0];
                }
            }
            Gesture::Resize { group, corner } => {
                if let Some(preview) = &mut self.preview
                    && let Some(g) = held_group(&mut preview.board, group)
                {
                    g.rect = resized(group.before, *corner, if grid { snap(world) } else { world });
                    preview.key = [
                        g.rect.x.to_bits(),
                        g.rect.y.to_bits(),
                        g.rect.w.to_bits(),
                        g.rect.h.to_bits(),
                    ];
                }
            }
            _ => {}
        }
    }

    /// Ends the gesture without a trace: drops its preview and forgets it. Called before
    /// anything else changes the document, so a release after it does nothing.
    pub fn cancel_gesture(&mut self) {
        self.guides.clear();
        self.gesture = Gesture::Idle;
        self.preview = None;
    }

    /// Ends the move or resize that was let go: drops its preview and says what it did, for
    /// the command applier to record as one undo step ([`Command::FinishGesture`]). `None` when
    /// it changed nothing or was cancelled.
    pub fn finish_gesture(&mut self) -> Option<Finished> {
        self.guides.clear();
        let preview = self.preview.take();
        match std::mem::take(&mut self.gesture) {
            Gesture::Move {
                picked_nodes,
                picked_groups,
                delta,
                ..
            } => (delta != (0.0, 0.0)).then_some(Finished::Move {
                nodes: picked_nodes,
                groups: picked_groups,
                delta,
            }),
            Gesture::Resize { group, .. } => {
                let rect = preview?.board.group(&group.id)?.rect;
                (rect != group.before).then_some(Finished::Resize { group: group.id, rect })
            }
            other => {
                self.gesture = other;
                self.preview = preview;
                None
            }
        }
    }

    /// The pointer was let go: a move or resize waits for the applier to commit it, a
    /// connection becomes a command, a band selects what it touches.
    pub(super) fn end_gesture(&mut self, doc: &Document, commands: &mut Commands, pointer: Option<Pos2>, shift: bool) {
        match std::mem::take(&mut self.gesture) {
            gesture @ (Gesture::Move { .. } | Gesture::Resize { .. }) => {
                self.gesture = gesture;
                commands.push(Command::FinishGesture);
            }
            Gesture::Connect { from } => {
                if let Some(p) = pointer
                    && let Hit::Node(to) | Hit::ConnectHandle(to) = self.hit(&doc.board, p)
                    && to != from
                {
                    commands.push(Command::Connect { from, to });
                }
            }
            Gesture::Band { start } => {
                if let Some(p) = pointer {
                    let band = ScreenRect::from_two_pos(start, p);
                    if !shift {
                        self.clear_selection();
                    }
                    let (min, max) = (self.view.to_world(band.min), self.view.to_world(band.max));
                    let picked: Vec<String> = self.hit_index(&doc.board).as_ref().map_or_else(Vec::new, |index| {
                        index
                            .nodes
                            .touching(Rect::from_min_max(min, max))
                            .into_iter()
                            .filter_map(|i| doc.board.nodes.get(i as usize))
                            .filter(|n| band.intersects(self.view.rect_to_screen(node_rect(n))))
                            .map(|n| n.id.clone())
                            .collect()
                    });
                    self.marks.selection.nodes.extend(picked);
                    for g in &doc.board.groups {
                        if band.contains_rect(self.view.rect_to_screen(g.rect)) {
                            self.marks.selection.groups.insert(g.id.clone());
                        }
                    }
                }
            }
            Gesture::Pan | Gesture::Idle => {}
        }
    }
}

/// The rectangle with one corner dragged to `to`, never smaller than a node card.
pub(super) fn resized(r: Rect, corner: usize, to: Point) -> Rect {
    let (mut x0, mut y0, mut x1, mut y1) = (r.x, r.y, r.x + r.w, r.y + r.h);
    match corner {
        0 => (x0, y0) = (to.0.min(x1 - 120.0), to.1.min(y1 - 80.0)),
        1 => (x1, y0) = (to.0.max(x0 + 120.0), to.1.min(y1 - 80.0)),
        2 => (x1, y1) = (to.0.max(x0 + 120.0), to.1.max(y0 + 80.0)),
        _ => (x0, y1) = (to.0.min(x1 - 120.0), to.1.max(y0 + 80.0)),
    }
    Rect {
        x: x0,
        y: y0,
        w: x1 - x0,
        h: y1 - y0,
    }
}

pub(super) fn snap(p: Point) -> Point {
    Point((p.0 / GRID).round() * GRID, (p.1 / GRID).round() * GRID)
}

/// Alignment with nodes in view: the x and y the dragged node snaps to, and guide lines.
pub(super) fn align(
    board: &Board,
    moving: &HashSet<&str>,
    want: Point,
    tolerance: f32,
    view: &View,
    canvas: ScreenRect,
) -> (Option<f32>, Option<f32>, Vec<[Pos2; 2]>) {
    // the nearest node centre on each axis: (distance, centre)
    let mut best_x: Option<(f32, Point)> = None;
    let mut best_y: Option<(f32, Point)> = None;
    for n in &board.nodes {
        if moving.contains(n.id.as_str()) || !canvas.intersects(view.rect_to_screen(node_rect(n))) {
            continue;
        }
        let dx = (n.at.0 - want.0).abs();
        if dx <= tolerance && best_x.is_none_or(|(d, _)| dx < d) {
            best_x = Some((dx, n.at));
        }
        let dy = (n.at.1 - want.1).abs();
        if dy <= tolerance && best_y.is_none_or(|(d, _)| dy < d) {
            best_y = Some((dy, n.at));
        }
    }
    let mut guides = Vec::new();
    if let Some((_, other)) = best_x {
        guides.push([
            view.to_screen(Point(other.0, other.1)),
            view.to_screen(Point(other.0, want.1)),
        ]);
    }
    if let Some((_, other)) = best_y {
        guides.push([
            view.to_screen(Point(other.0, other.1)),
            view.to_screen(Point(want.0, other.1)),
        ]);
    }
    (best_x.map(|(_, p)| p.0), best_y.map(|(_, p)| p.1), guides)
}
