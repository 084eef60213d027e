//! Every id written in a document must name something that exists.

use std::collections::HashSet;

use super::{Ecosystem, Index, Suggestions};
use crate::diag::Diagnostic;
use crate::format::Kind;
use crate::format::Role;
use crate::i18n::{Message, Reference};
use crate::model::{Meta, Repo, Sp};
use strum::IntoEnumIterator;

pub(super) fn check(
    repo: &Repo,
    index: &Index<'_>,
    eco: Option<&Ecosystem>,
    out: &mut Vec<Diagnostic>,
) {
    let partners = repo
        .manifeste
        .iter()
        .flat_map(|m| m.ecosysteme.iter().map(|e| e.id.value.as_str()))
        .collect();
    let r = Resolver {
        repo,
        index,
        out,
        partners,
        suggestions: Suggestions::new(),
    };
    r.run(eco);
}

struct Resolver<'a, 'r> {
    repo: &'r Repo,
    index: &'a Index<'r>,
    out: &'a mut Vec<Diagnostic>,
    /// The organisations of the manifest's `ecosysteme`.
    partners: HashSet<&'r str>,
    suggestions: Suggestions,
}

impl Resolver<'_, '_> {
    fn run(mut self, eco: Option<&Ecosystem>) {
        let repo = self.repo;
        for p in &repo.principes {
            self.membres(&p.meta, &p.responsables);
            self.principes(&p.meta, &p.liens);
            self.principes(&p.meta, &p.remplace);
        }
        if let Some(h) = &repo.histoire {
            for j in &h.jalons {
                self.membres(&h.meta, &j.acteurs);
            }
        }
        if let Some(pyr) = &repo.pyramide {
            for (_, entries) in &pyr.roles {
                let refs: Vec<Sp<String>> = entries.iter().map(|e| e.membre.clone()).collect();
                self.membres(&pyr.meta, &refs);
            }
            if let crate::model::Capital::Parts { parts, .. } = &pyr.capital {
                let refs: Vec<Sp<String>> = parts.iter().map(|p| p.membre.clone()).collect();
                self.membres(&pyr.meta, &refs);
            }
        }
        for m in &repo.matrices {
            let refs: Vec<Sp<String>> = m
                .flux
                .iter()
                .flat_map(|f| [f.de.clone(), f.vers.clone()])
                .collect();
            self.membres(&m.meta, &refs);
        }
        for o in &repo.offres {
            self.membres(&o.meta, &o.membres);
            self.principes(&o.meta, &o.principes);
            self.plans(&o.meta, &o.plans);
            self.offres(&o.meta, &o.complementaire_de, eco);
        }
        if let Some(m) = &repo.manifeste {
            for p in &m.plans {
                self.covered(&m.meta, &p.couvre);
            }
        }
        if let Some(r) = &repo.raison {
            // `objectif’s:` misspelt: the objectives were not read, the unknown key is
            // the one error, and the missions citing them say nothing more.
            let list_unread = r.objectifs.is_empty()
                && self.out.iter().any(|d| {
                    d.code == "codesocial::schema::unknown-key"
                        && d.file.as_deref() == Some(r.meta.path.as_str())
                });
            for mission in r.missions.iter().filter(|_| !list_unread) {
                for o in &mission.objectifs {
                    if !self.index.objectifs.contains(&o.value) {
                        let suggestion = self.suggestions.closest(
                            "objectif",
                            &o.value,
                            self.index.objectifs.iter().map(String::as_str),
                        );
                        self.push(
                            &r.meta,
                            Message::UnknownObjectif {
                                id: o.value.clone(),
                                suggestion,
                            },
                            o,
                        );
                    }
                }
            }
        }
        self.deciders();
    }

    fn push(&mut self, meta: &Meta, message: Message, at: &Sp<String>) {
        self.out.push(Diagnostic::at(
            message,
            self.repo.file(meta),
            at.span.clone(),
        ));
    }

