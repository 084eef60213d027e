//! The ecosystem through the real binary: two #CodeSocials, A naming B in `ecosysteme`
//! through a `file://` git URL (or a folder path), as the "done when" describes —
//! `id:offre` resolution, the cache (in `CODESOCIAL_CACHE_DIR`, never in A) and offline
//! use, unreachable and broken members, the pooled catalogue in every format, `fetch`, and
//! the JSON-LD export read as linked data. The attacks on the cache and on git are in
//! `security.rs`.

use std::collections::{BTreeSet, HashMap, HashSet};
use std::path::PathBuf;

use serde_json::Value;
use tempfile::TempDir;

use crate::common::{codesocial, copy_dir, git, replace, root, tool, EN, FR};

/// A temporary folder with `a/` and `b/` (the fixtures), B committed in its own git
/// repository (tagged `v1`), A naming B as `fabrique` through `source`.
pub(crate) struct Eco {
    pub(crate) tmp: TempDir,
}

impl Eco {
    pub(crate) fn new() -> Self {
        let tmp = TempDir::new().expect("tempdir");
        let fixtures = root().join("tests/fixtures/ecosystem");
        copy_dir(&fixtures.join("a"), &tmp.path().join("a"));
        copy_dir(&fixtures.join("b"), &tmp.path().join("b"));
        let b = tmp.path().join("b");
        git(&b, &["init", "-q", "-b", "main"]);
        git(&b, &["add", "-A"]);
        git(&b, &["commit", "-q", "-m", "B"]);
        git(&b, &["tag", "v1"]);
        Eco { tmp }
    }

    /// The usual set-up: B through a `file://` URL, fetched once.
    pub(crate) fn with_git_source() -> Self {
        let eco = Eco::new();
        let url = eco.b_url();
        eco.set_source(&url, None);
        let out = eco.run(&["fetch"]);
        assert_eq!(out.code, 0, "{out:?}");
        eco
    }

    /// The user cache of these tests (`CODESOCIAL_CACHE_DIR`).
    pub(crate) fn cache(&self) -> PathBuf {
        self.tmp.path().join("user-cache")
    }

    /// The copies in the cache.
    pub(crate) fn copies(&self) -> Vec<String> {
        let Ok(dir) = std::fs::read_dir(self.cache().join("git")) else {
            return Vec::new();
        };
        let mut names: Vec<String> = dir
            .filter_map(|e| e.ok())
            .map(|e| e.file_name().to_string_lossy().into_owned())
            .collect();
        names.sort();
        names
    }

    pub(crate) fn a(&self) -> PathBuf {
        self.tmp.path().join("a")
    }

    pub(crate) fn b(&self) -> PathBuf {
        self.tmp.path().join("b")
    }

    pub(crate) fn b_url(&self) -> String {
        format!("file://{}", self.b().display())
    }

    pub(crate) fn set_source(&self, source: &str, rev: Option<&str>) {
        let value = match rev {
            Some(rev) => format!("\"{source}\"\n    rev: {rev}"),
            None => format!("\"{source}\""),
        };
        replace(&self.a().join("codesocial.yaml"), "\"@SOURCE@\"", &value);
    }

    pub(crate) fn run(&self, args: &[&str]) -> Output {
        self.run_env(args, &[])
    }

    /// A run with more environment variables (they win over the defaults above).
    pub(crate) fn run_env(&self, args: &[&str], env: &[(&str, &std::ffi::OsStr)]) -> Output {
        let mut cmd = codesocial(EN);
        cmd.arg("-C")
            .arg(self.a())
            .args(args)
            .env("COLUMNS", "100")
            .env("CODESOCIAL_CACHE_DIR", self.cache())
            .env_remove("CODESOCIAL_GIT_TIMEOUT")
            .timeout(std::time::Duration::from_secs(120));
        for (k, v) in env {
            cmd.env(k, v);
        }
        let out = cmd.output().expect("run");
        Output {
            code: out.status.code().unwrap_or(-1),
            stdout: String::from_utf8(out.stdout).expect("utf8"),
            stderr: String::from_utf8(out.stderr).expect("utf8"),
        }
    }

    pub(crate) fn check_json(&self, args: &[&str]) -> (i32, Value) {
        let mut all = vec!["check", "--format", "json"];
        all.extend_from_slice(args);
        let out = self.run(&all);
        (out.code, serde_json::from_str(&out.stdout).expect("json"))
    }
}

#[derive(Debug)]
pub(crate) struct Output {
    pub(crate) code: i32,
    pub(crate) stdout: String,
    pub(crate) stderr: String,
}

/// (severity, code, file) of every diagnostic.
fn diagnostics(v: &Value) -> Vec<(String, String, String)> {
    v["diagnostics"]
        .as_array()
        .expect("diagnostics")
        .iter()
        .map(|d| {
            let s = |k: &str| d[k].as_str().unwrap_or_default().to_string();
            (s("severity"), s("code"), s("file"))
        })
        .collect()
}

pub(crate) fn find<'v>(v: &'v Value, code: &str) -> &'v Value {
    v["diagnostics"]
        .as_array()
        .expect("diagnostics")
        .iter()
        .find(|d| d["code"] == code)
        .unwrap_or_else(|| panic!("no {code} in {v:#}"))
}

#[test]
fn check_strict_resolves_an_offer_of_a_git_member() {
    let eco = Eco::with_git_source();
    let out = eco.run(&["check", "--strict"]);
    assert_eq!(out.code, 0, "{out:?}");
    // One copy, named after the source and keyed by its URL, in the user's cache.
    let copies = eco.copies();
    assert_eq!(copies.len(), 1, "{copies:?}");
    assert!(
        copies[0].starts_with("b-") && copies[0].ends_with(".git"),
        "{copies:?}"
    );
    let copy = eco.cache().join("git").join(&copies[0]);
    let stamp = std::fs::read_to_string(copy.join("codesocial-fetched")).expect("stamp");
    assert!(stamp.trim().parse::<i64>().is_ok(), "{stamp:?}");
    // Nothing is written into A.
    assert!(!eco.a().join(".codesocial").exists());
}

#[test]
fn check_without_a_copy_warns_and_never_fetches() {
    let eco = Eco::new();
    let url = eco.b_url();
    eco.set_source(&url, None);
    let (code, v) = eco.check_json(&[]);
    assert_eq!(code, 0, "{v:#}");
    let d = find(&v, "codesocial::ecosysteme::not-fetched");
    assert_eq!(d["severity"], "warning");
    assert_eq!(d["line"], 15);
    assert!(
        d["help"]
            .as_str()
            .expect("help")
            .contains("codesocial fetch"),
        "{d:#}"
    );
    assert!(eco.copies().is_empty(), "{:?}", eco.copies());
    // `--fetch` asks for it: the member is read at once.
    let (code, v) = eco.check_json(&["--strict", "--fetch"]);
    assert_eq!(code, 0, "{v:#}");
    assert_eq!(eco.copies().len(), 1);
}

#[test]
fn a_mistyped_member_offer_is_an_error_naming_the_member() {
    let eco = Eco::with_git_source();
    replace(
        &eco.a().join("catalogue/accompagnement.md"),
        "fabrique:semapps",
        "fabrique:semaps",
    );
    let (code, v) = eco.check_json(&[]);
    assert_eq!(code, 1);
    let d = find(&v, "codesocial::reference::offre-ecosysteme");
    assert_eq!(d["severity"], "error");
    assert_eq!(d["file"], "catalogue/accompagnement.md");
    assert_eq!(d["line"], 8);
    let message = d["message"].as_str().expect("message");
    assert!(
        message.contains("`fabrique`") && message.contains("`semaps`"),
        "{message}"
    );
    assert_eq!(d["help"], "did you mean `semapps`?");
}

