//! The ways `codesocial` plugs into other tools: SARIF for code scanning (checked against
//! the SARIF 2.1.0 structure), GitHub annotations, shell completions, the manual page, and
//! the files other tools read from this repository (the GitHub Action, the pre-commit
//! hooks, the GitLab template).

use std::path::Path;
use std::process::Command as Std;

use serde_json::Value;

use crate::common::{codesocial, copy_dir, git, root, tool, EN};

/// A copy of a fixture outside any git repository, so paths are the folder's own.
fn broken_copy() -> tempfile::TempDir {
    let tmp = tempfile::tempdir().expect("temp dir");
    copy_dir(
        &root().join("tests/fixtures/integrations/broken"),
        tmp.path(),
    );
    tmp
}

/// Runs `check --format FORMAT` in `dir` (as the current directory) and returns stdout.
fn check(dir: &Path, format: &str, expected_code: i32) -> String {
    let out = codesocial(EN)
        .current_dir(dir)
        .args(["check", "--format", format])
        .assert()
        .code(expected_code);
    String::from_utf8(out.get_output().stdout.clone()).expect("UTF-8 output")
}

// ---------------------------------------------------------------------------------------
// SARIF 2.1.0, checked property by property against the specification (OASIS SARIF
// v2.1.0, sections 3.13 sarifLog, 3.14 run, 3.18 tool, 3.19 toolComponent, 3.49
// reportingDescriptor, 3.27 result, 3.28 location, 3.29 physicalLocation, 3.4
// artifactLocation, 3.30 region, 3.11 message).

/// Every way `log` departs from the SARIF 2.1.0 structure.
fn sarif_violations(log: &Value) -> Vec<String> {
    let mut v = Vec::new();
    if log.get("version") != Some(&Value::from("2.1.0")) {
        v.push("sarifLog.version must be \"2.1.0\"".into());
    }
    if let Some(schema) = log.get("$schema") {
        if !schema.as_str().is_some_and(is_absolute_uri) {
            v.push("sarifLog.$schema must be an absolute URI".into());
        }
    }
    match log.get("runs").and_then(Value::as_array) {
        Some(runs) => {
            for (i, run) in runs.iter().enumerate() {
                check_run(run, &format!("runs[{i}]"), &mut v);
            }
        }
        None => v.push("sarifLog.runs is required and must be an array".into()),
    }
    v
}

fn check_run(run: &Value, at: &str, v: &mut Vec<String>) {
    let driver = run.pointer("/tool/driver");
    let Some(driver) = driver.filter(|d| d.is_object()) else {
        v.push(format!("{at}.tool.driver is required"));
        return;
    };
    let name = driver
        .get("name")
        .and_then(Value::as_str)
        .unwrap_or_default();
    if name.is_empty() {
        v.push(format!("{at}.tool.driver.name must be a non-empty string"));
    }
    if let Some(version) = driver.get("version") {
        if !version.is_string() {
            v.push(format!("{at}.tool.driver.version must be a string"));
        }
    }
    if let Some(uri) = driver.get("informationUri") {
        if !uri.as_str().is_some_and(is_absolute_uri) {
            v.push(format!(
                "{at}.tool.driver.informationUri must be an absolute URI"
            ));
        }
    }
    let rules = check_rules(driver.get("rules"), at, v);
    if let Some(kind) = run.get("columnKind") {
        if !matches!(kind.as_str(), Some("utf16CodeUnits" | "unicodeCodePoints")) {
            v.push(format!("{at}.columnKind has an invalid value"));
        }
    }
    match run.get("results") {
        None => {}
        Some(Value::Array(results)) => {
            for (i, result) in results.iter().enumerate() {
                check_result(result, &rules, &format!("{at}.results[{i}]"), v);
            }
        }
        Some(_) => v.push(format!("{at}.results must be an array")),
    }
}

