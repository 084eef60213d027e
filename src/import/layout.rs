//! Where each chapter goes: the file of the format its heading names, in the document's
//! order; chapters naming the same place are joined (the later headings kept as `##`
//! headings), unknown chapters become appendices, and the text before the first chapter
//! opens the raison d'être (or, when the document has one, becomes an appendix).

use std::collections::HashSet;

use super::chapters::Target;

/// A heading as written (for a `##` heading in a joined body) and as text (for a title).
struct Heading {
    source: String,
    text: String,
}
use super::outline::{Chapter, Outline};
use super::report::{How, Row};
use crate::i18n::import::Words;
use crate::i18n::Lang;

/// A plan as the manifest declares it, with its introduction.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Plan {
    pub id: String,
    /// Default plans it covers when it merges several.
    pub couvre: Vec<&'static str>,
    /// The first chapter's heading, as text.
    pub heading: String,
    pub body: String,
}

/// A Markdown document to write, before its front matter is known.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Doc {
    /// The heading that named it, as text (`None`: no chapter did).
    pub heading: Option<String>,
    pub body: String,
}

/// Every chapter in its place.
#[derive(Debug, Clone, Default)]
pub struct Layout {
    pub raison: Doc,
    pub histoire: Doc,
    pub informations: Option<Doc>,
    pub modification: Doc,
    /// Text for `pyramide.yaml`'s description.
    pub pyramide: Doc,
    /// The headings of the chapters that went to the pyramid, with their bodies.
    pub people_chapters: Vec<(String, String)>,
    pub plans: Vec<Plan>,
    /// `(id, title, body)`.
    pub annexes: Vec<(String, String, String)>,
    /// The appendices' ids, to keep them unique in constant time.
    annex_ids: HashSet<String>,
    pub rows: Vec<Row>,
    /// Headings that only grouped chapters, dropped.
    pub dropped: Vec<String>,
    /// Chapter headings that carried a link or a footnote call, kept in their text.
    pub opened: Vec<String>,
}

/// Places the outline's chapters.
pub fn place(outline: &Outline, lang: Lang) -> Layout {
    let mut layout = Layout::default();
    let has_raison = outline
        .chapters
        .iter()
        .any(|c| c.target == Some(Target::Raison));
    if !outline.preamble.trim().is_empty() {
        let preamble = Chapter {
            target: Some(Target::Preamble),
            heading: super::outline::Heading {
                level: 1,
                text: String::new(),
                source: String::new(),
                range: 0..0,
                pseudo: false,
            },
            body: outline.preamble.clone(),
        };
        place_preamble(&mut layout, &preamble, None, has_raison, lang);
    }
    for chapter in &outline.chapters {
        place_chapter(&mut layout, chapter, has_raison, lang, &outline.spellings);
    }
    layout
}

/// Places one chapter. A title in capitals is written in sentence case
/// ([`super::outline::sentence_case`]): the site sets its titles itself.
fn place_chapter(
    layout: &mut Layout,
    chapter: &Chapter,
    has_raison: bool,
    lang: Lang,
    spellings: &super::outline::Spellings,
) {
    let heading = Heading {
        source: super::chapters::without_decorations(&without_numbering(&chapter.heading.source)),
        text: super::outline::sentence_case(
            &super::chapters::without_decorations(&without_numbering(&chapter.heading.text)),
            spellings,
        ),
    };
    let text = heading.text.clone();
    if carries_inline(&heading.source) {
        layout.opened.push(text.clone());
    }
    let row = |path: &str, how: How| Row {
        heading: Some(chapter.heading.text.clone()),
        path: path.to_string(),
        how,
        pseudo: chapter.heading.pseudo,
    };
    match &chapter.target {
        Some(Target::Preamble) => {
            place_preamble(layout, chapter, Some(heading.source), has_raison, lang)
        }
        Some(Target::Raison) => {
            join(&mut layout.raison, &heading, &chapter.body);
            layout.rows.push(row("raison-d-etre.md", How::Recognised));
        }
        Some(Target::Histoire) => {
            join(&mut layout.histoire, &heading, &chapter.body);
            layout.rows.push(row("histoire.md", How::Recognised));
        }
        Some(Target::Informations) => {
            join(
                layout.informations.get_or_insert_with(Doc::default),
                &heading,
                &chapter.body,
            );
            layout.rows.push(row("informations.md", How::Recognised));
        }
        Some(Target::Modification) => {
            join(&mut layout.modification, &heading, &chapter.body);
            layout.rows.push(row("modification.md", How::Recognised));
        }
        Some(Target::Pyramide) => {
            join(&mut layout.pyramide, &heading, &chapter.body);
            layout
                .people_chapters
                .push((text.clone(), chapter.body.clone()));
            layout.rows.push(row("pyramide.yaml", How::Recognised));
        }
        Some(Target::Plans(ids)) => {
            let path = place_plan(layout, ids, &heading, &chapter.body);
            let how = if ids.len() > 1 {
                How::Merged(ids.clone())
            } else {
                How::Recognised
            };
            layout.rows.push(row(&path, how));
        }
        Some(Target::Container) | None if chapter.body.trim().is_empty() => {
            layout.dropped.push(text)
        }
        Some(Target::Annexe | Target::Unstructured | Target::Container) | None => {
            let how = match chapter.target {
                Some(Target::Annexe) => How::Recognised,
                Some(Target::Unstructured) => How::Appendix,
                _ => How::Unknown,
            };
            let path = place_annexe(layout, &text, &opened(&heading, &chapter.body), lang);
            layout.rows.push(row(&path, how));
        }
    }
}

