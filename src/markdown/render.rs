//! A document's Markdown texts to safe HTML, and the facts `check` needs from that very
//! HTML: its ids and its links.
//!
//! `build` and `check` call [`render`] alike, so the anchors `check` accepts are the ids
//! the page contains and the links it verifies are the `href`s and `src`s the page holds
//! (raw HTML ones included), whatever the sanitiser kept. A document's texts (its body,
//! then its Markdown fields) share one page and so one [`Ids`] allocator and one footnote
//! numbering. Steps for each text: parse, give headings their ids and footnotes theirs,
//! write HTML with pulldown-cmark, send it through ammonia when it holds raw HTML or an
//! unusual URL, then read the ids and links back from the result and rewrite the local
//! links through the caller's [`Urls`].

use std::collections::{HashMap, HashSet, VecDeque};
use std::hash::Hash;
use std::ops::Range;

use pulldown_cmark::{CodeBlockKind, CowStr, Event, Parser, Tag, TagEnd};

use super::ids::{self, Ids, PageIds};
use super::links::{self, Target, Tree};
use super::{html_scan, sanitize};

/// Turns a link's [`Target`] into the URL the page writes; `None` keeps the link as it is
/// written. `check` keeps every link; the site maps documents to pages.
pub trait Urls {
    fn url(&self, target: &Target) -> Option<String>;
}

#[cfg(test)]
thread_local! {
    /// Sends even plain Markdown through ammonia (for tests showing the fast path changes
    /// nothing).
    pub static ALWAYS_SANITIZE: std::cell::Cell<bool> = const { std::cell::Cell::new(false) };
}

/// Keeps every link as written (what `check` needs).
pub struct AsWritten;

impl Urls for AsWritten {
    fn url(&self, _: &Target) -> Option<String> {
        None
    }
}

/// Where a document's texts are rendered.
#[derive(Clone, Copy)]
pub struct Context<'a> {
    /// The document's path in the repository (links are relative to it).
    pub from: &'a str,
    pub tree: Tree<'a>,
    pub urls: &'a dyn Urls,
    /// A summary shown on another page (the home page): footnote calls and notes are left
    /// out, the notes being on the document's own page (the caller's [`Urls`] sends
    /// fragment-only links there).
    /// notes being on the document's own page.
    pub summary: bool,
    /// The ids the page holds of its own (none for a summary).
    pub page_ids: &'a PageIds,
}

/// A link the rendered page holds, where it was written and where it leads.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Found {
    /// Index of the text it is in.
    pub text: usize,
    /// As written (a Markdown destination, or a raw HTML attribute's value).
    pub dest: String,
    /// Byte span of the destination in its text (the whole link when it cannot be found).
    pub span: Range<usize>,
    pub target: Target,
}

/// An id written in raw HTML, and where: the span of its value in its text, from the
/// parser's offsets (`None` when the parser's event is not the text as written, as inside
/// a block quote).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct RawId {
    /// In NFC, as the page holds it.
    pub id: String,
    /// Index of the text it is in.
    pub text: usize,
    pub span: Option<Range<usize>>,
}

/// Link syntax the parser did not read as a link (`[statuts](mes statuts.pdf)`: a space
/// in the target): the page shows it as text.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Unlinked {
    /// Index of the text it is in.
    pub text: usize,
    /// The target as written, between the parentheses.
    pub dest: String,
    /// Byte span of the target in its text.
    pub span: Range<usize>,
}

/// `[statuts] (statuts.md)`: a label and a link target with a space between them, which
/// Markdown reads as text (the page shows the brackets and parentheses).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct SpacedLabel {
    /// Index of the text it is in.
    pub text: usize,
    /// The link as meant, the space removed: `[statuts](statuts.md)`.
    pub fixed: String,
    /// What stands between `]` and `(`; `None` for full-width parentheses
    /// (`[statuts]（statuts.md）`).
    pub gap: Option<crate::i18n::LinkGap>,
    /// Byte span of the `[` in its text.
    pub span: Range<usize>,
}

/// How a link written is broken (see [`broken_links`]).
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Broken {
    /// `[texte](page.md` and no `)` on the line: the link as meant.
    Unclosed { fixed: String },
    /// `[texte][ref]` and no definition `[ref]: …`: the reference's label.
    UndefinedReference { label: String },
    /// `[^2]` and no definition `[^2]: …` in the text: the footnote's label.
    UndefinedFootnote { label: String },
    /// `[^1]: …` a second time in the text: the label and the first definition's span.
    FootnoteTwice { label: String, first: Range<usize> },
}

/// A link written that the page shows as text, in text `text` of the page, at the span
/// of its `[`.
#[derive(Debug, Clone)]
pub struct BrokenLink {
    pub text: usize,
    pub broken: Broken,
    pub span: Range<usize>,
}

/// A rendered document.
#[derive(Debug, Default, Clone)]
pub struct Rendered {
    /// One HTML fragment per text, in order.
    pub html: Vec<String>,
    /// Every id of those fragments, in order (an id written twice appears twice).
    pub ids: Vec<String>,
    /// The ids among them written in raw HTML, in order.
    pub raw_ids: Vec<RawId>,
    /// Ids written in raw HTML that equal the anchor a heading of the page would get
    /// (`<span id="ses-limites">` with `## Ses limites`), first occurrence of each: the
    /// heading takes another id and a link to its anchor lands on the element.
    pub heading_anchors_taken: Vec<RawId>,
    /// Ids written in raw HTML that no page can hold (empty, or with a space): the
    /// sanitiser drops them.
    pub invalid_ids: Vec<RawId>,
    /// Headings whose anchor is one of the page's own ids (`## cs-history` on a
    /// principle's page, whose template writes `cs-history`): the heading takes another id
    /// (`id` of the [`RawId`]) and a link to the anchor (`anchor`) leads to the site's
    /// section, not to the heading.
    pub reserved_headings: Vec<(String, RawId)>,
    /// The ids the page holds of its own, around these fragments (see [`PageIds::held`]).
    pub page_ids: Vec<String>,
    /// Ids the page may hold of its own (see [`PageIds::possible`]).
    pub possible_ids: Vec<String>,
    /// Every local link they hold.
    pub links: Vec<Found>,
    /// The values of `name` attributes written in raw HTML (`<a name="art-4">`), which no
    /// link reaches: what a missing anchor may have been meant as.
    pub names: Vec<String>,
    /// Links written that the page shows as text.
    pub unlinked: Vec<Unlinked>,
    /// Labels and link targets with a space between them, shown as text.
    pub spaced_labels: Vec<SpacedLabel>,
    /// Link syntax broken so that the page shows it as text: a target never closed by `)`,
    /// a reference with no definition.
    pub broken_links: Vec<BrokenLink>,
    /// Links whose address the sanitiser removes ([`super::links::removed`]): a file of
    /// one computer, or a script. The page shows their text with no link.
    pub removed: Vec<Unlinked>,
    /// Texts that hold more than [`MAX_ELEMENTS`] elements, by index, with the byte
    /// offset where the bound was passed: they are not rendered.
    pub too_complex: Vec<(usize, usize)>,
}

