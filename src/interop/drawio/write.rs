//! Writing a board as an uncompressed draw.io file in draw.io's own aws4 style.
//!
//! Every style string is built from the keys draw.io's AWS sidebar (`Sidebar-AWS4.js` in
//! jgraph/drawio) writes for the same shape, so the file opens as if drawn there.

use std::collections::HashMap;
use std::fmt::Write as _;

use super::table::Table;
use crate::catalog::{Catalog, Category};
use crate::model::{Board, EdgeStyle, GroupKind, NODE_SIZE, NOTE_SIZE, NodeStyle, Rect, fresh_id_among};
use crate::text::xml_escape;

/// The side of an exported icon in draw.io units (the sidebar's size for small icons).
const ICON: f32 = 48.0;
/// draw.io units per world unit. Cards are wider than icons, so the diagram is drawn smaller
/// than the board to keep icons and their labels as far apart as the cards were; import scales
/// archboard's own files back by the same factor.
pub(crate) const SCALE: f32 = 0.6;

/// The sidebar's resource icon style before its fill and icon (`n2` in Sidebar-AWS4.js).
const RESOURCE: &str = "sketch=0;points=[[0,0,0],[0.25,0,0],[0.5,0,0],[0.75,0,0],[1,0,0],[0,1,0],[0.25,1,0],[0.5,1,0],[0.75,1,0],[1,1,0],[0,0.25,0],[0,0.5,0],[0,0.75,0],[1,0.25,0],[1,0.5,0],[1,0.75,0]];outlineConnect=0;fontColor=#232F3E;strokeColor=#ffffff;dashed=0;verticalLabelPosition=bottom;verticalAlign=top;align=center;html=1;fontSize=12;fontStyle=0;aspect=fixed;";
/// The sidebar's plain shape style before its fill and shape (`n` in Sidebar-AWS4.js).
const PLAIN: &str = "sketch=0;outlineConnect=0;fontColor=#232F3E;gradientColor=none;strokeColor=none;dashed=0;verticalLabelPosition=bottom;verticalAlign=top;align=center;html=1;fontSize=12;fontStyle=0;aspect=fixed;pointerEvents=1;";
/// The sidebar's group container style before its icon and colours (`n4` in Sidebar-AWS4.js).
const GROUP: &str = "outlineConnect=0;gradientColor=none;html=1;whiteSpace=wrap;fontSize=12;fontStyle=0;container=1;pointerEvents=0;collapsible=0;recursiveResize=0;";
/// The sidebar's arrow (AWS / Arrows, "Default"), solid: a right-angle edge.
const ARROW: &str = "edgeStyle=orthogonalEdgeStyle;html=1;endArrow=block;elbow=vertical;startArrow=none;endFill=1;strokeColor=#545B64;rounded=0;";
/// The same arrow drawn straight.
const STRAIGHT: &str = "edgeStyle=none;html=1;endArrow=block;startArrow=none;endFill=1;strokeColor=#545B64;rounded=0;";
/// The same arrow drawn as a curve (draw.io's "Curved" waypoints).
const CURVED: &str =
    "edgeStyle=orthogonalEdgeStyle;curved=1;html=1;endArrow=block;startArrow=none;endFill=1;strokeColor=#545B64;";
/// A card in the card style, before its icon: a label shape with the image on top, text below.
const CARD: &str = "shape=label;rounded=1;arcSize=10;whiteSpace=wrap;html=1;fillColor=#FFFFFF;strokeColor=#C9CED6;fontColor=#1F2933;fontSize=8;imageAlign=center;imageVerticalAlign=top;verticalAlign=bottom;align=center;spacingBottom=2;spacingTop=0;spacingLeft=0;";
/// A sticky note: the sidebar's filled generic group box, not a container.
const NOTE: &str = "fillColor=#EFF0F3;strokeColor=none;dashed=0;verticalAlign=top;fontStyle=0;fontColor=#232F3D;whiteSpace=wrap;html=1;";

