//! Edge routing: the path each edge takes between its nodes' cards, in world units (geometry
//! only: `render` draws it, the draw.io and Excalidraw writers export it, the canvas hit-tests it).
//!
//! Routes are computed from the board, never stored, so they follow the nodes as they move; the
//! app caches them by the board's revision. Right-angle edges are routed in four passes:
//!
//! 1. **Shapes.** Each edge tries the few shapes a person would draw, cheapest first by length
//!    plus [`BEND`] per bend: a straight run between facing sides (0 bends), an L (1 bend), a
//!    Z with its middle run halfway or by either card (2 bends). A shape counts when none of its
//!    runs enters another card (grown by [`CLEARANCE`]) or a group's header.
//! 2. **Search.** An edge no shape fits is searched for on a sparse visibility grid (the lines
//!    through every obstacle's border and the ports, in a window around the two cards), A*
//!    over (grid point, heading) with a bend penalty, from any side to any side. The search is
//!    bounded (grid size and visits); an edge it cannot route is drawn straight.
//! 3. **Ports.** Where several edges meet the same side of a card, their ends are spread along
//!    it, ordered by where each edge heads, so they neither overlap nor cross at the card.
//! 4. **Tracks.** Middle runs of different edges that lie on the same line and overlap are
//!    nudged apart onto parallel tracks, where the shifted run still clears every card.
//!
//! Straight edges join the borders along the line between the cards' centres; curved edges are
//! a cubic curve between the sides facing each other, flattened to a polyline.

use std::cmp::Reverse;
use std::collections::BinaryHeap;

use crate::hash::FastMap;
use crate::model::{Board, EdgeStyle, NodeStyle, Point, Rect, icon_rect, node_rect};

/// How far routes keep from cards other than their own ends, in world units.
pub const CLEARANCE: f32 = 14.0;
/// Gap between a card and the end of its edge (where the arrowhead's tip sits), in world units.
pub const GAP: f32 = 3.0;
/// What a bend costs, in world units of length: a route takes a detour this long to save one.
pub const BEND: f32 = 40.0;
/// Space between the ends of edges that share a side of a card, in world units (less on a
/// crowded side).
const PORT_SPACING: f32 = 16.0;
/// Space between parallel runs nudged apart, in world units.
const TRACK_SPACING: f32 = 8.0;
/// How much of a group's top edge its header (icon and label) takes, in world units.
const HEADER_HEIGHT: f32 = 30.0;
/// Width of a header character (13-point label) as the router reckons it, in world units; a
/// little generous, so routes clear the label drawn in any font.
const HEADER_CHAR: f32 = 7.5;
/// Room around the two cards the search may use, in world units.
const WINDOW: f32 = 160.0;
/// The most grid points a search may build; larger searches give up (the edge goes straight).
const MAX_GRID: usize = 160_000;
/// The most states a search may settle before it gives up.
const MAX_VISITS: usize = 120_000;
/// The most work (grid points built plus states settled) the searches of one board may take
/// together: past it, edges no simple shape fits are drawn straight. A board of a few thousand
/// nodes never reaches it; one of 100,000 would otherwise take minutes to route.
const SEARCH_BUDGET: usize = 6_000_000;
/// Side of a bucket of the obstacle index, in world units.
const CELL: f32 = 256.0;
/// Lengths and coordinates closer than this are the same, in world units.
const EPS: f32 = 0.25;
/// Grid lines closer than this are one line, in world units.
const SAME_LINE: f32 = 0.01;

/// The path of one edge, in world units: from the source card's border to the target card's
/// border, where the arrowhead goes. Empty for a loop or an edge with a missing end.
#[derive(Clone, Debug, Default, PartialEq)]
pub struct Route {
    /// The style the edge is drawn in (its own, or the board's).
    pub style: EdgeStyle,
    /// The polyline: two points for a straight edge, the corners of a right-angle edge, many
    /// close points along a curve.
    pub points: Vec<Point>,
}

impl Route {
    /// How many times a right-angle route turns (points between its ends).
    pub fn bends(&self) -> usize {
        self.points.len().saturating_sub(2)
    }

    /// The run an edge label sits on: the longest straight run of a right-angle route, the
    /// middle of a curve, the line itself for a straight edge. `None` for an empty route.
    pub fn label_run(&self) -> Option<(Point, Point)> {
        let p = &self.points;
        if p.len() < 2 {
            return None;
        }
        if self.style == EdgeStyle::Curved {
            let (a, b) = (p.len() / 3, (2 * p.len()) / 3);
            return Some((p[a], p[b.max(a + 1).min(p.len() - 1)]));
        }
        p.windows(2)
            .map(|w| (w[0], w[1]))
            .max_by(|x, y| length(x.0, x.1).total_cmp(&length(y.0, y.1)))
    }

    /// The shortest distance from `p` to the route, in world units (infinite when empty).
    pub fn distance(&self, p: Point) -> f32 {
        self.points
            .windows(2)
            .map(|w| segment_distance(p, w[0], w[1]))
            .fold(f32::INFINITY, f32::min)
    }

    /// The smallest rectangle around the route.
    pub fn bounds(&self) -> Option<Rect> {
        let first = *self.points.first()?;
        Some(self.points.iter().fold(Rect::from_min_max(first, first), |r, &q| {
            r.union(Rect::from_min_max(q, q))
        }))
    }
}

/// Every edge's route, in the board's edge order.
#[derive(Clone, Debug, Default, PartialEq)]
pub struct Routes {
    /// One route per edge of the board, at the edge's index.
    pub edges: Vec<Route>,
}

impl Routes {
    /// The route of the edge at `index`, when it has one (not a loop, both ends present).
    pub fn get(&self, index: usize) -> Option<&Route> {
        self.edges.get(index).filter(|r| r.points.len() >= 2)
    }
}

