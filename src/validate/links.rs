//! Relative links in Markdown (bodies, Markdown fields, other Markdown files) must lead
//! where the built site can follow them, and their `#fragment` to an id of the page.
//!
//! Every text is rendered by [`markdown::render`], the site's own renderer, and its ids and
//! links are read from that HTML: the anchors accepted are the ids the page holds (headings
//! with their collision-free suffixes, footnotes, raw HTML ids the sanitiser keeps), and
//! raw HTML links are checked like Markdown ones.

use std::cell::Cell;
use std::collections::{HashMap, HashSet};
use std::ops::Range;

use rayon::prelude::*;

use super::MAX_SUGGESTIONS;
use crate::diag::Diagnostic;
use crate::i18n::Message;
use crate::load::quoted::Escape;
use crate::load::SourceFile;
use crate::markdown::{self, links::relative_to, Found, PageIds, Rendered, Section, Target, Tree};
use crate::memo::{self, Memo};
use crate::model::{Meta, Repo};

/// A page's Markdown: the file, its path, its texts and where each starts in the file.
struct Page<'r> {
    file: &'r SourceFile,
    texts: Vec<&'r str>,
    /// For each text, its byte span in the file, and whether it is a YAML value (whose
    /// bytes may differ from its text).
    places: Vec<(Range<usize>, bool)>,
    /// The ids its page holds of its own (the site's templates').
    page_ids: markdown::PageIds,
}

/// Pages' Markdown as rendered by a previous check, by the fingerprint of the page's
/// path, its texts, the ids its template holds, and the repository's paths and plans
/// (where its links lead).
pub(super) type Kept = Memo<Rendered>;

pub(super) fn check(repo: &Repo, kept: Option<&Kept>, out: &mut Vec<Diagnostic>) {
    let plans: Vec<String> = repo.plan_decls().into_iter().map(|p| p.id.value).collect();
    let tree = Tree {
        paths: &repo.paths,
        plans: &plans,
    };
    let pages = pages(repo);
    let tree_print = kept.map(|_| memo::fingerprint(&(&repo.paths, &plans)));
    let rendered: Vec<Rendered> = pages
        .par_iter()
        .map(|(path, page)| {
            let render = || {
                markdown::render(
                    &page.texts,
                    markdown::Context {
                        from: path,
                        tree,
                        urls: &markdown::AsWritten,
                        summary: false,
                        page_ids: &page.page_ids,
                    },
                )
            };
            match (kept, tree_print) {
                (Some(kept), Some(tree)) => {
                    let ids = &page.page_ids;
                    let own = (&ids.held, &ids.possible, &ids.families);
                    kept.get_or(memo::fingerprint(&(tree, path, &page.texts, own)), render)
                }
                _ => render(),
            }
        })
        .collect();
    let documents: HashMap<&str, &Meta> = repo
        .metas()
        .into_iter()
        .map(|m| (m.path.as_str(), m))
        .collect();
    let by_path: HashMap<&str, &Rendered> = pages
        .iter()
        .zip(&rendered)
        .map(|((path, _), r)| (*path, r))
        .collect();
    // The paths that links may name under the name the format reads (a misnamed file's
    // own error says to rename it, after which the links resolve), found once.
    let renamed: HashSet<String> = repo
        .paths
        .iter()
        .filter_map(|p| crate::load::misnamed(p))
        .collect();
    let known = Known {
        pages: &by_path,
        documents: &documents,
        repo,
        renamed: &renamed,
        suggestions: Cell::new(MAX_SUGGESTIONS),
    };
    for ((path, page), r) in pages.iter().zip(&rendered) {
        for raw in r.duplicate_ids() {
            let message = Message::DuplicateAnchor { id: raw.id.clone() };
            out.push(Diagnostic::at(
                message,
                page.file,
                place(page, raw.text, raw.span.clone()),
            ));
        }
        for raw in &r.invalid_ids {
            let message = Message::InvalidAnchorId { id: raw.id.clone() };
            out.push(Diagnostic::at(
                message,
                page.file,
                place(page, raw.text, raw.span.clone()),
            ));
        }
        for u in &r.unlinked {
            let message = Message::LinkNotRecognised {
                dest: u.dest.trim().to_string(),
            };
            let span = place(page, u.text, Some(u.span.clone()));
            out.push(Diagnostic::at(message, page.file, span));
        }
        for link in &r.links {
            if let Some(message) = diagnose(path, link, r, &known) {
                let span = place(page, link.text, Some(link.span.clone()));
                out.push(Diagnostic::at(message, page.file, span));
            }
        }
    }
}

