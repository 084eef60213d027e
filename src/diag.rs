//! Diagnostics are data: what is wrong, where, and how to fix it. Printing them (miette
//! graphics, JSON, GitHub annotations, SARIF) is the reporter's job, not the validator's.

use std::ops::Range;

use serde::Serialize;

pub use crate::i18n::Severity;
use crate::i18n::{lang, Record};

/// One problem, located in a file when it has a place.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Diagnostic {
    pub severity: Severity,
    pub code: &'static str,
    pub message: String,
    pub file: Option<String>,
    pub line: Option<usize>,
    pub column: Option<usize>,
    pub end_line: Option<usize>,
    pub end_column: Option<usize>,
    pub help: Option<String>,
    /// Byte span in the file, for the graphical report.
    #[serde(skip)]
    pub span: Option<Range<usize>>,
    #[serde(skip)]
    pub label: Option<String>,
}

/// A file's text and line index: what a diagnostic needs to compute its position.
pub trait Located {
    fn path(&self) -> &str;
    fn text(&self) -> &str;
    fn lines(&self) -> &LineIndex;
}

impl Diagnostic {
    /// A diagnostic for a whole file, or for the repository when `file` is `None`, in the
    /// language of messages.
    pub fn new(record: impl Into<Record>, file: Option<&str>) -> Self {
        let record = record.into();
        let l = lang();
        Diagnostic {
            severity: record.severity,
            code: record.code,
            message: record.message.into_lang(l),
            file: file.map(str::to_string),
            line: None,
            column: None,
            end_line: None,
            end_column: None,
            help: record.help.map(|h| h.into_lang(l)),
            span: None,
            label: record.label.map(|h| h.into_lang(l)),
        }
    }

    /// A diagnostic at a byte span of a file.
    pub fn at(message: impl Into<Record>, file: &impl Located, span: Range<usize>) -> Self {
        let mut d = Diagnostic::new(message, Some(file.path()));
        d.locate(file, span);
        d
    }

    fn locate(&mut self, file: &impl Located, span: Range<usize>) {
        let text = file.text();
        let start = span.start.min(text.len());
        let end = span.end.clamp(start, text.len());
        let (line, column) = file.lines().position(text, start);
        let (end_line, end_column) = file.lines().position(text, end);
        self.line = Some(line);
        self.column = Some(column);
        self.end_line = Some(end_line);
        self.end_column = Some(end_column);
        self.span = Some(start..end);
    }

    pub fn is_error(&self) -> bool {
        self.severity == Severity::Error
    }

    /// Whether it says a file could not be read at all (encoding, front matter, YAML) or is
    /// not where or as the format wants it (layout: its name, its extension): such an
    /// error comes before what the other documents say.
    pub fn is_unreadable(&self) -> bool {
        self.is_error()
            && ["io", "encoding", "front-matter", "yaml", "layout"]
                .iter()
                .any(|family| {
                    self.code
                        .strip_prefix("codesocial::")
                        .and_then(|c| c.strip_prefix(family))
                        .is_some_and(|rest| rest.starts_with("::"))
                })
    }

    /// Sort key: unreadable files first, then file, position and code, so output is
    /// deterministic.
    pub fn sort_key(&self) -> (bool, Option<&str>, usize, usize, &'static str, &str) {
        (
            !self.is_unreadable(),
            self.file.as_deref(),
            self.line.unwrap_or(0),
            self.column.unwrap_or(0),
            self.code,
            &self.message,
        )
    }
}

/// Sorts diagnostics by file then line, and removes exact repeats.
pub fn sort(diagnostics: &mut Vec<Diagnostic>) {
    diagnostics.sort_by(|a, b| a.sort_key().cmp(&b.sort_key()));
    diagnostics.dedup();
}

/// Byte offsets of line starts, to turn spans into line:column (1-based, columns in
/// characters). `\n`, `\r\n` and a lone `\r` all end a line, as in YAML.
///
/// Columns are counted from a mark at most [`MARK`] bytes before the position, not from the
/// line's start: on a line of megabytes holding thousands of problems (one paragraph of
/// links), each position costs a few kilobytes, not the line.
#[derive(Debug, Clone, Default)]
pub struct LineIndex {
    starts: Vec<usize>,
    /// `(byte, characters from its line's start to it)`, at character boundaries, one every
    /// [`MARK`] bytes or more, in order.
    marks: Vec<(usize, usize)>,
}

/// The distance between two column marks of a [`LineIndex`], in bytes.
const MARK: usize = 4096;

