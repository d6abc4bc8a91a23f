//! What the app remembers between runs, kept in the platform's data folder: the recent-files
//! list and the view settings (theme, grid).

use std::path::{Path, PathBuf};

use serde::{Deserialize, Serialize};

use crate::render::Theme;

/// How many files the list keeps.
const KEEP: usize = 10;

/// Recently opened or saved boards, newest first.
#[derive(Default)]
pub struct Recent {
    pub files: Vec<PathBuf>,
    /// Where the list is stored; `None` keeps it in memory only (tests).
    store: Option<PathBuf>,
}

/// The folder for archboard's own files (recent list, recovery copies).
pub(super) fn data_dir() -> Option<PathBuf> {
    directories::ProjectDirs::from("", "", "archboard").map(|d| d.data_dir().to_path_buf())
}

/// Reads a remembered value; anything missing or unreadable counts as never remembered.
fn read<T: serde::de::DeserializeOwned>(store: &Path) -> Option<T> {
    ron::from_str(&std::fs::read_to_string(store).ok()?).ok()
}

/// Remembers a value. It is a convenience: failing to store it must not disturb the user's work.
fn write<T: Serialize>(store: &Path, value: &T) {
    let Ok(text) = ron::to_string(value) else { return };
    if let Some(dir) = store.parent()
        && std::fs::create_dir_all(dir).is_ok()
    {
        crate::io::write_atomically(store, text.as_bytes()).ok();
    }
}

/// The view as the user left it.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
#[serde(default)]
pub(super) struct Settings {
    pub theme: Theme,
    pub grid: bool,
    /// View > Numbers: load and cost on the canvas.
    pub numbers: bool,
    /// View > Icon set…: the folder of AWS's Architecture Icons package, if chosen (an app
    /// setting, never saved in a board).
    pub icon_set: Option<std::path::PathBuf>,
}

impl Default for Settings {
    fn default() -> Self {
        Settings {
            theme: Theme::Light,
            grid: true,
            numbers: false,
            icon_set: None,
        }
    }
}

impl Settings {
    /// Where settings live: `settings.ron` in `dir`.
    pub(super) fn store(dir: &Path) -> PathBuf {
        dir.join("settings.ron")
    }

    /// The remembered settings, or the defaults.
    pub(super) fn load(store: &Path) -> Settings {
        read(store).unwrap_or_default()
    }

    /// Remembers these settings.
    pub(super) fn save(&self, store: &Path) {
        write(store, self);
    }
}

impl Recent {
    /// The stored list, without the files that no longer exist.
    pub fn load() -> Recent {
        let store = data_dir().map(|d| d.join("recent.ron"));
        let files: Vec<PathBuf> = store.as_deref().and_then(read).unwrap_or_default();
        Recent {
            files: files.into_iter().filter(|f| f.exists()).collect(),
            store,
        }
    }

    /// Puts `path` first and stores the list.
    pub fn add(&mut self, path: &Path) {
        let path = path.canonicalize().unwrap_or_else(|_| path.to_path_buf());
        self.files.retain(|f| f != &path);
        self.files.insert(0, path);
        self.files.truncate(KEEP);
        self.store();
    }

    /// Drops `path` (e.g. it could not be opened) and stores the list.
    pub fn remove(&mut self, path: &Path) {
        self.files.retain(|f| f != path);
        self.store();
    }

    fn store(&self) {
        if let Some(store) = &self.store {
            write(store, &self.files);
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn settings_are_remembered_and_damaged_ones_fall_back_to_the_defaults() {
        let dir = tempfile::tempdir().unwrap();
        let store = Settings::store(dir.path());
        assert_eq!(Settings::load(&store), Settings::default(), "nothing stored yet");
        let dark = Settings {
            theme: Theme::Dark,
            grid: false,
            numbers: true,
            icon_set: Some(dir.path().join("Architecture-Icons")),
        };
        dark.save(&store);
        assert_eq!(Settings::load(&store), dark);
        std::fs::write(&store, "(theme: purple").unwrap();
        assert_eq!(Settings::load(&store), Settings::default());
        std::fs::write(&store, "(grid: false)").unwrap();
        assert_eq!(
            Settings::load(&store).theme,
            Theme::Light,
            "missing fields take defaults"
        );
    }
}