/// Checks `tool.driver.rules` and returns the rule ids, in order.
fn check_rules(rules: Option<&Value>, at: &str, v: &mut Vec<String>) -> Vec<String> {
    let Some(rules) = rules else {
        return Vec::new();
    };
    let Some(rules) = rules.as_array() else {
        v.push(format!("{at}.tool.driver.rules must be an array"));
        return Vec::new();
    };
    let mut ids = Vec::new();
    for (i, rule) in rules.iter().enumerate() {
        let here = format!("{at}.tool.driver.rules[{i}]");
        match rule.get("id").and_then(Value::as_str) {
            Some(id) if !ids.iter().any(|seen| seen == id) => ids.push(id.to_string()),
            Some(id) => v.push(format!("{here}.id `{id}` is not unique")),
            None => v.push(format!("{here}.id is required and must be a string")),
        }
        if let Some(name) = rule.get("name") {
            if !name.is_string() {
                v.push(format!("{here}.name must be a string"));
            }
        }
        for key in ["shortDescription", "fullDescription"] {
            if let Some(text) = rule.get(key) {
                if !text.get("text").is_some_and(Value::is_string) {
                    v.push(format!("{here}.{key}.text is required"));
                }
            }
        }
        if let Some(uri) = rule.get("helpUri") {
            if !uri.as_str().is_some_and(is_absolute_uri) {
                v.push(format!("{here}.helpUri must be an absolute URI"));
            }
        }
    }
    ids
}

fn check_result(result: &Value, rules: &[String], at: &str, v: &mut Vec<String>) {
    let text = result
        .pointer("/message/text")
        .and_then(Value::as_str)
        .unwrap_or_default();
    if text.is_empty() {
        v.push(format!("{at}.message.text must be a non-empty string"));
    }
    let rule_id = result.get("ruleId").and_then(Value::as_str);
    if rule_id.is_none() {
        v.push(format!("{at}.ruleId must be a string"));
    }
    if let Some(index) = result.get("ruleIndex") {
        match index.as_i64() {
            Some(-1) => {}
            Some(i) if i >= 0 => {
                let rule = usize::try_from(i).ok().and_then(|i| rules.get(i));
                if rule.map(String::as_str) != rule_id {
                    v.push(format!(
                        "{at}.ruleIndex does not point at rule `{rule_id:?}`"
                    ));
                }
            }
            _ => v.push(format!("{at}.ruleIndex must be an integer ≥ -1")),
        }
    }
    if let Some(level) = result.get("level") {
        if !matches!(level.as_str(), Some("none" | "note" | "warning" | "error")) {
            v.push(format!("{at}.level has an invalid value"));
        }
    }
    match result.get("locations").and_then(Value::as_array) {
        // Optional in SARIF, required by code scanning: we always give one.
        Some(locations) if !locations.is_empty() => {
            for (i, location) in locations.iter().enumerate() {
                check_physical(location, &format!("{at}.locations[{i}]"), v);
            }
        }
        _ => v.push(format!("{at}.locations must be a non-empty array")),
    }
}

fn check_physical(location: &Value, at: &str, v: &mut Vec<String>) {
    let Some(physical) = location.get("physicalLocation") else {
        v.push(format!("{at}.physicalLocation is missing"));
        return;
    };
    let uri = physical
        .pointer("/artifactLocation/uri")
        .and_then(Value::as_str);
    if !uri.is_some_and(is_relative_uri_reference) {
        v.push(format!(
            "{at}.physicalLocation.artifactLocation.uri must be a relative URI reference: {uri:?}"
        ));
    }
    let Some(region) = physical.get("region") else {
        return;
    };
    let int = |key: &str| region.get(key).map(|n| n.as_i64().filter(|n| *n >= 1));
    let here = format!("{at}.physicalLocation.region");
    let start_line = match int("startLine") {
        Some(Some(n)) => n,
        _ => {
            v.push(format!("{here}.startLine must be an integer ≥ 1"));
            return;
        }
    };
    for key in ["startColumn", "endLine", "endColumn"] {
        if let Some(None) = int(key) {
            v.push(format!("{here}.{key} must be an integer ≥ 1"));
        }
    }
    let end_line = int("endLine").flatten().unwrap_or(start_line);
    if end_line < start_line {
        v.push(format!("{here}.endLine is before startLine"));
    }
    let start_column = int("startColumn").flatten().unwrap_or(1);
    if let Some(Some(end_column)) = int("endColumn") {
        if end_line == start_line && end_column < start_column {
            v.push(format!("{here}.endColumn is before startColumn"));
        }
    }
}

