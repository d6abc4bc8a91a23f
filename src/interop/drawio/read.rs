//! Reading a draw.io file: the page (plain or compressed), its cells, and the board they make.

use std::collections::{HashMap, HashSet};
use std::io::Read as _;

use base64::Engine as _;

use super::table::{Known, Table};
use super::{Imported, style};
use crate::catalog::{Catalog, Category, GENERIC};
use crate::interop::Problem;
use crate::io::{MAX_FILE_BYTES, MAX_GROUP_DEPTH, MAX_GROUPS, MAX_LABEL_CHARS, MAX_NODES};
use crate::layout::{self, Direction};
use crate::mermaid::{group_kind_for_title, recognise_service, sanitise_id, unique};
use crate::model::{Board, Edge, EdgeMode, GroupKind, NODE_SIZE, Node, Point, Rect};

/// XML nodes (elements, attributes' text, text) one page may have: far above any real diagram
/// (a 5,000-shape diagram has about 15,000), low enough that a hostile file cannot make the
/// parser hold gigabytes.
const MAX_XML_NODES: u32 = 4_000_000;

/// One `mxCell` as the file has it (ids and attributes owned, so a compressed page's text can go).
#[derive(Debug, Default)]
struct Cell {
    id: String,
    parent: Option<String>,
    value: String,
    style: String,
    vertex: bool,
    edge: bool,
    source: Option<String>,
    target: Option<String>,
    geometry: Option<Rect>,
    /// The catalog id archboard's own export wrote on the cell (`archboard_service`).
    service: Option<String>,
    /// The group kind archboard's own export wrote (`archboard_kind`).
    kind: Option<String>,
    /// The node or edge props archboard's own export wrote (`archboard_props`, JSON).
    props: std::collections::BTreeMap<String, String>,
    line: usize,
    col: usize,
}

/// What a vertex becomes.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
enum Role {
    /// A card on the board.
    Node,
    /// A group box.
    Group,
    /// draw.io's invisible grouping (style `group`): its children belong to its container.
    Transparent,
    /// A label on an edge (a vertex whose parent is an edge).
    EdgeLabel,
}

/// Reads page `page` (1-based; the first when `None`) of a draw.io file into a board.
pub(crate) fn import(text: &str, page: Option<usize>, catalog: &Catalog) -> Result<Imported, Problem> {
    let doc = parse_xml(text, "the file")?;
    let root = doc.root_element();
    let mut warnings = Vec::new();
    let cells = match root.tag_name().name() {
        "mxfile" => {
            let pages: Vec<roxmltree::Node<'_, '_>> = root.children().filter(|n| n.has_tag_name("diagram")).collect();
            let wanted = page.unwrap_or(1);
            let Some(diagram) = wanted.checked_sub(1).and_then(|i| pages.get(i)) else {
                return Err(Problem::whole(format!(
                    "the file has {} page{}; there is no page {wanted}",
                    pages.len(),
                    if pages.len() == 1 { "" } else { "s" }
                )));
            };
            if page.is_none() && pages.len() > 1 {
                let name = diagram.attribute("name").unwrap_or("1");
                warnings.push(Problem::whole(format!(
                    "the file has {} pages; imported the first (\"{name}\"); pick another with --page N",
                    pages.len()
                )));
            }
            if let Some(model) = diagram.children().find(|n| n.has_tag_name("mxGraphModel")) {
                read_cells(&doc, model, true)
            } else {
                let inner = decode_page(diagram.text().unwrap_or_default())?;
                let page_doc = parse_xml(&inner, "the compressed page")?;
                let model = page_doc.root_element();
                if !model.has_tag_name("mxGraphModel") {
                    return Err(Problem::whole(format!(
                        "the compressed page holds <{}>, not a draw.io diagram (<mxGraphModel>)",
                        model.tag_name().name()
                    )));
                }
                read_cells(&page_doc, model, false)
            }
        }
        "mxGraphModel" => read_cells(&doc, root, true),
        other => {
            return Err(Problem::whole(format!(
                "not a draw.io diagram: the XML's root is <{other}>, not <mxfile> or <mxGraphModel>"
            )));
        }
    };
    build(&cells, catalog, warnings)
}

/// Parses XML, refusing DTDs (so no entity expansion) and more than [`MAX_XML_NODES`] nodes.
fn parse_xml<'a>(text: &'a str, what: &str) -> Result<roxmltree::Document<'a>, Problem> {
    let options = roxmltree::ParsingOptions {
        allow_dtd: false,
        nodes_limit: MAX_XML_NODES,
        ..roxmltree::ParsingOptions::default()
    };
    roxmltree::Document::parse_with_options(text, options).map_err(|e| {
        let pos = e.pos();
        let message = match e {
            roxmltree::Error::DtdDetected => {
                format!("{what} declares a DTD (entities); archboard refuses those")
            }
            roxmltree::Error::NodesLimitReached => {
                format!("{what} has more than {MAX_XML_NODES} XML nodes; archboard refuses it")
            }
            other => format!("{what} is not well-formed XML: {other}"),
        };
        if what == "the file" {
            Problem::new(pos.row as usize, pos.col as usize, message)
        } else {
            Problem::whole(message)
        }
    })
}

