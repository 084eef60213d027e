//! The évolution page for readers: each recent commit with its message, author and
//! decisions, then what it changed, document by document — named and linked to its page,
//! the fields that changed from their old to their new value, and each rewritten
//! paragraph before and after, the words that changed marked.

use serde::Serialize;

use super::changes::Row;
use super::{Page, PageData};
use crate::diff::{ChangeKind, DocChange, ParagraphChange, Segment};
use crate::format::Kind;
use crate::i18n::site::Word;
use crate::i18n::typography;
use crate::site::content::escape;
use crate::site::jsonld;
use crate::site::view::Ctx;
use crate::urls;

/// How many words of context an excerpt keeps around a change.
const CONTEXT_WORDS: usize = 12;

/// `evolution.html`.
#[derive(Serialize)]
pub struct EvolutionView<'a> {
    entries: Vec<Entry<'a>>,
    feed: &'static str,
    /// Where a shallow clone's history stops, when it does.
    truncated: Option<&'a crate::history::Truncation>,
}

#[derive(Serialize)]
struct Entry<'a> {
    commit: &'a str,
    short: &'a str,
    date: &'a str,
    author: &'a str,
    /// The summary as inline HTML ([`crate::site::content::render_summary`]).
    message: String,
    decisions: &'a [String],
    /// For a merge, the commits it brought in.
    merged: Vec<Merged<'a>>,
    /// What changed, document by document.
    docs: Vec<Doc>,
    /// For a commit too large to read document by document: its counts, in words.
    counted: &'a [String],
}

/// A commit a merge brought in: its summary as inline HTML.
#[derive(Serialize)]
struct Merged<'a> {
    short: &'a str,
    summary: String,
    author: &'a str,
}

/// One changed document.
#[derive(Serialize)]
struct Doc {
    /// `added`, `removed`, `modified`, `moved`: a class for the mark.
    change: &'static str,
    /// "Ajout", "Modification"…
    change_label: &'static str,
    kind_label: String,
    title: String,
    /// Its page, unless it no longer exists.
    url: String,
    /// The file's path before a rename.
    renamed_from: Option<String>,
    /// Only what changed: see [`super::changes`].
    fields: Vec<Row>,
    paragraphs: Vec<Paragraph>,
}

/// A paragraph added, removed or rewritten: HTML excerpts, escaped here, the changed words
/// in `<del>` and `<ins>`.
#[derive(Serialize)]
struct Paragraph {
    before: Option<String>,
    after: Option<String>,
}

pub fn page<'a>(ctx: &'a Ctx<'a>) -> Page<'a> {
    let mut page = Page::new(
        urls::EVOLUTION,
        "evolution.html",
        "evolution",
        Word::Evolution,
    );
    page.title = ctx.word(Word::Evolution).to_string();
    page.description = ctx.word(Word::EvolutionIntro).to_string();
    let mut summary = |text: &str| {
        let shown = ctx.commit_summary(text, urls::EVOLUTION);
        page.files.extend(shown.files);
        shown.html
    };
    let entries = ctx
        .history
        .evolution
        .iter()
        .map(|e| Entry {
            commit: &e.commit,
            short: super::site::short(&e.commit),
            date: &e.date,
            author: &e.author,
            message: summary(&e.message),
            decisions: &e.decisions,
            merged: e
                .merged
                .iter()
                .map(|m| Merged {
                    short: &m.short,
                    summary: summary(&m.summary),
                    author: &m.author,
                })
                .collect(),
            docs: {
                let renamed = renames(&e.docs);
                // Each kind's documents by title, as the site's lists sort them.
                let mut docs: Vec<(Kind, Doc)> = e
                    .docs
                    .iter()
                    .map(|d| (d.kind, doc(ctx, d, &renamed)))
                    .collect();
                docs.sort_by(|a, b| {
                    a.0.cmp(&b.0)
                        .then_with(|| ctx.collate(&a.1.title, &b.1.title))
                });
                docs.into_iter().map(|(_, d)| d).collect()
            },
            counted: if e.docs.is_empty() { &e.changes } else { &[] },
        })
        .collect();
    page.data = PageData::Evolution(EvolutionView {
        entries,
        feed: urls::FEED,
        truncated: ctx.history.truncated.as_ref(),
    });
    page.jsonld = jsonld::web_page(ctx, &page);
    page
}

