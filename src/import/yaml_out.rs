//! Writing YAML that says exactly what was read: every scalar the importer writes — a
//! text, an identifier, a date, a keyword — goes through one function, [`scalar`], so an
//! id `2023`, `yes` or `null`, a date, a `#` or a `:` in a name always reads back as the
//! text it was, never as a number, a boolean, a comment or a mapping; multi-line Markdown
//! is written as a literal block so that people can edit it.

use crate::init::templates::{yaml_escaped, yaml_quoted};

/// The one way the importer writes a YAML scalar: double-quoted, escaped so that it
/// parses back to exactly `value`.
pub fn scalar(value: &str) -> String {
    yaml_quoted(value)
}

/// A flow sequence of scalars: `["juridique", "financier"]`.
pub fn flow_list(values: &[&str]) -> String {
    let items: Vec<String> = values.iter().map(|v| scalar(v)).collect();
    format!("[{}]", items.join(", "))
}

/// `key: value` lines, in order, at `indent` spaces.
#[derive(Debug, Default)]
pub struct Map {
    out: String,
    indent: usize,
}

impl Map {
    pub fn new(indent: usize) -> Self {
        Map {
            out: String::new(),
            indent,
        }
    }

    /// A text value: quoted on one line, or a literal block when it has several lines.
    pub fn text(&mut self, key: &str, value: &str) -> &mut Self {
        let pad = " ".repeat(self.indent);
        let block = value.contains('\n')
            && value
                .chars()
                .all(|c| c == '\n' || c == '\t' || !yaml_escaped(c));
        if block {
            let inner = " ".repeat(self.indent + 2);
            // The indentation is read from the first line with text: one that starts
            // with a space or a tab must say how deep the block is.
            let first = value.split('\n').find(|l| !l.is_empty()).unwrap_or("");
            let indicator = if first.starts_with([' ', '\t']) {
                "2"
            } else {
                ""
            };
            self.out.push_str(&format!("{pad}{key}: |{indicator}\n"));
            for line in value.trim_end_matches('\n').split('\n') {
                if line.is_empty() {
                    self.out.push('\n');
                } else {
                    self.out.push_str(&format!("{inner}{line}\n"));
                }
            }
        } else {
            self.out
                .push_str(&format!("{pad}{key}: {}\n", scalar(value)));
        }
        self
    }

    /// A number (the format's version): the only value written unquoted.
    pub fn number(&mut self, key: &str, value: u32) -> &mut Self {
        self.out
            .push_str(&format!("{}{key}: {value}\n", " ".repeat(self.indent)));
        self
    }

    /// A key whose value is the nested block that follows.
    pub fn nested(&mut self, key: &str, block: &str) -> &mut Self {
        self.out
            .push_str(&format!("{}{key}:\n{block}", " ".repeat(self.indent)));
        self
    }

    pub fn finish(&mut self) -> String {
        std::mem::take(&mut self.out)
    }
}

/// A sequence of maps: each map's first line gets the `- `.
pub fn sequence(items: &[String], indent: usize) -> String {
    let pad = " ".repeat(indent);
    let mut out = String::new();
    for item in items {
        let inner = " ".repeat(indent + 2);
        for (n, line) in item.lines().enumerate() {
            let line = line.strip_prefix(&inner).unwrap_or(line);
            if n == 0 {
                out.push_str(&format!("{pad}- {line}\n"));
            } else if line.is_empty() {
                out.push('\n');
            } else {
                out.push_str(&format!("{inner}{line}\n"));
            }
        }
    }
    out
}

