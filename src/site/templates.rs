//! The tera templates: embedded in the binary, compiled once, overridable one by one from
//! the repository's `templates/` folder (a file there with the same name wins; new files
//! can be included by the others).

use std::path::Path;

use crate::error::{Error, Result};
use crate::i18n::{typography, Lang};

/// The default templates, by name.
pub const DEFAULTS: &[(&str, &str)] = &[
    ("base.html", include_str!("templates/base.html")),
    ("macros.html", include_str!("templates/macros.html")),
    ("home.html", include_str!("templates/home.html")),
    ("raison.html", include_str!("templates/raison.html")),
    ("histoire.html", include_str!("templates/histoire.html")),
    ("document.html", include_str!("templates/document.html")),
    ("principes.html", include_str!("templates/principes.html")),
    ("plan.html", include_str!("templates/plan.html")),
    ("principe.html", include_str!("templates/principe.html")),
    ("pyramide.html", include_str!("templates/pyramide.html")),
    ("matrices.html", include_str!("templates/matrices.html")),
    ("matrice.html", include_str!("templates/matrice.html")),
    ("catalogue.html", include_str!("templates/catalogue.html")),
    ("offre.html", include_str!("templates/offre.html")),
    ("membres.html", include_str!("templates/membres.html")),
    ("membre.html", include_str!("templates/membre.html")),
    (
        "modification.html",
        include_str!("templates/modification.html"),
    ),
    ("evolution.html", include_str!("templates/evolution.html")),
    ("bilan.html", include_str!("templates/bilan.html")),
    ("livret.html", include_str!("templates/livret.html")),
    ("ecosysteme.html", include_str!("templates/ecosysteme.html")),
    ("recherche.html", include_str!("templates/recherche.html")),
    ("404.html", include_str!("templates/404.html")),
];

/// Compiled templates, shared by the rendering threads.
pub struct Engine {
    tera: tera::Tera,
    /// The fingerprint of every template's name and source (see [`super::output`]).
    fingerprint: u64,
}

impl Engine {
    /// Compiles the defaults, replaced or completed by `<dir>/templates/*.html`; the
    /// filters `date`, `since` and `until` write dates in `lang`.
    pub fn new(dir: &Path, lang: Lang) -> Result<Engine> {
        let mut sources: Vec<(String, String)> = DEFAULTS
            .iter()
            .map(|(n, s)| ((*n).to_string(), (*s).to_string()))
            .collect();
        for (name, text) in overrides(dir)? {
            match sources.iter_mut().find(|(n, _)| *n == name) {
                Some(slot) => slot.1 = text,
                None => sources.push((name, text)),
            }
        }
        let fingerprint = super::output::fingerprint(&sources);
        let mut tera = tera::Tera::default();
        tera.autoescape_on(vec![".html", ".xml", ".svg"]);
        // Tera's default also escapes `/`, which is safe but makes every URL unreadable.
        tera.set_escape_fn(super::content::escape);
        register_filters(&mut tera, lang);
        register_plural(&mut tera, lang);
        register_colon(&mut tera, lang);
        refuse_environment(&mut tera, lang);
        tera.add_raw_templates(sources)
            .map_err(|e| template_error("templates/", &e))?;
        Ok(Engine { tera, fingerprint })
    }

    /// Changes whenever a template does.
    pub fn fingerprint(&self) -> u64 {
        self.fingerprint
    }

    pub fn render(&self, name: &str, ctx: &tera::Context) -> Result<String> {
        self.tera
            .render(name, ctx)
            .map_err(|e| template_error(name, &e))
    }
}

/// `{{ d | date }}` → "2 mai 2013", `{{ d | since }}` → "depuis le 2 mai 2013",
/// `{{ d | until }}`; a value that is not a date is shown as it is.
fn register_filters(tera: &mut tera::Tera, lang: Lang) {
    type Words = fn(Lang, &str) -> Option<String>;
    let filters: [(&str, Words); 3] = [
        ("date", typography::long_date),
        ("since", typography::since),
        ("until", typography::until),
    ];
    for (name, words) in filters {
        tera.register_filter(
            name,
            move |value: &tera::Value, _: &std::collections::HashMap<String, tera::Value>| {
                let text = match value {
                    tera::Value::String(s) => s.clone(),
                    tera::Value::Null => return Ok(tera::Value::Null),
                    other => other.to_string(),
                };
                Ok(words(lang, &text).unwrap_or(text).into())
            },
        );
    }
}

/// `{{ t.decision | colon }}` → "Décision\u{a0}:" in French, "Decision:" in English
/// ([`typography::colon`]): a template never writes the space before a colon itself.
fn register_colon(tera: &mut tera::Tera, lang: Lang) {
    tera.register_filter(
        "colon",
        move |value: &tera::Value, _: &std::collections::HashMap<String, tera::Value>| {
            let text = match value {
                tera::Value::String(s) => s.clone(),
                other => other.to_string(),
            };
            Ok(typography::colon(lang, &text).into())
        },
    );
}