/// The board as a draw.io file (one uncompressed page).
pub(crate) fn export(board: &Board, catalog: &Catalog) -> String {
    let table = Table::builtin();
    let mut taken = board.ids();
    let root = fresh_id_among("0", |id| taken.contains(id));
    taken.insert(root.clone());
    let layer = fresh_id_among("1", |id| taken.contains(id));
    taken.insert(layer.clone());
    let mut out = String::new();
    out.push_str("<mxfile host=\"archboard\" type=\"device\">\n");
    writeln!(
        out,
        "  <diagram id=\"archboard\" name=\"{}\">",
        xml_escape(if board.title.is_empty() { "Page-1" } else { &board.title })
    )
    .ok();
    out.push_str("    <mxGraphModel grid=\"1\" gridSize=\"10\" guides=\"1\" tooltips=\"1\" connect=\"1\" arrows=\"1\" fold=\"1\" page=\"0\" pageScale=\"1\" math=\"0\" shadow=\"0\">\n      <root>\n");
    writeln!(out, "        <mxCell id=\"{}\" />", xml_escape(&root)).ok();
    writeln!(
        out,
        "        <mxCell id=\"{}\" parent=\"{}\" />",
        xml_escape(&layer),
        xml_escape(&root)
    )
    .ok();

    let groups: HashMap<&str, &crate::model::Group> = board.groups.iter().map(|g| (g.id.as_str(), g)).collect();
    // Only parents that exist: a dangling parent would make draw.io drop the cell.
    let origin_of = |parent: Option<&str>| -> (String, f32, f32) {
        match parent.and_then(|p| groups.get(p)) {
            Some(g) => (g.id.clone(), g.rect.x * SCALE, g.rect.y * SCALE),
            None => (layer.clone(), 0.0, 0.0),
        }
    };
    for g in parents_first(board).into_iter().map(|g| &board.groups[g]) {
        let (parent, ox, oy) = origin_of(g.parent.as_deref());
        let r = scaled(g.rect);
        write_cell(
            &mut out,
            &g.id,
            &g.label,
            &[("archboard_kind", crate::mermaid::kind_name(g.kind))],
            &group_style(g.kind),
            &parent,
            Rect {
                x: r.x - ox,
                y: r.y - oy,
                ..r
            },
        );
    }
    for n in &board.nodes {
        let (parent, ox, oy) = origin_of(n.group.as_deref());
        let note = n.service == "note";
        let cards = board.node_style == NodeStyle::Card;
        let (w, h) = if note {
            (NOTE_SIZE.0 * SCALE, NOTE_SIZE.1 * SCALE)
        } else if cards {
            (NODE_SIZE.0 * SCALE, NODE_SIZE.1 * SCALE)
        } else {
            (ICON, ICON)
        };
        let rect = Rect {
            x: n.at.0 * SCALE - w / 2.0 - ox,
            y: n.at.1 * SCALE - h / 2.0 - oy,
            w,
            h,
        };
        let style = if note {
            NOTE.to_owned()
        } else if cards {
            card_style(&n.service)
        } else {
            node_style(&n.service, table, catalog)
        };
        let props = props_json(&n.props);
        let mut data = vec![("archboard_service", n.service.as_str())];
        if !n.props.is_empty() {
            data.push(("archboard_props", props.as_str()));
        }
        write_cell(&mut out, &n.id, &n.label, &data, &style, &parent, rect);
    }
    let routes = crate::layout::route::route(board);
    let index = board.node_index();
    for (i, e) in board.edges.iter().enumerate() {
        let id = fresh_id_among(&format!("edge{}", i + 1), |id| taken.contains(id));
        let route = routes.get(i);
        let (mut style, waypoints) = match route.map(|r| r.style) {
            Some(EdgeStyle::RightAngle) => {
                let mut style = ARROW.to_owned();
                let ends = (index.get(e.from.as_str()), index.get(e.to.as_str()));
                if let (Some(route), (Some(&a), Some(&b))) = (route, ends) {
                    let p = &route.points;
                    // Leave and enter where the route does, then follow its bends.
                    let (sx, sy) = attach(&board.nodes[a], p[0]);
                    let (tx, ty) = attach(&board.nodes[b], p[p.len() - 1]);
                    write!(
                        style,
                        "exitX={sx:.3};exitY={sy:.3};exitDx=0;exitDy=0;entryX={tx:.3};entryY={ty:.3};entryDx=0;entryDy=0;"
                    )
                    .ok();
                }
                (style, route.map_or(&[][..], |r| &r.points[1..r.points.len() - 1]))
            }
            Some(EdgeStyle::Curved) => (CURVED.to_owned(), &[][..]),
            Some(EdgeStyle::Straight) => (STRAIGHT.to_owned(), &[][..]),
            None => (ARROW.to_owned(), &[][..]),
        };
        if e.mode == crate::model::EdgeMode::Async {
            style.push_str("dashed=1;");
        }
        write!(
            out,
            "        <object id=\"{}\" label=\"{}\"",
            xml_escape(&id),
            xml_escape(&html_text(&e.label))
        )
        .ok();
        if !e.props.is_empty() {
            write!(out, " archboard_props=\"{}\"", xml_escape(&props_json(&e.props))).ok();
        }
        let geometry = if waypoints.is_empty() {
            "<mxGeometry relative=\"1\" as=\"geometry\" />".to_owned()
        } else {
            let mut points = String::new();
            for p in waypoints {
                write!(points, "<mxPoint x=\"{:.1}\" y=\"{:.1}\" />", p.0 * SCALE, p.1 * SCALE).ok();
            }
            format!("<mxGeometry relative=\"1\" as=\"geometry\"><Array as=\"points\">{points}</Array></mxGeometry>")
        };
        writeln!(
            out,
            ">\n          <mxCell style=\"{}\" edge=\"1\" parent=\"{}\" source=\"{}\" target=\"{}\">\n            {geometry}\n          </mxCell>\n        </object>",
            xml_escape(&style),
            xml_escape(&layer),
            xml_escape(&e.from),
            xml_escape(&e.to),
        )
        .ok();
        taken.insert(id);
    }
    out.push_str("      </root>\n    </mxGraphModel>\n  </diagram>\n</mxfile>\n");
    out
}

