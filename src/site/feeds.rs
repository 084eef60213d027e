//! The files beside the pages: the Atom feed of the évolution page and the sitemap.

use std::fmt::Write;

use super::jsonld::abs;
use super::pages::Page;
use super::urls;
use super::view::Ctx;
use crate::escape::xml::text as escape;
use crate::i18n::site::Word;

pub fn atom(ctx: &Ctx, title: &str) -> String {
    let org = ctx
        .repo
        .manifeste
        .as_ref()
        .map(|m| (m.org_id.clone(), m.nom.clone()))
        .unwrap_or_default();
    let updated = ctx
        .history
        .evolution
        .first()
        .map(|e| e.timestamp.clone())
        .unwrap_or_else(|| crate::date::rfc3339(crate::date::now()));
    let page = abs(ctx, urls::EVOLUTION);
    let mut s = String::from("<?xml version=\"1.0\" encoding=\"utf-8\"?>\n");
    let _ = write!(
        s,
        "<feed xmlns=\"http://www.w3.org/2005/Atom\" xml:lang=\"{}\">\n<title>{} · {}</title>\n<id>urn:codesocial:{}:evolution</id>\n<updated>{updated}</updated>\n<link rel=\"self\" href=\"{}\"/>\n<link rel=\"alternate\" type=\"text/html\" href=\"{}\"/>\n<author><name>{}</name></author>\n",
        ctx.lang.code(),
        escape(title),
        escape(ctx.word(Word::Evolution)),
        escape(&org.0),
        escape(&abs(ctx, urls::FEED)),
        escape(&page),
        escape(&org.1),
    );
    if let Some(t) = &ctx.history.truncated {
        let _ = writeln!(
            s,
            "<subtitle>{} {} ({}) {}</subtitle>",
            escape(ctx.word(Word::HistoryTruncated)),
            escape(&t.short),
            escape(&t.date),
            escape(ctx.word(Word::HistoryTruncatedWhy)),
        );
    }
    for e in &ctx.history.evolution {
        let text = super::pages::evolution::feed_text(ctx, e);
        let _ = write!(
            s,
            "<entry>\n<title>{}</title>\n<id>urn:codesocial:commit:{}</id>\n<updated>{}</updated>\n<author><name>{}</name></author>\n<link rel=\"alternate\" type=\"text/html\" href=\"{}#commit-{}\"/>\n<content type=\"text\">{}</content>\n</entry>\n",
            escape(&super::content::summary_text(&e.message)),
            escape(&e.commit),
            escape(&e.timestamp),
            escape(&e.author),
            escape(&page),
            escape(super::pages::short(&e.commit)),
            escape(&text),
        );
    }
    s.push_str("</feed>\n");
    s
}

/// The sitemap, when the site knows its address (`site.url` or `--base-url`): the
/// sitemaps protocol wants each `<loc>` absolute, so without an address there is none
/// (a relative `<loc>` is an error to every search engine).
pub fn sitemap(ctx: &Ctx, pages: &[Page]) -> Option<String> {
    ctx.base_url.as_ref()?;
    let mut s = String::from(
        "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n<urlset xmlns=\"http://www.sitemaps.org/schemas/sitemap/0.9\">\n",
    );
    for p in pages
        .iter()
        .filter(|p| p.path != urls::NOT_FOUND && p.path != urls::SEARCH)
    {
        let _ = writeln!(s, "<url><loc>{}</loc></url>", escape(&abs(ctx, &p.path)));
    }
    s.push_str("</urlset>\n");
    Some(s)
}
