//! `codesocial fetch` (in progress).

use std::process::ExitCode;

use crate::cli::DirArg;
use crate::error::{Error, Result};
use crate::run::Context;

pub fn run(_args: &DirArg, _ctx: &Context) -> Result<ExitCode> {
    Err(Error::usage("`fetch` is not available yet", None))
}
