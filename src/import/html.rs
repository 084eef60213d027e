//! HTML (a CMS page, a saved web page) to Markdown, through `htmd`, a maintained
//! turndown-style converter on the html5ever parser. Scripts, styles, forms and menus are
//! not content and are left out; shortcodes were removed from the HTML before.

use htmd::options::{BrStyle, BulletListMarker, Options};
use htmd::HtmlToMarkdown;

/// Elements whose content is never text of the document.
const SKIPPED: &[&str] = &[
    "head", "script", "style", "noscript", "template", "iframe", "svg", "canvas", "form", "button",
    "select", "textarea", "input", "nav",
];

/// The page as Markdown, and its `<title>` when it has one.
pub fn to_markdown(html: &str) -> (String, Option<String>) {
    let options = Options {
        bullet_list_marker: BulletListMarker::Dash,
        ul_bullet_spacing: 1,
        ol_number_spacing: 1,
        br_style: BrStyle::Backslash,
        ..Options::default()
    };
    let converter = HtmlToMarkdown::builder()
        .skip_tags(SKIPPED.to_vec())
        .options(options)
        .build();
    let markdown = converter.convert(html).unwrap_or_default();
    (markdown, title(html))
}

/// The text of the page's `<title>`, entities decoded by the same converter.
fn title(html: &str) -> Option<String> {
    let lower = html.to_ascii_lowercase();
    let open = lower.find("<title")?;
    let start = open + lower[open..].find('>')? + 1;
    let end = start + lower[start..].find("</title")?;
    let text = HtmlToMarkdown::new()
        .convert(&format!("<p>{}</p>", &html[start..end]))
        .ok()?;
    let text = text.replace('\\', "").trim().to_string();
    (!text.is_empty()).then_some(text)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn pages_become_markdown_without_their_machinery() {
        let html = "<!DOCTYPE html><html><head><title>Code social &ndash; Les Ateliers</title><style>p{}</style></head><body><nav><a href=\"/\">Accueil</a></nav><div><div><h2>Historique</h2><ul><li>2013 : création</li></ul><p>Un <strong>texte</strong>.<br>Suite.</p></div></div><script>var x;</script></body></html>";
        let (md, title) = to_markdown(html);
        assert_eq!(title.as_deref(), Some("Code social – Les Ateliers"));
        assert_eq!(
            md,
            "## Historique\n\n- 2013 : création\n\nUn **texte**.\\\nSuite."
        );
    }
}
