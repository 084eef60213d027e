//! Markdown as both `check` and `build` see it: one parser configuration, one rule for ids
//! ([`ids`]), one model of where a link leads ([`links`]) and one renderer ([`render`])
//! whose output `check` reads its ids and links from, so that what `check` accepts the
//! built site resolves.

pub mod autolink;
mod fence;
mod html_scan;
pub mod ids;
pub mod links;
pub mod render;
mod sanitize;

use pulldown_cmark::{Event, Options, Parser, Tag, TagEnd};

pub use fence::{fenced_lines, Line};
pub use html_scan::{decode as decode_entities, ids_in, map_ids, map_urls};
pub use ids::PageIds;
pub use links::{
    encode_fragment, encode_path, is_local, link_path, literal_file, resolve, split_local, Section,
    Target, Tree,
};
pub use render::{render, AsWritten, Broken, Context, Found, Rendered, Urls, MAX_ELEMENTS};
pub use sanitize::clean as sanitize;

/// CommonMark plus tables, footnotes and strikethrough, as FORMAT.md says; bare addresses
/// are made links after parsing ([`autolink`]), pulldown-cmark having no option for it.
pub fn options() -> Options {
    Options::ENABLE_TABLES | Options::ENABLE_FOOTNOTES | Options::ENABLE_STRIKETHROUGH
}

/// Whether `c` is a special space or an invisible character a paste leaves before a
/// table row's `|` (see [`table_rows`]).
pub fn special_before_row(c: char) -> bool {
    use crate::load::odd::Odd;
    matches!(
        Odd::of(c, false),
        Some(
            Odd::NoBreakSpace
                | Odd::NarrowNoBreakSpace
                | Odd::OtherSpace
                | Odd::ZeroWidthSpace
                | Odd::ZeroWidthJoiner
                | Odd::ZeroWidthNonJoiner
                | Odd::WordJoiner
                | Odd::ByteOrderMark
        )
    )
}

