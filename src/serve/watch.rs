//! Watching the #CodeSocial folder: editors save in bursts (temporary file, rename, swap
//! file), so events are debounced and filtered down to the files a build reads.
//!
//! The watcher also reports files being merely opened, and every build opens them all:
//! left alone, each build would trigger the next. So a change counts only when a file's
//! size or modification time differs from what was last seen ([`Stamps`]).

use std::collections::HashMap;
use std::path::{Component, Path, PathBuf};
use std::sync::mpsc::Sender;
use std::time::{Duration, SystemTime};

use notify::RecursiveMode;
use notify_debouncer_mini::{new_debouncer, DebounceEventResult, Debouncer};

use crate::load::source::SKIPPED_DIRS;

/// Quiet time after the last event before a rebuild starts: short, so that a save shows
/// at once, yet longer than the steps of an editor's save (temporary file, rename, swap
/// file: microseconds apart), which so make one rebuild. A burst that outlasts it makes
/// one more rebuild, of the same result: every rebuild reads the folder as it is then.
pub const DEBOUNCE: Duration = Duration::from_millis(30);

/// What the watcher (and the stopper) tell the rebuild loop.
#[derive(Debug)]
pub enum Notice {
    /// Files a build reads changed (sorted, deduplicated).
    Changed(Vec<PathBuf>),
    /// The watcher itself failed; serving goes on.
    Failed(notify::Error),
    /// Stop the server.
    Stop,
}

/// The git files whose change means a commit, an amend, a checkout or a reset: the site
/// shows the history (the évolution page, the feed), so `HEAD` or a ref moving rebuilds
/// like a save. Only `HEAD`, `packed-refs` and `refs/**` count; never a `*.lock`, the
/// objects, the index or the logs (every build, every `git status` touches some of them).
#[derive(Debug, Clone, Default)]
pub struct Git {
    /// The repository's git directory (where `HEAD` is): `.git`, or for a linked
    /// worktree the folder its `.git` file names.
    dir: Option<PathBuf>,
    /// Where refs and `packed-refs` live: the git directory, or the main repository's
    /// for a linked worktree (its `commondir` file).
    common: Option<PathBuf>,
}

impl Git {
    /// The files of the repository whose git directory is `dir` (where `HEAD` is) and
    /// whose refs live in `common` (the same folder, or the main repository's for a
    /// linked worktree), as the command found it (`history::discover_repository`); both
    /// canonical when they can be. [`Git::default`] when there is no repository.
    pub fn new(dir: &Path, common: &Path) -> Git {
        let canonical = |p: &Path| p.canonicalize().unwrap_or_else(|_| p.to_path_buf());
        Git {
            dir: Some(canonical(dir)),
            common: Some(canonical(common)),
        }
    }

    /// Whether a change at `path` moves `HEAD` or a ref.
    pub fn moves_head(&self, path: &Path) -> bool {
        if path
            .file_name()
            .is_some_and(|n| n.to_string_lossy().ends_with(".lock"))
        {
            return false;
        }
        let head = self.dir.as_ref().is_some_and(|d| path == d.join("HEAD"));
        let refs = self.common.as_ref().is_some_and(|c| {
            path == c.join("HEAD")
                || path == c.join("packed-refs")
                || path.starts_with(c.join("refs"))
        });
        head || refs
    }

    /// The files that count, as they are now.
    fn files(&self) -> Vec<PathBuf> {
        let mut out = Vec::new();
        if let Some(dir) = &self.dir {
            out.push(dir.join("HEAD"));
        }
        if let Some(common) = &self.common {
            out.push(common.join("HEAD"));
            out.push(common.join("packed-refs"));
            out.extend(
                walkdir::WalkDir::new(common.join("refs"))
                    .follow_links(false)
                    .into_iter()
                    .filter_map(|e| e.ok())
                    .map(|e| e.into_path())
                    .filter(|p| self.moves_head(p)),
            );
        }
        out
    }

    /// The folders to watch besides the #CodeSocial folder (which holds them when the
    /// repository's `.git` is inside it): `(path, recursive)`.
    fn watched(&self, root: &Path) -> Vec<(PathBuf, RecursiveMode)> {
        let mut out = Vec::new();
        let mut add = |path: PathBuf, mode| {
            if !path.starts_with(root) && path.exists() && !out.iter().any(|(p, _)| *p == path) {
                out.push((path, mode));
            }
        };
        if let Some(dir) = &self.dir {
            add(dir.clone(), RecursiveMode::NonRecursive);
        }
        if let Some(common) = &self.common {
            add(common.clone(), RecursiveMode::NonRecursive);
            add(common.join("refs"), RecursiveMode::Recursive);
        }
        out
    }
}

