//! The document's outline: its top-level headings (ATX, setext, and the bold or bare
//! one-line paragraphs that name a chapter, as word processors write headings), and the
//! split of the text into a title, a preamble and chapters, each body re-levelled so that
//! it starts at `##`.

use std::ops::Range;

use pulldown_cmark::{Event, Parser, Tag, TagEnd};

use super::blocks::through_line_break;
use super::chapters::{self, Target};

/// A top-level heading of the document.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Heading {
    /// 1 to 6.
    pub level: u8,
    /// Its text, without markup.
    pub text: String,
    /// Its inline Markdown as written.
    pub source: String,
    /// The whole heading block, through its line break.
    pub range: Range<usize>,
    /// A paragraph read as a heading (`**Historique**`).
    pub pseudo: bool,
}

/// One chapter of the document.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Chapter {
    /// `None` for a heading that names nothing the method knows.
    pub target: Option<Target>,
    pub heading: Heading,
    /// Markdown, headings from `##`.
    pub body: String,
}

/// The document split.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Outline {
    /// The document's title heading, if it has one.
    pub title: Option<Heading>,
    /// The text before the first chapter.
    pub preamble: String,
    pub chapters: Vec<Chapter>,
    /// How the document writes its words where it is not in capitals ([`Spellings`]).
    pub spellings: Spellings,
}

/// Splits a Markdown document (without front matter) into its title, preamble and chapters.
pub fn split(md: &str) -> Outline {
    let headings = headings(md);
    let title = title_index(&headings);
    let bounds = boundaries(&headings, title);
    let first = bounds
        .first()
        .map_or(md.len(), |&i| headings[i].range.start);
    let preamble = match title.map(|i| &headings[i]) {
        Some(t) if t.range.start < first => {
            format!("{}{}", &md[..t.range.start], &md[t.range.end..first])
        }
        _ => md[..first].to_string(),
    };
    let chapters = bounds
        .iter()
        .enumerate()
        .map(|(n, &i)| {
            let h = &headings[i];
            let end = bounds
                .get(n + 1)
                .map_or(md.len(), |&j| headings[j].range.start);
            // Headings are in document order: those of this chapter follow its own.
            let next = bounds.get(n + 1).copied().unwrap_or(headings.len());
            let inner: Vec<&Heading> = headings[i + 1..next]
                .iter()
                .filter(|x| x.range.start >= h.range.end && x.range.end <= end)
                .collect();
            Chapter {
                target: chapters::recognise(&h.text),
                heading: h.clone(),
                body: relevel(md, h.range.end..end, &inner),
            }
        })
        .collect();
    Outline {
        title: title.map(|i| headings[i].clone()),
        preamble: tidy(&preamble),
        chapters,
        spellings: spellings(md),
    }
}

/// How a document writes each word (lowercased) in its lines that are not all capitals:
/// in lowercase somewhere, capitalised, in capitals (an acronym: `l'ADEME`).
pub type Spellings = std::collections::BTreeMap<String, u8>;

const LOWER: u8 = 1;
const CAPITALISED: u8 = 2;
const CAPITALS: u8 = 4;

fn spellings(md: &str) -> Spellings {
    let mut out = Spellings::new();
    for line in md.lines().filter(|l| l.chars().any(char::is_lowercase)) {
        for word in line.split(|c: char| !c.is_alphanumeric()) {
            let mut chars = word.chars();
            let Some(first) = chars.next() else {
                continue;
            };
            let rest: Vec<char> = chars.collect();
            let kind = if !first.is_uppercase() {
                LOWER
            } else if !rest.is_empty() && rest.iter().all(|c| !c.is_lowercase()) {
                CAPITALS
            } else {
                CAPITALISED
            };
            *out.entry(word.to_lowercase()).or_default() |= kind;
        }
    }
    out
}

/// Acronyms a #CodeSocial's titles use, kept in capitals even when the text does not
/// write them: legal forms, social and solidarity economy, governance.
const ACRONYMS: &[&str] = &[
    "rse", "ess", "scic", "scop", "sas", "sasu", "sarl", "sa", "ag", "ago", "age", "ca", "cse",
    "ong", "ngo", "pme", "tpe", "csr", "rh", "hr", "ue", "eu", "cae", "rgpd", "gdpr", "esus",
    "cgu",
];

