//! The semantic rules of the format and the warnings of a holistic #CodeSocial.

use std::collections::{HashMap, HashSet};

use super::Index;
use crate::diag::Diagnostic;
use crate::format::Kind;
use crate::i18n::Message;
use crate::model::{Capital, Classe, Repo, Sp, Statut};

/// Files every #CodeSocial has.
const REQUIRED: [&str; 5] = [
    "codesocial.yaml",
    "raison-d-etre.md",
    "histoire.md",
    "pyramide.yaml",
    "modification.md",
];

pub(super) fn check(repo: &Repo, index: &Index<'_>, out: &mut Vec<Diagnostic>) {
    for path in REQUIRED {
        // A `pyramide.yml` is the pyramid, under a name whose own error says to rename it.
        let misnamed = || {
            repo.paths
                .iter()
                .any(|p| crate::load::misnamed(p).as_deref() == Some(path))
        };
        if !repo.paths.contains(path) && !misnamed() {
            out.push(Diagnostic::new(
                Message::MissingFile {
                    path: path.to_string(),
                },
                None,
            ));
        }
    }
    plans(repo, index, out);
    list_ids(repo, out);
    principes(repo, index, out);
    capital_and_flows(repo, out);
    amendment_rules(repo, out);
    dates(repo, out);
    coverage(repo, index, out);
}

fn plans(repo: &Repo, index: &Index<'_>, out: &mut Vec<Diagnostic>) {
    // Plans are declared in the manifest: nothing to conclude while it cannot be read.
    if !repo.all_read(&[Kind::Manifeste]) {
        return;
    }
    // One error per folder, at the folder: its documents are all in the wrong place for
    // the same reason.
    for (plan, folder) in super::undeclared_plan_folders(repo) {
        let path = format!("principes/{plan}/");
        out.push(Diagnostic::new(
            Message::UndeclaredPlan {
                documents: folder.documents,
                plan,
                known: index.plans.clone(),
                suggestion: folder.meant,
            },
            Some(&path),
        ));
    }
}

/// The lists of items with an `id` (FORMAT.md, and the schemas' arrays whose items have an
/// `id`; `ecosysteme`'s are `ecosysteme::duplicate`, which `fetch` reports too): each
/// item's id is unique in its list, else two items share a page anchor
/// (`enjeu-{id}`, `instance-{id}`…) and a reference cannot tell them apart. One error at
/// each repeat, naming the list and the first's line.
fn list_ids(repo: &Repo, out: &mut Vec<Diagnostic>) {
    let mut lists: Vec<(&crate::model::Meta, &str, Vec<&Sp<String>>)> = Vec::new();
    if let Some(m) = &repo.manifeste {
        lists.push((&m.meta, "plans", m.plans.iter().map(|p| &p.id).collect()));
    }
    if let Some(r) = &repo.raison {
        lists.push((&r.meta, "enjeux", r.enjeux.iter().map(|e| &e.id).collect()));
        lists.push((
            &r.meta,
            "objectifs",
            r.objectifs.iter().map(|o| &o.id).collect(),
        ));
        lists.push((
            &r.meta,
            "missions",
            r.missions.iter().map(|m| &m.item.id).collect(),
        ));
    }
    if let Some(m) = &repo.modification {
        lists.push((
            &m.meta,
            "instances",
            m.instances.iter().map(|i| &i.id).collect(),
        ));
    }
    for (meta, list, ids) in lists {
        let file = repo.file(meta);
        let mut first: HashMap<&str, &Sp<String>> = HashMap::new();
        for id in ids {
            if id.value.is_empty() {
                continue;
            }
            match first.get(id.value.as_str()) {
                Some(earlier) => {
                    let first_line = file.lines.line_of(earlier.span.start);
                    out.push(Diagnostic::at(
                        Message::DuplicateListId {
                            id: id.value.clone(),
                            list: list.to_string(),
                            first_line,
                        },
                        file,
                        id.span.clone(),
                    ));
                }
                None => {
                    first.insert(&id.value, id);
                }
            }
        }
    }
}

