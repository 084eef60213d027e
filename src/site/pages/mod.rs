//! One builder per kind of page: each turns part of the model into a [`Page`], a typed view
//! model with its template, its place in the site and its linked data. Each template has
//! its own `#[derive(Serialize)]` struct ([`PageData`]), borrowed from the model where it
//! can be, so that what a template may use is written down (as zola's `content/src/ser.rs`
//! does). Builders for the many pages (principles, offers, members) run in parallel.

mod bilan;
mod booklet;
mod catalogue;
mod changes;
mod documents;
pub(super) mod evolution;
mod membres;
mod principes;
mod pyramide;
pub(super) mod site;

use rayon::prelude::*;
use serde::Serialize;
use serde_json::Value;

use super::urls;
use super::view::{Ctx, Ref};
use crate::format::Kind;
use crate::i18n::site::Word;

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
    /// The repository file it shows (for "edit this page" and "last updated").
    pub source: Option<String>,
    /// The pages it is read among, in order (previous/next links): a plan's principles,
    /// the offers, the members…
    pub series: Option<String>,
    pub prev: Option<Neighbour>,
    pub next: Option<Neighbour>,
    /// The ids its content gives (headings, footnotes, raw HTML ids; on a page gathering
    /// several documents, as that page writes them), beside its template's own
    /// ([`crate::validate::page_ids`]).
    pub content_ids: Vec<String>,
    /// What is left to build of it: the pages of the documents a repository holds by the
    /// thousand are listed with their place, title and series alone, and get their view
    /// model when they are rendered ([`Page::complete`]), so that at most one per
    /// rendering thread is held at a time.
    pending: Pending<'a>,
}

/// The view model still to build of a page [`all`] listed without it.
enum Pending<'a> {
    None,
    Offre(&'a crate::model::Offre, Box<OffreCard>),
    Principe(&'a crate::model::Principe),
    Membre(&'a crate::model::Membre),
}

/// The previous or next page of a series.
#[derive(Clone, Serialize)]
pub struct Neighbour {
    pub title: String,
    pub url: String,
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
            source: None,
            series: None,
            prev: None,
            next: None,
            content_ids: Vec::new(),
            pending: Pending::None,
        }
    }

    /// Builds its view model if [`all`] left it to build: after this the page is what its
    /// builder alone would have made, with the neighbours `all` gave it.
    pub fn complete(&mut self, ctx: &'a Ctx<'a>) {
        match std::mem::replace(&mut self.pending, Pending::None) {
            Pending::None => {}
            Pending::Offre(o, card) => catalogue::fill_offre(ctx, o, *card, self),
            Pending::Principe(p) => principes::fill_principe(ctx, p, self),
            Pending::Membre(m) => membres::fill_membre(ctx, m, self),
        }
    }

    /// Drops what only its own rendering needed (its view model, linked data, description
    /// and ids), once it is written: what is left (path, title, kind) is what the search
    /// index needs of it.
    pub(in crate::site) fn written(&mut self) {
        self.data = PageData::Empty(Empty {});
        self.jsonld = Value::Null;
        self.description = String::new();
        self.content_ids = Vec::new();
        self.prev = None;
        self.next = None;
    }

    /// Shows the document of `meta`, read in `series`.
    pub(super) fn shows(&mut self, meta: &crate::model::Meta, series: Option<String>) {
        self.source = Some(meta.path.clone());
        self.series = series;
    }
}

