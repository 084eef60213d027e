//! `codesocial import` through the binary: the seed document and hand-written fixtures in
//! the shapes organisations keep their #CodeSocial (a long Markdown file with a broken
//! front matter, a WordPress page, merged and renamed plans, unknown chapters, Word and
//! OpenDocument files through pandoc) become repositories that pass `check` and `build`,
//! every sentence of the source in exactly one file; `init`'s refusals hold; bad input
//! gets a clear error. Generated documents check the losslessness as a property.

use std::collections::BTreeMap;
use std::path::{Path, PathBuf};

use assert_cmd::Command;
use proptest::prelude::*;
use serde_json::Value;

use crate::common::{command, git, isolate_git, root, tool, EN, FR};

fn fixture(name: &str) -> PathBuf {
    root().join("tests/fixtures/import").join(name)
}

/// A copy of `shared/seed/codesocial-presentation.txt`, the method's own presentation
/// as WordPress exported it.
fn seed() -> PathBuf {
    fixture("codesocial-presentation.txt")
}

/// The binary in `work`, English, no colour, a pinned clock, no user or system git config.
fn codesocial(work: &Path) -> Command {
    let mut cmd = command(EN);
    isolate_git(&mut cmd, work)
        .current_dir(work)
        .env("SOURCE_DATE_EPOCH", "1735689600")
        .env("GIT_AUTHOR_NAME", "Camille Test")
        .env("GIT_AUTHOR_EMAIL", "camille@example.org");
    Command::from_std(cmd)
}

/// Imports `source` into `work/out`; panics with the output when it fails.
fn import(work: &Path, source: &Path, extra: &[&str]) -> PathBuf {
    let out = codesocial(work)
        .arg("import")
        .arg(source)
        .arg("out")
        .args(extra)
        .output()
        .expect("runs");
    assert!(
        out.status.success(),
        "import failed: {}{}",
        String::from_utf8_lossy(&out.stdout),
        String::from_utf8_lossy(&out.stderr)
    );
    work.join("out")
}

/// `check` finds no error (warnings are allowed, each explained by `IMPORT.md`, which
/// names its code), its summary does not say ✗, and `build` writes the site.
fn assert_checks_and_builds(work: &Path, dir: &Path) {
    let out = codesocial(work)
        .args(["check", "--format", "json"])
        .arg(dir)
        .output()
        .expect("runs");
    let report: Value = serde_json::from_slice(&out.stdout).expect("json");
    assert_eq!(report["errors"], 0, "{report:#}");
    let explained = std::fs::read_to_string(dir.join("IMPORT.md")).expect("IMPORT.md");
    for diagnostic in report["diagnostics"].as_array().expect("diagnostics") {
        let code = diagnostic["code"].as_str().expect("code");
        assert!(
            explained.contains(&format!("`{code}`")),
            "IMPORT.md does not explain the warning {code}: {diagnostic:#}"
        );
    }
    let out = codesocial(work)
        .arg("check")
        .arg(dir)
        .output()
        .expect("runs");
    let said = String::from_utf8_lossy(&out.stdout) + String::from_utf8_lossy(&out.stderr);
    let summary = said
        .lines()
        .rev()
        .find(|l| !l.trim().is_empty())
        .unwrap_or("");
    assert!(!summary.starts_with('✗'), "{summary}");
    let out = codesocial(work)
        .arg("build")
        .arg(dir)
        .output()
        .expect("runs");
    assert!(
        out.status.success(),
        "build: {}",
        String::from_utf8_lossy(&out.stderr)
    );
    assert!(dir.join("_site/index.html").is_file());
}

/// Every text file written, by path (outside `.git` and `_site`; images are not text).
fn files(dir: &Path) -> BTreeMap<String, String> {
    crate::common::worktree_files(dir)
        .into_iter()
        .filter(|(path, _)| path != "_site" && !path.starts_with("_site/"))
        .filter_map(|(path, bytes)| Some((path, String::from_utf8(bytes).ok()?)))
        .collect()
}

// ---------------------------------------------------------------------------------------
// The lossless check, written apart from the importer: the source's text is extracted
// here with the simplest means (it only has to work on the fixtures), normalised the same
// way as each output file, and cut into sentences.

/// Imports `text`, written as `code.md`, without git; checks that every sentence of it is
/// in exactly one file (`pasted_html`: the HTML pasted into it is read as a page's text);
/// returns the files written, by path.
fn import_lossless(text: &str, pasted_html: bool) -> BTreeMap<String, String> {
    let work = tempfile::tempdir().expect("temp");
    let source = work.path().join("code.md");
    std::fs::write(&source, text).expect("write");
    let out = import(work.path(), &source, &["--no-git"]);
    let source_text = if pasted_html {
        html_text(text)
    } else {
        text.to_string()
    };
    assert_lossless(&source_text, false, &out);
    files(&out)
}

/// Text without markup, lowercase, one space between words.
fn normalise(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    let mut chars = text.chars().peekable();
    while let Some(c) = chars.next() {
        match c {
            // A link's destination goes: `](…)`, and a reference's label: `][…]`.
            ']' if matches!(chars.peek(), Some('(' | '[')) => {
                let close = if chars.peek() == Some(&'(') { ')' } else { ']' };
                for d in chars.by_ref() {
                    if d == close {
                        break;
                    }
                }
            }
            // An address shown as a link (`<https://…>`, a link whose image had no text).
            '<' if chars.clone().take(4).collect::<String>() == "http" => {
                for d in chars.by_ref() {
                    if d == '>' {
                        break;
                    }
                }
            }
            // A footnote's mark is no text: `[^label]`.
            '[' if chars.peek() == Some(&'^') => {
                for d in chars.by_ref() {
                    if d == ']' {
                        break;
                    }
                }
            }
            // An image's mark: its description is its text.
            '!' if chars.peek() == Some(&'[') => {}
            '*' | '_' | '`' | '\\' | '#' | '>' | '|' | '"' | '[' | ']' => {}
            '\u{a0}' | '\u{202f}' => out.push(' '),
            // Invisible characters (a soft hyphen, a zero-width space) are no text.
            '\u{ad}' | '\u{200b}'..='\u{200f}' | '\u{2060}' | '\u{feff}' => {}
            c => out.extend(c.to_lowercase()),
        }
    }
    out.split_whitespace().collect::<Vec<_>>().join(" ")
}

/// Sentences of a normalised line: cut after `.`, `!`, `?` or `…` followed by a space.
fn sentences(line: &str) -> Vec<String> {
    let mut out = Vec::new();
    let mut current = String::new();
    let chars: Vec<char> = line.chars().collect();
    for (i, &c) in chars.iter().enumerate() {
        current.push(c);
        let end = matches!(c, '.' | '!' | '?' | '…') && chars.get(i + 1).is_none_or(|n| *n == ' ');
        if end {
            out.push(current.trim().to_string());
            current.clear();
        }
    }
    if !current.trim().is_empty() {
        out.push(current.trim().to_string());
    }
    out
}

/// Shortcodes (`[vc_…]`, `[/vc_…]`, `[et_pb_…]`, `[ultimate_…]`) out of a text; the text
/// their attributes carry stays, each value on a line of its own: a heading for a
/// heading-ish name (`*heading*`, `title`, `h1`…`h6`), prose for the rest.
fn without_shortcodes(text: &str) -> String {
    let mut out = String::new();
    let mut rest = text;
    while let Some(i) = rest.find('[') {
        out.push_str(&rest[..i]);
        let tag = rest[i + 1..].trim_start_matches('/');
        let end = rest[i..].find(']');
        let builder = ["vc_", "et_pb", "ultimate_"]
            .iter()
            .any(|p| tag.starts_with(p));
        match end {
            Some(end) if builder => {
                out.push('\n');
                for (key, value) in attribute_text(&rest[i + 1..i + end]) {
                    let heading = (key.contains("heading") && !key.contains("sub"))
                        || key == "title"
                        || (key.len() == 2 && key.starts_with('h'));
                    out.push_str(if heading { "# " } else { "" });
                    out.push_str(&value);
                    out.push('\n');
                }
                rest = &rest[i + end + 1..];
            }
            _ => {
                out.push('[');
                rest = &rest[i + 1..];
            }
        }
    }
    out.push_str(rest);
    out
}

/// The `key="value"` attributes of a tag whose value is text for a reader, by a rule of
/// the test's own: words with a space, or one word with a capital or an accent; no
/// address, colour, class, style or size.
fn attribute_text(tag: &str) -> Vec<(String, String)> {
    let mut out = Vec::new();
    for part in tag.split("\" ") {
        let Some((key, value)) = part.split_once("=\"") else {
            continue;
        };
        let key = key.rsplit(' ').next().unwrap_or(key).to_lowercase();
        let value = value.trim_end_matches('"').trim();
        let setting = [
            "color", "class", "css", "url", "link", "src", "style", "font", "id", "size", "image",
        ]
        .iter()
        .any(|k| key.contains(k));
        let text = value.contains(' ')
            || value.starts_with(char::is_uppercase)
            || value.chars().any(|c| c.is_alphabetic() && !c.is_ascii());
        let code = value.contains("://") || value.contains('{') || value.contains('|');
        if !setting && text && !code && value.chars().any(char::is_alphabetic) {
            out.push((key, value.to_string()));
        }
    }
    out
}

/// The text of an HTML page: scripts, styles, the head and the menu out, tags to line
/// breaks, the entities the fixtures use decoded.
fn html_text(html: &str) -> String {
    let mut text = html.to_string();
    // A note's call (`<sup><a href="#fn1">1</a></sup>`) is no text, nor Word's mark of a
    // call or a note (`<span class=MsoFootnoteReference>[1]</span>`).
    for class in ["MsoFootnoteReference", "MsoEndnoteReference"] {
        let open = format!("<span class={class}>");
        while let Some(start) = text.find(&open) {
            let end = text[start..]
                .find("</span>")
                .map_or(text.len(), |e| start + e + "</span>".len());
            text.replace_range(start..end, "");
        }
    }
    for tag in ["head", "script", "style", "nav", "sup"] {
        while let Some(start) = text.find(&format!("<{tag}")) {
            let close = format!("</{tag}>");
            let end = text[start..]
                .find(&close)
                .map_or(text.len(), |e| start + e + close.len());
            text.replace_range(start..end, "");
        }
    }
    // Block tags end a line; inline tags (`<strong>`, `<em>`, `<a>`) do not.
    const BLOCKS: &[&str] = &[
        "p", "div", "li", "ul", "ol", "h1", "h2", "h3", "h4", "br", "footer", "body", "html", "tr",
        "th", "td",
    ];
    let mut out = String::new();
    let mut tag: Option<String> = None;
    for c in text.chars() {
        match (&mut tag, c) {
            (None, '<') => tag = Some(String::new()),
            (Some(t), '>') => {
                let name: String = t
                    .trim_start_matches('/')
                    .chars()
                    .take_while(char::is_ascii_alphanumeric)
                    .collect();
                if BLOCKS.contains(&name.as_str()) {
                    out.push('\n');
                }
                tag = None;
            }
            (Some(t), c) => t.push(c),
            (None, c) => out.push(c),
        }
    }
    out.replace("&rsquo;", "’")
        .replace("&nbsp;", "\u{a0}")
        .replace("&ndash;", "–")
        .replace("&amp;", "&")
}

/// The source's lines of prose and its headings, front matter left out.
fn source_lines(text: &str, html: bool) -> (Vec<String>, Vec<String>) {
    let mut text = without_shortcodes(text);
    for fence in ["---", "+++"] {
        if text.starts_with(&format!("{fence}\n")) {
            let end = text[4..].find(&format!("\n{fence}\n")).map_or(0, |e| e + 9);
            text = text[end..].to_string();
        }
    }
    if html {
        text = html_text(&text);
    }
    let lines: Vec<&str> = text.lines().collect();
    let (mut prose, mut headings) = (Vec::new(), Vec::new());
    for (i, line) in lines.iter().enumerate() {
        let underline = lines.get(i + 1).is_some_and(|n| {
            let t = n.trim();
            t.len() > 2 && (t.chars().all(|c| c == '=') || t.chars().all(|c| c == '-'))
        });
        let t = line.trim();
        if t.is_empty() || t.chars().all(|c| c == '=' || c == '-') {
            continue;
        }
        // A table row: each cell is text of its own, the delimiter row is none.
        if t.starts_with('|') {
            let cells = t.trim_matches('|').split('|').map(str::trim);
            prose.extend(
                cells
                    .filter(|c| !c.is_empty() && !c.chars().all(|c| matches!(c, '-' | ':')))
                    .map(normalise),
            );
            continue;
        }
        if t.starts_with('#') || underline {
            // pandoc's attributes (`{#hist .unnumbered}`) are not text.
            let t = match t.rfind(" {") {
                Some(i) if t.ends_with('}') => &t[..i],
                _ => t,
            };
            headings.push(normalise(t));
        } else {
            prose.push(normalise(
                t.trim_start_matches(['-', '+'])
                    .trim_start_matches(|c: char| c.is_ascii_digit() || c == '.'),
            ));
        }
    }
    (prose, headings)
}

/// A dated or labelled line may have lost its prefix to a field: `mai 2013 :` became a
/// milestone's date, `Siège social :` the key `siege`.
fn without_prefix(sentence: &str) -> Option<&str> {
    let cut = [" : ", " – ", " - "]
        .iter()
        .filter_map(|sep| sentence.find(sep).map(|i| (i, sep.len())))
        .min()?;
    (cut.0 <= 30).then(|| &sentence[cut.0 + cut.1..])
}

/// Labelled values a word processor put end to end (`lyon territoire : rhône`, after the
/// first label): each value is somewhere, the label of the next one cut off before it.
fn run_on_values(rest: &str, holds: &dyn Fn(&str) -> bool) -> bool {
    rest.match_indices(' ').any(|(k, _)| {
        let (head, tail) = (&rest[..k], &rest[k + 1..]);
        holds(head) && without_prefix(tail).is_some_and(|t| holds(t) || run_on_values(t, holds))
    })
}

/// The value after the last label of a line of labelled values.
fn last_value(line: &str) -> &str {
    line.rsplit(" : ").next().unwrap_or(line)
}

/// Every sentence of the source is in exactly one content file (the report and
/// `.gitignore` are not content); every heading is somewhere.
fn assert_lossless(source_text: &str, html: bool, dir: &Path) {
    let written = files(dir);
    let content: Vec<(String, String)> = written
        .iter()
        .filter(|(p, _)| *p != "IMPORT.md" && *p != ".gitignore")
        // Raw HTML kept in the Markdown of a page's import is no more text than the page's.
        .map(|(p, t)| {
            (
                p.clone(),
                normalise(&if html { html_text(t) } else { t.clone() }),
            )
        })
        .collect();
    let everything: String = written
        .values()
        .map(|t| normalise(t))
        .collect::<Vec<_>>()
        .join(" ");
    let report = normalise(&written["IMPORT.md"]);
    let (prose, headings) = source_lines(source_text, html);
    let all_sentences: Vec<String> = prose.iter().flat_map(|l| sentences(l)).collect();
    // A way back from a note (`↩`) is no sentence.
    for sentence in all_sentences
        .iter()
        .filter(|s| s.chars().any(char::is_alphanumeric))
    {
        let holders = |s: &str| {
            content
                .iter()
                .filter(|(_, t)| t.contains(s))
                .map(|(p, _)| p.clone())
                .collect::<Vec<_>>()
        };
        let mut found = holders(sentence);
        if found.is_empty() {
            if let Some(rest) = without_prefix(sentence) {
                found = holders(rest);
                // A labelled line's value is lifted without the period ending the line.
                if found.is_empty() {
                    found = holders(rest.strip_suffix('.').unwrap_or(rest));
                }
                if found.is_empty() && run_on_values(rest, &|s| !holders(s).is_empty()) {
                    found = holders(last_value(rest));
                }
            }
        }
        let repeated = all_sentences.iter().filter(|s| *s == sentence).count() > 1;
        let short = sentence.split(' ').count() < 4;
        // A web page's theme (footer, menus…) is not imported: the report lists its text.
        let listed = html && report.contains(sentence.as_str());
        assert!(!found.is_empty() || listed, "sentence lost: {sentence:?}");
        assert!(
            short || repeated || found.len() == 1 || (found.is_empty() && listed),
            "{sentence:?} is in {found:?}"
        );
    }
    for heading in headings {
        let bare = unnumbered(&heading);
        assert!(everything.contains(bare), "heading lost: {heading:?}");
    }
    // A link's target is not text, yet it is content: every web address the source links
    // to is in a content file (or, for a web page's theme, named by the report).
    for (target, text) in web_links(source_text) {
        let kept = written
            .iter()
            .filter(|(p, _)| *p != "IMPORT.md")
            .any(|(_, t)| t.contains(&target));
        // A web page's theme (a share button) is not imported: the report lists its text.
        let furniture = !text.is_empty() && report.contains(&normalise(&text));
        assert!(kept || furniture, "link target lost: {target}");
    }
}

/// The web addresses a Markdown or HTML source links to, with the text of the link when
/// it is an HTML one: `](https://…)`, `<a href="https://…">text</a>`.
fn web_links(source: &str) -> Vec<(String, String)> {
    let mut out = Vec::new();
    for (open, close) in [("](", ')'), ("href=\"", '"')] {
        for (i, _) in source.match_indices(open) {
            let rest = &source[i + open.len()..];
            if !rest.starts_with("http://") && !rest.starts_with("https://") {
                continue;
            }
            let end = rest
                .find(|c: char| c == close || c.is_whitespace())
                .unwrap_or(rest.len());
            let text = rest[end..]
                .split_once('>')
                .and_then(|(_, after)| after.split_once("</a>"))
                .map_or("", |(text, _)| text)
                .to_string();
            let text = if close == '"' { text } else { String::new() };
            out.push((rest[..end].to_string(), text));
        }
    }
    out
}

