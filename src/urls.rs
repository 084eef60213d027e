//! Where each page of the site lives in the output, and how one page links to another: the
//! one URL scheme, which the site's links and the linked data's `@id`s
//! ([`crate::jsonld`]) both follow. Every link is relative (`../../catalogue/index.html`)
//! and names `index.html` explicitly, so the site works from a USB stick (`file://`), under
//! a sub-path on GitHub Pages, or on any server.

use crate::format::Kind;
use crate::load::{classify, Place};

pub const HOME: &str = "index.html";
pub const PRINCIPES: &str = "principes/index.html";
pub const PYRAMIDE: &str = "pyramide/index.html";
pub const MATRICES: &str = "matrices/index.html";
pub const CATALOGUE: &str = "catalogue/index.html";
pub const MEMBRES: &str = "membres/index.html";
pub const MODIFICATION: &str = "modification/index.html";
pub const EVOLUTION: &str = "evolution/index.html";
pub const BILAN: &str = "bilan/index.html";
pub const ECOSYSTEME: &str = "ecosysteme/index.html";
pub const SEARCH: &str = "recherche/index.html";
pub const RAISON: &str = "raison-d-etre/index.html";
pub const HISTOIRE: &str = "histoire/index.html";
pub const INFORMATIONS: &str = "informations/index.html";
pub const NOT_FOUND: &str = "404.html";
pub const STYLE: &str = "assets/style.css";
pub const SCRIPT: &str = "assets/site.js";
pub const SEARCH_INDEX: &str = "assets/search-index.js";
pub const SEARCH_SCRIPT: &str = "assets/search.js";
pub const FAVICON: &str = "favicon.svg";
/// The printable booklet: every chapter on one page.
pub const BOOKLET: &str = "livret/index.html";
pub const FEED: &str = "atom.xml";
/// Repository files that bodies link to (images, PDFs…) are copied under this folder.
pub const FILES: &str = "fichiers/";

/// The page of a document, from its kind and id.
pub fn page_of(kind: Kind, id: &str) -> String {
    match kind {
        Kind::Manifeste => HOME.into(),
        Kind::RaisonDEtre => RAISON.into(),
        Kind::Histoire => HISTOIRE.into(),
        Kind::Informations => INFORMATIONS.into(),
        Kind::Plan => plan(id),
        Kind::Principe => format!("principes/{id}/index.html"),
        Kind::Membre => membre(id),
        Kind::Pyramide => PYRAMIDE.into(),
        Kind::Matrice => format!("matrices/{id}/index.html"),
        Kind::Offre => offre(id),
        Kind::Modification => MODIFICATION.into(),
        Kind::Annexe => format!("annexes/{id}/index.html"),
    }
}

pub fn plan(id: &str) -> String {
    format!("plans/{id}/index.html")
}

pub fn membre(id: &str) -> String {
    format!("membres/{id}/index.html")
}

pub fn principe(id: &str) -> String {
    page_of(Kind::Principe, id)
}

pub fn offre(id: &str) -> String {
    format!("catalogue/{id}/index.html")
}

/// The page of a repository file, when it is a document of the format.
pub fn page_of_path(path: &str) -> Option<String> {
    match classify(path) {
        Place::Doc { kind, id, .. } => Some(page_of(kind, &id)),
        _ => None,
    }
}

/// Every file the site generates at a fixed place (its pages, feed, sitemap, linked data,
/// stylesheet and scripts; not the copies under [`FILES`]), each with the repository file
/// it comes from when one does: what a file of `static/` at the same path would replace.
/// `ecosystem`: whether the site has an ecosystem page. A page that only some builds write
/// (the booklet, the bilan) is counted as written. The icon is not counted: a
/// `static/favicon.svg` replacing it is the documented way to give the site its own.
pub fn generated(
    repo: &crate::model::Repo,
    ecosystem: bool,
) -> std::collections::BTreeMap<String, Option<String>> {
    let mut fixed = vec![
        HOME,
        PRINCIPES,
        PYRAMIDE,
        MATRICES,
        CATALOGUE,
        MEMBRES,
        EVOLUTION,
        BILAN,
        SEARCH,
        NOT_FOUND,
        STYLE,
        SCRIPT,
        SEARCH_INDEX,
        SEARCH_SCRIPT,
        BOOKLET,
        FEED,
        "sitemap.xml",
        "codesocial.jsonld",
    ];
    if ecosystem {
        fixed.push(ECOSYSTEME);
    }
    let mut out: std::collections::BTreeMap<String, Option<String>> =
        fixed.into_iter().map(|p| (p.to_string(), None)).collect();
    let manifest = repo.manifeste.as_ref().map(|m| m.meta.path.clone());
    for decl in repo.plan_decls() {
        out.insert(plan(&decl.id.value), manifest.clone());
    }
    for meta in repo.metas() {
        out.insert(page_of(meta.kind, &meta.id), Some(meta.path.clone()));
    }
    out
}

/// The prefix that leads from a page back to the site's root (`""`, `"../"`, `"../../"`).
pub fn root_of(page: &str) -> String {
    "../".repeat(page.matches('/').count())
}

/// The path of an absolute URL, ending in `/`: `https://h.org/a/b` → `/a/b/`.
pub fn url_path(url: &str) -> String {
    let rest = url.split_once("://").map_or(url, |(_, rest)| rest);
    match rest.find('/') {
        Some(slash) => format!("{}/", rest[slash..].trim_end_matches('/')),
        None => "/".into(),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn documents_map_to_pages() {
        assert_eq!(
            page_of_path("principes/social-humain/transparence.md").as_deref(),
            Some("principes/transparence/index.html")
        );
        assert_eq!(
            page_of_path("principes/economique/index.md").as_deref(),
            Some("plans/economique/index.html")
        );
        assert_eq!(
            page_of_path("membres/z.md").as_deref(),
            Some("membres/z/index.html")
        );
        assert_eq!(page_of_path("README.md"), None);
    }

    #[test]
    fn roots_climb_back() {
        assert_eq!(root_of("index.html"), "");
        assert_eq!(root_of("membres/z/index.html"), "../../");
    }

    #[test]
    fn the_site_path_ends_in_a_slash() {
        assert_eq!(url_path("https://h.org/codesocial/"), "/codesocial/");
        assert_eq!(url_path("https://h.org/a/b"), "/a/b/");
        assert_eq!(url_path("https://h.org"), "/");
        assert_eq!(url_path("https://h.org/"), "/");
    }
}
