//! Markdown bodies compared paragraph by paragraph (blank-line separated, whitespace
//! normalised so re-wrapping a paragraph is no change), and changed paragraphs word by word,
//! so a reviewer sees the sentence that moved, not a wall of red and green lines.

use serde::Serialize;
use similar::{ChangeTag, DiffOp, TextDiff};

/// How a body changed. JSON carries the counts; people also see the paragraphs.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct BodyChange {
    pub changed: bool,
    /// New paragraphs, a rewritten one counting once here and once in `paragraphs_removed`.
    pub paragraphs_added: usize,
    pub paragraphs_removed: usize,
    /// Rewritten paragraphs (old and new paired), for people.
    #[serde(skip)]
    pub paragraphs_changed: usize,
    #[serde(skip)]
    pub paragraphs: Vec<ParagraphChange>,
}

/// One paragraph that changed.
#[derive(Debug, Clone, PartialEq)]
pub enum ParagraphChange {
    Added(String),
    Removed(String),
    /// A paragraph rewritten in place, as word-level segments.
    Changed(Vec<Segment>),
}

/// A run of words of a rewritten paragraph.
#[derive(Debug, Clone, PartialEq)]
pub enum Segment {
    Same(String),
    Added(String),
    Removed(String),
}

/// The paragraphs of a Markdown body, whitespace collapsed.
pub fn paragraphs(body: &str) -> Vec<String> {
    let mut out = Vec::new();
    let mut current: Vec<&str> = Vec::new();
    for line in body.lines() {
        if line.trim().is_empty() {
            flush(&mut current, &mut out);
        } else {
            current.push(line.trim());
        }
    }
    flush(&mut current, &mut out);
    out
}

fn flush(current: &mut Vec<&str>, out: &mut Vec<String>) {
    if !current.is_empty() {
        let joined = current.join(" ");
        out.push(joined.split_whitespace().collect::<Vec<_>>().join(" "));
        current.clear();
    }
}

/// The change between two bodies, or `None` when their paragraphs are the same.
pub fn compare(old: &str, new: &str) -> Option<BodyChange> {
    let old_p = paragraphs(old);
    let new_p = paragraphs(new);
    if old_p == new_p {
        return None;
    }
    let old_refs: Vec<&str> = old_p.iter().map(String::as_str).collect();
    let new_refs: Vec<&str> = new_p.iter().map(String::as_str).collect();
    let diff = similar::capture_diff_slices(similar::Algorithm::Patience, &old_refs, &new_refs);
    let mut change = BodyChange {
        changed: true,
        paragraphs_added: 0,
        paragraphs_removed: 0,
        paragraphs_changed: 0,
        paragraphs: Vec::new(),
    };
    for op in diff {
        match op {
            DiffOp::Equal { .. } => {}
            DiffOp::Delete {
                old_index, old_len, ..
            } => removed(&mut change, &old_p[old_index..old_index + old_len]),
            DiffOp::Insert {
                new_index, new_len, ..
            } => added(&mut change, &new_p[new_index..new_index + new_len]),
            DiffOp::Replace {
                old_index,
                old_len,
                new_index,
                new_len,
            } => replaced(
                &mut change,
                &old_p[old_index..old_index + old_len],
                &new_p[new_index..new_index + new_len],
            ),
        }
    }
    Some(change)
}

fn removed(change: &mut BodyChange, paras: &[String]) {
    change.paragraphs_removed += paras.len();
    change
        .paragraphs
        .extend(paras.iter().cloned().map(ParagraphChange::Removed));
}

fn added(change: &mut BodyChange, paras: &[String]) {
    change.paragraphs_added += paras.len();
    change
        .paragraphs
        .extend(paras.iter().cloned().map(ParagraphChange::Added));
}

/// Paragraphs replaced in place pair up one to one; the surplus is added or removed.
fn replaced(change: &mut BodyChange, old: &[String], new: &[String]) {
    let paired = old.len().min(new.len());
    for (o, n) in old.iter().zip(new) {
        change.paragraphs_added += 1;
        change.paragraphs_removed += 1;
        change.paragraphs_changed += 1;
        change
            .paragraphs
            .push(ParagraphChange::Changed(words(o, n)));
    }
    removed(change, &old[paired..]);
    added(change, &new[paired..]);
}

/// Word-level segments of a rewritten paragraph, neighbours of one kind merged.
pub fn words(old: &str, new: &str) -> Vec<Segment> {
    let diff = TextDiff::configure()
        .algorithm(similar::Algorithm::Patience)
        .diff_words(old, new);
    let mut raw: Vec<Segment> = Vec::new();
    for c in diff.iter_all_changes() {
        raw.push(match c.tag() {
            ChangeTag::Equal => Segment::Same(c.value().to_string()),
            ChangeTag::Insert => Segment::Added(c.value().to_string()),
            ChangeTag::Delete => Segment::Removed(c.value().to_string()),
        });
    }
    group(raw)
}

/// Merges neighbouring changes into one removed run and one added run; spaces between
/// two changes belong to both, so "a b" → "c d" reads `[-a b-]{+c d+}`, not word salad.
fn group(raw: Vec<Segment>) -> Vec<Segment> {
    let mut out = Vec::new();
    let (mut removed, mut added, mut gap) = (String::new(), String::new(), String::new());
    let mut iter = raw.into_iter().peekable();
    while let Some(seg) = iter.next() {
        match seg {
            Segment::Removed(t) => extend(&mut removed, &gap, &t),
            Segment::Added(t) => extend(&mut added, &gap, &t),
            Segment::Same(t) => {
                let in_change = !(removed.is_empty() && added.is_empty());
                let next_is_change =
                    matches!(iter.peek(), Some(Segment::Removed(_) | Segment::Added(_)));
                if in_change && next_is_change && t.trim().is_empty() {
                    gap = t;
                    continue;
                }
                flush_change(&mut out, &mut removed, &mut added);
                let text = std::mem::take(&mut gap) + &t;
                match out.last_mut() {
                    Some(Segment::Same(prev)) => prev.push_str(&text),
                    _ => out.push(Segment::Same(text)),
                }
            }
        }
    }
    flush_change(&mut out, &mut removed, &mut added);
    out
}

/// Appends a changed word to its run, with the space before it if the run had begun.
fn extend(run: &mut String, gap: &str, word: &str) {
    if !run.is_empty() {
        run.push_str(gap);
    }
    run.push_str(word);
}

fn flush_change(out: &mut Vec<Segment>, removed: &mut String, added: &mut String) {
    if !removed.is_empty() {
        out.push(Segment::Removed(std::mem::take(removed)));
    }
    if !added.is_empty() {
        out.push(Segment::Added(std::mem::take(added)));
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn rewrapping_is_no_change() {
        assert_eq!(compare("Un deux\ntrois.\n", "Un\ndeux trois.\n"), None);
    }

    #[test]
    fn counts_added_removed_and_rewritten_paragraphs() {
        let c =
            compare("A a.\n\nB b.\n\nC c.\n", "A a.\n\nB bis.\n\nD d.\n\nE e.\n").expect("changed");
        assert_eq!(c.paragraphs_changed, 2);
        assert_eq!(c.paragraphs_added, 3);
        assert_eq!(c.paragraphs_removed, 2);
    }

    #[test]
    fn word_marks_keep_unchanged_words() {
        let segs = words("le chat dort", "le chien dort");
        assert!(segs.contains(&Segment::Removed("chat".into())));
        assert!(segs.contains(&Segment::Added("chien".into())));
        assert_eq!(segs.first(), Some(&Segment::Same("le ".into())));
    }
}