/// A normalised heading without its numbering (`1.2 –`, `ii.`, `a)`), which the import
/// drops: written apart from the importer's rule, for the headings of the tests.
fn unnumbered(heading: &str) -> &str {
    let Some((first, rest)) = heading.split_once(' ') else {
        return heading;
    };
    let marker = first.trim_end_matches(['.', ')']);
    let closed = marker.len() < first.len();
    let dashed = rest.starts_with(['–', '-', ':']);
    let numeric = !marker.is_empty() && marker.chars().all(|c| c.is_ascii_digit() || c == '.');
    let roman = !marker.is_empty() && marker.chars().all(|c| "ivx".contains(c));
    let letter = marker.len() == 1 && closed;
    if ((numeric || roman) && (closed || dashed)) || letter {
        rest.trim_start_matches(['–', '-', ':', ' '])
    } else {
        heading
    }
}

/// Imports a fixture into a temporary `out/`, checks that no sentence was lost and that
/// the result checks and builds; returns the folder (kept alive) and the files written.
fn import_fixture(name: &str, extra: &[&str]) -> (tempfile::TempDir, BTreeMap<String, String>) {
    let work = tempfile::tempdir().expect("temp");
    let path = fixture(name);
    let text = std::fs::read_to_string(&path).expect("read");
    let html = name.ends_with(".html") || text.starts_with("<!DOCTYPE html>");
    let written = import_and_read(work.path(), &path, extra, Some((&text, html)));
    (work, written)
}

/// Imports `source`, in `work`, into `work/out` with `extra`; checks that every sentence
/// of `lossless`'s text is in exactly one file (its `bool`: the text is a web page's),
/// that the result checks and builds, and that the report names only files written;
/// returns the files written, by path.
fn import_and_read(
    work: &Path,
    source: &Path,
    extra: &[&str],
    lossless: Option<(&str, bool)>,
) -> BTreeMap<String, String> {
    let out = import(work, source, extra);
    if let Some((text, html)) = lossless {
        assert_lossless(text, html, &out);
    }
    assert_checks_and_builds(work, &out);
    let written = files(&out);
    assert_report_names_written_files(&written, source);
    written
}

/// Every file `IMPORT.md` names — by a link, or a path in backquotes — was written (the
/// source document aside, which the report names as what was imported).
fn assert_report_names_written_files(written: &BTreeMap<String, String>, source: &Path) {
    let report = &written["IMPORT.md"];
    let source = source.file_name().and_then(|n| n.to_str()).unwrap_or("");
    let mut named: Vec<&str> = Vec::new();
    for (i, _) in report.match_indices("](") {
        let rest = &report[i + 2..];
        let target = &rest[..rest.find(')').unwrap_or(rest.len())];
        named.push(target.split('#').next().unwrap_or(""));
    }
    for quoted in report.split('`').skip(1).step_by(2) {
        // A path (`membres/x.md`); a bare `index.md` names a kind of file, not one.
        if (quoted.ends_with(".md") || quoted.ends_with(".yaml")) && quoted.contains('/') {
            named.push(quoted);
        }
    }
    for path in named {
        if path.is_empty() || path.contains("://") || path == source || path.contains(' ') {
            continue;
        }
        assert!(
            written.contains_key(path) || path.starts_with("medias/"),
            "IMPORT.md names {path}, which was not written:\n{report}"
        );
    }
}

// ---------------------------------------------------------------------------------------

#[test]
fn the_seed_imports_checks_builds_and_keeps_every_sentence() {
    let work = tempfile::tempdir().expect("temp");
    let source = std::fs::read_to_string(seed()).expect("seed");
    let out = import(work.path(), &seed(), &[]);
    assert_lossless(&source, false, &out);
    assert_checks_and_builds(work.path(), &out);
    let written = files(&out);
    for (path, text) in &written {
        assert!(
            path == "IMPORT.md" || !text.contains("vc_"),
            "a shortcode is left in {path}"
        );
    }
    // No name anywhere: the folder's, flagged; the author is the one the text names.
    assert!(written["codesocial.yaml"].contains("nom: \"out\""));
    assert!(written["IMPORT.md"].contains("was taken from the folder's name"));
    assert_eq!(
        written["membres/mathieu-coste.md"],
        "---\nnom: \"Mathieu Coste\"\ntype: \"personne\"\n---\n"
    );
    assert!(written["pyramide.yaml"].contains("auteurs:\n  - { membre: \"mathieu-coste\" }"));
    assert!(written["IMPORT.md"].contains("**The document names no publisher (éditeur)**"));
    // One commit, saying what it imported, and nothing left out of it.
    let log = git(&out, &["log", "--format=%s%n%b"]);
    assert!(log.starts_with("Import the #CodeSocial of out\n"), "{log}");
    assert!(
        log.contains("`codesocial-presentation.txt` (Markdown)"),
        "{log}"
    );
    assert_eq!(git(&out, &["rev-list", "--count", "HEAD"]), "1");
    let tracked = git(&out, &["ls-files"]);
    assert_eq!(tracked.lines().count(), files(&out).len(), "{tracked}");
}

#[test]
fn a_long_markdown_file_with_a_broken_front_matter_and_mixed_levels() {
    let (_work, w) = import_fixture("atelier-des-tilleuls.md", &["--no-git"]);
    let manifest = &w["codesocial.yaml"];
    for line in [
        "nom: \"L'Atelier des Tilleuls\"",
        "forme_juridique: \"SCIC SAS\"",
        "creee_le: \"2013-05-02\"",
        "site: \"https://atelier-tilleuls.example.org\"",
        "licence: \"CC-BY-SA-4.0\"",
        "{ id: \"financier\", titre: \"Financier\" }",
    ] {
        assert!(manifest.contains(line), "{line} not in\n{manifest}");
    }
    // The front matter's lines that have no place are in the report, as written, and so
    // is its title, which did not give the name (`organisation :` did).
    assert!(w["IMPORT.md"].contains(
        "```text\nmise à jour en cours, ne pas diffuser\nversion: 3\ntitre: Code social de l'Atelier des Tilleuls : version du printemps\n```"
    ));
    let histoire = &w["histoire.md"];
    assert!(histoire.contains("  - date: \"2011\"\n"));
    assert!(histoire.contains("  - date: \"2013-05\"\n    titre: \"création de la SCIC.\"\n    description: \"Claire en devient la première gérante.\"\n"));
    assert!(histoire.contains("  - date: \"2016-09-15\"\n"));
    // A period is a milestone dated by its start, its title opened by the period.
    assert!(
        histoire.contains(
            "  - date: \"2019\"\n    titre: \"2019-2021 : trois ans de travaux de rénovation énergétique\""
        ),
        "{histoire}"
    );
    assert!(!histoire.contains("- 2019-2021 : trois ans"), "{histoire}");
    let raison = &w["raison-d-etre.md"];
    assert!(raison.contains(
        "enjeux:\n  - titre: \"Transmettre les savoir-faire du bois aux jeunes de la vallée\""
    ));
    assert!(raison.contains("objectifs:\n  - titre: \"Former deux apprentis chaque année\""));
    assert!(raison.contains("voir [l'historique](histoire.md) et nos statuts."));
    assert!(w["informations.md"]
        .starts_with("---\ntitre: \"Informations générales\"\nsiege: \"4 chemin des Tilleuls"));
    // Headings nested under the plans start at `##`.
    assert!(w["principes/social-humain/index.md"].contains("\n## Gouvernance\n"));
    assert!(w["pyramide.yaml"].contains("auteurs:\n  - { membre: \"claire-martin\" }\n  - { membre: \"julien-roux\" }\nco_auteurs:\n  - { membre: \"nadia-benali\" }\nediteurs:\n  - { membre: \"l-atelier-des-tilleuls\" }"));
    assert!(w["modification.md"].contains("methode: \"consentement\""));
}

#[test]
fn a_wordpress_page_with_shortcodes_and_nested_divs() {
    let (_work, w) = import_fixture("cooperative-du-val.html", &["--no-git"]);
    for (path, text) in w.iter().filter(|(p, _)| *p != "IMPORT.md") {
        for machinery in ["vc_", "<div", "wp:", "dataLayer", "console.log", "Accueil"] {
            assert!(!text.contains(machinery), "{machinery} in {path}");
        }
    }
    assert!(w["codesocial.yaml"].contains("nom: \"Coopérative du Val\""));
    assert!(w["histoire.md"].contains("  - date: \"2009\"\n    titre: \"premier marché de producteurs sur la place du village\"\n  - date: \"2014-03\"\n"));
    assert!(w["histoire.md"].contains("  - date: \"2020-07-01\"\n"));
    assert!(w["raison-d-etre.md"]
        .contains("missions:\n  - titre: \"Tenir un magasin ouvert six jours sur sept\""));
    assert!(w["modification.md"].contains("methode: \"consensus\""));
    assert!(w["pyramide.yaml"].contains("auteurs:\n  - { membre: \"sophie-laurent\" }\n  - { membre: \"marc-petit\" }\nediteurs:\n  - { membre: \"cooperative-du-val\" }"));
    assert_eq!(
        w["membres/cooperative-du-val.md"],
        "---\nnom: \"Coopérative du Val\"\ntype: \"organisation\"\n---\n"
    );
    // The author's typography stays: the no-break space before the colon.
    assert!(w["histoire.md"].contains("constat simple\u{a0}:"));
    // The theme's footer and menu are not content: listed in the report, with their text.
    assert!(w["IMPORT.md"].contains("- footer: “Coopérative du Val, 2 place du Marché.”"));
    assert!(w["IMPORT.md"].contains("- menu or navigation: “Accueil Contact”"));
}

#[test]
fn merged_and_renamed_plans_keep_the_document_order() {
    let (_work, w) = import_fixture("fabrique-des-communs.md", &["--no-git"]);
    let plans: Vec<&str> = w["codesocial.yaml"]
        .lines()
        .filter(|l| l.starts_with("  - { id:"))
        .collect();
    assert_eq!(
        plans,
        [
            "  - { id: \"social-humain\", titre: \"Social et humain\" }",
            "  - { id: \"economique\", titre: \"Économique\" }",
            "  - { id: \"juridique-financier\", titre: \"Juridique et financier\", couvre: [\"juridique\", \"financier\"] }",
            "  - { id: \"ecologique\", titre: \"Écologique\" }",
            "  - { id: \"artistique-culturel\", titre: \"Artistique et culturel\" }",
            "  - { id: \"scientifique-technologique\", titre: \"Scientifique et technologique\" }",
        ]
    );
    assert!(w["principes/juridique-financier/index.md"]
        .starts_with("---\ntitre: \"Juridique et financier\"\n---\n\nL'association est régie"));
    assert!(w["principes/social-humain/index.md"].starts_with("---\ntitre: \"Humain\"\n---\n"));
    assert!(w["codesocial.yaml"].contains("nom: \"la Fabrique des Communs\""));
    // Consecutive labelled lines in one paragraph, as separate paragraphs would be.
    let informations = &w["informations.md"];
    assert!(
        informations.contains("siege: \"3 place du Marché, 35000 Rennes\"\n")
            && informations
                .contains("territoire: \"l'Ille-et-Vilaine et les départements voisins\"\n"),
        "{informations}"
    );
    assert!(
        w["codesocial.yaml"].contains("forme_juridique: \"association loi 1901\"")
            && w["codesocial.yaml"].contains("CC-BY-SA-4.0"),
        "{}",
        w["codesocial.yaml"]
    );
    assert!(w["pyramide.yaml"]
        .contains("auteurs:\n  - { membre: \"ines-moreau\" }\n  - { membre: \"hugo-lefevre\" }\n"));
    assert!(w["IMPORT.md"].contains("a plan merging juridique, financier"));
}

#[test]
fn unknown_chapters_are_kept_as_appendices() {
    let (_work, w) = import_fixture("tiers-lieu-la-grange.md", &["--no-git", "--langue", "fr"]);
    assert!(w["annexes/nos-valeurs.md"]
        .starts_with("---\ntitre: \"Nos valeurs\"\n---\n\nL'hospitalité passe avant tout"));
    assert!(w["annexes/la-vie-du-lieu.md"].contains("Une permanence administrative"));
    assert!(w["annexes/matrices-de-richesses.md"].contains("Nous tenons une matrice"));
    assert!(
        !w.keys()
            .any(|p| p.starts_with("matrices/") || p.starts_with("catalogue/")),
        "nothing invented"
    );
    let report = &w["IMPORT.md"];
    assert!(report.contains("| « Nos valeurs » | [annexes/nos-valeurs.md](annexes/nos-valeurs.md) — chapitre non reconnu, gardé en annexe |"), "{report}");
    assert!(
        report.contains("**Aucun auteur n’est nommé dans le document**"),
        "{report}"
    );
    assert!(w["membres/collectif-des-usagers.md"].contains("type: \"collectif\""));
}

/// `pandoc`, or a failure when CI has it not (see [`tool`]).
fn pandoc_available() -> bool {
    tool("pandoc", &["--version"], "apt-get install -y pandoc")
}

#[test]
fn word_and_opendocument_files_import_to_the_same_repository_as_their_markdown() {
    if !pandoc_available() {
        return;
    }
    for name in [
        "fabrique-des-communs.md",
        "kinds/tables.md",
        "kinds/referents.md",
    ] {
        assert_word_files_import_as_their_markdown(name);
    }
}

/// The `.docx` and `.odt` files pandoc makes of a Markdown fixture import losslessly
/// (every sentence, every table cell: pandoc's ODT reader drops a table's header row)
/// and to the same files as the Markdown.
fn assert_word_files_import_as_their_markdown(name: &str) {
    let work = tempfile::tempdir().expect("temp");
    std::fs::copy(fixture(name), work.path().join("code.md")).expect("copy");
    let source = std::fs::read_to_string(fixture(name)).expect("read");
    let reference = {
        let out = import(work.path(), Path::new("code.md"), &["--no-git"]);
        let renamed = work.path().join("from-md");
        std::fs::rename(&out, &renamed).expect("rename");
        files(&renamed)
    };
    for (ext, format) in [("docx", "Word (.docx)"), ("odt", "OpenDocument (.odt)")] {
        let converted = std::process::Command::new("pandoc")
            .current_dir(work.path())
            .args(["-f", "gfm", "code.md", "-o", &format!("code.{ext}")])
            .status()
            .expect("pandoc");
        assert!(converted.success());
        let out = import(
            work.path(),
            Path::new(&format!("code.{ext}")),
            &["--no-git"],
        );
        assert_lossless(&source, false, &out);
        let mut written = files(&out);
        for text in written.values_mut() {
            *text = text
                .replace(&format!("`code.{ext}` ({format})"), "`code.md` (Markdown)")
                .replace(&format!("`code.{ext}`"), "`code.md`");
        }
        let tables_plain = |files: BTreeMap<String, String>| -> BTreeMap<String, String> {
            files
                .into_iter()
                // pandoc writes a list item `-   item`: the same item as `- item`.
                // and escapes a bracket (`\[Nom\]`) that needs none.
                .map(|(p, t)| {
                    let t = table_rows_plain(&t)
                        .replace("\n-   ", "\n- ")
                        .replace("\n  -   ", "\n  - ");
                    (p, t.replace("\\[", "[").replace("\\]", "]"))
                })
                .collect()
        };
        assert_eq!(
            tables_plain(written),
            tables_plain(reference.clone()),
            "{name}: {ext}"
        );
        std::fs::remove_dir_all(&out).expect("clean");
    }
}

/// A web page's footnotes (a plugin's `<div class="footnotes">`, the block editor's
/// `<ol class="wp-block-footnotes">`) become Markdown footnotes, each defined in the
/// chapter that cites it, without the way back.
#[test]
fn a_web_page_s_footnotes_follow_the_chapter_that_cites_them() {
    let (_work, w) = import_fixture("kinds/wordpress-notes.html", &["--no-git"]);
    let histoire = &w["histoire.md"];
    assert!(
        histoire.contains("La première ruche[^1] a été posée"),
        "{histoire}"
    );
    assert!(
        histoire.contains("[^1]: Sur le toit de la mairie, avec l’accord du conseil municipal."),
        "{histoire}"
    );
    let eco = &w["principes/economique/index.md"];
    assert!(eco.contains("prix libre[^2] au marché"), "{eco}");
    assert!(
        eco.contains("[^2]: Le prix moyen payé est de huit euros le pot."),
        "{eco}"
    );
    let md = markdown(&w);
    assert!(!md.contains('↩') && !md.contains("<sup"), "{md}");
    assert!(
        !w["modification.md"].contains("[^"),
        "{}",
        w["modification.md"]
    );
}

/// The notes of Word's "Save as Web page" (`<a href="#_ftn1" name="_ftnref1">` calls,
/// `<div style='mso-element:footnote'>` notes in a `footnote-list` behind a rule) become
/// Markdown footnotes, each defined once in the chapter that cites it, a note's second
/// paragraph included, without the rule, the line break or the `[1]` marks.
#[test]
fn word_web_page_footnotes_follow_the_chapter_that_cites_them() {
    let (_work, w) = import_fixture("kinds/word-footnotes.html", &["--no-git"]);
    let raison = &w["raison-d-etre.md"];
    assert!(
        raison.contains("Nourrir le quartier[^1] avec soin."),
        "{raison}"
    );
    assert!(raison.contains("[^1]: Le quartier des Pentes."), "{raison}");
    let histoire = &w["histoire.md"];
    assert!(histoire.contains("commencé petit[^2]."), "{histoire}");
    assert!(histoire.contains("[^2]: En 2014."), "{histoire}");
    let eco = &w["principes/economique/index.md"];
    assert!(eco.contains("prix libre[^3] au marché"), "{eco}");
    assert!(
        eco.contains("[^3]: Le prix moyen payé est de huit euros.\n\n    Il est affiché"),
        "{eco}"
    );
    assert!(eco.contains("fonds commun[^4] chaque année."), "{eco}");
    assert!(
        eco.contains("[^4]: Il finance les outils partagés."),
        "{eco}"
    );
    let glossaire = &w["annexes/glossaire.md"];
    assert!(!glossaire.contains("[^"), "{glossaire}");
    let md = markdown(&w);
    for stray in ["[1", "[i]", "\\", "* * *", "<span"] {
        assert!(!md.contains(stray), "{stray}: {md}");
    }
    assert_eq!(md.matches("Le quartier des Pentes.").count(), 1, "{md}");
}

