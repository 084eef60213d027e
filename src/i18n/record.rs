//! The shape every diagnostic takes: one [`Record`] holds its stable code, its severity,
//! and its message, label and help in both languages. A diagnostic (`check`'s
//! [`super::check::Message`], the ecosystem's [`super::ecosystem::EcoProblem`]) is written
//! as one `match` arm that builds its record, so adding a rule means writing one arm; the
//! reporters, `docs/diagnostics.md` (checked by a test) and the tests read from it.

use super::Lang;

/// How serious a diagnostic is: an error fails `check` (exit 1), a warning only under
/// `--strict`.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, serde::Serialize)]
#[serde(rename_all = "lowercase")]
pub enum Severity {
    Error,
    Warning,
}

/// A sentence in French and in English, built together and picked when shown.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Both {
    pub fr: String,
    pub en: String,
}

impl Both {
    pub fn new(fr: impl Into<String>, en: impl Into<String>) -> Both {
        Both {
            fr: fr.into(),
            en: en.into(),
        }
    }

    /// The sentence in `lang`.
    pub fn get(&self, lang: Lang) -> &str {
        match lang {
            Lang::Fr => &self.fr,
            Lang::En => &self.en,
        }
    }

    /// The sentence in `lang`, by value.
    pub fn into_lang(self, lang: Lang) -> String {
        match lang {
            Lang::Fr => self.fr,
            Lang::En => self.en,
        }
    }
}

/// Everything one diagnostic says: code (documented in `docs/diagnostics.md`), severity,
/// the message, the short label under the underlined span, and how to fix it.
#[derive(Debug, Clone, PartialEq)]
pub struct Record {
    pub code: &'static str,
    pub severity: Severity,
    pub message: Both,
    pub label: Option<Both>,
    pub help: Option<Both>,
}

impl Record {
    /// An error saying `fr` / `en`.
    pub fn error(code: &'static str, fr: impl Into<String>, en: impl Into<String>) -> Record {
        Record::new(code, Severity::Error, Both::new(fr, en))
    }

    /// A warning saying `fr` / `en`.
    pub fn warning(code: &'static str, fr: impl Into<String>, en: impl Into<String>) -> Record {
        Record::new(code, Severity::Warning, Both::new(fr, en))
    }

    fn new(code: &'static str, severity: Severity, message: Both) -> Record {
        Record {
            code,
            severity,
            message,
            label: None,
            help: None,
        }
    }

    /// The label under the underlined span.
    pub fn label(mut self, fr: impl Into<String>, en: impl Into<String>) -> Record {
        self.label = Some(Both::new(fr, en));
        self
    }

    /// How to fix it.
    pub fn help(mut self, fr: impl Into<String>, en: impl Into<String>) -> Record {
        self.help = Some(Both::new(fr, en));
        self
    }

    /// "did you mean `x`?" as the help when there is a suggestion (it replaces the general
    /// help, which stays when there is none).
    pub fn suggest(mut self, suggestion: &Option<String>) -> Record {
        if let Some(s) = suggestion {
            self.help = Some(did_you_mean(s));
        }
        self
    }
}

/// "vouliez-vous dire `x` ?" / "did you mean `x`?"; the suggestion (a name the content
/// chose) on one line.
pub fn did_you_mean(suggestion: &str) -> Both {
    let suggestion = crate::escape::terminal::one_line(suggestion);
    Both::new(
        format!("vouliez-vous dire `{suggestion}` ?"),
        format!("did you mean `{suggestion}`?"),
    )
}

/// Every diagnostic the tool can report, one record per variant (its values left empty):
/// the codes and severities, for the documentation test.
#[cfg(test)]
fn catalogue() -> Vec<Record> {
    use strum::IntoEnumIterator;
    let check = super::check::Message::iter().map(|m| m.record());
    let ecosystem = super::ecosystem::EcoProblem::examples().map(|p| p.record());
    check.chain(ecosystem).collect()
}

#[cfg(test)]
mod tests {
    use std::collections::{BTreeMap, BTreeSet};

    use super::*;

    /// `docs/diagnostics.md`: every `### code` heading, and the severity its index row gives.
    fn documented() -> (BTreeSet<String>, BTreeMap<String, String>) {
        let doc = include_str!("../../docs/diagnostics.md");
        let headings = doc
            .lines()
            .filter_map(|l| l.strip_prefix("### codesocial::"))
            .map(|c| format!("codesocial::{}", c.trim()))
            .collect();
        let index = doc
            .lines()
            .filter_map(|l| l.strip_prefix("| [`"))
            .filter_map(|l| {
                let (code, rest) = l.split_once('`')?;
                let severity = rest.split('|').nth(1)?.trim();
                Some((code.to_string(), severity.to_string()))
            })
            .collect();
        (headings, index)
    }

    #[test]
    fn every_code_is_documented_and_every_documented_code_exists() {
        let (headings, index) = documented();
        let records = catalogue();
        let codes: BTreeSet<String> = records.iter().map(|r| r.code.to_string()).collect();
        let undocumented: Vec<_> = codes.difference(&headings).collect();
        assert!(
            undocumented.is_empty(),
            "not in docs/diagnostics.md: {undocumented:?}"
        );
        let unknown: Vec<_> = headings.difference(&codes).collect();
        assert!(
            unknown.is_empty(),
            "documented but never reported: {unknown:?}"
        );
        for code in index.keys() {
            assert!(codes.contains(code), "indexed but never reported: {code}");
        }
        for r in &records {
            if let Some(severity) = index.get(r.code) {
                let expected = match r.severity {
                    Severity::Error => "error",
                    Severity::Warning => "warning",
                };
                assert_eq!(severity, expected, "severity of {} in the index", r.code);
            }
        }
    }

    #[test]
    fn a_code_has_one_severity() {
        let mut seen = BTreeMap::new();
        for r in catalogue() {
            let first = *seen.entry(r.code).or_insert(r.severity);
            assert_eq!(first, r.severity, "{}", r.code);
        }
    }

    #[test]
    fn every_diagnostic_speaks_both_languages() {
        for r in catalogue() {
            let texts = std::iter::once(&r.message).chain(&r.label).chain(&r.help);
            for text in texts {
                assert!(!text.fr.trim().is_empty(), "{}: no French", r.code);
                assert!(!text.en.trim().is_empty(), "{}: no English", r.code);
            }
        }
    }
}
