//! The full-text search index. Every word of every page is searchable: the text of each
//! rendered `<main>` (drawings, scripts, tables of contents and anything marked
//! `data-search-ignore` left out) is cut into blocks — paragraphs, list items, cells,
//! headings — and each distinct block is stored once, since index pages repeat the
//! summaries of the pages they list. The index is gzip-compressed and base64-encoded
//! inside a script (`assets/search-index.js`), because `file://` forbids `fetch`: the
//! browser inflates it with `DecompressionStream`, as Pagefind inflates its own gzipped
//! chunks. Tokenising, French elision, Snowball stemming and accent folding all happen in
//! `assets/search.js`, on the index and on the query alike, so both sides always agree.
//! See docs/site.md for the comparison with Pagefind.

use std::borrow::Cow;
use std::collections::HashMap;
use std::io::Write;

use base64::Engine as _;
use serde::Serialize;

use crate::i18n::Lang;

/// What a page gives the index.
pub struct Entry<'a> {
    pub title: &'a str,
    pub url: &'a str,
    /// What the page is ("Principe", "Offre"…), shown beside results.
    pub kind: &'a str,
    /// The text of its `<main>`, block by block (see [`text_blocks`]).
    pub blocks: &'a [String],
}

#[derive(Serialize)]
struct Index<'a> {
    lang: &'static str,
    /// Every distinct block of text of the site.
    blocks: Vec<&'a str>,
    pages: Vec<IndexedPage<'a>>,
}

#[derive(Serialize)]
struct IndexedPage<'a> {
    t: &'a str,
    u: &'a str,
    k: &'a str,
    /// The page's blocks, as indices into `blocks`, in reading order.
    b: Vec<usize>,
}

/// The script that defines `window.CODESOCIAL_SEARCH_GZ`: the index as JSON, gzipped,
/// base64-encoded (no `<` can appear in it).
pub fn index_script(lang: Lang, entries: &[Entry]) -> String {
    let mut ids: HashMap<&str, usize> = HashMap::new();
    let mut blocks: Vec<&str> = Vec::new();
    let pages = entries
        .iter()
        .map(|e| IndexedPage {
            t: e.title,
            u: e.url,
            k: e.kind,
            b: e.blocks
                .iter()
                .map(|b| {
                    *ids.entry(b.as_str()).or_insert_with(|| {
                        blocks.push(b);
                        blocks.len() - 1
                    })
                })
                .collect(),
        })
        .collect();
    let json = serde_json::to_vec(&Index {
        lang: lang.code(),
        blocks,
        pages,
    })
    .unwrap_or_default();
    // The default level: 1.7 % larger than the best at 5,000 offers (2.30 MB against 2.26
    // MB) in half the time, which the live preview pays on every edit of a page's text.
    let mut gz = flate2::write::GzEncoder::new(Vec::new(), flate2::Compression::default());
    // Writing into a Vec cannot fail.
    let _ = gz.write_all(&json);
    let bytes = gz.finish().unwrap_or_default();
    let b64 = base64::engine::general_purpose::STANDARD.encode(bytes);
    format!("window.CODESOCIAL_SEARCH_GZ = \"{b64}\";\n")
}

/// The JSON text of the index [`index_script`] wrote, as the browser decodes it (base64,
/// then gzip); `None` for anything else.
pub fn decode_script(script: &str) -> Option<String> {
    let b64 = script
        .strip_prefix("window.CODESOCIAL_SEARCH_GZ = \"")?
        .split('"')
        .next()?;
    let gz = base64::engine::general_purpose::STANDARD.decode(b64).ok()?;
    let mut json = String::new();
    std::io::Read::read_to_string(&mut flate2::read::GzDecoder::new(&gz[..]), &mut json).ok()?;
    Some(json)
}

/// Elements whose text is not searched: drawings (their data is in tables beside them),
/// scripts, and navigation (the same on every page).
const SKIPPED: &[&str] = &["svg", "script", "style", "template", "nav", "noscript"];

/// Elements that end a block of text.
const BLOCKS: &[&str] = &[
    "p",
    "li",
    "h1",
    "h2",
    "h3",
    "h4",
    "h5",
    "h6",
    "td",
    "th",
    "dt",
    "dd",
    "pre",
    "blockquote",
    "figcaption",
    "caption",
    "div",
    "section",
    "summary",
    "tr",
    "article",
    "aside",
    "header",
    "footer",
    "br",
    "table",
    "ul",
    "ol",
    "dl",
    "details",
    "figure",
];

/// Elements that may stand inside a word (`l’<em>auteur</em>`, `<a>Mor</a>eau`): their
/// tags join the text around them. Every other tag separates words — a block, a line
/// break, and the spans the site lays out apart (a chart's label, track and values:
/// "Julien Moreau" then "Donné : 0 €", never "Julien MoreauDonné").
const INLINE: &[&str] = &[
    "a", "abbr", "b", "bdi", "bdo", "cite", "code", "data", "del", "dfn", "em", "i", "ins", "kbd",
    "mark", "q", "s", "samp", "small", "strong", "sub", "sup", "time", "u", "var",
];

/// Elements without an end tag.
const VOID: &[&str] = &[
    "area", "base", "br", "col", "embed", "hr", "img", "input", "link", "meta", "source", "track",
    "wbr",
];

