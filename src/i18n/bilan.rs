//! Words of `codesocial bilan`: section titles, column names, sentences, and the way
//! numbers, shares and ages read in each language. The HTML fragment is rendered in the
//! site's language, not the terminal's, so every text is available for a given [`Lang`].

use super::Lang::{self, En, Fr};
use super::{count, pick};

/// A text of the bilan.
#[derive(Debug, Clone, PartialEq)]
pub enum BilanText<'a> {
    Title {
        organisation: &'a str,
        date: &'a str,
    },
    Coverage,
    Freshness,
    Pyramid,
    Flows,
    Catalogue,
    Evolution,
    // Coverage
    Plan,
    Adopted,
    Proposed,
    Repealed,
    OfWhichModels,
    Introduction,
    EmptyPlans {
        list: &'a str,
    },
    NoEmptyPlan,
    Linked {
        linked: usize,
        in_force: usize,
        share: &'a str,
    },
    OneCluster,
    Clusters {
        count: usize,
        isolated: &'a str,
    },
    CoverageChart,
    // Freshness
    HistoryUnavailable,
    Principle,
    Statut,
    LastChange,
    Age,
    NotCommitted,
    /// A principle unchanged since a shallow history stops: its last change is unknown.
    UnknownTruncated,
    /// Where a shallow history stops.
    Truncated {
        short: &'a str,
        date: &'a str,
    },
    Stale {
        count: usize,
        after: &'a str,
    },
    NoneStale {
        after: &'a str,
    },
    /// A shallow clone: some principles' last change is before its boundary.
    StaleUnknown,
    Proposals,
    NoProposal,
    Since,
    Waiting,
    // Pyramid
    Role,
    Members,
    Former,
    RoleName {
        key: &'a str,
    },
    WithoutRole {
        list: &'a str,
    },
    EveryoneHasRole,
    CapitalNotStated,
    CapitalSansObjet,
    Holder,
    Share,
    Roles,
    Contributes,
    HeldByContributors {
        share: &'a str,
    },
    // Flows
    FlowSummary {
        matrices: usize,
        flows: usize,
    },
    Member,
    Unit,
    Given,
    Received,
    NoQuantitativeFlow,
    OnlyGive {
        list: &'a str,
    },
    OnlyReceive {
        list: &'a str,
    },
    WithoutFlow {
        list: &'a str,
    },
    Nature,
    Measure,
    FlowCount,
    NatureName {
        key: &'a str,
    },
    ImmaterialWealth,
    FlowsChart {
        unit: &'a str,
    },
    // Catalogue
    OfferSummary {
        offers: usize,
    },
    Offers,
    WithoutOffer {
        list: &'a str,
    },
    EveryoneOffers,
    Offer,
    ComplementOf,
    CitedBy,
    // Evolution
    Window {
        since: &'a str,
    },
    Month,
    Commits,
    Classe,
    LastYear,
    Total,
    ClasseName {
        key: &'a str,
    },
    Decisions,
    NoDecision,
    Date,
    Commit,
    Decision,
    // Shared
    Yes,
    No,
    None,
    // Command
    CheckProblems,
}

