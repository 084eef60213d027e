//! Walking history: the commits that changed one document (following moves, since
//! documents are matched by id), and the latest commits that changed any content.
//! Merge commits are skipped here: their changes are those of the commits they bring in.

use git2::{Oid, Sort};

use super::{git_failed, CommitInfo, GitRepo, Side};
use crate::diff::DocChange;
use crate::error::Result;
use crate::load::{classify, Place};
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
        let paths: Vec<String> = self
            .changed_paths(parent, Side::Commit(oid))?
            .into_iter()
            .filter(|p| keep(p))
            .collect();
        if paths.is_empty() {
            return Ok(Vec::new());
        }
        let old = match parent {
            Some(p) => Repo::from_loaded(self.load_paths(Side::Commit(p), &paths)?),
            None => Repo::default(),
        };
        let new = Repo::from_loaded(self.load_paths(Side::Commit(oid), &paths)?);
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

/// The last `limit` commits that changed content, newest first, each with its changes.
pub fn recent_changes(repo: &GitRepo, limit: usize) -> Result<Vec<(CommitInfo, Vec<DocChange>)>> {
    let is_doc = |path: &str| matches!(classify(path), Place::Doc { .. });
    let mut out = Vec::new();
    for oid in repo.commits()? {
        if out.len() >= limit {
            break;
        }
        let changes = repo.commit_changes(oid, &is_doc)?;
        if !changes.is_empty() {
            out.push((repo.commit_info(oid)?, changes));
        }
    }
    Ok(out)
}
