//! Template text to a [`Value`] tree: YAML through `saphyr-parser`'s events (tags and positions
//! kept, short-form intrinsics such as `!Ref X` read as their long forms `{Ref: X}`), JSON
//! through `serde_json`.
//!
//! The tree is built without recursion, nesting is bounded by [`MAX_DEPTH`] and aliases may not
//! expand the tree past [`MAX_VALUES`], so anchor-and-alias bombs and deep nesting are refused
//! with a message instead of exhausting memory or the stack.

use std::collections::HashMap;

use saphyr_parser::{Event, Parser, ScalarStyle, Span, Tag};

use crate::interop::Problem;
use crate::interop::tree::{Kind, Value};

/// Deepest nesting of lists and maps a template may have; real templates stay under 20.
pub const MAX_DEPTH: usize = 128;
/// Most values a template may expand to (aliases counted each time they are used).
pub const MAX_VALUES: usize = 4_000_000;

/// Parses a template's text, YAML or JSON (by its first character).
pub(crate) fn parse(text: &str) -> Result<Value, Problem> {
    let body = text.trim_start_matches('\u{feff}');
    if body.trim_start().starts_with('{') {
        json(body)
    } else {
        yaml(body)
    }
}

/// A container being filled while the events stream in.
enum Open {
    List(Vec<Value>, usize, usize, usize),
    Map(
        Vec<(String, Value)>,
        Option<(String, usize, usize)>,
        usize,
        usize,
        usize,
    ),
}

/// The long form of a short-form tag: `!Ref` -> `Ref`, `!GetAtt` -> `Fn::GetAtt`, `!Condition`
/// -> `Condition`; `None` for YAML's own tags (`!!str`), which change nothing here.
fn long_form(tag: &Tag) -> Option<String> {
    if tag.handle != "!" || tag.suffix.is_empty() {
        return None;
    }
    Some(match tag.suffix.as_str() {
        "Ref" | "Condition" => tag.suffix.clone(),
        other => format!("Fn::{other}"),
    })
}

/// Wraps a tagged value in its long form: `!GetAtt A.B` -> `{Fn::GetAtt: [A, B]}`.
fn wrap(tag: Option<String>, value: Value) -> Value {
    let Some(name) = tag else { return value };
    let (line, col) = (value.line, value.col);
    let value = match (&*name, &value.kind) {
        ("Fn::GetAtt", Kind::Str(s)) => {
            let (a, b) = s.split_once('.').unwrap_or((s.as_str(), ""));
            Value::new(
                Kind::List(vec![
                    Value::new(Kind::Str(a.to_owned()), line, col),
                    Value::new(Kind::Str(b.to_owned()), line, col),
                ]),
                line,
                col,
            )
        }
        _ => value,
    };
    Value::new(Kind::Map(vec![(name, value)]), line, col)
}

/// How many values a tree holds, to charge an alias its full size.
fn size(v: &Value) -> usize {
    let mut n = 0;
    let mut stack = vec![v];
    while let Some(v) = stack.pop() {
        n += 1;
        match &v.kind {
            Kind::List(items) => stack.extend(items),
            Kind::Map(entries) => stack.extend(entries.iter().map(|(_, v)| v)),
            _ => {}
        }
    }
    n
}

fn at(span: Span) -> (usize, usize) {
    (span.start.line(), span.start.col() + 1)
}

