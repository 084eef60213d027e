//! Why a YAML text failed to parse, in the terms of the mistakes people make, and where.
//!
//! The parser says what it expected when it gave up, often a line after the mistake and in
//! its own words. From its error category and the text around, this module names the
//! likely cause (a tab or an invisible character in the indentation or after a colon, a
//! missing space after a colon, `: ` inside a value, text after a quoted value, a quote or
//! bracket never closed, a value starting with `#`) and the place of that cause, which
//! `i18n::check` then puts into the user's language with the fix.

use std::ops::Range;

use granit_parser::ErrorKind;

use super::odd::{self, Odd};
use super::quoted;
pub use crate::i18n::vocabulary::{Block, Cause};

/// The cause of an error of category `kind` reported at byte `at` of `text`, and the span
/// (in `text`) to show.
pub fn diagnose(text: &str, kind: &ErrorKind, at: usize) -> (Cause, Range<usize>) {
    match cause_of(text, kind, at) {
        // A line that fits no block: named with the block it falls out of.
        (
            Cause::Indentation {
                above: None,
                spaces,
                fixed,
                block: None,
                has,
            },
            span,
        ) => (
            Cause::Indentation {
                above: None,
                spaces,
                fixed,
                block: block_of(text, span.start, spaces).map(Box::new),
                has,
            },
            span,
        ),
        found => found,
    }
}

/// [`diagnose`], the block of a misindented line left unnamed.
fn cause_of(text: &str, kind: &ErrorKind, at: usize) -> (Cause, Range<usize>) {
    // A backslash between double quotes that starts no escape YAML knows (a Windows path):
    // the parser reports the opening quote; the mistake is the backslash.
    if matches!(
        kind,
        ErrorKind::UnknownQuotedScalarEscape
            | ErrorKind::InvalidQuotedScalarHexEscape
            | ErrorKind::InvalidLowSurrogateHexEscape
            | ErrorKind::InvalidLowSurrogate
            | ErrorKind::MissingLowSurrogate
            | ErrorKind::UnpairedLowSurrogate
            | ErrorKind::InvalidUnicodeEscape
    ) {
        let quote = opening_quote(text, at)
            .filter(|(_, q)| *q == '"')
            .map(|(i, _)| i);
        if let Some(found) = quote.and_then(|q| unmeant_escape(text, q)) {
            return found;
        }
    }
    let lines = around(text, at);
    // A raw control character (`\u{1b}`, a backspace…), quoted or not: YAML refuses it
    // wherever it stands, and the parser's words (and place, for an unquoted value) say
    // nothing of it.
    for line in &lines {
        if let Some(found) = raw_control(text, line.clone()) {
            return found;
        }
    }
    // A tab or an invisible character at the start of a line (or right after `- ` or a
    // key's colon) is never right, and is what the parser tripped over nearby.
    for line in &lines {
        if let Some((cause, span)) = odd_in_structure(text, line.clone()) {
            return (cause, span);
        }
    }
    // `  – date: 2013` (Word's autocorrect of `- `): a dash look-alike or a bullet as the
    // marker of a list item; YAML reads it as text, and trips a line below (issue 16).
    let above = {
        let start = text[..at.min(text.len())].rfind('\n').map_or(0, |s| s + 1);
        code_above(text, start).next().map(|l| {
            let from = l.as_ptr() as usize - text.as_ptr() as usize;
            from..from + l.len()
        })
    };
    for line in lines.iter().chain(above.as_ref()) {
        if let Some(found) = look_alike_item(text, line.clone()) {
            return found;
        }
    }
    // `jalons:\u{a0}` then a nested list: with an odd character after its colon the line
    // is no key, and the parser trips on the block below.
    for line in &lines {
        // The line as written: trimming it would drop the no-break space looked for.
        if let Some(found) = odd_after_colon(text, line.clone()) {
            return found;
        }
    }
    // `description: |\u{a0}`: a special space after a block scalar's indicator.
    for line in &lines {
        if let Some(found) = odd_after_block_indicator(text, line.clone()) {
            return found;
        }
    }
    // `{ membre: claire,\u{feff}depuis: … }`: one beside a flow collection's mark.
    for line in &lines {
        if let Some(found) = odd_beside_mark(text, line.clone()) {
            return found;
        }
    }
    // `* item`, a Markdown bullet: YAML reads `*` as an alias with no name.
    for line in &lines {
        if let Some(found) = star_item(text, code_of(text, line.clone())) {
            return found;
        }
    }
    // `auteurs` then an indented `- mathieu`, `description |` then indented text: a key
    // whose colon was forgotten before its block; the parser trips inside the block.
    for line in &lines {
        if let Some(found) = key_before_block(text, line.clone()) {
            return found;
        }
    }
    // A quote left open on its line runs to the next quote of the file, where the parser
    // trips: the mistake is the opening.
    if let Some((i, quote)) = quote_open_across_lines(text, at) {
        return (Cause::UnclosedQuote { quote }, i..i + 1);
    }
    // `{ membre: claire depuis: 2014 }`, `{ note: a : b }`, `[a, b : c : d]`: a second
    // colon inside an item of a flow collection closed on its line; the parser calls it a
    // collection never closed.
    for line in &lines {
        if let Some(found) = colon_in_flow(text, line.clone()) {
            return found;
        }
    }
    // `[coopération, offre #1, commercialisation]`: ` #` inside a flow collection starts a
    // comment, which cuts the collection; the parser trips at the next line.
    for line in &lines {
        if let Some((i, value)) = comment_in_value(text, line.clone()) {
            return (Cause::Comment { value }, i..i + 1);
        }
    }
    if let Some((i, value)) = comment_open_across_lines(text, at) {
        return (Cause::Comment { value }, i..i + 1);
    }
    // `[a, b }`, `{ membre: claire ]`: a collection closed by the other bracket.
    for line in &lines {
        if let Some(found) = mismatched_bracket(text, line.clone()) {
            return found;
        }
    }
    // A `{` or `[` its line does not close: the parser reads on, and trips lines below.
    if let Some((i, open)) = bracket_open_across_lines(text, at) {
        return (Cause::UnclosedBracket { open }, i..i + 1);
    }
    match kind {
        ErrorKind::UnclosedQuotedScalar => {
            let quote = opening_quote(text, at);
            return (
                Cause::UnclosedQuote {
                    quote: quote.map_or('"', |(_, q)| q),
                },
                quote.map_or(at..at, |(i, _)| i..i + 1),
            );
        }
        ErrorKind::UnclosedFlowCollection { .. }
        | ErrorKind::ExpectedFlowSequenceSeparator
        | ErrorKind::ExpectedFlowMappingSeparator
        | ErrorKind::UnexpectedEofFlowSequence
        | ErrorKind::UnexpectedEofFlowMapping
        | ErrorKind::InvalidColonPlacement
        | ErrorKind::MappingValueNotAllowed => {
            if let Some((i, open)) = unclosed_bracket(text, at) {
                return (Cause::UnclosedBracket { open }, i..i + 1);
            }
        }
        _ => {}
    }
    if let Some(found) = indented_top(text, at) {
        return found;
    }
    // `-date: 2013`: a list's dash glued to the key; the parser trips on the next line.
    for line in &lines {
        if let Some(found) = glued_dash(text, line.clone()) {
            return found;
        }
    }
    // A line of a block scalar's text indented less than its first line.
    for line in &lines {
        if let Some(found) = block_under_indented(text, line.clone()) {
            return found;
        }
    }
    // `jalons:`, `  - date: 2013`, then `titre: …` left of the dashes or at their column,
    // then `  - date: 2014`: the key ended the list the item below continues.
    for line in &lines {
        if let Some(found) = key_ending_a_list(text, line.clone()) {
            return found;
        }
    }
    // `organisation:`, ` nom: A`, `  id: a`, `  forme: b`: the first line of a block
    // indented unlike the rest of it.
    for line in &lines {
        if let Some(found) = first_of_block_off(text, line.clone()) {
            return found;
        }
    }
    // A key of a list item (`- date: 2013` then `    titre: …`) written left of the item's
    // other keys, at its dash or between: YAML closes the item there. Before the rule
    // below, which would blame the item's next line, indented right.
    for line in &lines {
        if let Some(found) = key_left_of_its_item(text, line.clone()) {
            return found;
        }
    }
    // A line indented unlike its block (a trailing `# comment` on it or not): YAML reads
    // it as the rest of the value above, or as belonging to no block.
    for line in &lines {
        if let Some(found) = misindented(text, line.clone()) {
            return found;
        }
    }
    for line in &lines {
        if let Some(found) = colon_trouble(text, code_of(text, line.clone())) {
            return found;
        }
    }
    // `resume: Agencement,` then `  Note : réparation`: `: ` on a line that continues a
    // plain value.
    for line in &lines {
        if let Some(found) = colon_in_continuation(text, line.clone()) {
            return found;
        }
    }
    for line in &lines {
        if let Some(found) = text_after_quote(text, line.clone()) {
            return found;
        }
    }
    for line in &lines {
        if let Some(found) = text_after_bracket(text, line.clone()) {
            return found;
        }
    }
    if let Some(found) = key_before_block_above(text, at) {
        return found;
    }
    for line in &lines {
        if let Some(found) = missing_colon(text, code_of(text, line.clone())) {
            return found;
        }
    }
    // `resume: Tout processus qui engage` then `le collectif est documenté…` at the key's
    // column: a value wrapped by a word processor.
    for line in &lines {
        if let Some(found) = continuation(text, line.clone()) {
            return found;
        }
    }
    (Cause::Structure, at..at)
}

/// A line of text (no key of its own: no `key:`, or a "key" of several words) right below a
/// `key: value` line whose plain value it continues, at the key's column (a long value
/// wrapped by a word processor): YAML reads it as a new key. Its cause, at its first
/// character.
pub fn continuation(text: &str, line: Range<usize>) -> Option<(Cause, Range<usize>)> {
    let s = &text[code_of(text, line.clone())];
    let d = indent_of(s);
    let body = &s[d..];
    if body.is_empty() || body.starts_with(['-', '#', '"', '\'', '[', '{', '|', '>']) {
        return None;
    }
    if key_of_line(body).is_some() {
        return None;
    }
    // The line right above, whole (a comment there ends the value), a `key: value`.
    if line.start == 0 {
        return None;
    }
    let above_start = text[..line.start - 1].rfind('\n').map_or(0, |i| i + 1);
    let above = text[above_start..line.start - 1].trim_end_matches('\r');
    if text[code_of(text, above_start..above_start + above.len())].len() != above.trim_end().len() {
        return None;
    }
    let c = content_of(above);
    if c != d {
        return None;
    }
    let (key, value) = above[c..].split_once(": ")?;
    let value = value.trim();
    if key.is_empty()
        || !key.chars().all(|ch| ch.is_alphanumeric() || ch == '_')
        || value.is_empty()
        || value.starts_with([
            '"', '\'', '[', '{', '|', '>', '&', '*', '!', '#', '@', '`', '%',
        ])
    {
        return None;
    }
    let at = line.start + d;
    Some((
        Cause::Continuation {
            key: key.to_string(),
            value: format!("{value} {}", body.trim()),
        },
        at..at + body.chars().next()?.len_utf8(),
    ))
}

/// `description` then a list at its indentation, or `description |` then lines of text:
/// the parser may trip lines below, at the next key; the key without its colon is the
/// nearest such line above `at`.
fn key_before_block_above(text: &str, at: usize) -> Option<(Cause, Range<usize>)> {
    let at = at.min(text.len());
    let mut end = text[at..].find('\n').map_or(text.len(), |e| at + e);
    loop {
        let start = text[..end].rfind('\n').map_or(0, |s| s + 1);
        if text[start..end].trim_end() == "---" {
            return None;
        }
        if let Some(found) = key_before_block(text, start..end) {
            return Some(found);
        }
        if start == 0 {
            return None;
        }
        end = start - 1;
    }
}

/// The first escape a writer does not mean (see [`quoted`]) in the double-quoted scalar
/// whose opening quote is at `quote` in `text`: its cause and span.
pub fn unmeant_escape(text: &str, quote: usize) -> Option<(Cause, Range<usize>)> {
    let source = text.get(quote..)?;
    let (i, len) = quoted::first_unmeant(source)?;
    let at = quote + i;
    let escape = &text[at..at + len];
    let reads = match quoted::Escape::at(escape) {
        quoted::Escape::Char(c, _) => Some(c),
        _ => None,
    };
    // The line as meant: the value between single quotes, where a backslash is itself.
    let fixed = quoted::closing_quote(source).and_then(|close| {
        let value = &source[1..close];
        let line_start = text[..quote].rfind('\n').map_or(0, |s| s + 1);
        let before = &text[line_start..quote];
        let after = &text[quote + close + 1..];
        let after = &after[..after.find('\n').unwrap_or(after.len())];
        (!value.contains('\n') && after.trim().is_empty())
            .then(|| format!("{}'{}'", before.trim_start(), value.replace('\'', "''")))
    });
    Some((
        Cause::Escape {
            escape: escape.to_string(),
            reads,
            fixed,
        },
        at..at + len,
    ))
}

/// The ranges of the line holding `at`, the one before and the one after (the parser often
/// reports a line late or early), in that order: the line itself first.
fn around(text: &str, at: usize) -> Vec<Range<usize>> {
    let at = at.min(text.len());
    let line_of = |i: usize| {
        let start = text[..i].rfind('\n').map_or(0, |s| s + 1);
        let end = text[i..].find('\n').map_or(text.len(), |e| i + e);
        start..end
    };
    let here = line_of(at);
    let mut out = vec![here.clone()];
    if here.start > 0 {
        out.push(line_of(here.start - 1));
    }
    if here.end < text.len() {
        out.push(line_of(here.end + 1));
    }
    out
}

/// The first control character on a line that YAML allows in no text, written as it is:
/// a C0 control other than a tab (line endings end the line), or DEL.
fn raw_control(text: &str, line: Range<usize>) -> Option<(Cause, Range<usize>)> {
    let (i, ch) = text[line.clone()]
        .char_indices()
        .find(|(_, c)| c.is_ascii_control() && !matches!(c, '\t' | '\r' | '\n'))?;
    let start = line.start + i;
    Some((Cause::ControlCharacter { ch }, start..start + ch.len_utf8()))
}

/// An odd character (or a tab) in the structural part of a line: its indentation, after a
/// list's `-`, or between a key and its colon.
fn odd_in_structure(text: &str, line: Range<usize>) -> Option<(Cause, Range<usize>)> {
    let s = &text[line.clone()];
    let mut structural_end = 0;
    for (i, c) in s.char_indices() {
        // A dash look-alike at the start of a line is more often text (a block scalar's
        // `— dialogue`) than a list marker.
        let odd = odd::Odd::of(c, true)
            .is_some_and(|o| !matches!(o, Odd::Dash | Odd::TypographicQuote | Odd::Ligature));
        if c == ' ' || c == '-' || c == '\t' || odd {
            structural_end = i + c.len_utf8();
        } else {
            break;
        }
    }
    // A key ending in an odd character before its colon (`titre\u{a0}:` is a valid key,
    // reported as unknown elsewhere): only the indentation is looked at here.
    let found = odd::find(&s[..structural_end], true)?;
    let start = line.start + found.offset;
    let span = start..start + found.ch.len_utf8();
    Some(match found.odd {
        Odd::Tab => (Cause::Tab, span),
        odd => (Cause::Odd { odd, ch: found.ch }, span),
    })
}