impl LineIndex {
    pub fn new(text: &str) -> Self {
        let bytes = text.as_bytes();
        let mut starts = vec![0];
        let mut marks = Vec::new();
        let (mut chars, mut next_mark) = (0, MARK);
        let mut i = 0;
        while i < bytes.len() {
            // A UTF-8 continuation byte (10xxxxxx) is inside a character.
            let boundary = bytes[i] & 0xC0 != 0x80;
            if boundary && i >= next_mark {
                marks.push((i, chars));
                next_mark = i + MARK;
            }
            if boundary {
                chars += 1;
            }
            match bytes[i] {
                b'\n' => {
                    starts.push(i + 1);
                    chars = 0;
                }
                b'\r' if bytes.get(i + 1) != Some(&b'\n') => {
                    starts.push(i + 1);
                    chars = 0;
                }
                _ => {}
            }
            i += 1;
        }
        LineIndex { starts, marks }
    }

    /// (line, column), both 1-based; the column counts characters.
    pub fn position(&self, text: &str, byte: usize) -> (usize, usize) {
        let byte = byte.min(text.len());
        let line = self.starts.partition_point(|&s| s <= byte).max(1);
        let start = self.starts[line - 1];
        let k = self.marks.partition_point(|&(m, _)| m <= byte);
        let (from, before) = match k.checked_sub(1).map(|k| self.marks[k]) {
            Some((m, n)) if m >= start => (m, n),
            _ => (start, 0),
        };
        let col = before
            + text
                .get(from..byte)
                .map_or(byte - from, |s| s.chars().count())
            + 1;
        (line, col)
    }

    /// The 1-based line holding `byte`.
    pub fn line_of(&self, byte: usize) -> usize {
        self.starts.partition_point(|&s| s <= byte).max(1)
    }

    /// How many lines the text has.
    pub fn count(&self) -> usize {
        self.starts.len()
    }

    /// The bytes of a 1-based line of `text`, its line break left out.
    pub fn bounds(&self, text: &str, line: usize) -> Option<std::ops::Range<usize>> {
        let start = self.line_start(line)?;
        let next = self
            .line_start(line + 1)
            .unwrap_or(text.len())
            .min(text.len());
        let body = text.get(start..next)?;
        let end = start + body.trim_end_matches(['\n', '\r']).len();
        Some(start..end)
    }

    /// Byte offset of the start of a 1-based line.
    pub fn line_start(&self, line: usize) -> Option<usize> {
        self.starts.get(line.checked_sub(1)?).copied()
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn positions_with_every_line_ending() {
        for text in ["a\nbé\nc", "a\r\nbé\r\nc", "a\rbé\rc"] {
            let index = LineIndex::new(text);
            let c = text.rfind('c').expect("c");
            assert_eq!(index.position(text, c), (3, 1), "{text:?}");
            let e = text.find('é').expect("é") + 'é'.len_utf8();
            assert_eq!(index.position(text, e), (2, 3), "{text:?}");
        }
    }

    /// The naive position: lines split as YAML does, characters counted from the line's
    /// start.
    fn naive(text: &str, byte: usize) -> (usize, usize) {
        let before = &text[..byte];
        let line_start = before
            .char_indices()
            .filter(|&(i, c)| c == '\n' || (c == '\r' && !text[i + 1..].starts_with('\n')))
            .map(|(i, _)| i + 1)
            .next_back()
            .unwrap_or(0);
        let line = 1 + before
            .char_indices()
            .filter(|&(i, c)| c == '\n' || (c == '\r' && !text[i + 1..].starts_with('\n')))
            .count();
        (line, before[line_start..].chars().count() + 1)
    }

    proptest::proptest! {
        /// Marks change nothing: every position is the naive one, on long lines of
        /// multi-byte characters and line ends of every kind.
        #[test]
        fn positions_equal_the_naive_count(
            pieces in proptest::collection::vec(
                proptest::prop_oneof![
                    proptest::strategy::Just("\n".to_string()),
                    proptest::strategy::Just("\r\n".to_string()),
                    proptest::strategy::Just("\r".to_string()),
                    "[a-zé€😀]{0,3000}",
                ],
                0..12,
            ),
            picks in proptest::collection::vec(0usize..1_000_000, 1..20),
        ) {
            let text: String = pieces.concat();
            let index = LineIndex::new(&text);
            for pick in picks {
                let byte = (0..=pick % (text.len() + 1))
                    .rev()
                    .find(|&b| text.is_char_boundary(b))
                    .unwrap_or(0);
                proptest::prop_assert_eq!(index.position(&text, byte), naive(&text, byte));
            }
        }
    }
}
