//! Helpers shared by the integration-test crates: where the project is, copying a
//! fixture folder into a temporary one, and running git there.

#![allow(dead_code)]

use std::path::{Path, PathBuf};

/// The project's root (examples and fixtures are found from here).
pub fn root() -> PathBuf {
    PathBuf::from(env!("CARGO_MANIFEST_DIR"))
}

/// Copies a folder recursively (regular files and folders).
pub fn copy_dir(from: &Path, to: &Path) {
    for entry in walkdir::WalkDir::new(from) {
        let entry = entry.expect("walk");
        let rel = entry.path().strip_prefix(from).expect("prefix");
        let dest = to.join(rel);
        if entry.file_type().is_dir() {
            std::fs::create_dir_all(&dest).expect("mkdir");
        } else {
            std::fs::copy(entry.path(), &dest).expect("copy");
        }
    }
}

/// Where Debian installs Chromium, for the browser tests.
pub const CHROMIUM: &str = "/usr/bin/chromium";

/// Whether headless Chromium can run the browser tests. Its absence fails the test in CI
/// (`CI` set); elsewhere the test says it is skipped and returns.
pub fn chromium_available() -> bool {
    if Path::new(CHROMIUM).exists() {
        return true;
    }
    assert!(
        std::env::var_os("CI").is_none(),
        "{CHROMIUM} is required in CI (apt-get install -y chromium)"
    );
    eprintln!("skipped: {CHROMIUM} is absent (apt-get install -y chromium)");
    false
}

/// Runs git in `dir` with fixed dates and no system or user configuration; panics with
/// git's message when it fails. Returns its trimmed standard output.
pub fn git(dir: &Path, args: &[&str]) -> String {
    let o = std::process::Command::new("git")
        .current_dir(dir)
        .args(args)
        .env("GIT_AUTHOR_DATE", "2025-03-12T10:00:00Z")
        .env("GIT_COMMITTER_DATE", "2025-03-12T10:00:00Z")
        .env("GIT_CONFIG_NOSYSTEM", "1")
        .env("HOME", dir)
        .output()
        .expect("git");
    assert!(
        o.status.success(),
        "git {args:?}: {}",
        String::from_utf8_lossy(&o.stderr)
    );
    String::from_utf8_lossy(&o.stdout).trim().to_string()
}
