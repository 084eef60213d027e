//! Markdown bodies to safe HTML: the shared parser options and anchor rule of
//! [`crate::markdown`], links between documents rewritten to the pages' URLs, body headings
//! shown one level below the page's title, and every raw HTML fragment sanitised by
//! ammonia (no script, no event handler, no `javascript:` URL, no iframe, no SVG).

use std::collections::BTreeSet;
use std::sync::OnceLock;

use pulldown_cmark::{CodeBlockKind, CowStr, Event, Parser, Tag, TagEnd};

use super::urls;
use crate::markdown;

/// A rendered body and the repository files it links to (to copy into the site).
#[derive(Debug, Default)]
pub struct Rendered {
    pub html: String,
    pub files: Vec<String>,
}

/// Where a body is rendered: the document's path in the repository, the page's prefix
/// back to the site's root, and every path of the repository.
pub struct Place<'a> {
    pub from: &'a str,
    pub root: &'a str,
    pub paths: &'a BTreeSet<String>,
}

/// Renders a Markdown body for a page.
pub fn render(body: &str, place: &Place) -> Rendered {
    render_with(body, place, false)
}

/// [`render`]; `always_sanitize` sends even plain Markdown through ammonia (for tests
/// showing the fast path changes nothing).
fn render_with(body: &str, place: &Place, always_sanitize: bool) -> Rendered {
    // One parse: the events are kept to find the headings' anchors before writing.
    let parsed: Vec<Event> = Parser::new_ext(body, markdown::options()).collect();
    let mut headings = markdown::Headings::default();
    for event in &parsed {
        headings.see(event);
    }
    let anchors: Vec<String> = headings.finish().into_iter().map(|h| h.anchor).collect();
    let mut next_heading = 0;
    let mut files = Vec::new();
    // Whether the body needs ammonia: it holds raw HTML, or a URL that is not plainly a
    // relative one or a web, mail or phone address. Otherwise every byte of the output is
    // written and escaped by pulldown-cmark and there is nothing to remove.
    let mut untrusted = always_sanitize;
    let events = parsed.into_iter().map(|event| match event {
        Event::Html(_) | Event::InlineHtml(_) => {
            untrusted = true;
            event
        }
        // What ammonia would remove anyway: alignment styles and code language classes.
        Event::Start(Tag::Table(aligns)) => Event::Start(Tag::Table(vec![
            pulldown_cmark::Alignment::None;
            aligns.len()
        ])),
        Event::Start(Tag::CodeBlock(CodeBlockKind::Fenced(_))) => {
            Event::Start(Tag::CodeBlock(CodeBlockKind::Fenced("".into())))
        }
        Event::Start(Tag::Heading { level, .. }) => {
            let anchor = anchors.get(next_heading).cloned().unwrap_or_default();
            next_heading += 1;
            Event::Html(format!("<h{} id=\"{}\">", shifted(level), escape(&anchor)).into())
        }
        Event::End(TagEnd::Heading(level)) => Event::Html(format!("</h{}>", shifted(level)).into()),
        Event::Start(Tag::Link {
            link_type,
            dest_url,
            title,
            id,
        }) => Event::Start(Tag::Link {
            link_type,
            dest_url: checked(rewrite(dest_url, place, &mut files), &mut untrusted),
            title,
            id,
        }),
        Event::Start(Tag::Image {
            link_type,
            dest_url,
            title,
            id,
        }) => Event::Start(Tag::Image {
            link_type,
            dest_url: checked(rewrite(dest_url, place, &mut files), &mut untrusted),
            title,
            id,
        }),
        other => other,
    });
    let mut html = String::with_capacity(body.len() * 3 / 2);
    pulldown_cmark::html::push_html(&mut html, events);
    let html = if nesting_depth(&html) > MAX_HTML_DEPTH {
        format!("<pre>{}</pre>", escape(body))
    } else if untrusted {
        sanitize(&html)
    } else {
        html
    };
    Rendered { html, files }
}

