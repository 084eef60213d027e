//! Stage six: the static site. The checked model becomes view models ([`view`]), pages
//! ([`pages`]), HTML through tera templates compiled once ([`templates`]) and rendered in
//! parallel, plus the files around them ([`feeds`], [`jsonld`]). Output is relative
//! everywhere, so the same folder works from `file://`, under a sub-path, or on any
//! server. [`build`] writes into a folder; [`publish`] swaps it in atomically.

pub mod content;
mod feeds;
mod history;
mod jsonld;
mod layout;
mod matrix;
mod output;
mod pages;
mod publish;
mod redirects;
mod scroll;
pub(crate) mod search;
mod templates;
mod toc;
mod typography;
mod view;

use crate::urls;
use std::collections::BTreeSet;
use std::fs;
use std::path::{Path, PathBuf};

use rayon::prelude::*;

pub use history::{read_git_history, History, HistoryCache};
pub use publish::{check_out, interrupt, publish, temp_beside, temp_dir, MARKER};

use crate::ecosystem::LoadedMember;
use crate::error::{Error, Result};
use crate::validate::Checked;
pub use output::Memory;
use output::{Blocks, Output};
use pages::Page;
use view::Ctx;

/// The stylesheet and the script, embedded.
pub(crate) const STYLE: &str = include_str!("assets/style.css");
const SCRIPT: &str = include_str!("assets/site.js");
/// The icon: a pyramid on its point.
const FAVICON: &str = include_str!("assets/favicon.svg");
/// The search page's script, after the stemmer of the site's language.
const SEARCH_SCRIPT: &str = include_str!("assets/search.js");
/// Snowball stemmers compiled to JavaScript by Orama (`@orama/stemmers`, Apache-2.0).
const STEM_FR: &str = include_str!("assets/vendor/stem-fr.js");
const STEM_EN: &str = include_str!("assets/vendor/stem-en.js");

/// How to build.
#[derive(Debug, Clone, Default)]
pub struct Options {
    /// The folder to write into (created if needed; existing files are overwritten).
    pub out: PathBuf,
    /// Absolute URL the site is published at; `None` falls back to `site.url`.
    pub base_url: Option<String>,
    pub history: History,
    /// A script added to every page (the live preview's reload hook).
    pub dev_reload_script: Option<String>,
    /// The bilan to show on its page (computed by the command; no page without it).
    pub bilan: Option<crate::bilan::Bilan>,
}

/// What was written.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Report {
    pub pages: usize,
    pub files: usize,
}

/// Renders the site of a checked repository and the ecosystem members loaded with it
/// (`dir` holds its `templates/` and `static/`) into `opts.out`.
pub fn build(
    checked: &Checked,
    ecosystem: &[LoadedMember],
    dir: &Path,
    opts: &Options,
) -> Result<Report> {
    render(
        checked,
        ecosystem,
        dir,
        opts,
        &Output::fresh(&opts.out),
        None,
        None,
    )
}

/// Rebuilds in place the site `memory` describes in `opts.out` (an empty memory: an empty
/// folder): renders only the pages whose input changed, writes only the files whose bytes
/// changed and removes those no longer produced (see [`output`] for the rule). The folder
/// then holds what [`build`] would write. After an error the folder is a mix of both
/// builds and `memory` is empty: build afresh.
pub fn rebuild(
    checked: &Checked,
    ecosystem: &[LoadedMember],
    dir: &Path,
    opts: &Options,
    memory: &mut Memory,
    first: &First<'_>,
) -> Result<Report> {
    let mut previous = std::mem::take(memory);
    let repo = &checked.repo;
    let plans: Vec<String> = repo
        .plan_decls()
        .iter()
        .map(|p| p.id.value.clone())
        .collect();
    let cache = std::mem::take(&mut previous.markdown).next(&repo.paths, &plans);
    let out = Output::in_place(&opts.out, previous);
    let report = render(
        checked,
        ecosystem,
        dir,
        opts,
        &out,
        Some(&cache),
        Some(first),
    )?;
    *memory = out.finish()?;
    memory.markdown = cache;
    Ok(report)
}

