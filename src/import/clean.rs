//! What is not content goes before anything is read: page-builder shortcodes (`[vc_row]`,
//! `[et_pb_section …]`, `[/vc_column_text]`), CMS comments and empty HTML wrappers, and the
//! Unicode variants of Markdown syntax that word processors and CMSs produce (a heading
//! `#` followed by a no-break space, `•` bullets). Prose keeps its typography: no-break
//! spaces before `:` and guillemets stay as the author typed them.

/// What cleaning did, for the report.
#[derive(Debug, Default, Clone, PartialEq, Eq)]
pub struct Cleaned {
    pub text: String,
    /// Shortcode tags removed.
    pub shortcodes: usize,
    /// CMS comments and empty HTML wrapper lines removed.
    pub artefacts: usize,
}

/// Shortcode names (or prefixes ending in `_`) of the common WordPress page builders and
/// of WordPress itself. Other `[name …]` tags count as shortcodes when they carry
/// `key=value` attributes or when `[/name]` closes them somewhere in the document.
pub const SHORTCODES: &[&str] = &[
    "vc_",
    "et_pb_",
    "fusion_",
    "av_",
    "cs_",
    "fl_",
    "su_",
    "tm_",
    "mk_",
    "ux_",
    "themify_",
    "elementor",
    "gallery",
    "caption",
    "wp_caption",
    "embed",
    "audio",
    "video",
    "playlist",
    "contact-form-7",
    "contact-form",
    "wpforms",
    "gravityform",
    "gravityforms",
    "row",
    "column",
    "col",
    "one_half",
    "one_third",
    "two_third",
    "one_fourth",
    "three_fourth",
    "one_half_last",
    "one_third_last",
    "two_third_last",
    "tabs",
    "tab",
    "accordion",
    "toggle",
    "button",
    "divider",
    "spacer",
    "separator",
    "section",
    "fullwidth",
];

/// Cleans `text` (Markdown, or HTML before conversion).
pub fn clean(text: &str) -> Cleaned {
    let without_invisible: String = text
        .chars()
        .filter(|c| !matches!(c, '\u{feff}' | '\u{200b}' | '\u{2060}'))
        .collect();
    let (text, shortcodes) = remove_shortcodes(&without_invisible);
    let mut artefacts = 0;
    let mut lines: Vec<String> = Vec::new();
    for line in text.split('\n') {
        match clean_line(line) {
            Some(l) => lines.push(l),
            None => {
                artefacts += 1;
                lines.push(String::new());
            }
        }
    }
    let mut text = lines.join("\n");
    if shortcodes > 0 {
        text = paragraphs_per_line(&text);
    }
    Cleaned {
        text,
        shortcodes,
        artefacts,
    }
}

/// Removes shortcode tags, keeping what they enclose. Returns the text and the count.
fn remove_shortcodes(text: &str) -> (String, usize) {
    let closed = closing_names(text);
    let mut out = String::with_capacity(text.len());
    let mut count = 0;
    let mut rest = text;
    while let Some(i) = rest.find('[') {
        out.push_str(&rest[..i]);
        let after = &rest[i..];
        let escaped = out.ends_with('\\') || out.ends_with('!');
        match shortcode_len(after, &closed).filter(|_| !escaped) {
            Some(len) => {
                count += 1;
                rest = &after[len..];
            }
            None => {
                out.push('[');
                rest = &after[1..];
            }
        }
    }
    out.push_str(rest);
    (out, count)
}

/// The names closed somewhere by `[/name]`.
fn closing_names(text: &str) -> Vec<String> {
    text.match_indices("[/")
        .filter_map(|(i, _)| {
            let tag = &text[i + 2..];
            let name = name_of(tag)?;
            tag[name.len()..]
                .starts_with(']')
                .then(|| name.to_ascii_lowercase())
        })
        .collect()
}

/// The length of the shortcode tag `text` starts with, if it starts with one.
fn shortcode_len(text: &str, closed: &[String]) -> Option<usize> {
    let closing = text[1..].starts_with('/');
    let start = if closing { 2 } else { 1 };
    let name = name_of(&text[start..])?;
    let end = text.find(']')?;
    let inner = &text[start + name.len()..end];
    if inner.contains(['\n', '[']) || !(inner.is_empty() || inner.starts_with(char::is_whitespace))
    {
        return None;
    }
    let lower = name.to_ascii_lowercase();
    let known = SHORTCODES.iter().any(|k| {
        if k.ends_with('_') {
            lower.starts_with(k)
        } else {
            lower == *k
        }
    });
    let after = &text[end + 1..];
    // `[texte](url)` is a link whatever its text; `[texte][ref]` and `[ref]:` are links
    // unless the name is a shortcode's (builders chain their tags: `[vc_row][vc_column]`).
    let strong = closing || known || closed.contains(&lower);
    let link = after.starts_with('(') || (!strong && after.starts_with(['[', ':']));
    let recognised = strong || inner.contains('=');
    (recognised && !link).then_some(end + 1)
}

