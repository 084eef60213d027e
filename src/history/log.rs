//! The history as the commands show it, from the one walker ([`super::walk`]): the commits
//! that changed one document (`log`), the latest commits that changed content (the
//! évolution page and the feed), and the files each recent commit touched (each
//! document's page). Each stops at a shallow clone's boundary and says so.

use std::collections::BTreeMap;

use git2::Oid;

use super::source::ChangedFile;
use super::walk::{only_from, FirstParent, Step};
use super::{CommitInfo, GitRepo, Side, Truncation};
use crate::diff::{ChangeKind, DocChange};
use crate::error::Result;
use crate::format::Kind;
use crate::load::{classify, Place};
use crate::model::Repo;

/// One commit of a document's history.
#[derive(Debug, Clone, PartialEq)]
pub struct LogEntry {
    pub info: CommitInfo,
    pub change: DocChange,
    /// For a merge, the commits it brought in, newest first.
    pub merged: Vec<CommitInfo>,
    /// For a merge that changed the document beyond what it brought in: that change of
    /// its own, apart from what it brought in.
    pub own: Option<OwnChange>,
}

/// A merge's own change of a document: the document's content at the merge differs from
/// every parent's (git's combined diff, the rule of `diff --enforce`), so the merge itself
/// changed it. That change is decided by the merge's own `Decision:` trailers only, never
/// by those of the commits it brought in.
#[derive(Debug, Clone, PartialEq)]
pub struct OwnChange {
    /// What the merge brought in of the document: from its first parent to the version of
    /// the parent it took it from; `None` when it brought nothing of it.
    pub brought: Option<DocChange>,
    /// The merge's own change: from that version (the first parent's when it brought
    /// nothing of the document) to the merge's.
    pub change: DocChange,
}

/// A document's history, newest first.
#[derive(Debug, Clone, PartialEq, Default)]
pub struct DocLog {
    pub entries: Vec<LogEntry>,
    /// Where a shallow clone's history stops, when it does.
    pub truncated: Option<Truncation>,
    /// Whether the document exists at that boundary (its older changes are unknown).
    pub at_boundary: bool,
    /// The names that are not UTF-8 met where the document could be, by the short hash
    /// of the commit that changed them: never read, so the log may miss a change there.
    pub not_utf8: Vec<(String, String)>,
}

impl GitRepo {
    /// The commits a merge brought in: reachable from its other parents, not its first.
    pub fn merged_commits(&self, merge: Oid) -> Result<Vec<CommitInfo>> {
        let commit = self.store.commit(merge)?;
        let parents: Vec<Oid> = commit.parent_ids().collect();
        let Some((first, others)) = parents.split_first() else {
            return Ok(Vec::new());
        };
        only_from(&self.store, others, &[*first])?
            .into_iter()
            .map(|id| self.commit_info(id))
            .collect()
    }

    /// Compares the files a tree diff named at a commit with the same at its parent;
    /// `renames` (old path, new path) pairs a removed document with an added one (see
    /// [`renames`]).
    fn changes_of(
        &self,
        step: &Step,
        files: &[ChangedFile],
        renames: &[(String, String)],
    ) -> Result<Vec<DocChange>> {
        if files.is_empty() {
            return Ok(Vec::new());
        }
        let old = match step.parent {
            Some(p) => Repo::from_loaded(self.load_before(p, files)?),
            None => Repo::default(),
        };
        let new = Repo::from_loaded(self.load_after(Side::Commit(step.id), files)?);
        Ok(crate::diff::compare_renamed(&old, &new, renames))
    }

    /// The merged commits of a step, when it is a merge.
    fn merged_of(&self, step: &Step) -> Result<Vec<CommitInfo>> {
        if step.merge {
            self.merged_commits(step.id)
        } else {
            Ok(Vec::new())
        }
    }
}

/// The id a `log` argument names: an id as it is, or the path of a document file
/// (`principes/social-humain/transparence.md`, `./membres/lea.md`, or a path from further
/// up, `examples/cheznous/membres/lea.md`), read as the format reads it.
pub fn document_id(arg: &str) -> String {
    let path = arg.replace('\\', "/");
    let path = path.trim_start_matches("./");
    if !path.contains('/') && !path.contains('.') {
        return arg.to_string();
    }
    let starts = std::iter::once(0).chain(path.match_indices('/').map(|(i, _)| i + 1));
    for start in starts {
        if let Place::Doc { id, .. } = classify(&crate::slug::nfc(&path[start..])) {
            return id;
        }
    }
    arg.to_string()
}

