//! The ecosystem: the other #CodeSocials a `codesocial.yaml` names under `ecosysteme`, so
//! that every member can offer every other member's products and services.
//!
//! Each entry is a folder (read as it is, or at `rev` from its git repository) or a git URL
//! (copied into `.codesocial/cache/` on first use, refreshed on demand, read offline from
//! the copy). A member is loaded and checked by the same pipeline as the #CodeSocial itself;
//! its offer ids then resolve `id:offre` references, and its offers join the pooled
//! catalogue ([`pooled_offers`]) and the linked-data export. Nothing here stops a command:
//! an unreachable or broken member becomes a diagnostic, and the rest goes on.

mod cache;
mod location;
mod pooled;
mod tree;

use std::collections::{HashMap, HashSet};
use std::ops::Range;
use std::path::Path;

use crate::diag::{Diagnostic, Severity};
use crate::i18n::ecosystem::{EcoNotice, EcoProblem, GitFailure};
use crate::load::source::{DirSource, FileSource};
use crate::load::yaml::Node;
use crate::load::{Kind, Loaded, SourceFile};
use crate::model::{EcoSource, Repo, Sp};
use cache::{Cache, Copy};
use location::Location;
use tree::{GitTreeSource, TreeError};

pub use pooled::{complements, offer_url, pooled_offers, PooledMembre, PooledOffer, PooledTarif};
pub(crate) use pooled::{number, with_slash};

/// One member of the ecosystem, loaded and checked.
#[derive(Debug)]
pub struct LoadedMember {
    /// The id this #CodeSocial gives it in `ecosysteme` (the `id` of `id:offre`).
    pub id: String,
    /// The `source` as written.
    pub source: String,
    /// The commit read, for git sources and folders read at a `rev`.
    pub commit: Option<String>,
    pub repo: Repo,
    /// How many errors its own check found (reported, prefixed, as warnings).
    pub errors: usize,
}

impl LoadedMember {
    /// The member's organisation name, or its id when it states none.
    pub fn nom(&self) -> &str {
        match &self.repo.manifeste {
            Some(m) if !m.nom.is_empty() => &m.nom,
            _ => &self.id,
        }
    }

    /// The base URL of its published #CodeSocial (`site.url`), if known.
    pub fn site_url(&self) -> Option<&str> {
        self.repo.manifeste.as_ref()?.site_url.as_deref()
    }
}

/// Everything learnt about the ecosystem while loading it.
#[derive(Debug, Default)]
pub struct LoadedEcosystem {
    /// The members that could be loaded, in the order of `ecosysteme`.
    pub members: Vec<LoadedMember>,
    /// Declared ids that could not be loaded.
    pub unavailable: Vec<String>,
    /// Problems to report with the check of the #CodeSocial that names them.
    pub diagnostics: Vec<Diagnostic>,
    /// Lines for standard error: the age of cached copies, failed refreshes.
    pub notices: Vec<String>,
}

impl LoadedEcosystem {
    /// What reference resolution needs: each declared id → its offer ids, or `None` when
    /// that member could not be loaded.
    pub fn index(&self) -> crate::validate::Ecosystem {
        let mut map: crate::validate::Ecosystem = HashMap::new();
        for m in &self.members {
            let offers: HashSet<String> = m.repo.offres.iter().map(|o| o.meta.id.clone()).collect();
            map.insert(m.id.clone(), Some(offers));
        }
        for id in &self.unavailable {
            map.entry(id.clone()).or_insert(None);
        }
        map
    }

    /// Prints the notices on standard error, unless `quiet`.
    pub fn print_notices(&self, quiet: bool) {
        if quiet {
            return;
        }
        for n in &self.notices {
            eprintln!("{n}");
        }
    }
}

