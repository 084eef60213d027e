//! One builder per kind of page: each turns part of the model into a [`Page`], a view
//! model with its template, its place in the site and its linked data. Builders for the
//! many pages (principles, offers, members) run in parallel.

use rayon::prelude::*;
use serde::Serialize;
use serde_json::{json, Value};

use super::content::{self, safe_url};
use super::jsonld;
use super::urls;
use super::view::{Ctx, Ref};
use crate::i18n::site::Word;
use crate::load::Kind;
use crate::model::{Capital, Membre, Offre, Principe, Role, Tarif};

/// A page to render.
pub struct Page {
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
    pub data: Value,
    pub jsonld: Value,
    /// Repository files its content links to.
    pub files: Vec<String>,
}

impl Page {
    fn new(
        path: impl Into<String>,
        template: &'static str,
        section: &'static str,
        kind: Word,
    ) -> Page {
        Page {
            path: path.into(),
            template,
            section,
            title: String::new(),
            description: String::new(),
            kind,
            data: Value::Null,
            jsonld: Value::Null,
            files: Vec::new(),
        }
    }
}

/// Every page of the site, in a stable order.
pub fn all(ctx: &Ctx) -> Vec<Page> {
    let repo = ctx.repo;
    // Every part is built in parallel with the others (the index pages, each a pass over
    // all documents, used to run alone on one core); the site's order stays this one.
    type Part<'p> = Box<dyn Fn() -> Vec<Page> + Send + Sync + 'p>;
    // The offers' cards, shared by the catalogue and each offer's page.
    let cards: Vec<OffreCard> = repo.offres.par_iter().map(|o| offre_card(ctx, o)).collect();
    let cards = &cards;
    let parts: Vec<Part> = vec![
        Box::new(|| vec![home(ctx)]),
        Box::new(|| raison(ctx).into_iter().collect()),
        Box::new(|| histoire(ctx).into_iter().collect()),
        Box::new(|| informations(ctx).into_iter().collect()),
        Box::new(|| vec![principes_index(ctx)]),
        Box::new(|| ctx.plans.iter().map(|p| plan(ctx, &p.id)).collect()),
        Box::new(|| {
            repo.principes
                .par_iter()
                .map(|p| principe(ctx, p))
                .collect()
        }),
        Box::new(|| vec![pyramide(ctx), matrices_index(ctx)]),
        Box::new(|| {
            repo.matrices
                .iter()
                .map(|m| super::matrix::page(ctx, m))
                .collect()
        }),
        Box::new(|| {
            let _t = crate::timing::phase("view models: catalogue");
            vec![catalogue(ctx, cards)]
        }),
        Box::new(|| {
            let _t = crate::timing::phase("view models: offers");
            repo.offres
                .par_iter()
                .zip(cards)
                .map(|(o, card)| offre(ctx, o, card))
                .collect()
        }),
        Box::new(|| {
            let _t = crate::timing::phase("view models: members index");
            vec![membres_index(ctx)]
        }),
        Box::new(|| repo.membres.par_iter().map(|m| membre(ctx, m)).collect()),
        Box::new(|| modification(ctx).into_iter().collect()),
        Box::new(|| {
            repo.annexes
                .iter()
                .map(|a| {
                    let path = urls::page_of(Kind::Annexe, &a.meta.id);
                    document(ctx, &a.meta, &a.titre, path, "annexes", Vec::new())
                })
                .collect()
        }),
        Box::new(|| vec![evolution(ctx)]),
        Box::new(|| {
            if ctx.eco.is_empty() {
                Vec::new()
            } else {
                vec![ecosysteme(ctx)]
            }
        }),
        Box::new(|| {
            let _t = crate::timing::phase("view models: bilan");
            vec![bilan(ctx)]
        }),
    ];
    let t = crate::timing::phase("view models: parts");
    let mut pages: Vec<Page> = parts.par_iter().flat_map_iter(|part| part()).collect();
    drop(t);
    let _t = crate::timing::phase("view models: search page");
    let search = recherche(ctx, &pages);
    pages.push(search);
    pages.push(not_found(ctx));
    pages
}

