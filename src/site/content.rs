//! Markdown to a page's HTML: [`crate::markdown::render`] (the renderer `check` reads its
//! ids and links from) with the site's URLs: a link to a document becomes a link to its
//! page, a link to a folder a link to the folder's page, a link to another file of the
//! repository a link to its copy under `fichiers/`. Also the plain-text summaries.

use std::collections::{BTreeMap, BTreeSet};

use pulldown_cmark::{Event, Parser, Tag, TagEnd};

use super::urls;
use crate::markdown::{self, Section, Target, Tree};
use crate::memo::Memo;
use crate::model::Meta;

/// A rendered document (or text) and the repository files it links to (to copy into the
/// site).
#[derive(Debug, Default)]
pub struct Rendered {
    /// The body's HTML.
    pub html: String,
    /// The HTML of each Markdown field, by JSON pointer (`/enjeux/0/description`).
    pub fields: BTreeMap<String, String>,
    pub files: Vec<String>,
    /// Every id the HTML holds (body and fields), in order.
    pub ids: Vec<String>,
}

/// Where a text is rendered: the document's path in the repository, the page's prefix
/// back to the site's root, every path of the repository and the declared plans.
pub struct Place<'a> {
    pub from: &'a str,
    pub root: &'a str,
    pub paths: &'a BTreeSet<String>,
    pub plans: &'a [String],
    /// What the previous build of the live preview rendered, if any.
    pub cache: Option<&'a Cache>,
    /// The ids the page holds of its own, when the text is its document's page's.
    pub page_ids: &'a markdown::PageIds,
}

/// The Markdown the previous build rendered, for the live preview's next one: a text
/// renders the same while it, its document's path, its page's place and the repository's
/// paths and plans (where links lead) are the same. Entries no build asked for are
/// dropped at the next one ([`Cache::next`]).
#[derive(Debug, Default)]
pub struct Cache {
    /// The fingerprint of the paths and plans the entries were rendered with.
    tree: u64,
    memo: Memo<Texts>,
}

impl Cache {
    /// The cache for a build of a repository with these paths and plans, keeping what
    /// the last build rendered when they are the same.
    pub fn next(self, paths: &BTreeSet<String>, plans: &[String]) -> Cache {
        let tree = super::output::fingerprint(&(paths, plans));
        Cache {
            tree,
            memo: if tree == self.tree {
                self.memo.next()
            } else {
                Memo::default()
            },
        }
    }
}

/// The site's URLs for the places links lead to.
pub(super) struct SiteUrls<'a> {
    pub root: &'a str,
    /// For a text shown away from its document (a summary), the document's page: where its
    /// fragment-only links (`#le-contexte`) lead.
    pub away_from: Option<String>,
}

impl markdown::Urls for SiteUrls<'_> {
    fn url(&self, target: &Target) -> Option<String> {
        let root = self.root;
        let hash = |f: &Option<String>| {
            f.as_ref()
                .map(|f| format!("#{}", markdown::encode_fragment(f)))
                .unwrap_or_default()
        };
        match target {
            Target::Here {
                fragment: Some(f), ..
            } => {
                let f = markdown::encode_fragment(f);
                Some(match &self.away_from {
                    Some(page) => format!("{root}{page}#{f}"),
                    None => format!("#{f}"),
                })
            }
            Target::Page { path, fragment } => {
                urls::page_of_path(path).map(|page| format!("{root}{page}{}", hash(fragment)))
            }
            Target::Section { section, fragment } => {
                let page = match section {
                    Section::Principes => urls::PRINCIPES.to_string(),
                    Section::Plan(id) => urls::plan(id),
                    Section::Membres => urls::MEMBRES.to_string(),
                    Section::Catalogue => urls::CATALOGUE.to_string(),
                    Section::Matrices => urls::MATRICES.to_string(),
                };
                Some(format!("{root}{page}{}", hash(fragment)))
            }
            Target::File { path, fragment } => {
                // Decoded once to find the file, its name is encoded once again.
                let path = markdown::encode_path(path);
                Some(format!("{root}{}{path}{}", urls::FILES, hash(fragment)))
            }
            _ => None,
        }
    }
}

