//! Files at a point of history, for the loader: the paths a tree diff names, read from a
//! commit's blobs or from the working tree, held in memory behind the `FileSource` seam
//! (libgit2 handles are not shareable across the loader's threads; bytes are).

use std::collections::{BTreeMap, HashMap};

use std::sync::Arc;

use git2::{DiffOptions, Oid};

use super::error::{HistoryError, Overflow};
use super::store::SYMLINK_MODE;
use super::tree::{RawTree, TreeItem};
use super::{GitRepo, Side};
use crate::error::Result;
use crate::load::source::{
    max_file_size, max_total_size, DirSource, Entry, EntryKind, FileSource, ReadProblem,
    SKIPPED_DIRS,
};
use crate::load::Loaded;

/// The most documents one commit's #CodeSocial folder may hold for the history to read
/// it (a change, or a whole commit for a root): 20,000, four times the largest catalogue
/// the benchmarks load. A hand-made tree can name one blob under 200,000 paths in a 1 MB
/// repository; past this bound the commit is refused, never judged as if empty
/// ([`HistoryError::CommitTooLarge`]). Files that are not documents (by their name's
/// extension) are neither counted nor kept.
pub const MAX_COMMIT_DOCUMENTS: usize = 20_000;

/// Files already read, by path relative to the #CodeSocial folder.
#[derive(Debug, Default)]
pub struct MemSource {
    files: BTreeMap<String, (EntryKind, Result<Vec<u8>, ReadProblem>)>,
    name: String,
}

impl FileSource for MemSource {
    fn list(&self) -> Result<Vec<Entry>> {
        Ok(self.entries())
    }

    fn read(&self, path: &str) -> std::result::Result<Vec<u8>, ReadProblem> {
        match self.files.get(path) {
            Some((_, content)) => content.clone(),
            None => Err(ReadProblem::Io(format!("{path}: not in {}", self.name))),
        }
    }

    fn describe(&self) -> String {
        self.name.clone()
    }
}

impl MemSource {
    fn entries(&self) -> Vec<Entry> {
        self.files
            .iter()
            .map(|(path, (kind, _))| Entry {
                path: path.clone(),
                kind: *kind,
            })
            .collect()
    }
}

/// One file a tree diff names: its path before and after the change, and its blob (id
/// and file mode) on each side where git has it (not for the working tree).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ChangedFile {
    pub old: Option<String>,
    pub new: Option<String>,
    pub old_blob: Option<(Oid, i32)>,
    pub new_blob: Option<(Oid, i32)>,
}

/// A name that is not UTF-8 that a tree diff met where it would have read: its path with
/// each byte that is not UTF-8 written `\xNN` (a folder's ends with `/`), and whether it
/// is on the newer side. It cannot be read (its lossy name would name another file), so
/// it is reported rather than skipped: `diff` names it, `diff --enforce` cannot judge it.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct NotUtf8Name {
    pub path: String,
    pub in_new: bool,
}

/// Two folders still to compare (either may be absent) and their path with its `/`.
type FolderPair = (Option<Arc<RawTree>>, Option<Arc<RawTree>>, String);

/// The path a changed file is ordered by: git's order of a recursive tree diff.
fn changed_path(file: &ChangedFile) -> &str {
    file.new
        .as_deref()
        .or(file.old.as_deref())
        .unwrap_or_default()
}

/// Whether a file name may be a document or a misplaced one the loader reports: `.md`,
/// `.yaml`, `.yml`, and the names `check` takes for a document once renamed (the
/// extension's case, `.markdown`, `.txt`… see [`crate::load::classify`]); the history reads
/// nothing else. A name of the second kind is a document only where [`is_document_path`]
/// says.
pub fn is_document_name(name: &str) -> bool {
    [".md", ".yaml", ".yml"]
        .iter()
        .any(|ext| name.ends_with(ext))
        || crate::load::misnamed_extension(name)
}

/// Whether the file at `path` (relative to the folder) is read as `check` reads it: a
/// `.md`, `.yaml` or `.yml` file, or one `check` takes for a document once renamed
/// (`principes/<plan>/<id>.MD`) — so that `diff --enforce` judges what `check` sees.
pub fn is_document_path(path: &str) -> bool {
    let name = path.rsplit('/').next().unwrap_or(path);
    [".md", ".yaml", ".yml"]
        .iter()
        .any(|ext| name.ends_with(ext))
        || matches!(crate::load::classify(path), crate::load::Place::Doc { .. })
}

