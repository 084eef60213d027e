//! The terminal: what the content says is shown, never interpreted. A terminal acts on
//! ECMA-48 control functions — CSI sequences that clear the screen or move the cursor,
//! OSC sequences that retitle the window or hide a hyperlink behind text (OSC 8), BEL,
//! backspace and carriage return that overwrite what was printed — and on the bidirectional
//! overrides that reorder it. Every one of those [`super::is_control`] characters is
//! written visibly (`\u{1b}`, see [`super::shown_char`]) by [`shown`], which `cmd::out::print`
//! and `cmd::out::eprint` apply to everything a command writes; `\n` and `\t` pass, since our
//! own output is made of lines and the content's tabs are harmless.
//!
//! Our own colours must survive that one pass, and a colour a title asks for must not. So
//! [`paint`] does not write escape sequences: it writes a mark, a noncharacter (U+FDD0,
//! "reserved for internal use" by Unicode) followed by a key drawn at random when the
//! process starts, which no content written beforehand can know. [`shown`] turns marks
//! bearing the key into SGR sequences and shows everything else, a forged mark included.

use std::borrow::Cow;
use std::sync::OnceLock;

use super::{is_control, shown_char};

/// A style of our own output.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Style {
    Red,
    Green,
    Yellow,
    Bold,
}

impl Style {
    /// Its SGR parameters (ECMA-48 §8.3.117).
    fn sgr(self) -> &'static str {
        match self {
            Style::Red => "31",
            Style::Green => "32",
            Style::Yellow => "33",
            Style::Bold => "1",
        }
    }
}

/// Starts and ends a mark; the key and the SGR parameters lie between.
const MARK_OPEN: char = '\u{FDD0}';
const MARK_CLOSE: char = '\u{FDD1}';

/// The key of this process's marks: 16 hexadecimal digits from std's per-process random
/// hasher seed (drawn from the operating system's generator).
fn key() -> &'static str {
    static KEY: OnceLock<String> = OnceLock::new();
    KEY.get_or_init(|| {
        use std::hash::{BuildHasher, RandomState};
        let random = RandomState::new().hash_one(std::process::id());
        format!("{random:016x}")
    })
}

/// A mark for the SGR parameters `params` (digits and `;` only).
fn mark(params: &str) -> String {
    format!("{MARK_OPEN}{}{params}{MARK_CLOSE}", key())
}

/// `text` in `style`, for a terminal: the style takes effect only once the text goes
/// through [`shown`] (that is, through `cmd::out::print`). Empty text stays empty.
pub fn paint(style: Style, text: &str) -> String {
    if text.is_empty() {
        return String::new();
    }
    format!("{}{text}{}", mark(style.sgr()), mark("0"))
}

/// Replaces the SGR sequences (`ESC [ params m`) of a text we rendered ourselves with marks,
/// so that they survive [`shown`]. Only for text whose every piece of content went through
/// [`shown`] or [`one_line`] first (the diagnostics reporter's output, made by miette): any
/// other escape sequence is left as it is, and shown.
pub fn keep_our_styles(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    let mut rest = text;
    while let Some(at) = rest.find("\u{1b}[") {
        out.push_str(&rest[..at]);
        let after = &rest[at + 2..];
        let len = after
            .find(|c: char| !(c.is_ascii_digit() || c == ';'))
            .unwrap_or(after.len());
        if after[len..].starts_with('m') {
            out.push_str(&mark(&after[..len]));
            rest = &after[len + 1..];
        } else {
            out.push('\u{1b}');
            rest = &rest[at + 1..];
        }
    }
    out.push_str(rest);
    out
}

/// The older form of GitHub's workflow commands, which the runner looks for anywhere in a
/// line of a job's output (`ActionCommand.TryParse` of actions/runner): `##[error]…` makes
/// an annotation, `##[add-mask]…` hides text of the log. Azure Pipelines' logging
/// commands (`##vso[task.setvariable …]`) are found the same way. Never part of our own
/// output.
const RUNNER_COMMANDS: [&str; 2] = ["##[", "##vso["];

/// What every one of [`RUNNER_COMMANDS`] starts with, and how it is shown: a word joiner
/// (U+2060, invisible) between the two `#`.
const RUNNER_COMMAND: &str = "##";
const RUNNER_COMMAND_SHOWN: &str = "#\u{2060}#";

/// Whether `text` starts with one of [`RUNNER_COMMANDS`].
fn starts_a_runner_command(text: &str) -> bool {
    RUNNER_COMMANDS.iter().any(|c| text.starts_with(c))
}

/// Whether `text` holds one of [`RUNNER_COMMANDS`].
fn holds_a_runner_command(text: &str) -> bool {
    RUNNER_COMMANDS.iter().any(|c| text.contains(c))
}

