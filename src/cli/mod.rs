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
use crate::{console, io, presets};

/// archboard: draw and critique AWS system designs.
#[derive(Debug, Parser)]
#[command(name = "archboard", version, about, args_conflicts_with_subcommands = true)]
pub struct Cli {
    /// A board (or a diagram or chart to import) to open in the app.
    pub file: Option<PathBuf>,
    /// A command to run without a window; none opens the app.
    #[command(subcommand)]
    pub command: Option<Command>,
}

/// The commands that run without a window.
#[derive(Debug, Subcommand)]
pub enum Command {
    /// Review boards (or anything `import` reads) and print the findings.
    Check {
        /// The boards, charts or diagrams to review.
        #[arg(required = true)]
        files: Vec<PathBuf>,
        /// Text for people, JSON (one object a file) for tools.
        #[arg(long, value_enum, default_value = "text")]
        format: OutputFormat,
        /// Exit 1 when a finding has this severity or worse.
        #[arg(long, value_enum, default_value = "warning")]
        fail_on: FailOn,
        /// Multiply every stated load by F (a number above 0), e.g. 10 for "what breaks at 10x?".
        #[arg(long, value_name = "F", default_value = "1", allow_hyphen_values = true)]
        load_factor: String,
        /// Review page N (from 1) of a multi-page draw.io diagram instead of the first.
        #[arg(long, value_name = "N", value_parser = clap::value_parser!(u32).range(1..))]
        page: Option<u32>,
    },
    /// Export a board as PNG, SVG, a mermaid flowchart, a draw.io diagram or an Excalidraw scene
    /// (by the output's extension).
    Export {
        /// The board to draw.
        file: PathBuf,
        /// The file to write; its extension picks the format.
        #[arg(short, long, required_unless_present = "replay")]
        output: Option<PathBuf>,
        /// Also write the board's practice round as a time-lapse: an animated GIF (`out.gif`) or
        /// a folder of numbered PNG frames (any other name).
        #[arg(long, value_name = "OUT")]
        replay: Option<PathBuf>,
        /// Put the practice scorecard beside the board in a PNG.
        #[arg(long)]
        scorecard: bool,
        /// Pixels per world unit for PNG, 1 to 4.
        #[arg(long, default_value_t = 2.0, value_parser = parse_scale)]
        scale: f32,
        /// The colours: light or dark, as on screen.
        #[arg(long, value_enum, default_value = "light")]
        theme: ThemeArg,
        /// PNG with a transparent background.
        #[arg(long)]
        transparent: bool,
        /// Draw the review's badges on flagged nodes.
        #[arg(long)]
        badges: bool,
    },
    /// Turn a mermaid flowchart, a draw.io diagram or an Excalidraw scene (any format `check`
    /// reads) into a board file.
    Import {
        /// The chart or diagram to read.
        file: PathBuf,
        /// The board file to write.
        #[arg(short, long)]
        output: PathBuf,
        /// Replace the output file if it exists.
        #[arg(long)]
        force: bool,
        /// Import page N (from 1) of a multi-page draw.io diagram instead of the first.
        #[arg(long, value_name = "N", value_parser = clap::value_parser!(u32).range(1..))]
        page: Option<u32>,
    },
    /// List the reference architectures.
    Presets {
        /// Text for people, JSON for tools.
        #[arg(long, value_enum, default_value = "text")]
        format: OutputFormat,
    },
    /// Open the app on a practice round: pick a question and a length, then draw against the clock.
    Practice,
    /// Start a new board file, empty or from a reference architecture.
    New {
        /// The reference architecture to start from (see `presets`); none starts empty.
        #[arg(long)]
        preset: Option<String>,
        /// The board file to write.
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
    /// Lines for people.
    Text,
    /// JSON for tools: an object a file with its findings, checklist, summary and numbers.
    Json,
}

/// `--theme`: the command line's own names for the themes, so `render` needs no clap.
#[derive(Clone, Copy, Debug, PartialEq, Eq, ValueEnum)]
pub enum ThemeArg {
    /// Dark on light, the default.
    Light,
    /// Light on dark.
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
    /// Only errors fail the run.
    Error,
    /// Warnings and errors fail the run (the default).
    Warning,
    /// Any finding fails the run.
    Info,
    /// Findings never fail the run; only bad input does (exit 2).
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

/// A failure to report on stderr with exit code 2: one line naming the file and what is wrong.
pub struct Failure(pub String);

impl<E: std::fmt::Display> From<E> for Failure {
    fn from(e: E) -> Self {
        Failure(e.to_string())
    }
}

/// Why a command stopped early: a failure to report, or a reader of its output that went away.
enum Stop {
    Failed(Failure),
    Closed,
}

impl From<Failure> for Stop {
    fn from(f: Failure) -> Self {
        Stop::Failed(f)
    }
}

impl From<console::OutputError> for Stop {
    fn from(e: console::OutputError) -> Self {
        match e {
            console::OutputError::Closed => Stop::Closed,
            failed @ console::OutputError::Failed(_) => Stop::Failed(failed.into()),
        }
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
            page,
        } => check::load_factor(&load_factor)
            .map_err(Stop::from)
            .and_then(|factor| check::run(&files, format, fail_on, factor, read_options(page))),
        Command::Export {
            file,
            output,
            replay,
            scorecard,
            scale,
            theme,
            transparent,
            badges,
        } => {
            let options = crate::export::PngOptions {
                scale,
                theme: theme.into(),
                transparent,
                badges,
                selection: None,
            };
            export(&file, output.as_deref(), replay.as_deref(), scorecard, &options)
                .map(|()| ExitCode::SUCCESS)
                .map_err(Stop::from)
        }
        Command::Import {
            file,
            output,
            force,
            page,
        } => import(&file, &output, force, read_options(page))
            .map(|()| ExitCode::SUCCESS)
            .map_err(Stop::from),
        Command::Presets { format } => list_presets(format).map(|()| ExitCode::SUCCESS),
        // main opens the window for `practice`; here only if called without a window.
        Command::Practice => Err(Stop::Failed(Failure("practice opens the app window".into()))),
        Command::New { preset, output, force } => new_board(preset.as_deref(), &output, force)
            .map(|()| ExitCode::SUCCESS)
            .map_err(Stop::from),
    };
    match result {
        Ok(code) => code,
        Err(Stop::Closed) => ExitCode::SUCCESS,
        Err(Stop::Failed(Failure(message))) => {
            console::tell(&message);
            ExitCode::from(2)
        }
    }
}

/// `--page` as the readers take it.
fn read_options(page: Option<u32>) -> crate::interop::ReadOptions {
    crate::interop::ReadOptions {
        page: page.map(|p| p as usize),
    }
}

/// Reads a board, or anything `import` reads, for a command, printing what the reader repaired
/// or skipped on stderr.
fn load(path: &Path, options: crate::interop::ReadOptions) -> Result<crate::model::Board, Failure> {
    load_imported(path, options).map(|i| i.board)
}

/// [`load`] keeping what the reader knows about the source (where each node is defined).
fn load_imported(path: &Path, options: crate::interop::ReadOptions) -> Result<crate::interop::Imported, Failure> {
    let imported = crate::interop::read_with(path, options)?;
    let shown = path.display().to_string();
    for w in &imported.warnings {
        console::tell(&warning_at(w, &shown));
    }
    for w in Catalog::builtin().unknown_services(&imported.board) {
        console::tell(&format!("{shown}: warning: {w}"));
    }
    Ok(imported)
}

/// `file:line:col: warning: message` (or `file: warning: message` without a position).
fn warning_at(w: &crate::interop::Problem, file: &str) -> String {
    crate::interop::Problem::new(w.line, w.col, format!("warning: {}", w.message)).at(file)
}

fn export(
    file: &Path,
    out: Option<&Path>,
    replay: Option<&Path>,
    scorecard: bool,
    options: &crate::export::PngOptions,
) -> Result<(), Failure> {
    let board = load(file, crate::interop::ReadOptions::default())?;
    let failed = |e: crate::export::ExportError| match e {
        crate::export::ExportError::UnknownFormat(_) => Failure(e.to_string()),
        _ => Failure(format!("{}: {e}", file.display())),
    };
    if let Some(out) = out {
        let is_png = out.extension().is_some_and(|e| e.eq_ignore_ascii_case("png"));
        let bytes = if scorecard && is_png {
            let picture = crate::export::image(&board, Catalog::builtin(), options).map_err(failed)?;
            let round = board.round.as_ref().map(crate::practice::Round::restore);
            let card = crate::practice::scorecard(&board, Catalog::builtin(), round.as_ref(), 0.0);
            let ppp = crate::export::fitted_scale(crate::export::export_area(&board, options), options.scale)
                .map_err(failed)?;
            let both = crate::export::with_scorecard(&picture, &card, options.theme, ppp);
            crate::export::png_bytes(&both).map_err(failed)?
        } else if scorecard {
            return Err(Failure(format!(
                "{}: --scorecard draws a panel in a PNG; give an output ending in .png",
                out.display()
            )));
        } else {
            crate::export::encode(out, &board, Catalog::builtin(), options).map_err(failed)?
        };
        io::write_atomically(out, &bytes)?;
    }
    if let Some(target) = replay {
        let frames = crate::export::replay::frames(&board, Catalog::builtin(), options).map_err(failed)?;
        if target.extension().is_some_and(|e| e.eq_ignore_ascii_case("gif")) {
            io::write_atomically(target, &crate::export::replay::gif(&frames).map_err(failed)?)?;
        } else {
            std::fs::create_dir_all(target)
                .map_err(|e| Failure(format!("{}: cannot make the folder: {e}", target.display())))?;
            for (name, bytes) in crate::export::replay::png_frames(&frames).map_err(failed)? {
                io::write_atomically(&target.join(name), &bytes)?;
            }
        }
    }
    Ok(())
}

fn import(file: &Path, out: &Path, force: bool, options: crate::interop::ReadOptions) -> Result<(), Failure> {
    if out.exists() && !force {
        return Err(Failure(format!(
            "{} exists already; pass --force to replace it",
            out.display()
        )));
    }
    let imported = load_imported(file, options)?;
    let mut board = imported.board;
    if imported.source != crate::interop::Source::Board {
        board.source = Some(source_seen_from(file, out));
    }
    io::save(out, &board)?;
    Ok(())
}

/// Where the imported `file` is, as the board written to `out` will look for it on Reimport:
/// relative to the board's folder when the source lies inside it (a board kept beside its
/// template in a repository), absolute otherwise.
fn source_seen_from(file: &Path, out: &Path) -> String {
    let absolute = |p: &Path| std::path::absolute(p).unwrap_or_else(|_| p.to_path_buf());
    let source = absolute(file);
    let folder = absolute(out).parent().map(Path::to_path_buf).unwrap_or_default();
    source
        .strip_prefix(&folder)
        .map_or_else(|_| source.display().to_string(), |rel| rel.display().to_string())
}

fn list_presets(format: OutputFormat) -> Result<(), Stop> {
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
            console::print(&format!("{}\n", serde_json::Value::Array(items)))?;
        }
        OutputFormat::Text => {
            let width = rows.iter().map(|(p, _)| p.id.len()).max().unwrap_or(0);
            let mut text = String::new();
            for (p, b) in &rows {
                let (n, e) = b.as_ref().map_or((0, 0), |b| (b.nodes.len(), b.edges.len()));
                let kind = if p.starter { "  (starter)" } else { "" };
                text += &format!("{:width$}  {:3} nodes {:3} edges  {}{kind}\n", p.id, n, e, p.title);
            }
            console::print(&text)?;
        }
    }
    Ok(())
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
