//! The principles: the index by plan, one page per plan, one page per principle.

use serde::Serialize;

use super::{date_of, refs_by, site::short, Page, PageData};
use crate::format::Kind;
use crate::i18n::site::Word;
use crate::model::Principe;
use crate::site::content;
use crate::site::jsonld;
use crate::site::view::{Ctx, PlanView, PrincipeCard, Ref};
use crate::urls;

/// `principes.html`.
#[derive(Serialize)]
pub struct PrincipesView<'a> {
    plans: Vec<PlanBlock<'a>>,
}

#[derive(Serialize)]
struct PlanBlock<'a> {
    plan: &'a PlanView,
    intro: String,
    principes: Vec<PrincipeCard>,
}

pub fn index<'a>(ctx: &'a Ctx<'a>) -> Page<'a> {
    let mut page = Page::new(urls::PRINCIPES, "principes.html", "principes", Word::Plans);
    page.title = ctx.word(Word::Plans).to_string();
    let plans = ctx
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
            PlanBlock {
                plan: p,
                intro,
                principes: cards_of_plan(ctx, &p.id),
            }
        })
        .collect();
    page.data = PageData::Principes(PrincipesView { plans });
    page.jsonld = jsonld::web_page(ctx, &page);
    page
}

fn cards_of_plan(ctx: &Ctx, plan: &str) -> Vec<PrincipeCard> {
    ctx.repo
        .principes
        .iter()
        .filter(|p| p.plan == plan)
        .filter_map(|p| ctx.principe_card(&p.meta.id))
        .collect()
}

/// `plan.html`.
#[derive(Serialize)]
pub struct PlanPageView<'a> {
    plan: Option<PlanView>,
    body: String,
    mots_cles: &'a [String],
    principes: Vec<PrincipeCard>,
}

pub fn plan<'a>(ctx: &'a Ctx<'a>, id: &str) -> Page<'a> {
    let mut page = Page::new(urls::plan(id), "plan.html", "principes", Word::Plan);
    let view = ctx.plan(id);
    let intro = ctx.repo.plans.iter().find(|i| i.meta.id == id);
    let body = intro
        .map(|i| ctx.body(&i.meta, &mut page))
        .unwrap_or_default();
    page.series = Some("plans".into());
    page.source = intro.map(|i| i.meta.path.clone());
    page.title = intro
        .and_then(|i| i.titre.clone())
        .or_else(|| view.as_ref().map(|v| v.title.clone()))
        .unwrap_or_else(|| id.to_string());
    page.description = intro
        .map(|i| content::first_paragraph_text(&i.meta.body, 240))
        .unwrap_or_default();
    page.data = PageData::Plan(PlanPageView {
        plan: view,
        body: body.html,
        mots_cles: intro.map_or(&[], |i| i.mots_cles.as_slice()),
        principes: cards_of_plan(ctx, id),
    });
    page.files = body.files;
    page.jsonld = jsonld::web_page(ctx, &page);
    page
}

/// `principe.html`.
#[derive(Serialize)]
pub struct PrincipeView<'a> {
    card: Option<PrincipeCard>,
    adopte_le: Option<&'a str>,
    abroge_le: Option<&'a str>,
    version: Option<i64>,
    responsables: Vec<Ref>,
    mots_cles: &'a [String],
    liens: Vec<Ref>,
    linked_from: Vec<Ref>,
    offres: Vec<Ref>,
    remplace: Vec<Ref>,
    replaced_by: Vec<Ref>,
    history: Vec<HistoryRow<'a>>,
    /// Where a shallow clone's history stops, when it does.
    history_truncated: Option<&'a crate::history::Truncation>,
    body: String,
}

/// A commit on a document's page.
#[derive(Serialize)]
struct HistoryRow<'a> {
    date: &'a str,
    author: &'a str,
    /// The summary as inline HTML ([`crate::site::content::render_summary`]).
    message: String,
    commit: &'a str,
}

pub fn principe<'a>(ctx: &'a Ctx<'a>, p: &'a Principe) -> Page<'a> {
    let mut page = principe_head(p);
    fill_principe(ctx, p, &mut page);
    page
}

/// A principle's page without its view model: its place, title and series
/// ([`super::Pending`]).
pub fn principe_head(p: &Principe) -> Page<'_> {
    let mut page = Page::new(
        urls::principe(&p.meta.id),
        "principe.html",
        "principes",
        Word::Principe,
    );
    page.shows(&p.meta, Some(format!("plan:{}", p.plan)));
    page.title = p.titre.clone();
    page
}

/// Builds the view model of the page `principe_head` made for `p`.
pub fn fill_principe<'a>(ctx: &'a Ctx<'a>, p: &'a Principe, page: &mut Page<'a>) {
    let id = p.meta.id.as_str();
    let body = ctx.body(&p.meta, page);
    let card = ctx.principe_card(id);
    page.description = card.as_ref().map(|c| c.resume.clone()).unwrap_or_default();
    let history = ctx
        .history
        .of(Kind::Principe, id)
        .iter()
        .map(|h| {
            let message = ctx.commit_summary(&h.message, &page.path);
            page.files.extend(message.files);
            HistoryRow {
                date: &h.date,
                author: &h.author,
                message: message.html,
                commit: short(&h.commit),
            }
        })
        .collect();
    page.data = PageData::Principe(PrincipeView {
        card,
        adopte_le: date_of(p.adopte_le.as_ref()),
        abroge_le: date_of(p.abroge_le.as_ref()),
        version: p.version,
        responsables: ctx.members(p.responsables.iter().map(|r| r.value.as_str())),
        mots_cles: &p.mots_cles,
        liens: p.liens.iter().map(|l| ctx.principe_ref(&l.value)).collect(),
        linked_from: refs_by(ctx.linked_from.get(id), |i| ctx.principe_ref(i)),
        offres: refs_by(ctx.offers_of_principe.get(id), |i| ctx.offre_ref(i)),
        remplace: p
            .remplace
            .iter()
            .map(|r| ctx.principe_ref(&r.value))
            .collect(),
        replaced_by: refs_by(ctx.replaced_by.get(id), |i| ctx.principe_ref(i)),
        history,
        history_truncated: ctx.history.truncated.as_ref(),
        body: body.html,
    });
    page.files = body.files;
    page.jsonld = jsonld::web_page(ctx, page);
}
