//! What is not content goes before anything is read: page-builder shortcodes
//! ([`shortcodes`]), CMS comments and empty HTML wrappers, empty headings (WordPress uses
//! `<h2>&nbsp;</h2>` as a spacer), pandoc's heading attributes (`# Historique {#hist}`, kept
//! as an alias of the heading's anchor), and the Unicode variants of Markdown syntax that
//! word processors and CMSs produce (a heading `#` followed by a no-break space, `•`
//! bullets). Prose keeps its typography: no-break spaces before `:` and guillemets stay as
//! the author typed them.

use super::shortcodes::{self, Mode};

/// What cleaning did, for the report.
#[derive(Debug, Default, Clone, PartialEq, Eq)]
pub struct Cleaned {
    pub text: String,
    /// Shortcode tags removed.
    pub shortcodes: usize,
    /// CMS comments, empty HTML wrapper lines and empty headings removed.
    pub artefacts: usize,
    /// `(id, anchor)` of the headings that carried an explicit id (`{#hist}`).
    pub aliases: Vec<(String, String)>,
}

/// Cleans `text` (Markdown, or HTML before conversion).
pub fn clean(text: &str, mode: Mode) -> Cleaned {
    let without_invisible: String = text
        .chars()
        .filter(|c| !matches!(c, '\u{feff}' | '\u{200b}' | '\u{2060}'))
        .collect();
    let (text, shortcodes) = shortcodes::remove(&without_invisible, mode);
    let mut cleaned = Cleaned {
        shortcodes,
        ..Cleaned::default()
    };
    // Word's "Save as Web page" (filtered or not) puts each note in a `<div>` of its own
    // line: the notes' structure, not a wrapper (see `html::notes`).
    let word = mode == Mode::Html
        && ["mso-element:", "#_ftn", "#_edn"]
            .iter()
            .any(|m| text.contains(m));
    let mut lines: Vec<String> = Vec::new();
    let mut fence: Option<String> = None;
    for line in text.split('\n') {
        if mode == Mode::Markdown && in_fence(line, &mut fence) {
            lines.push(line.to_string());
            continue;
        }
        if mode == Mode::Markdown {
            if let Some((heading, aliases)) = html_heading(line) {
                cleaned.aliases.extend(aliases);
                lines.push(heading);
                continue;
            }
        }
        if word && is_div_line(line) {
            lines.push(line.to_string());
            continue;
        }
        match clean_line(line, mode) {
            Some(l) if mode == Mode::Markdown => {
                let (l, alias) = heading_attributes(&l);
                cleaned.aliases.extend(alias);
                let (l, anchors) = heading_anchor_spans(&l);
                cleaned.aliases.extend(anchors);
                lines.push(l);
            }
            Some(l) => lines.push(l),
            None => {
                cleaned.artefacts += 1;
                lines.push(String::new());
            }
        }
    }
    let text = lines.join("\n");
    cleaned.text = match (shortcodes > 0, mode) {
        (true, Mode::Markdown) => paragraphs_per_line(&text),
        (_, Mode::Html) if shortcodes > 0 || is_fragment(&text) => html_paragraphs(&text),
        _ => text,
    };
    cleaned
}

/// Whether `line` is a fence or lies inside a fenced code block (whose lines are code,
/// never cleaned); `fence` is the open fence, if any.
fn in_fence(line: &str, fence: &mut Option<String>) -> bool {
    let t = line.trim_start();
    let marker: String = t.chars().take_while(|c| *c == '`' || *c == '~').collect();
    let is_fence = marker.len() >= 3
        && marker
            .chars()
            .all(|c| c == marker.chars().next().unwrap_or('`'));
    match fence {
        Some(open) => {
            if is_fence && marker.starts_with(open.as_str()) && t[marker.len()..].trim().is_empty()
            {
                *fence = None;
            }
            true
        }
        None if is_fence => {
            *fence = Some(marker);
            true
        }
        None => false,
    }
}

/// One line cleaned, or `None` when the whole line was a CMS artefact or an empty
/// heading.
fn clean_line(line: &str, mode: Mode) -> Option<String> {
    let trimmed = line.trim_matches(|c: char| c.is_whitespace());
    if trimmed.is_empty() {
        return Some(String::new());
    }
    if is_cms_comment(trimmed) || is_empty_wrapper(trimmed) || trimmed == "&nbsp;" {
        return None;
    }
    if mode == Mode::Markdown && is_empty_heading(trimmed) {
        return None;
    }
    Some(normalise_syntax(line))
}

