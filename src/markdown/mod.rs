//! Markdown as both `check` and `build` see it: one parser configuration, one rule for ids
//! ([`ids`]), one model of where a link leads ([`links`]) and one renderer ([`render`])
//! whose output `check` reads its ids and links from, so that what `check` accepts the
//! built site resolves.

mod html_scan;
pub mod ids;
pub mod links;
pub mod render;
mod sanitize;

use pulldown_cmark::{Event, Options, Parser, Tag, TagEnd};

pub use html_scan::{decode as decode_entities, ids_in, map_ids, map_urls};
pub use ids::PageIds;
pub use links::{
    encode_fragment, encode_path, is_local, link_path, literal_file, resolve, split_local, Section,
    Target, Tree,
};
pub use render::{render, AsWritten, Context, Found, Rendered, Urls};
pub use sanitize::clean as sanitize;

/// CommonMark plus tables, footnotes and strikethrough, as FORMAT.md says.
pub fn options() -> Options {
    Options::ENABLE_TABLES | Options::ENABLE_FOOTNOTES | Options::ENABLE_STRIKETHROUGH
}

/// The ids a page made of this one body holds (headings with their suffixes, footnotes,
/// raw HTML ids), in order: what `#anchors` to it may name.
pub fn anchors(body: &str) -> Vec<String> {
    render_alone("", body).ids
}

/// `text` rendered as the only text of the file `from`, in a repository with no other
/// file, its links kept as written.
pub(crate) fn render_alone(from: &str, text: &str) -> Rendered {
    let paths = std::collections::BTreeSet::new();
    let ctx = Context {
        from,
        tree: Tree {
            paths: &paths,
            plans: &[],
        },
        urls: &AsWritten,
        summary: false,
        page_ids: &PageIds::default(),
    };
    render(&[text], ctx)
}

/// The plain text of some Markdown: what a reader sees, without markup (for feeds, linked
/// data, search and `<meta name="description">`). Paragraphs and items are separated by
/// one space; footnotes and raw HTML are left out, code and link texts kept.
pub fn plain_text(markdown: &str) -> String {
    let mut text = String::new();
    let mut in_footnote = false;
    for event in Parser::new_ext(markdown, options()) {
        match event {
            Event::Start(Tag::FootnoteDefinition(_)) => in_footnote = true,
            Event::End(TagEnd::FootnoteDefinition) => in_footnote = false,
            _ if in_footnote => {}
            Event::Text(t) | Event::Code(t) => text.push_str(&t),
            Event::SoftBreak | Event::HardBreak => text.push(' '),
            Event::Html(html) | Event::InlineHtml(html) if breaks_words(&html) => text.push(' '),
            Event::End(
                TagEnd::Paragraph
                | TagEnd::Heading(_)
                | TagEnd::Item
                | TagEnd::TableCell
                | TagEnd::CodeBlock,
            ) => text.push(' '),
            _ => {}
        }
    }
    text.split_whitespace().collect::<Vec<_>>().join(" ")
}

/// Elements that end a line or a block where a reader sees them: raw HTML holding one of
/// them separates the words around it (`Moreau<br>Donné` reads "Moreau Donné").
const WORD_BREAKS: &[&str] = &[
    "address",
    "article",
    "aside",
    "blockquote",
    "br",
    "caption",
    "dd",
    "details",
    "div",
    "dl",
    "dt",
    "figcaption",
    "figure",
    "footer",
    "h1",
    "h2",
    "h3",
    "h4",
    "h5",
    "h6",
    "header",
    "hr",
    "li",
    "main",
    "nav",
    "ol",
    "p",
    "pre",
    "section",
    "summary",
    "table",
    "td",
    "th",
    "tr",
    "ul",
];

/// Whether a fragment of raw HTML holds a tag (opening or closing) of an element that
/// separates words ([`WORD_BREAKS`]), so that the plain text puts a space for it.
pub fn breaks_words(html: &str) -> bool {
    html.split('<').skip(1).any(|tag| {
        let name: String = tag
            .trim_start_matches('/')
            .chars()
            .take_while(char::is_ascii_alphanumeric)
            .collect::<String>()
            .to_ascii_lowercase();
        WORD_BREAKS.contains(&name.as_str())
    })
}

