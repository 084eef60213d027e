//! The live preview behind `codesocial serve`: build into a temporary folder, serve it on
//! loopback, rebuild when a file changes and make open pages reload.
//!
//! The engine knows nothing of how a site is made: it calls a rebuild callback with a
//! [`Folder`] and gets back the check diagnostics. The first build goes into a new folder;
//! later ones update the folder online in place (the callback writes only what changed,
//! each file replaced in one step), and one that failed midway is followed by a build
//! into a new folder again, swapped in whole. A build with errors writes nothing; the last
//! good one stays online and every page shows the errors in an overlay until they are
//! fixed. Nothing here prints: what happens is sent as [`Event`]s
//! for the command to show, and failures are typed variants of [`crate::Error`].
//!
//! The pieces: [`net`] holds the connections and their limits, [`http`] answers requests
//! (only under the preview's own [`host`] names), [`path`] keeps them inside the site,
//! [`body`] streams files, [`overlay`] adds the reload script and the error list to pages,
//! [`watch`] turns editor saves into rebuilds, [`state`] is what all of them share.

mod body;
mod host;
mod http;
mod net;
pub mod overlay;
mod path;
mod state;
mod watch;

use std::io::ErrorKind;
use std::net::{IpAddr, Ipv4Addr, Ipv6Addr, SocketAddr, TcpListener};
use std::path::{Path, PathBuf};
use std::sync::mpsc::{self, Receiver, Sender};
use std::sync::Arc;
use std::time::{Duration, Instant};

use tempfile::TempDir;

use crate::diag::Diagnostic;
use crate::error::{Error, Result};
pub use overlay::Problems;
use state::State;
pub use watch::Git;
use watch::Notice;

/// Builds the site into the folder and returns the check diagnostics. With any error
/// diagnostic it must write nothing (the build is not published); without, it calls
/// `progress.writing` before it writes anything. `Err` means it could not run, or stopped
/// midway.
pub type Rebuild = dyn Fn(Folder<'_>, &Rebuilding<'_>) -> Result<Vec<Diagnostic>> + Send + Sync;

/// What a rebuild is told, and the moment it reports while it runs.
pub struct Rebuilding<'a> {
    /// The files that changed since the last build (absolute), empty for the first build.
    pub changed: &'a [PathBuf],
    /// The check passed and files are about to change: the pages stop showing the last
    /// build's problems.
    pub writing: &'a dyn Fn(),
    /// The site's language, once the rebuild knows it (even when the check fails): the
    /// overlay then speaks it.
    pub language: &'a dyn Fn(crate::i18n::Lang),
}

/// Where a rebuild writes.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Folder<'a> {
    /// A new, empty folder: the site is written whole.
    Fresh(&'a Path),
    /// The folder online, which holds the site the previous call wrote (fresh or in
    /// place): updated in place.
    Online(&'a Path),
}

/// How long the blocking work of requests still running may delay the end of `run`.
const SHUTDOWN: Duration = Duration::from_millis(500);
/// Threads reading files for requests, at most.
const FILE_THREADS: usize = 16;

/// How to serve, settled from the command line.
#[derive(Debug)]
pub struct Options {
    /// The #CodeSocial folder to build and watch.
    pub dir: PathBuf,
    /// Where to listen; port 0 picks a free one.
    pub addr: SocketAddr,
    /// An empty temporary folder for the builds; removed when the server stops.
    pub work: TempDir,
    /// The git files of the repository holding `dir` (the command finds it): `HEAD` or a
    /// ref moving rebuilds the site.
    pub git: Git,
}

/// What the preview does, for the command to show. Sent in order on one channel.
#[derive(Debug)]
pub enum Event {
    /// A build started (it may take a while on a large repository).
    Building,
    /// A build ran: its check diagnostics, and what became of it.
    Built {
        diagnostics: Vec<Diagnostic>,
        outcome: Outcome,
    },
    /// A rebuild could not run at all (the first build's failure is `run`'s error).
    BuildFailed(Error),
    /// The first build is online at `url`; `addr` is where the server listens.
    Serving { url: String, addr: SocketAddr },
    /// These files changed; a rebuild follows.
    Changed(Vec<PathBuf>),
    /// Watching the files failed: the preview goes on without rebuilds.
    WatchFailed(notify::Error),
    /// A request was answered. `target` is as the client sent it: hostile text.
    Answered {
        method: String,
        target: String,
        status: u16,
    },
    /// The temporary folder could not be removed.
    CleanupFailed {
        path: PathBuf,
        error: std::io::Error,
    },
    /// The preview stopped and its temporary folder is gone.
    Stopped,
}

/// What became of a build that ran.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Outcome {
    /// It replaced the site online, after `millis` milliseconds.
    Published { millis: u128 },
    /// It had `errors` error diagnostics: the last good build stays online.
    Kept { errors: usize },
}

