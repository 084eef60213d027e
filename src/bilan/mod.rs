//! `codesocial bilan`: the diagnostic an organisation reads before its general assembly.
//!
//! The method promises a #CodeSocial that is holistic (no plan left empty, models linked),
//! sincere and revised over time; the bilan measures that. [`compute`] is pure: it takes
//! the typed repository, the facts read from git ([`crate::history::facts`]) and "now", and returns
//! a [`Bilan`] that serialises to the documented JSON shape. Renderers turn it into text,
//! Markdown, JSON or an HTML fragment for the site.

mod coverage;
mod duration;
mod economy;
mod evolution;
mod layout;
mod people;
mod table;
mod text;

use std::collections::BTreeMap;

use serde::Serialize;

use crate::date;
use crate::model::Repo;

pub use crate::history::HistoryFacts;
pub use duration::Duration;
pub use text::{markdown, text};

/// The bilan's sections, in the order every renderer shows them (the terminal and
/// Markdown reports, `bilan::layout`; the site's page, `site::pages::bilan`): one list of
/// what the bilan says, each renderer laying out a section's content its own way.
#[derive(Debug, Clone, Copy, PartialEq, Eq, strum::EnumIter, strum::IntoStaticStr)]
#[strum(serialize_all = "lowercase")]
pub enum Part {
    Coverage,
    Freshness,
    Pyramid,
    Flows,
    Catalogue,
    Evolution,
}

impl Part {
    /// Every section, in order.
    pub fn all() -> impl Iterator<Item = Part> {
        <Part as strum::IntoEnumIterator>::iter()
    }

    /// The section's anchor on the site (`coverage`).
    pub fn id(self) -> &'static str {
        self.into()
    }

    /// The section's title.
    pub fn title(self) -> crate::i18n::bilan::BilanText<'static> {
        use crate::i18n::bilan::BilanText as B;
        match self {
            Part::Coverage => B::Coverage,
            Part::Freshness => B::Freshness,
            Part::Pyramid => B::Pyramid,
            Part::Flows => B::Flows,
            Part::Catalogue => B::Catalogue,
            Part::Evolution => B::Evolution,
        }
    }
}

/// The whole diagnostic. Field names are the JSON keys (documented in `docs/bilan.md`).
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Bilan {
    pub organisation: String,
    /// The day the bilan describes (`YYYY-MM-DD`).
    pub date: String,
    pub stale_after: String,
    /// Whether git history was found; without it `stale` and `evolution` are `null`.
    pub history: bool,
    /// Where a shallow clone's history stops (`null` with the whole history): changes
    /// before it are unknown, so are the dates that depend on them.
    pub truncated: Option<crate::history::Truncation>,
    // Coverage
    pub plans: Vec<PlanCoverage>,
    pub empty_plans: Vec<String>,
    pub links: LinkCoverage,
    // Freshness
    pub principles: Vec<Freshness>,
    pub stale: Option<Vec<Stale>>,
    pub proposals: Vec<Proposal>,
    // Pyramid
    pub roles: Vec<RoleMembers>,
    pub members_without_role: Vec<String>,
    pub capital: CapitalView,
    // Wealth flows
    pub matrices: usize,
    pub flows: Vec<FlowTotal>,
    pub only_give: Vec<String>,
    pub only_receive: Vec<String>,
    pub members_without_flow: Vec<String>,
    pub flow_natures: Vec<NatureCount>,
    pub immaterial_by_wealth: Vec<WealthCount>,
    // Catalogue
    pub offers: usize,
    pub offers_by_member: BTreeMap<String, usize>,
    pub offers_by_plan: Vec<PlanOffers>,
    pub members_without_offer: Vec<String>,
    pub complements: Vec<OfferComplements>,
    // Evolution
    pub evolution: Option<Evolution>,
}

/// Counts by statut.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq, Serialize)]
pub struct Counts {
    pub adopte: usize,
    pub propose: usize,
    pub abroge: usize,
}

