//! `diff --enforce`: the amendment rules applied to every commit of a range, merges
//! included (each against its first parent). A commit is judged by the rules of
//! `modification.md` as they stood *before* it, so changing the rules is itself subject to
//! them, and a principle by the class it had before the change.
//!
//! A rule whose `methode` is `aucune` forbids any change; any other rule of the
//! `intangible` or `qualifiee` class asks for a `Decision:` trailer in a commit of the range
//! that touches the document; `simple` changes are free. Without a rule for a class, the
//! class's plain meaning applies. With no `modification.md` before a commit, nothing is
//! enforced on it. Editing `modification.md` itself is a `qualifiee` change.

use std::collections::{BTreeMap, BTreeSet};

use git2::{Oid, Sort};

use super::{git_failed, GitRepo, Side};
use crate::diff::{ChangeKind, DocChange, Violation};
use crate::error::Result;
use crate::i18n::DiffText;
use crate::load::Kind;
use crate::model::{Classe, Modification, Repo, Statut};

/// What enforcement found over a range.
#[derive(Debug, Default)]
pub struct Enforcement {
    /// Commits judged.
    pub commits: usize,
    pub violations: Vec<Violation>,
    pub warnings: Vec<Violation>,
}

/// What a class's rule asks of a change.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Requirement {
    Free,
    Decision,
    Forbidden,
}

fn requirement(rules: &Modification, classe: Classe) -> Requirement {
    match (rules.regle(classe), classe) {
        (Some(r), _) if r.methode == "aucune" => Requirement::Forbidden,
        (_, Classe::Simple) => Requirement::Free,
        (Some(_), _) | (None, Classe::Qualifiee) => Requirement::Decision,
        (None, Classe::Intangible) => Requirement::Forbidden,
    }
}

/// A change that needs a decision, until a commit touching it carries one.
struct Pending {
    order: usize,
    commit: String,
    classe: Classe,
    title: String,
    decided: bool,
}

#[derive(Default)]
struct State {
    order: usize,
    violations: Vec<(usize, Violation)>,
    warnings: Vec<(usize, Violation)>,
    forbidden_seen: BTreeSet<String>,
    warned: BTreeSet<String>,
    pending: BTreeMap<String, Pending>,
}

/// Applies the amendment rules to every commit in `from..to`, oldest first.
pub fn enforce(repo: &GitRepo, from: Oid, to: Oid) -> Result<Enforcement> {
    let mut walk = repo.repo.revwalk().map_err(git_failed)?;
    walk.set_sorting(Sort::TOPOLOGICAL | Sort::REVERSE)
        .map_err(git_failed)?;
    walk.push(to).map_err(git_failed)?;
    walk.hide(from).map_err(git_failed)?;
    let mut state = State::default();
    let mut commits = 0;
    for oid in walk {
        let oid = oid.map_err(git_failed)?;
        commits += 1;
        judge(repo, oid, &mut state)?;
    }
    Ok(finish(state, commits))
}

fn judge(repo: &GitRepo, oid: Oid, state: &mut State) -> Result<()> {
    let Some(parent) = repo.first_parent(oid)? else {
        return Ok(());
    };
    let rules =
        Repo::from_loaded(repo.load_paths(Side::Commit(parent), &["modification.md".to_string()])?);
    let Some(rules) = rules.modification else {
        return Ok(());
    };
    let comparison = repo.compare(Some(parent), Side::Commit(oid))?;
    let info = repo.commit_info(oid)?;
    let decided = !info.decisions.is_empty();
    for change in &comparison.changes {
        let Some((classe, title)) = subject(change, &comparison.old, &comparison.new) else {
            continue;
        };
        let mut req = requirement(&rules, classe);
        if change.kind == Kind::Modification && req == Requirement::Forbidden {
            req = Requirement::Decision;
        }
        if change.change == ChangeKind::Added && req == Requirement::Forbidden {
            // Nothing existed to protect: a new intangible principle is a decision.
            req = Requirement::Decision;
        }
        match req {
            Requirement::Free => {}
            Requirement::Forbidden => forbidden(state, &info.id, change, classe, &title),
            Requirement::Decision => {
                let entry = state
                    .pending
                    .entry(change.id.clone())
                    .or_insert_with(|| Pending {
                        order: state.order,
                        commit: info.id.clone(),
                        classe,
                        title: title.clone(),
                        decided: false,
                    });
                entry.decided |= decided;
            }
        }
        version_warning(state, &info.id, change, &comparison.old, &comparison.new);
        state.order += 1;
    }
    Ok(())
}

/// The class and title a change is judged by: the principle's class before the change
/// (after it, for an added one); the amendment rules count as `qualifiee`.
fn subject(change: &DocChange, old: &Repo, new: &Repo) -> Option<(Classe, String)> {
    match change.kind {
        Kind::Principe => {
            let before = old.principe(&change.id);
            let p = before.or_else(|| new.principe(&change.id))?;
            Some((p.classe.value, p.titre.clone()))
        }
        Kind::Modification => Some((Classe::Qualifiee, change.title.clone())),
        _ => None,
    }
}

fn forbidden(state: &mut State, commit: &str, change: &DocChange, classe: Classe, title: &str) {
    if !state.forbidden_seen.insert(change.id.clone()) {
        return;
    }
    let v = Violation {
        commit: commit.to_string(),
        id: change.id.clone(),
        classe: classe.as_str().to_string(),
        rule: "intangible".to_string(),
        message: DiffText::IntangibleChanged { title }.text(),
    };
    state.violations.push((state.order, v));
}

/// An adopted principle whose body changed keeps its `version` and `adopte_le`: warn.
fn version_warning(state: &mut State, commit: &str, change: &DocChange, old: &Repo, new: &Repo) {
    if change.kind != Kind::Principe || change.body.is_none() {
        return;
    }
    let (Some(o), Some(n)) = (old.principe(&change.id), new.principe(&change.id)) else {
        return;
    };
    let same_date =
        o.adopte_le.as_ref().map(|s| &s.value) == n.adopte_le.as_ref().map(|s| &s.value);
    if n.statut != Statut::Adopte || o.version != n.version || !same_date {
        return;
    }
    if !state.warned.insert(change.id.clone()) {
        return;
    }
    let v = Violation {
        commit: commit.to_string(),
        id: change.id.clone(),
        classe: n.classe.value.as_str().to_string(),
        rule: "version".to_string(),
        message: DiffText::VersionNotBumped { title: &n.titre }.text(),
    };
    state.warnings.push((state.order, v));
}

fn finish(mut state: State, commits: usize) -> Enforcement {
    for (id, p) in std::mem::take(&mut state.pending) {
        if p.decided {
            continue;
        }
        let classe = p.classe.as_str();
        let v = Violation {
            commit: p.commit,
            message: DiffText::DecisionMissing {
                title: &p.title,
                classe,
            }
            .text(),
            id,
            classe: classe.to_string(),
            rule: "decision".to_string(),
        };
        state.violations.push((p.order, v));
    }
    let ordered = |mut list: Vec<(usize, Violation)>| {
        list.sort_by(|a, b| (a.0, &a.1.id).cmp(&(b.0, &b.1.id)));
        list.into_iter().map(|(_, v)| v).collect()
    };
    Enforcement {
        commits,
        violations: ordered(state.violations),
        warnings: ordered(state.warnings),
    }
}