fn is_absolute_uri(s: &str) -> bool {
    s.split_once("://")
        .is_some_and(|(scheme, rest)| !scheme.is_empty() && !rest.is_empty())
        && is_uri_text(s)
}

/// RFC 3986 `relative-ref` made of a path: no scheme, no spaces, escapes well formed.
fn is_relative_uri_reference(s: &str) -> bool {
    !s.is_empty() && !s.contains(':') && !s.starts_with('/') && is_uri_text(s)
}

fn is_uri_text(s: &str) -> bool {
    let bytes = s.as_bytes();
    bytes.iter().enumerate().all(|(i, &b)| {
        if b == b'%' {
            bytes
                .get(i + 1..i + 3)
                .is_some_and(|h| h.iter().all(u8::is_ascii_hexdigit))
        } else {
            b.is_ascii_alphanumeric() || b"-._~:/?#[]@!$&'()*+,;=".contains(&b)
        }
    })
}

#[test]
fn the_sarif_checker_catches_broken_logs() {
    // A checker that accepts anything would make the tests below worthless.
    let broken = serde_json::json!({
        "version": "2.0.0",
        "runs": [{
            "tool": { "driver": { "rules": [{ "id": "a" }, { "id": "a" }] } },
            "columnKind": "bytes",
            "results": [{
                "ruleId": "b", "ruleIndex": 0, "level": "fatal",
                "message": {},
                "locations": [{ "physicalLocation": {
                    "artifactLocation": { "uri": "notes de réunion.md" },
                    "region": { "startLine": 0, "endColumn": 0 }
                } }]
            }, { "message": { "text": "x" } }]
        }]
    });
    let found = sarif_violations(&broken);
    for expected in [
        "version",
        "driver.name",
        "not unique",
        "columnKind",
        "ruleIndex",
        "level",
        "message.text",
        "uri",
        "startLine",
        "locations must be",
        "ruleId must",
    ] {
        assert!(
            found.iter().any(|f| f.contains(expected)),
            "{expected} not caught in {found:#?}"
        );
    }
}

#[test]
fn sarif_is_valid_sarif_2_1_0_with_one_result_per_diagnostic() {
    let dir = broken_copy();
    let log: Value = serde_json::from_str(&check(dir.path(), "sarif", 1)).expect("JSON");
    let violations = sarif_violations(&log);
    assert!(violations.is_empty(), "{violations:#?}");

    let report: Value = serde_json::from_str(&check(dir.path(), "json", 1)).expect("JSON");
    let diagnostics = report["diagnostics"].as_array().expect("diagnostics");
    let results = log["runs"][0]["results"].as_array().expect("results");
    assert_eq!(results.len(), diagnostics.len());
    for (result, d) in results.iter().zip(diagnostics) {
        assert_eq!(result["ruleId"], d["code"]);
        assert_eq!(result["level"], d["severity"]);
        let text = result["message"]["text"].as_str().expect("text");
        assert!(text.starts_with(d["message"].as_str().expect("message")));
        let region = &result["locations"][0]["physicalLocation"]["region"];
        if let Some(line) = d["line"].as_u64() {
            assert_eq!(region["startLine"], line);
            assert_eq!(region["startColumn"], d["column"]);
            assert_eq!(region["endColumn"], d["end_column"]);
        }
    }
    let rules: Vec<&str> = log["runs"][0]["tool"]["driver"]["rules"]
        .as_array()
        .expect("rules")
        .iter()
        .map(|r| r["id"].as_str().expect("id"))
        .collect();
    let mut codes: Vec<&str> = diagnostics
        .iter()
        .map(|d| d["code"].as_str().expect("code"))
        .collect();
    codes.sort_unstable();
    codes.dedup();
    assert_eq!(rules, codes, "one rule per code used, sorted");
}

