//! Copies of the ecosystem's git sources, kept in the user's cache folder — never in the
//! #CodeSocial itself, which a pull request writes — so that every command works offline
//! once a source has been fetched.
//!
//! The cache is `CODESOCIAL_CACHE_DIR` when set, else `codesocial/` in the platform's cache
//! folder (`$XDG_CACHE_HOME` or `~/.cache` on Linux, `~/Library/Caches` on macOS,
//! `%LOCALAPPDATA%` on Windows). Each source is a bare repository `git/<name>-<hash>.git`
//! keyed by its URL (as cargo keys `~/.cargo/git/db/`), so two #CodeSocials naming the same
//! partner share one copy and a changed URL is a new copy, never a deletion. A copy is
//! made in a temporary folder and renamed into place: it is whole or absent. Its
//! `config` is written by this module before every fetch, and the fetch names its URL and
//! refspecs on the command line ([`super::git`]): nothing a copy holds can make git run a
//! program. A path that is a symbolic link, not a folder, or inside the #CodeSocial's
//! repository is refused, never followed, deleted or written.

use std::ffi::OsString;
use std::path::{Path, PathBuf};

use super::error::{EcoError, Refusal};
use super::git::{self, Deadline};

/// Where each copy records when it was last fetched (Unix seconds).
const STAMP: &str = "codesocial-fetched";

/// The reference a fetch stores the source's `HEAD` under (its default branch).
pub const HEAD_REF: &str = "refs/codesocial/head";

/// The configuration every copy gets before git runs in it: nothing but a bare repository.
const CONFIG: &str = "# Written by codesocial before every fetch; changes are overwritten.\n\
[core]\n\trepositoryformatversion = 0\n\tfilemode = true\n\tbare = true\n\tlogallrefupdates = false\n\
[gc]\n\tauto = 0\n";

/// The refs a fetch brings: every branch and tag, and the default branch.
const REFSPECS: &[&str] = &[
    "+HEAD:refs/codesocial/head",
    "+refs/heads/*:refs/heads/*",
    "+refs/tags/*:refs/tags/*",
];

/// The cache, as seen from one #CodeSocial.
#[derive(Debug, Clone)]
pub struct Cache {
    /// `CODESOCIAL_CACHE_DIR`, or `<platform cache>/codesocial`.
    base: PathBuf,
}

/// A copy of one source.
#[derive(Debug, Clone, PartialEq)]
pub struct Copy {
    pub path: PathBuf,
    /// When it was last fetched (Unix seconds), if known.
    pub fetched_at: Option<i64>,
}

impl Cache {
    /// The cache for the #CodeSocial in `dir`. Refused when it lies inside `dir` or inside
    /// the work tree of `dir`'s repository.
    pub fn for_codesocial(dir: &Path) -> Result<Cache, EcoError> {
        let base = match std::env::var_os("CODESOCIAL_CACHE_DIR").filter(|v| !v.is_empty()) {
            Some(v) => std::path::absolute(PathBuf::from(v))
                .map_err(|e| EcoError::cache_io(Path::new("CODESOCIAL_CACHE_DIR"), &e))?,
            None => dirs::cache_dir()
                .ok_or(EcoError::NoCacheDir)?
                .join("codesocial"),
        };
        let cache = Cache { base };
        let resolved = resolved(&cache.base);
        if repository_roots(dir)
            .iter()
            .any(|r| resolved.starts_with(r))
        {
            return Err(EcoError::CacheRefused {
                path: cache.base,
                why: Refusal::InsideRepository,
            });
        }
        Ok(cache)
    }

    /// The folder of the cache, for messages.
    pub fn location(&self) -> &Path {
        &self.base
    }

    fn root(&self) -> PathBuf {
        self.base.join("git")
    }

    fn mirror(&self, url: &str) -> PathBuf {
        self.root().join(format!("{}.git", key(url)))
    }

    /// The copy of `url`, if one exists. Never touches the network.
    pub fn existing(&self, url: &str) -> Result<Option<Copy>, EcoError> {
        let mirror = self.mirror(url);
        if !self.guard(&mirror)? {
            return Ok(None);
        }
        Ok(Some(Copy {
            fetched_at: fetched_at(&mirror),
            path: mirror,
        }))
    }