impl Rendered {
    /// The raw ids that repeat an id given before on the page, one this renderer gives (a
    /// footnote's) or one of the page's own: one per extra occurrence.
    pub fn duplicate_ids(&self) -> Vec<&RawId> {
        let mut ours: HashMap<&str, usize> = HashMap::new();
        for id in self.page_ids.iter().chain(&self.possible_ids) {
            *ours.entry(id.as_str()).or_default() += 1;
        }
        for id in &self.ids {
            *ours.entry(id.as_str()).or_default() += 1;
        }
        for raw in &self.raw_ids {
            if let Some(n) = ours.get_mut(raw.id.as_str()) {
                *n -= 1;
            }
        }
        let mut seen = HashSet::new();
        self.raw_ids
            .iter()
            .filter(|raw| {
                let first = seen.insert(raw.id.as_str());
                !first || ours.get(raw.id.as_str()).is_some_and(|n| *n > 0)
            })
            .collect()
    }

    /// Whether the page holds `id`.
    #[cfg(test)]
    pub fn has_id(&self, id: &str) -> bool {
        self.ids.iter().chain(&self.page_ids).any(|i| i == id)
    }
}

/// Renders the texts of one document (body first, then its Markdown fields).
pub fn render(texts: &[&str], ctx: Context) -> Rendered {
    let own = ctx.page_ids.reserved();
    let first = Pass::run(texts, ctx, Ids::with_reserved(own));
    // Raw ids equal to a heading's anchor: the heading moves to another id, and links to
    // its anchor land on the element instead.
    let taken: HashSet<String> = first
        .raw_ids
        .iter()
        .filter(|r| first.heading_ids.contains(*r))
        .cloned()
        .collect();
    let mut rendered = if !taken.is_empty() {
        // A heading took an id written in raw HTML: give headings the others.
        let raw = first.raw_ids.iter().map(String::as_str);
        let reserved = Ids::with_reserved(raw.chain(ctx.page_ids.reserved()));
        Pass::run(texts, ctx, reserved).rendered
    } else {
        first.rendered
    };
    let mut seen = HashSet::new();
    rendered.heading_anchors_taken = rendered
        .raw_ids
        .iter()
        .filter(|r| taken.contains(&r.id) && seen.insert(r.id.clone()))
        .cloned()
        .collect();
    rendered.page_ids = ctx.page_ids.held.clone();
    rendered.possible_ids = ctx.page_ids.possible.clone();
    rendered
}

/// One rendering of every text with a given allocator.
struct Pass {
    rendered: Rendered,
    heading_ids: HashSet<String>,
    raw_ids: Vec<String>,
}

impl Pass {
    fn run(texts: &[&str], ctx: Context, ids: Ids) -> Pass {
        let mut state = State {
            ids,
            footnotes: HashMap::new(),
            ours: Vec::new(),
            site: ctx.page_ids.reserved().map(str::to_string).collect(),
        };
        let mut pass = Pass {
            rendered: Rendered::default(),
            heading_ids: HashSet::new(),
            raw_ids: Vec::new(),
        };
        for (index, text) in texts.iter().enumerate() {
            let ours_before = state.ours.len();
            let (mut html, mut written) = write_html(text, index, ctx.summary, &mut state);
            if let Some(at) = written.too_complex {
                pass.rendered.too_complex.push((index, at));
            }
            if ctx.summary {
                // A summary is shown on another page, whose ids are not its document's.
                html = html_scan::map_ids(&html, |_| None);
            }
            let scan = html_scan::scan(&html);
            // The ids this renderer wrote, as a multiset; the raw ones by value, in order:
            // each id of the HTML is matched in constant time, not by a search of the list
            // (a text of 300,000 ids or links stays linear).
            let mut ours: HashMap<&str, usize> = HashMap::new();
            for id in &state.ours[ours_before..] {
                *ours.entry(id.as_str()).or_default() += 1;
            }
            let mut raw = Queues::new(&written.ids, |w| w.value.clone());
            let mut taken = vec![false; written.ids.len()];
            for id in &scan.ids {
                match ours.get_mut(id.value.as_str()).filter(|n| **n > 0) {
                    Some(n) => *n -= 1,
                    None => {
                        pass.raw_ids.push(id.value.clone());
                        let span = raw.take(&id.value).and_then(|i| {
                            taken[i] = true;
                            written.ids[i].span.clone()
                        });
                        pass.rendered.raw_ids.push(RawId {
                            id: id.value.clone(),
                            text: index,
                            span,
                        });
                    }
                }
            }
            pass.rendered
                .ids
                .extend(scan.ids.iter().map(|a| a.value.clone()));
            pass.rendered.names.append(&mut written.names);
            pass.rendered
                .unlinked
                .extend(written.unlinked.drain(..).map(|(dest, span)| Unlinked {
                    text: index,
                    dest,
                    span,
                }));
            pass.rendered
                .spaced_labels
                .extend(
                    written
                        .spaced_labels
                        .drain(..)
                        .map(|(fixed, gap, span)| SpacedLabel {
                            text: index,
                            fixed,
                            gap,
                            span,
                        }),
                );
            pass.rendered
                .broken_links
                .extend(written.broken.drain(..).map(|(broken, span)| BrokenLink {
                    text: index,
                    broken,
                    span,
                }));
            pass.rendered.removed.extend(
                written
                    .links
                    .iter()
                    .chain(&written.raw_urls)
                    .filter(|p| super::links::removed(&p.value))
                    .map(|p| Unlinked {
                        text: index,
                        dest: p.value.clone(),
                        span: p.span.clone().unwrap_or(0..0),
                    }),
            );
            pass.rendered.invalid_ids.extend(
                written
                    .ids
                    .iter()
                    .zip(&taken)
                    .filter(|(w, taken)| !**taken && !sanitize::valid_id(&w.value))
                    .map(|(w, _)| w)
                    .map(|w| RawId {
                        id: w.value.clone(),
                        text: index,
                        span: w.span.clone(),
                    }),
            );
            pass.rendered
                .reserved_headings
                .extend(
                    written
                        .reserved_headings
                        .drain(..)
                        .map(|(anchor, id, span)| {
                            let raw = RawId {
                                id,
                                text: index,
                                span: Some(span),
                            };
                            (anchor, raw)
                        }),
                );
            let (html, found) = relink(&html, &scan.urls, index, &written, ctx);
            pass.rendered.links.extend(found);
            pass.rendered.html.push(html);
        }
        pass.heading_ids = state.headings();
        pass
    }
}

