//! `diff --enforce`: the amendment rules applied to every commit of a range, as `git log
//! A..B` lists them (parents before children), so that the verdict does not depend on how
//! a branch was merged: each commit against its first parent, a root commit against the
//! empty tree, a merge by **its own change** only — the files whose content at the merge
//! differs from git's own merge of its parents (`git show --remerge-diff`: an edit of its
//! own, a side's change undone, a conflict resolved; else, for an octopus or past a shallow
//! boundary, those that differ from every parent's: `git diff --cc`), judged by the
//! merge's own trailers. A merge's `Decision:` also covers the commits it brought in; the
//! decisions of those commits never cover the merge's own change (an "evil merge").
//! A renamed principle (its file renamed, found by similarity as git finds renames) is one
//! change, judged by the class it had, reported by its old id.
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
//! in **the commit that makes the change** (or a merge that brought it in):
//! a decision carried by another commit of the range does not cover it, so each commit
//! that changes such a document is reported when it lacks its own; `simple` changes are
//! free. Without
//! a rule for a class, the class's plain meaning applies. With no valid `modification.md`
//! known before a commit, nothing is enforced on it.

use std::collections::{BTreeSet, HashMap, HashSet};

use git2::Oid;

use super::source::ChangedFile;
use super::walk::only_from;
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

/// One commit of the range to judge: its id and its parents (a merge has several).
struct Judging {
    id: Oid,
    parents: Vec<Oid>,
}

impl Judging {
    fn first_parent(&self) -> Option<Oid> {
        self.parents.first().copied()
    }

    fn is_merge(&self) -> bool {
        self.parents.len() > 1
    }
}

/// Every commit of `from..to` as `git log from..to` lists them, parents before children
/// (the first parent's line first). A commit whose parents the clone lacks (a shallow
/// boundary) cannot be judged: the range reaches beyond the clone.
fn commits_of(repo: &GitRepo, from: Oid, to: Oid) -> Result<Vec<Judging>> {
    let listed = only_from(repo.store(), &[to], &[from])?;
    let mut parents: HashMap<Oid, Vec<Oid>> = HashMap::new();
    for &id in &listed {
        if repo.store().is_boundary(id) {
            // It, not the base (which may well be in the clone), is named.
            let short = |id: Oid| crate::history::short(&id.to_string());
            return Err(HistoryError::BeyondShallow {
                rev: format!("{}..{}", short(from), short(to)),
                boundary: id.to_string(),
                range: true,
            }
            .into());
        }
        parents.insert(id, repo.store().commit(id)?.parent_ids().collect());
    }
    let mut done: HashSet<Oid> = HashSet::new();
    let mut order = Vec::new();
    for &start in listed.iter().rev() {
        let mut stack = vec![(start, false)];
        while let Some((id, expanded)) = stack.pop() {
            if done.contains(&id) {
                continue;
            }
            if expanded {
                done.insert(id);
                order.push(id);
                continue;
            }
            stack.push((id, true));
            for p in parents[&id].iter().rev() {
                if parents.contains_key(p) && !done.contains(p) {
                    stack.push((*p, false));
                }
            }
        }
    }
    Ok(order
        .into_iter()
        .map(|id| Judging {
            parents: parents.remove(&id).unwrap_or_default(),
            id,
        })
        .collect())
}

/// The commits whose change a merge's `Decision:` also covers: those a decided merge of
/// the range brought in (it records the decision to accept them).
fn covered_by_merges(repo: &GitRepo, commits: &[Judging]) -> Result<HashSet<Oid>> {
    let mut covered = HashSet::new();
    for c in commits.iter().filter(|c| c.is_merge()) {
        if repo.commit_info(c.id)?.decisions.is_empty() {
            continue;
        }
        let Some((first, others)) = c.parents.split_first() else {
            continue;
        };
        covered.extend(only_from(repo.store(), others, &[*first])?);
    }
    Ok(covered)
}

