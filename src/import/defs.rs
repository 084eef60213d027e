//! Footnotes and link reference definitions follow the text that uses them. A document
//! keeps its definitions where its author put them — after the paragraph, or all at the
//! end, as pandoc always writes a Word file's footnotes — and once it is split into files,
//! a `[^1]` or a `[nos statuts][statuts]` whose definition stayed in another file shows
//! as literal brackets. Each definition is moved (or, when several files use it, copied)
//! to the end of every file that uses it; a definition nothing uses stays where it was.

use std::collections::{BTreeSet, HashMap};
use std::ops::Range;

use pulldown_cmark::{BrokenLink, CowStr, Event, LinkType, Parser, Tag};

use super::blocks::through_line_break;

/// A definition: `[label]: dest` or `[^label]: text`.
#[derive(Debug, Clone)]
struct Def {
    /// `^label` for a footnote, `label` for a link; lowercase, white space collapsed.
    label: String,
    /// As written, through its line break.
    text: String,
    span: Range<usize>,
}

/// What one body defines and uses.
#[derive(Debug, Default)]
struct Scan {
    defs: Vec<Def>,
    uses: BTreeSet<String>,
}

/// Moves every definition to the bodies that use it. Returns how many were moved or
/// copied.
pub fn distribute(bodies: &mut [(String, String)]) -> usize {
    let scans: Vec<Scan> = bodies.iter().map(|(_, b)| scan(b)).collect();
    let mut first: HashMap<&str, &Def> = HashMap::new();
    for def in scans.iter().flat_map(|s| &s.defs) {
        first.entry(def.label.as_str()).or_insert(def);
    }
    let used_somewhere = |label: &str| scans.iter().any(|s| s.uses.contains(label));
    let mut moved = 0;
    let mut out: Vec<String> = Vec::with_capacity(bodies.len());
    for ((_, body), s) in bodies.iter().zip(&scans) {
        let own: BTreeSet<&str> = s.defs.iter().map(|d| d.label.as_str()).collect();
        // Defined here, used elsewhere only: it leaves.
        let leaving: Vec<Range<usize>> = s
            .defs
            .iter()
            .filter(|d| !s.uses.contains(&d.label) && used_somewhere(&d.label))
            .map(|d| d.span.clone())
            .collect();
        let arriving: Vec<&Def> = s
            .uses
            .iter()
            .filter(|l| !own.contains(l.as_str()))
            .filter_map(|l| first.get(l.as_str()).copied())
            .collect();
        moved += arriving.len();
        out.push(with_definitions(&remove(body, &leaving), &arriving));
    }
    for ((_, body), new) in bodies.iter_mut().zip(out) {
        *body = new;
    }
    moved
}

/// Takes out of the bodies the footnote definitions of `labels` (written `b` for `[^b]`)
/// that no body uses — the notes of lines that left the text for a front matter, a
/// milestone's title — and returns each note's text (its continuation lines unindented),
/// by label as written.
pub fn take_footnotes(
    bodies: &mut [(String, String)],
    labels: &[String],
) -> HashMap<String, String> {
    let mut notes = HashMap::new();
    if labels.is_empty() {
        return notes;
    }
    let scans: Vec<Scan> = bodies.iter().map(|(_, b)| scan(b)).collect();
    for ((_, body), s) in bodies.iter_mut().zip(&scans) {
        let mut taken = Vec::new();
        for def in s.defs.iter().filter(|d| d.label.starts_with('^')) {
            let Some(wanted) = labels
                .iter()
                .find(|l| format!("^{}", label(l)) == def.label)
            else {
                continue;
            };
            if scans.iter().any(|o| o.uses.contains(&def.label)) || notes.contains_key(wanted) {
                continue;
            }
            let text = def.text.split_once("]:").map_or("", |(_, t)| t);
            let lines: Vec<&str> = text.lines().map(str::trim).collect();
            notes.insert(wanted.clone(), lines.join("\n").trim().to_string());
            taken.push(def.span.clone());
        }
        *body = remove(body, &taken);
    }
    notes
}

/// The labels of the footnote marks of a text (not definitions: no `:` after them), as
/// written (`b` for `[^b]`).
pub fn marks(text: &str) -> Vec<String> {
    text.match_indices("[^")
        .filter_map(|(i, _)| {
            let rest = &text[i + 2..];
            let end = rest.find(']')?;
            let l = &rest[..end];
            let valid = !l.is_empty() && l.len() <= 100 && !l.contains(char::is_whitespace);
            (valid && !rest[end + 1..].starts_with(':')).then(|| l.to_string())
        })
        .collect()
}

/// The text without its footnote marks, and their labels as written: a value lifted
/// into a front matter, a name or an id never carries a literal `[^x]`.
pub fn without_marks(text: &str) -> (String, Vec<String>) {
    let labels = marks(text);
    if labels.is_empty() {
        return (text.to_string(), labels);
    }
    let mut out = text.to_string();
    for l in &labels {
        out = out.replacen(&format!("[^{l}]"), "", 1);
    }
    let out = out.split(' ').filter(|w| !w.is_empty()).collect::<Vec<_>>();
    (out.join(" "), labels)
}

fn remove(body: &str, ranges: &[Range<usize>]) -> String {
    if ranges.is_empty() {
        return body.to_string();
    }
    super::blocks::remove(body, ranges)
}