/// A document with front matter: `---`, the YAML, `---`, a blank line, the body.
pub fn document(front: &str, body: &str) -> String {
    if body.trim().is_empty() {
        format!("---\n{front}---\n")
    } else {
        format!("---\n{front}---\n\n{body}")
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn texts_are_quoted_and_blocks_indented() {
        let mut m = Map::new(0);
        m.text("titre", "Le #CodeSocial : v2")
            .text("description", "Un.\n\nDeux.\n");
        assert_eq!(
            m.finish(),
            "titre: \"Le #CodeSocial : v2\"\ndescription: |\n  Un.\n\n  Deux.\n"
        );
    }

    /// The string a scalar written by [`Map::text`] reads back as, with the project's
    /// YAML loader.
    fn read_back(yaml: &str, key: &str) -> Option<String> {
        let doc = crate::load::yaml::parse(yaml, 0).ok()?;
        let root = doc.root?;
        match &root.get(key)?.value {
            crate::load::yaml::Value::Str(s) => Some(s.clone()),
            _ => None,
        }
    }

    /// What a multi-line text reads back as: a literal block keeps one final line break.
    fn as_block(value: &str) -> String {
        format!("{}\n", value.trim_end_matches('\n'))
    }

    #[test]
    fn texts_that_look_like_other_types_stay_texts() {
        for v in [
            "2023",
            "yes",
            "no",
            "on",
            "off",
            "true",
            "False",
            "1e3",
            "0x10",
            "0o7",
            "~",
            "null",
            "12:30",
            "2013-05-02",
            ".inf",
            "-.5",
            "",
            " ",
            "#x",
            "- a",
            "[a]",
            "{a}",
            "a: b",
            "\"",
            "\\",
            "'",
            "\u{7f}",
            "\u{85}",
            "\u{feff}x",
            "\u{2028}",
        ] {
            let yaml = Map::new(0).text("id", v).finish();
            assert_eq!(read_back(&yaml, "id").as_deref(), Some(v), "{yaml}");
        }
    }

    proptest::proptest! {
        #![proptest_config(proptest::prelude::ProptestConfig { cases: 512, .. proptest::prelude::ProptestConfig::default() })]

        /// Any id, title, name or date the importer writes parses back, with the project's
        /// YAML loader, to the same text; in a mapping, a nested sequence item and a flow
        /// mapping alike.
        #[test]
        fn every_scalar_reads_back_as_written(
            value in proptest::prelude::any::<String>(),
            shaped in "(([0-9]{1,4}|yes|on|null|~|[0-9]+e[0-9]|0x[0-9a-f]+|[0-9]{1,2}:[0-9]{2})[-:. ]?){1,3}",
        ) {
            // The loader reads every text in composed form (NFC), as the importer writes it.
            let value: String = unicode_normalization::UnicodeNormalization::nfc(value.as_str()).collect();
            for v in [value.as_str(), shaped.as_str()] {
                let expected = if v.contains('\n') && Map::new(0).text("k", v).finish().contains(": |") {
                    as_block(v)
                } else {
                    v.to_string()
                };
                let top = Map::new(0).text("k", v).finish();
                proptest::prop_assert_eq!(read_back(&top, "k"), Some(expected.clone()), "{}", top);
                let item = sequence(&[Map::new(2).text("k", v).finish()], 0);
                let doc = crate::load::yaml::parse(&format!("s:\n{item}"), 0);
                proptest::prop_assert!(doc.is_ok(), "{}", item);
                if !v.contains('\n') {
                    let flow = format!("s:\n  - {{ membre: {} }}\nl: {}\n", scalar(v), flow_list(&[v, v]));
                    let doc = crate::load::yaml::parse(&flow, 0).expect("flow");
                    let root = doc.root.expect("root");
                    let seq = match &root.get("s").expect("s").value {
                        crate::load::yaml::Value::Seq(items) => items.clone(),
                        other => panic!("{other:?}"),
                    };
                    let member = seq[0].get("membre").and_then(|n| n.scalar_text().map(|t| t.into_owned()));
                    proptest::prop_assert_eq!(member.as_deref(), Some(v), "{}", flow);
                    proptest::prop_assert!(matches!(&seq[0].get("membre").expect("membre").value, crate::load::yaml::Value::Str(_)), "{}", flow);
                }
            }
        }
    }

    #[test]
    fn sequences_of_maps() {
        let items = vec![Map::new(2).text("date", "2013").text("titre", "A").finish()];
        assert_eq!(sequence(&items, 0), "- date: \"2013\"\n  titre: \"A\"\n");
    }
}
