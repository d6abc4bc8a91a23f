//! The window: menus, side panels, the canvas, the status bar and the dialogs around them.
//!
//! Panels and menus push [`Command`]s; [`apply`] carries them out at the end of each frame.

mod apply;

use std::path::{Path, PathBuf};

use egui::{Align, Layout, RichText, ViewportCommand};

use super::canvas::Canvas;
use super::commands::{Command, Commands, Unsaved};
use super::document::Document;
use super::files::{FileTask, Files};
use super::recent::{Recent, Settings};
use crate::catalog::Catalog;
use crate::critique::{self, Review};
use crate::io::recovery::{AUTOSAVE_EVERY, Recovery, RecoveryCopy, session_id};
use crate::model::Board;
use crate::render::{Icons, Theme};
use crate::text::count;

/// Something that would discard unsaved changes, waiting for the user's answer.
#[derive(Clone, Debug, PartialEq)]
pub enum Discard {
    New,
    Open(Option<PathBuf>),
    Preset(String),
    Quit,
}

/// A message in the status bar: what happened, or what went wrong.
#[derive(Clone, Debug)]
pub struct Notice {
    /// The message itself.
    pub text: String,
    /// Whether it reports something that went wrong (shown as an error).
    pub error: bool,
    /// When it was first shown (egui time, seconds): it goes a few seconds later.
    pub shown_at: Option<f64>,
}

/// The widest the right panel (inspector, numbers, review) gets, in points.
const RIGHT_PANEL_MAX: f32 = 420.0;

/// How long a status message stays, in seconds; the next action replaces it sooner.
const NOTICE_SECONDS: f64 = 6.0;

/// The whole app state.
pub struct App {
    /// The board being edited, with its undo history and file.
    pub doc: Document,
    /// The drawing area: the view, the selection and any drag in progress.
    pub canvas: Canvas,
    /// Light or dark, as the user last chose; remembered between runs.
    pub theme: Theme,
    /// Whether the grid shows (and moves snap to it); remembered between runs.
    pub show_grid: bool,
    /// The service icons, loaded once and shared by the palette and the canvas.
    pub icons: Icons,
    /// What the user typed into the service palette's search box.
    pub palette_query: String,
    /// Recently opened or saved boards, for File > Open recent.
    pub recent: Recent,
    /// The unsaved-changes question on screen, if any.
    pub pending: Option<Discard>,
    /// Whether the preset gallery window is open.
    pub gallery_open: bool,
    gallery_query: String,
    /// Whether the keyboard shortcuts window is open.
    pub shortcuts_open: bool,
    /// The message the status bar shows, if any.
    pub notice: Option<Notice>,
    review: Option<(u64, std::sync::Arc<Review>)>,
    /// The review at ten times the stated load, cached by revision like `review`.
    review_10x: Option<(u64, std::sync::Arc<Review>)>,
    /// View > Numbers: load and cost on the canvas.
    pub show_numbers: bool,
    /// The folder of AWS's icon package in use (View > Icon set…), if any.
    pub icon_set: Option<PathBuf>,
    /// The Numbers panel: the 10x toggle and the estimator's inputs.
    pub numbers_state: super::numbers::NumbersState,
    review_state: super::review::ReviewState,
    /// Set once the user agreed to close, so the next close request goes through.
    closing: bool,
    shown_title: String,
    last_export_dir: Option<PathBuf>,
    autosave: Autosave,
    /// The file dialog, or the typed-path prompt where no dialog opens.
    pub files: Files,
    /// Where the theme and grid are remembered; `None` in tests.
    settings_store: Option<PathBuf>,
    /// The find bar (Ctrl+F).
    pub find: super::find::Find,
    /// The command palette (Ctrl+K).
    pub command_palette: super::command_palette::CommandPalette,
    /// Commands asked for during this frame, carried out at its end.
    commands: Commands,
    /// The practice round: its setup window, the round and the scorecard window.
    pub practice: super::practice::Practice,
    /// Whether the window is cleared to the panels' colour, so the side panels need not paint
    /// it again (see [`App::clear_panels`]).
    cleared_to_panels: bool,
}

/// Recovery copies of unsaved work: written while the board is dirty, offered after a crash.
#[derive(Default)]
struct Autosave {
    recovery: Option<Recovery>,
    session: String,
    /// The revision last written, and when.
    written: Option<(u64, std::time::Instant)>,
    /// Copies left by an app that died, waiting for the user's answer.
    offered: Vec<RecoveryCopy>,
}

impl App {
    /// A new app with an empty board, styled for `ctx`.
    pub fn new(ctx: &egui::Context) -> App {
        let app = App {
            doc: Document::default(),
            canvas: Canvas::default(),
            theme: Theme::Light,
            show_grid: true,
            icons: Icons::default(),
            palette_query: String::new(),
            recent: Recent::default(),
            pending: None,
            gallery_open: false,
            gallery_query: String::new(),
            shortcuts_open: false,
            notice: None,
            review: None,
            review_10x: None,
            show_numbers: false,
            icon_set: None,
            numbers_state: Default::default(),
            review_state: Default::default(),
            closing: false,
            shown_title: String::new(),
            last_export_dir: None,
            autosave: Autosave::default(),
            files: Files::default(),
            settings_store: None,
            find: Default::default(),
            command_palette: Default::default(),
            commands: Commands::default(),
            practice: super::practice::Practice::default(),
            cleared_to_panels: false,
        };
        app.apply_theme(ctx);
        crate::render::fonts::install(ctx);
        app
    }

