//! What the preview adds to every HTML page at serve time: the live-reload script and,
//! when the last rebuild found errors, an overlay listing them. The built files on disk
//! are never changed, so a preview shows exactly what `build` writes. The overlay's own
//! words are in the site's language (the manifest's `langue`, `lang`) like the pages it
//! covers, not the terminal's; without it yet, in the tool's.

use crate::diag::{Diagnostic, Severity};
use crate::i18n::serve::Serve;
use crate::i18n::Lang;

/// A sentence of the overlay in the site's language, else the tool's.
fn say(s: &Serve<'_>, lang: Option<Lang>) -> String {
    match lang {
        Some(l) => s.text_in(l),
        None => s.text(),
    }
}

/// The `lang` attribute of a page the preview writes itself.
fn lang_attr(lang: Option<Lang>) -> String {
    lang.map(|l| format!(" lang=\"{}\"", l.code()))
        .unwrap_or_default()
}

/// Where pages ask whether the site changed (long polling: the answer comes when the
/// version differs from `since`, or after a while). One tab per browser asks; see
/// `reload.js`.
pub const VERSION_PATH: &str = "/__codesocial/version";

/// Why the latest rebuild did not replace the site.
#[derive(Debug, Clone, PartialEq)]
pub enum Problems {
    /// `check` found errors (warnings are listed too).
    Diagnostics(Vec<Diagnostic>),
    /// The build could not run (unreadable folder, …).
    Failed(String),
}

/// `html` with the overlay (if any) and the reload script before its closing `</body>`.
pub fn inject(html: &str, version: u64, problems: Option<&Problems>, lang: Option<Lang>) -> String {
    let mut snippet = String::new();
    if let Some(p) = problems {
        snippet.push_str(&overlay(p, Serve::OverlayKept, lang));
    }
    snippet.push_str(&script(version));
    let at = rfind_ignore_case(html, "</body>").unwrap_or(html.len());
    let mut out = String::with_capacity(html.len() + snippet.len());
    out.push_str(&html[..at]);
    out.push_str(&snippet);
    out.push_str(&html[at..]);
    out
}

/// A whole page for when no build has succeeded yet.
pub fn page(version: u64, problems: Option<&Problems>, lang: Option<Lang>) -> String {
    let body = problems
        .map(|p| overlay(p, Serve::OverlayNoBuild, lang))
        .unwrap_or_default();
    format!(
        "<!DOCTYPE html>\n<html{}><head><meta charset=\"utf-8\"><title>{}</title></head><body>{body}{}</body></html>\n",
        lang_attr(lang),
        escape(&say(&Serve::OverlayTitle, lang)),
        script(version)
    )
}

/// A whole page for a missing address when the build wrote no `404.html`.
pub fn not_found_page(version: u64, problems: Option<&Problems>, lang: Option<Lang>) -> String {
    let title = escape(&say(&Serve::NotFound, lang));
    let page = format!(
        "<!DOCTYPE html>\n<html{}><head><meta charset=\"utf-8\"><title>{title}</title></head><body><h1>{title}</h1></body></html>\n",
        lang_attr(lang)
    );
    inject(&page, version, problems, lang)
}

fn overlay(problems: &Problems, note: Serve<'_>, lang: Option<Lang>) -> String {
    let items = match problems {
        Problems::Diagnostics(list) => list.iter().map(|d| item(d, lang)).collect::<String>(),
        Problems::Failed(reason) => format!("<li>{}</li>", escape(reason)),
    };
    format!(
        concat!(
            "<div id=\"codesocial-overlay\" role=\"alert\" style=\"position:fixed;inset:0;z-index:2147483647;",
            "overflow:auto;background:rgba(20,20,20,.92);color:#f5f5f5;font:15px/1.5 system-ui,sans-serif;padding:2em\">",
            "<button type=\"button\" onclick=\"this.parentNode.remove()\" style=\"float:right\">{close}</button>",
            "<h1 style=\"color:#ff8a80;font-size:1.4em\">{title}</h1><p>{note}</p>",
            "<ul style=\"list-style:none;padding:0\">{items}</ul></div>"
        ),
        close = escape(&say(&Serve::OverlayClose, lang)),
        title = escape(&say(&Serve::OverlayTitle, lang)),
        note = escape(&say(&note, lang)),
        items = items,
    )
}