/// What the allocation has given so far on the page.
struct State {
    ids: Ids,
    /// Footnote numbers by (text, label), in order of first appearance on the page.
    footnotes: HashMap<(usize, String), usize>,
    /// Ids this renderer wrote (headings, footnotes), in order.
    ours: Vec<String>,
    /// The page's own ids (its template's), which no heading takes.
    site: HashSet<String>,
}

impl State {
    fn footnote(&mut self, text: usize, label: &str) -> usize {
        let next = self.footnotes.len() + 1;
        *self
            .footnotes
            .entry((text, label.to_string()))
            .or_insert(next)
    }

    fn headings(&self) -> HashSet<String> {
        self.ours
            .iter()
            .filter(|id| !id.starts_with("fn:"))
            .cloned()
            .collect()
    }
}

/// A link's destination or an id as written, with its span in the text (`None` when the
/// parser's offsets do not lead to it).
struct Place {
    value: String,
    span: Option<Range<usize>>,
}

/// What a text holds as written: its Markdown links, and the ids and URLs of its raw HTML.
#[derive(Default)]
struct Written {
    links: Vec<Place>,
    raw_urls: Vec<Place>,
    ids: Vec<Place>,
    names: Vec<String>,
    /// Link syntax read as text: the target and its span.
    unlinked: Vec<(String, Range<usize>)>,
    /// `[b] (x.md)`: the link as meant and the span of its `[`.
    spaced_labels: Vec<Spaced>,
    /// Link syntax broken (see [`Broken`]), and the span of its `[`.
    broken: Vec<(Broken, Range<usize>)>,
    /// Headings whose anchor is the page's own: the anchor, the id given, the heading's
    /// span.
    reserved_headings: Vec<(String, String, Range<usize>)>,
    /// Where the text passed [`MAX_ELEMENTS`]: it is not rendered.
    too_complex: Option<usize>,
}

impl Written {
    /// Records the ids and URLs of a raw HTML event `html` found at `span` of `text`.
    fn raw(&mut self, text: &str, html: &str, span: &Range<usize>) {
        // Offsets inside the event hold only when it is the text as written (a line of a
        // block quote is given without its `>`).
        let base = (text.get(span.clone()) == Some(html)).then_some(span.start);
        let at = |r: &Range<usize>| base.map(|b| b + r.start..b + r.end);
        let scan = html_scan::scan(html);
        for a in &scan.ids {
            self.ids.push(Place {
                value: crate::slug::nfc(&a.value).into_owned(),
                span: at(&a.range),
            });
        }
        self.names.extend(
            scan.names
                .iter()
                .map(|a| crate::slug::nfc(&a.value).into_owned()),
        );
        for a in &scan.urls {
            self.raw_urls.push(Place {
                value: a.value.clone(),
                span: at(&a.range),
            });
        }
    }
}

/// The places of a list by key, each key's in the order written: [`Queues::take`] gives
/// the first place not yet taken with a key in constant time, where a search of the list
/// and a removal from it would cost the list's length for each (quadratic on a text of
/// hundreds of thousands of links).
struct Queues<K> {
    by_key: HashMap<K, VecDeque<usize>>,
}

impl<K: Hash + Eq> Queues<K> {
    fn new(places: &[Place], key: impl Fn(&Place) -> K) -> Self {
        let mut by_key: HashMap<K, VecDeque<usize>> = HashMap::new();
        for (i, place) in places.iter().enumerate() {
            by_key.entry(key(place)).or_default().push_back(i);
        }
        Queues { by_key }
    }

    /// The index of the first place with `key` not yet taken, now taken.
    fn take<Q>(&mut self, key: &Q) -> Option<usize>
    where
        K: std::borrow::Borrow<Q>,
        Q: Hash + Eq + ?Sized,
    {
        self.by_key.get_mut(key)?.pop_front()
    }

    /// The index of the first place with `key` not yet taken, left in place.
    fn peek<Q>(&self, key: &Q) -> Option<usize>
    where
        K: std::borrow::Borrow<Q>,
        Q: Hash + Eq + ?Sized,
    {
        self.by_key.get(key)?.front().copied()
    }
}

