//! The table between draw.io's AWS shape names and catalog ids, read from
//! `assets/drawio_aws4.ron` (data, so a new shape name needs no code).

use std::collections::HashMap;
use std::sync::OnceLock;

use serde::Deserialize;

use crate::catalog::Category;

/// The table shipped inside the binary.
const TABLE_RON: &str = include_str!("../../../assets/drawio_aws4.ron");

/// What `assets/drawio_aws4.ron` holds.
#[derive(Debug, Deserialize)]
struct File {
    fills: Vec<Fill>,
    services: Vec<Entry>,
    other_aws: Vec<(String, String)>,
    aws3: Vec<(String, String)>,
}

/// The fill colour draw.io's sidebar gives the icons of a category.
#[derive(Debug, Deserialize)]
struct Fill {
    category: Category,
    fill: String,
}

/// One catalog id and the draw.io names that stand for it.
#[derive(Debug, Deserialize)]
pub(crate) struct Entry {
    /// The catalog id.
    pub(crate) id: String,
    /// The aws4 resource icon the export writes (`resIcon=mxgraph.aws4.<icon>`).
    #[serde(default)]
    icon: String,
    /// The plain aws4 shape the export writes (`shape=mxgraph.aws4.<shape>`) when there is no
    /// resource icon.
    #[serde(default)]
    shape: String,
    /// Other aws4 names that import as this id.
    #[serde(default)]
    also: Vec<String>,
}

impl Entry {
    /// The aws4 resource icon the export writes, if the service has one.
    pub(crate) fn icon(&self) -> Option<&str> {
        Some(self.icon.as_str()).filter(|s| !s.is_empty())
    }

    /// The plain aws4 shape the export writes when there is no resource icon.
    pub(crate) fn shape(&self) -> Option<&str> {
        Some(self.shape.as_str()).filter(|s| !s.is_empty())
    }
}

/// What an aws4 or aws3 name stands for on import.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub(crate) enum Known<'a> {
    /// A catalog id.
    Service(&'a str),
    /// An AWS service without a card, with its name.
    OtherAws(&'a str),
}

/// The loaded table with its look-ups.
#[derive(Debug)]
pub(crate) struct Table {
    entries: Vec<Entry>,
    fills: HashMap<Category, String>,
    aws4: HashMap<String, usize>,
    other: HashMap<String, String>,
    aws3: HashMap<String, String>,
    by_id: HashMap<String, usize>,
}

impl Table {
    /// The table built into the program; panics only if the shipped file is broken, which the
    /// tests rule out.
    pub(crate) fn builtin() -> &'static Table {
        static TABLE: OnceLock<Table> = OnceLock::new();
        TABLE.get_or_init(|| match Table::parse(TABLE_RON) {
            Ok(t) => t,
            Err(e) => panic!("the built-in draw.io table is broken: {e}"),
        })
    }

    /// Reads the table from RON text.
    fn parse(text: &str) -> Result<Table, String> {
        let file: File = ron::from_str(text).map_err(|e| e.to_string())?;
        let mut aws4 = HashMap::new();
        let mut by_id = HashMap::new();
        for (i, e) in file.services.iter().enumerate() {
            by_id.insert(e.id.clone(), i);
            let named = [&e.icon, &e.shape].into_iter().filter(|n| !n.is_empty());
            for name in named.chain(&e.also) {
                if aws4.insert(name.clone(), i).is_some() {
                    return Err(format!("the aws4 name {name} is listed twice"));
                }
            }
        }
        Ok(Table {
            fills: file.fills.into_iter().map(|f| (f.category, f.fill)).collect(),
            other: file.other_aws.into_iter().collect(),
            aws3: file.aws3.into_iter().collect(),
            entries: file.services,
            aws4,
            by_id,
        })
    }

    /// What the aws4 name (the part after `mxgraph.aws4.`) stands for.
    pub(crate) fn aws4(&self, name: &str) -> Option<Known<'_>> {
        if let Some(&i) = self.aws4.get(name) {
            return Some(Known::Service(&self.entries[i].id));
        }
        self.other.get(name).map(|n| Known::OtherAws(n))
    }

    /// The catalog id an aws3 name (after `mxgraph.aws3.`) stands for.
    pub(crate) fn aws3(&self, name: &str) -> Option<&str> {
        self.aws3.get(name).map(String::as_str)
    }

    /// The entry the export writes for a catalog id.
    pub(crate) fn entry(&self, id: &str) -> Option<&Entry> {
        self.by_id.get(id).map(|&i| &self.entries[i])
    }

    /// draw.io's fill colour for a category's icons (`#RRGGBB`).
    pub(crate) fn fill(&self, category: Category) -> &str {
        self.fills.get(&category).map_or("#232F3D", String::as_str)
    }

    /// Every entry, for tests.
    #[cfg(test)]
    pub(crate) fn entries(&self) -> &[Entry] {
        &self.entries
    }
}