/// Whether a path (relative to the folder) is content, by the rules `DirSource` follows.
fn is_content(path: &str) -> bool {
    let mut parts: Vec<&str> = path.split('/').collect();
    let Some(file) = parts.pop() else {
        return false;
    };
    if parts.is_empty() && file.starts_with('.') {
        return false;
    }
    !parts
        .iter()
        .any(|d| d.starts_with('.') || SKIPPED_DIRS.contains(d))
}

impl GitRepo {
    /// The content files that differ between two sides, each with its path before and
    /// after (`None` where it does not exist): one tree diff, nothing read.
    /// With them, the names that are not UTF-8 the tree diff met (between commits; the
    /// working tree's are `check`'s to report).
    pub fn changed_files_noting(
        &self,
        old: Option<Oid>,
        new: Side,
    ) -> Result<(Vec<ChangedFile>, Vec<NotUtf8Name>)> {
        if let Side::Commit(new) = new {
            return self.changed_between_noting(old, new, &|_, _| true);
        }
        if let Some(folder) = old.map(|o| self.folder_tree(o)).transpose()?.flatten() {
            // libgit2's diff reads every folder below the #CodeSocial folder on its own:
            // check them first.
            self.store.files(&folder, &|_| false)?;
        }
        let old_tree = old
            .map(|o| self.store.commit(o).map(|c| c.tree_id()))
            .transpose()?
            .map(|id| self.store.git_tree(id))
            .transpose()?;
        let mut opts = DiffOptions::new();
        opts.skip_binary_check(true).ignore_submodules(true);
        if !self.prefix.is_empty() {
            opts.pathspec(self.prefix.trim_end_matches('/'));
        }
        opts.include_untracked(true).recurse_untracked_dirs(true);
        let diff = self
            .store
            .git()
            .diff_tree_to_workdir_with_index(old_tree.as_ref(), Some(&mut opts))
            .map_err(|e| HistoryError::git(&e))?;
        let content = |file: git2::DiffFile<'_>| {
            let path = file.path()?.to_string_lossy().replace('\\', "/");
            let rel = path.strip_prefix(&self.prefix)?;
            is_content(rel).then(|| rel.to_string())
        };
        let mut out = Vec::new();
        for delta in diff.deltas() {
            use git2::Delta;
            let (had, has) = match delta.status() {
                Delta::Added | Delta::Untracked => (false, true),
                Delta::Deleted => (true, false),
                _ => (true, true),
            };
            let blob = |file: git2::DiffFile<'_>| {
                let mode = i32::try_from(u32::from(file.mode())).unwrap_or(0);
                (!file.id().is_zero()).then(|| (file.id(), mode))
            };
            let change = ChangedFile {
                old: if had { content(delta.old_file()) } else { None },
                new: if has { content(delta.new_file()) } else { None },
                old_blob: if had { blob(delta.old_file()) } else { None },
                new_blob: None,
            };
            if change.old.is_some() || change.new.is_some() {
                out.push(change);
            }
        }
        Ok((out, Vec::new()))
    }

    /// The content files that differ between two commits and that `want` accepts (it
    /// gets each path, relative to the folder, and whether it is a folder: a refused
    /// folder is not read). As `git diff-tree`, identical folders are skipped without
    /// being read (libgit2's own tree diff reads every folder of both sides).
    pub fn changed_between(
        &self,
        old: Option<Oid>,
        new: Oid,
        want: &dyn Fn(&str, bool) -> bool,
    ) -> Result<Vec<ChangedFile>> {
        Ok(self.changed_between_noting(old, new, want)?.0)
    }

    /// [`GitRepo::changed_between`], and the names that are not UTF-8 it met where it
    /// would have read: a folder that differs, or a file that `want` and the content rules
    /// would take (a document's extension, or any file of `static/` and `templates/`).
    pub fn changed_between_noting(
        &self,
        old: Option<Oid>,
        new: Oid,
        want: &dyn Fn(&str, bool) -> bool,
    ) -> Result<(Vec<ChangedFile>, Vec<NotUtf8Name>)> {
        let old_tree = old.map(|o| self.folder_tree(o)).transpose()?.flatten();
        let new_tree = self.folder_tree(new)?;
        let mut out = Vec::new();
        let mut odd = Vec::new();
        let pair = (old_tree.as_deref(), new_tree.as_deref());
        self.compare_trees(pair, want, (&mut out, &mut odd))
            .map_err(|e| match e {
                HistoryError::CommitTooLarge { overflow, .. } => HistoryError::CommitTooLarge {
                    commit: new.to_string(),
                    overflow,
                },
                e => e,
            })?;
        Ok((out, odd))
    }

    /// The tree of the #CodeSocial folder at a commit; `None` when the folder is absent.
    pub(super) fn folder_tree(&self, commit: Oid) -> Result<Option<Arc<RawTree>>> {
        let root = self.tree(commit)?;
        Ok(self.store.subtree(&root, &self.prefix)?)
    }

    /// Appends the content files that differ between two trees (either may be absent),
    /// descending only into folders whose ids differ. The folders still to compare are
    /// kept on a stack of our own: a tree thousands of folders deep costs memory, not the
    /// call stack.
    fn compare_trees(
        &self,
        pair: (Option<&RawTree>, Option<&RawTree>),
        want: &dyn Fn(&str, bool) -> bool,
        (out, odd): (&mut Vec<ChangedFile>, &mut Vec<NotUtf8Name>),
    ) -> Result<(), HistoryError> {
        let mut folders: Vec<FolderPair> = Vec::new();
        let mut found = Found { out, odd };
        self.compare_one(pair, "", want, &mut found, &mut folders)?;
        while let Some((old, new, dir)) = folders.pop() {
            let pair = (old.as_deref(), new.as_deref());
            self.compare_one(pair, &dir, want, &mut found, &mut folders)?;
        }
        found
            .out
            .sort_by(|a, b| changed_path(a).cmp(changed_path(b)));
        found.odd.sort_by(|a, b| a.path.cmp(&b.path));
        Ok(())
    }

    /// Compares the entries of one pair of folders: a content file that differs goes to
    /// `out`, a subfolder that differs onto `folders`.
    fn compare_one(
        &self,
        (old, new): (Option<&RawTree>, Option<&RawTree>),
        dir: &str,
        want: &dyn Fn(&str, bool) -> bool,
        out: &mut Found<'_>,
        folders: &mut Vec<FolderPair>,
    ) -> Result<(), HistoryError> {
        let mut a = old.into_iter().flat_map(|t| t.iter()).peekable();
        let mut b = new.into_iter().flat_map(|t| t.iter()).peekable();
        loop {
            let (x, y) = match (a.peek(), b.peek()) {
                (None, None) => break,
                (Some(x), Some(y)) => match x.git_order(y) {
                    std::cmp::Ordering::Less => (a.next(), None),
                    std::cmp::Ordering::Greater => (None, b.next()),
                    std::cmp::Ordering::Equal => (a.next(), b.next()),
                },
                (Some(_), None) => (a.next(), None),
                (None, Some(_)) => (None, b.next()),
            };
            if let (Some(x), Some(y)) = (x, y) {
                if x.id == y.id && x.mode == y.mode {
                    continue;
                }
            }
            self.compare_entries((x, y), dir, want, out, folders)?;
        }
        Ok(())
    }

    /// One name that differs between two trees: a folder is queued to be compared in
    /// turn (unless it is skipped or unwanted), a content file is named.
    fn compare_entries(
        &self,
        (x, y): (Option<TreeItem<'_>>, Option<TreeItem<'_>>),
        dir: &str,
        want: &dyn Fn(&str, bool) -> bool,
        found: &mut Found<'_>,
        folders: &mut Vec<FolderPair>,
    ) -> Result<(), HistoryError> {
        let Some(entry) = x.or(y) else {
            return Ok(());
        };
        let Some(name) = entry.name_str() else {
            not_utf8((x, y), dir, want, found.odd);
            return Ok(());
        };
        let out = &mut *found.out;
        // Not a document: skipped before anything is allocated for it.
        if !entry.is_tree() && !is_document_name(name) {
            return Ok(());
        }
        let path = format!("{dir}{name}");
        if entry.is_tree() {
            if name.starts_with('.') || SKIPPED_DIRS.contains(&name) || !want(&path, true) {
                return Ok(());
            }
            let find = |e: Option<TreeItem<'_>>| e.map(|e| self.store.tree(e.id)).transpose();
            folders.push((find(x)?, find(y)?, format!("{path}/")));
            return Ok(());
        }
        if entry.is_blob() && is_content(&path) && is_document_path(&path) && want(&path, false) {
            if out.len() == MAX_COMMIT_DOCUMENTS {
                return Err(HistoryError::CommitTooLarge {
                    commit: String::new(),
                    overflow: Overflow::Documents {
                        limit: MAX_COMMIT_DOCUMENTS,
                    },
                });
            }
            out.push(ChangedFile {
                old: x.map(|_| path.clone()),
                new: y.map(|_| path.clone()),
                old_blob: x.map(|e| (e.id, e.mode as i32)),
                new_blob: y.map(|e| (e.id, e.mode as i32)),
            });
        }
        Ok(())
    }

    fn tree(&self, oid: Oid) -> Result<Arc<RawTree>> {
        Ok(self.store.commit_tree(oid)?)
    }
}

