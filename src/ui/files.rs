//! Choosing files: the system's file dialog, or a path typed into the app where no dialog opens.
//!
//! `rfd` asks the desktop portal and falls back to zenity; on a bare X session with neither it
//! returns no path at once, exactly as if the user had cancelled, and the app would seem to
//! ignore Open and Save. A person cancelling a dialog keeps it open far longer than [`INSTANT`],
//! so a quicker empty answer means no dialog was shown: from then on the app asks for a typed
//! path instead.

use std::path::{Path, PathBuf};
use std::time::{Duration, Instant};

use super::app::Discard;

/// An empty answer quicker than this came from a dialog that never showed.
const INSTANT: Duration = Duration::from_millis(250);

/// What a chosen path is for.
#[derive(Clone, Debug, PartialEq)]
pub enum FileTask {
    /// Open a board (any unsaved-changes question is answered already).
    Open,
    /// Save the board there, then carry on with `then`, the action that asked to save first.
    Save {
        /// The action that waits on the save (a new board, another file, quitting).
        then: Option<Discard>,
    },
    /// Export the board in the format of the extension (`png`, `svg` or `mmd`).
    Export(&'static str),
    /// Open another format (`interop`) as a new board.
    Import,
    /// Open a folder of Terraform files as a new board.
    ImportFolder,
    /// Use the icons of AWS's Architecture Icons package in this folder (View > Icon set…).
    IconSet,
}

impl FileTask {
    /// Whether the path names an existing file to read (else a file to write).
    fn reads(&self) -> bool {
        matches!(
            self,
            FileTask::Open | FileTask::Import | FileTask::ImportFolder | FileTask::IconSet
        )
    }

    /// The dialog's title.
    fn title(&self) -> &'static str {
        match self {
            FileTask::Open => "Open board",
            FileTask::Save { .. } => "Save board",
            FileTask::Export(_) => "Export board",
            FileTask::Import => "Import a diagram or chart",
            FileTask::ImportFolder => "Import a Terraform folder",
            FileTask::IconSet => "Choose the folder of AWS's Architecture Icons package",
        }
    }

    /// The dialog's file-type filter.
    fn filter(&self) -> (&'static str, &'static [&'static str]) {
        match self {
            FileTask::Open | FileTask::Save { .. } => ("archboard board", &["ron"]),
            FileTask::Export("png") => ("PNG image", &["png"]),
            FileTask::Export("svg") => ("SVG image", &["svg"]),
            FileTask::Export("drawio") => ("draw.io diagram", &["drawio"]),
            FileTask::Export("excalidraw") => ("Excalidraw scene", &["excalidraw"]),
            FileTask::Export(_) => ("Mermaid flowchart", &["mmd"]),
            FileTask::Import => ("Diagrams and charts", crate::interop::IMPORT_EXTENSIONS),
            FileTask::ImportFolder => ("Folders", &[]),
            FileTask::IconSet => ("Folders", &[]),
        }
    }
}

/// The typed-path question on screen.
struct Prompt {
    task: FileTask,
    text: String,
    /// Whether the text field has been given the keyboard focus yet.
    focused: bool,
}

/// Whether the system dialog works, and the typed-path prompt when it does not.
#[derive(Default)]
pub struct Files {
    /// Set once the system dialog failed to show.
    no_dialog: bool,
    prompt: Option<Prompt>,
}

impl Files {
    /// Files chosen by typed path only, never the system dialog: for tests, which must not
    /// open windows of their own.
    pub fn typed_only() -> Files {
        Files {
            no_dialog: true,
            prompt: None,
        }
    }

