//! A spinner for work that may take more than a moment (`build`, and every build of
//! `serve`). It is terminal output, so it lives with the commands, not the library.
//!
//! It appears only after a short delay, so quick builds print nothing; only on a terminal,
//! never under `--quiet` or in CI (`CI` set), so logs and pipes stay clean.

use std::io::IsTerminal;
use std::sync::mpsc::{self, RecvTimeoutError, Sender};
use std::thread::JoinHandle;
use std::time::Duration;

use indicatif::{ProgressBar, ProgressDrawTarget, ProgressStyle};

/// How long work runs before the spinner shows.
const DELAY: Duration = Duration::from_millis(400);
const TICK: Duration = Duration::from_millis(100);

/// Whether a spinner may be drawn: standard error is a terminal, not `--quiet`, not CI.
pub fn wanted(quiet: bool) -> bool {
    !quiet && std::io::stderr().is_terminal() && std::env::var_os("CI").is_none_or(|v| v.is_empty())
}

/// A running spinner; it vanishes when dropped.
#[derive(Debug)]
pub struct Progress {
    done: Option<Sender<()>>,
    thread: Option<JoinHandle<()>>,
}

impl Progress {
    /// Starts timing `message`; draws nothing when `enabled` is false.
    pub fn start(message: String, enabled: bool) -> Progress {
        if !enabled {
            return Progress {
                done: None,
                thread: None,
            };
        }
        let (done, rx) = mpsc::channel::<()>();
        let thread = std::thread::spawn(move || {
            if rx.recv_timeout(DELAY) != Err(RecvTimeoutError::Timeout) {
                return;
            }
            let bar = ProgressBar::with_draw_target(None, ProgressDrawTarget::stderr());
            if let Ok(style) = ProgressStyle::with_template("{spinner} {msg} {elapsed}") {
                bar.set_style(style);
            }
            bar.set_message(message);
            bar.enable_steady_tick(TICK);
            // Any message, or the sender dropped, ends the wait.
            let _ = rx.recv();
            bar.finish_and_clear();
        });
        Progress {
            done: Some(done),
            thread: Some(thread),
        }
    }

    fn stop(&mut self) {
        if let Some(done) = self.done.take() {
            let _ = done.send(());
        }
        if let Some(thread) = self.thread.take() {
            let _ = thread.join();
        }
    }
}

impl Drop for Progress {
    fn drop(&mut self) {
        self.stop();
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_disabled_spinner_starts_no_thread() {
        let p = Progress::start("x".into(), false);
        assert!(p.thread.is_none());
    }

    #[test]
    fn quiet_never_wants_a_spinner() {
        assert!(!wanted(true));
    }
}
