//! The command line: the same work as the app, without a window.
//!
//! Exit codes: 0 done, 1 findings at or above `--fail-on`, 2 bad usage or bad input (one line on
//! stderr naming the file, line and column).

mod check;

use std::path::{Path, PathBuf};
use std::process::ExitCode;

use clap::{Parser, Subcommand, ValueEnum};

use crate::catalog::Catalog;
use crate::critique::Severity;
use crate::render::Theme;
use crate::{io, presets};

/// archboard: draw and critique AWS system designs.
#[derive(Debug, Parser)]
#[command(name = "archboard", version, about, args_conflicts_with_subcommands = true)]
pub struct Cli {
    /// A board to open in the app.
    pub file: Option<PathBuf>,
    #[command(subcommand)]
    pub command: Option<Command>,
}

/// The commands that run without a window.
#[derive(Debug, Subcommand)]
pub enum Command {
    /// Review boards (or anything `import` reads) and print the findings.
    Check {
        #[arg(required = true)]
        files: Vec<PathBuf>,
        #[arg(long, value_enum, default_value = "text")]
        format: OutputFormat,
        /// Exit 1 when a finding has this severity or worse.
        #[arg(long, value_enum, default_value = "warning")]
        fail_on: FailOn,
        /// Multiply every stated load by F (a number above 0), e.g. 10 for "what breaks at 10x?".
        #[arg(long, value_name = "F", default_value = "1", allow_hyphen_values = true)]
        load_factor: String,
    },
    /// Export a board as PNG, SVG or a mermaid flowchart (by the output's extension).
    Export {
        file: PathBuf,
        #[arg(short, long)]
        output: PathBuf,
        /// Pixels per world unit for PNG, 1 to 4.
        #[arg(long, default_value_t = 2.0, value_parser = parse_scale)]
        scale: f32,
        #[arg(long, value_enum, default_value = "light")]
        theme: ThemeArg,
        /// PNG with a transparent background.
        #[arg(long)]
        transparent: bool,
        /// Draw the review's badges on flagged nodes.
        #[arg(long)]
        badges: bool,
    },
    /// Turn a mermaid flowchart (or any format `check` reads) into a board file.
    Import {
        file: PathBuf,
        #[arg(short, long)]
        output: PathBuf,
        /// Replace the output file if it exists.
        #[arg(long)]
        force: bool,
    },
    /// List the reference architectures.
    Presets {
        #[arg(long, value_enum, default_value = "text")]
        format: OutputFormat,
    },
    /// Start a new board file, empty or from a reference architecture.
    New {
        #[arg(long)]
        preset: Option<String>,
        #[arg(short, long)]
        output: PathBuf,
        /// Replace the output file if it exists.
        #[arg(long)]
        force: bool,
    },
}

/// Text for people, JSON for tools.
#[derive(Clone, Copy, Debug, PartialEq, Eq, ValueEnum)]
pub enum OutputFormat {
    Text,
    Json,
}

/// `--theme`: the command line's own names for the themes, so `render` needs no clap.
#[derive(Clone, Copy, Debug, PartialEq, Eq, ValueEnum)]
pub enum ThemeArg {
    Light,
    Dark,
}

impl From<ThemeArg> for Theme {
    fn from(t: ThemeArg) -> Self {
        match t {
            ThemeArg::Light => Theme::Light,
            ThemeArg::Dark => Theme::Dark,
        }
    }
}

/// The lowest severity that fails `check`.
#[derive(Clone, Copy, Debug, PartialEq, Eq, ValueEnum)]
pub enum FailOn {
    Error,
    Warning,
    Info,
    Never,
}

impl FailOn {
    /// Whether a finding of `severity` fails the run.
    pub fn fails(self, severity: Severity) -> bool {
        match self {
            FailOn::Error => severity >= Severity::Error,
            FailOn::Warning => severity >= Severity::Warning,
            FailOn::Info => true,
            FailOn::Never => false,
        }
    }
}

fn parse_scale(s: &str) -> Result<f32, String> {
    let v: f32 = s.parse().map_err(|_| format!("{s:?} is not a number"))?;
    if (1.0..=4.0).contains(&v) {
        Ok(v)
    } else {
        Err("the scale must be between 1 and 4".into())
    }
}

/// A failure to report on stderr with exit code 2.
pub struct Failure(pub String);

impl<E: std::fmt::Display> From<E> for Failure {
    fn from(e: E) -> Self {
        Failure(e.to_string())
    }
}

