//! Docs that cannot drift. Every shell command in the code blocks of README.md and
//! docs/*.md is either run here — through the real binary (first on `PATH`), in a sandbox
//! holding a temporary copy of the examples, its exit code and, where the doc shows it, its
//! output checked — or listed in [`not_runnable`] with the reason. A listed command that no
//! doc holds any more fails the test too, so the list stays honest.
//!
//! How a doc is read:
//! - shell blocks are fenced `sh`, `bash`, `shell`, `console`, `powershell`, and unlabelled
//!   blocks that start with a command (`codesocial …`, `$ …`);
//! - in `console` blocks, `$ ` lines are commands and the lines under them their output; in
//!   other blocks every line is a command (a trailing `\` continues it);
//! - a trailing comment saying `exit code N` (`code de sortie N`) sets the expected exit
//!   code (else 0); one that starts with `✓`, `✗` or `⚠` quotes a line of the output;
//! - in shown output, `…` stands for any text (a line of its own: any lines); hashes,
//!   durations and temporary paths are incidental and compared as placeholders;
//! - the blocks of a file run in order in one sandbox (files persist), each block starting
//!   in the sandbox's folder; `/tmp/` in a command is the sandbox's own, and
//!   `cargo run --release --` is the binary this test was built with;
//! - `<!-- doc-test: sandbox NAME -->` before a block starts a fresh sandbox ([`Sandbox`]);
//!   `<!-- doc-test: COMMAND -->` runs a hidden setup command at the start of the block.

use std::path::{Path, PathBuf};
use std::process::Command;

use pulldown_cmark::{CodeBlockKind, Event, Parser, Tag, TagEnd};
use regex::Regex;

use crate::common::{command, copy_dir, git, root, BIN, EN, GIT_DATE};

const VERSION: &str = env!("CARGO_PKG_VERSION");

/// Commands the docs show that cannot run here, and why. `{v}` is this version.
fn not_runnable() -> Vec<(String, &'static str)> {
    let list: &[(&str, &str)] = &[
        ("cargo test --locked", "the test suite itself: it would run this test again"),
        (
            "curl --proto '=https' --tlsv1.2 -LsSf https://github.com/codesocial/codesocial/releases/download/v{v}/codesocial-installer.sh | sh",
            "network: the release's installer (the same archive and checksum are installed by the action in tests/testsuite/release.rs)",
        ),
        (
            "powershell -ExecutionPolicy Bypass -c \"irm https://github.com/codesocial/codesocial/releases/download/v{v}/codesocial-installer.ps1 | iex\"",
            "Windows, and network",
        ),
        ("cargo binstall codesocial@{v}", "network: crates.io and the release"),
        ("cargo install --locked codesocial@{v}", "network: crates.io"),
        (
            "cargo install --locked --git https://github.com/codesocial/codesocial --tag v{v} codesocial",
            "network: the repository on GitHub",
        ),
        (
            "cargo install --locked --path .",
            "a release build of the whole project into ~/.cargo: minutes",
        ),
        ("codesocial serve", "serves until interrupted (tests/testsuite/serve.rs runs it)"),
        ("man codesocial", "opens a pager"),
        (
            "codesocial completions powershell | Out-String | Invoke-Expression",
            "PowerShell",
        ),
        ("bash benches/bench.sh", "the benchmark: minutes, and Hugo"),
        ("RUNS=9 bash benches/bench.sh 5000", "the benchmark: minutes, and Hugo"),
        ("cargo install cargo-fuzz", "network: crates.io"),
        ("cd fuzz", "the fuzzing set-up, which needs cargo-fuzz"),
        (
            "RUSTC_BOOTSTRAP=1 cargo fuzz run yaml -- -max_total_time=120",
            "two minutes of fuzzing with cargo-fuzz",
        ),
        (
            "codesocial catalogue [DIR] [--format text|json|csv] [--fetch]",
            "a synopsis: `[DIR]`, `[--fetch]` and `text|json|csv` are placeholders",
        ),
        (
            "codesocial export [DIR] --format jsonld [--fetch] > codesocial.jsonld",
            "a synopsis: `[DIR]` and `[--fetch]` are placeholders",
        ),
        ("git tag v{v}", "the release: a tag on the forge"),
        ("git push origin v{v}", "the release: a push to the forge"),
        ("cargo publish --locked", "the release: publishes on crates.io"),
        (
            "cargo publish --dry-run --locked",
            "builds the packaged crate from scratch: minutes (.ci/run runs it)",
        ),
        (
            "cargo install cargo-dist --locked --version 0.34.0",
            "network, and minutes of build",
        ),
        ("dist generate", "needs cargo-dist, which the test machine need not have"),
    ];
    list.iter()
        .map(|(c, why)| (c.replace("{v}", VERSION), *why))
        .collect()
}