fn item(d: &Diagnostic, lang: Option<Lang>) -> String {
    let (word, color) = match d.severity {
        Severity::Error => (say(&Serve::Error, lang), "#ff8a80"),
        Severity::Warning => (say(&Serve::Warning, lang), "#ffd180"),
    };
    let help = d
        .help
        .as_ref()
        .map(|h| format!("<br><em>{}</em>", escape(h)))
        .unwrap_or_default();
    format!(
        "<li style=\"margin:0 0 1em\"><code>{}</code> <strong style=\"color:{color}\">{}</strong> {} <small>[{}]</small>{help}</li>",
        escape(&location(d)),
        escape(&word),
        escape(&d.message),
        escape(d.code),
    )
}

/// `file:line:column`, as far as the diagnostic knows.
pub fn location(d: &Diagnostic) -> String {
    let mut out = d.file.clone().unwrap_or_else(|| "codesocial.yaml".into());
    if let Some(line) = d.line {
        out.push_str(&format!(":{line}"));
        if let Some(column) = d.column {
            out.push_str(&format!(":{column}"));
        }
    }
    out
}

/// The reload script, readable in `reload.js`.
const RELOAD_JS: &str = include_str!("reload.js");

fn script(version: u64) -> String {
    let js = RELOAD_JS
        .replace("__VERSION__", &version.to_string())
        .replace("__PATH__", VERSION_PATH);
    format!("<script>{js}</script>")
}

fn rfind_ignore_case(haystack: &str, needle: &str) -> Option<usize> {
    haystack.to_ascii_lowercase().rfind(needle)
}

pub use crate::html::escape;

#[cfg(test)]
mod tests {
    use super::*;
    use crate::diag::Diagnostic;

    fn diagnostic(message: &str) -> Diagnostic {
        Diagnostic {
            severity: Severity::Error,
            code: "codesocial::reference::membre",
            message: message.into(),
            file: Some("principes/a.md".into()),
            line: Some(4),
            column: Some(12),
            end_line: None,
            end_column: None,
            help: Some("did you mean <b>?".into()),
            span: None,
            label: None,
        }
    }

    #[test]
    fn script_goes_before_the_last_closing_body() {
        let out = inject("<html><BODY>x</BODY></html>", 7, None, None);
        assert!(out.contains("var v = 7;"));
        let script = out.find("<script>").expect("script");
        assert!(script < out.find("</BODY>").expect("body"));
        assert!(!out.contains("codesocial-overlay"));
        assert!(inject("no body", 1, None, None).starts_with("no body<script>"));
    }

    #[test]
    fn overlay_escapes_everything_the_files_say() {
        crate::i18n::set_lang(crate::i18n::Lang::En);
        let problems =
            Problems::Diagnostics(vec![diagnostic("unknown `<script>alert(1)</script>`")]);
        let out = inject("<body></body>", 2, Some(&problems), None);
        assert!(out.contains("codesocial-overlay"));
        assert!(out.contains("principes/a.md:4:12"));
        assert!(out.contains("&lt;script&gt;alert(1)&lt;/script&gt;"));
        assert!(out.contains("did you mean &lt;b&gt;?"));
        assert!(!out.contains("<script>alert"));
    }

    #[test]
    fn the_no_build_page_lists_a_failure() {
        let out = page(3, Some(&Problems::Failed("`x` is <gone>".into())), None);
        assert!(out.contains("`x` is &lt;gone&gt;"));
        assert!(out.contains("var v = 3;"));
    }

    /// The overlay speaks the site's language, whatever the terminal's (issue 17).
    #[test]
    fn the_overlay_speaks_the_sites_language() {
        let problems = Problems::Diagnostics(vec![diagnostic("x")]);
        for (lang, other) in [(Lang::Fr, Lang::En), (Lang::En, Lang::Fr)] {
            crate::i18n::in_lang(other, || {
                let out = inject("<body></body>", 1, Some(&problems), Some(lang));
                for word in [
                    Serve::OverlayTitle,
                    Serve::OverlayClose,
                    Serve::OverlayKept,
                    Serve::Error,
                ] {
                    assert!(
                        out.contains(&escape(&word.text_in(lang))),
                        "{lang:?}: {out}"
                    );
                    assert!(
                        !out.contains(&escape(&word.text_in(other))),
                        "{lang:?}: {out}"
                    );
                }
                let missing = not_found_page(1, None, Some(lang));
                assert!(missing.contains(&format!("<html lang=\"{}\">", lang.code())));
                assert!(missing.contains(&escape(&Serve::NotFound.text_in(lang))));
            });
        }
    }
}