/// Whether `c` stands where YAML wants an ordinary space or nothing: a special space (no-break,
/// narrow no-break, typographic) or an invisible character; look-alike dashes, quotes and
/// apostrophes are text.
fn odd_space(c: char) -> Option<Odd> {
    Odd::of(c, false).filter(|o| {
        !matches!(
            o,
            Odd::Dash
                | Odd::TypographicQuote
                | Odd::Ligature
                | Odd::TypographicApostrophe
                | Odd::SoftHyphen
        )
    })
}

/// A plain scalar, written at `span` of `text` (`key_or_item`: a key or a list item;
/// `flow_key`: a key of a flow mapping), that holds a special space where YAML wants an
/// ordinary one, and so reads as something else than meant (issue 16):
/// - a key or a list item with one right after a key's colon (`{ membre:\u{a0}claire }`,
///   `- membre:\u{a0}claire`, `statut :\u{a0}adopte`): YAML reads one text, not a key and
///   its value;
/// - one at the start or the end of a key inside a flow mapping, beside `{`, `,` or `:`
///   (`{ membre\u{a0}: claire }`): YAML keeps it in the key, and every key of the mapping
///   would be missing.
///
/// A value keeps it (`{ membre: claire\u{a0}}`): the reference or the value check names it
/// there, with what was meant.
/// Its cause and the span of that character.
pub fn odd_space_in_plain(
    text: &str,
    span: Range<usize>,
    key_or_item: bool,
    flow_key: bool,
) -> Option<(Cause, Range<usize>)> {
    let written = text.get(span.clone())?;
    if key_or_item {
        for (i, _) in written.match_indices(':') {
            let Some(ch) = written[i + 1..].chars().next() else {
                continue;
            };
            let Some(odd) = odd_space(ch) else { continue };
            let key = written[..i].trim_end_matches(|c: char| c == ' ' || odd_space(c).is_some());
            if !key.is_empty() && key.chars().all(|c| c.is_alphanumeric() || c == '_') {
                let at = span.start + i + 1;
                return Some((
                    Cause::OddAfterColon {
                        key: key.to_string(),
                        odd,
                        ch,
                    },
                    at..at + ch.len_utf8(),
                ));
            }
        }
    }
    if !flow_key {
        return None;
    }
    let before = text[..span.start].trim_end_matches(' ').chars().next_back();
    let after = text[span.end..].trim_start_matches(' ').chars().next();
    let first = written.chars().next()?;
    if let (Some(odd), Some(mark @ ('{' | ','))) = (odd_space(first), before) {
        let at = span.start;
        return Some((
            Cause::OddBeside {
                odd,
                ch: first,
                mark,
                before: false,
            },
            at..at + first.len_utf8(),
        ));
    }
    let last = written.chars().next_back()?;
    if let (Some(odd), Some(mark @ (',' | ':'))) = (odd_space(last), after) {
        let at = span.end - last.len_utf8();
        return Some((
            Cause::OddBeside {
                odd,
                ch: last,
                mark,
                before: true,
            },
            at..span.end,
        ));
    }
    None
}

/// `description: |\u{a0}` (or `>-`, `- |2`…): a special space after a block scalar's
/// indicator, where YAML wants the end of the line (or a comment).
fn odd_after_block_indicator(text: &str, line: Range<usize>) -> Option<(Cause, Range<usize>)> {
    let s = &text[line.clone()];
    let code = s.trim_end_matches(|c: char| c == ' ' || odd_space(c).is_some());
    let tail = &s[code.len()..];
    let (offset, ch) = tail.char_indices().find(|&(_, c)| odd_space(c).is_some())?;
    let odd = odd_space(ch)?;
    let header = code.trim_end_matches(|c: char| matches!(c, '+' | '-') || c.is_ascii_digit());
    let mark = header
        .chars()
        .next_back()
        .filter(|c| matches!(c, '|' | '>'))?;
    let before = header[..header.len() - 1].trim_end_matches(' ');
    let starts_block = before.is_empty()
        || before.ends_with(':') && header.len() - before.len() > 1
        || before.trim_start() == "-";
    if !starts_block {
        return None;
    }
    let at = line.start + code.len() + offset;
    Some((
        Cause::OddBeside {
            odd,
            ch,
            mark,
            before: false,
        },
        at..at + ch.len_utf8(),
    ))
}

/// A special space or an invisible character beside a flow collection's mark on a line
/// (`{ membre: claire,\u{feff}depuis: … }`), where the parser stopped.
fn odd_beside_mark(text: &str, line: Range<usize>) -> Option<(Cause, Range<usize>)> {
    let s = &text[line.clone()];
    for (i, ch) in s.char_indices() {
        let Some(odd) = odd_space(ch) else { continue };
        let end = i + ch.len_utf8();
        let prev = s[..i].trim_end_matches(' ').chars().next_back();
        let next = s[end..].trim_start_matches(' ').chars().next();
        let (mark, before) = match (prev, next) {
            (Some(m @ ('{' | '[' | ',')), _) => (m, false),
            (_, Some(m @ ('}' | ']' | ','))) => (m, true),
            _ => continue,
        };
        let at = line.start + i;
        return Some((
            Cause::OddBeside {
                odd,
                ch,
                mark,
                before,
            },
            at..at + ch.len_utf8(),
        ));
    }
    None
}

/// `key:\u{a0}value` or `key:\u{a0}` (a block below): an odd character right after a key's
/// colon, where YAML wants an ordinary space.
fn odd_after_colon(text: &str, line: Range<usize>) -> Option<(Cause, Range<usize>)> {
    let s = &text[line.clone()];
    let body = s.trim_start().trim_start_matches("- ").trim_start();
    let indent = s.len() - body.len();
    let colon = body.find(':')?;
    // `statut :\u{a0}adopte`: a space before the colon, as French typography puts one, an
    // ordinary one or the same no-break space as after it (`statut\u{a0}:\u{a0}adopte`).
    let key = body[..colon].trim_end_matches(|c: char| c == ' ' || odd_space(c).is_some());
    if key.is_empty() || !key.chars().all(|c| c.is_alphanumeric() || c == '_') {
        return None;
    }
    let ch = body[colon + 1..].chars().next()?;
    let odd = Odd::of(ch, false)
        .filter(|o| !matches!(o, Odd::Dash | Odd::TypographicQuote | Odd::Ligature))?;
    let start = line.start + indent + colon + 1;
    Some((
        Cause::OddAfterColon {
            key: key.to_string(),
            odd,
            ch,
        },
        start..start + ch.len_utf8(),
    ))
}

/// `key:value` (no space) or `key: a: b` (colon in an unquoted value) on a line.
fn colon_trouble(text: &str, line: Range<usize>) -> Option<(Cause, Range<usize>)> {
    let s = &text[line.clone()];
    let body = s.trim_start().trim_start_matches("- ").trim_start();
    let indent = s.len() - body.len();
    if body.starts_with(['"', '\'', '#', '[', '{']) {
        return None;
    }
    let colon = body.find(':')?;
    let key = &body[..colon];
    if key.is_empty() || !key.chars().all(|c| c.is_alphanumeric() || c == '_') {
        return None;
    }
    let after = &body[colon + 1..];
    let at = line.start + indent + colon;
    if let Some(ch) = after.chars().next().filter(|&c| c != '\t') {
        if let Some(odd) = Odd::of(ch, false)
            .filter(|o| !matches!(o, Odd::Dash | Odd::TypographicQuote | Odd::Ligature))
        {
            let start = at + 1;
            return Some((
                Cause::OddAfterColon {
                    key: key.to_string(),
                    odd,
                    ch,
                },
                start..start + ch.len_utf8(),
            ));
        }
    }
    if !after.is_empty() && !after.starts_with([' ', '\t']) {
        return Some((
            Cause::NoSpaceAfterColon {
                key: key.to_string(),
            },
            at..at + 1,
        ));
    }
    let value = after.trim();
    if let Some(ch) = reserved_start(value) {
        let start = line.start + indent + colon + 1 + (after.len() - after.trim_start().len());
        return Some((
            Cause::Indicator {
                key: key.to_string(),
                value: value.to_string(),
                ch,
                item: false,
            },
            start..start + ch.len_utf8(),
        ));
    }
    if value.starts_with(['"', '\'', '[', '{', '|', '>', '&', '*', '!']) {
        return None;
    }
    let inner = value
        .find(": ")
        .or_else(|| value.ends_with(':').then(|| value.len() - 1))?;
    let second = line.start + indent + colon + 1 + (after.len() - after.trim_start().len()) + inner;
    // `resume: “Écoute: la base”`: quotes YAML does not read as such, named; the value
    // meant is between them.
    let (value, quotes) = match typographic_quotes(value) {
        Some((inner, open, close)) => (inner, Some(format!("{open} {close}"))),
        None => (value, None),
    };
    Some((
        Cause::ColonInValue {
            key: key.to_string(),
            value: value.to_string(),
            quotes,
        },
        second..second + 1,
    ))
}

/// A value wrapped in typographic quotes (`“…”`, `«…»`, `„…“`): its text between them,
/// trimmed, and the two quotes.
fn typographic_quotes(value: &str) -> Option<(&str, char, char)> {
    let open = value.chars().next()?;
    let close = value.chars().next_back()?;
    let pairs = [
        ('“', '”'),
        ('«', '»'),
        ('„', '“'),
        ('„', '”'),
        ('”', '”'),
        ('‹', '›'),
    ];
    if value.chars().count() < 2 || !pairs.contains(&(open, close)) {
        return None;
    }
    let inner = &value[open.len_utf8()..value.len() - close.len_utf8()];
    Some((inner.trim(), open, close))
}

/// The character YAML reserves that a plain value (meant as text) starts with: `@` and
/// `` ` `` (reserved), `%` (a directive), `&` `*` `!` (anchor, alias, tag), `|` `>` followed
/// by text (a block scalar's header holds none), `- ` (a list where a value stands).
fn reserved_start(value: &str) -> Option<char> {
    let mut chars = value.chars();
    let first = chars.next()?;
    let rest = chars.as_str();
    match first {
        '@' | '`' | '%' | '&' | '*' | '!' => Some(first),
        '|' | '>' if !rest.trim().is_empty() && !rest.trim().starts_with('#') => {
            let header =
                rest.trim_start_matches(|c: char| c == '+' || c == '-' || c.is_ascii_digit());
            (!header.trim().is_empty()).then_some(first)
        }
        '-' if rest.starts_with(' ') => Some(first),
        _ => None,
    }
}

/// `  * sophie`: a list item written as in Markdown, with `*` (or `+`) and a space where
/// YAML wants `- `; `item` is the item's text.
fn star_item(text: &str, line: Range<usize>) -> Option<(Cause, Range<usize>)> {
    let s = &text[line.clone()];
    let body = s.trim_start_matches(' ');
    let rest = body
        .strip_prefix("* ")
        .or_else(|| body.strip_prefix("+ "))?;
    let at = line.start + (s.len() - body.len());
    Some((
        Cause::StarItem {
            ch: body.chars().next()?,
            item: rest.trim().to_string(),
        },
        at..at + 1,
    ))
}

/// Whether `c` looks like a list's `-` to a writer and is none to YAML: a typographic dash
/// (en dash, em dash, minus sign…) or a bullet (`•`, `◦`, `‣`, `▪`), as a word processor's
/// autocorrect turns `- ` into.
pub fn look_alike_marker(c: char) -> bool {
    Odd::of(c, false) == Some(Odd::Dash) || matches!(c, '•' | '◦' | '‣' | '▪' | '●')
}

/// A plain key that starts at byte `at` of `text` with a look-alike of `-` and a space
/// (`– date` in `jalons:`, `  – date: 2013`, `  titre: A`): the list item meant, as
/// [`look_alike_item`] finds it on the key's line.
pub fn look_alike_key(text: &str, at: usize) -> Option<(Cause, Range<usize>)> {
    let start = text.get(..at)?.rfind('\n').map_or(0, |s| s + 1);
    let end = text[at..].find('\n').map_or(text.len(), |e| at + e);
    look_alike_item(text, start..end).filter(|(_, span)| span.start == at)
}

/// `  – date: 2013`, `  • { id: a }`: a list item whose marker is a look-alike of `-`
/// ([`look_alike_marker`]) followed by a space, holding a key (`key:`, `key: value`) or a
/// flow collection, or standing among `- ` items at its column. YAML reads the marker as
/// the start of a text, and trips on the item's next line. A line of text that starts with
/// a dash (a block scalar's `— dialogue`) holds no key and has no `- ` sibling.
fn look_alike_item(text: &str, line: Range<usize>) -> Option<(Cause, Range<usize>)> {
    let code = code_of(text, line.clone());
    let s = &text[code];
    let indent = indent_of(s);
    let mut chars = s[indent..].chars();
    let ch = chars.next().filter(|&c| look_alike_marker(c))?;
    let rest = chars.as_str().strip_prefix(' ')?.trim();
    // A line of a block scalar's text (under `description: |`) is text, dash or not.
    let holder = code_above(text, line.start).find(|l| indent_of(l) < indent);
    if rest.is_empty() || holder.is_some_and(|l| block_header_key(l).is_some()) {
        return None;
    }
    let keyed = rest.split_once(':').is_some_and(|(k, v)| {
        !k.is_empty()
            && k.chars().all(|c| c.is_alphanumeric() || c == '_')
            && (v.is_empty() || v.starts_with(' '))
    });
    let flow = rest.starts_with(['{', '[']);
    let sibling = || {
        let at_column = |l: &str| indent_of(l) == indent && l[indent..].starts_with("- ");
        code_above(text, line.start)
            .take_while(|l| indent_of(l) >= indent)
            .any(at_column)
            || text[line.end..]
                .lines()
                .map(str::trim_end)
                .filter(|l| !l.trim().is_empty() && !l.trim_start().starts_with('#'))
                .take_while(|l| indent_of(l) >= indent)
                .any(at_column)
    };
    if !(keyed || flow || sibling()) {
        return None;
    }
    let at = line.start + indent;
    Some((
        Cause::StarItem {
            ch,
            item: rest.to_string(),
        },
        at..at + ch.len_utf8(),
    ))
}