/// Whether a title is written in capitals: more than two letters, none lowercase.
pub fn in_capitals(text: &str) -> bool {
    let letters: Vec<char> = text.chars().filter(|c| c.is_alphabetic()).collect();
    letters.len() > 2 && letters.iter().all(|c| !c.is_lowercase())
}

/// A title written in capitals (`MODÈLE ÉCONOMIQUE ET RSE`) in sentence case, each word
/// as the document writes it elsewhere: an acronym it writes in capitals stays so
/// (`RSE`), a name it capitalises keeps its capital, any other word is lowercase, and the
/// first letter is a capital. A word the document writes nowhere else stays in capitals
/// when it has no vowel or holds a digit (`CNRS`, `B2B`). Any other title is returned as
/// it is.
pub fn sentence_case(text: &str, spellings: &Spellings) -> String {
    if !in_capitals(text) {
        return text.to_string();
    }
    let mut out = String::with_capacity(text.len());
    let mut word = String::new();
    let mut first = true;
    let flush = |word: &mut String, out: &mut String, first: &mut bool| {
        if word.is_empty() {
            return;
        }
        let lower = word.to_lowercase();
        let seen = spellings.get(&lower).copied().unwrap_or(0);
        let vowel = lower.chars().any(|c| "aeiouyàâäéèêëîïôöùûüÿœæ".contains(c));
        let acronym = word.chars().count() > 1
            && (seen & CAPITALS != 0
                || (seen == 0
                    && (!vowel
                        || word.chars().any(|c| c.is_ascii_digit())
                        || ACRONYMS.contains(&lower.as_str()))));
        let cased = if acronym {
            word.clone()
        } else if seen & LOWER == 0 && seen & CAPITALISED != 0 || *first {
            let mut chars = lower.chars();
            chars
                .next()
                .map(|c| c.to_uppercase().chain(chars).collect())
                .unwrap_or_default()
        } else {
            lower
        };
        out.push_str(&cased);
        *first = false;
        word.clear();
    };
    for c in text.chars() {
        if c.is_alphanumeric() {
            word.push(c);
        } else {
            flush(&mut word, &mut out, &mut first);
            out.push(c);
        }
    }
    flush(&mut word, &mut out, &mut first);
    out
}

/// The first heading is the title when it names no chapter and either names the
/// organisation's #CodeSocial or is the only heading of the highest level.
fn title_index(headings: &[Heading]) -> Option<usize> {
    let first = headings.first()?;
    if first.pseudo || !first.text.chars().any(char::is_alphanumeric) {
        return None;
    }
    let named = matches!(
        chapters::recognise(&first.text),
        None | Some(Target::Container)
    );
    let top = headings.iter().map(|h| h.level).min()?;
    let alone = first.level == top && headings.iter().filter(|h| h.level == top).count() == 1;
    let codesocial = chapters::fold(&first.text).contains("codesocial");
    (named && (codesocial || (alone && headings.len() > 1))).then_some(0)
}

/// The chapter that is open while the headings are read: its level, whether it was a
/// paragraph read as a heading, and what it names.
struct Open {
    level: u8,
    pseudo: bool,
    target: Option<Target>,
}

impl Open {
    /// Whether `h` is deeper than this chapter's heading: of a lower level, or a paragraph
    /// read as a heading inside a chapter that has a real heading (a bold line is less
    /// than any heading).
    fn holds(&self, h: &Heading) -> bool {
        if h.pseudo && !self.pseudo {
            return true;
        }
        h.level > self.level
    }

    /// Chapters whose sub-headings are their own sections, whatever they name: a plan's
    /// "Financement" or "Culture", a glossary's "Définitions", the amendment chapter's
    /// "Modification" stay inside them.
    fn keeps_its_sections(&self) -> bool {
        matches!(
            self.target,
            Some(
                Target::Plans(_)
                    | Target::Annexe
                    | Target::Unstructured
                    | Target::Pyramide
                    | Target::Modification
            )
        )
    }
}

