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
        let walker = walkdir::WalkDir::new(&self.root)
            .follow_links(false)
            .sort_by_file_name()
            .into_iter()
            .filter_entry(|e| !self.skip(e));
        for entry in walker {
            let entry = entry.map_err(|e| Error::walk(&self.root, e))?;
            let kind = if entry.path_is_symlink() {
                EntryKind::Symlink
            } else if entry.file_type().is_file() {
                EntryKind::File
            } else {
                continue;
            };
            let Ok(rel) = entry.path().strip_prefix(&self.root) else {
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
}
