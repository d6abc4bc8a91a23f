//! Reads mermaid flowchart text into a [`Chart`]: nodes, edges and subgraphs as written, before
//! ids are made unique and services recognised.
//!
//! The reader works statement by statement (a line, or part of a line between `;`). A statement
//! it cannot read becomes a warning with its line and column and is skipped; only a text with no
//! `graph`/`flowchart` header is refused. Nothing here recurses, so deeply nested input cannot
//! overflow the stack.

use std::collections::HashMap;

use super::Problem;
use crate::io::{MAX_EDGES, MAX_GROUP_DEPTH, MAX_NODES};
use crate::layout::Direction;

/// How many subgraphs may be open at once: a board's group depth (from 0) up to
/// [`MAX_GROUP_DEPTH`]; deeper ones are flattened into their parent with a warning.
pub(crate) const MAX_NESTING: usize = MAX_GROUP_DEPTH + 1;

/// Most warnings kept; the rest are counted in one last warning.
const MAX_WARNINGS: usize = 200;

/// The outline mermaid draws around a node; only the database cylinder changes what we import.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub(crate) enum Shape {
    Box,
    Round,
    Stadium,
    Subroutine,
    Database,
    Circle,
    Flag,
    Rhombus,
    Hexagon,
    Slanted,
}

/// A node as the chart names it.
#[derive(Debug)]
pub(crate) struct ChartNode {
    /// The mermaid id, as written.
    pub id: String,
    /// The text in its shape; `None` when the chart only ever names it by id.
    pub label: Option<String>,
    pub shape: Shape,
    /// Classes from `:::name` and `class id name`.
    pub classes: Vec<String>,
    /// The innermost subgraph it belongs to (index into [`Chart::subgraphs`]).
    pub subgraph: Option<usize>,
    /// Where it is first named, 1-based.
    pub line: usize,
    pub col: usize,
}

/// An arrow between two nodes (indices into [`Chart::nodes`]).
#[derive(Debug)]
pub(crate) struct ChartEdge {
    pub from: usize,
    pub to: usize,
    pub label: String,
    /// Drawn dotted (`-.->`): a message handed off rather than a call.
    pub dotted: bool,
    pub line: usize,
    pub col: usize,
}

/// A `subgraph … end` block.
#[derive(Debug)]
pub(crate) struct Subgraph {
    pub id: String,
    pub title: String,
    pub parent: Option<usize>,
    /// Classes from `class id name`.
    pub classes: Vec<String>,
}

/// Everything a flowchart says, in the order it says it.
#[derive(Debug)]
pub(crate) struct Chart {
    pub direction: Direction,
    /// From a front-matter `title:`; empty when there is none.
    pub title: String,
    pub nodes: Vec<ChartNode>,
    pub edges: Vec<ChartEdge>,
    pub subgraphs: Vec<Subgraph>,
    pub warnings: Vec<Problem>,
}

/// Reads a flowchart; fails only when the text has no `graph` or `flowchart` header.
pub(crate) fn parse(text: &str) -> Result<Chart, Problem> {
    let text = text.strip_prefix('\u{feff}').unwrap_or(text);
    let mut reader = Reader::default();
    let mut lines = text.lines().enumerate().peekable();
    // Skip leading blank lines and markdown fences, then read an optional front matter block.
    while let Some((_, l)) = lines.peek() {
        let t = l.trim();
        if t.is_empty() || t.starts_with("```") {
            lines.next();
        } else {
            break;
        }
    }
    if lines.peek().is_some_and(|(_, l)| l.trim() == "---") {
        lines.next();
        let mut closed = false;
        for (_, l) in lines.by_ref() {
            let t = l.trim();
            if t == "---" {
                closed = true;
                break;
            }
            if let Some(v) = t.strip_prefix("title:") {
                reader.title = unquote_yaml(v.trim());
            }
        }
        if !closed {
            return Err(Problem::new(
                1,
                1,
                "the front matter starting with `---` is never closed",
            ));
        }
    }
    for (n, line) in lines {
        let chars: Vec<char> = line.chars().collect();
        if line.trim_start().starts_with("```") {
            continue;
        }
        for (start, end) in statements(&chars) {
            let mut c = Cursor {
                s: &chars[start..end],
                i: 0,
                line: n + 1,
                col: start + 1,
            };
            reader.statement(&mut c)?;
        }
    }
    reader.finish()
}

