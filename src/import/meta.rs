//! Facts about the organisation that documents state in labelled lines or front matter —
//! its name, legal form, founding date, site, licence, language — each checked before it
//! is kept (a site is a web address, a date a real day, a licence an SPDX expression).
//! What does not pass is handed back verbatim for the report.

use super::chapters::fold;
use super::extract::{self, INFORMATIONS};
use super::frontmatter::FrontMatter;
use super::people::{self, Reading};
use crate::i18n::Lang;

/// The manifest's optional facts.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Facts {
    pub forme_juridique: Option<String>,
    pub creee_le: Option<String>,
    pub site: Option<String>,
    pub licence: Option<String>,
}

impl Facts {
    /// The keys set, for the report.
    pub fn keys(&self) -> Vec<&'static str> {
        let mut keys = Vec::new();
        for (key, value) in [
            ("forme_juridique", &self.forme_juridique),
            ("creee_le", &self.creee_le),
            ("site", &self.site),
            ("licence", &self.licence),
        ] {
            if value.is_some() {
                keys.push(key);
            }
        }
        keys
    }

    /// Fills what is not set yet from `other`.
    fn complete(&mut self, other: Facts) {
        self.forme_juridique = self.forme_juridique.take().or(other.forme_juridique);
        self.creee_le = self.creee_le.take().or(other.creee_le);
        self.site = self.site.take().or(other.site);
        self.licence = self.licence.take().or(other.licence);
    }
}

/// Labels of the manifest's facts, folded.
pub const FACTS: &[(&str, &[&str])] = &[
    (
        "forme_juridique",
        &[
            "forme juridique",
            "statut juridique",
            "statut",
            "legal form",
        ],
    ),
    (
        "creee_le",
        &[
            "creee le",
            "cree le",
            "creee_le",
            "date de creation",
            "creation",
            "fondee le",
            "date de fondation",
            "founded",
        ],
    ),
    (
        "site",
        &["site", "site web", "site internet", "website", "url"],
    ),
    ("licence", &["licence", "license"]),
];

/// Front matter keys that name the organisation, its title, its language.
const NAME_KEYS: &[&str] = &[
    "organisation",
    "organization",
    "nom",
    "name",
    "structure",
    "nom de l organisation",
];
const TITLE_KEYS: &[&str] = &["titre", "title"];
const LANG_KEYS: &[&str] = &["langue", "lang", "language"];