/// `text` without the headings left empty once their images were made text (a
/// `<h2><img src=x></h2>` whose image is not in the repository): code blocks untouched.
pub fn without_empty_headings(text: &str) -> String {
    let mut fence: Option<String> = None;
    let kept: Vec<&str> = text
        .split('\n')
        .filter(|line| {
            let t = line.trim_matches(|c: char| c.is_whitespace());
            in_fence(line, &mut fence) || !is_empty_heading(t)
        })
        .collect();
    kept.join("\n")
}

/// `#`, `## ` or `### ###`: a heading with no text.
fn is_empty_heading(trimmed: &str) -> bool {
    let hashes = trimmed.len() - trimmed.trim_start_matches('#').len();
    (1..=6).contains(&hashes)
        && trimmed[hashes..]
            .chars()
            .all(|c| c.is_whitespace() || c == '#')
        && (hashes == trimmed.len() || trimmed[hashes..].starts_with(char::is_whitespace))
}

/// An ATX heading without pandoc's attribute block (`{#hist .unnumbered}`, `{-}`), and the
/// alias its id gives (`hist` → the heading's anchor).
fn heading_attributes(line: &str) -> (String, Option<(String, String)>) {
    let t = line.trim_start();
    let hashes = t.len() - t.trim_start_matches('#').len();
    let attrs_start = line.trim_end().rfind('{');
    let (Some(open), true) = (
        attrs_start,
        (1..=6).contains(&hashes) && line.trim_end().ends_with('}'),
    ) else {
        return (line.to_string(), None);
    };
    let inner = &line.trim_end()[open + 1..line.trim_end().len() - 1];
    let attribute = |w: &str| {
        w == "-"
            || w.starts_with('#')
            || w.starts_with('.')
            || (w.contains('=') && !w.starts_with('='))
    };
    let words: Vec<&str> = inner.split_whitespace().collect();
    if words.is_empty() || !words.iter().all(|w| attribute(w)) {
        return (line.to_string(), None);
    }
    let heading = line[..open].trim_end().to_string();
    let text = heading.trim_start().trim_start_matches('#').trim();
    let alias = words
        .iter()
        .find_map(|w| w.strip_prefix('#'))
        .filter(|id| !id.is_empty())
        .map(|id| {
            (
                id.to_string(),
                crate::slug::anchor(&super::outline::plain_text(text)),
            )
        });
    (heading, alias)
}

/// An HTML heading opening a line of Markdown (`<h2 style="…">Historique</h2>`, what a
/// CMS leaves in a Markdown export) as a Markdown heading, blank lines around so that it
/// ends any HTML block, and the text after it on the same line (a page builder's
/// `<h2>Historique</h2>2012 : premier four.`) as the paragraph that follows. The heading
/// is converted by [`super::html`], entities and inline tags included, its id kept as an
/// alias.
fn html_heading(line: &str) -> Option<(String, Vec<(String, String)>)> {
    let t = line.trim_start();
    let level = t.strip_prefix("<h").or_else(|| t.strip_prefix("<H"))?;
    let n = level.chars().next().filter(|c| ('1'..='6').contains(c))?;
    if !level[1..].starts_with(['>', ' ', '\t']) {
        return None;
    }
    let lower = t.to_ascii_lowercase();
    let close = format!("</h{n}>");
    let end = lower.find(&close)? + close.len();
    let page = super::html::to_markdown(&t[..end]);
    let heading = page.markdown.trim();
    if !heading.starts_with('#') || heading.contains('\n') {
        return None;
    }
    let rest = t[end..].trim();
    let text = if rest.is_empty() {
        format!("\n{heading}\n")
    } else {
        format!("\n{heading}\n\n{rest}")
    };
    Some((text, page.aliases))
}

