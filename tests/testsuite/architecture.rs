//! The module graph of `docs/architecture.md`, checked against the code (as rust-analyzer's
//! `tidy` tests check theirs): every `crate::…` path in `src/` (outside `#[cfg(test)]`)
//! must point down the documented layers; only `cmd/` and `run` know clap or write on the
//! terminal. An arrow the layering forbids fails here with the file that draws it.

use std::collections::BTreeSet;
use std::path::{Path, PathBuf};

/// The layers, bottom first, as `docs/architecture.md` ("The module graph") draws them. A
/// module may use the modules of the layers below its own, never its own layer's or above.
const LAYERS: &[&[&str]] = &[
    &["date", "error", "format", "html", "memo", "slug", "timing"],
    &["escape", "guard", "schema", "settings"],
    &["i18n"],
    &["diag"],
    &["load"],
    &["markdown", "model"],
    &["diff", "init", "report", "serve", "urls", "validate"],
    &["history", "import"],
    &["bilan", "ecosystem"],
    &["jsonld"],
    &["site"],
    &["cli", "fuzzing"],
    &["cmd"],
    &["run"],
];

/// Where the terminal may be written (`timing` prints profiling lines on demand).
const PRINTERS: &[&str] = &["cmd", "run", "timing"];
/// Where clap may be named.
const CLAP: &[&str] = &["cli", "cmd", "run"];

fn layer(module: &str) -> usize {
    LAYERS
        .iter()
        .position(|l| l.contains(&module))
        .unwrap_or_else(|| panic!("module `{module}` is in no layer of docs/architecture.md"))
}

/// The library's source files (not `main.rs` and `lib.rs`, which are above everything),
/// relative to `src/`, with their text before any `#[cfg(test)]` and without comments.
fn sources() -> Vec<(String, String)> {
    let src = Path::new(env!("CARGO_MANIFEST_DIR")).join("src");
    let mut files: Vec<PathBuf> = walkdir::WalkDir::new(&src)
        .into_iter()
        .map(|e| e.expect("walk src").into_path())
        .filter(|p| p.extension().is_some_and(|e| e == "rs"))
        .collect();
    files.sort();
    files
        .into_iter()
        .map(|p| {
            let rel = p.strip_prefix(&src).expect("in src").to_string_lossy();
            let text = std::fs::read_to_string(&p).expect("read source");
            let code = text.split("#[cfg(test)]").next().unwrap_or_default();
            let code: Vec<&str> = code
                .lines()
                .map(|l| l.split("//").next().unwrap_or(""))
                .collect();
            (rel.replace('\\', "/"), code.join("\n"))
        })
        .filter(|(rel, _)| rel != "main.rs" && rel != "lib.rs")
        .collect()
}

/// The module a file belongs to: `site/pages.rs` → `site`, `date.rs` → `date`.
fn module_of(rel: &str) -> &str {
    rel.split('/').next().unwrap_or(rel).trim_end_matches(".rs")
}

/// Every path a file names from the crate's root, as `module::rest` (`use crate::{a, b::c}`
/// gives `a` and `b::c`).
fn crate_paths(code: &str) -> BTreeSet<String> {
    let mut paths = BTreeSet::new();
    let mut rest = code;
    while let Some(i) = rest.find("crate::") {
        rest = &rest[i + "crate::".len()..];
        if let Some(group) = rest.strip_prefix('{') {
            let end = closing_brace(group);
            for item in split_top_level(&group[..end]) {
                paths.insert(item.replace(char::is_whitespace, ""));
            }
        } else {
            let end = rest
                .find(|c: char| !(c.is_alphanumeric() || c == '_' || c == ':'))
                .unwrap_or(rest.len());
            paths.insert(rest[..end].trim_end_matches(':').to_string());
        }
    }
    paths
}

fn closing_brace(s: &str) -> usize {
    let mut depth = 0;
    for (i, c) in s.char_indices() {
        match c {
            '{' => depth += 1,
            '}' if depth == 0 => return i,
            '}' => depth -= 1,
            _ => {}
        }
    }
    s.len()
}

fn split_top_level(s: &str) -> Vec<&str> {
    let (mut out, mut depth, mut start) = (Vec::new(), 0, 0);
    for (i, c) in s.char_indices() {
        match c {
            '{' => depth += 1,
            '}' => depth -= 1,
            ',' if depth == 0 => {
                out.push(s[start..i].trim());
                start = i + 1;
            }
            _ => {}
        }
    }
    out.push(s[start..].trim());
    out.into_iter()
        .filter(|p| !p.is_empty() && *p != "self")
        .collect()
}

#[test]
fn every_arrow_points_down_the_documented_layers() {
    let mut wrong = Vec::new();
    for (rel, code) in sources() {
        let from = module_of(&rel);
        for path in crate_paths(&code) {
            let to = path.split("::").next().unwrap_or_default();
            if to == from {
                continue;
            }
            if layer(to) >= layer(from) {
                wrong.push(format!("src/{rel} uses crate::{path}"));
            }
        }
    }
    assert!(
        wrong.is_empty(),
        "arrows the layering forbids:\n{}",
        wrong.join("\n")
    );
}

#[test]
fn only_the_commands_print_and_know_clap() {
    let printing = [
        "println!",
        "eprintln!",
        "print!(",
        "eprint!(",
        "io::stdout()",
        "io::stderr()",
    ];
    let mut wrong = Vec::new();
    for (rel, code) in sources() {
        let module = module_of(&rel);
        if !PRINTERS.contains(&module) {
            wrong.extend(
                printing
                    .iter()
                    .filter(|p| code.contains(*p))
                    .map(|p| format!("src/{rel}: {p}")),
            );
        }
        if !CLAP.contains(&module) && code.contains("clap::") {
            wrong.push(format!("src/{rel}: clap"));
        }
    }
    assert!(
        wrong.is_empty(),
        "below the commands:\n{}",
        wrong.join("\n")
    );
}

#[test]
fn the_layers_are_those_the_documentation_draws() {
    let doc =
        std::fs::read_to_string(Path::new(env!("CARGO_MANIFEST_DIR")).join("docs/architecture.md"))
            .expect("docs/architecture.md");
    let section = doc
        .split("## The module graph")
        .nth(1)
        .expect("a section `## The module graph`");
    for (i, modules) in LAYERS.iter().enumerate() {
        let line = format!("{:>2} │ {}", i, modules.join(", "));
        assert!(
            section.contains(&line),
            "docs/architecture.md lacks the layer line `{line}`"
        );
    }
    // Every module of `src/` is in a layer (`layer` panics otherwise).
    for (rel, _) in sources() {
        layer(module_of(&rel));
    }
}

#[test]
fn the_path_reader_sees_groups_and_nesting() {
    let paths = crate_paths("use crate::{a::{B, c}, d::E};\nlet x = crate::f::g(1);");
    let expected: BTreeSet<String> = ["a::{B,c}", "d::E", "f::g"].map(String::from).into();
    assert_eq!(paths, expected);
}
