//! The source's own front matter, read leniently. Hand-written front matter is often not
//! valid YAML (`titre: Code social : version 2`, smart quotes, a line without a colon):
//! when YAML refuses it, each `clé : valeur` line is read on its own. Hugo's TOML front
//! matter (between `+++` lines) is read line by line the same way (`clé = "valeur"`).
//! What can be read is returned as entries, each with its text as written (the report
//! quotes what it does not keep verbatim); what cannot is returned verbatim too.

use crate::load::yaml::{self, Node, Value};

/// One entry of the front matter.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Entry {
    /// The key as written.
    pub key: String,
    /// Its text values (a list holds several).
    pub values: Vec<String>,
    /// The entry as written, key included.
    pub source: String,
}

/// The front matter of the source.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct FrontMatter {
    pub entries: Vec<Entry>,
    /// Lines (or YAML entries) that could not be read, as written.
    pub unread: Vec<String>,
    /// Whether YAML refused it and the lines were read one by one.
    pub lenient: bool,
}

/// Splits `text` into its front matter (if it opens with a `---` or `+++` line that is
/// closed) and the rest.
pub fn split(text: &str) -> (Option<FrontMatter>, &str) {
    let Some((after_open, toml)) = opening(text) else {
        return (None, text);
    };
    let mut pos = after_open;
    for line in text[after_open..].split_inclusive('\n') {
        let content = line.trim_matches(|c: char| c.is_whitespace());
        let closes = if toml {
            content == "+++"
        } else {
            content == "---" || content == "..."
        };
        if closes {
            let inner = &text[after_open..pos];
            let fm = if toml {
                lenient(inner, '=')
            } else {
                parse(inner)
            };
            // A rule, some prose and another rule is not front matter: keep it as text.
            let plausible =
                !fm.lenient || (!fm.entries.is_empty() && fm.entries.len() >= fm.unread.len());
            if !plausible {
                return (None, text);
            }
            return (Some(fm), &text[pos + line.len()..]);
        }
        pos += line.len();
    }
    (None, text)
}

/// The length of the opening fence, and whether it opens TOML.
fn opening(text: &str) -> Option<(usize, bool)> {
    let first = text.split_inclusive('\n').next()?;
    match first.trim_matches(|c: char| c.is_whitespace()) {
        "---" => Some((first.len(), false)),
        "+++" => Some((first.len(), true)),
        _ => None,
    }
}

/// Reads the YAML, or each line on its own when YAML refuses it.
pub fn parse(yaml_text: &str) -> FrontMatter {
    match yaml::parse(yaml_text, 0) {
        Ok(doc) => match doc.root {
            Some(Node {
                value: Value::Map(entries),
                ..
            }) => from_map(yaml_text, &entries),
            Some(_) => lenient(yaml_text, ':'),
            None => FrontMatter::default(),
        },
        Err(_) => lenient(yaml_text, ':'),
    }
}

fn from_map(text: &str, entries: &[(yaml::Key, Node)]) -> FrontMatter {
    let mut out = FrontMatter::default();
    let starts: Vec<usize> = entries
        .iter()
        .map(|(k, _)| line_start(text, k.span.start))
        .collect();
    for (i, (key, node)) in entries.iter().enumerate() {
        // As written: from the key's line to the next key's (a block scalar, a list).
        let end = starts.get(i + 1).copied().unwrap_or(text.len());
        let source = text[starts[i]..end.max(starts[i])].trim_end().to_string();
        match values(node) {
            Some(values) => out.entries.push(Entry {
                key: key.name.clone(),
                values,
                source,
            }),
            None => out.unread.push(source),
        }
    }
    out
}

/// A scalar or a list of scalars as text; `None` for anything deeper.
fn values(node: &Node) -> Option<Vec<String>> {
    match &node.value {
        Value::Null => Some(Vec::new()),
        Value::Seq(items) => items.iter().map(scalar).collect(),
        _ => scalar(node).map(|s| vec![s]),
    }
}

fn scalar(node: &Node) -> Option<String> {
    let text = node.scalar_text()?;
    Some(unquote(&text))
}

fn line_start(text: &str, at: usize) -> usize {
    text[..at.min(text.len())].rfind('\n').map_or(0, |i| i + 1)
}

/// Each `key: value` line (`key = value` in TOML, `sep` says which), `- item` lines after
/// a key, a TOML list `["a", "b"]`; the rest unread.
fn lenient(text: &str, sep: char) -> FrontMatter {
    let mut out = FrontMatter {
        lenient: true,
        ..FrontMatter::default()
    };
    for line in text.lines() {
        let t = line.trim();
        if t.is_empty() || t.starts_with('#') {
            continue;
        }
        if let Some(item) = t.strip_prefix("- ") {
            if let Some(entry) = out.entries.last_mut() {
                entry.values.push(unquote(item));
                entry.source.push('\n');
                entry.source.push_str(line);
                continue;
            }
        }
        match key_value(t, sep) {
            Some((key, v)) => out.entries.push(Entry {
                key,
                values: list(&v),
                source: line.to_string(),
            }),
            None => out.unread.push(line.to_string()),
        }
    }
    out
}