    /// Lets the window's clear colour stand for the panels' fill (eframe clears to
    /// [`eframe::App::clear_color`] before every frame): on a software GL driver every filled
    /// pixel costs, and the panels cover a third of the window. Off where nothing clears first
    /// (the tests' renderer), so the panels paint their fill themselves.
    pub fn clear_panels(&mut self, on: bool) {
        self.cleared_to_panels = on;
    }

    /// The frame of a side, top or bottom panel: without a fill when the clear colour gives it.
    fn panel_frame(&self, ui: &egui::Ui) -> egui::Frame {
        let frame = egui::Frame::side_top_panel(ui.style());
        if self.cleared_to_panels {
            frame.fill(egui::Color32::TRANSPARENT)
        } else {
            frame
        }
    }

    /// Turns recovery copies on, kept in `dir`, and offers any copies a crashed app left there.
    pub fn recovery_enabled(&mut self, dir: PathBuf) {
        let recovery = Recovery::new(dir);
        self.autosave.offered = recovery.list();
        self.autosave.session = session_id();
        self.autosave.recovery = Some(recovery);
    }

    /// Writes a recovery copy when the board has unsaved changes not yet copied and the last
    /// copy is older than [`AUTOSAVE_EVERY`]; removes the copy once the board is clean.
    /// Once the user quit (after saving, or choosing not to), nothing is copied again: the
    /// frames before the window closes would otherwise write back the copy just discarded.
    fn autosave(&mut self, ctx: &egui::Context) {
        let Some(recovery) = &self.autosave.recovery else {
            return;
        };
        if self.closing {
            return;
        }
        if !self.doc.is_dirty() {
            if self.autosave.written.take().is_some() {
                recovery.remove(&self.autosave.session);
            }
            return;
        }
        let rev = self.doc.revision();
        let due = match self.autosave.written {
            Some((written, _)) if written == rev => return,
            Some((_, at)) => AUTOSAVE_EVERY.saturating_sub(at.elapsed()),
            None => std::time::Duration::ZERO,
        };
        if !due.is_zero() {
            ctx.request_repaint_after(due);
            return;
        }
        match recovery.write(&self.autosave.session, self.doc.path.as_deref(), &self.doc.board) {
            Ok(()) => self.autosave.written = Some((rev, std::time::Instant::now())),
            Err(e) => self.complain(format!("Could not write a recovery copy: {e}")),
        }
    }

    /// Removes this session's recovery copy (a clean quit, or the user chose to discard).
    fn drop_recovery_copy(&mut self) {
        if let Some(recovery) = &self.autosave.recovery {
            recovery.remove(&self.autosave.session);
        }
        self.autosave.written = None;
    }

    fn recovery_prompt(&mut self, ctx: &egui::Context) {
        let Some(copy) = self.autosave.offered.first().cloned() else {
            return;
        };
        let mut answer = None;
        egui::Modal::new(egui::Id::unique("recovery")).show(ctx, |ui| {
            ui.set_width(420.0);
            ui.heading("Restore unsaved work?");
            ui.label("archboard did not close cleanly last time. A recovery copy was found:");
            let when = copy
                .saved_at
                .elapsed()
                .map_or_else(|_| "just now".to_owned(), |d| ago(d.as_secs()));
            let file = copy
                .original
                .as_ref()
                .map_or("a new board".to_owned(), |p| p.display().to_string());
            ui.label(
                RichText::new(format!(
                    "\"{}\", {} nodes, saved {when}\nfrom {file}",
                    copy.title, copy.nodes
                ))
                .strong(),
            );
            ui.horizontal(|ui| {
                if ui.button("Restore").clicked() {
                    answer = Some(true);
                }
                if ui.button("Discard").clicked() {
                    answer = Some(false);
                }
            });
        });
        if let Some(restore) = answer {
            self.commands.push(Command::Restore(restore));
        }
    }

    /// Restores the recovery copy offered first (`restore`) or throws it away, for the
    /// command applier.
    pub(super) fn restore(&mut self, restore: bool) {
        let Some(copy) = self.autosave.offered.first().cloned() else {
            return;
        };
        self.autosave.offered.remove(0);
        let Some(recovery) = &self.autosave.recovery else {
            return;
        };
        let restored = restore.then(|| recovery.load(&copy));
        // A restored board is dirty, so this session writes its own copy from now on; a copy
        // that failed to load stays on disk for the user to open by hand.
        if !matches!(restored, Some(Err(_))) {
            recovery.discard(&copy);
        }
        match restored {
            Some(Ok(board)) => {
                let mut doc = Document::new(board, copy.original.clone());
                doc.history.mark_unsaved();
                self.replace_document(doc);
                self.say("Restored the recovery copy; save it to keep it");
            }
            Some(Err(e)) => self.complain(e.to_string()),
            None => {}
        }
    }

    /// The text the last Copy put on the clipboard (what a paste in another window receives).
    pub fn canvas_copied(&self) -> Option<String> {
        self.canvas.copied()
    }

    /// Turns the persistent recent-files list on (off in tests, which must not touch the
    /// user's data folder).
    pub fn recent_enabled(&mut self, on: bool) {
        self.recent = if on { Recent::load() } else { Recent::default() };
    }

