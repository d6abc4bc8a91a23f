//! The recent-files list, kept in the platform's data folder so it survives restarts.

use std::path::{Path, PathBuf};

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
pub fn data_dir() -> Option<PathBuf> {
    directories::ProjectDirs::from("", "", "archboard").map(|d| d.data_dir().to_path_buf())
}

impl Recent {
    /// The stored list, without the files that no longer exist.
    pub fn load() -> Recent {
        let store = data_dir().map(|d| d.join("recent.ron"));
        let files: Vec<PathBuf> = store
            .as_ref()
            .and_then(|p| std::fs::read_to_string(p).ok())
            .and_then(|t| ron::from_str(&t).ok())
            .unwrap_or_default();
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
        let Some(store) = &self.store else { return };
        let Ok(text) = ron::to_string(&self.files) else { return };
        if let Some(dir) = store.parent()
            && std::fs::create_dir_all(dir).is_ok()
        {
            // The list is a convenience: failing to store it must not disturb the user's work.
            crate::io::write_atomically(store, text.as_bytes()).ok();
        }
    }
}