/// A compressed page's text: base64, then raw deflate (at most [`MAX_FILE_BYTES`] once
/// inflated), then URL-encoding, as draw.io writes it.
fn decode_page(text: &str) -> Result<String, Problem> {
    let packed: String = text.chars().filter(|c| !c.is_whitespace()).collect();
    if packed.is_empty() {
        return Err(Problem::whole("the page is empty"));
    }
    let bytes = base64::engine::general_purpose::STANDARD
        .decode(packed.as_bytes())
        .map_err(|e| Problem::whole(format!("the compressed page is not valid base64: {e}")))?;
    let mut inflated = Vec::new();
    let limit = MAX_FILE_BYTES;
    flate_raw(&bytes)
        .take(limit + 1)
        .read_to_end(&mut inflated)
        .map_err(|e| Problem::whole(format!("the compressed page does not inflate: {e}")))?;
    if inflated.len() as u64 > limit {
        return Err(Problem::whole(format!(
            "the compressed page inflates to more than {limit} bytes; archboard refuses it"
        )));
    }
    let inflated = String::from_utf8(inflated)
        .map_err(|_| Problem::whole("the compressed page is not UTF-8 text once inflated"))?;
    if inflated.trim_start().starts_with('<') {
        return Ok(inflated);
    }
    percent_encoding::percent_decode_str(&inflated)
        .decode_utf8()
        .map(std::borrow::Cow::into_owned)
        .map_err(|_| Problem::whole("the compressed page is not UTF-8 text once URL-decoded"))
}

/// A reader that inflates raw deflate data (no zlib header), as draw.io's pako.deflateRaw wrote.
fn flate_raw(bytes: &[u8]) -> impl std::io::Read + '_ {
    InflateReader {
        state: miniz_oxide::inflate::stream::InflateState::new_boxed(miniz_oxide::DataFormat::Raw),
        input: bytes,
        done: false,
    }
}

/// Streams miniz_oxide's raw inflate, so the caller can stop after a bounded number of bytes.
struct InflateReader<'a> {
    state: Box<miniz_oxide::inflate::stream::InflateState>,
    input: &'a [u8],
    done: bool,
}

impl std::io::Read for InflateReader<'_> {
    fn read(&mut self, buf: &mut [u8]) -> std::io::Result<usize> {
        use miniz_oxide::{MZFlush, MZStatus};
        if self.done || buf.is_empty() {
            return Ok(0);
        }
        loop {
            let result = miniz_oxide::inflate::stream::inflate(&mut self.state, self.input, buf, MZFlush::None);
            self.input = &self.input[result.bytes_consumed..];
            match result.status {
                Ok(MZStatus::StreamEnd) => {
                    self.done = true;
                    return Ok(result.bytes_written);
                }
                Ok(_) if result.bytes_written > 0 => return Ok(result.bytes_written),
                Ok(_) if self.input.is_empty() => {
                    // draw.io's pages end without a final block marker at times: take what came.
                    self.done = true;
                    return Ok(0);
                }
                Ok(_) => {}
                Err(miniz_oxide::MZError::Buf) if self.input.is_empty() => {
                    self.done = true;
                    return Ok(0);
                }
                Err(e) => return Err(std::io::Error::other(format!("{e:?}"))),
            }
        }
    }
}