/// The headings that start a chapter. A heading of the same level as the open chapter's,
/// or higher, starts one when it names a chapter or names nothing (an unknown chapter);
/// a deeper one stays in the open chapter's body, except one that names a chapter of the
/// method under a chapter that does not keep its sections ([`Open::keeps_its_sections`]):
/// documents mix levels freely ("Historique" as a sub-heading of "Informations
/// générales", the plans under "Principes"). An introduction ("Présentation") is never
/// nested in a chapter. In a document with one level only, every heading is of the same
/// level: the chapters are the headings that name one, and the unknown ones.
fn boundaries(headings: &[Heading], title: Option<usize>) -> Vec<usize> {
    let mut out = Vec::new();
    let mut current: Option<Open> = None;
    for (i, h) in headings.iter().enumerate() {
        if Some(i) == title {
            continue;
        }
        // A heading with no word (`## ![](logo.png)`) names nothing: it stays as text.
        if !h.text.chars().any(char::is_alphanumeric) {
            continue;
        }
        let target = chapters::recognise(&h.text);
        let nested = current.as_ref().filter(|open| open.holds(h));
        let starts = match (&target, nested) {
            (None, _) => nested.is_none() && !h.pseudo,
            (Some(_), None) => true,
            (Some(Target::Preamble), Some(_)) => false,
            // `Finances :` under a chapter with a real heading is a label introducing
            // what follows, not a chapter written without heading styles.
            (Some(_), Some(open)) if h.pseudo && !open.pseudo && labels(h) => false,
            // `**4 ANNEXE – STATUTS**`: a bold line written as a chapter's title ends
            // even a chapter that keeps its sections.
            (Some(_), Some(_)) if h.pseudo && titled_as_chapter(h) => true,
            // `**Modalités de modification**` after the plans: a bold line naming, in
            // more than one word, a chapter of the method other than the open one ends it.
            (Some(t), Some(open)) if h.pseudo && names_another_chapter(h, t, open) => true,
            (Some(_), Some(open)) => !open.keeps_its_sections(),
        };
        if starts {
            out.push(i);
            current = Some(Open {
                level: h.level,
                pseudo: h.pseudo,
                target,
            });
        }
    }
    out
}

/// Words that open an appendix's title (`Annexe : Règlement intérieur`), folded.
const APPENDIX_WORDS: &[&str] = &["annexe", "annexes", "appendice", "appendices", "appendix"];

/// Whether a paragraph read as a heading is all bold and written as a chapter's title
/// rather than a section's: numbered (`**4 ANNEXE – STATUTS**`, `**IV. Statuts**`), in
/// capitals (`**STATUTS**`), or opening with the word "Annexe" (`**Annexe : Règlement
/// intérieur**`). A bold word alone (`**Modification**` in a plan) may be a section.
fn titled_as_chapter(h: &Heading) -> bool {
    if !all_bold(h.source.trim_end_matches([':', ' ', '\u{a0}'])) {
        return false;
    }
    let folded = chapters::fold(&h.text);
    let words: Vec<&str> = folded.split_whitespace().collect();
    let numbered = words.len() > 1 && chapters::is_number(words[0]);
    let letters: Vec<char> = h.text.chars().filter(|c| c.is_alphabetic()).collect();
    let capitals = letters.len() > 2 && letters.iter().all(|c| !c.is_lowercase());
    let first = words.iter().find(|w| !chapters::is_number(w));
    let appendix = first.is_some_and(|w| APPENDIX_WORDS.contains(w));
    numbered || capitals || appendix
}

/// Whether a paragraph read as a heading is all bold and names, in more than one word
/// (`**Modalités de modification**`, `**Raison d'être**`), one of the method's own
/// chapters — not a plan, an appendix or a group — other than the open one's. A bold word
/// alone (`**Modification**`) may be a section of the open chapter.
fn names_another_chapter(h: &Heading, target: &Target, open: &Open) -> bool {
    let own = matches!(
        target,
        Target::Raison
            | Target::Histoire
            | Target::Informations
            | Target::Modification
            | Target::Pyramide
    );
    let folded = chapters::fold(&h.text);
    let words = folded
        .split_whitespace()
        .filter(|w| !chapters::is_number(w))
        .count();
    own && words > 1
        && open.target.as_ref() != Some(target)
        && all_bold(h.source.trim_end_matches([':', ' ', '\u{a0}']))
}

/// Whether a paragraph is bold from end to end, once (`**Historique**`, `__Historique__`).
fn all_bold(inner: &str) -> bool {
    ["**", "__"].iter().any(|m| {
        inner.len() > 2 * m.len()
            && inner.starts_with(m)
            && inner.ends_with(m)
            && !inner[m.len()..inner.len() - m.len()].contains(m)
    })
}