    /// Reports `r`, several known ids written with another separator than a comma (see
    /// [`unseparated_items`]), as [`Message::UnseparatedItems`].
    fn unseparated(&mut self, meta: &Meta, r: &Sp<String>, family: Reference, items: &[&str]) {
        let message = Message::UnseparatedItems {
            family,
            value: r.value.clone(),
            fixed: items.join(", "),
        };
        self.push(meta, message, r);
    }

    fn membres(&mut self, meta: &Meta, refs: &[Sp<String>]) {
        self.local(meta, refs, Reference::Membre);
    }

    fn principes(&mut self, meta: &Meta, refs: &[Sp<String>]) {
        self.local(meta, refs, Reference::Principe);
    }

    fn plans(&mut self, meta: &Meta, refs: &[Sp<String>]) {
        // Plans are declared in the manifest: unknown while it cannot be read.
        if self.repo.all_read(&[Kind::Manifeste]) {
            self.local(meta, refs, Reference::Plan);
        }
    }

    /// Reports each of `refs` that names no `family` of this repository: several known
    /// ids written without commas ([`Message::UnseparatedItems`]), or an unknown one with
    /// the closest known id.
    fn local(&mut self, meta: &Meta, refs: &[Sp<String>], family: Reference) {
        let index = self.index;
        for r in refs {
            if known(index, family, &r.value) {
                continue;
            }
            if let Some(items) = unseparated_items(&r.value, |id| known(index, family, id)) {
                self.unseparated(meta, r, family, &items);
                continue;
            }
            let id = r.value.clone();
            let message = match family {
                Reference::Membre => Message::UnknownMember {
                    suggestion: self.suggestions.closest(
                        "membre",
                        &id,
                        index.membres.iter().copied(),
                    ),
                    id,
                },
                Reference::Principe => Message::UnknownPrinciple {
                    suggestion: self.suggestions.closest(
                        "principe",
                        &id,
                        index.principes.keys().copied(),
                    ),
                    id,
                },
                Reference::Offre => Message::UnknownOffer {
                    suggestion: self.suggestions.closest(
                        "offre",
                        &id,
                        index.offres.iter().copied(),
                    ),
                    id,
                },
                Reference::Plan => Message::UnknownPlan {
                    suggestion: self.suggestions.closest(
                        "plan",
                        &id,
                        index.plans.iter().map(String::as_str),
                    ),
                    id,
                },
            };
            self.push(meta, message, r);
        }
    }

    /// `couvre` names plans of the method (FORMAT.md), declared or not: a merged
    /// `juridique-financier` covers `juridique` and `financier`, which it replaces.
    fn covered(&mut self, meta: &Meta, refs: &[Sp<String>]) {
        let method = crate::model::DEFAULT_PLANS.map(|(id, _)| id);
        for r in refs {
            if !method.contains(&r.value.as_str()) {
                let suggestion =
                    self.suggestions
                        .closest("couvre", &r.value, method.iter().copied());
                self.push(
                    meta,
                    Message::UnknownPlan {
                        id: r.value.clone(),
                        suggestion,
                    },
                    r,
                );
            }
        }
    }

    fn offres(&mut self, meta: &Meta, refs: &[Sp<String>], eco: Option<&Ecosystem>) {
        for r in refs {
            match r.value.split_once(':') {
                None => self.local(meta, std::slice::from_ref(r), Reference::Offre),
                Some((org, id)) => self.eco_offer(meta, r, org, id, eco),
            }
        }
    }

