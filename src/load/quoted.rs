//! Escapes of double-quoted YAML scalars as written (YAML 1.2 §5.7), read in one place for
//! the loader (which refuses those nobody means in a document, issue 16), the control
//! character check and the positions of text inside a value.
//!
//! Between double quotes a `\` starts an escape. A Windows path pasted there
//! (`lieu: "S:\Partage\Statuts"`) is read as escapes: `\P` is a paragraph separator, `\S`
//! is no escape at all. So the escapes a writer means are kept: JSON's (`\\`, `\"`, `\/`,
//! `\n`, `\t`, `\b`, `\f`, `\r` and `\uXXXX`, which tools writing YAML as JSON produce),
//! `\ `, `\xXX`, `\UXXXXXXXX` and a `\` ending a line (the controls among them get the
//! control-character warning); YAML's own one-letter escapes that stand for controls or
//! separators (`\0 \a \e \v \N \_ \L \P`) and any unknown or malformed escape are an
//! error at the backslash, with the fix.

/// What the escape starting with the `\` at the beginning of `s` stands for.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Escape {
    /// The character it stands for, and its length in bytes (the `\` included).
    Char(char, usize),
    /// `\` ending a line: the line break and the next line's indentation are dropped.
    /// Its length covers the `\` only.
    LineBreak,
    /// No escape YAML knows, or a malformed one: the length (the `\` included) of what to
    /// show as written.
    Invalid(usize),
}

impl Escape {
    /// Reads the escape at the start of `s`, which starts with `\`.
    pub fn at(s: &str) -> Escape {
        let mut chars = s.chars();
        if chars.next() != Some('\\') {
            return Escape::Invalid(0);
        }
        let Some(x) = chars.next() else {
            return Escape::Invalid(1);
        };
        let simple = match x {
            '0' => '\0',
            'a' => '\u{7}',
            'b' => '\u{8}',
            't' | '\t' => '\t',
            'n' => '\n',
            'v' => '\u{b}',
            'f' => '\u{c}',
            'r' => '\r',
            'e' => '\u{1b}',
            ' ' => ' ',
            '"' => '"',
            '/' => '/',
            '\\' => '\\',
            'N' => '\u{85}',
            '_' => '\u{a0}',
            'L' => '\u{2028}',
            'P' => '\u{2029}',
            '\n' | '\r' => return Escape::LineBreak,
            'x' => return hex(s, 2),
            'u' => return hex(s, 4),
            'U' => return hex(s, 8),
            other => return Escape::Invalid(1 + other.len_utf8()),
        };
        Escape::Char(simple, 1 + x.len_utf8())
    }

    /// Whether a writer means this escape in a document's text (see the module's comment).
    pub fn meant(s: &str) -> bool {
        match Escape::at(s) {
            Escape::LineBreak => true,
            Escape::Invalid(_) => false,
            Escape::Char(..) => matches!(
                s.as_bytes().get(1),
                Some(
                    b'\\'
                        | b'"'
                        | b'/'
                        | b'n'
                        | b't'
                        | b'b'
                        | b'f'
                        | b'r'
                        | b'\t'
                        | b' '
                        | b'x'
                        | b'u'
                        | b'U'
                )
            ),
        }
    }
}

/// `\x..`, `\u....` (with a surrogate pair's second half), `\U........` at the start of `s`.
fn hex(s: &str, digits: usize) -> Escape {
    let value = |from: usize| {
        s.get(from..from + digits)
            .filter(|h| h.bytes().all(|b| b.is_ascii_hexdigit()))
            .and_then(|h| u32::from_str_radix(h, 16).ok())
    };
    let shown = |n: usize| s.char_indices().nth(n).map_or(s.len(), |(i, _)| i);
    let Some(v) = value(2) else {
        // What is written of the escape, up to its expected length or the first non-hex.
        let written = s[2..]
            .chars()
            .take(digits)
            .take_while(char::is_ascii_hexdigit)
            .count();
        return Escape::Invalid(shown(2 + written));
    };
    let len = 2 + digits;
    if digits == 4 && (0xD800..=0xDBFF).contains(&v) {
        let low = s[len..]
            .strip_prefix("\\u")
            .and_then(|_| value(len + 2))
            .filter(|l| (0xDC00..=0xDFFF).contains(l));
        return match low {
            Some(l) => char::from_u32(0x10000 + ((v - 0xD800) << 10) + (l - 0xDC00))
                .map_or(Escape::Invalid(len), |c| Escape::Char(c, len + 6)),
            None => Escape::Invalid(len),
        };
    }
    char::from_u32(v).map_or(Escape::Invalid(len), |c| Escape::Char(c, len))
}