impl BilanText<'_> {
    /// The text in a given language (the site's, for the HTML fragment).
    pub fn text_in(&self, l: Lang) -> String {
        use BilanText as B;
        match self {
            B::Title { organisation, date } => pick(
                l,
                format!("{organisation} : bilan du #CodeSocial au {date}"),
                format!("{organisation}: bilan of the #CodeSocial, {date}"),
            ),
            B::Coverage => pick(l, "Couverture", "Coverage"),
            B::Freshness => pick(l, "Fraîcheur", "Freshness"),
            B::Pyramid => pick(l, "Pyramide", "Pyramid"),
            B::Flows => pick(l, "Flux de richesses", "Wealth flows"),
            B::Catalogue => pick(l, "Catalogue", "Catalogue"),
            B::Evolution => pick(l, "Évolution", "Evolution"),
            B::Plan => pick(l, "Plan", "Plan"),
            B::Adopted => pick(l, "Adoptés", "Adopted"),
            B::Proposed => pick(l, "Proposés", "Proposed"),
            B::Repealed => pick(l, "Abrogés", "Repealed"),
            B::OfWhichModels => pick(l, "dont modèles", "of which models"),
            B::Introduction => pick(l, "Introduction", "Introduction"),
            B::EmptyPlans { list } => pick(
                l,
                format!("Plans vides (ni principe ni introduction) : {list}."),
                format!("Empty plans (no principle, no introduction): {list}."),
            ),
            B::NoEmptyPlan => pick(
                l,
                "Aucun plan n’est vide : chaque plan a un principe ou une introduction.",
                "No plan is empty: every plan has a principle or an introduction.",
            ),
            B::Linked { linked, in_force, share } => pick(
                l,
                format!("{linked} principes en vigueur sur {in_force} sont liés à au moins un autre ({share})."),
                format!("{linked} of {in_force} principles in force are linked to at least one other ({share})."),
            ),
            B::OneCluster => pick(
                l,
                "Les liens relient tous les principes en vigueur en un seul ensemble.",
                "The links join every principle in force into one whole.",
            ),
            B::Clusters { count, isolated } => pick(
                l,
                format!("Les liens forment {count} ensembles ; à l’écart du principal : {isolated}."),
                format!("The links form {count} separate groups; apart from the main one: {isolated}."),
            ),
            B::CoverageChart => pick(l, "Principes et modèles par plan et par statut", "Principles and models per plan and status"),
            B::HistoryUnavailable => pick(
                l,
                "Historique git indisponible : ce dossier n’est pas dans un dépôt git, la fraîcheur et l’évolution ne peuvent pas être mesurées.",
                "Git history unavailable: this folder is not in a git repository, so freshness and evolution cannot be measured.",
            ),
            B::Principle => pick(l, "Principe", "Principle"),
            B::Statut => pick(l, "Statut", "Status"),
            B::LastChange => pick(l, "Dernière modification", "Last change"),
            B::Age => pick(l, "Ancienneté", "Age"),
            B::NotCommitted => pick(l, "pas encore enregistré", "not committed yet"),
            B::UnknownTruncated => pick(l, "inconnue (historique tronqué)", "unknown (history truncated)"),
            B::StaleUnknown => pick(
                l,
                "Les principes à réviser ne sont pas connus : l’historique est tronqué avant la dernière modification de certains principes.",
                "Which principles are due for review is unknown: the history is truncated before some principles last changed.",
            ),
            B::Truncated { short, date } => pick(
                l,
                format!("L’historique git s’arrête au commit {short} ({date}) : ce dépôt est un clone superficiel (shallow), les changements antérieurs sont inconnus et les dates qui en dépendent ne sont pas données. Récupérez tout l’historique : `git fetch --unshallow`, ou en CI `fetch-depth: 0`."),
                format!("The git history stops at commit {short} ({date}): this repository is a shallow clone, earlier changes are unknown and the dates that depend on them are not given. Fetch the whole history: `git fetch --unshallow`, or in CI `fetch-depth: 0`."),
            ),
            B::Stale { count, after } => pick(
                l,
                format!(
                    "{} depuis plus de {after} :",
                    super::count(Fr, *count, "principe en vigueur non révisé", "principes en vigueur non révisés")
                ),
                format!(
                    "{} in force not revised for more than {after}:",
                    super::count(En, *count, "principle", "principles")
                ),
            ),
            B::NoneStale { after } => pick(
                l,
                format!("Tous les principes en vigueur ont été révisés depuis moins de {after}."),
                format!("Every principle in force was revised less than {after} ago."),
            ),
            B::Proposals => pick(l, "Propositions en attente", "Proposals waiting"),
            B::NoProposal => pick(l, "Aucune proposition en attente.", "No proposal waiting."),
            B::Since => pick(l, "Depuis", "Since"),
            B::Waiting => pick(l, "Attente", "Waiting"),
            B::Role => pick(l, "Rôle", "Role"),
            B::Members => pick(l, "Membres", "Members"),
            B::Former => pick(l, "Anciens", "Former"),
            B::RoleName { key } => role_name(l, key),
            B::WithoutRole { list } => pick(
                l,
                format!("Membres sans rôle aujourd’hui : {list}."),
                format!("Members with no role today: {list}."),
            ),
            B::EveryoneHasRole => pick(l, "Chaque membre a un rôle.", "Every member has a role."),
            B::CapitalNotStated => pick(l, "Capital : non indiqué.", "Capital: not stated."),
            B::CapitalSansObjet => pick(l, "Capital : sans objet.", "Capital: none (not applicable)."),
            B::Holder => pick(l, "Détenteur", "Holder"),
            B::Share => pick(l, "Part", "Share"),
            B::Roles => pick(l, "Rôles", "Roles"),
            B::Contributes => pick(l, "Auteur, co-auteur ou producteur", "Author, co-author or producer"),
            B::HeldByContributors { share } => pick(
                l,
                format!("{share} du capital est détenu par des auteurs, co-auteurs ou producteurs."),
                format!("{share} of the capital is held by authors, co-authors or producers."),
            ),
            B::FlowSummary { matrices, flows } => pick(
                l,
                format!("{}, {flows} flux.", count(Fr, *matrices, "matrice", "matrices")),
                format!("{}, {}.", count(En, *matrices, "matrix", "matrices"), count(En, *flows, "flow", "flows")),
            ),
            B::Member => pick(l, "Membre", "Member"),
            B::Unit => pick(l, "Unité", "Unit"),
            B::Given => pick(l, "Donné", "Given"),
            B::Received => pick(l, "Reçu", "Received"),
            B::NoQuantitativeFlow => pick(l, "Aucun flux quantitatif.", "No quantitative flow."),
            B::OnlyGive { list } => pick(l, format!("Ne font que donner : {list}."), format!("Only give: {list}.")),
            B::OnlyReceive { list } => pick(l, format!("Ne font que recevoir : {list}."), format!("Only receive: {list}.")),
            B::WithoutFlow { list } => pick(l, format!("Dans aucun flux : {list}."), format!("In no flow: {list}.")),
            B::Nature => pick(l, "Nature", "Nature"),
            B::Measure => pick(l, "Mesure", "Measure"),
            B::FlowCount => pick(l, "Flux", "Flows"),
            B::NatureName { key } => nature_name(l, key),
            B::ImmaterialWealth => pick(l, "Richesse immatérielle", "Immaterial wealth"),
            B::FlowsChart { unit } => pick(l, format!("Donné et reçu par membre ({unit})"), format!("Given and received per member ({unit})")),
            B::OfferSummary { offers } => pick(
                l,
                format!("{}.", count(Fr, *offers, "offre active", "offres actives")),
                format!("{}.", count(En, *offers, "active offer", "active offers")),
            ),
            B::Offers => pick(l, "Offres", "Offers"),
            B::WithoutOffer { list } => pick(l, format!("Membres sans offre : {list}."), format!("Members with no offer: {list}.")),
            B::EveryoneOffers => pick(l, "Chaque membre a au moins une offre.", "Every member has at least one offer."),
            B::Offer => pick(l, "Offre", "Offer"),
            B::ComplementOf => pick(l, "Complémentaire de", "Complements"),
            B::CitedBy => pick(l, "Citée par", "Named by"),
            B::Window { since } => pick(
                l,
                format!("Commits qui ont modifié le contenu, par mois, depuis le {since} :"),
                format!("Commits that changed the content, per month, since {since}:"),
            ),
            B::Month => pick(l, "Mois", "Month"),
            B::Commits => pick(l, "Commits", "Commits"),
            B::Classe => pick(l, "Classe", "Class"),
            B::LastYear => pick(l, "12 derniers mois", "Last 12 months"),
            B::Total => pick(l, "Total", "Total"),
            B::ClasseName { key } => classe_name(l, key),
            B::Decisions => pick(l, "Décisions enregistrées", "Decisions recorded"),
            B::NoDecision => pick(
                l,
                "Aucune décision enregistrée (ligne `Decision:` en fin de message de commit).",
                "No decision recorded (a `Decision:` line at the end of a commit message).",
            ),
            B::Date => pick(l, "Date", "Date"),
            B::Commit => pick(l, "Commit", "Commit"),
            B::Decision => pick(l, "Décision", "Decision"),
            B::Yes => pick(l, "oui", "yes"),
            B::No => pick(l, "non", "no"),
            B::None => pick(l, "aucun", "none"),
            B::CheckProblems => pick(
                l,
                "note : `codesocial check` signale des erreurs dans ce #CodeSocial ; le bilan porte sur ce qui a pu être lu.",
                "note: `codesocial check` reports errors in this #CodeSocial; the bilan covers what could be read.",
            ),
        }
    }
}