/// The body with the definitions added at its end, footnotes apart from links.
fn with_definitions(body: &str, defs: &[&Def]) -> String {
    if defs.is_empty() {
        return body.to_string();
    }
    let mut out = body.trim_end().to_string();
    let mut after_link = false;
    for def in defs {
        let footnote = def.label.starts_with('^');
        // A definition cannot interrupt a paragraph; link definitions follow each other.
        out.push_str(if after_link && !footnote {
            "\n"
        } else {
            "\n\n"
        });
        out.push_str(def.text.trim_end());
        after_link = !footnote;
    }
    out.push('\n');
    out.trim_start().to_string()
}

/// The definitions a body holds (at its top level) and the labels it uses, resolved or
/// not.
fn scan(body: &str) -> Scan {
    let mut uses = BTreeSet::new();
    let mut broken = |link: BrokenLink<'_>| -> Option<(CowStr<'_>, CowStr<'_>)> {
        uses.insert(label(&link.reference));
        None
    };
    let parser =
        Parser::new_with_broken_link_callback(body, crate::markdown::options(), Some(&mut broken));
    let mut defs: Vec<Def> = parser
        .reference_definitions()
        .iter()
        .map(|(l, def)| {
            let span = through_line_break(body, def.span.clone());
            Def {
                label: label(l),
                text: body[span.clone()].to_string(),
                span,
            }
        })
        .collect();
    let mut depth = 0usize;
    let mut found = Vec::new();
    for (event, range) in parser.into_offset_iter() {
        match &event {
            Event::Start(Tag::FootnoteDefinition(l)) if depth == 0 => {
                let span = through_line_break(body, range.clone());
                defs.push(Def {
                    label: format!("^{}", label(l)),
                    text: body[span.clone()].to_string(),
                    span,
                });
            }
            Event::FootnoteReference(l) => found.push(format!("^{}", label(l))),
            Event::Start(Tag::Link { link_type, id, .. } | Tag::Image { link_type, id, .. })
                if matches!(
                    link_type,
                    LinkType::Reference | LinkType::Collapsed | LinkType::Shortcut
                ) =>
            {
                found.push(label(id));
            }
            _ => {}
        }
        match &event {
            Event::Start(_) => depth += 1,
            Event::End(_) => depth = depth.saturating_sub(1),
            _ => {}
        }
    }
    uses.extend(found);
    // A footnote whose definition is elsewhere is plain text to the parser.
    uses.extend(footnote_marks(body));
    defs.sort_by_key(|d| d.span.start);
    Scan { defs, uses }
}

/// The labels of the `[^label]` marks of a text, folded as CommonMark matches them.
fn footnote_marks(body: &str) -> Vec<String> {
    marks(body)
        .into_iter()
        .map(|l| format!("^{}", label(&l)))
        .collect()
}

/// A label as CommonMark matches them: case-insensitive, white space collapsed.
fn label(text: &str) -> String {
    text.split_whitespace()
        .collect::<Vec<_>>()
        .join(" ")
        .to_lowercase()
}

#[cfg(test)]
mod tests {
    use super::*;

    fn bodies(list: &[&str]) -> Vec<(String, String)> {
        list.iter()
            .enumerate()
            .map(|(i, b)| (format!("f{i}.md"), b.to_string()))
            .collect()
    }

    #[test]
    fn footnotes_and_link_definitions_follow_their_use() {
        let mut b = bodies(&[
            "Voir [nos statuts][statuts] et [l’historique][].\n",
            "Ce fut long[^1].\n",
            "Dernier chapitre.\n\n[^1]: Voir le compte rendu.\n\n[statuts]: https://example.org/statuts.pdf\n[l’historique]: #historique\n[seul]: https://example.org\n",
        ]);
        assert_eq!(distribute(&mut b), 3);
        assert_eq!(b[0].1, "Voir [nos statuts][statuts] et [l’historique][].\n\n[l’historique]: #historique\n[statuts]: https://example.org/statuts.pdf\n");
        assert_eq!(b[1].1, "Ce fut long[^1].\n\n[^1]: Voir le compte rendu.\n");
        assert_eq!(b[2].1, "Dernier chapitre.\n\n[seul]: https://example.org\n");
    }

    #[test]
    fn a_definition_used_at_home_stays_and_is_copied_where_else_it_is_used() {
        let mut b = bodies(&["Un[^n].\n\n[^n]: La note.\n", "Deux[^N].\n"]);
        distribute(&mut b);
        assert_eq!(b[0].1, "Un[^n].\n\n[^n]: La note.\n");
        assert_eq!(b[1].1, "Deux[^N].\n\n[^n]: La note.\n");
    }

    #[test]
    fn notes_of_lines_that_left_the_text_are_taken() {
        let mut b = bodies(&[
            "Texte.\n",
            "Fin.\n\n[^b]: Sur le toit\n    de la mairie.\n\n[^c]: Gardée, utilisée[^c].\n",
        ]);
        let notes = take_footnotes(&mut b, &["b".to_string(), "c".to_string()]);
        assert_eq!(notes.len(), 1);
        assert_eq!(notes["b"], "Sur le toit\nde la mairie.");
        assert_eq!(b[1].1, "Fin.\n\n[^c]: Gardée, utilisée[^c].\n");
        assert_eq!(marks("Un[^a] deux[^b c] trois[^d]: x"), ["a"]);
    }
}
