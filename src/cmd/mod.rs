//! One module per subcommand, each with `run(args, ctx) -> Result<ExitCode>`.

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
pub mod log;
pub mod schema;
pub mod serve;
