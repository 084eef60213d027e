//! The one guard every writer passes before it creates a folder or a file: a path that
//! goes through a symbolic link inside a git work tree is never written. A pull request
//! can commit a link (`_site`, a folder of `--out`, a folder `init` or `import` fills)
//! that points anywhere on the machine that checks it; following it would write or
//! replace files out there. Links outside any work tree (`/tmp` on macOS, a home folder
//! moved to another disk) are the machine's own layout and are followed.

use std::path::{Path, PathBuf};

use crate::error::{Error, Result};

/// Refuses `path` (a folder or a file about to be written, existing or not) when one of
/// its components is a symbolic link lying in a git work tree (a folder at or above it
/// holds `.git`), naming the link. Components are looked at from the root down, without
/// following a link until it is known to be outside every work tree; the first missing
/// component ends the walk (the writer creates real folders from there).
pub fn writable(path: &Path) -> Result<()> {
    let absolute = std::path::absolute(path).map_err(|e| Error::io(path, e))?;
    let mut walked = PathBuf::new();
    for part in absolute.components() {
        walked.push(part);
        let Ok(meta) = std::fs::symlink_metadata(&walked) else {
            return Ok(());
        };
        if !meta.is_symlink() {
            continue;
        }
        if let Some(tree) = work_tree_of(&walked) {
            let link = walked.strip_prefix(tree).unwrap_or(&walked);
            return Err(Error::WriteThroughLink {
                link: link.display().to_string(),
                tree: tree.display().to_string(),
            });
        }
        // The machine's own link: what lies below is judged where it leads.
        match std::fs::canonicalize(&walked) {
            Ok(real) => walked = real,
            Err(_) => return Ok(()),
        }
    }
    Ok(())
}

/// [`writable`] for every folder that will hold one of `files` (paths relative to `base`,
/// with `/`), each folder looked at once. The files themselves are created, never
/// replaced, by their writers.
pub fn writable_below<'a>(base: &Path, files: impl IntoIterator<Item = &'a str>) -> Result<()> {
    writable(base)?;
    let folders: std::collections::BTreeSet<&Path> = files
        .into_iter()
        .filter_map(|f| Path::new(f).parent())
        .filter(|p| !p.as_os_str().is_empty())
        .collect();
    for folder in folders {
        writable(&base.join(folder))?;
    }
    Ok(())
}

/// The top of the git work tree `link` lies in (the nearest folder above it holding a
/// `.git` folder or file), if any. Every folder above `link` is a real folder here: the
/// walk stops at the first link.
fn work_tree_of(link: &Path) -> Option<&Path> {
    link.ancestors()
        .skip(1)
        .find(|dir| std::fs::symlink_metadata(dir.join(".git")).is_ok())
}

/// Writes in `dir`, a temporary folder the tool just made beside the user's files, the
/// file `marker` saying so: its first line `head`, its second `pid=<this process>`. With
/// its name, this is what lets a later run ([`sweep_stale`]) recognise the folder as one
/// the tool made and that a killed run left behind.
pub fn mark_temporary(dir: &Path, marker: &str, head: &str) -> std::io::Result<()> {
    let text = format!("{head}\npid={}\n", std::process::id());
    std::fs::write(dir.join(marker), text)
}

/// Removes the temporary folders a killed run left in `parent`, and only those: a folder
/// (not a link) named `prefix…`, holding a regular file `marker` whose first line is
/// `head` and whose second names a process that no longer runs ([`mark_temporary`]). A
/// folder of the user's, one of a run still going, or one whose marker cannot be read
/// stays (where a process cannot be asked, as on Windows, every folder stays). Returns
/// the folders removed, sorted; one that cannot be removed is left as it is.
pub fn sweep_stale(parent: &Path, prefix: &str, marker: &str, head: &str) -> Vec<PathBuf> {
    let Ok(entries) = std::fs::read_dir(parent) else {
        return Vec::new();
    };
    let mut removed: Vec<PathBuf> = entries
        .flatten()
        .filter(|e| {
            e.file_name()
                .to_str()
                .is_some_and(|n| n.starts_with(prefix))
        })
        .map(|e| e.path())
        .filter(|p| is_stale(p, marker, head))
        .filter(|p| std::fs::remove_dir_all(p).is_ok())
        .collect();
    removed.sort();
    removed
}

fn is_stale(folder: &Path, marker: &str, head: &str) -> bool {
    if !std::fs::symlink_metadata(folder).is_ok_and(|m| m.is_dir()) {
        return false;
    }
    let path = folder.join(marker);
    if !std::fs::symlink_metadata(&path).is_ok_and(|m| m.is_file()) {
        return false;
    }
    let Ok(text) = std::fs::read_to_string(&path) else {
        return false;
    };
    let mut lines = text.lines();
    if lines.next() != Some(head) {
        return false;
    }
    let pid = lines
        .next()
        .and_then(|l| l.strip_prefix("pid="))
        .and_then(|p| p.parse::<u32>().ok());
    pid.is_some_and(|pid| !process_runs(pid))
}

/// Whether process `pid` runs (ours does): on Unix, a signal 0 that finds no process says
/// no; any other answer (it runs, it is another user's) says yes. Elsewhere, yes.
fn process_runs(pid: u32) -> bool {
    if pid == std::process::id() {
        return true;
    }
    #[cfg(unix)]
    {
        let Some(pid) = i32::try_from(pid)
            .ok()
            .and_then(rustix::process::Pid::from_raw)
        else {
            return false;
        };
        !matches!(
            rustix::process::test_kill_process(pid),
            Err(rustix::io::Errno::SRCH)
        )
    }
    #[cfg(not(unix))]
    true
}

#[cfg(test)]
mod tests {
    use super::*;

    #[cfg(unix)]
    #[test]
    fn a_link_in_a_work_tree_is_refused_anywhere_on_the_path() {
        let tmp = tempfile::tempdir().expect("tmp");
        let repo = tmp.path().join("repo");
        let outside = tmp.path().join("outside");
        std::fs::create_dir_all(repo.join(".git")).expect("mkdir");
        std::fs::create_dir_all(repo.join("real")).expect("mkdir");
        std::fs::create_dir_all(&outside).expect("mkdir");
        std::os::unix::fs::symlink(&outside, repo.join("_site")).expect("link");
        std::os::unix::fs::symlink(&outside, repo.join("real/lnk")).expect("link");
        for path in [
            "_site",
            "_site/x/y.html",
            "real/lnk",
            "real/lnk/z",
            "real/../_site",
        ] {
            let err = writable(&repo.join(path)).expect_err(path);
            assert_eq!(err.code(), "codesocial::io::write-through-link", "{path}");
        }
        for path in ["real", "real/new/deeper", "new"] {
            writable(&repo.join(path)).expect(path);
        }
        let err = writable_below(&repo, ["a/b.md", "real/lnk/c.md"]).expect_err("below");
        assert!(err.to_string().contains("real/lnk"), "{err}");
        writable_below(&repo, ["a/b.md", "real/c.md"]).expect("fine");
    }

    #[cfg(unix)]
    #[test]
    fn the_machines_own_links_are_followed() {
        let tmp = tempfile::tempdir().expect("tmp");
        let real = tmp.path().join("disk");
        std::fs::create_dir_all(real.join("repo/.git")).expect("mkdir");
        std::os::unix::fs::symlink(&real, tmp.path().join("home")).expect("link");
        writable(&tmp.path().join("home/repo/_site")).expect("outside any work tree");
        std::os::unix::fs::symlink("/", real.join("repo/up")).expect("link");
        assert!(writable(&tmp.path().join("home/repo/up/x")).is_err());
    }
}
