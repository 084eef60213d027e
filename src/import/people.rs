//! The people and organisations a document names in its authors, "personnes
//! référentes" and contributors lines (`Auteurs : Claire Martin, Julien Roux`, `Créé par
//! Mathieu Coste pour…`), with the role of the inverted pyramid each line gives them.
//! Only names written after such a cue are taken: nobody is invented, and every one of
//! them is listed in the report for review.

use super::blocks::{self, BlockKind};
use super::chapters::fold;
use super::outline::plain_text;

pub use crate::format::Role;

/// What a member is, as `membres/<id>.md` says: the model's own type, names and all.
pub use crate::model::MembreType;

/// A name found after a cue.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Named {
    pub nom: String,
    pub role: Role,
    pub kind: MembreType,
    /// The line it was read from, as text.
    pub line: String,
}

/// Cues, folded, and the role they give. `true`: the names follow a colon
/// (`Auteurs : …`); `false`: they follow the cue itself (`Créé par …`), in prose, where
/// only the first names are taken.
pub const CUES: &[(Role, bool, &[&str])] = &[
    (
        Role::Auteurs,
        true,
        &[
            "auteurs",
            "auteur",
            "auteures",
            "auteure",
            "autrices",
            "autrice",
            "auteur e s",
            "auteur ice s",
            "auteur rice s",
            "redaction",
            "redacteurs",
            "redacteur",
            "redactrices",
            "redactrice",
            "authors",
            "author",
        ],
    ),
    (
        Role::Auteurs,
        false,
        &[
            "cree par",
            "creee par",
            "ecrit par",
            "redige par",
            "redigee par",
            "imagine par",
            "fonde par",
            "fondee par",
            "created by",
            "written by",
            "founded by",
        ],
    ),
    (
        Role::CoAuteurs,
        true,
        &[
            "co auteurs",
            "co auteur",
            "coauteurs",
            "co autrices",
            "co auteur e s",
            "personnes referentes",
            "personne referente",
            "referents",
            "referentes",
            "referent",
            "referente",
            "referent e s",
            "coordination",
            "coordinateurs",
            "coordinatrices",
            "coordinateur",
            "coordinatrice",
            "co authors",
        ],
    ),
    (
        Role::Editeurs,
        true,
        &["editeur", "editeurs", "editrice", "publisher"],
    ),
    (
        Role::Editeurs,
        false,
        &["edite par", "publie par", "published by"],
    ),
    (
        Role::Producteurs,
        true,
        &[
            "producteurs",
            "producteur",
            "productrices",
            "productrice",
            "producteur rice s",
            "producteur ice s",
            "producers",
        ],
    ),
    (
        Role::Contributeurs,
        true,
        &[
            "contributeurs",
            "contributrices",
            "contributeur",
            "contributrice",
            "contributeur ice s",
            "contributeur rice s",
            "contributions",
            "contributors",
        ],
    ),
    (
        Role::Contributeurs,
        false,
        &[
            "avec la contribution de",
            "avec les contributions de",
            "avec la participation de",
            "with contributions from",
            "relu par",
            "relue par",
            "relus par",
            "relues par",
            "reviewed by",
        ],
    ),
];

/// Folded words marking an organisation, or a group.
pub(crate) const ORGANISATION_WORDS: &[&str] = &[
    "sas",
    "sasu",
    "sarl",
    "scop",
    "scic",
    "sa",
    "eurl",
    "gie",
    "association",
    "asso",
    "cooperative",
    "fondation",
    "federation",
    "reseau",
    "compagnie",
    "entreprise",
    "societe",
    "mairie",
    "commune",
    "ville",
    "universite",
    "institut",
    "laboratoire",
    "agence",
    "ecole",
    "region",
    "departement",
    "inc",
    "ltd",
    "gmbh",
];
const GROUP_WORDS: &[&str] = &[
    "collectif",
    "groupe",
    "cercle",
    "equipe",
    "communaute",
    "comite",
    "conseil",
];

/// Words that keep a name going when a capitalised word follows (`Claire de Vries`).
const PARTICLES: &[&str] = &[
    "de", "du", "des", "d'", "d’", "le", "la", "van", "von", "da", "di", "ben", "el", "al",
];

/// Capitalised words that start sentences, not names.
const NOT_NAMES: &[&str] = &[
    "le", "la", "les", "l", "un", "une", "nous", "il", "elle", "ils", "elles", "ce", "cette",
    "ces", "on", "the", "we", "it",
];

/// Capitalised words followed by a period that do not end a sentence (`Dr. House`).
const ABBREVIATIONS: &[&str] = &[
    "dr", "pr", "prof", "m", "mm", "mme", "mmes", "mlle", "me", "st", "ste", "mr", "mrs", "ms",
    "jr", "sr", "cie",
];

/// Articles a name in a list may start with (`l’ADEME`, `la Mairie de Lyon`).
const ARTICLES: &[&str] = &["l'", "l’", "la ", "le ", "les ", "the "];

/// What lines of people give: the names, and what followed a cue without being read as
/// a name (`marie curie`, `nos bénévoles`), verbatim, for the report.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Reading {
    pub named: Vec<Named>,
    pub unread: Vec<Unread>,
}

/// Something after a cue that is not a name.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Unread {
    pub text: String,
    /// The line it was in.
    pub line: String,
    /// A placeholder left where a name should be (`[Nom]`, `XXX`, `à compléter`,
    /// `Prénom Nom`): never a member, flagged first in the report.
    pub placeholder: bool,
}

impl Unread {
    fn new(text: &str, line: &str) -> Unread {
        Unread {
            text: text.trim().to_string(),
            line: line.trim().to_string(),
            placeholder: is_placeholder(text),
        }
    }
}

impl Reading {
    fn extend(&mut self, other: Reading) {
        self.named.extend(other.named);
        self.unread.extend(other.unread);
    }
}

/// The names of every cue line of a body (list items and paragraphs, at any depth of
/// the text: each line is looked at, a cue line with the lines its line breaks join to
/// it, [`people_lines`]).
pub fn in_body(body: &str) -> Reading {
    let mut out = Reading::default();
    for line in people_lines(body) {
        out.extend(in_line(&line));
    }
    out
}

