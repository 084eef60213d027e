//! Documents as ordered lists of named values, so that any two versions compare field by
//! field. Most kinds are read from their typed model through serde (spans dropped, `Sp`
//! unwrapped); the pyramid is read per role and the matrix per flow, keyed by
//! `(de, vers, richesse)`, because a reviewer thinks in roles and flows, not list indexes.

use std::collections::BTreeMap;

use serde::Serialize;
use serde_json::{json, Map, Value};

use super::{DocView, FieldChange};
use crate::format::Role;
use crate::model::{Capital, Flux, Matrice, Pyramide, Regle, Repo, Tarif};
use strum::IntoEnumIterator;

/// Every document of a model with its fields, in the model's order.
pub(crate) fn views(repo: &Repo) -> Vec<DocView<'_>> {
    let mut out = Vec::new();
    let mut push = |meta, title: &str, fields| {
        out.push(DocView {
            meta,
            title: title.to_string(),
            fields,
        })
    };
    if let Some(d) = &repo.manifeste {
        push(&d.meta, &d.nom, generic(d));
    }
    if let Some(d) = &repo.raison {
        push(&d.meta, &d.titre, generic(d));
    }
    if let Some(d) = &repo.histoire {
        push(&d.meta, &d.titre, generic(d));
    }
    if let Some(d) = &repo.informations {
        push(&d.meta, &d.titre, generic(d));
    }
    for d in &repo.plans {
        push(
            &d.meta,
            d.titre.as_deref().unwrap_or(&d.meta.id),
            generic(d),
        );
    }
    for d in &repo.principes {
        let mut f = generic(d);
        set(&mut f, "type", json!(d.type_.as_str()));
        set(&mut f, "statut", json!(d.statut.as_str()));
        set(&mut f, "classe", json!(d.classe.value.as_str()));
        push(&d.meta, &d.titre, f);
    }
    for d in &repo.membres {
        let mut f = generic(d);
        set(&mut f, "type", json!(d.type_.as_str()));
        push(&d.meta, &d.nom, f);
    }
    if let Some(d) = &repo.pyramide {
        push(&d.meta, &d.meta.id, pyramide(d));
    }
    for d in &repo.matrices {
        push(&d.meta, &d.titre, matrice(d));
    }
    for d in &repo.offres {
        let mut f = generic(d);
        set(&mut f, "type", json!(d.type_.as_str()));
        set(&mut f, "statut", json!(d.statut.as_str()));
        set(&mut f, "tarif", tarif(d.tarif.as_ref()));
        push(&d.meta, &d.titre, f);
    }
    if let Some(d) = &repo.modification {
        let mut f = generic(d);
        set(&mut f, "regles", regles(&d.regles));
        push(&d.meta, &d.titre, f);
    }
    for d in &repo.annexes {
        push(&d.meta, &d.titre, generic(d));
    }
    out
}

/// The changes between two field lists, in the order of the new list, then the removed.
pub(crate) fn changes(old: &[(String, Value)], new: &[(String, Value)]) -> Vec<FieldChange> {
    let old_map: BTreeMap<&str, &Value> = old.iter().map(|(k, v)| (k.as_str(), v)).collect();
    let new_map: BTreeMap<&str, &Value> = new.iter().map(|(k, v)| (k.as_str(), v)).collect();
    let mut out = Vec::new();
    for (name, value) in new {
        let before = old_map.get(name.as_str()).copied().unwrap_or(&Value::Null);
        if before != value {
            out.push(FieldChange {
                field: name.clone(),
                old: before.clone(),
                new: value.clone(),
            });
        }
    }
    for (name, value) in old {
        if !new_map.contains_key(name.as_str()) && !value.is_null() {
            out.push(FieldChange {
                field: name.clone(),
                old: value.clone(),
                new: Value::Null,
            });
        }
    }
    out
}

/// A typed document's fields through serde: `meta` left out, `type_` named `type`.
fn generic(doc: &impl Serialize) -> Vec<(String, Value)> {
    let Ok(Value::Object(map)) = serde_json::to_value(doc) else {
        return Vec::new();
    };
    map.into_iter()
        .filter(|(k, _)| k != "meta")
        .map(|(k, v)| (k.trim_end_matches('_').to_string(), clean(v)))
        .collect()
}

