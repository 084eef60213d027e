//! A web page's footnotes become Markdown footnotes. WordPress writes them in several
//! shapes — the block editor's `<sup data-fn class="fn"><a href="#…">1</a></sup>` and
//! `<ol class="wp-block-footnotes">`, the plugins' and pandoc's `<sup><a href="#fn1">` and
//! `<div class="footnotes"><hr><ol><li id="fn1">… <a href="#fnref1">↩</a>` — and the
//! converter knows none of them: the call became a bare "1" and the note a list item with
//! a stray "↩" at the end of the last chapter. Here a note is an element the page's calls
//! point to (a list item, or an element with a `footnote` class); each call becomes
//! `[^n]`, each note `[^n]: …` without its way back, and [`super::super::defs`] then puts
//! every definition next to the chapter that cites it.
//!
//! The rewriting happens on the tree before the conversion: calls and notes are replaced
//! by placeholders (private-use characters, which the converter leaves alone and a page
//! never holds), and [`finish`] puts the Markdown in their place.

use std::cell::RefCell;
use std::collections::{HashMap, HashSet};
use std::rc::Rc;

use htmd::HtmlToMarkdown;
use markup5ever_rcdom::{Handle, Node, NodeData};

use super::{attr, parent, preorder, tag, text};

/// Opens a call's placeholder, followed by its label and [`END`].
const CALL: char = '\u{E000}';
/// Opens the placeholder of a group of definitions, followed by its index and [`END`].
const DEFS: char = '\u{E001}';
const END: char = '\u{E002}';

/// The definitions' Markdown, one entry per group of notes that was in one place.
#[derive(Debug, Default)]
pub struct Notes {
    groups: Vec<String>,
}

/// Texts of links that only lead back to the call.
const BACK: &[&str] = &["↩", "↩︎", "↑", "⤴", "^", "⇑"];

/// Rewrites the notes under `root` and their calls into placeholders; returns the
/// definitions for [`finish`]. A page holding the placeholders' characters is left alone.
pub fn mark(root: &Handle, converter: &HtmlToMarkdown) -> Notes {
    let nodes = preorder(root);
    if text(root).contains([CALL, DEFS, END]) {
        return Notes::default();
    }
    let calls = calls(&nodes);
    let notes = notes(&nodes, &calls);
    if notes.is_empty() {
        return Notes::default();
    }
    let back_targets = back_targets(&calls);
    let mut labels: HashMap<String, usize> = HashMap::new();
    let mut definitions: Vec<(Handle, String)> = Vec::new();
    for (i, (note, target)) in notes.iter().enumerate() {
        let label = i + 1;
        labels.insert(target.clone(), label);
        remove_back_links(note, &back_targets);
        let body = converter.tree_to_markdown(note);
        definitions.push((note.clone(), definition(label, &body)));
    }
    for (id, handles) in &calls {
        if let Some(label) = labels.get(id) {
            for call in handles {
                replace(&call_root(call), &format!("{CALL}{label}{END}"));
            }
        }
    }
    Notes {
        groups: place_definitions(definitions),
    }
}

/// The page's Markdown with the placeholders replaced.
pub fn finish(markdown: String, notes: &Notes) -> String {
    if notes.groups.is_empty() {
        return markdown;
    }
    let mut out = String::with_capacity(markdown.len());
    let mut rest = markdown.as_str();
    while let Some(at) = rest.find([CALL, DEFS]) {
        out.push_str(&rest[..at]);
        let open = rest[at..].chars().next().unwrap_or(CALL);
        let after = &rest[at + open.len_utf8()..];
        let Some(end) = after.find(END) else {
            rest = after;
            continue;
        };
        let index = &after[..end];
        if open == CALL {
            out.push_str(&format!("[^{index}]"));
        } else if let Some(group) = index
            .parse::<usize>()
            .ok()
            .and_then(|i| notes.groups.get(i))
        {
            out.push_str(&format!("\n\n{group}\n\n"));
        }
        rest = &after[end + END.len_utf8()..];
    }
    out.push_str(rest);
    out
}

