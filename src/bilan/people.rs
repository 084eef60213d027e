//! The pyramid: who holds which role, who holds none, and whether those who hold the
//! capital also carry the work (the question the inverted pyramid asks).

use super::{member_ids, CapitalHolder, CapitalView, RoleMembers};
use crate::date;
use crate::format::Role;
use crate::model::{Capital, Pyramide, Repo, RoleEntry};
use strum::IntoEnumIterator;

pub(super) struct People {
    pub roles: Vec<RoleMembers>,
    pub members_without_role: Vec<String>,
    pub capital: CapitalView,
}

pub(super) fn compute(repo: &Repo, now: i64) -> People {
    let today = now.div_euclid(86_400);
    let roles: Vec<RoleMembers> = Role::iter()
        .map(|role| role_members(repo.pyramide.as_ref(), role, today))
        .collect();
    let members_without_role = member_ids(repo)
        .into_iter()
        .filter(|id| !roles.iter().any(|r| r.members.contains(id)))
        .collect();
    People {
        capital: capital(repo.pyramide.as_ref(), &roles),
        roles,
        members_without_role,
    }
}

/// Whether the entry's `jusqu_au` has passed.
fn ended(entry: &RoleEntry, today: i64) -> bool {
    entry
        .jusqu_au
        .as_ref()
        .and_then(|d| date::parse_days(&d.value))
        .is_some_and(|end| end < today)
}

fn role_members(pyramide: Option<&Pyramide>, role: Role, today: i64) -> RoleMembers {
    let mut out = RoleMembers {
        role: role.key().to_string(),
        members: Vec::new(),
        former: Vec::new(),
    };
    for entry in pyramide.map_or(&[][..], |p| p.entries(role)) {
        let list = if ended(entry, today) {
            &mut out.former
        } else {
            &mut out.members
        };
        if !list.contains(&entry.membre.value) {
            list.push(entry.membre.value.clone());
        }
    }
    out.former.retain(|m| !out.members.contains(m));
    out
}

const CONTRIBUTING: [&str; 3] = ["auteurs", "co_auteurs", "producteurs"];

fn capital(pyramide: Option<&Pyramide>, roles: &[RoleMembers]) -> CapitalView {
    let (status, parts) = match pyramide.map(|p| &p.capital) {
        Some(Capital::Parts { parts, .. }) => ("parts", parts.as_slice()),
        Some(Capital::SansObjet) => ("sans-objet", &[][..]),
        Some(Capital::NotStated) | None => ("not-stated", &[][..]),
    };
    let holders: Vec<CapitalHolder> = parts
        .iter()
        .map(|p| {
            let held: Vec<String> = roles
                .iter()
                .filter(|r| r.members.contains(&p.membre.value))
                .map(|r| r.role.clone())
                .collect();
            CapitalHolder {
                member: p.membre.value.clone(),
                part: p.part,
                contributes: held.iter().any(|r| CONTRIBUTING.contains(&r.as_str())),
                roles: held,
            }
        })
        .collect();
    CapitalView {
        status: status.to_string(),
        held_by_contributors: holders
            .iter()
            .filter(|h| h.contributes)
            .map(|h| h.part)
            .sum(),
        holders,
    }
}
