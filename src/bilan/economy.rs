//! Wealth flows and the contributive catalogue: who gives, who receives, who offers what.

use std::collections::{BTreeMap, BTreeSet, HashMap};

use super::{member_ids, FlowTotal, NatureCount, OfferComplements, PlanOffers, WealthCount};
use crate::model::{Mesure, Nature, Offre, Repo};

pub(super) struct Economy {
    pub flows: Vec<FlowTotal>,
    pub only_give: Vec<String>,
    pub only_receive: Vec<String>,
    pub members_without_flow: Vec<String>,
    pub natures: Vec<NatureCount>,
    pub immaterial: Vec<WealthCount>,
    pub offers: usize,
    pub offers_by_member: BTreeMap<String, usize>,
    pub offers_by_plan: Vec<PlanOffers>,
    pub members_without_offer: Vec<String>,
    pub complements: Vec<OfferComplements>,
}

pub(super) fn compute(repo: &Repo) -> Economy {
    let (only_give, only_receive, members_without_flow) = directions(repo);
    let offers: Vec<&Offre> = repo
        .offres
        .iter()
        .filter(|o| o.statut.is_active())
        .collect();
    let offers_by_member = offers_by_member(repo, &offers);
    Economy {
        flows: totals(repo),
        only_give,
        only_receive,
        members_without_flow,
        natures: natures(repo),
        immaterial: immaterial(repo),
        offers: offers.len(),
        members_without_offer: offers_by_member
            .iter()
            .filter(|(_, n)| **n == 0)
            .map(|(m, _)| m.clone())
            .collect(),
        offers_by_member,
        offers_by_plan: repo
            .plan_decls()
            .into_iter()
            .map(|d| PlanOffers {
                count: offers
                    .iter()
                    .filter(|o| o.plans.iter().any(|p| p.value == d.id.value))
                    .count(),
                plan: d.id.value,
            })
            .collect(),
        complements: complements(&offers),
    }
}

/// Given and received per member and unit, over the quantitative flows of every matrix.
fn totals(repo: &Repo) -> Vec<FlowTotal> {
    let mut sums: BTreeMap<(String, String), (f64, f64)> = BTreeMap::new();
    for flux in repo.matrices.iter().flat_map(|m| &m.flux) {
        if flux.mesure != Mesure::Quantitative {
            continue;
        }
        let (Some(value), Some(unit)) = (flux.valeur, flux.unit()) else {
            continue;
        };
        sums.entry((flux.de.value.clone(), unit.to_string()))
            .or_default()
            .0 += value;
        sums.entry((flux.vers.value.clone(), unit.to_string()))
            .or_default()
            .1 += value;
    }
    sums.into_iter()
        .map(|((member, unit), (given, received))| FlowTotal {
            member,
            unit,
            given,
            received,
        })
        .collect()
}

/// Members that only give, only receive, or appear in no flow (every measure counted).
fn directions(repo: &Repo) -> (Vec<String>, Vec<String>, Vec<String>) {
    let mut givers = BTreeSet::new();
    let mut receivers = BTreeSet::new();
    for flux in repo.matrices.iter().flat_map(|m| &m.flux) {
        givers.insert(flux.de.value.clone());
        receivers.insert(flux.vers.value.clone());
    }
    let only_give = givers.difference(&receivers).cloned().collect();
    let only_receive = receivers.difference(&givers).cloned().collect();
    let without = member_ids(repo)
        .into_iter()
        .filter(|m| !givers.contains(m) && !receivers.contains(m))
        .collect();
    (only_give, only_receive, without)
}

fn natures(repo: &Repo) -> Vec<NatureCount> {
    let flows: Vec<_> = repo.matrices.iter().flat_map(|m| &m.flux).collect();
    let mut out = Vec::new();
    for nature in [Nature::Materielle, Nature::Immaterielle] {
        for measure in [Mesure::Quantitative, Mesure::Qualitative] {
            out.push(NatureCount {
                nature: nature.as_str().to_string(),
                measure: measure.as_str().to_string(),
                count: flows
                    .iter()
                    .filter(|f| f.nature == nature && f.mesure == measure)
                    .count(),
            });
        }
    }
    out
}

/// Immaterial flows counted by the wealth they carry, most frequent first.
fn immaterial(repo: &Repo) -> Vec<WealthCount> {
    let mut counts: BTreeMap<String, usize> = BTreeMap::new();
    for flux in repo.matrices.iter().flat_map(|m| &m.flux) {
        if flux.nature == Nature::Immaterielle {
            *counts.entry(flux.richesse.trim().to_string()).or_default() += 1;
        }
    }
    let mut out: Vec<WealthCount> = counts
        .into_iter()
        .map(|(wealth, count)| WealthCount { wealth, count })
        .collect();
    out.sort_by(|a, b| b.count.cmp(&a.count).then_with(|| a.wealth.cmp(&b.wealth)));
    out
}

/// Every declared member (zero included) and every member an offer names.
fn offers_by_member(repo: &Repo, offers: &[&Offre]) -> BTreeMap<String, usize> {
    let mut counts: BTreeMap<String, usize> =
        member_ids(repo).into_iter().map(|m| (m, 0)).collect();
    for offer in offers {
        let members: BTreeSet<&str> = offer.membres.iter().map(|m| m.as_str()).collect();
        for m in members {
            *counts.entry(m.to_string()).or_default() += 1;
        }
    }
    counts
}

fn complements(offers: &[&Offre]) -> Vec<OfferComplements> {
    // Incoming links counted once through a map: one pass, whatever the catalogue's size.
    // An offer citing itself, or the same offer twice, counts once for that offer.
    let mut incoming: HashMap<&str, usize> = HashMap::new();
    for o in offers {
        let mut cited: Vec<&str> = o
            .complementaire_de
            .iter()
            .map(|c| c.value.as_str())
            .filter(|c| *c != o.meta.id)
            .collect();
        cited.sort_unstable();
        cited.dedup();
        for c in cited {
            *incoming.entry(c).or_default() += 1;
        }
    }
    offers
        .iter()
        .map(|o| OfferComplements {
            offer: o.meta.id.clone(),
            titre: o.titre.clone(),
            outgoing: o.complementaire_de.len(),
            incoming: incoming.get(o.meta.id.as_str()).copied().unwrap_or(0),
        })
        .collect()
}
