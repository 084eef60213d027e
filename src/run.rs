//! The one place commands are dispatched and exit codes decided: [`run`] gives a
//! command's code, [`fail`] shows an error that stopped one and gives 2.

use std::io::IsTerminal;
use std::process::ExitCode;

use crate::cli::{Cli, Command};
use crate::cmd::{self, exit, out, Context};
use crate::error::{Error, Result};

pub fn run(cli: Cli) -> Result<ExitCode> {
    let ctx = Context::from_args(&cli.global);
    crate::settings::check()?;
    match &cli.command {
        Command::Init(args) => cmd::init::run(args, &ctx),
        Command::Import(args) => cmd::import::run(args, &ctx),
        Command::Check(args) => cmd::check::run(args, &ctx),
        Command::Diff(args) => cmd::diff::run(args, &ctx),
        Command::Log(args) => cmd::log::run(args, &ctx),
        Command::Build(args) => cmd::build::run(args, &ctx),
        Command::Serve(args) => cmd::serve::run(args, &ctx),
        Command::Bilan(args) => cmd::bilan::run(args, &ctx),
        Command::Catalogue(args) => cmd::catalogue::run(args, &ctx),
        Command::Fetch(args) => cmd::fetch::run(args, &ctx),
        Command::Export(args) => cmd::export::run(args, &ctx),
        Command::Schema(args) => cmd::schema::run(args, &ctx),
        Command::Completions(args) => cmd::completions::run(args, &ctx),
        Command::Man => cmd::completions::man(&ctx),
    }
}

/// Shows `err` on standard error like a diagnostic (colours on a terminal, unless
/// `NO_COLOR`), and gives exit code 2.
pub fn fail(err: &Error) -> ExitCode {
    let color = std::io::stderr().is_terminal()
        && std::env::var_os("NO_COLOR").is_none_or(|v| v.is_empty());
    out::eprint(&crate::report::error(err, color));
    exit::error()
}
