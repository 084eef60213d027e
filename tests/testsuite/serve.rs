//! `codesocial serve` end to end: the real binary on a free loopback port, spoken to with a
//! raw HTTP client so that request paths go out exactly as written (`/../`, `%2e%2e`, …).
//! Every wait is a bounded poll; every child is killed when its test ends.

use std::io::{Read, Write};
use std::net::{TcpListener, TcpStream};
use std::path::{Path, PathBuf};
use std::process::{Child, Command, Stdio};
use std::time::{Duration, Instant};

use tempfile::TempDir;

use crate::common::{codesocial, command, copy_dir, git, EN};

/// The longest any single wait may take.
const PATIENCE: Duration = Duration::from_secs(10);

fn free_port() -> u16 {
    TcpListener::bind("127.0.0.1:0")
        .expect("bind a free port")
        .local_addr()
        .expect("local address")
        .port()
}

fn fixture(name: &str) -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR"))
        .join("tests/fixtures/serve")
        .join(name)
}

/// An HTTP answer, read to the end of the connection.
#[derive(Debug)]
struct Reply {
    status: u16,
    head: String,
    body: String,
}

impl Reply {
    /// The value of a response header, by its name in any case.
    fn header(&self, name: &str) -> Option<&str> {
        self.head.lines().skip(1).find_map(|line| {
            let (key, value) = line.split_once(':')?;
            key.eq_ignore_ascii_case(name).then(|| value.trim())
        })
    }
}

/// Sends raw request bytes; `None` while nothing listens.
fn send(port: u16, request: &[u8]) -> Option<Reply> {
    let mut stream = TcpStream::connect(("127.0.0.1", port)).ok()?;
    stream.set_read_timeout(Some(PATIENCE)).ok()?;
    stream.write_all(request).ok()?;
    let mut raw = Vec::new();
    stream.read_to_end(&mut raw).ok()?;
    let text = String::from_utf8_lossy(&raw).into_owned();
    let (head, body) = text.split_once("\r\n\r\n")?;
    let status = head.split(' ').nth(1)?.parse().ok()?;
    Some(Reply {
        status,
        head: head.to_string(),
        body: body.to_string(),
    })
}

/// HTTP/1.0, so every answer has a length and the connection closes after it; the host is
/// the preview's own.
fn request(method: &str, raw_path: &str, port: u16, extra_headers: &str) -> Vec<u8> {
    let host = format!("Host: 127.0.0.1:{port}\r\n");
    raw_request(method, raw_path, &host, extra_headers)
}

/// A request with exactly these `Host` lines (none, one or several).
fn raw_request(method: &str, raw_path: &str, hosts: &str, extra_headers: &str) -> Vec<u8> {
    format!("{method} {raw_path} HTTP/1.0\r\n{hosts}{extra_headers}\r\n").into_bytes()
}

/// A running `codesocial serve` on a copy of a fixture, with its own TMPDIR.
struct Preview {
    child: Child,
    port: u16,
    tmp: TempDir,
}

impl Preview {
    fn start(name: &str) -> Preview {
        Preview::start_with(name, &[])
    }

    /// With more arguments (`-v` logs every answered request).
    fn start_with(name: &str, extra: &[&str]) -> Preview {
        let tmp = tempfile::tempdir().expect("temp dir");
        copy_dir(&fixture(name), &tmp.path().join("site"));
        Preview::launch(tmp, extra)
    }

    /// Serves `<tmp>/site`, already in place.
    fn launch(tmp: TempDir, extra: &[&str]) -> Preview {
        std::fs::create_dir(tmp.path().join("tmp")).expect("TMPDIR");
        let port = free_port();
        let child = command(EN)
            .arg("serve")
            .arg(tmp.path().join("site"))
            .args([
                "--port",
                &port.to_string(),
                "--color",
                "never",
                "--lang",
                "en",
            ])
            .args(extra)
            .env("TMPDIR", tmp.path().join("tmp"))
            .env("CI", "true")
            // A site without history dates its feed now: pinned, so builds compare.
            .env("SOURCE_DATE_EPOCH", "1741773600")
            .stdin(Stdio::null())
            .stdout(std::fs::File::create(tmp.path().join("stdout")).expect("log"))
            .stderr(std::fs::File::create(tmp.path().join("stderr")).expect("log"))
            .spawn()
            .expect("start codesocial serve");
        let mut preview = Preview { child, port, tmp };
        preview.wait_until_up();
        preview
    }

    fn wait_until_up(&mut self) {
        let start = Instant::now();
        while start.elapsed() < PATIENCE {
            if let Ok(Some(status)) = self.child.try_wait() {
                panic!("serve exited with {status}: {}", self.stderr());
            }
            if self.get("/").is_some_and(|r| r.status == 200) {
                return;
            }
            std::thread::sleep(Duration::from_millis(50));
        }
        panic!("serve did not answer in time: {}", self.stderr());
    }

    fn site(&self) -> PathBuf {
        self.tmp.path().join("site")
    }

    fn tmpdir(&self) -> PathBuf {
        self.tmp.path().join("tmp")
    }

    fn get(&self, raw_path: &str) -> Option<Reply> {
        send(self.port, &request("GET", raw_path, self.port, ""))
    }