fn home(ctx: &Ctx) -> Page {
    let repo = ctx.repo;
    let mut page = Page::new(urls::HOME, "home.html", "home", Word::Home);
    let m = repo.manifeste.as_ref();
    let nom = m.map(|m| m.nom.clone()).unwrap_or_default();
    page.title = m
        .and_then(|m| m.site_titre.clone())
        .unwrap_or_else(|| nom.clone());
    let (summary, files) = match &repo.raison {
        Some(r) => {
            let rendered = ctx.markdown(
                content::first_paragraph(&r.meta.body),
                &r.meta.path,
                urls::HOME,
            );
            page.description = content::first_paragraph_text(&r.meta.body, 240);
            (rendered.html, rendered.files)
        }
        None => (String::new(), Vec::new()),
    };
    page.files = files;
    let entry = |label: Word, links: Vec<(Word, &str)>| json!({ "label": ctx.word(label), "links": links.iter().map(|(w, u)| json!({"title": ctx.word(*w), "url": u})).collect::<Vec<_>>() });
    page.data = json!({
        "org": m.map(|m| json!({
            "nom": m.nom, "forme_juridique": m.forme_juridique, "creee_le": m.creee_le,
            "site": m.site.as_deref().and_then(safe_url), "nature": m.nature,
            "licence": m.licence.as_ref().map(|l| l.value.clone()),
        })),
        "raison": repo.raison.as_ref().map(|r| json!({ "title": r.titre, "url": urls::RAISON })),
        "summary": summary,
        "enjeux": repo.raison.as_ref().map(|r| r.enjeux.iter().map(|e| json!({"id": e.id.value, "title": e.titre})).collect::<Vec<_>>()),
        "plans": ctx.plans,
        "counts": { "principes": repo.principes.len(), "membres": repo.membres.len(), "offres": repo.offres.len(), "matrices": repo.matrices.len() },
        "entry_points": [
            entry(Word::ForNewcomers, vec![(Word::RaisonDEtre, urls::RAISON), (Word::Histoire, urls::HISTOIRE)]),
            entry(Word::ForMembers, vec![(Word::Plans, urls::PRINCIPES), (Word::Pyramide, urls::PYRAMIDE), (Word::Modification, urls::MODIFICATION)]),
            entry(Word::ForPartners, vec![(Word::Catalogue, urls::CATALOGUE), (Word::Matrices, urls::MATRICES), (Word::Membres, urls::MEMBRES)]),
        ],
    });
    page.jsonld = jsonld::organization(ctx, false);
    page
}

fn raison(ctx: &Ctx) -> Option<Page> {
    let r = ctx.repo.raison.as_ref()?;
    let mut page = Page::new(urls::RAISON, "raison.html", "raison", Word::RaisonDEtre);
    let body = ctx.body(&r.meta, &page.path);
    page.title = r.titre.clone();
    page.description = content::first_paragraph_text(&r.meta.body, 240);
    // A description is Markdown, rendered with the body (they share the page's ids).
    let html = |list: &str, i: usize| body.fields.get(&format!("/{list}/{i}/description"));
    let item = |i: &crate::model::Item, html: Option<&String>| json!({"id": i.id.value, "title": i.titre, "description": html});
    let objectifs: Vec<Value> = r
        .objectifs
        .iter()
        .enumerate()
        .map(|(n, o)| {
            let missions: Vec<Value> = r
                .missions
                .iter()
                .filter(|m| m.objectifs.iter().any(|x| x.value == o.id.value))
                .map(|m| json!({"id": m.item.id.value, "title": m.item.titre}))
                .collect();
            let mut v = item(o, html("objectifs", n));
            v["missions"] = missions.into();
            v
        })
        .collect();
    let missions: Vec<Value> = r
        .missions
        .iter()
        .enumerate()
        .map(|(n, m)| {
            let objectifs: Vec<Value> = m
                .objectifs
                .iter()
                .filter_map(|x| r.objectifs.iter().find(|o| o.id.value == x.value))
                .map(|o| json!({"id": o.id.value, "title": o.titre}))
                .collect();
            let mut v = item(&m.item, html("missions", n));
            v["objectifs"] = objectifs.into();
            v
        })
        .collect();
    page.data = json!({
        "body": body.html,
        "enjeux": r.enjeux.iter().enumerate().map(|(n, e)| item(e, html("enjeux", n))).collect::<Vec<_>>(),
        "objectifs": objectifs,
        "missions": missions,
    });
    page.files = body.files;
    page.jsonld = jsonld::web_page(ctx, &page);
    Some(page)
}

