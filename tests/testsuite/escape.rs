//! Issue 14, items 5, 6, 7 and 10: nothing a pull request or a partner writes reaches a
//! terminal, a spreadsheet, a job summary or an XML file unescaped. A corpus of escape
//! sequences is put in every kind of text (titles, member names, a partner's offers, an
//! author name, a commit message, a file name) and every command is run on it, in every
//! format; the CSV is read back by Python's `csv` module, the Markdown rendered by
//! pulldown-cmark, the feeds parsed by a strict XML parser.

use std::path::{Path, PathBuf};
use std::process::{Command, Stdio};
use std::time::{Duration, Instant};

use codesocial::testing::Kind;
use codesocial::testing::{render_markdown, DocChange, FieldChange, Report, Rule, Violation};
use codesocial::testing::{BodyChange, ChangeKind, ParagraphChange, Segment};
use proptest::prelude::*;
use serde_json::Value;
use tempfile::TempDir;

use crate::common::{command, copy_dir, git_command, root, stdout_of, tool, FR};

/// Escape sequences and controls a terminal acts on: CSI (clear screen, colour), OSC 8
/// (a hidden hyperlink), OSC 0 (window title), BEL, backspace, carriage return, the 8-bit
/// CSI and bidirectional overrides.
const CORPUS: &[&str] = &[
    "\u{1b}[2J\u{1b}[H",
    "\u{1b}[31mrouge\u{1b}[0m",
    "\u{1b}]8;;https://x.example/\u{1b}\\lien\u{1b}]8;;\u{1b}\\",
    "\u{1b}]0;pwned\u{7}",
    "bip\u{7}",
    "efface\u{8}\u{8}\u{8}",
    "dessus\rdessous",
    "\u{9b}31m",
    "abc\u{202e}cba\u{2066}x\u{2069}",
];

/// One line of hostile text: every sequence of the corpus.
fn hostile(label: &str) -> String {
    format!("{label} {}", CORPUS.join(" "))
}

/// `text` as a YAML double-quoted scalar (JSON's escapes are YAML's); C1 controls and
/// bidirectional overrides and U+FFFE/U+FFFF, which YAML does not allow raw, as `\uXXXX`.
fn yaml(text: &str) -> String {
    let json = serde_json::to_string(text).expect("JSON string");
    json.chars()
        .map(|c| match c {
            c if codesocial::testing::is_control(c) || matches!(c, '\u{FFFE}' | '\u{FFFF}') => {
                format!("\\u{:04x}", u32::from(c))
            }
            c => c.to_string(),
        })
        .collect()
}

/// A git repository: `examples/minimal` committed, then a commit by a hostile author that
/// adds hostile offers, a member, a principle, a file with an escape in its name, and a
/// partner (a folder source) whose offers are hostile too.
struct Hostile {
    _tmp: TempDir,
    dir: PathBuf,
}

impl Hostile {
    fn new() -> Hostile {
        let tmp = TempDir::new().expect("temp dir");
        let dir = tmp.path().join("repo");
        copy_dir(&root().join("examples/minimal"), &dir);
        let partner = tmp.path().join("partner");
        copy_dir(&root().join("examples/minimal"), &partner);
        let manifest = std::fs::read_to_string(partner.join("codesocial.yaml")).expect("read");
        std::fs::write(
            partner.join("codesocial.yaml"),
            manifest.replace("id: minimal", "id: partenaire"),
        )
        .expect("write");
        write(
            &partner,
            "catalogue/piege.md",
            &offer(&hostile("=partenaire")),
        );
        let h = Hostile { _tmp: tmp, dir };
        h.git(&["init", "-q", "-b", "main"], "Alex");
        h.commit("initial", "Alex");
        h.add_hostile_content();
        h.commit(&hostile("message"), &hostile("auteur"));
        h
    }

