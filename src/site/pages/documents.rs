//! The pages of the single documents: home, raison d'être, histoire, informations and
//! annexes, modalités de modification.

use std::collections::BTreeMap;

use serde::Serialize;

use super::{Link, Page, PageData};
use crate::format::Role;
use crate::i18n::site::Word;
use crate::model::{Item, Meta};
use crate::site::content::{self, safe_url};
use crate::site::jsonld;
use crate::site::view::{Ctx, PlanView, Ref};
use crate::urls;

/// `home.html`.
#[derive(Serialize)]
pub struct HomeView<'a> {
    org: Option<OrgView<'a>>,
    raison: Option<Link<'a>>,
    summary: String,
    enjeux: Option<Vec<Enjeu<'a>>>,
    plans: &'a [PlanView],
    counts: Counts,
    entry_points: Vec<EntryPoint<'a>>,
}

#[derive(Serialize)]
struct OrgView<'a> {
    nom: &'a str,
    forme_juridique: Option<&'a str>,
    creee_le: Option<&'a str>,
    site: Option<String>,
    nature: &'a str,
    licence: Option<&'a str>,
}

#[derive(Serialize)]
struct Enjeu<'a> {
    id: &'a str,
    title: &'a str,
}

/// The home page's "in short": the numbers the bilan gives (principles in force, active
/// offers), never a count of files.
#[derive(Debug, Serialize, PartialEq, Eq)]
pub(crate) struct Counts {
    principes: usize,
    membres: usize,
    offres: usize,
    matrices: usize,
}

impl Counts {
    fn of(repo: &crate::model::Repo) -> Counts {
        Counts {
            principes: repo
                .principes
                .iter()
                .filter(|p| p.statut.in_force())
                .count(),
            membres: repo.membres.len(),
            offres: repo.offres.iter().filter(|o| o.statut.is_active()).count(),
            matrices: repo.matrices.len(),
        }
    }
}

#[derive(Serialize)]
struct EntryPoint<'a> {
    label: &'static str,
    links: Vec<Link<'a>>,
}

pub fn home<'a>(ctx: &'a Ctx<'a>) -> Page<'a> {
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
                &content::first_paragraph(&r.meta.body),
                &r.meta.path,
                urls::HOME,
            );
            page.description = content::first_paragraph_text(&r.meta.body, 240);
            (rendered.html, rendered.files)
        }
        None => (String::new(), Vec::new()),
    };
    page.files = files;
    if let Some(m) = m {
        page.shows(&m.meta, None);
    }
    let entry = |label: Word, links: &[(Word, &'a str)]| EntryPoint {
        label: ctx.word(label),
        links: links
            .iter()
            .map(|(w, u)| Link {
                title: ctx.word(*w),
                url: u,
            })
            .collect(),
    };
    page.data = PageData::Home(HomeView {
        org: m.map(|m| OrgView {
            nom: &m.nom,
            forme_juridique: m.forme_juridique.as_deref(),
            creee_le: m.creee_le.as_deref(),
            site: m.site.as_deref().and_then(safe_url),
            nature: &m.nature,
            licence: m.licence.as_ref().map(|l| l.value.as_str()),
        }),
        raison: repo.raison.as_ref().map(|r| Link {
            title: &r.titre,
            url: urls::RAISON,
        }),
        summary,
        enjeux: repo.raison.as_ref().map(|r| {
            r.enjeux
                .iter()
                .map(|e| Enjeu {
                    id: &e.id.value,
                    title: &e.titre,
                })
                .collect()
        }),
        plans: &ctx.plans,
        counts: Counts::of(repo),
        entry_points: vec![
            entry(
                Word::ForNewcomers,
                &[
                    (Word::RaisonDEtre, urls::RAISON),
                    (Word::Histoire, urls::HISTOIRE),
                ],
            ),
            entry(
                Word::ForMembers,
                &[
                    (Word::Plans, urls::PRINCIPES),
                    (Word::Pyramide, urls::PYRAMIDE),
                    (Word::Modification, urls::MODIFICATION),
                ],
            ),
            entry(
                Word::ForPartners,
                &[
                    (Word::Catalogue, urls::CATALOGUE),
                    (Word::Matrices, urls::MATRICES),
                    (Word::Membres, urls::MEMBRES),
                ],
            ),
        ],
    });
    page.jsonld = jsonld::organisation(ctx, &page);
    page
}

/// `raison.html`.
#[derive(Serialize)]
pub struct RaisonView<'a> {
    body: String,
    enjeux: Vec<ItemView<'a>>,
    objectifs: Vec<ItemView<'a>>,
    missions: Vec<ItemView<'a>>,
}

