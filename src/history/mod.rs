//! Stage four: the same model from any point of git history. This module owns git: it
//! is the one place a repository is opened and its objects read ([`Store`]: every object
//! is checked before libgit2 reads it and bounded by its header size), the one walker of
//! the history ([`walk`]: the first-parent chain, merges shown as such, a shallow clone's
//! boundary detected), and the one error type ([`HistoryError`]).
//!
//! A [`GitRepo`] knows where the #CodeSocial folder lies inside its repository; the tree
//! diff between two commits (or a commit and the working tree) names the files that
//! changed, and only those are read and parsed on each side, so a one-file change costs
//! one file whatever the repository's size. Documents are matched by kind and id
//! (FORMAT.md): a document moved to another folder is the same document; one whose file
//! was renamed (its id with it) is paired with its old self by similarity, as git finds
//! renames ([`GitRepo::compare`]).
//!
//! Public API for the other stages: [`GitRepo::open`], [`GitRepo::resolve`],
//! [`GitRepo::compare`], [`doc_log`], [`recent_changes`],
//! [`facts`], [`enforce::enforce`], and for the ecosystem's git sources [`Store`].

pub mod enforce;
mod error;
mod facts;
mod log;
mod loose;
mod revision;
mod source;
mod store;
pub mod trailers;
mod tree;
pub mod walk;

use std::path::{Path, PathBuf};

use git2::{ErrorCode, Oid, Repository};
use serde::Serialize;

use crate::diag::Diagnostic;
use crate::diff::DocChange;
use crate::error::Result;
use crate::model::Repo;

pub use error::HistoryError;
pub use facts::{facts, HistoryFacts};
pub use log::{
    doc_log, document_id, recent_changes, recent_touches, CommitChanges, DocLog, Recent,
    RecentCommit, Renamed, SUMMARY_BYTES, SUMMARY_THRESHOLD,
};
pub use source::{is_document_path, NotUtf8Name, MAX_COMMIT_DOCUMENTS};
pub use store::{discover_repository, looks_like_a_git_directory, Store, SYMLINK_MODE};
pub use tree::RawTree;

/// `dir`'s path inside the work tree of `repo`, `/`-separated (`""` at its root); `None`
/// when the repository has no work tree or `dir` is not inside it.
pub fn subfolder(repo: &Repository, dir: &Path) -> Option<String> {
    let workdir = repo.workdir()?.canonicalize().ok()?;
    let abs = dir.canonicalize().ok()?;
    let rel = abs.strip_prefix(&workdir).ok()?;
    Some(
        rel.components()
            .map(|c| c.as_os_str().to_string_lossy())
            .collect::<Vec<_>>()
            .join("/"),
    )
}

/// `dir`'s path inside the work tree of the repository holding it; `None` outside any.
pub fn folder_in_repository(dir: &Path) -> Option<String> {
    let store = Store::discover(dir).ok()?;
    subfolder(store.git(), dir)
}

/// The bilan's facts for the #CodeSocial in `dir`; `None` when `dir` is in no repository.
pub fn facts_of(dir: &Path) -> Result<Option<HistoryFacts>> {
    GitRepo::open_if_any(dir)?
        .map(|repo| facts(&repo))
        .transpose()
}

/// One side of a comparison: a commit, or the working tree (index and untracked files
/// included, `.gitignore` honoured).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Side {
    Commit(Oid),
    WorkTree,
}

/// What a commit says about itself.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct CommitInfo {
    /// The full hash.
    pub id: String,
    pub short: String,
    /// Author time, Unix seconds.
    pub time: i64,
    pub author: String,
    pub email: String,
    pub summary: String,
    pub message: String,
    /// The values of its `Decision:` trailers ([`trailers::decisions`]).
    pub decisions: Vec<String>,
}

/// Where a shallow clone's history stops: the boundary commit, whose parents are absent.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Truncation {
    /// The boundary commit's full hash.
    pub commit: String,
    pub short: String,
    /// Its author time, Unix seconds.
    #[serde(skip)]
    pub time: i64,
    /// Its author date, `YYYY-MM-DD`.
    pub date: String,
}

/// Two sides compared: the changes and what could not be parsed on each side.
#[derive(Debug)]
pub struct Comparison {
    pub changes: Vec<DocChange>,
    /// The changed documents only, as loaded on each side.
    pub old: Repo,
    pub new: Repo,
    pub old_diagnostics: Vec<Diagnostic>,
    pub new_diagnostics: Vec<Diagnostic>,
    /// How many document paths differ (each read on both sides), whether or not the
    /// change shows in `changes` (a rewrite of whitespace only does not): the cost of the
    /// comparison.
    pub paths: usize,
    /// The old path of each document path that differs (its bytes, whitespace included).
    pub changed_before: std::collections::HashSet<String>,
    /// The names that are not UTF-8 the tree diff met where it would have read: never
    /// read, each also a `codesocial::layout::name-not-utf8` diagnostic of its side.
    pub not_utf8: Vec<NotUtf8Name>,
}

