//! A bound on how deeply a page nests its elements, applied to the text before it is
//! parsed. Parsing and converting a tree is recursive and its scope checks look down the
//! stack of open elements, so 20,000 nested `<div>`s would cost quadratic time and then
//! overflow the stack. No page written by a person or a CMS nests more than a few dozen
//! levels: past [`MAX_DEPTH`], start and end tags are dropped and their text kept, in one
//! linear pass.

use std::collections::HashMap;

/// The deepest nesting kept (real pages: 20 to 40 levels).
pub const MAX_DEPTH: usize = 128;

/// The deepest nesting of lists and quotes kept: each level indents every line under it
/// in Markdown, so 40,000 nested lists would make a chapter of gigabytes; nobody reads a
/// list twelve levels deep.
pub const MAX_LIST_DEPTH: usize = 12;

/// Elements whose nesting indents their Markdown.
const INDENTING: &[&str] = &["ul", "ol", "dl", "blockquote", "menu"];

/// The page with its deepest tags removed.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Flattened {
    pub html: String,
    /// Tags dropped (start and end tags counted apart).
    pub tags: usize,
}

/// Elements that never hold content (no end tag).
const VOID: &[&str] = &[
    "area", "base", "br", "col", "embed", "hr", "img", "input", "link", "meta", "source", "track",
    "wbr", "param", "keygen",
];

/// Elements whose content is text up to their end tag.
const RAW_TEXT: &[&str] = &[
    "script", "style", "textarea", "title", "xmp", "iframe", "noembed", "noframes", "noscript",
];

/// Elements that the next sibling closes implicitly: they never build depth.
const SELF_ENDING: &[&str] = &[
    "p", "li", "dt", "dd", "option", "optgroup", "tr", "td", "th", "thead", "tbody", "tfoot", "rb",
    "rt", "rp", "colgroup",
];

/// `html` with the tags nested deeper than `max` removed, their text kept.
pub fn flatten(html: &str, max: usize) -> Flattened {
    let mut scanner = Scanner {
        out: String::with_capacity(html.len()),
        stack: Vec::new(),
        open: HashMap::new(),
        max,
        dropped: 0,
        indents: 0,
    };
    let mut rest = html;
    while let Some(i) = rest.find('<') {
        scanner.out.push_str(&rest[..i]);
        rest = scanner.markup(&rest[i..]);
    }
    scanner.out.push_str(rest);
    Flattened {
        html: scanner.out,
        tags: scanner.dropped,
    }
}

struct Scanner {
    out: String,
    /// Open elements: name, and whether their tags were dropped.
    stack: Vec<(String, bool)>,
    /// How many of each name are open, to know whether an end tag closes anything.
    open: HashMap<String, usize>,
    max: usize,
    dropped: usize,
    /// Open lists and quotes kept.
    indents: usize,
}

impl Scanner {
    /// Handles the markup `text` starts with (`<…`); returns what follows it.
    fn markup<'a>(&mut self, text: &'a str) -> &'a str {
        if let Some(after) = text.strip_prefix("<!--") {
            let end = after.find("-->").map_or(text.len(), |e| 4 + e + 3);
            return self.copy(text, end);
        }
        let bytes = text.as_bytes();
        match bytes.get(1) {
            Some(b'!' | b'?') => {
                let end = text.find('>').map_or(text.len(), |e| e + 1);
                self.copy(text, end)
            }
            Some(b'/') if bytes.get(2).is_some_and(u8::is_ascii_alphabetic) => self.end_tag(text),
            Some(c) if c.is_ascii_alphabetic() => self.start_tag(text),
            _ => self.copy(text, 1),
        }
    }

    fn copy<'a>(&mut self, text: &'a str, len: usize) -> &'a str {
        self.out.push_str(&text[..len]);
        &text[len..]
    }

    fn start_tag<'a>(&mut self, text: &'a str) -> &'a str {
        let name = tag_name(&text[1..]);
        let len = tag_len(text);
        let self_closing = text[..len].ends_with("/>");
        if RAW_TEXT.contains(&name.as_str()) {
            let close = format!("</{name}");
            let end = find_ascii_ci(&text[len..], &close).map_or(text.len(), |e| {
                let at = len + e;
                at + text[at..].find('>').map_or(text.len() - at, |g| g + 1)
            });
            return self.copy(text, end);
        }
        if self_closing || VOID.contains(&name.as_str()) || SELF_ENDING.contains(&name.as_str()) {
            return self.copy(text, len);
        }
        let indenting = INDENTING.contains(&name.as_str());
        let drop = self.stack.len() >= self.max || (indenting && self.indents >= MAX_LIST_DEPTH);
        if indenting && !drop {
            self.indents += 1;
        }
        *self.open.entry(name.clone()).or_default() += 1;
        self.stack.push((name, drop));
        if drop {
            self.dropped += 1;
            &text[len..]
        } else {
            self.copy(text, len)
        }
    }

    fn end_tag<'a>(&mut self, text: &'a str) -> &'a str {
        let name = tag_name(&text[2..]);
        let len = text.find('>').map_or(text.len(), |e| e + 1);
        if self.open.get(&name).copied().unwrap_or(0) == 0 {
            return self.copy(text, len);
        }
        while let Some((open, dropped)) = self.stack.pop() {
            if let Some(n) = self.open.get_mut(&open) {
                *n -= 1;
            }
            if !dropped && INDENTING.contains(&open.as_str()) {
                self.indents -= 1;
            }
            if open == name {
                if dropped {
                    self.dropped += 1;
                    return &text[len..];
                }
                return self.copy(text, len);
            }
        }
        self.copy(text, len)
    }
}