fn role_name(l: Lang, key: &str) -> String {
    match key {
        "auteurs" => pick(l, "Auteurs", "Authors"),
        "co_auteurs" => pick(l, "Co-auteurs", "Co-authors"),
        "editeurs" => pick(l, "Éditeurs", "Publishers"),
        "producteurs" => pick(l, "Producteurs", "Producers"),
        "contributeurs" => pick(l, "Contributeurs", "Contributors"),
        other => other.to_string(),
    }
}

fn nature_name(l: Lang, key: &str) -> String {
    match key {
        "materielle" => pick(l, "matérielle", "material"),
        "immaterielle" => pick(l, "immatérielle", "immaterial"),
        "quantitative" => pick(l, "quantitative", "quantitative"),
        "qualitative" => pick(l, "qualitative", "qualitative"),
        other => other.to_string(),
    }
}

fn classe_name(l: Lang, key: &str) -> String {
    match key {
        "intangible" => pick(l, "intangible", "intangible"),
        "qualifiee" => pick(l, "qualifiée", "qualified"),
        "simple" => pick(l, "simple", "simple"),
        other => other.to_string(),
    }
}

/// A statut as a reader says it.
pub fn statut_name(l: Lang, key: &str) -> String {
    match key {
        "adopte" => pick(l, "adopté", "adopted"),
        "propose" => pick(l, "proposé", "proposed"),
        "abroge" => pick(l, "abrogé", "repealed"),
        other => other.to_string(),
    }
}