/// The lines of a body as plain text, those that a line break continues joined to the
/// cue line they follow: `Personnes référentes : A` then `B` after a hard line break
/// (`\`, two spaces: a word processor's soft return, `<w:br/>`) or a `<br>` is
/// `Personnes référentes : A, B`. A line break is a separator between names; a line
/// after a blank line, a new list item or a line with a cue of its own starts anew.
fn people_lines(body: &str) -> Vec<String> {
    let mut out: Vec<String> = Vec::new();
    // The line being built, and whether it is a cue line its next piece may continue.
    let mut open = false;
    for source in body.lines() {
        let hard = source.ends_with('\\') || source.ends_with("  ");
        let pieces = super::extract::split_br(source);
        let last = pieces.len() - 1;
        for (n, piece) in pieces.into_iter().enumerate() {
            // A new list item is a new line, whatever ended the one before.
            let item = n == 0 && strip_marker(piece).len() != piece.trim_start().len();
            let piece = if n == 0 { strip_marker(piece) } else { piece };
            let text = plain_text(piece.trim().trim_end_matches('\\'))
                .replace('\n', " ")
                .trim()
                .to_string();
            let continues = open && !item && !text.is_empty() && cue_at_start(&text).is_none();
            match out.last_mut() {
                Some(line) if continues => {
                    line.push_str(", ");
                    line.push_str(&text);
                }
                _ => {
                    open = cue_at_start(&text).is_some();
                    out.push(text);
                }
            }
            // A piece is followed by a break when a `<br>` or a hard break ends it.
            open &= n < last || hard;
        }
        if !hard {
            open = false;
        }
    }
    out
}

/// The names of a chapter headed by a cue (`## Personnes référentes`): each item of its
/// lists, unless the item holds a cue of its own.
pub fn in_people_chapter(heading: &str, body: &str) -> Reading {
    let role = cue_role(&fold(heading));
    let mut out = in_body(body);
    let Some(role) = role else { return out };
    for b in blocks::blocks(body) {
        let BlockKind::List { items } = &b.kind else {
            continue;
        };
        for r in items {
            let src = blocks::item_source(&body[r.clone()]);
            let text = plain_text(&blocks::split_first_paragraph(&src).0).replace('\n', " ");
            if cue_at_start(&text).is_some() {
                continue;
            }
            // `Capital : …` under "Auteurs" labels something else.
            let labelled = text
                .split_once(':')
                .is_some_and(|(label, _)| label.split_whitespace().count() <= 3);
            match list_name(&text).filter(|_| !labelled) {
                Some(nom) => out.named.push(named(nom, role, &text)),
                None => out.unread.push(Unread::new(&text, &text)),
            }
        }
    }
    for b in blocks::blocks(body) {
        let source = &body[b.range.clone()];
        match b.kind {
            BlockKind::Paragraph { .. } => paragraph_names(source, role, &mut out),
            BlockKind::Other => table_names(source, role, &mut out),
            _ => {}
        }
    }
    out
}

/// The names of a paragraph of a people chapter: each of its lines (a line break, a
/// `<br>` ends one) that is an enumeration of names ([`enumeration`]); a line that is
/// only a placeholder is reported. A line with a cue was read by [`in_body`].
fn paragraph_names(source: &str, role: Role, out: &mut Reading) {
    for line in source.split('\n').flat_map(super::extract::split_br) {
        let text = plain_text(line.trim().trim_end_matches('\\'))
            .replace('\n', " ")
            .trim()
            .to_string();
        if text.is_empty() || cue_at_start(&text).is_some() {
            continue;
        }
        if is_placeholder(&text) {
            out.unread.push(Unread::new(&text, &text));
            continue;
        }
        for nom in enumeration(&text).unwrap_or_default() {
            out.named.push(named(nom, role, &text));
        }
    }
}

/// The names a line of prose enumerates, when it is nothing else: names joined by
/// commas, "et", "and", "&", then at most a description after a comma, a dash, a
/// parenthesis or a colon (`Marie Dupont et Jean Martin, co-gérants.`). A person is
/// named by two words at least (`Depuis`, `Merci` start sentences); an organisation by
/// its kind or its form (`SCOP Les Castors`, `ADEME`). `None` for any other sentence
/// (`Jean Martin anime le lieu.`, `Le Conseil d'administration se réunit.`).
fn enumeration(text: &str) -> Option<Vec<String>> {
    let mut names = Vec::new();
    let mut rest = text.trim();
    loop {
        let (name, after) = match bracketed(rest) {
            Some((placeholder, after)) => (placeholder.to_string(), after),
            None => {
                // A name ends at a comma (`Marie Dupont, Jean Martin`).
                let end = rest.find(',').unwrap_or(rest.len());
                let (name, after) = prose_name(&rest[..end])?;
                let after = &rest[end - after.len()..];
                let words = name.split_whitespace().count();
                let first = name.split_whitespace().next().unwrap_or_default();
                let article = ["le", "la", "les", "the"].contains(&fold(first).as_str())
                    || ["l'", "l’"]
                        .iter()
                        .any(|a| first.to_lowercase().starts_with(a));
                let person = kind_of(&name) == MembreType::Personne;
                if person && (words < 2 || article) {
                    return None;
                }
                (name, after)
            }
        };
        names.push(name);
        let after = after.trim_start();
        let next = if let Some(more) = after.strip_prefix(',') {
            let more = more.trim_start();
            match ["et", "and"].iter().find_map(|j| strip_word(more, j)) {
                Some(next) => next,
                // `, co-gérants`: a description ends the names.
                None if more.starts_with(|c: char| c.is_lowercase()) || more.is_empty() => {
                    return Some(names)
                }
                None => more,
            }
        } else if let Some(next) = ["et", "and", "&"].iter().find_map(|j| strip_word(after, j)) {
            next
        } else if after.is_empty()
            || after == "."
            || after.starts_with(['(', '–', '—', ':'])
            || after.starts_with("- ")
        {
            return Some(names);
        } else {
            return None;
        };
        rest = next.trim_start();
    }
}

