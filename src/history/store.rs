//! The one place a git repository is opened and its objects are read. Every object the
//! history reads goes through [`Store`]: a loose object is checked whole
//! ([`super::loose`]) before libgit2 touches it, a blob is bounded by its header size
//! before it is inflated, and nothing is ever written into the repository.
//!
//! Public for the ecosystem's git sources: [`Store::discover`], [`Store::open_bare`],
//! [`Store::resolve`], [`Store::files`] and [`Store::read_blob`].

use std::cell::RefCell;
use std::collections::HashSet;
use std::fs::File;
use std::path::{Path, PathBuf};

use git2::{Commit, ObjectType, Oid, Repository, Tree};

use super::error::{HistoryError, ObjectProblem};
use super::loose::{self, LooseError, LooseKind};

/// How deep `objects/info/alternates` may chain, as in libgit2.
const MAX_ALTERNATES_DEPTH: usize = 5;

/// A git repository opened for reading.
pub struct Store {
    repo: Repository,
    /// Where loose objects live: the repository's own folder, then its alternates.
    object_dirs: Vec<PathBuf>,
    /// The commits of `.git/shallow`: their parents are not in this clone.
    shallow: HashSet<Oid>,
    /// Objects already checked in this process (never written anywhere).
    checked: RefCell<HashSet<Oid>>,
}

impl std::fmt::Debug for Store {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("Store")
            .field("path", &self.repo.path())
            .finish()
    }
}

/// One file of a tree: its path (relative to the listed folder), blob id and git mode.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct TreeFile {
    pub path: String,
    pub id: Oid,
    pub mode: i32,
}

/// The git mode of a symbolic link.
pub const SYMLINK_MODE: i32 = 0o120000;

impl Store {
    /// The repository holding `dir` (which may be a subfolder of its working tree).
    pub fn discover(dir: &Path) -> Result<Store, HistoryError> {
        let repo = Repository::discover(dir).map_err(|_| HistoryError::NotARepository {
            dir: dir.display().to_string(),
        })?;
        Ok(Store::from_repository(repo))
    }

    /// A bare repository (a mirror) at `path`.
    pub fn open_bare(path: &Path) -> Result<Store, HistoryError> {
        let repo = Repository::open_bare(path).map_err(|_| HistoryError::NotARepository {
            dir: path.display().to_string(),
        })?;
        Ok(Store::from_repository(repo))
    }

    /// A repository already opened elsewhere.
    pub fn from_repository(repo: Repository) -> Store {
        // Like git itself, trust the object store: re-hashing every object read (with
        // collision detection) cost more than inflating it.
        git2::opts::strict_hash_verification(false);
        let common = repo.commondir().to_path_buf();
        Store {
            object_dirs: object_dirs(&common.join("objects")),
            shallow: shallow_commits(&common),
            checked: RefCell::new(HashSet::new()),
            repo,
        }
    }

    /// The libgit2 handle, for what reads no object (references, the index, status).
    pub fn git(&self) -> &Repository {
        &self.repo
    }

    /// Whether this is a shallow clone.
    pub fn is_shallow(&self) -> bool {
        !self.shallow.is_empty()
    }

    /// Whether `id` is a boundary commit of a shallow clone (its parents are absent).
    pub fn is_boundary(&self, id: Oid) -> bool {
        self.shallow.contains(&id)
    }

    /// Checks object `id` if it is loose (see [`super::loose`]); once per process.
    fn guard(&self, id: Oid) -> Result<(), HistoryError> {
        if self.checked.borrow().contains(&id) {
            return Ok(());
        }
        if let Some(file) = self.loose_file(id)? {
            loose::inspect(file, None, false).map_err(|e| loose_error(id, e))?;
        }
        self.checked.borrow_mut().insert(id);
        Ok(())
    }

    /// The loose file of `id`, if there is one.
    fn loose_file(&self, id: Oid) -> Result<Option<File>, HistoryError> {
        let hex = id.to_string();
        for dir in &self.object_dirs {
            let path = dir.join(&hex[..2]).join(&hex[2..]);
            match File::open(&path) {
                Ok(file) => return Ok(Some(file)),
                Err(e) if e.kind() == std::io::ErrorKind::NotFound => continue,
                Err(e) => {
                    return Err(HistoryError::BrokenObject {
                        what: hex,
                        problem: ObjectProblem::Unreadable(e.to_string()),
                    })
                }
            }
        }
        Ok(None)
    }

