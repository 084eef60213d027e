//! Splits a Markdown document into its YAML front matter and its body, by byte offsets in the
//! whole file, so that every later span counts lines from the top of the file.

use std::ops::Range;

/// Where the front matter and the body lie in the file.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Split {
    /// The YAML between the two `---` lines.
    pub yaml: Range<usize>,
    /// Start of the body, after the closing line.
    pub body: usize,
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub enum FrontMatterError {
    /// The file holds nothing but white space.
    Empty,
    /// The first line is not `---`; the span covers that line.
    Missing(Range<usize>),
    /// The first line is not `---`, but the file starts with YAML keys up to a lone `---`
    /// line (at byte `closing`): only the opening `---` was deleted. The span covers the
    /// first line.
    OpeningMissing(Range<usize>, usize),
    /// The opening `---` is never closed; the span covers the opening line.
    Unterminated(Range<usize>),
    /// No `---` closes it, but a line of four or more `-` (`----`) seems meant to; the
    /// span covers that line.
    TooManyDashes(Range<usize>),
    /// A delimiter line typed with dashes that look like `-` (`———`, `–––`, as a word
    /// processor turns `---` into); the span covers that line, `ch` is the first such dash.
    LookAlike(Range<usize>, char),
    /// The opening or closing `---` with an invisible character before, inside or after
    /// it (a zero-width space, a no-break space left by a paste); the span covers that
    /// character, `ch`.
    Invisible(Range<usize>, char),
}

/// Splits `text` (already without a byte-order mark).
pub fn split(text: &str) -> Result<Split, FrontMatterError> {
    if text.trim().is_empty() {
        return Err(FrontMatterError::Empty);
    }
    let mut lines = Lines { text, pos: 0 };
    let Some((first, after_first)) = lines.next() else {
        return Err(FrontMatterError::Empty);
    };
    if let Some(ch) = look_alike(&text[first.clone()]) {
        return Err(FrontMatterError::LookAlike(first, ch));
    }
    if let Some((at, ch)) = invisible_in_dashes(&text[first.clone()]) {
        let at = first.start + at;
        return Err(FrontMatterError::Invisible(at..at + ch.len_utf8(), ch));
    }
    if text[first.clone()].trim_end() != "---" {
        if let Some(closing) = keys_then_closing(text) {
            return Err(FrontMatterError::OpeningMissing(first, closing));
        }
        return Err(FrontMatterError::Missing(first));
    }
    let yaml_start = after_first;
    let mut long = None;
    for (line, next) in lines {
        let content = text[line.clone()].trim_end();
        if content == "---" || content == "..." {
            return Ok(Split {
                yaml: yaml_start..line.start,
                body: next,
            });
        }
        if let Some(ch) = look_alike(content) {
            return Err(FrontMatterError::LookAlike(line, ch));
        }
        if let Some((at, ch)) = invisible_in_dashes(content) {
            let at = line.start + at;
            return Err(FrontMatterError::Invisible(at..at + ch.len_utf8(), ch));
        }
        if long.is_none() && content.len() > 3 && content.bytes().all(|b| b == b'-') {
            long = Some(line);
        }
    }
    Err(long.map_or(
        FrontMatterError::Unterminated(first),
        FrontMatterError::TooManyDashes,
    ))
}

/// Whether a line reads as YAML: a `key:` (an identifier, then a space or nothing), an
/// indented line, a list item, a comment, a quoted or flow value's start.
fn yaml_like(s: &str) -> bool {
    s.starts_with([' ', '\t', '-', '#', '[', '{', '"', '\''])
        || s.split_once(':').is_some_and(|(k, v)| {
            !k.is_empty() && !k.contains(' ') && (v.is_empty() || v.starts_with([' ', '\t']))
        })
}

/// The start of the lone `---` line that closes a front matter whose opening line was
/// deleted: the file's first line is a `key: …` (an identifier), and every line before a
/// `---` reads as YAML (blank lines allowed, not before the first key).
fn keys_then_closing(text: &str) -> Option<usize> {
    let mut lines = Lines { text, pos: 0 };
    let (first, _) = lines.next()?;
    let is_key = text[first].split_once(':').is_some_and(|(k, v)| {
        !k.is_empty()
            && k.chars().all(|c| c.is_alphanumeric() || c == '_')
            && (v.is_empty() || v.starts_with([' ', '\t']))
    });
    if !is_key {
        return None;
    }
    for (line, _) in lines {
        let s = &text[line.clone()];
        if s.trim_end() == "---" {
            return Some(line.start);
        }
        if !s.trim().is_empty() && !yaml_like(s) {
            return None;
        }
    }
    None
}