fn render(
    checked: &Checked,
    ecosystem: &[LoadedMember],
    dir: &Path,
    opts: &Options,
    out: &Output,
    cache: Option<&content::Cache>,
    first: Option<&First<'_>>,
) -> Result<Report> {
    let repo = &checked.repo;
    let t = crate::timing::phase("site: templates, context");
    let engine = templates::Engine::new(dir, repo.langue())?;
    let mut ctx = context(checked, ecosystem, opts);
    ctx.cache = cache;
    let base = layout::base_context(&ctx, opts.dev_reload_script.as_deref());
    let renderer = Renderer {
        layout: out.remembers().then(|| {
            output::layout(
                engine.fingerprint(),
                &base,
                ctx.lang,
                ctx.options().sommaire,
            )
        }),
        engine,
        ctx: &ctx,
        out,
    };
    drop(t);
    if let Some(first) = first {
        let _t = crate::timing::phase("first pages");
        renderer.first(&base, first)?;
    }
    // The list of pages: the index pages with their view models, the offers', principles'
    // and members' with their place, title and neighbours alone (`Page::complete`).
    let t = crate::timing::phase("view models");
    let mut pages = pages::all(&ctx);
    drop(t);
    publish::create_dir_all(out.root())?;
    let title = layout::title(&ctx);
    let sitemap = feeds::sitemap(&ctx, &pages);
    // The feed, index, sitemap and linked data are written while the pages render: none
    // of them has a page's path.
    let t = crate::timing::phase("render, write and extras");
    let (rendered, extras) = rayon::join(
        || {
            // One context per thread, its shared part (site, words) copied once; each
            // page replaces only its own variables. A page's view model (its rendered
            // body, cards, linked data) is built when its turn comes and dropped as soon
            // as the page is written, so that at most one per thread is held at a time.
            pages
                .par_iter_mut()
                .map_init(
                    || base.clone(),
                    |c, page| {
                        page.complete(&ctx);
                        let blocks = renderer.page(c, page)?;
                        let files = std::mem::take(&mut page.files);
                        page.written();
                        Ok((blocks, files))
                    },
                )
                .collect::<Result<Vec<(Blocks, Vec<String>)>>>()
        },
        || {
            let _t = crate::timing::phase("extras (in parallel)");
            write_extras(&ctx, sitemap, out, &title)
        },
    );
    let (texts, files): (Vec<Blocks>, Vec<Vec<String>>) = rendered?.into_iter().unzip();
    // The repository files the pages link to, known once their bodies are rendered.
    let linked: BTreeSet<String> = files.into_iter().flatten().collect();
    let mut files = extras? + copy_linked(dir, &ctx, &linked, out)?;
    files += write_search(&ctx, &pages, &texts, out)?;
    // The old addresses of renamed documents, where no page of today's site stands.
    files += redirects::write(&ctx, &pages, out)?;
    drop(t);
    // Last: a file of `static/` wins over a generated one of the same name.
    files += copy_static(dir, out)?;
    Ok(Report {
        pages: pages.len(),
        files,
    })
}

/// What every page of the site is built from.
fn context<'a>(checked: &'a Checked, ecosystem: &'a [LoadedMember], opts: &'a Options) -> Ctx<'a> {
    let repo = &checked.repo;
    let base_url = opts
        .base_url
        .clone()
        .or_else(|| repo.manifeste.as_ref().and_then(|m| m.site_url.clone()))
        .filter(|u| u.starts_with("https://") || u.starts_with("http://"));
    let mut ctx = Ctx::new(repo, &opts.history, base_url);
    ctx.bilan = opts.bilan.as_ref();
    if !ecosystem.is_empty() {
        ctx.eco = ecosystem;
        ctx.pooled = crate::ecosystem::pooled_offers(repo, ecosystem);
    }
    ctx
}

