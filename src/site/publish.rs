//! The output appears whole or not at all: the site is written into a temporary folder
//! beside the output (same filesystem), then swapped in by renames. A folder that
//! `codesocial build` did not write is never replaced, so a mistyped `--out` cannot
//! delete anyone's files.
//!
//! Every file of a site is written through one gate ([`write`], [`copy`],
//! [`create_dir_all`]), and every temporary folder is registered with it when created
//! ([`temp_beside`], [`temp_dir`]). On SIGINT or SIGTERM the command calls [`interrupt`]:
//! the gate closes once the writes in flight are done, later writes fail with
//! [`Error::Interrupted`] (so none can recreate a removed folder), and the temporary
//! folders are removed. A swap in progress ([`publish`]) finishes first, so the previous
//! site stays whole.

use std::fs;
use std::path::{Path, PathBuf};
use std::sync::{PoisonError, RwLock, RwLockReadGuard, RwLockWriteGuard};

use crate::error::{Error, Result};

/// The file that marks a folder as a site written by `codesocial build`.
pub const MARKER: &str = ".codesocial-site";

/// Refuses an output that is a file, the content itself, someone else's folder, or a path
/// through a symbolic link of a work tree ([`crate::guard::writable`]: a pull request can
/// commit `_site` as a link to a folder of the machine).
pub fn check_out(out: &Path, content: &Path) -> Result<()> {
    crate::guard::writable(out)?;
    let shown = out.display().to_string();
    if let (Ok(o), Ok(c)) = (out.canonicalize(), content.canonicalize()) {
        if c.starts_with(&o) {
            return Err(Error::OutContainsContent { out: shown });
        }
    }
    if !out.exists() || is_ours(out) {
        return Ok(());
    }
    let empty = out.is_dir()
        && fs::read_dir(out)
            .map_err(|e| Error::io(out, e))?
            .next()
            .is_none();
    if empty {
        return Ok(());
    }
    Err(Error::NotOurOutput { out: shown })
}

/// Whether `path` is a folder written by `codesocial build`.
pub fn is_ours(path: &Path) -> bool {
    path.is_dir() && path.join(MARKER).is_file()
}

/// The gate every site file passes, and the temporary folders an interruption removes.
/// One per process ([`GATE`]): signals are the process's.
struct Gate(RwLock<Entries>);

struct Entries {
    closed: bool,
    staged: Vec<PathBuf>,
}

static GATE: Gate = Gate::new();

impl Gate {
    const fn new() -> Gate {
        Gate(RwLock::new(Entries {
            closed: false,
            staged: Vec::new(),
        }))
    }

    /// Writers share the gate; a panicking writer leaves it consistent (one flag, one list).
    fn enter(&self) -> Result<RwLockReadGuard<'_, Entries>> {
        let entries = self.0.read().unwrap_or_else(PoisonError::into_inner);
        if entries.closed {
            return Err(Error::Interrupted);
        }
        Ok(entries)
    }

    fn alone(&self) -> RwLockWriteGuard<'_, Entries> {
        self.0.write().unwrap_or_else(PoisonError::into_inner)
    }

    /// Creates a temporary folder and registers it, in one step as far as
    /// [`Gate::interrupt`] can tell: no signal can come between the two.
    fn stage(
        &self,
        create: impl FnOnce() -> Result<tempfile::TempDir>,
    ) -> Result<tempfile::TempDir> {
        let mut entries = self.alone();
        if entries.closed {
            return Err(Error::Interrupted);
        }
        let dir = create()?;
        entries.staged.push(dir.path().to_path_buf());
        Ok(dir)
    }

    fn interrupt(&self) -> Vec<(PathBuf, std::io::Error)> {
        let mut entries = self.alone();
        entries.closed = true;
        entries
            .staged
            .drain(..)
            .filter_map(|dir| match fs::remove_dir_all(&dir) {
                Err(e) if e.kind() != std::io::ErrorKind::NotFound => Some((dir, e)),
                _ => None,
            })
            .collect()
    }

    /// The swap is the only step an interruption waits for; the previous site is deleted
    /// after it, and an interruption meanwhile deletes it instead (wherever the swap put
    /// it, both places are registered).
    fn publish(&self, tmp: &Path, out: &Path) -> Result<()> {
        let aside = aside_of(out);
        {
            let mut entries = self.alone();
            if entries.closed {
                return Err(Error::Interrupted);
            }
            entries.staged.push(aside.clone());
        }
        let swapped = {
            let _entries = self.enter()?;
            swap(tmp, out, &aside)
        };
        let removed = swapped.and_then(Previous::remove);
        self.alone()
            .staged
            .retain(|dir| dir != tmp && *dir != aside);
        removed
    }
}

