//! Control characters in the text of documents: the terminal escapes, C1 controls and
//! bidirectional overrides ([`crate::escape::is_control`]) that no title, name or body
//! needs and that a hostile pull request uses to drive a reviewer's terminal or to show
//! one text while meaning another ("Trojan Source"). Every output channel already shows
//! them harmlessly; `check` also says where they are, so that they are removed. Tabs,
//! line feeds and carriage returns (line endings) are not reported.

use rayon::prelude::*;

use crate::diag::Diagnostic;
use crate::escape::{control_name, is_control};
use crate::i18n::Message;
use crate::load::quoted::Escape;
use crate::load::yaml::{Node, Value};
use crate::load::{Loaded, SourceFile};

/// At most this many warnings per file: one per line, the first control character of it.
const MAX_PER_FILE: usize = 20;

/// One warning per line holding a control character, written raw in any file read or as
/// an escape (`"\u001b[2J"`) in a double-quoted YAML key or value.
pub(super) fn check(loaded: &Loaded) -> Vec<Diagnostic> {
    let mut found: Vec<Vec<Hit>> = loaded.files.par_iter().map(|f| raw(&f.text)).collect();
    for doc in &loaded.docs {
        if let Some(data) = &doc.data {
            escaped(data, &loaded.files[doc.file].text, &mut found[doc.file]);
        }
    }
    let mut out = Vec::new();
    for (file, mut hits) in loaded.files.iter().zip(found) {
        hits.sort_unstable();
        out.extend(one_per_line(file, &hits));
    }
    out
}

/// A control character found: its byte offset, the character, and the length in bytes of
/// the YAML escape that wrote it (0 when written as it is).
type Hit = (usize, char, usize);

/// Whether `c`, written as it is, is reported: a control character other than a line
/// ending or a tab.
fn reported(c: char) -> bool {
    is_control(c) && !matches!(c, '\t' | '\n' | '\r')
}

/// Whether `c`, written as a YAML escape, is reported: a control character other than a
/// line feed or a tab (`\n`, `\t`), which a text means. A `\r` is no line ending there:
/// it puts a carriage return into the text.
fn reported_escape(c: char) -> bool {
    is_control(c) && !matches!(c, '\t' | '\n')
}

/// The byte offsets of control characters written as they are.
fn raw(text: &str) -> Vec<Hit> {
    // Every reported character starts with a byte below 0x20, 0x7F, or a 0xC2 or 0xE2 lead.
    let suspect =
        |b: &u8| (*b < 0x20 && !b"\t\n\r".contains(b)) || matches!(*b, 0x7F | 0xC2 | 0xE2);
    if !text.as_bytes().iter().any(suspect) {
        return Vec::new();
    }
    text.char_indices()
        .filter(|(_, c)| reported(*c))
        .map(|(i, c)| (i, c, 0))
        .collect()
}

/// The control characters that YAML escapes put into the keys and string values of `node`,
/// at the offset of their escape.
fn escaped(node: &Node, text: &str, out: &mut Vec<Hit>) {
    match &node.value {
        Value::Str(s) if s.chars().any(reported_escape) => {
            out.extend(escapes(text, node.span.clone()));
        }
        Value::Seq(items) => items.iter().for_each(|n| escaped(n, text, out)),
        Value::Map(entries) => {
            for (key, value) in entries {
                if key.name.chars().any(reported_escape) {
                    out.extend(escapes(text, key.span.clone()));
                }
                escaped(value, text, out);
            }
        }
        _ => {}
    }
}

/// The reported characters written as escapes in the double-quoted scalar at `span`
/// (YAML 1.2 §5.7: `\0 \a \b \e \v \f \N \xXX \uXXXX \UXXXXXXXX`…).
fn escapes(text: &str, span: std::ops::Range<usize>) -> Vec<Hit> {
    let Some(source) = text.get(span.clone()).filter(|s| s.starts_with('"')) else {
        return Vec::new();
    };
    let mut out = Vec::new();
    let mut i = 0;
    while let Some(at) = source[i..].find('\\') {
        let at = i + at;
        let len = match Escape::at(&source[at..]) {
            Escape::Char(c, len) => {
                if reported_escape(c) {
                    out.push((span.start + at, c, len));
                }
                len
            }
            Escape::LineBreak => 1,
            Escape::Invalid(len) => len.max(1),
        };
        i = (at + len).min(source.len());
        while !source.is_char_boundary(i) {
            i += 1;
        }
    }
    out
}