    fn must_get(&self, raw_path: &str) -> Reply {
        self.get(raw_path)
            .unwrap_or_else(|| panic!("no answer for {raw_path}"))
    }

    /// Polls `raw_path` until its body satisfies `wanted`.
    fn poll(&self, raw_path: &str, wanted: impl Fn(&Reply) -> bool) -> Reply {
        let start = Instant::now();
        let mut last = None;
        while start.elapsed() < PATIENCE {
            if let Some(reply) = self.get(raw_path) {
                if wanted(&reply) {
                    return reply;
                }
                last = Some(reply);
            }
            std::thread::sleep(Duration::from_millis(100));
        }
        panic!(
            "{raw_path} never matched; last answer {last:?}; stderr: {}",
            self.stderr()
        );
    }

    fn stdout(&self) -> String {
        std::fs::read_to_string(self.tmp.path().join("stdout")).unwrap_or_default()
    }

    fn stderr(&self) -> String {
        std::fs::read_to_string(self.tmp.path().join("stderr")).unwrap_or_default()
    }

    /// The temporary folders the server made in its TMPDIR.
    fn work_dirs(&self) -> Vec<PathBuf> {
        std::fs::read_dir(self.tmpdir())
            .expect("read TMPDIR")
            .map(|e| e.expect("entry").path())
            .filter(|p| {
                p.file_name()
                    .is_some_and(|n| n.to_string_lossy().starts_with("codesocial-serve-"))
            })
            .collect()
    }

    /// The folder being served now (the only build kept).
    fn build_dir(&self) -> PathBuf {
        let work = self.work_dirs();
        assert_eq!(work.len(), 1, "one temporary folder: {work:?}");
        let builds: Vec<PathBuf> = std::fs::read_dir(&work[0])
            .expect("read work dir")
            .map(|e| e.expect("entry").path())
            .collect();
        assert_eq!(builds.len(), 1, "one build kept: {builds:?}");
        builds[0].clone()
    }

    /// URL paths of the built HTML pages that contain `text`.
    fn pages_containing(&self, text: &str) -> Vec<String> {
        let mut out = Vec::new();
        for work in self.work_dirs() {
            for entry in walkdir::WalkDir::new(&work)
                .min_depth(2)
                .into_iter()
                .flatten()
            {
                let path = entry.path();
                let is_page = path.extension().is_some_and(|e| e == "html");
                let holds =
                    is_page && std::fs::read_to_string(path).is_ok_and(|t| t.contains(text));
                if !holds {
                    continue;
                }
                // Skip the `build-N` folder itself.
                let Ok(rel) = path.strip_prefix(&work) else {
                    continue;
                };
                let rel: Vec<String> = rel
                    .components()
                    .skip(1)
                    .map(|c| c.as_os_str().to_string_lossy().into_owned())
                    .collect();
                let url = format!("/{}", rel.join("/"));
                out.push(
                    url.strip_suffix("index.html")
                        .map(str::to_string)
                        .unwrap_or(url),
                );
            }
        }
        out
    }

    fn edit(&self, file: &str, from: &str, to: &str) {
        crate::common::replace(&self.site().join(file), from, to);
    }
}

impl Drop for Preview {
    /// Stops the preview as a user does (SIGTERM), so that it removes its temporary
    /// folder; killed only if it has not stopped within 10 s (a `kill -9` would leave a
    /// `codesocial-serve-*` folder behind in the system's temporary folder).
    fn drop(&mut self) {
        if let Ok(Some(_)) = self.child.try_wait() {
            return;
        }
        let _ = Command::new("kill")
            .args(["-TERM", &self.child.id().to_string()])
            .stderr(Stdio::null())
            .status();
        let deadline = Instant::now() + Duration::from_secs(10);
        while Instant::now() < deadline {
            if let Ok(Some(_)) = self.child.try_wait() {
                return;
            }
            std::thread::sleep(Duration::from_millis(20));
        }
        let _ = self.child.kill();
        let _ = self.child.wait();
    }
}

#[test]
fn serves_the_site_on_loopback_with_the_reload_script() {
    let preview = Preview::start("minimal");
    let home = preview.must_get("/");
    assert_eq!(home.status, 200);
    assert!(home.body.contains("Minimal"), "{}", home.body);
    assert!(home.body.contains("/__codesocial/version"));
    assert_eq!(home.header("cache-control"), Some("no-store"));

    let head = send(preview.port, &request("HEAD", "/", preview.port, "")).expect("HEAD answer");
    assert_eq!(head.status, 200);
    assert!(head.body.is_empty());

    let version = preview.must_get("/__codesocial/version");
    assert_eq!(version.status, 200);
    assert!(
        version.body.trim().parse::<u64>().is_ok(),
        "{}",
        version.body
    );
    // The address is printed by another thread than the one answering: wait for it.
    let url = format!("http://127.0.0.1:{}/", preview.port);
    wait_for(PATIENCE, || preview.stdout().contains(&url).then_some(()));
}