/// A placeholder in brackets a text starts with (`[Nom]`, `<prénom>`, `{{nom}}`), and
/// the text after it.
fn bracketed(text: &str) -> Option<(&str, &str)> {
    let close = match text.chars().next()? {
        '[' => ']',
        '<' => '>',
        '{' => '}',
        _ => return None,
    };
    let end = text.rfind(close).filter(|&e| e > 0)? + 1;
    let inside = &text[..end];
    is_placeholder(inside).then(|| (inside, &text[end..]))
}

/// The names of a table of a people chapter (`| Nom | Rôle | Contact |`): the cells of
/// the column headed by a name's word (`Nom`, `Prénom Nom`, `Qui`, `Membre`…), else the
/// first; a cell's lines (`<br>`) are names each. A role column (`Rôle`, `Fonction`)
/// that names a role of the pyramid (`Autrice`, `Éditeur`) gives it; any other role is
/// the chapter's.
fn table_names(source: &str, role: Role, out: &mut Reading) {
    const NAME_HEADERS: &[&str] = &[
        "nom",
        "noms",
        "name",
        "names",
        "prenom nom",
        "nom prenom",
        "prenom et nom",
        "nom et prenom",
        "nom complet",
        "full name",
        "qui",
        "who",
        "personne",
        "personnes",
        "membre",
        "membres",
        "member",
        "members",
        "identite",
        "referent",
        "referente",
        "referents",
        "referentes",
        "structure",
        "organisation",
    ];
    const ROLE_HEADERS: &[&str] = &["role", "roles", "fonction", "fonctions", "qualite"];
    let Some((header, rows)) = table_cells(source) else {
        return;
    };
    let column = |names: &[&str]| {
        header
            .iter()
            .position(|h| names.contains(&fold(h).as_str()))
    };
    let name_column = column(NAME_HEADERS).unwrap_or(0);
    let role_column = column(ROLE_HEADERS);
    for row in rows {
        let Some(cell) = row.get(name_column) else {
            continue;
        };
        let line = row.join(" | ");
        let role = role_column
            .and_then(|c| row.get(c))
            .and_then(|r| role_of(&fold(r)))
            .map_or(role, |(r, _)| r);
        for piece in cell.split('\n').map(str::trim).filter(|p| !p.is_empty()) {
            match list_name(piece).filter(|_| !is_placeholder(piece)) {
                Some(nom) => out.named.push(named(nom, role, &line)),
                None => out.unread.push(Unread::new(piece, &line)),
            }
        }
    }
}

/// A Markdown table's header cells and rows of cells, as plain text; a line break in a
/// cell (`<br>`) is a `\n`. `None` when `source` is no table.
fn table_cells(source: &str) -> Option<(Vec<String>, Vec<Vec<String>>)> {
    use pulldown_cmark::{Event, Parser, Tag, TagEnd};
    let mut header: Option<Vec<String>> = None;
    let mut rows: Vec<Vec<String>> = Vec::new();
    let mut row: Vec<String> = Vec::new();
    let mut cell: Option<String> = None;
    for event in Parser::new_ext(source, crate::markdown::options()) {
        match event {
            Event::Start(Tag::TableHead | Tag::TableRow) => row = Vec::new(),
            Event::Start(Tag::TableCell) => cell = Some(String::new()),
            Event::Text(t) | Event::Code(t) => {
                if let Some(c) = &mut cell {
                    c.push_str(&t);
                }
            }
            Event::SoftBreak | Event::HardBreak => {
                if let Some(c) = &mut cell {
                    c.push('\n');
                }
            }
            Event::InlineHtml(h) if super::extract::split_br(&h).len() > 1 => {
                if let Some(c) = &mut cell {
                    c.push('\n');
                }
            }
            Event::End(TagEnd::TableCell) => {
                row.push(cell.take().unwrap_or_default().trim().to_string())
            }
            Event::End(TagEnd::TableHead) => header = Some(std::mem::take(&mut row)),
            Event::End(TagEnd::TableRow) => rows.push(std::mem::take(&mut row)),
            _ => {}
        }
    }
    header.map(|h| (h, rows))
}

/// Words a placeholder is made of, folded: `[Nom]`, `Prénom NOM`, `à compléter`, `TBD`.
const PLACEHOLDER_WORDS: &[&str] = &[
    "nom",
    "noms",
    "prenom",
    "prenoms",
    "name",
    "first",
    "last",
    "firstname",
    "lastname",
    "surname",
    "full",
    "votre",
    "your",
    "son",
    "sa",
    "de",
    "du",
    "la",
    "le",
    "et",
    "and",
    "personne",
    "membre",
    "a",
    "completer",
    "definir",
    "preciser",
    "venir",
    "renseigner",
    "remplir",
    "tbd",
    "tbc",
    "todo",
    "na",
    "n",
    "nn",
    "etc",
    "ici",
    "here",
];

/// Whether a text is a placeholder left where a name should be, not a name: all in
/// brackets (`[Nom]`, `<nom>`, `{{prénom}}`), without a letter (`…`, `___`, `?`), made
/// of `X`s (`XXX`, `X X`), or only of the words of forms (`Prénom Nom`, `à compléter`,
/// `TBD`, `N/A`).
pub fn is_placeholder(text: &str) -> bool {
    let text = text
        .trim()
        .trim_matches(|c: char| matches!(c, '*' | '_' | '"' | '«' | '»' | '“' | '”' | '.'))
        .trim();
    let bracketed = [('[', ']'), ('<', '>'), ('{', '}'), ('(', ')')]
        .iter()
        .any(|(o, c)| text.starts_with(*o) && text.ends_with(*c));
    if bracketed || !text.chars().any(char::is_alphanumeric) {
        return true;
    }
    let folded = fold(text);
    let words: Vec<&str> = folded.split(' ').collect();
    let xs = |w: &str| w.chars().all(|c| c == 'x');
    words.iter().all(|w| xs(w) || PLACEHOLDER_WORDS.contains(w))
        && words.iter().any(|w| {
            xs(w)
                || ![
                    "son", "sa", "de", "du", "la", "le", "et", "and", "a", "votre", "your",
                ]
                .contains(w)
        })
}

/// The role a folded label gives (`personnes referentes` → co-authors), if it is a cue
/// that lists names after a colon.
pub fn cue_role(folded_heading: &str) -> Option<Role> {
    role_of(folded_heading)
        .filter(|(_, colon)| *colon)
        .map(|(role, _)| role)
}

