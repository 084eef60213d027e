//! Page-builder shortcodes (`[vc_row]`, `[et_pb_section …]`, `[/vc_column_text]`): the tags
//! go, the text they wrap stays, and so does the text some of them carry in their
//! attributes — a heading (`[vc_custom_heading text="Plan économique"]`), a button's label
//! (`[vc_btn title="Nous contacter"]`), an image's description (`[et_pb_image alt="Le
//! four"]`). One table says which shortcode carries what; a shortcode it does not know
//! gives the text of its `title`, `text`, `heading`… attributes as a paragraph. A shortcode
//! written to be shown (`[[vc_row]]`, as WordPress escapes them) becomes the text
//! `[vc_row]`.

/// Whether the text is Markdown or HTML: what a heading or an image is written as.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Mode {
    Markdown,
    Html,
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

/// What a shortcode shows besides what it wraps.
#[derive(Debug, Clone, Copy)]
enum Shows {
    /// A heading whose text is the first of these attributes.
    Heading(&'static [&'static str]),
    /// A heading whose text is what the tag wraps (`[fusion_title]Historique[/fusion_title]`).
    WrappedHeading,
    /// A paragraph: the label, and the attributes that may hold its link.
    Label(&'static [&'static str], &'static [&'static str]),
    /// An image: its description, its address.
    Image(&'static [&'static str], &'static [&'static str]),
    /// Nothing: the attributes are settings (a form's `title` is for the admin).
    Nothing,
}

/// The shortcodes whose attributes carry visible text, by name (first match wins).
const SHOWS: &[(&str, Shows)] = &[
    ("vc_custom_heading", Shows::Heading(&["text"])),
    ("vc_tta_section", Shows::Heading(&["title"])),
    ("vc_toggle", Shows::Heading(&["title"])),
    ("vc_cta", Shows::Heading(&["h2", "title"])),
    ("vc_text_separator", Shows::Label(&["title"], &[])),
    ("vc_btn", Shows::Label(&["title"], &["link"])),
    ("vc_button", Shows::Label(&["title"], &["href", "link"])),
    ("vc_button2", Shows::Label(&["title"], &["link"])),
    ("vc_single_image", Shows::Image(&["alt", "title"], &[])),
    (
        "et_pb_image",
        Shows::Image(&["alt", "title_text"], &["src"]),
    ),
    (
        "et_pb_button",
        Shows::Label(&["button_text"], &["button_url"]),
    ),
    ("et_pb_blurb", Shows::Heading(&["title"])),
    ("et_pb_cta", Shows::Heading(&["title"])),
    ("et_pb_tab", Shows::Heading(&["title"])),
    ("et_pb_toggle", Shows::Heading(&["title"])),
    ("et_pb_accordion_item", Shows::Heading(&["title"])),
    ("fusion_title", Shows::WrappedHeading),
    ("fusion_toggle", Shows::Heading(&["title"])),
    ("fusion_tab", Shows::Heading(&["title"])),
    ("fusion_button", Shows::Label(&[], &["link"])),
    ("fusion_imageframe", Shows::Image(&["alt"], &[])),
    ("av_heading", Shows::Heading(&["heading"])),
    ("su_heading", Shows::WrappedHeading),
    ("contact-form", Shows::Nothing),
    ("wpforms", Shows::Nothing),
    ("gravityform", Shows::Nothing),
    ("gallery", Shows::Nothing),
    ("embed", Shows::Nothing),
    ("audio", Shows::Nothing),
    ("video", Shows::Nothing),
    ("playlist", Shows::Nothing),
];

/// Attributes that hold visible text on a shortcode the table does not name.
const TEXT_ATTRIBUTES: &[&str] = &[
    "title",
    "text",
    "heading",
    "subheading",
    "subtitle",
    "button_text",
    "label",
    "caption",
    "alt",
];