#[test]
fn rebuilds_after_a_change_and_wakes_waiting_pages() {
    let preview = Preview::start("minimal");
    let before: u64 = preview
        .must_get("/__codesocial/version")
        .body
        .trim()
        .parse()
        .expect("version");
    preview.edit("codesocial.yaml", "nom: Minimal", "nom: Renommée");
    let home = preview.poll("/", |r| r.body.contains("Renommée"));
    assert_eq!(home.status, 200);
    // A page that still shows the old version is answered at once with the new one.
    let poll = preview.must_get(&format!("/__codesocial/version?since={before}"));
    let after: u64 = poll.body.trim().parse().expect("version");
    assert!(after > before, "{after} > {before}");

    // Whatever page the site gives a principle, it is served with the new title.
    preview.edit(
        "principes/essentiel/ecoute.md",
        "titre: Écoute",
        "titre: Écoute active",
    );
    let start = Instant::now();
    loop {
        let served = preview
            .pages_containing("Écoute active")
            .iter()
            .any(|page| {
                preview
                    .get(page)
                    .is_some_and(|r| r.status == 200 && r.body.contains("Écoute active"))
            });
        if served {
            break;
        }
        assert!(
            start.elapsed() < PATIENCE,
            "new title never served: {}",
            preview.stderr()
        );
        std::thread::sleep(Duration::from_millis(100));
    }
}

#[test]
fn check_errors_show_in_an_overlay_over_the_last_good_build() {
    let preview = Preview::start("minimal");
    preview.edit("codesocial.yaml", "nom: Minimal", "nom: [cassé");
    let broken = preview.poll("/", |r| r.body.contains("codesocial-overlay"));
    assert_eq!(broken.status, 200);
    assert!(broken.body.contains("Minimal"), "last good build kept");
    assert!(broken.body.contains("codesocial.yaml:"), "{}", broken.body);
    assert!(broken.body.contains("codesocial::yaml::syntax"));
    // The overlay speaks the site's language (French here), not the terminal's (`--lang
    // en`); the broken manifest says none, so the last one read stays (issue 17).
    for french in ["Le #CodeSocial a des erreurs", ">Fermer<", "erreur"] {
        assert!(broken.body.contains(french), "{french}: {}", broken.body);
    }
    assert!(
        !broken.body.contains("The #CodeSocial has errors"),
        "{}",
        broken.body
    );
    wait_for(PATIENCE, || {
        preview
            .stderr()
            .contains("codesocial::yaml::syntax")
            .then_some(())
    });

    preview.edit("codesocial.yaml", "nom: [cassé", "nom: Réparée");
    let fixed = preview.poll("/", |r| r.body.contains("Réparée"));
    assert!(!fixed.body.contains("codesocial-overlay"));
}

/// A missing address answers 404 with the site's own 404 page and the reload hook, so a
/// tab left on a page whose file went away reloads by itself once the page is back
/// (issue 17).
#[test]
fn a_missing_page_is_the_sites_404_with_the_reload_hook_and_recovers() {
    let preview = Preview::start("minimal");
    for missing in ["/a/b/c/", "/nope.html", "/style-absent.css"] {
        let reply = preview.must_get(missing);
        assert_eq!(reply.status, 404, "{missing}");
        assert_eq!(
            reply.header("content-type"),
            Some("text/html; charset=utf-8"),
            "{missing}"
        );
        assert!(
            reply.body.contains("cs-404-q"),
            "the site's 404: {}",
            reply.body
        );
        assert!(reply.body.contains("/__codesocial/version"), "{missing}");
    }

    let page = wait_for(PATIENCE, || {
        preview
            .pages_containing("Écoute")
            .into_iter()
            .find(|p| p != "/" && !p.ends_with("404.html") && p.contains("ecoute"))
    });
    assert_eq!(preview.must_get(&page).status, 200, "{page}");
    let source = preview.site().join("principes/essentiel/ecoute.md");
    let aside = preview.site().join("principes/essentiel/ecoute-old.md");
    std::fs::rename(&source, &aside).expect("move the page's file away");
    let gone = preview.poll(&page, |r| r.status == 404);
    assert!(gone.body.contains("/__codesocial/version"), "{}", gone.body);
    let before = version(&preview);
    std::fs::rename(&aside, &source).expect("move it back");
    let poll = preview.must_get(&format!("/__codesocial/version?since={before}"));
    let after: u64 = poll.body.trim().parse().expect("version");
    assert!(after > before, "{after} > {before}");
    preview.poll(&page, |r| r.status == 200);
}

/// Without a `404.html` in the build, a missing address still gets an HTML page with the
/// reload hook.
#[test]
fn a_build_without_404_html_answers_a_minimal_html_page() {
    let preview = Preview::start("minimal");
    let build = preview.build_dir();
    std::fs::remove_file(build.join("404.html")).expect("remove 404.html");
    let reply = preview.must_get("/a/b/c/");
    assert_eq!(reply.status, 404);
    assert_eq!(
        reply.header("content-type"),
        Some("text/html; charset=utf-8")
    );
    // The page speaks the site's language (the example is French), not the terminal's.
    assert!(reply.body.contains("Page introuvable"), "{}", reply.body);
    assert!(
        reply.body.contains("/__codesocial/version"),
        "{}",
        reply.body
    );
}