    /// A commit, checked first.
    pub fn commit(&self, id: Oid) -> Result<Commit<'_>, HistoryError> {
        self.guard(id)?;
        self.repo
            .find_commit(id)
            .map_err(|e| HistoryError::from_read(id, &e))
    }

    /// A tree, checked first.
    pub fn tree(&self, id: Oid) -> Result<Tree<'_>, HistoryError> {
        self.guard(id)?;
        self.repo
            .find_tree(id)
            .map_err(|e| HistoryError::from_read(id, &e))
    }

    /// The root tree of a commit.
    pub fn commit_tree(&self, commit: Oid) -> Result<Tree<'_>, HistoryError> {
        let tree = self.commit(commit)?.tree_id();
        self.tree(tree)
    }

    /// The kind of object `id` (from its header only).
    pub fn kind(&self, id: Oid) -> Result<ObjectType, HistoryError> {
        self.guard(id)?;
        let odb = self.repo.odb().map_err(|e| HistoryError::git(&e))?;
        odb.read_header(id)
            .map(|(_, kind)| kind)
            .map_err(|e| HistoryError::from_read(id, &e))
    }

    /// The bytes of blob `id`, refused with [`HistoryError::TooLarge`] when its header
    /// declares more than `limit` bytes — before anything is inflated. The one bounded
    /// read of a git object, for the history and the ecosystem's git sources alike.
    pub fn read_blob(&self, id: Oid, limit: u64) -> Result<Vec<u8>, HistoryError> {
        if let Some(file) = self.loose_file(id)? {
            let read = loose::inspect(file, Some(limit), true).map_err(|e| match e {
                LooseError::TooLarge { size } => HistoryError::TooLarge { size, limit },
                e => loose_error(id, e),
            })?;
            if read.kind != LooseKind::Blob {
                return Err(broken(id, ObjectProblem::Damaged));
            }
            return Ok(read.content.unwrap_or_default());
        }
        let odb = self.repo.odb().map_err(|e| HistoryError::git(&e))?;
        let (size, kind) = odb
            .read_header(id)
            .map_err(|e| HistoryError::from_read(id, &e))?;
        if kind != ObjectType::Blob {
            return Err(broken(id, ObjectProblem::Damaged));
        }
        if size as u64 > limit {
            return Err(HistoryError::TooLarge {
                size: size as u64,
                limit,
            });
        }
        let blob = self
            .repo
            .find_blob(id)
            .map_err(|e| HistoryError::from_read(id, &e))?;
        Ok(blob.content().to_vec())
    }

    /// The tree at `path` (`/`-separated, `""` for `root` itself) below `root`, looked up
    /// one checked folder at a time; `None` when the path is absent or not a folder.
    pub fn subtree<'s>(
        &'s self,
        root: &Tree<'s>,
        path: &str,
    ) -> Result<Option<Tree<'s>>, HistoryError> {
        let mut tree = root.clone();
        for name in path.split('/').filter(|n| !n.is_empty()) {
            let next = match tree.get_name(name) {
                Some(e) if e.kind() == Some(ObjectType::Tree) => e.id(),
                _ => return Ok(None),
            };
            tree = self.tree(next)?;
        }
        Ok(Some(tree))
    }

    /// Every file (blob or symbolic link) below `tree`, sorted by path, skipping the
    /// folders `skip` refuses (it gets each folder's name). Submodules are left out.
    pub fn files(
        &self,
        tree: &Tree<'_>,
        skip: &dyn Fn(&str) -> bool,
    ) -> Result<Vec<TreeFile>, HistoryError> {
        let mut out = Vec::new();
        self.list_into(tree, "", skip, &mut out)?;
        out.sort_by(|a, b| a.path.cmp(&b.path));
        Ok(out)
    }

    fn list_into(
        &self,
        tree: &Tree<'_>,
        dir: &str,
        skip: &dyn Fn(&str) -> bool,
        out: &mut Vec<TreeFile>,
    ) -> Result<(), HistoryError> {
        for entry in tree.iter() {
            let Ok(name) = entry.name() else { continue };
            let path = format!("{dir}{name}");
            match entry.kind() {
                Some(ObjectType::Tree) if !skip(name) => {
                    let sub = self.tree(entry.id())?;
                    self.list_into(&sub, &format!("{path}/"), skip, out)?;
                }
                Some(ObjectType::Blob) => out.push(TreeFile {
                    path,
                    id: entry.id(),
                    mode: entry.filemode(),
                }),
                _ => {}
            }
        }
        Ok(())
    }

    /// The commit a revision names (see [`super::revision`]).
    pub fn resolve(&self, rev: &str) -> Result<Oid, HistoryError> {
        super::revision::resolve(self, rev)
    }
}

fn broken(id: Oid, problem: ObjectProblem) -> HistoryError {
    HistoryError::BrokenObject {
        what: id.to_string(),
        problem,
    }
}

fn loose_error(id: Oid, e: LooseError) -> HistoryError {
    match e {
        LooseError::TooLarge { size } => HistoryError::TooLarge { size, limit: 0 },
        LooseError::Broken(problem) => broken(id, problem),
    }
}

/// The loose-object folders: `objects/`, then those `objects/info/alternates` names
/// (relative ones from the folder naming them), recursively as libgit2 reads them.
fn object_dirs(objects: &Path) -> Vec<PathBuf> {
    let mut dirs = vec![objects.to_path_buf()];
    let mut next = 0;
    let mut depth = vec![0usize];
    while next < dirs.len() {
        let dir = dirs[next].clone();
        let level = depth[next];
        next += 1;
        if level >= MAX_ALTERNATES_DEPTH {
            continue;
        }
        let Ok(text) = std::fs::read_to_string(dir.join("info/alternates")) else {
            continue;
        };
        for line in text.lines().map(str::trim) {
            if line.is_empty() || line.starts_with('#') {
                continue;
            }
            let alt = dir.join(line);
            if !dirs.contains(&alt) {
                dirs.push(alt);
                depth.push(level + 1);
            }
        }
    }
    dirs
}

/// The boundary commits of a shallow clone (`.git/shallow`), empty for a full clone.
fn shallow_commits(common: &Path) -> HashSet<Oid> {
    std::fs::read_to_string(common.join("shallow"))
        .unwrap_or_default()
        .lines()
        .filter_map(|l| Oid::from_str(l.trim()).ok())
        .collect()
}
