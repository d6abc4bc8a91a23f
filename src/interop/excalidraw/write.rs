//! Writing a board as an Excalidraw scene whose arrows are bound to their boxes.
//!
//! Excalidraw moves an arrow with its boxes only when the binding is written on both sides: the
//! arrow's `startBinding`/`endBinding` name the box, and the box lists the arrow in its
//! `boundElements`. Labels are text elements bound the same way (`containerId` on the text, the
//! text in the container's `boundElements`). The binding carries both shapes Excalidraw has
//! used (`focus`/`gap` of the 0.18 release, `fixedPoint`/`mode` of the current one) so either
//! reads it.

use std::collections::{HashMap, HashSet};
use std::hash::Hasher as _;

use serde_json::{Value, json};

use crate::catalog::{Catalog, Category};
use crate::model::{Board, EdgeMode, EdgeStyle, Point, Rect, fresh_id_among, node_rect};

/// Text size of labels, in Excalidraw's units (world units here).
const FONT_SIZE: f32 = 16.0;
/// Line height Excalidraw uses for its text, as a factor of the font size.
const LINE_HEIGHT: f32 = 1.25;
/// Space between an arrow's end and its box, in world units.
const GAP: f32 = 6.0;

/// The board as an Excalidraw scene (JSON text).
pub(crate) fn export(board: &Board, catalog: &Catalog) -> String {
    let mut taken = board.ids();
    let mut fresh = |stem: &str| {
        let id = fresh_id_among(stem, |id| taken.contains(id));
        taken.insert(id.clone());
        id
    };
    let index = board.node_index();
    let groups: HashSet<&str> = board.groups.iter().map(|g| g.id.as_str()).collect();

    // Ids first, so every box can list its arrows and label.
    let label_ids: Vec<Option<String>> = board
        .nodes
        .iter()
        .map(|n| (!n.label.is_empty()).then(|| fresh(&format!("{}-label", n.id))))
        .collect();
    let arrows: Vec<Option<(String, usize, usize)>> = board
        .edges
        .iter()
        .enumerate()
        .map(|(i, e)| {
            let (&a, &b) = (index.get(e.from.as_str())?, index.get(e.to.as_str())?);
            Some((fresh(&format!("edge{}", i + 1)), a, b))
        })
        .collect();
    let edge_label_ids: Vec<Option<String>> = board
        .edges
        .iter()
        .zip(&arrows)
        .map(|(e, a)| {
            a.as_ref()
                .filter(|_| !e.label.is_empty())
                .map(|(id, ..)| fresh(&format!("{id}-label")))
        })
        .collect();
    let mut bound: HashMap<usize, Vec<Value>> = HashMap::new();
    for (id, a, b) in arrows.iter().flatten() {
        for end in [a, b] {
            bound.entry(*end).or_default().push(json!({"type": "arrow", "id": id}));
        }
    }

    let mut elements: Vec<Value> = Vec::new();
    for g in &board.groups {
        let mut frame = base(&g.id, "frame", g.rect);
        frame["name"] = json!(g.label);
        // AWS's colour and dash for the kind, as the screen draws it.
        frame["strokeColor"] = json!(format!("#{:06x}", g.kind.colour()));
        if g.kind.dashed() {
            frame["strokeStyle"] = json!("dashed");
        }
        frame["backgroundColor"] = json!("transparent");
        frame["roundness"] = Value::Null;
        frame["customData"] = json!({"archboard": {
            "kind": crate::mermaid::kind_name(g.kind),
            "parent": g.parent.as_deref().filter(|p| groups.contains(p)),
        }});
        elements.push(frame);
    }
    for (i, n) in board.nodes.iter().enumerate() {
        let rect = node_rect(n);
        let category = catalog.get(&n.service).map_or(Category::Generic, |s| s.category);
        let mut shape = base(&n.id, "rectangle", rect);
        shape["strokeColor"] = json!(format!("#{:06x}", category.colour()));
        shape["backgroundColor"] = json!(if n.service == "note" { "#fff9db" } else { "#ffffff" });
        shape["frameId"] = frame_of(n.group.as_deref(), &groups);
        shape["customData"] = if n.props.is_empty() {
            json!({"archboard": {"service": n.service}})
        } else {
            json!({"archboard": {"service": n.service, "props": n.props}})
        };
        let mut list: Vec<Value> = Vec::new();
        if let Some(t) = &label_ids[i] {
            list.push(json!({"type": "text", "id": t}));
        }
        list.extend(bound.remove(&i).unwrap_or_default());
        shape["boundElements"] = Value::Array(list);
        elements.push(shape);
        if let Some(t) = &label_ids[i] {
            let mut text = text_element(t, &n.label, rect.centre(), rect.w - 10.0, &n.id);
            text["frameId"] = frame_of(n.group.as_deref(), &groups);
            elements.push(text);
        }
    }
    let routes = crate::layout::route::route(board);
    for (k, (e, arrow)) in board.edges.iter().zip(&arrows).enumerate() {
        let Some((id, a, b)) = arrow else { continue };
        let (ra, rb) = (node_rect(&board.nodes[*a]), node_rect(&board.nodes[*b]));
        // A straight edge as Excalidraw draws one; a right-angle route or a curve through the
        // route's points (sharp corners, or smoothed for a curve).
        let route = routes.get(k).filter(|r| r.style != EdgeStyle::Straight);
        let path: Vec<Point> = match route {
            Some(r) => r.points.clone(),
            None => vec![border_towards(ra, rb.centre()), border_towards(rb, ra.centre())],
        };
        let (start, end) = (path[0], path[path.len() - 1]);
        let rect = path.iter().fold(Rect::from_min_max(start, start), |r, &p| {
            r.union(Rect::from_min_max(p, p))
        });
        let mut arrow = base(id, "arrow", rect);
        arrow["x"] = json!(round(start.0));
        arrow["y"] = json!(round(start.1));
        let points: Vec<[f64; 2]> = path
            .iter()
            .map(|p| [round(p.0 - start.0), round(p.1 - start.1)])
            .collect();
        arrow["points"] = json!(points);
        arrow["roundness"] = match route.map(|r| r.style) {
            Some(EdgeStyle::RightAngle) => Value::Null,
            _ => json!({"type": 2}),
        };
        arrow["strokeColor"] = json!("#545b64");
        arrow["backgroundColor"] = json!("transparent");
        if e.mode == EdgeMode::Async {
            arrow["strokeStyle"] = json!("dashed");
        }
        arrow["startBinding"] = binding(&board.nodes[*a].id, ra, start);
        arrow["endBinding"] = binding(&board.nodes[*b].id, rb, end);
        arrow["startArrowhead"] = Value::Null;
        arrow["endArrowhead"] = json!("arrow");
        arrow["lastCommittedPoint"] = Value::Null;
        arrow["elbowed"] = json!(false);
        if !e.props.is_empty() {
            arrow["customData"] = json!({"archboard": {"props": e.props}});
        }
        if let Some(t) = &edge_label_ids[k] {
            arrow["boundElements"] = json!([{"type": "text", "id": t}]);
        }
        elements.push(arrow);
        if let Some(t) = &edge_label_ids[k] {
            let (p, q) = route.and_then(|r| r.label_run()).unwrap_or((start, end));
            let mid = Point((p.0 + q.0) / 2.0, (p.1 + q.1) / 2.0);
            elements.push(text_element(t, &e.label, mid, 160.0, id));
        }
    }
    let scene = json!({
        "type": "excalidraw",
        "version": 2,
        "source": "archboard",
        "elements": elements,
        "appState": {"gridSize": 20, "viewBackgroundColor": "#ffffff"},
        "files": {},
    });
    serde_json::to_string_pretty(&scene).unwrap_or_default()
}

