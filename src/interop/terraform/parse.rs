//! HCL text to [`Value`] trees through `hcl-edit`, which keeps each block's byte span (so a
//! finding can name the line) and bounds nesting itself.
//!
//! Literals become scalars, objects and tuples become maps and lists, nested blocks become map
//! entries under their type (repeated, as Terraform repeats them); every other expression (a
//! reference, a function call, a template) is kept as its source text, from which references
//! are read.

use hcl_edit::Span;
use hcl_edit::expr::{Expression, ObjectKey};
use hcl_edit::structure::{Body, Structure};

use crate::interop::Problem;
use crate::interop::tree::{Kind, Value};

/// One top-level block of a file: `resource "aws_sqs_queue" "jobs" { ... }`.
pub(crate) struct TopBlock {
    /// `resource`, `data`, `module`, `locals`, `output`, `variable`, ...
    pub(crate) kind: String,
    /// The block's labels.
    pub(crate) labels: Vec<String>,
    /// Its body as a tree.
    pub(crate) body: Value,
    /// 1-based line of the block.
    pub(crate) line: usize,
    /// 1-based column of the block.
    pub(crate) col: usize,
}

/// Byte offset -> (line, column), both 1-based.
struct Lines<'a> {
    text: &'a str,
    starts: Vec<usize>,
}

impl<'a> Lines<'a> {
    fn new(text: &'a str) -> Lines<'a> {
        let mut starts = vec![0];
        starts.extend(text.match_indices('\n').map(|(i, _)| i + 1));
        Lines { text, starts }
    }

    fn at(&self, offset: usize) -> (usize, usize) {
        let line = self.starts.partition_point(|&s| s <= offset).max(1);
        let start = self.starts[line - 1];
        let col = self.text.get(start..offset).map_or(0, |s| s.chars().count()) + 1;
        (line, col)
    }
}

/// Parses one `.tf` file into its top-level blocks.
pub(crate) fn parse(text: &str) -> Result<Vec<TopBlock>, Problem> {
    let body: Body = hcl_edit::parser::parse_body(text).map_err(|e| {
        let loc = e.location();
        Problem::new(loc.line(), loc.column(), format!("not valid HCL: {}", e.message()))
    })?;
    let lines = Lines::new(text);
    let mut blocks = Vec::new();
    for s in &body {
        let Structure::Block(b) = s else { continue };
        let (line, col) = b.span().map_or((0, 0), |r| lines.at(r.start));
        blocks.push(TopBlock {
            kind: b.ident.as_str().to_owned(),
            labels: b.labels.iter().map(|l| l.as_str().to_owned()).collect(),
            body: body_value(&b.body, &lines, line, col),
            line,
            col,
        });
    }
    Ok(blocks)
}

fn body_value(body: &Body, lines: &Lines<'_>, line: usize, col: usize) -> Value {
    let mut entries = Vec::new();
    for s in body {
        match s {
            Structure::Attribute(a) => entries.push((a.key.as_str().to_owned(), expr_value(&a.value, lines))),
            Structure::Block(b) => {
                let (l, c) = b.span().map_or((line, col), |r| lines.at(r.start));
                let mut v = body_value(&b.body, lines, l, c);
                // `dynamic "setting" { content { ... } }` reads as a `setting` block.
                let key = if b.ident.as_str() == "dynamic" {
                    v = v.get("content").clone();
                    b.labels.first().map_or_else(String::new, |l| l.as_str().to_owned())
                } else {
                    b.ident.as_str().to_owned()
                };
                entries.push((key, v));
            }
        }
    }
    Value::new(Kind::Map(entries), line, col)
}

fn expr_value(e: &Expression, lines: &Lines<'_>) -> Value {
    let (line, col) = e.span().map_or((0, 0), |r| lines.at(r.start));
    let kind = match e {
        Expression::Null(_) => Kind::Null,
        Expression::Bool(b) => Kind::Str(b.value().to_string()),
        Expression::Number(n) => Kind::Str(n.value().to_string()),
        Expression::String(s) => Kind::Str(s.value().clone()),
        Expression::Array(items) => Kind::List(items.iter().map(|i| expr_value(i, lines)).collect()),
        Expression::Object(o) => Kind::Map(
            o.iter()
                .map(|(k, v)| {
                    let key = match k {
                        ObjectKey::Ident(i) => i.as_str().to_owned(),
                        ObjectKey::Expression(Expression::String(s)) => s.value().clone(),
                        ObjectKey::Expression(x) => source(x, lines),
                    };
                    (key, expr_value(v.expr(), lines))
                })
                .collect(),
        ),
        other => Kind::Expr(source(other, lines)),
    };
    Value::new(kind, line, col)
}

/// The source text of an expression.
fn source(e: &Expression, lines: &Lines<'_>) -> String {
    e.span()
        .and_then(|r| lines.text.get(r))
        .map_or_else(|| e.to_string(), str::to_owned)
}
