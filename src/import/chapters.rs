//! Which chapter of the method a heading names: the one recognition table of `import`.
//!
//! Organisations title their chapters in many ways ("Raison d'Être", "2. Modèle
//! économique", "III – Plan social et humain", "Juridique & financier", "Gouvernance du
//! #CodeSocial"). A heading is folded (accents, case, punctuation, numbering), its usual
//! prefixes are peeled off one by one ("le", "notre", "modèle", "plan"…), and each stage is
//! looked up in [`CHAPTERS`]; a heading made only of plan words joined by "et", "&", "/" or
//! "," names those plans ([`PLAN_WORDS`]). Everything here is data: a new variant is a new
//! line in a table, and the tests name every variant.
//!
//! Before a lookup, tables and headings go through the same normaliser: emoji and
//! punctuation dropped, numbering (`2.`, `II –`, `A.`, `Article 1er -`) and stopwords
//! removed, every word in the singular; a heading that is still not recognised is tried
//! again without its decoration (`(en cours de rédaction)`, `— version 2`).

use std::collections::HashMap;
use std::sync::LazyLock;

/// What a heading introduces.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Target {
    /// An introduction before the chapters ("Introduction", "Préambule").
    Preamble,
    Raison,
    Histoire,
    Informations,
    /// One plan, or several merged into one chapter ("Juridique et financier"), as
    /// default plan ids in the method's order.
    Plans(Vec<&'static str>),
    Modification,
    /// The pyramid, or the people it names ("Personnes référentes", "Auteurs").
    Pyramide,
    /// An appendix: a glossary, the statutes, references.
    Annexe,
    /// A chapter whose place in the format is structured data the text does not give
    /// (wealth matrices, the contributive catalogue): kept as an appendix.
    Unstructured,
    /// A heading that only groups the chapters under it ("Principes", "Les plans").
    Container,
}

/// Folded phrases (see [`fold`]) naming a chapter, after numbering and prefixes are removed.
/// The people cues of [`super::people::CUES`] name the pyramid's chapter too.
pub const CHAPTERS: &[(Target, &[&str])] = &[
    (
        Target::Preamble,
        &[
            "introduction",
            "preambule",
            "avant propos",
            "edito",
            "editorial",
            "presentation",
            "presentation du codesocial",
            "foreword",
            "preamble",
        ],
    ),
    (
        Target::Raison,
        &[
            "raison d etre",
            "raisons d etre",
            "raison d etre et valeurs",
            "purpose",
            "reason for being",
            "raison detre",
        ],
    ),
    (
        Target::Histoire,
        &[
            "historique",
            "histoire",
            "genese",
            "chronologie",
            "history",
            "timeline",
            "our story",
        ],
    ),
    (
        Target::Informations,
        &[
            "informations generales",
            "informations",
            "information",
            "informations pratiques",
            "infos",
            "infos pratiques",
            "infos generales",
            "general information",
            "identite",
            "fiche d identite",
            "carte d identite",
            "coordonnees",
        ],
    ),
    (
        Target::Modification,
        &[
            "modalites de modification",
            "modalites de modification du codesocial",
            "modalites d evolution",
            "modification du codesocial",
            "modifications du codesocial",
            "modifier le codesocial",
            "comment modifier le codesocial",
            "faire evoluer le codesocial",
            "comment faire evoluer le codesocial",
            "evolution du codesocial",
            "gouvernance du codesocial",
            "regles de modification",
            "procedure de modification",
            "modification",
            "modifications",
            "amendements",
            "amendment rules",
            "amending the codesocial",
        ],
    ),
    (
        Target::Pyramide,
        &[
            "pyramide inversee",
            "pyramide",
            "inverted pyramid",
            "auteurs et contributeurs",
            "contributeurs et contributrices",
        ],
    ),
    (
        Target::Unstructured,
        &[
            "matrices de richesses",
            "matrice de richesses",
            "matrices de richesse",
            "catalogue contributif",
            "catalogue",
            "wealth matrices",
            "contributive catalogue",
        ],
    ),
    (
        Target::Annexe,
        &[
            "glossaire",
            "lexique",
            "definitions",
            "annexes",
            "annexe",
            "statuts",
            "references",
            "bibliographie",
            "glossary",
            "appendix",
        ],
    ),
    (
        Target::Container,
        &[
            "principes",
            "principes et modeles",
            "modeles et principes",
            "plans",
            "codesocial",
            "principles",
            "principles and models",
        ],
    ),
];

/// Words naming each default plan, folded. A heading made only of these (joined by "et")
/// names those plans.
pub const PLAN_WORDS: &[(&str, &[&str])] = &[
    (
        "social-humain",
        &[
            "social", "sociale", "sociaux", "sociales", "humain", "humaine", "humains", "humaines",
            "human",
        ],
    ),
    (
        "economique",
        &[
            "economique",
            "economiques",
            "economie",
            "economic",
            "economy",
        ],
    ),
    (
        "ecologique",
        &[
            "ecologique",
            "ecologiques",
            "ecologie",
            "environnement",
            "environnemental",
            "environnementale",
            "ecological",
            "environmental",
        ],
    ),
    (
        "scientifique-technologique",
        &[
            "scientifique",
            "scientifiques",
            "technologique",
            "technologiques",
            "technique",
            "techniques",
            "technologie",
            "technologies",
            "science",
            "sciences",
            "scientific",
            "technological",
        ],
    ),
    ("juridique", &["juridique", "juridiques", "legal"]),
    (
        "financier",
        &[
            "financier",
            "financiere",
            "financiers",
            "finances",
            "finance",
            "financement",
            "financial",
        ],
    ),
    (
        "artistique-culturel",
        &[
            "artistique",
            "artistiques",
            "culturel",
            "culturelle",
            "culturels",
            "culture",
            "art",
            "arts",
            "artistic",
            "cultural",
        ],
    ),
];

