//! One description of what a board looks like, in world units: the shapes, text, icons and
//! badges the screen painter and the SVG writer both draw, so the two cannot drift apart.
//!
//! Sizes that the screen keeps readable at any zoom (stroke widths, arrowheads, corner radii)
//! are [`Len`]s: a world length with the on-screen limits the painter applies. At zoom 1, which
//! is what the SVG and the PNG export use, a `Len` is its world length (clamped).

use std::borrow::Cow;

use egui::Color32;

use super::Marks;
use super::label::{self, Fitted};
use super::theme::{Theme, category_colour};
use crate::catalog::Catalog;
use crate::critique::Severity;
use crate::layout::route::{Routes, route};
use crate::model::{Board, EdgeMode, NodeStyle, Point, Rect, node_rect};

/// A length that follows the zoom within limits: on screen it is `world * zoom` clamped to
/// `min..=max` points, plus `plus` points.
#[derive(Clone, Copy, Debug, PartialEq)]
pub struct Len {
    /// Points per unit of zoom.
    pub world: f32,
    /// The least it shrinks to on screen.
    pub min: f32,
    /// The most it grows to on screen.
    pub max: f32,
    /// Points added after clamping (a selected edge is a point thicker at every zoom).
    pub plus: f32,
}

impl Len {
    /// The same number of points at every zoom: hairlines and outlines that must stay crisp.
    pub const fn fixed(points: f32) -> Len {
        Len {
            world: 0.0,
            min: points,
            max: points,
            plus: 0.0,
        }
    }

    /// A length that scales with the zoom without limits.
    pub const fn scaled(world: f32) -> Len {
        Len {
            world,
            min: 0.0,
            max: f32::INFINITY,
            plus: 0.0,
        }
    }

    /// A length that scales with the zoom but stays within `min..=max` points.
    pub const fn clamped(world: f32, min: f32, max: f32) -> Len {
        Len {
            world,
            min,
            max,
            plus: 0.0,
        }
    }

    /// Its size in points at `zoom`.
    pub fn at(self, zoom: f32) -> f32 {
        (self.world * zoom).clamp(self.min, self.max) + self.plus
    }
}

/// How a line or outline is drawn.
#[derive(Clone, Copy, Debug, PartialEq)]
pub struct Pen {
    /// Line width; world units scale with the zoom.
    pub width: Len,
    /// Line colour.
    pub colour: Color32,
    /// Dashed (dash length, gap length), or solid.
    pub dash: Option<(Len, Len)>,
}

impl Pen {
    /// A solid pen of a fixed width in points.
    pub const fn solid(points: f32, colour: Color32) -> Pen {
        Pen {
            width: Len::fixed(points),
            colour,
            dash: None,
        }
    }
}

/// Which point of a text block sits at its position.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Anchor {
    /// Top-left corner; lines are left-aligned.
    LeftTop,
    /// Middle of the top edge; lines are centred.
    CentreTop,
    /// Centre of the block; lines are left-aligned.
    Centre,
}

/// A block of text.
#[derive(Clone, Debug, PartialEq)]
pub struct Text<'a> {
    /// What to write, already broken into lines (`\n`) by [`label::fit`](super::label::fit), so
    /// every writer shows the same lines; borrowed from the board when it fits as it is.
    pub text: Cow<'a, str>,
    /// Where, in world units, as placed by `anchor`.
    pub at: Point,
    /// Which point of the text sits at `at`.
    pub anchor: Anchor,
    /// Font size at zoom 1; the screen rounds it to half points.
    pub size: f32,
    /// Text colour.
    pub colour: Color32,
    /// Screen font size below which the text is left out (unreadable smudges cost time).
    pub min_size: f32,
    /// A rounded box of this colour behind the text, so it reads over lines.
    pub backdrop: Option<Color32>,
}

