//! Issue 14 as an attacker tries it, through the real binary: a pull request (or the
//! machine's own git configuration) that would make the ecosystem's git run a command,
//! read a fake copy of a partner, or touch a folder outside the repository; a partner
//! whose repository holds a 1 GiB blob; `check` reaching the network without being asked;
//! a fetch that hangs. Every payload writes a marker file: it must never appear.

use std::ffi::{OsStr, OsString};
use std::io::{Read, Write};
use std::net::{TcpListener, TcpStream};
use std::path::{Path, PathBuf};
use std::sync::{Arc, Mutex};
use std::time::{Duration, Instant};

use serde_json::Value;

use crate::common::{command, git, replace, snapshot, EN};
use crate::ecosystem::{find, Eco, Output};

/// A shell command that creates `marker`: the payload of every attempt.
fn payload(marker: &Path) -> String {
    format!("touch '{}'", marker.display())
}

/// A folder of git hooks, each creating `marker`.
fn hostile_hooks(dir: &Path, marker: &Path) -> PathBuf {
    use std::os::unix::fs::PermissionsExt;
    let hooks = dir.join("hostile-hooks");
    std::fs::create_dir_all(&hooks).expect("mkdir");
    for name in [
        "reference-transaction",
        "post-checkout",
        "post-merge",
        "pre-push",
    ] {
        let hook = hooks.join(name);
        std::fs::write(&hook, format!("#!/bin/sh\n{}\n", payload(marker))).expect("hook");
        std::fs::set_permissions(&hook, std::fs::Permissions::from_mode(0o755)).expect("chmod");
    }
    hooks
}

/// A tiny HTTP server on loopback that counts connections and answers each request with
/// `reply` (`None`: never answers, holding the connection open).
struct Server {
    port: u16,
    connections: Arc<Mutex<Vec<TcpStream>>>,
}

impl Server {
    fn start(reply: Option<&'static str>) -> Server {
        let listener = TcpListener::bind("127.0.0.1:0").expect("bind");
        let port = listener.local_addr().expect("addr").port();
        let connections = Arc::new(Mutex::new(Vec::new()));
        let seen = Arc::clone(&connections);
        std::thread::spawn(move || {
            for stream in listener.incoming().flatten() {
                if let Some(reply) = reply {
                    let mut s = &stream;
                    let mut buf = [0u8; 4096];
                    let _ = s.read(&mut buf);
                    let _ = s.write_all(reply.as_bytes());
                }
                seen.lock().expect("lock").push(stream);
            }
        });
        Server { port, connections }
    }

    fn url(&self, path: &str) -> String {
        format!("http://127.0.0.1:{}/{path}", self.port)
    }

    fn connections(&self) -> usize {
        self.connections.lock().expect("lock").len()
    }

    /// Whether every connection has been closed by the other side.
    fn all_closed(&self) -> bool {
        self.connections.lock().expect("lock").iter().all(|s| {
            let _ = s.set_read_timeout(Some(Duration::from_secs(2)));
            let mut buf = [0u8; 64];
            let mut s = s;
            loop {
                match s.read(&mut buf) {
                    Ok(0) => return true,
                    Ok(_) => continue,
                    Err(e) if e.kind() == std::io::ErrorKind::ConnectionReset => return true,
                    Err(_) => return false,
                }
            }
        })
    }
}

const UNAUTHORIZED: &str = "HTTP/1.1 401 Unauthorized\r\nWWW-Authenticate: Basic realm=\"x\"\r\nContent-Length: 0\r\nConnection: close\r\n\r\n";

/// A `git` first on `PATH` that records its process id (its process group's, since the
/// tool starts each git in a group of its own) and creates `marker`, then runs the real
/// git: shows whether, and which, git processes the tool started.
fn git_spy(dir: &Path, marker: &Path) -> (OsString, PathBuf) {
    use std::os::unix::fs::PermissionsExt;
    let real = String::from_utf8(
        std::process::Command::new("sh")
            .args(["-c", "command -v git"])
            .output()
            .expect("sh")
            .stdout,
    )
    .expect("utf8");
    let bin = dir.join("spy-bin");
    std::fs::create_dir_all(&bin).expect("mkdir");
    let pids = dir.join("git-pids");
    let script = format!(
        "#!/bin/sh\necho $$ >> '{}'\ntouch '{}'\nexec '{}' \"$@\"\n",
        pids.display(),
        marker.display(),
        real.trim()
    );
    std::fs::write(bin.join("git"), script).expect("spy");
    std::fs::set_permissions(bin.join("git"), std::fs::Permissions::from_mode(0o755))
        .expect("chmod");
    let path = std::env::join_paths(std::iter::once(bin).chain(std::env::split_paths(
        &std::env::var_os("PATH").unwrap_or_default(),
    )))
    .expect("PATH");
    (path, pids)
}

/// The processes still running in process group `pgid` (read from `/proc`; a zombie,
/// killed and waiting for its new parent to reap it, runs nothing).
fn group_members(pgid: u32) -> Vec<String> {
    let mut alive = Vec::new();
    for entry in std::fs::read_dir("/proc").expect("/proc").flatten() {
        let Ok(stat) = std::fs::read_to_string(entry.path().join("stat")) else {
            continue;
        };
        // pid (comm) state ppid pgrp …: comm may hold spaces, so read after the last ')'.
        let Some((head, rest)) = stat.rsplit_once(')') else {
            continue;
        };
        let fields: Vec<&str> = rest.split_whitespace().collect();
        let zombie = fields.first() == Some(&"Z");
        if !zombie && fields.get(2).and_then(|g| g.parse::<u32>().ok()) == Some(pgid) {
            alive.push(format!("{head}) {}", fields.first().unwrap_or(&"?")));
        }
    }
    alive
}

fn check(eco: &Eco, args: &[&str], env: &[(&str, &OsStr)]) -> (Output, Value) {
    let mut all = vec!["check", "--format", "json"];
    all.extend_from_slice(args);
    let out = eco.run_env(&all, env);
    let v = serde_json::from_str(&out.stdout).unwrap_or_else(|e| panic!("{e}: {out:?}"));
    (out, v)
}

// ---------------------------------------------------------------------------------------
// The cache is never read from, or written into, the work tree.