/// A number with at most two decimals and the language's separators (`1 234,5`, `1,234.5`).
pub fn number(l: Lang, value: f64) -> String {
    let rounded = (value * 100.0).round() / 100.0;
    let negative = rounded < 0.0;
    let text = format!("{:.2}", rounded.abs());
    let (int, frac) = text.split_once('.').unwrap_or((&text, "00"));
    let frac = frac.trim_end_matches('0');
    let (group, decimal) = match l {
        Lang::Fr => ('\u{a0}', ','),
        Lang::En => (',', '.'),
    };
    let mut grouped = String::new();
    for (i, c) in int.chars().enumerate() {
        if i > 0 && (int.len() - i) % 3 == 0 {
            grouped.push(group);
        }
        grouped.push(c);
    }
    let sign = if negative { "-" } else { "" };
    if frac.is_empty() {
        format!("{sign}{grouped}")
    } else {
        format!("{sign}{grouped}{decimal}{frac}")
    }
}

/// A share between 0 and 1 as a whole percentage (`82 %`, `82%`).
pub fn percent(l: Lang, share: f64) -> String {
    percent_of(l, share * 100.0)
}

/// A percentage as written (`35 %`, `35%`).
pub fn percent_of(l: Lang, value: f64) -> String {
    match l {
        Lang::Fr => format!("{}\u{a0}%", number(l, value.round())),
        Lang::En => format!("{}%", number(l, value.round())),
    }
}

/// An age in days as a reader says it: days under two months, then months, then years.
pub fn age(l: Lang, days: i64) -> String {
    let days = usize::try_from(days).unwrap_or(0);
    if days < 60 {
        in_units(l, days, DAY)
    } else if days < 730 {
        in_units(l, days * 12 / 365, MONTH)
    } else {
        in_units(l, days / 365, YEAR)
    }
}

/// `--stale-after` as words (`12 mois`, `90 days`); `text` is a checked duration.
pub fn duration(l: Lang, text: &str) -> String {
    let (n, unit) = text.split_at(text.len().saturating_sub(1));
    let unit = match unit {
        "d" => DAY,
        "w" => WEEK,
        "m" => MONTH,
        _ => YEAR,
    };
    in_units(l, n.parse().unwrap_or(0), unit)
}

/// A unit of time: French singular and plural, English singular and plural.
type Unit = [&'static str; 4];
const DAY: Unit = ["jour", "jours", "day", "days"];
const WEEK: Unit = ["semaine", "semaines", "week", "weeks"];
const MONTH: Unit = ["mois", "mois", "month", "months"];
const YEAR: Unit = ["an", "ans", "year", "years"];

fn in_units(l: Lang, n: usize, [fr_one, fr_other, en_one, en_other]: Unit) -> String {
    pick(
        l,
        count(Fr, n, fr_one, fr_other),
        count(En, n, en_one, en_other),
    )
}

/// `label: value` with the language's punctuation (`Adoptés : 2`, `Adopted: 2`).
pub fn labelled(l: Lang, label: &str, value: &str) -> String {
    pick(l, format!("{label} : {value}"), format!("{label}: {value}"))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn numbers_read_like_the_language() {
        assert_eq!(number(Lang::En, 1234.5), "1,234.5");
        assert_eq!(number(Lang::Fr, 1234.5), "1\u{a0}234,5");
        assert_eq!(number(Lang::En, 1200.0), "1,200");
        assert_eq!(number(Lang::En, 0.125), "0.13");
        assert_eq!(number(Lang::En, 999.0), "999");
        assert_eq!(percent(Lang::En, 0.825), "83%");
    }

    #[test]
    fn ages_and_durations() {
        assert_eq!(age(Lang::En, 1), "1 day");
        assert_eq!(age(Lang::En, 90), "2 months");
        assert_eq!(age(Lang::Fr, 400), "13 mois");
        assert_eq!(age(Lang::Fr, 800), "2 ans");
        assert_eq!(duration(Lang::Fr, "12m"), "12 mois");
        assert_eq!(duration(Lang::En, "90d"), "90 days");
        assert_eq!(duration(Lang::Fr, "1y"), "1 an");
        assert_eq!(age(Lang::Fr, 0), "0 jour");
        assert_eq!(age(Lang::En, 0), "0 days");
        assert_eq!(age(Lang::En, -3), "0 days");
    }
}
