//! Loading one `ecosysteme` member: a folder (as it is, or at `rev` in its repository) or
//! the cached copy of a git source, then checked by the same pipeline as the #CodeSocial
//! that names it. Every failure becomes a diagnostic on that member's entry; nothing here
//! touches the network (fetching happened before, in [`super::fetch_sources`]).

use std::collections::HashMap;
use std::ops::Range;
use std::path::Path;

use super::cache::{Cache, Copy};
use super::error::EcoError;
use super::location::{self, Location};
use super::tree::GitTreeSource;
use super::{LoadedEcosystem, LoadedMember};
use crate::diag::{Diagnostic, Severity};
use crate::i18n::ecosystem::{EcoNotice, EcoProblem};
use crate::load::source::{DirSource, Entry, FileSource};
use crate::load::SourceFile;
use crate::model::EcoSource;

/// What the members are loaded from, and where their problems go.
pub(super) struct Loader<'a> {
    pub dir: &'a Path,
    pub cache: &'a Result<Cache, EcoError>,
    /// The outcome of this run's fetch of each URL (empty when nothing was fetched).
    pub fetched: &'a HashMap<String, Result<Copy, EcoError>>,
    pub manifest: &'a SourceFile,
    /// What the members read so far may still read, all together.
    pub budget: Budget,
    pub out: LoadedEcosystem,
}

/// Most documents read from all the members together: as many as one commit of the
/// history may hold ([`crate::history::MAX_COMMIT_DOCUMENTS`]).
pub const MAX_ECOSYSTEM_DOCUMENTS: usize = crate::history::MAX_COMMIT_DOCUMENTS;

/// What all the members together may still read: documents, and bytes (the total size in
/// force, `CODESOCIAL_MAX_TOTAL_SIZE`, shared by every member rather than given to each).
/// Each member has its own limits too ([`crate::history::MAX_COMMIT_DOCUMENTS`] documents,
/// the total size); these bound their sum.
#[derive(Debug)]
pub struct Budget {
    documents: usize,
    bytes: u64,
}

impl Budget {
    pub fn new() -> Budget {
        Budget {
            documents: MAX_ECOSYSTEM_DOCUMENTS,
            bytes: crate::load::source::max_total_size(),
        }
    }
}

/// Why the folder source `e` (at `path`, written relative to `dir`) cannot be read, if it
/// cannot: a symbolic link on the way ([`EcoError::FolderSymlink`]) or no folder there
/// ([`EcoError::NoFolder`]). `check` and `fetch` judge a folder by this one rule.
pub(super) fn unreachable_folder(e: &EcoSource, path: &Path, dir: &Path) -> Option<EcoError> {
    if let Some(link) = location::symlinked_component(&e.source.value, dir) {
        return Some(EcoError::FolderSymlink { path: link });
    }
    (!path.is_dir()).then_some(EcoError::NoFolder)
}

