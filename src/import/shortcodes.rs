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

/// Removes shortcode tags, keeping what they enclose and the text they carry. Returns the
/// text and the number of tags removed.
pub fn remove(text: &str, mode: Mode) -> (String, usize) {
    let code = match mode {
        Mode::Markdown => code_ranges(text),
        Mode::Html => Vec::new(),
    };
    if code.is_empty() {
        return remove_in(text, mode, &closing_names(text));
    }
    // Code (spans, fenced and indented blocks) is left as written: a shortcode there is
    // an example, not markup.
    let mut prose = String::new();
    let mut at = 0;
    for r in &code {
        prose.push_str(&text[at..r.start]);
        prose.push('\n');
        at = r.end;
    }
    prose.push_str(&text[at..]);
    let closed = closing_names(&prose);
    let mut out = String::with_capacity(text.len());
    let mut count = 0;
    let mut at = 0;
    for r in &code {
        let (t, n) = remove_in(&text[at..r.start], mode, &closed);
        out.push_str(&t);
        out.push_str(&text[r.clone()]);
        count += n;
        at = r.end;
    }
    let (t, n) = remove_in(&text[at..], mode, &closed);
    out.push_str(&t);
    (out, count + n)
}

/// The byte ranges of a Markdown text's code: fenced blocks (fences included), indented
/// blocks (four spaces or a tab after a blank line, outside a list), and code spans.
fn code_ranges(text: &str) -> Vec<std::ops::Range<usize>> {
    let mut out: Vec<std::ops::Range<usize>> = Vec::new();
    let mut fence: Option<(char, usize, usize)> = None;
    let mut previous_blank = true;
    let mut in_indented = false;
    let mut in_list = false;
    let mut start = 0;
    for line in text.split_inclusive('\n') {
        let range = start..start + line.len();
        start += line.len();
        let content = line.trim_end_matches(['\n', '\r']);
        let t = content.trim_start_matches(' ');
        let indent = content.len() - t.len();
        let marker = t.chars().next().filter(|c| matches!(c, '`' | '~'));
        let run = marker.map_or(0, |m| t.chars().take_while(|c| *c == m).count());
        if let Some((m, n, from)) = fence {
            if marker == Some(m) && run >= n && t[run..].trim().is_empty() {
                out.push(from..range.end);
                fence = None;
            }
            continue;
        }
        if indent <= 3 && run >= 3 && !(marker == Some('`') && t[run..].contains('`')) {
            fence = marker.map(|m| (m, run, range.start));
            previous_blank = false;
            in_indented = false;
            continue;
        }
        let blank = content.trim().is_empty();
        let indented = content.starts_with("    ") || content.starts_with('\t');
        if indented && !blank && !in_list && (previous_blank || in_indented) {
            in_indented = true;
            out.push(range);
            previous_blank = false;
            continue;
        }
        if !blank && !indented {
            in_indented = false;
            in_list = is_list_item(t);
        } else if !blank {
            in_indented = false;
        }
        previous_blank = blank;
        out.extend(
            code_spans(content)
                .into_iter()
                .map(|r| range.start + r.start..range.start + r.end),
        );
    }
    if let Some((_, _, from)) = fence {
        out.push(from..text.len());
    }
    out.sort_by_key(|r| r.start);
    out
}

/// `- `, `* `, `+ `, `1. `, `1) `: a list item's start.
fn is_list_item(t: &str) -> bool {
    let digits = t.len() - t.trim_start_matches(|c: char| c.is_ascii_digit()).len();
    t.starts_with(['-', '*', '+']) && t[1..].starts_with(' ')
        || (digits > 0 && t[digits..].starts_with(['.', ')']) && t[digits + 1..].starts_with(' '))
}

/// The code spans of a line: a run of backquotes up to the next run of as many.
fn code_spans(line: &str) -> Vec<std::ops::Range<usize>> {
    let mut out = Vec::new();
    let bytes = line.as_bytes();
    let mut i = 0;
    while i < bytes.len() {
        if bytes[i] == b'\\' {
            i += 2;
            continue;
        }
        if bytes[i] != b'`' {
            i += 1;
            continue;
        }
        let n = bytes[i..].iter().take_while(|b| **b == b'`').count();
        let mut j = i + n;
        let mut end = None;
        while j < bytes.len() {
            if bytes[j] == b'`' {
                let m = bytes[j..].iter().take_while(|b| **b == b'`').count();
                if m == n {
                    end = Some(j + m);
                    break;
                }
                j += m;
            } else {
                j += 1;
            }
        }
        match end {
            Some(e) => {
                out.push(i..e);
                i = e;
            }
            None => i += n,
        }
    }
    out
}