/// Writes a file of the site, creating its folders.
pub fn write(path: &Path, bytes: &[u8]) -> Result<()> {
    let _gate = GATE.enter()?;
    if let Some(parent) = path.parent() {
        fs::create_dir_all(parent).map_err(|e| Error::io(parent, e))?;
    }
    fs::write(path, bytes).map_err(|e| Error::io(path, e))
}

/// Replaces a file of a site being served: written beside it, then renamed over it, so a
/// reader gets the old bytes or the new ones, never half of them.
pub fn replace(path: &Path, bytes: &[u8]) -> Result<()> {
    let _gate = GATE.enter()?;
    let parent = parent_of(path);
    fs::create_dir_all(&parent).map_err(|e| Error::io(&parent, e))?;
    let mut tmp = tempfile::NamedTempFile::new_in(&parent).map_err(|e| Error::io(&parent, e))?;
    std::io::Write::write_all(&mut tmp, bytes).map_err(|e| Error::io(path, e))?;
    tmp.persist(path).map_err(|e| Error::io(path, e.error))?;
    Ok(())
}

/// Removes the file `rel` of the site at `root`, then its folders left empty (never
/// `root` itself). A file already gone is no error.
pub fn remove(root: &Path, rel: &str) -> Result<()> {
    let _gate = GATE.enter()?;
    let path = root.join(rel);
    match fs::remove_file(&path) {
        Err(e) if e.kind() != std::io::ErrorKind::NotFound => return Err(Error::io(&path, e)),
        _ => {}
    }
    let mut dir = path.parent();
    while let Some(d) = dir.filter(|d| *d != root && d.starts_with(root)) {
        if fs::remove_dir(d).is_err() {
            break;
        }
        dir = d.parent();
    }
    Ok(())
}

/// Copies `from` into the site at `to`, creating its folders.
pub fn copy(from: &Path, to: &Path) -> Result<()> {
    let _gate = GATE.enter()?;
    if let Some(parent) = to.parent() {
        fs::create_dir_all(parent).map_err(|e| Error::io(parent, e))?;
    }
    fs::copy(from, to).map_err(|e| Error::io(from, e))?;
    Ok(())
}

/// Creates a folder of the site and its parents.
pub fn create_dir_all(dir: &Path) -> Result<()> {
    let _gate = GATE.enter()?;
    crate::guard::writable(dir)?;
    fs::create_dir_all(dir).map_err(|e| Error::io(dir, e))
}

/// What a folder being built holds as `.gitignore` until it is published: everything in
/// it is ignored, so that the folder a killed build leaves in a repository (a `kill -9`
/// runs no cleanup) is never committed by `git add -A`. Removed by [`publish`] when it is
/// still this text (a `static/.gitignore` of the user's replaces it and stays).
const BUILDING_IGNORE: &str = "# codesocial: a site being built. Left behind, it comes \
from an interrupted `codesocial build`: delete this folder.\n*\n";

/// The name of the folders being built, beside the output.
const BUILDING_PREFIX: &str = ".codesocial-build-";

/// The file that marks a folder being built as the tool's, with the building process's
/// id ([`crate::guard::mark_temporary`]); removed by [`publish`].
const BUILDING_MARKER: &str = ".codesocial-building";

/// Its first line.
const BUILDING_HEAD: &str =
    "codesocial: a site being built; left behind, it comes from an interrupted `codesocial build`";

/// A temporary folder beside `out`, removed when dropped unless published, and by
/// [`interrupt`]. It holds a `.gitignore` that ignores it whole until [`publish`], and a
/// marker naming this process. The folders a killed build left beside `out` (named so,
/// marked so, by a process that no longer runs) are removed first; nothing else is.
pub fn temp_beside(out: &Path) -> Result<tempfile::TempDir> {
    crate::guard::writable(out)?;
    let parent = parent_of(out);
    fs::create_dir_all(&parent).map_err(|e| Error::io(&parent, e))?;
    crate::guard::sweep_stale(&parent, BUILDING_PREFIX, BUILDING_MARKER, BUILDING_HEAD);
    let dir = GATE.stage(|| {
        tempfile::Builder::new()
            .prefix(BUILDING_PREFIX)
            .tempdir_in(&parent)
            .map_err(|e| Error::io(&parent, e))
    })?;
    crate::guard::mark_temporary(dir.path(), BUILDING_MARKER, BUILDING_HEAD)
        .map_err(|e| Error::io(dir.path().join(BUILDING_MARKER), e))?;
    let ignore = dir.path().join(".gitignore");
    fs::write(&ignore, BUILDING_IGNORE).map_err(|e| Error::io(&ignore, e))?;
    Ok(dir)
}