/// The `mxCell`s under a model, unwrapping `<UserObject>`/`<object>` (which carry the id and
/// the label when a shape has custom data).
fn read_cells(doc: &roxmltree::Document<'_>, model: roxmltree::Node<'_, '_>, positions: bool) -> Vec<Cell> {
    let mut cells = Vec::new();
    let mut cursor = Cursor::default();
    for node in model.descendants().filter(|n| n.has_tag_name("mxCell")) {
        let wrapper = node
            .parent_element()
            .filter(|p| p.has_tag_name("UserObject") || p.has_tag_name("object"));
        let attr = |name: &str| node.attribute(name).or_else(|| wrapper.and_then(|w| w.attribute(name)));
        let id = wrapper
            .and_then(|w| w.attribute("id"))
            .or_else(|| node.attribute("id"))
            .unwrap_or_default();
        let value = wrapper
            .and_then(|w| w.attribute("label"))
            .or_else(|| node.attribute("value"))
            .unwrap_or_default();
        let geometry = node
            .children()
            .find(|g| g.has_tag_name("mxGeometry"))
            .and_then(|g| geometry_of(g));
        let (line, col) = if positions {
            cursor.advance(doc.input_text(), node.range().start)
        } else {
            (0, 0)
        };
        cells.push(Cell {
            id: id.to_owned(),
            parent: attr("parent").map(str::to_owned),
            value: value.chars().take(MAX_LABEL_CHARS * 8).collect(),
            style: attr("style").unwrap_or_default().to_owned(),
            vertex: attr("vertex") == Some("1"),
            edge: attr("edge") == Some("1"),
            source: attr("source").filter(|s| !s.is_empty()).map(str::to_owned),
            target: attr("target").filter(|s| !s.is_empty()).map(str::to_owned),
            geometry,
            service: attr("archboard_service").map(str::to_owned),
            kind: attr("archboard_kind").map(str::to_owned),
            props: attr("archboard_props")
                .and_then(|p| serde_json::from_str(p).ok())
                .unwrap_or_default(),
            line,
            col,
        });
    }
    cells
}

/// Line and column of byte offsets met in increasing order, in time linear in the text (roxmltree's
/// own look-up scans from the start each time, which is quadratic on a 5,000-shape page).
#[derive(Debug)]
struct Cursor {
    offset: usize,
    line: usize,
    col: usize,
}

impl Default for Cursor {
    fn default() -> Self {
        Cursor {
            offset: 0,
            line: 1,
            col: 1,
        }
    }
}

impl Cursor {
    /// The 1-based line and column (in characters) of byte `to`; offsets before the last one
    /// asked for give the last position.
    fn advance(&mut self, text: &str, to: usize) -> (usize, usize) {
        if to > self.offset
            && let Some(segment) = text.get(self.offset..to)
        {
            match segment.rfind('\n') {
                Some(nl) => {
                    self.line += segment.matches('\n').count();
                    self.col = segment[nl + 1..].chars().count() + 1;
                }
                None => self.col += segment.chars().count(),
            }
            self.offset = to;
        }
        (self.line, self.col)
    }
}

/// A geometry's rectangle (relative to its parent); `None` for an edge's relative geometry.
fn geometry_of(g: roxmltree::Node<'_, '_>) -> Option<Rect> {
    if g.attribute("relative") == Some("1") {
        return None;
    }
    let num = |name: &str| {
        g.attribute(name)
            .and_then(|v| v.trim().parse::<f32>().ok())
            .filter(|v| v.is_finite() && v.abs() < 1.0e7)
            .unwrap_or(0.0)
    };
    Some(Rect {
        x: num("x"),
        y: num("y"),
        w: num("width").max(0.0),
        h: num("height").max(0.0),
    })
}