/// A reader's position in one statement.
struct Cursor<'a> {
    s: &'a [char],
    i: usize,
    line: usize,
    /// The column of `s[0]`, 1-based.
    col: usize,
}

impl Cursor<'_> {
    fn peek(&self) -> Option<char> {
        self.s.get(self.i).copied()
    }

    fn peek_at(&self, k: usize) -> Option<char> {
        self.s.get(self.i + k).copied()
    }

    fn at_end(&self) -> bool {
        self.i >= self.s.len()
    }

    fn eat_ws(&mut self) {
        while self.peek().is_some_and(char::is_whitespace) {
            self.i += 1;
        }
    }

    fn starts_with(&self, pat: &str) -> bool {
        starts_at(self.s, self.i, pat)
    }

    fn eat(&mut self, pat: &str) -> bool {
        if self.starts_with(pat) {
            self.i += pat.chars().count();
            true
        } else {
            false
        }
    }

    /// The first position at or after the cursor where `pat` starts.
    fn find(&self, pat: &str) -> Option<usize> {
        (self.i..self.s.len()).find(|&j| starts_at(self.s, j, pat))
    }

    fn problem_at(&self, i: usize, message: impl Into<String>) -> Problem {
        Problem::new(self.line, self.col + i, message)
    }

    fn problem(&self, message: impl Into<String>) -> Problem {
        self.problem_at(self.i, message)
    }

    /// A short quote of the text at the cursor, for messages.
    fn snippet(&self) -> String {
        let rest: String = self.s[self.i.min(self.s.len())..].iter().take(24).collect();
        if self.s.len() > self.i + 24 {
            format!("{rest}…")
        } else {
            rest
        }
    }

    /// Reads a `"…"` string at the cursor.
    fn quoted(&mut self) -> Result<String, Problem> {
        let open = self.i;
        self.i += 1;
        let start = self.i;
        while let Some(ch) = self.peek() {
            if ch == '"' {
                let text: String = self.s[start..self.i].iter().collect();
                self.i += 1;
                return Ok(text);
            }
            self.i += 1;
        }
        Err(self.problem_at(open, "this quote is never closed"))
    }
}

fn starts_at(s: &[char], i: usize, pat: &str) -> bool {
    (i..).zip(pat.chars()).all(|(k, p)| s.get(k) == Some(&p))
}

/// The statements of one line as `(start, end)` ranges, trimmed: split at `;` outside quotes and
/// cut at a `%%` comment.
fn statements(chars: &[char]) -> Vec<(usize, usize)> {
    let mut out = Vec::new();
    let mut start = 0;
    let mut quoted = false;
    let mut i = 0;
    let push = |a: usize, b: usize, out: &mut Vec<(usize, usize)>| {
        let mut a = a;
        let mut b = b;
        while a < b && chars[a].is_whitespace() {
            a += 1;
        }
        while b > a && chars[b - 1].is_whitespace() {
            b -= 1;
        }
        if a < b {
            out.push((a, b));
        }
    };
    while i < chars.len() {
        let ch = chars[i];
        if ch == '"' {
            quoted = !quoted;
        } else if !quoted && ch == ';' && !ends_entity(chars, i) {
            push(start, i, &mut out);
            start = i + 1;
        } else if !quoted && ch == '%' && chars.get(i + 1) == Some(&'%') {
            push(start, i, &mut out);
            return out;
        }
        i += 1;
    }
    push(start, chars.len(), &mut out);
    out
}

