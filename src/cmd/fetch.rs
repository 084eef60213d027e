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
    // A source that cannot be fetched is a git error: exit 2, after trying every source.
    Ok(if refresh(&dir, ctx)? > 0 {
        exit::error()
    } else {
        exit::success()
    })
}

/// Fetches every git source of the #CodeSocial in `dir` and prints a line per source
/// (failures even with `--quiet`). Returns how many failed.
pub(crate) fn refresh(dir: &Path, ctx: &Context) -> Result<usize> {
    let loaded = crate::load::load(&super::check::source(dir)?)?;
    let report = crate::ecosystem::fetch(dir, &loaded);
    out::eprintln_once(&report.notices, ctx.quiet);
    let results = report.results;
    if results.is_empty() {
        if !ctx.quiet {
            out::println(&EcoNotice::NoEcosystem.text());
        }
        return Ok(0);
    }
    let failed = results.iter().filter(|r| r.is_failure()).count();
    for r in &results {
        if !ctx.quiet || r.is_failure() {
            out::println(&crate::escape::terminal::one_line(&r.text()));
        }
    }
    if !ctx.quiet {
        let done = results.len() - failed;
        out::println(&EcoNotice::FetchSummary { done, failed }.text());
    }
    Ok(failed)
}
