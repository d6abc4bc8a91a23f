//! The one way archboard reads a file it was handed: at most [`MAX_FILE_BYTES`], as UTF-8 text.
//!
//! The size the file system reports is only a first check: devices, pipes and `/proc` report 0,
//! so the reader itself stops after the limit plus one byte. Every reader of boards, charts,
//! diagrams and templates goes through [`read_text`].

use std::io::Read;
use std::path::Path;

use super::{LoadError, MAX_FILE_BYTES};

/// Reads the file at `path` as text, refusing files over [`MAX_FILE_BYTES`] (whatever their
/// reported size) and text that is not UTF-8 (naming the line and column of the first bad byte).
pub fn read_text(path: &Path) -> Result<String, LoadError> {
    let shown = path.display().to_string();
    let read_err = |source| LoadError::Read {
        path: shown.clone(),
        source,
    };
    let file = std::fs::File::open(path).map_err(read_err)?;
    let reported = file.metadata().map_err(read_err)?;
    if reported.is_dir() {
        return Err(read_err(std::io::Error::other("it is a folder")));
    }
    if reported.len() > MAX_FILE_BYTES {
        return Err(LoadError::TooLarge {
            path: shown,
            size: Some(reported.len()),
            limit: MAX_FILE_BYTES,
        });
    }
    let mut bytes = Vec::new();
    file.take(MAX_FILE_BYTES + 1)
        .read_to_end(&mut bytes)
        .map_err(read_err)?;
    if bytes.len() as u64 > MAX_FILE_BYTES {
        return Err(LoadError::TooLarge {
            path: shown,
            size: None,
            limit: MAX_FILE_BYTES,
        });
    }
    String::from_utf8(bytes).map_err(|e| {
        let (line, col) = position(&e.as_bytes()[..e.utf8_error().valid_up_to()]);
        LoadError::NotText { path: shown, line, col }
    })
}

/// The 1-based line and column (in characters) just after `before`, which is valid UTF-8.
pub(super) fn position(before: &[u8]) -> (usize, usize) {
    let text = std::str::from_utf8(before).unwrap_or_default();
    let line = text.matches('\n').count() + 1;
    let col = text.rsplit('\n').next().map_or(0, |last| last.chars().count()) + 1;
    (line, col)
}
