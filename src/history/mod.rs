//! Stage four: the same model from any point of git history. A [`GitRepo`] knows where the
//! #CodeSocial folder lies inside its repository; the tree diff between two commits (or a
//! commit and the working tree) names the files that changed, and only those are read and
//! parsed on each side, so a one-file change costs one file whatever the repository's size.
//!
//! Public API for the other stages: [`GitRepo::open`], [`GitRepo::resolve`],
//! [`GitRepo::compare`], [`GitRepo::source_at`], [`doc_log`], [`recent_changes`],
//! [`enforce::enforce`].

pub mod enforce;
mod fsck;
mod source;
mod walk;

use std::path::{Path, PathBuf};

use git2::{ErrorCode, Oid, Repository};
use serde::Serialize;

use crate::diag::Diagnostic;
use crate::diff::DocChange;
use crate::error::{Error, Result};
use crate::model::Repo;

pub use source::MemSource;

/// Checks that every loose object of `repo` is whole. Call it before reading a
/// repository with git2 directly: libgit2 loops forever on a truncated object.
/// A repository is checked once per process: `build` reads history three ways (pages,
/// évolution, bilan) and each used to scan the object store again.
pub fn check_objects(repo: &Repository) -> Result<()> {
    static CHECKED: std::sync::Mutex<Vec<std::path::PathBuf>> = std::sync::Mutex::new(Vec::new());
    let dir = repo.commondir().to_path_buf();
    if CHECKED.lock().is_ok_and(|c| c.contains(&dir)) {
        return Ok(());
    }
    let t = crate::timing::phase("git: loose objects checked");
    fsck::check_loose_objects(&dir)?;
    drop(t);
    if let Ok(mut checked) = CHECKED.lock() {
        checked.push(dir);
    }
    Ok(())
}

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
pub use walk::{doc_log, recent_changes, ChangeCounts, CommitChanges, SUMMARY_THRESHOLD};

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
    /// The values of its `Decision:` trailers.
    pub decisions: Vec<String>,
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
}

