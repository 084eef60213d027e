//! The one place a git repository is opened and its objects are read. Every object the
//! history reads goes through [`Store`]: a loose object is checked whole
//! ([`super::loose`]) before libgit2 touches it, a blob is bounded by its header size
//! before it is inflated, and nothing is ever written into the repository.
//!
//! Public for the ecosystem's git sources: [`discover_repository`], [`Store::discover`],
//! [`Store::resolve`], [`Store::files`] and [`Store::read_blob`].

use std::cell::RefCell;
use std::collections::{HashMap, HashSet, VecDeque};
use std::ffi::OsStr;
use std::fs::File;
use std::path::{Path, PathBuf};
use std::sync::Arc;

use git2::{Commit, ObjectType, Oid, Repository, RepositoryOpenFlags};

use super::error::{HistoryError, ObjectProblem};
use super::loose::{self, LooseError, LooseKind};
use super::tree::RawTree;

/// How deep `objects/info/alternates` may chain, as in libgit2.
const MAX_ALTERNATES_DEPTH: usize = 5;

/// The largest tree read: a folder of about a million entries. Like every object, a tree
/// is bounded by its header size before it is inflated.
const MAX_TREE_SIZE: u64 = 64 * 1024 * 1024;

/// Trees kept once read: a walk compares each commit with its parent, so the parent's
/// trees are read again at the next step.
const TREE_CACHE: usize = 64;

/// The last trees read, and their ids oldest first.
type TreeCache = (HashMap<Oid, Arc<RawTree>>, VecDeque<Oid>);

/// A git repository opened for reading.
pub struct Store {
    repo: Repository,
    /// Where loose objects live: the repository's own folder, then its alternates.
    object_dirs: Vec<PathBuf>,
    /// The commits of `.git/shallow`: their parents are not in this clone.
    shallow: HashSet<Oid>,
    /// Objects already checked in this process (never written anywhere).
    checked: RefCell<HashSet<Oid>>,
    /// The last trees read.
    trees: RefCell<TreeCache>,
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

/// A walk of [`Store::walk`] under way.
struct List<'a> {
    skip: &'a dyn Fn(&str) -> bool,
    gitlinks: bool,
    out: &'a mut Vec<TreeFile>,
    folders: &'a mut Vec<(Arc<RawTree>, String)>,
}

/// The git mode of a symbolic link.
pub const SYMLINK_MODE: i32 = 0o120000;
/// The git mode of a submodule (a gitlink: the entry names a commit, not a blob).
pub const GITLINK_MODE: i32 = 0o160000;

impl Store {
    /// The repository whose work tree holds `dir` ([`discover_repository`]).
    pub fn discover(dir: &Path) -> Result<Store, HistoryError> {
        discover_repository(dir).map(Store::from_repository)
    }

