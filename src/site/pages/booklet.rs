//! The printable booklet: every chapter of the #CodeSocial on one page, in the order of
//! the method, for a general assembly — its table of contents first, the source and the
//! date on the cover. Bodies are the same HTML as on their pages, their headings moved
//! below the chapter's. Their ids are the booklet's: one allocator for the whole page gives
//! each chapter, part and document id one id (`livret-{document}-{id}`, suffixed where
//! two would meet, as headings are), so two documents' "Pourquoi" stay two anchors; and a
//! link to a document of the booklet, or to one of its ids, leads to its place in the
//! booklet (as mdBook's print page does), other links to the site's pages.

use std::collections::HashMap;

use serde::Serialize;

use super::{Page, PageData};
use crate::format::Role;
use crate::i18n::site::Word;
use crate::markdown::{self, ids::Ids, Target};
use crate::model::Meta;
use crate::site::jsonld;
use crate::site::view::Ctx;
use crate::urls;
use strum::IntoEnumIterator;

/// `livret.html`.
#[derive(Serialize)]
pub struct BookletView<'a> {
    /// Where the #CodeSocial is kept (`site.depot`), else where the site is published.
    source: Option<String>,
    /// The day it was made (`YYYY-MM-DD`).
    date: String,
    chapters: Vec<Chapter<'a>>,
}

#[derive(Serialize)]
struct Chapter<'a> {
    /// The entry of the site's navigation it is the chapter of (see [`page`]), or
    /// `informations` and `annexe` (the footer's).
    key: &'static str,
    id: String,
    /// The document whose body it shows (rendered once every id is given).
    #[serde(skip)]
    doc: Option<&'a Meta>,
    title: String,
    url: String,
    /// Facts or lines before the body (a plan's rules, a role's members…).
    lines: Vec<String>,
    body: String,
    parts: Vec<Part<'a>>,
}

#[derive(Serialize)]
struct Part<'a> {
    id: String,
    #[serde(skip)]
    doc: Option<&'a Meta>,
    title: String,
    url: String,
    /// One line of facts: statut, classe, dates, price…
    meta: String,
    /// An abrogated principle: the banner its own page shows.
    repealed: Option<Repealed>,
    body: String,
}

/// "This principle is no longer in force since …, replaced by …".
#[derive(Serialize)]
struct Repealed {
    /// "depuis le 20 septembre 2019", when `abroge_le` says.
    since: Option<String>,
    /// The principles that replace it: their place in the booklet once ids are given.
    replaced_by: Vec<crate::site::view::Ref>,
}

/// The chapters of the navigation the booklet leaves out, and why: the home page is the
/// booklet's cover, the evolution, the ecosystem's catalogue and the bilan are about the
/// repository's life and its neighbours, not chapters of the #CodeSocial.
const NOT_CHAPTERS: &[&str] = &["home", "evolution", "ecosysteme", "bilan"];

pub fn page<'a>(ctx: &'a Ctx<'a>) -> Page<'a> {
    let mut page = Page::new(urls::BOOKLET, "livret.html", "livret", Word::Booklet);
    page.title = ctx.word(Word::Booklet).to_string();
    page.description = ctx.word(Word::BookletIntro).to_string();
    let options = ctx.options();
    let mut chapters = Vec::new();
    let repo = ctx.repo;
    // The chapters in the order of the site's navigation, then the footer's pages.
    for key in crate::site::layout::nav_keys(ctx) {
        match key {
            "raison" => chapters.extend(
                repo.raison
                    .as_ref()
                    .map(|r| chapter("raison", "raison", &r.titre, urls::RAISON, &r.meta)),
            ),
            "histoire" => chapters.extend(repo.histoire.as_ref().map(|h| histoire(ctx, h))),
            "principes" => chapters.extend(ctx.plans.iter().map(|p| plan(ctx, &p.id, &p.title))),
            "pyramide" => chapters.push(pyramid(ctx)),
            "matrices" => chapters.push(matrices(ctx)),
            "catalogue" => chapters.push(catalogue(ctx)),
            "membres" => chapters.push(members(ctx)),
            "modification" => chapters.extend(repo.modification.as_ref().map(|m| {
                chapter(
                    "modification",
                    "modification",
                    &m.titre,
                    urls::MODIFICATION,
                    &m.meta,
                )
            })),
            key if NOT_CHAPTERS.contains(&key) => {}
            // `tests::every_chapter_of_the_navigation_is_in_the_booklet_in_order` holds
            // this list and the navigation together.
            _ => {}
        }
    }
    if let Some(i) = &repo.informations {
        let title = if i.titre.is_empty() {
            ctx.word(Word::Informations).to_string()
        } else {
            i.titre.clone()
        };
        chapters.push(chapter(
            "informations",
            "informations",
            &title,
            urls::INFORMATIONS,
            &i.meta,
        ));
    }
    chapters.extend(repo.annexes.iter().map(|a| {
        chapter(
            "annexe",
            &format!("annexe-{}", a.meta.id),
            &a.titre,
            &urls::page_of(crate::format::Kind::Annexe, &a.meta.id),
            &a.meta,
        )
    }));
    page.content_ids = gather(ctx, &mut chapters);
    link_replacements(&mut chapters);
    page.data = PageData::Booklet(BookletView {
        source: options.depot.clone().or_else(|| ctx.base_url.clone()),
        date: crate::date::ymd(crate::date::now()),
        chapters,
    });
    page.jsonld = jsonld::web_page(ctx, &page);
    page
}

