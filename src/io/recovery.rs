//! Recovery copies of unsaved work, so a crash, a kill or a power cut never loses a design.
//!
//! While a board has unsaved changes the app writes it, at most every [`AUTOSAVE_EVERY`], to a
//! recovery folder (the app uses `ui::recent::data_dir().join("recovery")`). Each running app
//! is a *session* with its own copy: `<session>.ron` is the board in the ordinary file format
//! (so a person can open it by hand) and `<session>.meta.ron` says which file it came from and
//! when it was written. Both are written atomically, the board first.
//!
//! A live session holds an OS lock on `<session>.lock` for as long as its [`Recovery`] lives, so
//! [`Recovery::list`] shows only copies whose app is gone (crashed, killed or closed without
//! cleaning up), never the work of an app that is still running. When the process dies, the
//! operating system drops the lock with it.
//!
//! Nothing here knows about windows: these are plain file functions, tested without a display.

use std::collections::HashMap;
use std::fs::{self, File, TryLockError};
use std::path::{Path, PathBuf};
use std::sync::Mutex;
use std::time::{Duration, SystemTime};

use serde::{Deserialize, Serialize};

use super::{LoadError, SaveError, to_ron, write_atomically};
use crate::model::Board;

/// How often, at most, the app writes a recovery copy while there are unsaved changes: at most
/// this much work is lost when the process dies, and the disk sees one small write per period.
pub const AUTOSAVE_EVERY: Duration = Duration::from_secs(30);

/// The folder of recovery copies, and the locks of the sessions this process writes.
///
/// Keep one `Recovery` for the life of the app: dropping it releases this process's locks, after
/// which another `Recovery` on the same folder lists the copies as left behind.
#[derive(Debug)]
pub struct Recovery {
    /// Where the copies live.
    dir: PathBuf,
    /// Lock files held open for the sessions written by this process, by file key.
    held: Mutex<HashMap<String, File>>,
}

/// A recovery copy left behind by an app that is no longer running.
#[derive(Clone, Debug, PartialEq)]
pub struct RecoveryCopy {
    /// The copy itself, a board file.
    pub path: PathBuf,
    /// The board's own file, if it had been saved or opened from one.
    pub original: Option<PathBuf>,
    /// The board's title, to show the user what would be restored.
    pub title: String,
    /// When the copy was written.
    pub saved_at: SystemTime,
    /// How many nodes the copy holds, to show the user what would be restored.
    pub nodes: usize,
}

/// The small header kept beside each copy.
#[derive(Debug, Serialize, Deserialize)]
struct Meta {
    /// The session as the app named it (the file name is a sanitised form of it).
    session: String,
    /// The board's own file; `None` for a board never saved, or one whose path is not UTF-8.
    original: Option<PathBuf>,
    saved_at: SystemTime,
}

const COPY: &str = ".ron";
const META: &str = ".meta.ron";
const LOCK: &str = ".lock";

impl Recovery {
    /// Recovery copies in `dir`; the folder is created on the first write.
    pub fn new(dir: impl Into<PathBuf>) -> Self {
        Recovery {
            dir: dir.into(),
            held: Mutex::new(HashMap::new()),
        }
    }

    /// Writes (or replaces) the recovery copy of `session`, atomically, with its header.
    ///
    /// `session` must be unique per running app (see [`session_id`]); `original` is the board's
    /// own file, if it has one. On error the previous copy, if any, is intact.
    pub fn write(&self, session: &str, original: Option<&Path>, board: &Board) -> Result<(), SaveError> {
        let key = file_key(session);
        fs::create_dir_all(&self.dir).map_err(|source| SaveError::Write {
            path: self.dir.display().to_string(),
            source,
        })?;
        self.hold(&key)?;
        let text = to_ron(board).map_err(|e| SaveError::Encode(e.to_string()))?;
        write_atomically(&self.path_of(&key, COPY), text.as_bytes())?;
        let meta = Meta {
            session: session.to_owned(),
            original: original.filter(|p| p.to_str().is_some()).map(Path::to_path_buf),
            saved_at: SystemTime::now(),
        };
        let meta = ron::ser::to_string_pretty(&meta, ron::ser::PrettyConfig::default())
            .map_err(|e| SaveError::Encode(e.to_string()))?;
        write_atomically(&self.path_of(&key, META), meta.as_bytes())
    }

