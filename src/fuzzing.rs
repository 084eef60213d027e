//! The work of each fuzz target (`fuzz/fuzz_targets/*.rs`), one function per target: each
//! runs a stage on arbitrary input and panics when an invariant breaks. The targets are one
//! call each, so that they cannot drift from the crate; `tests/testsuite/fuzzing.rs` calls
//! these functions on a few inputs, so `cargo test` compiles and runs them.

use std::collections::BTreeSet;

use crate::format::Kind;
use crate::load::frontmatter::{split, FrontMatterError};
use crate::load::yaml::{Node, Value};
use crate::load::{decode, parse_doc, SourceFile};
use crate::markdown::{is_local, render_alone, resolve, split_local, PageIds};
use crate::site::content::{render, Place};

/// The front-matter splitter: never panics; the ranges it returns lie inside the text, on
/// character boundaries, in order.
pub fn frontmatter(text: &str) {
    let inside = |r: &std::ops::Range<usize>| {
        r.start <= r.end
            && r.end <= text.len()
            && text.is_char_boundary(r.start)
            && text.is_char_boundary(r.end)
    };
    match split(text) {
        Ok(s) => {
            assert!(s.yaml.start <= s.yaml.end && s.yaml.end <= s.body && s.body <= text.len());
            assert!(inside(&s.yaml) && text.is_char_boundary(s.body));
        }
        Err(
            FrontMatterError::Missing(r)
            | FrontMatterError::Unterminated(r)
            | FrontMatterError::TooManyDashes(r)
            | FrontMatterError::LookAlike(r, _)
            | FrontMatterError::Invisible(r, _),
        ) => assert!(inside(&r), "{r:?}"),
        Err(FrontMatterError::OpeningMissing(r, closing)) => {
            assert!(inside(&r) && closing <= text.len() && text.is_char_boundary(closing));
        }
        Err(FrontMatterError::Empty) => assert!(text.trim().is_empty()),
    }
}

/// The YAML loader with spans, through the whole document parser: never panics, and every
/// span (of a diagnostic, a key or a value) lies inside the file on character boundaries.
pub fn yaml(data: &[u8]) {
    let Ok(text) = decode(data.to_vec()) else {
        return;
    };
    let file = SourceFile::new("membres/x.md".into(), text);
    for kind in [Kind::Membre, Kind::Matrice] {
        let (doc, diags) = parse_doc(&file, kind, "x".into(), None);
        for d in &diags {
            if let Some(span) = &d.span {
                assert!(
                    span.start <= span.end && span.end <= file.text.len(),
                    "{d:?}"
                );
            }
        }
        if let Some(root) = &doc.data {
            check_node(root, &file.text);
        }
    }
}

fn check_node(node: &Node, text: &str) {
    assert!(node.span.start <= node.span.end && node.span.end <= text.len());
    assert!(text.is_char_boundary(node.span.start) && text.is_char_boundary(node.span.end));
    match &node.value {
        Value::Map(entries) => {
            for (k, v) in entries {
                assert!(k.span.end <= text.len() && text.is_char_boundary(k.span.start));
                check_node(v, text);
            }
        }
        Value::Seq(items) => items.iter().for_each(|n| check_node(n, text)),
        _ => {}
    }
}

/// Link extraction and resolution: never panics, every link's span lies inside the body,
/// and a resolved path never climbs out of the repository (no `..`, no leading `/`, no
/// empty component).
pub fn links(body: &str) {
    let from = "principes/essentiel/ecoute.md";
    for link in render_alone(from, body).links {
        assert!(link.span.end <= body.len(), "{link:?}");
        if !is_local(&link.dest) {
            continue;
        }
        let (path, _anchor) = split_local(&link.dest);
        if let Some(target) = resolve(from, &path) {
            assert!(!target.starts_with('/'), "{target}");
            assert!(
                target
                    .split('/')
                    .all(|p| !p.is_empty() && p != ".." && p != "."),
                "{target}"
            );
        }
    }
}

/// The Markdown renderer of the site: never panics, and what it writes carries no script,
/// no event handler and no `javascript:`/`vbscript:`/`data:` URL, whatever the body holds.
/// Tags are parsed (the sanitiser's output quotes every attribute value with `"`), so text
/// that merely reads `onerror=` is not mistaken for an attribute.
pub fn markdown(body: &str) {
    let paths: BTreeSet<String> =
        ["images/a.png".to_string(), "membres/alex.md".to_string()].into();
    let page_ids = PageIds::default();
    let place = Place {
        from: "principes/essentiel/ecoute.md",
        root: "../../",
        paths: &paths,
        plans: &[],
        cache: None,
        page_ids: &page_ids,
    };
    let html = render(body, &place).html;
    for (name, attrs) in tags(&html) {
        assert!(
            !FORBIDDEN_TAGS.contains(&name.as_str()),
            "<{name}> in {html}"
        );
        for (attr, value) in attrs {
            assert!(
                !attr.starts_with("on") && attr != "style",
                "{attr} on <{name}> in {html}"
            );
            let v = value.trim().to_ascii_lowercase();
            assert!(
                !URL_ATTRIBUTES.contains(&attr.as_str())
                    || !["javascript:", "vbscript:", "data:"]
                        .iter()
                        .any(|s| v.starts_with(s)),
                "{attr}={value} in {html}"
            );
        }
    }
}

const FORBIDDEN_TAGS: &[&str] = &[
    "script", "iframe", "object", "embed", "style", "svg", "math", "base", "meta", "link",
];

const URL_ATTRIBUTES: &[&str] = &[
    "href",
    "src",
    "xlink:href",
    "action",
    "formaction",
    "srcset",
    "poster",
    "cite",
    "background",
];

/// Each tag of `html` as (name, [(attribute, value)]).
fn tags(html: &str) -> Vec<(String, Vec<(String, String)>)> {
    let mut out = Vec::new();
    let mut rest = html;
    while let Some(i) = rest.find('<') {
        rest = &rest[i + 1..];
        if rest.starts_with('/') || rest.starts_with('!') {
            continue;
        }
        let name: String = rest
            .chars()
            .take_while(|c| c.is_ascii_alphanumeric())
            .collect();
        rest = &rest[name.len()..];
        let mut attrs = Vec::new();
        loop {
            rest = rest.trim_start();
            if rest.is_empty() || rest.starts_with('>') || rest.starts_with("/>") {
                break;
            }
            let attr: String = rest
                .chars()
                .take_while(|c| !c.is_whitespace() && !matches!(c, '=' | '>' | '/'))
                .collect();
            rest = &rest[attr.len()..];
            let mut value = String::new();
            if let Some(after) = rest.strip_prefix("=\"") {
                let end = after.find('"').unwrap_or(after.len());
                value = after[..end].to_string();
                rest = &after[(end + 1).min(after.len())..];
            } else if attr.is_empty() {
                rest = &rest[rest.chars().next().map_or(0, char::len_utf8)..];
            }
            attrs.push((attr.to_ascii_lowercase(), value));
        }
        out.push((name.to_ascii_lowercase(), attrs));
    }
    out
}