fn histoire<'a>(ctx: &Ctx<'a>, h: &'a crate::model::Histoire) -> Chapter<'a> {
    let mut c = chapter("histoire", "histoire", &h.titre, urls::HISTOIRE, &h.meta);
    c.lines = h
        .jalons
        .iter()
        .map(|j| {
            let date = crate::i18n::typography::long_date(ctx.lang, &j.date.value)
                .unwrap_or_else(|| j.date.value.clone());
            format!("{date} — {}", j.titre)
        })
        .collect();
    c
}

/// A replacing principle's link leads to its place in the booklet (its part's id, given
/// by [`gather`]), else to its page.
fn link_replacements(chapters: &mut [Chapter]) {
    let places: HashMap<String, String> = chapters
        .iter()
        .flat_map(|c| c.parts.iter())
        .map(|p| (p.url.clone(), format!("#{}", p.id)))
        .collect();
    let root = urls::root_of(urls::BOOKLET);
    for part in chapters.iter_mut().flat_map(|c| c.parts.iter_mut()) {
        if let Some(r) = &mut part.repealed {
            for by in &mut r.replaced_by {
                by.url = places
                    .get(&by.url)
                    .cloned()
                    .unwrap_or_else(|| format!("{root}{}", by.url));
            }
        }
    }
}

fn chapter<'a>(key: &'static str, id: &str, title: &str, url: &str, meta: &'a Meta) -> Chapter<'a> {
    Chapter {
        key,
        id: format!("livret-{id}"),
        doc: Some(meta),
        title: title.to_string(),
        url: url.to_string(),
        lines: Vec::new(),
        body: String::new(),
        parts: Vec::new(),
    }
}

/// Gives every chapter, part and document id of the booklet its id on the page, renders
/// the bodies with them, and returns them all.
fn gather(ctx: &Ctx, chapters: &mut [Chapter]) -> Vec<String> {
    let own = crate::validate::page_ids::of_template(ctx.repo, "livret.html");
    let mut ids = Ids::with_reserved(own.reserved());
    let mut given = Vec::new();
    let mut claim = |ids: &mut Ids, id: &mut String| {
        *id = ids.claim(id);
        given.push(id.clone());
    };
    for c in chapters.iter_mut() {
        claim(&mut ids, &mut c.id);
        for p in &mut c.parts {
            claim(&mut ids, &mut p.id);
        }
    }
    let slots = chapters.iter().flat_map(|c| {
        std::iter::once((&c.id, c.doc)).chain(c.parts.iter().map(|p| (&p.id, p.doc)))
    });
    let mut places: HashMap<String, Place> = HashMap::new();
    // Each body is rendered once, its links to the booklet's documents left as tokens
    // until every document's ids are known (see [`Deferred`]).
    let mut rendered: HashMap<String, Rendered> = HashMap::new();
    for (slot, doc) in slots {
        let Some(meta) = doc else { continue };
        let body = render(ctx, meta);
        let map = markdown::ids_in(&body.html)
            .into_iter()
            .map(|id| {
                let given = ids.claim(&format!("{slot}-{id}"));
                (id, given)
            })
            .collect::<HashMap<_, _>>();
        given.extend(map.values().cloned());
        let place = Place {
            slot: slot.clone(),
            ids: map,
        };
        places.insert(meta.path.clone(), place);
        rendered.insert(meta.path.clone(), body);
    }
    let mut body_of = |meta: &Meta, levels: usize| match rendered.remove(&meta.path) {
        Some(r) => placed(&r, meta, &places, levels),
        None => String::new(),
    };
    for c in chapters.iter_mut() {
        if let Some(meta) = c.doc {
            c.body = body_of(meta, 1);
        }
        for p in &mut c.parts {
            if let Some(meta) = p.doc {
                p.body = body_of(meta, 2);
            }
        }
    }
    given
}