    /// Remembers the theme and the grid in `store` from now on, starting from what it holds.
    pub fn settings_enabled(&mut self, store: PathBuf, ctx: &egui::Context) {
        let settings = Settings::load(&store);
        self.theme = settings.theme;
        self.show_grid = settings.grid;
        self.show_numbers = settings.numbers;
        if settings.icon_set.is_some() {
            self.use_icon_set(settings.icon_set);
        }
        self.settings_store = Some(store);
        self.apply_theme(ctx);
    }

    /// Draws with the icons of AWS's package in `folder` where it has them (ours elsewhere),
    /// or with ours alone for `None`; says how many it found.
    pub fn use_icon_set(&mut self, folder: Option<PathBuf>) {
        let Some(folder) = folder else {
            crate::render::use_icon_set(None);
            self.icon_set = None;
            return;
        };
        match crate::render::IconSet::load(&folder) {
            Ok(set) if set.is_empty() => {
                self.complain(format!(
                    "{} holds none of AWS's icons by their package names (Arch_AWS-Lambda_64.svg, ...)",
                    folder.display()
                ));
            }
            Ok(set) => {
                self.say(format!("Using {} of AWS's icons from {}", set.len(), folder.display()));
                crate::render::use_icon_set(Some(set));
                self.icon_set = Some(folder);
            }
            Err(e) => self.complain(format!("{}: {e}", folder.display())),
        }
    }

    /// Stores the theme and the grid, when settings are remembered.
    fn remember_settings(&self) {
        if let Some(store) = &self.settings_store {
            Settings {
                theme: self.theme,
                grid: self.show_grid,
                numbers: self.show_numbers,
                icon_set: self.icon_set.clone(),
            }
            .save(store);
        }
    }

    /// The review of the current board, recomputed only when the board changed.
    pub fn review(&mut self) -> std::sync::Arc<Review> {
        let rev = self.doc.revision();
        match &self.review {
            Some((r, review)) if *r == rev => review.clone(),
            _ => {
                let review = std::sync::Arc::new(critique::review(&self.doc.board, Catalog::builtin()));
                self.canvas.marks.set_badges(&review);
                self.review = Some((rev, review.clone()));
                review
            }
        }
    }

    /// The review with every stated load multiplied by ten ("what breaks at 10x?"), recomputed
    /// only when the board changed.
    pub fn review_10x(&mut self) -> std::sync::Arc<Review> {
        let rev = self.doc.revision();
        match &self.review_10x {
            Some((r, review)) if *r == rev => review.clone(),
            _ => {
                let review = std::sync::Arc::new(critique::review_at(&self.doc.board, Catalog::builtin(), 10.0));
                self.review_10x = Some((rev, review.clone()));
                review
            }
        }
    }

    fn apply_theme(&self, ctx: &egui::Context) {
        ctx.set_theme(match self.theme {
            Theme::Light => egui::Theme::Light,
            Theme::Dark => egui::Theme::Dark,
        });
    }

    fn say(&mut self, text: impl Into<String>) {
        self.notice = Some(Notice {
            text: text.into(),
            error: false,
            shown_at: None,
        });
    }

    /// Says what an action did, or complains about why it did nothing.
    fn report(&mut self, result: Result<String, String>) {
        match result {
            Ok(text) => self.say(text),
            Err(text) => self.complain(text),
        }
    }

    fn complain(&mut self, text: impl Into<String>) {
        self.notice = Some(Notice {
            text: text.into(),
            error: true,
            shown_at: None,
        });
    }

    /// Replaces the document (after any unsaved-changes question was answered).
    pub fn replace_document(&mut self, doc: Document) {
        self.doc = doc;
        self.canvas.reset();
        self.review = None;
        self.review_10x = None;
        if self.practice.adopt(&self.doc.board) {
            let at = self.practice.round.as_ref().map_or(0.0, |r| r.elapsed(0.0));
            self.say(format!(
                "This board holds a practice round, paused at {}: Resume on the bar to carry on",
                super::practice::clock(at)
            ));
        }
    }

    /// Opens `path`: a board as itself, any other format `interop` reads as a new, unsaved board
    /// (so File > Open, File > Import, a dropped file and the command line's FILE behave alike).
    /// Errors go to the status bar and keep the current board.
    pub fn open_path(&mut self, path: &Path) {
        let imported = match crate::interop::read(path) {
            Ok(imported) => imported,
            Err(e) => {
                if !path.exists() {
                    self.recent.remove(path);
                }
                return self.complain(e.to_string());
            }
        };
        let is_board = imported.source == crate::interop::Source::Board;
        let mut board = imported.board;
        if !is_board {
            // Remembered for File > Reimport; absolute, as the new board has no folder yet.
            board.source = Some(
                std::path::absolute(path)
                    .unwrap_or_else(|_| path.to_path_buf())
                    .display()
                    .to_string(),
            );
        }
        let mut doc = Document::new(board, is_board.then(|| path.to_path_buf()));
        if is_board {
            self.recent.add(path);
        } else {
            doc.history.mark_unsaved();
        }
        self.replace_document(doc);
        let mut warnings: Vec<String> = imported.warnings.iter().map(ToString::to_string).collect();
        warnings.extend(Catalog::builtin().unknown_services(&self.doc.board));
        let done = if is_board {
            format!("Opened {}", self.doc.display_name())
        } else {
            format!("Imported {} ({})", path.display(), imported.source.name())
        };
        match warnings.first() {
            Some(first) if warnings.len() > 1 => {
                self.complain(format!("{done} with {} warnings: {first}, …", warnings.len()));
            }
            Some(first) => self.complain(format!("{done} with a warning: {first}")),
            None => self.say(done),
        }
    }