#[test]
fn the_same_commands_work_offline_from_the_cache() {
    let eco = Eco::with_git_source();
    assert_eq!(eco.run(&["check", "--strict"]).code, 0);
    // B goes away: no network, no source.
    std::fs::rename(eco.b(), eco.tmp.path().join("elsewhere")).expect("move B");

    let out = eco.run(&["check", "--strict"]);
    assert_eq!(out.code, 0, "{out:?}");
    assert!(
        out.stderr
            .contains("`fabrique` read from the cached copy of")
            && out.stderr.contains("(today)"),
        "{}",
        out.stderr
    );
    let out = eco.run(&["check", "--strict", "--fetch"]);
    assert_eq!(out.code, 0, "{out:?}");
    assert!(
        out.stderr.contains("could not refresh `fabrique`"),
        "{}",
        out.stderr
    );

    let out = eco.run(&["catalogue", "--format", "json"]);
    assert_eq!(out.code, 0);
    let v: Value = serde_json::from_str(&out.stdout).expect("catalogue json");
    let refs: Vec<&str> = v["offres"]
        .as_array()
        .expect("offres")
        .iter()
        .filter_map(|o| o["reference"].as_str())
        .collect();
    assert_eq!(
        refs,
        ["accompagnement", "fabrique:menuiserie", "fabrique:semapps"]
    );

    let out = eco.run(&["export", "--format", "jsonld"]);
    assert_eq!(out.code, 0);
    assert!(out
        .stdout
        .contains("https://fabrique.example.org/codesocial/catalogue/semapps/"));

    let out = eco.run(&["fetch"]);
    assert_eq!(out.code, 2, "{out:?}");
    assert!(out.stdout.contains("✗ `fabrique`"), "{}", out.stdout);
}

#[test]
fn quiet_keeps_the_cache_notice_off_standard_error() {
    let eco = Eco::with_git_source();
    assert_eq!(eco.run(&["check"]).code, 0);
    let out = eco.run(&["-q", "check"]);
    assert_eq!(out.code, 0);
    assert_eq!(out.stderr, "");
}

#[test]
fn an_unreachable_source_is_a_warning_with_its_reason() {
    let eco = Eco::new();
    let missing = format!("file://{}", eco.tmp.path().join("nowhere").display());
    eco.set_source(&missing, None);
    let (code, v) = eco.check_json(&["--fetch"]);
    assert_eq!(code, 0, "{v:#}");
    let d = find(&v, "codesocial::ecosysteme::unreachable");
    assert_eq!(d["severity"], "warning");
    assert_eq!(d["file"], "codesocial.yaml");
    assert_eq!(d["line"], 15);
    assert!(
        d["message"].as_str().expect("message").contains("nowhere"),
        "{d:#}"
    );
    let unchecked = find(&v, "codesocial::reference::ecosysteme-indisponible");
    assert_eq!(unchecked["file"], "catalogue/accompagnement.md");
    // A failed first fetch leaves no half-made copy behind.
    assert!(eco.copies().is_empty(), "{:?}", eco.copies());
    let (code, _) = eco.check_json(&["--strict", "--fetch"]);
    assert_eq!(code, 1);
}

#[test]
fn a_member_that_is_not_a_codesocial_is_reported() {
    let eco = Eco::new();
    std::fs::create_dir(eco.tmp.path().join("empty")).expect("mkdir");
    eco.set_source("../empty", None);
    let (code, v) = eco.check_json(&[]);
    assert_eq!(code, 0);
    let d = find(&v, "codesocial::ecosysteme::not-a-codesocial");
    assert_eq!(d["severity"], "warning");
}

#[test]
fn a_members_errors_are_prefixed_warnings() {
    let eco = Eco::new();
    replace(
        &eco.b().join("catalogue/menuiserie.md"),
        "membres: [bea]",
        "membres: [bee]",
    );
    git(&eco.b(), &["commit", "-q", "-am", "typo"]);
    let url = eco.b_url();
    eco.set_source(&url, None);
    let (code, v) = eco.check_json(&["--fetch"]);
    assert_eq!(code, 0, "{v:#}");
    let d = find(&v, "codesocial::reference::membre");
    assert_eq!(d["severity"], "warning");
    assert_eq!(d["file"], "fabrique:catalogue/menuiserie.md");
    assert_eq!(d["line"], 4);
    // Its offers still resolve.
    assert!(diagnostics(&v)
        .iter()
        .all(|(_, code, _)| !code.starts_with("codesocial::reference::offre")));
}

#[test]
fn a_folder_source_is_read_as_it_is_or_at_a_rev() {
    let eco = Eco::new();
    eco.set_source("../b", None);
    assert_eq!(eco.run(&["check", "--strict"]).code, 0);
    assert!(
        !eco.a().join(".codesocial").exists(),
        "a folder needs no cache"
    );

    // An offer B has not committed: seen in the folder, not at `rev: v1`.
    let draft = eco.b().join("catalogue/brouillon.md");
    std::fs::copy(eco.b().join("catalogue/menuiserie.md"), &draft).expect("copy");
    let refs = |eco: &Eco| -> Vec<String> {
        let out = eco.run(&["catalogue", "--format", "json"]);
        let v: Value = serde_json::from_str(&out.stdout).expect("json");
        v["offres"]
            .as_array()
            .expect("offres")
            .iter()
            .map(|o| o["reference"].as_str().unwrap_or_default().to_string())
            .collect()
    };
    assert!(refs(&eco).contains(&"fabrique:brouillon".to_string()));
    replace(
        &eco.a().join("codesocial.yaml"),
        "\"../b\"",
        "\"../b\"\n    rev: v1",
    );
    assert!(!refs(&eco).contains(&"fabrique:brouillon".to_string()));
    assert_eq!(eco.run(&["check", "--strict"]).code, 0);

    replace(&eco.a().join("codesocial.yaml"), "rev: v1", "rev: v9");
    let (code, v) = eco.check_json(&[]);
    assert_eq!(code, 0);
    let d = find(&v, "codesocial::ecosysteme::rev");
    assert!(d["message"].as_str().expect("message").contains("`v9`"));
}

/// The ecosystem's diagnostic (`code`, message) of a French `check`.
fn ecosystem_problem_in_french(eco: &Eco) -> (String, String) {
    let out = eco.run(&["--lang", "fr", "check", "--format", "json"]);
    let v: Value = serde_json::from_str(&out.stdout).expect("json");
    let d = v["diagnostics"]
        .as_array()
        .expect("diagnostics")
        .iter()
        .find(|d| {
            d["code"]
                .as_str()
                .is_some_and(|c| c.starts_with("codesocial::ecosysteme::"))
        })
        .unwrap_or_else(|| panic!("no ecosystem problem in {v:#}"));
    let text = |k: &str| d[k].as_str().unwrap_or_default().to_string();
    (text("code"), text("message"))
}