    fn add_hostile_content(&self) {
        let manifest = std::fs::read_to_string(self.dir.join("codesocial.yaml")).expect("read");
        write(
            &self.dir,
            "codesocial.yaml",
            &format!("{manifest}ecosysteme:\n  - {{ id: partenaire, source: ../partner }}\n"),
        );
        write(
            &self.dir,
            "membres/eve.md",
            &format!("---\nnom: {}\ntype: personne\n---\n", yaml(&hostile("Eve"))),
        );
        for (i, start) in ["=", "+", "-", "@", "\t", "\r", "'", "\"", ","]
            .iter()
            .enumerate()
        {
            let title = format!("{start}{}", hostile(&format!("offre {i}, \"x\"\ny")));
            write(&self.dir, &format!("catalogue/o{i}.md"), &offer(&title));
        }
        write(
            &self.dir,
            "principes/essentiel/piege.md",
            &format!(
                "---\ntitre: {}\nstatut: adopte\nadopte_le: 2025-01-01\nclasse: simple\n---\n\n{}\n",
                yaml(&hostile("Piège")),
                hostile("Corps")
            ),
        );
    }

    /// A document whose file name holds an escape (an error: not an identifier).
    fn add_hostile_file_name(&self) {
        write(
            &self.dir,
            "annexes/a\u{1b}[2Jb.md",
            "---\ntitre: Annexe\n---\n",
        );
        self.commit("annexe", "Alex");
    }

    fn git(&self, args: &[&str], author: &str) -> String {
        stdout_of(
            git_command(&self.dir)
                .env("GIT_AUTHOR_NAME", author)
                .env("GIT_COMMITTER_NAME", "Relecteur")
                .args(args),
        )
    }

    fn commit(&self, message: &str, author: &str) {
        self.git(&["add", "-A"], author);
        self.git(&["commit", "-q", "-m", message], author);
    }

    fn run(&self, args: &[&str]) -> Output {
        let out = command(FR)
            .args(args)
            .current_dir(&self.dir)
            .env("CODESOCIAL_CACHE_DIR", self.dir.join("../cache"))
            .env_remove("NO_COLOR")
            .output()
            .expect("run codesocial");
        assert!(
            out.status.code().is_some_and(|c| c <= 1),
            "{args:?} failed: {}",
            String::from_utf8_lossy(&out.stderr)
        );
        Output {
            label: args.join(" "),
            stdout: String::from_utf8(out.stdout).expect("UTF-8 output"),
            stderr: String::from_utf8(out.stderr).expect("UTF-8 output"),
        }
    }
}

fn offer(title: &str) -> String {
    format!(
        "---\ntitre: {}\ntype: service\nmembres: [alex]\nplans: [essentiel]\n---\n\nUne offre.\n",
        yaml(title)
    )
}

fn write(dir: &Path, rel: &str, text: &str) {
    let path = dir.join(rel);
    std::fs::create_dir_all(path.parent().expect("parent")).expect("mkdir");
    std::fs::write(path, text).expect("write");
}

struct Output {
    label: String,
    stdout: String,
    stderr: String,
}

/// The first character a terminal would act on, outside the SGR colour sequences allowed
/// when `colours` is set (`ESC [ digits m`, ours). `\r` passes before `\n` when `crlf`.
fn first_active(text: &str, colours: bool, crlf: bool) -> Option<(usize, String)> {
    let mut chars = text.char_indices().peekable();
    while let Some((i, c)) = chars.next() {
        if c == '\u{1b}' && colours {
            let rest = &text[i + 1..];
            let params = rest.strip_prefix('[').map(|r| {
                r.find(|c: char| !(c.is_ascii_digit() || c == ';'))
                    .map(|end| r[end..].starts_with('m'))
            });
            if params == Some(Some(true)) {
                continue;
            }
        }
        if c == '\r' && crlf && chars.peek().is_some_and(|(_, n)| *n == '\n') {
            continue;
        }
        if codesocial::testing::is_control(c) && c != '\n' && c != '\t' {
            let context = text[i.saturating_sub(40)..].chars().take(80).collect();
            return Some((i, context));
        }
    }
    None
}