/// Renders a document's body and Markdown fields for its page.
pub fn render_doc(meta: &Meta, place: &Place) -> Rendered {
    let urls = SiteUrls {
        root: place.root,
        away_from: None,
    };
    render_doc_in(meta, place, &urls, true)
}

/// Renders a document's body and Markdown fields, its links leading where `urls` says.
pub(super) fn render_doc_with(meta: &Meta, place: &Place, urls: &dyn markdown::Urls) -> Rendered {
    render_doc_in(meta, place, urls, false)
}

fn render_doc_in(meta: &Meta, place: &Place, urls: &dyn markdown::Urls, cached: bool) -> Rendered {
    let texts = meta.texts();
    let mode = Mode {
        summary: false,
        cached,
    };
    let out = render_texts(&texts, place, urls, mode);
    let mut html = out.html.into_iter();
    Rendered {
        html: html.next().unwrap_or_default(),
        fields: meta
            .markdown
            .iter()
            .map(|f| f.pointer.clone())
            .zip(html)
            .collect(),
        files: out.files,
        ids: out.ids,
    }
}

/// Renders one text of the document at `place.from` shown away from its page (a summary):
/// footnote calls and notes are left out, no id is kept, and fragment-only links lead to
/// the document's page.
pub fn render(text: &str, place: &Place) -> Rendered {
    let urls = SiteUrls {
        root: place.root,
        away_from: urls::page_of_path(place.from),
    };
    let mode = Mode {
        summary: true,
        cached: true,
    };
    let out = render_texts(&[text], place, &urls, mode);
    Rendered {
        html: out.html.into_iter().next().unwrap_or_default(),
        fields: BTreeMap::new(),
        files: out.files,
        ids: out.ids,
    }
}

/// Where a commit message's links are written from: the repository's root.
pub const COMMIT_FROM: &str = "codesocial.yaml";

/// The URL a commit message's link is given when it leads to no page or file of the site,
/// until [`unlink`] leaves its text alone.
const NOWHERE: &str = "#cs-nowhere";

/// The URLs of a commit message's links: to the site's pages and files when they lead to
/// a document, a section or a file of the repository; else nowhere (a fragment of the
/// évolution page, a folder, a missing path).
struct CommitUrls<'a>(SiteUrls<'a>);

impl markdown::Urls for CommitUrls<'_> {
    fn url(&self, target: &Target) -> Option<String> {
        match target {
            Target::Page { .. } | Target::Section { .. } | Target::File { .. } => {
                self.0.url(target)
            }
            _ => None,
        }
        .or_else(|| Some(NOWHERE.to_string()))
    }
}

/// A commit's summary (one line of Markdown, as commit messages are written) as inline
/// HTML, for a heading or a cell: rendered by the documents' renderer and sanitiser
/// ([`render`]'s summary mode), but never as a block (a leading `#`, `-`, `>` or `1.` is
/// text), its raw HTML shown as text (`<script>` reads `<script>`), its links to the
/// repository leading to their pages or files, any other local link left as its text.
/// `place.from` is [`COMMIT_FROM`]. Its `files` are the repository files it links to.
pub fn render_summary(summary: &str, place: &Place) -> Rendered {
    let source = inline_source(summary);
    let urls = CommitUrls(SiteUrls {
        root: place.root,
        away_from: None,
    });
    let mode = Mode {
        summary: true,
        cached: false,
    };
    let out = render_texts(&[&source], place, &urls, mode);
    let html = out.html.into_iter().next().unwrap_or_default();
    let html = match html.trim_end().strip_prefix("<p>") {
        Some(inner) => unlink(inner.strip_suffix("</p>").unwrap_or(inner)),
        // A text too deeply nested for the renderer comes back as a `pre`.
        None => escape(&markdown::plain_text(&source)),
    };
    Rendered {
        html,
        fields: BTreeMap::new(),
        files: out.files,
        ids: Vec::new(),
    }
}

