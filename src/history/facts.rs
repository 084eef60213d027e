//! The few facts the bilan needs from git, read by the one walker ([`super::walk`]) and
//! kept behind [`HistoryFacts`] so that the bilan's computation stays pure (and testable
//! without a repository). Principles are matched by id, as everywhere: one moved to
//! another plan keeps its history; one whose id changed is another principle.

use std::collections::{BTreeMap, HashMap, HashSet};

use super::log::touches_doc;
use super::source::ChangedFile;
use super::walk::{FirstParent, Step};
use super::{GitRepo, Side, Truncation};
use crate::error::Result;
use crate::format::Kind;
use crate::load::{classify, Place};
use crate::model::{Classe, Repo};

/// What the history says, independent of "now".
#[derive(Debug, Clone, Default, PartialEq)]
pub struct HistoryFacts {
    /// Principle id → Unix time of the latest commit that changed it.
    pub last_change: HashMap<String, i64>,
    /// Principle id → Unix time of the earliest commit that touched it; absent when the
    /// principle already existed where a shallow history stops.
    pub first_seen: HashMap<String, i64>,
    /// `YYYY-MM` → commits that changed a document of the format, oldest month first.
    pub commits_per_month: Vec<(String, usize)>,
    /// One entry per commit and principle it changed, newest first.
    pub amendments: Vec<Amendment>,
    /// `Decision:` trailers, newest first (a merge's, then those of the commits it
    /// brought in).
    pub decisions: Vec<Decision>,
    /// Where a shallow clone's history stops: changes before it are unknown.
    pub truncated: Option<Truncation>,
    /// The documents renamed (their id with their file), newest first: the site answers
    /// at their old addresses and follows their history (read on this walk, which lists
    /// every commit's files already).
    pub renamed: Vec<super::Renamed>,
}

/// A commit that changed a principle, with the principle's `classe` at that commit.
#[derive(Debug, Clone, PartialEq)]
pub struct Amendment {
    pub principle: String,
    pub commit: String,
    pub date: i64,
    pub classe: Classe,
}

/// A `Decision: …` trailer of a commit message.
#[derive(Debug, Clone, PartialEq)]
pub struct Decision {
    pub commit: String,
    pub date: i64,
    pub text: String,
}

/// Reads the facts along the first-parent chain from `HEAD` (empty on a branch with no
/// commit).
pub fn facts(repo: &GitRepo) -> Result<HistoryFacts> {
    let mut facts = HistoryFacts::default();
    let mut months: BTreeMap<String, usize> = BTreeMap::new();
    let Some(head) = repo.head_if_born()? else {
        return Ok(facts);
    };
    for step in FirstParent::new(repo.store(), head) {
        let step = step?;
        if step.boundary {
            facts.truncated = repo.truncation(&step)?;
            for id in principles_at(repo, step.id)? {
                facts.first_seen.remove(&id);
            }
            break;
        }
        let files = repo.changed_between(step.parent, step.id, &|_, _| true)?;
        if !files.iter().any(touches_doc) {
            continue;
        }
        visit(repo, &step, &files, &mut facts)?;
        facts
            .renamed
            .extend(super::log::renamed_at(repo, &step, &files)?);
        let date = repo.commit_info(step.id)?.time;
        *months
            .entry(crate::date::ymd(date)[..7].to_string())
            .or_default() += 1;
    }
    facts.commits_per_month = months.into_iter().collect();
    Ok(facts)
}

/// Records one commit that changed content: its decisions and the principles it changed.
fn visit(
    repo: &GitRepo,
    step: &Step,
    files: &[ChangedFile],
    facts: &mut HistoryFacts,
) -> Result<()> {
    let info = repo.commit_info(step.id)?;
    let mut carriers = vec![info.clone()];
    if step.merge {
        carriers.extend(repo.merged_commits(step.id)?);
    }
    for c in &carriers {
        facts
            .decisions
            .extend(c.decisions.iter().map(|text| Decision {
                commit: c.id.clone(),
                date: c.time,
                text: text.clone(),
            }));
    }
    for (id, classe) in principles_changed(repo, step, files)? {
        facts.last_change.entry(id.clone()).or_insert(info.time);
        facts.first_seen.insert(id.clone(), info.time);
        facts.amendments.push(Amendment {
            principle: id,
            commit: info.id.clone(),
            date: info.time,
            classe,
        });
    }
    Ok(())
}

fn is_principle(path: &Option<String>) -> bool {
    matches!(
        path.as_deref().map(classify),
        Some(Place::Doc {
            kind: Kind::Principe,
            ..
        })
    )
}

/// The principles a commit changed, each once, with its `classe` after the change (before
/// it, for a removed one; `simple` when unreadable, as the format defaults).
fn principles_changed(
    repo: &GitRepo,
    step: &Step,
    files: &[ChangedFile],
) -> Result<Vec<(String, Classe)>> {
    let mine: Vec<ChangedFile> = files
        .iter()
        .filter(|f| is_principle(&f.old) || is_principle(&f.new))
        .cloned()
        .collect();
    if mine.is_empty() {
        return Ok(Vec::new());
    }
    let new = Repo::from_loaded(repo.load_after(Side::Commit(step.id), &mine)?);
    let old = match step.parent {
        Some(p) => Repo::from_loaded(repo.load_before(p, &mine)?),
        None => Repo::default(),
    };
    let mut seen = HashSet::new();
    let mut out = Vec::new();
    for f in &mine {
        let Some(Place::Doc { id, .. }) = f.new.as_deref().or(f.old.as_deref()).map(classify)
        else {
            continue;
        };
        if !seen.insert(id.clone()) {
            continue;
        }
        let classe = new
            .principe(&id)
            .or_else(|| old.principe(&id))
            .map(|p| p.classe.value)
            .unwrap_or_default();
        out.push((id, classe));
    }
    Ok(out)
}

/// The ids of the principles a commit holds (from its tree, nothing read).
fn principles_at(repo: &GitRepo, commit: git2::Oid) -> Result<Vec<String>> {
    let want = |path: &str, is_folder: bool| {
        if is_folder {
            return path == "principes"
                || path.split('/').count() == 2 && path.starts_with("principes/");
        }
        true
    };
    Ok(repo
        .changed_between(None, commit, &want)?
        .into_iter()
        .filter(|f| is_principle(&f.new))
        .filter_map(|f| match classify(f.new.as_deref()?) {
            Place::Doc { id, .. } => Some(id),
            _ => None,
        })
        .collect())
}