fn assert_inert(out: &Output, colours: bool, crlf: bool) {
    for (stream, text) in [("stdout", &out.stdout), ("stderr", &out.stderr)] {
        if let Some((at, context)) = first_active(text, colours, crlf) {
            panic!(
                "`{}`: raw control character in {stream} at byte {at}: {context:?}",
                out.label
            );
        }
    }
    // The hostile colour and the hyperlink are never applied, even with colours on.
    let all = format!("{}{}", out.stdout, out.stderr);
    for sequence in ["\u{1b}[2J", "\u{1b}[31mrouge", "\u{1b}]"] {
        assert!(
            !all.contains(sequence),
            "`{}`: {sequence:?} passed",
            out.label
        );
    }
}

/// JSON stays JSON: it parses, and holds no raw control character either.
fn assert_json(out: &Output) -> Value {
    assert_inert(out, false, false);
    serde_json::from_str(&out.stdout).unwrap_or_else(|e| panic!("`{}`: {e}", out.label))
}

#[test]
fn no_command_sends_a_control_character_to_the_terminal() {
    let h = Hostile::new();
    let runs: &[(&[&str], bool)] = &[
        (&["check"], false),
        (&["check", "--color", "always"], true),
        (&["check", "--format", "github"], false),
        (&["diff", "HEAD~1", "HEAD"], false),
        (&["diff", "HEAD~1", "HEAD", "--color", "always"], true),
        (&["diff", "HEAD~1", "HEAD", "--format", "markdown"], false),
        (&["diff", "HEAD~1", "HEAD", "--enforce"], false),
        (&["log", "piege"], false),
        (&["log", "piege", "--color", "always"], true),
        (&["bilan"], false),
        (&["bilan", "--format", "markdown"], false),
        (&["catalogue"], false),
        (&["fetch"], false),
        (&["export"], false),
    ];
    for (args, colours) in runs {
        let out = h.run(args);
        assert_inert(&out, *colours, false);
        assert!(
            !out.stdout.trim().is_empty(),
            "`{}` printed nothing",
            out.label
        );
    }
    // What was shown is the content, escaped: nothing was dropped.
    let catalogue = h.run(&["catalogue"]);
    assert!(
        catalogue.stdout.contains("\\u{1b}]0;pwned\\u{7}"),
        "{}",
        catalogue.stdout
    );
    assert!(
        catalogue.stdout.contains("\"x\"\\ny"),
        "{}",
        catalogue.stdout
    );
    h.add_hostile_file_name();
    for args in [
        &["check"][..],
        &["diff", "HEAD~1", "HEAD"],
        &["diff", "HEAD~1", "HEAD", "--format", "markdown"],
        &["export"],
    ] {
        assert_inert(&h.run(args), false, false);
    }
    let check = h.run(&["check"]);
    assert!(check.stdout.contains("a\\u{1b}[2Jb.md"), "{}", check.stdout);
    let log = h.run(&["log", "piege"]);
    assert!(log.stdout.contains("auteur \\u{1b}[2J"), "{}", log.stdout);
    assert!(log.stdout.contains("dessus\\rdessous"), "{}", log.stdout);
}

#[test]
fn json_outputs_stay_json_with_every_character_escaped() {
    let h = Hostile::new();
    for args in [
        &["check", "--format", "json"][..],
        &["check", "--format", "sarif"],
        &["diff", "HEAD~1", "HEAD", "--format", "json", "--enforce"],
        &["log", "piege", "--format", "json"],
        &["bilan", "--format", "json"],
        &["catalogue", "--format", "json"],
        &["export"],
    ] {
        assert_json(&h.run(args));
    }
    let log = assert_json(&h.run(&["log", "piege", "--format", "json"]));
    assert_eq!(log["commits"][0]["author"], hostile("auteur"));
    let catalogue = assert_json(&h.run(&["catalogue", "--format", "json"]));
    let titles: Vec<&str> = catalogue["offres"]
        .as_array()
        .expect("offers")
        .iter()
        .filter_map(|o| o["titre"].as_str())
        .collect();
    assert!(
        titles.contains(&hostile("=partenaire").as_str()),
        "{titles:?}"
    );
}