/// Every text that becomes HTML, by path, sorted: documents with a body or Markdown
/// fields, and Markdown files outside the format (read for their links).
fn pages(repo: &Repo) -> Vec<(&str, Page<'_>)> {
    let mut pages: Vec<(&str, Page)> = Vec::new();
    for meta in repo.metas() {
        if !meta.kind.is_markdown() && meta.markdown.is_empty() {
            continue;
        }
        let file = repo.file(meta);
        let places = (0..meta.markdown.len() + 1)
            .map(|i| match meta.text_offset(i) {
                (start, false) => (start..file.text.len(), false),
                (_, true) => (meta.markdown[i - 1].span.clone(), true),
            })
            .collect();
        pages.push((
            meta.path.as_str(),
            Page {
                file,
                texts: meta.texts(),
                places,
                page_ids: super::page_ids::of(repo, meta),
            },
        ));
    }
    for &i in &repo.other_markdown {
        let file = &repo.files[i];
        pages.push((
            file.path.as_str(),
            Page {
                file,
                texts: vec![file.text.as_str()],
                places: vec![(0..file.text.len(), false)],
                page_ids: markdown::PageIds::default(),
            },
        ));
    }
    pages.sort_by(|a, b| a.0.cmp(b.0));
    pages
}

/// Where a span of text `text` of a page is written in its file: offset by the text's start
/// in a body; through [`value_offset`] in a YAML value; the whole text without a span.
fn place(page: &Page, text: usize, span: Option<Range<usize>>) -> Range<usize> {
    let (range, yaml) = &page.places[text];
    let Some(span) = span else {
        return range.start..range.start;
    };
    if !yaml {
        return range.start + span.start..range.start + span.end;
    }
    let source = &page.file.text[range.clone()];
    let value = page.texts[text];
    let start = value_offset(source, value, span.start);
    let end = value_offset(source, value, span.end).max(start);
    range.start + start..range.start + end
}

/// The byte offset in `source` (a YAML scalar as written: quoted, folded, indented) of byte
/// `offset` of `value` (the scalar's text): the two are walked together, the source's
/// quotes, escapes, indentation and line folds skipped where the value has none.
fn value_offset(source: &str, value: &str, offset: usize) -> usize {
    // Escapes are read only between double quotes; elsewhere a `\` is itself.
    let quoted = source.starts_with('"');
    let mut j = 0;
    for (i, c) in value.char_indices() {
        if i >= offset {
            break;
        }
        // A line break or space of the value may be a fold, an escape (`\n`) or a break.
        let matches = |s: char| s == c || (c == '\n' && s == ' ') || (c == ' ' && s == '\n');
        while let Some(s) = source[j..].chars().next() {
            if quoted && s == '\\' {
                match Escape::at(&source[j..]) {
                    // `\u00e9` is one character of the value, six of the source.
                    Escape::Char(e, len) => {
                        j += len;
                        if e == c {
                            break;
                        }
                    }
                    Escape::LineBreak | Escape::Invalid(_) => j += 1,
                }
                continue;
            }
            j += s.len_utf8();
            if matches(s) {
                break;
            }
        }
    }
    j.min(source.len())
}

/// What links can lead to: the rendered pages and the documents that were read; and how
/// many suggestions may still be looked for.
struct Known<'a, 'r> {
    pages: &'a HashMap<&'r str, &'a Rendered>,
    documents: &'a HashMap<&'r str, &'r Meta>,
    repo: &'r Repo,
    renamed: &'a HashSet<String>,
    suggestions: Cell<usize>,
}

impl Known<'_, '_> {
    /// `find`'s suggestion, while the run's budget lasts.
    fn suggest(&self, find: impl FnOnce() -> Option<String>) -> Option<String> {
        let left = self.suggestions.get();
        if left == 0 {
            return None;
        }
        self.suggestions.set(left - 1);
        find()
    }
}