/// The ids a page of the site may hold.
#[derive(Debug, Clone, Default)]
pub struct DeclaredIds {
    /// Its template's, as declared ([`crate::validate::page_ids::of_template`]).
    pub template: crate::markdown::PageIds,
    /// Its content's (headings, footnotes, raw HTML ids, as the page writes them).
    pub content: Vec<String>,
}

/// For each page [`build`] writes (by its path in the site), the ids it may hold: what a
/// test compares with the built pages, so that a template writing an id nothing declares
/// is found.
pub fn declared_ids(
    checked: &Checked,
    ecosystem: &[LoadedMember],
    opts: &Options,
) -> std::collections::BTreeMap<String, DeclaredIds> {
    let ctx = context(checked, ecosystem, opts);
    pages::all(&ctx)
        .into_iter()
        .map(|mut page| {
            page.complete(&ctx);
            let template = crate::validate::page_ids::of_template(&checked.repo, page.template);
            let content = page.content_ids;
            (page.path, DeclaredIds { template, content })
        })
        .collect()
}

/// What rendering a page needs, shared by the rendering threads.
struct Renderer<'a> {
    engine: templates::Engine,
    ctx: &'a Ctx<'a>,
    out: &'a Output,
    /// The fingerprint of what every page's rendering reads, when the output remembers.
    layout: Option<u64>,
}

impl Renderer<'_> {
    /// Renders and writes one page, unless its input is what the folder's page was
    /// rendered from; returns its blocks of text for the search index.
    fn page(&self, c: &mut tera::Context, page: &Page) -> Result<Blocks> {
        let (ctx, out) = (self.ctx, self.out);
        let vars = layout::page_vars(ctx, page);
        let input = self
            .layout
            .map(|layout| output::fingerprint(&(layout, page.template, &vars)));
        if let Some(blocks) = input.and_then(|i| out.unchanged(&page.path, i)) {
            return Ok(blocks);
        }
        let html = self.html(c, page, vars)?;
        let blocks = Blocks::new(if searched(page) {
            search::text_blocks(&html)
        } else {
            Vec::new()
        });
        out.page(&page.path, input, &html, blocks.clone())?;
        Ok(blocks)
    }

    /// The HTML of `page` whose variables are `vars`: the template rendered in `c`, then
    /// the table of contents, scrollable regions and typography.
    fn html(
        &self,
        c: &mut tera::Context,
        page: &Page,
        vars: impl serde::Serialize,
    ) -> Result<String> {
        let ctx = self.ctx;
        // An object always makes a context, and `extend` moves its values in, replacing
        // the previous page's.
        if let Ok(vars) = tera::Context::from_serialize(vars) {
            c.extend(vars);
        }
        let words = toc::Words {
            title: ctx.word(crate::i18n::site::Word::OnThisPage),
        };
        // The home page and the search page are entry points, not documents to navigate.
        let with_toc = ctx.options().sommaire
            && !matches!(
                page.template,
                "home.html" | "recherche.html" | "404.html" | "livret.html"
            );
        let html = toc::decorate(&self.engine.render(page.template, c)?, &words, with_toc);
        let html = scroll::regions(
            &html,
            &scroll::Words {
                table: ctx.word(crate::i18n::site::Word::ScrollTable),
                code: ctx.word(crate::i18n::site::Word::ScrollCode),
            },
        );
        Ok(typography::apply(ctx.lang, &html))
    }

    /// Writes first, alone, the pages of the documents `first` names that already have a
    /// page in the folder: the page someone is editing shows the edit (to a reload or a
    /// poll) before the lists, indexes and feeds that also show it are brought up to date.
    /// Each is written again by the whole pass if it differs there (its neighbours' links,
    /// which this page alone does not know), see [`Output::unchanged`]. Open pages are told
    /// to reload once, when the whole build is done: a reload signal that came before would
    /// tell a client the site is whole when it is not.
    fn first(&self, base: &tera::Context, first: &First<'_>) -> Result<()> {
        for source in first.sources {
            let Some(page) = pages::of_source(self.ctx, source) else {
                continue;
            };
            if !self.out.root().join(&page.path).is_file() {
                continue;
            }
            let vars = layout::page_vars(self.ctx, &page);
            let html = self.html(&mut base.clone(), &page, &vars)?;
            self.out.put(&page.path, html.as_bytes())?;
        }
        Ok(())
    }
}