/// One thing to draw. Positions and sizes are in world units.
#[derive(Clone, Debug, PartialEq)]
pub enum Shape<'a> {
    /// A rectangle with rounded corners, filled, outlined inside its edge (dashed outlines run
    /// along the edge with square corners).
    Rect {
        /// Where, in world units.
        rect: Rect,
        /// Corner radius.
        radius: Len,
        /// Fill colour (transparent for none).
        fill: Color32,
        /// Outline, if any.
        outline: Option<Pen>,
    },
    /// A polyline (an edge's right-angle route or curve), with an arrowhead of the given length
    /// on its last run, at the last point.
    Path {
        /// At least three points, in world units.
        points: Vec<Point>,
        /// Width, colour and dashes.
        pen: Pen,
        /// Length of the arrowhead, if any.
        arrow: Option<Len>,
    },
    /// A straight line, with an arrowhead of the given length at `to`.
    Line {
        /// Start, in world units.
        from: Point,
        /// End, where the arrowhead goes.
        to: Point,
        /// Width and colour.
        pen: Pen,
        /// Length of the arrowhead, if any.
        arrow: Option<Len>,
    },
    /// A circle outline.
    Circle {
        /// Centre, in world units.
        centre: Point,
        /// Radius.
        radius: Len,
        /// Width and colour.
        pen: Pen,
    },
    /// A piece of text.
    Text(Text<'a>),
    /// A service's icon in `rect`, or a `fallback`-coloured square where it has none.
    Icon {
        /// Catalog id of the service.
        service: &'a str,
        /// Where, in world units.
        rect: Rect,
        /// The square's colour when there is no icon.
        fallback: Color32,
    },
    /// A review finding's mark in the corner `corner` of a card.
    Badge {
        /// Which mark: error, warning or note.
        severity: Severity,
        /// The card corner it sits on.
        corner: Point,
        /// The severity's colour in the theme.
        colour: Color32,
        /// The ring around it, in the card's colour so it stands off the border.
        ring: Color32,
    },
    /// A node seen from far away: a plain square in its category colour.
    Tile {
        /// Where, in world units.
        rect: Rect,
        /// The service's category colour.
        fill: Color32,
        /// Outline, if any (a selected tile).
        outline: Option<Pen>,
    },
}

/// How much of the board to describe, and in how much detail.
#[derive(Clone, Copy, Debug, PartialEq)]
pub struct Scope {
    /// Only items touching this world area, or everything.
    pub area: Option<Rect>,
    /// Far out: nodes as tiles rather than cards, and no text (it would be under 3 points).
    pub tiles: bool,
}

impl Scope {
    /// The whole board, every card in full: what the SVG shows.
    pub const ALL: Scope = Scope {
        area: None,
        tiles: false,
    };
}

/// What a board looks like: shapes in paint order (groups outermost first, then edges, then
/// nodes with their badges).
#[derive(Clone, Debug, Default, PartialEq)]
pub struct DisplayList<'a> {
    /// Back to front: later shapes draw over earlier ones.
    pub shapes: Vec<Shape<'a>>,
}

/// The colour of a review badge: errors and warnings alike ask for attention in the warning
/// colour, advice is quieter.
fn badge_colour(theme: Theme, severity: Severity) -> Color32 {
    let pal = theme.palette();
    match severity {
        Severity::Info => pal.info,
        Severity::Warning | Severity::Error => pal.warning,
    }
}

