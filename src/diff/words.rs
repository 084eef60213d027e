//! A field's value in words, for people: the terminal's diff, the site's évolution page
//! and its Atom feed show a changed milestone as its date, title and description, never as
//! JSON, and a field the format documents as Markdown as the text a reader sees.

use serde_json::Value;

use crate::format::Kind;
use crate::schema::{self, Step};

/// The words of `value`, the value of `field` (or an item of it) in a document of `kind`:
/// text as written, Markdown fields (per the kind's schema) as their plain text, lists
/// joined with `, `, a structure's values in their order joined with ` — `; empty for
/// nothing.
pub fn words(kind: Kind, field: &str, value: &Value) -> String {
    let mut path = vec![Step::Key(field.to_string())];
    walk(kind, &mut path, value, Markdown::AsText)
}

/// The words of one item of the list `field` (see [`words`]).
pub fn item_words(kind: Kind, field: &str, item: &Value) -> String {
    let mut path = vec![Step::Key(field.to_string()), Step::Item];
    walk(kind, &mut path, item, Markdown::AsText)
}

/// The words of both sides of a change of `field` (or of an item of it, `item`): as
/// [`words`], unless the two read the same — only a link's target or the markup changed
/// in a Markdown field — then both as written, Markdown kept, so that the change shows.
pub fn change_words(
    kind: Kind,
    field: &str,
    item: bool,
    old: &Value,
    new: &Value,
) -> (String, String) {
    let mut path = vec![Step::Key(field.to_string())];
    if item {
        path.push(Step::Item);
    }
    let (a, b) = (
        walk(kind, &mut path, old, Markdown::AsText),
        walk(kind, &mut path, new, Markdown::AsText),
    );
    if a != b || old == new {
        return (a, b);
    }
    (
        as_written(kind, field, item, old),
        as_written(kind, field, item, new),
    )
}

/// The words of `value` (an item of `field` when `item`) with its Markdown as written.
pub fn as_written(kind: Kind, field: &str, item: bool, value: &Value) -> String {
    let mut path = vec![Step::Key(field.to_string())];
    if item {
        path.push(Step::Item);
    }
    walk(kind, &mut path, value, Markdown::AsWritten)
}

/// How a Markdown field reads: as the text a reader sees, or as written.
#[derive(Clone, Copy)]
enum Markdown {
    AsText,
    AsWritten,
}

fn walk(kind: Kind, path: &mut Vec<Step>, value: &Value, markdown: Markdown) -> String {
    let parts = |path: &mut Vec<Step>, steps: Vec<(Step, &Value)>, sep: &str| {
        let mut out: Vec<String> = Vec::new();
        for (step, v) in steps {
            path.push(step);
            out.push(walk(kind, path, v, markdown));
            path.pop();
        }
        out.retain(|w| !w.is_empty());
        out.join(sep)
    };
    if let (Kind::Offre, [Step::Key(field)], Value::Object(map)) = (kind, &path[..], value) {
        if field == "tarif" {
            if let (Some(montant), Some(devise)) = (map.get("montant"), map.get("devise")) {
                let price = format!(
                    "{} {}",
                    number(montant),
                    devise.as_str().unwrap_or_default()
                );
                return match map.get("unite").and_then(Value::as_str) {
                    Some(unit) => format!("{price} / {unit}"),
                    None => price,
                };
            }
        }
    }
    match value {
        Value::Null => String::new(),
        Value::Number(_) => number(value),
        Value::String(s)
            if matches!(markdown, Markdown::AsText)
                && schema::markdown_fields(kind).iter().any(|p| p == path) =>
        {
            crate::markdown::plain_text(s)
        }
        Value::String(s) => s.clone(),
        Value::Array(items) => parts(path, items.iter().map(|i| (Step::Item, i)).collect(), ", "),
        Value::Object(map) => parts(
            path,
            map.iter().map(|(k, v)| (Step::Key(k.clone()), v)).collect(),
            " — ",
        ),
        other => other.to_string(),
    }
}

/// A number as written: `60`, not serde's `60.0` for a whole amount read as a float.
fn number(value: &Value) -> String {
    match value.as_f64() {
        Some(n) if n.fract() == 0.0 && n.abs() < 1e15 => format!("{n:.0}"),
        _ => value.to_string(),
    }
}

#[cfg(test)]
mod tests {
    use serde_json::json;

    use super::*;

    #[test]
    fn a_milestone_reads_as_words_with_its_markdown_as_text() {
        let jalon = json!({
            "date": "2011",
            "titre": "1. Fondation",
            "description": "Réunis un **samedi** au [lieu](annexes/lieu.md)[^n].\n\n[^n]: note",
        });
        assert_eq!(
            words(Kind::Histoire, "jalons", &json!([jalon])),
            "2011 — 1. Fondation — Réunis un samedi au lieu."
        );
        assert_eq!(
            item_words(Kind::Histoire, "jalons", &jalon),
            "2011 — 1. Fondation — Réunis un samedi au lieu."
        );
        assert_eq!(words(Kind::Histoire, "jalons", &Value::Null), "");
        let tarif = json!({ "montant": 60.0, "devise": "EUR", "unite": "heure" });
        assert_eq!(words(Kind::Offre, "tarif", &tarif), "60 EUR / heure");
        assert_eq!(
            words(Kind::Offre, "tarif", &json!({ "mode": "devis" })),
            "devis"
        );
        assert_eq!(words(Kind::Matrice, "valeur", &json!(2.5)), "2.5");
        assert_eq!(
            words(Kind::Principe, "responsables", &json!(["a", "b"])),
            "a, b"
        );
    }
}