/// A fake copy of B committed as `.codesocial/cache/fabrique.git` (where older versions
/// kept copies): two `remote.origin.url` values, an `uploadpack` payload, hooks, and a
/// catalogue that differs from B's. It is never read, never run, never changed.
#[test]
fn a_committed_cache_is_neither_read_nor_run() {
    let eco = Eco::new();
    let marker = eco.tmp.path().join("PWNED");
    let url = eco.b_url();
    eco.set_source(&url, Some("v1"));
    // The fake: B with another title, mirrored into A's old cache folder.
    let fake = eco.tmp.path().join("fake");
    crate::common::copy_dir(&eco.b(), &fake);
    replace(
        &fake.join("catalogue/menuiserie.md"),
        "Menuiserie sur mesure",
        "Menuiserie FAUSSE",
    );
    git(&fake, &["commit", "-q", "-am", "fake"]);
    let old = eco.a().join(".codesocial/cache");
    std::fs::create_dir_all(&old).expect("mkdir");
    git(
        &old,
        &[
            "clone",
            "-q",
            "--mirror",
            fake.to_str().expect("utf8"),
            "fabrique.git",
        ],
    );
    let hooks = hostile_hooks(eco.tmp.path(), &marker);
    let config = old.join("fabrique.git/config");
    let mut text = std::fs::read_to_string(&config).expect("config");
    text.push_str(&format!(
        "[remote \"origin\"]\n\turl = ext::sh -c '{p}'\n\turl = {url}\n\tuploadpack = {p};\n\
         [core]\n\thooksPath = {h}\n\tfsmonitor = {p};\n\tsshCommand = {p};\n",
        p = payload(&marker),
        h = hooks.display(),
    ));
    std::fs::write(&config, text).expect("write config");
    git(&eco.a(), &["init", "-q"]);
    git(&eco.a(), &["add", "-A", "-f"]);
    git(&eco.a(), &["commit", "-q", "-m", "pull request"]);
    let before = snapshot(&old);

    let (out, v) = check(&eco, &[], &[]);
    assert_eq!(out.code, 0, "{out:?}");
    find(&v, "codesocial::ecosysteme::not-fetched");
    let notice = "`.codesocial/cache` is no longer used";
    assert_eq!(out.stderr.matches(notice).count(), 1, "{}", out.stderr);
    for args in [
        &["check", "--fetch"][..],
        &["fetch"],
        &["catalogue", "--fetch"],
        &["export", "--fetch"],
    ] {
        let out = eco.run(args);
        assert!(!marker.exists(), "{args:?} ran the payload: {out:?}");
        assert!(out.stderr.contains(notice), "{args:?}: {}", out.stderr);
    }
    let catalogue = eco.run(&["catalogue"]);
    assert!(
        catalogue.stdout.contains("Menuiserie sur mesure") && !catalogue.stdout.contains("FAUSSE"),
        "{catalogue:?}"
    );
    assert_eq!(snapshot(&old), before, "the old cache was changed");
    assert!(!marker.exists());
}

/// `.codesocial` committed as a link to a folder outside the repository: nothing there is
/// read, deleted or written, whatever the command.
#[test]
fn a_symlinked_dot_codesocial_touches_nothing_outside() {
    let eco = Eco::new();
    let url = eco.b_url();
    eco.set_source(&url, None);
    let outside = eco.tmp.path().join("outside");
    std::fs::create_dir_all(outside.join("cache/fabrique.git/objects")).expect("mkdir");
    std::fs::write(outside.join("cache/fabrique.git/HEAD"), "precious\n").expect("write");
    std::fs::write(outside.join("precious.txt"), "keep me\n").expect("write");
    std::os::unix::fs::symlink(&outside, eco.a().join(".codesocial")).expect("symlink");
    let before = snapshot(&outside);
    for args in [
        &["check"][..],
        &["check", "--fetch"],
        &["fetch"],
        &["catalogue"],
        &["build", "--fetch"],
    ] {
        let out = eco.run(args);
        assert_ne!(out.code, 2, "{args:?}: {out:?}");
        assert!(!out.stderr.contains("no longer used"), "{}", out.stderr);
    }
    assert_eq!(snapshot(&outside), before);
    // And the partner is read from the user's cache.
    let (out, v) = check(&eco, &["--strict"], &[]);
    assert_eq!(out.code, 0, "{v:#}");
}

/// Cache paths that are links or files, or that lie inside the repository, are refused
/// with a message naming them; what they point to is left as it was.
#[test]
fn cache_paths_that_are_links_files_or_in_the_repository_are_refused() {
    let eco = Eco::with_git_source();
    let sentinel = eco.tmp.path().join("sentinel");
    std::fs::create_dir_all(&sentinel).expect("mkdir");
    std::fs::write(sentinel.join("precious.txt"), "keep me\n").expect("write");

    // The copy itself replaced by a link to the sentinel.
    let copy = eco.cache().join("git").join(&eco.copies()[0]);
    std::fs::rename(&copy, eco.tmp.path().join("moved.git")).expect("move");
    std::os::unix::fs::symlink(&sentinel, &copy).expect("symlink");
    let before = snapshot(&sentinel);
    let (out, v) = check(&eco, &[], &[]);
    assert_eq!(out.code, 0, "{out:?}");
    let d = find(&v, "codesocial::ecosysteme::unreachable");
    let message = d["message"].as_str().expect("message");
    assert!(
        message.contains(&copy.display().to_string()) && message.contains("symbolic link"),
        "{message}"
    );
    let out = eco.run(&["fetch"]);
    assert_eq!(out.code, 2, "{out:?}");
    assert!(out.stdout.contains("symbolic link"), "{}", out.stdout);
    assert_eq!(snapshot(&sentinel), before);

    // The cache folder is a file.
    let file = eco.tmp.path().join("a-file");
    std::fs::write(&file, "not a folder\n").expect("write");
    let env = [("CODESOCIAL_CACHE_DIR", file.as_os_str())];
    let out = eco.run_env(&["fetch"], &env);
    assert_eq!(out.code, 2, "{out:?}");
    assert!(
        out.stdout
            .contains(&format!("`{}` is not a folder", file.display())),
        "{}",
        out.stdout
    );
    assert_eq!(
        std::fs::read_to_string(&file).expect("read"),
        "not a folder\n"
    );

    // The cache inside the repository, where a pull request can write.
    let inside = eco.a().join(".cache");
    let env = [("CODESOCIAL_CACHE_DIR", inside.as_os_str())];
    let out = eco.run_env(&["fetch"], &env);
    assert_eq!(out.code, 2, "{out:?}");
    assert!(
        out.stdout.contains("inside the repository"),
        "{}",
        out.stdout
    );
    assert!(!inside.exists());
}

// ---------------------------------------------------------------------------------------
// Every git subprocess runs with configuration neutralised.

/// A hostile git configuration: given the test's folder, the marker and the source URL.
type HostileConfig = fn(&Path, &Path, &str) -> String;