/// The sandbox a file starts in, when not `project`.
fn first_sandbox(file: &str) -> &'static str {
    match file {
        "docs/demarrer.md" => "empty",
        "docs/review.md" | "docs/bilan.md" => "codesocial",
        "docs/editors.md" => "init",
        _ => "project",
    }
}

/// A command of a doc, with what the doc says about it.
#[derive(Debug, Clone)]
struct Cmd {
    text: String,
    line: usize,
    code: i32,
    /// Shown output (console blocks), compared whole.
    output: Option<String>,
    /// Lines of output quoted in a comment (`# ✓ … no problems`).
    quoted: Vec<String>,
    hidden: bool,
}

#[derive(Debug, Default)]
struct Block {
    line: usize,
    sandbox: Option<String>,
    commands: Vec<Cmd>,
}

/// The shell blocks of a Markdown file, with their directives.
fn blocks(text: &str) -> Vec<Block> {
    let line_of = |offset: usize| text[..offset].matches('\n').count() + 1;
    let mut found = Vec::new();
    let mut pending = Block::default();
    let mut current: Option<(String, usize, String)> = None;
    for (event, range) in Parser::new(text).into_offset_iter() {
        match event {
            Event::Html(html) | Event::InlineHtml(html) => {
                directive(&html, line_of(range.start), &mut pending);
            }
            Event::Start(Tag::CodeBlock(kind)) => {
                let lang = match kind {
                    CodeBlockKind::Fenced(info) => {
                        info.split_whitespace().next().unwrap_or("").to_string()
                    }
                    CodeBlockKind::Indented => "indented".into(),
                };
                current = Some((lang, line_of(range.start) + 1, String::new()));
            }
            Event::Text(t) => {
                if let Some((_, _, body)) = current.as_mut() {
                    body.push_str(&t);
                }
            }
            Event::End(TagEnd::CodeBlock) => {
                let (lang, line, body) = current.take().expect("a block");
                if is_shell(&lang, &body) {
                    let mut block = std::mem::take(&mut pending);
                    block.line = line;
                    block.commands.extend(commands(&lang, &body, line));
                    found.push(block);
                } else {
                    pending = Block::default();
                }
            }
            _ => {}
        }
    }
    found
}

fn directive(html: &str, line: usize, pending: &mut Block) {
    for comment in html.split("<!--").skip(1) {
        let Some(body) = comment.split("-->").next() else {
            continue;
        };
        let Some(rest) = body.trim().strip_prefix("doc-test:") else {
            continue;
        };
        let rest = rest.trim();
        match rest.strip_prefix("sandbox ") {
            Some(name) => pending.sandbox = Some(name.trim().to_string()),
            None => pending.commands.push(Cmd {
                text: rest.to_string(),
                line,
                code: 0,
                output: None,
                quoted: Vec::new(),
                hidden: true,
            }),
        }
    }
}