/// Describes `board` as drawn in `theme` with `marks` (selection, hover, badges), limited to
/// `scope`.
pub fn display_list<'a>(
    board: &'a Board,
    catalog: &'a Catalog,
    theme: Theme,
    marks: &Marks,
    scope: Scope,
) -> DisplayList<'a> {
    let pal = theme.palette();
    let visible = |r: Rect| {
        scope
            .area
            .is_none_or(|a| r.x <= a.x + a.w && a.x <= r.x + r.w && r.y <= a.y + a.h && a.y <= r.y + r.h)
    };
    let mut shapes = Vec::with_capacity(if scope.tiles {
        board.nodes.len() + board.edges.len() * 2
    } else {
        board.nodes.len() * 3 + board.edges.len() * 2
    });

    // Groups, outermost first so nested ones paint on top.
    let mut groups: Vec<(usize, &crate::model::Group)> = board.group_depths().into_iter().zip(&board.groups).collect();
    groups.sort_by_key(|(depth, _)| *depth);
    for (_, g) in groups {
        if !visible(g.rect) {
            continue;
        }
        let look = theme.group_look(g.kind);
        let selected = marks.group_selected(&g.id);
        let outline = Pen {
            width: Len::fixed(if selected { 2.5 } else { 1.5 }),
            colour: if selected { pal.selection } else { look.border },
            dash: (look.dashed && !selected).then_some((Len::fixed(8.0), Len::fixed(5.0))),
        };
        // Square corners, as AWS draws its groups.
        shapes.push(Shape::Rect {
            rect: g.rect,
            radius: Len::fixed(0.0),
            fill: look.fill,
            outline: Some(outline),
        });
        // With nodes as tiles no text is readable (under 3 points): none is described.
        if scope.tiles {
            continue;
        }
        // The header: the kind's icon flush in the top-left corner, the label beside it.
        let mut text_x = g.rect.x + 10.0;
        if let Some(icon) = look.icon {
            let side = GROUP_ICON.min(g.rect.w).min(g.rect.h);
            shapes.push(Shape::Icon {
                service: icon,
                rect: Rect {
                    x: g.rect.x,
                    y: g.rect.y,
                    w: side,
                    h: side,
                },
                fallback: look.border,
            });
            text_x = g.rect.x + side + 7.0;
        }
        let label = if g.label.is_empty() {
            g.kind.title()
        } else {
            g.label.as_str()
        };
        shapes.push(Shape::Text(Text {
            text: fitted(label, GROUP_LABEL.fit(label, g.rect.x + g.rect.w - text_x - 6.0)),
            at: Point(text_x, g.rect.y + (GROUP_ICON - GROUP_LABEL.size * LINE_HEIGHT) / 2.0),
            anchor: Anchor::LeftTop,
            size: GROUP_LABEL.size,
            colour: look.label,
            min_size: 5.0,
            backdrop: None,
        }));
    }

    // Edges along their routes, with arrowheads and labels; labels keep off the cards.
    let index = board.node_index();
    let computed;
    let routes = match marks.routes.as_deref() {
        Some(r) if r.edges.len() == board.edges.len() => r,
        _ => {
            computed = route(board);
            &computed
        }
    };
    let cards = (!scope.tiles && board.edges.iter().any(|e| !e.label.is_empty()))
        .then(|| Cards::new(board, scope.area.map(|a| a.expand(400.0))));
    for (i, e) in board.edges.iter().enumerate() {
        let (Some(&a), Some(&b)) = (index.get(e.from.as_str()), index.get(e.to.as_str())) else {
            continue;
        };
        let selected = marks.edge_selected(i);
        let mut width = Len::clamped(1.6, 1.0, 3.0);
        if selected {
            width.plus = 1.0;
        }
        let colour = if selected { pal.selection } else { pal.edge };
        if a == b {
            let r = node_rect(&board.nodes[a]);
            if visible(r) {
                shapes.push(Shape::Circle {
                    centre: Point(r.x + r.w, r.y),
                    radius: Len::scaled(14.0),
                    pen: Pen {
                        width,
                        colour,
                        dash: None,
                    },
                });
            }
            continue;
        }
        let Some(path) = routes.get(i) else { continue };
        if !path.bounds().is_some_and(visible) {
            continue;
        }
        let dash = (e.mode == EdgeMode::Async).then_some((
            Len::clamped(7.0, 3.5, f32::INFINITY),
            Len::clamped(5.0, 2.5, f32::INFINITY),
        ));
        let pen = Pen { width, colour, dash };
        let arrow = Some(Len::clamped(9.0, 4.0, 18.0));
        match path.points.as_slice() {
            &[from, to] => shapes.push(Shape::Line { from, to, pen, arrow }),
            points => shapes.push(Shape::Path {
                points: points.to_vec(),
                pen,
                arrow,
            }),
        }
        if let (false, Some(cards), Some((from, to))) = (e.label.is_empty(), &cards, path.label_run()) {
            let (fit, at) = edge_label(&e.label, from, to, cards);
            shapes.push(Shape::Text(Text {
                text: fitted(&e.label, fit),
                at,
                anchor: Anchor::Centre,
                size: EDGE_LABEL.size,
                colour: pal.muted,
                min_size: 5.0,
                backdrop: Some(pal.background),
            }));
        }
    }

    // Nodes: cards with icon and label, large icons with the label below, or tiles when far away.
    let icon_style = board.node_style == NodeStyle::Icon;
    for n in &board.nodes {
        let r = node_rect(n);
        if !visible(r) {
            continue;
        }
        let service = catalog.get_or_generic(&n.service);
        let accent = category_colour(service.category.colour());
        let marked = if marks.node_selected(&n.id) {
            Some(Pen::solid(2.5, pal.selection))
        } else if marks.highlighted.contains(&n.id) {
            Some(Pen::solid(3.0, pal.highlight))
        } else if marks.hovered.as_deref() == Some(n.id.as_str()) {
            Some(Pen::solid(1.5, pal.selection.gamma_multiply(0.7)))
        } else {
            None
        };
        let note = n.service == "note";
        if scope.tiles {
            shapes.push(Shape::Tile {
                rect: r,
                fill: if note { pal.note } else { accent },
                outline: marked,
            });
            continue;
        }
        let radius = Len::clamped(8.0, 1.0, 24.0);
        if note {
            shapes.push(Shape::Rect {
                rect: r,
                radius,
                fill: pal.note,
                outline: Some(marked.unwrap_or(Pen::solid(1.0, pal.note_text.gamma_multiply(0.3)))),
            });
            let rows = ((r.h - 20.0) / (NOTE_TEXT_SIZE * LINE_HEIGHT)).max(1.0) as usize;
            let fit = label::fit(&n.label, NOTE_TEXT_SIZE, r.w - 20.0, rows);
            shapes.push(Shape::Text(Text {
                text: fitted(&n.label, fit),
                at: Point(r.x + 10.0, r.y + 10.0),
                anchor: Anchor::LeftTop,
                size: NOTE_TEXT_SIZE,
                colour: pal.note_text,
                min_size: 4.0,
                backdrop: None,
            }));
        } else {
            let icon = if icon_style {
                // AWS's style: no card, a large icon with the label centred below it; the
                // node keeps its footprint, so a selection or hover outlines that.
                if let Some(pen) = marked {
                    shapes.push(Shape::Rect {
                        rect: r,
                        radius,
                        fill: Color32::TRANSPARENT,
                        outline: Some(pen),
                    });
                }
                crate::model::icon_rect(r)
            } else {
                shapes.push(Shape::Rect {
                    rect: r,
                    radius,
                    fill: pal.card,
                    outline: Some(marked.unwrap_or(Pen::solid(1.0, pal.card_border))),
                });
                Rect {
                    x: r.x + r.w / 2.0 - 22.0,
                    y: r.y + 8.0,
                    w: 44.0,
                    h: 44.0,
                }
            };
            shapes.push(Shape::Icon {
                service: &n.service,
                rect: icon,
                fallback: accent,
            });
            if catalog.get(&n.service).is_none() {
                // unknown service: say so on the card rather than pretending it is generic
                shapes.push(Shape::Text(Text {
                    text: Cow::Borrowed(" ?"),
                    at: Point(icon.x + icon.w, icon.y),
                    anchor: Anchor::LeftTop,
                    size: 10.0,
                    colour: pal.warning,
                    min_size: 0.0,
                    backdrop: None,
                }));
            }
            let label = if n.label.is_empty() {
                service.short.as_str()
            } else {
                n.label.as_str()
            };
            shapes.push(Shape::Text(Text {
                text: fitted(label, card_label(label)),
                at: Point(r.x + r.w / 2.0, icon.y + icon.h + 4.0),
                anchor: Anchor::CentreTop,
                size: NODE_LABEL.size,
                colour: pal.text,
                min_size: 4.0,
                backdrop: None,
            }));
        }
        if let Some(&severity) = marks.badges.get(&n.id) {
            // On the card's corner, or on the icon's where there is no card.
            let (corner, ring) = if icon_style && !note {
                (
                    Point(r.x + r.w / 2.0 + crate::model::ICON_SIDE / 2.0 + 4.0, r.y + 2.0),
                    pal.background,
                )
            } else {
                (Point(r.x + r.w, r.y), pal.card)
            };
            shapes.push(Shape::Badge {
                severity,
                corner,
                colour: badge_colour(theme, severity),
                ring,
            });
        }
    }
    DisplayList { shapes }
}

