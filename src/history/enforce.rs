//! `diff --enforce`: the amendment rules applied to every step of a range along the one
//! walker's chain ([`super::walk`]: the first-parent chain from the range's tip, each
//! commit against its first parent, a merge as one step whose decisions include those of
//! the commits it brought in, a root commit against the empty tree).
//!
//! Then the **net change** from the range's base to its tip is judged as a backstop, so
//! that no shape of history can carry a change past the rules: a root commit of an
//! unrelated history, a merge made with `-s ours` or `--allow-unrelated-histories` whose
//! first parent is not the base's line, a base that is no ancestor of the tip. A protected
//! document that differs between base and tip is a violation when the base's rules forbid
//! changing it (an `intangible` principle), and, when it needs a decision, whenever no
//! judged commit changed it (the change entered the range without any commit accounting
//! for it).
//!
//! The rules that judge a commit are the last **valid** rules known before it, starting
//! from the range's base: a commit that deletes, empties or breaks `modification.md` does
//! not switch them off — it is itself a `qualifiee` change judged by the rules in force,
//! and the rules stay those in force for the commits after it. Whatever the range does to
//! the rules file, no class is judged more leniently than the base's rules judge it, so an
//! `intangible` principle stays intangible. A principle is judged by the class it had
//! before the change.
//!
//! A rule whose `methode` is `aucune` forbids any change; any other rule of the
//! `intangible` or `qualifiee` class asks for a `Decision:` trailer ([`super::trailers`])
//! in **the commit that makes the change** (for a merge, in it or a commit it brought in):
//! a decision carried by another commit of the range does not cover it, so each commit
//! that changes such a document is reported when it lacks its own; `simple` changes are
//! free. Without
//! a rule for a class, the class's plain meaning applies. With no valid `modification.md`
//! known before a commit, nothing is enforced on it.

use std::collections::{BTreeSet, HashSet};

use git2::Oid;

use super::walk::{only_from, FirstParent, Step};
use super::{GitRepo, HistoryError, Side};
use crate::diff::{ChangeKind, DocChange, Rule, Violation};
use crate::error::Result;
use crate::format::Kind;
use crate::model::{Classe, Modification, Repo, Statut};

/// What enforcement found over a range.
#[derive(Debug, Default)]
pub struct Enforcement {
    /// Commits judged (the steps of the chain).
    pub commits: usize,
    /// Among them, root commits, judged against the empty tree.
    pub roots: usize,
    pub violations: Vec<Violation>,
    pub warnings: Vec<Violation>,
}

/// What a class's rule asks of a change, from the most lenient to the strictest.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord)]
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

/// The rules that judge the commits: those of the range's base, and those in force.
struct Rules {
    base: Option<Modification>,
    in_force: Option<Modification>,
}

impl Rules {
    /// The strictest of what the base's rules and the rules in force ask; `None` when no
    /// rules are known yet.
    fn requirement(&self, classe: Classe) -> Option<Requirement> {
        let of = |r: &Option<Modification>| r.as_ref().map(|r| requirement(r, classe));
        of(&self.base).max(of(&self.in_force))
    }
}

/// The rules of `modification.md` at a commit, when the file is there and valid (it parses
/// and its schema holds).
fn valid_rules(repo: &GitRepo, commit: Oid) -> Result<Option<Modification>> {
    let loaded = repo.load_paths(Side::Commit(commit), &["modification.md".to_string()])?;
    if loaded.diagnostics.iter().any(|d| d.is_error()) {
        return Ok(None);
    }
    let valid = loaded.docs.iter().all(|doc| {
        let data = doc.data.as_ref();
        let validator = crate::schema::validator(doc.kind);
        data.is_some_and(|d| validator.is_none_or(|v| v.is_valid(&d.to_json())))
    });
    if !valid {
        return Ok(None);
    }
    Ok(Repo::from_loaded(loaded).modification)
}

#[derive(Default)]
struct State {
    order: usize,
    violations: Vec<(usize, Violation)>,
    warnings: Vec<(usize, Violation)>,
    forbidden_seen: BTreeSet<String>,
    warned: BTreeSet<String>,
    /// The (commit, document id) pairs already reported as lacking their decision.
    undecided: BTreeSet<(String, String)>,
    /// The documents some judged step changed, by kind and id.
    touched: HashSet<(Kind, String)>,
    /// The files of `static/` and `templates/` some judged step changed.
    site_touched: HashSet<String>,
    /// The names that are not UTF-8 already reported.
    not_utf8: BTreeSet<String>,
}

