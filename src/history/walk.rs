//! The one walker of the history, and its one rule for merges: **the first-parent chain,
//! with merges shown as such**. From a tip, each commit is followed by its first parent,
//! and each is compared with that parent; a merge commit is one step whose change is
//! everything its merge brought into the line, and it names the commits it brought in
//! (their messages and `Decision:` trailers count for it). This is the history of the
//! #CodeSocial in force: what changed on the main line, when it took effect and by which
//! decision, the same whether a proposal was merged, squashed or committed directly.
//! (`docs/architecture.md` says why this rule rather than the full topology.)
//!
//! The chain ends at a root commit (whose change is the creation of what it holds) or at
//! the boundary of a shallow clone, which is yielded as [`Step::boundary`]: its parents
//! are absent, so what it changed is unknown, and it is never presented as adding
//! everything it holds.

use std::cmp::Ordering;
use std::collections::{BinaryHeap, HashMap};

use git2::Oid;

use super::error::HistoryError;
use super::store::Store;

/// One commit of the first-parent chain.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Step {
    pub id: Oid,
    /// The first parent; `None` for a root commit or a shallow boundary.
    pub parent: Option<Oid>,
    /// More than one parent: a merge, compared with its first parent.
    pub merge: bool,
    /// The boundary of a shallow clone: its parents are not in the clone, so its change
    /// is unknown. The chain ends here.
    pub boundary: bool,
}

/// The first-parent chain from a tip, newest first.
pub struct FirstParent<'s> {
    store: &'s Store,
    next: Option<Oid>,
}

impl<'s> FirstParent<'s> {
    pub fn new(store: &'s Store, tip: Oid) -> Self {
        FirstParent {
            store,
            next: Some(tip),
        }
    }

    fn step(&self, id: Oid) -> Result<Step, HistoryError> {
        let commit = self.store.commit(id)?;
        let boundary = self.store.is_boundary(id);
        Ok(Step {
            id,
            parent: if boundary {
                None
            } else {
                commit.parent_id(0).ok()
            },
            merge: commit.parent_count() > 1,
            boundary,
        })
    }
}

impl Iterator for FirstParent<'_> {
    type Item = Result<Step, HistoryError>;

    fn next(&mut self) -> Option<Self::Item> {
        let id = self.next.take()?;
        let step = self.step(id);
        if let Ok(s) = &step {
            self.next = s.parent;
        }
        Some(step)
    }
}

/// A commit waiting in a date-ordered walk: newest commit time first, then first seen.
#[derive(PartialEq, Eq)]
struct Queued {
    time: i64,
    seq: usize,
    id: Oid,
}

impl Ord for Queued {
    fn cmp(&self, other: &Self) -> Ordering {
        self.time
            .cmp(&other.time)
            .then_with(|| other.seq.cmp(&self.seq))
    }
}

impl PartialOrd for Queued {
    fn partial_cmp(&self, other: &Self) -> Option<Ordering> {
        Some(self.cmp(other))
    }
}

/// A date-ordered walk over commits, each read once, with flags per commit.
struct Painter<'s> {
    store: &'s Store,
    queue: BinaryHeap<Queued>,
    seq: usize,
    flags: HashMap<Oid, u8>,
    parents: HashMap<Oid, Vec<Oid>>,
}

impl<'s> Painter<'s> {
    fn new(store: &'s Store) -> Self {
        Painter {
            store,
            queue: BinaryHeap::new(),
            seq: 0,
            flags: HashMap::new(),
            parents: HashMap::new(),
        }
    }

    /// Adds `flags` to commit `id` and queues it when it is new.
    fn paint(&mut self, id: Oid, flags: u8) -> Result<(), HistoryError> {
        let known = self.flags.contains_key(&id);
        *self.flags.entry(id).or_insert(0) |= flags;
        if known {
            return Ok(());
        }
        let commit = self.store.commit(id)?;
        let parents = if self.store.is_boundary(id) {
            Vec::new()
        } else {
            commit.parent_ids().collect()
        };
        self.parents.insert(id, parents);
        self.seq += 1;
        self.queue.push(Queued {
            time: commit.time().seconds(),
            seq: self.seq,
            id,
        });
        Ok(())
    }