/// The text as HTML (sanitised when it needs it), and what it holds as written.
fn write_html(text: &str, index: usize, summary: bool, state: &mut State) -> (String, Written) {
    // Same length, same offsets: a table row's `|` after a no-break space is read as such.
    let rows = super::table_rows(text);
    let text: &str = &rows;
    // The parser builds a tree of the whole text before its first event (about 100 bytes
    // a node), and each event is then held twice while the page is written: a text past
    // the bound is not parsed, so that no file can take memory out of proportion.
    if let Some(at) = past_bound(text) {
        let written = Written {
            too_complex: Some(at),
            ..Written::default()
        };
        return (String::new(), written);
    }
    let mut parsed: Vec<(Event, Range<usize>)> = Vec::new();
    for (event, span) in Parser::new_ext(text, super::options()).into_offset_iter() {
        if parsed.len() == 4 * MAX_ELEMENTS {
            let written = Written {
                too_complex: Some(span.start),
                ..Written::default()
            };
            return (String::new(), written);
        }
        parsed.push((event, span));
    }
    let (heading_ids, anchors) = heading_ids(&parsed, &mut state.ids);
    let reserved_headings = heading_ids
        .iter()
        .zip(anchors)
        .filter(|(given, (anchor, _))| *given != anchor && state.site.contains(anchor))
        .map(|(given, (anchor, span))| (anchor, given.clone(), span))
        .collect();
    state.ours.extend(heading_ids.iter().cloned());
    let mut next_heading = heading_ids.into_iter();
    let (unlinked, spaced_labels, broken) = unlinked(text, &parsed);
    // Bare addresses as links, as GitHub shows them: after the searches above, which
    // look at the text as the parser read it.
    let parsed = super::autolink::link(text, parsed);
    let mut written = Written {
        unlinked,
        spaced_labels,
        broken,
        reserved_headings,
        ..Written::default()
    };
    let mut defined: HashMap<String, Range<usize>> = HashMap::new();
    #[cfg(test)]
    let mut untrusted = ALWAYS_SANITIZE.with(std::cell::Cell::get);
    #[cfg(not(test))]
    let mut untrusted = false;
    let mut events: Vec<Event> = Vec::with_capacity(parsed.len());
    let mut in_note = false;
    for (event, span) in parsed {
        if summary {
            match event {
                Event::Start(Tag::FootnoteDefinition(_)) => in_note = true,
                Event::End(TagEnd::FootnoteDefinition) => {
                    in_note = false;
                    continue;
                }
                _ => {}
            }
            if in_note {
                continue;
            }
        }
        let event = match event {
            Event::Html(ref html) | Event::InlineHtml(ref html) => {
                untrusted = true;
                written.raw(text, html, &span);
                event
            }
            // What ammonia would remove anyway: alignment styles and code language classes.
            Event::Start(Tag::Table(aligns)) => Event::Start(Tag::Table(vec![
                pulldown_cmark::Alignment::None;
                aligns.len()
            ])),
            Event::Start(Tag::CodeBlock(CodeBlockKind::Fenced(_))) => {
                Event::Start(Tag::CodeBlock(CodeBlockKind::Fenced("".into())))
            }
            Event::Start(Tag::Heading { level, .. }) => {
                let id = next_heading.next().unwrap_or_default();
                Event::Html(format!("<h{} id=\"{}\">", shifted(level), escape(&id)).into())
            }
            Event::End(TagEnd::Heading(level)) => {
                Event::Html(format!("</h{}>", shifted(level)).into())
            }
            Event::FootnoteReference(_) if summary => continue,
            Event::FootnoteReference(label) => {
                let n = state.footnote(index, &label);
                Event::Html(
                    format!(
                        "<sup class=\"footnote-reference\"><a href=\"#{}\">{n}</a></sup>",
                        ids::footnote(n)
                    )
                    .into(),
                )
            }
            Event::Start(Tag::FootnoteDefinition(label)) => {
                let n = state.footnote(index, &label);
                // A label defined twice keeps its id on the first definition only.
                let first = defined.get(label.as_ref()).cloned();
                if let Some(first) = first.clone() {
                    let label = label.to_string();
                    let at = span.start..span.start + 1;
                    written
                        .broken
                        .push((Broken::FootnoteTwice { label, first }, at));
                } else {
                    defined.insert(label.to_string(), span.start..span.start + 1);
                }
                let id = if first.is_none() {
                    let id = ids::footnote(n);
                    state.ours.push(id.clone());
                    format!(" id=\"{id}\"")
                } else {
                    String::new()
                };
                Event::Html(
                    format!(
                        "<div class=\"footnote-definition\"{id}><sup class=\"footnote-definition-label\">{n}</sup>"
                    )
                    .into(),
                )
            }
            Event::End(TagEnd::FootnoteDefinition) => Event::Html("</div>\n".into()),
            Event::Start(Tag::Link { ref dest_url, .. } | Tag::Image { ref dest_url, .. }) => {
                untrusted |= !plain_url(dest_url);
                written.links.push(Place {
                    value: dest_url.to_string(),
                    span: Some(dest_span(text, dest_url, span)),
                });
                event
            }
            other => other,
        };
        events.push(event);
    }
    let mut html = String::with_capacity(text.len() * 3 / 2);
    pulldown_cmark::html::push_html(&mut html, events.into_iter());
    let html = if sanitize::nesting_depth(&html) > sanitize::MAX_HTML_DEPTH {
        written = Written::default();
        format!("<pre>{}</pre>", escape(text))
    } else if untrusted {
        sanitize::clean(&html)
    } else {
        html
    };
    // A raw control character in the text (which `check` warns about) keeps the page valid.
    (crate::html::replace_forbidden(html), written)
}

/// Most Markdown elements one text may hold, counted as the lines and the marks that can
/// open or close one (`|`, `*`, `_`, `` ` ``, `[`, `]`, `<`, `>`, `#`, `-`, `+`, `!`, `&`,
/// `~`, `\\`): a text holds fewer elements than that, and the parser's tree and events for
/// it take at most about 80 MB. Statutes, the longest documents of a #CodeSocial, count
/// 5,000 to 20,000. `check` reports a text past it (`codesocial::markdown::too-complex`;
/// issue 14: 8 MB of table cells took 2 GB), and it is not rendered.
pub const MAX_ELEMENTS: usize = 100_000;

/// A label and target apart (see [`spaced_labels`]): the link as meant, what stands
/// between them (`None`: full-width parentheses), the span of the `[`.
type Spaced = (String, Option<crate::i18n::LinkGap>, Range<usize>);

/// Where `text` passes [`MAX_ELEMENTS`], if it does (one pass over its bytes).
fn past_bound(text: &str) -> Option<usize> {
    let mut seen = 0usize;
    text.bytes().position(|b| {
        if matches!(
            b,
            b'\n'
                | b'|'
                | b'*'
                | b'_'
                | b'`'
                | b'['
                | b']'
                | b'<'
                | b'>'
                | b'#'
                | b'-'
                | b'+'
                | b'!'
                | b'&'
                | b'~'
                | b'\\'
        ) {
            seen += 1;
        }
        seen > MAX_ELEMENTS
    })
}

/// The longest link target looked for in text the parser did not read as a link.
const MAX_TARGET: usize = 2048;