/// A body rendered for the booklet, before its ids and links are placed.
struct Rendered {
    html: String,
    /// The targets of the links written as tokens, in the order of their numbers.
    deferred: Vec<Target>,
}

/// The URLs of a body's links while the booklet is gathered: a link that may lead inside
/// the booklet (to a document or a fragment) becomes a token (`#cs-livret-{n}`) that
/// [`placed`] replaces once every document's ids are known; any other leads where the
/// site's pages lead it.
struct Deferred<'a> {
    site: crate::site::content::SiteUrls<'a>,
    targets: std::cell::RefCell<Vec<Target>>,
}

const TOKEN: &str = "#cs-livret-";

impl markdown::Urls for Deferred<'_> {
    fn url(&self, target: &Target) -> Option<String> {
        match target {
            Target::Here { .. } | Target::Page { .. } => {
                let mut targets = self.targets.borrow_mut();
                targets.push(target.clone());
                Some(format!("{TOKEN}{}", targets.len() - 1))
            }
            _ => self.site.url(target),
        }
    }
}

/// Renders a document's body for the booklet, once.
fn render(ctx: &Ctx, meta: &Meta) -> Rendered {
    let root = urls::root_of(urls::BOOKLET);
    let links = Deferred {
        site: crate::site::content::SiteUrls {
            root: &root,
            away_from: urls::page_of_path(&meta.path),
        },
        targets: std::cell::RefCell::new(Vec::new()),
    };
    let own = crate::validate::page_ids::of(ctx.repo, meta);
    let html = ctx.render(meta, urls::BOOKLET, &own, Some(&links)).html;
    Rendered {
        html,
        deferred: links.targets.into_inner(),
    }
}

/// Where a document is in the booklet: its chapter's or part's id, and its ids there.
struct Place {
    slot: String,
    ids: HashMap<String, String>,
}

/// The URLs of links in the booklet: to a place of the booklet when it shows what the link
/// leads to, else to the site's page.
struct BookletUrls<'a> {
    from: &'a str,
    places: &'a HashMap<String, Place>,
    site: crate::site::content::SiteUrls<'a>,
}

impl markdown::Urls for BookletUrls<'_> {
    fn url(&self, target: &Target) -> Option<String> {
        let inside = match target {
            Target::Here { fragment } => self.at(self.from, fragment.as_deref()),
            Target::Page { path, fragment } => self.at(path, fragment.as_deref()),
            _ => None,
        };
        inside.or_else(|| self.site.url(target))
    }
}

impl BookletUrls<'_> {
    fn at(&self, path: &str, fragment: Option<&str>) -> Option<String> {
        let place = self.places.get(path)?;
        let id = match fragment {
            None => &place.slot,
            Some(f) => place.ids.get(f)?,
        };
        Some(format!("#{id}"))
    }
}

