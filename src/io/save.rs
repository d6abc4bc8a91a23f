//! Atomic saves: the target is either the old file or the whole new one, never a torn mix.

use std::fs;
use std::io::Write;
use std::path::Path;

use super::{MAX_FILE_BYTES, SaveError, to_ron};
use crate::model::Board;

/// Writes `board` to `path` through a temporary file in the same folder, synced and renamed
/// over the target, keeping the old file's permissions and owner. On error the old file is
/// untouched. A board whose text would be too large to open again is refused.
pub fn save(path: &Path, board: &Board) -> Result<(), SaveError> {
    let text = to_ron(board).map_err(|e| SaveError::Encode(e.to_string()))?;
    if text.len() as u64 > MAX_FILE_BYTES {
        return Err(SaveError::TooLarge {
            path: path.display().to_string(),
            size: text.len(),
            limit: MAX_FILE_BYTES,
        });
    }
    write_atomically(path, text.as_bytes())
}

/// Replaces `path` with `bytes` atomically (used for boards, recovery copies and exports).
/// A symbolic link stays a link: the file it points to is replaced, as editors do.
pub fn write_atomically(path: &Path, bytes: &[u8]) -> Result<(), SaveError> {
    let err = |source| SaveError::Write {
        path: path.display().to_string(),
        source,
    };
    let target = through_links(path);
    let path = target.as_path();
    let dir = match path.parent() {
        Some(d) if !d.as_os_str().is_empty() => d,
        _ => Path::new("."),
    };
    let mut builder = tempfile::Builder::new();
    builder.prefix(".archboard-").suffix(".tmp");
    // A new file gets a new file's usual permissions (0666 less the umask), not the owner-only
    // 0600 of a temporary file; an existing file keeps its own (below).
    #[cfg(unix)]
    {
        use std::os::unix::fs::PermissionsExt;
        builder.permissions(fs::Permissions::from_mode(0o666));
    }
    let mut tmp = builder.tempfile_in(dir).map_err(err)?;
    tmp.write_all(bytes).map_err(err)?;
    tmp.as_file().sync_all().map_err(err)?;
    if let Ok(meta) = fs::metadata(path) {
        fs::set_permissions(tmp.path(), meta.permissions()).map_err(err)?;
        // Keep the owner and group where the process may (root saving a user's file); anyone
        // else may only give a file away to themselves, which is what a new file gets anyway.
        #[cfg(unix)]
        {
            use std::os::unix::fs::MetadataExt;
            std::os::unix::fs::chown(tmp.path(), Some(meta.uid()), Some(meta.gid())).ok();
        }
    }
    tmp.persist(path).map_err(|e| err(e.error))?;
    // Make the rename itself durable; not every platform can open a folder, so this is best effort.
    if let Ok(d) = fs::File::open(dir) {
        d.sync_all().ok();
    }
    Ok(())
}

/// The file `path` finally names, following symbolic links (also dangling ones, whose target is
/// then created); `path` itself when it is no link. Gives up after 40 links, as the system does.
fn through_links(path: &Path) -> std::path::PathBuf {
    let mut at = path.to_path_buf();
    for _ in 0..40 {
        match fs::read_link(&at) {
            Ok(next) => {
                at = match at.parent() {
                    Some(dir) if next.is_relative() => dir.join(next),
                    _ => next,
                };
            }
            Err(_) => return at,
        }
    }
    path.to_path_buf()
}