    /// Reads the board's source again and takes it over as one undo step, keeping the positions
    /// of what is still there (`interop::refresh`); a relative source is relative to the board's
    /// file.
    fn reimport(&mut self) {
        let Some(source) = self.doc.board.source.clone() else {
            return self.complain("This board was not imported from a template or diagram: nothing to reimport");
        };
        let mut path = PathBuf::from(&source);
        if path.is_relative()
            && let Some(dir) = self.doc.path.as_ref().and_then(|p| p.parent())
        {
            path = dir.join(path);
        }
        let fresh = match crate::interop::read(&path) {
            Ok(imported) => imported.board,
            Err(e) => return self.complain(format!("Reimport: {e}")),
        };
        let (after, done) = crate::interop::refresh(&self.doc.board, fresh);
        let edit = crate::history::ops::replaced_by(&self.doc.board, &after, "Reimport");
        if edit.is_empty() {
            return self.say(format!("Reimported {}: nothing changed", path.display()));
        }
        self.doc.apply(edit);
        self.say(format!("Reimported {}: {done}", path.display()));
    }

    /// Starts a practice round on a new board whose notes have a section per phase. A board
    /// with unsaved changes is kept: the user saves or discards it first.
    fn start_round(&mut self, question: String, level: crate::practice::Level, minutes: f64, ctx: &egui::Context) {
        if self.doc.is_dirty() {
            return self.complain("Save or discard this board first: a round starts on a new board");
        }
        let mut board = crate::model::Board::new(question.clone());
        board.notes = crate::practice::notes_with_sections("");
        self.replace_document(Document::new(board, None));
        let now = ctx.input(|i| i.time);
        self.practice.begin(
            &mut self.doc.board,
            crate::practice::Round::start(question, level, minutes, now),
        );
        self.say(format!("Round started: {minutes:.0} minutes"));
    }

    /// The scorecard of the board and the round at `now`, from the reviews cached by revision.
    fn scorecard(&mut self, now: f64) -> crate::practice::Scorecard {
        let (review, at_10x) = (self.review(), self.review_10x());
        crate::practice::scorecard_from(&self.doc.board, &review, &at_10x, self.practice.round.as_ref(), now)
    }

    /// Writes the scorecard as Markdown beside the board's file (`shop.scorecard.md`).
    fn export_scorecard(&mut self, ctx: &egui::Context) {
        let Some(path) = self.doc.path.clone() else {
            return self.complain("Save the board first: its scorecard is written beside it");
        };
        let now = ctx.input(|i| i.time);
        let card = self.scorecard(now);
        let name = path.file_name().and_then(|n| n.to_str()).unwrap_or("board");
        let stem = name.split('.').next().unwrap_or("board");
        let out = path.with_file_name(format!("{stem}.scorecard.md"));
        match crate::io::write_atomically(&out, card.to_markdown().as_bytes()) {
            Ok(()) => self.say(format!("Wrote {}", out.display())),
            Err(e) => self.complain(e.to_string()),
        }
    }

    /// Starts a board from a preset as a new, unsaved document.
    pub fn open_preset(&mut self, id: &str) {
        match crate::presets::board(id) {
            Ok(board) => {
                let doc = Document::new(board, None);
                self.replace_document(doc);
                self.gallery_open = false;
                self.say(format!("New board from the \"{id}\" preset"));
            }
            Err(e) => self.complain(e),
        }
    }

    /// Asks before `what` if there are unsaved changes, else does it now.
    pub fn guard(&mut self, what: Discard, ctx: &egui::Context) {
        if self.doc.is_dirty() {
            self.pending = Some(what);
        } else {
            self.discard_and(what, ctx);
        }
    }

    fn discard_and(&mut self, what: Discard, ctx: &egui::Context) {
        match what {
            Discard::New => self.replace_document(Document::default()),
            Discard::Open(Some(path)) => self.open_path(&path),
            Discard::Open(None) => self.choose(FileTask::Open, ctx),
            Discard::Preset(id) => self.open_preset(&id),
            Discard::Quit => {
                self.drop_recovery_copy();
                self.closing = true;
                ctx.send_viewport_cmd(ViewportCommand::Close);
            }
        }
    }

    /// Saves to the document's file, or asks where (`ask`, or no file yet), then carries on with
    /// `then`: the action that wanted the board saved first. Nothing carries on if saving fails.
    pub fn save(&mut self, ask: bool, then: Option<Discard>, ctx: &egui::Context) {
        match (&self.doc.path, ask) {
            (Some(path), false) => {
                let path = path.clone();
                self.finish(FileTask::Save { then }, path, ctx);
            }
            _ => self.choose(FileTask::Save { then }, ctx),
        }
    }

    /// Asks for the path `task` needs, in the folder and with the name a person would expect,
    /// and carries the task out once there is one.
    fn choose(&mut self, task: FileTask, ctx: &egui::Context) {
        let board_dir = self.doc.path.as_ref().and_then(|p| p.parent()).map(Path::to_path_buf);
        let name = crate::io::file_name_for(&self.doc.board.title);
        let (dir, name) = match &task {
            FileTask::Open | FileTask::Import | FileTask::ImportFolder => (board_dir, None),
            FileTask::IconSet => (crate::render::current_set().map(|s| s.folder.clone()), None),
            FileTask::Save { .. } => (board_dir, Some(name)),
            FileTask::Export(ext) => (
                self.last_export_dir.clone().or(board_dir),
                Some(name.with_extension("").with_extension(ext)), // shop.archboard.ron -> shop.png
            ),
        };
        let name = name.map(|n| n.to_string_lossy().into_owned());
        if let Some(path) = self.files.ask(task.clone(), dir.as_deref(), name.as_deref()) {
            self.finish(task, path, ctx);
        }
    }