fn histoire(ctx: &Ctx) -> Option<Page> {
    let h = ctx.repo.histoire.as_ref()?;
    let mut page = Page::new(urls::HISTOIRE, "histoire.html", "histoire", Word::Histoire);
    let body = ctx.body(&h.meta, &page.path);
    page.title = h.titre.clone();
    page.description = content::first_paragraph_text(&h.meta.body, 240);
    page.data = json!({
        "body": body.html,
        "jalons": h.jalons.iter().enumerate().map(|(n, j)| json!({
            "date": j.date.value, "title": j.titre,
            "description": body.fields.get(&format!("/jalons/{n}/description")),
            "acteurs": ctx.members(j.acteurs.iter().map(|a| a.value.as_str())),
        })).collect::<Vec<_>>(),
    });
    page.files = body.files;
    page.jsonld = jsonld::web_page(ctx, &page);
    Some(page)
}

fn informations(ctx: &Ctx) -> Option<Page> {
    let i = ctx.repo.informations.as_ref()?;
    let facts = [
        (Word::Siege, &i.siege),
        (Word::Territoire, &i.territoire),
        (Word::Publics, &i.publics),
        (Word::Taille, &i.taille),
    ]
    .into_iter()
    .filter_map(|(w, v)| Some((w, v.clone()?)))
    .collect();
    let title = if i.titre.is_empty() {
        ctx.word(Word::Informations).to_string()
    } else {
        i.titre.clone()
    };
    Some(document(
        ctx,
        &i.meta,
        &title,
        urls::INFORMATIONS.into(),
        "informations",
        facts,
    ))
}

/// A page with a title, a few facts and a body (informations, annexes).
fn document(
    ctx: &Ctx,
    meta: &crate::model::Meta,
    title: &str,
    path: String,
    section: &'static str,
    facts: Vec<(Word, String)>,
) -> Page {
    let mut page = Page::new(path, "document.html", section, Word::Annexes);
    let body = ctx.body(meta, &page.path);
    page.title = title.to_string();
    page.description = content::first_paragraph_text(&meta.body, 240);
    page.data = json!({
        "body": body.html,
        "facts": facts.iter().map(|(w, v)| json!({"label": ctx.word(*w), "value": v})).collect::<Vec<_>>(),
    });
    page.files = body.files;
    page.jsonld = jsonld::web_page(ctx, &page);
    page
}

fn principes_index(ctx: &Ctx) -> Page {
    let mut page = Page::new(urls::PRINCIPES, "principes.html", "principes", Word::Plans);
    page.title = ctx.word(Word::Plans).to_string();
    let plans: Vec<Value> = ctx
        .plans
        .iter()
        .map(|p| {
            let intro = ctx
                .repo
                .plans
                .iter()
                .find(|i| i.meta.id == p.id)
                .map(|i| content::first_paragraph_text(&i.meta.body, 220))
                .unwrap_or_default();
            json!({ "plan": p, "intro": intro, "principes": cards_of_plan(ctx, &p.id) })
        })
        .collect();
    page.data = json!({ "plans": plans });
    page.jsonld = jsonld::web_page(ctx, &page);
    page
}

fn cards_of_plan(ctx: &Ctx, plan: &str) -> Vec<super::view::PrincipeCard> {
    ctx.repo
        .principes
        .iter()
        .filter(|p| p.plan == plan)
        .filter_map(|p| ctx.principe_card(&p.meta.id))
        .collect()
}