/// Parses YAML into a tree: the first document only.
fn yaml(text: &str) -> Result<Value, Problem> {
    let mut parser = Parser::new_from_str(text);
    let mut stack: Vec<(Open, Option<String>, usize)> = Vec::new();
    let mut anchors: HashMap<usize, (Value, usize)> = HashMap::new();
    let mut values = 0usize;
    let mut root: Option<Value> = None;
    while let Some(next) = parser.next_event() {
        let (event, span) =
            next.map_err(|e| Problem::new(e.marker().line(), e.marker().col() + 1, e.info().to_owned()))?;
        let (line, col) = at(span);
        let is_seq = matches!(event, Event::SequenceStart(..));
        let done: Option<(Value, usize)> = match event {
            Event::StreamEnd | Event::DocumentEnd => {
                if root.is_some() {
                    break;
                }
                None
            }
            Event::Nothing | Event::StreamStart | Event::DocumentStart(_) => None,
            Event::Alias(id) => {
                let Some((v, n)) = anchors.get(&id) else {
                    return Err(Problem::new(line, col, "an alias names no anchor"));
                };
                values += n;
                if values > MAX_VALUES {
                    return Err(Problem::new(
                        line,
                        col,
                        format!("anchors and aliases expand the template past {MAX_VALUES} values; refused"),
                    ));
                }
                Some((v.clone(), 0))
            }
            Event::Scalar(s, style, anchor, tag) => {
                values += 1;
                let plain = style == ScalarStyle::Plain;
                let kind = if plain && tag.is_none() && matches!(&*s, "" | "~" | "null" | "Null" | "NULL") {
                    Kind::Null
                } else {
                    Kind::Str(s.into_owned())
                };
                let v = wrap(tag.as_deref().and_then(long_form), Value::new(kind, line, col));
                Some((v, anchor))
            }
            Event::SequenceStart(anchor, tag) | Event::MappingStart(anchor, tag) => {
                values += 1;
                if stack.len() >= MAX_DEPTH {
                    return Err(Problem::new(
                        line,
                        col,
                        format!("the template nests deeper than {MAX_DEPTH} levels; refused"),
                    ));
                }
                let open = if is_seq {
                    Open::List(Vec::new(), anchor, line, col)
                } else {
                    Open::Map(Vec::new(), None, anchor, line, col)
                };
                stack.push((open, tag.as_deref().and_then(long_form), values));
                None
            }
            Event::SequenceEnd | Event::MappingEnd => match stack.pop() {
                Some((Open::List(items, anchor, l, c), tag, _)) => {
                    Some((wrap(tag, Value::new(Kind::List(items), l, c)), anchor))
                }
                Some((Open::Map(entries, _, anchor, l, c), tag, _)) => {
                    Some((wrap(tag, Value::new(Kind::Map(entries), l, c)), anchor))
                }
                None => None,
            },
        };
        if values > MAX_VALUES {
            return Err(Problem::new(
                line,
                col,
                format!("the template has more than {MAX_VALUES} values; refused"),
            ));
        }
        let Some((value, anchor)) = done else { continue };
        if anchor != 0 {
            anchors.insert(anchor, (value.clone(), size(&value)));
        }
        match stack.last_mut() {
            None => root = Some(value),
            Some((Open::List(items, ..), _, _)) => items.push(value),
            Some((Open::Map(entries, key, ..), _, _)) => match key.take() {
                Some((k, line, col)) => {
                    // A block value is where its key is: a resource is "defined" on the line
                    // that names it.
                    let mut value = value;
                    if matches!(value.kind, Kind::Map(_) | Kind::List(_)) {
                        value.line = line;
                        value.col = col;
                    }
                    entries.push((k, value));
                }
                None => {
                    let k = match &value.kind {
                        Kind::Str(s) => s.clone(),
                        Kind::Null => String::new(),
                        _ => {
                            return Err(Problem::new(
                                value.line,
                                value.col,
                                "a key that is a list or a map; CloudFormation keys are names",
                            ));
                        }
                    };
                    *key = Some((k, value.line, value.col));
                }
            },
        }
    }
    root.ok_or_else(|| Problem::new(1, 1, "the file holds no YAML document"))
}

/// Parses JSON into a tree. `serde_json` bounds nesting at 128 levels itself; positions are
/// found afterwards for the resources, which is where findings point.
fn json(text: &str) -> Result<Value, Problem> {
    let parsed: serde_json::Value =
        serde_json::from_str(text).map_err(|e| Problem::new(e.line(), e.column(), format!("not valid JSON: {e}")))?;
    let mut root = from_json(parsed);
    locate_resources(text, &mut root);
    Ok(root)
}

/// A `serde_json` value as a tree without positions (recursion bounded by serde_json's 128
/// levels).
fn from_json(v: serde_json::Value) -> Value {
    let kind = match v {
        serde_json::Value::Null => Kind::Null,
        serde_json::Value::Bool(b) => Kind::Str(b.to_string()),
        serde_json::Value::Number(n) => Kind::Str(n.to_string()),
        serde_json::Value::String(s) => Kind::Str(s),
        serde_json::Value::Array(items) => Kind::List(items.into_iter().map(from_json).collect()),
        serde_json::Value::Object(map) => Kind::Map(map.into_iter().map(|(k, v)| (k, from_json(v))).collect()),
    };
    Value::new(kind, 0, 0)
}

/// Gives each resource of a JSON template the line and column of its key: the first
/// `"LogicalId"` followed by a colon after the `"Resources"` key.
fn locate_resources(text: &str, root: &mut Value) {
    let Some(start) = text.find("\"Resources\"") else {
        return;
    };
    let Kind::Map(top) = &mut root.kind else { return };
    let Some((_, resources)) = top.iter_mut().find(|(k, _)| k == "Resources") else {
        return;
    };
    let Kind::Map(entries) = &mut resources.kind else {
        return;
    };
    for (id, value) in entries.iter_mut() {
        let needle = format!("\"{id}\"");
        let mut search = start;
        while let Some(i) = text[search..].find(&needle) {
            let at = search + i;
            let after = text[at + needle.len()..].trim_start();
            if after.starts_with(':') {
                let before = &text[..at];
                let line = before.matches('\n').count() + 1;
                let col = before.rsplit('\n').next().map_or(0, |l| l.chars().count()) + 1;
                value.line = line;
                value.col = col;
                break;
            }
            search = at + needle.len();
        }
    }
}
