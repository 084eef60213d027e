//! `codesocial fetch`: refreshes the cached copies of the ecosystem's git sources, so that
//! later commands (offline, too) read their latest state.

use std::process::ExitCode;

use crate::cli::DirArg;
use crate::error::{Error, Result};
use crate::i18n::ecosystem::EcoNotice;
use crate::i18n::Ui;
use crate::load::source::DirSource;
use crate::run::{exit, Context};

pub fn run(args: &DirArg, ctx: &Context) -> Result<ExitCode> {
    let dir = ctx.dir(args);
    if !dir.is_dir() {
        return Err(Error::NotADirectory(dir));
    }
    if !dir.join("codesocial.yaml").is_file() {
        return Err(Error::usage(
            Ui::NotACodeSocial {
                dir: &dir.display().to_string(),
            }
            .text(),
            Some(Ui::NotACodeSocialHelp.text()),
        ));
    }
    let loaded = crate::load::load(&DirSource::new(&dir))?;
    let results = crate::ecosystem::fetch(&dir, &loaded);
    if results.is_empty() {
        if !ctx.quiet {
            crate::run::println(&EcoNotice::NoEcosystem.text());
        }
        return Ok(exit::success());
    }
    let failed = results.iter().filter(|r| r.is_failure()).count();
    for r in &results {
        if !ctx.quiet || r.is_failure() {
            crate::run::println(&r.text());
        }
    }
    if !ctx.quiet {
        let done = results.len() - failed;
        crate::run::println(&EcoNotice::FetchSummary { done, failed }.text());
    }
    // A source that cannot be fetched is a git error: exit 2, after trying every source.
    Ok(if failed > 0 {
        exit::error()
    } else {
        exit::success()
    })
}