    /// The bare repository at `path` (an ecosystem's copy in the cache, which `ecosystem`
    /// creates and fetches into): [`HistoryError::Unopenable`] when libgit2 cannot open it.
    pub fn open_bare(path: &Path) -> Result<Store, HistoryError> {
        Repository::open_bare(path)
            .map(Store::from_repository)
            .map_err(|e| HistoryError::Unopenable {
                dir: path.display().to_string(),
                detail: crate::escape::terminal::shown(e.message()).into_owned(),
            })
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
            trees: RefCell::default(),
            repo,
        }
    }

    /// The libgit2 handle, for what reads no object (references, the index, status).
    pub fn git(&self) -> &Repository {
        &self.repo
    }

    /// Whether `id` is a boundary commit of a shallow clone (its parents are absent).
    pub fn is_boundary(&self, id: Oid) -> bool {
        self.shallow.contains(&id)
    }

    /// The boundary commits of a shallow clone, sorted (empty for a full clone).
    pub fn boundaries(&self) -> Vec<Oid> {
        let mut ids: Vec<Oid> = self.shallow.iter().copied().collect();
        ids.sort_unstable();
        ids
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

    /// A tree, read (and checked) by the store itself, never by libgit2.
    pub fn tree(&self, id: Oid) -> Result<Arc<RawTree>, HistoryError> {
        if let Some(tree) = self.trees.borrow().0.get(&id) {
            return Ok(Arc::clone(tree));
        }
        let data = self.read_object(id, ObjectType::Tree, MAX_TREE_SIZE)?;
        let tree = Arc::new(RawTree::parse(data).map_err(|p| broken(id, p))?);
        let mut cache = self.trees.borrow_mut();
        if cache.1.len() >= TREE_CACHE {
            if let Some(old) = cache.1.pop_front() {
                cache.0.remove(&old);
            }
        }
        cache.1.push_back(id);
        cache.0.insert(id, Arc::clone(&tree));
        Ok(tree)
    }

    /// A tree as libgit2's handle, checked first: for libgit2's own diff against the
    /// working tree.
    pub fn git_tree(&self, id: Oid) -> Result<git2::Tree<'_>, HistoryError> {
        self.guard(id)?;
        self.repo
            .find_tree(id)
            .map_err(|e| HistoryError::from_read(id, &e))
    }

    /// The root tree of a commit.
    pub fn commit_tree(&self, commit: Oid) -> Result<Arc<RawTree>, HistoryError> {
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
        self.read_object(id, ObjectType::Blob, limit)
    }

    /// The size blob `id` declares in its header (nothing is inflated but the header; a
    /// loose object is checked whole first, as every object the history reads).
    pub fn blob_size(&self, id: Oid) -> Result<u64, HistoryError> {
        self.guard(id)?;
        let odb = self.repo.odb().map_err(|e| HistoryError::git(&e))?;
        let (size, kind) = odb
            .read_header(id)
            .map_err(|e| HistoryError::from_read(id, &e))?;
        if kind != ObjectType::Blob {
            return Err(broken(id, ObjectProblem::Damaged));
        }
        Ok(size as u64)
    }

    /// The content of object `id`, which must be of `kind`, bounded by `limit` at its
    /// header: a loose object is inflated here (and checked whole), a packed one by
    /// libgit2 (which checks packs itself).
    fn read_object(&self, id: Oid, kind: ObjectType, limit: u64) -> Result<Vec<u8>, HistoryError> {
        if let Some(file) = self.loose_file(id)? {
            let read = loose::inspect(file, Some(limit), true).map_err(|e| match e {
                LooseError::TooLarge { size } => HistoryError::TooLarge { size, limit },
                e => loose_error(id, e),
            })?;
            if object_type(read.kind) != kind {
                return Err(broken(id, ObjectProblem::Damaged));
            }
            self.checked.borrow_mut().insert(id);
            return Ok(read.content.unwrap_or_default());
        }
        let odb = self.repo.odb().map_err(|e| HistoryError::git(&e))?;
        let (size, found) = odb
            .read_header(id)
            .map_err(|e| HistoryError::from_read(id, &e))?;
        if found != kind {
            return Err(broken(id, ObjectProblem::Damaged));
        }
        if size as u64 > limit {
            return Err(HistoryError::TooLarge {
                size: size as u64,
                limit,
            });
        }
        let object = odb.read(id).map_err(|e| HistoryError::from_read(id, &e))?;
        Ok(object.data().to_vec())
    }

    /// The tree at `path` (`/`-separated, `""` for `root` itself) below `root`, looked up
    /// one folder at a time; `None` when the path is absent or not a folder.
    pub fn subtree(
        &self,
        root: &Arc<RawTree>,
        path: &str,
    ) -> Result<Option<Arc<RawTree>>, HistoryError> {
        let mut tree = Arc::clone(root);
        for name in path.split('/').filter(|n| !n.is_empty()) {
            let Some(next) = tree.get(name, true).map(|e| e.id) else {
                return Ok(None);
            };
            tree = self.tree(next)?;
        }
        Ok(Some(tree))
    }

    /// Every file (blob or symbolic link) below `tree`, sorted by path, skipping the
    /// folders `skip` refuses (it gets each folder's name). Submodules and names that are
    /// not UTF-8 are left out. The walk keeps its own stack of folders: a tree thousands
    /// of folders deep (which a hand-made commit can hold) costs memory, not the stack.
    pub fn files(
        &self,
        tree: &RawTree,
        skip: &dyn Fn(&str) -> bool,
    ) -> Result<Vec<TreeFile>, HistoryError> {
        Ok(self
            .files_at_most(tree, skip, usize::MAX)?
            .unwrap_or_default())
    }

    /// [`Store::files`], reading at most `limit` tree entries in all (files, folders,
    /// anything a tree names, in the folders walked): `None` as soon as the walk would
    /// read more, so that a tree of millions of entries costs no more than `limit` of them.
    pub fn files_at_most(
        &self,
        tree: &RawTree,
        skip: &dyn Fn(&str) -> bool,
        limit: usize,
    ) -> Result<Option<Vec<TreeFile>>, HistoryError> {
        self.walk(tree, skip, limit, false)
    }

    /// Every file below `tree` as [`Store::files`] lists them, and every submodule (a
    /// gitlink, [`GITLINK_MODE`], its id the commit it points to): what a folder the site
    /// publishes holds, where a submodule's commit is content too.
    pub fn files_and_gitlinks(&self, tree: &RawTree) -> Result<Vec<TreeFile>, HistoryError> {
        Ok(self
            .walk(tree, &|_| false, usize::MAX, true)?
            .unwrap_or_default())
    }

    fn walk(
        &self,
        tree: &RawTree,
        skip: &dyn Fn(&str) -> bool,
        limit: usize,
        gitlinks: bool,
    ) -> Result<Option<Vec<TreeFile>>, HistoryError> {
        let mut out = Vec::new();
        let mut folders: Vec<(Arc<RawTree>, String)> = Vec::new();
        let mut read = tree.iter().count();
        if read > limit {
            return Ok(None);
        }
        let mut list = List {
            skip,
            gitlinks,
            out: &mut out,
            folders: &mut folders,
        };
        self.list_one(tree, "", &mut list)?;
        while let Some((sub, dir)) = list.folders.pop() {
            read = read.saturating_add(sub.iter().count());
            if read > limit {
                return Ok(None);
            }
            self.list_one(&sub, &dir, &mut list)?;
        }
        out.sort_by(|a, b| a.path.cmp(&b.path));
        Ok(Some(out))
    }

    /// The files of one folder into `list.out`, its subfolders onto `list.folders`.
    fn list_one(&self, tree: &RawTree, dir: &str, list: &mut List<'_>) -> Result<(), HistoryError> {
        for entry in tree.iter() {
            let Some(name) = entry.name_str() else {
                continue;
            };
            let path = format!("{dir}{name}");
            if entry.is_tree() && !(list.skip)(name) {
                list.folders
                    .push((self.tree(entry.id)?, format!("{path}/")));
            } else if entry.is_blob() || (list.gitlinks && entry.is_gitlink()) {
                list.out.push(TreeFile {
                    path,
                    id: entry.id,
                    mode: entry.mode as i32,
                });
            }
        }
        Ok(())
    }

    /// The commit a revision names (see [`super::revision`]). In a shallow clone, a
    /// revision that names nothing may lie beyond the boundary: the error says so.
    pub fn resolve(&self, rev: &str) -> Result<Oid, HistoryError> {
        super::revision::resolve(self, rev).map_err(|e| match e {
            HistoryError::UnknownRevision { rev } => match self.newest_boundary() {
                Some(boundary) => HistoryError::UnknownInShallow {
                    rev,
                    boundary: boundary.to_string(),
                },
                None => HistoryError::UnknownRevision { rev },
            },
            e => e,
        })
    }

    /// The paths (from the repository's root) whose content at the merge `merged` differs
    /// from git's own merge of its parents `ours` and `theirs`: what `git show
    /// --remerge-diff` shows — a side's change undone, a conflict resolved, an edit the
    /// merge made of its own. A merge git makes clean has none. The merge is made on a
    /// second handle whose new objects stay in memory (libgit2's mempack): nothing is
    /// written into `.git`.
    ///
    /// `None` when git cannot merge them here (no merge base, as past a shallow clone's
    /// boundary), or when a file both sides changed holds more than `limit` bytes (git
    /// merges its content whole, in memory): the caller then judges the merge by the
    /// combined rule (the files that differ from every parent).
    pub fn remerge_differences(
        &self,
        (ours, theirs): (Oid, Oid),
        merged: Oid,
        limit: u64,
    ) -> Result<Option<HashSet<String>>, HistoryError> {
        for id in [ours, theirs, merged] {
            self.guard(id)?;
        }
        let read = |e: git2::Error| HistoryError::from_read(merged, &e);
        let repo = Repository::open(self.repo.path()).map_err(read)?;
        repo.odb()
            .and_then(|odb| odb.add_new_mempack_backend(1000).map(drop))
            .map_err(read)?;
        let Ok(base) = repo.merge_base(ours, theirs) else {
            return Ok(None);
        };
        let tree = |id: Oid| repo.find_commit(id).and_then(|c| c.tree()).map_err(read);
        let (base, ours_tree, theirs_tree) = (tree(base)?, tree(ours)?, tree(theirs)?);
        // The files both sides changed, which git merges line by line: within the limit.
        let changed = |to: &git2::Tree<'_>| -> Result<HashMap<PathBuf, Oid>, HistoryError> {
            let diff = repo
                .diff_tree_to_tree(Some(&base), Some(to), None)
                .map_err(read)?;
            // Files only: a submodule's entry names a commit of another repository,
            // which git never merges line by line.
            let file = |mode: git2::FileMode| {
                matches!(
                    mode,
                    git2::FileMode::Blob
                        | git2::FileMode::BlobGroupWritable
                        | git2::FileMode::BlobExecutable
                        | git2::FileMode::Link
                )
            };
            Ok(diff
                .deltas()
                .filter(|d| file(d.new_file().mode()))
                .filter_map(|d| Some((d.new_file().path()?.to_path_buf(), d.new_file().id())))
                .collect())
        };
        let (by_ours, by_theirs) = (changed(&ours_tree)?, changed(&theirs_tree)?);
        for (path, id) in &by_ours {
            let Some(other) = by_theirs.get(path).filter(|other| *other != id) else {
                continue;
            };
            for blob in [*id, *other] {
                if !blob.is_zero()
                    && self.kind(blob)? == ObjectType::Blob
                    && self.blob_size(blob)? > limit
                {
                    return Ok(None);
                }
            }
        }
        let (Ok(a), Ok(b)) = (repo.find_commit(ours), repo.find_commit(theirs)) else {
            return Ok(None);
        };
        let Ok(index) = repo.merge_commits(&a, &b, None) else {
            return Ok(None);
        };
        let mut auto: HashMap<Vec<u8>, Oid> = HashMap::new();
        let mut own: HashSet<Vec<u8>> = HashSet::new();
        for entry in index.iter() {
            // Stages 1 to 3 are the sides of a conflict: the merge resolved it.
            if (entry.flags >> 12) & 0x3 == 0 {
                auto.insert(entry.path, entry.id);
            } else {
                own.insert(entry.path);
            }
        }
        let mut result: HashMap<Vec<u8>, Oid> = HashMap::new();
        tree(merged)?
            .walk(git2::TreeWalkMode::PreOrder, |root, entry| {
                if entry.kind() != Some(ObjectType::Tree) {
                    let mut path = root.as_bytes().to_vec();
                    path.extend_from_slice(entry.name_bytes());
                    result.insert(path, entry.id());
                }
                git2::TreeWalkResult::Ok
            })
            .map_err(read)?;
        for (path, id) in &auto {
            if result.get(path) != Some(id) {
                own.insert(path.clone());
            }
        }
        own.extend(result.into_keys().filter(|p| !auto.contains_key(p)));
        Ok(Some(
            own.into_iter()
                .map(|p| String::from_utf8_lossy(&p).into_owned())
                .collect(),
        ))
    }

    /// The newest boundary commit of a shallow clone (where its history nearest the tip
    /// stops); `None` for a full clone.
    fn newest_boundary(&self) -> Option<Oid> {
        let time = |id: &Oid| self.commit(*id).map(|c| c.time().seconds()).unwrap_or(0);
        self.shallow
            .iter()
            .max_by(|a, b| time(a).cmp(&time(b)).then(b.cmp(a)))
            .copied()
    }
}

