//! The way to a user's first green CI, run here: the GitHub workflow `init` writes, with
//! the action it uses (`action.yml`), and the GitLab jobs it includes (`docs/gitlab-ci.yml`),
//! their shell steps executed in temporary folders with the release download pointed at a
//! locally built archive of this very binary (`CODESOCIAL_DOWNLOAD_URL=file://…`, a
//! `.tar.gz` and its `.sha256` as cargo-dist writes them). Also what the release itself
//! promises: a `rust-version` that the locked dependencies allow, and a package holding
//! what the binary embeds and nothing heavy.

mod actions;
mod expr;

use std::path::{Path, PathBuf};
use std::process::Command;

use serde_json::{json, Value};

use crate::common::{command, git, isolate_git, root, BIN, EN};
use actions::{runner_arch, Outcome, Runner};

const VERSION: &str = env!("CARGO_PKG_VERSION");

fn yaml(text: &str) -> Value {
    let doc = codesocial::testing::yaml::parse(text, 0).expect("valid YAML");
    doc.root.expect("non-empty YAML").to_json()
}

fn read_yaml(path: &Path) -> Value {
    yaml(&std::fs::read_to_string(path).expect("read YAML"))
}

/// The release target the action and the GitLab template pick on this machine.
fn target() -> &'static str {
    match runner_arch() {
        "X64" => "x86_64-unknown-linux-musl",
        _ => "aarch64-unknown-linux-musl",
    }
}

/// A release as GitHub serves it, in a local folder: `v<VERSION>/codesocial-<target>.tar.gz`
/// (a `codesocial-<target>/` folder holding the binary, as cargo-dist packs it) and its
/// `.sha256` (`<hex> *<name>`).
struct LocalRelease {
    dir: tempfile::TempDir,
}

impl LocalRelease {
    fn new() -> Self {
        let dir = tempfile::tempdir().expect("release dir");
        let stage = dir.path().join("stage");
        let folder = format!("codesocial-{}", target());
        std::fs::create_dir_all(stage.join(&folder)).expect("stage");
        std::fs::copy(BIN, stage.join(&folder).join("codesocial")).expect("copy the binary");
        std::fs::write(stage.join(&folder).join("README.md"), "# codesocial\n").expect("readme");
        let release = dir.path().join(format!("v{VERSION}"));
        std::fs::create_dir_all(&release).expect("release");
        let archive = format!("{folder}.tar.gz");
        let status = Command::new("tar")
            .arg("-czf")
            .arg(release.join(&archive))
            .arg("-C")
            .arg(&stage)
            .arg(&folder)
            .status()
            .expect("tar runs");
        assert!(status.success());
        let sum = Command::new("sha256sum")
            .arg(release.join(&archive))
            .output()
            .expect("sha256sum runs");
        let text = String::from_utf8(sum.stdout).expect("UTF-8");
        let hex = text.split_whitespace().next().expect("a checksum");
        std::fs::write(
            release.join(format!("{archive}.sha256")),
            format!("{hex} *{archive}\n"),
        )
        .expect("checksum");
        LocalRelease { dir }
    }

    fn url(&self) -> String {
        format!("file://{}", self.dir.path().display())
    }

    fn checksum_file(&self) -> PathBuf {
        self.dir
            .path()
            .join(format!("v{VERSION}/codesocial-{}.tar.gz.sha256", target()))
    }
}

/// Runs the binary in `dir` as a user would, with an identity for the first commit.
fn codesocial(dir: &Path, args: &[&str]) {
    let out = isolate_git(&mut command(EN), dir)
        .current_dir(dir)
        .args(args)
        .env("GIT_AUTHOR_NAME", "Camille Test")
        .env("GIT_AUTHOR_EMAIL", "camille@example.org")
        .output()
        .expect("codesocial runs");
    assert!(out.status.success(), "codesocial {args:?}: {out:?}");
}

/// A new #CodeSocial from `init`, committed, with a git identity for later commits.
fn initialised(ci: &str) -> tempfile::TempDir {
    let tmp = tempfile::tempdir().expect("temp dir");
    codesocial(tmp.path(), &["init", ".", "--nom", "Atelier", "--ci", ci]);
    git(tmp.path(), &["config", "user.name", "Camille Test"]);
    git(tmp.path(), &["config", "user.email", "camille@example.org"]);
    tmp
}