/// A table's rows without the padding of their cells or the alignment of their columns,
/// which a word processor's file does not keep the same way.
fn table_rows_plain(text: &str) -> String {
    let rows = text.lines().map(|line| {
        // A table may be indented (the description of `pyramide.yaml`).
        let indent = &line[..line.len() - line.trim_start_matches(' ').len()];
        let line = line.trim_start_matches(' ');
        if !line.starts_with('|') {
            return format!("{indent}{line}");
        }
        let cells: Vec<&str> = line.trim_matches('|').split('|').map(str::trim).collect();
        let cells: Vec<&str> = cells
            .into_iter()
            .map(|c| {
                let delimiter = !c.is_empty() && c.chars().all(|c| matches!(c, '-' | ':'));
                if delimiter {
                    "---"
                } else {
                    c
                }
            })
            .collect();
        format!("{indent}|{}|", cells.join("|"))
    });
    rows.collect::<Vec<_>>().join("\n")
}

/// A table's cells are text like any other: each is in exactly one file, the header's
/// too.
#[test]
fn table_cells_are_kept_header_included() {
    let (_work, w) = import_fixture("kinds/tables.md", &["--no-git"]);
    let social = markdown(&w);
    assert!(social.contains("| Rôle tenu"), "{social}");
}

#[test]
fn a_missing_pandoc_is_named_with_the_way_out() {
    let work = tempfile::tempdir().expect("temp");
    std::fs::write(
        work.path().join("code.docx"),
        b"PK\x03\x04 not really a document",
    )
    .expect("write");
    let out = codesocial(work.path())
        .env("PATH", work.path())
        .args(["import", "code.docx", "out"])
        .output()
        .expect("runs");
    assert_eq!(out.status.code(), Some(2));
    let stderr = flat(&out.stderr);
    assert!(
        stderr.contains(
            "`code.docx`: reading a Word (.docx) document needs `pandoc`, which is not on the PATH"
        ),
        "{stderr}"
    );
    assert!(stderr.contains("apt install pandoc"), "{stderr}");
    assert!(!work.path().join("out").exists());
}

#[test]
fn pandoc_failing_is_an_error_not_a_panic() {
    if !pandoc_available() {
        return;
    }
    let work = tempfile::tempdir().expect("temp");
    std::fs::write(work.path().join("code.odt"), b"PK\x03\x04 broken zip").expect("write");
    let out = codesocial(work.path())
        .args(["import", "code.odt", "out"])
        .output()
        .expect("runs");
    assert_eq!(out.status.code(), Some(2));
    let stderr = flat(&out.stderr);
    assert!(
        stderr.contains("`code.odt`: `pandoc` could not read the document"),
        "{stderr}"
    );
}

#[test]
fn existing_files_are_never_overwritten() {
    let work = tempfile::tempdir().expect("temp");
    let out = work.path().join("out");
    std::fs::create_dir_all(out.join("membres")).expect("mkdir");
    std::fs::write(out.join("histoire.md"), "mine").expect("write");
    std::fs::write(out.join("IMPORT.md"), "mine too").expect("write");
    let before = files(&out);
    let result = codesocial(work.path())
        .arg("import")
        .arg(fixture("fabrique-des-communs.md"))
        .arg("out")
        .output()
        .expect("runs");
    assert_eq!(result.status.code(), Some(2));
    let stderr = flat(&result.stderr);
    assert!(
        stderr.contains("nothing was written: 2 files already exist in `out`")
            && stderr.contains("OTHER-FOLDER`): IMPORT.md histoire.md"),
        "{stderr}"
    );
    assert_eq!(files(&out), before);
    assert!(!out.join(".git").exists());
}

#[test]
fn inside_a_repository_the_files_are_written_without_a_commit() {
    let work = tempfile::tempdir().expect("temp");
    git(work.path(), &["init", "-q"]);
    let result = codesocial(work.path())
        .arg("import")
        .arg(fixture("fabrique-des-communs.md"))
        .arg("out")
        .output()
        .expect("runs");
    assert!(result.status.success());
    assert!(
        String::from_utf8_lossy(&result.stdout).contains("the folder is inside the git repository")
    );
    assert!(!work.path().join("out/.git").exists());
    assert!(work.path().join("out/codesocial.yaml").is_file());
}

/// An error as one line: miette wraps it at 80 columns.
fn flat(stderr: &[u8]) -> String {
    let text = String::from_utf8_lossy(stderr);
    let words: Vec<&str> = text.split_whitespace().filter(|w| *w != "│").collect();
    words.join(" ")
}

/// Runs an import expected to fail; returns its standard error, on one line.
fn refused(work: &Path, args: &[&str], lang: &str) -> String {
    let out = codesocial(work)
        .env("LANG", lang)
        .arg("import")
        .args(args)
        .output()
        .expect("runs");
    assert_eq!(out.status.code(), Some(2), "{args:?}: {out:?}");
    assert!(!work.join("out").exists(), "{args:?} wrote something");
    let stderr = flat(&out.stderr);
    assert!(!stderr.contains("panicked"), "{stderr}");
    stderr
}

#[test]
fn bad_input_is_refused_clearly_in_the_user_s_language() {
    let work = tempfile::tempdir().expect("temp");
    let w = work.path();
    std::fs::write(w.join("vide.md"), " \n\n").expect("write");
    std::fs::write(w.join("binaire.md"), b"# Titre\0\x01\x02").expect("write");
    std::fs::write(w.join("latin1.md"), b"# Histoire\n\nCr\xe9ation en 2013.\n").expect("write");
    std::fs::write(w.join("scan.pdf"), b"%PDF-1.4").expect("write");
    std::fs::write(
        w.join("rien.html"),
        "<html><body><div> </div><script>x()</script></body></html>",
    )
    .expect("write");
    std::fs::write(w.join("faux.docx"), "du texte").expect("write");
    std::fs::create_dir(w.join("dossier.md")).expect("mkdir");
    let cases: [(&str, &str, &str); 8] = [
        ("vide.md", "the file is empty", "le fichier est vide"),
        (
            "binaire.md",
            "the file is not text (a NUL byte at offset 7)",
            "le fichier n’est pas du texte",
        ),
        (
            "latin1.md",
            "the text is not UTF-8 (byte 14)",
            "iconv -f WINDOWS-1252 -t UTF-8 latin1.md > latin1-utf8.md",
        ),
        (
            "scan.pdf",
            "the extension `.pdf` is not supported",
            "l’extension `.pdf` n’est pas prise en charge",
        ),
        (
            "rien.html",
            "the document holds no text once its layout is removed",
            "aucun texte",
        ),
        (
            "faux.docx",
            "this is not a valid Word (.docx) document",
            "ce n’est pas un document Word (.docx) valide",
        ),
        (
            "dossier.md",
            "this is a folder, not a document",
            "c’est un dossier",
        ),
        (
            "absent.md",
            "`absent.md`: no such file or folder",
            "`absent.md` : ce fichier ou dossier n’existe pas",
        ),
    ];
    for (file, en, fr) in cases {
        let stderr = refused(w, &[file, "out"], EN);
        assert!(stderr.contains(en), "{file}: {stderr}");
        assert!(
            stderr.contains(&format!("`{file}`")),
            "{file} is not named: {stderr}"
        );
        let stderr = refused(w, &[file, "out"], FR);
        assert!(stderr.contains(fr), "{file}: {stderr}");
    }
    let stderr = refused(w, &["vide.md", "out", "--nom", "???"], EN);
    assert!(stderr.contains("the file is empty"), "{stderr}");
    std::fs::write(
        w.join("ok.md"),
        "## Historique\n\nEn 2013, tout commence.\n",
    )
    .expect("write");
    let stderr = refused(w, &["ok.md", "out", "--nom", "???"], EN);
    assert!(stderr.contains("the name “???” cannot be used"), "{stderr}");
}

/// A named pipe, a socket, a device, a link to one of them: refused before being opened
/// (opening a pipe waits for a writer, `/dev/stdin` waits for a keyboard), named.
#[cfg(unix)]
#[test]
fn what_is_not_a_regular_file_is_refused_before_it_is_opened() {
    let work = tempfile::tempdir().expect("temp");
    let w = work.path();
    let made = std::process::Command::new("mkfifo")
        .arg(w.join("tube.md"))
        .status()
        .expect("mkfifo runs");
    assert!(made.success());
    let _socket = std::os::unix::net::UnixListener::bind(w.join("prise.md")).expect("socket");
    std::os::unix::fs::symlink(w.join("tube.md"), w.join("lien.md")).expect("symlink");
    std::os::unix::fs::symlink("/dev/null", w.join("nul.md")).expect("symlink");
    let cases = [
        (
            "tube.md",
            "this is a named pipe, not a regular file",
            "c’est un tube nommé (FIFO), pas un fichier",
        ),
        (
            "lien.md",
            "this is a named pipe, not a regular file",
            "c’est un tube nommé (FIFO), pas un fichier",
        ),
        (
            "prise.md",
            "this is a socket, not a regular file",
            "c’est une socket, pas un fichier",
        ),
        (
            "nul.md",
            "this is a character device, not a regular file",
            "c’est un périphérique en mode caractère",
        ),
        ("/dev/stdin", "not a regular file", "pas un fichier"),
    ];
    for (file, en, fr) in cases {
        let stderr = refused(w, &[file, "out"], EN);
        assert!(stderr.contains(en), "{file}: {stderr}");
        assert!(
            stderr.contains(&format!("`{file}`")),
            "{file} is not named: {stderr}"
        );
        let stderr = refused(w, &[file, "out"], FR);
        assert!(stderr.contains(fr), "{file}: {stderr}");
    }
}

/// A staging folder an interrupted import left in the target is removed by the next
/// import, which says so; a folder of the same name that is not ours stays.
#[test]
fn a_staging_folder_left_by_an_interrupted_import_is_removed_by_the_next() {
    let work = tempfile::tempdir().expect("temp");
    let w = work.path();
    let ended = || {
        let mut child = crate::common::command(EN)
            .arg("--version")
            .stdout(std::process::Stdio::null())
            .spawn()
            .expect("spawn");
        let pid = child.id();
        child.wait().expect("wait");
        pid
    };
    let left = w.join("out/.codesocial-staging-Ab12Cd");
    let foreign = w.join("out/.codesocial-staging-mine");
    for folder in [&left, &foreign] {
        std::fs::create_dir_all(folder).expect("mkdir");
        std::fs::write(folder.join("0-x1y2"), "à moitié").expect("write");
    }
    std::fs::write(
        left.join(".codesocial-staging"),
        format!(
            "codesocial staging folder: left by an interrupted `codesocial init` or `import`\npid={}\n",
            ended()
        ),
    )
    .expect("write");
    let out = codesocial(w)
        .arg("import")
        .arg(fixture("atelier-des-tilleuls.md"))
        .arg("out")
        .output()
        .expect("runs");
    assert!(out.status.success(), "{out:?}");
    let stderr = flat(&out.stderr);
    assert!(
        stderr.contains("temporary folder `")
            && stderr.contains(
                ".codesocial-staging-Ab12Cd` left by an interrupted `init` or `import`: removed"
            ),
        "{stderr}"
    );
    assert!(!left.exists());
    assert!(foreign.join("0-x1y2").is_file());
}

/// A front matter's block scalar (`description: |`), whether the YAML around it is valid
/// or not, lands verbatim in exactly one file, none of its lines read as an entry.
#[test]
fn a_front_matter_block_scalar_is_kept_verbatim_once() {
    let block = "description: |\n  Une coopérative de producteurs.\n  Siège : Lyon, depuis toujours.\n  - et des amis";
    for head in ["", "titre: Code social : version 2\n"] {
        let work = tempfile::tempdir().expect("temp");
        let source = work.path().join("code.md");
        std::fs::write(
            &source,
            format!("---\n{head}nom: La Coop du Val\n{block}\nversion: 3\n---\n# Code social de la Coop du Val\n\n## Historique\n\nEn 2014, le magasin ouvre.\n"),
        )
        .expect("write");
        let out = import(work.path(), &source, &["--no-git"]);
        let written = files(&out);
        let holders: Vec<&String> = written
            .iter()
            .filter(|(_, t)| t.contains(block))
            .map(|(p, _)| p)
            .collect();
        assert_eq!(holders.len(), 1, "{head:?}: {holders:?}");
        for line in ["producteurs", "Lyon", "amis"] {
            let count: usize = written.values().map(|t| t.matches(line).count()).sum();
            assert_eq!(count, 1, "{head:?}: {line} appears {count} times");
        }
        assert!(!written.contains_key("informations.md"), "{head:?}");
    }
}

/// Invisible characters inside chapter headings (a soft hyphen, a zero-width space, a
/// word joiner, a direction mark) hide no chapter, and the headings are written without
/// them, chapters and the headings inside them alike.
#[test]
fn invisible_characters_hide_no_chapter_and_are_not_written() {
    let written = import_lossless(
        "# Code social de la Coop du Val\n\n## Rai\u{ad}son d\u{2019}\u{200b}être\n\nNous vendons des légumes du pays.\n\n### Nos va\u{ad}leurs\n\nLa confiance avant tout.\n\n## Histo\u{2060}rique\n\nEn 2014, le magasin ouvre ses portes.\n\n## \u{200e}Modèle éco\u{ad}nomique\n\nLe magasin prend une petite marge.\n",
        false,
    );
    assert!(
        written["raison-d-etre.md"].contains("titre: \"Raison d\u{2019}être\""),
        "{}",
        written["raison-d-etre.md"]
    );
    assert!(
        written["raison-d-etre.md"].contains("\n## Nos valeurs\n"),
        "{}",
        written["raison-d-etre.md"]
    );
    assert!(
        written["histoire.md"].contains("titre: \"Historique\""),
        "{}",
        written["histoire.md"]
    );
    assert!(written["principes/economique/index.md"].contains("titre: \"Modèle économique\""));
    assert!(
        !written.keys().any(|p| p.starts_with("annexes/")),
        "{:?}",
        written.keys()
    );
    for (path, text) in &written {
        assert!(
            !text.contains(['\u{ad}', '\u{200b}', '\u{2060}', '\u{200e}']),
            "{path} keeps an invisible character"
        );
    }
}

/// A web page's footnotes pasted into a Markdown source become Markdown footnotes, as
/// they do in an HTML source: the call `[^n]` in the chapter that cites it, the note
/// defined in that chapter's file, without its way back; nothing lost.
#[test]
fn html_footnotes_pasted_into_markdown_become_markdown_footnotes() {
    let written = import_lossless(
        "# Code social de la Coop du Val\n\n## Raison d’être\n\nNous vendons des légumes du pays<sup><a href=\"#fn1\" id=\"ref1\">1</a></sup>.\n\n## Historique\n\nLa première ruche date de 2010<sup id=\"fnref2\"><a href=\"#fn2\">2</a></sup>.\n\n<div class=\"footnotes\">\n<hr>\n<ol>\n<li id=\"fn1\">Des légumes cultivés à moins de trente kilomètres. <a href=\"#ref1\">↩</a></li>\n<li id=\"fn2\">Elle a été offerte par un voisin. <a href=\"#fnref2\">↩</a></li>\n</ol>\n</div>\n",
        true,
    );
    let raison = &written["raison-d-etre.md"];
    let histoire = &written["histoire.md"];
    assert!(raison.contains("du pays[^1]."), "{raison}");
    assert!(
        raison.contains("[^1]: Des légumes cultivés à moins de trente kilomètres."),
        "{raison}"
    );
    assert!(histoire.contains("2010[^2]."), "{histoire}");
    assert!(
        histoire.contains("[^2]: Elle a été offerte par un voisin."),
        "{histoire}"
    );
    for (path, text) in &written {
        assert!(
            !text.contains("<sup") && !text.contains("<li") && !text.contains('↩'),
            "{path}: {text}"
        );
    }
}

/// Numbering goes by one rule from every heading: a chapter's title, a chapter joined
/// to another, a heading inside a chapter.
#[test]
fn numbering_leaves_chapters_and_the_headings_inside_them_alike() {
    let written = import_lossless(
        "# Code social de la Coop du Val\n\n## 1. Historique\n\nEn 2014, le magasin ouvre ses portes.\n\n### 1.1 – Les débuts\n\nTout commence dans une grange.\n\n## II – Modèle économique\n\nLe magasin prend une petite marge.\n\n### 1.2 – Les prix\n\nLes prix sont fixés ensemble.\n\n### A) Les marges\n\nLes marges restent faibles.\n\n### IV. Les salaires\n\nLes salaires sont égaux.\n\n## 3. Histoire\n\nUne seconde partie de l’histoire commence ici.\n",
        false,
    );
    let eco = &written["principes/economique/index.md"];
    let histoire = &written["histoire.md"];
    assert!(eco.contains("titre: \"Modèle économique\""), "{eco}");
    for heading in ["## Les prix\n", "## Les marges\n", "## Les salaires\n"] {
        assert!(eco.contains(heading), "{heading:?} in {eco}");
    }
    assert!(histoire.contains("titre: \"Historique\""), "{histoire}");
    assert!(histoire.contains("## Les débuts\n"), "{histoire}");
    assert!(histoire.contains("## Histoire\n"), "{histoire}");
}

