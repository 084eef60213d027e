//! Structured data lifted out of chapter bodies, each piece moved (not copied) into the
//! front matter of the same file: the lists under "Enjeux", "Objectifs" and "Missions" of
//! the raison d'être, the dated lines of the history (`jalons`), and the labelled lines
//! of the general information (`Siège : …`). What is not recognised stays in the body.

use std::ops::Range;

use super::blocks::{self, Block, BlockKind};
use super::chapters::fold;
use super::dates;
use super::outline::plain_text;

/// An element of `enjeux`, `objectifs` or `missions`.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Item {
    pub titre: String,
    /// Markdown.
    pub description: Option<String>,
}

/// A list of the raison d'être: its key, the heading it was under, its elements.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct List {
    pub key: &'static str,
    pub label: String,
    pub items: Vec<Item>,
}

/// A milestone of the history.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Jalon {
    /// `YYYY`, `YYYY-MM` or `YYYY-MM-DD`.
    pub date: String,
    pub titre: String,
    pub description: Option<String>,
}

/// The raison d'être's lists, by front-matter key.
pub const RAISON_LISTS: &[(&str, &[&str])] = &[
    (
        "enjeux",
        &["enjeux", "enjeu", "challenges", "stakes", "issues"],
    ),
    (
        "objectifs",
        &["objectifs", "objectif", "objectives", "goals"],
    ),
    ("missions", &["missions", "mission"]),
];

/// Labels of `informations.md`'s front matter, folded.
pub const INFORMATIONS: &[(&str, &[&str])] = &[
    (
        "siege",
        &[
            "siege",
            "siege social",
            "adresse",
            "adresse du siege",
            "head office",
            "address",
        ],
    ),
    (
        "territoire",
        &[
            "territoire",
            "territoire d action",
            "zone d intervention",
            "zone geographique",
            "territory",
        ],
    ),
    (
        "publics",
        &[
            "publics",
            "public",
            "public cible",
            "publics cibles",
            "beneficiaires",
            "audience",
        ],
    ),
    (
        "taille",
        &[
            "taille",
            "effectif",
            "effectifs",
            "nombre de membres",
            "size",
        ],
    ),
];

/// Lifts the lists under the stakes, objectives and missions sub-headings (or bold
/// paragraphs) out of the raison d'être. Returns the body left and the lists found.
pub fn raison_lists(body: &str) -> (String, Vec<List>) {
    let blocks = blocks::blocks(body);
    let mut found: Vec<List> = Vec::new();
    let mut removed: Vec<Range<usize>> = Vec::new();
    for (i, b) in blocks.iter().enumerate() {
        let Some(label) = label_of(body, b) else {
            continue;
        };
        let Some(key) = key_of(RAISON_LISTS, &label) else {
            continue;
        };
        if found.iter().any(|l| l.key == key) {
            continue;
        }
        let Some(Block {
            kind: BlockKind::List { items },
            range,
        }) = blocks.get(i + 1)
        else {
            continue;
        };
        let items: Vec<Item> = items
            .iter()
            .filter_map(|r| item(&body[r.clone()]))
            .collect();
        if items.is_empty() {
            continue;
        }
        let label = label.trim_end_matches([':', ' ', '\u{a0}']).to_string();
        found.push(List { key, label, items });
        removed.push(range.clone());
        // The sub-heading goes with its list when nothing else is under it.
        let alone = blocks.get(i + 2).is_none_or(|n| {
            matches!(n.kind, BlockKind::Heading { .. })
                || label_of(body, n).is_some_and(|l| key_of(RAISON_LISTS, &l).is_some())
        });
        if alone {
            removed.push(b.range.clone());
        }
    }
    (blocks::remove(body, &removed), found)
}

