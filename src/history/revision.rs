//! Revisions to commits, reading each object through the [`Store`] (so that a damaged
//! object is an error, never a hang): a reference (`main`, `v1.0`, `origin/main`, `HEAD`,
//! `@`), a full or abbreviated hash, followed by any number of `~N`, `^N` and `^{commit}`
//! / `^{}`. A path (`HEAD:file`), a tree or a blob is not a commit, so it is an unknown
//! revision here. Reflog forms (`main@{2}`, `@{-1}`) and searches (`:/text`) are left to
//! libgit2, which then reads the objects on its own: those are the only reads that do not
//! go through the store's check.

use git2::{ObjectType, Oid};

use super::error::{HistoryError, ObjectProblem};
use super::store::Store;

/// How a revision moves from the object its base names.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Step {
    /// `~N`: the Nth first-parent ancestor.
    Ancestor(usize),
    /// `^N`: the Nth parent (`^0` is the commit itself).
    Parent(usize),
    /// `^{commit}` or `^{}`.
    Peel,
}

/// The commit `rev` names.
pub fn resolve(store: &Store, rev: &str) -> Result<Oid, HistoryError> {
    let unknown = || HistoryError::UnknownRevision {
        rev: rev.to_string(),
    };
    if rev.contains("@{") || rev.starts_with(":/") {
        return by_libgit2(store, rev);
    }
    let (base, steps) = split(rev).ok_or_else(unknown)?;
    let mut id = to_commit(store, base_object(store, base)?.ok_or_else(unknown)?, rev)?;
    for step in steps {
        id = match step {
            Step::Peel | Step::Parent(0) => id,
            Step::Parent(n) => parent(store, id, n - 1, rev)?,
            Step::Ancestor(n) => (0..n).try_fold(id, |id, _| parent(store, id, 0, rev))?,
        };
    }
    Ok(id)
}

/// The base (everything before the first `~` or `^`) and the steps after it; `None` when
/// the suffix is not one of the supported forms.
fn split(rev: &str) -> Option<(&str, Vec<Step>)> {
    let at = rev.find(['~', '^']).unwrap_or(rev.len());
    let (base, mut rest) = rev.split_at(at);
    if base.contains(':') {
        return None;
    }
    let mut steps = Vec::new();
    while let Some(c) = rest.chars().next() {
        rest = &rest[1..];
        if c == '^' && rest.starts_with('{') {
            let end = rest.find('}')?;
            match &rest[1..end] {
                "" | "commit" => steps.push(Step::Peel),
                _ => return None,
            }
            rest = &rest[end + 1..];
            continue;
        }
        let digits = rest.len() - rest.trim_start_matches(|c: char| c.is_ascii_digit()).len();
        let n = if digits == 0 {
            1
        } else {
            rest[..digits].parse().ok()?
        };
        rest = &rest[digits..];
        steps.push(if c == '~' {
            Step::Ancestor(n)
        } else {
            Step::Parent(n)
        });
    }
    Some((base, steps))
}

/// The object a base names, without reading it: a reference, a full hash, or a unique
/// abbreviation (also as the `-g<hash>` end of `git describe`).
fn base_object(store: &Store, base: &str) -> Result<Option<Oid>, HistoryError> {
    let repo = store.git();
    let name = if base.is_empty() || base == "@" {
        "HEAD"
    } else {
        base
    };
    if name.len() == 40 && name.bytes().all(|b| b.is_ascii_hexdigit()) {
        return Ok(Oid::from_str(name).ok());
    }
    ambiguity(store, name)?;
    if let Ok(reference) = repo.resolve_reference_from_short_name(name) {
        return Ok(reference.resolve().ok().and_then(|r| r.target()));
    }
    Ok(short_hash(store, name))
}

