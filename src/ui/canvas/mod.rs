//! The canvas: paints the board and turns pointer and keyboard input into commands.
//!
//! This file holds the canvas state, the frame (`show`), view and keyboard input; the parts live
//! beside it by job: hit-testing, gestures (transactions that preview on the board and commit as
//! one undo step), label editing, context menus and overlays.

mod context_menu;
mod edit_label;
mod gesture;
mod hit;
mod overlay;

pub(super) use context_menu::{group_menu, style_name};
pub(super) use gesture::Finished;
pub(super) use hit::Hit;

use edit_label::{EditTarget, Editing};
use gesture::{Gesture, snap};
use overlay::paint_grid;

use std::collections::HashSet;

use egui::{CursorIcon, Event, Key, PointerButton, Pos2, Rect as ScreenRect, Sense, Vec2};

use super::commands::{Command, Commands};
use super::document::Document;
use super::palette::PaletteDrag;
use crate::catalog::Catalog;
use crate::history::ops;
use crate::layout::route::Routes;
use crate::model::{Board, GroupKind, Point, Rect, node_rect};
use crate::render::{self, Icons, Marks, Selection, Theme, View};

/// Grid spacing in world units; moves snap to it when the grid is shown.
pub(super) const GRID: f32 = 20.0;
/// Screen distance (points) within which the pointer grabs an edge, handle or group border.
const GRAB: f32 = 7.0;

/// View and tool state of the canvas; never saved with the board.
pub struct Canvas {
    pub view: View,
    pub marks: Marks,
    /// Fit the board into the canvas on the next frame (after a load).
    pub fit_pending: bool,
    /// The kind Ctrl+G wraps a selection in.
    pub group_kind: GroupKind,
    /// The review whose numbers View > Numbers draws over the board; `None` when it is off.
    pub figures: Option<std::sync::Arc<crate::critique::Review>>,
    gesture: Gesture,
    /// The board as a move or resize in progress shows it; `None` for other gestures.
    preview: Option<Box<gesture::Preview>>,
    editing: Option<Editing>,
    rect: ScreenRect,
    menu_target: Option<Hit>,
    guides: Vec<[Pos2; 2]>,
    /// The last copied selection, for the menu's Paste (keyboard paste reads the system clipboard).
    copied: Option<String>,
    fitted_in: ScreenRect,
    /// The board as a retained picture, moved while the view pans.
    layer: render::Layer,
    /// Whether the board is painted through `layer` (off: every shape every frame).
    retained: bool,
    /// The edge routes and what they were computed for: routing a large board takes
    /// milliseconds, so it happens when the board (or a gesture's preview of it) changes.
    routes: Option<(RouteKey, std::sync::Arc<Routes>)>,
    /// The document's revision this frame, for the hit-test index.
    revision: u64,
    /// Where the nodes and edges are, for hit-testing without a pass over the whole board;
    /// made on the first hit-test after the board or its routes changed.
    hit_index: std::cell::RefCell<Option<hit::HitIndex>>,
}

/// What the cached routes were computed for: the revision, the board's size (a document
/// swapped in without a reset), and the preview of a gesture in progress.
type RouteKey = (u64, usize, usize, Option<[u32; 4]>);

impl Default for Canvas {
    fn default() -> Self {
        Canvas {
            view: View::default(),
            marks: Marks::default(),
            fit_pending: false,
            group_kind: GroupKind::Generic,
            figures: None,
            gesture: Gesture::Idle,
            preview: None,
            editing: None,
            rect: ScreenRect::NOTHING,
            menu_target: None,
            guides: Vec::new(),
            copied: None,
            fitted_in: ScreenRect::NOTHING,
            layer: render::Layer::default(),
            retained: true,
            routes: None,
            revision: 0,
            hit_index: std::cell::RefCell::default(),
        }
    }
}