/// The label a heading or a one-line bold paragraph gives (`## Nos enjeux`, `**Objectifs :**`).
fn label_of(body: &str, block: &Block) -> Option<String> {
    match &block.kind {
        BlockKind::Heading { text } => Some(text.clone()),
        BlockKind::Paragraph { lines: 1 } => {
            let src = body[block.range.clone()].trim();
            let bold = (src.starts_with("**") && src.ends_with("**"))
                || (src.starts_with("__") && src.ends_with("__"));
            let colon = src.trim_end_matches(['*', '_']).trim_end().ends_with(':');
            (bold || colon).then(|| plain_text(src))
        }
        _ => None,
    }
}

/// The key a label names in `table`, after articles and a final colon are dropped.
fn key_of(table: &[(&'static str, &[&str])], label: &str) -> Option<&'static str> {
    let folded = fold(label);
    let mut words: Vec<&str> = folded.split(' ').collect();
    while words.len() > 1
        && ["nos", "notre", "les", "le", "la", "l", "our", "the", "vos"].contains(&words[0])
    {
        words.remove(0);
    }
    let phrase = words.join(" ");
    table
        .iter()
        .find(|(_, names)| names.contains(&phrase.as_str()))
        .map(|(k, _)| *k)
}

/// One list item as an element: its first paragraph, without markup, is the title, and
/// what follows it is the description (Markdown, with the links the title held).
fn item(source: &str) -> Option<Item> {
    let src = blocks::item_source(source);
    let (head, rest) = blocks::split_first_paragraph(&src);
    let titre = plain_text(&head).replace('\n', " ");
    let description = joined([links_of(&head), rest]);
    (!titre.is_empty()).then_some(Item { titre, description })
}

/// The links and images of a Markdown fragment to a web address, as written
/// (`[X](https://x.org)`): what a title lost when it became plain text, kept in the
/// description, which is Markdown. Links within the document are left to the text.
fn links_of(md: &str) -> Option<String> {
    use pulldown_cmark::{Event, Parser, Tag};
    let mut found: Vec<std::ops::Range<usize>> = Vec::new();
    for (event, range) in Parser::new_ext(md, crate::markdown::options()).into_offset_iter() {
        let dest = match &event {
            Event::Start(Tag::Link { dest_url, .. } | Tag::Image { dest_url, .. }) => dest_url,
            _ => continue,
        };
        let web = ["http://", "https://", "mailto:"]
            .iter()
            .any(|s| dest.to_ascii_lowercase().starts_with(s));
        if web
            && !found
                .iter()
                .any(|f| f.start <= range.start && range.end <= f.end)
        {
            found.push(range);
        }
    }
    let links: Vec<&str> = found.iter().map(|r| md[r.clone()].trim()).collect();
    (!links.is_empty()).then(|| links.join(", "))
}

/// The parts that are there, as paragraphs.
fn joined<const N: usize>(parts: [Option<String>; N]) -> Option<String> {
    let parts: Vec<String> = parts
        .into_iter()
        .flatten()
        .filter(|p| !p.trim().is_empty())
        .collect();
    (!parts.is_empty()).then(|| parts.join("\n\n"))
}

/// Lifts the dated lines (list items, one-line paragraphs) out of the history, in
/// chronological order. Returns the body left and the milestones.
pub fn jalons(body: &str) -> (String, Vec<Jalon>) {
    let mut found = Vec::new();
    let mut removed = Vec::new();
    for b in blocks::blocks(body) {
        match &b.kind {
            BlockKind::List { items } => {
                let dated: Vec<(Range<usize>, Jalon)> = items
                    .iter()
                    .filter_map(|r| {
                        jalon(&blocks::item_source(&body[r.clone()])).map(|j| (r.clone(), j))
                    })
                    .collect();
                if dated.len() == items.len() {
                    // The list ends with its last item: link definitions written after
                    // it, which the parser's span of the list may take in, stay.
                    let end = items.last().map_or(b.range.end, |r| r.end);
                    removed.push(b.range.start..end);
                } else {
                    removed.extend(dated.iter().map(|(r, _)| r.clone()));
                }
                found.extend(dated.into_iter().map(|(_, j)| j));
            }
            // A one-line paragraph is a milestone when dated; dated lines kept in one
            // paragraph (a word processor's line breaks, `<br>`, a Markdown hard break)
            // are milestones when every line is one.
            BlockKind::Paragraph { .. } => {
                let lines: Vec<String> = body[b.range.clone()]
                    .split('\n')
                    .flat_map(split_br)
                    .map(|l| l.trim().trim_end_matches('\\').trim_end().to_string())
                    .filter(|l| !l.is_empty())
                    .collect();
                if lines.len() == 1 {
                    if let Some(j) = jalon(body[b.range.clone()].trim()) {
                        removed.push(b.range.clone());
                        found.push(j);
                    }
                    continue;
                }
                let dated: Vec<Jalon> = lines.iter().filter_map(|l| jalon(l)).collect();
                if dated.len() == lines.len() {
                    removed.push(b.range.clone());
                    found.extend(dated);
                }
            }
            _ => {}
        }
    }
    found.sort_by(|a, b| a.date.cmp(&b.date));
    (blocks::remove(body, &removed), found)
}

/// A dated line: a date, a separator (`:`, `–`, `-`, `,`, `|`) or a capitalised word, then
/// what happened. Its first sentence, as plain text, is the title; the rest, in Markdown,
/// the description, after the links the title held (`2019 : fondation avec
/// [X](https://x.org)` keeps its link). A period (`2015-2017 : travaux`) is a milestone
/// dated by its start, as partial as written, its title opened by the period as written
/// (`2015-2017 : travaux`): the format has one date per milestone, and nothing is lost.
fn jalon(source: &str) -> Option<Jalon> {
    let (head, rest) = blocks::split_first_paragraph(source);
    let text = plain_text(&head).replace('\n', " ");
    let (found, period) = match dates::at_start(&text) {
        Some(found) => (found, false),
        None => (dates::period_at_start(&text)?, true),
    };
    let what = after_date(&text[found.len..])?;
    // The period and its separator, as written, open the title.
    let opening = if period {
        &text[..what.as_ptr() as usize - text.as_ptr() as usize]
    } else {
        ""
    };
    // The same line as written, when its date is written as its text is: the Markdown
    // of what happened, links included.
    let head_md = head.replace('\n', " ");
    let bare = head_md.trim().trim_start_matches(['*', '_']);
    let what_md = bare
        .strip_prefix(&text[..found.len])
        .map(|after| after.trim_start_matches(['*', '_']))
        .and_then(after_date)
        .filter(|md| plain_text(md).replace('\n', " ").trim() == what);
    let (titre, more) = match what_md {
        Some(md) => {
            let (first, more) = first_sentence(md);
            let titre = plain_text(&first).replace('\n', " ");
            (titre, joined([links_of(&first), more]))
        }
        None => first_sentence(what),
    };
    if titre.trim().is_empty() {
        return None;
    }
    Some(Jalon {
        date: found.date,
        titre: format!("{opening}{titre}"),
        description: joined([more, rest]),
    })
}

/// What follows a date: after a separator, or a capitalised word after a space.
fn after_date(after: &str) -> Option<&str> {
    let what = match after
        .trim_start()
        .strip_prefix([':', '–', '—', '-', ',', '|', ')', '.'])
    {
        Some(w) => w.trim(),
        None if after.starts_with(char::is_whitespace)
            && after.trim_start().starts_with(char::is_uppercase) =>
        {
            after.trim()
        }
        None => return None,
    };
    (!what.is_empty()).then_some(what)
}

/// The first sentence of a text and the rest: a `.`, `!` or `?` followed by a space and
/// a capital letter ends it.
fn first_sentence(text: &str) -> (String, Option<String>) {
    let chars: Vec<(usize, char)> = text.char_indices().collect();
    for w in chars.windows(3) {
        let ((_, end), (_, space), (next_i, next)) = (w[0], w[1], w[2]);
        if matches!(end, '.' | '!' | '?') && space == ' ' && next.is_uppercase() {
            let rest = text[next_i..].trim().to_string();
            return (text[..next_i].trim().to_string(), Some(rest));
        }
    }
    (text.to_string(), None)
}

/// Lifts labelled lines (`Siège : …`, `- Territoire : …`) out of the general information.
/// Returns the body left and the values by key; each key is taken once, and a key in
/// `given` (the front matter's) is not taken: its line stays in the text. A paragraph
/// that opens with a label is cut into its labelled lines by [`label_lines`] (the one rule
/// for separate paragraphs, lines of one paragraph, `<br>` and a word processor's run-on
/// line); the lines not taken stay, each its own paragraph.
#[cfg(test)]
pub fn informations(
    body: &str,
    given: &[(&'static str, String)],
) -> (String, Vec<(&'static str, String)>) {
    informations_with(body, given, &mut |_| false)
}

/// [`informations`], and the other labelled lines that `fact` takes (a fact of the
/// manifest, `Forme juridique : SCIC`) leave the text too.
pub fn informations_with(
    body: &str,
    given: &[(&'static str, String)],
    fact: &mut dyn FnMut(&str) -> bool,
) -> (String, Vec<(&'static str, String)>) {
    let mut found: Vec<(&'static str, String)> = given.to_vec();
    let mut edits: Vec<(Range<usize>, String)> = Vec::new();
    for b in blocks::blocks(body) {
        match &b.kind {
            BlockKind::List { items } => {
                let candidates: Vec<(Range<usize>, String)> = items
                    .iter()
                    .map(|r| (r.clone(), blocks::item_source(&body[r.clone()])))
                    .collect();
                edits.extend(list_informations(&b, &candidates, &mut found, fact));
            }
            BlockKind::Paragraph { .. } => {
                edits.extend(paragraph_informations(body, &b, &mut found, fact));
            }
            _ => {}
        }
    }
    found.drain(..given.len());
    (blocks::replace(body, &edits), found)
}

/// The items of a list that are labelled lines, taken (the whole list when all are).
fn list_informations(
    b: &Block,
    candidates: &[(Range<usize>, String)],
    found: &mut Vec<(&'static str, String)>,
    fact: &mut dyn FnMut(&str) -> bool,
) -> Vec<(Range<usize>, String)> {
    let mut taken = Vec::new();
    for (range, src) in candidates {
        let Some((key, value)) = labelled(INFORMATIONS, src) else {
            if !src.trim_end().contains('\n') && fact(src) {
                taken.push((range.clone(), String::new()));
            }
            continue;
        };
        if found.iter().any(|(k, _)| *k == key) || src.trim_end().contains('\n') {
            continue;
        }
        found.push((key, value));
        taken.push((range.clone(), String::new()));
    }
    if !taken.is_empty() && taken.len() == candidates.len() {
        vec![(b.range.clone(), String::new())]
    } else {
        taken
    }
}

/// A paragraph of labelled lines, its information taken and the rest rewritten.
fn paragraph_informations(
    body: &str,
    b: &Block,
    found: &mut Vec<(&'static str, String)>,
    fact: &mut dyn FnMut(&str) -> bool,
) -> Option<(Range<usize>, String)> {
    let lines = label_lines(&body[b.range.clone()]);
    let first = lines.first()?;
    labelled(INFORMATIONS, first).or_else(|| labelled(super::meta::FACTS, first))?;
    let mut kept = Vec::new();
    let mut any = false;
    for line in lines {
        match labelled(INFORMATIONS, &line) {
            Some((key, value)) if !found.iter().any(|(k, _)| *k == key) => {
                found.push((key, value));
                any = true;
            }
            Some(_) => kept.push(line),
            None if fact(&line) => any = true,
            None => kept.push(line),
        }
    }
    let rest = if kept.is_empty() {
        String::new()
    } else {
        format!("{}\n", kept.join("\n\n"))
    };
    any.then(|| (b.range.clone(), rest))
}

/// The lines of a paragraph as labelled lines: cut at its line breaks (whether soft, hard
/// with two spaces or `\`, or `<br>`), and, in a line that opens with a label, before
/// each further label followed by a colon (`Siège : 12 rue des Lilas Territoire : …`,
/// what a word processor makes of lines it joined). A label is one of `informations.md`'s
/// or the manifest's, capitalised as a line starts.
pub fn label_lines(text: &str) -> Vec<String> {
    let mut out = Vec::new();
    for line in text.split('\n').flat_map(split_br) {
        let line = line.trim().trim_end_matches('\\').trim_end();
        if line.is_empty() {
            continue;
        }
        if starts_with_label(line) {
            out.extend(split_at_labels(line));
        } else {
            out.push(line.to_string());
        }
    }
    out
}

/// A line cut at its `<br>`, `<br/>`, `<br />`.
pub fn split_br(line: &str) -> Vec<&str> {
    let lower = line.to_ascii_lowercase();
    let mut out = Vec::new();
    let mut pos = 0;
    for (i, _) in lower.match_indices("<br") {
        if i < pos {
            continue;
        }
        let Some(end) = lower[i..].find('>').map(|e| i + e + 1) else {
            break;
        };
        if lower[i + 3..end - 1]
            .trim()
            .trim_end_matches('/')
            .trim()
            .is_empty()
        {
            out.push(&line[pos..i]);
            pos = end;
        }
    }
    out.push(&line[pos..]);
    out
}

fn is_label(words: &str) -> bool {
    key_of(INFORMATIONS, words).is_some() || key_of(super::meta::FACTS, words).is_some()
}

fn starts_with_label(line: &str) -> bool {
    let text = plain_text(line);
    text.split_once(':')
        .is_some_and(|(label, _)| is_label(label))
}

/// `line` cut before each capitalised label of one to four words followed by `:`.
fn split_at_labels(line: &str) -> Vec<String> {
    let mut cuts = Vec::new();
    let first_colon = line.find(':').unwrap_or(line.len());
    for (colon, _) in line.match_indices(':').filter(|(i, _)| *i > first_colon) {
        let before = &line[..colon];
        let starts: Vec<usize> = before
            .char_indices()
            .filter(|(i, c)| {
                !c.is_whitespace() && (*i == 0 || before[..*i].ends_with(char::is_whitespace))
            })
            .map(|(i, _)| i)
            .collect();
        // A label in bold or italics (`**Territoire** :`, `**Taille :**`, as a word
        // processor's export writes it) is cut before its markers.
        let cut = starts.iter().rev().take(4).copied().filter(|&start| {
            let words = before[start..].trim_start_matches(['*', '_']);
            start > first_colon
                && words.starts_with(char::is_uppercase)
                && is_label(&plain_text(words.trim_end()))
        });
        if let Some(start) = cut.min() {
            cuts.push(start);
        }
    }
    let mut out = Vec::new();
    let mut pos = 0;
    for cut in cuts {
        out.push(line[pos..cut].trim().to_string());
        pos = cut;
    }
    out.push(line[pos..].trim().to_string());
    out.retain(|l| !l.is_empty());
    out
}

/// `Label : value` where the label is one of `table`'s.
pub fn labelled(table: &[(&'static str, &[&str])], source: &str) -> Option<(&'static str, String)> {
    let text = plain_text(source);
    let (label, value) = text.split_once(':')?;
    let key = key_of(table, label)?;
    let value = without_final_period(value.trim()).to_string();
    (!value.is_empty()).then_some((key, value))
}

/// A value without the period that ends its line as a sentence (`12 rue des Lilas,
/// Lyon.`): a field's value is not a sentence. An abbreviation's period stays (`S.A.`,
/// a last word with another period), and so do `…`, `!` and `?`.
fn without_final_period(value: &str) -> &str {
    let Some(bare) = value.strip_suffix('.') else {
        return value;
    };
    let last_word = bare.rsplit(char::is_whitespace).next().unwrap_or("");
    if bare.ends_with('.') || last_word.contains('.') {
        value
    } else {
        bare.trim_end()
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn stakes_objectives_and_missions_become_lists() {
        let body = "Nous existons.\n\n## Nos enjeux\n\n- Redonner du sens au travail\n- **Transmettre** : les savoir-faire manuels.\n\n**Objectifs :**\n\n1. Vivre de nos activités\n\n## Missions\n\nNos missions sont simples.\n\n- Animer le lieu\n";
        let (left, lists) = raison_lists(body);
        assert_eq!(lists.len(), 2);
        assert_eq!(lists[0].key, "enjeux");
        assert_eq!(lists[0].label, "Nos enjeux");
        assert_eq!(lists[0].items[0].titre, "Redonner du sens au travail");
        assert_eq!(
            lists[0].items[1].titre,
            "Transmettre : les savoir-faire manuels."
        );
        assert_eq!(lists[1].key, "objectifs");
        // "Missions" has prose between the heading and the list: the list is not taken.
        assert_eq!(
            left,
            "Nous existons.\n\n## Missions\n\nNos missions sont simples.\n\n- Animer le lieu\n"
        );
    }

    #[test]
    fn dated_lines_become_milestones_in_order() {
        let body = "Le début.\n\n- 2017 : installation dans la menuiserie\n- mai 2013 – création de la SAS. Mathieu est seul associé.\n- Et depuis, beaucoup de choses.\n\n**2 mai 2014** : première version écrite\n\nEn 2015, le collectif bois se forme.\n";
        let (left, jalons) = jalons(body);
        let dates: Vec<&str> = jalons.iter().map(|j| j.date.as_str()).collect();
        assert_eq!(dates, ["2013-05", "2014-05-02", "2017"]);
        assert_eq!(jalons[0].titre, "création de la SAS.");
        assert_eq!(
            jalons[0].description.as_deref(),
            Some("Mathieu est seul associé.")
        );
        assert_eq!(left, "Le début.\n\n- Et depuis, beaucoup de choses.\n\nEn 2015, le collectif bois se forme.\n");
    }

    #[test]
    fn links_of_milestones_and_stakes_are_kept_in_their_descriptions() {
        let body = "- 2019 : fondation avec [X](https://x.org)\n- **2020** : un [lien](https://a.org). Puis *encore* [B](https://b.org \"B\").\n- 2021 : voir [plus bas](#raison)\n";
        let (_, jalons) = jalons(body);
        assert_eq!(jalons[0].titre, "fondation avec X");
        assert_eq!(jalons[0].description.as_deref(), Some("[X](https://x.org)"));
        assert_eq!(jalons[1].titre, "un lien.");
        assert_eq!(
            jalons[1].description.as_deref(),
            Some("[lien](https://a.org)\n\nPuis *encore* [B](https://b.org \"B\").")
        );
        // A link within the document is left to the text: the title keeps its words.
        assert_eq!(jalons[2].titre, "voir plus bas");
        assert_eq!(jalons[2].description, None);
        let (_, lists) = raison_lists("## Enjeux\n\n- Réparer avec le [réseau](https://r.org)\n");
        assert_eq!(lists[0].items[0].titre, "Réparer avec le réseau");
        assert_eq!(
            lists[0].items[0].description.as_deref(),
            Some("[réseau](https://r.org)")
        );
    }

    #[test]
    fn numbers_are_not_milestones() {
        let body = "- 150 personnes : un record\n- 150-200 personnes : un record\n";
        let (left, jalons) = jalons(body);
        assert!(jalons.is_empty());
        assert_eq!(left, body);
    }

    /// A period is a milestone wherever a date is one: a list item, a paragraph, a line
    /// among dated lines of one paragraph; dated by its start, its title keeps it.
    #[test]
    fn periods_are_milestones_like_dates() {
        for body in [
            "- 2013 : création.\n- 2015-2017 : trois ans de travaux.\n- 2018 : ouverture.\n",
            "2013 : création.\n\n2015-2017 : trois ans de travaux.\n\n2018 : ouverture.\n",
            "2013 : création.\n2015-2017 : trois ans de travaux.\n2018 : ouverture.\n",
            "2013 : création.<br>\n2015 – 2017 : trois ans de travaux.<br>\n2018 : ouverture.\n",
        ] {
            let (left, found) = jalons(body);
            let got: Vec<(&str, &str)> = found
                .iter()
                .map(|j| (j.date.as_str(), j.titre.as_str()))
                .collect();
            let period = if body.contains("2015 – 2017") {
                "2015 – 2017 : trois ans de travaux."
            } else {
                "2015-2017 : trois ans de travaux."
            };
            assert_eq!(
                got,
                [
                    ("2013", "création."),
                    ("2015", period),
                    ("2018", "ouverture.")
                ],
                "{body:?}"
            );
            assert_eq!(left.trim(), "", "{body:?}");
        }
    }

    #[test]
    fn a_value_drops_the_period_that_ends_its_line() {
        for (line, value) in [
            (
                "Siège : 12 rue des Lilas, 69001 Lyon.",
                "12 rue des Lilas, 69001 Lyon",
            ),
            ("Forme juridique : S.A.", "S.A."),
            ("Forme juridique : SCIC S.A.S.", "SCIC S.A.S."),
            ("Territoire : la vallée...", "la vallée..."),
            ("Territoire : la vallée…", "la vallée…"),
            ("Taille : 12 personnes .", "12 personnes"),
        ] {
            let table: &[(&str, &[&str])] = &[
                ("siege", &["siege"]),
                ("forme_juridique", &["forme juridique"]),
                ("territoire", &["territoire"]),
                ("taille", &["taille"]),
            ];
            assert_eq!(
                labelled(table, line).map(|(_, v)| v).as_deref(),
                Some(value)
            );
        }
    }

    #[test]
    fn labelled_information_lines() {
        let body = "- Siège social : 12 rue des Tanneurs\n- Territoire : la vallée\n- Ouvert le lundi\n\nPublics : artisans et habitants\n";
        let (left, found) = informations(body, &[]);
        assert_eq!(
            found,
            [
                ("siege", "12 rue des Tanneurs".to_string()),
                ("territoire", "la vallée".to_string()),
                ("publics", "artisans et habitants".to_string())
            ]
        );
        assert_eq!(left, "- Ouvert le lundi\n");
    }

    /// Dated lines of one paragraph, however its lines are broken, are milestones like
    /// dated paragraphs; a paragraph with one undated line stays text.
    #[test]
    fn dated_lines_of_one_paragraph_are_milestones() {
        for sep in ["\n", "  \n", "\\\n", "<br>\n", "<br />"] {
            let body = format!("Intro.\n\n2015 : création.{sep}2016 : extension du fournil.\n");
            let (left, found) = jalons(&body);
            let dates: Vec<&str> = found.iter().map(|j| j.date.as_str()).collect();
            assert_eq!(dates, ["2015", "2016"], "{sep:?}");
            assert_eq!(left, "Intro.\n", "{sep:?}");
        }
        let body = "2015 : création.\nPuis beaucoup de travail.\n";
        let (left, found) = jalons(body);
        assert!(found.is_empty());
        assert_eq!(left, body);
    }

    /// A field the front matter already gives is not taken from the text: its line
    /// stays, nothing is lost.
    #[test]
    fn a_field_given_by_the_front_matter_stays_in_the_text() {
        let given = [("siege", "Grenoble".to_string())];
        let (left, found) = informations(
            "Siège : Lyon, 3e arrondissement.\n\nTerritoire : la vallée\n",
            &given,
        );
        assert_eq!(found, [("territoire", "la vallée".to_string())]);
        assert_eq!(left, "Siège : Lyon, 3e arrondissement.\n");
    }

    /// Every way a document breaks its labelled lines gives the same information and
    /// leaves the same text.
    #[test]
    fn labelled_lines_are_read_alike_however_they_are_broken() {
        let lines = [
            "Siège : 12 rue des Lilas, 76000 Rouen",
            "Territoire : la métropole de Rouen",
            "Forme juridique : SCIC SAS",
            "Licence : CC BY-SA 4.0",
        ];
        let shapes = [
            lines.join("\n\n"),
            lines.join("\n"),
            lines.join("  \n"),
            lines.join("\\\n"),
            lines.join("<br>\n"),
            lines.join("<br />"),
            lines.join(" "),
        ];
        for shape in shapes {
            let (left, found) = informations(&format!("Intro.\n\n{shape}\n\nSuite.\n"), &[]);
            assert_eq!(
                found,
                [
                    ("siege", "12 rue des Lilas, 76000 Rouen".to_string()),
                    ("territoire", "la métropole de Rouen".to_string()),
                ],
                "{shape:?}"
            );
            assert_eq!(
                left, "Intro.\n\nForme juridique : SCIC SAS\n\nLicence : CC BY-SA 4.0\n\nSuite.\n",
                "{shape:?}"
            );
            let facts = super::super::meta::facts_in_body(&shape);
            assert_eq!(
                facts.forme_juridique.as_deref(),
                Some("SCIC SAS"),
                "{shape:?}"
            );
            assert_eq!(facts.licence.as_deref(), Some("CC-BY-SA-4.0"), "{shape:?}");
        }
    }

    #[test]
    fn prose_with_colons_is_not_cut() {
        assert_eq!(
            label_lines("Nous disons : Territoire : rien. Site : https://example.org/a:b"),
            ["Nous disons : Territoire : rien. Site : https://example.org/a:b"]
        );
        assert_eq!(
            label_lines("Site : https://example.org Siège : Rouen"),
            ["Site : https://example.org", "Siège : Rouen"]
        );
    }

    /// A word processor's export puts labelled lines end to end with their labels in
    /// bold, the colon in or out of the bold: the line is cut at each label, whatever the
    /// apostrophe of a label (`d’action`, `d'action`).
    #[test]
    fn bold_labels_on_one_line_are_cut() {
        for (line, expected) in [
            (
                "**Siège** : Lyon **Territoire** : Rhône",
                vec!["**Siège** : Lyon", "**Territoire** : Rhône"],
            ),
            (
                "**Publics :** l’enfance **Taille :** 12 salariés",
                vec!["**Publics :** l’enfance", "**Taille :** 12 salariés"],
            ),
            (
                "**Siège** : Lyon *Territoire d’action* : Rhône __Taille__ : 12",
                vec![
                    "**Siège** : Lyon",
                    "*Territoire d’action* : Rhône",
                    "__Taille__ : 12",
                ],
            ),
            (
                "**Siège** : Lyon **Territoire d'action** : Rhône",
                vec!["**Siège** : Lyon", "**Territoire d'action** : Rhône"],
            ),
        ] {
            assert_eq!(label_lines(line), expected, "{line}");
        }
        let (left, found) = informations(
            "**Siège** : Lyon **Territoire d’action** : Rhône\n\nSuite.\n",
            &[],
        );
        assert_eq!(
            found,
            [
                ("siege", "Lyon".to_string()),
                ("territoire", "Rhône".to_string())
            ]
        );
        assert_eq!(left, "Suite.\n");
    }
}