/// Where a tree diff puts what it finds.
struct Found<'a> {
    out: &'a mut Vec<ChangedFile>,
    odd: &'a mut Vec<NotUtf8Name>,
}

/// A name that is not UTF-8, met by a tree diff on one side or both: noted when the diff
/// would have read there (a folder it would enter, a file it would read, any file of the
/// site's folders), never skipped in silence. On both sides, it is named once, as on the
/// newer side.
fn not_utf8(
    (x, y): (Option<TreeItem<'_>>, Option<TreeItem<'_>>),
    dir: &str,
    want: &dyn Fn(&str, bool) -> bool,
    odd: &mut Vec<NotUtf8Name>,
) {
    let Some(entry) = y.or(x) else {
        return;
    };
    let name = crate::load::source::escaped_bytes(entry.name);
    let path = format!("{dir}{name}");
    let noted = if entry.is_tree() {
        !name.starts_with('.') && want(&path, true)
    } else {
        let in_site = crate::load::SITE_FOLDERS
            .iter()
            .any(|site| path.strip_prefix(site).is_some_and(|r| r.starts_with('/')));
        entry.is_blob()
            && is_content(&path)
            && (in_site || is_document_name(&name) && want(&path, false))
    };
    if noted {
        let slash = if entry.is_tree() { "/" } else { "" };
        odd.push(NotUtf8Name {
            path: format!("{path}{slash}"),
            in_new: y.is_some(),
        });
    }
}