    fn eco_offer(
        &mut self,
        meta: &Meta,
        r: &Sp<String>,
        org: &str,
        id: &str,
        eco: Option<&Ecosystem>,
    ) {
        // Partners are declared in the manifest: unknown while it cannot be read.
        if !self.repo.all_read(&[Kind::Manifeste]) {
            return;
        }
        if !self.partners.contains(&org) {
            let suggestion =
                self.suggestions
                    .closest("ecosysteme", org, self.partners.iter().copied());
            self.push(
                meta,
                Message::UnknownEcosystem {
                    prefix: org.to_string(),
                    suggestion,
                },
                r,
            );
            return;
        }
        match eco.and_then(|e| e.get(org)) {
            Some(Some(offers)) => {
                if !offers.contains(id) {
                    let suggestion = self.suggestions.closest_as(
                        "offre-partenaire",
                        &r.value,
                        id,
                        offers.iter().map(String::as_str),
                    );
                    self.push(
                        meta,
                        Message::UnknownEcoOffer {
                            org: org.to_string(),
                            id: id.to_string(),
                            suggestion,
                        },
                        r,
                    );
                }
            }
            _ => self.push(
                meta,
                Message::EcosystemUnavailable {
                    org: org.to_string(),
                    id: id.to_string(),
                },
                r,
            ),
        }
    }

    /// `decide_par` names pyramid roles or instances of `modification.md`.
    fn deciders(&mut self) {
        let Some(modif) = &self.repo.modification else {
            return;
        };
        let mut known: Vec<String> = Role::iter().map(|r| r.key().to_string()).collect();
        known.extend(modif.instances.iter().map(|i| i.id.value.clone()));
        for regle in &modif.regles {
            for d in &regle.decide_par {
                if !known.contains(&d.value) {
                    let suggestion = self.suggestions.closest(
                        "decide_par",
                        &d.value,
                        known.iter().map(String::as_str),
                    );
                    self.push(
                        &modif.meta,
                        Message::UnknownDecider {
                            id: d.value.clone(),
                            suggestion,
                        },
                        d,
                    );
                }
            }
        }
    }
}

/// Whether `id` names a `family` of the repository (or a document of it that failed to parse).
fn known(index: &Index<'_>, family: Reference, id: &str) -> bool {
    match family {
        Reference::Membre => index.has(Kind::Membre, id),
        Reference::Principe => index.has(Kind::Principe, id),
        Reference::Offre => index.has(Kind::Offre, id),
        Reference::Plan => index.plans.iter().any(|p| p == id),
    }
}

/// The ids of one list item that holds several, separated by `;`, `,` or white space
/// (`[a; b]`, `[a b]`, a flow list's item `a,b` being impossible but a quoted `"a, b"` not):
/// `Some` when there are at least two and `known` accepts each, else `None`.
fn unseparated_items(value: &str, known: impl Fn(&str) -> bool) -> Option<Vec<&str>> {
    let items: Vec<&str> = value
        .split(|c: char| c == ';' || c == ',' || c.is_whitespace())
        .filter(|s| !s.is_empty())
        .collect();
    if let [glued] = items[..] {
        // `clairemathieu`: two ids glued, no separator at all.
        return glued
            .char_indices()
            .skip(1)
            .map(|(i, _)| (&glued[..i], &glued[i..]))
            .find(|(a, b)| known(a) && known(b))
            .map(|(a, b)| vec![a, b]);
    }
    (items.len() >= 2 && items.iter().all(|id| known(id))).then_some(items)
}

#[cfg(test)]
mod tests {
    use super::unseparated_items;

    #[test]
    fn items_written_with_another_separator_are_found_only_when_each_is_known() {
        let known = |id: &str| ["a", "b", "c-d"].contains(&id);
        let cases: &[(&str, Option<&[&str]>)] = &[
            ("a; b", Some(&["a", "b"])),
            ("a;b", Some(&["a", "b"])),
            ("a b", Some(&["a", "b"])),
            ("a ,  b;c-d", Some(&["a", "b", "c-d"])),
            ("a\tb", Some(&["a", "b"])),
            ("a", None),
            // Glued: two known ids, nothing between them.
            ("ab", Some(&["a", "b"])),
            ("ac-d", Some(&["a", "c-d"])),
            ("ax", None),
            ("a; x", None),
            ("a;", None),
            ("", None),
            (" ; ", None),
        ];
        for (value, expected) in cases {
            assert_eq!(
                unseparated_items(value, known).as_deref(),
                *expected,
                "{value:?}"
            );
        }
    }
}
