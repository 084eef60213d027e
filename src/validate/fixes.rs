//! What a value written the way people write it was meant to be, in the format's terms: a
//! number typed as on paper (`1 200,50 €`), a date typed as in a letter (`12/03/2024`,
//! `mai 2013`, `2024-1-5`, `2024–03–12`, `2024-03-12T10:00`), a list typed as a sentence
//! (`a, b`). The hints of `check` show the fixed value; `None` when no fix is sure.

/// Currency signs and words a price is written with, lowercase.
const CURRENCIES: &[&str] = &["€", "$", "£", "eur", "euro", "euros", "usd", "chf", "gbp"];

/// How a number was written.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum NumberFix {
    /// Only a decimal comma: `850,50`.
    DecimalComma,
    /// Only digits grouped by spaces: `1 200`.
    GroupedDigits,
    /// Grouping marks, a decimal comma and a currency together: `1.200,50 €`; the unit
    /// that was written, if any.
    Written { unit: Option<String> },
}

/// The number `text` stands for, written as YAML reads a number, and how it was written.
pub fn number(text: &str) -> Option<(String, NumberFix)> {
    let t = text.trim();
    // ASCII lowercase keeps byte offsets: a unit is cut from `t` where found in `lower`.
    let lower = t.to_ascii_lowercase();
    let mut unit = None;
    let mut digits = lower.as_str();
    for c in CURRENCIES {
        if let Some(rest) = digits.strip_suffix(c) {
            unit = Some(t[t.len() - c.len()..].to_string());
            digits = rest.trim();
            break;
        }
        if let Some(rest) = digits.strip_prefix(c) {
            unit = Some(t[..c.len()].to_string());
            digits = rest.trim();
            break;
        }
    }
    let spaces = |c: char| matches!(c, ' ' | '\u{a0}' | '\u{202f}' | '\'' | '\u{2019}');
    let grouped = digits.contains(spaces);
    let mut s: String = digits.chars().filter(|&c| !spaces(c)).collect();
    let comma = s.contains(',');
    // `1.200,50`, `1.200.000`: dots group thousands when a comma or another dot follows.
    if comma || s.matches('.').count() > 1 {
        s = s.replace('.', "");
    }
    let s = s.replace(',', ".");
    let valid = !s.is_empty()
        && s.matches('.').count() <= 1
        && s.trim_start_matches('-')
            .bytes()
            .all(|b| b.is_ascii_digit() || b == b'.')
        && s.trim_start_matches('-')
            .bytes()
            .any(|b| b.is_ascii_digit());
    if !valid || s == t {
        return None;
    }
    let how = match (unit.is_some(), grouped, comma) {
        (false, false, true) if !digits.contains('.') => NumberFix::DecimalComma,
        (false, true, false) if !digits.contains('.') => NumberFix::GroupedDigits,
        _ => NumberFix::Written { unit },
    };
    Some((s, how))
}

/// The whole number a value stands for when it is digits with a word around them that
/// numbers (`v3`, `V 3`, `n°3`, `#3`, `3e`, `3ème`, `3rd`): the digits as typed.
pub fn ordinal_digits(text: &str) -> Option<String> {
    let t = text.trim();
    let start = t.find(|c: char| c.is_ascii_digit())?;
    let end = t[start..]
        .find(|c: char| !c.is_ascii_digit())
        .map_or(t.len(), |e| start + e);
    let (before, digits, after) = (&t[..start], &t[start..end], &t[end..]);
    let before = before.trim().to_lowercase();
    let after = after.trim().to_lowercase();
    let prefix =
        ["", "v", "v.", "version", "n°", "no", "no.", "nº", "#"].contains(&before.as_str());
    let suffix = [
        "", "e", "è", "ème", "eme", "er", "re", "st", "nd", "rd", "th",
    ]
    .contains(&after.as_str());
    (prefix && suffix && !(before.is_empty() && after.is_empty())).then(|| digits.to_string())
}