/// Whether the `;` at `i` closes an entity such as `#quot;` or `#35;` rather than a statement.
fn ends_entity(chars: &[char], i: usize) -> bool {
    let mut k = i;
    while k > 0 && i - k < 9 {
        k -= 1;
        match chars[k] {
            '#' => return k + 1 < i,
            c if c.is_ascii_alphanumeric() => {}
            _ => return false,
        }
    }
    false
}

/// One arrow between vertex groups.
struct Link {
    label: Option<String>,
    dotted: bool,
    invisible: bool,
}

#[derive(Default)]
struct Reader {
    header: bool,
    direction: Option<Direction>,
    title: String,
    nodes: Vec<ChartNode>,
    edges: Vec<ChartEdge>,
    subgraphs: Vec<Subgraph>,
    index: HashMap<String, usize>,
    /// Open subgraphs, innermost last.
    open: Vec<usize>,
    /// Subgraphs nested too deep, counted so their `end`s still match.
    flattened: usize,
    /// `class ids name` statements, applied at the end when every id is known.
    classes: Vec<(Vec<String>, String)>,
    warnings: Vec<Problem>,
    dropped_warnings: usize,
}

impl Reader {
    fn warn(&mut self, p: Problem) {
        if self.warnings.len() < MAX_WARNINGS {
            self.warnings.push(p);
        } else {
            self.dropped_warnings += 1;
        }
    }

    fn statement(&mut self, c: &mut Cursor) -> Result<(), Problem> {
        let word_end = c.s.iter().position(|ch| ch.is_whitespace()).unwrap_or(c.s.len());
        let word: String = c.s[..word_end].iter().collect();
        if !self.header {
            return self.header(c, &word, word_end);
        }
        let result = match word.as_str() {
            "subgraph" => {
                c.i = word_end;
                self.subgraph(c)
            }
            "end" => {
                self.end(c);
                Ok(())
            }
            "classDef" | "style" | "linkStyle" | "click" | "direction" | "accTitle" | "accDescr" | "accTitle:"
            | "accDescr:" | "accDescr{" => Ok(()),
            "class" => {
                c.i = word_end;
                self.class(c)
            }
            _ if word.starts_with("accTitle:") || word.starts_with("accDescr") => Ok(()),
            _ => self.chain(c),
        };
        if let Err(p) = result {
            let mut p = p;
            p.message.push_str("; the rest of the statement is skipped");
            self.warn(p);
        }
        Ok(())
    }

    fn header(&mut self, c: &mut Cursor, word: &str, word_end: usize) -> Result<(), Problem> {
        if !matches!(word, "graph" | "flowchart" | "flowchart-elk") {
            let shown: String = word.chars().take(24).collect();
            return Err(c.problem_at(
                0,
                format!("not a mermaid flowchart: expected `graph` or `flowchart` first, found `{shown}`"),
            ));
        }
        self.header = true;
        c.i = word_end;
        c.eat_ws();
        let rest: String = c.s[c.i..].iter().collect();
        let mut parts = rest.split_whitespace();
        match parts.next() {
            None => {}
            Some(d) => match direction(d) {
                Some(dir) => self.direction = Some(dir),
                None => self.warn(c.problem(format!("unknown direction `{d}`; using top-down (TD)"))),
            },
        }
        if parts.next().is_some() {
            self.warn(c.problem("unexpected text after the header; skipped"));
        }
        Ok(())
    }

