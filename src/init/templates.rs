//! The content `init` writes, embedded in the binary so that a machine with nothing but
//! `codesocial` can scaffold a repository. One folder of templates per language under
//! `src/init/templates/`; `{{name}}` placeholders are filled by [`render`].

use super::ci::Ci;
use crate::i18n::Lang;

/// One file of the scaffold before its placeholders are filled: the path may hold
/// placeholders too (`membres/{{id}}.md`).
#[derive(Debug, Clone, Copy)]
pub struct Template {
    pub path: &'static str,
    pub text: &'static str,
}

/// Embeds `templates/<lang>/<source>` as a template written at `path`.
macro_rules! embed {
    ($lang:literal; $($path:literal => $source:literal),* $(,)?) => {
        &[$(Template {
            path: $path,
            text: include_str!(concat!("templates/", $lang, "/", $source)),
        }),*]
    };
}

const FR: &[Template] = embed!("fr";
    "codesocial.yaml" => "codesocial.yaml",
    "raison-d-etre.md" => "raison-d-etre.md",
    "histoire.md" => "histoire.md",
    "informations.md" => "informations.md",
    "principes/social-humain/index.md" => "principes/social-humain/index.md",
    "principes/social-humain/transparence.md" => "principes/social-humain/transparence.md",
    "principes/social-humain/decision-par-consentement.md" => "principes/social-humain/decision-par-consentement.md",
    "principes/economique/index.md" => "principes/economique/index.md",
    "principes/ecologique/index.md" => "principes/ecologique/index.md",
    "principes/scientifique-technologique/index.md" => "principes/scientifique-technologique/index.md",
    "principes/juridique/index.md" => "principes/juridique/index.md",
    "principes/financier/index.md" => "principes/financier/index.md",
    "principes/artistique-culturel/index.md" => "principes/artistique-culturel/index.md",
    "membres/{{id}}.md" => "membres/organisation.md",
    "membres/{{collectif}}.md" => "membres/collectif.md",
    "pyramide.yaml" => "pyramide.yaml",
    "matrices/lancement.yaml" => "matrices/lancement.yaml",
    "catalogue/rencontre-decouverte.md" => "catalogue/rencontre-decouverte.md",
    "modification.md" => "modification.md",
    "annexes/glossaire.md" => "annexes/glossaire.md",
    "README.md" => "README.md",
    ".gitignore" => "gitignore",
    ".vscode/extensions.json" => "vscode/extensions.json",
);

const EN: &[Template] = embed!("en";
    "codesocial.yaml" => "codesocial.yaml",
    "raison-d-etre.md" => "raison-d-etre.md",
    "histoire.md" => "histoire.md",
    "informations.md" => "informations.md",
    "principes/social-humain/index.md" => "principes/social-humain/index.md",
    "principes/social-humain/transparency.md" => "principes/social-humain/transparency.md",
    "principes/social-humain/consent-decisions.md" => "principes/social-humain/consent-decisions.md",
    "principes/economique/index.md" => "principes/economique/index.md",
    "principes/ecologique/index.md" => "principes/ecologique/index.md",
    "principes/scientifique-technologique/index.md" => "principes/scientifique-technologique/index.md",
    "principes/juridique/index.md" => "principes/juridique/index.md",
    "principes/financier/index.md" => "principes/financier/index.md",
    "principes/artistique-culturel/index.md" => "principes/artistique-culturel/index.md",
    "membres/{{id}}.md" => "membres/organisation.md",
    "membres/{{collectif}}.md" => "membres/collectif.md",
    "pyramide.yaml" => "pyramide.yaml",
    "matrices/launch.yaml" => "matrices/launch.yaml",
    "catalogue/discovery-meeting.md" => "catalogue/discovery-meeting.md",
    "modification.md" => "modification.md",
    "annexes/glossary.md" => "annexes/glossary.md",
    "README.md" => "README.md",
    ".gitignore" => "gitignore",
    ".vscode/extensions.json" => "vscode/extensions.json",
);

/// Every content template of a language, in writing order.
pub fn content(lang: Lang) -> &'static [Template] {
    match lang {
        Lang::Fr => FR,
        Lang::En => EN,
    }
}

