//! What a relative link written in content points at, decided once for `check` (is it
//! there?) and `build` (which URL does it become?).
//!
//! A link names a path relative to the file that holds it, then maybe a `#fragment`. The
//! path is percent-decoded and read in NFC; the fragment too, since ids are NFC. A path
//! that is a document of the format leads to that document's page; a folder leads to its
//! page when the site has one (the manifest's folder to the home page, `principes/<plan>/`
//! to the plan, `membres/`, `catalogue/`, `matrices/`, `principes/` to their lists), and
//! is an error otherwise; any other file of the repository is published as a file.
//!
//! One rule for names with reserved characters (`Budget 100%.pdf`, `compte rendu #3.pdf`,
//! `a?b.pdf`): the link's target is decoded once to find the file ([`split_local`]), and
//! the address the site writes is the file's path percent-encoded ([`encode_path`]), so
//! that a browser decoding it once finds the same name.

use std::collections::BTreeSet;

use crate::load::{classify, Place};

/// The repository as links see it: its files (NFC paths) and its declared plans.
#[derive(Debug, Clone, Copy)]
pub struct Tree<'a> {
    pub paths: &'a BTreeSet<String>,
    pub plans: &'a [String],
}

/// A page of the site that no document holds: the lists and the plans without an
/// introduction.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Section {
    Principes,
    Plan(String),
    Membres,
    Catalogue,
    Matrices,
}

/// Where a link leads.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Target {
    /// A web, mail or other address outside the repository: not ours to check.
    External,
    /// The same page (`#ancre`, or an empty path).
    Here { fragment: Option<String> },
    /// The page of a document of the format, by the document's path.
    Page {
        path: String,
        fragment: Option<String>,
    },
    /// A page of the site that is not a document's.
    Section {
        section: Section,
        fragment: Option<String>,
    },
    /// Another file of the repository, published under `fichiers/`.
    File {
        path: String,
        fragment: Option<String>,
    },
    /// A folder of the repository that has no page: `path` is the folder, `example` a file
    /// in it.
    Folder { path: String, example: String },
    /// Nothing of that name in the repository (`path` from the root).
    Missing { path: String },
    /// A path that climbs out of the repository.
    Outside,
}

/// Whether the site removes this address from its link: a drive letter (`S:\…`, `C:/…`,
/// a file of one computer), `file:`, or a script (`javascript:`, `vbscript:`, `data:`),
/// which the sanitiser drops (docs/security.md).
pub fn removed(dest: &str) -> bool {
    let dest = dest.trim();
    let Some((scheme, _)) = dest.split_once(':') else {
        return false;
    };
    let scheme = scheme.to_ascii_lowercase();
    removed_file(dest) || ["javascript", "vbscript", "data"].contains(&scheme.trim())
}

/// Whether `dest` is a file of one computer: a drive letter (`S:\…`, `C:/…`) or `file:`.
pub fn removed_file(dest: &str) -> bool {
    let Some((scheme, _)) = dest.trim().split_once(':') else {
        return false;
    };
    let scheme = scheme.to_ascii_lowercase();
    (scheme.len() == 1 && scheme.bytes().all(|b| b.is_ascii_alphabetic())) || scheme == "file"
}

/// Where the link `dest`, written in the file `from`, leads.
pub fn target(from: &str, dest: &str, tree: Tree) -> Target {
    if !is_local(dest) {
        return Target::External;
    }
    let (path, fragment) = split_local(dest);
    let fragment = fragment.filter(|f| !f.is_empty());
    if path.is_empty() {
        return Target::Here { fragment };
    }
    let Some(path) = resolve(from, &path) else {
        return Target::Outside;
    };
    if tree.paths.contains(&path) {
        return match classify(&path) {
            Place::Doc { .. } => Target::Page { path, fragment },
            _ => Target::File { path, fragment },
        };
    }
    folder(path, fragment, tree)
}