    /// Carries out `task` on the chosen `path`.
    pub(super) fn finish(&mut self, task: FileTask, mut path: PathBuf, ctx: &egui::Context) {
        match task {
            FileTask::Open => self.open_path(&path),
            FileTask::Import | FileTask::ImportFolder => self.open_path(&path),
            FileTask::IconSet => {
                self.use_icon_set(Some(path));
                self.remember_settings();
            }
            FileTask::Save { then } => {
                if path.extension().is_none() {
                    path.set_extension("ron");
                }
                match self.doc.save_to(&path) {
                    Ok(()) => {
                        self.recent.add(&path);
                        self.say(format!("Saved {}", self.doc.display_name()));
                        if let Some(then) = then {
                            self.discard_and(then, ctx);
                        }
                    }
                    Err(e) => self.complain(e.to_string()),
                }
            }
            FileTask::Export(ext) => {
                if path.extension().is_none() {
                    path.set_extension(ext); // the format follows the extension
                }
                self.last_export_dir = path.parent().map(Path::to_path_buf);
                self.export_to(&path);
            }
        }
    }

    /// Exports the board (or the selection, if any) as PNG or SVG by the path's extension.
    pub fn export_to(&mut self, path: &Path) {
        let board = self.export_board();
        let options = crate::export::PngOptions {
            theme: self.theme,
            ..Default::default()
        };
        let written = crate::export::encode(path, &board, Catalog::builtin(), &options)
            .map_err(|e| e.to_string())
            .and_then(|bytes| crate::io::write_atomically(path, &bytes).map_err(|e| e.to_string()));
        match written {
            Ok(()) => self.say(format!("Exported {}", path.display())),
            Err(e) => self.complain(e),
        }
    }

    /// The board to export: the selection if there is one, else the whole board.
    fn export_board(&self) -> Board {
        let selection = self.canvas.selection();
        if selection.nodes.is_empty() && selection.groups.is_empty() {
            self.doc.board.clone()
        } else {
            crate::history::ops::selection_as_board(&self.doc.board, &selection.node_ids(), &selection.group_ids())
        }
    }

    fn copy_image(&mut self, ctx: &egui::Context) {
        let board = self.export_board();
        let options = crate::export::PngOptions {
            scale: 2.0,
            theme: self.theme,
            ..Default::default()
        };
        match crate::export::image(&board, Catalog::builtin(), &options) {
            Ok(img) => {
                let size = [img.width() as usize, img.height() as usize];
                ctx.copy_image(egui::ColorImage::from_rgba_unmultiplied(size, img.as_raw()));
                self.say("Copied the board as an image");
            }
            Err(e) => self.complain(e.to_string()),
        }
    }

    /// A menu entry for `command`, from the table: its title and shortcut.
    fn menu_item(&mut self, ui: &mut egui::Ui, command: Command) {
        self.menu_item_enabled(ui, command, true);
    }

    fn menu_item_enabled(&mut self, ui: &mut egui::Ui, command: Command, enabled: bool) {
        if ui
            .add_enabled(enabled, command.button(ui.ctx()))
            .on_hover_text(command.tooltip())
            .clicked()
        {
            self.send(command);
        }
    }