/// The notes of an HTML fragment pasted into a Markdown document (see
/// [`crate::import::pasted_notes`]): each element of `block` that is a note
/// ([`is_note`]) and whose id is in `called`, in order, as `(id, Markdown body)`, its
/// links back (to an id of `back`, or `↩`) removed.
pub fn pasted(
    block: &str,
    called: &HashSet<String>,
    back: &HashSet<String>,
) -> Vec<(String, String)> {
    let converter = super::converter();
    let Ok(doc) = converter.html_to_tree(block) else {
        return Vec::new();
    };
    let mut out = Vec::new();
    for node in preorder(&doc) {
        let Some(id) = attr(&node, "id").filter(|id| called.contains(id)) else {
            continue;
        };
        if !is_note(&node) {
            continue;
        }
        remove_back_links(&node, back);
        out.push((id, converter.tree_to_markdown(&node)));
    }
    out
}

/// `[^label]: text` for a note's Markdown body, the following lines indented.
pub fn definition_of(label: &str, body: &str) -> String {
    definition(label, body)
}

/// The notes the page's calls point to, in the page's order, each with the target its
/// calls name: an element of that id ([`is_note`]), or — Word's "Save as Web page",
/// whose calls point to an `<a name="_ftn1">` inside the note — the note holding that
/// anchor ([`anchored_note`]), unless it holds a call (then it is the text).
fn notes(nodes: &[Handle], calls: &HashMap<String, Vec<Handle>>) -> Vec<(Handle, String)> {
    let all_calls: Vec<&Handle> = calls.values().flatten().collect();
    let by_id: HashSet<String> = nodes
        .iter()
        .filter(|n| is_note(n))
        .filter_map(|n| attr(n, "id"))
        .filter(|id| calls.contains_key(id))
        .collect();
    let mut out: Vec<(Handle, String)> = Vec::new();
    let mut found: HashSet<String> = HashSet::new();
    for node in nodes {
        let (note, target, anchored) = match attr(node, "id").filter(|id| by_id.contains(id)) {
            Some(id) if is_note(node) => (node.clone(), id, false),
            _ => {
                let Some(name) = attr(node, "name")
                    .filter(|n| tag(node) == Some("a") && calls.contains_key(n))
                    .filter(|n| !by_id.contains(n))
                else {
                    continue;
                };
                let Some(note) = anchored_note(node, &name) else {
                    continue;
                };
                (note, name, true)
            }
        };
        let holds_call = anchored && {
            let inside = preorder(&note);
            all_calls
                .iter()
                .any(|c| inside.iter().any(|n| Rc::ptr_eq(n, c)))
        };
        let nested = out
            .iter()
            .any(|(n, _)| Rc::ptr_eq(n, &note) || preorder(n).iter().any(|d| Rc::ptr_eq(d, &note)));
        if holds_call || nested || !found.insert(target.clone()) {
            continue;
        }
        out.push((note, target));
    }
    out
}

/// The note an `<a name="…">` a call points to stands in: the `<div>` around it that
/// Word marks as a note (`style="mso-element:footnote"`) or names after it (`id="ftn1"`
/// for `_ftn1`, as its filtered export does), else the paragraph or list item it opens.
fn anchored_note(anchor: &Handle, name: &str) -> Option<Handle> {
    let bare = name.trim_start_matches('_');
    let mut block: Option<Handle> = None;
    let mut current = parent(anchor);
    while let Some(node) = current {
        if matches!(tag(&node), Some("body" | "html")) {
            break;
        }
        let word_note = matches!(mso_element(&node).as_deref(), Some("footnote" | "endnote"));
        if tag(&node) == Some("div")
            && (word_note || attr(&node, "id").is_some_and(|id| id == bare))
        {
            return Some(node);
        }
        if block.is_none() && matches!(tag(&node), Some("p" | "li")) {
            block = Some(node.clone());
        }
        current = parent(&node);
    }
    block
}

/// The kind of element Word's export says `node` is (`style="mso-element:footnote"`).
fn mso_element(node: &Handle) -> Option<String> {
    let style: String = attr(node, "style")?
        .chars()
        .filter(|c| !c.is_whitespace())
        .collect::<String>()
        .to_ascii_lowercase();
    style.split(';').find_map(|d| {
        d.strip_prefix("mso-element:")
            .map(|v| v.trim_matches(['\'', '"']).to_string())
    })
}

