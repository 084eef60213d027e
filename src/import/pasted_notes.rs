//! A web page's footnotes pasted into a Markdown document: the calls
//! `<sup><a href="#fn1" id="ref1">1</a></sup>` (or `<a href="#fn1"><sup>1</sup></a>`, or an
//! `<a>` marked `class="footnote-ref"` / `role="doc-noteref"`) in the prose, and the notes
//! `<li id="fn1">…<a href="#ref1">↩</a></li>` in an `<ol>` (alone or in a
//! `<div class="footnotes">` / `<section role="doc-endnotes">`, with its `<hr>`) further
//! down. They become Markdown footnotes the same way as in an HTML source
//! ([`super::html::notes`]): each call `[^n]`, the list replaced by the definitions
//! `[^n]: …` without their way back; [`super::defs`] then puts each definition next to
//! the chapter that cites it.
//!
//! Only a call whose target is a note of such a list, and a note that is called, are
//! touched; anything else of the HTML stays as written. Labels are numbers the document
//! does not use yet as Markdown footnotes.

use std::collections::HashSet;
use std::ops::Range;

use super::html::notes;

/// A call found in the text.
struct Call {
    range: Range<usize>,
    target: String,
}

/// `text` with its pasted HTML footnotes converted; unchanged when it has none.
pub fn convert(text: &str) -> String {
    let lower = text.to_ascii_lowercase();
    if !lower.contains("<li") || !lower.contains("href=") {
        return text.to_string();
    }
    let lists = note_lists(&lower);
    if lists.is_empty() {
        return text.to_string();
    }
    let in_lists = |at: usize| lists.iter().any(|l| l.contains(&at));
    let calls: Vec<Call> = calls(text, &lower)
        .into_iter()
        .filter(|c| !in_lists(c.range.start))
        .collect();
    let called: HashSet<String> = calls.iter().map(|c| c.target.clone()).collect();
    let back: HashSet<String> = calls
        .iter()
        .flat_map(|c| ids_in(&text[c.range.clone()]))
        .collect();
    let mut used = used_labels(text);
    let mut labels: Vec<(String, String)> = Vec::new();
    // (range, replacement), in any order; applied from the end.
    let mut edits: Vec<(Range<usize>, String)> = Vec::new();
    for list in &lists {
        let notes = notes::pasted(&text[list.clone()], &called, &back);
        if notes.is_empty() {
            continue;
        }
        let mut defs = Vec::new();
        for (id, body) in notes {
            let label = next_label(&mut used);
            defs.push(notes::definition_of(&label, &body));
            labels.push((id, label));
        }
        edits.push((list.clone(), format!("\n\n{}\n\n", defs.join("\n\n"))));
    }
    for call in &calls {
        if let Some((_, label)) = labels.iter().find(|(id, _)| *id == call.target) {
            edits.push((call.range.clone(), format!("[^{label}]")));
        }
    }
    if edits.is_empty() {
        return text.to_string();
    }
    edits.sort_by_key(|(r, _)| std::cmp::Reverse(r.start));
    let mut out = text.to_string();
    let mut floor = usize::MAX;
    for (range, with) in edits {
        // Overlapping edits cannot happen (calls are outside the lists); kept safe anyway.
        if range.end > floor {
            continue;
        }
        out.replace_range(range.clone(), &with);
        floor = range.start;
    }
    out
}

/// The ranges of the lists that hold notes: an `<ol>`/`<ul>` whose every `<li>` has an
/// id, widened to a footnotes block around it (`<div class="footnotes">`,
/// `<section role="doc-endnotes">`…) when it is the block's only content but an `<hr>`.
fn note_lists(lower: &str) -> Vec<Range<usize>> {
    let mut out = Vec::new();
    let mut from = 0;
    while let Some(start) = find_tag(lower, from, &["ol", "ul"]) {
        let name = &lower[start + 1..start + 3];
        let Some(end) = lower[start..]
            .find(&format!("</{name}>"))
            .map(|e| start + e + 5)
        else {
            break;
        };
        let inner = &lower[start..end];
        let items = inner.matches("<li").count();
        let with_ids = tags(inner, "li")
            .filter(|t| attr_value(t, "id").is_some())
            .count();
        if items > 0 && items == with_ids {
            out.push(widen(lower, start..end));
        }
        from = end;
    }
    out
}