/// A bound, not yet running, preview server.
pub struct Server {
    dir: PathBuf,
    git: Git,
    listener: TcpListener,
    addr: SocketAddr,
    state: Arc<State>,
    rebuild: Box<Rebuild>,
    work: TempDir,
    notices: Sender<Notice>,
    inbox: Receiver<Notice>,
}

/// Stops a running [`Server`] from any thread (a signal handler, a test).
#[derive(Clone)]
pub struct Stopper {
    state: Arc<State>,
    notices: Sender<Notice>,
}

impl Stopper {
    /// Whether the first build is done and the preview answers: before that, stopping
    /// waits for the first build to end.
    pub fn serving(&self) -> bool {
        self.state.serving()
    }

    /// Stops accepting, releases the reload polls, ends the rebuild loop once the build
    /// in progress (if any) is done; `run` then removes the temporary folder and returns.
    pub fn stop(&self) {
        self.state.stop();
        let _ = self.notices.send(Notice::Stop);
    }
}

impl Server {
    /// Listens on `options.addr`.
    pub fn bind(
        options: Options,
        rebuild: impl Fn(Folder<'_>, &Rebuilding<'_>) -> Result<Vec<Diagnostic>> + Send + Sync + 'static,
    ) -> Result<Server> {
        if !options.dir.is_dir() {
            return Err(Error::NotADirectory(options.dir.clone()));
        }
        let dir = options
            .dir
            .canonicalize()
            .map_err(|e| Error::io(&options.dir, e))?;
        let listener = listen(options.addr)?;
        let addr = listener
            .local_addr()
            .map_err(|error| bind_error(options.addr, error))?;
        let (notices, inbox) = mpsc::channel();
        Ok(Server {
            dir,
            git: options.git,
            listener,
            addr,
            state: Arc::new(State::default()),
            rebuild: Box::new(rebuild),
            work: options.work,
            notices,
            inbox,
        })
    }

    pub fn stopper(&self) -> Stopper {
        Stopper {
            state: Arc::clone(&self.state),
            notices: self.notices.clone(),
        }
    }

    /// Builds once, then serves and rebuilds until stopped, reporting on `events`;
    /// removes the temporary folder before returning. Fails when the first build cannot
    /// run at all, or the server cannot start.
    pub fn run(self, events: Sender<Event>) -> Result<()> {
        let work_root = self
            .work
            .path()
            .canonicalize()
            .map_err(|e| Error::io(self.work.path(), e))?;
        let mut builder = Builder {
            rebuild: self.rebuild,
            state: Arc::clone(&self.state),
            work: work_root.clone(),
            count: 0,
            online: None,
            events: events.clone(),
        };
        let ignored = vec![work_root];
        let git = self.git;
        let stamps = watch::Stamps::scan(&self.dir, &ignored, &git);
        builder.build(&[])?;
        self.state.start_serving();
        let _ = events.send(Event::Serving {
            url: url(self.addr),
            addr: self.addr,
        });
        let watcher = watch::start(&self.dir, ignored, git, self.notices.clone())
            .map_err(|reason| events.send(Event::WatchFailed(reason)))
            .ok();
        let inbox = self.inbox;
        let rebuilds = std::thread::spawn(move || builder.watch_loop(&inbox, stamps));
        let served = serve(self.listener, &self.state, events.clone());
        // Whatever ended serving, the rebuild loop ends too.
        self.state.stop();
        drop(watcher);
        let _ = self.notices.send(Notice::Stop);
        let _ = rebuilds.join();
        let path = self.work.path().to_path_buf();
        if let Err(error) = self.work.close() {
            let _ = events.send(Event::CleanupFailed { path, error });
        }
        let _ = events.send(Event::Stopped);
        served
    }
}

fn url(addr: SocketAddr) -> String {
    let ip = match addr.ip() {
        IpAddr::V4(ip) if ip.is_unspecified() => IpAddr::V4(Ipv4Addr::LOCALHOST),
        IpAddr::V6(ip) if ip.is_unspecified() => IpAddr::V6(Ipv6Addr::LOCALHOST),
        ip => ip,
    };
    format!("http://{}/", SocketAddr::new(ip, addr.port()))
}

fn listen(addr: SocketAddr) -> Result<TcpListener> {
    let listener = TcpListener::bind(addr).map_err(|error| bind_error(addr, error))?;
    // The event loop needs it so.
    listener
        .set_nonblocking(true)
        .map_err(|error| bind_error(addr, error))?;
    Ok(listener)
}

