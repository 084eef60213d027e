//! Sentences of `codesocial serve`: the terminal lines, the error overlay shown in the
//! browser, the short HTTP error pages and the placeholder index.

use super::tr;

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
    /// The port is taken by another program.
    PortInUse {
        port: u16,
        next: u16,
    },
    /// Listening failed for another reason.
    BindFailed {
        addr: &'a str,
        reason: &'a str,
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
    SignalHandler {
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
    HeadersTooLarge,
    Busy,
}

impl Serve<'_> {
    pub fn text(&self) -> String {
        match self {
            Serve::Serving { dir, url } => tr(
                format!("Aperçu de `{dir}` sur {url} (Ctrl-C pour arrêter)"),
                format!("Serving `{dir}` at {url} (Ctrl-C to stop)"),
            ),
            Serve::Exposed { addr } => tr(
                format!("attention : à l'écoute sur {addr}, d'autres machines peuvent lire l'aperçu"),
                format!("warning: listening on {addr}, other machines can read the preview"),
            ),
            Serve::PortInUse { port, next } => tr(
                format!("le port {port} est occupé — essayez --port {next}"),
                format!("port {port} is in use — try --port {next}"),
            ),
            Serve::BindFailed { addr, reason } => tr(
                format!("écoute impossible sur {addr} : {reason}"),
                format!("cannot listen on {addr}: {reason}"),
            ),
            Serve::Building => tr("construction…", "building…"),
            Serve::Rebuilt { millis } => tr(
                format!("✓ reconstruit en {millis} ms"),
                format!("✓ rebuilt in {millis} ms"),
            ),
            Serve::KeptLastGood { errors } => tr(
                format!("✗ {errors} erreur{} : la dernière version correcte reste en ligne", plural(*errors)),
                format!("✗ {errors} error{}: the last good build is still served", plural(*errors)),
            ),
            Serve::BuildFailed { reason } => tr(
                format!("✗ construction impossible : {reason}"),
                format!("✗ build failed: {reason}"),
            ),
            Serve::Changed { paths } => tr(format!("modifié : {paths}"), format!("changed: {paths}")),
            Serve::WatchFailed { reason } => tr(
                format!("attention : surveillance des fichiers impossible ({reason}) ; relancez `serve` après vos modifications"),
                format!("warning: cannot watch the files ({reason}); restart `serve` after editing"),
            ),
            Serve::OpenFailed { reason } => tr(
                format!("attention : ouverture du navigateur impossible ({reason}) ; ouvrez l'adresse à la main"),
                format!("warning: cannot open the browser ({reason}); open the address by hand"),
            ),
            Serve::SignalHandler { reason } => tr(
                format!("interception de Ctrl-C impossible : {reason}"),
                format!("cannot handle Ctrl-C: {reason}"),
            ),
            Serve::Stopped => tr("Aperçu arrêté.", "Preview stopped."),
            Serve::CleanupFailed { path, reason } => tr(
                format!("attention : dossier temporaire `{path}` non supprimé : {reason}"),
                format!("warning: temporary folder `{path}` not removed: {reason}"),
            ),
            Serve::Error => tr("erreur", "error"),
            Serve::Warning => tr("avertissement", "warning"),
            Serve::OverlayTitle => tr("Le #CodeSocial a des erreurs", "The #CodeSocial has errors"),
            Serve::OverlayKept => tr(
                "La dernière version correcte est affichée. Corrigez les fichiers et enregistrez : la page se mettra à jour.",
                "The last good build is shown. Fix the files and save: the page will refresh.",
            ),
            Serve::OverlayNoBuild => tr(
                "Aucune version correcte pour l'instant. Corrigez les fichiers et enregistrez : la page se mettra à jour.",
                "No good build yet. Fix the files and save: the page will refresh.",
            ),
            Serve::OverlayClose => tr("Fermer", "Close"),
            Serve::NotFound => tr("Page introuvable", "Not found"),
            Serve::BadRequest => tr("Requête invalide", "Bad request"),
            Serve::MethodNotAllowed => tr("Seuls GET et HEAD sont acceptés", "Only GET and HEAD are allowed"),
            Serve::UriTooLong => tr("Adresse trop longue", "URI too long"),
            Serve::HeadersTooLarge => tr("En-têtes trop volumineux", "Request headers too large"),
            Serve::Busy => tr("Serveur occupé, réessayez", "Server busy, try again"),
        }
    }
}

fn plural(n: usize) -> &'static str {
    if n > 1 {
        "s"
    } else {
        ""
    }
}