/// Tera's `get_env` reads the machine's environment: a template of a pull request, built
/// on CI, would publish a secret of the job (a token) in the site. The work tree is never
/// trusted as configuration (docs/security.md): the function fails, naming why.
fn refuse_environment(tera: &mut tera::Tera, lang: Lang) {
    tera.register_function(
        "get_env",
        move |_: &std::collections::HashMap<String, tera::Value>| {
            Err(tera::Error::msg(crate::i18n::pick(
                lang,
                "`get_env` est désactivé : un gabarit ne lit pas l’environnement de la machine (un gabarit venu d’une pull request publierait un secret de la CI). Écrivez la valeur dans codesocial.yaml.",
                "`get_env` is disabled: a template does not read the machine's environment (a template from a pull request would publish a CI secret). Write the value in codesocial.yaml.",
            )))
        },
    );
}

/// `{{ n | plural(one="{n} offre", other="{n} offres") }}`: the form CLDR's rules of
/// the site's language ask for, `{n}` replaced by the number.
fn register_plural(tera: &mut tera::Tera, lang: Lang) {
    tera.register_filter(
        "plural",
        move |value: &tera::Value, args: &std::collections::HashMap<String, tera::Value>| {
            let n = value.as_u64().unwrap_or_default();
            let form = crate::i18n::plural(lang, usize::try_from(n).unwrap_or(usize::MAX))
                .pick("one", "other");
            let text = args
                .get(form)
                .and_then(tera::Value::as_str)
                .unwrap_or("{n}");
            Ok(text.replace("{n}", &n.to_string()).into())
        },
    );
}

fn overrides(dir: &Path) -> Result<Vec<(String, String)>> {
    let root = dir.join("templates");
    if !super::is_plain_dir(&root) {
        return Ok(Vec::new());
    }
    let mut out = Vec::new();
    for entry in super::site_walk(&root) {
        let entry = entry.map_err(|e| Error::walk(&root, e))?;
        if !entry.file_type().is_file() {
            continue;
        }
        let Ok(rel) = entry.path().strip_prefix(&root) else {
            continue;
        };
        let name = rel.to_string_lossy().replace('\\', "/");
        let text = std::fs::read_to_string(entry.path()).map_err(|e| Error::io(entry.path(), e))?;
        out.push((name, text));
    }
    Ok(out)
}

/// A template error with its whole cause chain (tera puts the useful part in sources).
fn template_error(name: &str, e: &tera::Error) -> Error {
    let mut detail = e.to_string();
    let mut source = std::error::Error::source(e);
    while let Some(s) = source {
        detail.push_str(": ");
        detail.push_str(&s.to_string());
        source = s.source();
    }
    Error::Template {
        name: name.to_string(),
        detail,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    /// The text a template writes of its own: outside tera's tags, HTML tags, scripts
    /// and styles.
    fn literal_text(source: &str) -> String {
        let tera = regex::Regex::new(r"(?s)\{\{.*?\}\}|\{%.*?%\}|\{#.*?#\}").expect("regex");
        let code = regex::Regex::new(r"(?s)<script.*?</script>|<style.*?</style>").expect("regex");
        let tags = regex::Regex::new(r"(?s)<[^>]*>").expect("regex");
        let source = tera.replace_all(source, "\u{1}");
        let source = code.replace_all(&source, "\u{1}");
        tags.replace_all(&source, "\u{1}").into_owned()
    }

    /// A number is never followed by a word of the site that does not agree with it (a
    /// page title after a count read "1 Offres"): a count's word goes through `plural`.
    #[test]
    fn no_count_is_followed_by_an_invariable_word() {
        let count_then_word = regex::Regex::new(
            r"\{\{[^}]*(\| *length|count)[^}]*\}\}(\s|</?[a-z]+>)*\{\{ *t\.[a-z_]+ *\}\}",
        )
        .expect("regex");
        let faults: Vec<String> = DEFAULTS
            .iter()
            .flat_map(|(name, source)| {
                count_then_word
                    .find_iter(source)
                    .map(move |m| format!("{name}: {}", m.as_str()))
            })
            .collect();
        assert!(faults.is_empty(), "{}", faults.join("\n"));
        assert!(count_then_word.is_match("<b>{{ page.counts.offres }}</b> {{ t.offres }}"));
        assert!(!count_then_word
            .is_match("{{ page.counts.offres | plural(one=t.a_one, other=t.a_other) }}"));
    }

    /// A word and a label in a fixed order reads right in one language only ("Classe
    /// simple" but "Class simple"): a classe is named by `classe_name`.
    #[test]
    fn no_template_orders_the_classe_and_its_label() {
        let faults: Vec<&str> = DEFAULTS
            .iter()
            .filter(|(_, source)| source.contains("{{ t.classe }} {{"))
            .map(|(name, _)| *name)
            .collect();
        assert!(faults.is_empty(), "{faults:?}");
    }

    /// Punctuation whose spacing depends on the language (`: ; ? !`) is never written by
    /// a template: a word and `| colon` write it (`typography::colon`), or the site's words.
    #[test]
    fn templates_write_no_punctuation_of_their_own() {
        let mut faults = Vec::new();
        for (name, source) in DEFAULTS {
            let text = literal_text(source);
            for piece in text.split('\u{1}') {
                if piece.contains([':', ';', '?', '!']) {
                    faults.push(format!("{name}: {piece:?}"));
                }
            }
        }
        assert!(faults.is_empty(), "{}", faults.join("\n"));
        assert_eq!(
            literal_text("<p title=\"a : b\">{{ t.x }} : <b>{% if a %}?{% endif %}</b></p>"),
            "\u{1}\u{1} : \u{1}\u{1}?\u{1}\u{1}\u{1}"
        );
    }
}
