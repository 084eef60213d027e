//! The members: the index, and one page per member with roles, offers and flows.

use serde::Serialize;

use super::{refs_by, Page, PageData};
use crate::i18n::site::Word;
use crate::model::Membre;
use crate::site::content::{self, safe_url};
use crate::site::jsonld;
use crate::site::matrix::MemberFlow;
use crate::site::view::{Ctx, Ref, RoleHeld};
use crate::urls;

/// `membres.html`.
#[derive(Serialize)]
pub struct MembresView<'a> {
    membres: Vec<MemberCard<'a>>,
}

#[derive(Serialize)]
struct MemberCard<'a> {
    member: Ref,
    type_label: String,
    roles: String,
    territoire: Option<&'a str>,
    offres: usize,
}

pub fn index<'a>(ctx: &'a Ctx<'a>) -> Page<'a> {
    let mut page = Page::new(urls::MEMBRES, "membres.html", "membres", Word::Membres);
    page.title = ctx.word(Word::Membres).to_string();
    let mut sorted: Vec<&Membre> = ctx.repo.membres.iter().collect();
    sorted.sort_by(|a, b| ctx.collate(&a.nom, &b.nom));
    let membres = sorted
        .into_iter()
        .map(|m| {
            let roles: Vec<&str> = ctx.roles_of(&m.meta.id).iter().map(|r| r.label).collect();
            MemberCard {
                member: ctx.member(&m.meta.id),
                type_label: ctx.label("", m.type_.as_str()),
                roles: roles.join(", "),
                territoire: m.territoire.as_deref(),
                offres: ctx
                    .offers_of_member
                    .get(m.meta.id.as_str())
                    .map_or(0, Vec::len),
            }
        })
        .collect();
    page.data = PageData::Membres(MembresView { membres });
    page.jsonld = jsonld::web_page(ctx, &page);
    page
}

/// `membre.html`.
#[derive(Serialize)]
pub struct MembreView<'a> {
    type_label: String,
    site: Option<&'a str>,
    site_url: Option<String>,
    contact: Option<&'a str>,
    contact_url: Option<String>,
    territoire: Option<&'a str>,
    roles: Vec<RoleHeld<'a>>,
    offres: Vec<Ref>,
    /// The member's archived offers, listed apart (the catalogue hides them by default).
    offres_archivees: Vec<Ref>,
    principes: Vec<Ref>,
    flows_out: Vec<MemberFlow<'a>>,
    flows_in: Vec<MemberFlow<'a>>,
    body: String,
}

pub fn membre<'a>(ctx: &'a Ctx<'a>, m: &'a Membre) -> Page<'a> {
    let mut page = membre_head(m);
    fill_membre(ctx, m, &mut page);
    page
}

/// A member's page without its view model: its place, title and series
/// ([`super::Pending`]).
pub fn membre_head(m: &Membre) -> Page<'_> {
    let mut page = Page::new(
        urls::membre(&m.meta.id),
        "membre.html",
        "membres",
        Word::Member,
    );
    page.shows(&m.meta, Some("membres".into()));
    page.title = m.nom.clone();
    page
}

/// Builds the view model of the page `membre_head` made for `m`.
pub fn fill_membre<'a>(ctx: &'a Ctx<'a>, m: &'a Membre, page: &mut Page<'a>) {
    let id = m.meta.id.as_str();
    let archived = |r: &Ref| ctx.offre_archived(&r.id);
    let body = ctx.body(&m.meta, page);
    page.description = m
        .description
        .clone()
        .unwrap_or_else(|| content::first_paragraph_text(&m.meta.body, 240));
    let (flows_out, flows_in) = crate::site::matrix::flows_of(ctx, id);
    page.data = PageData::Membre(MembreView {
        type_label: ctx.label("", m.type_.as_str()),
        site: m.site.as_deref(),
        site_url: m.site.as_deref().and_then(safe_url),
        contact: m.contact.as_deref(),
        contact_url: m.contact.as_deref().and_then(safe_url),
        territoire: m.territoire.as_deref(),
        roles: ctx.roles_of(id),
        offres: refs_by(ctx.offers_of_member.get(id), |i| ctx.offre_ref(i))
            .into_iter()
            .filter(|r| !archived(r))
            .collect(),
        offres_archivees: refs_by(ctx.offers_of_member.get(id), |i| ctx.offre_ref(i))
            .into_iter()
            .filter(archived)
            .collect(),
        principes: refs_by(ctx.principes_of_member.get(id), |i| ctx.principe_ref(i)),
        flows_out,
        flows_in,
        body: body.html,
    });
    page.files = body.files;
    page.jsonld = jsonld::node(ctx, page);
}