/// The text before the chapters, or an "Introduction" chapter: the raison d'être when
/// the document has no such chapter, else an appendix.
fn place_preamble(
    layout: &mut Layout,
    chapter: &Chapter,
    heading: Option<String>,
    has_raison: bool,
    lang: Lang,
) {
    let text = heading.as_ref().map(|_| chapter.heading.text.clone());
    let pseudo = chapter.heading.pseudo;
    if has_raison {
        let plain = text
            .clone()
            .unwrap_or_else(|| Words::Preamble.text_in(lang));
        let path = place_annexe(layout, &plain, &chapter.body, lang);
        layout.rows.push(Row {
            heading: text,
            path,
            how: How::Preamble,
            pseudo,
        });
        return;
    }
    match &heading {
        Some(h) => {
            let body = format!("## {h}\n\n{}", chapter.body);
            append(&mut layout.raison, &body);
        }
        None => append(&mut layout.raison, &chapter.body),
    }
    layout.rows.push(Row {
        heading: text,
        path: "raison-d-etre.md".into(),
        how: How::Preamble,
        pseudo,
    });
}

/// Adds a chapter to a document: the first gives the title, later ones keep their
/// heading as a `##` heading.
fn join(doc: &mut Doc, heading: &Heading, body: &str) {
    if doc.heading.is_none() {
        doc.heading = Some(heading.text.clone());
        append(doc, &opened(heading, body));
    } else {
        append(doc, &format!("## {}\n\n{body}", heading.source));
    }
}

fn append(doc: &mut Doc, body: &str) {
    if body.trim().is_empty() {
        return;
    }
    if !doc.body.is_empty() {
        doc.body.push('\n');
    }
    doc.body.push_str(body);
}

fn place_plan(layout: &mut Layout, ids: &[&'static str], heading: &Heading, body: &str) -> String {
    let id = ids.join("-");
    let path = format!("principes/{id}/index.md");
    if let Some(plan) = layout.plans.iter_mut().find(|p| p.id == id) {
        let mut doc = Doc {
            heading: Some(plan.heading.clone()),
            body: std::mem::take(&mut plan.body),
        };
        join(&mut doc, heading, body);
        plan.body = doc.body;
        return path;
    }
    layout.plans.push(Plan {
        id,
        couvre: if ids.len() > 1 {
            ids.to_vec()
        } else {
            Vec::new()
        },
        heading: heading.text.clone(),
        body: opened(heading, body),
    });
    path
}

/// Whether a heading as written carries what its title cannot: a link or a footnote call.
pub fn carries_inline(source: &str) -> bool {
    !super::defs::marks(source).is_empty()
        || source.contains("](")
        || source.contains("][")
        || source.contains("<a ")
        || source.contains("<http")
}

/// The chapter's text, opened by its heading as written when the title (plain text)
/// would lose the heading's link or footnote call: nothing of the heading is dropped.
fn opened(heading: &Heading, body: &str) -> String {
    if carries_inline(&heading.source) {
        format!("{}\n\n{body}", heading.source.trim())
    } else {
        body.to_string()
    }
}

/// An appendix named after its heading, its id made unique.
fn place_annexe(layout: &mut Layout, text: &str, body: &str, lang: Lang) -> String {
    let mut base = super::ids::file_id(text);
    if base.is_empty() {
        base = Words::AnnexeId.text_in(lang);
    }
    let mut id = base.clone();
    let mut n = 2;
    while layout.annex_ids.contains(&id) {
        id = format!("{base}-{n}");
        n += 1;
    }
    layout.annex_ids.insert(id.clone());
    layout
        .annexes
        .push((id.clone(), text.to_string(), body.to_string()));
    format!("annexes/{id}.md")
}

pub use super::chapters::without_numbering;

#[cfg(test)]
mod tests {
    use super::*;
    use crate::import::outline::split;

    #[test]
    fn chapters_find_their_files_in_document_order() {
        let md = "# Code social de X\n\nBonjour.\n\n## Modèle économique\n\nA.\n\n## Juridique et financier\n\nB.\n\n## Principes\n\n### Plan social\n\nC.\n\n## Nos valeurs\n\nD.\n\n## Économie\n\nE.\n";
        let layout = place(&split(md), Lang::Fr);
        let ids: Vec<&str> = layout.plans.iter().map(|p| p.id.as_str()).collect();
        assert_eq!(ids, ["economique", "juridique-financier", "social-humain"]);
        assert_eq!(layout.plans[1].couvre, ["juridique", "financier"]);
        assert_eq!(layout.plans[0].body, "A.\n\n## Économie\n\nE.\n");
        assert_eq!(layout.raison.body, "Bonjour.\n");
        assert_eq!(layout.annexes[0].0, "nos-valeurs");
        assert_eq!(layout.dropped, ["Principes"]);
    }

    #[test]
    fn with_a_raison_chapter_the_preamble_is_an_appendix() {
        let md = "Bonjour.\n\n## Raison d'être\n\nParce que.\n\n## Introduction\n\nAvant tout.\n";
        let layout = place(&split(md), Lang::Fr);
        assert_eq!(layout.raison.body, "Parce que.\n");
        let annexes: Vec<&str> = layout.annexes.iter().map(|a| a.0.as_str()).collect();
        assert_eq!(annexes, ["preambule", "introduction"]);
    }
}