/// What the front matter gives.
#[derive(Debug, Clone, Default)]
pub struct Meta {
    pub nom: Option<String>,
    pub title: Option<String>,
    /// The title's entry as written: reported when the name comes from elsewhere, since
    /// nothing else keeps its text.
    pub title_source: Option<String>,
    pub langue: Option<Lang>,
    pub facts: Facts,
    pub informations: Vec<(&'static str, String)>,
    pub people: Reading,
    /// Entries not kept, as `key: value`.
    pub unread: Vec<String>,
    /// `(field, entry as written)`: entries of a fact of the manifest whose value does not
    /// read (`date de création: printemps 2012`, `licence: libre`), also in `unread`.
    pub unread_facts: Vec<(&'static str, String)>,
}

/// Reads the front matter's entries.
pub fn from_front_matter(fm: &FrontMatter) -> Meta {
    let mut meta = Meta {
        unread: fm.unread.clone(),
        ..Meta::default()
    };
    for entry in &fm.entries {
        if !take(&mut meta, &entry.key, &entry.values) {
            meta.unread.push(entry.source.clone());
            if let Some(key) = unread_fact(&entry.key, &entry.values) {
                meta.unread_facts.push((key, entry.source.clone()));
            }
        } else if meta.title_source.is_none() && meta.title.is_some() {
            meta.title_source = Some(entry.source.clone());
        }
    }
    meta
}

/// Keeps one entry; `false` when it has no place or its value does not pass.
fn take(meta: &mut Meta, key: &str, values: &[String]) -> bool {
    let folded = fold(key);
    let first = values
        .first()
        .map(|v| v.trim().to_string())
        .filter(|v| !v.is_empty());
    if let Some(role) = people::cue_role(&folded) {
        let mut any = false;
        for v in values {
            let r = people::in_list(v, role, &format!("{key}: {v}"));
            any |= !r.named.is_empty();
            meta.people.named.extend(r.named);
            meta.people.unread.extend(r.unread);
        }
        return any;
    }
    let Some(value) = first else { return false };
    let information = INFORMATIONS
        .iter()
        .find(|(_, names)| names.contains(&folded.as_str()));
    // A list's values are all kept or none is: an information field holds them joined
    // (`publics: [enfants, familles]` → "enfants, familles"); any other key takes one
    // value, and a list there is reported as written. A key given twice keeps its first
    // value, and the second entry is reported.
    if values.len() > 1 && information.is_none() {
        return false;
    }
    let taken = |k: &str| meta.informations.iter().any(|(i, _)| *i == k);
    if NAME_KEYS.contains(&folded.as_str()) {
        if meta.nom.is_some() {
            return false;
        }
        meta.nom = Some(value);
    } else if TITLE_KEYS.contains(&folded.as_str()) {
        if meta.title.is_some() {
            return false;
        }
        meta.title = Some(value);
    } else if LANG_KEYS.contains(&folded.as_str()) {
        if meta.langue.is_some() {
            return false;
        }
        meta.langue = Lang::parse(
            &value
                .to_ascii_lowercase()
                .chars()
                .take(2)
                .collect::<String>(),
        );
        return meta.langue.is_some();
    } else if let Some(fact) = fact(&folded, &value) {
        if fact.keys().iter().any(|k| meta.facts.keys().contains(k)) {
            return false;
        }
        meta.facts.complete(fact);
    } else if let Some(info) = information {
        if taken(info.0) {
            return false;
        }
        let joined: Vec<&str> = values
            .iter()
            .map(|v| v.trim())
            .filter(|v| !v.is_empty())
            .collect();
        meta.informations.push((info.0, joined.join(", ")));
    } else {
        return false;
    }
    true
}

/// The facts stated in labelled lines of a body (`Forme juridique : SAS`); the lines stay.
#[cfg(test)]
pub fn facts_in_body(body: &str) -> Facts {
    let mut facts = Facts::default();
    for line in body.lines().flat_map(extract::label_lines) {
        let line = line.trim_start().trim_start_matches(['-', '*', '+']).trim();
        if let Some((key, value)) = extract::labelled(FACTS, line) {
            // A site is read from the line as written: its address may be a link's.
            let raw = line.split_once(':').map_or("", |(_, v)| v);
            let value = if key == "site" { raw } else { &value };
            if let Some(f) = fact_value(key, value) {
                facts.complete(f);
            }
        }
    }
    facts
}

/// Takes the fact a labelled line states into `facts`, unless `facts` has it already:
/// `true` when taken, and the line then leaves the text (the manifest holds it, once).
/// Only a line whose value is the fact as a whole is taken (`Site : [x.org](https://x.org)`,
/// not `Site : https://x.org, en travaux`): nothing of the line is lost.
pub fn take_fact(facts: &mut Facts, line: &str) -> bool {
    let line = line.trim_start().trim_start_matches(['-', '*', '+']).trim();
    let Some((key, value)) = extract::labelled(FACTS, line) else {
        return false;
    };
    let raw = line.split_once(':').map_or("", |(_, v)| v);
    let value = if key == "site" { raw } else { &value };
    let Some(fact) = fact_value(key, value) else {
        return false;
    };
    if key == "site" {
        let address = fact.site.as_deref().unwrap_or_default();
        let bare = |a: &str| {
            let a = a.trim().trim_end_matches(['.', '/']);
            let a = a
                .strip_prefix("https://")
                .or_else(|| a.strip_prefix("http://"))
                .unwrap_or(a);
            a.strip_prefix("www.").unwrap_or(a).to_string()
        };
        let shown = super::outline::plain_text(raw).replace('\n', " ");
        if bare(&shown) != bare(address) {
            return false;
        }
    }
    // A licence or a date read in another form than written (`CC BY-SA 4.0` is
    // `CC-BY-SA-4.0`, `2 mai 2013` is `2013-05-02`) is read, and keeps its line: the
    // words are the document's.
    let as_written = value.trim().trim_end_matches('.');
    let rewritten = match key {
        "licence" => fact.licence.as_deref() != Some(as_written),
        "creee_le" => fact.creee_le.as_deref() != Some(as_written),
        _ => false,
    };
    if fact.keys().iter().any(|k| facts.keys().contains(k)) {
        return false;
    }
    facts.complete(fact);
    !rewritten
}

/// The labelled lines of a body whose value is not read as its fact (`Licence : libre`,
/// `Site : notre page Facebook`, `Date de création : printemps 2012`): the key, and the
/// line as written, for the report. They stay in the text.
pub fn unread_facts_in_body(body: &str) -> Vec<(&'static str, String)> {
    let mut out = Vec::new();
    for line in body.lines().flat_map(extract::label_lines) {
        let line = line.trim_start().trim_start_matches(['-', '*', '+']).trim();
        if let Some((key, value)) = extract::labelled(FACTS, line) {
            let raw = line.split_once(':').map_or("", |(_, v)| v);
            let value = if key == "site" { raw } else { &value };
            if matches!(key, "licence" | "site" | "creee_le") && fact_value(key, value).is_none() {
                out.push((key, line.to_string()));
            }
        }
    }
    out
}

/// The fact an entry of the front matter names when its value does not read as one
/// (a date in words, a licence that is no SPDX identifier, a site without address).
fn unread_fact(key: &str, values: &[String]) -> Option<&'static str> {
    let folded = fold(key);
    let key = FACTS
        .iter()
        .find(|(_, names)| names.contains(&folded.as_str()))?
        .0;
    let value = values.first().map(|v| v.trim()).filter(|v| !v.is_empty())?;
    (matches!(key, "licence" | "site" | "creee_le")
        && (values.len() > 1 || fact_value(key, value).is_none()))
    .then_some(key)
}

fn fact(folded_key: &str, value: &str) -> Option<Facts> {
    let key = FACTS
        .iter()
        .find(|(_, names)| names.contains(&folded_key))?
        .0;
    fact_value(key, value)
}

/// A fact, if its value passes.
fn fact_value(key: &str, value: &str) -> Option<Facts> {
    let mut facts = Facts::default();
    match key {
        "forme_juridique" => facts.forme_juridique = Some(value.to_string()),
        "creee_le" => facts.creee_le = super::dates::parse(value).filter(|d| d.len() == 10),
        "site" => facts.site = web_address(value),
        "licence" => facts.licence = spdx_licence(value),
        _ => {}
    }
    (facts != Facts::default()).then_some(facts)
}

/// The first `http://` or `https://` address of a text.
fn web_address(text: &str) -> Option<String> {
    let start = text.find("https://").or_else(|| text.find("http://"))?;
    let url: String = text[start..]
        .chars()
        .take_while(|c| !c.is_whitespace() && !matches!(c, ')' | '>' | ']' | '"' | '»'))
        .collect();
    let url = url.trim_end_matches(['.', ',', ';']).to_string();
    (url.len() > "https://".len()).then_some(url)
}

/// An SPDX expression from a licence as people write it (`CC BY-SA 4.0` → `CC-BY-SA-4.0`).
fn spdx_licence(text: &str) -> Option<String> {
    let trimmed = text.trim().trim_end_matches('.');
    let hyphenated = trimmed.split_whitespace().collect::<Vec<_>>().join("-");
    let upper = hyphenated.to_uppercase();
    [trimmed.to_string(), hyphenated, upper]
        .into_iter()
        .find(|c| spdx::Expression::parse(c).is_ok())
}

/// The language a text is written in, by its commonest short words.
pub fn detect_language(text: &str) -> Lang {
    const FR: &[&str] = &[
        "le", "la", "les", "des", "et", "est", "une", "du", "pour", "dans", "nous", "qui",
    ];
    const EN: &[&str] = &[
        "the", "and", "is", "of", "to", "in", "we", "our", "that", "for", "with", "are",
    ];
    let (mut fr, mut en) = (0usize, 0usize);
    for word in text.split(|c: char| !c.is_alphabetic()).take(5000) {
        let w = word.to_lowercase();
        fr += usize::from(FR.contains(&w.as_str()));
        en += usize::from(EN.contains(&w.as_str()));
    }
    if en > fr {
        Lang::En
    } else {
        Lang::Fr
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::import::frontmatter;

    #[test]
    fn front_matter_values_are_kept_when_they_pass() {
        let (fm, _) = frontmatter::split("---\norganisation: La Coop\nforme juridique: SCIC\ndate de création: 2 mai 2013\nsite: www.lacoop.org\nlicence: CC BY-SA 4.0\nauteurs: Claire Martin, Julien Roux\nversion: 3\nlangue: Français\n---\n");
        let meta = from_front_matter(&fm.expect("front matter"));
        assert_eq!(meta.nom.as_deref(), Some("La Coop"));
        assert_eq!(meta.facts.forme_juridique.as_deref(), Some("SCIC"));
        assert_eq!(meta.facts.creee_le.as_deref(), Some("2013-05-02"));
        assert_eq!(meta.facts.licence.as_deref(), Some("CC-BY-SA-4.0"));
        assert_eq!(meta.facts.site, None);
        assert_eq!(meta.langue, Some(Lang::Fr));
        assert_eq!(meta.people.named.len(), 2);
        assert_eq!(meta.unread, ["site: www.lacoop.org", "version: 3"]);
    }

    /// Nothing a front matter says is lost: a list in an information field keeps every
    /// value, a key given twice keeps its first value and reports the second, a list
    /// where one value is wanted is reported whole.
    #[test]
    fn every_value_is_kept_or_reported() {
        let (fm, _) = frontmatter::split("---\nnom: La Fabrique\nnom: Autre nom\npubliques: x\npublics: [enfants, familles]\nterritoire:\n  - Isère\n  - Savoie\nterritoire: Drôme\nforme juridique: SCIC\nforme juridique: SAS\nlangue: [fr, en]\n---\n");
        let meta = from_front_matter(&fm.expect("front matter"));
        assert_eq!(meta.nom.as_deref(), Some("La Fabrique"));
        assert_eq!(
            meta.informations,
            [
                ("publics", "enfants, familles".to_string()),
                ("territoire", "Isère, Savoie".to_string())
            ]
        );
        assert_eq!(meta.facts.forme_juridique.as_deref(), Some("SCIC"));
        for reported in [
            "nom: Autre nom",
            "territoire: Drôme",
            "forme juridique: SAS",
            "langue: [fr, en]",
        ] {
            assert!(
                meta.unread.iter().any(|u| u == reported),
                "{reported}: {:?}",
                meta.unread
            );
        }
    }

    #[test]
    fn facts_in_labelled_lines() {
        let facts = facts_in_body("- Forme juridique : SAS coopérative\n- Site : [lacoop.org](https://lacoop.org/).\nCréée le : 12/03/2021\n");
        assert_eq!(facts.forme_juridique.as_deref(), Some("SAS coopérative"));
        assert_eq!(facts.site.as_deref(), Some("https://lacoop.org/"));
        assert_eq!(facts.creee_le.as_deref(), Some("2021-03-12"));
    }

    #[test]
    fn language_by_common_words() {
        assert_eq!(
            detect_language("Nous sommes une coopérative et nous aimons le bois."),
            Lang::Fr
        );
        assert_eq!(
            detect_language("We are a cooperative and we love the wood of our region."),
            Lang::En
        );
    }
}