fn github_runner(workspace: &Path, release: &LocalRelease) -> Runner {
    let mut runner = Runner::new(workspace);
    runner
        .env
        .insert("CODESOCIAL_DOWNLOAD_URL".into(), release.url());
    let found = Command::new("sh")
        .args(["-c", "command -v codesocial"])
        .env_clear()
        .env("PATH", "/usr/local/bin:/usr/bin:/bin")
        .status()
        .expect("sh runs");
    assert!(
        !found.success(),
        "a codesocial on the system PATH would hide what the action installs"
    );
    runner
}

#[test]
fn the_workflow_init_writes_installs_the_release_and_checks_on_first_push() {
    let repo = initialised("github");
    let workflow = read_yaml(&repo.path().join(".github/workflows/codesocial.yml"));
    let steps = workflow["jobs"]["codesocial"]["steps"]
        .as_array()
        .expect("steps");
    let uses: Vec<&str> = steps.iter().filter_map(|s| s["uses"].as_str()).collect();
    assert!(uses.contains(&format!("codesocial/codesocial@v{VERSION}").as_str()));
    let release = LocalRelease::new();
    let mut runner = github_runner(repo.path(), &release);

    assert!(
        runner.run_workflow(&workflow, "codesocial"),
        "{:#?}",
        runner.log
    );
    assert!(runner
        .step("Install codesocial")
        .output
        .contains("(release)"));
    assert_eq!(
        runner.step("Check the #CodeSocial").outcome,
        Outcome::Success
    );
    assert_eq!(
        runner.step("Semantic diff of the pull request").outcome,
        Outcome::Skipped
    );
    let installed = runner
        .tool_cache()
        .join(format!("codesocial/{VERSION}/{}/bin/codesocial", target()));
    assert_eq!(
        std::fs::read(&installed).expect("installed binary"),
        std::fs::read(BIN).expect("binary")
    );
    let key = format!("codesocial-{VERSION}-{}", target());
    assert!(runner.cache.contains_key(&key), "{:?}", runner.cache);

    // The check really ran: a problem in the repository fails the job, on its line.
    std::fs::write(
        repo.path().join("principes/social-humain/transparence.md"),
        "---\ntitre: Transparence\nstatut: adopte\n---\n",
    )
    .expect("break a principle");
    assert!(!runner.run_workflow(&workflow, "codesocial"));
    let check = runner.step("Check the #CodeSocial");
    assert_eq!(check.outcome, Outcome::Failure);
    assert!(
        check
            .output
            .contains("::error file=principes/social-humain/transparence.md"),
        "{}",
        check.output
    );
}

#[test]
fn a_cached_release_needs_no_download_and_a_bad_checksum_installs_nothing() {
    let repo = initialised("github");
    let workflow = read_yaml(&repo.path().join(".github/workflows/codesocial.yml"));
    let release = LocalRelease::new();
    let mut runner = github_runner(repo.path(), &release);
    let (fake, log) = fake_cargo();
    runner.extra_path.push(fake.path().to_path_buf());
    runner.env.insert("FAKE_CARGO_LOG".into(), log.clone());
    assert!(
        runner.run_workflow(&workflow, "codesocial"),
        "{:#?}",
        runner.log
    );

    // A new runner (empty tool cache), the same Actions cache, and no release reachable.
    let cache = runner.cache.clone();
    let mut second = github_runner(repo.path(), &release);
    second.cache = cache;
    second.env.insert(
        "CODESOCIAL_DOWNLOAD_URL".into(),
        "file:///nonexistent".into(),
    );
    assert!(
        second.run_workflow(&workflow, "codesocial"),
        "{:#?}",
        second.log
    );
    assert!(second.step("Install codesocial").output.contains("(cache)"));

    // A checksum that does not match: the job fails before anything runs, nothing is
    // installed and nothing is built instead.
    let sum = std::fs::read_to_string(release.checksum_file()).expect("checksum");
    let tampered = format!("{}{}", "0".repeat(64), &sum[64..]);
    std::fs::write(release.checksum_file(), tampered).expect("tamper");
    let mut third = github_runner(repo.path(), &release);
    third.extra_path.push(fake.path().to_path_buf());
    third.env.insert("FAKE_CARGO_LOG".into(), log.clone());
    assert!(!third.run_workflow(&workflow, "codesocial"));
    let install = third.step("Install codesocial");
    assert_eq!(install.outcome, Outcome::Failure);
    assert!(
        install.output.contains("checksum mismatch"),
        "{}",
        install.output
    );
    assert_eq!(
        third.step("Check the #CodeSocial").outcome,
        Outcome::Skipped
    );
    assert!(!third
        .tool_cache()
        .join("codesocial")
        .join(VERSION)
        .join(target())
        .join("bin/codesocial")
        .exists());
    assert_eq!(std::fs::read_to_string(&log).expect("cargo log"), "");
}

