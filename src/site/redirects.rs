//! The old addresses of renamed documents: a document whose file was renamed (its id with
//! it, as the history finds renames) had a page at another address, which mails, search
//! engines and other sites still link to. Each such address gets a small page that leads
//! to the document's page today — what Hugo's and Zola's `aliases` and mdBook's
//! `output.html.redirect` write: a `<meta http-equiv="refresh">` (which works from
//! `file://` and without JavaScript), a canonical link to the new address, `noindex`, and
//! a visible link. An address where a page of today's site stands keeps that page; these
//! pages are not in the search index or the sitemap (they are not pages of the site).

use std::collections::BTreeMap;

use super::output::Output;
use super::pages::Page;
use super::view::Ctx;
use crate::error::Result;
use crate::html::escape;
use crate::i18n::site::Word;
use crate::urls;

/// The redirections of the site: old address → (new address, the page's title), for
/// each renamed document whose old address no page holds today and whose page exists.
pub(super) fn redirections(ctx: &Ctx, pages: &[Page]) -> BTreeMap<String, (String, String)> {
    let titles: BTreeMap<&str, &str> = pages
        .iter()
        .map(|p| (p.path.as_str(), p.title.as_str()))
        .collect();
    let mut out = BTreeMap::new();
    for r in &ctx.history.renamed {
        let old = urls::page_of(r.kind, &r.old_id);
        let new = urls::page_of(r.kind, &ctx.history.current_id(r.kind, &r.old_id));
        if old == new || titles.contains_key(old.as_str()) {
            continue;
        }
        if let Some(title) = titles.get(new.as_str()) {
            out.entry(old).or_insert((new, title.to_string()));
        }
    }
    out
}

/// Writes the redirection pages; returns how many.
pub(super) fn write(ctx: &Ctx, pages: &[Page], out: &Output) -> Result<usize> {
    let all = redirections(ctx, pages);
    for (old, (new, title)) in &all {
        out.put(old, page(ctx, old, new, title).as_bytes())?;
    }
    Ok(all.len())
}

/// The page at `old` that leads to `new`, the page titled `title`.
fn page(ctx: &Ctx, old: &str, new: &str, title: &str) -> String {
    let target = format!("{}{new}", urls::root_of(old));
    let canonical = super::jsonld::abs(ctx, new);
    let canonical = if ctx.base_url.is_some() {
        canonical
    } else {
        target.clone()
    };
    let (target, canonical) = (escape(&target), escape(&canonical));
    let moved = escape(&crate::i18n::typography::colon(
        ctx.lang,
        ctx.word(Word::PageMoved),
    ));
    let title = escape(title);
    let style = format!("{}{}", urls::root_of(old), urls::STYLE);
    let html = format!(
        "<!DOCTYPE html>\n<html lang=\"{lang}\">\n<head>\n<meta charset=\"utf-8\">\n\
         <title>{title}</title>\n\
         <meta name=\"robots\" content=\"noindex\">\n\
         <meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">\n\
         <meta http-equiv=\"refresh\" content=\"0; url={target}\">\n\
         <link rel=\"canonical\" href=\"{canonical}\">\n\
         <link rel=\"stylesheet\" href=\"{style}\">\n\
         </head>\n<body>\n<main id=\"cs-main\" class=\"redirect\">\n\
         <p>{moved} <a href=\"{target}\">{title}</a></p>\n</main>\n</body>\n</html>\n",
        lang = ctx.lang.code(),
        style = escape(&style),
    );
    crate::site::typography::apply(ctx.lang, &html)
}