/// The `ecosysteme` entries of a loaded #CodeSocial, with the manifest they were read from.
pub fn declared(loaded: &Loaded) -> Option<(&SourceFile, Vec<EcoSource>)> {
    let doc = loaded.docs.iter().find(|d| d.kind == Kind::Manifeste)?;
    let data = doc.data.as_ref()?;
    let file = loaded.files.get(doc.file)?;
    let entries = data
        .get("ecosysteme")
        .map(|n| n.as_seq().iter().filter_map(eco_source).collect())
        .unwrap_or_default();
    Some((file, entries))
}

fn eco_source(node: &Node) -> Option<EcoSource> {
    let sp = |key: &str| {
        let n = node.get(key)?;
        Some(Sp::new(n.as_str()?.to_string(), n.span.clone()))
    };
    Some(EcoSource {
        id: sp("id")?,
        source: sp("source")?,
        rev: node
            .get("rev")
            .and_then(|n| n.scalar_text())
            .map(|s| s.to_string()),
    })
}

fn own_id(loaded: &Loaded) -> Option<String> {
    let doc = loaded.docs.iter().find(|d| d.kind == Kind::Manifeste)?;
    let id = doc
        .data
        .as_ref()?
        .get("organisation")?
        .get("id")?
        .as_str()?;
    Some(id.to_string())
}

/// Loads every member named in `loaded`'s manifest. `dir` is the #CodeSocial's folder
/// (sources are relative to it; the cache lives in it); `fetch` refreshes git copies.
pub fn load(dir: &Path, loaded: &Loaded, fetch: bool) -> LoadedEcosystem {
    let Some((manifest, entries)) = declared(loaded) else {
        return LoadedEcosystem::default();
    };
    let mut loader = Loader {
        dir,
        cache: Cache::new(dir),
        fetch,
        manifest,
        out: LoadedEcosystem::default(),
    };
    let own = own_id(loaded);
    let mut seen = HashSet::new();
    for e in &entries {
        let id = e.id.value.as_str();
        if !crate::slug::is_id(id) {
            continue; // the schema names the bad id
        }
        if !seen.insert(id.to_string()) {
            loader.problem(EcoProblem::Duplicate { id }, e.id.span.clone());
        } else if own.as_deref() == Some(id) {
            loader.problem(EcoProblem::OwnId { id }, e.id.span.clone());
        } else {
            loader.member(e);
        }
    }
    loader.out
}

struct Loader<'a> {
    dir: &'a Path,
    cache: Cache,
    fetch: bool,
    manifest: &'a SourceFile,
    out: LoadedEcosystem,
}