/// `classe intangible`: a line of a word and a value with no colon at all (a key whose
/// colon was forgotten, if the word is a key of the document, which the loader decides).
fn missing_colon(text: &str, line: Range<usize>) -> Option<(Cause, Range<usize>)> {
    let s = &text[line.clone()];
    let body = s.trim_start();
    let mut indent = s.len() - body.len();
    // `- date 2013` then `  titre: …`: the first key of an item of mappings, its next line
    // a key at the column of this one's.
    let body = match body.strip_prefix("- ") {
        Some(rest) => {
            let next = text[line.end..]
                .lines()
                .find(|l| !l.trim().is_empty() && !l.trim_start().starts_with('#'))?;
            let rest_at = indent + 2 + (rest.len() - rest.trim_start().len());
            let keyed = next.trim_start().split_once(':').is_some_and(|(k, _)| {
                !k.is_empty() && k.chars().all(|c| c.is_alphanumeric() || c == '_')
            });
            if indent_of(next) != rest_at || !keyed {
                return None;
            }
            indent = rest_at;
            rest.trim_start()
        }
        None => body,
    };
    if body.contains(':') || body.starts_with(['-', '#']) {
        return None;
    }
    let (key, value) = body.split_once([' ', '\t'])?;
    let is_key = !key.is_empty()
        && key
            .chars()
            .all(|c| c.is_ascii_lowercase() || c.is_ascii_digit() || c == '_');
    let value = value.trim();
    (is_key && !value.is_empty()).then(|| {
        let at = line.start + indent + key.len();
        (
            Cause::MissingColon {
                key: key.to_string(),
                value: value.to_string(),
            },
            at..at + 1,
        )
    })
}

/// `auteurs` then an indented block (`  - mathieu`), or `description |` (or `>-`…) then
/// indented text: a key alone on its line, or with a block scalar's header, whose colon was
/// forgotten. The block below tells it is a key. `value` is the header (`|`), or empty.
fn key_before_block(text: &str, line: Range<usize>) -> Option<(Cause, Range<usize>)> {
    let code = code_of(text, line.clone());
    let s = &text[code];
    let indent = indent_of(s);
    let body = &s[indent..];
    let (key, header) = match body.split_once(' ') {
        Some((k, h)) => (k, h.trim()),
        None => (body, ""),
    };
    let is_key = !key.is_empty() && key.chars().all(|c| c.is_alphanumeric() || c == '_');
    let block_header = header.is_empty()
        || header.starts_with(['|', '>'])
            && header[1..]
                .chars()
                .all(|c| matches!(c, '+' | '-') || c.is_ascii_digit());
    if !is_key || !block_header {
        return None;
    }
    let next = text[line.end..]
        .lines()
        .find(|l| !l.trim().is_empty() && !l.trim_start().starts_with('#'))?;
    let below = indent_of(next);
    let item = next[below..].starts_with("- ") || next[below..].trim_end() == "-";
    // A list may stand at its key's indentation; text and keys stand deeper.
    if !(below > indent || header.is_empty() && below == indent && item) {
        return None;
    }
    let at = line.start + indent + key.len();
    Some((
        Cause::MissingColon {
            key: key.to_string(),
            value: header.to_string(),
        },
        at..at,
    ))
}

/// `resume: Agencement,` then `  Note : réparation…`: a line that continues the plain
/// value of the key above (deeper than it, no key of its own) holding `: `, which YAML
/// reads as a key. The value meant is the lines joined by spaces, as YAML folds them.
fn colon_in_continuation(text: &str, line: Range<usize>) -> Option<(Cause, Range<usize>)> {
    let code = code_of(text, line.clone());
    let s = &text[code.clone()];
    let indent = indent_of(s);
    if s[indent..].starts_with("- ") {
        return None;
    }
    let colon = s
        .find(": ")
        .or_else(|| s.ends_with(':').then(|| s.len() - 1))?;
    // The `key: value` line this one continues: the nearest less indented line above.
    let mut start = line.start;
    let mut continued = vec![s.trim()];
    let key_line = loop {
        if start == 0 {
            return None;
        }
        let l_start = text[..start - 1].rfind('\n').map_or(0, |i| i + 1);
        let l = &text[code_of(text, l_start..start - 1)];
        start = l_start;
        if l.trim().is_empty() || l.trim_end() == "---" {
            return None;
        }
        if indent_of(l) < indent {
            break l;
        }
        // A line of the same value, at the continuation's depth, holding no key.
        if l.trim_start().starts_with(['#', '-']) {
            return None;
        }
        continued.push(l.trim());
    };
    let body = key_line.trim_start();
    let body = body.strip_prefix("- ").map_or(body, str::trim_start);
    // `  - date: 2013` then `    titre: …`: a line at the column of the item's keys is a
    // key of the item, not the rest of a value.
    if indent <= key_line.len() - body.len() {
        return None;
    }
    let (key, value) = body.split_once(": ")?;
    let value = value.trim();
    if key.is_empty()
        || !key.chars().all(|c| c.is_alphanumeric() || c == '_')
        || value.is_empty()
        || value.starts_with(['"', '\'', '[', '{', '|', '>', '&', '*', '!', '#'])
    {
        return None;
    }
    continued.push(value);
    continued.reverse();
    // The lines after, still deeper than the key's, are the rest of the value.
    let key_indent = indent_of(key_line);
    for l in text[line.end..].lines().skip(1) {
        let l_code = l.trim_end();
        if l_code.trim().is_empty() || indent_of(l_code) <= key_indent || l_code.trim() == "---" {
            break;
        }
        continued.push(l_code.trim());
    }
    let at = code.start + colon;
    Some((
        Cause::ColonInValue {
            key: key.to_string(),
            value: continued.join(" "),
            quotes: None,
        },
        at..at + 1,
    ))
}

/// The part of a line before its trailing comment (a `#` after a space or at the start,
/// outside a quoted value), its trailing spaces dropped: what the line says to YAML.
fn code_of(text: &str, line: Range<usize>) -> Range<usize> {
    let s = &text[line.clone()];
    let mut quote = None;
    let mut prev = ' ';
    let mut end = s.len();
    for (i, c) in s.char_indices() {
        match (quote, c) {
            (Some(q), c) if c == q => quote = None,
            (Some(_), _) => {}
            // A quote opens a value only where one starts (`l'histoire` is no quote).
            (None, '"' | '\'') if matches!(prev, ' ' | '\t' | ':' | '[' | '{' | ',' | '-') => {
                quote = Some(c)
            }
            (None, '#') if prev == ' ' || prev == '\t' => {
                end = i;
                break;
            }
            _ => {}
        }
        prev = c;
    }
    line.start..line.start + s[..end].trim_end().len()
}

/// The first line of the text indented, and a line up to `at`'s less indented than it:
/// the first line set the indentation of the whole, the mistake is there.
fn indented_top(text: &str, at: usize) -> Option<(Cause, Range<usize>)> {
    let at = at.min(text.len());
    let end = text[at..].find('\n').map_or(text.len(), |e| at + e);
    let mut lines = text[..end].split_inclusive('\n').scan(0, |start, l| {
        let range = *start..*start + l.trim_end_matches(['\n', '\r']).len();
        *start += l.len();
        Some(code_of(text, range))
    });
    let first = lines.find(|r| !text[r.clone()].trim().is_empty())?;
    let s = &text[first.clone()];
    let indent = indent_of(s);
    let less = |r: &Range<usize>| {
        let l = &text[r.clone()];
        !l.trim().is_empty() && indent_of(l) < indent
    };
    if indent == 0 || !s[indent..].contains(':') || !lines.any(|r| less(&r)) {
        return None;
    }
    let start = first.start + indent;
    Some((
        Cause::Indentation {
            above: None,
            spaces: 0,
            fixed: s[indent..].to_string(),
            block: None,
            has: indent,
        },
        start..start + 1,
    ))
}

/// `-date: 2013`: a dash glued to a key. In a list (the lines of its block are `- `
/// items) a space is missing after it; elsewhere the dash is one too many.
fn glued_dash(text: &str, line: Range<usize>) -> Option<(Cause, Range<usize>)> {
    let code = code_of(text, line.clone());
    let s = &text[code];
    let indent = indent_of(s);
    let rest = s[indent..].strip_prefix('-')?;
    let (key, _) = rest
        .split_once(": ")
        .or_else(|| rest.strip_suffix(':').map(|k| (k, "")))?;
    if key.is_empty() || !key.chars().all(|c| c.is_alphanumeric() || c == '_') {
        return None;
    }
    // A sibling item: a line at the same indentation starting with `- `, before or after.
    // Or the next line is indented as an item's content (`  -date: 2011` then
    // `    titre: A`), or the line is indented under a key (`jalons:` then `  -date:`).
    let next = text[line.end..]
        .lines()
        .find(|l| !l.trim().is_empty() && !l.trim_start().starts_with('#'));
    let in_list = indent > 0
        || next.is_some_and(|l| indent_of(l) == indent + 2)
        || text
            .lines()
            .filter(|l| indent_of(l) == indent)
            .any(|l| l[indent..].starts_with("- "));
    let at = line.start + indent;
    Some((
        Cause::GluedDash {
            key: key.to_string(),
            fixed: if in_list {
                format!("- {}", &s[indent + 1..])
            } else {
                s[indent + 1..].to_string()
            },
            in_list,
        },
        at..at + 1,
    ))
}

/// The indentation of a line: its leading spaces.
fn indent_of(s: &str) -> usize {
    s.len() - s.trim_start_matches(' ').len()
}

/// The key a block scalar's header line holds (`description: >-`, `  - |`: empty), if the
/// line ends with one.
fn block_header_key(line: &str) -> Option<String> {
    let code = line.trim_end();
    let header = code.trim_end_matches(|c: char| matches!(c, '+' | '-') || c.is_ascii_digit());
    let before = header.strip_suffix(['|', '>'])?;
    let body = before.trim_start();
    let body = body.strip_prefix("- ").map_or(body, str::trim_start);
    if body.trim().is_empty() {
        return Some(String::new());
    }
    let key = body.strip_suffix(' ')?.trim_end().strip_suffix(':')?;
    let key = key.trim_start_matches("- ").trim();
    (!key.is_empty() && key.chars().all(|c| c.is_alphanumeric() || c == '_'))
        .then(|| key.to_string())
}

/// A line of text (no `key:`, no list item) below a block scalar's header
/// (`description: >-`), indented less than the text's first line, the lines between all
/// the text's: YAML ends the text above it and cannot read this line. It belongs at the
/// first line's indentation.
fn block_under_indented(text: &str, line: Range<usize>) -> Option<(Cause, Range<usize>)> {
    let s = text[line.clone()].trim_end();
    let indent = indent_of(s);
    let body = &s[indent..];
    let keyed = body.split_once(':').is_some_and(|(k, v)| {
        !k.is_empty()
            && k.chars().all(|c| c.is_alphanumeric() || c == '_')
            && (v.is_empty() || v.starts_with(' '))
    });
    if body.is_empty() || keyed || body.starts_with(['-', '#']) {
        return None;
    }
    let mut first = None;
    for l in text[..line.start].lines().rev() {
        if l.trim().is_empty() {
            continue;
        }
        let d = indent_of(l);
        if let Some(key) = block_header_key(l) {
            let spaces = first.filter(|&c| c > d && indent < c)?;
            let at = line.start + indent;
            return Some((
                Cause::BlockIndentation {
                    key,
                    spaces,
                    fixed: format!("{}{body}", " ".repeat(spaces)),
                },
                at..at + body.chars().next().map_or(1, char::len_utf8),
            ));
        }
        if d <= indent {
            return None;
        }
        first = Some(first.map_or(d, |c: usize| c.min(d)));
    }
    None
}

/// A key line (not an item) inside a list item of mappings, left of the item's keys: at
/// the item's dash (`  - date: 2013` then `  titre: B`) or between the dash's column and
/// the keys' (`   titre: B`), but right of the key that holds the list (a key at that
/// column or left of it is that key's sibling). Its indentation should be the item's keys'.
fn key_left_of_its_item(text: &str, line: Range<usize>) -> Option<(Cause, Range<usize>)> {
    let (indent, body, _) = key_line(text, line.clone())?;
    let content = content_of;
    let mut above = code_above(text, line.start);
    // The lowest indentation of the lines between the item and this one.
    let mut floor = usize::MAX;
    for l in above.by_ref() {
        let d = indent_of(l);
        let item = l[d..].starts_with("- ");
        if item && d < floor {
            let keys = content(l);
            if indent >= keys || !l[keys..].contains(':') {
                return None;
            }
            // The line that holds the list: left of the dash, or a key at its column.
            let parent = above.find(|l| {
                let p = indent_of(l);
                p < d || p == d && !l[p..].starts_with('-')
            });
            if parent.is_some_and(|p| indent_of(p) >= indent) {
                return None;
            }
            let at = line.start + indent;
            return Some((
                Cause::Indentation {
                    above: None,
                    spaces: keys,
                    fixed: format!("{}{body}", " ".repeat(keys)),
                    block: None,
                    has: indent,
                },
                at..at + 1,
            ));
        }
        if d <= indent {
            return None;
        }
        floor = floor.min(d);
    }
    None
}

/// The lines above the line starting at `start`, nearest first, back to the start of the
/// text or a front matter's `---`: their code (comments and trailing spaces dropped), the
/// empty ones skipped.
fn code_above(text: &str, start: usize) -> impl Iterator<Item = &str> {
    text[..start]
        .lines()
        .rev()
        .take_while(|l| l.trim_end() != "---")
        .map(move |l| {
            let from = l.as_ptr() as usize - text.as_ptr() as usize;
            &text[code_of(text, from..from + l.len())]
        })
        .filter(|l| !l.trim().is_empty())
}

/// `body` with `spaces` spaces before it: a line as its fix writes it.
fn fixed_line(spaces: usize, body: &str) -> String {
    format!("{}{body}", " ".repeat(spaces))
}

/// The column (from 0) where a line's content starts, after its indentation and `- `s.
fn content_of(l: &str) -> usize {
    let mut b = l.trim_start_matches(' ');
    while let Some(rest) = b.strip_prefix("- ") {
        b = rest.trim_start_matches(' ');
    }
    l.len() - b.len()
}

/// The key holding a list whose dashes stand at column `d`, from the lines above one of
/// its items (nearest first): the first left of the dashes, or at their column and no
/// item (a list may stand at its key's indentation). Empty when none holds it.
fn list_key<'a>(above: &mut impl Iterator<Item = &'a str>, d: usize) -> String {
    above
        .find(|l| {
            let pd = indent_of(l);
            pd < d || pd == d && !l[pd..].starts_with('-')
        })
        .and_then(key_of_line)
        .unwrap_or_default()
}

/// A line of `text` that holds a key and is no list item (`titre: A`, `jalons:`): its
/// indentation, its code after it (comment and trailing spaces dropped) and its key.
fn key_line(text: &str, line: Range<usize>) -> Option<(usize, &str, String)> {
    let s = &text[code_of(text, line)];
    let indent = indent_of(s);
    let body = &s[indent..];
    let key = key_of_line(s).filter(|_| !body.starts_with('-'))?;
    Some((indent, body, key))
}