/// The frame a member belongs to, or null.
fn frame_of(group: Option<&str>, groups: &HashSet<&str>) -> Value {
    group.filter(|g| groups.contains(g)).map_or(Value::Null, |g| json!(g))
}

/// The properties every Excalidraw element has, with a seed made from the id so the same board
/// writes the same file.
fn base(id: &str, kind: &str, r: Rect) -> Value {
    let mut h = crate::hash::Fnv::default();
    h.write(id.as_bytes());
    let seed = (h.finish() % 2_000_000_000) as i64 + 1;
    json!({
        "id": id,
        "type": kind,
        "x": round(r.x),
        "y": round(r.y),
        "width": round(r.w),
        "height": round(r.h),
        "angle": 0,
        "strokeColor": "#1e1e1e",
        "backgroundColor": "transparent",
        "fillStyle": "solid",
        "strokeWidth": 2,
        "strokeStyle": "solid",
        "roughness": 1,
        "opacity": 100,
        "groupIds": [],
        "frameId": null,
        "roundness": {"type": 3},
        "seed": seed,
        "version": 1,
        "versionNonce": seed / 2 + 7,
        "isDeleted": false,
        "boundElements": [],
        "updated": 1,
        "link": null,
        "locked": false,
    })
}

/// A text element bound to `container`, centred on `centre`, wrapped to `width`.
fn text_element(id: &str, text: &str, centre: Point, width: f32, container: &str) -> Value {
    let lines = text.lines().count().max(1);
    let longest = text.lines().map(|l| l.chars().count()).max().unwrap_or(0);
    let w = (longest as f32 * FONT_SIZE * 0.55).clamp(8.0, width.max(8.0));
    let h = lines as f32 * FONT_SIZE * LINE_HEIGHT;
    let mut t = base(
        id,
        "text",
        Rect {
            x: centre.0 - w / 2.0,
            y: centre.1 - h / 2.0,
            w,
            h,
        },
    );
    t["roundness"] = Value::Null;
    t["boundElements"] = Value::Null;
    t["text"] = json!(text);
    t["originalText"] = json!(text);
    t["fontSize"] = json!(FONT_SIZE);
    t["fontFamily"] = json!(5);
    t["textAlign"] = json!("center");
    t["verticalAlign"] = json!("middle");
    t["containerId"] = json!(container);
    t["autoResize"] = json!(true);
    t["lineHeight"] = json!(LINE_HEIGHT);
    t
}

