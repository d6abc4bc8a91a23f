//! Reading the formats people already have: one entry point, [`read`], that picks the reader by
//! the file's content as well as its name.
//!
//! The command line's `import` and `check`, the app's File > Import and a file dropped on the
//! window all go through [`read`], so each reader is added once: give it a [`Source`] variant, a
//! line in [`sniff`] and an arm in [`read_text`]. Every reader yields a [`Board`] plus
//! [`Problem`]s (what it skipped or guessed), never panics, and gets its text from
//! [`io::read_text`], which bounds what is read.

pub mod cloudformation;
pub(crate) mod drawio;
pub(crate) mod excalidraw;
pub(crate) mod infra;
mod refresh;
pub mod terraform;
#[cfg(test)]
mod tests;
pub(crate) mod tree;

use std::path::Path;

use crate::catalog::Catalog;
use crate::io::{self, LoadError};
use crate::model::Board;

pub use infra::Origin;
pub use refresh::{Refreshed, refresh};

/// The formats [`read`] knows.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Source {
    /// An archboard board (RON).
    Board,
    /// A mermaid flowchart, bare or in a markdown fence.
    Mermaid,
    /// A draw.io diagram (`<mxfile>` or `<mxGraphModel>`, compressed or not).
    Drawio,
    /// An Excalidraw scene (JSON).
    Excalidraw,
    /// A CloudFormation or SAM template, YAML or JSON (CDK's `cdk.out/*.template.json` too).
    CloudFormation,
    /// Terraform: a `.tf` file or a folder of them.
    Terraform,
}

impl Source {
    /// The format's name in messages.
    pub fn name(self) -> &'static str {
        match self {
            Source::Board => "archboard board",
            Source::Mermaid => "mermaid flowchart",
            Source::Drawio => "draw.io diagram",
            Source::Excalidraw => "Excalidraw scene",
            Source::CloudFormation => "CloudFormation template",
            Source::Terraform => "Terraform configuration",
        }
    }

    /// The file extensions that name the format, for file dialogs.
    pub fn extensions(self) -> &'static [&'static str] {
        match self {
            Source::Board => &["ron"],
            Source::Mermaid => &["mmd", "mermaid", "md", "markdown", "txt"],
            Source::Drawio => &["drawio", "dio", "xml"],
            Source::Excalidraw => &["excalidraw"],
            Source::CloudFormation => &["yaml", "yml", "json", "template"],
            Source::Terraform => &["tf"],
        }
    }

    /// Every format, in the order [`sniff`] tries them.
    pub const ALL: [Source; 6] = [
        Source::Board,
        Source::Mermaid,
        Source::Drawio,
        Source::Excalidraw,
        Source::CloudFormation,
        Source::Terraform,
    ];
}

/// The extensions of every format but boards, for the File > Import dialog's filter.
pub const IMPORT_EXTENSIONS: &[&str] = &[
    "mmd",
    "mermaid",
    "md",
    "markdown",
    "txt",
    "drawio",
    "dio",
    "xml",
    "excalidraw",
    "yaml",
    "yml",
    "json",
    "template",
    "tf",
];

/// Choices a reader may take from the command line.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub struct ReadOptions {
    /// The page of a multi-page diagram (1-based); the first when `None`. Formats with one page
    /// refuse any other page.
    pub page: Option<usize>,
}

/// Something in the source a reader could not use, with where it is.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Problem {
    /// 1-based line number in the text; 0 when the source gives no position.
    pub line: usize,
    /// 1-based column, in characters; 0 when the source gives no position.
    pub col: usize,
    /// What is wrong, in the user's words.
    pub message: String,
}

impl Problem {
    /// A problem at a line and column (both 1-based).
    pub fn new(line: usize, col: usize, message: impl Into<String>) -> Problem {
        Problem {
            line,
            col,
            message: message.into(),
        }
    }

    /// A problem with no position in the text (a dropped edge of a diagram, say).
    pub fn whole(message: impl Into<String>) -> Problem {
        Problem::new(0, 0, message)
    }

    /// `file:line:col: message`, or `file: message` without a position: the command line's form.
    pub fn at(&self, file: &str) -> String {
        if self.line == 0 {
            format!("{file}: {}", self.message)
        } else {
            format!("{file}:{}:{}: {}", self.line, self.col, self.message)
        }
    }
}

impl std::fmt::Display for Problem {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        if self.line == 0 {
            f.write_str(&self.message)
        } else {
            write!(f, "line {}, column {}: {}", self.line, self.col, self.message)
        }
    }
}

impl std::error::Error for Problem {}

/// A board read from another format, with what the reader skipped or guessed.
#[derive(Debug)]
pub struct Imported {
    /// Laid out (or placed as the source placed it), ready to open, review or save.
    pub board: Board,
    /// Skipped, renamed or guessed things, in source order.
    pub warnings: Vec<Problem>,
    /// Which reader made it.
    pub source: Source,
    /// Node id -> the file and line that define it, for readers of templates (empty otherwise),
    /// so `check` can point at the resource behind a finding.
    pub origins: std::collections::BTreeMap<String, Origin>,
}