/// A git repository and the #CodeSocial folder inside it.
pub struct GitRepo {
    store: Store,
    /// The folder relative to the repository root, with a trailing `/`, or empty.
    prefix: String,
    dir: PathBuf,
}

impl std::fmt::Debug for GitRepo {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("GitRepo")
            .field("prefix", &self.prefix)
            .field("dir", &self.dir)
            .finish()
    }
}

impl GitRepo {
    /// Finds the repository holding `dir` (which may be a subfolder of it).
    pub fn open(dir: &Path) -> Result<GitRepo> {
        if !dir.is_dir() {
            return Err(crate::error::Error::NotADirectory(dir.to_path_buf()));
        }
        GitRepo::from_store(Store::discover(dir)?, dir)
    }

    fn from_store(store: Store, dir: &Path) -> Result<GitRepo> {
        let workdir = store.git().workdir().ok_or(HistoryError::NoWorkTree)?;
        let workdir = workdir
            .canonicalize()
            .map_err(|e| crate::error::Error::io(workdir, e))?;
        let abs = dir
            .canonicalize()
            .map_err(|e| crate::error::Error::io(dir, e))?;
        let rel = abs
            .strip_prefix(&workdir)
            .map_err(|_| HistoryError::OutsideRepository {
                dir: dir.display().to_string(),
            })?;
        let mut prefix = rel
            .components()
            .map(|c| c.as_os_str().to_string_lossy())
            .collect::<Vec<_>>()
            .join("/");
        if !prefix.is_empty() {
            prefix.push('/');
        }
        Ok(GitRepo {
            store,
            prefix,
            dir: abs,
        })
    }

    /// The repository holding `dir`, or `None` when `dir` is in none (history is then
    /// simply unavailable, as for `bilan` and the site).
    pub fn open_if_any(dir: &Path) -> Result<Option<GitRepo>> {
        if !dir.is_dir() {
            return Err(crate::error::Error::NotADirectory(dir.to_path_buf()));
        }
        match Store::discover(dir) {
            Ok(store) => GitRepo::from_store(store, dir).map(Some),
            Err(_) => Ok(None),
        }
    }

    /// The object store.
    pub fn store(&self) -> &Store {
        &self.store
    }

    /// The commit a revision names (any git syntax but ranges; see [`Store::resolve`]).
    pub fn resolve(&self, rev: &str) -> Result<Oid> {
        self.check_born()?;
        Ok(self.store.resolve(rev)?)
    }

    /// `HEAD`'s commit.
    pub fn head(&self) -> Result<Oid> {
        self.resolve("HEAD")
    }

    /// `HEAD`'s commit, or `None` on a branch with no commit yet.
    pub fn head_if_born(&self) -> Result<Option<Oid>> {
        match self.check_born() {
            Err(_) => Ok(None),
            Ok(()) => self.head().map(Some),
        }
    }

    /// A range `A..B` (or `A...B`, from their merge base) as its two commits.
    pub fn resolve_range(&self, spec: &str) -> Result<(Oid, Oid)> {
        self.check_born()?;
        let (from, to, merge_base) = match spec.split_once("...") {
            Some((a, b)) => (a, b, true),
            None => match spec.split_once("..") {
                Some((a, b)) => (a, b, false),
                None => (spec, "HEAD", false),
            },
        };
        let from = self.resolve(or_head(from))?;
        let to = self.resolve(or_head(to))?;
        if merge_base {
            let base = walk::merge_base(&self.store, from, to)?.ok_or_else(|| {
                HistoryError::UnknownRevision {
                    rev: spec.to_string(),
                }
            })?;
            return Ok((base, to));
        }
        Ok((from, to))
    }

    fn check_born(&self) -> std::result::Result<(), HistoryError> {
        match self.store.git().head() {
            Err(e) if e.code() == ErrorCode::UnbornBranch => Err(HistoryError::Unborn),
            _ => Ok(()),
        }
    }

    /// What a commit says about itself.
    pub fn commit_info(&self, oid: Oid) -> Result<CommitInfo> {
        let commit = self.store.commit(oid)?;
        let message = String::from_utf8_lossy(commit.message_bytes()).into_owned();
        let author = commit.author();
        let id = oid.to_string();
        Ok(CommitInfo {
            short: short(&id),
            id,
            time: author.when().seconds(),
            author: String::from_utf8_lossy(author.name_bytes()).into_owned(),
            email: String::from_utf8_lossy(author.email_bytes()).into_owned(),
            summary: message
                .lines()
                .next()
                .unwrap_or_default()
                .trim()
                .to_string(),
            decisions: trailers::decisions(&message),
            message,
        })
    }