fn principes(repo: &Repo, index: &Index<'_>, out: &mut Vec<Diagnostic>) {
    // Principle ids are unique across plans: the same stem in two folders.
    let mut first: HashMap<&str, &str> = HashMap::new();
    for p in &repo.principes {
        if let Some(other) = first.insert(&p.meta.id, &p.meta.path) {
            out.push(Diagnostic::new(
                Message::DuplicateId {
                    id: p.meta.id.clone(),
                    other: other.to_string(),
                },
                Some(&p.meta.path),
            ));
        }
    }
    for p in &repo.principes {
        let file = repo.file(&p.meta);
        for r in &p.remplace {
            if let Some(target) = index.principes.get(r.value.as_str()) {
                if target.statut == Statut::Abroge && p.statut == Statut::Propose {
                    out.push(Diagnostic::at(
                        Message::ReplacedByProposal {
                            id: r.value.clone(),
                        },
                        file,
                        r.span.clone(),
                    ));
                } else if target.statut != Statut::Abroge {
                    out.push(Diagnostic::at(
                        Message::ReplacesActive {
                            id: r.value.clone(),
                            statut: target.statut.as_str().to_string(),
                        },
                        file,
                        r.span.clone(),
                    ));
                }
            }
        }
        for r in p.liens.iter().chain(&p.remplace) {
            if r.value == p.meta.id {
                out.push(Diagnostic::at(
                    Message::SelfReference {
                        id: r.value.clone(),
                    },
                    file,
                    r.span.clone(),
                ));
            }
        }
    }
}

fn capital_and_flows(repo: &Repo, out: &mut Vec<Diagnostic>) {
    if let Some(pyr) = &repo.pyramide {
        if let Capital::Parts { parts, span } = &pyr.capital {
            let total: f64 = parts.iter().map(|p| p.part).sum();
            if total > 100.0 + 1e-9 {
                let total = format!("{}", (total * 100.0).round() / 100.0);
                out.push(Diagnostic::at(
                    Message::CapitalOver { total },
                    repo.file(&pyr.meta),
                    span.clone(),
                ));
            }
        }
    }
    unit_variants(repo, out);
    for m in &repo.matrices {
        for f in &m.flux {
            if f.de.value == f.vers.value {
                out.push(Diagnostic::at(
                    Message::SelfFlow {
                        member: f.de.value.clone(),
                    },
                    repo.file(&m.meta),
                    f.vers.span.clone(),
                ));
            }
        }
    }
}

/// One unit written two ways (`heure` and `heures`, `Heure`): the totals of the site and
/// the bilan add up flows of one [`crate::model::unit_key`], so these count apart. The
/// spelling kept is the singular one (no final `s`/`x`), then the one in lower case, else
/// the first one met; every flow written otherwise is a warning.
fn unit_variants(repo: &Repo, out: &mut Vec<Diagnostic>) {
    /// The unit as a reader hears it: case and a final plural mark of its first word aside.
    fn heard(key: &str) -> String {
        let lower = key.to_lowercase();
        let (first, rest) = lower.split_once(' ').unwrap_or((&lower, ""));
        let stem = match first.strip_suffix(['s', 'x']) {
            Some(stem) if stem.chars().count() >= 2 => stem,
            _ => first,
        };
        format!("{stem} {rest}")
    }
    let flows = || {
        repo.matrices
            .iter()
            .flat_map(|m| m.flux.iter().map(move |f| (m, f)))
            .filter_map(|(m, f)| f.unit().map(|u| (m, f, u)))
            .filter(|(_, _, u)| !u.is_empty())
    };
    // The spelling kept: singular first, then in lower case, then the first met.
    let rank = |u: &str| (u.ends_with(['s', 'x']), u.chars().any(char::is_uppercase));
    let mut kept: HashMap<String, String> = HashMap::new();
    for (_, _, unit) in flows() {
        kept.entry(heard(&unit))
            .and_modify(|k| {
                if rank(&unit) < rank(k) {
                    *k = unit.to_string();
                }
            })
            .or_insert_with(|| unit.to_string());
    }
    for (m, f, unit) in flows() {
        let Some(kept) = kept.get(&heard(&unit)) else {
            continue;
        };
        if *kept != unit {
            out.push(Diagnostic::at(
                Message::UnitVariants {
                    unit: unit.to_string(),
                    kept: kept.clone(),
                },
                repo.file(&m.meta),
                f.span.clone(),
            ));
        }
    }
}