const COMMAND_WORDS: &[&str] = &[
    "codesocial",
    "cargo",
    "git",
    "cd",
    "cp",
    "curl",
    "bash",
    "mkdir",
];

fn is_shell(lang: &str, body: &str) -> bool {
    match lang {
        "sh" | "bash" | "shell" | "console" | "powershell" | "ps1" | "pwsh" => true,
        "" | "indented" => {
            let first = body.lines().find(|l| !l.trim().is_empty()).unwrap_or("");
            first.starts_with("$ ")
                || COMMAND_WORDS
                    .iter()
                    .any(|w| first.strip_prefix(w).is_some_and(|r| r.starts_with(' ')))
        }
        _ => false,
    }
}

/// The commands of a block's body, `first` being the line of its first line.
fn commands(lang: &str, body: &str, first: usize) -> Vec<Cmd> {
    let console = lang == "console" || body.trim_start().starts_with("$ ");
    let mut out: Vec<Cmd> = Vec::new();
    let mut continued = false;
    for (i, line) in body.lines().enumerate() {
        let command_line = if console {
            line.strip_prefix("$ ")
        } else {
            let trimmed = line.trim();
            (!trimmed.is_empty() && !trimmed.starts_with('#')).then_some(line)
        };
        match (command_line, out.last_mut()) {
            (_, Some(last)) if continued => {
                last.text = format!("{}\n{line}", last.text);
                continued = line.ends_with('\\');
            }
            (Some(text), _) => {
                let (command, comment) = split_comment(text);
                continued = command.ends_with('\\');
                out.push(Cmd {
                    text: command.trim().to_string(),
                    line: first + i,
                    code: expected_code(comment),
                    output: console.then(String::new),
                    quoted: quoted_output(comment),
                    hidden: false,
                });
            }
            (None, Some(last)) => {
                if let Some(output) = last.output.as_mut() {
                    output.push_str(line);
                    output.push('\n');
                }
            }
            (None, None) => {}
        }
    }
    out
}

/// A command and its trailing comment: ` #` outside quotes.
fn split_comment(line: &str) -> (&str, &str) {
    let mut quote: Option<char> = None;
    let mut previous = ' ';
    for (i, c) in line.char_indices() {
        match (quote, c) {
            (None, '\'' | '"') => quote = Some(c),
            (Some(q), _) if c == q => quote = None,
            (None, '#') if previous.is_whitespace() => return (&line[..i], &line[i + 1..]),
            _ => {}
        }
        previous = c;
    }
    (line, "")
}

fn expected_code(comment: &str) -> i32 {
    let re = Regex::new(r"(?:exit code|code de sortie) (\d+)").expect("regex");
    re.captures(comment)
        .map_or(0, |c| c[1].parse().expect("a code"))
}

fn quoted_output(comment: &str) -> Vec<String> {
    let comment = comment.trim();
    if comment.starts_with(['✓', '✗', '⚠']) {
        vec![comment.to_string()]
    } else {
        Vec::new()
    }
}

/// Where a file's commands run. `project`: a copy of `examples/`, like a checkout of this
/// repository. `empty`: nothing. `codesocial`: a git repository holding the ChezNous example
/// at its root (commits tagged `v1` and `v2`, branch `main`, `origin/main` at `v1`) and the
/// minimal example in `docs/codesocial/`. `init`: a folder written by `codesocial init`.
struct Sandbox {
    tmp: tempfile::TempDir,
    start: PathBuf,
}

impl Sandbox {
    fn new(kind: &str, bin: &Path) -> Self {
        let tmp = tempfile::tempdir().expect("sandbox");
        for dir in ["home", "tmp", "work"] {
            std::fs::create_dir_all(tmp.path().join(dir)).expect("sandbox dirs");
        }
        let work = tmp.path().join("work");
        let start = match kind {
            "project" => {
                copy_dir(&root().join("examples"), &work.join("examples"));
                work
            }
            "empty" => work,
            "codesocial" => {
                history(&work);
                work
            }
            "init" => {
                let out = Command::new(bin)
                    .args(["init", "mon-codesocial", "--no-git", "--nom", "Atelier"])
                    .current_dir(&work)
                    .output()
                    .expect("init");
                assert!(out.status.success(), "{out:?}");
                work.join("mon-codesocial")
            }
            other => panic!("unknown sandbox `{other}`"),
        };
        Sandbox { tmp, start }
    }