/// How a kind of label is fitted: its font size at zoom 1 and the most lines it shows.
#[derive(Clone, Copy, Debug, PartialEq)]
pub struct LabelRule {
    /// Font size in world units (points at zoom 1).
    pub size: f32,
    /// At most this many lines; the last one kept ends in an ellipsis when more would follow.
    pub lines: usize,
}

impl LabelRule {
    /// `text` fitted to `width` world units under this rule.
    pub fn fit(self, text: &str, width: f32) -> Fitted {
        label::fit(text, self.size, width, self.lines)
    }
}

/// A node's label: wraps to the card, an ellipsis after two lines.
pub const NODE_LABEL: LabelRule = LabelRule { size: 12.5, lines: 2 };
/// An edge's label: wraps to [`EDGE_LABEL_WIDTH`], cut after three lines.
pub const EDGE_LABEL: LabelRule = LabelRule { size: 11.0, lines: 3 };
/// How wide an edge label may be, in world units.
pub const EDGE_LABEL_WIDTH: f32 = 160.0;
/// A group's label along its top edge: two lines at most, so it stays off the nodes inside.
pub const GROUP_LABEL: LabelRule = LabelRule { size: 13.0, lines: 2 };
/// The side of a group's header icon in its top-left corner, in world units; the label's
/// first line is centred on it.
pub(super) const GROUP_ICON: f32 = 24.0;
/// A note's font size: its text wraps to the note and takes as many lines as the note holds.
const NOTE_TEXT_SIZE: f32 = 13.0;
/// Line height per unit of font size, as the screen lays lines out (and the SVG spaces them).
pub const LINE_HEIGHT: f32 = 1.25;

