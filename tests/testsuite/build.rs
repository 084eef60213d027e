//! `codesocial build`: the example's site, its links, its safety against hostile content,
//! the atomic output, the site's language, overrides and git history (the browser tests
//! are in `site_browser`).

use std::collections::{BTreeMap, BTreeSet};
use std::fs;
use std::path::{Path, PathBuf};
use std::process::Output;

use assert_cmd::Command as Cmd;

use crate::common::{self, copy_dir, git, root, snapshot, EN, FR};

/// Copies a folder (an example or a fixture) so that no git repository surrounds it.
fn copy_of(src: &Path) -> tempfile::TempDir {
    let tmp = tempfile::tempdir().expect("tempdir");
    copy_dir(src, &tmp.path().join("cs"));
    tmp
}

/// The binary with a pinned build date.
fn codesocial(locale: &str) -> Cmd {
    let mut cmd = common::codesocial(locale);
    cmd.env("SOURCE_DATE_EPOCH", "1700000000");
    cmd
}

fn build(dir: &Path, out: &Path) -> Output {
    codesocial(EN)
        .arg("build")
        .arg(dir)
        .arg("--out")
        .arg(out)
        .output()
        .expect("run")
}

/// The example's site, built once per test into a temporary folder.
fn example_site() -> (tempfile::TempDir, PathBuf) {
    let tmp = copy_of(&root().join("examples/cheznous"));
    let out = tmp.path().join("site");
    let o = build(&tmp.path().join("cs"), &out);
    assert!(o.status.success(), "{}", String::from_utf8_lossy(&o.stdout));
    (tmp, out)
}

fn read(path: &Path) -> String {
    fs::read_to_string(path).unwrap_or_else(|e| panic!("{}: {e}", path.display()))
}

fn html_files(out: &Path) -> Vec<PathBuf> {
    let mut files: Vec<PathBuf> = walkdir::WalkDir::new(out)
        .into_iter()
        .map(|e| e.expect("walk").into_path())
        .filter(|p| p.extension().is_some_and(|e| e == "html"))
        .collect();
    files.sort();
    files
}

/// A tag and its attributes, as a browser would read them (names lowercased, entities in
/// values decoded).
struct Tag {
    name: String,
    attrs: Vec<(String, String)>,
}

/// Every start tag of an HTML text (a small tokenizer: enough for generated pages; text
/// between tags is skipped, comments too, and script/style contents are skipped whole).
fn tags(html: &str) -> Vec<Tag> {
    let b = html.as_bytes();
    let mut out = Vec::new();
    let mut i = 0;
    while let Some(off) = html[i..].find('<') {
        i += off + 1;
        if html[i..].starts_with("!--") {
            i = html[i..].find("-->").map_or(b.len(), |e| i + e + 3);
            continue;
        }
        if i >= b.len() || !b[i].is_ascii_alphabetic() {
            continue;
        }
        let start = i;
        while i < b.len() && !b[i].is_ascii_whitespace() && b[i] != b'>' && b[i] != b'/' {
            i += 1;
        }
        let name = html[start..i].to_ascii_lowercase();
        let mut attrs = Vec::new();
        loop {
            while i < b.len() && (b[i].is_ascii_whitespace() || b[i] == b'/') {
                i += 1;
            }
            if i >= b.len() || b[i] == b'>' {
                i += 1;
                break;
            }
            let s = i;
            while i < b.len() && !b[i].is_ascii_whitespace() && !matches!(b[i], b'=' | b'>') {
                i += 1;
            }
            let attr = html[s..i].to_ascii_lowercase();
            let mut value = String::new();
            if i < b.len() && b[i] == b'=' {
                i += 1;
                if i < b.len() && (b[i] == b'"' || b[i] == b'\'') {
                    let q = b[i];
                    let vs = i + 1;
                    i = vs
                        + html[vs..]
                            .bytes()
                            .position(|c| c == q)
                            .unwrap_or(b.len() - vs);
                    value = decode(&html[vs..i.min(b.len())]);
                    i += 1;
                } else {
                    let vs = i;
                    while i < b.len() && !b[i].is_ascii_whitespace() && b[i] != b'>' {
                        i += 1;
                    }
                    value = decode(&html[vs..i]);
                }
            }
            attrs.push((attr, value));
        }
        if name == "script" || name == "style" {
            let close = format!("</{name}");
            i = html[i.min(b.len())..]
                .find(&close)
                .map_or(b.len(), |e| i + e);
        }
        out.push(Tag { name, attrs });
        if i >= b.len() {
            break;
        }
    }
    out
}

/// Text as a reader sees it, for assertions: no-break spaces as spaces.
fn spaced(s: &str) -> String {
    s.replace(['\u{a0}', '\u{202f}'], " ")
}

fn decode(s: &str) -> String {
    s.replace("&#x2F;", "/")
        .replace("&#x27;", "'")
        .replace("&#39;", "'")
        .replace("&quot;", "\"")
        .replace("&lt;", "<")
        .replace("&gt;", ">")
        .replace("&amp;", "&")
}

fn percent_decode(s: &str) -> String {
    let b = s.as_bytes();
    let mut out = Vec::new();
    let mut i = 0;
    while i < b.len() {
        if b[i] == b'%' && i + 2 < b.len() {
            if let Ok(v) = u8::from_str_radix(&s[i + 1..i + 3], 16) {
                out.push(v);
                i += 3;
                continue;
            }
        }
        out.push(b[i]);
        i += 1;
    }
    String::from_utf8_lossy(&out).into_owned()
}

fn ids_of(path: &Path) -> BTreeSet<String> {
    tags(&read(path))
        .into_iter()
        .flat_map(|t| t.attrs)
        .filter(|(n, _)| n == "id")
        .map(|(_, v)| v)
        .collect()
}

/// Every internal link and anchor of the site that does not resolve.
fn broken_links(out: &Path) -> Vec<String> {
    let mut ids: BTreeMap<PathBuf, BTreeSet<String>> = BTreeMap::new();
    let mut broken = Vec::new();
    for file in html_files(out) {
        for tag in tags(&read(&file)) {
            for (name, value) in &tag.attrs {
                if !matches!(name.as_str(), "href" | "src" | "action") || value.is_empty() {
                    continue;
                }
                if value.contains("://") || value.starts_with("mailto:") {
                    continue;
                }
                let (path, anchor) = match value.split_once('#') {
                    Some((p, a)) => (p, Some(percent_decode(a))),
                    None => (value.as_str(), None),
                };
                let path = path.split('?').next().unwrap_or_default();
                let target = if path.is_empty() {
                    file.clone()
                } else if let Some(rooted) = path.strip_prefix('/') {
                    // Only the 404 page writes addresses from the root: the path of the
                    // example's `site.url`, else the host's root.
                    out.join(percent_decode(
                        rooted.strip_prefix("codesocial/").unwrap_or(rooted),
                    ))
                } else {
                    file.parent().expect("parent").join(percent_decode(path))
                };
                let Ok(target) = target.canonicalize() else {
                    broken.push(format!("{}: {value}", file.display()));
                    continue;
                };
                if !target.starts_with(out.canonicalize().expect("out")) || !target.is_file() {
                    broken.push(format!(
                        "{}: {value} (outside or not a file)",
                        file.display()
                    ));
                    continue;
                }
                if let Some(anchor) = anchor.filter(|a| !a.is_empty()) {
                    let known = ids.entry(target.clone()).or_insert_with(|| ids_of(&target));
                    if !known.contains(&anchor) {
                        broken.push(format!("{}: {value} (no anchor)", file.display()));
                    }
                }
            }
        }
    }
    broken
}

#[test]
fn example_site_has_every_page_and_no_broken_link() {
    let (_tmp, out) = example_site();
    for page in [
        "index.html",
        "raison-d-etre/index.html",
        "histoire/index.html",
        "principes/index.html",
        "plans/economique/index.html",
        "principes/transparence/index.html",
        "pyramide/index.html",
        "matrices/festival-2024/index.html",
        "catalogue/index.html",
        "catalogue/menuiserie/index.html",
        "membres/mathieu/index.html",
        "modification/index.html",
        "evolution/index.html",
        "recherche/index.html",
        "404.html",
        "sitemap.xml",
        "atom.xml",
        "codesocial.jsonld",
        "assets/style.css",
        "assets/search-index.js",
        ".codesocial-site",
    ] {
        assert!(out.join(page).is_file(), "missing {page}");
    }
    let broken = broken_links(&out);
    assert!(broken.is_empty(), "broken links:\n{}", broken.join("\n"));
}

