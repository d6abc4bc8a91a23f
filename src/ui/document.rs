//! The open board: its contents, undo history, file and what the loader said about it.

use std::path::{Path, PathBuf};

use crate::history::{Conflict, Edit, History};
use crate::io;
use crate::model::Board;

/// The one source of truth the app edits.
pub struct Document {
    /// The board as it stands now.
    pub board: Board,
    /// The undo and redo steps that led to `board`.
    pub history: History,
    /// Where the board was loaded from or last saved to; `None` for a new board.
    pub path: Option<PathBuf>,
    /// The last edit that did not fit the board (a bug): nothing changed; the status bar says so.
    pub conflict: Option<Conflict>,
}

impl Default for Document {
    fn default() -> Self {
        Document::new(Board::new("Untitled"), None)
    }
}

impl Document {
    /// A document for `board`, clean (nothing to save yet).
    pub fn new(board: Board, path: Option<PathBuf>) -> Self {
        Document {
            board,
            history: History::new(),
            path,
            conflict: None,
        }
    }

    /// Loads a file; the warnings say what was repaired.
    pub fn open(path: &Path) -> Result<(Document, Vec<String>), io::LoadError> {
        let loaded = io::load(path)?;
        Ok((Document::new(loaded.board, Some(path.to_path_buf())), loaded.warnings))
    }

    /// Applies an edit as one undo step; one that does not fit changes nothing and is kept in
    /// [`Document::conflict`].
    pub fn apply(&mut self, edit: Edit) {
        let applied = self.history.apply(&mut self.board, edit);
        self.note(applied);
    }

    /// Applies an edit built from the current board and folds it into the last undo step, for
    /// follow-ups of one gesture (the membership update after a move).
    pub fn amend(&mut self, build: impl FnOnce(&Board) -> Edit) {
        let edit = build(&self.board);
        let applied = self.history.amend(&mut self.board, edit);
        self.note(applied);
    }

    /// Keeps a conflict for the status bar and logs it, rather than failing the app.
    fn note(&mut self, applied: Result<(), Conflict>) {
        if let Err(conflict) = applied {
            crate::console::tell(&conflict.to_string());
            self.conflict = Some(conflict);
        }
    }

    /// Whether there are changes the file does not have.
    pub fn is_dirty(&self) -> bool {
        self.history.is_dirty()
    }

    /// A number that changes whenever the board does; caches (the review) key on it.
    pub fn revision(&self) -> u64 {
        self.history.revision()
    }

    /// Saves to `path` (atomically) and remembers it as the document's file.
    pub fn save_to(&mut self, path: &Path) -> Result<(), io::SaveError> {
        io::save(path, &self.board)?;
        self.path = Some(path.to_path_buf());
        self.history.mark_saved();
        Ok(())
    }

    /// The name shown in the title bar: the file name, or the board title for a new board.
    pub fn display_name(&self) -> String {
        match &self.path {
            Some(p) => p
                .file_name()
                .map_or_else(|| p.display().to_string(), |n| n.to_string_lossy().into_owned()),
            None if self.board.title.is_empty() => "Untitled".to_owned(),
            None => self.board.title.clone(),
        }
    }
}
