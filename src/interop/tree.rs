//! The value tree the template readers work on: strings, lists and maps with where each value
//! starts in the source, so a finding or a warning can name a line.
//!
//! CloudFormation YAML and JSON and Terraform's HCL all read into this one shape, so the small
//! helpers that look things up (`get`, `path`, `is_true`) are written once.

/// One value of a template with its 1-based line and column (0 when unknown).
#[derive(Clone, Debug, PartialEq)]
pub(crate) struct Value {
    /// What the value holds.
    pub(crate) kind: Kind,
    /// 1-based line where the value starts; 0 when the source gives none.
    pub(crate) line: usize,
    /// 1-based column where the value starts; 0 when the source gives none.
    pub(crate) col: usize,
}

/// The shapes a value takes. Scalars are kept as their text, as board props are strings.
#[derive(Clone, Debug, PartialEq)]
pub(crate) enum Kind {
    /// `null`, `~` or an empty value.
    Null,
    /// A scalar: a string, a number or a boolean, as written.
    Str(String),
    /// A sequence.
    List(Vec<Value>),
    /// A mapping, keys in source order.
    Map(Vec<(String, Value)>),
    /// An expression the reader does not evaluate (Terraform), as its source text.
    Expr(String),
}

/// A null value for lookups that find nothing.
pub(crate) static NULL: Value = Value {
    kind: Kind::Null,
    line: 0,
    col: 0,
};

impl Value {
    /// A value at a position.
    pub(crate) fn new(kind: Kind, line: usize, col: usize) -> Value {
        Value { kind, line, col }
    }

    /// The value under `key` in a map (the first, if repeated), or null.
    pub(crate) fn get(&self, key: &str) -> &Value {
        match &self.kind {
            Kind::Map(entries) => entries.iter().find(|(k, _)| k == key).map_or(&NULL, |(_, v)| v),
            _ => &NULL,
        }
    }

    /// Every value under `key` in a map (Terraform repeats nested blocks).
    pub(crate) fn get_all<'a>(&'a self, key: &'a str) -> impl Iterator<Item = &'a Value> + 'a {
        self.entries().iter().filter(move |(k, _)| k == key).map(|(_, v)| v)
    }

    /// The value at a path of keys (`"Environment.Variables"`), or null.
    pub(crate) fn path(&self, path: &str) -> &Value {
        path.split('.').fold(self, |v, key| v.get(key))
    }

    /// The entries of a map, or none.
    pub(crate) fn entries(&self) -> &[(String, Value)] {
        match &self.kind {
            Kind::Map(entries) => entries,
            _ => &[],
        }
    }

    /// The items of a list; a single value counts as a list of one, null as none.
    pub(crate) fn items(&self) -> &[Value] {
        match &self.kind {
            Kind::List(items) => items,
            Kind::Null => &[],
            _ => std::slice::from_ref(self),
        }
    }

    /// The scalar's text, if it is one.
    pub(crate) fn str(&self) -> Option<&str> {
        match &self.kind {
            Kind::Str(s) => Some(s),
            _ => None,
        }
    }

    /// Whether the value is a scalar `true` (any case, as YAML and HCL write it).
    pub(crate) fn is_true(&self) -> bool {
        self.str().is_some_and(|s| s.eq_ignore_ascii_case("true"))
    }

    /// Whether the value is a scalar `false`.
    pub(crate) fn is_false(&self) -> bool {
        self.str().is_some_and(|s| s.eq_ignore_ascii_case("false"))
    }

    /// Whether the value is null.
    pub(crate) fn is_null(&self) -> bool {
        matches!(self.kind, Kind::Null)
    }

    /// The scalar as a whole number, if it is one.
    pub(crate) fn number(&self) -> Option<i64> {
        self.str().and_then(|s| s.trim().parse().ok())
    }
}
