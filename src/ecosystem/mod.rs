//! The ecosystem: the other #CodeSocials a `codesocial.yaml` names under `ecosysteme`, so
//! that every member can offer every other member's products and services.
//!
//! Each entry is a folder relative to the #CodeSocial (read as it is, or at `rev` from its
//! git repository) or a git URL, copied into the user's cache folder by `codesocial fetch`
//! or `--fetch` — the only times the tool touches the network — and read offline from that
//! copy otherwise. A member is loaded and checked by the same pipeline as the #CodeSocial
//! itself; its offer ids then resolve `id:offre` references, and its offers join the pooled
//! catalogue ([`pooled_offers`]) and the linked-data export. Nothing here stops a command:
//! an unreachable or broken member becomes a diagnostic, and the rest goes on.
//!
//! Nothing in the #CodeSocial's work tree is trusted as cache or configuration (a pull
//! request writes it): see [`cache`] and [`git`], and `docs/security.md`.

mod cache;
mod error;
pub(crate) mod git;
mod location;
mod member;
mod pooled;
mod tree;

use std::collections::{BTreeSet, HashMap, HashSet};
use std::path::Path;
use std::sync::atomic::{AtomicUsize, Ordering};
use std::sync::Mutex;

use crate::diag::Diagnostic;
use crate::format::Kind;
use crate::i18n::ecosystem::{EcoNotice, EcoProblem};
use crate::load::yaml::Node;
use crate::load::{Loaded, SourceFile};
use crate::model::{EcoSource, Repo, Sp};
use cache::{Cache, Copy};
use git::Deadline;
use location::Location;
use member::Loader;

pub use error::EcoError;

pub use pooled::{complements, pooled_offers, PooledOffer};
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
/// (folder sources are relative to it). With `fetch`, the git sources are fetched first
/// (in parallel, within one deadline); without it, nothing touches the network and a
/// source never fetched is a `not-fetched` warning.
pub fn load(dir: &Path, loaded: &Loaded, fetch: bool) -> LoadedEcosystem {
    let Some((manifest, entries)) = declared(loaded) else {
        return LoadedEcosystem::default();
    };
    let verdicts = judge(&entries, own_id(loaded).as_deref(), dir);
    let cache = Cache::for_codesocial(dir);
    let fetched = if fetch {
        let urls = verdicts
            .iter()
            .filter(|(_, v)| *v == Verdict::Load)
            .filter_map(|(e, _)| git_url(e, dir));
        fetch_sources(&cache, urls)
    } else {
        HashMap::new()
    };
    let mut loader = Loader {
        dir,
        cache: &cache,
        fetched: &fetched,
        manifest,
        budget: member::Budget::new(),
        out: LoadedEcosystem::default(),
    };
    loader.out.notices.extend(old_cache_notice(dir, &cache));
    for (e, verdict) in verdicts {
        loader.entry(e, verdict);
    }
    loader.out
}

impl Loader<'_> {
    /// Loads one entry as its verdict says, or reports why not. Returns whether the
    /// entry is refused (a problem on it and nothing of it read; a partner loaded with
    /// errors of its own is not refused).
    fn entry(&mut self, e: &EcoSource, verdict: Verdict<'_>) -> bool {
        let id = e.id.value.as_str();
        let unavailable = self.out.unavailable.len();
        match verdict {
            Verdict::Duplicate => {
                self.problem(EcoProblem::Duplicate { id }, e.id.span.clone());
                return true;
            }
            Verdict::OwnId => {
                self.problem(EcoProblem::OwnId { id }, e.id.span.clone());
                return true;
            }
            Verdict::SameSource(first) => {
                let p = EcoProblem::SameSource {
                    id,
                    first: &first.id.value,
                };
                self.problem(p, e.source.span.clone());
                self.out.unavailable.push(e.id.value.clone());
            }
            Verdict::OwnSource => {
                let p = EcoProblem::OwnSource {
                    id,
                    source: &e.source.value,
                };
                self.problem(p, e.source.span.clone());
                self.out.unavailable.push(e.id.value.clone());
            }
            Verdict::Load => self.member(e),
        }
        self.out.unavailable.len() > unavailable
    }
}

/// What becomes of one `ecosysteme` entry.
#[derive(Debug, Clone, Copy, PartialEq)]
enum Verdict<'e> {
    Load,
    Duplicate,
    OwnId,
    /// The same source as this earlier entry, however spelled: read once, so that naming
    /// a partner many times cannot multiply what it may cost.
    SameSource(&'e EcoSource),
    /// A folder source that is the #CodeSocial's own folder, however spelled.
    OwnSource,
}