/// The documents whose pages an in-place rebuild writes before the rest (their paths in
/// the repository, as [`crate::model::Meta::path`]).
pub struct First<'a> {
    pub sources: &'a [String],
}

/// Whether a page is in the search index (not the search page itself, nor the 404).
fn searched(page: &Page) -> bool {
    page.path != urls::NOT_FOUND && page.path != urls::SEARCH
}

/// The search index and the search page's script; returns the count of files.
fn write_search(ctx: &Ctx, pages: &[Page], texts: &[Blocks], out: &Output) -> Result<usize> {
    // Titles as the pages show them, with the language's typography ("Raison d’être").
    let titles: Vec<String> = pages
        .iter()
        .map(|p| crate::i18n::typography::text(ctx.lang, &p.title))
        .collect();
    let entries: Vec<(search::Entry, u64)> = pages
        .iter()
        .zip(texts)
        .zip(&titles)
        .filter(|((p, _), _)| searched(p))
        .map(|((p, blocks), title)| {
            let entry = search::Entry {
                title,
                url: &p.path,
                kind: ctx.word(p.kind),
                blocks: &blocks.text,
            };
            (entry, blocks.print)
        })
        .collect();
    // Compressing the index is the costly part: not done again while no page's title,
    // kind or text changed.
    let input = out.remembers().then(|| {
        let shown: Vec<_> = entries
            .iter()
            .map(|(e, print)| (e.title, e.url, e.kind, print))
            .collect();
        crate::memo::fingerprint(&(ctx.lang.code(), shown))
    });
    out.derived(urls::SEARCH_INDEX, input, || {
        let entries: Vec<search::Entry> = entries.into_iter().map(|(e, _)| e).collect();
        search::index_script(ctx.lang, &entries)
    })?;
    let stemmer = match ctx.lang {
        crate::i18n::Lang::Fr => STEM_FR,
        crate::i18n::Lang::En => STEM_EN,
    };
    let script = format!("{}\n{SEARCH_SCRIPT}", vendored(stemmer));
    out.put(urls::SEARCH_SCRIPT, script.as_bytes())?;
    Ok(2)
}

/// A vendored ES module as a classic script: its `export`ed `stemmer` becomes a local
/// function of the search script's scope.
fn vendored(module: &str) -> String {
    module
        .replace("export function stemmer(", "function stemmer(")
        .replace("export const language=", "var stemmerLanguage=")
}

/// The stylesheet, script, feed, sitemap and linked data; returns the count.
fn write_extras(ctx: &Ctx, sitemap: Option<String>, out: &Output, title: &str) -> Result<usize> {
    let sitemap = sitemap.map(|s| ("sitemap.xml", s));
    let files = [
        (urls::STYLE, STYLE.to_string()),
        (urls::SCRIPT, SCRIPT.to_string()),
        (urls::FAVICON, FAVICON.to_string()),
        (urls::FEED, feeds::atom(ctx, title)),
        (
            "codesocial.jsonld",
            // The whole linked-data document: the organisation, its members, roles,
            // offers and flows, and the ecosystem's organisations and offers.
            // Compact: it is for machines, and at 20,000 offers indentation alone is
            // megabytes (`codesocial export` prints the same document indented).
            serde_json::to_string(ctx.linked().document()).unwrap_or_default(),
        ),
    ];
    for (name, text) in files.iter().chain(&sitemap) {
        out.put(name, text.as_bytes())?;
    }
    Ok(files.len() + usize::from(sitemap.is_some()))
}

