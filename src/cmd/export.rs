//! `codesocial export` (in progress).

use std::process::ExitCode;

use crate::cli::ExportArgs;
use crate::error::{Error, Result};
use crate::run::Context;

pub fn run(_args: &ExportArgs, _ctx: &Context) -> Result<ExitCode> {
    Err(Error::usage("`export` is not available yet", None))
}
