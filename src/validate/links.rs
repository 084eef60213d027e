//! Relative links in Markdown (bodies, Markdown fields, other Markdown files) must lead
//! where the built site can follow them, and their `#fragment` to an id of the page.
//!
//! Every text is rendered by [`markdown::render`], the site's own renderer, and its ids and
//! links are read from that HTML: the anchors accepted are the ids the page holds (headings
//! with their collision-free suffixes, footnotes, raw HTML ids the sanitiser keeps), and
//! raw HTML links are checked like Markdown ones.

use std::collections::{HashMap, HashSet};
use std::ops::Range;

use rayon::prelude::*;

use crate::diag::Diagnostic;
use crate::i18n::Message;
use crate::load::SourceFile;
use crate::markdown::{self, links::relative_to, Found, Rendered, Target, Tree};
use crate::model::Repo;

/// A page's Markdown: the file, its path, its texts and where each starts in the file.
struct Page<'r> {
    file: &'r SourceFile,
    texts: Vec<&'r str>,
    /// For each text, its byte span in the file, and whether it is a YAML value (whose
    /// bytes may differ from its text).
    places: Vec<(Range<usize>, bool)>,
}

pub(super) fn check(repo: &Repo, out: &mut Vec<Diagnostic>) {
    let plans: Vec<String> = repo.plan_decls().into_iter().map(|p| p.id.value).collect();
    let tree = Tree {
        paths: &repo.paths,
        plans: &plans,
    };
    let pages = pages(repo);
    let rendered: Vec<Rendered> = pages
        .par_iter()
        .map(|(path, page)| {
            markdown::render(
                &page.texts,
                markdown::Context {
                    from: path,
                    tree,
                    urls: &markdown::AsWritten,
                    summary: false,
                },
            )
        })
        .collect();
    let documents: HashSet<&str> = repo.metas().iter().map(|m| m.path.as_str()).collect();
    let by_path: HashMap<&str, &Rendered> = pages
        .iter()
        .zip(&rendered)
        .map(|((path, _), r)| (*path, r))
        .collect();
    for ((path, page), r) in pages.iter().zip(&rendered) {
        for id in r.duplicate_ids() {
            let span = page.file.text.find(id).map_or(0..0, |i| i..i + id.len());
            out.push(Diagnostic::at(
                Message::DuplicateAnchor { id: id.to_string() },
                page.file,
                span,
            ));
        }
        for link in &r.links {
            let known = Known {
                pages: &by_path,
                documents: &documents,
                repo,
            };
            if let Some(message) = diagnose(path, link, r, &known) {
                out.push(Diagnostic::at(message, page.file, place(page, link)));
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
            },
        ));
    }
    pages.sort_by(|a, b| a.0.cmp(b.0));
    pages
}

/// Where a link is written in its file: exact in a body, found by its text in a YAML value.
fn place(page: &Page, link: &Found) -> Range<usize> {
    let (range, yaml) = &page.places[link.text];
    if !yaml {
        return range.start + link.span.start..range.start + link.span.end;
    }
    let source = &page.file.text[range.clone()];
    match source.find(&link.dest).filter(|_| !link.dest.is_empty()) {
        Some(i) => range.start + i..range.start + i + link.dest.len(),
        None => range.clone(),
    }
}

/// What links can lead to: the rendered pages and the documents that were read.
struct Known<'a, 'r> {
    pages: &'a HashMap<&'r str, &'a Rendered>,
    documents: &'a HashSet<&'r str>,
    repo: &'r Repo,
}

/// What is wrong with a link, if anything.
fn diagnose(from: &str, link: &Found, here: &Rendered, known: &Known) -> Option<Message> {
    let repo = known.repo;
    match &link.target {
        Target::External => None,
        Target::Here { fragment } => missing_anchor(from, fragment.as_deref(), Some(here)),
        Target::Page { path, fragment } => {
            let target = known.pages.get(path.as_str()).copied();
            // A document that failed to parse has its own error; its ids are unknown.
            if target.is_none() && !known.documents.contains(path.as_str()) {
                return None;
            }
            missing_anchor(path, fragment.as_deref(), target)
        }
        Target::Section { fragment, .. } => missing_anchor(&link.dest, fragment.as_deref(), None),
        Target::File { path, fragment } => match fragment {
            Some(anchor) if path.ends_with(".md") => Some(Message::AnchorInFile {
                target: path.clone(),
                anchor: anchor.clone(),
            }),
            _ => None,
        },
        Target::Folder { path, example } => Some(Message::LinkToFolder {
            target: path.clone(),
            example: relative_to(from, example),
        }),
        Target::Missing { path } => {
            let suggestion = crate::validate::closest(path, repo.paths.iter().map(String::as_str))
                .map(|s| relative_to(from, &s));
            let (written, _) = markdown::split_local(&link.dest);
            Some(Message::BrokenLink {
                target: written,
                suggestion,
            })
        }
        Target::Outside => Some(Message::BrokenLink {
            target: link.dest.clone(),
            suggestion: None,
        }),
    }
}

/// A missing anchor, when `anchor` is not an id of the page (`None`: a page with no id
/// of its own).
fn missing_anchor(target: &str, anchor: Option<&str>, page: Option<&Rendered>) -> Option<Message> {
    let anchor = anchor?;
    let known: &[String] = page.map_or(&[], |p| p.ids.as_slice());
    if known.iter().any(|id| id == anchor) {
        return None;
    }
    Some(Message::BrokenAnchor {
        target: target.to_string(),
        anchor: anchor.to_string(),
        suggestion: crate::validate::closest(anchor, known.iter().map(String::as_str)),
    })
}
