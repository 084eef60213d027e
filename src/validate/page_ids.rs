//! The ids a document's page holds of its own, written by the site's templates
//! (`src/site/templates/*.html`) around the content: `cs-main` on every page, `enjeu-{id}`
//! on the raison d'être's, `classe-{c}` on the modification rules'… Declared here, once,
//! for both `check` and `build` ([`crate::markdown::Context::page_ids`]): headings skip
//! them, a raw HTML id repeating one is `link::duplicate-id`, and links may name the ones
//! the page surely holds. (Here rather than beside the view models in `site` because
//! `validate` sits below `site`: a template that writes a new id must be declared here.)

use crate::format::{Kind, Role};
use crate::markdown::PageIds;
use crate::model::{Mesure, Meta, Nature, Repo};
use strum::IntoEnumIterator;

/// The ids of `base.html`, on every page.
const EVERY_PAGE: [&str; 3] = ["cs-main", "cs-menu", "cs-q"];

/// The ids the page of the document `meta` holds besides its content's.
pub fn of(repo: &Repo, meta: &Meta) -> PageIds {
    let mut ids = PageIds::default();
    let held =
        |ids: &mut PageIds, list: &[&str]| ids.held.extend(list.iter().map(|s| s.to_string()));
    held(&mut ids, &EVERY_PAGE);
    match meta.kind {
        Kind::RaisonDEtre => raison(repo, &mut ids),
        Kind::Modification => modification(repo, &mut ids),
        Kind::Pyramide => {
            held(&mut ids, &["cs-roles"]);
            for role in Role::iter() {
                ids.held.push(format!("role-{}", role.key()));
                ids.held.push(format!("role-{}-title", role.key()));
            }
            ids.possible
                .extend(["cs-pyramid-caption", "cs-capital"].map(String::from));
        }
        Kind::Principe => held(&mut ids, &["cs-history"]),
        Kind::Membre => {
            held(&mut ids, &["cs-offres", "cs-out", "cs-in"]);
            ids.possible.push("cs-resp".into());
        }
        Kind::Histoire if repo.histoire.as_ref().is_some_and(|h| !h.jalons.is_empty()) => {
            held(&mut ids, &["cs-jalons"]);
        }
        Kind::Matrice => {
            held(&mut ids, &["cs-quadrants", "cs-members", "cs-flux"]);
            for nature in [Nature::Materielle, Nature::Immaterielle] {
                for mesure in [Mesure::Quantitative, Mesure::Qualitative] {
                    let (n, m) = (nature.as_str(), mesure.as_str());
                    ids.held.push(format!("cs-q-{n}-{m}"));
                }
            }
            ids.possible.push("cs-totals".into());
        }
        _ => {}
    }
    ids
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
