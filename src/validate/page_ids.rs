//! The ids a page of the site holds of its own, written by its template
//! (`src/site/templates/*.html`) around the content: `cs-main` on every page, `enjeu-{id}`
//! on the raison d'être's, `classe-{c}` on the modification rules', `plan-{id}` on the
//! principles' index… Declared here, once per template, for both `check` and `build`
//! ([`crate::markdown::Context::page_ids`]): headings skip them, a raw HTML id repeating
//! one is `link::duplicate-id`, and links may name the ones the page surely holds (links
//! to a folder's page included). The site renders each page with its template's
//! declaration, and a test crawls every built page of the examples and fixtures for an id
//! neither declared here nor given by the content (`tests/testsuite/truth.rs`): a template
//! that writes a new id must be declared here. (Here rather than beside the view models in
//! `site` because `validate` sits below `site`.)

use crate::format::{Kind, Role};
pub use crate::i18n::vocabulary::TemplateCondition;
use crate::markdown::PageIds;
use crate::model::{Mesure, Meta, Nature, Repo};
use strum::IntoEnumIterator;

/// The ids of `base.html`, on every page (the page's frame: main content, menu, search).
pub const EVERY_PAGE: [&str; 3] = ["cs-main", "cs-menu", "cs-q"];

/// The template of the page that shows a document of `kind` (the site's choice, which
/// `site` follows: its document pages are rendered with the ids of this template).
pub fn template_of(kind: Kind) -> &'static str {
    match kind {
        Kind::Manifeste => "home.html",
        Kind::RaisonDEtre => "raison.html",
        Kind::Histoire => "histoire.html",
        Kind::Informations | Kind::Annexe => "document.html",
        Kind::Plan => "plan.html",
        Kind::Principe => "principe.html",
        Kind::Membre => "membre.html",
        Kind::Pyramide => "pyramide.html",
        Kind::Matrice => "matrice.html",
        Kind::Offre => "offre.html",
        Kind::Modification => "modification.html",
    }
}

/// The ids the page of the document `meta` holds besides its content's: its template's,
/// with the sections shown only when the document has what they show decided from the
/// repository (a matrix's `cs-totals` when one of its flows has a quantity, a member's
/// `cs-resp` when a principle names them responsible), so that links may name them.
pub fn of(repo: &Repo, meta: &Meta) -> PageIds {
    let mut ids = of_template(repo, template_of(meta.kind));
    for id in std::mem::take(&mut ids.possible) {
        match when(&id) {
            Some(condition) if holds(repo, meta, condition) => ids.held.push(id),
            _ => ids.possible.push(id),
        }
    }
    ids
}

/// When the template writes the id `id`, if it writes it only sometimes.
pub fn when(id: &str) -> Option<TemplateCondition> {
    match id {
        "cs-totals" => Some(TemplateCondition::Totals),
        "cs-resp" => Some(TemplateCondition::Responsible),
        _ => None,
    }
}

/// Whether the page of `meta` shows the section `condition` names.
fn holds(repo: &Repo, meta: &Meta, condition: TemplateCondition) -> bool {
    match condition {
        TemplateCondition::Totals => repo
            .matrices
            .iter()
            .find(|m| m.meta.id == meta.id)
            .is_some_and(|m| {
                m.flux
                    .iter()
                    .any(|f| f.mesure == Mesure::Quantitative && f.valeur.is_some())
            }),
        TemplateCondition::Responsible => repo
            .principes
            .iter()
            .any(|p| p.responsables.iter().any(|r| r.value == meta.id)),
    }
}

/// The ids a page rendered with `template` holds besides its content's (an unknown
/// template, a site's own, holds those of `base.html`).
pub fn of_template(repo: &Repo, template: &str) -> PageIds {
    let mut ids = PageIds::default();
    held(&mut ids, &EVERY_PAGE);
    match template {
        "home.html" => home(repo, &mut ids),
        "raison.html" => raison(repo, &mut ids),
        "histoire.html" if repo.histoire.as_ref().is_some_and(|h| !h.jalons.is_empty()) => {
            held(&mut ids, &["cs-jalons"]);
        }
        "modification.html" => modification(repo, &mut ids),
        "principes.html" => ids.held.extend(
            repo.plan_decls()
                .iter()
                .map(|p| format!("plan-{}", p.id.value)),
        ),
        "plan.html" => held(&mut ids, &["cs-principes"]),
        "principe.html" => held(&mut ids, &["cs-history"]),
        "pyramide.html" => pyramide(repo, &mut ids),
        "matrice.html" => matrice(&mut ids),
        "membre.html" => {
            held(&mut ids, &["cs-offres", "cs-out", "cs-in"]);
            ids.possible.push("cs-resp".into());
            ids.possible.push("cs-offres-archivees".into());
        }
        "catalogue.html" => held(&mut ids, &CATALOGUE),
        "ecosysteme.html" => held(&mut ids, &ECOSYSTEME),
        "recherche.html" => held(&mut ids, &SEARCH),
        "404.html" => held(&mut ids, &["cs-404-q"]),
        "livret.html" => held(&mut ids, &["cs-booklet-toc"]),
        "evolution.html" => {
            ids.possible.push("history-truncated".into());
            // `commit-{short}` and `commit-{short}-title`, one per commit of the history.
            ids.families.push("commit-".into());
        }
        // `bilan-{section}`, one per section of the bilan.
        "bilan.html" => ids.families.push("bilan-".into()),
        _ => {}
    }
    ids
}