#[test]
fn without_a_release_the_action_builds_from_source() {
    let repo = initialised("github");
    let mut workflow = read_yaml(&repo.path().join(".github/workflows/codesocial.yml"));
    let empty = tempfile::tempdir().expect("no release");
    let (fake, log) = fake_cargo();
    let run = |workflow: &Value| {
        let mut runner = Runner::new(repo.path());
        runner.env.insert(
            "CODESOCIAL_DOWNLOAD_URL".into(),
            format!("file://{}", empty.path().display()),
        );
        runner.env.insert("FAKE_CARGO_LOG".into(), log.clone());
        runner.extra_path.push(fake.path().to_path_buf());
        let ok = runner.run_workflow(workflow, "codesocial");
        (ok, runner)
    };
    // The action's own version: built from the action's own source.
    let (ok, runner) = run(&workflow);
    assert!(ok, "{:#?}", runner.log);
    assert!(runner
        .step("Install codesocial")
        .output
        .contains("no release of codesocial"));
    let calls = std::fs::read_to_string(&log).expect("cargo log");
    assert!(
        calls.starts_with(&format!(
            "install --locked --quiet --path {}",
            root().display()
        )),
        "{calls}"
    );
    assert!(runner.cache.is_empty(), "a build from source is not cached");

    // Another version: built from its tag.
    std::fs::write(&log, "").expect("reset");
    let step = action_step(&mut workflow);
    step["with"]["version"] = json!("v0.0.9");
    let (ok, runner) = run(&workflow);
    assert!(ok, "{:#?}", runner.log);
    let calls = std::fs::read_to_string(&log).expect("cargo log");
    assert!(
        calls.contains("--git https://github.com/codesocial/codesocial --tag v0.0.9"),
        "{calls}"
    );
}

/// The workflow's step that uses our action.
fn action_step(workflow: &mut Value) -> &mut Value {
    workflow["jobs"]["codesocial"]["steps"]
        .as_array_mut()
        .expect("steps")
        .iter_mut()
        .find(|s| {
            s["uses"]
                .as_str()
                .is_some_and(|u| u.starts_with("codesocial/"))
        })
        .expect("the action")
}

/// A commit an amendment rule allows: a paragraph added to a `simple` principle.
fn propose_change(repo: &Path) {
    let file = repo.join("principes/social-humain/decision-par-consentement.md");
    let text = std::fs::read_to_string(&file).expect("principle");
    std::fs::write(&file, format!("{text}\nUn paragraphe ajouté.\n")).expect("edit");
    git(repo, &["commit", "-q", "-am", "Préciser le consentement"]);
}

/// A `cargo` that records its arguments in `$FAKE_CARGO_LOG` and "installs" a codesocial
/// into `--root`: the real binary behind a wrapper that reports the version asked for.
fn fake_cargo() -> (tempfile::TempDir, String) {
    let dir = tempfile::tempdir().expect("fake cargo");
    let log = dir.path().join("calls.log");
    std::fs::write(&log, "").expect("log");
    let script = format!(
        r#"#!/bin/sh
echo "$@" >> "$FAKE_CARGO_LOG"
root=""; version="{VERSION}"; previous=""
for arg in "$@"; do
  [ "$previous" = --root ] && root="$arg"
  [ "$previous" = --tag ] && version="${{arg#v}}"
  previous="$arg"
done
mkdir -p "$root/bin"
cat > "$root/bin/codesocial" <<EOF
#!/bin/sh
if [ "\$1" = --version ]; then echo "codesocial $version"; else exec "{binary}" "\$@"; fi
EOF
chmod +x "$root/bin/codesocial"
"#,
        binary = BIN,
    );
    let cargo = dir.path().join("cargo");
    std::fs::write(&cargo, script).expect("fake cargo");
    make_executable(&cargo);
    (dir, log.display().to_string())
}

