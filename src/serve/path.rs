//! From a request path to a file of the built site, and nothing else.
//!
//! The preview serves one folder. A request must never reach a file outside it: not with
//! `..` (plain, percent-encoded or with backslashes), not through a symbolic link that
//! points out, not with a NUL byte. Directories are never listed: they answer with their
//! `index.html` or not at all.

use std::path::{Path, PathBuf};

/// What a request path names.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Target {
    /// A regular file inside the root (canonical path).
    File(PathBuf),
    /// A folder asked without its trailing slash: relative links need it. Always a path
    /// with one leading slash, never `//host` (a protocol-relative URL would send the
    /// browser to another site).
    Redirect(String),
    NotFound,
    /// A path that could only mean to escape or confuse: refused outright.
    BadRequest,
}

/// Resolves the path part of a request URL (no query) against `root`, which must be
/// canonical.
pub fn resolve(root: &Path, raw: &str) -> Target {
    let Some(segments) = segments(raw) else {
        return Target::BadRequest;
    };
    if segments.iter().any(|s| s.starts_with('.')) {
        // Hidden files are no part of a site; `.`/`..` were refused already.
        return Target::NotFound;
    }
    let candidate = segments.iter().fold(root.to_path_buf(), |p, s| p.join(s));
    let Some(found) = inside(root, &candidate) else {
        return Target::NotFound;
    };
    if found.is_dir() {
        if !raw.ends_with('/') {
            return Target::Redirect(format!("/{}/", raw.trim_start_matches('/')));
        }
        return match inside(root, &found.join("index.html")) {
            Some(index) if index.is_file() => Target::File(index),
            _ => Target::NotFound,
        };
    }
    if found.is_file() {
        Target::File(found)
    } else {
        Target::NotFound
    }
}

/// The canonical path of `candidate` when it exists and lies inside `root` once every
/// symbolic link is resolved.
fn inside(root: &Path, candidate: &Path) -> Option<PathBuf> {
    let canonical = candidate.canonicalize().ok()?;
    canonical.starts_with(root).then_some(canonical)
}

/// The decoded, non-empty segments of a path, or `None` when the path is refused.
fn segments(raw: &str) -> Option<Vec<String>> {
    if !raw.starts_with('/') || raw.bytes().any(|b| b.is_ascii_control() || b == b'\\') {
        return None;
    }
    let decoded = String::from_utf8(percent_decode(raw)?).ok()?;
    if decoded.contains(['\0', '\\']) {
        return None;
    }
    let mut out = Vec::new();
    for segment in decoded.split('/').filter(|s| !s.is_empty()) {
        // `:` would name a drive or an alternate data stream on Windows.
        if segment == "." || segment == ".." || segment.contains(':') {
            return None;
        }
        out.push(segment.to_string());
    }
    Some(out)
}

/// Decodes `%XX` escapes (percent-encoding); `None` on a malformed escape, which the
/// crate would keep as written.
fn percent_decode(s: &str) -> Option<Vec<u8>> {
    let well_formed = s.match_indices('%').all(|(i, _)| {
        s.get(i + 1..i + 3)
            .is_some_and(|h| h.bytes().all(|b| b.is_ascii_hexdigit()))
    });
    well_formed.then(|| percent_encoding::percent_decode_str(s).collect())
}

#[cfg(test)]
mod tests {
    use super::*;

    fn site() -> (tempfile::TempDir, PathBuf) {
        let tmp = tempfile::tempdir().expect("temp dir");
        let root = tmp.path().join("site");
        std::fs::create_dir_all(root.join("principes/ecologique")).expect("mkdir");
        std::fs::create_dir_all(root.join("vide")).expect("mkdir");
        std::fs::write(root.join("index.html"), "home").expect("write");
        std::fs::write(root.join("principes/ecologique/index.html"), "eco").expect("write");
        std::fs::write(root.join("r\u{e9}sum\u{e9}.txt"), "accents").expect("write");
        std::fs::write(root.join(".secret"), "hidden").expect("write");
        std::fs::write(tmp.path().join("outside.txt"), "secret").expect("write");
        let root = root.canonicalize().expect("canonical");
        (tmp, root)
    }

    #[test]
    fn serves_files_and_folder_indexes() {
        let (_tmp, root) = site();
        assert_eq!(resolve(&root, "/"), Target::File(root.join("index.html")));
        assert_eq!(
            resolve(&root, "/principes/ecologique/"),
            Target::File(root.join("principes/ecologique/index.html"))
        );
        assert_eq!(
            resolve(&root, "/r%C3%A9sum%C3%A9.txt"),
            Target::File(root.join("r\u{e9}sum\u{e9}.txt"))
        );
    }

    #[test]
    fn folders_without_slash_redirect_and_are_never_listed() {
        let (_tmp, root) = site();
        assert_eq!(
            resolve(&root, "/principes"),
            Target::Redirect("/principes/".into())
        );
        assert_eq!(resolve(&root, "/vide/"), Target::NotFound);
    }

    #[test]
    fn traversal_in_every_spelling_is_refused() {
        let (_tmp, root) = site();
        for raw in [
            "/../outside.txt",
            "/principes/../../outside.txt",
            "/%2e%2e/outside.txt",
            "/%2E%2E%2Foutside.txt",
            "/..%5Coutside.txt",
            "/..\\outside.txt",
            "/index.html%00.txt",
            "/C:/Windows/win.ini",
            "/%zz",
            "relative",
        ] {
            assert_eq!(resolve(&root, raw), Target::BadRequest, "{raw}");
        }
        assert_eq!(resolve(&root, "/.secret"), Target::NotFound);
        assert_eq!(resolve(&root, "/missing.html"), Target::NotFound);
    }

    #[test]
    fn redirects_keep_one_leading_slash() {
        let (_tmp, root) = site();
        for raw in ["//principes", "///principes", "/principes"] {
            assert_eq!(
                resolve(&root, raw),
                Target::Redirect("/principes/".into()),
                "{raw}"
            );
        }
        assert_eq!(resolve(&root, "/\\principes"), Target::BadRequest);
    }

    /// Pieces request paths are made of: separators in every spelling, and the names of
    /// the test site's folders (so that redirects happen).
    fn piece() -> impl proptest::strategy::Strategy<Value = &'static str> {
        proptest::sample::select(vec![
            "/",
            "//",
            "\\",
            "%2f",
            "%2F",
            "%5c",
            "principes",
            "ecologique",
            "vide",
            "..",
            ".",
            "evil.example",
            "?",
        ])
    }

    proptest::proptest! {
        /// Whatever the request path, a redirect stays on this site: one leading slash,
        /// then no slash or backslash.
        #[test]
        fn no_path_redirects_off_site(pieces in proptest::collection::vec(piece(), 0..8)) {
            let (_tmp, root) = site();
            let raw = pieces.concat();
            if let Target::Redirect(to) = resolve(&root, &raw) {
                proptest::prop_assert!(to.starts_with('/'), "{} -> {}", raw, to);
                proptest::prop_assert!(!to[1..].starts_with(['/', '\\']), "{} -> {}", raw, to);
            }
        }
    }

    #[cfg(unix)]
    #[test]
    fn symlinks_pointing_out_are_not_followed() {
        let (tmp, root) = site();
        std::os::unix::fs::symlink(tmp.path().join("outside.txt"), root.join("lien.txt"))
            .expect("symlink");
        std::os::unix::fs::symlink(tmp.path(), root.join("dehors")).expect("symlink");
        assert_eq!(resolve(&root, "/lien.txt"), Target::NotFound);
        assert_eq!(resolve(&root, "/dehors/outside.txt"), Target::NotFound);
    }
}