/// Applies the amendment rules to every commit of `from..to` (`git log from..to`),
/// parents before children: each commit against its parent, a merge by its own change
/// (what differs from every parent: git's combined diff), a root commit against the empty
/// tree. So the verdict does not depend on how a branch was merged.
pub fn enforce(repo: &GitRepo, from: Oid, to: Oid) -> Result<Enforcement> {
    let commits = commits_of(repo, from, to)?;
    let covered = covered_by_merges(repo, &commits)?;
    let base = valid_rules(repo, from)?;
    // The rules in force after each judged commit: the last valid ones known.
    let mut after: HashMap<Oid, Option<Modification>> = HashMap::new();
    let mut state = State::default();
    let limit = max_range_changes();
    let mut changes = 0usize;
    for commit in &commits {
        let in_force = commit
            .parents
            .iter()
            .find_map(|p| after.get(p))
            .cloned()
            .unwrap_or_else(|| base.clone());
        let rules = Rules {
            base: base.clone(),
            in_force,
        };
        let decided_by_merge = covered.contains(&commit.id);
        let (rules_edited, changed) = judge(repo, commit, &rules, decided_by_merge, &mut state)?;
        // The cost is the document paths the commits change (each loaded on both sides,
        // even when only whitespace differs): past the limit, refuse rather than judge
        // for minutes — and never pass.
        changes += changed;
        if changes > limit {
            return Err(crate::error::Error::RangeTooLarge {
                commit: crate::history::short(&commit.id.to_string()),
                limit,
            });
        }
        let mut now = rules.in_force;
        if rules_edited {
            if let Some(newer) = valid_rules(repo, commit.id)? {
                now = Some(newer);
            }
        }
        after.insert(commit.id, now);
    }
    // The net change is judged by the rules in force at the tip.
    let rules = Rules {
        in_force: after.get(&to).cloned().unwrap_or_else(|| base.clone()),
        base,
    };
    judge_net(repo, (from, to), &rules, &mut state)?;
    let roots = commits.iter().filter(|c| c.parents.is_empty()).count();
    Ok(finish(state, commits.len(), roots))
}

/// The files a merge changed of its own: for two parents, those whose content differs
/// from git's own merge of them ([`super::store::Store::remerge_differences`]); else, or
/// when git cannot redo it, those whose content at the merge differs from every parent's
/// (git's combined diff, `git diff --cc`): each path the tree diff against every other
/// parent names too. What it took whole from one parent is that parent's
/// commits' change, judged with them. `None` for a commit that is no merge (all its
/// changes are its own).
fn own_paths(repo: &GitRepo, commit: &Judging) -> Result<Option<HashSet<String>>> {
    merge_own_paths(repo, commit.id, &commit.parents)
}

/// [`own_paths`] of the commit `id` whose parents are `parents` (first parent first):
/// the one rule of a merge's own change, for `diff --enforce` and for `log`, which shows
/// that change as the merge's own.
pub(super) fn merge_own_paths(
    repo: &GitRepo,
    id: Oid,
    parents: &[Oid],
) -> Result<Option<HashSet<String>>> {
    if parents.len() < 2 {
        return Ok(None);
    }
    // Two parents: what differs from git's own merge of them (`git show --remerge-diff`),
    // which also sees a side's change undone and leaves a clean merge of two edits alone.
    if let [ours, theirs] = parents[..] {
        let limit = crate::settings::MAX_FILE_SIZE.get();
        if let Some(paths) = repo
            .store()
            .remerge_differences((ours, theirs), id, limit)?
        {
            let prefix = repo.prefix.as_str();
            return Ok(Some(
                paths
                    .iter()
                    .filter_map(|p| p.strip_prefix(prefix))
                    .map(str::to_string)
                    .collect(),
            ));
        }
    }
    let mut own: Option<HashSet<String>> = None;
    for &other in &parents[1..] {
        let differ: HashSet<String> = repo
            .changed_between(Some(other), id, &|_, _| true)?
            .iter()
            .map(|f| path_of(f).to_string())
            .collect();
        own = Some(match own {
            None => differ,
            Some(so_far) => so_far.intersection(&differ).cloned().collect(),
        });
    }
    Ok(own)
}

