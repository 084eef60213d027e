//! Where an ecosystem member's #CodeSocial lives, read from the `source` its partner wrote:
//! a folder next to this one, or a git repository reached through the `git` command.
//!
//! A folder is always relative to the #CodeSocial that names it (`../partner`): an absolute
//! path would name a folder of one machine only, and messages name a folder as it was
//! written, never by the host's absolute path.

use std::path::{Path, PathBuf};

/// A source, understood.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Location {
    /// A folder, already joined to the folder of the #CodeSocial that names it.
    Folder(PathBuf),
    /// A git URL, handed to `git` as written.
    Git(String),
}

/// URL schemes git reaches on its own (no `ext::`, no remote helpers we cannot vouch for).
const SCHEMES: &[&str] = &["https", "http", "ssh", "git", "git+ssh", "ssh+git", "file"];

/// Reads a `source`. `None` when it is neither a relative folder path nor a supported git
/// URL, including anything git would take for an option.
pub fn locate(source: &str, base: &Path) -> Option<Location> {
    let source = source.trim();
    // `transport::address` would run a git remote helper (`ext::` runs a command).
    if source.is_empty() || source.starts_with('-') || source.contains("::") {
        return None;
    }
    if let Some((scheme, rest)) = source.split_once("://") {
        let known = SCHEMES.contains(&scheme.to_ascii_lowercase().as_str());
        return (known && !rest.is_empty()).then(|| Location::Git(source.to_string()));
    }
    if is_scp_like(source) {
        return Some(Location::Git(source.to_string()));
    }
    if is_absolute(source) {
        return None;
    }
    Some(Location::Folder(base.join(source)))
}

/// The first component of the folder source `source` (relative to `base`) that is a
/// symbolic link, as written (`./lnk`, `../a/lnk`): a folder source is never followed
/// through a link, as a document never is. `None` when no component is one.
pub fn symlinked_component(source: &str, base: &Path) -> Option<String> {
    let source = source.trim();
    let mut path = base.to_path_buf();
    let mut written = Vec::new();
    for part in source.split(['/', '\\']) {
        written.push(part);
        if part.is_empty() || part == "." {
            continue;
        }
        path.push(part);
        if part != ".." && std::fs::symlink_metadata(&path).is_ok_and(|m| m.is_symlink()) {
            return Some(written.join("/"));
        }
    }
    None
}

/// git's rule for `[user@]host:path`: a colon before the first slash. A single letter
/// before it is a Windows drive (`C:\…`), not a host.
fn is_scp_like(source: &str) -> bool {
    let Some(colon) = source.find(':') else {
        return false;
    };
    let before = &source[..colon];
    let host = before.rsplit('@').next().unwrap_or(before);
    !before.contains('/') && !before.contains('\\') && host.len() > 1
}

/// An absolute path on any platform: `/x`, `\\x`, `\\server\share`, `C:\x`, `C:/x`.
fn is_absolute(source: &str) -> bool {
    let bytes = source.as_bytes();
    let drive = bytes.len() >= 2 && bytes[0].is_ascii_alphabetic() && bytes[1] == b':';
    source.starts_with(['/', '\\']) || drive || Path::new(source).is_absolute()
}

impl Location {
    /// What names the same source however it is spelled, so that a source named twice is
    /// read once: a URL's scheme and host in lower case, its trailing slashes and `.git`
    /// removed, `user@host:path` written as `ssh://user@host/path`; a folder's path with
    /// its `.` and `dir/..` steps taken.
    pub fn identity(&self) -> String {
        match self {
            Location::Git(url) => git_identity(url),
            Location::Folder(path) => {
                let mut parts: Vec<std::path::Component<'_>> = Vec::new();
                for part in path.components() {
                    match part {
                        std::path::Component::CurDir => {}
                        std::path::Component::ParentDir
                            if matches!(parts.last(), Some(std::path::Component::Normal(_))) =>
                        {
                            parts.pop();
                        }
                        part => parts.push(part),
                    }
                }
                let path: PathBuf = parts.iter().collect();
                format!("folder:{}", path.display())
            }
        }
    }
}

