//! The pages about the site and its history rather than one document: évolution, bilan,
//! search and 404.

use serde::Serialize;

use super::{Page, PageData};
use crate::i18n::site::Word;
use crate::site::jsonld;
use crate::site::urls;
use crate::site::view::Ctx;

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

/// `404.html`: the stylesheet inlined, since the page is served at any address.
#[derive(Serialize)]
pub struct NotFoundView {
    style: &'static str,
}

pub fn not_found<'a>(ctx: &'a Ctx<'a>) -> Page<'a> {
    let mut page = Page::new(urls::NOT_FOUND, "404.html", "", Word::NotFound);
    page.title = ctx.word(Word::NotFound).to_string();
    page.data = PageData::NotFound(NotFoundView {
        style: crate::site::STYLE,
    });
    page.jsonld = jsonld::web_page(ctx, &page);
    page
}