/// [`remove`] on a text without code.
fn remove_in(text: &str, mode: Mode, closed: &[String]) -> (String, usize) {
    let closed = closed.to_vec();
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
        // What the table shows, and the attribute it took its text from.
        let get_key = |keys: &[&str]| {
            keys.iter().find_map(|k| {
                attrs
                    .iter()
                    .position(|(a, v)| a.eq_ignore_ascii_case(k) && is_text(v))
            })
        };
        let (primary, primary_key): (String, Option<usize>) = match (shows, self.closing) {
            (Some(Shows::WrappedHeading), true) => (close_heading(level, mode), None),
            (Some(Shows::WrappedHeading), false) => (open_heading(level, mode), None),
            (_, true) => (block_break(mode), None),
            (Some(Shows::Nothing), _) => (block_break(mode), None),
            (Some(Shows::Heading(keys)), false) => match get_key(keys) {
                Some(i) => (heading(&attrs[i].1, level, mode), Some(i)),
                None => (String::new(), None),
            },
            (Some(Shows::Label(keys, links)), false) => match get_key(keys) {
                Some(i) => {
                    let link = get(links)
                        .filter(|l| !web_link(l).is_empty())
                        .or_else(|| urls.first().cloned());
                    used(&mut urls, &link);
                    (label(&attrs[i].1, link, mode), Some(i))
                }
                None => (String::new(), None),
            },
            (Some(Shows::Image(alts, srcs)), false) => match get_key(alts) {
                Some(i) => {
                    let src = get(srcs);
                    if src
                        .as_deref()
                        .map(web_link)
                        .is_some_and(|s| s.starts_with("http"))
                    {
                        used(&mut urls, &src);
                    }
                    (image(&attrs[i].1, src, mode), Some(i))
                }
                None => (String::new(), None),
            },
            (None, false) => (String::new(), None),
        };
        if self.closing {
            return primary;
        }
        // Every other attribute holding human text, in the tag's order, each value once:
        // a heading-ish one (`main_heading`, `title`, `h4`) as a heading, the rest as
        // paragraphs (an image's or a button's `title` is no heading). The first paragraph
        // of a shortcode the table does not name carries its link.
        let mut shown = String::new();
        let mut seen: Vec<&str> = Vec::new();
        let headings_allowed = !matches!(shows, Some(Shows::Image(..) | Shows::Label(..)));
        let mut link_pending = shows.is_none();
        let settings_only = matches!(shows, Some(Shows::Nothing | Shows::WrappedHeading));
        if settings_only {
            shown = primary.clone();
        }
        for (i, (key, value)) in attrs.iter().enumerate().filter(|_| !settings_only) {
            if Some(i) == primary_key {
                shown.push_str(&primary);
                seen.push(value);
                continue;
            }
            if !is_human_text(key, value) || seen.contains(&value.as_str()) {
                continue;
            }
            seen.push(value);
            match heading_key(key).filter(|_| headings_allowed) {
                Some(own) => shown.push_str(&heading(value, own.unwrap_or(level), mode)),
                None if link_pending => {
                    link_pending = false;
                    let link = urls.first().cloned();
                    used(&mut urls, &link);
                    shown.push_str(&label(value, link, mode));
                }
                None => shown.push_str(&label(value, None, mode)),
            }
        }
        if shown.is_empty() {
            shown = block_break(mode);
        }
        if self.closing || urls.is_empty() {
            return shown;
        }
        let links: String = urls.iter().map(|u| autolink(u, mode)).collect();
        format!("{shown}{links}")
    }
}

/// A heading with the text, at the level.
fn heading(text: &str, level: usize, mode: Mode) -> String {
    format!(
        "{}{text}{}",
        open_heading(level, mode),
        close_heading(level, mode)
    )
}

/// Whether an attribute's name makes its text a heading: `*heading*` (not a
/// `sub_heading`), `title`, `main_title`, `h1`…`h6`. `Some(Some(n))` when the name gives
/// the level.
fn heading_key(key: &str) -> Option<Option<usize>> {
    let k = key.to_ascii_lowercase();
    let level = k
        .strip_prefix('h')
        .and_then(|d| d.parse::<usize>().ok())
        .filter(|d| (1..=6).contains(d));
    if level.is_some() {
        return Some(level);
    }
    let sub = k.contains("sub");
    ((k.contains("heading") && !sub) || k == "title" || k == "main_title" || k == "heading_text")
        .then_some(None)
}