    /// The copies left by apps that are no longer running, newest first.
    ///
    /// Copies that cannot be read or do not load as a board are skipped; so are the copies of
    /// sessions still running (this process's included). Never panics, whatever the folder holds.
    pub fn list(&self) -> Vec<RecoveryCopy> {
        let Ok(entries) = fs::read_dir(&self.dir) else {
            return Vec::new();
        };
        let mut copies: Vec<RecoveryCopy> = entries
            .filter_map(Result::ok)
            .filter_map(|e| {
                let name = e.file_name().into_string().ok()?;
                let key = name.strip_suffix(COPY).filter(|k| !k.ends_with(".meta"))?;
                if key.is_empty() || name.starts_with('.') || !e.file_type().ok()?.is_file() {
                    return None;
                }
                self.left_behind(key)
            })
            .collect();
        copies.sort_by(|a, b| b.saved_at.cmp(&a.saved_at).then_with(|| a.path.cmp(&b.path)));
        copies
    }

    /// The board in a recovery copy.
    pub fn load(&self, copy: &RecoveryCopy) -> Result<Board, LoadError> {
        super::load(&copy.path).map(|l| l.board)
    }

    /// Removes the copy of `session` and releases its lock: call it after a clean save or quit.
    pub fn remove(&self, session: &str) {
        let key = file_key(session);
        self.delete(&key);
        let mut held = self.held.lock().unwrap_or_else(std::sync::PoisonError::into_inner);
        // Closing the file releases the lock; then the lock file itself is no longer needed.
        held.remove(&key);
        drop(held);
        if !self.is_live(&key) {
            fs::remove_file(self.path_of(&key, LOCK)).ok();
        }
    }

    /// Deletes a copy left behind, when the user declines to restore it (or has restored it and
    /// written a copy of their own).
    pub fn discard(&self, copy: &RecoveryCopy) {
        let Some(key) = copy
            .path
            .file_name()
            .and_then(|n| n.to_str())
            .and_then(|n| n.strip_suffix(COPY))
        else {
            return;
        };
        self.delete(key);
        fs::remove_file(self.path_of(key, LOCK)).ok();
    }

    /// The copy of `key` if no running app holds it and it loads, else `None`.
    fn left_behind(&self, key: &str) -> Option<RecoveryCopy> {
        if self.is_live(key) {
            return None;
        }
        let path = self.path_of(key, COPY);
        let board = super::load(&path).ok()?.board;
        let meta: Option<Meta> = fs::read_to_string(self.path_of(key, META))
            .ok()
            .and_then(|t| ron::from_str(&t).ok());
        // A copy whose header was never written (killed between the two writes) is still worth
        // offering: the file's own time stands in for the header's.
        let saved_at = match &meta {
            Some(m) => m.saved_at,
            None => fs::metadata(&path).and_then(|m| m.modified()).ok()?,
        };
        Some(RecoveryCopy {
            path,
            original: meta.and_then(|m| m.original),
            title: board.title,
            saved_at,
            nodes: board.nodes.len(),
        })
    }

    /// Whether a running app (this one included) holds the lock of `key`.
    fn is_live(&self, key: &str) -> bool {
        let Ok(file) = File::open(self.path_of(key, LOCK)) else {
            return false;
        };
        // A platform without file locks cannot tell; offering the copy then is the safe side.
        matches!(file.try_lock(), Err(TryLockError::WouldBlock))
    }

