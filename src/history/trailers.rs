//! Commit-message trailers read exactly as `git interpret-trailers --parse` reads them
//! (git's `trailer.c`, default configuration): the message ends at a `---` divider or at
//! the scissors line (`# ------------------------ >8 ------------------------`), trailing
//! comments and blank lines are ignored, the title is never a trailer, and the trailers are
//! the last paragraph when all its lines are `Key: value` (or when at least a quarter are
//! and one is git's own `Signed-off-by: ` or `(cherry picked from commit `). Continuation
//! lines (starting with a space or tab) are unfolded into their trailer.
//!
//! `Décision:` (the accented spelling the tool itself prints in French) is read as
//! `Decision:`. A `Decision:` whose value has no letter or digit (empty, invisible
//! characters only) is no decision.

/// git's `isspace`: space, tab, line feed, carriage return (not form feed or vertical tab).
fn is_space(b: u8) -> bool {
    matches!(b, b' ' | b'\t' | b'\n' | b'\r')
}

const COMMENT: u8 = b'#';
const SCISSORS: &str = "# ------------------------ >8 ------------------------\n";
const GIT_GENERATED: [&str; 2] = ["Signed-off-by: ", "(cherry picked from commit "];

/// The trailers of `message`, in order, as `(key, value)` (keys as written, values
/// trimmed and unfolded): what `git interpret-trailers --parse` prints, one `key: value`
/// per line.
pub fn parse(message: &str) -> Vec<(String, String)> {
    let mut text = read_accented_key(message).into_owned();
    if !text.is_empty() && !text.ends_with('\n') {
        // As git completes the last line of its input (`strbuf_complete_line`).
        text.push('\n');
    }
    let buf = text.as_bytes();
    let end = end_of_log_message(buf);
    let start = trailer_block_start(buf, end);
    let mut trailers: Vec<String> = Vec::new();
    let mut last_is_trailer = false;
    for line in split_lines(&buf[start..end]) {
        let line = String::from_utf8_lossy(line).into_owned();
        if last_is_trailer && line.bytes().next().is_some_and(is_space) {
            if let Some(previous) = trailers.last_mut() {
                previous.push_str(&line);
            }
            continue;
        }
        last_is_trailer = separator(line.as_bytes()).is_some_and(|p| p >= 1);
        trailers.push(line);
    }
    trailers
        .iter()
        .filter(|t| !t.starts_with(COMMENT as char))
        .filter_map(|t| {
            let sep = separator(t.as_bytes()).filter(|p| *p >= 1)?;
            let key = trim(&t[..sep]).to_string();
            Some((key, unfold(&t[sep + 1..])))
        })
        .collect()
}

/// The values of the `Decision:` trailers (any case; `Décision:` too), those that name
/// nothing left out: a value with no letter or digit (empty, or only spaces, invisible
/// characters such as U+200B or U+2060, or punctuation) records no decision.
pub fn decisions(message: &str) -> Vec<String> {
    parse(message)
        .into_iter()
        .filter(|(key, value)| {
            key.eq_ignore_ascii_case("decision") && value.chars().any(char::is_alphanumeric)
        })
        .map(|(_, value)| value)
        .collect()
}

/// The message with every line keyed `Décision` (any case, composed or decomposed accent)
/// keyed `Decision`, so that git's rules (ASCII keys only) apply to it unchanged.
fn read_accented_key(message: &str) -> std::borrow::Cow<'_, str> {
    let accented = |line: &str| {
        let lower = line.to_lowercase();
        ["décision", "de\u{301}cision"]
            .iter()
            .find(|k| {
                lower
                    .strip_prefix(**k)
                    .is_some_and(|rest| rest.trim_start_matches([' ', '\t']).starts_with(':'))
            })
            .map(|k| k.len())
    };
    if !message.lines().any(|l| accented(l).is_some()) {
        return std::borrow::Cow::Borrowed(message);
    }
    let mut out = String::with_capacity(message.len());
    for line in message.split_inclusive('\n') {
        match accented(line) {
            // Lowercasing `É`/`é` keeps their length, so the key's bytes are the same.
            Some(len) if line.is_char_boundary(len) => {
                out.push_str("Decision");
                out.push_str(&line[len..]);
            }
            _ => out.push_str(line),
        }
    }
    std::borrow::Cow::Owned(out)
}