/// A damaged copy, a revision that names nothing and an object that cannot be read are
/// three different reasons, each in the user's language, read through the one git layer
/// (issue 15: the reason was libgit2's English, and a broken object said "no commit").
#[test]
fn a_damaged_copy_a_missing_revision_and_a_broken_object_are_three_reasons() {
    // The copy in the cache, its `HEAD` gone: libgit2 cannot open it.
    let eco = Eco::with_git_source();
    let copy = eco.cache().join("git").join(&eco.copies()[0]);
    std::fs::remove_file(copy.join("HEAD")).expect("remove HEAD");
    let (code, damaged) = ecosystem_problem_in_french(&eco);
    assert_eq!(code, "codesocial::ecosysteme::unreachable");
    assert!(damaged.contains("la copie en cache"), "{damaged}");
    assert!(damaged.contains("lancez `codesocial fetch`"), "{damaged}");

    // A folder source at a revision whose tree object is missing.
    let eco = Eco::new();
    eco.set_source("../b", Some("v1"));
    let tree = git(&eco.b(), &["rev-parse", "v1^{tree}"]);
    let tree = tree.trim();
    let object = eco
        .b()
        .join(".git/objects")
        .join(&tree[..2])
        .join(&tree[2..]);
    std::fs::remove_file(&object).expect("remove the tree object");
    let (code, broken) = ecosystem_problem_in_french(&eco);
    assert_eq!(code, "codesocial::ecosysteme::unreachable");
    assert!(broken.contains("objet git illisible"), "{broken}");
    assert!(broken.contains(tree), "{broken}");

    // A revision the repository does not hold.
    replace(&eco.a().join("codesocial.yaml"), "rev: v1", "rev: v9");
    let (code, missing) = ecosystem_problem_in_french(&eco);
    assert_eq!(code, "codesocial::ecosysteme::rev");
    assert!(missing.contains("version `v9` introuvable"), "{missing}");
}

#[test]
fn a_rev_of_a_git_source_is_read_and_new_tags_wait_for_a_fetch() {
    let eco = Eco::new();
    let url = eco.b_url();
    eco.set_source(&url, Some("v1"));
    assert_eq!(eco.run(&["fetch"]).code, 0);
    assert_eq!(eco.run(&["check", "--strict"]).code, 0);
    // B publishes v2 with one offer more; A asks for v2, which its copy does not hold yet.
    std::fs::copy(
        eco.b().join("catalogue/menuiserie.md"),
        eco.b().join("catalogue/tabourets.md"),
    )
    .expect("copy");
    git(&eco.b(), &["add", "-A"]);
    git(&eco.b(), &["commit", "-q", "-m", "tabourets"]);
    git(&eco.b(), &["tag", "v2"]);
    replace(&eco.a().join("codesocial.yaml"), "rev: v1", "rev: v2");
    // The copy does not hold v2 yet, and nothing fetches without being asked.
    let (code, v) = eco.check_json(&[]);
    assert_eq!(code, 0);
    let d = find(&v, "codesocial::ecosysteme::rev");
    assert!(d["help"]
        .as_str()
        .expect("help")
        .contains("codesocial fetch"));
    let out = eco.run(&["catalogue", "--format", "csv", "--fetch"]);
    assert_eq!(out.code, 0);
    assert!(out.stdout.contains("fabrique:tabourets"), "{out:?}");
}

#[test]
fn ecosystem_entries_are_checked() {
    let eco = Eco::new();
    replace(
        &eco.a().join("codesocial.yaml"),
        "  - id: fabrique\n    source: \"@SOURCE@\"",
        "  - { id: fabrique, source: ../b }\n  - { id: fabrique, source: ../b }\n  - { id: atelier-a, source: ../b }\n  - { id: autre, source: \"--upload-pack=touch pwned\" }\n  - { id: helper, source: \"ext::sh -c touch% pwned\" }",
    );
    let (code, v) = eco.check_json(&[]);
    assert_eq!(code, 1);
    let codes: Vec<String> = diagnostics(&v).into_iter().map(|(_, c, _)| c).collect();
    for expected in [
        "codesocial::ecosysteme::duplicate",
        "codesocial::ecosysteme::own-id",
        "codesocial::ecosysteme::invalid-source",
    ] {
        assert!(
            codes.iter().any(|c| c == expected),
            "{expected} in {codes:?}"
        );
    }
    assert_eq!(
        codes
            .iter()
            .filter(|c| *c == "codesocial::ecosysteme::invalid-source")
            .count(),
        2
    );
    assert!(!eco.a().join("pwned").exists());
    assert_eq!(find(&v, "codesocial::ecosysteme::duplicate")["line"], 15);
}

#[test]
fn fetch_refreshes_git_sources_and_names_folders() {
    let eco = Eco::with_git_source();
    let out = eco.run(&["fetch"]);
    assert_eq!(out.code, 0, "{out:?}");
    assert!(
        out.stdout.contains("✓ `fabrique`: file://"),
        "{}",
        out.stdout
    );
    assert!(out.stdout.contains("1 source up to date, 0 failed"));
    // A new commit in B reaches A's catalogue only after a fetch.
    replace(
        &eco.b().join("catalogue/menuiserie.md"),
        "Menuiserie sur mesure",
        "Menuiserie locale",
    );
    git(&eco.b(), &["commit", "-q", "-am", "rename"]);
    assert!(!eco.run(&["catalogue"]).stdout.contains("Menuiserie locale"));
    assert_eq!(eco.run(&["fetch"]).code, 0);
    assert!(eco.run(&["catalogue"]).stdout.contains("Menuiserie locale"));

    let folder = Eco::new();
    folder.set_source("../b", None);
    let out = folder.run(&["fetch"]);
    assert_eq!(out.code, 0);
    // Named as written, never by the host's absolute path.
    assert!(
        out.stdout.contains("local folder ../b, nothing to fetch"),
        "{}",
        out.stdout
    );
    assert!(
        !out.stdout
            .contains(&folder.tmp.path().display().to_string()),
        "{}",
        out.stdout
    );
}

/// A folder source `check` cannot read (none there, a file, a path through a symbolic
/// link) is a failed source for `fetch` too, exit 2 as for a git source that failed:
/// never "nothing to fetch" and "up to date" (attacker pr16, finding 1).
#[test]
fn fetch_fails_on_a_folder_source_check_cannot_read() {
    for (source, setup) in [
        ("../does-not-exist", None),
        ("../a-file", Some("file")),
        ("../via-link", Some("link")),
    ] {
        let eco = Eco::new();
        match setup {
            Some("file") => std::fs::write(eco.tmp.path().join("a-file"), "x").expect("write"),
            Some(_) => {
                std::os::unix::fs::symlink(eco.b(), eco.tmp.path().join("via-link")).expect("link")
            }
            None => {}
        }
        eco.set_source(source, None);
        let check = eco.run(&["check"]);
        assert!(
            check.stdout.contains("cannot be reached") || check.stdout.contains("link"),
            "{source}: {}",
            check.stdout
        );
        let out = eco.run(&["fetch"]);
        assert_eq!(out.code, 2, "{source}: {out:?}");
        assert!(
            !out.stdout.contains("nothing to fetch"),
            "{source}: {}",
            out.stdout
        );
        assert!(
            out.stdout.contains("0 sources up to date, 1 failed"),
            "{source}: {}",
            out.stdout
        );
    }
}