/// `list` with the footnotes block around it, when there is one.
fn widen(lower: &str, list: Range<usize>) -> Range<usize> {
    let before = lower[..list.start].trim_end();
    let before = before
        .strip_suffix("<hr>")
        .or_else(|| before.strip_suffix("<hr/>"))
        .or_else(|| before.strip_suffix("<hr />"))
        .map_or(before, str::trim_end);
    let Some(open) = before.rfind('<') else {
        return list;
    };
    let tag = &before[open..];
    let block = ["div", "section", "aside"]
        .into_iter()
        .find(|n| tag.starts_with(&format!("<{n}")) && tag.ends_with('>'));
    let Some(name) = block else { return list };
    let marked = attr_value(tag, "class").is_some_and(|c| c.contains("footnote"))
        || attr_value(tag, "role").as_deref() == Some("doc-endnotes");
    let close = format!("</{name}>");
    let after = &lower[list.end..];
    let rest = after.trim_start();
    if marked && rest.starts_with(&close) {
        let end = list.end + (after.len() - rest.len()) + close.len();
        open..end
    } else {
        list
    }
}

/// The calls of the prose: `<a href="#x">label</a>` in a `<sup>` (or holding one), or
/// marked as a note reference; the range covers the `<sup>` around it.
fn calls(text: &str, lower: &str) -> Vec<Call> {
    let mut out = Vec::new();
    let mut from = 0;
    while let Some(start) = find_tag(lower, from, &["a"]) {
        from = start + 2;
        let Some(tag_end) = lower[start..].find('>').map(|e| start + e + 1) else {
            break;
        };
        let open = &text[start..tag_end];
        let Some(target) =
            attr_value(open, "href").and_then(|h| h.strip_prefix('#').map(str::to_string))
        else {
            continue;
        };
        let Some(end) = lower[tag_end..].find("</a>").map(|e| tag_end + e + 4) else {
            continue;
        };
        let inner = &lower[tag_end..end - 4];
        let label: String = strip_tags(inner);
        if target.is_empty() || label.trim().chars().count() > 8 || inner.contains("<a") {
            continue;
        }
        let mut range = start..end;
        let before = lower[..start].trim_end_matches(' ');
        let sup_open = before
            .rfind("<sup")
            .filter(|&s| before[s..].ends_with('>') && before[s..].matches('>').count() == 1);
        let sup_close = lower[end..].starts_with("</sup>");
        let in_sup = match sup_open {
            Some(s) if sup_close => {
                range = s..end + "</sup>".len();
                true
            }
            _ => inner.contains("<sup"),
        };
        let marked = attr_value(open, "role").as_deref() == Some("doc-noteref")
            || attr_value(open, "class").is_some_and(|c| c.contains("footnote") || c == "fn");
        if in_sup || marked {
            out.push(Call { range, target });
        }
        from = end;
    }
    out
}

/// The next `<name` tag (followed by a space, `>` or `/`) at or after `from`.
fn find_tag(lower: &str, mut from: usize, names: &[&str]) -> Option<usize> {
    while let Some(at) = lower[from..].find('<').map(|i| from + i) {
        let rest = &lower[at + 1..];
        let hit = names.iter().any(|n| {
            rest.starts_with(n) && rest[n.len()..].starts_with([' ', '>', '/', '\t', '\n'])
        });
        if hit {
            return Some(at);
        }
        from = at + 1;
    }
    None
}

/// The opening tags `<name …>` in `html`.
fn tags<'a>(html: &'a str, name: &'a str) -> impl Iterator<Item = &'a str> + 'a {
    let mut from = 0;
    std::iter::from_fn(move || {
        let at = find_tag(html, from, &[name])?;
        let end = html[at..].find('>').map_or(html.len(), |e| at + e + 1);
        from = end;
        Some(&html[at..end])
    })
}

