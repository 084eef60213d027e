//! `codesocial bilan`: load and check the repository, read the history, compute the bilan
//! and print it. The bilan is a report, not a gate: content problems only add a notice
//! (exit 0); usage, I/O and git errors exit 2.

use std::process::ExitCode;

use crate::bilan::{self, Duration};
use crate::cli::{BilanArgs, DiffFormat};
use crate::error::{Error, Result};
use crate::escape::terminal::shown;
use crate::i18n::bilan::BilanText;
use crate::run::{exit, Context};

pub fn run(args: &BilanArgs, ctx: &Context) -> Result<ExitCode> {
    let stale_after = Duration::parse(&args.stale_after).ok_or_else(|| Error::BadDuration {
        text: args.stale_after.clone(),
    })?;
    let dir = ctx.dir(&args.dir);
    let checked = crate::validate::check_dir(&dir, None, false, ctx)?;
    let history = crate::history::facts_of(&dir)?;
    let result = bilan::compute(
        &checked.repo,
        history.as_ref(),
        crate::date::now(),
        stale_after,
    );
    if checked.errors() > 0 && !ctx.quiet {
        crate::run::eprintln(&BilanText::CheckProblems.text());
    }
    let lang = crate::i18n::lang();
    // Text and Markdown go through the terminal layer, JSON through its own.
    let output = match args.format {
        DiffFormat::Text => shown(&bilan::text(&result, lang)).into_owned(),
        DiffFormat::Markdown => shown(&bilan::markdown(&result, lang)).into_owned(),
        DiffFormat::Json => crate::escape::json::pretty(&result) + "\n",
    };
    write_stdout(&output)?;
    Ok(exit::success())
}

/// Prints the report; a reader that stops early (`| head`) is not an error.
fn write_stdout(text: &str) -> Result<()> {
    use std::io::Write;
    let mut out = std::io::stdout().lock();
    match out.write_all(text.as_bytes()).and_then(|()| out.flush()) {
        Err(e) if e.kind() != std::io::ErrorKind::BrokenPipe => Err(Error::io("<stdout>", e)),
        _ => Ok(()),
    }
}