/// Issue 14 (sec17, item 3): a source `check` refuses is never "up to date" for `fetch`:
/// the #CodeSocial's own folder (`.`, `../a`), a folder or a repository without
/// `codesocial.yaml`, a partner past `CODESOCIAL_MAX_PARTNER_ENTRIES`. Each is a failed
/// source, exit 2, named with its problem, the line of `codesocial.yaml` and what to do,
/// as `check` says it; in French too. The same partner within the limit is up to date.
#[test]
fn fetch_fails_on_every_source_check_refuses() {
    let empty_repo = |eco: &Eco| {
        let dir = eco.tmp.path().join("no-manifest");
        std::fs::create_dir_all(&dir).expect("mkdir");
        std::fs::write(dir.join("README.md"), "# rien\n").expect("write");
        git(&dir, &["init", "-q", "-b", "main"]);
        git(&dir, &["add", "-A"]);
        git(&dir, &["commit", "-q", "-m", "rien"]);
        format!("file://{}", dir.display())
    };
    /// The code, the source (set up in the folder, as written in `source`), the
    /// environment, and what the failure says.
    type Case<'a> = (
        &'a str,
        &'a dyn Fn(&Eco) -> String,
        &'a [(&'a str, &'a str)],
        &'a str,
    );
    let cases: [Case<'_>; 5] = [
        (
            "own-source",
            &|_| ".".to_string(),
            &[],
            "this #CodeSocial itself",
        ),
        (
            "own-source",
            &|_| "../a".to_string(),
            &[],
            "this #CodeSocial itself",
        ),
        (
            "not-a-codesocial",
            &|eco| {
                let dir = eco.tmp.path().join("empty");
                std::fs::create_dir_all(&dir).expect("mkdir");
                std::fs::write(dir.join("x.txt"), "x").expect("write");
                "../empty".to_string()
            },
            &[],
            "is not a #CodeSocial",
        ),
        ("not-a-codesocial", &empty_repo, &[], "is not a #CodeSocial"),
        (
            "unreachable",
            &|eco| eco.b_url(),
            &[("CODESOCIAL_MAX_PARTNER_ENTRIES", "3")],
            "CODESOCIAL_MAX_PARTNER_ENTRIES",
        ),
    ];
    for (code, source, env, said) in cases {
        let eco = Eco::new();
        let source = source(&eco);
        eco.set_source(&source, None);
        let env: Vec<(&str, &std::ffi::OsStr)> = env
            .iter()
            .map(|(k, v)| (*k, std::ffi::OsStr::new(*v)))
            .collect();
        let out = eco.run_env(&["fetch"], &env);
        assert_eq!(out.code, 2, "{source}: {out:?}");
        assert!(
            out.stdout.contains("0 sources up to date, 1 failed"),
            "{source}: {}",
            out.stdout
        );
        assert!(
            out.stdout.contains("✗ `fabrique`:"),
            "{source}: {}",
            out.stdout
        );
        assert!(out.stdout.contains(said), "{source}: {}", out.stdout);
        assert!(
            !out.stdout.contains("nothing to fetch"),
            "{source}: {}",
            out.stdout
        );
        // Where, and what to do: the diagnostic on the `source` line of the manifest.
        assert!(
            out.stdout
                .contains(&format!("codesocial::ecosysteme::{code}")),
            "{source}: {}",
            out.stdout
        );
        assert!(
            out.stdout.contains("codesocial.yaml:"),
            "{source}: {}",
            out.stdout
        );
        assert!(out.stdout.contains("help:"), "{source}: {}", out.stdout);
        // `check` refuses it the same way.
        let check = eco.run_env(&["check", "--format", "json"], &env);
        let json: Value = serde_json::from_str(&check.stdout).expect("json");
        assert_eq!(
            find(&json, &format!("codesocial::ecosysteme::{code}"))["file"],
            "codesocial.yaml",
            "{source}"
        );
    }
    // Within the limit, the same partner is fetched and up to date.
    let eco = Eco::new();
    eco.set_source(&eco.b_url(), None);
    let out = eco.run(&["fetch"]);
    assert_eq!(out.code, 0, "{out:?}");
    assert!(
        out.stdout.contains("1 source up to date, 0 failed"),
        "{}",
        out.stdout
    );
    // In French, the same failure and its help.
    let eco = Eco::new();
    eco.set_source(".", None);
    let out = codesocial(FR)
        .arg("-C")
        .arg(eco.a())
        .arg("fetch")
        .env("CODESOCIAL_CACHE_DIR", eco.cache())
        .output()
        .expect("run");
    let text = String::from_utf8_lossy(&out.stdout);
    assert_eq!(out.status.code(), Some(2), "{text}");
    assert!(text.contains("0 source à jour, 1 en échec"), "{text}");
}

/// Issue 14 (sec17, item 4): a fetch killed while it makes a first copy leaves a `.tmp-*`
/// folder in the cache; the next fetch removes it — named so, holding the tool's marker
/// (`.codesocial-fetching`: the tool's first line, a process that no longer runs) — and
/// nothing else: a folder of that name without the marker, or of a fetch still running,
/// stays.
#[cfg(unix)]
#[test]
fn the_next_fetch_sweeps_only_what_a_killed_fetch_left() {
    let eco = Eco::new();
    eco.set_source(&eco.b_url(), None);
    let root = eco.cache().join("git");
    std::fs::create_dir_all(&root).expect("mkdir");
    let head = "codesocial: a copy being fetched; left behind, it comes from an interrupted `codesocial fetch`";
    let dead = {
        let mut child = std::process::Command::new("true").spawn().expect("true");
        child.wait().expect("wait");
        child.id()
    };
    let folder = |name: &str, marker: Option<String>| {
        let dir = root.join(name);
        std::fs::create_dir_all(dir.join("copy.git/objects")).expect("mkdir");
        if let Some(text) = marker {
            std::fs::write(dir.join(".codesocial-fetching"), text).expect("marker");
        }
        dir
    };
    let left = folder(".tmp-killed", Some(format!("{head}\npid={dead}\n")));
    let ours = std::process::id();
    let kept = [
        folder(".tmp-user", None),
        folder(".tmp-running", Some(format!("{head}\npid={ours}\n"))),
        folder(".tmp-other", Some(format!("notes\npid={dead}\n"))),
    ];
    let out = eco.run(&["fetch"]);
    assert_eq!(out.code, 0, "{out:?}");
    assert!(!left.exists(), "the leftover is swept");
    for dir in &kept {
        assert!(dir.join("copy.git/objects").is_dir(), "{}", dir.display());
    }
    // The copy made holds no marker.
    let copies: Vec<_> = eco
        .copies()
        .into_iter()
        .filter(|c| !c.starts_with(".tmp-"))
        .collect();
    assert_eq!(copies.len(), 1, "{copies:?}");
    assert!(!root.join(&copies[0]).join(".codesocial-fetching").exists());
}

#[test]
fn fetch_without_ecosystem_says_so() {
    let tmp = TempDir::new().expect("tempdir");
    copy_dir(&root().join("examples/minimal"), tmp.path());
    let out = codesocial(EN)
        .arg("fetch")
        .arg(tmp.path())
        .env("CODESOCIAL_CACHE_DIR", tmp.path().join("cache"))
        .output()
        .expect("run");
    assert_eq!(out.status.code(), Some(0));
    assert!(String::from_utf8_lossy(&out.stdout).contains("no `ecosysteme`"));
}

