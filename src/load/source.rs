//! Where documents come from: a folder on disk today, a git tree for `diff` and `log`.
//!
//! The loader only sees this trait, so the same parsing and validation serve the working
//! tree and any commit. Paths are always relative, with `/` separators.

use std::io::Read;
use std::path::{Path, PathBuf};

use crate::error::Error;

/// The largest file size in force: `CODESOCIAL_MAX_FILE_SIZE` (bytes) or the default.
pub fn max_file_size() -> u64 {
    crate::settings::MAX_FILE_SIZE.get()
}

/// The total budget in force: `CODESOCIAL_MAX_TOTAL_SIZE` (bytes) or the default.
pub fn max_total_size() -> u64 {
    crate::settings::MAX_TOTAL_SIZE.get()
}

/// One entry of a source listing.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Entry {
    pub path: String,
    pub kind: EntryKind,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum EntryKind {
    File,
    /// A symbolic link: never followed, reported when it would matter.
    Symlink,
    /// A file, or a folder (its path then ends with `/`), whose name is not UTF-8: its
    /// path is shown with each byte that is not as `\xNN` ([`escaped_name`]), and it is
    /// never read (that path names no file) but reported.
    NotUtf8,
}

/// Bytes as text, each byte that is not UTF-8 written `\xNN` (a name git stores).
pub fn escaped_bytes(name: &[u8]) -> String {
    use std::fmt::Write as _;
    let mut out = String::new();
    for chunk in name.utf8_chunks() {
        out.push_str(chunk.valid());
        for b in chunk.invalid() {
            let _ = write!(out, "\\x{b:02X}");
        }
    }
    out
}

/// A name as text: itself when it is UTF-8, else with each byte that is not written
/// `\xNN` (`caf\xE9.md`), so that the person can tell which file it is.
pub fn escaped_name(name: &std::ffi::OsStr) -> String {
    if let Some(text) = name.to_str() {
        return text.to_string();
    }
    #[cfg(unix)]
    {
        use std::os::unix::ffi::OsStrExt as _;
        escaped_bytes(name.as_bytes())
    }
    #[cfg(not(unix))]
    {
        name.to_string_lossy().into_owned()
    }
}

/// Why one file could not be read; the loader turns it into a diagnostic.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum ReadProblem {
    TooLarge { size: u64, limit: u64 },
    Io(String),
}

/// A tree of files the loader can list and read.
pub trait FileSource: Sync {
    /// Every file below the root, sorted, relative with `/` separators.
    fn list(&self) -> Result<Vec<Entry>, Error>;
    /// The bytes of one listed file.
    fn read(&self, path: &str) -> Result<Vec<u8>, ReadProblem>;
    /// A name for messages ("the working tree", "commit abc123").
    fn describe(&self) -> String;
    /// What tells a change of one listed file without reading it, when the source has
    /// such a thing (see [`Stamp`]); `None` means "read it".
    fn stamp(&self, _path: &str) -> Option<Stamp> {
        None
    }
}

/// A file's size, modification and status-change times, inode and device, and whether
/// its status changed long enough before it was taken for any later change to show in
/// it (`settled`). Writing to a file, renaming over it, `touch -r`, `chmod` all set its
/// status-change time to the current time, which no program can set back; the kernel
/// takes that time from a clock that advances by ticks (a few milliseconds), so a change
/// in the same tick as the status change already seen could keep every field. Hence git's
/// rule for "racily clean" files: a file whose status changed less than
/// [`Stamp::SETTLING`] before the stamp was taken is read again whatever its stamp.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub struct Stamp {
    size: u64,
    modified: (i64, i64),
    changed: (i64, i64),
    inode: u64,
    device: u64,
    pub settled: bool,
}

impl Stamp {
    /// How long before a stamp a file's status must have last changed for the stamp to
    /// tell every later change: far more than a clock tick, or than the clocks of a
    /// network file system drift apart.
    pub const SETTLING: std::time::Duration = std::time::Duration::from_secs(2);
}

/// A folder on disk.
#[derive(Debug, Clone)]
pub struct DirSource {
    root: PathBuf,
    /// Absolute paths not to load (the build output when it lies inside the folder).
    exclude: Vec<PathBuf>,
}

/// Folders that are never part of a #CodeSocial.
pub const SKIPPED_DIRS: &[&str] = &["_site", "target", "node_modules"];

impl DirSource {
    pub fn new(root: impl Into<PathBuf>) -> Self {
        DirSource {
            root: root.into(),
            exclude: Vec::new(),
        }
    }

