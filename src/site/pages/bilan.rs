//! The bilan as a page for readers: the diagnostic `codesocial bilan` computes (handed to
//! the site as data, [`Bilan`]), with names instead of ids, every principle, plan, member
//! and offer linked to its page, sections a table of contents can list, and its charts as
//! HTML bars that reflow on a phone and follow the light or dark theme.

use serde::Serialize;

use super::{bar_width, Page, PageData};
use crate::bilan::{Bilan, Part};
use crate::i18n::bilan::{self as words, BilanText as B};
use crate::i18n::site::Word;
use crate::i18n::Lang;
use crate::site::jsonld;
use crate::site::view::{Ctx, Ref};
use crate::urls;

/// `bilan.html`.
#[derive(Serialize)]
pub struct BilanView {
    /// The day it describes (`YYYY-MM-DD`).
    date: String,
    sections: Vec<Section>,
}

#[derive(Serialize)]
struct Section {
    id: &'static str,
    title: String,
    blocks: Vec<Block>,
}

/// What a section shows, in order.
#[derive(Serialize)]
#[serde(tag = "kind", rename_all = "snake_case")]
enum Block {
    /// A sentence, as HTML: see [`para`].
    Para {
        html: String,
    },
    /// A sentence's subject followed by the pages it names.
    Links {
        label: String,
        items: Vec<Ref>,
    },
    Table(Table),
    Bars(Bars),
}

#[derive(Serialize)]
struct Table {
    caption: Option<String>,
    head: Vec<Head>,
    rows: Vec<Vec<Cell>>,
}

#[derive(Serialize)]
struct Head {
    text: String,
    num: bool,
}

/// A cell: text, a link when `url` is not empty, or a list of links (`links`, members
/// named as everywhere else on the site) shown instead of `text` when not empty.
#[derive(Serialize)]
struct Cell {
    text: String,
    url: String,
    num: bool,
    links: Vec<Ref>,
}

/// A chart of horizontal bars, one row per label, each a stack of segments.
#[derive(Serialize)]
struct Bars {
    title: String,
    legend: Vec<Key>,
    rows: Vec<BarRow>,
}

#[derive(Serialize)]
struct Key {
    class: &'static str,
    label: String,
}

#[derive(Serialize)]
struct BarRow {
    label: Cell,
    segments: Vec<Segment>,
    /// The values in words, beside the bar.
    values: String,
}

#[derive(Serialize)]
struct Segment {
    class: &'static str,
    /// Even percent of the row's track.
    width: u8,
}

/// A sentence of the bilan's words (shared with the terminal and Markdown reports, where
/// `` `x` `` is code): escaped, each `` `x` `` written as `<code>x</code>`, never a raw
/// backtick on the page.
fn para(text: impl AsRef<str>) -> Block {
    Block::Para {
        html: code_spans(text.as_ref()),
    }
}

/// `text` escaped, each pair of backticks made a `<code>` element (a lone one is kept).
fn code_spans(text: &str) -> String {
    let escape = crate::site::content::escape;
    let mut html = String::new();
    let mut rest = text;
    while let Some(open) = rest.find('`') {
        let Some(close) = rest[open + 1..].find('`').map(|c| open + 1 + c) else {
            break;
        };
        html.push_str(&escape(&rest[..open]));
        html.push_str("<code>");
        html.push_str(&escape(&rest[open + 1..close]));
        html.push_str("</code>");
        rest = &rest[close + 1..];
    }
    html.push_str(&escape(rest));
    html
}

fn text(s: impl Into<String>) -> Cell {
    Cell {
        text: s.into(),
        url: String::new(),
        num: false,
        links: Vec::new(),
    }
}

fn num(s: impl Into<String>) -> Cell {
    Cell {
        num: true,
        ..text(s)
    }
}

fn link(r: Ref) -> Cell {
    Cell {
        text: r.title,
        url: r.url,
        num: false,
        links: Vec::new(),
    }
}

fn table(l: Lang, head: &[(B, bool)], rows: Vec<Vec<Cell>>) -> Table {
    Table {
        caption: None,
        head: head
            .iter()
            .map(|(h, num)| Head {
                text: h.text_in(l),
                num: *num,
            })
            .collect(),
        rows,
    }
}