/// The key a line holds (`jalons:`, `- date: 2013`, `titre: A`), if any.
fn key_of_line(l: &str) -> Option<String> {
    let body = &l[content_of(l)..];
    let (key, value) = body.split_once(':')?;
    (!key.is_empty()
        && key.chars().all(|c| c.is_alphanumeric() || c == '_')
        && (value.is_empty() || value.starts_with(' ')))
    .then(|| key.to_string())
}

/// The block whose lines start at column `spaces` (from 0) that the line holding `at`
/// belongs to: the nearest line above that opens it, a list item whose keys start there
/// (named with the key holding the list) or a key left of it ending with `:`.
fn block_of(text: &str, at: usize, spaces: usize) -> Option<Block> {
    if spaces == 0 {
        return Some(Block::Top);
    }
    let start = text[..at.min(text.len())].rfind('\n').map_or(0, |s| s + 1);
    let mut above = code_above(text, start);
    while let Some(l) = above.next() {
        let d = indent_of(l);
        if l[d..].starts_with("- ") && content_of(l) == spaces {
            return Some(Block::Item {
                list: list_key(&mut above, d),
                item: l.trim().to_string(),
            });
        }
        if d >= spaces {
            continue;
        }
        let key = key_of_line(l).filter(|_| l.trim_end().ends_with(':'))?;
        return Some(Block::Under { key });
    }
    None
}

/// `organisation:` then ` nom: ChezNous` then `  id: cheznous` (and the block's other
/// lines at that column): the key line right after a key that opens a block, indented
/// unlike the lines of the block after it, which agree on a column deeper than the
/// opening key's. YAML takes the first line's indentation as the block's, and trips on the
/// second; the first is the one out of place.
fn first_of_block_off(text: &str, line: Range<usize>) -> Option<(Cause, Range<usize>)> {
    let (p, body, _) = key_line(text, line.clone())?;
    if body.ends_with(':') {
        return None;
    }
    let opener = code_above(text, line.start).next()?;
    let b = indent_of(opener);
    if key_of_line(opener).is_none() || !opener.ends_with(':') {
        return None;
    }
    // The rest of the block: the lines below, up to one at the opener's column or left.
    let mut rest = text[line.end..]
        .lines()
        .map(str::trim_end)
        .filter(|l| !l.trim().is_empty() && !l.trim_start().starts_with('#'))
        .take_while(|l| indent_of(l) > b || indent_of(l) > p);
    let q = indent_of(rest.next()?);
    let rest: Vec<usize> = rest.map(indent_of).collect();
    // Two lines, one at each column: either may be the one out of place, unless the first
    // stands outside the block (at the opening key's column or left of it).
    let agreed = rest.contains(&q) || p <= b;
    if q <= b || q == p || !agreed || rest.iter().any(|&d| d < q) {
        return None;
    }
    let at = line.start + p;
    Some((
        Cause::Indentation {
            above: None,
            spaces: q,
            fixed: fixed_line(q, body),
            block: None,
            has: p,
        },
        at..at + 1,
    ))
}

/// `jalons:`, `  - date: 2013`, then `titre: B` at the dashes' column or left of them,
/// then `  - date: 2014`: a key line in the middle of a list (an item at the column of
/// the list's items above it and below it, the lines between deeper), which ends the list.
/// In a list of mappings, the key belongs to the item above, at its keys' column; in a list
/// of texts, it is out of place ([`Cause::KeyInList`]).
fn key_ending_a_list(text: &str, line: Range<usize>) -> Option<(Cause, Range<usize>)> {
    let (p, body, key) = key_line(text, line.clone())?;
    let value = body[key.len() + 1..].trim();
    // The next line: an item at the column of the dashes of an item above.
    let next = text[line.end..]
        .lines()
        .map(str::trim_end)
        .find(|l| !l.trim().is_empty() && !l.trim_start().starts_with('#'))?;
    let d = indent_of(next);
    // `liens:` then `- b`: the list is the key's value.
    if !next[d..].starts_with("- ") || d < p || value.is_empty() {
        return None;
    }
    let mut above = code_above(text, line.start);
    let item = above.find(|l| indent_of(l) <= d)?;
    if indent_of(item) != d || !item[d..].starts_with("- ") {
        return None;
    }
    let list = list_key(&mut above, d);
    let at = line.start + p;
    let keys = content_of(item);
    if key_of_line(item).is_some() {
        return Some((
            Cause::Indentation {
                above: None,
                spaces: keys,
                fixed: format!("{}{body}", " ".repeat(keys)),
                block: Some(Box::new(Block::Item {
                    list,
                    item: item.trim().to_string(),
                })),
                has: p,
            },
            at..at + 1,
        ));
    }
    Some((
        Cause::KeyInList {
            key,
            list,
            line: body.to_string(),
        },
        at..at + 1,
    ))
}

/// A line whose indentation fits no block above it: deeper than a `key: value` line just
/// above (YAML reads it as the rest of that value, then trips on its `: `), or between
/// the indentations of the blocks still open. The indentation it should have is that of
/// the block it is closest to: the line above's, or the next deeper open block's.
fn misindented(text: &str, line: Range<usize>) -> Option<(Cause, Range<usize>)> {
    let code = code_of(text, line.clone());
    let s = &text[code.clone()];
    let body = s.trim_start_matches(' ');
    let indent = indent_of(s);
    // Only lines of structure: a key with its colon, or a list item.
    let key = body
        .split_once(": ")
        .map(|(k, _)| k)
        .or(body.strip_suffix(':'));
    let is_key = key.is_some_and(|k| {
        !k.is_empty()
            && k.chars()
                .all(|c| c.is_alphanumeric() || c == '_' || c == '-')
    });
    if body.is_empty() || !(is_key || body == "-" || body.starts_with("- ")) {
        return None;
    }
    // The lines above with something to say, back to the start of the text (a front
    // matter's `---` ends the search).
    let above: Vec<&str> = code_above(text, line.start).collect();
    let previous = *above.first()?;
    let prev_indent = indent_of(previous);
    let prev_body = previous.trim_start_matches(' ');
    let prev_key = prev_body.split_once(": ").map(|(k, v)| (k, v.trim()));
    let fixed = |spaces: usize| format!("{}{body}", " ".repeat(spaces));
    let span = line.start + indent..line.start + indent + body.chars().next()?.len_utf8();
    // Where the content of the line above starts (after its `- `s).
    let content = content_of;
    if indent > prev_indent {
        let item = body == "-" || body.starts_with("- ");
        // `    titre: A`, `methode: vote`, `    majorite: 2/3`: a `key: value` line between
        // two lines of one block, left of them, is the one out of place (the line above it
        // at this one's column, or an item whose keys start there).
        let sandwiched = above.get(1).is_some_and(|before| {
            let d = indent_of(before);
            d == indent && !before[d..].starts_with('-')
                || before[d..].starts_with("- ") && content(before) == indent
        });
        let whole_key = key_of_line(previous).is_some()
            && !previous.trim_end().ends_with(':')
            && block_header_key(previous).is_none();
        if is_key && !item && sandwiched && whole_key && !prev_body.starts_with('-') {
            let at = previous.as_ptr() as usize - text.as_ptr() as usize + prev_indent;
            return Some((
                Cause::Indentation {
                    above: None,
                    spaces: indent,
                    fixed: fixed_line(indent, prev_body),
                    block: None,
                    has: prev_indent,
                },
                at..at + prev_body.chars().next()?.len_utf8(),
            ));
        }
        // `  - { membre: claire }` then `   - { membre: amadou }`: an item deeper than the
        // item above, its sibling: it belongs at the same column.
        if item && prev_body.starts_with("- ") {
            return Some((
                Cause::Indentation {
                    above: None,
                    spaces: prev_indent,
                    fixed: fixed(prev_indent),
                    block: None,
                    has: indent,
                },
                span,
            ));
        }
        // `plans: [a, b]` then ` tarif: …`: a key deeper than a key whose value is whole on
        // its line (a flow collection, a quoted text): its sibling, at its column.
        if let Some((_, value)) = prev_key.filter(|_| is_key) {
            let whole = (value.starts_with('[') && value.ends_with(']'))
                || (value.starts_with('{') && value.ends_with('}'))
                || (value.len() > 1
                    && (value.starts_with('"') && value.ends_with('"')
                        || value.starts_with('\'') && value.ends_with('\'')));
            if whole {
                let spaces = content(previous);
                return Some((
                    Cause::Indentation {
                        above: None,
                        spaces,
                        fixed: fixed(spaces),
                        block: None,
                        has: indent,
                    },
                    span,
                ));
            }
        }
        // Deeper than a key holding a plain value: read as that value's next line.
        let (above_key, value) = prev_key?;
        let plain =
            !value.is_empty() && !value.starts_with(['|', '>', '[', '{', '"', '\'', '&', '*', '!']);
        let spaces = content(previous);
        if !plain || !is_key || indent <= spaces {
            return None;
        }
        let above_key = above_key.trim_start_matches(['-', ' ']).to_string();
        return Some((
            Cause::Indentation {
                above: Some(above_key),
                spaces,
                fixed: fixed(spaces),
                block: None,
                has: indent,
            },
            span,
        ));
    }
    // The indentations of the blocks open above: each line's, those deeper than a later
    // (less indented) line closed.
    let mut open: Vec<usize> = Vec::new();
    for l in above.iter().rev() {
        let d = indent_of(l);
        while open.last().is_some_and(|&top| top > d) {
            open.pop();
        }
        // A list item's content is a block of its own (`- de: a` then `  vers: b`).
        for d in [d, content(l)] {
            if open.last().is_none_or(|&top| top < d) {
                open.push(d);
            }
        }
    }
    if open.contains(&indent) {
        return None;
    }
    let spaces = open.iter().copied().find(|&d| d > indent)?;
    Some((
        Cause::Indentation {
            above: None,
            spaces,
            fixed: fixed(spaces),
            block: None,
            has: indent,
        },
        span,
    ))
}

/// The `#` of a ` #` that starts a comment inside a flow collection the line leaves open
/// (outside quotes), after a value, or of a flow item starting with `#` (`[#confiance]`);
/// and the value as meant (to the next `,`, `]` or `}`; in a flow mapping, the value after
/// the key's `: `). A comment after the collection is closed is one, and breaks nothing.
fn comment_in_value(text: &str, line: Range<usize>) -> Option<(usize, String)> {
    let s = &text[line.clone()];
    let mut quote = None;
    let mut prev = ' ';
    let mut value_seen = false;
    let mut open: Vec<char> = Vec::new();
    let mut item_start = 0;
    for (i, c) in s.char_indices() {
        match (quote, c) {
            (Some(q), c) if c == q => quote = None,
            (Some(_), _) => {}
            (None, '"' | '\'') if s[item_start..i].trim().is_empty() => quote = Some(c),
            (None, '#') if !open.is_empty() && s[item_start..i].trim().is_empty() => {
                let end = s[i..].find([',', ']', '}']).map_or(s.len(), |e| i + e);
                return Some((line.start + i, s[i..end].trim_end().to_string()));
            }
            // Outside a flow collection, a trailing comment ends the line and breaks no
            // structure: the parser tripped over something else (its indentation…).
            (None, '#') if (prev == ' ' || prev == '\t') && open.is_empty() => return None,
            (None, '#') if prev == ' ' || prev == '\t' => {
                let end = s[i..].find([',', ']', '}']).map_or(s.len(), |e| i + e);
                let item = s[item_start..end].trim();
                let value = match item.split_once(": ") {
                    Some((_, v)) if open.last() == Some(&'{') => v.trim(),
                    _ => item,
                };
                return value_seen.then(|| (line.start + i, value.to_string()));
            }
            (None, '[' | '{') => {
                open.push(c);
                item_start = i + 1;
            }
            (None, ']' | '}') => {
                open.pop();
                item_start = i + 1;
            }
            (None, ',') => item_start = i + 1,
            (None, c) if !c.is_whitespace() && c != '-' => value_seen = true,
            _ => {}
        }
        prev = c;
    }
    None
}

/// Where the value of a `key: value` or `- value` line starts.
fn value_start(s: &str) -> usize {
    let body = s.trim_start();
    let indent = s.len() - body.len();
    if let Some(rest) = body.strip_prefix("- ") {
        let item = indent + 2 + (rest.len() - rest.trim_start().len());
        // `- date: "2013" x`: the first key of an item, its value after the colon.
        let keyed = s[item..].split_once(": ").is_some_and(|(k, _)| {
            !k.is_empty() && k.chars().all(|c| c.is_alphanumeric() || c == '_')
        });
        return if keyed {
            item + value_start(&s[item..])
        } else {
            item
        };
    }
    match body.find(": ") {
        Some(c) => indent + c + 2 + (body[c + 2..].len() - body[c + 2..].trim_start().len()),
        None => indent,
    }
}

/// `key: "quoted" more`: text after the closing quote of a value that starts quoted.
/// `plans: [a, b]\tjuridique`: text after the bracket that closes a flow list or mapping
/// (on its line). `tab` when a tab separates them.
fn text_after_bracket(text: &str, line: Range<usize>) -> Option<(Cause, Range<usize>)> {
    let s = &text[line.clone()];
    let start = value_start(s);
    let open = s[start..]
        .chars()
        .next()
        .filter(|c| matches!(c, '[' | '{'))?;
    let close = closing_bracket(s, start + open.len_utf8(), 1)?;
    let bracket = s[close..].chars().next()?;
    let rest = &s[close + 1..];
    let extra = rest.trim_start_matches([' ', '\t']);
    if extra.is_empty() || extra.starts_with('#') {
        return None;
    }
    let gap = &rest[..rest.len() - extra.len()];
    let body = s.trim_start();
    let key = body
        .split_once(':')
        .map(|(k, _)| k.trim())
        .filter(|k| !k.starts_with('-') && !k.starts_with(open))
        .unwrap_or_default()
        .to_string();
    let at = line.start + close + 1 + gap.len();
    Some((
        Cause::TextAfterBracket {
            key,
            close: bracket,
            tab: gap.contains('\t'),
            value: s[start..].trim_end().to_string(),
        },
        at..at + extra.chars().next().map_or(1, char::len_utf8),
    ))
}

