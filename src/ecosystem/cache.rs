//! Copies of the ecosystem's git sources, kept in `.codesocial/cache/` inside the #CodeSocial
//! so that every command works offline once a source has been fetched.
//!
//! Each source is a bare mirror, `<id>.git`, refreshed with `git fetch`; `<id>.fetched`
//! holds the Unix time of the last successful fetch, for the "copy is N days old" notice.
//! Fetching shells out to the `git` command (git2 is built without network transports here,
//! and the command honours the user's ssh and credential set-up), never prompts, stays
//! silent, and gives up after `CODESOCIAL_GIT_TIMEOUT` seconds. A first copy is cloned into
//! a temporary folder and renamed into place, so a copy is either whole or absent.

use std::ffi::OsString;
use std::path::{Path, PathBuf};
use std::process::{Command, Stdio};
use std::time::{Duration, Instant};

use crate::i18n::ecosystem::GitFailure;

/// Seconds a git command may run by default; `CODESOCIAL_GIT_TIMEOUT` overrides it.
pub const DEFAULT_TIMEOUT: u64 = 120;

/// The cache folder of one #CodeSocial.
#[derive(Debug, Clone)]
pub struct Cache {
    root: PathBuf,
}

/// What [`Cache::ensure`] achieved.
#[derive(Debug, Clone, PartialEq)]
pub enum Copy {
    /// Cloned or fetched just now.
    Fresh { path: PathBuf, fetched_at: i64 },
    /// The copy as it was; `refresh_error` says why it could not be refreshed, if tried.
    Cached {
        path: PathBuf,
        fetched_at: Option<i64>,
        refresh_error: Option<String>,
    },
}

impl Copy {
    pub fn path(&self) -> &Path {
        match self {
            Copy::Fresh { path, .. } | Copy::Cached { path, .. } => path,
        }
    }
}

impl Cache {
    /// The cache of the #CodeSocial in `dir`.
    pub fn new(dir: &Path) -> Self {
        Cache {
            root: dir.join(".codesocial").join("cache"),
        }
    }

    fn mirror(&self, id: &str) -> PathBuf {
        self.root.join(format!("{id}.git"))
    }

    fn stamp(&self, id: &str) -> PathBuf {
        self.root.join(format!("{id}.fetched"))
    }

    /// When the copy of `id` was last fetched, if it was.
    pub fn fetched_at(&self, id: &str) -> Option<i64> {
        std::fs::read_to_string(self.stamp(id))
            .ok()
            .and_then(|s| s.trim().parse().ok())
    }

    /// A usable copy of `url` for `id`: cloned when there is none (or it mirrors another
    /// URL), fetched again when `refresh` is asked, else as it is.
    pub fn ensure(&self, id: &str, url: &str, refresh: bool) -> Result<Copy, String> {
        let mirror = self.mirror(id);
        if mirror.is_dir() && mirrors(&mirror, url) {
            if !refresh {
                return Ok(Copy::Cached {
                    path: mirror,
                    fetched_at: self.fetched_at(id),
                    refresh_error: None,
                });
            }
            return Ok(match self.fetch(id, &mirror) {
                Ok(fetched_at) => Copy::Fresh {
                    path: mirror,
                    fetched_at,
                },
                Err(reason) => Copy::Cached {
                    path: mirror,
                    fetched_at: self.fetched_at(id),
                    refresh_error: Some(reason),
                },
            });
        }
        let fetched_at = self.clone_fresh(id, url, &mirror)?;
        Ok(Copy::Fresh {
            path: mirror,
            fetched_at,
        })
    }

    fn fetch(&self, id: &str, mirror: &Path) -> Result<i64, String> {
        let mut args: Vec<OsString> = vec!["--git-dir".into(), mirror.into()];
        args.extend(["fetch", "--quiet", "--prune", "origin"].map(OsString::from));
        run_git(&args)?;
        self.write_stamp(id)
    }

    /// Clones into a temporary folder of the cache, then renames it into place.
    fn clone_fresh(&self, id: &str, url: &str, mirror: &Path) -> Result<i64, String> {
        self.prepare().map_err(cache_failure)?;
        let tmp = tempfile::Builder::new()
            .prefix(".tmp-")
            .tempdir_in(&self.root)
            .map_err(cache_failure)?;
        let target = tmp.path().join("copy.git");
        let args: Vec<OsString> = vec![
            "clone".into(),
            "--quiet".into(),
            "--mirror".into(),
            "--".into(),
            url.into(),
            target.clone().into(),
        ];
        run_git(&args)?;
        if mirror.exists() {
            // Only ever a mirror this cache made itself (another URL before).
            std::fs::remove_dir_all(mirror).map_err(cache_failure)?;
        }
        std::fs::rename(&target, mirror).map_err(cache_failure)?;
        self.write_stamp(id)
    }