/// Link syntax that the parser left as text, with a space in its target
/// (`[statuts](mes statuts.pdf)`): each target and its span in `text`. Runs of text
/// outside code and links are searched, as written in `text`. Also, second, the labels
/// followed by a space then a parenthesis holding what looks like a link target
/// (`[statuts] (statuts.md)`): the link as meant and the span of the `[`.
#[allow(clippy::type_complexity)]
fn unlinked(
    text: &str,
    parsed: &[(Event, Range<usize>)],
) -> (
    Vec<(String, Range<usize>)>,
    Vec<Spaced>,
    Vec<(Broken, Range<usize>)>,
) {
    let mut runs: Vec<Range<usize>> = Vec::new();
    // Links the parser did read (one inside an emphasis is within its run).
    let mut links: Vec<Range<usize>> = Vec::new();
    let mut codes: Vec<Range<usize>> = Vec::new();
    let mut depth = 0usize;
    for (event, span) in parsed {
        if let Event::Start(Tag::Link { .. } | Tag::Image { .. }) = event {
            links.push(span.clone());
        }
        match event {
            Event::Start(Tag::CodeBlock(_) | Tag::Link { .. } | Tag::Image { .. }) => depth += 1,
            Event::End(TagEnd::CodeBlock | TagEnd::Link | TagEnd::Image) => {
                depth = depth.saturating_sub(1)
            }
            // Emphasis or code inside a label (`[**gras** statuts](…)`) continues the run;
            // what code holds is no link syntax.
            // A line break inside a paragraph continues it too: `[statuts]` at the end of
            // a line and `(statuts.md)` on the next are one run.
            Event::Text(_)
            | Event::Code(_)
            | Event::SoftBreak
            | Event::Start(Tag::Emphasis | Tag::Strong | Tag::Strikethrough)
                if depth == 0 =>
            {
                if let Event::Code(_) = event {
                    codes.push(span.clone());
                }
                // A line break takes the next line's indentation, which the parser drops.
                let mut span = span.clone();
                if let Event::SoftBreak = event {
                    let rest = text.get(span.end..).unwrap_or_default();
                    span.end += rest.len() - rest.trim_start_matches([' ', '\t']).len();
                }
                match runs.last_mut() {
                    Some(last) if last.end >= span.start => last.end = last.end.max(span.end),
                    _ => runs.push(span),
                }
            }
            _ => {}
        }
    }
    // Whether byte `at` of `text` is in one of `ranges` (sorted by start; a link's may
    // hold another's, so the few before are looked at).
    let within = |ranges: &[Range<usize>], at: usize| {
        let n = ranges.partition_point(|r| r.start <= at);
        ranges[..n].iter().rev().take(4).any(|r| r.contains(&at))
    };
    let mut out = Vec::new();
    let mut spaced = Vec::new();
    let mut broken = Vec::new();
    for run in runs {
        let Some(s) = text.get(run.clone()) else {
            continue;
        };
        // A run that starts just after a `\` (`\[^2]`: the parser gives the `[` alone)
        // is read with it, so that the escape is seen.
        let from = run.start - usize::from(text[..run.start].ends_with('\\'));
        let escaped = &text[from..run.end];
        spaced.extend(spaced_labels(escaped, from, |at| {
            within(&links, at) || within(&codes, at)
        }));
        broken.extend(broken_links(escaped, from, |at| {
            within(&links, at) || within(&codes, at)
        }));
        let bytes = s.as_bytes();
        let escaped = |i: usize| i > 0 && bytes[i - 1] == b'\\';
        // One pass: the last `[` that may open a label, then each `](` after it.
        let mut open: Option<usize> = None;
        let mut stop = 0;
        let mut i = 0;
        while i + 1 < bytes.len() {
            let at = run.start + i;
            match bytes[i] {
                b'[' if !escaped(i) && !within(&codes, at) => open = Some(i),
                b']' if bytes[i + 1] == b'(' && open.is_some() && !escaped(i) => {
                    let skip = within(&links, at) || within(&codes, at);
                    // The target: up to `)`, on this line, within a bounded length. The
                    // next `)` or line end is found once for all the `](` before it.
                    if stop < i + 2 {
                        stop = bytes[i + 2..]
                            .iter()
                            .position(|&b| b == b')' || b == b'\n')
                            .map_or(bytes.len(), |c| i + 2 + c);
                    }
                    let close =
                        (stop < bytes.len() && bytes[stop] == b')' && stop - (i + 2) <= MAX_TARGET)
                            .then_some(stop);
                    if let (false, Some(close)) = (skip, close) {
                        let dest = &s[i + 2..close];
                        let spaced = dest.trim().contains([' ', '\t']);
                        if spaced && !dest.trim_start().starts_with('<') {
                            out.push((dest.to_string(), run.start + i + 2..run.start + close));
                            open = None;
                            i = close + 1;
                            continue;
                        }
                    }
                }
                _ => {}
            }
            i += 1;
        }
        out.extend(spaced_definitions(text, run.clone()));
    }
    (out, spaced, broken)
}