fn text_after_quote(text: &str, line: Range<usize>) -> Option<(Cause, Range<usize>)> {
    let s = &text[line.clone()];
    let start = value_start(s);
    let quote = s[start..]
        .chars()
        .next()
        .filter(|c| matches!(c, '"' | '\''))?;
    let close = closing_quote(&s[start + 1..], quote)? + start + 1;
    let rest = &s[close + 1..];
    let extra = rest.trim_start();
    if extra.is_empty() || extra.starts_with('#') || extra.starts_with([',', ']', '}']) {
        return None;
    }
    let body = s.trim_start();
    let body = body.strip_prefix("- ").unwrap_or(body);
    let key = body[..start - (s.len() - body.len())]
        .split_once(':')
        .map(|(k, _)| k.trim())
        .filter(|k| !k.starts_with('-'))
        .unwrap_or_default()
        .to_string();
    let at = line.start + close + 1 + (rest.len() - extra.len());
    // `'L'esprit du lieu'`: an apostrophe inside single quotes closed the value; the text
    // meant is between the first and the last quote.
    let whole = s[start..].trim_end();
    // `"Le "grand" atelier"`: quotes inside double quotes closed the value; the text
    // meant is between the first and the last quote.
    if quote == '"' && whole.len() > 1 && whole.ends_with('"') && !whole.contains('\\') {
        return Some((
            Cause::TextAfterQuote {
                key,
                value: whole[1..whole.len() - 1].to_string(),
            },
            at..at + extra.chars().next().map_or(1, char::len_utf8),
        ));
    }
    if quote == '\'' && whole.len() > 1 && whole.ends_with('\'') {
        return Some((
            Cause::QuoteInsideQuotes {
                key,
                value: whole[1..whole.len() - 1].to_string(),
            },
            line.start + close..line.start + close + 1,
        ));
    }
    Some((
        Cause::TextAfterQuote {
            key,
            value: s[start..].trim_end().to_string(),
        },
        at..at + extra.chars().next().map_or(1, char::len_utf8),
    ))
}

/// The offset in `s` of the quote that closes a scalar opened by `quote` just before it
/// (`''` is an escaped `'`, `\"` an escaped `"`).
fn closing_quote(s: &str, quote: char) -> Option<usize> {
    let mut chars = s.char_indices().peekable();
    while let Some((i, c)) = chars.next() {
        match c {
            '\\' if quote == '"' => {
                chars.next();
            }
            c if c == quote => {
                if quote == '\'' && chars.peek().is_some_and(|(_, n)| *n == '\'') {
                    chars.next();
                    continue;
                }
                return Some(i);
            }
            _ => {}
        }
    }
    None
}

/// Something a line before the one of `at` leaves open (a quote, a bracket, a flow
/// collection cut by a comment) that the rest of the text does not close before that
/// line either: the parser read the lines below as part of it and tripped at `at`.
/// `opened` is given each such line (without its line ending) and the offsets of its start
/// and of the next line's; it says what the line leaves open, and where (if anywhere) the
/// text closes it.
fn open_across_lines<T>(
    text: &str,
    at: usize,
    mut opened: impl FnMut(&str, usize, usize) -> Option<(T, Option<usize>)>,
) -> Option<T> {
    let at = at.min(text.len());
    let error_line = text[..at].matches('\n').count();
    let mut offset = 0;
    for line in text.split_inclusive('\n').take(error_line) {
        let s = line.trim_end_matches(['\n', '\r']);
        if let Some((found, closed_at)) = opened(s, offset, offset + line.len()) {
            let closes_line = closed_at.map(|c| text[..c].matches('\n').count());
            if closes_line.is_none_or(|l| l >= error_line) {
                return Some(found);
            }
        }
        offset += line.len();
    }
    None
}

/// A value opened by a quote that its own line does not close, before `at`, whose scalar
/// (YAML lets a quoted value run over lines) runs to the line of `at`: the parser gave up
/// there, and the quote left open is what the writer got wrong.
fn quote_open_across_lines(text: &str, at: usize) -> Option<(usize, char)> {
    open_across_lines(text, at, |s, offset, _| {
        let start = value_start(s);
        let quote = s[start..]
            .chars()
            .next()
            .filter(|c| matches!(c, '"' | '\''))?;
        let open = offset + start;
        closing_quote(&s[start + 1..], quote).is_none().then(|| {
            let closes_at = closing_quote(&text[open + 1..], quote).map(|c| open + 1 + c);
            ((open, quote), closes_at)
        })
    })
}

/// A closing bracket of the other kind than its collection's opening one: its offset, and
/// the opening bracket's offset and kind.
type Mismatch = (usize, usize, char);

/// The brackets a line leaves open, and its first [`Mismatch`].
type Brackets = (Vec<(usize, char)>, Option<Mismatch>);

/// What a line's brackets do (where a value starts, quoted text skipped): those it opens
/// and does not close, outermost first, and the first that closes a collection opened by
/// the other kind (its offset, and the opening bracket's offset and kind), as offsets in
/// the line. `None` when a comment (` #`) cuts a collection open: that is the comment's
/// error.
fn scan_brackets(s: &str) -> Option<Brackets> {
    let mut stack: Vec<(usize, char)> = Vec::new();
    let mut mismatch = None;
    let mut quote: Option<char> = None;
    let mut before = '\n';
    for (i, c) in s.char_indices() {
        let starts_value = matches!(before, '\n' | ':' | '-' | '[' | '{' | ',');
        match (quote, c) {
            (Some(q), c) if c == q => quote = None,
            (Some(_), _) => {}
            (None, '"' | '\'') if !stack.is_empty() && starts_value => quote = Some(c),
            // A comment ends the line.
            (None, '#') if i == 0 || s[..i].ends_with([' ', '\t']) => {
                if !stack.is_empty() {
                    return None;
                }
                break;
            }
            (None, '[' | '{') if starts_value || !stack.is_empty() => stack.push((i, c)),
            (None, ']' | '}') => {
                if let Some((o, open)) = stack.pop() {
                    let wanted = if open == '[' { ']' } else { '}' };
                    if c != wanted && mismatch.is_none() {
                        mismatch = Some((i, o, open));
                    }
                }
            }
            _ => {}
        }
        if !c.is_whitespace() {
            before = c;
        }
    }
    Some((stack, mismatch))
}

/// The brackets a line opens and does not close (see [`scan_brackets`]), none when a
/// comment cuts one.
fn open_brackets(s: &str) -> Vec<(usize, char)> {
    scan_brackets(s).map(|(open, _)| open).unwrap_or_default()
}

/// A `[` or `{` that a line before the one of `at` opens and does not close, when what
/// follows does not close it before that line either: the parser read the lines below as
/// the collection's and tripped at `at`. The innermost such bracket, and its offset.
fn bracket_open_across_lines(text: &str, at: usize) -> Option<(usize, char)> {
    open_across_lines(text, at, |s, offset, next| {
        let open = open_brackets(s);
        let &(i, bracket) = open.last()?;
        Some((
            (offset + i, bracket),
            closing_bracket(text, next, open.len()),
        ))
    })
}

/// `[a, b #1, c]` then lines: a ` #` (or an item starting with `#`) inside a flow
/// collection on a line before the one of `at`, that no bracket below closes before it:
/// the comment cut the collection, and the parser read the lines below as its own. The
/// `#`'s offset and the value as meant.
fn comment_open_across_lines(text: &str, at: usize) -> Option<(usize, String)> {
    open_across_lines(text, at, |s, offset, next| {
        let (hash, value) = comment_in_value(text, offset..offset + s.len())?;
        let depth = open_brackets(&s[..hash - offset]).len();
        Some(((hash, value), closing_bracket(text, next, depth.max(1))))
    })
}

/// Where the text from `from` closes `depth` collections left open before it (quoted text
/// skipped), if it does: the offset of the last closing bracket.
fn closing_bracket(text: &str, from: usize, mut depth: usize) -> Option<usize> {
    let mut quote: Option<char> = None;
    for (j, c) in text[from..].char_indices() {
        match (quote, c) {
            (Some(q), c) if c == q => quote = None,
            (Some(_), _) => {}
            (None, '"' | '\'') => quote = Some(c),
            (None, '[' | '{') => depth += 1,
            (None, ']' | '}') => {
                depth -= 1;
                if depth == 0 {
                    return Some(from + j);
                }
            }
            _ => {}
        }
    }
    None
}

/// `{ membre: claire depuis: 2014-09-01 }` or `{ note: SAS : depuis 2021 }`: in an item of
/// a flow mapping that its line closes, a second colon (followed by a space) in the value.
/// After a key-like word (lowercase ASCII, no space before the colon), a comma is
/// missing before that key; otherwise the colon is part of the value, to quote.
fn colon_in_flow(text: &str, line: Range<usize>) -> Option<(Cause, Range<usize>)> {
    let s = &text[line.clone()];
    // Each `{` where a value starts (after `: `, `- `, `[` or `,`, not in plain text).
    let code = &s[..code_of(text, line.clone()).end - line.start];
    code.match_indices(['{', '['])
        .filter(|&(i, _)| {
            let before = code[..i].trim_end();
            before.is_empty() || before.ends_with([':', '-', '[', ',', '{'])
        })
        .find_map(|(start, open)| match open {
            "{" => colon_in_mapping(s, start, line.start),
            _ => colon_in_list(s, start, line.start),
        })
}

/// `[a, b : c : d]`: in an item of the flow list whose `[` is at `start` of the line `s`
/// (at byte `base` of the text), closed on the line, a second `: ` (or a colon ending the
/// item); YAML reads an item holding one as a key and its value, and cannot read two.
/// The item is to quote.
fn colon_in_list(s: &str, start: usize, base: usize) -> Option<(Cause, Range<usize>)> {
    let (items, _) = flow_items(s, start)?;
    items.into_iter().find_map(|item| {
        let written = &s[item.clone()];
        let trimmed = written.trim();
        if trimmed.starts_with(['"', '\'', '[', '{']) {
            return None;
        }
        let second = written
            .char_indices()
            .filter(|&(i, c)| c == ':' && written[i + 1..].chars().next().is_none_or(|n| n == ' '))
            .nth(1)?
            .0;
        Some(colon_in_value("", trimmed, base + item.start + second))
    })
}

/// [`Cause::ColonInValue`] for the value `value` of `key` (empty: a list's item), at the
/// colon at `at`.
fn colon_in_value(key: &str, value: &str, at: usize) -> (Cause, Range<usize>) {
    (
        Cause::ColonInValue {
            key: key.to_string(),
            value: value.to_string(),
            quotes: None,
        },
        at..at + 1,
    )
}

/// The items of the flow collection whose `[` or `{` is at `start` of the line `s` (its
/// commas at the first depth split them; quoted text skipped), and the offset of the
/// bracket that closes it, when the line does.
fn flow_items(s: &str, start: usize) -> Option<(Vec<Range<usize>>, usize)> {
    let mut depth = 0usize;
    let mut quote: Option<char> = None;
    let mut items: Vec<Range<usize>> = Vec::new();
    let mut item_start = start + 1;
    for (i, c) in s[start..].char_indices() {
        let i = start + i;
        match (quote, c) {
            (Some(q), c) if c == q => quote = None,
            (Some(_), _) => {}
            (None, '"' | '\'') if s[item_start..i].trim().is_empty() || s[..i].ends_with(": ") => {
                quote = Some(c)
            }
            (None, '[' | '{') => depth += 1,
            (None, ']' | '}') => {
                depth = depth.saturating_sub(1);
                if depth == 0 {
                    items.push(item_start..i);
                    return Some((items, i));
                }
            }
            (None, ',') if depth == 1 => {
                items.push(item_start..i);
                item_start = i + 1;
            }
            _ => {}
        }
    }
    None
}

/// [`colon_in_flow`] for the flow mapping whose `{` is at `start` of the line `s`, at
/// byte `base` of the text.
fn colon_in_mapping(s: &str, start: usize, base: usize) -> Option<(Cause, Range<usize>)> {
    let line = base..base + s.len();
    let (items, end) = flow_items(s, start)?;
    if s[start..=end].starts_with("{{") {
        return None;
    }
    for item in items {
        let written = &s[item.clone()];
        let Some((key, value)) = written.split_once(": ") else {
            continue;
        };
        let key = key.trim();
        if key.is_empty()
            || !key.chars().all(|c| c.is_alphanumeric() || c == '_')
            || value.trim_start().starts_with(['"', '\'', '[', '{'])
        {
            continue;
        }
        let value_at = item.start + written.len() - value.len();
        let Some(colon) = value
            .char_indices()
            .find(|&(i, c)| c == ':' && value[i + 1..].chars().next().is_none_or(|n| n == ' '))
            .map(|(i, _)| i)
        else {
            continue;
        };
        let before = &value[..colon];
        let word_at = before.rfind(' ').map_or(0, |w| w + 1);
        let word = &before[word_at..];
        let keyish = !word.is_empty()
            && word.starts_with(|c: char| c.is_ascii_lowercase())
            && word
                .chars()
                .all(|c| c.is_ascii_lowercase() || c.is_ascii_digit() || c == '_');
        if keyish && !before[..word_at].trim().is_empty() {
            let gap = value_at + before[..word_at].trim_end().len();
            let fixed = format!("{}, {}", &s[start..gap], &s[value_at + word_at..=end]);
            let at = line.start + value_at + word_at;
            return Some((
                Cause::MissingComma {
                    key: word.to_string(),
                    fixed,
                },
                at..at + word.len(),
            ));
        }
        return Some(colon_in_value(
            key,
            value.trim(),
            line.start + value_at + colon,
        ));
    }
    None
}

/// `[a, b }`, `{ membre: claire ]`, `[a, {b, c]`: a bracket closing a collection opened by
/// the other kind, on the line (quoted text skipped); the closing bracket, and the opening
/// one's column (in characters, from 1) and kind.
fn mismatched_bracket(text: &str, line: Range<usize>) -> Option<(Cause, Range<usize>)> {
    let code = code_of(text, line.clone());
    let s = &text[code.clone()];
    let (close, o, open) = scan_brackets(s)?.1?;
    let at = code.start + close;
    Some((
        Cause::MismatchedBracket {
            open,
            close: s[close..].chars().next()?,
            column: s[..o].chars().count() + 1,
        },
        at..at + 1,
    ))
}

/// The last `[` or `{` before `at` that no bracket closes (quoted text skipped). A bracket
/// opens a collection only where a value starts (after `: `, `- `, another bracket or a
/// comma), and a quote opens a quoted item only there too: in `Voir [l'histoire](h.md)`,
/// plain text, neither the `[` nor the apostrophe is YAML's.
fn unclosed_bracket(text: &str, at: usize) -> Option<(usize, char)> {
    let mut stack: Vec<(usize, char)> = Vec::new();
    let mut quote: Option<char> = None;
    // The last character before this one that is not a space, on the line.
    let mut before = '\n';
    // The parser may point at the bracket itself (a flow mapping left open is reported at
    // its `{`): it is part of what is searched, when its line holds no closing bracket at
    // all (`[a, Le #CodeSocial]` is closed, after a `#` that cut it: a comment's error).
    let at = at.min(text.len());
    let rest = text[at..].split('\n').next().unwrap_or_default();
    let end = match rest.chars().next() {
        Some('[') if !rest.contains(']') => at + 1,
        Some('{') if !rest.contains('}') => at + 1,
        _ => at,
    };
    for (i, c) in text[..end].char_indices() {
        let starts_value = matches!(before, '\n' | ':' | '-' | '[' | '{' | ',');
        match (quote, c) {
            (Some(q), c) if c == q => quote = None,
            (Some(_), _) => {}
            (None, '"' | '\'') if !stack.is_empty() && starts_value => quote = Some(c),
            (None, '[' | '{') if starts_value || !stack.is_empty() => stack.push((i, c)),
            (None, ']' | '}') => {
                stack.pop();
            }
            _ => {}
        }
        if c == '\n' || !c.is_whitespace() {
            before = c;
        }
    }
    stack.pop()
}