/// Where a route's end `p` (on the border of `node`'s card) meets the node's shape in draw.io,
/// as draw.io's relative `exitX`/`exitY` (0 to 1 across the shape): the same side, and along
/// it as far from the middle as on the card, within the smaller icon.
fn attach(node: &crate::model::Node, p: crate::model::Point) -> (f32, f32) {
    let card = crate::model::node_rect(node);
    let c = card.centre();
    let (dx, dy) = ((p.0 - c.0) / (card.w / 2.0), (p.1 - c.1) / (card.h / 2.0));
    // On the side the point is furthest out on; along it, the offset in world units, scaled.
    let size = if node.service == "note" {
        NOTE_SIZE.1 * SCALE
    } else {
        ICON
    };
    let along = |off: f32| (0.5 + off * SCALE / size).clamp(0.1, 0.9);
    if dx.abs() >= dy.abs() {
        (if dx > 0.0 { 1.0 } else { 0.0 }, along(p.1 - c.1))
    } else {
        (along(p.0 - c.0), if dy > 0.0 { 1.0 } else { 0.0 })
    }
}

/// Group indices in board order, each after its parent (draw.io reads a parent before its
/// children); a parent cycle, which a loaded board cannot have, is broken where it closes.
fn parents_first(board: &Board) -> Vec<usize> {
    let index = board.group_index();
    let mut done = vec![false; board.groups.len()];
    let mut order = Vec::with_capacity(board.groups.len());
    for start in 0..board.groups.len() {
        let mut chain = Vec::new();
        let mut at = Some(start);
        while let Some(g) = at {
            if done[g] || chain.contains(&g) {
                break;
            }
            chain.push(g);
            at = board.groups[g].parent.as_deref().and_then(|p| index.get(p).copied());
        }
        for &g in chain.iter().rev() {
            done[g] = true;
            order.push(g);
        }
    }
    order
}

/// Props as the JSON object archboard writes in `archboard_props`.
fn props_json(props: &std::collections::BTreeMap<String, String>) -> String {
    serde_json::to_string(props).unwrap_or_default()
}

/// A rectangle in draw.io units.
fn scaled(r: Rect) -> Rect {
    Rect {
        x: r.x * SCALE,
        y: r.y * SCALE,
        w: r.w * SCALE,
        h: r.h * SCALE,
    }
}

/// One vertex wrapped in `<object>` so it carries archboard's data beside draw.io's label.
fn write_cell(out: &mut String, id: &str, label: &str, data: &[(&str, &str)], style: &str, parent: &str, r: Rect) {
    write!(
        out,
        "        <object id=\"{}\" label=\"{}\"",
        xml_escape(id),
        xml_escape(&html_text(label))
    )
    .ok();
    for (k, v) in data {
        write!(out, " {k}=\"{}\"", xml_escape(v)).ok();
    }
    writeln!(
        out,
        ">\n          <mxCell style=\"{}\" vertex=\"1\" parent=\"{}\">\n            <mxGeometry x=\"{}\" y=\"{}\" width=\"{}\" height=\"{}\" as=\"geometry\" />\n          </mxCell>\n        </object>",
        xml_escape(style),
        xml_escape(parent),
        number(r.x),
        number(r.y),
        number(r.w),
        number(r.h),
    )
    .ok();
}