/// Words peeled off the front of a heading, one at a time, before each new lookup.
const PREFIXES: &[&str] = &[
    "le",
    "la",
    "les",
    "l",
    "notre",
    "nos",
    "our",
    "the",
    "un",
    "une",
    "modele",
    "modeles",
    "model",
    "models",
    "plan",
    "plans",
    "volet",
    "volets",
    "dimension",
    "dimensions",
    "principes",
    "principe",
    "principles",
    "aspects",
    "aspect",
    "pilier",
    "piliers",
    "du",
    "de",
    "des",
    "d",
];

/// Words that introduce numbering ("Chapitre 3", "Partie II", "Article 1er").
pub(super) const NUMBERING_WORDS: &[&str] = &[
    "chapitre", "partie", "section", "article", "titre", "etape", "chapter", "part", "step",
];

/// Words after which a heading only says whose chapter it is ("Historique de la coop").
const COMPLEMENTS: &[&str] = &["de", "du", "des", "d", "of", "sur", "pour", "chez", "dans"];

/// Words a heading can drop without changing what it names: articles, possessives,
/// demonstratives, prepositions ("Modifier *ce* code social", "Raison *d'*être").
const STOPWORDS: &[&str] = &[
    "le", "la", "les", "l", "un", "une", "des", "du", "de", "d", "ce", "cet", "cette", "ces",
    "notre", "nos", "votre", "vos", "mon", "ma", "mes", "son", "sa", "ses", "leur", "leurs", "a",
    "au", "aux", "the", "our", "your", "an", "of", "to",
];

/// What separates a heading from its decoration: `Plan social — version 2`,
/// `Historique : 2011-2024`, `Informations | mise à jour`.
const SEPARATORS: &[&str] = &[":", " – ", " — ", " - ", " | ", " · ", " / "];

/// The target a heading names, if it names one: the heading as written, else its core
/// without decoration (what lies between brackets, what follows a separator).
pub fn recognise(heading: &str) -> Option<Target> {
    recognise_line(heading).or_else(|| {
        undecorated(heading)
            .iter()
            .find_map(|core| recognise_line(core))
    })
}

/// The target a line names as written, decoration included: for a paragraph that may be
/// a heading, where "Historique : voir plus bas" is a sentence.
pub fn recognise_line(text: &str) -> Option<Target> {
    let folded = strip_numbering(&fold(without_letter_numbering(text)));
    let words: Vec<&str> = folded.split(' ').collect();
    std::iter::once(words.len())
        .chain((1..words.len()).filter(|&i| COMPLEMENTS.contains(&words[i])))
        .find_map(|cut| {
            let target = lookup_stages(&normalise(&words[..cut].join(" ")))?;
            // "Plan de charge" is not the container "Plans".
            (cut == words.len() || target != Target::Container).then_some(target)
        })
}

/// The cores of a decorated heading, shortest decoration removed first: without what is
/// between brackets, then each part before a separator.
fn undecorated(heading: &str) -> Vec<String> {
    let mut bare = String::with_capacity(heading.len());
    let mut depth = 0usize;
    for c in heading.chars() {
        match c {
            '(' | '[' | '{' => depth += 1,
            ')' | ']' | '}' => depth = depth.saturating_sub(1),
            c if depth == 0 => bare.push(c),
            _ => {}
        }
    }
    let mut out = Vec::new();
    if bare.trim() != heading.trim() {
        out.push(bare.trim().to_string());
    }
    let mut cuts: Vec<usize> = SEPARATORS
        .iter()
        .flat_map(|sep| bare.match_indices(sep).map(|(i, _)| i))
        .filter(|&i| i > 0)
        .collect();
    cuts.sort_unstable();
    cuts.dedup();
    out.extend(cuts.into_iter().map(|i| bare[..i].trim().to_string()));
    out
}

/// `A. Informations générales` → `Informations générales`: a letter used as numbering.
fn without_letter_numbering(text: &str) -> &str {
    let t = text.trim_start();
    let mut chars = t.chars();
    match (chars.next(), chars.next(), chars.next()) {
        (Some(l), Some('.' | ')'), Some(' ' | '\u{a0}')) if l.is_ascii_alphabetic() => {
            t[2..].trim_start()
        }
        _ => text,
    }
}

/// A folded phrase reduced to what names a chapter: stopwords dropped, each word in the
/// singular (`Modalités de modifications` and `Modalité de modification` meet). Applied to
/// the tables and to headings alike, so that they compare.
fn normalise(folded: &str) -> String {
    let words: Vec<&str> = folded
        .split(' ')
        .map(singular)
        .filter(|w| !w.is_empty() && !STOPWORDS.contains(w))
        .collect();
    words.join(" ").replace("code social", "codesocial")
}