/// Turns the cells into a board: roles, labels, services, absolute positions, groups, edges.
fn build(cells: &[Cell], catalog: &Catalog, mut warnings: Vec<Problem>) -> Result<Imported, Problem> {
    let table = Table::builtin();
    let mut index: HashMap<&str, usize> = HashMap::with_capacity(cells.len());
    for (i, c) in cells.iter().enumerate() {
        if index.contains_key(c.id.as_str()) {
            warnings.push(Problem::new(
                c.line,
                c.col,
                format!("a second cell with id `{}` is skipped", c.id),
            ));
        } else {
            index.insert(&c.id, i);
        }
    }
    let skipped: HashSet<usize> = cells
        .iter()
        .enumerate()
        .filter(|(i, c)| index.get(c.id.as_str()) != Some(i))
        .map(|(i, _)| i)
        .collect();
    let vertex_count = cells.iter().filter(|c| c.vertex).count();
    if vertex_count > MAX_NODES {
        return Err(Problem::whole(format!(
            "the page has {vertex_count} shapes; archboard opens boards of up to {MAX_NODES} nodes"
        )));
    }
    let parent_of: Vec<Option<usize>> = cells
        .iter()
        .map(|c| c.parent.as_deref().and_then(|p| index.get(p).copied()))
        .collect();
    let styles: Vec<style::Style<'_>> = cells.iter().map(|c| style::Style::parse(&c.style)).collect();

    // Absolute positions: a vertex's geometry is relative to its parent vertex.
    let (origin, cyclic) = absolute_origins(cells, &parent_of);
    for &i in &cyclic {
        warnings.push(Problem::new(
            cells[i].line,
            cells[i].col,
            format!(
                "cell `{}` is inside itself through its parents; placed at the top level",
                cells[i].id
            ),
        ));
    }
    let abs: Vec<Option<Rect>> = cells
        .iter()
        .enumerate()
        .map(|(i, c)| {
            c.geometry.map(|g| Rect {
                x: g.x + origin[i].0,
                y: g.y + origin[i].1,
                ..g
            })
        })
        .collect();

    // Roles.
    let has_vertex_child: HashSet<usize> = cells
        .iter()
        .enumerate()
        .filter(|(i, c)| c.vertex && !skipped.contains(i))
        .filter_map(|(i, _)| parent_of[i])
        .collect();
    let named: Vec<Option<Known<'_>>> = styles.iter().map(|s| known_shape(s, table)).collect();
    let mut roles: Vec<Option<Role>> = vec![None; cells.len()];
    for (i, c) in cells.iter().enumerate() {
        if !c.vertex || skipped.contains(&i) {
            continue;
        }
        let s = &styles[i];
        roles[i] = Some(if parent_of[i].is_some_and(|p| cells[p].edge) {
            Role::EdgeLabel
        } else if c.kind.is_some() || s.is_aws_group() {
            Role::Group
        } else if c.service.is_some() || named[i].is_some() || s.is_text() {
            Role::Node
        } else if s.named() == Some("group") {
            Role::Transparent
        } else if s.get("container") == Some("1") || has_vertex_child.contains(&i) || s.is_az() {
            Role::Group
        } else {
            Role::Node
        });
    }
    // A plain box that holds other shapes whole is a group too, drawn without nesting.
    let plain: Vec<usize> = (0..cells.len())
        .filter(|&i| roles[i] == Some(Role::Node) && named[i].is_none() && cells[i].service.is_none())
        .filter(|&i| !styles[i].is_text() && abs[i].is_some_and(|r| r.w > 0.0 && r.h > 0.0))
        .collect();
    // (Text lying on a box is the box's caption, not a member.)
    let shapes: Vec<(usize, Rect)> = (0..cells.len())
        .filter(|&i| matches!(roles[i], Some(Role::Node | Role::Group)) && !styles[i].is_text())
        .filter_map(|i| abs[i].filter(|r| r.w > 0.0 && r.h > 0.0).map(|r| (i, r)))
        .collect();
    if plain.len().saturating_mul(shapes.len()) <= 50_000_000 {
        for &i in &plain {
            let Some(outer) = abs[i] else { continue };
            if shapes
                .iter()
                .any(|&(j, r)| j != i && r.w * r.h < outer.w * outer.h && outer.contains_rect(r))
            {
                roles[i] = Some(Role::Group);
            }
        }
    }

    let group_cells: Vec<usize> = (0..cells.len()).filter(|&i| roles[i] == Some(Role::Group)).collect();
    if group_cells.len() > MAX_GROUPS {
        return Err(Problem::whole(format!(
            "the page has {} containers; archboard opens boards of up to {MAX_GROUPS} groups",
            group_cells.len()
        )));
    }

    // Ids: the cells' own, made board-safe and unique among nodes and groups.
    let mut taken: HashSet<String> = HashSet::new();
    let mut board_id: Vec<String> = vec![String::new(); cells.len()];
    for i in (0..cells.len()).filter(|&i| matches!(roles[i], Some(Role::Node | Role::Group))) {
        board_id[i] = unique(&sanitise_id(&cells[i].id), &mut taken);
    }

    // Labels.
    let mut label: Vec<String> = vec![String::new(); cells.len()];
    for i in (0..cells.len()).filter(|&i| roles[i].is_some() || cells[i].edge) {
        let mut text = label_text(&cells[i].value, styles[i].get("html") == Some("1"));
        // draw.io breaks labels to fit under an icon ("Amazon<br>DynamoDB"): one line reads
        // better in a review; archboard's own cells keep the lines they were written with.
        if cells[i].service.is_none() && cells[i].kind.is_none() {
            text = text.replace('\n', " ");
        }
        label[i] = cut_label(text, &cells[i], &mut warnings);
    }

    // Group parents and node membership: the nearest container that is a group, else the
    // smallest group drawn around it.
    let group_rects: Vec<(usize, Rect)> = group_cells.iter().filter_map(|&g| abs[g].map(|r| (g, r))).collect();
    // Membership by drawing only where it stays cheap (a hostile page could ask for billions
    // of comparisons); containers by parent always count.
    let geometric = cells.len().saturating_mul(group_rects.len()) <= 20_000_000;
    // archboard's own cells say their container by their parent alone.
    let explicit_only = |i: usize| cells[i].service.is_some() || cells[i].kind.is_some();
    let enclosing = |i: usize, inner: Rect, strict: bool| -> Option<usize> {
        let mut at = parent_of[i];
        let mut steps = 0;
        while let Some(p) = at {
            if cyclic.contains(&i) || steps > cells.len() {
                break;
            }
            if roles[p] == Some(Role::Group) {
                return Some(p);
            }
            at = parent_of[p];
            steps += 1;
        }
        if explicit_only(i) {
            return None;
        }
        if !geometric {
            return None;
        }
        let area = inner.w * inner.h;
        // A group drawn around `i` that is inside `i` by its parents would make a cycle.
        let inside_i = |g: usize| {
            let mut at = Some(g);
            let mut steps = 0;
            while let Some(x) = at {
                if x == i {
                    return true;
                }
                if steps > cells.len() {
                    return false;
                }
                at = parent_of[x];
                steps += 1;
            }
            false
        };
        group_rects
            .iter()
            .filter(|&&(g, r)| {
                let around = if strict {
                    r.w * r.h > area && r.contains_rect(inner)
                } else {
                    r.contains(inner.centre())
                };
                around && !inside_i(g)
            })
            .min_by(|a, b| (a.1.w * a.1.h).total_cmp(&(b.1.w * b.1.h)))
            .map(|&(g, _)| g)
    };
    let mut group_parent: HashMap<usize, Option<usize>> = HashMap::new();
    for &g in &group_cells {
        let rect = abs[g].unwrap_or_default();
        group_parent.insert(g, enclosing(g, rect, true));
    }
    // Too deep: a group nested deeper than the limit joins its ancestor at the limit.
    let depths = group_depths(&group_cells, &group_parent);
    let too_deep: HashSet<usize> = group_cells
        .iter()
        .copied()
        .filter(|g| depths.get(g).copied().unwrap_or(0) > MAX_GROUP_DEPTH)
        .collect();
    if !too_deep.is_empty() {
        warnings.push(Problem::whole(format!(
            "{} containers are nested deeper than {MAX_GROUP_DEPTH} levels; their shapes join the container at that level",
            too_deep.len()
        )));
    }
    // Each too-deep group's nearest ancestor that is kept, shallowest first so a parent's answer
    // is known before its child asks.
    let mut by_depth: Vec<usize> = too_deep.iter().copied().collect();
    by_depth.sort_by_key(|g| depths.get(g).copied().unwrap_or(0));
    let mut kept_above: HashMap<usize, Option<usize>> = HashMap::with_capacity(by_depth.len());
    for g in by_depth {
        let p = group_parent.get(&g).copied().flatten();
        let kept = p.and_then(|p| {
            if too_deep.contains(&p) {
                kept_above.get(&p).copied().flatten()
            } else {
                Some(p)
            }
        });
        kept_above.insert(g, kept);
    }
    let kept_group = |g: Option<usize>| match g {
        Some(x) if too_deep.contains(&x) => kept_above.get(&x).copied().flatten(),
        other => other,
    };

    // Services and the scale from draw.io's icon sizes to archboard's cards.
    let node_cells: Vec<usize> = (0..cells.len()).filter(|&i| roles[i] == Some(Role::Node)).collect();
    let mut widths: Vec<f32> = node_cells
        .iter()
        .filter_map(|&i| abs[i].map(|r| r.w))
        .filter(|w| *w > 0.0)
        .collect();
    let has_geometry = !widths.is_empty();
    widths.sort_by(f32::total_cmp);
    let median = widths.get(widths.len() / 2).copied().unwrap_or(NODE_SIZE.0);
    // archboard's own files (cells carrying a catalog id) scale back by the export's factor.
    let ours = cells.iter().any(|c| c.service.is_some());
    let scale = if ours {
        1.0 / super::write::SCALE
    } else {
        (NODE_SIZE.0 / median).clamp(0.5, 4.0)
    };

    let mut board = Board::new(String::new());
    for &g in &group_cells {
        if too_deep.contains(&g) {
            continue;
        }
        let r = abs[g].unwrap_or_default();
        board.groups.push(crate::model::Group {
            id: board_id[g].clone(),
            kind: group_kind(&cells[g], &styles[g], &label[g]),
            label: label[g].clone(),
            parent: kept_group(group_parent.get(&g).copied().flatten()).map(|p| board_id[p].clone()),
            rect: Rect {
                x: r.x * scale,
                y: r.y * scale,
                w: r.w * scale,
                h: r.h * scale,
            },
        });
    }
    // Shapes an arrow touches, and undrawn decoration (lines, empty boxes no arrow touches).
    let attached: HashSet<usize> = cells
        .iter()
        .filter(|c| c.edge)
        .flat_map(|c| [&c.source, &c.target])
        .filter_map(|end| end.as_deref().and_then(|e| index.get(e).copied()))
        .collect();
    let decoration = |i: usize| {
        named[i].is_none()
            && cells[i].service.is_none()
            && label[i].is_empty()
            && !attached.contains(&i)
            && !styles[i].is_cylinder()
    };
    let dropped = node_cells.iter().filter(|&&i| decoration(i)).count();
    if dropped > 0 {
        warnings.push(Problem::whole(format!(
            "{dropped} unlabelled shape{} that no arrow touches (lines, backgrounds) skipped",
            if dropped == 1 { "" } else { "s" }
        )));
    }
    for &i in node_cells.iter().filter(|&&i| !decoration(i)) {
        let (service, unknown) = service_of(&cells[i], &styles[i], named[i], &label[i], catalog);
        // A plain box no arrow touches and whose label names no service is an annotation.
        let plain_box = styles[i].aws_name().is_none() && cells[i].service.is_none();
        let service = if service == GENERIC && plain_box && !attached.contains(&i) {
            "note".to_owned()
        } else {
            service
        };
        if let Some(name) = unknown {
            warnings.push(Problem::new(
                cells[i].line,
                cells[i].col,
                format!("draw.io shape `{name}` is not an AWS shape archboard knows; imported as a generic box"),
            ));
        }
        let mut text = label[i].clone();
        if text.is_empty()
            && let Some(Known::OtherAws(name)) = named[i]
        {
            name.clone_into(&mut text);
        }
        let centre = abs[i].map_or(Point(0.0, 0.0), |r| r.centre());
        let mut node = Node::new(
            board_id[i].clone(),
            service,
            text,
            Point(centre.0 * scale, centre.1 * scale),
        );
        let inner = abs[i].unwrap_or_default();
        node.group = kept_group(enclosing(i, inner, false)).map(|g| board_id[g].clone());
        node.props = cells[i].props.clone();
        board.nodes.push(node);
    }

    // Edges: both ends must be shapes that became nodes.
    let mut edge_labels: HashMap<usize, String> = HashMap::new();
    for i in (0..cells.len()).filter(|&i| roles[i] == Some(Role::EdgeLabel)) {
        if let Some(p) = parent_of[i]
            && !label[i].is_empty()
        {
            edge_labels.entry(p).or_insert_with(|| label[i].clone());
        }
    }
    for (i, c) in cells.iter().enumerate() {
        if !c.edge || skipped.contains(&i) {
            continue;
        }
        let end = |end: &Option<String>| end.as_deref().and_then(|e| index.get(e).copied());
        let (Some(from), Some(to)) = (end(&c.source), end(&c.target)) else {
            warnings.push(Problem::new(
                c.line,
                c.col,
                format!("arrow `{}` is not attached at both ends; skipped", c.id),
            ));
            continue;
        };
        if roles[from] != Some(Role::Node) || roles[to] != Some(Role::Node) {
            warnings.push(Problem::new(
                c.line,
                c.col,
                format!(
                    "arrow `{}` starts or ends on a container or another arrow; skipped",
                    c.id
                ),
            ));
            continue;
        }
        if from == to {
            warnings.push(Problem::new(
                c.line,
                c.col,
                format!("arrow `{}` from a shape to itself is skipped", c.id),
            ));
            continue;
        }
        let mut text = label[i].clone();
        if text.is_empty()
            && let Some(l) = edge_labels.get(&i)
        {
            l.clone_into(&mut text);
        }
        board.edges.push(Edge {
            from: board_id[from].clone(),
            to: board_id[to].clone(),
            label: text,
            mode: if styles[i].get("dashed") == Some("1") {
                EdgeMode::Async
            } else {
                EdgeMode::Sync
            },
            props: c.props.clone(),
            // draw.io's curved edges stay curves; right-angle (`orthogonalEdgeStyle`) and plain
            // edges follow the board, which routes them at right angles.
            style: (styles[i].get("curved") == Some("1")).then_some(crate::model::EdgeStyle::Curved),
        });
    }

    if has_geometry {
        crate::history::ops::grow_groups(&mut board);
    } else {
        layout::layout(&mut board, Direction::LeftRight);
    }
    Ok(Imported { board, warnings })
}

