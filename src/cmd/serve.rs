//! `codesocial serve`: the live preview. The engine lives in [`crate::serve`]; this file
//! settles the options, supplies the rebuild callback, shows the engine's events and
//! stops on Ctrl-C or SIGTERM (during the first build, or at a second signal, the process
//! ends at once, its temporary folder removed, exit 128 + the signal's number: 130 for
//! Ctrl-C, 143 for SIGTERM).

use std::net::SocketAddr;
use std::path::{Path, PathBuf};
use std::process::ExitCode;
use std::sync::mpsc::{self, Receiver};
use std::sync::{Arc, Mutex, OnceLock};

use super::interrupt;
use super::progress::{self, Progress};
use super::{exit, out, Context};
use crate::cli::ServeArgs;
use crate::diag::{Diagnostic, Severity};
use crate::error::Result;
use crate::escape::terminal::one_line;
use crate::i18n::serve::Serve;
use crate::i18n::site::BuildMsg;
use crate::serve::{overlay, Event, Folder, Git, Options, Outcome, Rebuilding, Server, Stopper};

pub fn run(args: &ServeArgs, ctx: &Context) -> Result<ExitCode> {
    // Installed before anything is created. Until the first build is online, a signal
    // removes what was created and exits; afterwards it stops the preview gracefully.
    let stopper: Arc<OnceLock<Stopper>> = Arc::default();
    let on_first = Arc::clone(&stopper);
    interrupt::on_signal(move || match on_first.get() {
        Some(stopper) if stopper.serving() => stopper.stop(),
        _ => interrupt::clean_exit(),
    })?;
    let dir = ctx.dir(&args.dir);
    if args.fetch {
        // Once, before the first build: rebuilds never touch the network.
        super::fetch::refresh(&dir, ctx)?;
    }
    let options = Options {
        dir: dir.clone(),
        addr: SocketAddr::new(args.bind, args.port),
        work: crate::site::temp_dir("codesocial-serve-")?,
        git: crate::history::discover_repository(&dir).map_or_else(
            |_| Git::default(),
            |repo| Git::new(repo.path(), repo.commondir()),
        ),
    };
    let build_ctx = ctx.clone();
    let kept = Mutex::new(Kept::default());
    let server = Server::bind(
        options,
        move |into: Folder<'_>, progress: &Rebuilding<'_>| {
            preview(&dir, into, &build_ctx, &kept, progress)
        },
    )?;
    let _ = stopper.set(server.stopper());
    let (events, inbox) = mpsc::channel();
    let shown = Shown {
        dir: ctx.dir(&args.dir).display().to_string(),
        quiet: ctx.quiet,
        verbose: ctx.verbose > 0,
        spinner: progress::wanted(ctx.quiet),
        open: args.open,
    };
    let printer = std::thread::spawn(move || shown.show_all(&inbox));
    let served = server.run(events);
    let _ = printer.join();
    served.map(|()| exit::success())
}

/// What one preview build leaves for the next: the git history (read again when `HEAD`
/// moves) and what the folder online holds.
#[derive(Default)]
struct Kept {
    history: crate::site::HistoryCache,
    memory: crate::site::Memory,
    /// The files parsed and checked by the last check.
    check: crate::validate::Kept,
}

/// Checks `dir` and, when it has no errors, writes the site into `into`: the whole site
/// into a new folder, or only what changed into the folder online.
fn preview(
    dir: &Path,
    into: Folder<'_>,
    ctx: &Context,
    kept: &Mutex<Kept>,
    progress: &Rebuilding<'_>,
) -> Result<Vec<Diagnostic>> {
    // Only this callback locks it, one build at a time: never poisoned but by a panic,
    // after which starting afresh is right.
    let mut kept = kept.lock().unwrap_or_else(|poisoned| {
        let mut kept = poisoned.into_inner();
        *kept = Kept::default();
        kept
    });
    let check = std::mem::take(&mut kept.check).next();
    let project = super::check::check_dir_kept(dir, None, false, ctx, Some(&check));
    kept.check = check;
    let project = project?;
    let checked = project.checked;
    // A manifest that does not parse says no language: the last one read stays.
    if checked.repo.manifeste.is_some() {
        (progress.language)(checked.repo.langue());
    }
    if checked.errors() > 0 {
        return Ok(checked.diagnostics);
    }
    (progress.writing)();
    let out = match into {
        Folder::Fresh(out) => {
            kept.memory = crate::site::Memory::default();
            out
        }
        Folder::Online(out) => out,
    };
    let t = crate::timing::phase("history, bilan");
    let (history, problem) = kept.history.get(dir, checked.repo.langue());
    if let Some(problem) = problem {
        // As `build` says it, once for as long as the preview runs.
        out::eprintln_once(
            &[BuildMsg::NoHistory { problem: &problem }.text()],
            ctx.quiet,
        );
    }
    let opts = crate::site::Options {
        out: out.to_path_buf(),
        base_url: None,
        bilan: Some(crate::bilan::for_site(
            &checked.repo,
            history.bilan_facts.as_ref(),
        )),
        history,
        // The server injects its own reload hook into every HTML response.
        dev_reload_script: None,
    };
    drop(t);
    let sources = sources(dir, progress.changed);
    let first = crate::site::First { sources: &sources };
    crate::site::rebuild(
        &checked,
        &project.ecosystem,
        dir,
        &opts,
        &mut kept.memory,
        &first,
    )?;
    Ok(checked.diagnostics)
}