/// The repository whose work tree holds `dir`, found as git finds it from a work tree:
/// the nearest folder at or above `dir` holding a `.git` (a folder, or a file naming one)
/// whose work tree contains `dir`. A folder that is itself a git directory is never
/// taken for the repository (git's `safe.bareRepository=explicit`): a `HEAD`, `objects/`
/// and `refs/` committed inside the #CodeSocial folder would otherwise replace the
/// history a pull request is judged by with one of its own. The one way every command
/// (`diff`, `log`, `bilan`, `build`, `serve`, `check`'s paths, the ecosystem's folder
/// sources) finds a repository; [`HistoryError::NotARepository`] naming `dir` otherwise.
pub fn discover_repository(dir: &Path) -> Result<Repository, HistoryError> {
    let not_found = || HistoryError::NotARepository {
        dir: dir.display().to_string(),
    };
    let abs = dir.canonicalize().map_err(|_| not_found())?;
    let flags = RepositoryOpenFlags::NO_SEARCH | RepositoryOpenFlags::NO_DOTGIT;
    for folder in abs.ancestors() {
        let dotgit = folder.join(".git");
        if std::fs::symlink_metadata(&dotgit).is_err() {
            continue;
        }
        let Ok(repo) = Repository::open_ext(&dotgit, flags, std::iter::empty::<&OsStr>()) else {
            continue;
        };
        let work = repo.workdir().and_then(|w| w.canonicalize().ok());
        if work.is_some_and(|w| abs.starts_with(w)) {
            return Ok(repo);
        }
    }
    Err(not_found())
}