/// The quote that opens the scalar left unclosed at `at`: the last `"` or `'` before it
/// that starts a value.
fn opening_quote(text: &str, at: usize) -> Option<(usize, char)> {
    // The parser may point at the quote itself: it is part of what is searched.
    let at = at.min(text.len());
    let end = text[at..].chars().next().map_or(at, |c| at + c.len_utf8());
    let before = &text[..end];
    before
        .char_indices()
        .rev()
        .filter(|(_, c)| matches!(c, '"' | '\''))
        .find(|(i, _)| {
            let prev = before[..*i].chars().next_back();
            matches!(prev, None | Some(' ' | '\n' | '[' | '{' | ',' | ':' | '-'))
        })
}

#[cfg(test)]
mod tests {
    use super::*;

    fn cause(text: &str) -> (Cause, String) {
        let err = crate::load::yaml::parse(text, 0).expect_err("invalid");
        match err.kind {
            crate::load::yaml::YamlErrorKind::Syntax(cause) => (cause, text[err.span].to_string()),
            other => panic!("{other:?}"),
        }
    }

    /// Every special space, in every place where YAML wants an ordinary space (after a
    /// key's colon, with or without a space before it, in a flow mapping or a block, beside
    /// a flow collection's marks, after a block scalar's indicator), gives one syntax error
    /// at that character, naming it; the same text with an ordinary space parses.
    #[test]
    fn a_special_space_where_yaml_wants_a_space_is_named_there() {
        let spaces = [
            '\u{a0}', '\u{202f}', '\u{2009}', '\u{3000}', '\u{200b}', '\u{feff}',
        ];
        // `@` marks the place of the special space; `%` of an ordinary one kept as is.
        let places = [
            "auteurs:\n  - { membre:@claire, depuis: 2014-09-01 }\n",
            "auteurs:\n  - { membre: claire,@depuis: 2014-09-01 }\n",
            "auteurs:\n  - {@membre: claire }\n",
            "auteurs:\n  - { membre@: claire }\n",
            "auteurs:\n  - membre:@claire\n",
            "statut%:@adopte\nadopte_le: 2014-09-01\n",
            "titre: A\nstatut%:@adopte\nadopte_le: 2014-09-01\n",
            "description: |@\n  Texte\nstatut: a\n",
            "description: >-@\n  Texte\nstatut: a\n",
            "jalons:\n  - |@\n    Texte\n",
        ];
        for place in places {
            let fine = place.replace(['@', '%'], " ");
            assert!(crate::load::yaml::parse(&fine, 0).is_ok(), "{fine:?}");
            for ch in spaces {
                let text = place.replace('@', &ch.to_string()).replace('%', " ");
                let at = place.find('@').unwrap_or_default();
                let err = crate::load::yaml::parse(&text, 0).expect_err(&text);
                let crate::load::yaml::YamlErrorKind::Syntax(cause) = err.kind else {
                    panic!("{text:?}: {:?}", err.kind);
                };
                let named = match cause {
                    Cause::OddAfterColon { ch: c, .. } | Cause::OddBeside { ch: c, .. } => c,
                    Cause::Odd { ch: c, .. } => c,
                    other => panic!("{text:?}: {other:?}"),
                };
                assert_eq!(named, ch, "{text:?}");
                assert_eq!(err.span, at..at + ch.len_utf8(), "{text:?}");
            }
        }
        // A value keeps it, where the value's own check names it (`unknown member `claire `
        // — contains a no-break space`), with what was meant.
        for place in [
            "auteurs:\n  - { membre: claire@}\n",
            "auteurs:\n  - { membre: claire@, depuis: 2014-09-01 }\n",
            "liens: [a,@b]\n",
            "liens: [a, b@]\n",
            "liens: [@a]\n",
        ] {
            for ch in spaces.into_iter().filter(|c| c.is_whitespace()) {
                let text = place.replace('@', &ch.to_string());
                assert!(crate::load::yaml::parse(&text, 0).is_ok(), "{text:?}");
            }
        }
        // Text keeps its special spaces: between words, before a colon in a value.
        for text in [
            "titre: « Prix\u{a0}» 3\u{a0}€\n",
            "titre: Prix\u{a0}:\u{a0}3\n",
            "auteurs:\n  - { membre: claire, note: le 12\u{a0}mars }\n",
            "resume: \"a :\u{a0}b\"\n",
            "resume: Important :\u{a0}lire\n",
        ] {
            assert!(crate::load::yaml::parse(text, 0).is_ok(), "{text:?}");
        }
    }

    /// `titre\u{a0}:\u{a0}Transparence`, a no-break space on both sides of a colon (as a
    /// French keyboard types it): one error on that line, at the one after the colon,
    /// wherever the key stands (the document's, a list item's, a flow mapping's, alone in
    /// its document); the parser tripped on the next line, or read one text.
    #[test]
    fn a_special_space_on_both_sides_of_a_colon_is_named_on_its_line() {
        for ch in ['\u{a0}', '\u{202f}'] {
            for place in [
                "titre@:@Transparence\ntype: principe\n",
                "titre: A\nresume@:@Tout\n",
                "resume@:@Tout\n",
                "jalons:\n  - date: 2013\n    titre@:@A\n    acteurs: [a]\n",
                "jalons:\n  - date@:@2013\n    titre: A\n",
                "plans:\n  - { id: a, titre@:@A }\n",
            ] {
                let text = place.replace('@', &ch.to_string());
                // The second `@`, after the colon.
                let at = text.rfind(ch).unwrap_or_default();
                let err = crate::load::yaml::parse(&text, 0).expect_err(&text);
                let crate::load::yaml::YamlErrorKind::Syntax(cause) = err.kind else {
                    panic!("{text:?}: {:?}", err.kind);
                };
                assert!(
                    matches!(cause, Cause::OddAfterColon { ch: c, .. } if c == ch),
                    "{text:?}: {cause:?}"
                );
                assert_eq!(err.span, at..at + ch.len_utf8(), "{text:?}");
            }
        }
    }

    /// `– ` or `• ` where a list's `- ` was meant (Word's autocorrect): one error at that
    /// character, whether YAML trips on the item's next line, on its sibling, or reads a
    /// key (`– date`); a block scalar's text keeps its dashes.
    #[test]
    fn a_dash_look_alike_as_a_list_marker_is_named_at_it() {
        for (text, ch) in [
            ("jalons:\n  – date: 2013\n    titre: A\n", '–'),
            ("jalons:\n  – date: 2013\n  titre: A\n", '–'),
            (
                "jalons:\n  - date: 2013\n    titre: A\n  — date: 2014\n    titre: B\n",
                '—',
            ),
            ("plans:\n  - { id: a }\n  • { id: b }\n  - { id: c }\n", '•'),
            ("co_auteurs:\n  − { membre: a, depuis: 2014 }\n", '−'),
            ("mots_cles:\n  - a\n  – b\n  - c\n", '–'),
        ] {
            let (cause, shown) = cause(text);
            assert!(
                matches!(&cause, Cause::StarItem { ch: c, .. } if *c == ch),
                "{text:?}: {cause:?}"
            );
            assert_eq!(shown, ch.to_string(), "{text:?}");
        }
        let (cause, _) = cause("description: |\n  — Bonjour: dit-il\ntitre: A: b\n");
        assert!(matches!(cause, Cause::ColonInValue { .. }), "{cause:?}");
    }

    /// What a text parses to, spans left out: a fix must give the value meant.
    fn value_of(text: &str) -> Result<String, String> {
        fn shown(node: &crate::load::yaml::Node) -> String {
            use crate::load::yaml::Value;
            match &node.value {
                Value::Seq(items) => format!(
                    "[{}]",
                    items.iter().map(shown).collect::<Vec<_>>().join(", ")
                ),
                Value::Map(entries) => format!(
                    "{{{}}}",
                    entries
                        .iter()
                        .map(|(k, v)| format!("{}: {}", k.name, shown(v)))
                        .collect::<Vec<_>>()
                        .join(", ")
                ),
                other => format!("{other:?}"),
            }
        }
        crate::load::yaml::parse(text, 0)
            .map(|d| d.root.as_ref().map(shown).unwrap_or_default())
            .map_err(|e| format!("{:?} at {:?}", e.kind, e.span))
    }

    /// The line (from 0) of byte `at`.
    fn line_of(text: &str, at: usize) -> usize {
        text[..at].matches('\n').count()
    }

    /// A key whose colon was forgotten before its block (a list at its indentation or
    /// deeper, a mapping, a block scalar with any header), wherever the key stands among
    /// others: the error is at the key's line, names the key, and the text with `:` added
    /// where the hint says parses to what was meant (issue 16, round 13).
    #[test]
    fn a_colon_forgotten_before_a_block_is_named_at_the_key_and_its_fix_parses() {
        let blocks = [
            (
                "",
                "\n  - { membre: mathieu, depuis: 2013-05-02 }\n  - { membre: lea }\n",
            ),
            ("", "\n- mathieu\n- lea\n"),
            ("", "\n  - mathieu\n  - lea\n"),
            ("", "\n  du: 2024-01-01\n  au: 2024-02-01\n"),
            (
                " |",
                "\n  Notre pyramide est inversée : elle repose\n  la structure puis s'efface\n",
            ),
            (
                " >-",
                "\n  la structure puis\n  s'efface au profit de celles\n",
            ),
            (" |+", "\n  texte\n  suite de texte\n"),
        ];
        let others = ["titre: Pyramide\n", "statut: adopte\nversion: 2\n", ""];
        let afters = ["resume: x\n", "auteurs:\n  - a\n", ""];
        for (header, block) in blocks {
            for before in others {
                for after in afters {
                    let meant = format!("{before}description:{header}{block}{after}");
                    let expected = value_of(&meant).expect(&meant);
                    let wrong = format!("{before}description{header}{block}{after}");
                    // Alone, `description` and a list at its indentation are one text.
                    let parsed = crate::load::yaml::parse(&wrong, 0);
                    if parsed.is_ok() && before.is_empty() && after.is_empty() {
                        continue;
                    }
                    let err = parsed.expect_err(&wrong);
                    let crate::load::yaml::YamlErrorKind::Syntax(Cause::MissingColon {
                        key,
                        value,
                    }) = err.kind
                    else {
                        panic!("{wrong:?}: {:?}", err.kind);
                    };
                    assert_eq!(key, "description", "{wrong:?}");
                    assert_eq!(value, header.trim(), "{wrong:?}");
                    assert_eq!(
                        line_of(&wrong, err.span.start),
                        line_of(&wrong, before.len()),
                        "{wrong:?}"
                    );
                    // The hint followed: `:` right after the key.
                    let at = before.len() + "description".len();
                    let fixed = format!("{}:{}", &wrong[..at], &wrong[at..]);
                    assert_eq!(value_of(&fixed), Ok(expected), "{fixed:?}");
                }
            }
        }
    }

    /// A line of a block (a list item, a key) shifted deeper than its sibling above, when
    /// YAML cannot read it as the rest of a value: the hint names the column of its
    /// siblings, and the line so indented gives back the document meant.
    #[test]
    fn a_line_deeper_than_its_sibling_is_told_its_column_and_the_fix_parses() {
        let documents = [
            (
                "co_auteurs:\n  - { membre: claire, depuis: 2014-09-01 }\n",
                "  - { membre: amadou, depuis: 2016-01-15 }\n",
                "editeurs:\n  - { membre: x }\n",
            ),
            (
                "co_auteurs:\n- { membre: claire }\n",
                "- { membre: amadou }\n",
                "editeurs: [x]\n",
            ),
            (
                "titre: A\nplans: [economique, ecologique]\n",
                "tarif: { montant: 55, devise: EUR }\n",
                "resume: x\n",
            ),
            ("titre: \"A\"\n", "statut: adopte\n", ""),
            (
                "flux:\n  - de: a\n    vers: [b]\n",
                "    richesse: c\n",
                "  - de: d\n",
            ),
        ];
        for (before, line, after) in documents {
            let meant = format!("{before}{line}{after}");
            let expected = value_of(&meant).expect(&meant);
            let column = indent_of(line);
            for extra in 1..=3 {
                let wrong = format!("{before}{}{line}{after}", " ".repeat(extra));
                let Err(err) = crate::load::yaml::parse(&wrong, 0) else {
                    continue; // read as the rest of a value: no error of indentation
                };
                let crate::load::yaml::YamlErrorKind::Syntax(Cause::Indentation {
                    spaces,
                    fixed,
                    ..
                }) = err.kind
                else {
                    panic!("{wrong:?}: {:?}", err.kind);
                };
                assert_eq!(spaces, column, "{wrong:?}");
                assert_eq!(
                    line_of(&wrong, err.span.start),
                    line_of(&wrong, before.len()),
                    "{wrong:?}"
                );
                let followed = format!("{before}{fixed}\n{after}");
                assert_eq!(value_of(&followed), Ok(expected.clone()), "{followed:?}");
            }
        }
    }

    /// The documents' lists of mappings (a history's milestones, a matrix's flows), as
    /// lines: a mistake is made on one line of an item.
    const ITEMS: [&str; 2] = [
        "titre: Histoire\njalons:\n  - date: 2011\n    titre: Premiers ateliers\n    acteurs: [mathieu]\n    description: >-\n      Quelques voisins se retrouvent.\n  - date: 2013-05\n    titre: Création de la SAS\n    acteurs: [mathieu, cheznous]\n  - date: 2014-09-01\n    titre: Première version\n",
        "titre: M\nflux:\n- de: fabrique\n  vers: collectif\n  richesse: Sous-traitance\n  valeur: 3200\n  unite: EUR\n- de: cheznous\n  vers: julien\n  richesse: Bois\nresume: x\n",
    ];

