//! What the site shows of the repository's past: each document's recent commits, the
//! évolution of the whole (with its Atom feed) and the Bilan's facts — all read by the one
//! walker of [`crate::history`], and, in a shallow clone, where the history stops.

use std::collections::HashMap;
use std::path::Path;

use crate::format::Kind;
use crate::history::{CommitChanges, GitRepo, Recent, RecentCommit, Truncation};

/// How many commits are read for each document's recent history, newest first.
const MAX_COMMITS: usize = 200;
/// How many commits the évolution page and the feed show.
const MAX_EVOLUTION: usize = 50;
/// How many commits a document's page shows.
const MAX_PER_DOC: usize = 10;

/// One commit that touched a document.
#[derive(Debug, Clone, PartialEq, Eq, serde::Serialize)]
pub struct HistoryEntry {
    pub date: String,
    pub author: String,
    pub message: String,
    pub commit: String,
}

/// One commit of the évolution page.
#[derive(Debug, Clone, PartialEq, serde::Serialize)]
pub struct EvolutionEntry {
    pub commit: String,
    /// `YYYY-MM-DD`.
    pub date: String,
    /// RFC 3339, for the feed.
    pub timestamp: String,
    pub author: String,
    pub message: String,
    /// `Decision:` trailers of the commit message.
    pub decisions: Vec<String>,
    /// One human line per change.
    pub changes: Vec<String>,
    /// For a merge, the commits it brought in, newest first.
    pub merged: Vec<MergedCommit>,
    /// The changes themselves, when the commit was read document by document (not
    /// counted), for the évolution page's before/after excerpts.
    pub docs: Vec<crate::diff::DocChange>,
}

/// A commit a merge brought in.
#[derive(Debug, Clone, PartialEq, Eq, serde::Serialize)]
pub struct MergedCommit {
    /// The abbreviated hash.
    pub short: String,
    /// The first line of its message, as written (Markdown).
    pub summary: String,
    pub author: String,
}

/// The history the site shows; empty means "no git history" on the pages.
#[derive(Debug, Clone, Default, PartialEq)]
pub struct History {
    /// Keyed by [`History::key`], newest first.
    pub per_doc: HashMap<String, Vec<HistoryEntry>>,
    /// Newest first.
    pub evolution: Vec<EvolutionEntry>,
    /// What the Bilan page needs from git (freshness, evolution); `None` without git.
    pub bilan_facts: Option<crate::bilan::HistoryFacts>,
    /// Where a shallow clone's history stops: nothing before it is shown as changed.
    pub truncated: Option<Truncation>,
    /// The documents renamed in the history (their id with their file), newest first:
    /// their old addresses lead to their pages, their history follows them.
    pub renamed: Vec<crate::history::Renamed>,
}

impl History {
    /// The key of a document in [`History::per_doc`]: `principe:transparence`.
    pub fn key(kind: Kind, id: &str) -> String {
        format!("{}:{id}", kind.name())
    }

    pub fn of(&self, kind: Kind, id: &str) -> &[HistoryEntry] {
        self.per_doc
            .get(&History::key(kind, id))
            .map_or(&[], Vec::as_slice)
    }

    /// The id the document `kind`/`id` has today, following its renames from the oldest
    /// to the newest (`a` renamed `b`, then `b` renamed `c`: `c`); `id` itself when it
    /// was never renamed.
    pub fn current_id(&self, kind: Kind, id: &str) -> String {
        current_id(&self.renamed, kind, id)
    }
}

/// See [`History::current_id`]; `renamed` newest first.
fn current_id(renamed: &[crate::history::Renamed], kind: Kind, id: &str) -> String {
    let mut id = id.to_string();
    for r in renamed.iter().rev() {
        if r.kind == kind && r.old_id == id {
            id.clone_from(&r.new_id);
        }
    }
    id
}

/// The history of the last build, read again only when the repository's `HEAD` or its
/// shallow boundary moved: the live preview rebuilds on every save, and what the site
/// shows of the past changes only with commits (the watcher sees `HEAD` and the refs move,
/// `serve::watch::Git`, and a commit triggers a rebuild).
#[derive(Debug, Default)]
pub struct HistoryCache {
    /// What the history was read at, and in which language it was worded; `None` when it
    /// could not be read (then it is read again at the next build).
    key: Option<(Vec<u8>, crate::i18n::Lang)>,
    history: History,
}

