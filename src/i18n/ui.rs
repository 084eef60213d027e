//! Sentences of the command line itself: summaries, usage errors, progress.

use super::{quoted_list, tr};
use crate::load::Kind;

/// A sentence the command line prints outside diagnostics.
#[derive(Debug, Clone, PartialEq)]
pub enum Ui<'a> {
    /// `check` found nothing wrong.
    CheckClean {
        documents: usize,
        by_kind: &'a [(Kind, usize)],
    },
    /// `check` found problems.
    CheckProblems {
        errors: usize,
        warnings: usize,
        documents: usize,
    },
    UnknownKind {
        name: &'a str,
    },
    UnknownKindHelp {
        suggestion: Option<String>,
        kinds: &'a [&'a str],
    },
    DidYouMean {
        suggestion: &'a str,
    },
    NotACodeSocial {
        dir: &'a str,
    },
    NotACodeSocialHelp,
    /// `codesocial.yaml` exists but is a folder, a pipe or a device.
    ManifestNotAFile {
        path: &'a str,
    },
    ManifestNotAFileHelp,
    /// A JSON Schema type, for "expected …".
    TypeName {
        json_type: &'a str,
    },
    Or,
    Minimum {
        limit: String,
    },
    GreaterThan {
        limit: String,
    },
    Maximum {
        limit: String,
    },
    EmptyText,
    DuplicateInList,
    /// The label before a help line.
    HelpLabel,
}

impl Ui<'_> {
    pub fn text(&self) -> String {
        match self {
            Ui::CheckClean { documents, by_kind } => {
                let kinds: Vec<String> = by_kind.iter().map(|(k, n)| kind_count(*k, *n)).collect();
                tr(
                    format!("✓ {documents} documents vérifiés ({}) : aucun problème", kinds.join(", ")),
                    format!("✓ {documents} documents checked ({}): no problems", kinds.join(", ")),
                )
            }
            Ui::CheckProblems { errors, warnings, documents } => tr(
                format!(
                    "✗ {errors} erreur{}, {warnings} avertissement{} dans {documents} documents",
                    plural_s(*errors),
                    plural_s(*warnings)
                ),
                format!(
                    "✗ {errors} error{}, {warnings} warning{} in {documents} documents",
                    plural_en(*errors),
                    plural_en(*warnings)
                ),
            ),
            Ui::UnknownKind { name } => tr(format!("type de document inconnu : `{name}`"), format!("unknown document kind `{name}`")),
            Ui::UnknownKindHelp { suggestion, kinds } => match suggestion {
                Some(s) => Ui::DidYouMean { suggestion: s }.text(),
                None => tr(format!("types : {}", quoted_list(kinds)), format!("kinds: {}", quoted_list(kinds))),
            },
            Ui::DidYouMean { suggestion } => tr(format!("vouliez-vous dire `{suggestion}` ?"), format!("did you mean `{suggestion}`?")),
            Ui::NotACodeSocial { dir } => tr(
                format!("`{dir}` n'est pas un #CodeSocial : pas de `codesocial.yaml`"),
                format!("`{dir}` is not a #CodeSocial: no `codesocial.yaml`"),
            ),
            Ui::ManifestNotAFile { path } => tr(
                format!("`{path}` n'est pas un fichier ordinaire (dossier, tube ou périphérique)"),
                format!("`{path}` is not a regular file (a folder, a pipe or a device)"),
            ),
            Ui::ManifestNotAFileHelp => tr(
                "remplacez-le par le fichier YAML du manifeste",
                "replace it with the manifest's YAML file",
            ),
            Ui::NotACodeSocialHelp => tr(
                "lancez la commande dans le dossier du #CodeSocial, indiquez-le (`-C DOSSIER`), ou créez-en un avec `codesocial init`",
                "run the command in the #CodeSocial folder, name it (`-C DIR`), or create one with `codesocial init`",
            ),
            Ui::TypeName { json_type } => match *json_type {
                "string" => tr("un texte", "text"),
                "number" => tr("un nombre", "a number"),
                "integer" => tr("un nombre entier", "a whole number"),
                "array" => tr("une liste", "a list"),
                "object" => tr("un ensemble de clés", "a mapping"),
                "boolean" => tr("vrai ou faux", "true or false"),
                "null" => tr("rien", "nothing"),
                other => other.to_string(),
            },
            Ui::Or => tr(" ou ", " or "),
            Ui::Minimum { limit } => tr(format!("minimum {limit}"), format!("minimum {limit}")),
            Ui::GreaterThan { limit } => tr(format!("doit être supérieur à {limit}"), format!("must be greater than {limit}")),
            Ui::Maximum { limit } => tr(format!("maximum {limit}"), format!("maximum {limit}")),
            Ui::EmptyText => tr("le texte ne peut pas être vide", "the text cannot be empty"),
            Ui::DuplicateInList => tr("la liste contient un doublon", "the list holds a duplicate"),
            Ui::HelpLabel => tr("aide :", "help:"),
        }
    }
}

/// English plural: "0 errors", "1 error", "2 errors".
fn plural_en(n: usize) -> &'static str {
    if n == 1 {
        ""
    } else {
        "s"
    }
}

/// French plural: "0 erreur", "1 erreur", "2 erreurs".
fn plural_s(n: usize) -> &'static str {
    if n > 1 {
        "s"
    } else {
        ""
    }
}

/// "3 principes", "1 membre": a count of documents of a kind.
pub fn kind_count(kind: Kind, n: usize) -> String {
    let (fr_one, fr_many, en_one, en_many) = match kind {
        Kind::Manifeste => ("manifeste", "manifestes", "manifest", "manifests"),
        Kind::RaisonDEtre => ("raison d'être", "raisons d'être", "purpose", "purposes"),
        Kind::Histoire => ("histoire", "histoires", "history", "histories"),
        Kind::Informations => (
            "informations",
            "informations",
            "information page",
            "information pages",
        ),
        Kind::Plan => ("plan", "plans", "plan", "plans"),
        Kind::Principe => ("principe", "principes", "principle", "principles"),
        Kind::Membre => ("membre", "membres", "member", "members"),
        Kind::Pyramide => ("pyramide", "pyramides", "pyramid", "pyramids"),
        Kind::Matrice => ("matrice", "matrices", "matrix", "matrices"),
        Kind::Offre => ("offre", "offres", "offer", "offers"),
        Kind::Modification => (
            "modalités",
            "modalités",
            "amendment rules",
            "amendment rules",
        ),
        Kind::Annexe => ("annexe", "annexes", "appendix", "appendices"),
    };
    let word = if n > 1 {
        tr(fr_many, en_many)
    } else {
        tr(fr_one, en_one)
    };
    format!("{n} {word}")
}