/// `text` with every one of [`RUNNER_COMMANDS`] broken as [`shown`] breaks it: for the channels
/// that do not go through [`shown`] but may be printed in a CI log (CSV).
pub fn without_runner_commands(text: &str) -> Cow<'_, str> {
    if !holds_a_runner_command(text) {
        return Cow::Borrowed(text);
    }
    let mut out = String::with_capacity(text.len() + 8);
    let mut rest = text;
    while let Some(c) = rest.chars().next() {
        if starts_a_runner_command(rest) {
            out.push_str(RUNNER_COMMAND_SHOWN);
            rest = &rest[RUNNER_COMMAND.len()..];
            continue;
        }
        out.push(c);
        rest = &rest[c.len_utf8()..];
    }
    Cow::Owned(out)
}

/// The text as a terminal may receive it: every [`super::is_control`] character except
/// `\n` and `\t` written visibly, `##[` broken by a word joiner so that a CI runner does
/// not take it for a command ([`RUNNER_COMMANDS`]), and our own marks (from [`paint`])
/// turned into SGR sequences. Idempotent on text without marks.
pub fn shown(text: &str) -> Cow<'_, str> {
    match without_runner_commands(text) {
        Cow::Borrowed(text) => with_controls_shown(text),
        Cow::Owned(text) => Cow::Owned(with_controls_shown(&text).into_owned()),
    }
}

/// GitHub's workflow commands (`::error::…`, `::add-mask::…`) are read at the start of a
/// line of a job's output, once the runner has trimmed the line's leading white space
/// (actions/runner, `ActionCommand.TryParse`). Our own human output never starts a line
/// so, but text we wrap can: a value `a ::add-mask::b` cut before its `::` (miette wraps
/// messages and helps to the terminal's width). This breaks each such `::` with a word
/// joiner (U+2060, invisible, not white space) as [`shown`] breaks `##[`. Leading white
/// space and SGR sequences (our colours) are looked through.
pub fn no_line_opens_a_workflow_command(text: &str) -> Cow<'_, str> {
    fn opens(line: &str) -> Option<usize> {
        let mut rest = line;
        loop {
            let trimmed = rest.trim_start();
            if let Some(after) = trimmed.strip_prefix("\u{1b}[") {
                let end = after.find(|c: char| !(c.is_ascii_digit() || c == ';'))?;
                rest = after[end..].strip_prefix('m')?;
                continue;
            }
            return trimmed
                .starts_with("::")
                .then(|| line.len() - trimmed.len());
        }
    }
    if !text.lines().any(|line| opens(line).is_some()) {
        return Cow::Borrowed(text);
    }
    let mut out = String::with_capacity(text.len() + 16);
    for line in text.split_inclusive('\n') {
        match opens(line) {
            Some(at) => {
                out.push_str(&line[..at + 1]);
                out.push('\u{2060}');
                out.push_str(&line[at + 1..]);
            }
            None => out.push_str(line),
        }
    }
    Cow::Owned(out)
}

/// [`shown`] once the runner commands are broken: controls shown, marks applied.
fn with_controls_shown(text: &str) -> Cow<'_, str> {
    if !text.chars().any(|c| needs_care(c, true)) {
        return Cow::Borrowed(text);
    }
    let mut out = String::with_capacity(text.len() + 16);
    let mut rest = text;
    while let Some(c) = rest.chars().next() {
        if c == MARK_OPEN {
            if let Some((params, after)) = our_mark(rest) {
                out.push_str(&format!("\u{1b}[{params}m"));
                rest = after;
                continue;
            }
        }
        if needs_care(c, true) {
            shown_char(c, &mut out);
        } else {
            out.push(c);
        }
        rest = &rest[c.len_utf8()..];
    }
    Cow::Owned(out)
}

/// A value shown on one line (a title in a listing, an author name, a file name, a
/// diagnostic's message): as [`shown`], and its line breaks written `\n` so that it
/// cannot start a line of its own (and pass for a line of ours, such as a verdict, or for
/// a CI runner's command, such as GitHub's `::error::` or `::add-mask::`). Every value the
/// content supplies goes through here before it is placed in our lines. Marks are shown,
/// not applied: paint after.
pub fn one_line(value: &str) -> Cow<'_, str> {
    super::rewrite(value, |c| needs_care(c, false), shown_char)
}

/// Whether `c` cannot be written as it is; `\n` passes when `lines` allows it. The mark
/// characters are always looked at, so that a forged one is shown. LINE SEPARATOR and
/// PARAGRAPH SEPARATOR (U+2028, U+2029) end a line for JavaScript and some log viewers,
/// and are never part of our own output: shown, like the controls (NEL, U+0085, is one),
/// and like the invisible characters ([`super::is_invisible`]) that would make two words
/// that look the same differ in a review.
fn needs_care(c: char, lines: bool) -> bool {
    match c {
        '\t' => false,
        '\n' => !lines,
        MARK_OPEN | MARK_CLOSE => true,
        // The word joiner (U+2060) is what breaks a runner command ([`shown`]): it stays,
        // so that showing twice changes nothing.
        c => {
            is_control(c)
                || super::is_line_separator(c)
                || (super::is_invisible(c) && c != '\u{2060}')
        }
    }
}

