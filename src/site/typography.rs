//! French (and English) typography on the site's pages, applied once to each rendered
//! page: the rules of [`crate::i18n::typography`] on every text node, never inside
//! `code`, `pre`, `kbd`, `samp`, `script`, `style` or `textarea`; in a tag, only on the
//! attributes that are prose a reader hears or sees (an `aria-label`, a `title`, an `alt`,
//! a `placeholder`, the description and title a page gives in its `<meta>`s), never on any
//! other (so URLs, ids and the data of scripts keep their bytes). The source files are
//! never changed: this is how the content reads on the way out.

use std::borrow::Cow;
use std::ops::Range;

use crate::i18n::{typography, Lang};

/// The attributes whose value is prose, in any element.
const PROSE_ATTRIBUTES: &[&str] = &[
    "aria-label",
    "aria-description",
    "title",
    "alt",
    "placeholder",
];

/// The `<meta>`s whose `content` is prose (`name` or `property`).
const PROSE_META: &[&str] = &[
    "description",
    "og:description",
    "og:title",
    "og:site_name",
    "og:image:alt",
    "twitter:description",
    "twitter:title",
    "twitter:image:alt",
];

/// Elements whose text is kept byte for byte.
const VERBATIM: &[&str] = &["code", "pre", "kbd", "samp", "script", "style", "textarea"];

/// `html` with the typographic rules of `lang` applied to its text.
pub fn apply(lang: Lang, html: &str) -> String {
    let mut out = String::with_capacity(html.len() + html.len() / 32);
    // How many verbatim elements are open.
    let mut verbatim: Vec<String> = Vec::new();
    let mut rest = html;
    while let Some(lt) = rest.find('<') {
        text(lang, &rest[..lt], verbatim.is_empty(), &mut out);
        let Some(gt) = rest[lt..].find('>') else {
            out.push_str(&rest[lt..]);
            return out;
        };
        let tag = &rest[lt..lt + gt + 1];
        out.push_str(&prose_attributes(lang, tag));
        track(tag, &mut verbatim);
        rest = &rest[lt + gt + 1..];
        // A script's or style's content is not HTML: copy it up to its end tag.
        if let Some(open) = verbatim.last().filter(|n| *n == "script" || *n == "style") {
            let close = format!("</{open}");
            let end = rest.find(&close).unwrap_or(rest.len());
            out.push_str(&rest[..end]);
            rest = &rest[end..];
        }
    }
    text(lang, rest, verbatim.is_empty(), &mut out);
    out
}

fn text(lang: Lang, text: &str, prose: bool, out: &mut String) {
    if prose && !text.trim().is_empty() {
        // The escaper writes apostrophes as references; in a text node a bare one is as safe.
        let text = apostrophes(text);
        // `out` ends with a tag's `>` (or is empty): the rules read it as they would an
        // empty text before this one.
        typography::text_into(lang, &text, out);
    } else {
        out.push_str(text);
    }
}

/// `text` with the references the escaper writes for an apostrophe made bare ones.
fn apostrophes(text: &str) -> Cow<'_, str> {
    if !text.contains("&#") {
        return Cow::Borrowed(text);
    }
    Cow::Owned(text.replace("&#x27;", "'").replace("&#39;", "'"))
}

/// `tag` with the rules applied to the values of its prose attributes (double-quoted, as
/// the templates and the Markdown renderer write them).
fn prose_attributes(lang: Lang, tag: &str) -> Cow<'_, str> {
    if tag.starts_with("</") || !tag.contains("=\"") {
        return Cow::Borrowed(tag);
    }
    let meta = tag
        .get(..5)
        .is_some_and(|t| t.eq_ignore_ascii_case("<meta"))
        && attributes(tag).any(|(name, value)| {
            (name.eq_ignore_ascii_case("name") || name.eq_ignore_ascii_case("property"))
                && PROSE_META.contains(&&tag[value.clone()])
        });
    let mut out = String::new();
    let mut copied = 0;
    for (name, value) in attributes(tag) {
        let prose = PROSE_ATTRIBUTES
            .iter()
            .any(|p| name.eq_ignore_ascii_case(p));
        if !(prose || (meta && name.eq_ignore_ascii_case("content"))) {
            continue;
        }
        // The escaper writes apostrophes as references; in a double-quoted value a bare
        // one is as safe.
        let text = apostrophes(&tag[value.clone()]);
        out.push_str(&tag[copied..value.start]);
        out.push_str(&typography::text(lang, &text));
        copied = value.end;
    }
    if copied == 0 {
        return Cow::Borrowed(tag);
    }
    out.push_str(&tag[copied..]);
    Cow::Owned(out)
}

