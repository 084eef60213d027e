//! Coverage: is every plan written, and are the principles linked rather than juxtaposed?

use std::collections::{BTreeMap, HashMap};

use super::{Counts, LinkCoverage, PlanCoverage};
use crate::model::{PrincipeType, Repo, Statut};

pub(super) struct Coverage {
    pub plans: Vec<PlanCoverage>,
    pub empty_plans: Vec<String>,
    pub links: LinkCoverage,
}

pub(super) fn compute(repo: &Repo) -> Coverage {
    let plans = plans(repo);
    let empty_plans = plans
        .iter()
        .filter(|p| p.empty)
        .map(|p| p.id.clone())
        .collect();
    Coverage {
        plans,
        empty_plans,
        links: links(repo),
    }
}

/// One row per declared plan, then any folder the manifest does not declare (which
/// `check` reports), so that nothing written goes uncounted.
fn plans(repo: &Repo) -> Vec<PlanCoverage> {
    let mut rows: Vec<PlanCoverage> = repo
        .plan_decls()
        .into_iter()
        .map(|d| row(d.id.value, d.titre))
        .collect();
    for p in &repo.principes {
        if !rows.iter().any(|r| r.id == p.plan) {
            rows.push(row(p.plan.clone(), p.plan.clone()));
        }
    }
    for row in &mut rows {
        row.introduction = repo.plans.iter().any(|i| i.meta.id == row.id);
        for p in repo.principes.iter().filter(|p| p.plan == row.id) {
            let counts = match p.type_ {
                PrincipeType::Principe => &mut row.principles,
                PrincipeType::Modele => &mut row.models,
            };
            bump(counts, p.statut);
            bump(&mut row.counts, p.statut);
        }
        row.empty = !row.introduction && row.counts.total() == 0;
    }
    rows
}

fn row(id: String, titre: String) -> PlanCoverage {
    PlanCoverage {
        id,
        titre,
        counts: Counts::default(),
        principles: Counts::default(),
        models: Counts::default(),
        introduction: false,
        empty: false,
    }
}

fn bump(counts: &mut Counts, statut: Statut) {
    match statut {
        Statut::Adopte => counts.adopte += 1,
        Statut::Propose => counts.propose += 1,
        Statut::Abroge => counts.abroge += 1,
    }
}

/// The undirected graph of `liens` between principles in force (abrogated ones are
/// history, not part of today's whole).
fn links(repo: &Repo) -> LinkCoverage {
    let ids: Vec<&str> = repo
        .principes
        .iter()
        .filter(|p| p.statut.in_force())
        .map(|p| p.meta.id.as_str())
        .collect();
    let index: HashMap<&str, usize> = ids.iter().enumerate().map(|(i, id)| (*id, i)).collect();
    let mut groups = UnionFind::new(ids.len());
    let mut linked = vec![false; ids.len()];
    for p in &repo.principes {
        let Some(&from) = index.get(p.meta.id.as_str()) else {
            continue;
        };
        for lien in &p.liens {
            if let Some(&to) = index.get(lien.as_str()).filter(|to| **to != from) {
                linked[from] = true;
                linked[to] = true;
                groups.join(from, to);
            }
        }
    }
    let clusters = clusters(&ids, &mut groups);
    let in_force = ids.len();
    let linked = linked.iter().filter(|l| **l).count();
    LinkCoverage {
        in_force,
        linked,
        share: if in_force == 0 {
            0.0
        } else {
            linked as f64 / in_force as f64
        },
        clusters: clusters.len(),
        isolated_clusters: clusters.into_iter().skip(1).collect(),
    }
}

/// The groups, largest first (ties: by first id), each sorted.
fn clusters(ids: &[&str], groups: &mut UnionFind) -> Vec<Vec<String>> {
    let mut by_root: BTreeMap<usize, Vec<String>> = BTreeMap::new();
    for (i, id) in ids.iter().enumerate() {
        by_root
            .entry(groups.root(i))
            .or_default()
            .push((*id).to_string());
    }
    let mut out: Vec<Vec<String>> = by_root.into_values().collect();
    for group in &mut out {
        group.sort();
    }
    out.sort_by(|a, b| b.len().cmp(&a.len()).then_with(|| a.cmp(b)));
    out
}

struct UnionFind {
    parent: Vec<usize>,
}

impl UnionFind {
    fn new(n: usize) -> Self {
        UnionFind {
            parent: (0..n).collect(),
        }
    }

    fn root(&mut self, mut i: usize) -> usize {
        while self.parent[i] != i {
            self.parent[i] = self.parent[self.parent[i]];
            i = self.parent[i];
        }
        i
    }

    fn join(&mut self, a: usize, b: usize) {
        let (a, b) = (self.root(a), self.root(b));
        if a != b {
            self.parent[a.max(b)] = a.min(b);
        }
    }
}