    fn tmp_dir(&self) -> String {
        format!("{}/", self.tmp.path().join("tmp").display())
    }
}

/// The `codesocial` sandbox's repository.
fn history(work: &Path) {
    copy_dir(&root().join("examples/cheznous"), work);
    copy_dir(
        &root().join("examples/minimal"),
        &work.join("docs/codesocial"),
    );
    git(work, &["init", "-q", "-b", "main"]);
    git(work, &["config", "user.name", "Camille Test"]);
    git(work, &["config", "user.email", "camille@example.org"]);
    git(work, &["add", "."]);
    git(work, &["commit", "-q", "-m", "ChezNous"]);
    git(work, &["tag", "v1"]);
    let file = work.join("principes/social-humain/transparence.md");
    let text = std::fs::read_to_string(&file).expect("principle");
    std::fs::write(&file, format!("{text}\nLes salaires aussi sont publiés.\n")).expect("edit");
    git(work, &["commit", "-q", "-am", "Préciser la transparence"]);
    git(work, &["tag", "v2"]);
    git(work, &["update-ref", "refs/remotes/origin/main", "v1"]);
}

/// What a command did.
struct Ran {
    code: i32,
    output: String,
    cwd: PathBuf,
}

/// Runs `command` in `cwd` with bash, the built binary first on PATH, stderr merged into
/// stdout; `/tmp/` is the sandbox's.
fn run(sandbox: &Sandbox, bin_dir: &Path, cwd: &Path, command: &str) -> Ran {
    // `cargo run --release -- ARGS` is the binary with ARGS: the test's build stands in.
    let command = match command.strip_prefix("cargo run --release -- ") {
        Some(args) => format!("codesocial {args}"),
        None => command.to_string(),
    };
    let command = command.replace("/tmp/", &sandbox.tmp_dir());
    let state = sandbox.tmp.path().join("cwd");
    let script = r#"cd -- "$1" || exit 97; exec 2>&1; eval "$2"; s=$?; pwd > "$3"; exit $s"#;
    let out = Command::new("bash")
        .args(["-o", "pipefail", "-c", script, "doc-test"])
        .arg(cwd)
        .arg(&command)
        .arg(&state)
        .env_clear()
        .env(
            "PATH",
            format!("{}:/usr/local/bin:/usr/bin:/bin", bin_dir.display()),
        )
        .env("HOME", sandbox.tmp.path().join("home"))
        .env("TMPDIR", sandbox.tmp.path().join("tmp"))
        .env("LANG", EN)
        .env("GIT_CONFIG_NOSYSTEM", "1")
        .env("GIT_AUTHOR_DATE", GIT_DATE)
        .env("GIT_COMMITTER_DATE", GIT_DATE)
        .env("SOURCE_DATE_EPOCH", "1741773600")
        .output()
        .expect("bash runs");
    let output = String::from_utf8_lossy(&out.stdout).replace(&sandbox.tmp_dir(), "/tmp/");
    let cwd = std::fs::read_to_string(&state)
        .map(|s| PathBuf::from(s.trim_end_matches('\n')))
        .unwrap_or_else(|_| cwd.to_path_buf());
    let _ = std::fs::remove_file(&state);
    Ran {
        code: out.status.code().unwrap_or(-1),
        output,
        cwd,
    }
}

