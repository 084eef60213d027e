//! Markdown for job summaries and pull-request comments (GitHub-flavoured Markdown, which
//! is CommonMark plus tables, strikethrough, autolinks, task lists, footnotes and math).
//! A title or a value must stay text: no heading, list, quote, link, image, emphasis,
//! code, table cell or raw HTML it holds may take effect — else a title can close our
//! `####` heading and open a `<details>` that hides the real "rules broken" section.
//!
//! [`inline`] backslash-escapes every ASCII punctuation character that starts a construct
//! (CommonMark 0.31 §2.4: any ASCII punctuation may be escaped, and an escaped character
//! is literal text), folds every run of white space — line breaks included — into one
//! space, so the value cannot leave the line (or block) it is put in, and escapes what
//! starts a block when it comes first; an `@` followed by a letter gets an invisible word
//! joiner (U+2060) after it, which alone stops GitHub's email autolinks. [`code`] writes a code span, inside which nothing
//! is interpreted. GitHub's own links on `@name` and `#123`, added after rendering, are
//! not Markdown and are not prevented here.

/// Punctuation escaped wherever it stands: emphasis and strikethrough (`*` `_` `~`), code
/// (`` ` ``), links, images and footnotes (`[` `]` `!`), raw HTML, autolinks and quotes
/// (`<` `>`), entities (`&`), table cells (`|`), math (`$`), headings (`#`), extended
/// email autolinks (`@`), superscripts (`^`), heading attributes (`{` `}`, which some
/// renderers read), and the escape character itself. A `:` is escaped when text follows it
/// (`https:`, `mailto:`, `:emoji:`), not before a space as French writes it.
const ALWAYS: &[char] = &[
    '\\', '`', '*', '_', '~', '[', ']', '!', '<', '>', '&', '|', '$', '#', '@', '^', '{', '}',
];

/// U+2060 WORD JOINER: invisible, and not part of an email address.
const WORD_JOINER: char = '\u{2060}';

/// Punctuation that starts a block only at the beginning of a line: list items (`-` `+`),
/// setext underlines (`=`) and definitions (`:`, in renderers that have them).
const AT_START: &[char] = &['-', '+', '=', ':'];

/// `text` as Markdown text that renders as exactly these characters, on one line, and
/// can be placed anywhere in a line or at its start (CommonMark 0.31, GFM 0.29).
pub fn inline(text: &str) -> String {
    let folded = fold(text);
    let start = start_escape(&folded);
    let mut out = String::with_capacity(folded.len() + 8);
    let mut previous = String::new();
    let mut chars = folded.char_indices().peekable();
    while let Some((i, c)) = chars.next() {
        let www = c == '.' && previous.eq_ignore_ascii_case("www");
        let scheme = c == ':' && chars.peek().is_some_and(|(_, next)| *next != ' ');
        if ALWAYS.contains(&c) || Some(i) == start || www || scheme {
            out.push('\\');
        }
        out.push(c);
        if c == '@' && chars.peek().is_some_and(|(_, next)| next.is_alphanumeric()) {
            // GFM's extended email autolink (`a@b.example`) is found after inline parsing,
            // on the text with its escapes removed: `\@` does not stop it. A word joiner
            // (U+2060, invisible) between `@` and the domain does.
            out.push(WORD_JOINER);
        }
        previous.push(c);
        if previous.chars().count() > 3 {
            previous.remove(0);
        }
    }
    out
}

/// `text` as a code span: literal, monospace, on one line. The fence is one backtick more
/// than the longest run inside; a space pads each side when the text starts or ends with a
/// backtick or a space (CommonMark strips one from each side).
pub fn code(text: &str) -> String {
    let folded = fold(text);
    if folded.trim().is_empty() {
        return String::new();
    }
    let longest = folded.split(|c| c != '`').map(str::len).max().unwrap_or(0);
    let fence = "`".repeat(longest + 1);
    let pad = if folded.starts_with(['`', ' ']) || folded.ends_with(['`', ' ']) {
        " "
    } else {
        ""
    };
    format!("{fence}{pad}{folded}{pad}{fence}")
}

