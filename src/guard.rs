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