/// The URL, noting whether it needs the sanitiser.
fn checked<'a>(url: CowStr<'a>, untrusted: &mut bool) -> CowStr<'a> {
    *untrusted |= !plain_url(&url);
    url
}

/// A URL that needs no sanitiser: relative (no scheme), or `http`, `https`, `mailto` or
/// `tel`, with no whitespace or control character (browsers drop those inside a scheme,
/// so `java\tscript:` is `javascript:`). Anything else goes through ammonia.
fn plain_url(url: &str) -> bool {
    if url
        .bytes()
        .any(|b| b.is_ascii_whitespace() || b.is_ascii_control())
    {
        return false;
    }
    let scheme_end = url.find(':');
    let path_start = url.find(['/', '?', '#']);
    match (scheme_end, path_start) {
        (None, _) => true,
        (Some(colon), Some(path)) if path < colon => true,
        (Some(colon), _) => {
            let scheme = url[..colon].to_ascii_lowercase();
            matches!(scheme.as_str(), "http" | "https" | "mailto" | "tel")
        }
    }
}

/// Deepest element nesting handed to the sanitiser. html5ever's scope checks make deeper
/// trees quadratic (100,000 nested `>` would take minutes) and no real document comes near;
/// a body past it is shown as plain text.
const MAX_HTML_DEPTH: usize = 256;

/// Elements that have no end tag.
const VOID: &[&str] = &[
    "area", "base", "br", "col", "embed", "hr", "img", "input", "link", "meta", "param", "source",
    "track", "wbr",
];

/// An upper bound of the element nesting of `html`, by counting start and end tags (linear).
fn nesting_depth(html: &str) -> usize {
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

/// Body headings start at `##`; a body `#` is shown as `##` too, below the page's `h1`.
fn shifted(level: pulldown_cmark::HeadingLevel) -> usize {
    (level as usize).max(2)
}

/// A link written between documents becomes a link between pages; a link to another file
/// of the repository points at its copy under `fichiers/`.
fn rewrite<'a>(dest: CowStr<'a>, place: &Place, files: &mut Vec<String>) -> CowStr<'a> {
    if !markdown::is_local(&dest) || dest.starts_with('#') {
        return dest;
    }
    let (path, anchor) = markdown::split_local(&dest);
    let Some(target) = markdown::resolve(place.from, &path) else {
        return dest;
    };
    let anchor = anchor.map(|a| format!("#{a}")).unwrap_or_default();
    let page = urls::page_of_path(&target)
        .or_else(|| urls::page_of_path(&format!("{}/index.md", target.trim_end_matches('/'))));
    if let Some(page) = page {
        return format!("{}{page}{anchor}", place.root).into();
    }
    if place.paths.contains(&target) {
        files.push(target.clone());
        return format!("{}{}{target}{anchor}", place.root, urls::FILES).into();
    }
    dest
}

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
pub fn sanitize(html: &str) -> String {
    cleaner().clean(html).to_string()
}

pub use crate::html::escape;

/// The plain text of a Markdown body's first paragraph, for summaries and search.
pub fn first_paragraph_text(body: &str, max_chars: usize) -> String {
    let mut text = String::new();
    let mut in_paragraph = false;
    for event in Parser::new_ext(body, markdown::options()) {
        match event {
            Event::Start(Tag::Paragraph) => in_paragraph = true,
            Event::End(TagEnd::Paragraph) if in_paragraph => break,
            Event::Text(t) | Event::Code(t) if in_paragraph => text.push_str(&t),
            Event::SoftBreak | Event::HardBreak if in_paragraph => text.push(' '),
            _ => {}
        }
    }
    truncate(&text, max_chars)
}

