//! HTML (a CMS page, a saved web page) to Markdown. The page is bounded in depth
//! ([`flatten`]), parsed by html5ever into the tree `htmd` converts, and cleared of what
//! is not the article: the theme's furniture ([`furniture`]: menus, share buttons,
//! comments, sidebars, footers, cookie banners) and, when the page has one article, what
//! lies outside it. Everything dropped is handed back with its text for the report. The
//! ids of headings (and of the sections around them) are kept as aliases, so that
//! `<a href="#notre-histoire">` still finds its chapter after the conversion.
//!
//! Every walk of the tree here is iterative: its depth is bounded, but only by
//! [`flatten::MAX_DEPTH`], which is more than a recursion on a thread's stack should bet on.

pub mod flatten;
pub mod furniture;
pub mod notes;

use std::rc::{Rc, Weak};

use htmd::options::{BrStyle, BulletListMarker, Options};
use htmd::HtmlToMarkdown;
use markup5ever_rcdom::{Handle, NodeData};

pub use furniture::Furniture;

/// Elements whose content is never text of the document, dropped without a word.
const SKIPPED: &[&str] = &[
    "head", "script", "style", "template", "svg", "canvas", "nav", "form", "button", "select",
    "textarea", "input", "noscript",
];

/// Elements that enclose an article's content: a `<header>` or an `<aside>` inside one is
/// part of it.
const CONTENT: &[&str] = &["article", "main", "section"];

/// Classes that mark the article's content in common themes.
const CONTENT_CLASSES: &[&str] = &[
    "entry-content",
    "post-content",
    "page-content",
    "article-content",
    "article-body",
    "post-body",
    "entry-body",
];

/// The page as Markdown, and what was left out of it.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Page {
    pub markdown: String,
    /// The text of the page's `<title>`.
    pub title: Option<String>,
    /// The text of the document's title paragraph, taken out of the Markdown: a word
    /// processor's "Title" style exported as `<p class="title">` (Google Docs, pandoc's
    /// `<p class="title">`, LibreOffice's `<p class="Title">`). See [`title_paragraph`].
    pub document_title: Option<String>,
    /// Furniture and text outside the article, in the page's order.
    pub dropped: Vec<Dropped>,
    /// Tags removed because they nested deeper than [`flatten::MAX_DEPTH`].
    pub flattened: usize,
    /// `(id, anchor)`: an element's id and the anchor of the heading it names.
    pub aliases: Vec<(String, String)>,
}

/// Something of the page that is not the article.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Dropped {
    pub what: Furniture,
    /// Its text, white space collapsed (an embedded frame's address).
    pub text: String,
}

/// Converts a page.
pub fn to_markdown(html: &str) -> Page {
    let flat = flatten::flatten(html, flatten::MAX_DEPTH);
    let converter = converter();
    let Ok(doc) = converter.html_to_tree(&with_empty_headers(&flat.html)) else {
        return Page::default();
    };
    let title = find(&doc, |n| tag(n) == Some("title")).map(|t| text(&t));
    let mut dropped = remove_furniture(&doc);
    let body = find(&doc, |n| tag(n) == Some("body")).unwrap_or_else(|| doc.clone());
    let root = content_root(&body);
    if !Rc::ptr_eq(&root, &body) {
        dropped.extend(outside(&root, &body));
    }
    spread_row_spans(&root);
    let document_title = title_paragraph(&root);
    let notes = notes::mark(&root, &converter);
    Page {
        markdown: notes::finish(converter.tree_to_markdown(&root), &notes),
        title: title.filter(|t| !t.is_empty()),
        document_title,
        dropped,
        flattened: flat.tags,
        aliases: aliases(&root),
    }
}

/// Gives each table without a header (no `<th>`, no `<thead>`: a Gutenberg
/// `wp-block-table`) an empty header row, as wide as its widest row, so that it becomes
/// a pipe table with an empty header — as pandoc gives a `.docx` or `.odt` one — rather
/// than its cells as paragraphs. A table holding another is left as it is.
fn with_empty_headers(html: &str) -> String {
    let lower = html.to_ascii_lowercase();
    let mut out = String::with_capacity(html.len());
    let mut done = 0;
    let mut from = 0;
    while let Some(open) = lower[from..].find("<table").map(|i| i + from) {
        let Some(gt) = lower[open..].find('>').map(|i| i + open + 1) else {
            break;
        };
        let Some(close) = lower[gt..].find("</table").map(|i| i + gt) else {
            break;
        };
        let inner = &lower[gt..close];
        from = close;
        if inner.contains("<table") || inner.contains("<th") {
            continue;
        }
        let width = inner
            .split("<tr")
            .skip(1)
            .map(|row| row.matches("<td").count())
            .max()
            .unwrap_or(0);
        if width == 0 {
            continue;
        }
        out.push_str(&html[done..gt]);
        out.push_str("<thead><tr>");
        for _ in 0..width {
            out.push_str("<th></th>");
        }
        out.push_str("</tr></thead>");
        done = gt;
    }
    out.push_str(&html[done..]);
    out
}