impl HistoryCache {
    /// The history of `dir` in `lang`, from memory when `HEAD` and the shallow boundary
    /// have not moved, and why it could not be read when it could not (the site is then
    /// built without it, as `build`'s is).
    pub fn get(&mut self, dir: &Path, lang: crate::i18n::Lang) -> (History, Option<String>) {
        let key = state_of(dir).map(|state| (state, lang));
        if let (Ok(key), Some(kept)) = (&key, &self.key) {
            if key == kept {
                return (self.history.clone(), None);
            }
        }
        let read = read_git_history(dir);
        let problem = match (read.problem(), &key) {
            (Some(problem), _) => Some(problem.to_string()),
            (None, Err(e)) => Some(e.to_string()),
            (None, Ok(_)) => None,
        };
        self.history = read.worded(lang);
        self.key = key.ok().filter(|_| problem.is_none());
        (self.history.clone(), problem)
    }
}

/// `HEAD`'s commit and the shallow clone's boundary commits, as the history's store reads
/// them, in bytes (empty outside a repository): the history changes when they do.
fn state_of(dir: &Path) -> crate::error::Result<Vec<u8>> {
    let Some(repo) = GitRepo::open_if_any(dir)? else {
        return Ok(Vec::new());
    };
    let mut key = repo
        .head_if_born()?
        .map(|h| h.as_bytes().to_vec())
        .unwrap_or_default();
    for boundary in repo.store().boundaries() {
        key.extend(boundary.as_bytes());
    }
    Ok(key)
}

/// The history as read from git, before any of it is put into words: reading needs no
/// language, so `build` reads it on another thread while the repository is checked.
#[derive(Debug, Default)]
pub struct GitHistory {
    history: History,
    /// The évolution page's commits, when they could be read.
    recent: Option<Recent>,
    /// Why the history could not be read (a damaged repository): the site is built
    /// without it, and the command says so.
    problem: Option<String>,
}

/// Reads everything the site shows of the folder's git history; empty when the folder is
/// not in a repository or the repository has no commit, and with its
/// [`GitHistory::problem`] when the repository cannot be read.
pub fn read_git_history(dir: &Path) -> GitHistory {
    let _t = crate::timing::phase("history");
    match read(dir) {
        Ok(read) => read,
        Err(e) => GitHistory {
            problem: Some(e.to_string()),
            ..GitHistory::default()
        },
    }
}

fn read(dir: &Path) -> crate::error::Result<GitHistory> {
    let Some(repo) = GitRepo::open_if_any(dir)? else {
        return Ok(GitHistory::default());
    };
    let touches = crate::history::recent_touches(&repo, MAX_COMMITS)?;
    let facts = crate::history::facts(&repo)?;
    let mut history = History {
        truncated: touches.truncated.clone(),
        renamed: facts.renamed.clone(),
        ..History::default()
    };
    // Newest first: a commit older than a document's rename is recorded under the id the
    // document has today, so that its page's history goes on past the rename.
    let mut seen: Vec<crate::history::Renamed> = Vec::new();
    for (info, docs) in &touches.commits {
        seen.extend(
            history
                .renamed
                .iter()
                .filter(|r| r.commit == info.id)
                .cloned(),
        );
        let docs: Vec<(Kind, String)> = docs
            .iter()
            .map(|(kind, id)| (*kind, current_id(&seen, *kind, id)))
            .collect();
        record(&mut history, info, &docs);
    }
    let recent = crate::history::recent_changes(&repo, MAX_EVOLUTION)?;
    history.bilan_facts = Some(facts);
    Ok(GitHistory {
        history,
        recent: Some(recent),
        problem: None,
    })
}

impl GitHistory {
    /// Why the history could not be read, if it could not.
    pub fn problem(&self) -> Option<&str> {
        self.problem.as_deref()
    }

