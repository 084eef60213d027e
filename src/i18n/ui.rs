//! Sentences of the command line itself: summaries, usage errors, progress.

use super::Lang::{self, En, Fr};
use super::{count, pick};
use crate::format::Kind;

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
    /// The human report stopped printing diagnostics after so many; `--format json` (and
    /// the other formats) hold them all.
    MoreDiagnostics {
        omitted: usize,
        per_file: usize,
        per_run: usize,
    },
}

impl Ui<'_> {
    pub fn text_in(&self, l: Lang) -> String {
        match self {
            Ui::CheckClean { documents, by_kind } => {
                let kinds = |l| -> String {
                    let counts: Vec<String> =
                        by_kind.iter().map(|(k, n)| kind_count(l, *k, *n)).collect();
                    counts.join(", ")
                };
                pick(
                    l,
                    format!(
                        "✓ {} ({}) : aucun problème",
                        count(Fr, *documents, "document vérifié", "documents vérifiés"),
                        kinds(Fr)
                    ),
                    format!(
                        "✓ {} ({}): no problems",
                        count(En, *documents, "document checked", "documents checked"),
                        kinds(En)
                    ),
                )
            }
            Ui::CheckProblems {
                errors,
                warnings,
                documents,
            } => {
                // ✗ only when something fails: warnings alone are ⚠, as each is printed.
                let mark = if *errors > 0 { "✗" } else { "⚠" };
                pick(
                    l,
                    format!(
                        "{mark} {}, {} dans {}",
                        count(Fr, *errors, "erreur", "erreurs"),
                        count(Fr, *warnings, "avertissement", "avertissements"),
                        count(Fr, *documents, "document", "documents"),
                    ),
                    format!(
                        "{mark} {}, {} in {}",
                        count(En, *errors, "error", "errors"),
                        count(En, *warnings, "warning", "warnings"),
                        count(En, *documents, "document", "documents"),
                    ),
                )
            }
            Ui::TypeName { json_type } => match *json_type {
                "string" => pick(l, "un texte", "text"),
                "number" => pick(l, "un nombre", "a number"),
                "integer" => pick(l, "un nombre entier", "a whole number"),
                "array" => pick(l, "une liste", "a list"),
                "object" => pick(l, "un ensemble de clés", "a mapping"),
                "boolean" => pick(l, "vrai ou faux", "true or false"),
                "null" => pick(l, "rien", "nothing"),
                // Not a JSON type: a text of the `date` pattern (`adopte_le`).
                "date" => pick(l, "une date (AAAA-MM-JJ)", "a date (YYYY-MM-DD)"),
                other => other.to_string(),
            },
            Ui::Or => pick(l, " ou ", " or "),
            Ui::Minimum { limit } => {
                pick(l, format!("minimum {limit}"), format!("minimum {limit}"))
            }
            Ui::GreaterThan { limit } => pick(
                l,
                format!("doit être supérieur à {limit}"),
                format!("must be greater than {limit}"),
            ),
            Ui::Maximum { limit } => {
                pick(l, format!("maximum {limit}"), format!("maximum {limit}"))
            }
            Ui::EmptyText => pick(
                l,
                "le texte ne peut pas être vide",
                "the text cannot be empty",
            ),
            Ui::DuplicateInList => pick(
                l,
                "la liste contient un doublon",
                "the list holds a duplicate",
            ),
            Ui::HelpLabel => pick(l, "aide :", "help:"),
            Ui::MoreDiagnostics {
                omitted,
                per_file,
                per_run,
            } => match l {
                Fr => format!(
                    "… et {} (au plus {per_file} par fichier, {per_run} en tout) : `--format json` les donne tous",
                    count(l, *omitted, "autre problème non affiché", "autres problèmes non affichés")
                ),
                En => format!(
                    "… and {} (at most {per_file} per file, {per_run} in all): `--format json` gives them all",
                    count(l, *omitted, "more problem not shown", "more problems not shown")
                ),
            },
        }
    }
}

/// "3 principes", "1 membre": a count of documents of a kind.
pub fn kind_count(l: Lang, kind: Kind, n: usize) -> String {
    let (fr_one, fr_many, en_one, en_many) = match kind {
        Kind::Manifeste => ("manifeste", "manifestes", "manifest", "manifests"),
        Kind::RaisonDEtre => ("raison d’être", "raisons d’être", "purpose", "purposes"),
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
        pick(l, fr_many, en_many)
    } else {
        pick(l, fr_one, en_one)
    };
    format!("{n} {word}")
}
