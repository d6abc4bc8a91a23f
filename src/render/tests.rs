//! The screen and the SVG draw one display list: for a preset, both show the same labels and
//! the same numbers of groups, cards, edges, icons and badges.

use std::collections::BTreeMap;

use egui::epaint::Shape as Drawn;
use egui::{Color32, pos2, vec2};

use super::svg::{Page, svg};
use super::{DisplayList, Icons, Marks, Scope, Theme, View, display_list, paint};
use crate::catalog::Catalog;
use crate::critique;
use crate::model::{Board, Node, Point};

/// What a drawing shows, counted the same way for egui shapes and SVG elements.
#[derive(Debug, Default, PartialEq)]
struct Seen {
    /// Every text drawn, lines joined, sorted.
    labels: Vec<String>,
    /// Filled rectangles by corner radius: 0 groups, 8 cards and notes, 4 label backdrops.
    rects: BTreeMap<u32, usize>,
    arrowheads: usize,
    icons: usize,
    badges: usize,
}

/// The egui shapes `paint` makes for the whole of `board` at zoom 1 (as the PNG export).
fn on_screen(board: &Board, marks: &Marks, theme: Theme) -> Seen {
    let area = board.bounds().expect("a board with nodes").expand(40.0);
    let ctx = egui::Context::default();
    let view = View {
        origin: pos2(-area.x, -area.y),
        zoom: 1.0,
    };
    let size = vec2(area.w, area.h);
    let input = egui::RawInput {
        screen_rect: Some(egui::Rect::from_min_size(pos2(0.0, 0.0), size)),
        ..egui::RawInput::default()
    };
    let mut icons = Icons::default();
    let mut output = ctx.run_ui(input, |ui| {
        let painter = ui
            .painter()
            .with_clip_rect(egui::Rect::from_min_size(pos2(0.0, 0.0), size));
        paint(&painter, board, Catalog::builtin(), &mut icons, &view, theme, marks);
    });
    output.textures_delta.clear();
    let mut seen = Seen::default();
    for clipped in output.shapes {
        match clipped.shape {
            Drawn::Text(t) => seen.labels.push(t.galley.job.text.clone()),
            Drawn::Rect(r) if r.stroke.is_empty() => {
                *seen.rects.entry(u32::from(r.corner_radius.nw)).or_default() += 1;
            }
            Drawn::Path(p) if p.closed && p.points.len() == 3 => seen.arrowheads += 1,
            Drawn::Mesh(m) if m.texture_id != egui::TextureId::default() => seen.icons += 1,
            Drawn::Circle(c) if c.fill != Color32::TRANSPARENT => seen.badges += 1,
            _ => {}
        }
    }
    seen.labels.sort();
    seen
}

/// The value of attribute `name` in an element's opening tag.
fn attr<'a>(tag: &'a str, name: &str) -> Option<&'a str> {
    let at = tag.find(&format!(" {name}=\""))? + name.len() + 3;
    tag[at..].split('"').next()
}

/// The same counts read back from the SVG text.
fn in_svg(text: &str) -> Seen {
    // The icons' artwork in <defs> is not part of the drawing until a <use> places it.
    let text = text.rsplit("</defs>").next().unwrap_or(text);
    let mut seen = Seen::default();
    for element in text.split('<').skip(1) {
        let tag = element.split('>').next().unwrap_or("");
        if tag.starts_with("rect ") {
            if let Some(rx) = attr(tag, "rx") {
                let rx: f32 = rx.parse().expect("a number");
                *seen.rects.entry(rx as u32).or_default() += 1;
            }
        } else if tag.starts_with("polygon ") {
            seen.arrowheads += 1;
        } else if tag.starts_with("use ") {
            seen.icons += 1;
        } else if tag.starts_with("circle ") && attr(tag, "class") == Some("badge") {
            seen.badges += 1;
        }
    }
    for block in text.split("<text ").skip(1) {
        let body = block.split("</text>").next().unwrap_or("");
        // One line per <tspan>, joined with line breaks as the screen's text is.
        let lines: Vec<&str> = body
            .split("<tspan")
            .skip(1)
            .map(|t| t.split('>').nth(1).and_then(|c| c.split('<').next()).unwrap_or(""))
            .collect();
        let label = if lines.is_empty() {
            body.split('>')
                .nth(1)
                .and_then(|c| c.split('<').next())
                .unwrap_or("")
                .to_owned()
        } else {
            lines.join("\n")
        };
        let unescaped = label
            .replace("&lt;", "<")
            .replace("&gt;", ">")
            .replace("&quot;", "\"")
            .replace("&apos;", "'")
            .replace("&amp;", "&");
        seen.labels.push(unescaped);
    }
    seen.labels.sort();
    seen
}

fn svg_of(board: &Board, marks: &Marks, theme: Theme, background: Option<Color32>) -> String {
    let list: DisplayList<'_> = display_list(board, Catalog::builtin(), theme, marks, Scope::ALL);
    svg(
        &list,
        &Page {
            area: board.bounds().expect("nodes").expand(40.0),
            title: &board.title,
            background,
        },
    )
}

