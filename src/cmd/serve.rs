//! `codesocial serve`: the live preview. The engine lives in [`crate::serve`]; this file
//! only settles the options, supplies the rebuild callback and stops on Ctrl-C.

use std::net::SocketAddr;
use std::path::Path;
use std::process::ExitCode;

use crate::cli::ServeArgs;
use crate::diag::Diagnostic;
use crate::error::{Error, Result};
use crate::run::{exit, Context};
use crate::serve::{progress, Options, Server};

pub fn run(args: &ServeArgs, ctx: &Context) -> Result<ExitCode> {
    let dir = ctx.dir(&args.dir);
    if args.fetch {
        // Once, before the first build: rebuilds never touch the network.
        super::fetch::refresh(&dir, ctx)?;
    }
    let options = Options {
        dir: dir.clone(),
        addr: SocketAddr::new(args.bind, args.port),
        quiet: ctx.quiet,
        verbose: ctx.verbose > 0,
        progress: progress::wanted(ctx.quiet),
        open: args.open,
    };
    let build_ctx = ctx.clone();
    let server = Server::bind(options, move |out: &Path| preview(&dir, out, &build_ctx))?;
    let stopper = server.stopper();
    ctrlc::set_handler(move || stopper.stop()).map_err(|e| Error::SignalHandler {
        reason: e.to_string(),
    })?;
    server.run()?;
    Ok(exit::success())
}

/// Checks `dir` and, when it has no errors, writes the site into `out`.
fn preview(dir: &Path, out: &Path, ctx: &Context) -> Result<Vec<Diagnostic>> {
    let checked = crate::validate::check_dir(dir, None, false, ctx)?;
    if checked.errors() == 0 {
        let opts = crate::site::Options {
            out: out.to_path_buf(),
            base_url: None,
            history: crate::site::history_from_git(dir, checked.repo.langue()),
            // The server injects its own reload hook into every HTML response.
            dev_reload_script: None,
        };
        crate::site::build(&checked, dir, &opts)?;
    }
    Ok(checked.diagnostics)
}