#[test]
fn the_report_and_the_site_speak_the_language_asked_for() {
    let work = tempfile::tempdir().expect("temp");
    let out = import(
        work.path(),
        &fixture("fabrique-des-communs.md"),
        &["--no-git", "--langue", "en"],
    );
    let w = files(&out);
    assert!(w["IMPORT.md"].starts_with("# Import of the #CodeSocial of la Fabrique des Communs\n"));
    assert!(w["codesocial.yaml"].contains("langue: \"en\"\n"));
    assert!(w["codesocial.yaml"].contains("{ id: \"juridique-financier\", titre: \"Legal and financial\", couvre: [\"juridique\", \"financier\"] }"));
    // The report printed speaks the language asked for, as IMPORT.md does.
    let out = codesocial(work.path())
        .arg("import")
        .arg(fixture("tiers-lieu-la-grange.md"))
        .args(["asked", "--no-git", "--langue", "fr"])
        .output()
        .expect("runs");
    let stdout = String::from_utf8_lossy(&out.stdout);
    assert!(stdout.contains("## Chapitres"), "{stdout}");
    assert!(!stdout.contains("## Chapters"), "{stdout}");
    let out = codesocial(work.path())
        .env("LANG", FR)
        .arg("import")
        .arg(fixture("tiers-lieu-la-grange.md"))
        .args(["fr", "--no-git"])
        .output()
        .expect("runs");
    let stdout = String::from_utf8_lossy(&out.stdout);
    assert!(stdout.contains("## Chapitres"), "{stdout}");
    assert!(
        stdout.contains("✓ #CodeSocial de « le tiers-lieu La Grange » importé dans `fr`"),
        "{stdout}"
    );
}

// ---------------------------------------------------------------------------------------
// Generated documents: any mix of known and unknown chapters, at any heading level, with
// prose, dated lines and lists, imports losslessly into a repository that passes `check`.

const HEADINGS: &[&str] = &[
    "Raison d'être",
    "Historique",
    "Informations générales",
    "Modèle social et humain",
    "Plan économique",
    "Écologique",
    "Juridique et financier",
    "Modèle scientifique et technologique",
    "Culture",
    "Modalités de modification",
    "Personnes référentes",
    "Glossaire",
    "Nos valeurs",
    "La cantine du jeudi",
    "Un chapitre inattendu",
];

const WORDS: &[&str] = &[
    "coopérative",
    "atelier",
    "jardin",
    "assemblée",
    "bénévoles",
    "salariés",
    "outils",
    "vallée",
    "confiance",
    "réparation",
    "partage",
    "école",
    "marché",
    "forêt",
    "habitants",
];

#[derive(Debug, Clone)]
struct GenChapter {
    heading: usize,
    level: usize,
    paragraphs: Vec<Vec<(usize, usize, usize)>>,
    dated: Vec<(u16, bool)>,
}

fn chapter() -> impl Strategy<Value = GenChapter> {
    (
        0..HEADINGS.len(),
        1usize..5,
        prop::collection::vec(
            prop::collection::vec((0..WORDS.len(), 0..WORDS.len(), 0..1000usize), 1..4),
            0..3,
        ),
        prop::collection::vec((1990u16..2030, any::<bool>()), 0..3),
    )
        .prop_map(|(heading, level, paragraphs, dated)| GenChapter {
            heading,
            level,
            paragraphs,
            dated,
        })
}

/// The document, with a counter making every sentence unique.
fn write_document(chapters: &[GenChapter], preamble: bool) -> String {
    let mut n = 0;
    let mut sentence = |a: usize, b: usize, c: usize| {
        n += 1;
        format!(
            "La phrase {n} parle de {} et de {} depuis {c} jours.",
            WORDS[a], WORDS[b]
        )
    };
    let mut doc = String::from("# Code social de la Coopérative Générée\n\n");
    if preamble {
        doc.push_str(&format!("{}\n\n", sentence(0, 1, 2)));
    }
    for ch in chapters {
        doc.push_str(&format!(
            "{} {}\n\n",
            "#".repeat(ch.level),
            HEADINGS[ch.heading]
        ));
        for p in &ch.paragraphs {
            let text: Vec<String> = p.iter().map(|&(a, b, c)| sentence(a, b, c)).collect();
            doc.push_str(&format!("{}\n\n", text.join(" ")));
        }
        for &(year, month) in &ch.dated {
            let date = if month {
                format!("mai {year}")
            } else {
                year.to_string()
            };
            let what = sentence(2, 3, usize::from(year));
            doc.push_str(&format!("- {date} : {what}\n"));
        }
        doc.push('\n');
    }
    doc
}

proptest! {
    #![proptest_config(ProptestConfig { cases: 24, .. ProptestConfig::default() })]

    #[test]
    fn generated_documents_import_losslessly_and_pass_check(
        chapters in prop::collection::vec(chapter(), 1..8),
        preamble in any::<bool>(),
    ) {
        let work = tempfile::tempdir().expect("temp");
        let doc = write_document(&chapters, preamble);
        std::fs::write(work.path().join("code.md"), &doc).expect("write");
        let out = import(work.path(), Path::new("code.md"), &["--no-git"]);
        assert_lossless(&doc, false, &out);
        let check = codesocial(work.path()).args(["check", "--format", "json"]).arg(&out).output().expect("runs");
        let report: Value = serde_json::from_slice(&check.stdout).expect("json");
        prop_assert_eq!(&report["errors"], 0, "{}\n{:#}", doc, report);
    }
}

// ---------------------------------------------------------------------------------------
// One fixture per kind of document the first adversarial round broke
// (`tests/fixtures/import/kinds/`), each checked for losslessness, `check` and `build`.

/// The written files, with the `.md` ones' text.
fn markdown(w: &BTreeMap<String, String>) -> String {
    w.iter()
        .filter(|(p, _)| p.ends_with(".md") && *p != "IMPORT.md")
        .map(|(_, t)| t.as_str())
        .collect()
}

/// Text a page builder carries in its shortcodes' attributes (a heading, a caption, a
/// call to action, a testimonial's author) is kept in order, a heading as a chapter; the
/// report does not claim more than was kept.
#[test]
fn text_in_shortcode_attributes_is_kept_and_headings_make_chapters() {
    let (_work, w) = import_fixture("kinds/shortcode-attributes.html", &["--no-git"]);
    let histoire = &w["histoire.md"];
    assert!(histoire.contains("premier four"), "{histoire}");
    assert!(
        histoire.contains("Le four à bois, construit en 2015."),
        "{histoire}"
    );
    let all = markdown(&w);
    for text in [
        "Devenez sociétaire dès 50 euros.",
        "Louise Petit",
        "boulangère",
        "Rejoignez-nous",
    ] {
        assert!(all.contains(text), "{text}: {all}");
    }
    assert!(!all.contains("fadeIn") && !all.contains("#e1e1e1"), "{all}");
    assert!(
        all.find("Louise Petit") < all.find("On travaille ensemble."),
        "{all}"
    );
}

/// An amendment chapter's common rules are mapped (unanimity and majorities to a vote
/// with its `majorite`, the board to an instance that decides); one that states a rule
/// not understood is never reported as saying nothing: the report names the chapter.
#[test]
fn amendment_rules_are_mapped_or_reported_as_not_understood() {
    let head = "# Code social de la SCIC Terre Vive\n\n## Raison d'être\n\nNous cultivons.\n\n";
    let (_w, w) = import_checked("code.md", &format!("{head}## Modalités de modification\n\nLe code est modifié à l'unanimité, sociétaires réunis.\n"));
    let m = &w["modification.md"];
    assert!(
        m.contains("methode: \"vote\"") && m.contains("majorite: \"unanimité\""),
        "{m}"
    );
    assert!(!w["IMPORT.md"].contains("does not say how it changes"));
    let (_w, w) = import_checked("code.md", &format!("{head}## Modalités de modification\n\nToute modification est décidée par le conseil d'administration.\n"));
    let m = &w["modification.md"];
    assert!(
        m.contains("instances:") && m.contains("decide_par:\n      - \"ca\""),
        "{m}"
    );
    let report = &w["IMPORT.md"];
    assert!(
        report.contains("says who decides (the instance `ca`), not how"),
        "{report}"
    );
    let (_w, w) = import_checked("code.md", &format!("{head}## Gouvernance du code social\n\nLes changements suivent l'article 12 des statuts.\n"));
    let report = &w["IMPORT.md"];
    assert!(!report.contains("does not say how it changes"), "{report}");
    assert!(
        report.contains(
            "“Gouvernance du code social” states an amendment rule that was not understood"
        ),
        "{report}"
    );
    let (_w, w) = import_checked("code.md", &format!("{head}## Modalités de modification\n\nAdoptée à la majorité qualifiée des 2/3 en assemblée.\n"));
    assert!(
        w["modification.md"].contains("majorite: \"2/3\""),
        "{}",
        w["modification.md"]
    );
}

#[test]
fn links_by_reference_and_images_in_links_lead_somewhere() {
    let (_work, w) = import_fixture("kinds/reference-links.md", &["--no-git"]);
    assert!(w["raison-d-etre.md"].contains("[l’historique](histoire.md)"));
    let md = markdown(&w);
    assert!(!md.contains("absent.png"), "{md}");
    assert!(w["histoire.md"].contains("[logo du réseau](https://example.org/reseau)"));
}

#[test]
fn notes_and_definitions_at_the_end_follow_their_use() {
    let (_work, w) = import_fixture("kinds/notes-at-end.md", &["--no-git"]);
    let raison = &w["raison-d-etre.md"];
    assert!(raison.contains("[^rde]: Une note"), "{raison}");
    assert!(
        raison.contains("[statuts]: https://example.org/statuts"),
        "{raison}"
    );
    let histoire = &w["histoire.md"];
    assert!(histoire.contains("[^1]: Une autre note"), "{histoire}");
    assert!(
        histoire.contains("\n\nUn paragraphe qui suit"),
        "{histoire}"
    );
    assert!(!w["principes/economique/index.md"].contains("[^"));
}

#[test]
fn decorated_headings_and_toml_front_matter_are_recognised() {
    let (_work, w) = import_fixture("kinds/decorated-headings.md", &["--no-git"]);
    assert!(
        !w.keys().any(|p| p.starts_with("annexes/")),
        "{:?}",
        w.keys()
    );
    assert!(w["codesocial.yaml"].contains("nom: \"Château de Millemont\""));
    assert!(w["raison-d-etre.md"].contains("[plus bas](histoire.md)"));
    assert!(w["modification.md"].contains("conseil du lieu"));
    for plan in ["economique", "social-humain", "ecologique"] {
        assert!(
            w.contains_key(&format!("principes/{plan}/index.md")),
            "{plan}"
        );
    }
}

#[test]
fn every_name_of_a_people_line_is_a_member_or_reported() {
    let (_work, w) = import_fixture("kinds/authors.md", &["--no-git"]);
    let pyramide = &w["pyramide.yaml"];
    for id in [
        "marie-dupont",
        "dr-house",
        "ademe",
        "association-terre-vivante",
        "mathieu-coste",
        "mairie-de-lyon",
    ] {
        assert!(w.contains_key(&format!("membres/{id}.md")), "{id}");
        assert!(pyramide.contains(id), "{id}: {pyramide}");
    }
    let co = &pyramide[pyramide.find("co_auteurs:").expect("co_auteurs")..];
    assert!(
        co.contains("guillaume-rouyer") && co.contains("sandrine-lefort"),
        "{pyramide}"
    );
    assert!(
        w["IMPORT.md"].contains("“marie curie”"),
        "{}",
        w["IMPORT.md"]
    );
}

/// An organisation written in prose after a people cue with its kind and an article (`et
/// la SCOP Les Castors`, `, l'association X`, `avec la coopérative Z`) is a member of kind
/// organisation in the role the cue gives, listed for review like a person.
#[test]
fn organisations_named_in_prose_are_members_like_people() {
    let w = import_lossless(
        "# La Fabrique\n\n## Informations générales\n\nCréé par Jean Dupont et la SCOP Les Castors pour le quartier.\n\nFondé par Claire Martin, l'association Terre Vivante et l’entreprise Bois Durable.\n\nÉcrit par Paul Fort avec la coopérative Les Jardins.\n\n## Raison d'être\n\nNous fabriquons des meubles pour le quartier.\n",
        false,
    );
    let pyramide = &w["pyramide.yaml"];
    let auteurs = &pyramide[pyramide.find("auteurs:").expect("auteurs")..];
    let auteurs = &auteurs[..auteurs.find("editeurs:").unwrap_or(auteurs.len())];
    for (nom, id, kind) in [
        ("Jean Dupont", "jean-dupont", "personne"),
        ("SCOP Les Castors", "scop-les-castors", "organisation"),
        ("Claire Martin", "claire-martin", "personne"),
        (
            "association Terre Vivante",
            "association-terre-vivante",
            "organisation",
        ),
        (
            "entreprise Bois Durable",
            "entreprise-bois-durable",
            "organisation",
        ),
        ("Paul Fort", "paul-fort", "personne"),
        (
            "coopérative Les Jardins",
            "cooperative-les-jardins",
            "organisation",
        ),
    ] {
        let member = &w[&format!("membres/{id}.md")];
        assert!(
            member.contains(&format!("type: \"{kind}\"")),
            "{id}: {member}"
        );
        assert!(
            auteurs.contains(&format!("membre: \"{id}\"")),
            "{id}: {pyramide}"
        );
        assert!(
            w["IMPORT.md"].contains(&format!("| [{nom}](membres/{id}.md) | {kind} | auteurs |")),
            "{id}: {}",
            w["IMPORT.md"]
        );
    }
}

/// A bold line written as a chapter's title (`**4 ANNEXE – STATUTS**`) after a plan is a
/// chapter of its own, not the end of the plan; a bold word alone stays a section.
#[test]
fn bold_lines_titled_as_chapters_leave_the_plan_before_them() {
    let w = import_lossless(
        "# La Fabrique\n\n## Raison d'être\n\nNous fabriquons des meubles.\n\n## Modèle économique\n\nNous vendons des meubles.\n\n**Modification**\n\nLes prix changent chaque année.\n\n**4 ANNEXE – STATUTS**\n\nArticle 1. La société est une SCOP.\n\n**Annexe : Règlement intérieur**\n\nLe règlement dit ceci.\n",
        false,
    );
    let plan = &w["principes/economique/index.md"];
    assert!(plan.contains("Les prix changent chaque année."), "{plan}");
    assert!(
        !plan.contains("STATUTS") && !plan.contains("Article 1."),
        "{plan}"
    );
    let statuts = w
        .iter()
        .find(|(p, t)| p.starts_with("annexes/") && t.contains("Article 1."))
        .map(|(_, t)| t)
        .expect("an appendix holds the statutes");
    assert!(
        statuts.contains("titre: \"4 Annexe – statuts\""),
        "{statuts}"
    );
    assert!(!statuts.contains("Le règlement"), "{statuts}");
    assert!(
        w.iter()
            .any(|(p, t)| p.starts_with("annexes/") && t.contains("Le règlement dit ceci.")),
        "{:?}",
        w.keys()
    );
}

/// A licence, a site or a creation date written in the informations that cannot be read
/// as one is named in the report, with what the field expects; its line stays in the text.
#[test]
fn facts_that_cannot_be_read_are_reported() {
    let w = import_lossless(
        "# La Fabrique\n\n## Informations générales\n\nLicence : libre et ouverte\n\nSite : notre page Facebook\n\nDate de création : printemps 2012\n\nForme juridique : SCOP\n\n## Raison d'être\n\nNous fabriquons des meubles.\n",
        false,
    );
    let report = &w["IMPORT.md"];
    for (line, key) in [
        ("Licence : libre et ouverte", "licence"),
        ("Site : notre page Facebook", "site"),
        ("Date de création : printemps 2012", "creee_le"),
    ] {
        assert!(
            report.contains(&format!(
                "The line “{line}” was not read: `organisation.{key}` expects"
            )),
            "{line}: {report}"
        );
        assert!(w["informations.md"].contains(line));
        assert!(!w["codesocial.yaml"].contains(&format!("  {key}:")));
    }
    assert!(!report.contains("Forme juridique : SCOP”"), "{report}");
}

/// A milestone's title linking by reference (`[la Région][region]`, `[l'atelier][]`)
/// keeps its link, written inline in the description like any link of a title, never
/// the reference syntax in the plain title.
#[test]
fn links_by_reference_in_milestones_are_kept() {
    let w = import_lossless(
        "# La Fabrique\n\n## Raison d'être\n\nNous fabriquons des meubles.\n\n## Historique\n\n- 2011 : fondation avec [la Région][region].\n- 2014 : ouverture de [l'atelier][].\n\n[region]: https://region.example.org\n[l'atelier]: https://atelier.example.org\n",
        false,
    );
    let histoire = &w["histoire.md"];
    for expected in [
        "titre: \"fondation avec la Région.\"",
        "description: \"[la Région](https://region.example.org)\"",
        "titre: \"ouverture de l'atelier.\"",
        "description: \"[l'atelier](https://atelier.example.org)\"",
    ] {
        assert!(histoire.contains(expected), "{expected}: {histoire}");
    }
    assert!(
        !histoire.contains("][region]") && !histoire.contains("][]"),
        "{histoire}"
    );
}

#[test]
fn page_builder_text_and_empty_headings_of_a_web_page() {
    let (_work, w) = import_fixture("kinds/page-builder.html", &["--no-git"]);
    let plan = &w["principes/economique/index.md"];
    assert!(
        plan.contains("Nous contacter") && plan.contains("Le four à bois"),
        "{plan}"
    );
    assert!(plan.contains("marché.\n\nUn second paragraphe"), "{plan}");
    assert!(
        !w.keys().any(|p| p.starts_with("annexes/")),
        "{:?}",
        w.keys()
    );
    assert!(!markdown(&w).contains("\n## \n"));
    assert!(w["histoire.md"].contains("[notre histoire](histoire.md)"));
}

