//! Links of the source that no longer lead anywhere once it is split into files: an
//! in-page `#anchor` now in another file is pointed there (an element id or a pandoc
//! `{#id}` through its alias, the heading it names); a link to a file the import did not
//! write (`statuts.pdf`, `media/image1.png`) becomes its text, and is reported; so does a
//! `javascript:` or `data:` link, which no site should carry. Reference-style links
//! (`[texte][ref]`) are rewritten inline when they change, an image inside a link is
//! handled on its own, and a link left without text shows its address. Web and mail links
//! are otherwise left alone. Afterwards `check` finds no broken link.

use std::collections::HashMap;
use std::ops::Range;

use pulldown_cmark::{Event, LinkType, Parser, Tag, TagEnd};

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

/// A link or image of a body.
struct Found {
    span: Range<usize>,
    /// Its text's span (the description of an image).
    text: Range<usize>,
    dest: String,
    title: String,
    image: bool,
}

/// What becomes of a link.
enum Change {
    /// Points elsewhere, or becomes text (`None`).
    Repair(Option<String>),
    /// Has no text left: shows its address.
    Bare,
}

/// Where links can lead: each file's heading anchors, and each file's title as an anchor
/// (the chapter's heading in the source).
struct Targets<'a> {
    anchors: HashMap<String, Vec<String>>,
    /// Each anchor and the first file (by path) that has it.
    holders: HashMap<String, String>,
    /// Each title's anchor and its file.
    titles: HashMap<String, String>,
    /// Explicit ids and the anchors they stand for.
    aliases: &'a HashMap<String, String>,
}

/// Schemes a site must not link to.
const DANGEROUS: &[&str] = &["javascript:", "vbscript:", "data:", "file:"];

/// Fixes the links of every `(path, body)`; `titles` gives each file's title, the heading
/// the chapter had in the source (an in-page link to it now leads to the file), `aliases`
/// the anchors explicit ids stand for. Returns what changed.
pub fn fix(
    bodies: &mut [(String, String)],
    titles: &[(String, String)],
    aliases: &HashMap<String, String>,
) -> Vec<Fixed> {
    let targets = Targets::new(bodies, titles, aliases);
    let mut fixed = Vec::new();
    for (path, body) in bodies.iter_mut() {
        // An image in a link, a link in an image's text: each pass settles the outermost.
        for _ in 0..8 {
            let edits = edits(path, body, &targets);
            if edits.is_empty() {
                break;
            }
            let mut out = String::with_capacity(body.len());
            let mut pos = 0;
            for (span, replacement, change) in edits {
                out.push_str(&body[pos..span.start]);
                out.push_str(&replacement);
                pos = span.end;
                fixed.extend(change);
            }
            out.push_str(&body[pos..]);
            *body = out;
        }
    }
    fixed
}

type Edit = (Range<usize>, String, Option<Fixed>);

/// The changes one body needs, outermost first, none inside another.
fn edits(path: &str, body: &str, targets: &Targets<'_>) -> Vec<Edit> {
    let mut out: Vec<Edit> = Vec::new();
    for link in all_links(body) {
        if out.last().is_some_and(|(s, _, _)| link.span.start < s.end) {
            continue;
        }
        let Some(change) = change(path, &link, body, targets) else {
            continue;
        };
        let text = &body[link.text.clone()];
        let (replacement, fixed) = match change {
            Change::Repair(now) => (
                now.as_deref()
                    .map_or_else(|| text.to_string(), |dest| inline(&link, text, dest)),
                Some(Fixed {
                    file: path.to_string(),
                    dest: link.dest.clone(),
                    now,
                }),
            ),
            Change::Bare => (format!("<{}>", link.dest), None),
        };
        out.push((link.span.clone(), replacement, fixed));
    }
    out
}

fn change(path: &str, link: &Found, body: &str, targets: &Targets<'_>) -> Option<Change> {
    let lower = link.dest.trim().to_ascii_lowercase();
    if DANGEROUS.iter().any(|s| lower.starts_with(s)) {
        return Some(Change::Repair(None));
    }
    if markdown::is_local(&link.dest) {
        if let Some(repair) = targets.repair(path, &link.dest) {
            return Some(Change::Repair(repair));
        }
    }
    let empty = body[link.text.clone()].trim().is_empty();
    let web = ["https://", "http://", "mailto:"]
        .iter()
        .any(|s| lower.starts_with(s));
    (empty && !link.image && web && !link.dest.contains(['<', '>', ' '])).then_some(Change::Bare)
}

/// The link written inline with a new destination, its text and title kept.
fn inline(link: &Found, text: &str, dest: &str) -> String {
    let bang = if link.image { "!" } else { "" };
    let dest = if dest.contains([' ', '(', ')']) {
        format!("<{dest}>")
    } else {
        dest.to_string()
    };
    let title = if link.title.is_empty() {
        String::new()
    } else {
        format!(" \"{}\"", link.title.replace('"', "\\\""))
    };
    format!("{bang}[{text}]({dest}{title})")
}

impl<'a> Targets<'a> {
    fn new(
        bodies: &[(String, String)],
        titles: &[(String, String)],
        aliases: &'a HashMap<String, String>,
    ) -> Self {
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
        Targets {
            anchors,
            holders,
            titles: by_title,
            aliases,
        }
    }

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
        let aliased = self.aliases.get(&anchor);
        for a in std::iter::once(&anchor).chain(aliased) {
            if self.anchors[&target].contains(a) {
                return Some(Some(format!("{}#{a}", self.file(path, &target))));
            }
            if let Some(holder) = self.holders.get(a) {
                return Some(Some(format!("{}#{a}", self.file(path, holder))));
            }
            if let Some(holder) = self.titles.get(a) {
                return Some(Some(relative(path, holder)));
            }
        }
        Some(None)
    }

    /// How `from` names `to`: nothing when it is itself (`#anchor`).
    fn file(&self, from: &str, to: &str) -> String {
        if from == to {
            String::new()
        } else {
            relative(from, to)
        }
    }
}