/// How deep each group is nested (0 at the top), in time linear in the number of groups; a
/// loop, which the parents should not have, counts as the top.
fn group_depths(groups: &[usize], parent: &HashMap<usize, Option<usize>>) -> HashMap<usize, usize> {
    let mut depth: HashMap<usize, usize> = HashMap::with_capacity(groups.len());
    for &start in groups {
        let mut chain = Vec::new();
        let mut on_chain = HashSet::new();
        let mut at = Some(start);
        let mut base = 0;
        while let Some(g) = at {
            if let Some(&d) = depth.get(&g) {
                base = d + 1;
                break;
            }
            if !on_chain.insert(g) {
                break;
            }
            chain.push(g);
            at = parent.get(&g).copied().flatten();
        }
        for &g in chain.iter().rev() {
            depth.insert(g, base);
            base += 1;
        }
    }
    depth
}

/// Each cell's parent origin in absolute coordinates (the sum of its ancestors' offsets), and
/// the cells whose parents loop (placed at the top level).
fn absolute_origins(cells: &[Cell], parent_of: &[Option<usize>]) -> (Vec<(f32, f32)>, HashSet<usize>) {
    let mut origin: Vec<Option<(f32, f32)>> = vec![None; cells.len()];
    let mut cyclic = HashSet::new();
    for start in 0..cells.len() {
        if origin[start].is_some() {
            continue;
        }
        // Walk up to a cell of known origin or the top, then fill in on the way back.
        let mut chain = vec![start];
        let mut seen = HashSet::from([start]);
        let mut base = (0.0, 0.0);
        loop {
            let last = chain[chain.len() - 1];
            let Some(p) = parent_of[last].filter(|&p| cells[p].vertex) else {
                break;
            };
            if let Some(o) = origin[p] {
                let g = cells[p].geometry.unwrap_or_default();
                base = (o.0 + g.x, o.1 + g.y);
                break;
            }
            if !seen.insert(p) {
                cyclic.extend(chain.iter().copied());
                break;
            }
            chain.push(p);
        }
        for &c in chain.iter().rev() {
            if cyclic.contains(&c) {
                origin[c] = Some((0.0, 0.0));
                continue;
            }
            origin[c] = Some(base);
            let g = cells[c].geometry.unwrap_or_default();
            base = (base.0 + g.x, base.1 + g.y);
        }
    }
    (origin.into_iter().map(Option::unwrap_or_default).collect(), cyclic)
}