/// Month names, French and English (lowercase, with and without accents), by number.
const MONTHS: &[(&str, u32)] = &[
    ("janvier", 1),
    ("january", 1),
    ("janv", 1),
    ("jan", 1),
    ("février", 2),
    ("fevrier", 2),
    ("february", 2),
    ("févr", 2),
    ("fevr", 2),
    ("feb", 2),
    ("mars", 3),
    ("march", 3),
    ("mar", 3),
    ("avril", 4),
    ("april", 4),
    ("avr", 4),
    ("apr", 4),
    ("mai", 5),
    ("may", 5),
    ("juin", 6),
    ("june", 6),
    ("jun", 6),
    ("juillet", 7),
    ("july", 7),
    ("juil", 7),
    ("jul", 7),
    ("août", 8),
    ("aout", 8),
    ("august", 8),
    ("aug", 8),
    ("septembre", 9),
    ("september", 9),
    ("sept", 9),
    ("sep", 9),
    ("octobre", 10),
    ("october", 10),
    ("oct", 10),
    ("novembre", 11),
    ("november", 11),
    ("nov", 11),
    ("décembre", 12),
    ("decembre", 12),
    ("december", 12),
    ("déc", 12),
    ("dec", 12),
];

/// The `YYYY-MM-DD` (or `YYYY-MM`, `YYYY` when `partial`) date `text` stands for.
pub fn date(text: &str, partial: bool) -> Option<String> {
    let (y, m, d) = date_parts(text)?;
    let fixed = match (m, d) {
        (Some(m), Some(d)) => format!("{y:04}-{m:02}-{d:02}"),
        (Some(m), None) => format!("{y:04}-{m:02}"),
        _ => format!("{y:04}"),
    };
    let valid = if partial {
        crate::date::is_valid_partial(&fixed)
    } else {
        crate::date::is_valid(&fixed)
    };
    (valid && fixed != text).then_some(fixed)
}

/// Why a date written in words or digits (`septembre 2014`, `31 septembre 2014`) is no
/// full date, when [`date`] finds none to write instead (issue 16).
pub fn date_hint(text: &str) -> Option<crate::i18n::check::DateHint> {
    use crate::i18n::check::DateHint;
    if let Some((day, month, short)) = without_year(text) {
        return Some(DateHint::YearMissing { day, month, short });
    }
    let (year, month, day) = date_parts(text)?;
    let month = month.filter(|m| (1..=12).contains(m))?;
    let days = crate::date::days_in_month(i64::from(year), month);
    match day {
        None => Some(DateHint::NoDay {
            month: format!("{year:04}-{month:02}"),
        }),
        Some(day) if day == 0 || day > days => Some(DateHint::NoSuchDay {
            day,
            month,
            year,
            days,
        }),
        Some(_) => None,
    }
}

/// The day and month of a date written without its year (`le 3 décembre`, `03/12`), or
/// with two digits of it (`31/12/26`, whose century only the writer knows): the day, the
/// month, and the two digits when written.
fn without_year(text: &str) -> Option<(u32, u32, Option<String>)> {
    let lower = unwrapped(text).to_lowercase();
    let parts = date_words(&lower);
    let num = |p: &str| {
        (!p.is_empty() && p.len() <= 2 && p.bytes().all(|b| b.is_ascii_digit()))
            .then(|| p.parse::<u32>().ok())
            .flatten()
    };
    let day = |p: &str| {
        let digits = ["er", "re", "st", "nd", "rd", "th"]
            .iter()
            .find_map(|end| p.strip_suffix(end))
            .unwrap_or(p);
        num(digits).filter(|d| (1..=31).contains(d))
    };
    let month = |p: &str| {
        MONTHS
            .iter()
            .find(|(name, _)| *name == p.trim_end_matches('.'))
            .map(|(_, n)| *n)
            .or_else(|| num(p).filter(|m| (1..=12).contains(m)))
    };
    let (d, m, short) = match parts.as_slice() {
        [a, b] => match (day(a), month(b), month(a), day(b)) {
            (Some(d), Some(m), _, _) => (d, m, None),
            (_, _, Some(m), Some(d)) if MONTHS.iter().any(|(n, _)| n == a) => (d, m, None),
            _ => return None,
        },
        [a, b, c] if c.len() == 2 && c.bytes().all(|b| b.is_ascii_digit()) => {
            (day(a)?, month(b)?, Some(c.to_string()))
        }
        _ => return None,
    };
    Some((d, m, short))
}

/// `text` without the quotes around it: typographic ones (`“2024-03-12”`), which YAML
/// keeps in the value, and straight ones.
fn unwrapped(text: &str) -> &str {
    text.trim()
        .trim_matches(['"', '\'', '“', '”', '„', '«', '»', '‘', '’', '‚'])
        .trim()
}

