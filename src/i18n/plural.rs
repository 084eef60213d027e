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
}