/// What is wrong with a link, if anything.
fn diagnose(from: &str, link: &Found, here: &Rendered, known: &Known) -> Option<Message> {
    let repo = known.repo;
    match &link.target {
        Target::External => None,
        Target::Here { fragment } => {
            missing_anchor(from, fragment.as_deref(), &Anchors::of(here), known)
        }
        Target::Page { path, fragment } => {
            let fragment = fragment.as_deref();
            if let Some(target) = known.pages.get(path.as_str()) {
                return missing_anchor(path, fragment, &Anchors::of(target), known);
            }
            // A document that failed to parse has its own error; its ids are unknown.
            let meta = known.documents.get(path.as_str())?;
            let own = super::page_ids::of(repo, meta);
            missing_anchor(path, fragment, &Anchors::own(&own), known)
        }
        Target::Section { section, fragment } => {
            let own = super::page_ids::of_template(repo, template_of(section));
            missing_anchor(&link.dest, fragment.as_deref(), &Anchors::own(&own), known)
        }
        Target::File { path, fragment } => match fragment {
            Some(anchor) if path.ends_with(".md") => Some(Message::AnchorInFile {
                target: path.clone(),
                anchor: anchor.clone(),
            }),
            _ => None,
        },
        Target::Folder { path, example } => Some(Message::LinkToFolder {
            target: path.clone(),
            example: markdown::link_path(&relative_to(from, example)),
        }),
        Target::Missing { path } => missing(from, link, path, known),
        Target::Outside => Some(Message::BrokenLink {
            target: link.dest.clone(),
            suggestion: None,
        }),
    }
}

/// The template of a folder's page (one without a document).
fn template_of(section: &Section) -> &'static str {
    match section {
        Section::Principes => "principes.html",
        Section::Plan(_) => "plan.html",
        Section::Membres => "membres.html",
        Section::Catalogue => "catalogue.html",
        Section::Matrices => "matrices.html",
    }
}

/// A link to a path that is not there.
fn missing(from: &str, link: &Found, path: &str, known: &Known) -> Option<Message> {
    let (written, _) = markdown::split_local(&link.dest);
    if !published(path) {
        return Some(Message::NotPublished { target: written });
    }
    // The file is there under a name the format does not read: its own error says
    // to rename it, after which this link resolves.
    if known.renamed.contains(path) {
        return None;
    }
    // `compte rendu #3.pdf` typed as it is: the `#` started a fragment.
    let plans: Vec<String> = Vec::new();
    let tree = Tree {
        paths: &known.repo.paths,
        plans: &plans,
    };
    let literal = markdown::literal_file(from, &link.dest, tree);
    // Written so that the link, once the hint is followed, leads to the file.
    let suggestion = literal
        .or_else(|| known.suggest(|| meant(path, known.repo)))
        .map(|s| markdown::link_path(&relative_to(from, &s)));
    Some(Message::BrokenLink {
        target: written,
        suggestion,
    })
}

/// Whether the site publishes a path: not in a hidden folder nor one never part of a
/// #CodeSocial (what [`crate::load::source::DirSource`] skips).
fn published(path: &str) -> bool {
    let mut parts = path.split('/').peekable();
    while let Some(part) = parts.next() {
        let folder = parts.peek().is_some();
        if part.starts_with('.') && (folder || !path.contains('/')) {
            return false;
        }
        if folder && crate::load::source::SKIPPED_DIRS.contains(&part) {
            return false;
        }
    }
    true
}

/// The file a link to the missing `path` was meant for: the path with the extension it
/// lacks, a path one typo away, or the only file of that name elsewhere (a `../` too many).
fn meant(path: &str, repo: &Repo) -> Option<String> {
    for ext in [".md", ".yaml"] {
        let with = format!("{}{ext}", path.trim_end_matches('/'));
        if repo.paths.contains(&with) {
            return Some(with);
        }
    }
    if let Some(close) = crate::validate::closest(path, repo.paths.iter().map(String::as_str)) {
        return Some(close);
    }
    let name = path.rsplit('/').next().filter(|n| !n.is_empty())?;
    let mut same = repo
        .paths
        .iter()
        .filter(|p| p.rsplit('/').next() == Some(name));
    match (same.next(), same.next()) {
        (Some(only), None) => Some(only.clone()),
        _ => None,
    }
}

/// How many of a page's ids a missing anchor's help lists.
const SHOWN_IDS: usize = 8;

/// The ids a link may name on a page: its content's, then its template's that it surely
/// holds (see [`PageIds::held`]), and the `name`s its raw HTML gives (which no link
/// reaches).
struct Anchors<'a> {
    content: &'a [String],
    own: &'a [String],
    /// The template's ids this page does not hold (see [`PageIds::possible`]).
    possible: &'a [String],
    names: &'a [String],
}