fn plan(ctx: &Ctx, id: &str) -> Page {
    let mut page = Page::new(urls::plan(id), "plan.html", "principes", Word::Plan);
    let view = ctx.plan(id);
    let intro = ctx.repo.plans.iter().find(|i| i.meta.id == id);
    let body = intro
        .map(|i| ctx.body(&i.meta, &page.path))
        .unwrap_or_default();
    page.title = intro
        .and_then(|i| i.titre.clone())
        .or_else(|| view.as_ref().map(|v| v.title.clone()))
        .unwrap_or_else(|| id.to_string());
    page.description = intro
        .map(|i| content::first_paragraph_text(&i.meta.body, 240))
        .unwrap_or_default();
    page.data = json!({
        "plan": view,
        "body": body.html,
        "mots_cles": intro.map(|i| i.mots_cles.clone()).unwrap_or_default(),
        "principes": cards_of_plan(ctx, id),
    });
    page.files = body.files;
    page.jsonld = jsonld::web_page(ctx, &page);
    page
}

fn refs_by<F: Fn(&str) -> Ref>(ids: Option<&Vec<&str>>, f: F) -> Vec<Ref> {
    ids.map(|v| v.iter().map(|id| f(id)).collect())
        .unwrap_or_default()
}

fn principe(ctx: &Ctx, p: &Principe) -> Page {
    let id = p.meta.id.as_str();
    let mut page = Page::new(
        urls::principe(id),
        "principe.html",
        "principes",
        Word::Principe,
    );
    let body = ctx.body(&p.meta, &page.path);
    page.title = p.titre.clone();
    let card = ctx.principe_card(id);
    page.description = card.as_ref().map(|c| c.resume.clone()).unwrap_or_default();
    let history: Vec<Value> = ctx
        .history
        .of(Kind::Principe, id)
        .iter()
        .map(|h| json!({"date": h.date, "author": h.author, "message": h.message, "commit": short(&h.commit)}))
        .collect();
    page.data = json!({
        "card": card,
        "adopte_le": p.adopte_le.as_ref().map(|d| d.value.clone()),
        "abroge_le": p.abroge_le.as_ref().map(|d| d.value.clone()),
        "version": p.version,
        "responsables": ctx.members(p.responsables.iter().map(|r| r.value.as_str())),
        "mots_cles": p.mots_cles,
        "liens": p.liens.iter().map(|l| ctx.principe_ref(&l.value)).collect::<Vec<_>>(),
        "linked_from": refs_by(ctx.linked_from.get(id), |i| ctx.principe_ref(i)),
        "offres": refs_by(ctx.offers_of_principe.get(id), |i| ctx.offre_ref(i)),
        "remplace": p.remplace.iter().map(|r| ctx.principe_ref(&r.value)).collect::<Vec<_>>(),
        "replaced_by": refs_by(ctx.replaced_by.get(id), |i| ctx.principe_ref(i)),
        "history": history,
        "history_truncated": ctx.history.truncated,
        "body": body.html,
    });
    page.files = body.files;
    page.jsonld = jsonld::web_page(ctx, &page);
    page
}

/// The short form of a commit hash.
pub fn short(hash: &str) -> &str {
    hash.get(..8).unwrap_or(hash)
}

