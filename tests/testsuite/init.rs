//! `codesocial init` through the binary: the scaffold passes `check --strict` at once, is
//! committed, never overwrites, and respects an enclosing repository.

use std::path::{Path, PathBuf};

use assert_cmd::Command;
use predicates::prelude::*;

use crate::common::{command, git_command, isolate_git, stdout_of, worktree_files, EN, FR};

/// A temporary workplace: `work/` where commands run, `home/` with a git identity.
struct Sandbox {
    tmp: tempfile::TempDir,
}

impl Sandbox {
    fn new() -> Self {
        let sandbox = Sandbox {
            tmp: tempfile::tempdir().expect("temp dir"),
        };
        std::fs::create_dir_all(sandbox.work()).expect("work dir");
        std::fs::create_dir_all(sandbox.home()).expect("home dir");
        sandbox
    }

    fn work(&self) -> PathBuf {
        self.tmp.path().join("work")
    }

    fn home(&self) -> PathBuf {
        self.tmp.path().join("home")
    }

    fn with_identity(self) -> Self {
        std::fs::write(
            self.home().join(".gitconfig"),
            "[user]\n\tname = Camille Test\n\temail = camille@example.org\n",
        )
        .expect("gitconfig");
        self
    }

    /// The binary in `work/`, English, no colour, a pinned clock and only our git config.
    fn codesocial(&self) -> Command {
        let mut cmd = command(EN);
        isolate_git(&mut cmd, &self.home())
            .current_dir(self.work())
            .env("SOURCE_DATE_EPOCH", "1735689600")
            .env_remove("GIT_AUTHOR_NAME")
            .env_remove("GIT_AUTHOR_EMAIL");
        Command::from_std(cmd)
    }

    /// git in `dir`, with the sandbox's home (and so its identity, when it has one).
    fn git(&self, dir: &Path, args: &[&str]) -> String {
        stdout_of(isolate_git(git_command(dir).args(args), &self.home()))
    }
}

fn read(path: impl AsRef<Path>) -> String {
    std::fs::read_to_string(path).expect("read")
}

/// The scaffold builds at once: the site is written.
fn assert_builds(sandbox: &Sandbox, dir: &str) {
    let out = sandbox
        .codesocial()
        .args(["build", dir])
        .output()
        .expect("runs");
    let stderr = String::from_utf8_lossy(&out.stderr);
    assert!(out.status.success(), "build failed: {stderr}");
    assert!(sandbox.work().join(dir).join("_site").is_dir());
}

#[test]
fn init_writes_a_committed_repository_that_passes_strict_check() {
    let sandbox = Sandbox::new().with_identity();
    sandbox
        .codesocial()
        .args(["init", "x", "--nom", "Château de Millemont"])
        .assert()
        .success()
        .stdout(predicate::str::contains("created in `x`"))
        .stdout(predicate::str::contains("first commit"));
    sandbox
        .codesocial()
        .args(["check", "x", "--strict"])
        .assert()
        .success()
        .stdout(predicate::str::contains("no problems"));

    let x = sandbox.work().join("x");
    let log = sandbox.git(&x, &["log", "--format=%an <%ae>|%s"]);
    assert_eq!(
        log,
        "Camille Test <camille@example.org>|Création du #CodeSocial de Château de Millemont"
    );
    assert_eq!(sandbox.git(&x, &["status", "--porcelain"]), "");
    assert_eq!(
        sandbox.git(&x, &["ls-files"]).lines().count(),
        worktree_files(&x).len()
    );
    let manifest = read(x.join("codesocial.yaml"));
    assert!(manifest.contains("id: chateau-de-millemont"));
    assert!(manifest.contains("titre: \"Le #CodeSocial de Château de Millemont\""));
    assert!(x.join("membres/chateau-de-millemont.md").is_file());
    assert_builds(&sandbox, "x");
}

