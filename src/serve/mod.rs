//! The live preview behind `codesocial serve`: build into a temporary folder, serve it on
//! loopback, rebuild when a file changes and make open pages reload.
//!
//! The engine knows nothing of how a site is made: it calls a rebuild callback with an
//! empty output folder and gets back the check diagnostics. A build with errors is never
//! published; the last good one stays online and every page shows the errors in an
//! overlay until they are fixed. The pieces: [`path`] keeps requests inside the site,
//! [`http`] answers them, [`overlay`] adds the reload script and the error list to pages,
//! [`watch`] turns editor saves into rebuilds, [`state`] is what all of them share.

mod http;
pub mod overlay;
mod path;
pub mod progress;
mod state;
mod watch;

use std::io::ErrorKind;
use std::net::{IpAddr, Ipv4Addr, Ipv6Addr, SocketAddr, TcpListener};
use std::path::{Path, PathBuf};
use std::sync::atomic::{AtomicUsize, Ordering};
use std::sync::mpsc::{self, Receiver, Sender};
use std::sync::Arc;
use std::time::{Duration, Instant};

use tempfile::TempDir;

use crate::diag::{Diagnostic, Severity};
use crate::error::{Error, Result};
use crate::i18n::serve::Serve;
pub use overlay::Problems;
pub use progress::Progress;
use state::State;
use watch::Event;

/// Builds the site into the given (empty) folder and returns the check diagnostics. Any
/// error diagnostic keeps that build from being published; `Err` means it could not run.
pub type Rebuild = dyn Fn(&Path) -> Result<Vec<Diagnostic>, Error> + Send + Sync;

/// Requests answered at once at most; more get `503` (reload polls each hold one).
const MAX_IN_FLIGHT: usize = 64;
/// How long stopping waits for requests still being answered.
const DRAIN: Duration = Duration::from_secs(2);

/// How to serve, settled from the command line.
#[derive(Debug, Clone)]
pub struct Options {
    /// The #CodeSocial folder to build and watch.
    pub dir: PathBuf,
    /// Where to listen; port 0 picks a free one.
    pub addr: SocketAddr,
    pub quiet: bool,
    pub verbose: bool,
    /// Draw a spinner during long builds (see [`progress::wanted`]).
    pub progress: bool,
    /// Open the preview in the default browser once it is up.
    pub open: bool,
}

/// A bound, not yet running, preview server.
pub struct Server {
    options: Options,
    dir: PathBuf,
    http: Arc<tiny_http::Server>,
    addr: SocketAddr,
    state: Arc<State>,
    rebuild: Box<Rebuild>,
    work: TempDir,
    events: Sender<Event>,
    inbox: Receiver<Event>,
}

/// Stops a running [`Server`] from any thread (a Ctrl-C handler, a test).
#[derive(Clone)]
pub struct Stopper {
    http: Arc<tiny_http::Server>,
    state: Arc<State>,
    events: Sender<Event>,
}

impl Stopper {
    pub fn stop(&self) {
        self.state.stop();
        let _ = self.events.send(Event::Stop);
        self.http.unblock();
    }
}

impl Server {
    /// Listens on `options.addr` and prepares the temporary folder. A busy port is an
    /// error that names the next one to try.
    pub fn bind(
        options: Options,
        rebuild: impl Fn(&Path) -> Result<Vec<Diagnostic>, Error> + Send + Sync + 'static,
    ) -> Result<Server> {
        if !options.dir.is_dir() {
            return Err(Error::NotADirectory(options.dir.clone()));
        }
        let dir = options
            .dir
            .canonicalize()
            .map_err(|e| Error::io(&options.dir, e))?;
        let listener = TcpListener::bind(options.addr).map_err(|e| bind_error(options.addr, &e))?;
        let addr = listener
            .local_addr()
            .map_err(|e| bind_error(options.addr, &e))?;
        let http = tiny_http::Server::from_listener(listener, None)
            .map_err(|e| bind_failed(addr, &e.to_string()))?;
        let work = tempfile::Builder::new()
            .prefix("codesocial-serve-")
            .tempdir()
            .map_err(|e| Error::io(std::env::temp_dir(), e))?;
        let (events, inbox) = mpsc::channel();
        Ok(Server {
            options,
            dir,
            http: Arc::new(http),
            addr,
            state: Arc::new(State::default()),
            rebuild: Box::new(rebuild),
            work,
            events,
            inbox,
        })
    }

