//! The only way the ecosystem runs `git`: with every configuration that could execute a
//! command or redirect a fetch neutralised, without prompts, inside its own process group,
//! and killed whole when the deadline passes.
//!
//! Why the command and not libgit2: git2 is built here without network transports, and the
//! command brings ssh keys, proxies (`https_proxy`) and protocol support that users
//! already have. Why so many precautions: the URL comes from a `codesocial.yaml` that a
//! pull request may have written, and the user's or a CI runner's own git configuration
//! may hold helpers, hooks or rewrites (`url.*.insteadOf`) that must not run on its behalf.
//! The set follows what git itself treats as dangerous in a repository it does not trust
//! (`core.fsmonitor`, `core.hooksPath`, `core.sshCommand`, `uploadpack`, credential helpers,
//! `protocol.*.allow`) and how cargo runs `git fetch` (`net.git-fetch-with-cli`: an
//! explicit URL and refspecs, the repository variables of the environment removed).

use std::ffi::OsString;
use std::path::Path;
use std::process::{Child, Command, Stdio};
use std::time::{Duration, Instant};

use super::error::EcoError;

/// The transports git may use (`GIT_ALLOW_PROTOCOL`): never `ext::` (runs a command) nor
/// any other remote helper.
pub const PROTOCOLS: &str = "https:http:ssh:git:file";

/// `-c` settings given to every git command. Later `-c` values win over every
/// configuration file, so each key that can execute a program, redirect a fetch or leave a
/// process behind is set here, even though no configuration file is read at all.
const OVERRIDES: &[&str] = &[
    "core.hooksPath=/dev/null",
    "core.fsmonitor=false",
    "core.askPass=",
    "core.gitProxy=none",
    "credential.helper=",
    "protocol.allow=never",
    "protocol.https.allow=always",
    "protocol.http.allow=always",
    "protocol.ssh.allow=always",
    "protocol.git.allow=always",
    "protocol.file.allow=always",
    "protocol.ext.allow=never",
    "transfer.bundleURI=false",
    "fetch.recurseSubmodules=false",
    "submodule.recurse=false",
    "gc.auto=0",
    "maintenance.auto=false",
    "fetch.unpackLimit=1",
    "fetch.writeCommitGraph=false",
];

/// Environment variables that would point git at another repository, add configuration or
/// change where objects come from (`git rev-parse --local-env-vars`, and the variables
/// that inject configuration).
const REMOVED_ENV: &[&str] = &[
    "GIT_DIR",
    "GIT_WORK_TREE",
    "GIT_COMMON_DIR",
    "GIT_INDEX_FILE",
    "GIT_OBJECT_DIRECTORY",
    "GIT_ALTERNATE_OBJECT_DIRECTORIES",
    "GIT_GRAFT_FILE",
    "GIT_NO_REPLACE_OBJECTS",
    "GIT_REPLACE_REF_BASE",
    "GIT_PREFIX",
    "GIT_SHALLOW_FILE",
    "GIT_NAMESPACE",
    "GIT_CEILING_DIRECTORIES",
    "GIT_CONFIG",
    "GIT_CONFIG_PARAMETERS",
    "GIT_CONFIG_COUNT",
    "GIT_CONFIG_SYSTEM",
    "GIT_EXEC_PATH",
    "GIT_TEMPLATE_DIR",
];

/// When fetching must be over: one instant for all the sources of a command.
#[derive(Debug, Clone, Copy)]
pub struct Deadline {
    at: Instant,
    seconds: u64,
}

impl Deadline {
    /// `CODESOCIAL_GIT_TIMEOUT` seconds (default: [`crate::settings::GIT_TIMEOUT`]) from now.
    pub fn from_env() -> Self {
        let seconds = crate::settings::GIT_TIMEOUT.get();
        Deadline {
            // A timeout past what the clock can count is no timeout (u64::MAX seconds).
            at: Instant::now()
                .checked_add(Duration::from_secs(seconds))
                .unwrap_or_else(|| Instant::now() + Duration::from_secs(100 * 365 * 24 * 3600)),
            seconds,
        }
    }

    fn passed(&self) -> bool {
        Instant::now() >= self.at
    }

    fn error(&self) -> EcoError {
        EcoError::TimedOut {
            seconds: self.seconds,
        }
    }
}

