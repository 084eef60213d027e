//! The grammar of sentences that hold a name or a list: French contractions and elision
//! (`de` + `Les Jardins` → `des Jardins`, `de` + `Arbre` → `d’Arbre`, `de` + `Hôtel Dieu`
//! → `d’Hôtel Dieu`, `de` + `La Ruche` → `de La Ruche`), and lists joined with "ou" /
//! "or". Sentences of the tool, the site, `init` and `import` use these, never their own.

use super::{pick, Lang};

/// "de Château de Millemont", "des Jardins", "du Moulin", "de La Ruche", "d’Atelier Z",
/// "d’Hôtel Dieu", "de Hameau Vert"; "of ChezNous": a name as the complement of a noun
/// ("le #CodeSocial …").
///
/// French, as the *Lexique des règles typographiques en usage à l’Imprimerie nationale*
/// writes names ("le maire du Havre", "la ville de La Rochelle"):
/// - the article *le* / *les* that starts a name contracts with *de* (*du*, *des*),
///   whatever its case: "Le Moulin" → "du Moulin", "les jardins" → "des jardins";
/// - *la* and *l’* never contract and keep the case they are written in, being part of
///   the name: "de La Ruche", "de L’Atelier", "de la ferme";
/// - *de* elides before a vowel, accented or not, before a *y* that a consonant follows
///   ("d’Yvelines", but "de Yoga"), and before a mute *h* ("d’Hôtel", "d’Habitat"), not
///   an aspirated one ("de Hameau", "de Haute-Loire"), by a list of the common words
///   that start with one.
pub fn de(lang: Lang, name: &str) -> String {
    match lang {
        Lang::En => format!("of {name}"),
        Lang::Fr => de_fr(name.trim()),
    }
}

fn de_fr(name: &str) -> String {
    match leading_article(name) {
        Some((article, rest)) if article.eq_ignore_ascii_case("les") => format!("des {rest}"),
        Some((article, rest)) if article.eq_ignore_ascii_case("le") => format!("du {rest}"),
        // *l’*: the typographic apostrophe, the article's case kept.
        Some((article, rest)) if article.len() == 1 => format!("de {article}’{rest}"),
        Some(_) => format!("de {name}"),
        None if elides(name) => format!("d’{name}"),
        None => format!("de {name}"),
    }
}

/// The article a name starts with (`le`, `la`, `les` as a word, `l’` / `l'` before
/// one; `l` for the last, as written) and the rest of the name, when something follows.
fn leading_article(name: &str) -> Option<(&str, &str)> {
    let mut chars = name.char_indices();
    if let (Some((_, 'l' | 'L')), Some((at, '\'' | '’'))) = (chars.next(), chars.next()) {
        let rest = name[at..].trim_start_matches(['\'', '’']).trim_start();
        return (!rest.is_empty()).then(|| (&name[..1], rest));
    }
    let (word, rest) = name.split_once(char::is_whitespace)?;
    let rest = rest.trim_start();
    let article = ["le", "la", "les"]
        .iter()
        .any(|a| word.eq_ignore_ascii_case(a));
    (article && !rest.is_empty()).then_some((word, rest))
}

/// Whether *de* elides before `name`: a vowel sound starts it.
fn elides(name: &str) -> bool {
    let word: String = name
        .split(|c: char| !c.is_alphabetic())
        .next()
        .map(|w| deunicode::deunicode(w).to_lowercase())
        .unwrap_or_default();
    let vowel = |c: Option<char>| c.is_some_and(|c| "aeiou".contains(c));
    let mut letters = word.chars();
    match letters.next() {
        Some('y') => letters.next().is_some_and(|c| !vowel(Some(c))),
        Some('h') => vowel(letters.next()) && !aspirated_h(&word),
        first => vowel(first),
    }
}

/// Whether a word (lower case, without accents) starts with an aspirated *h*.
fn aspirated_h(word: &str) -> bool {
    ASPIRATED_H_WORDS.contains(&word) || ASPIRATED_H.iter().any(|s| word.starts_with(s))
}

/// Words whose *h* is aspirated where a longer word of the same start has a mute one
/// ("le huit", "l’huître"; "le hall", "l’hallucination").
const ASPIRATED_H_WORDS: &[&str] = &["hall", "halls", "huit", "huitaine", "huitieme"];

/// The beginnings of the common French words whose *h* is aspirated (no elision, no
/// liaison: "la hache", "le hameau"), without accents, from the lists of the *Grevisse*
/// (§ 48) and the Académie française; a name that starts with one of them keeps "de".
/// Every other *h* before a vowel is taken as mute ("l’hôtel", "l’habitat").
const ASPIRATED_H: &[&str] = &[
    "hach", "haie", "haill", "haine", "hair", "halag", "halet", "halle", "halte", "hamac",
    "hameau", "hamster", "hanche", "handba", "handica", "hangar", "hanneton", "hant", "happ",
    "harangu", "haras", "harcel", "hardi", "hareng", "hargn", "haricot", "harnais", "harp",
    "hasard", "hate", "hauss", "haut", "havre", "heriss", "hernie", "heron", "heros", "herse",
    "hetre", "heurt", "hibou", "hideu", "hierarch", "hippie", "hiss", "hobby", "hochet", "hockey",
    "hollande", "homard", "hongr", "honte", "hoquet", "horde", "hors", "hotte", "houblon", "houle",
    "houppe", "housse", "houx", "hublot", "huche", "huee", "huguenot", "hulotte", "hurl", "hutte",
];