/// The value of `key="…"` (or `'…'`) in an opening tag.
fn attr_value(tag: &str, key: &str) -> Option<String> {
    let lower = tag.to_ascii_lowercase();
    let mut from = 0;
    while let Some(i) = lower[from..].find(key).map(|i| from + i) {
        from = i + key.len();
        let boundary = i == 0 || lower.as_bytes()[i - 1].is_ascii_whitespace();
        let rest = tag[from..].trim_start();
        let Some(rest) = rest.strip_prefix('=') else {
            continue;
        };
        if !boundary {
            continue;
        }
        let rest = rest.trim_start();
        let quote = rest.chars().next()?;
        if quote == '"' || quote == '\'' {
            return rest[1..].find(quote).map(|e| rest[1..1 + e].to_string());
        }
        let end = rest
            .find(|c: char| c.is_whitespace() || c == '>')
            .unwrap_or(rest.len());
        return Some(rest[..end].to_string());
    }
    None
}

/// The ids of the tags in `html`.
fn ids_in(html: &str) -> Vec<String> {
    let mut out = Vec::new();
    let mut from = 0;
    while let Some(at) = html[from..].find('<').map(|i| from + i) {
        let end = html[at..].find('>').map_or(html.len(), |e| at + e + 1);
        out.extend(attr_value(&html[at..end], "id"));
        from = end;
    }
    out
}

fn strip_tags(html: &str) -> String {
    let mut out = String::new();
    let mut in_tag = false;
    for c in html.chars() {
        match c {
            '<' => in_tag = true,
            '>' => in_tag = false,
            c if !in_tag => out.push(c),
            _ => {}
        }
    }
    out
}

/// The labels of the Markdown footnotes the text already has (`[^x]`).
fn used_labels(text: &str) -> HashSet<String> {
    text.match_indices("[^")
        .filter_map(|(i, _)| {
            let rest = &text[i + 2..];
            rest.find(']').map(|e| rest[..e].to_string())
        })
        .collect()
}

fn next_label(used: &mut HashSet<String>) -> String {
    let mut n = 1usize;
    while used.contains(&n.to_string()) {
        n += 1;
    }
    let label = n.to_string();
    used.insert(label.clone());
    label
}

#[cfg(test)]
mod tests {
    use super::*;

    /// A table of the shapes pages paste: each call becomes `[^n]`, each note a
    /// definition without its way back, and nothing else changes.
    #[test]
    fn pasted_notes_become_markdown_footnotes() {
        let cases = [
            (
                "Une ruche<sup><a href=\"#fn1\" id=\"ref1\">1</a></sup> en 2010.\n\n<ol><li id=\"fn1\">Une note de bas de page. <a href=\"#ref1\">↩</a></li></ol>\n",
                "Une ruche[^1] en 2010.\n\n\n\n[^1]: Une note de bas de page.\n\n\n",
            ),
            (
                "A<a href=\"#n2\"><sup>2</sup></a> et B<sup id=\"r3\"><a href='#n3'>3</a></sup>.\n\n<div class=\"footnotes\">\n<hr />\n<ol>\n<li id=\"n2\"><p>Deux.</p></li>\n<li id=\"n3\"><p>Trois <a href=\"#r3\">↩︎</a></p></li>\n</ol>\n</div>\n",
                "A[^1] et B[^2].\n\n\n\n[^1]: Deux.\n\n[^2]: Trois\n\n\n",
            ),
            (
                "Déjà une note[^1]. Et une autre<sup><a href=\"#fn1\">1</a></sup>.\n\n[^1]: La première.\n\n<ol><li id=\"fn1\">La seconde.</li></ol>\n",
                "Déjà une note[^1]. Et une autre[^2].\n\n[^1]: La première.\n\n\n\n[^2]: La seconde.\n\n\n",
            ),
        ];
        for (text, expected) in cases {
            assert_eq!(convert(text), expected, "{text}");
        }
    }

    #[test]
    fn other_html_is_left_as_written() {
        for text in [
            "Une liste :\n\n<ol><li>un</li><li>deux</li></ol>\n",
            "Un lien <a href=\"#historique\">vers l’historique</a>.\n",
            "Une note<sup><a href=\"#ailleurs\">1</a></sup> sans définition.\n\n<ol><li id=\"autre\">Rien.</li></ol>\n",
            "<ol><li id=\"fn1\">Une note que rien n’appelle.</li></ol>\n",
        ] {
            assert_eq!(convert(text), text);
        }
    }
}