    /// Takes this process's lock on `key`, once per session.
    fn hold(&self, key: &str) -> Result<(), SaveError> {
        let mut held = self.held.lock().unwrap_or_else(std::sync::PoisonError::into_inner);
        if held.contains_key(key) {
            return Ok(());
        }
        let path = self.path_of(key, LOCK);
        let err = |source| SaveError::Write {
            path: path.display().to_string(),
            source,
        };
        let file = File::options()
            .create(true)
            .truncate(false)
            .write(true)
            .open(&path)
            .map_err(err)?;
        match file.try_lock() {
            Ok(()) => {}
            Err(TryLockError::WouldBlock) => {
                return Err(err(std::io::Error::new(
                    std::io::ErrorKind::AlreadyExists,
                    "another running archboard uses this recovery session",
                )));
            }
            // Without file locks the copy is still written; only the liveness check is lost.
            Err(TryLockError::Error(_)) => {}
        }
        held.insert(key.to_owned(), file);
        Ok(())
    }

    fn delete(&self, key: &str) {
        // Best effort: a copy that cannot be deleted is offered again, which loses nothing.
        fs::remove_file(self.path_of(key, COPY)).ok();
        fs::remove_file(self.path_of(key, META)).ok();
    }

    fn path_of(&self, key: &str, ext: &str) -> PathBuf {
        self.dir.join(format!("{key}{ext}"))
    }
}

/// A session name unique to this run of the app: the process id and the start time.
pub fn session_id() -> String {
    let since = SystemTime::now()
        .duration_since(SystemTime::UNIX_EPOCH)
        .unwrap_or_default();
    format!("{}-{}-{:09}", std::process::id(), since.as_secs(), since.subsec_nanos())
}