#[test]
fn a_whole_wordpress_page_saved_as_markdown_leaves_its_theme() {
    let (_work, w) = import_fixture("kinds/wordpress-page.md", &["--no-git"]);
    let md = markdown(&w);
    for theme in [
        "Twitter",
        "Laisser un commentaire",
        "Articles récents",
        "tracker",
        "WordPress",
    ] {
        assert!(!md.contains(theme), "{theme}: {md}");
    }
    assert!(w["principes/financier/index.md"].contains("Nos comptes sont publiés"));
    assert!(!w["codesocial.yaml"].contains("Notre Code Social"));
}

#[test]
fn dated_list_items_become_milestones_and_the_rest_stays_prose() {
    let (_work, w) = import_fixture("kinds/dated-lines.md", &["--no-git"]);
    let histoire = &w["histoire.md"];
    assert!(
        histoire.contains("date: \"2011\"") && histoire.contains("date: \"2013-03\""),
        "{histoire}"
    );
    assert!(
        histoire.contains("\n\nUn paragraphe après la liste"),
        "{histoire}"
    );
    // A note of a dated line follows it into the milestone's description.
    assert!(
        histoire.contains(
            "titre: \"première ruche sur le toit.\"\n    description: \"Sur le toit de la mairie"
        ),
        "{histoire}"
    );
    assert!(!markdown(&w).contains("[^ruche]"), "{}", markdown(&w));
}

/// A page nested thousands of levels deep imports (no stack overflow) with its text.
#[test]
fn deeply_nested_html_is_flattened_not_fatal() {
    let work = tempfile::tempdir().expect("temp");
    for tag in ["div", "blockquote", "ul><li"] {
        let close = tag
            .split('>')
            .rev()
            .map(|t| format!("</{}>", t.trim_start_matches('<')))
            .collect::<String>();
        let page = format!(
            "<h2>Raison d’être</h2>{}<p>Le texte tout au fond reste entier.</p>{}",
            format!("<{tag}>").repeat(3000),
            close.repeat(3000)
        );
        let path = work.path().join("profond.html");
        std::fs::write(&path, &page).expect("write");
        let _ = std::fs::remove_dir_all(work.path().join("out"));
        let out = import(work.path(), &path, &["--no-git"]);
        assert!(
            files(&out)["raison-d-etre.md"].contains("Le texte tout au fond reste entier."),
            "{tag}"
        );
    }
}

/// Colours and window titles in a document reach neither the terminal nor a file, and do
/// not hide a chapter's heading.
#[test]
fn terminal_escapes_reach_neither_the_terminal_nor_the_files() {
    let work = tempfile::tempdir().expect("temp");
    let path = work.path().join("couleurs.md");
    std::fs::write(
        &path,
        "# Raison d’être\u{1b}[0m\n\nNous \u{1b}[31mcultivons\u{1b}[0m des légumes.\u{1b}]0;pirate\u{7}\n\nAuteurs : Marie \u{1b}[1mDupont\n",
    )
    .expect("write");
    let out = codesocial(work.path())
        .args(["import", "couleurs.md", "out", "--no-git"])
        .output()
        .expect("runs");
    assert!(out.status.success());
    assert!(!out.stdout.contains(&0x1b) && !out.stderr.contains(&0x1b));
    let w = files(&work.path().join("out"));
    assert!(w
        .values()
        .all(|t| !t.chars().any(|c| c.is_control() && c != '\n')));
    assert!(w["raison-d-etre.md"].contains("Nous cultivons des légumes."));
    assert!(w.contains_key("membres/marie-dupont.md"), "{:?}", w.keys());
}

/// A chapter `check` would refuse to read is refused before anything is written.
#[test]
fn a_chapter_larger_than_check_reads_is_refused_and_nothing_written() {
    let work = tempfile::tempdir().expect("temp");
    let path = work.path().join("long.md");
    let paragraph = "Une phrase de remplissage pour faire un très long chapitre. ".repeat(20);
    std::fs::write(
        &path,
        format!(
            "# Raison d’être\n\n{}",
            format!("{paragraph}\n\n").repeat(200)
        ),
    )
    .expect("write");
    let out = codesocial(work.path())
        .env("CODESOCIAL_MAX_FILE_SIZE", "100000")
        .args(["import", "long.md", "out", "--no-git"])
        .output()
        .expect("runs");
    assert_eq!(out.status.code(), Some(2));
    let err = flat(&out.stderr);
    assert!(
        err.contains("raison-d-etre.md") && err.contains("CODESOCIAL_MAX_FILE_SIZE"),
        "{err}"
    );
    assert!(!work.path().join("out").exists());
}

/// Raw HTML links are repaired like Markdown ones, `javascript:` goes, and an image next
/// to the source is copied under `medias/`, from the Markdown and from the Word and
/// OpenDocument files made of it (pandoc's extracted media).
#[test]
fn images_next_to_the_source_or_inside_a_word_file_are_copied_and_linked() {
    let work = tempfile::tempdir().expect("temp");
    for name in ["code.md", "jardin.png"] {
        std::fs::copy(
            fixture(&format!("kinds/with-images/{name}")),
            work.path().join(name),
        )
        .expect("copy");
    }
    let png = std::fs::read(work.path().join("jardin.png")).expect("png");
    let mut sources = vec!["code.md".to_string()];
    if pandoc_available() {
        for ext in ["docx", "odt"] {
            let converted = std::process::Command::new("pandoc")
                .current_dir(work.path())
                .args(["-f", "markdown", "code.md", "-o", &format!("code.{ext}")])
                .status()
                .expect("pandoc");
            assert!(converted.success());
            sources.push(format!("code.{ext}"));
        }
    }
    for source in &sources {
        let out = import(work.path(), Path::new(source), &["--no-git"]);
        if source == "code.md" {
            let text = std::fs::read_to_string(fixture("kinds/with-images/code.md")).expect("md");
            // Its raw HTML tags are not text: read as a page.
            assert_lossless(&text, true, &out);
        }
        assert_checks_and_builds(work.path(), &out);
        let copied: Vec<_> = std::fs::read_dir(out.join("medias"))
            .expect("medias")
            .map(|e| std::fs::read(e.expect("entry").path()).expect("read"))
            .collect();
        assert!(
            !copied.is_empty() && copied.iter().all(|b| *b == png),
            "{source}"
        );
        let w = files(&out);
        let md = markdown(&w);
        assert!(
            !md.contains("javascript:") && !md.contains("statuts.pdf"),
            "{source}: {md}"
        );
        assert!(md.contains("medias/"), "{source}: {md}");
        assert!(w["IMPORT.md"].contains("medias/"), "{source}");
        std::fs::remove_dir_all(&out).expect("clean");
    }
}