/// The words of a date: split at dashes, slashes, dots, spaces and commas; `le`, `the`
/// left out.
fn date_words(lower: &str) -> Vec<&str> {
    lower
        .split(|c: char| {
            matches!(c, '-' | '/' | '.' | ' ' | ',' | '\u{a0}' | '\u{202f}')
                || crate::load::odd::Odd::of(c, false) == Some(crate::load::odd::Odd::Dash)
        })
        .filter(|p| !p.is_empty() && *p != "le" && *p != "the")
        .collect()
}

/// Whether `t` is a time of day as written in French (`10h`, `10 h`, `14h30`).
fn french_hour(t: &str) -> bool {
    let t: String = t.chars().filter(|c| *c != ' ').collect();
    let Some((h, m)) = t.split_once('h') else {
        return false;
    };
    (1..=2).contains(&h.len())
        && h.bytes().all(|b| b.is_ascii_digit())
        && m.len() <= 2
        && m.bytes().all(|b| b.is_ascii_digit())
}

/// The year, month and day `text` writes, in words or digits, in any usual order.
fn date_parts(text: &str) -> Option<(u32, Option<u32>, Option<u32>)> {
    let t = unwrapped(text);
    // A time of day: `2024-03-12T10:00:00`, `2024-03-12 10:00`, `2024-03-12 10h`.
    let t = match t.find(['T', ' ']) {
        Some(i)
            if (t[i + 1..].contains(':')
                || (t[i..].starts_with(' ') && french_hour(&t[i + 1..])))
                && t[..i].bytes().any(|b| b.is_ascii_digit()) =>
        {
            &t[..i]
        }
        _ => t,
    };
    let lower = t.to_lowercase();
    let parts = date_words(&lower);
    let month = |p: &str| {
        MONTHS
            .iter()
            .find(|(name, _)| *name == p.trim_end_matches('.'))
            .map(|(_, n)| *n)
    };
    let num = |p: &str| {
        p.bytes()
            .all(|b| b.is_ascii_digit())
            .then(|| p.parse::<u32>().ok())
            .flatten()
    };
    let year = |p: &str| num(p).filter(|_| p.len() == 4);
    // `1er septembre 2014`, `September 1st, 2014`: a day may carry its ordinal's ending.
    let day = |p: &str| {
        let digits = ["er", "re", "st", "nd", "rd", "th"]
            .iter()
            .find_map(|end| p.strip_suffix(end))
            .unwrap_or(p);
        num(digits)
    };
    let (y, m, d) = match parts.as_slice() {
        [y] => (year(y)?, None, None),
        [a, b] => match (year(a), year(b)) {
            (Some(y), _) => (y, Some(month(b).or(num(b))?), None),
            (_, Some(y)) => (y, Some(month(a).or(num(a))?), None),
            _ => return None,
        },
        [a, b, c] => match (year(a), year(c)) {
            (Some(y), _) => (y, Some(num(b).or(month(b))?), Some(day(c)?)),
            // `septembre 1er 2014` (`September 1st, 2014`) or `1er septembre 2014`.
            (_, Some(y)) => match month(a) {
                Some(m) => (y, Some(m), Some(day(b)?)),
                None => (y, Some(month(b).or(num(b))?), Some(day(a)?)),
            },
            _ => return None,
        },
        _ => return None,
    };
    Some((y, m, d))
}

/// `a, b`, `a; b`, `(a, b)` or `a` where a list is expected, as a YAML flow list:
/// `[a, b]`. Ids separated by spaces only (`mathieu cheznous-sas`) are items too: one
/// item `mathieu cheznous-sas` would name no member.
pub fn list(text: &str) -> String {
    let t = text.trim();
    let t = t
        .strip_prefix('(')
        .and_then(|t| t.strip_suffix(')'))
        .unwrap_or(t);
    let is_id = |w: &str| {
        w.starts_with(|c: char| c.is_ascii_lowercase() || c.is_ascii_digit())
            && w.chars()
                .all(|c| c.is_ascii_lowercase() || c.is_ascii_digit() || c == '-')
    };
    let words: Vec<&str> = t.split_whitespace().collect();
    let items: Vec<&str> =
        if !t.contains([',', ';']) && words.len() > 1 && words.iter().all(|w| is_id(w)) {
            words
        } else {
            t.split([',', ';'])
                .map(str::trim)
                .filter(|i| !i.is_empty())
                .collect()
        };
    format!("[{}]", items.join(", "))
}