/// A safe, short file name for `session`: letters, digits, `-` and `_` kept, anything else
/// (path separators, dots, spaces) escaped, and long names cut and tagged with a hash.
fn file_key(session: &str) -> String {
    let mut key = String::new();
    for b in session.bytes() {
        if b.is_ascii_alphanumeric() || b == b'-' || b == b'_' {
            key.push(char::from(b));
        } else {
            key.push_str(&format!("%{b:02x}"));
        }
    }
    if key.is_empty() {
        key.push_str("session");
    }
    const MAX: usize = 80;
    if key.len() > MAX {
        // Stable across runs and platforms, unlike the std hasher.
        let hash = crate::hash::fnv1a(session.as_bytes());
        key.truncate(MAX - 17);
        key.push_str(&format!("-{hash:016x}"));
    }
    key
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::model::{Edge, Node, Point};

    fn board(title: &str, n: usize) -> Board {
        let mut b = Board::new(title);
        for i in 0..n {
            b.nodes.push(Node::new(
                format!("n{i}"),
                "lambda",
                "λ \"quoted\"",
                Point(i as f32, -1.5),
            ));
        }
        if n > 1 {
            b.edges.push(Edge::new("n0", "n1"));
        }
        b
    }

    #[test]
    fn write_list_load_remove_round_trip() {
        let dir = tempfile::tempdir().unwrap();
        let original = dir.path().join("orders.archboard.ron");
        let b = board("Orders", 3);
        let before = SystemTime::now();
        {
            let r = Recovery::new(dir.path().join("recovery"));
            r.write("s1", Some(&original), &b).unwrap();
            assert!(r.list().is_empty(), "a running session's own copy is not offered");
        }
        let r = Recovery::new(dir.path().join("recovery"));
        let list = r.list();
        assert_eq!(list.len(), 1, "{list:?}");
        let copy = &list[0];
        assert_eq!(copy.original.as_deref(), Some(original.as_path()));
        assert_eq!(copy.title, "Orders");
        assert_eq!(copy.nodes, 3);
        assert!(copy.saved_at >= before);
        assert_eq!(r.load(copy).unwrap(), b);
        r.remove("s1");
        assert!(r.list().is_empty());
        let left: Vec<_> = fs::read_dir(dir.path().join("recovery")).unwrap().collect();
        assert!(left.is_empty(), "remove leaves nothing behind: {left:?}");
    }

    #[test]
    fn a_newer_write_replaces_the_copy_and_remove_cleans_up_own_session() {
        let dir = tempfile::tempdir().unwrap();
        let r = Recovery::new(dir.path());
        r.write("s", None, &board("one", 1)).unwrap();
        r.write("s", None, &board("two", 2)).unwrap();
        r.remove("s");
        assert_eq!(fs::read_dir(dir.path()).unwrap().count(), 0);
        r.write("s", None, &board("three", 3)).unwrap();
        drop(r);
        let list = Recovery::new(dir.path()).list();
        assert_eq!(list.len(), 1);
        assert_eq!(
            (list[0].title.as_str(), list[0].nodes, list[0].original.clone()),
            ("three", 3, None)
        );
    }

    #[test]
    fn copies_left_behind_are_listed_newest_first_and_discarded() {
        let dir = tempfile::tempdir().unwrap();
        for (s, t) in [("a", "first"), ("b", "second"), ("c", "third")] {
            let r = Recovery::new(dir.path());
            r.write(s, None, &board(t, 1)).unwrap();
            std::thread::sleep(Duration::from_millis(5));
        }
        let r = Recovery::new(dir.path());
        let titles: Vec<String> = r.list().into_iter().map(|c| c.title).collect();
        assert_eq!(titles, ["third", "second", "first"]);
        let list = r.list();
        r.discard(&list[1]);
        let titles: Vec<String> = r.list().into_iter().map(|c| c.title).collect();
        assert_eq!(titles, ["third", "first"]);
    }

    #[test]
    fn corrupt_or_stray_files_are_skipped_never_a_panic() {
        let dir = tempfile::tempdir().unwrap();
        Recovery::new(dir.path())
            .write("good", None, &board("good", 2))
            .unwrap();
        let d = dir.path();
        fs::write(d.join("bad.ron"), "(format: 1, nodes: [(id: ").unwrap();
        fs::write(d.join("binary.ron"), [0u8, 159, 146, 150]).unwrap();
        fs::write(d.join("empty.ron"), "").unwrap();
        fs::write(d.join("newer.ron"), "(format: 99)").unwrap();
        fs::write(d.join(".ron"), "(format: 1)").unwrap();
        fs::write(d.join(".archboard-x.tmp"), "half a board").unwrap();
        fs::write(d.join("orphan.meta.ron"), "(session: \"orphan\")").unwrap();
        fs::create_dir(d.join("folder.ron")).unwrap();
        // a good copy with a broken header is still offered, dated by the file
        fs::write(d.join("headless.ron"), to_ron(&board("headless", 1)).unwrap()).unwrap();
        fs::write(d.join("headless.meta.ron"), "garbage").unwrap();
        let r = Recovery::new(d);
        let mut titles: Vec<String> = r.list().into_iter().map(|c| c.title).collect();
        titles.sort();
        assert_eq!(titles, ["good", "headless"]);
        assert!(Recovery::new(d.join("missing")).list().is_empty());
    }

    #[test]
    fn sessions_become_safe_file_names() {
        assert_eq!(file_key("123-456"), "123-456");
        assert_eq!(file_key("../x"), "%2e%2e%2fx");
        assert_eq!(file_key(""), "session");
        let long = file_key(&"é".repeat(100));
        assert!(long.len() <= 80 && long != file_key(&"é".repeat(101)), "{long}");
        let dir = tempfile::tempdir().unwrap();
        let r = Recovery::new(dir.path().join("rec"));
        r.write("../../escape", None, &board("x", 1)).unwrap();
        assert_eq!(
            fs::read_dir(dir.path()).unwrap().count(),
            1,
            "nothing written outside the folder"
        );
        assert!(session_id().starts_with(&format!("{}-", std::process::id())));
    }

    #[test]
    fn a_failed_write_is_an_error_not_a_panic() {
        let dir = tempfile::tempdir().unwrap();
        let file = dir.path().join("not-a-folder");
        fs::write(&file, "x").unwrap();
        let err = Recovery::new(&file).write("s", None, &board("x", 1)).unwrap_err();
        assert!(err.to_string().contains("not-a-folder"), "{err}");
    }
}