/// Whether a link's target is one of Word's notes (`_ftn1`, `_edn1`), not its way back
/// to the call (`_ftnref1`).
fn word_note_target(target: &str) -> bool {
    let lower = target.to_ascii_lowercase();
    ["_ftn", "_edn"].iter().any(|p| {
        lower
            .strip_prefix(p)
            .is_some_and(|n| !n.is_empty() && n.chars().all(|c| c.is_ascii_digit()))
    })
}

/// Every link that calls a note: an `<a href="#id">` in a `<sup>`, marked as a footnote
/// reference (by itself, or by Word's `MsoFootnoteReference` inside it), or pointing to
/// one of Word's notes (`#_ftn1`); by the id it points to.
fn calls(nodes: &[Handle]) -> HashMap<String, Vec<Handle>> {
    let mut out: HashMap<String, Vec<Handle>> = HashMap::new();
    for node in nodes.iter().filter(|n| tag(n) == Some("a")) {
        let Some(target) = attr(node, "href").and_then(|h| h.strip_prefix('#').map(str::to_string))
        else {
            continue;
        };
        let in_sup = parent(node).is_some_and(|p| tag(&p) == Some("sup"));
        let marked = attr(node, "role").as_deref() == Some("doc-noteref")
            || classes(node).any(|c| c.contains("footnote") || c == "fn");
        let lower = target.to_ascii_lowercase();
        let word_back = lower.starts_with("_ftnref") || lower.starts_with("_ednref");
        let word = word_note_target(&target)
            || (!word_back
                && preorder(node).iter().any(|n| {
                    classes(n).any(|c| c == "msofootnotereference" || c == "msoendnotereference")
                }));
        if (in_sup || marked || word) && !target.is_empty() {
            out.entry(target).or_default().push(node.clone());
        }
    }
    out
}

/// A list item, an element whose class names a footnote, or one Word marks as a note
/// (`style="mso-element:footnote"`, `endnote`).
fn is_note(node: &Handle) -> bool {
    tag(node) == Some("li")
        || classes(node).any(|c| c.contains("footnote"))
        || matches!(mso_element(node).as_deref(), Some("footnote" | "endnote"))
}

fn classes(node: &Handle) -> impl Iterator<Item = String> {
    attr(node, "class")
        .unwrap_or_default()
        .split_ascii_whitespace()
        .map(str::to_ascii_lowercase)
        .collect::<Vec<_>>()
        .into_iter()
}

/// The ids a way back points to: each call's own (its `id`, or Word's `name`), and its
/// `<sup>`'s.
fn back_targets(calls: &HashMap<String, Vec<Handle>>) -> HashSet<String> {
    calls
        .values()
        .flatten()
        .flat_map(|a| {
            [
                attr(a, "id"),
                attr(a, "name"),
                parent(a).and_then(|p| attr(&p, "id")),
            ]
        })
        .flatten()
        .collect()
}

/// Removes the note's links back to its calls (`↩`).
fn remove_back_links(note: &Handle, targets: &HashSet<String>) {
    let back: Vec<Handle> = preorder(note)
        .into_iter()
        .filter(|n| tag(n) == Some("a"))
        .filter(|a| {
            let to_call = attr(a, "href")
                .and_then(|h| h.strip_prefix('#').map(|t| targets.contains(t)))
                .unwrap_or(false);
            to_call || BACK.contains(&text(a).as_str())
        })
        .collect();
    for link in back {
        detach(&link);
    }
}

/// What a call replaces: its `<sup>` when the `<sup>` holds nothing else.
fn call_root(call: &Handle) -> Handle {
    match parent(call) {
        Some(p) if tag(&p) == Some("sup") && text(&p) == text(call) => p,
        _ => call.clone(),
    }
}

/// `[^n]: text`, the following lines indented so that they stay in the note.
fn definition(label: impl std::fmt::Display, body: &str) -> String {
    let body = body.trim();
    let body = body.strip_prefix("- ").unwrap_or(body);
    let mut out = format!("[^{label}]:");
    for (i, line) in body.lines().enumerate() {
        match (i, line.trim().is_empty()) {
            (0, _) => out.push_str(&format!(" {line}")),
            (_, true) => out.push('\n'),
            _ => out.push_str(&format!("\n    {line}")),
        }
    }
    out
}

