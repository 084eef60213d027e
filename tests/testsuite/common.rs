//! Helpers shared by the integration tests, one of each: the binary under test (found one
//! way, in a chosen language, colour off), git run in isolation from the machine's
//! configuration, the external tools a test needs (missing, they fail the test under `CI`),
//! and files (copy a fixture, snapshot a folder, replace a string in a file).

#![allow(dead_code)]

use std::collections::BTreeMap;
use std::path::{Path, PathBuf};
use std::process::Command;

/// The project's root (examples and fixtures are found from here).
pub fn root() -> PathBuf {
    PathBuf::from(env!("CARGO_MANIFEST_DIR"))
}

// ---------------------------------------------------------------------------------------
// The binary.

/// The binary under test, as Cargo built it for this test crate.
pub const BIN: &str = env!("CARGO_BIN_EXE_codesocial");

/// The locales the tests ask for (through `LANG`).
pub const EN: &str = "en_US.UTF-8";
pub const FR: &str = "fr_FR.UTF-8";

/// Puts `cmd` in `locale` (through `LANG`, the machine's `LC_ALL` and `LC_MESSAGES`
/// removed so that they cannot win) with colour off (`NO_COLOR`, which `--color` still
/// overrides where a test asks for colour).
pub fn in_locale<'a>(cmd: &'a mut Command, locale: &str) -> &'a mut Command {
    cmd.env("LANG", locale)
        .env_remove("LC_ALL")
        .env_remove("LC_MESSAGES")
        .env("NO_COLOR", "1")
}

/// The binary in `locale`, colour off, as a `std` command (to spawn or to wrap).
pub fn command(locale: &str) -> Command {
    let mut cmd = Command::new(BIN);
    in_locale(&mut cmd, locale);
    cmd
}

/// The binary in `locale`, colour off, as an `assert_cmd` command.
pub fn codesocial(locale: &str) -> assert_cmd::Command {
    assert_cmd::Command::from_std(command(locale))
}

// ---------------------------------------------------------------------------------------
// External tools.

/// Whether `program` runs here (`program probe…` exits with 0), for a test that needs it.
/// Missing, it fails the test when `CI` is set (`.ci/run` installs every tool: `install`
/// says how); elsewhere it says on stderr that the test is not run, and returns `false`.
pub fn tool(program: &str, probe: &[&str], install: &str) -> bool {
    let found = Command::new(program)
        .args(probe)
        .output()
        .is_ok_and(|o| o.status.success());
    if !found {
        assert!(
            std::env::var_os("CI").is_none(),
            "`{program}` is required when CI is set ({install})"
        );
        eprintln!("not run: this test needs `{program}` ({install})");
    }
    found
}

/// Where Debian installs Chromium, for the browser tests.
pub const CHROMIUM: &str = "/usr/bin/chromium";

/// Whether headless Chromium can run the browser tests (see [`tool`]).
pub fn chromium_available() -> bool {
    tool(CHROMIUM, &["--version"], "apt-get install -y chromium")
}

// ---------------------------------------------------------------------------------------
// git.

/// The date of every commit made through [`git`].
pub const GIT_DATE: &str = "2025-03-12T10:00:00Z";

/// git in `dir`, isolated from the machine: no system configuration, `HOME` and
/// `XDG_CONFIG_HOME` at `dir`, and for user configuration `tests/fixtures/gitconfig`
/// (identity "Test", no signing, branch `main`; a repository's own configuration wins over
/// it); author and committer dated [`GIT_DATE`] (a test may override by environment).
/// git is required everywhere: its absence fails the test (see [`tool`]).
pub fn git_command(dir: &Path) -> Command {
    static GIT: std::sync::OnceLock<bool> = std::sync::OnceLock::new();
    assert!(
        *GIT.get_or_init(|| tool("git", &["--version"], "apt-get install -y git")),
        "the tests need git"
    );
    let mut cmd = Command::new("git");
    isolate_git(&mut cmd, dir)
        .current_dir(dir)
        .env("GIT_CONFIG_GLOBAL", root().join("tests/fixtures/gitconfig"))
        .env("GIT_AUTHOR_DATE", GIT_DATE)
        .env("GIT_COMMITTER_DATE", GIT_DATE);
    cmd
}

