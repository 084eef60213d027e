//! How numbers, dates, amounts and punctuation are written in each language, for the
//! tool's words and for content on its way out (never in the source).
//!
//! French follows the *Lexique des règles typographiques en usage à l'Imprimerie
//! nationale*: a no-break space (U+00A0) before `:` and inside `« »`, a narrow no-break
//! space (U+202F) before `; ! ?` and between groups of thousands, a no-break space between
//! a number and its unit, `%` or currency sign, the typographic apostrophe (’), and dates
//! written out ("1er mai 2013"). English gets the apostrophe and its own dates ("May 1,
//! 2013"). [`text`] applies the rules to a text node: callers keep it away from code,
//! attributes and URLs.

use super::{plural, Lang};

const NBSP: char = '\u{a0}';
const NNBSP: char = '\u{202f}';

/// The months in French, January first (lower case, as French writes them).
pub(crate) const MONTHS_FR: [&str; 12] = [
    "janvier",
    "février",
    "mars",
    "avril",
    "mai",
    "juin",
    "juillet",
    "août",
    "septembre",
    "octobre",
    "novembre",
    "décembre",
];
/// The months in English, January first.
pub(crate) const MONTHS_EN: [&str; 12] = [
    "January",
    "February",
    "March",
    "April",
    "May",
    "June",
    "July",
    "August",
    "September",
    "October",
    "November",
    "December",
];

/// A date of the format (`YYYY`, `YYYY-MM` or `YYYY-MM-DD`) written out: "1er mai 2013",
/// "mai 2013", "2013"; "May 1, 2013". `None` when it is not a real date.
pub fn long_date(lang: Lang, iso: &str) -> Option<String> {
    if !crate::date::is_valid_partial(iso) {
        return None;
    }
    let mut parts = iso.split('-');
    let year = parts.next()?;
    let month = parts.next().and_then(|m| m.parse::<usize>().ok());
    let day = parts.next().and_then(|d| d.parse::<u32>().ok());
    let name = |m: usize| match lang {
        Lang::Fr => MONTHS_FR[m - 1],
        Lang::En => MONTHS_EN[m - 1],
    };
    Some(match (lang, month, day) {
        (_, None, _) => year.to_string(),
        (_, Some(m), None) => format!("{}{NBSP}{year}", name(m)),
        (Lang::Fr, Some(m), Some(1)) => format!("1er{NBSP}{}{NBSP}{year}", name(m)),
        (Lang::Fr, Some(m), Some(d)) => format!("{d}{NBSP}{}{NBSP}{year}", name(m)),
        (Lang::En, Some(m), Some(d)) => format!("{}{NBSP}{d}, {year}", name(m)),
    })
}

/// "depuis le 1er mai 2013", "depuis mai 2013", "since May 1, 2013".
pub fn since(lang: Lang, iso: &str) -> Option<String> {
    let date = long_date(lang, iso)?;
    Some(match lang {
        Lang::Fr if iso.len() == 10 => format!("depuis le {date}"),
        Lang::Fr => format!("depuis {date}"),
        Lang::En => format!("since {date}"),
    })
}

/// "jusqu’au 30 juin 2019", "jusqu’en juin 2019", "until June 30, 2019".
pub fn until(lang: Lang, iso: &str) -> Option<String> {
    let date = long_date(lang, iso)?;
    Some(match lang {
        Lang::Fr if iso.len() == 10 => format!("jusqu’au {date}"),
        Lang::Fr => format!("jusqu’en {date}"),
        Lang::En => format!("until {date}"),
    })
}

/// A label and the colon that introduces what follows it, as the language writes them:
/// "Décision\u{a0}:" in French (a no-break space, the *Lexique*'s rule), "Decision:" in
/// English. Every colon the tool writes after its own words goes through here (the site's
/// templates with `{{ word | colon }}`), never a literal " : " that would read French in
/// English.
pub fn colon(lang: Lang, label: &str) -> String {
    match lang {
        Lang::Fr => format!("{label}{NBSP}:"),
        Lang::En => format!("{label}:"),
    }
}

/// A quotation in the language's marks: "«\u{a0}oui\u{a0}»" in French, "“yes”" in English.
pub fn quoted(lang: Lang, text: &str) -> String {
    match lang {
        Lang::Fr => format!("«{NBSP}{text}{NBSP}»"),
        Lang::En => format!("“{text}”"),
    }
}