/// The changed files' paths in the repository (`catalogue/a.md`), as documents name them.
fn sources(dir: &Path, changed: &[PathBuf]) -> Vec<String> {
    let root = dir.canonicalize().unwrap_or_else(|_| dir.to_path_buf());
    changed
        .iter()
        .filter_map(|p| p.strip_prefix(&root).ok())
        .filter_map(|p| {
            let parts: Option<Vec<&str>> = p.components().map(|c| c.as_os_str().to_str()).collect();
            parts.map(|parts| parts.join("/"))
        })
        .collect()
}

/// How the preview's events reach the terminal.
struct Shown {
    dir: String,
    quiet: bool,
    verbose: bool,
    spinner: bool,
    open: bool,
}

impl Shown {
    /// Shows every event until the preview stops; the spinner runs while a build does.
    fn show_all(&self, inbox: &Receiver<Event>) {
        let mut spinner = None;
        for event in inbox {
            match event {
                Event::Building => {
                    spinner = Some(Progress::start(Serve::Building.text(), self.spinner));
                }
                Event::Answered { .. } | Event::Changed(_) => self.show(event),
                event => {
                    drop(spinner.take());
                    self.show(event);
                }
            }
        }
    }

    /// One event. Problems and warnings go to standard error even under `--quiet`;
    /// everything the content or a client wrote is shown with its control characters
    /// visible.
    fn show(&self, event: Event) {
        match event {
            Event::Built {
                diagnostics,
                outcome,
            } => self.built(&diagnostics, outcome),
            Event::Serving { url, addr } => self.serving(&url, addr),
            Event::Changed(paths) if self.verbose => {
                let list: Vec<String> = paths.iter().map(|p| p.display().to_string()).collect();
                let paths = one_line(&list.join(", ")).into_owned();
                out::println(&Serve::Changed { paths: &paths }.text());
            }
            Event::Answered {
                method,
                target,
                status,
            } if self.verbose => {
                out::println(&format!("{status} {method} {}", one_line(&target)));
            }
            Event::Stopped if !self.quiet => out::println(&Serve::Stopped.text()),
            event => {
                if let Some(warning) = warning(event) {
                    out::eprintln(&warning);
                }
            }
        }
    }

    fn built(&self, diagnostics: &[Diagnostic], outcome: Outcome) {
        print_diagnostics(diagnostics);
        match outcome {
            Outcome::Kept { errors } => out::eprintln(&Serve::KeptLastGood { errors }.text()),
            Outcome::Published { millis } if !self.quiet => {
                out::println(&Serve::Rebuilt { millis }.text());
            }
            Outcome::Published { .. } => {}
        }
    }

    /// Says where the preview is (and warns when other machines can reach it).
    fn serving(&self, url: &str, addr: SocketAddr) {
        if !addr.ip().is_loopback() {
            let addr = addr.to_string();
            out::eprintln(&Serve::Exposed { addr: &addr }.text());
        }
        if !self.quiet {
            let dir = one_line(&self.dir).into_owned();
            out::println(&Serve::Serving { dir: &dir, url }.text());
        }
        if self.open {
            // opener: `xdg-open` or WSL's browser on Linux, `open` on macOS,
            // `ShellExecuteW` on Windows, without a shell to quote for.
            if let Err(error) = opener::open_browser(url) {
                let reason = error.to_string();
                out::eprintln(&Serve::OpenFailed { reason: &reason }.text());
            }
        }
    }
}

/// The line standard error shows for a failure of the preview, if `event` is one.
fn warning(event: Event) -> Option<String> {
    Some(match event {
        Event::BuildFailed(e) => Serve::BuildFailed {
            reason: &e.to_string(),
        }
        .text(),
        Event::WatchFailed(error) => Serve::WatchFailed {
            reason: &error.to_string(),
        }
        .text(),
        Event::CleanupFailed { path, error } => Serve::CleanupFailed {
            path: &path.display().to_string(),
            reason: &error.to_string(),
        }
        .text(),
        _ => return None,
    })
}

/// Problems go to the terminal too, one line each, even under `--quiet`.
fn print_diagnostics(diagnostics: &[Diagnostic]) {
    for d in diagnostics {
        let word = match d.severity {
            Severity::Error => Serve::Error.text(),
            Severity::Warning => Serve::Warning.text(),
        };
        let line = format!(
            "{}: {word}: {} [{}]",
            overlay::location(d),
            d.message,
            d.code
        );
        out::eprintln(&line);
        if let Some(help) = &d.help {
            out::eprintln(&format!("    {help}"));
        }
    }
}