    /// The history in the site's language (the évolution page's lines are sentences).
    pub fn worded(self, lang: crate::i18n::Lang) -> History {
        let mut history = self.history;
        if let Some(recent) = self.recent {
            history.evolution = semantic_evolution(recent.commits, lang);
        }
        history
    }
}

/// The évolution page from the diff engine: one line per semantic change ("statut propose →
/// adopte"), in the site's language rather than the terminal's.
fn semantic_evolution(recent: Vec<RecentCommit>, lang: crate::i18n::Lang) -> Vec<EvolutionEntry> {
    let entry = |c: RecentCommit| EvolutionEntry {
        date: crate::date::ymd(c.info.time),
        timestamp: crate::date::rfc3339(c.info.time),
        changes: change_lines(&c.changes),
        merged: c
            .merged
            .iter()
            .map(|m| MergedCommit {
                short: m.short.clone(),
                summary: m.summary.clone(),
                author: m.author.clone(),
            })
            .collect(),
        commit: c.info.id,
        author: c.info.author,
        message: c.info.summary,
        decisions: c.info.decisions,
        docs: match &c.changes {
            CommitChanges::Each(docs) => docs.clone(),
            CommitChanges::Counted(_) => Vec::new(),
        },
    };
    crate::i18n::in_lang(lang, || recent.into_iter().map(entry).collect())
}

/// One line per change, or per action for a commit counted rather than read.
fn change_lines(changes: &CommitChanges) -> Vec<String> {
    use crate::i18n::diff::{counted_line, Counted};
    match changes {
        CommitChanges::Each(changes) => changes
            .iter()
            .map(|c| {
                crate::diff::render_change(c, false)
                    .lines()
                    .next()
                    .unwrap_or_default()
                    .to_string()
            })
            .collect(),
        CommitChanges::Counted(counts) => [
            (Counted::Added, &counts.added),
            (Counted::Modified, &counts.modified),
            (Counted::Removed, &counts.removed),
        ]
        .into_iter()
        .filter(|(_, c)| !c.is_empty())
        .map(|(action, c)| counted_line(action, c))
        .collect(),
    }
}

/// Adds a commit to the pages of the documents it touched.
fn record(history: &mut History, info: &crate::history::CommitInfo, docs: &[(Kind, String)]) {
    for (kind, id) in docs {
        let entries = history.per_doc.entry(History::key(*kind, id)).or_default();
        if entries.len() < MAX_PER_DOC && entries.last().is_none_or(|e| e.commit != info.id) {
            entries.push(HistoryEntry {
                date: crate::date::ymd(info.time),
                author: info.author.clone(),
                message: info.summary.clone(),
                commit: info.id.clone(),
            });
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    /// A document renamed twice is known by its last id; a rename back leads back; a
    /// document of another kind with the same id is another document.
    #[test]
    fn a_renamed_document_is_known_by_its_id_today() {
        let renamed = |old: &str, new: &str, kind: Kind| crate::history::Renamed {
            kind,
            old_id: old.into(),
            new_id: new.into(),
            commit: String::new(),
        };
        // Newest first.
        let history = History {
            renamed: vec![
                renamed("c", "a", Kind::Principe),
                renamed("b", "c", Kind::Principe),
                renamed("a", "b", Kind::Principe),
            ],
            ..History::default()
        };
        assert_eq!(history.current_id(Kind::Principe, "a"), "a");
        assert_eq!(history.current_id(Kind::Principe, "b"), "a");
        let once = History {
            renamed: vec![
                renamed("b", "c", Kind::Principe),
                renamed("a", "b", Kind::Principe),
            ],
            ..History::default()
        };
        assert_eq!(once.current_id(Kind::Principe, "a"), "c");
        assert_eq!(once.current_id(Kind::Offre, "a"), "a");
        assert_eq!(once.current_id(Kind::Principe, "z"), "z");
    }

    #[test]
    fn no_repository_means_empty() {
        let dir = tempfile::tempdir().expect("tempdir");
        let read = read_git_history(dir.path());
        assert_eq!(read.problem(), None);
        assert_eq!(read.worded(crate::i18n::Lang::Fr), History::default());
    }
}
