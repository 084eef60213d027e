//! The pages about the site and its history rather than one document: évolution, bilan,
//! search and 404.

use serde::Serialize;

use super::{Page, PageData};
use crate::i18n::site::Word;
use crate::site::jsonld;
use crate::site::view::Ctx;
use crate::urls;

/// The short form of a commit hash.
pub fn short(hash: &str) -> &str {
    hash.get(..8).unwrap_or(hash)
}

/// `recherche.html`.
#[derive(Serialize)]
pub struct RechercheView<'a> {
    pages: Vec<Listed>,
    index: &'a str,
    script: &'a str,
}

/// A page in the list of every page.
#[derive(Serialize)]
struct Listed {
    title: String,
    url: String,
    kind: &'static str,
}

pub fn recherche<'a>(ctx: &'a Ctx<'a>, pages: &[Page]) -> Page<'a> {
    let mut page = Page::new(urls::SEARCH, "recherche.html", "recherche", Word::Search);
    page.title = ctx.word(Word::Search).to_string();
    let list = pages
        .iter()
        .map(|p| Listed {
            title: p.title.clone(),
            url: p.path.clone(),
            kind: ctx.word(p.kind),
        })
        .collect();
    page.data = PageData::Recherche(RechercheView {
        pages: list,
        index: urls::SEARCH_INDEX,
        script: urls::SEARCH_SCRIPT,
    });
    page.jsonld = jsonld::web_page(ctx, &page);
    page
}

/// `404.html`, served for any missing address: at any depth, on any host, with or without
/// scripts. Its links are written from the path of `site.url` (`/codesocial/…`), else from
/// the host's root (`/…`), its stylesheet's too, which is right on any host that serves
/// the site there. Its script moves them to where the root really is when the page is
/// served elsewhere (a preview, another path, a file): see the template.
#[derive(Serialize)]
pub struct NotFoundView {
    /// The root the page's links are written from, as a JavaScript string literal.
    root: String,
    /// The path of `site.url` as a JavaScript string literal, empty without one: tried
    /// first.
    site_path: String,
    /// The stylesheet's and the script's addresses from the root (string literals).
    style_url: String,
    script_url: String,
}

pub fn not_found<'a>(ctx: &'a Ctx<'a>) -> Page<'a> {
    let mut page = Page::new(urls::NOT_FOUND, "404.html", "", Word::NotFound);
    page.title = ctx.word(Word::NotFound).to_string();
    let site_path = ctx.base_url.as_deref().map(urls::url_path);
    page.data = PageData::NotFound(NotFoundView {
        root: script_string(&root(ctx)),
        site_path: script_string(&site_path.unwrap_or_default()),
        style_url: script_string(urls::STYLE),
        script_url: script_string(urls::SCRIPT),
    });
    page.jsonld = jsonld::web_page(ctx, &page);
    page
}

/// Where the 404 page's links start: the path of `site.url`, else `/`.
pub fn root(ctx: &Ctx) -> String {
    ctx.base_url
        .as_deref()
        .map_or_else(|| "/".into(), urls::url_path)
}

/// `text` as a JavaScript string literal that cannot end its `<script>` element.
fn script_string(text: &str) -> String {
    serde_json::Value::from(text)
        .to_string()
        .replace('<', "\\u003c")
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_stylesheet_cannot_close_its_script() {
        let s = script_string("a::after { content: \"</script><b>\" }\n");
        assert!(!s.contains("</"), "{s}");
        let back: String = serde_json::from_str(&s).expect("a JSON string");
        assert_eq!(back, "a::after { content: \"</script><b>\" }\n");
    }
}