impl GitRepo {
    /// Loads the files a tree diff named as they were before the change, by their blob
    /// ids: no tree is read again (libgit2 does not cache large trees).
    pub fn load_before(&self, old: Oid, files: &[ChangedFile]) -> Result<Loaded> {
        let blobs = files
            .iter()
            .filter_map(|f| Some((f.old.as_ref()?, f.old_blob?)));
        self.load_blobs(old.to_string(), blobs)
    }

    /// Loads the files a tree diff named as they are after the change: by their blob ids
    /// at a commit, from disk for the working tree.
    pub fn load_after(&self, new: Side, files: &[ChangedFile]) -> Result<Loaded> {
        match new {
            Side::WorkTree => {
                let paths: Vec<String> = files.iter().filter_map(|f| f.new.clone()).collect();
                self.load_paths(new, &paths)
            }
            Side::Commit(oid) => {
                let blobs = files
                    .iter()
                    .filter_map(|f| Some((f.new.as_ref()?, f.new_blob?)));
                self.load_blobs(oid.to_string(), blobs)
            }
        }
    }

    fn load_blobs<'f>(
        &self,
        name: String,
        blobs: impl Iterator<Item = (&'f String, (Oid, i32))>,
    ) -> Result<Loaded> {
        let (limit, mut spent) = (max_total_size(), 0_u64);
        let mut source = MemSource {
            name,
            ..MemSource::default()
        };
        for (path, (id, mode)) in blobs {
            // Files and symbolic links only: a submodule's entry is a commit, not a blob.
            let kind = mode & 0o170000;
            if kind != 0o100000 && kind != 0o120000 {
                continue;
            }
            let full = format!("{}{path}", self.prefix);
            if kind == 0o100000 {
                // Every path counts, from the header, before it is read: one blob named
                // under many paths is read (and parsed) once per path.
                // A blob over the file limit is not read: it counts for nothing.
                let size = self.store.blob_size(id).map_err(|e| e.at(&full))?;
                if size <= max_file_size() {
                    spent = spent.saturating_add(size);
                }
                if spent > limit {
                    return Err(HistoryError::CommitTooLarge {
                        commit: source.name,
                        overflow: Overflow::Bytes { limit },
                    }
                    .into());
                }
            }
            source
                .files
                .insert(path.clone(), self.blob(&full, id, mode)?);
        }
        Ok(crate::load::load_entries(&source, &source.entries()))
    }