/// A temporary folder in the system's (`serve` builds there), removed when dropped and
/// by [`interrupt`].
pub fn temp_dir(prefix: &str) -> Result<tempfile::TempDir> {
    GATE.stage(|| {
        tempfile::Builder::new()
            .prefix(prefix)
            .tempdir()
            .map_err(|e| Error::io(std::env::temp_dir(), e))
    })
}

/// Stops every later write of a site file (those in flight finish first, and so does a
/// swap in progress) and removes the temporary folders. Returns the folders that could
/// not be removed, with why. For signal handlers: the process exits next.
pub fn interrupt() -> Vec<(PathBuf, std::io::Error)> {
    GATE.interrupt()
}

/// Swaps the finished site `tmp` in as `out`: exchanged in one step where the system
/// allows, else the previous output is renamed aside, the new one renamed in; the old one
/// is removed only if it carries the marker. An interruption waits until it is done; after
/// one, nothing is swapped any more.
pub fn publish(tmp: &Path, out: &Path) -> Result<()> {
    let ignore = tmp.join(".gitignore");
    if fs::read(&ignore).is_ok_and(|bytes| bytes == BUILDING_IGNORE.as_bytes()) {
        fs::remove_file(&ignore).map_err(|e| Error::io(&ignore, e))?;
    }
    let marker = tmp.join(BUILDING_MARKER);
    let ours =
        fs::read_to_string(&marker).is_ok_and(|text| text.lines().next() == Some(BUILDING_HEAD));
    if ours {
        fs::remove_file(&marker).map_err(|e| Error::io(&marker, e))?;
    }
    GATE.publish(tmp, out)
}

/// What became of the previous output once the new site is in place.
enum Previous {
    /// There was none.
    None,
    /// A site of ours, now at this path: to delete.
    Ours(PathBuf),
    /// An empty folder of someone else's (the only kind [`check_out`] lets through), now
    /// at this path: removed only if still empty.
    EmptyForeign(PathBuf),
}

impl Previous {
    fn remove(self) -> Result<()> {
        match self {
            Previous::None => Ok(()),
            Previous::Ours(dir) => fs::remove_dir_all(&dir).map_err(|e| Error::io(&dir, e)),
            Previous::EmptyForeign(dir) => {
                let _ = fs::remove_dir(&dir);
                Ok(())
            }
        }
    }
}

/// Puts `tmp` in place of `out`; the previous output ends at `tmp` (exchanged) or
/// `aside` (two renames). On failure nothing has changed.
fn swap(tmp: &Path, out: &Path, aside: &Path) -> Result<Previous> {
    let marker = tmp.join(MARKER);
    if !marker.is_file() {
        fs::write(&marker, b"").map_err(|e| Error::io(&marker, e))?;
    }
    if !out.exists() {
        fs::rename(tmp, out).map_err(|e| Error::io(out, e))?;
        return Ok(Previous::None);
    }
    if is_ours(out) && exchange(tmp, out) {
        // `out` was never missing, not even briefly.
        return Ok(Previous::Ours(tmp.to_path_buf()));
    }
    let empty_foreign = out.is_dir() && !is_ours(out);
    fs::rename(out, aside).map_err(|e| Error::io(out, e))?;
    if let Err(e) = fs::rename(tmp, out) {
        // Put the previous output back: nothing must change when the swap fails.
        let _ = fs::rename(aside, out);
        return Err(Error::io(out, e));
    }
    Ok(if empty_foreign {
        Previous::EmptyForeign(aside.to_path_buf())
    } else if is_ours(aside) {
        Previous::Ours(aside.to_path_buf())
    } else {
        Previous::None
    })
}

/// Swaps two folders in one step (Linux `renameat2(RENAME_EXCHANGE)`); `false` where the
/// system or the filesystem cannot, and the caller then falls back to two renames.
#[cfg(target_os = "linux")]
fn exchange(a: &Path, b: &Path) -> bool {
    use rustix::fs::{renameat_with, RenameFlags, CWD};
    renameat_with(CWD, a, CWD, b, RenameFlags::EXCHANGE).is_ok()
}