#[test]
fn the_svg_shows_what_the_screen_shows() {
    for id in ["microservices", "realtime_analytics"] {
        // As first drawn: without its props and acceptances a preset has findings to badge.
        let mut board = crate::presets::board(id).expect("a preset");
        board.accepted.clear();
        for n in &mut board.nodes {
            n.props.clear();
        }
        // Cards, so each node is a rectangle to count (icon style is compared the same way below).
        board.node_style = crate::model::NodeStyle::Card;
        let mut marks = Marks::default();
        marks.set_badges(&critique::review(&board, Catalog::builtin()));
        assert!(!marks.badges.is_empty(), "{id}: the review flags something to badge");
        let screen = on_screen(&board, &marks, Theme::Light);
        let svg = in_svg(&svg_of(&board, &marks, Theme::Light, None));
        assert_eq!(screen, svg, "{id}");
        assert_eq!(screen.badges, marks.badges.len(), "{id}: one badge per flagged node");
        let cards = board.nodes.len();
        assert_eq!(screen.rects.get(&8), Some(&cards), "{id}: a card per node");
        assert_eq!(
            screen.rects.get(&0).copied().unwrap_or(0),
            board.groups.len(),
            "{id}: groups"
        );
        assert!(
            screen.arrowheads > 0 && screen.arrowheads <= board.edges.len(),
            "{id}: edges"
        );
        for n in &board.nodes {
            let label = if n.label.is_empty() {
                Catalog::builtin().get_or_generic(&n.service).short.clone()
            } else {
                n.label.clone()
            };
            assert!(screen.labels.contains(&label), "{id}: {label} is drawn");
        }
    }
}

#[test]
fn each_icon_is_defined_once_and_the_svg_parses() {
    let mut board = Board::new("three lambdas");
    for (i, id) in ["a", "b", "c"].into_iter().enumerate() {
        board
            .nodes
            .push(Node::new(id, "lambda", "", Point(200.0 * i as f32, 0.0)));
    }
    board.nodes.push(Node::new("d", "sqs", "Queue", Point(0.0, 200.0)));
    let text = svg_of(
        &board,
        &Marks::default(),
        Theme::Dark,
        Some(Theme::Dark.palette().background),
    );
    assert_eq!(text.matches("<symbol ").count(), 2, "lambda and sqs, once each");
    assert_eq!(text.matches("<use ").count(), 4);
    assert_eq!(text.matches("xlink:href=\"#icon-lambda\"").count(), 3);
    let tree = resvg::usvg::Tree::from_str(&text, &resvg::usvg::Options::default()).expect("valid SVG");
    assert!(tree.size().width() > 400.0);
}

#[test]
fn a_transparent_svg_has_no_background() {
    let mut board = Board::new("one");
    board.nodes.push(Node::new("a", "lambda", "", Point(0.0, 0.0)));
    let background = Theme::Light.palette().background;
    let fill = format!(
        "fill=\"#{:02x}{:02x}{:02x}\"",
        background.r(),
        background.g(),
        background.b()
    );
    let opaque = svg_of(&board, &Marks::default(), Theme::Light, Some(background));
    let clear = svg_of(&board, &Marks::default(), Theme::Light, None);
    assert!(opaque.contains(&fill));
    assert!(!clear.contains(&fill));
}

/// A board whose labels are far too long: a node label of 300 characters, one of Japanese
/// without spaces, and an edge label of 300 characters across a node in the edge's middle.
fn long_labels() -> Board {
    let mut board = Board::new("long");
    let long = format!("{} and then some words", "x".repeat(280));
    board.nodes.push(Node::new("a", "lambda", long, Point(0.0, 0.0)));
    board.nodes.push(Node::new(
        "b",
        "sqs",
        "日本語のとても長いラベル".repeat(6),
        Point(480.0, 0.0),
    ));
    board.nodes.push(Node::new("c", "s3", "", Point(240.0, 0.0)));
    let mut e = crate::model::Edge::new("a", "b");
    e.label = "word ".repeat(60);
    board.edges.push(e);
    board
}