/// Applies the amendment rules to every step of `from..to`, oldest first.
pub fn enforce(repo: &GitRepo, from: Oid, to: Oid) -> Result<Enforcement> {
    let range: HashSet<Oid> = only_from(repo.store(), &[to], &[from])?
        .into_iter()
        .collect();
    let mut steps = Vec::new();
    for step in FirstParent::new(repo.store(), to) {
        let step = step?;
        if !range.contains(&step.id) {
            break;
        }
        if step.boundary {
            // The base is not reached: the chain stops at this commit, whose parents the
            // clone lacks. It, not the base (which may well be in the clone), is named.
            let short = |id: Oid| crate::history::short(&id.to_string());
            return Err(HistoryError::BeyondShallow {
                rev: format!("{}..{}", short(from), short(to)),
                boundary: step.id.to_string(),
                range: true,
            }
            .into());
        }
        steps.push(step);
    }
    steps.reverse();
    let base = valid_rules(repo, from)?;
    let mut rules = Rules {
        in_force: base.clone(),
        base,
    };
    let mut state = State::default();
    let limit = max_range_changes();
    let mut changes = 0usize;
    for step in &steps {
        let (rules_edited, changed) = judge(repo, step, &rules, &mut state)?;
        // The cost is the document paths the steps change (each loaded on both sides, even
        // when only whitespace differs): past the limit, refuse rather than judge for
        // minutes — and never pass.
        changes += changed;
        if changes > limit {
            return Err(crate::error::Error::RangeTooLarge {
                commit: crate::history::short(&step.id.to_string()),
                limit,
            });
        }
        if rules_edited {
            if let Some(newer) = valid_rules(repo, step.id)? {
                rules.in_force = Some(newer);
            }
        }
    }
    judge_net(repo, (from, to), &rules, &mut state)?;
    let roots = steps.iter().filter(|s| s.parent.is_none()).count();
    Ok(finish(state, steps.len(), roots))
}

/// Most documents the steps of one range may change in all (see
/// [`crate::settings::MAX_RANGE_CHANGES`]).
fn max_range_changes() -> usize {
    usize::try_from(crate::settings::MAX_RANGE_CHANGES.get()).unwrap_or(usize::MAX)
}

/// Judges one step against its first parent (a root commit against the empty tree);
/// returns whether it edited `modification.md` (so that the rules in force are read
/// again after it), and how many document paths it changed.
fn judge(repo: &GitRepo, step: &Step, rules: &Rules, state: &mut State) -> Result<(bool, usize)> {
    let mut comparison = repo.compare(step.parent, Side::Commit(step.id))?;
    if let Some(parent) = step.parent {
        namesakes(repo, parent, &mut comparison)?;
    }
    if let Some(unseen) = rules_file_edit(repo, step, &comparison.changes)? {
        comparison.changes.push(unseen);
    }
    unseen_principle_edits(&mut comparison);
    let rules_edited = comparison
        .changes
        .iter()
        .any(|c| c.kind == Kind::Modification);
    // Every path read counts, a rewrite that changes nothing visible included.
    let changed = comparison.paths.max(comparison.changes.len());
    if rules.in_force.is_none() && rules.base.is_none() {
        return Ok((rules_edited, changed));
    }
    let info = repo.commit_info(step.id)?;
    let mut decided = !info.decisions.is_empty();
    if step.merge && !decided {
        let merged = repo.merged_commits(step.id)?;
        decided = merged.iter().any(|c| !c.decisions.is_empty());
    }
    let judged = Judged {
        commit: &info.id,
        decided,
        old: &comparison.old,
        new: &comparison.new,
    };
    for change in &comparison.changes {
        state.touched.insert((change.kind, change.id.clone()));
        judge_change(state, rules, &judged, change);
    }
    unreadable(state, &info.id, &comparison.not_utf8);
    let site = repo.site_files_between(step.parent, step.id)?;
    if !site.is_empty() {
        let commits = [step.parent, Some(step.id)];
        if let Some(classe) = site_requirement(repo, &commits, rules)? {
            for file in &site {
                state.site_touched.insert(file.path.clone());
                if !decided {
                    let v = site_violation(&info.id, &file.path, classe, Rule::Site);
                    state.violations.push((state.order, v));
                    state.order += 1;
                }
            }
        }
    }
    Ok((rules_edited, changed))
}

