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
    let mut found: Vec<Vec<(usize, char)>> =
        loaded.files.par_iter().map(|f| raw(&f.text)).collect();
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

/// Whether `c` is reported: a control character other than a line ending or a tab.
fn reported(c: char) -> bool {
    is_control(c) && !matches!(c, '\t' | '\n' | '\r')
}

/// The byte offsets of control characters written as they are.
fn raw(text: &str) -> Vec<(usize, char)> {
    // Every reported character starts with a byte below 0x20, 0x7F, or a 0xC2 or 0xE2 lead.
    let suspect =
        |b: &u8| (*b < 0x20 && !b"\t\n\r".contains(b)) || matches!(*b, 0x7F | 0xC2 | 0xE2);
    if !text.as_bytes().iter().any(suspect) {
        return Vec::new();
    }
    text.char_indices().filter(|(_, c)| reported(*c)).collect()
}

/// The control characters that YAML escapes put into the keys and string values of `node`,
/// at the offset of their escape.
fn escaped(node: &Node, text: &str, out: &mut Vec<(usize, char)>) {
    match &node.value {
        Value::Str(s) if s.chars().any(reported) => out.extend(escapes(text, node.span.clone())),
        Value::Seq(items) => items.iter().for_each(|n| escaped(n, text, out)),
        Value::Map(entries) => {
            for (key, value) in entries {
                if key.name.chars().any(reported) {
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
fn escapes(text: &str, span: std::ops::Range<usize>) -> Vec<(usize, char)> {
    let Some(source) = text.get(span.clone()).filter(|s| s.starts_with('"')) else {
        return Vec::new();
    };
    let mut out = Vec::new();
    let mut i = 0;
    while let Some(at) = source[i..].find('\\') {
        let at = i + at;
        let len = match Escape::at(&source[at..]) {
            Escape::Char(c, len) => {
                if reported(c) {
                    out.push((span.start + at, c));
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

/// The first reported character of each line, for at most [`MAX_PER_FILE`] lines.
fn one_per_line(file: &SourceFile, hits: &[(usize, char)]) -> Vec<Diagnostic> {
    let mut out: Vec<Diagnostic> = Vec::new();
    for &(offset, c) in hits {
        let (line, column) = file.lines.position(&file.text, offset);
        if out.last().is_some_and(|d| d.line == Some(line)) {
            continue;
        }
        if out.len() == MAX_PER_FILE {
            break;
        }
        let message = Message::ControlCharacter {
            code_point: u32::from(c),
            name: control_name(c).to_string(),
            column,
        };
        let len = file.text[offset..].chars().next().map_or(1, char::len_utf8);
        out.push(Diagnostic::at(message, file, offset..offset + len));
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn raw_characters_are_found_and_line_endings_are_not() {
        let hits = raw("a\u{1b}[2J\r\n\tb\u{202e}c\u{9b}d\u{7f}");
        let chars: Vec<char> = hits.iter().map(|(_, c)| *c).collect();
        assert_eq!(chars, ['\u{1b}', '\u{202e}', '\u{9b}', '\u{7f}']);
        assert!(raw("é — « ok »\r\n").is_empty());
    }

    #[test]
    fn yaml_escapes_are_found_at_their_backslash() {
        let text = r#"titre: "a\e[2J \x07 \u202E \t \\e \"""#;
        let span = 7..text.len();
        let found = escapes(text, span);
        let chars: Vec<(usize, char)> = found;
        assert_eq!(chars, [(9, '\u{1b}'), (15, '\u{7}'), (20, '\u{202e}')]);
        // A surrogate pair and `\uD83D` misread as a short escape no longer shift them.
        let text = r#"t: "\uD83D\uDE00\x07 \b""#;
        assert_eq!(escapes(text, 3..text.len()), [(16, '\u{7}'), (21, '\u{8}')]);
    }
}
