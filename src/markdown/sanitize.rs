//! Raw HTML written in content, made safe by ammonia: no script, no event handler, no
//! `javascript:` URL, no iframe, no SVG. Ids are kept (writers anchor articles with
//! `<a id="art-3"></a>`), and so are the classes of footnotes.
//!
//! What comes out is also valid HTML (the W3C validator's rules): ids in NFC (as every
//! anchor is compared), none empty or holding a space (`check` names those, see
//! [`valid_id`]), no element or attribute HTML5 made obsolete (`<center>`, `<tt>`,
//! `align`… — their content is kept), `<map name>` kept, and every `<img>` has an `alt`
//! (empty when the writer gave none: `check` cannot know what the image shows).

use std::borrow::Cow;
use std::sync::OnceLock;

fn cleaner() -> &'static ammonia::Builder<'static> {
    static CLEANER: OnceLock<ammonia::Builder<'static>> = OnceLock::new();
    CLEANER.get_or_init(|| {
        let mut b = ammonia::Builder::default();
        b.add_generic_attributes(["id"]);
        b.add_allowed_classes("div", ["footnote-definition"]);
        b.add_allowed_classes("sup", ["footnote-reference", "footnote-definition-label"]);
        b.link_rel(None);
        b.rm_tags(OBSOLETE_TAGS);
        b.add_tag_attributes("map", ["name"]);
        b.attribute_filter(filter);
        b
    })
}

/// Elements HTML5 made obsolete that ammonia allows by default: the element goes, its
/// content stays.
const OBSOLETE_TAGS: [&str; 5] = ["acronym", "center", "rtc", "strike", "tt"];

/// Keeps an attribute, in the form valid HTML wants, or drops it.
fn filter<'u>(element: &str, attribute: &str, value: &'u str) -> Option<Cow<'u, str>> {
    match (element, attribute) {
        (_, "id") => valid_id(value).then(|| crate::slug::nfc(value)),
        (_, "align" | "char" | "charoff") | ("hr", "size" | "width") | ("table", "summary") => None,
        _ => Some(Cow::Borrowed(value)),
    }
}

/// Whether `id` is a valid HTML id: not empty, no ASCII whitespace.
pub fn valid_id(id: &str) -> bool {
    !id.is_empty() && !id.bytes().any(|b| b.is_ascii_whitespace())
}

/// Removes everything dangerous from HTML written in content.
pub fn clean(html: &str) -> String {
    with_alt(&cleaner().clean(html).to_string())
}

/// `html` (ammonia's output: every start tag written `<name attr="…">`) with `alt=""`
/// added to each `<img>` that has none.
fn with_alt(html: &str) -> String {
    if !html.contains("<img") {
        return html.to_string();
    }
    let mut out = String::with_capacity(html.len() + 16);
    let mut rest = html;
    while let Some(i) = rest.find("<img") {
        let end = rest[i..].find('>').map_or(rest.len(), |e| i + e);
        let tag = &rest[i..end];
        out.push_str(&rest[..end]);
        if !tag.contains(" alt=") {
            out.push_str(" alt=\"\"");
        }
        rest = &rest[end..];
    }
    out.push_str(rest);
    out
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
    // The first `>` at or after where it was last looked for: `None` inside means there is
    // none. Looking again from every `<` would be quadratic on `<div a="` repeated.
    let mut next_gt: Option<Option<usize>> = None;
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
                let end = match next_gt {
                    Some(found) if found.is_none_or(|e| e >= i) => found,
                    _ => {
                        let found = bytes[i..].iter().position(|&b| b == b'>').map(|e| i + e);
                        next_gt = Some(found);
                        found
                    }
                };
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

#[cfg(test)]
mod tests {
    use proptest::prelude::*;

    use super::*;

    /// [`nesting_depth`] as first written: it looks for the `>` of every start tag anew.
    fn naive_depth(html: &str) -> usize {
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

    proptest! {
        /// The `>` remembered between tags gives what looking for it anew gives (issue 14:
        /// `<div a="` repeated 80,000 times took 9 s, quadratic).
        #[test]
        fn nesting_depth_is_the_naive_count(
            html in proptest::collection::vec(
                prop_oneof!["<", ">", "/", "<div", "<br", "</div>", "/>", " a=\"", "x", " "],
                0..60,
            ).prop_map(|parts| parts.concat())
        ) {
            prop_assert_eq!(nesting_depth(&html), naive_depth(&html));
        }
    }

    #[test]
    fn output_is_valid_html() {
        assert_eq!(
            clean("<center><tt>x</tt></center><img src=\"a.png\"><img alt=\"b\" src=\"b.png\">"),
            "x<img src=\"a.png\" alt=\"\"><img alt=\"b\" src=\"b.png\">"
        );
        assert_eq!(
            clean("<a id=\"art 3\"></a><a id=\"\"></a><span id=\"  \">s</span><a id=\"re\u{301}f\"></a>"),
            "<a></a><a></a><span>s</span><a id=\"réf\"></a>"
        );
        assert_eq!(
            clean("<map name=\"m\"><area></map><table align=\"left\"><tr><td align=\"center\">1</td></tr></table>"),
            "<map name=\"m\"><area></map><table><tbody><tr><td>1</td></tr></tbody></table>"
        );
    }
}