    fn subgraph(&mut self, c: &mut Cursor) -> Result<(), Problem> {
        c.eat_ws();
        let (id, title) = if c.at_end() {
            (format!("subgraph_{}", self.subgraphs.len() + 1), String::new())
        } else if c.peek() == Some('"') {
            let t = clean_label(&c.quoted()?);
            (t.replace('\n', " "), t)
        } else {
            let start = c.i;
            while c.peek().is_some_and(|ch| !ch.is_whitespace() && ch != '[') {
                c.i += 1;
            }
            let id: String = c.s[start..c.i].iter().collect();
            c.eat_ws();
            if c.at_end() {
                (id.clone(), clean_label(&id))
            } else if c.peek() == Some('[') {
                let (t, _) = shape_text(c)?;
                (id, t)
            } else {
                let all: String = c.s[start..].iter().collect();
                (all.clone(), clean_label(&all))
            }
        };
        if self.open.len() >= MAX_NESTING {
            self.flattened += 1;
            self.warn(c.problem_at(
                0,
                format!("subgraphs nest deeper than {MAX_NESTING} levels; `{id}` is merged into its parent"),
            ));
            return Ok(());
        }
        self.subgraphs.push(Subgraph {
            id,
            title,
            parent: self.open.last().copied(),
            classes: Vec::new(),
        });
        self.open.push(self.subgraphs.len() - 1);
        Ok(())
    }

    fn end(&mut self, c: &mut Cursor) {
        if c.s.len() > 3 {
            self.warn(c.problem_at(3, "unexpected text after `end`; skipped"));
        }
        if self.flattened > 0 {
            self.flattened -= 1;
        } else if self.open.pop().is_none() {
            self.warn(c.problem_at(0, "`end` without an open subgraph; skipped"));
        }
    }

    fn class(&mut self, c: &mut Cursor) -> Result<(), Problem> {
        let rest: String = c.s[c.i..].iter().collect();
        let mut words = rest.split_whitespace();
        let (Some(ids), Some(name)) = (words.next(), words.next()) else {
            return Err(c.problem("expected `class ids name`"));
        };
        let ids = ids.split(',').map(|s| s.trim().to_owned()).filter(|s| !s.is_empty());
        self.classes.push((ids.collect(), name.to_owned()));
        Ok(())
    }

    /// `vertices (arrow vertices)*`, adding every node and edge it names.
    fn chain(&mut self, c: &mut Cursor) -> Result<(), Problem> {
        let mut prev = self.vertices(c)?;
        loop {
            c.eat_ws();
            if c.at_end() {
                return Ok(());
            }
            let at = c.i;
            let Some(link) = link(c)? else {
                return Err(c.problem(format!("expected an arrow such as `-->`, found `{}`", c.snippet())));
            };
            let next = self.vertices(c)?;
            // `a & b & … --> c & d & …` multiplies: refuse the arrow before it floods the board.
            let adds = prev.len().saturating_mul(next.len());
            if self.edges.len().saturating_add(adds) > MAX_EDGES {
                return Err(c.problem_at(
                    at,
                    format!("this arrow would take the chart over {MAX_EDGES} edges; skipped"),
                ));
            }
            if !link.invisible {
                for &a in &prev {
                    for &b in &next {
                        self.edges.push(ChartEdge {
                            from: a,
                            to: b,
                            label: link.label.clone().unwrap_or_default(),
                            dotted: link.dotted,
                            line: c.line,
                            col: c.col + at,
                        });
                    }
                }
            }
            prev = next;
        }
    }

    /// `vertex (& vertex)*`.
    fn vertices(&mut self, c: &mut Cursor) -> Result<Vec<usize>, Problem> {
        let mut out = vec![self.vertex(c)?];
        loop {
            let save = c.i;
            c.eat_ws();
            if c.eat("&") {
                out.push(self.vertex(c)?);
            } else {
                c.i = save;
                return Ok(out);
            }
        }
    }