/// Routes every edge of `board` in its style (the edge's own, else the board's).
pub fn route(board: &Board) -> Routes {
    let index = board.node_index();
    let cards: Vec<Rect> = board.nodes.iter().map(node_rect).collect();
    // What an arrow ends at: the card, or in the icon style the icon and the label below it.
    let drawn: Vec<Rect> = board.nodes.iter().map(|n| drawn_part(board, n)).collect();
    let ends: Vec<Option<(usize, usize)>> = board
        .edges
        .iter()
        .map(|e| {
            let (a, b) = (*index.get(e.from.as_str())?, *index.get(e.to.as_str())?);
            (a != b && cards[a].is_finite() && cards[b].is_finite()).then_some((a, b))
        })
        .collect();
    let styles: Vec<EdgeStyle> = board
        .edges
        .iter()
        .map(|e| e.style.unwrap_or(board.edge_style))
        .collect();
    let mut routes: Vec<Route> = styles
        .iter()
        .map(|&style| Route {
            style,
            points: Vec::new(),
        })
        .collect();
    let right_angled = ends
        .iter()
        .zip(&styles)
        .any(|(e, s)| e.is_some() && *s == EdgeStyle::RightAngle);
    let obstacles = right_angled.then(|| Obstacles::new(board, &cards));
    let mut scratch = Scratch {
        budget: SEARCH_BUDGET,
        ..Scratch::default()
    };
    // Pass 1 and 2: a shape or a searched path for each edge, with the sides it leaves and enters.
    let mut sides: Vec<Option<(Dir, Dir)>> = vec![None; routes.len()];
    for (i, end) in ends.iter().enumerate() {
        let Some((a, b)) = *end else { continue };
        let (ra, rb) = (cards[a], cards[b]);
        routes[i].points = match (styles[i], &obstacles) {
            (EdgeStyle::Straight, _) | (EdgeStyle::RightAngle, None) => {
                let (p, q) = straight_ends(drawn[a], drawn[b]);
                vec![p, q]
            }
            (EdgeStyle::Curved, _) => curve(drawn[a], drawn[b]),
            (EdgeStyle::RightAngle, Some(obstacles)) => {
                let found = Edge { a, b, ra, rb }.route(obstacles, &mut scratch);
                match found {
                    Some((points, sa, sb)) => {
                        sides[i] = Some((sa, sb));
                        points
                    }
                    None => {
                        let (p, q) = straight_ends(drawn[a], drawn[b]);
                        vec![p, q]
                    }
                }
            }
        };
    }
    if let Some(obstacles) = &obstacles {
        spread_ports(&mut routes, &sides, &ends, &cards, obstacles);
        separate_tracks(&mut routes, &sides, &ends, &cards, obstacles);
        if board.node_style == NodeStyle::Icon {
            reach_icons(&mut routes, &sides, &ends, &cards, board, obstacles);
        }
    }
    Routes { edges: routes }
}

/// The part of node `n` that is drawn: its card, or in the icon style (notes excepted) the
/// icon's column from the icon's top down to the footprint's bottom, where the label ends.
fn drawn_part(board: &Board, n: &crate::model::Node) -> Rect {
    let card = node_rect(n);
    if !board.draws_icon(n) {
        return card;
    }
    let icon = icon_rect(card);
    Rect {
        h: card.y + card.h - icon.y,
        ..icon
    }
}

/// In the icon style, carries each right-angle route's end runs on from the footprint's side
/// to the icon, where the end meets the icon: the routes are found around the footprints (the
/// labels need the room), but an arrow stopping short of the picture it points at reads as a
/// gap. Ends on a card's bottom side stay under the label. A side end at the card's middle
/// (a port no other edge shares) first moves up to the icon's middle, where the route stays
/// clear.
fn reach_icons(
    routes: &mut [Route],
    sides: &[Option<(Dir, Dir)>],
    ends: &[Option<(usize, usize)>],
    cards: &[Rect],
    board: &Board,
    obstacles: &Obstacles,
) {
    let no_icon = |node: usize| board.nodes.get(node).is_none_or(|n| !board.draws_icon(n));
    // How many ends each side of each card has: only a lone end moves.
    let mut on_side: FastMap<(usize, u8), u32> = FastMap::default();
    for (side, end) in sides.iter().zip(ends) {
        if let (Some((sa, sb)), Some((a, b))) = (*side, *end) {
            *on_side.entry((a, sa as u8)).or_default() += 1;
            *on_side.entry((b, sb as u8)).or_default() += 1;
        }
    }
    let alone = |node: usize, side: Dir| on_side.get(&(node, side as u8)).copied() == Some(1);
    for ((route, side), end) in routes.iter_mut().zip(sides).zip(ends) {
        let (Some((sa, sb)), Some((a, b))) = (*side, *end) else {
            continue;
        };
        let last = route.points.len().wrapping_sub(1);
        if route.points.len() < 2 {
            continue;
        }
        let own = (cards[a], cards[b]);
        for (k, node, side) in [(0, a, sa), (last, b, sb)] {
            let (card, icon) = (cards[node], icon_rect(cards[node]));
            let level = icon.y + icon.h / 2.0;
            if no_icon(node)
                || !matches!(side, Dir::Left | Dir::Right)
                || !alone(node, side)
                || (route.points[k].1 - card.centre().1).abs() > EPS
            {
                continue;
            }
            // The end's run, and for a two-point route the other end too, moved to `level`.
            let mut moved = route.points.clone();
            let next = if k == 0 { 1 } else { last - 1 };
            if (moved[next].1 - moved[k].1).abs() > EPS {
                continue;
            }
            if moved.len() == 2 {
                let other = if k == 0 { (b, last) } else { (a, 0) };
                let other_card = cards[other.0];
                let other_side = if k == 0 { sb } else { sa };
                if no_icon(other.0)
                    || !alone(other.0, other_side)
                    || (other_card.centre().1 - card.centre().1).abs() > EPS
                {
                    continue;
                }
            } else if let Some(&beyond) = moved.get(if k == 0 { 2 } else { last.wrapping_sub(2) }) {
                // The run beyond turns vertically: it must keep its direction.
                let (from, to) = (moved[next].1, beyond.1);
                if (to - level) * (to - from) <= 0.0 {
                    continue;
                }
            }
            moved[k].1 = level;
            moved[next].1 = level;
            if obstacles.clear(&moved, (a, b), own) {
                route.points = moved;
            }
        }
        let last = route.points.len() - 1;
        for (k, node, side) in [(0, a, sa), (last, b, sb)] {
            if no_icon(node) {
                continue;
            }
            let icon = icon_rect(cards[node]);
            let p = &mut route.points[k];
            match side {
                Dir::Left if (icon.y..=icon.y + icon.h).contains(&p.1) => p.0 = icon.x - GAP,
                Dir::Right if (icon.y..=icon.y + icon.h).contains(&p.1) => p.0 = icon.x + icon.w + GAP,
                Dir::Up if (icon.x..=icon.x + icon.w).contains(&p.0) => p.1 = icon.y - GAP,
                _ => {}
            }
        }
    }
}

/// Where a straight edge between two cards starts and ends: on their borders (plus [`GAP`]),
/// along the line joining their centres, so arrows stay readable however the nodes move.
pub fn straight_ends(from: Rect, to: Rect) -> (Point, Point) {
    let (a, b) = (from.centre(), to.centre());
    (border_point(from, b), border_point(to, a))
}