fn converter() -> HtmlToMarkdown {
    let options = Options {
        bullet_list_marker: BulletListMarker::Dash,
        ul_bullet_spacing: 1,
        ol_number_spacing: 1,
        br_style: BrStyle::Backslash,
        ..Options::default()
    };
    HtmlToMarkdown::builder()
        .skip_tags(SKIPPED.to_vec())
        .options(options)
        .add_handler(
            vec!["iframe"],
            |_: &dyn htmd::element_handler::Handlers, e: htmd::Element| Some(iframe(e.node).into()),
        )
        .add_handler(
            vec!["pre"],
            |_: &dyn htmd::element_handler::Handlers, e: htmd::Element| Some(pre(e.node).into()),
        )
        .add_handler(
            vec!["br"],
            |h: &dyn htmd::element_handler::Handlers, e: htmd::Element| {
                if in_table_cell(e.node) {
                    Some("<br>".into())
                } else {
                    h.fallback(e)
                }
            },
        )
        .build()
}

/// A `<pre>` block as a fenced code block, its text verbatim (spaces, line breaks, what
/// looks like Markdown): preformatted text is shown as it was typed.
fn pre(node: &Handle) -> String {
    fn collect(node: &Handle, out: &mut String) {
        match &node.data {
            NodeData::Text { contents } => out.push_str(&contents.borrow()),
            NodeData::Element { name, .. } if name.local.as_ref() == "br" => out.push('\n'),
            _ => {
                for child in node.children.borrow().iter() {
                    collect(child, out);
                }
            }
        }
    }
    let mut text = String::new();
    collect(node, &mut text);
    let text = text.trim_start_matches('\n').trim_end();
    if text.trim().is_empty() {
        return String::new();
    }
    // A fence longer than any run of backquotes inside.
    let mut longest = 0;
    let mut run = 0;
    for c in text.chars() {
        run = if c == '`' { run + 1 } else { 0 };
        longest = longest.max(run);
    }
    let fence = "`".repeat((longest + 1).max(3));
    format!("\n\n{fence}\n{text}\n{fence}\n\n")
}

/// A cell spanning rows (`rowspan="2"`) leaves an empty cell at its place in each row
/// it spans, so that the cells after it stay in their columns (as pandoc reads a Word
/// table's merged cells). A table holding another is left as it is.
fn spread_row_spans(root: &Handle) {
    for table in preorder(root)
        .into_iter()
        .filter(|n| tag(n) == Some("table"))
    {
        let inside = preorder(&table);
        if inside.iter().skip(1).any(|n| tag(n) == Some("table")) {
            continue;
        }
        let Some(like) = inside
            .iter()
            .find(|n| tag(n) == Some("td"))
            .or_else(|| inside.iter().find(|n| tag(n) == Some("th")))
            .cloned()
        else {
            continue;
        };
        // Column → rows it still spans.
        let mut pending: Vec<usize> = Vec::new();
        for row in inside.iter().filter(|n| tag(n) == Some("tr")) {
            let cells: Vec<Handle> = row
                .children
                .borrow()
                .iter()
                .filter(|c| matches!(tag(c), Some("td" | "th")))
                .cloned()
                .collect();
            let mut out: Vec<Handle> = Vec::new();
            let mut column = 0;
            let fill = |column: &mut usize, out: &mut Vec<Handle>, pending: &mut Vec<usize>| {
                while pending.get(*column).is_some_and(|&n| n > 0) {
                    pending[*column] -= 1;
                    out.extend(empty_cell(row, &like));
                    *column += 1;
                }
            };
            for cell in cells {
                fill(&mut column, &mut out, &mut pending);
                let span = attr(&cell, "rowspan")
                    .and_then(|v| v.trim().parse::<usize>().ok())
                    .unwrap_or(1)
                    .clamp(1, 1000);
                if pending.len() <= column {
                    pending.resize(column + 1, 0);
                }
                pending[column] = span - 1;
                out.push(cell);
                column += 1;
            }
            while column < pending.len() {
                fill(&mut column, &mut out, &mut pending);
                column += 1;
            }
            if out.len()
                == row
                    .children
                    .borrow()
                    .iter()
                    .filter(|c| matches!(tag(c), Some("td" | "th")))
                    .count()
            {
                continue;
            }
            let mut children = row.children.borrow_mut();
            children.retain(|c| !matches!(tag(c), Some("td" | "th")));
            children.extend(out);
        }
    }
}

