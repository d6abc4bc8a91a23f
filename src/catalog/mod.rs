//! The services and generic components a board is drawn from, loaded from `assets/catalog.ron`.
//!
//! The catalog is data: adding a service means adding an entry and an icon, never code. The rules
//! ask it for tags (`compute`, `data_store`, ...) rather than naming services, so a new compute
//! service is judged like the others.

mod search;

use std::collections::HashMap;
use std::sync::OnceLock;

use serde::Deserialize;

/// The catalog shipped inside the binary.
const CATALOG_RON: &str = include_str!("../../assets/catalog.ron");

/// The id used for anything the catalog does not know.
pub const GENERIC: &str = "service";

/// Every service the program knows, with the props they declare.
#[derive(Debug, Deserialize)]
pub struct Catalog {
    /// Services in palette order.
    pub services: Vec<Service>,
    /// The props services may declare, by name.
    pub props: Vec<PropSpec>,
    #[serde(skip)]
    index: HashMap<String, usize>,
    /// Every name, short name, id and alias split into lower-case words, built on first use:
    /// recognising services in thousands of imported labels reads them for each label.
    #[serde(skip)]
    phrases: OnceLock<Vec<Phrase>>,
}

/// A service's name or alias as words, for matching labels (see [`Catalog::phrases`]).
#[derive(Debug)]
pub(crate) struct Phrase {
    /// Index of the service in [`Catalog::services`].
    pub(crate) service: usize,
    /// The phrase's lower-case words.
    pub(crate) words: Vec<String>,
    /// A name, short name or id (true) rather than an alias.
    pub(crate) is_name: bool,
}

/// One AWS service or generic component.
#[derive(Debug, Deserialize)]
pub struct Service {
    /// Snake-case id stored in files, e.g. `"api_gateway"`.
    pub id: String,
    /// Display name, e.g. `"Amazon API Gateway"`.
    pub name: String,
    /// A short name for tight spaces, e.g. `"API Gateway"`.
    pub short: String,
    /// The palette section it is listed in, which also picks its colour.
    pub category: Category,
    /// Other words people use for it; search matches them ("Redis" finds ElastiCache).
    #[serde(default)]
    pub aliases: Vec<String>,
    /// One line with a key fact, shown as the palette tooltip.
    pub description: String,
    /// What the rules may assume about it.
    #[serde(default)]
    pub tags: Vec<Tag>,
    /// Names of the props the inspector offers for it (see [`Catalog::props`]).
    #[serde(default)]
    pub props: Vec<String>,
}

/// Palette sections; each has its own colour.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, PartialOrd, Ord, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Category {
    /// Lambda, EC2, Batch: where code runs.
    Compute,
    /// ECS, EKS, Fargate and their registries.
    Containers,
    /// Object, file and block storage.
    Storage,
    /// Relational, key-value and other managed databases.
    Database,
    /// VPC pieces, load balancers, DNS and CDNs.
    Networking,
    /// Queues, topics, buses and workflows that join services.
    Integration,
    /// Streams, warehouses and query engines.
    Analytics,
    /// Identity, firewalls, keys and secrets.
    Security,
    /// Monitoring, tracing and governance.
    Management,
    /// Build, deploy and pipeline services.
    DeveloperTools,
    /// Model training and inference services.
    MachineLearning,
    /// Clients, notes and boxes that are not an AWS service.
    Generic,
}

impl Category {
    /// Every category in palette order.
    pub const ALL: [Category; 12] = [
        Category::Compute,
        Category::Containers,
        Category::Storage,
        Category::Database,
        Category::Networking,
        Category::Integration,
        Category::Analytics,
        Category::Security,
        Category::Management,
        Category::DeveloperTools,
        Category::MachineLearning,
        Category::Generic,
    ];

    /// The section title in the palette.
    pub fn title(self) -> &'static str {
        match self {
            Category::Compute => "Compute",
            Category::Containers => "Containers",
            Category::Storage => "Storage",
            Category::Database => "Database",
            Category::Networking => "Networking",
            Category::Integration => "Integration",
            Category::Analytics => "Analytics",
            Category::Security => "Security",
            Category::Management => "Management",
            Category::DeveloperTools => "Developer tools",
            Category::MachineLearning => "Machine learning",
            Category::Generic => "Generic",
        }
    }

    /// The category colour as `0xRRGGBB`; icons use the same colours.
    pub fn colour(self) -> u32 {
        match self {
            Category::Compute => 0xE07B00,
            Category::Containers => 0xC8511B,
            Category::Storage => 0x3F8624,
            Category::Database => 0x3B48CC,
            Category::Networking => 0x7B4FE0,
            Category::Integration => 0xD6246E,
            Category::Analytics => 0x0F7C8C,
            Category::Security => 0xD13245,
            Category::Management => 0xA3166B,
            Category::DeveloperTools => 0x2E73B8,
            Category::MachineLearning => 0x018F78,
            Category::Generic => 0x5A6B7B,
        }
    }
}

/// What a service is, for the rules.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Tag {
    /// A front door that clients call (API Gateway, ALB, AppSync...).
    Entry,
    /// Runs application code; an edge from it to a data store makes it a reader.
    Compute,
    /// Keeps data at rest.
    DataStore,
    /// Holds messages until a consumer takes them (buffers a burst, has a dead-letter queue).
    Queue,
    /// An ordered log read by many consumers, sized in shards.
    Stream,
    /// Answers repeated reads without the database.
    Cache,
    /// Serves content from the edge, close to clients.
    Cdn,
    /// Collects metrics and raises alarms.
    Monitoring,
    /// Follows one request across services.
    Tracing,
    /// Filters requests by rule (a WAF).
    Firewall,
    /// Absorbs denial-of-service floods.
    Ddos,
    /// Signs users in or checks their tokens.
    Auth,
    /// Holds or applies encryption keys.
    Encryption,
    /// Grows and shrinks capacity with load.
    Scaling,
    /// Takes backups of data stores.
    Backup,
    /// Someone outside the system: users, apps, partners.
    Client,
}

