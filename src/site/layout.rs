//! What the layout of every page shows (`base.html`): the site as a whole (`site`: its
//! title, navigation, licence, source), the words (`t`), and each page's own frame —
//! where its root is, its canonical address, when it was last changed in git, where to
//! edit it, the previous and next pages of its series. Typed, like the pages' data.

use serde::Serialize;

use super::jsonld;
use super::pages::{Neighbour, Page, PageData};
use super::urls;
use super::view::{Ctx, PlanView};
use crate::i18n::site::Word;
use crate::load::{classify, Place};

/// `site` in every template.
#[derive(Serialize)]
pub struct SiteView<'a> {
    title: String,
    nom: Option<&'a str>,
    lang: &'static str,
    /// The Open Graph locale (`fr_FR`).
    locale: &'static str,
    licence: Option<&'a str>,
    nav: Vec<NavItem>,
    /// Informations and annexes, linked from the footer.
    extra: Vec<NavLink>,
    plans: &'a [PlanView],
    style: &'static str,
    script: &'static str,
    feed: &'static str,
    search: &'static str,
    home: &'static str,
    favicon: &'static str,
    /// The printable booklet, when the site has one.
    booklet: Option<&'static str>,
    /// The repository's address (`site.depot`).
    depot: Option<&'a str>,
    /// The picture shared with links, as an absolute address.
    image: Option<String>,
}

#[derive(Serialize)]
struct NavItem {
    label: &'static str,
    url: &'static str,
    key: &'static str,
}

#[derive(Serialize)]
struct NavLink {
    title: String,
    url: String,
}

/// The site's title: `site.titre`, else the organisation's name.
pub fn title(ctx: &Ctx) -> String {
    ctx.repo
        .manifeste
        .as_ref()
        .map(|m| m.site_titre.clone().unwrap_or_else(|| m.nom.clone()))
        .unwrap_or_default()
}

/// The keys of the site's navigation, in order (`home`, `raison`, …): the printable
/// booklet follows them.
pub fn nav_keys(ctx: &Ctx) -> Vec<&'static str> {
    nav(ctx).into_iter().map(|item| item.key).collect()
}

fn nav(ctx: &Ctx) -> Vec<NavItem> {
    let repo = ctx.repo;
    let mut nav = vec![(Word::Home, urls::HOME, "home")];
    if repo.raison.is_some() {
        nav.push((Word::RaisonDEtre, urls::RAISON, "raison"));
    }
    if repo.histoire.is_some() {
        nav.push((Word::Histoire, urls::HISTOIRE, "histoire"));
    }
    nav.extend([
        (Word::Plans, urls::PRINCIPES, "principes"),
        (Word::Pyramide, urls::PYRAMIDE, "pyramide"),
        (Word::Matrices, urls::MATRICES, "matrices"),
        (Word::Catalogue, urls::CATALOGUE, "catalogue"),
        (Word::Membres, urls::MEMBRES, "membres"),
    ]);
    if repo.modification.is_some() {
        nav.push((Word::Modification, urls::MODIFICATION, "modification"));
    }
    nav.push((Word::Evolution, urls::EVOLUTION, "evolution"));
    if !ctx.eco.is_empty() {
        nav.push((Word::Ecosysteme, urls::ECOSYSTEME, "ecosysteme"));
    }
    if ctx.bilan.is_some() {
        nav.push((Word::Bilan, urls::BILAN, "bilan"));
    }
    nav.into_iter()
        .map(|(w, url, key)| NavItem {
            label: ctx.word(w),
            url,
            key,
        })
        .collect()
}

fn extra(ctx: &Ctx) -> Vec<NavLink> {
    let repo = ctx.repo;
    let mut extra = Vec::new();
    if let Some(i) = &repo.informations {
        let title = if i.titre.is_empty() {
            ctx.word(Word::Informations).to_string()
        } else {
            i.titre.clone()
        };
        extra.push(NavLink {
            title,
            url: urls::INFORMATIONS.into(),
        });
    }
    extra.extend(repo.annexes.iter().map(|a| NavLink {
        title: a.titre.clone(),
        url: urls::page_of(crate::format::Kind::Annexe, &a.meta.id),
    }));
    extra
}

/// The variables shared by every page.
pub fn base_context(ctx: &Ctx, dev_script: Option<&str>) -> tera::Context {
    let m = ctx.repo.manifeste.as_ref();
    let options = ctx.options();
    let site = SiteView {
        title: title(ctx),
        nom: m.map(|m| m.nom.as_str()),
        lang: ctx.lang.code(),
        locale: match ctx.lang {
            crate::i18n::Lang::Fr => "fr_FR",
            crate::i18n::Lang::En => "en_GB",
        },
        licence: m.and_then(|m| m.licence.as_ref().map(|l| l.value.as_str())),
        nav: nav(ctx),
        extra: extra(ctx),
        plans: &ctx.plans,
        style: urls::STYLE,
        script: urls::SCRIPT,
        feed: urls::FEED,
        search: urls::SEARCH,
        home: urls::HOME,
        favicon: urls::FAVICON,
        booklet: options.livret.then_some(urls::BOOKLET),
        depot: options.depot.as_deref(),
        image: options.image.as_deref().and_then(|i| shared_image(ctx, i)),
    };
    let mut base = tera::Context::new();
    base.insert("site", &site);
    base.insert("t", &crate::i18n::site::words(ctx.lang));
    base.insert("dev_script", &dev_script);
    base
}