/// Whether `dir` holds what makes a folder a git directory, as git recognises one: a
/// `HEAD` with `objects/` and `refs/` beside it or in the folder its `commondir` file
/// names (a linked worktree's layout), or a `.git` file (`gitdir: <path>`) naming a
/// folder inside `dir` — a real worktree's or submodule's lies outside its work tree.
/// Never opened as a repository ([`discover_repository`]), and warned about by `check`.
pub fn looks_like_a_git_directory(dir: &Path) -> bool {
    is_git_directory(dir) || dotgit_points_inside(dir)
}

/// `HEAD`, and `objects/` and `refs/` in `dir` or in the folder `dir/commondir` names.
fn is_git_directory(dir: &Path) -> bool {
    let common = std::fs::read_to_string(dir.join("commondir"))
        .ok()
        .map(|path| dir.join(path.trim()));
    let has = |name: &str| {
        dir.join(name).is_dir() || common.as_ref().is_some_and(|c| c.join(name).is_dir())
    };
    dir.join("HEAD").is_file() && has("objects") && has("refs")
}

/// A `dir/.git` file whose `gitdir:` names a folder inside `dir`.
fn dotgit_points_inside(dir: &Path) -> bool {
    let Ok(text) = std::fs::read_to_string(dir.join(".git")) else {
        return false;
    };
    let Some(target) = text.trim().strip_prefix("gitdir:") else {
        return false;
    };
    let (Ok(target), Ok(dir)) = (dir.join(target.trim()).canonicalize(), dir.canonicalize()) else {
        return false;
    };
    target.starts_with(dir)
}

