//! A small GitHub Actions runner: enough of one to run the workflow `init` writes and our
//! composite action (`action.yml`) as a hosted runner would — each `run:` step through
//! `bash --noprofile --norc -eo pipefail`, inputs and outputs through the same files
//! (`GITHUB_OUTPUT`, `GITHUB_PATH`, `GITHUB_STEP_SUMMARY`), `if:` conditions evaluated,
//! and the three actions ours uses (`actions/cache/restore`, `actions/cache/save`,
//! `github/codeql-action/upload-sarif`) replaced by local equivalents. An action or
//! construct it does not know is a panic, never a silent skip.

use std::collections::BTreeMap;
use std::path::{Path, PathBuf};
use std::process::Command;

use serde_json::{json, Map, Value};

use super::expr::{self, Status};
use crate::common::{copy_dir, root};

/// What became of a step.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Outcome {
    Success,
    Failure,
    Skipped,
}

/// One step's record: its name, outcome and what it printed.
#[derive(Debug, Clone)]
pub struct Step {
    pub name: String,
    pub outcome: Outcome,
    pub output: String,
}

/// A runner for one repository checkout (`workspace`), keeping its tool cache, Actions
/// cache and job summary across runs, as a repository's runs share the Actions cache.
pub struct Runner {
    pub workspace: PathBuf,
    /// Holds the runner's folders; its name has a space, to catch unquoted paths.
    base: tempfile::TempDir,
    /// The job's environment (`env:`), set by the test.
    pub env: BTreeMap<String, String>,
    /// Folders put first on PATH for the job (a fake `cargo`, say).
    pub extra_path: Vec<PathBuf>,
    pub event_name: String,
    pub event: Value,
    /// The Actions cache: key → saved copy.
    pub cache: BTreeMap<String, PathBuf>,
    /// The SARIF logs handed to code scanning.
    pub uploaded: Vec<Value>,
    pub log: Vec<Step>,
    path_added: Vec<String>,
    counter: usize,
}

impl Runner {
    pub fn new(workspace: &Path) -> Self {
        let base = tempfile::Builder::new()
            .prefix("runner dir ")
            .tempdir()
            .expect("runner dir");
        for dir in ["temp", "tool cache", "home", "cache store"] {
            std::fs::create_dir_all(base.path().join(dir)).expect("runner folders");
        }
        std::fs::write(base.path().join("summary.md"), "").expect("summary");
        Runner {
            workspace: workspace.to_path_buf(),
            base,
            env: BTreeMap::new(),
            extra_path: Vec::new(),
            event_name: "push".into(),
            event: json!({}),
            cache: BTreeMap::new(),
            uploaded: Vec::new(),
            log: Vec::new(),
            path_added: Vec::new(),
            counter: 0,
        }
    }

    pub fn tool_cache(&self) -> PathBuf {
        self.base.path().join("tool cache")
    }

    pub fn summary(&self) -> String {
        std::fs::read_to_string(self.base.path().join("summary.md")).expect("summary")
    }

    /// The record of the step named `name` in the last run.
    pub fn step(&self, name: &str) -> &Step {
        self.log
            .iter()
            .rev()
            .find(|s| s.name == name)
            .unwrap_or_else(|| panic!("no step `{name}` in {:#?}", self.log))
    }

    /// Runs the job `job` of `workflow`; true when it succeeded. The checkout is the
    /// workspace as it is (the test made it a full clone).
    pub fn run_workflow(&mut self, workflow: &Value, job: &str) -> bool {
        self.log.clear();
        self.path_added.clear();
        let steps = workflow["jobs"][job]["steps"]
            .as_array()
            .expect("the job's steps");
        let context = json!({ "github": self.github(None) });
        let mut failed = false;
        for step in steps {
            let name = step_name(step);
            let status = Status { failed };
            let run = step
                .get("if")
                .is_none_or(|c| expr::condition(&expr::as_string(c), &context, status));
            if !run {
                self.record(&name, Outcome::Skipped, String::new());
                continue;
            }
            let ok = match step["uses"].as_str() {
                Some(uses) if uses.starts_with("actions/checkout@") => {
                    assert_eq!(
                        expr::as_string(&step["with"]["fetch-depth"]),
                        "0",
                        "diff, log and bilan need the whole history"
                    );
                    true
                }
                Some(uses) if uses.starts_with("codesocial/codesocial@") => {
                    let with = interpolated(&step["with"], &context, status);
                    self.run_action(&with)
                }
                Some(other) => panic!("the workflow uses an action this runner lacks: {other}"),
                None => {
                    let env = interpolated(&step["env"], &context, status);
                    let script = expr::as_string(&step["run"]);
                    self.run_script(&name, &script, &env, None).0
                }
            };
            failed |= !ok;
        }
        !failed
    }

