//! SVG export: the board's display list, the same one the screen draws, written as vector
//! shapes with real `<text>` for every label. Each icon is defined once and reused.

use std::collections::BTreeMap;
use std::fmt::Write;

use egui::Color32;

use super::display::{
    Anchor, BACKDROP_PAD, BACKDROP_RADIUS, BADGE_RADIUS, DisplayList, ICON_RADIUS, LINE_HEIGHT, Pen, Shape, Text,
    badge_glyph,
};
use super::icons::{icon_stem, icon_svg};
use super::label::text_width;
use crate::model::{Point, Rect};
use crate::text::xml_escape;

fn hex(c: Color32) -> String {
    let [r, g, b, _] = c.to_srgba_unmultiplied();
    format!("#{r:02x}{g:02x}{b:02x}")
}

/// `name="#rrggbb"`, with `name-opacity` when the colour is see-through, or `name="none"` for
/// a fully transparent one (some renderers ignore a zero opacity and draw black boxes).
fn paint_attr(name: &str, c: Color32) -> String {
    let a = c.a();
    if a == 0 {
        format!(r#"{name}="none""#)
    } else if a == 255 {
        format!(r#"{name}="{}""#, hex(c))
    } else {
        format!(r#"{name}="{}" {name}-opacity="{:.3}""#, hex(c), f32::from(a) / 255.0)
    }
}

/// The page an SVG draws on.
pub(crate) struct Page<'a> {
    /// The world area shown.
    pub area: Rect,
    pub title: &'a str,
    /// The page's colour, or `None` for a transparent page.
    pub background: Option<Color32>,
}

/// The display list as a standalone SVG document (at zoom 1, as the PNG export draws it).
pub(crate) fn svg(list: &DisplayList<'_>, page: &Page<'_>) -> String {
    let area = page.area;
    let mut out = String::new();
    writeln!(
        out,
        r#"<svg xmlns="http://www.w3.org/2000/svg" xmlns:xlink="http://www.w3.org/1999/xlink" viewBox="{:.1} {:.1} {:.1} {:.1}" width="{:.0}" height="{:.0}" font-family="Ubuntu, 'Segoe UI', Helvetica, Arial, sans-serif">"#,
        area.x, area.y, area.w, area.h, area.w, area.h
    )
    .ok();
    writeln!(out, "<title>{}</title>", xml_escape(page.title)).ok();
    icon_defs(&mut out, list);
    if let Some(bg) = page.background {
        writeln!(
            out,
            r#"<rect x="{:.1}" y="{:.1}" width="{:.1}" height="{:.1}" {}/>"#,
            area.x,
            area.y,
            area.w,
            area.h,
            paint_attr("fill", bg)
        )
        .ok();
    }
    for shape in &list.shapes {
        write_shape(&mut out, shape);
    }
    out.push_str("</svg>\n");
    out
}

/// One `<symbol>` per icon the list uses, so a board of fifty Lambdas holds the artwork once.
fn icon_defs(out: &mut String, list: &DisplayList<'_>) {
    let used: BTreeMap<&str, std::sync::Arc<str>> = list
        .shapes
        .iter()
        .filter_map(|s| match s {
            Shape::Icon { service, .. } => icon_stem(service).map(|stem| (stem, icon_svg(stem))),
            _ => None,
        })
        .collect();
    if used.is_empty() {
        return;
    }
    out.push_str("<defs>\n");
    for (stem, source) in used {
        if let Some((view_box, inner)) = svg_body(&source) {
            writeln!(
                out,
                r#"<symbol id="icon-{}" viewBox="{}">{}</symbol>"#,
                xml_escape(stem),
                xml_escape(&view_box),
                inner.trim()
            )
            .ok();
        }
    }
    out.push_str("</defs>\n");
}

/// The `viewBox` of an SVG document (made from its size if it has none) and what its root
/// element holds.
fn svg_body(source: &str) -> Option<(String, &str)> {
    let start = source.find("<svg")?;
    let open_end = start + source[start..].find('>')?;
    let open = &source[start..open_end];
    let inner = &source[open_end + 1..source.rfind("</svg>")?];
    let attr = |name: &str| {
        let at = open.find(&format!(" {name}=\""))? + name.len() + 3;
        open[at..].split('"').next()
    };
    let view_box = match attr("viewBox") {
        Some(v) => v.to_owned(),
        None => format!("0 0 {} {}", attr("width")?, attr("height")?),
    };
    Some((view_box, inner))
}

/// The icon a service's card uses, if there is artwork for it.
fn icon_use(out: &mut String, service: &str, r: Rect, fallback: Color32) {
    let defined = icon_stem(service).filter(|stem| svg_body(&icon_svg(stem)).is_some());
    match defined {
        Some(stem) => writeln!(
            out,
            r##"<use class="icon" xlink:href="#icon-{}" x="{:.1}" y="{:.1}" width="{:.1}" height="{:.1}"/>"##,
            xml_escape(stem),
            r.x,
            r.y,
            r.w,
            r.h
        ),
        None => writeln!(
            out,
            r#"<rect class="icon" x="{:.1}" y="{:.1}" width="{:.1}" height="{:.1}" rx="{:.1}" {}/>"#,
            r.x,
            r.y,
            r.w,
            r.h,
            ICON_RADIUS.at(1.0),
            paint_attr("fill", fallback)
        ),
    }
    .ok();
}

fn write_shape(out: &mut String, shape: &Shape<'_>) {
    match shape {
        Shape::Rect {
            rect,
            radius,
            fill,
            outline,
        } => {
            let mut r = *rect;
            let mut stroke = String::new();
            if let Some(pen) = outline {
                let width = pen.width.at(1.0);
                stroke = format!(r#" {} stroke-width="{width:.1}""#, paint_attr("stroke", pen.colour));
                match pen.dash {
                    Some((dash, gap)) => {
                        write!(stroke, r#" stroke-dasharray="{} {}""#, dash.at(1.0), gap.at(1.0)).ok();
                    }
                    // Solid outlines lie inside the edge, as on screen.
                    None => r = r.expand(-width / 2.0),
                }
            }
            writeln!(
                out,
                r#"<rect x="{:.1}" y="{:.1}" width="{:.1}" height="{:.1}" rx="{:.1}" {}{stroke}/>"#,
                r.x,
                r.y,
                r.w,
                r.h,
                radius.at(1.0),
                paint_attr("fill", *fill)
            )
            .ok();
        }
        Shape::Tile { rect, fill, outline } => {
            let stroke = outline.map_or(String::new(), |pen| {
                format!(
                    r#" {} stroke-width="{:.1}""#,
                    paint_attr("stroke", pen.colour),
                    pen.width.at(1.0)
                )
            });
            writeln!(
                out,
                r#"<rect x="{:.1}" y="{:.1}" width="{:.1}" height="{:.1}" {}{stroke}/>"#,
                rect.x,
                rect.y,
                rect.w,
                rect.h,
                paint_attr("fill", *fill)
            )
            .ok();
        }
        Shape::Line { from, to, pen, arrow } => {
            let (p, q) = (*from, *to);
            let (base, head) = arrow_base(p, q, arrow.map_or(0.0, |a| a.at(1.0)));
            writeln!(
                out,
                r#"<line x1="{:.1}" y1="{:.1}" x2="{:.1}" y2="{:.1}" {} stroke-width="{:.1}"{}/>"#,
                p.0,
                p.1,
                base.0,
                base.1,
                paint_attr("stroke", pen.colour),
                pen.width.at(1.0),
                dash_attr(pen)
            )
            .ok();
            arrowhead(out, q, base, head, pen.colour);
        }
        Shape::Path { points, pen, arrow } => {
            let (Some(&q), Some(&p)) = (points.last(), points.get(points.len().wrapping_sub(2))) else {
                return;
            };
            let (base, head) = arrow_base(p, q, arrow.map_or(0.0, |a| a.at(1.0)));
            let mut at = String::new();
            for c in points[..points.len() - 1].iter().chain([&base]) {
                write!(at, "{:.1},{:.1} ", c.0, c.1).ok();
            }
            writeln!(
                out,
                r#"<polyline points="{}" fill="none" {} stroke-width="{:.1}" stroke-linejoin="round"{}/>"#,
                at.trim_end(),
                paint_attr("stroke", pen.colour),
                pen.width.at(1.0),
                dash_attr(pen)
            )
            .ok();
            arrowhead(out, q, base, head, pen.colour);
        }
        Shape::Circle { centre, radius, pen } => {
            writeln!(
                out,
                r#"<circle cx="{:.1}" cy="{:.1}" r="{:.1}" fill="none" {} stroke-width="{:.1}"/>"#,
                centre.0,
                centre.1,
                radius.at(1.0),
                paint_attr("stroke", pen.colour),
                pen.width.at(1.0)
            )
            .ok();
        }
        Shape::Text(t) => text(out, t),
        Shape::Icon {
            service,
            rect,
            fallback,
        } => icon_use(out, service, *rect, *fallback),
        Shape::Badge {
            severity,
            corner,
            colour,
            ring,
        } => {
            let rad = BADGE_RADIUS.at(1.0);
            let (x, y) = (corner.0 - rad * 0.4, corner.1 + rad * 0.4);
            writeln!(
                out,
                r#"<circle class="badge" cx="{x:.1}" cy="{y:.1}" r="{rad:.1}" {} {} stroke-width="1.5"/>"#,
                paint_attr("fill", *colour),
                paint_attr("stroke", *ring)
            )
            .ok();
            let size = rad * 1.4;
            writeln!(
                out,
                r##"<text x="{x:.1}" y="{:.1}" font-size="{size:.1}" fill="#ffffff" text-anchor="middle">{}</text>"##,
                y + size * 0.35,
                badge_glyph(*severity)
            )
            .ok();
        }
    }
}

/// Writes a text block as `<text>` with one `<tspan>` per line: the lines the display list
/// fitted, the same the screen and the PNG show.
fn text(out: &mut String, t: &Text<'_>) {
    if t.text.is_empty() {
        return;
    }
    let size = t.size;
    let lines: Vec<&str> = t.text.split('\n').collect();
    let line_height = size * LINE_HEIGHT;
    let x = t.at.0;
    let anchor = match t.anchor {
        Anchor::LeftTop => "start",
        Anchor::CentreTop | Anchor::Centre => "middle",
    };
    // The first baseline: a line's ascent below the top, or centred on the point.
    let block = line_height * (lines.len() as f32 - 1.0);
    let y = match t.anchor {
        Anchor::LeftTop | Anchor::CentreTop => t.at.1 + size * 1.05,
        Anchor::Centre => t.at.1 + size * 0.35 - block / 2.0,
    };
    if let Some(fill) = t.backdrop {
        let widest = lines.iter().map(|l| text_width(l, size)).fold(0.0, f32::max);
        let pad = BACKDROP_PAD.at(1.0);
        let (w, h) = (widest + 2.0 * pad, block + size * 1.3 + 2.0 * pad);
        let top = match t.anchor {
            Anchor::Centre => t.at.1 - h / 2.0,
            Anchor::LeftTop | Anchor::CentreTop => t.at.1 - pad,
        };
        let left = match t.anchor {
            Anchor::LeftTop => t.at.0 - pad,
            Anchor::CentreTop | Anchor::Centre => t.at.0 - w / 2.0,
        };
        writeln!(
            out,
            r#"<rect x="{left:.1}" y="{top:.1}" width="{w:.1}" height="{h:.1}" rx="{BACKDROP_RADIUS}" {}/>"#,
            paint_attr("fill", fill)
        )
        .ok();
    }
    write!(
        out,
        r#"<text x="{x:.1}" y="{y:.1}" font-size="{size}" {} text-anchor="{anchor}">"#,
        paint_attr("fill", t.colour)
    )
    .ok();
    for (i, line) in lines.iter().enumerate() {
        let dy = if i == 0 { 0.0 } else { line_height };
        write!(out, r#"<tspan x="{x:.1}" dy="{dy:.1}">{}</tspan>"#, xml_escape(line)).ok();
    }
    out.push_str("</text>\n");
}

/// Where a line from `p` to `q` stops for an arrowhead `head` long at `q`, and the head's
/// length (never longer than the last run).
fn arrow_base(p: Point, q: Point, head: f32) -> (Point, f32) {
    let (dx, dy) = (q.0 - p.0, q.1 - p.1);
    let len = (dx * dx + dy * dy).sqrt().max(1e-3);
    let head = head.min(len);
    (Point(q.0 - dx / len * head, q.1 - dy / len * head), head)
}

/// The `stroke-dasharray` attribute of a dashed pen (nothing for a solid one).
fn dash_attr(pen: &Pen) -> String {
    pen.dash.map_or(String::new(), |(dash, gap)| {
        format!(r#" stroke-dasharray="{} {}""#, dash.at(1.0), gap.at(1.0))
    })
}

/// A filled arrowhead with its tip at `tip` and its base centred on `base`, as wide as long.
fn arrowhead(out: &mut String, tip: Point, base: Point, head: f32, colour: Color32) {
    if head <= 0.0 {
        return;
    }
    let (ux, uy) = ((tip.0 - base.0) / head, (tip.1 - base.1) / head);
    let (sx, sy) = (-uy * head * 0.5, ux * head * 0.5);
    writeln!(
        out,
        r#"<polygon points="{:.1},{:.1} {:.1},{:.1} {:.1},{:.1}" {}/>"#,
        tip.0,
        tip.1,
        base.0 + sx,
        base.1 + sy,
        base.0 - sx,
        base.1 - sy,
        paint_attr("fill", colour)
    )
    .ok();
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_transparent_fill_is_none_never_a_black_with_no_opacity() {
        assert_eq!(paint_attr("fill", Color32::TRANSPARENT), r#"fill="none""#);
        let mut board = crate::model::Board::new("a region");
        board.groups.push(crate::model::Group {
            id: "r".into(),
            kind: crate::model::GroupKind::Region,
            label: "eu-west-1".into(),
            rect: Rect {
                x: 0.0,
                y: 0.0,
                w: 400.0,
                h: 300.0,
            },
            parent: None,
        });
        let list = super::super::display_list(
            &board,
            crate::catalog::Catalog::builtin(),
            super::super::Theme::Light,
            &super::super::Marks::default(),
            super::super::Scope::ALL,
        );
        let page = Page {
            area: Rect {
                x: -10.0,
                y: -10.0,
                w: 420.0,
                h: 320.0,
            },
            title: "a region",
            background: None,
        };
        let text = svg(&list, &page);
        assert!(text.contains(r#"rx="0.0" fill="none""#), "{text}");
        assert!(!text.contains(r#"fill-opacity="0.000""#));
    }
}