/// The sign of a currency code when it has a common one (`EUR` → `€`).
/// Whether `unit` is a currency (a code with a sign, or the sign itself): its amounts with
/// cents are written with two.
pub fn is_currency(unit: &str) -> bool {
    currency_sign(unit).is_some() || ["€", "$", "£", "¥"].contains(&unit)
}

fn currency_sign(code: &str) -> Option<&'static str> {
    match code {
        "EUR" => Some("€"),
        "USD" => Some("$"),
        "GBP" => Some("£"),
        "JPY" => Some("¥"),
        _ => None,
    }
}

/// A unit as a reader names it on its own (a table's unit column): a currency by its sign
/// when it has a common one (`EUR` → `€`), a unit of time in the site's language
/// ([`unit_in`]), any other unit as written.
pub fn unit_label(lang: Lang, unit: &str) -> std::borrow::Cow<'_, str> {
    match currency_sign(unit.trim()) {
        Some(sign) => std::borrow::Cow::Borrowed(sign),
        None => unit_in(lang, unit),
    }
}

/// The units of time, as French and English write them (singular). FORMAT.md names
/// `heure` among the units of a flow and `jour` for a price, and the English templates
/// of `init` write them so: they are the format's words, which a site shows in its own
/// language, as it shows a currency by its sign.
const TIME_UNITS: &[(&str, &str)] = &[
    ("heure", "hour"),
    ("jour", "day"),
    ("journée", "day"),
    ("demi-journée", "half-day"),
    ("semaine", "week"),
    ("mois", "month"),
    ("année", "year"),
    ("an", "year"),
    ("nuit", "night"),
];

/// A unit in `lang`: a unit of time of [`TIME_UNITS`] written alone (in the singular or
/// the plural) becomes the same unit in the site's language (`heures` → `hour` on an
/// English site, `days` → `jour` on a French one), in the singular; any other unit, a
/// phrase such as `heure de bénévolat` included, as written (trimmed).
pub fn unit_in(lang: Lang, unit: &str) -> std::borrow::Cow<'_, str> {
    use std::borrow::Cow;
    let singular = unit_singular(unit);
    let found = match lang {
        Lang::En => TIME_UNITS
            .iter()
            .find(|(fr, _)| *fr == singular)
            .map(|(_, en)| *en),
        Lang::Fr => TIME_UNITS
            .iter()
            .find(|(_, en)| *en == singular)
            .map(|(fr, _)| *fr),
    };
    match found {
        Some(word) => Cow::Borrowed(word),
        None => Cow::Borrowed(unit.trim()),
    }
}

/// Units people often write in the plural: their language, plural and singular. The
/// amount decides the number ("1 heure", "24 heures"), so a flow in `heures` is counted
/// and shown in `heure` (`model::unit_key`); a unit word of this table takes its own
/// language's plural whatever the site's (`travail` → `travaux` on an English site too),
/// which is the plural listed.
/// A word not listed is kept as written and takes the plural of the site's language.
pub const UNIT_PLURALS: &[(Lang, &str, &str)] = &[
    (Lang::Fr, "heures", "heure"),
    (Lang::Fr, "jours", "jour"),
    (Lang::Fr, "journées", "journée"),
    (Lang::Fr, "demi-journées", "demi-journée"),
    (Lang::Fr, "semaines", "semaine"),
    (Lang::Fr, "années", "année"),
    (Lang::Fr, "ans", "an"),
    (Lang::Fr, "nuits", "nuit"),
    (Lang::Fr, "personnes", "personne"),
    (Lang::Fr, "places", "place"),
    (Lang::Fr, "séances", "séance"),
    (Lang::Fr, "ateliers", "atelier"),
    (Lang::Fr, "paniers", "panier"),
    (Lang::Fr, "pièces", "pièce"),
    (Lang::Fr, "unités", "unité"),
    (Lang::Fr, "points", "point"),
    (Lang::Fr, "litres", "litre"),
    (Lang::Fr, "kilos", "kilo"),
    (Lang::Fr, "grammes", "gramme"),
    (Lang::Fr, "tonnes", "tonne"),
    (Lang::Fr, "travaux", "travail"),
    (Lang::Fr, "chevaux", "cheval"),
    (Lang::En, "hours", "hour"),
    (Lang::En, "days", "day"),
    (Lang::En, "weeks", "week"),
    (Lang::En, "months", "month"),
    (Lang::En, "years", "year"),
    (Lang::En, "meals", "meal"),
];