/// A value as a list: nothing, one value, or the items of `[a, "b"]`.
fn list(value: &str) -> Vec<String> {
    if value.is_empty() {
        return Vec::new();
    }
    match value.strip_prefix('[').and_then(|v| v.strip_suffix(']')) {
        Some(items) => items
            .split(',')
            .map(unquote)
            .filter(|i| !i.is_empty())
            .collect(),
        None => vec![value.to_string()],
    }
}

/// `clé : valeur` (or `clé = valeur`) with a key of letters, digits, spaces, `_`, `-` or
/// `'` (40 at most).
fn key_value(line: &str, sep: char) -> Option<(String, String)> {
    let (key, value) = line.split_once(sep)?;
    let key = key.trim_matches(|c: char| c.is_whitespace());
    let valid = !key.is_empty()
        && key.chars().count() <= 40
        && key
            .chars()
            .all(|c| c.is_alphanumeric() || matches!(c, ' ' | '_' | '-' | '\'' | '’' | '\u{a0}'));
    valid.then(|| (key.to_string(), unquote(value)))
}

/// A value without the quotes around it, straight or typographic.
fn unquote(value: &str) -> String {
    let v = value.trim_matches(|c: char| c.is_whitespace());
    for (open, close) in [
        ('"', '"'),
        ('\'', '\''),
        ('“', '”'),
        ('«', '»'),
        ('‘', '’'),
        ('„', '“'),
    ] {
        if let Some(inner) = v.strip_prefix(open).and_then(|r| r.strip_suffix(close)) {
            return inner.trim_matches(|c: char| c.is_whitespace()).to_string();
        }
    }
    v.to_string()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn valid_yaml_is_read_as_yaml() {
        let (fm, rest) = split(
            "---\ntitre: Code social\nauteurs: [Claire, Julien]\nautre:\n  a: 1\n---\nCorps\n",
        );
        let fm = fm.expect("front matter");
        assert!(!fm.lenient);
        assert_eq!(fm.entries[0].key, "titre");
        assert_eq!(fm.entries[0].values, ["Code social"]);
        assert_eq!(fm.entries[1].values, ["Claire", "Julien"]);
        assert_eq!(fm.entries[1].source, "auteurs: [Claire, Julien]");
        assert_eq!(fm.unread, ["autre:\n  a: 1"]);
        assert_eq!(rest, "Corps\n");
    }

    #[test]
    fn broken_yaml_is_read_line_by_line() {
        let (fm, rest) = split("---\ntitre: Code social : version 2\norganisation\u{a0}: “La Coop”\nauteurs:\n- Claire Martin\n- Julien Roux\nune ligne sans clé\n---\n# Titre\n");
        let fm = fm.expect("front matter");
        assert!(fm.lenient);
        assert_eq!(fm.entries[0].values, ["Code social : version 2"]);
        assert_eq!(fm.entries[1].key, "organisation");
        assert_eq!(fm.entries[1].values, ["La Coop"]);
        assert_eq!(fm.entries[2].values, ["Claire Martin", "Julien Roux"]);
        assert_eq!(
            fm.entries[2].source,
            "auteurs:\n- Claire Martin\n- Julien Roux"
        );
        assert_eq!(fm.unread, ["une ligne sans clé"]);
        assert_eq!(rest, "# Titre\n");
    }

    #[test]
    fn toml_front_matter_is_read_line_by_line() {
        let (fm, rest) = split("+++\nnom = \"Château de Millemont\"\nauteurs = [\"Claire\", \"Julien\"]\n[params]\n+++\nCorps\n");
        let fm = fm.expect("front matter");
        assert_eq!(fm.entries[0].key, "nom");
        assert_eq!(fm.entries[0].values, ["Château de Millemont"]);
        assert_eq!(fm.entries[1].values, ["Claire", "Julien"]);
        assert_eq!(fm.unread, ["[params]"]);
        assert_eq!(rest, "Corps\n");
    }

    #[test]
    fn entries_keep_their_text_as_written() {
        let (fm, _) = split("---\nkeywords: [coopérative, CAE]\nabstract: |\n  Ligne un.\n  Ligne deux.\nlang: fr\n---\n");
        let fm = fm.expect("front matter");
        assert_eq!(fm.entries[0].source, "keywords: [coopérative, CAE]");
        assert_eq!(
            fm.entries[1].source,
            "abstract: |\n  Ligne un.\n  Ligne deux."
        );
    }

    #[test]
    fn an_unclosed_rule_is_not_front_matter() {
        let text = "---\nUn texte après un trait.\n";
        assert_eq!(split(text), (None, text));
        let text = "---\n# Titre\n\nDu texte.\nEncore du texte.\n---\nSuite.\n";
        assert_eq!(split(text), (None, text));
    }
}
