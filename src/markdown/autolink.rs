//! Bare addresses in text made links, as GitHub and most site generators do (GFM's
//! extended autolinks): `https://exemple.org/page`, `www.exemple.org` (linked with
//! `http://`), `contact@exemple.org` and `mailto:contact@exemple.org`. pulldown-cmark has
//! no such option, so [`link`] rewrites the parser's events before the page is written:
//! `check` reads its links from the same events, so what it sees is what the site links.
//!
//! Rules (GFM 0.29 §6.9, with what a French text needs):
//! - an address starts a line, or follows white space or one of `*`, `_`, `~`, `(`;
//! - its domain is letters, digits, `-` and `_` in parts separated by `.`, with at least
//!   one `.` and no `_` in its last two parts;
//! - it ends at white space — any: the no-break spaces French puts before `:` or `»` too
//!   — or at `<`; then trailing punctuation (`?`, `!`, `.`, `,`, `:`, `;`, `*`, `_`, `~`,
//!   quotes and `»`) is left out, and a `)` without its `(` in the address;
//! - text inside a link, code or a raw HTML `<a>` is left as it is, and so is an address
//!   with an escaped character (`https\://…`, `www\.…`): escaping is how a writer keeps one
//!   as text.

use std::ops::Range;

use pulldown_cmark::{CowStr, Event, LinkType, Tag, TagEnd};

