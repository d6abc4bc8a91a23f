//! Conversions between the board's world geometry and egui's, kept here so that `model` stays
//! free of egui (it is plain data that the command line and the tests use without a window).

use crate::model::{Point, Rect};

impl From<Point> for egui::Pos2 {
    fn from(p: Point) -> Self {
        egui::pos2(p.0, p.1)
    }
}

impl From<egui::Pos2> for Point {
    fn from(p: egui::Pos2) -> Self {
        Point(p.x, p.y)
    }
}

impl From<Rect> for egui::Rect {
    fn from(r: Rect) -> Self {
        egui::Rect::from_min_size(egui::pos2(r.x, r.y), egui::vec2(r.w, r.h))
    }
}

impl From<egui::Rect> for Rect {
    fn from(r: egui::Rect) -> Self {
        Rect {
            x: r.min.x,
            y: r.min.y,
            w: r.width(),
            h: r.height(),
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_rectangle_survives_the_round_trip_through_egui() {
        let r = Rect {
            x: -3.5,
            y: 2.0,
            w: 140.0,
            h: 92.0,
        };
        let e = egui::Rect::from(r);
        assert_eq!(e.min, egui::pos2(-3.5, 2.0));
        assert_eq!(e.max, egui::pos2(136.5, 94.0));
        assert_eq!(Rect::from(e), r);
        assert_eq!(Point::from(egui::Pos2::from(Point(1.0, -2.0))), Point(1.0, -2.0));
    }
}
