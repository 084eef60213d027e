//! Linked data for search engines: schema.org JSON-LD in each page's head (the page, the
//! organisation, the catalogue, an offer, a member), with the classes of the crate's one
//! mapping ([`crate::jsonld`], which also writes the whole graph, `codesocial.jsonld`).
//! Ids are absolute when the site's URL is known.

use rayon::prelude::*;
use serde_json::{json, Value};

use super::content::safe_url;
use super::pages::Page;
use super::urls;
use super::view::Ctx;
use crate::jsonld::{schema_member, schema_offered};
use crate::model::{Membre, Offre, Tarif};

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
        "@id": abs(ctx, &page.path),
        "name": page.title,
        "description": page.description,
        "inLanguage": ctx.lang.code(),
        "isPartOf": { "@type": "WebSite", "name": site_name(ctx), "url": abs(ctx, urls::HOME) },
    })
}

fn site_name(ctx: &Ctx) -> String {
    super::layout::title(ctx)
}

/// The organisation, for the home page's head.
pub fn organization(ctx: &Ctx) -> Value {
    let m = ctx.repo.manifeste.as_ref();
    let mut org = json!({
        "@context": "https://schema.org",
        "@type": "Organization",
        "@id": format!("{}#organisation", abs(ctx, urls::HOME)),
        "name": m.map(|m| m.nom.clone()),
        "url": m.and_then(|m| m.site.as_deref()).and_then(safe_url).unwrap_or_else(|| abs(ctx, urls::HOME)),
        "inLanguage": ctx.lang.code(),
    });
    if let Some(d) = m.and_then(|m| m.creee_le.clone()) {
        org["foundingDate"] = d.into();
    }
    if let Some(r) = &ctx.repo.raison {
        org["description"] = super::content::first_paragraph_text(&r.meta.body, 300).into();
    }
    org
}

pub fn catalog(ctx: &Ctx) -> Value {
    json!({
        "@context": "https://schema.org",
        "@type": "OfferCatalog",
        "@id": abs(ctx, urls::CATALOGUE),
        "name": ctx.word(crate::i18n::site::Word::Catalogue),
        "numberOfItems": ctx.repo.offres.len(),
        // Each offer by reference: its page carries the full Offer and `codesocial.jsonld`
        // the whole graph, so the catalogue's head stays small at any size.
        "itemListElement": ctx.repo.offres.par_iter()
            .map(|o| {
                let url = abs(ctx, &urls::offre(&o.meta.id));
                let mut v = json!({ "@type": "Offer", "@id": url, "url": url, "name": o.titre });
                mark_archived(&mut v, o);
                v
            })
            .collect::<Vec<_>>(),
    })
}

/// An archived offer is no longer offered: `availability` says so (schema.org's
/// `Discontinued`, as `codesocial export` writes it), where the site shows it apart.
fn mark_archived(v: &mut Value, o: &Offre) {
    if o.statut == crate::model::OffreStatut::Archivee {
        v["availability"] = "https://schema.org/Discontinued".into();
    }
}

pub fn offer(ctx: &Ctx, o: &Offre, path: &str) -> Value {
    let kind = schema_offered(o.type_);
    let mut v = json!({
        "@context": "https://schema.org",
        "@type": "Offer",
        "@id": abs(ctx, path),
        "url": abs(ctx, path),
        "name": o.titre,
        "itemOffered": { "@type": kind, "name": o.titre },
        "offeredBy": o.membres.iter().map(|m| json!({
            "@id": abs(ctx, &urls::membre(&m.value)),
            "name": ctx.member(&m.value).title,
        })).collect::<Vec<_>>(),
    });
    if let Some(r) = &o.resume {
        v["description"] = r.clone().into();
    }
    mark_archived(&mut v, o);
    if let Some(Tarif::Prix {
        montant, devise, ..
    }) = &o.tarif
    {
        v["price"] = json!(montant);
        v["priceCurrency"] = devise.clone().into();
    }
    v
}

pub fn member(ctx: &Ctx, m: &Membre, path: &str) -> Value {
    let kind = schema_member(m.type_);
    let mut v = json!({
        "@context": "https://schema.org",
        "@type": kind,
        "@id": abs(ctx, path),
        "name": m.nom,
        "url": abs(ctx, path),
    });
    if let Some(site) = m.site.as_deref().and_then(safe_url) {
        v["sameAs"] = site.into();
    }
    v
}