/// Runs one command and returns the process exit code.
pub fn run(command: Command) -> ExitCode {
    let result = match command {
        Command::Check {
            files,
            format,
            fail_on,
            load_factor,
        } => check::load_factor(&load_factor).and_then(|factor| check::run(&files, format, fail_on, factor)),
        Command::Export {
            file,
            output,
            scale,
            theme,
            transparent,
            badges,
        } => export(&file, &output, scale, theme.into(), transparent, badges).map(|()| ExitCode::SUCCESS),
        Command::Import { file, output, force } => import(&file, &output, force).map(|()| ExitCode::SUCCESS),
        Command::Presets { format } => {
            list_presets(format);
            Ok(ExitCode::SUCCESS)
        }
        Command::New { preset, output, force } => {
            new_board(preset.as_deref(), &output, force).map(|()| ExitCode::SUCCESS)
        }
    };
    result.unwrap_or_else(|Failure(message)| {
        eprintln!("archboard: {message}");
        ExitCode::from(2)
    })
}

/// Reads a board, or anything `import` reads, for a command, printing what the reader repaired
/// or skipped on stderr.
fn load(path: &Path) -> Result<crate::model::Board, Failure> {
    load_imported(path).map(|i| i.board)
}

/// [`load`] keeping what the reader knows about the source (where each node is defined).
fn load_imported(path: &Path) -> Result<crate::interop::Imported, Failure> {
    let imported = crate::interop::read(path)?;
    let shown = path.display().to_string();
    for w in &imported.warnings {
        eprintln!("archboard: {}", warning_at(w, &shown));
    }
    for w in Catalog::builtin().unknown_services(&imported.board) {
        eprintln!("archboard: {shown}: warning: {w}");
    }
    Ok(imported)
}

/// `file:line:col: warning: message` (or `file: warning: message` without a position).
fn warning_at(w: &crate::interop::Problem, file: &str) -> String {
    crate::interop::Problem::new(w.line, w.col, format!("warning: {}", w.message)).at(file)
}

fn export(file: &Path, out: &Path, scale: f32, theme: Theme, transparent: bool, badges: bool) -> Result<(), Failure> {
    let board = load(file)?;
    let options = crate::export::PngOptions {
        scale,
        theme,
        transparent,
        badges,
        selection: None,
    };
    let bytes = crate::export::encode(out, &board, Catalog::builtin(), &options)?;
    io::write_atomically(out, &bytes)?;
    Ok(())
}

fn import(file: &Path, out: &Path, force: bool) -> Result<(), Failure> {
    if out.exists() && !force {
        return Err(Failure(format!(
            "{} exists already; pass --force to replace it",
            out.display()
        )));
    }
    let board = load(file)?;
    io::save(out, &board)?;
    Ok(())
}

fn list_presets(format: OutputFormat) {
    let rows: Vec<(&presets::Preset, Option<crate::model::Board>)> =
        presets::all().iter().map(|p| (p, presets::board(&p.id).ok())).collect();
    match format {
        OutputFormat::Json => {
            let items: Vec<serde_json::Value> = rows
                .iter()
                .map(|(p, b)| {
                    serde_json::json!({
                        "id": p.id, "title": p.title, "starter": p.starter, "tags": p.tags,
                        "nodes": b.as_ref().map_or(0, |b| b.nodes.len()),
                        "edges": b.as_ref().map_or(0, |b| b.edges.len()),
                        "description": p.description,
                    })
                })
                .collect();
            println!("{}", serde_json::Value::Array(items));
        }
        OutputFormat::Text => {
            let width = rows.iter().map(|(p, _)| p.id.len()).max().unwrap_or(0);
            for (p, b) in &rows {
                let (n, e) = b.as_ref().map_or((0, 0), |b| (b.nodes.len(), b.edges.len()));
                let kind = if p.starter { "  (starter)" } else { "" };
                println!("{:width$}  {:3} nodes {:3} edges  {}{kind}", p.id, n, e, p.title);
            }
        }
    }
}

fn new_board(preset: Option<&str>, out: &Path, force: bool) -> Result<(), Failure> {
    if out.exists() && !force {
        return Err(Failure(format!(
            "{} exists already; pass --force to replace it",
            out.display()
        )));
    }
    let board = match preset {
        None => {
            let stem = out.file_name().and_then(|s| s.to_str()).unwrap_or("Untitled");
            crate::model::Board::new(stem.split('.').next().unwrap_or(stem))
        }
        Some(id) => presets::board(id).map_err(|_| {
            let known: Vec<&str> = presets::all().iter().map(|p| p.id.as_str()).collect();
            Failure(format!("unknown preset \"{id}\"; known presets: {}", known.join(", ")))
        })?,
    };
    io::save(out, &board)?;
    Ok(())
}