/// The user-level git configuration (`~/.gitconfig` through `HOME`, and
/// `$XDG_CONFIG_HOME/git/config`) and the environment's injected settings each try one
/// executing key; `fetch` runs none of them.
#[test]
fn hostile_git_configuration_runs_nothing() {
    let server = Server::start(Some(UNAUTHORIZED));
    let variants: [(&str, HostileConfig); 4] = [
        ("hooksPath", |tmp, m, _| {
            let hooks = hostile_hooks(tmp, m);
            format!("[core]\n\thooksPath = {}\n", hooks.display())
        }),
        ("uploadpack", |_, m, url| {
            format!(
                    "[remote \"{url}\"]\n\tuploadpack = {};git-upload-pack\n[remote \"origin\"]\n\tuploadpack = {};git-upload-pack\n",
                    payload(m),
                    payload(m)
                )
        }),
        ("insteadOf ext::", |_, m, _| {
            format!(
                    "[url \"ext::sh -c {}% #\"]\n\tinsteadOf = file://\n\tinsteadOf = ssh://\n\tinsteadOf = http://\n[protocol \"ext\"]\n\tallow = always\n[protocol]\n\tallow = always\n",
                    payload(m).replace(' ', "% ")
                )
        }),
        ("fsmonitor", |_, m, _| {
            format!("[core]\n\tfsmonitor = {};\n", payload(m))
        }),
    ];
    for (name, config) in &variants {
        let eco = Eco::new();
        let marker = eco.tmp.path().join("PWNED");
        let url = eco.b_url();
        eco.set_source(&url, None);
        let text = config(eco.tmp.path(), &marker, &url);
        let home = eco.tmp.path().join("home");
        let xdg = eco.tmp.path().join("xdg");
        std::fs::create_dir_all(xdg.join("git")).expect("mkdir");
        std::fs::create_dir_all(&home).expect("mkdir");
        std::fs::write(home.join(".gitconfig"), &text).expect("gitconfig");
        std::fs::write(xdg.join("git/config"), &text).expect("xdg config");
        let env = [
            ("HOME", home.as_os_str()),
            ("XDG_CONFIG_HOME", xdg.as_os_str()),
        ];
        let out = eco.run_env(&["fetch"], &env);
        assert!(!marker.exists(), "{name}: the payload ran: {out:?}");
        assert_eq!(out.code, 0, "{name}: {out:?}");
        // Twice: the second fetch updates a copy that exists.
        let out = eco.run_env(&["check", "--fetch", "--strict"], &env);
        assert!(!marker.exists(), "{name}: the payload ran: {out:?}");
        assert_eq!(out.code, 0, "{name}: {out:?}");
    }

    // An ssh command and a credential helper, tried on the sources that would use them.
    for (name, source, text) in [
        (
            "sshCommand",
            "ssh://127.0.0.1:1/partner.git".to_string(),
            "[core]\n\tsshCommand = {p};\n".to_string(),
        ),
        (
            "credential.helper",
            server.url("partner.git"),
            "[credential]\n\thelper = !{p};\n".to_string(),
        ),
    ] {
        let eco = Eco::new();
        let marker = eco.tmp.path().join("PWNED");
        eco.set_source(&source, None);
        let home = eco.tmp.path().join("home");
        std::fs::create_dir_all(&home).expect("mkdir");
        let text = text.replace("{p}", &payload(&marker));
        std::fs::write(home.join(".gitconfig"), &text).expect("gitconfig");
        let out = eco.run_env(&["fetch"], &[("HOME", home.as_os_str())]);
        assert_eq!(out.code, 2, "{name}: {out:?}");
        assert!(!marker.exists(), "{name}: the payload ran: {out:?}");
    }
    assert!(
        server.connections() > 0,
        "the credential case reached the server"
    );

    // Settings injected through the environment (GIT_CONFIG_COUNT…).
    let eco = Eco::new();
    let marker = eco.tmp.path().join("PWNED");
    let url = eco.b_url();
    eco.set_source(&url, None);
    let hooks = hostile_hooks(eco.tmp.path(), &marker);
    let env = [
        ("GIT_CONFIG_COUNT", OsStr::new("1")),
        ("GIT_CONFIG_KEY_0", OsStr::new("core.hooksPath")),
        ("GIT_CONFIG_VALUE_0", hooks.as_os_str()),
    ];
    let out = eco.run_env(&["fetch"], &env);
    assert_eq!(out.code, 0, "{out:?}");
    assert!(!marker.exists(), "the payload ran: {out:?}");
}

/// A copy in the user's cache whose configuration and hooks were changed (by whatever
/// means): the next fetch rewrites its configuration and runs nothing.
#[test]
fn a_tampered_copy_in_the_cache_runs_nothing() {
    let eco = Eco::with_git_source();
    let marker = eco.tmp.path().join("PWNED");
    let copy = eco.cache().join("git").join(&eco.copies()[0]);
    let hooks = hostile_hooks(eco.tmp.path(), &marker);
    crate::common::copy_dir(&hooks, &copy.join("hooks"));
    let config = copy.join("config");
    let mut text = std::fs::read_to_string(&config).expect("config");
    text.push_str(&format!(
        "[core]\n\thooksPath = {h}\n\tfsmonitor = {p};\n\tsshCommand = {p};\n\
         [remote \"{u}\"]\n\tuploadpack = {p};git-upload-pack\n\
         [url \"ext::sh -c {e}% #\"]\n\tinsteadOf = file://\n[protocol]\n\tallow = always\n",
        h = hooks.display(),
        p = payload(&marker),
        u = eco.b_url(),
        e = payload(&marker).replace(' ', "% "),
    ));
    std::fs::write(&config, text).expect("write config");
    let out = eco.run(&["fetch"]);
    assert_eq!(out.code, 0, "{out:?}");
    assert!(!marker.exists(), "the payload ran: {out:?}");
    let text = std::fs::read_to_string(&config).expect("config");
    assert!(
        !text.contains("hooksPath") && !text.contains("insteadOf"),
        "{text}"
    );
}

// ---------------------------------------------------------------------------------------
// No network unless asked; one deadline; nothing left behind.

/// Without a copy, `check`, `catalogue`, `export` and `build` start no git and open no
/// connection, and say once that the source was not fetched; after `fetch`, the partner's
/// catalogue is used.
#[test]
fn commands_touch_no_network_unless_asked() {
    let eco = Eco::new();
    let marker = eco.tmp.path().join("GIT-RAN");
    let (path, _) = git_spy(eco.tmp.path(), &marker);
    let env = [("PATH", path.as_os_str())];
    let url = eco.b_url();
    eco.set_source(&url, None);
    let site = eco.tmp.path().join("site");
    let site = site.to_str().expect("utf8");
    for args in [
        &["check"][..],
        &["catalogue"],
        &["export", "--format", "jsonld"],
        &["build", "--out", site],
    ] {
        let out = eco.run_env(args, &env);
        assert!(!marker.exists(), "{args:?} started git: {out:?}");
        assert!(out.code == 0 || out.code == 1, "{args:?}: {out:?}");
    }
    let (out, v) = check(&eco, &[], &env);
    assert_eq!(out.code, 0);
    let warnings: Vec<&Value> = v["diagnostics"]
        .as_array()
        .expect("diagnostics")
        .iter()
        .filter(|d| d["code"] == "codesocial::ecosysteme::not-fetched")
        .collect();
    assert_eq!(warnings.len(), 1, "{v:#}");
    assert!(!marker.exists());

    // Asked for: git runs (the spy sees it), and the partner's offers are read after.
    let out = eco.run_env(&["fetch"], &env);
    assert_eq!(out.code, 0, "{out:?}");
    assert!(marker.exists(), "fetch must run git");
    std::fs::remove_file(&marker).expect("rm");
    let (out, v) = check(&eco, &["--strict"], &env);
    assert_eq!(out.code, 0, "{v:#}");
    assert!(!marker.exists(), "check after fetch started git");
    let catalogue = eco.run_env(&["catalogue", "--format", "json"], &env);
    assert!(
        catalogue.stdout.contains("fabrique:semapps"),
        "{catalogue:?}"
    );

    // An http source: no connection is ever opened without `--fetch`.
    let server = Server::start(None);
    let eco = Eco::new();
    eco.set_source(&server.url("partner.git"), None);
    for args in [
        &["check"][..],
        &["catalogue"],
        &["export", "--format", "jsonld"],
    ] {
        eco.run(args);
    }
    assert_eq!(server.connections(), 0, "a command reached the network");
}

