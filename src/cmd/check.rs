//! `codesocial check`: load, validate, report every problem, exit 0, 1 or 2; and the
//! checked #CodeSocial that `build`, `serve`, `bilan`, `catalogue` and `export` start from
//! ([`check_dir`]: the folder loaded, its ecosystem loaded, everything checked).

use std::path::Path;
use std::process::ExitCode;

use super::{exit, out, Context};
use crate::cli::{CheckArgs, CheckFormat};
use crate::diag::{self, Severity};
use crate::ecosystem::LoadedMember;
use crate::error::{Error, Result};
use crate::i18n::Ui;
use crate::load::source::DirSource;
use crate::report;
use crate::validate::Checked;

pub fn run(args: &CheckArgs, ctx: &Context) -> Result<ExitCode> {
    let dir = ctx.dir(&args.dir);
    let Project { mut checked, .. } = check_dir(&dir, None, args.fetch, ctx)?;
    if args.strict {
        for d in &mut checked.diagnostics {
            d.severity = Severity::Error;
        }
    }
    let diagnostics = &checked.diagnostics;
    let prefix = repo_prefix(&dir);
    match args.format {
        CheckFormat::Human => human(&checked, ctx),
        CheckFormat::Json => out::print_json(&report::json(diagnostics)),
        CheckFormat::Github => out::print(&report::github(diagnostics, &prefix)),
        CheckFormat::Sarif => out::print_json(&report::sarif(diagnostics, &prefix)),
    }
    Ok(if checked.errors() > 0 {
        exit::problems()
    } else {
        exit::success()
    })
}

/// The problems as miette graphics, then one line that sums them up.
fn human(checked: &Checked, ctx: &Context) {
    let diagnostics = &checked.diagnostics;
    out::print(&report::human(diagnostics, &checked.repo.files, ctx.color));
    let documents = checked.documents();
    if !diagnostics.is_empty() {
        let problems = Ui::CheckProblems {
            errors: checked.errors(),
            warnings: checked.warnings(),
            documents,
        };
        out::println(&problems.text());
    } else if !ctx.quiet {
        let by_kind = checked.by_kind();
        out::println(
            &Ui::CheckClean {
                documents,
                by_kind: &by_kind,
            }
            .text(),
        );
    }
}

/// A #CodeSocial as the commands that read one start from it.
#[derive(Debug)]
pub(crate) struct Project {
    /// The model and every problem: its own, and its ecosystem's.
    pub checked: Checked,
    /// The ecosystem members that could be loaded, in the order of `ecosysteme`.
    pub ecosystem: Vec<LoadedMember>,
}

/// Loads and checks the #CodeSocial in `dir` with its ecosystem (`fetch` refreshes the
/// cached copies first), and prints what the ecosystem noticed on standard error once per
/// process, unless `--quiet`. `exclude` is a folder inside `dir` not to load (the build
/// output). Exit-code-2 errors: not a folder, not a #CodeSocial, unreadable tree;
/// ecosystem problems are diagnostics.
pub(crate) fn check_dir(
    dir: &Path,
    exclude: Option<&Path>,
    fetch: bool,
    ctx: &Context,
) -> Result<Project> {
    check_dir_kept(dir, exclude, fetch, ctx, None)
}

/// [`check_dir`], parsing and checking again only what `kept` does not hold (the live
/// preview's rebuilds; see [`crate::validate::Kept`]).
pub(crate) fn check_dir_kept(
    dir: &Path,
    exclude: Option<&Path>,
    fetch: bool,
    ctx: &Context,
    kept: Option<&crate::validate::Kept>,
) -> Result<Project> {
    let mut source = source(dir)?;
    if let Some(out) = exclude {
        source = source.excluding(out);
    }
    let t = crate::timing::phase("load");
    let loaded = crate::load::load_kept(&source, kept.map(|k| &k.load))?;
    drop(t);
    if fetch {
        // git runs in process groups of its own: a signal to codesocial must end them too.
        let _ = super::interrupt::on_signal(|| super::interrupt::clean_exit());
    }
    let eco = crate::ecosystem::load(dir, &loaded, fetch);
    out::eprintln_once(&eco.notices, ctx.quiet);
    let t = crate::timing::phase("validate");
    let mut checked = crate::validate::check_kept(loaded, Some(&eco.index()), kept);
    drop(t);
    checked.diagnostics.extend(eco.diagnostics);
    for o in crate::site::static_overrides(dir, &checked.repo, !eco.members.is_empty()) {
        let message = crate::i18n::Message::StaticOverride {
            file: o.file.clone(),
            generated: o.generated,
            source: o.source,
            exact: o.exact,
        };
        checked
            .diagnostics
            .push(diag::Diagnostic::new(message, Some(&o.file)));
    }
    site_layout(dir, &mut checked.diagnostics);
    if crate::history::looks_like_a_git_directory(dir) {
        let message = crate::i18n::Message::GitDirectory;
        let warning = diag::Diagnostic::new(message, Some("HEAD"));
        checked.diagnostics.push(warning);
    }
    diag::sort(&mut checked.diagnostics);
    Ok(Project {
        checked,
        ecosystem: eco.members,
    })
}

/// Warnings about the site's folders: a top-level name that is `static` or `templates`
/// only where names ignore case (`Static/`, `ſtatic/`), and a git repository (a
/// submodule) inside them.
fn site_layout(dir: &Path, diagnostics: &mut Vec<diag::Diagnostic>) {
    let mut names: Vec<String> = std::fs::read_dir(dir)
        .into_iter()
        .flatten()
        .flatten()
        .filter_map(|e| e.file_name().into_string().ok())
        .collect();
    names.sort();
    for name in names {
        let Some(site) = crate::load::site_folder(&name) else {
            continue;
        };
        if name != site {
            let message = crate::i18n::Message::SiteFolderSpelling {
                site: site.to_string(),
            };
            diagnostics.push(diag::Diagnostic::new(message, Some(&name)));
        }
    }
    for folder in crate::site::nested_repositories(dir) {
        let message = crate::i18n::Message::NestedRepository;
        diagnostics.push(diag::Diagnostic::new(message, Some(&folder)));
    }
}

/// The #CodeSocial folder `dir` as a source to load; exit-code-2 errors when it is not a
/// folder or has no `codesocial.yaml` file.
pub(crate) fn source(dir: &Path) -> Result<DirSource> {
    if !dir.is_dir() {
        return Err(Error::NotADirectory(dir.to_path_buf()));
    }
    let manifest = dir.join("codesocial.yaml");
    let odd = std::fs::symlink_metadata(&manifest)
        .is_ok_and(|m| !m.file_type().is_file() && !m.file_type().is_symlink());
    if odd {
        // Never opened: a FIFO would block forever.
        return Err(Error::ManifestNotAFile { path: manifest });
    }
    if !manifest.is_file() {
        return Err(Error::NotACodeSocial {
            dir: dir.to_path_buf(),
        });
    }
    Ok(DirSource::new(dir))
}

/// The folder's path from the root of its git repository (for annotations), or the path
/// as given when it is not in a repository.
fn repo_prefix(dir: &Path) -> String {
    let given = || {
        if dir.is_relative() {
            let path = dir.to_string_lossy().replace('\\', "/");
            let parts: Vec<&str> = path
                .split('/')
                .filter(|p| !p.is_empty() && *p != ".")
                .collect();
            parts.join("/")
        } else {
            String::new()
        }
    };
    crate::history::folder_in_repository(dir).unwrap_or_else(given)
}