/// What a shape's style names: the aws4 resource icon or shape, or an aws3 shape.
fn known_shape<'t>(s: &style::Style<'_>, table: &'t Table) -> Option<Known<'t>> {
    match s.aws_name()? {
        style::AwsName::Aws4(name) => table.aws4(name),
        style::AwsName::Aws3(name) => table.aws3(name).map(Known::Service),
    }
}

/// The catalog id for a node, and the shape name to warn about when the style names an aws4
/// shape the table does not know.
fn service_of(
    cell: &Cell,
    s: &style::Style<'_>,
    known: Option<Known<'_>>,
    label: &str,
    catalog: &Catalog,
) -> (String, Option<String>) {
    if let Some(id) = cell.service.as_deref().filter(|id| catalog.get(id).is_some()) {
        return (id.to_owned(), None);
    }
    if s.is_text() {
        return ("note".to_owned(), None);
    }
    // The label is read only when the shape does not settle the service (it is the slow part).
    let aws_from_label = || {
        recognise_service(label, catalog)
            .filter(|id| catalog.get(id).is_some_and(|sv| sv.category != Category::Generic))
    };
    match known {
        Some(Known::Service(id)) => {
            // A generic box may be refined by its label ("ALB" on the load balancer icon); a
            // person, device or outside system stays what its icon shows.
            let generic = catalog.get(id).is_none_or(|sv| sv.category == Category::Generic)
                && !matches!(id, "client" | "mobile_client" | "external_service" | "note");
            match if generic { aws_from_label() } else { None } {
                Some(better) => (better, None),
                None => (id.to_owned(), None),
            }
        }
        Some(Known::OtherAws(_)) => (GENERIC.to_owned(), None),
        None => {
            let from_label = recognise_service(label, catalog);
            let unknown = match s.aws_name() {
                Some(style::AwsName::Aws4(n)) => Some(format!("mxgraph.aws4.{n}")),
                Some(style::AwsName::Aws3(n)) => Some(format!("mxgraph.aws3.{n}")),
                None => None,
            };
            let id = from_label.unwrap_or_else(|| {
                if s.is_cylinder() {
                    "database".to_owned()
                } else {
                    GENERIC.to_owned()
                }
            });
            (id, unknown)
        }
    }
}

