//! Links of the source that no longer lead anywhere once it is split into files: an
//! in-page `#anchor` now in another file is pointed there (an element id or a pandoc
//! `{#id}` through its alias, the heading it names); a link to a file the import did not
//! write (`statuts.pdf`, `media/image1.png`) becomes its text, and is reported; so does a
//! `javascript:` or `data:` link, which no site should carry. Reference-style links
//! (`[texte][ref]`) are rewritten inline when they change, an image inside a link is
//! handled on its own, and a link left without text shows its address. Web and mail links
//! are otherwise left alone. A file the document shows or links to that lies next to it
//! (an image, a PDF) is copied under `medias/` ([`super::assets`]) and the link points
//! there. Raw HTML is read the same way: the `href` and `src` of its tags are repaired,
//! pointed at the copy, or removed (an `<img>` whose file is missing becomes its `alt`
//! text, an `<a>` loses its `href`). Afterwards `check` finds no broken link.

use std::collections::HashMap;
use std::ops::Range;

use pulldown_cmark::{Event, LinkType, Parser, Tag, TagEnd};

use super::assets::Shelf;
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
    /// Where it is written in raw HTML, when it is.
    html: Option<HtmlAttr>,
}

/// An `href` or `src` attribute of a raw HTML tag.
#[derive(Debug, Clone)]
struct HtmlAttr {
    /// The whole tag, `<` to `>`.
    tag: Range<usize>,
    /// The attribute, name to the end of its value.
    attr: Range<usize>,
    /// Its value, without quotes.
    value: Range<usize>,
    /// The `alt` of an `<img>` (raw, entities as written).
    alt: Option<String>,
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
    /// Each anchor's [`loose`] form and the first file (by path) with the anchor.
    loose_holders: HashMap<String, (String, String)>,
    /// Each title's [`loose`] form and its file.
    loose_titles: HashMap<String, String>,
}

