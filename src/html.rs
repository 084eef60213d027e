//! Escaping text for HTML and XML, shared by the site, the preview overlay and the bilan.

/// Escapes text for element content and quoted attribute values. A control character that
/// HTML and XML forbid in text (C0 but tab, line feed and carriage return; DELETE; C1),
/// which a YAML escape (`"a\\bb"`) can put in a value, becomes U+FFFD: the page stays
/// valid and shows that something stood there (`check` warns where).
pub fn escape(s: &str) -> String {
    let mut out = String::with_capacity(s.len());
    for c in s.chars() {
        match c {
            '&' => out.push_str("&amp;"),
            '<' => out.push_str("&lt;"),
            '>' => out.push_str("&gt;"),
            '"' => out.push_str("&quot;"),
            '\'' => out.push_str("&#39;"),
            c if forbidden(c) => out.push('\u{fffd}'),
            c => out.push(c),
        }
    }
    out
}

/// `html` with each control character HTML forbids in text replaced by U+FFFD, as
/// [`escape`] does (for HTML written by the Markdown renderer, which keeps them).
pub fn replace_forbidden(html: String) -> String {
    if !html.chars().any(forbidden) {
        return html;
    }
    html.chars()
        .map(|c| if forbidden(c) { '\u{fffd}' } else { c })
        .collect()
}

/// Whether HTML and XML forbid `c` in text.
fn forbidden(c: char) -> bool {
    c.is_control() && !matches!(c, '\t' | '\n' | '\r')
}

#[cfg(test)]
mod tests {
    #[test]
    fn escapes_markup_and_quotes() {
        assert_eq!(
            super::escape(r#"<a href="x">'&'</a>"#),
            "&lt;a href=&quot;x&quot;&gt;&#39;&amp;&#39;&lt;/a&gt;"
        );
    }

    /// Every code point below U+00A0: the controls HTML and XML forbid are replaced, the
    /// others kept or escaped as markup.
    #[test]
    fn forbidden_controls_become_replacement_characters() {
        for c in (0u32..0xA0).filter_map(char::from_u32) {
            let escaped = super::escape(&format!("a{c}b"));
            let forbidden = c.is_control() && !matches!(c, '\t' | '\n' | '\r');
            assert_eq!(escaped == "a\u{fffd}b", forbidden, "{c:?}: {escaped:?}");
        }
    }
}