    /// The principles of `commit` named `id` in any plan (`principes/<plan>/<id>.md`), as
    /// paths relative to the folder: what a file added under another plan with the same
    /// id would shadow. Reads the `principes/` folder's tree and each plan's, no blob.
    pub fn principles_named(&self, commit: Oid, id: &str) -> Result<Vec<String>> {
        let root = self.tree(commit)?;
        let Some(principes) = self.subtree(&root, "principes")? else {
            return Ok(Vec::new());
        };
        let file = format!("{id}.md");
        let mut found = Vec::new();
        for plan in principes.iter().filter(|e| e.is_tree()) {
            let Some(name) = plan.name_str() else {
                continue;
            };
            let Some(tree) = self.subtree(&root, &format!("principes/{name}"))? else {
                continue;
            };
            if tree.get(&file, false).is_some_and(|e| e.is_blob()) {
                found.push(format!("principes/{name}/{file}"));
            }
        }
        Ok(found)
    }

    /// Loads the given paths as they are on one side; absent ones are skipped.
    pub fn load_paths(&self, side: Side, paths: &[String]) -> Result<Loaded> {
        let source = match side {
            Side::Commit(oid) => self.read_commit(oid, paths)?,
            Side::WorkTree => self.read_workdir(paths),
        };
        Ok(crate::load::load_entries(&source, &source.entries()))
    }

    /// Each folder's tree is looked up once: libgit2 does not cache large trees, and
    /// re-reading a 5,000-entry `catalogue/` tree per path made history quadratic.
    fn read_commit(&self, oid: Oid, paths: &[String]) -> Result<MemSource> {
        let root = self.tree(oid)?;
        let mut folders: HashMap<&str, Option<Arc<RawTree>>> = HashMap::new();
        let mut source = MemSource {
            name: oid.to_string(),
            ..MemSource::default()
        };
        for path in paths {
            let (folder, name) = path.rsplit_once('/').unwrap_or(("", path));
            if !folders.contains_key(folder) {
                folders.insert(folder, self.subtree(&root, folder)?);
            }
            let tree = &folders[folder];
            let Some(entry) = tree.as_ref().and_then(|t| t.get(name, false)) else {
                continue;
            };
            if !entry.is_blob() {
                continue;
            }
            let full = format!("{}{path}", self.prefix);
            let blob = self.blob(&full, entry.id, entry.mode as i32)?;
            source.files.insert(path.clone(), blob);
        }
        Ok(source)
    }

    /// The tree of `folder` (relative to the #CodeSocial folder) under `root`, if any.
    fn subtree(&self, root: &Arc<RawTree>, folder: &str) -> Result<Option<Arc<RawTree>>> {
        let full = format!("{}{folder}", self.prefix);
        Ok(self.store.subtree(root, &full)?)
    }

    /// A file of the history, bounded by [`max_file_size`] at its header. A missing or
    /// damaged object is a git error (exit 2), not a content problem: the history itself
    /// is broken.
    fn blob(
        &self,
        path: &str,
        id: Oid,
        mode: i32,
    ) -> Result<(EntryKind, Result<Vec<u8>, ReadProblem>)> {
        if mode == SYMLINK_MODE {
            return Ok((EntryKind::Symlink, Ok(Vec::new())));
        }
        match self.store.read_blob(id, max_file_size()) {
            Ok(bytes) => Ok((EntryKind::File, Ok(bytes))),
            Err(HistoryError::TooLarge { size, limit }) => {
                Ok((EntryKind::File, Err(ReadProblem::TooLarge { size, limit })))
            }
            Err(e) => Err(e.at(path).into()),
        }
    }

    fn read_workdir(&self, paths: &[String]) -> MemSource {
        let disk = DirSource::new(&self.dir);
        let mut source = MemSource {
            name: crate::i18n::DiffText::WorkingTree.text(),
            ..MemSource::default()
        };
        for path in paths {
            let Ok(meta) = std::fs::symlink_metadata(self.dir.join(path)) else {
                continue;
            };
            let value = if meta.file_type().is_symlink() {
                (EntryKind::Symlink, Ok(Vec::new()))
            } else if meta.is_file() {
                (EntryKind::File, disk.read(path))
            } else {
                continue;
            };
            source.files.insert(path.clone(), value);
        }
        source
    }
}