/// The lowercase name a tag starts with.
fn tag_name(text: &str) -> String {
    text.chars()
        .take_while(|c| c.is_ascii_alphanumeric() || *c == '-' || *c == ':')
        .map(|c| c.to_ascii_lowercase())
        .collect()
}

/// The length of the start tag `text` begins with: through its `>`, quoted attribute
/// values skipped; the whole text when it never ends.
fn tag_len(text: &str) -> usize {
    let mut quote: Option<u8> = None;
    for (i, &b) in text.as_bytes().iter().enumerate() {
        match (quote, b) {
            (Some(q), c) if c == q => quote = None,
            (Some(_), _) => {}
            (None, b'"' | b'\'') => quote = Some(b),
            (None, b'>') => return i + 1,
            _ => {}
        }
    }
    text.len()
}

/// Where `needle` (ASCII) occurs in `haystack`, ignoring ASCII case.
fn find_ascii_ci(haystack: &str, needle: &str) -> Option<usize> {
    let (h, n) = (haystack.as_bytes(), needle.as_bytes());
    if n.is_empty() || h.len() < n.len() {
        return None;
    }
    (0..=h.len() - n.len()).find(|&i| h[i..i + n.len()].eq_ignore_ascii_case(n))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn shallow_pages_are_untouched() {
        let html = "<!DOCTYPE html><html><body><div class=\"a>b\"><p>Un<br>deux</div><!-- <div> --><script>if (a<b) {}</script></body></html>";
        assert_eq!(
            flatten(html, 4),
            Flattened {
                html: html.into(),
                tags: 0
            }
        );
    }

    #[test]
    fn deep_tags_go_and_their_text_stays() {
        let html = format!("{}<p>x</p>{}", "<div>".repeat(5), "</div>".repeat(5));
        let flat = flatten(&html, 2);
        assert_eq!(flat.html, "<div><div><p>x</p></div></div>");
        assert_eq!(flat.tags, 6);
    }

    #[test]
    fn unclosed_and_misnested_tags_do_not_confuse_the_count() {
        let html = "<ul><li>a<li>b<ul><li>c</ul></ul><b><i>d</b></i><div>";
        let flat = flatten(html, 8);
        assert_eq!(flat.html, html);
    }

    #[test]
    fn depth_is_linear_to_bound() {
        let n = 100_000;
        let html = format!(
            "{}<p>x</p>{}",
            "<blockquote>".repeat(n),
            "</blockquote>".repeat(n)
        );
        let flat = flatten(&html, MAX_DEPTH);
        assert_eq!(flat.tags, 2 * (n - MAX_LIST_DEPTH));
        assert!(flat.html.contains("<p>x</p>"));
    }

    /// Nested lists are bounded more tightly than other tags: each level indents all its
    /// Markdown, so the output stays linear in the page.
    #[test]
    fn nested_lists_are_bounded_so_the_markdown_stays_linear() {
        for n in [1_000, 4_000] {
            let html = format!("{}{}", "<ul><li>x".repeat(n), "</li></ul>".repeat(n));
            let page = super::super::to_markdown(&flatten(&html, MAX_DEPTH).html);
            assert!(page.markdown.len() < 40 * n, "{n}: {}", page.markdown.len());
            assert_eq!(page.markdown.matches('x').count(), n);
        }
    }
}