/// In the run `s` (starting at byte `start` of its text; `skip` tells the bytes inside
/// links and code), link syntax the parser read as text: `[label](target` with no `)`
/// before the end of the line (the target one word that looks like one), and
/// `[label][ref]` (or `[ref][]`), a reference with no definition. What is broken, and the
/// span of the link's `[`.
fn broken_links(
    s: &str,
    start: usize,
    skip: impl Fn(usize) -> bool,
) -> Vec<(Broken, Range<usize>)> {
    let bytes = s.as_bytes();
    let mut out = Vec::new();
    let mut open: Option<usize> = None;
    // The end of the current line and the next `)` (or `]`) at or after a place, each
    // found once and kept until passed: one pass over the run, however many brackets.
    let mut line_end = 0;
    let mut next_paren = 0;
    let mut next_bracket = 0;
    let next = |from: usize, b: u8| {
        bytes[from..]
            .iter()
            .position(|&c| c == b)
            .map_or(bytes.len(), |p| from + p)
    };
    let mut i = 0;
    while i < bytes.len() {
        match bytes[i] {
            b'\n' => open = None,
            b'[' if (i == 0 || bytes[i - 1] != b'\\') => open = Some(i),
            b']' if open.is_some() && bytes[i - 1] != b'\\' => {
                let o = open.take().unwrap_or_default();
                let label = &s[o + 1..i];
                if line_end < i {
                    line_end = next(i, b'\n');
                }
                if next_paren < i + 2 {
                    next_paren = next((i + 2).min(bytes.len()), b')');
                }
                if next_bracket < i + 2 {
                    next_bracket = next((i + 2).min(bytes.len()), b']');
                }
                if label.trim().is_empty() || skip(start + o) {
                    i += 1;
                    continue;
                }
                // `[^2]` left as text: a footnote reference with no definition (one with
                // a definition is the parser's, not text).
                if let Some(note) = label.strip_prefix('^') {
                    let definition = bytes.get(i + 1) == Some(&b':');
                    if !note.is_empty() && !note.contains(char::is_whitespace) && !definition {
                        let label = note.to_string();
                        out.push((
                            Broken::UndefinedFootnote { label },
                            start + o..start + o + 1,
                        ));
                    }
                    i += 1;
                    continue;
                }
                match bytes.get(i + 1) {
                    Some(b'(') if next_paren >= line_end => {
                        // The first word, within the longest target looked for.
                        let window = &bytes[i + 2..line_end.min(i + 2 + MAX_TARGET)];
                        let Some(word) = window
                            .iter()
                            .position(|b| b.is_ascii_whitespace())
                            .or((line_end <= i + 2 + MAX_TARGET).then_some(window.len()))
                        else {
                            i += 1;
                            continue;
                        };
                        let target = &s[i + 2..i + 2 + word];
                        // `(page.md, ici`: the punctuation after the target is the text's.
                        let target = target.trim_end_matches([',', ';', ':', '.', '!', '?']);
                        if looks_like_target(target) {
                            let fixed = format!("[{label}]({target})");
                            out.push((Broken::Unclosed { fixed }, start + o..start + o + 1));
                        }
                    }
                    Some(b'[') => {
                        if let Some(close) =
                            (next_bracket < line_end).then(|| next_bracket - (i + 2))
                        {
                            let reference = &s[i + 2..i + 2 + close];
                            let reference = if reference.trim().is_empty() {
                                label
                            } else {
                                reference
                            };
                            if !reference.contains(['[', '^']) {
                                let label = reference.trim().to_string();
                                out.push((
                                    Broken::UndefinedReference { label },
                                    start + o..start + o + 1,
                                ));
                            }
                            i += 2 + close;
                        }
                    }
                    _ => {}
                }
            }
            _ => {}
        }
        i += 1;
    }
    out
}

/// `[statuts] (statuts.md)` in the run `s` (starting at byte `start` of its text): a
/// label, then spaces, tabs, no-break spaces or one line break, then a parenthesis holding
/// one word that looks like a link target (a path with an extension or a `/`, an anchor,
/// an address); or a label then full-width parentheses `（…）`. `skip` tells the bytes
/// inside links and code. The link as meant, what stood between, and the span of its `[`.
fn spaced_labels(s: &str, start: usize, skip: impl Fn(usize) -> bool) -> Vec<Spaced> {
    use crate::i18n::LinkGap;
    let bytes = s.as_bytes();
    let mut out = Vec::new();
    let mut open: Option<usize> = None;
    let mut i = 0;
    while i < bytes.len() {
        match bytes[i] {
            b'\n' => open = None,
            b'[' if (i == 0 || bytes[i - 1] != b'\\') && !skip(start + i) => open = Some(i),
            b']' if open.is_some() => {
                let o = open.take().unwrap_or_default();
                // What stands between `]` and `(`: spaces, tabs, no-break spaces, at most
                // one line break; the worst of them names the gap.
                let mut paren = i + 1;
                let mut gap: Option<LinkGap> = None;
                let mut breaks = 0;
                while let Some(c) = s[paren..].chars().next() {
                    let kind = match c {
                        ' ' | '\t' => LinkGap::Space,
                        '\u{a0}' | '\u{202f}' => LinkGap::NoBreakSpace,
                        '\r' | '\n' if breaks == 0 => LinkGap::LineBreak,
                        _ => break,
                    };
                    if c == '\n' {
                        breaks += 1;
                    }
                    gap = Some(match (gap, kind) {
                        (Some(LinkGap::LineBreak), _) | (_, LinkGap::LineBreak) => {
                            LinkGap::LineBreak
                        }
                        (Some(LinkGap::NoBreakSpace), _) | (_, LinkGap::NoBreakSpace) => {
                            LinkGap::NoBreakSpace
                        }
                        _ => LinkGap::Space,
                    });
                    paren += c.len_utf8();
                }
                let full_width = s[paren..].starts_with('\u{ff08}');
                if (gap.is_none() && !full_width) || skip(start + o) {
                    i += 1;
                    continue;
                }
                let inner = paren + if full_width { '\u{ff08}'.len_utf8() } else { 1 };
                let closing = |b: usize| {
                    bytes[b] == b'\n'
                        || if full_width {
                            s[b..].starts_with('\u{ff09}') || bytes[b] == b')'
                        } else {
                            bytes[b] == b')'
                        }
                };
                if !full_width && bytes.get(paren) != Some(&b'(') {
                    i += 1;
                    continue;
                }
                let Some(close) = (inner..bytes.len())
                    .filter(|&b| s.is_char_boundary(b))
                    .find(|&b| closing(b))
                    .filter(|&c| bytes[c] != b'\n')
                else {
                    i += 1;
                    continue;
                };
                let label = &s[o + 1..i];
                let target = &s[inner..close];
                if !label.trim().is_empty() && looks_like_target(target) {
                    let gap = if full_width { None } else { gap };
                    out.push((
                        format!("[{label}]({target})"),
                        gap,
                        start + o..start + o + 1,
                    ));
                }
                i = close;
            }
            _ => {}
        }
        i += 1;
    }
    out
}

/// Whether `t` (what a parenthesis holds) looks like a link target rather than words: one
/// word that is an anchor, an address, or a path with a `/` or a file extension.
fn looks_like_target(t: &str) -> bool {
    if t.is_empty() || t.contains(char::is_whitespace) {
        return false;
    }
    let lower = t.to_ascii_lowercase();
    let extension = t.rsplit_once('.').is_some_and(|(name, ext)| {
        !name.is_empty()
            && (1..=5).contains(&ext.len())
            && ext.chars().all(|c| c.is_ascii_alphanumeric())
            && ext.chars().any(|c| c.is_ascii_alphabetic())
    });
    (t.starts_with('#') && t.len() > 1)
        || lower.starts_with("http://")
        || lower.starts_with("https://")
        || lower.starts_with("mailto:")
        || t.contains('/')
        || extension
}

