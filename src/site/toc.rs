//! The comforts of a docs site on every rendered page: a permalink on each section heading
//! that has an id (`<h2 id>` and `<h3 id>` of `<main>`), and, on long pages, a table of
//! contents built from those headings where the layout marks its place (`<!--cs-toc-->`).
//! The permalink is the heading's own text made a link to it (markdown-it-anchor's
//! "header link" pattern): a `#` link with a label inside the heading made every heading,
//! and every section it names, read "Roles Link to this section: Roles" to a screen
//! reader. A heading that already holds a link (or another control) gets none: links do
//! not nest.
//! Done on the rendered HTML, so that headings from bodies (Markdown) and from templates
//! are treated alike, and templates overridden by a site keep them.

use super::content::escape;

/// Where `base.html` puts the table of contents.
const MARK: &str = "<!--cs-toc-->";
/// A page has a table of contents from this many sections on.
const MIN_SECTIONS: usize = 3;

/// The words of the table of contents.
pub struct Words<'a> {
    pub title: &'a str,
}

struct Heading {
    level: u8,
    id: String,
    text: String,
}

/// `html` with permalinks on its headings and, when `with_toc` and the page is long, its
/// table of contents.
pub fn decorate(html: &str, words: &Words, with_toc: bool) -> String {
    let (Some(start), Some(end)) = (html.find("<main"), html.rfind("</main>")) else {
        return html.to_string();
    };
    let mut out = String::with_capacity(html.len() + 2048);
    let mut headings = Vec::new();
    out.push_str(&html[..start]);
    let mut rest = &html[start..end];
    while let Some((at, level)) = next_heading(rest) {
        let open_end = rest[at..].find('>').map_or(rest.len(), |e| at + e + 1);
        let close = format!("</h{level}>");
        let Some(close_at) = rest[open_end..].find(&close).map(|c| open_end + c) else {
            break;
        };
        let id = attr(&rest[at..open_end], "id").unwrap_or_default();
        let inner = &rest[open_end..close_at];
        let text = plain(inner);
        if !id.is_empty() && !text.is_empty() && !holds_a_control(inner) {
            out.push_str(&rest[..open_end]);
            out.push_str(&format!(
                "<a class=\"permalink\" href=\"#{}\">{inner}</a>",
                escape(&id)
            ));
        } else {
            out.push_str(&rest[..close_at]);
        }
        if !id.is_empty() && !text.is_empty() {
            headings.push(Heading { level, id, text });
        }
        rest = &rest[close_at..];
    }
    out.push_str(rest);
    out.push_str(&html[end..]);
    let sections = headings.iter().filter(|h| h.level == 2).count();
    let toc = if with_toc && sections >= MIN_SECTIONS {
        table(&headings, words)
    } else {
        String::new()
    };
    out.replacen(MARK, &toc, 1)
}

/// The next `<h2 ` or `<h3 ` and its level. One pass from the start: looking for each
/// tag to the end of the page made a page of thousands of `<h3>` and no `<h2>` (the
/// catalogue) quadratic — 90 s at 5,000 offers.
fn next_heading(s: &str) -> Option<(usize, u8)> {
    let bytes = s.as_bytes();
    let mut from = 0;
    while let Some(at) = s[from..].find("<h").map(|i| from + i) {
        match bytes.get(at + 2..at + 4) {
            Some(b"2 ") => return Some((at, 2)),
            Some(b"3 ") => return Some((at, 3)),
            _ => from = at + 2,
        }
    }
    None
}

/// Whether an HTML fragment holds an element a link may not hold (HTML's interactive
/// content): a link, a button, a form control, an embedded player.
fn holds_a_control(fragment: &str) -> bool {
    const CONTROLS: [&str; 12] = [
        "<a ",
        "<a>",
        "<button",
        "<input",
        "<select",
        "<textarea",
        "<label",
        "<details",
        "<iframe",
        "<embed",
        "<audio",
        "<video",
    ];
    CONTROLS.iter().any(|c| fragment.contains(c))
}

/// The value of `name="…"` in a start tag (entities left as they are: ids are escaped
/// the same way when written back).
fn attr(tag: &str, name: &str) -> Option<String> {
    let key = format!(" {name}=\"");
    let from = tag.find(&key)? + key.len();
    let to = tag[from..].find('"')? + from;
    Some(super::search::decode(&tag[from..to]))
}