/// The filters and list of `catalogue.html`.
const CATALOGUE: [&str; 7] = [
    "cs-filters",
    "cs-f-type",
    "cs-f-plan",
    "cs-f-statut",
    "cs-f-membre",
    "cs-count",
    "cs-offers",
];

/// The filters and list of `ecosysteme.html`.
const ECOSYSTEME: [&str; 6] = [
    "cs-filters",
    "cs-f-org",
    "cs-f-type",
    "cs-f-plan",
    "cs-count",
    "cs-offers",
];

/// The form and results of `recherche.html`.
const SEARCH: [&str; 8] = [
    "cs-search-form",
    "cs-search-q",
    "cs-search-results",
    "cs-results-title",
    "cs-results-more",
    "cs-results-count",
    "cs-results",
    "cs-all-pages",
];

fn held(ids: &mut PageIds, list: &[&str]) {
    ids.held.extend(list.iter().map(|s| s.to_string()));
}

fn home(repo: &Repo, ids: &mut PageIds) {
    held(ids, &["cs-entry", "cs-plans", "cs-numbers"]);
    if repo.raison.as_ref().is_some_and(|r| !r.enjeux.is_empty()) {
        held(ids, &["cs-enjeux"]);
    }
}

fn pyramide(repo: &Repo, ids: &mut PageIds) {
    held(ids, &["cs-roles"]);
    // The drawing and its caption, and the capital's section (in its three states, "not
    // stated" included), are on the page whenever `pyramide.yaml` is read.
    let drawn = ["cs-pyramid-caption", "cs-capital"].map(String::from);
    if repo.pyramide.is_some() {
        ids.held.extend(drawn);
    } else {
        ids.possible.extend(drawn);
    }
    for role in Role::iter() {
        ids.held.push(format!("role-{}", role.key()));
        ids.held.push(format!("role-{}-title", role.key()));
    }
}

fn matrice(ids: &mut PageIds) {
    held(ids, &["cs-quadrants", "cs-members", "cs-flux"]);
    for nature in [Nature::Materielle, Nature::Immaterielle] {
        for mesure in [Mesure::Quantitative, Mesure::Qualitative] {
            let (n, m) = (nature.as_str(), mesure.as_str());
            ids.held.push(format!("cs-q-{n}-{m}"));
        }
    }
    ids.possible.push("cs-totals".into());
}

fn raison(repo: &Repo, ids: &mut PageIds) {
    let Some(r) = &repo.raison else { return };
    let lists: [(&str, &str, Vec<&str>); 3] = [
        (
            "cs-enjeux",
            "enjeu",
            r.enjeux.iter().map(|e| e.id.value.as_str()).collect(),
        ),
        (
            "cs-objectifs",
            "objectif",
            r.objectifs.iter().map(|o| o.id.value.as_str()).collect(),
        ),
        (
            "cs-missions",
            "mission",
            r.missions
                .iter()
                .map(|m| m.item.id.value.as_str())
                .collect(),
        ),
    ];
    for (section, prefix, items) in lists {
        if !items.is_empty() {
            ids.held.push(section.into());
        }
        ids.held
            .extend(items.iter().map(|id| format!("{prefix}-{id}")));
    }
}

fn modification(repo: &Repo, ids: &mut PageIds) {
    ids.held.push("cs-regles".into());
    let Some(m) = &repo.modification else { return };
    for r in &m.regles {
        let c = r.classe.value.as_str();
        ids.held
            .extend([format!("classe-{c}"), format!("rule-{c}")]);
    }
    if !m.instances.is_empty() {
        ids.held.push("cs-instances".into());
    }
    ids.held.extend(
        m.instances
            .iter()
            .map(|i| format!("instance-{}", i.id.value)),
    );
}