/// The plan of an id, as a link to its page.
fn plan(ctx: &Ctx, id: &str) -> Cell {
    match ctx.plan(id) {
        Some(p) => Cell {
            text: p.title,
            url: p.url,
            num: false,
            links: Vec::new(),
        },
        None => text(id),
    }
}

pub fn page<'a>(ctx: &'a Ctx<'a>, bilan: &Bilan) -> Page<'a> {
    let mut page = Page::new(urls::BILAN, "bilan.html", "bilan", Word::Bilan);
    page.title = ctx.word(Word::Bilan).to_string();
    page.description = ctx.word(Word::BilanIntro).to_string();
    let l = ctx.lang;
    page.data = PageData::Bilan(BilanView {
        date: bilan.date.clone(),
        sections: Part::all()
            .map(|part| Section {
                id: part.id(),
                title: part.title().text_in(l),
                blocks: match part {
                    Part::Coverage => coverage(ctx, bilan),
                    Part::Freshness => freshness(ctx, bilan),
                    Part::Pyramid => pyramid(ctx, bilan),
                    Part::Flows => flows(ctx, bilan),
                    Part::Catalogue => catalogue(ctx, bilan),
                    Part::Evolution => evolution(ctx, bilan),
                },
            })
            .collect(),
    });
    page.jsonld = jsonld::web_page(ctx, &page);
    page
}

fn coverage(ctx: &Ctx, b: &Bilan) -> Vec<Block> {
    let l = ctx.lang;
    let most = b
        .plans
        .iter()
        .map(|p| p.counts.total())
        .max()
        .unwrap_or(0)
        .max(1) as f64;
    let rows = b
        .plans
        .iter()
        .map(|p| {
            let c = p.counts;
            let seg = |class, n: usize| Segment {
                class,
                width: bar_width(n as f64 / most),
            };
            BarRow {
                label: plan(ctx, &p.id),
                segments: vec![
                    seg("adopte", c.adopte),
                    seg("propose", c.propose),
                    seg("abroge", c.abroge),
                ],
                values: [
                    (B::Adopted, c.adopte),
                    (B::Proposed, c.propose),
                    (B::Repealed, c.abroge),
                ]
                .iter()
                // The statuts a plan has, or "Adoptés : 0" when it has none.
                .filter(|(_, n)| *n > 0 || c.total() == 0)
                .take(if c.total() == 0 { 1 } else { 3 })
                .map(|(w, n)| words::labelled(l, &w.text_in(l), &n.to_string()))
                .collect::<Vec<_>>()
                .join(" · "),
            }
        })
        .collect();
    let mut blocks = vec![Block::Bars(Bars {
        title: B::CoverageChart.text_in(l),
        legend: [
            ("adopte", B::Adopted),
            ("propose", B::Proposed),
            ("abroge", B::Repealed),
        ]
        .into_iter()
        .map(|(class, w)| Key {
            class,
            label: w.text_in(l),
        })
        .collect(),
        rows,
    })];
    if b.empty_plans.is_empty() {
        blocks.push(para(B::NoEmptyPlan.text_in(l)));
    } else {
        blocks.push(links(
            ctx.word(Word::EmptyPlans),
            b.empty_plans.iter().map(|id| cell_ref(plan(ctx, id))),
        ));
    }
    let share = words::percent(l, b.links.share);
    blocks.push(para(
        B::Linked {
            linked: b.links.linked,
            in_force: b.links.in_force,
            share: &share,
        }
        .text_in(l),
    ));
    if b.links.clusters > 1 {
        for group in &b.links.isolated_clusters {
            blocks.push(links(
                ctx.word(Word::ApartFromTheRest),
                group.iter().map(|id| ctx.principe_ref(id)),
            ));
        }
    } else if b.links.in_force > 0 {
        blocks.push(para(B::OneCluster.text_in(l)));
    }
    blocks
}

fn cell_ref(c: Cell) -> Ref {
    Ref {
        id: String::new(),
        title: c.text,
        url: c.url,
    }
}

/// A sentence followed by links. The template writes the colon before the links, so a
/// label shared with the terminal's report (which ends with its own colon) loses it here.
fn links(label: &str, items: impl Iterator<Item = Ref>) -> Block {
    Block::Links {
        label: label
            .trim_end_matches([':', ' ', '\u{a0}', '\u{202f}'])
            .to_string(),
        items: items.collect(),
    }
}