/// Whether a paragraph read as a heading ends with a colon (`Finances :`,
/// `**Finances :**`, `**Finances** :`): a label for the lines after it.
fn labels(h: &Heading) -> bool {
    h.source
        .trim_end_matches(['*', '_', ' ', '\u{a0}'])
        .ends_with(':')
}

/// The body `range` of `md`, its headings moved so that the highest is `##` and their
/// numbering removed by the rule that removes a chapter's
/// ([`chapters::without_numbering`]).
fn relevel(md: &str, range: Range<usize>, inner: &[&Heading]) -> String {
    let real: Vec<&&Heading> = inner.iter().filter(|h| !h.pseudo).collect();
    let shift = real
        .iter()
        .map(|h| h.level)
        .min()
        .map_or(0, |m| i16::from(m) - 2);
    let mut out = String::with_capacity(range.len());
    let mut pos = range.start;
    for h in real {
        out.push_str(&md[pos..h.range.start]);
        let level = (i16::from(h.level) - shift).clamp(2, 6) as usize;
        out.push_str(&"#".repeat(level));
        out.push(' ');
        out.push_str(&chapters::without_numbering(&h.source));
        out.push('\n');
        pos = h.range.end;
    }
    out.push_str(&md[pos..range.end]);
    tidy(&out)
}

/// No blank lines at either end, never more than one blank line in a row (outside code).
/// Trailing spaces stay: two of them are a line break.
pub fn tidy(text: &str) -> String {
    let mut lines: Vec<&str> = Vec::new();
    let mut in_fence = false;
    for line in text.split('\n') {
        let t = line.trim_start();
        if t.starts_with("```") || t.starts_with("~~~") {
            in_fence = !in_fence;
        }
        let blank = line.trim().is_empty();
        if blank && !in_fence && lines.last().is_none_or(|l| l.is_empty()) {
            continue;
        }
        lines.push(if blank && !in_fence { "" } else { line });
    }
    while lines.last().is_some_and(|l| l.trim().is_empty()) {
        lines.pop();
    }
    if lines.is_empty() {
        return String::new();
    }
    let mut out = lines.join("\n");
    out.push('\n');
    out
}

/// The top-level headings and chapter-naming paragraphs of `md`, in order.
pub fn headings(md: &str) -> Vec<Heading> {
    let mut out = Vec::new();
    let mut depth = 0usize;
    let mut current: Option<(u8, String, Range<usize>)> = None;
    let mut paragraph: Option<(String, Range<usize>, bool)> = None;
    for (event, range) in Parser::new_ext(md, crate::markdown::options()).into_offset_iter() {
        // A bold label opening a paragraph (`**Objectif :** …`, `**Histoire** du lieu`)
        // is text: a paragraph with bold in it stands for a heading only when it is
        // wholly bold, as a word processor writes a heading without a heading style.
        if let (Event::Start(Tag::Strong), Some((_, p, simple))) = (&event, &mut paragraph) {
            if !all_bold(md[p.clone()].trim().trim_end_matches([':', ' ', '\u{a0}'])) {
                *simple = false;
            }
        }
        match &event {
            Event::Start(Tag::Heading { level, .. }) if depth == 0 => {
                current = Some((*level as u8, String::new(), range));
            }
            Event::End(TagEnd::Heading(_)) => {
                if let Some((level, text, range)) = current.take() {
                    let range = through_line_break(md, range);
                    let source = chapters::visible(&heading_source(&md[range.clone()]));
                    out.push(Heading {
                        level,
                        text: chapters::visible(text.trim()),
                        source,
                        range,
                        pseudo: false,
                    });
                }
            }
            Event::Start(Tag::Paragraph) if depth == 0 => {
                paragraph = Some((String::new(), range, true))
            }
            Event::End(TagEnd::Paragraph) => {
                if let Some(h) = paragraph.take().and_then(|p| pseudo_heading(md, p)) {
                    out.push(h);
                }
            }
            Event::Text(t) | Event::Code(t) => {
                if let Some((_, text, _)) = &mut current {
                    text.push_str(t);
                }
                if let Some((text, _, _)) = &mut paragraph {
                    text.push_str(t);
                }
            }
            Event::SoftBreak
            | Event::HardBreak
            | Event::Html(_)
            | Event::InlineHtml(_)
            | Event::Start(Tag::Link { .. } | Tag::Image { .. }) => {
                if let Some((_, _, simple)) = &mut paragraph {
                    *simple = false;
                }
            }
            _ => {}
        }
        match &event {
            Event::Start(
                Tag::BlockQuote(_)
                | Tag::List(_)
                | Tag::FootnoteDefinition(_)
                | Tag::Table(_)
                | Tag::HtmlBlock,
            ) => depth += 1,
            Event::End(
                TagEnd::BlockQuote(_)
                | TagEnd::List(_)
                | TagEnd::FootnoteDefinition
                | TagEnd::Table
                | TagEnd::HtmlBlock,
            ) => depth = depth.saturating_sub(1),
            _ => {}
        }
    }
    out
}