    /// Fetches `url` into its copy, making the copy on first use.
    pub fn fetch(&self, url: &str, deadline: &Deadline) -> Result<Copy, EcoError> {
        let mirror = self.mirror(url);
        if self.guard(&mirror)? {
            fetch_into(&mirror, url, deadline)?;
        } else {
            self.create(&mirror, url, deadline)?;
        }
        let now = crate::date::now();
        write_in(&mirror, STAMP, &format!("{now}\n"))?;
        Ok(Copy {
            path: mirror,
            fetched_at: Some(now),
        })
    }

    /// Whether `path` exists, after checking that it and the cache folders above it are
    /// real folders (no symbolic link, no file).
    fn guard(&self, path: &Path) -> Result<bool, EcoError> {
        for p in [self.base.clone(), self.root(), path.to_path_buf()] {
            let meta = match std::fs::symlink_metadata(&p) {
                Ok(meta) => meta,
                Err(e) if e.kind() == std::io::ErrorKind::NotFound => return Ok(false),
                Err(e) => return Err(EcoError::cache_io(&p, &e)),
            };
            let why = if meta.file_type().is_symlink() {
                Refusal::Symlink
            } else if !meta.is_dir() {
                Refusal::NotAFolder
            } else {
                continue;
            };
            return Err(EcoError::CacheRefused { path: p, why });
        }
        Ok(true)
    }

    /// Makes the copy of `url` in a temporary folder, then renames it into place.
    fn create(&self, mirror: &Path, url: &str, deadline: &Deadline) -> Result<(), EcoError> {
        let root = self.root();
        std::fs::create_dir_all(&root).map_err(|e| EcoError::cache_io(&root, &e))?;
        // Made just now: still check that no link was put in its place.
        self.guard(&root)?;
        // What a killed fetch left (named so, marked so, its process gone), and only that.
        crate::guard::sweep_stale(&root, TMP_PREFIX, TMP_MARKER, TMP_HEAD);
        let tmp = tempfile::Builder::new()
            .prefix(TMP_PREFIX)
            .tempdir_in(&root)
            .map_err(|e| EcoError::cache_io(&root, &e))?;
        crate::guard::mark_temporary(tmp.path(), TMP_MARKER, TMP_HEAD)
            .map_err(|e| EcoError::cache_io(&tmp.path().join(TMP_MARKER), &e))?;
        let target = tmp.path().join("copy.git");
        let mut opts = git2::RepositoryInitOptions::new();
        opts.bare(true).external_template(false);
        git2::Repository::init_opts(&target, &opts)
            .map_err(|e| EcoError::cache_git(&target, &e))?;
        fetch_into(&target, url, deadline)?;
        match std::fs::rename(&target, mirror) {
            Ok(()) => Ok(()),
            // Another run made the same copy meanwhile: it is as good as this one.
            Err(_) if self.guard(mirror)? => Ok(()),
            Err(e) => Err(EcoError::cache_io(mirror, &e)),
        }
    }
}

/// The name of the folders a first fetch makes its copy in, in the cache.
const TMP_PREFIX: &str = ".tmp-";
/// The marker of such a folder ([`crate::guard::mark_temporary`]), so that the next
/// fetch removes what a killed one left, and nothing else.
const TMP_MARKER: &str = ".codesocial-fetching";
/// Its first line.
const TMP_HEAD: &str = "codesocial: a copy being fetched; left behind, it comes from an interrupted `codesocial fetch`";

/// `git fetch` of every branch and tag of `url` into the bare repository `mirror`, whose
/// configuration is first reset to [`CONFIG`]; its `HEAD` then names the source's default
/// branch's commit.
fn fetch_into(mirror: &Path, url: &str, deadline: &Deadline) -> Result<(), EcoError> {
    write_in(mirror, "config", CONFIG)?;
    let mut args: Vec<OsString> = vec!["--git-dir".into(), mirror.into()];
    args.extend(
        [
            "fetch",
            "--quiet",
            "--force",
            "--prune",
            "--no-tags",
            "--no-write-fetch-head",
            "--no-recurse-submodules",
            "--update-head-ok",
            "--upload-pack=git-upload-pack",
            "--",
            url,
        ]
        .map(OsString::from),
    );
    args.extend(REFSPECS.iter().map(OsString::from));
    git::run(&args, mirror, deadline)?;
    let store = crate::history::Store::open_bare(mirror).map_err(EcoError::History)?;
    let head = store
        .git()
        .refname_to_id(HEAD_REF)
        .map_err(|_| EcoError::NoCommit)?;
    store
        .git()
        .set_head_detached(head)
        .map_err(|e| EcoError::cache_git(mirror, &e))
}

