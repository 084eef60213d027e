//! JSON written to standard output. serde_json escapes the C0 controls as JSON requires
//! (RFC 8259 §7), but writes DEL, the C1 controls and the bidirectional overrides as they
//! are — valid JSON that a terminal would still act on when the output is not redirected.
//! [`pretty`] writes those as `\uXXXX` escapes too: the same JSON for any parser, nothing
//! for a terminal to run. LINE SEPARATOR and PARAGRAPH SEPARATOR, which JSON allows raw
//! but a log viewer may break a line at, are escaped as well, and so is the `[` of `##[`,
//! GitHub's older workflow command.

use super::{is_control, is_line_separator};

/// `value` as pretty-printed JSON, every [`super::is_control`] character escaped.
pub fn pretty(value: &impl serde::Serialize) -> String {
    let text = serde_json::to_string_pretty(value).unwrap_or_default();
    // Outside strings JSON has no `#`: a `##[` is in a string, where `\u005b` is `[`. A CI
    // runner takes `##[error]…` anywhere in a line of a job's log for a command
    // (`crate::escape::terminal`); the parsed JSON is the same.
    escape_controls(&text)
        .replace("##[", "##\\u005b")
        .replace("##vso[", "##vso\\u005b")
}

/// Outside strings JSON is ASCII without controls, so every control character found is
/// inside a string, where `\uXXXX` means that character (all of them are in the BMP).
fn escape_controls(json: &str) -> String {
    let pick = |c: char| (is_control(c) && c != '\n') || is_line_separator(c);
    let write = |c: char, out: &mut String| out.push_str(&format!("\\u{:04x}", u32::from(c)));
    super::rewrite(json, pick, write).into_owned()
}

#[cfg(test)]
mod tests {
    use super::pretty;

    #[test]
    fn every_control_is_a_json_escape() {
        let value =
            serde_json::json!({ "titre": "a\u{1b}[2J\u{7f}\u{9b}\u{202e}\n\tb\u{2028}\u{2029}" });
        let text = pretty(&value);
        assert!(
            !text.contains(['\u{1b}', '\u{7f}', '\u{9b}', '\u{202e}', '\u{2028}', '\u{2029}']),
            "{text}"
        );
        let back: serde_json::Value = serde_json::from_str(&text).expect("valid JSON");
        assert_eq!(back, value);
    }

    #[test]
    fn a_runner_command_is_a_json_escape() {
        let value = serde_json::json!({ "titre": "x ##[error]Forged ###[add-mask]s ##vso[t]" });
        let text = pretty(&value);
        assert!(!text.contains("##[") && !text.contains("##vso["), "{text}");
        let back: serde_json::Value = serde_json::from_str(&text).expect("valid JSON");
        assert_eq!(back, value);
    }
}
