//! The few facts the bilan needs from git, read once and kept behind [`HistoryFacts`] so
//! that the computation stays pure (and testable without a repository).
//!
//! Walks the first-parent chain from `HEAD`, diffs each commit against its parent within
//! the #CodeSocial's folder, with rename detection so that a principle moved to another
//! plan (or renamed) keeps its history.

use std::collections::{BTreeMap, HashMap, HashSet};
use std::path::Path;

use git2::{Commit, Delta, Diff, DiffFindOptions, DiffOptions, ErrorCode, Oid, Repository};

use crate::date;
use crate::error::{Error, Result};
use crate::load::{self, Kind, Place, SourceFile};
use crate::model::Classe;

/// What the history says, independent of "now".
#[derive(Debug, Clone, Default, PartialEq)]
pub struct HistoryFacts {
    /// Principle id → Unix time of the latest commit that changed it.
    pub last_change: HashMap<String, i64>,
    /// Principle id → Unix time of the earliest commit that touched it.
    pub first_seen: HashMap<String, i64>,
    /// `YYYY-MM` → commits that changed a document of the format, oldest month first.
    pub commits_per_month: Vec<(String, usize)>,
    /// One entry per commit and principle it changed, newest first.
    pub amendments: Vec<Amendment>,
    /// `Decision:` trailers, newest first.
    pub decisions: Vec<Decision>,
}

/// A commit that changed a principle, with the principle's `classe` at that commit.
#[derive(Debug, Clone, PartialEq)]
pub struct Amendment {
    /// The principle's id today (moves and renames followed).
    pub principle: String,
    pub commit: String,
    pub date: i64,
    pub classe: Classe,
}

/// A `Decision: …` trailer in the last paragraph of a commit message.
#[derive(Debug, Clone, PartialEq)]
pub struct Decision {
    pub commit: String,
    pub date: i64,
    pub text: String,
}

/// Reads the history of the #CodeSocial in `dir` (which may be a subfolder of the
/// repository). `Ok(None)` when `dir` is not inside a git working tree.
pub fn history_facts(dir: &Path) -> Result<Option<HistoryFacts>> {
    let repo = match Repository::discover(dir) {
        Ok(repo) => repo,
        Err(e) if e.code() == ErrorCode::NotFound => return Ok(None),
        Err(e) => return Err(git_error(&e)),
    };
    crate::history::check_objects(&repo)?;
    let Some(prefix) = prefix_of(&repo, dir) else {
        return Ok(None);
    };
    let mut walker = Walker::new(&repo, prefix);
    let head = match repo.head() {
        Ok(head) => head,
        Err(e) if matches!(e.code(), ErrorCode::UnbornBranch | ErrorCode::NotFound) => {
            return Ok(Some(HistoryFacts::default()))
        }
        Err(e) => return Err(git_error(&e)),
    };
    let mut next = Some(head.peel_to_commit().map_err(|e| git_error(&e))?);
    while let Some(commit) = next {
        walker.visit(&commit)?;
        // A shallow clone ends where the parent is missing: that is where history stops.
        next = commit.parent(0).ok();
    }
    Ok(Some(walker.finish()))
}

fn git_error(e: &git2::Error) -> Error {
    Error::BilanHistory {
        reason: e.message().to_string(),
    }
}

/// The folder's path inside the repository, `""` or ending with `/`.
fn prefix_of(repo: &Repository, dir: &Path) -> Option<String> {
    let rel = crate::history::subfolder(repo, dir)?;
    Some(if rel.is_empty() {
        rel
    } else {
        format!("{rel}/")
    })
}

/// The state of the walk, newest commit first.
struct Walker<'r> {
    repo: &'r Repository,
    prefix: String,
    facts: HistoryFacts,
    months: BTreeMap<String, usize>,
    /// An old principle id → its id today, learnt from renames seen so far.
    renamed: HashMap<String, String>,
}

/// One changed principle in one commit.
struct Touch {
    id: String,
    old_id: Option<String>,
    plan: Option<String>,
    path: String,
    blob: Oid,
}

impl<'r> Walker<'r> {
    fn new(repo: &'r Repository, prefix: String) -> Self {
        Walker {
            repo,
            prefix,
            facts: HistoryFacts::default(),
            months: BTreeMap::new(),
            renamed: HashMap::new(),
        }
    }

    fn visit(&mut self, commit: &Commit<'_>) -> Result<()> {
        let diff = self.diff(commit).map_err(|e| git_error(&e))?;
        let (content, touches) = self.touched(&diff);
        if !content {
            return Ok(());
        }
        let date = commit.author().when().seconds();
        let hash = commit.id().to_string();
        *self
            .months
            .entry(date::ymd(date)[..7].to_string())
            .or_default() += 1;
        let message = String::from_utf8_lossy(commit.message_bytes()).into_owned();
        for text in decision_trailers(&message) {
            self.facts.decisions.push(Decision {
                commit: hash.clone(),
                date,
                text,
            });
        }
        let mut seen = HashSet::new();
        for touch in touches {
            let id = self.current_id(&touch.id);
            if let Some(old) = touch.old_id.as_ref().filter(|old| **old != touch.id) {
                self.renamed.insert(old.clone(), id.clone());
            }
            if !seen.insert(id.clone()) {
                continue;
            }
            self.facts.last_change.entry(id.clone()).or_insert(date);
            self.facts.first_seen.insert(id.clone(), date);
            let classe = self.classe_of(&touch);
            self.facts.amendments.push(Amendment {
                principle: id,
                commit: hash.clone(),
                date,
                classe,
            });
        }
        Ok(())
    }