/// A body for the booklet: headings `levels` lower, its ids and links the booklet's.
fn placed(
    rendered: &Rendered,
    meta: &Meta,
    places: &HashMap<String, Place>,
    levels: usize,
) -> String {
    let root = urls::root_of(urls::BOOKLET);
    let links = BookletUrls {
        from: &meta.path,
        places,
        site: crate::site::content::SiteUrls {
            root: &root,
            away_from: urls::page_of_path(&meta.path),
        },
    };
    let ids = places.get(&meta.path).map(|p| &p.ids);
    let html = markdown::map_ids(&rendered.html, |id| ids.and_then(|m| m.get(id)).cloned());
    // A document's own links (`Here`) always lead to its place, a `Page` target is a
    // document, which has a page: every token resolves.
    let mut html = markdown::map_urls(&html, |url| {
        let n: usize = url.strip_prefix(TOKEN)?.parse().ok()?;
        rendered
            .deferred
            .get(n)
            .and_then(|t| markdown::Urls::url(&links, t))
    });
    for level in (2..=5).rev() {
        let to = (level + levels).min(6);
        html = html
            .replace(&format!("<h{level}"), &format!("<h{to}"))
            .replace(&format!("</h{level}>"), &format!("</h{to}>"));
    }
    html
}

fn plan<'a>(ctx: &Ctx<'a>, id: &str, title: &str) -> Chapter<'a> {
    let intro = ctx.repo.plans.iter().find(|i| i.meta.id == id);
    Chapter {
        key: "principes",
        id: format!("livret-plan-{id}"),
        doc: intro.map(|i| &i.meta),
        title: intro
            .and_then(|i| i.titre.clone())
            .unwrap_or_else(|| title.to_string()),
        url: urls::plan(id),
        lines: Vec::new(),
        body: String::new(),
        parts: ctx
            .repo
            .principes
            .iter()
            .filter(|p| p.plan == id)
            .map(|p| {
                let mut meta = vec![
                    ctx.label("statut", p.statut.as_str()),
                    ctx.classe_name(p.classe.value.as_str()),
                ];
                if let Some(d) = &p.adopte_le {
                    let date = crate::i18n::typography::long_date(ctx.lang, &d.value)
                        .unwrap_or_else(|| d.value.clone());
                    meta.push(format!(
                        "{} {date}",
                        ctx.word(Word::AdopteLe).to_lowercase()
                    ));
                }
                Part {
                    id: format!("livret-{}", p.meta.id),
                    doc: Some(&p.meta),
                    title: p.titre.clone(),
                    url: urls::principe(&p.meta.id),
                    meta: meta.join(" · "),
                    repealed: (!p.statut.in_force()).then(|| Repealed {
                        since: p
                            .abroge_le
                            .as_ref()
                            .and_then(|d| crate::i18n::typography::since(ctx.lang, &d.value)),
                        replaced_by: ctx
                            .replaced_by
                            .get(p.meta.id.as_str())
                            .into_iter()
                            .flatten()
                            .map(|by| ctx.principe_ref(by))
                            .collect(),
                    }),
                    body: String::new(),
                }
            })
            .collect(),
    }
}

/// The pyramid in words, as print shows it: each role with its current holders' names,
/// then each member's share of the capital.
fn pyramid<'a>(ctx: &Ctx<'a>) -> Chapter<'a> {
    let colon = |label: &str| crate::i18n::typography::colon(ctx.lang, label);
    let mut lines: Vec<String> = Vec::new();
    if let Some(p) = &ctx.repo.pyramide {
        for role in Role::iter() {
            let names: Vec<String> = p
                .entries(role)
                .iter()
                .filter(|e| e.jusqu_au.is_none())
                .map(|e| ctx.member(&e.membre.value).title)
                .collect();
            let names = if names.is_empty() {
                ctx.word(Word::EmptyRole).to_string()
            } else {
                names.join(", ")
            };
            lines.push(format!("{} {names}", colon(ctx.role_label(role))));
        }
        if let crate::model::Capital::Parts { parts, .. } = &p.capital {
            let shares: Vec<String> = parts
                .iter()
                .map(|s| {
                    let name = ctx.member(&s.membre.value).title;
                    format!("{name} {}", ctx.amount(s.part, "%"))
                })
                .collect();
            lines.push(format!(
                "{} {}",
                colon(ctx.word(Word::Capital)),
                shares.join(", ")
            ));
        }
    }
    Chapter {
        key: "pyramide",
        id: "livret-pyramide".into(),
        doc: None,
        title: ctx.word(Word::Pyramide).to_string(),
        url: urls::PYRAMIDE.into(),
        lines,
        body: String::new(),
        parts: Vec::new(),
    }
}

