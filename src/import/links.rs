//! Links of the source that no longer lead anywhere once it is split into files: an
//! in-page `#anchor` now in another file is pointed there; a link to a file the import
//! did not write (`statuts.pdf`, `media/image1.png`) becomes its text, and is reported.
//! Web and mail links are left alone. Afterwards `check` finds no broken link.

use std::collections::HashMap;
use std::ops::Range;

use pulldown_cmark::{Event, Parser, Tag, TagEnd};

use crate::markdown;

/// A link that was changed, for the report.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Fixed {
    /// The file it is in.
    pub file: String,
    /// Its destination in the source.
    pub dest: String,
    /// The new destination, or `None` when the link became text.
    pub now: Option<String>,
}

/// A link of a body: its whole span, its text's span, its destination.
struct Found {
    span: Range<usize>,
    text: Range<usize>,
    dest: String,
}

/// Where links can lead: each file's heading anchors, and each file's title as an anchor
/// (the chapter's heading in the source).
struct Targets {
    anchors: HashMap<String, Vec<String>>,
    /// Each anchor and the first file (by path) that has it.
    holders: HashMap<String, String>,
    /// Each title's anchor and its file.
    titles: HashMap<String, String>,
}

/// Fixes the local links of every `(path, body)`; `titles` gives each file's title, the
/// heading the chapter had in the source (an in-page link to it now leads to the file).
/// Returns what changed.
pub fn fix(bodies: &mut [(String, String)], titles: &[(String, String)]) -> Vec<Fixed> {
    let mut anchors: HashMap<String, Vec<String>> = bodies
        .iter()
        .map(|(path, body)| (path.clone(), markdown::anchors(body)))
        .collect();
    for (path, _) in titles {
        anchors.entry(path.clone()).or_default();
    }
    let mut paths: Vec<&String> = anchors.keys().collect();
    paths.sort();
    let mut holders: HashMap<String, String> = HashMap::new();
    for path in paths {
        for anchor in &anchors[path] {
            holders
                .entry(anchor.clone())
                .or_insert_with(|| path.clone());
        }
    }
    let mut by_title: HashMap<String, String> = HashMap::new();
    for (path, title) in titles {
        by_title
            .entry(crate::slug::anchor(title))
            .or_insert_with(|| path.clone());
    }
    let targets = Targets {
        anchors,
        holders,
        titles: by_title,
    };
    let mut fixed = Vec::new();
    for (path, body) in bodies.iter_mut() {
        let mut out = String::with_capacity(body.len());
        let mut pos = 0;
        for link in local_links(body) {
            let Some(now) = targets.repair(path, &link.dest) else {
                continue;
            };
            out.push_str(&body[pos..link.span.start]);
            match &now {
                Some(dest) => out
                    .push_str(&body[link.span.start..link.span.end].replacen(&link.dest, dest, 1)),
                None => out.push_str(&body[link.text.clone()]),
            }
            pos = link.span.end;
            fixed.push(Fixed {
                file: path.clone(),
                dest: link.dest.clone(),
                now,
            });
        }
        out.push_str(&body[pos..]);
        *body = out;
    }
    fixed
}

impl Targets {
    /// `None`: the link works as it is. `Some(Some(dest))`: point it there. `Some(None)`:
    /// make it text.
    fn repair(&self, path: &str, dest: &str) -> Option<Option<String>> {
        let (target, anchor) = markdown::split_local(dest);
        let target = if target.is_empty() {
            Some(path.to_string())
        } else {
            markdown::resolve(path, &target)
        };
        let Some(target) = target.filter(|t| self.anchors.contains_key(t)) else {
            return Some(None);
        };
        let anchor = anchor.filter(|a| !a.is_empty())?;
        if self.anchors[&target].contains(&anchor) {
            return None;
        }
        if let Some(holder) = self.holders.get(&anchor) {
            return Some(Some(format!("{}#{anchor}", relative(path, holder))));
        }
        Some(
            self.titles
                .get(&anchor)
                .map(|holder| relative(path, holder)),
        )
    }
}

/// The path of `to` as seen from the folder of `from` (both relative to the root).
fn relative(from: &str, to: &str) -> String {
    let depth = from.matches('/').count();
    format!("{}{to}", "../".repeat(depth))
}

/// The inline links and images whose destination is local, with their text's span.
fn local_links(body: &str) -> Vec<Found> {
    let mut out = Vec::new();
    let mut open: Vec<(Range<usize>, String, Option<usize>, usize)> = Vec::new();
    for (event, range) in Parser::new_ext(body, markdown::options()).into_offset_iter() {
        match &event {
            Event::Start(Tag::Link { dest_url, .. } | Tag::Image { dest_url, .. }) => {
                open.push((range, dest_url.to_string(), None, 0));
            }
            Event::End(TagEnd::Link | TagEnd::Image) => {
                if let Some((span, dest, start, end)) = open.pop() {
                    let text = start.map_or(span.start..span.start, |s| s..end);
                    if markdown::is_local(&dest) && open.is_empty() {
                        out.push(Found { span, text, dest });
                    }
                }
            }
            _ => {
                for (_, _, start, end) in open.iter_mut() {
                    start.get_or_insert(range.start);
                    *end = (*end).max(range.end);
                }
            }
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn anchors_follow_their_heading_and_missing_files_become_text() {
        let mut bodies = vec![
            ("raison-d-etre.md".to_string(), "Voir [notre histoire](#nos-débuts), [ici](#pourquoi), [là](#historique) et [les statuts](statuts.pdf) ![logo](media/logo.png) [site](https://example.org).\n\n## Pourquoi\n".to_string()),
            ("principes/economique/index.md".to_string(), "Voir [la raison](../../raison-d-etre.md#pourquoi) et [plus haut](#nos-débuts).\n".to_string()),
            ("histoire.md".to_string(), "## Nos débuts\n".to_string()),
        ];
        let fixed = fix(
            &mut bodies,
            &[("histoire.md".to_string(), "Historique".to_string())],
        );
        assert_eq!(bodies[0].1, "Voir [notre histoire](histoire.md#nos-débuts), [ici](#pourquoi), [là](histoire.md) et les statuts logo [site](https://example.org).\n\n## Pourquoi\n");
        assert_eq!(bodies[1].1, "Voir [la raison](../../raison-d-etre.md#pourquoi) et [plus haut](../../histoire.md#nos-débuts).\n");
        assert_eq!(fixed.len(), 5);
        assert_eq!(fixed[1].now.as_deref(), Some("histoire.md"));
        assert_eq!(fixed[2].now, None);
    }
}