/// The point where the ray from `r`'s centre towards `towards` leaves `r`, plus [`GAP`].
fn border_point(r: Rect, towards: Point) -> Point {
    let c = r.centre();
    let (dx, dy) = (towards.0 - c.0, towards.1 - c.1);
    if dx == 0.0 && dy == 0.0 {
        return c;
    }
    let tx = if dx != 0.0 {
        (r.w / 2.0 + GAP) / dx.abs()
    } else {
        f32::INFINITY
    };
    let ty = if dy != 0.0 {
        (r.h / 2.0 + GAP) / dy.abs()
    } else {
        f32::INFINITY
    };
    let t = tx.min(ty).min(1.0);
    Point(c.0 + dx * t, c.1 + dy * t)
}

/// A curve from the side of `from` facing `to` into the side of `to` facing `from`: a cubic
/// whose handles leave each side straight out, flattened to 24 segments.
fn curve(from: Rect, to: Rect) -> Vec<Point> {
    let (sa, sb) = facing(from, to);
    let (p0, p3) = (port(from, sa, 0.0, GAP), port(to, sb, 0.0, GAP));
    let reach = (length(p0, p3) / 2.5).max(30.0);
    let (va, vb) = (sa.v(), sb.v());
    let p1 = Point(p0.0 + va.0 * reach, p0.1 + va.1 * reach);
    let p2 = Point(p3.0 + vb.0 * reach, p3.1 + vb.1 * reach);
    (0..=24)
        .map(|k| {
            let t = k as f32 / 24.0;
            let u = 1.0 - t;
            let (w0, w1, w2, w3) = (u * u * u, 3.0 * u * u * t, 3.0 * u * t * t, t * t * t);
            Point(
                w0 * p0.0 + w1 * p1.0 + w2 * p2.0 + w3 * p3.0,
                w0 * p0.1 + w1 * p1.1 + w2 * p2.1 + w3 * p3.1,
            )
        })
        .collect()
}

/// The sides of `a` and `b` that face each other, along the axis where they are further apart.
fn facing(a: Rect, b: Rect) -> (Dir, Dir) {
    let (ca, cb) = (a.centre(), b.centre());
    let gap_x = (cb.0 - ca.0).abs() - (a.w + b.w) / 2.0;
    let gap_y = (cb.1 - ca.1).abs() - (a.h + b.h) / 2.0;
    if gap_x >= gap_y {
        if cb.0 >= ca.0 {
            (Dir::Right, Dir::Left)
        } else {
            (Dir::Left, Dir::Right)
        }
    } else if cb.1 >= ca.1 {
        (Dir::Down, Dir::Up)
    } else {
        (Dir::Up, Dir::Down)
    }
}

/// A heading, and the side of a card an edge leaves through (the heading out of it).
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, PartialOrd, Ord)]
enum Dir {
    Right,
    Down,
    Left,
    Up,
}

const DIRS: [Dir; 4] = [Dir::Right, Dir::Down, Dir::Left, Dir::Up];

impl Dir {
    fn v(self) -> (f32, f32) {
        match self {
            Dir::Right => (1.0, 0.0),
            Dir::Down => (0.0, 1.0),
            Dir::Left => (-1.0, 0.0),
            Dir::Up => (0.0, -1.0),
        }
    }

    fn rev(self) -> Dir {
        match self {
            Dir::Right => Dir::Left,
            Dir::Down => Dir::Up,
            Dir::Left => Dir::Right,
            Dir::Up => Dir::Down,
        }
    }

    fn horizontal(self) -> bool {
        matches!(self, Dir::Right | Dir::Left)
    }

    /// The heading from `a` to `b` on an axis-aligned run (`None` when it is not one).
    fn between(a: Point, b: Point) -> Option<Dir> {
        let (dx, dy) = (b.0 - a.0, b.1 - a.1);
        if dy.abs() <= EPS && dx.abs() > EPS {
            Some(if dx > 0.0 { Dir::Right } else { Dir::Left })
        } else if dx.abs() <= EPS && dy.abs() > EPS {
            Some(if dy > 0.0 { Dir::Down } else { Dir::Up })
        } else {
            None
        }
    }
}

/// A point on side `side` of `r`: `along` from the side's middle (rightwards or downwards) and
/// `out` outside the card.
fn port(r: Rect, side: Dir, along: f32, out: f32) -> Point {
    let c = r.centre();
    match side {
        Dir::Right => Point(r.x + r.w + out, c.1 + along),
        Dir::Left => Point(r.x - out, c.1 + along),
        Dir::Down => Point(c.0 + along, r.y + r.h + out),
        Dir::Up => Point(c.0 + along, r.y - out),
    }
}

fn length(a: Point, b: Point) -> f32 {
    ((b.0 - a.0).powi(2) + (b.1 - a.1).powi(2)).sqrt()
}

fn segment_distance(p: Point, a: Point, b: Point) -> f32 {
    let (abx, aby) = (b.0 - a.0, b.1 - a.1);
    let len2 = abx * abx + aby * aby;
    let t = if len2 > 0.0 {
        (((p.0 - a.0) * abx + (p.1 - a.1) * aby) / len2).clamp(0.0, 1.0)
    } else {
        0.0
    };
    length(p, Point(a.0 + abx * t, a.1 + aby * t))
}

/// Length plus [`BEND`] per bend: what routes are compared by.
fn cost(points: &[Point]) -> f32 {
    let len: f32 = points.windows(2).map(|w| length(w[0], w[1])).sum();
    len + BEND * points.len().saturating_sub(2) as f32
}

/// Drops repeated points and points in the middle of a straight run.
fn simplify(points: &mut Vec<Point>) {
    points.dedup_by(|b, a| (a.0 - b.0).abs() <= EPS && (a.1 - b.1).abs() <= EPS);
    let mut k = 1;
    while k + 1 < points.len() {
        let (a, b, c) = (points[k - 1], points[k], points[k + 1]);
        let same_x = (a.0 - b.0).abs() <= EPS && (b.0 - c.0).abs() <= EPS;
        let same_y = (a.1 - b.1).abs() <= EPS && (b.1 - c.1).abs() <= EPS;
        if same_x || same_y {
            points.remove(k);
        } else {
            k += 1;
        }
    }
}

/// What routes avoid: every card grown by [`CLEARANCE`] and every group's header, bucketed by
/// area so a run looks only at what is near it.
struct Obstacles {
    rects: Vec<Rect>,
    /// The node each obstacle is the card of, or `u32::MAX` for a header.
    owner: Vec<u32>,
    /// The index: a grid of `cols` by `rows` square cells of side `cell` from `origin` over
    /// every obstacle, each cell listing the obstacles that touch it (a plain vector, so a long
    /// run's look-ups cost no hashing).
    origin: Point,
    cell: f32,
    cols: usize,
    rows: usize,
    cells: Vec<Vec<u32>>,
}

const HEADER: u32 = u32::MAX;

