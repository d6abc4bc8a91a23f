//! Reading an Excalidraw scene: boxes with their text, bound arrows, frames.

use std::collections::{BTreeMap, HashMap, HashSet};

use serde_json::Value;

use super::Imported;
use crate::catalog::{Catalog, GENERIC};
use crate::interop::Problem;
use crate::io::{MAX_GROUP_DEPTH, MAX_GROUPS, MAX_LABEL_CHARS, MAX_NODES};
use crate::mermaid::{group_kind_for_title, kind_from_name, recognise_service, sanitise_id, unique};
use crate::model::{Board, Edge, EdgeMode, Group, Node, Point, Rect};

/// One element of the scene, with what the reader needs of it.
#[derive(Debug)]
struct Element<'a> {
    id: &'a str,
    kind: &'a str,
    rect: Rect,
    text: &'a str,
    container: Option<&'a str>,
    frame: Option<&'a str>,
    start: Option<&'a str>,
    end: Option<&'a str>,
    dashed: bool,
    /// Arrowheads: (start, end), to read an arrow drawn backwards.
    heads: (bool, bool),
    archboard: Option<&'a serde_json::Map<String, Value>>,
    name: &'a str,
}

/// Reads a scene (`.excalidraw` or Excalidraw's clipboard JSON) into a board.
pub(crate) fn import(text: &str, catalog: &Catalog) -> Result<Imported, Problem> {
    let scene: Value =
        serde_json::from_str(text).map_err(|e| Problem::new(e.line(), e.column(), format!("not valid JSON: {e}")))?;
    let Some(list) = scene.get("elements").and_then(Value::as_array) else {
        return Err(Problem::whole("not an Excalidraw scene: no \"elements\" list"));
    };
    if list.len() > MAX_NODES {
        return Err(Problem::whole(format!(
            "the scene has {} elements; archboard opens boards of up to {MAX_NODES} nodes",
            list.len()
        )));
    }
    let mut warnings = Vec::new();
    let elements: Vec<Element<'_>> = list
        .iter()
        .filter(|e| e.get("isDeleted").and_then(Value::as_bool) != Some(true))
        .filter_map(element)
        .collect();
    let by_id: HashMap<&str, usize> = elements.iter().enumerate().map(|(i, e)| (e.id, i)).collect();
    let is_box = |e: &Element<'_>| matches!(e.kind, "rectangle" | "ellipse" | "diamond");
    let is_frame = |e: &Element<'_>| matches!(e.kind, "frame" | "magicframe");
    let is_arrow = |e: &Element<'_>| matches!(e.kind, "arrow" | "line");

    // Labels: bound text first, then loose text lying on a box that has none.
    let mut labels: HashMap<usize, String> = HashMap::new();
    let mut loose: Vec<usize> = Vec::new();
    for (i, e) in elements.iter().enumerate() {
        if e.kind != "text" {
            continue;
        }
        match e.container.and_then(|c| by_id.get(c)) {
            Some(&c) => {
                labels.entry(c).or_insert_with(|| e.text.to_owned());
            }
            None => loose.push(i),
        }
    }
    let boxes: Vec<usize> = (0..elements.len()).filter(|&i| is_box(&elements[i])).collect();
    let mut notes: Vec<usize> = Vec::new();
    let mut text_on: HashMap<usize, usize> = HashMap::new();
    for t in loose {
        let centre = elements[t].rect.centre();
        let holder = boxes
            .iter()
            .copied()
            .filter(|&b| !labels.contains_key(&b) && elements[b].rect.contains(centre))
            .min_by(|&a, &b| area(elements[a].rect).total_cmp(&area(elements[b].rect)));
        match holder {
            Some(b) => {
                labels.insert(b, elements[t].text.to_owned());
                text_on.insert(t, b);
            }
            None if !elements[t].text.trim().is_empty() => notes.push(t),
            None => {}
        }
    }

    // Arrows: both ends bound to boxes (a binding to a box's own text counts as the box).
    let to_box = |id: Option<&str>| -> Option<usize> {
        let i = *by_id.get(id?)?;
        if is_box(&elements[i]) {
            return Some(i);
        }
        if let Some(&b) = text_on.get(&i) {
            return Some(b);
        }
        let c = *by_id.get(elements[i].container?)?;
        is_box(&elements[c]).then_some(c)
    };
    let mut attached: HashSet<usize> = HashSet::new();
    let mut arrows: Vec<(usize, usize, usize)> = Vec::new();
    for (i, e) in elements.iter().enumerate().filter(|(_, e)| is_arrow(e)) {
        let (Some(a), Some(b)) = (to_box(e.start), to_box(e.end)) else {
            if e.kind == "arrow" {
                warnings.push(Problem::whole(format!(
                    "arrow `{}` is not bound to a box at both ends; skipped",
                    e.id
                )));
            }
            continue;
        };
        if a == b {
            warnings.push(Problem::whole(format!(
                "arrow `{}` from a box to itself is skipped",
                e.id
            )));
            continue;
        }
        let (from, to) = if e.heads == (true, false) { (b, a) } else { (a, b) };
        attached.extend([from, to]);
        arrows.push((i, from, to));
    }

    // Frames become groups; archboard's own scenes say each frame's kind and parent.
    let frames: Vec<usize> = (0..elements.len()).filter(|&i| is_frame(&elements[i])).collect();
    if frames.len() > MAX_GROUPS {
        return Err(Problem::whole(format!(
            "the scene has {} frames; archboard opens boards of up to {MAX_GROUPS} groups",
            frames.len()
        )));
    }
    let mut taken: HashSet<String> = HashSet::new();
    let mut ids: HashMap<usize, String> = HashMap::new();
    for &i in frames.iter().chain(&boxes).chain(&notes) {
        ids.insert(i, unique(&sanitise_id(elements[i].id), &mut taken));
    }
    let ours = |e: &Element<'_>| e.archboard.is_some();
    let frame_index: HashMap<&str, usize> = frames.iter().map(|&f| (elements[f].id, f)).collect();
    let mut board = Board::new(String::new());
    let mut parent_of: HashMap<usize, Option<usize>> = HashMap::new();
    for &f in &frames {
        let e = &elements[f];
        let stated = e
            .archboard
            .and_then(|a| a.get("parent"))
            .and_then(Value::as_str)
            .and_then(|p| frame_index.get(p).copied())
            .filter(|&p| p != f);
        let parent = if ours(e) {
            stated
        } else {
            frames
                .iter()
                .copied()
                .filter(|&o| o != f && area(elements[o].rect) > area(e.rect) && elements[o].rect.contains_rect(e.rect))
                .min_by(|&a, &b| area(elements[a].rect).total_cmp(&area(elements[b].rect)))
        };
        parent_of.insert(f, parent);
    }
    // Parents that loop or nest too deep are dropped (the group moves to the top level).
    for &f in &frames {
        let mut seen = vec![f];
        let mut at = parent_of.get(&f).copied().flatten();
        while let Some(p) = at {
            if seen.contains(&p) || seen.len() > MAX_GROUP_DEPTH {
                warnings.push(Problem::whole(format!(
                    "frame `{}` is nested in a loop or too deep; placed at the top level",
                    elements[f].id
                )));
                parent_of.insert(f, None);
                break;
            }
            seen.push(p);
            at = parent_of.get(&p).copied().flatten();
        }
    }
    for &f in &frames {
        let e = &elements[f];
        let label = cut(e.name, e.id, &mut warnings);
        let kind = e
            .archboard
            .and_then(|a| a.get("kind"))
            .and_then(Value::as_str)
            .and_then(kind_from_name)
            .unwrap_or_else(|| group_kind_for_title(&label));
        board.groups.push(Group {
            id: ids[&f].clone(),
            kind,
            label,
            parent: parent_of.get(&f).copied().flatten().map(|p| ids[&p].clone()),
            rect: e.rect,
        });
    }
    let frame_for = |e: &Element<'_>| -> Option<String> {
        if let Some(&f) = e.frame.and_then(|f| frame_index.get(f)) {
            return Some(ids[&f].clone());
        }
        if ours(e) {
            return None;
        }
        let c = e.rect.centre();
        frames
            .iter()
            .copied()
            .filter(|&f| elements[f].rect.contains(c))
            .min_by(|&a, &b| area(elements[a].rect).total_cmp(&area(elements[b].rect)))
            .map(|f| ids[&f].clone())
    };

    let mut skipped = 0;
    for &b in &boxes {
        let e = &elements[b];
        let label = labels
            .get(&b)
            .map(|l| cut(&one_line(l), e.id, &mut warnings))
            .unwrap_or_default();
        let stated = e
            .archboard
            .and_then(|a| a.get("service"))
            .and_then(Value::as_str)
            .filter(|s| catalog.get(s).is_some());
        if stated.is_none() && label.is_empty() && !attached.contains(&b) {
            skipped += 1;
            continue;
        }
        let service = stated.map(str::to_owned).unwrap_or_else(|| {
            recognise_service(&label, catalog).unwrap_or_else(|| {
                if attached.contains(&b) {
                    GENERIC.to_owned()
                } else {
                    "note".to_owned()
                }
            })
        });
        let mut node = Node::new(ids[&b].clone(), service, label, e.rect.centre());
        node.group = frame_for(e);
        node.props = props_of(e);
        board.nodes.push(node);
    }
    if skipped > 0 {
        warnings.push(Problem::whole(format!(
            "{skipped} empty box{} that no arrow touches skipped",
            if skipped == 1 { "" } else { "es" }
        )));
    }
    for &t in &notes {
        let e = &elements[t];
        let label = cut(&one_line(e.text), e.id, &mut warnings);
        let mut node = Node::new(ids[&t].clone(), "note", label, e.rect.centre());
        node.group = frame_for(e);
        board.nodes.push(node);
    }
    for (i, from, to) in arrows {
        let e = &elements[i];
        let label = labels
            .get(&i)
            .map(|l| cut(&one_line(l), e.id, &mut warnings))
            .unwrap_or_default();
        board.edges.push(Edge {
            from: ids[&from].clone(),
            to: ids[&to].clone(),
            label,
            mode: if e.dashed { EdgeMode::Async } else { EdgeMode::Sync },
            props: props_of(e),
            style: None,
        });
    }
    Ok(Imported { board, warnings })
}