/// A group's kind: archboard's own attribute, the aws4 group icon, AWS's subnet colours, the
/// sidebar's availability-zone style, then the title.
fn group_kind(cell: &Cell, s: &style::Style<'_>, label: &str) -> GroupKind {
    if let Some(kind) = cell.kind.as_deref().and_then(crate::mermaid::kind_from_name) {
        return kind;
    }
    let by_title = group_kind_for_title(label);
    let icon = s
        .get("grIcon")
        .and_then(|g| g.strip_prefix("mxgraph.aws4."))
        .unwrap_or("");
    let colour = |key: &str| s.get(key).map(str::to_ascii_uppercase).unwrap_or_default();
    let (stroke, fill) = (colour("strokeColor"), colour("fillColor"));
    let green = ["#7AA116", "#248814", "#3F8624", "#F2F6E8", "#E9F3E6"];
    let teal = ["#00A4A6", "#147EBA", "#E6F6F7", "#E6F2F8"];
    let kind = match icon {
        "group_vpc" | "group_vpc2" => GroupKind::Vpc,
        "group_region" => GroupKind::Region,
        "group_availability_zone" => GroupKind::AvailabilityZone,
        "group_account" => GroupKind::Account,
        "group_aws_cloud" | "group_aws_cloud_alt" => GroupKind::AwsCloud,
        "group_auto_scaling_group" => GroupKind::AutoScalingGroup,
        "group_public_subnet" | "group_subnet_public" => GroupKind::PublicSubnet,
        "group_private_subnet" | "group_subnet_private" => GroupKind::PrivateSubnet,
        "group_security_group" if green.contains(&stroke.as_str()) || green.contains(&fill.as_str()) => {
            GroupKind::PublicSubnet
        }
        "group_security_group" if teal.contains(&stroke.as_str()) || teal.contains(&fill.as_str()) => {
            GroupKind::PrivateSubnet
        }
        // The sidebar's security group is the same shape in red.
        "group_security_group" if stroke == "#DD344C" || by_title == GroupKind::Generic => GroupKind::SecurityGroup,
        _ if icon.is_empty() && s.is_az() => GroupKind::AvailabilityZone,
        _ => GroupKind::Generic,
    };
    if kind == GroupKind::Generic { by_title } else { kind }
}