    /// Asks for a path for `task`, starting in `dir` with `name` suggested. Returns the path the
    /// system dialog gave; when no dialog can open, opens the typed-path prompt instead, whose
    /// answer comes from [`Files::show`]. `None` when cancelled or still being asked.
    pub fn ask(&mut self, task: FileTask, dir: Option<&Path>, name: Option<&str>) -> Option<PathBuf> {
        if !self.no_dialog {
            let (what, extensions) = task.filter();
            let mut dialog = rfd::FileDialog::new().set_title(task.title());
            if !extensions.is_empty() {
                dialog = dialog.add_filter(what, extensions);
            }
            if let Some(dir) = dir {
                dialog = dialog.set_directory(dir);
            }
            if let Some(name) = name {
                dialog = dialog.set_file_name(name);
            }
            let asked = Instant::now();
            let chosen = if matches!(task, FileTask::ImportFolder | FileTask::IconSet) {
                dialog.pick_folder()
            } else if task.reads() {
                dialog.pick_file()
            } else {
                dialog.save_file()
            };
            if chosen.is_some() || asked.elapsed() >= INSTANT {
                return chosen;
            }
            self.no_dialog = true;
        }
        // Without a board folder, start from home: an app started from a desktop menu may run
        // in `/`, where nothing can be saved.
        let folder = dir
            .map(Path::to_path_buf)
            .or_else(|| directories::BaseDirs::new().map(|d| d.home_dir().to_path_buf()))
            .or_else(|| std::env::current_dir().ok())
            .unwrap_or_default();
        self.prompt = Some(Prompt {
            task,
            text: folder.join(name.unwrap_or_default()).display().to_string(),
            focused: false,
        });
        None
    }

    /// Whether the typed-path prompt is open (the canvas leaves the keyboard to it).
    pub fn asking(&self) -> bool {
        self.prompt.is_some()
    }

    /// Draws the typed-path prompt if it is open; returns the task and the path once confirmed.
    pub fn show(&mut self, ctx: &egui::Context) -> Option<(FileTask, PathBuf)> {
        let prompt = self.prompt.as_mut()?;
        let (mut confirmed, mut cancelled) = (false, false);
        egui::Modal::new(egui::Id::unique("path-prompt")).show(ctx, |ui| {
            ui.set_width(480.0);
            ui.heading(prompt.task.title());
            ui.label("No file dialog can open on this desktop: type the file's path.");
            let field = ui.add(
                egui::TextEdit::singleline(&mut prompt.text)
                    .desired_width(f32::INFINITY)
                    .hint_text("/home/me/boards/shop.ron"),
            );
            // Asked for until it holds: a modal's first frame only measures its contents, and a
            // focus asked for then can be lost, leaving the user to click before typing.
            if !prompt.focused {
                field.request_focus();
                prompt.focused = field.has_focus();
            }
            let entered = field.lost_focus() && ui.input(|i| i.key_pressed(egui::Key::Enter));
            ui.add_space(6.0);
            ui.horizontal(|ui| {
                let verb = if prompt.task.reads() { "Open" } else { "Save" };
                let ready = !prompt.text.trim().is_empty();
                confirmed = (ui.add_enabled(ready, egui::Button::new(verb)).clicked() || entered) && ready;
                cancelled = ui.button("Cancel").clicked() || ui.input(|i| i.key_pressed(egui::Key::Escape));
            });
        });
        if cancelled {
            self.prompt = None;
            return None;
        }
        if !confirmed {
            return None;
        }
        let prompt = self.prompt.take()?;
        Some((prompt.task, expand_home(prompt.text.trim())))
    }
}

/// The path with a leading `~` standing for the home folder, as a shell reads it.
fn expand_home(text: &str) -> PathBuf {
    let home = || directories::BaseDirs::new().map(|d| d.home_dir().to_path_buf());
    match text.strip_prefix('~') {
        Some(rest) if rest.is_empty() || rest.starts_with('/') => match home() {
            Some(home) => home.join(rest.trim_start_matches('/')),
            None => PathBuf::from(text),
        },
        _ => PathBuf::from(text),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_leading_tilde_is_the_home_folder() {
        let home = directories::BaseDirs::new()
            .expect("a home folder")
            .home_dir()
            .to_path_buf();
        assert_eq!(expand_home("~/boards/a.ron"), home.join("boards/a.ron"));
        assert_eq!(expand_home("~"), home);
        assert_eq!(expand_home("/tmp/~x.ron"), PathBuf::from("/tmp/~x.ron"));
        assert_eq!(expand_home("~other/a.ron"), PathBuf::from("~other/a.ron"));
    }
}