/// A unit of [`UNIT_PLURALS`] written in the plural, in the singular (`heures` → `heure`,
/// `jours de travail` → `jour de travail`: the first word); any other unit as written
/// (trimmed). What follows "par" in a price ("60 € par jour") and the key flows add up by.
pub fn unit_singular(unit: &str) -> std::borrow::Cow<'_, str> {
    use std::borrow::Cow;
    let unit = unit.trim();
    let (first, rest) = unit.split_once(' ').map_or((unit, ""), |(f, r)| (f, r));
    match UNIT_PLURALS.iter().find(|(_, plural, _)| *plural == first) {
        Some((_, _, singular)) if rest.is_empty() => Cow::Borrowed(singular),
        Some((_, _, singular)) => Cow::Owned(format!("{singular} {rest}")),
        None => Cow::Borrowed(unit),
    }
}

/// Units that are symbols (never take a plural): SI and common abbreviations.
fn is_symbol(unit: &str) -> bool {
    // `an` is a word, however short.
    if UNIT_PLURALS
        .iter()
        .any(|(_, _, singular)| *singular == unit)
    {
        return false;
    }
    let lower = unit.to_lowercase();
    unit.chars().any(|c| c.is_uppercase() || c.is_ascii_digit())
        || unit.chars().count() <= 2
        || [
            "kwh", "mwh", "gwh", "km", "kg", "cm", "mm", "min", "co2", "tco2",
        ]
        .contains(&lower.as_str())
}

/// A unit after an amount: currencies by their sign, words in the plural the amount asks
/// for ("24 heures", "1,5 heure" in French; "1.5 hours" in English), symbols as written.
/// `amount` is the number as already written for the language (`1 200,5`).
pub fn amount(lang: Lang, value: f64, amount: &str, unit: &str) -> String {
    let unit = unit_in(lang, unit);
    let unit = unit.as_ref();
    if unit.is_empty() {
        return amount.to_string();
    }
    if unit == "%" {
        // "30 %" in French, "30%" in English.
        return match lang {
            Lang::Fr => format!("{amount}{NBSP}%"),
            Lang::En => format!("{amount}%"),
        };
    }
    if let Some(sign) = currency_sign(unit) {
        return match lang {
            Lang::Fr => format!("{amount}{NBSP}{sign}"),
            Lang::En => format!("{sign}{amount}"),
        };
    }
    if unit.len() == 3 && unit.chars().all(|c| c.is_ascii_uppercase()) {
        return format!("{amount}{NBSP}{unit}");
    }
    let word = if is_symbol(unit) {
        unit.to_string()
    } else {
        plural_of_amount(lang, value).pick(unit.to_string(), pluralise(lang, unit))
    };
    format!("{amount}{NBSP}{word}")
}

/// CLDR's category for a decimal amount: French `one` is 0 ≤ n < 2, English `one` is
/// exactly 1 (`i = 1 and v = 0`).
fn plural_of_amount(lang: Lang, value: f64) -> plural::Plural {
    if value.fract() == 0.0 && (0.0..1e15).contains(&value) {
        return plural::plural(lang, value as usize);
    }
    match lang {
        Lang::Fr if (0.0..2.0).contains(&value) => plural::Plural::One,
        _ => plural::Plural::Other,
    }
}

/// The regular plural of a unit word (each word of it in French: "heure de travail" →
/// "heures de travail" is out of reach, so only the first word changes).
fn pluralise(lang: Lang, unit: &str) -> String {
    let (first, rest) = match unit.split_once(' ') {
        Some((f, r)) => (f, format!(" {r}")),
        None => (unit, String::new()),
    };
    // A unit word whose language is known takes that language's plural (French content
    // on an English site: "2 travaux", not "2 travails"). A word with a capital is a
    // symbol (`is_symbol`): only lower case comes here.
    let lang = UNIT_PLURALS
        .iter()
        .find(|(_, _, singular)| *singular == first)
        .map_or(lang, |(own, _, _)| *own);
    let plural = match lang {
        _ if first.ends_with(['s', 'x', 'z']) => first.to_string(),
        Lang::Fr => french_plural(first),
        Lang::En if first.ends_with('y') && !first.ends_with("ay") && !first.ends_with("ey") => {
            format!("{}ies", &first[..first.len() - 1])
        }
        Lang::En => format!("{first}s"),
    };
    format!("{plural}{rest}")
}