/// The documents a commit renamed (their id with their file: the history pairs the
/// removal and the addition git sees as a rename): old id, new id and previous title.
pub(super) fn renames(docs: &[DocChange]) -> Vec<super::changes::Renamed> {
    docs.iter()
        .filter_map(|d| {
            let old_id = match crate::load::classify(d.old_path.as_deref()?) {
                crate::load::Place::Doc { id, .. } if id != d.id => id,
                _ => return None,
            };
            Some(super::changes::Renamed {
                old_id,
                new_id: d.id.clone(),
                old_title: previous_title(d),
            })
        })
        .collect()
}

/// A changed document's title before the change: its title field's old value when it
/// changed, else its title.
fn previous_title(d: &DocChange) -> String {
    d.field("titre")
        .or_else(|| d.field("nom"))
        .and_then(|f| f.old.as_str())
        .map_or_else(|| d.title.clone(), str::to_string)
}

fn doc(ctx: &Ctx, d: &DocChange, renamed: &[super::changes::Renamed]) -> Doc {
    // A document whose file was renamed (its id with it) says what it was called: its
    // previous title, or its previous id when its title did not change.
    let renamed_from = renamed.iter().find(|r| r.new_id == d.id).map(|r| {
        if r.old_title != d.title && !r.old_title.is_empty() {
            typography::quoted(ctx.lang, &r.old_title)
        } else {
            r.old_id.clone()
        }
    });
    let (change, label) = match d.change {
        ChangeKind::Added => ("added", Word::ChangeAdded),
        ChangeKind::Removed => ("removed", Word::ChangeRemoved),
        ChangeKind::Modified => ("modified", Word::ChangeModified),
        ChangeKind::Moved if renamed_from.is_some() => ("moved", Word::ChangeRenamed),
        ChangeKind::Moved => ("moved", Word::ChangeMoved),
    };
    // Its page today: under the id it has now, when it was renamed since.
    let url = if d.change == ChangeKind::Removed {
        String::new()
    } else {
        let id = ctx.history.current_id(d.kind, &d.id);
        if exists(ctx, d.kind, &id) {
            urls::page_of(d.kind, &id)
        } else {
            String::new()
        }
    };
    Doc {
        change,
        change_label: ctx.word(label),
        kind_label: ctx.label("kind", d.kind.name()),
        // The pyramid has no title of its own (the diff names it by its id): it is the
        // page the menu names.
        title: if d.kind == Kind::Pyramide {
            ctx.word(Word::Pyramide).to_string()
        } else if d.title.is_empty() {
            d.id.clone()
        } else {
            d.title.clone()
        },
        url,
        renamed_from,
        fields: super::changes::rows(ctx, d.kind, &d.path, &d.fields, renamed),
        paragraphs: d
            .body
            .iter()
            .flat_map(|b| b.paragraphs.iter())
            .map(|p| paragraph(ctx, &d.path, p))
            .collect(),
    }
}

/// Whether the document still has a page in today's site.
fn exists(ctx: &Ctx, kind: Kind, id: &str) -> bool {
    let path = urls::page_of(kind, id);
    ctx.repo
        .paths
        .iter()
        .any(|p| urls::page_of_path(p).as_deref() == Some(path.as_str()))
}

