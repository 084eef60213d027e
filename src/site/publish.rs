//! The output appears whole or not at all: the site is written into a temporary folder
//! beside the output (same filesystem), then swapped in by renames. A folder that
//! `codesocial build` did not write is never replaced, so a mistyped `--out` cannot
//! delete anyone's files.

use std::fs;
use std::path::{Path, PathBuf};

use crate::error::{Error, Result};

/// The file that marks a folder as a site written by `codesocial build`.
pub const MARKER: &str = ".codesocial-site";

/// Refuses an output that is a file, the content itself, or someone else's folder.
pub fn check_out(out: &Path, content: &Path) -> Result<()> {
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

/// A temporary folder beside `out`, removed when dropped unless published.
pub fn temp_beside(out: &Path) -> Result<tempfile::TempDir> {
    let parent = parent_of(out);
    fs::create_dir_all(&parent).map_err(|e| Error::io(&parent, e))?;
    tempfile::Builder::new()
        .prefix(".codesocial-build-")
        .tempdir_in(&parent)
        .map_err(|e| Error::io(&parent, e))
}

/// Swaps the finished site `tmp` in as `out`: exchanged in one step where the system
/// allows, else the previous output is renamed aside, the new one renamed in; the old one
/// is removed only if it carries the marker.
pub fn publish(tmp: &Path, out: &Path) -> Result<()> {
    let marker = tmp.join(MARKER);
    if !marker.is_file() {
        fs::write(&marker, b"").map_err(|e| Error::io(&marker, e))?;
    }
    if !out.exists() {
        return fs::rename(tmp, out).map_err(|e| Error::io(out, e));
    }
    if is_ours(out) && exchange(tmp, out) {
        // `tmp` now holds the previous site; `out` was never missing, not even briefly.
        return fs::remove_dir_all(tmp).map_err(|e| Error::io(tmp, e));
    }
    let empty_foreign = out.is_dir() && !is_ours(out);
    let aside = aside_of(out);
    fs::rename(out, &aside).map_err(|e| Error::io(out, e))?;
    if let Err(e) = fs::rename(tmp, out) {
        // Put the previous output back: nothing must change when the swap fails.
        let _ = fs::rename(&aside, out);
        return Err(Error::io(out, e));
    }
    if empty_foreign {
        // `check_out` only lets through an empty foreign folder.
        let _ = fs::remove_dir(&aside);
    } else if is_ours(&aside) {
        fs::remove_dir_all(&aside).map_err(|e| Error::io(&aside, e))?;
    }
    Ok(())
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
        let foreign = root.path().join("foreign");
        fs::create_dir(&foreign).expect("mkdir");
        fs::write(foreign.join("thesis.odt"), "mine").expect("write");
        assert!(check_out(&foreign, &content).is_err());
        assert!(check_out(root.path(), &content).is_err());
    }
}