/// The plural of a French noun by the rules of the *Grevisse* (*Le Bon Usage*, §§ 514–518):
/// `-au`, `-eau`, `-eu` take an `x` (but *landau*, *sarrau*, *bleu*, *pneu*, *émeu*), `-al`
/// becomes `-aux` (but *bal*, *carnaval*, *chacal*, *festival*, *récital*, *régal*…), seven
/// nouns in `-ail` become `-aux` (*travail*, *bail*, *corail*, *émail*, *soupirail*,
/// *vantail*, *vitrail*) and seven in `-ou` take an `x` (*bijou*, *caillou*, *chou*,
/// *genou*, *hibou*, *joujou*, *pou*); every other noun takes an `s`.
fn french_plural(word: &str) -> String {
    const AL_S: &[&str] = &[
        "bal",
        "cal",
        "carnaval",
        "cérémonial",
        "chacal",
        "choral",
        "festival",
        "nopal",
        "pal",
        "récital",
        "régal",
        "santal",
    ];
    const AIL_AUX: &[&str] = &[
        "bail",
        "corail",
        "émail",
        "soupirail",
        "travail",
        "vantail",
        "vitrail",
    ];
    const OU_X: &[&str] = &[
        "bijou", "caillou", "chou", "genou", "hibou", "joujou", "pou",
    ];
    const AU_EU_S: &[&str] = &["bleu", "émeu", "landau", "pneu", "sarrau"];
    let lower = word.to_lowercase();
    if AL_S.contains(&lower.as_str()) || AU_EU_S.contains(&lower.as_str()) {
        return format!("{word}s");
    }
    if let Some(stem) = word.strip_suffix("al") {
        return format!("{stem}aux");
    }
    if AIL_AUX.contains(&lower.as_str()) {
        return format!("{}aux", &word[..word.len() - "ail".len()]);
    }
    if OU_X.contains(&lower.as_str()) || word.ends_with("au") || word.ends_with("eu") {
        return format!("{word}x");
    }
    format!("{word}s")
}

/// Applies the typographic rules of `lang` to a piece of running text (see the module's
/// documentation). Words that look like addresses (`https://…`, `a@b.org`) are left alone.
pub fn text(lang: Lang, s: &str) -> String {
    let mut out = String::with_capacity(s.len() + 8);
    text_into(lang, s, &mut out);
    out
}

/// [`text`] written at the end of `out`. The rules look back into `out` (a letter before
/// an apostrophe, a digit before a space, spaces before a sign): what it ends with must be
/// what may precede the text (nothing, or an element's tag).
pub fn text_into(lang: Lang, s: &str, out: &mut String) {
    // Most texts hold no address: one search each rather than one per word.
    if !(s.contains("://") || s.contains('@') || s.contains("www.")) {
        rules(lang, s, out);
        return;
    }
    // The text between addresses, ruled as a whole.
    let mut prose_start = 0;
    let mut at = 0;
    while at < s.len() {
        let start = s[at..]
            .find(|c: char| !c.is_whitespace())
            .map_or(s.len(), |i| at + i);
        let end = s[start..]
            .find(char::is_whitespace)
            .map_or(s.len(), |e| start + e);
        let word = &s[start..end];
        if word.contains("://") || word.contains('@') || word.starts_with("www.") {
            rules(lang, &s[prose_start..start], out);
            out.push_str(word);
            prose_start = end;
        }
        at = end;
    }
    rules(lang, &s[prose_start..], out);
}

/// Whether a rule can start at a byte of this value: the apostrophe, a digit (a date), and
/// in French the signs that take a space, a space (after a number) and the first byte of
/// `«` and `»` (U+00AB, U+00BB, UTF-8 `C2 AB`, `C2 BB`; no continuation byte is `C2`).
fn starts_a_rule(lang: Lang, b: u8) -> bool {
    match b {
        b'\'' | b'0'..=b'9' => true,
        b':' | b';' | b'!' | b'?' | b' ' | 0xC2 => lang == Lang::Fr,
        _ => false,
    }
}