/// A path that is not a file: a folder with or without a page, or nothing.
fn folder(path: String, fragment: Option<String>, tree: Tree) -> Target {
    let prefix = if path.is_empty() {
        String::new()
    } else {
        format!("{path}/")
    };
    let Some(example) = tree
        .paths
        .range(prefix.clone()..)
        .next()
        .filter(|p| p.starts_with(&prefix))
        .cloned()
    else {
        return Target::Missing { path };
    };
    let section = |section| Target::Section {
        section,
        fragment: fragment.clone(),
    };
    let parts: Vec<&str> = path.split('/').collect();
    match parts.as_slice() {
        [""] if tree.paths.contains("codesocial.yaml") => Target::Page {
            path: "codesocial.yaml".into(),
            fragment,
        },
        ["principes"] => section(Section::Principes),
        ["membres"] => section(Section::Membres),
        ["catalogue"] => section(Section::Catalogue),
        ["matrices"] => section(Section::Matrices),
        ["principes", plan] => {
            let intro = format!("principes/{plan}/index.md");
            if tree.paths.contains(&intro) {
                Target::Page {
                    path: intro,
                    fragment,
                }
            } else if tree.plans.iter().any(|p| p == plan) {
                section(Section::Plan((*plan).to_string()))
            } else {
                Target::Folder { path, example }
            }
        }
        _ => Target::Folder { path, example },
    }
}

/// A link that points inside the repository: no scheme, not protocol-relative.
pub fn is_local(dest: &str) -> bool {
    if dest.is_empty() || dest.starts_with("//") {
        return false;
    }
    match dest.find(':') {
        // `mailto:`, `https:`… have a scheme; a colon after `/`, `?` or `#` does not count.
        Some(i) => dest[..i].contains(['/', '?', '#']),
        None => true,
    }
}

/// Splits a local link into its path (percent-decoded, NFC, query dropped) and its
/// fragment (percent-decoded, NFC).
pub fn split_local(dest: &str) -> (String, Option<String>) {
    let (path, fragment) = match dest.split_once('#') {
        Some((p, a)) => (p, Some(crate::slug::nfc(&percent_decode(a)).into_owned())),
        None => (dest, None),
    };
    let path = path.split('?').next().unwrap_or("");
    (
        crate::slug::nfc(&percent_decode(path)).into_owned(),
        fragment,
    )
}

/// Resolves a relative path against the folder of `from` (both `/`-separated, relative to
/// the repository root). `None` if it climbs out of the repository.
pub fn resolve(from: &str, path: &str) -> Option<String> {
    let mut parts: Vec<&str> = if let Some(abs) = path.strip_prefix('/') {
        return normalize(abs.split('/'));
    } else {
        from.split('/').collect()
    };
    parts.pop();
    normalize(parts.into_iter().chain(path.split('/')))
}

fn normalize<'a>(parts: impl Iterator<Item = &'a str>) -> Option<String> {
    let mut out: Vec<&str> = Vec::new();
    for p in parts {
        match p {
            "" | "." => {}
            ".." => {
                out.pop()?;
            }
            p => out.push(p),
        }
    }
    Some(out.join("/"))
}

/// `%XX` escapes decoded (percent-encoding), a malformed one kept as written, and bytes
/// that are not UTF-8 replaced: a link target is compared as text.
fn percent_decode(s: &str) -> String {
    percent_encoding::percent_decode_str(s)
        .decode_utf8_lossy()
        .into_owned()
}

/// The characters a path segment of an address the site writes keeps as they are: ASCII
/// letters and digits, `-`, `.`, `_`, `~` (RFC 3986's unreserved). Everything else,
/// `%`, `#`, `?`, spaces and non-ASCII characters included, is percent-encoded.
const SEGMENT: &percent_encoding::AsciiSet = &percent_encoding::NON_ALPHANUMERIC
    .remove(b'-')
    .remove(b'.')
    .remove(b'_')
    .remove(b'~');