/// The text of the `<main>` element of a page the site wrote, cut into blocks at block
/// elements, whitespace collapsed, entities decoded. The HTML is the tool's own output
/// (well formed, sanitised), which is why a small scanner suffices.
pub fn text_blocks(html: &str) -> Vec<String> {
    let Some(start) = html.find("<main") else {
        return Vec::new();
    };
    let end = html.rfind("</main>").unwrap_or(html.len()).max(start);
    let main = &html[start..end];
    let mut scan = Scanner::default();
    let mut rest = main;
    while let Some(lt) = rest.find('<') {
        scan.text(&rest[..lt]);
        let Some(gt) = rest[lt..].find('>') else {
            break;
        };
        scan.tag(&rest[lt + 1..lt + gt]);
        rest = &rest[lt + gt + 1..];
    }
    scan.text(rest);
    scan.flush();
    scan.blocks
}

#[derive(Default)]
struct Scanner<'a> {
    /// Open elements, and whether text inside them is skipped.
    open: Vec<(Cow<'a, str>, bool)>,
    current: String,
    blocks: Vec<String>,
}

impl<'a> Scanner<'a> {
    fn skipping(&self) -> bool {
        self.open.last().is_some_and(|(_, skip)| *skip)
    }

    fn text(&mut self, text: &str) {
        if self.skipping() || text.is_empty() {
            return;
        }
        if text.contains('&') {
            self.current.push_str(&decode(text));
        } else {
            self.current.push_str(text);
        }
    }

    fn flush(&mut self) {
        // Its words, one space between each.
        let mut block = String::with_capacity(self.current.len());
        for word in self.current.split_whitespace() {
            if !block.is_empty() {
                block.push(' ');
            }
            block.push_str(word);
        }
        if !block.is_empty() {
            self.blocks.push(block);
        }
        self.current.clear();
    }

    fn tag(&mut self, inner: &'a str) {
        if inner.starts_with('!') || inner.starts_with('?') {
            return;
        }
        let (closing, name) = tag_name(inner);
        let inner = inner.trim_start_matches('/');
        if BLOCKS.contains(&&*name) {
            self.flush();
        } else if !INLINE.contains(&&*name) {
            self.current.push(' ');
        }
        if closing {
            if let Some(at) = self.open.iter().rposition(|(n, _)| *n == *name) {
                self.open.truncate(at);
            }
        } else if !VOID.contains(&&*name) && !inner.ends_with('/') {
            let skip = self.skipping()
                || SKIPPED.contains(&&*name)
                || inner.contains("data-search-ignore")
                || inner.contains("visually-hidden");
            self.open.push((name, skip));
        }
    }
}

/// Whether a tag's inside (`/p`, `a href="…"`) closes an element, and the element's name
/// in lower case.
pub(super) fn tag_name(inner: &str) -> (bool, Cow<'_, str>) {
    let (closing, inner) = match inner.strip_prefix('/') {
        Some(rest) => (true, rest),
        None => (false, inner),
    };
    let len = inner.bytes().take_while(u8::is_ascii_alphanumeric).count();
    let name = &inner[..len];
    // Lower case already, as the site writes its tags: nothing to copy.
    if name.bytes().any(|b| b.is_ascii_uppercase()) {
        (closing, Cow::Owned(name.to_ascii_lowercase()))
    } else {
        (closing, Cow::Borrowed(name))
    }
}

/// Decodes the entities the site's HTML uses (one decoder, the Markdown module's).
pub(super) fn decode(text: &str) -> String {
    crate::markdown::decode_entities(text)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn blocks_are_the_main_text_without_drawings_or_navigation() {
        let html = r##"<header>Menu</header><main id="m"><h1>Titre &amp; co</h1>
<nav class="toc"><a href="#a">Sur cette page</a></nav>
<p>Un <strong>chêne</strong>&#x27;s<br>suite</p><svg><text>dessin</text></svg>
<ul><li>un</li><li data-search-ignore>caché</li></ul><span class="visually-hidden">lecteur</span></main><footer>pied</footer>"##;
        assert_eq!(
            text_blocks(html),
            ["Titre & co", "Un chêne's", "suite", "un"]
        );
    }

    /// Words that tags separate on the page stay apart: a line break, a block, spans laid
    /// out apart; phrasing elements inside a word keep it whole.
    #[test]
    fn tags_that_separate_words_on_the_page_separate_them_in_the_index() {
        let html = r##"<main><li><span class="bar-label"><a href="x">Julien Moreau</a></span><span class="values">Donné : 0 €</span></li>
<p><strong>Moreau</strong><br>Donné</p><p>l’<em>auteur</em> <a href="y">Mor</a>eau<sup>1</sup></p><div>a</div>b<label>c</label>d</main>"##;
        assert_eq!(
            text_blocks(html),
            [
                "Julien Moreau Donné : 0 €",
                "Moreau",
                "Donné",
                "l’auteur Moreau1",
                "a",
                "b c d"
            ]
        );
    }

    #[test]
    fn entities_decode_and_broken_ones_stay() {
        assert_eq!(decode("a &lt;b&gt; &#233; &#xE9; &x; &"), "a <b> é é &x; &");
    }

    #[test]
    fn the_index_is_a_script_without_markup() {
        let entries = [Entry {
            title: "<T>",
            url: "a/index.html",
            kind: "k",
            blocks: &["x".into(), "x".into()],
        }];
        let script = index_script(Lang::Fr, &entries);
        assert!(script.starts_with("window.CODESOCIAL_SEARCH_GZ = \""));
        assert!(!script.contains('<'));
        let json = decode_script(&script).expect("a gzipped, base64 index");
        assert_eq!(
            json,
            r#"{"lang":"fr","blocks":["x"],"pages":[{"t":"<T>","u":"a/index.html","k":"k","b":[0,0]}]}"#
        );
    }
}