/// Names of attributes that are settings whatever they hold: ids, classes, styles,
/// colours, sizes, layout, animation, icons, fonts.
fn is_setting_key(key: &str) -> bool {
    let k = key.to_ascii_lowercase();
    const EXACT: &[&str] = &[
        "id",
        "ids",
        "class",
        "el_class",
        "el_id",
        "css",
        "style",
        "align",
        "alignment",
        "layout",
        "position",
        "icon",
        "type",
        "tag",
        "target",
        "rel",
        "image",
        "images",
        "img",
        "size",
        "width",
        "height",
        "color",
        "colour",
        "font_container",
        "google_fonts",
        "animation",
        "css_animation",
        "template",
        "shape",
        "border",
        "background",
        "bg",
        "order",
        "orderby",
        "columns",
        "column",
        "offset",
        "lang",
        "format",
        "mode",
        "theme",
        "effect",
        "onclick",
        "interval",
        "autoplay",
        "module_class",
        "module_id",
        "fb_built",
        "global_module",
        "saved_tabs",
        "admin_label",
        "_builder_version",
        "src",
        "link",
        "href",
        "url",
        "el_width",
        "full_width",
        "full_height",
        "parallax",
        "equal_height",
        "content_placement",
        "gap",
        "video_bg",
        "source",
        "style_type",
        "level",
        "heading_level",
        "header_level",
        "number",
        "count",
        "limit",
        "category",
        "categories",
        "post_type",
        "slug",
        "name_attr",
        "item",
        "items",
        "weight",
        "sep_color",
        "accent_color",
    ];
    const PARTS: &[&str] = &[
        "color",
        "colour",
        "class",
        "css",
        "style",
        "font",
        "size",
        "width",
        "height",
        "align",
        "animation",
        "icon",
        "margin",
        "padding",
        "border",
        "background",
        "_bg",
        "bg_",
        "_id",
        "id_",
        "_url",
        "url_",
        "_link",
        "link_",
        "_href",
        "position",
        "layout",
        "shadow",
        "radius",
        "opacity",
        "spacing",
        "_type",
        "line_height",
        "letter",
        "_tag",
        "tag_",
        "transform",
        "hover",
        "_builder",
        "_version",
        "_module",
        "overlay",
        "gradient",
        "_image",
        "image_",
        "_img",
        "img_",
        "_src",
        "template",
    ];
    EXACT.contains(&k.as_str()) || PARTS.iter().any(|p| k.contains(p)) || heading_level_key(&k)
}

fn heading_level_key(k: &str) -> bool {
    matches!(
        k,
        "font_container" | "tag" | "size" | "heading_level" | "header_level" | "level"
    )
}

/// Whether an attribute's name says it holds text for the reader, so that one
/// lowercase word is text there (`job_title="boulanger"`), not a keyword.
fn is_text_key(key: &str) -> bool {
    let k = key.to_ascii_lowercase();
    heading_key(&k).is_some()
        || [
            "title",
            "text",
            "heading",
            "caption",
            "label",
            "alt",
            "author",
            "name",
            "quote",
            "description",
            "content",
            "subtitle",
            "job",
            "company",
            "tagline",
            "message",
            "legend",
            "question",
            "answer",
            "titre",
            "texte",
            "auteur",
            "legende",
            "nom",
        ]
        .iter()
        .any(|p| k.contains(p))
}