fn make_executable(path: &Path) {
    use std::os::unix::fs::PermissionsExt;
    std::fs::set_permissions(path, std::fs::Permissions::from_mode(0o755)).expect("chmod");
}

#[test]
fn on_a_pull_request_the_diff_goes_to_the_job_summary_and_sarif_to_code_scanning() {
    let repo = initialised("github");
    let mut workflow = read_yaml(&repo.path().join(".github/workflows/codesocial.yml"));
    let base = git(repo.path(), &["rev-parse", "HEAD"]);
    git(repo.path(), &["checkout", "-q", "-b", "proposition"]);
    propose_change(repo.path());
    let step = action_step(&mut workflow);
    step["with"]["sarif"] = json!("true");

    let release = LocalRelease::new();
    let mut runner = github_runner(repo.path(), &release);
    runner.event_name = "pull_request".into();
    runner.event = json!({ "pull_request": { "base": { "sha": base } } });
    assert!(
        runner.run_workflow(&workflow, "codesocial"),
        "{:#?}",
        runner.log
    );
    assert_eq!(
        runner.step("Semantic diff of the pull request").outcome,
        Outcome::Success
    );
    let summary = runner.summary();
    assert!(summary.contains("Décision par consentement"), "{summary}");
    assert_eq!(runner.uploaded.len(), 1);
    assert_eq!(runner.uploaded[0]["runs"][0]["results"], json!([]));
}

#[test]
fn in_a_larger_repository_the_workflow_at_its_root_checks_the_folder() {
    let tmp = tempfile::tempdir().expect("temp dir");
    let repo = tmp.path();
    git(repo, &["init", "-q", "-b", "main"]);
    git(repo, &["config", "user.name", "Camille Test"]);
    git(repo, &["config", "user.email", "camille@example.org"]);
    std::fs::write(repo.join("README.md"), "# Le projet\n").expect("readme");
    git(repo, &["add", "."]);
    git(repo, &["commit", "-q", "-m", "Premier"]);
    codesocial(repo, &["init", "docs/codesocial", "--nom", "Atelier"]);
    git(repo, &["add", "."]);
    git(repo, &["commit", "-q", "-m", "Le #CodeSocial"]);
    assert!(!repo.join("docs/codesocial/.github").exists());
    let workflow = read_yaml(&repo.join(".github/workflows/codesocial.yml"));
    for event in ["push", "pull_request"] {
        assert_eq!(
            workflow["on"][event]["paths"],
            json!(["docs/codesocial/**", ".github/workflows/codesocial.yml"])
        );
    }
    let release = LocalRelease::new();
    let mut runner = github_runner(repo, &release);
    assert!(
        runner.run_workflow(&workflow, "codesocial"),
        "{:#?}",
        runner.log
    );
    assert_eq!(
        runner.step("Check the #CodeSocial").outcome,
        Outcome::Success
    );

    std::fs::write(repo.join("docs/codesocial/membres/atelier.md"), "---\n").expect("break");
    assert!(!runner.run_workflow(&workflow, "codesocial"));
    let output = &runner.step("Check the #CodeSocial").output;
    assert!(
        output.contains("file=docs/codesocial/membres/atelier.md"),
        "{output}"
    );
}

// ---------------------------------------------------------------------------------------
// GitLab.

/// The GitLab configuration `init` wrote, with its `include:` of our template resolved to
/// this checkout's `docs/gitlab-ci.yml` (the URL must name this version's tag).
fn gitlab_config(repo: &Path) -> Value {
    let own = read_yaml(&repo.join(".gitlab-ci.yml"));
    let remote = own["include"][0]["remote"].as_str().expect("an include");
    assert_eq!(
        remote,
        format!(
            "https://raw.githubusercontent.com/codesocial/codesocial/v{VERSION}/docs/gitlab-ci.yml"
        )
    );
    let mut config = read_yaml(&root().join("docs/gitlab-ci.yml"));
    for (key, value) in own.as_object().expect("a mapping") {
        match key.as_str() {
            "include" => {}
            "variables" => {
                for (name, v) in value.as_object().expect("variables") {
                    config["variables"][name] = v.clone();
                }
            }
            _ => config[key] = value.clone(),
        }
    }
    config
}

