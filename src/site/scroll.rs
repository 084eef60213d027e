//! The boxes of a page that scroll sideways on a narrow screen — code blocks and tables —
//! made reachable by keyboard (WCAG 2.1.1, axe's `scrollable-region-focusable`): each
//! `<pre>` and each outermost `<table>` (the latter in a `.table-wrap` box that scrolls in
//! its place) is focusable and named, so that a keyboard user can reach it and scroll it
//! with the arrow keys. Done on the rendered page, so that Markdown bodies, templates and
//! a site's own templates are treated alike. `site.js` keeps the tab stop only on the
//! boxes that do overflow at the reader's width; without scripts every box keeps it.

use super::content::escape;

/// The names a screen reader announces for the boxes.
pub struct Words<'a> {
    pub table: &'a str,
    pub code: &'a str,
}

/// The attributes that make a box a named tab stop; `data-scroll` marks it for `site.js`.
fn attributes(label: &str) -> String {
    format!(
        " tabindex=\"0\" role=\"group\" aria-label=\"{}\" data-scroll",
        escape(label)
    )
}

/// `html` with its code blocks and tables reachable by keyboard.
pub fn regions(html: &str, words: &Words) -> String {
    let mut out = String::with_capacity(html.len() + 1024);
    let mut tables = 0usize;
    let mut rest = html;
    while let Some(lt) = rest.find('<') {
        out.push_str(&rest[..lt]);
        let Some(gt) = rest[lt..].find('>') else {
            out.push_str(&rest[lt..]);
            return out;
        };
        let tag = &rest[lt..=lt + gt];
        rest = &rest[lt + gt + 1..];
        let (closing, name) = super::search::tag_name(&tag[1..tag.len() - 1]);
        match (closing, &*name) {
            (false, "table") => {
                if tables == 0 {
                    out.push_str("<div class=\"table-wrap\"");
                    out.push_str(&attributes(words.table));
                    out.push('>');
                }
                tables += 1;
                out.push_str(tag);
            }
            (true, "table") if tables > 0 => {
                out.push_str(tag);
                tables -= 1;
                if tables == 0 {
                    out.push_str("</div>");
                }
            }
            (false, "pre") if !tag.contains("tabindex") => {
                out.push_str("<pre");
                out.push_str(&attributes(words.code));
                out.push_str(&tag[4..]);
            }
            (false, "script" | "style") => {
                // Not HTML inside: copied up to its end tag.
                out.push_str(tag);
                let end = rest.find(&format!("</{name}")).unwrap_or(rest.len());
                out.push_str(&rest[..end]);
                rest = &rest[end..];
            }
            _ => out.push_str(tag),
        }
    }
    out.push_str(rest);
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    const WORDS: Words = Words {
        table: "Tableau",
        code: "Bloc de code",
    };

    #[test]
    fn code_blocks_and_outer_tables_become_named_tab_stops() {
        let html = "<p>a</p><pre><code>x &lt;table&gt;</code></pre><table><tr><td><table><tr><td>1</td></tr></table></td></tr></table><PRE class=\"c\">y</PRE>";
        assert_eq!(
            regions(html, &WORDS),
            "<p>a</p><pre tabindex=\"0\" role=\"group\" aria-label=\"Bloc de code\" data-scroll><code>x &lt;table&gt;</code></pre>\
             <div class=\"table-wrap\" tabindex=\"0\" role=\"group\" aria-label=\"Tableau\" data-scroll><table><tr><td><table><tr><td>1</td></tr></table></td></tr></table></div>\
             <pre tabindex=\"0\" role=\"group\" aria-label=\"Bloc de code\" data-scroll class=\"c\">y</PRE>"
        );
    }

    #[test]
    fn scripts_styles_and_text_are_left_alone() {
        for html in [
            "<script>var t = \"<table>\";</script><p>1 < 2</p>",
            "<style>pre > code {}</style>",
            "<pre tabindex=\"-1\">z</pre>",
            "no tag at all",
            "<p>cut <",
            "</table><p>stray</p>",
        ] {
            assert_eq!(regions(html, &WORDS), html);
        }
    }
}
