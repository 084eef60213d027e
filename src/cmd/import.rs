//! `codesocial import`: turn an existing #CodeSocial document into a repository, with
//! `init`'s guarantees — nothing overwritten (exit 2 naming the files), files written
//! atomically, one commit in a new repository — and a report of what went where.

use std::path::Path;
use std::process::ExitCode;

use super::{exit, out, Context};
use crate::cli::ImportArgs;
use crate::cmd::init::{
    folder_name, git_line, shown_dir, warn_author_fallback, write_interruptible,
};
use crate::error::{Error, ImportError, Result};
use crate::i18n::import::{ImportMsg, Words};
use crate::import::{self, source, Imported, Options, Refusal};
use crate::init::{self, git};

pub fn run(args: &ImportArgs, ctx: &Context) -> Result<ExitCode> {
    let target = crate::cli::DirArg {
        dir: args.target.clone(),
    };
    let dir = ctx.dir(&target);
    if dir.exists() && !dir.is_dir() {
        return Err(Error::NotADirectory(dir));
    }
    // As the user wrote it in messages: `code.md`, not `./code.md`.
    let path = if ctx.base == Path::new(".") {
        args.source.clone()
    } else {
        ctx.base.join(&args.source)
    };
    let doc = source::read(&path)?;
    // Written into YAML comments, Markdown and the commit message: one line, always.
    let source_name: String = path
        .file_name()
        .map_or_else(
            || path.display().to_string(),
            |n| n.to_string_lossy().into_owned(),
        )
        .chars()
        .map(|c| {
            if c.is_control() || c == '`' {
                '\u{fffd}'
            } else {
                c
            }
        })
        .collect();
    let mut opts = Options {
        nom: args.nom.clone(),
        langue: args.langue.map(Into::into),
        folder_name: folder_name(&dir),
        report_lang: crate::i18n::lang(),
        source_name,
        source_inside: inside(&path, &dir),
        date: crate::date::ymd(crate::date::now()),
    };
    // No folder given and the document lies in the current one: `check` would read it
    // there as a page of the site (and fail on its links). The repository goes into a
    // new folder named after the organisation, beside the document, which stays as it is.
    let mut imported = import::import(&doc, &opts).map_err(|r| refusal(&path, r))?;
    let (dir, shown) = match (&args.target, opts.source_inside.take()) {
        (None, Some(source)) => {
            let sub = dir.join(&imported.id);
            if sub.exists() && !sub.is_dir() {
                return Err(Error::NotADirectory(sub));
            }
            let shown = if ctx.base == Path::new(".") {
                imported.id.clone()
            } else {
                sub.display().to_string()
            };
            imported.report.source_inside = None;
            imported.report.beside = Some((source, imported.id.clone()));
            let report = imported.report.render(imported.report_lang);
            if let Some(file) = imported.files.iter_mut().find(|f| f.path == "IMPORT.md") {
                file.contents = report;
            }
            (sub, shown)
        }
        (_, source) => {
            let shown = shown_dir(&target, ctx, &dir);
            // Given as the folder, the one that holds the document: where `check` would
            // read it (a Markdown file), nothing is written; elsewhere it is only said.
            if let Some(inside) = source.as_deref().filter(|s| read_by_check(s)) {
                return Err(ImportError::SourceInTarget {
                    path: path.clone(),
                    dir: shown,
                    inside: inside.to_string(),
                    id: imported.id.clone(),
                }
                .into());
            }
            opts.source_inside = source;
            (dir, shown)
        }
    };
    let imported = imported;
    let outcome = install(&dir, &imported, args.no_git, &shown, || {
        commit(&dir, &imported, &opts.source_name, doc.format)
    })?;
    warn_author_fallback(outcome.as_ref());
    if !ctx.quiet {
        print_summary(&imported, &shown, outcome.as_ref());
    }
    Ok(exit::success())
}

/// Whether `check` reads the file at `rel` (a path inside the repository) as a page of
/// the site: any Markdown file, a document of the format or not.
fn read_by_check(rel: &str) -> bool {
    !matches!(crate::load::classify(rel), crate::load::Place::Ignored)
}

