//! Raw HTML written in content, made safe by ammonia: no script, no event handler, no
//! `javascript:` URL, no iframe, no SVG. Ids are kept (writers anchor articles with
//! `<a id="art-3"></a>`), and so are the classes of footnotes.

use std::sync::OnceLock;

fn cleaner() -> &'static ammonia::Builder<'static> {
    static CLEANER: OnceLock<ammonia::Builder<'static>> = OnceLock::new();
    CLEANER.get_or_init(|| {
        let mut b = ammonia::Builder::default();
        b.add_generic_attributes(["id"]);
        b.add_allowed_classes("div", ["footnote-definition"]);
        b.add_allowed_classes("sup", ["footnote-reference", "footnote-definition-label"]);
        b.link_rel(None);
        b
    })
}

/// Removes everything dangerous from HTML written in content.
pub fn clean(html: &str) -> String {
    cleaner().clean(html).to_string()
}

/// Deepest element nesting handed to the sanitiser. html5ever's scope checks make deeper
/// trees quadratic (100,000 nested `>` would take minutes) and no real document comes near;
/// a text past it is shown as plain text.
pub const MAX_HTML_DEPTH: usize = 256;

/// Elements that have no end tag.
const VOID: &[&str] = &[
    "area", "base", "br", "col", "embed", "hr", "img", "input", "link", "meta", "param", "source",
    "track", "wbr",
];

/// An upper bound of the element nesting of `html`, by counting start and end tags (linear).
pub fn nesting_depth(html: &str) -> usize {
    let bytes = html.as_bytes();
    let (mut depth, mut max) = (0usize, 0usize);
    let mut i = 0;
    while let Some(off) = bytes[i..].iter().position(|&b| b == b'<') {
        i += off + 1;
        match bytes.get(i) {
            Some(b'/') => depth = depth.saturating_sub(1),
            Some(b) if b.is_ascii_alphabetic() => {
                let name_len = bytes[i..]
                    .iter()
                    .take_while(|b| b.is_ascii_alphanumeric())
                    .count();
                let name = html[i..i + name_len].to_ascii_lowercase();
                let end = bytes[i..].iter().position(|&b| b == b'>').map(|e| i + e);
                let self_closing = end.is_some_and(|e| e > 0 && bytes[e - 1] == b'/');
                if !VOID.contains(&name.as_str()) && !self_closing {
                    depth += 1;
                    max = max.max(depth);
                }
            }
            _ => {}
        }
    }
    max
}