    /// Adds `flags` to commit `id` and queues it again (as git's paint-down does).
    fn repaint(&mut self, id: Oid, flags: u8) -> Result<(), HistoryError> {
        if !self.flags.contains_key(&id) {
            return self.paint(id, flags);
        }
        *self.flags.entry(id).or_insert(0) |= flags;
        let time = self.store.commit(id)?.time().seconds();
        self.seq += 1;
        self.queue.push(Queued {
            time,
            seq: self.seq,
            id,
        });
        Ok(())
    }

    fn flags(&self, id: Oid) -> u8 {
        self.flags.get(&id).copied().unwrap_or(0)
    }

    fn parents_of(&self, id: Oid) -> Vec<Oid> {
        self.parents.get(&id).cloned().unwrap_or_default()
    }

    /// Whether a queued commit lacks every flag of `mask`.
    fn any_queued_without(&self, mask: u8) -> bool {
        self.queue.iter().any(|q| self.flags(q.id) & mask == 0)
    }
}

const INCLUDED: u8 = 1;
const EXCLUDED: u8 = 2;

/// Commits a date-ordered walk goes on reading once only excluded ones are queued, as
/// git's `rev-list` does, so that a commit dated before its parent is still excluded.
const SLOP: usize = 5;

/// The commits reachable from `include` but not from `exclude` (`git rev-list include
/// ^exclude`), newest first by commit time.
pub fn only_from(
    store: &Store,
    include: &[Oid],
    exclude: &[Oid],
) -> Result<Vec<Oid>, HistoryError> {
    let mut p = Painter::new(store);
    for &id in exclude {
        p.paint(id, EXCLUDED)?;
    }
    for &id in include {
        p.paint(id, INCLUDED)?;
    }
    let mut order = Vec::new();
    let mut slop = SLOP;
    while let Some(Queued { id, .. }) = p.queue.pop() {
        let flag = if p.flags(id) & EXCLUDED != 0 {
            EXCLUDED
        } else {
            INCLUDED
        };
        if flag == EXCLUDED {
            exclude_ancestors(&mut p, id);
        }
        order.push(id);
        for parent in p.parents_of(id) {
            p.paint(parent, flag)?;
        }
        if p.any_queued_without(EXCLUDED) {
            slop = SLOP;
        } else if slop == 0 {
            break;
        } else {
            slop -= 1;
        }
    }
    Ok(order
        .into_iter()
        .filter(|id| p.flags(*id) & EXCLUDED == 0)
        .collect())
}

/// Marks every known ancestor of `id` excluded (they may have been reached first from an
/// included commit).
fn exclude_ancestors(p: &mut Painter<'_>, id: Oid) {
    let mut stack = p.parents_of(id);
    while let Some(next) = stack.pop() {
        let Some(flags) = p.flags.get_mut(&next) else {
            continue;
        };
        if *flags & EXCLUDED != 0 {
            continue;
        }
        *flags |= EXCLUDED;
        stack.extend(p.parents_of(next));
    }
}

const ONE: u8 = 1;
const TWO: u8 = 2;
const STALE: u8 = 4;

/// The best common ancestor of two commits (`git merge-base`): git's paint-down, then,
/// when several are found, the newest that is no ancestor of another. `None` when the two
/// share no history.
pub fn merge_base(store: &Store, one: Oid, two: Oid) -> Result<Option<Oid>, HistoryError> {
    if one == two {
        return Ok(Some(one));
    }
    let mut p = Painter::new(store);
    p.paint(one, ONE)?;
    p.paint(two, TWO)?;
    let mut found = Vec::new();
    while p.any_queued_without(STALE) {
        let Some(Queued { id, .. }) = p.queue.pop() else {
            break;
        };
        let mut flags = p.flags(id) & (ONE | TWO | STALE);
        if flags == ONE | TWO && !found.contains(&id) {
            found.push(id);
        }
        if flags & (ONE | TWO) == ONE | TWO {
            flags |= STALE;
        }
        for parent in p.parents_of(id) {
            if p.flags(parent) & flags != flags {
                p.repaint(parent, flags)?;
            }
        }
    }
    let bases: Vec<Oid> = found
        .into_iter()
        .filter(|id| p.flags(*id) & STALE == 0)
        .collect();
    for &base in &bases {
        let mut redundant = false;
        for &other in bases.iter().filter(|o| **o != base) {
            // `base` is an ancestor of `other` when nothing is reachable from it alone.
            redundant |= only_from(store, &[base], &[other])?.is_empty();
        }
        if !redundant {
            return Ok(Some(base));
        }
    }
    Ok(bases.first().copied())
}