fn freshness(ctx: &Ctx, b: &Bilan) -> Vec<Block> {
    let l = ctx.lang;
    let mut blocks = Vec::new();
    let date = |d: &str| crate::i18n::typography::long_date(l, d).unwrap_or_else(|| d.into());
    match &b.stale {
        // A shallow clone hides some last changes: which principles are due is unknown.
        None if b.truncated.is_some() => blocks.push(para(B::StaleUnknown.text_in(l))),
        None => blocks.push(para(B::HistoryUnavailable.text_in(l))),
        Some(stale) => {
            let rows = b
                .principles
                .iter()
                .map(|p| {
                    vec![
                        link(ctx.principe_ref(&p.id)),
                        plan(ctx, &p.plan),
                        text(words::statut_name(l, &p.statut)),
                        text(
                            p.last_change
                                .as_deref()
                                .map_or_else(|| B::NotCommitted.text_in(l), date),
                        ),
                        num(p.age_days.map(|d| words::age(l, d)).unwrap_or_default()),
                    ]
                })
                .collect();
            let head = [
                (B::Principle, false),
                (B::Plan, false),
                (B::Statut, false),
                (B::LastChange, false),
                (B::Age, true),
            ];
            let after = words::duration(l, &b.stale_after);
            if stale.is_empty() {
                blocks.push(para(B::NoneStale { after: &after }.text_in(l)));
            } else {
                blocks.push(links(
                    &B::Stale {
                        count: stale.len(),
                        after: &after,
                    }
                    .text_in(l),
                    stale.iter().map(|s| ctx.principe_ref(&s.id)),
                ));
            }
            blocks.push(Block::Table(table(l, &head, rows)));
        }
    }
    blocks.push(proposals(ctx, b));
    blocks
}

fn proposals(ctx: &Ctx, b: &Bilan) -> Block {
    let l = ctx.lang;
    if b.proposals.is_empty() {
        return para(B::NoProposal.text_in(l));
    }
    let rows = b
        .proposals
        .iter()
        .map(|p| {
            vec![
                link(ctx.principe_ref(&p.id)),
                plan(ctx, &p.plan),
                text(p.since.as_deref().map_or_else(
                    || "—".into(),
                    |d| crate::i18n::typography::long_date(l, d).unwrap_or_else(|| d.into()),
                )),
                num(p.age_days.map_or_else(|| "—".into(), |d| words::age(l, d))),
            ]
        })
        .collect();
    let mut t = table(
        l,
        &[
            (B::Principle, false),
            (B::Plan, false),
            (B::Since, false),
            (B::Waiting, true),
        ],
        rows,
    );
    t.caption = Some(B::Proposals.text_in(l));
    Block::Table(t)
}

/// The members `ids` by name, as every list of the site sorts them (the language's
/// collation, numbers by value: "Membre 2" before "Membre 10", "Élodie" among the E).
fn members(ctx: &Ctx, ids: &[String]) -> impl Iterator<Item = Ref> {
    let mut refs: Vec<Ref> = ids.iter().map(|id| ctx.member(id)).collect();
    refs.sort_by(|a, b| ctx.collate(&a.title, &b.title));
    refs.into_iter()
}

/// The members `ids`, each linked to its page, or `empty` when there is none.
fn member_links(ctx: &Ctx, ids: &[String], empty: String) -> Cell {
    Cell {
        links: members(ctx, ids).collect(),
        ..text(if ids.is_empty() { empty } else { String::new() })
    }
}

fn pyramid(ctx: &Ctx, b: &Bilan) -> Vec<Block> {
    let l = ctx.lang;
    let none = B::None.text_in(l);
    let rows = b
        .roles
        .iter()
        .map(|r| {
            vec![
                link(Ref {
                    id: r.role.clone(),
                    title: B::RoleName { key: &r.role }.text_in(l),
                    url: format!("{}#role-{}", urls::PYRAMIDE, r.role),
                }),
                member_links(ctx, &r.members, none.clone()),
                member_links(ctx, &r.former, String::new()),
            ]
        })
        .collect();
    let mut blocks = vec![Block::Table(table(
        l,
        &[(B::Role, false), (B::Members, false), (B::Former, false)],
        rows,
    ))];
    if b.members_without_role.is_empty() {
        blocks.push(para(B::EveryoneHasRole.text_in(l)));
    } else {
        blocks.push(links(
            ctx.word(Word::WithoutRole),
            members(ctx, &b.members_without_role),
        ));
    }
    blocks.extend(capital(ctx, b));
    blocks
}