/// The git command with every setting above, run from `cwd` (never a work tree).
fn command(cwd: &Path, deadline: &Deadline) -> Command {
    let mut cmd = Command::new("git");
    for setting in OVERRIDES {
        cmd.arg("-c").arg(setting);
    }
    // Should this process die (Ctrl-C reaches it, not git's own group), a stalled
    // transfer still ends by itself: curl gives up after the same time without a byte,
    // ssh after as long without a connection, and never asks anything.
    let seconds = deadline.seconds;
    cmd.arg("-c")
        .arg(format!(
            "core.sshCommand=ssh -o BatchMode=yes -o ConnectTimeout={seconds} -o ServerAliveInterval=15 -o ServerAliveCountMax=2"
        ))
        .arg("-c")
        .arg("http.lowSpeedLimit=1")
        .arg("-c")
        .arg(format!("http.lowSpeedTime={seconds}"));
    for var in REMOVED_ENV {
        cmd.env_remove(var);
    }
    // Variables named GIT_CONFIG_KEY_<n> / GIT_CONFIG_VALUE_<n> inject settings too.
    for (key, _) in std::env::vars_os() {
        let injected = key.to_str().is_some_and(|k| {
            k.starts_with("GIT_CONFIG_KEY_") || k.starts_with("GIT_CONFIG_VALUE_")
        });
        if injected {
            cmd.env_remove(key);
        }
    }
    // `HOME` is not trusted either: git older than 2.32 ignores GIT_CONFIG_GLOBAL and
    // would read `~/.gitconfig`. A home that does not exist holds no configuration; ssh
    // finds the user's keys from the password database, not from `HOME`.
    let no_home = cwd.join("codesocial-no-home");
    cmd.env("GIT_CONFIG_NOSYSTEM", "1")
        .env("GIT_CONFIG_GLOBAL", null_device())
        .env("HOME", &no_home)
        .env("XDG_CONFIG_HOME", &no_home)
        .env("GIT_TERMINAL_PROMPT", "0")
        .env("GIT_ALLOW_PROTOCOL", PROTOCOLS)
        .env("GIT_PROTOCOL_FROM_USER", "0")
        .current_dir(cwd)
        .stdin(Stdio::null())
        .stdout(Stdio::null());
    #[cfg(unix)]
    {
        // Its own group, so that a time-out kills git's helpers (git-remote-http, ssh)
        // along with it.
        use std::os::unix::process::CommandExt;
        cmd.process_group(0);
    }
    cmd
}

fn null_device() -> &'static str {
    if cfg!(windows) {
        "NUL"
    } else {
        "/dev/null"
    }
}

/// Runs `git ARGS` from `cwd`, quietly, before `deadline`. The error is git's most telling
/// line, the time-out, or git missing.
pub fn run(args: &[OsString], cwd: &Path, deadline: &Deadline) -> Result<(), EcoError> {
    if deadline.passed() {
        return Err(deadline.error());
    }
    let spawn_failed = |e: std::io::Error| EcoError::Spawn(e.to_string());
    let stderr = tempfile::tempfile().map_err(spawn_failed)?;
    let err_copy = stderr.try_clone().map_err(spawn_failed)?;
    let child = command(cwd, deadline)
        .args(args)
        .stderr(Stdio::from(err_copy))
        .spawn()
        .map_err(|e| match e.kind() {
            std::io::ErrorKind::NotFound => EcoError::NoGit,
            _ => spawn_failed(e),
        })?;
    running().push(child.id());
    let status = wait(child, deadline)?;
    if status.success() {
        return Ok(());
    }
    Err(complaint(stderr))
}

/// The git processes running now (each the leader of its own process group), for
/// [`kill_running`]. Locked while a child is reaped and forgotten, so that a group id is
/// never killed once its leader is reaped (the id could then be another process's).
static RUNNING: std::sync::Mutex<Vec<u32>> = std::sync::Mutex::new(Vec::new());

fn running() -> std::sync::MutexGuard<'static, Vec<u32>> {
    RUNNING
        .lock()
        .unwrap_or_else(std::sync::PoisonError::into_inner)
}