impl Obstacles {
    fn new(board: &Board, cards: &[Rect]) -> Obstacles {
        let mut o = Obstacles {
            rects: Vec::with_capacity(cards.len() + board.groups.len()),
            owner: Vec::with_capacity(cards.len() + board.groups.len()),
            origin: Point(0.0, 0.0),
            cell: CELL,
            cols: 0,
            rows: 0,
            cells: Vec::new(),
        };
        for (i, r) in cards.iter().enumerate() {
            o.add(r.expand(CLEARANCE), i as u32);
        }
        for g in &board.groups {
            let text = if g.label.is_empty() {
                g.kind.title().chars().count()
            } else {
                g.label.chars().count()
            };
            let w = (40.0 + HEADER_CHAR * text.min(200) as f32).min(g.rect.w);
            let header = Rect {
                x: g.rect.x,
                y: g.rect.y,
                w,
                h: HEADER_HEIGHT.min(g.rect.h),
            };
            o.add(header, HEADER);
        }
        o.index();
        o
    }

    fn add(&mut self, r: Rect, owner: u32) {
        if !r.is_finite() || r.w <= 0.0 || r.h <= 0.0 {
            return;
        }
        self.rects.push(r);
        self.owner.push(owner);
    }

    /// Buckets the obstacles: cells of at least [`CELL`], doubled until there are at most a
    /// few per obstacle (a board with a far-flung card stays small).
    fn index(&mut self) {
        let Some(bounds) = self.rects.iter().copied().reduce(Rect::union) else {
            return;
        };
        if !bounds.is_finite() {
            return; // every query falls back to looking at each obstacle
        }
        let most = (4 * self.rects.len() + 64) as f32;
        let fits = |cell: f32| ((bounds.w / cell).floor() + 1.0) * ((bounds.h / cell).floor() + 1.0) <= most;
        let mut cell = CELL;
        while !fits(cell) && cell < f32::MAX / 4.0 {
            cell *= 2.0;
        }
        self.origin = Point(bounds.x, bounds.y);
        self.cell = cell;
        self.cols = (bounds.w / cell) as usize + 1;
        self.rows = (bounds.h / cell) as usize + 1;
        self.cells = vec![Vec::new(); self.cols * self.rows];
        for (id, &r) in self.rects.iter().enumerate() {
            let Some((x0, x1, y0, y1)) = self.range(r) else {
                continue;
            };
            for y in y0..=y1 {
                for x in x0..=x1 {
                    self.cells[y * self.cols + x].push(id as u32);
                }
            }
        }
    }

    /// The cells `area` covers (first and last column, first and last row), `None` when it
    /// misses the index.
    fn range(&self, area: Rect) -> Option<(usize, usize, usize, usize)> {
        if self.cols == 0 || self.rows == 0 {
            return None;
        }
        let (ox, oy) = (self.origin.0, self.origin.1);
        let (ex, ey) = (ox + self.cols as f32 * self.cell, oy + self.rows as f32 * self.cell);
        if area.x > ex || area.x + area.w < ox || area.y > ey || area.y + area.h < oy {
            return None;
        }
        let at = |v: f32, o: f32, n: usize| ((v - o) / self.cell).floor().clamp(0.0, (n - 1) as f32) as usize;
        Some((
            at(area.x, ox, self.cols),
            at(area.x + area.w, ox, self.cols),
            at(area.y, oy, self.rows),
            at(area.y + area.h, oy, self.rows),
        ))
    }

    /// Calls `f` with every obstacle that may touch `area` (some more than once).
    fn near(&self, area: Rect, mut f: impl FnMut(u32)) {
        self.any_near(area, |id| {
            f(id);
            false
        });
    }

    /// Whether `hit` holds for an obstacle that may touch `area`, asking it of each (some more
    /// than once) until one does.
    fn any_near(&self, area: Rect, mut hit: impl FnMut(u32) -> bool) -> bool {
        let every = |hit: &mut dyn FnMut(u32) -> bool| {
            (0..self.rects.len() as u32).any(|id| touches(self.rects[id as usize], area) && hit(id))
        };
        if self.cells.is_empty() {
            return every(&mut hit);
        }
        let Some((x0, x1, y0, y1)) = self.range(area) else {
            return false;
        };
        // An area that is not a number somewhere, or that covers more cells than there are
        // obstacles: look at each.
        if x0 > x1 || y0 > y1 || (x1 - x0 + 1) * (y1 - y0 + 1) > self.rects.len() {
            return every(&mut hit);
        }
        (y0..=y1).any(|y| {
            self.cells[y * self.cols + x0..=y * self.cols + x1]
                .iter()
                .any(|ids| ids.iter().any(|&id| hit(id)))
        })
    }

    /// Whether the axis-aligned run `a`–`b` of the edge between nodes `ends` enters an obstacle
    /// other than the ends' own cards, or the ends' cards themselves.
    fn blocks(&self, a: Point, b: Point, ends: (usize, usize), own: (Rect, Rect)) -> bool {
        let run = Rect::from_min_max(a, b);
        // The ends' own cards, bare: a route may leave and enter them, never cross them.
        if [own.0, own.1].iter().any(|r| crosses(a, b, r.expand(GAP - 0.5))) {
            return true;
        }
        let (ea, eb) = (ends.0 as u32, ends.1 as u32);
        self.any_near(run, |id| {
            let owner = self.owner[id as usize];
            owner != ea && owner != eb && crosses(a, b, self.rects[id as usize])
        })
    }

    /// Whether the polyline of the edge between `ends` stays out of every obstacle.
    fn clear(&self, points: &[Point], ends: (usize, usize), own: (Rect, Rect)) -> bool {
        points.windows(2).all(|w| !self.blocks(w[0], w[1], ends, own))
    }
}

/// Whether two rectangles (either may be a zero-width run) meet, borders included.
fn touches(a: Rect, b: Rect) -> bool {
    a.x <= b.x + b.w && b.x <= a.x + a.w && a.y <= b.y + b.h && b.y <= a.y + a.h
}

/// Whether the axis-aligned run `a`–`b` passes through the inside of `r` (running along its
/// border does not count).
fn crosses(a: Point, b: Point, r: Rect) -> bool {
    let (x0, x1) = (a.0.min(b.0), a.0.max(b.0));
    let (y0, y1) = (a.1.min(b.1), a.1.max(b.1));
    let across = |lo: f32, hi: f32, r0: f32, r1: f32| {
        if hi - lo <= EPS {
            lo > r0 + EPS && lo < r1 - EPS
        } else {
            lo.max(r0) < hi.min(r1) - EPS
        }
    };
    across(x0, x1, r.x, r.x + r.w) && across(y0, y1, r.y, r.y + r.h)
}

/// Reused buffers for the search, so routing a large board does not allocate per edge.
#[derive(Default)]
struct Scratch {
    /// Search work left for this board (see [`SEARCH_BUDGET`]).
    budget: usize,
    xs: Vec<f32>,
    ys: Vec<f32>,
    ids: Vec<u32>,
    blocked_h: Vec<bool>,
    blocked_v: Vec<bool>,
    dist: Vec<f32>,
    parent: Vec<u32>,
    touched: Vec<u32>,
}