/// Sources that never answer: `fetch` gives up after the one deadline for all of them
/// (in parallel, not one after another), and leaves no git process behind — the spy's
/// process groups are empty and the connections are closed.
#[test]
fn a_timed_out_fetch_kills_every_git_process() {
    let server = Server::start(None);
    let eco = Eco::new();
    let marker = eco.tmp.path().join("GIT-RAN");
    let (path, pids) = git_spy(eco.tmp.path(), &marker);
    let yaml = eco.a().join("codesocial.yaml");
    replace(
        &yaml,
        "  - id: fabrique\n    source: \"@SOURCE@\"",
        &format!(
            "  - {{ id: un, source: \"{}\" }}\n  - {{ id: deux, source: \"{}\" }}\n  - {{ id: trois, source: \"{}\" }}",
            server.url("un.git"),
            server.url("deux.git"),
            server.url("trois.git")
        ),
    );
    // One deadline for all three sources ends near `seconds`; one each would take three
    // times as long. The margin between the two absorbs a loaded CI machine.
    let seconds = 8;
    let timeout = seconds.to_string();
    let env = [
        ("PATH", path.as_os_str()),
        ("CODESOCIAL_GIT_TIMEOUT", OsStr::new(&timeout)),
    ];
    let started = Instant::now();
    let out = eco.run_env(&["fetch"], &env);
    let elapsed = started.elapsed();
    assert_eq!(out.code, 2, "{out:?}");
    assert!(
        out.stdout.contains(&format!("no answer after {seconds} s")),
        "{}",
        out.stdout
    );
    assert!(
        elapsed < Duration::from_secs(3 * seconds - 4),
        "one deadline for all sources, not one each: {elapsed:?}"
    );
    assert!(server.connections() >= 3, "git reached the server");
    let groups: Vec<u32> = std::fs::read_to_string(&pids)
        .expect("the spy ran")
        .lines()
        .filter_map(|l| l.trim().parse().ok())
        .collect();
    assert!(!groups.is_empty());
    for pgid in groups {
        let alive = group_members(pgid);
        assert!(alive.is_empty(), "left behind in group {pgid}: {alive:?}");
    }
    assert!(server.all_closed(), "a connection is still held open");
    assert!(eco.copies().is_empty(), "{:?}", eco.copies());
}

/// Issue 14 (sec17, item 4): git runs in a process group of its own (so that a time-out
/// kills its helpers too), which a signal to codesocial does not reach. SIGTERM (or
/// SIGINT) during `fetch` or `check --fetch` kills every git process it started, whole
/// groups, and codesocial exits with 128 + the signal's number.
#[test]
fn a_signal_during_a_fetch_kills_every_git_process() {
    use std::os::unix::process::CommandExt as _;
    for (args, signal, code) in [
        (&["fetch"][..], "-TERM", 143),
        (&["check", "--fetch"], "-INT", 130),
    ] {
        let server = Server::start(None);
        let eco = Eco::new();
        let marker = eco.tmp.path().join("GIT-RAN");
        let (path, pids) = git_spy(eco.tmp.path(), &marker);
        eco.set_source(&server.url("partner.git"), None);
        let mut child = command(EN)
            .arg("-C")
            .arg(eco.a())
            .args(args)
            .env("PATH", &path)
            .env("CODESOCIAL_CACHE_DIR", eco.cache())
            .env("CODESOCIAL_GIT_TIMEOUT", "120")
            .stdout(std::process::Stdio::null())
            .stderr(std::process::Stdio::null())
            // A group of its own: the signal goes to codesocial alone, as `kill` sends it.
            .process_group(0)
            .spawn()
            .expect("spawn");
        let started = Instant::now();
        while server.connections() == 0 || std::fs::read_to_string(&pids).is_err() {
            assert!(
                started.elapsed() < Duration::from_secs(30),
                "{args:?}: git never connected"
            );
            std::thread::sleep(Duration::from_millis(50));
        }
        let sent = std::process::Command::new("kill")
            .args([signal, &child.id().to_string()])
            .status()
            .expect("kill");
        assert!(sent.success());
        let status = loop {
            if let Some(status) = child.try_wait().expect("wait") {
                break status;
            }
            if started.elapsed() > Duration::from_secs(60) {
                let _ = child.kill();
                panic!("{args:?}: codesocial did not exit on the signal");
            }
            std::thread::sleep(Duration::from_millis(20));
        };
        assert_eq!(status.code(), Some(code), "{args:?}");
        let groups: Vec<u32> = std::fs::read_to_string(&pids)
            .expect("the spy ran")
            .lines()
            .filter_map(|l| l.trim().parse().ok())
            .collect();
        assert!(!groups.is_empty());
        // A killed process is reaped by its new parent a moment later.
        let settled = Instant::now();
        for pgid in groups {
            let mut alive = group_members(pgid);
            while !alive.is_empty() && settled.elapsed() < Duration::from_secs(5) {
                std::thread::sleep(Duration::from_millis(50));
                alive = group_members(pgid);
            }
            assert!(
                alive.is_empty(),
                "{args:?}: left behind in group {pgid}: {alive:?}"
            );
        }
    }
}

// ---------------------------------------------------------------------------------------
// Every read of a git object is bounded by its header.

/// A zlib stream of `header` followed by `zeros` zero bytes, written by hand with fixed
/// Huffman codes (a literal for each header byte, then matches of 258 bytes at distance
/// 1): megabytes on disk for a gigabyte inflated, made in a moment.
fn deflated_zeros(header: &[u8], zeros: u64) -> Vec<u8> {
    struct Bits {
        out: Vec<u8>,
        acc: u64,
        len: u32,
    }
    impl Bits {
        /// `n` bits of `v`, least significant first (deflate's header fields).
        fn lsb(&mut self, v: u64, n: u32) {
            self.acc |= v << self.len;
            self.len += n;
            while self.len >= 8 {
                self.out.push(self.acc as u8);
                self.acc >>= 8;
                self.len -= 8;
            }
        }
        /// A Huffman code of `n` bits, most significant first.
        fn code(&mut self, c: u64, n: u32) {
            let reversed = (0..n).fold(0, |r, i| r | (((c >> i) & 1) << (n - 1 - i)));
            self.lsb(reversed, n);
        }
    }
    let mut bits = Bits {
        out: vec![0x78, 0x01],
        acc: 0,
        len: 0,
    };
    bits.lsb(1, 1); // last block
    bits.lsb(1, 2); // fixed Huffman codes
    for &b in header {
        assert!(b < 144);
        bits.code(0x30 + u64::from(b), 8);
    }
    assert_eq!(header.last(), Some(&0), "a zero to copy from");
    assert!(zeros == 0 || zeros >= 3, "a match copies 3 bytes at least");
    // One match of 258 at distance 1, reversed once: 13 bits written in one go.
    let long_match = {
        let mut m = Bits {
            out: Vec::new(),
            acc: 0,
            len: 0,
        };
        m.code(0xC5, 8); // length code 285
        m.code(0, 5); // distance 1
        u64::from(m.out[0]) | (m.acc << 8)
    };
    let mut left = zeros;
    while left >= 268 {
        bits.lsb(long_match, 13);
        left -= 258;
    }
    while left > 0 {
        // 258 while it leaves enough, then lengths of 3 to 10 (no extra bits).
        let len = match left {
            268.. => 258,
            13.. => 10,
            11 | 12 => left - 3,
            _ => left,
        };
        match len {
            258 => bits.code(0xC5, 8), // length code 285
            l => bits.code(l - 2, 7),  // length codes 257–264: lengths 3–10
        }
        bits.code(0, 5); // distance 1
        left -= len;
    }
    bits.code(0, 7); // end of block
    if bits.len > 0 {
        bits.out.push(bits.acc as u8);
    }
    // Adler-32 of everything inflated.
    let (mut a, mut b) = (1u64, 0u64);
    for &byte in header {
        a = (a + u64::from(byte)) % 65521;
        b = (b + a) % 65521;
    }
    b = (b + (zeros % 65521) * a) % 65521;
    bits.out
        .extend_from_slice(&(((b << 16) | a) as u32).to_be_bytes());
    bits.out
}