/// The role a folded cue gives, and whether names follow a colon. Read as people write
/// them: the cue of the list, a French inclusive form of it whatever its joiner
/// (`Auteur·ices`, `Auteur.es`, `Contributeur·rice·s`: the joiners fold to spaces), or
/// both genders doubled (`Contributrices et contributeurs`).
fn role_of(folded: &str) -> Option<(Role, bool)> {
    const ENDINGS: &[&str] = &[
        "e", "es", "s", "ice", "ices", "rice", "rices", "trice", "trices",
    ];
    let exact = |cue: &str| {
        CUES.iter()
            .find(|(_, _, cues)| cues.contains(&cue))
            .map(|(role, colon, _)| (*role, *colon))
    };
    let inclusive = |cue: &str| {
        exact(cue).or_else(|| {
            let words: Vec<&str> = cue.split(' ').collect();
            let base = words.first()?;
            let endings = &words[1..];
            (!endings.is_empty() && endings.iter().all(|w| ENDINGS.contains(w)))
                .then(|| exact(base).or_else(|| exact(&format!("{base}s"))))
                .flatten()
        })
    };
    inclusive(folded).or_else(|| {
        let (a, b) = folded
            .split_once(" et ")
            .or_else(|| folded.split_once(" and "))?;
        let (ra, rb) = (inclusive(a)?, inclusive(b)?);
        (ra == rb).then_some(ra)
    })
}

/// The names one line gives. Each sentence and each clause (`;`) may start with a cue
/// of its own (`Auteur : A ; co-auteurs : B et C`), and so may each name of a list
/// (`Auteur : A, co-auteurs : B`); a clause without one continues the role before it,
/// a sentence without one ends the list.
pub fn in_line(text: &str) -> Reading {
    let mut out = Reading::default();
    for sentence in sentences(text) {
        let mut current: Option<(Role, bool)> = None;
        for clause in sentence.split(';') {
            let (role, colon, names) = match (cue_at_start(clause), current) {
                // `Auteurs : …`: the names follow a colon; without one, it is prose.
                (Some((role, true, rest)), _) => match rest.trim_start().strip_prefix(':') {
                    Some(after) => (role, true, after),
                    None => break,
                },
                (Some((role, false, rest)), _) => (role, false, rest),
                (None, Some((role, colon))) => (role, colon, clause),
                (None, None) => break,
            };
            let role = read_names(names, role, colon, text, &mut out);
            current = Some((role, colon));
        }
    }
    out
}

/// Reads the names of a clause into `out`; returns the role in force at its end (a name
/// of the list may bring a cue of its own).
fn read_names(text: &str, mut role: Role, colon: bool, line: &str, out: &mut Reading) -> Role {
    for part in split_names(text) {
        if !colon {
            // In prose ("Créé par A pour…") the list ends at the first word that is
            // not a name; "avec" joins one more (`Créé par A avec la coopérative B`).
            let mut rest = part.as_str();
            loop {
                let Some((name, after)) = prose_name(rest) else {
                    return role;
                };
                out.named.push(named(name, role, line));
                let after = after.trim_start();
                if after.is_empty() {
                    break;
                }
                match JOINERS.iter().find_map(|j| strip_word(after, j)) {
                    Some(next) => rest = next,
                    None => return role,
                }
            }
            continue;
        }
        let mut part = part.as_str();
        if let Some((r, true, rest)) = cue_at_start(part) {
            if let Some(after) = rest.trim_start().strip_prefix(':') {
                role = r;
                part = after;
            }
        }
        match list_name(part) {
            Some(name) => out.named.push(named(name, role, line)),
            None if !part.trim().is_empty() => out.unread.push(Unread::new(part, line)),
            None => {}
        }
    }
    role
}

/// Words that join one more name to a name in prose (`A avec la coopérative B`).
const JOINERS: &[&str] = &["avec", "with"];

/// `text` after its first word when that word is `word` (any case) followed by a space.
fn strip_word<'t>(text: &'t str, word: &str) -> Option<&'t str> {
    let head = text.get(..word.len())?;
    let rest = &text[word.len()..];
    (head.eq_ignore_ascii_case(word) && rest.starts_with(char::is_whitespace)).then_some(rest)
}

/// The name prose starts with, and the text after it: capitalised words
/// ([`leading_name`]), or an organisation or group written with its kind and, often, an
/// article (`la SCOP Les Castors`, `l’association Terre Vivante`, `the cooperative
/// Green Fields`): the kind's word followed by a name. A kind's word alone (`la mairie`)
/// or an article before a word that names no kind (`la Fabrique`) names nobody.
fn prose_name(text: &str) -> Option<(String, &str)> {
    let text = text.trim_start();
    if let Some(name) = leading_name(text) {
        return Some((name.clone(), after_name(text, &name)));
    }
    let bare = ARTICLES
        .iter()
        .find_map(|a| {
            text.get(..a.len())
                .filter(|head| head.eq_ignore_ascii_case(a))
                .and_then(|_| text.get(a.len()..))
        })
        .unwrap_or(text)
        .trim_start();
    let end = bare.find(char::is_whitespace)?;
    let kind = fold(&bare[..end]);
    if !ORGANISATION_WORDS.contains(&kind.as_str()) && !GROUP_WORDS.contains(&kind.as_str()) {
        return None;
    }
    let rest = bare[end..].trim_start();
    let name = leading_name(rest)?;
    let whole = format!("{} {name}", &bare[..end]);
    Some((whole, after_name(rest, &name)))
}

/// The text after the name `text` starts with (the words [`leading_name`] took, which
/// it may have unquoted or cut of a final period).
fn after_name<'t>(text: &'t str, name: &str) -> &'t str {
    let mut rest = text;
    for _ in name.split_whitespace() {
        rest = rest.trim_start();
        let end = rest.find(char::is_whitespace).unwrap_or(rest.len());
        rest = &rest[end..];
    }
    rest
}

/// The names of a list of names given a role by its key (`auteurs: Claire, Julien`).
pub fn in_list(text: &str, role: Role, line: &str) -> Reading {
    let mut out = Reading::default();
    // `;` separates names here as in a line of the text (`Léa Bernard ; Hugo Moreau`).
    for clause in text.split(';').filter(|c| !c.trim().is_empty()) {
        read_names(clause, role, true, line, &mut out);
    }
    out
}