/// Replaces the notes by placeholders: a list whose items are all notes (with the rule
/// above it in a footnotes block) by one, any other note by its own. Returns the groups
/// of definitions in the placeholders' order.
fn place_definitions(definitions: Vec<(Handle, String)>) -> Vec<String> {
    let mut groups: Vec<String> = Vec::new();
    let mut lists: Vec<(Handle, usize)> = Vec::new();
    let mut blocks: Vec<Handle> = Vec::new();
    for (note, def) in definitions {
        let list = parent(&note).filter(|l| is_notes_list(l, &note));
        match list {
            Some(list) => match lists.iter().find(|(l, _)| Rc::ptr_eq(l, &list)) {
                Some((_, group)) => {
                    let group = &mut groups[*group];
                    group.push_str("\n\n");
                    group.push_str(&def);
                }
                None => {
                    lists.push((list, groups.len()));
                    groups.push(def);
                }
            },
            None => {
                if let Some(block) = parent(&note) {
                    if !blocks.iter().any(|b| Rc::ptr_eq(b, &block)) {
                        blocks.push(block);
                    }
                }
                replace(&note, &format!("{DEFS}{}{END}", groups.len()));
                groups.push(def);
            }
        }
    }
    for (list, group) in lists {
        remove_rules_around(&list);
        replace(&list, &format!("{DEFS}{group}{END}"));
    }
    blocks.iter().for_each(remove_separator);
    groups
}

/// The separator (`<br clear=all><hr>`) of a block that only holds notes — Word's
/// `<div style="mso-element:footnote-list">`, or the plain `<div>` of its filtered
/// export —: the notes' rule, not the document's. Called once the notes are placeholders.
fn remove_separator(block: &Handle) {
    let listed = matches!(
        mso_element(block).as_deref(),
        Some("footnote-list" | "endnote-list")
    );
    let elements: Vec<Handle> = block
        .children
        .borrow()
        .iter()
        .filter(|c| matches!(c.data, NodeData::Element { .. }))
        .cloned()
        .collect();
    let only_separator = elements.iter().all(|c| matches!(tag(c), Some("hr" | "br")))
        && elements.iter().any(|c| tag(c) == Some("hr"));
    if listed || only_separator {
        elements
            .iter()
            .filter(|c| matches!(tag(c), Some("hr" | "br")))
            .for_each(detach);
    }
}

/// Whether `list` is an `<ol>`/`<ul>` whose items are all notes (`note` is one).
fn is_notes_list(list: &Handle, note: &Handle) -> bool {
    matches!(tag(list), Some("ol" | "ul"))
        && tag(note) == Some("li")
        && list
            .children
            .borrow()
            .iter()
            .filter(|c| tag(c) == Some("li"))
            .all(|li| attr(li, "id").is_some())
}

/// The `<hr>` a footnotes block opens with: a separator, not the document's.
fn remove_rules_around(list: &Handle) {
    let Some(block) = parent(list) else {
        return;
    };
    if !classes(&block).any(|c| c.contains("footnote")) && !is_endnotes(&block) {
        return;
    }
    let rules: Vec<Handle> = block
        .children
        .borrow()
        .iter()
        .filter(|c| tag(c) == Some("hr"))
        .cloned()
        .collect();
    rules.iter().for_each(detach);
}

fn is_endnotes(node: &Handle) -> bool {
    attr(node, "role").as_deref() == Some("doc-endnotes")
}

/// Puts a text node holding `placeholder` where `node` was.
fn replace(node: &Handle, placeholder: &str) {
    let Some(p) = parent(node) else {
        return;
    };
    let text = Node::new(NodeData::Text {
        contents: RefCell::new(tendril::StrTendril::from_slice(placeholder)),
    });
    text.parent.set(Some(Rc::downgrade(&p)));
    for child in p.children.borrow_mut().iter_mut() {
        if Rc::ptr_eq(child, node) {
            *child = text.clone();
        }
    }
}

fn detach(node: &Handle) {
    if let Some(p) = parent(node) {
        p.children.borrow_mut().retain(|c| !Rc::ptr_eq(c, node));
    }
}

#[cfg(test)]
mod tests {
    use super::super::to_markdown;