fn pyramide(ctx: &Ctx) -> Page {
    let mut page = Page::new(urls::PYRAMIDE, "pyramide.html", "pyramide", Word::Pyramide);
    page.title = ctx.word(Word::Pyramide).to_string();
    let Some(p) = &ctx.repo.pyramide else {
        page.data = json!({});
        return page;
    };
    let description = ctx.body(&p.meta, &page.path);
    page.description = p
        .description
        .as_deref()
        .map(|d| content::first_paragraph_text(d, 240))
        .unwrap_or_default();
    let roles: Vec<Value> = Role::ALL
        .iter()
        .map(|role| {
            let entries: Vec<Value> = p
                .entries(*role)
                .iter()
                .map(|e| json!({
                    "member": ctx.member(&e.membre.value),
                    "depuis": e.depuis.as_ref().map(|d| d.value.clone()),
                    "jusqu_au": e.jusqu_au.as_ref().map(|d| d.value.clone()),
                    "note": e.note,
                }))
                .collect();
            let duties = p
                .responsabilites
                .iter()
                .find(|(r, _)| r == role)
                .map(|(_, d)| d.clone())
                .unwrap_or_default();
            json!({ "key": role.key(), "label": ctx.role_label(*role), "entries": entries, "responsabilites": duties })
        })
        .collect();
    page.data = json!({
        "description": description.fields.get("/description"),
        "svg": super::matrix::pyramid_svg(ctx, p),
        "roles": roles,
        "capital": capital(ctx, &p.capital),
    });
    page.files = description.files;
    page.jsonld = jsonld::web_page(ctx, &page);
    page
}

fn capital(ctx: &Ctx, capital: &Capital) -> Value {
    match capital {
        Capital::NotStated => json!({ "state": "not-stated" }),
        Capital::SansObjet => json!({ "state": "sans-objet" }),
        Capital::Parts { parts, .. } => {
            let total: f64 = parts.iter().map(|p| p.part).sum();
            let rows: Vec<Value> = parts
                .iter()
                .map(|p| json!({ "member": ctx.member(&p.membre.value), "part": format!("{} %", ctx.number(p.part)) }))
                .collect();
            json!({
                "state": "parts",
                "rows": rows,
                "total": format!("{} %", ctx.number(total)),
                "svg": super::matrix::capital_svg(ctx, parts),
            })
        }
    }
}

fn matrices_index(ctx: &Ctx) -> Page {
    let mut page = Page::new(urls::MATRICES, "matrices.html", "matrices", Word::Matrices);
    page.title = ctx.word(Word::Matrices).to_string();
    page.data = json!({
        "matrices": ctx.repo.matrices.iter().map(|m| json!({
            "title": m.titre,
            "url": urls::page_of(Kind::Matrice, &m.meta.id),
            "contexte": m.contexte_type.as_deref().map(|t| ctx.label("contexte", t)),
            "description": m.description.as_deref().map(crate::markdown::plain_text).or(m.contexte_description.clone()),
            "du": m.periode.as_ref().and_then(|p| p.0.as_ref()).map(|d| d.value.clone()),
            "au": m.periode.as_ref().and_then(|p| p.1.as_ref()).map(|d| d.value.clone()),
            "flux": m.flux.len(),
        })).collect::<Vec<_>>(),
    });
    page.jsonld = jsonld::web_page(ctx, &page);
    page
}

/// An offer as the catalogue lists it.
#[derive(Serialize)]
struct OffreCard {
    id: String,
    title: String,
    url: String,
    #[serde(rename = "type")]
    type_: &'static str,
    type_label: String,
    plans: Vec<super::view::PlanView>,
    plan_ids: String,
    member_ids: String,
    membres: Vec<Ref>,
    tarif: Option<String>,
    resume: String,
    archived: bool,
}

fn offre_card(ctx: &Ctx, o: &Offre) -> OffreCard {
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
        tarif: o.tarif.as_ref().map(|t| tarif(ctx, t)),
        resume: o
            .resume
            .clone()
            .unwrap_or_else(|| content::first_paragraph_text(&o.meta.body, 200)),
        archived: o.statut == crate::model::OffreStatut::Archivee,
    }
}

fn join_ids<'a>(ids: impl Iterator<Item = &'a str>) -> String {
    ids.collect::<Vec<_>>().join(" ")
}

fn tarif(ctx: &Ctx, t: &Tarif) -> String {
    match t {
        Tarif::Mode(mode) => ctx.label("mode", mode),
        Tarif::Prix {
            montant,
            devise,
            unite,
        } => match unite {
            Some(u) => format!("{} {devise} / {u}", ctx.number(*montant)),
            None => format!("{} {devise}", ctx.number(*montant)),
        },
    }
}