/// The first escape a writer does not mean in the double-quoted scalar `source` (from its
/// opening quote to its closing one, or the end): its offset in `source` and its length.
///
/// A value that opens like a Windows path (`"C:\…"`: a letter, a colon, a backslash) means
/// every backslash as itself: there, `\t` of `C:\temp` or `\n` of `C:\nouveau` is no
/// tab or line break, so any escape but `\\` and `\"` is unmeant.
pub fn first_unmeant(source: &str) -> Option<(usize, usize)> {
    let mut i = source.strip_prefix('"').map(|_| 1)?;
    let path = windows_path(&source[i..]);
    while i < source.len() {
        let rest = &source[i..];
        let next = rest.find(['\\', '"'])?;
        i += next;
        if source[i..].starts_with('"') {
            return None;
        }
        let kept = !path || matches!(source.as_bytes().get(i + 1), Some(b'\\' | b'"'));
        let len = match Escape::at(&source[i..]) {
            Escape::Char(_, len) if kept && Escape::meant(&source[i..]) => len,
            Escape::LineBreak => 1,
            Escape::Char(_, len) | Escape::Invalid(len) => return Some((i, len.max(1))),
        };
        i += len;
    }
    None
}

/// Whether a value opens like a Windows path: a drive letter, `:` and a backslash.
pub fn windows_path(value: &str) -> bool {
    let b = value.as_bytes();
    b.len() >= 3 && b[0].is_ascii_alphabetic() && b[1] == b':' && b[2] == b'\\'
}

/// The closing quote of the double-quoted scalar starting with `source` (its offset), if
/// it is closed.
pub fn closing_quote(source: &str) -> Option<usize> {
    let mut i = source.strip_prefix('"').map(|_| 1)?;
    while i < source.len() {
        let next = source[i..].find(['\\', '"'])?;
        i += next;
        if source[i..].starts_with('"') {
            return Some(i);
        }
        i += match Escape::at(&source[i..]) {
            Escape::Char(_, len) | Escape::Invalid(len) => len.max(1),
            Escape::LineBreak => 1,
        };
        // Stay on a character boundary after a malformed escape.
        while !source.is_char_boundary(i.min(source.len())) {
            i += 1;
        }
    }
    None
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn escapes_are_read() {
        assert_eq!(Escape::at("\\n"), Escape::Char('\n', 2));
        assert_eq!(Escape::at("\\u00e9x"), Escape::Char('é', 6));
        assert_eq!(Escape::at("\\U0001F600"), Escape::Char('😀', 10));
        assert_eq!(Escape::at("\\uD83D\\uDE00"), Escape::Char('😀', 12));
        assert_eq!(Escape::at("\\uD83Dx"), Escape::Invalid(6));
        assert_eq!(Escape::at("\\S"), Escape::Invalid(2));
        assert_eq!(Escape::at("\\é"), Escape::Invalid(3));
        assert_eq!(Escape::at("\\u00g"), Escape::Invalid(4));
        assert_eq!(Escape::at("\\P"), Escape::Char('\u{2029}', 2));
        assert_eq!(Escape::at("\\\n"), Escape::LineBreak);
    }

    #[test]
    fn a_windows_path_is_caught_at_its_first_backslash() {
        assert_eq!(first_unmeant(r#""S:\Partage\Statuts""#), Some((3, 2)));
        // A Windows path means its backslashes: YAML's own escapes there are mistakes.
        assert_eq!(first_unmeant(r#""C:\temp""#), Some((3, 2)));
        assert_eq!(first_unmeant(r#""C:\nouveau\dossier""#), Some((3, 2)));
        assert_eq!(first_unmeant(r#""D:\x41rchives""#), Some((3, 4)));
        assert_eq!(first_unmeant(r#""C:\\Partage\\x""#), None);
        assert_eq!(first_unmeant(r#""Note:\tbien""#), None);
        assert_eq!(first_unmeant(r#""a\"b" \P"#), None);
        assert_eq!(first_unmeant(r#""é\u00zz""#), Some((3, 4)));
        assert_eq!(closing_quote(r#""a\"b" c"#), Some(5));
        assert_eq!(closing_quote(r#""a\"b"#), None);
    }
}