/// The CI file's template for a choice, if any (where it goes is `ci::place`'s choice).
pub fn ci(lang: Lang, ci: Ci) -> Option<&'static str> {
    let (fr, en) = match ci {
        Ci::Github => (
            include_str!("templates/fr/ci/github.yml"),
            include_str!("templates/en/ci/github.yml"),
        ),
        Ci::Gitlab => (
            include_str!("templates/fr/ci/gitlab.yml"),
            include_str!("templates/en/ci/gitlab.yml"),
        ),
        Ci::Aucune => return None,
    };
    Some(pick(lang, fr, en))
}

/// The README section that explains the CI choice.
pub fn readme_ci_section(lang: Lang, ci: Ci) -> &'static str {
    match ci {
        Ci::Github => pick(
            lang,
            include_str!("templates/fr/readme/ci-github.md"),
            include_str!("templates/en/readme/ci-github.md"),
        ),
        Ci::Gitlab => pick(
            lang,
            include_str!("templates/fr/readme/ci-gitlab.md"),
            include_str!("templates/en/readme/ci-gitlab.md"),
        ),
        Ci::Aucune => pick(
            lang,
            include_str!("templates/fr/readme/ci-aucune.md"),
            include_str!("templates/en/readme/ci-aucune.md"),
        ),
    }
}

/// The id of the example group member, kept apart from the organisation's own id.
pub fn collectif_id(lang: Lang, organisation: &str) -> &'static str {
    let (usual, other) = match lang {
        Lang::Fr => ("collectif-fondateur", "cercle-fondateur"),
        Lang::En => ("founding-group", "founding-circle"),
    };
    if organisation == usual {
        other
    } else {
        usual
    }
}

/// The message of the initial commit.
pub fn commit_message(lang: Lang, name: &str) -> String {
    match lang {
        Lang::Fr => format!(
            "Création du #CodeSocial {}\n\nÉcrit par `codesocial init` : chaque fichier est un exemple à réécrire.\n",
            crate::i18n::grammar::de(lang, name)
        ),
        Lang::En => format!(
            "Create the #CodeSocial {}\n\nWritten by `codesocial init`: every file is an example to rewrite.\n",
            crate::i18n::grammar::de(lang, name)
        ),
    }
}

fn pick(lang: Lang, fr: &'static str, en: &'static str) -> &'static str {
    match lang {
        Lang::Fr => fr,
        Lang::En => en,
    }
}

/// Replaces each `{{key}}` with its value; other braces (GitHub's `${{ … }}`) are left alone.
///
/// A comment aligned in the template (two spaces or more, then `# `) stays at its column
/// when a value is longer or shorter than its placeholder, one space at least: the example
/// files keep their column of explanations whatever the organisation's name and date.
pub fn render(text: &str, vars: &[(&str, String)]) -> String {
    text.split_inclusive('\n')
        .map(|line| match aligned_comment(line) {
            Some(at) => {
                let column = line[..at].chars().count();
                let code = fill(line[..at].trim_end(), vars);
                let pad = column.saturating_sub(code.chars().count()).max(1);
                format!("{code}{}{}", " ".repeat(pad), fill(&line[at..], vars))
            }
            None => fill(line, vars),
        })
        .collect()
}

/// Every placeholder of `text` replaced, in the order of `vars` (a value may hold
/// placeholders of later variables).
fn fill(text: &str, vars: &[(&str, String)]) -> String {
    let mut out = text.to_string();
    for (key, value) in vars {
        out = out.replace(&format!("{{{{{key}}}}}"), value);
    }
    out
}

/// The byte offset of an aligned trailing comment (`  # `) on a line holding a
/// placeholder before it.
fn aligned_comment(line: &str) -> Option<usize> {
    let at = line.find("  # ")? + 2;
    line[..at].contains("{{").then_some(at)
}

/// A YAML double-quoted scalar that reads back as exactly `text`, whatever it holds: a
/// text that looks like a number, a boolean, a date or null (`2023`, `yes`, `1e3`, `~`)
/// stays a text, and a `#` or a `:` never starts a comment or a mapping. `"` and `\` are
/// escaped, and so is every character YAML does not allow as written in a stream (control
/// characters, DEL, the C1 range, U+FFFE/U+FFFF) or reads as a line break or a byte-order
/// mark (U+0085, U+2028, U+2029, U+FEFF).
pub fn yaml_quoted(text: &str) -> String {
    let mut out = String::with_capacity(text.len() + 2);
    out.push('"');
    for c in text.chars() {
        match c {
            '"' => out.push_str("\\\""),
            '\\' => out.push_str("\\\\"),
            '\n' => out.push_str("\\n"),
            '\t' => out.push_str("\\t"),
            c if yaml_escaped(c) => out.push_str(&format!("\\u{:04X}", u32::from(c))),
            c => out.push(c),
        }
    }
    out.push('"');
    out
}

