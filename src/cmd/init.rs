//! `codesocial init`: scaffold a complete, valid #CodeSocial in a new or empty folder and
//! record it in git, never overwriting anything.

use std::path::{Path, PathBuf};
use std::process::ExitCode;

use super::{exit, out, Context};
use crate::cli::{CiChoice, DirArg, InitArgs};
use crate::error::{Error, Result};
use crate::i18n::InitMsg;
use crate::init::ci::Placement;
use crate::init::{self, git, Ci, Options};

pub fn run(args: &InitArgs, ctx: &Context) -> Result<ExitCode> {
    let dir = ctx.dir(&args.dir);
    if dir.exists() && !dir.is_dir() {
        return Err(Error::NotADirectory(dir));
    }
    let nom = organisation_name(args.nom.as_deref(), &dir)?;
    let opts = Options {
        id: crate::slug::slugify(&nom),
        nom,
        langue: args.langue.into(),
        ci: ci_of(args.ci),
        date: crate::date::ymd(crate::date::now()),
    };
    // Looked up before writing: the answer must not depend on what we write. Even with
    // --no-git, an enclosing repository is where the forge looks for the CI file.
    let enclosing = enclosing_repository(&dir);
    let layout = enclosing
        .clone()
        .unwrap_or_else(|| init::Layout::alone(&dir));
    let made = init::scaffold(&opts, &layout, |rel| init::exists(&layout.root, rel));
    let shown = if layout.folder.is_empty() {
        shown_dir(&args.dir, ctx, &dir)
    } else {
        layout.root.display().to_string()
    };
    let existing = init::conflicts(&layout.root, &made.files);
    if !existing.is_empty() {
        return Err(Error::InitWouldOverwrite {
            dir: shown,
            files: existing,
        });
    }
    crate::guard::writable(&dir)?;
    std::fs::create_dir_all(&dir).map_err(|e| Error::io(&dir, e))?;
    write_interruptible(|| init::write_all(&layout.root, &made.files))?;
    let outcome = match (args.no_git, enclosing) {
        (true, _) => None,
        (false, Some(inside)) => Some(git::Outcome::InsideRepository { root: inside.root }),
        (false, None) => Some(commit(&dir, &made.files, &opts)?),
    };
    let shown = shown_dir(&args.dir, ctx, &dir);
    let summary = Summary {
        dir: &shown,
        files: made.files.len(),
        folder: &layout.folder,
        ci: made.ci.as_ref(),
    };
    report(ctx, &opts, &summary, outcome.as_ref());
    Ok(exit::success())
}

/// Runs `write` (one of [`init::write_entries`]'s callers) so that Ctrl-C, SIGTERM or
/// SIGHUP meanwhile removes what it had written ([`init::clean_interrupted`]) before the
/// process exits with 128 + the signal's number ([`super::interrupt::exit_code`]); then names, on the standard error,
/// the staging folders of an earlier interrupted run it removed.
pub fn write_interruptible(write: impl FnOnce() -> Result<Vec<PathBuf>>) -> Result<()> {
    // Without a handler (one is already set) the write still runs; only the cleanup on a
    // signal is lost, and the next run removes the staging folder.
    let _ = super::interrupt::on_signal(|| {
        init::clean_interrupted();
        std::process::exit(super::interrupt::exit_code());
    });
    for folder in write()? {
        let folder = folder.display().to_string();
        out::eprintln(&InitMsg::StaleStaging { folder: &folder }.text());
    }
    Ok(())
}

/// The layout of `dir` (which need not exist yet) in the repository whose work tree holds
/// it, found the one way every command finds a repository
/// ([`crate::history::discover_repository`]: a git directory inside the folder is never
/// taken for it); used by `init` and `import`.
pub fn enclosing_repository(dir: &Path) -> Option<init::Layout> {
    git::enclosing_repository(dir, |start| {
        let repo = crate::history::discover_repository(start).ok()?;
        repo.workdir().map(Path::to_path_buf)
    })
}

/// The command line's choice as `init`'s own option.
fn ci_of(choice: CiChoice) -> Ci {
    match choice {
        CiChoice::Github => Ci::Github,
        CiChoice::Gitlab => Ci::Gitlab,
        CiChoice::Aucune => Ci::Aucune,
    }
}