/// The name git gives a blob of 1 GiB of zeros (`git hash-object` of it).
const GIB_OF_ZEROS: &str = "4fce05a4e4ed8cefef2d99f32c519b2fd7841b74";

/// B with `catalogue/enorme.md`, a 1 GiB blob of zeros stored as one 6.5 MB loose object.
fn partner_with_a_huge_blob(eco: &Eco) {
    let b = eco.b();
    let (dir, file) = GIB_OF_ZEROS.split_at(2);
    let objects = b.join(".git/objects").join(dir);
    std::fs::create_dir_all(&objects).expect("mkdir");
    let stream = deflated_zeros(b"blob 1073741824\0", 1 << 30);
    std::fs::write(objects.join(file), stream).expect("object");
    git(
        &b,
        &[
            "update-index",
            "--add",
            "--cacheinfo",
            &format!("100644,{GIB_OF_ZEROS},catalogue/enorme.md"),
        ],
    );
    git(&b, &["commit", "-q", "-m", "enorme"]);
    git(&b, &["tag", "enorme"]);
}

/// Runs the binary and samples its peak resident memory (`VmHWM`, KiB) until it exits.
fn peak_rss(eco: &Eco, args: &[&str]) -> (i32, String, u64) {
    let stdout = tempfile::tempfile().expect("tmp");
    let mut child = command(EN)
        .arg("-C")
        .arg(eco.a())
        .args(args)
        .env("CODESOCIAL_CACHE_DIR", eco.cache())
        .stdout(stdout.try_clone().expect("clone"))
        .stderr(std::process::Stdio::null())
        .spawn()
        .expect("spawn");
    let status = format!("/proc/{}/status", child.id());
    let started = Instant::now();
    let mut peak = 0;
    let code = loop {
        if let Ok(text) = std::fs::read_to_string(&status) {
            if let Some(kib) = text
                .lines()
                .find_map(|l| l.strip_prefix("VmHWM:"))
                .and_then(|v| v.trim().trim_end_matches("kB").trim().parse::<u64>().ok())
            {
                peak = peak.max(kib);
            }
        }
        if let Some(s) = child.try_wait().expect("wait") {
            break s.code().unwrap_or(-1);
        }
        if started.elapsed() > Duration::from_secs(120) {
            let _ = child.kill();
            panic!("no end after 120 s");
        }
        std::thread::sleep(Duration::from_millis(2));
    };
    let mut out = String::new();
    let mut f = stdout;
    use std::io::Seek;
    f.rewind().expect("rewind");
    f.read_to_string(&mut out).expect("read");
    (code, out, peak)
}

#[test]
fn a_huge_partner_blob_is_refused_at_its_header() {
    let eco = Eco::new();
    partner_with_a_huge_blob(&eco);
    // The object is real: git inflates it to 1 GiB.
    let size = git(&eco.b(), &["cat-file", "-s", GIB_OF_ZEROS]);
    assert_eq!(size, "1073741824");
    eco.set_source("../b", Some("enorme"));
    let (code, stdout, peak) = peak_rss(&eco, &["check", "--format", "json"]);
    assert_eq!(code, 0, "{stdout}");
    let v: Value = serde_json::from_str(&stdout).expect("json");
    let d = find(&v, "codesocial::io::too-large");
    assert_eq!(d["file"], "fabrique:catalogue/enorme.md", "{d:#}");
    assert!(peak > 0 && peak < 100 * 1024, "peak RSS {peak} KiB");
}

#[test]
fn the_hand_made_stream_inflates_as_zlib_does() {
    use flate2::read::ZlibDecoder;
    // Every way of ending: long matches only, then each short tail.
    for zeros in [0, 3, 10, 11, 12, 13, 258, 267, 268, 100_000, 1 << 20] {
        let header = format!("blob {zeros}\0");
        let stream = deflated_zeros(header.as_bytes(), zeros);
        let mut out = Vec::new();
        ZlibDecoder::new(&stream[..])
            .read_to_end(&mut out)
            .unwrap_or_else(|e| panic!("{zeros}: {e}"));
        let mut expected = header.into_bytes();
        expected.resize(expected.len() + zeros as usize, 0);
        assert!(
            out == expected,
            "{zeros} zeros inflate to {} bytes",
            out.len()
        );
    }
}

// ---------------------------------------------------------------------------------------
// The history judged is the repository's, never one the pull request commits.

/// `codesocial` in `dir` (English, no colour, git isolated at `dir`); returns exit code,
/// stdout and stderr.
fn run_in(dir: &Path, args: &[&str]) -> (Option<i32>, String, String) {
    let out = crate::common::isolate_git(&mut command(EN), dir)
        .arg("-C")
        .arg(dir)
        .args(["--color", "never", "--lang", "en"])
        .args(args)
        .output()
        .expect("runs");
    let text = |b: &[u8]| String::from_utf8_lossy(b).into_owned();
    (out.status.code(), text(&out.stdout), text(&out.stderr))
}

/// A pull request commits, inside the #CodeSocial folder `cs/`, what makes a folder a git
/// directory — `HEAD`, `refs/heads/main` naming the base and a copy of the objects — and
/// rewrites an intangible principle. On a fresh clone, every command that reads history
/// reads the real repository's (the one whose work tree holds `cs/`, as found through its
/// `.git`), and `check` warns about the files.
#[test]
fn a_git_directory_committed_in_the_folder_is_never_the_repository() {
    let tmp = tempfile::TempDir::new().expect("temp dir");
    let origin = tmp.path().join("origin");
    let cs = origin.join("cs");
    crate::common::copy_dir(&crate::common::root().join("tests/fixtures/diff/base"), &cs);
    crate::common::git(&origin, &["init", "-q", "-b", "main"]);
    crate::common::git(&origin, &["add", "-A"]);
    let identity = ["-c", "user.name=A", "-c", "user.email=a@example.org"];
    crate::common::git(
        &origin,
        &[&identity[..], &["commit", "-qm", "base"]].concat(),
    );
    let base = crate::common::git(&origin, &["rev-parse", "HEAD"]);
    let reserves = cs.join("principes/financier/reserves.md");
    let text = std::fs::read_to_string(&reserves).expect("read");
    std::fs::write(
        &reserves,
        text.replacen("ne se partagent pas", "se partagent", 1),
    )
    .expect("write");
    std::fs::write(cs.join("HEAD"), "ref: refs/heads/main\n").expect("HEAD");
    std::fs::create_dir_all(cs.join("refs/heads")).expect("refs");
    std::fs::write(cs.join("refs/heads/main"), format!("{base}\n")).expect("ref");
    crate::common::copy_dir(&origin.join(".git/objects"), &cs.join("objects"));
    crate::common::git(&origin, &["add", "-f", "cs"]);
    crate::common::git(
        &origin,
        &[&identity[..], &["commit", "-qm", "evil"]].concat(),
    );
    crate::common::git(tmp.path(), &["clone", "-q", "origin", "clone"]);
    let cs = tmp.path().join("clone/cs");
    assert!(cs.join("objects").is_dir() && cs.join("HEAD").is_file());

    let range = format!("{base}..HEAD");
    let (code, out, err) = run_in(&cs, &["diff", &range, "--enforce", "--format", "json"]);
    assert_eq!(code, Some(1), "{out}{err}");
    let json: Value = serde_json::from_str(&out).expect("json");
    assert!(json["violations"][0]["id"] == "reserves", "{json:#}");
    let (code, out, err) = run_in(&cs, &["log", "reserves", "--format", "json"]);
    assert_eq!(code, Some(0), "{err}");
    assert!(out.contains("evil"), "log reads the real history: {out}");
    let (code, _, err) = run_in(&cs, &["bilan"]);
    assert_eq!(code, Some(0), "{err}");
    let (_, out, _) = run_in(&cs, &["check", "--format", "json"]);
    assert!(
        out.contains("codesocial::layout::git-directory"),
        "check warns: {out}"
    );
}

