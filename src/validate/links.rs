//! Relative Markdown links must reach a file of the repository, and their `#anchor` a
//! heading of that file (or of the same file).

use std::collections::HashMap;

use rayon::prelude::*;

use crate::diag::Diagnostic;
use crate::i18n::Message;
use crate::load::SourceFile;
use crate::markdown;
use crate::model::Repo;

pub(super) fn check(repo: &Repo, out: &mut Vec<Diagnostic>) {
    // Bodies by path: format documents start their body after the front matter.
    let mut bodies: HashMap<&str, (usize, usize)> = HashMap::new();
    for meta in repo.metas() {
        if meta.kind.is_markdown() {
            bodies.insert(meta.path.as_str(), (meta.file, meta.body_offset));
        }
    }
    for &i in &repo.other_markdown {
        bodies.insert(repo.files[i].path.as_str(), (i, 0));
    }
    let mut sorted: Vec<(&str, (usize, usize))> = bodies.into_iter().collect();
    sorted.sort();
    // Every body parsed once, in parallel, for both its links and its anchors.
    let scanned: Vec<(Vec<markdown::Link>, Vec<String>)> = sorted
        .par_iter()
        .map(|&(_, (file_index, offset))| {
            markdown::links_and_anchors(&repo.files[file_index].text[offset..])
        })
        .collect();
    let anchors: HashMap<&str, &[String]> = sorted
        .iter()
        .zip(&scanned)
        .map(|(&(path, _), (_, anchors))| (path, anchors.as_slice()))
        .collect();
    for (&(path, (file_index, offset)), (links, _)) in sorted.iter().zip(&scanned) {
        let file = &repo.files[file_index];
        let body = &file.text[offset..];
        for link in links {
            if !markdown::is_local(&link.dest) {
                continue;
            }
            let span = dest_span(body, link) + offset;
            let (target_path, anchor) = markdown::split_local(&link.dest);
            let target = if target_path.is_empty() {
                Some(path.to_string())
            } else {
                markdown::resolve(path, &target_path)
            };
            let Some(target) = target else {
                broken(file, &link.dest, None, span, out);
                continue;
            };
            let exists = repo.paths.contains(&target)
                || repo
                    .paths
                    .range(format!("{target}/")..)
                    .next()
                    .is_some_and(|p| p.starts_with(&format!("{target}/")));
            if !exists {
                let suggestion =
                    crate::validate::closest(&target, repo.paths.iter().map(String::as_str))
                        .map(|s| relative_to(path, &s));
                broken(file, &target_path, suggestion, span, out);
                continue;
            }
            let (Some(anchor), Some(known)) = (
                anchor.filter(|a| !a.is_empty()),
                anchors.get(target.as_str()),
            ) else {
                continue;
            };
            if !known.contains(&anchor) {
                let suggestion =
                    crate::validate::closest(&anchor, known.iter().map(String::as_str));
                out.push(Diagnostic::at(
                    Message::BrokenAnchor {
                        target: target.clone(),
                        anchor,
                        suggestion,
                    },
                    file,
                    span,
                ));
            }
        }
    }
}

impl std::ops::Add<usize> for Span {
    type Output = std::ops::Range<usize>;
    fn add(self, offset: usize) -> Self::Output {
        self.0.start + offset..self.0.end + offset
    }
}

/// A span within a body.
struct Span(std::ops::Range<usize>);

/// The span of the destination inside the link text, else the whole link.
fn dest_span(body: &str, link: &markdown::Link) -> Span {
    let whole = &body[link.span.clone()];
    match whole.rfind(link.dest.as_str()) {
        Some(i) if !link.dest.is_empty() => {
            Span(link.span.start + i..link.span.start + i + link.dest.len())
        }
        _ => Span(link.span.clone()),
    }
}

fn broken(
    file: &SourceFile,
    target: &str,
    suggestion: Option<String>,
    span: std::ops::Range<usize>,
    out: &mut Vec<Diagnostic>,
) {
    out.push(Diagnostic::at(
        Message::BrokenLink {
            target: target.to_string(),
            suggestion,
        },
        file,
        span,
    ));
}

/// Writes `target` (from the root) as a link relative to the folder of `from`.
fn relative_to(from: &str, target: &str) -> String {
    let from_dirs: Vec<&str> =
        from.split('/').collect::<Vec<_>>()[..from.matches('/').count()].to_vec();
    let target_parts: Vec<&str> = target.split('/').collect();
    let common = from_dirs
        .iter()
        .zip(&target_parts)
        .take_while(|(a, b)| a == b)
        .count();
    let mut parts: Vec<&str> = vec![".."; from_dirs.len() - common];
    parts.extend(&target_parts[common..]);
    parts.join("/")
}