/// The rules proper, on text that holds no address; `out` holds what came before. The text
/// between the bytes that can start a rule is copied as it is, in one piece.
fn rules(lang: Lang, s: &str, out: &mut String) {
    let bytes = s.as_bytes();
    // `s[copied..i]` is still to be copied into `out`.
    let mut copied = 0;
    let mut i = 0;
    while i < bytes.len() {
        if !starts_a_rule(lang, bytes[i]) {
            i += 1;
            continue;
        }
        // Each byte `starts_a_rule` accepts is a character's first: `i` is a boundary.
        out.push_str(&s[copied..i]);
        let rest = &s[i..];
        let Some(c) = rest.chars().next() else {
            break;
        };
        let next = rest[c.len_utf8()..].chars().next();
        let mut len = c.len_utf8();
        if c.is_ascii_digit() {
            if let Some(date) = iso_date_at(lang, s, i, out) {
                out.push_str(&date);
                i += 10;
                copied = i;
                continue;
            }
        }
        match (lang, c) {
            // Between letters, or after one at the end of a text that an element continues
            // ("l'<strong>auteur</strong>").
            (_, '\'') if letter_before(out) && next.is_none_or(char::is_alphabetic) => {
                out.push('’')
            }
            (Lang::Fr, ':') => before_punctuation(out, NBSP, c),
            (Lang::Fr, ';' | '!' | '?') => before_punctuation(out, NNBSP, c),
            (Lang::Fr, '«') => {
                out.push('«');
                // A no-break space already there is the one the rule writes.
                for n in rest['«'.len_utf8()..].chars() {
                    if !(breakable(n) || [NBSP, NNBSP].contains(&n)) {
                        break;
                    }
                    len += n.len_utf8();
                }
                out.push(NBSP);
            }
            (Lang::Fr, '»') => {
                let trimmed = out.trim_end_matches(breakable).len();
                out.truncate(trimmed);
                if !out.ends_with([NBSP, NNBSP]) {
                    out.push(NBSP);
                }
                out.push('»');
            }
            (Lang::Fr, ' ') if out.ends_with(|d: char| d.is_ascii_digit()) => {
                // An amount in euros has one spelling, the sign ("2 000 euros", "3 200
                // EUR" → "2 000 €"), as the amounts of the site's own are written.
                match euro_word(&rest[1..]) {
                    Some(word) => {
                        out.push(NBSP);
                        out.push('€');
                        len += word;
                    }
                    None => out.push(after_number(&rest[1..])),
                }
            }
            _ => out.push(c),
        }
        i += len;
        copied = i;
    }
    out.push_str(&s[copied..]);
}

/// A space that a line may break at.
fn breakable(c: char) -> bool {
    c == ' ' || c == '\t' || c == '\n' || c == '\r'
}

fn letter_before(out: &str) -> bool {
    out.chars().next_back().is_some_and(char::is_alphabetic)
}

/// `:` after a space ("Décisions :") takes a no-break one; `;!?` a narrow one. Without
/// a space before it (a time, "Decision:", "?!"), the sign is left as written.
fn before_punctuation(out: &mut String, space: char, sign: char) {
    // A text that starts with the space follows an element ("<a>…</a> :"): the same rule.
    let trimmed = out.trim_end_matches(breakable).len();
    if trimmed < out.len() {
        out.truncate(trimmed);
        out.push(space);
    }
    out.push(sign);
}

/// The space after a number: narrow and unbreakable between groups of thousands
/// ("1 200"), unbreakable before a unit, a sign or a word ("24 heures", "50 %").
fn after_number(next: &str) -> char {
    let digits = next.bytes().take_while(u8::is_ascii_digit).count();
    match next.chars().next() {
        _ if digits == 3 => NNBSP,
        Some(c) if c.is_alphabetic() || "%€$£¥".contains(c) => NBSP,
        _ => ' ',
    }
}

/// The length of the word for the euro that `next` starts with (`EUR`, `euro`, `euros`,
/// any case), standing alone: not the start of a longer word ("européen").
fn euro_word(next: &str) -> Option<usize> {
    let word = next
        .find(|c: char| !c.is_alphanumeric())
        .map_or(next, |end| &next[..end]);
    ["eur", "euro", "euros"]
        .iter()
        .any(|w| word.eq_ignore_ascii_case(w))
        .then_some(word.len())
}