fn amendment_rules(repo: &Repo, out: &mut Vec<Diagnostic>) {
    let Some(modif) = &repo.modification else {
        return;
    };
    let file = repo.file(&modif.meta);
    let mut seen = HashSet::new();
    for r in &modif.regles {
        if !seen.insert(r.classe.value) {
            out.push(Diagnostic::at(
                Message::DuplicateRule {
                    classe: r.classe.value.as_str().into(),
                },
                file,
                r.classe.span.clone(),
            ));
        }
    }
    let mut reported = HashSet::new();
    for p in &repo.principes {
        let classe: Classe = p.classe.value;
        if modif.regle(classe).is_none() && reported.insert(classe) {
            let message = Message::ClasseWithoutRule {
                classe: classe.as_str().into(),
            };
            if p.classe.span.is_empty() {
                out.push(Diagnostic::new(message, Some(&p.meta.path)));
            } else {
                out.push(Diagnostic::at(
                    message,
                    repo.file(&p.meta),
                    p.classe.span.clone(),
                ));
            }
        }
    }
}

/// Calendar validity (the schema only checks the shape) and order of paired dates.
fn dates(repo: &Repo, out: &mut Vec<Diagnostic>) {
    let (this_year, _, _) = crate::date::civil_from_days(crate::date::now().div_euclid(86_400));
    let mut check = |meta: &crate::model::Meta, date: &Sp<String>| {
        if !crate::date::is_valid_partial(&date.value) && looks_like_date(&date.value) {
            out.push(Diagnostic::at(
                Message::InvalidDate {
                    value: date.value.clone(),
                    hint: super::fixes::date_hint(&date.value),
                },
                repo.file(meta),
                date.span.clone(),
            ));
        } else if let Some(year) = far_future(&date.value, this_year) {
            out.push(Diagnostic::at(
                Message::FarFutureDate {
                    value: date.value.clone(),
                    years: year - this_year,
                    suggestion: typo_year(&date.value, this_year),
                },
                repo.file(meta),
                date.span.clone(),
            ));
        }
    };
    for p in &repo.principes {
        for d in p.adopte_le.iter().chain(&p.abroge_le) {
            check(&p.meta, d);
        }
    }
    if let Some(h) = &repo.histoire {
        for j in &h.jalons {
            check(&h.meta, &j.date);
        }
    }
    if let Some(pyr) = &repo.pyramide {
        for (_, entries) in &pyr.roles {
            for e in entries {
                for d in e.depuis.iter().chain(&e.jusqu_au) {
                    check(&pyr.meta, d);
                }
            }
        }
    }
    for m in &repo.matrices {
        if let Some((du, au)) = &m.periode {
            for d in du.iter().chain(au) {
                check(&m.meta, d);
            }
        }
    }
    order_checks(repo, out);
}

/// How many years ahead of `this_year` a date may be before it reads as a typo in its
/// year (`3024` for `2024`): planned dates (a period, a repeal) stay well within.
const FAR_FUTURE_YEARS: i64 = 50;

/// The year of the valid date `s`, when it is more than [`FAR_FUTURE_YEARS`] ahead.
fn far_future(s: &str, this_year: i64) -> Option<i64> {
    if !crate::date::is_valid_partial(s) {
        return None;
    }
    let year: i64 = s.get(..4)?.parse().ok()?;
    (year > this_year + FAR_FUTURE_YEARS).then_some(year)
}