/// One warning per line, at its first reported character, naming the columns of the
/// others (so that one fix removes them all), for at most [`MAX_PER_FILE`] lines.
fn one_per_line(file: &SourceFile, hits: &[Hit]) -> Vec<Diagnostic> {
    // Per line: its first hit, and the columns of the others.
    let mut lines: Vec<(usize, Hit, Vec<usize>)> = Vec::new();
    for &hit in hits {
        let (line, column) = file.lines.position(&file.text, hit.0);
        let full = lines.len() == MAX_PER_FILE;
        match lines.last_mut() {
            Some((last, _, more)) if *last == line => more.push(column),
            _ if full => break,
            _ => lines.push((line, hit, Vec::new())),
        }
    }
    lines
        .into_iter()
        .map(|(_, (offset, c, escape_len), more)| {
            let (_, column) = file.lines.position(&file.text, offset);
            let escape = file
                .text
                .get(offset..offset + escape_len)
                .filter(|_| escape_len > 0)
                .map(str::to_string);
            let message = Message::ControlCharacter {
                code_point: u32::from(c),
                name: control_name(c).to_string(),
                column,
                escape,
                more,
            };
            let len = match escape_len {
                0 => file.text[offset..].chars().next().map_or(1, char::len_utf8),
                n => n,
            };
            Diagnostic::at(message, file, offset..offset + len)
        })
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn raw_characters_are_found_and_line_endings_are_not() {
        let hits = raw("a\u{1b}[2J\r\n\tb\u{202e}c\u{9b}d\u{7f}");
        let chars: Vec<char> = hits.iter().map(|(_, c, _)| *c).collect();
        assert_eq!(chars, ['\u{1b}', '\u{202e}', '\u{9b}', '\u{7f}']);
        assert!(raw("é — « ok »\r\n").is_empty());
    }

    #[test]
    fn yaml_escapes_are_found_at_their_backslash() {
        let text = r#"titre: "a\e[2J \x07 \u202E \t \\e \"""#;
        let span = 7..text.len();
        let found = escapes(text, span);
        assert_eq!(
            found,
            [(9, '\u{1b}', 2), (15, '\u{7}', 4), (20, '\u{202e}', 6)]
        );
        // A surrogate pair and `\uD83D` misread as a short escape no longer shift them.
        let text = r#"t: "\uD83D\uDE00\x07 \b""#;
        let found = escapes(text, 3..text.len());
        assert_eq!(found, [(16, '\u{7}', 4), (21, '\u{8}', 2)]);
    }

    /// Every escape that writes a control character (a `\r` included, unlike a raw line
    /// ending; `\n` and `\t` excepted) is found at its backslash with its length, after
    /// any text, so that the message names it as written.
    #[test]
    fn every_control_escape_is_found_as_written() {
        let escapes_written = [
            ("\\r", '\r'),
            ("\\b", '\u{8}'),
            ("\\f", '\u{c}'),
            ("\\a", '\u{7}'),
            ("\\e", '\u{1b}'),
            ("\\v", '\u{b}'),
            ("\\0", '\0'),
            ("\\x1B", '\u{1b}'),
            ("\\u0008", '\u{8}'),
            ("\\u202E", '\u{202e}'),
            ("\\U0000009B", '\u{9b}'),
        ];
        for before in ["", "a", "é é", "x\\ty", "«\\\\»"] {
            for (escape, c) in escapes_written {
                let text = format!("titre: \"{before}{escape}z\"");
                let at = 8 + before.len();
                let found = escapes(&text, 7..text.len());
                assert_eq!(found, [(at, c, escape.len())], "{text}");
            }
        }
        assert!(escapes(r#"t: "a\nb\tc""#, 3..13).is_empty());
    }

    /// A line of several control characters gets one warning, at the first, naming every
    /// other's column (a reviewer removing the first would otherwise miss the rest); the
    /// next line gets its own.
    #[test]
    fn a_line_of_several_controls_names_them_all() {
        let text = "titre: a\u{202e}b\u{2066}c\u{1b}d\nnom: \u{7}x\n".to_string();
        let file = SourceFile::new("a.md".into(), text.clone());
        let found =
            crate::i18n::in_lang(crate::i18n::Lang::En, || one_per_line(&file, &raw(&text)));
        let messages: Vec<(Option<usize>, &str)> =
            found.iter().map(|d| (d.line, d.message.as_str())).collect();
        assert_eq!(
            messages,
            [
                (
                    Some(1),
                    "control character U+202E (RIGHT-TO-LEFT OVERRIDE) at column 9, and 2 more on this line (columns 11, 13)"
                ),
                (Some(2), "control character U+0007 (BELL) at column 6"),
            ]
        );
    }
}