/// An ISO date (`2013-05-02`) standing alone at byte `i` of `s`, written out.
fn iso_date_at(lang: Lang, s: &str, i: usize, out: &str) -> Option<String> {
    // Ten characters that make a date are ten ASCII bytes.
    let candidate = s.get(i..i + 10)?;
    let alone_before = !out
        .chars()
        .next_back()
        .is_some_and(|c| c.is_alphanumeric() || c == '-' || c == '/');
    let alone_after = !s[i + 10..]
        .chars()
        .next()
        .is_some_and(|c| c.is_alphanumeric() || c == '-');
    if !(alone_before && alone_after && crate::date::is_valid(candidate)) {
        return None;
    }
    long_date(lang, candidate)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn dates_are_written_out() {
        assert_eq!(
            long_date(Lang::Fr, "2013-05-02").as_deref(),
            Some("2\u{a0}mai\u{a0}2013")
        );
        assert_eq!(
            long_date(Lang::Fr, "2013-05-01").as_deref(),
            Some("1er\u{a0}mai\u{a0}2013")
        );
        assert_eq!(
            long_date(Lang::En, "2013-05-02").as_deref(),
            Some("May\u{a0}2, 2013")
        );
        assert_eq!(
            long_date(Lang::Fr, "2013-08").as_deref(),
            Some("août\u{a0}2013")
        );
        assert_eq!(long_date(Lang::En, "2011").as_deref(), Some("2011"));
        assert_eq!(long_date(Lang::Fr, "2013-02-30"), None);
    }

    #[test]
    fn periods_take_their_prepositions() {
        assert_eq!(
            since(Lang::Fr, "2013-05-02").as_deref(),
            Some("depuis le 2\u{a0}mai\u{a0}2013")
        );
        assert_eq!(since(Lang::Fr, "2013").as_deref(), Some("depuis 2013"));
        assert_eq!(
            until(Lang::Fr, "2019-06").as_deref(),
            Some("jusqu’en juin\u{a0}2019")
        );
        assert_eq!(
            until(Lang::En, "2019-06-30").as_deref(),
            Some("until June\u{a0}30, 2019")
        );
    }

    #[test]
    fn amounts_take_signs_and_plurals() {
        assert_eq!(amount(Lang::Fr, 450.0, "450", "EUR"), "450\u{a0}€");
        assert_eq!(unit_label(Lang::Fr, "EUR"), "€");
        assert_eq!(unit_label(Lang::Fr, "heure"), "heure");
        assert_eq!(unit_label(Lang::En, "heure"), "hour");
        assert_eq!(unit_label(Lang::Fr, "hours"), "heure");
        assert_eq!(amount(Lang::En, 450.0, "450", "EUR"), "€450");
        assert_eq!(amount(Lang::Fr, 24.0, "24", "heure"), "24\u{a0}heures");
        assert_eq!(amount(Lang::Fr, 1.5, "1,5", "heure"), "1,5\u{a0}heure");
        assert_eq!(amount(Lang::En, 1.5, "1.5", "hour"), "1.5\u{a0}hours");
        assert_eq!(amount(Lang::Fr, 0.0, "0", "jour"), "0\u{a0}jour");
        assert_eq!(amount(Lang::Fr, 300.0, "300", "kWh"), "300\u{a0}kWh");
        assert_eq!(amount(Lang::Fr, 12.0, "12", "CHF"), "12\u{a0}CHF");
        assert_eq!(amount(Lang::Fr, 3.0, "3", "repas"), "3\u{a0}repas");
        assert_eq!(amount(Lang::Fr, 3.0, "3", "panneau"), "3\u{a0}panneaux");
        assert_eq!(amount(Lang::Fr, 2.0, "2", "travail"), "2\u{a0}travaux");
        assert_eq!(amount(Lang::Fr, 2.0, "2", "cheval"), "2\u{a0}chevaux");
        assert_eq!(amount(Lang::Fr, 2.0, "2", "festival"), "2\u{a0}festivals");
        assert_eq!(amount(Lang::Fr, 2.0, "2", "pneu"), "2\u{a0}pneus");
        assert_eq!(amount(Lang::Fr, 2.0, "2", "caillou"), "2\u{a0}cailloux");
        assert_eq!(amount(Lang::Fr, 2.0, "2", "détail"), "2\u{a0}détails");
        assert_eq!(
            amount(Lang::Fr, 2.0, "2", "journal de bord"),
            "2\u{a0}journaux de bord"
        );
        assert_eq!(amount(Lang::En, 2.0, "2", "activity"), "2\u{a0}activities");
        assert_eq!(amount(Lang::Fr, 30.0, "30", "%"), "30\u{a0}%");
        assert_eq!(amount(Lang::En, 30.0, "30", "%"), "30%");
    }

    /// A listed unit word takes its own language's plural on a site of either language,
    /// and that plural is the one the table lists (the table and the rules agree).
    #[test]
    fn listed_units_take_their_own_plural_on_either_site() {
        for (own, plural, singular) in UNIT_PLURALS {
            for site in [Lang::Fr, Lang::En] {
                // A unit of time is shown in the site's language (below).
                let of_time = TIME_UNITS
                    .iter()
                    .any(|(fr, en)| [fr, en].contains(&singular));
                if of_time && site != *own {
                    continue;
                }
                assert_eq!(
                    amount(site, 2.0, "2", singular),
                    format!("2\u{a0}{plural}"),
                    "{singular} on a {site:?} site"
                );
            }
        }
        assert_eq!(amount(Lang::En, 2.0, "2", "travail"), "2\u{a0}travaux");
        // The format's units of time are shown in the site's language, however written.
        assert_eq!(amount(Lang::En, 12.0, "12", "heure"), "12\u{a0}hours");
        assert_eq!(amount(Lang::En, 1.0, "1", "heures"), "1\u{a0}hour");
        assert_eq!(
            amount(Lang::En, 2.0, "2", "demi-journée"),
            "2\u{a0}half-days"
        );
        assert_eq!(amount(Lang::Fr, 2.0, "2", "days"), "2\u{a0}jours");
        assert_eq!(amount(Lang::Fr, 2.0, "2", "mois"), "2\u{a0}mois");
        assert_eq!(amount(Lang::En, 2.0, "2", "mois"), "2\u{a0}months");
        assert_eq!(
            amount(Lang::En, 2.0, "2", "heure de travail"),
            "2\u{a0}heures de travail"
        );
        // What follows "par" in a price is one of the unit.
        assert_eq!(unit_singular(" jours "), "jour");
        assert_eq!(unit_singular("heures de travail"), "heure de travail");
        assert_eq!(unit_singular("séance"), "séance");
        // Unknown words take the site's rules.
        assert_eq!(amount(Lang::En, 2.0, "2", "workshop"), "2\u{a0}workshops");
    }

    #[test]
    fn french_punctuation_gets_its_spaces() {
        let fr = |s| text(Lang::Fr, s);
        assert_eq!(
            fr("Décisions : une ; deux ! trois ?"),
            "Décisions\u{a0}: une\u{202f}; deux\u{202f}! trois\u{202f}?"
        );
        assert_eq!(fr("« oui »"), "«\u{a0}oui\u{a0}»");
        assert_eq!(fr("«oui»"), "«\u{a0}oui\u{a0}»");
        assert_eq!(
            fr("1 200 € et 50 % de 3 heures"),
            "1\u{202f}200\u{a0}€ et 50\u{a0}% de 3\u{a0}heures"
        );
        // One spelling of an amount in euros, the sign; the word alone stays a word.
        assert_eq!(
            fr("1 500 euros par mois, 3 200 EUR versés, 1 Euro."),
            "1\u{202f}500\u{a0}€ par mois, 3\u{202f}200\u{a0}€ versés, 1\u{a0}€."
        );
        assert_eq!(
            fr("les euros, 2 européens, 12 eurodollars"),
            "les euros, 2\u{a0}européens, 12\u{a0}eurodollars"
        );
        assert_eq!(text(Lang::En, "2 euros"), "2 euros");
        assert_eq!(fr("l'atelier d'Amadou"), "l’atelier d’Amadou");
        assert_eq!(fr("Créée le 2013-05-02."), "Créée le 2\u{a0}mai\u{a0}2013.");
        // What is not prose is left as it is.
        assert_eq!(
            fr("Decision: 10:30 ?! 2013 2014"),
            "Decision: 10:30\u{202f}?! 2013 2014"
        );
        assert_eq!(
            fr("voir https://x.org/?a=b ; c'est"),
            "voir https://x.org/?a=b\u{202f}; c’est"
        );
        assert_eq!(fr("réf. 2013-05-02-a"), "réf. 2013-05-02-a");
        assert_eq!(fr(" : après un lien"), "\u{a0}: après un lien");
    }

    #[test]
    fn labels_and_quotations_follow_the_language() {
        assert_eq!(colon(Lang::Fr, "Décision"), "Décision\u{a0}:");
        assert_eq!(colon(Lang::En, "Decision"), "Decision:");
        assert_eq!(quoted(Lang::Fr, "oui"), "«\u{a0}oui\u{a0}»");
        assert_eq!(quoted(Lang::En, "yes"), "“yes”");
        // What the tool writes is already what the page's typography would make of it.
        for lang in [Lang::Fr, Lang::En] {
            for s in [colon(lang, "Source"), quoted(lang, "x")] {
                assert_eq!(text(lang, &s), s);
            }
        }
    }

    #[test]
    fn english_keeps_its_spacing() {
        assert_eq!(
            text(Lang::En, "Decisions: it's 2013-05-02 ; ok"),
            "Decisions: it’s May\u{a0}2, 2013 ; ok"
        );
    }

    /// The rules as they were written first, one character at a time (each position
    /// tried as the start of a date): what [`rules`], which copies the text between the
    /// bytes that can start a rule in one piece, must equal.
    fn reference_rules(lang: Lang, s: &str, out: &mut String) {
        let chars: Vec<char> = s.chars().collect();
        let mut i = 0;
        while i < chars.len() {
            let c = chars[i];
            let candidate: String = chars.get(i..i + 10).unwrap_or_default().iter().collect();
            let alone_before = !out
                .chars()
                .next_back()
                .is_some_and(|c| c.is_alphanumeric() || c == '-' || c == '/');
            let alone_after = !chars
                .get(i + 10)
                .is_some_and(|c| c.is_alphanumeric() || *c == '-');
            if alone_before && alone_after && crate::date::is_valid(&candidate) {
                if let Some(date) = long_date(lang, &candidate) {
                    out.push_str(&date);
                    i += 10;
                    continue;
                }
            }
            match (lang, c) {
                (_, '\'')
                    if letter_before(out) && chars.get(i + 1).is_none_or(|n| n.is_alphabetic()) =>
                {
                    out.push('’')
                }
                (Lang::Fr, ':') => before_punctuation(out, NBSP, c),
                (Lang::Fr, ';' | '!' | '?') => before_punctuation(out, NNBSP, c),
                (Lang::Fr, '«') => {
                    out.push('«');
                    while chars
                        .get(i + 1)
                        .is_some_and(|n| breakable(*n) || [NBSP, NNBSP].contains(n))
                    {
                        i += 1;
                    }
                    out.push(NBSP);
                }
                (Lang::Fr, '»') => {
                    let trimmed = out.trim_end_matches(breakable).len();
                    out.truncate(trimmed);
                    if !out.ends_with([NBSP, NNBSP]) {
                        out.push(NBSP);
                    }
                    out.push('»');
                }
                (Lang::Fr, ' ') if out.ends_with(|d: char| d.is_ascii_digit()) => {
                    let next = &chars[i + 1..];
                    let digits = next.iter().take_while(|c| c.is_ascii_digit()).count();
                    out.push(match next.first() {
                        _ if digits == 3 => NNBSP,
                        Some(c) if c.is_alphabetic() || "%€$£¥".contains(*c) => NBSP,
                        _ => ' ',
                    })
                }
                _ => out.push(c),
            }
            i += 1;
        }
    }

    proptest::proptest! {
        /// Texts made of what the rules look at (signs, spaces of every kind, digits,
        /// dates, guillemets, apostrophes, letters, other multi-byte characters) read the
        /// same through the fast rules as through the reference, after any text before.
        #[test]
        fn the_rules_equal_the_character_by_character_reference(
            before in "[a-z0-9> ]{0,2}",
            pieces in proptest::collection::vec(
                proptest::prop_oneof![
                    "[ :;!?'«»\u{a0}\u{202f}\t\n%€a-zé0-9-]{0,12}",
                    proptest::strategy::Just("2013-05-02".to_string()),
                    proptest::strategy::Just("2024-02-30".to_string()),
                    proptest::strategy::Just("1 200".to_string()),
                    proptest::strategy::Just("\u{c2}\u{ab}".to_string()),
                ],
                0..10,
            ),
        ) {
            let text: String = pieces.concat();
            for lang in [Lang::Fr, Lang::En] {
                let (mut fast, mut slow) = (before.clone(), before.clone());
                rules(lang, &text, &mut fast);
                reference_rules(lang, &text, &mut slow);
                proptest::prop_assert_eq!(&fast, &slow);
            }
        }
    }
}