impl Counts {
    pub fn total(&self) -> usize {
        self.adopte + self.propose + self.abroge
    }
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct PlanCoverage {
    pub id: String,
    pub titre: String,
    /// Principles and models together.
    pub counts: Counts,
    pub principles: Counts,
    pub models: Counts,
    /// Whether `principes/<plan>/index.md` introduces the plan.
    pub introduction: bool,
    /// Neither a principle nor an introduction: the method is holistic.
    pub empty: bool,
}

#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct LinkCoverage {
    /// Principles and models in force (adopted or proposed).
    pub in_force: usize,
    /// Of those, linked to at least one other (either direction).
    pub linked: usize,
    /// `linked / in_force`, between 0 and 1 (0 when there is none).
    pub share: f64,
    /// Connected groups of the graph of `liens`.
    pub clusters: usize,
    /// Every group but the largest: parts of the #CodeSocial that stand apart.
    pub isolated_clusters: Vec<Vec<String>>,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Freshness {
    pub id: String,
    pub plan: String,
    pub statut: String,
    /// Last commit that changed it (`YYYY-MM-DD`); `null` without history or never committed.
    pub last_change: Option<String>,
    pub age_days: Option<i64>,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Stale {
    pub id: String,
    pub plan: String,
    pub last_change: String,
    pub age_days: i64,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Proposal {
    pub id: String,
    pub plan: String,
    pub titre: String,
    /// When it first appeared in history.
    pub since: Option<String>,
    pub age_days: Option<i64>,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct RoleMembers {
    /// The key in `pyramide.yaml`.
    pub role: String,
    /// Members holding the role today.
    pub members: Vec<String>,
    /// Members whose `jusqu_au` has passed.
    pub former: Vec<String>,
}

#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct CapitalView {
    /// `parts`, `sans-objet` or `not-stated`.
    pub status: String,
    pub holders: Vec<CapitalHolder>,
    /// Percent of the capital held by auteurs, co-auteurs and producteurs.
    pub held_by_contributors: f64,
}

#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct CapitalHolder {
    pub member: String,
    pub part: f64,
    pub roles: Vec<String>,
    /// Also auteur, co-auteur or producteur: the question the inverted pyramid asks.
    pub contributes: bool,
}

#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct FlowTotal {
    pub member: String,
    pub unit: String,
    pub given: f64,
    pub received: f64,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct NatureCount {
    pub nature: String,
    pub measure: String,
    pub count: usize,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct WealthCount {
    pub wealth: String,
    pub count: usize,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct PlanOffers {
    pub plan: String,
    pub count: usize,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct OfferComplements {
    pub offer: String,
    pub titre: String,
    /// Offers it names in `complementaire_de`.
    pub outgoing: usize,
    /// Offers of this repository naming it.
    pub incoming: usize,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Evolution {
    /// First day of the window (twelve months ending with the current one).
    pub since: String,
    pub commits_per_month: Vec<MonthCommits>,
    pub amendments_by_classe: Vec<ClasseAmendments>,
    pub decisions: Vec<DecisionView>,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct MonthCommits {
    pub month: String,
    /// `None` for a month before a shallow clone's boundary, or its month (partly in the
    /// history): unknown, not zero.
    pub commits: Option<usize>,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct ClasseAmendments {
    pub classe: String,
    /// Changes to principles of this classe within the window; `None` when a shallow
    /// clone's history stops inside the window (what came before is unknown).
    pub last_year: Option<usize>,
    /// `None` in a shallow clone: changes before its boundary are unknown.
    pub total: Option<usize>,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct DecisionView {
    pub commit: String,
    pub date: String,
    pub text: String,
}

/// Computes the bilan of `repo` at `now` (Unix seconds). Pure: the same inputs give the
/// same bilan.
pub fn compute(
    repo: &Repo,
    history: Option<&HistoryFacts>,
    now: i64,
    stale_after: Duration,
) -> Bilan {
    let coverage = coverage::compute(repo);
    let freshness = evolution::freshness(repo, history, now, stale_after);
    let people = people::compute(repo, now);
    let economy = economy::compute(repo);
    Bilan {
        organisation: repo
            .manifeste
            .as_ref()
            .map(|m| m.nom.clone())
            .unwrap_or_default(),
        date: date::ymd(now),
        stale_after: stale_after.to_string(),
        history: history.is_some(),
        truncated: history.and_then(|h| h.truncated.clone()),
        plans: coverage.plans,
        empty_plans: coverage.empty_plans,
        links: coverage.links,
        principles: freshness.principles,
        stale: freshness.stale,
        proposals: freshness.proposals,
        roles: people.roles,
        members_without_role: people.members_without_role,
        capital: people.capital,
        matrices: repo.matrices.len(),
        flows: economy.flows,
        only_give: economy.only_give,
        only_receive: economy.only_receive,
        members_without_flow: economy.members_without_flow,
        flow_natures: economy.natures,
        immaterial_by_wealth: economy.immaterial,
        offers: economy.offers,
        offers_by_member: economy.offers_by_member,
        offers_by_plan: economy.offers_by_plan,
        members_without_offer: economy.members_without_offer,
        complements: economy.complements,
        evolution: history.map(|h| evolution::evolution(h, now)),
    }
}

/// The bilan the site shows: today's, with principles unchanged for twelve months
/// counted as stale (as `codesocial bilan` does by default).
pub fn for_site(repo: &Repo, history: Option<&HistoryFacts>) -> Bilan {
    compute(repo, history, date::now(), Duration::Months(12))
}

/// The members declared in `membres/`, sorted.
fn member_ids(repo: &Repo) -> Vec<String> {
    repo.membres.iter().map(|m| m.meta.id.clone()).collect()
}