/// The first Markdown paragraph of a body (raw), for a summary rendered as HTML.
pub fn first_paragraph(body: &str) -> &str {
    let trimmed = body.trim_start();
    let mut end = trimmed.len();
    for (i, line) in line_starts(trimmed) {
        if i > 0 && line.trim().is_empty() {
            end = i;
            break;
        }
    }
    let first = &trimmed[..end];
    if first.starts_with('#') {
        ""
    } else {
        first
    }
}

fn line_starts(s: &str) -> impl Iterator<Item = (usize, &str)> {
    let mut start = 0;
    s.split_inclusive('\n').map(move |l| {
        let at = start;
        start += l.len();
        (at, l)
    })
}

/// Cuts a text at a word boundary, with an ellipsis.
pub fn truncate(text: &str, max_chars: usize) -> String {
    let text = text.trim();
    if text.chars().count() <= max_chars {
        return text.to_string();
    }
    let cut: String = text.chars().take(max_chars).collect();
    let cut = match cut.rfind(' ') {
        Some(i) if i > max_chars / 2 => &cut[..i],
        _ => &cut,
    };
    format!("{}…", cut.trim_end_matches([',', ';', ':', '.', ' ']))
}

/// A URL from content that may become a link: web and mail addresses only.
pub fn safe_url(url: &str) -> Option<String> {
    let url = url.trim();
    let lower = url.to_ascii_lowercase();
    if lower.starts_with("https://") || lower.starts_with("http://") || lower.starts_with("mailto:")
    {
        Some(url.to_string())
    } else if url.contains('@') && !url.contains(':') && !url.contains(char::is_whitespace) {
        Some(format!("mailto:{url}"))
    } else {
        None
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn place<'a>(paths: &'a BTreeSet<String>) -> Place<'a> {
        Place {
            from: "principes/eco/a.md",
            root: "../../",
            paths,
        }
    }

    #[test]
    fn links_between_documents_become_page_links() {
        let paths: BTreeSet<String> = ["images/plan.png".to_string()].into();
        let r = render(
            "[b](../soc/b.md#pourquoi) [m](../../membres/z.md) ![p](../../images/plan.png) [w](https://x.org)",
            &place(&paths),
        );
        assert!(
            r.html
                .contains(r#"href="../../principes/b/index.html#pourquoi""#),
            "{}",
            r.html
        );
        assert!(r.html.contains(r#"href="../../membres/z/index.html""#));
        assert!(r.html.contains(r#"src="../../fichiers/images/plan.png""#));
        assert!(r.html.contains(r#"href="https://x.org""#));
        assert_eq!(r.files, ["images/plan.png"]);
    }

    #[test]
    fn headings_keep_the_anchors_check_knows() {
        let paths = BTreeSet::new();
        let r = render("# Titre\n\n## Étape 2 : décider\n", &place(&paths));
        assert!(
            r.html.contains(r#"<h2 id="titre">Titre</h2>"#),
            "{}",
            r.html
        );
        assert!(
            r.html.contains(r#"<h2 id="étape-2--décider">"#),
            "{}",
            r.html
        );
    }

    #[test]
    fn hostile_html_is_removed() {
        let paths = BTreeSet::new();
        let r = render(
            "<script>alert(1)</script>\n\n<img src=x onerror=alert(2)> [x](javascript:alert(3)) <iframe src=\"https://e.org\"></iframe><svg onload=alert(4)></svg>",
            &place(&paths),
        );
        for bad in [
            "<script",
            "onerror",
            "javascript:",
            "<iframe",
            "<svg",
            "alert(1)",
        ] {
            assert!(!r.html.contains(bad), "{bad} in {}", r.html);
        }
    }

    /// Bodies of every sort of plain Markdown the fast path serves without ammonia.
    const PLAIN: &[&str] = &[
        "Un paragraphe avec *emphase*, **gras**, `code`, ~~barré~~ et & < > \" ' \u{a0}.\nLigne 2  \nforcée\\\nencore.",
        "# Titre\n\n## Sous-titre `code`\n\n### Encore\n\n#### Quatre\n\n## Titre\n",
        "| G | C | D |\n|:--|:-:|--:|\n| a | **b** | [c](https://c.org) |\n| 1 | 2 | 3 |\n",
        "```rust\nfn main() { println!(\"<b>\"); }\n```\n\n    indenté & <x>\n",
        "1. un\n2. deux\n   - imbriqué\n   - encore\n\n3) trois\n\n5. cinq\n6. six\n",
        "> citation\n> > imbriquée\n\n---\n\n***\n",
        "Note[^1] et autre[^n].\n\n[^1]: La note.\n[^n]: L'autre, avec [lien](../soc/b.md).\n",
        "![image](../../images/plan.png \"Un titre\") et [lien titré](https://x.org \"T & <t>\")\n",
        "<https://auto.example.org/a?b=c&d> et <a@b.org> et [tel](tel:+33123) et [m](mailto:a@b.org)\n",
        "[rel](../soc/b.md#pourquoi) [ancre](#titre) [req](?q=1) [chemin](a/b:c) [ref][r]\n\n[r]: https://r.org\n",
    ];

    #[test]
    fn plain_markdown_skips_the_sanitiser_with_the_same_result() {
        let paths: BTreeSet<String> = ["images/plan.png".to_string()].into();
        let mut bodies: Vec<String> = PLAIN.iter().map(|b| b.to_string()).collect();
        for dir in ["examples/cheznous", "examples/minimal"] {
            for entry in
                walkdir::WalkDir::new(std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join(dir))
            {
                let entry = entry.expect("example readable");
                if entry.path().extension().is_some_and(|e| e == "md") {
                    let text = std::fs::read_to_string(entry.path()).expect("example text");
                    let (_, body) = text.split_at(text.rfind("\n---\n").map_or(0, |i| i + 5));
                    bodies.push(body.to_string());
                }
            }
        }
        for body in &bodies {
            let fast = render_with(body, &place(&paths), false);
            let slow = render_with(body, &place(&paths), true);
            // Ammonia would change nothing but the spelling of the same tree.
            assert_eq!(sanitize(&fast.html), slow.html, "{body}");
            assert_eq!(fast.files, slow.files);
        }
        // The plain bodies above do take the fast path (ammonia writes `<br>`, not `<br />`).
        assert!(render(PLAIN[0], &place(&paths)).html.contains("<br />"));
    }

    #[test]
    fn anything_else_still_goes_through_the_sanitiser() {
        let paths = BTreeSet::new();
        for body in [
            "<b>gras</b>",
            "texte <span onclick=x>inline</span>",
            "[x](javascript:alert(1))",
            "[x](JavaScript:alert(1))",
            "[x](<java\tscript:alert(1)>)",
            "[x](data:text/html,<script>)",
            "![x](vbscript:x)",
            "[x](<java\nscript:alert(1)>)",
        ] {
            let html = render(body, &place(&paths)).html;
            assert!(!html.contains("<br />"), "{html}");
            for bad in ["onclick", "javascript", "data:", "vbscript"] {
                assert!(!html.to_ascii_lowercase().contains(bad), "{bad} in {html}");
            }
        }
        assert!(plain_url("https://x.org/a:b") && plain_url("a/b:c") && plain_url("#x"));
        assert!(!plain_url("javascript:x") && !plain_url("ftp://x") && !plain_url(" https://x"));
    }

    #[test]
    fn summaries() {
        assert_eq!(
            first_paragraph("\nUn *deux*\ntrois\n\n## Quatre\n"),
            "Un *deux*\ntrois\n"
        );
        assert_eq!(
            first_paragraph_text("Un *deux*\ntrois\n\nx", 100),
            "Un deux trois"
        );
        assert_eq!(truncate("un deux trois quatre", 10), "un deux…");
        assert_eq!(safe_url("javascript:alert(1)"), None);
        assert_eq!(safe_url("a@b.org").as_deref(), Some("mailto:a@b.org"));
    }
}