/// A coordinate as draw.io writes them: at most two decimals, finite.
fn number(v: f32) -> String {
    let v = if v.is_finite() { v } else { 0.0 };
    let s = format!("{v:.2}");
    let s = s.trim_end_matches('0').trim_end_matches('.');
    if s == "-0" { "0".to_owned() } else { s.to_owned() }
}

/// A label as draw.io's HTML labels hold it: markup characters escaped, line breaks as `<br>`.
fn html_text(label: &str) -> String {
    let mut out = String::with_capacity(label.len());
    for ch in label.chars() {
        match ch {
            '&' => out.push_str("&amp;"),
            '<' => out.push_str("&lt;"),
            '>' => out.push_str("&gt;"),
            '\n' => out.push_str("<br>"),
            '\r' => {}
            c => out.push(c),
        }
    }
    out
}

/// The sidebar's style for a service: its resource icon in its category's colour, or its plain
/// aws4 shape; the generic application box for ids the table does not know.
fn node_style(service: &str, table: &Table, catalog: &Catalog) -> String {
    let category = catalog.get(service).map_or(Category::Generic, |s| s.category);
    let fill = table.fill(category);
    let entry = table.entry(service);
    if let Some(icon) = entry.and_then(|e| e.icon()) {
        return format!("{RESOURCE}fillColor={fill};shape=mxgraph.aws4.resourceIcon;resIcon=mxgraph.aws4.{icon};");
    }
    let shape = entry.and_then(|e| e.shape()).unwrap_or("generic_application");
    format!("{PLAIN}fillColor={fill};shape=mxgraph.aws4.{shape};")
}

/// A card, as the board draws nodes in the card style: a white rounded box with the service's
/// icon (our artwork, inline) at the top and the label at the bottom.
fn card_style(service: &str) -> String {
    use base64::Engine as _;
    let find = |id: &str| crate::embedded::ICONS.iter().find(|(stem, _)| *stem == id);
    let icon = find(service)
        .or_else(|| find(crate::catalog::GENERIC))
        .map_or("", |(_, svg)| *svg);
    // draw.io takes an inline image as `data:image/svg+xml,` and base64 without the
    // `;base64` marker, which would end the style's key.
    let data = base64::engine::general_purpose::STANDARD.encode(icon);
    let side = 44.0 * SCALE;
    format!("{CARD}image=data:image/svg+xml,{data};imageWidth={side:.0};imageHeight={side:.0};")
}

/// The sidebar's group box for a kind (AWS / Groups), in the kind's colour and dash.
fn group_style(kind: GroupKind) -> String {
    let stroke = format!("#{:06X}", kind.colour());
    let dashed = u8::from(kind.dashed());
    // The sidebar's icon for the kind, its tint and its label colour where they differ from
    // the border's; zones, cells and generic groups are plain boxes there.
    let (icon, fill, font) = match kind {
        GroupKind::Region => ("group_region", "none", "#147EBA"),
        GroupKind::Vpc => ("group_vpc2", "none", "#AAB7B8"),
        GroupKind::PublicSubnet => ("group_security_group", "#F2F6E8", "#248814"),
        GroupKind::PrivateSubnet => ("group_security_group", "#E6F6F7", "#147EBA"),
        GroupKind::Account => ("group_account", "none", stroke.as_str()),
        GroupKind::AwsCloud => ("group_aws_cloud_alt", "none", stroke.as_str()),
        GroupKind::SecurityGroup => ("group_security_group", "none", stroke.as_str()),
        GroupKind::AutoScalingGroup => ("group_auto_scaling_group", "none", stroke.as_str()),
        GroupKind::AvailabilityZone | GroupKind::Cell | GroupKind::Generic => {
            return format!(
                "{GROUP}fillColor=none;strokeColor={stroke};dashed={dashed};verticalAlign=top;fontColor={stroke};"
            );
        }
    };
    // A subnet's tint is its border: the icon sits in the tinted box without an outline.
    let outline = if fill == "none" { "" } else { "grStroke=0;" };
    format!(
        "{GROUP}shape=mxgraph.aws4.group;grIcon=mxgraph.aws4.{icon};{outline}strokeColor={stroke};fillColor={fill};fontColor={font};dashed={dashed};verticalAlign=top;align=left;spacingLeft=30;"
    )
}