#[test]
fn long_labels_break_the_same_lines_on_screen_and_in_the_svg() {
    let board = long_labels();
    let screen = on_screen(&board, &Marks::default(), Theme::Light);
    let svg = in_svg(&svg_of(&board, &Marks::default(), Theme::Light, None));
    assert_eq!(screen.labels, svg.labels);
    let list = display_list(&board, Catalog::builtin(), Theme::Light, &Marks::default(), Scope::ALL);
    let texts: Vec<&super::Text<'_>> = list
        .shapes
        .iter()
        .filter_map(|s| if let super::Shape::Text(t) = s { Some(t) } else { None })
        .collect();
    let ctx = egui::Context::default();
    super::fonts::install(&ctx);
    let mut output = ctx.run_ui(egui::RawInput::default(), |ui| {
        for t in &texts {
            let lines: Vec<&str> = t.text.split('\n').collect();
            let (most, width) = if t.anchor == super::Anchor::Centre {
                (3, super::EDGE_LABEL_WIDTH)
            } else {
                (2, crate::model::NODE_SIZE.0 - 8.0)
            };
            assert!(lines.len() <= most, "{} lines: {:?}", lines.len(), t.text);
            let cut = t.text != "S3";
            assert_eq!(
                lines.last().expect("a line").ends_with(super::label::ELLIPSIS),
                cut,
                "{:?}",
                t.text
            );
            for line in lines {
                // The estimate keeps the real, shaped line within the space (a point to spare).
                let real =
                    ui.painter()
                        .layout_no_wrap(line.to_owned(), egui::FontId::proportional(t.size), Color32::BLACK);
                assert!(
                    real.size().x <= width + 1.0,
                    "{line:?} is {} wide, over {width}",
                    real.size().x
                );
            }
        }
    });
    output.textures_delta.clear();
    let edge = texts
        .iter()
        .find(|t| t.anchor == super::Anchor::Centre)
        .expect("the edge label");
    let fit = super::edge_label_lines(&board.edges[0].label);
    let pad = super::display::BACKDROP_PAD.at(1.0);
    let size = (
        fit.width(super::EDGE_LABEL.size) + 2.0 * pad,
        fit.lines.len() as f32 * super::EDGE_LABEL.size * super::LINE_HEIGHT + 2.0 * pad,
    );
    let label = crate::model::Rect::centred(edge.at, size);
    for n in &board.nodes {
        assert!(
            !crate::model::node_rect(n).intersects(label),
            "the edge label covers {}",
            n.id
        );
    }
}

#[test]
fn icon_style_draws_large_icons_without_cards_the_same_on_screen_and_in_the_svg() {
    let mut board = crate::presets::board("microservices").expect("a preset");
    board.node_style = crate::model::NodeStyle::Icon;
    let mut marks = Marks::default();
    marks.set_badges(&critique::review(&board, Catalog::builtin()));
    let screen = on_screen(&board, &marks, Theme::Light);
    assert_eq!(screen, in_svg(&svg_of(&board, &marks, Theme::Light, None)));
    assert_eq!(screen.rects.get(&8), None, "no cards");
    assert_eq!(screen.badges, marks.badges.len());
    let list = display_list(&board, Catalog::builtin(), Theme::Light, &marks, Scope::ALL);
    let node_icons: Vec<crate::model::Rect> = list
        .shapes
        .iter()
        .filter_map(|s| match s {
            super::Shape::Icon { service, rect, .. } if !service.starts_with("group_") => Some(*rect),
            _ => None,
        })
        .collect();
    assert_eq!(node_icons.len(), board.nodes.len());
    for (n, icon) in board.nodes.iter().zip(&node_icons) {
        let footprint = crate::model::node_rect(n);
        assert!(icon.w > 50.0, "a large icon");
        assert!(footprint.contains_rect(*icon), "{} keeps to its footprint", n.id);
    }
}

#[test]
fn groups_draw_their_kind_s_header_icon_and_label_beside_it() {
    use crate::model::{Group, GroupKind, Rect};
    let mut board = Board::new("groups");
    for (i, kind) in GroupKind::ALL.into_iter().enumerate() {
        board.groups.push(Group {
            id: format!("g{i}"),
            kind,
            label: String::new(),
            parent: None,
            rect: Rect {
                x: 0.0,
                y: 300.0 * i as f32,
                w: 400.0,
                h: 200.0,
            },
        });
    }
    let list = display_list(&board, Catalog::builtin(), Theme::Light, &Marks::default(), Scope::ALL);
    for g in &board.groups {
        let look = Theme::Light.group_look(g.kind);
        let icon = list.shapes.iter().find_map(|s| match s {
            super::Shape::Icon { service, rect, .. } if rect.x == g.rect.x && rect.y == g.rect.y => Some(*service),
            _ => None,
        });
        assert_eq!(icon, look.icon, "{:?}", g.kind);
        if let Some(stem) = icon {
            assert_eq!(super::icons::icon_stem(stem), Some(stem), "{stem}.svg exists");
        }
        let label = list.shapes.iter().find_map(|s| match s {
            super::Shape::Text(t) if t.text == g.kind.title() => Some(t.at),
            _ => None,
        });
        let at = label.unwrap_or_else(|| panic!("{:?} has its label", g.kind));
        assert!(at.1 > g.rect.y && at.1 < g.rect.y + super::display::GROUP_ICON);
        assert!(at.0 > g.rect.x + if icon.is_some() { 24.0 } else { 0.0 });
    }
    let text = svg_of(&board, &Marks::default(), Theme::Light, None);
    assert!(text.contains("stroke-dasharray"), "regions and zones are dashed");
    resvg::usvg::Tree::from_str(&text, &resvg::usvg::Options::default()).expect("valid SVG");
}