/// The SGR parameters of one of our marks at the start of `text`, and what follows it.
fn our_mark(text: &str) -> Option<(&str, &str)> {
    let body = text.strip_prefix(MARK_OPEN)?.strip_prefix(key())?;
    let end = body.find(MARK_CLOSE)?;
    let params = &body[..end];
    params
        .chars()
        .all(|c| c.is_ascii_digit() || c == ';')
        .then(|| (params, &body[end + MARK_CLOSE.len_utf8()..]))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn controls_are_shown_and_lines_kept() {
        assert_eq!(
            shown("a\u{1b}[2Jb\u{7}c\u{8}d\re\u{9b}f\u{202e}g\n\th"),
            "a\\u{1b}[2Jb\\u{7}c\\u{8}d\\re\\u{9b}f\\u{202e}g\n\th"
        );
        assert!(matches!(shown("plain\ttext\n"), Cow::Borrowed(_)));
        assert_eq!(one_line("a\nb\r\n"), "a\\nb\\r\\n");
        assert_eq!(
            one_line("a\u{85}b\u{2028}c\u{2029}d\u{b}e\u{c}"),
            "a\\u{85}b\\u{2028}c\\u{2029}d\\u{b}e\\u{c}"
        );
        assert_eq!(shown("a\u{2028}b\n"), "a\\u{2028}b\n");
    }

    #[test]
    fn our_colours_survive_and_forged_ones_do_not() {
        let ours = paint(Style::Red, "rouge");
        assert_eq!(shown(&ours), "\u{1b}[31mrouge\u{1b}[0m");
        let forged = format!("{MARK_OPEN}0000000000000000{}31{MARK_CLOSE}x", "");
        let out = shown(&forged);
        assert!(
            !out.contains('\u{1b}') && out.contains("\\u{fdd0}"),
            "{out}"
        );
        // A title holding a real mark's text is shown, since it went through `one_line`
        // (or `shown`) before being painted.
        let title = format!("{}evil", mark("8"));
        let painted = paint(Style::Bold, &one_line(&title));
        assert_eq!(shown(&painted).matches('\u{1b}').count(), 2);
    }

    #[test]
    fn miette_styles_are_kept_and_nothing_else() {
        let kept = keep_our_styles("\u{1b}[38;5;196m×\u{1b}[0m \u{1b}]8;;x\u{7}");
        assert_eq!(
            shown(&kept),
            "\u{1b}[38;5;196m×\u{1b}[0m \\u{1b}]8;;x\\u{7}"
        );
    }

    #[test]
    fn shown_is_idempotent() {
        let once = shown("\u{1b}]0;title\u{7}\u{202e} ###[x").into_owned();
        assert_eq!(shown(&once), once);
    }

    /// However text is wrapped, no line opens with `::` once the runner trims it, colours
    /// and white space included; other lines are kept as they are.
    #[test]
    fn no_line_opens_a_workflow_command_after_wrapping() {
        let text = "  help: a\n   ::add-mask::x\n\u{1b}[36m \u{1b}[1m::error::y\nok :: z\n::";
        let out = no_line_opens_a_workflow_command(text);
        for line in out.lines() {
            let mut rest = line.trim_start();
            while let Some(after) = rest.strip_prefix("\u{1b}[") {
                rest = after[after.find('m').expect("SGR") + 1..].trim_start();
            }
            assert!(!rest.starts_with("::"), "{line:?}");
        }
        assert_eq!(out.replace('\u{2060}', ""), text);
        assert!(matches!(
            no_line_opens_a_workflow_command("a ::b\n"),
            Cow::Borrowed(_)
        ));
    }

    /// A title `##[error]Forged` cannot reach a CI runner's log as a command, wherever it
    /// stands in the line, and every other `#` passes (`## Titre`, `#1`).
    #[test]
    fn a_runner_command_is_broken() {
        for hostile in [
            "##[error]x",
            "titre: a ##[add-mask]secret",
            "###[warning]",
            "##[##[",
        ] {
            let out = shown(hostile);
            assert!(!out.contains("##[") && !out.contains("##vso["), "{out}");
            assert_eq!(out.replace('\u{2060}', ""), hostile);
        }
        assert!(matches!(shown("## Titre #1 [x] ##vso"), Cow::Borrowed(_)));
        assert_eq!(
            without_runner_commands("a ##vso[x] ##[y]"),
            "a #\u{2060}#vso[x] #\u{2060}#[y]"
        );
    }
}
