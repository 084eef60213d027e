//! Linked data for search engines: JSON-LD in each page's head. The home page, the
//! catalogue, each offer's, member's and matrix's page carry their node of the build's one
//! linked-data document ([`crate::jsonld::Linked`], also written whole as
//! `codesocial.jsonld`): same node, same `@id`, same context. Every other page is a
//! schema.org `WebPage` whose `@id` follows the same URL scheme.

use serde_json::{json, Value};

use super::pages::Page;
use super::urls;
use super::view::Ctx;

/// A site URL made absolute with the base URL, when there is one.
pub fn abs(ctx: &Ctx, url: &str) -> String {
    match &ctx.base_url {
        Some(base) => format!("{}/{url}", base.trim_end_matches('/')),
        None => url.to_string(),
    }
}

/// Text that is safe inside `<script type="application/ld+json">`: no `<` at all, so
/// nothing in a value can close the element or open a comment.
pub fn to_script(value: &Value) -> String {
    serde_json::to_string(value)
        .unwrap_or_default()
        .replace('<', "\\u003c")
        .replace('>', "\\u003e")
}

pub fn web_page(ctx: &Ctx, page: &Page) -> Value {
    json!({
        "@context": "https://schema.org",
        "@type": "WebPage",
        "@id": ctx.linked().page_id(&page.path),
        "name": page.title,
        "description": page.description,
        "inLanguage": ctx.lang.code(),
        "isPartOf": { "@type": "WebSite", "name": site_name(ctx), "url": abs(ctx, urls::HOME) },
    })
}

fn site_name(ctx: &Ctx) -> String {
    super::layout::title(ctx)
}

/// The organisation's node, for the home page's head.
pub fn organisation(ctx: &Ctx, page: &Page) -> Value {
    let linked = ctx.linked();
    linked
        .head(&linked.organisation_id())
        .unwrap_or_else(|| web_page(ctx, page))
}

/// The node of the document the page shows (the catalogue, an offer, a member, a matrix),
/// for its head.
pub fn node(ctx: &Ctx, page: &Page) -> Value {
    let linked = ctx.linked();
    linked
        .head(&linked.page_id(&page.path))
        .unwrap_or_else(|| web_page(ctx, page))
}