/// A paragraph of the document at `from` as the page shows it: in plain text, the changed
/// words marked; rendered whole on both sides when only its markup or a link's target
/// changed (its plain text is the same), so that no Markdown marker shows.
fn paragraph(ctx: &Ctx, from: &str, p: &ParagraphChange) -> Paragraph {
    let p = &plain(p);
    if let ParagraphChange::Changed(segments) = p {
        if markup_only(segments) {
            let side = |before: bool| {
                ctx.inline_markdown(&whole_side(segments, before), from, urls::EVOLUTION)
            };
            return Paragraph {
                before: Some(side(true)),
                after: Some(side(false)),
            };
        }
    }
    match p {
        ParagraphChange::Added(text) => Paragraph {
            before: None,
            after: Some(escape(&excerpt_of(text))),
        },
        ParagraphChange::Removed(text) => Paragraph {
            before: Some(escape(&excerpt_of(text))),
            after: None,
        },
        ParagraphChange::Changed(segments) => Paragraph {
            before: Some(marked(segments, true)),
            after: Some(marked(segments, false)),
        },
    }
}

/// A changed paragraph as a reader sees it: its Markdown markers left out (the words are
/// compared again on the plain text, so `**ravi**` reads "ravi").
fn plain(p: &ParagraphChange) -> ParagraphChange {
    let text = crate::markdown::plain_text;
    match p {
        ParagraphChange::Added(t) => ParagraphChange::Added(text(t)),
        ParagraphChange::Removed(t) => ParagraphChange::Removed(text(t)),
        ParagraphChange::Changed(segments) => {
            let side = |before: bool| -> String {
                let kept = segments.iter().filter_map(|s| match s {
                    Segment::Same(t) => Some(t.as_str()),
                    Segment::Removed(t) if before => Some(t.as_str()),
                    Segment::Added(t) if !before => Some(t.as_str()),
                    _ => None,
                });
                text(&kept.collect::<String>())
            };
            let read = crate::diff::word_segments(&side(true), &side(false));
            // Only a link's target or the markup changed: the words as written show it.
            if read.iter().all(|s| matches!(s, Segment::Same(_))) {
                return p.clone();
            }
            ParagraphChange::Changed(read)
        }
    }
}

/// Whether a rewritten paragraph, as [`plain`] left it, reads the same on both sides
/// once its Markdown is left out: only its markup or a link's target changed.
fn markup_only(segments: &[Segment]) -> bool {
    let text = |before: bool| crate::markdown::plain_text(&whole_side(segments, before));
    segments.iter().any(|s| !matches!(s, Segment::Same(_))) && text(true) == text(false)
}

/// One side of a rewritten paragraph, whole, as written.
fn whole_side(segments: &[Segment], before: bool) -> String {
    segments
        .iter()
        .filter_map(|s| match s {
            Segment::Same(t) => Some(t.as_str()),
            Segment::Removed(t) if before => Some(t.as_str()),
            Segment::Added(t) if !before => Some(t.as_str()),
            _ => None,
        })
        .collect()
}

/// The first words of a paragraph.
fn excerpt_of(text: &str) -> String {
    let words: Vec<&str> = text.split_whitespace().collect();
    if words.len() <= CONTEXT_WORDS * 3 {
        words.join(" ")
    } else {
        format!("{} …", words[..CONTEXT_WORDS * 3].join(" "))
    }
}

/// One side of a rewritten paragraph: the unchanged words around the changes (cut to a
/// few words of context) and the words of this side marked.
pub(super) fn marked(segments: &[Segment], before: bool) -> String {
    side(segments, before, &|t| escape(t), &|t| {
        let tag = if before { "del" } else { "ins" };
        format!("<{tag}>{}</{tag}>", escape(t))
    })
}

/// One side of a rewritten paragraph, `same` and `changed` writing its two kinds of words.
fn side(
    segments: &[Segment],
    before: bool,
    same: &dyn Fn(&str) -> String,
    changed: &dyn Fn(&str) -> String,
) -> String {
    let mut out = String::new();
    let last = segments.len().saturating_sub(1);
    for (i, seg) in segments.iter().enumerate() {
        match seg {
            Segment::Same(text) => out.push_str(&same(&context(text, i == 0, i == last))),
            Segment::Removed(text) if before => out.push_str(&changed(text)),
            Segment::Added(text) if !before => out.push_str(&changed(text)),
            _ => {}
        }
    }
    out
}