#[test]
fn sarif_uris_are_encoded_and_repository_problems_sit_on_the_manifest() {
    let dir = broken_copy();
    let log: Value = serde_json::from_str(&check(dir.path(), "sarif", 1)).expect("JSON");
    let uris: Vec<&str> = log["runs"][0]["results"]
        .as_array()
        .expect("results")
        .iter()
        .map(|r| {
            r["locations"][0]["physicalLocation"]["artifactLocation"]["uri"]
                .as_str()
                .expect("uri")
        })
        .collect();
    assert!(
        uris.contains(&"annexes/notes%20de%20r%C3%A9union.md"),
        "{uris:?}"
    );
    assert!(uris.contains(&"codesocial.yaml"), "{uris:?}");
    assert_eq!(log["runs"][0]["columnKind"], "unicodeCodePoints");
    let mut log = log;
    log["runs"][0]["tool"]["driver"]["version"] = Value::from("[version]");
    insta::assert_json_snapshot!("sarif_broken", log);
}

#[test]
fn sarif_of_a_clean_repository_has_no_results() {
    let dir = root().join("examples/cheznous");
    let log: Value = serde_json::from_str(&check(&dir, "sarif", 0)).expect("JSON");
    assert!(sarif_violations(&log).is_empty());
    assert_eq!(log["runs"][0]["results"], serde_json::json!([]));
}

#[test]
fn paths_are_relative_to_the_git_repository_root() {
    let repo = tempfile::tempdir().expect("temp dir");
    git(repo.path(), &["init", "--quiet"]);
    let folder = repo.path().join("org/codesocial");
    copy_dir(&root().join("tests/fixtures/integrations/broken"), &folder);
    let run = |format: &str| {
        let out = codesocial(EN)
            .current_dir(repo.path())
            .args(["check", "org/codesocial", "--format", format])
            .assert()
            .code(1);
        String::from_utf8(out.get_output().stdout.clone()).expect("UTF-8")
    };
    let log: Value = serde_json::from_str(&run("sarif")).expect("JSON");
    let first = &log["runs"][0]["results"][0]["locations"][0]["physicalLocation"];
    assert_eq!(
        first["artifactLocation"]["uri"],
        "org/codesocial/codesocial.yaml"
    );
    let annotations = run("github");
    assert!(annotations.contains("file=org/codesocial/principes/essentiel/ecoute.md,line=6"));
}

// ---------------------------------------------------------------------------------------
// GitHub annotations.

#[test]
fn github_annotations_are_one_workflow_command_per_diagnostic() {
    let dir = broken_copy();
    let out = check(dir.path(), "github", 1);
    let report: Value = serde_json::from_str(&check(dir.path(), "json", 1)).expect("JSON");
    let count = report["diagnostics"].as_array().expect("diagnostics").len();
    let lines: Vec<&str> = out.lines().collect();
    assert_eq!(lines.len(), count, "{out}");
    for line in &lines {
        assert!(
            line.starts_with("::error ") || line.starts_with("::warning "),
            "{line}"
        );
        assert!(line.contains("title=codesocial%3A%3A"), "{line}");
    }
    insta::assert_snapshot!("github_broken", out);
}

// ---------------------------------------------------------------------------------------
// Completions and the manual page.

#[test]
fn completions_are_generated_for_every_shell() {
    for shell in ["bash", "zsh", "fish", "powershell", "elvish"] {
        let out = codesocial(EN)
            .args(["completions", shell])
            .assert()
            .success();
        let script = String::from_utf8(out.get_output().stdout.clone()).expect("UTF-8");
        for word in ["codesocial", "serve", "completions", "strict", "port"] {
            assert!(script.contains(word), "{shell} completions lack {word}");
        }
    }
}

#[test]
fn bash_completions_are_valid_bash() {
    let out = codesocial(EN)
        .args(["completions", "bash"])
        .assert()
        .success();
    let dir = tempfile::tempdir().expect("temp dir");
    let file = dir.path().join("codesocial.bash");
    std::fs::write(&file, &out.get_output().stdout).expect("write");
    if !tool("bash", &["--version"], "apt-get install -y bash") {
        return; // the generation test above still ran
    }
    let status = Std::new("bash")
        .arg("-n")
        .arg(&file)
        .status()
        .expect("bash");
    assert!(status.success(), "bash -n rejected the completions");
}

#[test]
fn an_unknown_shell_is_a_usage_error() {
    codesocial(EN)
        .args(["completions", "tcsh"])
        .assert()
        .code(2)
        .stderr(predicates::str::contains("possible values"));
}