    /// `id`, `id[text]`, `id(text)`, … with an optional `:::class`.
    fn vertex(&mut self, c: &mut Cursor) -> Result<usize, Problem> {
        c.eat_ws();
        let start = c.i;
        if self.nodes.len() >= MAX_NODES {
            return Err(c.problem(format!(
                "the chart has {MAX_NODES} nodes, as many as a board may have; skipped"
            )));
        }
        while let Some(ch) = c.peek() {
            let next = c.peek_at(1);
            let joins = ch == '-' && c.i > start && next.is_some_and(|n| n.is_alphanumeric() || n == '_');
            if ch.is_alphanumeric() || ch == '_' || joins {
                c.i += 1;
            } else {
                break;
            }
        }
        if c.i == start {
            return Err(c.problem(format!("expected a node id, found `{}`", c.snippet())));
        }
        let id: String = c.s[start..c.i].iter().collect();
        let mut label = None;
        let mut shape = None;
        if c.starts_with("@{") {
            let (l, s) = at_shape(c)?;
            label = l;
            shape = s;
        }
        let save = c.i;
        c.eat_ws();
        let bracket = matches!(c.peek(), Some('[' | '(' | '{'));
        if bracket || (c.i == save && c.peek() == Some('>')) {
            let (text, sh) = shape_text(c)?;
            label = Some(text);
            shape = Some(sh);
        } else {
            c.i = save;
        }
        let mut classes = Vec::new();
        while c.eat(":::") {
            let s = c.i;
            while c
                .peek()
                .is_some_and(|ch| ch.is_alphanumeric() || ch == '_' || ch == '-')
            {
                c.i += 1;
            }
            if s == c.i {
                return Err(c.problem("expected a class name after `:::`"));
            }
            classes.push(c.s[s..c.i].iter().collect());
        }
        Ok(self.mention(id, label, shape, classes, c.line, c.col + start))
    }

    /// Records that a node is named here; a label or shape given now replaces earlier ones.
    fn mention(
        &mut self,
        id: String,
        label: Option<String>,
        shape: Option<Shape>,
        classes: Vec<String>,
        line: usize,
        col: usize,
    ) -> usize {
        let here = self.open.last().copied();
        if let Some(&i) = self.index.get(&id) {
            let deeper = match (self.nodes[i].subgraph, here) {
                (None, Some(_)) => true,
                (Some(g), Some(h)) => self.is_inside(h, g),
                _ => false,
            };
            let node = &mut self.nodes[i];
            if label.is_some() {
                node.label = label;
            }
            if let Some(s) = shape {
                node.shape = s;
            }
            node.classes.extend(classes);
            if deeper {
                node.subgraph = here;
            }
            return i;
        }
        self.index.insert(id.clone(), self.nodes.len());
        self.nodes.push(ChartNode {
            id,
            label,
            shape: shape.unwrap_or(Shape::Box),
            classes,
            subgraph: here,
            line,
            col,
        });
        self.nodes.len() - 1
    }

    /// Whether subgraph `inner` lies strictly inside `outer`.
    fn is_inside(&self, inner: usize, outer: usize) -> bool {
        let mut at = self.subgraphs.get(inner).and_then(|s| s.parent);
        for _ in 0..=MAX_NESTING {
            match at {
                Some(g) if g == outer => return true,
                Some(g) => at = self.subgraphs.get(g).and_then(|s| s.parent),
                None => return false,
            }
        }
        false
    }

    fn finish(mut self) -> Result<Chart, Problem> {
        if !self.header {
            return Err(Problem::new(
                1,
                1,
                "no `graph` or `flowchart` header: the text is empty or not a mermaid flowchart",
            ));
        }
        for g in std::mem::take(&mut self.open).into_iter().rev() {
            let id = self.subgraphs[g].id.clone();
            let (line, col) = self
                .nodes
                .iter()
                .find(|n| n.subgraph == Some(g))
                .map_or((1, 1), |n| (n.line, n.col));
            self.warn(Problem::new(
                line,
                col,
                format!("subgraph `{id}` is never closed with `end`; it ends with the text"),
            ));
        }
        let subgraph_ids: HashMap<String, usize> = self
            .subgraphs
            .iter()
            .enumerate()
            .map(|(i, s)| (s.id.clone(), i))
            .collect();
        for (ids, name) in std::mem::take(&mut self.classes) {
            for id in ids {
                if let Some(&i) = self.index.get(&id) {
                    self.nodes[i].classes.push(name.clone());
                } else if let Some(&g) = subgraph_ids.get(&id) {
                    self.subgraphs[g].classes.push(name.clone());
                }
            }
        }
        if self.dropped_warnings > 0 {
            let n = self.dropped_warnings;
            let (line, col) = self.warnings.last().map_or((1, 1), |p| (p.line, p.col));
            self.warnings
                .push(Problem::new(line, col, format!("and {n} more problems like these")));
        }
        Ok(Chart {
            direction: self.direction.unwrap_or(Direction::TopDown),
            title: self.title,
            nodes: self.nodes,
            edges: self.edges,
            subgraphs: self.subgraphs,
            warnings: self.warnings,
        })
    }
}