/// A shortcode name: a letter, then letters, digits, `_` or `-`.
fn name_of(text: &str) -> Option<&str> {
    let first = text.chars().next()?;
    if !first.is_ascii_alphabetic() {
        return None;
    }
    let len = text
        .find(|c: char| !(c.is_ascii_alphanumeric() || c == '_' || c == '-'))
        .unwrap_or(text.len());
    Some(&text[..len])
}

/// One line cleaned, or `None` when the whole line was a CMS artefact.
fn clean_line(line: &str) -> Option<String> {
    let trimmed = line.trim_matches(|c: char| c.is_whitespace());
    if trimmed.is_empty() {
        return Some(String::new());
    }
    if is_cms_comment(trimmed) || is_empty_wrapper(trimmed) || trimmed == "&nbsp;" {
        return None;
    }
    Some(normalise_syntax(line))
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

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn page_builder_tags_go_and_their_content_stays() {
        let c = clean("[vc_row][vc_column width= »2/3″][vc_column_text]Texte.[/vc_column_text][/vc_column][/vc_row]");
        assert_eq!(c.text, "Texte.");
        assert_eq!(c.shortcodes, 6);
        let c =
            clean("[et_pb_section fb_built=\"1\"][et_pb_text]Bonjour[/et_pb_text][/et_pb_section]");
        assert_eq!(c.text, "Bonjour");
        let c = clean("[caption id=\"attachment_12\" align=\"alignnone\"]Une légende[/caption]");
        assert_eq!(c.text, "Une légende");
        let c = clean("[maison_bloc]Le lieu[/maison_bloc] [gallery ids=\"1,2\"]");
        assert_eq!(c.text, "Le lieu ");
    }

    #[test]
    fn brackets_of_prose_and_markdown_stay() {
        for text in [
            "[Mathieu](membres/mathieu.md) et [sic]",
            "- [x] fait",
            "Voir [la charte][charte].",
            "[charte]: https://example.org",
            "Un texte [entre crochets] et [1].",
            "![image](a.png) \\[vc_row\\]",
        ] {
            assert_eq!(clean(text).text, text, "{text}");
            assert_eq!(clean(text).shortcodes, 0, "{text}");
        }
    }

    #[test]
    fn cms_artefacts_go() {
        let c = clean("<!-- wp:paragraph -->\n<div class=\"wrap\"><span>\nTexte\n</span></div>\n&nbsp;\n<!-- /wp:paragraph -->");
        assert_eq!(c.text.trim(), "Texte");
        assert_eq!(c.artefacts, 5);
        assert_eq!(
            clean("<!-- une note de l'autrice -->").text,
            "<!-- une note de l'autrice -->"
        );
        assert_eq!(clean("<div>Du texte</div>").text, "<div>Du texte</div>");
    }

    #[test]
    fn look_alike_syntax_is_normalised_but_prose_is_not() {
        assert_eq!(clean("##\u{a0}Historique").text, "## Historique");
        assert_eq!(
            clean("• un\n◦ deux\n–\u{a0}trois").text,
            "- un\n- deux\n- trois"
        );
        assert_eq!(
            clean("Texte\u{a0}: oui « guillemets »").text,
            "Texte\u{a0}: oui « guillemets »"
        );
        assert_eq!(
            clean("#CodeSocial est une marque").text,
            "#CodeSocial est une marque"
        );
        assert_eq!(clean("\u{a0}\u{a0}").text, "");
    }

    #[test]
    fn wordpress_lines_become_paragraphs() {
        let c = clean("[vc_row]Un.\nDeux.\n- a\n- b\nTrois.[/vc_row]");
        assert_eq!(c.text, "Un.\n\nDeux.\n\n- a\n- b\n\nTrois.");
        // Without shortcodes, Markdown line breaks are the author's.
        assert_eq!(clean("Un.\nDeux.").text, "Un.\nDeux.");
    }
}