/// The `minimal` fixture at `<tmp>/site`, committed once in a repository of its own.
fn minimal_committed() -> (TempDir, PathBuf) {
    let tmp = tempfile::tempdir().expect("temp dir");
    let site = tmp.path().join("site");
    copy_dir(&fixture("minimal"), &site);
    git(&site, &["init", "-q"]);
    git(&site, &["add", "-A"]);
    git(&site, &["commit", "-q", "-m", "Premier état"]);
    (tmp, site)
}

/// A commit, an amend, moves a ref without touching any file of the site: the preview
/// rebuilds all the same, and the évolution page shows the new message (issue 19).
#[test]
fn a_commit_rebuilds_the_evolution_page_without_touching_a_file() {
    let (tmp, site) = minimal_committed();
    let preview = Preview::launch(tmp, &[]);
    preview.poll("/evolution/", |r| r.status == 200);

    // A change saved first (it rebuilds by itself), then committed: only the ref moves.
    preview.edit("histoire.md", "exemple minimal", "exemple minimal, revu");
    preview.poll("/histoire/", |r| r.body.contains("revu"));
    git(
        &site,
        &["commit", "-q", "-am", "Histoire revue et corrigée"],
    );
    preview.poll("/evolution/", |r| {
        r.body.contains("Histoire revue et corrigée")
    });

    git(
        &site,
        &["commit", "-q", "--amend", "-m", "Histoire amendée"],
    );
    preview.poll("/evolution/", |r| r.body.contains("Histoire amendée"));
}

/// A history that cannot be read is said, as `build` says it, and the site is served
/// without it (issue 15: the preview dropped the failure and showed no history, silently).
#[test]
fn a_damaged_history_is_a_warning_and_the_site_is_served_without_it() {
    let (tmp, site) = minimal_committed();
    let tree = git(&site, &["rev-parse", "HEAD^{tree}"]);
    let tree = tree.trim();
    std::fs::remove_file(site.join(".git/objects").join(&tree[..2]).join(&tree[2..]))
        .expect("remove a tree object");
    let preview = Preview::launch(tmp, &[]);
    preview.poll("/evolution/", |r| r.status == 200);
    let stderr = preview.stderr();
    assert!(
        stderr.contains("warning: the git history cannot be read"),
        "{stderr}"
    );
    assert!(stderr.contains(tree), "{stderr}");
}

#[test]
fn refuses_path_traversal_in_every_spelling() {
    let preview = Preview::start("minimal");
    // The build lives in TMPDIR/codesocial-serve-*/build-N: plant secrets above it.
    std::fs::write(preview.tmpdir().join("secret.txt"), "TOPSECRET").expect("secret");
    std::fs::write(preview.tmp.path().join("secret.txt"), "TOPSECRET").expect("secret");
    for raw in [
        "/../../secret.txt",
        "/../../../secret.txt",
        "/../../etc/passwd",
        "/%2e%2e/%2e%2e/secret.txt",
        "/%2E%2E/%2E%2E/%2E%2E/secret.txt",
        "/..%2f..%2fsecret.txt",
        "/..%5c..%5csecret.txt",
        "/..\\..\\secret.txt",
        "/index.html%00.txt",
        "//etc/passwd",
        "/%2fetc%2fpasswd",
    ] {
        let reply = preview.must_get(raw);
        assert!(
            reply.status == 400 || reply.status == 404,
            "{raw}: {}",
            reply.status
        );
        assert!(!reply.body.contains("TOPSECRET"), "{raw}");
        assert!(!reply.body.contains("root:"), "{raw}");
    }
}

#[cfg(unix)]
#[test]
fn never_lists_folders_nor_follows_symlinks_out() {
    let preview = Preview::start("minimal");
    let secret = preview.tmpdir().join("secret.txt");
    std::fs::write(&secret, "TOPSECRET").expect("secret");
    let build = preview.build_dir();
    std::fs::create_dir(build.join("vide")).expect("folder");
    std::os::unix::fs::symlink(&secret, build.join("fuite.txt")).expect("symlink");
    std::os::unix::fs::symlink(preview.tmpdir(), build.join("dehors")).expect("symlink");

    assert_eq!(preview.must_get("/vide/").status, 404);
    let redirect = preview.must_get("/vide");
    assert_eq!(redirect.status, 302);
    assert_eq!(
        redirect.header("location"),
        Some("/vide/"),
        "{}",
        redirect.head
    );
    for raw in ["/fuite.txt", "/dehors/secret.txt"] {
        let reply = preview.must_get(raw);
        assert_eq!(reply.status, 404, "{raw}");
        assert!(!reply.body.contains("TOPSECRET"), "{raw}");
    }
}