/// Links each page of a series to the one before and after it, in the site's order.
fn link_series(pages: &mut [Page]) {
    let mut last: std::collections::HashMap<String, usize> = std::collections::HashMap::new();
    for i in 0..pages.len() {
        let Some(series) = pages[i].series.clone() else {
            continue;
        };
        if let Some(prev) = last.insert(series, i) {
            let (before, after) = pages.split_at_mut(i);
            let (a, b) = (&mut before[prev], &mut after[0]);
            b.prev = Some(Neighbour {
                title: a.title.clone(),
                url: a.path.clone(),
            });
            a.next = Some(Neighbour {
                title: b.title.clone(),
                url: b.path.clone(),
            });
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
    Evolution(evolution::EvolutionView<'a>),
    Bilan(bilan::BilanView),
    Booklet(booklet::BookletView<'a>),
    Recherche(site::RechercheView<'a>),
    NotFound(site::NotFoundView),
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

/// Every page of the site, in a stable order. The pages of offers, principles and members
/// come without their view model (their place, title, series and neighbours are what the
/// other pages, the sitemap and the search page read of them): call [`Page::complete`]
/// on each before rendering it, and drop it once written ([`Page::written`]).
pub fn all<'a>(ctx: &'a Ctx<'a>) -> Vec<Page<'a>> {
    let repo = ctx.repo;
    // Every part is built in parallel with the others (the index pages, each a pass over
    // all documents, used to run alone on one core); the site's order stays this one.
    type Part<'p, 'a> = Box<dyn Fn() -> Vec<Page<'a>> + Send + Sync + 'p>;
    // The offers in the catalogue's order (by title, as the language sorts), and their
    // cards, shared by the catalogue and each offer's page.
    let mut offres: Vec<&crate::model::Offre> = repo.offres.iter().collect();
    offres.sort_by(|a, b| ctx.collate(&a.titre, &b.titre));
    let offres = &offres;
    let cards: Vec<OffreCard> = offres
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
                .iter()
                .map(|p| {
                    let mut page = principes::principe_head(p);
                    page.pending = Pending::Principe(p);
                    page
                })
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
            offres
                .iter()
                .zip(cards)
                .map(|(o, card)| {
                    let mut page = catalogue::offre_head(o);
                    page.pending = Pending::Offre(o, Box::new(card.clone()));
                    page
                })
                .collect()
        }),
        Box::new(|| {
            let _t = crate::timing::phase("view models: members index");
            vec![membres::index(ctx)]
        }),
        Box::new(|| {
            let mut membres: Vec<&crate::model::Membre> = repo.membres.iter().collect();
            membres.sort_by(|a, b| ctx.collate(&a.nom, &b.nom));
            membres
                .iter()
                .map(|m| {
                    let mut page = membres::membre_head(m);
                    page.pending = Pending::Membre(m);
                    page
                })
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
        Box::new(|| vec![evolution::page(ctx)]),
        Box::new(|| {
            if ctx.eco.is_empty() {
                Vec::new()
            } else {
                vec![catalogue::ecosysteme(ctx)]
            }
        }),
        Box::new(|| {
            if ctx.options().livret {
                vec![booklet::page(ctx)]
            } else {
                Vec::new()
            }
        }),
        Box::new(|| {
            let _t = crate::timing::phase("view models: bilan");
            ctx.bilan.map(|b| bilan::page(ctx, b)).into_iter().collect()
        }),
    ];
    let t = crate::timing::phase("view models: parts");
    let mut pages: Vec<Page> = parts.par_iter().flat_map_iter(|part| part()).collect();
    drop(t);
    let _t = crate::timing::phase("view models: search page");
    link_series(&mut pages);
    let search = site::recherche(ctx, &pages);
    pages.push(search);
    pages.push(site::not_found(ctx));
    pages
}

/// The page of the document read from `source` (its path in the repository), built alone,
/// for the kinds a repository holds by the thousand: an offer, a principle, a member.
/// `None` for any other (their pages come with the whole site). The page has no
/// neighbours yet (see `link_series`).
pub fn of_source<'a>(ctx: &'a Ctx<'a>, source: &str) -> Option<Page<'a>> {
    let repo = ctx.repo;
    if let Some(o) = repo.offres.iter().find(|o| o.meta.path == source) {
        return Some(catalogue::offre(ctx, o, catalogue::offre_card(ctx, o)));
    }
    if let Some(p) = repo.principes.iter().find(|p| p.meta.path == source) {
        return Some(principes::principe(ctx, p));
    }
    repo.membres
        .iter()
        .find(|m| m.meta.path == source)
        .map(|m| membres::membre(ctx, m))
}

/// A drawing's width class (`w-N` in the stylesheet), in whole percent of its track for a
/// `share` from 0 to 1: a share above 0 is never drawn under 2 % (it would read as
/// nothing), and none above 100 %.
fn bar_width(share: f64) -> u8 {
    let width = (share.clamp(0.0, 1.0) * 100.0).round() as u8;
    if share > 0.0 {
        width.max(2)
    } else {
        width
    }
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

#[cfg(test)]
mod tests {
    use super::*;

    /// The list of pages leaves the offers', principles' and members' view models to be
    /// built when each is rendered (issue 19: no build holds them all), and a page so
    /// completed is the page its builder alone makes, with the neighbours the list gave it.
    #[test]
    fn listed_pages_are_completed_as_their_builder_makes_them() {
        let dir = std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("examples/cheznous");
        let source = crate::load::source::DirSource::new(&dir);
        let checked = crate::validate::check(crate::load::load(&source).expect("loaded"), None);
        let history = crate::site::history::History::default();
        let ctx = Ctx::new(&checked.repo, &history, None);
        let vars = |p: &Page| {
            serde_json::to_string(&crate::site::layout::page_vars(&ctx, p)).expect("json")
        };
        let mut completed = 0;
        for page in &mut all(&ctx) {
            let Some(mut alone) = page.source.clone().and_then(|s| of_source(&ctx, &s)) else {
                continue;
            };
            assert!(
                matches!(page.data, PageData::Empty(_)),
                "{}: built before its turn",
                page.path
            );
            page.complete(&ctx);
            alone.prev.clone_from(&page.prev);
            alone.next.clone_from(&page.next);
            assert_eq!(vars(page), vars(&alone), "{}", page.path);
            assert_eq!(page.files, alone.files, "{}", page.path);
            assert_eq!(page.content_ids, alone.content_ids, "{}", page.path);
            completed += 1;
        }
        let repo = &checked.repo;
        let documents = repo.offres.len() + repo.principes.len() + repo.membres.len();
        assert_eq!(completed, documents);
        assert!(completed > 20, "{completed}");
    }
}