fn singular(word: &str) -> &str {
    if word.len() > 3 && word.ends_with(['s', 'x']) && !word.ends_with("ss") {
        &word[..word.len() - 1]
    } else {
        word
    }
}

/// The tables, normalised once.
struct Tables {
    chapters: HashMap<String, Target>,
    plan_words: HashMap<String, &'static str>,
    prefixes: Vec<String>,
}

static TABLES: LazyLock<Tables> = LazyLock::new(|| {
    let mut chapters = HashMap::new();
    for (target, phrases) in CHAPTERS {
        for phrase in *phrases {
            chapters
                .entry(normalise(phrase))
                .or_insert_with(|| target.clone());
        }
    }
    let plan_words = PLAN_WORDS
        .iter()
        .flat_map(|(id, words)| words.iter().map(move |w| (normalise(w), *id)))
        .collect();
    let prefixes = PREFIXES.iter().map(|p| normalise(p)).collect();
    Tables {
        chapters,
        plan_words,
        prefixes,
    }
});

/// Looks the phrase up, then again after each prefix is peeled off.
fn lookup_stages(phrase: &str) -> Option<Target> {
    let prefixes = &TABLES.prefixes;
    let mut words: Vec<&str> = phrase.split(' ').filter(|w| !w.is_empty()).collect();
    loop {
        if words.is_empty() {
            return None;
        }
        let stage = words.join(" ");
        if let Some(target) = lookup(&stage) {
            return Some(target);
        }
        if words.len() > 1 && prefixes.iter().any(|p| p == words[0]) {
            words.remove(0);
        } else {
            return None;
        }
    }
}

fn lookup(phrase: &str) -> Option<Target> {
    TABLES
        .chapters
        .get(phrase)
        .cloned()
        // A chapter named like a people line ("Personnes référentes", "Auteurs") lists
        // the people of the pyramid: the cues are one table, in `people`.
        // "Coordination" before names is a role; as a heading it is the way the
        // organisation coordinates itself, prose of its own.
        .or_else(|| {
            super::people::cue_role(phrase)
                .filter(|_| !phrase.starts_with("coordination"))
                .map(|_| Target::Pyramide)
        })
        .or_else(|| plans(phrase).map(Target::Plans))
}

/// The plans a normalised phrase names when it is made only of plan words joined by
/// "et"/"and".
fn plans(phrase: &str) -> Option<Vec<&'static str>> {
    let tables = &*TABLES;
    let mut found: Vec<&'static str> = Vec::new();
    for part in phrase.split(" et ").flat_map(|p| p.split(" and ")) {
        // "Modèle social", "Human model", "Plan de l'économie": the structural words go.
        for word in part
            .split(' ')
            .filter(|w| !w.is_empty() && !tables.prefixes.iter().any(|p| p == w))
        {
            let plan = *tables.plan_words.get(word)?;
            if !found.contains(&plan) {
                found.push(plan);
            }
        }
    }
    let order = |id: &str| PLAN_WORDS.iter().position(|(p, _)| *p == id);
    found.sort_by_key(|id| order(id));
    (!found.is_empty()).then_some(found)
}

/// Lowercase ASCII words separated by single spaces: accents folded, `#CodeSocial` and
/// "code social" as one word `codesocial`, and `&`, `/`, `+`, `,` read as "et".
pub fn fold(text: &str) -> String {
    // Symbols and emoji go before transliteration, which would spell them out.
    // Invisible characters are nothing inside a word (`Histo\u{ad}rique`): see `visible`.
    let kept: String = text
        .chars()
        .filter(|&c| !is_invisible(c))
        .map(|c| {
            if c.is_alphanumeric() || matches!(c, '&' | '/' | '+' | ',') {
                c
            } else {
                ' '
            }
        })
        .collect();
    let ascii = deunicode::deunicode(&kept).to_ascii_lowercase();
    let mut out = String::with_capacity(ascii.len());
    for c in ascii.chars() {
        match c {
            '&' | '/' | '+' | ',' => out.push_str(" et "),
            c if c.is_ascii_alphanumeric() => out.push(c),
            _ => out.push(' '),
        }
    }
    let words: Vec<&str> = out.split_whitespace().collect();
    let mut joined = words.join(" ");
    while joined.ends_with(" et") {
        joined.truncate(joined.len() - 3);
    }
    while let Some(rest) = joined.strip_prefix("et ") {
        joined = rest.to_string();
    }
    joined.replace("code social", "codesocial")
}