/// A card's label as every writer draws it: wrapped to the card, two lines at most.
pub fn card_label(text: &str) -> Fitted {
    NODE_LABEL.fit(text, crate::model::NODE_SIZE.0 - 8.0)
}

/// An edge's label as every writer draws it: wrapped to [`EDGE_LABEL_WIDTH`], three lines at most.
pub fn edge_label_lines(text: &str) -> Fitted {
    EDGE_LABEL.fit(text, EDGE_LABEL_WIDTH)
}

/// The text to draw for a label: the board's own string when it fits as it is.
fn fitted(original: &str, fit: Fitted) -> Cow<'_, str> {
    let Fitted { mut lines, cut } = fit;
    if !cut && lines.len() == 1 && lines[0] == original {
        Cow::Borrowed(original)
    } else if lines.len() == 1 {
        Cow::Owned(lines.swap_remove(0))
    } else {
        Cow::Owned(lines.join("\n"))
    }
}

/// The cards on a board, bucketed by area, so an edge label can find a spot that covers none
/// without looking at every node.
pub(crate) struct Cards {
    cells: std::collections::HashMap<(i32, i32), Vec<Rect>>,
}

/// The side of a [`Cards`] bucket, in world units (a little more than a card).
const CELL: f32 = 256.0;

impl Cards {
    /// The cards of `board`'s nodes, only those touching `area` when given.
    pub(crate) fn new(board: &Board, area: Option<Rect>) -> Cards {
        let mut cells: std::collections::HashMap<(i32, i32), Vec<Rect>> = std::collections::HashMap::new();
        for n in &board.nodes {
            let r = node_rect(n);
            if area.is_some_and(|a| !a.intersects(r)) {
                continue;
            }
            for cell in Self::cells_of(r) {
                cells.entry(cell).or_default().push(r);
            }
        }
        Cards { cells }
    }