/// Incidental differences erased: colours, trailing spaces, hashes, durations.
fn normalised(text: &str) -> String {
    let ansi = Regex::new(r"\x1b\[[0-9;]*[A-Za-z]").expect("regex");
    let hash = Regex::new(r"\b[0-9a-f]{7,40}\b").expect("regex");
    let time = Regex::new(r"\b\d+(?:[.,]\d+)?\s?(?:ms|µs|s)\b").expect("regex");
    let text = ansi.replace_all(text, "");
    let text = hash.replace_all(&text, "<hash>");
    let text = time.replace_all(&text, "<time>");
    let lines: Vec<&str> = text.lines().map(str::trim_end).collect();
    lines.join("\n").trim_matches('\n').to_string()
}

/// Whether `actual` is what the doc shows, `…` standing for any text.
fn matches(shown: &str, actual: &str) -> bool {
    let mut pattern = String::from("^");
    for line in normalised(shown).lines() {
        if line.trim() == "…" {
            pattern.push_str(r"(?:[^\n]*\n)*?");
        } else {
            let parts: Vec<String> = line.split('…').map(regex::escape).collect();
            pattern.push_str(&parts.join(r"[^\n]*?"));
            pattern.push('\n');
        }
    }
    pattern.push('$');
    let regex = Regex::new(&pattern).expect("pattern");
    let actual = normalised(actual);
    if actual.is_empty() {
        regex.is_match("")
    } else {
        regex.is_match(&format!("{actual}\n"))
    }
}

fn markdown_files() -> Vec<String> {
    let mut files = vec!["README.md".to_string()];
    let mut docs: Vec<String> = std::fs::read_dir(root().join("docs"))
        .expect("docs/")
        .filter_map(|e| {
            let name = e.ok()?.file_name().to_string_lossy().into_owned();
            name.ends_with(".md").then(|| format!("docs/{name}"))
        })
        .collect();
    docs.sort();
    files.extend(docs);
    files
}

/// What the docs' commands gave.
#[derive(Default)]
struct Tally {
    failures: Vec<String>,
    /// The listed commands met.
    listed: Vec<String>,
    ran: usize,
}

/// Runs the commands of one file into `tally`.
fn check_file(file: &str, bin_dir: &Path, listed: &[(String, &str)], tally: &mut Tally) {
    let text = std::fs::read_to_string(root().join(file)).expect("read doc");
    let bin = bin_dir.join("codesocial");
    let mut sandbox = Sandbox::new(first_sandbox(file), &bin);
    for block in blocks(&text) {
        if let Some(kind) = &block.sandbox {
            sandbox = Sandbox::new(kind, &bin);
        }
        let mut cwd = sandbox.start.clone();
        for cmd in &block.commands {
            if listed.iter().any(|(c, _)| *c == cmd.text) {
                tally.listed.push(cmd.text.clone());
                continue;
            }
            let ran = run(&sandbox, bin_dir, &cwd, &cmd.text);
            tally.ran += 1;
            cwd = ran.cwd.clone();
            if let Some(problem) = verdict(cmd, &ran) {
                let at = format!("{file}:{}: `{}`", cmd.line, cmd.text);
                let output = indent(&ran.output);
                tally
                    .failures
                    .push(format!("{at}\n  {problem}\n  output:\n{output}"));
            }
        }
    }
}

/// What is wrong with a run, if anything.
fn verdict(cmd: &Cmd, ran: &Ran) -> Option<String> {
    if ran.code != cmd.code {
        let hidden = if cmd.hidden { " (hidden set-up)" } else { "" };
        return Some(format!(
            "exit code {}, the doc expects {}{hidden}",
            ran.code, cmd.code
        ));
    }
    // In a console block, no output shown means none printed.
    if let Some(shown) = cmd.output.as_deref() {
        if !matches(shown, &ran.output) {
            return Some(format!(
                "the output differs from the doc's:\n{}",
                indent(shown)
            ));
        }
    }
    for quote in &cmd.quoted {
        if !ran.output.lines().any(|line| matches(quote, line)) {
            return Some(format!("no line of the output reads `{quote}`"));
        }
    }
    None
}