/// An ATX heading without the empty `<span id="anchor"></span>` bookmarks pandoc keeps
/// from an OpenDocument file, each id an alias of the heading's anchor.
fn heading_anchor_spans(line: &str) -> (String, Vec<(String, String)>) {
    let t = line.trim_start();
    let hashes = t.len() - t.trim_start_matches('#').len();
    if !(1..=6).contains(&hashes) || !line.contains("<span id=") {
        return (line.to_string(), Vec::new());
    }
    let mut out = line.to_string();
    let mut ids = Vec::new();
    while let Some(start) = out.find("<span id=\"") {
        let after = &out[start + 10..];
        let Some(quote) = after.find('"') else { break };
        let id = after[..quote].to_string();
        let Some(rest) = after[quote..].strip_prefix("\"></span>") else {
            break;
        };
        let end = out.len() - rest.len();
        out.replace_range(start..end, "");
        ids.push(id);
    }
    let text = out.trim_start().trim_start_matches('#').trim();
    let anchor = crate::slug::anchor(&super::outline::plain_text(text));
    let aliases = ids.into_iter().map(|id| (id, anchor.clone())).collect();
    (out, aliases)
}

/// `<!-- wp:paragraph -->`, `<!-- /wp:heading -->`, `<!--more-->`, `<!--nextpage-->`.
fn is_cms_comment(line: &str) -> bool {
    let Some(inner) = line
        .strip_prefix("<!--")
        .and_then(|l| l.strip_suffix("-->"))
    else {
        return false;
    };
    let inner = inner.trim();
    inner.starts_with("wp:") || inner.starts_with("/wp:") || inner == "more" || inner == "nextpage"
}

/// A line of a page that opens or closes a `<div>`.
fn is_div_line(line: &str) -> bool {
    let lower = line.to_ascii_lowercase();
    lower.contains("<div") || lower.contains("</div")
}

/// A line made only of opening or closing tags of layout elements, with no text.
fn is_empty_wrapper(line: &str) -> bool {
    const WRAPPERS: &[&str] = &[
        "div", "span", "section", "article", "p", "font", "center", "main",
    ];
    let mut rest = line;
    let mut any = false;
    while !rest.is_empty() {
        let Some(tag) = rest.strip_prefix('<') else {
            return false;
        };
        let Some(end) = tag.find('>') else {
            return false;
        };
        let name = tag[..end].trim_start_matches('/');
        let name = name
            .split(|c: char| c.is_whitespace() || c == '/')
            .next()
            .unwrap_or("");
        if !WRAPPERS.contains(&name.to_ascii_lowercase().as_str()) {
            return false;
        }
        any = true;
        rest = tag[end + 1..].trim_start();
    }
    any
}

/// Markdown syntax written with look-alike characters: `#` then a no-break space, `•` or
/// `–` bullets, a list marker followed by a no-break space.
fn normalise_syntax(line: &str) -> String {
    let indent_len = line.len() - line.trim_start_matches([' ', '\t']).len();
    let (indent, rest) = line.split_at(indent_len);
    let hashes = rest.len() - rest.trim_start_matches('#').len();
    if (1..=6).contains(&hashes) {
        let after = &rest[hashes..];
        if let Some(c) = after.chars().next().filter(|c| is_unicode_space(*c)) {
            return format!("{indent}{} {}", &rest[..hashes], &after[c.len_utf8()..]);
        }
    }
    let mut chars = rest.chars();
    if let (Some(marker), Some(space)) = (chars.next(), chars.next()) {
        let bullet = matches!(marker, '•' | '◦' | '▪' | '●' | '▸' | '►' | '·' | '–');
        let ascii_bullet = matches!(marker, '-' | '*' | '+');
        if (bullet && (space == ' ' || is_unicode_space(space)))
            || (ascii_bullet && is_unicode_space(space))
        {
            let text = &rest[marker.len_utf8() + space.len_utf8()..];
            return format!("{indent}- {text}");
        }
    }
    line.to_string()
}

fn is_unicode_space(c: char) -> bool {
    matches!(
        c,
        '\u{a0}' | '\u{202f}' | '\u{2007}' | '\u{2009}' | '\u{3000}'
    )
}

