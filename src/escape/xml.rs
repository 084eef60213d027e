//! XML 1.0 text, for the site's `atom.xml` and `sitemap.xml`. XML 1.0 allows only the
//! characters of its production `Char` (§2.2): TAB, LF, CR, U+0020–U+D7FF, U+E000–U+FFFD
//! and U+10000–U+10FFFF. Any other — the C0 controls, even written as `&#27;`, and
//! U+FFFE/U+FFFF — makes the document not well-formed, and a feed reader drops it whole.
//! [`text`] replaces each with U+FFFD (the replacement character), then escapes markup.

/// Whether XML 1.0 allows `c` in a document (production `Char`; Rust's `char` holds no
/// surrogate, so U+D800–U+DFFF never occur).
pub fn is_allowed(c: char) -> bool {
    matches!(c, '\t' | '\n' | '\r' | '\u{20}'..='\u{D7FF}' | '\u{E000}'..='\u{FFFD}')
        || c >= '\u{10000}'
}

/// `s` as XML character data or a quoted attribute value: characters XML forbids replaced
/// by U+FFFD, and `&`, `<`, `>`, `"` and `'` written as references ([`crate::html::escape`]).
pub fn text(s: &str) -> String {
    let allowed = super::rewrite(s, |c| !is_allowed(c), |_, out| out.push('\u{FFFD}'));
    crate::html::escape(&allowed)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn forbidden_characters_are_replaced() {
        assert_eq!(
            text("a\0b\u{1b}c\u{FFFE}d\u{FFFF}"),
            "a\u{FFFD}b\u{FFFD}c\u{FFFD}d\u{FFFD}"
        );
        assert_eq!(
            text("<a href=\"x\">'&'</a>\t\n"),
            "&lt;a href=&quot;x&quot;&gt;&#39;&amp;&#39;&lt;/a&gt;\t\n"
        );
        // XML allows C1 controls, HTML does not: the shared escaping replaces them too.
        assert_eq!(text("é🌱\u{85}"), "é🌱\u{FFFD}");
    }
}
