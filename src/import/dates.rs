//! Dates as organisations write them, full or partial, read into the format's
//! `YYYY`, `YYYY-MM` or `YYYY-MM-DD`: `2013`, `mai 2013`, `2013-05`, `2 mai 2013`,
//! `1er mai 2013`, `02/05/2013` (day first, as in French), `05/2013`, `May 2, 2013`.
//! A range (`2013-2015`, `2013 à 2015`) is not a date: it has no single point in time;
//! it is a period ([`period_at_start`]), which a milestone dates by its start.

/// Month names and their usual abbreviations, French and English, accents folded.
const MONTHS: &[(u32, &[&str])] = &[
    (1, &["janvier", "janv", "jan", "january"]),
    (2, &["fevrier", "fevr", "fev", "feb", "february"]),
    (3, &["mars", "mar", "march"]),
    (4, &["avril", "avr", "apr", "april"]),
    (5, &["mai", "may"]),
    (6, &["juin", "jun", "june"]),
    (7, &["juillet", "juil", "jul", "july"]),
    (8, &["aout", "aug", "august"]),
    (9, &["septembre", "sept", "sep", "september"]),
    (10, &["octobre", "oct", "october"]),
    (11, &["novembre", "nov", "november"]),
    (12, &["decembre", "dec", "december"]),
];

/// A date found at the start of a text.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Found {
    /// `YYYY`, `YYYY-MM` or `YYYY-MM-DD`.
    pub date: String,
    /// Bytes of the text the date took.
    pub len: usize,
}

/// The whole of `text` read as a date.
pub fn parse(text: &str) -> Option<String> {
    let text = text.trim();
    let found = at_start(text)?;
    text[found.len..].trim().is_empty().then_some(found.date)
}

/// The date `text` starts with, if any (a range is none).
pub fn at_start(text: &str) -> Option<Found> {
    let tokens = tokens(text);
    let found = numeric(text, &tokens)
        .or_else(|| day_month_year(text, &tokens))
        .or_else(|| month_day_year(text, &tokens))
        .or_else(|| year(&tokens))?;
    if is_range(&text[found.len..]) || !crate::date::is_valid_partial(&found.date) {
        return None;
    }
    Some(found)
}

/// The period `text` starts with (`2015-2017`, `2015 – 2017`, `mai 2015 à juin 2017`,
/// `de 2015 à 2017`, `2015 to 2017`): its start as a date, and the bytes it takes, up to
/// the end of its last date. The end must be a date too, not before the start.
pub fn period_at_start(text: &str) -> Option<Found> {
    // `De 2015 à 2017`, `du 2 mai au 3 juin 2017`, `from 2015 to 2017`.
    let lead = ["de ", "du ", "from ", "De ", "Du ", "From "]
        .iter()
        .find_map(|w| text.strip_prefix(w))
        .map_or(0, |rest| text.len() - rest.len());
    let body = &text[lead..];
    // `2015-2017`: one token for [`tokens`]; its years are read apart.
    let (start, after) = match body.get(..4).filter(|y| is_year(y)) {
        Some(y) if body[4..].starts_with(['-', '–', '—', '/']) => (
            Found {
                date: y.to_string(),
                len: 4,
            },
            &body[4..],
        ),
        _ => {
            let tokens = tokens(body);
            let found = numeric(body, &tokens)
                .or_else(|| day_month_year(body, &tokens))
                .or_else(|| month_day_year(body, &tokens))
                .or_else(|| year(&tokens))?;
            let after = &body[found.len..];
            (found, after)
        }
    };
    if !is_range(after) || !crate::date::is_valid_partial(&start.date) {
        return None;
    }
    let t = after.trim_start();
    let rest = ["-", "–", "—", "à ", "au ", "to ", "/"]
        .iter()
        .find_map(|sep| t.strip_prefix(sep))?
        .trim_start();
    let end = at_start(rest)?;
    // The end is no earlier than the start (compared on the precision both have).
    let n = start.date.len().min(end.date.len());
    if end.date[..n] < start.date[..n] {
        return None;
    }
    let end_at = text.len() - rest.len() + end.len;
    Some(Found {
        date: start.date,
        len: end_at,
    })
}