/// Copies the repository files that bodies link to (images, PDFs…) under `fichiers/`.
fn copy_linked(dir: &Path, ctx: &Ctx, linked: &BTreeSet<String>, out: &Output) -> Result<usize> {
    for rel in linked {
        // Links name files in NFC; the file on disk may be named otherwise.
        let from = dir.join(
            ctx.repo
                .listed_as
                .get(rel.as_str())
                .map_or(rel.as_str(), String::as_str),
        );
        if !is_plain_file(&from) {
            // The loader lists no symbolic link as a path; never copy one all the same.
            continue;
        }
        out.copy(&from, &format!("{}{rel}", urls::FILES))?;
    }
    Ok(linked.len())
}

/// A file that is not a symbolic link (nor behind one at its last component).
fn is_plain_file(path: &Path) -> bool {
    fs::symlink_metadata(path).is_ok_and(|m| m.file_type().is_file())
}

/// A folder that is not a symbolic link: `static/` and `templates/` must not lead outside.
pub(crate) fn is_plain_dir(path: &Path) -> bool {
    fs::symlink_metadata(path).is_ok_and(|m| m.file_type().is_dir())
}

/// Copies `<dir>/static/` as it is into the site's root.
fn copy_static(dir: &Path, out: &Output) -> Result<usize> {
    let files = static_files(dir)?;
    for (rel, from) in &files {
        out.copy(from, rel)?;
    }
    Ok(files.len())
}

/// The files of `<dir>/static/` as the site copies them, in name order: each one's path
/// in the site (its path under `static/`, with `/`) and on disk. No symbolic link is
/// followed or copied.
fn static_files(dir: &Path) -> Result<Vec<(String, PathBuf)>> {
    let root = dir.join("static");
    if !is_plain_dir(&root) {
        return Ok(Vec::new());
    }
    let mut files = Vec::new();
    for entry in site_walk(&root) {
        let entry = entry.map_err(|e| Error::walk(&root, e))?;
        let Ok(rel) = entry.path().strip_prefix(&root) else {
            continue;
        };
        if !entry.file_type().is_file() || rel.as_os_str() == MARKER {
            continue;
        }
        let rel = rel.to_string_lossy().replace('\\', "/");
        files.push((rel, entry.path().to_path_buf()));
    }
    Ok(files)
}

/// Whether a name is git's own (`.git`, in any case: `.GIT` is `.git` on macOS and
/// Windows): the `.git` file of a submodule (`gitdir: ../../.git/modules/…`, a path of the
/// machine that built the site) or the `.git` folder of a repository checked out inside.
pub(crate) fn is_git_name(name: &std::ffi::OsStr) -> bool {
    name.to_str().is_some_and(|n| folded_path(n) == ".git")
}

/// A walk of a site folder (`static/`, `templates/`) in name order that never enters nor
/// lists git's own files ([`is_git_name`]): they are never published nor read as
/// templates.
pub(crate) fn site_walk(root: &Path) -> impl Iterator<Item = walkdir::Result<walkdir::DirEntry>> {
    walkdir::WalkDir::new(root)
        .sort_by_file_name()
        .into_iter()
        .filter_entry(|e| e.depth() == 0 || !is_git_name(e.file_name()))
}

/// The folders of `static/` and `templates/` that are git repositories of their own: a
/// submodule checked out (its `.git` file) or a repository cloned inside (its `.git`
/// folder), by their paths from the #CodeSocial folder (`static/theme`). `build`
/// publishes their files (never their `.git`), but what they hold is another
/// repository's: `diff --enforce` judges only which commit a submodule points to.
pub fn nested_repositories(dir: &Path) -> Vec<String> {
    let mut out = Vec::new();
    for site in crate::load::SITE_FOLDERS {
        let root = dir.join(site);
        if !is_plain_dir(&root) {
            continue;
        }
        let mut walk = walkdir::WalkDir::new(&root).sort_by_file_name().into_iter();
        while let Some(entry) = walk.next() {
            let Ok(entry) = entry else {
                continue;
            };
            if entry.depth() == 0 || !is_git_name(entry.file_name()) {
                continue;
            }
            if entry.file_type().is_dir() {
                walk.skip_current_dir();
            }
            let Some(parent) = entry.path().parent() else {
                continue;
            };
            let Ok(rel) = parent.strip_prefix(dir) else {
                continue;
            };
            out.push(rel.to_string_lossy().replace('\\', "/"));
        }
    }
    out.dedup();
    out
}