impl Loader<'_> {
    pub fn problem(&mut self, p: EcoProblem<'_>, span: Range<usize>) {
        let d = Diagnostic::at(p, self.manifest, span);
        self.out.diagnostics.push(d);
    }

    /// A member that could not be loaded: a warning on its `source`, and its id unavailable.
    fn unavailable(&mut self, e: &EcoSource, error: &EcoError) {
        let (id, source) = (e.id.value.as_str(), e.source.value.as_str());
        let reason = error.to_string();
        let p = match error {
            EcoError::NotFetched => EcoProblem::NotFetched { id, source },
            EcoError::RevNotFound => EcoProblem::RevNotFound {
                id,
                rev: e.rev.as_deref().unwrap_or("HEAD"),
                source,
            },
            _ => EcoProblem::Unreachable {
                id,
                source,
                reason: &reason,
            },
        };
        self.refuse(e, p);
    }

    /// `p` reported on the entry's `source`, and the member marked unavailable.
    fn refuse(&mut self, e: &EcoSource, p: EcoProblem<'_>) {
        self.problem(p, e.source.span.clone());
        self.out.unavailable.push(e.id.value.clone());
    }

    pub fn member(&mut self, e: &EcoSource) {
        match location::locate(&e.source.value, self.dir) {
            None => self.refuse(
                e,
                EcoProblem::InvalidSource {
                    id: &e.id.value,
                    source: &e.source.value,
                },
            ),
            Some(Location::Folder(path)) => self.load_folder(e, &path),
            Some(Location::Git(url)) => self.load_git(e, &url),
        }
    }

    fn load_folder(&mut self, e: &EcoSource, path: &Path) {
        if let Some(err) = unreachable_folder(e, path, self.dir) {
            return self.unavailable(e, &err);
        }
        let Some(rev) = e.rev.as_deref() else {
            if !path.join("codesocial.yaml").is_file() {
                // Known before walking the folder: `source: ../..` must not list a disk.
                return self.not_a_codesocial(e);
            }
            let source = DirSource::new(path);
            return match source.list() {
                Ok(entries) => self.finish(e, &source, &entries, None),
                Err(err) => self.unavailable(e, &listing_failure(&e.source.value, path, err)),
            };
        };
        let opened = crate::history::discover_repository(path)
            .map_err(EcoError::History)
            .and_then(|repo| {
                let sub = subdir_of(&repo, path);
                let store = crate::history::Store::from_repository(repo);
                GitTreeSource::open(store, Some(rev), sub.as_deref(), &e.source.value)
            });
        self.load_tree(e, opened);
    }

    fn load_git(&mut self, e: &EcoSource, url: &str) {
        let copy = match self.cache {
            Ok(cache) => cache.existing(url),
            Err(err) => Err(err.clone()),
        };
        let fetched = self.fetched.get(url);
        let copy = match (copy, fetched) {
            (Err(err), _) => return self.unavailable(e, &err),
            (Ok(None), Some(Err(err))) => return self.unavailable(e, err),
            (Ok(None), _) => return self.unavailable(e, &EcoError::NotFetched),
            (Ok(Some(copy)), fetched) => {
                self.notice_for(&e.id.value, &copy, fetched);
                copy
            }
        };
        let opened = crate::history::Store::open_bare(&copy.path)
            .map_err(EcoError::History)
            .and_then(|store| GitTreeSource::open(store, e.rev.as_deref(), None, &e.source.value));
        self.load_tree(e, opened);
    }

    /// The line saying how old a copy read without a fresh fetch is.
    fn notice_for(&mut self, id: &str, copy: &Copy, fetched: Option<&Result<Copy, EcoError>>) {
        let when = copy.fetched_at.unwrap_or(0);
        let date = crate::date::ymd(when);
        let days = (crate::date::now() - when).max(0) / 86_400;
        let text = match fetched {
            Some(Ok(_)) => return,
            Some(Err(reason)) => EcoNotice::RefreshFailed {
                id,
                reason: &reason.to_string(),
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

    fn load_tree(&mut self, e: &EcoSource, opened: Result<(GitTreeSource, String), EcoError>) {
        match opened {
            Ok((source, commit)) => {
                let entries = source.entries();
                self.finish(e, &source, &entries, Some(commit));
            }
            Err(err) => self.unavailable(e, &err),
        }
    }

    /// The members together would read more than [`Budget`] allows: this one is not read.
    fn over_budget(&mut self, e: &EcoSource, documents: Option<usize>, bytes: Option<u64>) {
        let p = EcoProblem::TooLarge {
            id: &e.id.value,
            documents,
            bytes,
        };
        self.refuse(e, p);
    }

    fn not_a_codesocial(&mut self, e: &EcoSource) {
        let p = EcoProblem::NotACodeSocial {
            id: &e.id.value,
            source: &e.source.value,
        };
        self.refuse(e, p);
    }

    /// Loads and checks a member's files; its errors come back as warnings named after it.
    fn finish(
        &mut self,
        e: &EcoSource,
        source: &dyn FileSource,
        entries: &[Entry],
        commit: Option<String>,
    ) {
        if !entries.iter().any(|x| x.path == "codesocial.yaml") {
            return self.not_a_codesocial(e);
        }
        let documents = entries
            .iter()
            .filter(|x| crate::history::is_document_path(&x.path))
            .count();
        if documents > self.budget.documents {
            return self.over_budget(e, Some(MAX_ECOSYSTEM_DOCUMENTS), None);
        }
        let bytes = self.budget.bytes;
        let shared = bytes < crate::load::source::max_total_size();
        let loaded = crate::load::load_entries_within(source, entries, bytes);
        if loaded.over_budget && shared {
            // The member alone would fit; with the others, it does not.
            return self.over_budget(e, None, Some(crate::load::source::max_total_size()));
        }
        self.budget.documents -= documents;
        let read: u64 = loaded.files.iter().map(|f| f.text.len() as u64).sum();
        self.budget.bytes = bytes.saturating_sub(read);
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

/// A folder that could not be listed, named from the source as the user wrote it
/// (`../partner/secret`), never by the host's absolute path.
fn listing_failure(written: &str, folder: &Path, err: crate::error::Error) -> EcoError {
    let path = match &err {
        crate::error::Error::NotADirectory(_) => return EcoError::NoFolder,
        crate::error::Error::Walk { path, .. } => match path.strip_prefix(folder) {
            Ok(rel) if !rel.as_os_str().is_empty() => {
                format!("{}/{}", written.trim_end_matches('/'), rel.display())
            }
            _ => written.to_string(),
        },
        _ => written.to_string(),
    };
    EcoError::FolderUnreadable {
        path: crate::escape::terminal::shown(&path).into_owned(),
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

/// The folder's path inside its repository's work tree (`None` at the root).
fn subdir_of(repo: &git2::Repository, path: &Path) -> Option<String> {
    crate::history::subfolder(repo, path).filter(|p| !p.is_empty())
}