/// What a change of the site's own files (`static/`, `templates/`) needs. They hold no
/// document, but they decide what the published site shows: a template can hide or
/// rewrite any principle, a file of `static/` replace its page. So they are protected
/// like the strictest class of principle present on either side of the change: when that
/// class asks for a decision (or forbids any change, since the site must stay
/// maintainable), each commit that changes them needs its `Decision:`. Returns that
/// class, or `None` when the change is free (only `simple` principles, or none).
fn site_requirement(
    repo: &GitRepo,
    commits: &[Option<Oid>],
    rules: &Rules,
) -> Result<Option<Classe>> {
    let mut strictest: Option<(Requirement, Classe)> = None;
    for &commit in commits.iter().flatten() {
        let paths = repo.principle_paths(commit)?;
        let loaded = Repo::from_loaded(repo.load_paths(Side::Commit(commit), &paths)?);
        for p in &loaded.principes {
            let classe = p.classe.value;
            let Some(req) = rules.requirement(classe) else {
                continue;
            };
            if strictest.is_none_or(|(r, _)| req > r) {
                strictest = Some((req, classe));
            }
        }
    }
    Ok(strictest
        .filter(|(req, _)| *req != Requirement::Free)
        .map(|(_, classe)| classe))
}

/// Names that are not UTF-8 in a change: their files cannot be read, so what they hold
/// (a principle, a template) cannot be judged. Each is a violation, once, whatever the
/// rules: rename it with a UTF-8 name.
fn unreadable(state: &mut State, commit: &str, names: &[crate::history::NotUtf8Name]) {
    for name in names {
        if !state.not_utf8.insert(name.path.clone()) {
            continue;
        }
        let v = Violation {
            commit: commit.to_string(),
            id: name.path.clone(),
            classe: String::new(),
            rule: Rule::NameNotUtf8,
            title: name.path.clone(),
        };
        state.violations.push((state.order, v));
        state.order += 1;
    }
}

fn site_violation(commit: &str, path: &str, classe: Classe, rule: Rule) -> Violation {
    Violation {
        commit: commit.to_string(),
        id: path.to_string(),
        classe: classe.as_str().to_string(),
        rule,
        title: path.to_string(),
    }
}

/// The backstop: the net change from `from` to `to`, judged by the rules in force. An
/// `intangible` principle that differs is forbidden whatever the steps showed (reported
/// once); a change needing a decision that no judged step made is unaccounted for.
fn judge_net(
    repo: &GitRepo,
    (from, to): (Oid, Oid),
    rules: &Rules,
    state: &mut State,
) -> Result<()> {
    let mut net = repo.compare(Some(from), Side::Commit(to))?;
    namesakes(repo, from, &mut net)?;
    unseen_principle_edits(&mut net);
    let commit = to.to_string();
    unreadable(state, &commit, &net.not_utf8);
    for change in &net.changes {
        let Some((classe, title)) = subject(change, &net.old, &net.new) else {
            continue;
        };
        let Some(req) = rules.requirement(classe) else {
            continue;
        };
        let protects = change.kind != Kind::Modification && change.change != ChangeKind::Added;
        if req == Requirement::Forbidden && protects {
            forbidden(state, &commit, change, classe, &title);
        } else if req != Requirement::Free
            && !state.touched.contains(&(change.kind, change.id.clone()))
        {
            unaccounted(state, &commit, change, classe, &title);
        }
    }
    let site = repo.site_files_between(Some(from), to)?;
    let unjudged: Vec<_> = site
        .iter()
        .filter(|f| !state.site_touched.contains(&f.path))
        .collect();
    if !unjudged.is_empty() {
        if let Some(classe) = site_requirement(repo, &[Some(from), Some(to)], rules)? {
            for file in unjudged {
                let v = site_violation(&commit, &file.path, classe, Rule::Unaccounted);
                state.violations.push((state.order, v));
                state.order += 1;
            }
        }
    }
    Ok(())
}

/// A principle added with the id of one that exists before (under another plan, so that it
/// shadows or redefines it on the site) is a change to that principle: judged by its
/// class, as if its file had been edited. The comparison loads only the files it names,
/// so the namesake is looked for in `old`'s tree and loaded into the old side.
fn namesakes(repo: &GitRepo, old: Oid, comparison: &mut crate::history::Comparison) -> Result<()> {
    for change in &mut comparison.changes {
        if change.kind != Kind::Principe
            || change.change != ChangeKind::Added
            || comparison.old.principe(&change.id).is_some()
        {
            continue;
        }
        let paths: Vec<String> = repo
            .principles_named(old, &change.id)?
            .into_iter()
            .filter(|p| *p != change.path)
            .collect();
        if paths.is_empty() {
            continue;
        }
        let loaded = Repo::from_loaded(repo.load_paths(Side::Commit(old), &paths)?);
        if let Some(existing) = loaded
            .principes
            .into_iter()
            .find(|p| p.meta.id == change.id)
        {
            comparison.old.add_principe(existing);
            change.change = ChangeKind::Modified;
        }
    }
    Ok(())
}

