//! The people and organisations a document names in its authors, "personnes
//! référentes" and contributors lines (`Auteurs : Claire Martin, Julien Roux`, `Créé par
//! Mathieu Coste pour…`), with the role of the inverted pyramid each line gives them.
//! Only names written after such a cue are taken: nobody is invented, and every one of
//! them is listed in the report for review.

use super::blocks::{self, BlockKind};
use super::chapters::fold;
use super::outline::plain_text;

/// A role of the pyramid an import can fill.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub enum Role {
    Auteurs,
    CoAuteurs,
    Editeurs,
    Contributeurs,
}

impl Role {
    /// The key in `pyramide.yaml`.
    pub fn key(self) -> &'static str {
        match self {
            Role::Auteurs => "auteurs",
            Role::CoAuteurs => "co_auteurs",
            Role::Editeurs => "editeurs",
            Role::Contributeurs => "contributeurs",
        }
    }
}

/// What a member is, as `membres/<id>.md` says.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum MemberType {
    Personne,
    Organisation,
    Collectif,
}

impl MemberType {
    pub fn key(self) -> &'static str {
        match self {
            MemberType::Personne => "personne",
            MemberType::Organisation => "organisation",
            MemberType::Collectif => "collectif",
        }
    }
}

/// A name found after a cue.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Named {
    pub nom: String,
    pub role: Role,
    pub kind: MemberType,
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
        ],
    ),
];

/// Folded words marking an organisation, or a group.
const ORGANISATION_WORDS: &[&str] = &[
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

/// The names of every cue line of a body (list items and paragraphs, at any depth of
/// the text: each source line is looked at).
pub fn in_body(body: &str) -> Vec<Named> {
    let mut out = Vec::new();
    for line in body.lines() {
        let text = plain_text(strip_marker(line)).replace('\n', " ");
        out.extend(in_line(&text));
    }
    out
}

/// The names of a chapter headed by a cue (`## Personnes référentes`): each item of its
/// lists, unless the item holds a cue of its own.
pub fn in_people_chapter(heading: &str, body: &str) -> Vec<Named> {
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
            if !in_line(&text).is_empty() {
                continue;
            }
            if let Some(nom) = list_name(&text) {
                out.push(named(nom, role, &text));
            }
        }
    }
    out
}

/// The role a folded label gives (`personnes referentes` → co-authors), if it is a cue
/// that lists names after a colon.
pub fn cue_role(folded_heading: &str) -> Option<Role> {
    CUES.iter()
        .find(|(_, colon, cues)| *colon && cues.contains(&folded_heading))
        .map(|(role, _, _)| *role)
}

/// The names one line gives, if it starts with a cue.
pub fn in_line(text: &str) -> Vec<Named> {
    let Some((role, colon, rest)) = cue_at_start(text) else {
        return Vec::new();
    };
    let rest = if colon {
        match rest.trim_start().strip_prefix(':') {
            Some(r) => r,
            None => return Vec::new(),
        }
    } else {
        rest
    };
    names(rest, colon)
        .into_iter()
        .map(|n| named(n, role, text))
        .collect()
}

/// The names of a list of names given a role by its key (`auteurs: Claire, Julien`).
pub fn in_list(text: &str, role: Role, line: &str) -> Vec<Named> {
    names(text, true)
        .into_iter()
        .map(|n| named(n, role, line))
        .collect()
}

fn named(nom: String, role: Role, line: &str) -> Named {
    let kind = kind_of(&nom);
    Named {
        nom,
        role,
        kind,
        line: line.trim().to_string(),
    }
}

