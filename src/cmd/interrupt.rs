//! Ctrl-C, SIGTERM and SIGHUP for the commands that write temporary folders (`build`,
//! `serve`): the first signal lets the command clean up, a second one ends the process at
//! once, as in cargo or git.

use std::sync::Mutex;

use crate::error::{Error, Result};

/// The exit code after an interruption: 128 + SIGINT, as shells report it.
pub const EXIT_CODE: i32 = 130;

/// Installs the process's handler: the first signal runs `first` on a thread of its own
/// (so that a second signal is still heard while it runs), any later one exits at once.
pub fn on_signal(first: impl FnOnce() + Send + 'static) -> Result<()> {
    let first = Mutex::new(Some(first));
    ctrlc::set_handler(move || {
        let pending = first
            .lock()
            .unwrap_or_else(std::sync::PoisonError::into_inner)
            .take();
        let Some(first) = pending else {
            std::process::exit(EXIT_CODE);
        };
        if let Err(e) = std::thread::Builder::new()
            .name("interrupt".into())
            .spawn(first)
        {
            // No thread to spare: the cleanup is all that is left to do anyway.
            drop(e);
            clean_exit();
        }
    })
    .map_err(|e| Error::SignalHandler {
        reason: e.to_string(),
    })
}

/// Removes the temporary folders (after the file writes and the swap in progress, if
/// any) and exits with [`EXIT_CODE`]; a folder that cannot be removed is named.
pub fn clean_exit() -> ! {
    for (dir, error) in crate::site::interrupt() {
        let failed = Error::Io {
            path: dir,
            source: error,
        };
        super::out::eprintln(&failed.to_string());
    }
    std::process::exit(EXIT_CODE);
}
