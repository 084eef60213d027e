//! The top-level blocks of a Markdown body with their byte ranges — headings, paragraphs,
//! lists and their items — so that structured data (milestones, stakes, general
//! information) can be lifted out of a chapter and the rest left exactly as written.

use std::ops::Range;

use pulldown_cmark::{Event, Parser, Tag, TagEnd};

/// A top-level block of a body.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Block {
    pub kind: BlockKind,
    /// The whole block, through its line break.
    pub range: Range<usize>,
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub enum BlockKind {
    Heading {
        text: String,
    },
    /// A paragraph; `lines` counts its source lines.
    Paragraph {
        lines: usize,
    },
    /// A list and the ranges of its items.
    List {
        items: Vec<Range<usize>>,
    },
    Other,
}

/// The top-level blocks of `md`, in order.
pub fn blocks(md: &str) -> Vec<Block> {
    let mut out: Vec<Block> = Vec::new();
    let mut depth = 0usize;
    let mut heading: Option<String> = None;
    for (event, range) in Parser::new_ext(md, crate::markdown::options()).into_offset_iter() {
        let top = depth == 0;
        match &event {
            Event::Start(Tag::Heading { .. }) if top => heading = Some(String::new()),
            Event::Text(t) | Event::Code(t) => {
                if let Some(h) = &mut heading {
                    h.push_str(t);
                }
            }
            Event::End(TagEnd::Heading(_)) if depth == 1 => {
                let text = heading.take().unwrap_or_default().trim().to_string();
                out.push(block(md, BlockKind::Heading { text }, range));
            }
            Event::End(TagEnd::Paragraph) if depth == 1 => {
                let lines = md[range.clone()].trim_end().lines().count();
                out.push(block(md, BlockKind::Paragraph { lines }, range));
            }
            Event::Start(Tag::Item) if depth == 1 => {
                if let Some(Block {
                    kind: BlockKind::List { items },
                    ..
                }) = out.last_mut()
                {
                    items.push(through_line_break(md, range));
                }
            }
            Event::Start(Tag::List(_)) if top => {
                out.push(Block {
                    kind: BlockKind::List { items: Vec::new() },
                    range: through_line_break(md, range),
                });
            }
            Event::End(_) if depth == 1 && !matches!(event, Event::End(TagEnd::List(_))) => {
                out.push(block(md, BlockKind::Other, range));
            }
            Event::Rule | Event::Html(_) if top => out.push(block(md, BlockKind::Other, range)),
            _ => {}
        }
        match &event {
            Event::Start(_) => depth += 1,
            Event::End(_) => depth = depth.saturating_sub(1),
            _ => {}
        }
    }
    out
}

fn block(md: &str, kind: BlockKind, range: Range<usize>) -> Block {
    Block {
        kind,
        range: through_line_break(md, range),
    }
}

/// Extends a range over the line break that ends it.
pub fn through_line_break(md: &str, range: Range<usize>) -> Range<usize> {
    let mut end = range.end;
    if !md[..end].ends_with('\n') && md[end..].starts_with('\n') {
        end += 1;
    }
    range.start..end
}

/// A list item's Markdown without its marker, its continuation lines dedented.
pub fn item_source(item: &str) -> String {
    let trimmed = item.trim_start();
    let marker_len = trimmed
        .find(|c: char| c.is_whitespace())
        .filter(|&n| {
            let m = &trimmed[..n];
            matches!(m, "-" | "*" | "+")
                || (m.len() > 1
                    && m[..m.len() - 1].bytes().all(|b| b.is_ascii_digit())
                    && (m.ends_with('.') || m.ends_with(')')))
        })
        .unwrap_or(0);
    let first_line_end = trimmed.find('\n').unwrap_or(trimmed.len());
    let first = trimmed[marker_len..first_line_end].trim();
    let indent = item.len() - trimmed.len() + marker_len + 1;
    let rest: Vec<&str> = trimmed[first_line_end..]
        .split('\n')
        .skip(1)
        .map(|l| {
            let spaces = l.len() - l.trim_start_matches(' ').len();
            &l[spaces.min(indent)..]
        })
        .collect();
    let mut out = first.to_string();
    for l in rest {
        out.push('\n');
        out.push_str(l);
    }
    out.trim_end().to_string()
}

/// The first paragraph of an item's Markdown (its title line or lines) and the rest.
pub fn split_first_paragraph(source: &str) -> (String, Option<String>) {
    let mut lines = source.split('\n');
    let mut head: Vec<&str> = Vec::new();
    let mut rest: Vec<&str> = Vec::new();
    for line in lines.by_ref() {
        let t = line.trim_start();
        let starts_list = t.starts_with("- ") || t.starts_with("* ") || t.starts_with("+ ");
        if !head.is_empty() && (line.trim().is_empty() || starts_list) {
            rest.push(line);
            break;
        }
        head.push(line);
    }
    rest.extend(lines);
    let rest = rest.join("\n").trim().to_string();
    (head.join("\n"), (!rest.is_empty()).then_some(rest))
}

/// `md` with the given ranges removed (they must not overlap), tidied.
pub fn remove(md: &str, ranges: &[Range<usize>]) -> String {
    let edits: Vec<(Range<usize>, String)> =
        ranges.iter().map(|r| (r.clone(), String::new())).collect();
    replace(md, &edits)
}

/// `md` with the given ranges replaced (they must not overlap), tidied.
pub fn replace(md: &str, edits: &[(Range<usize>, String)]) -> String {
    let mut sorted = edits.to_vec();
    sorted.sort_by_key(|(r, _)| r.start);
    let mut out = String::with_capacity(md.len());
    let mut pos = 0;
    for (r, text) in sorted {
        if r.start >= pos {
            out.push_str(&md[pos..r.start]);
            out.push_str(&text);
            // The blank line that ended a list stays: without it, the paragraph after
            // the list would join its last item.
            if md[r.clone()].ends_with("\n\n") {
                out.push('\n');
            }
            pos = r.end;
        }
    }
    out.push_str(&md[pos..]);
    super::outline::tidy(&out)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn blocks_and_items() {
        let md = "## Enjeux\n\nIntro.\n\n- Un\n- Deux\n  suite\n\n> cité\n";
        let b = blocks(md);
        assert_eq!(b.len(), 4);
        assert_eq!(
            b[0].kind,
            BlockKind::Heading {
                text: "Enjeux".into()
            }
        );
        assert_eq!(b[1].kind, BlockKind::Paragraph { lines: 1 });
        let BlockKind::List { items } = &b[2].kind else {
            panic!("list")
        };
        assert_eq!(items.len(), 2);
        assert_eq!(item_source(&md[items[1].clone()]), "Deux\nsuite");
        assert_eq!(b[3].kind, BlockKind::Other);
    }

    #[test]
    fn removing_the_last_items_keeps_the_paragraph_after_the_list_apart() {
        let md = "- un\n- deux\n- trois\n\nSuite.\n";
        let b = blocks(md);
        let BlockKind::List { items } = &b[0].kind else {
            panic!("list")
        };
        assert_eq!(remove(md, &items[1..]), "- un\n\nSuite.\n");
    }

    #[test]
    fn item_sources() {
        assert_eq!(item_source("1. Premier\n   détail\n"), "Premier\ndétail");
        let (head, rest) = split_first_paragraph("Titre\n\nUne description.\n- sous-point");
        assert_eq!(head, "Titre");
        assert_eq!(rest.as_deref(), Some("Une description.\n- sous-point"));
    }
}