/// A running watcher: events stop when it is dropped.
pub struct Watcher {
    _debouncer: Debouncer<notify::RecommendedWatcher>,
}

/// Watches `dir` recursively, sending relevant changes to `notices`. Paths under
/// `ignored` (the build folders) never count.
pub fn start(
    dir: &Path,
    ignored: Vec<PathBuf>,
    git: Git,
    notices: Sender<Notice>,
) -> Result<Watcher, notify::Error> {
    let root = dir.to_path_buf();
    let extra = git.watched(&root);
    let handler = move |result: DebounceEventResult| {
        let notice = match result {
            Ok(list) => {
                let mut paths: Vec<PathBuf> = list
                    .into_iter()
                    .map(|e| e.path)
                    .filter(|p| relevant(&root, p, &ignored) || git.moves_head(p))
                    .collect();
                if paths.is_empty() {
                    return;
                }
                paths.sort();
                paths.dedup();
                Notice::Changed(paths)
            }
            Err(e) => Notice::Failed(e),
        };
        let _ = notices.send(notice);
    };
    let mut debouncer = new_debouncer(DEBOUNCE, handler)?;
    debouncer.watcher().watch(dir, RecursiveMode::Recursive)?;
    for (path, mode) in extra {
        debouncer.watcher().watch(&path, mode)?;
    }
    Ok(Watcher {
        _debouncer: debouncer,
    })
}

/// Whether a change at `path` can alter the site built from `root`.
pub fn relevant(root: &Path, path: &Path, ignored: &[PathBuf]) -> bool {
    if ignored.iter().any(|i| path.starts_with(i)) {
        return false;
    }
    let Ok(relative) = path.strip_prefix(root) else {
        return false;
    };
    let hidden_or_skipped = relative.components().any(|c| match c {
        Component::Normal(name) => {
            let name = name.to_string_lossy();
            name.starts_with('.') || SKIPPED_DIRS.contains(&name.as_ref())
        }
        _ => false,
    });
    if hidden_or_skipped {
        return false;
    }
    let name = relative
        .file_name()
        .map(|n| n.to_string_lossy().into_owned())
        .unwrap_or_default();
    !is_editor_scratch(&name)
}

/// What a file looked like: its size, modification time, whether it is a folder, and
/// (on Unix) its status change time and inode; `None` when it did not exist. The
/// modification time alone misses a save of the same size within one clock tick, or one
/// that sets the time back (`touch -r`, `cp -p`, a checkout); no write or rename leaves
/// the status change time and the inode both as they were.
type Stamp = Option<(u64, SystemTime, bool, Changed)>;

#[cfg(unix)]
type Changed = (i64, i64, u64);
#[cfg(not(unix))]
type Changed = ();

/// The last seen stamp of every relevant file and folder.
#[derive(Debug, Default)]
pub struct Stamps(HashMap<PathBuf, Stamp>);

impl Stamps {
    /// Records the whole folder as it is now.
    pub fn scan(root: &Path, ignored: &[PathBuf], git: &Git) -> Stamps {
        let walker = walkdir::WalkDir::new(root)
            .follow_links(false)
            .into_iter()
            .filter_entry(|e| relevant(root, e.path(), ignored) || e.depth() == 0);
        let map = walker
            .filter_map(|e| e.ok())
            .map(|e| e.into_path())
            .chain(git.files())
            .map(|p| {
                let s = stamp(&p);
                (p, s)
            })
            .collect();
        Stamps(map)
    }

    /// The paths whose stamp differs from the last one seen; records the new stamps.
    pub fn changed(&mut self, paths: &[PathBuf]) -> Vec<PathBuf> {
        let mut out = Vec::new();
        for path in paths {
            let now = stamp(path);
            if self.0.insert(path.clone(), now) != Some(now) {
                out.push(path.clone());
            }
        }
        out
    }
}

fn stamp(path: &Path) -> Stamp {
    let meta = std::fs::symlink_metadata(path).ok()?;
    let modified = meta.modified().unwrap_or(SystemTime::UNIX_EPOCH);
    Some((meta.len(), modified, meta.is_dir(), changed(&meta)))
}

#[cfg(unix)]
fn changed(meta: &std::fs::Metadata) -> Changed {
    use std::os::unix::fs::MetadataExt;
    (meta.ctime(), meta.ctime_nsec(), meta.ino())
}

#[cfg(not(unix))]
fn changed(_: &std::fs::Metadata) -> Changed {}