/// The events with each bare address of their text made a link. `text` is the Markdown
/// the events were parsed from (their spans are into it): a run of text events is looked
/// at as one text when they follow one another in it as written, so that an address the
/// parser cut (at `_`, `(` or `*`) is found whole.
pub fn link<'a>(
    text: &str,
    parsed: Vec<(Event<'a>, Range<usize>)>,
) -> Vec<(Event<'a>, Range<usize>)> {
    if !parsed
        .iter()
        .any(|(e, _)| matches!(e, Event::Text(t) if maybe(t)))
    {
        return parsed;
    }
    let mut out = Vec::with_capacity(parsed.len() + 8);
    // Inside a link, an image or a code block; inside a raw `<a>`.
    let mut depth = 0usize;
    let mut raw_a = 0usize;
    let mut run: Vec<(CowStr<'a>, Range<usize>)> = Vec::new();
    for (event, span) in parsed {
        match &event {
            Event::Text(t) if depth == 0 && raw_a == 0 => {
                let as_written = text.get(span.clone()) == Some(&**t);
                let joins = run.last().is_some_and(|(last, r)| {
                    r.end == span.start && text.get(r.clone()) == Some(&**last)
                });
                if !(joins && as_written) {
                    flush(text, &mut run, &mut out);
                }
                run.push((t.clone(), span));
                continue;
            }
            _ => flush(text, &mut run, &mut out),
        }
        match &event {
            Event::Start(Tag::Link { .. } | Tag::Image { .. } | Tag::CodeBlock(_)) => depth += 1,
            Event::End(TagEnd::Link | TagEnd::Image | TagEnd::CodeBlock) => {
                depth = depth.saturating_sub(1)
            }
            Event::InlineHtml(html) | Event::Html(html) => {
                let lower = html.trim_start().to_ascii_lowercase();
                if lower.starts_with("<a ") || lower.starts_with("<a>") {
                    raw_a += 1;
                } else if lower.starts_with("</a") {
                    raw_a = raw_a.saturating_sub(1);
                }
            }
            Event::End(TagEnd::Paragraph | TagEnd::TableCell | TagEnd::Heading(_)) => raw_a = 0,
            _ => {}
        }
        out.push((event, span));
    }
    flush(text, &mut run, &mut out);
    out
}

/// Whether a text may hold an address (a quick test before the real search).
fn maybe(t: &str) -> bool {
    t.contains("://") || t.contains('@') || t.contains("www.") || t.contains("WWW.")
}

/// The run of text events as they were, or cut around the addresses it holds.
fn flush<'a>(
    text: &str,
    run: &mut Vec<(CowStr<'a>, Range<usize>)>,
    out: &mut Vec<(Event<'a>, Range<usize>)>,
) {
    if run.is_empty() {
        return;
    }
    let joined: String = run.iter().map(|(t, _)| &**t).collect();
    let found = if maybe(&joined) {
        find(&joined)
    } else {
        Vec::new()
    };
    if found.is_empty() {
        out.extend(run.drain(..).map(|(t, span)| (Event::Text(t), span)));
        return;
    }
    let whole = run[0].1.start..run[run.len() - 1].1.end;
    // Offsets in the joined text are offsets in the source when it is as written.
    let exact = text.get(whole.clone()) == Some(joined.as_str());
    let at = |r: Range<usize>| {
        if exact {
            whole.start + r.start..whole.start + r.end
        } else {
            whole.clone()
        }
    };
    run.clear();
    let mut last = 0;
    for found in found {
        if found.range.start > last {
            let before = found.range.start;
            out.push((
                Event::Text(joined[last..before].to_string().into()),
                at(last..before),
            ));
        }
        let span = at(found.range.clone());
        let shown = joined[found.range.clone()].to_string();
        out.push((
            Event::Start(Tag::Link {
                // The destination is whole (`mailto:` included): not `LinkType::Email`,
                // which the writer would prefix again.
                link_type: LinkType::Autolink,
                dest_url: found.dest.into(),
                title: "".into(),
                id: "".into(),
            }),
            span.clone(),
        ));
        out.push((Event::Text(shown.into()), span.clone()));
        out.push((Event::End(TagEnd::Link), span));
        last = found.range.end;
    }
    if last < joined.len() {
        out.push((
            Event::Text(joined[last..].to_string().into()),
            at(last..joined.len()),
        ));
    }
}

/// An address found in a text: its bytes, and the URL it links to.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Found {
    pub range: Range<usize>,
    pub dest: String,
}

/// The bare addresses of `s`, in order.
pub fn find(s: &str) -> Vec<Found> {
    let mut out: Vec<Found> = Vec::new();
    let mut from = 0;
    let mut i = 0;
    while i < s.len() {
        if !s.is_char_boundary(i) {
            i += 1;
            continue;
        }
        let rest = &s[i..];
        let starts = i == 0 || s[..i].chars().next_back().is_some_and(delimiter);
        let found = if !starts || i < from {
            None
        } else if let Some(len) = scheme(rest) {
            url(rest, len).map(|end| (i..i + end, s[i..i + end].to_string()))
        } else if rest
            .get(..4)
            .is_some_and(|h| h.eq_ignore_ascii_case("www."))
        {
            url(rest, 0).map(|end| (i..i + end, format!("http://{}", &s[i..i + end])))
        } else {
            None
        };
        if let Some((range, dest)) = found {
            i = range.end;
            from = range.end;
            out.push(Found { range, dest });
            continue;
        }
        if rest.starts_with('@') {
            if let Some(found) = email(s, i, from) {
                i = found.range.end;
                from = found.range.end;
                out.push(found);
                continue;
            }
        }
        i += 1;
    }
    out
}

/// What an address may follow.
fn delimiter(c: char) -> bool {
    c.is_whitespace() || matches!(c, '*' | '_' | '~' | '(')
}

/// The length of `http://` or `https://` at the start of `s`.
fn scheme(s: &str) -> Option<usize> {
    ["http://", "https://"]
        .into_iter()
        .find(|p| s.get(..p.len()).is_some_and(|h| h.eq_ignore_ascii_case(p)))
        .map(str::len)
}

/// Where the address that starts `s` ends, its domain starting at byte `host`.
fn url(s: &str, host: usize) -> Option<usize> {
    let domain_len = s[host..]
        .find(|c: char| !(c.is_alphanumeric() || matches!(c, '-' | '_' | '.')))
        .unwrap_or(s.len() - host);
    let domain = s[host..host + domain_len].trim_end_matches('.');
    if !valid_domain(domain) {
        return None;
    }
    let end = s
        .find(|c: char| c.is_whitespace() || c == '<')
        .unwrap_or(s.len());
    Some(trim_trailing(&s[..end]).max(host + domain.len()))
}

/// A domain of at least two parts, none empty, without `_` in its last two.
fn valid_domain(domain: &str) -> bool {
    let parts: Vec<&str> = domain.split('.').collect();
    parts.len() >= 2
        && parts.iter().all(|p| !p.is_empty())
        && parts.iter().rev().take(2).all(|p| !p.contains('_'))
}

/// The length of `s` without the punctuation that ends a sentence around an address.
fn trim_trailing(s: &str) -> usize {
    let mut end = s.len();
    loop {
        let t = &s[..end];
        let Some(last) = t.chars().next_back() else {
            return end;
        };
        if matches!(
            last,
            '?' | '!' | '.' | ',' | ':' | '*' | '_' | '~' | '\'' | '"' | '»' | '”' | '’'
        ) {
            end -= last.len_utf8();
        } else if last == ')' && t.matches(')').count() > t.matches('(').count() {
            end -= 1;
        } else if last == ';' {
            // `&amp;` at the end is an entity reference, not the address's.
            let body = &t[..t.len() - 1];
            let name = body.len()
                - body
                    .trim_end_matches(|c: char| c.is_ascii_alphanumeric())
                    .len();
            if name > 0 && body[..body.len() - name].ends_with('&') {
                end -= name + 2;
            } else {
                end -= 1;
            }
        } else {
            return end;
        }
    }
}

/// The email address around the `@` at byte `at` of `s` (its local part not starting
/// before `from`), with `mailto:` when written before it.
fn email(s: &str, at: usize, from: usize) -> Option<Found> {
    let local = |c: char| c.is_ascii_alphanumeric() || matches!(c, '.' | '+' | '-' | '_');
    let start = s[..at]
        .char_indices()
        .rev()
        .take_while(|(_, c)| local(*c))
        .last()
        .map(|(i, _)| i)?;
    if start < from {
        return None;
    }
    let domain_len = s[at + 1..]
        .find(|c: char| !(c.is_ascii_alphanumeric() || matches!(c, '-' | '_' | '.')))
        .unwrap_or(s.len() - at - 1);
    let domain = s[at + 1..at + 1 + domain_len].trim_end_matches('.');
    if !domain.contains('.')
        || domain.starts_with('.')
        || domain.contains("..")
        || domain.ends_with(['-', '_'])
    {
        return None;
    }
    let end = at + 1 + domain.len();
    let (start, dest) = match s[..start].strip_suffix("mailto:") {
        Some(before) if before.is_empty() || before.chars().next_back().is_some_and(delimiter) => {
            (before.len(), s[before.len()..end].to_string())
        }
        _ => (start, format!("mailto:{}", &s[start..end])),
    };
    Some(Found {
        range: start..end,
        dest,
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    fn links(s: &str) -> Vec<(&str, String)> {
        find(s)
            .into_iter()
            .map(|f| (&s[f.range.clone()], f.dest))
            .collect()
    }

    #[test]
    fn bare_addresses_are_found_as_github_finds_them() {
        assert_eq!(
            links("Voir https://exemple.org."),
            [("https://exemple.org", "https://exemple.org".into())]
        );
        assert_eq!(
            links("(voir www.exemple.org/a_(b)/c?x=1&y=2)."),
            [(
                "www.exemple.org/a_(b)/c?x=1&y=2",
                "http://www.exemple.org/a_(b)/c?x=1&y=2".into()
            )]
        );
        assert_eq!(
            links("écrire à contact@exemple.org, ou mailto:a.b@exemple.org."),
            [
                ("contact@exemple.org", "mailto:contact@exemple.org".into()),
                ("mailto:a.b@exemple.org", "mailto:a.b@exemple.org".into())
            ]
        );
        // French spacing: a no-break space before `:` or `»` ends the address.
        assert_eq!(
            links("« https://exemple.org/page\u{a0}» et https://exemple.org\u{202f}:"),
            [
                (
                    "https://exemple.org/page",
                    "https://exemple.org/page".into()
                ),
                ("https://exemple.org", "https://exemple.org".into())
            ]
        );
        assert_eq!(
            links("https://exemple.org&amp;"),
            [("https://exemple.org", "https://exemple.org".into())]
        );
    }

    /// Any text, whatever characters it holds (a letter of several bytes where a scheme
    /// or `www.` would end), is searched without a panic.
    #[test]
    fn any_text_is_searched_without_a_panic() {
        for text in [
            "httpé",
            "wwwé",
            "ww\u{e9}.x",
            "https:/é",
            "a@é.b",
            "é@x.org",
            "(www.é.org)",
        ] {
            for i in 0..text.len() {
                if let Some(s) = text.get(i..) {
                    let _ = find(s);
                }
            }
        }
    }

    #[test]
    fn what_is_no_address_stays_text() {
        for text in [
            "https://",
            "https://localhost",
            "http://a_b.c_d",
            "awww.exemple.org",
            "xhttps://exemple.org",
            "a@b",
            "Décision: AG du 12 mars",
            "ma@ison",
        ] {
            assert_eq!(links(text), [], "{text}");
        }
    }
}
