//! The JSON Schemas of `schema/`, embedded in the binary and compiled once.

use std::collections::HashMap;
use std::sync::LazyLock;

use crate::format::Kind;
use strum::IntoEnumIterator;

/// The schema text of a kind, as published in `schema/`.
pub fn source(kind: Kind) -> &'static str {
    match kind {
        Kind::Manifeste => include_str!("../schema/manifeste.schema.json"),
        Kind::RaisonDEtre => include_str!("../schema/raison-d-etre.schema.json"),
        Kind::Histoire => include_str!("../schema/histoire.schema.json"),
        Kind::Informations => include_str!("../schema/informations.schema.json"),
        Kind::Plan => include_str!("../schema/plan.schema.json"),
        Kind::Principe => include_str!("../schema/principe.schema.json"),
        Kind::Membre => include_str!("../schema/membre.schema.json"),
        Kind::Pyramide => include_str!("../schema/pyramide.schema.json"),
        Kind::Matrice => include_str!("../schema/matrice.schema.json"),
        Kind::Offre => include_str!("../schema/offre.schema.json"),
        Kind::Modification => include_str!("../schema/modification.schema.json"),
        Kind::Annexe => include_str!("../schema/annexe.schema.json"),
    }
}

/// The file name under `schema/`.
pub fn file_name(kind: Kind) -> String {
    format!("{}.schema.json", kind.name())
}

struct Compiled {
    json: serde_json::Value,
    validator: jsonschema::Validator,
    markdown: Vec<Vec<Step>>,
}

/// One step of a path into a document: a key, or any item of a list.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Step {
    Key(String),
    Item,
}

static COMPILED: LazyLock<HashMap<Kind, Compiled>> = LazyLock::new(|| {
    Kind::iter()
        .filter_map(|kind| {
            // The schemas are ours and tested; a broken one is a build defect caught by tests.
            let json: serde_json::Value = serde_json::from_str(source(kind)).ok()?;
            let validator = jsonschema::validator_for(&json).ok()?;
            let mut markdown = Vec::new();
            markdown_paths(&json, &json, &mut Vec::new(), &mut markdown);
            Some((
                kind,
                Compiled {
                    json,
                    validator,
                    markdown,
                },
            ))
        })
        .collect()
});

/// The compiled validator of a kind.
pub fn validator(kind: Kind) -> Option<&'static jsonschema::Validator> {
    COMPILED.get(&kind).map(|c| &c.validator)
}

/// The schema of a kind as JSON, to look up allowed keys for "did you mean".
pub fn json(kind: Kind) -> Option<&'static serde_json::Value> {
    COMPILED.get(&kind).map(|c| &c.json)
}

/// The text fields of a kind that are Markdown: those its schema marks with
/// `"contentMediaType": "text/markdown"`, as paths from the document's root.
pub fn markdown_fields(kind: Kind) -> &'static [Vec<Step>] {
    COMPILED.get(&kind).map_or(&[], |c| c.markdown.as_slice())
}

/// Collects the paths of `node` (a subschema of `root`) marked as Markdown.
fn markdown_paths(
    root: &serde_json::Value,
    node: &serde_json::Value,
    path: &mut Vec<Step>,
    out: &mut Vec<Vec<Step>>,
) {
    if path.len() > 16 {
        return;
    }
    let node = match node.get("$ref").and_then(|r| r.as_str()) {
        Some(r) => match r.strip_prefix('#').and_then(|p| root.pointer(p)) {
            Some(target) => target,
            None => return,
        },
        None => node,
    };
    if node.get("contentMediaType").and_then(|m| m.as_str()) == Some("text/markdown") {
        out.push(path.clone());
    }
    if let Some(props) = node.get("properties").and_then(|p| p.as_object()) {
        for (key, sub) in props {
            path.push(Step::Key(key.clone()));
            markdown_paths(root, sub, path, out);
            path.pop();
        }
    }
    if let Some(items) = node.get("items") {
        path.push(Step::Item);
        markdown_paths(root, items, path, out);
        path.pop();
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn every_schema_is_valid_against_the_meta_schema() {
        for kind in Kind::iter() {
            let json: serde_json::Value =
                serde_json::from_str(source(kind)).expect("schema is JSON");
            assert!(
                jsonschema::meta::is_valid(&json),
                "{} is not a valid schema",
                kind.name()
            );
            assert_eq!(
                json["$schema"],
                "https://json-schema.org/draft/2020-12/schema",
                "{} must declare draft 2020-12",
                kind.name()
            );
            assert!(validator(kind).is_some(), "{} compiles", kind.name());
        }
    }
}
