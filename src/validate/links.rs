//! Relative links in Markdown (bodies, Markdown fields, other Markdown files) must lead
//! where the built site can follow them, and their `#fragment` to an id of the page.
//!
//! Every text is rendered by [`markdown::render`], the site's own renderer, and its ids and
//! links are read from that HTML: the anchors accepted are the ids the page holds (headings
//! with their collision-free suffixes, footnotes, raw HTML ids the sanitiser keeps), and
//! raw HTML links are checked like Markdown ones.

use std::cell::{Cell, RefCell};
use std::collections::{HashMap, HashSet};
use std::ops::Range;
use std::rc::Rc;
use std::sync::Arc;

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
    /// The file's index in `Repo::files`.
    index: usize,
    texts: Vec<&'r str>,
    /// For each text, its byte span in the file, and whether it is a YAML value (whose
    /// bytes may differ from its text).
    places: Vec<(Range<usize>, bool)>,
    /// The ids its page holds of its own (the site's templates').
    page_ids: markdown::PageIds,
}

/// What a previous check computed of each page, for the next check in the same process
/// (see [`crate::memo`]).
#[derive(Debug, Default)]
pub(super) struct Kept {
    /// A page's Markdown as `check` renders it, by the fingerprint of the page's path, its
    /// texts, the ids its template holds, and the repository's paths and plans (where its
    /// links lead). A page's texts are its file's body and Markdown fields, which its path
    /// (the kind) and its text determine: the fingerprint of the file's path and text
    /// stands for them.
    rendered: Memo<Arc<Rendered>>,
    /// A page's diagnostics, and how many "did you mean" searches they spent, by the
    /// fingerprint of everything they are computed from (see [`Inputs`]).
    diagnosed: Memo<Arc<(Vec<Diagnostic>, usize)>>,
}

impl Kept {
    /// What the next check may use: what this one used.
    pub(super) fn next(self) -> Kept {
        Kept {
            rendered: self.rendered.next(),
            diagnosed: self.diagnosed.next(),
        }
    }
}

