//! The pooled catalogue: every offer of the ecosystem, this #CodeSocial's first, each with
//! its organisation, as `codesocial catalogue` prints it and the site's "catalogue de
//! l'écosystème" shows it. References between offers are rewritten as this #CodeSocial
//! writes them (`atelier` for its own offers, `partenaire:offre` for a member's).

use serde::Serialize;

use super::LoadedMember;
use crate::model::{Offre, Repo, Tarif};

/// Who offers an offer: a member id and its name.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct PooledMembre {
    pub id: String,
    pub nom: String,
}

/// A price, or a mode of payment.
#[derive(Debug, Clone, PartialEq, Serialize)]
#[serde(untagged)]
pub enum PooledTarif {
    Prix {
        montant: serde_json::Value,
        devise: String,
        unite: Option<String>,
    },
    Mode {
        mode: String,
    },
}

impl PooledTarif {
    fn of(tarif: &Tarif) -> Self {
        match tarif {
            Tarif::Prix {
                montant,
                devise,
                unite,
            } => PooledTarif::Prix {
                montant: number(*montant),
                devise: devise.clone(),
                unite: unite.clone(),
            },
            Tarif::Mode(mode) => PooledTarif::Mode { mode: mode.clone() },
        }
    }

    /// `450 EUR/jour`, `prix-libre`.
    pub fn display(&self) -> String {
        match self {
            PooledTarif::Prix {
                montant,
                devise,
                unite,
            } => match unite {
                Some(u) => format!("{montant} {devise}/{u}"),
                None => format!("{montant} {devise}"),
            },
            PooledTarif::Mode { mode } => mode.clone(),
        }
    }
}

/// A number as JSON, whole numbers without a fraction (`450`, not `450.0`).
pub(crate) fn number(n: f64) -> serde_json::Value {
    if n.fract() == 0.0 && n.abs() < 9.0e15 {
        serde_json::Value::from(n as i64)
    } else {
        serde_json::Value::from(n)
    }
}

/// One offer of the pooled catalogue.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct PooledOffer {
    /// The organisation: this #CodeSocial's `organisation.id`, or a member's `ecosysteme` id.
    pub org_id: String,
    pub org_nom: String,
    /// The base URL of the organisation's published #CodeSocial (`site.url`).
    pub org_site_url: Option<String>,
    /// The organisation's own website (`organisation.site`).
    pub org_site: Option<String>,
    /// Whether the offer is this #CodeSocial's own.
    pub local: bool,
    pub id: String,
    /// How this #CodeSocial names it: `id`, or `org:id` for a member's offer.
    pub reference: String,
    pub titre: String,
    #[serde(rename = "type")]
    pub type_: String,
    pub statut: String,
    pub plans: Vec<String>,
    pub membres: Vec<PooledMembre>,
    pub tarif: Option<PooledTarif>,
    pub contact: Option<String>,
    pub resume: Option<String>,
    /// References to the offers it complements, as this #CodeSocial writes them.
    pub complementaire_de: Vec<String>,
    /// Its page on the organisation's published site, when `site.url` is known.
    pub url: Option<String>,
}

/// Every offer of `repo` and of its loaded ecosystem members, in that order, each group
/// sorted by offer id.
pub fn pooled_offers(repo: &Repo, eco: &[LoadedMember]) -> Vec<PooledOffer> {
    let own_id = repo
        .manifeste
        .as_ref()
        .map(|m| m.org_id.clone())
        .unwrap_or_default();
    let aliases: Vec<&str> = eco.iter().map(|m| m.id.as_str()).collect();
    let mut out: Vec<PooledOffer> = repo
        .offres
        .iter()
        .map(|o| offer(repo, o, &own_id, None))
        .collect();
    for member in eco {
        let view = View {
            alias: &member.id,
            own_id: &own_id,
            aliases: &aliases,
        };
        out.extend(
            member
                .repo
                .offres
                .iter()
                .map(|o| offer(&member.repo, o, &member.id, Some(&view))),
        );
    }
    out
}

/// How a member's references read from this #CodeSocial.
struct View<'a> {
    alias: &'a str,
    own_id: &'a str,
    aliases: &'a [&'a str],
}

impl View<'_> {
    /// A member writes `x` for its own offer and `p:x` for a partner's. Partners are known
    /// here by their organisation id (the convention for `ecosysteme` ids): this
    /// #CodeSocial's own id becomes a local reference.
    fn rewrite(&self, reference: &str) -> String {
        match reference.split_once(':') {
            None => format!("{}:{reference}", self.alias),
            Some((org, id)) if org == self.own_id => id.to_string(),
            Some((org, id)) if self.aliases.contains(&org) => format!("{org}:{id}"),
            Some(_) => reference.to_string(),
        }
    }
}

fn offer(repo: &Repo, o: &Offre, org_id: &str, view: Option<&View<'_>>) -> PooledOffer {
    let manifeste = repo.manifeste.as_ref();
    let site_url = manifeste.and_then(|m| m.site_url.clone());
    let id = o.meta.id.clone();
    PooledOffer {
        org_id: org_id.to_string(),
        org_nom: manifeste
            .map(|m| m.nom.clone())
            .filter(|n| !n.is_empty())
            .unwrap_or_else(|| org_id.to_string()),
        url: site_url.as_deref().map(|base| offer_url(base, &id)),
        org_site_url: site_url,
        org_site: manifeste.and_then(|m| m.site.clone()),
        local: view.is_none(),
        reference: match view {
            None => id.clone(),
            Some(v) => format!("{}:{id}", v.alias),
        },
        titre: o.titre.clone(),
        type_: o.type_.as_str().to_string(),
        statut: o.statut.as_str().to_string(),
        plans: o.plans.iter().map(|p| p.value.clone()).collect(),
        membres: o
            .membres
            .iter()
            .map(|m| PooledMembre {
                id: m.value.clone(),
                nom: repo
                    .membre(&m.value)
                    .map_or_else(|| m.value.clone(), |x| x.nom.clone()),
            })
            .collect(),
        tarif: o.tarif.as_ref().map(PooledTarif::of),
        contact: o.contact.clone(),
        resume: o.resume.clone(),
        complementaire_de: o
            .complementaire_de
            .iter()
            .map(|r| match view {
                None => r.value.clone(),
                Some(v) => v.rewrite(&r.value),
            })
            .collect(),
        id,
    }
}

/// The page of offer `id` on a site published at `base` (the layout `build` writes).
pub fn offer_url(base: &str, id: &str) -> String {
    format!("{}catalogue/{id}/", with_slash(base))
}

/// `base` ending with exactly one `/`.
pub(crate) fn with_slash(base: &str) -> String {
    format!("{}/", base.trim_end_matches('/'))
}

/// The offers `offer` complements and those that name it as a complement, without repeats,
/// in the catalogue's order: what an offer page shows across organisations.
pub fn complements<'a>(pooled: &'a [PooledOffer], offer: &PooledOffer) -> Vec<&'a PooledOffer> {
    pooled
        .iter()
        .filter(|other| other.reference != offer.reference)
        .filter(|other| {
            offer.complementaire_de.contains(&other.reference)
                || other.complementaire_de.contains(&offer.reference)
        })
        .collect()
}
