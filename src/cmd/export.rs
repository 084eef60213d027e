//! `codesocial export --format jsonld`: the #CodeSocial and its ecosystem as linked data
//! (the same document `build` publishes as `codesocial.jsonld`).

use std::process::ExitCode;

use super::{exit, out, Context};
use crate::cli::{ExportArgs, ExportFormat};
use crate::error::Result;
use crate::i18n::Ui;

pub fn run(args: &ExportArgs, ctx: &Context) -> Result<ExitCode> {
    let dir = ctx.dir(&args.dir);
    let project = super::check::check_dir(&dir, None, args.fetch, ctx)?;
    let checked = &project.checked;
    if checked.errors() > 0 {
        // Like `build`: no linked data from a #CodeSocial that does not pass `check`.
        out::eprint(&crate::report::human(
            &checked.diagnostics,
            &checked.repo.files,
            false,
        ));
        out::eprintln(
            &Ui::CheckProblems {
                errors: checked.errors(),
                warnings: checked.warnings(),
                documents: checked.repo.metas().len(),
            }
            .text(),
        );
        return Ok(exit::problems());
    }
    super::catalogue::warn_ecosystem(&project, ctx);
    let value = match args.format {
        ExportFormat::Jsonld => crate::jsonld::document(&checked.repo, &project.ecosystem, None),
    };
    out::print_json(&value);
    Ok(exit::success())
}