    /// Runs our composite action with the workflow's `with:`.
    fn run_action(&mut self, with: &Value) -> bool {
        let text = std::fs::read_to_string(root().join("action.yml")).expect("action.yml");
        let action = super::yaml(&text);
        let mut inputs = Map::new();
        for (name, spec) in action["inputs"].as_object().expect("inputs") {
            let given = with.get(name).map(expr::as_string);
            let value = given.unwrap_or_else(|| expr::as_string(&spec["default"]));
            inputs.insert(name.clone(), Value::String(value));
        }
        let action_path = root();
        let mut context = json!({
            "inputs": inputs,
            "steps": {},
            "github": self.github(Some(&action_path)),
            "runner": {
                "temp": self.base.path().join("temp"),
                "tool_cache": self.tool_cache(),
                "os": "Linux",
                "arch": runner_arch(),
            },
        });
        let mut failed = false;
        for step in action["runs"]["steps"].as_array().expect("steps") {
            let name = step_name(step);
            let status = Status { failed };
            let condition = step.get("if").map(expr::as_string);
            let run = condition.is_none_or(|c| expr::condition(&c, &context, status));
            let (outcome, outputs) = if run {
                let with = interpolated(&step["with"], &context, status);
                let env = interpolated(&step["env"], &context, status);
                let (ok, outputs) = match step["uses"].as_str() {
                    Some(uses) => (self.use_action(&name, uses, &with), Map::new()),
                    None => {
                        assert_eq!(step["shell"], "bash", "composite run steps need a shell");
                        let script = expr::as_string(&step["run"]);
                        assert!(
                            !script.contains("${{"),
                            "inputs must reach scripts through env: {script}"
                        );
                        self.run_script(&name, &script, &env, Some(&action_path))
                    }
                };
                failed |= !ok;
                let outcome = if ok { "success" } else { "failure" };
                (outcome, outputs)
            } else {
                self.record(&name, Outcome::Skipped, String::new());
                ("skipped", Map::new())
            };
            if let Some(id) = step["id"].as_str() {
                context["steps"][id] = json!({ "outcome": outcome, "outputs": outputs });
            }
        }
        !failed
    }

    /// The actions ours uses, done locally.
    fn use_action(&mut self, name: &str, uses: &str, with: &Value) -> bool {
        let (action, _version) = uses.split_once('@').expect("a pinned action");
        let path = PathBuf::from(expr::as_string(&with["path"]));
        let key = expr::as_string(&with["key"]);
        let output = match action {
            "actions/cache/restore" => match self.cache.get(&key) {
                Some(saved) => {
                    copy_dir(saved, &path);
                    format!("cache hit: {key}")
                }
                None => format!("cache miss: {key}"),
            },
            "actions/cache/save" => {
                assert!(path.is_dir(), "nothing to cache at {}", path.display());
                self.counter += 1;
                let saved = self
                    .base
                    .path()
                    .join("cache store")
                    .join(self.counter.to_string());
                copy_dir(&path, &saved);
                self.cache.insert(key.clone(), saved);
                format!("cache saved: {key}")
            }
            "github/codeql-action/upload-sarif" => {
                let file = expr::as_string(&with["sarif_file"]);
                let text = std::fs::read_to_string(&file).expect("the SARIF file");
                let log: Value = serde_json::from_str(&text).expect("SARIF is JSON");
                assert_eq!(log["version"], "2.1.0");
                self.uploaded.push(log);
                format!("uploaded {file}")
            }
            other => panic!("the action uses an action this runner lacks: {other}"),
        };
        self.record(name, Outcome::Success, output);
        true
    }

