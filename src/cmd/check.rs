//! `codesocial check`: load, validate, report every problem, exit 0, 1 or 2.

use std::process::ExitCode;

use crate::cli::{CheckArgs, CheckFormat};
use crate::diag::Severity;
use crate::error::Result;
use crate::i18n::Ui;
use crate::report;
use crate::run::{exit, print, print_json, println, Context};

pub fn run(args: &CheckArgs, ctx: &Context) -> Result<ExitCode> {
    let dir = ctx.dir(&args.dir);
    let mut checked = crate::validate::check_dir(&dir, None, args.fetch, ctx)?;
    if args.strict {
        for d in &mut checked.diagnostics {
            d.severity = Severity::Error;
        }
    }
    let diagnostics = &checked.diagnostics;
    let prefix = crate::validate::repo_prefix(&dir);
    match args.format {
        CheckFormat::Human => {
            crate::run::print(&report::human(diagnostics, &checked.repo.files, ctx.color));
            let documents = checked.repo.metas().len();
            if diagnostics.is_empty() {
                if !ctx.quiet {
                    let by_kind = checked.by_kind();
                    crate::run::println(
                        &Ui::CheckClean {
                            documents,
                            by_kind: &by_kind,
                        }
                        .text(),
                    );
                }
            } else {
                println(
                    &Ui::CheckProblems {
                        errors: checked.errors(),
                        warnings: checked.warnings(),
                        documents,
                    }
                    .text(),
                );
            }
        }
        CheckFormat::Json => print_json(&report::json(diagnostics)),
        CheckFormat::Github => print(&report::github(diagnostics, &prefix)),
        CheckFormat::Sarif => print_json(&report::sarif(diagnostics, &prefix)),
    }
    Ok(if checked.errors() > 0 {
        exit::problems()
    } else {
        exit::success()
    })
}