fn git_identity(url: &str) -> String {
    let url = url.trim();
    let (scheme, rest) = match url.split_once("://") {
        Some((scheme, rest)) => (scheme.to_ascii_lowercase(), rest.to_string()),
        // `[user@]host:path`, as git reads it.
        None => match url.split_once(':') {
            Some((host, path)) => (
                "ssh".to_string(),
                format!("{host}/{}", path.trim_start_matches('/')),
            ),
            None => (String::new(), url.to_string()),
        },
    };
    let (authority, path) = rest.split_once('/').unwrap_or((&rest, ""));
    let authority = match authority.rsplit_once('@') {
        Some((user, host)) => format!("{user}@{}", host.to_ascii_lowercase()),
        None => authority.to_ascii_lowercase(),
    };
    let mut path = path.trim_end_matches('/');
    while let Some(bare) = path.strip_suffix(".git") {
        path = bare.trim_end_matches('/');
    }
    format!("{scheme}://{authority}/{path}")
}

#[cfg(test)]
mod tests {
    use super::*;

    fn at(source: &str) -> Option<Location> {
        locate(source, Path::new("/base"))
    }

    #[test]
    fn urls_and_paths_are_told_apart() {
        let git = |s: &str| Some(Location::Git(s.to_string()));
        assert_eq!(
            at("https://example.org/b.git"),
            git("https://example.org/b.git")
        );
        assert_eq!(at("file:///tmp/b"), git("file:///tmp/b"));
        assert_eq!(
            at("ssh://git@example.org/b"),
            git("ssh://git@example.org/b")
        );
        assert_eq!(
            at("git@example.org:org/b.git"),
            git("git@example.org:org/b.git")
        );
        assert_eq!(
            at("../b"),
            Some(Location::Folder(PathBuf::from("/base/../b")))
        );
        assert_eq!(
            at("partenaire/sous dossier"),
            Some(Location::Folder(PathBuf::from(
                "/base/partenaire/sous dossier"
            )))
        );
    }

    #[test]
    fn spellings_of_one_source_have_one_identity() {
        let id = |s: &str| at(s).expect(s).identity();
        let same = [
            "https://example.org/org/b",
            "https://example.org/org/b/",
            "https://example.org/org/b.git",
            "https://Example.ORG/org/b.git/",
            "HTTPS://example.org/org/b.git",
            " https://example.org/org/b ",
        ];
        for s in same {
            assert_eq!(id(s), id(same[0]), "{s}");
        }
        assert_eq!(
            id("git@Example.org:org/b.git"),
            id("ssh://git@example.org/org/b")
        );
        assert_eq!(id("../b"), id("../b/"));
        assert_eq!(id("../b"), id("./../b"));
        assert_eq!(id("../b"), id("../a/../b"));
        // Different repositories stay different: the path's case, another owner.
        assert_ne!(
            id("https://example.org/org/b"),
            id("https://example.org/Org/b")
        );
        assert_ne!(
            id("https://example.org/org/b"),
            id("https://example.org/org/c")
        );
        assert_ne!(id("../b"), id("../c"));
    }

    #[test]
    fn options_and_unknown_schemes_are_refused() {
        assert_eq!(at("--upload-pack=touch x"), None);
        assert_eq!(at("ext::sh -c touch% x"), None);
        assert_eq!(at("fd::3"), None);
        assert_eq!(at("ftp://example.org/b"), None);
        assert_eq!(at(""), None);
    }

    #[test]
    fn absolute_folders_are_refused() {
        for path in ["/etc", "/", "\\\\server\\share", "C:\\b", "c:/b", "\\b"] {
            assert_eq!(at(path), None, "{path}");
        }
    }
}
