//! The source's own front matter, read leniently. Hand-written front matter is often not
//! valid YAML (`titre: Code social : version 2`, smart quotes, a line without a colon):
//! when YAML refuses it, each `clé : valeur` line is read on its own. Hugo's TOML front
//! matter (between `+++` lines) is read line by line the same way (`clé = "valeur"`).
//! What can be read is returned as entries, each with its text as written (the report
//! quotes what it does not keep verbatim); what cannot is returned verbatim too.

use std::ops::Range;

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
    /// Lines (or YAML entries) that could not be read, as written, then its comments
    /// (`# à revoir`, as written from their `#`): nothing a person wrote is dropped.
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
            let mut fm = if toml {
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
            fm.unread.extend(comments(inner, &fm));
            return (Some(fm), &text[pos + line.len()..]);
        }
        pos += line.len();
    }
    (None, text)
}

/// The length of the opening fence, and whether it opens TOML.
///
/// A `---` followed by a blank line is a horizontal rule, not a front matter (pandoc's
/// rule for YAML metadata blocks): a document may open with one.
fn opening(text: &str) -> Option<(usize, bool)> {
    let mut lines = text.split_inclusive('\n');
    let first = lines.next()?;
    let blank_after = lines.next().is_some_and(|l| l.trim().is_empty());
    match first.trim_matches(|c: char| c.is_whitespace()) {
        "---" if blank_after => None,
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

/// The comments of a front matter, as written from their `#`: a line's first `#` that
/// starts the line's content or follows a space, outside any value YAML read (a `#` in a
/// quoted value or a block scalar is text). When YAML refused the front matter, the lines
/// read one by one are plain text: only whole-line comments are comments then.
fn comments(text: &str, fm: &FrontMatter) -> Vec<String> {
    let values: Vec<Range<usize>> = if fm.lenient {
        Vec::new()
    } else {
        match yaml::parse(text, 0) {
            Ok(doc) => match doc.root {
                Some(Node {
                    value: Value::Map(entries),
                    ..
                }) => {
                    let mut spans = Vec::new();
                    for (key, node) in &entries {
                        spans.push(key.span.clone());
                        scalar_spans(node, &mut spans);
                    }
                    spans
                }
                _ => Vec::new(),
            },
            Err(_) => Vec::new(),
        }
    };
    let mut out = Vec::new();
    let mut start = 0;
    let mut in_block = false;
    for line in text.split_inclusive('\n') {
        let line_start = start;
        start += line.len();
        let content = line.trim_start();
        if fm.lenient {
            // A block scalar's lines are its value, whatever they start with.
            let indented = line.starts_with([' ', '\t']);
            if in_block && (indented || content.trim().is_empty()) {
                continue;
            }
            in_block = key_value(content.trim(), ':').is_some_and(|(_, v)| block_indicator(&v));
            if content.starts_with('#') {
                out.push(content.trim_end().to_string());
            }
            continue;
        }
        let hash = line.char_indices().find(|&(i, c)| {
            c == '#'
                && (line[..i].trim().is_empty() || line[..i].ends_with([' ', '\t']))
                && !values.iter().any(|v| v.contains(&(line_start + i)))
        });
        if let Some((i, _)) = hash {
            out.push(line[i..].trim_end().to_string());
        }
    }
    out
}

/// The spans of the keys and scalars inside `node`: a comment can stand between the
/// items of a list or the entries of a mapping, never inside a value.
fn scalar_spans(node: &Node, out: &mut Vec<Range<usize>>) {
    match &node.value {
        Value::Seq(items) => items.iter().for_each(|n| scalar_spans(n, out)),
        Value::Map(entries) => {
            for (key, n) in entries {
                out.push(key.span.clone());
                scalar_spans(n, out);
            }
        }
        _ => out.push(node.span.clone()),
    }
}

fn line_start(text: &str, at: usize) -> usize {
    text[..at.min(text.len())].rfind('\n').map_or(0, |i| i + 1)
}

/// Each `key: value` line (`key = value` in TOML, `sep` says which), `- item` lines after
/// a key, a TOML list `["a", "b"]`; the rest unread. What belongs to an entry stays with
/// it, verbatim in its `source`: the lines of a YAML block scalar (`description: |` or
/// `>`, with its chomping and indentation indicators), which are its value even when
/// they look like `clé : valeur` or `- item`, and any line indented under the key (a
/// plain value continued, a nested mapping).
fn lenient(text: &str, sep: char) -> FrontMatter {
    let mut out = FrontMatter {
        lenient: true,
        ..FrontMatter::default()
    };
    let lines: Vec<&str> = text.lines().collect();
    let mut i = 0;
    while i < lines.len() {
        let line = lines[i];
        i += 1;
        let t = line.trim();
        if t.is_empty() || t.starts_with('#') {
            continue;
        }
        let indented = line.starts_with([' ', '\t']);
        if let Some(item) = t.strip_prefix("- ") {
            if let Some(entry) = out.entries.last_mut() {
                entry.values.push(unquote(item));
                entry.source.push('\n');
                entry.source.push_str(line);
                continue;
            }
        }
        // A line indented under the previous entry continues it.
        if indented {
            if let Some(entry) = out.entries.last_mut() {
                entry.source.push('\n');
                entry.source.push_str(line);
                // Under `autre:` with no value, `  a: 1` is a mapping: no value is read,
                // and the entry is reported as written.
                if let Some(value) = entry.values.last_mut() {
                    value.push(' ');
                    value.push_str(t);
                }
                continue;
            }
        }
        match key_value(t, sep) {
            Some((key, v)) if sep == ':' && block_indicator(&v) => {
                let indent = line.len() - line.trim_start().len();
                let end = block_end(&lines, i, indent);
                let block = &lines[i..end];
                let mut source = line.to_string();
                for l in block {
                    source.push('\n');
                    source.push_str(l);
                }
                i = end;
                out.entries.push(Entry {
                    key,
                    values: vec![block_value(block, v.starts_with('>'))],
                    source: source.trim_end().to_string(),
                });
            }
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

/// `|`, `>`, with a chomping (`-`, `+`) and an indentation (`1`–`9`) indicator in either
/// order: the value is the block of lines that follows.
fn block_indicator(value: &str) -> bool {
    let mut chars = value.chars();
    matches!(chars.next(), Some('|' | '>'))
        && chars.count() <= 2
        && value[1..]
            .chars()
            .all(|c| matches!(c, '-' | '+' | '1'..='9'))
}

/// The index after the block that starts at `from`: its lines are blank or indented more
/// than `indent`, the key's own indentation.
fn block_end(lines: &[&str], from: usize, indent: usize) -> usize {
    let mut end = from;
    let mut last_text = from;
    while end < lines.len() {
        let l = lines[end];
        let own = l.len() - l.trim_start().len();
        if l.trim().is_empty() {
            end += 1;
            continue;
        }
        if own <= indent {
            break;
        }
        end += 1;
        last_text = end;
    }
    last_text
}

/// A block's text: its common indentation removed, its lines kept (`|`) or folded into
/// one (`>`).
fn block_value(block: &[&str], folded: bool) -> String {
    let indent = block
        .iter()
        .filter(|l| !l.trim().is_empty())
        .map(|l| l.len() - l.trim_start().len())
        .min()
        .unwrap_or(0);
    let lines: Vec<&str> = block
        .iter()
        .map(|l| l.get(indent..).unwrap_or("").trim_end())
        .collect();
    lines
        .join(if folded { " " } else { "\n" })
        .trim()
        .to_string()
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

    /// Hand-written comments are kept for the report, in YAML that parses and in YAML
    /// that does not; a `#` inside a value (quoted, block scalar, `C#`) is text.
    #[test]
    fn comments_are_kept_as_written() {
        let valid = "---\ntitre: \"Le #1 des jardins\"\n# À revoir avec le bureau\nauteurs: Marie Dupont # et Paul ?\nlangage: C#\ndescription: |\n  # pas un commentaire\n  texte\n---\nCorps\n";
        let (fm, rest) = split(valid);
        let fm = fm.expect("front matter");
        assert!(!fm.lenient);
        assert_eq!(fm.unread, ["# À revoir avec le bureau", "# et Paul ?"]);
        assert_eq!(rest, "Corps\n");
        let broken = "---\ntitre: Code social : version 2\n  # indenté\n# À revoir\nresume: |\n  # dans le bloc\nauteurs: A\n---\n";
        let (fm, _) = split(broken);
        let fm = fm.expect("front matter");
        assert!(fm.lenient);
        assert!(fm.unread.contains(&"# À revoir".to_string()), "{fm:?}");
        assert!(
            !fm.unread.iter().any(|u| u.contains("dans le bloc")),
            "{fm:?}"
        );
        let listed = "---\nauteurs:\n  - Anne Leroy\n  # ancien membre :\n  - Karim Benali\n---\n";
        let (fm, _) = split(listed);
        assert_eq!(fm.expect("front matter").unread, ["# ancien membre :"]);
    }

    /// A document that opens with a horizontal rule (`---` then a blank line) has no
    /// front matter, whatever follows: its title and text stay text.
    #[test]
    fn a_rule_then_a_blank_line_is_no_front_matter() {
        let text = "---\n\n# Code social de la Ruche\n\nNous sommes une ruche. Siège : Die.\n\n---\n\n## Historique\n";
        let (fm, rest) = split(text);
        assert_eq!(fm, None);
        assert_eq!(rest, text);
    }

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

    /// A block scalar in a front matter YAML refuses is one entry, kept as written: its
    /// lines are its value even when they look like a key or a list item.
    #[test]
    fn a_block_scalar_stays_whole_when_read_line_by_line() {
        let block = "description: |\n  Une coopérative de producteurs.\n  Siège : Lyon, depuis toujours.\n\n  - et des amis";
        for (head, tail) in [
            ("titre: Code social : version 2\n", "\nversion: 3\n"),
            ("titre: Code social : version 2\n", "\n"),
            ("", "\nune ligne sans clé\n"),
        ] {
            let text = format!("---\n{head}{block}{tail}---\nCorps\n");
            let (fm, rest) = split(&text);
            let fm = fm.expect("front matter");
            assert!(fm.lenient);
            let entry = fm
                .entries
                .iter()
                .find(|e| e.key == "description")
                .expect("description");
            assert_eq!(entry.source, block);
            assert_eq!(
                entry.values,
                ["Une coopérative de producteurs.\nSiège : Lyon, depuis toujours.\n\n- et des amis"]
            );
            assert!(fm.entries.iter().all(|e| e.key != "Siège"), "{fm:?}");
            assert!(fm.unread.iter().all(|u| !u.contains("amis")), "{fm:?}");
            assert_eq!(rest, "Corps\n");
        }
        let (fm, _) = split("---\ntitre: a : b\nresume: >-\n  Un.\n  Deux.\nautre:\n  a: 1\nsuite: un\n  deux\n---\n");
        let fm = fm.expect("front matter");
        assert_eq!(fm.entries[1].values, ["Un. Deux."]);
        assert_eq!(fm.entries[2].source, "autre:\n  a: 1");
        assert!(fm.entries[2].values.is_empty());
        assert_eq!(fm.entries[3].values, ["un deux"]);
    }

    #[test]
    fn an_unclosed_rule_is_not_front_matter() {
        let text = "---\nUn texte après un trait.\n";
        assert_eq!(split(text), (None, text));
        let text = "---\n# Titre\n\nDu texte.\nEncore du texte.\n---\nSuite.\n";
        assert_eq!(split(text), (None, text));
    }
}