/// Whether a path (relative to the folder) can hold the document `id`: the folders of
/// the format, and files that are a document named `id`.
fn may_hold(id: &str) -> impl Fn(&str, bool) -> bool + '_ {
    move |path, is_folder| {
        if is_folder {
            let parts: Vec<&str> = path.split('/').collect();
            return matches!(
                parts.as_slice(),
                ["principes"]
                    | ["principes", _]
                    | ["membres" | "catalogue" | "annexes" | "matrices"]
            );
        }
        matches!(classify(path), Place::Doc { id: ref d, .. } if d == id)
    }
}

/// Every commit of the first-parent chain from `HEAD` that changed the document `id`
/// (any kind), newest first, with its change. Moves are followed: the id, not the path,
/// names the document; so are renames (its file renamed, its id with it, as
/// [`renames`] finds them, the évolution page's rule), past which the document's older
/// commits are read under its old id (`git log --follow`). Only the folders that can
/// hold it are compared, and only where their ids differ, as `git log -- PATH` compares
/// tree entries.
pub fn doc_log(repo: &GitRepo, id: &str) -> Result<DocLog> {
    let mut log = DocLog::default();
    let Some(head) = repo.head_if_born()? else {
        return Ok(log);
    };
    // The id the document had at the commits still to read: an older one past a rename.
    let mut id = id.to_string();
    for step in FirstParent::new(repo.store(), head) {
        let step = step?;
        let want = may_hold(&id);
        if step.boundary {
            log.truncated = repo.truncation(&step)?;
            let files = repo.changed_between(None, step.id, &want)?;
            log.at_boundary = !files.is_empty();
            break;
        }
        let (files, odd) = repo.changed_between_noting(step.parent, step.id, &want)?;
        drop(want);
        let short = || crate::history::short(&step.id.to_string());
        log.not_utf8
            .extend(odd.into_iter().map(|name| (short(), name.path)));
        let mut mine: Vec<DocChange> = repo
            .changes_of(&step, &files, &[])?
            .into_iter()
            .filter(|c| c.id == id)
            .collect();
        if mine.is_empty() {
            continue;
        }
        // Added here under this id: renamed from another, when git sees a rename. The
        // change is then the rename, and the older commits are read under the old id.
        if mine.iter().any(|c| c.change == ChangeKind::Added) {
            if let Some((old_id, change)) = renamed_into(repo, &step, &id)? {
                mine = vec![change];
                id = old_id;
            }
        }
        let info = repo.commit_info(step.id)?;
        let merged = repo.merged_of(&step)?;
        let own = match mine.as_slice() {
            [change] if change.change != ChangeKind::Moved => own_change(repo, &step, &id, &files)?,
            _ => None,
        };
        log.entries.extend(mine.into_iter().map(|change| LogEntry {
            info: info.clone(),
            change,
            merged: merged.clone(),
            own: own.clone(),
        }));
    }
    Ok(log)
}

/// The own change of the merge of `step` to the document `id`, when it has one: when a
/// file of the document among `files` (its tree diff against the first parent) differs at
/// the merge from every parent's ([`super::enforce::merge_own_paths`], the rule `diff
/// --enforce` judges merges by). Split from what the merge brought in: the version of the
/// first other parent whose document differs from the first parent's.
fn own_change(
    repo: &GitRepo,
    step: &Step,
    id: &str,
    files: &[ChangedFile],
) -> Result<Option<OwnChange>> {
    if !step.merge {
        return Ok(None);
    }
    let parents: Vec<Oid> = repo.store().commit(step.id)?.parent_ids().collect();
    let Some(own) = super::enforce::merge_own_paths(repo, step.id, &parents)? else {
        return Ok(None);
    };
    let is_own = files.iter().any(|f| {
        let path = super::enforce::path_of(f);
        own.contains(path) && doc_id(path).is_some_and(|(_, d)| d == id)
    });
    if !is_own {
        return Ok(None);
    }
    let want = may_hold(id);
    let change_between = |from: Oid, to: Oid| -> Result<Option<DocChange>> {
        let files = repo.changed_between(Some(from), to, &want)?;
        let step = Step {
            id: to,
            parent: Some(from),
            merge: false,
            boundary: false,
        };
        Ok(repo
            .changes_of(&step, &files, &[])?
            .into_iter()
            .find(|c| c.id == id))
    };
    let first = parents[0];
    let (mut from, mut brought) = (first, None);
    for &other in &parents[1..] {
        if let Some(change) = change_between(first, other)? {
            (from, brought) = (other, Some(change));
            break;
        }
    }
    Ok(change_between(from, step.id)?.map(|change| OwnChange { brought, change }))
}