/// A protected change in the net change that no judged commit made.
fn unaccounted(state: &mut State, commit: &str, change: &DocChange, classe: Classe, title: &str) {
    let v = Violation {
        commit: commit.to_string(),
        id: change.id.clone(),
        classe: classe.as_str().to_string(),
        rule: Rule::Unaccounted,
        title: title.to_string(),
    };
    state.violations.push((state.order, v));
    state.order += 1;
}

/// The step a change belongs to.
struct Judged<'a> {
    commit: &'a str,
    /// Whether the step (or a commit a merge brought in) carries a decision.
    decided: bool,
    old: &'a Repo,
    new: &'a Repo,
}

fn judge_change(state: &mut State, rules: &Rules, step: &Judged<'_>, change: &DocChange) {
    let Some((classe, title)) = subject(change, step.old, step.new) else {
        return;
    };
    let Some(mut req) = rules.requirement(classe) else {
        return;
    };
    if req == Requirement::Forbidden
        && (change.kind == Kind::Modification || change.change == ChangeKind::Added)
    {
        // Nothing existed to protect (a new intangible principle), or the rules
        // themselves: a decision.
        req = Requirement::Decision;
    }
    match req {
        Requirement::Free => {}
        Requirement::Forbidden => forbidden(state, step.commit, change, classe, &title),
        Requirement::Decision => {
            // Each commit answers for its own change: a decision carried by another
            // commit of the range, earlier or later, decided that commit's change, not
            // this one.
            let first = state
                .undecided
                .insert((step.commit.to_string(), change.id.clone()));
            if !step.decided && first {
                let v = Violation {
                    commit: step.commit.to_string(),
                    id: change.id.clone(),
                    classe: classe.as_str().to_string(),
                    rule: Rule::Decision,
                    title,
                };
                state.violations.push((state.order, v));
            }
        }
    }
    version_warning(state, step.commit, change, step.old, step.new);
    state.order += 1;
}

/// Edits of a principle's file that the semantic diff does not show (whitespace only: a
/// blank line, trailing spaces, a line break moved): the text people agreed to is the file
/// as written, so they are changes to the principle, judged by its class like any other
/// (an `intangible` principle's file may not change by a byte; FORMAT.md).
fn unseen_principle_edits(comparison: &mut crate::history::Comparison) {
    let seen: HashSet<String> = comparison
        .changes
        .iter()
        .filter(|c| c.kind == Kind::Principe)
        .map(|c| c.id.clone())
        .collect();
    for p in &comparison.old.principes {
        let id = &p.meta.id;
        if seen.contains(id) || !comparison.changed_before.contains(&p.meta.path) {
            continue;
        }
        let Some(now) = comparison.new.principe(id) else {
            continue;
        };
        comparison.changes.push(DocChange {
            kind: Kind::Principe,
            id: id.clone(),
            change: ChangeKind::Modified,
            path: now.meta.path.clone(),
            old_path: None,
            title: p.titre.clone(),
            fields: Vec::new(),
            body: None,
        });
    }
}

/// An edit of `modification.md` that the semantic diff does not show (a key the format
/// does not know, a broken front matter on both sides): it is still a change of the rules,
/// judged as one.
fn rules_file_edit(
    repo: &GitRepo,
    step: &Step,
    changes: &[DocChange],
) -> Result<Option<DocChange>> {
    if changes.iter().any(|c| c.kind == Kind::Modification) {
        return Ok(None);
    }
    let rules_file = |path: &str, is_folder: bool| !is_folder && path == "modification.md";
    let files = repo.changed_between(step.parent, step.id, &rules_file)?;
    let Some(file) = files.first() else {
        return Ok(None);
    };
    Ok(Some(DocChange {
        kind: Kind::Modification,
        id: "modification".to_string(),
        change: match (&file.old, &file.new) {
            (None, _) => ChangeKind::Added,
            (_, None) => ChangeKind::Removed,
            _ => ChangeKind::Modified,
        },
        path: "modification.md".to_string(),
        old_path: None,
        title: "modification.md".to_string(),
        fields: Vec::new(),
        body: None,
    }))
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
        rule: Rule::Intangible,
        title: title.to_string(),
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
        rule: Rule::Version,
        title: n.titre.clone(),
    };
    state.warnings.push((state.order, v));
}

fn finish(state: State, commits: usize, roots: usize) -> Enforcement {
    let ordered = |mut list: Vec<(usize, Violation)>| {
        list.sort_by(|a, b| (a.0, &a.1.id).cmp(&(b.0, &b.1.id)));
        list.into_iter().map(|(_, v)| v).collect()
    };
    Enforcement {
        commits,
        roots,
        violations: ordered(state.violations),
        warnings: ordered(state.warnings),
    }
}
