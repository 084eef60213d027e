//! Terminal control sequences out of the document. A text copied from a terminal or
//! produced by a script can carry `ESC [31m` colours or `ESC ]0;…` window titles; printed
//! back on the user's terminal (the summary) or kept in a file, they recolour, retitle or
//! hide text, they make a heading unrecognisable (`Raison d’être ESC[0m`) and a member's
//! file name strange. They are not content: each sequence (ECMA-48: CSI, OSC and the other
//! escapes) and every other control character but the tab and the line break goes, and the
//! report counts them.

/// `text` without control characters or escape sequences, and how many were removed.
pub fn strip(text: &str) -> (String, usize) {
    if !text.chars().any(is_control) {
        return (text.to_string(), 0);
    }
    let mut out = String::with_capacity(text.len());
    let mut removed = 0;
    let mut chars = text.chars().peekable();
    while let Some(c) = chars.next() {
        if !is_control(c) {
            out.push(c);
            continue;
        }
        removed += 1;
        match (c, chars.peek()) {
            ('\u{1b}', Some('[')) | ('\u{9b}', _) => csi(&mut chars),
            ('\u{1b}', Some(']' | 'P' | '_' | '^' | 'X')) | ('\u{9d}' | '\u{90}', _) => {
                string(&mut chars);
            }
            // A two-character escape (`ESC c`, `ESC 7`…): its final character goes too.
            ('\u{1b}', Some(n)) if !n.is_control() && *n != '\n' => {
                chars.next();
            }
            _ => {}
        }
    }
    (out, removed)
}

/// A control character that is not a tab or a line break.
fn is_control(c: char) -> bool {
    c.is_control() && c != '\n' && c != '\t'
}

/// A Control Sequence: `[`, parameters and intermediates (0x20–0x3F), a final byte
/// (0x40–0x7E). Stops at anything else, which is kept.
fn csi(chars: &mut std::iter::Peekable<std::str::Chars<'_>>) {
    if chars.peek() == Some(&'[') {
        chars.next();
    }
    while let Some(&n) = chars.peek() {
        match n {
            '\u{20}'..='\u{3f}' => {
                chars.next();
            }
            '\u{40}'..='\u{7e}' => {
                chars.next();
                return;
            }
            _ => return,
        }
    }
}

/// A control string (OSC, DCS…): through its terminator, BEL or `ESC \` (String
/// Terminator), or the end of the line when it has none.
fn string(chars: &mut std::iter::Peekable<std::str::Chars<'_>>) {
    while let Some(&n) = chars.peek() {
        match n {
            '\n' => return,
            '\u{7}' | '\u{9c}' => {
                chars.next();
                return;
            }
            '\u{1b}' => {
                chars.next();
                if chars.peek() == Some(&'\\') {
                    chars.next();
                }
                return;
            }
            _ => {
                chars.next();
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use proptest::prelude::*;

    #[test]
    fn colours_titles_and_lone_controls_go() {
        let (text, n) =
            strip("Raison d’être \u{1b}[1;31mrouge\u{1b}[0m\u{1b}]0;titre\u{7} fin\u{0}\u{85}.");
        assert_eq!(text, "Raison d’être rouge fin.");
        assert_eq!(n, 5);
        assert_eq!(
            strip("a\u{1b}]8;;https://x\u{1b}\\lien\u{1b}]8;;\u{1b}\\b").0,
            "alienb"
        );
        assert_eq!(strip("a\u{1b}cb\u{9b}2Jc").0, "abc");
        assert_eq!(strip("Titre\u{1b}]0;jamais fermé\nSuite").0, "Titre\nSuite");
        assert_eq!(strip("Tab\tet\nligne"), ("Tab\tet\nligne".to_string(), 0));
    }

    proptest! {
        /// Whatever the text, no control character but tab and line break is left, every
        /// line break stays, and a text without controls is unchanged.
        #[test]
        fn no_control_is_left_and_lines_stay(text in "(\\PC|[\\x00-\\x1f\\x7f-\\x9f]|\u{1b}\\[[0-9;]*m){0,60}") {
            let (out, removed) = strip(&text);
            prop_assert!(!out.chars().any(is_control), "{out:?}");
            prop_assert_eq!(out.matches('\n').count(), text.matches('\n').count());
            if !text.chars().any(is_control) {
                prop_assert_eq!(&out, &text);
                prop_assert_eq!(removed, 0);
            }
        }
    }
}