/// A setting a service may carry, with the widget the inspector uses for it.
#[derive(Debug, Deserialize)]
pub struct PropSpec {
    /// The key stored in a node's props, e.g. `monthly_cost_usd`.
    pub name: String,
    /// Which widget edits it and which values are valid.
    pub kind: PropKind,
    /// One line for the inspector tooltip.
    pub help: String,
}

/// The type of a prop's value (files always store strings).
#[derive(Debug, Clone, PartialEq, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum PropKind {
    /// `"true"` or `"false"`.
    Bool,
    /// A decimal number, e.g. `monthly_cost_usd`.
    Number,
    /// One of the listed values.
    Choice(Vec<String>),
    /// Free text.
    Text,
}

/// Why the embedded or a given catalog could not be read.
#[derive(Debug, thiserror::Error)]
pub enum CatalogError {
    #[error("catalog.ron line {line}, column {col}: {msg}")]
    /// The file is not valid RON.
    Syntax {
        /// Line of the error, from 1.
        line: usize,
        /// Column of the error, from 1.
        col: usize,
        /// What the parser expected.
        msg: String,
    },
    /// The file parsed but says something impossible (a duplicate id, an unknown prop).
    #[error("catalog: {0}")]
    Invalid(String),
}

impl Catalog {
    /// The catalog built into the program. Panics only if the shipped file is broken, which
    /// the test suite rules out.
    pub fn builtin() -> &'static Catalog {
        static CATALOG: OnceLock<Catalog> = OnceLock::new();
        CATALOG.get_or_init(|| match Catalog::parse(CATALOG_RON) {
            Ok(c) => c,
            Err(e) => panic!("the built-in catalog is broken: {e}"),
        })
    }

    /// Reads a catalog from RON text and checks that ids and prop names are consistent.
    pub fn parse(text: &str) -> Result<Catalog, CatalogError> {
        let mut catalog: Catalog = ron::from_str(text).map_err(|e| CatalogError::Syntax {
            line: e.span.start.line,
            col: e.span.start.col,
            msg: e.code.to_string(),
        })?;
        for (i, s) in catalog.services.iter().enumerate() {
            if catalog.index.insert(s.id.clone(), i).is_some() {
                return Err(CatalogError::Invalid(format!("duplicate service id {}", s.id)));
            }
            if let Some(p) = s
                .props
                .iter()
                .find(|p| !catalog.props.iter().any(|spec| &spec.name == *p))
            {
                return Err(CatalogError::Invalid(format!("{} declares unknown prop {p}", s.id)));
            }
        }
        if !catalog.index.contains_key(GENERIC) {
            return Err(CatalogError::Invalid(format!(
                "no '{GENERIC}' entry for unknown services"
            )));
        }
        Ok(catalog)
    }

    /// Every service's names, id and aliases as lower-case words (split at anything but letters
    /// and digits), in catalog order: names first, then the id, then aliases.
    pub(crate) fn phrases(&self) -> &[Phrase] {
        self.phrases.get_or_init(|| {
            let words = |text: &str| -> Vec<String> {
                text.split(|c: char| !c.is_alphanumeric())
                    .filter(|w| !w.is_empty())
                    .map(str::to_lowercase)
                    .collect()
            };
            let mut all = Vec::new();
            for (i, s) in self.services.iter().enumerate() {
                let named = [s.name.clone(), s.short.clone(), s.id.replace('_', " ")];
                for text in &named {
                    all.push(Phrase {
                        service: i,
                        words: words(text),
                        is_name: true,
                    });
                }
                for a in &s.aliases {
                    all.push(Phrase {
                        service: i,
                        words: words(a),
                        is_name: false,
                    });
                }
            }
            all
        })
    }

    /// The service with this id.
    pub fn get(&self, id: &str) -> Option<&Service> {
        self.index.get(id).map(|&i| &self.services[i])
    }

    /// The service with this id, or the generic box for ids the catalog does not know.
    pub fn get_or_generic(&self, id: &str) -> &Service {
        self.get(id).or_else(|| self.get(GENERIC)).unwrap_or(&self.services[0])
    }

    /// Whether the service `id` carries `tag`; unknown services carry none.
    pub fn has_tag(&self, id: &str, tag: Tag) -> bool {
        self.get(id).is_some_and(|s| s.tags.contains(&tag))
    }

    /// The definition of a prop by name.
    pub fn prop(&self, name: &str) -> Option<&PropSpec> {
        self.props.iter().find(|p| p.name == name)
    }
}

impl Service {
    /// Whether the service carries `tag`.
    pub fn has(&self, tag: Tag) -> bool {
        self.tags.contains(&tag)
    }
}

#[cfg(test)]
mod tests;

impl Catalog {
    /// One warning per service id on the board that the catalog does not know; such nodes are
    /// drawn as generic boxes and keep their id, so nothing is lost when the file is saved.
    pub fn unknown_services(&self, board: &crate::model::Board) -> Vec<String> {
        let mut unknown: Vec<&str> = board
            .nodes
            .iter()
            .map(|n| n.service.as_str())
            .filter(|s| self.get(s).is_none())
            .collect();
        unknown.sort_unstable();
        unknown.dedup();
        unknown
            .into_iter()
            .map(|s| format!("unknown service \"{s}\" is shown as a generic box"))
            .collect()
    }
}