/// A binding to the box `id` at `at` (a point on its border), in both of Excalidraw's shapes.
fn binding(id: &str, r: Rect, at: Point) -> Value {
    let fx = if r.w > 0.0 {
        ((at.0 - r.x) / r.w).clamp(0.0, 1.0)
    } else {
        0.5
    };
    let fy = if r.h > 0.0 {
        ((at.1 - r.y) / r.h).clamp(0.0, 1.0)
    } else {
        0.5
    };
    json!({
        "elementId": id,
        "focus": 0,
        "gap": GAP,
        "fixedPoint": [round(fx), round(fy)],
        "mode": "orbit",
    })
}

/// Where the line from `r`'s centre towards `to` leaves `r`, moved out by the gap.
fn border_towards(r: Rect, to: Point) -> Point {
    let c = r.centre();
    let (dx, dy) = (to.0 - c.0, to.1 - c.1);
    if dx == 0.0 && dy == 0.0 {
        return c;
    }
    let (hw, hh) = (r.w / 2.0 + GAP, r.h / 2.0 + GAP);
    let t = (hw / dx.abs().max(f32::MIN_POSITIVE)).min(hh / dy.abs().max(f32::MIN_POSITIVE));
    Point(c.0 + dx * t, c.1 + dy * t)
}

/// A coordinate with two decimals, finite (JSON has no infinity).
fn round(v: f32) -> f64 {
    if v.is_finite() {
        (f64::from(v) * 100.0).round() / 100.0
    } else {
        0.0
    }
}