    fn menu_bar(&mut self, ui: &mut egui::Ui) {
        egui::MenuBar::new().ui(ui, |ui| {
            ui.menu_button("File", |ui| {
                for c in [Command::New, Command::NewFromPreset, Command::Open] {
                    self.menu_item(ui, c);
                }
                ui.menu_button("Open Recent", |ui| {
                    if self.recent.files.is_empty() {
                        ui.label("No recent files");
                    }
                    for f in self.recent.files.clone() {
                        self.menu_item(ui, Command::OpenRecent(f));
                    }
                });
                ui.separator();
                for c in [Command::Save, Command::SaveAs] {
                    self.menu_item(ui, c);
                }
                ui.separator();
                for c in [Command::ExportPng, Command::ExportSvg] {
                    self.menu_item(ui, c);
                }
                ui.separator();
                for c in [
                    Command::Import,
                    Command::ImportFolder,
                    Command::Reimport,
                    Command::ExportMermaid,
                    Command::ExportDrawio,
                    Command::ExportExcalidraw,
                ] {
                    self.menu_item(ui, c);
                }
                ui.separator();
                for c in [
                    Command::PracticeRound,
                    Command::ShowScorecard,
                    Command::ReplayRound,
                    Command::ToggleHideReview,
                ] {
                    self.menu_item(ui, c);
                }
                ui.separator();
                self.menu_item(ui, Command::Quit);
            });
            ui.menu_button("Edit", |ui| {
                let undo = format!("Undo {}", self.doc.history.undo_label().unwrap_or_default());
                let b = egui::Button::new(undo.trim_end()).shortcut_text(Command::Undo.shortcut_text(ui.ctx()));
                if ui.add_enabled(self.doc.history.can_undo(), b).clicked() {
                    self.send(Command::Undo);
                }
                let redo = format!("Redo {}", self.doc.history.redo_label().unwrap_or_default());
                let b = egui::Button::new(redo.trim_end()).shortcut_text(Command::Redo.shortcut_text(ui.ctx()));
                if ui.add_enabled(self.doc.history.can_redo(), b).clicked() {
                    self.send(Command::Redo);
                }
                ui.separator();
                for c in [
                    Command::Cut,
                    Command::Copy,
                    Command::Paste,
                    Command::Duplicate,
                    Command::Delete,
                    Command::SelectAll,
                    Command::Find,
                ] {
                    self.menu_item(ui, c);
                }
                ui.separator();
                for c in [Command::Group, Command::EditLabel, Command::AddNote] {
                    self.menu_item(ui, c);
                }
                ui.menu_button("Group as", |ui| {
                    super::canvas::group_menu(ui, self.canvas.selection(), &mut self.commands);
                });
                ui.separator();
                self.menu_item(ui, Command::CopyImage);
            });
            ui.menu_button("View", |ui| {
                for c in [
                    Command::ZoomIn,
                    Command::ZoomOut,
                    Command::ZoomReset,
                    Command::Fit,
                    Command::FitSelection,
                ] {
                    self.menu_item(ui, c);
                }
                ui.separator();
                let mut grid = self.show_grid;
                if ui.checkbox(&mut grid, Command::ToggleGrid.title()).clicked() {
                    self.send(Command::ToggleGrid);
                }
                let mut numbers = self.show_numbers;
                if ui.checkbox(&mut numbers, Command::ToggleNumbers.title()).clicked() {
                    self.send(Command::ToggleNumbers);
                }
                let mut ten_x = self.numbers_state.ten_x;
                if ui.checkbox(&mut ten_x, Command::ToggleTenX.title()).clicked() {
                    self.send(Command::ToggleTenX);
                }
                let mut dark = self.theme == Theme::Dark;
                if ui.checkbox(&mut dark, Command::ToggleTheme.title()).clicked() {
                    self.send(Command::ToggleTheme);
                }
                ui.menu_button("Node style", |ui| {
                    let current = self.doc.board.node_style;
                    for style in crate::model::NodeStyle::ALL {
                        let command = Command::SetNodeStyle(style);
                        let button = egui::Button::selectable(current == style, style.title())
                            .shortcut_text(command.shortcut_text(ui.ctx()));
                        if ui.add(button).on_hover_text(command.tooltip()).clicked() {
                            self.send(command);
                        }
                    }
                });
                self.menu_item(ui, Command::ChooseIconSet);
                self.menu_item_enabled(ui, Command::UseOwnIcons, self.icon_set.is_some());
            });
            ui.menu_button("Arrange", |ui| {
                self.menu_item(ui, Command::AutoLayout);
                for direction in crate::layout::Direction::ALL {
                    self.menu_item(ui, Command::AutoLayoutIn(direction));
                }
                ui.separator();
                ui.menu_button("Edge style", |ui| {
                    for style in super::commands::EDGE_STYLES {
                        let command = Command::SetBoardEdgeStyle(style);
                        let current = self.doc.board.edge_style == style;
                        if ui
                            .radio(current, command.title())
                            .on_hover_text(command.tooltip())
                            .clicked()
                        {
                            self.send(command);
                        }
                    }
                });
                ui.separator();
                let selected = self.canvas.selection().nodes.len();
                for how in crate::history::ops::Alignment::ALL {
                    self.menu_item_enabled(ui, Command::Align(how), selected >= how.needs());
                }
            });
            ui.menu_button("Help", |ui| {
                self.menu_item(ui, Command::CommandPalette);
                self.menu_item(ui, Command::Shortcuts);
            });
        });
    }

    fn status_bar(&mut self, ui: &mut egui::Ui) {
        if let Some(conflict) = self.doc.conflict.take() {
            self.notice = Some(Notice {
                text: format!("Nothing changed: {conflict}"),
                error: true,
                shown_at: None,
            });
        }
        // A message goes after a few seconds, so what it said never outlives what it was about.
        let now = ui.input(|i| i.time);
        if let Some(n) = &mut self.notice {
            let since = *n.shown_at.get_or_insert(now);
            if now - since >= NOTICE_SECONDS {
                self.notice = None;
            } else {
                ui.ctx()
                    .request_repaint_after(std::time::Duration::from_secs_f64(NOTICE_SECONDS - (now - since)));
            }
        }
        ui.horizontal(|ui| {
            let b = &self.doc.board;
            ui.label(format!(
                "{} · {} · {}",
                count(b.nodes.len(), "node"),
                count(b.edges.len(), "edge"),
                count(b.groups.len(), "group")
            ));
            ui.separator();
            ui.label(format!("Zoom {:.0}%", self.canvas.view.zoom * 100.0));
            ui.separator();
            let sel = self.canvas.selection().nodes.len();
            if sel > 0 {
                ui.label(format!("{sel} selected"));
                ui.separator();
            }
            if let Some(n) = &self.notice {
                let text = RichText::new(&n.text);
                ui.label(if n.error {
                    text.color(ui.visuals().error_fg_color)
                } else {
                    text
                });
            }
            ui.with_layout(Layout::right_to_left(Align::Center), |ui| {
                let review = self.review();
                ui.label(self.review_state.summary(&review));
            });
        });
    }