/// Why a file could not be imported. Each names the file.
#[derive(Debug, thiserror::Error)]
pub enum ImportError {
    /// The file could not be read, is too large or is not text, or is a broken board.
    #[error(transparent)]
    Load(#[from] LoadError),
    /// The content is none of the formats archboard reads.
    #[error("{path}: not a format archboard reads ({why})")]
    Unknown {
        /// The file as the user named it.
        path: String,
        /// What it looked like instead.
        why: String,
    },
    /// The reader for the format refused the content.
    #[error("{}", problem.at(path))]
    Refused {
        /// The file as the user named it.
        path: String,
        /// Where and why.
        problem: Problem,
    },
}

/// Reads the file at `path` in whichever supported format it holds; a folder is read as a
/// Terraform configuration (its `.tf` files).
pub fn read(path: &Path) -> Result<Imported, ImportError> {
    read_with(path, ReadOptions::default())
}

/// Reads the file at `path` with the command line's choices (a page of a diagram); a folder is
/// read as a Terraform configuration.
pub fn read_with(path: &Path, options: ReadOptions) -> Result<Imported, ImportError> {
    if path.is_dir() {
        return terraform::read_folder(path);
    }
    let text = io::read_text(path)?;
    read_text_with(&text, path, options)
}

/// Reads `text` that came from `path` (the name only helps to pick the format and names it in
/// messages).
pub fn read_text(text: &str, path: &Path) -> Result<Imported, ImportError> {
    read_text_with(text, path, ReadOptions::default())
}

/// [`read_text`] with the command line's choices.
pub fn read_text_with(text: &str, path: &Path, options: ReadOptions) -> Result<Imported, ImportError> {
    let shown = path.display().to_string();
    let Some(source) = sniff(path, text) else {
        return Err(ImportError::Unknown {
            path: shown,
            why: format!("looked for {}", names()),
        });
    };
    let refused = |problem| ImportError::Refused {
        path: shown.clone(),
        problem,
    };
    if options.page.is_some_and(|p| p != 1) && source != Source::Drawio {
        return Err(refused(Problem::whole(format!(
            "a {} has one page; --page applies to draw.io diagrams",
            source.name()
        ))));
    }
    let mut origins = std::collections::BTreeMap::new();
    let (mut board, mut warnings) = match source {
        Source::Board => {
            let loaded = io::parse(text, &shown)?;
            (loaded.board, loaded.warnings.into_iter().map(Problem::whole).collect())
        }
        Source::Mermaid => {
            let imported = crate::mermaid::import(text, Catalog::builtin()).map_err(refused)?;
            (imported.board, imported.warnings)
        }
        Source::Drawio => {
            let imported = drawio::import(text, options.page, Catalog::builtin()).map_err(refused)?;
            (imported.board, imported.warnings)
        }
        Source::Excalidraw => {
            let imported = excalidraw::import(text, Catalog::builtin()).map_err(refused)?;
            (imported.board, imported.warnings)
        }
        Source::CloudFormation => {
            let imported = cloudformation::import(text, &shown).map_err(refused)?;
            origins = imported.origins;
            (imported.board, imported.warnings)
        }
        Source::Terraform => {
            let imported = terraform::import(&[(shown.clone(), text.to_owned())]).map_err(refused)?;
            origins = imported.origins;
            (imported.board, imported.warnings)
        }
    };
    if source != Source::Board {
        let repaired = io::fit(&mut board, &shown)?;
        warnings.extend(repaired.into_iter().map(Problem::whole));
    }
    if board.title.trim().is_empty() {
        board.title = title_from_name(path);
    }
    Ok(Imported {
        board,
        warnings,
        source,
        origins,
    })
}

/// A label as the readers keep it: each line's whitespace collapsed to single spaces, blank
/// lines dropped, line breaks kept (notes and multi-line cards keep their lines).
pub(crate) fn tidy_label(text: &str) -> String {
    let lines: Vec<String> = text
        .lines()
        .map(|l| l.split_whitespace().collect::<Vec<_>>().join(" "))
        .filter(|l| !l.is_empty())
        .collect();
    lines.join("\n")
}

/// A title for a source that names none: the file's name without its extensions
/// (`shop.drawio.xml` -> `shop`).
fn title_from_name(path: &Path) -> String {
    let name = path.file_name().and_then(|n| n.to_str()).unwrap_or_default();
    name.split('.')
        .next()
        .filter(|s| !s.is_empty())
        .unwrap_or("Imported board")
        .to_owned()
}

/// Which format `text` holds: by its content first, then by the name's extension (so a broken
/// file of a known kind gets that reader's error rather than "not a format").
pub fn sniff(path: &Path, text: &str) -> Option<Source> {
    let start = text.trim_start_matches('\u{feff}').trim_start();
    if start.starts_with('(') || start.starts_with("Board(") || start.starts_with("#![enable") {
        return Some(Source::Board);
    }
    if crate::mermaid::looks_like_chart(text) {
        return Some(Source::Mermaid);
    }
    if drawio::looks_like(text) {
        return Some(Source::Drawio);
    }
    if excalidraw::looks_like(text) {
        return Some(Source::Excalidraw);
    }
    if cloudformation::looks_like_template(start) {
        return Some(Source::CloudFormation);
    }
    if terraform::looks_like_terraform(start) {
        return Some(Source::Terraform);
    }
    let ext = path
        .extension()
        .and_then(|e| e.to_str())
        .map(str::to_ascii_lowercase)
        .unwrap_or_default();
    Source::ALL
        .into_iter()
        .find(|s| s.extensions().contains(&ext.as_str()) && ext != "txt" && ext != "md")
}

/// "an archboard board, a mermaid flowchart": what [`read`] reads, for messages.
fn names() -> String {
    let all: Vec<&str> = Source::ALL.iter().map(|s| s.name()).collect();
    match all.split_last() {
        Some((last, rest)) if !rest.is_empty() => format!("{} or {last}", rest.join(", ")),
        _ => all.join(""),
    }
}
