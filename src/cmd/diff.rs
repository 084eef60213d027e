//! `codesocial diff` (in progress).

use std::process::ExitCode;

use crate::cli::DiffArgs;
use crate::error::{Error, Result};
use crate::run::Context;

pub fn run(_args: &DiffArgs, _ctx: &Context) -> Result<ExitCode> {
    Err(Error::usage("`diff` is not available yet", None))
}