/// The first invisible character (and its offset) of a line that, without them, is `---`.
fn invisible_in_dashes(line: &str) -> Option<(usize, char)> {
    let invisible = |c: char| {
        c != '\t' && super::odd::Odd::of(c, false).is_some() && c.is_whitespace()
            || matches!(
                c,
                '\u{200b}' | '\u{200c}' | '\u{200d}' | '\u{2060}' | '\u{feff}' | '\u{ad}'
            )
    };
    let kept: String = line.chars().filter(|&c| !invisible(c)).collect();
    (kept.trim_end() == "---")
        .then(|| line.char_indices().find(|&(_, c)| invisible(c)))
        .flatten()
}

/// The first look-alike dash of a line made of three or more dashes, some not `-`.
///
/// Word turns `---` into one em dash (`—`) and `--` into an en dash (`–`): a line of one or
/// two such dashes counts when it starts the line (indented, it is text of a block value).
fn look_alike(line: &str) -> Option<char> {
    let at_start = !line.starts_with(char::is_whitespace);
    let line = line.trim();
    let count = line.chars().count();
    let dashes = (count >= 3 || (count >= 1 && at_start))
        && line
            .chars()
            .all(|c| c == '-' || super::odd::Odd::of(c, false) == Some(super::odd::Odd::Dash));
    dashes.then(|| line.chars().find(|&c| c != '-')).flatten()
}

/// The first line of `yaml` (a front matter that did not parse, at byte `base` of its
/// file) that reads as prose rather than YAML: after a blank line, not indented, neither a
/// key, a list item nor a comment. A front matter whose closing `---` was forgotten runs
/// into the body until a `---` rule further down, and YAML then trips on the prose.
pub fn prose_start(yaml: &str, base: usize) -> Option<Range<usize>> {
    let lines = Lines { text: yaml, pos: 0 };
    let mut after_blank = false;
    for (line, _) in lines {
        let s = &yaml[line.clone()];
        if s.trim().is_empty() {
            after_blank = true;
            continue;
        }
        if after_blank && !yaml_like(s) {
            return Some(base + line.start..base + line.end);
        }
        after_blank = false;
    }
    None
}

/// Iterates over lines as (content range without the break, start of the next line);
/// `\n`, `\r\n` and `\r` all end a line.
struct Lines<'a> {
    text: &'a str,
    pos: usize,
}