fn capital(ctx: &Ctx, b: &Bilan) -> Vec<Block> {
    let l = ctx.lang;
    match b.capital.status.as_str() {
        "sans-objet" => return vec![para(B::CapitalSansObjet.text_in(l))],
        "not-stated" => return vec![para(B::CapitalNotStated.text_in(l))],
        _ => {}
    }
    let rows = b
        .capital
        .holders
        .iter()
        .map(|h| {
            let roles: Vec<String> = h
                .roles
                .iter()
                .map(|r| B::RoleName { key: r }.text_in(l))
                .collect();
            vec![
                link(ctx.member(&h.member)),
                num(words::percent_of(l, h.part)),
                text(if roles.is_empty() {
                    B::None.text_in(l)
                } else {
                    roles.join(", ")
                }),
                text(if h.contributes { B::Yes } else { B::No }.text_in(l)),
            ]
        })
        .collect();
    let share = words::percent_of(l, b.capital.held_by_contributors);
    vec![
        Block::Table(table(
            l,
            &[
                (B::Holder, false),
                (B::Share, true),
                (B::Roles, false),
                (B::Contributes, false),
            ],
            rows,
        )),
        para(B::HeldByContributors { share: &share }.text_in(l)),
    ]
}

fn flows(ctx: &Ctx, b: &Bilan) -> Vec<Block> {
    let l = ctx.lang;
    let total: usize = b.flow_natures.iter().map(|n| n.count).sum();
    let mut blocks = vec![para(
        B::FlowSummary {
            matrices: b.matrices,
            flows: total,
        }
        .text_in(l),
    )];
    if b.flows.is_empty() {
        blocks.push(para(B::NoQuantitativeFlow.text_in(l)));
    }
    let mut units: Vec<&str> = b.flows.iter().map(|f| f.unit.as_str()).collect();
    units.sort_unstable();
    units.dedup();
    for unit in units {
        blocks.push(Block::Bars(flow_bars(ctx, b, unit)));
    }
    let groups = [
        (Word::OnlyGive, &b.only_give),
        (Word::OnlyReceive, &b.only_receive),
        (Word::WithoutFlow, &b.members_without_flow),
    ];
    for (label, ids) in groups {
        if !ids.is_empty() {
            blocks.push(links(ctx.word(label), members(ctx, ids)));
        }
    }
    let rows = b
        .flow_natures
        .iter()
        .map(|n| {
            vec![
                text(B::NatureName { key: &n.nature }.text_in(l)),
                text(B::NatureName { key: &n.measure }.text_in(l)),
                num(n.count.to_string()),
            ]
        })
        .collect();
    blocks.push(Block::Table(table(
        l,
        &[
            (B::Nature, false),
            (B::Measure, false),
            (B::FlowCount, true),
        ],
        rows,
    )));
    if !b.immaterial_by_wealth.is_empty() {
        let rows = b
            .immaterial_by_wealth
            .iter()
            .map(|w| vec![text(w.wealth.clone()), num(w.count.to_string())])
            .collect();
        blocks.push(Block::Table(table(
            l,
            &[(B::ImmaterialWealth, false), (B::FlowCount, true)],
            rows,
        )));
    }
    blocks
}

