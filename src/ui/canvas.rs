//! The canvas: paints the board and turns pointer and keyboard input into edits.
//!
//! Gestures change the board live for feedback (a drag moves nodes as the pointer moves) and
//! become one undo step when they end.

use std::collections::HashSet;

use egui::{Color32, CursorIcon, Event, Key, PointerButton, Pos2, Rect as ScreenRect, Sense, Stroke, Vec2, vec2};

use super::commands::{Command, Commands};
use super::document::Document;
use super::palette::PaletteDrag;
use crate::catalog::Catalog;
use crate::history::ops::{self, Alignment};
use crate::model::{Board, EdgeMode, GroupKind, Point, Rect, node_rect};
use crate::render::{self, Icons, Marks, Selection, Theme, View};

/// Grid spacing in world units; moves snap to it when the grid is shown.
pub const GRID: f32 = 20.0;
/// Screen distance (points) within which the pointer grabs an edge, handle or group border.
const GRAB: f32 = 7.0;

/// What lies under the pointer.
#[derive(Clone, Debug, PartialEq)]
pub enum Hit {
    Node(String),
    ConnectHandle(String),
    Edge(usize),
    Group(String),
    GroupCorner(String, usize),
    Empty,
}

/// A board item a gesture changes, by id, with its value before the gesture.
#[derive(Clone, Debug)]
struct Held<T> {
    id: String,
    /// Where the item was in its list when the gesture began: a hint, checked against the id
    /// before use, so a board changed under the gesture never gets the wrong item moved.
    hint: usize,
    before: T,
}

/// The pointer gesture in progress: a transaction that begins on press, previews on the board
/// while the pointer moves, and either commits as one undo step on release or is cancelled
/// (the preview put back) when anything else is about to change the document.
#[derive(Clone, Debug, Default)]
enum Gesture {
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

/// The node `held` refers to, found by its hint or else by its id.
fn held_node<'a>(board: &'a mut Board, held: &Held<Point>) -> Option<&'a mut crate::model::Node> {
    let i = match board.nodes.get(held.hint) {
        Some(n) if n.id == held.id => held.hint,
        _ => board.nodes.iter().position(|n| n.id == held.id)?,
    };
    board.nodes.get_mut(i)
}

/// The group `held` refers to, found by its hint or else by its id.
fn held_group<'a>(board: &'a mut Board, held: &Held<Rect>) -> Option<&'a mut crate::model::Group> {
    let i = match board.groups.get(held.hint) {
        Some(g) if g.id == held.id => held.hint,
        _ => board.groups.iter().position(|g| g.id == held.id)?,
    };
    board.groups.get_mut(i)
}