/// The characters a word processor starts a list's items with, which YAML does not read as
/// list items (`- `): `•`, `·`, `◦`, `▪`, `–`, `—`, `*`, `+`.
pub const BULLETS: &[char] = &['•', '·', '◦', '▪', '–', '—', '*', '+'];

/// The items of a list typed with bullets (`• a` on each line, which YAML folds into one
/// text `• a • b`), when `text` starts with one.
pub fn bullets(text: &str) -> Option<Vec<String>> {
    let t = text.trim();
    let first = t.chars().next().filter(|c| BULLETS.contains(c))?;
    let items: Vec<String> = t
        .split(first)
        .map(str::trim)
        .filter(|i| !i.is_empty())
        .map(str::to_string)
        .collect();
    (!items.is_empty()).then_some(items)
}

/// The date a number typed in a date field stands for: `20140901` → `2014-09-01`, when its
/// eight digits form a date of the calendar.
pub fn date_of_digits(text: &str) -> Option<String> {
    let t = text.trim();
    if t.len() != 8 || !t.bytes().all(|b| b.is_ascii_digit()) {
        return None;
    }
    let fixed = format!("{}-{}-{}", &t[..4], &t[4..6], &t[6..]);
    crate::date::is_valid(&fixed).then_some(fixed)
}

/// A date typed with a letter for a digit (`2O24-01-01`: the letter O for a zero, `l` or
/// `I` for a one): the first such letter, and the date once the letters are read as
/// digits, when that is a date.
pub fn letter_in_date(text: &str, partial: bool) -> Option<(char, String)> {
    let letter = text.chars().find(|c| matches!(c, 'O' | 'o' | 'l' | 'I'))?;
    let fixed: String = text
        .trim()
        .chars()
        .map(|c| match c {
            'O' | 'o' => '0',
            'l' | 'I' => '1',
            c => c,
        })
        .collect();
    let fixed = date(&fixed, partial).unwrap_or(fixed);
    let valid = if partial {
        crate::date::is_valid_partial(&fixed)
    } else {
        crate::date::is_valid(&fixed)
    };
    valid.then_some((letter, fixed))
}

#[cfg(test)]
mod tests {
    use super::*;

    /// Digits with a word that numbers them are the number; anything else is no sure
    /// number (issue 16, truth19).
    #[test]
    fn ordinal_digits_are_the_digits_typed() {
        for (t, n) in [
            ("v3", "3"),
            ("V 12", "12"),
            ("n°3", "3"),
            ("#4", "4"),
            ("3e", "3"),
            ("2ème", "2"),
            ("version 7", "7"),
        ] {
            assert_eq!(ordinal_digits(t).as_deref(), Some(n), "{t}");
        }
        for t in ["3", "3 fois", "v3.1", "première", "3-4", ""] {
            assert_eq!(ordinal_digits(t), None, "{t}");
        }
    }

    /// A date without its year, or with two digits of it, is no date to write: its day
    /// and month are, the year is the writer's; quotes and a time of day around a date
    /// leave its digits.
    #[test]
    fn dates_without_a_whole_year_give_their_day_and_month_only() {
        use crate::i18n::check::DateHint;
        let no_year = |day, month, short: Option<&str>| {
            Some(DateHint::YearMissing {
                day,
                month,
                short: short.map(String::from),
            })
        };
        assert_eq!(date_hint("le 3 décembre"), no_year(3, 12, None));
        assert_eq!(date_hint("03/12"), no_year(3, 12, None));
        assert_eq!(date_hint("31/12/26"), no_year(31, 12, Some("26")));
        assert_eq!(date("31/12/26", false), None);
        assert_eq!(
            date("\u{201c}2026-12-03\u{201d}", false),
            Some("2026-12-03".into())
        );
        assert_eq!(date("2026-12-03 10h", false), Some("2026-12-03".into()));
        assert_eq!(date("2026-12-03 14h30", false), Some("2026-12-03".into()));
        assert_eq!(date_hint("13/31/2026"), None);
        assert_eq!(
            date_hint("décembre 2026"),
            Some(DateHint::NoDay {
                month: "2026-12".into()
            })
        );
    }

