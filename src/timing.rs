//! Phase timings for profiling: with `CODESOCIAL_TIMINGS=1` in the environment, each
//! [`phase`] prints its name and wall-clock time on stderr when it ends. Off by default
//! (one environment lookup per process); the measurements in `docs/performance.md` use it.

use std::io::Write as _;
use std::sync::OnceLock;
use std::time::Instant;

fn enabled() -> bool {
    static ON: OnceLock<bool> = OnceLock::new();
    *ON.get_or_init(|| std::env::var_os("CODESOCIAL_TIMINGS").is_some_and(|v| v != "0"))
}

/// A running phase; reports when dropped.
pub struct Phase {
    name: &'static str,
    start: Option<Instant>,
}

/// Starts timing `name` (does nothing unless `CODESOCIAL_TIMINGS` is set).
pub fn phase(name: &'static str) -> Phase {
    Phase {
        name,
        start: enabled().then(Instant::now),
    }
}

impl Drop for Phase {
    fn drop(&mut self) {
        if let Some(start) = self.start {
            // Never `eprintln!`: it panics when stderr is closed (`2>&-`), and a
            // profiling aid must not end the run.
            let _ = writeln!(
                std::io::stderr().lock(),
                "[timing] {:<28} {:>8.1} ms",
                self.name,
                start.elapsed().as_secs_f64() * 1000.0
            );
        }
    }
}