/// The text of an HTML fragment, tags removed, entities decoded, spaces collapsed.
fn plain(fragment: &str) -> String {
    let mut text = String::new();
    let mut in_tag = false;
    for c in fragment.chars() {
        match c {
            '<' => in_tag = true,
            '>' => in_tag = false,
            c if !in_tag => text.push(c),
            _ => {}
        }
    }
    super::search::decode(&text)
        .split_whitespace()
        .collect::<Vec<_>>()
        .join(" ")
}

/// The table of contents: sections, and their subsections under them.
fn table(headings: &[Heading], words: &Words) -> String {
    let mut s = format!(
        "<nav class=\"toc\" aria-label=\"{0}\"><details open><summary>{0}</summary><ol>",
        escape(words.title)
    );
    let mut in_sub = false;
    for (i, h) in headings.iter().enumerate() {
        let item = format!("<a href=\"#{}\">{}</a>", escape(&h.id), escape(&h.text));
        match (h.level, in_sub) {
            (3, false) if i > 0 => {
                s.push_str("<ol><li>");
                in_sub = true;
            }
            (3, _) => s.push_str("</li><li>"),
            (_, true) => {
                s.push_str("</li></ol></li><li>");
                in_sub = false;
            }
            _ if i > 0 => s.push_str("</li><li>"),
            _ => s.push_str("<li>"),
        }
        s.push_str(&item);
    }
    if in_sub {
        s.push_str("</li></ol>");
    }
    s.push_str("</li></ol></details></nav>");
    s
}

#[cfg(test)]
mod tests {
    use super::*;

    const WORDS: Words = Words {
        title: "Sur cette page",
    };

    #[test]
    fn long_pages_get_a_table_and_every_heading_a_permalink() {
        let html = "<main><!--cs-toc--><h1>T</h1><h2 id=\"a\">A &amp; <em>b</em></h2><h3 id=\"a1\">A1</h3><h2 id=\"b\">B</h2><h2 id=\"c\">C</h2><h2>no id</h2></main>";
        let out = decorate(html, &WORDS, true);
        assert!(
            out.contains(
                "<h2 id=\"a\"><a class=\"permalink\" href=\"#a\">A &amp; <em>b</em></a></h2>"
            ),
            "{out}"
        );
        assert!(out.contains("<ol><li><a href=\"#a\">A &amp; b</a><ol><li><a href=\"#a1\">A1</a></li></ol></li><li><a href=\"#b\">B</a></li><li><a href=\"#c\">C</a></li></ol>"), "{out}");
        assert!(!out.contains(MARK));
        assert_eq!(out.matches("<ol>").count(), out.matches("</ol>").count());
    }

    #[test]
    fn headings_are_found_in_order_whatever_comes_between() {
        assert_eq!(next_heading("<h3 id=a>x</h3><h2 id=b>"), Some((0, 3)));
        assert_eq!(next_heading("<header><h4 id=c><h2 id=b>"), Some((17, 2)));
        assert_eq!(next_heading("<h2>no attribute</h2><h1 id=x>"), None);
        let cards = "<h3 id=\"c\">card</h3>".repeat(3);
        assert_eq!(next_heading(&cards[1..]), Some((19, 3)));
    }

    /// A heading holding a link keeps it and gets no permalink (links do not nest), but
    /// stays in the table of contents.
    #[test]
    fn a_heading_holding_a_link_keeps_it_alone() {
        let html = "<main><!--cs-toc--><h2 id=\"a\"><a href=\"x/\">A</a></h2><h2 id=\"b\">B</h2><h2 id=\"c\">C <button>x</button></h2></main>";
        let out = decorate(html, &WORDS, true);
        assert!(
            out.contains("<h2 id=\"a\"><a href=\"x/\">A</a></h2>"),
            "{out}"
        );
        assert!(
            out.contains("<h2 id=\"c\">C <button>x</button></h2>"),
            "{out}"
        );
        assert!(
            out.contains("<h2 id=\"b\"><a class=\"permalink\" href=\"#b\">B</a></h2>"),
            "{out}"
        );
        assert!(out.contains("<li><a href=\"#a\">A</a></li>"), "{out}");
        assert_eq!(out.matches("permalink").count(), 1, "{out}");
    }

    #[test]
    fn short_pages_have_no_table() {
        let html = "<main><!--cs-toc--><h2 id=\"a\">A</h2></main>";
        let out = decorate(html, &WORDS, true);
        assert!(!out.contains("class=\"toc\"") && !out.contains(MARK));
        assert!(out.contains("permalink"));
    }
}