fn indent(text: &str) -> String {
    text.lines().map(|l| format!("    | {l}\n")).collect()
}

#[test]
fn every_command_in_the_docs_runs_as_shown() {
    let bin_dir = Path::new(BIN).parent().expect("bin dir").to_path_buf();
    let listed = not_runnable();
    let mut tally = Tally::default();
    for file in markdown_files() {
        check_file(&file, &bin_dir, &listed, &mut tally);
    }
    for (command, why) in &listed {
        if !tally.listed.contains(command) {
            tally.failures.push(format!(
                "`{command}` is listed as not runnable ({why}) but no doc holds it"
            ));
        }
    }
    let failures = &tally.failures;
    assert!(
        failures.is_empty(),
        "{} problems:\n\n{}",
        failures.len(),
        failures.join("\n\n")
    );
    // A reader that found nothing would pass: the docs hold dozens of commands.
    assert!(tally.ran >= 40, "only {} commands ran", tally.ran);
}

#[test]
fn the_docs_reader_finds_commands_outputs_and_expectations() {
    let doc = "<!-- doc-test: sandbox empty -->\n<!-- doc-test: mkdir x -->\n```console\n$ codesocial check --strict   # a warning: exit code 1\n…\n✗ 1 error\n$ echo a \\\n  b\n```\n\n```text\ncodesocial check\n```\n\n```\ncodesocial check x # ✓ … no problems\n```\n";
    let found = blocks(doc);
    assert_eq!(found.len(), 2, "{found:#?}");
    assert_eq!(found[0].sandbox.as_deref(), Some("empty"));
    let cmds = &found[0].commands;
    assert_eq!(cmds.len(), 3);
    assert!(cmds[0].hidden && cmds[0].text == "mkdir x");
    assert_eq!(cmds[1].text, "codesocial check --strict");
    assert_eq!(cmds[1].code, 1);
    assert_eq!(cmds[1].output.as_deref(), Some("…\n✗ 1 error\n"));
    assert_eq!(cmds[2].text, "echo a \\\n  b");
    assert_eq!(found[1].commands[0].quoted, ["✓ … no problems"]);
    assert_eq!(
        split_comment("sed 's/ #x/y/' f # note"),
        ("sed 's/ #x/y/' f ", " note")
    );
}

#[test]
fn shown_output_matches_what_is_meant_and_not_more() {
    let shown = "codesocial::x\n…\n✗ 1 error, 0 warnings in … documents\n";
    let actual = "codesocial::x\n  × a\n  help: b\n\n✗ 1 error, 0 warnings in 56 documents\n";
    assert!(matches(shown, actual));
    assert!(!matches(
        shown,
        "codesocial::x\n✗ 2 errors, 0 warnings in 56 documents\n"
    ));
    assert!(!matches("a\nb", "a\nb\nc"), "extra lines are a difference");
    assert!(matches(
        "first commit abc1234 in 12 ms",
        "\u{1b}[1mfirst commit 9f8e7d6\u{1b}[0m in 0.4 s  "
    ));
    assert!(!matches("no problems", "1 problem"));
}

/// The install commands (those that install codesocial) of a Markdown text.
fn install_commands(text: &str) -> Vec<String> {
    let mut found: Vec<String> = blocks(text)
        .into_iter()
        .flat_map(|b| b.commands)
        .map(|c| c.text)
        .filter(|c| {
            c.contains("codesocial")
                && (c.contains("installer.")
                    || c.starts_with("cargo install")
                    || c.starts_with("cargo binstall"))
                && !c.contains("--path")
        })
        .collect();
    found.sort();
    found.dedup();
    found
}

