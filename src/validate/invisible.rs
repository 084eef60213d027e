//! Invisible characters that break Markdown's structure: a no-break space after `##` or a
//! list's `-` (what a word processor types), a zero-width space or a byte-order mark before
//! them (what a paste leaves), a byte-order mark in the middle of a file. The line then
//! renders as text, `##` and all; each such line gets one warning naming the character.
//! A heading typed without its space (`##Titre`) is the same mistake with nothing
//! invisible, and gets its own warning.

use std::ops::Range;

use crate::diag::Diagnostic;
use crate::i18n::Message;
use crate::load::yaml::Node;
use crate::load::{odd::Odd, RawDoc, SourceFile};

/// One warning per line of the Markdown `body`, which starts at byte `start` of `file`.
pub(super) fn check(file: &SourceFile, start: usize, out: &mut Vec<Diagnostic>) {
    for (message, span) in scan(&file.text[start..], start == 0) {
        out.push(Diagnostic::at(
            message,
            file,
            start + span.start..start + span.end,
        ));
    }
}

/// The same warnings for the document's front-matter fields written in Markdown (a
/// milestone's description, `enjeux`…): one rule for a body and for them (issue 16), each
/// warning at the character as written in the YAML value.
pub(super) fn check_fields(
    doc: &RawDoc,
    data: &Node,
    file: &SourceFile,
    out: &mut Vec<Diagnostic>,
) {
    let mut fields = Vec::new();
    for path in crate::schema::markdown_fields(doc.kind) {
        crate::model::markdown_fields(data, path, String::new(), &mut fields);
    }
    for field in fields {
        let Some(source) = file.text.get(field.span.clone()) else {
            continue;
        };
        for (message, span) in scan(&field.text, false) {
            let start = super::links::value_offset(source, &field.text, span.start);
            let end = super::links::value_offset(source, &field.text, span.end).max(start);
            let at = field.span.start;
            out.push(Diagnostic::at(message, file, at + start..at + end));
        }
    }
}

/// `##Titre`: two to six `#` (at most three spaces in) followed at once by a letter is
/// text, not a heading (CommonMark 0.31 §4.2 wants a space). A single `#` followed by a
/// word is left alone: `#CodeSocial` starts many a French sentence.
fn heading_without_space(line: &str, at: usize) -> Option<(Message, Range<usize>)> {
    let indent = line.len() - line.trim_start_matches(' ').len();
    if indent > 3 {
        return None;
    }
    let s = &line[indent..];
    let hashes = s.len() - s.trim_start_matches('#').len();
    let next = s[hashes..].chars().next()?;
    if !(2..=6).contains(&hashes) || !next.is_alphabetic() {
        return None;
    }
    let start = at + indent + hashes;
    let message = Message::HeadingWithoutSpace {
        hashes: "#".repeat(hashes),
    };
    Some((message, start..start + next.len_utf8()))
}

/// The warnings of a Markdown text (`at_file_start`: it starts its file, where a
/// byte-order mark belongs), with spans in the text.
fn scan(text: &str, at_file_start: bool) -> Vec<(Message, Range<usize>)> {
    let mut out = Vec::new();
    // Fenced code is shown as written.
    for line in crate::markdown::fenced_lines(text).filter(|l| !l.fenced) {
        let here = line.offset;
        let line = line.text.trim_end_matches(['\n', '\r']);
        if let Some(found) = in_line(line, here, at_file_start && here == 0) {
            out.push(found);
        } else if let Some(found) = heading_without_space(line, here) {
            out.push(found);
        }
    }
    out
}

/// The block marker a line starts with (`##`, `-`, `1.`, `>`), and its length in bytes.
fn marker(s: &str) -> Option<&str> {
    let hashes = s.len() - s.trim_start_matches('#').len();
    if (1..=6).contains(&hashes) {
        return Some(&s[..hashes]);
    }
    if s.starts_with(['-', '*', '+', '>']) {
        return Some(&s[..1]);
    }
    let digits = s.len() - s.trim_start_matches(|c: char| c.is_ascii_digit()).len();
    (1..=9).contains(&digits).then_some(())?;
    s[digits..]
        .starts_with(['.', ')'])
        .then(|| &s[..digits + 1])
}

