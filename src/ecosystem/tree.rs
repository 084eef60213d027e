//! A git tree as a [`FileSource`], so an ecosystem member is loaded from a cached mirror
//! (or a local repository at a given `rev`) by the same loader as a folder.
//!
//! Deliberately small and private to the ecosystem: the listing is taken once, blobs are
//! read on demand through one repository handle behind a mutex (the loader reads in
//! parallel, and a `git2::Repository` may move between threads but not be shared). A blob
//! is measured from its object header before it is inflated, so a partner's huge file
//! costs nothing (the same rule and limit as the project's own history).

use std::sync::Mutex;

use git2::{ObjectType, Oid, Repository, TreeWalkMode, TreeWalkResult};

use super::error::EcoError;
use crate::error::Error;
use crate::load::source::{max_file_size, Entry, EntryKind, FileSource, ReadProblem, SKIPPED_DIRS};

/// The files of one commit (or one folder of it).
pub struct GitTreeSource {
    repo: Mutex<Repository>,
    entries: Vec<(Entry, Oid)>,
    name: String,
}

impl std::fmt::Debug for GitTreeSource {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("GitTreeSource")
            .field("name", &self.name)
            .field("entries", &self.entries.len())
            .finish()
    }
}

impl GitTreeSource {
    /// The tree of `rev` (default `HEAD`) in `repo`, or of its folder `subdir` when the
    /// #CodeSocial lives below the repository's root. `label` names the source in messages
    /// (as the user wrote it: never a host path). Returns the source and the commit id.
    pub fn open(
        repo: Repository,
        rev: Option<&str>,
        subdir: Option<&str>,
        label: &str,
    ) -> Result<(Self, String), EcoError> {
        let git = |e: git2::Error| EcoError::repository(&e);
        let commit = commit_at(&repo, rev)?;
        let commit_id = commit.id().to_string();
        let mut tree = commit.tree().map_err(git)?;
        if let Some(sub) = subdir.filter(|s| !s.is_empty()) {
            let entry = tree.get_path(std::path::Path::new(sub)).map_err(git)?;
            tree = entry
                .to_object(&repo)
                .and_then(|o| o.peel_to_tree())
                .map_err(git)?;
        }
        let entries = list(&tree);
        drop(tree);
        drop(commit);
        let name = format!("{label} @ {}", &commit_id[..commit_id.len().min(12)]);
        Ok((
            GitTreeSource {
                repo: Mutex::new(repo),
                entries,
                name,
            },
            commit_id,
        ))
    }
}

/// Every file of the tree, skipping what [`crate::load::source::DirSource`] skips too.
fn list(tree: &git2::Tree<'_>) -> Vec<(Entry, Oid)> {
    let mut out = Vec::new();
    let _ = tree.walk(TreeWalkMode::PreOrder, |root, entry| {
        let Ok(name) = entry.name() else {
            return TreeWalkResult::Skip;
        };
        match entry.kind() {
            Some(ObjectType::Tree) => {
                if name.starts_with('.') || SKIPPED_DIRS.contains(&name) {
                    TreeWalkResult::Skip
                } else {
                    TreeWalkResult::Ok
                }
            }
            Some(ObjectType::Blob) => {
                if root.is_empty() && name.starts_with('.') {
                    return TreeWalkResult::Ok;
                }
                let kind = if entry.filemode() == 0o120000 {
                    EntryKind::Symlink
                } else {
                    EntryKind::File
                };
                let path = format!("{root}{name}");
                out.push((Entry { path, kind }, entry.id()));
                TreeWalkResult::Ok
            }
            // Submodules and anything else are not part of a #CodeSocial.
            _ => TreeWalkResult::Skip,
        }
    });
    out.sort_by(|a, b| a.0.path.cmp(&b.0.path));
    out
}

impl GitTreeSource {
    /// The files of the tree (listing a tree cannot fail: it was read when opened).
    pub fn entries(&self) -> Vec<Entry> {
        self.entries.iter().map(|(e, _)| e.clone()).collect()
    }
}

impl FileSource for GitTreeSource {
    fn list(&self) -> Result<Vec<Entry>, Error> {
        Ok(self.entries())
    }

    fn read(&self, path: &str) -> Result<Vec<u8>, ReadProblem> {
        let found = self
            .entries
            .binary_search_by(|(e, _)| e.path.as_str().cmp(path));
        let Ok(index) = found else {
            return Err(ReadProblem::Io(path.to_string()));
        };
        let oid = &self.entries[index].1;
        let repo = self
            .repo
            .lock()
            .map_err(|e| ReadProblem::Io(e.to_string()))?;
        read_bounded(&repo, *oid, max_file_size())
    }

    fn describe(&self) -> String {
        self.name.clone()
    }
}

/// The blob `oid`, refused by the size its object header states before anything is
/// inflated (`git cat-file -s` reads the same header), so a 1 GiB blob costs nothing.
fn read_bounded(repo: &Repository, oid: Oid, limit: u64) -> Result<Vec<u8>, ReadProblem> {
    let io = |e: git2::Error| ReadProblem::Io(crate::report::visible(e.message()));
    let (size, _) = repo
        .odb()
        .and_then(|odb| odb.read_header(oid))
        .map_err(io)?;
    let size = size as u64;
    if size > limit {
        return Err(ReadProblem::TooLarge { size, limit });
    }
    let blob = repo.find_blob(oid).map_err(io)?;
    Ok(blob.content().to_vec())
}

/// The commit `rev` names in `repo` (default: `HEAD`).
pub fn commit_at<'r>(
    repo: &'r Repository,
    rev: Option<&str>,
) -> Result<git2::Commit<'r>, EcoError> {
    match rev {
        Some(rev) => repo
            .revparse_single(rev)
            .and_then(|o| o.peel_to_commit())
            .map_err(|_| EcoError::RevNotFound),
        None => repo
            .head()
            .and_then(|h| h.peel_to_commit())
            .map_err(|_| EcoError::NoCommit),
    }
}