/// Writes `name` in the folder `dir` (ours) through a temporary file and a rename.
fn write_in(dir: &Path, name: &str, text: &str) -> Result<(), EcoError> {
    let tmp = dir.join(format!(".{name}.codesocial-tmp"));
    let path = dir.join(name);
    std::fs::write(&tmp, text)
        .and_then(|()| std::fs::rename(&tmp, &path))
        .map_err(|e| EcoError::cache_io(&path, &e))
}

fn fetched_at(mirror: &Path) -> Option<i64> {
    std::fs::read_to_string(mirror.join(STAMP))
        .ok()
        .and_then(|s| s.trim().parse().ok())
}

/// The name of a source's copy: the last word of its URL, readable, and 16 hex digits of
/// the URL's SHA-1 so that two URLs never share a copy.
fn key(url: &str) -> String {
    let hash = git2::Oid::hash_object(git2::ObjectType::Blob, url.as_bytes())
        .map(|o| o.to_string())
        .unwrap_or_else(|_| "0".repeat(40));
    let last = url
        .trim_end_matches(['/', '\\'])
        .rsplit(['/', ':', '\\'])
        .next()
        .unwrap_or_default();
    let last = last.strip_suffix(".git").unwrap_or(last);
    let name: String = last
        .chars()
        .map(|c| match c {
            'a'..='z' | '0'..='9' | '-' | '_' => c,
            'A'..='Z' => c.to_ascii_lowercase(),
            _ => '-',
        })
        .take(40)
        .collect();
    let name = name.trim_matches('-');
    let name = if name.is_empty() { "source" } else { name };
    format!("{name}-{}", &hash[..16])
}

/// The folders the cache must stay out of: the #CodeSocial's own, and its repository's
/// work tree when it has one (both resolved, links followed).
fn repository_roots(dir: &Path) -> Vec<PathBuf> {
    let mut roots = vec![resolved(dir)];
    if let Some(work) = crate::history::discover_repository(dir)
        .ok()
        .and_then(|r| r.workdir().map(resolved))
    {
        roots.push(work);
    }
    roots
}

/// `path` with links resolved as far as it exists, the rest appended as it is.
fn resolved(path: &Path) -> PathBuf {
    let path = std::path::absolute(path).unwrap_or_else(|_| path.to_path_buf());
    let mut missing = Vec::new();
    let mut existing = path.as_path();
    loop {
        if let Ok(real) = existing.canonicalize() {
            return missing.iter().rev().fold(real, |acc, part| acc.join(part));
        }
        match (existing.parent(), existing.file_name()) {
            (Some(parent), Some(name)) => {
                missing.push(name.to_os_string());
                existing = parent;
            }
            _ => return path,
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn keys_are_readable_distinct_and_safe() {
        let a = key("https://git.example.org/av/codesocial.git");
        assert!(a.starts_with("codesocial-") && a.len() == "codesocial-".len() + 16);
        assert_ne!(a, key("https://git.example.org/other/codesocial.git"));
        assert_eq!(a, key("https://git.example.org/av/codesocial.git"));
        assert!(key("git@host:org/Partner.Repo").starts_with("partner-repo-"));
        for hostile in [
            "file:///..",
            "https://x/../../..",
            "https://x/%2e%2e",
            "ssh://h/",
        ] {
            let k = key(hostile);
            assert!(
                k.chars()
                    .all(|c| c.is_ascii_alphanumeric() || c == '-' || c == '_'),
                "{k}"
            );
            assert!(!k.starts_with('-') && !k.starts_with('.'), "{k}");
        }
    }

    #[test]
    fn resolved_follows_what_exists() {
        let tmp = tempfile::tempdir().expect("tmp");
        let real = tmp.path().canonicalize().expect("canonical");
        assert_eq!(resolved(&tmp.path().join("a/b")), real.join("a/b"));
    }
}