/// The entries of the #CodeSocial folder's tree whose names are a site folder in some
/// spelling ([`crate::load::site_folder`]), with their names.
fn site_entries(folder: &RawTree) -> impl Iterator<Item = (&str, TreeItem<'_>)> {
    folder.iter().filter_map(|e| {
        let name = std::str::from_utf8(e.name).ok()?;
        crate::load::site_folder(name).map(|_| (name, e))
    })
}

impl GitRepo {
    /// The files of the site's own folders (`static/`, `templates/`) that differ between a
    /// commit and another side, sorted by path. They are no documents, so
    /// [`GitRepo::changed_files`] leaves them out; `diff` names them, since a file of
    /// `static/` can replace a generated page. Names that are not UTF-8 are left out of
    /// a commit's side, shown lossily on the working tree's.
    pub fn site_files_changed(&self, old: Oid, new: Side) -> Result<Vec<crate::diff::SiteFile>> {
        use crate::diff::{ChangeKind, SiteFile};
        let Side::Commit(new) = new else {
            return self.site_files_in_work_tree(old);
        };
        let (before, after) = (self.site_blobs(old)?, self.site_blobs(new)?);
        let mut out = Vec::new();
        for (path, blob) in &before {
            match after.get(path) {
                None => out.push(SiteFile {
                    path: path.clone(),
                    change: ChangeKind::Removed,
                }),
                Some(now) if now != blob => out.push(SiteFile {
                    path: path.clone(),
                    change: ChangeKind::Modified,
                }),
                Some(_) => {}
            }
        }
        for path in after.keys().filter(|p| !before.contains_key(*p)) {
            out.push(SiteFile {
                path: path.clone(),
                change: ChangeKind::Added,
            });
        }
        out.sort_by(|a, b| a.path.cmp(&b.path));
        Ok(out)
    }

    /// [`GitRepo::site_files_changed`] between two commits, the older one possibly
    /// absent (a root commit, against the empty tree). Folders whose ids are the same on
    /// both sides are not read: a commit that leaves `static/` and `templates/` alone
    /// costs two tree lookups.
    pub fn site_files_between(
        &self,
        old: Option<Oid>,
        new: Oid,
    ) -> Result<Vec<crate::diff::SiteFile>> {
        let ids = |commit: Option<Oid>| -> Result<Vec<(String, Oid, u32)>> {
            let folder = commit.map(|c| self.folder_tree(c)).transpose()?.flatten();
            Ok(folder
                .iter()
                .flat_map(|f| site_entries(f))
                .map(|(name, e)| (name.to_string(), e.id, e.mode))
                .collect())
        };
        if ids(old)? == ids(Some(new))? {
            return Ok(Vec::new());
        }
        match old {
            Some(old) => self.site_files_changed(old, Side::Commit(new)),
            None => Ok(self
                .site_blobs(new)?
                .into_keys()
                .map(|path| crate::diff::SiteFile {
                    path,
                    change: crate::diff::ChangeKind::Added,
                })
                .collect()),
        }
    }

    /// The paths of every principle file at a commit (`principes/<plan>/<name>`, names
    /// `check` reads as documents), relative to the folder; reads trees, no blob.
    pub fn principle_paths(&self, commit: Oid) -> Result<Vec<String>> {
        let Some(folder) = self.folder_tree(commit)? else {
            return Ok(Vec::new());
        };
        let Some(principes) = self.store.subtree(&folder, "principes")? else {
            return Ok(Vec::new());
        };
        let mut out = Vec::new();
        for plan in principes.iter().filter(|e| e.is_tree()) {
            let Some(name) = plan.name_str() else {
                continue;
            };
            let tree = self.store.tree(plan.id)?;
            for file in tree.iter().filter(|e| e.is_blob()) {
                let Some(file) = file.name_str() else {
                    continue;
                };
                let path = format!("principes/{name}/{file}");
                if is_document_path(&path) {
                    out.push(path);
                }
            }
        }
        Ok(out)
    }