/// The direction a header names (`TD`, `TB`, `BT`, `LR`, `RL`, or `v ^ > <`).
fn direction(word: &str) -> Option<Direction> {
    match word.to_ascii_uppercase().as_str() {
        "TD" | "TB" | "V" => Some(Direction::TopDown),
        "BT" | "^" => Some(Direction::BottomUp),
        "LR" | ">" => Some(Direction::LeftRight),
        "RL" | "<" => Some(Direction::RightLeft),
        _ => None,
    }
}

/// Reads an arrow at the cursor (`-->`, `---`, `-.->`, `==>`, `-- text -->`, `-->|text|`, …);
/// `None` when the cursor is not at one.
fn link(c: &mut Cursor) -> Result<Option<Link>, Problem> {
    let start = c.i;
    let body_char = |ch: Option<char>| matches!(ch, Some('-' | '=' | '.' | '~'));
    if c.peek() == Some('<') || (matches!(c.peek(), Some('o' | 'x')) && body_char(c.peek_at(1))) {
        c.i += 1;
    }
    let body = read_body(c);
    if body.is_empty() {
        c.i = start;
        return Ok(None);
    }
    let head = read_head(c);
    let invisible = body.contains('~');
    let mut dotted = body.contains('.');
    let mut label = None;
    if !head && !invisible && body.chars().count() == 2 {
        // `-- text -->`, `-. text .->`, `== text ==>`: the text runs to the closing arrow.
        let closer = if dotted {
            ".-"
        } else if body == "==" {
            "=="
        } else {
            "--"
        };
        c.eat_ws();
        let text = if c.peek() == Some('"') {
            let q = c.quoted()?;
            c.eat_ws();
            q
        } else {
            let Some(j) = c.find(closer) else {
                return Err(c.problem_at(start, format!("the arrow `{body}` has text but no closing `{closer}>`")));
            };
            let t: String = c.s[c.i..j].iter().collect();
            c.i = j;
            t
        };
        if !c.starts_with(closer) {
            return Err(c.problem(format!("expected `{closer}>` to close the arrow's text")));
        }
        let close = read_body(c);
        read_head(c);
        dotted |= close.contains('.');
        label = Some(clean_label(&text));
    } else if !head && body.chars().count() < 2 {
        return Err(c.problem_at(start, format!("unknown arrow `{body}`")));
    }
    let save = c.i;
    c.eat_ws();
    if c.peek() == Some('|') {
        let open = c.i;
        c.i += 1;
        c.eat_ws();
        let text = if c.peek() == Some('"') {
            let q = c.quoted()?;
            c.eat_ws();
            q
        } else {
            let s = c.i;
            while c.peek().is_some_and(|ch| ch != '|') {
                c.i += 1;
            }
            c.s[s..c.i].iter().collect()
        };
        if !c.eat("|") {
            return Err(c.problem_at(open, "the arrow's `|text|` is never closed"));
        }
        label = Some(clean_label(&text));
    } else {
        c.i = save;
    }
    Ok(Some(Link {
        label,
        dotted,
        invisible,
    }))
}

fn read_body(c: &mut Cursor) -> String {
    let s = c.i;
    while matches!(c.peek(), Some('-' | '=' | '.' | '~')) {
        c.i += 1;
    }
    c.s[s..c.i].iter().collect()
}