/// A name whose id YAML would read as a number, a boolean or null (`2023`, `True`,
/// `Yes`) gives a scaffold that passes `check --strict`: the id is quoted where YAML
/// reads it, in both languages, and the comments keep their column.
#[test]
fn an_id_that_looks_like_a_number_or_a_boolean_is_quoted() {
    let sandbox = Sandbox::new().with_identity();
    for (dir, nom, langue) in [
        ("a", "2023", "fr"),
        ("b", "True", "en"),
        ("c", "Null", "fr"),
    ] {
        sandbox
            .codesocial()
            .args(["init", dir, "--nom", nom, "--langue", langue, "--no-git"])
            .assert()
            .success();
        sandbox
            .codesocial()
            .args(["check", dir, "--strict"])
            .assert()
            .success()
            .stdout(predicate::str::contains("no problems"));
        let id = nom.to_lowercase();
        let manifest = read(sandbox.work().join(dir).join("codesocial.yaml"));
        assert!(
            manifest.contains(&format!("  id: \"{id}\"            ")),
            "{manifest}"
        );
    }
}

#[test]
fn the_scaffold_lists_every_kind_and_its_tooling() {
    let sandbox = Sandbox::new().with_identity();
    sandbox
        .codesocial()
        .args(["init", "x", "--nom", "Château de Millemont"])
        .assert()
        .success();
    let paths: Vec<String> = worktree_files(&sandbox.work().join("x"))
        .into_keys()
        .collect();
    insta::assert_json_snapshot!(paths);
}

#[test]
fn init_output_in_french_and_english() {
    for (lang, nom) in [(FR, "Écolieu"), (EN, "Millemont")] {
        let sandbox = Sandbox::new().with_identity();
        let out = sandbox
            .codesocial()
            .env("LANG", lang)
            .args(["init", "lieu", "--nom", nom])
            .output()
            .expect("runs");
        assert!(out.status.success());
        let stdout = String::from_utf8(out.stdout).expect("utf-8");
        let hash = regex_free_hash(&stdout);
        insta::assert_snapshot!(
            format!("init_output_{}", &lang[..2]),
            stdout.replace(&hash, "[HASH]")
        );
    }
}

/// The 7-character hash after "commit " in the summary.
fn regex_free_hash(stdout: &str) -> String {
    stdout
        .split("commit ")
        .nth(1)
        .map(|rest| rest.chars().take(7).collect())
        .expect("a commit hash")
}

#[test]
fn a_second_init_refuses_and_changes_nothing() {
    let sandbox = Sandbox::new().with_identity();
    sandbox
        .codesocial()
        .args(["init", "x", "--nom", "Château de Millemont"])
        .assert()
        .success();
    let x = sandbox.work().join("x");
    let before = worktree_files(&x);
    let head = sandbox.git(&x, &["rev-parse", "HEAD"]);

    sandbox
        .codesocial()
        .args(["init", "x", "--nom", "Château de Millemont"])
        .assert()
        .code(2)
        .stderr(predicate::str::contains("nothing was written"))
        .stderr(predicate::str::contains("codesocial.yaml"))
        .stderr(predicate::str::contains("membres/chateau-de-millemont.md"))
        .stderr(predicate::str::contains(".github/workflows/codesocial.yml"));
    assert_eq!(worktree_files(&x), before);
    assert_eq!(sandbox.git(&x, &["rev-parse", "HEAD"]), head);
}

#[test]
fn one_existing_file_is_enough_to_refuse() {
    let sandbox = Sandbox::new();
    let dir = sandbox.work().join("lieu");
    std::fs::create_dir_all(&dir).expect("dir");
    std::fs::write(dir.join("README.md"), "mine\n").expect("write");
    sandbox
        .codesocial()
        .args(["init", "lieu", "--no-git"])
        .assert()
        .code(2)
        .stderr(predicate::str::contains("1 file already exists"))
        .stderr(predicate::str::contains("README.md"));
    assert_eq!(worktree_files(&dir).len(), 1);
    assert_eq!(read(dir.join("README.md")), "mine\n");
}

#[test]
fn init_writes_into_a_non_empty_folder_without_touching_other_files() {
    let sandbox = Sandbox::new().with_identity();
    let dir = sandbox.work().join("Mon Lieu");
    std::fs::create_dir_all(&dir).expect("dir");
    std::fs::write(dir.join("notes.txt"), "mes notes\n").expect("write");
    sandbox
        .codesocial()
        .args(["init", "Mon Lieu"])
        .assert()
        .success();
    assert_eq!(read(dir.join("notes.txt")), "mes notes\n");
    // No --nom: the folder's name.
    assert!(read(dir.join("codesocial.yaml")).contains("nom: \"Mon Lieu\""));
    assert!(dir.join("membres/mon-lieu.md").is_file());
    sandbox
        .codesocial()
        .args(["check", "Mon Lieu", "--strict"])
        .assert()
        .success();
}

