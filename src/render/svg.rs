//! SVG export, written from the same geometry as the painter: real `<text>` for every label,
//! vector shapes and arrowheads, the icons embedded as nested SVG.

use std::fmt::Write;

use egui::Color32;

use super::icons::icon_svg;
use super::paint::{edge_ends, edge_label_pos};
use super::theme::category_colour;
use super::{Theme, export::MARGIN};
use crate::catalog::Catalog;
use crate::model::{Board, EdgeMode, Rect, node_rect};

fn hex(c: Color32) -> String {
    format!("#{:02x}{:02x}{:02x}", c.r(), c.g(), c.b())
}

/// Escapes text for XML content and attributes.
fn esc(s: &str) -> String {
    let mut out = String::with_capacity(s.len());
    for ch in s.chars() {
        match ch {
            '&' => out.push_str("&amp;"),
            '<' => out.push_str("&lt;"),
            '>' => out.push_str("&gt;"),
            '"' => out.push_str("&quot;"),
            '\'' => out.push_str("&apos;"),
            c if (c as u32) < 0x20 && c != '\n' && c != '\t' => out.push(' '),
            c => out.push(c),
        }
    }
    out
}

/// Splits `text` into lines of at most `width` characters at spaces, keeping each line's
/// trailing space so the lines join back into the original words.
fn wrap(text: &str, width: usize) -> Vec<String> {
    let mut lines = vec![String::new()];
    for word in text.split_inclusive(' ') {
        let last = lines.last_mut().expect("never empty");
        if !last.is_empty() && last.chars().count() + word.trim_end().chars().count() > width {
            lines.push(word.to_owned());
        } else {
            last.push_str(word);
        }
    }
    lines
}