/// An enjeu, objectif or mission, with the items it is linked to.
#[derive(Serialize)]
struct ItemView<'a> {
    id: &'a str,
    title: &'a str,
    /// HTML: a description is Markdown, rendered with the body (they share the page's ids).
    description: Option<String>,
    #[serde(skip_serializing_if = "Option::is_none")]
    missions: Option<Vec<ItemRef<'a>>>,
    #[serde(skip_serializing_if = "Option::is_none")]
    objectifs: Option<Vec<ItemRef<'a>>>,
}

#[derive(Serialize)]
struct ItemRef<'a> {
    id: &'a str,
    title: &'a str,
}

/// An item of the list `list` (`enjeux`…) at `n`, its description taken from `fields`.
fn item<'a>(
    fields: &mut BTreeMap<String, String>,
    list: &str,
    (n, i): (usize, &'a Item),
) -> ItemView<'a> {
    ItemView {
        id: &i.id.value,
        title: &i.titre,
        description: fields.remove(&format!("/{list}/{n}/description")),
        missions: None,
        objectifs: None,
    }
}

pub fn raison<'a>(ctx: &'a Ctx<'a>) -> Option<Page<'a>> {
    let r = ctx.repo.raison.as_ref()?;
    let mut page = Page::new(urls::RAISON, "raison.html", "raison", Word::RaisonDEtre);
    page.shows(&r.meta, None);
    let mut body = ctx.body(&r.meta, &mut page);
    page.title = r.titre.clone();
    page.description = content::first_paragraph_text(&r.meta.body, 240);
    let objectifs = r
        .objectifs
        .iter()
        .enumerate()
        .map(|(n, o)| ItemView {
            missions: Some(
                r.missions
                    .iter()
                    .filter(|m| m.objectifs.iter().any(|x| x.value == o.id.value))
                    .map(|m| ItemRef {
                        id: &m.item.id.value,
                        title: &m.item.titre,
                    })
                    .collect(),
            ),
            ..item(&mut body.fields, "objectifs", (n, o))
        })
        .collect();
    let missions = r
        .missions
        .iter()
        .enumerate()
        .map(|(n, m)| ItemView {
            objectifs: Some(
                m.objectifs
                    .iter()
                    .filter_map(|x| r.objectifs.iter().find(|o| o.id.value == x.value))
                    .map(|o| ItemRef {
                        id: &o.id.value,
                        title: &o.titre,
                    })
                    .collect(),
            ),
            ..item(&mut body.fields, "missions", (n, &m.item))
        })
        .collect();
    let enjeux = r
        .enjeux
        .iter()
        .enumerate()
        .map(|e| item(&mut body.fields, "enjeux", e))
        .collect();
    page.data = PageData::Raison(RaisonView {
        body: body.html,
        enjeux,
        objectifs,
        missions,
    });
    page.files = body.files;
    page.jsonld = jsonld::web_page(ctx, &page);
    Some(page)
}

/// `histoire.html`.
#[derive(Serialize)]
pub struct HistoireView<'a> {
    body: String,
    jalons: Vec<JalonView<'a>>,
}

#[derive(Serialize)]
struct JalonView<'a> {
    date: &'a str,
    title: &'a str,
    /// HTML: the description's Markdown.
    description: Option<String>,
    acteurs: Vec<Ref>,
}

pub fn histoire<'a>(ctx: &'a Ctx<'a>) -> Option<Page<'a>> {
    let h = ctx.repo.histoire.as_ref()?;
    let mut page = Page::new(urls::HISTOIRE, "histoire.html", "histoire", Word::Histoire);
    page.shows(&h.meta, None);
    let mut body = ctx.body(&h.meta, &mut page);
    page.title = h.titre.clone();
    page.description = content::first_paragraph_text(&h.meta.body, 240);
    page.data = PageData::Histoire(HistoireView {
        body: body.html,
        jalons: h
            .jalons
            .iter()
            .enumerate()
            .map(|(n, j)| JalonView {
                date: &j.date.value,
                title: &j.titre,
                description: body.fields.remove(&format!("/jalons/{n}/description")),
                acteurs: ctx.members(j.acteurs.iter().map(|a| a.value.as_str())),
            })
            .collect(),
    });
    page.files = body.files;
    page.jsonld = jsonld::web_page(ctx, &page);
    Some(page)
}