/// Given and received per member, in one unit: one bar each, side by side.
fn flow_bars(ctx: &Ctx, b: &Bilan, unit: &str) -> Bars {
    let l = ctx.lang;
    let mut flows: Vec<_> = b.flows.iter().filter(|f| f.unit == unit).collect();
    // By name, as the members' lists.
    flows.sort_by(|a, b| ctx.collate(&ctx.member(&a.member).title, &ctx.member(&b.member).title));
    let most = flows
        .iter()
        .map(|f| f.given.max(f.received))
        .fold(0.0, f64::max)
        .max(f64::MIN_POSITIVE);
    let amount = |v: f64| ctx.amount(v, unit);
    Bars {
        title: B::FlowsChart {
            unit: &crate::i18n::typography::unit_label(l, unit),
        }
        .text_in(l),
        legend: vec![
            Key {
                class: "given",
                label: B::Given.text_in(l),
            },
            Key {
                class: "received",
                label: B::Received.text_in(l),
            },
        ],
        rows: flows
            .iter()
            .map(|f| BarRow {
                label: link(ctx.member(&f.member)),
                segments: vec![
                    Segment {
                        class: "given",
                        width: bar_width(f.given / most / 2.0),
                    },
                    Segment {
                        class: "received",
                        width: bar_width(f.received / most / 2.0),
                    },
                ],
                values: format!(
                    "{} · {}",
                    words::labelled(l, &B::Given.text_in(l), &amount(f.given)),
                    words::labelled(l, &B::Received.text_in(l), &amount(f.received))
                ),
            })
            .collect(),
    }
}

fn catalogue(ctx: &Ctx, b: &Bilan) -> Vec<Block> {
    let l = ctx.lang;
    let mut blocks = vec![para(B::OfferSummary { offers: b.offers }.text_in(l))];
    let rows = b
        .offers_by_member
        .iter()
        .map(|(m, n)| vec![link(ctx.member(m)), num(n.to_string())])
        .collect();
    blocks.push(Block::Table(table(
        l,
        &[(B::Member, false), (B::Offers, true)],
        rows,
    )));
    if b.members_without_offer.is_empty() {
        blocks.push(para(B::EveryoneOffers.text_in(l)));
    } else {
        blocks.push(links(
            ctx.word(Word::WithoutOffer),
            members(ctx, &b.members_without_offer),
        ));
    }
    let rows = b
        .offers_by_plan
        .iter()
        .map(|p| vec![plan(ctx, &p.plan), num(p.count.to_string())])
        .collect();
    blocks.push(Block::Table(table(
        l,
        &[(B::Plan, false), (B::Offers, true)],
        rows,
    )));
    if !b.complements.is_empty() {
        let rows = b
            .complements
            .iter()
            .map(|c| {
                vec![
                    link(ctx.offre_ref(&c.offer)),
                    num(c.outgoing.to_string()),
                    num(c.incoming.to_string()),
                ]
            })
            .collect();
        blocks.push(Block::Table(table(
            l,
            &[
                (B::Offer, false),
                (B::ComplementOf, true),
                (B::CitedBy, true),
            ],
            rows,
        )));
    }
    blocks
}

/// A commit, linked to its entry on the évolution page when the page shows it.
fn commit(ctx: &Ctx, hash: &str) -> Cell {
    let short = super::site::short(hash);
    if ctx.history.evolution.iter().any(|e| e.commit == hash) {
        Cell {
            text: short.to_string(),
            url: format!("{}#commit-{short}", urls::EVOLUTION),
            num: false,
            links: Vec::new(),
        }
    } else {
        text(short)
    }
}

fn evolution(ctx: &Ctx, b: &Bilan) -> Vec<Block> {
    let l = ctx.lang;
    let Some(e) = &b.evolution else {
        return vec![para(B::HistoryUnavailable.text_in(l))];
    };
    let most = e
        .commits_per_month
        .iter()
        .filter_map(|m| m.commits)
        .max()
        .unwrap_or(0)
        .max(1) as f64;
    // Counts a shallow clone's history does not reach are unknown, never 0.
    let unknown = || B::UnknownTruncated.text_in(l);
    let since = crate::i18n::typography::long_date(l, &e.since).unwrap_or_else(|| e.since.clone());
    let mut blocks = vec![Block::Bars(Bars {
        title: B::Window { since: &since }.text_in(l),
        legend: Vec::new(),
        rows: e
            .commits_per_month
            .iter()
            .map(|m| BarRow {
                label: text(
                    crate::i18n::typography::long_date(l, &m.month)
                        .unwrap_or_else(|| m.month.clone()),
                ),
                segments: vec![Segment {
                    class: "given",
                    width: bar_width(m.commits.unwrap_or(0) as f64 / most),
                }],
                values: m
                    .commits
                    .map_or_else(unknown, |n| crate::i18n::count(l, n, "commit", "commits")),
            })
            .collect(),
    })];
    let rows = e
        .amendments_by_classe
        .iter()
        .map(|c| {
            vec![
                text(B::ClasseName { key: &c.classe }.text_in(l)),
                num(c.last_year.map_or_else(unknown, |n| n.to_string())),
                num(c.total.map_or_else(unknown, |n| n.to_string())),
            ]
        })
        .collect();
    blocks.push(Block::Table(table(
        l,
        &[(B::Classe, false), (B::LastYear, true), (B::Total, true)],
        rows,
    )));
    if e.decisions.is_empty() {
        blocks.push(para(B::NoDecision.text_in(l)));
    } else {
        let rows = e
            .decisions
            .iter()
            .map(|d| {
                vec![
                    text(
                        crate::i18n::typography::long_date(l, &d.date)
                            .unwrap_or_else(|| d.date.clone()),
                    ),
                    commit(ctx, &d.commit),
                    text(d.text.clone()),
                ]
            })
            .collect();
        let mut t = table(
            l,
            &[(B::Date, false), (B::Commit, false), (B::Decision, false)],
            rows,
        );
        t.caption = Some(B::Decisions.text_in(l));
        blocks.push(Block::Table(t));
    }
    blocks
}