/// The links and anchors of every page. `kept`: the previous check's pages, and the
/// fingerprint of each file's path and text by index into `repo.files`.
pub(super) fn check(repo: &Repo, kept: Option<(&Kept, &[u64])>, out: &mut Vec<Diagnostic>) {
    let plans: Vec<String> = repo.plan_decls().into_iter().map(|p| p.id.value).collect();
    let tree = Tree {
        paths: &repo.paths,
        plans: &plans,
    };
    let pages = pages(repo);
    let tree_print = kept.map(|_| memo::fingerprint(&(&repo.paths, &plans)));
    let rendered: Vec<(u64, Arc<Rendered>)> = pages
        .par_iter()
        .map(|(path, page)| {
            let render = || {
                Arc::new(markdown::render(
                    &page.texts,
                    markdown::Context {
                        from: path,
                        tree,
                        urls: &markdown::AsWritten,
                        summary: false,
                        page_ids: &page.page_ids,
                    },
                ))
            };
            match (kept, tree_print) {
                (Some((kept, keys)), Some(tree)) => {
                    let ids = &page.page_ids;
                    let own = (&ids.held, &ids.possible, &ids.families);
                    let texts = keys[page.index];
                    let key = memo::fingerprint(&(tree, path, texts, own));
                    (key, kept.rendered.get_or(key, render))
                }
                _ => (0, render()),
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
        .map(|((path, _), (_, r))| (*path, &**r))
        .collect();
    // The paths that links may name under the name the format reads (a misnamed file's
    // own error says to rename it, after which the links resolve), found once.
    // So are the files of a misspelled plan folder, under the declared plan it resembles
    // (`principes/social-humain/x.md` for `principes/social-humaine/x.md`).
    let misspelled = super::undeclared_plan_folders(repo);
    let renamed: HashSet<String> = repo
        .paths
        .iter()
        .filter_map(|p| crate::load::misnamed(p))
        .chain(repo.paths.iter().filter_map(|p| {
            let (plan, rest) = p.strip_prefix("principes/")?.split_once('/')?;
            let meant = misspelled.get(plan)?.meant.as_ref()?;
            let name = crate::load::misnamed(p).unwrap_or_else(|| p.clone());
            let rest = name
                .strip_prefix(&format!("principes/{plan}/"))
                .unwrap_or(rest);
            Some(format!("principes/{meant}/{rest}"))
        }))
        .collect();
    let known = Known {
        pages: &by_path,
        documents: &documents,
        repo,
        renamed: &renamed,
        suggestions: Cell::new(MAX_SUGGESTIONS),
        anchors: RefCell::new(HashMap::new()),
    };
    let Some((kept, _)) = kept else {
        for ((path, page), (_, r)) in pages.iter().zip(&rendered) {
            diagnose_page(path, page, r, &known, out);
        }
        return;
    };
    let inputs = Inputs {
        rendered: pages
            .iter()
            .zip(&rendered)
            .map(|((path, _), (key, _))| (*path, *key))
            .collect(),
        known: &known,
        prints: RefCell::new(HashMap::new()),
    };
    // In path order, as a fresh check: the suggestions' budget a page starts with is
    // what the pages before it left.
    for ((path, page), (key, r)) in pages.iter().zip(&rendered) {
        let left = known.suggestions.get();
        let key = memo::fingerprint(&(key, left, crate::i18n::lang(), inputs.of(r)));
        let result = match kept.diagnosed.get(key) {
            Some(result) => {
                known.suggestions.set(left - result.1);
                result
            }
            None => {
                let mut own = Vec::new();
                diagnose_page(path, page, r, &known, &mut own);
                Arc::new((own, left - known.suggestions.get()))
            }
        };
        out.extend(result.0.iter().cloned());
        kept.diagnosed.keep(key, result);
    }
}

/// What a page's diagnostics depend on besides its own [`Rendered`] (its memory key says
/// everything that one is computed from, the repository's paths included) and the
/// suggestions' budget it starts with: the ids of each page its links name with an
/// anchor. A link without an anchor is diagnosed from its target alone, which the
/// rendering resolved against the repository's paths. (And the language of messages,
/// which the diagnostics are worded in.)
struct Inputs<'a, 'r> {
    /// The memory key of each rendered page, by path: it determines the page's ids.
    rendered: HashMap<&'r str, u64>,
    known: &'a Known<'a, 'r>,
    /// The fingerprint of the ids of each target named so far, by a key saying which.
    prints: RefCell<HashMap<String, u64>>,
}

impl Inputs<'_, '_> {
    /// The fingerprint of the ids of every target `page`'s links name with an anchor, as
    /// [`diagnose`] finds them.
    fn of(&self, page: &Rendered) -> u64 {
        let mut h = std::hash::DefaultHasher::new();
        for link in &page.links {
            let print = match &link.target {
                Target::Page {
                    path,
                    fragment: Some(_),
                } => self.print(format!("page:{path}"), || {
                    match self.rendered.get(path.as_str()) {
                        Some(key) => memo::fingerprint(&(0u8, key)),
                        None => match self.known.documents.get(path.as_str()) {
                            Some(meta) => {
                                let ids = super::page_ids::of(self.known.repo, meta);
                                memo::fingerprint(&(1u8, &ids.held, &ids.possible))
                            }
                            None => memo::fingerprint(&2u8),
                        },
                    }
                }),
                Target::Section {
                    section,
                    fragment: Some(_),
                } => {
                    let template = template_of(section);
                    self.print(format!("template:{template}"), || {
                        let ids = super::page_ids::of_template(self.known.repo, template);
                        memo::fingerprint(&(3u8, &ids.held, &ids.possible))
                    })
                }
                // Its own page's ids: in its key.
                _ => continue,
            };
            std::hash::Hash::hash(&print, &mut h);
        }
        std::hash::Hasher::finish(&h)
    }

    fn print(&self, key: String, compute: impl FnOnce() -> u64) -> u64 {
        if let Some(print) = self.prints.borrow().get(&key) {
            return *print;
        }
        let print = compute();
        self.prints.borrow_mut().insert(key, print);
        print
    }
}

/// The diagnostics of one page's ids and links.
fn diagnose_page(path: &str, page: &Page, r: &Rendered, known: &Known, out: &mut Vec<Diagnostic>) {
    // Raw ids: repeated, taking a heading's anchor, or that no page can hold.
    let raw_ids = r
        .duplicate_ids()
        .into_iter()
        .map(|raw| (raw, Message::DuplicateAnchor { id: raw.id.clone() }))
        .chain(r.heading_anchors_taken.iter().map(|raw| {
            let message = Message::HeadingAnchorTaken { id: raw.id.clone() };
            (raw, message)
        }))
        .chain(r.invalid_ids.iter().map(|raw| {
            let message = Message::InvalidAnchorId { id: raw.id.clone() };
            (raw, message)
        }))
        .chain(r.reserved_headings.iter().map(|(anchor, raw)| {
            let message = Message::HeadingAnchorReserved {
                anchor: anchor.clone(),
                given: raw.id.clone(),
            };
            (raw, message)
        }));
    for (raw, message) in raw_ids {
        let span = place(page, raw.text, raw.span.clone());
        out.push(Diagnostic::at(message, page.file, span));
    }
    for u in &r.removed {
        let dest = u.dest.trim().to_string();
        let message = if markdown::links::removed_file(&dest) {
            Message::LinkRemoved { dest }
        } else {
            Message::LinkToScript { dest }
        };
        let span = place(page, u.text, Some(u.span.clone()));
        out.push(Diagnostic::at(message, page.file, span));
    }
    for &(text, at) in &r.too_complex {
        let message = Message::MarkdownTooComplex {
            limit: markdown::MAX_ELEMENTS,
        };
        let span = place(page, text, Some(at..at));
        out.push(Diagnostic::at(message, page.file, span));
    }
    for u in &r.unlinked {
        let dest = u.dest.trim().to_string();
        // `<mon fichier.md>` leads to a file only when there is one: else the hint that
        // fixes the syntax would lead to a missing file.
        let (file, _) = markdown::split_local(&dest);
        let missing = markdown::links::is_local(&dest)
            && !file.is_empty()
            && markdown::links::resolve(path, &file).is_none_or(|p| {
                let folder = format!("{}/", p.trim_end_matches('/'));
                !known.repo.paths.contains(&p)
                    && !known.repo.paths.iter().any(|q| q.starts_with(&folder))
            });
        let message = Message::LinkNotRecognised { dest, missing };
        let span = place(page, u.text, Some(u.span.clone()));
        out.push(Diagnostic::at(message, page.file, span));
    }
    for l in &r.spaced_labels {
        let fixed = l.fixed.clone();
        let message = match l.gap {
            Some(gap) => Message::LinkSpaceBeforeTarget { fixed, gap },
            None => Message::LinkFullWidthParentheses { fixed },
        };
        let span = place(page, l.text, Some(l.span.clone()));
        out.push(Diagnostic::at(message, page.file, span));
    }
    for b in &r.broken_links {
        let message = match &b.broken {
            markdown::Broken::Unclosed { fixed } => Message::LinkUnclosed {
                fixed: fixed.clone(),
            },
            markdown::Broken::UndefinedReference { label } => Message::LinkUndefinedReference {
                label: label.clone(),
            },
            markdown::Broken::UndefinedFootnote { label } => Message::FootnoteUndefined {
                label: label.clone(),
            },
            markdown::Broken::FootnoteTwice { label, first } => {
                let first = place(page, b.text, Some(first.clone()));
                Message::FootnoteDefinedTwice {
                    label: label.clone(),
                    first_line: page.file.lines.line_of(first.start),
                }
            }
        };
        let span = place(page, b.text, Some(b.span.clone()));
        out.push(Diagnostic::at(message, page.file, span));
    }
    // Where each text's YAML value was last walked to (see [`Walk`]).
    let mut walks = vec![Walk::default(); page.texts.len()];
    for link in &r.links {
        if let Some(message) = diagnose(path, link, r, known) {
            let walk = &mut walks[link.text];
            let span = place_walked(page, link.text, link.span.clone(), walk);
            let inner = destination(&page.file.text, span.clone());
            let message = backslashes(message, page.file.text.get(inner.clone()));
            let span = match message {
                Message::LinkBackslashes { .. } | Message::LinkWithoutScheme { .. } => inner,
                _ => span,
            };
            out.push(Diagnostic::at(message, page.file, span));
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
                index: meta.file,
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
                index: i,
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

/// [`place`] for a link's span, resuming the walk of a YAML value where the previous link
/// of the same text left it: the links of a text come in order, so a value holding
/// thousands of them is walked once, not once per link.
fn place_walked(page: &Page, text: usize, span: Range<usize>, walk: &mut Walk) -> Range<usize> {
    let (range, yaml) = &page.places[text];
    if !yaml {
        return range.start + span.start..range.start + span.end;
    }
    let source = &page.file.text[range.clone()];
    let value = page.texts[text];
    let start = walk.to(source, value, span.start);
    let end = walk.to(source, value, span.end).max(start);
    range.start + start..range.start + end
}

/// A walk of a YAML value and its source together (see [`value_offset`]): the value's
/// bytes before `value` are matched, and the source is read up to `source`.
#[derive(Debug, Clone, Copy, Default)]
struct Walk {
    value: usize,
    source: usize,
}

impl Walk {
    /// The offset in `source` of byte `offset` of `value`, from where the walk stands (from
    /// the start again when `offset` is behind it).
    fn to(&mut self, source: &str, value: &str, offset: usize) -> usize {
        if offset < self.value {
            *self = Walk::default();
        }
        let (v, s) = walk(source, value, self.value, self.source, offset);
        *self = Walk {
            value: v,
            source: s,
        };
        s
    }
}

/// The byte offset in `source` (a YAML scalar as written: quoted, folded, indented) of byte
/// `offset` of `value` (the scalar's text): the two are walked together, the source's
/// quotes, escapes, indentation and line folds skipped where the value has none.
pub(super) fn value_offset(source: &str, value: &str, offset: usize) -> usize {
    walk(source, value, 0, 0, offset).1
}

/// [`value_offset`] from a point of the walk (`from_value` of the value matched, the
/// source read up to `from_source`): where the value's next byte to match stands, and the
/// source's offset there.
fn walk(
    source: &str,
    value: &str,
    from_value: usize,
    from_source: usize,
    offset: usize,
) -> (usize, usize) {
    let (from_value, from_source) =
        if value.is_char_boundary(from_value) && source.is_char_boundary(from_source) {
            (from_value, from_source)
        } else {
            (0, 0)
        };
    // Escapes are read only between double quotes; elsewhere a `\` is itself.
    let quoted = source.starts_with('"');
    let mut j = from_source;
    let mut at = value.len();
    for (i, c) in value[from_value..]
        .char_indices()
        .map(|(i, c)| (i + from_value, c))
    {
        if i >= offset {
            at = i;
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
    (at, j.min(source.len()))
}

/// What links can lead to: the rendered pages and the documents that were read; and how
/// many suggestions may still be looked for.
struct Known<'a, 'r> {
    pages: &'a HashMap<&'r str, &'a Rendered>,
    documents: &'a HashMap<&'r str, &'r Meta>,
    repo: &'r Repo,
    renamed: &'a HashSet<String>,
    suggestions: Cell<usize>,
    /// The ids of each page links name, looked up once per page (by a key saying which
    /// page), not once per link: a page with thousands of ids, named by thousands of
    /// broken links, costs their sum, not their product.
    anchors: RefCell<HashMap<String, Rc<AnchorSet>>>,
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

    /// The ids of the page `key` names, from `anchors` on its first use.
    fn anchors(&self, key: String, anchors: impl FnOnce() -> AnchorSet) -> Rc<AnchorSet> {
        let mut known = self.anchors.borrow_mut();
        known
            .entry(key)
            .or_insert_with(|| Rc::new(anchors()))
            .clone()
    }
}

/// What is wrong with a link, if anything.
fn diagnose(from: &str, link: &Found, here: &Rendered, known: &Known) -> Option<Message> {
    let repo = known.repo;
    match &link.target {
        Target::External => None,
        Target::Here { fragment } => {
            let anchor = fragment.as_deref()?;
            let ids = known.anchors(format!("page:{from}"), || Anchors::of(here).set());
            missing_anchor(from, anchor, &ids, known)
        }
        Target::Page { path, fragment } => {
            let anchor = fragment.as_deref()?;
            if let Some(target) = known.pages.get(path.as_str()) {
                let ids = known.anchors(format!("page:{path}"), || Anchors::of(target).set());
                return missing_anchor(path, anchor, &ids, known);
            }
            // A document that failed to parse has its own error; its ids are unknown.
            let meta = known.documents.get(path.as_str())?;
            let ids = known.anchors(format!("document:{path}"), || {
                Anchors::own(&super::page_ids::of(repo, meta)).set()
            });
            missing_anchor(path, anchor, &ids, known)
        }
        Target::Section { section, fragment } => {
            let anchor = fragment.as_deref()?;
            let template = template_of(section);
            let ids = known.anchors(format!("template:{template}"), || {
                Anchors::own(&super::page_ids::of_template(repo, template)).set()
            });
            missing_anchor(&link.dest, anchor, &ids, known)
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
        Target::Outside => Some(Message::LinkOutside {
            target: link.dest.clone(),
        }),
    }
}

/// The span of a link's destination when `span` covers the whole inline link
/// (`[x](dest)`, what the renderer gives when the destination it read differs from the
/// one written, as `\\.` reads `.`), else `span`.
fn destination(text: &str, span: Range<usize>) -> Range<usize> {
    let Some(written) = text.get(span.clone()) else {
        return span;
    };
    if !(written.starts_with(['[', '!']) && written.ends_with(')')) {
        return span;
    }
    match written.rfind("](") {
        Some(i) => span.start + i + 2..span.end - 1,
        None => span,
    }
}

/// `[x](..\\..\\principes\\a.md)`: a broken link written with backslashes, as Windows
/// writes paths. Markdown reads `\\.` as an escaped `.`, so the target the parser gives is
/// not what was typed: the message names the target as written (`written`, the link's
/// text in the file) and the same with `/` (issue 16).
///
/// `[site](www.example.org)`: a web address without `https://` is read as a file next to
/// the page; the message says so and gives the address with it.
fn backslashes(message: Message, written: Option<&str>) -> Message {
    match (&message, written) {
        (Message::BrokenLink { .. }, Some(written)) if written.contains('\\') => {
            Message::LinkBackslashes {
                written: written.to_string(),
                fixed: written.replace('\\', "/"),
            }
        }
        (Message::BrokenLink { .. }, Some(written)) if web_address(written) => {
            Message::LinkWithoutScheme {
                written: written.to_string(),
                fixed: format!("https://{written}"),
            }
        }
        _ => message,
    }
}

/// Whether a link target is a web address written without its scheme: `www.` and a
/// domain (`www.example.org`, `www.example.org/page`).
fn web_address(written: &str) -> bool {
    let lower = written.to_ascii_lowercase();
    lower.strip_prefix("www.").is_some_and(|rest| {
        let host = rest.split(['/', '?', '#']).next().unwrap_or_default();
        host.contains('.')
            && !host.starts_with('.')
            && host
                .chars()
                .all(|c| c.is_alphanumeric() || matches!(c, '.' | '-'))
    })
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
    if known.repo.symlinks.contains(path) {
        return Some(Message::LinkToSymlink { target: written });
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
    // `PLAN.PNG` for `Plan.png`: the same path but for case, however far apart by edits
    // (issue 16), when only one file is.
    let lower = path.to_lowercase();
    let mut same_case = repo.paths.iter().filter(|p| p.to_lowercase() == lower);
    if let (Some(only), None) = (same_case.next(), same_case.next()) {
        return Some(only.clone());
    }
    // A typo is close in its file name and in its folders, each by its own length:
    // `nope.md` is no typo of `index.md`, though the two paths differ by a few letters.
    if let Some(close) = crate::validate::closest(path, repo.paths.iter().map(String::as_str))
        .filter(|close| likely_typo(path, close))
    {
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

/// Whether `close` (a path near `path`) is a likely typo of it: its file name and its
/// folder each within a third of their length (at least one edit) of those written.
fn likely_typo(path: &str, close: &str) -> bool {
    fn split(p: &str) -> (&str, &str) {
        p.rsplit_once('/').unwrap_or(("", p))
    }
    let ((dir, name), (close_dir, close_name)) = (split(path), split(close));
    let near = |a: &str, b: &str| {
        let limit = (a.chars().count() / 3).max(1);
        a == b || strsim::damerau_levenshtein(a, b) <= limit
    };
    // The name's extension is no part of the typo looked for: `nope.md`, `index.md`.
    let stem = |n: &str| n.rsplit_once('.').map_or(n, |(s, _)| s).to_string();
    near(&stem(name), &stem(close_name)) && near(dir, close_dir)
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

impl Anchors<'_> {
    /// What a link's anchor is looked up in, built once per page.
    fn set(&self) -> AnchorSet {
        // The content's ids first, then the template's (the page holds both), but for the
        // frame every page has.
        let mut listed: Vec<String> = self
            .content
            .iter()
            .filter(|id| !id.starts_with("fn:"))
            .chain(
                self.own
                    .iter()
                    .filter(|id| !super::page_ids::EVERY_PAGE.contains(&id.as_str())),
            )
            .cloned()
            .collect();
        let more = listed.len().saturating_sub(SHOWN_IDS);
        listed.truncate(SHOWN_IDS);
        AnchorSet {
            ids: self.content.iter().chain(self.own).cloned().collect(),
            names: self.names.iter().cloned().collect(),
            possible: self.possible.to_vec(),
            shown: listed,
            more,
        }
    }
}

/// A page's [`Anchors`] as sets: each link's anchor is looked up in constant time.
struct AnchorSet {
    /// The ids a link may name: the content's and the template's it surely holds.
    ids: HashSet<String>,
    names: HashSet<String>,
    possible: Vec<String>,
    /// The ids a missing anchor's help lists.
    shown: Vec<String>,
    /// How many more ids the help does not list ("and N more").
    more: usize,
}

/// A missing anchor, when `anchor` is not an id of the page.
fn missing_anchor(target: &str, anchor: &str, page: &AnchorSet, known: &Known) -> Option<Message> {
    if page.ids.contains(anchor) {
        return None;
    }
    let named = page.names.contains(anchor);
    // A section of the template this page does not show: when it would, the hint says.
    let when = page
        .possible
        .iter()
        .any(|id| id == anchor)
        .then(|| super::page_ids::when(anchor))
        .flatten();
    let candidates = page.ids.iter().map(String::as_str);
    Some(Message::BrokenAnchor {
        target: target.to_string(),
        anchor: anchor.to_string(),
        suggestion: (!named && when.is_none())
            .then(|| known.suggest(|| crate::validate::closest(anchor, candidates)))
            .flatten(),
        known: page.shown.clone(),
        more: page.more,
        named,
        when,
    })
}

#[cfg(test)]
mod tests {
    use super::{backslashes, likely_typo, value_offset, web_address, Walk};

    /// A "did you mean" is a typo of what was written: close in the file name and in the
    /// folders each, not a path a few letters away as a whole (issue 16, round 13).
    #[test]
    fn a_suggested_path_is_a_likely_typo() {
        for (written, close) in [
            (
                "principes/social-humain/transparance.md",
                "principes/social-humain/transparence.md",
            ),
            (
                "principes/social-humaine/transparence.md",
                "principes/social-humain/transparence.md",
            ),
            ("annexes/glosaire.md", "annexes/glossaire.md"),
            ("annexes/b.md", "annexes/a.md"),
        ] {
            assert!(likely_typo(written, close), "{written} → {close}");
        }
        for (written, close) in [
            (
                "principes/social-humain/nope.md",
                "principes/social-humain/index.md",
            ),
            ("catalogue/nope.md", "catalogue/menu.md"),
            ("principe/absent.md", "principes/social-humain/index.md"),
            ("annexes/xyz.md", "histoire.md"),
        ] {
            assert!(!likely_typo(written, close), "{written} → {close}");
        }
    }
    use crate::i18n::Message;

    /// A broken link written with backslashes, however many and wherever, is named as
    /// written with its `/` form; a web address without its scheme gets it; any other
    /// broken link keeps its message.
    #[test]
    fn a_broken_link_is_named_as_written() {
        let broken = || Message::BrokenLink {
            target: "mangled".into(),
            suggestion: None,
        };
        for written in [
            "..\\a.md",
            "..\\..\\principes\\a.md",
            "principes\\social-humain\\a.md#b",
            "..\\../a b.md",
        ] {
            let fixed = written.replace('\\', "/");
            assert_eq!(
                backslashes(broken(), Some(written)),
                Message::LinkBackslashes {
                    written: written.to_string(),
                    fixed
                }
            );
        }
        for written in [
            "www.example.org",
            "WWW.Exemple.fr/page#a",
            "www.a-b.org?x=1",
        ] {
            assert!(web_address(written), "{written}");
            assert_eq!(
                backslashes(broken(), Some(written)),
                Message::LinkWithoutScheme {
                    written: written.to_string(),
                    fixed: format!("https://{written}")
                }
            );
        }
        for written in ["www.md", "wwwa.md", "annexes/www.example.org", "www..org"] {
            assert!(!web_address(written), "{written}");
            assert_eq!(backslashes(broken(), Some(written)), broken());
        }
        let other = Message::LinkNotRecognised {
            dest: "a\\b".into(),
            missing: false,
        };
        assert_eq!(backslashes(other.clone(), Some("a\\b")), other);
    }

    proptest::proptest! {
        /// Resuming the walk of a value link after link (thousands of links in one YAML
        /// value cost one walk) finds each offset the walk from the start finds.
        #[test]
        fn a_resumed_walk_finds_what_a_walk_from_the_start_finds(
            value in "[a-z \n\"é]{0,60}",
            mut offsets in proptest::collection::vec(0usize..70, 0..12),
        ) {
            // The value double-quoted, with its escapes, folded at each space.
            let mut source = String::from("\"");
            for c in value.chars() {
                match c {
                    '\n' => source.push_str("\\n"),
                    '"' => source.push_str("\\\""),
                    ' ' => source.push_str("\n  "),
                    c => source.push(c),
                }
            }
            source.push('"');
            offsets.sort_unstable();
            let mut walk = Walk::default();
            for offset in offsets {
                let offset = (0..=offset.min(value.len()))
                    .rev()
                    .find(|&o| value.is_char_boundary(o))
                    .unwrap_or(0);
                proptest::prop_assert_eq!(
                    walk.to(&source, &value, offset),
                    value_offset(&source, &value, offset)
                );
            }
        }
    }

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