/// Kills every git process this process started and that still runs, with its whole
/// group (git's helpers: `git-remote-http`, `ssh`). Git runs in groups of its own (so that
/// a time-out kills it whole), which a signal sent to codesocial's group (Ctrl-C) or to
/// codesocial alone (SIGTERM) does not reach: a signal handler calls this before exiting.
/// The lock stays held until the process exits: no git starts or is reaped after it.
pub fn kill_running() {
    let guard = running();
    #[cfg(unix)]
    for &pid in guard.iter() {
        use rustix::process::{kill_process_group, Pid, Signal};
        if let Some(pid) = i32::try_from(pid).ok().and_then(Pid::from_raw) {
            let _ = kill_process_group(pid, Signal::KILL);
        }
    }
    std::mem::forget(guard);
}

/// Waits for `child` until `deadline`; past it, kills its whole process group. Forgets
/// it in [`RUNNING`] as it is reaped.
fn wait(mut child: Child, deadline: &Deadline) -> Result<std::process::ExitStatus, EcoError> {
    let forget = |child: &Child, list: &mut Vec<u32>| list.retain(|&p| p != child.id());
    loop {
        let mut list = running();
        let reaped = child.try_wait();
        if !matches!(reaped, Ok(None)) {
            forget(&child, &mut list);
        }
        drop(list);
        match reaped {
            Ok(Some(status)) => return Ok(status),
            Ok(None) if deadline.passed() => {
                kill_group(&mut child);
                return Err(deadline.error());
            }
            Ok(None) => std::thread::sleep(Duration::from_millis(20)),
            Err(e) => {
                kill_group(&mut child);
                return Err(EcoError::Spawn(e.to_string()));
            }
        }
    }
}

/// Kills `child` and every process of its group, then reaps it. The group is killed while
/// its leader is not yet reaped, so its id cannot have been reused.
fn kill_group(child: &mut Child) {
    let mut list = running();
    #[cfg(unix)]
    {
        use rustix::process::{kill_process_group, Pid, Signal};
        let _ = kill_process_group(Pid::from_child(child), Signal::KILL);
    }
    let _ = child.kill();
    let _ = child.wait();
    list.retain(|&p| p != child.id());
}

/// git's most telling line: the first `fatal:` or `error:` one (later ones are generic),
/// else the last line; control characters a server sent are made visible.
fn complaint(mut file: std::fs::File) -> EcoError {
    use std::io::{Read, Seek};
    let mut bytes = Vec::new();
    let _ = file.rewind();
    let _ = file.take(64 * 1024).read_to_end(&mut bytes);
    let text = String::from_utf8_lossy(&bytes);
    let lines: Vec<&str> = text
        .lines()
        .map(str::trim)
        .filter(|l| !l.is_empty())
        .collect();
    let line = lines
        .iter()
        .find(|l| l.starts_with("fatal:") || l.starts_with("error:"))
        .or(lines.last())
        .copied();
    let Some(line) = line else {
        return EcoError::GitSilent;
    };
    let detail = line
        .trim_start_matches("fatal:")
        .trim_start_matches("error:")
        .trim();
    EcoError::Git(crate::escape::terminal::shown(detail).into_owned())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn every_executing_key_is_overridden() {
        for key in [
            "core.hooksPath",
            "core.fsmonitor",
            "credential.helper",
            "protocol.allow",
            "protocol.ext.allow",
        ] {
            assert!(
                OVERRIDES.iter().any(|s| s.starts_with(&format!("{key}="))),
                "{key}"
            );
        }
        assert!(!PROTOCOLS.contains("ext"));
        let args: Vec<String> = command(Path::new("/"), &Deadline::from_env())
            .get_args()
            .map(|a| a.to_string_lossy().into_owned())
            .collect();
        assert!(args
            .iter()
            .any(|a| a.starts_with("core.sshCommand=ssh -o BatchMode=yes")));
    }

    #[test]
    fn git_complaints_reach_no_terminal_raw() {
        use std::io::Write;
        let mut file = tempfile::tempfile().expect("tmp");
        writeln!(
            file,
            "remote: \u{1b}[2Jhello\nfatal: repository \u{1b}]8;;x\u{7}not found\nerror: later"
        )
        .expect("write");
        let EcoError::Git(detail) = complaint(file) else {
            panic!("not a git complaint");
        };
        assert!(!detail.chars().any(char::is_control), "{detail:?}");
        assert!(detail.starts_with("repository \\u{1b}]8;;x"), "{detail:?}");
        assert_eq!(
            complaint(tempfile::tempfile().expect("tmp")),
            EcoError::GitSilent
        );
    }
}