/// An anchor in a form every tool's ids of one heading share: GitHub's and gfm's
/// (`1-historique`, numbers kept, accents kept, punctuation dropped), pandoc's default
/// (`historique`, leading numbers dropped), this site's, an ASCII one (`raison-detre`).
/// Accents folded, punctuation and runs of `-` made one `-`, leading numbers dropped:
/// "1. Historique", "2.1 Historique" and "Historique" all give `historique`. Empty when
/// nothing is left (a heading made of numbers).
fn loose(anchor: &str) -> String {
    /// The Roman numerals a numbering uses ([`super::chapters::without_numbering`]), as a
    /// slug writes them.
    const ROMAN: &[&str] = &[
        "i", "ii", "iii", "iv", "v", "vi", "vii", "viii", "ix", "x", "xi", "xii",
    ];
    let slug = crate::slug::slugify(anchor);
    let parts: Vec<&str> = slug.split('-').filter(|p| !p.is_empty()).collect();
    let first = parts
        .iter()
        .position(|p| !p.chars().all(|c| c.is_ascii_digit()))
        .unwrap_or(parts.len());
    // `ii-objet` (GitHub's id of "II. Objet") is `objet`, like "2. Objet"; a Roman
    // numeral alone (`#iv`) stays, it may be the whole heading.
    let first = match parts.get(first) {
        Some(p) if ROMAN.contains(p) && parts.len() > first + 1 => first + 1,
        _ => first,
    };
    parts[first..].join("-")
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
    shelf: &mut Shelf,
) -> Vec<Fixed> {
    let targets = Targets::new(bodies, titles, aliases);
    let mut fixed = Vec::new();
    for (path, body) in bodies.iter_mut() {
        // An image in a link, a link in an image's text: each pass settles the outermost.
        for _ in 0..8 {
            let edits = edits(path, body, &targets, shelf);
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
fn edits(path: &str, body: &str, targets: &Targets<'_>, shelf: &mut Shelf) -> Vec<Edit> {
    let mut out: Vec<Edit> = Vec::new();
    for link in all_links(body) {
        if out.last().is_some_and(|(s, _, _)| link.span.start < s.end) {
            continue;
        }
        let Some(change) = change(path, &link, body, targets, shelf) else {
            continue;
        };
        let (span, replacement, now) = match (&link.html, change) {
            (Some(html), Change::Repair(now)) => html_edit(html, body, now),
            (None, Change::Repair(now)) => {
                let text = &body[link.text.clone()];
                let replacement = now
                    .as_deref()
                    .map_or_else(|| text.to_string(), |dest| inline(&link, text, dest));
                (link.span.clone(), replacement, now)
            }
            (_, Change::Bare) => {
                out.push((link.span.clone(), format!("<{}>", link.dest), None));
                continue;
            }
        };
        let fixed = Fixed {
            file: path.to_string(),
            dest: link.dest.clone(),
            now: now.clone(),
        };
        out.push((span, replacement, Some(fixed)));
    }
    out
}

/// A raw HTML attribute pointed at `now`, or, without it, the `<img>` made its `alt` text
/// and the attribute of any other tag removed.
fn html_edit(
    html: &HtmlAttr,
    body: &str,
    now: Option<String>,
) -> (Range<usize>, String, Option<String>) {
    match (now, &html.alt) {
        (Some(dest), _) => (html.value.clone(), attribute_value(&dest), Some(dest)),
        (None, Some(alt)) => (html.tag.clone(), alt.clone(), None),
        (None, None) => {
            // The space before the attribute goes with it.
            let start = body[..html.attr.start].trim_end().len();
            (start..html.attr.end, String::new(), None)
        }
    }
}

/// A path written as an attribute value: quotes and ampersands escaped, spaces encoded.
fn attribute_value(dest: &str) -> String {
    dest.replace('&', "&amp;")
        .replace('"', "&quot;")
        .replace('\'', "&#39;")
        .replace(' ', "%20")
}

fn change(
    path: &str,
    link: &Found,
    body: &str,
    targets: &Targets<'_>,
    shelf: &mut Shelf,
) -> Option<Change> {
    let lower = link.dest.trim().to_ascii_lowercase();
    if DANGEROUS.iter().any(|s| lower.starts_with(s)) {
        return Some(Change::Repair(None));
    }
    if let Some(target) = google_redirect(&link.dest) {
        let local = markdown::is_local(&target);
        let now = match local
            .then(|| targets.repair(path, &target, shelf))
            .flatten()
        {
            Some(repair) => repair,
            None => Some(target),
        };
        return Some(Change::Repair(now));
    }
    if markdown::is_local(&link.dest) {
        if let Some(repair) = targets.repair(path, &link.dest, shelf) {
            return Some(Change::Repair(repair));
        }
    }
    if link.html.is_some() {
        return None;
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
        let mut loose_titles: HashMap<String, String> = HashMap::new();
        for (path, title) in titles {
            let anchor = crate::slug::anchor(title);
            loose_titles
                .entry(loose(&anchor))
                .or_insert_with(|| path.clone());
            by_title.entry(anchor).or_insert_with(|| path.clone());
        }
        let mut loose_holders: HashMap<String, (String, String)> = HashMap::new();
        let mut sorted: Vec<(&String, &String)> = holders.iter().collect();
        sorted.sort_by(|a, b| (a.1, a.0).cmp(&(b.1, b.0)));
        for (anchor, path) in sorted {
            loose_holders
                .entry(loose(anchor))
                .or_insert_with(|| (path.clone(), anchor.clone()));
        }
        loose_titles.remove("");
        loose_holders.remove("");
        Targets {
            anchors,
            holders,
            titles: by_title,
            aliases,
            loose_holders,
            loose_titles,
        }
    }

    /// `None`: the link works as it is. `Some(Some(dest))`: point it there. `Some(None)`:
    /// make it text.
    fn repair(&self, path: &str, dest: &str, shelf: &mut Shelf) -> Option<Option<String>> {
        let (written, anchor) = markdown::split_local(dest);
        let target = if written.is_empty() {
            Some(path.to_string())
        } else {
            markdown::resolve(path, &written)
        };
        if target.as_deref().is_some_and(|t| shelf.holds(t)) {
            return None;
        }
        let Some(target) = target.filter(|t| self.anchors.contains_key(t)) else {
            // A file next to the source, copied in; its fragment (a PDF's page) kept.
            let copied = shelf.place(&written).map(|p| {
                let fragment = anchor.map(|a| format!("#{a}")).unwrap_or_default();
                format!("{}{fragment}", relative(path, &p))
            });
            return Some(copied);
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
        // The id another tool gave the heading (`#1-historique` for "1. Historique",
        // whose numbering the import removed, or pandoc's `#historique`).
        let key = loose(&anchor);
        if key.is_empty() {
            return Some(None);
        }
        if let Some(a) = self.anchors[&target].iter().find(|a| loose(a) == key) {
            return Some(Some(format!("{}#{a}", self.file(path, &target))));
        }
        if let Some((holder, a)) = self.loose_holders.get(&key) {
            return Some(Some(format!("{}#{a}", self.file(path, holder))));
        }
        if let Some(holder) = self.loose_titles.get(&key) {
            return Some(Some(relative(path, holder)));
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
                        html: None,
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
                if let Event::Html(raw) | Event::InlineHtml(raw) = &event {
                    out.extend(html_links(raw, range.start));
                }
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

/// The `href` and `src` attributes of the tags of a piece of raw HTML starting at
/// `offset` in the body.
fn html_links(raw: &str, offset: usize) -> Vec<Found> {
    let mut out = Vec::new();
    for tag in tags(raw) {
        let alt = (tag.name == "img").then(|| {
            tag.attrs
                .iter()
                .find(|a| a.name == "alt")
                .map_or_else(String::new, |a| raw[a.value.clone()].to_string())
        });
        for a in tag
            .attrs
            .iter()
            .filter(|a| a.name == "href" || a.name == "src")
        {
            let shift = |r: &Range<usize>| r.start + offset..r.end + offset;
            let html = HtmlAttr {
                tag: shift(&tag.span),
                attr: shift(&a.span),
                value: shift(&a.value),
                alt: alt.clone(),
            };
            out.push(Found {
                span: if alt.is_some() {
                    html.tag.clone()
                } else {
                    html.attr.clone()
                },
                text: html.value.clone(),
                dest: markdown::decode_entities(&raw[a.value.clone()])
                    .trim()
                    .to_string(),
                title: String::new(),
                image: alt.is_some(),
                html: Some(html),
            });
        }
    }
    out
}

/// A start tag of raw HTML: its name (lowercase), span and attributes.
struct RawTag {
    name: String,
    span: Range<usize>,
    attrs: Vec<RawAttr>,
}

struct RawAttr {
    name: String,
    span: Range<usize>,
    value: Range<usize>,
}

/// The start tags of `raw`, read as browsers read attributes: quoted with `"` or `'`, or
/// unquoted up to a space or `>`.
fn tags(raw: &str) -> Vec<RawTag> {
    let bytes = raw.as_bytes();
    let mut out = Vec::new();
    let mut i = 0;
    while let Some(lt) = raw[i..].find('<').map(|p| p + i) {
        let name_len = raw[lt + 1..]
            .bytes()
            .take_while(u8::is_ascii_alphanumeric)
            .count();
        if name_len == 0 || !bytes[lt + 1].is_ascii_alphabetic() {
            i = lt + 1;
            continue;
        }
        let name = raw[lt + 1..lt + 1 + name_len].to_ascii_lowercase();
        let (attrs, end) = attributes(raw, lt + 1 + name_len);
        out.push(RawTag {
            name,
            span: lt..end,
            attrs,
        });
        i = end.max(lt + 1);
    }
    out
}

/// The attributes from `start` to the tag's `>` (or the end), and where the tag ends.
fn attributes(raw: &str, start: usize) -> (Vec<RawAttr>, usize) {
    let bytes = raw.as_bytes();
    let mut attrs = Vec::new();
    let mut i = start;
    loop {
        while i < bytes.len() && (bytes[i].is_ascii_whitespace() || bytes[i] == b'/') {
            i += 1;
        }
        if i >= bytes.len() || bytes[i] == b'>' {
            return (attrs, (i + 1).min(bytes.len()));
        }
        let name_start = i;
        while i < bytes.len()
            && !matches!(bytes[i], b'=' | b'>' | b'/')
            && !bytes[i].is_ascii_whitespace()
        {
            i += 1;
        }
        let name = raw[name_start..i].to_ascii_lowercase();
        let mut value = i..i;
        if bytes.get(i) == Some(&b'=') {
            i += 1;
            match bytes.get(i) {
                Some(&q @ (b'"' | b'\'')) => {
                    let close = raw[i + 1..]
                        .find(q as char)
                        .map_or(bytes.len(), |p| i + 1 + p);
                    value = i + 1..close;
                    i = (close + 1).min(bytes.len());
                }
                _ => {
                    let len = raw[i..]
                        .find(|c: char| c.is_ascii_whitespace() || c == '>')
                        .unwrap_or(bytes.len() - i);
                    value = i..i + len;
                    i += len;
                }
            }
        }
        attrs.push(RawAttr {
            name,
            span: name_start..i,
            value,
        });
    }
}

/// Where an empty text would be: after the opening bracket.
fn text_start(body: &str, found: &Found) -> usize {
    let skip = if found.image { 2 } else { 1 };
    (found.span.start + skip).min(body.len())
}

/// The address a Google redirect stands for: a Google Docs export wraps every link,
/// its own headings' too, in `https://www.google.com/url?q=ADDRESS&sa=…`.
fn google_redirect(dest: &str) -> Option<String> {
    let rest = [
        "https://www.google.com/url?",
        "http://www.google.com/url?",
        "https://google.com/url?",
    ]
    .iter()
    .find_map(|p| dest.trim().strip_prefix(p))?;
    let q = rest
        .split('&')
        .map(|p| p.strip_prefix("amp;").unwrap_or(p))
        .find_map(|p| p.strip_prefix("q="))?;
    let target = percent_encoding::percent_decode_str(q).decode_utf8().ok()?;
    (!target.is_empty()).then(|| target.into_owned())
}

#[cfg(test)]
mod tests {
    use super::*;

    /// A link to a heading numbered in Arabic or Roman numerals, as GitHub, gfm or pandoc
    /// wrote its id, leads to the heading written without its numbering.
    #[test]
    fn numbered_heading_anchors_in_any_numerals_lead_to_the_heading() {
        for (written, anchor) in [
            ("II. Objet", "#ii-objet"),
            ("IV – Valeurs", "#iv--valeurs"),
            ("2. Objet", "#2-objet"),
            ("2.1. Objet", "#21-objet"),
        ] {
            let heading = super::super::chapters::without_numbering(written);
            let (body, _) = fix_one(
                "raison-d-etre.md",
                &format!("Voir [ceci]({anchor}).\n\n## {heading}\n\nTexte.\n"),
                &[],
                &[("raison-d-etre.md", "Raison d'être")],
            );
            let id = crate::slug::slugify(&heading);
            assert!(
                body.starts_with(&format!("Voir [ceci](#{id}).")),
                "{written} {anchor}: {body}"
            );
        }
        assert_eq!(loose("iv"), "iv");
        assert_eq!(loose("vie-associative"), "vie-associative");
    }

    #[test]
    fn google_redirects_lead_where_they_stand_for() {
        let (body, _) = fix_one(
            "raison-d-etre.md",
            "Voir [l’historique](https://www.google.com/url?q=%23historique&sa=D&ust=1) et [le site](https://www.google.com/url?q=https://example.org/a%3Fb%3D1&sa=D).\n",
            &[("histoire.md", "En 2011.\n")],
            &[("histoire.md", "Historique")],
        );
        assert_eq!(
            body,
            "Voir [l’historique](histoire.md) et [le site](https://example.org/a?b=1).\n"
        );
        assert_eq!(google_redirect("https://www.google.com/search?q=x"), None);
    }

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
        let fixed = fix(&mut bodies, &titles, &HashMap::new(), &mut Shelf::default());
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
            &mut Shelf::default(),
        );
        assert_eq!(bodies[0].1, "Voir [notre histoire](histoire.md#nos-débuts), [ici](#pourquoi), [là](histoire.md) et les statuts logo [site](https://example.org).\n\n## Pourquoi\n");
        assert_eq!(bodies[1].1, "Voir [la raison](../../raison-d-etre.md#pourquoi) et [plus haut](../../histoire.md#nos-débuts).\n");
        assert_eq!(fixed.len(), 5);
        assert_eq!(fixed[1].now.as_deref(), Some("histoire.md"));
        assert_eq!(fixed[2].now, None);
    }

    #[test]
    fn anchors_of_numbered_headings_in_every_tool_s_style_lead_to_them() {
        let (body, fixed) = fix_one(
            "raison-d-etre.md",
            "[a](#1-historique) [b](#21-nos-valeurs) [c](#nos-valeurs) [d](#2-raison-dêtre) [e](#raison-detre) [f](#2015) [g](#3-absent)\n\n## Raison d’être\n",
            &[("histoire.md", "## 2.1 Nos valeurs\n")],
            &[("histoire.md", "Historique")],
        );
        assert_eq!(
            body,
            "[a](histoire.md) [b](histoire.md#21-nos-valeurs) [c](histoire.md#21-nos-valeurs) [d](#raison-dêtre) [e](#raison-dêtre) f g\n\n## Raison d’être\n"
        );
        assert_eq!(fixed.len(), 7);
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
            &mut Shelf::default(),
        );
        assert_eq!(bodies[0].1, "[a](histoire.md) b c\n");
        assert_eq!(fixed.len(), 3);
    }

    #[test]
    fn raw_html_links_are_repaired_like_markdown_ones() {
        let (body, fixed) = fix_one(
            "principes/economique/index.md",
            "Texte <img src=\"x.jpg\" alt=\"Le jardin\"> fin, <a href='statuts.pdf' class=a>les statuts</a>, <a href=\"javascript:alert(1)\">ici</a>, <a href=\"#historique\">là</a> et <a href=\"https://example.org\">le site</a>.\n\n<div><img src=x.png>\n<a href=\"#historique\">h</a></div>\n",
            &[("histoire.md", "Texte.\n")],
            &[("histoire.md", "Historique")],
        );
        assert_eq!(
            body,
            "Texte Le jardin fin, <a class=a>les statuts</a>, <a>ici</a>, <a href=\"../../histoire.md\">là</a> et <a href=\"https://example.org\">le site</a>.\n\n<div>\n<a href=\"../../histoire.md\">h</a></div>\n"
        );
        assert_eq!(fixed.len(), 6);
    }

    #[test]
    fn files_next_to_the_source_are_linked_where_they_are_copied() {
        let dir = tempfile::tempdir().expect("temp");
        std::fs::write(dir.path().join("mon jardin.jpg"), b"jpg").expect("write");
        let mut shelf = Shelf::new(crate::import::assets::Assets::Folder {
            root: dir.path().to_path_buf(),
            source: "code.md".into(),
        });
        let mut bodies = vec![(
            "principes/ecologique/index.md".to_string(),
            "![Le jardin](<mon jardin.jpg>) et <img src=\"mon%20jardin.jpg\" alt=\"J\">\n"
                .to_string(),
        )];
        fix(&mut bodies, &[], &HashMap::new(), &mut shelf);
        assert_eq!(
            bodies[0].1,
            "![Le jardin](<../../medias/mon jardin.jpg>) et <img src=\"../../medias/mon%20jardin.jpg\" alt=\"J\">\n"
        );
        assert_eq!(shelf.into_assets().len(), 1);
    }
}
