//! Sentences of `codesocial serve`: the terminal lines, the error overlay shown in the
//! browser, the short HTTP error pages and the placeholder index.

use super::Lang::{self, En, Fr};
use super::{count, pick};

/// A sentence `serve` prints or shows in the page.
#[derive(Debug, Clone, PartialEq)]
pub enum Serve<'a> {
    /// The preview is up.
    Serving {
        dir: &'a str,
        url: &'a str,
    },
    /// `--bind` names an address other machines can reach.
    Exposed {
        addr: &'a str,
    },
    /// The spinner's message while a build runs.
    Building,
    Rebuilt {
        millis: u128,
    },
    /// A rebuild found errors: the previous build stays online.
    KeptLastGood {
        errors: usize,
    },
    /// A rebuild could not run at all.
    BuildFailed {
        reason: &'a str,
    },
    /// Files changed (verbose).
    Changed {
        paths: &'a str,
    },
    WatchFailed {
        reason: &'a str,
    },
    OpenFailed {
        reason: &'a str,
    },
    Stopped,
    CleanupFailed {
        path: &'a str,
        reason: &'a str,
    },
    /// Severity words for terminal lines and the overlay.
    Error,
    Warning,
    OverlayTitle,
    OverlayKept,
    OverlayNoBuild,
    OverlayClose,
    NotFound,
    BadRequest,
    MethodNotAllowed,
    UriTooLong,
    /// A request naming another host (DNS rebinding): where the preview really is.
    Misdirected {
        url: &'a str,
    },
    /// A client holds too many reload polls already.
    TooManyPolls,
}

impl Serve<'_> {
    pub fn text_in(&self, l: Lang) -> String {
        match self {
            Serve::Serving { dir, url } => pick(
                l,
                format!("Aperçu de `{dir}` sur {url} (Ctrl-C pour arrêter)"),
                format!("Serving `{dir}` at {url} (Ctrl-C to stop)"),
            ),
            Serve::Exposed { addr } => pick(
                l,
                format!("attention : à l’écoute sur {addr}, d’autres machines peuvent lire l’aperçu"),
                format!("warning: listening on {addr}, other machines can read the preview"),
            ),
            Serve::Building => pick(l, "construction…", "building…"),
            Serve::Rebuilt { millis } => pick(
                l,
                format!("✓ reconstruit en {millis} ms"),
                format!("✓ rebuilt in {millis} ms"),
            ),
            Serve::KeptLastGood { errors } => pick(
                l,
                format!("✗ {} : la dernière version correcte reste en ligne", count(Fr, *errors, "erreur", "erreurs")),
                format!("✗ {}: the last good build is still served", count(En, *errors, "error", "errors")),
            ),
            Serve::BuildFailed { reason } => pick(
                l,
                format!("✗ construction impossible : {reason}"),
                format!("✗ build failed: {reason}"),
            ),
            Serve::Changed { paths } => pick(l, format!("modifié : {paths}"), format!("changed: {paths}")),
            Serve::WatchFailed { reason } => pick(
                l,
                format!("attention : surveillance des fichiers impossible ({reason}) ; relancez `serve` après vos modifications"),
                format!("warning: cannot watch the files ({reason}); restart `serve` after editing"),
            ),
            Serve::OpenFailed { reason } => pick(
                l,
                format!("attention : ouverture du navigateur impossible ({reason}) ; ouvrez l’adresse à la main"),
                format!("warning: cannot open the browser ({reason}); open the address by hand"),
            ),
            Serve::Stopped => pick(l, "Aperçu arrêté.", "Preview stopped."),
            Serve::CleanupFailed { path, reason } => pick(
                l,
                format!("attention : dossier temporaire `{path}` non supprimé : {reason}"),
                format!("warning: temporary folder `{path}` not removed: {reason}"),
            ),
            Serve::Error => pick(l, "erreur", "error"),
            Serve::Warning => pick(l, "avertissement", "warning"),
            Serve::OverlayTitle => pick(l, "Le #CodeSocial a des erreurs", "The #CodeSocial has errors"),
            Serve::OverlayKept => pick(
                l,
                "La dernière version correcte est affichée. Corrigez les fichiers et enregistrez : la page se mettra à jour.",
                "The last good build is shown. Fix the files and save: the page will refresh.",
            ),
            Serve::OverlayNoBuild => pick(
                l,
                "Aucune version correcte pour l’instant. Corrigez les fichiers et enregistrez : la page se mettra à jour.",
                "No good build yet. Fix the files and save: the page will refresh.",
            ),
            Serve::OverlayClose => pick(l, "Fermer", "Close"),
            Serve::NotFound => pick(l, "Page introuvable", "Not found"),
            Serve::BadRequest => pick(l, "Requête invalide", "Bad request"),
            Serve::MethodNotAllowed => pick(l, "Seuls GET et HEAD sont acceptés", "Only GET and HEAD are allowed"),
            Serve::UriTooLong => pick(l, "Adresse trop longue", "URI too long"),
            Serve::Misdirected { url } => pick(
                l,
                format!("Cet aperçu ne répond qu’à l’adresse {url} (ou localhost) : ouvrez-la directement."),
                format!("This preview answers only at {url} (or localhost): open that address directly."),
            ),
            Serve::TooManyPolls => pick(
                l,
                "Trop de pages en attente de rechargement : nouvel essai dans une seconde",
                "Too many pages waiting to reload: try again in a second",
            ),
        }
    }
}
