//! `codesocial diff`: the semantic diff between two points of history (or a commit and
//! the working tree), optionally enforcing the amendment rules on every commit between.

use std::process::ExitCode;

use super::{exit, out, Context};
use crate::cli::{DiffArgs, DiffFormat};
use crate::diag::Diagnostic;
use crate::diff::{render_json, render_markdown, render_text, Report};
use crate::error::{Error, Result};
use crate::history::{enforce::enforce, GitRepo, Side};
use crate::i18n::DiffText;
use crate::load::SourceFile;

pub fn run(args: &DiffArgs, ctx: &Context) -> Result<ExitCode> {
    let t = crate::timing::phase("diff: open");
    let git = GitRepo::open(&ctx.base)?;
    drop(t);
    let (from, to) = sides(&git, args)?;
    if args.enforce && to == Side::WorkTree {
        // No revision: nothing but uncommitted changes, which no commit carries and so no
        // rule can judge — "rules respected (0 commits)" would say nothing. `FROM` alone:
        // the commits up to `HEAD` are judged, provided nothing uncommitted escapes them.
        let uncommitted =
            args.from.is_none() || git.compare(Some(git.head()?), Side::WorkTree)?.paths > 0;
        if uncommitted {
            return Err(Error::EnforceWorkingTree);
        }
    }
    let t = crate::timing::phase("diff: compare");
    let comparison = git.compare(Some(from), to)?;
    let site_files = git.site_files_changed(from, to)?;
    drop(t);
    if !ctx.quiet {
        let to_label = match to {
            Side::Commit(oid) => oid.to_string(),
            Side::WorkTree => DiffText::WorkingTree.text(),
        };
        diagnostics(
            &from.to_string(),
            &comparison.old_diagnostics,
            &comparison.old.files,
        );
        diagnostics(
            &to_label,
            &comparison.new_diagnostics,
            &comparison.new.files,
        );
    }
    let mut report = Report {
        from: from.to_string(),
        to: match to {
            Side::Commit(oid) => Some(oid.to_string()),
            Side::WorkTree => None,
        },
        changes: comparison.changes,
        site_files,
        enforced: args.enforce,
        ..Report::default()
    };
    let mut commits = 0;
    if args.enforce {
        let last = match to {
            Side::Commit(oid) => oid,
            Side::WorkTree => git.head()?,
        };
        let found = enforce(&git, from, last)?;
        commits = found.commits;
        report.judged = crate::diff::Judged {
            commits: found.commits,
            root_commits: found.roots,
            tip: last.to_string(),
        };
        report.violations = found.violations;
        report.warnings = found.warnings;
    }
    print(&report, args, ctx, commits);
    Ok(if report.violations.is_empty() {
        exit::success()
    } else {
        exit::problems()
    })
}

/// The two sides the arguments name (CLI.md): none → `HEAD` vs the working tree; `FROM`
/// → `FROM` vs the working tree; `FROM TO` or `FROM..TO` → two commits.
fn sides(git: &GitRepo, args: &DiffArgs) -> Result<(git2::Oid, Side)> {
    let is_range = |s: &str| s.contains("..");
    match (args.from.as_deref(), args.to.as_deref()) {
        (None, _) => Ok((git.head()?, Side::WorkTree)),
        (Some(f), None) if is_range(f) => {
            let (a, b) = git.resolve_range(f)?;
            Ok((a, Side::Commit(b)))
        }
        (Some(f), None) => Ok((git.resolve(f)?, Side::WorkTree)),
        (Some(f), Some(_)) if is_range(f) => Err(Error::RangeAndTo),
        (Some(f), Some(t)) => Ok((git.resolve(f)?, Side::Commit(git.resolve(t)?))),
    }
}

/// Parse problems of one side, on standard error: the diff goes on without those files.
fn diagnostics(revision: &str, list: &[Diagnostic], files: &[SourceFile]) {
    if list.is_empty() {
        return;
    }
    out::eprintln(&DiffText::DiagnosticsIn { revision }.text());
    out::eprint(&crate::report::human(list, files, false));
}

fn print(report: &Report, args: &DiffArgs, ctx: &Context, commits: usize) {
    match args.format {
        DiffFormat::Text => {
            out::print(&render_text(report, ctx.color));
            if args.enforce && !ctx.quiet {
                let verdict = if report.violations.is_empty() {
                    DiffText::EnforceClean { commits }
                } else {
                    DiffText::EnforceFailed {
                        violations: report.violations.len(),
                    }
                };
                out::println(&verdict.text());
            }
        }
        DiffFormat::Markdown => out::print(&render_markdown(report)),
        DiffFormat::Json => out::print_json(&render_json(report)),
    }
}
