//! The contributive catalogue: the filterable list, one page per offer, and the pooled
//! catalogue of the ecosystem.

use rayon::prelude::*;
use serde::Serialize;

use super::{refs_by, Page, PageData};
use crate::ecosystem::PooledOffer;
use crate::i18n::site::Word;
use crate::model::Offre;
use crate::site::content::{self, safe_url};
use crate::site::jsonld;
use crate::site::view::{Ctx, PlanView, Ref};
use crate::urls;

/// An offer as the catalogue lists it.
#[derive(Clone, Serialize)]
pub struct OffreCard {
    id: String,
    title: String,
    url: String,
    #[serde(rename = "type")]
    type_: &'static str,
    type_label: String,
    plans: Vec<PlanView>,
    plan_ids: String,
    member_ids: String,
    membres: Vec<Ref>,
    tarif: Option<String>,
    pub(super) resume: String,
    /// The whole first paragraph when `resume` is its shortened form: what paper shows
    /// (the screen's card stays short), empty otherwise.
    resume_full: String,
    archived: bool,
    /// `active` or `archivee`, for the status filter.
    statut: &'static str,
}

pub fn offre_card(ctx: &Ctx, o: &Offre) -> OffreCard {
    // The body is parsed once for both lengths of its first paragraph.
    let (resume, resume_full) = match &o.resume {
        Some(resume) => (resume.clone(), String::new()),
        None => {
            let words = content::first_paragraph_words(&o.meta.body);
            let full = content::truncate(&words, usize::MAX);
            let short = content::truncate(&words, 200);
            if full == short {
                (short, String::new())
            } else {
                (short, full)
            }
        }
    };
    OffreCard {
        id: o.meta.id.clone(),
        title: o.titre.clone(),
        url: urls::offre(&o.meta.id),
        type_: o.type_.as_str(),
        type_label: ctx.label("", o.type_.as_str()),
        plans: o.plans.iter().filter_map(|p| ctx.plan(&p.value)).collect(),
        plan_ids: join_ids(o.plans.iter().map(|p| p.value.as_str())),
        member_ids: join_ids(o.membres.iter().map(|m| m.value.as_str())),
        membres: ctx.members(o.membres.iter().map(|m| m.value.as_str())),
        tarif: o.tarif.as_ref().map(|t| ctx.tarif(t)),
        resume,
        resume_full,
        archived: o.statut == crate::model::OffreStatut::Archivee,
        statut: o.statut.as_str(),
    }
}

impl OffreCard {
    /// Its type, who offers it and its price, on one line.
    pub(super) fn summary_line(&self) -> String {
        let mut parts = vec![self.type_label.clone()];
        let names: Vec<&str> = self.membres.iter().map(|m| m.title.as_str()).collect();
        if !names.is_empty() {
            parts.push(names.join(", "));
        }
        parts.extend(self.tarif.clone());
        parts.join(" · ")
    }
}

fn join_ids<'a>(ids: impl Iterator<Item = &'a str>) -> String {
    ids.collect::<Vec<_>>().join(" ")
}

/// A choice of a filter: its value and what it shows.
#[derive(Serialize)]
struct Choice<'a> {
    id: &'a str,
    label: String,
}

/// `catalogue.html`.
#[derive(Serialize)]
pub struct CatalogueView<'a> {
    types: Vec<Choice<'a>>,
    /// Active, archived, or all; active is chosen first.
    statuts: Vec<Choice<'a>>,
    plans: &'a [PlanView],
    membres: Vec<Ref>,
    offres: Vec<OffreCard>,
}

fn type_choices<'a>(ctx: &Ctx) -> Vec<Choice<'a>> {
    ["service", "produit"]
        .into_iter()
        .map(|t| Choice {
            id: t,
            label: ctx.label("", t),
        })
        .collect()
}

pub fn catalogue<'a>(ctx: &'a Ctx<'a>, cards: Vec<OffreCard>) -> Page<'a> {
    let repo = ctx.repo;
    let mut page = Page::new(
        urls::CATALOGUE,
        "catalogue.html",
        "catalogue",
        Word::Catalogue,
    );
    page.title = ctx.word(Word::Catalogue).to_string();
    let mut member_ids: Vec<&str> = repo
        .offres
        .iter()
        .flat_map(|o| o.membres.iter().map(|m| m.value.as_str()))
        .collect();
    member_ids.sort_unstable();
    member_ids.dedup();
    let mut membres = ctx.members(member_ids);
    membres.sort_by(|a, b| ctx.collate(&a.title, &b.title));
    page.data = PageData::Catalogue(CatalogueView {
        types: type_choices(ctx),
        statuts: ["active", "archivee"]
            .into_iter()
            .map(|s| Choice {
                id: s,
                label: ctx.label("statut", s),
            })
            .collect(),
        plans: &ctx.plans,
        membres,
        offres: cards,
    });
    page.jsonld = jsonld::node(ctx, &page);
    page
}

/// `offre.html`.
#[derive(Serialize)]
pub struct OffreView<'a> {
    card: OffreCard,
    /// The offer's own `resume`, shown above its body; none when the summary is the
    /// body's first paragraph (it would be read twice).
    lead: Option<&'a str>,
    principes: Vec<Ref>,
    complementaires: Vec<Ref>,
    complement_of: Vec<Ref>,
    eco_complements: Vec<PooledCard<'a>>,
    contact: Option<&'a str>,
    contact_url: Option<String>,
    body: String,
}