fn object_type(kind: LooseKind) -> ObjectType {
    match kind {
        LooseKind::Commit => ObjectType::Commit,
        LooseKind::Tree => ObjectType::Tree,
        LooseKind::Blob => ObjectType::Blob,
        LooseKind::Tag => ObjectType::Tag,
    }
}

fn broken(id: Oid, problem: ObjectProblem) -> HistoryError {
    HistoryError::BrokenObject {
        what: id.to_string(),
        problem,
    }
}

/// A loose object refused without a size limit: only damage can be the reason.
fn loose_error(id: Oid, e: LooseError) -> HistoryError {
    match e {
        LooseError::TooLarge { .. } => broken(id, ObjectProblem::Damaged),
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

#[cfg(test)]
mod tests {
    use super::looks_like_a_git_directory;
    use std::path::Path;

    fn layout(files: &[(&str, &str)], dirs: &[&str]) -> tempfile::TempDir {
        let tmp = tempfile::tempdir().expect("tempdir");
        for dir in dirs {
            std::fs::create_dir_all(tmp.path().join(dir)).expect("folder");
        }
        for (path, text) in files {
            std::fs::write(tmp.path().join(path), text).expect("file");
        }
        tmp
    }

    fn looks(files: &[(&str, &str)], dirs: &[&str]) -> bool {
        let tmp = layout(files, dirs);
        looks_like_a_git_directory(&tmp.path().join("cs"))
    }

    /// Every layout git takes for a git directory is recognised — bare, a linked
    /// worktree's `commondir`, a `.git` file naming a folder inside — and a real
    /// worktree's `.git` (naming a folder outside) or a half layout is not.
    #[test]
    fn every_git_directory_layout_is_recognised() {
        let head = ("cs/HEAD", "ref: refs/heads/main\n");
        assert!(looks(&[head], &["cs/objects", "cs/refs"]));
        assert!(looks(
            &[head, ("cs/commondir", "sub\n")],
            &["cs/sub/objects", "cs/sub/refs"]
        ));
        assert!(looks(
            &[head, ("cs/commondir", "sub\n")],
            &["cs/objects", "cs/sub/refs"]
        ));
        assert!(looks(
            &[("cs/.git", "gitdir: evil\n")],
            &["cs/evil/objects", "cs/evil/refs"]
        ));
        assert!(looks(
            &[("cs/.git", "gitdir: ./evil/../evil2")],
            &["cs/evil", "cs/evil2"]
        ));
        assert!(!looks(
            &[("cs/.git", "gitdir: ../main.git/worktrees/cs\n")],
            &["cs", "main.git/worktrees/cs"]
        ));
        assert!(!looks(&[("cs/.git", "gitdir: nowhere\n")], &["cs"]));
        assert!(!looks(&[head, ("cs/commondir", "missing\n")], &["cs/refs"]));
        assert!(!looks(&[head], &["cs/objects"]));
        assert!(!looks(&[], &["cs/objects", "cs/refs"]));
        assert!(!looks_like_a_git_directory(Path::new("/nonexistent/cs")));
    }
}
