//! What request handlers and the rebuild loop share: the folder of the last good build,
//! the problems of the latest rebuild, and a version number that open pages wait on.

use std::path::PathBuf;
use std::sync::{Condvar, Mutex, MutexGuard};
use std::time::{Duration, Instant};

use super::overlay::Problems;

/// A consistent view for one request.
#[derive(Debug, Clone, Default)]
pub struct Snapshot {
    /// The canonical folder of the last good build, if any.
    pub root: Option<PathBuf>,
    /// Why the latest rebuild was not published.
    pub problems: Option<Problems>,
    /// Bumped after every rebuild, good or not.
    pub version: u64,
}

#[derive(Debug, Default)]
struct Inner {
    current: Snapshot,
    stopping: bool,
}

/// The shared state; cheap to lock, never held across I/O.
#[derive(Debug, Default)]
pub struct State {
    inner: Mutex<Inner>,
    changed: Condvar,
}

impl State {
    fn lock(&self) -> MutexGuard<'_, Inner> {
        // A panicking handler cannot leave the snapshot half-written: every update
        // replaces whole fields, so a poisoned lock is still safe to use.
        self.inner
            .lock()
            .unwrap_or_else(std::sync::PoisonError::into_inner)
    }

    pub fn snapshot(&self) -> Snapshot {
        self.lock().current.clone()
    }

    /// Publishes a rebuild's outcome; returns the folder it replaced, to delete.
    pub fn publish(&self, root: Option<PathBuf>, problems: Option<Problems>) -> Option<PathBuf> {
        let mut inner = self.lock();
        let old = match root {
            Some(new) => inner.current.root.replace(new),
            None => None,
        };
        inner.current.problems = problems;
        inner.current.version += 1;
        self.changed.notify_all();
        old
    }

    /// Waits until the version differs from `since`, the server stops, or `timeout`
    /// passes; returns the version then.
    pub fn wait_change(&self, since: u64, timeout: Duration) -> u64 {
        let deadline = Instant::now() + timeout;
        let mut inner = self.lock();
        while inner.current.version == since && !inner.stopping {
            let left = deadline.saturating_duration_since(Instant::now());
            if left.is_zero() {
                break;
            }
            inner = match self.changed.wait_timeout(inner, left) {
                Ok((guard, _)) => guard,
                Err(poisoned) => poisoned.into_inner().0,
            };
        }
        inner.current.version
    }

    /// Releases every waiting poll: the server is stopping.
    pub fn stop(&self) {
        self.lock().stopping = true;
        self.changed.notify_all();
    }

    pub fn stopping(&self) -> bool {
        self.lock().stopping
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use std::sync::Arc;

    #[test]
    fn a_publication_wakes_waiting_polls() {
        let state = Arc::new(State::default());
        let waiter = {
            let state = Arc::clone(&state);
            std::thread::spawn(move || state.wait_change(0, Duration::from_secs(30)))
        };
        state.publish(Some(PathBuf::from("/a")), None);
        assert_eq!(waiter.join().expect("join"), 1);
        let old = state.publish(Some(PathBuf::from("/b")), None);
        assert_eq!(old, Some(PathBuf::from("/a")));
        // A failed rebuild keeps the good root.
        assert_eq!(
            state.publish(None, Some(Problems::Failed("x".into()))),
            None
        );
        assert_eq!(state.snapshot().root, Some(PathBuf::from("/b")));
    }

    #[test]
    fn stopping_releases_polls() {
        let state = Arc::new(State::default());
        let waiter = {
            let state = Arc::clone(&state);
            std::thread::spawn(move || state.wait_change(0, Duration::from_secs(30)))
        };
        state.stop();
        assert_eq!(waiter.join().expect("join"), 0);
    }
}
