//! `codesocial bilan` (in progress).

use std::process::ExitCode;

use crate::cli::BilanArgs;
use crate::error::{Error, Result};
use crate::run::Context;

pub fn run(_args: &BilanArgs, _ctx: &Context) -> Result<ExitCode> {
    Err(Error::usage("`bilan` is not available yet", None))
}