/// Eats an arrowhead: `>`, or `o`/`x` standing alone.
fn read_head(c: &mut Cursor) -> bool {
    match c.peek() {
        Some('>') => {
            c.i += 1;
            true
        }
        Some('o' | 'x') if c.peek_at(1).is_none_or(|n| n.is_whitespace() || n == '|') => {
            c.i += 1;
            true
        }
        _ => false,
    }
}

/// Shape openers with their closers, longest first.
const SHAPES: &[(&str, &[&str], Shape)] = &[
    ("(((", &[")))"], Shape::Circle),
    ("([", &["])"], Shape::Stadium),
    ("((", &["))"], Shape::Circle),
    ("[(", &[")]"], Shape::Database),
    ("[[", &["]]"], Shape::Subroutine),
    ("{{", &["}}"], Shape::Hexagon),
    ("[/", &["/]", "\\]"], Shape::Slanted),
    ("[\\", &["\\]", "/]"], Shape::Slanted),
    ("[", &["]"], Shape::Box),
    ("(", &[")"], Shape::Round),
    ("{", &["}"], Shape::Rhombus),
    (">", &["]"], Shape::Flag),
];

/// Reads `[text]`, `(text)`, `[(text)]`, … at the cursor: the cleaned text and the shape.
fn shape_text(c: &mut Cursor) -> Result<(String, Shape), Problem> {
    let open_at = c.i;
    let Some(&(open, closers, shape)) = SHAPES.iter().find(|(o, _, _)| c.starts_with(o)) else {
        return Err(c.problem(format!("expected a node shape, found `{}`", c.snippet())));
    };
    c.eat(open);
    let save = c.i;
    c.eat_ws();
    if c.peek() == Some('"') {
        let text = c.quoted()?;
        c.eat_ws();
        let Some(close) = closers.iter().find(|cl| c.starts_with(cl)) else {
            return Err(c.problem(format!("expected `{}` after the quoted text", closers[0])));
        };
        c.eat(close);
        return Ok((clean_label(&text), shape));
    }
    c.i = save;
    // Unquoted text runs to the first closer; a one-character bracket may nest inside.
    let nest = (open.chars().count() == 1).then(|| open.chars().next()).flatten();
    let mut depth = 0usize;
    let start = c.i;
    while !c.at_end() {
        if let Some(o) = nest
            && c.peek() == Some(o)
            && o != '>'
        {
            depth += 1;
        } else if let Some(close) = closers.iter().find(|cl| c.starts_with(cl)) {
            if depth == 0 {
                let text: String = c.s[start..c.i].iter().collect();
                c.eat(close);
                return Ok((clean_label(&text), shape));
            }
            depth -= 1;
        }
        c.i += 1;
    }
    Err(c.problem_at(open_at, format!("`{open}` is never closed with `{}`", closers[0])))
}

/// Reads a mermaid 11 `@{ shape: …, label: "…" }` block: its label and whether it is a cylinder.
fn at_shape(c: &mut Cursor) -> Result<(Option<String>, Option<Shape>), Problem> {
    let open = c.i;
    c.i += 2;
    let start = c.i;
    let mut quoted = false;
    while let Some(ch) = c.peek() {
        if ch == '"' {
            quoted = !quoted;
        } else if ch == '}' && !quoted {
            let body: String = c.s[start..c.i].iter().collect();
            c.i += 1;
            let mut label = None;
            let mut shape = None;
            for part in split_fields(&body) {
                let Some((k, v)) = part.split_once(':') else {
                    continue;
                };
                let v = v.trim().trim_matches('"');
                match k.trim() {
                    "label" => label = Some(clean_label(v)),
                    "shape" if matches!(v, "cyl" | "cylinder" | "db" | "database" | "das" | "h-cyl" | "lin-cyl") => {
                        shape = Some(Shape::Database);
                    }
                    "shape" => shape = Some(Shape::Box),
                    _ => {}
                }
            }
            return Ok((label, shape));
        }
        c.i += 1;
    }
    Err(c.problem_at(open, "`@{` is never closed with `}`"))
}