#[test]
fn answers_only_get_and_head_with_bounded_requests() {
    let preview = Preview::start("minimal");
    let post = send(
        preview.port,
        &request("POST", "/", preview.port, "Content-Length: 5\r\n")
            .into_iter()
            .chain(b"hello".iter().copied())
            .collect::<Vec<u8>>(),
    )
    .expect("POST answer");
    assert_eq!(post.status, 405);
    assert_eq!(post.header("allow"), Some("GET, HEAD"));

    let long = format!("/{}", "a".repeat(5000));
    assert_eq!(preview.must_get(&long).status, 414);

    let many: String = (0..100).map(|i| format!("X-Filler-{i}: {i}\r\n")).collect();
    let crowded = send(preview.port, &request("GET", "/", preview.port, &many)).expect("answer");
    assert_eq!(crowded.status, 431);

    let huge = format!("X-Huge: {}\r\n", "b".repeat(20_000));
    let heavy = send(preview.port, &request("GET", "/", preview.port, &huge)).expect("answer");
    assert_eq!(heavy.status, 431);
}

#[test]
fn a_busy_port_is_reported_with_a_suggestion() {
    let taken = TcpListener::bind("127.0.0.1:0").expect("bind");
    let port = taken.local_addr().expect("addr").port();
    let next = port + 1;
    let run = |lang: &str| {
        codesocial(EN)
            .arg("serve")
            .arg(fixture("minimal"))
            .args([
                "--port",
                &port.to_string(),
                "--color",
                "never",
                "--lang",
                lang,
            ])
            .timeout(PATIENCE)
            .assert()
            .code(2)
    };
    let english = run("en");
    let stderr = String::from_utf8_lossy(&english.get_output().stderr).into_owned();
    assert!(
        stderr.contains(&format!("port {port} is in use — try --port {next}")),
        "{stderr}"
    );
    let french = run("fr");
    let stderr = String::from_utf8_lossy(&french.get_output().stderr).into_owned();
    assert!(
        stderr.contains(&format!(
            "le port {port} est occupé — essayez --port {next}"
        )),
        "{stderr}"
    );
    drop(taken);
}

#[test]
fn a_folder_that_is_not_a_codesocial_is_refused_before_serving() {
    let empty = tempfile::tempdir().expect("temp dir");
    let tmpdir = tempfile::tempdir().expect("temp dir");
    codesocial(EN)
        .arg("serve")
        .arg(empty.path())
        .args(["--port", &free_port().to_string(), "--lang", "en"])
        .env("TMPDIR", tmpdir.path())
        .timeout(PATIENCE)
        .assert()
        .code(2);
    let left = std::fs::read_dir(tmpdir.path()).expect("read").count();
    assert_eq!(left, 0, "the temporary folder is removed");
}

#[cfg(unix)]
#[test]
fn ctrl_c_and_sigterm_stop_cleanly_and_remove_the_temporary_folder() {
    for signal in ["-INT", "-TERM"] {
        let mut preview = Preview::start("minimal");
        assert_eq!(preview.work_dirs().len(), 1);
        let status = Command::new("kill")
            .args([signal, &preview.child.id().to_string()])
            .status()
            .expect("run kill");
        assert!(status.success());
        let start = Instant::now();
        let exit = loop {
            if let Some(exit) = preview.child.try_wait().expect("wait") {
                break exit;
            }
            assert!(start.elapsed() < PATIENCE, "serve did not stop on {signal}");
            std::thread::sleep(Duration::from_millis(50));
        };
        assert!(exit.success(), "{signal} {exit}: {}", preview.stderr());
        assert!(preview.work_dirs().is_empty(), "temporary folder removed");
        assert!(preview.stdout().contains("Preview stopped."));
    }
}

#[path = "serve_incremental.rs"]
mod incremental;

/// The current version of the preview, as pages first see it.
fn version(preview: &Preview) -> u64 {
    let body = preview.must_get("/__codesocial/version").body;
    body.trim().parse().expect("a version number")
}

fn connect(port: u16) -> TcpStream {
    let stream = TcpStream::connect(("127.0.0.1", port)).expect("connect");
    stream.set_read_timeout(Some(PATIENCE)).expect("timeout");
    stream.set_write_timeout(Some(PATIENCE)).expect("timeout");
    stream
}

/// Asks for `raw_path` and says how long the whole answer took.
fn timed_get(preview: &Preview, raw_path: &str) -> (Reply, Duration) {
    let start = Instant::now();
    let reply = preview.must_get(raw_path);
    (reply, start.elapsed())
}

/// Peak resident memory of a process so far, in KiB.
#[cfg(target_os = "linux")]
fn peak_rss_kib(pid: u32) -> u64 {
    let status = std::fs::read_to_string(format!("/proc/{pid}/status")).expect("status");
    status
        .lines()
        .find_map(|l| l.strip_prefix("VmHWM:"))
        .and_then(|v| v.trim().trim_end_matches("kB").trim().parse().ok())
        .expect("VmHWM")
}

