//! Which chapter of the method a heading names: the one recognition table of `import`.
//!
//! Organisations title their chapters in many ways ("Raison d'Être", "2. Modèle
//! économique", "III – Plan social et humain", "Juridique & financier", "Gouvernance du
//! #CodeSocial"). A heading is folded (accents, case, punctuation, numbering), its usual
//! prefixes are peeled off one by one ("le", "notre", "modèle", "plan"…), and each stage is
//! looked up in [`CHAPTERS`]; a heading made only of plan words joined by "et", "&", "/" or
//! "," names those plans ([`PLAN_WORDS`]). Everything here is data: a new variant is a new
//! line in a table, and the tests name every variant.

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

/// Words that introduce numbering ("Chapitre 3", "Partie II").
const NUMBERING_WORDS: &[&str] = &["chapitre", "partie", "section", "chapter", "part"];

/// Words after which a heading only says whose chapter it is ("Historique de la coop").
const COMPLEMENTS: &[&str] = &["de", "du", "des", "d", "of", "sur", "pour", "chez", "dans"];

/// The target a heading names, if it names one.
pub fn recognise(heading: &str) -> Option<Target> {
    let folded = strip_numbering(&fold(heading));
    lookup_stages(&folded).or_else(|| {
        let words: Vec<&str> = folded.split(' ').collect();
        (1..words.len())
            .filter(|&i| COMPLEMENTS.contains(&words[i]))
            .find_map(|cut| lookup_stages(&words[..cut].join(" ")))
    })
}

/// Looks the phrase up, then again after each prefix is peeled off.
fn lookup_stages(phrase: &str) -> Option<Target> {
    let mut words: Vec<&str> = phrase.split(' ').filter(|w| !w.is_empty()).collect();
    loop {
        if words.is_empty() {
            return None;
        }
        let stage = words.join(" ");
        if let Some(target) = lookup(&stage) {
            return Some(target);
        }
        if words.len() > 1 && PREFIXES.contains(&words[0]) {
            words.remove(0);
        } else {
            return None;
        }
    }
}

fn lookup(phrase: &str) -> Option<Target> {
    CHAPTERS
        .iter()
        .find(|(_, phrases)| phrases.contains(&phrase))
        .map(|(target, _)| target.clone())
        // A chapter named like a people line ("Personnes référentes", "Auteurs") lists
        // the people of the pyramid: the cues are one table, in `people`.
        .or_else(|| super::people::cue_role(phrase).map(|_| Target::Pyramide))
        .or_else(|| plans(phrase).map(Target::Plans))
}

/// The plans a phrase names when it is made only of plan words joined by "et"/"and".
fn plans(phrase: &str) -> Option<Vec<&'static str>> {
    let mut found: Vec<&'static str> = Vec::new();
    for part in phrase.split(" et ").flat_map(|p| p.split(" and ")) {
        // "Modèle social", "Human model", "Plan de l'économie": the structural words go.
        let words: Vec<&str> = part
            .split(' ')
            .filter(|w| !w.is_empty() && !PREFIXES.contains(w))
            .collect();
        for word in words {
            let plan = PLAN_WORDS
                .iter()
                .find(|(_, names)| names.contains(&word))?
                .0;
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
    let ascii = deunicode::deunicode(text).to_ascii_lowercase();
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

/// Drops a leading numbering: `3`, `1 2`, `iv`, `chapitre 3`, `partie ii`.
fn strip_numbering(folded: &str) -> String {
    let mut words: Vec<&str> = folded.split(' ').collect();
    while let Some(first) = words.first().copied() {
        let number = first.bytes().all(|b| b.is_ascii_digit()) || is_roman(first);
        let numbering_word = NUMBERING_WORDS.contains(&first)
            && words
                .get(1)
                .is_some_and(|w| w.bytes().all(|b| b.is_ascii_digit()) || is_roman(w));
        if words.len() > 1 && (number || numbering_word) {
            words.remove(0);
        } else {
            break;
        }
    }
    words.join(" ")
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
    let lower = title.to_lowercase();
    let (start, end) = ["#codesocial", "code social", "codesocial"]
        .iter()
        .find_map(|k| lower.find(k).map(|i| (i, i + k.len())))?;
    let after = title.get(end..)?.trim_start();
    let name = strip_connector(after);
    let name = name
        .trim_matches(|c: char| c.is_whitespace() || "-–—:|,.".contains(c))
        .trim();
    if !name.is_empty() && crate::slug::slugify(name) != "codesocial" {
        // "de la Fabrique" → "La Fabrique": the article starts the name.
        let mut chars = name.chars();
        let first = chars
            .next()
            .map(|c| c.to_uppercase().collect::<String>())
            .unwrap_or_default();
        return Some(format!("{first}{}", chars.as_str()));
    }
    let before = title.get(..start)?;
    let before = before
        .trim_matches(|c: char| c.is_whitespace() || "-–—:|,.".contains(c))
        .trim();
    let folded = fold(before);
    let article_only =
        folded.is_empty() || ["le", "la", "l", "notre", "the", "our"].contains(&folded.as_str());
    (!article_only).then(|| before.to_string())
}

/// "de X" → "X", "d'X" → "X", "du X" → "X", "of X" → "X".
fn strip_connector(text: &str) -> &str {
    for connector in ["de l'", "de l’", "de ", "du ", "des ", "d'", "d’", "of "] {
        if let Some(rest) = text
            .get(..connector.len())
            .filter(|head| head.eq_ignore_ascii_case(connector))
            .and_then(|_| text.get(connector.len()..))
        {
            return rest;
        }
    }
    text
}

#[cfg(test)]
mod tests {
    use super::*;

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
            Some("La Fabrique des Communs")
        );
        assert_eq!(organisation_in_title("Historique"), None);
    }
}