/// One edge to route: its end nodes and their cards.
struct Edge {
    a: usize,
    b: usize,
    ra: Rect,
    rb: Rect,
}

impl Edge {
    /// The cheapest shape that fits, else a searched path; with the sides it leaves and enters
    /// (each as the heading out of its card).
    fn route(&self, obstacles: &Obstacles, scratch: &mut Scratch) -> Option<(Vec<Point>, Dir, Dir)> {
        self.shape(obstacles).or_else(|| self.search(obstacles, scratch))
    }

    fn ends(&self) -> (usize, usize) {
        (self.a, self.b)
    }

    fn own(&self) -> (Rect, Rect) {
        (self.ra, self.rb)
    }

    /// The few shapes with at most two bends between the sides facing each other (and the L
    /// shapes between a facing side and a side facing across), cheapest that fits.
    fn shape(&self, obstacles: &Obstacles) -> Option<(Vec<Point>, Dir, Dir)> {
        let (ca, cb) = (self.ra.centre(), self.rb.centre());
        let h = if cb.0 >= ca.0 { Dir::Right } else { Dir::Left };
        let v = if cb.1 >= ca.1 { Dir::Down } else { Dir::Up };
        let (ra, rb) = (self.ra, self.rb);
        // An L leaves through a side only when the target lies wholly beyond it (else that side
        // does not face the target, and a Z from the facing side reads better).
        let beyond = |d: Dir| match d {
            Dir::Right => rb.x >= ra.x + ra.w,
            Dir::Left => rb.x + rb.w <= ra.x,
            Dir::Down => rb.y >= ra.y + ra.h,
            Dir::Up => rb.y + rb.h <= ra.y,
        };
        let mut pairs = vec![(h, h.rev()), (v, v.rev())];
        if beyond(h) {
            pairs.push((h, v.rev()));
        }
        if beyond(v) {
            pairs.push((v, h.rev()));
        }
        // Cheapest first: the first that fits is the one.
        let mut shapes: Vec<(f32, Vec<Point>, Dir, Dir)> = pairs
            .into_iter()
            .flat_map(|(sa, sb)| {
                candidates(ra, sa, rb, sb)
                    .into_iter()
                    .map(move |p| (cost(&p), p, sa, sb))
            })
            .collect();
        shapes.sort_by(|x, y| x.0.total_cmp(&y.0));
        let mut best = shapes
            .into_iter()
            .find(|(_, points, _, _)| obstacles.clear(points, self.ends(), self.own()));
        if best.is_none() {
            // A U out of the same side of both cards and back, round whatever lies between
            // them (a row of cards, say): still two bends, and no search.
            for d in DIRS {
                let Some(points) = u_shape(ra, rb, d) else { continue };
                let c = cost(&points);
                if best.as_ref().is_some_and(|b| b.0 <= c) {
                    continue;
                }
                if obstacles.clear(&points, self.ends(), self.own()) {
                    best = Some((c, points, d, d));
                }
            }
        }
        best.map(|(_, p, sa, sb)| (p, sa, sb))
    }

    /// A* over a sparse grid around the two cards: from a point [`CLEARANCE`] out of any side
    /// of the source to such a point of any side of the target, by length plus [`BEND`] per
    /// turn. A larger window is tried once when the first finds nothing.
    fn search(&self, obstacles: &Obstacles, scratch: &mut Scratch) -> Option<(Vec<Point>, Dir, Dir)> {
        if scratch.budget == 0 {
            return None;
        }
        let starts = DIRS.map(|s| port(self.ra, s, 0.0, CLEARANCE));
        let goals = DIRS.map(|s| port(self.rb, s, 0.0, CLEARANCE));
        let around = starts
            .iter()
            .chain(&goals)
            .fold(self.ra.union(self.rb), |r, &p| r.union(Rect::from_min_max(p, p)));
        for room in [WINDOW, WINDOW * 4.0] {
            if let Some(found) = self.search_in(around.expand(room), &starts, &goals, obstacles, scratch) {
                return Some(found);
            }
        }
        None
    }