/// A list of names, quoted with backticks, for messages in `lang`: "`a`, `b` ou `c`".
pub fn quoted_list_in(lang: Lang, items: &[impl AsRef<str>]) -> String {
    let quoted: Vec<String> = items.iter().map(|i| format!("`{}`", i.as_ref())).collect();
    match quoted.as_slice() {
        [] => String::new(),
        [one] => one.clone(),
        [first @ .., last] => format!("{} {} {last}", first.join(", "), pick(lang, "ou", "or")),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    /// Names as readers write them, and the complement a French reader expects.
    const NAMES: &[(&str, &str)] = &[
        ("Les Jardins", "des Jardins"),
        ("les jardins partagés", "des jardins partagés"),
        ("LES JARDINS", "des JARDINS"),
        ("Le Moulin", "du Moulin"),
        ("le moulin", "du moulin"),
        ("La Ruche", "de La Ruche"),
        ("la ferme du Bec", "de la ferme du Bec"),
        ("L'Atelier", "de L’Atelier"),
        ("L’Atelier", "de L’Atelier"),
        ("l’atelier", "de l’atelier"),
        ("Arbre", "d’Arbre"),
        ("Écolieu", "d’Écolieu"),
        ("Île-de-France", "d’Île-de-France"),
        ("Œuvre commune", "d’Œuvre commune"),
        ("Âge d’or", "d’Âge d’or"),
        ("Yvelines Solidaires", "d’Yvelines Solidaires"),
        ("Yoga pour tous", "de Yoga pour tous"),
        ("Hôtel Dieu", "d’Hôtel Dieu"),
        ("Habitat Partagé", "d’Habitat Partagé"),
        ("Harmonie", "d’Harmonie"),
        ("Huître bleue", "d’Huître bleue"),
        ("Hameau Vert", "de Hameau Vert"),
        ("Haute-Loire Bio", "de Haute-Loire Bio"),
        ("Hêtre Pourpre", "de Hêtre Pourpre"),
        ("Huit Mains", "de Huit Mains"),
        ("HLM Solidaires", "de HLM Solidaires"),
        ("AMAP du Coin", "d’AMAP du Coin"),
        ("Château de Millemont", "de Château de Millemont"),
        ("Lesbos", "de Lesbos"),
        ("Lena", "de Lena"),
        ("Le", "de Le"),
        ("3 Ponts", "de 3 Ponts"),
        ("« Oasis »", "de « Oasis »"),
        ("", "de "),
    ];

    #[test]
    fn de_contracts_and_elides_as_french_writes_names() {
        for (name, want) in NAMES {
            assert_eq!(de(Lang::Fr, name), *want, "{name}");
        }
        assert_eq!(de(Lang::En, "Les Jardins"), "of Les Jardins");
    }

    proptest::proptest! {
        /// Whatever follows it, a name's start decides the complement: `le`/`les` (any
        /// case) contract, `la`/`l’` stay as written, a vowel or mute `h` elides, anything
        /// else takes "de"; the rest of the name is never changed.
        #[test]
        fn a_name_start_decides_its_complement(
            start in proptest::sample::select(vec![
                ("Les ", "des "), ("les ", "des "), ("LES ", "des "), ("Le ", "du "), ("le ", "du "),
                ("La ", "de La "), ("la ", "de la "), ("L'", "de L’"), ("l’", "de l’"),
                ("A", "d’A"), ("É", "d’É"), ("é", "d’é"), ("Â", "d’Â"), ("Î", "d’Î"),
                ("O", "d’O"), ("Œ", "d’Œ"), ("U", "d’U"), ("Ü", "d’Ü"), ("Yv", "d’Yv"),
                ("Hô", "d’Hô"), ("Ha", "d’Ha"), ("hé", "d’hé"), ("Hu", "d’Hu"),
                ("Hach", "de Hach"), ("Haut", "de Haut"), ("Hêtre", "de Hêtre"), ("Hibou", "de Hibou"),
                ("B", "de B"), ("Ch", "de Ch"), ("Ya", "de Ya"), ("Lé", "de Lé"), ("7", "de 7"),
            ]),
            rest in "[a-zàéèêîôûç]{1,8}( [A-ZÉ][a-zé]{1,8}){0,2}",
        ) {
            let (prefix, want) = start;
            // Prefixes that a longer word would turn into another start are covered above.
            proptest::prop_assume!(!(prefix.starts_with('H') && !want.starts_with("de ") && {
                let w = deunicode::deunicode(&format!("{prefix}{rest}")).to_lowercase();
                aspirated_h(&w)
            }));
            let got = de(Lang::Fr, &format!("{prefix}{rest}"));
            proptest::prop_assert_eq!(got, format!("{want}{rest}"));
        }
    }

    #[test]
    fn lists_join_with_the_language_or() {
        assert_eq!(
            quoted_list_in(Lang::Fr, &["a", "b", "c"]),
            "`a`, `b` ou `c`"
        );
        assert_eq!(quoted_list_in(Lang::En, &["a", "b"]), "`a` or `b`");
        assert_eq!(quoted_list_in(Lang::En, &["a"]), "`a`");
        assert_eq!(quoted_list_in(Lang::En, &[] as &[&str]), "");
    }
}
