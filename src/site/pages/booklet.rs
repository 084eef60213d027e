//! The printable booklet: every chapter of the #CodeSocial on one page, in the order of
//! the method, for a general assembly — its table of contents first, the source and the
//! date on the cover. Bodies are the same HTML as on their pages, their headings moved
//! below the chapter's and their ids prefixed, so that two documents' "Pourquoi" stay two
//! anchors.

use serde::Serialize;

use super::{Page, PageData};
use crate::format::Role;
use crate::i18n::site::Word;
use crate::model::Meta;
use crate::site::jsonld;
use crate::site::urls;
use crate::site::view::Ctx;
use strum::IntoEnumIterator;

/// `livret.html`.
#[derive(Serialize)]
pub struct BookletView {
    /// Where the #CodeSocial is kept (`site.depot`), else where the site is published.
    source: Option<String>,
    /// The day it was made (`YYYY-MM-DD`).
    date: String,
    chapters: Vec<Chapter>,
}

#[derive(Serialize)]
struct Chapter {
    id: String,
    title: String,
    url: String,
    /// Facts or lines before the body (a plan's rules, a role's members…).
    lines: Vec<String>,
    body: String,
    parts: Vec<Part>,
}

#[derive(Serialize)]
struct Part {
    id: String,
    title: String,
    url: String,
    /// One line of facts: statut, classe, dates, price…
    meta: String,
    body: String,
}

pub fn page<'a>(ctx: &'a Ctx<'a>) -> Page<'a> {
    let mut page = Page::new(urls::BOOKLET, "livret.html", "livret", Word::Booklet);
    page.title = ctx.word(Word::Booklet).to_string();
    page.description = ctx.word(Word::BookletIntro).to_string();
    let options = ctx.options();
    let mut chapters = Vec::new();
    let repo = ctx.repo;
    if let Some(r) = &repo.raison {
        chapters.push(chapter(ctx, "raison", &r.titre, urls::RAISON, &r.meta));
    }
    if let Some(h) = &repo.histoire {
        let mut c = chapter(ctx, "histoire", &h.titre, urls::HISTOIRE, &h.meta);
        c.lines = h
            .jalons
            .iter()
            .map(|j| {
                let date = crate::i18n::typography::long_date(ctx.lang, &j.date.value)
                    .unwrap_or_else(|| j.date.value.clone());
                format!("{date} — {}", j.titre)
            })
            .collect();
        chapters.push(c);
    }
    if let Some(i) = &repo.informations {
        let title = if i.titre.is_empty() {
            ctx.word(Word::Informations).to_string()
        } else {
            i.titre.clone()
        };
        chapters.push(chapter(
            ctx,
            "informations",
            &title,
            urls::INFORMATIONS,
            &i.meta,
        ));
    }
    chapters.extend(ctx.plans.iter().map(|p| plan(ctx, &p.id, &p.title)));
    chapters.push(pyramid(ctx));
    chapters.push(catalogue(ctx));
    if let Some(m) = &repo.modification {
        chapters.push(chapter(
            ctx,
            "modification",
            &m.titre,
            urls::MODIFICATION,
            &m.meta,
        ));
    }
    chapters.extend(repo.annexes.iter().map(|a| {
        chapter(
            ctx,
            &format!("annexe-{}", a.meta.id),
            &a.titre,
            &urls::page_of(crate::format::Kind::Annexe, &a.meta.id),
            &a.meta,
        )
    }));
    page.data = PageData::Booklet(BookletView {
        source: options.depot.clone().or_else(|| ctx.base_url.clone()),
        date: crate::date::ymd(crate::date::now()),
        chapters,
    });
    page.jsonld = jsonld::web_page(ctx, &page);
    page
}

fn chapter(ctx: &Ctx, id: &str, title: &str, url: &str, meta: &Meta) -> Chapter {
    Chapter {
        id: format!("livret-{id}"),
        title: title.to_string(),
        url: url.to_string(),
        lines: Vec::new(),
        body: body(ctx, meta, &format!("livret-{id}"), 1),
        parts: Vec::new(),
    }
}

/// A body for the booklet: headings `levels` lower, ids and their links prefixed.
fn body(ctx: &Ctx, meta: &Meta, prefix: &str, levels: usize) -> String {
    let html = ctx.body(meta, urls::BOOKLET).html;
    let mut html = html
        .replace(" id=\"", &format!(" id=\"{prefix}-"))
        .replace("href=\"#", &format!("href=\"#{prefix}-"));
    for level in (2..=5).rev() {
        let to = (level + levels).min(6);
        html = html
            .replace(&format!("<h{level}"), &format!("<h{to}"))
            .replace(&format!("</h{level}>"), &format!("</h{to}>"));
    }
    html
}

fn plan(ctx: &Ctx, id: &str, title: &str) -> Chapter {
    let intro = ctx.repo.plans.iter().find(|i| i.meta.id == id);
    let prefix = format!("livret-plan-{id}");
    Chapter {
        id: prefix.clone(),
        title: intro
            .and_then(|i| i.titre.clone())
            .unwrap_or_else(|| title.to_string()),
        url: urls::plan(id),
        lines: Vec::new(),
        body: intro
            .map(|i| body(ctx, &i.meta, &prefix, 1))
            .unwrap_or_default(),
        parts: ctx
            .repo
            .principes
            .iter()
            .filter(|p| p.plan == id)
            .map(|p| {
                let mut meta = vec![
                    ctx.label("statut", p.statut.as_str()),
                    format!(
                        "{} {}",
                        ctx.word(Word::Classe),
                        ctx.label("classe", p.classe.value.as_str())
                    ),
                ];
                if let Some(d) = &p.adopte_le {
                    let date = crate::i18n::typography::long_date(ctx.lang, &d.value)
                        .unwrap_or_else(|| d.value.clone());
                    meta.push(format!(
                        "{} {date}",
                        ctx.word(Word::AdopteLe).to_lowercase()
                    ));
                }
                let part_id = format!("livret-{}", p.meta.id);
                Part {
                    title: p.titre.clone(),
                    url: urls::principe(&p.meta.id),
                    meta: meta.join(" · "),
                    body: body(ctx, &p.meta, &part_id, 2),
                    id: part_id,
                }
            })
            .collect(),
    }
}

fn pyramid(ctx: &Ctx) -> Chapter {
    let lines = ctx
        .repo
        .pyramide
        .as_ref()
        .map(|p| {
            Role::iter()
                .map(|role| {
                    let names: Vec<String> = p
                        .entries(role)
                        .iter()
                        .filter(|e| e.jusqu_au.is_none())
                        .map(|e| ctx.member(&e.membre.value).title)
                        .collect();
                    format!("{} : {}", ctx.role_label(role), names.join(", "))
                })
                .collect()
        })
        .unwrap_or_default();
    Chapter {
        id: "livret-pyramide".into(),
        title: ctx.word(Word::Pyramide).to_string(),
        url: urls::PYRAMIDE.into(),
        lines,
        body: String::new(),
        parts: Vec::new(),
    }
}

fn catalogue(ctx: &Ctx) -> Chapter {
    let mut offres: Vec<&crate::model::Offre> = ctx
        .repo
        .offres
        .iter()
        .filter(|o| o.statut != crate::model::OffreStatut::Archivee)
        .collect();
    offres.sort_by(|a, b| ctx.collate(&a.titre, &b.titre));
    Chapter {
        id: "livret-catalogue".into(),
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
                    title: o.titre.clone(),
                    url: urls::offre(&o.meta.id),
                    meta: card.summary_line(),
                    body: crate::site::content::escape(&card.resume),
                }
            })
            .collect(),
    }
}