fn catalogue(ctx: &Ctx, cards: &[OffreCard]) -> Page {
    let repo = ctx.repo;
    let mut page = Page::new(
        urls::CATALOGUE,
        "catalogue.html",
        "catalogue",
        Word::Catalogue,
    );
    page.title = ctx.word(Word::Catalogue).to_string();
    let offres: Vec<Value> = cards
        .par_iter()
        .map(|c| serde_json::to_value(c).unwrap_or_default())
        .collect();
    let mut member_ids: Vec<&str> = repo
        .offres
        .iter()
        .flat_map(|o| o.membres.iter().map(|m| m.value.as_str()))
        .collect();
    member_ids.sort_unstable();
    member_ids.dedup();
    let mut membres = ctx.members(member_ids);
    membres.sort_by(|a, b| a.title.cmp(&b.title));
    let types: Vec<Value> = ["service", "produit"]
        .iter()
        .map(|t| json!({ "id": t, "label": ctx.label("", t) }))
        .collect();
    // `json!` would copy the cards once more through serde: they are moved in.
    page.data = json!({ "types": types, "plans": ctx.plans, "membres": membres });
    page.data["offres"] = Value::Array(offres);
    page.jsonld = jsonld::catalog(ctx);
    page
}

fn offre(ctx: &Ctx, o: &Offre, card: &OffreCard) -> Page {
    let id = o.meta.id.as_str();
    let mut page = Page::new(urls::offre(id), "offre.html", "catalogue", Word::Offres);
    let body = ctx.body(&o.meta, &page.path);
    page.title = o.titre.clone();
    page.description = card.resume.clone();
    let complementaires: Vec<Ref> = o
        .complementaire_de
        .iter()
        // `org:id` offers of other organisations are shown with their organisation below.
        .filter(|c| !c.value.contains(':'))
        .map(|c| ctx.offre_ref(&c.value))
        .collect();
    page.data = json!({
        "card": card,
        "principes": o.principes.iter().map(|p| ctx.principe_ref(&p.value)).collect::<Vec<_>>(),
        "complementaires": complementaires,
        "complement_of": refs_by(ctx.complement_of.get(id), |i| ctx.offre_ref(i)),
        "eco_complements": cross_complements(ctx, id),
        "contact": o.contact,
        "contact_url": o.contact.as_deref().and_then(safe_url),
        "body": body.html,
    });
    page.files = body.files;
    page.jsonld = jsonld::offer(ctx, o, &page.path);
    page
}

fn membres_index(ctx: &Ctx) -> Page {
    let mut page = Page::new(urls::MEMBRES, "membres.html", "membres", Word::Membres);
    page.title = ctx.word(Word::Membres).to_string();
    let membres: Vec<Value> = ctx
        .repo
        .membres
        .iter()
        .map(|m| {
            let roles: Vec<String> = ctx
                .roles_of(&m.meta.id)
                .into_iter()
                .filter_map(|mut r| r.remove("label"))
                .collect();
            json!({
                "member": ctx.member(&m.meta.id),
                "type_label": ctx.label("", m.type_.as_str()),
                "roles": roles.join(", "),
                "territoire": m.territoire,
                "offres": ctx.offers_of_member.get(m.meta.id.as_str()).map_or(0, Vec::len),
            })
        })
        .collect();
    page.data = json!({ "membres": membres });
    page.jsonld = jsonld::web_page(ctx, &page);
    page
}