/// The source's path from `dir` when it lies inside it (importing into its own folder).
fn inside(source: &Path, dir: &Path) -> Option<String> {
    let source = source.canonicalize().ok()?;
    let dir = dir.canonicalize().ok()?;
    let rel = source.strip_prefix(&dir).ok()?;
    Some(rel.to_string_lossy().replace('\\', "/"))
}

/// Writes the files as `init` does, with `init`'s functions: nothing when one exists,
/// then git — `commit` in a new repository, no commit inside an existing one.
fn install(
    dir: &Path,
    imported: &Imported,
    no_git: bool,
    shown: &str,
    commit: impl FnOnce() -> Result<git::Outcome>,
) -> Result<Option<git::Outcome>> {
    let (assets, mut existing) = assets_to_write(dir, imported);
    existing.extend(init::conflicts(dir, &imported.files));
    existing.sort();
    if !existing.is_empty() {
        return Err(ImportError::WouldOverwrite {
            dir: shown.to_string(),
            files: existing,
        }
        .into());
    }
    // Looked up before writing: the answer must not depend on what we write.
    let enclosing = (!no_git)
        .then(|| super::init::enclosing_repository(dir))
        .flatten();
    let entries: Vec<(&str, &[u8])> = imported
        .files
        .iter()
        .map(|f| (f.path.as_str(), f.contents.as_bytes()))
        .chain(assets.iter().map(|a| (a.path.as_str(), a.bytes.as_slice())))
        .collect();
    write_interruptible(|| init::write_entries(dir, &entries))?;
    Ok(match (no_git, enclosing) {
        (true, _) => None,
        (false, Some(inside)) => Some(git::Outcome::InsideRepository { root: inside.root }),
        (false, None) => Some(commit()?),
    })
}

/// The copied files to write, and those that would overwrite another file. A file already
/// there with the same bytes (importing a document into its own folder twice) is kept.
fn assets_to_write<'a>(
    dir: &Path,
    imported: &'a Imported,
) -> (Vec<&'a import::assets::Asset>, Vec<String>) {
    let mut write = Vec::new();
    let mut conflicts = Vec::new();
    for asset in &imported.assets {
        if !init::exists(dir, &asset.path) {
            write.push(asset);
        } else if std::fs::read(dir.join(&asset.path)).ok().as_ref() != Some(&asset.bytes) {
            conflicts.push(asset.path.clone());
        }
    }
    (write, conflicts)
}

fn refusal(path: &Path, r: Refusal) -> Error {
    let e = match r {
        Refusal::NoText => ImportError::NoText { path: path.into() },
        Refusal::NoName => ImportError::NoName,
        Refusal::BadName(nom) => ImportError::BadName { nom },
        Refusal::TooLarge { file, size, limit } => ImportError::ChapterTooLarge {
            path: path.into(),
            file,
            size,
            limit,
        },
    };
    e.into()
}

fn commit(
    dir: &Path,
    imported: &Imported,
    source: &str,
    format: source::Format,
) -> Result<git::Outcome> {
    let paths: Vec<String> = imported
        .files
        .iter()
        .map(|f| f.path.clone())
        .chain(imported.assets.iter().map(|a| a.path.clone()))
        .collect();
    let (name, email) = git::organisation_identity(&imported.nom, &imported.id);
    let message = Words::CommitMessage {
        nom: &imported.nom,
        source,
        format,
    }
    .text_in(imported.report_lang);
    git::commit_initial(dir, &paths, &message, (&name, &email))
}

/// The report, in the language of `IMPORT.md` (`--langue`, else the user's), then what
/// was written and what happened with git.
fn print_summary(imported: &Imported, dir: &str, outcome: Option<&git::Outcome>) {
    let report = imported.report.render(imported.report_lang);
    let written = ImportMsg::Imported {
        nom: &imported.nom,
        dir,
        files: imported.files.len() + imported.assets.len(),
    }
    .text();
    let cd = if dir.contains(char::is_whitespace) {
        format!("\"{dir}\"")
    } else {
        dir.to_string()
    };
    let next = ImportMsg::NextSteps { dir: &cd }.text();
    out::print(&crate::report::visible(&format!(
        "{report}\n{written}\n{}\n\n{next}\n",
        git_line(outcome)
    )));
}
