//! What the site shows of the repository's past: each document's recent commits and the
//! evolution of the whole. This is an input of the site, filled by [`history_from_git`]
//! for now; the semantic diff engine will fill it with richer lines later.

use std::collections::HashMap;
use std::path::Path;

use crate::load::{classify, Kind, Place};

/// How many commits are read, newest first.
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
#[derive(Debug, Clone, PartialEq, Eq, serde::Serialize)]
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
}

/// Reads the recent history of the folder from git: file-level, and empty when the folder
/// is not in a repository or the repository has no commit.
pub fn history_from_git(dir: &Path, lang: crate::i18n::Lang) -> History {
    read_git_history(dir).worded(lang)
}

/// The history as read from git, before any of it is put into words: reading needs no
/// language, so `build` reads it on another thread while the repository is checked.
#[derive(Debug, Default)]
pub struct GitHistory {
    history: History,
    /// The évolution page's commits from the diff engine, when it could read them.
    recent: Option<Vec<(crate::history::CommitInfo, crate::history::CommitChanges)>>,
}

/// Reads everything the site shows of the folder's git history (see [`history_from_git`]).
pub fn read_git_history(dir: &Path) -> GitHistory {
    // Opening checks the loose objects: libgit2 would hang on a truncated one, so a
    // damaged repository gives a site without history rather than no site.
    let t = crate::timing::phase("history: open");
    let Ok(repo) = crate::history::GitRepo::open(dir) else {
        return GitHistory::default();
    };
    drop(t);
    let t = crate::timing::phase("history: per document");
    let mut history = read(dir, &repo).unwrap_or_default();
    drop(t);
    let t = crate::timing::phase("history: evolution");
    let recent = crate::history::recent_changes(&repo, MAX_EVOLUTION).ok();
    drop(t);
    let _t = crate::timing::phase("history: bilan facts");
    history.bilan_facts = crate::bilan::history_facts(dir).ok().flatten();
    GitHistory { history, recent }
}

impl GitHistory {
    /// The history in the site's language (the évolution page's lines are sentences).
    pub fn worded(self, lang: crate::i18n::Lang) -> History {
        let mut history = self.history;
        if let Some(recent) = self.recent {
            history.evolution = semantic_evolution(recent, lang);
        }
        history
    }
}

/// The évolution page from the diff engine: one line per semantic change ("statut propose →
/// adopte"), in the site's language rather than the terminal's.
fn semantic_evolution(
    recent: Vec<(crate::history::CommitInfo, crate::history::CommitChanges)>,
    lang: crate::i18n::Lang,
) -> Vec<EvolutionEntry> {
    let entry = |(info, changes): (crate::history::CommitInfo, _)| EvolutionEntry {
        date: crate::date::ymd(info.time),
        timestamp: crate::date::rfc3339(info.time),
        changes: change_lines(&changes),
        commit: info.id,
        author: info.author,
        message: info.summary,
        decisions: info.decisions,
    };
    crate::i18n::in_lang(lang, || recent.into_iter().map(entry).collect())
}

/// One line per change, or per action for a commit counted rather than read.
fn change_lines(changes: &crate::history::CommitChanges) -> Vec<String> {
    use crate::history::CommitChanges;
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

fn read(dir: &Path, git: &crate::history::GitRepo) -> Result<History, git2::Error> {
    let repo = git2::Repository::discover(dir)?;
    let mut walk = repo.revwalk()?;
    walk.push_head()?;
    walk.set_sorting(git2::Sort::TIME)?;
    let mut history = History::default();
    for oid in walk.take(MAX_COMMITS) {
        let commit = repo.find_commit(oid?)?;
        let changed = changed_docs(git, &commit)?;
        if changed.is_empty() {
            continue;
        }
        record(&mut history, &commit, &changed);
    }
    Ok(history)
}

/// A changed content file: its status mark, path and document.
struct Changed {
    mark: char,
    path: String,
    kind: Kind,
    id: String,
}

/// The documents a commit changed against its first parent, from the same tree
/// comparison as `diff` (identical folders are not read).
fn changed_docs(
    git: &crate::history::GitRepo,
    commit: &git2::Commit,
) -> Result<Vec<Changed>, git2::Error> {
    // A shallow clone's last commit has a parent id but no parent: compared with nothing.
    let parent = commit.parent(0).ok().map(|p| p.id());
    let files = git
        .changed_files(parent, crate::history::Side::Commit(commit.id()))
        .map_err(|e| git2::Error::from_str(&e.to_string()))?;
    Ok(files
        .into_iter()
        .filter_map(|f| {
            let mark = match (&f.old, &f.new) {
                (None, Some(_)) => '+',
                (Some(_), None) => '-',
                _ => '~',
            };
            let path = f.new.or(f.old)?;
            match classify(&path) {
                Place::Doc { kind, id, .. } => Some(Changed {
                    mark,
                    path,
                    kind,
                    id,
                }),
                _ => None,
            }
        })
        .collect())
}

fn record(history: &mut History, commit: &git2::Commit, changed: &[Changed]) {
    let seconds = commit.time().seconds();
    let author = commit.author().name().unwrap_or_default().to_string();
    let full = commit.message().unwrap_or_default().to_string();
    let message = full.lines().next().unwrap_or_default().trim().to_string();
    let hash = commit.id().to_string();
    for c in changed {
        let entries = history
            .per_doc
            .entry(History::key(c.kind, &c.id))
            .or_default();
        if entries.len() < MAX_PER_DOC {
            entries.push(HistoryEntry {
                date: crate::date::ymd(seconds),
                author: author.clone(),
                message: message.clone(),
                commit: hash.clone(),
            });
        }
    }
    if history.evolution.len() < MAX_EVOLUTION {
        history.evolution.push(EvolutionEntry {
            commit: hash,
            date: crate::date::ymd(seconds),
            timestamp: crate::date::rfc3339(seconds),
            author,
            message,
            decisions: decisions(&full),
            changes: changed
                .iter()
                .map(|c| format!("{} {}", c.mark, c.path))
                .collect(),
        });
    }
}

/// The `Decision:` trailers of a commit message.
fn decisions(message: &str) -> Vec<String> {
    message
        .lines()
        .filter_map(|l| l.trim().strip_prefix("Decision:"))
        .map(|d| d.trim().to_string())
        .filter(|d| !d.is_empty())
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn decision_trailers() {
        assert_eq!(
            decisions("Adopt x\n\nBody\n\nDecision: AG du 3 mars\n"),
            ["AG du 3 mars"]
        );
    }

    #[test]
    fn no_repository_means_empty() {
        let dir = tempfile::tempdir().expect("tempdir");
        assert_eq!(
            history_from_git(dir.path(), crate::i18n::Lang::Fr),
            History::default()
        );
    }
}