    fn search_in(
        &self,
        window: Rect,
        starts: &[Point; 4],
        goals: &[Point; 4],
        obstacles: &Obstacles,
        s: &mut Scratch,
    ) -> Option<(Vec<Point>, Dir, Dir)> {
        // The obstacles in the window: others' cards and headers, and the ends' own cards,
        // grown like the others (the search starts and ends on their grown borders).
        s.ids.clear();
        let (ea, eb) = (self.a as u32, self.b as u32);
        obstacles.near(window, |id| {
            let owner = obstacles.owner[id as usize];
            if owner != ea && owner != eb && touches(obstacles.rects[id as usize], window) {
                s.ids.push(id);
            }
        });
        s.ids.sort_unstable();
        s.ids.dedup();
        let own = [self.ra.expand(CLEARANCE), self.rb.expand(CLEARANCE)];
        let rect_of = |k: usize, ids: &[u32]| {
            if k < 2 {
                own[k]
            } else {
                obstacles.rects[ids[k - 2] as usize]
            }
        };
        let count = s.ids.len() + 2;
        s.xs.clear();
        s.ys.clear();
        s.xs.extend([window.x, window.x + window.w]);
        s.ys.extend([window.y, window.y + window.h]);
        for k in 0..count {
            let r = rect_of(k, &s.ids);
            s.xs.extend([r.x, r.x + r.w]);
            s.ys.extend([r.y, r.y + r.h]);
        }
        for p in starts.iter().chain(goals) {
            s.xs.push(p.0);
            s.ys.push(p.1);
        }
        for v in [&mut s.xs, &mut s.ys] {
            v.retain(|x| x.is_finite());
            v.sort_unstable_by(f32::total_cmp);
            v.dedup_by(|b, a| (*b - *a).abs() <= SAME_LINE);
        }
        let (nx, ny) = (s.xs.len(), s.ys.len());
        if nx < 2 || ny < 2 || nx.saturating_mul(ny) > MAX_GRID {
            return None;
        }
        let points = nx * ny;
        s.budget = s.budget.saturating_sub(points);
        s.blocked_h.clear();
        s.blocked_h.resize(points, false);
        s.blocked_v.clear();
        s.blocked_v.resize(points, false);
        // The first line at or after `x` (within the merging distance).
        let find = |v: &[f32], x: f32| v.partition_point(|&c| c < x - SAME_LINE);
        for k in 0..count {
            let r = rect_of(k, &s.ids);
            let (i0, i1) = (
                find(&s.xs, r.x),
                find(&s.xs, r.x + r.w + 2.0 * SAME_LINE).saturating_sub(1),
            );
            let (j0, j1) = (
                find(&s.ys, r.y),
                find(&s.ys, r.y + r.h + 2.0 * SAME_LINE).saturating_sub(1),
            );
            if i0 >= nx || j0 >= ny {
                continue;
            }
            let (i1, j1) = (i1.min(nx - 1), j1.min(ny - 1));
            let inside_y = |y: f32| y > r.y + EPS && y < r.y + r.h - EPS;
            let inside_x = |x: f32| x > r.x + EPS && x < r.x + r.w - EPS;
            for j in j0..=j1 {
                if !inside_y(s.ys[j]) {
                    continue;
                }
                for i in i0..i1 {
                    s.blocked_h[j * nx + i] = true;
                }
            }
            for i in i0..=i1 {
                if !inside_x(s.xs[i]) {
                    continue;
                }
                for j in j0..j1 {
                    s.blocked_v[j * nx + i] = true;
                }
            }
        }
        let at = |v: &[f32], x: f32| {
            let i = find(v, x);
            (i < v.len() && (v[i] - x).abs() <= 2.0 * SAME_LINE).then_some(i)
        };
        let cell = |p: Point| Some(at(&s.ys, p.1)? * nx + at(&s.xs, p.0)?);
        let goal_cells: Vec<(usize, Dir)> = DIRS
            .iter()
            .zip(goals)
            .filter_map(|(&d, &p)| Some((cell(p)?, d)))
            .collect();
        let states = points * 4;
        // Four more states: "arrived through side d of the target".
        if s.dist.len() < states + 4 {
            s.dist.resize(states + 4, f32::INFINITY);
            s.parent.resize(states + 4, u32::MAX);
        }
        for &t in &s.touched {
            s.dist[t as usize] = f32::INFINITY;
            s.parent[t as usize] = u32::MAX;
        }
        s.touched.clear();
        let (xs, ys) = (&s.xs, &s.ys);
        let point_of = |c: usize| Point(xs[c % nx], ys[c / nx]);
        // Length still to go plus the bends no path can avoid: a lower bound, so the search
        // settles few states off the best path.
        let heuristic = |p: Point, h: Dir| {
            goals
                .iter()
                .zip(DIRS)
                .map(|(g, side)| (g.0 - p.0).abs() + (g.1 - p.1).abs() + BEND * turns(p, h, *g, side.rev()))
                .fold(f32::INFINITY, f32::min)
        };
        // By estimate, then the state furthest along first (ties are many on a grid).
        let key = |f: f32, g: f32, st: usize| Reverse((f.to_bits(), u32::MAX - g.to_bits(), st as u32));
        let mut heap: BinaryHeap<Reverse<(u32, u32, u32)>> = BinaryHeap::new();
        for (&d, &p) in DIRS.iter().zip(starts) {
            let Some(c) = cell(p) else { continue };
            let st = c * 4 + d as usize;
            s.dist[st] = 0.0;
            s.touched.push(st as u32);
            heap.push(key(heuristic(p, d), 0.0, st));
        }
        let mut visits = 0;
        let mut arrived: Option<usize> = None;
        while let Some(Reverse((f, _, st))) = heap.pop() {
            let st = st as usize;
            let g = s.dist[st];
            if st >= states {
                arrived = Some(st);
                break;
            }
            let (c, h) = (st / 4, DIRS[st % 4]);
            if f32::from_bits(f) > g + heuristic(point_of(c), h) + EPS {
                continue; // a stale entry
            }
            visits += 1;
            s.budget = s.budget.saturating_sub(1);
            if visits > MAX_VISITS || s.budget == 0 {
                return None;
            }
            for &(gc, side) in &goal_cells {
                if gc == c && h != side {
                    let extra = if h == side.rev() { 0.0 } else { BEND };
                    let gs = states + side as usize;
                    if g + extra < s.dist[gs] {
                        s.dist[gs] = g + extra;
                        s.parent[gs] = st as u32;
                        s.touched.push(gs as u32);
                        heap.push(key(g + extra, g + extra, gs));
                    }
                }
            }
            let (i, j) = (c % nx, c / nx);
            for d in DIRS {
                if d == h.rev() {
                    continue;
                }
                let next = match d {
                    Dir::Right if i + 1 < nx && !s.blocked_h[c] => c + 1,
                    Dir::Left if i > 0 && !s.blocked_h[c - 1] => c - 1,
                    Dir::Down if j + 1 < ny && !s.blocked_v[c] => c + nx,
                    Dir::Up if j > 0 && !s.blocked_v[c - nx] => c - nx,
                    _ => continue,
                };
                let step = length(point_of(c), point_of(next)) + if d == h { 0.0 } else { BEND };
                let ns = next * 4 + d as usize;
                if g + step < s.dist[ns] {
                    s.dist[ns] = g + step;
                    s.parent[ns] = st as u32;
                    s.touched.push(ns as u32);
                    heap.push(key(g + step + heuristic(point_of(next), d), g + step, ns));
                }
            }
        }
        let goal = arrived?;
        let sb = DIRS[goal - states];
        let mut cells = Vec::new();
        let mut st = s.parent[goal] as usize;
        let first = loop {
            cells.push(st / 4);
            let p = s.parent[st];
            if p == u32::MAX {
                break DIRS[st % 4];
            }
            st = p as usize;
        };
        cells.reverse();
        let mut path = Vec::with_capacity(cells.len() + 2);
        path.push(port(self.ra, first, 0.0, GAP));
        path.extend(cells.into_iter().map(point_of));
        path.push(port(self.rb, sb, 0.0, GAP));
        simplify(&mut path);
        Some((path, first, sb))
    }
}

/// The fewest bends a path heading `h` at `p` takes to arrive at `q` heading `d` (arriving
/// any other way costs a bend too), as a lower bound: 0 when `q` lies straight ahead.
fn turns(p: Point, h: Dir, q: Point, d: Dir) -> f32 {
    if h == d {
        let (dx, dy) = (q.0 - p.0, q.1 - p.1);
        let (v0, v1) = h.v();
        let ahead = dx * v0 + dy * v1 >= -EPS;
        let aside = if h.horizontal() { dy.abs() } else { dx.abs() };
        if ahead && aside <= EPS { 0.0 } else { 2.0 }
    } else if h == d.rev() {
        2.0
    } else {
        1.0
    }
}