/// A heading without the numbering it had in the single document, one rule for every
/// heading, a chapter's title or a heading inside a chapter: `1. Informations` →
/// `Informations`, `II – Raison d'être` → `Raison d'être`, `2.3) Finances` →
/// `Finances`, `1.2 – Les prix` → `Les prix`, `A) Les marges` → `Les marges`. A
/// numbering is numbers of one or two digits joined by dots, a Roman numeral up to XII,
/// or one ASCII letter, followed by `.` or `)`, or by a dash or a colon after a space.
/// A year (`2024 : une année`), a bare number (`3 pommes`) or a lone numbering (`I`)
/// are not numbering. Numbering words (`Chapitre 3`) are only skipped when matching.
/// A title without what decorates its end and is not its text: a line break
/// (`Historique\\`, `<br>`), a colon (`Historique :`), a back-to-top arrow (`↑`, or a
/// link made of one, `[↑](#top)`), and the spaces between.
pub fn without_decorations(title: &str) -> String {
    const ARROWS: &[char] = &['↑', '⬆', '⇑', '▲', '⤴'];
    let mut t = title.trim_end();
    loop {
        let before = t.len();
        t = t.trim_end_matches(|c: char| c.is_whitespace() || c == '\\' || c == ':');
        t = t.trim_end_matches(ARROWS);
        for tag in ["<br>", "<br/>", "<br />"] {
            t = t.strip_suffix(tag).unwrap_or(t);
        }
        // `[↑](#top)`: a link whose text is only an arrow.
        if let Some(open) = t.rfind("[") {
            let link = &t[open..];
            if let Some((text, rest)) = link[1..].split_once("](") {
                if text.trim().chars().all(|c| ARROWS.contains(&c))
                    && !text.trim().is_empty()
                    && rest.ends_with(')')
                    && !rest[..rest.len() - 1].contains(')')
                {
                    t = &t[..open];
                }
            }
        }
        if t.len() == before {
            break;
        }
    }
    if t.trim().is_empty() {
        title.trim().to_string()
    } else {
        t.to_string()
    }
}

pub fn without_numbering(title: &str) -> String {
    const ROMAN: &[&str] = &[
        "I", "II", "III", "IV", "V", "VI", "VII", "VIII", "IX", "X", "XI", "XII",
    ];
    let trimmed = title.trim();
    let end = trimmed.find(char::is_whitespace).unwrap_or(trimmed.len());
    let (first, rest) = trimmed.split_at(end);
    let marker = first.trim_end_matches(['.', ')']);
    let digits = !marker.is_empty()
        && marker
            .split('.')
            .all(|p| !p.is_empty() && p.len() <= 2 && p.bytes().all(|b| b.is_ascii_digit()));
    let letter = marker.len() == 1 && marker.bytes().all(|b| b.is_ascii_alphabetic());
    let closed = first.len() > marker.len();
    let dashed = rest.trim_start().starts_with(['-', '–', '—', ':']);
    let numbering = ((digits || ROMAN.contains(&marker)) && (closed || dashed))
        // A letter alone is a word ("A propos", "y compris"): numbering only when closed.
        || (letter && closed && first.len() == 2);
    if !numbering {
        return trimmed.to_string();
    }
    let rest = rest
        .trim_start()
        .trim_start_matches(['-', '–', '—', ':'])
        .trim();
    if rest.is_empty() {
        trimmed.to_string()
    } else {
        rest.to_string()
    }
}

/// A character that shows nothing and separates nothing, which a word processor, a web
/// page or a copy from a PDF leaves inside words: the soft hyphen (U+00AD), the
/// zero-width space, joiners and direction marks (U+200B–U+200F), the bidirectional
/// embeddings and isolates (U+202A–U+202E, U+2066–U+2069), the word joiner and invisible
/// operators (U+2060–U+2064), the byte-order mark inside a text (U+FEFF), the Mongolian
/// vowel separator (U+180E), the combining grapheme joiner (U+034F), the Arabic letter
/// mark (U+061C) and the variation selectors (U+FE00–U+FE0F). Unicode's "format"
/// characters (category Cf) that occur in such texts.
pub fn is_invisible(c: char) -> bool {
    matches!(
        c,
        '\u{ad}'
            | '\u{34f}'
            | '\u{61c}'
            | '\u{180e}'
            | '\u{200b}'..='\u{200f}'
            | '\u{202a}'..='\u{202e}'
            | '\u{2060}'..='\u{2064}'
            | '\u{2066}'..='\u{2069}'
            | '\u{fe00}'..='\u{fe0f}'
            | '\u{feff}'
    )
}

/// `text` without its invisible characters ([`is_invisible`]): a heading as it is
/// matched and as it is written back (`Rai\u{ad}son d'être` → `Raison d'être`).
pub fn visible(text: &str) -> String {
    text.chars().filter(|&c| !is_invisible(c)).collect()
}

/// Drops a leading numbering: `3`, `1 2`, `iv`, `chapitre 3`, `partie ii`, `article 1er`.
fn strip_numbering(folded: &str) -> String {
    let mut words: Vec<&str> = folded.split(' ').collect();
    while let Some(first) = words.first().copied() {
        let number = is_number(first);
        let numbering_word =
            NUMBERING_WORDS.contains(&first) && words.get(1).is_some_and(|w| is_number(w));
        if words.len() > 1 && (number || numbering_word) {
            words.remove(0);
        } else {
            break;
        }
    }
    words.join(" ")
}

/// `3`, `1er`, `2e`, `2eme`, `3rd`, `premier`, `iv`.
pub(super) fn is_number(word: &str) -> bool {
    let digits = word.len() - word.trim_start_matches(|c: char| c.is_ascii_digit()).len();
    let ordinal = matches!(
        &word[digits..],
        "" | "er" | "re" | "e" | "eme" | "nd" | "rd" | "th" | "st"
    );
    (digits > 0 && ordinal) || matches!(word, "premier" | "premiere" | "first") || is_roman(word)
}

