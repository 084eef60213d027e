//! `codesocial serve` (in progress).

use std::process::ExitCode;

use crate::cli::ServeArgs;
use crate::error::{Error, Result};
use crate::run::Context;

pub fn run(_args: &ServeArgs, _ctx: &Context) -> Result<ExitCode> {
    Err(Error::usage("`serve` is not available yet", None))
}