#[test]
fn only_the_previews_own_host_names_are_answered() {
    let preview = Preview::start("minimal");
    let port = preview.port;
    for host in [
        format!("127.0.0.1:{port}"),
        format!("localhost:{port}"),
        format!("LocalHost:{port}"),
        format!("LOCALHOST:{port}"),
    ] {
        let hosts = format!("Host: {host}\r\n");
        let reply = send(port, &raw_request("GET", "/", &hosts, "")).expect("answer");
        assert_eq!(reply.status, 200, "{host}");
    }
    // DNS rebinding: a page of evil.example, resolved to 127.0.0.1, asks for the preview.
    let refused = [
        format!("Host: evil.example:{port}\r\n"),
        format!("Host: 127.0.0.1.nip.io:{port}\r\n"),
        format!("Host: localhost.evil.example:{port}\r\n"),
        format!("Host: 127.0.0.1:{}\r\n", port.wrapping_add(1)),
        "Host: localhost\r\n".to_string(),
        // Only the address listened on: not another loopback address, nor IPv6's.
        format!("Host: 127.0.0.2:{port}\r\n"),
        format!("Host: 127.1:{port}\r\n"),
        format!("Host: [::1]:{port}\r\n"),
        format!("Host: [::ffff:127.0.0.1]:{port}\r\n"),
        String::new(),
        format!("Host: localhost:{port}\r\nHost: evil.example:{port}\r\n"),
    ];
    for hosts in &refused {
        for path in ["/", "/__codesocial/version?since=0", "/assets/style.css"] {
            let reply = send(port, &raw_request("GET", path, hosts, "")).expect("answer");
            assert_eq!(reply.status, 421, "{hosts:?} {path}");
            assert!(!reply.body.contains("Minimal"), "{hosts:?} {path}");
            assert!(
                reply.body.contains(&format!("http://127.0.0.1:{port}/")),
                "{}",
                reply.body
            );
        }
    }
    // An absolute target names the host itself, whatever `Host` says.
    let hosts = format!("Host: 127.0.0.1:{port}\r\n");
    for absolute in [
        format!("http://evil.example:{port}/"),
        "http://evil/".to_string(),
        "http://localhost/".to_string(),
        format!("http://127.0.0.2:{port}/"),
    ] {
        let reply = send(port, &raw_request("GET", &absolute, &hosts, "")).expect("answer");
        assert_eq!(reply.status, 421, "{absolute}");
        assert!(!reply.body.contains("Minimal"), "{absolute}");
    }
    let own = format!("http://localhost:{port}/");
    let reply = send(port, &raw_request("GET", &own, &hosts, "")).expect("answer");
    assert_eq!(reply.status, 200, "{own}");
}

#[cfg(target_os = "linux")]
#[test]
fn a_100_mb_header_is_refused_with_bounded_memory() {
    const MIB: usize = 1024 * 1024;
    let preview = Preview::start("minimal");
    let pid = preview.child.id();
    let before = peak_rss_kib(pid);
    // One huge header, then a flood of small ones.
    for (start, filler) in [("X-Huge: ", &b"a"[..]), ("", &b"X-Many: a\r\n"[..])] {
        let mut stream = connect(preview.port);
        let head = format!(
            "GET / HTTP/1.1\r\nHost: 127.0.0.1:{}\r\n{start}",
            preview.port
        );
        stream.write_all(head.as_bytes()).expect("request line");
        let chunk = filler.repeat(64 * 1024 / filler.len());
        let mut sent = 0;
        while sent < 100 * MIB && stream.write_all(&chunk).is_ok() {
            sent += chunk.len();
        }
        assert!(sent < 100 * MIB, "the server read 100 MB of headers");
        let mut answer = Vec::new();
        let _ = stream.read_to_end(&mut answer);
        let answer = String::from_utf8_lossy(&answer);
        // The refusal may be lost when the connection is reset under the client's writes.
        assert!(
            answer.is_empty() || answer.starts_with("HTTP/1.1 431"),
            "{answer}"
        );
    }
    let after = peak_rss_kib(pid);
    assert!(
        after < before + 32 * 1024,
        "peak memory went from {before} KiB to {after} KiB"
    );
    assert_eq!(preview.must_get("/").status, 200, "still serving");
}

#[test]
fn two_hundred_slow_clients_do_not_delay_a_page_and_are_dropped() {
    let preview = Preview::start("minimal");
    let port = preview.port;
    let silent: Vec<TcpStream> = (0..100).map(|_| connect(port)).collect();
    let mut trickling: Vec<TcpStream> = (0..100).map(|_| connect(port)).collect();
    let head = format!("GET / HTTP/1.1\r\nHost: 127.0.0.1:{port}\r\nX-Slow: ");
    for stream in &mut trickling {
        stream.write_all(head.as_bytes()).expect("start a request");
    }
    // One byte per client every 200 ms, until the server drops it.
    let trickler = std::thread::spawn(move || {
        let start = Instant::now();
        let mut open: Vec<TcpStream> = trickling;
        while !open.is_empty() && start.elapsed() < 3 * PATIENCE {
            open.retain_mut(|s| s.write_all(b"a").is_ok());
            std::thread::sleep(Duration::from_millis(200));
        }
        open.len()
    });
    std::thread::sleep(Duration::from_millis(300));
    for page in ["/", "/assets/style.css", "/principes/"] {
        let (reply, took) = timed_get(&preview, page);
        assert_eq!(reply.status, 200, "{page}");
        // The issue's own bound for a page under this load (not a speed target).
        assert!(took < Duration::from_secs(1), "{page} took {took:?}");
    }
    // Idle and slow connections time out: each is closed by the server.
    for mut stream in silent {
        let mut byte = [0u8; 1];
        let read = stream.read(&mut byte);
        assert!(
            matches!(read, Ok(0) | Err(_)),
            "a silent client is still connected: {read:?}"
        );
    }
    assert_eq!(trickler.join().expect("trickler"), 0, "slow clients left");
    assert_eq!(preview.must_get("/").status, 200);
}