fn catalogue<'a>(ctx: &Ctx<'a>) -> Chapter<'a> {
    let mut offres: Vec<&crate::model::Offre> = ctx
        .repo
        .offres
        .iter()
        .filter(|o| o.statut != crate::model::OffreStatut::Archivee)
        .collect();
    offres.sort_by(|a, b| ctx.collate(&a.titre, &b.titre));
    Chapter {
        key: "catalogue",
        id: "livret-catalogue".into(),
        doc: None,
        title: ctx.word(Word::Catalogue).to_string(),
        url: urls::CATALOGUE.into(),
        lines: Vec::new(),
        body: String::new(),
        parts: offres
            .into_iter()
            .map(|o| {
                let card = super::catalogue::offre_card(ctx, o);
                Part {
                    id: format!("livret-offre-{}", o.meta.id),
                    doc: None,
                    title: o.titre.clone(),
                    url: urls::offre(&o.meta.id),
                    meta: card.summary_line(),
                    repealed: None,
                    body: crate::site::content::escape(&card.resume),
                }
            })
            .collect(),
    }
}

/// The wealth matrices: each one's context, period and flows, in words.
fn matrices<'a>(ctx: &Ctx<'a>) -> Chapter<'a> {
    use crate::site::content::escape;
    let colon = |label: &str| crate::i18n::typography::colon(ctx.lang, label);
    Chapter {
        key: "matrices",
        id: "livret-matrices".into(),
        doc: None,
        title: ctx.word(Word::Matrices).to_string(),
        url: urls::MATRICES.into(),
        lines: Vec::new(),
        body: String::new(),
        parts: ctx
            .repo
            .matrices
            .iter()
            .map(|m| {
                let mut meta = Vec::new();
                if let Some(t) = &m.contexte_type {
                    meta.push(ctx.label("contexte", t));
                }
                if let Some((du, au)) = &m.periode {
                    let date = |d: &crate::model::Sp<String>| {
                        crate::i18n::typography::long_date(ctx.lang, &d.value)
                            .unwrap_or_else(|| d.value.clone())
                    };
                    match (du, au) {
                        (Some(du), Some(au)) => meta.push(format!("{} → {}", date(du), date(au))),
                        (Some(d), None) | (None, Some(d)) => meta.push(date(d)),
                        (None, None) => {}
                    }
                }
                let mut body = String::new();
                if let Some(d) = m
                    .description
                    .as_deref()
                    .or(m.contexte_description.as_deref())
                {
                    body.push_str(&format!(
                        "<p>{}</p>",
                        escape(&crate::markdown::plain_text(d))
                    ));
                }
                if !m.flux.is_empty() {
                    body.push_str("<ul>");
                    for f in &m.flux {
                        let value = match (f.mesure, f.valeur) {
                            (crate::model::Mesure::Quantitative, Some(v)) => {
                                format!(" {}", ctx.amount(v, &f.unit().unwrap_or_default()))
                            }
                            _ => String::new(),
                        };
                        let appreciation = f
                            .appreciation
                            .as_deref()
                            .map(|a| format!(" ({})", escape(a)))
                            .unwrap_or_default();
                        body.push_str(&format!(
                            "<li>{} → {} {}{}{appreciation}</li>",
                            escape(&ctx.member(&f.de.value).title),
                            colon(&escape(&ctx.member(&f.vers.value).title)),
                            escape(&f.richesse),
                            escape(&value),
                        ));
                    }
                    body.push_str("</ul>");
                }
                Part {
                    id: format!("livret-matrice-{}", m.meta.id),
                    doc: None,
                    title: m.titre.clone(),
                    url: urls::page_of(crate::format::Kind::Matrice, &m.meta.id),
                    meta: meta.join(" · "),
                    repealed: None,
                    body,
                }
            })
            .collect(),
    }
}

