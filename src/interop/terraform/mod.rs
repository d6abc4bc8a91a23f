//! Terraform (`.tf` files or a folder of them) as a reviewed board.
//!
//! `resource` blocks of the aws provider become boxes by their type (`assets/terraform.ron`),
//! VPCs and subnets become groups by membership, and local modules (`source = "./..."`) are read
//! too and drawn as groups; a module from a registry is one generic box. Node ids are resource
//! addresses (`aws_lambda_function.processor`, `module.api.aws_sqs_queue.jobs`), without a
//! `count`/`for_each` index. References are read from the expressions' text and followed through
//! locals, module inputs and outputs, roles and their policies; a variable the configuration does
//! not set leaves its edge out with a note. Edges follow DESIGN.md's data-flow rules, the same as
//! for CloudFormation.

mod parse;
mod read;

#[cfg(test)]
mod tests;

use std::collections::BTreeMap;
use std::path::{Path, PathBuf};
use std::sync::OnceLock;

use crate::interop::infra::{self, Origin, Table};
use crate::interop::{ImportError, Imported as Read, Problem, Source};
use crate::io::{self, LoadError, MAX_FILE_BYTES};
use crate::model::Board;

/// Most `.tf` files a folder with its local modules may hold.
pub const MAX_FILES: usize = 2_000;
/// Deepest chain of local modules followed.
pub const MAX_MODULE_DEPTH: usize = 8;

/// The resource type table, parsed once.
pub(crate) fn table() -> &'static Table {
    static TABLE: OnceLock<Table> = OnceLock::new();
    TABLE.get_or_init(|| Table::parse(include_str!("../../../assets/terraform.ron"), "Terraform"))
}

/// A board read from Terraform, with warnings and where each node is defined.
#[derive(Debug)]
pub struct Imported {
    /// Laid out left to right.
    pub board: Board,
    /// Unknown types, unresolved variables, modules not read, ...
    pub warnings: Vec<Problem>,
    /// Node id -> the file and line of its block.
    pub origins: BTreeMap<String, Origin>,
}

/// Whether `text` looks like Terraform: a `resource "aws_` block, an aws provider or a
/// `terraform {` block.
pub fn looks_like_terraform(text: &str) -> bool {
    text.contains("resource \"aws_") || text.contains("provider \"aws\"") || text.starts_with("terraform {")
}

/// One file of a configuration: the name it is shown by, its text, and the module scope it
/// belongs to (`""` for the root, `module.api.` inside a module).
pub(crate) struct File {
    /// Shown in origins and warnings.
    pub(crate) name: String,
    /// The file's text.
    pub(crate) text: String,
    /// The module address prefix of everything the file declares.
    pub(crate) scope: String,
}

/// Reads `.tf` files given as (name, text), all in the root module.
pub fn import(files: &[(String, String)]) -> Result<Imported, Problem> {
    let files: Vec<File> = files
        .iter()
        .map(|(name, text)| File {
            name: name.clone(),
            text: text.clone(),
            scope: String::new(),
        })
        .collect();
    import_files(&files, None)
}

/// Reads files of any scopes; `folder` (for messages) is where local modules were looked for.
fn import_files(files: &[File], title: Option<&str>) -> Result<Imported, Problem> {
    let mut warnings = Vec::new();
    let (resources, links) = read::read(files, &mut warnings)?;
    let (board, origins) = infra::build(title.unwrap_or_default(), &resources, &links, &mut warnings);
    Ok(Imported {
        board,
        warnings,
        origins,
    })
}

/// The `.tf` files directly in `dir`, sorted by name.
fn tf_files(dir: &Path) -> Result<Vec<PathBuf>, LoadError> {
    let read_err = |source| LoadError::Read {
        path: dir.display().to_string(),
        source,
    };
    let mut files: Vec<PathBuf> = std::fs::read_dir(dir)
        .map_err(read_err)?
        .filter_map(Result::ok)
        .map(|e| e.path())
        .filter(|p| p.is_file() && p.extension().is_some_and(|e| e == "tf"))
        .collect();
    files.sort();
    Ok(files)
}

/// Reads a folder of `.tf` files, and the local modules it calls, as one board.
///
/// Every file goes through [`io::read_text`]; the folder as a whole may hold at most
/// [`MAX_FILES`] files and [`MAX_FILE_BYTES`] bytes, and local modules are followed
/// [`MAX_MODULE_DEPTH`] deep.
pub fn read_folder(dir: &Path) -> Result<Read, ImportError> {
    let shown = dir.display().to_string();
    let mut files: Vec<File> = Vec::new();
    let mut total: u64 = 0;
    let mut queue: Vec<(PathBuf, String, usize)> = vec![(dir.to_path_buf(), String::new(), 0)];
    let mut notes = Vec::new();
    while let Some((folder, scope, depth)) = queue.pop() {
        let paths = tf_files(&folder)?;
        if paths.is_empty() && depth == 0 {
            return Err(ImportError::Unknown {
                path: shown,
                why: "a folder with no .tf files".to_owned(),
            });
        }
        for p in paths {
            if files.len() >= MAX_FILES {
                return Err(ImportError::Refused {
                    path: shown,
                    problem: Problem::whole(format!("more than {MAX_FILES} .tf files; refused")),
                });
            }
            let text = io::read_text(&p)?;
            total += text.len() as u64;
            if total > MAX_FILE_BYTES {
                return Err(LoadError::TooLarge {
                    path: shown,
                    size: None,
                    limit: MAX_FILE_BYTES,
                }
                .into());
            }
            let name = p.display().to_string();
            let refused = |problem: Problem| ImportError::Refused {
                path: name.clone(),
                problem,
            };
            for (module, source) in read::local_modules(&text).map_err(refused)? {
                let child = folder.join(&source);
                if depth + 1 > MAX_MODULE_DEPTH {
                    notes.push(Problem::whole(format!(
                        "{name}: module `{module}` is more than {MAX_MODULE_DEPTH} modules deep; not read"
                    )));
                } else if child.is_dir() {
                    queue.push((child, format!("{scope}module.{module}."), depth + 1));
                } else {
                    notes.push(Problem::whole(format!(
                        "{name}: module `{module}` names the folder {source}, which is not there; not read"
                    )));
                }
            }
            files.push(File {
                name,
                text,
                scope: scope.clone(),
            });
        }
    }
    let title = dir
        .canonicalize()
        .ok()
        .and_then(|d| d.file_name().map(|n| n.to_string_lossy().into_owned()))
        .unwrap_or_else(|| "Terraform".to_owned());
    let mut imported = import_files(&files, Some(&title)).map_err(|problem| ImportError::Refused {
        path: shown.clone(),
        problem,
    })?;
    notes.append(&mut imported.warnings);
    Ok(Read {
        board: imported.board,
        warnings: notes,
        source: Source::Terraform,
        origins: imported.origins,
    })
}
