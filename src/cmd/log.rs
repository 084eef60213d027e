//! `codesocial log` (in progress).

use std::process::ExitCode;

use crate::cli::LogArgs;
use crate::error::{Error, Result};
use crate::run::Context;

pub fn run(_args: &LogArgs, _ctx: &Context) -> Result<ExitCode> {
    Err(Error::usage("`log` is not available yet", None))
}