/// An empty cell of `row`, named as the cell `like` (a `<td>`).
fn empty_cell(row: &Handle, like: &Handle) -> Option<Handle> {
    let NodeData::Element { name, .. } = &like.data else {
        return None;
    };
    let cell = markup5ever_rcdom::Node::new(NodeData::Element {
        name: name.clone(),
        attrs: std::cell::RefCell::new(Vec::new()),
        template_contents: std::cell::RefCell::new(None),
        mathml_annotation_xml_integration_point: false,
    });
    cell.parent.set(Some(Rc::downgrade(row)));
    Some(cell)
}

/// Whether a node is inside a table's cell, where a line break can only be `<br>`.
fn in_table_cell(node: &Handle) -> bool {
    let mut current = parent(node);
    while let Some(n) = current {
        if matches!(tag(&n), Some("td" | "th")) {
            return true;
        }
        current = parent(&n);
    }
    false
}

/// An embedded frame as an HTML block of the Markdown, its attributes as written (the
/// site does not show it; the report says so): `<iframe src="…" title="…"></iframe>`.
fn iframe(node: &Handle) -> String {
    let NodeData::Element { attrs, .. } = &node.data else {
        return String::new();
    };
    let attrs: String = attrs
        .borrow()
        .iter()
        .map(|a| {
            let value = a.value.replace('&', "&amp;").replace('"', "&quot;");
            format!(" {}=\"{value}\"", &*a.name.local)
        })
        .collect();
    format!("\n\n<iframe{attrs}></iframe>\n\n")
}

/// The first paragraph (or `div`) whose class is `title` (any case), with text: the
/// document's title as word processors export it. It is detached from the tree, and its
/// text returned.
fn title_paragraph(root: &Handle) -> Option<String> {
    let node = find(root, |n| {
        matches!(tag(n), Some("p" | "div"))
            && attr(n, "class").is_some_and(|c| {
                c.split_whitespace()
                    .any(|w| w.eq_ignore_ascii_case("title"))
            })
            && !text(n).is_empty()
    })?;
    let title = text(&node);
    if let Some(p) = parent(&node) {
        p.children.borrow_mut().retain(|c| !Rc::ptr_eq(c, &node));
    }
    Some(title)
}

/// The element's tag name.
fn tag(node: &Handle) -> Option<&str> {
    match &node.data {
        NodeData::Element { name, .. } => Some(name.local.as_ref()),
        _ => None,
    }
}

fn attr(node: &Handle, key: &str) -> Option<String> {
    match &node.data {
        NodeData::Element { attrs, .. } => attrs
            .borrow()
            .iter()
            .find(|a| a.name.local.as_ref() == key)
            .map(|a| a.value.to_string()),
        _ => None,
    }
}

/// Every node under `root`, in document order (`root` first).
fn preorder(root: &Handle) -> Vec<Handle> {
    let mut out = Vec::new();
    let mut stack = vec![root.clone()];
    while let Some(node) = stack.pop() {
        stack.extend(node.children.borrow().iter().rev().cloned());
        out.push(node);
    }
    out
}

fn find(root: &Handle, pred: impl Fn(&Handle) -> bool) -> Option<Handle> {
    let mut stack = vec![root.clone()];
    while let Some(node) = stack.pop() {
        if pred(&node) {
            return Some(node);
        }
        stack.extend(node.children.borrow().iter().rev().cloned());
    }
    None
}

/// The text under a node, white space collapsed; scripts and styles are not text.
fn text(root: &Handle) -> String {
    let mut out = String::new();
    let mut stack = vec![root.clone()];
    while let Some(node) = stack.pop() {
        match &node.data {
            NodeData::Text { contents } => {
                out.push_str(&contents.borrow());
                out.push(' ');
            }
            NodeData::Element { name, .. }
                if matches!(name.local.as_ref(), "script" | "style" | "template") => {}
            _ => stack.extend(node.children.borrow().iter().rev().cloned()),
        }
    }
    out.split_whitespace().collect::<Vec<_>>().join(" ")
}