pub fn informations<'a>(ctx: &'a Ctx<'a>) -> Option<Page<'a>> {
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

/// `document.html`: a title, a few facts and a body (informations, annexes).
#[derive(Serialize)]
pub struct DocumentView {
    body: String,
    facts: Vec<Fact>,
}

#[derive(Serialize)]
struct Fact {
    label: &'static str,
    value: String,
}

pub fn document<'a>(
    ctx: &'a Ctx<'a>,
    meta: &Meta,
    title: &str,
    path: String,
    section: &'static str,
    facts: Vec<(Word, String)>,
) -> Page<'a> {
    let mut page = Page::new(path, "document.html", section, Word::Annexes);
    page.shows(meta, Some(section.to_string()));
    let body = ctx.body(meta, &mut page);
    page.title = title.to_string();
    page.description = content::first_paragraph_text(&meta.body, 240);
    page.data = PageData::Document(DocumentView {
        body: body.html,
        facts: facts
            .into_iter()
            .map(|(w, value)| Fact {
                label: ctx.word(w),
                value,
            })
            .collect(),
    });
    page.files = body.files;
    page.jsonld = jsonld::web_page(ctx, &page);
    page
}

/// `modification.html`.
#[derive(Serialize)]
pub struct ModificationView<'a> {
    body: String,
    instances: Vec<InstanceView<'a>>,
    regles: Vec<RegleView<'a>>,
}

#[derive(Serialize)]
struct InstanceView<'a> {
    id: &'a str,
    title: &'a str,
}

#[derive(Serialize)]
struct RegleView<'a> {
    classe: &'static str,
    classe_label: String,
    /// "Classe simple", "Simple class".
    classe_name: String,
    methode: String,
    majorite: Option<&'a str>,
    decide_par: Vec<String>,
    repli: Option<String>,
    principes: Vec<Ref>,
}

pub fn modification<'a>(ctx: &'a Ctx<'a>) -> Option<Page<'a>> {
    let m = ctx.repo.modification.as_ref()?;
    let mut page = Page::new(
        urls::MODIFICATION,
        "modification.html",
        "modification",
        Word::Modification,
    );
    page.shows(&m.meta, None);
    let body = ctx.body(&m.meta, &mut page);
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
    let regles = m
        .regles
        .iter()
        .map(|r| {
            let classe = r.classe.value;
            RegleView {
                classe: classe.as_str(),
                classe_label: ctx.label("classe", classe.as_str()),
                classe_name: ctx.classe_name(classe.as_str()),
                methode: ctx.label("methode", &r.methode),
                majorite: r.majorite.as_deref(),
                decide_par: r.decide_par.iter().map(|d| decider(&d.value)).collect(),
                repli: r.repli.as_deref().map(|x| ctx.label("methode", x)),
                principes: ctx
                    .repo
                    .principes
                    .iter()
                    .filter(|p| p.classe.value == classe)
                    .map(|p| ctx.principe_ref(&p.meta.id))
                    .collect(),
            }
        })
        .collect();
    page.data = PageData::Modification(ModificationView {
        body: body.html,
        instances: m
            .instances
            .iter()
            .map(|i| InstanceView {
                id: &i.id.value,
                title: &i.titre,
            })
            .collect(),
        regles,
    });
    page.files = body.files;
    page.jsonld = jsonld::web_page(ctx, &page);
    Some(page)
}

#[cfg(test)]
mod tests {
    use super::*;

    /// The home page's numbers are the bilan's: principles in force (an abrogated one is
    /// history), active offers (an archived one is not offered), and each plan's count
    /// is its principles in force.
    #[test]
    fn the_home_counts_are_the_bilans() {
        let dir = std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("examples/cheznous");
        let source = crate::load::source::DirSource::new(&dir);
        let checked = crate::validate::check(crate::load::load(&source).expect("loaded"), None);
        let repo = &checked.repo;
        let bilan = crate::bilan::compute(repo, None, 0, crate::bilan::Duration::Days(365));
        // The example holds what would tell them apart.
        assert!(repo
            .principes
            .iter()
            .any(|p| p.statut == crate::model::Statut::Abroge));
        assert!(repo
            .offres
            .iter()
            .any(|o| o.statut == crate::model::OffreStatut::Archivee));
        let counts = Counts::of(repo);
        assert_eq!(counts.principes, bilan.links.in_force);
        assert_eq!(counts.offres, bilan.offers);
        assert_eq!(counts.membres, repo.membres.len());
        let history = crate::site::history::History::default();
        let ctx = Ctx::new(repo, &history, None);
        for plan in &ctx.plans {
            let row = bilan.plans.iter().find(|r| r.id == plan.id).expect("row");
            assert_eq!(
                plan.principes,
                row.counts.adopte + row.counts.propose,
                "{}",
                plan.id
            );
        }
    }
}