/// [`code`] for a cell of a GFM table, where `|` ends the cell even inside a code span
/// unless escaped (GFM 0.29 §4.10; the escape is removed before the span is read).
pub fn code_in_table(text: &str) -> String {
    code(text).replace('|', "\\|")
}

/// Every run of spaces and line breaks (LF, CR, tabs, VT, FF, NEL, U+2028, U+2029) as one
/// space. No-break spaces stay: French typography puts them before `:` and `%`.
fn fold(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    let mut space = false;
    for c in text.chars() {
        if matches!(c, ' ' | '\t'..='\r' | '\u{85}' | '\u{2028}' | '\u{2029}') {
            space = true;
            continue;
        }
        if space {
            out.push(' ');
            space = false;
        }
        out.push(c);
    }
    if space {
        out.push(' ');
    }
    out
}

/// The byte index of the character to escape because it would start a block: a list
/// bullet or setext underline first, or the `.`/`)` after the digits of an ordered item.
fn start_escape(text: &str) -> Option<usize> {
    let body = text.trim_start();
    let offset = text.len() - body.len();
    let first = body.chars().next()?;
    if AT_START.contains(&first) {
        return Some(offset);
    }
    let digits = body.len() - body.trim_start_matches(|c: char| c.is_ascii_digit()).len();
    let after = body[digits..].chars().next();
    (digits > 0 && matches!(after, Some('.' | ')'))).then_some(offset + digits)
}

#[cfg(test)]
mod tests {
    use super::*;

    /// The HTML pulldown-cmark makes of `markdown`, with every extension but typographic
    /// quotes.
    fn html(markdown: &str) -> String {
        use pulldown_cmark::{html::push_html, Options, Parser};
        let options = Options::all() - Options::ENABLE_SMART_PUNCTUATION;
        let mut out = String::new();
        push_html(&mut out, Parser::new_ext(markdown, options));
        out
    }

    #[test]
    fn constructs_stay_text() {
        for hostile in [
            "# titre",
            "- item",
            "1. item",
            "12) item",
            "> quote",
            "<details><summary>✓</summary>",
            "[lien](https://x.example)",
            "![img](x.png)",
            "**gras** _it_ ~~barré~~ `code`",
            "a\n\n#### ✓ règles respectées\n\n<details>",
            "| a | b |",
            "===",
            "    indenté",
            "&lt;b&gt;",
            "<https://x.example>",
            "$x^2$",
            "[^1]",
            "https://x.example mailto:a@b.example www.x.example :smile:",
        ] {
            let out = html(&format!("#### {}\n", inline(hostile)));
            assert_eq!(out.matches('<').count(), 2, "{hostile:?} → {out}");
            let line = html(&format!("{}\n", inline(hostile)));
            assert!(
                line.starts_with("<p>") && line.matches('<').count() == 2,
                "{line}"
            );
        }
    }

    /// GitHub renders `a\@b.example` as a `mailto:` link (cmark-gfm's autolink extension
    /// runs on unescaped text; checked with cmark-gfm 0.29): the domain never follows the
    /// `@` directly.
    #[test]
    fn an_email_address_cannot_become_a_link() {
        for hostile in ["admin@evil.example", "mailto:pay@evil.example", "a_b@c.d"] {
            let out = inline(hostile);
            assert!(out.contains("\\@\u{2060}"), "{out}");
            assert!(!out.contains("@e") && !out.contains("@c"), "{out}");
        }
        // An `@` before a space or at the end stays as it is.
        assert_eq!(inline("a @ b @"), "a \\@ b \\@");
    }

    #[test]
    fn text_reads_back_the_same() {
        let out = html(&inline("Café & co : l'offre « 50 % » (2024) #1 a_b *c*"));
        assert_eq!(
            out,
            "<p>Café &amp; co : l'offre « 50 % » (2024) #1 a_b *c*</p>\n"
        );
    }

    #[test]
    fn code_spans_hold_backticks() {
        assert_eq!(html(&code("a`b")), "<p><code>a`b</code></p>\n");
        assert_eq!(html(&code("``x")), "<p><code>``x</code></p>\n");
        assert_eq!(code(" "), "");
    }
}
