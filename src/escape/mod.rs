//! One escaping layer per output channel. Everything `codesocial` writes carries text that
//! a pull-request author or a partner organisation wrote — titles, names, commit messages,
//! file names — and each place that text lands reads some characters as instructions: a
//! terminal runs escape sequences, a spreadsheet runs formulas, a job summary renders
//! Markdown and HTML, an XML parser rejects a control character. Each channel has one
//! module here, applied where that channel is written, so that no command can forget it:
//!
//! | channel | function | applied in |
//! |---|---|---|
//! | terminal | [`terminal::shown`] (and [`terminal::one_line`] for a value on one line) | `cmd::out::print`, `cmd::out::eprint` and friends: every command's output |
//! | JSON on a terminal | [`json::pretty`] | `cmd::out::print_json` |
//! | CSV | [`csv::table`] | `catalogue --format csv` |
//! | Markdown | [`markdown::inline`], [`markdown::code`] | `diff --format markdown`, `bilan --format markdown` |
//! | XML 1.0 | [`xml::text`] | the site's `atom.xml` and `sitemap.xml` |
//! | GitHub workflow commands | [`workflow::data`], [`workflow::property`] | `check --format github` |
//!
//! The characters that are never passed to a terminal are [`is_control`]'s; `check` warns
//! about them wherever they appear in a document (`codesocial::texte::controle`).

use std::borrow::Cow;

pub mod csv;
pub mod json;
pub mod markdown;
pub mod terminal;
pub mod workflow;
pub mod xml;

/// Whether `c` is a character a terminal may act on instead of showing: the C0 controls
/// (U+0000–U+001F, `\n` and `\t` included), DEL (U+007F), the C1 controls (U+0080–U+009F,
/// among them the 8-bit CSI U+009B) — Unicode's general category `Cc` — and the
/// bidirectional embeddings, overrides and isolates (U+202A–U+202E, U+2066–U+2069) that
/// reorder what is shown ("Trojan Source", CVE-2021-42574).
pub fn is_control(c: char) -> bool {
    c.is_control() || is_bidi_control(c)
}

/// The characters that show nothing where they stand: zero-width space, non-joiner and
/// joiner, left-to-right and right-to-left marks (U+200B–U+200F), word joiner and the
/// invisible operators (U+2060–U+2064), the byte-order mark / zero-width no-break space
/// (U+FEFF), the soft hyphen (U+00AD) and the Mongolian vowel separator (U+180E). In a
/// review they make two identical-looking words differ, or hide what changed: shown, like
/// the controls, where a reviewer reads what the content says (the terminal, job summaries).
pub fn is_invisible(c: char) -> bool {
    matches!(
        c,
        '\u{200B}'..='\u{200F}' | '\u{2060}'..='\u{2064}' | '\u{FEFF}' | '\u{AD}' | '\u{180E}'
    )
}

/// LINE SEPARATOR and PARAGRAPH SEPARATOR (U+2028, U+2029): not controls, but line
/// breaks for JavaScript and for some log viewers, so never passed raw where a line could
/// be forged (the terminal, JSON on standard output).
pub fn is_line_separator(c: char) -> bool {
    matches!(c, '\u{2028}' | '\u{2029}')
}

/// The bidirectional formatting characters of CVE-2021-42574: LRE, RLE, PDF, LRO, RLO
/// (U+202A–U+202E) and LRI, RLI, FSI, PDI (U+2066–U+2069).
pub fn is_bidi_control(c: char) -> bool {
    matches!(c, '\u{202A}'..='\u{202E}' | '\u{2066}'..='\u{2069}')
}

/// How a control character is written when it is shown rather than sent: `\n` and `\r`
/// as in Rust and JSON, every other one as Rust's `\u{1b}` (lower-case hexadecimal, no
/// padding), which contains no control character itself, so showing is idempotent.
pub fn shown_char(c: char, out: &mut String) {
    match c {
        '\n' => out.push_str("\\n"),
        '\r' => out.push_str("\\r"),
        c => out.extend(c.escape_unicode()),
    }
}