/// A commit's summary as plain text, its Markdown markers removed (for the feed's titles):
/// what [`render_summary`] shows, without the markup.
pub fn summary_text(summary: &str) -> String {
    markdown::plain_text(&inline_source(summary))
}

/// A summary as Markdown that renders as one paragraph without raw HTML: on one line, the
/// sign that would open a block escaped (`\#`, `1\.`), every `<` of raw HTML escaped.
fn inline_source(summary: &str) -> String {
    let mut text = summary.split_whitespace().collect::<Vec<_>>().join(" ");
    // Each round escapes one sign; a line opens at most a few blocks in a row (`> - #`).
    for _ in 0..16 {
        let events: Vec<(Event, std::ops::Range<usize>)> =
            Parser::new_ext(&text, markdown::options())
                .into_offset_iter()
                .collect();
        if !matches!(
            events.first(),
            None | Some((Event::Start(Tag::Paragraph), _))
        ) {
            // A list's number is text; its `.` or `)` is the sign.
            let at = text.bytes().take_while(u8::is_ascii_digit).count();
            text.insert(at, '\\');
            continue;
        }
        if events.is_empty() && !text.is_empty() {
            // A line that is only a definition (`[a]: b`) shows nothing: show it as text.
            text.insert(0, '\\');
            continue;
        }
        let raw: Vec<usize> = events
            .iter()
            .filter(|(e, _)| matches!(e, Event::InlineHtml(_) | Event::Html(_)))
            .flat_map(|(_, r)| {
                text[r.clone()]
                    .match_indices('<')
                    .map(move |(i, _)| r.start + i)
            })
            .collect();
        if raw.is_empty() {
            return text;
        }
        for at in raw.into_iter().rev() {
            text.insert(at, '\\');
        }
    }
    // Never reached by a real line; every sign escaped is text all the same.
    text.chars()
        .flat_map(|c| {
            let escaped = c.is_ascii_punctuation();
            escaped.then_some('\\').into_iter().chain([c])
        })
        .collect()
}

/// `html` with each link to [`NOWHERE`] replaced by its text.
fn unlink(html: &str) -> String {
    let open = format!("<a href=\"{NOWHERE}\"");
    let mut out = String::with_capacity(html.len());
    let mut rest = html;
    while let Some(at) = rest.find(&open) {
        out.push_str(&rest[..at]);
        let tag = &rest[at..];
        let inner = tag.find('>').map_or("", |gt| &tag[gt + 1..]);
        let end = inner.find("</a>").unwrap_or(inner.len());
        out.push_str(&inner[..end]);
        rest = inner.get(end + "</a>".len()..).unwrap_or("");
    }
    out.push_str(rest);
    out
}

#[derive(Debug, Clone)]
struct Texts {
    html: Vec<String>,
    files: Vec<String>,
    ids: Vec<String>,
}

/// How a text is rendered: for its own page or as a summary, and whether the live
/// preview's cache may answer (not when links lead somewhere else than the site's pages,
/// as in the booklet: the cache's key does not hold where links lead).
#[derive(Clone, Copy)]
struct Mode {
    summary: bool,
    cached: bool,
}

fn render_texts(texts: &[&str], place: &Place, urls: &dyn markdown::Urls, mode: Mode) -> Texts {
    match place.cache.filter(|_| mode.cached) {
        Some(cache) => {
            // The page's template ids are an input: headings skip them.
            let key = super::output::fingerprint(&(
                texts,
                place.from,
                place.root,
                place.page_ids,
                mode.summary,
            ));
            cache
                .memo
                .get_or(key, || render_uncached(texts, place, urls, mode.summary))
        }
        None => render_uncached(texts, place, urls, mode.summary),
    }
}

#[cfg(test)]
thread_local! {
    /// How many times the texts of each document (by path) were rendered on this thread,
    /// for tests that count renders.
    pub(crate) static RENDERS: std::cell::RefCell<BTreeMap<String, usize>> =
        const { std::cell::RefCell::new(BTreeMap::new()) };
}