/// Splits `a: 1, b: "x, y"` at commas outside quotes.
fn split_fields(body: &str) -> Vec<String> {
    let mut out = Vec::new();
    let mut cur = String::new();
    let mut quoted = false;
    for ch in body.chars() {
        match ch {
            '"' => {
                quoted = !quoted;
                cur.push(ch);
            }
            ',' if !quoted => out.push(std::mem::take(&mut cur)),
            _ => cur.push(ch),
        }
    }
    out.push(cur);
    out
}

/// A YAML scalar without its quotes.
fn unquote_yaml(v: &str) -> String {
    if v.len() >= 2 && v.starts_with('"') && v.ends_with('"') {
        v[1..v.len() - 1].replace("\\\"", "\"").replace("\\\\", "\\")
    } else if v.len() >= 2 && v.starts_with('\'') && v.ends_with('\'') {
        v[1..v.len() - 1].replace("''", "'")
    } else {
        v.to_owned()
    }
}

/// Label text as a person reads it: `<br/>` as a line break, `#quot;`-style entities decoded,
/// markdown backticks and `fa:fa-icon` names dropped, each line trimmed.
pub(crate) fn clean_label(raw: &str) -> String {
    let mut s = raw.trim();
    if s.len() >= 2 && s.starts_with('`') && s.ends_with('`') {
        s = &s[1..s.len() - 1];
    }
    let text = decode_entities(&line_breaks(s));
    let lines: Vec<String> = text
        .split('\n')
        .map(|l| {
            l.split(' ')
                .filter(|w| !w.starts_with("fa:fa-") && !w.starts_with("fab:fa-"))
                .collect::<Vec<_>>()
                .join(" ")
                .trim()
                .to_owned()
        })
        .filter(|l| !l.is_empty())
        .collect();
    lines.join("\n")
}

/// Replaces `<br>`, `<br/>` and `<br />` (any case) with `\n`.
fn line_breaks(s: &str) -> String {
    let mut out = String::with_capacity(s.len());
    let mut rest = s;
    while let Some(i) = rest.find('<') {
        out.push_str(&rest[..i]);
        let after = &rest[i..];
        let tag_end = after.char_indices().take(8).find(|&(_, ch)| ch == '>').map(|(k, _)| k);
        let is_br = tag_end.is_some_and(|k| {
            let inner: String = after[1..k].chars().filter(|ch| !ch.is_whitespace()).collect();
            inner.eq_ignore_ascii_case("br") || inner.eq_ignore_ascii_case("br/")
        });
        match (is_br, tag_end) {
            (true, Some(k)) => {
                out.push('\n');
                rest = &after[k + 1..];
            }
            _ => {
                out.push('<');
                rest = &after[1..];
            }
        }
    }
    out.push_str(rest);
    out
}

/// Decodes mermaid's `#name;` and `#123;` entities in one pass; anything else stays as written.
fn decode_entities(s: &str) -> String {
    let mut out = String::with_capacity(s.len());
    let mut rest = s;
    while let Some(i) = rest.find('#') {
        out.push_str(&rest[..i]);
        let after = &rest[i + 1..];
        let end = after.char_indices().take(9).find(|&(_, ch)| ch == ';').map(|(k, _)| k);
        let decoded = end.and_then(|k| {
            let name = &after[..k];
            let ch = match name {
                "quot" => Some('"'),
                "amp" => Some('&'),
                "lt" => Some('<'),
                "gt" => Some('>'),
                "nbsp" => Some(' '),
                "apos" => Some('\''),
                _ => name.parse::<u32>().ok().and_then(char::from_u32),
            };
            ch.map(|ch| (ch, k))
        });
        match decoded {
            Some((ch, k)) => {
                out.push(ch);
                rest = &after[k + 1..];
            }
            None => {
                out.push('#');
                rest = after;
            }
        }
    }
    out.push_str(rest);
    out
}