/// `text` with every character that `pick` selects written by `write` instead; borrowed
/// when there is none.
fn rewrite(
    text: &str,
    pick: impl Fn(char) -> bool,
    write: impl Fn(char, &mut String),
) -> Cow<'_, str> {
    if !text.chars().any(&pick) {
        return Cow::Borrowed(text);
    }
    let mut out = String::with_capacity(text.len() + 16);
    for c in text.chars() {
        if pick(c) {
            write(c, &mut out);
        } else {
            out.push(c);
        }
    }
    Cow::Owned(out)
}

/// The Unicode name of a control character (`ESCAPE`, `RIGHT-TO-LEFT OVERRIDE`), or its
/// ISO 6429 abbreviation where Unicode gives the code point no name (most C1 controls):
/// what `check` names in its warning.
pub fn control_name(c: char) -> &'static str {
    const C0: [&str; 32] = [
        "NULL",
        "START OF HEADING",
        "START OF TEXT",
        "END OF TEXT",
        "END OF TRANSMISSION",
        "ENQUIRY",
        "ACKNOWLEDGE",
        "BELL",
        "BACKSPACE",
        "CHARACTER TABULATION",
        "LINE FEED",
        "LINE TABULATION",
        "FORM FEED",
        "CARRIAGE RETURN",
        "SHIFT OUT",
        "SHIFT IN",
        "DATA LINK ESCAPE",
        "DEVICE CONTROL ONE",
        "DEVICE CONTROL TWO",
        "DEVICE CONTROL THREE",
        "DEVICE CONTROL FOUR",
        "NEGATIVE ACKNOWLEDGE",
        "SYNCHRONOUS IDLE",
        "END OF TRANSMISSION BLOCK",
        "CANCEL",
        "END OF MEDIUM",
        "SUBSTITUTE",
        "ESCAPE",
        "INFORMATION SEPARATOR FOUR",
        "INFORMATION SEPARATOR THREE",
        "INFORMATION SEPARATOR TWO",
        "INFORMATION SEPARATOR ONE",
    ];
    const C1: [&str; 32] = [
        "PAD", "HOP", "BPH", "NBH", "IND", "NEL", "SSA", "ESA", "HTS", "HTJ", "VTS", "PLD", "PLU",
        "RI", "SS2", "SS3", "DCS", "PU1", "PU2", "STS", "CCH", "MW", "SPA", "EPA", "SOS", "SGCI",
        "SCI", "CSI", "ST", "OSC", "PM", "APC",
    ];
    match c {
        '\0'..='\u{1F}' => C0[c as usize],
        '\u{7F}' => "DELETE",
        '\u{80}'..='\u{9F}' => C1[c as usize - 0x80],
        '\u{202A}' => "LEFT-TO-RIGHT EMBEDDING",
        '\u{202B}' => "RIGHT-TO-LEFT EMBEDDING",
        '\u{202C}' => "POP DIRECTIONAL FORMATTING",
        '\u{202D}' => "LEFT-TO-RIGHT OVERRIDE",
        '\u{202E}' => "RIGHT-TO-LEFT OVERRIDE",
        '\u{2066}' => "LEFT-TO-RIGHT ISOLATE",
        '\u{2067}' => "RIGHT-TO-LEFT ISOLATE",
        '\u{2068}' => "FIRST STRONG ISOLATE",
        '\u{2069}' => "POP DIRECTIONAL ISOLATE",
        _ => "",
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_controls_are_c0_del_c1_and_bidi_overrides() {
        for c in ('\0'..='\u{1F}').chain(['\u{7F}', '\u{9B}', '\u{202E}', '\u{2066}']) {
            assert!(is_control(c), "{c:?}");
            assert!(!control_name(c).is_empty(), "{c:?}");
        }
        for c in [' ', 'é', '\u{A0}', '\u{200B}', '\u{2028}', '🌱'] {
            assert!(!is_control(c), "{c:?}");
        }
        assert_eq!(control_name('\u{1b}'), "ESCAPE");
        assert_eq!(control_name('\u{9b}'), "CSI");
    }

    #[test]
    fn a_shown_control_holds_no_control() {
        for c in ('\0'..='\u{A0}').chain('\u{2000}'..='\u{2070}') {
            let mut out = String::new();
            shown_char(c, &mut out);
            assert!(!out.chars().any(is_control), "{c:?} → {out:?}");
        }
    }
}
