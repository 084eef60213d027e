//! Where an ecosystem member's #CodeSocial lives, read from the `source` its partner wrote:
//! a folder next to this one, or a git repository reached through the `git` command.
//!
//! A folder is always relative to the #CodeSocial that names it (`../partner`): an absolute
//! path would name a folder of one machine only, and messages name a folder as it was
//! written, never by the host's absolute path.

use std::path::{Path, PathBuf};

use percent_encoding::{
    percent_decode_str, percent_encode, utf8_percent_encode, AsciiSet, CONTROLS, NON_ALPHANUMERIC,
};

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
    /// read once: a git URL through [`git_identity`]; a folder's path with its `.` and
    /// `dir/..` steps taken.
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

/// Characters of a path segment written as they are in an identity; every other byte is
/// percent-encoded, so that `%61` and `a`, `é` and `%C3%A9` are one spelling.
const SEGMENT: &AsciiSet = &NON_ALPHANUMERIC
    .remove(b'-')
    .remove(b'.')
    .remove(b'_')
    .remove(b'~');

/// One spelling for every spelling of a git repository's URL, parsed by the `url` crate
/// (WHATWG rules): the scheme (`git+ssh` and `ssh+git` are `ssh`) and host in lower case,
/// the host without a trailing dot, `localhost` dropped from `file://`, the scheme's
/// default port dropped (443, 80, 22 for ssh, 9418 for git), no user for http(s) (a
/// login reaches the same repository), the path's `.` and `x/..` steps taken, empty
/// segments (`//`) dropped, percent-escapes decoded and the bytes re-encoded one way, the
/// trailing `/` and `.git` removed. `[user@]host:path` is read as git reads it: an
/// absolute path (`host:/srv/b`) is `ssh://host/srv/b`, a relative one (`host:org/b`)
/// lies in the user's home folder, `ssh://host/~/org/b` — two repositories for git, even
/// where a hosting service serves the same one under both names.
fn git_identity(source: &str) -> String {
    let source = source.trim();
    let written = if source.contains("://") {
        source.to_string()
    } else {
        match scp_as_url(source) {
            Some(url) => url,
            None => return format!("unparsed:{source}"),
        }
    };
    match url::Url::parse(&written) {
        Ok(url) => canonical(&url),
        Err(_) => format!("unparsed:{written}"),
    }
}

/// Characters of a `host:path` path escaped to put it in a URL: git decodes no escape in
/// it, and `#` or `?` there are part of the path.
const SCP_PATH: &AsciiSet = &CONTROLS.add(b'%').add(b'#').add(b'?').add(b' ');

/// `[user@]host:path` as the `ssh://` URL git reads it as.
fn scp_as_url(source: &str) -> Option<String> {
    let (authority, path) = source.split_once(':')?;
    let path = utf8_percent_encode(path, SCP_PATH).to_string();
    let path = if path.starts_with('/') {
        path.to_string()
    } else if path.starts_with('~') {
        format!("/{path}")
    } else {
        format!("/~/{path}")
    };
    Some(format!("ssh://{authority}{path}"))
}

