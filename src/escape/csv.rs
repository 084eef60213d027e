//! CSV for spreadsheets. A spreadsheet opening a CSV file reads a cell that starts with `=`,
//! `+`, `-` or `@` as a formula (`=HYPERLINK(…)` sends the sheet's data away, DDE formulas
//! run commands), and so does a cell starting with TAB, CR or NUL on some of them. The rule
//! is OWASP's ("CSV Injection"; ASVS 5.0 requirement 1.2.10): such a cell is prefixed with
//! `'`, which spreadsheets take as "text follows". The same prefix is given when those
//! characters follow leading spaces, which importers may trim.
//!
//! Quoting is RFC 4180's, written by the `csv` crate, with every field quoted (§2.5 allows
//! it): Excel in a French locale splits unquoted fields on `;`, which would otherwise start
//! a new, unprefixed cell in the middle of a title. Records end with CRLF (§2.1). A cell
//! is one line: its line breaks and control characters (but TAB) are written visibly, as
//! every value placed in a line of ours is ([`super::terminal::one_line`]: `\n`, `\r`,
//! `\u{1b}`, U+2028 and U+2029 too). A CSV file is as often printed as opened — a CI job
//! that prints it would otherwise run a line `::add-mask::…` of a title as a command.

use super::{is_control, is_line_separator, shown_char};

/// Characters that make a spreadsheet read a cell as a formula when they come first.
const FORMULA_START: [char; 7] = ['=', '+', '-', '@', '\t', '\r', '\0'];

/// The CSV text of `rows` (the header first): RFC 4180, every cell made safe by [`cell`].
pub fn table<R, C>(rows: R) -> String
where
    R: IntoIterator<Item = C>,
    C: IntoIterator<Item = String>,
{
    let mut writer = ::csv::WriterBuilder::new()
        .quote_style(::csv::QuoteStyle::Always)
        .terminator(::csv::Terminator::CRLF)
        .from_writer(Vec::new());
    for row in rows {
        let cells: Vec<String> = row.into_iter().map(|c| cell(&c)).collect();
        // Writing to memory fails only when the record is empty, which never happens.
        let _ = writer.write_record(&cells);
    }
    let bytes = writer.into_inner().unwrap_or_default();
    String::from_utf8(bytes).unwrap_or_default()
}

/// One cell's text before quoting: `'` in front of a formula, line breaks and controls
/// shown, `##[` broken (a CI job may print the file).
pub fn cell(value: &str) -> String {
    let first = value.trim_start_matches(' ').chars().next();
    let prefix = if first.is_some_and(|c| FORMULA_START.contains(&c)) {
        "'"
    } else {
        ""
    };
    let pick = |c: char| (is_control(c) && c != '\t') || is_line_separator(c);
    let value = super::terminal::without_runner_commands(value);
    format!("{prefix}{}", super::rewrite(&value, pick, shown_char))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn formulas_are_prefixed() {
        for bad in ["=1+1", "+1", "-1", "@SUM(A1)", "\tx", "\rx", "\0x", "  =1"] {
            assert!(cell(bad).starts_with('\''), "{bad:?} → {:?}", cell(bad));
        }
        for good in ["Atelier", "1-2", "a=b", "", "'déjà"] {
            assert!(!cell(good).starts_with("''"), "{good:?}");
            assert_eq!(cell(good), good);
        }
    }

    #[test]
    fn quoting_is_rfc_4180() {
        let csv = table([
            vec!["a".to_string(), "b, c".into()],
            vec!["d \"e\"".into(), "f\ng".into()],
        ]);
        assert_eq!(csv, "\"a\",\"b, c\"\r\n\"d \"\"e\"\"\",\"f\\ng\"\r\n");
    }

    #[test]
    fn controls_are_shown() {
        assert_eq!(cell("a\u{1b}[2Jb\rc"), "a\\u{1b}[2Jb\\rc");
        assert_eq!(
            cell("a\n::add-mask::x\u{2028}b\u{85}c"),
            "a\\n::add-mask::x\\u{2028}b\\u{85}c"
        );
    }
}