#[cfg(test)]
mod tests {
    use super::*;

    /// The `Decision:` trailer is shown as code on the page, in both languages (issue 17).
    #[test]
    fn the_decision_trailer_is_code_on_the_page() {
        for l in [crate::i18n::Lang::Fr, crate::i18n::Lang::En] {
            let Block::Para { html } = para(B::NoDecision.text_in(l)) else {
                panic!("a sentence");
            };
            assert!(html.contains("<code>Decision:</code>"), "{html}");
        }
    }

    #[test]
    fn a_share_above_zero_is_a_visible_bar() {
        assert_eq!(bar_width(0.0), 0);
        assert_eq!(bar_width(820.0 / 1_000_000.0), 2);
        assert_eq!(bar_width(0.5), 50);
        assert_eq!(bar_width(1.0), 100);
        // Whole percents: a 35 % share is drawn 35 % long, a 0.5 % one still seen.
        assert_eq!(bar_width(0.35), 35);
        assert_eq!(bar_width(0.005), 2);
        assert_eq!(bar_width(7.0), 100);
    }

    /// The bilan's words are shared with the terminal and Markdown reports, where
    /// `` `x` `` is code: on the page no raw backtick shows, in either language (the
    /// English "a `Decision:` line" did, issue 17); and the pyramid's table names its
    /// members as links, as every page of the site does.
    #[test]
    fn the_page_shows_no_raw_markdown_and_links_the_pyramids_members() {
        let dir = std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("examples/cheznous");
        let source = crate::load::source::DirSource::new(&dir);
        let checked = crate::validate::check(crate::load::load(&source).expect("loaded"), None);
        let mut bilan =
            crate::bilan::compute(&checked.repo, None, 0, crate::bilan::Duration::Days(365));
        bilan.evolution = Some(crate::bilan::Evolution {
            since: "2025-01-01".into(),
            commits_per_month: Vec::new(),
            amendments_by_classe: Vec::new(),
            decisions: Vec::new(),
        });
        let history = crate::site::history::History::default();
        for lang in [Lang::En, Lang::Fr] {
            let mut ctx = Ctx::new(&checked.repo, &history, None);
            ctx.lang = lang;
            let page = page(&ctx, &bilan);
            let PageData::Bilan(view) = &page.data else {
                panic!("a bilan")
            };
            let json = serde_json::to_string(view).expect("json");
            if lang == Lang::En {
                assert!(json.contains("<code>Decision:</code>"), "{json}");
            }
            assert!(!json.contains('`'), "{lang:?}: {json}");
            let pyramid = view
                .sections
                .iter()
                .find(|s| s.id == "pyramid")
                .expect("pyramid");
            let Some(Block::Table(table)) = pyramid.blocks.first() else {
                panic!("the pyramid's table")
            };
            let linked: usize = table.rows.iter().map(|r| r[1].links.len()).sum();
            assert!(linked > 3, "{lang:?}");
            for r in table.rows.iter().flat_map(|r| &r[1].links) {
                assert!(r.url.starts_with("membres/"), "{}", r.url);
            }
        }
    }
}