fn named(nom: String, role: Role, line: &str) -> Named {
    let nom = without_address_or_title(&nom);
    let kind = kind_of(&nom);
    Named {
        nom,
        role,
        kind,
        line: line.trim().to_string(),
    }
}

/// Civilities written before a name, which are not part of it.
const TITLES: &[&str] = &[
    "m.",
    "mm.",
    "mme",
    "mme.",
    "mmes",
    "mlle",
    "mlle.",
    "monsieur",
    "madame",
    "mademoiselle",
    "mr",
    "mr.",
    "mrs",
    "mrs.",
    "ms",
    "ms.",
];

/// A name without the e-mail address written with it (`Marie Dupont <marie@example.org>`,
/// `Marie Dupont marie@example.org`) or the civility before a given name and a family name
/// (`Mme Claire Roux`); the name as it was when nothing else is left. The address stays in the document's text.
fn without_address_or_title(nom: &str) -> String {
    let words: Vec<&str> = nom
        .split_whitespace()
        .filter(|w| !w.contains('@'))
        .map(|w| w.trim_matches(['<', '>']))
        .filter(|w| !w.is_empty())
        .collect();
    // `Mme Durand` keeps its civility: the family name alone would name the whole family.
    let start = usize::from(words.len() > 2 && TITLES.contains(&words[0].to_lowercase().as_str()));
    let cleaned = words[start..].join(" ");
    if cleaned.is_empty() {
        nom.to_string()
    } else {
        cleaned
    }
}

/// The cue `text` starts with: its role, whether a colon follows, and the text after it.
/// The longest cue wins: `Contributeur·ice·s` over `Contributeur`.
fn cue_at_start(text: &str) -> Option<(Role, bool, &str)> {
    let text = text.trim_start();
    word_ends(text, 5).into_iter().rev().find_map(|end| {
        let folded = fold(&text[..end]);
        role_of(&folded).map(|(role, colon)| (role, colon, &text[end..]))
    })
}

/// Where each of the first `max` words of `text` ends, as long as only words, spaces and
/// the joiners of French inclusive writing (`'`, `-`, `·`, `.`) come before.
fn word_ends(text: &str, max: usize) -> Vec<usize> {
    let mut ends = Vec::new();
    let mut in_word = false;
    for (i, c) in text.char_indices() {
        let alnum = c.is_alphanumeric();
        if in_word && !alnum {
            ends.push(i);
            if ends.len() == max {
                return ends;
            }
        }
        in_word = alnum;
        if !alnum && !c.is_whitespace() && !matches!(c, '\'' | '’' | '-' | '·' | '.') {
            return ends;
        }
    }
    if in_word {
        ends.push(text.len());
    }
    ends
}

/// A name in a list of names: the part before any description (`(…)`, ` – …`), its
/// article dropped (`l’ADEME`), starting with a capital or a letter of a script without
/// case (`محمد علي`), or with an organisation's word (`association Terre Vivante`); at
/// most eight words.
pub fn list_name(text: &str) -> Option<String> {
    let name = text
        .split(['(', ':', '–', '—', '|', ','])
        .next()?
        .split(" - ")
        .next()?;
    let name = name
        .trim()
        .trim_matches(|c: char| matches!(c, '*' | '_' | '"' | '«' | '»' | '“' | '”'))
        .trim();
    let name = name
        .strip_suffix('.')
        .filter(|n| !ends_with_abbreviation(n))
        .unwrap_or(name);
    let name = ARTICLES
        .iter()
        .find_map(|a| {
            name.get(..a.len())
                .filter(|head| head.eq_ignore_ascii_case(a))
                .and_then(|_| name.get(a.len()..))
        })
        .filter(|rest| !rest.trim().is_empty())
        .unwrap_or(name)
        .trim();
    let words = name.split_whitespace().count();
    let first = name.chars().next()?;
    let capital = first.is_uppercase() || (first.is_alphabetic() && !first.is_lowercase());
    let organisation = ORGANISATION_WORDS
        .contains(&fold(name.split_whitespace().next().unwrap_or_default()).as_str())
        && words > 1;
    let sentence_word = words == 1 && NOT_NAMES.contains(&fold(name).as_str());
    let valid = (capital || organisation)
        && (1..=8).contains(&words)
        && !sentence_word
        && crate::slug::is_id(&crate::slug::slugify(name));
    valid.then(|| name.to_string())
}

/// Whether a text ends with an abbreviation or an initial that a period completes
/// (`Dr`, `J`).
fn ends_with_abbreviation(text: &str) -> bool {
    let last = text
        .rsplit(|c: char| !c.is_alphanumeric())
        .next()
        .unwrap_or_default();
    let initial = last.chars().count() == 1 && last.chars().all(char::is_uppercase);
    initial || ABBREVIATIONS.contains(&last.to_lowercase().as_str())
}

/// The sentences of a line: a `.` followed by a space ends one, unless it ends an
/// abbreviation or an initial (`Dr. House`, `J. Roux`).
fn sentences(text: &str) -> Vec<&str> {
    let mut out = Vec::new();
    let mut start = 0;
    for (i, _) in text.match_indices('.') {
        let next = text[i + 1..].chars().next();
        if next.is_some_and(|c| !c.is_whitespace()) || ends_with_abbreviation(&text[start..i]) {
            continue;
        }
        out.push(&text[start..i]);
        start = i + 1;
    }
    out.push(&text[start..]);
    out.into_iter().filter(|s| !s.trim().is_empty()).collect()
}