/// A plain-text document (no `#` heading, no setext heading: a `.txt`, or a `.md` typed
/// as text) numbers its chapters on capital lines standing alone between blank lines
/// ("1. RAISON D'ÊTRE", "II - NOS PRINCIPES", "ARTICLE 3 – GOUVERNANCE"): each such line
/// becomes a `##` heading, its text unchanged. Returns the text and the lines read so.
/// A document with a heading of its own is returned as it is.
pub fn capital_headings(md: &str) -> (String, Vec<String>) {
    if headings(md).iter().any(|h| !h.pseudo) {
        return (md.to_string(), Vec::new());
    }
    let lines: Vec<&str> = md.split('\n').collect();
    let mut read = Vec::new();
    let mut out = Vec::with_capacity(lines.len());
    let mut fence = false;
    for (i, line) in lines.iter().enumerate() {
        let t = line.trim_start();
        if t.starts_with("```") || t.starts_with("~~~") {
            fence = !fence;
        }
        let blank_around = (i == 0 || lines[i - 1].trim().is_empty())
            && lines.get(i + 1).is_none_or(|l| l.trim().is_empty());
        if !fence && blank_around && line.len() - t.len() < 4 && numbered_capital_line(line) {
            read.push(line.trim().to_string());
            out.push(format!("## {}", line.trim()));
        } else {
            out.push((*line).to_string());
        }
    }
    let mut text = out.join("\n");
    // The first line standing alone, a title and not a chapter, is the document's title
    // (the organisation's name, as a typed document opens), when chapters follow.
    let first = lines.iter().position(|l| !l.trim().is_empty());
    if let Some(i) = first.filter(|&i| lines.get(i + 1).is_none_or(|l| l.trim().is_empty())) {
        let line = lines[i].trim();
        let start: usize = lines[..i].iter().map(|l| l.len() + 1).sum();
        let chapters_follow = !read.is_empty()
            || headings(&text)
                .iter()
                .any(|h| h.pseudo && h.range.start > start + line.len());
        if chapters_follow && title_line(line) {
            text.insert_str(start + (lines[i].len() - lines[i].trim_start().len()), "# ");
        }
    }
    (text, read)
}

/// A line that can be a typed document's title: a few words, no sentence, no label
/// (`Siège : …`), no Markdown block, no chapter's name, no number.
fn title_line(line: &str) -> bool {
    let words = line.split_whitespace().count();
    (1..=MAX_BOLD_TITLE_WORDS).contains(&words)
        && line.chars().any(char::is_alphabetic)
        && !line.ends_with(['.', '!', '?', '…', ':', ';', ','])
        && !line.contains(':')
        && !line.starts_with(['#', '-', '*', '+', '>', '|', '`', '<', '[', '!', '='])
        && !line.starts_with(|c: char| c.is_ascii_digit())
        && chapters::recognise(line).is_none()
        && !numbered_capital_line(line)
}

/// A line in capitals (more than two letters, none lowercase), numbered (`1.`, `2)`,
/// `II -`, `ARTICLE 3 –`, `CHAPITRE IV :`), short and not a sentence: a chapter's title
/// as a typewritten document sets it.
fn numbered_capital_line(line: &str) -> bool {
    let text = line.trim();
    let letters: Vec<char> = text.chars().filter(|c| c.is_alphabetic()).collect();
    let capitals = letters.len() > 2 && letters.iter().all(|c| !c.is_lowercase());
    let words = text.split_whitespace().count();
    if !capitals || words > MAX_BOLD_TITLE_WORDS || text.ends_with(['.', '!', '?', '…']) {
        return false;
    }
    let folded = chapters::fold(text);
    let mut folded_words = folded.split(' ');
    let numbered = chapters::without_numbering(text) != text
        || (folded_words
            .next()
            .is_some_and(|w| chapters::NUMBERING_WORDS.contains(&w))
            && folded_words.next().is_some_and(chapters::is_number));
    // The title must say something once its number is gone.
    numbered
        && chapters::fold(&chapters::without_numbering(text))
            .chars()
            .filter(|c| c.is_alphabetic())
            .count()
            > 2
}