/// The double-quoted attributes of a tag: each name and where its value lies.
fn attributes(tag: &str) -> impl Iterator<Item = (&str, Range<usize>)> + '_ {
    let mut at = 0;
    std::iter::from_fn(move || {
        while let Some(eq) = tag[at..].find("=\"").map(|e| at + e) {
            let start = eq + 2;
            let Some(end) = tag[start..].find('"').map(|e| start + e) else {
                at = tag.len();
                return None;
            };
            at = end + 1;
            let name_start = tag[..eq]
                .rfind(|c: char| c.is_ascii_whitespace())
                .map_or(0, |p| p + 1);
            let name = &tag[name_start..eq];
            if name_start > 0
                && !name.is_empty()
                && name
                    .bytes()
                    .all(|b| b.is_ascii_alphanumeric() || matches!(b, b'-' | b'_' | b':'))
            {
                return Some((name, start..end));
            }
        }
        None
    })
}

/// Opens or closes a verbatim element.
fn track(tag: &str, verbatim: &mut Vec<String>) {
    let inner = tag.trim_start_matches('<').trim_end_matches('>');
    let (closing, name) = super::search::tag_name(inner);
    if !VERBATIM.contains(&&*name) {
        return;
    }
    if closing {
        if let Some(at) = verbatim.iter().rposition(|n| *n == *name) {
            verbatim.truncate(at);
        }
    } else if !inner.ends_with('/') {
        verbatim.push(name.into_owned());
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn text_changes_and_code_attributes_and_scripts_do_not() {
        let html = r#"<p data-x="a : b">Voir : <a href="x?y=1 ;z">l'atelier</a> ; <code>a : b</code> <pre>x ?
<b>y !</b></pre> fin !</p><script>var a = "b : c";</script><style>a:hover{}</style>"#;
        assert_eq!(
            apply(Lang::Fr, html),
            "<p data-x=\"a : b\">Voir\u{a0}: <a href=\"x?y=1 ;z\">l’atelier</a>\u{202f}; <code>a : b</code> <pre>x ?\n<b>y !</b></pre> fin\u{202f}!</p><script>var a = \"b : c\";</script><style>a:hover{}</style>"
        );
    }

    /// What a screen reader speaks and what a link's preview shows get the typography of
    /// the text (issue 17): an `aria-label`, a `title`, an `alt`, a `placeholder`, the
    /// `<meta>` description and title; an address, an id, a `data-` attribute and any
    /// other `<meta>` keep their bytes.
    #[test]
    fn prose_attributes_read_as_the_text_does() {
        let html = concat!(
            r#"<meta name="description" content="Voir : l&#39;atelier ?">"#,
            r#"<meta property="og:description" content="Créée le 2013-05-02 ; fin !">"#,
            r#"<meta property="og:url" content="https://x.org/a?b=1 ;c">"#,
            r#"<nav aria-label="Plan : l&#39;essentiel"><a href="x ;y" id="a:b" title="Quoi ?" data-one="a : b">x</a></nav>"#,
            r#"<img alt="L&#39;atelier : bois" src="a.png"><input placeholder="Rechercher : mot">"#,
        );
        assert_eq!(
            apply(Lang::Fr, html),
            concat!(
                "<meta name=\"description\" content=\"Voir\u{a0}: l’atelier\u{202f}?\">",
                "<meta property=\"og:description\" content=\"Créée le 2\u{a0}mai\u{a0}2013\u{202f}; fin\u{202f}!\">",
                "<meta property=\"og:url\" content=\"https://x.org/a?b=1 ;c\">",
                "<nav aria-label=\"Plan\u{a0}: l’essentiel\"><a href=\"x ;y\" id=\"a:b\" title=\"Quoi\u{202f}?\" data-one=\"a : b\">x</a></nav>",
                "<img alt=\"L’atelier\u{a0}: bois\" src=\"a.png\"><input placeholder=\"Rechercher\u{a0}: mot\">",
            )
        );
        assert_eq!(
            apply(Lang::En, r#"<a aria-label="The member&#39;s page">x</a>"#),
            "<a aria-label=\"The member’s page\">x</a>"
        );
    }
}