/// The names of a list, split at commas, "et", "and", "&", "/" and "ainsi que". Two
/// people joined by "et" who share a family name written once (`Jean et Marie Dupont`,
/// `M. et Mme Durand`) are two names, the first given the family name of the second.
fn split_names(text: &str) -> Vec<String> {
    let mut out = Vec::new();
    let mut groups = vec![text.to_string()];
    for sep in [",", " / ", " ainsi que "] {
        groups = groups
            .iter()
            .flat_map(|p| p.split(sep).map(str::to_string).collect::<Vec<_>>())
            .collect();
    }
    for group in groups {
        let mut items = vec![group];
        for sep in [" et ", " and ", " & "] {
            items = items
                .iter()
                .flat_map(|p| p.split(sep).map(str::to_string).collect::<Vec<_>>())
                .collect();
        }
        for i in 0..items.len().saturating_sub(1) {
            if let Some(family) = shared_family_name(&items[i], &items[i + 1]) {
                items[i] = format!("{} {family}", items[i].trim());
            }
        }
        out.extend(items);
    }
    out.into_iter().filter(|p| !p.trim().is_empty()).collect()
}

/// The family name `first` (one word: a given name, `Jean`, or a civility, `M.`) takes
/// from the person named after it (`Marie Dupont`, `Mme Durand`): that name without its
/// first word. `None` when `first` is more than a given name or a civility, or the next
/// is no person's name (`ADEME et Mairie de Lyon`).
fn shared_family_name(first: &str, next: &str) -> Option<String> {
    let first = first.trim();
    let civility = TITLES.contains(&first.to_lowercase().as_str());
    // `Jean`, `Anne-Marie`: capitalised, never all capitals (`ADEME`).
    let given = first.split('-').all(|part| {
        let mut chars = part.chars();
        chars.next().is_some_and(char::is_uppercase)
            && part.chars().count() > 1
            && chars.all(char::is_lowercase)
    });
    if first.contains(char::is_whitespace) || !(civility || given) {
        return None;
    }
    let name = leading_name(next)?;
    let words: Vec<&str> = name.split_whitespace().collect();
    let next_civility = TITLES.contains(&words[0].to_lowercase().as_str());
    if words.len() < 2 || kind_of(&name) != MembreType::Personne || civility != next_civility {
        return None;
    }
    Some(words[1..].join(" "))
}

/// The name a text starts with: capitalised words (and particles between them), before
/// any parenthesis, dash or colon that describes the person. `None` when it starts with
/// a lowercase word or a sentence word.
pub fn leading_name(text: &str) -> Option<String> {
    let text = text
        .split(['(', ':', '–', '—', '|'])
        .next()?
        .split(" - ")
        .next()?
        .trim();
    let words: Vec<&str> = text.split_whitespace().collect();
    let mut taken: Vec<&str> = Vec::new();
    let mut i = 0;
    while i < words.len() && taken.len() < 6 {
        let w =
            words[i].trim_matches(|c: char| matches!(c, '*' | '_' | '"' | '«' | '»' | '“' | '”'));
        let capital = w.chars().next().is_some_and(|c| c.is_uppercase());
        let particle = PARTICLES.contains(&w.to_lowercase().as_str())
            || (w.starts_with("d'") || w.starts_with("d’"))
                && w.chars().nth(2).is_some_and(char::is_uppercase);
        let next_capital = words
            .get(i + 1)
            .is_some_and(|n| n.chars().next().is_some_and(char::is_uppercase));
        if capital || (particle && !taken.is_empty() && (next_capital || w.len() > 2)) {
            taken.push(w);
            i += 1;
        } else {
            break;
        }
    }
    while taken
        .last()
        .is_some_and(|w| PARTICLES.contains(&w.to_lowercase().as_str()))
    {
        taken.pop();
    }
    let name = taken.join(" ").trim_end_matches(['.', ',']).to_string();
    let folded = fold(&name);
    let sentence_word = taken.len() == 1 && NOT_NAMES.contains(&folded.as_str());
    (!name.is_empty() && !sentence_word && crate::slug::is_id(&crate::slug::slugify(&name)))
        .then_some(name)
}

/// Organisation when a word says so or the name is an acronym or one CamelCase word;
/// a group for "collectif", "cercle"…; a person otherwise.
pub fn kind_of(name: &str) -> MembreType {
    let folded = fold(name);
    let words: Vec<&str> = folded.split(' ').collect();
    if words.iter().any(|w| GROUP_WORDS.contains(w)) {
        return MembreType::Collectif;
    }
    if words.iter().any(|w| ORGANISATION_WORDS.contains(w)) {
        return MembreType::Organisation;
    }
    let single = name.split_whitespace().count() == 1;
    let inner_capital = name.chars().skip(1).any(char::is_uppercase);
    if single && inner_capital {
        MembreType::Organisation
    } else {
        MembreType::Personne
    }
}