/// Issue 14 (sec15, item 3): `fetch` with a broken `codesocial.yaml` (bad YAML; an
/// `ecosysteme` entry its schema refuses) does not say "nothing to fetch" and exit 0: it
/// prints the manifest's errors as `check` does (file, line, help), says nothing was
/// fetched, and exits 1 as `check` does.
#[test]
fn fetch_with_a_broken_manifest_reports_it_and_exits_as_check_does() {
    let manifest =
        std::fs::read_to_string(root().join("examples/minimal/codesocial.yaml")).expect("read");
    let cases = [
        (
            "bad YAML",
            format!("{manifest}ecosysteme: [\n"),
            "codesocial::yaml::syntax",
        ),
        (
            "an entry without its source",
            format!("{manifest}ecosysteme:\n  - id: voisins\n"),
            "codesocial::schema::required",
        ),
    ];
    for (how, text, code) in cases {
        let tmp = TempDir::new().expect("tempdir");
        copy_dir(&root().join("examples/minimal"), tmp.path());
        std::fs::write(tmp.path().join("codesocial.yaml"), &text).expect("write");
        let check = codesocial(EN)
            .arg("check")
            .arg(tmp.path())
            .output()
            .expect("run");
        for (locale, refused) in [(EN, "nothing was fetched"), (FR, "rien n’a été récupéré")]
        {
            let out = codesocial(locale)
                .arg("fetch")
                .arg(tmp.path())
                .env("CODESOCIAL_CACHE_DIR", tmp.path().join("cache"))
                .output()
                .expect("run");
            let said = String::from_utf8_lossy(&out.stdout);
            assert_eq!(out.status.code(), check.status.code(), "{how}: {said}");
            assert_eq!(out.status.code(), Some(1), "{how}: {said}");
            assert!(!said.contains("nothing to fetch"), "{how}: {said}");
            assert!(!said.contains("rien à récupérer"), "{how}: {said}");
            assert!(said.contains(code), "{how}: {said}");
            assert!(said.contains("codesocial.yaml:"), "{how}: {said}");
            assert!(said.contains(refused), "{how}: {said}");
        }
    }
}

#[test]
fn the_cache_notice_speaks_french() {
    let eco = Eco::with_git_source();
    assert_eq!(eco.run(&["check"]).code, 0);
    let out = codesocial(FR)
        .arg("check")
        .arg(eco.a())
        .env("CODESOCIAL_CACHE_DIR", eco.cache())
        .output()
        .expect("run");
    let stderr = String::from_utf8_lossy(&out.stderr);
    assert!(stderr.contains("lu dans la copie locale du"), "{stderr}");
}

#[test]
fn the_pooled_catalogue_in_every_format() {
    let eco = Eco::with_git_source();
    let text = eco.run(&["catalogue"]);
    assert_eq!(text.code, 0);
    insta::assert_snapshot!("catalogue_text", text.stdout);
    let json = eco.run(&["catalogue", "--format", "json"]);
    let v: Value = serde_json::from_str(&json.stdout).expect("json");
    insta::assert_json_snapshot!("catalogue_json", v);
    let csv = eco.run(&["catalogue", "--format", "csv"]);
    insta::assert_snapshot!("catalogue_csv", csv.stdout);
}

#[test]
fn an_unavailable_member_is_named_in_the_catalogue() {
    let eco = Eco::new();
    eco.set_source("../nowhere", None);
    let out = eco.run(&["catalogue"]);
    assert_eq!(out.code, 0);
    assert!(out
        .stdout
        .contains("(`fabrique` unavailable: its offers are missing)"));
    assert!(
        out.stderr.contains("codesocial::ecosysteme::unreachable"),
        "{}",
        out.stderr
    );
}

// ---------------------------------------------------------------------------------------
// JSON-LD: read the export as linked data.

/// An RDF term: an IRI, or a literal with its datatype (or none).
#[derive(Debug, Clone, PartialEq, Eq, Hash, PartialOrd, Ord)]
enum Term {
    Iri(String),
    Literal(String, Option<String>),
}

type Triple = (String, String, Term);

const RDF_TYPE: &str = "http://www.w3.org/1999/02/22-rdf-syntax-ns#type";

/// JSON-LD expansion and conversion to triples, for what the export may use: an inline
/// context of prefixes, compact or absolute IRIs as keys, `@type`, `@id`, `@value`,
/// embedded node objects and arrays. Anything else fails the test, so a key a processor
/// would silently drop cannot slip in.
struct Reader {
    prefixes: HashMap<String, String>,
    triples: Vec<Triple>,
    nodes: Vec<String>,
}

impl Reader {
    fn new(doc: &Value) -> Self {
        let ctx = doc["@context"].as_object().expect("inline @context");
        let prefixes = ctx
            .iter()
            .map(|(k, v)| {
                let iri = v.as_str().expect("prefix IRI").to_string();
                assert!(iri.ends_with('/') || iri.ends_with('#'), "{k} is no prefix");
                (k.clone(), iri)
            })
            .collect();
        let mut r = Reader {
            prefixes,
            triples: Vec::new(),
            nodes: Vec::new(),
        };
        for node in doc["@graph"].as_array().expect("@graph") {
            r.node(node);
        }
        r
    }

    fn iri(&self, s: &str) -> String {
        if let Some((prefix, rest)) = s.split_once(':') {
            if !rest.starts_with("//") {
                if let Some(base) = self.prefixes.get(prefix) {
                    return format!("{base}{rest}");
                }
            }
        }
        assert!(is_absolute(s), "`{s}` is not an absolute IRI");
        s.to_string()
    }

    fn node(&mut self, node: &Value) -> String {
        let map = node.as_object().expect("node object");
        let id = self.iri(map["@id"].as_str().expect("every node has an @id"));
        self.nodes.push(id.clone());
        let types = match map.get("@type") {
            Some(Value::String(t)) => vec![t.clone()],
            Some(Value::Array(ts)) => ts
                .iter()
                .map(|t| t.as_str().expect("type").to_string())
                .collect(),
            _ => panic!("node {id} has no @type"),
        };
        for t in types {
            let t = self.iri(&t);
            self.triples
                .push((id.clone(), RDF_TYPE.into(), Term::Iri(t)));
        }
        for (key, value) in map {
            if key == "@id" || key == "@type" {
                continue;
            }
            assert!(!key.starts_with('@'), "unexpected keyword {key}");
            let predicate = self.iri(key);
            let values = match value {
                Value::Array(items) => items.clone(),
                other => vec![other.clone()],
            };
            for v in values {
                let object = self.object(&v);
                self.triples.push((id.clone(), predicate.clone(), object));
            }
        }
        id
    }

    fn object(&mut self, v: &Value) -> Term {
        match v {
            Value::String(s) => Term::Literal(s.clone(), None),
            Value::Number(n) => {
                let dt = if n.is_f64() { "double" } else { "integer" };
                Term::Literal(
                    n.to_string(),
                    Some(format!("http://www.w3.org/2001/XMLSchema#{dt}")),
                )
            }
            Value::Bool(b) => Term::Literal(b.to_string(), Some("xsd:boolean".into())),
            Value::Object(m) if m.contains_key("@value") => {
                assert!(m.keys().all(|k| k == "@value" || k == "@type"), "{m:?}");
                let dt = m.get("@type").and_then(Value::as_str).map(|t| self.iri(t));
                Term::Literal(m["@value"].as_str().expect("string value").into(), dt)
            }
            Value::Object(m) if m.len() == 1 => {
                Term::Iri(self.iri(m["@id"].as_str().expect("@id reference")))
            }
            Value::Object(_) => Term::Iri(self.node(v)),
            other => panic!("unexpected value {other}"),
        }
    }

    fn has(&self, s: &str, p: &str, o: Term) -> bool {
        self.triples
            .iter()
            .any(|t| t.0 == s && t.1 == p && t.2 == o)
    }

    fn types_of(&self, s: &str) -> BTreeSet<String> {
        self.triples
            .iter()
            .filter(|t| t.0 == s && t.1 == RDF_TYPE)
            .filter_map(|t| match &t.2 {
                Term::Iri(i) => Some(i.clone()),
                Term::Literal(..) => None,
            })
            .collect()
    }
}

