//! Which lines of a Markdown text are fenced code, by CommonMark's rule (spec 0.31, 4.5):
//! a fence is three or more backticks or tildes after at most three spaces (a backtick
//! fence's info string holds no backtick); it is closed by a line of the same character,
//! at least as long, after at most three spaces and followed only by spaces or tabs; one
//! never closed runs to the end of the text. The line scanners (`table_rows`, `check`'s
//! invisible characters) leave those lines as written, as the renderer shows them.
//! Containers are not followed: a fence inside a block quote (`> ```) is not seen.

/// One line of a text: its bytes (line ending included), where it starts, and whether it
/// is fenced code (its opening and closing fences included).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Line<'a> {
    pub text: &'a str,
    pub offset: usize,
    pub fenced: bool,
}

/// The lines of `text` with their offsets, each marked fenced or not.
pub fn fenced_lines(text: &str) -> impl Iterator<Item = Line<'_>> {
    let mut open: Option<(char, usize)> = None;
    let mut offset = 0;
    text.split_inclusive('\n').map(move |line| {
        let here = offset;
        offset += line.len();
        let fenced = match open {
            Some((c, len)) => {
                if closes(line, c, len) {
                    open = None;
                }
                true
            }
            None => {
                open = opening(line);
                open.is_some()
            }
        };
        Line {
            text: line,
            offset: here,
            fenced,
        }
    })
}

/// At most three spaces of indentation, then the rest of the line (without its ending).
fn after_indent(line: &str) -> Option<&str> {
    let line = line.trim_end_matches(['\n', '\r']);
    let rest = line.trim_start_matches(' ');
    (line.len() - rest.len() <= 3).then_some(rest)
}

/// The fence character and length when `line` opens fenced code.
fn opening(line: &str) -> Option<(char, usize)> {
    let rest = after_indent(line)?;
    let c = rest.chars().next().filter(|c| matches!(c, '`' | '~'))?;
    let len = rest.len() - rest.trim_start_matches(c).len();
    let info = &rest[len..];
    (len >= 3 && !(c == '`' && info.contains('`'))).then_some((c, len))
}

/// Whether `line` closes fenced code opened by `len` times `c`.
fn closes(line: &str, c: char, len: usize) -> bool {
    let Some(rest) = after_indent(line) else {
        return false;
    };
    let run = rest.len() - rest.trim_start_matches(c).len();
    run >= len && rest[run..].trim_matches([' ', '\t']).is_empty()
}

#[cfg(test)]
mod tests {
    use super::*;

    /// The fenced lines of `text`, numbered from 0.
    fn fenced(text: &str) -> Vec<usize> {
        fenced_lines(text)
            .enumerate()
            .filter(|(_, l)| l.fenced)
            .map(|(i, _)| i)
            .collect()
    }

    #[test]
    fn backticks_and_tildes_open_and_close() {
        assert_eq!(fenced("a\n```\nx\n```\nb\n"), [1, 2, 3]);
        assert_eq!(fenced("a\n~~~\nx\n~~~\nb\n"), [1, 2, 3]);
        assert_eq!(fenced("```rust\nx\n```"), [0, 1, 2]);
    }

    #[test]
    fn only_the_same_character_at_least_as_long_closes() {
        // A shorter fence, or the other character, is content.
        assert_eq!(fenced("````\n```\nx\n````\nb"), [0, 1, 2, 3]);
        assert_eq!(fenced("```\n~~~\nx\n```\nb"), [0, 1, 2, 3]);
        assert_eq!(fenced("~~~\n```\n~~~~~\nb"), [0, 1, 2]);
        // Text after a closing fence makes it content.
        assert_eq!(fenced("```\n``` x\n```\nb"), [0, 1, 2]);
        assert_eq!(fenced("```\n```  \t\nb"), [0, 1]);
    }

    #[test]
    fn indentation_of_four_spaces_is_no_fence() {
        assert_eq!(fenced("   ```\nx\n   ```\nb"), [0, 1, 2]);
        assert!(fenced("    ```\nx\n    ```\nb").is_empty());
        // Nor does it close one.
        assert_eq!(fenced("```\n    ```\nx"), [0, 1, 2]);
    }

    #[test]
    fn a_backtick_fence_info_holds_no_backtick() {
        assert!(fenced("``` a`b\nx\n").is_empty());
        assert_eq!(fenced("~~~ a`b\nx\n~~~\n"), [0, 1, 2]);
        assert!(fenced("``\nx\n``\n").is_empty());
    }

    #[test]
    fn an_unclosed_fence_runs_to_the_end_and_offsets_add_up() {
        assert_eq!(fenced("a\r\n```\r\nx\r\n"), [1, 2]);
        let lines: Vec<Line> = fenced_lines("ab\n```\nc").collect();
        assert_eq!(
            lines.iter().map(|l| l.offset).collect::<Vec<_>>(),
            [0, 3, 7]
        );
        assert_eq!(lines[2].text, "c");
    }
}