fn is_roman(word: &str) -> bool {
    const ROMAN: &[&str] = &[
        "i", "ii", "iii", "iv", "v", "vi", "vii", "viii", "ix", "x", "xi", "xii",
    ];
    ROMAN.contains(&word)
}

/// The organisation a document title names: "Code social de X", "Le #CodeSocial de X",
/// "#CodeSocial – X", "X : code social". `None` when the title does not say.
pub fn organisation_in_title(title: &str) -> Option<String> {
    organisation_and_subtitle(title).map(|(name, _)| name)
}

/// [`organisation_in_title`], and what the title says after the name it states (`Code
/// social de la Coop du Val, société coopérative d'intérêt collectif` → `société
/// coopérative d'intérêt collectif`): a subtitle, which is no part of the name.
pub fn organisation_and_subtitle(title: &str) -> Option<(String, Option<String>)> {
    let lower = title.to_lowercase();
    let (start, end) = ["#codesocial", "code social", "codesocial"]
        .iter()
        .find_map(|k| lower.find(k).map(|i| (i, i + k.len())))?;
    let after = title.get(end..)?.trim_start();
    let name = with_article(after);
    let (name, subtitle) = without_subtitle(&name);
    if !crate::slug::slugify(name).is_empty() && crate::slug::slugify(name) != "codesocial" {
        return Some((capitalised(name), subtitle));
    }
    let before = title.get(..start)?;
    let before = before
        .trim_matches(|c: char| c.is_whitespace() || "-–—:|,.".contains(c))
        .trim();
    let folded = fold(before);
    let article_only =
        folded.is_empty() || ["le", "la", "l", "notre", "the", "our"].contains(&folded.as_str());
    (!article_only).then(|| (before.to_string(), None))
}

/// A title cut where a subtitle starts (` : `, ` – `, ` — `, ` - `, ` | `, ` (`, `, `, or
/// a line break: `\`, `<br>`): the name before it, without the marks around it, and
/// the subtitle after it, if it has words.
pub fn without_subtitle(title: &str) -> (&str, Option<String>) {
    let cut = [
        " : ", ": ", " – ", " — ", " - ", " | ", " (", ", ", "\\", "<br",
    ]
    .iter()
    .filter_map(|sep| title.find(sep))
    .min();
    let marks = |c: char| c.is_whitespace() || "-–—:|,.\\".contains(c);
    let name = cut.map_or(title, |cut| &title[..cut]).trim_matches(marks);
    let subtitle = cut
        .map(|cut| {
            let rest = &title[cut..];
            let rest = rest
                .strip_prefix("<br")
                .and_then(|r| r.split_once('>'))
                .map_or(rest, |(_, r)| r);
            rest.trim_start_matches(marks).trim_end().to_string()
        })
        .filter(|rest| rest.chars().any(char::is_alphanumeric));
    (name, subtitle)
}

/// A name without an article capitalised ("d'atelier Z" → "Atelier Z"); one with an
/// article kept as written ("la Coopérative du Val", whose complement the site's title
/// writes "de la Coopérative du Val").
fn capitalised(name: &str) -> String {
    let folded = fold(name.split([' ', '\'', '’']).next().unwrap_or_default());
    let article = ["le", "la", "les", "l"].contains(&folded.as_str())
        && name.chars().nth(folded.len()).is_some();
    if article {
        return name.to_string();
    }
    upper_first(name)
}

fn upper_first(text: &str) -> String {
    let mut chars = text.chars();
    let first = chars
        .next()
        .map(|c| c.to_uppercase().collect::<String>())
        .unwrap_or_default();
    format!("{first}{}", chars.as_str())
}

/// The name after the #CodeSocial, with the article its connector holds: "de la X" →
/// "la X", "de l'X" → "l'X", "du X" → "le X" (*du* is *de le*), "des X" → "les X",
/// "de X" and "d'X" → "X", "of X" → "X". The article's case is the connector's.
fn with_article(text: &str) -> String {
    for (connector, article) in [
        ("de l'", "l'"),
        ("de l’", "l’"),
        ("du ", "le "),
        ("des ", "les "),
        ("de ", ""),
        ("d'", ""),
        ("d’", ""),
        ("of ", ""),
    ] {
        let Some(head) = text.get(..connector.len()) else {
            continue;
        };
        if !head.eq_ignore_ascii_case(connector) {
            continue;
        }
        let rest = &text[connector.len()..];
        let article = if !head.chars().any(char::is_lowercase) {
            article.to_uppercase()
        } else if head.starts_with(char::is_uppercase) {
            upper_first(article)
        } else {
            article.to_string()
        };
        return format!("{article}{rest}");
    }
    text.to_string()
}

#[cfg(test)]
mod tests {
    use super::*;
    use proptest::prelude::*;

