//! `codesocial bilan`: load and check the repository, read the history, compute the bilan
//! and print it. The bilan is a report, not a gate: content problems only add a notice
//! (exit 0); usage, I/O and git errors exit 2.

use std::process::ExitCode;

use super::{exit, out, Context};
use crate::bilan::{self, Duration};
use crate::cli::{BilanArgs, DiffFormat};
use crate::error::{Error, Result};
use crate::i18n::bilan::BilanText;

pub fn run(args: &BilanArgs, ctx: &Context) -> Result<ExitCode> {
    let stale_after = Duration::parse(&args.stale_after).ok_or_else(|| Error::BadDuration {
        text: args.stale_after.clone(),
    })?;
    let dir = ctx.dir(&args.dir);
    let checked = super::check::check_dir(&dir, None, false, ctx)?.checked;
    let history = crate::history::facts_of(&dir)?;
    let result = bilan::compute(
        &checked.repo,
        history.as_ref(),
        crate::date::now(),
        stale_after,
    );
    if checked.errors() > 0 && !ctx.quiet {
        out::eprintln(&BilanText::CheckProblems.text());
    }
    let lang = crate::i18n::lang();
    match args.format {
        DiffFormat::Text => out::print(&bilan::text(&result, lang)),
        DiffFormat::Markdown => out::print(&bilan::markdown(&result, lang)),
        DiffFormat::Json => out::print_json(&result),
    }
    Ok(exit::success())
}