#[cfg(test)]
mod tests {
    use std::collections::BTreeSet;

    use super::*;

    fn ids_of(body: &str) -> Vec<String> {
        render_alone("annexes/a.md", body).ids
    }

    #[test]
    fn headings_get_unique_ids() {
        assert_eq!(
            ids_of("## Pourquoi\n\n## Pourquoi\n\n### `code` et *texte*\n"),
            ["pourquoi", "pourquoi-1", "code-et-texte"]
        );
        assert_eq!(
            ids_of("## Étape\n\n## Étape 1\n\n## Étape\n"),
            ["étape", "étape-1", "étape-2"]
        );
    }

    #[test]
    fn raw_ids_and_footnotes_have_their_place() {
        let ids = ids_of(
            "<a id=\"art-3\"></a>\n\n## Art 3\n\nNote[^n] et[^n].\n\n[^n]: La note.\n\n<section id=\"perdu\">x</section>\n",
        );
        assert_eq!(ids, ["art-3", "art-3-1", "fn:1"]);
    }

    #[test]
    fn the_page_own_ids_are_reserved_and_reachable() {
        let paths = BTreeSet::new();
        let page_ids = PageIds {
            held: vec!["cs-main".into(), "classe-simple".into()],
            possible: vec!["cs-totals".into()],
            families: Vec::new(),
        };
        let ctx = Context {
            from: "modification.md",
            tree: Tree {
                paths: &paths,
                plans: &[],
            },
            urls: &AsWritten,
            summary: false,
            page_ids: &page_ids,
        };
        let r = render(
            &["## Classe simple\n\n## CS main\n\n## CS totals\n\n<a id=\"cs-main\"></a> <a id=\"cs-totals\"></a>\n"],
            ctx,
        );
        assert_eq!(
            r.ids,
            [
                "classe-simple-1",
                "cs-main-1",
                "cs-totals-1",
                "cs-main",
                "cs-totals"
            ]
        );
        let dups: Vec<&str> = r.duplicate_ids().iter().map(|d| d.id.as_str()).collect();
        assert_eq!(dups, ["cs-main", "cs-totals"]);
        assert!(r.has_id("classe-simple") && !r.has_id("cs-totals-2"));
    }

    #[test]
    fn link_syntax_left_as_text_is_found() {
        let text = "Voir [statuts](mes statuts.pdf), [ok](<mes statuts.pdf>), [t](a.pdf \"titre\"),\n`[code](a b)`, \\[échappé\\](a b), [ouvert](a b\n\n```\n[bloc](a b)\n```\n\n- [**gras** statuts](les statuts.pdf)\n\n*[titré](a.pdf \"un titre\")* [`x`](y z)\n";
        let r = render_alone("annexes/a.md", text);
        let found: Vec<(&str, &str)> = r
            .unlinked
            .iter()
            .map(|u| (u.dest.as_str(), &text[u.span.clone()]))
            .collect();
        assert_eq!(
            found,
            [
                ("mes statuts.pdf", "mes statuts.pdf"),
                ("les statuts.pdf", "les statuts.pdf"),
                ("y z", "y z")
            ]
        );
    }

    #[test]
    fn nfd_headings_have_nfc_ids() {
        assert_eq!(ids_of("## Proce\u{301}dure\n"), ["procédure"]);
        assert_eq!(crate::slug::nfc("e\u{301}"), "é");
    }

    #[test]
    fn raw_line_and_block_breaks_separate_words_in_plain_text() {
        assert_eq!(plain_text("**Moreau**<br>Donné"), "Moreau Donné");
        assert_eq!(
            plain_text("<strong>Moreau</strong><br/>Donné"),
            "Moreau Donné"
        );
        assert_eq!(plain_text("<b>Mor</b>eau <span>x</span>y"), "Moreau xy");
        assert_eq!(plain_text("a<p>b</p>c"), "a b c");
        assert!(breaks_words("</TD>") && !breaks_words("<bdi>") && !breaks_words("a < b"));
    }

    #[test]
    fn plain_text_drops_markup() {
        assert_eq!(
            plain_text("Un **gras** et [lien](a.md)[^1].\n\n- x\n- `y`\n\n[^1]: note"),
            "Un gras et lien. x y"
        );
    }
}