#[test]
fn a_hundred_reload_polls_never_crowd_out_pages() {
    let preview = Preview::start("minimal");
    let since = version(&preview);
    let request = request(
        "GET",
        &format!("/__codesocial/version?since={since}"),
        preview.port,
        "",
    );
    let mut polls: Vec<TcpStream> = (0..100)
        .map(|_| {
            let mut stream = connect(preview.port);
            stream.write_all(&request).expect("poll");
            stream
        })
        .collect();
    std::thread::sleep(Duration::from_millis(300));
    for page in ["/", "/assets/style.css", "/__codesocial/version"] {
        let (reply, took) = timed_get(&preview, page);
        assert_eq!(reply.status, 200, "{page}: {reply:?}");
        assert!(took < Duration::from_secs(1), "{page} took {took:?}");
    }
    // Past its share, a client is told to come back; the rest wait for a change.
    let mut refused = 0;
    let mut waiting = Vec::new();
    for mut stream in polls.drain(..) {
        stream
            .set_read_timeout(Some(Duration::from_millis(200)))
            .expect("timeout");
        let mut first = [0u8; 12];
        match stream.read_exact(&mut first) {
            Ok(()) if first.ends_with(b"429") => refused += 1,
            Ok(()) => panic!("{}", String::from_utf8_lossy(&first)),
            Err(_) => waiting.push(stream),
        }
    }
    assert!(refused > 0 && !waiting.is_empty(), "{refused} refused");
    assert_eq!(refused + waiting.len(), 100);
    preview.edit("codesocial.yaml", "nom: Minimal", "nom: Renommée");
    for mut stream in waiting {
        stream.set_read_timeout(Some(PATIENCE)).expect("timeout");
        let mut answer = String::new();
        stream.read_to_string(&mut answer).expect("answer");
        let (head, body) = answer.split_once("\r\n\r\n").expect("head");
        assert!(head.starts_with("HTTP/1.0 200"), "{head}");
        assert!(body.trim().parse::<u64>().expect("version") > since);
    }
}

#[test]
fn redirects_never_point_off_site() {
    let preview = Preview::start("minimal");
    let decoy = preview.build_dir().join("evil.example");
    std::fs::create_dir(&decoy).expect("folder");
    std::fs::write(decoy.join("index.html"), "decoy").expect("page");
    for raw in [
        "//assets",
        "///assets",
        "//evil.example",
        "//evil.example/",
        "//evil.example?next=1",
        "/\\evil.example",
        "//\\evil.example",
        "/\\/evil.example",
        "/%2F%2Fevil.example",
        "/%2f/evil.example",
        "/%5Cevil.example",
        "/%5C%5Cevil.example",
    ] {
        let reply = preview.must_get(raw);
        if let Some(location) = reply.header("location") {
            assert!(
                location.starts_with('/') && !location[1..].starts_with(['/', '\\']),
                "{raw} -> {location}"
            );
        }
    }
    let assets = preview.must_get("//assets");
    assert_eq!(assets.status, 302);
    assert_eq!(assets.header("location"), Some("/assets/"));
    let decoy = preview.must_get("//evil.example?next=1");
    assert_eq!(decoy.header("location"), Some("/evil.example/?next=1"));
}

/// Headless Chromium with a page open, closed when dropped; `None` where it is not
/// installed (outside CI only).
struct Browser {
    child: Child,
    _profile: TempDir,
}

impl Browser {
    fn open(url: &str) -> Option<Browser> {
        if !crate::common::chromium_available() {
            return None;
        }
        let profile = tempfile::tempdir().expect("profile");
        let child = Command::new(crate::common::CHROMIUM)
            .args([
                "--headless",
                "--no-sandbox",
                "--disable-gpu",
                "--no-first-run",
                "--disable-background-networking",
                "--disable-component-update",
                "--remote-debugging-port=0",
            ])
            .arg(format!("--user-data-dir={}", profile.path().display()))
            .arg(url)
            .stdin(Stdio::null())
            .stdout(Stdio::null())
            .stderr(Stdio::null())
            .spawn()
            .expect("start chromium");
        Some(Browser {
            child,
            _profile: profile,
        })
    }
}

impl Drop for Browser {
    fn drop(&mut self) {
        let _ = self.child.kill();
        let _ = self.child.wait();
    }
}

/// How many times the log of a `-v` preview shows `200 GET <target>`.
fn served(log: &str, target: &str) -> usize {
    let line = format!("200 GET {target}");
    log.lines().filter(|l| *l == line).count()
}