fn membre(ctx: &Ctx, m: &Membre) -> Page {
    let id = m.meta.id.as_str();
    let mut page = Page::new(urls::membre(id), "membre.html", "membres", Word::Member);
    let body = ctx.body(&m.meta, &page.path);
    page.title = m.nom.clone();
    page.description = m
        .description
        .clone()
        .unwrap_or_else(|| content::first_paragraph_text(&m.meta.body, 240));
    let (flows_out, flows_in) = super::matrix::flows_of(ctx, id);
    page.data = json!({
        "type_label": ctx.label("", m.type_.as_str()),
        "site": m.site,
        "site_url": m.site.as_deref().and_then(safe_url),
        "contact": m.contact,
        "contact_url": m.contact.as_deref().and_then(safe_url),
        "territoire": m.territoire,
        "roles": ctx.roles_of(id),
        "offres": refs_by(ctx.offers_of_member.get(id), |i| ctx.offre_ref(i)),
        "principes": refs_by(ctx.principes_of_member.get(id), |i| ctx.principe_ref(i)),
        "flows_out": flows_out,
        "flows_in": flows_in,
        "body": body.html,
    });
    page.files = body.files;
    page.jsonld = jsonld::member(ctx, m, &page.path);
    page
}

fn modification(ctx: &Ctx) -> Option<Page> {
    let m = ctx.repo.modification.as_ref()?;
    let mut page = Page::new(
        urls::MODIFICATION,
        "modification.html",
        "modification",
        Word::Modification,
    );
    let body = ctx.body(&m.meta, &page.path);
    page.title = m.titre.clone();
    page.description = content::first_paragraph_text(&m.meta.body, 240);
    let decider = |id: &str| {
        Role::from_key(id)
            .map(|r| ctx.role_label(r).to_string())
            .or_else(|| {
                m.instances
                    .iter()
                    .find(|i| i.id.value == id)
                    .map(|i| i.titre.clone())
            })
            .unwrap_or_else(|| id.to_string())
    };
    let regles: Vec<Value> = m
        .regles
        .iter()
        .map(|r| {
            let classe = r.classe.value;
            let principes: Vec<Ref> = ctx
                .repo
                .principes
                .iter()
                .filter(|p| p.classe.value == classe)
                .map(|p| ctx.principe_ref(&p.meta.id))
                .collect();
            json!({
                "classe": classe.as_str(),
                "classe_label": ctx.label("classe", classe.as_str()),
                "methode": ctx.label("methode", &r.methode),
                "majorite": r.majorite,
                "decide_par": r.decide_par.iter().map(|d| decider(&d.value)).collect::<Vec<_>>(),
                "repli": r.repli.as_deref().map(|x| ctx.label("methode", x)),
                "principes": principes,
            })
        })
        .collect();
    page.data = json!({
        "body": body.html,
        "instances": m.instances.iter().map(|i| json!({"id": i.id.value, "title": i.titre})).collect::<Vec<_>>(),
        "regles": regles,
    });
    page.files = body.files;
    page.jsonld = jsonld::web_page(ctx, &page);
    Some(page)
}

fn evolution(ctx: &Ctx) -> Page {
    let mut page = Page::new(
        urls::EVOLUTION,
        "evolution.html",
        "evolution",
        Word::Evolution,
    );
    page.title = ctx.word(Word::Evolution).to_string();
    page.description = ctx.word(Word::EvolutionIntro).to_string();
    let entries: Vec<Value> = ctx
        .history
        .evolution
        .iter()
        .map(|e| {
            json!({
                "commit": e.commit, "short": short(&e.commit), "date": e.date, "author": e.author,
                "message": e.message, "decisions": e.decisions, "changes": e.changes,
                "merged": e.merged,
            })
        })
        .collect();
    page.data = json!({
        "entries": entries,
        "feed": urls::FEED,
        "truncated": ctx.history.truncated,
    });
    page.jsonld = jsonld::web_page(ctx, &page);
    page
}

/// An offer of the pooled catalogue as the templates see it.
fn pooled_card(ctx: &Ctx, o: &crate::ecosystem::PooledOffer) -> Value {
    let url = if o.local {
        Some(urls::offre(&o.id))
    } else {
        None
    };
    json!({
        "title": o.titre,
        "org": o.org_id,
        "org_nom": o.org_nom,
        "type": o.type_,
        "type_label": ctx.label("", &o.type_),
        "plans": o.plans.join(" "),
        "local_url": url,
        "external_url": if o.local { None } else { o.url.as_deref().and_then(safe_url) },
        "resume": o.resume,
        "archived": o.statut == "archivee",
        "membres": o.membres.iter().map(|m| m.nom.clone()).collect::<Vec<_>>().join(", "),
    })
}