    /// Inside the items of a list of mappings, a partly quoted value, a missing colon, a
    /// key left of the item's keys: the error is at the faulty line, blames that line's
    /// key, and its fix, applied to that line only, gives back the document meant (issue
    /// 16, truth17: these were blamed on the key above, with hints merging keys).
    #[test]
    fn a_mistake_inside_a_list_item_is_named_at_its_line_and_its_fix_parses() {
        for doc in ITEMS {
            let lines: Vec<&str> = doc.lines().collect();
            for (n, line) in lines.iter().enumerate() {
                let indent = indent_of(line);
                let dash = if line[indent..].starts_with("- ") {
                    2
                } else {
                    0
                };
                let body = &line[indent + dash..];
                let Some((key, value)) = body.split_once(": ") else {
                    continue;
                };
                if n == 0 || indent + dash == 0 || value.starts_with(['[', '>']) {
                    continue;
                }
                let prefix = &line[..indent + dash];
                let with = |l: &str| {
                    let mut all = lines.clone();
                    all[n] = l;
                    all.join("\n") + "\n"
                };
                let mut mistakes = vec![
                    (
                        format!("{prefix}{key}: \"Le\" {value}"),
                        with(&format!("{prefix}{key}: '\"Le\" {value}'")),
                    ),
                    (format!("{prefix}{key} {value}"), doc.to_string()),
                ];
                if dash == 0 {
                    for spaces in 1..indent {
                        mistakes.push((format!("{}{body}", " ".repeat(spaces)), doc.to_string()));
                    }
                }
                for (wrong_line, meant) in mistakes {
                    let expected = value_of(&meant).expect(&meant);
                    let wrong = with(&wrong_line);
                    let err = crate::load::yaml::parse(&wrong, 0).expect_err(&wrong);
                    let crate::load::yaml::YamlErrorKind::Syntax(cause) = err.kind else {
                        panic!("{wrong}: {:?}", err.kind);
                    };
                    assert_eq!(line_of(&wrong, err.span.start), n, "{wrong}{cause:?}");
                    let fixed_line = match cause {
                        Cause::TextAfterQuote { key: k, value } => {
                            assert_eq!(k, key, "{wrong}");
                            format!("{prefix}{k}: {}", crate::i18n::check::yaml_quoted(&value))
                        }
                        Cause::MissingColon { key: k, value: v } => {
                            assert_eq!(k, key, "{wrong}");
                            format!("{prefix}{k}: {v}")
                        }
                        Cause::Indentation { fixed, .. } => fixed,
                        other => panic!("{wrong}: {other:?}"),
                    };
                    let followed = with(&fixed_line);
                    assert_eq!(value_of(&followed), Ok(expected), "{wrong}\n{followed}");
                }
            }
        }
    }

    /// A line of a block scalar's text (`>-`, `|`, as a key's value or a list item)
    /// indented less than the text's first line, at any lesser indentation: the error is at
    /// that line, says to indent it like the first line, and the fix parses to the text
    /// meant (issue 16, truth17: "YAML cannot be read here", no hint that fits).
    #[test]
    fn a_block_text_line_indented_less_than_its_first_is_told_so() {
        let docs = [
            "titre: Histoire\njalons:\n  - date: 2011\n    description: >-\n      Quelques voisins se retrouvent le samedi.\n      outils. L'idée d'un lieu commun.\n      Troisième ligne.\n  - date: 2013\n",
            "description: |\n  Notre pyramide est inversée : elle repose\n  la structure puis s'efface.\n\n  Le capital est détenu.\nauteurs:\n  - { membre: mathieu }\n",
            "mots_cles:\n  - |\n    Un texte\n    sur deux lignes\n  - b\n",
        ];
        let mut tried = 0;
        for doc in docs {
            let expected = value_of(doc).expect(doc);
            let lines: Vec<&str> = doc.lines().collect();
            for (n, line) in lines.iter().enumerate() {
                let indent = indent_of(line);
                let previous = lines[..n].iter().rev().find(|l| !l.trim().is_empty());
                let continues = previous.is_some_and(|p| block_header_key(p).is_none())
                    && lines[..n].iter().any(|l| block_header_key(l).is_some());
                if line.trim().is_empty()
                    || line.contains(": ")
                    || line.trim_start().starts_with('-')
                    || !continues
                {
                    continue;
                }
                for spaces in 0..indent {
                    let mut all = lines.clone();
                    let wrong_line = format!("{}{}", " ".repeat(spaces), line.trim_start());
                    all[n] = &wrong_line;
                    let wrong = all.join("\n") + "\n";
                    let Err(err) = crate::load::yaml::parse(&wrong, 0) else {
                        continue;
                    };
                    let crate::load::yaml::YamlErrorKind::Syntax(Cause::BlockIndentation {
                        spaces: s,
                        fixed,
                        ..
                    }) = err.kind
                    else {
                        panic!("{wrong}: {:?}", err.kind);
                    };
                    assert_eq!(s, indent, "{wrong}");
                    assert_eq!(line_of(&wrong, err.span.start), n, "{wrong}");
                    all[n] = &fixed;
                    let followed = all.join("\n") + "\n";
                    assert_eq!(value_of(&followed), Ok(expected.clone()), "{followed}");
                    tried += 1;
                }
            }
        }
        assert!(tried >= 15, "{tried}");
    }

    /// In a flow mapping closed on its line, ` : ` inside a value and a missing comma are
    /// told apart, at their place; a `{` or `[` left open is named at its line, whatever
    /// follows; each fix, applied to that line, parses to the document meant (issue 16,
    /// truth17: all three said "never closed", the last at the next line).
    #[test]
    fn flow_mistakes_are_told_apart_at_their_line_and_their_fix_parses() {
        let doc = "description: |\n  Texte.\nauteurs:\n  - { membre: mathieu, depuis: 2013-05-02 }\nco_auteurs:\n  - { membre: claire, depuis: 2014-09-01 }\n  - { membre: amadou, depuis: 2016-01-15, note: x }\nediteurs: [{ membre: sas, depuis: 2013-05-02 }]\nperiode: { du: 2024-09-02, au: 2024-12-20 }\nplans: [economique, ecologique]\n";
        let lines: Vec<&str> = doc.lines().collect();
        for (n, line) in lines.iter().enumerate() {
            let Some(open) = line.find(['{', '[']) else {
                continue;
            };
            let with = |l: &str| {
                let mut all = lines.clone();
                all[n] = l;
                all.join("\n") + "\n"
            };
            let expected = |l: &str| value_of(&with(l)).expect(l);
            // A `{` or `[` left open: named at it.
            let close = line.rfind([']', '}']).expect("closed");
            let unclosed = format!("{}{}", &line[..close], &line[close + 1..]);
            let wrong = with(unclosed.trim_end());
            let err = crate::load::yaml::parse(&wrong, 0).expect_err(&wrong);
            let crate::load::yaml::YamlErrorKind::Syntax(cause) = err.kind else {
                panic!("{wrong}: {:?}", err.kind);
            };
            let outer = line[open..].chars().next().expect("bracket");
            assert_eq!(cause, Cause::UnclosedBracket { open: outer }, "{wrong}");
            assert_eq!(line_of(&wrong, err.span.start), n, "{wrong}");
            let Some(second) = line.find(", ").filter(|_| line.contains("{ ")) else {
                continue;
            };
            // A comma forgotten between two pairs of a mapping.
            let key = line[second + 2..].split(':').next().expect("key");
            let wrong_line = format!("{} {}", &line[..second], &line[second + 2..]);
            let wrong = with(&wrong_line);
            let err = crate::load::yaml::parse(&wrong, 0).expect_err(&wrong);
            let crate::load::yaml::YamlErrorKind::Syntax(Cause::MissingComma { key: k, fixed }) =
                err.kind
            else {
                panic!("{wrong}: {:?}", err.kind);
            };
            assert_eq!(k, key, "{wrong}");
            assert_eq!(&wrong[err.span.clone()], key, "{wrong}");
            assert_eq!(line_of(&wrong, err.span.start), n, "{wrong}");
            let start = wrong_line.find('{').expect("{");
            let end = wrong_line[start..].find('}').expect("}") + start;
            let followed = format!("{}{fixed}{}", &wrong_line[..start], &wrong_line[end + 1..]);
            assert_eq!(value_of(&with(&followed)), Ok(expected(line)), "{followed}");
            // ` : ` inside the value of the first pair.
            let value_end = second;
            let colon = format!("{} : suite{}", &line[..value_end], &line[value_end..]);
            let wrong = with(&colon);
            let err = crate::load::yaml::parse(&wrong, 0).expect_err(&wrong);
            let crate::load::yaml::YamlErrorKind::Syntax(Cause::ColonInValue {
                key, value, ..
            }) = err.kind
            else {
                panic!("{wrong}: {:?}", err.kind);
            };
            assert_eq!(&wrong[err.span.clone()], ":", "{wrong}");
            assert_eq!(line_of(&wrong, err.span.start), n, "{wrong}");
            let pair_start = line[..value_end].rfind(['{', ',']).expect("pair") + 1;
            let quoted = format!(
                "{} {key}: {}{}",
                &line[..pair_start],
                crate::i18n::check::yaml_quoted(&value),
                &line[value_end..]
            );
            let meant_value = format!(
                "{} : suite",
                line[pair_start..value_end]
                    .split_once(": ")
                    .expect("pair")
                    .1
            );
            assert_eq!(value, meant_value, "{wrong}");
            assert!(value_of(&with(&quoted)).is_ok(), "{quoted}");
        }
    }

    /// The YAML of every document of `examples/cheznous` (a front matter, a `.yaml` file).
    fn example_yamls() -> Vec<(String, String)> {
        use crate::load::source::{DirSource, FileSource};
        let root = std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("examples/cheznous");
        let source = DirSource::new(&root);
        let mut out = Vec::new();
        for entry in source.list().expect("list") {
            let Ok(text) = source.read(&entry.path).map(String::from_utf8) else {
                continue;
            };
            let Ok(text) = text else { continue };
            if entry.path.ends_with(".yaml") {
                out.push((entry.path, text));
            } else if let Some(rest) = text.strip_prefix("---\n") {
                if let Some(end) = rest.find("\n---").filter(|_| entry.path.ends_with(".md")) {
                    out.push((entry.path.clone(), rest[..=end].to_string()));
                }
            }
        }
        out
    }

    /// What a test over the example found wrong, none, out of more than `least` cases.
    fn none_wrong(cases: usize, least: usize, failures: &[String]) {
        assert!(cases > least, "{cases} cases only");
        assert!(
            failures.is_empty(),
            "{} of {cases}:\n{}",
            failures.len(),
            failures.join("\n")
        );
    }

    /// The flow collections of a line written on it whole and flat (a value starting with
    /// `[` or `{`, closed on the line, nothing nested, nothing quoted): the offsets of the
    /// opening and closing brackets and the items' ranges.
    fn flat_flows(line: &str) -> Vec<(usize, usize, Vec<Range<usize>>)> {
        let mut out = Vec::new();
        for (open, c) in line.char_indices().filter(|&(_, c)| matches!(c, '[' | '{')) {
            let before = line[..open].trim_end();
            if !(before.is_empty() || before.ends_with([':', '-'])) {
                continue;
            }
            let close_char = if c == '[' { ']' } else { '}' };
            let Some(close) = line[open..].find(close_char).map(|e| open + e) else {
                continue;
            };
            let inner = &line[open + 1..close];
            if inner.contains(['[', '{', '"', '\'', '#']) || inner.trim().is_empty() {
                continue;
            }
            let mut items = Vec::new();
            let mut start = open + 1;
            for piece in inner.split(',') {
                let lead = piece.len() - piece.trim_start().len();
                items.push(start + lead..start + piece.trim_end().len());
                start += piece.len() + 1;
            }
            out.push((open, close, items));
        }
        out
    }

    /// Every flow list and mapping of every document of the example, every item in it,
    /// with a mistake of the flow family (a ` #` in the item, a `: ` too many in it, a key
    /// glued to its value by `:`, its closing bracket missing or of the other kind, a stray
    /// closing bracket after it): one syntax error naming that mistake, on that line, at
    /// the character at fault; the item quoted as the hint says parses (truth18).
    #[test]
    fn every_flow_mistake_of_the_example_is_one_error_at_its_place() {
        use crate::load::yaml::{parse, YamlErrorKind};
        let mut cases = 0;
        let mut failures = Vec::new();
        for (name, yaml) in example_yamls() {
            let lines: Vec<&str> = yaml.lines().collect();
            for (n, line) in lines.iter().enumerate() {
                let line_start: usize = lines[..n].iter().map(|l| l.len() + 1).sum();
                for (open, close, items) in flat_flows(line) {
                    let bracket = line[open..].chars().next().unwrap_or('[');
                    let mut tried: Vec<(String, Cause, usize)> = Vec::new();
                    let other = if bracket == '[' { '}' } else { ']' };
                    // The closing bracket missing, or of the other kind; one too many.
                    tried.push((
                        format!("{}{}", &line[..close], &line[close + 1..]),
                        Cause::UnclosedBracket { open: bracket },
                        open,
                    ));
                    tried.push((
                        format!("{}{other}{}", &line[..close], &line[close + 1..]),
                        Cause::MismatchedBracket {
                            open: bracket,
                            close: other,
                            column: line[..open].chars().count() + 1,
                        },
                        close,
                    ));
                    let closer = if bracket == '[' { ']' } else { '}' };
                    let stray = format!("{}{closer}{}", &line[..=close], &line[close + 1..]);
                    let key = line
                        .trim_start()
                        .split_once(':')
                        .map(|(k, _)| k.trim())
                        .filter(|k| !k.starts_with(['-', bracket]))
                        .unwrap_or_default();
                    tried.push((
                        stray.clone(),
                        Cause::TextAfterBracket {
                            key: key.to_string(),
                            close: closer,
                            tab: false,
                            value: stray[open..].trim_end().to_string(),
                        },
                        close + 1,
                    ));
                    for item in items {
                        let written = &line[item.clone()];
                        // In a mapping the value of the pair; in a list the item.
                        let (value_at, key) = match written.split_once(": ") {
                            Some((k, _)) if bracket == '{' => (item.start + k.len() + 2, k),
                            _ if bracket == '{' => continue,
                            _ => (item.start, ""),
                        };
                        let value = &line[value_at..item.end];
                        let with_value =
                            |v: &str| format!("{}{v}{}", &line[..value_at], &line[item.end..]);
                        let quoted_item = |v: &str| with_value(&crate::i18n::check::yaml_quoted(v));
                        // ` #` inside the value: a comment, which cuts the collection.
                        let hashed = format!("{value} #1");
                        tried.push((
                            with_value(&hashed),
                            Cause::Comment {
                                value: hashed.clone(),
                            },
                            item.end + 1,
                        ));
                        assert!(
                            parse(&quoted_item(&hashed), 0).is_ok(),
                            "{name}: {}",
                            quoted_item(&hashed)
                        );
                        // `: ` in the value: in a list item once is a key and its value
                        // (the schema's to tell), twice is YAML's; in a mapping once.
                        let colons = if bracket == '[' {
                            format!("{value} : a : b")
                        } else {
                            format!("{value} : a")
                        };
                        let second = if bracket == '[' {
                            value_at + value.len() + 5
                        } else {
                            value_at + value.len() + 1
                        };
                        tried.push((
                            with_value(&colons),
                            Cause::ColonInValue {
                                key: key.trim().to_string(),
                                value: colons.clone(),
                                quotes: None,
                            },
                            second,
                        ));
                        assert!(parse(&quoted_item(&colons), 0).is_ok(), "{name}: {colons}");
                        // `membre:claire`: a key glued to its value.
                        if bracket == '{' {
                            let glued = format!(
                                "{}{key}:{value}{}",
                                &line[..item.start],
                                &line[item.end..]
                            );
                            tried.push((
                                glued,
                                Cause::NoSpaceAfterColon {
                                    key: key.to_string(),
                                },
                                item.start + key.len(),
                            ));
                        }
                    }
                    for (wrong_line, expected, at) in tried {
                        cases += 1;
                        let mut all = lines.clone();
                        all[n] = &wrong_line;
                        let text = all.join("\n") + "\n";
                        match parse(&text, 0) {
                            Err(e) if e.kind == YamlErrorKind::Syntax(expected.clone())
                                && e.span.start == line_start + at => {}
                            other => failures.push(format!(
                                "{name}:{}: `{wrong_line}`: expected {expected:?} at column {}, got {:?}",
                                n + 1,
                                at + 1,
                                other.map(|_| ()).map_err(|e| (
                                    e.kind,
                                    e.span.start.saturating_sub(line_start) + 1,
                                    line_of(&text, e.span.start) + 1
                                ))
                            )),
                        }
                    }
                }
            }
        }
        none_wrong(cases, 100, &failures);
    }