impl<'a> Anchors<'a> {
    fn of(page: &'a Rendered) -> Anchors<'a> {
        Anchors {
            content: &page.ids,
            own: &page.page_ids,
            possible: &page.possible_ids,
            names: &page.names,
        }
    }

    /// A page with no content of its own, only its template's ids.
    fn own(ids: &'a PageIds) -> Anchors<'a> {
        Anchors {
            content: &[],
            own: &ids.held,
            possible: &ids.possible,
            names: &[],
        }
    }
}

/// A missing anchor, when `anchor` is not an id of the page.
fn missing_anchor(
    target: &str,
    anchor: Option<&str>,
    page: &Anchors,
    known: &Known,
) -> Option<Message> {
    let anchor = anchor?;
    let mut all = page.content.iter().chain(page.own);
    if all.any(|id| id == anchor) {
        return None;
    }
    let named = page.names.iter().any(|n| n == anchor);
    // A section of the template this page does not show: when it would, the hint says.
    let when = page
        .possible
        .iter()
        .any(|id| id == anchor)
        .then(|| super::page_ids::when(anchor))
        .flatten();
    let candidates = page.content.iter().chain(page.own).map(String::as_str);
    // The content's ids first, then the template's (the page holds both), but for the
    // frame every page has.
    let listed: Vec<String> = page
        .content
        .iter()
        .filter(|id| !id.starts_with("fn:"))
        .chain(
            page.own
                .iter()
                .filter(|id| !super::page_ids::EVERY_PAGE.contains(&id.as_str())),
        )
        .cloned()
        .collect();
    let more = listed.len().saturating_sub(SHOWN_IDS);
    Some(Message::BrokenAnchor {
        target: target.to_string(),
        anchor: anchor.to_string(),
        suggestion: (!named && when.is_none())
            .then(|| known.suggest(|| crate::validate::closest(anchor, candidates)))
            .flatten(),
        known: listed.into_iter().take(SHOWN_IDS).collect(),
        more,
        named,
        when,
    })
}

#[cfg(test)]
mod tests {
    use super::value_offset;

    proptest::proptest! {
        /// Whatever escapes come before it in a double-quoted value, a link's target is
        /// found where it is written (issue 16: a `\u00e9` shifted it).
        #[test]
        fn a_link_after_escapes_is_placed_where_written(
            parts in proptest::collection::vec(proptest::sample::select(vec![
                "a", "é", " ", "\\\\", "\\\"", "\\n", "\\t", "\\/", "\\ ", "\\b", "\\r",
                "\\u00e9", "\\u00E9", "\\x41", "\\U0001F600", "\\uD83D\\uDE00", "\\\n  ",
                "\n  ",
            ]), 0..12)
        ) {
            let source = format!("\"{} [l](x.md)\"", parts.concat());
            let doc = crate::load::yaml::parse(&format!("d: {source}\n"), 0).expect("valid");
            let root = doc.root.expect("root");
            let value = root.get("d").and_then(|n| n.as_str()).expect("text").to_string();
            let at = value.rfind("x.md").expect("x.md");
            let found = value_offset(&source, &value, at);
            proptest::prop_assert_eq!(&source[found..found + 4], "x.md", "{}", source);
        }
    }

    #[test]
    fn offsets_in_a_value_lead_to_the_source() {
        // A block scalar: indentation skipped.
        let source = "|\n  ab\n  <a id=\"x\">";
        let value = "ab\n<a id=\"x\">";
        let at = value.find('x').expect("x");
        assert_eq!(&source[value_offset(source, value, at)..][..1], "x");
        // A double-quoted scalar with an escape and a fold.
        let source = "\"a\\nb\n  c [l](x.md)\"";
        let value = "a\nb c [l](x.md)";
        let at = value.find("x.md").expect("x.md");
        assert_eq!(&source[value_offset(source, value, at)..][..4], "x.md");
        // A `\uXXXX` escape is one character of the value (issue 16).
        let source = "\"\\u00e9t\\u00e9 [l](y.md)\"";
        let value = "été [l](y.md)";
        let at = value.find("y.md").expect("y.md");
        assert_eq!(&source[value_offset(source, value, at)..][..4], "y.md");
        // In a block scalar a backslash is itself.
        let source = "|\n  a\\nb [l](z.md)";
        let value = "a\\nb [l](z.md)";
        let at = value.find("z.md").expect("z.md");
        assert_eq!(&source[value_offset(source, value, at)..][..4], "z.md");
    }
}