fn render_uncached(
    texts: &[&str],
    place: &Place,
    urls: &dyn markdown::Urls,
    summary: bool,
) -> Texts {
    #[cfg(test)]
    RENDERS.with(|r| *r.borrow_mut().entry(place.from.to_string()).or_default() += 1);
    let ctx = markdown::Context {
        from: place.from,
        tree: Tree {
            paths: place.paths,
            plans: place.plans,
        },
        urls,
        summary,
        page_ids: place.page_ids,
    };
    let rendered = markdown::render(texts, ctx);
    let files = rendered
        .links
        .iter()
        .filter_map(|l| match &l.target {
            Target::File { path, .. } => Some(path.clone()),
            _ => None,
        })
        .collect();
    Texts {
        html: rendered.html,
        files,
        ids: rendered.ids,
    }
}

/// Removes everything dangerous from HTML written in content (the slow reference the
/// fast path is tested against).
#[cfg(test)]
fn sanitize(html: &str) -> String {
    markdown::sanitize(html)
}

pub use crate::html::escape;

/// The plain text of a Markdown body's first paragraph, for summaries and search.
pub fn first_paragraph_text(body: &str, max_chars: usize) -> String {
    truncate(&first_paragraph_words(body), max_chars)
}

/// The plain text of a Markdown body's first paragraph, whole, its words separated by one
/// space: [`first_paragraph_text`] before it is cut (one parse for several lengths).
pub fn first_paragraph_words(body: &str) -> String {
    let mut text = String::new();
    let mut in_paragraph = false;
    for event in Parser::new_ext(body, markdown::options()) {
        match event {
            Event::Start(Tag::Paragraph) => in_paragraph = true,
            Event::End(TagEnd::Paragraph) if in_paragraph => break,
            Event::Text(t) | Event::Code(t) if in_paragraph => text.push_str(&t),
            Event::SoftBreak | Event::HardBreak if in_paragraph => text.push(' '),
            Event::InlineHtml(html) if in_paragraph && markdown::breaks_words(&html) => {
                text.push(' ')
            }
            _ => {}
        }
    }
    text.split_whitespace().collect::<Vec<_>>().join(" ")
}