    fn discard_prompt(&mut self, ctx: &egui::Context) {
        let Some(what) = self.pending.clone() else { return };
        let verb = match &what {
            Discard::Quit => "quitting",
            Discard::New | Discard::Preset(_) => "starting a new board",
            Discard::Open(_) => "opening another board",
        };
        let mut answer = None;
        egui::Modal::new(egui::Id::unique("unsaved-changes")).show(ctx, |ui| {
            ui.set_width(360.0);
            ui.heading("Unsaved changes");
            ui.label(format!(
                "Save the changes to \"{}\" before {verb}?",
                self.doc.display_name()
            ));
            ui.add_space(8.0);
            ui.horizontal(|ui| {
                if ui.button("Save").clicked() {
                    answer = Some(Unsaved::Save);
                }
                if ui.button("Don't save").clicked() {
                    answer = Some(Unsaved::Discard);
                }
                if ui.button("Cancel").clicked() || ui.input(|i| i.key_pressed(egui::Key::Escape)) {
                    answer = Some(Unsaved::Cancel);
                }
            });
        });
        if let Some(answer) = answer {
            self.commands.push(Command::AnswerUnsaved(answer));
        }
    }

    /// Carries out the action that waited on the question about unsaved changes, as
    /// `answer` says, for the command applier.
    pub(super) fn answer_unsaved(&mut self, answer: Unsaved, ctx: &egui::Context) {
        let Some(what) = self.pending.take() else { return };
        match answer {
            Unsaved::Save => self.save(false, Some(what), ctx),
            Unsaved::Discard => self.discard_and(what, ctx),
            Unsaved::Cancel => {}
        }
    }

    fn shortcuts_window(&mut self, ctx: &egui::Context) {
        let mut open = self.shortcuts_open;
        egui::Window::new("Keyboard shortcuts")
            .open(&mut open)
            .resizable(false)
            .show(ctx, |ui| {
                egui::Grid::new("shortcuts").striped(true).show(ui, |ui| {
                    for c in Command::table() {
                        let text = c.all_shortcuts_text(ui.ctx());
                        if !text.is_empty() {
                            ui.label(c.title());
                            ui.label(RichText::new(text).monospace());
                            ui.end_row();
                        }
                    }
                    for (what, how) in [
                        ("Pan", "Scroll, middle drag or Space+drag"),
                        ("Zoom", "Ctrl+scroll or pinch"),
                        ("Connect", "Drag from a node's handle to another node"),
                        ("Move", "Drag, or the arrow keys (Shift: 10×)"),
                        ("Select several", "Shift+click or drag a box on empty canvas"),
                    ] {
                        ui.label(what);
                        ui.label(how);
                        ui.end_row();
                    }
                });
            });
        self.shortcuts_open = open;
    }

    /// Turns the table's shortcuts pressed this frame into commands.
    fn handle_shortcuts(&mut self, ctx: &egui::Context) {
        let typing = ctx.memory(|m| m.focused().is_some()) || self.canvas.is_editing();
        // Chords with more modifiers first: egui matches Ctrl+Z inside Ctrl+Shift+Z.
        let mut chords: Vec<(egui::KeyboardShortcut, Command)> = Command::table()
            .into_iter()
            .filter(|c| !(c.comes_as_clipboard_event() || typing && c.needs_canvas_focus()))
            .flat_map(|c| c.shortcuts().iter().map(move |s| (*s, c.clone())))
            .collect();
        chords.sort_by_key(|(s, _)| std::cmp::Reverse(s.modifiers.shift as u8 + s.modifiers.alt as u8));
        for (shortcut, command) in chords {
            if ctx.input_mut(|i| i.consume_shortcut(&shortcut)) {
                self.send(command);
            }
        }
    }

    fn handle_close_and_drops(&mut self, ctx: &egui::Context) {
        if ctx.input(|i| i.viewport().close_requested()) && !self.closing && self.doc.is_dirty() {
            ctx.send_viewport_cmd(ViewportCommand::CancelClose);
            self.pending = Some(Discard::Quit);
        }
        let dropped: Vec<PathBuf> = ctx.input(|i| i.raw.dropped_files.iter().map(|f| f.path().to_path_buf()).collect());
        if let Some(path) = dropped.into_iter().next() {
            self.send(Command::OpenRecent(path));
        }
        let title = format!(
            "{}{} — archboard",
            if self.doc.is_dirty() { "● " } else { "" },
            self.doc.display_name()
        );
        if title != self.shown_title {
            ctx.send_viewport_cmd(ViewportCommand::Title(title.clone()));
            self.shown_title = title;
        }
    }