    /// The address actually listened on.
    pub fn addr(&self) -> SocketAddr {
        self.addr
    }

    /// The address to open in a browser.
    pub fn url(&self) -> String {
        let ip = match self.addr.ip() {
            IpAddr::V4(ip) if ip.is_unspecified() => IpAddr::V4(Ipv4Addr::LOCALHOST),
            IpAddr::V6(ip) if ip.is_unspecified() => IpAddr::V6(Ipv6Addr::LOCALHOST),
            ip => ip,
        };
        format!("http://{}/", SocketAddr::new(ip, self.addr.port()))
    }

    /// The temporary folder builds go to; removed when the server stops.
    pub fn work_dir(&self) -> &Path {
        self.work.path()
    }

    pub fn stopper(&self) -> Stopper {
        Stopper {
            http: Arc::clone(&self.http),
            state: Arc::clone(&self.state),
            events: self.events.clone(),
        }
    }

    /// Builds once, then serves and rebuilds until stopped; removes the temporary folder
    /// before returning. Fails only when the first build cannot run at all.
    pub fn run(self) -> Result<()> {
        let url = self.url();
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
            quiet: self.options.quiet,
            progress: self.options.progress,
        };
        let ignored = vec![work_root];
        let stamps = watch::Stamps::scan(&self.dir, &ignored);
        builder.build()?;
        announce(&self.options, self.addr, &url);
        let watcher = match watch::start(&self.dir, ignored, self.events.clone()) {
            Ok(w) => Some(w),
            Err(reason) => {
                crate::run::eprintln(&Serve::WatchFailed { reason: &reason }.text());
                None
            }
        };
        let verbose = self.options.verbose;
        let inbox = self.inbox;
        let rebuilds = std::thread::spawn(move || builder.watch_loop(&inbox, stamps, verbose));
        accept_loop(&self.http, &self.state);
        drop(watcher);
        let _ = self.events.send(Event::Stop);
        let _ = rebuilds.join();
        let path = self.work.path().display().to_string();
        if let Err(e) = self.work.close() {
            eprintln!(
                "{}",
                Serve::CleanupFailed {
                    path: &path,
                    reason: &e.to_string()
                }
                .text()
            );
        }
        if !self.options.quiet {
            crate::run::println(&Serve::Stopped.text());
        }
        Ok(())
    }
}

/// Says where the preview is (and warns when other machines can reach it).
fn announce(options: &Options, addr: SocketAddr, url: &str) {
    if !addr.ip().is_loopback() {
        eprintln!(
            "{}",
            Serve::Exposed {
                addr: &addr.to_string()
            }
            .text()
        );
    }
    if !options.quiet {
        let dir = options.dir.display().to_string();
        crate::run::println(&Serve::Serving { dir: &dir, url }.text());
    }
    if options.open {
        if let Err(reason) = open_browser(url) {
            eprintln!("{}", Serve::OpenFailed { reason: &reason }.text());
        }
    }
}

fn bind_error(addr: SocketAddr, e: &std::io::Error) -> Error {
    if e.kind() == ErrorKind::AddrInUse {
        let port = addr.port();
        let next = port.checked_add(1).unwrap_or(8000);
        Error::PortInUse { port, next }
    } else {
        bind_failed(addr, &e.to_string())
    }
}

fn bind_failed(addr: SocketAddr, reason: &str) -> Error {
    Error::BindFailed {
        addr: addr.to_string(),
        reason: reason.to_string(),
    }
}

/// Hands requests to short-lived threads until the server is stopped.
fn accept_loop(http: &tiny_http::Server, state: &Arc<State>) {
    let in_flight = Arc::new(AtomicUsize::new(0));
    loop {
        match http.recv() {
            Ok(request) => dispatch(request, state, &in_flight),
            Err(_) if state.stopping() => break,
            // An accept error (a client that vanished): keep serving, without spinning.
            Err(_) => std::thread::sleep(Duration::from_millis(20)),
        }
    }
    let deadline = Instant::now() + DRAIN;
    while in_flight.load(Ordering::SeqCst) > 0 && Instant::now() < deadline {
        std::thread::sleep(Duration::from_millis(10));
    }
}

