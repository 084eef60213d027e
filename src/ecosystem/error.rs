//! Why an ecosystem source could not be fetched, opened or read: one typed error for the
//! whole ecosystem (issue 15), put into words only at the edge ([`EcoError`]'s `Display`
//! goes through [`crate::i18n::ecosystem::GitFailure`], in the user's language).

use std::path::PathBuf;

use crate::history::HistoryError;
use crate::i18n::ecosystem::{CacheRefusal, GitFailure};

/// Every way an `ecosysteme` source can fail.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum EcoError {
    /// The `git` command is not installed.
    NoGit,
    /// The overall fetching deadline (`CODESOCIAL_GIT_TIMEOUT`, seconds) passed.
    TimedOut { seconds: u64 },
    /// git failed; its most telling line, control characters made visible.
    Git(String),
    /// git failed without saying why.
    GitSilent,
    /// A git command could not be started or waited for (the operating system's words).
    Spawn(String),
    /// Neither `CODESOCIAL_CACHE_DIR` nor the platform gives a cache folder.
    NoCacheDir,
    /// The cache could not be read or written at `path`.
    CacheIo { path: PathBuf, detail: String },
    /// A cache path the tool will not use (see [`Refusal`]).
    CacheRefused { path: PathBuf, why: Refusal },
    /// No copy yet, and fetching was not asked for (`codesocial fetch`, `--fetch`).
    NotFetched,
    /// A folder source that does not exist.
    NoFolder,
    /// A folder source one of whose components is a symbolic link (`path`: the source
    /// as written, up to that component): a link could lead anywhere on the machine.
    FolderSymlink { path: String },
    /// A folder source (or a folder inside it) that cannot be listed: the path as the
    /// user wrote it, never the host's absolute path.
    FolderUnreadable { path: String },
    /// The source's history could not be read: its copy cannot be opened
    /// ([`HistoryError::Unopenable`]), an object it needs is missing or damaged, or the
    /// folder is in no repository. Typed as the history layer gives it; worded at the edge.
    History(HistoryError),
    /// A folder source with a `rev`: the folder (`path`, inside its repository) does not
    /// exist in that commit.
    FolderNotInCommit { path: String },
    /// `rev` names nothing in the repository.
    RevNotFound,
    /// No `rev`, and the repository has no commit to read.
    NoCommit,
    /// The commit's #CodeSocial folder names more than `limit` documents
    /// ([`crate::history::MAX_COMMIT_DOCUMENTS`]): it is not read.
    TooManyDocuments { limit: usize },
    /// The partner's tree names more than `limit` entries
    /// ([`crate::settings::MAX_PARTNER_ENTRIES`]): the walk stopped there, nothing read.
    TooManyEntries { limit: usize },
}

/// Why a cache path is refused.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Refusal {
    /// A symbolic link: it could lead anywhere, out of the cache.
    Symlink,
    /// Something other than a folder (a file, a FIFO).
    NotAFolder,
    /// Inside the #CodeSocial's folder or repository, which a pull request writes.
    InsideRepository,
}

impl EcoError {
    /// The error as the i18n layer words it.
    fn failure(&self) -> GitFailure<'_> {
        match self {
            EcoError::NoGit => GitFailure::NoGit,
            EcoError::TimedOut { seconds } => GitFailure::TimedOut { seconds: *seconds },
            EcoError::Git(detail) | EcoError::Spawn(detail) => GitFailure::Said { detail },
            EcoError::History(HistoryError::Unopenable { dir, detail }) => {
                GitFailure::DamagedCopy { path: dir, detail }
            }
            EcoError::History(e) => GitFailure::History {
                message: crate::error::Error::from(e.clone()).record().message,
            },
            EcoError::FolderNotInCommit { path } => GitFailure::FolderNotInCommit { path },
            EcoError::GitSilent => GitFailure::Unknown,
            EcoError::NoCacheDir => GitFailure::NoCacheDir,
            EcoError::CacheIo { path, detail } => GitFailure::Cache { path, detail },
            EcoError::CacheRefused { path, why } => GitFailure::CacheRefused {
                path,
                why: match why {
                    Refusal::Symlink => CacheRefusal::Symlink,
                    Refusal::NotAFolder => CacheRefusal::NotAFolder,
                    Refusal::InsideRepository => CacheRefusal::InsideRepository,
                },
            },
            EcoError::NotFetched => GitFailure::NotFetched,
            EcoError::NoFolder => GitFailure::NoFolder,
            EcoError::FolderUnreadable { path } => GitFailure::FolderUnreadable { path },
            EcoError::FolderSymlink { path } => GitFailure::FolderSymlink { path },
            EcoError::RevNotFound => GitFailure::RevNotFound,
            EcoError::NoCommit => GitFailure::NoCommit,
            EcoError::TooManyDocuments { limit } => GitFailure::TooManyDocuments { limit: *limit },
            EcoError::TooManyEntries { limit } => GitFailure::TooManyEntries { limit: *limit },
        }
    }

    /// An I/O failure on a cache path.
    pub(super) fn cache_io(path: &std::path::Path, e: &std::io::Error) -> Self {
        EcoError::CacheIo {
            path: path.to_path_buf(),
            detail: e.to_string(),
        }
    }

    /// libgit2's failure to write a copy at `path` (create it, move its `HEAD`).
    pub(super) fn cache_git(path: &std::path::Path, e: &git2::Error) -> Self {
        EcoError::CacheIo {
            path: path.to_path_buf(),
            detail: crate::escape::terminal::shown(e.message()).into_owned(),
        }
    }
}

impl std::fmt::Display for EcoError {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str(&self.failure().text())
    }
}

impl std::error::Error for EcoError {}