/// Lines of `buf`, each with its `\n` (the last one may lack it).
fn split_lines(buf: &[u8]) -> impl Iterator<Item = &[u8]> {
    buf.split_inclusive(|&b| b == b'\n')
}

/// The start of the line after the one starting at `at`.
fn next_line(buf: &[u8], at: usize) -> usize {
    buf[at..]
        .iter()
        .position(|&b| b == b'\n')
        .map_or(buf.len(), |p| at + p + 1)
}

/// The start of the last line of `buf[..len]` (a final `\n` belongs to it); `None` when
/// empty.
fn last_line(buf: &[u8], len: usize) -> Option<usize> {
    match len {
        0 => None,
        1 => Some(0),
        _ => Some(
            buf[..len - 1]
                .iter()
                .rposition(|&b| b == b'\n')
                .map_or(0, |p| p + 1),
        ),
    }
}

fn is_blank_line(buf: &[u8], at: usize) -> bool {
    buf[at..]
        .iter()
        .find(|&&b| !(b != b'\n' && is_space(b)))
        .is_none_or(|&b| b == b'\n')
}

/// Where the log message ends: before a `---` divider, then before the scissors line,
/// trailing comments and blank lines (git's `find_end_of_log_message`).
fn end_of_log_message(buf: &[u8]) -> usize {
    let mut end = buf.len();
    let mut at = 0;
    while at < buf.len() {
        if buf[at..].starts_with(b"---") && buf.get(at + 3).is_some_and(|&b| is_space(b)) {
            end = at;
            break;
        }
        at = next_line(buf, at);
    }
    end - ignored_bytes(buf, end)
}

/// git's `wt_status_locate_end`: where the scissors line starts, if before `len`.
fn scissors(buf: &[u8], len: usize) -> usize {
    if buf.starts_with(SCISSORS.as_bytes()) {
        return 0;
    }
    let pattern = format!("\n{SCISSORS}");
    match find(buf, pattern.as_bytes()) {
        Some(p) if p + 1 < len => p + 1,
        _ => len,
    }
}

fn find(hay: &[u8], needle: &[u8]) -> Option<usize> {
    hay.windows(needle.len()).position(|w| w == needle)
}

/// git's `ignored_log_message_bytes`: the trailing run of comment lines, empty lines and
/// an old-style `Conflicts:` block, and everything from the scissors line on. (As in
/// git, a run that starts at the very first byte does not count.)
fn ignored_bytes(buf: &[u8], len: usize) -> usize {
    let cutoff = scissors(buf, len);
    let (mut boc, mut bol, mut in_conflicts) = (0usize, 0usize, false);
    while bol < cutoff {
        let next = buf[bol..cutoff]
            .iter()
            .position(|&b| b == b'\n')
            .map_or(cutoff, |p| bol + p + 1);
        if buf[bol] == COMMENT || buf[bol] == b'\n' {
            if boc == 0 {
                boc = bol;
            }
        } else if buf[bol..].starts_with(b"Conflicts:\n") {
            in_conflicts = true;
            if boc == 0 {
                boc = bol;
            }
        } else if in_conflicts && buf[bol] == b'\t' {
        } else if boc != 0 {
            boc = 0;
            in_conflicts = false;
        }
        bol = next;
    }
    if boc != 0 {
        len - boc
    } else {
        len - cutoff
    }
}

/// git's `find_separator`: the position of `:` after a key of ASCII letters, digits and
/// `-` (spaces or tabs may come between them); `None` when the line is no `key: value`.
fn separator(line: &[u8]) -> Option<usize> {
    let mut whitespace = false;
    for (i, &c) in line.iter().enumerate() {
        if c == b':' {
            return Some(i);
        }
        if !whitespace && (c.is_ascii_alphanumeric() || c == b'-') {
            continue;
        }
        if i != 0 && (c == b' ' || c == b'\t') {
            whitespace = true;
            continue;
        }
        break;
    }
    None
}

