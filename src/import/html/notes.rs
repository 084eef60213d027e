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
    let notes: Vec<&Handle> = nodes
        .iter()
        .filter(|n| is_note(n) && attr(n, "id").is_some_and(|id| calls.contains_key(&id)))
        .collect();
    if notes.is_empty() {
        return Notes::default();
    }
    let back_targets = back_targets(&calls);
    let mut labels: HashMap<String, usize> = HashMap::new();
    let mut definitions: Vec<(Handle, String)> = Vec::new();
    for (i, note) in notes.iter().enumerate() {
        let label = i + 1;
        labels.insert(attr(note, "id").unwrap_or_default(), label);
        remove_back_links(note, &back_targets);
        let body = converter.tree_to_markdown(note);
        definitions.push(((*note).clone(), definition(label, &body)));
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

/// Every link that calls a note: an `<a href="#id">` in a `<sup>`, or marked as a
/// footnote reference; by the id it points to.
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
        if (in_sup || marked) && !target.is_empty() {
            out.entry(target).or_default().push(node.clone());
        }
    }
    out
}

/// A list item, or an element whose class names a footnote.
fn is_note(node: &Handle) -> bool {
    tag(node) == Some("li") || classes(node).any(|c| c.contains("footnote"))
}

fn classes(node: &Handle) -> impl Iterator<Item = String> {
    attr(node, "class")
        .unwrap_or_default()
        .split_ascii_whitespace()
        .map(str::to_ascii_lowercase)
        .collect::<Vec<_>>()
        .into_iter()
}

/// The ids a way back points to: each call's own, and its `<sup>`'s.
fn back_targets(calls: &HashMap<String, Vec<Handle>>) -> HashSet<String> {
    calls
        .values()
        .flatten()
        .flat_map(|a| [attr(a, "id"), parent(a).and_then(|p| attr(&p, "id"))])
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
                replace(&note, &format!("{DEFS}{}{END}", groups.len()));
                groups.push(def);
            }
        }
    }
    for (list, group) in lists {
        remove_rules_around(&list);
        replace(&list, &format!("{DEFS}{group}{END}"));
    }
    groups
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
    fn a_list_of_links_to_the_page_is_no_note() {
        let html = "<ul><li id=\"a\"><a href=\"#b\">Voir</a></li></ul><h2 id=\"b\">Historique</h2><p>2010<sup>e</sup> anniversaire.</p>";
        let md = to_markdown(html).markdown;
        assert!(!md.contains("[^"), "{md}");
        assert!(md.contains("[Voir](#b)"), "{md}");
    }
}
