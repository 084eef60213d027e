//! One builder per kind of page: each turns part of the model into a [`Page`], a typed view
//! model with its template, its place in the site and its linked data. Each template has
//! its own `#[derive(Serialize)]` struct ([`PageData`]), borrowed from the model where it
//! can be, so that what a template may use is written down (as zola's `content/src/ser.rs`
//! does). Builders for the many pages (principles, offers, members) run in parallel.

mod catalogue;
mod documents;
mod membres;
mod principes;
mod pyramide;
mod site;

use rayon::prelude::*;
use serde::Serialize;
use serde_json::Value;

use super::urls;
use super::view::{Ctx, Ref};
use crate::i18n::site::Word;
use crate::load::Kind;

pub use catalogue::OffreCard;
pub use site::short;

/// A page to render.
pub struct Page<'a> {
    /// Where it is written, relative to the site's root.
    pub path: String,
    pub template: &'static str,
    /// The navigation entry it belongs to.
    pub section: &'static str,
    pub title: String,
    /// Plain text for `<meta name="description">` and the search index.
    pub description: String,
    /// What it is, for search results.
    pub kind: Word,
    /// What its template sees as `page`.
    pub data: PageData<'a>,
    pub jsonld: Value,
    /// Repository files its content links to.
    pub files: Vec<String>,
}

impl<'a> Page<'a> {
    pub(super) fn new(
        path: impl Into<String>,
        template: &'static str,
        section: &'static str,
        kind: Word,
    ) -> Page<'a> {
        Page {
            path: path.into(),
            template,
            section,
            title: String::new(),
            description: String::new(),
            kind,
            data: PageData::Empty(Empty {}),
            jsonld: Value::Null,
            files: Vec::new(),
        }
    }
}

/// The `page` variable of each template.
#[derive(Serialize)]
#[serde(untagged)]
pub enum PageData<'a> {
    Home(documents::HomeView<'a>),
    Raison(documents::RaisonView<'a>),
    Histoire(documents::HistoireView<'a>),
    Document(documents::DocumentView),
    Modification(documents::ModificationView<'a>),
    Principes(principes::PrincipesView<'a>),
    Plan(principes::PlanPageView<'a>),
    Principe(principes::PrincipeView<'a>),
    Pyramide(pyramide::PyramideView<'a>),
    Matrices(super::matrix::MatricesView<'a>),
    Matrice(super::matrix::MatriceView<'a>),
    Catalogue(catalogue::CatalogueView<'a>),
    Offre(catalogue::OffreView<'a>),
    Ecosysteme(catalogue::EcosystemeView<'a>),
    Membres(membres::MembresView<'a>),
    Membre(membres::MembreView<'a>),
    Evolution(site::EvolutionView<'a>),
    Bilan(site::BilanView),
    Recherche(site::RechercheView<'a>),
    Empty(Empty),
}

/// A page whose template needs nothing of its own (404, a pyramid without its file).
#[derive(Serialize)]
pub struct Empty {}

/// A labelled link, as lists of entry points show them.
#[derive(Serialize)]
pub struct Link<'a> {
    pub title: &'a str,
    pub url: &'a str,
}

/// Every page of the site, in a stable order.
pub fn all<'a>(ctx: &'a Ctx<'a>) -> Vec<Page<'a>> {
    let repo = ctx.repo;
    // Every part is built in parallel with the others (the index pages, each a pass over
    // all documents, used to run alone on one core); the site's order stays this one.
    type Part<'p, 'a> = Box<dyn Fn() -> Vec<Page<'a>> + Send + Sync + 'p>;
    // The offers' cards, shared by the catalogue and each offer's page.
    let cards: Vec<OffreCard> = repo
        .offres
        .par_iter()
        .map(|o| catalogue::offre_card(ctx, o))
        .collect();
    let cards = &cards;
    let parts: Vec<Part<'_, 'a>> = vec![
        Box::new(|| vec![documents::home(ctx)]),
        Box::new(|| documents::raison(ctx).into_iter().collect()),
        Box::new(|| documents::histoire(ctx).into_iter().collect()),
        Box::new(|| documents::informations(ctx).into_iter().collect()),
        Box::new(|| vec![principes::index(ctx)]),
        Box::new(|| {
            ctx.plans
                .iter()
                .map(|p| principes::plan(ctx, &p.id))
                .collect()
        }),
        Box::new(|| {
            repo.principes
                .par_iter()
                .map(|p| principes::principe(ctx, p))
                .collect()
        }),
        Box::new(|| vec![pyramide::page(ctx), super::matrix::index(ctx)]),
        Box::new(|| {
            repo.matrices
                .iter()
                .map(|m| super::matrix::page(ctx, m))
                .collect()
        }),
        Box::new(|| {
            let _t = crate::timing::phase("view models: catalogue");
            vec![catalogue::catalogue(ctx, cards.to_vec())]
        }),
        Box::new(|| {
            let _t = crate::timing::phase("view models: offers");
            repo.offres
                .par_iter()
                .zip(cards)
                .map(|(o, card)| catalogue::offre(ctx, o, card.clone()))
                .collect()
        }),
        Box::new(|| {
            let _t = crate::timing::phase("view models: members index");
            vec![membres::index(ctx)]
        }),
        Box::new(|| {
            repo.membres
                .par_iter()
                .map(|m| membres::membre(ctx, m))
                .collect()
        }),
        Box::new(|| documents::modification(ctx).into_iter().collect()),
        Box::new(|| {
            repo.annexes
                .iter()
                .map(|a| {
                    let path = urls::page_of(Kind::Annexe, &a.meta.id);
                    documents::document(ctx, &a.meta, &a.titre, path, "annexes", Vec::new())
                })
                .collect()
        }),
        Box::new(|| vec![site::evolution(ctx)]),
        Box::new(|| {
            if ctx.eco.is_empty() {
                Vec::new()
            } else {
                vec![catalogue::ecosysteme(ctx)]
            }
        }),
        Box::new(|| {
            let _t = crate::timing::phase("view models: bilan");
            vec![site::bilan(ctx)]
        }),
    ];
    let t = crate::timing::phase("view models: parts");
    let mut pages: Vec<Page> = parts.par_iter().flat_map_iter(|part| part()).collect();
    drop(t);
    let _t = crate::timing::phase("view models: search page");
    let search = site::recherche(ctx, &pages);
    pages.push(search);
    pages.push(site::not_found(ctx));
    pages
}

/// References to the pages of `ids` (an index's list), or none.
fn refs_by<F: Fn(&str) -> Ref>(ids: Option<&Vec<&str>>, f: F) -> Vec<Ref> {
    ids.map(|v| v.iter().map(|id| f(id)).collect())
        .unwrap_or_default()
}

/// The text of a spanned date, if any.
fn date_of(d: Option<&crate::model::Sp<String>>) -> Option<&str> {
    d.map(|d| d.value.as_str())
}