pub fn offre<'a>(ctx: &'a Ctx<'a>, o: &'a Offre, card: OffreCard) -> Page<'a> {
    let mut page = offre_head(o);
    fill_offre(ctx, o, card, &mut page);
    page
}

/// An offer's page without its view model: its place, title and series, what the other
/// pages and the files around them read of it ([`super::Pending`]).
pub fn offre_head(o: &Offre) -> Page<'_> {
    let mut page = Page::new(
        urls::offre(&o.meta.id),
        "offre.html",
        "catalogue",
        Word::Offres,
    );
    page.shows(&o.meta, Some("offres".into()));
    page.title = o.titre.clone();
    page
}

/// Builds the view model of the page `offre_head` made for `o`.
pub fn fill_offre<'a>(ctx: &'a Ctx<'a>, o: &'a Offre, card: OffreCard, page: &mut Page<'a>) {
    let id = o.meta.id.as_str();
    let body = ctx.body(&o.meta, page);
    page.description = card.resume.clone();
    let complementaires = o
        .complementaire_de
        .iter()
        // `org:id` offers of other organisations are shown with their organisation below.
        .filter(|c| !c.value.contains(':'))
        .map(|c| ctx.offre_ref(&c.value))
        .collect();
    page.data = PageData::Offre(OffreView {
        card,
        lead: o.resume.as_deref(),
        principes: o
            .principes
            .iter()
            .map(|p| ctx.principe_ref(&p.value))
            .collect(),
        complementaires,
        complement_of: refs_by(ctx.complement_of.get(id), |i| ctx.offre_ref(i)),
        eco_complements: cross_complements(ctx, id),
        contact: o.contact.as_deref(),
        contact_url: o.contact.as_deref().and_then(safe_url),
        body: body.html,
    });
    page.files = body.files;
    page.jsonld = jsonld::node(ctx, page);
}

/// An offer of the pooled catalogue as the templates see it.
#[derive(Serialize)]
pub struct PooledCard<'a> {
    title: &'a str,
    org: &'a str,
    org_nom: &'a str,
    #[serde(rename = "type")]
    type_: &'a str,
    type_label: String,
    plans: String,
    local_url: Option<String>,
    external_url: Option<String>,
    resume: Option<&'a str>,
    archived: bool,
    membres: String,
}

fn pooled_card<'a>(ctx: &Ctx, o: &'a PooledOffer) -> PooledCard<'a> {
    PooledCard {
        title: &o.titre,
        org: &o.org_id,
        org_nom: &o.org_nom,
        type_: &o.type_,
        type_label: ctx.label("", &o.type_),
        plans: o.plans.join(" "),
        local_url: o.local.then(|| urls::offre(&o.id)),
        external_url: if o.local {
            None
        } else {
            o.url.as_deref().and_then(safe_url)
        },
        resume: o.resume.as_deref(),
        archived: o.statut == "archivee",
        membres: o
            .membres
            .iter()
            .map(|m| m.nom.clone())
            .collect::<Vec<_>>()
            .join(", "),
    }
}

/// `ecosysteme.html`.
#[derive(Serialize)]
pub struct EcosystemeView<'a> {
    offres: Vec<PooledCard<'a>>,
    orgs: Vec<Named<'a>>,
    plans: Vec<Named<'a>>,
    types: Vec<Choice<'a>>,
}

#[derive(Serialize)]
struct Named<'a> {
    id: &'a str,
    title: &'a str,
}

/// The catalogue of the whole ecosystem, filterable by organisation, type and plan.
pub fn ecosysteme<'a>(ctx: &'a Ctx<'a>) -> Page<'a> {
    let mut page = Page::new(
        urls::ECOSYSTEME,
        "ecosysteme.html",
        "ecosysteme",
        Word::Ecosysteme,
    );
    page.title = ctx.word(Word::Ecosysteme).to_string();
    page.description = ctx.word(Word::EcosystemeIntro).to_string();
    let offres = ctx.pooled.par_iter().map(|o| pooled_card(ctx, o)).collect();
    let mut orgs: Vec<Named> = ctx
        .pooled
        .iter()
        .map(|o| Named {
            id: &o.org_id,
            title: &o.org_nom,
        })
        .collect();
    orgs.dedup_by(|a, b| a.id == b.id && a.title == b.title);
    let mut plans: Vec<&str> = ctx
        .pooled
        .iter()
        .flat_map(|o| o.plans.iter().map(String::as_str))
        .collect();
    plans.sort_unstable();
    plans.dedup();
    let plans = plans
        .into_iter()
        .map(|id| Named {
            id,
            title: ctx
                .plans
                .iter()
                .find(|p| p.id == id)
                .map_or(id, |p| p.title.as_str()),
        })
        .collect();
    page.data = PageData::Ecosysteme(EcosystemeView {
        offres,
        orgs,
        plans,
        types: type_choices(ctx),
    });
    page.jsonld = jsonld::web_page(ctx, &page);
    page
}

/// Offers of other organisations that complement `id`, or that it complements.
fn cross_complements<'a>(ctx: &'a Ctx<'a>, id: &str) -> Vec<PooledCard<'a>> {
    let Some(me) = ctx.pooled.iter().find(|o| o.local && o.id == id) else {
        return Vec::new();
    };
    crate::ecosystem::complements(&ctx.pooled, me)
        .into_iter()
        .filter(|o| !o.local)
        .map(|o| pooled_card(ctx, o))
        .collect()
}