/// The fields the reader uses from one element; `None` for an element without an id or type.
fn element(v: &Value) -> Option<Element<'_>> {
    let s = |k: &str| v.get(k).and_then(Value::as_str);
    let n = |k: &str| {
        v.get(k)
            .and_then(Value::as_f64)
            .filter(|x| x.is_finite() && x.abs() < 1.0e7)
            .unwrap_or(0.0) as f32
    };
    let binding = |k: &str| v.get(k).and_then(|b| b.get("elementId")).and_then(Value::as_str);
    let (x, y, w, h) = (n("x"), n("y"), n("width"), n("height"));
    // Negative sizes occur for lines drawn leftwards; boxes are normalised by Excalidraw.
    let rect = Rect::from_min_max(Point(x, y), Point(x + w, y + h));
    Some(Element {
        id: s("id").filter(|id| !id.is_empty())?,
        kind: s("type")?,
        rect,
        text: s("originalText").or_else(|| s("text")).unwrap_or(""),
        container: s("containerId"),
        frame: s("frameId"),
        start: binding("startBinding"),
        end: binding("endBinding"),
        dashed: matches!(s("strokeStyle"), Some("dashed" | "dotted")),
        heads: (
            v.get("startArrowhead").is_some_and(|h| !h.is_null()),
            v.get("endArrowhead").is_some_and(|h| !h.is_null()),
        ),
        archboard: v
            .get("customData")
            .and_then(|c| c.get("archboard"))
            .and_then(Value::as_object),
        name: s("name").unwrap_or(""),
    })
}

/// The props archboard's own export wrote on an element (strings only).
fn props_of(e: &Element<'_>) -> BTreeMap<String, String> {
    e.archboard
        .and_then(|a| a.get("props"))
        .and_then(Value::as_object)
        .map(|m| {
            m.iter()
                .filter_map(|(k, v)| v.as_str().map(|v| (k.clone(), v.to_owned())))
                .collect()
        })
        .unwrap_or_default()
}

/// A rectangle's area, for "the smallest that holds it".
fn area(r: Rect) -> f32 {
    r.w * r.h
}

/// Text tidied as a label (single spaces, line breaks kept).
fn one_line(text: &str) -> String {
    crate::interop::tidy_label(text)
}

/// The label cut to [`MAX_LABEL_CHARS`], with a warning when it was longer.
fn cut(text: &str, id: &str, warnings: &mut Vec<Problem>) -> String {
    if text.chars().count() <= MAX_LABEL_CHARS {
        return text.to_owned();
    }
    warnings.push(Problem::whole(format!(
        "the text of `{id}` is cut to {MAX_LABEL_CHARS} characters"
    )));
    text.chars().take(MAX_LABEL_CHARS).collect()
}