/// The shapes with at most two bends from side `sa` of `ra` (a heading out of it) into side `sb`
/// of `rb`, each leaving and entering its card straight on for at least [`CLEARANCE`].
fn candidates(ra: Rect, sa: Dir, rb: Rect, sb: Dir) -> Vec<Vec<Point>> {
    let mut out = Vec::new();
    let mut ports = vec![(port(ra, sa, 0.0, GAP), port(rb, sb, 0.0, GAP))];
    // Facing sides that overlap along the side: a straight run where they overlap.
    if sa == sb.rev() {
        let span = |r: Rect| {
            if sa.horizontal() {
                (r.y + 12.0, r.y + r.h - 12.0, r.centre().1)
            } else {
                (r.x + 12.0, r.x + r.w - 12.0, r.centre().0)
            }
        };
        let ((a0, a1, ac), (b0, b1, _)) = (span(ra), span(rb));
        let (lo, hi) = (a0.max(b0), a1.min(b1));
        if lo <= hi {
            let at = ac.clamp(lo, hi);
            let (da, db) = if sa.horizontal() {
                (at - ra.centre().1, at - rb.centre().1)
            } else {
                (at - ra.centre().0, at - rb.centre().0)
            };
            ports.insert(0, (port(ra, sa, da, GAP), port(rb, sb, db, GAP)));
        }
    }
    for (p, q) in ports {
        let (s, t) = (
            Point(p.0 + sa.v().0 * (CLEARANCE - GAP), p.1 + sa.v().1 * (CLEARANCE - GAP)),
            Point(q.0 + sb.v().0 * (CLEARANCE - GAP), q.1 + sb.v().1 * (CLEARANCE - GAP)),
        );
        let mut shapes: Vec<Vec<Point>> = vec![vec![p, q], vec![p, Point(q.0, p.1), q], vec![p, Point(p.0, q.1), q]];
        if sa.horizontal() && sb.horizontal() {
            for m in [(s.0 + t.0) / 2.0, s.0, t.0] {
                shapes.push(vec![p, Point(m, p.1), Point(m, q.1), q]);
            }
        }
        if !sa.horizontal() && !sb.horizontal() {
            for m in [(s.1 + t.1) / 2.0, s.1, t.1] {
                shapes.push(vec![p, Point(p.0, m), Point(q.0, m), q]);
            }
        }
        for mut shape in shapes {
            simplify(&mut shape);
            if well_formed(&shape, sa, sb) {
                out.push(shape);
            }
        }
    }
    out
}

/// The U out of side `d` of `ra` and into side `d` of `rb`, its middle run [`CLEARANCE`] beyond
/// the card reaching further that way (`None` when it would not be well formed).
fn u_shape(ra: Rect, rb: Rect, d: Dir) -> Option<Vec<Point>> {
    let (p, q) = (port(ra, d, 0.0, GAP), port(rb, d, 0.0, GAP));
    let out = CLEARANCE - GAP;
    let points = match d {
        Dir::Right | Dir::Left => {
            let m = if d == Dir::Right {
                p.0.max(q.0) + out
            } else {
                p.0.min(q.0) - out
            };
            vec![p, Point(m, p.1), Point(m, q.1), q]
        }
        Dir::Down | Dir::Up => {
            let m = if d == Dir::Down {
                p.1.max(q.1) + out
            } else {
                p.1.min(q.1) - out
            };
            vec![p, Point(p.0, m), Point(q.0, m), q]
        }
    };
    well_formed(&points, d, d).then_some(points)
}

/// Whether `points` is an axis-aligned route that leaves along `sa` and enters against `sb`,
/// each end run at least [`CLEARANCE`] long, and never doubles back on itself.
fn well_formed(points: &[Point], sa: Dir, sb: Dir) -> bool {
    let n = points.len();
    if n < 2 {
        return false;
    }
    let mut last: Option<Dir> = None;
    for (k, w) in points.windows(2).enumerate() {
        let Some(d) = Dir::between(w[0], w[1]) else {
            return false;
        };
        if last.is_some_and(|l| l == d.rev()) {
            return false;
        }
        let long = length(w[0], w[1]) >= CLEARANCE - GAP - EPS;
        if k == 0 && (d != sa || !long) {
            return false;
        }
        if k == n - 2 && (d != sb.rev() || !long) {
            return false;
        }
        last = Some(d);
    }
    true
}

/// Which end of an edge: its source or its target.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
enum End {
    Source,
    Target,
}

/// One edge end on a side: the coordinate along the side it heads for, the route, which end.
type PortEnd = (f32, usize, End);

/// Spreads the ends that share a side of a card along it, ordered by where each edge heads, and
/// moves each route's end runs with them; a route whose moved ends would enter a card keeps
/// its ends.
fn spread_ports(
    routes: &mut [Route],
    sides: &[Option<(Dir, Dir)>],
    ends: &[Option<(usize, usize)>],
    cards: &[Rect],
    obstacles: &Obstacles,
) {
    // (node, side) -> the ends there, with the coordinate along the side they head for.
    let mut at: FastMap<(usize, Dir), Vec<PortEnd>> = FastMap::default();
    for (i, (s, e)) in sides.iter().zip(ends).enumerate() {
        let (Some((sa, sb)), Some((a, b))) = (*s, *e) else {
            continue;
        };
        let p = &routes[i].points;
        let n = p.len();
        let along = |q: Point, side: Dir| if side.horizontal() { q.1 } else { q.0 };
        let towards_a = if n >= 3 { p[2] } else { p[n - 1] };
        let towards_b = if n >= 3 { p[n - 3] } else { p[0] };
        at.entry((a, sa))
            .or_default()
            .push((along(towards_a, sa), i, End::Source));
        at.entry((b, sb))
            .or_default()
            .push((along(towards_b, sb), i, End::Target));
    }
    // Each route's new offsets (source, target) along its sides, from the side's middle.
    let mut offsets: Vec<(Option<f32>, Option<f32>)> = vec![(None, None); routes.len()];
    let mut keys: Vec<(usize, Dir)> = at.keys().copied().collect();
    keys.sort_unstable();
    for key in keys {
        let Some(list) = at.get_mut(&key) else { continue };
        if list.len() < 2 {
            continue;
        }
        list.sort_by(|x, y| x.0.total_cmp(&y.0).then(x.1.cmp(&y.1)));
        let r = cards[key.0];
        let side_len = if key.1.horizontal() { r.h } else { r.w };
        let n = list.len() as f32;
        let spacing = PORT_SPACING.min((side_len - 20.0).max(0.0) / (n - 1.0));
        for (k, &(_, i, end)) in list.iter().enumerate() {
            let offset = (k as f32 - (n - 1.0) / 2.0) * spacing;
            match end {
                End::Source => offsets[i].0 = Some(offset),
                End::Target => offsets[i].1 = Some(offset),
            }
        }
    }
    for (i, (oa, ob)) in offsets.into_iter().enumerate() {
        let (Some((sa, sb)), Some((a, b))) = (sides[i], ends[i]) else {
            continue;
        };
        if oa.is_none() && ob.is_none() {
            continue;
        }
        let old = &routes[i].points;
        let n = old.len();
        if n < 2 {
            continue;
        }
        let centre = |r: Rect, side: Dir| if side.horizontal() { r.centre().1 } else { r.centre().0 };
        let along = |q: Point, side: Dir| if side.horizontal() { q.1 } else { q.0 };
        let da = oa.map_or(0.0, |o| centre(cards[a], sa) + o - along(old[0], sa));
        let db = ob.map_or(0.0, |o| centre(cards[b], sb) + o - along(old[n - 1], sb));
        let shift = |q: &mut Point, side: Dir, d: f32| {
            if side.horizontal() {
                q.1 += d;
            } else {
                q.0 += d;
            }
        };
        let mut new = old.clone();
        if n == 2 {
            if (da - db).abs() <= EPS {
                shift(&mut new[0], sa, da);
                shift(&mut new[1], sb, db);
            } else {
                // A straight run whose ends moved apart: a jog halfway.
                let (p, q) = (new[0], new[1]);
                let m = Point((p.0 + q.0) / 2.0, (p.1 + q.1) / 2.0);
                let (mut p1, mut q1) = (p, q);
                shift(&mut p1, sa, da);
                shift(&mut q1, sb, db);
                let (mut m1, mut m2) = (m, m);
                shift(&mut m1, sa, da);
                shift(&mut m2, sb, db);
                new = vec![p1, m1, m2, q1];
            }
        } else {
            shift(&mut new[0], sa, da);
            shift(&mut new[1], sa, da);
            shift(&mut new[n - 1], sb, db);
            shift(&mut new[n - 2], sb, db);
        }
        simplify(&mut new);
        if well_formed(&new, sa, sb) && obstacles.clear(&new, (a, b), (cards[a], cards[b])) {
            routes[i].points = new;
        }
    }
}

