//! Markdown bodies compared paragraph by paragraph (blank-line separated, whitespace
//! normalised so re-wrapping a paragraph is no change), and changed paragraphs word by word,
//! so a reviewer sees the sentence that moved, not a wall of red and green lines.
//!
//! Both levels use `similar` (patience, then Myers), whose worst case — two texts with
//! nothing in common, which a pull request can write at will up to the 8 MiB file limit —
//! costs about `(n + m)²` steps for `n` and `m` tokens. That work is bounded, by sizes
//! rather than by a deadline so that the same two bodies give the same marks on any
//! machine: past [`MAX_PARAGRAPHS`] paragraphs, the paragraphs between the common start
//! and end are paired in order instead of being matched; past [`WORD_BUDGET`], what is
//! left of a body's rewritten paragraphs is shown whole, removed then added.

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

/// The most paragraphs (both sides together) matched by the diff; past it, the
/// paragraphs between the common start and end are replaced in order.
pub const MAX_PARAGRAPHS: usize = 4_000;

/// The word-diff work one body may spend, counted as `(n + m)²` per rewritten paragraph of
/// `n` and `m` words and spaces (the worst case of the diff): 4 million steps, about
/// 10 ms of a release build — two rewritten paragraphs of 500 words each, far longer than
/// a #CodeSocial's paragraphs. A paragraph that would exceed what is left is shown whole.
pub const WORD_BUDGET: usize = 4_000_000;

/// The paragraphs of a Markdown body, whitespace collapsed: blocks separated by blank
/// lines, each list item and heading a block of its own (an edited item of a list is that
/// item, not the whole list).
pub fn paragraphs(body: &str) -> Vec<String> {
    let mut out = Vec::new();
    let mut current: Vec<&str> = Vec::new();
    for line in body.lines() {
        if line.trim().is_empty() {
            flush(&mut current, &mut out);
        } else {
            if starts_block(line) {
                flush(&mut current, &mut out);
            }
            current.push(line.trim());
            if is_heading(line) {
                flush(&mut current, &mut out);
            }
        }
    }
    flush(&mut current, &mut out);
    out
}

/// A heading line (`## Titre`): a block on its own.
fn is_heading(line: &str) -> bool {
    let t = line.trim_start();
    let hashes = t.chars().take_while(|c| *c == '#').count();
    (1..=6).contains(&hashes) && t[hashes..].starts_with(' ')
}

/// Whether a line starts a block of its own: a list item (`- `, `* `, `+ `, `1. `, `1) `)
/// or a heading (`# `), indented as Markdown lets it be.
fn starts_block(line: &str) -> bool {
    let t = line.trim_start();
    if t.starts_with("- ") || t.starts_with("* ") || t.starts_with("+ ") || is_heading(t) {
        return true;
    }
    let digits = t.chars().take_while(char::is_ascii_digit).count();
    (1..=9).contains(&digits) && (t[digits..].starts_with(". ") || t[digits..].starts_with(") "))
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
    let mut change = BodyChange {
        changed: true,
        paragraphs_added: 0,
        paragraphs_removed: 0,
        paragraphs_changed: 0,
        paragraphs: Vec::new(),
    };
    let mut budget = WORD_BUDGET;
    for op in paragraph_ops(&old_p, &new_p) {
        let (o, n) = (op.old_range(), op.new_range());
        replaced(&mut change, &old_p[o], &new_p[n], &mut budget);
    }
    Some(change)
}