/// Without a folder, a document that lies in the current folder is imported into a new
/// folder beside it, named after the organisation: `check` never reads the source as a
/// page, and passes; the source stays as it was. Given a folder that holds it (`.`, or
/// the folder above its own), a document `check` would read there (any Markdown file) is
/// refused with the way out, nothing written and the document untouched; one `check`
/// does not read (a web page) is imported around it, the report says so first, the
/// commit leaves it out, and `check` passes.
#[test]
fn a_source_in_the_folder_it_would_be_imported_into_is_never_read_by_check() {
    let work = tempfile::tempdir().expect("temp");
    // Its own links lead nowhere once split: read as a page, they fail `check`.
    let text = format!(
        "{}\nVoir [plus haut](#raison-detre) et [le magasin](#le-magasin).\n",
        std::fs::read_to_string(fixture("fabrique-des-communs.md")).expect("read")
    );
    std::fs::write(work.path().join("code.md"), &text).expect("write");
    let out = codesocial(work.path())
        .args(["import", "code.md"])
        .output()
        .expect("runs");
    assert!(
        out.status.success(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    let stdout = String::from_utf8_lossy(&out.stdout);
    let folders: Vec<PathBuf> = std::fs::read_dir(work.path())
        .expect("list")
        .map(|e| e.expect("entry").path())
        .filter(|p| p.is_dir())
        .collect();
    let [repo] = folders.as_slice() else {
        panic!("one new folder: {folders:?}")
    };
    assert_eq!(
        std::fs::read_to_string(work.path().join("code.md")).expect("kept"),
        text
    );
    let id = repo
        .file_name()
        .expect("name")
        .to_string_lossy()
        .into_owned();
    let w = files(repo);
    assert!(!w.contains_key("code.md"), "{w:#?}");
    for t in [stdout.as_ref(), w["IMPORT.md"].as_str()] {
        assert!(
            t.contains(&format!(
                "**The repository is written into a new folder, `{id}/`**"
            )),
            "{t}"
        );
        assert!(!t.contains("still in this folder"), "{t}");
    }
    assert!(stdout.contains(&format!("cd {id}")), "{stdout}");
    assert_checks_and_builds(work.path(), repo);
    // Given as the folder, the folder that holds it: refused, whatever its depth there.
    for (source, folder) in [
        ("code.md", "."),
        ("docs/code.md", "."),
        ("docs/code.md", "docs"),
    ] {
        let again = tempfile::tempdir().expect("temp");
        std::fs::create_dir(again.path().join("docs")).expect("mkdir");
        std::fs::write(again.path().join(source), &text).expect("write");
        let out = codesocial(again.path())
            .args(["import", source, folder])
            .output()
            .expect("runs");
        let stderr = String::from_utf8_lossy(&out.stderr);
        assert_eq!(out.status.code(), Some(2), "{source} {folder}: {stderr}");
        assert!(
            stderr.contains("the document lies inside the folder to import into")
                && stderr.contains(&format!("codesocial import {source} {id}")),
            "{stderr}"
        );
        let mut left: Vec<String> = walkdir::WalkDir::new(again.path())
            .into_iter()
            .map(|e| e.expect("walk").path().display().to_string())
            .collect();
        left.sort();
        assert_eq!(left.len(), 3, "nothing written: {left:?}");
        assert_eq!(
            std::fs::read_to_string(again.path().join(source)).expect("kept"),
            text
        );
    }
    // A web page in the folder it is imported into: `check` does not read it.
    let again = tempfile::tempdir().expect("temp");
    let page = "<h1>Code social de la Coop</h1><h2>Raison d’être</h2><p>Nous réparons. Voir <a href=\"#nulle-part\">ici</a>.</p><h2>Historique</h2><p>2011 : création.</p>";
    std::fs::write(again.path().join("code.html"), page).expect("write");
    let out = codesocial(again.path())
        .args(["import", "code.html", "."])
        .output()
        .expect("runs");
    assert!(
        out.status.success(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    let stdout = String::from_utf8_lossy(&out.stdout);
    let w = files(again.path());
    for t in [stdout.as_ref(), w["IMPORT.md"].as_str()] {
        assert!(
            t.contains("The imported document, `code.html`, is still in this folder"),
            "{t}"
        );
    }
    let listed = git(again.path(), &["ls-files"]);
    assert!(
        listed.contains("codesocial.yaml") && !listed.contains("code.html"),
        "{listed}"
    );
    assert_checks_and_builds(again.path(), again.path());
    assert_eq!(
        std::fs::read_to_string(again.path().join("code.html")).expect("kept"),
        page
    );
    // Imported elsewhere, nothing is said.
    let elsewhere = import(work.path(), Path::new("code.md"), &["--no-git"]);
    let report = &files(&elsewhere)["IMPORT.md"];
    assert!(!report.contains("still in this folder") && !report.contains("new folder"));
}

// ---------------------------------------------------------------------------------------
// Round 7: what an organisation importing its real #CodeSocial (Word, LibreOffice, HTML,
// Markdown) found.

/// Ids and dates that YAML would read as numbers, booleans or null (`2023`, `yes`,
/// `null`) are written quoted: the repository passes `check` (the scalar writer itself
/// is checked on any string by `import::yaml_out`'s property test).
#[test]
fn ids_that_look_like_numbers_or_booleans_are_written_quoted() {
    let (_work, w) = import_fixture("kinds/number-like-ids.md", &["--no-git", "--nom", "2023"]);
    let manifest = &w["codesocial.yaml"];
    assert!(manifest.contains("  id: \"2023\"\n"), "{manifest}");
    let pyramide = &w["pyramide.yaml"];
    for id in ["yes", "null", "true"] {
        assert!(
            pyramide.contains(&format!("{{ membre: \"{id}\" }}")),
            "{pyramide}"
        );
    }
    assert!(w["histoire.md"].contains("  - date: \"2014\"\n"));
}

/// Values lifted out of the front matter (the seat, the territory) have a file even when
/// the document has no "Informations générales" chapter, and the report names only files
/// that were written ([`assert_report_names_written_files`], run on every fixture).
#[test]
fn lifted_values_are_written_even_without_their_chapter() {
    let (_work, w) = import_fixture("kinds/front-matter-informations.md", &["--no-git"]);
    let informations = w.get("informations.md").expect("informations.md written");
    assert!(
        informations.contains("siege: \"3 quai des Brumes, Lorient\"")
            && informations.contains("territoire: \"le pays de Lorient\""),
        "{informations}"
    );
    let manifest = &w["codesocial.yaml"];
    assert!(
        manifest.contains("forme_juridique: \"Association\"")
            && manifest.contains("creee_le: \"2015-03-12\""),
        "{manifest}"
    );
}

/// A bold line that is a sentence, a long line ending in `:`, a bold item of a list stay
/// text, even when they name a chapter ("Gouvernance du code social.", "Historique de la
/// coopérative racontée par…"); a lone bold title and a short labelled line still start
/// chapters. In Markdown, in a web page, and in the Word and OpenDocument files made from
/// the Markdown.
#[test]
fn sentences_are_not_read_as_chapter_titles() {
    for name in [
        "kinds/sentences-not-titles.md",
        "kinds/sentences-not-titles.html",
    ] {
        let (_work, w) = import_fixture(name, &["--no-git"]);
        let raison = &w["raison-d-etre.md"];
        for sentence in [
            "Nous avons décidé de travailler ensemble.",
            "Gouvernance du code social.",
            "Historique de la coopérative racontée par ses membres fondateurs et fondatrices",
            "Financement",
        ] {
            assert!(raison.contains(sentence), "{name}: {sentence}\n{raison}");
        }
        assert!(
            w["histoire.md"].contains("trois voisines"),
            "{name}: {}",
            w["histoire.md"]
        );
        assert!(
            w["modification.md"].contains("adoptée par consentement"),
            "{name}: {}",
            w["modification.md"]
        );
        assert!(!w.keys().any(|p| p.starts_with("principes/")), "{name}");
    }
    if pandoc_available() {
        assert_word_files_import_as_their_markdown("kinds/sentences-not-titles.md");
    }
}

/// Sub-headings that name something the method knows ("Financement", "Culture",
/// "Définitions", "Modification", "Présentation") stay in the plan, glossary, amendment or
/// raison d'être chapter they are under: a heading deeper than its chapter's is a section
/// of it. In Markdown, in a web page, and in Word and OpenDocument files.
#[test]
fn keyword_sub_headings_stay_in_their_chapter() {
    for name in ["kinds/keyword-sections.md", "kinds/keyword-sections.html"] {
        let (_work, w) = import_fixture(name, &["--no-git"]);
        let paths: Vec<&String> = w.keys().collect();
        assert!(
            !w.contains_key("principes/financier/index.md")
                && !w.contains_key("principes/artistique-culturel/index.md")
                && !w
                    .keys()
                    .any(|p| p.starts_with("annexes/") && p != "annexes/glossaire.md"),
            "{name}: {paths:?}"
        );
        let plan = &w["principes/economique/index.md"];
        for text in [
            "## Financement",
            "## Culture",
            "**Historique**",
            "deux fois",
        ] {
            assert!(plan.contains(text), "{name}: {text}\n{plan}");
        }
        assert!(
            w["annexes/glossaire.md"].contains("## Définitions"),
            "{name}"
        );
        assert!(w["modification.md"].contains("## Modification"), "{name}");
        let raison = &w["raison-d-etre.md"];
        assert!(
            raison.contains("## Présentation") && raison.contains("## Valeurs"),
            "{name}: {raison}"
        );
        assert!(raison.contains("enjeux:"), "{name}: {raison}");
        assert!(
            w["histoire.md"].starts_with("---\ntitre: \"Histoire\"\n---"),
            "{name}: {}",
            w["histoire.md"]
        );
    }
    if pandoc_available() {
        assert_word_files_import_as_their_markdown("kinds/keyword-sections.md");
    }
}

/// A dated line's or a stake's link is kept: the title is plain text, the link goes to
/// the description, which is Markdown (and the lossless check looks for every link
/// target). In Markdown, in a web page, and in Word and OpenDocument files.
#[test]
fn links_in_milestones_and_stakes_are_kept() {
    for name in ["kinds/linked-milestones.md", "kinds/linked-milestones.html"] {
        let (_work, w) = import_fixture(name, &["--no-git"]);
        let histoire = &w["histoire.md"];
        assert!(
            histoire.contains(
                "    titre: \"fondation de l'association avec l'Atelier Soudé\"\n    description: \"[l'Atelier Soudé](https://atelier-soude.example.org)\"\n"
            ),
            "{name}: {histoire}"
        );
        assert!(
            histoire.contains("Voir [le communiqué](https://example.org/communique) de la ville."),
            "{name}: {histoire}"
        );
        let raison = &w["raison-d-etre.md"];
        assert!(
            raison
                .contains("description: \"[réseau Repair Café](https://www.repaircafe.org/fr/)\""),
            "{name}: {raison}"
        );
    }
    if pandoc_available() {
        assert_word_files_import_as_their_markdown("kinds/linked-milestones.md");
    }
}

/// The members a people line names when its names are separated by line breaks: a word
/// processor's soft return (`<w:br/>`, pandoc's line break), a Markdown hard break, an
/// HTML `<br>`. In Markdown, in a web page, and in Word and OpenDocument files.
#[test]
fn names_separated_by_line_breaks_are_all_members() {
    let assert_members = |w: &BTreeMap<String, String>, name: &str| {
        let pyramide = &w["pyramide.yaml"];
        let co = &pyramide[pyramide.find("co_auteurs:").expect("co_auteurs")..];
        for id in ["alice-martin", "bruno-petit", "chloe-roux"] {
            assert!(co.contains(&format!("\"{id}\"")), "{name}: {pyramide}");
        }
        let start = pyramide.find("\nauteurs:").expect("auteurs");
        let auteurs =
            &pyramide[start..start + pyramide[start..].find("\nco_auteurs:").expect("co")];
        for id in ["denis-blanc", "emma-noir"] {
            assert!(auteurs.contains(&format!("\"{id}\"")), "{name}: {pyramide}");
            assert!(w.contains_key(&format!("membres/{id}.md")), "{name}: {id}");
        }
    };
    for name in [
        "kinds/people-line-breaks.md",
        "kinds/people-line-breaks.html",
    ] {
        let (_work, w) = import_fixture(name, &["--no-git"]);
        assert_members(&w, name);
    }
    if !pandoc_available() {
        return;
    }
    let work = tempfile::tempdir().expect("temp");
    let source = fixture("kinds/people-line-breaks.md");
    let text = std::fs::read_to_string(&source).expect("read");
    for ext in ["docx", "odt"] {
        let file = work.path().join(format!("code.{ext}"));
        let converted = std::process::Command::new("pandoc")
            .args(["-f", "gfm"])
            .arg(&source)
            .arg("-o")
            .arg(&file)
            .status()
            .expect("pandoc");
        assert!(converted.success());
        let out = import(work.path(), &file, &["--no-git"]);
        assert_lossless(&text, false, &out);
        assert_checks_and_builds(work.path(), &out);
        assert_members(&files(&out), ext);
        std::fs::remove_dir_all(&out).expect("clean");
    }
}

/// `fixture(name)`, pandoc's Markdown with its metadata, made a `.docx` or `.odt` in `work`.
fn word_file(work: &Path, name: &str, ext: &str) -> PathBuf {
    let file = work.join(format!("code.{ext}"));
    let converted = std::process::Command::new("pandoc")
        .args(["--standalone", "-f", "markdown"])
        .arg(fixture(name))
        .arg("-o")
        .arg(&file)
        .status()
        .expect("pandoc");
    assert!(converted.success());
    file
}

/// A Word or OpenDocument file's title (its properties, or its "Title" paragraph) names
/// the organisation when the text has no title; the authors its properties name are
/// listed for review in IMPORT.md, never made members.
#[test]
fn a_word_file_s_title_and_authors_are_read_from_its_properties() {
    if !pandoc_available() {
        return;
    }
    let text = std::fs::read_to_string(fixture("kinds/word-properties.md")).expect("read");
    for ext in ["docx", "odt"] {
        let work = tempfile::tempdir().expect("temp");
        let file = word_file(work.path(), "kinds/word-properties.md", ext);
        let w = import_and_read(work.path(), &file, &["--no-git"], Some((&text, false)));
        assert!(
            w["codesocial.yaml"].contains("  nom: \"la Coopérative du Val\"\n"),
            "{ext}: {}",
            w["codesocial.yaml"]
        );
        let report = &w["IMPORT.md"];
        assert!(
            report.contains("The file's properties name as authors: Claire Martin, Julien Roux"),
            "{ext}: {report}"
        );
        assert!(
            !w.keys()
                .any(|p| p.starts_with("membres/") && p != "membres/la-cooperative-du-val.md"),
            "{ext}: {:?}",
            w.keys()
        );
    }
}

/// Imports `text`, written to `work/name` (a web page when `name` ends with `.html`):
/// every sentence in one file, `check` without error, the site built, the report naming
/// only files written ([`import_and_read`]). Returns the folder (kept alive) and the files
/// written.
fn import_checked(name: &str, text: &str) -> (tempfile::TempDir, BTreeMap<String, String>) {
    let work = tempfile::tempdir().expect("temp");
    let source = work.path().join(name);
    std::fs::write(&source, text).expect("write");
    let html = name.ends_with(".html");
    let written = import_and_read(work.path(), &source, &["--no-git"], Some((text, html)));
    (work, written)
}

/// Links to a place of the document lead where that place landed: a heading written
/// twice (`#nos-outils-1`, its second occurrence, as pandoc and GitHub number them), an
/// HTML id or named anchor (`<a id>`, `<a name>`), a pandoc id (`[mot]{#x}`, `::: {#x}`),
/// each to its file and the heading before it there. A link to a place nobody names is
/// made text, and the report says so rather than blaming a missing file.
#[test]
fn links_to_places_of_the_document_lead_where_they_landed() {
    let (_work, w) = import_checked(
        "code.md",
        "# La Fabrique\n\n## Raison d'être\n\nVoir [les premiers outils](#nos-outils), [les seconds](#nos-outils-1), [l'ancre](#ancre-html), [la nommée](#nommee), [le bloc](#bloc-id), [le point](#point-clef) et [rien](#absent).\n\n### Nos outils\n\nDes rabots.\n\n## Historique\n\n### Nos outils\n\nDes scies. <a name=\"nommee\"></a>Une phrase nommée. <a id=\"ancre-html\"></a>Une phrase ancrée.\n\n## Modèle économique\n\n### Prix\n\nUn paragraphe ici. [Un point clef]{#point-clef}\n\n::: {#bloc-id}\nUn bloc.\n:::\n",
    );
    let raison = &w["raison-d-etre.md"];
    for link in [
        "[les premiers outils](#nos-outils)",
        "[les seconds](histoire.md#nos-outils)",
        "[l'ancre](histoire.md#ancre-html)",
        "[la nommée](histoire.md#nos-outils)",
        "[le bloc](principes/economique/index.md#prix)",
        "[le point](principes/economique/index.md#prix)",
        " et rien.",
    ] {
        assert!(raison.contains(link), "{link}: {raison}");
    }
    let report = &w["IMPORT.md"];
    assert!(
        report.contains("the link `#absent` led to a place in the document that no heading, id or bookmark of the document names"),
        "{report}"
    );
    assert!(
        !report.contains("a file that is not in the repository"),
        "{report}"
    );
}

/// A Word file's table of contents and cross references link to bookmarks (`_Toc…`,
/// `_Ref…`), which pandoc drops from headings: the links lead to the heading the
/// bookmark marks (its file, once the chapter is a file of its own), or to the text.
#[test]
fn links_to_word_bookmarks_lead_to_what_they_mark() {
    if !pandoc_available() {
        return;
    }
    let work = tempfile::tempdir().expect("temp");
    let html = work.path().join("code.html");
    std::fs::write(
        &html,
        "<h1>Code social de la Fabrique</h1>\n<h2 id=\"toc1\">1. Raison d'être</h2>\n<p>Nous fabriquons des meubles. Voir <a href=\"#toc2\">notre histoire</a>, <a href=\"#toc3\">nos outils</a> et <a href=\"#ref5\">la phrase marquée</a>.</p>\n<h2 id=\"toc2\">2. Historique</h2>\n<p>En 2011, nous avons commencé. <span id=\"ref5\">Une phrase marquée</span> ici. Retour à <a href=\"#toc1\">la raison d'être</a>.</p>\n<h3 id=\"toc3\">Nos outils</h3>\n<p>Des rabots.</p>\n",
    )
    .expect("write");
    let file = work.path().join("code.docx");
    let converted = std::process::Command::new("pandoc")
        .args(["-f", "html"])
        .arg(&html)
        .arg("-o")
        .arg(&file)
        .status()
        .expect("pandoc");
    assert!(converted.success());
    with_part_rewritten(&file, "word/document.xml", |xml| {
        xml.replace("\"toc1\"", "\"_Toc101\"")
            .replace("\"toc2\"", "\"_Toc102\"")
            .replace("\"toc3\"", "\"_Toc103\"")
            .replace("\"ref5\"", "\"_Ref105\"")
    });
    let w = import_and_read(work.path(), &file, &["--no-git"], None);
    let raison = &w["raison-d-etre.md"];
    for link in [
        "[notre histoire](histoire.md)",
        "[nos outils](histoire.md#nos-outils)",
        "[la phrase marquée](histoire.md#_Ref105)",
    ] {
        assert!(raison.contains(link), "{link}: {raison}");
    }
    assert!(
        w["histoire.md"].contains("[la raison d'être](raison-d-etre.md)")
            || w["histoire.md"].contains("[la raison d’être](raison-d-etre.md)"),
        "{}",
        w["histoire.md"]
    );
    assert!(
        !w["IMPORT.md"].contains("it is now text"),
        "{}",
        w["IMPORT.md"]
    );
}

/// `file` (a Word or OpenDocument archive) with its part `name` rewritten by `f`.
fn with_part_rewritten(file: &Path, name: &str, f: impl Fn(String) -> String) {
    let data = std::fs::read(file).expect("read");
    let mut archive = zip::ZipArchive::new(std::io::Cursor::new(data)).expect("zip");
    let mut out = zip::ZipWriter::new(std::io::Cursor::new(Vec::new()));
    for i in 0..archive.len() {
        let mut entry = archive.by_index(i).expect("entry");
        let entry_name = entry.name().expect("name").to_string();
        let mut bytes = Vec::new();
        std::io::Read::read_to_end(&mut entry, &mut bytes).expect("read entry");
        if entry_name == name {
            bytes = f(String::from_utf8(bytes).expect("utf-8")).into_bytes();
        }
        out.start_file(entry_name, zip::write::SimpleFileOptions::default())
            .expect("start");
        std::io::Write::write_all(&mut out, &bytes).expect("write entry");
    }
    let written = out.finish().expect("finish").into_inner();
    std::fs::write(file, written).expect("write");
}

/// A Word file and an OpenDocument file made by pandoc from one Markdown import to the
/// same repository: the title, subtitle, authors and date, which pandoc writes as
/// paragraphs styled "Title", "Subtitle", "Author" and "Date", are the document's
/// metadata in both (the organisation's name, the report), never text of a chapter.
#[test]
fn a_word_file_and_its_opendocument_twin_import_alike() {
    if !pandoc_available() {
        return;
    }
    let text = std::fs::read_to_string(fixture("kinds/word-metadata.md")).expect("read");
    let mut imported = Vec::new();
    for (ext, format) in [("docx", "Word (.docx)"), ("odt", "OpenDocument (.odt)")] {
        let work = tempfile::tempdir().expect("temp");
        let file = word_file(work.path(), "kinds/word-metadata.md", ext);
        let w = import_and_read(work.path(), &file, &["--no-git"], Some((&text, false)));
        for (path, body) in &w {
            if path != "IMPORT.md" {
                for meta in ["Version votée", "Julien Roux", "12 mars 2024"] {
                    assert!(!body.contains(meta), "{ext}: {meta} in {path}: {body}");
                }
            }
        }
        assert!(
            w["codesocial.yaml"].contains("  nom: \"la Coopérative du Val\"\n"),
            "{ext}: {}",
            w["codesocial.yaml"]
        );
        let report = &w["IMPORT.md"];
        for said in [
            "The file's properties name as authors: Claire Martin, Julien Roux",
            "date: 12 mars 2024",
            "subtitle: Version votée en assemblée",
        ] {
            assert!(report.contains(said), "{ext}: {said}: {report}");
        }
        let same: BTreeMap<String, String> = w
            .into_iter()
            .map(|(p, t)| {
                let t = t
                    .replace(&format!("`code.{ext}` ({format})"), "`code` (FORMAT)")
                    .replace(&format!("`code.{ext}`"), "`code`");
                (p, t)
            })
            .collect();
        imported.push(same);
    }
    assert_eq!(imported[0], imported[1]);
}

/// The comments and tracked changes of a Word file, which pandoc drops or accepts without
/// a word, are counted in IMPORT.md, which says that the text imported is the one with
/// every change accepted.
#[test]
fn comments_and_tracked_changes_of_a_word_file_are_reported() {
    if !pandoc_available() {
        return;
    }
    let work = tempfile::tempdir().expect("temp");
    let file = word_file(work.path(), "kinds/word-revisions.md", "docx");
    let w = import_and_read(work.path(), &file, &["--no-git"], None);
    assert!(
        w["IMPORT.md"].contains(
            "**The document holds 1 comment and 2 tracked changes**: the text imported is the one with every change accepted"
        ),
        "{}",
        w["IMPORT.md"]
    );
    let histoire = &w["histoire.md"];
    assert!(
        histoire.contains("le magasin ouvre ses portes"),
        "{histoire}"
    );
    assert!(w["principes/economique/index.md"].contains("vingt pour cent"));
}

/// Imports `text`, written to `work/name`, into `work/out`; checks that it builds and
/// returns the folder (kept alive) and the files written.
fn import_text(
    name: &str,
    text: &str,
    extra: &[&str],
) -> (tempfile::TempDir, BTreeMap<String, String>) {
    let work = tempfile::tempdir().expect("temp");
    let path = work.path().join(name);
    std::fs::write(&path, text).expect("write");
    let written = import_and_read(work.path(), &path, extra, None);
    (work, written)
}

/// A shortcode attribute quoted with `"` may hold `'` and the other way round, as
/// WordPress reads them: "Raison d'être" is one heading, not "Raison d" and a lost "être".
#[test]
fn an_apostrophe_inside_a_shortcode_attribute_is_text() {
    let (_work, w) = import_text(
        "page.md",
        "# Code social du Moulin\n\n\
         [vc_custom_heading text=\"Raison d'être\" font_container=\"tag:h2\"]\n\n\
         Nous faisons du pain.\n\n\
         [et_pb_blurb title='Notre \"histoire\"' heading_level='h2'][/et_pb_blurb]\n\n\
         2015 : ouverture du fournil.\n",
        &["--no-git"],
    );
    assert!(
        !w.keys().any(|p| p.starts_with("annexes/")),
        "{:?}",
        w.keys()
    );
    assert!(
        w["raison-d-etre.md"].contains("Nous faisons du pain."),
        "{}",
        w["raison-d-etre.md"]
    );
    assert!(
        w["histoire.md"].contains("ouverture du fournil"),
        "{}",
        w["histoire.md"]
    );
}

/// `file` (a `.docx`) with its core properties (`docProps/core.xml`) replaced by
/// `properties`, Dublin Core (`dc:`) and core-properties (`cp:`) elements.
fn with_core_properties(file: &Path, properties: &str) {
    let data = std::fs::read(file).expect("read");
    let mut archive = zip::ZipArchive::new(std::io::Cursor::new(data)).expect("zip");
    let mut out = zip::ZipWriter::new(std::io::Cursor::new(Vec::new()));
    for i in 0..archive.len() {
        let mut entry = archive.by_index(i).expect("entry");
        let name = entry.name().expect("name").to_string();
        let mut bytes = Vec::new();
        std::io::Read::read_to_end(&mut entry, &mut bytes).expect("read entry");
        if name == "docProps/core.xml" {
            bytes = format!(
                "<?xml version=\"1.0\" encoding=\"UTF-8\" standalone=\"yes\"?>\n<cp:coreProperties xmlns:cp=\"http://schemas.openxmlformats.org/package/2006/metadata/core-properties\" xmlns:dc=\"http://purl.org/dc/elements/1.1/\">{properties}</cp:coreProperties>"
            )
            .into_bytes();
        }
        out.start_file(name, zip::write::SimpleFileOptions::default())
            .expect("start");
        std::io::Write::write_all(&mut out, &bytes).expect("write entry");
    }
    let written = out.finish().expect("finish").into_inner();
    std::fs::write(file, written).expect("write");
}

/// A Word file whose properties' title (a template's leftover nobody sees) differs from
/// its visible "Title" paragraph: the visible line names the organisation and is kept;
/// the properties' title is named in IMPORT.md as another candidate, and so are the
/// subject, keywords, comments and category the properties hold (text placed nowhere).
#[test]
fn a_word_file_s_visible_title_is_preferred_to_its_properties_title() {
    if !pandoc_available() {
        return;
    }
    let work = tempfile::tempdir().expect("temp");
    let md = work.path().join("min.md");
    std::fs::write(
        &md,
        "---\ntitle: Le Jardin des Sources\n---\n\n# Historique\n\n2015 : plantation des premiers arbres.\n",
    )
    .expect("write");
    let file = work.path().join("min.docx");
    let converted = std::process::Command::new("pandoc")
        .args(["--standalone", "-f", "markdown"])
        .arg(&md)
        .arg("-o")
        .arg(&file)
        .status()
        .expect("pandoc");
    assert!(converted.success());
    with_core_properties(
        &file,
        "<dc:title>Modèle Word de la fédération</dc:title><dc:subject>Charte du verger</dc:subject><cp:keywords>verger; commun</cp:keywords><dc:description>Relu par le bureau.</dc:description><cp:category>Gouvernance</cp:category>",
    );
    let w = import_and_read(work.path(), &file, &["--no-git"], None);
    assert!(
        w["codesocial.yaml"].contains("  nom: \"Le Jardin des Sources\"\n"),
        "{}",
        w["codesocial.yaml"]
    );
    let report = &w["IMPORT.md"];
    assert!(
        report.contains("The file's properties give another title, “Modèle Word de la fédération”"),
        "{report}"
    );
    for said in [
        "“Subject” property says “Charte du verger”",
        "“Keywords” property says “verger; commun”",
        "“Comments” property says “Relu par le bureau.”",
        "“Category” property says “Gouvernance”",
    ] {
        assert!(report.contains(said), "{said} missing from {report}");
    }
    assert!(
        !w.iter()
            .any(|(p, text)| p != "IMPORT.md" && text.contains("Modèle Word")),
        "the properties' title was used"
    );
}

/// A link to a numbered heading written with the id GitHub or gfm gives it
/// (`#1-historique` for "1. Historique"), or pandoc's (`#nos-valeurs`, leading numbers
/// dropped), leads to that heading, though the import removed the chapter's numbering.
#[test]
fn links_to_numbered_headings_lead_to_them_in_every_id_style() {
    let (_work, w) = import_text(
        "page.md",
        "# Code social du Moulin\n\n\
         ## 1. Raison d'être\n\n\
         Nous faisons du pain : voir [notre histoire](#1-historique), [nos valeurs](#21-nos-valeurs) \
         et [nos valeurs encore](#nos-valeurs).\n\n\
         ## 2. Historique\n\n\
         2015 : ouverture.\n\n\
         ### 2.1 Nos valeurs\n\n\
         Le pain est bon.\n",
        &["--no-git"],
    );
    let raison = &w["raison-d-etre.md"];
    assert!(
        raison.contains("[notre histoire](histoire.md)")
            && raison.contains("[nos valeurs](histoire.md#21-nos-valeurs)")
            && raison.contains("[nos valeurs encore](histoire.md#21-nos-valeurs)"),
        "{raison}"
    );
    assert!(
        !w["IMPORT.md"].contains("it is now text"),
        "{}",
        w["IMPORT.md"]
    );
}

/// The name a title states keeps the article its connector holds ("de la", "du" = de le,
/// "des" = de les, "de l'"), so that the site's title says it as the document did.
#[test]
fn the_name_taken_from_the_title_keeps_its_article() {
    for (title, nom, site) in [
        (
            "Code social de la Coopérative du Val",
            "la Coopérative du Val",
            "Le #CodeSocial de la Coopérative du Val",
        ),
        (
            "Code social du Moulin",
            "le Moulin",
            "Le #CodeSocial du Moulin",
        ),
        (
            "Code social de l'Atelier Partagé",
            "l'Atelier Partagé",
            "Le #CodeSocial de l’Atelier Partagé",
        ),
        (
            "Code social des Jardins de Lyon",
            "les Jardins de Lyon",
            "Le #CodeSocial des Jardins de Lyon",
        ),
    ] {
        let (_work, w) = import_text(
            "code.md",
            &format!("# {title}\n\n## Historique\n\n2015 : ouverture.\n"),
            &["--no-git", "--langue", "fr"],
        );
        let manifest = &w["codesocial.yaml"];
        assert!(
            manifest.contains(&format!("  nom: \"{nom}\"\n"))
                && manifest.contains(&format!("  titre: \"{site}\"\n")),
            "{title}: {manifest}"
        );
    }
}

/// Every shortcode attribute that holds an address (a Divi blurb's `url`, a button's
/// `button_url` or `link`, a `*_url`) is kept as a link: nothing is dropped silently.
#[test]
fn addresses_in_shortcode_attributes_are_kept_as_links() {
    let (_work, w) = import_text(
        "page.md",
        "# Code social du Moulin\n\n## Modèle économique\n\n\
         [et_pb_blurb title=\"Le fournil\" url=\"https://moulin.example/fournil\"]Notre four chauffe au bois.[/et_pb_blurb]\n\n\
         [et_pb_button button_text=\"Nous écrire\" button_url=\"mailto:contact@moulin.example\"]\n\n\
         [mon_encart text=\"Adhérer\" link_url=\"https://moulin.example/adherer\"]\n",
        &["--no-git"],
    );
    let plan = markdown(&w);
    for link in [
        "<https://moulin.example/fournil>",
        "[Nous écrire](mailto:contact@moulin.example)",
        "[Adhérer](https://moulin.example/adherer)",
    ] {
        assert!(plan.contains(link), "{link}: {plan}");
    }
    assert!(plan.contains("Notre four chauffe au bois."), "{plan}");
}

/// The front matter of a written Markdown file (empty without one), or the whole YAML file.
fn data_part(path: &str, text: &str) -> String {
    if !path.ends_with(".md") {
        return text.to_string();
    }
    text.strip_prefix("---\n")
        .and_then(|rest| rest.split_once("\n---\n"))
        .map_or(String::new(), |(front, _)| front.to_string())
}

#[test]
fn a_note_called_where_the_text_becomes_data_stays_with_the_file_that_receives_its_call() {
    // Each note is called in a place whose text leaves the prose: the document's title,
    // a chapter heading, a field of the informations, a fact of the manifest, an enjeu,
    // a name on an authors' line. `(label, note, file where its text must be)`.
    let places: &[(&str, &str, &str)] = &[
        ("t", "Version deux du texte.", "raison-d-etre.md"),
        ("s", "Installée ici depuis 2015.", "informations.md"),
        ("f", "Agréée par la préfecture.", "informations.md"),
        ("r", "Adoptée en assemblée en 2019.", "raison-d-etre.md"),
        ("e", "Classé monument historique.", "raison-d-etre.md"),
        ("p", "Prix Nobel de physique.", "pyramide.yaml"),
    ];
    let mut text = String::from(
        "# Code social d'Oxalis[^t]\n\n## Informations générales\n\nSiège : Lyon[^s].\n\n\
         Forme juridique : SCIC SA[^f]\n\n## Raison d'être[^r]\n\nAccompagner les habitants du quartier.\n\n\
         ### Enjeux\n\n- Préserver le moulin[^e].\n- Nourrir le quartier.\n\n## Auteurs\n\n\
         Auteurs : Marie Curie[^p], Paul Langevin\n\n## Glossaire\n\nSCIC : société coopérative.\n\n",
    );
    for (label, note, _) in places {
        text.push_str(&format!("[^{label}]: {note}\n"));
    }
    let w = import_lossless(&text, false);
    for (path, body) in w.iter().filter(|(p, _)| *p != "IMPORT.md") {
        let data = data_part(path, body);
        let data = if path == "pyramide.yaml" {
            data.split("\nauteurs:")
                .nth(1)
                .unwrap_or_default()
                .to_string()
        } else {
            data
        };
        assert!(
            !data.contains("[^"),
            "a call left in the data of {path}:\n{body}"
        );
        assert!(!path.contains("-p.md") && !path.contains("-p/"), "{path}");
    }
    assert!(w.contains_key("membres/marie-curie.md"), "{:?}", w.keys());
    for (label, note, file) in places {
        let holders: Vec<&String> = w
            .iter()
            .filter(|(p, t)| *p != "IMPORT.md" && t.contains(note))
            .map(|(p, _)| p)
            .collect();
        assert_eq!(holders, [file], "note [^{label}]");
    }
    assert!(
        !w["annexes/glossaire.md"].contains("[^"),
        "{}",
        w["annexes/glossaire.md"]
    );
    let report = &w["IMPORT.md"];
    assert!(
        report.contains("Installée ici depuis 2015.") && report.contains("`siege`"),
        "{report}"
    );
}

#[test]
fn a_semicolon_separates_names_in_a_front_matter_as_in_the_text() {
    for (key, value) in [
        ("auteurs", "Léa Bernard ; Hugo Moreau"),
        ("auteurs", "Léa Bernard;Hugo Moreau"),
        ("Auteurs ", "Léa Bernard ; Hugo Moreau"),
    ] {
        let text = format!(
            "---\ntitre: Code social d'Oxalis\n{key}: {value}\n---\n\n## Raison d'être\n\nAccompagner les habitants.\n"
        );
        let w = import_lossless(&text, false);
        for id in ["lea-bernard", "hugo-moreau"] {
            assert!(
                w.contains_key(&format!("membres/{id}.md")),
                "{key}: {value} → {:?}",
                w.keys()
            );
        }
    }
}

#[test]
fn a_link_on_a_chapter_heading_is_kept_in_its_text() {
    let md = "# Code social d'Oxalis\n\n## [Historique](https://oxalis.example.org/histoire)\n\n\
              Le moulin a ouvert ses portes au public.\n\n## Raison d'être\n\nAccompagner les habitants.\n";
    let w = import_lossless(md, false);
    assert!(
        w["histoire.md"].contains("[Historique](https://oxalis.example.org/histoire)"),
        "{}",
        w["histoire.md"]
    );
    let html = "<h2><a href=\"https://oxalis.example.org/histoire\">Historique</a></h2>\
                <p>Le moulin a ouvert ses portes au public.</p>\
                <h2>Raison d’être</h2><p>Accompagner les habitants.</p>";
    let work = tempfile::tempdir().expect("temp");
    let source = work.path().join("page.html");
    std::fs::write(&source, html).expect("write");
    let out = import(work.path(), &source, &["--no-git"]);
    assert_lossless(html, true, &out);
    let w = files(&out);
    assert!(
        w["histoire.md"].contains("https://oxalis.example.org/histoire"),
        "{}",
        w["histoire.md"]
    );
}

#[test]
fn a_heading_s_decorations_are_not_its_title() {
    let html = "<h2>Historique&nbsp;:<br></h2><p>Le moulin a ouvert ses portes au public.</p>\
                <h2>Raison d’être&nbsp;: <br /></h2><p>Accompagner les habitants.</p>\
                <h2>Glossaire<br/></h2><p>SCIC : société coopérative.</p>";
    let work = tempfile::tempdir().expect("temp");
    let source = work.path().join("page.html");
    std::fs::write(&source, html).expect("write");
    let out = import(work.path(), &source, &["--no-git"]);
    assert_lossless(html, true, &out);
    let w = files(&out);
    for (path, titre) in [
        ("histoire.md", "Historique"),
        ("raison-d-etre.md", "Raison d’être"),
        ("annexes/glossaire.md", "Glossaire"),
    ] {
        assert!(
            w[path].starts_with(&format!("---\ntitre: \"{titre}\"\n")),
            "{}",
            w[path]
        );
    }
}

#[test]
fn inclusive_and_doubled_role_labels_name_their_members() {
    for (label, band) in [
        ("Auteur·ices", "auteurs"),
        ("Auteur.ices", "auteurs"),
        ("Auteur·es", "auteurs"),
        ("Auteur·rice·s", "auteurs"),
        ("Rédacteurs", "auteurs"),
        ("Auteurs et autrices", "auteurs"),
        ("Contributeur·ices", "contributeurs"),
        ("Contributrices et contributeurs", "contributeurs"),
        ("Contributeurs et contributrices", "contributeurs"),
        ("Coordination", "co_auteurs"),
    ] {
        let text = format!(
            "# Code social d'Oxalis\n\n## Raison d'être\n\nAccompagner les habitants.\n\n\
             ## Pyramide inversée\n\n{label} : Marie Curie, Paul Langevin\n"
        );
        let w = import_lossless(&text, false);
        for id in ["marie-curie", "paul-langevin"] {
            assert!(
                w.contains_key(&format!("membres/{id}.md")),
                "{label}: {:?}",
                w.keys()
            );
        }
        let pyramide = &w["pyramide.yaml"];
        let listed = pyramide
            .split(&format!("\n{band}:\n"))
            .nth(1)
            .is_some_and(|rest| rest.starts_with("  - { membre: \"marie-curie\" }"));
        assert!(listed, "{label}:\n{pyramide}");
        if band == "auteurs" {
            assert!(!w["IMPORT.md"].contains("names no author"), "{label}");
        }
    }
}

#[test]
fn an_amendment_chapter_naming_several_methods_or_ruling_one_out_is_flagged_not_guessed() {
    for (chapter, flagged, methode) in [
        (
            "Le code se modifie par consensus. À défaut de consensus, il est procédé à un vote.",
            true,
            "consentement",
        ),
        (
            "Nous ne décidons jamais au consensus ni au vote, toujours par consentement.",
            true,
            "consentement",
        ),
        (
            "Nous ne modifions jamais ce code par vote.",
            true,
            "consentement",
        ),
        (
            "Le code se modifie par consensus des membres.",
            false,
            "consensus",
        ),
    ] {
        let text = format!(
            "# Code social d'Oxalis\n\n## Raison d'être\n\nAccompagner les habitants.\n\n\
             ## Modalités de modification\n\n{chapter}\n"
        );
        let w = import_lossless(&text, false);
        assert!(
            w["modification.md"].contains(&format!("methode: \"{methode}\"")),
            "{chapter}\n{}",
            w["modification.md"]
        );
        let report = &w["IMPORT.md"];
        let priority = report.split("\n## ").nth(1).unwrap_or_default();
        assert_eq!(
            priority.contains("names several ways to decide"),
            flagged,
            "{chapter}\n{report}"
        );
    }
}

#[test]
fn a_web_page_s_table_without_a_header_stays_a_table() {
    for table in [
        "<figure class=\"wp-block-table\"><table class=\"has-fixed-layout\"><tbody>\n\
         <tr>\n<td>Siège</td>\n<td>Lyon</td>\n</tr>\n<tr>\n<td>Salariés</td>\n<td>Douze</td>\n<td>En 2024</td>\n</tr>\n\
         </tbody></table>\n<figcaption class=\"wp-element-caption\">Chiffres clés de la coopérative.</figcaption></figure>",
        "<TABLE>\n<TR>\n<TD>Siège</TD>\n<TD>Lyon</TD>\n</TR>\n<TR>\n<TD>Salariés</TD>\n<TD>Douze</TD>\n<TD>En 2024</TD>\n</TR>\n</TABLE>",
    ] {
        let html = format!(
            "<h2>Raison d’être</h2><p>Accompagner les habitants.</p><h2>Glossaire</h2>{table}"
        );
        let work = tempfile::tempdir().expect("temp");
        let source = work.path().join("page.html");
        std::fs::write(&source, &html).expect("write");
        let out = import(work.path(), &source, &["--no-git"]);
        assert_lossless(&html, true, &out);
        let glossaire = &files(&out)["annexes/glossaire.md"];
        let plain = table_rows_plain(glossaire);
        assert!(plain.contains("|Siège|Lyon|"), "{glossaire}");
        assert!(plain.contains("|Salariés|Douze|En 2024|"), "{glossaire}");
    }
}

#[test]
fn a_link_to_a_heading_that_became_data_leads_to_the_file_that_holds_it() {
    let text = "# Code social d'Oxalis\n\nVoir [nos enjeux](#enjeux) et [le code](#code-social-doxalis).\n\n\
                ## Raison d'être\n\nAccompagner les habitants.\n\n### Enjeux\n\n- Préserver le moulin.\n- Nourrir le quartier.\n\n\
                ## Glossaire\n\nVoir [les enjeux](#enjeux).\n";
    let w = import_lossless(text, false);
    assert!(
        w["annexes/glossaire.md"].contains("[les enjeux](../raison-d-etre.md)"),
        "{}",
        w["annexes/glossaire.md"]
    );
    let preambule = &w["annexes/preambule.md"];
    assert!(
        preambule.contains("[nos enjeux](../raison-d-etre.md)"),
        "{preambule}"
    );
    assert!(
        preambule.contains("[le code](../raison-d-etre.md)"),
        "{preambule}"
    );
    assert!(
        !w["IMPORT.md"].contains("became text"),
        "{}",
        w["IMPORT.md"]
    );
}

/// A plain-text document (no `#` heading) numbers its chapters on capital lines alone
/// between blank lines, in every usual shape: each is a chapter heading, and the report
/// says it read them so. A capital line inside a paragraph, or not numbered, stays text.
#[test]
fn numbered_capital_lines_of_a_plain_text_are_chapter_headings() {
    for (numbers, shape) in [
        (["1. ", "2. ", "3. "], "digits"),
        (["I. ", "II - ", "III – "], "roman"),
        (["ARTICLE 1 – ", "ARTICLE 2 : ", "CHAPITRE 3 - "], "words"),
    ] {
        let text = format!(
            "Code social de l'Association Les Glaneurs\n\n{}RAISON D'ÊTRE\n\nNous récupérons les invendus des marchés.\nATTENTION AUX DATES DE PÉREMPTION\n\nNOS VALEURS\n\n{}HISTORIQUE\n\n2015 : création de l'association.\n\n{}GOUVERNANCE INTERNE\n\nLe bureau se réunit chaque mois.\n",
            numbers[0], numbers[1], numbers[2]
        );
        // The sentence check reads "I." and "- …" of a line that is no `#` heading as
        // sentences of their own: it runs on the digits, the other shapes are placed alike.
        // Its first line is the document's title, checked as a heading is (the report
        // names it, the name comes from it).
        let w = if shape == "digits" {
            let work = tempfile::tempdir().expect("temp");
            let source = work.path().join("code.txt");
            std::fs::write(&source, &text).expect("write");
            let out = import(work.path(), &source, &["--no-git"]);
            assert_lossless(&format!("# {text}"), false, &out);
            files(&out)
        } else {
            let work = tempfile::tempdir().expect("temp");
            let source = work.path().join("code.txt");
            std::fs::write(&source, &text).expect("write");
            files(&import(work.path(), &source, &["--no-git"]))
        };
        assert!(
            w["raison-d-etre.md"].contains("Nous récupérons les invendus")
                && w["raison-d-etre.md"].contains("ATTENTION AUX DATES")
                && w["raison-d-etre.md"].contains("NOS VALEURS"),
            "{shape}: {w:#?}"
        );
        assert!(w["histoire.md"].contains("2015"), "{shape}: {w:#?}");
        // "Chapitre 3" stays written in the appendix's name.
        assert!(
            w.iter().any(|(p, c)| p.starts_with("annexes/")
                && p.ends_with("gouvernance-interne.md")
                && c.contains("Le bureau se réunit")),
            "{shape}: {w:#?}"
        );
        let report = &w["IMPORT.md"];
        assert!(
            report.contains("numbered capital lines"),
            "{shape}: {report}"
        );
        assert!(!report.contains("No chapter found"), "{shape}: {report}");
    }
    // Without any chapter, the report says why and what to do.
    let w = import_lossless(
        "Nous récupérons les invendus des marchés.\n\nNOS VALEURS\n\nLe partage.\n",
        false,
    );
    assert!(
        w["IMPORT.md"].contains("**No chapter found**"),
        "{}",
        w["IMPORT.md"]
    );
}

/// In a document whose headings are bold paragraphs, a bold label opening a paragraph —
/// even one naming a chapter — is text of its chapter; only a paragraph wholly bold and
/// short is a heading.
#[test]
fn a_bold_label_opening_a_paragraph_is_no_heading() {
    let text = "**Raison d'être**\n\n**Objectifs :** nourrir le quartier\n\n**Histoire** du lieu\n\n\
                **Modèle économique** : la vente\n\n__Financement__ des paysans\n\n**Modèle économique**\n\n\
                La vente.\n\n**Historique**\n\n2015 : création de l'association.\n";
    let w = import_lossless(text, false);
    let raison = &w["raison-d-etre.md"];
    for label in ["Objectifs", "du lieu", ": la vente", "des paysans"] {
        assert!(raison.contains(label), "{label}: {raison}");
    }
    assert!(!w.contains_key("principes/financier/index.md"), "{w:#?}");
    assert!(w["principes/economique/index.md"].contains("La vente."));
    assert!(w["histoire.md"].contains("2015"), "{w:#?}");
}

/// An embedded frame (a video) of a Markdown or HTML chapter is kept as written where
/// its chapter goes, and the report names it as a frame the site does not show — never
/// as a piece of the theme.
#[test]
fn an_embedded_frame_is_kept_and_named_in_the_report() {
    let frame = "<iframe width=\"560\" src=\"https://www.youtube.com/embed/aBc123\" title=\"Notre histoire\"></iframe>";
    let md = format!("# Code social du Val\n\n## Raison d'être\n\nNous vendons.\n\n{frame}\n\n## Historique\n\n- 2014 : ouverture du magasin\n");
    let w = import_lossless(&md, false);
    assert!(w["raison-d-etre.md"].contains(frame), "{w:#?}");
    let report = &w["IMPORT.md"];
    assert!(
        report.contains("`https://www.youtube.com/embed/aBc123`") && report.contains("`<iframe>`"),
        "{report}"
    );
    for page in [
        format!("<html><body><article><h2>Raison d'être</h2><p>Nous vendons.</p>{frame}<h2>Historique</h2><ul><li>2014 : ouverture</li></ul></article></body></html>"),
        format!("<html><body><h2>Raison d'être</h2><p>Nous vendons.</p>{frame}<h2>Historique</h2><ul><li>2014 : ouverture</li></ul></body></html>"),
    ] {
        let work = tempfile::tempdir().expect("temp");
        let source = work.path().join("page.html");
        std::fs::write(&source, &page).expect("write");
        let w = files(&import(work.path(), &source, &["--no-git"]));
        assert!(w["raison-d-etre.md"].contains("src=\"https://www.youtube.com/embed/aBc123\""), "{w:#?}");
        let report = &w["IMPORT.md"];
        assert!(report.contains("`https://www.youtube.com/embed/aBc123`"), "{report}");
        assert!(!report.contains("embedded content (address)"), "{report}");
    }
    // Outside the page's article, a frame is the theme's: left out, and its address listed.
    let page = "<html><body><article><h2>Raison d'être</h2><p>Nous vendons les produits des fermes voisines.</p><h2>Historique</h2><ul><li>2014 : ouverture du magasin</li></ul></article><iframe src=\"https://maps.example.org/val\"></iframe></body></html>";
    let work = tempfile::tempdir().expect("temp");
    let source = work.path().join("page.html");
    std::fs::write(&source, page).expect("write");
    let w = files(&import(work.path(), &source, &["--no-git"]));
    assert!(
        !w["raison-d-etre.md"].contains("maps.example.org"),
        "{w:#?}"
    );
    assert!(
        w["IMPORT.md"].contains("embedded content (address): “https://maps.example.org/val”"),
        "{}",
        w["IMPORT.md"]
    );
}

/// A footnote called in the description of an element of `enjeux`, `objectifs` or
/// `missions` follows it into the description, as a milestone's does: no call is left
/// naming nothing, no definition is left in the text, and the site shows the note.
#[test]
fn a_note_called_in_a_lifted_element_s_description_follows_it() {
    let text = "# Code social du Val\n\n## Raison d'être\n\nNous vendons les produits des fermes.\n\n### Objectifs\n\n\
                - Nourrir le quartier\n\n  Avec des produits de saison[^saison].\n\n- Payer les paysans au juste prix\n\n\
                [^saison]: Du maraîcher d'à côté, toute l'année.\n\n## Historique\n\n- 2014 : ouverture du magasin\n";
    let w = import_lossless(text, false);
    let raison = &w["raison-d-etre.md"];
    let (front, body) = raison[4..].split_once("\n---\n").expect("front matter");
    assert!(
        front.contains("Avec des produits de saison[^saison].\n\n      [^saison]: Du maraîcher d'à côté, toute l'année."),
        "{raison}"
    );
    assert!(!body.contains("[^saison]"), "{raison}");
}

/// The front matter's entries of a fact of the manifest whose value does not read — a
/// date in words, a licence that is no SPDX identifier, a site without address — are
/// named in the report with what the field expects, and copied as written.
#[test]
fn front_matter_facts_that_do_not_read_are_named_with_what_they_expect() {
    let text = "---\nnom: Coopérative du Val\ndate de création: le douze mars deux mille douze\nlicence: libre\n\
                site: notre page Facebook\ncouleur: vert\n---\n# Code social de la Coopérative du Val\n\n\
                ## Historique\n\n- 2014 : ouverture du magasin\n";
    let w = import_lossless(text, false);
    let report = &w["IMPORT.md"];
    for (entry, key) in [
        (
            "date de création: le douze mars deux mille douze",
            "creee_le",
        ),
        ("licence: libre", "licence"),
        ("site: notre page Facebook", "site"),
    ] {
        assert!(
            report.contains(&format!(
                "The document's front matter gives “{entry}”, which was not read: `organisation.{key}` expects"
            )),
            "{report}"
        );
    }
    assert!(report.contains("couleur: vert"), "{report}");
    assert!(!report.contains("gives “couleur"), "{report}");
    assert!(
        !w["codesocial.yaml"].contains("licence"),
        "{}",
        w["codesocial.yaml"]
    );
}

// ---------------------------------------------------------------------------------------
// Issue 20, import16: what a tester importing real organisations' documents found.

/// A plain-text document as organisations type one: the organisation's name on the first
/// line, chapters in numbered capitals, labelled lines, dated lines with a period among
/// them.
const TYPED: &str = "LA FABRIQUE DU VAL\n\nCode social de l'atelier, adopté en assemblée.\n\n\
1. INFORMATIONS GÉNÉRALES\n\nSiège : 12 rue des Lilas, 69001 Lyon\nForme juridique : SCIC SAS\n\
Territoire : la vallée du Rhône\n\nNous sommes une coopérative de réparation.\n\n\
2. RAISON D'ÊTRE\n\nNous réparons les objets du quotidien avec l'ADEME. La Fabrique est ouverte à tout le Val.\n\n\
3. HISTORIQUE\n\n2013 : création de la SCIC.\n2015-2017 : trois ans de travaux.\n\
2018 : ouverture du lieu.\n\n4. MODÈLE ÉCONOMIQUE ET RSE\n\nUne marge de vingt pour cent sur les pièces.\n";

/// The first title line of a plain-text document names the organisation; titles in
/// capitals are written in sentence case, acronyms kept; a labelled line whose value
/// goes into the front matter or the manifest leaves the text (each value once); a
/// period among dated lines is a milestone, and its paragraph becomes milestones.
#[test]
fn a_typed_document_gives_its_name_its_titles_its_facts_once_and_its_periods() {
    let work = tempfile::tempdir().expect("temp");
    let source = work.path().join("code.txt");
    std::fs::write(&source, TYPED).expect("write");
    let out = import(work.path(), &source, &["--no-git"]);
    // The first line, the title, is checked as a heading is: the name is in several files.
    assert_lossless(&format!("# {TYPED}"), false, &out);
    assert_checks_and_builds(work.path(), &out);
    let w = files(&out);
    let manifest = &w["codesocial.yaml"];
    assert!(
        manifest.contains("  nom: \"La Fabrique du Val\"\n"),
        "{manifest}"
    );
    assert!(
        manifest.contains("  forme_juridique: \"SCIC SAS\"\n"),
        "{manifest}"
    );
    let informations = &w["informations.md"];
    assert!(
        informations.contains("titre: \"Informations générales\""),
        "{informations}"
    );
    assert!(
        informations.contains("siege: \"12 rue des Lilas"),
        "{informations}"
    );
    // Each value once: in its field, not also in the text.
    let all: String = w
        .iter()
        .filter(|(p, _)| *p != "IMPORT.md")
        .map(|(_, t)| t.as_str())
        .collect();
    for line in ["Siège :", "Forme juridique :", "Territoire :"] {
        assert!(!all.contains(line), "{line} kept in the text as well");
    }
    assert!(w["raison-d-etre.md"].contains("titre: \"Raison d'être\""));
    let annexe = w
        .iter()
        .find(|(p, _)| p.starts_with("annexes/modele"))
        .map(|(_, t)| t)
        .expect("the unknown chapter is an appendix");
    assert!(
        annexe.contains("titre: \"Modèle économique et RSE\""),
        "{annexe}"
    );
    let histoire = &w["histoire.md"];
    assert!(histoire.contains("titre: \"Historique\""), "{histoire}");
    assert!(
        histoire.contains("  - date: \"2015\"\n    titre: \"2015-2017 : trois ans de travaux.\""),
        "{histoire}"
    );
    assert_eq!(histoire.matches("  - date:").count(), 3, "{histoire}");
}

/// Importing is linear in the headings: a document of many chapters, each with a
/// section, imports (not timed here: `benches/bench.sh` times the import).
#[test]
fn a_document_of_many_headings_imports() {
    let mut text =
        String::from("# Code social de la Ruche\n\n## Raison d'être\n\nNous butinons.\n\n");
    for i in 0..3000 {
        text.push_str(&format!(
            "## Chapitre {i}\n\nTexte {i}. Voir [le début](#chapitre-0).\n\n### Section\n\nSuite {i}.\n\n"
        ));
    }
    let work = tempfile::tempdir().expect("temp");
    let source = work.path().join("code.md");
    std::fs::write(&source, &text).expect("write");
    let out = import(work.path(), &source, &["--no-git"]);
    let annexes = std::fs::read_dir(out.join("annexes"))
        .expect("annexes")
        .count();
    assert_eq!(annexes, 3000);
}

/// A table's caption in a Word file is written once: pandoc's Word reader gives it both as
/// the paragraph it is and as the table's caption.
#[test]
fn a_word_table_caption_is_written_once() {
    if !pandoc_available() {
        return;
    }
    let work = tempfile::tempdir().expect("temp");
    let md = "# Code social de la Coop\n\n## Raison d'être\n\nNous réparons les vélos du quartier.\n\n| Pièce | Prix |\n|---|---|\n| Chambre à air | 5 € |\n\n: Tableau des prix du local\n\n## Historique\n\n2011 : création de la coopérative.\n";
    std::fs::write(work.path().join("code.md"), md).expect("write");
    let converted = std::process::Command::new("pandoc")
        .current_dir(work.path())
        .args(["code.md", "-o", "code.docx"])
        .status()
        .expect("pandoc");
    assert!(converted.success());
    let out = import(work.path(), Path::new("code.docx"), &["--no-git"]);
    let w = files(&out);
    let count: usize = w
        .iter()
        .filter(|(p, _)| *p != "IMPORT.md")
        .map(|(_, t)| t.matches("Tableau des prix du local").count())
        .sum();
    assert_eq!(count, 1, "{w:#?}");
    assert_checks_and_builds(work.path(), &out);
}

/// A frame (`<iframe>`) typed in a Word or OpenDocument file is reported with its address,
/// as in Markdown and HTML, whatever quotes the word processor gave it.
#[test]
fn a_frame_in_a_word_file_is_reported_with_its_address() {
    if !pandoc_available() {
        return;
    }
    let work = tempfile::tempdir().expect("temp");
    let md = "# Code social de la Coop\n\n## Raison d'être\n\nNous réparons les vélos du quartier.\n\n\\<iframe src=\"https://video.example.org/v/1\" width=\"500\"\\>\\</iframe\\>\n\n## Historique\n\n2011 : création de la coopérative.\n";
    std::fs::write(work.path().join("code.md"), md).expect("write");
    for ext in ["docx", "odt"] {
        let converted = std::process::Command::new("pandoc")
            .current_dir(work.path())
            .args(["code.md", "-o", &format!("code.{ext}")])
            .status()
            .expect("pandoc");
        assert!(converted.success());
        let out = import(
            work.path(),
            Path::new(&format!("code.{ext}")),
            &["--no-git"],
        );
        let report = std::fs::read_to_string(out.join("IMPORT.md")).expect("report");
        assert!(
            report.contains("embedded frame") && report.contains("`https://video.example.org/v/1`"),
            "{ext}: {report}"
        );
        std::fs::remove_dir_all(&out).expect("clean");
    }
}

/// Names under "Personnes référentes" written in prose (`Marie Dupont et Jean Martin,
/// co-gérants.`) or in a table (name | rôle | contact) are members, as in a list;
/// placeholders (`[Nom]`, `XXX`, `Prénom Nom`, `à compléter`) never are, and the report
/// flags them first. Labels in bold put end to end on one line (`**Siège** : Lyon
/// **Territoire d'action** : Rhône`, as a word processor's export writes them) are each a
/// value, whatever the apostrophe. The web page gives what the Markdown gives (and so
/// does its Word twin: `word_and_opendocument_files_import_…`).
#[test]
fn referents_in_prose_and_tables_are_members_and_placeholders_are_flagged() {
    for name in ["kinds/referents.md", "kinds/referents.html"] {
        let (_work, w) = import_fixture(name, &["--no-git"]);
        let members: Vec<&str> = w
            .keys()
            .filter(|p| p.starts_with("membres/"))
            .map(String::as_str)
            .collect();
        assert_eq!(
            members,
            [
                "membres/hugo-moreau.md",
                "membres/jean-martin.md",
                "membres/la-cooperative-du-val.md",
                "membres/lea-bernard.md",
                "membres/marie-dupont.md"
            ],
            "{name}"
        );
        let report = &w["IMPORT.md"];
        let flagged = report
            .lines()
            .find(|l| l.contains("Placeholders stand where names should be"))
            .unwrap_or_else(|| panic!("{name}: {report}"));
        for placeholder in ["“\\[Nom\\]”", "“XXX”", "“Prénom Nom”", "“à compléter”"]
        {
            assert!(
                flagged.contains(placeholder),
                "{name}: {placeholder} in {flagged}"
            );
        }
        let informations = &w["informations.md"];
        for field in [
            "siege: \"Lyon\"\n",
            "territoire: \"Rhône\"\n",
            "publics: \"les familles du quartier\"\n",
            "taille: \"douze salariés\"\n",
        ] {
            assert!(informations.contains(field), "{name}: {informations}");
        }
    }
}

/// A long title — a name and a subtitle, a legal form after a comma — keeps every word:
/// the name in the manifest, the rest opening `informations.md`, which the report says.
#[test]
fn a_title_s_subtitle_opens_the_informations() {
    for (title, nom, subtitle) in [
        (
            "Code social de la Coopérative d'Habitants du Val de Saône, société coopérative d'intérêt collectif à capital variable",
            "la Coopérative d'Habitants du Val de Saône",
            "société coopérative d'intérêt collectif à capital variable",
        ),
        (
            "La Coopérative du Val — Épicerie solidaire, lieu de vie et de rencontres du quartier des Pentes",
            "La Coopérative du Val",
            "Épicerie solidaire, lieu de vie et de rencontres du quartier des Pentes",
        ),
    ] {
        let text = format!("# {title}\n\n## Raison d'être\n\nNourrir le quartier.\n");
        let (_work, w) = import_checked("code.md", &text);
        assert!(
            w["codesocial.yaml"].contains(&format!("  nom: \"{nom}\"\n")),
            "{title}: {}",
            w["codesocial.yaml"]
        );
        let informations = &w["informations.md"];
        assert!(
            informations.contains(&format!("\n\n{subtitle}\n")),
            "{title}: {informations}"
        );
        assert!(
            w["IMPORT.md"].contains("The title goes on after the organisation's name"),
            "{title}"
        );
    }
}

/// What a web page lays out keeps its layout: a cell spanning two rows (`rowspan`)
/// leaves the next row's cells in their columns, a line break in a cell stays in the
/// cell (`<br>`), a `<pre>` block is kept verbatim as code; headings without a letter
/// (`1.`, `***`) lose nothing. Every sentence is in one file, and the result checks.
#[test]
fn a_web_page_s_spans_cell_breaks_and_preformatted_text_keep_their_layout() {
    let html = "<!DOCTYPE html>\n<html lang=\"fr\"><head><meta charset=\"utf-8\"><title>Val</title></head><body><article>\n<h1>Code social de la Coopérative du Val</h1>\n<h2>Raison d’être</h2>\n<p>Nourrir le quartier.</p>\n<h2>Modèle économique</h2>\n<table>\n<tr><th>Poste</th><th>Montant</th><th>Remarque</th></tr>\n<tr><td rowspan=\"2\">Achats</td><td>100 €</td><td>Première ligne<br>suite de la cellule</td></tr>\n<tr><td>200 €</td><td>Seconde ligne</td></tr>\n</table>\n<pre>\nRègle de calcul :\n  marge = prix × 0,2\n    arrondi au centime\n</pre>\n<h2>1.</h2>\n<p>Un chapitre sans titre.</p>\n<h2>***</h2>\n<p>Après les étoiles.</p>\n</article></body></html>\n";
    let (_work, w) = import_checked("page.html", html);
    let plan = &w["principes/economique/index.md"];
    let rows: Vec<String> = table_rows_plain(plan)
        .lines()
        .filter(|l| l.starts_with('|'))
        .map(str::to_string)
        .collect();
    assert_eq!(
        rows,
        [
            "|Poste|Montant|Remarque|",
            "|---|---|---|",
            "|Achats|100 €|Première ligne<br>suite de la cellule|",
            "||200 €|Seconde ligne|",
        ],
        "{plan}"
    );
    assert!(
        plan.contains(
            "```\nRègle de calcul :\n  marge = prix × 0,2\n    arrondi au centime\n```\n"
        ),
        "{plan}"
    );
    assert!(
        w.values().any(|t| t.contains("Après les étoiles.")),
        "{:?}",
        w.keys()
    );
}