#[test]
fn crawler_catches_a_broken_link_and_anchor() {
    let tmp = tempfile::tempdir().expect("tempdir");
    fs::write(tmp.path().join("a.html"), r##"<a href="b.html#nope">b</a><a href="missing.html">m</a><a href="#here">h</a><p id="here"></p>"##).expect("write");
    fs::write(tmp.path().join("b.html"), r#"<h2 id="yes">b</h2>"#).expect("write");
    assert_eq!(broken_links(tmp.path()).len(), 2);
}

#[test]
fn example_site_speaks_its_language_and_links_its_feeds() {
    let (_tmp, out) = example_site();
    let home = read(&out.join("index.html"));
    assert!(
        home.contains(r#"<html lang="fr">"#),
        "langue: fr wins over LANG=en"
    );
    assert!(home.contains("Raison d’être"));
    let sitemap = read(&out.join("sitemap.xml"));
    assert!(sitemap.contains(
        "<loc>https://cheznous.example.org/codesocial/principes/transparence/index.html</loc>"
    ));
    let jsonld: serde_json::Value =
        serde_json::from_str(&read(&out.join("codesocial.jsonld"))).expect("json");
    // The linked-data document of `codesocial export`: one graph, typed nodes.
    let graph = jsonld["@graph"].as_array().expect("a graph");
    let typed = |t: &str| {
        graph
            .iter()
            .filter(|n| {
                n["@type"] == t
                    || n["@type"]
                        .as_array()
                        .is_some_and(|a| a.iter().any(|x| x == t))
            })
            .count()
    };
    assert_eq!(typed("schema:Offer"), 12);
    assert_eq!(typed("schema:OfferCatalog"), 1);
    assert_eq!(typed("schema:OrganizationRole"), 11);
    assert!(typed("vf:EconomicEvent") > 0);
    assert!(graph
        .iter()
        .any(|n| n["@id"] == "https://cheznous.example.org/codesocial/#organisation"));
    let pyramide = read(&out.join("pyramide/index.html"));
    assert!(pyramide.contains(r#"<ol class="pyramid">"#));
    assert!(pyramide.contains(r#"<ul class="shares">"#));
    let matrice = read(&out.join("matrices/festival-2024/index.html"));
    assert!(matrice.contains(r#"<li class="flow w6">"#));
    assert!(read(&out.join("evolution/index.html")).contains("Pas d’historique git"));
}

/// The `<main>` element of a page, for snapshots.
fn main_of(out: &Path, page: &str) -> String {
    let html = read(&out.join(page));
    let start = html.find("<main").expect("main");
    let end = html.find("</main>").expect("/main") + "</main>".len();
    html[start..end].to_string()
}

#[test]
fn snapshots_of_key_pages() {
    let (_tmp, out) = example_site();
    for (name, page) in [
        ("home", "index.html"),
        ("principe", "principes/transparence/index.html"),
        ("pyramide", "pyramide/index.html"),
        ("matrice", "matrices/festival-2024/index.html"),
        ("catalogue", "catalogue/index.html"),
        ("offre", "catalogue/menuiserie/index.html"),
        ("membre", "membres/mathieu/index.html"),
        // Every body of the booklet, its ids and its links placed in the booklet.
        ("livret", "livret/index.html"),
    ] {
        insta::assert_snapshot!(name, main_of(&out, page));
    }
}

#[test]
fn hostile_content_carries_no_script() {
    let tmp = copy_of(&root().join("tests/fixtures/build/hostile"));
    let out = tmp.path().join("site");
    let o = codesocial(FR)
        .arg("build")
        .arg(tmp.path().join("cs"))
        .arg("--out")
        .arg(&out)
        .output()
        .expect("run");
    assert!(o.status.success(), "{}", String::from_utf8_lossy(&o.stdout));
    let mut problems = Vec::new();
    for file in html_files(&out) {
        let html = read(&file);
        // The 404 page's inline stylesheet and its script that finds the site's root are
        // the tool's own.
        let not_found = file.ends_with("404.html");
        for tag in tags(&html) {
            if not_found && matches!(tag.name.as_str(), "script" | "style") && tag.attrs.is_empty()
            {
                continue;
            }
            if matches!(
                tag.name.as_str(),
                "iframe" | "object" | "embed" | "frame" | "base" | "math" | "style"
            ) {
                problems.push(format!("{}: <{}>", file.display(), tag.name));
            }
            if tag.name == "script" {
                let ok = tag.attrs.iter().any(|(n, v)| {
                    (n == "type" && v == "application/ld+json")
                        || (n == "src"
                            && (v.ends_with("assets/site.js")
                                || v.ends_with("assets/search-index.js")
                                || v.ends_with("assets/search.js")))
                });
                if !ok {
                    problems.push(format!("{}: unexpected <script>", file.display()));
                }
            }
            for (name, value) in &tag.attrs {
                let v = value.trim().to_ascii_lowercase();
                if name.starts_with("on") || name == "style" {
                    problems.push(format!("{}: {name}= on <{}>", file.display(), tag.name));
                }
                if ["javascript:", "vbscript:", "data:"]
                    .iter()
                    .any(|s| v.starts_with(s))
                {
                    problems.push(format!("{}: {name}={value}", file.display()));
                }
            }
        }
        for chunk in html.split(r#"<script type="application/ld+json">"#).skip(1) {
            let body = chunk.split("</script>").next().unwrap_or_default();
            assert!(
                !body.contains('<'),
                "{}: `<` inside JSON-LD",
                file.display()
            );
            serde_json::from_str::<serde_json::Value>(body).expect("JSON-LD parses");
        }
    }
    assert!(problems.is_empty(), "{}", problems.join("\n"));
    assert!(!read(&out.join("assets/search-index.js")).contains('<'));
    let raison = read(&out.join("raison-d-etre/index.html"));
    assert!(
        raison.contains("&lt;script&gt;alert("),
        "YAML values are shown escaped"
    );
    assert!(
        raison.contains(r#"<html lang="en">"#),
        "langue: en wins over LANG=fr"
    );
}

#[test]
fn broken_repository_exits_1_and_leaves_previous_output_identical() {
    let tmp = copy_of(&root().join("examples/minimal"));
    let dir = tmp.path().join("cs");
    let out = tmp.path().join("site");
    assert!(build(&dir, &out).status.success());
    let before = snapshot(&out);
    fs::write(
        dir.join("pyramide.yaml"),
        "auteurs: [{ membre: personne }]\n",
    )
    .expect("write");
    let o = build(&dir, &out);
    assert_eq!(o.status.code(), Some(1));
    let stdout = String::from_utf8_lossy(&o.stdout);
    assert!(stdout.contains("personne"), "{stdout}");
    assert!(stdout.contains("not built"), "{stdout}");
    assert_eq!(snapshot(&out), before);
    let names: Vec<String> = fs::read_dir(tmp.path())
        .expect("ls")
        .map(|e| e.expect("entry").file_name().to_string_lossy().into_owned())
        .collect();
    assert_eq!(names.len(), 2, "no temporary folder left: {names:?}");
}

#[test]
fn rebuild_replaces_the_previous_site_whole() {
    let tmp = copy_of(&root().join("examples/minimal"));
    let dir = tmp.path().join("cs");
    let out = tmp.path().join("site");
    assert!(build(&dir, &out).status.success());
    fs::write(out.join("stale.html"), "old").expect("write");
    assert!(build(&dir, &out).status.success());
    assert!(!out.join("stale.html").exists());
    assert!(out.join("index.html").is_file());
}

#[test]
fn foreign_output_folder_is_refused_not_deleted() {
    let tmp = copy_of(&root().join("examples/minimal"));
    let out = tmp.path().join("documents");
    fs::create_dir(&out).expect("mkdir");
    fs::write(out.join("thesis.odt"), "precious").expect("write");
    let o = build(&tmp.path().join("cs"), &out);
    assert_eq!(o.status.code(), Some(2));
    let stderr = String::from_utf8_lossy(&o.stderr);
    assert!(
        stderr.contains("codesocial::usage::not-our-output"),
        "{stderr}"
    );
    assert_eq!(read(&out.join("thesis.odt")), "precious");
    assert_eq!(fs::read_dir(&out).expect("ls").count(), 1);
}

#[test]
fn output_inside_the_content_folder_is_not_loaded() {
    let tmp = copy_of(&root().join("examples/minimal"));
    let dir = tmp.path().join("cs");
    // Copied into the output, this note would be a Markdown file with a broken link.
    fs::create_dir_all(dir.join("static")).expect("mkdir");
    fs::write(dir.join("static/notes.md"), "[gone](nowhere.md)\n").expect("write");
    let out = dir.join("public");
    for _ in 0..2 {
        let o = build(&dir, &out);
        assert!(o.status.success(), "{}", String::from_utf8_lossy(&o.stdout));
    }
    assert!(out.join("notes.md").is_file(), "static files are added");
    fs::remove_dir_all(&out).expect("rm");
    let o = codesocial(EN).arg("build").arg(&dir).output().expect("run");
    assert!(o.status.success());
    assert!(
        dir.join("_site/index.html").is_file(),
        "default output is DIR/_site"
    );
}

#[test]
fn repository_templates_override_the_defaults() {
    let tmp = copy_of(&root().join("examples/minimal"));
    let dir = tmp.path().join("cs");
    fs::create_dir_all(dir.join("templates")).expect("mkdir");
    fs::write(
        dir.join("templates/404.html"),
        "{% extends \"base.html\" %}{% block main %}<h1>Perdu ? {{ site.title }}</h1>{% endblock main %}",
    )
    .expect("write");
    let out = tmp.path().join("site");
    assert!(build(&dir, &out).status.success());
    assert!(spaced(&read(&out.join("404.html"))).contains("<h1>Perdu ? Minimal</h1>"));
    fs::write(dir.join("templates/404.html"), "{% if %}").expect("write");
    let o = build(&dir, &out);
    assert_eq!(o.status.code(), Some(2));
    assert!(String::from_utf8_lossy(&o.stderr).contains("template"));
    assert!(
        spaced(&read(&out.join("404.html"))).contains("Perdu ?"),
        "previous output kept"
    );
}

/// A copy of the minimal example in a new git repository, everything staged.
fn minimal_in_git() -> (tempfile::TempDir, PathBuf) {
    example_in_git("minimal")
}

/// A copy of `examples/<name>` in a new git repository, everything staged, nothing
/// committed.
fn example_in_git(name: &str) -> (tempfile::TempDir, PathBuf) {
    let tmp = copy_of(&root().join("examples").join(name));
    let dir = tmp.path().join("cs");
    git(&dir, &["init", "-q", "-b", "main"]);
    git(&dir, &["config", "user.name", "Alex Test"]);
    git(&dir, &["config", "user.email", "alex@example.org"]);
    git(&dir, &["add", "."]);
    (tmp, dir)
}

#[test]
fn git_history_shows_on_principles_evolution_and_feed() {
    let (tmp, dir) = minimal_in_git();
    git(
        &dir,
        &[
            "commit",
            "-q",
            "-m",
            "Adopt listening\n\nDecision: AG of 12 March",
        ],
    );
    let out = tmp.path().join("site");
    assert!(build(&dir, &out).status.success());
    let principe = read(&out.join("principes/ecoute/index.html"));
    assert!(principe.contains("Adopt listening") && principe.contains("2025-03-12"));
    assert!(principe.contains("Alex Test"));
    let evolution = spaced(&decode(&read(&out.join("evolution/index.html"))));
    assert!(evolution.contains("AG of 12 March"));
    // The diff engine names the document, not the file, and links it.
    assert!(
        evolution.contains("Ajout") && evolution.contains(">Écoute</a>"),
        "{evolution}"
    );
    let feed = read(&out.join("atom.xml"));
    assert!(feed.contains("<title>Adopt listening</title>"));
    assert!(feed.contains("<updated>2025-03-12T10:00:00Z</updated>"));
}

/// A commit message's Markdown reads as the documents' does on the évolution page and a
/// principle's history (emphasis, a link to a page, raw HTML shown as text), and as plain
/// text in the feed's titles; a merge's commits alike.
#[test]
fn commit_messages_are_inline_markdown_on_pages_and_plain_text_in_the_feed() {
    let (tmp, dir) = minimal_in_git();
    let message = "Adopt **listening**, see [the principle](principes/essentiel/ecoute.md) <script>alert(1)</script>";
    git(&dir, &["commit", "-q", "-m", message]);
    git(&dir, &["checkout", "-q", "-b", "typo"]);
    common::replace(
        &dir.join("principes/essentiel/ecoute.md"),
        "\n---\n",
        "\n---\n\nAjout.\n",
    );
    git(
        &dir,
        &["commit", "-qam", "Fix *typo* in [nowhere](nope.md)"],
    );
    git(&dir, &["checkout", "-q", "main"]);
    git(
        &dir,
        &["merge", "-q", "--no-ff", "typo", "-m", "Merge `typo`"],
    );
    let out = tmp.path().join("site");
    let o = build(&dir, &out);
    assert!(o.status.success(), "{}", String::from_utf8_lossy(&o.stderr));
    let shown = "Adopt <strong>listening</strong>, see <a href=\"../principes/ecoute/index.html\">the principle</a> &lt;script&gt;alert(1)&lt;/script&gt;";
    let evolution = read(&out.join("evolution/index.html"));
    assert!(evolution.contains(shown), "{evolution}");
    assert!(
        evolution.contains("Fix <em>typo</em> in nowhere — Alex Test"),
        "{evolution}"
    );
    assert!(evolution.contains("Merge <code>typo</code>"), "{evolution}");
    let principe = read(&out.join("principes/ecoute/index.html"));
    assert!(
        principe.contains(&shown.replace("../principes/ecoute/", "../../principes/ecoute/")),
        "{principe}"
    );
    for page in [&evolution, &principe] {
        assert!(
            !page.contains("<script>alert") && !page.contains("**"),
            "{page}"
        );
    }
    let feed = read(&out.join("atom.xml"));
    assert!(
        feed.contains("<title>Adopt listening, see the principle &lt;script&gt;alert(1)&lt;/script&gt;</title>"),
        "{feed}"
    );
    assert!(feed.contains("<title>Merge typo</title>"), "{feed}");
    assert!(
        !feed.contains("**") && !feed.contains("*typo*") && !feed.contains("<script"),
        "{feed}"
    );
}

#[test]
fn a_commit_adding_hundreds_of_documents_is_counted_on_the_evolution_page() {
    let (tmp, dir) = minimal_in_git();
    git(&dir, &["commit", "-q", "-m", "Start"]);
    // One more than the threshold: 101 new offers and one changed member.
    fs::create_dir_all(dir.join("catalogue")).expect("catalogue folder");
    for i in 0..=codesocial::testing::SUMMARY_THRESHOLD {
        fs::write(
            dir.join(format!("catalogue/offre-{i:03}.md")),
            format!("---\ntitre: Offre {i}\ntype: service\nmembres: [alex]\n---\n\nCorps.\n"),
        )
        .expect("offer written");
    }
    fs::write(
        dir.join("membres/alex.md"),
        "---\nnom: Alex\ntype: personne\n---\n\nFondatrice.\n",
    )
    .expect("member written");
    git(&dir, &["add", "."]);
    git(&dir, &["commit", "-q", "-m", "Import the catalogue"]);
    // A small commit after it is still detailed.
    fs::remove_file(dir.join("catalogue/offre-000.md")).expect("offer removed");
    git(&dir, &["commit", "-qam", "Drop one offer"]);
    let out = tmp.path().join("site");
    let o = build(&dir, &out);
    assert!(o.status.success(), "{}", String::from_utf8_lossy(&o.stderr));
    let evolution = spaced(&decode(&read(&out.join("evolution/index.html"))));
    assert!(
        evolution.contains("+ 101 documents ajoutés (offre : 101)"),
        "{evolution}"
    );
    assert!(
        evolution.contains("~ 1 document modifié (membre : 1)"),
        "{evolution}"
    );
    // Counted, not listed one by one; the next commit is detailed.
    assert!(!evolution.contains("Offre 57"), "{evolution}");
    assert!(
        evolution.contains("Suppression") && evolution.contains("<strong>Offre 0</strong>"),
        "{evolution}"
    );
}

/// A commit of a few documents holding more bytes than the évolution page reads for one
/// commit is counted like an import (issue 14: a pull request of huge texts read again
/// from git, parsed and compared, took the history's thread to gigabytes); one byte under
/// the bound, the same commit is detailed.
#[test]
fn a_commit_of_huge_documents_is_counted_on_the_evolution_page() {
    let bound = usize::try_from(codesocial::testing::SUMMARY_BYTES).expect("bound");
    for (over, size) in [(true, bound / 2 + 4096), (false, bound / 2 - 4096)] {
        let (tmp, dir) = minimal_in_git();
        git(&dir, &["commit", "-q", "-m", "Start"]);
        fs::create_dir_all(dir.join("catalogue")).expect("catalogue folder");
        for i in 0..2 {
            let header = format!("---\ntitre: Offre {i}\ntype: service\nmembres: [alex]\n---\n\n");
            // Long lines: few Markdown elements, whatever the size.
            let line = format!("{}\n", "Un texte très long. ".repeat(50));
            let body = line.repeat((size - header.len()) / line.len());
            fs::write(dir.join(format!("catalogue/offre-{i}.md")), header + &body)
                .expect("offer written");
        }
        git(&dir, &["add", "."]);
        git(&dir, &["commit", "-q", "-m", "Two huge offers"]);
        let out = tmp.path().join("site");
        let o = build(&dir, &out);
        assert!(o.status.success(), "{}", String::from_utf8_lossy(&o.stderr));
        let evolution = spaced(&decode(&read(&out.join("evolution/index.html"))));
        assert_eq!(
            evolution.contains("+ 2 documents ajoutés (offre : 2)"),
            over,
            "over the bound: {over}\n{evolution}"
        );
        assert_eq!(
            evolution.contains("Offre 1"),
            !over,
            "over the bound: {over}\n{evolution}"
        );
    }
}

/// The run-wide byte budget bounds `build` as it bounds `check` (issue 14: a build holds
/// each byte of a text many times over, so a pull request of huge texts must stop at the
/// loader): past a small `CODESOCIAL_MAX_TOTAL_SIZE`, no site is written, and the error
/// names a file left unread and the setting to raise, in French and in English.
#[test]
fn build_stops_at_the_run_wide_byte_budget() {
    let tmp = copy_of(&root().join("examples/cheznous"));
    let dir = tmp.path().join("cs");
    let files: Vec<String> = walkdir::WalkDir::new(&dir)
        .into_iter()
        .filter_map(Result::ok)
        .filter(|e| e.file_type().is_file())
        .filter_map(|e| {
            let rel = e.path().strip_prefix(&dir).ok()?;
            Some(rel.to_string_lossy().replace('\\', "/"))
        })
        .collect();
    for (locale, said) in [
        (
            EN,
            "file not read: the files read already exceed 20000 bytes in all",
        ),
        (
            FR,
            "fichier non lu : les fichiers lus dépassent déjà 20000 octets au total",
        ),
    ] {
        let out = tmp.path().join(format!("site-{locale}"));
        let o = codesocial(locale)
            .env("CODESOCIAL_MAX_TOTAL_SIZE", "20000")
            .arg("build")
            .arg(&dir)
            .arg("--out")
            .arg(&out)
            .output()
            .expect("run");
        let text = format!(
            "{}{}",
            String::from_utf8_lossy(&o.stdout),
            String::from_utf8_lossy(&o.stderr)
        );
        assert_eq!(o.status.code(), Some(1), "{text}");
        assert!(!out.join("index.html").exists(), "{text}");
        assert!(text.contains(said), "{text}");
        assert!(text.contains("CODESOCIAL_MAX_TOTAL_SIZE"), "{text}");
        assert!(
            files.iter().any(|f| text.contains(f.as_str())),
            "no file named: {text}"
        );
    }
}

/// The JSON-LD in a page's head (the first `application/ld+json` script), if any.
fn head_jsonld(html: &str) -> Option<serde_json::Value> {
    let open = r#"<script type="application/ld+json">"#;
    let start = html.find(open)? + open.len();
    let end = start + html[start..].find("</script>")?;
    Some(serde_json::from_str(&html[start..end]).expect("JSON-LD parses"))
}

/// One linked-data mapping (issue 15): the home page, the catalogue, each offer's, member's
/// and matrix's page carry their node of `codesocial.jsonld` — node for node, same `@id`, same
/// context — and every page's `@id` is its folder's URL, as the document's are.
#[test]
fn every_page_head_carries_its_node_of_the_linked_data() {
    use serde_json::Value;
    let (_tmp, out) = example_site();
    let doc: Value = serde_json::from_str(&read(&out.join("codesocial.jsonld"))).expect("json");
    let nodes: BTreeMap<&str, &Value> = doc["@graph"]
        .as_array()
        .expect("@graph")
        .iter()
        .map(|n| (n["@id"].as_str().expect("@id"), n))
        .collect();
    let organisation = nodes
        .keys()
        .find(|id| id.ends_with("#organisation"))
        .expect("the organisation");
    let base = organisation.trim_end_matches("#organisation");
    assert!(base.starts_with("https://"), "{base}");
    let mut carried = BTreeSet::new();
    for file in html_files(&out) {
        let rel = file
            .strip_prefix(&out)
            .expect("in out")
            .to_string_lossy()
            .replace('\\', "/");
        let Some(head) = head_jsonld(&read(&file)).filter(|h| !h.is_null()) else {
            continue;
        };
        let folder = format!("{base}{}", rel.trim_end_matches("index.html"));
        let id = head["@id"]
            .as_str()
            .unwrap_or_else(|| panic!("{rel}: no @id"));
        if head["@type"] == "WebPage" {
            assert_eq!(id, folder, "{rel}");
            assert!(
                !nodes.contains_key(id),
                "{rel}: a WebPage for a node of the document"
            );
            continue;
        }
        let mut node = head.as_object().expect("an object").clone();
        assert_eq!(
            node.remove("@context").as_ref(),
            Some(&doc["@context"]),
            "{rel}"
        );
        assert_eq!(
            Some(&&Value::Object(node)),
            nodes.get(id),
            "{rel}: not its node"
        );
        let expected = if rel == "index.html" {
            organisation.to_string()
        } else {
            folder
        };
        assert_eq!(id, expected, "{rel}");
        carried.insert(rel);
    }
    // Every page the document has a node for carries it.
    let mut pages: BTreeSet<String> = nodes
        .keys()
        .filter_map(|id| id.strip_prefix(base))
        .filter(|path| {
            path.starts_with("membres/")
                || (path.starts_with("matrices/") && !path.contains('#'))
                || (path.starts_with("catalogue/") && *path != "catalogue/ecosysteme/")
        })
        .map(|path| format!("{path}index.html"))
        .collect();
    pages.insert("index.html".into());
    assert_eq!(carried, pages);
    assert!(pages.len() > 12, "{pages:?}");
    // An archived offer is not published as one still offered, in the document and its page.
    let archived = nodes[format!("{base}catalogue/impression-3d/").as_str()];
    assert_eq!(
        archived["schema:availability"]["@id"], "schema:Discontinued",
        "{archived}"
    );
    let offers = nodes.values().filter(|n| {
        n["@type"]
            .as_array()
            .is_some_and(|t| t.contains(&"schema:Offer".into()))
    });
    assert_eq!(
        offers
            .filter(|n| n.get("schema:availability").is_some())
            .count(),
        1
    );
}

#[test]
fn example_site_has_the_bilan_page() {
    let (_tmp, out) = example_site();
    let bilan = read(&out.join("bilan/index.html"));
    assert!(
        bilan.contains("<section class=\"bilan-section\""),
        "{bilan}"
    );
    assert!(
        bilan.contains("<ul class=\"bars\">"),
        "the coverage and flow charts are drawn"
    );
    assert!(
        bilan.contains(">Mathieu Coste</a>") && !bilan.contains(">mathieu<"),
        "names, linked, not ids"
    );
    assert!(
        bilan.contains("Couverture") && bilan.contains("Pyramide"),
        "French, like the site"
    );
    // The sections, in the order `codesocial bilan` prints them (one list, `bilan::Part`).
    let at = |id: &str| {
        bilan
            .find(&format!("aria-labelledby=\"bilan-{id}\""))
            .unwrap_or_else(|| panic!("no section {id}"))
    };
    let order = [
        "coverage",
        "freshness",
        "pyramid",
        "flows",
        "catalogue",
        "evolution",
    ]
    .map(at);
    assert!(order.windows(2).all(|w| w[0] < w[1]), "{order:?}");
    let home = read(&out.join("index.html"));
    assert!(
        home.contains("bilan/index.html"),
        "the bilan is in the navigation"
    );
}

#[test]
fn a_changed_milestone_reads_as_words_on_the_evolution_page_and_in_the_feed() {
    let (tmp, dir) = minimal_in_git();
    let histoire = |description: &str| {
        format!(
            "---\ntitre: Histoire\njalons:\n  - date: 2011\n    titre: Fondation\n    description: \"{description}\"\n---\n\nCorps.\n"
        )
    };
    fs::write(dir.join("histoire.md"), histoire("Un **samedi**.")).expect("histoire");
    git(&dir, &["add", "."]);
    git(&dir, &["commit", "-q", "-m", "Start"]);
    fs::write(
        dir.join("histoire.md"),
        histoire("Un **dimanche** au [lieu](raison-d-etre.md)."),
    )
    .expect("histoire");
    git(&dir, &["commit", "-qam", "Change the milestone"]);
    let out = tmp.path().join("site");
    let o = build(&dir, &out);
    assert!(o.status.success(), "{}", String::from_utf8_lossy(&o.stderr));
    let tags = regex::Regex::new(r"<[^>]*>").expect("regex");
    let page = read(&out.join("evolution/index.html"));
    let evolution = words_of(&decode(&tags.replace_all(&page, "")));
    let feed = words_of(&decode(&read(&out.join("atom.xml"))));
    // The milestone by its date and title, then only its description, which changed.
    for shown in [&evolution, &feed] {
        assert!(
            shown.contains(
                "Jalons · 2011 — Fondation · Description : Un samedi. → Un dimanche au lieu."
            ),
            "{shown}"
        );
        for raw in ["\"date\":", "\"titre\":", "**", "]("] {
            assert!(!shown.contains(raw), "{raw} in {shown}");
        }
    }
    // On the page, only the words that changed are marked.
    assert!(page.contains("<del>samedi.</del>"), "{page}");
    assert!(page.contains("<ins>dimanche au lieu.</ins>"), "{page}");
}

/// Text with its spaces made plain and runs of them collapsed.
fn words_of(s: &str) -> String {
    spaced(s).split_whitespace().collect::<Vec<_>>().join(" ")
}

/// One mission, one milestone, a role's list, a flow's value and its wealth's name, and
/// the manifest's title changed in one commit: the évolution page shows those alone, in
/// words (titles, names, dates written out, labels), each changed text with only its
/// changed words marked — never the rest of a list, an id, an ISO date or a key.
#[test]
fn the_evolution_page_shows_only_what_changed() {
    let (tmp, dir) = example_in_git("cheznous");
    git(&dir, &["commit", "-q", "-m", "Start"]);
    let edit = |path: &str, from: &str, to: &str| common::replace(&dir.join(path), from, to);
    edit(
        "histoire.md",
        "titre: Naissance du collectif bois",
        "titre: Naissance du collectif Bois & Co",
    );
    edit("histoire.md", "date: 2016-01-15", "date: 2016-02-15");
    edit(
        "raison-d-etre.md",
        "titre: Former aux métiers du bois",
        "titre: Former aux métiers du bois massif",
    );
    edit(
        "raison-d-etre.md",
        "objectifs: [essaimer, lieu-ouvert]",
        "objectifs: [essaimer, sobriete]",
    );
    edit(
        "raison-d-etre.md",
        "Le tiers-lieu réunit aujourd'hui un atelier bois",
        "Le tiers-lieu réunit aujourd'hui un grand atelier bois",
    );
    // A paragraph inserted before another is an addition, not an "after" alone.
    edit(
        "raison-d-etre.md",
        "Nous sommes installés depuis 2017",
        "Une phrase toute nouvelle sur le jardin partagé et les poules du voisin.\n\nNous sommes installés depuis 2017",
    );
    edit(
        "matrices/festival-2024.yaml",
        "valeur: 2400",
        "valeur: 2600",
    );
    edit(
        "matrices/festival-2024.yaml",
        "richesse: Achat des légumes pour la restauration",
        "richesse: Achat de légumes pour la restauration",
    );
    edit(
        "pyramide.yaml",
        "  - { membre: sophie, depuis: 2018-03-01 }\n",
        "  - { membre: sophie, depuis: 2018-03-01 }\n  - { membre: lea, depuis: 2022-01-01 }\n",
    );
    edit(
        "codesocial.yaml",
        "titre: \"Le #CodeSocial de ChezNous\"",
        "titre: \"Le #CodeSocial de ChezNous, coopérative\"",
    );
    git(&dir, &["commit", "-qam", "Edits"]);
    let out = tmp.path().join("site");
    let o = build(&dir, &out);
    assert!(o.status.success(), "{}", String::from_utf8_lossy(&o.stderr));
    let page = read(&out.join("evolution/index.html"));
    let newest = &page[..page.find(">Start").expect("the first commit is listed")];
    let tags = regex::Regex::new(r"<[^>]*>").expect("regex");
    let text = words_of(&decode(&tags.replace_all(newest, "")));
    for expected in [
        "Titre du site : Le #CodeSocial de ChezNous → Le #CodeSocial de ChezNous, coopérative",
        "Missions · Former aux métiers du bois massif, au numérique libre et à la gouvernance partagée · Titre : Former aux métiers du bois, au numérique",
        "· Objectifs : Suppression Faire du lieu un espace ouvert, accessible et vivant toute l’année",
        "· Objectifs : Ajout Réduire l’empreinte matérielle et énergétique de nos activités",
        "Jalons · 2015 — Naissance du collectif Bois & Co · Titre : Naissance du collectif bois → Naissance du collectif Bois & Co",
        "Jalons · 15 février 2016 — Passage complet aux logiciels libres · Date : 15 janvier 2016 → 15 février 2016",
        "Contributeurs : Ajout Léa Bernard, depuis le 1er janvier 2022",
        "AjoutUne phrase toute nouvelle sur le jardin partagé et les poules du voisin.",
        "Rémunération du montage de la scène et des buvettes · Valeur : 2 400 € → 2 600 €",
        "ChezNous SAS coopérative → Collectif des jardins · Richesse : Achat des légumes pour la restauration → Achat de légumes pour la restauration",
    ] {
        assert!(text.contains(expected), "`{expected}` missing:\n{text}");
    }
    // Nothing else of the lists: no other mission, milestone or member, no id, no key.
    for absent in [
        "Animer le tiers-lieu",
        "Premiers ateliers partagés",
        "Sophie Leroy",
        "lieu-ouvert",
        "sobriete",
        "site_titre",
        "2016-02-15",
        "2022-01-01",
        "Suppression ChezNous SAS coopérative → Collectif des jardins",
    ] {
        assert!(!text.contains(absent), "`{absent}` shown:\n{text}");
    }
    // Marks on the changed words only.
    for marked in [
        "<ins>bois massif,</ins>",
        "<ins>grand </ins>",
        "<del>des</del>",
        "<ins>Bois &amp; Co</ins>",
    ] {
        assert!(newest.contains(marked), "{marked} not in {newest}");
    }
    assert!(
        !newest.contains("<del>Le #CodeSocial de ChezNous</del>"),
        "{newest}"
    );
}

/// A document whose file is renamed (its id with it) is one rename on the évolution page,
/// as git sees it, with what changed in it — not a removal and an addition — named by its
/// previous title, not its file's path (issue 17).
#[test]
fn a_renamed_document_is_one_rename_on_the_evolution_page() {
    let (tmp, dir) = example_in_git("cheznous");
    git(&dir, &["commit", "-q", "-m", "Start"]);
    git(&dir, &["mv", "annexes/glossaire.md", "annexes/lexique.md"]);
    for entry in walkdir::WalkDir::new(&dir) {
        let entry = entry.expect("walk");
        let path = entry.path();
        if path.extension().is_some_and(|e| e == "md") && !path.starts_with(dir.join(".git")) {
            let text = read(path);
            if text.contains("glossaire.md") {
                fs::write(path, text.replace("glossaire.md", "lexique.md")).expect("edit");
            }
        }
    }
    let lexique = dir.join("annexes/lexique.md");
    let text = read(&lexique);
    fs::write(
        &lexique,
        text.replacen("titre: Glossaire", "titre: Lexique", 1),
    )
    .expect("edit");
    git(&dir, &["add", "-A"]);
    git(&dir, &["commit", "-qm", "Renommer le glossaire"]);
    let out = tmp.path().join("site");
    let o = build(&dir, &out);
    assert!(o.status.success(), "{}", String::from_utf8_lossy(&o.stderr));
    let page = read(&out.join("evolution/index.html"));
    let newest = &page[..page.find(">Start").expect("the first commit is listed")];
    let tags = regex::Regex::new(r"<[^>]*>").expect("regex");
    let text = words_of(&decode(&tags.replace_all(newest, "")));
    assert!(
        text.contains("Renommage Annexe Lexique (anciennement « Glossaire »)"),
        "{text}"
    );
    assert!(text.contains("Titre : Glossaire → Lexique"), "{text}");
    assert!(!text.contains("Suppression Annexe"), "{text}");
    assert!(!text.contains("Ajout Annexe"), "{text}");
}

/// The example in git, then its principle `sobriete-numerique` edited, then renamed
/// `sobriete-numerique-et-energie` with a new title, every list and link that named it
/// following: the copy of the example with a renamed principle the readers reviewed.
fn example_with_a_renamed_principle() -> (tempfile::TempDir, PathBuf) {
    let (tmp, dir) = example_in_git("cheznous");
    git(&dir, &["commit", "-q", "-m", "Start"]);
    let old = dir.join("principes/ecologique/sobriete-numerique.md");
    let text = read(&old);
    fs::write(
        &old,
        format!("{text}\nUne ligne ajoutée avant le renommage.\n"),
    )
    .expect("edit");
    git(&dir, &["commit", "-qam", "Sobriété : une ligne de plus"]);
    git(
        &dir,
        &[
            "mv",
            "principes/ecologique/sobriete-numerique.md",
            "principes/ecologique/sobriete-numerique-et-energie.md",
        ],
    );
    let id = regex::Regex::new(r"sobriete-numerique\b").expect("regex");
    for entry in walkdir::WalkDir::new(&dir) {
        let entry = entry.expect("walk");
        let path = entry.path();
        if path.extension().is_some_and(|e| e == "md") && !path.starts_with(dir.join(".git")) {
            let text = read(path);
            if text.contains("sobriete-numerique") {
                let text = id.replace_all(&text, "sobriete-numerique-et-energie");
                fs::write(path, text.as_ref()).expect("edit");
            }
        }
    }
    common::replace(
        &dir.join("principes/ecologique/sobriete-numerique-et-energie.md"),
        "titre: Sobriété numérique",
        "titre: Sobriété numérique et énergétique",
    );
    git(&dir, &["add", "-A"]);
    git(&dir, &["commit", "-qm", "Renommer la sobriété numérique"]);
    (tmp, dir)
}

/// The old address of a renamed document leads to its page: a small page with a refresh,
/// a canonical link and a visible link, not indexed, left out of the sitemap and the
/// search index; the page's history and `codesocial log` go on past the rename; lists
/// that named it show one rename from its previous title (issue 17).
#[test]
fn a_renamed_document_keeps_its_old_address_and_its_history() {
    let (tmp, dir) = example_with_a_renamed_principle();
    let out = tmp.path().join("site");
    let o = build(&dir, &out);
    assert!(o.status.success(), "{}", String::from_utf8_lossy(&o.stderr));

    let old = read(&out.join("principes/sobriete-numerique/index.html"));
    let target = "../../principes/sobriete-numerique-et-energie/index.html";
    for expected in [
        format!("<meta http-equiv=\"refresh\" content=\"0; url={target}\">"),
        "<meta name=\"robots\" content=\"noindex\">".to_string(),
        // The example's `site.url`: the canonical address is absolute.
        "<link rel=\"canonical\" href=\"https://cheznous.example.org/codesocial/principes/sobriete-numerique-et-energie/index.html\">".to_string(),
        format!("<a href=\"{target}\">Sobriété numérique et énergétique</a>"),
        "Cette page a changé d’adresse\u{a0}:".to_string(),
    ] {
        assert!(old.contains(&expected), "`{expected}` missing:\n{old}");
    }
    let sitemap = read(&out.join("sitemap.xml"));
    assert!(sitemap.contains("principes/sobriete-numerique-et-energie/"));
    assert!(
        !sitemap.contains("principes/sobriete-numerique/"),
        "{sitemap}"
    );
    let index = search_index_text(&out);
    assert!(index.contains("principes/sobriete-numerique-et-energie/"));
    assert!(!index.contains("principes/sobriete-numerique/"), "{index}");

    // The page's history goes on past the rename.
    let page = read(&out.join("principes/sobriete-numerique-et-energie/index.html"));
    let history = &page[page.find("id=\"cs-history\"").expect("a history")..];
    for message in [
        "Renommer la sobriété numérique",
        // (with the no-break space French typography puts before its colon)
        "une ligne de plus",
        "Start",
    ] {
        assert!(history.contains(message), "`{message}` missing:\n{history}");
    }

    // So does `codesocial log`, with the rename as a rename.
    let o = codesocial(EN)
        .arg("-C")
        .arg(&dir)
        .args(["log", "sobriete-numerique-et-energie", "--format", "json"])
        .output()
        .expect("run");
    assert!(o.status.success(), "{}", String::from_utf8_lossy(&o.stderr));
    let log: serde_json::Value = serde_json::from_slice(&o.stdout).expect("json");
    let commits = log["commits"].as_array().expect("commits");
    let summaries: Vec<&str> = commits
        .iter()
        .map(|c| c["summary"].as_str().unwrap_or_default())
        .collect();
    assert_eq!(
        summaries,
        [
            "Renommer la sobriété numérique",
            "Sobriété : une ligne de plus",
            "Start"
        ],
        "{log}"
    );
    assert_eq!(commits[0]["change"]["change"], "moved", "{log}");
    assert_eq!(
        commits[0]["change"]["old_path"], "principes/ecologique/sobriete-numerique.md",
        "{log}"
    );
    assert_eq!(commits[2]["change"]["change"], "added", "{log}");
    let o = codesocial(EN)
        .arg("-C")
        .arg(&dir)
        .args(["log", "sobriete-numerique-et-energie"])
        .output()
        .expect("run");
    let text = String::from_utf8_lossy(&o.stdout);
    assert!(
        text.contains("renamed from principes/ecologique/sobriete-numerique.md"),
        "{text}"
    );

    // The évolution page: one rename in each list that named it, by its previous title;
    // the commit before the rename links the document's page today.
    let evolution = read(&out.join("evolution/index.html"));
    let tags = regex::Regex::new(r"<[^>]*>").expect("regex");
    let text = words_of(&decode(&tags.replace_all(&evolution, "")));
    for expected in [
        "Principes liés : Renommage Sobriété numérique → Sobriété numérique et énergétique",
        "Principes : Renommage Sobriété numérique → Sobriété numérique et énergétique",
        "Renommage Principe Sobriété numérique et énergétique (anciennement « Sobriété numérique »)",
    ] {
        assert!(text.contains(expected), "`{expected}` missing:\n{text}");
    }
    for absent in ["Suppression sobriete-numerique", "Ajout Sobriété numérique"] {
        assert!(!text.contains(absent), "`{absent}` shown:\n{text}");
    }
    let before = &evolution[evolution
        .find("une ligne de plus</a></h2>")
        .expect("listed")..];
    assert!(
        before.contains("<a href=\"../principes/sobriete-numerique-et-energie/index.html\">Sobriété numérique</a>"),
        "{before}"
    );
}

/// A redirection never takes the place of a page: an address a document left and another
/// document took again keeps that document's page (issue 17).
#[test]
fn an_old_address_that_a_page_holds_again_keeps_the_page() {
    let (tmp, dir) = example_in_git("cheznous");
    git(&dir, &["commit", "-q", "-m", "Start"]);
    git(&dir, &["mv", "annexes/glossaire.md", "annexes/lexique.md"]);
    git(&dir, &["commit", "-qm", "Renommer le glossaire"]);
    fs::write(
        dir.join("annexes/glossaire.md"),
        "---\ntitre: Un autre glossaire\n---\n\n## Pyramide inversée\n\nDes mots nouveaux.\n",
    )
    .expect("write");
    git(&dir, &["add", "-A"]);
    git(&dir, &["commit", "-qm", "Un nouveau glossaire"]);
    let out = tmp.path().join("site");
    let o = build(&dir, &out);
    assert!(o.status.success(), "{}", String::from_utf8_lossy(&o.stderr));
    let page = read(&out.join("annexes/glossaire/index.html"));
    assert!(page.contains("Un autre glossaire"), "{page}");
    assert!(!page.contains("http-equiv=\"refresh\""), "{page}");
    assert!(read(&out.join("annexes/lexique/index.html")).contains("Glossaire"));
}

/// Members read in the bilan and on the évolution page as on every list of the site: by
/// name in the language's collation, numbers by value ("Membre 2" before "Membre 10"),
/// accents ignored ("Élodie" among the E), never by id or by bytes (issue 17).
#[test]
fn the_bilan_and_the_evolution_sort_members_as_the_other_pages() {
    let (tmp, dir) = example_in_git("cheznous");
    git(&dir, &["commit", "-q", "-m", "Start"]);
    for (id, nom) in [
        ("membre-10", "Membre 10"),
        ("membre-2", "Membre 2"),
        ("zelodie", "Élodie Zed"),
    ] {
        fs::write(
            dir.join(format!("membres/{id}.md")),
            format!("---\nnom: {nom}\ntype: personne\n---\n\nUn membre.\n"),
        )
        .expect("write");
    }
    git(&dir, &["add", "-A"]);
    git(&dir, &["commit", "-qm", "Trois membres"]);
    let out = tmp.path().join("site");
    let o = build(&dir, &out);
    assert!(o.status.success(), "{}", String::from_utf8_lossy(&o.stderr));
    let order = |page: &str, from: &str| {
        let html = read(&out.join(page));
        let html = &html[html
            .find(from)
            .unwrap_or_else(|| panic!("{from} in {page}"))..];
        let at = |name: &str| {
            html.find(&format!(">{name}</a>"))
                .unwrap_or_else(|| panic!("{name} in {page}:\n{html}"))
        };
        assert!(
            at("Élodie Zed") < at("Membre 2") && at("Membre 2") < at("Membre 10"),
            "{page}:\n{html}"
        );
    };
    order("bilan/index.html", "<main");
    order("evolution/index.html", "Trois membres");
}

/// The example's feed says what the évolution page says, in the site's language: documents
/// and members by name, fields in words, paragraphs without Markdown markers.
#[test]
fn the_example_feed_reads_like_the_evolution_page_in_both_languages() {
    for (lang, expected) in [
        (
            "fr",
            [
                "Modification — Principe « Décision par consentement »",
                "Responsables : + Amadou Diallo",
                "Classe : Qualifiée → Simple",
                "Après : Une proposition est adoptée lorsque aucune des personnes concernées n’y oppose d’objection argumentée. Consentir ne veut pas dire être ravi",
                "Décision : AG du 3 mai",
            ],
        ),
        (
            "en",
            [
                "Changed — Principle “Décision par consentement”",
                "Responsible: + Amadou Diallo",
                "Class: Qualified → Simple",
                "After: Une proposition est adoptée lorsque aucune des personnes concernées n’y oppose d’objection argumentée. Consentir ne veut pas dire être ravi",
                "Decision: AG du 3 mai",
            ],
        ),
    ] {
        let tmp = copy_of(&root().join("examples/cheznous"));
        let dir = tmp.path().join("cs");
        common::replace(&dir.join("codesocial.yaml"), "langue: fr", &format!("langue: {lang}"));
        git(&dir, &["init", "-q", "-b", "main"]);
        git(&dir, &["add", "."]);
        git(&dir, &["commit", "-q", "-m", "Start"]);
        let file = dir.join("principes/social-humain/decision-par-consentement.md");
        common::replace(&file, "[claire]", "[claire, amadou]");
        common::replace(&file, "classe: qualifiee", "classe: simple");
        common::replace(&file, "être enthousiaste", "être **ravi**");
        git(&dir, &["commit", "-qam", "Consent\n\nDecision: AG du 3 mai"]);
        let out = tmp.path().join("site");
        let o = build(&dir, &out);
        assert!(o.status.success(), "{}", String::from_utf8_lossy(&o.stderr));
        let feed = spaced(&decode(&read(&out.join("atom.xml"))));
        let entry = &feed[..feed.find("<title>Start</title>").expect("first commit")];
        for line in expected {
            assert!(entry.contains(line), "{lang}: {line:?} not in {entry}");
        }
        for raw in ["**", "amadou", "qualifiee", "~ principe", "(social-humain)", "paragraphe modifié"] {
            assert!(!entry.contains(raw), "{lang}: {raw:?} in {entry}");
        }
    }
}

/// How many people the pyramid's caption says each band holds, from the point up.
fn caption_counts(page: &str) -> Vec<usize> {
    let start = page.find("id=\"cs-pyramid-caption\">").expect("caption");
    let caption = &page[start..start + page[start..].find("</figcaption>").expect("end")];
    let count = regex::Regex::new(r"\((\d+)[\s\u{a0}](?:membres?|members?)\)").expect("re");
    count
        .captures_iter(caption)
        .map(|c| c[1].parse().expect("number"))
        .collect()
}

/// How many names each drawn band shows, from the point (the last band) up.
fn drawn_counts(page: &str) -> Vec<usize> {
    let drawing = &page[page.find("<ol class=\"pyramid\">").expect("drawing")..];
    let drawing = &drawing[..drawing.find("</ol>").expect("end")];
    let mut counts: Vec<usize> = drawing
        .split("<li class=\"band ")
        .skip(1)
        .map(|band| match band.split_once("<ul class=\"band-names\">") {
            Some((_, names)) => names
                .split("</ul>")
                .next()
                .unwrap_or("")
                .matches("<li>")
                .count(),
            None => 0,
        })
        .collect();
    counts.reverse();
    counts
}

/// The pyramid's caption claims only what the drawing shows: its orientation, and for
/// each band from the point up the number of names drawn in it; on the example and on a
/// fixture with a former holder, an empty role and English words.
#[test]
fn the_pyramid_caption_counts_what_the_drawing_shows() {
    let tmp = copy_of(&root().join("examples/cheznous"));
    let out = tmp.path().join("site");
    assert!(build(&tmp.path().join("cs"), &out).status.success());
    let page = spaced(&read(&out.join("pyramide/index.html")));
    assert_eq!(caption_counts(&page), drawn_counts(&page), "{page}");
    assert_eq!(drawn_counts(&page), [1, 2, 1, 4, 2]);
    assert!(page
        .contains("repose sur sa pointe. De la pointe, en bas, à la bande la plus large, en haut"));
    assert!(page.contains("la part de capital de chaque membre (total 100 %)"));

    let tmp = copy_of(&root().join("examples/minimal"));
    let dir = tmp.path().join("cs");
    common::replace(&dir.join("codesocial.yaml"), "plans:", "langue: en\nplans:");
    fs::write(
        dir.join("pyramide.yaml"),
        "auteurs: [{ membre: alex }]\nediteurs: [{ membre: alex }]\ncontributeurs:\n  - { membre: alex, depuis: 2014-01-01, jusqu_au: 2015-01-01 }\n",
    )
    .expect("pyramide");
    let out = tmp.path().join("site");
    let o = build(&dir, &out);
    assert!(o.status.success(), "{}", String::from_utf8_lossy(&o.stderr));
    let page = spaced(&read(&out.join("pyramide/index.html")));
    assert_eq!(caption_counts(&page), drawn_counts(&page), "{page}");
    assert_eq!(drawn_counts(&page), [1, 0, 1, 0, 0]);
    assert!(page.contains("The pyramid stands on its point."), "{page}");
    assert!(
        !page.contains("share of the capital"),
        "no capital drawn, none claimed: {page}"
    );
}

/// The booklet prints the format's own words ("Classe qualifiée", never a title-cased id)
/// and the pyramid in words: every current holder by name and the capital's shares; its
/// stylesheet breaks pages before chapters only and numbers the table of contents.
#[test]
fn the_booklet_prints_labels_names_and_capital() {
    let tmp = copy_of(&root().join("examples/cheznous"));
    let out = tmp.path().join("site");
    assert!(build(&tmp.path().join("cs"), &out).status.success());
    let page = spaced(&read(&out.join("livret/index.html")));
    assert!(page.contains("Classe qualifiée"), "{page}");
    assert!(!page.contains("Classe Qualifiée"), "{page}");
    for line in [
        "<li>Co-auteurs : Claire Martin, Amadou Diallo</li>",
        "<li>Capital : Mathieu Coste 35 %, Claire Martin 15 %",
    ] {
        assert!(page.contains(line), "{line:?} not in {page}");
    }
    let css = read(&out.join("assets/style.css"));
    assert!(css.contains("content: target-counter(attr(href), page)"));
    assert!(
        !css.contains("break-inside: avoid-page"),
        "a long principle leaves a page empty"
    );
}

/// On paper (issue 17): a catalogue card gives its offer's whole first paragraph (the
/// screen keeps the short one, the search index neither twice), the footer closes the
/// document once without its screen links, the booklet's contents are one column and
/// page numbers are printed on the booklet's pages only.
#[test]
fn print_shows_whole_cards_one_footer_and_a_contained_booklet_toc() {
    let (_tmp, out) = example_site();
    let page = read(&out.join("catalogue/index.html"));
    let whole = "préparation des comptes annuels. Elle peut aussi aider";
    let card = &page[page
        .find("<span class=\"screen-only\">Sophie accompagne")
        .expect("card")..];
    let card = &card[..card.find("</p>").expect("end")];
    assert!(card.contains("préparation des…</span>"), "{card}");
    assert!(
        card.contains("<span class=\"print-only\" data-search-ignore>Sophie accompagne")
            && card.contains(whole),
        "{card}"
    );
    let index: serde_json::Value = serde_json::from_str(&search_index_text(&out)).expect("JSON");
    let catalogue = index["pages"]
        .as_array()
        .expect("pages")
        .iter()
        .find(|p| p["u"] == "catalogue/index.html")
        .expect("the catalogue is indexed");
    let blocks: Vec<&str> = catalogue["b"]
        .as_array()
        .expect("blocks")
        .iter()
        .filter_map(|b| index["blocks"][b.as_u64().expect("id") as usize].as_str())
        .collect();
    assert!(
        blocks.iter().any(|b| b.contains("Sophie accompagne")),
        "{blocks:?}"
    );
    assert!(
        !blocks.iter().any(|b| b.contains("Elle peut aussi aider")),
        "the printed text is not searched twice: {blocks:?}"
    );
    let css = read(&out.join("assets/style.css"));
    let print: String = css.split("@media print").skip(1).collect();
    for rule in [
        ".print-only { display: inline; }",
        ".site-footer .bar > p:last-child { display: none; }",
        "main { min-height: 0; }",
        ".booklet-toc ol ol { columns: auto; }",
        ".booklet { page: booklet; }",
        "@page booklet { @bottom-right",
    ] {
        assert!(print.contains(rule), "{rule} not in the print stylesheet");
    }
    assert!(
        css.contains(".print-only { display: none; }"),
        "hidden on screen"
    );
    assert!(
        !css.contains("@page { @bottom"),
        "a page number on every printed page"
    );
}

/// A catalogue without offers says so in a sentence: no empty grid, no filters, no "0
/// offres affichées".
#[test]
fn an_empty_catalogue_says_so() {
    let tmp = copy_of(&root().join("examples/minimal"));
    let out = tmp.path().join("site");
    let o = build(&tmp.path().join("cs"), &out);
    assert!(o.status.success(), "{}", String::from_utf8_lossy(&o.stdout));
    let page = read(&out.join("catalogue/index.html"));
    assert!(
        page.contains(
            "<p class=\"empty\">Aucune offre n’est encore publiée dans ce catalogue.</p>"
        ),
        "{page}"
    );
    for absent in [
        "cs-offers",
        "cs-filters",
        "offres affichées",
        "offre affichée",
    ] {
        assert!(!page.contains(absent), "{absent}");
    }
}

/// The search index as the browser decodes it: base64, then gzip, then JSON text.
fn search_index_text(out: &Path) -> String {
    let script = read(&out.join("assets/search-index.js"));
    codesocial::testing::decode_search_index(&script).expect("a gzipped, base64 index")
}

#[test]
fn the_search_index_holds_the_content_not_the_page_furniture() {
    let (_tmp, out) = example_site();
    let index = search_index_text(&out);
    // A word of a body is there …
    assert!(index.contains("menuiserie"), "body text is indexed");
    // … the words every page repeats around its content are not (each would make every
    // page a result for "modifier" or "page").
    for furniture in [
        "Modifier cette page",
        "Dernière modification",
        "Précédent",
        "Suivant",
        "offres affichées",
    ] {
        assert!(
            !index.contains(furniture),
            "`{furniture}` is page furniture, not content, yet it is in the search index"
        );
    }
}

/// A share reads "35 %" on a French site and "35%" on an English one, wherever the site
/// writes it (the pyramid's capital, its caption, the booklet); `build .` names its output
/// as a person would, without `./` (issue 17).
#[test]
fn percentages_follow_the_language_and_build_prints_clean_paths() {
    let tmp = copy_of(&root().join("examples/cheznous"));
    let dir = tmp.path().join("cs");
    for (lang, share, wrong) in [("fr", "35\u{a0}%", "35%"), ("en", "35%", "35\u{a0}%")] {
        common::replace(
            &dir.join("codesocial.yaml"),
            "langue: fr",
            &format!("langue: {lang}"),
        );
        let o = codesocial(EN)
            .current_dir(&dir)
            .args(["build", "."])
            .output()
            .expect("run");
        let stdout = String::from_utf8_lossy(&o.stdout);
        assert!(o.status.success(), "{stdout}");
        assert!(
            stdout.contains("`_site`") && !stdout.contains("./"),
            "{stdout}"
        );
        for page in ["pyramide/index.html", "livret/index.html"] {
            let html = read(&dir.join("_site").join(page));
            assert!(html.contains(share), "{lang} {page}: no {share:?}");
            assert!(!html.contains(wrong), "{lang} {page}: {wrong:?}");
        }
        common::replace(
            &dir.join("codesocial.yaml"),
            &format!("langue: {lang}"),
            "langue: fr",
        );
    }
}

/// Words that a line or block break separates on the page stay apart in the search index,
/// wherever the text comes from (the page's own blocks, a card's summary of another
/// page); results' titles are written as the pages write them (’, not ').
#[test]
fn the_search_index_keeps_words_apart_and_titles_typographic() {
    let tmp = copy_of(&root().join("examples/cheznous"));
    let dir = tmp.path().join("cs");
    common::replace(
        &dir.join("membres/julien.md"),
        "Ébéniste, Julien",
        "**Moreau**<br>Donné, <strong>Dupont</strong><br/>Reçu, <em>Lebrun</em><p>Offert</p>\n\nÉbéniste, Julien",
    );
    let out = tmp.path().join("site");
    let o = build(&dir, &out);
    assert!(o.status.success(), "{}", String::from_utf8_lossy(&o.stderr));
    let index: serde_json::Value = serde_json::from_str(&search_index_text(&out)).expect("JSON");
    let blocks: Vec<&str> = index["blocks"]
        .as_array()
        .expect("blocks")
        .iter()
        .filter_map(|b| b.as_str())
        .collect();
    let all = blocks.join("\n");
    for glued in ["MoreauDonné", "DupontReçu", "LebrunOffert"] {
        assert!(!all.contains(glued), "{glued} in the index:\n{all}");
    }
    // The member's page holds them apart; so does its description, made from the same
    // paragraph as plain text.
    assert!(all.contains("Donné, Dupont"), "{all}");
    let page = read(&out.join("membres/julien/index.html"));
    assert!(
        page.contains("<meta name=\"description\" content=\"Moreau Donné, Dupont Reçu, Lebrun"),
        "{page}"
    );
    let titles: Vec<&str> = index["pages"]
        .as_array()
        .expect("pages")
        .iter()
        .filter_map(|p| p["t"].as_str())
        .collect();
    assert!(titles.contains(&"Raison d’être"), "{titles:?}");
    assert!(titles.iter().all(|t| !t.contains('\'')), "{titles:?}");
}

/// A price, a pyramid entry, the capital and a matrix flow, changed in one commit: the
/// évolution page words each as its own page does (names, "65 € par heure"), never as the
/// diff's keys (`contributeurs[membre=sophie]`) or a structure's raw values ("60.0 — EUR").
#[test]
fn the_evolution_page_words_changed_values_as_their_pages_do() {
    let (tmp, dir) = example_in_git("cheznous");
    git(&dir, &["commit", "-q", "-m", "Start"]);
    let edit = |path: &str, from: &str, to: &str| common::replace(&dir.join(path), from, to);
    edit(
        "catalogue/accompagnement-financier.md",
        "montant: 60,",
        "montant: 65,",
    );
    edit(
        "pyramide.yaml",
        "{ membre: sophie, depuis: 2018-03-01 }",
        "{ membre: sophie, depuis: 2018-04-01 }",
    );
    edit(
        "pyramide.yaml",
        "{ membre: mathieu, part: 35 }",
        "{ membre: mathieu, part: 30 }",
    );
    edit(
        "matrices/festival-2024.yaml",
        "valeur: 2400",
        "valeur: 2600",
    );
    git(&dir, &["commit", "-qam", "Prices and shares"]);
    let out = tmp.path().join("site");
    let o = build(&dir, &out);
    assert!(o.status.success(), "{}", String::from_utf8_lossy(&o.stderr));
    let page = read(&out.join("evolution/index.html"));
    let first = &page[..page.find("Start").expect("the first commit is listed")];
    let tags = regex::Regex::new(r"<[^>]*>").expect("regex");
    let text = words_of(&decode(&tags.replace_all(first, " ")));
    for expected in [
        "60 € par heure",
        "65 € par heure",
        "Contributeurs · Sophie Leroy · Depuis : 1er mars 2018 → 1er avril 2018",
        "ChezNous SAS coopérative → Collectif bois",
        "2 400 €",
        "2 600 €",
        "Capital · Mathieu Coste : 35 % → 30 %",
    ] {
        assert!(text.contains(expected), "`{expected}` missing:\n{text}");
    }
    for raw in [
        "[membre=",
        "flux[de=",
        "60.0",
        "— EUR",
        "cheznous-sas",
        " pyramide ",
    ] {
        assert!(
            !text.contains(raw),
            "`{raw}` is the diff's own notation:\n{text}"
        );
    }
}

/// What a reader reads on a page: its text nodes and the labels assistive technology
/// speaks (`aria-label`, `title`, `alt`, `placeholder`), scripts and styles left out,
/// spaces and apostrophes made plain.
fn readable_text(html: &str) -> String {
    let scripts = regex::Regex::new(r"(?s)<(script|style)\b.*?</(script|style)>").expect("re");
    let labels =
        regex::Regex::new(r#"\b(?:aria-label|title|alt|placeholder)="([^"]*)""#).expect("re");
    let tags = regex::Regex::new(r"<[^>]*>").expect("re");
    let html = scripts.replace_all(html, " ");
    let mut text: Vec<String> = labels
        .captures_iter(&html)
        .map(|c| c[1].to_string())
        .collect();
    text.push(tags.replace_all(&html, " ").into_owned());
    plain_words(&decode(&text.join(" ")))
}

fn plain_words(s: &str) -> String {
    spaced(s)
        .replace('’', "'")
        .split_whitespace()
        .collect::<Vec<_>>()
        .join(" ")
        .to_lowercase()
}

/// A site whose manifest says `langue: en` speaks English in every word of its own: no
/// French word of the tool's vocabulary reaches any page, except where the organisation's
/// content (French here) says it too.
#[test]
fn an_english_site_speaks_no_french_of_its_own() {
    let tmp = copy_of(&root().join("examples/cheznous"));
    let dir = tmp.path().join("cs");
    let manifest = read(&dir.join("codesocial.yaml"));
    fs::write(
        dir.join("codesocial.yaml"),
        manifest.replace("langue: fr", "langue: en"),
    )
    .expect("manifest");
    let out = tmp.path().join("site");
    let o = build(&dir, &out);
    assert!(o.status.success(), "{}", String::from_utf8_lossy(&o.stderr));
    let content: String = walkdir::WalkDir::new(&dir)
        .into_iter()
        .filter_map(Result::ok)
        .filter(|e| {
            let name = e.file_name().to_string_lossy();
            name.ends_with(".md") || name.ends_with(".yaml")
        })
        .map(|e| plain_words(&read(e.path())))
        .collect::<Vec<_>>()
        .join("\n");
    let placeholder = regex::Regex::new(r"\{[a-z_]+\}").expect("re");
    let french: Vec<String> = codesocial::testing::site_words()
        .into_iter()
        .filter(|(fr, en)| fr != en)
        .flat_map(|(fr, _)| {
            placeholder
                .split(fr)
                .map(plain_words)
                .map(|f| {
                    f.trim_matches([' ', ':', ';', '.', ',', '(', ')'])
                        .to_string()
                })
                .collect::<Vec<_>>()
        })
        .filter(|f| f.chars().filter(|c| c.is_alphabetic()).count() >= 6)
        .filter(|f| !content.contains(f.as_str()))
        .collect();
    assert!(french.len() > 50, "the vocabulary is read: {french:?}");
    let mut found = Vec::new();
    for page in html_files(&out) {
        let text = readable_text(&read(&page));
        for f in &french {
            if text.contains(f.as_str()) {
                found.push(format!(
                    "{}: “{f}”",
                    page.strip_prefix(&out).unwrap_or(&page).display()
                ));
            }
        }
    }
    found.sort();
    found.dedup();
    assert!(
        found.is_empty(),
        "French on the English site:\n{}",
        found.join("\n")
    );
    // The plans the content does not title get the method's titles in English, and the
    // bilan's own words are English too.
    let legal = readable_text(&read(&out.join("plans/juridique/index.html")));
    assert!(
        legal.contains("legal") && !legal.contains("juridique ·"),
        "{legal}"
    );
    let bilan = readable_text(&read(&out.join("bilan/index.html")));
    assert!(bilan.contains("per plan and status"), "{bilan}");
    assert!(!bilan.contains("statut"), "{bilan}");
}

/// A change of a link's target only (in a body and in a milestone's Markdown description)
/// reads the same as text: `diff` then shows both sides as written, so the reviewer sees
/// the old and new targets instead of two identical sentences; the évolution page shows
/// both sides rendered, each link leading where it led, and no Markdown marker (issue 17).
#[test]
fn a_changed_link_target_shows_in_diff_and_on_the_evolution_page() {
    let (tmp, dir) = example_in_git("cheznous");
    let edit = |from: &str, to: &str| common::replace(&dir.join("histoire.md"), from, to);
    edit(
        "L'idée d'un lieu commun naît de ces matinées.",
        "L'idée d'un lieu commun naît de ces [matinées](annexes/glossaire.md).",
    );
    git(&dir, &["commit", "-qam", "Start"]);
    edit(
        "[matinées](annexes/glossaire.md)",
        "[matinées](informations.md)",
    );
    edit(
        "[Mathieu](membres/mathieu.md)",
        "[Mathieu](membres/claire.md)",
    );
    git(&dir, &["commit", "-qam", "Retarget two links"]);

    let o = codesocial(EN)
        .arg("-C")
        .arg(&dir)
        .args(["diff", "HEAD~1", "HEAD"])
        .output()
        .expect("run");
    let text = String::from_utf8_lossy(&o.stdout);
    for target in [
        "annexes/glossaire.md",
        "informations.md",
        "membres/mathieu.md",
        "membres/claire.md",
    ] {
        assert!(
            text.contains(target),
            "`{target}` missing from diff:\n{text}"
        );
    }

    let out = tmp.path().join("site");
    let o = build(&dir, &out);
    assert!(o.status.success(), "{}", String::from_utf8_lossy(&o.stderr));
    let page = read(&out.join("evolution/index.html"));
    let newest = decode(&page[..page.find("Start").expect("the first commit is listed")]);
    for target in [
        "href=\"../annexes/glossaire/index.html\">matinées</a>",
        "href=\"../informations/index.html\">matinées</a>",
        "href=\"../membres/mathieu/index.html\">Mathieu</a>",
        "href=\"../membres/claire/index.html\">Mathieu</a>",
    ] {
        assert!(
            newest.contains(target),
            "`{target}` missing from the évolution page:\n{newest}"
        );
    }
    let main = &newest[newest.find("<main").expect("main")..];
    for raw in ["](", "**", ".md"] {
        assert!(!main.contains(raw), "`{raw}` shown:\n{main}");
    }
}

/// An index shows many documents: it says no "last updated" day (the newest commit of the
/// repository is not the day of what it lists), while a document's page says its own.
#[test]
fn only_pages_of_one_document_or_of_the_whole_say_when_they_changed() {
    let (tmp, dir) = example_in_git("cheznous");
    git(&dir, &["commit", "-q", "-m", "Start"]);
    let out = tmp.path().join("site");
    let o = build(&dir, &out);
    assert!(o.status.success(), "{}", String::from_utf8_lossy(&o.stderr));
    let says = |page: &str| read(&out.join(page)).contains("Dernière modification");
    for index in [
        "membres/index.html",
        "catalogue/index.html",
        "matrices/index.html",
        "principes/index.html",
        "plans/juridique/index.html",
    ] {
        assert!(
            !says(index),
            "{index} names a day none of its documents says"
        );
    }
    for page in ["index.html", "membres/mathieu/index.html"] {
        assert!(says(page), "{page} says when it changed");
    }
}

/// One unit however it is written is added up once (`€`, `EUR`, `euros`), in a matrix's
/// totals and in the bilan; a word unit written two ways (`heure`, `heures`) is a warning
/// that names the spelling to keep; a flow of 0 still shows in its member's totals; French
/// units take their irregular plurals; a matrix's number of flows is worded as a count
/// (issue 17, round 11).
#[test]
fn one_unit_written_many_ways_is_counted_once() {
    let tmp = copy_of(&root().join("examples/cheznous"));
    let cs = tmp.path().join("cs");
    let flow = |richesse: &str, nature: &str, valeur: &str, unite: &str| {
        format!("  - {{ de: lea, vers: julien, richesse: {richesse}, nature: {nature}, mesure: quantitative, valeur: {valeur}, unite: \"{unite}\" }}\n")
    };
    let mut yaml = String::from("titre: Unités\nflux:\n");
    for (richesse, nature, valeur, unite) in [
        ("Outils", "materielle", "2", "€"),
        ("Bois", "materielle", "3", "EUR"),
        ("Clous", "materielle", "4", "euros"),
        ("Aide", "immaterielle", "1", "Heure"),
        ("Conseil", "immaterielle", "5", "heure"),
        ("Accueil", "immaterielle", "1", "heures"),
        ("Chantier", "immaterielle", "2", "travail"),
        ("Réparation", "immaterielle", "1", "travaux"),
        ("Rien", "immaterielle", "0", "jour"),
    ] {
        yaml.push_str(&flow(richesse, nature, valeur, unite));
    }
    fs::write(cs.join("matrices/unites.yaml"), yaml).expect("write");
    let check = codesocial(EN)
        .args(["check", "--format", "json"])
        .arg(&cs)
        .output()
        .expect("run");
    let v: serde_json::Value = serde_json::from_slice(&check.stdout).expect("json");
    let variants: Vec<&serde_json::Value> = v["diagnostics"]
        .as_array()
        .expect("diagnostics")
        .iter()
        .filter(|d| d["code"] == "codesocial::rule::unit-variants")
        .collect();
    assert_eq!(variants.len(), 1, "{v:#}");
    assert_eq!(variants[0]["file"], "matrices/unites.yaml");
    assert_eq!(variants[0]["line"], 6, "{v:#}");
    assert!(
        variants[0]["help"]
            .as_str()
            .is_some_and(|h| h.contains("`heure`")),
        "{v:#}"
    );
    let out = tmp.path().join("site");
    let o = build(&cs, &out);
    assert!(o.status.success(), "{}", String::from_utf8_lossy(&o.stdout));
    let page = spaced(&read(&out.join("matrices/unites/index.html")));
    assert!(page.contains("9 €"), "one total in euros:\n{page}");
    assert!(page.contains("3 travaux"), "{page}");
    assert!(
        page.contains("1 heure</strong>"),
        "a usual unit in the plural takes the amount's number:\n{page}"
    );
    assert!(!page.contains("1 heures"), "{page}");
    assert!(
        page.contains("0 jour"),
        "a flow of 0 shows in its member's totals:\n{page}"
    );
    let index = spaced(&read(&out.join("matrices/index.html")));
    assert!(index.contains("9 flux"), "{index}");
    assert!(!index.contains("Flux</span>"), "{index}");
    let bilan = read(&out.join("bilan/index.html"));
    assert!(
        !bilan.contains("euros"),
        "the bilan shows one currency chart"
    );
}

/// `check --format json` on `dir`, which must pass with warnings only: the file and the
/// message of each `codesocial::layout::static-override` warning.
fn static_override_warnings(dir: &Path) -> Vec<(String, String)> {
    let out = codesocial(EN)
        .arg("check")
        .arg(dir)
        .args(["--format", "json"])
        .output()
        .expect("run");
    assert_eq!(out.status.code(), Some(0), "warnings only");
    let json: serde_json::Value = serde_json::from_slice(&out.stdout).expect("json");
    json.as_array()
        .or_else(|| json["diagnostics"].as_array())
        .expect("diagnostics")
        .iter()
        .filter(|d| d["code"] == "codesocial::layout::static-override")
        .map(|d| {
            (
                d["file"].as_str().unwrap_or_default().to_string(),
                d["message"].as_str().unwrap_or_default().to_string(),
            )
        })
        .collect()
}

/// Issue 14 (sec15, item 2): a file of `static/` at the place of a generated page (the
/// home page, a principle's page) or file (the feed) replaces it silently: `check` and
/// `build` warn, naming the file, the generated file and the document it comes from, in
/// both languages; a file elsewhere in `static/` (and `static/favicon.svg`, which replaces
/// the icon on purpose) is no warning.
#[test]
fn a_static_file_replacing_a_generated_page_is_warned_about() {
    let tmp = copy_of(&root().join("examples/cheznous"));
    let dir = tmp.path().join("cs");
    let principle = "principes/ecologique/sobriete-numerique.md";
    assert!(dir.join(principle).is_file(), "{principle}");
    for (path, text) in [
        ("static/index.html", "<p>autre accueil</p>"),
        (
            "static/principes/sobriete-numerique/index.html",
            "<p>faux principe</p>",
        ),
        ("static/atom.xml", "<feed/>"),
        ("static/favicon.svg", "<svg/>"),
        ("static/assets/logo.svg", "<svg/>"),
    ] {
        fs::create_dir_all(dir.join(path).parent().expect("parent")).expect("mkdir");
        fs::write(dir.join(path), text).expect("write");
    }
    let found = static_override_warnings(&dir);
    let files: Vec<&str> = found.iter().map(|(f, _)| f.as_str()).collect();
    assert_eq!(
        files,
        vec![
            "static/atom.xml",
            "static/index.html",
            "static/principes/sobriete-numerique/index.html"
        ],
        "{found:?}"
    );
    let message = |file: &str| &found.iter().find(|(f, _)| f == file).expect(file).1;
    assert!(
        message("static/principes/sobriete-numerique/index.html").contains(&format!(
            "`principes/sobriete-numerique/index.html` (the page of `{principle}`)"
        )),
        "{found:?}"
    );
    assert!(
        message("static/index.html").contains("`index.html` (the page of `codesocial.yaml`)"),
        "{found:?}"
    );
    // `build` warns too, in French as in English, and still builds (the file wins).
    let site = tmp.path().join("site");
    let built = codesocial(FR)
        .arg("build")
        .arg(&dir)
        .arg("--out")
        .arg(&site)
        .output()
        .expect("run");
    assert!(built.status.success());
    let said = String::from_utf8_lossy(&built.stdout);
    assert!(
        said.contains("codesocial::layout::static-override"),
        "{said}"
    );
    assert!(
        said.contains(
            "static/principes/sobriete-numerique/index.html: ce fichier de `static/` remplace"
        ),
        "{said}"
    );
    assert!(
        said.contains("`index.html` (la page de `codesocial.yaml`)"),
        "{said}"
    );
    assert_eq!(
        fs::read_to_string(site.join("index.html")).expect("read"),
        "<p>autre accueil</p>"
    );
}

/// The home page's "in short" writes each number with a word that agrees with it, in
/// either language ("1 principe", "0 offre" in French; "1 principle", "0 offers" in
/// English), never a page title after a number ("1 Offres", "1 Matrices de richesses").
#[test]
fn the_home_counts_agree_with_their_numbers_in_both_languages() {
    let numbers = |html: &str| -> Vec<String> {
        let start = html.find(r#"<ul class="numbers">"#).expect("numbers");
        let end = start + html[start..].find("</ul>").expect("/ul");
        let item = regex::Regex::new(r"<strong>(\d+)</strong> ([^<]+)</a>").expect("re");
        item.captures_iter(&html[start..end])
            .map(|c| format!("{} {}", &c[1], &c[2]))
            .collect()
    };
    for (langue, expected) in [
        (
            "fr",
            [
                "1 principe en vigueur",
                "1 membre",
                "0 offre active",
                "0 matrice de richesses",
            ],
        ),
        (
            "en",
            [
                "1 principle in force",
                "1 member",
                "0 active offers",
                "0 wealth matrices",
            ],
        ),
    ] {
        let tmp = copy_of(&root().join("examples/minimal"));
        let dir = tmp.path().join("cs");
        let manifest = read(&dir.join("codesocial.yaml"));
        fs::write(
            dir.join("codesocial.yaml"),
            format!("{manifest}langue: {langue}\n"),
        )
        .expect("manifest");
        let out = tmp.path().join("site");
        let o = build(&dir, &out);
        assert!(o.status.success(), "{}", String::from_utf8_lossy(&o.stderr));
        assert_eq!(
            numbers(&read(&out.join("index.html"))),
            expected,
            "{langue}"
        );
    }
}

/// The sitemaps protocol wants every `<loc>` absolute: without `site.url` (nor
/// `--base-url`) the site has no sitemap, rather than one of relative addresses; with
/// one, every `<loc>` starts with it.
#[test]
fn a_sitemap_only_with_an_address_and_every_loc_absolute() {
    let tmp = copy_of(&root().join("examples/minimal"));
    let dir = tmp.path().join("cs");
    let out = tmp.path().join("site");
    let o = build(&dir, &out);
    assert!(o.status.success(), "{}", String::from_utf8_lossy(&o.stderr));
    assert!(out.join("index.html").is_file());
    assert!(
        !out.join("sitemap.xml").exists(),
        "a sitemap without site.url"
    );
    assert!(!out.join("robots.txt").exists());
    let o = codesocial(EN)
        .arg("build")
        .arg(&dir)
        .args(["--base-url", "https://example.org/cs/"])
        .arg("--out")
        .arg(&out)
        .output()
        .expect("run");
    assert!(o.status.success(), "{}", String::from_utf8_lossy(&o.stderr));
    let sitemap = read(&out.join("sitemap.xml"));
    let locs: Vec<&str> = sitemap
        .split("<loc>")
        .skip(1)
        .filter_map(|l| l.split("</loc>").next())
        .collect();
    assert!(locs.len() > 5, "{sitemap}");
    for loc in locs {
        assert!(loc.starts_with("https://example.org/cs/"), "{loc}");
    }
}

/// Issue 14 (sec16, item 2): a file of `static/` whose path differs from a generated one
/// only by case (`static/Index.html`, `static/PRINCIPES/…`) or by Unicode normalisation is
/// the same file on macOS and Windows (and in a site archive unpacked there): `check`
/// warns, naming both paths, in both languages.
#[test]
fn a_static_file_colliding_with_a_generated_page_by_case_is_warned_about() {
    let tmp = copy_of(&root().join("examples/cheznous"));
    let dir = tmp.path().join("cs");
    for (path, text) in [
        ("static/Index.html", "<p>autre accueil</p>"),
        (
            "static/PRINCIPES/Sobriete-Numerique/INDEX.HTML",
            "<p>faux principe</p>",
        ),
        ("static/Atom.xml", "<feed/>"),
        ("static/indexe.html", "<p>rien</p>"),
    ] {
        fs::create_dir_all(dir.join(path).parent().expect("parent")).expect("mkdir");
        fs::write(dir.join(path), text).expect("write");
    }
    let found = static_override_warnings(&dir);
    let files: Vec<&str> = found.iter().map(|(f, _)| f.as_str()).collect();
    assert_eq!(
        files,
        vec![
            "static/Atom.xml",
            "static/Index.html",
            "static/PRINCIPES/Sobriete-Numerique/INDEX.HTML",
        ],
        "{found:?}"
    );
    let message = |file: &str| &found.iter().find(|(f, _)| f == file).expect(file).1;
    let principle = message("static/PRINCIPES/Sobriete-Numerique/INDEX.HTML");
    assert!(
        principle.contains("`static/PRINCIPES/Sobriete-Numerique/INDEX.HTML`")
            && principle.contains("`principes/sobriete-numerique/index.html`")
            && principle.contains("differ only by case or Unicode normalisation"),
        "{principle}"
    );
    let fr = codesocial(FR).arg("check").arg(&dir).output().expect("run");
    let said = String::from_utf8_lossy(&fr.stdout);
    assert!(
        said.contains("ne diffèrent que par la casse ou la normalisation Unicode"),
        "{said}"
    );
}

/// Issue 14 (sec17, item 1): a submodule checked out in `static/` (its `.git` file names
/// a folder of the building machine) or a repository cloned there (a `.git` folder, in
/// any case): `build` publishes their files but never a `.git`, and never reads one as a
/// template; `check` and `build` warn about each such folder
/// (`codesocial::layout::nested-repository`).
#[test]
fn a_submodule_in_static_is_published_without_its_git_files_and_warned_about() {
    let tmp = copy_of(&root().join("examples/cheznous"));
    let dir = tmp.path().join("cs");
    for (path, text) in [
        ("static/theme/.git", "gitdir: ../../.git/modules/theme\n"),
        ("static/theme/style.css", "body {}"),
        ("static/clone/.git/config", "[core]\n"),
        ("static/clone/.git/HEAD", "ref: refs/heads/main\n"),
        ("static/clone/a.txt", "a"),
        ("static/upper/.GIT", "gitdir: /home/ci/secret\n"),
        (
            "templates/vendor/.git",
            "gitdir: ../../.git/modules/vendor\n",
        ),
    ] {
        fs::create_dir_all(dir.join(path).parent().expect("parent")).expect("mkdir");
        fs::write(dir.join(path), text).expect("write");
    }
    // A `.git` folder holding what no template could be read as.
    fs::write(dir.join("static/clone/.git/index"), [0xff, 0xfe, 0x00]).expect("write");
    fs::create_dir_all(dir.join("templates/cloned/.git")).expect("mkdir");
    fs::write(dir.join("templates/cloned/.git/index"), [0xff, 0xfe, 0x00]).expect("write");

    let site = tmp.path().join("site");
    let built = build(&dir, &site);
    let said = String::from_utf8_lossy(&built.stdout).to_string()
        + &String::from_utf8_lossy(&built.stderr);
    assert!(built.status.success(), "{said}");
    assert_eq!(
        fs::read_to_string(site.join("theme/style.css")).expect("css"),
        "body {}"
    );
    assert_eq!(
        fs::read_to_string(site.join("clone/a.txt")).expect("txt"),
        "a"
    );
    let gits: Vec<_> = walkdir::WalkDir::new(&site)
        .into_iter()
        .flatten()
        .filter(|e| e.file_name().eq_ignore_ascii_case(".git"))
        .map(|e| e.path().to_path_buf())
        .collect();
    assert!(gits.is_empty(), "{gits:?}");
    for folder in [
        "static/clone",
        "static/theme",
        "static/upper",
        "templates/cloned",
        "templates/vendor",
    ] {
        assert!(
            said.contains(&format!(
                "{folder}: this folder of the site is a git repository"
            )),
            "{folder}: {said}"
        );
    }
    let out = codesocial(EN)
        .arg("check")
        .arg(&dir)
        .args(["--format", "json"])
        .output()
        .expect("run");
    let json: serde_json::Value = serde_json::from_slice(&out.stdout).expect("json");
    let mut warned: Vec<&str> = json["diagnostics"]
        .as_array()
        .expect("diagnostics")
        .iter()
        .filter(|d| d["code"] == "codesocial::layout::nested-repository")
        .filter_map(|d| d["file"].as_str())
        .collect();
    warned.sort_unstable();
    assert_eq!(
        warned,
        [
            "static/clone",
            "static/theme",
            "static/upper",
            "templates/cloned",
            "templates/vendor"
        ]
    );
}

/// Issue 17 (after the reader site19): the pyramid stands on its point whoever holds the
/// roles — each band at least as wide as the one below it, the authors' the narrowest —
/// on a fresh `init` (one author, no contributor: it stood on its wide base, against its
/// own caption) and on the example.
#[test]
fn the_pyramid_stands_on_its_point_whoever_holds_the_roles() {
    let tmp = tempfile::tempdir().expect("tempdir");
    let fresh = tmp.path().join("fresh");
    let out = Cmd::new(common::BIN)
        .env("LANG", FR)
        .args(["init", "--nom", "Coop Test", "--no-git"])
        .arg(&fresh)
        .output()
        .expect("init");
    assert!(
        out.status.success(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    for dir in [fresh, root().join("examples/cheznous")] {
        let site = tmp.path().join(format!(
            "site-{}",
            dir.file_name().and_then(|n| n.to_str()).unwrap_or("x")
        ));
        let out = Cmd::new(common::BIN)
            .env("LANG", FR)
            .arg("build")
            .arg(&dir)
            .arg("--out")
            .arg(&site)
            .output()
            .expect("build");
        assert!(
            out.status.success(),
            "{}",
            String::from_utf8_lossy(&out.stderr)
        );
        let html = fs::read_to_string(site.join("pyramide/index.html")).expect("page");
        // The bands from the top down: `class="band <key> w-<width>"`.
        let widths: Vec<u32> = html
            .split("class=\"band ")
            .skip(1)
            .filter_map(|rest| rest.split('"').next())
            .filter_map(|class| class.rsplit(" w-").next()?.parse().ok())
            .collect();
        assert_eq!(widths.len(), 5, "{}: {widths:?}", dir.display());
        assert!(
            widths.windows(2).all(|w| w[0] >= w[1]) && widths[0] > widths[4],
            "{}: {widths:?}",
            dir.display()
        );
    }
}