#[test]
fn serve_shows_problems_escaped() {
    let h = Hostile::new();
    h.add_hostile_file_name();
    let logs = h.dir.join("../serve");
    std::fs::create_dir_all(&logs).expect("mkdir");
    let mut child = command(FR)
        .args(["serve", "--port", "0", "--color", "always"])
        .current_dir(&h.dir)
        .env("CI", "true")
        .stdin(Stdio::null())
        .stdout(std::fs::File::create(logs.join("stdout")).expect("log"))
        .stderr(std::fs::File::create(logs.join("stderr")).expect("log"))
        .spawn()
        .expect("start serve");
    let read = |name: &str| std::fs::read_to_string(logs.join(name)).unwrap_or_default();
    let start = Instant::now();
    while !read("stdout").contains("http://") && start.elapsed() < Duration::from_secs(60) {
        if let Ok(Some(status)) = child.try_wait() {
            panic!("serve exited with {status}: {}", read("stderr"));
        }
        std::thread::sleep(Duration::from_millis(100));
    }
    let _ = child.kill();
    let _ = child.wait();
    let out = Output {
        label: "serve".into(),
        stdout: read("stdout"),
        stderr: read("stderr"),
    };
    assert!(out.stderr.contains("a\\u{1b}[2Jb.md"), "{}", out.stderr);
    assert_inert(&out, true, false);
}

/// Runs a Python program on `input`; `None` when there is no Python (a failure under CI).
fn python(program: &str, input: &str) -> Option<String> {
    if !tool("python3", &["--version"], "apt-get install -y python3") {
        return None;
    }
    let mut child = Command::new("python3")
        .args(["-c", program])
        .stdin(Stdio::piped())
        .stdout(Stdio::piped())
        .spawn()
        .expect("python3");
    use std::io::Write;
    child
        .stdin
        .take()
        .expect("stdin")
        .write_all(input.as_bytes())
        .expect("write");
    let out = child.wait_with_output().expect("python3");
    assert!(out.status.success(), "python3 failed");
    Some(String::from_utf8(out.stdout).expect("UTF-8"))
}

#[test]
fn csv_cells_never_start_a_formula_and_python_reads_every_row() {
    let h = Hostile::new();
    let out = h.run(&["catalogue", "--format", "csv"]);
    assert_inert(&out, false, true);
    let read = "import csv, io, json, sys\n\
                rows = list(csv.reader(io.StringIO(sys.stdin.read(), newline='')))\n\
                print(json.dumps(rows))";
    let Some(rows) = python(read, &out.stdout) else {
        return;
    };
    let rows: Vec<Vec<String>> = serde_json::from_str(&rows).expect("rows");
    // The header, our 9 offers and the partner's one.
    assert_eq!(rows.len(), 1 + 9 + 1, "{rows:?}");
    for row in &rows {
        assert_eq!(row.len(), 13, "{row:?}");
        for cell in row {
            let first = cell.trim_start_matches(' ').chars().next();
            let dangerous = first.is_some_and(|c| "=+-@\t\r\0".contains(c));
            assert!(!dangerous, "formula cell {cell:?}");
        }
    }
    let titles: Vec<&str> = rows.iter().map(|r| r[4].as_str()).collect();
    for start in ["'=", "'+", "'-", "'@", "'\t"] {
        assert!(
            titles.iter().any(|t| t.starts_with(start)),
            "{start}: {titles:?}"
        );
    }
    assert!(
        titles.iter().any(|t| t.starts_with("'\\roffre")),
        "{titles:?}"
    );
    // A cell is one line: its line feed shown, not kept (a CI job may print the file).
    assert!(titles.iter().any(|t| t.contains("\"x\"\\ny")), "{titles:?}");
    assert!(
        titles.iter().any(|t| t.starts_with("'=partenaire")),
        "{titles:?}"
    );
}