fn strip_marker(line: &str) -> &str {
    let t = line.trim_start().trim_start_matches('>').trim_start();
    for m in ["- ", "* ", "+ "] {
        if let Some(rest) = t.strip_prefix(m) {
            return rest;
        }
    }
    let digits = t.len() - t.trim_start_matches(|c: char| c.is_ascii_digit()).len();
    if digits > 0 && (t[digits..].starts_with(". ") || t[digits..].starts_with(") ")) {
        return &t[digits + 2..];
    }
    t
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn line_breaks_separate_the_names_of_a_people_line() {
        let names = |body: &str| -> Vec<String> {
            in_body(body).named.into_iter().map(|n| n.nom).collect()
        };
        let expected = ["Alice Martin", "Bruno Petit", "Chloé Roux"];
        for body in [
            "Personnes référentes : Alice Martin\\\nBruno Petit\\\nChloé Roux\n",
            "Personnes référentes : Alice Martin  \nBruno Petit  \nChloé Roux\n",
            "Personnes référentes : Alice Martin<br>Bruno Petit<br />Chloé Roux\n",
            "Personnes référentes :\\\nAlice Martin\\\nBruno Petit, Chloé Roux\n",
        ] {
            assert_eq!(names(body), expected, "{body}");
        }
        // A line after a soft break, a blank line or a new item is not a name of the list.
        assert_eq!(
            names("Auteurs : Alice Martin\nBruno Petit\n\nChloé Roux\n"),
            ["Alice Martin"]
        );
        assert_eq!(
            names("- Auteurs : Alice Martin\\\n- Bruno Petit\n"),
            ["Alice Martin"]
        );
        // A line with its own cue starts its own list.
        let r = in_body("Auteurs : Alice Martin<br>Contributeurs : Bruno Petit\n");
        let roles: Vec<Role> = r.named.iter().map(|n| n.role).collect();
        assert_eq!(roles, [Role::Auteurs, Role::Contributeurs]);
    }

    #[test]
    fn addresses_and_civilities_are_not_names() {
        for (line, expected) in [
            (
                "Auteurs : Marie Dupont <marie@example.org>, M. Jean Martin",
                vec!["Marie Dupont", "Jean Martin"],
            ),
            (
                "Personnes référentes : Mme Claire Roux (claire@x.org) ; Paul Fort paul@x.org",
                vec!["Claire Roux", "Paul Fort"],
            ),
        ] {
            let names: Vec<String> = in_line(line).named.into_iter().map(|n| n.nom).collect();
            assert_eq!(names, expected, "{line}");
        }
        assert_eq!(without_address_or_title("Monsieur"), "Monsieur");
    }

    fn noms(r: &Reading) -> Vec<(&str, Role)> {
        r.named.iter().map(|n| (n.nom.as_str(), n.role)).collect()
    }

    fn unread(r: &Reading) -> Vec<&str> {
        r.unread.iter().map(|u| u.text.as_str()).collect()
    }

    #[test]
    fn author_lines() {
        let found = in_body("**Auteurs :** Claire Martin, Julien Roux et Amadou Diallo.\n\n- Personnes référentes : Léa Dubois (facilitatrice) ; Nadia Benali\n- Contributeur·ice·s : Collectif bois, SAS La Fabrique\n");
        assert_eq!(
            noms(&found),
            [
                ("Claire Martin", Role::Auteurs),
                ("Julien Roux", Role::Auteurs),
                ("Amadou Diallo", Role::Auteurs),
                ("Léa Dubois", Role::CoAuteurs),
                ("Nadia Benali", Role::CoAuteurs),
                ("Collectif bois", Role::Contributeurs),
                ("SAS La Fabrique", Role::Contributeurs),
            ]
        );
        assert_eq!(found.named[5].kind, MembreType::Collectif);
        assert_eq!(found.named[6].kind, MembreType::Organisation);
        assert_eq!(found.named[0].kind, MembreType::Personne);
        assert!(found.unread.is_empty());
    }

    #[test]
    fn every_name_is_a_member_or_reported() {
        let found = in_line("Auteurs : Marie Dupont, محمد علي, Dr. House, l’ADEME, marie curie");
        assert_eq!(
            noms(&found),
            [
                ("Marie Dupont", Role::Auteurs),
                ("محمد علي", Role::Auteurs),
                ("Dr. House", Role::Auteurs),
                ("ADEME", Role::Auteurs),
            ]
        );
        assert_eq!(found.named[3].kind, MembreType::Organisation);
        assert_eq!(unread(&found), ["marie curie"]);
        let found =
            in_line("Rédaction : Claire Dubois, Karim Haddad et l’association Terre Vivante");
        assert_eq!(found.named.len(), 3);
        assert_eq!(found.named[2].nom, "association Terre Vivante");
        assert_eq!(found.named[2].kind, MembreType::Organisation);
        let found = in_line("Contributeurs : la Mairie de Lyon et nos bénévoles");
        assert_eq!(noms(&found), [("Mairie de Lyon", Role::Contributeurs)]);
        assert_eq!(unread(&found), ["nos bénévoles"]);
    }

    #[test]
    fn each_clause_has_its_role() {
        let found =
            in_line("Auteur : Mathieu Coste ; co-auteurs : Guillaume Rouyer et Sandrine Lefort");
        assert_eq!(
            noms(&found),
            [
                ("Mathieu Coste", Role::Auteurs),
                ("Guillaume Rouyer", Role::CoAuteurs),
                ("Sandrine Lefort", Role::CoAuteurs),
            ]
        );
        let found = in_line("Auteur : A. Martin, éditeur : SAS ChezNous. Producteurs : Collectif des Couturières, Jean Dupont. Merci à tous.");
        assert_eq!(
            noms(&found),
            [
                ("A. Martin", Role::Auteurs),
                ("SAS ChezNous", Role::Editeurs),
                ("Collectif des Couturières", Role::Producteurs),
                ("Jean Dupont", Role::Producteurs),
            ]
        );
    }

    #[test]
    fn created_by_in_prose_takes_only_the_names() {
        let found = in_body("Créé par Mathieu Coste pour les besoins de la SAS ChezNous, aujourd’hui, le #CodeSocial est utilisé par d’autres organisations.");
        assert_eq!(noms(&found), [("Mathieu Coste", Role::Auteurs)]);
        let found = in_body("Écrit par nos membres en 2014.");
        assert!(found.named.is_empty());
    }

    /// An organisation written in prose with its kind and an article (`la SCOP Les
    /// Castors`, `l’association X`), after `et`, a comma or `avec`, is named like a person;
    /// a kind without a name, or a name without a kind after an article, is not.
    #[test]
    fn organisations_in_prose_are_named_with_their_kind() {
        use MembreType::{Organisation as O, Personne as P};
        for (line, expected) in [
            (
                "Créé par Jean Dupont et la SCOP Les Castors pour le quartier.",
                vec![("Jean Dupont", P), ("SCOP Les Castors", O)],
            ),
            (
                "Créé par Claire Martin, l'association Terre Vivante et l’entreprise Bois Durable.",
                vec![
                    ("Claire Martin", P),
                    ("association Terre Vivante", O),
                    ("entreprise Bois Durable", O),
                ],
            ),
            (
                "Fondé par Paul Fort avec la coopérative Les Jardins en 2012.",
                vec![("Paul Fort", P), ("coopérative Les Jardins", O)],
            ),
            (
                "Written by Ann Lee with the cooperative Green Fields",
                vec![("Ann Lee", P), ("cooperative Green Fields", O)],
            ),
            (
                "Créé par la SCOP Les Castors.",
                vec![("SCOP Les Castors", O)],
            ),
            (
                "Créé par Jean Dupont et la mairie du village.",
                vec![("Jean Dupont", P)],
            ),
            (
                "Créé par Jean Dupont et la Fabrique.",
                vec![("Jean Dupont", P)],
            ),
            (
                "Créé par Jean Dupont avec nos voisins.",
                vec![("Jean Dupont", P)],
            ),
        ] {
            let found = in_body(line);
            let names: Vec<(&str, MembreType)> = found
                .named
                .iter()
                .map(|n| (n.nom.as_str(), n.kind))
                .collect();
            assert_eq!(names, expected, "{line}");
            assert!(
                found.named.iter().all(|n| n.role == Role::Auteurs),
                "{line}"
            );
        }
    }

    /// Two people sharing a family name written once are two members, each with it; a
    /// review line names contributors.
    #[test]
    fn couples_share_their_family_name_and_reviewers_contribute() {
        let names = |line: &str| -> Vec<(String, Role)> {
            in_body(line)
                .named
                .into_iter()
                .map(|n| (n.nom, n.role))
                .collect()
        };
        let a = Role::Auteurs;
        for (line, expected) in [
            (
                "Auteurs : M. et Mme Durand",
                vec!["M. Durand", "Mme Durand"],
            ),
            (
                "Auteurs : Jean et Marie Dupont, Léa Roux",
                vec!["Jean Dupont", "Marie Dupont", "Léa Roux"],
            ),
            (
                "Créé par Jean et Marie Dupont pour le quartier.",
                vec!["Jean Dupont", "Marie Dupont"],
            ),
            (
                "Rédigé par Anne-Marie et Paul Fort.",
                vec!["Anne-Marie Fort", "Paul Fort"],
            ),
            (
                "Auteurs : ADEME et Mairie de Lyon",
                vec!["ADEME", "Mairie de Lyon"],
            ),
            (
                "Auteurs : Claire et Collectif Bois",
                vec!["Claire", "Collectif Bois"],
            ),
            (
                "Auteurs : Claire Martin et Julien Roux",
                vec!["Claire Martin", "Julien Roux"],
            ),
        ] {
            let expected: Vec<(String, Role)> =
                expected.into_iter().map(|n| (n.to_string(), a)).collect();
            assert_eq!(names(line), expected, "{line}");
        }
        assert_eq!(
            names("Relu par Claire Martin et Paul Fort."),
            [
                ("Claire Martin".to_string(), Role::Contributeurs),
                ("Paul Fort".to_string(), Role::Contributeurs)
            ]
        );
    }

    #[test]
    fn a_people_chapter_gives_its_role_to_its_items() {
        let found = in_people_chapter(
            "Personnes référentes",
            "- Claire de Vries, facilitatrice\n- J. Roux – ébéniste\n- Éditeur : ChezNous\n- Capital : Claire 60 %\n",
        );
        assert_eq!(
            noms(&found),
            [
                ("ChezNous", Role::Editeurs),
                ("Claire de Vries", Role::CoAuteurs),
                ("J. Roux", Role::CoAuteurs)
            ]
        );
        assert_eq!(found.named[0].kind, MembreType::Organisation);
        assert_eq!(unread(&found), ["Capital : Claire 60 %"]);
    }

    /// Under "Personnes référentes", names are read in prose enumerations and in
    /// tables as in lists; a sentence about someone is not an enumeration.
    #[test]
    fn a_people_chapter_reads_its_prose_and_its_tables() {
        let c = Role::CoAuteurs;
        for (body, expected) in [
            (
                "Marie Dupont et Jean Martin, co-gérants.\n",
                vec![("Marie Dupont", c), ("Jean Martin", c)],
            ),
            (
                "Marie Dupont, Jean Martin et la SCOP Les Castors (depuis 2019)\n",
                vec![("Marie Dupont", c), ("Jean Martin", c), ("SCOP Les Castors", c)],
            ),
            (
                "Léa Bernard – présidente<br>Hugo Moreau : trésorier\n",
                vec![("Léa Bernard", c), ("Hugo Moreau", c)],
            ),
            (
                "| Nom | Rôle | Contact |\n|---|---|---|\n| Léa Bernard | présidente | lea@example.org |\n| Ana Roux<br>Paul Fort | Autrices | |\n",
                vec![("Léa Bernard", c), ("Ana Roux", Role::Auteurs), ("Paul Fort", Role::Auteurs)],
            ),
            (
                "| Rôle | Prénom Nom |\n|---|---|\n| trésorier | **Hugo Moreau** |\n",
                vec![("Hugo Moreau", c)],
            ),
            (
                "Jean Martin anime le lieu.\n\nLe Conseil d'administration se réunit chaque mois.\n\nDepuis 2015, nous avançons.\n\nMerci à tous.\n\nLe Bureau\n",
                vec![],
            ),
        ] {
            let found = in_people_chapter("Personnes référentes", body);
            assert_eq!(noms(&found), expected, "{body}");
        }
    }

    /// A placeholder is never a name: in a list, a table, prose or after a cue, it is
    /// reported as one.
    #[test]
    fn placeholders_are_no_names() {
        for text in [
            "[Nom]",
            "[Prénom NOM]",
            "XXX",
            "xx",
            "X X",
            "à compléter",
            "A completer",
            "Prénom Nom",
            "NOM Prénom",
            "TBD",
            "N/A",
            "…",
            "___",
            "<nom>",
            "{{prénom}}",
            "Votre nom",
            "**XXX**",
        ] {
            assert!(is_placeholder(text), "{text}");
        }
        for text in [
            "Marie Dupont",
            "Xavier Roux",
            "La Fabrique",
            "Sa Majesté",
            "ADEME",
            "Le",
        ] {
            assert!(!is_placeholder(text), "{text}");
        }
        let found = in_people_chapter(
            "Personnes référentes",
            "- Hugo Moreau\n- à compléter\n\n[Nom], trésorier\n\n| Nom | Rôle |\n|---|---|\n| [Nom] | secrétaire |\n",
        );
        // `[Nom]` in prose is read as a name, which `members` reports as a placeholder.
        assert_eq!(
            noms(&found),
            [("Hugo Moreau", Role::CoAuteurs), ("[Nom]", Role::CoAuteurs)]
        );
        assert!(found.unread.iter().all(|u| u.placeholder), "{found:?}");
        assert_eq!(unread(&found), ["à compléter", "[Nom]"]);
    }

    #[test]
    fn lines_without_cues_name_nobody() {
        let found = in_body("Les auteurs du monde entier.\nAuteurs et contributeurs se réunissent.\nNous, Claire et Julien.");
        assert_eq!(found, Reading::default());
    }
}
