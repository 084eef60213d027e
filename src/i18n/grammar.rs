//! The grammar of sentences that hold a name or a list: French contractions and elision
//! (`de` + `Les Jardins` → `des Jardins`, `de` + `Arbre` → `d’Arbre`), and lists joined
//! with "ou" / "or". Sentences of the tool, the site and `init` use these, never their own.

use super::{pick, Lang};

/// "de Château de Millemont", "des Jardins", "du Moulin", "de la Ferme", "d’Atelier Z";
/// "of ChezNous": a name as the complement of a noun ("le #CodeSocial …").
///
/// French: the article that starts a name contracts with *de* (*le* → *du*, *les* →
/// *des*, *la* and *l’* stay after *de*), and *de* elides before a vowel (*y* included, as
/// in "d’Yvelines"). An *h* is never elided before: whether it is mute cannot be read from
/// the name.
pub fn de(lang: Lang, name: &str) -> String {
    match lang {
        Lang::En => format!("of {name}"),
        Lang::Fr => de_fr(name.trim()),
    }
}

fn de_fr(name: &str) -> String {
    for (article, joined) in [
        ("les ", "des "),
        ("le ", "du "),
        ("la ", "de la "),
        ("l’", "de l’"),
        ("l'", "de l’"),
    ] {
        if let Some(rest) = strip_word(name, article) {
            return format!("{joined}{rest}");
        }
    }
    if starts_with_vowel(name) {
        format!("d’{name}")
    } else {
        format!("de {name}")
    }
}

/// `name` without its first word `article` (any case), when something follows it.
fn strip_word<'a>(name: &'a str, article: &str) -> Option<&'a str> {
    let head = name.get(..article.len())?;
    let rest = name[article.len()..].trim_start();
    (head.to_lowercase() == article && !rest.is_empty()).then_some(rest)
}

fn starts_with_vowel(name: &str) -> bool {
    let first: String = name.chars().take(1).collect();
    deunicode::deunicode(&first)
        .chars()
        .next()
        .is_some_and(|c| "aeiouyAEIOUY".contains(c))
}

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

    #[test]
    fn de_contracts_and_elides() {
        let fr = |n| de(Lang::Fr, n);
        assert_eq!(fr("Les Jardins"), "des Jardins");
        assert_eq!(fr("Le Moulin"), "du Moulin");
        assert_eq!(fr("La Ferme du Bec"), "de la Ferme du Bec");
        assert_eq!(fr("L'Atelier"), "de l’Atelier");
        assert_eq!(fr("L’Atelier"), "de l’Atelier");
        assert_eq!(fr("Arbre"), "d’Arbre");
        assert_eq!(fr("Écolieu"), "d’Écolieu");
        assert_eq!(fr("Château de Millemont"), "de Château de Millemont");
        assert_eq!(fr("Lesbos"), "de Lesbos");
        assert_eq!(fr("Le"), "de Le");
        assert_eq!(fr("Hôtel"), "de Hôtel");
        assert_eq!(fr(""), "de ");
        assert_eq!(de(Lang::En, "Les Jardins"), "of Les Jardins");
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