/// The shell script GitLab runs for `job`: its template's `before_script`, then `script`.
fn gitlab_script(config: &Value, job: &str) -> String {
    let job_def = &config[job];
    let parent = job_def["extends"].as_str().map(|p| &config[p]);
    let lines = |key: &str| -> Vec<String> {
        let list = job_def.get(key).or_else(|| parent.and_then(|p| p.get(key)));
        list.and_then(Value::as_array)
            .into_iter()
            .flatten()
            .map(|l| l.as_str().expect("a script line").to_string())
            .collect()
    };
    let mut script = lines("before_script");
    script.extend(lines("script"));
    script.join("\n")
}

/// Runs `job` as GitLab's shell executor would, with POSIX `sh -e` (the template must
/// work in Alpine's BusyBox shell, so no bash), in `repo` with `variables` and `extra`.
fn run_gitlab_job(
    config: &Value,
    job: &str,
    repo: &Path,
    extra: &[(&str, String)],
) -> (bool, String) {
    let parent = config[job]["extends"].as_str().expect("extends");
    assert_eq!(config[parent]["variables"]["GIT_DEPTH"], "0");
    let script = gitlab_script(config, job);
    let home = tempfile::tempdir().expect("home");
    let mut cmd = Command::new("sh");
    cmd.arg("-e")
        .arg("-c")
        .arg(&script)
        .current_dir(repo)
        .env_clear()
        .env("PATH", "/usr/local/bin:/usr/bin:/bin")
        .env("HOME", home.path())
        .env("GIT_CONFIG_NOSYSTEM", "1")
        .env("CI", "true")
        .env("CI_PROJECT_DIR", repo);
    for (name, value) in config["variables"].as_object().expect("variables") {
        cmd.env(name, expr::as_string(value));
    }
    for (name, value) in extra {
        cmd.env(name, value);
    }
    let out = cmd.output().expect("sh runs");
    let text = format!(
        "{}{}",
        String::from_utf8_lossy(&out.stdout),
        String::from_utf8_lossy(&out.stderr)
    );
    (out.status.success(), text)
}

#[test]
fn the_gitlab_jobs_init_includes_install_the_release_check_and_review() {
    let origin = initialised("gitlab");
    let config = gitlab_config(origin.path());
    assert_eq!(config["variables"]["CODESOCIAL_VERSION"], VERSION);
    let clone = tempfile::tempdir().expect("clone");
    git(
        clone.path(),
        &["clone", "-q", &origin.path().display().to_string(), "work"],
    );
    let work = clone.path().join("work");
    let release = LocalRelease::new();
    let url = ("CODESOCIAL_DOWNLOAD_URL", release.url());

    let push = [
        url.clone(),
        ("CI_PIPELINE_SOURCE", "push".into()),
        ("CI_COMMIT_BRANCH", "main".into()),
    ];
    let (ok, log) = run_gitlab_job(&config, "codesocial-check", &work, &push);
    assert!(ok, "{log}");
    assert!(log.contains(&format!("codesocial {VERSION}")), "{log}");
    assert!(log.contains("no problems"), "{log}");
    let sarif: Value = serde_json::from_str(
        &std::fs::read_to_string(work.join("codesocial.sarif")).expect("SARIF artifact"),
    )
    .expect("JSON");
    assert_eq!(sarif["runs"][0]["results"], json!([]));
    assert!(work.join(".codesocial-bin/codesocial").is_file());

    // A merge request with an allowed change: reviewed, the diff kept as an artifact.
    git(&work, &["config", "user.name", "Camille Test"]);
    git(&work, &["config", "user.email", "camille@example.org"]);
    let base = git(&work, &["rev-parse", "HEAD"]);
    git(&work, &["checkout", "-q", "-b", "proposition"]);
    propose_change(&work);
    let merge_request = [
        url,
        ("CI_PIPELINE_SOURCE", "merge_request_event".into()),
        ("CI_MERGE_REQUEST_TARGET_BRANCH_NAME", "main".into()),
        ("CI_MERGE_REQUEST_DIFF_BASE_SHA", base),
    ];
    let (ok, log) = run_gitlab_job(&config, "codesocial-diff", &work, &merge_request);
    assert!(ok, "{log}");
    let diff = std::fs::read_to_string(work.join("codesocial-diff.md")).expect("artifact");
    assert!(diff.contains("Décision par consentement"), "{diff}");

    // The next pipeline, on an image without git (Alpine's): the binary comes from the
    // cache, and git is still installed for the diff job's fetch.
    std::fs::remove_file(work.join("codesocial-diff.md")).expect("artifact removed");
    let image = Image::without_git();
    let mut next = merge_request.to_vec();
    next.push(("PATH", image.path()));
    let (ok, log) = run_gitlab_job(&config, "codesocial-diff", &work, &next);
    assert!(ok, "{log}");
    assert_eq!(image.installed(), "add --no-cache git\n", "{log}");
    assert!(work.join("codesocial-diff.md").is_file(), "{log}");
}