fn is_absolute(s: &str) -> bool {
    s.split_once(':').is_some_and(|(scheme, rest)| {
        !scheme.is_empty()
            && scheme
                .chars()
                .all(|c| c.is_ascii_alphanumeric() || "+-.".contains(c))
            && !rest.is_empty()
    })
}

const SCHEMA: &str = "https://schema.org/";
const PAIR: &str = "http://virtual-assembly.org/ontologies/pair#";
const VF: &str = "https://w3id.org/valueflows/ont/vf#";
const OM2: &str = "http://www.ontology-of-units-of-measure.org/resource/om-2/";

fn iri(s: &str) -> Term {
    Term::Iri(s.to_string())
}

fn export(eco: &Eco) -> Value {
    let out = eco.run(&["export", "--format", "jsonld"]);
    assert_eq!(out.code, 0, "{out:?}");
    serde_json::from_str(&out.stdout).expect("JSON")
}

#[test]
fn the_export_is_linked_data_with_both_organisations_offers() {
    let eco = Eco::with_git_source();
    let doc = export(&eco);
    let r = Reader::new(&doc);
    let unique: HashSet<&String> = r.nodes.iter().collect();
    assert_eq!(unique.len(), r.nodes.len(), "every @id once");

    let a = "https://atelier-a.example.org/codesocial/";
    let b = "https://fabrique.example.org/codesocial/";
    let org_a = format!("{a}#organisation");
    let org_b = format!("{b}#organisation");
    for org in [&org_a, &org_b] {
        let types = r.types_of(org);
        assert!(
            types.contains(&format!("{SCHEMA}Organization")),
            "{types:?}"
        );
        assert!(types.contains(&format!("{PAIR}Organization")), "{types:?}");
    }
    assert!(r.has(
        &org_a,
        &format!("{SCHEMA}name"),
        Term::Literal("Atelier A".into(), None)
    ));
    assert!(r.has(
        &org_b,
        &format!("{SCHEMA}name"),
        Term::Literal("La Fabrique".into(), None)
    ));
    assert!(r.has(&org_a, &format!("{PAIR}partnerOf"), iri(&org_b)));

    // Offers of both organisations, offered by their members.
    let offer_a = format!("{a}catalogue/accompagnement/");
    let offer_b = format!("{b}catalogue/semapps/");
    assert!(r.has(&org_a, &format!("{PAIR}offers"), iri(&offer_a)));
    assert!(r.has(&org_b, &format!("{PAIR}offers"), iri(&offer_b)));
    for offer in [&offer_a, &offer_b] {
        let types = r.types_of(offer);
        assert!(types.contains(&format!("{SCHEMA}Offer")));
        assert!(types.contains(&format!("{PAIR}Resource")));
    }
    assert!(r.has(
        &offer_a,
        &format!("{PAIR}offeredBy"),
        iri(&format!("{a}membres/alex/"))
    ));
    assert!(r.has(
        &offer_b,
        &format!("{SCHEMA}offeredBy"),
        iri(&format!("{b}membres/bea/"))
    ));
    assert!(r
        .types_of(&format!("{b}membres/bea/"))
        .contains(&format!("{PAIR}Person")));
    assert!(r.has(&offer_a, &format!("{SCHEMA}isRelatedTo"), iri(&offer_b)));
    assert!(r.has(&offer_b, &format!("{SCHEMA}isRelatedTo"), iri(&offer_a)));
    assert!(r.has(
        &offer_a,
        &format!("{SCHEMA}priceCurrency"),
        Term::Literal("EUR".into(), None)
    ));

    // The catalogues.
    let catalogue = format!("{a}catalogue/");
    assert!(r
        .types_of(&catalogue)
        .contains(&format!("{SCHEMA}OfferCatalog")));
    assert!(r.has(
        &catalogue,
        &format!("{SCHEMA}itemListElement"),
        iri(&offer_a)
    ));
    let pooled = format!("{a}catalogue/ecosysteme/");
    assert!(r.has(&pooled, &format!("{SCHEMA}itemListElement"), iri(&offer_b)));

    // The pyramid's roles.
    let role = format!("{a}pyramide/#auteurs-alex");
    assert!(r.has(&org_a, &format!("{SCHEMA}member"), iri(&role)));
    assert!(r
        .types_of(&role)
        .contains(&format!("{SCHEMA}OrganizationRole")));
    assert!(r.has(
        &role,
        &format!("{SCHEMA}member"),
        iri(&format!("{a}membres/alex/"))
    ));
    assert!(r.has(
        &role,
        &format!("{SCHEMA}roleName"),
        Term::Literal("auteur".into(), None)
    ));
    assert!(r.has(
        &role,
        &format!("{SCHEMA}startDate"),
        Term::Literal(
            "2021-09-01".into(),
            Some("http://www.w3.org/2001/XMLSchema#date".into())
        )
    ));

    // The flows as ValueFlows economic events with OM 2 measures.
    let flow = format!("{a}matrices/festival/#flux-1");
    assert!(r.types_of(&flow).contains(&format!("{VF}EconomicEvent")));
    assert!(r.has(
        &flow,
        &format!("{VF}provider"),
        iri(&format!("{a}membres/coop-a/"))
    ));
    assert!(r.has(
        &flow,
        &format!("{VF}receiver"),
        iri(&format!("{a}membres/alex/"))
    ));
    let quantity = format!("{flow}-quantite");
    assert!(r.has(&flow, &format!("{VF}resourceQuantity"), iri(&quantity)));
    assert!(r.has(
        &quantity,
        &format!("{OM2}hasUnit"),
        iri(&format!("{OM2}euro"))
    ));
    assert!(r.has(
        &quantity,
        &format!("{OM2}hasNumericalValue"),
        Term::Literal(
            "1200".into(),
            Some("http://www.w3.org/2001/XMLSchema#integer".into())
        )
    ));
    let hours = format!("{a}matrices/festival/#flux-2-quantite");
    assert!(r.has(&hours, &format!("{OM2}hasUnit"), iri(&format!("{OM2}hour"))));
    let tokens = format!("{a}matrices/festival/#flux-3-quantite");
    let token_unit = format!("{a}unites/token");
    assert!(r.has(&tokens, &format!("{OM2}hasUnit"), iri(&token_unit)));
    assert!(r.types_of(&token_unit).contains(&format!("{OM2}Unit")));
    let qualitative = format!("{a}matrices/festival/#flux-4");
    assert!(!r
        .triples
        .iter()
        .any(|t| t.0 == qualitative && t.1 == format!("{VF}resourceQuantity")));

    cross_check_with_pyld(&doc, &r);
}