/// The path of `to` as seen from the folder of `from` (both relative to the root).
fn relative(from: &str, to: &str) -> String {
    let depth = from.matches('/').count();
    format!("{}{to}", "../".repeat(depth))
}

/// Every link and image of a body, in order of their start, with their text's span.
fn all_links(body: &str) -> Vec<Found> {
    let mut out = Vec::new();
    let mut open: Vec<(Found, Option<usize>, usize)> = Vec::new();
    for (event, range) in Parser::new_ext(body, markdown::options()).into_offset_iter() {
        match &event {
            Event::Start(
                Tag::Link {
                    dest_url,
                    title,
                    link_type,
                    ..
                }
                | Tag::Image {
                    dest_url,
                    title,
                    link_type,
                    ..
                },
            ) => {
                let image = matches!(event, Event::Start(Tag::Image { .. }));
                let mut span = range.clone();
                // The parser's span of `[texte][]` stops before the empty brackets.
                if *link_type == LinkType::Collapsed && body[span.end..].starts_with("[]") {
                    span.end += 2;
                }
                for (_, start, end) in open.iter_mut() {
                    start.get_or_insert(range.start);
                    *end = (*end).max(range.end);
                }
                open.push((
                    Found {
                        text: span.start..span.start,
                        span,
                        dest: dest_url.to_string(),
                        title: title.to_string(),
                        image,
                    },
                    None,
                    0,
                ));
            }
            Event::End(TagEnd::Link | TagEnd::Image) => {
                if let Some((mut found, start, end)) = open.pop() {
                    found.text = match start {
                        Some(s) => s..end,
                        None => text_start(body, &found)..text_start(body, &found),
                    };
                    out.push(found);
                }
            }
            _ => {
                for (_, start, end) in open.iter_mut() {
                    start.get_or_insert(range.start);
                    *end = (*end).max(range.end);
                }
            }
        }
    }
    out.sort_by_key(|f| f.span.start);
    out
}

/// Where an empty text would be: after the opening bracket.
fn text_start(body: &str, found: &Found) -> usize {
    let skip = if found.image { 2 } else { 1 };
    (found.span.start + skip).min(body.len())
}

#[cfg(test)]
mod tests {
    use super::*;

    fn fix_one(
        path: &str,
        body: &str,
        others: &[(&str, &str)],
        titles: &[(&str, &str)],
    ) -> (String, Vec<Fixed>) {
        let mut bodies = vec![(path.to_string(), body.to_string())];
        bodies.extend(others.iter().map(|(p, b)| (p.to_string(), b.to_string())));
        let titles: Vec<(String, String)> = titles
            .iter()
            .map(|(p, t)| (p.to_string(), t.to_string()))
            .collect();
        let fixed = fix(&mut bodies, &titles, &HashMap::new());
        (bodies.swap_remove(0).1, fixed)
    }

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
            &HashMap::new(),
        );
        assert_eq!(bodies[0].1, "Voir [notre histoire](histoire.md#nos-débuts), [ici](#pourquoi), [là](histoire.md) et les statuts logo [site](https://example.org).\n\n## Pourquoi\n");
        assert_eq!(bodies[1].1, "Voir [la raison](../../raison-d-etre.md#pourquoi) et [plus haut](../../histoire.md#nos-débuts).\n");
        assert_eq!(fixed.len(), 5);
        assert_eq!(fixed[1].now.as_deref(), Some("histoire.md"));
        assert_eq!(fixed[2].now, None);
    }

    #[test]
    fn reference_links_are_rewritten_inline() {
        let (body, fixed) = fix_one(
            "raison-d-etre.md",
            "Voir [l’historique][h] et [la charte][].\n\n[h]: #historique\n[la charte]: charte.pdf\n",
            &[("histoire.md", "En 2011.\n")],
            &[("histoire.md", "Historique")],
        );
        assert_eq!(body, "Voir [l’historique](histoire.md) et la charte.\n\n[h]: #historique\n[la charte]: charte.pdf\n");
        assert_eq!(fixed.len(), 2);
    }

    #[test]
    fn images_inside_links_and_links_without_text() {
        let (body, _) = fix_one(
            "raison-d-etre.md",
            "Texte [![logo](logo.png)](https://example.org) et [![](x.png)](https://example.org/a) fin.\n",
            &[],
            &[],
        );
        assert_eq!(
            body,
            "Texte [logo](https://example.org) et <https://example.org/a> fin.\n"
        );
    }

    #[test]
    fn aliases_and_dangerous_schemes() {
        let mut bodies = vec![
            (
                "raison-d-etre.md".to_string(),
                "[a](#hist) [b](javascript:alert(1)) [c](data:text/html,x)\n".to_string(),
            ),
            ("histoire.md".to_string(), "Texte.\n".to_string()),
        ];
        let aliases = HashMap::from([("hist".to_string(), "historique".to_string())]);
        let fixed = fix(
            &mut bodies,
            &[("histoire.md".to_string(), "Historique".to_string())],
            &aliases,
        );
        assert_eq!(bodies[0].1, "[a](histoire.md) b c\n");
        assert_eq!(fixed.len(), 3);
    }
}