    /// For every month of a few years, written in French or English words or in digits:
    /// a month and a year say the day is missing, every day past the month's last says
    /// that day does not exist (with the month's length), every real day is written.
    #[test]
    fn dates_in_words_say_what_is_missing_or_impossible() {
        use crate::i18n::check::DateHint;
        use crate::i18n::typography::{MONTHS_EN as en, MONTHS_FR as fr};
        for year in [2014u32, 2020, 2100] {
            for m in 1..=12u32 {
                let days = crate::date::days_in_month(i64::from(year), m);
                let i = m as usize - 1;
                for month in [fr[i].to_string(), en[i].to_string()] {
                    assert_eq!(
                        date_hint(&format!("{month} {year}")),
                        Some(DateHint::NoDay {
                            month: format!("{year}-{m:02}")
                        })
                    );
                    for day in 1..=31 {
                        let text = format!("{day} {month} {year}");
                        if day <= days {
                            assert_eq!(date_hint(&text), None, "{text}");
                            assert_eq!(date(&text, false), Some(format!("{year}-{m:02}-{day:02}")));
                        } else {
                            assert_eq!(
                                date_hint(&text),
                                Some(DateHint::NoSuchDay {
                                    day,
                                    month: m,
                                    year,
                                    days
                                }),
                                "{text}"
                            );
                            assert_eq!(date(&text, false), None);
                        }
                    }
                }
            }
        }
        assert_eq!(date_hint("bientôt"), None);
    }

    #[test]
    fn numbers_as_written_on_paper() {
        let fixed = |t: &str| number(t).map(|(s, _)| s);
        assert_eq!(
            number("850,50"),
            Some(("850.50".into(), NumberFix::DecimalComma))
        );
        assert_eq!(
            number("1 200"),
            Some(("1200".into(), NumberFix::GroupedDigits))
        );
        assert_eq!(fixed("1 200,50"), Some("1200.50".into()));
        assert_eq!(fixed("1.200,50"), Some("1200.50".into()));
        assert_eq!(
            number("3200 €"),
            Some((
                "3200".into(),
                NumberFix::Written {
                    unit: Some("€".into())
                }
            ))
        );
        assert_eq!(fixed("450 EUR"), Some("450".into()));
        assert_eq!(fixed("1\u{202f}000"), Some("1000".into()));
        assert_eq!(fixed("beaucoup"), None);
        assert_eq!(fixed("12"), None);
        assert_eq!(fixed("1,2,3"), None);
    }

    #[test]
    fn dates_as_written_in_a_letter() {
        assert_eq!(date("2024-1-5", false), Some("2024-01-05".into()));
        assert_eq!(
            date("2024-03-12T10:00:00", false),
            Some("2024-03-12".into())
        );
        assert_eq!(
            date("2024\u{2013}03\u{2013}12", false),
            Some("2024-03-12".into())
        );
        assert_eq!(date("12/03/2024", false), Some("2024-03-12".into()));
        // An ordinal day, in French and in English (issue 16).
        assert_eq!(date("1er septembre 2014", false), Some("2014-09-01".into()));
        assert_eq!(
            date("le 1er septembre 2014", false),
            Some("2014-09-01".into())
        );
        assert_eq!(
            date("September 1st, 2014", false),
            Some("2014-09-01".into())
        );
        assert_eq!(date("2nd march 2020", false), Some("2020-03-02".into()));
        assert_eq!(date("mai 2013", true), Some("2013-05".into()));
        assert_eq!(date("12 mai 2013", true), Some("2013-05-12".into()));
        assert_eq!(date("05/2013", true), Some("2013-05".into()));
        assert_eq!(date("999", true), None);
        assert_eq!(date("2024-13-01", false), None);
        assert_eq!(date("mai 2013", false), None);
    }

    #[test]
    fn lists_as_written_in_a_sentence() {
        assert_eq!(list("a, b"), "[a, b]");
        assert_eq!(list("(a, b)"), "[a, b]");
        assert_eq!(list("a; b"), "[a, b]");
        assert_eq!(bullets("• a • b"), Some(vec!["a".into(), "b".into()]));
        assert_eq!(bullets("– a"), Some(vec!["a".into()]));
        assert_eq!(bullets("a"), None);
        assert_eq!(date_of_digits("20140901"), Some("2014-09-01".into()));
        assert_eq!(date_of_digits("20141301"), None);
        assert_eq!(date_of_digits("2014"), None);
        assert_eq!(
            letter_in_date("2O24-01-01", false),
            Some(('O', "2024-01-01".into()))
        );
        assert_eq!(letter_in_date("2024-01-01", false), None);
        assert_eq!(list("mathieu"), "[mathieu]");
        assert_eq!(list("mathieu cheznous-sas"), "[mathieu, cheznous-sas]");
        assert_eq!(list("Transition écologique"), "[Transition écologique]");
    }
}