/// The most words a bold line read as a heading may have.
const MAX_BOLD_TITLE_WORDS: usize = 10;
/// The most words a line that is neither bold nor a heading may have to be read as one
/// (`Historique :`): beyond, it is a sentence introducing what follows.
const MAX_PLAIN_TITLE_WORDS: usize = 6;

/// A one-line paragraph that names a chapter (`**Historique**`, `Raison d'être :`) is a
/// heading in documents written without heading styles — when it looks like a title
/// ([`looks_like_a_title`]); a sentence that happens to name a chapter stays text.
fn pseudo_heading(
    md: &str,
    (text, range, simple): (String, Range<usize>, bool),
) -> Option<Heading> {
    let written = chapters::visible(text.trim());
    let text = written
        .trim()
        .trim_end_matches([':', ' ', '\u{a0}'])
        .trim()
        .to_string();
    if !simple || text.is_empty() || text.chars().count() > 80 {
        return None;
    }
    let source = md[range.clone()].trim();
    if !looks_like_a_title(source, written.trim(), &text) {
        return None;
    }
    // A line all bold is a title as a word processor writes one, decoration included
    // (`**4 ANNEXE – STATUTS**`); a plain line names a chapter only as a whole.
    let target = if all_bold(source.trim_end_matches([':', ' ', '\u{a0}'])) {
        chapters::recognise(&text)
    } else {
        chapters::recognise_line(&text)
    };
    match target? {
        Target::Container => None,
        _ => Some(Heading {
            level: 2,
            source: chapters::visible(md[range.clone()].trim()),
            text,
            range: through_line_break(md, range),
            pseudo: true,
        }),
    }
}

/// Whether a lone paragraph (not in a list: only top-level paragraphs are looked at) is
/// shaped like a title: no final period (`.`, `!`, `?`, `…`), and short — at most
/// [`MAX_BOLD_TITLE_WORDS`] words when it is all bold (`**Historique**`, as a word
/// processor writes a heading without a heading style), [`MAX_PLAIN_TITLE_WORDS`]
/// otherwise, and a line ending in `:` is plain text's length at most. `source` is the
/// paragraph as written, `written` its text, `text` its text without a final colon.
fn looks_like_a_title(source: &str, written: &str, text: &str) -> bool {
    let bold = all_bold(source.trim_end_matches([':', ' ', '\u{a0}']));
    let sentence = text.ends_with(['.', '!', '?', '…']);
    let words = text.split_whitespace().count();
    let colon = written.ends_with(':');
    let max = if bold && !colon {
        MAX_BOLD_TITLE_WORDS
    } else {
        MAX_PLAIN_TITLE_WORDS
    };
    !sentence && words <= max
}

/// The inline Markdown of a heading block: ATX markers or a setext underline removed.
fn heading_source(block: &str) -> String {
    let block = block.trim_end();
    let t = block.trim_start();
    if t.starts_with('#') {
        let text = t.trim_start_matches('#').trim();
        let closing = text.trim_end_matches('#');
        if closing.is_empty() || closing.ends_with(' ') {
            return closing.trim().to_string();
        }
        return text.to_string();
    }
    let lines: Vec<&str> = block.lines().collect();
    let content = &lines[..lines.len().saturating_sub(1)];
    content
        .iter()
        .map(|l| l.trim())
        .collect::<Vec<_>>()
        .join(" ")
}