/// What the report says about the files.
struct Summary<'a> {
    dir: &'a str,
    files: usize,
    /// The folder inside its repository; empty when it is the root.
    folder: &'a str,
    ci: Option<&'a Placement>,
}

/// The folder as the user wrote it: `x`, not `./x`.
pub(crate) fn shown_dir(arg: &DirArg, ctx: &Context, dir: &Path) -> String {
    match &arg.dir {
        Some(d) if ctx.base == Path::new(".") => d.display().to_string(),
        _ => dir.display().to_string(),
    }
}

/// `--nom`, else the folder's own name.
fn organisation_name(nom: Option<&str>, dir: &Path) -> Result<String> {
    let nom = match nom {
        Some(n) => n.trim().to_string(),
        None => folder_name(dir).ok_or_else(|| Error::NoName {
            dir: dir.to_path_buf(),
        })?,
    };
    if nom.chars().any(char::is_control) {
        return Err(Error::NameControl);
    }
    if crate::slug::slugify(&nom).is_empty() {
        return Err(Error::NameWithoutLetters { nom });
    }
    Ok(nom)
}

/// The folder's own name (`mon-codesocial`), even for `.`.
pub(crate) fn folder_name(dir: &Path) -> Option<String> {
    let absolute: PathBuf = dir
        .canonicalize()
        .or_else(|_| std::path::absolute(dir))
        .ok()?;
    let name = absolute.file_name()?.to_string_lossy().trim().to_string();
    (!name.is_empty()).then_some(name)
}

fn commit(dir: &Path, files: &[init::File], opts: &Options) -> Result<git::Outcome> {
    let paths: Vec<String> = files.iter().map(|f| f.path.clone()).collect();
    let (name, email) = git::organisation_identity(&opts.nom, &opts.id);
    let message = init::templates::commit_message(opts.langue, &opts.nom);
    git::commit_initial(dir, &paths, &message, (&name, &email))
}

fn report(ctx: &Context, opts: &Options, summary: &Summary, outcome: Option<&git::Outcome>) {
    warn_author_fallback(outcome);
    // Where the CI file went matters even under --quiet: a misplaced file never runs.
    if let Some(Placement::Include { path }) = summary.ci {
        out::eprintln(&InitMsg::CiInclude { path }.text());
    }
    if ctx.quiet {
        return;
    }
    let dir = summary.dir;
    let created = InitMsg::Created {
        nom: &opts.nom,
        dir,
        files: summary.files,
    }
    .text();
    let cd = if dir.contains(char::is_whitespace) {
        format!("\"{dir}\"")
    } else {
        dir.to_string()
    };
    let next = InitMsg::NextSteps { dir: &cd }.text();
    let ci = match summary.ci {
        Some(Placement::Root { path }) => format!(
            "\n{}",
            InitMsg::CiAtRoot {
                path,
                folder: summary.folder
            }
            .text()
        ),
        _ => String::new(),
    };
    // A closed pipe (`init | head -1`) must not turn a finished init into a panic.
    out::println(&format!("{created}\n{}{ci}\n\n{next}", git_line(outcome)));
}

/// On stderr: git had no identity and the organisation signed the commit.
pub(crate) fn warn_author_fallback(outcome: Option<&git::Outcome>) {
    if let Some(git::Outcome::Committed { author, .. }) = outcome {
        if author.fallback {
            let warning = InitMsg::AuthorFallback {
                name: &author.name,
                email: &author.email,
            };
            let help = InitMsg::AuthorFallbackHelp.text();
            out::eprintln(&format!("{}\n{help}", warning.text()));
        }
    }
}

/// What happened on the git side, in one line.
pub(crate) fn git_line(outcome: Option<&git::Outcome>) -> String {
    match outcome {
        Some(git::Outcome::Committed {
            commit,
            branch,
            author,
        }) => InitMsg::Committed {
            commit,
            branch,
            author: &format!("{} <{}>", author.name, author.email),
        }
        .text(),
        Some(git::Outcome::InsideRepository { root }) => InitMsg::InsideRepository {
            root: &root.display().to_string(),
        }
        .text(),
        None => InitMsg::NoGit.text(),
    }
}