#[test]
fn the_gitlab_jobs_never_run_a_binary_the_branch_commits() {
    let origin = initialised("gitlab");
    let config = gitlab_config(origin.path());
    let work = origin.path();
    let elsewhere = tempfile::tempdir().expect("temp dir");
    let marker = elsewhere.path().join("RAN");
    let fake = work.join(".codesocial-bin/codesocial");
    std::fs::create_dir_all(fake.parent().expect("folder")).expect("mkdir");
    std::fs::write(
        &fake,
        format!(
            "#!/bin/sh\ntouch {}\necho \"codesocial {VERSION}\"\n",
            marker.display()
        ),
    )
    .expect("fake binary");
    use std::os::unix::fs::PermissionsExt;
    std::fs::set_permissions(&fake, std::fs::Permissions::from_mode(0o755)).expect("chmod");
    git(work, &["add", "-f", ".codesocial-bin"]);
    git(work, &["commit", "-q", "-m", "a binary of my own"]);
    let release = LocalRelease::new();
    let push = [
        ("CODESOCIAL_DOWNLOAD_URL", release.url()),
        ("CI_PIPELINE_SOURCE", "push".into()),
        ("CI_COMMIT_BRANCH", "main".into()),
    ];
    let (ok, log) = run_gitlab_job(&config, "codesocial-check", work, &push);
    assert!(!ok, "{log}");
    assert!(log.contains(".codesocial-bin/ is committed"), "{log}");
    assert!(!marker.exists(), "the committed binary ran: {log}");
}

/// A container image's tools without git, and an `apk` that installs it (by linking the
/// host's) and records what it was asked for.
struct Image {
    dir: tempfile::TempDir,
}

impl Image {
    fn without_git() -> Self {
        let dir = tempfile::tempdir().expect("image");
        let bin = dir.path().join("bin");
        std::fs::create_dir(&bin).expect("bin");
        for tool in [
            "sh",
            "cat",
            "cut",
            "find",
            "head",
            "mkdir",
            "mktemp",
            "mv",
            "rm",
            "sed",
            "sha256sum",
            "tar",
            "uname",
            "curl",
            "gzip",
        ] {
            let host = Path::new("/usr/bin").join(tool);
            let host = if host.exists() {
                host
            } else {
                Path::new("/bin").join(tool)
            };
            std::os::unix::fs::symlink(&host, bin.join(tool)).expect("link a tool");
        }
        let apk = format!(
            "#!/bin/sh\necho \"$*\" >> {log}\n/bin/ln -s /usr/bin/git {bin}/git\n",
            log = dir.path().join("apk.log").display(),
            bin = bin.display()
        );
        let apk_path = bin.join("apk");
        std::fs::write(&apk_path, apk).expect("apk");
        use std::os::unix::fs::PermissionsExt;
        std::fs::set_permissions(&apk_path, std::fs::Permissions::from_mode(0o755)).expect("chmod");
        Image { dir }
    }

    /// The folder to put on `PATH` (the template prepends the cached binary's own).
    fn path(&self) -> String {
        self.dir.path().join("bin").display().to_string()
    }

    fn installed(&self) -> String {
        std::fs::read_to_string(self.dir.path().join("apk.log")).unwrap_or_default()
    }
}