/// Writes `<text>` with one `<tspan>` per line, centred on `x` or starting at it.
fn text(out: &mut String, x: f32, y: f32, lines: &[String], size: f32, fill: &str, anchor: &str) {
    write!(
        out,
        r#"<text x="{x:.1}" y="{y:.1}" font-size="{size}" fill="{fill}" text-anchor="{anchor}">"#
    )
    .ok();
    for (i, line) in lines.iter().enumerate() {
        let dy = if i == 0 { 0.0 } else { size * 1.25 };
        write!(out, r#"<tspan x="{x:.1}" dy="{dy:.1}">{}</tspan>"#, esc(line)).ok();
    }
    out.push_str("</text>\n");
}

/// The board as a standalone SVG document.
pub fn svg(board: &Board, catalog: &Catalog, theme: Theme) -> String {
    let pal = theme.palette();
    let area = board
        .bounds()
        .unwrap_or(Rect {
            x: 0.0,
            y: 0.0,
            w: 320.0,
            h: 200.0,
        })
        .expand(MARGIN);
    let area = if area.is_finite() {
        area
    } else {
        Rect {
            x: 0.0,
            y: 0.0,
            w: 320.0,
            h: 200.0,
        }
    };
    let mut out = String::new();
    writeln!(
        out,
        r#"<svg xmlns="http://www.w3.org/2000/svg" viewBox="{:.1} {:.1} {:.1} {:.1}" width="{:.0}" height="{:.0}" font-family="Ubuntu, 'Segoe UI', Helvetica, Arial, sans-serif">"#,
        area.x, area.y, area.w, area.h, area.w, area.h
    )
    .ok();
    writeln!(out, "<title>{}</title>", esc(&board.title)).ok();
    writeln!(
        out,
        r#"<rect x="{:.1}" y="{:.1}" width="{:.1}" height="{:.1}" fill="{}"/>"#,
        area.x,
        area.y,
        area.w,
        area.h,
        hex(pal.background)
    )
    .ok();

    let mut groups: Vec<(usize, &crate::model::Group)> = board.group_depths().into_iter().zip(&board.groups).collect();
    groups.sort_by_key(|(d, _)| *d);
    out.push_str("<g id=\"groups\">\n");
    for (_, g) in groups {
        let (border, fill, dashed) = theme.group_style(g.kind);
        let r = g.rect;
        let dash = if dashed { r#" stroke-dasharray="8 5""# } else { "" };
        writeln!(
            out,
            r#"<rect x="{:.1}" y="{:.1}" width="{:.1}" height="{:.1}" rx="10" fill="{}" fill-opacity="{:.3}" stroke="{}" stroke-width="1.5"{dash}/>"#,
            r.x, r.y, r.w, r.h, hex(Color32::from_rgb(fill.r(), fill.g(), fill.b())), fill.a() as f32 / 255.0, hex(border)
        )
        .ok();
        let label = if g.label.is_empty() {
            g.kind.title()
        } else {
            g.label.as_str()
        };
        text(
            &mut out,
            r.x + 10.0,
            r.y + 22.0,
            &[label.to_owned()],
            13.0,
            &hex(border),
            "start",
        );
    }
    out.push_str("</g>\n<g id=\"edges\">\n");
    let index = board.node_index();
    for e in &board.edges {
        let (Some(&a), Some(&b)) = (index.get(e.from.as_str()), index.get(e.to.as_str())) else {
            continue;
        };
        if a == b {
            continue;
        }
        let (p, q) = edge_ends(node_rect(&board.nodes[a]), node_rect(&board.nodes[b]));
        let (dx, dy) = (q.0 - p.0, q.1 - p.1);
        let len = (dx * dx + dy * dy).sqrt().max(1e-3);
        let (ux, uy) = (dx / len, dy / len);
        let head = 9.0;
        let base = (q.0 - ux * head, q.1 - uy * head);
        let dash = if e.mode == EdgeMode::Async {
            r#" stroke-dasharray="7 5""#
        } else {
            ""
        };
        let colour = hex(pal.edge);
        writeln!(
            out,
            r#"<line x1="{:.1}" y1="{:.1}" x2="{:.1}" y2="{:.1}" stroke="{colour}" stroke-width="1.6"{dash}/>"#,
            p.0, p.1, base.0, base.1
        )
        .ok();
        let (sx, sy) = (-uy * head * 0.5, ux * head * 0.5);
        writeln!(
            out,
            r#"<polygon points="{:.1},{:.1} {:.1},{:.1} {:.1},{:.1}" fill="{colour}"/>"#,
            q.0,
            q.1,
            base.0 + sx,
            base.1 + sy,
            base.0 - sx,
            base.1 - sy
        )
        .ok();
        if !e.label.is_empty() {
            let m = edge_label_pos(p, q);
            let w = e.label.chars().count() as f32 * 6.2 + 8.0;
            writeln!(
                out,
                r#"<rect x="{:.1}" y="{:.1}" width="{w:.1}" height="16" rx="4" fill="{}"/>"#,
                m.0 - w / 2.0,
                m.1 - 9.0,
                hex(pal.background)
            )
            .ok();
            text(
                &mut out,
                m.0,
                m.1 + 4.0,
                std::slice::from_ref(&e.label),
                11.0,
                &hex(pal.muted),
                "middle",
            );
        }
    }
    out.push_str("</g>\n<g id=\"nodes\">\n");
    for n in &board.nodes {
        let r = node_rect(n);
        if n.service == "note" {
            writeln!(
                out,
                r#"<rect x="{:.1}" y="{:.1}" width="{:.1}" height="{:.1}" rx="8" fill="{}"/>"#,
                r.x,
                r.y,
                r.w,
                r.h,
                hex(pal.note)
            )
            .ok();
            text(
                &mut out,
                r.x + 10.0,
                r.y + 24.0,
                &wrap(&n.label, 24),
                13.0,
                &hex(pal.note_text),
                "start",
            );
            continue;
        }
        let service = catalog.get_or_generic(&n.service);
        writeln!(
            out,
            r#"<rect x="{:.1}" y="{:.1}" width="{:.1}" height="{:.1}" rx="8" fill="{}" stroke="{}"/>"#,
            r.x,
            r.y,
            r.w,
            r.h,
            hex(pal.card),
            hex(pal.card_border)
        )
        .ok();
        let icon = icon_svg(&n.service);
        let (ix, iy) = (r.centre().0 - 22.0, r.y + 8.0);
        if icon.is_empty() {
            let c = hex(category_colour(service.category.colour()));
            writeln!(
                out,
                r#"<rect x="{ix:.1}" y="{iy:.1}" width="44" height="44" rx="9" fill="{c}"/>"#
            )
            .ok();
        } else {
            // Nested <svg> keeps the icon's own viewBox; strip any XML declaration first.
            let body = icon.trim_start_matches(|c| c != '<');
            let body = body
                .strip_prefix("<?xml")
                .map_or(body, |rest| rest.split_once("?>").map_or(rest, |(_, b)| b.trim_start()));
            let opened = body.replacen(
                "<svg",
                &format!(r#"<svg x="{ix:.1}" y="{iy:.1}" width="44" height="44""#),
                1,
            );
            let opened = strip_size_attrs(&opened);
            out.push_str(&opened);
            out.push('\n');
        }
        let label = if n.label.is_empty() {
            service.short.clone()
        } else {
            n.label.clone()
        };
        text(
            &mut out,
            r.centre().0,
            iy + 44.0 + 16.0,
            &wrap(&label, 20),
            12.5,
            &hex(pal.text),
            "middle",
        );
    }
    out.push_str("</g>\n</svg>\n");
    out
}

/// Removes the icon's own `width`/`height` (the first ones after ours) so ours take effect.
fn strip_size_attrs(svg: &str) -> String {
    let Some(end) = svg.find('>') else {
        return svg.to_owned();
    };
    let (open, rest) = svg.split_at(end);
    let mut seen_w = false;
    let mut seen_h = false;
    let mut kept = Vec::new();
    for part in open.split(' ') {
        if part.starts_with("width=") {
            if seen_w {
                continue;
            }
            seen_w = true;
        }
        if part.starts_with("height=") {
            if seen_h {
                continue;
            }
            seen_h = true;
        }
        kept.push(part);
    }
    format!("{}{rest}", kept.join(" "))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn wrapped_lines_join_back_into_the_label() {
        let label = "Orders table with a rather long name";
        assert_eq!(wrap(label, 12).concat(), label);
        assert!(wrap(label, 12).len() > 1);
    }

    #[test]
    fn text_is_escaped() {
        assert_eq!(esc("a<b & \"c\""), "a&lt;b &amp; &quot;c&quot;");
    }
}