/// A browser really reloads: headless Chromium keeps a page of ten frames open (ten tabs,
/// as far as connections go) while a file changes, and the server sees each frame asked
/// again (requests are logged under `-v`). A page opened once they all wait loads at
/// once: with a poll per frame, six polls would hold the six connections Chromium opens
/// per host, and that page would wait up to 25 s.
#[test]
fn chromium_frames_reload_after_a_change_and_leave_connections_free() {
    let preview = Preview::start_with("minimal", &["-v"]);
    let tabs: Vec<String> = (1..=10).map(|n| format!("/?tab={n}")).collect();
    let frames: String = tabs
        .iter()
        .map(|t| format!("<iframe src=\"{t}\"></iframe>"))
        .collect();
    // One more frame, three seconds later, as a user opening another page.
    let late = concat!(
        "<script>setTimeout(function () { var f = document.createElement('iframe');",
        " f.src = '/?late=1'; document.body.appendChild(f); }, 3000);</script>"
    );
    let page = format!("<!DOCTYPE html><html><body>{frames}{late}</body></html>");
    std::fs::create_dir_all(preview.site().join("static")).expect("static");
    std::fs::write(preview.site().join("static/tabs.html"), page).expect("page");
    preview.poll("/tabs.html", |r| r.status == 200);
    let url = format!("http://localhost:{}/tabs.html", preview.port);
    let Some(_browser) = Browser::open(&url) else {
        return;
    };
    let all_seen = |times: usize| {
        let log = preview.stdout();
        tabs.iter().all(|t| served(&log, t) >= times).then_some(())
    };
    wait_for(3 * PATIENCE, || all_seen(1));
    // Well under the 25 s a poll waits: no page waits for a poll to end.
    wait_for(Duration::from_secs(12), || {
        (served(&preview.stdout(), "/?late=1") > 0).then_some(())
    });
    preview.edit("codesocial.yaml", "nom: Minimal", "nom: Renommée");
    wait_for(3 * PATIENCE, || all_seen(2));
    let log = preview.stdout();
    assert!(
        log.contains("200 GET /__codesocial/version?since="),
        "{log}"
    );
}

/// Polls `found` until it gives a value, for at most `limit`.
fn wait_for<T>(limit: Duration, mut found: impl FnMut() -> Option<T>) -> T {
    let start = Instant::now();
    loop {
        if let Some(value) = found() {
            return value;
        }
        assert!(start.elapsed() < limit, "waited {limit:?} in vain");
        std::thread::sleep(Duration::from_millis(100));
    }
}

/// Ctrl-C or SIGTERM while the first build of a large repository runs ends `serve` without
/// waiting for that build, its temporary folder removed, with 128 + the signal's number
/// as a shell reports it (issue 14, sec16: SIGTERM gave SIGINT's 130).
#[cfg(unix)]
#[test]
fn a_signal_during_the_first_build_ends_serve_at_once() {
    let tmp = tempfile::tempdir().expect("temp dir");
    let repo = tmp.path().join("repo");
    crate::generator::large_repository(&repo);
    for (signal, code) in [("-INT", 130), ("-TERM", 143), ("-HUP", 129)] {
        signal_during_the_first_build(tmp.path(), &repo, signal, code);
    }
}

fn signal_during_the_first_build(
    tmp: &std::path::Path,
    repo: &std::path::Path,
    signal: &str,
    code: i32,
) {
    let tmpdir = tmp.join(format!("tmp{signal}"));
    std::fs::create_dir(&tmpdir).expect("TMPDIR");
    let mut child = command(EN)
        .arg("serve")
        .arg(repo)
        .args(["--port", &free_port().to_string()])
        .env("TMPDIR", &tmpdir)
        .env("CI", "true")
        .stdin(Stdio::null())
        .stdout(Stdio::null())
        .stderr(Stdio::null())
        .spawn()
        .expect("start codesocial serve");
    // The folder exists once the first build has started.
    wait_for(PATIENCE, || {
        std::fs::read_dir(&tmpdir).ok()?.next().map(drop)
    });
    std::thread::sleep(Duration::from_millis(300));
    let sent = Command::new("kill")
        .args([signal, &child.id().to_string()])
        .status()
        .expect("kill");
    assert!(sent.success());
    let exit = wait_for(PATIENCE, || child.try_wait().expect("wait"));
    // 128 + N: it did not wait for the first build to end (a graceful stop exits 0).
    assert_eq!(exit.code(), Some(code), "{signal}: {exit}");
    let left: Vec<_> = std::fs::read_dir(&tmpdir).expect("ls").collect();
    assert!(left.is_empty(), "{left:?}");
}

/// A client that asks for a large file and stops reading is dropped once no byte has gone
/// out for 30 s: it does not hold the response (and its file) for ever.
#[test]
fn a_client_that_stops_reading_is_dropped() {
    const SIZE: usize = 64 * 1024 * 1024;
    let preview = Preview::start("minimal");
    std::fs::write(preview.build_dir().join("big.bin"), vec![7u8; SIZE]).expect("file");
    let mut stream = connect(preview.port);
    stream
        .write_all(&request("GET", "/big.bin", preview.port, ""))
        .expect("request");
    // Past the write timeout, with some margin.
    std::thread::sleep(Duration::from_secs(40));
    let mut received = 0;
    let mut chunk = vec![0u8; 1 << 20];
    loop {
        match stream.read(&mut chunk) {
            Ok(0) | Err(_) => break,
            Ok(n) => received += n,
        }
    }
    assert!(
        received < SIZE,
        "the whole file was kept waiting for the client"
    );
    assert_eq!(preview.must_get("/").status, 200);
}