/// What a fragment of an address the site writes encodes: what a URL never holds as it
/// is, and `%` (so that an id holding one is found once decoded).
const FRAGMENT: &percent_encoding::AsciiSet = &percent_encoding::CONTROLS
    .add(b' ')
    .add(b'"')
    .add(b'#')
    .add(b'%')
    .add(b'<')
    .add(b'>')
    .add(b'[')
    .add(b']')
    .add(b'\\')
    .add(b'^')
    .add(b'`')
    .add(b'{')
    .add(b'|')
    .add(b'}');

/// A `/`-separated path (a repository file's, as [`target`] found it) as the path of an
/// address: each segment percent-encoded, so that decoding it once gives the path back.
pub fn encode_path(path: &str) -> String {
    path.split('/')
        .map(|segment| percent_encoding::utf8_percent_encode(segment, SEGMENT).to_string())
        .collect::<Vec<_>>()
        .join("/")
}

/// What a link written in Markdown or a hint names a repository file by: its path with
/// only what a link cannot hold as it is percent-encoded (`%`, `#`, `?`, spaces,
/// parentheses, angle brackets, backslashes, control characters), accents kept, so that
/// [`split_local`] gives the path back.
pub fn link_path(path: &str) -> String {
    const LINK: &percent_encoding::AsciiSet = &percent_encoding::CONTROLS
        .add(b' ')
        .add(b'%')
        .add(b'#')
        .add(b'?')
        .add(b'(')
        .add(b')')
        .add(b'<')
        .add(b'>')
        .add(b'\\');
    let mut out = String::with_capacity(path.len());
    for c in path.chars() {
        match c {
            c if c.is_ascii() => out.extend(percent_encoding::utf8_percent_encode(
                c.encode_utf8(&mut [0; 4]),
                LINK,
            )),
            c if c.is_whitespace() || c.is_control() => {
                out.extend(percent_encoding::utf8_percent_encode(
                    c.encode_utf8(&mut [0; 4]),
                    percent_encoding::NON_ALPHANUMERIC,
                ))
            }
            c => out.push(c),
        }
    }
    out
}

/// The file a link names when the `#` or `?` written in it belong to the file's name
/// (`compte rendu #3.pdf` typed as it is): its path from the root, if the repository
/// holds it. A link reads them as the start of a fragment or a query.
pub fn literal_file(from: &str, dest: &str, tree: Tree) -> Option<String> {
    if !is_local(dest) || !dest.contains(['#', '?']) {
        return None;
    }
    let path = crate::slug::nfc(&percent_decode(dest)).into_owned();
    let path = resolve(from, &path)?;
    tree.paths.contains(&path).then_some(path)
}

/// An id (as [`split_local`] decoded it) as the fragment of an address.
pub fn encode_fragment(fragment: &str) -> String {
    percent_encoding::utf8_percent_encode(fragment, FRAGMENT).to_string()
}