/// The path a tree diff names a file by (its new one, its old one when removed).
pub(super) fn path_of(file: &ChangedFile) -> &str {
    file.new
        .as_deref()
        .or(file.old.as_deref())
        .unwrap_or_default()
}

/// `files` kept to those `own` names (all of them when `own` is `None`).
fn keep_own(files: Vec<ChangedFile>, own: Option<&HashSet<String>>) -> Vec<ChangedFile> {
    match own {
        None => files,
        Some(own) => files
            .into_iter()
            .filter(|f| own.contains(path_of(f)))
            .collect(),
    }
}

/// Most documents the steps of one range may change in all (see
/// [`crate::settings::MAX_RANGE_CHANGES`]).
fn max_range_changes() -> usize {
    usize::try_from(crate::settings::MAX_RANGE_CHANGES.get()).unwrap_or(usize::MAX)
}

/// Judges one commit against its first parent (a root commit against the empty tree, a
/// merge by its own change); returns whether it edited `modification.md` (so that the
/// rules in force are read again after it), and how many document paths it changed.
fn judge(
    repo: &GitRepo,
    step: &Judging,
    rules: &Rules,
    decided_by_merge: bool,
    state: &mut State,
) -> Result<(bool, usize)> {
    let parent = step.first_parent();
    let own = own_paths(repo, step)?;
    let (files, not_utf8) = repo.changed_files_noting(parent, Side::Commit(step.id))?;
    let files = keep_own(files, own.as_ref());
    let mut comparison = repo.compare_files(parent, Side::Commit(step.id), files, not_utf8)?;
    if let Some(parent) = parent {
        namesakes(repo, parent, &mut comparison)?;
    }
    if let Some(unseen) = rules_file_edit(repo, step, own.as_ref(), &comparison.changes)? {
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
    // Its own trailers, or those of a merge that brought it in; never those of the
    // commits a merge brought in, for the merge's own change.
    let decided = !info.decisions.is_empty() || decided_by_merge;
    let judged = Judged {
        commit: &info.id,
        decided,
        old: &comparison.old,
        new: &comparison.new,
    };
    for change in &comparison.changes {
        state.touched.insert((change.kind, change.id.clone()));
        state.touched.insert((change.kind, change.old_id()));
        judge_change(state, rules, &judged, change);
    }
    unreadable(state, &info.id, &comparison.not_utf8);
    let mut site = repo.site_files_between(parent, step.id)?;
    if let Some(own) = &own {
        site.retain(|file| own.contains(&file.path));
    }
    if !site.is_empty() {
        let commits = [parent, Some(step.id)];
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
            && !state.touched.contains(&(change.kind, change.old_id()))
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
                .insert((step.commit.to_string(), change.old_id()));
            if !step.decided && first {
                let v = Violation {
                    commit: step.commit.to_string(),
                    id: change.old_id(),
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
        .flat_map(|c| [c.id.clone(), c.old_id()])
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
    step: &Judging,
    own: Option<&HashSet<String>>,
    changes: &[DocChange],
) -> Result<Option<DocChange>> {
    if changes.iter().any(|c| c.kind == Kind::Modification) {
        return Ok(None);
    }
    let rules_file = |path: &str, is_folder: bool| !is_folder && path == "modification.md";
    let files = repo.changed_between(step.first_parent(), step.id, &rules_file)?;
    let files = keep_own(files, own);
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
            // A renamed principle is judged as the principle it was.
            let before = old.principe(&change.old_id());
            let p = before.or_else(|| new.principe(&change.id))?;
            Some((p.classe.value, p.titre.clone()))
        }
        Kind::Modification => Some((Classe::Qualifiee, change.title.clone())),
        _ => None,
    }
}

fn forbidden(state: &mut State, commit: &str, change: &DocChange, classe: Classe, title: &str) {
    // A renamed principle is the principle it was: reported once, by its old id.
    if !state.forbidden_seen.insert(change.old_id()) {
        return;
    }
    let v = Violation {
        commit: commit.to_string(),
        id: change.old_id(),
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
    let (Some(o), Some(n)) = (old.principe(&change.old_id()), new.principe(&change.id)) else {
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