/// Unwraps `Sp` (`{"value": x}` → `x`) and drops empty values, recursively, so that an
/// absent list and an empty one compare equal.
fn clean(value: Value) -> Value {
    match value {
        Value::Object(map) if map.len() == 1 && map.contains_key("value") => map
            .into_iter()
            .next()
            .map_or(Value::Null, |(_, v)| clean(v)),
        Value::Object(map) => Value::Object(
            map.into_iter()
                .map(|(k, v)| (k.trim_end_matches('_').to_string(), clean(v)))
                .filter(|(_, v)| !v.is_null())
                .collect::<Map<_, _>>(),
        ),
        Value::Array(items) if items.is_empty() => Value::Null,
        Value::Array(items) => Value::Array(items.into_iter().map(clean).collect()),
        other => other,
    }
}

/// Per role: the member list; per member whose dates or note changed, its entry.
fn pyramide(p: &Pyramide) -> Vec<(String, Value)> {
    let mut out = vec![(
        "description".to_string(),
        p.description.clone().map_or(Value::Null, Value::String),
    )];
    for role in Role::iter() {
        let entries = p.entries(role);
        let members: Vec<&str> = entries.iter().map(|e| e.membre.as_str()).collect();
        out.push((role.key().to_string(), clean(json!(members))));
        for e in entries {
            let value = clean(json!({
                "depuis": e.depuis.as_ref().map(|s| s.as_str()),
                "jusqu_au": e.jusqu_au.as_ref().map(|s| s.as_str()),
                "note": e.note,
            }));
            let key = format!("{}[membre={}]", role.key(), e.membre.as_str());
            out.push((key, value));
        }
    }
    for (role, items) in &p.responsabilites {
        out.push((
            format!("responsabilites.{}", role.key()),
            clean(json!(items)),
        ));
    }
    let capital = match &p.capital {
        Capital::NotStated => Value::Null,
        Capital::SansObjet => json!("sans-objet"),
        Capital::Parts { parts, .. } => Value::Object(
            parts
                .iter()
                .map(|part| (part.membre.value.clone(), json!(part.part)))
                .collect(),
        ),
    };
    out.push(("capital".to_string(), capital));
    // A member entry with no dates and no note says nothing beyond the role's list.
    out.retain(|(k, v)| !(k.contains("[membre=") && v == &json!({})));
    out
}

/// The matrix's own fields, then one field per flow.
fn matrice(m: &Matrice) -> Vec<(String, Value)> {
    let mut out: Vec<(String, Value)> = generic(m)
        .into_iter()
        .filter(|(k, _)| k != "flux")
        .collect();
    let mut seen: BTreeMap<String, usize> = BTreeMap::new();
    for f in &m.flux {
        let key = format!(
            "flux[de={},vers={},richesse={}]",
            f.de.as_str(),
            f.vers.as_str(),
            f.richesse
        );
        let n = seen.entry(key.clone()).or_insert(0);
        *n += 1;
        let key = if *n > 1 { format!("{key}#{n}") } else { key };
        out.push((key, flux(f)));
    }
    out
}

fn flux(f: &Flux) -> Value {
    clean(json!({
        "nature": f.nature.as_str(),
        "mesure": f.mesure.as_str(),
        "valeur": f.valeur,
        "unite": f.unite,
        "appreciation": f.appreciation,
    }))
}

/// Replaces a field's value (the typed model's enums serialise by variant name).
fn set(fields: &mut [(String, Value)], key: &str, value: Value) {
    if let Some(slot) = fields.iter_mut().find(|(k, _)| k == key) {
        slot.1 = value;
    }
}

fn tarif(t: Option<&Tarif>) -> Value {
    match t {
        None => Value::Null,
        Some(Tarif::Mode(mode)) => json!({ "mode": mode }),
        Some(Tarif::Prix {
            montant,
            devise,
            unite,
        }) => clean(json!({ "montant": montant, "devise": devise, "unite": unite })),
    }
}

fn regles(regles: &[Regle]) -> Value {
    let items: Vec<Value> = regles
        .iter()
        .map(|r| {
            clean(json!({
                "classe": r.classe.value.as_str(),
                "methode": r.methode,
                "majorite": r.majorite,
                "decide_par": r.decide_par.iter().map(|d| d.as_str()).collect::<Vec<_>>(),
                "repli": r.repli,
            }))
        })
        .collect();
    clean(Value::Array(items))
}
