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

use std::collections::{HashMap, HashSet};
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
    /// Why it became text, when it did.
    pub lost: Option<Lost>,
}

/// Why a link became text.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Lost {
    /// It led to a file the import did not write and could not copy.
    File,
    /// Its address is a script or data, which no site should carry.
    Unsafe,
    /// It led to a place of the document (`#anchor`) that no heading, id or bookmark of
    /// the document names.
    Place,
}

/// A link or image of a body.
struct Found {
    span: Range<usize>,
    /// Its text's span (the description of an image).
    text: Range<usize>,
    dest: String,
    title: String,
    image: bool,
    /// Written by reference (`[texte][ref]`, `[texte][]`, `[texte]`).
    reference: bool,
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
    /// Points elsewhere, or becomes text (and why).
    Repair(Result<String, Lost>),
    /// Has no text left: shows its address.
    Bare,
}

/// Where links can lead: each file's heading anchors, and each file's title as an anchor
/// (the chapter's heading in the source).
struct Targets<'a> {
    anchors: HashMap<String, Vec<String>>,
    /// Each file's anchors, to look one up in constant time.
    held: HashMap<String, HashSet<String>>,
    /// Each file's anchors by their [`loose`] form, the first of each form.
    loose_held: HashMap<String, HashMap<String, String>>,
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
    /// Each heading anchor's places, in the document's order: the file, and the anchor
    /// it has there (`None`: the file's title). The source's `#glossaire-1`, its second
    /// "Glossaire", is the second place of `glossaire`.
    repeated: HashMap<String, Vec<(String, Option<String>)>>,
    /// Ids written in the text that its pages do not hold (`[mot]{#x}`, `::: {#x}`,
    /// `<a name="x">`, a word processor's bookmark): the file they landed in, and the
    /// anchor of the heading before them there, if any.
    declared: HashMap<String, (String, Option<String>)>,
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
/// the anchors explicit ids stand for, `order` the files in the order of the document's
/// chapters (for the ids the source numbered, `#glossaire-1`). Returns what changed.
pub fn fix(
    bodies: &mut [(String, String)],
    titles: &[(String, String)],
    aliases: &HashMap<String, String>,
    order: &[String],
    shelf: &mut Shelf,
) -> Vec<Fixed> {
    let targets = Targets::new(bodies, titles, aliases, order);
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
        let (span, replacement, now, lost) = match (&link.html, change) {
            (Some(html), Change::Repair(now)) => {
                let lost = now.as_ref().err().copied();
                let (span, replacement, now) = html_edit(html, body, now.ok());
                (span, replacement, now, lost)
            }
            (None, Change::Repair(now)) => {
                let text = &body[link.text.clone()];
                let replacement = now
                    .as_deref()
                    .map_or_else(|_| text.to_string(), |dest| inline(&link, text, dest));
                let lost = now.as_ref().err().copied();
                (link.span.clone(), replacement, now.ok(), lost)
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
            lost,
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
        return Some(Change::Repair(Err(Lost::Unsafe)));
    }
    if let Some(target) = google_redirect(&link.dest) {
        let local = markdown::is_local(&target);
        let now = match local
            .then(|| targets.repair(path, &target, shelf))
            .flatten()
        {
            Some(repair) => repair,
            None => Ok(target),
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

/// `body` with its links written by reference (`[texte][ref]`, `[texte][]`, `[texte]`)
/// written inline, their definitions left where they are: a line moved out of the body
/// (a milestone's title) keeps its link without the definition.
pub fn inline_references(body: &str) -> String {
    let mut out = String::with_capacity(body.len());
    let mut pos = 0;
    for link in all_links(body) {
        if !link.reference || link.span.start < pos {
            continue;
        }
        out.push_str(&body[pos..link.span.start]);
        out.push_str(&inline(&link, &body[link.text.clone()], &link.dest));
        pos = link.span.end;
    }
    out.push_str(&body[pos..]);
    out
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
        order: &[String],
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
        let held: HashMap<String, HashSet<String>> = anchors
            .iter()
            .map(|(path, ids)| (path.clone(), ids.iter().cloned().collect()))
            .collect();
        let loose_held: HashMap<String, HashMap<String, String>> = anchors
            .iter()
            .map(|(path, ids)| {
                let mut by_key: HashMap<String, String> = HashMap::new();
                for id in ids {
                    by_key.entry(loose(id)).or_insert_with(|| id.clone());
                }
                (path.clone(), by_key)
            })
            .collect();
        let repeated = repeated(&anchors, titles, order);
        let declared = declared(bodies, &held);
        Targets {
            anchors,
            held,
            loose_held,
            holders,
            titles: by_title,
            aliases,
            loose_holders,
            loose_titles,
            repeated,
            declared,
        }
    }

    /// `None`: the link works as it is. `Some(Ok(dest))`: point it there. `Some(Err(why))`:
    /// make it text.
    fn repair(&self, path: &str, dest: &str, shelf: &mut Shelf) -> Option<Result<String, Lost>> {
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
            return Some(copied.ok_or(Lost::File));
        };
        let anchor = anchor.filter(|a| !a.is_empty())?;
        if self.held[&target].contains(&anchor) {
            return None;
        }
        let aliased = self.aliases.get(&anchor);
        for a in std::iter::once(&anchor).chain(aliased) {
            if self.held[&target].contains(a) {
                return Some(Ok(format!("{}#{a}", self.file(path, &target))));
            }
            if let Some(holder) = self.holders.get(a) {
                return Some(Ok(format!("{}#{a}", self.file(path, holder))));
            }
            if let Some(holder) = self.titles.get(a) {
                return Some(Ok(relative(path, holder)));
            }
            if let Some(place) = self.numbered(a).or_else(|| self.declared.get(a)) {
                return Some(Ok(self.place(path, place)));
            }
        }
        // The id another tool gave the heading (`#1-historique` for "1. Historique",
        // whose numbering the import removed, or pandoc's `#historique`).
        for a in std::iter::once(&anchor).chain(aliased) {
            let key = loose(a);
            if key.is_empty() {
                continue;
            }
            if let Some(a) = self.loose_held[&target].get(&key) {
                return Some(Ok(format!("{}#{a}", self.file(path, &target))));
            }
            if let Some((holder, a)) = self.loose_holders.get(&key) {
                return Some(Ok(format!("{}#{a}", self.file(path, holder))));
            }
            if let Some(holder) = self.loose_titles.get(&key) {
                return Some(Ok(relative(path, holder)));
            }
        }
        Some(Err(Lost::Place))
    }

    /// The place of the source's `base-N`, the heading numbered `N` of those whose anchor
    /// is `base` (the `N + 1`-th), as pandoc and GitHub number repeated headings.
    fn numbered(&self, anchor: &str) -> Option<&(String, Option<String>)> {
        let (base, n) = anchor.rsplit_once('-')?;
        let n: usize = n
            .parse()
            .ok()
            .filter(|_| n.bytes().all(|b| b.is_ascii_digit()))?;
        self.repeated.get(base)?.get(n).filter(|_| n > 0)
    }

    /// How `from` links to a place: its file, and the anchor there.
    fn place(&self, from: &str, (file, anchor): &(String, Option<String>)) -> String {
        match anchor {
            Some(a) => format!("{}#{a}", self.file(from, file)),
            None => relative(from, file),
        }
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

/// Each heading anchor's places in the document's order (see [`Targets::repeated`]): the
/// files in `order`, then the others by path; in each, its title, then the anchors of its
/// headings, a repeated one (`glossaire-1` after `glossaire`) under its first form.
fn repeated(
    anchors: &HashMap<String, Vec<String>>,
    titles: &[(String, String)],
    order: &[String],
) -> HashMap<String, Vec<(String, Option<String>)>> {
    let in_order: HashSet<&String> = order.iter().collect();
    let titles: HashMap<&String, &String> = titles
        .iter()
        .rev()
        .map(|(path, title)| (path, title))
        .collect();
    let mut paths: Vec<&String> = order.iter().filter(|p| anchors.contains_key(*p)).collect();
    let mut rest: Vec<&String> = anchors.keys().filter(|p| !in_order.contains(p)).collect();
    rest.sort();
    paths.extend(rest);
    let mut out: HashMap<String, Vec<(String, Option<String>)>> = HashMap::new();
    let mut seen: std::collections::HashSet<&String> = std::collections::HashSet::new();
    for path in paths {
        if !seen.insert(path) {
            continue;
        }
        if let Some(title) = titles.get(path) {
            out.entry(crate::slug::anchor(title))
                .or_default()
                .push((path.clone(), None));
        }
        let ids = &anchors[path];
        let mut before: HashSet<&str> = HashSet::new();
        for id in ids {
            let base = id
                .rsplit_once('-')
                .filter(|(b, n)| n.bytes().all(|c| c.is_ascii_digit()) && before.contains(b))
                .map_or(id.as_str(), |(b, _)| b);
            before.insert(id);
            out.entry(base.to_string())
                .or_default()
                .push((path.clone(), Some(id.clone())));
        }
    }
    out
}

/// The ids written in the bodies that their pages do not hold, each with its file and
/// the anchor of the heading before it there (see [`Targets::declared`]): pandoc's
/// attributes (`[mot]{#x}`, `::: {#x}`, escaped `{#\_Toc1}` as pandoc writes them) and
/// the `id` or `name` of raw HTML (`<a name="x">`), the first file by path for an id
/// written twice.
fn declared(
    bodies: &[(String, String)],
    anchors: &HashMap<String, HashSet<String>>,
) -> HashMap<String, (String, Option<String>)> {
    let mut sorted: Vec<&(String, String)> = bodies.iter().collect();
    sorted.sort_by(|a, b| a.0.cmp(&b.0));
    let mut out = HashMap::new();
    for (path, body) in sorted {
        let mut found: Vec<(String, usize)> = pandoc_ids(body);
        for tag in tags(body) {
            for a in tag
                .attrs
                .iter()
                .filter(|a| a.name == "id" || a.name == "name")
            {
                let id = markdown::decode_entities(&body[a.value.clone()])
                    .trim()
                    .to_string();
                found.push((id, tag.span.start));
            }
        }
        found.sort_by_key(|(_, at)| *at);
        let held = &anchors[path];
        // The body's headings, read once for all its ids.
        let mut headings: Option<Option<Headings>> = None;
        for (id, at) in found {
            if id.is_empty() || held.contains(&id) || out.contains_key(&id) {
                continue;
            }
            let before = headings
                .get_or_insert_with(|| heading_places(body))
                .as_ref()
                .and_then(|(starts, ids)| {
                    let n = starts.partition_point(|&s| s < at);
                    n.checked_sub(1).map(|i| ids[i].clone())
                });
            out.insert(id, (path.clone(), before));
        }
    }
    out
}

/// The ids of pandoc's attribute blocks in `text` (`{#x}`, `{#x .class key=v}`), with
/// where each is written; Markdown's escapes removed (`{#\_Toc1}` is `_Toc1`).
fn pandoc_ids(text: &str) -> Vec<(String, usize)> {
    let mut out = Vec::new();
    for (at, _) in text.match_indices("{#") {
        let rest = &text[at + 2..];
        let Some(close) = rest.find('}') else {
            continue;
        };
        let Some(first) = rest[..close].split_whitespace().next() else {
            continue;
        };
        if rest[..close].contains('\n') {
            continue;
        }
        let id = first.replace('\\', "");
        if !id.is_empty() && !id.contains(['{', '<', '>', '"']) {
            out.push((id, at));
        }
    }
    out
}

/// Where each heading of a body starts, in order, and its anchor.
type Headings = (Vec<usize>, Vec<String>);

/// Where each heading of `body` starts and its anchor as its page gives it (suffixed when
/// repeated), to find the last heading before a place; `None` when the two readings
/// disagree.
fn heading_places(body: &str) -> Option<Headings> {
    let rendered = markdown::render_alone("", body);
    // The ids of raw HTML, each taken out once from the page's ids.
    let mut raw_left: HashMap<&str, usize> = HashMap::new();
    for r in &rendered.raw_ids {
        *raw_left.entry(r.id.as_str()).or_default() += 1;
    }
    let headings: Vec<String> = rendered
        .ids
        .iter()
        .filter(|id| !id.contains(':'))
        .filter(|id| match raw_left.get_mut(id.as_str()) {
            Some(n) if *n > 0 => {
                *n -= 1;
                false
            }
            _ => true,
        })
        .cloned()
        .collect();
    let starts: Vec<usize> = Parser::new_ext(body, markdown::options())
        .into_offset_iter()
        .filter(|(e, _)| matches!(e, Event::Start(Tag::Heading { .. })))
        .map(|(_, r)| r.start)
        .collect();
    (starts.len() == headings.len()).then_some((starts, headings))
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
                        reference: matches!(
                            link_type,
                            LinkType::Reference | LinkType::Collapsed | LinkType::Shortcut
                        ),
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
                reference: false,
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
        let fixed = fix(
            &mut bodies,
            &titles,
            &HashMap::new(),
            &[],
            &mut Shelf::default(),
        );
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
            &[],
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

    /// `#outils-1` is the second "Outils" of the document, wherever it landed; an id
    /// written in the text that no page holds leads to its file, at the heading before
    /// it; a place nobody names becomes text, said to be a missing place.
    #[test]
    fn repeated_headings_and_written_ids_lead_where_they_landed() {
        let mut bodies: Vec<(String, String)> = [
            (
                "raison-d-etre.md",
                "[a](#outils-1) [b](#outils-2) [c](#x) [d](#y) [e](#absent) [f](#outils) [g](#outils-3)\n\n## Outils\n",
            ),
            (
                "principes/economique/index.md",
                "Avant <a name=\"y\"></a>.\n\n## Prix\n\nTexte [mot]{#x}.\n\n## Outils\n",
            ),
            ("histoire.md", "## Outils\n\nA.\n"),
        ]
        .map(|(p, b)| (p.to_string(), b.to_string()))
        .into();
        let order = [
            "raison-d-etre.md",
            "histoire.md",
            "principes/economique/index.md",
        ]
        .map(String::from);
        let fixed = fix(
            &mut bodies,
            &[],
            &HashMap::new(),
            &order,
            &mut Shelf::default(),
        );
        assert_eq!(
            bodies[0].1,
            "[a](histoire.md#outils) [b](principes/economique/index.md#outils) [c](principes/economique/index.md#prix) [d](principes/economique/index.md) e [f](#outils) g\n\n## Outils\n"
        );
        let lost: Vec<Option<Lost>> = fixed.iter().map(|f| f.lost).collect();
        assert_eq!(
            lost,
            [None, None, None, None, Some(Lost::Place), Some(Lost::Place)]
        );
        assert_eq!(
            pandoc_ids("[a]{#\\_Toc1 .c} ::: {#b}\n{#}"),
            [("_Toc1".to_string(), 3), ("b".to_string(), 20)]
        );
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
            &[],
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
        fix(&mut bodies, &[], &HashMap::new(), &[], &mut shelf);
        assert_eq!(
            bodies[0].1,
            "![Le jardin](<../../medias/mon jardin.jpg>) et <img src=\"../../medias/mon%20jardin.jpg\" alt=\"J\">\n"
        );
        assert_eq!(shelf.into_assets().len(), 1);
    }
}