/// Each entry with a well-formed id (the schema names the others), and what to do with it.
fn judge<'e>(
    entries: &'e [EcoSource],
    own: Option<&str>,
    dir: &Path,
) -> Vec<(&'e EcoSource, Verdict<'e>)> {
    let mut seen = HashSet::new();
    let mut sources: HashMap<String, &'e EcoSource> = HashMap::new();
    entries
        .iter()
        .filter(|e| crate::slug::is_id(&e.id.value))
        .map(|e| {
            let id = e.id.value.as_str();
            let verdict = if !seen.insert(id) {
                Verdict::Duplicate
            } else if own == Some(id) {
                Verdict::OwnId
            } else if is_own_folder(&e.source.value, dir) {
                Verdict::OwnSource
            } else {
                let identity = location::locate(&e.source.value, dir).map(|l| l.identity());
                match identity.map(|i| *sources.entry(i).or_insert(e)) {
                    Some(first) if !std::ptr::eq(first, e) => Verdict::SameSource(first),
                    _ => Verdict::Load,
                }
            };
            (e, verdict)
        })
        .collect()
}

/// Whether the folder source `source` is `dir` itself (`.`, `../self`): compared as the
/// file system resolves them, since the two spellings can differ only by where `dir` is.
fn is_own_folder(source: &str, dir: &Path) -> bool {
    match location::locate(source, dir) {
        Some(Location::Folder(folder)) => match (folder.canonicalize(), dir.canonicalize()) {
            (Ok(folder), Ok(own)) => folder == own,
            _ => false,
        },
        _ => false,
    }
}

fn git_url(e: &EcoSource, dir: &Path) -> Option<String> {
    match location::locate(&e.source.value, dir)? {
        Location::Git(url) => Some(url),
        Location::Folder(_) => None,
    }
}

/// Most sources fetched at once.
const MAX_PARALLEL: usize = 8;

/// Fetches every URL once, in parallel, all within one deadline (`CODESOCIAL_GIT_TIMEOUT`).
fn fetch_sources(
    cache: &Result<Cache, EcoError>,
    urls: impl Iterator<Item = String>,
) -> HashMap<String, Result<Copy, EcoError>> {
    let urls: Vec<String> = urls.collect::<BTreeSet<_>>().into_iter().collect();
    let cache = match cache {
        Ok(cache) => cache,
        Err(e) => return urls.into_iter().map(|u| (u, Err(e.clone()))).collect(),
    };
    let deadline = Deadline::from_env();
    let next = AtomicUsize::new(0);
    let results = Mutex::new(HashMap::new());
    std::thread::scope(|s| {
        for _ in 0..urls.len().min(MAX_PARALLEL) {
            s.spawn(|| {
                while let Some(url) = urls.get(next.fetch_add(1, Ordering::Relaxed)) {
                    let fetched = cache.fetch(url, &deadline);
                    if let Ok(mut results) = results.lock() {
                        results.insert(url.clone(), fetched);
                    }
                }
            });
        }
    });
    results.into_inner().unwrap_or_else(|p| p.into_inner())
}

