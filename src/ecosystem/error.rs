//! Why an ecosystem source could not be fetched, opened or read: one typed error for the
//! whole ecosystem (issue 15), put into words only at the edge ([`EcoError`]'s `Display`
//! goes through [`crate::i18n::ecosystem::GitFailure`], in the user's language).

use std::path::PathBuf;

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
    /// libgit2 could not open or read the repository (its message).
    Repository(String),
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
            EcoError::Git(detail) | EcoError::Spawn(detail) | EcoError::Repository(detail) => {
                GitFailure::Said { detail }
            }
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

    /// libgit2's failure to open or read a repository.
    pub(super) fn repository(e: &git2::Error) -> Self {
        EcoError::Repository(crate::escape::terminal::shown(e.message()).into_owned())
    }
}

impl std::fmt::Display for EcoError {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str(&self.failure().text())
    }
}

impl std::error::Error for EcoError {}
