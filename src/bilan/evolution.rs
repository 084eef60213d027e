//! Freshness and evolution: what history says about the review the method expects.

use super::{
    ClasseAmendments, DecisionView, Duration, Evolution, Freshness, HistoryFacts, MonthCommits,
    Proposal, Stale,
};
use crate::date;
use crate::model::{Classe, Repo, Statut};

pub(super) struct FreshnessPart {
    pub principles: Vec<Freshness>,
    pub stale: Option<Vec<Stale>>,
    pub proposals: Vec<Proposal>,
}

fn age_days(now: i64, then: i64) -> i64 {
    (now - then).div_euclid(86_400).max(0)
}

pub(super) fn freshness(
    repo: &Repo,
    history: Option<&HistoryFacts>,
    now: i64,
    stale_after: Duration,
) -> FreshnessPart {
    let last = |id: &str| history.and_then(|h| h.last_change.get(id).copied());
    let principles = repo
        .principes
        .iter()
        .map(|p| {
            let t = last(&p.meta.id);
            Freshness {
                id: p.meta.id.clone(),
                plan: p.plan.clone(),
                statut: p.statut.as_str().to_string(),
                last_change: t.map(date::ymd),
                age_days: t.map(|t| age_days(now, t)),
            }
        })
        .collect();
    let cutoff = stale_after.before(now);
    // In a shallow clone, a principle unchanged since the boundary may be stale or not:
    // nothing is concluded then.
    let unknown = history.is_some_and(|h| h.truncated.is_some())
        && repo
            .principes
            .iter()
            .any(|p| p.statut != Statut::Abroge && last(&p.meta.id).is_none());
    let stale = history.filter(|_| !unknown).map(|_| {
        repo.principes
            .iter()
            .filter(|p| p.statut != Statut::Abroge)
            .filter_map(|p| {
                let t = last(&p.meta.id).filter(|t| *t < cutoff)?;
                Some(Stale {
                    id: p.meta.id.clone(),
                    plan: p.plan.clone(),
                    last_change: date::ymd(t),
                    age_days: age_days(now, t),
                })
            })
            .collect()
    });
    let proposals = repo
        .principes
        .iter()
        .filter(|p| p.statut == Statut::Propose)
        .map(|p| {
            let since = history.and_then(|h| h.first_seen.get(&p.meta.id).copied());
            Proposal {
                id: p.meta.id.clone(),
                plan: p.plan.clone(),
                titre: p.titre.clone(),
                since: since.map(date::ymd),
                age_days: since.map(|t| age_days(now, t)),
            }
        })
        .collect();
    FreshnessPart {
        principles,
        stale,
        proposals,
    }
}

/// The twelve months ending with the month of `now`, oldest first (`YYYY-MM`).
fn last_twelve_months(now: i64) -> Vec<String> {
    let (y, m, _) = date::civil_from_days(now.div_euclid(86_400));
    let current = y * 12 + i64::from(m) - 1;
    (current - 11..=current)
        .map(|i| format!("{:04}-{:02}", i.div_euclid(12), i.rem_euclid(12) + 1))
        .collect()
}

pub(super) fn evolution(history: &HistoryFacts, now: i64) -> Evolution {
    let months = last_twelve_months(now);
    let since = format!("{}-01", months[0]);
    let since_unix = date::parse_days(&since).unwrap_or(0) * 86_400;
    // A shallow clone's boundary: what its commit and the ones before changed is unknown,
    // and so is the count of its month, which only the commits after it make up (issue 16).
    let boundary = history.truncated.as_ref().map(|t| t.time);
    let boundary_month = history.truncated.as_ref().map(|t| t.date[..7].to_string());
    let commits_per_month = months
        .into_iter()
        .map(|month| MonthCommits {
            commits: (boundary_month.as_ref().is_none_or(|b| month > *b)).then(|| {
                history
                    .commits_per_month
                    .iter()
                    .find(|(m, _)| *m == month)
                    .map_or(0, |(_, n)| *n)
            }),
            month,
        })
        .collect();
    let amendments_by_classe = [Classe::Intangible, Classe::Qualifiee, Classe::Simple]
        .into_iter()
        .map(|classe| {
            let of_classe = history.amendments.iter().filter(|a| a.classe == classe);
            ClasseAmendments {
                classe: classe.as_str().to_string(),
                last_year: boundary
                    .is_none_or(|b| b < since_unix)
                    .then(|| of_classe.clone().filter(|a| a.date >= since_unix).count()),
                total: boundary.is_none().then(|| of_classe.count()),
            }
        })
        .collect();
    let decisions = history
        .decisions
        .iter()
        .map(|d| DecisionView {
            commit: d.commit.clone(),
            date: date::ymd(d.date),
            text: d.text.clone(),
        })
        .collect();
    Evolution {
        since,
        commits_per_month,
        amendments_by_classe,
        decisions,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_window_ends_with_the_current_month() {
        let now = date::parse_days("2025-02-10").expect("date") * 86_400;
        let months = last_twelve_months(now);
        assert_eq!(months.first().map(String::as_str), Some("2024-03"));
        assert_eq!(months.last().map(String::as_str), Some("2025-02"));
        assert_eq!(months.len(), 12);
    }
}