/// Moves apart middle runs of different edges that lie on the same line and overlap, onto
/// parallel tracks [`TRACK_SPACING`] apart, where the moved run and its neighbours still clear
/// every card.
fn separate_tracks(
    routes: &mut [Route],
    sides: &[Option<(Dir, Dir)>],
    ends: &[Option<(usize, usize)>],
    cards: &[Rect],
    obstacles: &Obstacles,
) {
    for horizontal in [true, false] {
        // (line coordinate, start, end along it, route, index of the run's first point)
        let mut runs: Vec<(f32, f32, f32, usize, usize)> = Vec::new();
        for (i, r) in routes.iter().enumerate() {
            if sides[i].is_none() {
                continue;
            }
            let p = &r.points;
            for k in 1..p.len().saturating_sub(2) {
                let (a, b) = (p[k], p[k + 1]);
                let flat = (a.1 - b.1).abs() <= EPS;
                let upright = (a.0 - b.0).abs() <= EPS;
                if horizontal && flat {
                    runs.push((a.1, a.0.min(b.0), a.0.max(b.0), i, k));
                } else if !horizontal && upright {
                    runs.push((a.0, a.1.min(b.1), a.1.max(b.1), i, k));
                }
            }
        }
        runs.sort_by(|x, y| x.0.total_cmp(&y.0).then(x.1.total_cmp(&y.1)));
        let mut start = 0;
        while start < runs.len() {
            let mut end = start + 1;
            while end < runs.len() && (runs[end].0 - runs[start].0).abs() <= 1.0 {
                end += 1;
            }
            // Runs on one line, by start: clusters of runs that overlap.
            let line = &runs[start..end];
            let mut c0 = 0;
            while c0 < line.len() {
                let mut reach = line[c0].2;
                let mut c1 = c0 + 1;
                while c1 < line.len() && line[c1].1 < reach - EPS {
                    reach = reach.max(line[c1].2);
                    c1 += 1;
                }
                let mut cluster: Vec<(f32, f32, f32, usize, usize)> = line[c0..c1].to_vec();
                cluster.dedup_by_key(|r| r.3);
                if cluster.len() >= 2 {
                    // Order by where each route comes from across the line, so they do not cross.
                    cluster.sort_by(|x, y| {
                        let from = |r: &(f32, f32, f32, usize, usize)| {
                            let p = routes[r.3].points[0];
                            if horizontal { p.1 } else { p.0 }
                        };
                        from(x).total_cmp(&from(y)).then(x.3.cmp(&y.3))
                    });
                    let n = cluster.len() as f32;
                    for (k, &(_, _, _, i, at)) in cluster.iter().enumerate() {
                        let d = (k as f32 - (n - 1.0) / 2.0) * TRACK_SPACING;
                        let (Some((a, b)), Some((sa, sb))) = (ends[i], sides[i]) else {
                            continue;
                        };
                        let mut new = routes[i].points.clone();
                        for q in &mut new[at..=at + 1] {
                            if horizontal {
                                q.1 += d;
                            } else {
                                q.0 += d;
                            }
                        }
                        if well_formed(&new, sa, sb)
                            && obstacles.clear(&new[at - 1..=at + 2], (a, b), (cards[a], cards[b]))
                        {
                            routes[i].points = new;
                        }
                    }
                }
                c0 = c1;
            }
            start = end;
        }
    }
}

/// What a clean routing never has: a right-angle route that passes through a card other than
/// its own ends' (or a straight stand-in for one the router gave up on). Empty when every
/// right-angle edge found its way; used by the tests of the router, the layout and the importers.
pub fn faults(board: &Board, routes: &Routes) -> Vec<String> {
    let index = board.node_index();
    let cards: Vec<Rect> = board.nodes.iter().map(node_rect).collect();
    let mut faults = Vec::new();
    for (i, (e, r)) in board.edges.iter().zip(&routes.edges).enumerate() {
        if r.style != EdgeStyle::RightAngle || r.points.len() < 2 {
            continue;
        }
        let (Some(&a), Some(&b)) = (index.get(e.from.as_str()), index.get(e.to.as_str())) else {
            continue;
        };
        if r.points.windows(2).any(|w| Dir::between(w[0], w[1]).is_none()) {
            faults.push(format!("edge {i} ({} -> {}) is not right-angled", e.from, e.to));
            continue;
        }
        for (k, card) in cards.iter().enumerate() {
            let own = k == a || k == b;
            // An edge may reach into its own ends' footprints up to what is drawn there.
            let card = if own {
                icon_or_card(board, k, *card).expand(GAP - 0.5)
            } else {
                *card
            };
            if r.points.windows(2).any(|w| crosses(w[0], w[1], card)) {
                faults.push(format!(
                    "edge {i} ({} -> {}) crosses {}",
                    e.from, e.to, board.nodes[k].id
                ));
            }
        }
    }
    faults
}

/// The icon of node `k` in the icon style (notes excepted), else its card.
fn icon_or_card(board: &Board, k: usize, card: Rect) -> Rect {
    if board.nodes.get(k).is_some_and(|n| board.draws_icon(n)) {
        icon_rect(card)
    } else {
        card
    }
}

#[cfg(test)]
mod tests;
