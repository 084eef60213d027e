//! Plural forms by CLDR's rules (through ICU4X's `icu_plurals`, whose data is compiled in):
//! French takes the singular for 0 and 1 (`one`: i = 0,1), English for 1 only. Every count
//! the tool writes goes through [`plural`] or [`count`].

use icu_locale_core::locale;
use icu_plurals::{PluralCategory, PluralRuleType, PluralRules};

use super::Lang;

/// The form a noun takes after a number. CLDR's French `many` (whole millions, "1 000 000
/// de …") takes the [`Plural::Other`] form: no sentence of the tool is built on it.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Plural {
    One,
    Other,
}

impl Plural {
    /// The singular or plural of a pair.
    pub fn pick<T>(self, one: T, other: T) -> T {
        match self {
            Plural::One => one,
            Plural::Other => other,
        }
    }
}

/// The form of a noun after `n` in `lang`.
pub fn plural(lang: Lang, n: usize) -> Plural {
    match category(lang, n) {
        Some(PluralCategory::One) => Plural::One,
        Some(_) => Plural::Other,
        // ICU's data is compiled in: this is only reached if it lost French or English.
        None if n == 1 => Plural::One,
        None => Plural::Other,
    }
}

/// `n` and the noun in the form `n` asks for: `count(Lang::Fr, 0, "erreur", "erreurs")` is
/// "0 erreur", `count(Lang::En, 0, "error", "errors")` is "0 errors".
pub fn count(lang: Lang, n: usize, one: &str, other: &str) -> String {
    format!("{n} {}", plural(lang, n).pick(one, other))
}

/// The category of `n` by the cardinal rules of `lang` (built once per thread: ICU's
/// rules are not `Sync`).
fn category(lang: Lang, n: usize) -> Option<PluralCategory> {
    thread_local! {
        static RULES: [Option<PluralRules>; 2] = [locale!("fr"), locale!("en")]
            .map(|l| PluralRules::try_new(l.into(), PluralRuleType::Cardinal.into()).ok());
    }
    let index = match lang {
        Lang::Fr => 0,
        Lang::En => 1,
    };
    RULES.with(|rules| rules[index].as_ref().map(|r| r.category_for(n)))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn french_is_singular_for_zero_and_one_english_for_one() {
        let forms = |l| [0, 1, 2, 1_000_000].map(|n| plural(l, n));
        use Plural::{One, Other};
        assert_eq!(forms(Lang::Fr), [One, One, Other, Other]);
        assert_eq!(forms(Lang::En), [Other, One, Other, Other]);
        assert_eq!(count(Lang::Fr, 0, "erreur", "erreurs"), "0 erreur");
        assert_eq!(count(Lang::En, 0, "commit", "commits"), "0 commits");
        assert_eq!(count(Lang::En, 1, "error", "errors"), "1 error");
    }

    /// Every count of the tool goes through [`plural`]: no sentence hard-codes a plural
    /// ("erreur(s)", `if n > 1 { "s" }`), which is how "0 commit" and "0 matrices" came.
    #[test]
    fn no_sentence_makes_its_own_plural() {
        let src = std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("src");
        let mut stack = vec![src];
        while let Some(dir) = stack.pop() {
            for entry in std::fs::read_dir(&dir).expect("src") {
                let path = entry.expect("entry").path();
                if path.is_dir() {
                    stack.push(path);
                } else if path.extension().is_some_and(|e| e == "rs")
                    && !path.ends_with("i18n/plural.rs")
                {
                    let text = std::fs::read_to_string(&path).expect("read");
                    for line in text.lines() {
                        let in_strings = line.split('"').skip(1).step_by(2);
                        let hand_made = in_strings.clone().any(|s| s.contains("(s)"))
                            || line.contains("{ \"s\" }")
                            || line.contains("\"s\" } else");
                        assert!(!hand_made, "{}: {line}", path.display());
                    }
                }
            }
        }
    }

    #[test]
    fn counted_sentences_agree_with_their_number() {
        use crate::i18n::{bilan::BilanText as B, diff::DiffText, serve::Serve, Ui};
        let (fr, en) = (Lang::Fr, Lang::En);
        let summary = Ui::CheckProblems {
            errors: 1,
            warnings: 0,
            documents: 1,
        };
        let flows = |n| B::FlowSummary {
            matrices: n,
            flows: n,
        };
        let cases = [
            (
                DiffText::EnforceClean { commits: 0 }.text_in(en),
                "✓ amendment rules respected (0 commits)",
            ),
            (
                DiffText::EnforceClean { commits: 0 }.text_in(fr),
                "✓ règles de modification respectées (0 commit)",
            ),
            (flows(0).text_in(fr), "0 matrice, 0 flux."),
            (flows(1).text_in(en), "1 matrix, 1 flow."),
            (B::OfferSummary { offers: 0 }.text_in(fr), "0 offre active."),
            (
                B::OfferSummary { offers: 0 }.text_in(en),
                "0 active offers.",
            ),
            (
                Serve::KeptLastGood { errors: 0 }.text_in(en),
                "✗ 0 errors: the last good build is still served",
            ),
            (
                summary.text_in(fr),
                "✗ 1 erreur, 0 avertissement dans 1 document",
            ),
            (summary.text_in(en), "✗ 1 error, 0 warnings in 1 document"),
            // Warnings alone fail nothing: no ✗.
            (
                Ui::CheckProblems {
                    errors: 0,
                    warnings: 7,
                    documents: 7,
                }
                .text_in(en),
                "⚠ 0 errors, 7 warnings in 7 documents",
            ),
            (
                Ui::CheckProblems {
                    errors: 0,
                    warnings: 1,
                    documents: 56,
                }
                .text_in(fr),
                "⚠ 0 erreur, 1 avertissement dans 56 documents",
            ),
        ];
        for (said, expected) in cases {
            assert_eq!(said, expected);
        }
    }
}
