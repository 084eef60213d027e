//! One module per subcommand, each with `run(args, ctx) -> Result<ExitCode>`, and what
//! several of them share: the spinner ([`progress`]) and signal handling ([`interrupt`]).

pub mod bilan;
pub mod build;
pub mod catalogue;
pub mod check;
pub mod completions;
pub mod diff;
pub mod export;
pub mod fetch;
pub mod import;
pub mod init;
mod interrupt;
pub mod log;
mod progress;
pub mod schema;
pub mod serve;