    /// Every file of the site's folders at a commit, by its path from the #CodeSocial
    /// folder: its blob id and mode. A submodule (gitlink) is one of them, its id the
    /// commit it points to: adding, moving or repointing it changes what `build` publishes
    /// from a checkout with submodules. The site's folders are those of every spelling
    /// that a file system ignoring case opens as them (`Static/`, `ſtatic/`:
    /// [`crate::load::site_folder`]); an entry of such a name that is no folder (a file, a
    /// link, a submodule named `static`) is a site file itself.
    fn site_blobs(&self, commit: Oid) -> Result<BTreeMap<String, (Oid, i32)>> {
        let mut out = BTreeMap::new();
        let Some(folder) = self.folder_tree(commit)? else {
            return Ok(out);
        };
        for (name, entry) in site_entries(&folder) {
            if !entry.is_tree() {
                out.insert(name.to_string(), (entry.id, entry.mode as i32));
                continue;
            }
            let tree = self.store.tree(entry.id)?;
            for file in self.store.files_and_gitlinks(&tree)? {
                out.insert(format!("{name}/{}", file.path), (file.id, file.mode));
            }
        }
        Ok(out)
    }

    /// [`GitRepo::site_files_changed`] from a commit to the working tree (untracked files
    /// included, ignored ones not, as for documents).
    fn site_files_in_work_tree(&self, old: Oid) -> Result<Vec<crate::diff::SiteFile>> {
        use crate::diff::{ChangeKind, SiteFile};
        let tree = self.store.git_tree(self.store.commit(old)?.tree_id())?;
        let mut opts = DiffOptions::new();
        opts.skip_binary_check(true).ignore_submodules(true);
        opts.include_untracked(true).recurse_untracked_dirs(true);
        // Every spelling of a site folder, in the commit or on disk (`Static/`).
        let mut names: std::collections::BTreeSet<String> = crate::load::SITE_FOLDERS
            .iter()
            .map(|s| (*s).to_string())
            .collect();
        if let Some(folder) = self.folder_tree(old)? {
            names.extend(site_entries(&folder).map(|(name, _)| name.to_string()));
        }
        if let Ok(entries) = std::fs::read_dir(&self.dir) {
            names.extend(entries.flatten().filter_map(|e| {
                let name = e.file_name().into_string().ok()?;
                crate::load::site_folder(&name).map(|_| name)
            }));
        }
        for site in &names {
            opts.pathspec(format!("{}{site}", self.prefix));
        }
        let diff = self
            .store
            .git()
            .diff_tree_to_workdir_with_index(Some(&tree), Some(&mut opts))
            .map_err(|e| HistoryError::git(&e))?;
        let mut out = Vec::new();
        for delta in diff.deltas() {
            use git2::Delta;
            let change = match delta.status() {
                Delta::Added | Delta::Untracked => ChangeKind::Added,
                Delta::Deleted => ChangeKind::Removed,
                Delta::Unmodified | Delta::Ignored => continue,
                _ => ChangeKind::Modified,
            };
            let file = delta.new_file().path().or(delta.old_file().path());
            let Some(path) = file.map(|p| p.to_string_lossy().replace('\\', "/")) else {
                continue;
            };
            let Some(rel) = path.strip_prefix(&self.prefix) else {
                continue;
            };
            if !crate::load::is_site_path(rel) {
                continue;
            }
            out.push(SiteFile {
                path: rel.to_string(),
                change,
            });
        }
        out.sort_by(|a, b| a.path.cmp(&b.path));
        Ok(out)
    }
}

#[cfg(test)]
mod tests {
    use super::is_content;
    use crate::history::{GitRepo, Side};
    use std::collections::BTreeSet;
    use std::path::Path;

    fn git(dir: &Path, args: &[&str]) {
        let ok = std::process::Command::new("git")
            .current_dir(dir)
            .args(args)
            .env("GIT_CONFIG_NOSYSTEM", "1")
            .env("HOME", dir)
            .output()
            .expect("git")
            .status
            .success();
        assert!(ok, "git {args:?}");
    }

    fn write(root: &Path, path: &str, text: &str) {
        let path = root.join(path);
        std::fs::create_dir_all(path.parent().expect("parent")).expect("folder");
        std::fs::write(path, text).expect("file");
    }