#[test]
fn the_manual_page_is_roff_listing_the_commands() {
    let out = codesocial(EN).arg("man").assert().success();
    let page = String::from_utf8(out.get_output().stdout.clone()).expect("UTF-8");
    assert!(page.contains(".TH codesocial 1"), "{page}");
    assert!(page.contains(".SH NAME"));
    for command in ["check", "diff", "serve", "completions"] {
        assert!(page.contains(command), "man page lacks {command}");
    }
}

// ---------------------------------------------------------------------------------------
// The files other tools read from this repository.

fn yaml(path: &str) -> Value {
    let text = std::fs::read_to_string(root().join(path)).expect("read YAML");
    let doc = codesocial::testing::yaml::parse(&text, 0)
        .unwrap_or_else(|e| panic!("{path} is not valid YAML: {e:?}"));
    doc.root.expect("non-empty YAML").to_json()
}

#[test]
fn the_github_action_installs_checks_and_diffs_pull_requests() {
    // Its steps are run for real in tests/testsuite/release.rs; here, its interface.
    let action = yaml("action.yml");
    assert_eq!(action["runs"]["using"], "composite");
    for input in [
        "version", "path", "check", "strict", "sarif", "diff", "enforce",
    ] {
        assert!(
            action["inputs"][input]["description"].is_string(),
            "{input}"
        );
        assert!(action["inputs"][input]["default"].is_string(), "{input}");
    }
    let steps = action["runs"]["steps"].as_array().expect("steps");
    let runs: Vec<&str> = steps.iter().filter_map(|s| s["run"].as_str()).collect();
    let has = |needle: &str| runs.iter().any(|r| r.contains(needle));
    assert!(has("CODESOCIAL_DOWNLOAD_URL") && has(".sha256"));
    assert!(has("cargo install --locked"));
    assert!(has("--format github") && has("--format sarif"));
    assert!(has("--enforce") && has("--format markdown") && has("GITHUB_STEP_SUMMARY"));
    let uses: Vec<&str> = steps.iter().filter_map(|s| s["uses"].as_str()).collect();
    for action in [
        "actions/cache/restore@",
        "actions/cache/save@",
        "github/codeql-action/upload-sarif@",
    ] {
        assert!(uses.iter().any(|u| u.starts_with(action)), "{action}");
    }
}

#[test]
fn the_pre_commit_hook_checks_the_whole_folder() {
    let hooks = yaml(".pre-commit-hooks.yaml");
    let hooks = hooks.as_array().expect("a list of hooks");
    let hook = hooks
        .iter()
        .find(|h| h["id"] == "codesocial-check")
        .expect("codesocial-check hook");
    assert_eq!(hook["pass_filenames"], false);
    assert_eq!(hook["language"], "system");
    assert_eq!(hook["entry"], "codesocial check");
    assert!(hook["name"].is_string());
}

#[test]
fn the_gitlab_template_checks_and_diffs_merge_requests() {
    let template = yaml("docs/gitlab-ci.yml");
    let scripts = |job: &str| serde_json::to_string(&template[job]["script"]).expect("JSON");
    assert!(scripts("codesocial-check").contains("codesocial check"));
    assert!(scripts("codesocial-check").contains("--format sarif"));
    let diff = scripts("codesocial-diff");
    assert!(diff.contains("diff") && diff.contains("--enforce") && diff.contains("markdown"));
    assert!(serde_json::to_string(&template["codesocial-diff"]["rules"])
        .expect("JSON")
        .contains("merge_request_event"));
}

#[test]
fn the_ci_guide_documents_every_integration() {
    let guide = std::fs::read_to_string(root().join("docs/ci.md")).expect("docs/ci.md");
    for needle in [
        "action.yml",
        "github/codeql-action/upload-sarif",
        "security-events: write",
        "gitlab-ci.yml",
        ".pre-commit-hooks.yaml",
        "codesocial-check",
        "codesocial completions bash",
        "codesocial man",
        "--quiet",
    ] {
        assert!(guide.contains(needle), "docs/ci.md lacks {needle}");
    }
}