/// The changed runs of paragraphs: matched by the diff up to [`MAX_PARAGRAPHS`], else
/// the common start and end kept and what lies between replaced in order.
fn paragraph_ops(old: &[String], new: &[String]) -> Vec<DiffOp> {
    if old.len() + new.len() <= MAX_PARAGRAPHS {
        let diff = similar::capture_diff_slices(similar::Algorithm::Patience, old, new);
        return diff
            .into_iter()
            .filter(|op| !matches!(op, DiffOp::Equal { .. }))
            .collect();
    }
    let start = old.iter().zip(new).take_while(|(a, b)| a == b).count();
    let end = old[start..]
        .iter()
        .rev()
        .zip(new[start..].iter().rev())
        .take_while(|(a, b)| a == b)
        .count();
    vec![DiffOp::Replace {
        old_index: start,
        old_len: old.len() - start - end,
        new_index: start,
        new_len: new.len() - start - end,
    }]
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

/// Paragraphs replaced in place: a lone paragraph replaced by a lone paragraph is a
/// rewrite (so are runs past [`MAX_PARAGRAPHS`], paired in order); otherwise each old
/// paragraph is paired, in order, with one of the next [`LOOKAHEAD`] new ones that
/// shares at least half its words ([`similar_enough`]), the new paragraphs it skips being
/// added and an old one without a partner removed — so a paragraph inserted before an
/// edited one is an addition, not a rewrite of its neighbour. Each pair is compared word
/// by word while `budget` lasts (else shown whole).
fn replaced(change: &mut BodyChange, old: &[String], new: &[String], budget: &mut usize) {
    if (old.len() == 1 && new.len() == 1) || old.len() + new.len() > MAX_PARAGRAPHS {
        // A rewrite in place, or past the bound: paired in order, the surplus added or
        // removed.
        let paired = old.len().min(new.len());
        for (o, n) in old.iter().zip(new) {
            rewritten(change, o, n, budget);
        }
        removed(change, &old[paired..]);
        added(change, &new[paired..]);
        return;
    }
    let mut next = 0;
    for o in old {
        let window = next..new.len().min(next + LOOKAHEAD);
        match window.into_iter().find(|&k| similar_enough(o, &new[k])) {
            Some(k) => {
                added(change, &new[next..k]);
                rewritten(change, o, &new[k], budget);
                next = k + 1;
            }
            None => removed(change, std::slice::from_ref(o)),
        }
    }
    added(change, &new[next..]);
}

/// How many new paragraphs an old one looks through for its rewrite: a bound on the
/// work (each look compares two paragraphs' words), far more than an edit inserts.
const LOOKAHEAD: usize = 8;

/// One paragraph rewritten in place.
fn rewritten(change: &mut BodyChange, o: &str, n: &str, budget: &mut usize) {
    change.paragraphs_added += 1;
    change.paragraphs_removed += 1;
    change.paragraphs_changed += 1;
    let cost = word_cost(o, n);
    let segments = if cost <= *budget {
        *budget -= cost;
        words(o, n)
    } else {
        whole(o, n)
    };
    change.paragraphs.push(ParagraphChange::Changed(segments));
}

/// Whether two paragraphs share at least half the words of the longer one (counted with
/// their repeats): a rewrite of one another rather than two different paragraphs.
fn similar_enough(a: &str, b: &str) -> bool {
    let mut left: std::collections::HashMap<&str, usize> = std::collections::HashMap::new();
    for w in a.split_whitespace() {
        *left.entry(w).or_default() += 1;
    }
    let mut shared = 0;
    for w in b.split_whitespace() {
        if let Some(n) = left.get_mut(w).filter(|n| **n > 0) {
            *n -= 1;
            shared += 1;
        }
    }
    let longest = a
        .split_whitespace()
        .count()
        .max(b.split_whitespace().count());
    longest > 0 && 2 * shared >= longest
}

/// The worst-case work of [`words`] on two paragraphs: `(n + m)²` for `n` and `m` words
/// and spaces (each paragraph's whitespace is already collapsed to single spaces).
fn word_cost(old: &str, new: &str) -> usize {
    let tokens = |p: &str| 2 * p.split(' ').count();
    (tokens(old) + tokens(new)).saturating_pow(2)
}

/// A paragraph shown whole: all removed, then all added.
fn whole(old: &str, new: &str) -> Vec<Segment> {
    vec![Segment::Removed(old.into()), Segment::Added(new.into())]
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
        // "B b." → "B bis." is a rewrite; "C c." and "D d." share no word: one removed,
        // one added.
        assert_eq!(c.paragraphs_changed, 1);
        assert_eq!(c.paragraphs_added, 3);
        assert_eq!(c.paragraphs_removed, 2);
    }

    #[test]
    fn a_paragraph_inserted_before_an_edited_one_is_not_a_rewrite_of_it() {
        let old = "Intro.\n\nLe vote décide de tout ici.\n";
        let new = "Intro.\n\nUn paragraphe nouveau.\n\nLe consentement décide de tout ici.\n";
        let c = compare(old, new).expect("changed");
        assert_eq!(
            c.paragraphs,
            vec![
                ParagraphChange::Added("Un paragraphe nouveau.".into()),
                ParagraphChange::Changed(words(
                    "Le vote décide de tout ici.",
                    "Le consentement décide de tout ici."
                )),
            ]
        );
    }

    #[test]
    fn each_list_item_and_heading_is_a_block() {
        assert_eq!(
            paragraphs(
                "## Titre\nTexte\nsuite.\n- un\n  deux\n* trois\n1. quatre\n12) cinq\n-6 reste"
            ),
            [
                "## Titre",
                "Texte suite.",
                "- un deux",
                "* trois",
                "1. quatre",
                "12) cinq -6 reste"
            ]
        );
    }

    #[test]
    fn past_the_budget_paragraphs_are_shown_whole_and_the_same_every_time() {
        let text = |p: char, n: usize| (0..n).map(|i| format!("{p}{i}")).collect::<Vec<_>>();
        // One paragraph over the budget on its own.
        let big = 1 + (WORD_BUDGET as f64).sqrt() as usize / 4;
        let (old, new) = (text('a', big).join(" "), text('b', big).join(" "));
        let c = compare(&old, &new).expect("changed");
        assert_eq!(
            c.paragraphs,
            vec![ParagraphChange::Changed(whole(&old, &new))]
        );
        // More paragraphs than are matched: the common start and end are kept.
        let many = |p: char| {
            let mut v = vec!["début".to_string()];
            v.extend(text(p, MAX_PARAGRAPHS));
            v.push("fin".into());
            v.join("\n\n")
        };
        let c = compare(&many('a'), &many('b')).expect("changed");
        assert_eq!(c.paragraphs_changed, MAX_PARAGRAPHS);
        assert_eq!(c, compare(&many('a'), &many('b')).expect("changed"));
    }

    #[test]
    fn word_marks_keep_unchanged_words() {
        let segs = words("le chat dort", "le chien dort");
        assert!(segs.contains(&Segment::Removed("chat".into())));
        assert!(segs.contains(&Segment::Added("chien".into())));
        assert_eq!(segs.first(), Some(&Segment::Same("le ".into())));
    }
}