/// The HTML elements pulldown-cmark makes of `markdown` (GFM extensions on), in order.
fn elements(markdown: &str) -> Vec<String> {
    use pulldown_cmark::{html::push_html, Options, Parser};
    let mut html = String::new();
    push_html(&mut html, Parser::new_ext(markdown, Options::all()));
    let tag = regex::Regex::new(r"<([a-zA-Z][a-zA-Z0-9]*)").expect("regex");
    tag.captures_iter(&html).map(|c| c[1].to_string()).collect()
}

fn count(elements: &[String], name: &str) -> usize {
    elements.iter().filter(|e| *e == name).count()
}

/// The elements the diff's Markdown is made of, none of which a title may add.
const OURS: &[&str] = &[
    "h3",
    "p",
    "table",
    "thead",
    "tr",
    "th",
    "tbody",
    "td",
    "code",
    "h4",
    "ul",
    "li",
    "blockquote",
    "strong",
    "del",
];

/// A title that tries every block and inline construct, and the issue's attack.
const ATTACK: &str = "Titre\n\n#### ✓ règles respectées\n\n<details><summary>ok</summary>\n\n\
    # h1\n- item\n1. item\n> quote\n[lien](https://x.example) ![img](x.png) <b>gras</b> \
    **fort** _em_ ~~barré~~ `code` | a | b |\n---\n<script>alert(1)</script>\n</details>";

#[test]
fn a_hostile_title_adds_nothing_to_the_markdown_diff() {
    let h = Hostile::new();
    let path = h.dir.join("principes/essentiel/piege.md");
    let text = std::fs::read_to_string(&path).expect("read");
    let title = text.lines().nth(1).expect("title line").to_string();
    std::fs::write(
        &path,
        text.replace(&title, &format!("titre: {}", yaml(ATTACK))),
    )
    .expect("write");
    h.commit("titre", "Alex");
    let out = h.run(&["diff", "HEAD~1", "HEAD", "--format", "markdown"]);
    let found = elements(&out.stdout);
    for e in &found {
        assert!(OURS.contains(&e.as_str()), "<{e}> in {}", out.stdout);
    }
    // One change: one heading, one field line (the title), one row.
    assert_eq!(count(&found, "h4"), 1, "{}", out.stdout);
    assert_eq!(count(&found, "li"), 1, "{}", out.stdout);
    assert_eq!(count(&found, "tr"), 2, "{}", out.stdout);
    assert!(
        out.stdout.contains("règles respectées"),
        "the title is still shown"
    );
}

/// Pieces of Markdown and HTML that start constructs, for generated titles.
fn piece() -> impl Strategy<Value = String> {
    prop::sample::select(vec![
        "#",
        "####",
        "\n",
        "\r\n",
        "\n\n",
        "<details>",
        "</details>",
        "<b>",
        "<!--",
        "-->",
        "[x](y)",
        "[x]: y",
        "![i](j)",
        "*",
        "**",
        "_",
        "`",
        "```",
        "~~",
        "~",
        "- ",
        "+ ",
        "1. ",
        "2) ",
        "> ",
        "|",
        "---",
        "===",
        "    ",
        "\t",
        "\\",
        "&amp;",
        "&#60;",
        "<https://x.y>",
        "https://x.example",
        "www.x.example",
        "a@b.example",
        "$x$",
        "[^1]",
        "[!NOTE]",
        "é",
        " ",
        "a",
        "Titre",
    ])
    .prop_map(str::to_string)
}

