//! `codesocial serve` end to end: the real binary on a free loopback port, spoken to with a
//! raw HTTP client so that request paths go out exactly as written (`/../`, `%2e%2e`, …).
//! Every wait is a bounded poll; every child is killed when its test ends.

use std::io::{Read, Write};
use std::net::{TcpListener, TcpStream};
use std::path::{Path, PathBuf};
use std::process::{Child, Command, Stdio};
use std::time::{Duration, Instant};

use assert_cmd::Command as Cmd;
use tempfile::TempDir;

use crate::common::copy_dir;

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

/// HTTP/1.0, so every answer has a length and the connection closes after it.
fn request(method: &str, raw_path: &str, extra_headers: &str) -> Vec<u8> {
    format!("{method} {raw_path} HTTP/1.0\r\nHost: 127.0.0.1\r\n{extra_headers}\r\n").into_bytes()
}

/// A running `codesocial serve` on a copy of a fixture, with its own TMPDIR.
struct Preview {
    child: Child,
    port: u16,
    tmp: TempDir,
}

impl Preview {
    fn start(name: &str) -> Preview {
        let tmp = tempfile::tempdir().expect("temp dir");
        copy_dir(&fixture(name), &tmp.path().join("site"));
        std::fs::create_dir(tmp.path().join("tmp")).expect("TMPDIR");
        let port = free_port();
        let child = Command::new(env!("CARGO_BIN_EXE_codesocial"))
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
            .env("TMPDIR", tmp.path().join("tmp"))
            .env("CI", "true")
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
        send(self.port, &request("GET", raw_path, ""))
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
        let path = self.site().join(file);
        let text = std::fs::read_to_string(&path).expect("read source");
        assert!(text.contains(from), "{file} holds {from}");
        std::fs::write(&path, text.replace(from, to)).expect("write source");
    }
}

impl Drop for Preview {
    fn drop(&mut self) {
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
    assert!(home.head.contains("Cache-Control: no-store"));

    let head = send(preview.port, &request("HEAD", "/", "")).expect("HEAD answer");
    assert_eq!(head.status, 200);
    assert!(head.body.is_empty());

    let version = preview.must_get("/__codesocial/version");
    assert_eq!(version.status, 200);
    assert!(
        version.body.trim().parse::<u64>().is_ok(),
        "{}",
        version.body
    );
    assert!(preview
        .stdout()
        .contains(&format!("http://127.0.0.1:{}/", preview.port)));
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
    assert!(preview.stderr().contains("codesocial::yaml::syntax"));

    preview.edit("codesocial.yaml", "nom: [cassé", "nom: Réparée");
    let fixed = preview.poll("/", |r| r.body.contains("Réparée"));
    assert!(!fixed.body.contains("codesocial-overlay"));
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
    assert!(
        redirect.head.contains("Location: /vide/"),
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
        &request("POST", "/", "Content-Length: 5\r\n")
            .into_iter()
            .chain(b"hello".iter().copied())
            .collect::<Vec<u8>>(),
    )
    .expect("POST answer");
    assert_eq!(post.status, 405);
    assert!(post.head.contains("Allow: GET, HEAD"));

    let long = format!("/{}", "a".repeat(5000));
    assert_eq!(preview.must_get(&long).status, 414);

    let many: String = (0..100).map(|i| format!("X-Filler-{i}: {i}\r\n")).collect();
    let crowded = send(preview.port, &request("GET", "/", &many)).expect("answer");
    assert_eq!(crowded.status, 431);

    let huge = format!("X-Huge: {}\r\n", "b".repeat(20_000));
    let heavy = send(preview.port, &request("GET", "/", &huge)).expect("answer");
    assert_eq!(heavy.status, 431);
}

#[test]
fn a_busy_port_is_reported_with_a_suggestion() {
    let taken = TcpListener::bind("127.0.0.1:0").expect("bind");
    let port = taken.local_addr().expect("addr").port();
    let next = port + 1;
    let run = |lang: &str| {
        Cmd::new(env!("CARGO_BIN_EXE_codesocial"))
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
    Cmd::new(env!("CARGO_BIN_EXE_codesocial"))
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
fn ctrl_c_stops_cleanly_and_removes_the_temporary_folder() {
    let mut preview = Preview::start("minimal");
    assert_eq!(preview.work_dirs().len(), 1);
    let status = Command::new("kill")
        .args(["-INT", &preview.child.id().to_string()])
        .status()
        .expect("run kill");
    assert!(status.success());
    let start = Instant::now();
    let exit = loop {
        if let Some(exit) = preview.child.try_wait().expect("wait") {
            break exit;
        }
        assert!(start.elapsed() < PATIENCE, "serve did not stop");
        std::thread::sleep(Duration::from_millis(50));
    };
    assert!(exit.success(), "{exit}: {}", preview.stderr());
    assert!(preview.work_dirs().is_empty(), "temporary folder removed");
    assert!(preview.stdout().contains("Preview stopped."));
}