/// Removes shortcode tags, keeping what they enclose and the text they carry. Returns the
/// text and the number of tags removed.
pub fn remove(text: &str, mode: Mode) -> (String, usize) {
    let closed = closing_names(text);
    let mut out = String::with_capacity(text.len());
    let mut count = 0;
    let mut rest = text;
    while let Some(i) = rest.find('[') {
        out.push_str(&rest[..i]);
        let after = &rest[i..];
        let escaped = out.ends_with('\\') || out.ends_with('!');
        if let Some(len) = shown_as_text(after, &closed).filter(|_| !escaped) {
            out.push_str(&literal(&after[1..len - 1], mode));
            rest = &after[len..];
            continue;
        }
        match tag_at(after, &closed).filter(|_| !escaped) {
            Some(tag) => {
                count += 1;
                out.push_str(&tag.shown(mode));
                rest = &after[tag.len..];
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

/// A shortcode tag: its name, attributes, whether it closes, its length.
struct Tag<'a> {
    name: &'a str,
    attrs: &'a str,
    closing: bool,
    len: usize,
}

impl Tag<'_> {
    /// What replaces the tag.
    fn shown(&self, mode: Mode) -> String {
        let lower = self.name.to_ascii_lowercase();
        let shows = SHOWS
            .iter()
            .find(|(n, _)| {
                lower == *n
                    || lower
                        .strip_prefix(n)
                        .is_some_and(|rest| rest.starts_with(['_', '-']))
            })
            .map(|(_, s)| *s);
        let attrs = attributes(self.attrs);
        let get = |keys: &[&str]| {
            keys.iter().find_map(|k| {
                attrs
                    .iter()
                    .find(|(a, v)| a.eq_ignore_ascii_case(k) && is_text(v))
                    .map(|(_, v)| v.clone())
            })
        };
        let level = heading_level(&attrs);
        // Every web or mail address an attribute holds, in order, each once: what the
        // branch below does not show is kept as a link after it.
        let mut urls: Vec<String> = Vec::new();
        for (k, v) in &attrs {
            let url = web_link(v);
            if is_url_key(k) && !url.is_empty() && !urls.contains(&url) {
                urls.push(url);
            }
        }
        fn used(urls: &mut Vec<String>, link: &Option<String>) {
            if let Some(l) = link.as_deref().map(web_link) {
                urls.retain(|u| *u != l);
            }
        }
        let shown = match (shows, self.closing) {
            (Some(Shows::WrappedHeading), true) => close_heading(level, mode),
            (Some(Shows::WrappedHeading), false) => open_heading(level, mode),
            (_, true) => block_break(mode),
            (Some(Shows::Nothing), _) => block_break(mode),
            (Some(Shows::Heading(keys)), false) => get(keys)
                .map(|t| {
                    format!(
                        "{}{t}{}",
                        open_heading(level, mode),
                        close_heading(level, mode)
                    )
                })
                .unwrap_or_else(|| block_break(mode)),
            (Some(Shows::Label(keys, links)), false) => match get(keys) {
                Some(t) => {
                    let link = get(links)
                        .filter(|l| !web_link(l).is_empty())
                        .or_else(|| urls.first().cloned());
                    used(&mut urls, &link);
                    label(&t, link, mode)
                }
                None => block_break(mode),
            },
            (Some(Shows::Image(alts, srcs)), false) => match get(alts) {
                Some(t) => {
                    let src = get(srcs);
                    if src
                        .as_deref()
                        .map(web_link)
                        .is_some_and(|s| s.starts_with("http"))
                    {
                        used(&mut urls, &src);
                    }
                    image(&t, src, mode)
                }
                None => block_break(mode),
            },
            (None, false) => match get(TEXT_ATTRIBUTES) {
                Some(t) => {
                    let link = urls.first().cloned();
                    used(&mut urls, &link);
                    label(&t, link, mode)
                }
                None => block_break(mode),
            },
        };
        if self.closing || urls.is_empty() {
            return shown;
        }
        let links: String = urls.iter().map(|u| autolink(u, mode)).collect();
        format!("{shown}{links}")
    }
}

/// Attributes that hold an address: `url`, `link`, `href`, `src`, `button_url`,
/// `link_url`, `image_link`… (a value that is no web or mail address is a setting:
/// `link="file"`).
fn is_url_key(key: &str) -> bool {
    let k = key.to_ascii_lowercase();
    matches!(k.as_str(), "url" | "link" | "href" | "src" | "mp4" | "mp3")
        || k.ends_with("_url")
        || k.ends_with("_link")
        || k.ends_with("_href")
        || k.starts_with("link_")
        || k.starts_with("url_")
}

/// An address shown as a link of its own, as a paragraph.
fn autolink(url: &str, mode: Mode) -> String {
    match mode {
        Mode::Markdown => format!("\n\n<{url}>\n\n"),
        Mode::Html => format!("<p><a href=\"{url}\">{url}</a></p>\n"),
    }
}

/// Where a removed tag was: a paragraph boundary in a page (builders' tags are blocks).
fn block_break(mode: Mode) -> String {
    match mode {
        Mode::Markdown => String::new(),
        Mode::Html => "\n".into(),
    }
}

fn open_heading(level: usize, mode: Mode) -> String {
    match mode {
        Mode::Markdown => format!("\n\n{} ", "#".repeat(level)),
        Mode::Html => format!("<h{level}>"),
    }
}

fn close_heading(level: usize, mode: Mode) -> String {
    match mode {
        Mode::Markdown => "\n\n".into(),
        Mode::Html => format!("</h{level}>\n"),
    }
}

/// A paragraph with the text, linked when the link is a web or mail address.
fn label(text: &str, link: Option<String>, mode: Mode) -> String {
    let link = link.map(|l| web_link(&l)).filter(|l| !l.is_empty());
    match (mode, link) {
        (Mode::Markdown, Some(l)) => format!("\n\n[{text}]({l})\n\n"),
        (Mode::Markdown, None) => format!("\n\n{text}\n\n"),
        (Mode::Html, Some(l)) => format!("<p><a href=\"{l}\">{text}</a></p>\n"),
        (Mode::Html, None) => format!("<p>{text}</p>\n"),
    }
}

fn image(alt: &str, src: Option<String>, mode: Mode) -> String {
    let src = src.map(|s| web_link(&s)).filter(|s| s.starts_with("http"));
    match (mode, src) {
        (Mode::Markdown, Some(s)) => format!("\n\n![{alt}]({s})\n\n"),
        (Mode::Html, Some(s)) => format!("<p><img alt=\"{alt}\" src=\"{s}\"></p>\n"),
        _ => label(alt, None, mode),
    }
}

/// A web or mail address from a builder's link attribute (`url:mailto%3Aa%40b.c|title:…`),
/// or nothing.
fn web_link(value: &str) -> String {
    let first = value.split('|').next().unwrap_or_default();
    let url = first.strip_prefix("url:").unwrap_or(first);
    let url = percent_decode(url);
    let ok = ["https://", "http://", "mailto:"]
        .iter()
        .any(|p| url.starts_with(p))
        && !url.contains(|c: char| c.is_whitespace() || matches!(c, '"' | '<' | '>' | '(' | ')'));
    if ok {
        url
    } else {
        String::new()
    }
}

fn percent_decode(s: &str) -> String {
    let bytes = s.as_bytes();
    let mut out = Vec::with_capacity(bytes.len());
    let mut i = 0;
    while i < bytes.len() {
        let hex = bytes
            .get(i + 1..i + 3)
            .and_then(|h| std::str::from_utf8(h).ok())
            .and_then(|h| u8::from_str_radix(h, 16).ok());
        match (bytes[i], hex) {
            (b'%', Some(b)) => {
                out.push(b);
                i += 3;
            }
            (b, _) => {
                out.push(b);
                i += 1;
            }
        }
    }
    String::from_utf8_lossy(&out).into_owned()
}

/// `h2` in `font_container="tag:h2|…"`, `tag="h3"`, `size="2"`, `heading_level="4"`; 2 when
/// none says.
fn heading_level(attrs: &[(String, String)]) -> usize {
    let digit = |v: &str| {
        let v = v
            .split('|')
            .find(|p| p.contains('h') || p.len() == 1)
            .unwrap_or(v);
        v.chars()
            .rev()
            .find(char::is_ascii_digit)
            .and_then(|c| c.to_digit(10))
    };
    attrs
        .iter()
        .filter(|(k, _)| {
            matches!(
                k.to_ascii_lowercase().as_str(),
                "font_container" | "tag" | "size" | "heading_level" | "header_level" | "level"
            )
        })
        .find_map(|(_, v)| digit(v))
        .map_or(2, |d| (d as usize).clamp(1, 6))
}

/// Text worth showing: letters, not a setting (`true`, `1`, `yes`).
fn is_text(value: &str) -> bool {
    let v = value.trim();
    v.chars().any(char::is_alphabetic)
        && !matches!(
            v.to_ascii_lowercase().as_str(),
            "true" | "false" | "yes" | "no" | "on" | "off" | "none" | "default"
        )
}

/// `key="value"`, `key='value'`, `key=value`, as WordPress's `shortcode_parse_atts` reads
/// them: a value ends at the quote that opened it, so `'` inside `"…"` is text (`text="Raison
/// d'être"`) and `"` inside `'…'` too. The typographic quotes WordPress puts in place of
/// straight ones (`width= »2/3″`) open a value that ends at the next typographic quote.
fn attributes(text: &str) -> Vec<(String, String)> {
    /// Typographic quotes, any of which closes a value another opened.
    const CURLY: &[char] = &['“', '”', '«', '»', '″', '„', '′'];
    let mut out = Vec::new();
    let mut rest = text.trim_start();
    while !rest.is_empty() {
        let key_len = rest
            .find(|c: char| !(c.is_alphanumeric() || c == '_' || c == '-'))
            .unwrap_or(rest.len());
        let key = &rest[..key_len];
        let after = rest[key_len..].trim_start();
        let Some(value_part) = after.strip_prefix('=').filter(|_| key_len > 0) else {
            // A word without a value, or a stray character: skipped.
            let skip = rest.find(char::is_whitespace).unwrap_or(rest.len()).max(1);
            rest = rest.get(skip..).unwrap_or("").trim_start();
            continue;
        };
        let value_part = value_part.trim_start();
        let (value, next) = match value_part.chars().next() {
            Some(q) if q == '"' || q == '\'' || CURLY.contains(&q) => {
                let inner = &value_part[q.len_utf8()..];
                let end = if CURLY.contains(&q) {
                    inner.find(CURLY)
                } else {
                    inner.find(q)
                }
                .unwrap_or(inner.len());
                let close = inner[end..].chars().next().map_or(0, char::len_utf8);
                (&inner[..end], &inner[end + close..])
            }
            _ => {
                let end = value_part
                    .find(char::is_whitespace)
                    .unwrap_or(value_part.len());
                (&value_part[..end], &value_part[end..])
            }
        };
        out.push((key.to_string(), value.trim().to_string()));
        rest = next.trim_start();
    }
    out
}

/// `[[name …]]`: a shortcode shown as text. Returns its length.
fn shown_as_text(text: &str, closed: &[String]) -> Option<usize> {
    let inner = text.strip_prefix('[').filter(|i| i.starts_with('['))?;
    let tag = tag_at(inner, closed)?;
    inner[tag.len..].starts_with(']').then_some(tag.len + 2)
}

/// `[name …]` as text: escaped so that Markdown shows the brackets.
fn literal(tag: &str, mode: Mode) -> String {
    match mode {
        Mode::Markdown => format!("\\{}\\]", &tag[..tag.len() - 1]),
        Mode::Html => format!("&#91;{}&#93;", &tag[1..tag.len() - 1]),
    }
}

/// The names closed somewhere by `[/name]`.
fn closing_names(text: &str) -> Vec<String> {
    let mut names: Vec<String> = text
        .match_indices("[/")
        .filter_map(|(i, _)| {
            let tag = &text[i + 2..];
            let name = name_of(tag)?;
            tag[name.len()..]
                .starts_with(']')
                .then(|| name.to_ascii_lowercase())
        })
        .collect();
    names.sort();
    names.dedup();
    names
}

/// The shortcode tag `text` starts with, if it starts with one.
fn tag_at<'a>(text: &'a str, closed: &[String]) -> Option<Tag<'a>> {
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
    let strong = closing || known || closed.binary_search(&lower).is_ok();
    let link = after.starts_with('(') || (!strong && after.starts_with(['[', ':']));
    let recognised = strong || inner.contains('=');
    (recognised && !link).then_some(Tag {
        name,
        attrs: inner,
        closing,
        len: end + 1,
    })
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

#[cfg(test)]
mod tests {
    use super::*;

    fn md(text: &str) -> String {
        remove(text, Mode::Markdown).0
    }

    #[test]
    fn page_builder_tags_go_and_their_content_stays() {
        let (text, n) = remove("[vc_row][vc_column width= »2/3″][vc_column_text]Texte.[/vc_column_text][/vc_column][/vc_row]", Mode::Markdown);
        assert_eq!((text.as_str(), n), ("Texte.", 6));
        assert_eq!(
            md("[et_pb_section fb_built=\"1\"][et_pb_text]Bonjour[/et_pb_text][/et_pb_section]"),
            "Bonjour"
        );
        assert_eq!(
            md("[caption id=\"attachment_12\" align=\"alignnone\"]Une légende[/caption]"),
            "Une légende"
        );
        assert_eq!(
            md("[maison_bloc]Le lieu[/maison_bloc] [gallery ids=\"1,2\"]"),
            "Le lieu "
        );
    }

    #[test]
    fn text_carried_by_attributes_is_kept() {
        assert_eq!(
            md("[vc_custom_heading text=\"Plan économique\" font_container=\"tag:h3|text_align:left\"]Le pain."),
            "\n\n### Plan économique\n\nLe pain."
        );
        assert_eq!(
            md("[vc_btn title=\"Nous contacter\" link=\"url:mailto%3Acontact%40four.example|title:x\"]"),
            "\n\n[Nous contacter](mailto:contact@four.example)\n\n"
        );
        assert_eq!(
            md("[et_pb_image src=\"https://four.example/four.jpg\" alt=\"Le four\"][/et_pb_image]"),
            "\n\n![Le four](https://four.example/four.jpg)\n\n"
        );
        assert_eq!(
            md("[fusion_title size=\"2\"]Historique[/fusion_title]"),
            "\n\n## Historique\n\n"
        );
        assert_eq!(
            md("[mon_bloc titre=\"x\" title=\"Nos valeurs\" show=\"true\"]"),
            "\n\nNos valeurs\n\n"
        );
        assert_eq!(md("[contact-form-7 id=\"12\" title=\"Contact\"]"), "");
        assert_eq!(
            remove("[vc_custom_heading text=\"Histoire\"]", Mode::Html).0,
            "<h2>Histoire</h2>\n"
        );
    }

    #[test]
    fn a_quote_of_the_other_kind_is_text_inside_a_value() {
        assert_eq!(
            md("[vc_custom_heading text=\"Raison d'être\" font_container=\"tag:h2\"]"),
            "\n\n## Raison d'être\n\n"
        );
        assert_eq!(
            md("[vc_custom_heading text='Le \"Moulin\"' font_container='tag:h3']"),
            "\n\n### Le \"Moulin\"\n\n"
        );
    }

    proptest::proptest! {
        /// Any value quoted with one kind of quote, holding the other kind, the typographic
        /// ones, `=` or spaces, is read whole, and the attribute after it too.
        #[test]
        fn quoted_values_are_read_whole(
            value in "[a-zA-Zéèà0-9 '=“”«»″’:|/.-]{0,30}",
            double in proptest::bool::ANY,
        ) {
            let (q, value) = if double {
                ('"', value)
            } else {
                ('\'', value.replace('\'', "\""))
            };
            let text = format!(" text={q}{value}{q} font_container={q}tag:h3{q} x=1");
            let attrs = attributes(&text);
            proptest::prop_assert_eq!(
                attrs,
                vec![
                    ("text".to_string(), value.trim().to_string()),
                    ("font_container".to_string(), "tag:h3".to_string()),
                    ("x".to_string(), "1".to_string()),
                ]
            );
        }
    }

    #[test]
    fn every_attribute_holding_an_address_is_kept_as_a_link() {
        assert_eq!(
            md("[et_pb_blurb title=\"Le fournil\" url=\"https://four.example/fournil\"]Notre four.[/et_pb_blurb]"),
            "\n\n## Le fournil\n\n\n\n<https://four.example/fournil>\n\nNotre four."
        );
        assert_eq!(
            md("[mon_bouton label=\"Adhérer\" link_url=\"https://four.example/adherer\"]"),
            "\n\n[Adhérer](https://four.example/adherer)\n\n"
        );
        assert_eq!(
            md("[video mp4=\"https://four.example/four.mp4\"][/video]"),
            "\n\n<https://four.example/four.mp4>\n\n"
        );
        // Settings are not addresses; an address shown is not shown twice.
        assert_eq!(md("[gallery ids=\"1,2\" link=\"file\"]"), "");
        assert_eq!(
            md("[et_pb_button button_text=\"Nous écrire\" button_url=\"mailto:a@b.example\" url_new_window=\"on\"]"),
            "\n\n[Nous écrire](mailto:a@b.example)\n\n"
        );
        assert_eq!(
            remove("[et_pb_blurb title=\"Le fournil\" url=\"https://four.example/\"]", Mode::Html).0,
            "<h2>Le fournil</h2>\n<p><a href=\"https://four.example/\">https://four.example/</a></p>\n"
        );
    }

    #[test]
    fn escaped_shortcodes_are_shown() {
        assert_eq!(
            md("on tape [[vc_row]] dans l'éditeur"),
            "on tape \\[vc_row\\] dans l'éditeur"
        );
        assert_eq!(
            remove("[[vc_row]]", Mode::Html),
            ("&#91;vc_row&#93;".to_string(), 0)
        );
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
            "[[Historique]]",
        ] {
            assert_eq!(
                remove(text, Mode::Markdown),
                (text.to_string(), 0),
                "{text}"
            );
        }
    }
}