/// An identifier as a YAML value: plain when every YAML reads it back as the same text
/// (`cheznous`), quoted as [`yaml_quoted`] writes it when one could read a number, a
/// boolean or null (`2023`, `0x10`, `1e3`, `null`, and YAML 1.1's `yes`, `on`, `n`):
/// an id that starts with a digit, or is one of those words.
pub fn yaml_id(id: &str) -> String {
    const WORDS: &[&str] = &[
        "y", "n", "yes", "no", "on", "off", "true", "false", "null", "nan", "inf",
    ];
    let reads_back = crate::load::yaml::parse(&format!("k: {id}\n"), 0)
        .ok()
        .and_then(|doc| doc.root)
        .and_then(|root| root.get("k").map(|n| n.value.clone()))
        .is_some_and(|v| v == crate::load::yaml::Value::Str(id.to_string()));
    let plain = reads_back
        && !id.starts_with(|c: char| c.is_ascii_digit())
        && !WORDS.contains(&id.to_ascii_lowercase().as_str());
    if plain {
        id.to_string()
    } else {
        yaml_quoted(id)
    }
}

/// A character a YAML text must escape: outside YAML's printable set, or a line break
/// or byte-order mark YAML would read as one.
pub fn yaml_escaped(c: char) -> bool {
    c.is_control()
        || matches!(
            c,
            '\u{2028}' | '\u{2029}' | '\u{feff}' | '\u{fffe}' | '\u{ffff}'
        )
}

/// Text that Markdown shows as written: punctuation that could start emphasis, a link or
/// HTML is backslash-escaped.
pub fn markdown_text(text: &str) -> String {
    backslash_escaped(text, |_, c| {
        matches!(
            c,
            '\\' | '`' | '*' | '_' | '[' | ']' | '<' | '>' | '&' | '|'
        )
    })
}

/// `text` with a backslash before each character that `special` picks, given its position
/// (in characters) and itself.
pub fn backslash_escaped(text: &str, special: impl Fn(usize, char) -> bool) -> String {
    let mut out = String::with_capacity(text.len());
    for (i, c) in text.chars().enumerate() {
        if special(i, c) {
            out.push('\\');
        }
        out.push(c);
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn aligned_comments_keep_their_column() {
        let vars = [("date", "2026-12-01".to_string()), ("id", "x".to_string())];
        let text =
            "adopte_le: {{date}}   # when\nresponsables: [{{id}}]      # who\nnom: \"a  # b\"\n";
        assert_eq!(
            render(text, &vars),
            "adopte_le: 2026-12-01 # when\nresponsables: [x]           # who\nnom: \"a  # b\"\n"
        );
        let long = [("id", "a-very-long-identifier".to_string())];
        assert_eq!(
            render("m: [{{id}}]  # who\n", &long),
            "m: [a-very-long-identifier] # who\n"
        );
    }

    #[test]
    fn placeholders_spare_github_expressions() {
        let vars = [("id", "x".to_string())];
        assert_eq!(
            render("{{id}} ${{ github.base_ref }}", &vars),
            "x ${{ github.base_ref }}"
        );
    }

    #[test]
    fn ids_that_yaml_would_read_otherwise_are_quoted() {
        assert_eq!(yaml_id("cheznous"), "cheznous");
        assert_eq!(yaml_id("la-coop-2"), "la-coop-2");
        for id in [
            "2023",
            "null",
            "true",
            "1e3",
            "0x10",
            "yes",
            "on",
            "n",
            "2023-coop",
        ] {
            assert_eq!(yaml_id(id), format!("\"{id}\""));
        }
    }

    #[test]
    fn quoting_keeps_hashtags_and_quotes() {
        assert_eq!(yaml_quoted("Le #Lieu \"x\""), "\"Le #Lieu \\\"x\\\"\"");
        assert_eq!(markdown_text("a*b_[c]"), "a\\*b\\_\\[c\\]");
    }

    #[test]
    fn the_example_group_never_takes_the_organisation_id() {
        assert_eq!(collectif_id(Lang::Fr, "x"), "collectif-fondateur");
        assert_eq!(
            collectif_id(Lang::Fr, "collectif-fondateur"),
            "cercle-fondateur"
        );
    }
}