fn canonical(url: &url::Url) -> String {
    let scheme = match url.scheme() {
        "git+ssh" | "ssh+git" => "ssh",
        other => other,
    };
    let user = match scheme {
        "http" | "https" | "file" => "",
        _ => url.username(),
    };
    let host = url.host_str().unwrap_or_default();
    let host = percent_decode_str(host).decode_utf8_lossy().to_lowercase();
    let host = host.strip_suffix('.').unwrap_or(&host);
    // git reads a `file://` URL's path on this machine, whatever names it.
    let host = if scheme == "file" && ["localhost", "127.0.0.1", "[::1]", "::1"].contains(&host) {
        ""
    } else {
        host
    };
    let default_port = match scheme {
        "ssh" => Some(22),
        "git" => Some(9418),
        // The `url` crate leaves out the default port of the schemes it knows.
        _ => None,
    };
    let port = url
        .port()
        .filter(|p| Some(*p) != default_port)
        .map(|p| format!(":{p}"))
        .unwrap_or_default();
    let mut segments: Vec<String> = Vec::new();
    // A file path's `%2F` is a `/` (git decodes the whole path); elsewhere a server may
    // tell an escaped slash from a separator.
    let decoded;
    let path = if scheme == "file" {
        decoded = percent_decode_str(url.path())
            .decode_utf8_lossy()
            .into_owned();
        decoded.as_str()
    } else {
        url.path()
    };
    for segment in path.split('/') {
        let bytes: Vec<u8> = percent_decode_str(segment).collect();
        match bytes.as_slice() {
            b"" | b"." => {}
            b".." => {
                segments.pop();
            }
            bytes => segments.push(percent_encode(bytes, SEGMENT).to_string()),
        }
    }
    while let Some(last) = segments.last_mut() {
        match last.strip_suffix(".git") {
            Some("") => {
                segments.pop();
            }
            Some(bare) => *last = bare.to_string(),
            None => break,
        }
    }
    let at = if user.is_empty() { "" } else { "@" };
    let user = percent_decode_str(user).decode_utf8_lossy();
    let query = url.query().map(|q| format!("?{q}")).unwrap_or_default();
    format!(
        "{scheme}://{user}{at}{host}{port}/{}{query}",
        segments.join("/")
    )
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
        // git's reading of `host:path`: absolute, or in the user's home folder.
        assert_eq!(
            id("git@Example.org:/org/b.git"),
            id("ssh://git@example.org/org/b")
        );
        assert_eq!(
            id("git@Example.org:org/b.git"),
            id("ssh://git@example.org/~/org/b")
        );
        assert_ne!(id("git@example.org:/org/b"), id("git@example.org:org/b"));
        // The spellings round 9's tester found read twice.
        for (a, b) in [
            ("file:///tmp/b", "file:///tmp/b/."),
            ("file:///tmp/b", "file:///tmp//b"),
            ("file:///tmp/b", "file://localhost/tmp/b"),
            ("file:///tmp/b", "file:///tmp/%62"),
            ("file:///tmp/b", "file:///tmp/x/../b"),
            // Round 10's: the loopback address, an escaped slash in a file path.
            ("file:///tmp/b", "file://127.0.0.1/tmp/b"),
            ("file:///tmp/x/b.git", "file:///tmp/x%2Fb.git"),
            ("https://example.org/org/b", "https://example.org:443/org/b"),
            (
                "https://example.org/org/b",
                "https://user@example.org/org/b",
            ),
            ("https://example.org/org/b", "https://example.org./org/b"),
            ("https://example.org/org/b", "https://example.org/org/%62"),
            (
                "https://example.org/org/b",
                "https://example.org/org/x/../b",
            ),
            (
                "ssh://git@example.org/org/b",
                "ssh://git@example.org:22/org/b",
            ),
            (
                "ssh://git@example.org/org/b",
                "git+ssh://git@example.org/org/b",
            ),
        ] {
            assert_eq!(id(a), id(b), "{a} {b}");
        }
        // A port, a user over ssh, a path's case and its escaped slash are other sources.
        for (a, b) in [
            (
                "https://example.org/org/b",
                "https://example.org:8443/org/b",
            ),
            (
                "ssh://git@example.org/org/b",
                "ssh://other@example.org/org/b",
            ),
            ("ssh://example.org/org/b", "ssh://example.org:2222/org/b"),
            ("https://example.org/org/b", "https://example.org/org%2Fb"),
            ("https://example.org/org/b", "http://example.org/org/b"),
        ] {
            assert_ne!(id(a), id(b), "{a} {b}");
        }
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

    /// A git repository as a model: what makes two sources one.
    #[derive(Debug, Clone)]
    struct Model {
        /// 0 https, 1 ssh with an absolute path, 2 ssh in the user's home, 3 file.
        kind: usize,
        host: usize,
        user: usize,
        /// A port other than the scheme's default.
        port: Option<u16>,
        segments: Vec<String>,
    }

    const HOSTS: [&str; 2] = ["example.org", "git.example.net"];
    const USERS: [&str; 2] = ["git", "anna"];

    impl Model {
        /// What tells repositories apart: no user for https or file, no host or port for
        /// file.
        fn key(&self) -> (usize, usize, usize, Option<u16>, &[String]) {
            let ssh = matches!(self.kind, 1 | 2);
            let file = self.kind == 3;
            (
                self.kind,
                if file { 0 } else { self.host },
                if ssh { self.user } else { 0 },
                if file { None } else { self.port },
                &self.segments,
            )
        }

        /// One spelling of the model, chosen by `pick`.
        fn spell(&self, pick: &mut impl FnMut(usize) -> usize) -> String {
            let cased = |s: &str, pick: &mut dyn FnMut(usize) -> usize| -> String {
                s.chars()
                    .map(|c| match pick(2) {
                        0 => c.to_ascii_uppercase(),
                        _ => c,
                    })
                    .collect()
            };
            let host = {
                let h = cased(HOSTS[self.host], pick);
                if pick(3) == 0 {
                    format!("{h}.")
                } else {
                    h
                }
            };
            let user = USERS[self.user];
            let mut path = String::new();
            for segment in &self.segments {
                match pick(5) {
                    0 => path.push_str("x/../"),
                    1 => path.push_str("./"),
                    2 => path.push('/'),
                    _ => {}
                }
                path.push_str(segment);
                path.push('/');
            }
            path.pop();
            let url_path = |path: &str, pick: &mut dyn FnMut(usize) -> usize| -> String {
                let mut out = String::new();
                for c in path.chars() {
                    if c != '/' && c != '.' && pick(4) == 0 {
                        let mut buf = [0; 4];
                        for b in c.encode_utf8(&mut buf).bytes() {
                            out.push_str(&format!("%{b:02X}"));
                        }
                    } else {
                        out.push(c);
                    }
                }
                out
            };
            let tail = ["", "/", ".git", ".git/"][pick(4)];
            let port = |default: u16, pick: &mut dyn FnMut(usize) -> usize| match self.port {
                Some(p) => format!(":{p}"),
                None if pick(2) == 0 => format!(":{default}"),
                None => String::new(),
            };
            match self.kind {
                0 => {
                    let scheme = cased("https", pick);
                    let login = ["", "someone@", "a:b@"][pick(3)];
                    let port = port(443, pick);
                    let path = url_path(&path, pick);
                    format!("{scheme}://{login}{host}{port}/{path}{tail}")
                }
                1 | 2 => {
                    let home = if self.kind == 2 { "~/" } else { "" };
                    if self.port.is_none() && pick(2) == 0 {
                        // `host:path`: a path in the home folder needs no `~/`.
                        let home = if home.is_empty() {
                            "/"
                        } else {
                            ["", "~/"][pick(2)]
                        };
                        let path = path.trim_start_matches('/');
                        return format!("{user}@{host}:{home}{path}{tail}");
                    }
                    let scheme = ["ssh", "git+ssh", "SSH"][pick(3)];
                    let port = port(22, pick);
                    let path = url_path(&path, pick);
                    format!("{scheme}://{user}@{host}{port}/{home}{path}{tail}")
                }
                _ => {
                    let host = ["", "localhost", "LocalHost"][pick(3)];
                    let path = url_path(&path, pick);
                    format!("file://{host}/srv/{path}{tail}")
                }
            }
        }
    }

    fn model() -> impl proptest::strategy::Strategy<Value = Model> {
        use proptest::prelude::*;
        (
            0usize..4,
            0usize..2,
            0usize..2,
            prop_oneof![Just(None), Just(Some(8443u16)), Just(Some(2222))],
            // No space at either end: a source is trimmed.
            proptest::collection::vec("[abAé_-]([abA é_-]{0,2}[abA_-])?", 1..4),
        )
            .prop_map(|(kind, host, user, port, segments)| Model {
                kind,
                host,
                user,
                port,
                segments,
            })
    }

    /// A choice stream for [`Model::spell`].
    fn picker(seed: u64) -> impl FnMut(usize) -> usize {
        let mut state = seed | 1;
        move |n| {
            state ^= state << 13;
            state ^= state >> 7;
            state ^= state << 17;
            (state % n as u64) as usize
        }
    }

    proptest::proptest! {
        /// Two sources have one identity exactly when they are one repository: every
        /// spelling of a model (case, default port, login, trailing dot, escapes, `.`,
        /// `x/..` and empty steps, `.git`, `host:path`, `localhost`) gives the same one,
        /// and two models that differ (path, host, port, ssh user, scheme, absolute or in
        /// the home folder) give two.
        #[test]
        fn one_identity_exactly_for_one_repository(
            a in model(),
            b in model(),
            seeds in proptest::array::uniform3(proptest::prelude::any::<u64>()),
        ) {
            let id = |s: &str| at(s).unwrap_or_else(|| panic!("{s}")).identity();
            let a1 = a.spell(&mut picker(seeds[0]));
            let a2 = a.spell(&mut picker(seeds[1]));
            let b1 = b.spell(&mut picker(seeds[2]));
            proptest::prop_assert_eq!(id(&a1), id(&a2), "{} {}", a1, a2);
            proptest::prop_assert_eq!(
                id(&a1) == id(&b1),
                a.key() == b.key(),
                "{} {} {:?} {:?}", a1, b1, a, b
            );
        }
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
