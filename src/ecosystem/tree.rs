//! A git tree as a [`FileSource`], so an ecosystem member is loaded from a cached mirror
//! (or a local repository at a given `rev`) by the same loader as a folder.
//!
//! Deliberately small and private to the ecosystem: the listing is taken once, blobs are
//! read on demand through one store behind a mutex (the loader reads in parallel, and a
//! `git2::Repository` may move between threads but not be shared). Revisions, trees and
//! blobs are read through [`crate::history::Store`], the one reader of git objects: each
//! object is checked before libgit2 reads it, and a blob is measured from its object
//! header before it is inflated, so a partner's huge file costs nothing (the same rule,
//! limit and error as the project's own history), and a tree naming more documents than
//! [`MAX_COMMIT_DOCUMENTS`] is refused before any is read, as a commit of the history is.

use std::sync::Mutex;

use git2::Oid;

use super::error::EcoError;
use crate::error::Error;
use crate::history::{is_document_path, HistoryError, Store, MAX_COMMIT_DOCUMENTS, SYMLINK_MODE};
use crate::load::source::{max_file_size, Entry, EntryKind, FileSource, ReadProblem, SKIPPED_DIRS};

/// The files of one commit (or one folder of it).
pub struct GitTreeSource {
    store: Mutex<Store>,
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
    /// The tree of `rev` (default `HEAD`) in `store`, or of its folder `subdir` when the
    /// #CodeSocial lives below the repository's root. `label` names the source in messages
    /// (as the user wrote it: never a host path). Returns the source and the commit id.
    pub fn open(
        store: Store,
        rev: Option<&str>,
        subdir: Option<&str>,
        label: &str,
    ) -> Result<(Self, String), EcoError> {
        let commit = resolve(&store, rev)?;
        let commit_id = commit.to_string();
        let entries = {
            let root = store.commit_tree(commit).map_err(EcoError::History)?;
            let sub = subdir.unwrap_or_default();
            let tree = store
                .subtree(&root, sub)
                .map_err(EcoError::History)?
                .ok_or_else(|| EcoError::FolderNotInCommit {
                    path: crate::escape::terminal::shown(sub).into_owned(),
                })?;
            let limit = max_partner_entries();
            list(&store, &tree, limit)
                .map_err(EcoError::History)?
                .ok_or(EcoError::TooManyEntries { limit })?
        };
        let documents = entries
            .iter()
            .filter(|(e, _)| is_document_path(&e.path))
            .count();
        if documents > MAX_COMMIT_DOCUMENTS {
            return Err(EcoError::TooManyDocuments {
                limit: MAX_COMMIT_DOCUMENTS,
            });
        }
        let name = format!("{label} @ {}", &commit_id[..commit_id.len().min(12)]);
        Ok((
            GitTreeSource {
                store: Mutex::new(store),
                entries,
                name,
            },
            commit_id,
        ))
    }
}

/// Every file of the tree, skipping what [`crate::load::source::DirSource`] skips too;
/// submodules are not part of a #CodeSocial.
/// `None` past `limit` tree entries read ([`max_partner_entries`]).
fn list(
    store: &Store,
    tree: &crate::history::RawTree,
    limit: usize,
) -> Result<Option<Vec<(Entry, Oid)>>, HistoryError> {
    let skip = |name: &str| name.starts_with('.') || SKIPPED_DIRS.contains(&name);
    let Some(files) = store.files_at_most(tree, &skip, limit)? else {
        return Ok(None);
    };
    Ok(Some(
        files
            .into_iter()
            .filter(|f| f.path.contains('/') || !f.path.starts_with('.'))
            .map(|f| {
                let kind = if f.mode == SYMLINK_MODE {
                    EntryKind::Symlink
                } else {
                    EntryKind::File
                };
                (Entry { path: f.path, kind }, f.id)
            })
            .collect(),
    ))
}

/// Most tree entries read from one partner's tree
/// ([`crate::settings::MAX_PARTNER_ENTRIES`]): a repository of millions of files that are
/// no documents is refused after that many, in bounded time and memory.
fn max_partner_entries() -> usize {
    usize::try_from(crate::settings::MAX_PARTNER_ENTRIES.get()).unwrap_or(usize::MAX)
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
        let oid = self.entries[index].1;
        let store = self
            .store
            .lock()
            .map_err(|e| ReadProblem::Io(e.to_string()))?;
        match store.read_blob(oid, max_file_size()) {
            Ok(bytes) => Ok(bytes),
            Err(HistoryError::TooLarge { size, limit }) => {
                Err(ReadProblem::TooLarge { size, limit })
            }
            Err(e) => {
                let message = Error::from(e).to_string();
                Err(ReadProblem::Io(
                    crate::escape::terminal::shown(&message).into_owned(),
                ))
            }
        }
    }

    fn describe(&self) -> String {
        self.name.clone()
    }
}

/// The commit `rev` names (default: `HEAD`), through the store's checked reads. A revision
/// that names nothing is [`EcoError::RevNotFound`] (no `rev`: [`EcoError::NoCommit`]); an
/// object that cannot be read on the way is the history's error, not a missing revision.
fn resolve(store: &Store, rev: Option<&str>) -> Result<Oid, EcoError> {
    store
        .resolve(rev.unwrap_or("HEAD"))
        .map_err(|e| match (e, rev) {
            (HistoryError::UnknownRevision { .. }, Some(_)) => EcoError::RevNotFound,
            (HistoryError::UnknownRevision { .. }, None) => EcoError::NoCommit,
            (e, _) => EcoError::History(e),
        })
}

/// The commit `rev` names (default: `HEAD`) in the cached copy at `path`.
pub fn commit_at(path: &std::path::Path, rev: Option<&str>) -> Result<Oid, EcoError> {
    let store = Store::open_bare(path).map_err(EcoError::History)?;
    resolve(&store, rev)
}