/// When the document `id`, added at `step`, is a rename of another (its file renamed, as
/// [`renames`] finds it): its old id and the change, one [`ChangeKind::Moved`] from its
/// old path with what changed in it.
fn renamed_into(repo: &GitRepo, step: &Step, id: &str) -> Result<Option<(String, DocChange)>> {
    let docs = changed_docs(repo, step)?;
    let pairs = renames(repo, &docs)?;
    let Some(pair) = pairs.into_iter().find(|(from, to)| {
        doc_id(to).is_some_and(|(_, to)| to == id) && doc_id(from).is_some_and(|(_, f)| f != id)
    }) else {
        return Ok(None);
    };
    let Some((_, old_id)) = doc_id(&pair.0) else {
        return Ok(None);
    };
    let files: Vec<ChangedFile> = docs
        .into_iter()
        .filter(|f| {
            [&f.old, &f.new]
                .into_iter()
                .flatten()
                .any(|p| *p == pair.0 || *p == pair.1)
        })
        .collect();
    let change = repo
        .changes_of(step, &files, std::slice::from_ref(&pair))?
        .into_iter()
        .find(|c| c.id == id && c.change == ChangeKind::Moved);
    Ok(change.map(|c| (old_id, c)))
}

/// The kind and id of a document's path.
fn doc_id(path: &str) -> Option<(Kind, String)> {
    match classify(path) {
        Place::Doc { kind, id, .. } => Some((kind, id)),
        _ => None,
    }
}

/// The document files a commit changed (on either side).
fn changed_docs(repo: &GitRepo, step: &Step) -> Result<Vec<ChangedFile>> {
    Ok(repo
        .changed_between(step.parent, step.id, &|_, _| true)?
        .into_iter()
        .filter(touches_doc)
        .collect())
}

/// A document a commit renamed: its file renamed, its id with it (as [`renames`] finds
/// renames), so that its page moved.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Renamed {
    pub kind: Kind,
    pub old_id: String,
    pub new_id: String,
    /// The commit that renamed it (its full hash).
    pub commit: String,
}

/// The documents the commit of `step` renamed, from the files it changed (`files`, as a
/// tree diff lists them): what the site needs to answer at their old addresses and to
/// follow a document's history past a rename. Only a commit that both removes and adds
/// documents is compared beyond its tree. Read on the walk of [`super::facts`], which
/// lists every commit's files already.
pub(super) fn renamed_at(
    repo: &GitRepo,
    step: &Step,
    files: &[ChangedFile],
) -> Result<Vec<Renamed>> {
    let docs: Vec<ChangedFile> = files.iter().filter(|f| touches_doc(f)).cloned().collect();
    let mut out = Vec::new();
    for (from, to) in renames(repo, &docs)? {
        let (Some((kind, old_id)), Some((_, new_id))) = (doc_id(&from), doc_id(&to)) else {
            continue;
        };
        if old_id != new_id {
            out.push(Renamed {
                kind,
                old_id,
                new_id,
                commit: step.id.to_string(),
            });
        }
    }
    Ok(out)
}

/// Beyond this many changed documents, [`recent_changes`] counts a commit's changes by
/// kind instead of comparing each document: a first import of thousands of documents
/// would otherwise be read, parsed and listed line by line on the évolution page.
pub const SUMMARY_THRESHOLD: usize = 100;

/// Beyond this many bytes of changed documents (both sides, as their objects' headers
/// declare them), [`recent_changes`] counts a commit's changes too: comparing documents
/// holds each several times over (the blobs, the parsed documents, their fields as JSON),
/// and a pull request of a few huge files would otherwise take the évolution page's
/// thread to gigabytes beside the build (issue 14). The largest file read, 8 MiB.
pub const SUMMARY_BYTES: u64 = 8 * 1024 * 1024;