/// A word or a number of the text, with where it ends.
#[derive(Debug)]
struct Token<'a> {
    text: &'a str,
    end: usize,
}

/// The first words: runs of letters or digits; other characters separate them, except
/// `/`, `.` and `-` inside a number (`02/05/2013`, `2013-05`).
fn tokens(text: &str) -> Vec<Token<'_>> {
    let mut out = Vec::new();
    let mut pos = 0;
    while out.len() < 4 {
        let rest = &text[pos..];
        let Some(start) = rest.find(|c: char| c.is_alphanumeric()) else {
            break;
        };
        let gap = &rest[..start];
        if !gap
            .chars()
            .all(|c| c.is_whitespace() || c == ',' || c == '.')
        {
            break;
        }
        let word = &rest[start..];
        let numeric = word.starts_with(|c: char| c.is_ascii_digit());
        let len = word
            .char_indices()
            .find(|&(i, c)| {
                let joiner = numeric
                    && matches!(c, '/' | '.' | '-')
                    && word[i + 1..].starts_with(|d: char| d.is_ascii_digit());
                !(c.is_alphanumeric() || joiner)
            })
            .map_or(word.len(), |(i, _)| i);
        pos += start + len;
        out.push(Token {
            text: &word[..len],
            end: pos,
        });
    }
    out
}