    fn current_id(&self, id: &str) -> String {
        let mut id = id.to_string();
        // Bounded: a rename cycle in history must not loop forever.
        for _ in 0..64 {
            match self.renamed.get(&id) {
                Some(next) if *next != id => id = next.clone(),
                _ => break,
            }
        }
        id
    }

    fn diff(&self, commit: &Commit<'_>) -> std::result::Result<Diff<'r>, git2::Error> {
        let tree = commit.tree()?;
        let parent = commit.parent(0).ok().and_then(|p| p.tree().ok());
        let mut opts = DiffOptions::new();
        if !self.prefix.is_empty() {
            opts.pathspec(&self.prefix);
        }
        let mut diff =
            self.repo
                .diff_tree_to_tree(parent.as_ref(), Some(&tree), Some(&mut opts))?;
        diff.find_similar(Some(DiffFindOptions::new().renames(true)))?;
        Ok(diff)
    }

    /// Whether the diff touches a document of the format, and the principles it changes.
    fn touched(&self, diff: &Diff<'_>) -> (bool, Vec<Touch>) {
        let mut content = false;
        let mut touches = Vec::new();
        for delta in diff.deltas() {
            let new = delta.new_file().path().and_then(|p| self.relative(p));
            let old = delta.old_file().path().and_then(|p| self.relative(p));
            let (path, blob) = match (delta.status(), &new, &old) {
                (Delta::Deleted, _, Some(old)) => (old.clone(), delta.old_file().id()),
                (_, Some(new), _) => (new.clone(), delta.new_file().id()),
                (_, None, Some(old)) => (old.clone(), delta.old_file().id()),
                _ => continue,
            };
            let old_place = old.as_deref().map(load::classify);
            match load::classify(&path) {
                Place::Doc { kind, id, plan } => {
                    content = true;
                    if kind == Kind::Principe {
                        let old_id = match old_place {
                            Some(Place::Doc {
                                kind: Kind::Principe,
                                id,
                                ..
                            }) => Some(id),
                            _ => None,
                        };
                        touches.push(Touch {
                            id,
                            old_id,
                            plan,
                            path,
                            blob,
                        });
                    }
                }
                _ => content |= matches!(old_place, Some(Place::Doc { .. })),
            }
        }
        (content, touches)
    }

    fn relative(&self, path: &Path) -> Option<String> {
        let path = path.to_str()?;
        path.strip_prefix(self.prefix.as_str()).map(str::to_string)
    }

    /// The principle's `classe` in the blob (simple when unreadable, as the format defaults).
    fn classe_of(&self, touch: &Touch) -> Classe {
        let Ok(blob) = self.repo.find_blob(touch.blob) else {
            return Classe::default();
        };
        let Ok(text) = load::decode(blob.content().to_vec()) else {
            return Classe::default();
        };
        let file = SourceFile::new(touch.path.clone(), text);
        let (doc, _) = load::parse_doc(&file, Kind::Principe, touch.id.clone(), touch.plan.clone());
        doc.data
            .as_ref()
            .and_then(|d| d.get("classe"))
            .and_then(|c| c.as_str())
            .and_then(Classe::parse)
            .unwrap_or_default()
    }

    fn finish(mut self) -> HistoryFacts {
        self.facts.commits_per_month = self.months.into_iter().collect();
        self.facts
    }
}

/// The `Decision:` lines of a message's last paragraph (never of the subject alone).
pub fn decision_trailers(message: &str) -> Vec<String> {
    let normalized = message.replace("\r\n", "\n");
    let paragraphs: Vec<&str> = normalized
        .split("\n\n")
        .map(str::trim)
        .filter(|p| !p.is_empty())
        .collect();
    let [_, .., last] = paragraphs.as_slice() else {
        return Vec::new();
    };
    last.lines()
        .filter_map(|line| line.split_once(':'))
        .filter(|(key, _)| key.trim().eq_ignore_ascii_case("decision"))
        .map(|(_, text)| text.trim().to_string())
        .filter(|text| !text.is_empty())
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn trailers_come_from_the_last_paragraph_only() {
        assert_eq!(
            decision_trailers("Adopt X\n\nBody.\n\nDecision: AG du 2024-06-01\nSigned-off-by: a"),
            vec!["AG du 2024-06-01".to_string()]
        );
        assert!(decision_trailers("Decision: subject only").is_empty());
        assert!(decision_trailers("Subject\n\nDecision: not last\n\nOther: x").is_empty());
        assert_eq!(
            decision_trailers("S\r\n\r\ndecision:  a \r\nDecision: b\r\n"),
            vec!["a".to_string(), "b".to_string()]
        );
    }
}
