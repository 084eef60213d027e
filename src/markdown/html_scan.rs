//! Reads the ids and link URLs back from HTML this crate wrote: pulldown-cmark's output or
//! ammonia's (html5ever's serializer). Both write every attribute as `name="value"` with
//! `"` escaped inside values and `<` escaped in text, and ammonia drops comments, so a
//! scan of start tags finds every attribute as a browser would.

use std::ops::Range;

/// An attribute (`id`, `href`, `src`) and the byte range of its raw value in the HTML.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Attr {
    /// The value, entities decoded.
    pub value: String,
    pub range: Range<usize>,
}

/// The ids (in order) and URL attributes of some HTML.
#[derive(Debug, Default, Clone, PartialEq, Eq)]
pub struct Scan {
    pub ids: Vec<Attr>,
    pub urls: Vec<Attr>,
    /// `name` attributes (`<a name="art-4">`: an anchor before HTML5, followed by no link
    /// once sanitised).
    pub names: Vec<Attr>,
}

/// Scans the start tags of `html`.
pub fn scan(html: &str) -> Scan {
    let bytes = html.as_bytes();
    let mut out = Scan::default();
    let mut i = 0;
    while let Some(off) = bytes[i..].iter().position(|&b| b == b'<') {
        i += off + 1;
        if !bytes.get(i).is_some_and(u8::is_ascii_alphabetic) {
            continue;
        }
        i = tag(html, i, &mut out);
    }
    out
}

/// The ids of `html`, in order.
pub fn ids_in(html: &str) -> Vec<String> {
    scan(html).ids.into_iter().map(|a| a.value).collect()
}

/// `html` (this crate's, every attribute written `name="value"`) with each id passed
/// through `f`: its new value, or `None` to remove the attribute.
pub fn map_ids(html: &str, mut f: impl FnMut(&str) -> Option<String>) -> String {
    const ATTR: &str = " id=\"";
    let mut out = String::with_capacity(html.len());
    let mut last = 0;
    for id in scan(html).ids {
        let Some(start) = id.range.start.checked_sub(ATTR.len()) else {
            continue;
        };
        if html.get(start..id.range.start) != Some(ATTR)
            || html.get(id.range.end..=id.range.end) != Some("\"")
        {
            continue;
        }
        match f(&id.value) {
            Some(new) => {
                out.push_str(&html[last..id.range.start]);
                out.push_str(&crate::html::escape(&new));
                last = id.range.end;
            }
            None => {
                out.push_str(&html[last..start]);
                last = id.range.end + 1;
            }
        }
    }
    out.push_str(&html[last..]);
    out
}

/// `html` (this crate's) with the value of each `href` and `src` passed through `f`: its
/// new value (written as the renderer writes a link it rewrites: percent-encoded where a
/// URL must be, then escaped), or `None` to keep it as it is.
pub fn map_urls(html: &str, mut f: impl FnMut(&str) -> Option<String>) -> String {
    let mut out = String::with_capacity(html.len());
    let mut last = 0;
    for url in scan(html).urls {
        if let Some(new) = f(&url.value) {
            out.push_str(&html[last..url.range.start]);
            out.push_str(&super::render::escape_url(&new));
            last = url.range.end;
        }
    }
    out.push_str(&html[last..]);
    out
}

/// Reads one start tag from its name at `i`; returns where it ends.
fn tag(html: &str, mut i: usize, out: &mut Scan) -> usize {
    let bytes = html.as_bytes();
    while i < bytes.len() && !bytes[i].is_ascii_whitespace() && !matches!(bytes[i], b'>' | b'/') {
        i += 1;
    }
    loop {
        while i < bytes.len() && (bytes[i].is_ascii_whitespace() || bytes[i] == b'/') {
            i += 1;
        }
        if i >= bytes.len() || bytes[i] == b'>' {
            return i;
        }
        let name_start = i;
        while i < bytes.len() && !bytes[i].is_ascii_whitespace() && !matches!(bytes[i], b'=' | b'>')
        {
            i += 1;
        }
        let name = html[name_start..i].to_ascii_lowercase();
        if bytes.get(i) != Some(&b'=') {
            continue;
        }
        i += 1;
        let quote = bytes.get(i).copied();
        let (start, end) = match quote {
            Some(q @ (b'"' | b'\'')) => {
                let start = i + 1;
                let end = bytes[start..]
                    .iter()
                    .position(|&b| b == q)
                    .map_or(bytes.len(), |e| start + e);
                i = (end + 1).min(bytes.len());
                (start, end)
            }
            _ => {
                let start = i;
                while i < bytes.len() && !bytes[i].is_ascii_whitespace() && bytes[i] != b'>' {
                    i += 1;
                }
                (start, i)
            }
        };
        let attr = Attr {
            value: decode(&html[start..end]),
            range: start..end,
        };
        match name.as_str() {
            "id" => out.ids.push(attr),
            "href" | "src" => out.urls.push(attr),
            "name" => out.names.push(attr),
            _ => {}
        }
    }
}

/// Decodes the character references an HTML writer puts in attribute values and text: the
/// five of XML, `&nbsp;` and numeric ones; anything else is left as written.
pub fn decode(value: &str) -> String {
    if !value.contains('&') {
        return value.to_string();
    }
    let mut out = String::with_capacity(value.len());
    let mut rest = value;
    while let Some(amp) = rest.find('&') {
        out.push_str(&rest[..amp]);
        rest = &rest[amp..];
        let Some(semi) = rest.find(';').filter(|&s| s <= 10) else {
            out.push('&');
            rest = &rest[1..];
            continue;
        };
        let name = &rest[1..semi];
        let c = match name {
            "amp" => Some('&'),
            "quot" => Some('"'),
            "lt" => Some('<'),
            "gt" => Some('>'),
            "apos" => Some('\''),
            "nbsp" => Some('\u{a0}'),
            _ => name
                .strip_prefix("#x")
                .or_else(|| name.strip_prefix("#X"))
                .and_then(|h| u32::from_str_radix(h, 16).ok())
                .or_else(|| name.strip_prefix('#').and_then(|d| d.parse().ok()))
                .and_then(char::from_u32),
        };
        match c {
            Some(c) => {
                out.push(c);
                rest = &rest[semi + 1..];
            }
            None => {
                out.push('&');
                rest = &rest[1..];
            }
        }
    }
    out.push_str(rest);
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn ids_are_renamed_or_removed() {
        let html = r#"<h2 id="a">A</h2><p id="b&amp;c">x</p><a href="id=&quot;q">y</a>"#;
        let out = map_ids(html, |id| (id != "a").then(|| format!("p-{id}")));
        assert_eq!(
            out,
            r#"<h2>A</h2><p id="p-b&amp;c">x</p><a href="id=&quot;q">y</a>"#
        );
    }

    #[test]
    fn finds_ids_and_urls() {
        let html = "<p id=\"a&amp;b\">x id=\"no\" &lt;a href=\"no\"&gt;</p><img src='i.png' alt=\"a > b\"><a href=x.md#t>y</a>";
        let s = scan(html);
        assert_eq!(s.ids[0].value, "a&b");
        assert_eq!(&html[s.ids[0].range.clone()], "a&amp;b");
        let urls: Vec<&str> = s.urls.iter().map(|u| u.value.as_str()).collect();
        assert_eq!(urls, ["i.png", "x.md#t"]);
        assert_eq!(&html[s.urls[1].range.clone()], "x.md#t");
        assert_eq!(decode("&#x27;&#39;&bogus;&"), "''&bogus;&");
    }
}