fn title() -> impl Strategy<Value = String> {
    prop::collection::vec(piece(), 1..12).prop_map(|p| p.concat())
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(256))]

    /// For any generated titles, values and paragraphs, the Markdown diff renders exactly
    /// the structure it is built of: one `h4` per document, one `li` per field and per
    /// violation, one quote per paragraph, and no element of the content's making.
    #[test]
    fn generated_titles_add_no_markdown_structure(
        titles in prop::collection::vec(title(), 1..4),
        value in title(),
        paragraph in title(),
    ) {
        let changes: Vec<DocChange> = titles.iter().enumerate().map(|(i, t)| DocChange {
            kind: Kind::Principe,
            id: format!("p{i}"),
            change: ChangeKind::Modified,
            path: format!("principes/{}/p{i}.md", value.replace('/', "")),
            old_path: None,
            title: t.clone(),
            fields: vec![FieldChange {
                field: "titre".into(),
                old: Value::String(value.clone()),
                new: Value::String(t.clone()),
            }],
            body: Some(BodyChange {
                changed: true,
                paragraphs_added: 1,
                paragraphs_removed: 1,
                paragraphs_changed: 1,
                paragraphs: vec![
                    ParagraphChange::Added(paragraph.clone()),
                    ParagraphChange::Changed(vec![
                        Segment::Same(paragraph.clone()),
                        Segment::Added(value.clone()),
                        Segment::Removed(t.clone()),
                    ]),
                ],
            }),
        }).collect();
        let violation = Violation {
            commit: "0123456789abcdef".into(),
            id: "p0".into(),
            classe: "intangible".into(),
            rule: Rule::Intangible,
            title: value.clone(),
        };
        let report = Report {
            from: "a".repeat(40),
            to: Some("b".repeat(40)),
            changes,
            violations: vec![violation],
            warnings: Vec::new(),
            enforced: true,
            ..Report::default()
        };
        let markdown = render_markdown(&report);
        let found = elements(&markdown);
        for e in &found {
            prop_assert!(OURS.contains(&e.as_str()), "<{}> in {}", e, markdown);
        }
        let n = titles.len();
        prop_assert_eq!(count(&found, "h4"), n + 1, "{}", markdown);
        prop_assert_eq!(count(&found, "li"), n + 1, "{}", markdown);
        prop_assert_eq!(count(&found, "blockquote"), 2 * n, "{}", markdown);
        prop_assert_eq!(count(&found, "tr"), n + 1, "{}", markdown);
        prop_assert_eq!(count(&found, "td"), 3 * n, "{}", markdown);
    }

    /// Whatever a value holds, the terminal layer leaves nothing for a terminal to run.
    #[test]
    fn the_terminal_layer_leaves_nothing_active(text in "(\\PC|[\\x00-\\x1f\\x7f-\\x9f\u{202a}-\u{202e}\u{2066}-\u{2069}\u{fdd0}\u{fdd1}]){0,40}") {
        let shown = codesocial::testing::terminal::shown(&text);
        prop_assert!(first_active(&shown, false, false).is_none(), "{:?}", shown);
        let line = codesocial::testing::terminal::one_line(&text);
        prop_assert!(!line.contains('\n'));
    }

    /// A CSV cell never starts a formula, and reads back with what it held.
    #[test]
    fn csv_cells_never_start_a_formula(text in "[=+@\\-\t\r ]{0,2}\\PC{0,10}") {
        let cell = codesocial::testing::cell(&text);
        let first = cell.trim_start_matches(' ').chars().next();
        prop_assert!(!first.is_some_and(|c| "=+-@\t\r\0".contains(c)), "{:?}", cell);
    }
}