/// The one line about a `.codesocial/cache` an older version left in the #CodeSocial: it
/// is no longer read, and only the user deletes it. A `.codesocial` that is a link is not
/// looked into.
fn old_cache_notice(dir: &Path, cache: &Result<Cache, EcoError>) -> Option<String> {
    let folder = dir.join(".codesocial");
    let real = std::fs::symlink_metadata(&folder).is_ok_and(|m| m.is_dir());
    if !real || std::fs::symlink_metadata(folder.join("cache")).is_err() {
        return None;
    }
    let location = match cache {
        Ok(cache) => cache.location().display().to_string(),
        Err(_) => "CODESOCIAL_CACHE_DIR".to_string(),
    };
    Some(
        EcoNotice::OldCache {
            path: ".codesocial/cache",
            cache: &location,
        }
        .text(),
    )
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

/// What `codesocial fetch` did: one outcome per source, and lines for standard error.
#[derive(Debug, Default)]
pub struct FetchReport {
    pub results: Vec<Fetched>,
    pub notices: Vec<String>,
    /// Why the sources that `check` would refuse failed, on their lines of
    /// `codesocial.yaml`, with what to do.
    pub diagnostics: Vec<Diagnostic>,
}

/// Fetches every git source named in `loaded`'s manifest (`codesocial fetch`), in
/// parallel within one deadline, and says what each source's copy now holds.
///
/// A source is "up to date" only when the commands that read it will read it: after the
/// fetch, each entry goes through the loader `check` uses (same verdicts, same limits,
/// same shared budget), and an entry it refuses — the #CodeSocial's own folder (`.`), a
/// folder or repository without `codesocial.yaml`, a partner past
/// `CODESOCIAL_MAX_PARTNER_ENTRIES` or the budget — is a failure, its problem given in
/// [`FetchReport::diagnostics`] (the manifest's line, and what to do).
pub fn fetch(dir: &Path, loaded: &Loaded) -> FetchReport {
    let Some((manifest, entries)) = declared(loaded) else {
        return FetchReport::default();
    };
    // Each source once: a repeat (however spelled) is not fetched again.
    let verdicts = judge(&entries, own_id(loaded).as_deref(), dir);
    let cache = Cache::for_codesocial(dir);
    let fetched = fetch_sources(
        &cache,
        verdicts
            .iter()
            .filter(|(_, v)| *v == Verdict::Load)
            .filter_map(|(e, _)| git_url(e, dir)),
    );
    let mut loader = Loader {
        dir,
        cache: &cache,
        fetched: &fetched,
        manifest,
        budget: member::Budget::new(),
        out: LoadedEcosystem::default(),
    };
    let mut diagnostics = Vec::new();
    let results = verdicts
        .iter()
        .map(|&(e, verdict)| {
            let outcome = match verdict {
                Verdict::SameSource(first) => Fetched::Failed {
                    id: e.id.value.clone(),
                    reason: EcoProblem::SameSource {
                        id: &e.id.value,
                        first: &first.id.value,
                    }
                    .text(),
                },
                _ => fetched_one(&fetched, dir, e),
            };
            let before = loader.out.diagnostics.len();
            let refused = loader.entry(e, verdict);
            let problems = loader.out.diagnostics.split_off(before);
            if !refused || outcome.is_failure() {
                return outcome;
            }
            let reason = problems
                .first()
                .map_or_else(String::new, |d| d.message.clone());
            diagnostics.extend(problems);
            Fetched::Failed {
                id: e.id.value.clone(),
                reason,
            }
        })
        .collect();
    FetchReport {
        results,
        notices: old_cache_notice(dir, &cache).into_iter().collect(),
        diagnostics,
    }
}

fn fetched_one(
    fetched: &HashMap<String, Result<Copy, EcoError>>,
    dir: &Path,
    e: &EcoSource,
) -> Fetched {
    let id = e.id.value.clone();
    let failed = |reason: String| Fetched::Failed {
        id: e.id.value.clone(),
        reason,
    };
    let url = match location::locate(&e.source.value, dir) {
        None => {
            let invalid = EcoProblem::InvalidSource {
                id: &e.id.value,
                source: &e.source.value,
            };
            return failed(invalid.text());
        }
        Some(Location::Folder(path)) => {
            // A folder that `check` could not read is not "up to date": it failed.
            return match member::unreachable_folder(e, &path, dir) {
                Some(err) => failed(
                    EcoProblem::Unreachable {
                        id: &e.id.value,
                        source: &e.source.value,
                        reason: &err.to_string(),
                    }
                    .text(),
                ),
                None => Fetched::Folder {
                    id,
                    path: e.source.value.clone(),
                },
            };
        }
        Some(Location::Git(url)) => url,
    };
    let commit = match fetched.get(&url) {
        Some(Ok(copy)) => copy_commit(copy, e.rev.as_deref()),
        Some(Err(err)) => Err(err.clone()),
        None => Err(EcoError::NotFetched),
    };
    match commit {
        Ok(commit) => Fetched::Git {
            id,
            url: e.source.value.clone(),
            commit: commit.chars().take(12).collect(),
        },
        Err(EcoError::RevNotFound) => failed(
            EcoProblem::RevNotFound {
                id: &e.id.value,
                rev: e.rev.as_deref().unwrap_or("HEAD"),
                source: &e.source.value,
            }
            .text(),
        ),
        Err(err) => failed(err.to_string()),
    }
}

/// The commit `rev` (default: the source's default branch) names in a copy.
fn copy_commit(copy: &Copy, rev: Option<&str>) -> Result<String, EcoError> {
    tree::commit_at(&copy.path, rev).map(|c| c.to_string())
}