/// The date `s` with its year one typo away (a digit changed, or two swapped) from a year
/// not after next year, the closest to `this_year`: `3024-01-01` → `2024-01-01`.
fn typo_year(s: &str, this_year: i64) -> Option<String> {
    let year: Vec<u8> = s.get(..4)?.bytes().collect();
    let mut candidates: Vec<Vec<u8>> = Vec::new();
    for i in 0..4 {
        for d in b'0'..=b'9' {
            let mut y = year.clone();
            y[i] = d;
            candidates.push(y);
        }
        if i < 3 {
            let mut y = year.clone();
            y.swap(i, i + 1);
            candidates.push(y);
        }
    }
    candidates
        .into_iter()
        .filter_map(|y| String::from_utf8(y).ok()?.parse::<i64>().ok())
        .filter(|&y| y >= 1000 && y <= this_year + 1)
        .min_by_key(|&y| (this_year - y).abs())
        .map(|y| format!("{y}{}", &s[4..]))
        .filter(|fixed| crate::date::is_valid_partial(fixed))
}

/// Whether `s` has the shape of a date (`YYYY`, `YYYY-MM`, `YYYY-MM-DD`), so that only the
/// calendar can be wrong; other mistakes (`2024-1-5`, `mai 2013`) are the schema's.
fn looks_like_date(s: &str) -> bool {
    let parts: Vec<&str> = s.split('-').collect();
    let digits = |p: &str, n: usize| p.len() == n && p.bytes().all(|b| b.is_ascii_digit());
    !parts.is_empty()
        && parts.len() <= 3
        && digits(parts[0], 4)
        && parts[1..].iter().all(|p| digits(p, 2))
}