fn parent(node: &Handle) -> Option<Handle> {
    let weak = node.parent.take();
    let parent = weak.as_ref().and_then(Weak::upgrade);
    node.parent.set(weak);
    parent
}

/// Removes the furniture of the whole page; returns it, in the page's order.
fn remove_furniture(doc: &Handle) -> Vec<Dropped> {
    let mut dropped = Vec::new();
    let mut removed: Vec<Handle> = Vec::new();
    let has_article = find(doc, |n| tag(n).is_some_and(|t| CONTENT.contains(&t))).is_some();
    let mut stack = vec![(doc.clone(), false)];
    while let Some((node, in_content)) = stack.pop() {
        let Some(name) = tag(&node) else {
            stack.extend(
                node.children
                    .borrow()
                    .iter()
                    .rev()
                    .map(|c| (c.clone(), in_content)),
            );
            continue;
        };
        if name == "head" {
            // Metadata, never shown: not furniture to report.
            continue;
        }
        let class = attr(&node, "class");
        let id = attr(&node, "id");
        let role = attr(&node, "role");
        let marks = furniture::Marks {
            tag: name,
            id: id.as_deref(),
            class: class.as_deref(),
            role: role.as_deref(),
            in_content,
        };
        // A page without an article element is all article: its frames are its own.
        let frame_kept = name == "iframe" && !has_article;
        if let Some(what) = furniture::classify(&marks).filter(|_| !frame_kept) {
            let words = match what {
                Furniture::Frame => attr(&node, "src").unwrap_or_default(),
                _ => text(&node),
            };
            if !words.is_empty() {
                dropped.push(Dropped { what, text: words });
            }
            removed.push(node);
            continue;
        }
        let inside = in_content
            || CONTENT.contains(&name)
            || role
                .as_deref()
                .is_some_and(|r| r.eq_ignore_ascii_case("main"));
        stack.extend(
            node.children
                .borrow()
                .iter()
                .rev()
                .map(|c| (c.clone(), inside)),
        );
    }
    for node in removed {
        if let Some(p) = parent(&node) {
            p.children.borrow_mut().retain(|c| !Rc::ptr_eq(c, &node));
        }
    }
    dropped
}

/// The article: the page's one `<article>`, content block or `<main>`, when it holds
/// most of the page's text; else the whole body.
fn content_root(body: &Handle) -> Handle {
    let nodes = preorder(body);
    let total = text(body).len();
    let groups: [&dyn Fn(&Handle) -> bool; 3] = [
        &|n| tag(n) == Some("article"),
        &|n| {
            attr(n, "class").is_some_and(|c| {
                c.split_ascii_whitespace()
                    .any(|t| CONTENT_CLASSES.contains(&t))
            }) || attr(n, "itemprop").as_deref() == Some("articleBody")
        },
        &|n| tag(n) == Some("main") || attr(n, "role").as_deref() == Some("main"),
    ];
    for in_group in groups {
        let found: Vec<&Handle> = nodes.iter().filter(|n| in_group(n)).collect();
        if let [only] = found.as_slice() {
            if text(only).len() * 10 >= total * 6 {
                return (*only).clone();
            }
        }
    }
    body.clone()
}

/// The text around `root` up to `body`: each sibling on the way, as the page orders them.
fn outside(root: &Handle, body: &Handle) -> Vec<Dropped> {
    let mut before = Vec::new();
    let mut after = Vec::new();
    let mut child = root.clone();
    while let Some(p) = parent(&child) {
        let siblings = p.children.borrow().clone();
        let at = siblings.iter().position(|s| Rc::ptr_eq(s, &child));
        for (i, s) in siblings.iter().enumerate() {
            let words = text(s);
            if Some(i) == at || words.is_empty() {
                continue;
            }
            let d = Dropped {
                what: Furniture::OutsideArticle,
                text: words,
            };
            if at.is_some_and(|a| i < a) {
                before.push(d);
            } else {
                after.push(d);
            }
        }
        if Rc::ptr_eq(&p, body) {
            break;
        }
        child = p;
    }
    before.reverse();
    before.extend(after);
    before
}

