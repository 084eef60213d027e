//! What request handlers and the rebuild loop share: the folder of the last good build,
//! the problems of the latest rebuild, a version that open pages wait on, and how many
//! reload polls each client holds.

use std::collections::HashMap;
use std::net::IpAddr;
use std::path::PathBuf;
use std::sync::{Arc, Mutex, MutexGuard};
use std::time::Duration;

use tokio::sync::watch;

use super::overlay::Problems;

/// Reload polls one client address may hold at once; more are refused (`429`) and the
/// page's script asks again a second later. A browser holds one per open tab (at most six
/// per host over HTTP/1.1), so only a misbehaving client meets the cap.
pub const MAX_POLLS_PER_CLIENT: usize = 16;

/// A consistent view for one request.
#[derive(Debug, Clone, Default)]
pub struct Snapshot {
    /// The canonical folder of the last good build, if any.
    pub root: Option<PathBuf>,
    /// Why the latest rebuild was not published.
    pub problems: Option<Problems>,
    /// Bumped after every rebuild, good or not.
    pub version: u64,
    /// The site's language (the manifest's `langue`) as the latest check read it: the
    /// overlay speaks it, whatever the terminal's.
    pub lang: Option<crate::i18n::Lang>,
}

/// What waiting polls watch: the version, and whether the server is stopping.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
struct Status {
    version: u64,
    /// The first build is done and requests are answered.
    serving: bool,
    stopping: bool,
}

/// The shared state; cheap to lock, never held across I/O or an `.await`.
#[derive(Debug)]
pub struct State {
    current: Mutex<Snapshot>,
    status: watch::Sender<Status>,
    polls: Mutex<HashMap<IpAddr, usize>>,
}

impl Default for State {
    fn default() -> Self {
        State {
            current: Mutex::default(),
            status: watch::Sender::new(Status::default()),
            polls: Mutex::default(),
        }
    }
}

/// A panicking holder cannot leave the data half-written: every update replaces whole
/// fields or counts, so a poisoned lock is still safe to use.
fn lock<T>(mutex: &Mutex<T>) -> MutexGuard<'_, T> {
    mutex
        .lock()
        .unwrap_or_else(std::sync::PoisonError::into_inner)
}

impl State {
    pub fn snapshot(&self) -> Snapshot {
        lock(&self.current).clone()
    }

    /// Publishes a rebuild's outcome; returns the folder it replaced, to delete.
    pub fn publish(&self, root: Option<PathBuf>, problems: Option<Problems>) -> Option<PathBuf> {
        let mut current = lock(&self.current);
        let old = match root {
            Some(new) => current.root.replace(new),
            None => None,
        };
        current.problems = problems;
        current.version += 1;
        let version = current.version;
        self.status.send_modify(|s| s.version = version);
        old
    }

    /// Records the site's language, for the overlay.
    pub fn set_lang(&self, lang: crate::i18n::Lang) {
        lock(&self.current).lang = Some(lang);
    }

    /// Forgets the problems shown in the overlay, without making pages reload: a rebuild
    /// in place passed its check and starts changing the pages the problems were shown on.
    pub fn clear_problems(&self) {
        lock(&self.current).problems = None;
    }

    /// Waits until the version differs from `since`, the server stops, or `timeout`
    /// passes; returns the version then.
    pub async fn wait_change(&self, since: u64, timeout: Duration) -> u64 {
        let mut status = self.status.subscribe();
        let changed = status.wait_for(|s| s.version != since || s.stopping);
        let _ = tokio::time::timeout(timeout, changed).await;
        self.status.borrow().version
    }

    /// Marks the first build done: requests are answered from now on.
    pub fn start_serving(&self) {
        self.status.send_modify(|s| s.serving = true);
    }

    pub fn serving(&self) -> bool {
        self.status.borrow().serving
    }

    /// Releases every waiting poll: the server is stopping.
    pub fn stop(&self) {
        self.status.send_modify(|s| s.stopping = true);
    }

    pub fn stopping(&self) -> bool {
        self.status.borrow().stopping
    }

    /// Resolves once [`State::stop`] has been called.
    pub async fn stopped(&self) {
        let mut status = self.status.subscribe();
        let _ = status.wait_for(|s| s.stopping).await;
    }

    /// Counts a reload poll of `client`, or `None` when it already holds
    /// [`MAX_POLLS_PER_CLIENT`]. The poll is counted until the returned slot is dropped.
    pub fn begin_poll(self: &Arc<Self>, client: IpAddr) -> Option<PollSlot> {
        let mut polls = lock(&self.polls);
        let held = polls.entry(client).or_insert(0);
        if *held >= MAX_POLLS_PER_CLIENT {
            return None;
        }
        *held += 1;
        Some(PollSlot {
            state: Arc::clone(self),
            client,
        })
    }
}

/// One reload poll being answered; frees its place when dropped (answered, or the client
/// went away).
#[derive(Debug)]
pub struct PollSlot {
    state: Arc<State>,
    client: IpAddr,
}

impl Drop for PollSlot {
    fn drop(&mut self) {
        let mut polls = lock(&self.state.polls);
        if let Some(held) = polls.get_mut(&self.client) {
            *held = held.saturating_sub(1);
            if *held == 0 {
                polls.remove(&self.client);
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use std::net::Ipv4Addr;

    fn runtime() -> tokio::runtime::Runtime {
        tokio::runtime::Builder::new_current_thread()
            .enable_time()
            .build()
            .expect("runtime")
    }

    #[test]
    fn a_publication_wakes_waiting_polls() {
        let state = Arc::new(State::default());
        let waiter = {
            let state = Arc::clone(&state);
            std::thread::spawn(move || {
                runtime().block_on(state.wait_change(0, Duration::from_secs(30)))
            })
        };
        std::thread::sleep(Duration::from_millis(50));
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
        // A poll that is behind is answered at once.
        let at_once = runtime().block_on(state.wait_change(1, Duration::from_secs(30)));
        assert_eq!(at_once, 3);
    }

    #[test]
    fn stopping_releases_polls() {
        let state = Arc::new(State::default());
        let waiter = {
            let state = Arc::clone(&state);
            std::thread::spawn(move || {
                runtime().block_on(state.wait_change(0, Duration::from_secs(30)))
            })
        };
        std::thread::sleep(Duration::from_millis(50));
        state.stop();
        assert_eq!(waiter.join().expect("join"), 0);
        assert!(state.stopping());
        runtime().block_on(state.stopped());
    }

    #[test]
    fn polls_are_capped_per_client_and_freed_when_dropped() {
        let state = Arc::new(State::default());
        let one = IpAddr::V4(Ipv4Addr::LOCALHOST);
        let other = IpAddr::V4(Ipv4Addr::new(127, 0, 0, 2));
        let slots: Vec<PollSlot> = (0..MAX_POLLS_PER_CLIENT)
            .map(|_| state.begin_poll(one).expect("under the cap"))
            .collect();
        assert!(state.begin_poll(one).is_none(), "over the cap");
        assert!(state.begin_poll(other).is_some(), "another client");
        drop(slots);
        assert!(state.begin_poll(one).is_some(), "freed");
        assert!(lock(&state.polls).is_empty(), "no count left behind");
    }
}