/// WordPress turns every line break of a page into a paragraph or a line break; in
/// Markdown consecutive lines make one paragraph. A blank line is put between text lines,
/// except inside code blocks, tables, and between the items of one list.
fn paragraphs_per_line(text: &str) -> String {
    let mut out = String::with_capacity(text.len() + text.len() / 20);
    let mut previous: Option<&str> = None;
    let mut in_fence = false;
    for line in text.split('\n') {
        let fence = line.trim_start().starts_with("```") || line.trim_start().starts_with("~~~");
        if let Some(prev) = previous {
            let joinable = !in_fence && !fence && separate(prev, line);
            if joinable {
                out.push('\n');
            }
            out.push('\n');
        }
        if fence {
            in_fence = !in_fence;
        }
        out.push_str(line);
        previous = Some(line);
    }
    out
}

/// Whether two consecutive lines of a WordPress page are two paragraphs.
fn separate(prev: &str, line: &str) -> bool {
    if prev.trim().is_empty() || line.trim().is_empty() || line.starts_with([' ', '\t']) {
        return false;
    }
    let both = |f: fn(&str) -> bool| f(prev) && f(line);
    !both(is_list_item) && !both(|l| l.trim_start().starts_with('|'))
}

fn is_list_item(line: &str) -> bool {
    let t = line.trim_start();
    t.starts_with("- ") || t.starts_with("* ") || t.starts_with("+ ") || {
        let digits = t.len() - t.trim_start_matches(|c: char| c.is_ascii_digit()).len();
        digits > 0 && (t[digits..].starts_with(". ") || t[digits..].starts_with(") "))
    }
}

/// A piece of a page (a CMS's classic editor), not a whole page: no `<html>`, no `<body>`.
fn is_fragment(text: &str) -> bool {
    let lower = text.to_ascii_lowercase();
    !lower.contains("<html") && !lower.contains("<body")
}

/// Elements whose lines of text are already in a block: a bare line inside one stays.
const TEXT_BLOCKS: &[&str] = &[
    "p",
    "li",
    "td",
    "th",
    "h1",
    "h2",
    "h3",
    "h4",
    "h5",
    "h6",
    "blockquote",
    "pre",
    "dd",
    "dt",
    "figcaption",
    "caption",
];

/// WordPress stores a page's text with bare lines that its `wpautop` makes paragraphs:
/// in a page with shortcodes, or a fragment of one, a line of text outside any text block
/// becomes a `<p>` (a line inside an open `<p>` or `<li>` is left to it).
fn html_paragraphs(text: &str) -> String {
    let mut out = String::with_capacity(text.len() + text.len() / 10);
    let mut open: i64 = 0;
    for line in text.split('\n') {
        let t = line.trim();
        if t.is_empty() || t.starts_with('<') || open > 0 {
            out.push_str(line);
        } else {
            out.push_str("<p>");
            out.push_str(t);
            out.push_str("</p>");
        }
        open = (open + text_blocks_opened(line)).max(0);
        out.push('\n');
    }
    out.pop();
    out
}

/// Text blocks opened minus text blocks closed on `line`.
fn text_blocks_opened(line: &str) -> i64 {
    let mut balance = 0;
    for (i, _) in line.match_indices('<') {
        let tag = &line[i + 1..];
        let (closing, tag) = match tag.strip_prefix('/') {
            Some(t) => (true, t),
            None => (false, tag),
        };
        let name: String = tag
            .chars()
            .take_while(char::is_ascii_alphanumeric)
            .collect::<String>()
            .to_ascii_lowercase();
        let after = tag[name.len()..].chars().next();
        if TEXT_BLOCKS.contains(&name.as_str()) && matches!(after, Some('>' | ' ' | '/' | '\t')) {
            balance += if closing { -1 } else { 1 };
        }
    }
    balance
}

#[cfg(test)]
mod tests {
    use super::*;

    fn md(text: &str) -> Cleaned {
        clean(text, Mode::Markdown)
    }

    #[test]
    fn cms_artefacts_go() {
        let c = md("<!-- wp:paragraph -->\n<div class=\"wrap\"><span>\nTexte\n</span></div>\n&nbsp;\n<!-- /wp:paragraph -->");
        assert_eq!(c.text.trim(), "Texte");
        assert_eq!(c.artefacts, 5);
        assert_eq!(
            md("<!-- une note de l'autrice -->").text,
            "<!-- une note de l'autrice -->"
        );
        assert_eq!(md("<div>Du texte</div>").text, "<div>Du texte</div>");
    }