/// A commit whose tree nests folders `depth` deep (`catalogue/a/a/…/x.md`), made by
/// `git fast-import` as an attacker would by hand; returns its hash.
fn commit_a_deep_tree(repo: &Path, parent: &str, depth: usize) -> String {
    let path = format!("catalogue/{}x.md", "a/".repeat(depth));
    let data = "---\ntitre: X\n---\n";
    let stream = format!(
        "commit refs/heads/profond\ncommitter A <a@example.org> 1700000000 +0000\ndata 7\nprofond\nfrom {parent}\nM 100644 inline {path}\ndata {}\n{data}\n",
        data.len()
    );
    let mut child = crate::common::git_command(repo)
        .args(["fast-import", "--quiet"])
        .stdin(std::process::Stdio::piped())
        .spawn()
        .expect("git fast-import");
    child
        .stdin
        .take()
        .expect("stdin")
        .write_all(stream.as_bytes())
        .expect("stream");
    assert!(child.wait().expect("waits").success());
    crate::common::git(repo, &["rev-parse", "profond"])
}

/// Tree walks keep their own stack: a tree 20,000 folders deep (git itself refuses past
/// 4,096) is compared, listed and diffed without overflowing the call stack.
#[test]
fn a_tree_thousands_of_folders_deep_overflows_nothing() {
    let tmp = tempfile::TempDir::new().expect("temp dir");
    let repo = tmp.path().join("repo");
    crate::common::copy_dir(
        &crate::common::root().join("tests/fixtures/diff/base"),
        &repo,
    );
    crate::common::git(&repo, &["init", "-q", "-b", "main"]);
    crate::common::git(&repo, &["add", "-A"]);
    let identity = ["-c", "user.name=A", "-c", "user.email=a@example.org"];
    crate::common::git(&repo, &[&identity[..], &["commit", "-qm", "base"]].concat());
    let base = crate::common::git(&repo, &["rev-parse", "HEAD"]);
    let deep = commit_a_deep_tree(&repo, &base, 20_000);
    let range = format!("{base}..{deep}");
    for args in [
        vec!["diff", range.as_str(), "--enforce"],
        vec!["diff", range.as_str(), "--format", "markdown"],
    ] {
        let (code, out, err) = run_in(&repo, &args);
        assert!(
            matches!(code, Some(0 | 1)),
            "{args:?}: {code:?} {out} {err}"
        );
    }
    crate::common::git(&repo, &["update-ref", "refs/heads/main", &deep]);
    let (code, _, err) = run_in(&repo, &["bilan"]);
    assert_eq!(code, Some(0), "bilan: {err}");
}

/// Runs git in `repo` with `input` on its standard input; returns its trimmed output.
fn git_with_input(repo: &Path, args: &[&str], input: &[u8]) -> String {
    let mut child = crate::common::git_command(repo)
        .args(args)
        .stdin(std::process::Stdio::piped())
        .stdout(std::process::Stdio::piped())
        .spawn()
        .expect("git");
    let mut stdin = child.stdin.take().expect("stdin");
    stdin.write_all(input).expect("input");
    drop(stdin);
    let out = child.wait_with_output().expect("waits");
    assert!(out.status.success(), "git {args:?}");
    String::from_utf8_lossy(&out.stdout).trim().to_string()
}

/// A commit on top of `base` whose root folder `folder` is replaced by a tree naming one
/// blob (`content`) under `count` paths `z00000000<ext>`…, written with git plumbing
/// (`hash-object`, `mktree`, `commit-tree`) as an attacker would; returns its hash.
fn commit_a_wide_tree(
    repo: &Path,
    base: &str,
    folder: &str,
    (count, ext): (usize, &str),
    content: &[u8],
) -> String {
    let blob = git_with_input(repo, &["hash-object", "-w", "--stdin"], content);
    let listing: String = (0..count)
        .map(|i| format!("100644 blob {blob}\tz{i:08}{ext}\n"))
        .collect();
    let wide = git_with_input(repo, &["mktree"], listing.as_bytes());
    let mut root: Vec<String> = crate::common::git(repo, &["ls-tree", base])
        .lines()
        .filter(|l| !l.ends_with(&format!("\t{folder}")))
        .map(str::to_string)
        .collect();
    root.push(format!("040000 tree {wide}\t{folder}"));
    let tree = git_with_input(repo, &["mktree"], (root.join("\n") + "\n").as_bytes());
    crate::common::git(repo, &["commit-tree", &tree, "-p", base, "-m", "large"])
}

/// A repository holding the `diff` fixture, committed; returns it and the base's hash.
fn fixture_repository(tmp: &Path) -> (PathBuf, String) {
    let repo = tmp.join("repo");
    crate::common::copy_dir(
        &crate::common::root().join("tests/fixtures/diff/base"),
        &repo,
    );
    crate::common::git(&repo, &["init", "-q", "-b", "main"]);
    crate::common::git(&repo, &["add", "-A"]);
    crate::common::git(&repo, &["commit", "-qm", "base"]);
    let base = crate::common::git(&repo, &["rev-parse", "HEAD"]);
    (repo, base)
}

/// One small offer under one more path than `MAX_COMMIT_DOCUMENTS` (20,000) is refused,
/// naming the commit, by `diff --enforce`, `diff` and `bilan` alike: exit 2, never a pass.
/// Files that are not documents are not counted: 25,000 of them are read as nothing.
#[test]
fn a_commit_with_too_many_documents_is_refused_not_passed() {
    let tmp = tempfile::TempDir::new().expect("temp dir");
    let (repo, base) = fixture_repository(tmp.path());
    let offer = b"---\ntitre: Offre\n---\n\nUne offre.\n";
    let wide = commit_a_wide_tree(&repo, &base, "catalogue", (20_001, ".md"), offer);
    let range = format!("{base}..{wide}");
    for args in [
        vec!["diff", range.as_str(), "--enforce"],
        vec!["diff", range.as_str()],
        vec!["bilan"],
    ] {
        crate::common::git(&repo, &["update-ref", "refs/heads/main", &wide]);
        let (code, out, err) = run_in(&repo, &args);
        assert_eq!(code, Some(2), "{args:?}: {out}{err}");
        assert!(
            err.contains(&format!("commit {wide} holds more than 20000 documents")),
            "{args:?}: {err}"
        );
    }
    let junk = commit_a_wide_tree(&repo, &base, "junk", (25_000, ".txt"), b"x");
    let (code, out, err) = run_in(&repo, &["diff", &format!("{base}..{junk}"), "--enforce"]);
    assert_eq!(code, Some(0), "{out}{err}");
}

