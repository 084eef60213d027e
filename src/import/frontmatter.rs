//! The source's own front matter, read leniently. Hand-written front matter is often not
//! valid YAML (`titre: Code social : version 2`, smart quotes, a line without a colon):
//! when YAML refuses it, each `clé : valeur` line is read on its own. What can be read is
//! returned as entries; what cannot is returned verbatim for the report.

use crate::load::yaml::{self, Node, Value};

/// The front matter of the source.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct FrontMatter {
    /// Keys as written, with their text values (lists hold several).
    pub entries: Vec<(String, Vec<String>)>,
    /// Lines (or YAML entries) that could not be read, as written.
    pub unread: Vec<String>,
    /// Whether YAML refused it and the lines were read one by one.
    pub lenient: bool,
}

/// Splits `text` into its front matter (if it opens with a `---` line that is closed) and
/// the rest.
pub fn split(text: &str) -> (Option<FrontMatter>, &str) {
    let Some(after_open) = opening(text) else {
        return (None, text);
    };
    let mut pos = after_open;
    for line in text[after_open..].split_inclusive('\n') {
        let content = line.trim_matches(|c: char| c.is_whitespace());
        if content == "---" || content == "..." {
            let fm = parse(&text[after_open..pos]);
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

fn opening(text: &str) -> Option<usize> {
    let first = text.split_inclusive('\n').next()?;
    (first.trim_matches(|c: char| c.is_whitespace()) == "---").then_some(first.len())
}

/// Reads the YAML, or each line on its own when YAML refuses it.
pub fn parse(yaml_text: &str) -> FrontMatter {
    match yaml::parse(yaml_text, 0) {
        Ok(doc) => match doc.root {
            Some(Node {
                value: Value::Map(entries),
                ..
            }) => from_map(yaml_text, &entries),
            Some(_) => lenient(yaml_text),
            None => FrontMatter::default(),
        },
        Err(_) => lenient(yaml_text),
    }
}

fn from_map(text: &str, entries: &[(yaml::Key, Node)]) -> FrontMatter {
    let mut out = FrontMatter::default();
    for (key, node) in entries {
        match values(node) {
            Some(v) => out.entries.push((key.name.clone(), v)),
            None => out.unread.push(
                text[key.span.start..node.span.end.max(key.span.end)]
                    .trim_end()
                    .to_string(),
            ),
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

/// Each `key: value` line, `- item` lines after a key without value, the rest unread.
fn lenient(text: &str) -> FrontMatter {
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
            if let Some((_, values)) = out.entries.last_mut() {
                values.push(unquote(item));
                continue;
            }
        }
        match key_value(t) {
            Some((k, v)) => out
                .entries
                .push((k, if v.is_empty() { Vec::new() } else { vec![v] })),
            None => out.unread.push(line.to_string()),
        }
    }
    out
}

/// `clé : valeur` with a key of letters, digits, spaces, `_`, `-` or `'` (40 at most).
fn key_value(line: &str) -> Option<(String, String)> {
    let (key, value) = line.split_once(':')?;
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
        assert_eq!(fm.entries[0], ("titre".into(), vec!["Code social".into()]));
        assert_eq!(fm.entries[1].1, ["Claire", "Julien"]);
        assert_eq!(fm.unread, ["autre:\n  a: 1"]);
        assert_eq!(rest, "Corps\n");
    }

    #[test]
    fn broken_yaml_is_read_line_by_line() {
        let (fm, rest) = split("---\ntitre: Code social : version 2\norganisation\u{a0}: “La Coop”\nauteurs:\n- Claire Martin\n- Julien Roux\nune ligne sans clé\n---\n# Titre\n");
        let fm = fm.expect("front matter");
        assert!(fm.lenient);
        assert_eq!(
            fm.entries[0],
            ("titre".into(), vec!["Code social : version 2".into()])
        );
        assert_eq!(
            fm.entries[1],
            ("organisation".into(), vec!["La Coop".into()])
        );
        assert_eq!(fm.entries[2].1, ["Claire Martin", "Julien Roux"]);
        assert_eq!(fm.unread, ["une ligne sans clé"]);
        assert_eq!(rest, "# Titre\n");
    }

    #[test]
    fn an_unclosed_rule_is_not_front_matter() {
        let text = "---\nUn texte après un trait.\n";
        assert_eq!(split(text), (None, text));
        let text = "---\n# Titre\n\nDu texte.\nEncore du texte.\n---\nSuite.\n";
        assert_eq!(split(text), (None, text));
    }
}