/// A git repository and the #CodeSocial folder inside it.
pub struct GitRepo {
    repo: Repository,
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
            return Err(Error::NotADirectory(dir.to_path_buf()));
        }
        let shown = dir.display().to_string();
        // Like git itself, trust the object store: re-hashing every object read (with
        // collision detection) cost more than inflating it.
        git2::opts::strict_hash_verification(false);
        let repo = Repository::discover(dir).map_err(|_| Error::NotARepo { dir: shown.clone() })?;
        check_objects(&repo)?;
        let workdir = repo.workdir().ok_or(Error::NoWorkdir)?;
        let workdir = workdir.canonicalize().map_err(|e| Error::io(workdir, e))?;
        let abs = dir.canonicalize().map_err(|e| Error::io(dir, e))?;
        let rel = abs
            .strip_prefix(&workdir)
            .map_err(|_| Error::OutsideRepo { dir: shown.clone() })?;
        let mut prefix = rel
            .components()
            .map(|c| c.as_os_str().to_string_lossy())
            .collect::<Vec<_>>()
            .join("/");
        if !prefix.is_empty() {
            prefix.push('/');
        }
        Ok(GitRepo {
            repo,
            prefix,
            dir: abs,
        })
    }

    /// The #CodeSocial folder's path inside the repository (`""` or `"sub/dir/"`).
    pub fn prefix(&self) -> &str {
        &self.prefix
    }

    /// The #CodeSocial folder on disk.
    pub fn dir(&self) -> &Path {
        &self.dir
    }

    /// The underlying libgit2 handle, for callers with needs of their own.
    pub fn git(&self) -> &Repository {
        &self.repo
    }

    /// The commit a revision names (any git syntax but ranges).
    pub fn resolve(&self, rev: &str) -> Result<Oid> {
        self.check_born()?;
        let object = self
            .repo
            .revparse_single(rev)
            .map_err(|_| self.unknown(rev))?;
        object
            .peel_to_commit()
            .map(|c| c.id())
            .map_err(|_| self.unknown(rev))
    }

    /// `HEAD`'s commit.
    pub fn head(&self) -> Result<Oid> {
        self.resolve("HEAD")
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
            let base = self.repo.merge_base(from, to).map_err(git_failed)?;
            return Ok((base, to));
        }
        Ok((from, to))
    }

    fn check_born(&self) -> Result<()> {
        match self.repo.head() {
            Err(e) if e.code() == ErrorCode::UnbornBranch => Err(Error::Unborn),
            _ => Ok(()),
        }
    }

    fn unknown(&self, rev: &str) -> Error {
        if self.repo.is_shallow() {
            Error::ShallowRev {
                rev: rev.to_string(),
            }
        } else {
            Error::UnknownRev {
                rev: rev.to_string(),
            }
        }
    }

    /// What a commit says about itself.
    pub fn commit_info(&self, oid: Oid) -> Result<CommitInfo> {
        let commit = self.repo.find_commit(oid).map_err(git_failed)?;
        let message = String::from_utf8_lossy(commit.message_bytes()).into_owned();
        let author = commit.author();
        let id = oid.to_string();
        Ok(CommitInfo {
            short: id.get(..7).unwrap_or(&id).to_string(),
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
            decisions: decisions(&message),
            message,
        })
    }

    /// The first parent of a commit (`None` for a root commit or a shallow boundary).
    pub fn first_parent(&self, oid: Oid) -> Result<Option<Oid>> {
        let commit = self.repo.find_commit(oid).map_err(git_failed)?;
        if commit.parent_count() == 0 {
            return Ok(None);
        }
        match commit.parent_id(0) {
            Ok(p) if self.repo.find_commit(p).is_ok() => Ok(Some(p)),
            _ => Err(Error::ShallowRev {
                rev: format!("{oid}^"),
            }),
        }
    }

    /// Compares two sides: tree diff first, then only the changed files are loaded.
    pub fn compare(&self, old: Option<Oid>, new: Side) -> Result<Comparison> {
        let files = self.changed_files(old, new)?;
        let old_loaded = match old {
            Some(oid) => self.load_before(oid, &files)?,
            None => crate::load::Loaded::default(),
        };
        let new_loaded = self.load_after(new, &files)?;
        let old_diagnostics = old_loaded.diagnostics.clone();
        let new_diagnostics = new_loaded.diagnostics.clone();
        let old = Repo::from_loaded(old_loaded);
        let new = Repo::from_loaded(new_loaded);
        Ok(Comparison {
            changes: crate::diff::compare(&old, &new),
            old,
            new,
            old_diagnostics,
            new_diagnostics,
        })
    }
}

fn or_head(rev: &str) -> &str {
    if rev.is_empty() {
        "HEAD"
    } else {
        rev
    }
}

/// The values of a message's `Decision:` trailers (key case ignored).
pub fn decisions(message: &str) -> Vec<String> {
    let Ok(trailers) = git2::message_trailers_strs(message) else {
        return Vec::new();
    };
    trailers
        .iter()
        .filter(|(k, _)| k.eq_ignore_ascii_case("decision"))
        .map(|(_, v)| v.trim().to_string())
        .collect()
}

pub(crate) fn git_failed(e: git2::Error) -> Error {
    Error::Git {
        detail: e.message().to_string(),
    }
}

#[cfg(test)]
mod tests {
    use super::decisions;

    #[test]
    fn reads_decision_trailers() {
        let msg = "Adopt it\n\nBody.\n\nDecision: AG du 2024-03-01\nSigned-off-by: A <a@b>\n";
        assert_eq!(decisions(msg), vec!["AG du 2024-03-01".to_string()]);
        assert!(decisions("No trailer\n\nDecision is hard.\n").is_empty());
    }
}