    /// Runs a `run:` script as a hosted runner does; returns success and the outputs.
    fn run_script(
        &mut self,
        name: &str,
        script: &str,
        env: &Value,
        action_path: Option<&Path>,
    ) -> (bool, Map<String, Value>) {
        self.counter += 1;
        let temp = self.base.path().join("temp");
        let file = temp.join(format!("step-{}.sh", self.counter));
        std::fs::write(&file, script).expect("script");
        let output_file = temp.join(format!("output-{}", self.counter));
        let path_file = temp.join(format!("path-{}", self.counter));
        for f in [&output_file, &path_file] {
            std::fs::write(f, "").expect("command file");
        }
        let mut cmd = Command::new("bash");
        cmd.args(["--noprofile", "--norc", "-eo", "pipefail"])
            .arg(&file)
            .current_dir(&self.workspace)
            .env_clear()
            .env("PATH", self.path())
            .env("HOME", self.base.path().join("home"))
            .env("CI", "true")
            .env("GITHUB_ACTIONS", "true")
            .env("GIT_CONFIG_NOSYSTEM", "1")
            .env("GITHUB_WORKSPACE", &self.workspace)
            .env("GITHUB_EVENT_NAME", &self.event_name)
            .env("GITHUB_OUTPUT", &output_file)
            .env("GITHUB_PATH", &path_file)
            .env("GITHUB_STEP_SUMMARY", self.base.path().join("summary.md"))
            .env("RUNNER_TEMP", &temp)
            .env("RUNNER_TOOL_CACHE", self.tool_cache())
            .env("RUNNER_OS", "Linux")
            .env("RUNNER_ARCH", runner_arch())
            .envs(&self.env);
        if let Some(path) = action_path {
            cmd.env("GITHUB_ACTION_PATH", path);
        }
        for (key, value) in env.as_object().into_iter().flatten() {
            cmd.env(key, expr::as_string(value));
        }
        let out = cmd.output().expect("bash runs");
        let text = format!(
            "{}{}",
            String::from_utf8_lossy(&out.stdout),
            String::from_utf8_lossy(&out.stderr)
        );
        let outputs = read_outputs(&output_file);
        let added = std::fs::read_to_string(&path_file).expect("GITHUB_PATH");
        self.path_added
            .extend(added.lines().filter(|l| !l.is_empty()).map(String::from));
        let ok = out.status.success();
        let outcome = if ok {
            Outcome::Success
        } else {
            Outcome::Failure
        };
        self.record(name, outcome, text);
        (ok, outputs)
    }

    /// The job's PATH: what steps added (latest first), the test's folders, the system's.
    fn path(&self) -> String {
        let mut dirs: Vec<String> = self.path_added.iter().rev().cloned().collect();
        dirs.extend(self.extra_path.iter().map(|p| p.display().to_string()));
        dirs.extend(["/usr/local/bin", "/usr/bin", "/bin"].map(String::from));
        dirs.join(":")
    }

    fn github(&self, action_path: Option<&Path>) -> Value {
        json!({
            "event_name": self.event_name,
            "event": self.event,
            "workspace": self.workspace,
            "action_path": action_path,
        })
    }

    fn record(&mut self, name: &str, outcome: Outcome, output: String) {
        self.log.push(Step {
            name: name.to_string(),
            outcome,
            output,
        });
    }
}

/// `RUNNER_ARCH` for this machine.
pub fn runner_arch() -> &'static str {
    match std::env::consts::ARCH {
        "x86_64" => "X64",
        "aarch64" => "ARM64",
        other => panic!("no GitHub runner architecture for {other}"),
    }
}

fn step_name(step: &Value) -> String {
    step["name"]
        .as_str()
        .or(step["uses"].as_str())
        .or(step["id"].as_str())
        .unwrap_or("run")
        .to_string()
}

/// A mapping whose string values have their `${{ … }}` replaced.
fn interpolated(map: &Value, context: &Value, status: Status) -> Value {
    let mut out = Map::new();
    for (key, value) in map.as_object().into_iter().flatten() {
        let text = expr::interpolate(&expr::as_string(value), context, status);
        out.insert(key.clone(), Value::String(text));
    }
    Value::Object(out)
}

/// `GITHUB_OUTPUT`: `name=value` lines and `name<<DELIMITER` blocks.
fn read_outputs(file: &Path) -> Map<String, Value> {
    let text = std::fs::read_to_string(file).expect("GITHUB_OUTPUT");
    let mut outputs = Map::new();
    let mut lines = text.lines();
    while let Some(line) = lines.next() {
        if let Some((name, delimiter)) = line.split_once("<<") {
            let value: Vec<&str> = lines.by_ref().take_while(|l| *l != delimiter).collect();
            outputs.insert(name.into(), Value::String(value.join("\n")));
        } else if let Some((name, value)) = line.split_once('=') {
            outputs.insert(name.into(), Value::String(value.into()));
        }
    }
    outputs
}