/// The members, in the order of their page: kind, roles, territory, then their text.
fn members<'a>(ctx: &Ctx<'a>) -> Chapter<'a> {
    let mut sorted: Vec<&crate::model::Membre> = ctx.repo.membres.iter().collect();
    sorted.sort_by(|a, b| ctx.collate(&a.nom, &b.nom));
    Chapter {
        key: "membres",
        id: "livret-membres".into(),
        doc: None,
        title: ctx.word(Word::Membres).to_string(),
        url: urls::MEMBRES.into(),
        lines: Vec::new(),
        body: String::new(),
        parts: sorted
            .into_iter()
            .map(|m| {
                let mut meta = vec![ctx.label("", m.type_.as_str())];
                meta.extend(ctx.roles_of(&m.meta.id).iter().map(|r| r.label.to_string()));
                meta.extend(m.territoire.clone());
                Part {
                    id: format!("livret-membre-{}", m.meta.id),
                    doc: Some(&m.meta),
                    title: m.nom.clone(),
                    url: urls::page_of(crate::format::Kind::Membre, &m.meta.id),
                    meta: meta.join(" · "),
                    repealed: None,
                    body: String::new(),
                }
            })
            .collect(),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    /// Each document of the booklet is rendered once: its ids and its links are placed
    /// in the same HTML (issue 15).
    #[test]
    fn each_body_is_rendered_once() {
        let dir = std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("examples/cheznous");
        let source = crate::load::source::DirSource::new(&dir);
        let checked = crate::validate::check(crate::load::load(&source).expect("loaded"), None);
        let history = crate::site::history::History::default();
        let ctx = Ctx::new(&checked.repo, &history, None);
        crate::site::content::RENDERS.with(|r| r.borrow_mut().clear());
        let page = page(&ctx);
        let renders = crate::site::content::RENDERS.with(|r| r.borrow().clone());
        let PageData::Booklet(view) = &page.data else {
            panic!("a booklet")
        };
        let shown: Vec<&str> = view
            .chapters
            .iter()
            .flat_map(|c| {
                c.doc
                    .into_iter()
                    .chain(c.parts.iter().filter_map(|p| p.doc))
            })
            .map(|m| m.path.as_str())
            .collect();
        assert!(shown.len() > 20, "{shown:?}");
        for path in shown {
            assert_eq!(renders.get(path), Some(&1), "{path}");
        }
    }

    /// Every chapter of the site's navigation is in the booklet, in the navigation's
    /// order (the wealth matrices and the members were missing, issue 17), then the
    /// footer's pages; an abrogated principle carries its page's banner.
    #[test]
    fn every_chapter_of_the_navigation_is_in_the_booklet_in_order() {
        let dir = std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("examples/cheznous");
        let source = crate::load::source::DirSource::new(&dir);
        let checked = crate::validate::check(crate::load::load(&source).expect("loaded"), None);
        let history = crate::site::history::History::default();
        let bilan =
            crate::bilan::compute(&checked.repo, None, 0, crate::bilan::Duration::Days(365));
        let mut ctx = Ctx::new(&checked.repo, &history, None);
        ctx.bilan = Some(&bilan);
        let page = page(&ctx);
        let PageData::Booklet(view) = &page.data else {
            panic!("a booklet")
        };
        let mut keys: Vec<&str> = view.chapters.iter().map(|c| c.key).collect();
        keys.dedup();
        let mut expected: Vec<&str> = crate::site::layout::nav_keys(&ctx)
            .into_iter()
            .filter(|k| !NOT_CHAPTERS.contains(k))
            .collect();
        expected.extend(["informations", "annexe"]);
        assert_eq!(keys, expected);
        assert!(expected.contains(&"matrices") && expected.contains(&"membres"));
        for c in &view.chapters {
            assert!(
                !c.parts.is_empty() || c.doc.is_some() || !c.lines.is_empty(),
                "{} is empty",
                c.key
            );
        }
        let repealed: Vec<&Part> = view
            .chapters
            .iter()
            .flat_map(|c| c.parts.iter())
            .filter(|p| p.repealed.is_some())
            .collect();
        let abroges = checked
            .repo
            .principes
            .iter()
            .filter(|p| !p.statut.in_force())
            .count();
        assert!(abroges > 0);
        assert_eq!(repealed.len(), abroges);
        let r = repealed[0].repealed.as_ref().expect("banner");
        assert!(r.since.is_some());
        assert!(!r.replaced_by.is_empty());
        for by in &r.replaced_by {
            assert!(by.url.starts_with("#livret-"), "{}", by.url);
        }
    }
}