/// Keeps the machine's git configuration from `cmd` (git itself, or the binary, whose
/// libgit2 reads the same files): no system configuration, `HOME` and `XDG_CONFIG_HOME`
/// at `home`, no `GIT_DIR` or `GIT_WORK_TREE` inherited.
pub fn isolate_git<'a>(cmd: &'a mut Command, home: &Path) -> &'a mut Command {
    cmd.env("GIT_CONFIG_NOSYSTEM", "1")
        .env("HOME", home)
        .env("XDG_CONFIG_HOME", home)
        .env_remove("GIT_DIR")
        .env_remove("GIT_WORK_TREE")
}

/// Runs `cmd`, panics with its standard error when it fails, and returns its trimmed
/// standard output.
pub fn stdout_of(cmd: &mut Command) -> String {
    let out = cmd.output().expect("run");
    assert!(
        out.status.success(),
        "{cmd:?}: {}",
        String::from_utf8_lossy(&out.stderr)
    );
    String::from_utf8_lossy(&out.stdout).trim().to_string()
}

/// Runs git in `dir` (see [`git_command`]); returns its trimmed standard output.
pub fn git(dir: &Path, args: &[&str]) -> String {
    stdout_of(git_command(dir).args(args))
}

/// Runs git in `dir` with author and committer dated `date`.
pub fn git_at(dir: &Path, date: &str, args: &[&str]) -> String {
    stdout_of(
        git_command(dir)
            .env("GIT_AUTHOR_DATE", date)
            .env("GIT_COMMITTER_DATE", date)
            .args(args),
    )
}

/// Clones `origin` into `dest` as CI does (`git clone --depth N` over `file://`, so that
/// the depth applies), from `dir`; the clone's `.git/shallow` then names its boundary.
pub fn shallow_clone(dir: &Path, origin: &Path, dest: &Path, depth: usize) {
    let url = format!("file://{}", origin.display());
    let depth = depth.to_string();
    let dest = dest.to_str().expect("UTF-8 path");
    git_at(
        dir,
        "2025-03-01T10:00:00Z",
        &["clone", "-q", "--depth", &depth, &url, dest],
    );
}

// ---------------------------------------------------------------------------------------
// Files.

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

/// What [`snapshot`] holds for a folder.
pub const FOLDER: &[u8] = b"<folder>";

/// Everything under `dir`, by its `/`-separated path: a file's bytes, a link's target (not
/// followed), [`FOLDER`] for a folder. Two snapshots are equal when nothing there changed.
pub fn snapshot(dir: &Path) -> BTreeMap<String, Vec<u8>> {
    walkdir::WalkDir::new(dir)
        .min_depth(1)
        .into_iter()
        .map(|e| e.expect("walk"))
        .map(|e| {
            let rel = e.path().strip_prefix(dir).expect("prefix");
            let rel = rel.to_string_lossy().replace('\\', "/");
            let content = if e.path_is_symlink() {
                let target = std::fs::read_link(e.path()).expect("link");
                target.into_os_string().into_encoded_bytes()
            } else if e.file_type().is_file() {
                std::fs::read(e.path()).expect("read")
            } else {
                FOLDER.to_vec()
            };
            (rel, content)
        })
        .collect()
}

/// The files of a working tree: [`snapshot`] without folders and without `.git`.
pub fn worktree_files(dir: &Path) -> BTreeMap<String, Vec<u8>> {
    snapshot(dir)
        .into_iter()
        .filter(|(path, content)| content != FOLDER && path != ".git" && !path.starts_with(".git/"))
        .collect()
}

/// Replaces the first `from` in the file at `path` by `to`; panics if `from` is not there.
pub fn replace(path: &Path, from: &str, to: &str) {
    let text = std::fs::read_to_string(path).expect("read");
    assert!(
        text.contains(from),
        "{} does not contain {from:?}",
        path.display()
    );
    std::fs::write(path, text.replacen(from, to, 1)).expect("write");
}
