//! Documents as ordered lists of named values, so that any two versions compare field by
//! field. Most kinds are read from their typed model through serde (spans dropped, `Sp`
//! unwrapped); the pyramid is read per role and the matrix per flow, keyed by
//! `(de, vers, richesse)`, because a reviewer thinks in roles and flows, not list indexes
//! (and the flows' order, field `flux`, when it alone changed).

use std::collections::{BTreeMap, HashMap, VecDeque};

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
        if before == value {
            continue;
        }
        if name == FLOW_ORDER {
            if reordered_only(before, value) {
                let (old, new) = moved(
                    before.as_array().map_or(&[], Vec::as_slice),
                    value.as_array().map_or(&[], Vec::as_slice),
                );
                out.push(FieldChange {
                    field: name.clone(),
                    old,
                    new,
                });
            }
            continue;
        }
        out.push(FieldChange {
            field: name.clone(),
            old: before.clone(),
            new: value.clone(),
        });
    }
    for (name, value) in old {
        if !new_map.contains_key(name.as_str()) && !value.is_null() && name != FLOW_ORDER {
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
    // The order the flows are shown in: a change of it alone is a change of the matrix
    // (its table reads in this order), reported only when no flow came or went.
    let order: Vec<Value> = m
        .flux
        .iter()
        .map(|f| json!({ "de": f.de.as_str(), "vers": f.vers.as_str(), "richesse": f.richesse }))
        .collect();
    out.push((FLOW_ORDER.to_string(), clean(Value::Array(order))));
    out
}

/// The field of a matrix's flows in their order (see [`matrice`]).
const FLOW_ORDER: &str = "flux";

/// The text at `key` of a JSON object.
fn text_of<'a>(v: &'a Value, key: &str) -> Option<&'a str> {
    v.get(key)?.as_str()
}

/// A flow whose place in its matrix changed, places counted from 1.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct FlowMove<'a> {
    pub de: &'a str,
    pub vers: &'a str,
    pub richesse: &'a str,
    pub from: u64,
    pub to: u64,
}

/// The flows a change of a matrix's [`FLOW_ORDER`] moved, in their new order; `None` for
/// any other change.
pub fn flow_moves(kind: crate::format::Kind, f: &FieldChange) -> Option<Vec<FlowMove<'_>>> {
    if kind != crate::format::Kind::Matrice || f.field != FLOW_ORDER {
        return None;
    }
    let (Value::Array(before), Value::Array(after)) = (&f.old, &f.new) else {
        return None;
    };
    before
        .iter()
        .zip(after)
        .map(|(old, new)| {
            Some(FlowMove {
                de: text_of(new, "de")?,
                vers: text_of(new, "vers")?,
                richesse: text_of(new, "richesse")?,
                from: old.get("place")?.as_u64()?,
                to: new.get("place")?.as_u64()?,
            })
        })
        .collect()
}

/// A reordering as the flows whose place changed, paired: on each side, in the new order,
/// each such flow (`de`, `vers`, `richesse`) with its `place` there (from 1). A repeated
/// flow's copies pair in their order.
fn moved(old: &[Value], new: &[Value]) -> (Value, Value) {
    let mut places: HashMap<String, VecDeque<usize>> = HashMap::new();
    for (i, flow) in old.iter().enumerate() {
        places.entry(flow.to_string()).or_default().push_back(i);
    }
    let placed = |flow: &Value, place: usize| {
        let mut item = flow.clone();
        if let Value::Object(map) = &mut item {
            map.insert("place".into(), json!(place));
        }
        item
    };
    let (mut before, mut after) = (Vec::new(), Vec::new());
    for (j, flow) in new.iter().enumerate() {
        let was = places
            .get_mut(&flow.to_string())
            .and_then(VecDeque::pop_front);
        if let Some(i) = was.filter(|&i| i != j) {
            before.push(placed(&old[i], i + 1));
            after.push(placed(flow, j + 1));
        }
    }
    (Value::Array(before), Value::Array(after))
}

/// Whether a change of [`FLOW_ORDER`] is a reordering alone: the same flows on both
/// sides, as many times each. When flows came or went, their own fields say so.
fn reordered_only(old: &Value, new: &Value) -> bool {
    let sorted = |v: &Value| {
        let mut items: Vec<String> = v
            .as_array()
            .map(|a| a.iter().map(Value::to_string).collect())
            .unwrap_or_default();
        items.sort_unstable();
        items
    };
    sorted(old) == sorted(new)
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

#[cfg(test)]
mod tests {
    use super::*;

    fn flows(names: &str) -> Vec<Value> {
        names
            .chars()
            .map(|c| json!({ "richesse": c.to_string() }))
            .collect()
    }

    /// `(flow, old place, new place)` of a reordering.
    fn places(old: &str, new: &str) -> Vec<(String, u64, u64)> {
        let (before, after) = moved(&flows(old), &flows(new));
        let side = |v: &Value| -> Vec<(String, u64)> {
            v.as_array()
                .expect("list")
                .iter()
                .map(|f| {
                    (
                        f["richesse"].as_str().unwrap_or_default().to_string(),
                        f["place"].as_u64().unwrap_or_default(),
                    )
                })
                .collect()
        };
        side(&before)
            .into_iter()
            .zip(side(&after))
            .map(|((flow, from), (same, to))| {
                assert_eq!(flow, same);
                (flow, from, to)
            })
            .collect()
    }

    /// Every flow whose place changed, and only those, at its old and new place, in the
    /// new order.
    #[test]
    fn a_reordering_names_the_flows_whose_place_changed() {
        assert_eq!(places("ab", "ba"), [("b".into(), 2, 1), ("a".into(), 1, 2)]);
        assert_eq!(
            places("abc", "cba"),
            [("c".into(), 3, 1), ("a".into(), 1, 3)]
        );
        assert_eq!(
            places("abcd", "bcad"),
            [("b".into(), 2, 1), ("c".into(), 3, 2), ("a".into(), 1, 3)]
        );
        assert!(places("abc", "abc").is_empty());
        // A repeated flow's copies pair in order: swapping two equal flows is no move.
        assert_eq!(
            places("aab", "aba"),
            [("b".into(), 3, 2), ("a".into(), 2, 3)]
        );
    }

    /// Whatever two orders of the same flows: each flow whose place changed is listed
    /// once, with its true places, and none is listed exactly when the orders are equal.
    #[test]
    fn every_listed_move_is_true() {
        let orders = [
            "abcdef", "fedcba", "badcfe", "abcdfe", "cdefab", "aabbcc", "abab", "baba",
        ];
        for a in orders {
            for b in orders {
                let mut sorted_a: Vec<char> = a.chars().collect();
                let mut sorted_b: Vec<char> = b.chars().collect();
                sorted_a.sort_unstable();
                sorted_b.sort_unstable();
                if sorted_a != sorted_b {
                    continue;
                }
                let moves = places(a, b);
                for (flow, from, to) in &moves {
                    assert_ne!(from, to, "{a} {b}");
                    assert_eq!(a[*from as usize - 1..*from as usize], **flow, "{a} {b}");
                    assert_eq!(b[*to as usize - 1..*to as usize], **flow, "{a} {b}");
                }
                // With distinct flows, exactly the places that changed.
                let distinct = sorted_a.windows(2).all(|w| w[0] != w[1]);
                let differ = a.chars().zip(b.chars()).filter(|(x, y)| x != y).count();
                assert!(moves.len() >= differ, "{a} {b}");
                assert!(!distinct || moves.len() == differ, "{a} {b}");
            }
        }
    }
}