    #[test]
    fn plugin_and_pandoc_notes_become_markdown_footnotes() {
        let html = "<h2>Historique</h2><p>La première ruche<sup id=\"fnref1\"><a href=\"#fn1\">1</a></sup> date de 2010.</p>\
            <h2>Modalités de modification</h2><p>Par consentement.</p>\
            <div class=\"footnotes\"><hr><ol><li id=\"fn1\"><p>Sur le toit de la <em>mairie</em>.&nbsp;<a href=\"#fnref1\">↩</a></p></li></ol></div>";
        let md = to_markdown(html).markdown;
        assert!(md.contains("La première ruche[^1] date de 2010."), "{md}");
        assert!(md.contains("[^1]: Sur le toit de la *mairie*."), "{md}");
        assert!(
            !md.contains('↩') && !md.contains("* * *") && !md.contains("---"),
            "{md}"
        );
    }

    #[test]
    fn block_editor_notes_become_markdown_footnotes() {
        let html = "<p>Nous cultivons<sup data-fn=\"a1b2\" class=\"fn\"><a href=\"#a1b2\" id=\"a1b2-link\">1</a></sup> et tissons<sup data-fn=\"c3\" class=\"fn\"><a href=\"#c3\" id=\"c3-link\">2</a></sup>.</p>\
            <ol class=\"wp-block-footnotes\"><li id=\"a1b2\">Du lin. <a href=\"#a1b2-link\" aria-label=\"Aller à la référence 1\">↩︎</a></li>\
            <li id=\"c3\">Deux paragraphes.<p>Le second.</p><a href=\"#c3-link\">↩︎</a></li></ol>";
        let md = to_markdown(html).markdown;
        assert!(md.contains("Nous cultivons[^1] et tissons[^2]."), "{md}");
        assert!(md.contains("[^1]: Du lin."), "{md}");
        assert!(
            md.contains("[^2]: Deux paragraphes.\n\n    Le second."),
            "{md}"
        );
        assert!(!md.contains('↩'), "{md}");
    }

    #[test]
    fn word_s_web_page_notes_become_markdown_footnotes() {
        let html = include_str!("../../../tests/fixtures/import/kinds/word-footnotes.html");
        let md = to_markdown(html).markdown;
        assert!(md.contains("Nourrir le quartier[^1] avec soin."), "{md}");
        assert!(md.contains("[^1]: Le quartier des Pentes."), "{md}");
        assert!(
            md.contains("[^3]: Le prix moyen payé est de huit euros.\n\n    Il est affiché"),
            "{md}"
        );
        assert!(md.contains("fonds commun[^4] chaque"), "{md}");
        assert!(md.contains("[^4]: Il finance les outils partagés."), "{md}");
        assert!(
            !md.contains("[1]") && !md.contains("* * *") && !md.contains('\\'),
            "{md}"
        );
    }

    #[test]
    fn word_s_filtered_web_page_notes_become_markdown_footnotes() {
        let html = "<div class=WordSection1><h2>Historique</h2><p class=MsoNormal>Petit<a href=\"#_ftn1\" name=\"_ftnref1\" title=\"\"><span class=MsoFootnoteReference><span class=MsoFootnoteReference>[1]</span></span></a> au début.</p></div>\
            <div><br clear=all><hr align=left size=1 width=\"33%\"><div id=ftn1><p class=MsoFootnoteText><a href=\"#_ftnref1\" name=\"_ftn1\" title=\"\"><span class=MsoFootnoteReference>[1]</span></a> En 2014.</p><p class=MsoFootnoteText>Rue Neuve.</p></div></div>";
        let md = to_markdown(html).markdown;
        assert!(md.contains("Petit[^1] au début."), "{md}");
        assert!(md.contains("[^1]: En 2014.\n\n    Rue Neuve."), "{md}");
        assert!(
            !md.contains("[1]") && !md.contains("* * *") && !md.contains('\\'),
            "{md}"
        );
    }

    #[test]
    fn a_list_of_links_to_the_page_is_no_note() {
        let html = "<ul><li id=\"a\"><a href=\"#b\">Voir</a></li></ul><h2 id=\"b\">Historique</h2><p>2010<sup>e</sup> anniversaire.</p>";
        let md = to_markdown(html).markdown;
        assert!(!md.contains("[^"), "{md}");
        assert!(md.contains("[Voir](#b)"), "{md}");
    }
}