/// git's `find_trailer_block_start` on `buf[..len]`: the start of the trailer block, or
/// `len` when there is none.
fn trailer_block_start(buf: &[u8], len: usize) -> usize {
    let mut s = 0;
    while s < len {
        if buf[s] != COMMENT && is_blank_line(buf, s) {
            break;
        }
        s = next_line(buf, s);
    }
    let end_of_title = s;
    let (mut only_spaces, mut recognized) = (true, false);
    let (mut trailers, mut others, mut continuations) = (0usize, 0usize, 0usize);
    let mut at = last_line(buf, len);
    while let Some(l) = at.filter(|l| *l >= end_of_title) {
        at = last_line(buf, l);
        let line = &buf[l..];
        if line.first() == Some(&COMMENT) {
            others += continuations;
            continuations = 0;
            continue;
        }
        if is_blank_line(buf, l) {
            if only_spaces {
                continue;
            }
            others += continuations;
            let accepted = (recognized && trailers * 3 >= others) || (trailers > 0 && others == 0);
            return if accepted { next_line(buf, l) } else { len };
        }
        only_spaces = false;
        if GIT_GENERATED.iter().any(|p| line.starts_with(p.as_bytes())) {
            trailers += 1;
            continuations = 0;
            recognized = true;
        } else if separator(line).is_some_and(|p| p >= 1) && !is_space(line[0]) {
            trailers += 1;
            continuations = 0;
        } else if is_space(line[0]) {
            continuations += 1;
        } else {
            others += 1 + continuations;
            continuations = 0;
        }
    }
    len
}

/// Trims git's whitespace at both ends.
fn trim(s: &str) -> &str {
    s.trim_matches(|c: char| c.is_ascii() && is_space(c as u8))
}

/// git's `unfold_value`: each line break and the whitespace after it become one space.
fn unfold(value: &str) -> String {
    let value = trim(value);
    let mut out = String::with_capacity(value.len());
    let mut chars = value.chars().peekable();
    while let Some(c) = chars.next() {
        if c == '\n' {
            while chars
                .peek()
                .is_some_and(|c| c.is_ascii() && is_space(*c as u8))
            {
                chars.next();
            }
            out.push(' ');
        } else {
            out.push(c);
        }
    }
    trim(&out).to_string()
}

#[cfg(test)]
mod tests {
    use super::{decisions, parse};

    fn pairs(list: &[(&str, &str)]) -> Vec<(String, String)> {
        list.iter()
            .map(|(k, v)| (k.to_string(), v.to_string()))
            .collect()
    }

    #[test]
    fn the_last_paragraph_holds_the_trailers() {
        let msg = "Adopt it\n\nBody.\n\nDecision: AG du 2024-03-01\nSigned-off-by: A <a@b>\n";
        assert_eq!(
            parse(msg),
            pairs(&[
                ("Decision", "AG du 2024-03-01"),
                ("Signed-off-by", "A <a@b>")
            ])
        );
        assert!(decisions("Decision: subject only").is_empty());
        assert!(decisions("Subject\n\nDecision: not last\n\nOther text.\n").is_empty());
        assert!(decisions("No trailer\n\nDecision is hard.\n").is_empty());
    }

    #[test]
    fn scissors_divider_comments_and_empty_values() {
        let cut =
            "S\n\nBody\n# ------------------------ >8 ------------------------\n\nDecision: x\n";
        assert!(decisions(cut).is_empty());
        assert!(decisions("S\n\n---\nDecision: after the divider\n").is_empty());
        assert!(decisions("S\n\nDecision:\nDecision:   \n").is_empty());
        // Invisible characters, a no-break space or punctuation alone name no decision.
        for nothing in ["\u{200b}\u{2060}", "\u{a0}", "\u{feff}", "-", "…", "\u{ad}"] {
            let msg = format!("S\n\nDecision: {nothing}\n");
            assert!(decisions(&msg).is_empty(), "{nothing:?}");
        }
        assert_eq!(decisions("S\n\nDecision: AG\u{a0}2024\n").len(), 1);
        assert_eq!(decisions("S\n\nDecision: a\n# a comment\n\n"), vec!["a"]);
    }

    #[test]
    fn continuation_lines_unfold_and_the_accent_is_the_same_key() {
        assert_eq!(
            decisions("S\n\nDecision: AG du\n  3 mars\nDécision : vote\nDE\u{301}CISION: b\n"),
            vec!["AG du 3 mars", "vote", "b"]
        );
    }
}
