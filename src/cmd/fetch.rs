//! `codesocial fetch`: refreshes the cached copies of the ecosystem's git sources, so that
//! later commands (offline, too) read their latest state. With `--fetch` on `check`,
//! `build`, `catalogue`, `export` and `serve`, the only way the tool touches the network.

use std::path::Path;
use std::process::ExitCode;

use super::{exit, out, Context};
use crate::cli::DirArg;
use crate::error::Result;
use crate::i18n::ecosystem::EcoNotice;

pub fn run(args: &DirArg, ctx: &Context) -> Result<ExitCode> {
    let dir = ctx.dir(args);
    // A manifest that cannot be read is a problem of the content, as for `check`: exit 1.
    // A source that cannot be fetched is a git error: exit 2, after trying every source.
    Ok(match refresh(&dir, ctx)? {
        Refreshed::ManifestErrors => exit::problems(),
        Refreshed::Fetched { failed } if failed > 0 => exit::error(),
        Refreshed::Fetched { .. } => exit::success(),
    })
}

/// What [`refresh`] did.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum Refreshed {
    /// The manifest has errors (printed): its `ecosysteme` could not be trusted, nothing
    /// was fetched.
    ManifestErrors,
    /// Every source was tried; `failed` of them could not be fetched.
    Fetched { failed: usize },
}

/// Fetches every git source of the #CodeSocial in `dir` and prints a line per source
/// (failures even with `--quiet`). A manifest with errors is fetched from not at all: its
/// errors are printed as `check` prints them (file, line, help), never "nothing to fetch".
pub(crate) fn refresh(dir: &Path, ctx: &Context) -> Result<Refreshed> {
    // git runs in process groups of its own: a signal to codesocial must end them too.
    // (`build` and `serve` installed theirs already, which do the same.)
    let _ = super::interrupt::on_signal(|| super::interrupt::clean_exit());
    let loaded = crate::load::load(&super::check::source(dir)?)?;
    let errors = crate::validate::manifest_errors(&loaded);
    if !errors.is_empty() {
        out::print(&crate::report::human(&errors, &loaded.files, ctx.color));
        out::println(
            &EcoNotice::FetchRefused {
                errors: errors.len(),
            }
            .text(),
        );
        return Ok(Refreshed::ManifestErrors);
    }
    let report = crate::ecosystem::fetch(dir, &loaded);
    out::eprintln_once(&report.notices, ctx.quiet);
    let results = &report.results;
    if results.is_empty() {
        if !ctx.quiet {
            out::println(&EcoNotice::NoEcosystem.text());
        }
        return Ok(Refreshed::Fetched { failed: 0 });
    }
    let failed = results.iter().filter(|r| r.is_failure()).count();
    for r in results {
        if !ctx.quiet || r.is_failure() {
            out::println(&crate::escape::terminal::one_line(&r.text()));
        }
    }
    if !report.diagnostics.is_empty() {
        // Where in `codesocial.yaml`, and what to do, as `check` says it.
        out::print(&crate::report::human(
            &report.diagnostics,
            &loaded.files,
            ctx.color,
        ));
    }
    if !ctx.quiet {
        let done = results.len() - failed;
        out::println(&EcoNotice::FetchSummary { done, failed }.text());
    }
    Ok(Refreshed::Fetched { failed })
}