/// A cell's label as text: HTML tags dropped (line breaks and blocks become line breaks) and
/// HTML entities decoded when the style says `html=1`; tidied either way.
pub(crate) fn label_text(value: &str, html: bool) -> String {
    if html {
        crate::interop::tidy_label(&strip_html(value))
    } else {
        crate::interop::tidy_label(value)
    }
}

/// `text` with its HTML markup removed and its entities decoded.
fn strip_html(value: &str) -> String {
    let mut out = String::with_capacity(value.len());
    let mut rest = value;
    while let Some(at) = rest.find(['<', '&']) {
        out.push_str(&rest[..at]);
        rest = &rest[at..];
        if rest.starts_with('<') {
            let starts_tag = rest[1..]
                .chars()
                .next()
                .is_some_and(|c| c.is_ascii_alphabetic() || c == '/' || c == '!');
            match rest.find('>') {
                Some(end) if starts_tag => {
                    let name: String = rest[1..end]
                        .trim_start_matches('/')
                        .chars()
                        .take_while(char::is_ascii_alphanumeric)
                        .collect::<String>()
                        .to_ascii_lowercase();
                    if matches!(name.as_str(), "br" | "div" | "p" | "li" | "tr" | "h1" | "h2" | "h3") {
                        out.push('\n');
                    }
                    rest = &rest[end + 1..];
                }
                _ => {
                    out.push('<');
                    rest = &rest[1..];
                }
            }
        } else {
            let end = rest[1..].find(';').map(|e| e + 1).filter(|&e| e <= 12);
            match end.and_then(|e| entity(&rest[1..e]).map(|c| (e, c))) {
                Some((e, c)) => {
                    out.push(c);
                    rest = &rest[e + 1..];
                }
                None => {
                    out.push('&');
                    rest = &rest[1..];
                }
            }
        }
    }
    out.push_str(rest);
    out
}

/// The character an HTML entity name (between `&` and `;`) stands for.
fn entity(name: &str) -> Option<char> {
    if let Some(num) = name.strip_prefix('#') {
        let code = match num.strip_prefix(['x', 'X']) {
            Some(hex) => u32::from_str_radix(hex, 16).ok()?,
            None => num.parse().ok()?,
        };
        return char::from_u32(code).filter(|c| !c.is_control() || c.is_whitespace());
    }
    Some(match name {
        "amp" => '&',
        "lt" => '<',
        "gt" => '>',
        "quot" => '"',
        "apos" => '\'',
        "nbsp" => ' ',
        "ndash" => '–',
        "mdash" => '—',
        "hellip" => '…',
        "copy" => '©',
        "reg" => '®',
        "trade" => '™',
        "rarr" => '→',
        "larr" => '←',
        "middot" => '·',
        "bull" => '•',
        _ => return None,
    })
}

/// The label cut to [`MAX_LABEL_CHARS`], with a warning when it was longer.
fn cut_label(text: String, cell: &Cell, warnings: &mut Vec<Problem>) -> String {
    if text.chars().count() <= MAX_LABEL_CHARS {
        return text;
    }
    warnings.push(Problem::new(
        cell.line,
        cell.col,
        format!("the label of `{}` is cut to {MAX_LABEL_CHARS} characters", cell.id),
    ));
    text.chars().take(MAX_LABEL_CHARS).collect()
}