fn order_checks(repo: &Repo, out: &mut Vec<Diagnostic>) {
    // Each pair is of full dates (the schemas say so): a value that is none (`2014`) has
    // its own error, and no place in the order.
    let mut pair = |meta: &crate::model::Meta,
                    (first_key, first): (&'static str, &Sp<String>),
                    (second_key, second): (&'static str, &Sp<String>)| {
        if crate::date::is_valid(&first.value)
            && crate::date::is_valid(&second.value)
            && second.value < first.value
        {
            out.push(Diagnostic::at(
                Message::DateOrder {
                    first_key,
                    first: first.value.clone(),
                    second_key,
                    second: second.value.clone(),
                },
                repo.file(meta),
                second.span.clone(),
            ));
        }
    };
    for p in &repo.principes {
        if let (Some(a), Some(b)) = (&p.adopte_le, &p.abroge_le) {
            pair(&p.meta, ("adopte_le", a), ("abroge_le", b));
        }
    }
    for m in &repo.matrices {
        if let Some((Some(du), Some(au))) = &m.periode {
            pair(&m.meta, ("du", du), ("au", au));
        }
    }
    if let Some(pyr) = &repo.pyramide {
        for (_, entries) in &pyr.roles {
            for e in entries {
                if let (Some(a), Some(b)) = (&e.depuis, &e.jusqu_au) {
                    pair(&pyr.meta, ("depuis", a), ("jusqu_au", b));
                }
            }
        }
    }
    if let Some(h) = &repo.histoire {
        // Partial ISO dates (`2011`, `2011-05`) sort correctly as text; a date badly
        // written has its own error and no place in the order, nor has a year far ahead
        // (`2205`), a typo with its own warning (one mistake, one diagnostic).
        let (this_year, _, _) = crate::date::civil_from_days(crate::date::now().div_euclid(86_400));
        let dated: Vec<_> = h
            .jalons
            .iter()
            .filter(|j| crate::date::is_valid_partial(&j.date.value))
            .filter(|j| far_future(&j.date.value, this_year).is_none())
            .collect();
        if let Some(w) = dated.windows(2).find(|w| w[0].date.value > w[1].date.value) {
            out.push(Diagnostic::at(
                Message::JalonsOrder {
                    date: w[1].date.value.clone(),
                    previous: w[0].date.value.clone(),
                },
                repo.file(&h.meta),
                w[1].date.span.clone(),
            ));
        }
    }
}

/// The warnings: empty plans, isolated principles, unused members, offers outside the
/// pyramid, licences that are not SPDX.
fn coverage(repo: &Repo, index: &Index<'_>, out: &mut Vec<Diagnostic>) {
    // Any document file in the plan's folder fills it, even one that failed to parse or
    // is misnamed: its own diagnostics say what is wrong.
    let filled: HashSet<&str> = repo
        .paths
        .iter()
        .filter(|p| matches!(crate::load::classify(p), crate::load::Place::Doc { .. }))
        .filter_map(|p| Some(p.strip_prefix("principes/")?.split_once('/')?.0))
        .collect();
    let plans: &[String] = if repo.all_read(&[Kind::Manifeste]) {
        &index.plans
    } else {
        &[]
    };
    // A declared plan whose folder was misspelled is that folder's error, not an empty plan.
    let misspelled: HashSet<String> = super::undeclared_plan_folders(repo)
        .into_values()
        .filter_map(|f| f.meant)
        .collect();
    for plan in plans {
        if !filled.contains(plan.as_str()) && !misspelled.contains(plan) {
            let file = repo.manifeste.as_ref().map(|m| m.meta.path.as_str());
            out.push(Diagnostic::new(
                Message::EmptyPlan { plan: plan.clone() },
                file.or(Some("codesocial.yaml")),
            ));
        }
    }
    let mut linked: HashSet<&str> = HashSet::new();
    for p in &repo.principes {
        for l in p.liens.iter().chain(&p.remplace) {
            if l.value != p.meta.id && index.principes.contains_key(l.value.as_str()) {
                linked.insert(l.value.as_str());
                linked.insert(p.meta.id.as_str());
            }
        }
    }
    for o in &repo.offres {
        // An offer that embodies a principle ties it to the rest of the #CodeSocial too.
        linked.extend(o.principes.iter().map(|p| p.value.as_str()));
    }
    // A lone principle has nothing to be linked to; one that failed to parse may link any.
    let alone = repo.principes.len() < 2 || !repo.all_read(&[Kind::Principe, Kind::Offre]);
    for p in &repo.principes {
        if !alone && !linked.contains(p.meta.id.as_str()) && p.statut != Statut::Abroge {
            out.push(Diagnostic::new(
                Message::IsolatedPrinciple {
                    id: p.meta.id.clone(),
                },
                Some(&p.meta.path),
            ));
        }
    }
    unused_members(repo, out);
    offers_without_role(repo, out);
    licence(repo, out);
}

fn unused_members(repo: &Repo, out: &mut Vec<Diagnostic>) {
    // A document that failed to parse may name any member.
    let citing = [
        Kind::Pyramide,
        Kind::Matrice,
        Kind::Offre,
        Kind::Principe,
        Kind::Histoire,
    ];
    if !repo.all_read(&citing) {
        return;
    }
    let mut used: HashSet<&str> = HashSet::new();
    if let Some(pyr) = &repo.pyramide {
        for (_, entries) in &pyr.roles {
            used.extend(entries.iter().map(|e| e.membre.value.as_str()));
        }
        if let Capital::Parts { parts, .. } = &pyr.capital {
            used.extend(parts.iter().map(|p| p.membre.value.as_str()));
        }
    }
    for m in &repo.matrices {
        for f in &m.flux {
            used.insert(&f.de.value);
            used.insert(&f.vers.value);
        }
    }
    for o in &repo.offres {
        used.extend(o.membres.iter().map(|m| m.value.as_str()));
    }
    for p in &repo.principes {
        used.extend(p.responsables.iter().map(|m| m.value.as_str()));
    }
    if let Some(h) = &repo.histoire {
        for j in &h.jalons {
            used.extend(j.acteurs.iter().map(|m| m.value.as_str()));
        }
    }
    for m in &repo.membres {
        if !used.contains(m.meta.id.as_str()) {
            out.push(Diagnostic::new(
                Message::UnusedMember {
                    id: m.meta.id.clone(),
                },
                Some(&m.meta.path),
            ));
        }
    }
}

fn offers_without_role(repo: &Repo, out: &mut Vec<Diagnostic>) {
    let Some(pyr) = &repo.pyramide else { return };
    if !repo.all_read(&[Kind::Pyramide]) {
        return;
    }
    let with_role: HashSet<&str> = pyr
        .roles
        .iter()
        .flat_map(|(_, e)| e.iter().map(|e| e.membre.value.as_str()))
        .collect();
    for o in &repo.offres {
        if !o.membres.is_empty()
            && !o
                .membres
                .iter()
                .any(|m| with_role.contains(m.value.as_str()))
        {
            let members = o.membres.iter().map(|m| m.value.clone()).collect();
            out.push(Diagnostic::new(
                Message::OfferWithoutRole {
                    id: o.meta.id.clone(),
                    members,
                },
                Some(&o.meta.path),
            ));
        }
    }
}

fn licence(repo: &Repo, out: &mut Vec<Diagnostic>) {
    let Some(m) = &repo.manifeste else { return };
    let Some(licence) = &m.licence else { return };
    if spdx::Expression::parse(&licence.value).is_ok() {
        return;
    }
    let suggestion = spdx_suggestion(&licence.value);
    out.push(Diagnostic::at(
        Message::LicenceNotSpdx {
            licence: licence.value.clone(),
            suggestion,
        },
        repo.file(&m.meta),
        licence.span.clone(),
    ));
}

/// `CC-BY` → `CC-BY-4.0`: the newest licence whose id starts with what was written, else
/// the closest id by edit distance.
fn spdx_suggestion(text: &str) -> Option<String> {
    let upper = text.trim().to_ascii_uppercase().replace(' ', "-");
    let ids: Vec<&str> = spdx::identifiers::LICENSES.iter().map(|l| l.name).collect();
    let prefixed: Vec<&str> = ids
        .iter()
        .copied()
        .filter(|id| id.to_ascii_uppercase().starts_with(&format!("{upper}-")))
        .filter(|id| {
            id[upper.len() + 1..]
                .chars()
                .next()
                .is_some_and(|c| c.is_ascii_digit())
        })
        .collect();
    if let Some(best) = prefixed
        .iter()
        .max_by(|a, b| version_key(a).cmp(&version_key(b)))
    {
        return Some((*best).to_string());
    }
    // A deprecated id (`GPL-3.0`) has explicit successors (`GPL-3.0-only`, `GPL-3.0-or-later`).
    if let Some(only) = ids
        .iter()
        .find(|id| id.eq_ignore_ascii_case(&format!("{upper}-only")))
    {
        let base = &only[..only.len() - "-only".len()];
        return Some(format!("{only}` / `{base}-or-later"));
    }
    let found = ids.iter().find(|id| id.eq_ignore_ascii_case(&upper));
    if let Some(id) = found {
        return Some((*id).to_string());
    }
    super::closest(text, ids)
}

fn version_key(id: &str) -> Vec<u32> {
    id.rsplit('-')
        .next()
        .unwrap_or("")
        .split('.')
        .map(|p| p.parse().unwrap_or(0))
        .collect()
}

#[cfg(test)]
mod tests {
    use super::{far_future, typo_year, FAR_FUTURE_YEARS};

    /// A date far ahead is told with the year one typo away that is not in the future;
    /// a date of this year, the next ones or a planned one within the bound is not told
    /// (issue 16, round 13).
    #[test]
    fn a_year_far_ahead_is_a_typo_with_its_likely_fix() {
        for this_year in [2024, 2026, 2031] {
            for (written, meant) in [
                ("3024-01-01", "2024-01-01"),
                ("2204-05", "2024-05"),
                ("9024", "2024"),
            ] {
                assert!(far_future(written, this_year).is_some(), "{written}");
                let fixed = typo_year(written, this_year).expect(written);
                assert!(
                    far_future(&fixed, this_year).is_none(),
                    "{written} → {fixed}"
                );
                if this_year == 2024 {
                    assert_eq!(fixed, meant, "{written}");
                }
            }
            for fine in [
                format!("{this_year}-12-31"),
                format!("{}-01-01", this_year + FAR_FUTURE_YEARS),
                "2013-05-02".to_string(),
                "2024-02-30".to_string(),
            ] {
                assert!(far_future(&fine, this_year).is_none(), "{fine}");
            }
        }
    }
}
