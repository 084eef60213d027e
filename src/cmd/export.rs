//! `codesocial export --format jsonld`: the #CodeSocial and its ecosystem as linked data
//! (the same document `build` publishes as `codesocial.jsonld`).

use std::process::ExitCode;

use crate::cli::{ExportArgs, ExportFormat};
use crate::error::Result;
use crate::i18n::Ui;
use crate::run::{exit, Context};

pub fn run(args: &ExportArgs, ctx: &Context) -> Result<ExitCode> {
    let dir = ctx.dir(&args.dir);
    let checked = crate::validate::check_dir(&dir, None, args.fetch, ctx)?;
    if checked.errors() > 0 {
        // Like `build`: no linked data from a #CodeSocial that does not pass `check`.
        crate::run::eprint(&crate::report::human(
            &checked.diagnostics,
            &checked.repo.files,
            false,
        ));
        crate::run::eprintln(
            &Ui::CheckProblems {
                errors: checked.errors(),
                warnings: checked.warnings(),
                documents: checked.repo.metas().len(),
            }
            .text(),
        );
        return Ok(exit::problems());
    }
    super::catalogue::warn_ecosystem(&checked, ctx);
    let value = match args.format {
        ExportFormat::Jsonld => crate::jsonld::document(&checked.repo, &checked.ecosystem, None),
    };
    crate::run::print_json(&value);
    Ok(exit::success())
}