impl Loader<'_> {
    fn problem(&mut self, p: EcoProblem<'_>, span: Range<usize>) {
        let file = self.manifest;
        let (line, column) = file.lines.position(&file.text, span.start);
        let (end_line, end_column) = file.lines.position(&file.text, span.end);
        self.out.diagnostics.push(Diagnostic {
            severity: p.severity(),
            code: p.code(),
            message: p.text(),
            file: Some(file.path.clone()),
            line: Some(line),
            column: Some(column),
            end_line: Some(end_line),
            end_column: Some(end_column),
            help: p.help(),
            span: Some(span),
            label: p.label(),
        });
    }

    fn unreachable(&mut self, e: &EcoSource, reason: &str) {
        self.problem(
            EcoProblem::Unreachable {
                id: &e.id.value,
                source: &e.source.value,
                reason,
            },
            e.source.span.clone(),
        );
        self.out.unavailable.push(e.id.value.clone());
    }

    fn member(&mut self, e: &EcoSource) {
        match location::locate(&e.source.value, self.dir) {
            None => {
                self.problem(
                    EcoProblem::InvalidSource {
                        id: &e.id.value,
                        source: &e.source.value,
                    },
                    e.source.span.clone(),
                );
                self.out.unavailable.push(e.id.value.clone());
            }
            Some(Location::Folder(path)) => self.load_folder(e, &path),
            Some(Location::Git(url)) => self.load_git(e, &url),
        }
    }

    fn load_folder(&mut self, e: &EcoSource, path: &Path) {
        if !path.is_dir() {
            return self.unreachable(e, &GitFailure::NoFolder.text());
        }
        let Some(rev) = e.rev.as_deref() else {
            return self.finish(e, &DirSource::new(path), None);
        };
        let opened = git2::Repository::discover(path)
            .map_err(|err| TreeError::Git(err.message().to_string()))
            .and_then(|repo| {
                let sub = subdir_of(&repo, path);
                GitTreeSource::open(repo, Some(rev), sub.as_deref())
            });
        self.load_tree(e, opened);
    }

    fn load_git(&mut self, e: &EcoSource, url: &str) {
        let id = e.id.value.as_str();
        let copy = match self.cache.ensure(id, url, self.fetch) {
            Ok(copy) => copy,
            Err(reason) => return self.unreachable(e, &reason),
        };
        let mut opened = open_copy(&copy, e.rev.as_deref());
        let untried = matches!(
            &copy,
            Copy::Cached {
                refresh_error: None,
                ..
            }
        );
        let mut copy = copy;
        if untried && matches!(opened, Err(TreeError::RevNotFound)) {
            // A branch or tag made since the last fetch: refresh once before giving up.
            if let Ok(refreshed) = self.cache.ensure(id, url, true) {
                opened = open_copy(&refreshed, e.rev.as_deref());
                copy = refreshed;
            }
        }
        self.notice_for(id, &copy);
        self.load_tree(e, opened);
    }

    fn notice_for(&mut self, id: &str, copy: &Copy) {
        let Copy::Cached {
            path,
            fetched_at,
            refresh_error,
        } = copy
        else {
            return;
        };
        let when = fetched_at.or_else(|| modified(path)).unwrap_or(0);
        let date = crate::date::ymd(when);
        let days = (crate::date::now() - when).max(0) / 86_400;
        let text = match refresh_error {
            Some(reason) => EcoNotice::RefreshFailed {
                id,
                reason,
                date: &date,
                days,
            }
            .text(),
            None => EcoNotice::CachedCopy {
                id,
                date: &date,
                days,
            }
            .text(),
        };
        self.out.notices.push(text);
    }

    fn load_tree(&mut self, e: &EcoSource, opened: Result<(GitTreeSource, String), TreeError>) {
        match opened {
            Ok((source, commit)) => self.finish(e, &source, Some(commit)),
            Err(TreeError::RevNotFound) => {
                self.problem(
                    EcoProblem::RevNotFound {
                        id: &e.id.value,
                        rev: e.rev.as_deref().unwrap_or("HEAD"),
                        source: &e.source.value,
                    },
                    e.source.span.clone(),
                );
                self.out.unavailable.push(e.id.value.clone());
            }
            Err(TreeError::NoCommit) => self.unreachable(e, &GitFailure::NoCommit.text()),
            Err(TreeError::Git(reason)) => self.unreachable(e, &reason),
        }
    }

    /// Loads and checks a member's files; its errors come back as warnings named after it.
    fn finish(&mut self, e: &EcoSource, source: &dyn FileSource, commit: Option<String>) {
        let entries = match source.list() {
            Ok(entries) => entries,
            Err(err) => return self.unreachable(e, &err.to_string()),
        };
        if !entries.iter().any(|x| x.path == "codesocial.yaml") {
            self.problem(
                EcoProblem::NotACodeSocial {
                    id: &e.id.value,
                    source: &e.source.value,
                },
                e.source.span.clone(),
            );
            self.out.unavailable.push(e.id.value.clone());
            return;
        }
        let loaded = crate::load::load_entries(source, &entries);
        let checked = crate::validate::check(loaded, None);
        let errors = checked.errors();
        let id = e.id.value.clone();
        self.out.diagnostics.extend(
            checked
                .diagnostics
                .iter()
                .filter(|d| d.is_error())
                .map(|d| prefixed(&id, d)),
        );
        self.out.members.push(LoadedMember {
            id,
            source: e.source.value.clone(),
            commit,
            repo: checked.repo,
            errors,
        });
    }
}

