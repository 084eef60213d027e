//! `codesocial build` (in progress).

use std::process::ExitCode;

use crate::cli::BuildArgs;
use crate::error::{Error, Result};
use crate::run::Context;

pub fn run(_args: &BuildArgs, _ctx: &Context) -> Result<ExitCode> {
    Err(Error::usage("`build` is not available yet", None))
}
