//! The évolution page for readers: each recent commit with its message, author and
//! decisions, then what it changed, document by document — named and linked to its page,
//! the fields that changed from their old to their new value, and each rewritten
//! paragraph before and after, the words that changed marked.

use serde::Serialize;
use serde_json::Value;

use super::{Page, PageData};
use crate::diff::{ChangeKind, DocChange, ParagraphChange, Segment};
use crate::format::Kind;
use crate::i18n::site::Word;
use crate::site::content::escape;
use crate::site::jsonld;
use crate::site::urls;
use crate::site::view::Ctx;

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
    message: &'a str,
    decisions: &'a [String],
    /// For a merge, one line per commit it brought in.
    merged: &'a [String],
    /// What changed, document by document.
    docs: Vec<Doc>,
    /// For a commit too large to read document by document: its counts, in words.
    counted: &'a [String],
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
    fields: Vec<Field>,
    paragraphs: Vec<Paragraph>,
}

#[derive(Serialize)]
struct Field {
    label: String,
    old: String,
    new: String,
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
    let entries = ctx
        .history
        .evolution
        .iter()
        .map(|e| Entry {
            commit: &e.commit,
            short: super::site::short(&e.commit),
            date: &e.date,
            author: &e.author,
            message: &e.message,
            decisions: &e.decisions,
            merged: &e.merged,
            docs: e.docs.iter().map(|d| doc(ctx, d)).collect(),
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

fn doc(ctx: &Ctx, d: &DocChange) -> Doc {
    let (change, label) = match d.change {
        ChangeKind::Added => ("added", Word::ChangeAdded),
        ChangeKind::Removed => ("removed", Word::ChangeRemoved),
        ChangeKind::Modified => ("modified", Word::ChangeModified),
        ChangeKind::Moved => ("moved", Word::ChangeMoved),
    };
    let url = if d.change == ChangeKind::Removed || !exists(ctx, d) {
        String::new()
    } else {
        urls::page_of(d.kind, &d.id)
    };
    Doc {
        change,
        change_label: ctx.word(label),
        kind_label: ctx.label("kind", d.kind.name()),
        title: if d.title.is_empty() {
            d.id.clone()
        } else {
            d.title.clone()
        },
        url,
        fields: d
            .fields
            .iter()
            .map(|f| Field {
                label: field_label(ctx, &f.field),
                old: value(ctx, d.kind, &f.field, &f.old),
                new: value(ctx, d.kind, &f.field, &f.new),
            })
            .collect(),
        paragraphs: d
            .body
            .iter()
            .flat_map(|b| b.paragraphs.iter())
            .map(paragraph)
            .collect(),
    }
}

/// A field's name as a reader says it ("Adopté le"), else as written in the file.
fn field_label(ctx: &Ctx, field: &str) -> String {
    let own = ctx.label("field", field);
    if own != field {
        own
    } else {
        ctx.label("", field)
    }
}

/// Whether the document still has a page in today's site.
fn exists(ctx: &Ctx, d: &DocChange) -> bool {
    let path = urls::page_of(d.kind, &d.id);
    ctx.repo
        .paths
        .iter()
        .any(|p| urls::page_of_path(p).as_deref() == Some(path.as_str()))
}

/// A field's value as a reader reads it: enumerated values by their label, lists joined,
/// a structure (a milestone) and Markdown in [`crate::diff::words`].
fn value(ctx: &Ctx, kind: Kind, field: &str, v: &Value) -> String {
    match v {
        Value::Null => "—".into(),
        Value::String(s) if ctx.label(field, s) != *s => ctx.label(field, s),
        Value::Array(items) if items.iter().all(Value::is_string) => items
            .iter()
            .map(|i| value(ctx, kind, field, i))
            .collect::<Vec<_>>()
            .join(", "),
        other => crate::diff::words(kind, field, other),
    }
}

fn paragraph(p: &ParagraphChange) -> Paragraph {
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
fn marked(segments: &[Segment], before: bool) -> String {
    let mut out = String::new();
    let last = segments.len().saturating_sub(1);
    for (i, seg) in segments.iter().enumerate() {
        match seg {
            Segment::Same(text) => out.push_str(&escape(&context(text, i == 0, i == last))),
            Segment::Removed(text) if before => {
                out.push_str(&format!("<del>{}</del>", escape(text)))
            }
            Segment::Added(text) if !before => {
                out.push_str(&format!("<ins>{}</ins>", escape(text)))
            }
            _ => {}
        }
    }
    out
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