    #[test]
    fn empty_headings_go_but_not_in_code() {
        let c = md("# Titre\n\n#\n\n##\u{a0}\n\n### ###\n\n```sh\n#\n```\n#hashtag");
        assert_eq!(c.text, "# Titre\n\n\n\n\n\n\n\n```sh\n#\n```\n#hashtag");
        assert_eq!(c.artefacts, 3);
    }

    #[test]
    fn headings_left_empty_go_later_too() {
        let text = "## \n\nAprès.\n\n```\n## \n```\n## Titre";
        assert_eq!(
            without_empty_headings(text),
            "\nAprès.\n\n```\n## \n```\n## Titre"
        );
    }

    #[test]
    fn pandoc_heading_attributes_become_aliases() {
        let c = md("# Raison d’être {#rde}\n\n## Historique {#hist .unnumbered}\n\n# Plan {-}\n\n# Un {texte} entre accolades}");
        assert_eq!(
            c.text,
            "# Raison d’être\n\n## Historique\n\n# Plan\n\n# Un {texte} entre accolades}"
        );
        assert_eq!(
            c.aliases,
            [
                ("rde".to_string(), "raison-dêtre".to_string()),
                ("hist".to_string(), "historique".to_string())
            ]
        );
    }

    #[test]
    fn look_alike_syntax_is_normalised_but_prose_is_not() {
        assert_eq!(md("##\u{a0}Historique").text, "## Historique");
        assert_eq!(
            md("• un\n◦ deux\n–\u{a0}trois").text,
            "- un\n- deux\n- trois"
        );
        assert_eq!(
            md("Texte\u{a0}: oui « guillemets »").text,
            "Texte\u{a0}: oui « guillemets »"
        );
        assert_eq!(
            md("#CodeSocial est une marque").text,
            "#CodeSocial est une marque"
        );
        assert_eq!(md("\u{a0}\u{a0}").text, "");
    }

    #[test]
    fn wordpress_lines_become_paragraphs() {
        let c = md("[vc_row]Un.\nDeux.\n- a\n- b\nTrois.[/vc_row]");
        assert_eq!(c.text, "Un.\n\nDeux.\n\n- a\n- b\n\nTrois.");
        // Without shortcodes, Markdown line breaks are the author's.
        assert_eq!(md("Un.\nDeux.").text, "Un.\nDeux.");
        let c = clean(
            "[vc_column_text]Le pain.[/vc_column_text]\nSuite.\n<ul><li>a</li></ul>",
            Mode::Html,
        );
        assert_eq!(
            c.text,
            "\n<p>Le pain.</p>\n\n<p>Suite.</p>\n<ul><li>a</li></ul>"
        );
    }

    #[test]
    fn html_headings_in_markdown_are_headings() {
        let c = md("Intro.\n<h2 style=\"color:red\" id=\"hist\">Histo&shy;rique</h2>2012 : premier four.\n<h3><strong>Modèle</strong> économique</h3>\n<h2>pas fermé");
        assert_eq!(
            c.text,
            "Intro.\n\n## Histo\u{ad}rique\n\n2012 : premier four.\n\n### **Modèle** économique\n\n<h2>pas fermé"
        );
        assert_eq!(c.aliases.len(), 1, "{:?}", c.aliases);
    }

    #[test]
    fn opendocument_bookmarks_leave_headings() {
        let c = md("# <span id=\"anchor\"></span>Historique\n\n## <span id=\"anchor-1\"></span><span id=\"x\"></span>Modèle économique");
        assert_eq!(c.text, "# Historique\n\n## Modèle économique");
        assert_eq!(
            c.aliases[0],
            ("anchor".to_string(), "historique".to_string())
        );
        assert_eq!(c.aliases.len(), 3);
    }

    #[test]
    fn bare_lines_of_a_fragment_are_paragraphs_but_not_inside_one() {
        let c = clean(
            "<h2>Historique</h2>\n2011 : création.\n<p>Un long\nparagraphe.</p>\nFin.",
            Mode::Html,
        );
        assert_eq!(
            c.text,
            "<h2>Historique</h2>\n<p>2011 : création.</p>\n<p>Un long\nparagraphe.</p>\n<p>Fin.</p>"
        );
        let page = "<html><body><p>Un\nDeux</p>\nTrois</body></html>";
        assert_eq!(clean(page, Mode::Html).text, page);
    }
}