#[test]
fn init_in_the_current_folder_takes_its_name() {
    let sandbox = Sandbox::new().with_identity();
    let dir = sandbox.work().join("ferme-des-4-vents");
    std::fs::create_dir_all(&dir).expect("dir");
    sandbox
        .codesocial()
        .current_dir(&dir)
        .args(["init"])
        .assert()
        .success();
    assert!(dir.join("membres/ferme-des-4-vents.md").is_file());
}

#[test]
fn inside_an_existing_repository_no_new_repository_and_no_commit() {
    let sandbox = Sandbox::new().with_identity();
    let work = sandbox.work();
    sandbox.git(&work, &["init", "-q"]);
    std::fs::write(work.join("autre.txt"), "x\n").expect("write");
    sandbox.git(&work, &["add", "."]);
    sandbox.git(&work, &["commit", "-q", "-m", "Premier"]);
    let head = sandbox.git(&work, &["rev-parse", "HEAD"]);

    sandbox
        .codesocial()
        .args(["init", "docs/codesocial", "--nom", "Atelier"])
        .assert()
        .success()
        .stdout(predicate::str::contains("inside the git repository"));
    let dir = work.join("docs/codesocial");
    assert!(dir.join("codesocial.yaml").is_file());
    assert!(!dir.join(".git").exists());
    assert_eq!(sandbox.git(&work, &["rev-parse", "HEAD"]), head);
    assert!(sandbox
        .git(&work, &["status", "--porcelain"])
        .contains("?? docs/"));
}

/// A git directory lying inside a folder (committed there, or planted: `HEAD`, `objects/`,
/// `refs/` and a `core.worktree` naming the folder around it) is never taken for the
/// repository holding the new folder: `init` finds repositories as every command does
/// (`history::discover_repository`), so it makes its own repository and commit.
#[test]
fn a_planted_git_directory_is_not_the_enclosing_repository() {
    let sandbox = Sandbox::new().with_identity();
    let planted = sandbox.work().join("planted");
    for folder in ["objects", "refs/heads"] {
        std::fs::create_dir_all(planted.join(folder)).expect("mkdir");
    }
    std::fs::write(planted.join("HEAD"), "ref: refs/heads/main\n").expect("HEAD");
    std::fs::write(
        planted.join("config"),
        "[core]\n\trepositoryformatversion = 0\n\tbare = false\n\tworktree = ..\n",
    )
    .expect("config");
    sandbox
        .codesocial()
        .args(["init", "planted/codesocial", "--nom", "Atelier"])
        .assert()
        .success();
    let dir = planted.join("codesocial");
    assert!(dir.join("codesocial.yaml").is_file());
    assert!(dir.join(".git").is_dir(), "no repository of its own");
    assert!(!sandbox.work().join(".github").exists());
}

#[test]
fn no_git_writes_only_files() {
    let sandbox = Sandbox::new();
    sandbox
        .codesocial()
        .args(["init", "x", "--no-git", "--ci", "aucune"])
        .assert()
        .success()
        .stdout(predicate::str::contains("without git"));
    let x = sandbox.work().join("x");
    assert!(!x.join(".git").exists());
    assert!(!x.join(".github").exists());
    assert!(!x.join(".gitlab-ci.yml").exists());
    sandbox
        .codesocial()
        .args(["check", "x", "--strict"])
        .assert()
        .success();
}

