//! A spatial index: rectangles bucketed on a square grid, so what lies near a point or inside a
//! band is found without a pass over the whole board (hit-testing and rubber bands on boards of
//! 100,000 nodes).

use crate::hash::FastMap;

use super::{Point, Rect};

/// Rectangles by id (their order of insertion), bucketed by the grid cells they cover.
#[derive(Clone, Debug, Default)]
pub struct SpatialIndex {
    /// Side of a cell, in world units.
    cell: f32,
    rects: Vec<Rect>,
    cells: FastMap<(i32, i32), Vec<u32>>,
    /// Rectangles too large to bucket (more cells than [`MAX_CELLS`]), checked on every query.
    large: Vec<u32>,
}

/// The most cells one rectangle is bucketed in; a larger one goes on the list checked always.
const MAX_CELLS: i64 = 256;

impl SpatialIndex {
    /// An empty index with cells `cell` world units wide: about the size of what it holds, so
    /// an item covers a few cells and a cell holds a few items.
    pub fn new(cell: f32) -> SpatialIndex {
        SpatialIndex {
            cell: if cell.is_finite() && cell > 0.0 { cell } else { 256.0 },
            ..SpatialIndex::default()
        }
    }

    /// Adds `r` under the next id (0, 1, 2, ...); a rectangle that is not finite is kept but
    /// never found.
    pub fn add(&mut self, r: Rect) -> u32 {
        let id = self.rects.len() as u32;
        self.rects.push(r);
        if !r.is_finite() {
            return id;
        }
        let (x0, x1, y0, y1) = self.cells_of(r);
        if (i64::from(x1) - i64::from(x0) + 1) * (i64::from(y1) - i64::from(y0) + 1) > MAX_CELLS {
            self.large.push(id);
            return id;
        }
        for x in x0..=x1 {
            for y in y0..=y1 {
                self.cells.entry((x, y)).or_default().push(id);
            }
        }
        id
    }

    /// The ids of the rectangles that touch `area`, ascending, each once.
    pub fn touching(&self, area: Rect) -> Vec<u32> {
        let mut found = Vec::new();
        if !area.is_finite() {
            return found;
        }
        let (x0, x1, y0, y1) = self.cells_of(area);
        let cells = (i64::from(x1) - i64::from(x0) + 1) * (i64::from(y1) - i64::from(y0) + 1);
        if cells > self.cells.len() as i64 {
            // A band over most of the board: one pass over everything is cheaper.
            found.extend((0..self.rects.len() as u32).filter(|&id| touches(self.rects[id as usize], area)));
            return found;
        }
        for x in x0..=x1 {
            for y in y0..=y1 {
                if let Some(ids) = self.cells.get(&(x, y)) {
                    found.extend(ids.iter().copied().filter(|&id| touches(self.rects[id as usize], area)));
                }
            }
        }
        found.extend(
            self.large
                .iter()
                .copied()
                .filter(|&id| touches(self.rects[id as usize], area)),
        );
        found.sort_unstable();
        found.dedup();
        found
    }

    /// The ids of the rectangles within `reach` of `p`, ascending.
    pub fn near(&self, p: Point, reach: f32) -> Vec<u32> {
        self.touching(Rect {
            x: p.0 - reach,
            y: p.1 - reach,
            w: 2.0 * reach,
            h: 2.0 * reach,
        })
    }

    fn cells_of(&self, r: Rect) -> (i32, i32, i32, i32) {
        let c = |v: f32| (v / self.cell).floor().clamp(-1e9, 1e9) as i32;
        (c(r.x), c(r.x + r.w), c(r.y), c(r.y + r.h))
    }
}

/// Whether two rectangles overlap or share a border.
fn touches(a: Rect, b: Rect) -> bool {
    a.x <= b.x + b.w && b.x <= a.x + a.w && a.y <= b.y + b.h && b.y <= a.y + a.h
}

#[cfg(test)]
mod tests {
    use super::*;

    fn r(x: f32, y: f32, w: f32, h: f32) -> Rect {
        Rect { x, y, w, h }
    }

    #[test]
    fn finds_what_a_pass_over_everything_finds() {
        let mut index = SpatialIndex::new(100.0);
        let mut all = Vec::new();
        for i in 0..400u32 {
            let f = i as f32;
            let rect = r(
                (f * 37.0) % 2000.0 - 500.0,
                (f * 53.0) % 1500.0 - 300.0,
                20.0 + f % 90.0,
                15.0 + f % 60.0,
            );
            assert_eq!(index.add(rect), i);
            all.push(rect);
        }
        index.add(r(-5000.0, -5000.0, 20000.0, 20000.0));
        all.push(r(-5000.0, -5000.0, 20000.0, 20000.0));
        index.add(r(f32::NAN, 0.0, 1.0, 1.0));
        for area in [
            r(0.0, 0.0, 10.0, 10.0),
            r(-600.0, -400.0, 300.0, 2000.0),
            r(-1e6, -1e6, 2e6, 2e6),
        ] {
            let want: Vec<u32> = (0..all.len() as u32)
                .filter(|&i| touches(all[i as usize], area))
                .collect();
            assert_eq!(index.touching(area), want, "{area:?}");
        }
        assert_eq!(index.near(Point(9000.0, 9000.0), 1.0), vec![400]);
        assert!(index.touching(r(f32::INFINITY, 0.0, 1.0, 1.0)).is_empty());
    }
}
