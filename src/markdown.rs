//! Markdown facts shared by `check` (links and anchors) and `build` (rendering): one
//! parser configuration and one anchor rule, so what `check` accepts the site resolves.

use std::collections::HashMap;
use std::ops::Range;

use pulldown_cmark::{Event, HeadingLevel, Options, Parser, Tag, TagEnd};

/// CommonMark plus tables, footnotes and strikethrough, as FORMAT.md says.
pub fn options() -> Options {
    Options::ENABLE_TABLES | Options::ENABLE_FOOTNOTES | Options::ENABLE_STRIKETHROUGH
}

/// A heading of a body, with the anchor the site gives it.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Heading {
    pub level: HeadingLevel,
    pub text: String,
    pub anchor: String,
}

/// The headings of a body, anchors made unique as GitHub does (`x`, `x-1`, `x-2`).
pub fn headings(body: &str) -> Vec<Heading> {
    let mut collector = Headings::default();
    for event in Parser::new_ext(body, options()) {
        collector.see(&event);
    }
    collector.finish()
}

/// Collects the headings of a body from its events, so that a pass made for something
/// else (rendering, links) finds them without parsing the body again.
#[derive(Debug, Default)]
pub struct Headings {
    out: Vec<Heading>,
    current: Option<(HeadingLevel, String)>,
    seen: HashMap<String, usize>,
}

impl Headings {
    pub fn see(&mut self, event: &Event<'_>) {
        match event {
            Event::Start(Tag::Heading { level, .. }) => {
                self.current = Some((*level, String::new()))
            }
            Event::Text(t) | Event::Code(t) => {
                if let Some((_, text)) = &mut self.current {
                    text.push_str(t);
                }
            }
            Event::End(TagEnd::Heading(_)) => {
                if let Some((level, text)) = self.current.take() {
                    let base = crate::slug::anchor(&text);
                    let n = self.seen.entry(base.clone()).or_insert(0);
                    let anchor = if *n == 0 {
                        base.clone()
                    } else {
                        format!("{base}-{n}")
                    };
                    *n += 1;
                    self.out.push(Heading {
                        level,
                        text,
                        anchor,
                    });
                }
            }
            _ => {}
        }
    }

    pub fn finish(self) -> Vec<Heading> {
        self.out
    }
}

/// The links and the heading anchors of a body, in one parse.
pub fn links_and_anchors(body: &str) -> (Vec<Link>, Vec<String>) {
    let mut headings = Headings::default();
    let mut links = Vec::new();
    for (event, span) in Parser::new_ext(body, options()).into_offset_iter() {
        if let Event::Start(Tag::Link { dest_url, .. } | Tag::Image { dest_url, .. }) = &event {
            links.push(Link {
                dest: dest_url.to_string(),
                span,
            });
        }
        headings.see(&event);
    }
    let anchors = headings.finish().into_iter().map(|h| h.anchor).collect();
    (links, anchors)
}

/// A link or image destination written in a body.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Link {
    pub dest: String,
    /// Byte span of the whole link in the body.
    pub span: Range<usize>,
}

/// Every link and image of a body, with its span.
pub fn links(body: &str) -> Vec<Link> {
    links_and_anchors(body).0
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

/// Splits a local link into its path (percent-decoded, query dropped) and its anchor.
pub fn split_local(dest: &str) -> (String, Option<String>) {
    let (path, anchor) = match dest.split_once('#') {
        Some((p, a)) => (p, Some(percent_decode(a))),
        None => (dest, None),
    };
    let path = path.split('?').next().unwrap_or("");
    (percent_decode(path), anchor)
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

fn percent_decode(s: &str) -> String {
    let bytes = s.as_bytes();
    let mut out = Vec::with_capacity(bytes.len());
    let mut i = 0;
    while i < bytes.len() {
        if bytes[i] == b'%' && i + 2 < bytes.len() {
            if let (Some(h), Some(l)) = (hex(bytes[i + 1]), hex(bytes[i + 2])) {
                out.push(h * 16 + l);
                i += 3;
                continue;
            }
        }
        out.push(bytes[i]);
        i += 1;
    }
    String::from_utf8_lossy(&out).into_owned()
}

fn hex(b: u8) -> Option<u8> {
    (b as char).to_digit(16).map(|d| d as u8)
}

#[cfg(test)]
mod tests {
    use super::*;

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
    }

    #[test]
    fn headings_get_unique_anchors() {
        let h = headings("## Pourquoi\n\n## Pourquoi\n\n### `code` et *texte*\n");
        let anchors: Vec<&str> = h.iter().map(|h| h.anchor.as_str()).collect();
        assert_eq!(anchors, ["pourquoi", "pourquoi-1", "code-et-texte"]);
    }

    #[test]
    fn bracket_text_is_not_a_link() {
        assert!(links("Voir [texte] et [a](b.md).").len() == 1);
    }
}