/// A busy port names the next one to try (`Error::PortInUse`).
fn bind_error(addr: SocketAddr, error: std::io::Error) -> Error {
    if error.kind() == ErrorKind::AddrInUse {
        let port = addr.port();
        let next = port.checked_add(1).unwrap_or(8000);
        Error::PortInUse { port, next }
    } else {
        Error::BindFailed {
            addr: addr.to_string(),
            reason: error.to_string(),
        }
    }
}

/// Runs the connections on one thread until `state` says stop.
fn serve(listener: TcpListener, state: &Arc<State>, events: Sender<Event>) -> Result<()> {
    let runtime = tokio::runtime::Builder::new_current_thread()
        .enable_io()
        .enable_time()
        .max_blocking_threads(FILE_THREADS)
        .build()
        .map_err(server_start)?;
    let state = Arc::clone(state);
    let served = runtime.block_on(async move {
        let listener = tokio::net::TcpListener::from_std(listener)?;
        net::serve(listener, state, events).await;
        Ok(())
    });
    runtime.shutdown_timeout(SHUTDOWN);
    served.map_err(server_start)
}

fn server_start(error: std::io::Error) -> Error {
    Error::ServerStart {
        reason: error.to_string(),
    }
}

/// Runs the rebuild callback and publishes the outcome.
struct Builder {
    rebuild: Box<Rebuild>,
    state: Arc<State>,
    work: PathBuf,
    count: u64,
    /// The folder online, when the callback may update it in place (it wrote it, and no
    /// build stopped midway since).
    online: Option<PathBuf>,
    events: Sender<Event>,
}

impl Builder {
    fn watch_loop(mut self, inbox: &Receiver<Notice>, mut stamps: watch::Stamps) {
        while let Ok(notice) = inbox.recv() {
            match notice {
                Notice::Stop => break,
                Notice::Failed(reason) => self.emit(Event::WatchFailed(reason)),
                Notice::Changed(paths) => {
                    let paths = stamps.changed(&paths);
                    if paths.is_empty() || self.state.stopping() {
                        continue;
                    }
                    self.emit(Event::Changed(paths.clone()));
                    if let Err(e) = self.build(&paths) {
                        self.emit(Event::BuildFailed(e));
                    }
                }
            }
        }
    }

    fn emit(&self, event: Event) {
        // The receiver is gone only when the command is ending.
        let _ = self.events.send(event);
    }

    /// One build: in place when the folder online allows it, else into a new folder.
    /// `Err` when the callback could not run; the state then carries the failure for the
    /// overlay.
    fn build(&mut self, changed: &[PathBuf]) -> Result<()> {
        let started = Instant::now();
        let (out, fresh) = match self.online.take() {
            Some(online) => (online, false),
            None => {
                self.count += 1;
                let out = self.work.join(format!("build-{}", self.count));
                crate::guard::writable(&out)?;
                std::fs::create_dir(&out).map_err(|e| Error::io(&out, e))?;
                (out, true)
            }
        };
        self.emit(Event::Building);
        let target = if fresh {
            Folder::Fresh(&out)
        } else {
            Folder::Online(&out)
        };
        // Pages change from here on: they no longer show the last build's problems.
        let state = Arc::clone(&self.state);
        let writing = move || {
            if !fresh {
                state.clear_problems();
            }
        };
        let language = |lang| self.state.set_lang(lang);
        let progress = Rebuilding {
            changed,
            writing: &writing,
            language: &language,
        };
        let diagnostics = match (self.rebuild)(target, &progress) {
            Ok(d) => d,
            Err(e) => {
                // A new folder goes; the one online stays, half updated, until the next
                // build replaces it whole.
                if fresh {
                    let _ = std::fs::remove_dir_all(&out);
                }
                self.state
                    .publish(None, Some(Problems::Failed(e.to_string())));
                return Err(e);
            }
        };
        let errors = diagnostics.iter().filter(|d| d.is_error()).count();
        let outcome = if errors > 0 {
            if fresh {
                let _ = std::fs::remove_dir_all(&out);
            } else {
                self.online = Some(out);
            }
            self.state
                .publish(None, Some(Problems::Diagnostics(diagnostics.clone())));
            Outcome::Kept { errors }
        } else {
            self.online = Some(out.clone());
            if let Some(old) = self.state.publish(Some(out.clone()), None) {
                // Open files stay readable on Unix; a request racing the swap gets a 404
                // and its page reloads anyway.
                if old != out {
                    let _ = std::fs::remove_dir_all(old);
                }
            }
            Outcome::Published {
                millis: started.elapsed().as_millis(),
            }
        };
        self.emit(Event::Built {
            diagnostics,
            outcome,
        });
        Ok(())
    }
}