/// `2013-05-02`, `2013-05`, `02/05/2013`, `2.5.2013`, `05/2013`.
fn numeric(_text: &str, tokens: &[Token<'_>]) -> Option<Found> {
    let first = tokens.first()?;
    let parts: Vec<&str> = first.text.split(['/', '.', '-']).collect();
    if parts.len() < 2
        || !parts
            .iter()
            .all(|p| !p.is_empty() && p.bytes().all(|b| b.is_ascii_digit()))
    {
        return None;
    }
    let date = match parts.as_slice() {
        [y, m] if y.len() == 4 && m.len() == 2 && first.text.contains('-') => format!("{y}-{m}"),
        [y, m, d] if y.len() == 4 && first.text.contains('-') => {
            format!(
                "{y}-{:02}-{:02}",
                m.parse::<u32>().ok()?,
                d.parse::<u32>().ok()?
            )
        }
        [m, y] if y.len() == 4 && m.len() <= 2 && !first.text.contains('-') => {
            format!("{y}-{:02}", m.parse::<u32>().ok()?)
        }
        [d, m, y] if y.len() == 4 && d.len() <= 2 && m.len() <= 2 => {
            format!(
                "{y}-{:02}-{:02}",
                m.parse::<u32>().ok()?,
                d.parse::<u32>().ok()?
            )
        }
        _ => return None,
    };
    Some(Found {
        date,
        len: first.end,
    })
}

/// `2 mai 2013`, `1er mai 2013`, `mai 2013`, `2 May 2013`.
fn day_month_year(_text: &str, tokens: &[Token<'_>]) -> Option<Found> {
    let (day, rest) = match tokens.first().map(|t| day_of(t.text)) {
        Some(Some(d)) => (Some(d), &tokens[1..]),
        _ => (None, tokens),
    };
    let month = month_of(rest.first()?.text)?;
    let y = rest.get(1).filter(|t| is_year(t.text))?;
    let date = match day {
        Some(d) => format!("{}-{month:02}-{d:02}", y.text),
        None => format!("{}-{month:02}", y.text),
    };
    Some(Found { date, len: y.end })
}

/// `May 2, 2013`.
fn month_day_year(_text: &str, tokens: &[Token<'_>]) -> Option<Found> {
    let month = month_of(tokens.first()?.text)?;
    let day = day_of(tokens.get(1)?.text)?;
    let y = tokens.get(2).filter(|t| is_year(t.text))?;
    Some(Found {
        date: format!("{}-{month:02}-{day:02}", y.text),
        len: y.end,
    })
}

/// `2013`.
fn year(tokens: &[Token<'_>]) -> Option<Found> {
    let y = tokens.first().filter(|t| is_year(t.text))?;
    Some(Found {
        date: y.text.to_string(),
        len: y.end,
    })
}

fn is_year(text: &str) -> bool {
    text.len() == 4
        && text.bytes().all(|b| b.is_ascii_digit())
        && (1000..=2999).contains(&text.parse::<u32>().unwrap_or(0))
}

fn day_of(text: &str) -> Option<u32> {
    let digits = text
        .strip_suffix("er")
        .or_else(|| text.strip_suffix("st"))
        .or_else(|| text.strip_suffix("nd"))
        .or_else(|| text.strip_suffix("rd"))
        .or_else(|| text.strip_suffix("th"))
        .unwrap_or(text);
    let d: u32 = digits.parse().ok().filter(|_| digits.len() <= 2)?;
    (1..=31).contains(&d).then_some(d)
}

fn month_of(text: &str) -> Option<u32> {
    let folded = deunicode::deunicode(text).to_ascii_lowercase();
    MONTHS
        .iter()
        .find(|(_, names)| names.contains(&folded.as_str()))
        .map(|(m, _)| *m)
}

/// What follows a date makes it a range: `-2015`, ` – 2015`, ` à 2015`, ` to 2015`.
fn is_range(after: &str) -> bool {
    let t = after.trim_start();
    let rest = ["-", "–", "—", "à ", "au ", "to ", "/"]
        .iter()
        .find_map(|sep| t.strip_prefix(sep));
    rest.is_some_and(|r| {
        let r = r.trim_start();
        let digits = r.len() - r.trim_start_matches(|c: char| c.is_ascii_digit()).len();
        digits == 4
            || (digits > 0 && month_of(r.split_whitespace().nth(1).unwrap_or("")).is_some())
            || r.split_whitespace().next().and_then(month_of).is_some()
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn full_and_partial_dates() {
        let cases = [
            ("2013", "2013"),
            ("mai 2013", "2013-05"),
            ("Mai 2013", "2013-05"),
            ("2013-05", "2013-05"),
            ("2013-05-02", "2013-05-02"),
            ("2 mai 2013", "2013-05-02"),
            ("1er mai 2013", "2013-05-01"),
            ("02/05/2013", "2013-05-02"),
            ("2/5/2013", "2013-05-02"),
            ("02.05.2013", "2013-05-02"),
            ("05/2013", "2013-05"),
            ("févr. 2014", "2014-02"),
            ("Août 2017", "2017-08"),
            ("May 2, 2013", "2013-05-02"),
            ("2 May 2013", "2013-05-02"),
        ];
        for (text, iso) in cases {
            assert_eq!(parse(text).as_deref(), Some(iso), "{text}");
        }
    }

    #[test]
    fn dates_at_the_start_of_a_line() {
        let found = at_start("mai 2013 : création de la SAS").expect("date");
        assert_eq!(found.date, "2013-05");
        assert_eq!(
            &"mai 2013 : création de la SAS"[found.len..],
            " : création de la SAS"
        );
        assert_eq!(
            at_start("2017 – installation").map(|f| f.date).as_deref(),
            Some("2017")
        );
    }

    #[test]
    fn periods_are_dated_by_their_start() {
        for (text, date, written) in [
            ("2015-2017 : travaux", "2015", "2015-2017"),
            ("2015 – 2017 : travaux", "2015", "2015 – 2017"),
            (
                "mai 2015 à juin 2017, travaux",
                "2015-05",
                "mai 2015 à juin 2017",
            ),
            ("De 2015 à 2017 : travaux", "2015", "De 2015 à 2017"),
            ("from 2015 to 2017: works", "2015", "from 2015 to 2017"),
            ("2015/2017 : travaux", "2015", "2015/2017"),
        ] {
            let found = period_at_start(text).expect(text);
            assert_eq!(
                (found.date.as_str(), &text[..found.len]),
                (date, written),
                "{text}"
            );
        }
        for text in [
            "2017-2015 : à l'envers",
            "2015 : une date",
            "2015-05 : un mois",
            "150-200 personnes",
            "de 2015",
        ] {
            assert_eq!(period_at_start(text), None, "{text}");
        }
    }

    #[test]
    fn not_dates() {
        for text in [
            "2013-2015 : trois ans de travaux",
            "2013 – 2015",
            "2013 à 2015",
            "mai à juin 2013",
            "31/02/2013",
            "2013-13",
            "Création en 2013",
            "150 personnes",
            "12 personnes en 2013",
            "mai",
            "",
            "0999",
        ] {
            assert_eq!(at_start(text), None, "{text}");
        }
    }
}