/// The warning for one line starting at byte `at` of its file (`first`: the file's first
/// line, where a byte-order mark belongs).
fn in_line(line: &str, at: usize, first: bool) -> Option<(Message, Range<usize>)> {
    let indent = line.len() - line.trim_start_matches(' ').len();
    let s = &line[indent..];
    // Invisible characters before a marker: `\u{200b}## Titre`.
    let invisible = |c: char| {
        matches!(
            Odd::of(c, false),
            Some(
                Odd::ZeroWidthSpace
                    | Odd::ZeroWidthJoiner
                    | Odd::ZeroWidthNonJoiner
                    | Odd::WordJoiner
                    | Odd::ByteOrderMark
                    | Odd::SoftHyphen
            )
        )
    };
    // A special space in the indentation (`\u{a0}## Titre`, `  \u{a0}- sous-point`): the
    // line no longer starts with its marker either.
    let special_space = |c: char| {
        matches!(
            Odd::of(c, false),
            Some(Odd::NoBreakSpace | Odd::NarrowNoBreakSpace | Odd::OtherSpace)
        )
    };
    let lead = s.len()
        - s.trim_start_matches(|c| invisible(c) || special_space(c) || c == ' ')
            .len();
    let span = |i: usize, c: char| at + indent + i..at + indent + i + c.len_utf8();
    if lead > 0 && !(first && indent == 0 && s.starts_with('\u{feff}') && lead == 3) {
        let rest = &s[lead..];
        // A table row's `|` after them is read as such (`markdown::table_rows`).
        if let Some(m) = marker(rest).filter(|m| followed_by_space(rest, m)) {
            let shown = s[..lead]
                .char_indices()
                .find(|&(i, c)| c != ' ' && !(first && indent == 0 && i == 0 && c == '\u{feff}'));
            if let Some((i, ch)) = shown {
                let message = Message::InvisibleInMarkdown {
                    ch,
                    marker: m.to_string(),
                    before: true,
                };
                return Some((message, span(i, ch)));
            }
        }
    }
    // A special space after a marker: `##\u{a0}Titre`, `-\u{a0}item`.
    if let Some(m) = marker(s) {
        if let Some(ch) = s[m.len()..].chars().next() {
            let odd = Odd::of(ch, false);
            if matches!(
                odd,
                Some(Odd::NoBreakSpace | Odd::NarrowNoBreakSpace | Odd::OtherSpace)
            ) && s[m.len() + ch.len_utf8()..]
                .chars()
                .next()
                .is_some_and(|c| !c.is_whitespace())
            {
                let message = Message::InvisibleInMarkdown {
                    ch,
                    marker: m.to_string(),
                    before: false,
                };
                return Some((message, span(m.len(), ch)));
            }
        }
    }
    // A byte-order mark anywhere but the start of the file.
    let bom = line
        .char_indices()
        .find(|&(i, c)| c == '\u{feff}' && !(first && i == 0))?;
    let start = at + bom.0;
    Some((
        Message::InvisibleInMarkdown {
            ch: '\u{feff}',
            marker: String::new(),
            before: false,
        },
        start..start + 3,
    ))
}

/// Whether a marker at the start of `s` is followed by a space or a tab (the line would be
/// a heading or an item without what comes before it).
fn followed_by_space(s: &str, marker: &str) -> bool {
    s[marker.len()..].starts_with([' ', '\t'])
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_heading_without_its_space_is_named() {
        let found = |text: &str| scan(text, false);
        let one = found("Intro\n\n##Sans espace\n");
        assert_eq!(one.len(), 1, "{one:?}");
        assert_eq!(one[0].1, 9..10);
        assert!(matches!(&one[0].0, Message::HeadingWithoutSpace { hashes } if hashes == "##"));
        for fine in [
            "## Titre\n",
            "#CodeSocial est notre code.\n",
            "####### sept\n",
            "##\n",
            "    ##code\n",
            "```\n##dans le code\n```\n",
            "````\n```\n##dans le code\n````\n",
            "~~~\n```\n##dans le code\n",
            "## 2024\n",
            "##2024\n",
        ] {
            assert!(found(fine).is_empty(), "{fine:?}: {:?}", found(fine));
        }
        assert_eq!(found("   ######Six\n").len(), 1);
    }

    fn found(line: &str) -> Option<(char, String, bool, usize)> {
        in_line(line, 0, false).map(|(m, span)| match m {
            Message::InvisibleInMarkdown { ch, marker, before } => (ch, marker, before, span.start),
            _ => unreachable!(),
        })
    }

    #[test]
    fn names_what_breaks_a_line() {
        assert_eq!(
            found("##\u{a0}Titre"),
            Some(('\u{a0}', "##".into(), false, 2))
        );
        assert_eq!(
            found("\u{200b}## Titre"),
            Some(('\u{200b}', "##".into(), true, 0))
        );
        assert_eq!(found("-\u{a0}item"), Some(('\u{a0}', "-".into(), false, 1)));
        assert_eq!(
            found("1.\u{202f}un"),
            Some(('\u{202f}', "1.".into(), false, 2))
        );
        assert_eq!(
            found("texte\u{feff}suite"),
            Some(('\u{feff}', String::new(), false, 5))
        );
        assert_eq!(found("## Titre"), None);
        assert_eq!(found("Prix\u{a0}: 3\u{a0}€"), None);
        assert_eq!(found("-\u{a0}"), None);
        assert_eq!(in_line("\u{feff}## Titre", 0, true), None);
        // A special space in the indentation (issue 16).
        assert_eq!(
            found("\u{a0}## Titre"),
            Some(('\u{a0}', "##".into(), true, 0))
        );
        assert_eq!(
            found("  \u{a0}- sous-point"),
            Some(('\u{a0}', "-".into(), true, 2))
        );
        // A table row renders as one (`markdown::table_rows`): nothing to say.
        assert_eq!(found("\u{a0}| a | b |"), None);
        assert_eq!(found("\u{200b}|a|b|"), None);
        assert_eq!(found("| a\u{a0}| b |"), None);
        assert_eq!(found("\u{a0}texte"), None);
    }
}