    /// Every key line inside a block of every document of the example (a key of a
    /// mapping under a key, or of a list item), moved to each column left of its block's
    /// and one right of it: when YAML can no longer read the text, one error at that line,
    /// naming the block the key falls out of (or, deeper, the key whose value it would
    /// continue), the spaces it has and those it needs; that fix parses (truth18).
    #[test]
    fn every_key_of_the_example_misaligned_names_its_block_and_its_spaces() {
        use crate::load::yaml::{parse, YamlErrorKind};
        let mut cases = 0;
        let mut failures = Vec::new();
        for (name, yaml) in example_yamls() {
            let lines: Vec<&str> = yaml.lines().collect();
            // Lines of a block scalar's text are text, whatever they hold.
            let mut text_deeper_than: Option<usize> = None;
            for (n, line) in lines.iter().enumerate() {
                let k = indent_of(line);
                if line.trim().is_empty() {
                    continue;
                }
                if text_deeper_than.is_some_and(|d| k > d) {
                    continue;
                }
                text_deeper_than = block_header_key(line).map(|_| k);
                let body = &line[k..];
                // A key opening a block (`auteurs:`, `description: >-`) moves its block
                // with it: another mistake.
                let opens_block =
                    line.trim_end().ends_with(':') || block_header_key(line).is_some();
                if k == 0 || body.starts_with('-') || key_of_line(line).is_none() || opens_block {
                    continue;
                }
                for w in (0..k).chain([k + 1]) {
                    let moved = format!("{}{body}", " ".repeat(w));
                    let mut all = lines.clone();
                    all[n] = &moved;
                    let text = all.join("\n") + "\n";
                    let Err(err) = parse(&text, 0) else {
                        continue;
                    };
                    cases += 1;
                    // In a block of two lines, one at each column, either may be the one
                    // out of place: the other is told so, with this block's column.
                    let two = |m: usize| {
                        let block: Vec<&&str> = lines[..m]
                            .iter()
                            .rev()
                            .take_while(|l| indent_of(l) >= k)
                            .chain(lines[m..].iter().take_while(|l| indent_of(l) >= k))
                            .collect();
                        block.len() == 2 && block.iter().all(|l| indent_of(l) == k)
                    };
                    let err_line = line_of(&text, err.span.start);
                    let at_line = err_line == n || err_line.abs_diff(n) == 1 && two(n) && w > 0;
                    let fix_parses = |fixed: &str| {
                        let mut fixed_all = all.clone();
                        fixed_all[err_line] = fixed;
                        parse(&(fixed_all.join("\n") + "\n"), 0).is_ok()
                    };
                    let right = match &err.kind {
                        // The tie: the other line, to this one's column.
                        YamlErrorKind::Syntax(Cause::Indentation { fixed, .. })
                            if err_line != n =>
                        {
                            fix_parses(fixed)
                        }
                        YamlErrorKind::Syntax(Cause::Indentation {
                            above: None,
                            spaces,
                            fixed,
                            block: Some(_),
                            has,
                        }) if w < k => {
                            *spaces == k
                                && *has == w
                                && fixed.as_str() == *line
                                && fix_parses(fixed)
                        }
                        // Deeper: the rest of the value above, or its sibling.
                        YamlErrorKind::Syntax(Cause::Indentation { spaces, has, .. }) => {
                            w > k && *spaces == k && *has == w
                        }
                        // At the column of a key of the document that it repeats.
                        YamlErrorKind::DuplicateKey { .. } => w == 0,
                        _ => false,
                    };
                    if !(at_line && right) {
                        failures.push(format!(
                            "{name}:{}: `{moved}`: {:?} at line {}",
                            n + 1,
                            err.kind,
                            line_of(&text, err.span.start) + 1
                        ));
                    }
                }
            }
        }
        none_wrong(cases, 50, &failures);
    }

    /// A key in the middle of a list, at its dashes' column or left of them (`- a` then
    /// `key: v` then `- b`): in a list of texts, the key is named as ending the list; in a
    /// list of mappings, it belongs to the item above, at its keys' column (truth18).
    #[test]
    fn a_key_in_the_middle_of_a_list_is_named_with_its_list() {
        for (text, key_line) in [
            ("mots_cles:\n  - a\n  auteur: b\n  - c\n", 2),
            ("mots_cles:\n- a\nauteur: b\n- c\n", 2),
            (
                "titre: T\nmots_cles:\n  - a\n  - b\n  auteur: b\n  - c\n",
                4,
            ),
        ] {
            let err = crate::load::yaml::parse(text, 0).expect_err(text);
            assert_eq!(
                err.kind,
                crate::load::yaml::YamlErrorKind::Syntax(Cause::KeyInList {
                    key: "auteur".into(),
                    list: "mots_cles".into(),
                    line: "auteur: b".into(),
                }),
                "{text}"
            );
            assert_eq!(line_of(text, err.span.start), key_line, "{text}");
        }
        let text = "jalons:\n  - date: 2013\n    titre: A\nacteurs: [a]\n  - date: 2014\n";
        let err = crate::load::yaml::parse(text, 0).expect_err(text);
        assert_eq!(
            err.kind,
            crate::load::yaml::YamlErrorKind::Syntax(Cause::Indentation {
                above: None,
                spaces: 4,
                fixed: "    acteurs: [a]".into(),
                block: Some(Box::new(Block::Item {
                    list: "jalons".into(),
                    item: "- date: 2013".into()
                })),
                has: 0,
            })
        );
        assert_eq!(line_of(text, err.span.start), 3);
    }

    /// `: ` in a line that continues a plain value, `[…]` or `{…}` then text, quotes inside
    /// a double-quoted value: the hint's quoted value, written instead, parses to the text
    /// meant (issue 16, round 13).
    #[test]
    fn a_quoted_fix_parses_to_the_text_meant() {
        let cases = [
            (
                "resume: Agencement,\n  Note : réparation sur mesure\ntype: service\n",
                "resume",
                "Agencement, Note : réparation sur mesure",
            ),
            (
                "titre: Menuiserie\n  Note : sur mesure\n  et plus\ntype: service\n",
                "titre",
                "Menuiserie Note : sur mesure et plus",
            ),
            (
                "type: x\ndescription: Un texte long\n    suivi : ici\n",
                "description",
                "Un texte long suivi : ici",
            ),
            (
                "titre: [Brouillon] Titre\ntype: x\n",
                "titre",
                "[Brouillon] Titre",
            ),
            (
                "titre: {Brouillon} Titre\ntype: x\n",
                "titre",
                "{Brouillon} Titre",
            ),
            (
                "titre: \"Le \"grand\" atelier\"\ntype: x\n",
                "titre",
                "Le \"grand\" atelier",
            ),
            (
                "titre: 'L'esprit du lieu'\ntype: x\n",
                "titre",
                "L'esprit du lieu",
            ),
        ];
        for (wrong, key, meant) in cases {
            let err = crate::load::yaml::parse(wrong, 0).expect_err(wrong);
            let crate::load::yaml::YamlErrorKind::Syntax(cause) = err.kind else {
                panic!("{wrong:?}: {:?}", err.kind);
            };
            let value = match cause {
                Cause::ColonInValue { key: k, value, .. }
                | Cause::TextAfterQuote { key: k, value }
                | Cause::QuoteInsideQuotes { key: k, value }
                | Cause::TextAfterBracket { key: k, value, .. } => {
                    assert_eq!(k, key, "{wrong:?}");
                    value
                }
                other => panic!("{wrong:?}: {other:?}"),
            };
            let line = format!("{key}: {}\n", crate::i18n::check::yaml_quoted(&value));
            let parsed = value_of(&line).expect(&line);
            assert_eq!(parsed, format!("{{{key}: Str({meant:?})}}"), "{wrong:?}");
        }
    }

    #[test]
    fn names_the_cause_where_it_is() {
        assert_eq!(
            cause("mots_cles:\n  - a\n\t- b\n"),
            (Cause::Tab, "\t".into())
        );
        assert_eq!(
            cause("a:\n  - x\n\u{a0} - b\n").0,
            Cause::Odd {
                odd: Odd::NoBreakSpace,
                ch: '\u{a0}'
            }
        );
        assert_eq!(
            cause("titre:Écoute\nstatut: adopte\n"),
            (
                Cause::NoSpaceAfterColon {
                    key: "titre".into()
                },
                ":".into()
            )
        );
        assert!(matches!(
            cause("titre: Écoute: la base\nstatut: a\n").0,
            Cause::ColonInValue { .. }
        ));
        assert_eq!(
            cause("titre: \"Écoute\nstatut: a\n").0,
            Cause::UnclosedQuote { quote: '"' }
        );
        assert_eq!(
            cause("liens: [a, b\nstatut: a\n").0,
            Cause::UnclosedBracket { open: '[' }
        );
        assert_eq!(
            cause("titre:\u{a0}Écoute\nstatut: a\n"),
            (
                Cause::OddAfterColon {
                    key: "titre".into(),
                    odd: Odd::NoBreakSpace,
                    ch: '\u{a0}'
                },
                "\u{a0}".into()
            )
        );
        // A `{` left open is named as a `[` is, at its place, whatever follows (issue 16).
        for (open, close) in [('{', '}'), ('[', ']')] {
            let item = if open == '{' {
                "membre: amadou, depuis: 2016-01-15 "
            } else {
                "amadou, claire "
            };
            for after in [
                "resume: x\n",
                "  - {membre: lea}\n",
                "  - [lea]\nresume: x\n",
                "",
            ] {
                let text = format!("titre: x\nextra:\n  - {open} {item}\n{after}");
                let (cause, span) = cause(&text);
                assert_eq!(cause, Cause::UnclosedBracket { open }, "{text:?} ({close})");
                assert_eq!(span, open.to_string(), "{text:?}");
            }
            let text = format!("titre: x\nextra: {open} {item}\nresume: x\n");
            assert_eq!(cause(&text).0, Cause::UnclosedBracket { open }, "{text:?}");
        }
        // Text after a flow list's `]`, a tab before it or not (issue 16).
        for (text, tab) in [
            ("plans: [a, b]\tjuridique\ntitre: x\n", true),
            ("plans: [a]\t[b]\ntitre: x\n", true),
            ("plans: [a, b] juridique\ntitre: x\n", false),
        ] {
            let (found, _) = cause(text);
            assert!(
                matches!(found, Cause::TextAfterBracket { ref key, close: ']', tab: t, .. } if key == "plans" && t == tab),
                "{text:?}: {found:?}"
            );
        }
        // Before a nested block, at the key's line, not the block's (issue 16).
        for text in [
            "titre: A\njalons:\u{a0}\n  - date: 2013\n    titre: B\n  - date: 2014\n    titre: C\n",
            "jalons:\u{a0}\n- date: 2013\n  titre: B\n",
            "titre: A\nmots_cles:\u{a0}\n  - a\n  - b\n",
        ] {
            let (found, shown) = cause(text);
            assert!(
                matches!(
                    found,
                    Cause::OddAfterColon {
                        odd: Odd::NoBreakSpace,
                        ..
                    }
                ),
                "{text:?}: {found:?}"
            );
            assert_eq!(shown, "\u{a0}", "{text:?}");
        }
        assert_eq!(
            cause("titre: \"Transparence\" des processus\nstatut: a\n"),
            (
                Cause::TextAfterQuote {
                    key: "titre".into(),
                    value: "\"Transparence\" des processus".into()
                },
                "d".into()
            )
        );
        assert_eq!(
            cause("a: 1\ntitre: \"Création\nb: 2\nc: \"x\"\nd: 3\n"),
            (Cause::UnclosedQuote { quote: '"' }, "\"".into())
        );
        assert_eq!(
            cause("  resume: a  # b\ntitre: c\nd: e\n").0,
            Cause::Indentation {
                above: None,
                spaces: 0,
                fixed: "resume: a".into(),
                block: Some(Box::new(Block::Top)),
                has: 2,
            }
        );
        // Brackets and apostrophes of plain text are no YAML (round 7 M1).
        assert!(matches!(
            cause("resume: Voir [l'histoire](h.md) : tout\nb: c\n").0,
            Cause::ColonInValue { .. }
        ));
        // Typographic quotes are named and left out of the fix (round 7 M8).
        assert_eq!(
            cause("resume: « Écoute : la base »\nb: c\n").0,
            Cause::ColonInValue {
                key: "resume".into(),
                value: "Écoute : la base".into(),
                quotes: Some("« »".into())
            }
        );
        // A dash glued to a key, in a list (round 7 M5).
        assert_eq!(
            cause("jalons:\n  - date: 2011\n    titre: A\n  -date: 2013\n    titre: B\n"),
            (
                Cause::GluedDash {
                    key: "date".into(),
                    fixed: "- date: 2013".into(),
                    in_list: true
                },
                "-".into()
            )
        );
        // A trailing comment is never the cause, and stays out of the fix.
        assert_eq!(
            cause("titre: a\nstatut: adopte\n  adopte_le: 2025-01-01   # du vote\nc: d\n"),
            (
                Cause::Indentation {
                    above: Some("statut".into()),
                    spaces: 0,
                    fixed: "adopte_le: 2025-01-01".into(),
                    block: None,
                    has: 2,
                },
                "a".into()
            )
        );
        assert_eq!(
            cause("r:\n  - alex  # moi\n - bea # toi\n").0,
            Cause::Indentation {
                above: None,
                spaces: 2,
                fixed: "  - bea".into(),
                block: Some(Box::new(Block::Under { key: "r".into() })),
                has: 1,
            }
        );
        assert!(matches!(
            cause("titre: Écoute  # le titre\n statut: adopte\nb: c\n").0,
            Cause::Indentation { spaces: 0, .. }
        ));
        assert_eq!(
            cause("mots_cles: [#confiance, b]\n").0,
            Cause::Comment {
                value: "#confiance".into()
            }
        );
    }
}
