//! `codesocial init` (in progress).

use std::process::ExitCode;

use crate::cli::InitArgs;
use crate::error::{Error, Result};
use crate::run::Context;

pub fn run(_args: &InitArgs, _ctx: &Context) -> Result<ExitCode> {
    Err(Error::usage("`init` is not available yet", None))
}