/// Writes `target` (from the root) as a link relative to the folder of `from`.
pub fn relative_to(from: &str, target: &str) -> String {
    let from_dirs: Vec<&str> =
        from.split('/').collect::<Vec<_>>()[..from.matches('/').count()].to_vec();
    let target_parts: Vec<&str> = target.split('/').collect();
    let common = from_dirs
        .iter()
        .zip(&target_parts)
        .take_while(|(a, b)| a == b)
        .count();
    let mut parts: Vec<&str> = vec![".."; from_dirs.len() - common];
    parts.extend(&target_parts[common..]);
    parts.join("/")
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn addresses_the_site_removes_are_told() {
        for dest in [
            "S:\\Partage\\statuts.docx",
            "C:/Users/secretaire/statuts.docx",
            "file:///C:/Users/x.docx",
            "FILE://srv/x",
            "javascript:alert(1)",
            " data:text/html,x",
        ] {
            assert!(super::removed(dest), "{dest}");
        }
        for dest in [
            "https://example.org",
            "mailto:a@b.c",
            "../annexes/x.md",
            "tel:+33",
            "#a:b",
        ] {
            assert!(!super::removed(dest), "{dest}");
        }
    }

    #[test]
    fn local_links() {
        assert!(is_local("../membres/mathieu.md"));
        assert!(is_local("#ancre"));
        assert!(is_local("a.md#x:y"));
        assert!(!is_local("https://example.org"));
        assert!(!is_local("mailto:a@b.c"));
        assert!(!is_local("//cdn.example.org/x.js"));
    }

    #[test]
    fn resolves_paths() {
        assert_eq!(
            resolve("principes/eco/a.md", "../soc/b.md").as_deref(),
            Some("principes/soc/b.md")
        );
        assert_eq!(
            resolve("README.md", "membres/a.md").as_deref(),
            Some("membres/a.md")
        );
        assert_eq!(resolve("a.md", "../../etc/passwd"), None);
        assert_eq!(
            resolve("x/a.md", "/membres/a.md").as_deref(),
            Some("membres/a.md")
        );
        assert_eq!(split_local("a%20b.md?x=1#t%C3%A9").0, "a b.md");
        assert_eq!(split_local("a.md#t%C3%A9").1.as_deref(), Some("té"));
        assert_eq!(split_local("a.md#te\u{301}").1.as_deref(), Some("té"));
        assert_eq!(split_local("a%").0, "a%");
        assert_eq!(split_local("a%4").0, "a%4");
        assert_eq!(split_local("a%41").0, "aA");
    }

    #[test]
    fn addresses_decode_once_to_the_name() {
        for name in [
            "annexes/Budget 100%.pdf",
            "static/compte rendu #3.pdf",
            "a?b.pdf",
            "Résumé & notes+1 (v2).pdf",
            "a%20b.pdf",
        ] {
            let written = encode_path(name);
            assert!(!written.contains([' ', '#', '?']), "{written}");
            assert_eq!(split_local(&written).0, name);
        }
        assert_eq!(encode_path("images/plan.png"), "images/plan.png");
        assert_eq!(encode_path("a b/c%d.pdf"), "a%20b/c%25d.pdf");
        assert_eq!(encode_fragment("fn:1"), "fn:1");
        for name in [
            "compte rendu #3.pdf",
            "a?b (1).pdf",
            "Budget 100%.pdf",
            "été.pdf",
        ] {
            assert_eq!(split_local(&link_path(name)).0, name);
        }
        assert_eq!(
            link_path("été/compte rendu #3.pdf"),
            "été/compte%20rendu%20%233.pdf"
        );
        assert_eq!(
            split_local(&format!("#{}", encode_fragment("100% #a")))
                .1
                .as_deref(),
            Some("100% #a")
        );
    }

    #[test]
    fn folders_lead_to_their_page_or_nowhere() {
        let paths: BTreeSet<String> = [
            "codesocial.yaml",
            "membres/a.md",
            "principes/eco/index.md",
            "principes/soc/b.md",
            "images/x.png",
        ]
        .map(String::from)
        .into();
        let plans = ["eco".to_string(), "soc".to_string()];
        let tree = Tree {
            paths: &paths,
            plans: &plans,
        };
        let from = "principes/soc/b.md";
        assert!(
            matches!(target(from, "../../", tree), Target::Page { path, .. } if path == "codesocial.yaml")
        );
        assert!(
            matches!(target(from, "../eco/", tree), Target::Page { path, .. } if path == "principes/eco/index.md")
        );
        assert!(matches!(
            target(from, "./", tree),
            Target::Section {
                section: Section::Plan(_),
                ..
            }
        ));
        assert!(matches!(
            target(from, "../../membres", tree),
            Target::Section {
                section: Section::Membres,
                ..
            }
        ));
        assert!(
            matches!(target(from, "../../images/", tree), Target::Folder { example, .. } if example == "images/x.png")
        );
        assert!(matches!(
            target(from, "../../images/y.png", tree),
            Target::Missing { .. }
        ));
        assert!(matches!(
            target(from, "../../images/x.png#t", tree),
            Target::File { .. }
        ));
        assert_eq!(target(from, "?q=1", tree), Target::Here { fragment: None });
        assert_eq!(target(from, "../../../x.md", tree), Target::Outside);
        assert_eq!(relative_to(from, "membres/a.md"), "../../membres/a.md");
    }
}
