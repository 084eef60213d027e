//! The JSON Schemas of `schema/`, embedded in the binary and compiled once.

use std::collections::HashMap;
use std::sync::LazyLock;

use crate::load::Kind;

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
}

static COMPILED: LazyLock<HashMap<Kind, Compiled>> = LazyLock::new(|| {
    Kind::ALL
        .into_iter()
        .filter_map(|kind| {
            // The schemas are ours and tested; a broken one is a build defect caught by tests.
            let json: serde_json::Value = serde_json::from_str(source(kind)).ok()?;
            let validator = jsonschema::validator_for(&json).ok()?;
            Some((kind, Compiled { json, validator }))
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

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn every_schema_is_valid_against_the_meta_schema() {
        for kind in Kind::ALL {
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