/// Swap, backup and lock files editors write next to the real one.
fn is_editor_scratch(name: &str) -> bool {
    name.ends_with('~')
        || (name.starts_with('#') && name.ends_with('#'))
        || name == "4913"
        || [".swp", ".swo", ".swx", ".tmp", ".bak", ".orig"]
            .iter()
            .any(|ext| name.ends_with(ext))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn only_source_files_count() {
        let root = Path::new("/repo");
        let ignored = vec![PathBuf::from("/repo/out")];
        let yes = |p: &str| relevant(root, Path::new(p), &ignored);
        assert!(yes("/repo/codesocial.yaml"));
        assert!(yes("/repo/principes/ecologique/sobriete.md"));
        assert!(!yes("/repo/out/index.html"));
        assert!(!yes("/repo/.git/index"));
        assert!(!yes("/repo/_site/index.html"));
        assert!(!yes("/repo/target/debug/x"));
        assert!(!yes("/repo/principes/.sobriete.md.swp"));
        assert!(!yes("/repo/principes/sobriete.md~"));
        assert!(!yes("/repo/principes/#sobriete.md#"));
        assert!(!yes("/repo/principes/4913"));
        assert!(!yes("/elsewhere/file.md"));
    }

    #[test]
    fn only_head_and_refs_of_the_real_git_dir_count() {
        let tmp = tempfile::tempdir().expect("temp dir");
        let root = tmp.path().canonicalize().expect("canonical");
        // A linked worktree: its git dir, and the main repository's where refs live.
        let main = root.join("main/.git");
        let linked = main.join("worktrees/wt");
        std::fs::create_dir_all(main.join("refs/heads")).expect("mkdir");
        std::fs::create_dir_all(&linked).expect("mkdir");
        std::fs::write(linked.join("commondir"), "../..\n").expect("write");
        let work = root.join("wt/site");
        std::fs::create_dir_all(&work).expect("mkdir");
        std::fs::write(
            root.join("wt/.git"),
            format!("gitdir: {}\n", linked.display()),
        )
        .expect("write");
        let git = Git::new(&linked, &main);
        let counts = |p: PathBuf| git.moves_head(&p);
        assert!(counts(linked.join("HEAD")));
        assert!(counts(main.join("refs/heads/main")));
        assert!(counts(main.join("refs/heads/feature/x")));
        assert!(counts(main.join("packed-refs")));
        assert!(!counts(main.join("refs/heads/main.lock")));
        assert!(!counts(main.join("packed-refs.lock")));
        assert!(!counts(main.join("index")));
        assert!(!counts(linked.join("index")));
        assert!(!counts(main.join("logs/HEAD")));
        assert!(!counts(main.join("objects/ab/cdef")));
        assert!(!counts(work.join(".git/HEAD")));
        assert!(Git::default().files().is_empty());
    }

    #[test]
    fn opening_a_file_is_no_change_but_writing_it_is() {
        let tmp = tempfile::tempdir().expect("temp dir");
        let root = tmp.path().canonicalize().expect("canonical");
        let file = root.join("codesocial.yaml");
        std::fs::write(&file, "a").expect("write");
        let mut stamps = Stamps::scan(&root, &[], &Git::default());
        let _ = std::fs::read(&file).expect("read");
        assert!(stamps.changed(std::slice::from_ref(&file)).is_empty());
        std::fs::write(&file, "ab").expect("write");
        assert_eq!(
            stamps.changed(std::slice::from_ref(&file)),
            vec![file.clone()]
        );
        // Replaced by another file of the same size and modification time (a save by
        // rename that keeps the time): still a change.
        let before = std::fs::metadata(&file)
            .expect("stat")
            .modified()
            .expect("mtime");
        let saved = root.join("codesocial.yaml.tmp");
        std::fs::write(&saved, "ba").expect("write");
        std::fs::File::options()
            .write(true)
            .open(&saved)
            .and_then(|f| f.set_modified(before))
            .expect("set mtime");
        std::fs::rename(&saved, &file).expect("rename");
        #[cfg(unix)]
        assert_eq!(
            stamps.changed(std::slice::from_ref(&file)),
            vec![file.clone()]
        );
        std::fs::remove_file(&file).expect("remove");
        assert_eq!(
            stamps.changed(std::slice::from_ref(&file)),
            vec![file.clone()]
        );
        let fresh = root.join("nouveau.md");
        std::fs::write(&fresh, "x").expect("write");
        assert_eq!(stamps.changed(std::slice::from_ref(&fresh)), vec![fresh]);
    }
}