/// The site's feeds parse with a strict XML parser, whatever a title holds.
#[test]
fn atom_and_sitemap_are_well_formed_for_any_character() {
    let tmp = TempDir::new().expect("temp dir");
    let dir = tmp.path().join("repo");
    copy_dir(&root().join("examples/minimal"), &dir);
    let h = Hostile {
        _tmp: tmp,
        dir: dir.clone(),
    };
    h.git(&["init", "-q", "-b", "main"], "Alex");
    h.commit("initial", "Alex");
    let every: String = ('\0'..='\u{1f}')
        .chain(['\u{7f}', '\u{9b}', '\u{FFFE}', '\u{FFFF}'])
        .collect();
    write(
        &dir,
        "principes/essentiel/xml.md",
        &format!(
            "---\ntitre: {}\nstatut: adopte\nadopte_le: 2025-01-01\nclasse: simple\n---\n\nTexte.\n",
            yaml(&format!("XML {every}"))
        ),
    );
    // git takes no NUL in a message, nor a line break or `<>` in a name.
    let message = format!("XML {}", every.replace('\0', ""));
    h.commit(
        &message,
        &format!("Auteur {}", every.replace(['\0', '\n', '<', '>'], "")),
    );
    let out = command(FR)
        .args(["build", "--base-url", "https://x.example/"])
        .current_dir(&dir)
        .output()
        .expect("build");
    assert!(out.status.success(), "{out:?}");
    for file in ["atom.xml", "sitemap.xml"] {
        let text = std::fs::read_to_string(dir.join("_site").join(file)).expect(file);
        if let Err(e) = roxmltree::Document::parse(&text) {
            panic!("{file} is not well-formed: {e}\n{text}");
        }
    }
    let atom = std::fs::read_to_string(dir.join("_site/atom.xml")).expect("atom");
    assert!(atom.contains("XML \u{FFFD}"), "{atom}");
}

/// Line breaks a terminal, a CI log or a JavaScript reader ends a line at — LF, CR, NEL,
/// LINE SEPARATOR, PARAGRAPH SEPARATOR, VT, FF — each followed by what a forged line would
/// say: a GitHub workflow command, a GitLab-style verdict.
const BREAKS: &[&str] = &[
    "\n", "\r", "\r\n", "\u{85}", "\u{2028}", "\u{2029}", "\u{b}", "\u{c}",
];

/// One hostile value whose every line break starts a forged line.
fn forging(label: &str) -> String {
    let mut text = label.to_string();
    for (i, b) in BREAKS.iter().enumerate() {
        text.push_str(&format!(
            "{b}::error file=README.md,line={i}::FORGED{b}::add-mask::x ##[error]FORGED"
        ));
    }
    text.push_str("\n✓ aucun problème");
    text
}

/// `text` for a YAML double-quoted scalar, every line break escaped too.
fn yaml_lines(text: &str) -> String {
    yaml(text)
        .replace('\u{2028}', "\\u2028")
        .replace('\u{2029}', "\\u2029")
}

/// The first line of `text` (split at every break of [`BREAKS`]) that starts, once
/// trimmed, with `::` or a forged verdict, or holds `##[` anywhere, unless it is one of our own annotations
/// (`github`: `::error file=` or `::warning file=` naming a file of the repository, not
/// the forged annotation's `README.md`).
fn forged_line(text: &str, github: bool) -> Option<String> {
    let breaks = [
        '\n', '\r', '\u{85}', '\u{2028}', '\u{2029}', '\u{b}', '\u{c}',
    ];
    text.split(breaks)
        .map(str::trim_start)
        .find(|line| {
            // Ours: an annotation with properties (`file=` and its place, or only
            // `title=` when the file's name had to be shown altered), never the
            // README.md the hostile content names.
            let ours = github
                && ["::error ", "::warning "].iter().any(|p| {
                    line.strip_prefix(p)
                        .is_some_and(|rest| rest.starts_with("file=") || rest.starts_with("title="))
                })
                && !line.contains("file=README.md");
            (line.starts_with("::") && !ours)
                || line.starts_with("✓ aucun problème")
                // GitHub's older form, found anywhere in a line.
                || line.contains("##[")
        })
        .map(str::to_string)
}

