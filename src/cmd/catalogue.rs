//! `codesocial catalogue` (in progress).

use std::process::ExitCode;

use crate::cli::CatalogueArgs;
use crate::error::{Error, Result};
use crate::run::Context;

pub fn run(_args: &CatalogueArgs, _ctx: &Context) -> Result<ExitCode> {
    Err(Error::usage("`catalogue` is not available yet", None))
}