#[cfg(not(target_os = "linux"))]
fn exchange(_: &Path, _: &Path) -> bool {
    false
}

fn parent_of(out: &Path) -> PathBuf {
    match out.parent() {
        Some(p) if !p.as_os_str().is_empty() => p.to_path_buf(),
        _ => PathBuf::from("."),
    }
}

fn aside_of(out: &Path) -> PathBuf {
    let name = out
        .file_name()
        .map(|n| n.to_string_lossy().into_owned())
        .unwrap_or_else(|| "site".into());
    parent_of(out).join(format!(".{name}.old-{}", std::process::id()))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn swaps_a_previous_site_and_refuses_a_foreign_folder() {
        let root = tempfile::tempdir().expect("tempdir");
        let content = root.path().join("content");
        fs::create_dir(&content).expect("mkdir");
        let out = root.path().join("out");
        for round in ["one", "two"] {
            check_out(&out, &content).expect("ours");
            let tmp = temp_beside(&out).expect("tmp");
            fs::write(tmp.path().join("index.html"), round).expect("write");
            publish(&tmp.keep(), &out).expect("publish");
            assert_eq!(
                fs::read_to_string(out.join("index.html")).expect("read"),
                round
            );
        }
        let entries = fs::read_dir(root.path()).expect("ls").count();
        assert_eq!(entries, 2, "no temporary or aside folder is left");
        assert!(
            !out.join(".gitignore").exists(),
            "the published site ignores nothing"
        );
        let foreign = root.path().join("foreign");
        fs::create_dir(&foreign).expect("mkdir");
        fs::write(foreign.join("thesis.odt"), "mine").expect("write");
        assert!(check_out(&foreign, &content).is_err());
        assert!(check_out(root.path(), &content).is_err());
    }

    #[test]
    fn an_interruption_removes_the_staged_folders_and_closes_the_gate() {
        let root = tempfile::tempdir().expect("tempdir");
        let gate = Gate::new();
        let staged = gate
            .stage(|| tempfile::tempdir_in(root.path()).map_err(|e| Error::io(root.path(), e)))
            .expect("stage");
        let path = staged.keep();
        fs::write(path.join("index.html"), "half").expect("write");
        let published = gate
            .stage(|| tempfile::tempdir_in(root.path()).map_err(|e| Error::io(root.path(), e)))
            .expect("stage")
            .keep();
        gate.publish(&published, &root.path().join("out"))
            .expect("publish");
        assert!(gate.interrupt().is_empty());
        assert!(!path.exists(), "the staged folder is removed");
        assert!(root.path().join("out").is_dir(), "a published site stays");
        assert!(matches!(gate.enter(), Err(Error::Interrupted)));
        assert!(matches!(
            gate.stage(|| tempfile::tempdir().map_err(|e| Error::io("/tmp", e))),
            Err(Error::Interrupted)
        ));
        assert!(matches!(
            gate.publish(&path, &root.path().join("out")),
            Err(Error::Interrupted)
        ));
    }

    /// A build killed before it publishes (no cleanup runs) leaves a folder that git
    /// ignores whole; a `.gitignore` the site itself brings (from `static/`) is published.
    #[test]
    fn a_folder_being_built_is_ignored_by_git_until_published() {
        let root = tempfile::tempdir().expect("tempdir");
        let out = root.path().join("_site");
        let tmp = temp_beside(&out).expect("tmp").keep();
        fs::write(tmp.join("index.html"), "half").expect("write");
        let status = std::process::Command::new("git")
            .args(["-c", "core.excludesFile=/dev/null", "init", "-q"])
            .arg(root.path())
            .status()
            .expect("git init");
        assert!(status.success());
        let listed = std::process::Command::new("git")
            .args([
                "-c",
                "core.excludesFile=/dev/null",
                "status",
                "--porcelain",
                "-uall",
            ])
            .current_dir(root.path())
            .env("GIT_CONFIG_NOSYSTEM", "1")
            .output()
            .expect("git status");
        assert_eq!(
            String::from_utf8_lossy(&listed.stdout),
            "",
            "nothing to commit"
        );
        let theirs = temp_beside(&out).expect("tmp").keep();
        fs::write(theirs.join(".gitignore"), "*.tmp\n").expect("write");
        publish(&theirs, &out).expect("publish");
        assert_eq!(
            fs::read_to_string(out.join(".gitignore")).expect("read"),
            "*.tmp\n"
        );
    }
}