    /// Where the history stops when `step` is a shallow clone's boundary.
    pub fn truncation(&self, step: &walk::Step) -> Result<Option<Truncation>> {
        if !step.boundary {
            return Ok(None);
        }
        let info = self.commit_info(step.id)?;
        Ok(Some(Truncation {
            date: crate::date::ymd(info.time),
            commit: info.id,
            short: info.short,
            time: info.time,
        }))
    }

    /// Compares two sides: tree diff first, then only the changed files are loaded.
    /// Documents whose file git sees renamed (similarity, as the évolution page finds
    /// them) are one document renamed, not one removed and another added.
    pub fn compare(&self, old: Option<Oid>, new: Side) -> Result<Comparison> {
        let (files, not_utf8) = self.changed_files_noting(old, new)?;
        self.compare_files(old, new, files, not_utf8)
    }

    /// [`GitRepo::compare`] of the files a tree diff named (a merge's own changes only,
    /// say), and the names that are not UTF-8 it met.
    pub(crate) fn compare_files(
        &self,
        old: Option<Oid>,
        new: Side,
        files: Vec<source::ChangedFile>,
        not_utf8: Vec<NotUtf8Name>,
    ) -> Result<Comparison> {
        let renames = match new {
            Side::Commit(_) => {
                let docs: Vec<_> = files
                    .iter()
                    .filter(|f| log::touches_doc(f))
                    .cloned()
                    .collect();
                log::renames(self, &docs)?
            }
            Side::WorkTree => self.worktree_renames(old, &files)?,
        };
        let old_loaded = match old {
            Some(oid) => self.load_before(oid, &files)?,
            None => crate::load::Loaded::default(),
        };
        let new_loaded = self.load_after(new, &files)?;
        let mut old_diagnostics = old_loaded.diagnostics.clone();
        let mut new_diagnostics = new_loaded.diagnostics.clone();
        for name in &not_utf8 {
            let folder = name.path.ends_with('/');
            let message = crate::i18n::Message::NameNotUtf8 { folder };
            let diagnostic = Diagnostic::new(message, Some(&name.path));
            if name.in_new {
                new_diagnostics.push(diagnostic);
            } else {
                old_diagnostics.push(diagnostic);
            }
        }
        let old = Repo::from_loaded(old_loaded);
        let new = Repo::from_loaded(new_loaded);
        Ok(Comparison {
            paths: files.len(),
            changed_before: files.iter().filter_map(|f| f.old.clone()).collect(),
            changes: crate::diff::compare_renamed(&old, &new, &renames),
            old,
            new,
            old_diagnostics,
            new_diagnostics,
            not_utf8,
        })
    }
}

impl GitRepo {
    /// Documents renamed between a commit and the working tree, as [`log::renames`]
    /// finds them: the added files are read from disk, their ids hashed from them (as
    /// `git add` would name them).
    fn worktree_renames(
        &self,
        old: Option<Oid>,
        files: &[source::ChangedFile],
    ) -> Result<Vec<(String, String)>> {
        if old.is_none() {
            return Ok(Vec::new());
        }
        let mut docs: Vec<source::ChangedFile> = Vec::new();
        for f in files.iter().filter(|f| log::touches_doc(f)) {
            let mut f = f.clone();
            if let (Some(path), None) = (&f.new, f.new_blob) {
                let disk = self.dir.join(path);
                if let Ok(id) = Oid::hash_file(git2::ObjectType::Blob, &disk) {
                    f.new_blob = Some((id, 0o100644));
                }
            }
            docs.push(f);
        }
        let dir = self.dir.clone();
        log::renames_read(
            &docs,
            &mut |id, path| match self.store.read_blob(id, log::SUMMARY_BYTES) {
                Ok(bytes) => Ok(bytes),
                Err(_) => Ok(read_at_most(&dir.join(path), log::SUMMARY_BYTES)),
            },
        )
    }
}

/// The first `limit` bytes of a file of the working tree (nothing when it cannot be
/// read: it is then no rename's match).
fn read_at_most(path: &Path, limit: u64) -> Vec<u8> {
    use std::io::Read;
    let mut bytes = Vec::new();
    if let Ok(file) = std::fs::File::open(path) {
        let _ = file.take(limit).read_to_end(&mut bytes);
    }
    bytes
}

/// The short form of a commit hash (seven digits, as git shows it).
pub fn short(id: &str) -> String {
    id.get(..7).unwrap_or(id).to_string()
}

fn or_head(rev: &str) -> &str {
    if rev.is_empty() {
        "HEAD"
    } else {
        rev
    }
}