#[test]
fn one_install_story_in_the_docs_and_in_what_init_writes() {
    let readme = std::fs::read_to_string(root().join("README.md")).expect("README");
    let story = install_commands(&readme);
    assert!(story.len() >= 5, "{story:#?}");
    let guide = std::fs::read_to_string(root().join("docs/demarrer.md")).expect("guide");
    assert_eq!(install_commands(&guide), story, "docs/demarrer.md");
    for langue in ["fr", "en"] {
        let tmp = tempfile::tempdir().expect("temp dir");
        let out = command(EN)
            .args(["init", "x", "--no-git", "--langue", langue])
            .current_dir(tmp.path())
            .output()
            .expect("init");
        assert!(out.status.success());
        let written = std::fs::read_to_string(tmp.path().join("x/README.md")).expect("README");
        assert_eq!(
            install_commands(&written),
            story,
            "the README init writes ({langue})"
        );
    }
}

#[test]
fn every_version_the_docs_pin_is_this_one() {
    let pins = Regex::new(
        r"codesocial/codesocial@([^\s`]+)|releases/download/v([0-9][^/\s]*)|codesocial/codesocial/(v[^/\s]+)/docs|--tag (v[^\s`]+)|CODESOCIAL_VERSION: .([0-9][^\x22\s]*)",
    )
    .expect("regex");
    let mut files = markdown_files();
    files.extend(["docs/gitlab-ci.yml".to_string(), "action.yml".to_string()]);
    let mut wrong = Vec::new();
    for file in files {
        let text = std::fs::read_to_string(root().join(&file)).expect("read");
        for caps in pins.captures_iter(&text) {
            let pin = caps
                .iter()
                .skip(1)
                .flatten()
                .next()
                .expect("a group")
                .as_str();
            if pin.trim_start_matches('v') != VERSION && !pin.contains('$') {
                wrong.push(format!("{file}: {}", &caps[0]));
            }
        }
    }
    assert!(wrong.is_empty(), "pins other than v{VERSION}: {wrong:#?}");
}

/// The YAML code blocks of a Markdown text (CI files the docs show), with their line.
fn yaml_blocks(text: &str) -> Vec<(usize, String)> {
    let line_of = |offset: usize| text[..offset].matches('\n').count() + 1;
    let mut found = Vec::new();
    let mut current: Option<(usize, String)> = None;
    for (event, range) in Parser::new(text).into_offset_iter() {
        match event {
            Event::Start(Tag::CodeBlock(CodeBlockKind::Fenced(info)))
                if matches!(info.split_whitespace().next(), Some("yaml" | "yml")) =>
            {
                current = Some((line_of(range.start), String::new()));
            }
            Event::Text(t) => {
                if let Some((_, body)) = current.as_mut() {
                    body.push_str(&t);
                }
            }
            Event::End(TagEnd::CodeBlock) => found.extend(current.take()),
            _ => {}
        }
    }
    found
}

/// A CI job the docs show that runs codesocial installs it the one way: the action, the
/// GitLab template's job, or the template included — never a build from crates.io.
#[test]
fn every_ci_file_the_docs_show_installs_codesocial_the_one_way() {
    let runs = Regex::new(r"(?m)^\s*(-\s+)?(run:\s*|-\s+)?codesocial\s+[a-z]").expect("regex");
    let installs = [
        "uses: codesocial/codesocial@",
        "extends: .codesocial",
        "docs/gitlab-ci.yml",
    ];
    let mut wrong = Vec::new();
    for file in markdown_files() {
        let text = std::fs::read_to_string(root().join(&file)).expect("read");
        for (line, body) in yaml_blocks(&text) {
            if body.contains("cargo install") {
                wrong.push(format!(
                    "{file}:{line}: builds codesocial with cargo install"
                ));
            }
            if runs.is_match(&body) && !installs.iter().any(|i| body.contains(i)) {
                wrong.push(format!(
                    "{file}:{line}: runs codesocial without installing it"
                ));
            }
        }
    }
    assert!(wrong.is_empty(), "{wrong:#?}");
}
