//! Splits a Markdown document into its YAML front matter and its body, by byte offsets in the
//! whole file, so that every later span counts lines from the top of the file.

use std::ops::Range;

/// Where the front matter and the body lie in the file.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Split {
    /// The YAML between the two `---` lines.
    pub yaml: Range<usize>,
    /// Start of the body, after the closing line.
    pub body: usize,
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub enum FrontMatterError {
    /// The file holds nothing but white space.
    Empty,
    /// The first line is not `---`; the span covers that line.
    Missing(Range<usize>),
    /// The opening `---` is never closed; the span covers the opening line.
    Unterminated(Range<usize>),
}

/// Splits `text` (already without a byte-order mark).
pub fn split(text: &str) -> Result<Split, FrontMatterError> {
    if text.trim().is_empty() {
        return Err(FrontMatterError::Empty);
    }
    let mut lines = Lines { text, pos: 0 };
    let Some((first, after_first)) = lines.next() else {
        return Err(FrontMatterError::Empty);
    };
    if text[first.clone()].trim_end() != "---" {
        return Err(FrontMatterError::Missing(first));
    }
    let yaml_start = after_first;
    for (line, next) in lines {
        let content = text[line.clone()].trim_end();
        if content == "---" || content == "..." {
            return Ok(Split {
                yaml: yaml_start..line.start,
                body: next,
            });
        }
    }
    Err(FrontMatterError::Unterminated(first))
}

/// Iterates over lines as (content range without the break, start of the next line);
/// `\n`, `\r\n` and `\r` all end a line.
struct Lines<'a> {
    text: &'a str,
    pos: usize,
}

impl Iterator for Lines<'_> {
    type Item = (Range<usize>, usize);

    fn next(&mut self) -> Option<Self::Item> {
        if self.pos >= self.text.len() {
            return None;
        }
        let bytes = self.text.as_bytes();
        let start = self.pos;
        let mut i = start;
        while i < bytes.len() && bytes[i] != b'\n' && bytes[i] != b'\r' {
            i += 1;
        }
        let next = match (bytes.get(i), bytes.get(i + 1)) {
            (Some(b'\r'), Some(b'\n')) => i + 2,
            (Some(_), _) => i + 1,
            (None, _) => i,
        };
        self.pos = next;
        Some((start..i, next))
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn splits_with_each_line_ending() {
        for nl in ["\n", "\r\n", "\r"] {
            let text = format!("---{nl}titre: A{nl}---{nl}Corps{nl}");
            let split = split(&text).expect("split");
            assert_eq!(text[split.yaml.clone()].trim_end(), "titre: A");
            assert_eq!(text[split.body..].trim_end(), "Corps");
        }
    }

    #[test]
    fn reports_missing_and_unterminated() {
        assert_eq!(split("  \n"), Err(FrontMatterError::Empty));
        assert_eq!(split("# Titre\n"), Err(FrontMatterError::Missing(0..7)));
        assert_eq!(
            split("---\ntitre: a\n"),
            Err(FrontMatterError::Unterminated(0..3))
        );
    }

    #[test]
    fn empty_front_matter_and_no_body() {
        let split = split("---\n---").expect("split");
        assert_eq!(split.yaml, 4..4);
        assert_eq!(split.body, 7);
    }
}