    pub fn excluding(mut self, path: &Path) -> Self {
        if let Ok(p) = path.canonicalize() {
            self.exclude.push(p);
        } else {
            self.exclude.push(path.to_path_buf());
        }
        self
    }

    pub fn root(&self) -> &Path {
        &self.root
    }

    fn skip(&self, entry: &walkdir::DirEntry) -> bool {
        if entry.depth() == 0 {
            return false;
        }
        let name = entry.file_name().to_string_lossy();
        if entry.file_type().is_dir()
            && (name.starts_with('.') || SKIPPED_DIRS.contains(&name.as_ref()))
        {
            return true;
        }
        if !self.exclude.is_empty() && entry.file_type().is_dir() {
            let canonical = entry
                .path()
                .canonicalize()
                .unwrap_or_else(|_| entry.path().to_path_buf());
            return self.exclude.contains(&canonical);
        }
        false
    }
}

impl FileSource for DirSource {
    fn list(&self) -> Result<Vec<Entry>, Error> {
        if !self.root.is_dir() {
            return Err(Error::NotADirectory(self.root.clone()));
        }
        let mut out = Vec::new();
        let mut walker = walkdir::WalkDir::new(&self.root)
            .follow_links(false)
            .sort_by_file_name()
            .into_iter()
            .filter_entry(|e| !self.skip(e));
        while let Some(entry) = walker.next() {
            let entry = entry.map_err(|e| Error::walk(&self.root, e))?;
            let Ok(rel) = entry.path().strip_prefix(&self.root) else {
                continue;
            };
            if entry.depth() > 0 && entry.file_name().to_str().is_none() {
                // Its lossy name would name another file, or none: reported, never read.
                let mut path = rel
                    .components()
                    .map(|c| escaped_name(c.as_os_str()))
                    .collect::<Vec<_>>()
                    .join("/");
                if entry.file_type().is_dir() {
                    path.push('/');
                    walker.skip_current_dir();
                }
                out.push(Entry {
                    path,
                    kind: EntryKind::NotUtf8,
                });
                continue;
            }
            let kind = if entry.path_is_symlink() {
                EntryKind::Symlink
            } else if entry.file_type().is_file() {
                EntryKind::File
            } else {
                continue;
            };
            let path = rel
                .components()
                .map(|c| c.as_os_str().to_string_lossy())
                .collect::<Vec<_>>()
                .join("/");
            if path.starts_with('.') && !path.contains('/') && kind == EntryKind::File {
                // Top-level dotfiles (.gitignore, .editorconfig) are not content.
                continue;
            }
            out.push(Entry { path, kind });
        }
        Ok(out)
    }

    fn read(&self, path: &str) -> Result<Vec<u8>, ReadProblem> {
        let full = self.root.join(path);
        let file = std::fs::File::open(&full).map_err(|e| ReadProblem::Io(e.to_string()))?;
        let limit = max_file_size();
        let size = file.metadata().map(|m| m.len()).unwrap_or(0);
        if size > limit {
            return Err(ReadProblem::TooLarge { size, limit });
        }
        let mut bytes = Vec::with_capacity(size as usize);
        file.take(limit + 1)
            .read_to_end(&mut bytes)
            .map_err(|e| ReadProblem::Io(e.to_string()))?;
        if bytes.len() as u64 > limit {
            return Err(ReadProblem::TooLarge {
                size: bytes.len() as u64,
                limit,
            });
        }
        Ok(bytes)
    }

    fn describe(&self) -> String {
        self.root.display().to_string()
    }

    #[cfg(unix)]
    fn stamp(&self, path: &str) -> Option<Stamp> {
        use std::os::unix::fs::MetadataExt;
        // The time first: a status changed after it is never taken for settled.
        let now = std::time::SystemTime::now()
            .duration_since(std::time::UNIX_EPOCH)
            .ok()?;
        let m = std::fs::symlink_metadata(self.root.join(path)).ok()?;
        let changed = (m.ctime(), m.ctime_nsec());
        let settled = u64::try_from(changed.0).is_ok_and(|secs| {
            let at = std::time::Duration::new(secs, u32::try_from(changed.1).unwrap_or(0));
            at + Stamp::SETTLING <= now
        });
        Some(Stamp {
            size: m.len(),
            modified: (m.mtime(), m.mtime_nsec()),
            changed,
            inode: m.ino(),
            device: m.dev(),
            settled,
        })
    }
}