#[test]
fn the_pre_commit_hook_runs_the_installed_codesocial() {
    let hooks = read_yaml(&root().join(".pre-commit-hooks.yaml"));
    let hook = hooks
        .as_array()
        .expect("hooks")
        .iter()
        .find(|h| h["id"] == "codesocial-check")
        .expect("codesocial-check");
    assert_eq!(hook["language"], "system");
    let repo = initialised("aucune");
    let bin = Path::new(BIN)
        .parent()
        .expect("bin dir")
        .display()
        .to_string();
    let entry = hook["entry"].as_str().expect("entry");
    let out = Command::new("sh")
        .args(["-c", entry])
        .current_dir(repo.path())
        .env("PATH", format!("{bin}:/usr/bin:/bin"))
        .env("LANG", EN)
        .output()
        .expect("the hook runs");
    assert!(out.status.success(), "{out:?}");
    assert!(String::from_utf8_lossy(&out.stdout).contains("no problems"));
}

// ---------------------------------------------------------------------------------------
// What the release promises.

/// `1.88` or `1.88.0` as comparable numbers.
fn rust_version(text: &str) -> Vec<u64> {
    let mut parts: Vec<u64> = text
        .split('.')
        .map(|p| p.parse().expect("a number"))
        .collect();
    parts.resize(3, 0);
    parts
}

#[test]
fn rust_version_covers_every_locked_dependency() {
    let out = Command::new(env!("CARGO"))
        .args(["metadata", "--locked", "--format-version", "1"])
        .current_dir(root())
        .output()
        .expect("cargo metadata runs");
    assert!(
        out.status.success(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    let metadata: Value = serde_json::from_slice(&out.stdout).expect("JSON");
    let packages = metadata["packages"].as_array().expect("packages");
    let ours = packages
        .iter()
        .find(|p| p["name"] == "codesocial")
        .and_then(|p| p["rust_version"].as_str())
        .expect("codesocial declares a rust-version");
    let mut needs: Vec<(Vec<u64>, String)> = packages
        .iter()
        .filter(|p| p["name"] != "codesocial")
        .filter_map(|p| {
            let version = p["rust_version"].as_str()?;
            Some((
                rust_version(version),
                format!("{} {} ({version})", p["name"], p["version"]),
            ))
        })
        .collect();
    needs.sort();
    let (highest, _) = needs.last().expect("dependencies declare rust-versions");
    let above: Vec<&String> = needs
        .iter()
        .filter(|(v, _)| v > &rust_version(ours))
        .map(|(_, name)| name)
        .collect();
    assert!(
        above.is_empty(),
        "Cargo.toml says rust-version {ours}, but the lock file pins crates that need more: {above:?}"
    );
    assert_eq!(
        &rust_version(ours),
        highest,
        "rust-version {ours} is above what any dependency needs: say the true minimum"
    );
}

#[test]
fn the_package_holds_what_the_binary_embeds_and_nothing_heavy() {
    let out = Command::new(env!("CARGO"))
        .args(["package", "--list", "--locked", "--allow-dirty"])
        .current_dir(root())
        .output()
        .expect("cargo package runs");
    assert!(
        out.status.success(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    let list = String::from_utf8(out.stdout).expect("UTF-8");
    let files: Vec<&str> = list.lines().collect();
    for needed in [
        "Cargo.lock",
        "README.md",
        "CHANGELOG.md",
        "LICENSE-MIT",
        "LICENSE-APACHE",
        "src/main.rs",
        "src/init/templates/fr/README.md",
        "src/init/templates/en/ci/github.yml",
        "src/site/assets/style.css",
        "schema/principe.schema.json",
    ] {
        assert!(files.contains(&needed), "the package lacks {needed}");
    }
    for file in &files {
        assert!(
            ![
                "tests/",
                "examples/",
                "fuzz/",
                "benches/",
                ".github/",
                ".ci/",
                "target/"
            ]
            .iter()
            .any(|dir| file.starts_with(dir)),
            "the package should not hold {file}"
        );
    }
    // Nothing heavy: no file over 200 kB (the largest, Cargo.lock, is 80 kB), and the whole
    // under 4 MB (3.1 MB of source and documentation today: the limit catches a fixture, a
    // build output or a binary asset slipping into `include`, not the code's growth).
    let sizes: Vec<(&str, u64)> = files
        .iter()
        .filter_map(|f| Some((*f, std::fs::metadata(root().join(f)).ok()?.len())))
        .collect();
    for (file, size) in &sizes {
        assert!(*size < 200_000, "{file} holds {size} bytes");
    }
    let bytes: u64 = sizes.iter().map(|(_, size)| size).sum();
    assert!(bytes < 4_000_000, "the package holds {bytes} bytes");
}