    /// One frame of the whole app; also what the kittest harness drives.
    pub fn show(&mut self, ui: &mut egui::Ui) {
        let ctx = ui.ctx().clone();
        self.handle_close_and_drops(&ctx);
        if self.pending.is_none() && !self.files.asking() {
            self.handle_shortcuts(&ctx);
        }
        // Before the canvas, so the Escape that closes the find bar keeps the selection it made.
        super::find::show(
            &ctx,
            &mut self.find,
            &self.doc,
            self.canvas.selection(),
            &mut self.commands,
        );
        super::command_palette::show(&ctx, &mut self.command_palette, &mut self.commands);
        egui::Panel::top("menu")
            .frame(self.panel_frame(ui))
            .show(ui, |ui| self.menu_bar(ui));
        egui::Panel::bottom("status")
            .frame(self.panel_frame(ui))
            .show(ui, |ui| self.status_bar(ui));
        egui::Panel::left("palette")
            .frame(self.panel_frame(ui))
            .resizable(true)
            .default_size(230.0)
            .show(ui, |ui| {
                as_panel(ui, |ui| {
                    super::palette::show(ui, &mut self.palette_query, &mut self.icons, &mut self.commands);
                });
            });
        let review = self.review();
        let review_10x = self.numbers_state.ten_x.then(|| self.review_10x());
        self.canvas.figures = self
            .show_numbers
            .then(|| review_10x.clone().unwrap_or_else(|| review.clone()));
        // Capped: wide content (a long label, a long finding) wraps inside rather than widening
        // the panel and squeezing the canvas; the user may still drag it within the range.
        egui::Panel::right("inspector")
            .frame(self.panel_frame(ui))
            .resizable(true)
            .default_size(330.0)
            .size_range(260.0..=RIGHT_PANEL_MAX)
            .show(ui, |ui| {
                as_panel(ui, |ui| {
                    egui::ScrollArea::vertical().auto_shrink([false, false]).show(ui, |ui| {
                        super::inspector::show(ui, &self.doc, self.canvas.selection(), &mut self.commands);
                        ui.separator();
                        if self.show_numbers {
                            super::numbers::show(
                                ui,
                                &mut self.numbers_state,
                                &review,
                                review_10x.as_deref(),
                                &self.doc,
                                self.canvas.selection(),
                                &mut self.commands,
                            );
                            ui.separator();
                        }
                        if self.practice.review_shown() {
                            self.canvas.marks.highlighted =
                                super::review::show(ui, &mut self.review_state, &review, &self.doc, &mut self.commands);
                        } else {
                            ui.label("The review is hidden until the round ends.");
                        }
                    });
                });
            });
        let now = ctx.input(|i| i.time);
        self.practice.tick(&ctx, now);
        if self.practice.round.is_some() {
            egui::Panel::top("practice_bar").show(ui, |ui| {
                super::practice::show_bar(ui, &self.practice, now, &mut self.commands);
            });
        }
        egui::CentralPanel::no_frame().show(ui, |ui| {
            self.canvas.show(
                ui,
                &self.doc,
                &mut self.commands,
                &mut self.icons,
                self.theme,
                self.show_grid,
            );
            if self.doc.board.nodes.is_empty() && self.doc.board.groups.is_empty() && !self.gallery_open {
                self.empty_board_hint(ui);
            }
        });
        self.gallery(&ctx);
        super::practice::show_setup(&ctx, &mut self.practice.setup, &mut self.commands);
        if self.practice.card_open {
            let card = self.scorecard(now);
            super::practice::show_scorecard(&ctx, &mut self.practice.card_open, &card, &mut self.commands);
        }
        super::practice::show_replay(
            &ctx,
            &mut self.practice.replay,
            &self.doc.board,
            &mut self.icons,
            self.theme,
        );
        self.recovery_prompt(&ctx);
        self.discard_prompt(&ctx);
        if let Some((task, path)) = self.files.show(&ctx) {
            self.commands.push(Command::Chosen { task, path });
        }
        self.shortcuts_window(&ctx);
        self.apply_commands(&ctx);
        self.autosave(&ctx);
    }

    fn gallery(&mut self, ctx: &egui::Context) {
        if !self.gallery_open {
            return;
        }
        match super::gallery::show(
            ctx,
            &mut self.gallery_open,
            &mut self.gallery_query,
            &mut self.icons,
            self.theme,
        ) {
            Some(super::gallery::Choice::Open(id)) => self.send(Command::OpenPreset(id)),
            Some(super::gallery::Choice::Insert(id)) => self.send(Command::InsertPreset(id)),
            None => {}
        }
    }

    fn empty_board_hint(&mut self, ui: &mut egui::Ui) {
        let rect = ui.max_rect();
        let at = rect.center() - egui::vec2(170.0, 50.0);
        egui::Area::new(egui::Id::unique("empty-hint"))
            .fixed_pos(at)
            .show(ui.ctx(), |ui| {
                egui::Frame::popup(ui.style()).show(ui, |ui| {
                    ui.set_width(340.0);
                    ui.heading("An empty board");
                    ui.label("Click or drag a service from the palette, or start from a reference architecture.");
                    if ui.button("Browse reference architectures…").clicked() {
                        self.send(Command::NewFromPreset);
                    }
                });
            });
    }
}

/// Runs `add` in a scope that says it sits on the panels' colour, whether or not the panel
/// painted it (see [`App::clear_panels`]): scroll areas fade their edges into that colour.
fn as_panel<R>(ui: &mut egui::Ui, add: impl FnOnce(&mut egui::Ui) -> R) -> R {
    let frame = egui::Frame::NONE.fill(ui.visuals().panel_fill);
    let info = egui::UiStackInfo::new(egui::UiKind::Frame).with_frame(frame);
    ui.scope_builder(egui::UiBuilder::new().ui_stack_info(info), add).inner
}

/// "5 minutes ago", for the recovery prompt.
fn ago(secs: u64) -> String {
    match secs {
        0..=59 => "less than a minute ago".to_owned(),
        60..=3599 => format!("{} minutes ago", secs / 60),
        3600..=86_399 => format!("{} hours ago", secs / 3600),
        _ => format!("{} days ago", secs / 86_400),
    }
}

impl eframe::App for App {
    fn ui(&mut self, ui: &mut egui::Ui, _frame: &mut eframe::Frame) {
        self.show(ui);
    }

    fn clear_color(&self, visuals: &egui::Visuals) -> [f32; 4] {
        if self.cleared_to_panels {
            visuals.panel_fill.to_normalized_gamma_f32()
        } else {
            // eframe's own default
            egui::Color32::from_rgba_unmultiplied(12, 12, 12, 180).to_normalized_gamma_f32()
        }
    }
}