    /// The own tree comparison names exactly the files libgit2's tree diff names, with the
    /// same blobs, through renames of folders, a file becoming a folder, names that sort
    /// differently as files and as folders (`a-b` and `a/`), ignored folders and a
    /// #CodeSocial folder inside a larger repository.
    #[test]
    fn tree_comparison_agrees_with_libgit2() {
        let tmp = tempfile::tempdir().expect("tempdir");
        let root = tmp.path();
        git(root, &["init", "-q", "-b", "main"]);
        git(root, &["config", "user.name", "T"]);
        git(root, &["config", "user.email", "t@example.org"]);
        let steps: &[&[(&str, Option<&str>)]] = &[
            &[
                ("cs/codesocial.yaml", Some("a")),
                ("cs/principes/p/a.md", Some("1")),
                ("cs/principes/p/b.md", Some("2")),
                ("cs/catalogue/a-b.md", Some("x")),
                ("cs/catalogue/z.md", Some("z")),
                ("cs/.cache/x.md", Some("n")),
                ("outside.md", Some("o")),
            ],
            &[
                ("cs/principes/p/a.md", Some("1bis")),
                ("cs/catalogue/a/inner.md", Some("dir now")),
                ("cs/catalogue/z.md", None),
                ("cs/.cache/x.md", Some("changed")),
                ("outside.md", Some("changed")),
            ],
            &[
                ("cs/principes/p/b.md", None),
                ("cs/principes/q/b.md", Some("2")),
                ("cs/catalogue/a-b.md", None),
                ("cs/catalogue/a-b/deep.md", Some("file became a folder")),
            ],
        ];
        let mut commits = Vec::new();
        for step in steps {
            for (path, text) in *step {
                match text {
                    Some(t) => write(root, path, t),
                    None => std::fs::remove_file(root.join(path)).expect("rm"),
                }
            }
            git(root, &["add", "-A"]);
            git(root, &["commit", "-qm", "step"]);
            let repo = git2::Repository::open(root).expect("repo");
            commits.push(repo.head().expect("head").peel_to_commit().expect("c").id());
        }
        let cs = GitRepo::open(&root.join("cs")).expect("open");
        let lib = git2::Repository::open(root).expect("repo");
        let mut pairs: Vec<(Option<git2::Oid>, git2::Oid)> = vec![(None, commits[0])];
        pairs.extend(commits.windows(2).map(|w| (Some(w[0]), w[1])));
        pairs.push((Some(commits[0]), commits[2]));
        pairs.push((Some(commits[2]), commits[0]));
        for (old, new) in pairs {
            let ours: BTreeSet<_> = cs
                .changed_files_noting(old, Side::Commit(new))
                .map(|(files, _)| files)
                .expect("changed")
                .into_iter()
                .map(|f| {
                    (
                        f.old,
                        f.new,
                        f.old_blob.map(|b| b.0),
                        f.new_blob.map(|b| b.0),
                    )
                })
                .collect();
            let old_tree = old.map(|o| lib.find_commit(o).and_then(|c| c.tree()).expect("tree"));
            let new_tree = lib.find_commit(new).and_then(|c| c.tree()).expect("tree");
            let diff = lib
                .diff_tree_to_tree(old_tree.as_ref(), Some(&new_tree), None)
                .expect("diff");
            let theirs: BTreeSet<_> = diff
                .deltas()
                .filter_map(|d| {
                    let side = |f: git2::DiffFile<'_>| {
                        let p = f.path()?.to_str()?.strip_prefix("cs/")?.to_string();
                        is_content(&p).then_some((p, f.id()))
                    };
                    let (had, has) = match d.status() {
                        git2::Delta::Added => (false, true),
                        git2::Delta::Deleted => (true, false),
                        _ => (true, true),
                    };
                    let o = if had { side(d.old_file()) } else { None };
                    let n = if has { side(d.new_file()) } else { None };
                    (o.is_some() || n.is_some()).then(|| {
                        (
                            o.clone().map(|x| x.0),
                            n.clone().map(|x| x.0),
                            o.map(|x| x.1),
                            n.map(|x| x.1),
                        )
                    })
                })
                .collect();
            assert_eq!(ours, theirs, "{old:?} -> {new}");
        }
    }

    #[test]
    fn content_follows_the_folder_rules() {
        assert!(is_content("principes/social-humain/transparence.md"));
        assert!(!is_content(".gitignore"));
        assert!(!is_content("_site/index.html"));
        assert!(!is_content(".github/workflows/ci.yml"));
    }
}
