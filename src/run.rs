//! The one place commands are dispatched and exit codes decided.

use std::io::IsTerminal;
use std::path::PathBuf;
use std::process::ExitCode;

use crate::cli::{Cli, ColorChoice, Command, DirArg, GlobalArgs};
use crate::error::Result;

/// What every command needs, settled once from the arguments and the environment.
#[derive(Debug, Clone)]
pub struct Context {
    /// `-C DIR`, or the current directory.
    pub base: PathBuf,
    /// Colours on standard output.
    pub color: bool,
    pub quiet: bool,
    pub verbose: u8,
}

impl Context {
    pub fn from_args(global: &GlobalArgs) -> Self {
        let color = match global.color {
            ColorChoice::Always => true,
            ColorChoice::Never => false,
            ColorChoice::Auto => {
                std::env::var_os("NO_COLOR").is_none_or(|v| v.is_empty())
                    && std::io::stdout().is_terminal()
            }
        };
        Context {
            base: global.chdir.clone().unwrap_or_else(|| PathBuf::from(".")),
            color,
            quiet: global.quiet,
            verbose: global.verbose,
        }
    }

    /// The #CodeSocial folder: the positional `DIR` relative to `-C`.
    pub fn dir(&self, arg: &DirArg) -> PathBuf {
        match &arg.dir {
            Some(d) => self.base.join(d),
            None => self.base.clone(),
        }
    }
}

/// Writes to standard output through the terminal layer ([`crate::escape::terminal::shown`]):
/// what the content says is shown, never run, and our own colours are applied. Every
/// command writes through here or [`print_json`]. A closed pipe (`codesocial check | head`)
/// is not an error.
pub fn print(text: &str) {
    write_out(&crate::escape::terminal::shown(text));
}

/// Like [`print`], with a newline.
pub fn println(text: &str) {
    print(&format!("{text}\n"));
}

/// `value` as pretty JSON and a newline, every control character a `\uXXXX` escape
/// ([`crate::escape::json::pretty`]).
pub fn print_json(value: &impl serde::Serialize) {
    write_out(&format!("{}\n", crate::escape::json::pretty(value)));
}

/// Text already made safe by its own channel's layer (CSV), written as it is.
pub fn print_exact(text: &str) {
    write_out(text);
}

/// Standard error's [`print`].
pub fn eprint(text: &str) {
    use std::io::Write;
    let mut err = std::io::stderr().lock();
    let _ = err.write_all(crate::escape::terminal::shown(text).as_bytes());
}

/// Like [`eprint`], with a newline.
pub fn eprintln(text: &str) {
    eprint(&format!("{text}\n"));
}

fn write_out(text: &str) {
    use std::io::Write;
    let mut out = std::io::stdout().lock();
    let _ = out.write_all(text.as_bytes()).and_then(|()| out.flush());
}

/// Exit codes shared by every command (CLI.md).
pub mod exit {
    use std::process::ExitCode;
    pub fn success() -> ExitCode {
        ExitCode::from(0)
    }
    /// The content has problems.
    pub fn problems() -> ExitCode {
        ExitCode::from(1)
    }
    /// Usage, I/O or git error.
    pub fn error() -> ExitCode {
        ExitCode::from(2)
    }
}

pub fn run(cli: Cli) -> Result<ExitCode> {
    let ctx = Context::from_args(&cli.global);
    use crate::cmd;
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
