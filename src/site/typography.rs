//! French (and English) typography on the site's pages, applied once to each rendered
//! page: the rules of [`crate::i18n::typography`] on every text node, never inside
//! `code`, `pre`, `kbd`, `samp`, `script`, `style` or `textarea`, never in a tag or an
//! attribute (so URLs, ids and the data of scripts keep their bytes). The source files
//! are never changed: this is how the content reads on the way out.

use crate::i18n::{typography, Lang};

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
        out.push_str(tag);
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
        let text = text.replace("&#x27;", "'").replace("&#39;", "'");
        out.push_str(&typography::text(lang, &text));
    } else {
        out.push_str(text);
    }
}

/// Opens or closes a verbatim element.
fn track(tag: &str, verbatim: &mut Vec<String>) {
    let inner = tag.trim_start_matches('<').trim_end_matches('>');
    let (closing, name) = super::search::tag_name(inner);
    if !VERBATIM.contains(&name.as_str()) {
        return;
    }
    if closing {
        if let Some(at) = verbatim.iter().rposition(|n| *n == name) {
            verbatim.truncate(at);
        }
    } else if !inner.ends_with('/') {
        verbatim.push(name);
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn text_changes_and_code_attributes_and_scripts_do_not() {
        let html = r#"<p title="a : b">Voir : <a href="x?y=1 ;z">l'atelier</a> ; <code>a : b</code> <pre>x ?
<b>y !</b></pre> fin !</p><script>var a = "b : c";</script><style>a:hover{}</style>"#;
        assert_eq!(
            apply(Lang::Fr, html),
            "<p title=\"a : b\">Voir\u{a0}: <a href=\"x?y=1 ;z\">l’atelier</a>\u{202f}; <code>a : b</code> <pre>x ?\n<b>y !</b></pre> fin\u{202f}!</p><script>var a = \"b : c\";</script><style>a:hover{}</style>"
        );
    }
}
