//! Writing YAML that says exactly what was read: every text is quoted (a `#` or a `:` in
//! a name never turns into a comment or a mapping), and multi-line Markdown is written
//! as a literal block so that people can edit it.

use crate::init::templates::yaml_quoted;

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
                .all(|c| c == '\n' || c == '\t' || !c.is_control());
        if block {
            let inner = " ".repeat(self.indent + 2);
            let indicator = if value.starts_with([' ', '\t']) {
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
                .push_str(&format!("{pad}{key}: {}\n", yaml_quoted(value)));
        }
        self
    }

    /// A value written as is: an identifier, a number, a date, a flow list of ids.
    pub fn raw(&mut self, key: &str, value: &str) -> &mut Self {
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

    #[test]
    fn sequences_of_maps() {
        let items = vec![Map::new(2).raw("date", "2013").text("titre", "A").finish()];
        assert_eq!(sequence(&items, 0), "- date: 2013\n  titre: \"A\"\n");
    }
}
