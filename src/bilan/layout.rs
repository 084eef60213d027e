//! The bilan laid out once, in a language: sections of sentences and tables.
//! Text and Markdown render this layout, so the two say the same thing (the site's page
//! lays out the same data for readers, with links: `site::pages::bilan`).

use super::table::Table;
use super::{Bilan, Part};
use crate::i18n::bilan::{self as words, BilanText as B};
use crate::i18n::Lang;

pub(super) struct Layout {
    pub title: String,
    pub sections: Vec<Section>,
}

pub(super) struct Section {
    pub title: String,
    pub blocks: Vec<Block>,
}

pub(super) enum Block {
    Para(String),
    /// A table with an optional heading of its own.
    Table(Option<String>, Table),
}

pub(super) fn layout(b: &Bilan, l: Lang) -> Layout {
    Layout {
        title: B::Title {
            organisation: &b.organisation,
            date: &b.date,
        }
        .text_in(l),
        sections: Part::all()
            .map(|part| Section {
                title: part.title().text_in(l),
                blocks: match part {
                    Part::Coverage => coverage(b, l),
                    Part::Freshness => freshness(b, l),
                    Part::Pyramid => pyramid(b, l),
                    Part::Flows => flows(b, l),
                    Part::Catalogue => catalogue(b, l),
                    Part::Evolution => evolution(b, l),
                },
            })
            .collect(),
    }
}