/// Shows a move by `d` on the board: each held node and group at its place before plus `d`.
fn preview_move(board: &mut Board, nodes: &[Held<Point>], groups: &[Held<Rect>], d: (f32, f32)) {
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

/// Text being edited in place on the canvas.
#[derive(Clone, Debug)]
struct Editing {
    target: EditTarget,
    text: String,
    focused: bool,
}

#[derive(Clone, Debug, PartialEq)]
enum EditTarget {
    Node(String),
    Edge(usize),
}

/// View and tool state of the canvas; never saved with the board.
pub struct Canvas {
    pub view: View,
    pub marks: Marks,
    /// Fit the board into the canvas on the next frame (after a load).
    pub fit_pending: bool,
    /// The kind Ctrl+G wraps a selection in.
    pub group_kind: GroupKind,
    gesture: Gesture,
    editing: Option<Editing>,
    rect: ScreenRect,
    menu_target: Option<Hit>,
    guides: Vec<[Pos2; 2]>,
    /// The last copied selection, for the menu's Paste (keyboard paste reads the system clipboard).
    copied: Option<String>,
    pastes: u32,
    fitted_in: ScreenRect,
}

impl Default for Canvas {
    fn default() -> Self {
        Canvas {
            view: View::default(),
            marks: Marks::default(),
            fit_pending: false,
            group_kind: GroupKind::Generic,
            gesture: Gesture::Idle,
            editing: None,
            rect: ScreenRect::NOTHING,
            menu_target: None,
            guides: Vec::new(),
            copied: None,
            pastes: 0,
            fitted_in: ScreenRect::NOTHING,
        }
    }
}

impl Canvas {
    /// Back to a fresh view for a new document.
    pub fn reset(&mut self) {
        *self = Canvas {
            fit_pending: true,
            group_kind: self.group_kind,
            copied: self.copied.take(),
            ..Canvas::default()
        };
    }

    /// The last copied selection as RON text.
    pub fn copied(&self) -> Option<String> {
        self.copied.clone()
    }

    /// Whether a label is being typed on the canvas.
    pub fn is_editing(&self) -> bool {
        self.editing.is_some()
    }

    /// The canvas area on screen in the last frame.
    pub fn screen_rect(&self) -> ScreenRect {
        self.rect
    }

    /// Drops selections of things that no longer exist (after undo, delete...).
    pub fn forget_missing(&mut self, board: &Board) {
        self.marks.selection.forget_missing(board);
        if let Some(e) = &self.editing {
            // An edge is held by index: any change to the board may have moved it, so typing
            // into its label stops rather than risk labelling another edge.
            let gone = match &e.target {
                EditTarget::Node(id) => board.node(id).is_none(),
                EditTarget::Edge(_) => true,
            };
            if gone {
                self.editing = None;
            }
        }
    }

    /// Selects exactly these nodes.
    pub fn select_nodes(&mut self, ids: impl IntoIterator<Item = String>) {
        self.clear_selection();
        self.marks.selection.nodes = ids.into_iter().collect();
    }

    fn clear_selection(&mut self) {
        self.marks.selection.clear();
    }

    fn selected_nodes(&self) -> Vec<String> {
        self.marks.selection.node_ids()
    }

    fn selected_groups(&self) -> Vec<String> {
        self.marks.selection.group_ids()
    }

    /// What is selected.
    pub fn selection(&self) -> &Selection {
        &self.marks.selection
    }

    /// The world point at the centre of the canvas.
    pub fn centre(&self) -> Point {
        self.view.to_world(self.rect.center())
    }

    /// Selects exactly `selection`.
    pub fn select(&mut self, selection: Selection) {
        self.marks.selection = selection;
    }

    /// Zooms by `factor` around the middle of the canvas.
    pub fn zoom_by(&mut self, factor: f32) {
        self.view = self.view.zoomed_at(factor, self.rect.center());
    }

    /// Starts typing the label of the one selected node, or else of a selected edge.
    pub fn edit_selected_label(&mut self, doc: &Document) {
        if let [id] = self.selected_nodes().as_slice() {
            self.start_editing(doc, EditTarget::Node(id.clone()));
        } else if let Some(&i) = self.marks.selection.edge_indices().first() {
            self.start_editing(doc, EditTarget::Edge(i));
        }
    }

    /// Starts typing the label of node `id` (a new sticky note).
    pub fn edit_node_label(&mut self, doc: &Document, id: String) {
        self.start_editing(doc, EditTarget::Node(id));
    }

    /// Where the next paste goes: a little further from the middle of the view each time, so
    /// pasting twice does not stack the copies.
    pub fn next_paste_spot(&mut self) -> Point {
        self.pastes += 1;
        let step = GRID * self.pastes as f32;
        self.centre().offset(step, step)
    }

    /// Fits the whole board, or the given nodes, into the view.
    pub fn fit(&mut self, board: &Board, only: Option<&HashSet<String>>) {
        let bounds = match only {
            Some(ids) if !ids.is_empty() => board
                .nodes
                .iter()
                .filter(|n| ids.contains(&n.id))
                .map(node_rect)
                .reduce(Rect::union),
            _ => board.bounds(),
        };
        if let Some(b) = bounds.filter(|b| b.is_finite()) {
            self.view = View::fit(b, self.rect, 40.0);
        }
    }

    /// Brings these nodes into view and selects them (from a finding in the review panel).
    pub fn reveal(&mut self, board: &Board, ids: &[String]) {
        self.select_nodes(ids.iter().cloned());
        let set: HashSet<String> = ids.iter().cloned().collect();
        let inside = board
            .nodes
            .iter()
            .filter(|n| set.contains(&n.id))
            .all(|n| self.rect.contains_rect(self.view.rect_to_screen(node_rect(n))));
        if !inside {
            let zoom = self.view.zoom;
            self.fit(board, Some(&set));
            if self.view.zoom > zoom {
                self.view = self.view.zoomed_at(zoom / self.view.zoom, self.rect.center());
            }
        }
    }

    /// Copies the selected nodes and groups as board text, to this app and the system clipboard.
    pub fn copy(&mut self, doc: &Document, ctx: &egui::Context) {
        if self.marks.selection.nodes.is_empty() && self.marks.selection.groups.is_empty() {
            return;
        }
        let part = ops::selection_as_board(&doc.board, &self.selected_nodes(), &self.selected_groups());
        if let Ok(text) = crate::io::to_ron(&part) {
            ctx.copy_text(text.clone());
            self.copied = Some(text);
            self.pastes = 0;
        }
    }

    fn start_editing(&mut self, doc: &Document, target: EditTarget) {
        let text = match &target {
            EditTarget::Node(id) => doc.board.node(id).map(|n| n.label.clone()),
            EditTarget::Edge(i) => doc.board.edges.get(*i).map(|e| e.label.clone()),
        };
        if let Some(text) = text {
            self.editing = Some(Editing {
                target,
                text,
                focused: false,
            });
        }
    }

    /// Ends typing a label: asks for it to be set when `keep`, else drops it.
    fn finish_editing(&mut self, doc: &Document, commands: &mut Commands, keep: bool) {
        let Some(e) = self.editing.take() else { return };
        if !keep {
            return;
        }
        let command = match e.target {
            EditTarget::Node(node) => Command::SetLabel { node, label: e.text },
            EditTarget::Edge(edge) => match doc.board.edges.get(edge) {
                Some(old) => Command::SetEdge {
                    edge,
                    label: e.text,
                    mode: old.mode,
                },
                None => return,
            },
        };
        commands.push(command);
    }

    /// What is under a screen position: handles first, then nodes (topmost), edges, groups.
    pub fn hit(&self, board: &Board, p: Pos2) -> Hit {
        let v = &self.view;
        if let [gid] = self.selected_groups().as_slice()
            && let Some(g) = board.group(gid)
        {
            let r = v.rect_to_screen(g.rect);
            for (i, c) in corners(r).iter().enumerate() {
                if c.distance(p) <= GRAB + 2.0 {
                    return Hit::GroupCorner(gid.clone(), i);
                }
            }
        }
        let world = v.to_world(p);
        if let Some(hov) = &self.marks.hovered
            && let Some(n) = board.node(hov)
        {
            let r = v.rect_to_screen(node_rect(n));
            if handles(r).iter().any(|h| h.distance(p) <= GRAB) {
                return Hit::ConnectHandle(hov.clone());
            }
        }
        if let Some(n) = board.nodes.iter().rev().find(|n| node_rect(n).contains(world)) {
            return Hit::Node(n.id.clone());
        }
        let index = board.node_index();
        for (i, e) in board.edges.iter().enumerate() {
            let (Some(&a), Some(&b)) = (index.get(e.from.as_str()), index.get(e.to.as_str())) else {
                continue;
            };
            let (from, to) = render::edge_ends(node_rect(&board.nodes[a]), node_rect(&board.nodes[b]));
            if segment_distance(p, v.to_screen(from), v.to_screen(to)) <= GRAB {
                return Hit::Edge(i);
            }
        }
        // Groups are grabbed by their border or their label band, innermost first.
        let mut groups: Vec<&crate::model::Group> = board.groups.iter().collect();
        groups.sort_by(|a, b| (a.rect.w * a.rect.h).total_cmp(&(b.rect.w * b.rect.h)));
        for g in groups {
            let r = v.rect_to_screen(g.rect);
            let band = ScreenRect::from_min_max(r.min, Pos2::new(r.max.x, r.min.y + (28.0 * v.zoom).max(10.0)));
            let near_border = r.expand(GRAB).contains(p) && !r.shrink(GRAB).contains(p);
            if band.contains(p) || near_border {
                return Hit::Group(g.id.clone());
            }
        }
        Hit::Empty
    }

    /// Draws the canvas and handles its input for one frame.
    pub fn show(
        &mut self,
        ui: &mut egui::Ui,
        doc: &mut Document,
        commands: &mut Commands,
        icons: &mut Icons,
        theme: Theme,
        grid: bool,
    ) {
        let rect = ui.max_rect();
        self.rect = rect;
        let response = ui.interact(rect, ui.scope_id().with("canvas"), Sense::click_and_drag());
        // Fit once the panels around the canvas have settled (their size is known a frame late).
        if self.fit_pending && rect.width() > 1.0 {
            self.fit(&doc.board, None);
            if self.rect == self.fitted_in {
                self.fit_pending = false;
            }
            self.fitted_in = self.rect;
        }
        let typing = ui.ctx().memory(|m| m.focused().is_some()) && self.editing.is_none();
        self.handle_view_input(ui, &response);
        if !typing {
            self.handle_keys(ui, commands);
        }
        self.handle_pointer(ui, &response, doc, commands, grid);
        if let Some(payload) = response.dnd_release_payload::<PaletteDrag>()
            && let Some(pos) = ui.ctx().pointer_interact_pos()
        {
            let at = self.view.to_world(pos);
            commands.push(Command::AddService {
                service: payload.0.clone(),
                at: Some(if grid { snap(at) } else { at }),
            });
        }
        self.context_menu(&response, doc, commands);

        // Paint.
        let painter = ui.painter_at(rect);
        let pal = theme.palette();
        painter.rect_filled(rect, 0.0, pal.background);
        if grid {
            paint_grid(&painter, &self.view, pal.grid);
        }
        render::paint(
            &painter,
            &doc.board,
            Catalog::builtin(),
            icons,
            &self.view,
            theme,
            &self.marks,
        );
        self.paint_overlays(&painter, doc, theme);
        self.label_editor(ui, doc, commands);
        self.describe_nodes(ui, &doc.board);
    }

    /// Gives screen readers (and UI tests) the visible nodes as labelled buttons. Costs nothing
    /// when no assistive technology is listening.
    fn describe_nodes(&self, ui: &egui::Ui, board: &Board) {
        for n in &board.nodes {
            let r = self.view.rect_to_screen(node_rect(n));
            if !r.intersects(self.rect) {
                continue;
            }
            let label = if n.label.is_empty() {
                n.service.clone()
            } else {
                n.label.clone()
            };
            let described = ui
                .ctx()
                .accesskit_node_builder(egui::Id::unique(("board-node", &n.id)), |node| {
                    node.set_role(egui::accesskit::Role::Button);
                    node.set_label(label);
                    node.set_bounds(egui::accesskit::Rect {
                        x0: r.min.x as f64,
                        y0: r.min.y as f64,
                        x1: r.max.x as f64,
                        y1: r.max.y as f64,
                    });
                });
            if described.is_none() {
                return;
            }
        }
    }

    fn handle_view_input(&mut self, ui: &egui::Ui, response: &egui::Response) {
        let (zoom, scroll, space) = ui.input(|i| (i.zoom_delta(), i.smooth_scroll_delta(), i.key_down(Key::Space)));
        if response.contains_pointer() {
            if zoom != 1.0
                && let Some(p) = ui.ctx().pointer_hover_pos()
            {
                self.view = self.view.zoomed_at(zoom, p);
            }
            if scroll != Vec2::ZERO {
                self.view.origin += scroll;
            }
        }
        let panning =
            response.dragged_by(PointerButton::Middle) || (space && response.dragged_by(PointerButton::Primary));
        if panning {
            self.view.origin += response.drag_delta();
            self.gesture = Gesture::Pan;
            ui.ctx().set_cursor_icon(CursorIcon::Grabbing);
        } else if space && response.contains_pointer() {
            ui.ctx().set_cursor_icon(CursorIcon::Grab);
        }
    }

    /// Clipboard events and arrow keys become commands; Escape drops the selection.
    fn handle_keys(&mut self, ui: &egui::Ui, commands: &mut Commands) {
        if self.editing.is_some() {
            return;
        }
        let events = ui.input(|i| i.events.clone());
        for e in events {
            match e {
                Event::Copy => commands.push(Command::Copy),
                Event::Cut => commands.push(Command::Cut),
                Event::Paste(text) => commands.push(Command::PasteText(text)),
                _ => {}
            }
        }
        let step = |i: &egui::InputState| if i.modifiers.shift { GRID * 5.0 } else { GRID / 2.0 };
        let mut nudge = (0.0, 0.0);
        ui.input(|i| {
            let s = step(i);
            if i.key_pressed(Key::ArrowLeft) {
                nudge.0 -= s;
            }
            if i.key_pressed(Key::ArrowRight) {
                nudge.0 += s;
            }
            if i.key_pressed(Key::ArrowUp) {
                nudge.1 -= s;
            }
            if i.key_pressed(Key::ArrowDown) {
                nudge.1 += s;
            }
        });
        if nudge != (0.0, 0.0) {
            commands.push(Command::Nudge {
                dx: nudge.0,
                dy: nudge.1,
            });
        }
        if ui.input(|i| i.key_pressed(Key::Escape)) {
            self.clear_selection();
        }
    }

    fn handle_pointer(
        &mut self,
        ui: &egui::Ui,
        response: &egui::Response,
        doc: &mut Document,
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

    fn begin_move(&self, doc: &Document, anchor: Option<String>, start: Pos2) -> Gesture {
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

    /// Shows the gesture at pointer position `p`: its preview on the board.
    fn drag_to(&mut self, doc: &mut Document, p: Pos2, grid: bool) {
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
                preview_move(&mut doc.board, nodes, groups, d);
            }
            Gesture::Resize { group, corner } => {
                if let Some(g) = held_group(&mut doc.board, group) {
                    g.rect = resized(group.before, *corner, if grid { snap(world) } else { world });
                }
            }
            _ => {}
        }
    }

    /// Ends the gesture without a trace: puts back what its preview changed and forgets it.
    /// Called before anything else changes the document, so nothing acts on a half-moved board
    /// and a release after it does nothing.
    pub fn cancel_gesture(&mut self, doc: &mut Document) {
        self.guides.clear();
        match std::mem::take(&mut self.gesture) {
            Gesture::Move { nodes, groups, .. } => preview_move(&mut doc.board, &nodes, &groups, (0.0, 0.0)),
            Gesture::Resize { group, .. } => {
                if let Some(g) = held_group(&mut doc.board, &group) {
                    g.rect = group.before;
                }
            }
            Gesture::Band { .. } | Gesture::Connect { .. } | Gesture::Pan | Gesture::Idle => {}
        }
    }

    /// Commits the move or resize that just ended as one undo step, built from the board as it
    /// was before the preview. Called by the command applier for [`Command::FinishGesture`].
    pub fn commit_gesture(&mut self, doc: &mut Document) {
        self.guides.clear();
        match std::mem::take(&mut self.gesture) {
            Gesture::Move {
                picked_nodes,
                picked_groups,
                nodes,
                groups,
                delta,
                ..
            } => {
                // Put everything back, then apply the whole move as one undoable edit.
                preview_move(&mut doc.board, &nodes, &groups, (0.0, 0.0));
                if delta != (0.0, 0.0) {
                    doc.apply(ops::move_items(
                        &doc.board,
                        &picked_nodes,
                        &picked_groups,
                        delta.0,
                        delta.1,
                    ));
                    doc.amend(|b| ops::update_membership(b, &picked_nodes));
                }
            }
            Gesture::Resize { group, .. } => {
                if let Some(g) = held_group(&mut doc.board, &group) {
                    let new = std::mem::replace(&mut g.rect, group.before);
                    if new != group.before {
                        doc.apply(ops::resize_group(&doc.board, &group.id, new));
                        let all: Vec<String> = doc.board.nodes.iter().map(|n| n.id.clone()).collect();
                        doc.amend(|b| ops::update_membership(b, &all));
                    }
                }
            }
            other => self.gesture = other,
        }
    }

    /// The pointer was let go: a move or resize waits for the applier to commit it, a
    /// connection becomes a command, a band selects what it touches.
    fn end_gesture(&mut self, doc: &Document, commands: &mut Commands, pointer: Option<Pos2>, shift: bool) {
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
                    for n in &doc.board.nodes {
                        if band.intersects(self.view.rect_to_screen(node_rect(n))) {
                            self.marks.selection.nodes.insert(n.id.clone());
                        }
                    }
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

    fn context_menu(&mut self, response: &egui::Response, doc: &Document, commands: &mut Commands) {
        if response.secondary_clicked()
            && let Some(p) = response.interact_pointer_pos()
        {
            let hit = self.hit(&doc.board, p);
            match &hit {
                Hit::Node(id) if !self.marks.selection.nodes.contains(id) => self.select_nodes([id.clone()]),
                Hit::Edge(i) => {
                    self.clear_selection();
                    self.marks.selection.add_edge(&doc.board, *i);
                }
                Hit::Group(id) => {
                    self.clear_selection();
                    self.marks.selection.groups.insert(id.clone());
                }
                _ => {}
            }
            self.menu_target = Some(hit);
        }
        let target = self.menu_target.clone();
        let selection = &self.marks.selection;
        response.context_menu(|ui| match target {
            Some(Hit::Node(_) | Hit::ConnectHandle(_)) => {
                for c in [
                    Command::EditLabel,
                    Command::Duplicate,
                    Command::Copy,
                    Command::Cut,
                    Command::Delete,
                ] {
                    menu_item(ui, c, commands);
                }
                ui.menu_button("Group as", |ui| group_menu(ui, selection, commands));
                let selected = selection.nodes.len();
                if selected >= 2 {
                    ui.menu_button("Align", |ui| {
                        for how in Alignment::ALL.into_iter().filter(|how| selected >= how.needs()) {
                            menu_item(ui, Command::Align(how), commands);
                        }
                    });
                }
            }
            Some(Hit::Edge(i)) => {
                menu_item(ui, Command::EditLabel, commands);
                if let Some(e) = doc.board.edges.get(i) {
                    let (text, other) = match e.mode {
                        EdgeMode::Sync => ("Make asynchronous", EdgeMode::Async),
                        EdgeMode::Async => ("Make synchronous", EdgeMode::Sync),
                    };
                    if ui.button(text).clicked() {
                        commands.push(Command::SetEdge {
                            edge: i,
                            label: e.label.clone(),
                            mode: other,
                        });
                        ui.close();
                    }
                    menu_item(ui, Command::ReverseEdge(i), commands);
                }
                menu_item(ui, Command::Delete, commands);
            }
            Some(Hit::Group(_) | Hit::GroupCorner(..)) => menu_item(ui, Command::Delete, commands),
            _ => {
                for c in [Command::Paste, Command::AddNote, Command::SelectAll, Command::Fit] {
                    menu_item(ui, c, commands);
                }
                ui.menu_button("Add empty group", |ui| group_menu(ui, selection, commands));
            }
        });
    }

    fn paint_overlays(&self, painter: &egui::Painter, doc: &Document, theme: Theme) {
        let pal = theme.palette();
        // connection handles on the hovered node
        if let Some(id) = &self.marks.hovered
            && let Some(n) = doc.board.node(id)
            && matches!(self.gesture, Gesture::Idle | Gesture::Connect { .. })
            && self.view.zoom > 0.3
        {
            for h in handles(self.view.rect_to_screen(node_rect(n))) {
                painter.circle(h, 5.0, pal.card, Stroke::new(1.5, pal.selection));
            }
        }
        if let [gid] = self.selected_groups().as_slice()
            && let Some(g) = doc.board.group(gid)
        {
            for c in corners(self.view.rect_to_screen(g.rect)) {
                painter.rect(
                    ScreenRect::from_center_size(c, Vec2::splat(8.0)),
                    1.0,
                    pal.card,
                    Stroke::new(1.5, pal.selection),
                    egui::StrokeKind::Middle,
                );
            }
        }
        for [a, b] in &self.guides {
            painter.line_segment([*a, *b], Stroke::new(1.0, pal.highlight));
        }
        match &self.gesture {
            Gesture::Band { start } => {
                if let Some(p) = painter.ctx().pointer_interact_pos() {
                    let r = ScreenRect::from_two_pos(*start, p);
                    painter.rect(
                        r,
                        0.0,
                        pal.selection.gamma_multiply(0.12),
                        Stroke::new(1.0, pal.selection),
                        egui::StrokeKind::Inside,
                    );
                }
            }
            Gesture::Connect { from } => {
                if let (Some(n), Some(p)) = (doc.board.node(from), painter.ctx().pointer_interact_pos()) {
                    let a = self.view.to_screen(n.at);
                    painter.line_segment([a, p], Stroke::new(2.0, pal.selection));
                    painter.circle_filled(p, 4.0, pal.selection);
                }
            }
            _ => {}
        }
    }

    fn label_editor(&mut self, ui: &mut egui::Ui, doc: &Document, commands: &mut Commands) {
        let Some(editing) = &mut self.editing else { return };
        let rect = match &editing.target {
            EditTarget::Node(id) => doc.board.node(id).map(|n| {
                let r = self.view.rect_to_screen(node_rect(n));
                ScreenRect::from_min_max(
                    Pos2::new(r.left() - 20.0, r.bottom() - 34.0),
                    Pos2::new(r.right() + 20.0, r.bottom() - 6.0),
                )
            }),
            EditTarget::Edge(i) => doc.board.edges.get(*i).and_then(|e| {
                let (a, b) = (doc.board.node(&e.from)?, doc.board.node(&e.to)?);
                let (from, to) = render::edge_ends(node_rect(a), node_rect(b));
                let c = self.view.to_screen(render::edge_label_pos(from, to));
                Some(ScreenRect::from_center_size(c, vec2(180.0, 26.0)))
            }),
        };
        let Some(rect) = rect else {
            self.editing = None;
            return;
        };
        let id = egui::Id::unique("canvas-label-editor");
        let out = ui.put(
            rect,
            egui::TextEdit::singleline(&mut editing.text)
                .id(id)
                .align(egui::Align2::CENTER_CENTER),
        );
        let out = out.on_hover_text("Enter to keep, Escape to cancel");
        out.widget_info(|| egui::WidgetInfo::labeled(egui::Role::TextInput, true, "Label"));
        if !editing.focused {
            out.request_focus();
            editing.focused = true;
        }
        let (enter, escape) = ui.input(|i| (i.key_pressed(Key::Enter), i.key_pressed(Key::Escape)));
        if escape {
            self.finish_editing(doc, commands, false);
        } else if enter || out.lost_focus() {
            self.finish_editing(doc, commands, true);
        }
    }
}

/// A context menu entry for `command`, from the table: its title and first shortcut.
fn menu_item(ui: &mut egui::Ui, command: Command, commands: &mut Commands) {
    if ui
        .add(command.button(ui.ctx()))
        .on_hover_text(command.tooltip())
        .clicked()
    {
        commands.push(command);
        ui.close();
    }
}

/// The "Group as" menu: one entry per group kind wrapping the selected nodes, or drawing an
/// empty group when no node is selected.
pub fn group_menu(ui: &mut egui::Ui, selection: &Selection, commands: &mut Commands) {
    let has_nodes = !selection.nodes.is_empty();
    for kind in GroupKind::ALL {
        let (text, command) = if has_nodes {
            (kind.title().to_owned(), Command::GroupAs(kind))
        } else {
            (
                format!("Empty {}", kind.title().to_lowercase()),
                Command::AddEmptyGroup(kind),
            )
        };
        if ui.button(text).on_hover_text(command.tooltip()).clicked() {
            commands.push(command);
            ui.close();
        }
    }
}

/// The four connection handles of a card on screen: middle of each side.
fn handles(r: ScreenRect) -> [Pos2; 4] {
    [r.center_top(), r.right_center(), r.center_bottom(), r.left_center()]
}

/// The four corners, clockwise from top-left.
fn corners(r: ScreenRect) -> [Pos2; 4] {
    [r.left_top(), r.right_top(), r.right_bottom(), r.left_bottom()]
}

/// The rectangle with one corner dragged to `to`, never smaller than a node card.
fn resized(r: Rect, corner: usize, to: Point) -> Rect {
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

fn snap(p: Point) -> Point {
    Point((p.0 / GRID).round() * GRID, (p.1 / GRID).round() * GRID)
}

/// Alignment with nodes in view: the x and y the dragged node snaps to, and guide lines.
fn align(
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

fn segment_distance(p: Pos2, a: Pos2, b: Pos2) -> f32 {
    let ab = b - a;
    let t = if ab.length_sq() > 0.0 {
        ((p - a).dot(ab) / ab.length_sq()).clamp(0.0, 1.0)
    } else {
        0.0
    };
    p.distance(a + ab * t)
}

/// Grid lines every [`GRID`] units, or every five when zoomed out, over the visible area only.
fn paint_grid(painter: &egui::Painter, view: &View, colour: Color32) {
    let clip = painter.clip_rect();
    let mut step = GRID;
    while step * view.zoom < 12.0 {
        step *= 5.0;
    }
    let (tl, br) = (view.to_world(clip.min), view.to_world(clip.max));
    let stroke = Stroke::new(1.0, colour);
    let mut x = (tl.0 / step).floor() * step;
    while x <= br.0 {
        let sx = view.to_screen(Point(x, 0.0)).x;
        painter.line_segment([Pos2::new(sx, clip.top()), Pos2::new(sx, clip.bottom())], stroke);
        x += step;
    }
    let mut y = (tl.1 / step).floor() * step;
    while y <= br.1 {
        let sy = view.to_screen(Point(0.0, y)).y;
        painter.line_segment([Pos2::new(clip.left(), sy), Pos2::new(clip.right(), sy)], stroke);
        y += step;
    }
}