/// A file of `static/` that replaces a file the site generates (the copy of `static/`
/// comes last and wins).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct StaticOverride {
    /// The file, from the #CodeSocial folder (`static/index.html`).
    pub file: String,
    /// The generated file it replaces, in the site (`index.html`).
    pub generated: String,
    /// The repository file that page comes from, when one does (`codesocial.yaml`).
    pub source: Option<String>,
    /// Whether the two paths are the same bytes; otherwise they differ only by case or
    /// Unicode normalisation (`static/Index.html`, `static/PRINCIPES/…`, `é` composed or
    /// not), and are one file where names are compared that way (macOS, Windows).
    pub exact: bool,
}

pub use crate::load::folded_path;

/// Every file of `<dir>/static/` whose place in the site is that of a generated file
/// (see [`urls::generated`]); `ecosystem`: whether the site has an ecosystem page. A
/// folder that cannot be read holds none (the build reports it).
pub fn static_overrides(
    dir: &Path,
    repo: &crate::model::Repo,
    ecosystem: bool,
) -> Vec<StaticOverride> {
    let Ok(files) = static_files(dir) else {
        return Vec::new();
    };
    if files.is_empty() {
        return Vec::new();
    }
    let generated = urls::generated(repo, ecosystem);
    let folded: std::collections::HashMap<String, (&String, &Option<String>)> = generated
        .iter()
        .map(|(path, source)| (folded_path(path), (path, source)))
        .collect();
    files
        .into_iter()
        .filter_map(|(rel, _)| {
            if let Some(source) = generated.get(&rel) {
                return Some(StaticOverride {
                    file: format!("static/{rel}"),
                    source: source.clone(),
                    generated: rel,
                    exact: true,
                });
            }
            let (path, source) = folded.get(&folded_path(&rel))?;
            Some(StaticOverride {
                file: format!("static/{rel}"),
                generated: (*path).clone(),
                source: (*source).clone(),
                exact: false,
            })
        })
        .collect()
}

#[cfg(test)]
mod tests {
    use super::folded_path;

    /// Long words are hyphenated in the page's language before any is cut; only code and
    /// addresses, which have no syllables, may break anywhere (a name cut "Rémunératio|n"
    /// without a hyphen on a phone, issue 17).
    #[test]
    fn words_are_hyphenated_and_only_code_and_addresses_break_anywhere() {
        let css = super::STYLE;
        let body = css
            .lines()
            .find(|l| l.starts_with("body {"))
            .expect("a body rule");
        assert!(body.contains("hyphens: auto"), "{body}");
        let mut rest = css;
        while let Some(at) = rest.find("overflow-wrap: anywhere") {
            let rule_start = rest[..at].rfind('}').map_or(0, |i| i + 1);
            let selectors = rest[rule_start..at].split('{').next().unwrap_or_default();
            for selector in selectors.split(',') {
                let selector = selector.trim();
                let allowed = selector.ends_with("code")
                    || selector.ends_with("pre")
                    || selector == ".url"
                    || selector.starts_with("a[href^=");
                assert!(allowed, "`{selector}` breaks anywhere");
            }
            rest = &rest[at + 1..];
        }
    }

    /// Case and canonical normalisation are ignored, as APFS and NTFS ignore them.
    #[test]
    fn folded_paths_meet_across_case_and_normalisation() {
        assert_eq!(folded_path("Index.HTML"), folded_path("index.html"));
        assert_eq!(folded_path("e\u{301}te\u{301}"), folded_path("ÉTÉ"));
        assert_eq!(folded_path("straße"), folded_path("STRASSE"));
        assert_ne!(folded_path("index.html"), folded_path("indexe.html"));
    }
}