/// `[x]: ../a b.md`: a reference definition whose target holds a space is no definition
/// (CommonMark), and the line shows as text, as an inline link with a space does. The
/// lines of the text run `run` that read so (a label at the start of the line, `]:`, then
/// a target that looks like a path or an address): the target as written and its span.
fn spaced_definitions(text: &str, run: Range<usize>) -> Vec<(String, Range<usize>)> {
    let mut out = Vec::new();
    let mut start = run.start;
    while start < run.end {
        let end = text[start..run.end]
            .find('\n')
            .map_or(run.end, |e| start + e);
        let line_start = text[..start].rfind('\n').map_or(0, |i| i + 1);
        let indent = &text[line_start..start];
        let line = &text[start..end];
        if indent.len() <= 3 && indent.bytes().all(|b| b == b' ') && line.starts_with('[') {
            if let Some(close) = line
                .find("]:")
                .filter(|&c| c > 1 && !line[1..c].contains('['))
            {
                let after = &line[close + 2..];
                let dest = after.trim();
                let at = start + close + 2 + (after.len() - after.trim_start().len());
                let first = dest.split([' ', '\t']).next().unwrap_or_default();
                let pathlike = |w: &str| {
                    w.contains(['/', '\\', '#'])
                        || w.rsplit_once('.').is_some_and(|(stem, ext)| {
                            !stem.is_empty()
                                && (1..=5).contains(&ext.len())
                                && ext.chars().all(|c| c.is_ascii_alphanumeric())
                        })
                };
                let last = dest.rsplit([' ', '\t']).next().unwrap_or_default();
                if dest.contains([' ', '\t'])
                    && !dest.starts_with('<')
                    && (pathlike(first) || pathlike(last))
                {
                    out.push((dest.to_string(), at..at + dest.len()));
                }
            }
        }
        start = end + 1;
    }
    out
}

/// The ids of the text's headings, in order, from the shared allocator; and each
/// heading's anchor as its text alone gives it, with the heading's span.
fn heading_ids(
    parsed: &[(Event, Range<usize>)],
    ids: &mut Ids,
) -> (Vec<String>, Vec<(String, Range<usize>)>) {
    let mut out = Vec::new();
    let mut anchors = Vec::new();
    let mut current: Option<String> = None;
    let mut at = 0..0;
    for (event, span) in parsed {
        match event {
            Event::Start(Tag::Heading { .. }) => {
                current = Some(String::new());
                at = span.clone();
            }
            Event::Text(t) | Event::Code(t) => {
                if let Some(text) = &mut current {
                    text.push_str(t);
                }
            }
            Event::End(TagEnd::Heading(_)) => {
                if let Some(text) = current.take() {
                    out.push(ids.heading(&text));
                    anchors.push((crate::slug::anchor(&text), at.clone()));
                }
            }
            _ => {}
        }
    }
    (out, anchors)
}

/// The span of a destination inside its link, else the whole link.
fn dest_span(text: &str, dest: &CowStr, link: Range<usize>) -> Range<usize> {
    let whole = &text[link.clone()];
    match whole.rfind(&**dest) {
        Some(i) if !dest.is_empty() => link.start + i..link.start + i + dest.len(),
        _ => link,
    }
}

/// Reads the links back from the HTML, says where each leads and rewrites the local ones.
/// Each is placed where it is written: a Markdown link, else a raw HTML attribute with
/// that value, in order (the start of the text when the parser gave no place).
fn relink(
    html: &str,
    urls: &[html_scan::Attr],
    index: usize,
    written: &Written,
    ctx: Context,
) -> (String, Vec<Found>) {
    let mut out = String::with_capacity(html.len());
    let mut found = Vec::new();
    let mut last = 0;
    let key = |w: &Place| links::split_local(&w.value);
    let mut markdown = Queues::new(&written.links, key);
    let mut raw = Queues::new(&written.raw_urls, key);
    for url in urls {
        let target = links::target(ctx.from, &url.value, ctx.tree);
        if target == Target::External {
            continue;
        }
        let same = links::split_local(&url.value);
        // The HTML keeps the text's order: of a Markdown link and a raw HTML attribute
        // with this destination, the one written first (the Markdown one when the raw
        // one's place is unknown).
        let start = |span: &Option<Range<usize>>| span.as_ref().map(|s| s.start);
        let raw_first = match (markdown.peek(&same), raw.peek(&same)) {
            (Some(m), Some(r)) => start(&written.raw_urls[r].span)
                .is_some_and(|r| start(&written.links[m].span).is_none_or(|m| r < m)),
            (m, _) => m.is_none(),
        };
        let span = if raw_first {
            raw.take(&same)
                .and_then(|i| written.raw_urls[i].span.clone())
        } else {
            markdown
                .take(&same)
                .and_then(|i| written.links[i].span.clone())
        }
        .unwrap_or(0..0);
        if let Some(new) = ctx.urls.url(&target) {
            out.push_str(&html[last..url.range.start]);
            out.push_str(&escape_url(&new));
            last = url.range.end;
        }
        found.push(Found {
            text: index,
            dest: url.value.clone(),
            span,
            target,
        });
    }
    out.push_str(&html[last..]);
    (out, found)
}

/// A URL as an attribute value: percent-encoded where a URL must be, HTML-escaped.
pub(super) fn escape_url(url: &str) -> String {
    let mut out = String::with_capacity(url.len());
    for b in url.bytes() {
        match b {
            b'&' => out.push_str("&amp;"),
            b'"' => out.push_str("&quot;"),
            b'\'' => out.push_str("&#x27;"),
            b if b.is_ascii_graphic() && !b"<>\\^`{|}".contains(&b) => out.push(char::from(b)),
            b => out.push_str(&format!("%{b:02X}")),
        }
    }
    out
}

