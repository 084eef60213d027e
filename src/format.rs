//! The format's closed vocabularies (FORMAT.md): the kinds of document and the roles of
//! the pyramid. Their names are derived once (strum, in step with serde) and listed in
//! declaration order, so that every stage and every sentence (`i18n`) names them from one
//! place that depends on nothing else in the crate.

use serde::Serialize;
use strum::{EnumIter, EnumString, IntoStaticStr};

/// The kinds of documents of the format. [`Kind::name`] is the name used in JSON output,
/// in schema file names and by `codesocial schema` (kebab-case, as serde writes it).
#[derive(
    Debug,
    Clone,
    Copy,
    PartialEq,
    Eq,
    Hash,
    PartialOrd,
    Ord,
    Serialize,
    EnumIter,
    EnumString,
    IntoStaticStr,
)]
#[serde(rename_all = "kebab-case")]
#[strum(serialize_all = "kebab-case")]
pub enum Kind {
    Manifeste,
    RaisonDEtre,
    Histoire,
    Informations,
    Plan,
    Principe,
    Membre,
    Pyramide,
    Matrice,
    Offre,
    Modification,
    Annexe,
}

impl Kind {
    /// The name used in JSON output and by `codesocial schema` (`raison-d-etre`).
    pub fn name(self) -> &'static str {
        self.into()
    }

    /// The kind named `name` ([`Kind::name`]'s inverse).
    pub fn from_name(name: &str) -> Option<Kind> {
        name.parse().ok()
    }

    /// Markdown documents carry front matter and a body; the others are plain YAML.
    pub fn is_markdown(self) -> bool {
        !matches!(self, Kind::Manifeste | Kind::Pyramide | Kind::Matrice)
    }
}

/// The roles of the inverted pyramid, in `pyramide.yaml`'s order (FORMAT.md); [`Role::key`]
/// is the key there (snake_case).
#[derive(
    Debug,
    Clone,
    Copy,
    PartialEq,
    Eq,
    Hash,
    PartialOrd,
    Ord,
    Serialize,
    EnumIter,
    EnumString,
    IntoStaticStr,
)]
#[strum(serialize_all = "snake_case")]
pub enum Role {
    Auteurs,
    CoAuteurs,
    Editeurs,
    Producteurs,
    Contributeurs,
}

impl Role {
    /// The key in `pyramide.yaml` (`co_auteurs`).
    pub fn key(self) -> &'static str {
        self.into()
    }

    /// The role whose key is `key` ([`Role::key`]'s inverse).
    pub fn from_key(key: &str) -> Option<Role> {
        key.parse().ok()
    }

    /// The band of the drawn pyramid a person stands in, from its point: one only, the
    /// narrowest named (auteur before co-auteur, producteur, contributeur). The éditeur is
    /// no band: it holds the frame, and may be any of them too.
    pub fn band(self) -> Option<u8> {
        match self {
            Role::Auteurs => Some(0),
            Role::CoAuteurs => Some(1),
            Role::Producteurs => Some(2),
            Role::Contributeurs => Some(3),
            Role::Editeurs => None,
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use strum::IntoEnumIterator;

    #[test]
    fn names_are_serde_names_and_round_trip() {
        for kind in Kind::iter() {
            let serde = serde_json::to_value(kind).expect("kind");
            assert_eq!(serde.as_str(), Some(kind.name()));
            assert_eq!(Kind::from_name(kind.name()), Some(kind));
        }
        assert_eq!(Kind::RaisonDEtre.name(), "raison-d-etre");
        for role in Role::iter() {
            assert_eq!(Role::from_key(role.key()), Some(role));
        }
        assert_eq!(Role::CoAuteurs.key(), "co_auteurs");
        assert_eq!(Kind::from_name("Principe"), None);
        assert_eq!(Role::from_key("auteur"), None);
    }
}