/// A partner's tree is bounded as a commit of the history is (the third tester's F2): a
/// `rev` whose folder names one small offer under 20,001 paths is refused before any is
/// read — the partner is unavailable, said once with the reason — and the check goes on.
#[test]
fn a_partner_with_too_many_documents_is_refused_before_reading() {
    let eco = Eco::new();
    let b = eco.b();
    let head = crate::common::git(&b, &["rev-parse", "HEAD"]);
    let offer = b"---\ntitre: Offre\n---\n\nUne offre.\n";
    let wide = commit_a_wide_tree(&b, &head, "catalogue", (20_001, ".md"), offer);
    crate::common::git(&b, &["tag", "large", &wide]);
    eco.set_source("../b", Some("large"));
    let out = eco.run(&["check", "--format", "json"]);
    let v: Value = serde_json::from_str(&out.stdout).expect("json");
    let said: Vec<&Value> = v["diagnostics"]
        .as_array()
        .expect("array")
        .iter()
        .filter(|d| {
            d["message"]
                .as_str()
                .unwrap_or_default()
                .contains("holds more than 20000 documents")
        })
        .collect();
    assert_eq!(said.len(), 1, "{v:#}");
    assert!(out.code == 0 || out.code == 1, "{out:?}");
}

/// Bytes are counted per path, not per blob: 40 paths naming one 7 MiB offer (280 MiB,
/// over the 64 MiB total) are refused from the objects' headers, naming the commit.
#[test]
fn one_blob_under_many_paths_counts_once_per_path() {
    let tmp = tempfile::TempDir::new().expect("temp dir");
    let (repo, base) = fixture_repository(tmp.path());
    let mut offer = b"---\ntitre: Offre\n---\n\n".to_vec();
    offer.extend(std::iter::repeat_n(b'a', 7 * 1024 * 1024));
    let wide = commit_a_wide_tree(&repo, &base, "catalogue", (40, ".md"), &offer);
    let (code, out, err) = run_in(&repo, &["diff", &format!("{base}..{wide}"), "--enforce"]);
    assert_eq!(code, Some(2), "{out}{err}");
    assert!(
        err.contains(&format!(
            "the documents of commit {wide} add up to more than"
        )),
        "{err}"
    );
}

/// The layouts git takes for a git directory besides the bare one are warned about by
/// `check` too: a `HEAD` with a `commondir` file naming a folder that holds `objects/`
/// and `refs/`, and a `.git` file naming a folder inside the #CodeSocial folder.
#[test]
fn check_warns_about_every_git_directory_layout() {
    let layouts: [&[(&str, &str)]; 2] = [
        &[
            ("HEAD", "ref: refs/heads/main\n"),
            ("commondir", "sub\n"),
            ("sub/objects/info/x", ""),
            (
                "sub/refs/heads/main",
                "0000000000000000000000000000000000000000\n",
            ),
        ],
        &[
            (".git", "gitdir: evil\n"),
            ("evil/HEAD", "ref: refs/heads/main\n"),
            ("evil/objects/info/x", ""),
            (
                "evil/refs/heads/main",
                "0000000000000000000000000000000000000000\n",
            ),
        ],
    ];
    for files in layouts {
        let tmp = tempfile::TempDir::new().expect("temp dir");
        let cs = tmp.path().join("cs");
        crate::common::copy_dir(&crate::common::root().join("tests/fixtures/diff/base"), &cs);
        for (path, text) in files {
            let path = cs.join(path);
            std::fs::create_dir_all(path.parent().expect("parent")).expect("folder");
            std::fs::write(path, text).expect("file");
        }
        let (_, out, err) = run_in(&cs, &["check", "--format", "json"]);
        assert!(
            out.contains("codesocial::layout::git-directory"),
            "{files:?}: {out}{err}"
        );
    }
}

/// A folder source reached through a committed symbolic link — the link itself
/// (`./lnk` → a #CodeSocial outside the repository) or any folder on the way
/// (`./up/b`, `up` → outside) — is refused, naming the link as written; nothing behind
/// it is read. The same partner named by its own path is read.
#[cfg(unix)]
#[test]
fn a_symlinked_folder_source_is_refused() {
    for (link, target, source) in [
        ("lnk", "b", "./lnk"),
        ("up", "", "./up/b"),
        ("lnk", "b", "lnk/"),
    ] {
        let eco = Eco::new();
        let outside = eco.tmp.path().join(target);
        std::os::unix::fs::symlink(&outside, eco.a().join(link)).expect("link");
        eco.set_source(source, None);
        let (_, v) = eco.check_json(&[]);
        let d = find(&v, "codesocial::ecosysteme::unreachable");
        let written = source
            .split_inclusive('/')
            .take_while(|p| !p.starts_with(link))
            .collect::<String>()
            + link;
        let message = d["message"].as_str().expect("message");
        assert!(
            message.contains(&format!("`{written}` is a symbolic link")),
            "{source}: {d:#}"
        );
    }
    let eco = Eco::new();
    eco.set_source("../b", None);
    let (_, v) = eco.check_json(&[]);
    let text = v.to_string();
    assert!(
        !text.contains("codesocial::ecosysteme::unreachable"),
        "{v:#}"
    );
}

/// `site.image` is a path inside `static/` or a web address: a path that climbs out,
/// is absolute, or hides `..` as `%2e%2e` is a `check` error (`build` refuses what
/// `check` refuses); the forms the format allows pass.
#[test]
fn the_shared_image_stays_inside_static() {
    let tmp = tempfile::TempDir::new().expect("temp dir");
    let cs = tmp.path().join("cs");
    crate::common::copy_dir(&crate::common::root().join("tests/fixtures/diff/base"), &cs);
    let manifest = std::fs::read_to_string(cs.join("codesocial.yaml")).expect("read");
    for (image, valid) in [
        ("../../../../tmp/x", false),
        ("/etc/passwd", false),
        ("assets/../../x.png", false),
        ("%2e%2e/x.png", false),
        ("javascript:alert(1)", false),
        ("assets/partage.png", true),
        ("https://example.org/partage.png", true),
    ] {
        let text =
            format!("{manifest}\nsite:\n  url: https://example.org/\n  image: \"{image}\"\n");
        std::fs::write(cs.join("codesocial.yaml"), text).expect("write");
        let (_, out, err) = run_in(&cs, &["check", "--format", "json"]);
        let flagged = out.contains("codesocial::schema::format") && out.contains(image);
        assert_eq!(flagged, !valid, "{image}: {out}{err}");
    }
}

