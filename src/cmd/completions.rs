//! `codesocial completions SHELL` and `codesocial man`: generated from the clap definition,
//! so they can never drift from the real flags.

use std::process::ExitCode;

use clap::CommandFactory;

use super::{exit, Context};
use crate::cli::{Cli, CompletionsArgs};
use crate::error::{Error, Result};

pub fn run(args: &CompletionsArgs, _ctx: &Context) -> Result<ExitCode> {
    let mut cmd = Cli::command();
    clap_complete::generate(args.shell, &mut cmd, "codesocial", &mut std::io::stdout());
    Ok(exit::success())
}

pub fn man(_ctx: &Context) -> Result<ExitCode> {
    let cmd = Cli::command();
    let mut out = Vec::new();
    clap_mangen::Man::new(cmd)
        .render(&mut out)
        .map_err(|e| Error::io("<stdout>", e))?;
    use std::io::Write;
    std::io::stdout()
        .write_all(&out)
        .map_err(|e| Error::io("<stdout>", e))?;
    Ok(exit::success())
}