/// A member's diagnostic as its partner sees it: a warning, its file named `id:path`.
fn prefixed(id: &str, d: &Diagnostic) -> Diagnostic {
    let mut d = d.clone();
    d.severity = Severity::Warning;
    match &d.file {
        Some(file) => d.file = Some(format!("{id}:{file}")),
        None => d.message = format!("{id}: {}", d.message),
    }
    // The span points into the member's file, which the partner's report does not hold.
    d.span = None;
    d
}

fn open_copy(copy: &Copy, rev: Option<&str>) -> Result<(GitTreeSource, String), TreeError> {
    let repo = git2::Repository::open_bare(copy.path())
        .map_err(|e| TreeError::Git(e.message().to_string()))?;
    GitTreeSource::open(repo, rev, None)
}

/// The folder's path inside its repository's work tree (`None` at the root).
fn subdir_of(repo: &git2::Repository, path: &Path) -> Option<String> {
    crate::history::subfolder(repo, path).filter(|p| !p.is_empty())
}

fn modified(path: &Path) -> Option<i64> {
    let time = std::fs::metadata(path).ok()?.modified().ok()?;
    let secs = time.duration_since(std::time::UNIX_EPOCH).ok()?.as_secs();
    i64::try_from(secs).ok()
}

/// The outcome of refreshing one source with `codesocial fetch`.
#[derive(Debug, Clone, PartialEq)]
pub enum Fetched {
    /// A git source, now up to date at this commit (short hash).
    Git {
        id: String,
        url: String,
        commit: String,
    },
    /// A folder: read in place, nothing to fetch.
    Folder {
        id: String,
        path: String,
    },
    Failed {
        id: String,
        reason: String,
    },
}

impl Fetched {
    pub fn is_failure(&self) -> bool {
        matches!(self, Fetched::Failed { .. })
    }

    /// The line `codesocial fetch` prints.
    pub fn text(&self) -> String {
        match self {
            Fetched::Git { id, url, commit } => EcoNotice::Fetched {
                id,
                source: url,
                commit,
            }
            .text(),
            Fetched::Folder { id, path } => EcoNotice::LocalFolder { id, path }.text(),
            Fetched::Failed { id, reason } => EcoNotice::FetchFailed { id, reason }.text(),
        }
    }
}

/// Refreshes every git source named in `loaded`'s manifest (`codesocial fetch`).
pub fn fetch(dir: &Path, loaded: &Loaded) -> Vec<Fetched> {
    let Some((_, entries)) = declared(loaded) else {
        return Vec::new();
    };
    let cache = Cache::new(dir);
    entries
        .iter()
        .filter(|e| crate::slug::is_id(&e.id.value))
        .map(|e| fetch_one(&cache, dir, e))
        .collect()
}

fn fetch_one(cache: &Cache, dir: &Path, e: &EcoSource) -> Fetched {
    let id = e.id.value.clone();
    let failed = |reason: String| Fetched::Failed {
        id: e.id.value.clone(),
        reason,
    };
    match location::locate(&e.source.value, dir) {
        None => failed(
            EcoProblem::InvalidSource {
                id: &e.id.value,
                source: &e.source.value,
            }
            .text(),
        ),
        Some(Location::Folder(path)) => Fetched::Folder {
            id,
            path: path.display().to_string(),
        },
        Some(Location::Git(url)) => match cache.ensure(&id, &url, true) {
            Err(reason)
            | Ok(Copy::Cached {
                refresh_error: Some(reason),
                ..
            }) => failed(reason),
            Ok(copy) => match open_copy(&copy, e.rev.as_deref()) {
                Ok((_, commit)) => Fetched::Git {
                    id,
                    url,
                    commit: commit.chars().take(12).collect(),
                },
                Err(TreeError::RevNotFound) => failed(
                    EcoProblem::RevNotFound {
                        id: &e.id.value,
                        rev: e.rev.as_deref().unwrap_or("HEAD"),
                        source: &e.source.value,
                    }
                    .text(),
                ),
                Err(TreeError::NoCommit) => failed(GitFailure::NoCommit.text()),
                Err(TreeError::Git(reason)) => failed(reason),
            },
        },
    }
}