/// Whether an attribute holds human text, to be kept: letters, and not an id, a number,
/// an address, a CSS class or declaration, a colour, a size, a boolean or a slug.
fn is_human_text(key: &str, value: &str) -> bool {
    let v = value.trim();
    if !is_text(v) || is_setting_key(key) {
        return false;
    }
    let lower = v.to_ascii_lowercase();
    let address = lower.contains("://")
        || lower.starts_with("url:")
        || lower.starts_with("mailto:")
        || lower.starts_with("tel:")
        || lower.starts_with("www.")
        || v.starts_with(['/', '#', '{', '%']);
    let colour = lower.starts_with("rgb") || lower.starts_with("hsl");
    // `12px`, `2em`, `50%`, `2/3`, `1,2,3`, `h2`: digits with a unit or separators.
    let measure = v.chars().any(|c| c.is_ascii_digit())
        && v.trim_start_matches(|c: char| {
            c.is_ascii_digit() || matches!(c, '.' | ',' | '/' | '-' | ' ' | '%')
        })
        .chars()
        .all(|c| c.is_ascii_alphabetic() || c == '%' || c == ' ')
        && v.chars().filter(|c| c.is_alphabetic()).count() <= 4
        && !v.contains(' ');
    // `tag:h2|text_align:left`, `color: red; margin: 0`: builders' settings.
    let declaration = (v.contains(':') && (v.contains('|') || v.contains(';')))
        || v.contains('=')
        || v.starts_with("vc_")
        || (v.contains(':') && !v.contains(' '));
    if address || colour || measure || declaration {
        return false;
    }
    if v.contains(char::is_whitespace) {
        return true;
    }
    // One word: a slug, a keyword or a class (`left`, `fade-in`, `btn_primary`) unless it
    // is written as text (a capital, an accent, an apostrophe) or its attribute is one of
    // text.
    if v.contains('_') || v.chars().all(|c| c.is_ascii_digit() || c == '-') {
        return false;
    }
    let written = v.chars().next().is_some_and(char::is_uppercase)
        || v.chars().any(|c| c.is_alphabetic() && !c.is_ascii())
        || v.contains(['\'', '’']);
    written || (is_text_key(key) && v.chars().count() > 1)
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
            "\n\n## Nos valeurs\n\n"
        );
        assert_eq!(md("[contact-form-7 id=\"12\" title=\"Contact\"]"), "");
        assert_eq!(
            remove("[vc_custom_heading text=\"Histoire\"]", Mode::Html).0,
            "<h2>Histoire</h2>\n"
        );
    }

    #[test]
    fn every_attribute_holding_human_text_is_kept_in_order() {
        // Heading-ish names are headings (at their level for `h1`…`h6`), the rest
        // paragraphs, whatever the shortcode.
        assert_eq!(
            md("[ultimate_heading main_heading=\"Historique\" heading_tag=\"h2\" main_heading_color=\"#333\" sub_heading=\"Depuis 2015\"][/ultimate_heading]"),
            "\n\n## Historique\n\n\n\nDepuis 2015\n\n"
        );
        assert_eq!(
            md("[vc_single_image image=\"9\" img_size=\"large\" caption=\"Le four à bois, construit en 2015.\"]"),
            "\n\nLe four à bois, construit en 2015.\n\n"
        );
        assert_eq!(
            md("[vc_cta h2=\"Rejoignez-nous\" h4=\"Devenez sociétaire dès 50 euros.\" add_button=\"bottom\"]"),
            "\n\n## Rejoignez-nous\n\n\n\n#### Devenez sociétaire dès 50 euros.\n\n"
        );
        assert_eq!(
            md("[et_pb_testimonial author=\"Louise Petit\" job_title=\"boulangère\" portrait_url=\"https://x.example/l.jpg\" quote_icon=\"on\"]On travaille ensemble.[/et_pb_testimonial]"),
            "\n\n[Louise Petit](https://x.example/l.jpg)\n\n\n\nboulangère\n\nOn travaille ensemble."
        );
        // An image's title is no heading; a value shown once is not shown twice.
        assert_eq!(
            md("[vc_single_image alt=\"Le four\" title=\"Le four\" caption=\"En 2015\"]"),
            "\n\nLe four\n\n\n\nEn 2015\n\n"
        );
    }

    #[test]
    fn settings_in_attributes_are_not_text() {
        for tag in [
            "[vc_row el_id=\"histoire\" el_class=\"bloc-intro\" css=\".vc_custom_1{margin:0}\" full_width=\"stretch_row\"]",
            "[vc_column width=\"1/2\" offset=\"vc_col-lg-6\" css_animation=\"fadeIn\"]",
            "[mon_bloc color=\"Rouge vif\" gap=\"30px\" bg=\"#ffffff\" shade=\"rgba(0,0,0,.5)\" show=\"true\" n=\"12\"]",
            "[mon_bloc variant=\"primary-large\" mode=\"Dark\" anchor=\"nos-valeurs\" data=\"tag:h2|align:left\"]",
            "[mon_bloc src=\"/wp-content/four.jpg\" cible=\"https://four.example/\" size=\"2em\" ratio=\"50%\"]",
        ] {
            assert!(!md(tag).chars().any(char::is_alphanumeric), "{tag} gave {:?}", md(tag));
        }
    }

    #[test]
    fn shortcodes_in_code_are_left_as_written() {
        let text = "Écrivez `[contact-form-7 id=\"42\"]` ici.\n\n```\n[vc_row][vc_column]Exemple[/vc_column][/vc_row]\n```\n\n    [vc_row]indenté[/vc_row]\n\n~~~~\n[et_pb_text]x\n~~~~\n\nEt [vc_row]ceci[/vc_row] part.\n";
        let (out, n) = remove(text, Mode::Markdown);
        assert_eq!(out, text.replace("[vc_row]ceci[/vc_row]", "ceci"), "{out}");
        assert_eq!(n, 2);
        // A list item's continuation is no code block.
        assert_eq!(md("- un\n\n    [vc_row]deux[/vc_row]"), "- un\n\n    deux");
        // HTML has no Markdown code.
        assert_eq!(remove("`[vc_row]`", Mode::Html).0, "`\n`");
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