/// What a commit changed, as the évolution page lists it.
#[derive(Debug, Clone, PartialEq)]
pub enum CommitChanges {
    /// Each document's semantic change.
    Each(Vec<DocChange>),
    /// More than [`SUMMARY_THRESHOLD`] documents, or more than [`SUMMARY_BYTES`] of them:
    /// counts by kind, from the tree diff alone.
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

/// One commit of the évolution page.
#[derive(Debug, Clone, PartialEq)]
pub struct RecentCommit {
    pub info: CommitInfo,
    pub changes: CommitChanges,
    /// For a merge, the commits it brought in, newest first.
    pub merged: Vec<CommitInfo>,
}

/// The latest commits that changed content, newest first, and where a shallow clone's
/// history stops.
#[derive(Debug, Clone, PartialEq, Default)]
pub struct Recent {
    pub commits: Vec<RecentCommit>,
    pub truncated: Option<Truncation>,
}

fn is_doc(path: &str) -> bool {
    matches!(classify(path), Place::Doc { .. })
}

/// Whether a changed file is a document of the format on either side.
pub(super) fn touches_doc(f: &ChangedFile) -> bool {
    f.old.as_deref().is_some_and(is_doc) || f.new.as_deref().is_some_and(is_doc)
}

/// The last `limit` commits that changed content, newest first, each with its changes; a
/// commit that changed more than [`SUMMARY_THRESHOLD`] documents, or more than
/// [`SUMMARY_BYTES`] of documents, is counted, not read.
pub fn recent_changes(repo: &GitRepo, limit: usize) -> Result<Recent> {
    let mut recent = Recent::default();
    let Some(head) = repo.head_if_born()? else {
        return Ok(recent);
    };
    for step in FirstParent::new(repo.store(), head) {
        let step = step?;
        if recent.commits.len() >= limit {
            break;
        }
        if step.boundary {
            recent.truncated = repo.truncation(&step)?;
            break;
        }
        let files = repo.changed_between(step.parent, step.id, &|_, _| true)?;
        let docs: Vec<ChangedFile> = files.iter().filter(|f| touches_doc(f)).cloned().collect();
        let changes =
            if docs.len() > SUMMARY_THRESHOLD || changed_bytes(repo, &docs)? > SUMMARY_BYTES {
                CommitChanges::Counted(ChangeCounts::from_files(&files))
            } else {
                let changes = repo.changes_of(&step, &docs, &renames(repo, &docs)?)?;
                if changes.is_empty() {
                    continue;
                }
                CommitChanges::Each(changes)
            };
        recent.commits.push(RecentCommit {
            info: repo.commit_info(step.id)?,
            changes,
            merged: repo.merged_of(&step)?,
        });
    }
    Ok(recent)
}

/// Least share of lines two files have in common for a removed document and an added
/// one of the same kind to be one renamed document: git's default (`-M50%`).
const RENAME_SIMILARITY: f32 = 0.5;

/// Most pairs of a removed and an added document whose texts are compared for renames in
/// one commit; past it, only identical files are paired (a rename as git records it when
/// the file is not edited).
const MAX_RENAME_PAIRS: usize = 400;

/// Documents a commit renamed, as git finds renames: a document file removed and one of
/// the same kind added whose text is the same or shares at least half of its lines
/// ([`RENAME_SIMILARITY`]), each paired with the most similar. (old path, new path).
pub(super) fn renames(repo: &GitRepo, docs: &[ChangedFile]) -> Result<Vec<(String, String)>> {
    renames_read(docs, &mut |id, _| {
        Ok(repo.store().read_blob(id, SUMMARY_BYTES)?)
    })
}

/// [`renames`], each file's bytes given by `read` (its blob id, and its path on the side
/// it is on): `diff` against the working tree reads the added side from disk, its ids
/// hashed from the files.
pub(super) fn renames_read(
    docs: &[ChangedFile],
    read: &mut dyn FnMut(Oid, &str) -> Result<Vec<u8>>,
) -> Result<Vec<(String, String)>> {
    let kind = |path: &str| match classify(path) {
        Place::Doc { kind, .. } => Some(kind),
        _ => None,
    };
    let one_side = |path: &Option<String>, blob: &Option<(Oid, i32)>, other: &Option<String>| {
        let (path, (blob, _)) = (path.as_ref()?, (*blob)?);
        (other.is_none()).then_some(())?;
        Some((path.clone(), blob, kind(path)?))
    };
    let removed: Vec<(String, Oid, Kind)> = docs
        .iter()
        .filter_map(|f| one_side(&f.old, &f.old_blob, &f.new))
        .collect();
    let added: Vec<(String, Oid, Kind)> = docs
        .iter()
        .filter_map(|f| one_side(&f.new, &f.new_blob, &f.old))
        .collect();
    if removed.is_empty() || added.is_empty() {
        return Ok(Vec::new());
    }
    let compare_texts = removed.len() * added.len() <= MAX_RENAME_PAIRS;
    let mut texts: BTreeMap<Oid, String> = BTreeMap::new();
    let mut text = |id: Oid, path: &str| -> Result<String> {
        if let Some(t) = texts.get(&id) {
            return Ok(t.clone());
        }
        let bytes = read(id, path)?;
        let t = String::from_utf8_lossy(&bytes).into_owned();
        texts.insert(id, t.clone());
        Ok(t)
    };
    let mut scored: Vec<(f32, usize, usize)> = Vec::new();
    for (r, (old_path, old_blob, old_kind)) in removed.iter().enumerate() {
        for (a, (new_path, new_blob, new_kind)) in added.iter().enumerate() {
            if old_kind != new_kind {
                continue;
            }
            let score = if old_blob == new_blob {
                1.0
            } else if compare_texts {
                let (old, new) = (text(*old_blob, old_path)?, text(*new_blob, new_path)?);
                similar::TextDiff::from_lines(&old, &new).ratio()
            } else {
                0.0
            };
            if score >= RENAME_SIMILARITY {
                scored.push((score, r, a));
            }
        }
    }
    // The most similar pairs first, each file in one pair at most.
    scored.sort_by(|x, y| y.0.total_cmp(&x.0).then((x.1, x.2).cmp(&(y.1, y.2))));
    let (mut used_old, mut used_new) = (vec![false; removed.len()], vec![false; added.len()]);
    let mut out = Vec::new();
    for (_, r, a) in scored {
        if !used_old[r] && !used_new[a] {
            used_old[r] = true;
            used_new[a] = true;
            out.push((removed[r].0.clone(), added[a].0.clone()));
        }
    }
    Ok(out)
}

/// The bytes of the documents `docs` on both sides of their change, from their objects'
/// headers (nothing inflated); stops counting once past [`SUMMARY_BYTES`].
fn changed_bytes(repo: &GitRepo, docs: &[ChangedFile]) -> Result<u64> {
    let mut total = 0u64;
    for blob in docs
        .iter()
        .flat_map(|f| f.old_blob.iter().chain(&f.new_blob))
    {
        total = total.saturating_add(repo.store().blob_size(blob.0)?);
        if total > SUMMARY_BYTES {
            break;
        }
    }
    Ok(total)
}

/// The documents each of the last `limit` commits of the chain touched (from the tree
/// comparison alone, nothing parsed), newest first, and where a shallow clone stops.
pub fn recent_touches(repo: &GitRepo, limit: usize) -> Result<Touches> {
    let mut touches = Touches::default();
    let Some(head) = repo.head_if_born()? else {
        return Ok(touches);
    };
    for step in FirstParent::new(repo.store(), head).take(limit) {
        let step = step?;
        if step.boundary {
            touches.truncated = repo.truncation(&step)?;
            break;
        }
        let docs: Vec<(Kind, String)> = repo
            .changed_between(step.parent, step.id, &|_, _| true)?
            .into_iter()
            .filter_map(|f| match classify(f.new.as_deref().or(f.old.as_deref())?) {
                Place::Doc { kind, id, .. } => Some((kind, id)),
                _ => None,
            })
            .collect();
        if !docs.is_empty() {
            touches.commits.push((repo.commit_info(step.id)?, docs));
        }
    }
    Ok(touches)
}

/// What [`recent_touches`] found.
#[derive(Debug, Clone, PartialEq, Default)]
pub struct Touches {
    /// Each commit that touched documents, with their kinds and ids.
    pub commits: Vec<(CommitInfo, Vec<(Kind, String)>)>,
    pub truncated: Option<Truncation>,
}