impl Iterator for Lines<'_> {
    type Item = (Range<usize>, usize);

    fn next(&mut self) -> Option<Self::Item> {
        if self.pos >= self.text.len() {
            return None;
        }
        let bytes = self.text.as_bytes();
        let start = self.pos;
        let mut i = start;
        while i < bytes.len() && bytes[i] != b'\n' && bytes[i] != b'\r' {
            i += 1;
        }
        let next = match (bytes.get(i), bytes.get(i + 1)) {
            (Some(b'\r'), Some(b'\n')) => i + 2,
            (Some(_), _) => i + 1,
            (None, _) => i,
        };
        self.pos = next;
        Some((start..i, next))
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn splits_with_each_line_ending() {
        for nl in ["\n", "\r\n", "\r"] {
            let text = format!("---{nl}titre: A{nl}---{nl}Corps{nl}");
            let split = split(&text).expect("split");
            assert_eq!(text[split.yaml.clone()].trim_end(), "titre: A");
            assert_eq!(text[split.body..].trim_end(), "Corps");
        }
    }

    #[test]
    fn reports_missing_and_unterminated() {
        assert_eq!(split("  \n"), Err(FrontMatterError::Empty));
        assert_eq!(split("# Titre\n"), Err(FrontMatterError::Missing(0..7)));
        assert_eq!(
            split("---\ntitre: a\n"),
            Err(FrontMatterError::Unterminated(0..3))
        );
        assert_eq!(
            split("---\ntitre: a\n----\nCorps\n"),
            Err(FrontMatterError::TooManyDashes(13..17))
        );
    }

    /// Only the opening `---` deleted: the keys up to a lone `---` are named as a front
    /// matter missing its first line, whatever the keys (issue 16, truth17); a file
    /// starting with prose, or keys never closed by `---`, is a front matter missing.
    #[test]
    fn names_an_opening_line_deleted() {
        for keys in [
            "titre: A\n",
            "titre: A\nstatut: adopte\n",
            "titre: A\nmots_cles:\n  - a\n\n# note\nresume: >-\n  Un texte\n",
            "nom: Claire\ntype: personne\n",
        ] {
            for body in ["", "\nCorps.\n", "\nCorps.\n\n---\n\nSuite.\n"] {
                let text = format!("{keys}---\n{body}");
                let first = 0..text.find('\n').unwrap_or_default();
                assert_eq!(
                    split(&text),
                    Err(FrontMatterError::OpeningMissing(first, keys.len())),
                    "{text:?}"
                );
                // The hint followed: one `---` line at line 1 gives the keys as YAML.
                let fixed = format!("---\n{text}");
                let found = split(&fixed).expect("split");
                assert_eq!(&fixed[found.yaml], keys, "{fixed:?}");
            }
        }
        for text in [
            "Chez nous.\n---\n",
            "titre: A\nChez nous, tout.\n---\n",
            "titre: A\nstatut: b\n",
            "Note: voir plus bas\n\nUn texte.\n---\n",
            "# Titre\n---\n",
        ] {
            assert!(
                matches!(split(text), Err(FrontMatterError::Missing(_))),
                "{text:?}"
            );
        }
    }

    #[test]
    fn names_look_alike_dashes_and_prose() {
        assert_eq!(
            split("———\ntitre: a\n---\n"),
            Err(FrontMatterError::LookAlike(0..9, '—'))
        );
        assert_eq!(
            split("---\ntitre: a\n–––\nCorps\n"),
            Err(FrontMatterError::LookAlike(13..22, '–'))
        );
        // Word's autocorrect: `---` typed, one em dash saved; `--`, one en dash.
        assert_eq!(
            split("—\ntitre: a\n---\n"),
            Err(FrontMatterError::LookAlike(0..3, '—'))
        );
        assert_eq!(
            split("---\ntitre: a\n—\nCorps\n"),
            Err(FrontMatterError::LookAlike(13..16, '—'))
        );
        assert_eq!(
            split("---\ntitre: a\n–-\nCorps\n"),
            Err(FrontMatterError::LookAlike(13..17, '–'))
        );
        // Indented, a lone dash is a block value's text; the front matter closes later.
        assert!(split("---\ntexte: |\n  —\n---\nCorps\n").is_ok());
        let yaml = "titre: a\nstatut: b\n\nChez nous, tout est dit.\n\n## Suite\n";
        assert_eq!(prose_start(yaml, 4), Some(24..48));
        assert_eq!(prose_start("titre: a\n\nstatut: b\n", 0), None);
    }

    #[test]
    fn names_an_invisible_character_on_either_delimiter() {
        // Each invisible character, before, inside or after the dashes, opening or closing.
        for ch in [
            '\u{200b}', '\u{a0}', '\u{feff}', '\u{2060}', '\u{ad}', '\u{202f}',
        ] {
            for at in 0..=3 {
                let mut dashes = String::from("---");
                dashes.insert(at, ch);
                let opening = format!("{dashes}\ntitre: a\n---\nCorps\n");
                let found = split(&opening);
                assert_eq!(
                    found,
                    Err(FrontMatterError::Invisible(at..at + ch.len_utf8(), ch))
                );
                let closing = format!("---\ntitre: a\n{dashes}\nCorps\n\n---\nFin\n");
                let start = 13 + at;
                let found = split(&closing);
                // A special space after the closing dashes is trailing white space: the
                // line closes the front matter.
                if at == 3 && ch.is_whitespace() {
                    assert_eq!(found.map(|s| s.yaml), Ok(4..13));
                    continue;
                }
                let expected = FrontMatterError::Invisible(start..start + ch.len_utf8(), ch);
                assert_eq!(found, Err(expected), "{ch:?} at {at}");
            }
        }
    }

    #[test]
    fn empty_front_matter_and_no_body() {
        let split = split("---\n---").expect("split");
        assert_eq!(split.yaml, 4..4);
        assert_eq!(split.body, 7);
    }
}
