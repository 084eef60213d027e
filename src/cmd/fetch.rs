//! `codesocial fetch`: refreshes the cached copies of the ecosystem's git sources, so that
//! later commands (offline, too) read their latest state. With `--fetch` on `check`,
//! `build`, `catalogue`, `export` and `serve`, the only way the tool touches the network.

use std::path::Path;
use std::process::ExitCode;

use crate::cli::DirArg;
use crate::error::{Error, Result};
use crate::i18n::ecosystem::EcoNotice;
use crate::load::source::DirSource;
use crate::run::{exit, Context};

pub fn run(args: &DirArg, ctx: &Context) -> Result<ExitCode> {
    let dir = ctx.dir(args);
    if !dir.is_dir() {
        return Err(Error::NotADirectory(dir));
    }
    if !dir.join("codesocial.yaml").is_file() {
        return Err(Error::NotACodeSocial { dir });
    }
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
    let loaded = crate::load::load(&DirSource::new(dir))?;
    let report = crate::ecosystem::fetch(dir, &loaded);
    report.print_notices(ctx.quiet);
    let results = report.results;
    if results.is_empty() {
        if !ctx.quiet {
            crate::run::println(&EcoNotice::NoEcosystem.text());
        }
        return Ok(0);
    }
    let failed = results.iter().filter(|r| r.is_failure()).count();
    for r in &results {
        if !ctx.quiet || r.is_failure() {
            crate::run::println(&crate::escape::terminal::one_line(&r.text()));
        }
    }
    if !ctx.quiet {
        let done = results.len() - failed;
        crate::run::println(&EcoNotice::FetchSummary { done, failed }.text());
    }
    Ok(failed)
}