    /// Creates the cache folder, with a `.gitignore` that keeps it out of the repository.
    fn prepare(&self) -> std::io::Result<()> {
        std::fs::create_dir_all(&self.root)?;
        let ignore = self.root.join(".gitignore");
        if !ignore.exists() {
            std::fs::write(
                ignore,
                "# Written by codesocial: copies of the ecosystem's #CodeSocials.\n*\n",
            )?;
        }
        Ok(())
    }

    fn write_stamp(&self, id: &str) -> Result<i64, String> {
        let now = crate::date::now();
        let tmp = self.root.join(format!(".{id}.fetched.tmp"));
        std::fs::write(&tmp, format!("{now}\n"))
            .and_then(|()| std::fs::rename(&tmp, self.stamp(id)))
            .map_err(cache_failure)?;
        Ok(now)
    }
}

fn cache_failure(e: impl std::fmt::Display) -> String {
    GitFailure::Cache {
        detail: &e.to_string(),
    }
    .text()
}

/// Whether the mirror at `path` was cloned from `url`.
fn mirrors(path: &Path, url: &str) -> bool {
    let Ok(repo) = git2::Repository::open_bare(path) else {
        return false;
    };
    let Ok(remote) = repo.find_remote("origin") else {
        return false;
    };
    remote.url().is_ok_and(|u| u == url)
}

/// Seconds a git command may take.
fn timeout() -> u64 {
    std::env::var("CODESOCIAL_GIT_TIMEOUT")
        .ok()
        .and_then(|v| v.trim().parse().ok())
        .filter(|&s: &u64| s > 0)
        .unwrap_or(DEFAULT_TIMEOUT)
}

/// Runs `git` quietly, without prompts, within the time limit. The error is the reason to
/// show: git's last line of complaint, a time-out, or git missing.
pub fn run_git(args: &[OsString]) -> Result<(), String> {
    let stderr = tempfile::tempfile().map_err(cache_failure)?;
    let err_copy = stderr.try_clone().map_err(cache_failure)?;
    let mut child = Command::new("git")
        .args(["-c", "protocol.ext.allow=never"])
        .args(args)
        .env("GIT_TERMINAL_PROMPT", "0")
        .stdin(Stdio::null())
        .stdout(Stdio::null())
        .stderr(Stdio::from(err_copy))
        .spawn()
        .map_err(|e| match e.kind() {
            std::io::ErrorKind::NotFound => GitFailure::NoGit.text(),
            _ => GitFailure::Said {
                detail: &e.to_string(),
            }
            .text(),
        })?;
    let limit = timeout();
    let started = Instant::now();
    let status = loop {
        match child.try_wait() {
            Ok(Some(status)) => break status,
            Ok(None) if started.elapsed() >= Duration::from_secs(limit) => {
                let _ = child.kill();
                let _ = child.wait();
                return Err(GitFailure::TimedOut { seconds: limit }.text());
            }
            Ok(None) => std::thread::sleep(Duration::from_millis(25)),
            Err(e) => {
                return Err(GitFailure::Said {
                    detail: &e.to_string(),
                }
                .text())
            }
        }
    };
    if status.success() {
        return Ok(());
    }
    Err(last_complaint(stderr))
}

/// git's most telling line: the first `fatal:` or `error:` one (later ones are generic),
/// else the last line.
fn last_complaint(mut file: std::fs::File) -> String {
    use std::io::{Read, Seek};
    let mut text = String::new();
    let _ = file.rewind();
    let _ = file.take(64 * 1024).read_to_string(&mut text);
    let lines: Vec<&str> = text
        .lines()
        .map(str::trim)
        .filter(|l| !l.is_empty())
        .collect();
    let line = lines
        .iter()
        .find(|l| l.starts_with("fatal:") || l.starts_with("error:"))
        .or(lines.last())
        .copied();
    let Some(line) = line else {
        return GitFailure::Unknown.text();
    };
    let detail = line
        .trim_start_matches("fatal:")
        .trim_start_matches("error:")
        .trim();
    GitFailure::Said { detail }.text()
}