/// The catalogue of the whole ecosystem, filterable by organisation, type and plan.
fn ecosysteme(ctx: &Ctx) -> Page {
    let mut page = Page::new(
        urls::ECOSYSTEME,
        "ecosysteme.html",
        "ecosysteme",
        Word::Ecosysteme,
    );
    page.title = ctx.word(Word::Ecosysteme).to_string();
    page.description = ctx.word(Word::EcosystemeIntro).to_string();
    let offres: Vec<Value> = ctx.pooled.iter().map(|o| pooled_card(ctx, o)).collect();
    let mut orgs: Vec<(String, String)> = ctx
        .pooled
        .iter()
        .map(|o| (o.org_id.clone(), o.org_nom.clone()))
        .collect();
    orgs.dedup();
    let orgs: Vec<Value> = orgs
        .into_iter()
        .map(|(id, nom)| json!({ "id": id, "title": nom }))
        .collect();
    let mut plans: Vec<String> = ctx.pooled.iter().flat_map(|o| o.plans.clone()).collect();
    plans.sort();
    plans.dedup();
    let plans: Vec<Value> = plans
        .into_iter()
        .map(|id| {
            let title = ctx
                .plans
                .iter()
                .find(|p| p.id == id)
                .map_or_else(|| id.clone(), |p| p.title.clone());
            json!({ "id": id, "title": title })
        })
        .collect();
    let types: Vec<Value> = ["service", "produit"]
        .iter()
        .map(|t| json!({ "id": t, "label": ctx.label("", t) }))
        .collect();
    page.data = json!({ "offres": offres, "orgs": orgs, "plans": plans, "types": types });
    page.jsonld = jsonld::web_page(ctx, &page);
    page
}

/// Offers of other organisations that complement `id`, or that it complements.
fn cross_complements(ctx: &Ctx, id: &str) -> Vec<Value> {
    let Some(me) = ctx.pooled.iter().find(|o| o.local && o.id == id) else {
        return Vec::new();
    };
    crate::ecosystem::complements(&ctx.pooled, me)
        .into_iter()
        .filter(|o| !o.local)
        .map(|o| pooled_card(ctx, o))
        .collect()
}

/// The bilan (`codesocial bilan`) as a page: its HTML fragment is built and escaped by
/// `bilan::html_fragment`, with its own heading and charts.
fn bilan(ctx: &Ctx) -> Page {
    let mut page = Page::new(urls::BILAN, "bilan.html", "bilan", Word::Bilan);
    page.title = ctx.word(Word::Bilan).to_string();
    page.description = ctx.word(Word::BilanIntro).to_string();
    let stale_after = crate::bilan::Duration::Months(12);
    let result = crate::bilan::compute(
        ctx.repo,
        ctx.history.bilan_facts.as_ref(),
        crate::date::now(),
        stale_after,
    );
    page.data = json!({ "html": crate::bilan::html_fragment(&result, ctx.lang) });
    page.jsonld = jsonld::web_page(ctx, &page);
    page
}

fn recherche(ctx: &Ctx, pages: &[Page]) -> Page {
    let mut page = Page::new(urls::SEARCH, "recherche.html", "recherche", Word::Search);
    page.title = ctx.word(Word::Search).to_string();
    let list: Vec<Value> = pages
        .iter()
        .map(|p| json!({ "title": p.title, "url": p.path, "kind": ctx.word(p.kind) }))
        .collect();
    page.data = json!({ "pages": list, "index": urls::SEARCH_INDEX });
    page.jsonld = jsonld::web_page(ctx, &page);
    page
}

fn not_found(ctx: &Ctx) -> Page {
    let mut page = Page::new(urls::NOT_FOUND, "404.html", "", Word::NotFound);
    page.title = ctx.word(Word::NotFound).to_string();
    page.data = json!({});
    page.jsonld = jsonld::web_page(ctx, &page);
    page
}