/// A URL that needs no sanitiser: relative (no scheme), or `http`, `https`, `mailto` or
/// `tel`, with no whitespace or control character (browsers drop those inside a scheme,
/// so `java\tscript:` is `javascript:`). Anything else goes through ammonia.
pub(super) fn plain_url(url: &str) -> bool {
    if url
        .bytes()
        .any(|b| b.is_ascii_whitespace() || b.is_ascii_control())
    {
        return false;
    }
    let scheme_end = url.find(':');
    let path_start = url.find(['/', '?', '#']);
    match (scheme_end, path_start) {
        (None, _) => true,
        (Some(colon), Some(path)) if path < colon => true,
        (Some(colon), _) => {
            let scheme = url[..colon].to_ascii_lowercase();
            matches!(scheme.as_str(), "http" | "https" | "mailto" | "tel")
        }
    }
}

/// Body headings start at `##`; a body `#` is shown as `##` too, below the page's `h1`.
fn shifted(level: pulldown_cmark::HeadingLevel) -> usize {
    (level as usize).max(2)
}

use crate::html::escape;

#[cfg(test)]
mod tests {
    use super::plain_url;
    use super::*;

    fn rendered(text: &str) -> Rendered {
        super::super::render_alone("principes/p/a.md", text)
    }

    proptest::proptest! {
        #![proptest_config(proptest::prelude::ProptestConfig::with_cases(64))]
        /// Every local link of a text — Markdown or raw HTML, the same destination written
        /// many times, external links between them — is placed on its own destination as
        /// written, in order: the matching by destination finds the place a search of
        /// the list would.
        #[test]
        fn each_link_is_placed_on_its_own_destination(
            links in proptest::collection::vec((0usize..4, 0usize..5), 0..200),
            external_first in 0usize..300,
        ) {
            let mut text = "[e](https://x.example/) ".repeat(external_first);
            let mut local = 0;
            for (kind, dest) in &links {
                let dest = ["#a", "b.md", "#a%20b", "c.md#d", "../x/"][*dest];
                match kind {
                    0 => text.push_str(&format!("[l]({dest}) ")),
                    1 => text.push_str(&format!("<a href=\"{dest}\">l</a> ")),
                    2 => text.push_str(&format!("![i]({dest}) ")),
                    _ => {
                        text.push_str("[e](https://x.example/) ");
                        continue;
                    }
                }
                local += 1;
            }
            let found = rendered(&text).links;
            proptest::prop_assert_eq!(found.len(), local);
            let mut last = None;
            for link in &found {
                proptest::prop_assert_eq!(&text[link.span.clone()], link.dest.as_str());
                proptest::prop_assert!(last < Some(link.span.start), "{:?}", found);
                last = Some(link.span.start);
            }
        }
    }

    proptest::proptest! {
        #![proptest_config(proptest::prelude::ProptestConfig::with_cases(64))]
        /// Headings whose words are separated by any space a keyboard types (ordinary,
        /// no-break U+00A0, narrow no-break U+202F, thin U+2009): the ids the rendered page
        /// holds — read back from its HTML, what `check` accepts and what `build` writes —
        /// are those of the same headings typed with ordinary spaces, so `#article-3`
        /// reaches `## Article` U+00A0 `3`.
        #[test]
        fn a_no_break_space_in_a_heading_is_a_space_in_its_id(
            headings in proptest::collection::vec(
                proptest::collection::vec(
                    (
                        proptest::sample::select(vec!["Article", "3", "Étape", "a", "Ses", "limites", "?"]),
                        proptest::sample::select(vec![' ', '\u{a0}', '\u{202f}', '\u{2009}']),
                    ),
                    1..5,
                ),
                1..6,
            ),
        ) {
            let typed = |plain: bool| {
                headings
                    .iter()
                    .map(|words| {
                        let mut h = String::from("## ");
                        for (i, (w, sep)) in words.iter().enumerate() {
                            if i > 0 {
                                h.push(if plain { ' ' } else { *sep });
                            }
                            h.push_str(w);
                        }
                        h + "\n\n"
                    })
                    .collect::<String>()
            };
            let with_spaces = rendered(&typed(false));
            let plain = rendered(&typed(true));
            proptest::prop_assert_eq!(&with_spaces.ids, &plain.ids);
            let html = with_spaces.html.concat();
            for id in &with_spaces.ids {
                proptest::prop_assert!(html.contains(&format!("id=\"{id}\"")), "{} not in {}", id, html);
            }
        }
    }

    /// A raw id equal to the anchor a heading would get, before or after the heading, in
    /// the body or a later text, once or twice: reported once, at its first occurrence;
    /// raw ids no heading would get are not.
    #[test]
    fn a_raw_id_taking_a_heading_s_anchor_is_reported_once() {
        for body in [
            "<span id=\"ses-limites\">x</span>\n\n## Ses limites\n",
            "## Ses limites\n\n<span id=\"ses-limites\">x</span>\n",
            "## Ses limites\n\n<a id=\"ses-limites\"></a> <a id=\"ses-limites\"></a>\n",
            "## Ses\u{a0}limites\n\n<a id=\"autre\"></a><p id=\"ses-limites\">x</p>\n",
        ] {
            let r = rendered(body);
            let taken: Vec<&str> = r
                .heading_anchors_taken
                .iter()
                .map(|t| t.id.as_str())
                .collect();
            assert_eq!(taken, ["ses-limites"], "{body}");
            let at = r.heading_anchors_taken[0].span.clone().expect("placed");
            assert_eq!(&body[at], "ses-limites", "{body}");
        }
        let ctx_texts = ["## Ses limites\n", "<span id=\"ses-limites\">x</span>\n"];
        let paths = std::collections::BTreeSet::new();
        let ids = PageIds::default();
        let ctx = Context {
            from: "a.md",
            tree: Tree {
                paths: &paths,
                plans: &[],
            },
            urls: &AsWritten,
            summary: false,
            page_ids: &ids,
        };
        assert_eq!(render(&ctx_texts, ctx).heading_anchors_taken.len(), 1);
        for body in [
            "<span id=\"limites\">x</span>\n\n## Ses limites\n",
            "## Ses limites\n\n## Ses limites\n\n<a id=\"art-3\"></a>\n",
        ] {
            assert!(rendered(body).heading_anchors_taken.is_empty(), "{body}");
        }
    }

    #[test]
    fn plain_urls() {
        assert!(plain_url("https://x.org/a:b") && plain_url("a/b:c") && plain_url("#x"));
        assert!(!plain_url("javascript:x") && !plain_url("ftp://x") && !plain_url(" https://x"));
    }
}