/// A second opinion from a real JSON-LD processor (pyld): the same IRI triples, and as
/// many literal ones. Under `CI` pyld is required (`.ci/run` installs it); elsewhere,
/// without it, the structural reading above still runs.
fn cross_check_with_pyld(doc: &Value, r: &Reader) {
    use std::io::Write;
    let script = "import json, sys\nfrom pyld import jsonld\nprint(jsonld.to_rdf(json.load(sys.stdin), {'format': 'application/n-quads'}))";
    if !tool(
        "python3",
        &["-c", "import pyld"],
        "python3 -m pip install pyld",
    ) {
        return;
    }
    let mut child = std::process::Command::new("python3")
        .args(["-c", script])
        .stdin(std::process::Stdio::piped())
        .stdout(std::process::Stdio::piped())
        .spawn()
        .expect("python3");
    child
        .stdin
        .take()
        .expect("stdin")
        .write_all(doc.to_string().as_bytes())
        .expect("write");
    let out = child.wait_with_output().expect("pyld output");
    assert!(out.status.success());
    let nquads = String::from_utf8(out.stdout).expect("utf8");
    let mut theirs_iri = BTreeSet::new();
    let mut theirs_literals = 0;
    for line in nquads.lines().filter(|l| !l.trim().is_empty()) {
        let parts: Vec<&str> = line.splitn(3, ' ').collect();
        let (s, p, rest) = (parts[0], parts[1], parts[2].trim_end_matches(" .").trim());
        assert!(
            s.starts_with('<') && !line.contains("_:"),
            "blank node: {line}"
        );
        if rest.starts_with('<') {
            theirs_iri.insert((
                s.trim_matches(['<', '>']).to_string(),
                p.trim_matches(['<', '>']).to_string(),
                rest.trim_matches(['<', '>']).to_string(),
            ));
        } else {
            theirs_literals += 1;
        }
    }
    let ours_iri: BTreeSet<(String, String, String)> = r
        .triples
        .iter()
        .filter_map(|(s, p, o)| match o {
            Term::Iri(o) => Some((s.clone(), p.clone(), o.clone())),
            Term::Literal(..) => None,
        })
        .collect();
    let ours_literals: HashSet<&Triple> = r
        .triples
        .iter()
        .filter(|t| matches!(t.2, Term::Literal(..)))
        .collect();
    assert_eq!(ours_iri, theirs_iri);
    assert_eq!(ours_literals.len(), theirs_literals);
}

#[test]
fn without_site_url_ids_are_stable_urns() {
    let eco = Eco::with_git_source();
    replace(
        &eco.a().join("codesocial.yaml"),
        "site:\n  url: https://atelier-a.example.org/codesocial/\n",
        "",
    );
    let doc = export(&eco);
    let r = Reader::new(&doc);
    assert!(r
        .nodes
        .contains(&"urn:codesocial:atelier-a/#organisation".to_string()));
    assert!(r
        .nodes
        .contains(&"urn:codesocial:atelier-a/catalogue/accompagnement/".to_string()));
    assert!(r
        .nodes
        .contains(&"https://fabrique.example.org/codesocial/catalogue/semapps/".to_string()));
    assert_eq!(doc, export(&eco), "the same input gives the same document");
}

#[test]
fn the_export_snapshot() {
    let eco = Eco::with_git_source();
    insta::assert_json_snapshot!("export_jsonld", export(&eco));
}

#[test]
fn export_refuses_a_codesocial_with_errors() {
    let eco = Eco::with_git_source();
    replace(
        &eco.a().join("catalogue/accompagnement.md"),
        "membres: [alex, coop-a]",
        "membres: [alexx, coop-a]",
    );
    let out = eco.run(&["export", "--format", "jsonld"]);
    assert_eq!(out.code, 1);
    assert_eq!(out.stdout, "");
    assert!(
        out.stderr.contains("unknown member `alexx`"),
        "{}",
        out.stderr
    );
}

/// `build A` pools B's offers on the "catalogue de l'écosystème" page under B's name,
/// shows the complementarity across organisations on A's offer page, and writes both
/// organisations' offers into `codesocial.jsonld` — and does so offline from the cache.
#[test]
fn build_shows_the_pooled_catalogue_and_links_both_organisations() {
    let eco = Eco::with_git_source();
    let out_dir = eco.tmp.path().join("site");
    let out = eco.run(&["build", "--out", out_dir.to_str().expect("utf8 path")]);
    assert_eq!(out.code, 0, "{}{}", out.stdout, out.stderr);
    let page =
        std::fs::read_to_string(out_dir.join("ecosysteme/index.html")).expect("ecosystem page");
    let b_name = "La Fabrique";
    assert!(
        page.contains(b_name),
        "B's name on the pooled catalogue: {page}"
    );
    assert!(
        page.contains("data-orgs=\"fabrique\""),
        "B's offers are filterable by organisation"
    );
    assert!(page.contains("name=\"org\""), "an organisation filter");
    let home = std::fs::read_to_string(out_dir.join("index.html")).expect("home");
    assert!(
        home.contains("ecosysteme/index.html"),
        "the page is in the navigation"
    );
    let jsonld: Value = serde_json::from_str(
        &std::fs::read_to_string(out_dir.join("codesocial.jsonld")).expect("jsonld"),
    )
    .expect("json");
    let offers: Vec<&Value> = jsonld["@graph"]
        .as_array()
        .expect("graph")
        .iter()
        .filter(|n| {
            n["@type"]
                .as_array()
                .is_some_and(|t| t.iter().any(|x| x == "schema:Offer"))
        })
        .collect();
    let ids: Vec<&str> = offers.iter().filter_map(|o| o["@id"].as_str()).collect();
    assert!(
        ids.iter().any(|i| i.contains("semapps")),
        "B's offer in the linked data: {ids:?}"
    );
    assert!(offers.len() >= 2, "both organisations' offers: {ids:?}");
    // Offline: B is gone, the cache serves.
    std::fs::remove_dir_all(eco.b()).expect("remove B");
    let out_dir2 = eco.tmp.path().join("site2");
    let out = eco.run(&["build", "--out", out_dir2.to_str().expect("utf8 path")]);
    assert_eq!(out.code, 0, "{}{}", out.stdout, out.stderr);
    let page =
        std::fs::read_to_string(out_dir2.join("ecosysteme/index.html")).expect("ecosystem page");
    assert!(page.contains(b_name));
}

/// A's offer page names the offer of B it complements, with B's name.
#[test]
fn offer_pages_show_complements_across_organisations() {
    let eco = Eco::with_git_source();
    let out_dir = eco.tmp.path().join("site");
    let out = eco.run(&["build", "--out", out_dir.to_str().expect("utf8 path")]);
    assert_eq!(out.code, 0, "{}{}", out.stdout, out.stderr);
    let a_offer = std::fs::read_dir(eco.a().join("catalogue"))
        .expect("catalogue")
        .filter_map(|e| e.ok())
        .map(|e| e.path())
        .find(|p| std::fs::read_to_string(p).is_ok_and(|t| t.contains("fabrique:semapps")))
        .expect("an offer of A complementary to B's");
    let id = a_offer.file_stem().and_then(|s| s.to_str()).expect("stem");
    let page = std::fs::read_to_string(out_dir.join(format!("catalogue/{id}/index.html")))
        .expect("offer page");
    assert!(
        page.contains("Hébergement SemApps") && page.contains("La Fabrique"),
        "{page}"
    );
}

/// Folder sources are relative to the #CodeSocial and named as written: no message gives
/// away the host's absolute paths, and an absolute path is refused.
#[test]
fn folder_sources_are_named_as_written() {
    let eco = Eco::new();
    replace(
        &eco.a().join("codesocial.yaml"),
        "  - id: fabrique\n    source: \"@SOURCE@\"",
        "  - { id: fabrique, source: ../nowhere }\n  - { id: racine, source: /etc }\n  - { id: haut, source: ../../../../.. }",
    );
    for format in ["human", "json", "github"] {
        let out = eco.run(&["check", "--format", format]);
        assert_eq!(out.code, 1, "{out:?}");
        let host = eco.tmp.path().display().to_string();
        assert!(
            !out.stdout.contains(&host) && !out.stderr.contains(&host),
            "{format}: {out:?}"
        );
    }
    let (_, v) = eco.check_json(&[]);
    let d = find(&v, "codesocial::ecosysteme::unreachable");
    assert!(
        d["message"]
            .as_str()
            .expect("message")
            .contains("`../nowhere`"),
        "{d:#}"
    );
    let d = find(&v, "codesocial::ecosysteme::invalid-source");
    assert!(d["message"].as_str().expect("message").contains("`/etc`"));
    assert!(d["help"].as_str().expect("help").contains("relative"));
    find(&v, "codesocial::ecosysteme::not-a-codesocial");
}

