//! Points and rectangles in world units (`render` converts them to egui's geometry).

use serde::{Deserialize, Serialize};

use super::Node;

/// A node's footprint in world units (the card behind its icon and label).
pub const NODE_SIZE: (f32, f32) = (140.0, 92.0);
/// A sticky note's footprint in world units.
pub const NOTE_SIZE: (f32, f32) = (180.0, 110.0);

/// A position in world units, written `(x, y)` in files.
#[derive(Clone, Copy, Debug, Default, PartialEq, Serialize, Deserialize)]
pub struct Point(pub f32, pub f32);

/// An axis-aligned rectangle in world units: top-left corner, width and height.
#[derive(Clone, Copy, Debug, Default, PartialEq, Serialize, Deserialize)]
pub struct Rect {
    /// Left edge.
    pub x: f32,
    /// Top edge (y grows downwards, as on screen).
    pub y: f32,
    /// Width, never negative.
    pub w: f32,
    /// Height, never negative.
    pub h: f32,
}

impl Point {
    /// Both coordinates are finite numbers.
    pub fn is_finite(self) -> bool {
        self.0.is_finite() && self.1.is_finite()
    }

    /// This point moved by `(dx, dy)`.
    pub fn offset(self, dx: f32, dy: f32) -> Point {
        Point(self.0 + dx, self.1 + dy)
    }
}

impl Rect {
    /// The rectangle from `min` to `max`.
    pub fn from_min_max(min: Point, max: Point) -> Rect {
        Rect {
            x: min.0.min(max.0),
            y: min.1.min(max.1),
            w: (max.0 - min.0).abs(),
            h: (max.1 - min.1).abs(),
        }
    }

    /// The rectangle of the given size centred on `c`.
    pub fn centred(c: Point, size: (f32, f32)) -> Rect {
        Rect {
            x: c.0 - size.0 / 2.0,
            y: c.1 - size.1 / 2.0,
            w: size.0,
            h: size.1,
        }
    }

    /// The smallest rectangle holding both.
    pub fn union(self, o: Rect) -> Rect {
        let (x0, y0) = (self.x.min(o.x), self.y.min(o.y));
        let (x1, y1) = ((self.x + self.w).max(o.x + o.w), (self.y + self.h).max(o.y + o.h));
        Rect {
            x: x0,
            y: y0,
            w: x1 - x0,
            h: y1 - y0,
        }
    }

    /// The same rectangle grown by `m` on every side.
    pub fn expand(self, m: f32) -> Rect {
        Rect {
            x: self.x - m,
            y: self.y - m,
            w: self.w + 2.0 * m,
            h: self.h + 2.0 * m,
        }
    }

    /// Whether `p` lies inside (borders included).
    pub fn contains(self, p: Point) -> bool {
        p.0 >= self.x && p.0 <= self.x + self.w && p.1 >= self.y && p.1 <= self.y + self.h
    }

    /// Whether `o` lies wholly inside.
    pub fn contains_rect(self, o: Rect) -> bool {
        o.x >= self.x && o.y >= self.y && o.x + o.w <= self.x + self.w && o.y + o.h <= self.y + self.h
    }

    /// Whether the two overlap with a positive area.
    pub fn intersects(self, o: Rect) -> bool {
        self.x < o.x + o.w && o.x < self.x + self.w && self.y < o.y + o.h && o.y < self.y + self.h
    }

    /// The centre point.
    pub fn centre(self) -> Point {
        Point(self.x + self.w / 2.0, self.y + self.h / 2.0)
    }

    /// Every field is a finite number and the size is not negative.
    pub fn is_finite(self) -> bool {
        [self.x, self.y, self.w, self.h].iter().all(|v| v.is_finite()) && self.w >= 0.0 && self.h >= 0.0
    }
}

/// The side of a node's icon in the icon style, in world units: as large as the footprint
/// allows with two lines of label below it.
pub const ICON_SIDE: f32 = 54.0;

/// Where the icon style draws the icon of a node whose footprint is `card`: centred across the
/// top, the label below it. The renderer draws it there and the router ends arrows at it.
pub fn icon_rect(card: Rect) -> Rect {
    Rect {
        x: card.x + card.w / 2.0 - ICON_SIDE / 2.0,
        y: card.y + 4.0,
        w: ICON_SIDE,
        h: ICON_SIDE,
    }
}

/// The rectangle a node occupies on the board, in world units.
pub fn node_rect(node: &Node) -> Rect {
    let size = if node.service == "note" { NOTE_SIZE } else { NODE_SIZE };
    Rect::centred(node.at, size)
}
