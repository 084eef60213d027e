//! One module per subcommand, each with `run(args, ctx) -> Result<ExitCode>`, and what
//! they share: the [`Context`] settled from the arguments, the terminal ([`out`]: every
//! line a command prints goes through it), the exit codes ([`exit`]), the checked
//! #CodeSocial most commands start from ([`check::check_dir`]), the spinner ([`progress`])
//! and signal handling ([`interrupt`]). Only this module and [`crate::run`] print or know
//! clap; the library below returns data.

pub mod bilan;
pub mod build;
pub mod catalogue;
pub mod check;
pub mod completions;
mod context;
pub mod diff;
pub mod export;
pub mod fetch;
pub mod import;
pub mod init;
mod interrupt;
pub mod log;
pub mod out;
mod progress;
pub mod schema;
pub mod serve;

pub use context::Context;

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