/// The text of a Markdown fragment without its markup: what a reader sees.
pub fn plain_text(md: &str) -> String {
    let mut out = String::new();
    for event in Parser::new_ext(md, crate::markdown::options()) {
        match event {
            Event::Text(t) | Event::Code(t) => out.push_str(&t),
            Event::SoftBreak | Event::HardBreak => out.push(' '),
            Event::End(TagEnd::Paragraph | TagEnd::Item | TagEnd::Heading(_)) => out.push('\n'),
            _ => {}
        }
    }
    out.trim().to_string()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn chapters_at_any_level_and_nested_headings_stay() {
        let md = "# Code social de ChezNous\n\nIntro.\n\n## Raison d'être\n\nParce que.\n\n#### Enjeux\n\n- Un\n\n### Historique\n\nEn 2013.\n\n## Une idée à nous\n\nTexte.\n";
        let o = split(md);
        assert_eq!(
            o.title.as_ref().map(|t| t.text.as_str()),
            Some("Code social de ChezNous")
        );
        assert_eq!(o.preamble, "Intro.\n");
        let targets: Vec<Option<Target>> = o.chapters.iter().map(|c| c.target.clone()).collect();
        assert_eq!(
            targets,
            [Some(Target::Raison), Some(Target::Histoire), None]
        );
        assert_eq!(o.chapters[0].body, "Parce que.\n\n## Enjeux\n\n- Un\n");
        assert_eq!(o.chapters[1].body, "En 2013.\n");
        assert_eq!(o.chapters[2].heading.text, "Une idée à nous");
    }

    #[test]
    fn sections_of_a_plan_glossary_or_amendment_chapter_stay_inside_it() {
        let md = "# Code social de X\n\n## Raison d'être\n\nParce que.\n\n### Enjeux\n\n- Un\n\n### Présentation\n\nNous.\n\n## Modèle économique\n\nA.\n\n### Financement\n\nB.\n\n**Modification**\n\nC.\n\n## Glossaire\n\n### Définitions\n\nD.\n\n## Modalités de modification\n\n### Modification\n\nE.\n\n## Principes\n\n### Plan social\n\nF.\n";
        let o = split(md);
        let headings: Vec<&str> = o.chapters.iter().map(|c| c.heading.text.as_str()).collect();
        assert_eq!(
            headings,
            [
                "Raison d'être",
                "Modèle économique",
                "Glossaire",
                "Modalités de modification",
                "Principes",
                "Plan social"
            ]
        );
        assert!(o.chapters[0].body.contains("## Présentation\n\nNous."));
        assert!(o.chapters[1]
            .body
            .contains("## Financement\n\nB.\n\n**Modification**"));
        assert!(o.chapters[2].body.contains("## Définitions"));
        assert!(o.chapters[3].body.contains("## Modification\n\nE."));
        // With one level only, the headings that name a chapter are the chapters.
        let flat = split("**Raison d'être**\n\nUn.\n\n**Historique**\n\nDeux.\n");
        assert_eq!(flat.chapters.len(), 2);
    }

    /// A bold line written as a chapter's title (numbered, in capitals, or opening with
    /// "Annexe") starts a chapter even inside a plan, which keeps its other sections.
    #[test]
    fn bold_lines_titled_as_chapters_end_a_plan() {
        for (line, target) in [
            ("**4 ANNEXE – STATUTS**", Target::Annexe),
            ("**IV. Statuts**", Target::Annexe),
            ("**Annexe : Règlement intérieur**", Target::Annexe),
            ("**STATUTS**", Target::Annexe),
            ("**5. Historique**", Target::Histoire),
            ("__GLOSSAIRE__", Target::Annexe),
        ] {
            let md = format!("## Modèle économique\n\nNous vendons.\n\n### Prix\n\nBas.\n\n{line}\n\nArticle 1. Texte.\n");
            let o = split(&md);
            let got: Vec<_> = o.chapters.iter().map(|c| c.target.clone()).collect();
            assert_eq!(got.len(), 2, "{line}: {o:?}");
            assert_eq!(got[1], Some(target), "{line}");
            assert_eq!(o.chapters[1].body, "Article 1. Texte.\n", "{line}");
            assert!(o.chapters[0].body.ends_with("## Prix\n\nBas.\n"), "{line}");
        }
        // A bold line naming another chapter of the method in full ends the plan.
        let md = "## Plans\n\n### 4.6 Art et culture\n\nFêtes.\n\n**Modalités de modification**\n\nPar consensus.\n\n## 6. Annexes\n\nStatuts.\n";
        let o = split(md);
        let got: Vec<_> = o.chapters.iter().map(|c| c.target.clone()).collect();
        assert_eq!(got.len(), 4, "{o:?}");
        assert_eq!(got[2], Some(Target::Modification));
        assert_eq!(o.chapters[1].body, "Fêtes.\n");
        assert_eq!(o.chapters[2].body, "Par consensus.\n");
        // Bold words that are a section's name, or not all bold, stay in the plan.
        for line in [
            "**Modification**",
            "**Statuts** de la SCOP",
            "**4 ANNEXE – STATUTS :**",
        ] {
            let md = format!("## Modèle économique\n\nNous vendons.\n\n{line}\n\nTexte.\n");
            assert_eq!(split(&md).chapters.len(), 1, "{line}");
        }
    }

    #[test]
    fn setext_and_closed_headings_are_read() {
        let md = "Historique\n==========\n\nTexte.\n\nSous-partie\n-----------\n\nSuite.\n\n## Raison d'être ##\n\nOui.\n";
        let o = split(md);
        assert_eq!(o.chapters.len(), 2);
        assert_eq!(o.chapters[0].body, "Texte.\n\n## Sous-partie\n\nSuite.\n");
        assert_eq!(o.chapters[1].heading.source, "Raison d'être");
    }

    #[test]
    fn bold_paragraphs_that_name_a_chapter_are_headings() {
        let md = "**Raison d'être**\n\nParce que.\n\nHistorique :\n\nEn 2013.\n\n**Une phrase en gras.**\n";
        let o = split(md);
        assert_eq!(o.chapters.len(), 2);
        assert_eq!(o.chapters[1].body, "En 2013.\n\n**Une phrase en gras.**\n");
    }

    #[test]
    fn sentences_are_not_headings_even_when_they_name_a_chapter() {
        let md = "## Raison d'être\n\nUn.\n\n**Gouvernance du code social.**\n\nHistorique de la coopérative racontée par ses membres fondateurs :\n\n**Historique de la coopérative depuis sa création en assemblée générale, année après année**\n\n- **Financement**\n\n**Historique**\n\nEn 2013.\n\nModalités de modification :\n\nPar consentement.\n";
        let o = split(md);
        let headings: Vec<&str> = o.chapters.iter().map(|c| c.heading.text.as_str()).collect();
        assert_eq!(
            headings,
            ["Raison d'être", "Historique", "Modalités de modification"]
        );
        assert!(o.chapters[0]
            .body
            .contains("**Gouvernance du code social.**"));
        assert!(o.chapters[0].body.contains("- **Financement**"));
    }

    /// Under a chapter with a real heading, a line ending with a colon introduces what
    /// follows, whatever it names; the same line after a bold-line chapter, in a document
    /// written without heading styles, is still a chapter.
    #[test]
    fn a_label_under_a_real_heading_is_not_a_chapter() {
        for label in [
            "Finances :",
            "**Finances :**",
            "**Finances** :",
            "Historique\u{a0}:",
        ] {
            let md = format!("## Informations générales\n\n{label}\n\nLa ferme est une SCIC.\n");
            let o = split(&md);
            assert_eq!(o.chapters.len(), 1, "{label}");
            assert!(o.chapters[0].body.contains(label), "{label}: {o:?}");
        }
        let o = split("**Informations générales**\n\nA.\n\nHistorique :\n\nB.\n");
        assert_eq!(o.chapters.len(), 2);
    }

    #[test]
    fn headings_in_code_and_quotes_are_text() {
        let md = "## Historique\n\n```\n# pas un titre\n```\n\n> ## Raison d'être\n";
        let o = split(md);
        assert_eq!(o.chapters.len(), 1);
        assert!(o.chapters[0].body.contains("# pas un titre"));
    }

    #[test]
    fn numbered_capital_lines_alone_are_headings_of_a_plain_text_only() {
        let text = "1. RAISON D'ÊTRE\n\nTexte.\n\n2015 : CRÉATION DU LIEU\n\nLigne.\nII - DANS UN PARAGRAPHE\n\n```\n\n3. DANS DU CODE\n\n```\n\nIV. Statuts en minuscules\n\nARTICLE 5 – GOUVERNANCE\n";
        let (md, read) = capital_headings(text);
        assert_eq!(
            read,
            ["1. RAISON D'ÊTRE", "ARTICLE 5 – GOUVERNANCE"],
            "{md}"
        );
        assert!(md.starts_with("## 1. RAISON D'ÊTRE\n") && md.contains("\n## ARTICLE 5"));
        // A document with a heading of its own is left as it is.
        let with_heading = format!("# Code social\n\n{text}");
        assert_eq!(
            capital_headings(&with_heading),
            (with_heading.clone(), Vec::new())
        );
    }

    #[test]
    fn plain_text_drops_markup() {
        assert_eq!(
            plain_text("**Deux** [liens](x.md) et `code`"),
            "Deux liens et code"
        );
    }
}