/// The cue `text` starts with: its role, whether a colon follows, and the text after it.
/// The longest cue wins: `Contributeur·ice·s` over `Contributeur`.
fn cue_at_start(text: &str) -> Option<(Role, bool, &str)> {
    let text = text.trim_start();
    word_ends(text, 5).into_iter().rev().find_map(|end| {
        let folded = fold(&text[..end]);
        CUES.iter()
            .find(|(_, _, cues)| cues.contains(&folded.as_str()))
            .map(|(role, colon, _)| (*role, *colon, &text[end..]))
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

/// The names of a list of names: `A, B et C`. After a colon every part that is a name
/// counts; in prose (`Créé par …`) the list stops at the first word that is not a name.
fn names(text: &str, colon: bool) -> Vec<String> {
    let sentence = first_sentence(text);
    let mut out: Vec<String> = Vec::new();
    for part in split_names(&sentence) {
        if colon {
            out.extend(list_name(&part));
            continue;
        }
        let Some(name) = leading_name(&part) else {
            break;
        };
        let whole = part.trim() == name;
        out.push(name);
        if !whole {
            // "Mathieu Coste pour les besoins de…": the list ended inside this part.
            break;
        }
    }
    out.dedup();
    out
}

/// A name in a list of names: the part before any description (`(…)`, ` – …`, `, …`),
/// starting with a capital, at most six words.
pub fn list_name(text: &str) -> Option<String> {
    let name = text
        .split(['(', ':', '–', '—', '|', ','])
        .next()?
        .split(" - ")
        .next()?;
    let name = name
        .trim()
        .trim_matches(|c: char| matches!(c, '*' | '_' | '"' | '«' | '»' | '“' | '”' | '.'))
        .trim();
    let words = name.split_whitespace().count();
    let capital = name.chars().next().is_some_and(char::is_uppercase);
    let sentence_word = words == 1 && NOT_NAMES.contains(&fold(name).as_str());
    let valid = capital
        && (1..=6).contains(&words)
        && !sentence_word
        && crate::slug::is_id(&crate::slug::slugify(name));
    valid.then(|| name.to_string())
}

/// Up to the first `.` that ends a sentence (not an initial: `J. Roux`).
fn first_sentence(text: &str) -> String {
    let chars: Vec<char> = text.chars().collect();
    let mut out = String::new();
    for (i, &c) in chars.iter().enumerate() {
        if c == '.' {
            let prev_upper =
                i > 0 && chars[i - 1].is_uppercase() && (i < 2 || !chars[i - 2].is_alphanumeric());
            if !prev_upper && chars.get(i + 1).is_none_or(|n| n.is_whitespace()) {
                break;
            }
        }
        out.push(c);
    }
    out
}

fn split_names(text: &str) -> Vec<String> {
    let mut parts = vec![text.to_string()];
    for sep in [",", ";", " et ", " and ", " & ", " / ", " ainsi que "] {
        parts = parts
            .iter()
            .flat_map(|p| p.split(sep).map(str::to_string).collect::<Vec<_>>())
            .collect();
    }
    parts.into_iter().filter(|p| !p.trim().is_empty()).collect()
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
pub fn kind_of(name: &str) -> MemberType {
    let folded = fold(name);
    let words: Vec<&str> = folded.split(' ').collect();
    if words.iter().any(|w| GROUP_WORDS.contains(w)) {
        return MemberType::Collectif;
    }
    if words.iter().any(|w| ORGANISATION_WORDS.contains(w)) {
        return MemberType::Organisation;
    }
    let single = name.split_whitespace().count() == 1;
    let inner_capital = name.chars().skip(1).any(char::is_uppercase);
    if single && inner_capital {
        MemberType::Organisation
    } else {
        MemberType::Personne
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

    fn noms(v: &[Named]) -> Vec<(&str, Role)> {
        v.iter().map(|n| (n.nom.as_str(), n.role)).collect()
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
        assert_eq!(found[5].kind, MemberType::Collectif);
        assert_eq!(found[6].kind, MemberType::Organisation);
        assert_eq!(found[0].kind, MemberType::Personne);
    }

    #[test]
    fn created_by_in_prose_takes_only_the_names() {
        let found = in_body("Créé par Mathieu Coste pour les besoins de la SAS ChezNous, aujourd’hui, le #CodeSocial est utilisé par d’autres organisations.");
        assert_eq!(noms(&found), [("Mathieu Coste", Role::Auteurs)]);
        let found = in_body("Écrit par nos membres en 2014.");
        assert!(found.is_empty());
    }

    #[test]
    fn a_people_chapter_gives_its_role_to_its_items() {
        let found = in_people_chapter(
            "Personnes référentes",
            "- Claire de Vries, facilitatrice\n- J. Roux – ébéniste\n- Éditeur : ChezNous\n",
        );
        assert_eq!(
            noms(&found),
            [
                ("ChezNous", Role::Editeurs),
                ("Claire de Vries", Role::CoAuteurs),
                ("J. Roux", Role::CoAuteurs)
            ]
        );
        assert_eq!(found[0].kind, MemberType::Organisation);
    }

    #[test]
    fn lines_without_cues_name_nobody() {
        assert!(in_body("Les auteurs du monde entier.\nAuteurs et contributeurs se réunissent.\nNous, Claire et Julien.").is_empty());
    }
}
