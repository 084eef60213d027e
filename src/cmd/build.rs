//! `codesocial build`: check, then write the static site so that it appears whole or not
//! at all. Errors in the content exit 1 and leave any previous output untouched; so does
//! Ctrl-C or SIGTERM, which also removes the temporary folder (exit 128 + the signal's
//! number: 130 for Ctrl-C, 143 for SIGTERM).

use std::process::ExitCode;

use super::interrupt;
use super::progress::{self, Progress};
use super::{exit, out, Context};
use crate::cli::BuildArgs;
use crate::error::{Error, Result};
use crate::i18n::serve::Serve;
use crate::i18n::site::BuildMsg;
use crate::report;
use crate::site;

pub fn run(args: &BuildArgs, ctx: &Context) -> Result<ExitCode> {
    // Without a handler the build is still safe (as under `kill -9`), only untidy.
    let _ = interrupt::on_signal(|| interrupt::clean_exit());
    match build(args, ctx) {
        Err(Error::Interrupted) => interrupt::clean_exit(),
        done => done,
    }
}

fn build(args: &BuildArgs, ctx: &Context) -> Result<ExitCode> {
    let dir = ctx.dir(&args.dir);
    let out_dir = match &args.out {
        Some(o) => ctx.path(o),
        None => super::context::tidy(&dir.join("_site")),
    };
    // A spinner after a moment, on a terminal only (never with --quiet or in CI).
    let mut spinner = Some(Progress::start(
        Serve::Building.text(),
        progress::wanted(ctx.quiet),
    ));
    // Git history is read meanwhile: it needs nothing from the check. Should the check
    // fail, the thread is left to end with the process.
    let history = {
        let dir = dir.clone();
        std::thread::Builder::new()
            .name("history".into())
            .spawn(move || {
                let _t = crate::timing::phase("history (in parallel)");
                site::read_git_history(&dir)
            })
            .ok()
    };
    let project = super::check::check_dir(&dir, Some(&out_dir), args.fetch, ctx)?;
    let checked = &project.checked;
    let errors = checked.errors();
    if errors > 0 {
        drop(spinner.take());
    }
    if errors > 0 || (!checked.diagnostics.is_empty() && !ctx.quiet) {
        out::print(&report::human(
            &checked.diagnostics,
            &checked.repo.files,
            ctx.color,
        ));
    }
    if errors > 0 {
        out::println(&BuildMsg::Refused { errors }.text());
        return Ok(exit::problems());
    }
    site::check_out(&out_dir, &dir)?;
    let tmp = site::temp_beside(&out_dir)?;
    let opts = site::Options {
        out: tmp.path().to_path_buf(),
        base_url: args.base_url.clone(),
        history: {
            let _t = crate::timing::phase("history (wait)");
            let read = match history.map(std::thread::JoinHandle::join) {
                Some(Ok(read)) => read,
                // No thread could be started (or it panicked): read it here.
                _ => site::read_git_history(&dir),
            };
            if let (Some(problem), false) = (read.problem(), ctx.quiet) {
                out::eprintln(&BuildMsg::NoHistory { problem }.text());
            }
            read.worded(checked.repo.langue())
        },
        dev_reload_script: None,
        bilan: None,
    };
    let opts = site::Options {
        bilan: Some(crate::bilan::for_site(
            &checked.repo,
            opts.history.bilan_facts.as_ref(),
        )),
        ..opts
    };
    let report = site::build(checked, &project.ecosystem, &dir, &opts)?;
    drop(spinner.take());
    let finished = tmp.keep();
    let t = crate::timing::phase("publish");
    let published = site::publish(&finished, &out_dir);
    drop(t);
    if let Err(e) = published {
        // The folder is ours: a failed swap must not leave it behind.
        let _ = std::fs::remove_dir_all(&finished);
        return Err(e);
    }
    if !ctx.quiet {
        out::println(
            &BuildMsg::Written {
                pages: report.pages,
                out: &out_dir.display().to_string(),
            }
            .text(),
        );
    }
    Ok(exit::success())
}