/// An entry of the Atom feed in the words of the page: each document named, its fields
/// from old to new value, each paragraph before and after (plain text, one line each),
/// then the commit's decisions.
pub fn feed_text(ctx: &Ctx, e: &crate::site::history::EvolutionEntry) -> String {
    let colon = |label: &str, rest: &str| format!("{} {rest}", typography::colon(ctx.lang, label));
    let mut lines: Vec<String> = e
        .merged
        .iter()
        .map(|m| {
            let summary = crate::site::content::summary_text(&m.summary);
            format!("{} {summary} — {}", m.short, m.author)
        })
        .collect();
    let renamed = renames(&e.docs);
    for d in &e.docs {
        let shown = doc(ctx, d, &renamed);
        lines.push(format!(
            "{} — {} {}",
            shown.change_label,
            shown.kind_label,
            typography::quoted(ctx.lang, &shown.title)
        ));
        for f in &shown.fields {
            lines.push(colon(&f.label, &f.text()));
        }
        for p in d.body.iter().flat_map(|b| b.paragraphs.iter()) {
            // A paragraph added or removed says so; a changed one shows both sides.
            match plain(p) {
                ParagraphChange::Added(t) => {
                    lines.push(colon(ctx.word(Word::ChangeAdded), &excerpt_of(&t)));
                }
                ParagraphChange::Removed(t) => {
                    lines.push(colon(ctx.word(Word::ChangeRemoved), &excerpt_of(&t)));
                }
                ParagraphChange::Changed(segs) => {
                    let text = |b| side(&segs, b, &|t| t.to_string(), &|t| t.to_string());
                    lines.push(colon(ctx.word(Word::Before), &text(true)));
                    lines.push(colon(ctx.word(Word::After), &text(false)));
                }
            }
        }
    }
    if e.docs.is_empty() {
        lines.extend(e.changes.iter().cloned());
    }
    for d in &e.decisions {
        lines.push(colon(ctx.word(Word::Decision), d));
    }
    let lines: Vec<String> = lines
        .iter()
        .map(|l| typography::text(ctx.lang, l))
        .collect();
    lines.join("\n")
}

/// Unchanged words between changes, shortened to their edges when long.
fn context(text: &str, first: bool, last: bool) -> String {
    let words: Vec<&str> = text.split(' ').collect();
    if words.len() <= CONTEXT_WORDS * 2 {
        return text.to_string();
    }
    let head = words[..CONTEXT_WORDS].join(" ");
    let tail = words[words.len() - CONTEXT_WORDS..].join(" ");
    match (first, last) {
        (true, true) => format!("{head} …"),
        (true, false) => format!("… {tail}"),
        (false, true) => format!("{head} …"),
        (false, false) => format!("{head} … {tail}"),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn rewritten_paragraphs_show_both_sides_escaped() {
        let segs = vec![
            Segment::Same("Le <b> ".into()),
            Segment::Removed("vote".into()),
            Segment::Added("consentement".into()),
            Segment::Same(" décide.".into()),
        ];
        assert_eq!(marked(&segs, true), "Le &lt;b&gt; <del>vote</del> décide.");
        assert_eq!(
            marked(&segs, false),
            "Le &lt;b&gt; <ins>consentement</ins> décide."
        );
    }

    #[test]
    fn a_changed_milestone_reads_as_words() {
        let jalon = serde_json::json!([{
            "date": "2011",
            "titre": "Fondation",
            "description": "Un **samedi** au [lieu](annexes/lieu.md).",
        }]);
        let shown = crate::diff::words(Kind::Histoire, "jalons", &jalon);
        assert_eq!(shown, "2011 — Fondation — Un samedi au lieu.");
    }

    #[test]
    fn long_context_is_cut_around_the_change() {
        let long = (0..40).map(|i| i.to_string()).collect::<Vec<_>>().join(" ");
        let cut = context(&long, true, false);
        assert!(cut.starts_with("… 28 ") && cut.ends_with(" 39"), "{cut}");
    }
}