    fn plans(ids: &[&'static str]) -> Option<Target> {
        Some(Target::Plans(ids.to_vec()))
    }

    #[test]
    fn raison_d_etre_variants() {
        for h in [
            "Raison d'être",
            "Raison d'Être",
            "RAISON D’ÊTRE",
            "Notre raison d'être",
            "2. Raison d'être",
            "II – La raison d'être",
            "Raison d'être de ChezNous",
            "Raison d’etre :",
            "Purpose",
        ] {
            assert_eq!(recognise(h), Some(Target::Raison), "{h}");
        }
    }

    #[test]
    fn histoire_variants() {
        for h in [
            "Historique",
            "Histoire",
            "Notre histoire",
            "HISTORIQUE",
            "Historique du projet",
            "Genèse",
            "1.2 Chronologie",
            "History",
        ] {
            assert_eq!(recognise(h), Some(Target::Histoire), "{h}");
        }
    }

    #[test]
    fn informations_variants() {
        for h in [
            "Informations générales",
            "Informations",
            "INFORMATIONS GÉNÉRALES",
            "Fiche d'identité",
            "Informations pratiques",
            "General information",
        ] {
            assert_eq!(recognise(h), Some(Target::Informations), "{h}");
        }
    }

    #[test]
    fn modification_variants() {
        for h in [
            "Modalités de modification",
            "Modalités de modification du code social",
            "Gouvernance du code social",
            "Gouvernance du #CodeSocial",
            "Modifier le #CodeSocial",
            "Évolution du code social",
            "Règles de modification",
            "Amendment rules",
        ] {
            assert_eq!(recognise(h), Some(Target::Modification), "{h}");
        }
    }

    #[test]
    fn plan_variants() {
        let cases: &[(&str, &[&'static str])] = &[
            ("Modèle social et humain", &["social-humain"]),
            ("Social et Humain", &["social-humain"]),
            ("Plan social", &["social-humain"]),
            ("Le modèle humain", &["social-humain"]),
            ("Modèle économique", &["economique"]),
            ("Plan économique", &["economique"]),
            ("ÉCONOMIQUE", &["economique"]),
            ("3. Modèle écologique", &["ecologique"]),
            ("Environnement", &["ecologique"]),
            (
                "Modèle scientifique et technologique",
                &["scientifique-technologique"],
            ),
            (
                "Technologique et scientifique",
                &["scientifique-technologique"],
            ),
            ("Modèle juridique", &["juridique"]),
            ("Modèle financier", &["financier"]),
            ("Finances", &["financier"]),
            ("Modèle artistique et culturel", &["artistique-culturel"]),
            ("Culture", &["artistique-culturel"]),
            ("Social and human model", &["social-humain"]),
        ];
        for (h, ids) in cases {
            assert_eq!(recognise(h), plans(ids), "{h}");
        }
    }

    #[test]
    fn merged_plans_keep_the_method_order() {
        assert_eq!(
            recognise("Juridique et financier"),
            plans(&["juridique", "financier"])
        );
        assert_eq!(
            recognise("Modèle juridique & financier"),
            plans(&["juridique", "financier"])
        );
        assert_eq!(
            recognise("Financier / juridique"),
            plans(&["juridique", "financier"])
        );
        assert_eq!(
            recognise("Économique, financier et juridique"),
            plans(&["economique", "juridique", "financier"])
        );
        assert_eq!(
            recognise("Plan écologique et économique"),
            plans(&["economique", "ecologique"])
        );
    }

    #[test]
    fn pyramid_people_and_appendices() {
        for h in [
            "Pyramide inversée",
            "La pyramide inversée",
            "Personnes référentes",
            "Auteurs",
            "Contributeurs",
        ] {
            assert_eq!(recognise(h), Some(Target::Pyramide), "{h}");
        }
        for h in ["Glossaire", "Statuts", "Lexique", "Annexes"] {
            assert_eq!(recognise(h), Some(Target::Annexe), "{h}");
        }
        for h in [
            "Matrices de richesses",
            "Catalogue contributif",
            "Nos matrices de richesses",
        ] {
            assert_eq!(recognise(h), Some(Target::Unstructured), "{h}");
        }
        for h in [
            "Principes",
            "Nos principes",
            "Principes et modèles",
            "Les plans",
        ] {
            assert_eq!(recognise(h), Some(Target::Container), "{h}");
        }
        for h in ["Introduction", "Préambule", "Avant-propos"] {
            assert_eq!(recognise(h), Some(Target::Preamble), "{h}");
        }
    }

    #[test]
    fn other_headings_are_not_chapters() {
        for h in [
            "Nos valeurs",
            "Gouvernance",
            "La cantine du jeudi",
            "Social club",
            "Plan de charge",
            "2024",
            "",
            "!!!",
        ] {
            assert_eq!(recognise(h), None, "{h}");
        }
    }

    /// The variants organisations write, each recognised.
    #[test]
    fn decorated_headings_are_recognised() {
        let cases: &[(&str, Target)] = &[
            ("🌱 Raison d’être", Target::Raison),
            ("Historique 📜", Target::Histoire),
            ("Histo\u{ad}rique", Target::Histoire),
            ("💶 Plan économique :", Target::Plans(vec!["economique"])),
            (
                "Plan écologique (en cours de rédaction)",
                Target::Plans(vec!["ecologique"]),
            ),
            (
                "Plan social et humain — version 2",
                Target::Plans(vec!["social-humain"]),
            ),
            ("A. Informations générales", Target::Informations),
            (
                "Chapitre 3 : Modalités de modification",
                Target::Modification,
            ),
            ("Article 1er - Raison d’être", Target::Raison),
            ("Modalité de modification", Target::Modification),
            ("Modalités de modifications", Target::Modification),
            ("Comment modifier ce code social ?", Target::Modification),
            ("Raisons d'être", Target::Raison),
            ("Raison d être", Target::Raison),
            ("Raison-d'être", Target::Raison),
            ("Historique.", Target::Histoire),
            ("Historique : 2011-2024", Target::Histoire),
            ("Infos pratiques", Target::Informations),
            (
                "Titre II – Plan financier",
                Target::Plans(vec!["financier"]),
            ),
            ("Notre histoire [brouillon]", Target::Histoire),
        ];
        for (heading, target) in cases {
            assert_eq!(recognise(heading).as_ref(), Some(target), "{heading}");
        }
    }

    #[test]
    fn a_line_is_read_as_written() {
        assert_eq!(recognise_line("Historique : voir plus bas"), None);
        assert_eq!(recognise_line("Historique :"), Some(Target::Histoire));
    }

    /// Known headings, each with what it names.
    const KNOWN: &[&str] = &[
        "Raison d'être",
        "Historique",
        "Notre histoire",
        "Informations générales",
        "Modèle social et humain",
        "Plan économique",
        "Écologique",
        "Juridique et financier",
        "Modèle scientifique et technologique",
        "Artistique et culturel",
        "Modalités de modification",
        "Gouvernance du code social",
        "Pyramide inversée",
        "Personnes référentes",
        "Glossaire",
        "Matrices de richesses",
    ];

    fn decorated() -> impl Strategy<Value = (usize, String)> {
        let prefix = prop_oneof![
            Just(""),
            Just("🌱 "),
            Just("A. "),
            Just("1. "),
            Just("2.3) "),
            Just("II – "),
            Just("Article 1er - "),
            Just("Chapitre 3 : "),
            Just("Partie IV. ")
        ];
        let suffix = prop_oneof![
            Just(""),
            Just(" :"),
            Just(" ?"),
            Just("."),
            Just(" 📜"),
            Just(" !"),
            Just(" (en cours de rédaction)"),
            Just(" — version 2"),
            Just(" - v3"),
            Just(" [brouillon]"),
            Just(" : 2011-2024"),
            Just(" | mise à jour")
        ];
        (
            0..KNOWN.len(),
            prefix,
            suffix,
            0..4u8,
            any::<prop::sample::Index>(),
        )
            .prop_map(|(k, prefix, suffix, case, slip)| {
                let mut words: Vec<String> = KNOWN[k].split(' ').map(str::to_string).collect();
                // A singular/plural slip on one word of four letters or more.
                let long: Vec<usize> = (0..words.len())
                    .filter(|&i| words[i].chars().count() > 3)
                    .collect();
                if !long.is_empty() {
                    let w = &mut words[long[slip.index(long.len())]];
                    if w.ends_with('s') {
                        w.pop();
                    } else {
                        w.push('s');
                    }
                }
                let text = words.join(" ");
                let text = match case {
                    0 => text.to_uppercase(),
                    1 => text.to_lowercase(),
                    2 => deunicode::deunicode(&text),
                    _ => text,
                };
                (k, format!("{prefix}{text}{suffix}"))
            })
    }

    /// One rule for every heading: the table holds the numberings documents use, and
    /// what is not numbering.
    #[test]
    fn numbering_is_stripped_by_one_rule() {
        for (title, bare) in [
            ("1. Informations générales", "Informations générales"),
            ("2.3) Finances", "Finances"),
            ("II – Raison d'être", "Raison d'être"),
            ("IV. Histoire", "Histoire"),
            ("I. Histoire", "Histoire"),
            ("1.2 – Les prix", "Les prix"),
            ("1.2. Les prix", "Les prix"),
            ("3) Les marges", "Les marges"),
            ("A) Les marges", "Les marges"),
            ("b. Les marges", "Les marges"),
            ("12 : Les marges", "Les marges"),
            ("2024 : une année", "2024 : une année"),
            ("3 pommes", "3 pommes"),
            ("A propos", "A propos"),
            ("À propos", "À propos"),
            ("Ab. Les marges", "Ab. Les marges"),
            ("Informations", "Informations"),
            ("I", "I"),
            ("1.", "1."),
            ("XIV. Plus loin", "XIV. Plus loin"),
        ] {
            assert_eq!(without_numbering(title), bare, "{title}");
        }
    }

    /// A table: each invisible character, inside a word of each known heading, at its
    /// start and at its end, leaves the heading recognised as itself.
    #[test]
    fn invisible_characters_inside_a_heading_change_nothing() {
        let invisible = [
            '\u{ad}', '\u{34f}', '\u{61c}', '\u{180e}', '\u{200b}', '\u{200c}', '\u{200d}',
            '\u{200e}', '\u{200f}', '\u{202a}', '\u{202c}', '\u{202e}', '\u{2060}', '\u{2063}',
            '\u{2066}', '\u{2069}', '\u{fe0f}', '\u{feff}',
        ];
        for known in KNOWN {
            let expected = recognise(known);
            assert!(expected.is_some(), "{known}");
            let chars: Vec<char> = known.chars().collect();
            for c in invisible {
                for at in [0, 3, chars.len() / 2, chars.len()] {
                    let mut h = chars.clone();
                    h.insert(at, c);
                    let h: String = h.into_iter().collect();
                    assert_eq!(recognise(&h), expected, "{h:?}");
                    assert_eq!(visible(&h), *known);
                }
            }
        }
    }

    proptest! {
        #[test]
        fn noise_around_a_known_heading_keeps_it_recognised((k, heading) in decorated()) {
            let expected = recognise(KNOWN[k]);
            prop_assert!(expected.is_some());
            prop_assert_eq!(recognise(&heading), expected, "{}", heading);
        }
    }

    #[test]
    fn titles_name_the_organisation() {
        assert_eq!(
            organisation_in_title("Code social de ChezNous").as_deref(),
            Some("ChezNous")
        );
        assert_eq!(
            organisation_in_title("Le #CodeSocial de La Coop des Tilleuls").as_deref(),
            Some("La Coop des Tilleuls")
        );
        assert_eq!(
            organisation_in_title("#CodeSocial d'Atelier Z").as_deref(),
            Some("Atelier Z")
        );
        assert_eq!(
            organisation_in_title("#CodeSocial – Les Ateliers").as_deref(),
            Some("Les Ateliers")
        );
        assert_eq!(
            organisation_in_title("Les Ateliers : code social").as_deref(),
            Some("Les Ateliers")
        );
        assert_eq!(organisation_in_title("Le code social"), None);
        assert_eq!(
            organisation_in_title("Le #CodeSocial de la Fabrique des Communs").as_deref(),
            Some("la Fabrique des Communs")
        );
        assert_eq!(organisation_in_title("Historique"), None);
        assert_eq!(
            organisation_in_title("Code Social de la SCOP Les Tisserands : version 3").as_deref(),
            Some("la SCOP Les Tisserands")
        );
        assert_eq!(
            organisation_in_title("Code social de l’association Terre Vivante (2024)").as_deref(),
            Some("l’association Terre Vivante")
        );
    }

    /// What a title says after the name it states is a subtitle: kept apart, whole,
    /// never part of the name; a line break (`\`, `<br>`) ends the name too.
    #[test]
    fn a_title_s_subtitle_is_not_the_name() {
        for (title, name, subtitle) in [
            (
                "Code social de la Coopérative d'Habitants du Val, société coopérative d'intérêt collectif à capital variable",
                "la Coopérative d'Habitants du Val",
                Some("société coopérative d'intérêt collectif à capital variable"),
            ),
            (
                "Code social de l’association Terre Vivante (2024)",
                "l’association Terre Vivante",
                Some("(2024)"),
            ),
            ("Code social de la Coopérative du Val\\", "la Coopérative du Val", None),
            (
                "Code social de la Coopérative du Val<br>Épicerie solidaire",
                "la Coopérative du Val",
                Some("Épicerie solidaire"),
            ),
            ("Code social de ChezNous", "ChezNous", None),
        ] {
            let (found, rest) = organisation_and_subtitle(title).expect(title);
            assert_eq!((found.as_str(), rest.as_deref()), (name, subtitle), "{title}");
        }
        assert_eq!(
            without_subtitle("La Coopérative du Val — Épicerie solidaire, lieu de vie"),
            (
                "La Coopérative du Val",
                Some("Épicerie solidaire, lieu de vie".to_string())
            )
        );
        assert_eq!(
            without_subtitle("Coopérative du Val"),
            ("Coopérative du Val", None)
        );
    }

    /// The article a title's connector holds stays with the name, so that the site's
    /// title contracts it back as the title wrote it.
    #[test]
    fn the_article_of_the_connector_stays_with_the_name() {
        use crate::i18n::{grammar, Lang};
        for (title, name, complement) in [
            (
                "Code social de la Coopérative du Val",
                "la Coopérative du Val",
                "de la Coopérative du Val",
            ),
            ("Code social du Moulin", "le Moulin", "du Moulin"),
            (
                "Code social de l'Atelier Partagé",
                "l'Atelier Partagé",
                "de l’Atelier Partagé",
            ),
            (
                "Code social des Jardins de Lyon",
                "les Jardins de Lyon",
                "des Jardins de Lyon",
            ),
            ("Code social de La Ruche", "La Ruche", "de La Ruche"),
            ("Code social d'Atelier Z", "Atelier Z", "d’Atelier Z"),
            ("Code social de ChezNous", "ChezNous", "de ChezNous"),
            ("CODE SOCIAL DU MOULIN", "LE MOULIN", "du MOULIN"),
        ] {
            let found = organisation_in_title(title);
            assert_eq!(found.as_deref(), Some(name), "{title}");
            assert_eq!(grammar::de(Lang::Fr, name), complement, "{title}");
        }
        assert_eq!(organisation_in_title("Notre Code Social"), None);
    }
}
#[test]
fn a_title_s_end_decorations_go() {
    for (written, title) in [
        ("Historique\\", "Historique"),
        ("Historique\u{a0}:", "Historique"),
        ("Historique :<br>", "Historique"),
        ("Raison d’être ↑", "Raison d’être"),
        ("Raison d’être [↑](#top)", "Raison d’être"),
        ("Glossaire<br />", "Glossaire"),
        ("Qui sommes-nous ?", "Qui sommes-nous ?"),
        (
            "[Historique](https://example.org)",
            "[Historique](https://example.org)",
        ),
        (":", ":"),
    ] {
        assert_eq!(without_decorations(written), title, "{written:?}");
    }
}
