//! The Markdown renderer of the site: never panics, and what it writes carries no script,
//! no event handler and no `javascript:`/`vbscript:`/`data:` URL, whatever the body holds.
//! Tags are parsed (the sanitiser's output quotes every attribute value with `"`), so text
//! that merely reads `onerror=` is not mistaken for an attribute.
#![no_main]

use std::collections::BTreeSet;

use codesocial::site::content::{render, Place};
use libfuzzer_sys::fuzz_target;

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

fuzz_target!(|body: &str| {
    let paths: BTreeSet<String> =
        ["images/a.png".to_string(), "membres/alex.md".to_string()].into();
    let place = Place {
        from: "principes/essentiel/ecoute.md",
        root: "../../",
        paths: &paths,
    };
    let html = render(body, &place).html;
    for (name, attrs) in tags(&html) {
        assert!(
            !matches!(
                name.as_str(),
                "script"
                    | "iframe"
                    | "object"
                    | "embed"
                    | "style"
                    | "svg"
                    | "math"
                    | "base"
                    | "meta"
                    | "link"
            ),
            "<{name}> in {html}"
        );
        for (attr, value) in attrs {
            assert!(
                !attr.starts_with("on") && attr != "style",
                "{attr} on <{name}> in {html}"
            );
            let is_url = matches!(
                attr.as_str(),
                "href"
                    | "src"
                    | "xlink:href"
                    | "action"
                    | "formaction"
                    | "srcset"
                    | "poster"
                    | "cite"
                    | "background"
            );
            let v = value.trim().to_ascii_lowercase();
            assert!(
                !is_url
                    || !["javascript:", "vbscript:", "data:"]
                        .iter()
                        .any(|s| v.starts_with(s)),
                "{attr}={value} in {html}"
            );
        }
    }
});
