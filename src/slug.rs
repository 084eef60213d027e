//! Identifiers and anchors from human text, and the one form (NFC) in which ids, anchors,
//! keys, references, link targets and file names are compared.

use std::borrow::Cow;

use unicode_normalization::{is_nfc_quick, IsNormalized, UnicodeNormalization};

/// `s` in Unicode's composed form (NFC), borrowed when it already is (the usual case).
/// Ids, anchors, keys, references and link targets are compared in this form, so text
/// typed with decomposed accents (macOS, a PDF) matches text typed composed.
pub fn nfc(s: &str) -> Cow<'_, str> {
    match is_nfc_quick(s.chars()) {
        IsNormalized::Yes => Cow::Borrowed(s),
        _ => Cow::Owned(s.nfc().collect()),
    }
}

/// An identifier from a name: accents folded, lowercase, words joined by hyphens
/// (`Château de Millemont` → `chateau-de-millemont`). Matches `^[a-z0-9]+(-[a-z0-9]+)*$`,
/// or is empty when the text holds no letter or digit.
pub fn slugify(text: &str) -> String {
    let folded = deunicode::deunicode(text).to_ascii_lowercase();
    let mut out = String::with_capacity(folded.len());
    for c in folded.chars() {
        if c.is_ascii_alphanumeric() {
            out.push(c);
        } else if !out.is_empty() && !out.ends_with('-') {
            out.push('-');
        }
    }
    while out.ends_with('-') {
        out.pop();
    }
    out
}

/// Whether `s` is a valid identifier of the format.
pub fn is_id(s: &str) -> bool {
    !s.is_empty()
        && !s.starts_with('-')
        && !s.ends_with('-')
        && !s.contains("--")
        && s.bytes()
            .all(|b| b.is_ascii_lowercase() || b.is_ascii_digit() || b == b'-')
}

/// `s` with the Latin ligatures a PDF copy brings (`ﬁ`, `ﬂ`, `ﬀ`, `ﬃ`, `ﬄ`, `ﬅ`, `ﬆ`,
/// U+FB00–U+FB06) written as the letters they show (`fi`, `fl`…): their Unicode
/// compatibility decomposition. Borrowed when there are none (the usual case).
pub fn unligature(s: &str) -> Cow<'_, str> {
    if !s.chars().any(|c| ('\u{fb00}'..='\u{fb06}').contains(&c)) {
        return Cow::Borrowed(s);
    }
    let mut out = String::with_capacity(s.len() + 4);
    for c in s.chars() {
        if ('\u{fb00}'..='\u{fb06}').contains(&c) {
            out.extend(std::iter::once(c).nfkc());
        } else {
            out.push(c);
        }
    }
    Cow::Owned(out)
}

/// A heading's anchor as GitHub and GitLab make it: lowercase, accents kept, punctuation
/// dropped, spaces (the no-break ones too) to hyphens. The site uses the same, so links work in both places. The
/// text is read in Unicode's composed form (NFC) first, so a heading typed with decomposed
/// accents (pasted from a PDF, typed on macOS) has the same anchor as one typed composed;
/// and a ligature pasted from a PDF (`ﬁ`) is read as its letters (`fi`), so that the
/// anchor is the one a reader types (GitHub keeps the ligature: a heading holding one is
/// the only case where the two differ).
pub fn anchor(heading: &str) -> String {
    unligature(&nfc(heading))
        .trim()
        .to_lowercase()
        .chars()
        .filter_map(|c| match c {
            // A no-break space (U+00A0, typed in French before `:` or between `Article`
            // and its number), a narrow one, a thin one: a space as the reader sees it.
            c if c.is_whitespace() => Some('-'),
            '-' | '_' => Some(c),
            c if c.is_alphanumeric() => Some(c),
            _ => None,
        })
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn slugs_fold_accents() {
        assert_eq!(slugify("Château de Millemont"), "chateau-de-millemont");
        assert_eq!(slugify("  L'Économie -- sociale !"), "l-economie-sociale");
        assert_eq!(slugify("***"), "");
        assert!(is_id(&slugify("Éducation populaire 2024")));
    }

    #[test]
    fn ids() {
        assert!(is_id("circuits-courts"));
        assert!(is_id("a1"));
        assert!(!is_id("Circuits"));
        assert!(!is_id("a--b"));
        assert!(!is_id("-a"));
        assert!(!is_id(""));
    }

    #[test]
    fn anchors_like_github() {
        assert_eq!(anchor("Pourquoi ce principe ?"), "pourquoi-ce-principe-");
        assert_eq!(
            anchor("Les « matrices » de richesses"),
            "les--matrices--de-richesses"
        );
        assert_eq!(anchor("Étape 2 : décider"), "étape-2--décider");
        assert_eq!(
            anchor("Proce\u{301}dure qualifie\u{301}e"),
            "procédure-qualifiée"
        );
        assert_eq!(anchor("Article\u{a0}3"), "article-3");
        assert_eq!(anchor("Pourquoi\u{202f}?"), anchor("Pourquoi ?"));
        assert_eq!(anchor("Of\u{fb01}ce des \u{fb02}ux"), "office-des-flux");
    }
}