/// `text` with each line that starts with special spaces or invisible characters before a
/// table row's `|` (`\u{a0}| a | b |`, as a word processor writes) starting with its `|`:
/// the `|` moves to the line's start and ordinary spaces take the place of what stood
/// before it, so that every byte offset after it is kept. Without this, the parser reads a
/// first empty cell and drops the row's last one (issue 16). Fenced code and indented code
/// (four ordinary spaces first) are left as written.
pub fn table_rows(text: &str) -> std::borrow::Cow<'_, str> {
    if !text.chars().any(special_before_row) {
        return std::borrow::Cow::Borrowed(text);
    }
    let mut out = String::with_capacity(text.len());
    for Line {
        text: line, fenced, ..
    } in fenced_lines(text)
    {
        let trimmed = line.trim_start_matches(' ');
        let lead = line.len()
            - line
                .trim_start_matches(|c| c == ' ' || special_before_row(c))
                .len();
        let indented = line.len() - trimmed.len() >= 4;
        if !fenced
            && !indented
            && line[lead..].starts_with('|')
            && line[..lead].chars().any(special_before_row)
        {
            out.push('|');
            out.extend(std::iter::repeat_n(' ', lead));
            out.push_str(&line[lead + 1..]);
        } else {
            out.push_str(line);
        }
    }
    std::borrow::Cow::Owned(out)
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
    let markdown = table_rows(markdown);
    for event in Parser::new_ext(&markdown, options()) {
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

    /// A table whose rows (header, delimiter or body) start with special spaces or
    /// invisible characters before their `|` renders as the same table without them: no
    /// cell is added, none lost; links in the cells keep their places (issue 16).
    /// Every control character HTML forbids, raw in a body (in a heading, a paragraph, a
    /// link's text, a code block), renders as U+FFFD, never as itself.
    #[test]
    fn forbidden_controls_never_reach_the_page() {
        let forbidden = (0u32..0xA0)
            .filter_map(char::from_u32)
            .filter(|c| c.is_control() && !matches!(c, '\t' | '\n' | '\r'));
        for c in forbidden {
            let text = format!("## T{c}t\n\nA{c}b [l{c}](a.md)\n\n```\nx{c}y\n```\n");
            let html = render_alone("annexes/a.md", &text).html.concat();
            assert!(!html.contains(c), "{c:?}: {html}");
            assert!(c == '\0' || html.contains('\u{fffd}'), "{c:?}: {html}");
        }
    }

    /// Bare addresses are links on the page, as GitHub shows them (issue 17), and `check`
    /// reads the same page: a link written after one keeps its place. Code, links, raw
    /// `<a>` and escaped addresses stay as written.
    #[test]
    fn bare_addresses_are_links_for_the_site_and_for_check() {
        let body = "Voir https://exemple.org/a_b_c. Et www.exemple.org, contact@exemple.org\n\n\
                    `https://code.example` [lien](https://autre.example) https\\://echappe.example \
                    <a href=\"https://brut.example\">https://brut.example</a> [statuts](statuts.md)\n\n\
                    ```\nhttps://bloc.example\n```\n";
        let r = render_alone("annexes/a.md", body);
        let html = r.html.concat();
        for a in [
            "<a href=\"https://exemple.org/a_b_c\">https://exemple.org/a_b_c</a>.",
            "<a href=\"http://www.exemple.org\">www.exemple.org</a>,",
            "<a href=\"mailto:contact@exemple.org\">contact@exemple.org</a>",
        ] {
            assert!(html.contains(a), "{a} not in {html}");
        }
        assert_eq!(html.matches("<a ").count(), 6, "{html}");
        for text in ["code.example", "echappe.example", "bloc.example"] {
            assert!(
                !html.contains(&format!("//{text}\"")),
                "{text} linked: {html}"
            );
        }
        let statuts = r
            .links
            .iter()
            .find(|l| l.dest == "statuts.md")
            .expect("found");
        assert_eq!(&body[statuts.span.clone()], "statuts.md");
        crate::markdown::render::ALWAYS_SANITIZE.with(|a| a.set(true));
        let sanitized = render_alone("annexes/a.md", body).html.concat();
        crate::markdown::render::ALWAYS_SANITIZE.with(|a| a.set(false));
        assert_eq!(sanitized.matches("<a ").count(), 6, "{sanitized}");
    }

    #[test]
    fn a_row_after_a_special_space_renders_as_a_row() {
        let table = "| A | B |\n|---|---|\n| [a](b.md) | c |\n| d | e |\n";
        let html = |text: &str| render_alone("annexes/a.md", text).html.concat();
        let expected = html(table);
        assert!(expected.contains("<td>c</td>"), "{expected}");
        let chars = [
            '\u{a0}', '\u{202f}', '\u{2009}', '\u{200b}', '\u{2060}', '\u{feff}',
        ];
        let lines: Vec<&str> = table.split_inclusive('\n').collect();
        for ch in chars {
            for prefix in [
                ch.to_string(),
                format!(" {ch}"),
                format!("{ch}{ch}"),
                format!("{ch} "),
            ] {
                for row in 0..lines.len() {
                    let text: String = lines
                        .iter()
                        .enumerate()
                        .map(|(i, l)| {
                            if i == row {
                                format!("{prefix}{l}")
                            } else {
                                l.to_string()
                            }
                        })
                        .collect();
                    let written = table_rows(&text);
                    assert_eq!(written.len(), text.len(), "{text:?}");
                    assert_eq!(html(&text), expected, "{text:?}");
                }
            }
        }
        // Fenced and indented code are left as written, fences by CommonMark's rule
        // (`fenced_lines`): a shorter fence inside a longer one closes nothing.
        for text in [
            "```\n\u{a0}| a |\n```\n",
            "    \u{a0}| a |\n",
            "````\n```\n\u{a0}| a |\n````\n",
            "~~~\n```\n\u{a0}| a |\n",
        ] {
            assert_eq!(table_rows(text), text);
        }
        // Four spaces before backticks make no fence: the row is a table's again.
        assert_eq!(
            table_rows("    ```\n\n\u{a0}| a |\n"),
            "    ```\n\n|   a |\n"
        );
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

    /// A link target never closed by `)` and a reference with no definition are found at
    /// their `[`, shown as text; each fix (the `)`, the definition) gives a link and nothing
    /// left to say; labels alone, code, footnotes, closed links and defined references are
    /// left alone (issue 16, truth17).
    #[test]
    fn unclosed_targets_and_undefined_references_are_found_and_their_fix_links() {
        let broken = |text: &str| {
            let r = render_alone("annexes/a.md", text);
            r.broken_links
                .iter()
                .map(|b| (b.broken.clone(), text[b.span.clone()].to_string()))
                .collect::<Vec<_>>()
        };
        for (before, after) in [
            ("Voir ", " pour plus."),
            ("", ""),
            ("**Voir** ", ", *ici*."),
        ] {
            for target in ["../membres/alex.md", "#art-3", "https://exemple.org/a"] {
                let text = format!("{before}[la fiche]({target}{after}\n");
                let fixed = format!("[la fiche]({target})");
                assert_eq!(
                    broken(&text),
                    [(
                        Broken::Unclosed {
                            fixed: fixed.clone()
                        },
                        "[".to_string()
                    )],
                    "{text:?}"
                );
                let followed = format!("{before}{fixed}{after}\n");
                assert!(broken(&followed).is_empty(), "{followed:?}");
                assert!(render_alone("annexes/a.md", &followed)
                    .html
                    .concat()
                    .contains("<a href="));
            }
            for reference in ["[la fiche][fiche]", "[fiche][]"] {
                let text = format!("{before}{reference}{after}\n");
                let label = Broken::UndefinedReference {
                    label: "fiche".into(),
                };
                assert_eq!(broken(&text), [(label, "[".to_string())], "{text:?}");
                let followed = format!("{text}\n[fiche]: ../membres/alex.md\n");
                assert!(broken(&followed).is_empty(), "{followed:?}");
                assert!(render_alone("annexes/a.md", &followed)
                    .html
                    .concat()
                    .contains("<a href="));
            }
        }
        for text in [
            "Un mot [sic] et (une parenthèse.\n",
            "[x](a.md) et [y](b.md)\n",
            "`[a][b]` et `[c](d.md`\n",
            "Une note[^1].\n\n[^1]: texte\n",
            "[a][b]\n\n[b]: ../membres/alex.md\n",
            "```\n[a](b.md\n```\n",
            "- [ ] à faire\n- [x] fait\n",
            "Voir [le texte](et la suite sans cible.\n",
        ] {
            assert!(broken(text).is_empty(), "{text:?}: {:?}", broken(text));
        }
    }

    /// A target with a space is found the same whether written inline or in a reference
    /// definition (issue 16): for each target, either the page links it or `check` names
    /// it as left as text, never neither.
    #[test]
    fn a_spaced_target_is_found_inline_and_in_a_definition() {
        let targets = [
            "../a b.md",
            "mes statuts.pdf",
            "../../principes/social-humain/a b.md#c",
            "https://exemple.org/a b",
            "a\tb.md",
        ];
        for dest in targets {
            for indent in ["", " ", "   "] {
                let inline = format!("Voir [x]({dest}).\n");
                let defined = format!("Voir [x].\n\n{indent}[x]: {dest}\n");
                for text in [inline, defined] {
                    let r = render_alone("annexes/a.md", &text);
                    let found: Vec<&str> =
                        r.unlinked.iter().map(|u| &text[u.span.clone()]).collect();
                    assert_eq!(found, [dest], "{text:?}");
                    assert!(r.links.is_empty(), "{text:?}");
                }
            }
            // Between `<` and `>`, or spaces encoded, it is a link.
            for text in [
                format!("Voir [x].\n\n[x]: <{dest}>\n"),
                format!("Voir [x].\n\n[x]: {}\n", dest.replace([' ', '\t'], "%20")),
            ] {
                let r = render_alone("annexes/a.md", &text);
                assert!(r.unlinked.is_empty(), "{text:?}");
            }
        }
        // Prose that only looks like a definition, a valid one with a title, indented code.
        for text in [
            "[Note]: voir la suite plus bas\n",
            "Voir [x].\n\n[x]: a.md \"Un titre\"\n",
            "    [x]: a b.md\n",
        ] {
            assert!(
                render_alone("annexes/a.md", text).unlinked.is_empty(),
                "{text:?}"
            );
        }
    }

    /// `[b] (x.md)`: a label and a link target with a space between them are found at the
    /// `[`, the link as meant given; the same without the space is a link the page keeps,
    /// and a parenthesis holding words, code, a link already read are left alone (issue
    /// 16, round 13).
    #[test]
    fn a_space_between_label_and_target_is_found_and_its_fix_is_a_link() {
        for target in [
            "x.md",
            "../membres/alex.md",
            "#art-3",
            "https://exemple.org",
            "a/b",
        ] {
            for gap in [" ", "  ", "\t"] {
                let text = format!("Voir [les statuts]{gap}({target}) et la suite.\n");
                let r = render_alone("annexes/a.md", &text);
                let found: Vec<(&str, &str)> = r
                    .spaced_labels
                    .iter()
                    .map(|l| (l.fixed.as_str(), &text[l.span.clone()]))
                    .collect();
                let fixed = format!("[les statuts]({target})");
                assert_eq!(found, [(fixed.as_str(), "[")], "{text:?}");
                // The label is no link (a bare address in the parentheses is one, as
                // GitHub shows it).
                assert!(!r.html.concat().contains("les statuts</a>"), "{text:?}");
                // The hint followed: a link, and nothing left to say.
                let followed = text.replace(&format!("[les statuts]{gap}({target})"), &fixed);
                let r = render_alone("annexes/a.md", &followed);
                assert!(r.spaced_labels.is_empty(), "{followed:?}");
                assert!(
                    r.html.concat().contains("<a href="),
                    "{followed:?}: {:?}",
                    r.html
                );
            }
        }
        for text in [
            "Voir [b] (pas un lien, juste du texte).\n",
            "Un [sic] (p. 3) et [note] (2024), [x] (v1.2).\n",
            "`[b] (x.md)` en code.\n",
            "Voir [b] (x.md).\n\n[b]: y.md\n",
            "- [ ] (x.md)\n",
            "\\[b\\] (x.md)\n",
        ] {
            assert_no_spaced_label(text);
        }
    }

    /// `text` (an annex alone) has no label parted from its target.
    fn assert_no_spaced_label(text: &str) {
        let r = render_alone("annexes/a.md", text);
        assert!(
            r.spaced_labels.is_empty(),
            "{text:?}: {:?}",
            r.spaced_labels
        );
    }

    /// Every way a label and its target come apart so that the page shows text (issue 16,
    /// truth19): spaces, no-break spaces (U+00A0, U+202F), a line break, full-width
    /// parentheses; each is found once, at the `[`, named, and its fix renders a link and
    /// is found no more.
    #[test]
    fn every_gap_between_label_and_target_is_found_and_its_fix_is_a_link() {
        use crate::i18n::LinkGap;
        let gaps: [(&str, &str, &str, Option<LinkGap>); 8] = [
            (" ", "(", ")", Some(LinkGap::Space)),
            ("\u{a0}", "(", ")", Some(LinkGap::NoBreakSpace)),
            ("\u{202f}", "(", ")", Some(LinkGap::NoBreakSpace)),
            (" \u{a0}", "(", ")", Some(LinkGap::NoBreakSpace)),
            ("\n", "(", ")", Some(LinkGap::LineBreak)),
            ("\n  ", "(", ")", Some(LinkGap::LineBreak)),
            ("", "\u{ff08}", "\u{ff09}", None),
            (" ", "\u{ff08}", "\u{ff09}", None),
        ];
        for target in [
            "x.md",
            "../membres/alex.md",
            "#art-3",
            "https://exemple.org",
        ] {
            for (gap, open, close, kind) in gaps {
                let text = format!("Voir [les statuts]{gap}{open}{target}{close} et la suite.\n");
                let r = render_alone("annexes/a.md", &text);
                let fixed = format!("[les statuts]({target})");
                let found: Vec<_> = r
                    .spaced_labels
                    .iter()
                    .map(|l| (l.fixed.as_str(), l.gap, &text[l.span.clone()]))
                    .collect();
                assert_eq!(found, [(fixed.as_str(), kind, "[")], "{text:?}");
                // The label is no link (a bare address in the target is one of its own).
                assert!(!r.html.concat().contains(">les statuts</a>"), "{text:?}");
                let followed =
                    text.replace(&format!("[les statuts]{gap}{open}{target}{close}"), &fixed);
                let r = render_alone("annexes/a.md", &followed);
                assert!(r.spaced_labels.is_empty(), "{followed:?}");
                assert!(r.html.concat().contains(">les statuts</a>"), "{followed:?}");
            }
        }
        // Words in parentheses on the next line, or after a no-break space, are no target.
        for text in [
            "Un [sic]\n(p. 3) et la suite.\n",
            "Un [sic]\u{a0}(voir plus bas).\n",
            "Un [sic]\n\n(x.md) est un autre paragraphe.\n",
        ] {
            assert_no_spaced_label(text);
        }
    }

    /// Footnotes the page shows wrong: a reference with no definition is text (found at
    /// its `[`), a label defined twice gives two notes of one number (found at the second
    /// definition, naming the first); a note used and defined once is neither.
    #[test]
    fn undefined_and_twice_defined_footnotes_are_found() {
        let broken = |text: &str| -> Vec<(Broken, String)> {
            render_alone("annexes/a.md", text)
                .broken_links
                .iter()
                .map(|b| (b.broken.clone(), text[b.span.clone()].to_string()))
                .collect()
        };
        for label in ["2", "note", "a-b"] {
            let text = format!("Texte[^{label}].\n");
            let undefined = Broken::UndefinedFootnote {
                label: label.into(),
            };
            assert_eq!(broken(&text), [(undefined, "[".to_string())]);
            let fixed = format!("{text}\n[^{label}]: La note.\n");
            assert!(broken(&fixed).is_empty(), "{fixed:?}");
            let twice = format!("{fixed}[^{label}]: Encore.\n");
            let first = twice.find(&format!("\n[^{label}]:")).expect("first") + 1;
            let found = broken(&twice);
            assert_eq!(found.len(), 1, "{twice:?}: {found:?}");
            assert_eq!(
                found[0].0,
                Broken::FootnoteTwice {
                    label: label.into(),
                    first: first..first + 1
                }
            );
        }
        for text in [
            "`[^2]` en code.\n",
            "\\[^2] échappé.\n",
            "[^ 2] n’est pas une note.\n",
        ] {
            assert!(broken(text).is_empty(), "{text:?}: {:?}", broken(text));
        }
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