fn head(l: Lang, names: &[B<'_>]) -> Vec<String> {
    names.iter().map(|n| n.text_in(l)).collect()
}

fn list(items: &[String]) -> String {
    items.join(", ")
}

fn yes_no(l: Lang, yes: bool) -> String {
    if yes { B::Yes } else { B::No }.text_in(l)
}

fn coverage(b: &Bilan, l: Lang) -> Vec<Block> {
    let mut table = Table::new(
        head(
            l,
            &[
                B::Plan,
                B::Adopted,
                B::Proposed,
                B::Repealed,
                B::OfWhichModels,
                B::Introduction,
            ],
        ),
        &[1, 2, 3, 4],
    );
    for p in &b.plans {
        table.row(vec![
            p.titre.clone(),
            p.counts.adopte.to_string(),
            p.counts.propose.to_string(),
            p.counts.abroge.to_string(),
            p.models.total().to_string(),
            yes_no(l, p.introduction),
        ]);
    }
    let mut blocks = vec![Block::Table(None, table)];
    blocks.push(Block::Para(if b.empty_plans.is_empty() {
        B::NoEmptyPlan.text_in(l)
    } else {
        B::EmptyPlans {
            list: &list(&b.empty_plans),
        }
        .text_in(l)
    }));
    let share = words::percent(l, b.links.share);
    blocks.push(Block::Para(
        B::Linked {
            linked: b.links.linked,
            in_force: b.links.in_force,
            share: &share,
        }
        .text_in(l),
    ));
    if b.links.clusters > 1 {
        let isolated: Vec<String> = b
            .links
            .isolated_clusters
            .iter()
            .map(|c| c.join(" – "))
            .collect();
        blocks.push(Block::Para(
            B::Clusters {
                count: b.links.clusters,
                isolated: &isolated.join(" ; "),
            }
            .text_in(l),
        ));
    } else if b.links.in_force > 0 {
        blocks.push(Block::Para(B::OneCluster.text_in(l)));
    }
    blocks
}

/// Where a shallow history stops, said at the top of the sections that depend on it.
fn truncation(b: &Bilan, l: Lang) -> Option<Block> {
    let t = b.truncated.as_ref()?;
    Some(Block::Para(
        B::Truncated {
            short: &t.short,
            date: &t.date,
        }
        .text_in(l),
    ))
}

fn freshness(b: &Bilan, l: Lang) -> Vec<Block> {
    let mut blocks: Vec<Block> = truncation(b, l).into_iter().collect();
    let unknown = if b.truncated.is_some() {
        B::UnknownTruncated
    } else {
        B::NotCommitted
    };
    let after = words::duration(l, &b.stale_after);
    match &b.stale {
        None if b.truncated.is_some() => blocks.push(Block::Para(B::StaleUnknown.text_in(l))),
        None => blocks.push(Block::Para(B::HistoryUnavailable.text_in(l))),
        Some(stale) => {
            let mut table = Table::new(
                head(
                    l,
                    &[B::Principle, B::Plan, B::Statut, B::LastChange, B::Age],
                ),
                &[4],
            );
            for p in &b.principles {
                table.row(vec![
                    p.id.clone(),
                    p.plan.clone(),
                    words::statut_name(l, &p.statut),
                    p.last_change.clone().unwrap_or_else(|| unknown.text_in(l)),
                    p.age_days.map(|d| words::age(l, d)).unwrap_or_default(),
                ]);
            }
            blocks.push(Block::Table(None, table));
            if stale.is_empty() {
                blocks.push(Block::Para(B::NoneStale { after: &after }.text_in(l)));
            } else {
                let mut table = Table::new(
                    head(l, &[B::Principle, B::Plan, B::LastChange, B::Age]),
                    &[3],
                );
                for s in stale {
                    table.row(vec![
                        s.id.clone(),
                        s.plan.clone(),
                        s.last_change.clone(),
                        words::age(l, s.age_days),
                    ]);
                }
                let title = B::Stale {
                    count: stale.len(),
                    after: &after,
                };
                blocks.push(Block::Table(Some(title.text_in(l)), table));
            }
        }
    }
    blocks.push(proposals(b, l));
    blocks
}

fn proposals(b: &Bilan, l: Lang) -> Block {
    if b.proposals.is_empty() {
        return Block::Para(B::NoProposal.text_in(l));
    }
    let mut table = Table::new(
        head(l, &[B::Principle, B::Plan, B::Since, B::Waiting]),
        &[3],
    );
    for p in &b.proposals {
        table.row(vec![
            p.titre.clone(),
            p.plan.clone(),
            p.since.clone().unwrap_or_else(|| "—".into()),
            p.age_days
                .map(|d| words::age(l, d))
                .unwrap_or_else(|| "—".into()),
        ]);
    }
    Block::Table(Some(B::Proposals.text_in(l)), table)
}

fn pyramid(b: &Bilan, l: Lang) -> Vec<Block> {
    let none = B::None.text_in(l);
    let or_none = |items: &[String]| {
        if items.is_empty() {
            none.clone()
        } else {
            list(items)
        }
    };
    let mut table = Table::new(head(l, &[B::Role, B::Members, B::Former]), &[]);
    for r in &b.roles {
        table.row(vec![
            B::RoleName { key: &r.role }.text_in(l),
            or_none(&r.members),
            if r.former.is_empty() {
                String::new()
            } else {
                list(&r.former)
            },
        ]);
    }
    let mut blocks = vec![Block::Table(None, table)];
    blocks.push(Block::Para(if b.members_without_role.is_empty() {
        B::EveryoneHasRole.text_in(l)
    } else {
        B::WithoutRole {
            list: &list(&b.members_without_role),
        }
        .text_in(l)
    }));
    blocks.extend(capital(b, l));
    blocks
}

fn capital(b: &Bilan, l: Lang) -> Vec<Block> {
    match b.capital.status.as_str() {
        "sans-objet" => return vec![Block::Para(B::CapitalSansObjet.text_in(l))],
        "not-stated" => return vec![Block::Para(B::CapitalNotStated.text_in(l))],
        _ => {}
    }
    let mut table = Table::new(
        head(l, &[B::Holder, B::Share, B::Roles, B::Contributes]),
        &[1],
    );
    for h in &b.capital.holders {
        let roles: Vec<String> = h
            .roles
            .iter()
            .map(|r| B::RoleName { key: r }.text_in(l))
            .collect();
        table.row(vec![
            h.member.clone(),
            words::percent_of(l, h.part),
            if roles.is_empty() {
                B::None.text_in(l)
            } else {
                list(&roles)
            },
            yes_no(l, h.contributes),
        ]);
    }
    let share = words::percent_of(l, b.capital.held_by_contributors);
    vec![
        Block::Table(None, table),
        Block::Para(B::HeldByContributors { share: &share }.text_in(l)),
    ]
}

fn flows(b: &Bilan, l: Lang) -> Vec<Block> {
    let total: usize = b.flow_natures.iter().map(|n| n.count).sum();
    let mut blocks = vec![Block::Para(
        B::FlowSummary {
            matrices: b.matrices,
            flows: total,
        }
        .text_in(l),
    )];
    if b.flows.is_empty() {
        blocks.push(Block::Para(B::NoQuantitativeFlow.text_in(l)));
    } else {
        let mut table = Table::new(
            head(l, &[B::Member, B::Unit, B::Given, B::Received]),
            &[2, 3],
        );
        for f in &b.flows {
            table.row(vec![
                f.member.clone(),
                crate::i18n::typography::unit_in(l, &f.unit).into_owned(),
                words::number(l, f.given),
                words::number(l, f.received),
            ]);
        }
        blocks.push(Block::Table(None, table));
    }
    let groups: [(&Vec<String>, Sentence); 3] = [
        (&b.only_give, |list| B::OnlyGive { list }),
        (&b.only_receive, |list| B::OnlyReceive { list }),
        (&b.members_without_flow, |list| B::WithoutFlow { list }),
    ];
    for (items, text) in groups {
        if !items.is_empty() {
            blocks.push(Block::Para(text(&list(items)).text_in(l)));
        }
    }
    blocks.extend(natures(b, l));
    blocks
}

/// A sentence about a list of members.
type Sentence = fn(&str) -> B<'_>;

fn natures(b: &Bilan, l: Lang) -> Vec<Block> {
    let mut table = Table::new(head(l, &[B::Nature, B::Measure, B::FlowCount]), &[2]);
    for n in &b.flow_natures {
        table.row(vec![
            B::NatureName { key: &n.nature }.text_in(l),
            B::NatureName { key: &n.measure }.text_in(l),
            n.count.to_string(),
        ]);
    }
    let mut blocks = vec![Block::Table(None, table)];
    if !b.immaterial_by_wealth.is_empty() {
        let mut table = Table::new(head(l, &[B::ImmaterialWealth, B::FlowCount]), &[1]);
        for w in &b.immaterial_by_wealth {
            table.row(vec![w.wealth.clone(), w.count.to_string()]);
        }
        blocks.push(Block::Table(None, table));
    }
    blocks
}

fn catalogue(b: &Bilan, l: Lang) -> Vec<Block> {
    let mut blocks = vec![Block::Para(B::OfferSummary { offers: b.offers }.text_in(l))];
    let mut by_member = Table::new(head(l, &[B::Member, B::Offers]), &[1]);
    for (member, count) in &b.offers_by_member {
        by_member.row(vec![member.clone(), count.to_string()]);
    }
    blocks.push(Block::Table(None, by_member));
    blocks.push(Block::Para(if b.members_without_offer.is_empty() {
        B::EveryoneOffers.text_in(l)
    } else {
        B::WithoutOffer {
            list: &list(&b.members_without_offer),
        }
        .text_in(l)
    }));
    let mut by_plan = Table::new(head(l, &[B::Plan, B::Offers]), &[1]);
    for p in &b.offers_by_plan {
        by_plan.row(vec![p.plan.clone(), p.count.to_string()]);
    }
    blocks.push(Block::Table(None, by_plan));
    if !b.complements.is_empty() {
        let mut table = Table::new(head(l, &[B::Offer, B::ComplementOf, B::CitedBy]), &[1, 2]);
        for c in &b.complements {
            table.row(vec![
                c.titre.clone(),
                c.outgoing.to_string(),
                c.incoming.to_string(),
            ]);
        }
        blocks.push(Block::Table(None, table));
    }
    blocks
}

fn evolution(b: &Bilan, l: Lang) -> Vec<Block> {
    let Some(e) = &b.evolution else {
        return vec![Block::Para(B::HistoryUnavailable.text_in(l))];
    };
    let count =
        |n: Option<usize>| n.map_or_else(|| B::UnknownTruncated.text_in(l), |n| n.to_string());
    let mut months = Table::new(head(l, &[B::Month, B::Commits]), &[1]);
    for m in &e.commits_per_month {
        months.row(vec![m.month.clone(), count(m.commits)]);
    }
    let mut classes = Table::new(head(l, &[B::Classe, B::LastYear, B::Total]), &[1, 2]);
    for c in &e.amendments_by_classe {
        classes.row(vec![
            B::ClasseName { key: &c.classe }.text_in(l),
            count(c.last_year),
            count(c.total),
        ]);
    }
    let mut blocks: Vec<Block> = truncation(b, l).into_iter().collect();
    blocks.push(Block::Table(
        Some(B::Window { since: &e.since }.text_in(l)),
        months,
    ));
    blocks.push(Block::Table(None, classes));
    if e.decisions.is_empty() {
        blocks.push(Block::Para(B::NoDecision.text_in(l)));
    } else {
        let mut table = Table::new(head(l, &[B::Date, B::Commit, B::Decision]), &[]);
        for d in &e.decisions {
            let short: String = d.commit.chars().take(7).collect();
            table.row(vec![d.date.clone(), short, d.text.clone()]);
        }
        blocks.push(Block::Table(Some(B::Decisions.text_in(l)), table));
    }
    blocks
}