/// A pull request commits `_site` (or a folder of `--out`, or the folder `init` fills) as
/// a symbolic link to a folder of the machine: on a fresh clone, `build` and `init` refuse
/// with an error naming the link, and nothing out there is touched — neither an empty
/// folder, nor a folder holding a site of ours (its marker), nor one of a parent folder.
#[test]
fn a_committed_link_on_the_output_path_is_never_written_through() {
    let tmp = tempfile::TempDir::new().expect("temp dir");
    let origin = tmp.path().join("origin");
    crate::common::copy_dir(&crate::common::root().join("examples/minimal"), &origin);
    std::os::unix::fs::symlink("../outside/empty", origin.join("_site")).expect("link");
    std::os::unix::fs::symlink("../outside/site", origin.join("public")).expect("link");
    std::os::unix::fs::symlink("../outside", origin.join("up")).expect("link");
    std::fs::create_dir_all(origin.join("real")).expect("mkdir");
    std::os::unix::fs::symlink("../../outside", origin.join("real/deep")).expect("link");
    git(&origin, &["init", "-q", "-b", "main"]);
    git(&origin, &["add", "-A"]);
    git(&origin, &["commit", "-q", "-m", "links"]);
    let clone = tmp.path().join("clone");
    git(
        tmp.path(),
        &["clone", "-q", origin.to_str().expect("UTF-8"), "clone"],
    );
    let outside = tmp.path().join("outside");
    std::fs::create_dir_all(outside.join("empty")).expect("mkdir");
    std::fs::create_dir_all(outside.join("site/assets")).expect("mkdir");
    std::fs::write(outside.join("site/.codesocial-site"), "").expect("write");
    std::fs::write(outside.join("site/assets/precious.css"), "keep me").expect("write");
    std::fs::write(outside.join("precious.txt"), "keep me").expect("write");
    let before = snapshot(&outside);
    let links = snapshot(&clone);
    for (args, link) in [
        (&["build"][..], "_site"),
        (&["build", "--out", "public"], "public"),
        (&["build", "--out", "up/site"], "up"),
        (&["build", "--out", "real/deep/site"], "real/deep"),
        (&["init", "up", "--nom", "Org"], "up"),
        (
            &["init", "real/deep/org", "--nom", "Org", "--no-git"],
            "real/deep",
        ),
    ] {
        let (code, out, err) = run_in(&clone, args);
        assert_eq!(code, Some(2), "{args:?}: {out}{err}");
        assert!(
            err.contains("codesocial::io::write-through-link")
                && err.contains(&format!("`{link}` (in `")),
            "{args:?}: {err}"
        );
        assert_eq!(snapshot(&outside), before, "{args:?}");
    }
    assert_eq!(snapshot(&clone), links, "the links themselves stay");
    // Without the links, the same build writes its site.
    for link in ["_site", "public", "up", "real/deep"] {
        std::fs::remove_file(clone.join(link)).expect("rm");
    }
    let (code, out, err) = run_in(&clone, &["build"]);
    assert_eq!(code, Some(0), "{out}{err}");
    assert_eq!(snapshot(&outside), before);
}

/// A template a pull request adds cannot read the CI machine's environment: Tera's
/// `get_env` fails the build with an error naming it, and the secret is written nowhere
/// (round 10 of issue 14).
#[test]
fn a_template_cannot_read_the_machine_s_environment() {
    let tmp = tempfile::TempDir::new().expect("temp dir");
    let cs = tmp.path().join("cs");
    crate::common::copy_dir(&crate::common::root().join("examples/cheznous"), &cs);
    std::fs::create_dir_all(cs.join("templates")).expect("mkdir");
    std::fs::write(
        cs.join("templates/404.html"),
        "<html><body>ENV[{{ get_env(name=\"CODESOCIAL_TEST_SECRET\", default=\"none\") }}]</body></html>\n",
    )
    .expect("write");
    let out = crate::common::isolate_git(&mut command(EN), tmp.path())
        .arg("-C")
        .arg(&cs)
        .args(["--color", "never", "--lang", "en", "build"])
        .env("CODESOCIAL_TEST_SECRET", "s3cr3t-value")
        .output()
        .expect("runs");
    let stderr = String::from_utf8_lossy(&out.stderr);
    assert_ne!(out.status.code(), Some(0), "{stderr}");
    assert!(stderr.contains("get_env"), "{stderr}");
    for entry in walkdir::WalkDir::new(tmp.path()).into_iter().flatten() {
        if entry.file_type().is_file() {
            let bytes = std::fs::read(entry.path()).expect("read");
            assert!(
                !String::from_utf8_lossy(&bytes).contains("s3cr3t-value"),
                "{} holds the secret",
                entry.path().display()
            );
        }
    }
}

/// A Markdown link to a symbolic link (which a pull request can add pointing anywhere) is
/// an error that says why, not "does not exist", in both languages; the build publishes
/// nothing of it (round 13 of issue 14).
#[test]
fn a_link_to_a_symbolic_link_says_it_is_one() {
    let tmp = tempfile::TempDir::new().expect("temp dir");
    let cs = tmp.path().join("cs");
    crate::common::copy_dir(&crate::common::root().join("examples/cheznous"), &cs);
    std::fs::create_dir_all(cs.join("fichiers")).expect("mkdir");
    std::fs::write(tmp.path().join("secret.txt"), "s3cr3t\n").expect("write");
    std::os::unix::fs::symlink(tmp.path().join("secret.txt"), cs.join("fichiers/plan.pdf"))
        .expect("symlink");
    let glossaire = cs.join("annexes/glossaire.md");
    let mut text = std::fs::read_to_string(&glossaire).expect("read");
    text.push_str("\nVoir [le plan](../fichiers/plan.pdf).\n");
    std::fs::write(&glossaire, text).expect("write");
    for (lang, words) in [
        ("en", "is a symbolic link"),
        ("fr", "est un lien symbolique"),
    ] {
        let out = crate::common::isolate_git(&mut command(EN), tmp.path())
            .arg("-C")
            .arg(&cs)
            .args([
                "--color", "never", "--lang", lang, "check", "--format", "json",
            ])
            .output()
            .expect("runs");
        let report: Value = serde_json::from_slice(&out.stdout).expect("JSON");
        let found: Vec<&Value> = report["diagnostics"]
            .as_array()
            .expect("diagnostics")
            .iter()
            .filter(|d| d["code"] == "codesocial::link::symlink")
            .collect();
        assert_eq!(found.len(), 1, "{report}");
        assert_eq!(found[0]["file"], "annexes/glossaire.md");
        assert!(
            found[0]["message"]
                .as_str()
                .is_some_and(|m| m.contains(words)),
            "{report}"
        );
    }
}

/// Issue 14 (sec16, item 5): a partner's tree is walked within a bound on the entries read
/// (`CODESOCIAL_MAX_PARTNER_ENTRIES`, 200,000 by default), not whole: a `rev` whose tree
/// holds more files than that — none of them documents, which the document bound does not
/// count — is refused once the walk passes the limit, with one warning naming the partner's
/// source and the limit; the check goes on. Under the limit, the same partner is read.
#[test]
fn a_partner_tree_of_too_many_entries_is_refused_at_the_limit() {
    let eco = Eco::new();
    let b = eco.b();
    let head = crate::common::git(&b, &["rev-parse", "HEAD"]);
    let wide = commit_a_wide_tree(&b, &head, "junk", (3_000, ".txt"), b"x");
    crate::common::git(&b, &["tag", "wide", &wide]);
    eco.set_source("../b", Some("wide"));
    let said = |limit: &str| {
        let env = [("CODESOCIAL_MAX_PARTNER_ENTRIES", OsStr::new(limit))];
        let out = eco.run_env(&["check", "--format", "json"], &env);
        assert!(out.code == 0 || out.code == 1, "{out:?}");
        let v: Value = serde_json::from_str(&out.stdout).expect("json");
        v["diagnostics"]
            .as_array()
            .expect("array")
            .iter()
            .filter_map(|d| d["message"].as_str().map(str::to_string))
            .filter(|m| m.contains("entries (files and folders)"))
            .collect::<Vec<String>>()
    };
    let refused = said("1000");
    assert_eq!(refused.len(), 1, "{refused:?}");
    assert!(
        refused[0].contains("../b") && refused[0].contains("more than 1000 entries"),
        "{refused:?}"
    );
    assert!(said("").is_empty(), "the default limit reads 3,000 entries");
}