impl Canvas {
    /// Back to a fresh view for a new document.
    pub fn reset(&mut self) {
        // The layer keeps its fonts and icons; its picture belonged to the old document.
        let mut layer = std::mem::take(&mut self.layer);
        layer.forget();
        *self = Canvas {
            fit_pending: true,
            group_kind: self.group_kind,
            copied: self.copied.take(),
            layer,
            retained: self.retained,
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
                EditTarget::Node(id) => board.node(id.as_str()).is_none(),
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

    /// The part of the board the canvas shows, in world units: where new things are placed.
    pub fn world_view(&self) -> Rect {
        Rect::from_min_max(self.view.to_world(self.rect.min), self.view.to_world(self.rect.max))
    }

    /// Brings these nodes into view if any is outside it, keeping the zoom.
    pub fn show_nodes(&mut self, board: &Board, ids: &[String]) {
        let set: HashSet<&str> = ids.iter().map(String::as_str).collect();
        let Some(bounds) = board
            .nodes
            .iter()
            .filter(|n| set.contains(n.id.as_str()))
            .map(node_rect)
            .reduce(Rect::union)
        else {
            return;
        };
        let view = self.world_view();
        if self.rect.width() > 1.0 && !view.contains_rect(bounds) {
            let (c, v) = (bounds.centre(), view.centre());
            self.view.origin += Vec2::new(v.0 - c.0, v.1 - c.1) * self.view.zoom;
        }
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
        }
    }

    /// The whole text of a card's or an edge's label that is drawn cut short, as a tooltip.
    fn full_label_tooltip(&self, response: &egui::Response, doc: &Document) {
        let Some(p) = response.hover_pos().filter(|_| matches!(self.gesture, Gesture::Idle)) else {
            return;
        };
        let full = match self.hit(&doc.board, p) {
            Hit::Node(id) => doc
                .board
                .node(&id)
                .filter(|n| n.service != "note" && render::card_label(&n.label).cut)
                .map(|n| n.label.clone()),
            Hit::Edge(i) => doc
                .board
                .edges
                .get(i)
                .filter(|e| render::edge_label_lines(&e.label).cut)
                .map(|e| e.label.clone()),
            _ => None,
        };
        if let Some(full) = full {
            response.clone().on_hover_text(full);
        }
    }

    /// Draws the canvas and handles its input for one frame.
    pub fn show(
        &mut self,
        ui: &mut egui::Ui,
        doc: &Document,
        commands: &mut Commands,
        icons: &mut Icons,
        theme: Theme,
        grid: bool,
    ) {
        let rect = ui.max_rect();
        self.rect = rect;
        self.revision = doc.revision();
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
        self.full_label_tooltip(&response, doc);
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

        // Paint the board as it shows now (with a gesture's preview), along its routes.
        let preview = self.preview.take();
        let shown = preview.as_ref().map_or(&doc.board, |p| &p.board);
        let key = preview.as_ref().map(|p| p.key);
        self.marks.routes = Some(self.routes(shown, doc.revision(), key));
        let painter = ui.painter_at(rect);
        self.paint_board(&painter, shown, doc.revision(), key.is_some(), icons, theme, grid);
        self.paint_numbers(&painter, shown, theme);
        self.paint_overlays(&painter, shown, theme);
        self.describe_nodes(ui, shown);
        self.preview = preview;
        self.label_editor(ui, doc, commands);
    }

    /// Paints the background, the grid and the board: from the retained layer when the board is
    /// as its revision says (no move or resize previewed on it), with the hovered card drawn
    /// over the picture; directly otherwise.
    #[allow(clippy::too_many_arguments)] // the board, its state and the look each come from the caller
    fn paint_board(
        &mut self,
        painter: &egui::Painter,
        board: &Board,
        revision: u64,
        previewing: bool,
        icons: &mut Icons,
        theme: Theme,
        grid: bool,
    ) {
        let look = render::Look {
            revision,
            zoom: self.view.zoom,
            theme,
            grid,
            pixels_per_point: painter.pixels_per_point(),
        };
        let draw = |p: &egui::Painter, view: &View, icons: &mut Icons, marks: &Marks| {
            paint_canvas(p, board, view, icons, theme, grid, marks);
        };
        let layered = self.retained && !previewing && self.layer.paint(painter, &self.view, look, &self.marks, draw);
        if !layered {
            paint_canvas(painter, board, &self.view, icons, theme, grid, &self.marks);
            return;
        }
        // The hovered card, over the picture: everything under its outline painted again in
        // order, clipped to it, so it looks as if the picture had been drawn with it.
        if let Some(n) = self.marks.hovered.as_deref().and_then(|id| board.node(id)) {
            let r = self
                .view
                .rect_to_screen(node_rect(n))
                .expand(2.0)
                .intersect(painter.clip_rect());
            if r.is_positive() {
                paint_canvas(
                    &painter.with_clip_rect(r),
                    board,
                    &self.view,
                    icons,
                    theme,
                    grid,
                    &self.marks,
                );
            }
        }
    }

    /// The board's edge routes, routed again only when the board or the gesture's preview changed.
    pub fn routes(&mut self, board: &Board, revision: u64, preview: Option<[u32; 4]>) -> std::sync::Arc<Routes> {
        let key = (revision, board.nodes.len(), board.edges.len(), preview);
        match &self.routes {
            Some((k, routes)) if *k == key => routes.clone(),
            _ => {
                let routes = std::sync::Arc::new(crate::layout::route::route(board));
                self.routes = Some((key, routes.clone()));
                routes
            }
        }
    }

    /// The route of edge `index` as last drawn, when it is still for this board.
    fn drawn_route<'a>(&'a self, board: &Board, index: usize) -> Option<&'a crate::layout::route::Route> {
        let routes = self.marks.routes.as_deref()?;
        (routes.edges.len() == board.edges.len()).then(|| routes.get(index))?
    }

    /// Paints the board as shapes every frame instead of through the retained picture, for a
    /// test that reads the text shapes themselves (the picture holds them as pixels).
    pub fn set_retained(&mut self, on: bool) {
        self.retained = on;
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
}

/// The canvas's picture of the board at `view` in `painter`'s clip rectangle: background, grid,
/// then the board. The retained layer draws it with the same function.
fn paint_canvas(
    painter: &egui::Painter,
    board: &Board,
    view: &View,
    icons: &mut Icons,
    theme: Theme,
    grid: bool,
    marks: &Marks,
) {
    let pal = theme.palette();
    painter.rect_filled(painter.clip_rect(), 0.0, pal.background);
    if grid {
        paint_grid(painter, view, pal.grid);
    }
    render::paint(painter, board, Catalog::builtin(), icons, view, theme, marks);
}