#[test]
fn english_content_keeps_french_keys_and_passes_check() {
    let sandbox = Sandbox::new().with_identity();
    sandbox
        .codesocial()
        .args([
            "init",
            "x",
            "--nom",
            "Millemont",
            "--langue",
            "en",
            "--ci",
            "gitlab",
        ])
        .assert()
        .success();
    let x = sandbox.work().join("x");
    let manifest = read(x.join("codesocial.yaml"));
    assert!(manifest.contains("langue: en"));
    assert!(manifest.contains("titre: \"The #CodeSocial of Millemont\""));
    assert!(read(x.join("raison-d-etre.md")).contains("titre: Purpose"));
    assert!(x.join("principes/social-humain/transparency.md").is_file());
    assert!(x.join(".gitlab-ci.yml").is_file());
    assert!(sandbox
        .git(&x, &["log", "--format=%s"])
        .starts_with("Create the #CodeSocial of Millemont"));
    sandbox
        .codesocial()
        .args(["check", "x", "--strict"])
        .assert()
        .success();
    assert_builds(&sandbox, "x");
}

#[test]
fn accents_spaces_and_markup_in_the_name() {
    let sandbox = Sandbox::new().with_identity();
    let nom = "L'Œuvre <des> *Communs* & [Cie]";
    sandbox
        .codesocial()
        .args(["init", "x", "--nom", nom])
        .assert()
        .success();
    let x = sandbox.work().join("x");
    assert!(x.join("membres/l-oeuvre-des-communs-cie.md").is_file());
    let manifest = read(x.join("codesocial.yaml"));
    assert!(manifest.contains("nom: \"L'Œuvre <des> *Communs* & [Cie]\""));
    assert!(manifest.contains("id: l-oeuvre-des-communs-cie"));
    sandbox
        .codesocial()
        .args(["check", "x", "--strict"])
        .assert()
        .success();
}

#[test]
fn a_name_without_letters_is_refused() {
    let sandbox = Sandbox::new();
    sandbox
        .codesocial()
        .args(["init", "x", "--nom", "***", "--no-git"])
        .assert()
        .code(2)
        .stderr(predicate::str::contains("holds no letter or digit"));
    assert!(!sandbox.work().join("x").exists());
}

#[test]
fn the_organisation_signs_when_git_has_no_identity() {
    let sandbox = Sandbox::new();
    sandbox
        .codesocial()
        .args(["init", "x", "--nom", "Atelier"])
        .assert()
        .success()
        .stderr(predicate::str::contains(
            "git knows neither your name nor your e-mail",
        ))
        .stderr(predicate::str::contains("git config --global user.name"));
    let log = sandbox.git(&sandbox.work().join("x"), &["log", "--format=%an <%ae>"]);
    assert_eq!(log, "Atelier <atelier@codesocial.invalid>");
}

#[test]
fn the_github_workflow_checks_pushes_and_reviews_pull_requests() {
    let sandbox = Sandbox::new();
    sandbox
        .codesocial()
        .args(["init", "x", "--no-git"])
        .assert()
        .success();
    let x = sandbox.work().join("x");
    let workflow = read(x.join(".github/workflows/codesocial.yml"));
    let version = env!("CARGO_PKG_VERSION");
    for needle in [
        "push:".to_string(),
        "pull_request:".to_string(),
        "fetch-depth: 0".to_string(),
        format!("uses: codesocial/codesocial@v{version}\n"),
        "path: \".\"".to_string(),
    ] {
        assert!(workflow.contains(&needle), "workflow lacks {needle}");
    }
    // Nothing compiles on the runner, nothing installs from an unpublished crate.
    assert!(!workflow.contains("cargo"), "{workflow}");
    let ignore = read(x.join(".gitignore"));
    assert!(ignore.lines().any(|l| l == "_site/"));
    assert!(ignore.lines().any(|l| l == ".codesocial/cache/"));
    let settings = read(x.join(".vscode/settings.json"));
    assert!(settings.contains("\"./schema/matrice.schema.json\""));
    assert!(read(x.join("matrices/lancement.yaml"))
        .starts_with("# yaml-language-server: $schema=../schema/matrice.schema.json\n"));
    assert!(x.join("schema/principe.schema.json").is_file());
}

/// An existing repository with one commit in `work/`.
fn existing_repository(sandbox: &Sandbox) -> PathBuf {
    let work = sandbox.work();
    sandbox.git(&work, &["init", "-q"]);
    std::fs::write(work.join("autre.txt"), "x\n").expect("write");
    sandbox.git(&work, &["add", "."]);
    sandbox.git(&work, &["commit", "-q", "-m", "Premier"]);
    work
}

