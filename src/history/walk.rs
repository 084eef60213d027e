//! Walking history: the commits that changed one document (following moves, since
//! documents are matched by id), and the latest commits that changed any content.
//! Merge commits are skipped here: their changes are those of the commits they bring in.

use std::collections::BTreeMap;

use git2::{Oid, Sort};

use super::source::ChangedFile;
use super::{git_failed, CommitInfo, GitRepo, Side};
use crate::diff::DocChange;
use crate::error::Result;
use crate::load::{classify, Kind, Place};
use crate::model::Repo;

impl GitRepo {
    /// Every non-merge commit reachable from `HEAD`, newest first.
    pub fn commits(&self) -> Result<Vec<Oid>> {
        let head = self.head()?;
        let mut walk = self.repo.revwalk().map_err(git_failed)?;
        walk.set_sorting(Sort::TOPOLOGICAL | Sort::TIME)
            .map_err(git_failed)?;
        walk.push(head).map_err(git_failed)?;
        let mut out = Vec::new();
        for oid in walk {
            let oid = oid.map_err(git_failed)?;
            let commit = self.repo.find_commit(oid).map_err(git_failed)?;
            if commit.parent_count() <= 1 {
                out.push(oid);
            }
        }
        Ok(out)
    }

    /// Compares a commit with its first parent, loading only the changed paths that
    /// `keep` accepts.
    fn commit_changes(&self, oid: Oid, keep: &dyn Fn(&str) -> bool) -> Result<Vec<DocChange>> {
        let parent = self.first_parent(oid)?;
        let files: Vec<ChangedFile> = self
            .changed_files(parent, Side::Commit(oid))?
            .into_iter()
            .filter(|f| f.old.as_deref().is_some_and(keep) || f.new.as_deref().is_some_and(keep))
            .collect();
        self.changes_of(parent, oid, &files)
    }

    /// Compares the files a tree diff named at a commit with the same at its parent.
    fn changes_of(
        &self,
        parent: Option<Oid>,
        oid: Oid,
        files: &[ChangedFile],
    ) -> Result<Vec<DocChange>> {
        if files.is_empty() {
            return Ok(Vec::new());
        }
        let old = match parent {
            Some(p) => Repo::from_loaded(self.load_before(p, files)?),
            None => Repo::default(),
        };
        let new = Repo::from_loaded(self.load_after(Side::Commit(oid), files)?);
        Ok(crate::diff::compare(&old, &new))
    }
}

/// Every commit that changed the document `id` (any kind), newest first, with its change.
/// Moves are followed: the id, not the path, names the document.
pub fn doc_log(repo: &GitRepo, id: &str) -> Result<Vec<(CommitInfo, DocChange)>> {
    let names_id = |path: &str| matches!(classify(path), Place::Doc { id: ref d, .. } if d == id);
    let mut out = Vec::new();
    for oid in repo.commits()? {
        let changes = repo.commit_changes(oid, &names_id)?;
        let mine: Vec<DocChange> = changes.into_iter().filter(|c| c.id == id).collect();
        if mine.is_empty() {
            continue;
        }
        let info = repo.commit_info(oid)?;
        out.extend(mine.into_iter().map(|c| (info.clone(), c)));
    }
    Ok(out)
}

/// Beyond this many changed documents, [`recent_changes`] counts a commit's changes by
/// kind instead of comparing each document: a first import of thousands of documents
/// would otherwise be read, parsed and listed line by line on the évolution page.
pub const SUMMARY_THRESHOLD: usize = 100;

/// What a commit changed, as the évolution page lists it.
#[derive(Debug, Clone, PartialEq)]
pub enum CommitChanges {
    /// Each document's semantic change.
    Each(Vec<DocChange>),
    /// More than [`SUMMARY_THRESHOLD`] documents: counts by kind, from the tree diff alone.
    Counted(ChangeCounts),
}

/// Documents added, modified and removed by a commit, counted by kind (sorted by kind).
/// A moved document counts as removed at its old place and added at its new one.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct ChangeCounts {
    pub added: Vec<(Kind, usize)>,
    pub modified: Vec<(Kind, usize)>,
    pub removed: Vec<(Kind, usize)>,
}

impl ChangeCounts {
    fn from_files(files: &[ChangedFile]) -> ChangeCounts {
        let kind = |path: &Option<String>| match path.as_deref().map(classify) {
            Some(Place::Doc { kind, .. }) => Some(kind),
            _ => None,
        };
        let mut added = BTreeMap::new();
        let mut modified = BTreeMap::new();
        let mut removed = BTreeMap::new();
        for file in files {
            match (kind(&file.old), kind(&file.new)) {
                (Some(_), Some(k)) => *modified.entry(k).or_insert(0) += 1,
                (None, Some(k)) => *added.entry(k).or_insert(0) += 1,
                (Some(k), None) => *removed.entry(k).or_insert(0) += 1,
                (None, None) => {}
            }
        }
        ChangeCounts {
            added: added.into_iter().collect(),
            modified: modified.into_iter().collect(),
            removed: removed.into_iter().collect(),
        }
    }
}

/// The last `limit` commits that changed content, newest first, each with its changes;
/// a commit that changed more than [`SUMMARY_THRESHOLD`] documents is counted, not read.
pub fn recent_changes(repo: &GitRepo, limit: usize) -> Result<Vec<(CommitInfo, CommitChanges)>> {
    let is_doc = |path: &str| matches!(classify(path), Place::Doc { .. });
    let mut out = Vec::new();
    for oid in repo.commits()? {
        if out.len() >= limit {
            break;
        }
        let parent = repo.first_parent(oid)?;
        let files = repo.changed_files(parent, Side::Commit(oid))?;
        let docs: Vec<ChangedFile> = files
            .iter()
            .filter(|f| {
                f.old.as_deref().is_some_and(is_doc) || f.new.as_deref().is_some_and(is_doc)
            })
            .cloned()
            .collect();
        let changes = if docs.len() > SUMMARY_THRESHOLD {
            CommitChanges::Counted(ChangeCounts::from_files(&files))
        } else {
            let changes = repo.changes_of(parent, oid, &docs)?;
            if changes.is_empty() {
                continue;
            }
            CommitChanges::Each(changes)
        };
        out.push((repo.commit_info(oid)?, changes));
    }
    Ok(out)
}