/// An address a link preview can fetch: as written when absolute, else under the site's
/// address (none without one).
fn shared_image(ctx: &Ctx, image: &str) -> Option<String> {
    if image.starts_with("https://") || image.starts_with("http://") {
        return Some(image.to_string());
    }
    ctx.base_url
        .as_ref()
        .map(|_| jsonld::abs(ctx, image.trim_start_matches('/')))
}

/// What `base.html` knows of one page.
#[derive(Serialize)]
pub struct PageVars<'a> {
    root: String,
    path: &'a str,
    section: &'static str,
    title: &'a str,
    description: &'a str,
    page: &'a PageData<'a>,
    jsonld: String,
    /// The page's absolute address, when the site's is known.
    canonical: Option<String>,
    /// The day its document last changed in git (`YYYY-MM-DD`).
    updated: Option<&'a str>,
    /// Where its document is edited on the forge.
    edit_url: Option<String>,
    prev: Option<&'a Neighbour>,
    next: Option<&'a Neighbour>,
}

pub fn page_vars<'a>(ctx: &'a Ctx, page: &'a Page) -> PageVars<'a> {
    let options = ctx.options();
    PageVars {
        root: if page.path == urls::NOT_FOUND {
            super::pages::site::root(ctx)
        } else {
            urls::root_of(&page.path)
        },
        path: &page.path,
        section: page.section,
        title: &page.title,
        description: &page.description,
        page: &page.data,
        jsonld: jsonld::to_script(&page.jsonld),
        canonical: ctx
            .base_url
            .as_ref()
            .filter(|_| page.path != urls::NOT_FOUND)
            .map(|_| jsonld::abs(ctx, &page.path)),
        updated: (options.mise_a_jour && page.path != urls::NOT_FOUND)
            .then(|| updated(ctx, page))
            .flatten(),
        edit_url: page
            .source
            .as_deref()
            .and_then(|path| edit_url(options, path)),
        prev: page.prev.as_ref(),
        next: page.next.as_ref(),
    }
}

/// The day the page's document last changed; for the home page and the évolution page,
/// which show the whole #CodeSocial, the day its content did. An index, a plan's page or
/// the bilan shows many documents: no one commit's day is the day of what it shows, so
/// nothing is said. A document no commit of the history read touched (one older than a
/// shallow clone's boundary, or than the commits read, or not committed) has no known
/// day: nothing is said rather than another document's day (as `bilan` says "unknown").
fn updated<'a>(ctx: &'a Ctx, page: &Page) -> Option<&'a str> {
    let document = page
        .source
        .as_deref()
        .and_then(|path| match classify(path) {
            Place::Doc { kind, id, .. } => Some((kind, id)),
            _ => None,
        });
    match document {
        Some((kind, id)) => ctx.history.of(kind, &id).first().map(|e| e.date.as_str()),
        None if page.path == urls::HOME || page.path == urls::EVOLUTION => {
            ctx.history.evolution.first().map(|e| e.date.as_str())
        }
        None => None,
    }
}

/// The forge's edit page for `path`: `site.modifier` with `{chemin}` replaced, else
/// derived from `site.depot` for the forges whose address scheme is known.
pub fn edit_url(options: &crate::model::SiteOptions, path: &str) -> Option<String> {
    if let Some(template) = &options.modifier {
        return Some(template.replace("{chemin}", path));
    }
    let depot = options.depot.as_deref()?.trim_end_matches('/');
    let host = depot.split("://").nth(1)?.split('/').next()?;
    let branch = &options.branche;
    let action = if host == "github.com" {
        "edit"
    } else if host.starts_with("gitlab.") || host.contains(".gitlab.") {
        "-/edit"
    } else if host == "codeberg.org" || host.starts_with("gitea.") || host.starts_with("forgejo.") {
        "_edit"
    } else {
        return None;
    };
    Some(format!("{depot}/{action}/{branch}/{path}"))
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::model::SiteOptions;

    #[test]
    fn edit_links_follow_each_forge() {
        let with = |depot: &str| SiteOptions {
            depot: Some(depot.into()),
            ..SiteOptions::default()
        };
        assert_eq!(
            edit_url(&with("https://github.com/o/r/"), "principes/a/b.md").as_deref(),
            Some("https://github.com/o/r/edit/main/principes/a/b.md")
        );
        assert_eq!(
            edit_url(&with("https://gitlab.com/o/r"), "x.md").as_deref(),
            Some("https://gitlab.com/o/r/-/edit/main/x.md")
        );
        assert_eq!(
            edit_url(&with("https://codeberg.org/o/r"), "x.md").as_deref(),
            Some("https://codeberg.org/o/r/_edit/main/x.md")
        );
        assert_eq!(
            edit_url(&with("https://forge.example.org/o/r"), "x.md"),
            None
        );
        let template = SiteOptions {
            modifier: Some("https://f.example.org/o/r/edit/dev/cs/{chemin}".into()),
            ..with("https://forge.example.org/o/r")
        };
        assert_eq!(
            edit_url(&template, "x.md").as_deref(),
            Some("https://f.example.org/o/r/edit/dev/cs/x.md")
        );
    }
}