fn dispatch(request: tiny_http::Request, state: &Arc<State>, in_flight: &Arc<AtomicUsize>) {
    if in_flight.fetch_add(1, Ordering::SeqCst) >= MAX_IN_FLIGHT {
        in_flight.fetch_sub(1, Ordering::SeqCst);
        http::busy(request);
        return;
    }
    let guard = InFlight(Arc::clone(in_flight));
    let state = Arc::clone(state);
    // If no thread can be started the request is dropped, which closes the connection.
    let _ = std::thread::Builder::new().spawn(move || {
        let _guard = guard;
        http::handle(request, &state);
    });
}

/// Counts a request as answered even if its handler panics.
struct InFlight(Arc<AtomicUsize>);

impl Drop for InFlight {
    fn drop(&mut self) {
        self.0.fetch_sub(1, Ordering::SeqCst);
    }
}

/// Runs the rebuild callback into fresh folders and publishes the outcome.
struct Builder {
    rebuild: Box<Rebuild>,
    state: Arc<State>,
    work: PathBuf,
    count: u64,
    quiet: bool,
    progress: bool,
}

impl Builder {
    fn watch_loop(mut self, inbox: &Receiver<Event>, mut stamps: watch::Stamps, verbose: bool) {
        while let Ok(event) = inbox.recv() {
            match event {
                Event::Stop => break,
                Event::Failed(reason) => {
                    crate::run::eprintln(&Serve::WatchFailed { reason: &reason }.text())
                }
                Event::Changed(paths) => {
                    let paths = stamps.changed(&paths);
                    if paths.is_empty() {
                        continue;
                    }
                    if verbose {
                        let list: Vec<String> =
                            paths.iter().map(|p| p.display().to_string()).collect();
                        let paths =
                            crate::escape::terminal::one_line(&list.join(", ")).into_owned();
                        crate::run::println(&Serve::Changed { paths: &paths }.text());
                    }
                    if let Err(e) = self.build() {
                        let reason = &e.to_string();
                        crate::run::eprintln(&Serve::BuildFailed { reason }.text());
                    }
                }
            }
        }
    }

    /// One build into a new folder. `Err` when the callback could not run; the state then
    /// carries the failure for the overlay.
    fn build(&mut self) -> Result<()> {
        self.count += 1;
        let out = self.work.join(format!("build-{}", self.count));
        std::fs::create_dir(&out).map_err(|e| Error::io(&out, e))?;
        let started = Instant::now();
        let progress = Progress::start(Serve::Building.text(), self.progress);
        let result = (self.rebuild)(&out);
        progress.finish();
        let diagnostics = match result {
            Ok(d) => d,
            Err(e) => {
                let _ = std::fs::remove_dir_all(&out);
                self.state
                    .publish(None, Some(Problems::Failed(e.to_string())));
                return Err(e);
            }
        };
        print_diagnostics(&diagnostics);
        let errors = diagnostics.iter().filter(|d| d.is_error()).count();
        if errors > 0 {
            let _ = std::fs::remove_dir_all(&out);
            self.state
                .publish(None, Some(Problems::Diagnostics(diagnostics)));
            eprintln!("{}", Serve::KeptLastGood { errors }.text());
            return Ok(());
        }
        if let Some(old) = self.state.publish(Some(out), None) {
            // Open files stay readable on Unix; a request racing the swap gets a 404 and
            // its page reloads anyway.
            let _ = std::fs::remove_dir_all(old);
        }
        if !self.quiet {
            let millis = started.elapsed().as_millis();
            crate::run::println(&Serve::Rebuilt { millis }.text());
        }
        Ok(())
    }
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
        crate::run::eprintln(&line);
        if let Some(help) = &d.help {
            crate::run::eprintln(&format!("    {help}"));
        }
    }
}

/// Opens `url` with the platform's opener, without waiting for it.
fn open_browser(url: &str) -> std::result::Result<(), String> {
    let mut command = if cfg!(target_os = "macos") {
        std::process::Command::new("open")
    } else if cfg!(windows) {
        let mut c = std::process::Command::new("cmd");
        c.args(["/C", "start", ""]);
        c
    } else {
        std::process::Command::new("xdg-open")
    };
    command
        .arg(url)
        .stdin(std::process::Stdio::null())
        .stdout(std::process::Stdio::null())
        .stderr(std::process::Stdio::null())
        .spawn()
        .map(drop)
        .map_err(|e| e.to_string())
}
