//! Ctrl-C, SIGTERM and SIGHUP for the commands that write temporary folders (`build`,
//! `serve`, `init`): the first signal lets the command clean up, a second one ends the
//! process at once, as in cargo or git. The process then exits with 128 + the signal's
//! number, as a shell reports a process killed by it: 130 for SIGINT, 143 for SIGTERM,
//! 129 for SIGHUP (on Unix, through `signal-hook`, which says which signal came; elsewhere
//! through `ctrlc`, where Ctrl-C is the only one, 130).

use std::sync::atomic::{AtomicBool, AtomicI32, Ordering};

use crate::error::{Error, Result};

/// The exit code after an interruption by SIGINT (Ctrl-C): 128 + 2, as shells report it.
pub const EXIT_CODE: i32 = 130;

/// The exit code for the signal that came first (128 + its number).
static CODE: AtomicI32 = AtomicI32::new(EXIT_CODE);

/// Whether a handler is installed: one per process, as with `ctrlc`.
static INSTALLED: AtomicBool = AtomicBool::new(false);

/// The exit code after the interruption that came: 128 + the first signal's number
/// ([`EXIT_CODE`] before any).
pub fn exit_code() -> i32 {
    CODE.load(Ordering::SeqCst)
}

/// Installs the process's handler: the first signal runs `first` on a thread of its own
/// (so that a second signal is still heard while it runs), any later one exits at once,
/// with 128 + its number. A second call is refused (an error): one handler per process.
pub fn on_signal(first: impl FnOnce() + Send + 'static) -> Result<()> {
    if INSTALLED.swap(true, Ordering::SeqCst) {
        return Err(Error::SignalHandler {
            reason: "a handler is already installed".to_string(),
        });
    }
    let installed = install(first);
    if installed.is_err() {
        INSTALLED.store(false, Ordering::SeqCst);
    }
    installed
}

/// What the handler does with a signal numbered `number` (`first` taken on the first one).
fn on_one(number: i32, first: &mut Option<impl FnOnce() + Send + 'static>) {
    let code = 128 + number;
    let Some(first) = first.take() else {
        std::process::exit(code);
    };
    CODE.store(code, Ordering::SeqCst);
    if let Err(e) = std::thread::Builder::new()
        .name("interrupt".into())
        .spawn(first)
    {
        // No thread to spare: the cleanup is all that is left to do anyway.
        drop(e);
        clean_exit();
    }
}

#[cfg(unix)]
fn install(first: impl FnOnce() + Send + 'static) -> Result<()> {
    use signal_hook::consts::{SIGHUP, SIGINT, SIGTERM};
    let failed = |e: std::io::Error| Error::SignalHandler {
        reason: e.to_string(),
    };
    let mut signals =
        signal_hook::iterator::Signals::new([SIGINT, SIGTERM, SIGHUP]).map_err(failed)?;
    let mut first = Some(first);
    std::thread::Builder::new()
        .name("signals".into())
        .spawn(move || {
            for number in signals.forever() {
                on_one(number, &mut first);
            }
        })
        .map_err(failed)?;
    Ok(())
}

#[cfg(not(unix))]
fn install(first: impl FnOnce() + Send + 'static) -> Result<()> {
    let first = std::sync::Mutex::new(Some(first));
    ctrlc::set_handler(move || {
        let mut first = first
            .lock()
            .unwrap_or_else(std::sync::PoisonError::into_inner);
        on_one(2, &mut *first);
    })
    .map_err(|e| Error::SignalHandler {
        reason: e.to_string(),
    })
}

/// Kills the git processes of a fetch under way, removes the temporary folders (after
/// the file writes and the swap in progress, if any) and exits with [`exit_code`]; a
/// folder that cannot be removed is named.
pub fn clean_exit() -> ! {
    // git runs in process groups of its own, which the signal did not reach.
    crate::ecosystem::git::kill_running();
    for (dir, error) in crate::site::interrupt() {
        let failed = Error::Io {
            path: dir,
            source: error,
        };
        super::out::eprintln(&failed.to_string());
    }
    std::process::exit(exit_code());
}