/// Git's rule for a short name (`git help revisions`): the first of `refs/<name>`,
/// `refs/tags/<name>`, `refs/heads/<name>`, `refs/remotes/<name>`,
/// `refs/remotes/<name>/HEAD` that exists. When two of them exist and point at different
/// objects, git warns "refname is ambiguous" and takes the first: a pull request that
/// pushes a tag `origin/main` would then choose the base it is judged against. That is an
/// error here, naming both.
fn ambiguity(store: &Store, name: &str) -> Result<(), HistoryError> {
    if name == "HEAD" || name.starts_with("refs/") {
        return Ok(());
    }
    let repo = store.git();
    let found: Vec<(String, Option<Oid>)> = [
        format!("refs/{name}"),
        format!("refs/tags/{name}"),
        format!("refs/heads/{name}"),
        format!("refs/remotes/{name}"),
        format!("refs/remotes/{name}/HEAD"),
    ]
    .into_iter()
    .filter_map(|full| {
        let reference = repo.find_reference(&full).ok()?;
        let target = reference
            .resolve()
            .ok()
            .and_then(|r| r.peel(git2::ObjectType::Any).ok().map(|o| o.id()));
        Some((full, target))
    })
    .collect();
    let differ = found.iter().any(|(_, t)| *t != found[0].1);
    if found.len() > 1 && differ {
        return Err(HistoryError::AmbiguousRevision {
            rev: name.to_string(),
            refs: found.into_iter().map(|(full, _)| full).collect(),
        });
    }
    Ok(())
}

/// The object an abbreviated hash names (`3f2a`, or a `git describe` name's `-g3f2a`).
fn short_hash(store: &Store, name: &str) -> Option<Oid> {
    let repo = store.git();
    let hex = match name.rsplit_once("-g") {
        Some((_, h)) if h.len() >= 4 && h.bytes().all(|b| b.is_ascii_hexdigit()) => h,
        _ => name,
    };
    if hex.len() < 4 || !hex.bytes().all(|b| b.is_ascii_hexdigit()) {
        return None;
    }
    let padded = format!("{hex:0<40}");
    let short = Oid::from_str(&padded).ok()?;
    repo.odb().ok()?.exists_prefix(short, hex.len()).ok()
}

/// Peels tags until a commit; anything else is not a commit.
fn to_commit(store: &Store, mut id: Oid, rev: &str) -> Result<Oid, HistoryError> {
    for _ in 0..16 {
        match store.kind(id) {
            Ok(ObjectType::Commit) => return Ok(id),
            Ok(ObjectType::Tag) => {
                id = store
                    .git()
                    .find_tag(id)
                    .map_err(|e| HistoryError::from_read(id, &e))?
                    .target_id();
            }
            Ok(_) => break,
            Err(HistoryError::BrokenObject {
                problem: ObjectProblem::Missing,
                ..
            }) => break,
            Err(e) => return Err(e),
        }
    }
    Err(HistoryError::UnknownRevision {
        rev: rev.to_string(),
    })
}

/// The `n`th parent (0-based) of commit `id`.
fn parent(store: &Store, id: Oid, n: usize, rev: &str) -> Result<Oid, HistoryError> {
    let commit = store.commit(id)?;
    match commit.parent_id(n) {
        Ok(p) => Ok(p),
        Err(_) if store.is_boundary(id) => Err(HistoryError::BeyondShallow {
            rev: rev.to_string(),
            boundary: id.to_string(),
            range: false,
        }),
        Err(_) => Err(HistoryError::UnknownRevision {
            rev: rev.to_string(),
        }),
    }
}

/// The forms the store does not parse, resolved by libgit2.
fn by_libgit2(store: &Store, rev: &str) -> Result<Oid, HistoryError> {
    let unknown = || HistoryError::UnknownRevision {
        rev: rev.to_string(),
    };
    let object = store.git().revparse_single(rev).map_err(|_| unknown())?;
    to_commit(store, object.id(), rev)
}

#[cfg(test)]
mod tests {
    use super::{split, Step};

    #[test]
    fn suffixes_are_read_as_git_reads_them() {
        assert_eq!(split("HEAD"), Some(("HEAD", vec![])));
        assert_eq!(
            split("main~3^2^{}"),
            Some(("main", vec![Step::Ancestor(3), Step::Parent(2), Step::Peel]))
        );
        assert_eq!(
            split("v1^^~"),
            Some((
                "v1",
                vec![Step::Parent(1), Step::Parent(1), Step::Ancestor(1)]
            ))
        );
        assert_eq!(split("HEAD^0"), Some(("HEAD", vec![Step::Parent(0)])));
        assert_eq!(split("HEAD:file.md"), None);
        assert_eq!(split("HEAD^{tree}"), None);
        assert_eq!(split("HEAD^{commit"), None);
    }
}