    fn cells_of(r: Rect) -> impl Iterator<Item = (i32, i32)> {
        let (x0, x1) = ((r.x / CELL).floor() as i32, ((r.x + r.w) / CELL).floor() as i32);
        let (y0, y1) = ((r.y / CELL).floor() as i32, ((r.y + r.h) / CELL).floor() as i32);
        (x0..=x1).flat_map(move |x| (y0..=y1).map(move |y| (x, y)))
    }

    /// Whether `r` overlaps any card.
    pub(crate) fn cover(&self, r: Rect) -> bool {
        Self::cells_of(r).any(|c| self.cells.get(&c).is_some_and(|v| v.iter().any(|n| n.intersects(r))))
    }
}

/// An edge label fitted under [`EDGE_LABEL`] and where its centre goes: on the edge where its
/// box covers no card, trying the middle first and then sliding towards either end, then beside
/// the edge on either side, further out each round; the middle when nothing is free.
pub(crate) fn edge_label(text: &str, from: Point, to: Point, cards: &Cards) -> (Fitted, Point) {
    let fit = edge_label_lines(text);
    let pad = BACKDROP_PAD.at(1.0);
    let (w, h) = (
        fit.width(EDGE_LABEL.size) + 2.0 * pad,
        fit.lines.len() as f32 * EDGE_LABEL.size * LINE_HEIGHT + 2.0 * pad,
    );
    let (dx, dy) = (to.0 - from.0, to.1 - from.1);
    let len = (dx * dx + dy * dy).sqrt().max(1e-3);
    let normal = (-dy / len, dx / len);
    let aside = (normal.0.abs() * w + normal.1.abs() * h) / 2.0 + 4.0;
    let along = [0.5, 0.38, 0.62, 0.26, 0.74, 0.14, 0.86];
    let on_edge = along.iter().map(|&t| (t, 0.0));
    // Beside the edge, a little further out each round, so it clears the cards the edge runs past.
    let beside = [0.0, 30.0, 60.0, 90.0].into_iter().flat_map(|more| {
        along
            .into_iter()
            .flat_map(move |t| [(t, aside + more), (t, -aside - more)])
    });
    let spot = on_edge
        .chain(beside)
        .map(|(t, off)| Point(from.0 + dx * t + normal.0 * off, from.1 + dy * t + normal.1 * off))
        .find(|c| !cards.cover(Rect::centred(*c, (w, h))));
    (fit, spot.unwrap_or(Point(from.0 + dx / 2.0, from.1 + dy / 2.0)))
}

/// Where the label of `board`'s edge `index` is drawn along its route in `routes` (the
/// canvas's label editor goes there), or `None` for an edge with a missing end or a loop.
pub fn edge_label_at(board: &Board, routes: &Routes, index: usize) -> Option<Point> {
    let e = board.edges.get(index)?;
    let (from, to) = routes.get(index)?.label_run()?;
    Some(edge_label(&e.label, from, to, &Cards::new(board, None)).1)
}

/// A badge's radius: readable close up, still a dot far out.
pub(super) const BADGE_RADIUS: Len = Len::clamped(9.0, 3.0, 14.0);

/// The corner radius of an icon's placeholder square.
pub(super) const ICON_RADIUS: Len = Len::scaled(9.0);

/// The padding around text with a backdrop, and the backdrop's corner radius in points.
pub(super) const BACKDROP_PAD: Len = Len::scaled(3.0);
/// The corner radius of a text backdrop, in points at every zoom.
pub(super) const BACKDROP_RADIUS: f32 = 4.0;

/// The glyph a badge shows.
pub(super) fn badge_glyph(severity: Severity) -> &'static str {
    if severity == Severity::Info { "i" } else { "!" }
}