/// `(id, anchor)` for each element id that names a heading: the heading's own, or the
/// first heading inside the element (`<section id="histoire"><h2>Historique</h2>`).
fn aliases(root: &Handle) -> Vec<(String, String)> {
    let is_heading = |n: &Handle| {
        tag(n)
            .is_some_and(|t| t.len() == 2 && t.starts_with('h') && t.as_bytes()[1].is_ascii_digit())
    };
    preorder(root)
        .iter()
        .filter_map(|n| {
            let id = attr(n, "id").filter(|i| !i.trim().is_empty())?;
            let heading = find(n, is_heading)?;
            let anchor = crate::slug::anchor(&text(&heading));
            (!anchor.is_empty()).then_some((id, anchor))
        })
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn pages_become_markdown_without_their_machinery() {
        let html = "<!DOCTYPE html><html><head><title>Code social &ndash; Les Ateliers</title><style>p{}</style></head><body><nav><a href=\"/\">Accueil</a></nav><div><div><h2>Historique</h2><ul><li>2013 : création</li></ul><p>Un <strong>texte</strong>.<br>Suite.</p></div></div><script>var x;</script></body></html>";
        let page = to_markdown(html);
        assert_eq!(page.title.as_deref(), Some("Code social – Les Ateliers"));
        assert_eq!(
            page.markdown,
            "## Historique\n\n- 2013 : création\n\nUn **texte**.\\\nSuite."
        );
        assert_eq!(
            page.dropped,
            [Dropped {
                what: Furniture::Menu,
                text: "Accueil".into()
            }]
        );
    }

    #[test]
    fn a_wordpress_theme_leaves_only_its_article() {
        let html = "<body><header id=\"masthead\" class=\"site-header\"><p class=\"site-title\">La Ruche</p><nav><ul><li>Accueil</li></ul></nav></header>\
            <main><article><header class=\"entry-header\"><h1>Notre Code Social</h1></header><div class=\"entry-content\"><h2>Raison d’être</h2><p>Accompagner.</p>\
            <div class=\"sharedaddy\"><h3>Partager :</h3><ul><li>Twitter</li></ul></div></div></article>\
            <div id=\"comments\" class=\"comments-area\"><h3>Laisser un commentaire</h3></div></main>\
            <aside id=\"secondary\"><h2>Articles récents</h2></aside><footer class=\"site-footer\">Propulsé par WordPress</footer>\
            <div id=\"cookie-notice\">Nous utilisons des cookies.</div><p>Un mot hors de l’article.</p></body>";
        let page = to_markdown(html);
        assert_eq!(
            page.markdown,
            "# Notre Code Social\n\n## Raison d’être\n\nAccompagner."
        );
        let dropped: Vec<(Furniture, &str)> = page
            .dropped
            .iter()
            .map(|d| (d.what, d.text.as_str()))
            .collect();
        assert_eq!(
            dropped,
            [
                (Furniture::Header, "La Ruche Accueil"),
                (Furniture::Share, "Partager : Twitter"),
                (Furniture::Comments, "Laisser un commentaire"),
                (Furniture::Sidebar, "Articles récents"),
                (Furniture::Footer, "Propulsé par WordPress"),
                (Furniture::Banner, "Nous utilisons des cookies."),
                (Furniture::OutsideArticle, "Un mot hors de l’article."),
            ]
        );
    }

    #[test]
    fn ids_of_headings_and_sections_become_aliases() {
        let html = "<h2 id=\"notre-histoire\">Historique</h2><section id=\"eco\"><h2>Plan économique</h2></section><p id=\"x\">Rien</p>";
        let page = to_markdown(html);
        assert_eq!(
            page.aliases,
            [
                ("notre-histoire".to_string(), "historique".to_string()),
                ("eco".to_string(), "plan-économique".to_string())
            ]
        );
    }

    #[test]
    fn any_depth_converts_without_overflowing() {
        for tag in ["div", "blockquote", "ul", "span"] {
            let n = 30_000;
            let inner = if tag == "ul" { "<li>x" } else { "x" };
            let html = format!(
                "<h2>Raison d’être</h2>{}{inner}{}",
                format!("<{tag}>").repeat(n),
                format!("</{tag}>").repeat(n)
            );
            let page = to_markdown(&html);
            assert!(page.markdown.contains('x'), "{tag}");
            assert!(page.flattened > 0, "{tag}");
        }
    }
}