/// The first block of a body (its first paragraph, as written), for a summary rendered as
/// HTML on another page (see [`render`]), followed by the body's footnote definitions so
/// that its calls (`[^n]`) are read as calls, which the summary then leaves out, and not
/// as text. Empty when the body starts with a heading.
pub fn first_paragraph(body: &str) -> String {
    let mut first: Option<std::ops::Range<usize>> = None;
    let mut notes = Vec::new();
    let mut depth = 0usize;
    for (event, range) in Parser::new_ext(body, markdown::options()).into_offset_iter() {
        match event {
            Event::Start(Tag::FootnoteDefinition(_)) if depth == 0 => notes.push(range),
            Event::Start(Tag::Heading { .. }) if depth == 0 && first.is_none() => {
                first = Some(0..0);
            }
            Event::Start(_) if depth == 0 && first.is_none() => first = Some(range),
            _ => {}
        }
        match event {
            Event::Start(_) => depth += 1,
            Event::End(_) => depth -= 1,
            _ => {}
        }
    }
    let mut excerpt = first.map(|r| body[r].to_string()).unwrap_or_default();
    if !excerpt.is_empty() {
        for note in notes {
            excerpt.push_str("\n\n");
            excerpt.push_str(&body[note]);
        }
    }
    excerpt
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

/// A URL from content that may become a link: web and mail addresses only, with no
/// character a URL cannot hold (spaces, quotes, angle brackets, controls).
pub fn safe_url(url: &str) -> Option<String> {
    let url = url.trim();
    if url.chars().any(|c| {
        c.is_whitespace()
            || c.is_control()
            || matches!(c, '"' | '<' | '>' | '`' | '\\' | '{' | '}' | '|' | '^')
    }) {
        return None;
    }
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

    static NONE: markdown::PageIds = markdown::PageIds {
        held: Vec::new(),
        possible: Vec::new(),
        families: Vec::new(),
    };

    fn place<'a>(paths: &'a BTreeSet<String>) -> Place<'a> {
        Place {
            from: "principes/eco/a.md",
            root: "../../",
            paths,
            plans: &[],
            cache: None,
            page_ids: &NONE,
        }
    }

    /// A body rendered for its page, through ammonia or not.
    fn render_with(body: &str, place: &Place, always_sanitize: bool) -> Rendered {
        markdown::render::ALWAYS_SANITIZE.with(|a| a.set(always_sanitize));
        let urls = SiteUrls {
            root: place.root,
            away_from: None,
        };
        let mode = Mode {
            summary: false,
            cached: false,
        };
        let out = render_texts(&[body], place, &urls, mode);
        markdown::render::ALWAYS_SANITIZE.with(|a| a.set(false));
        Rendered {
            html: out.html.into_iter().next().unwrap_or_default(),
            fields: BTreeMap::new(),
            files: out.files,
            ids: out.ids,
        }
    }

    #[test]
    fn links_between_documents_become_page_links() {
        let paths: BTreeSet<String> = ["images/plan.png", "principes/soc/b.md", "membres/z.md"]
            .map(String::from)
            .into();
        let r = render_with(
            "[b](../soc/b.md#pourquoi) [m](../../membres/z.md) ![p](../../images/plan.png) [w](https://x.org)",
            &place(&paths),
            false,
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
        let r = render_with("# Titre\n\n## Étape 2 : décider\n", &place(&paths), false);
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
        assert!(render_with(PLAIN[0], &place(&paths), false)
            .html
            .contains("<br />"));
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
    }

    #[test]
    fn summaries_lead_back_to_their_page_and_show_no_note() {
        let paths: BTreeSet<String> = ["raison-d-etre.md".to_string()].into();
        let home = Place {
            from: "raison-d-etre.md",
            root: "",
            paths: &paths,
            plans: &[],
            cache: None,
            page_ids: &NONE,
        };
        for body in [
            "ChezNous[^n] est né d'une [conviction](#le-contexte).\n\n## Le contexte\n\n[^n]: Une note.\n",
            "[^a]: Avant.\n\nUn[^a] et un[^b] <a href=\"#le-contexte\">lien</a> [b](#le-contexte)\n\n[^b]: Après, *longue*\n    sur deux lignes.\n",
            "> Cité[^n] : [c](#le-contexte)\n\n[^n]: note",
        ] {
            let excerpt = first_paragraph(body);
            let html = render(&excerpt, &home).html;
            assert!(!html.contains("[^") && !html.contains("note"), "{html}");
            assert!(!html.contains("href=\"#"), "{html}");
            assert!(
                html.contains("href=\"raison-d-etre/index.html#le-contexte\""),
                "{html}"
            );
        }
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
        // A line break written in HTML separates words, as on the page.
        assert_eq!(
            first_paragraph_text("**Moreau**<br>\nDonné <strong>x</strong><br/>y", 100),
            "Moreau Donné x y"
        );
        assert_eq!(truncate("un deux trois quatre", 10), "un deux…");
        assert_eq!(safe_url("javascript:alert(1)"), None);
        assert_eq!(safe_url("https://e.org/\"><script>"), None);
        assert_eq!(safe_url("a@b.org").as_deref(), Some("mailto:a@b.org"));
    }

    /// A commit's summary on the évolution page (one folder down).
    fn summary(text: &str) -> Rendered {
        let paths: BTreeSet<String> = [
            "principes/social-humain/transparence.md".to_string(),
            "annexes/statuts.pdf".to_string(),
        ]
        .into();
        let place = Place {
            from: COMMIT_FROM,
            root: "../",
            paths: &paths,
            plans: &[],
            cache: None,
            page_ids: &NONE,
        };
        render_summary(text, &place)
    }

    #[test]
    fn a_commit_summary_is_inline_markdown_escaped_and_linked() {
        for (text, html) in [
            (
                "Ajout **gras**, *it* et `<b>`",
                "Ajout <strong>gras</strong>, <em>it</em> et <code>&lt;b&gt;</code>",
            ),
            (
                "Fix <script>alert(1)</script> now",
                "Fix &lt;script&gt;alert(1)&lt;/script&gt; now",
            ),
            ("<script>alert(1)</script>", "&lt;script&gt;alert(1)&lt;/script&gt;"),
            ("<img src=x onerror=alert(1)>", "&lt;img src=x onerror=alert(1)&gt;"),
            ("# Titre", "# Titre"),
            ("- item", "- item"),
            ("> cité", "&gt; cité"),
            ("1. un", "1. un"),
            ("2024) fin", "2024) fin"),
            ("---", "---"),
            ("```", "```"),
            ("[a]: b", "[a]: b"),
            ("[^n]: note", "[^n]: note"),
            ("Deux\nlignes", "Deux lignes"),
            (
                "Voir [la transparence](principes/social-humain/transparence.md#pourquoi)",
                "Voir <a href=\"../principes/transparence/index.html#pourquoi\">la transparence</a>",
            ),
            (
                "Les [statuts](annexes/statuts.pdf)",
                "Les <a href=\"../fichiers/annexes/statuts.pdf\">statuts</a>",
            ),
            ("[nulle part](nope.md) et [ici](#x)", "nulle part et ici"),
            (
                "[site](https://x.org) <https://y.org>",
                "<a href=\"https://x.org\">site</a> <a href=\"https://y.org\">https://y.org</a>",
            ),
        ] {
            assert_eq!(summary(text).html, html, "{text:?}");
        }
        assert_eq!(
            summary("Les [statuts](annexes/statuts.pdf)").files,
            ["annexes/statuts.pdf"]
        );
        let js = summary("[x](javascript:alert(1)) [y](<java\tscript:alert(1)>)").html;
        // The first is dropped; the second, its tab a space, is a relative path.
        assert_eq!(js, "<a>x</a> <a href=\"java%20script:alert(1)\">y</a>");
        assert_eq!(
            summary_text("**Gras** [lien](b.md) <script>x</script> `c`"),
            "Gras lien <script>x</script> c"
        );
    }

    proptest::proptest! {
        /// Whatever a commit's summary holds, it shows as inline elements only, with no
        /// element, attribute or URL that runs script.
        #[test]
        fn a_commit_summary_is_never_a_block_nor_a_script(
            parts in proptest::collection::vec(proptest::sample::select(vec![
                "#", "# ", ">", "- ", "* ", "+ ", "1.", "2)", " ", "    ", "\n", "---", "***",
                "```", "~~~", "|", "[", "]", "(", ")", "<", ">", "!", "`", "*", "_", "~",
                "\\", "&lt;", "&#60;", ":", "^", "<script>", "</script>", "<img src=x onerror=a>",
                "<a href=\"javascript:a\">", "</a>", "<div>", "<!--", "-->", "javascript:",
                "[a](b.md)", "[a]: b", "texte", "é", "principes/social-humain/transparence.md",
            ]), 0..12)
        ) {
            let text: String = parts.concat();
            let html = summary(&text).html;
            let tags = regex::Regex::new(r"<(/?)([a-zA-Z][a-zA-Z0-9]*)([^>]*)>").expect("regex");
            for t in tags.captures_iter(&html) {
                let name = t[2].to_ascii_lowercase();
                proptest::prop_assert!(
                    ["a", "strong", "em", "code", "del", "img"].contains(&name.as_str()),
                    "{text:?} → {html}"
                );
                let attrs = t[3].to_ascii_lowercase();
                proptest::prop_assert!(
                    !attrs.contains("javascript") && !attrs.contains(" on"),
                    "{text:?} → {html}"
                );
            }
        }
    }
}