#[test]
fn in_a_subfolder_the_workflow_goes_to_the_repository_root() {
    let sandbox = Sandbox::new().with_identity();
    let work = existing_repository(&sandbox);
    sandbox
        .codesocial()
        .args(["init", "docs/codesocial", "--nom", "Atelier"])
        .assert()
        .success()
        .stdout(predicate::str::contains(
            "automatic checks: `.github/workflows/codesocial.yml`, at the root of the repository",
        ))
        .stdout(predicate::str::contains("for the folder `docs/codesocial`"));
    assert!(!work.join("docs/codesocial/.github").exists());
    let workflow = read(work.join(".github/workflows/codesocial.yml"));
    assert!(workflow.contains("path: \"docs/codesocial\""), "{workflow}");
    assert!(workflow.contains("- \"docs/codesocial/**\""), "{workflow}");
    assert!(
        read(work.join("docs/codesocial/README.md")).contains("`.github/workflows/codesocial.yml`")
    );

    // A second #CodeSocial in the same repository: a workflow of its own, the first untouched.
    let before = read(work.join(".github/workflows/codesocial.yml"));
    sandbox
        .codesocial()
        .current_dir(work.join("docs"))
        .args(["init", "autre", "--nom", "Autre Lieu"])
        .assert()
        .success()
        .stdout(predicate::str::contains(
            "`.github/workflows/codesocial-autre-lieu.yml`",
        ));
    assert_eq!(read(work.join(".github/workflows/codesocial.yml")), before);
    assert!(
        read(work.join(".github/workflows/codesocial-autre-lieu.yml"))
            .contains("path: \"docs/autre\"")
    );
    // And a third with the same name finds both taken: it refuses, writing nothing.
    sandbox
        .codesocial()
        .args(["init", "docs/encore", "--nom", "Autre Lieu"])
        .assert()
        .code(2)
        .stderr(predicate::str::contains(
            ".github/workflows/codesocial-autre-lieu.yml",
        ));
    assert!(!work.join("docs/encore").exists());
}

#[test]
fn in_a_subfolder_an_existing_gitlab_ci_is_kept_and_init_says_how_to_include() {
    let sandbox = Sandbox::new().with_identity();
    let work = existing_repository(&sandbox);
    std::fs::write(work.join(".gitlab-ci.yml"), "build:\n  script: [make]\n").expect("write");
    sandbox
        .codesocial()
        .args([
            "--quiet", "init", "docs/cs", "--nom", "Atelier", "--ci", "gitlab",
        ])
        .assert()
        .success()
        .stderr(predicate::str::contains("add to `.gitlab-ci.yml`"))
        .stderr(predicate::str::contains(
            "include:\n  - local: \"/docs/cs/codesocial.gitlab-ci.yml\"",
        ));
    assert_eq!(
        read(work.join(".gitlab-ci.yml")),
        "build:\n  script: [make]\n"
    );
    let ours = read(work.join("docs/cs/codesocial.gitlab-ci.yml"));
    assert!(ours.contains("CODESOCIAL_DIR: \"docs/cs\""), "{ours}");
    let version = env!("CARGO_PKG_VERSION");
    assert!(ours.contains(&format!(
        "https://raw.githubusercontent.com/codesocial/codesocial/v{version}/docs/gitlab-ci.yml"
    )));
    // The README written with it says the same, not that the checks already run.
    let readme = read(work.join("docs/cs/README.md"));
    assert!(
        readme.contains("include:\n  - local: \"/docs/cs/codesocial.gitlab-ci.yml\""),
        "{readme}"
    );
}

#[test]
fn a_folder_name_with_glob_characters_is_filtered_literally() {
    let sandbox = Sandbox::new().with_identity();
    let work = existing_repository(&sandbox);
    sandbox
        .codesocial()
        .args(["init", "docs/[cs] *", "--nom", "Atelier"])
        .assert()
        .success();
    let workflow = read(work.join(".github/workflows/codesocial.yml"));
    assert!(workflow.contains("path: \"docs/[cs] *\""), "{workflow}");
    assert!(
        workflow.contains("- \"docs/\\\\[cs\\\\] \\\\*/**\""),
        "{workflow}"
    );
}