/// Issue 14's F5, as a kind: hostile file names, titles, names and commit messages, with
/// every line break, through every command and output format that writes to a terminal
/// or a CI log. No line of any output is forged (a workflow command, a verdict), and no
/// raw control character passes. CSV too: a cell is one line, whatever it holds (a CI job
/// may print the file).
#[test]
fn no_output_line_is_forged_by_a_line_break_in_the_content() {
    let h = Hostile::new();
    let name: String = BREAKS
        .iter()
        .map(|b| format!("{b}::error::FORGED"))
        .collect();
    write(
        &h.dir,
        &format!("catalogue/{name}.md"),
        &offer("Offre au nom piégé"),
    );
    write(
        &h.dir,
        "catalogue/forge.md",
        &offer_yaml(&yaml_lines(&forging("Titre"))),
    );
    write(
        &h.dir,
        "membres/mallory.md",
        &format!(
            "---\nnom: {}\ntype: personne\n---\n",
            yaml_lines(&forging("Mallory"))
        ),
    );
    h.commit(&forging("Message"), "Alex");
    let out_dir = h.dir.join("../site");
    let site = out_dir.to_str().expect("UTF-8");
    let runs: &[&[&str]] = &[
        &["check"],
        &["check", "--format", "github"],
        &["check", "--format", "json"],
        &["check", "--format", "sarif"],
        &["diff", "HEAD~1", "HEAD"],
        &["diff", "HEAD~1", "HEAD", "--format", "markdown"],
        &["diff", "HEAD~1", "HEAD", "--format", "json"],
        &["diff", "HEAD~2", "HEAD", "--enforce"],
        &[
            "diff",
            "HEAD~2",
            "HEAD",
            "--enforce",
            "--format",
            "markdown",
        ],
        &["log", "forge"],
        &["log", "forge", "--format", "json"],
        &["bilan"],
        &["bilan", "--format", "markdown"],
        &["catalogue"],
        &["catalogue", "--format", "json"],
        &["catalogue", "--format", "csv"],
        &["fetch"],
        &["export"],
        &["build", "--out", site],
    ];
    for args in runs {
        let out = h.run(args);
        // CSV records end with CRLF (RFC 4180).
        assert_inert(&out, false, args.contains(&"csv"));
        let github = args.contains(&"github");
        for (stream, text) in [("stdout", &out.stdout), ("stderr", &out.stderr)] {
            if let Some(line) = forged_line(text, github) {
                panic!("`{}`: forged line in {stream}: {line:?}\n{text}", out.label);
            }
        }
    }
}

/// A value with a space before its `::` can be wrapped onto a line of its own by the
/// human report, which a CI runner reads once it has trimmed the line's indentation: at
/// every terminal width, no line of `check` opens a workflow command.
#[test]
fn no_wrapped_line_of_check_opens_a_workflow_command() {
    let h = Hostile::new();
    // Unquoted, with `: ` in it: the help quotes the whole value back.
    let value = "Offre: a b c d e f g h ::add-mask::s3cret ::error::FORGED ::warning::x ::group::y";
    write(
        &h.dir,
        "catalogue/masque.md",
        &format!(
            "---\ntitre: {value}\ntype: service\nmembres: [alex]\nplans: [essentiel]\n---\n\nUne offre.\n"
        ),
    );
    for width in 40..=120 {
        let out = command(FR)
            .args(["check"])
            .current_dir(&h.dir)
            .env("COLUMNS", width.to_string())
            .env("CODESOCIAL_CACHE_DIR", h.dir.join("../cache"))
            .output()
            .expect("run codesocial");
        let text = String::from_utf8_lossy(&out.stdout).into_owned()
            + &String::from_utf8_lossy(&out.stderr);
        assert!(text.contains("s3cret"), "width {width}: {text}");
        if let Some(line) = forged_line(&text, false) {
            panic!("width {width}: forged line {line:?}\n{text}");
        }
    }
}

fn offer_yaml(title: &str) -> String {
    format!(
        "---\ntitre: {title}\ntype: service\nmembres: [alex]\nplans: [essentiel]\n---\n\nUne offre.\n"
    )
}