/// The entries of A's `ecosysteme`, written after its usual one (`fabrique`).
fn add_entries(eco: &Eco, entries: &[(&str, &str)]) {
    let mut text = std::fs::read_to_string(eco.a().join("codesocial.yaml")).expect("read");
    for (id, source) in entries {
        text.push_str(&format!("  - id: {id}\n    source: \"{source}\"\n"));
    }
    std::fs::write(eco.a().join("codesocial.yaml"), text).expect("write");
}

/// (code, file, line) of every diagnostic.
fn placed(v: &Value) -> Vec<(String, String, u64)> {
    v["diagnostics"]
        .as_array()
        .expect("diagnostics")
        .iter()
        .map(|d| {
            let s = |k: &str| d[k].as_str().unwrap_or_default().to_string();
            (s("code"), s("file"), d["line"].as_u64().unwrap_or(0))
        })
        .collect()
}

/// A source named again, however spelled, is an error at the line of the repeat and is
/// read once: a partner named many times cannot multiply what it costs (issue 14, round
/// 7, F1). B has one error, so each read of it shows one prefixed warning.
#[test]
fn a_source_named_twice_is_an_error_and_read_once() {
    let eco = Eco::new();
    replace(
        &eco.b().join("catalogue/menuiserie.md"),
        "membres: [bea]",
        "membres: [bee]",
    );
    git(&eco.b(), &["commit", "-q", "-am", "typo"]);
    let url = eco.b_url();
    eco.set_source(&url, None);
    let host = url.replacen("file://", "FILE://", 1);
    add_entries(
        &eco,
        &[
            ("bis", &format!("{url}/")),
            ("ter", &format!("{url}.git")),
            ("quater", &host),
            ("dossier", "../b"),
            ("dossier-bis", "./../b/"),
            ("dossier-ter", "../a/../b"),
        ],
    );
    // `fetch` fetches the source once and names each repeat.
    let out = eco.run(&["fetch"]);
    assert_eq!(out.code, 2, "{out:?}");
    assert_eq!(
        out.stdout.matches("names the same source as").count(),
        5,
        "{out:?}"
    );
    assert_eq!(eco.copies().len(), 1, "{:?}", eco.copies());
    let (code, v) = eco.check_json(&[]);
    assert_eq!(code, 1, "{v:#}");
    let same: Vec<u64> = placed(&v)
        .into_iter()
        .filter(|(c, f, _)| c == "codesocial::ecosysteme::same-source" && f == "codesocial.yaml")
        .map(|(_, _, line)| line)
        .collect();
    // The `source:` lines of `bis`, `ter`, `quater`, `dossier-bis` and `dossier-ter`.
    let manifest = std::fs::read_to_string(eco.a().join("codesocial.yaml")).expect("read");
    let line_of = |id: &str| {
        manifest
            .lines()
            .position(|l| l.trim() == format!("- id: {id}"))
            .expect(id) as u64
            + 2
    };
    let expected: Vec<u64> = ["bis", "ter", "quater", "dossier-bis", "dossier-ter"]
        .map(line_of)
        .to_vec();
    assert_eq!(same, expected, "{v:#}");
    let d = find(&v, "codesocial::ecosysteme::same-source");
    assert!(
        d["message"]
            .as_str()
            .is_some_and(|m| m.contains("`bis`") && m.contains("`fabrique`")),
        "{d:#}"
    );
    // One read of each distinct source: the git one and the folder one.
    let reads: BTreeSet<String> = placed(&v)
        .into_iter()
        .filter(|(c, _, _)| c == "codesocial::reference::membre")
        .map(|(_, f, _)| f)
        .collect();
    assert_eq!(
        reads,
        BTreeSet::from([
            "dossier:catalogue/menuiserie.md".to_string(),
            "fabrique:catalogue/menuiserie.md".to_string()
        ])
    );
}

/// A folder source that is the #CodeSocial's own folder, however spelled, is an error at
/// its `source` and is not read: an organisation is not its own partner (issue 14).
#[test]
fn a_codesocial_is_not_its_own_partner() {
    let eco = Eco::with_git_source();
    add_entries(&eco, &[("moi", "."), ("encore-moi", "../a/")]);
    let (code, v) = eco.check_json(&[]);
    assert_eq!(code, 1, "{v:#}");
    let own: Vec<(String, String, u64)> = placed(&v)
        .into_iter()
        .filter(|(c, _, _)| c == "codesocial::ecosysteme::own-source")
        .collect();
    assert_eq!(own.len(), 2, "{v:#}");
    assert!(own.iter().all(|(_, f, _)| f == "codesocial.yaml"), "{v:#}");
    // Nothing of A is read as a partner's: no diagnostic is prefixed `moi:`.
    assert!(
        placed(&v)
            .iter()
            .all(|(_, f, _)| !f.starts_with("moi:") && !f.starts_with("encore-moi:")),
        "{v:#}"
    );
    let d = find(&v, "codesocial::ecosysteme::own-source");
    assert!(
        d["help"].as_str().is_some_and(|h| h.contains("catalogue/")),
        "{d:#}"
    );
}

/// All the members together read at most `CODESOCIAL_MAX_TOTAL_SIZE` bytes (and 20,000
/// documents): past it, the member that would exceed it is not read, with an error on its
/// `source`, although it fits alone (issue 14, round 7, F1).
#[test]
fn partners_share_one_budget() {
    let eco = Eco::new();
    // B weighs about 11 kB; A about 2 kB. The budget holds one B, not two.
    let padding = "Une phrase de remplissage pour peser.\n".repeat(260);
    let history = eco.b().join("histoire.md");
    let text = std::fs::read_to_string(&history).expect("read") + &padding;
    std::fs::write(&history, text).expect("write");
    copy_dir(&eco.b(), &eco.tmp.path().join("c"));
    eco.set_source("../b", None);
    add_entries(&eco, &[("autre", "../c")]);
    let limit = [("CODESOCIAL_MAX_TOTAL_SIZE", std::ffi::OsStr::new("15000"))];
    let out = eco.run_env(&["check", "--format", "json"], &limit);
    let v: Value = serde_json::from_str(&out.stdout).expect("json");
    assert_eq!(out.code, 1, "{v:#}");
    let d = find(&v, "codesocial::ecosysteme::too-large");
    assert_eq!(d["severity"], "error");
    assert!(
        d["message"]
            .as_str()
            .is_some_and(|m| m.contains("`autre`") && m.contains("15000 bytes")),
        "{d:#}"
    );
    assert_eq!(
        placed(&v)
            .iter()
            .filter(|(c, _, _)| c.starts_with("codesocial::ecosysteme::"))
            .count(),
        1,
        "{v:#}"
    );
    // Each fits alone.
    for source in ["../b", "../c"] {
        let one = Eco::new();
        copy_dir(&eco.b(), &one.tmp.path().join(&source[3..]));
        one.set_source(source, None);
        let out = one.run_env(&["check", "--format", "json"], &limit);
        assert_eq!(out.code, 0, "{source}: {}", out.stdout);
    }
}
