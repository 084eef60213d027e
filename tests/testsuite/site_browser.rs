//! The built site in a real browser: headless Chromium driven by `tests/browser/site.mjs`
//! (playwright-core, axe-core; `npm ci` in `tests/browser/`). Search from `file://` and
//! from a sub-path, the catalogue's filter, the 404 page at any depth (with and without
//! JavaScript), the menu without JavaScript, the header held sideways, every kind of page
//! at 390 px and 1280 px in light and dark (no sideways scroll, readable drawings, no
//! serious or critical axe violation), the menu button, payloads of a hostile site that
//! must never run. Screenshots go to `target/screenshots/` for review. Without node,
//! Chromium or the npm packages the tests fail under `CI` and say why otherwise.

use std::fs;
use std::path::{Path, PathBuf};
use std::process::Command;
use std::sync::LazyLock;

use crate::common::{chromium_available, codesocial, copy_dir, git, root, tool, CHROMIUM, FR};

/// The harness's folder, when node, Chromium and its packages are all there (see
/// [`tool`]: under `CI` their absence fails the test).
fn harness() -> Option<PathBuf> {
    let dir = root().join("tests/browser");
    let packages = format!(
        "require.resolve('playwright-core', {{ paths: [{:?}] }})",
        dir.display().to_string()
    );
    let ready = tool("node", &["--version"], "apt-get install -y nodejs")
        && chromium_available()
        && tool("node", &["-e", &packages], "npm ci in tests/browser");
    ready.then_some(dir)
}

fn build(dir: &Path, out: &Path) {
    let o = codesocial(FR)
        .arg("build")
        .arg(dir)
        .arg("--out")
        .arg(out)
        .output()
        .expect("run");
    assert!(o.status.success(), "{}", String::from_utf8_lossy(&o.stdout));
}

/// The example in a git repository of two commits, so that the évolution page, "last
/// updated" and the bilan's freshness have something to show.
fn example_in_git(tmp: &Path) -> PathBuf {
    let dir = tmp.join("cheznous");
    copy_dir(&root().join("examples/cheznous"), &dir);
    git(&dir, &["init", "-q", "-b", "main"]);
    git(&dir, &["config", "user.name", "Claire Martin"]);
    git(&dir, &["config", "user.email", "claire@example.org"]);
    git(&dir, &["add", "."]);
    git(
        &dir,
        &["commit", "-q", "-m", "Première version du #CodeSocial"],
    );
    let principle = dir.join("principes/social-humain/decision-par-consentement.md");
    let text = fs::read_to_string(&principle).expect("principle");
    fs::write(
        &principle,
        text.replacen("consentement", "consentement éclairé", 1),
    )
    .expect("principle written");
    git(
        &dir,
        &[
            "commit",
            "-qam",
            "Préciser le consentement\n\nDecision: AG du 2025-03-12",
        ],
    );
    dir
}

/// Every kind of page, by the address of one of them.
const PAGES: &[(&str, &str)] = &[
    ("accueil", "index.html"),
    ("raison", "raison-d-etre/index.html"),
    ("histoire", "histoire/index.html"),
    ("informations", "informations/index.html"),
    ("annexe", "annexes/glossaire/index.html"),
    ("principes", "principes/index.html"),
    ("plan", "plans/economique/index.html"),
    ("principe", "principes/decision-par-consentement/index.html"),
    (
        "principe-abroge",
        "principes/remuneration-au-temps-passe/index.html",
    ),
    ("pyramide", "pyramide/index.html"),
    ("matrices", "matrices/index.html"),
    ("matrice", "matrices/festival-2024/index.html"),
    ("catalogue", "catalogue/index.html"),
    ("offre", "catalogue/menuiserie/index.html"),
    ("membres", "membres/index.html"),
    ("membre", "membres/mathieu/index.html"),
    ("modification", "modification/index.html"),
    ("evolution", "evolution/index.html"),
    ("bilan", "bilan/index.html"),
    ("recherche", "recherche/index.html?q=d%C3%A9cision"),
    ("livret", "livret/index.html"),
    ("404", "404.html"),
];

#[test]
fn the_site_in_a_browser() {
    let Some(harness) = harness() else {
        return;
    };
    let tmp = tempfile::tempdir().expect("tempdir");
    let site = tmp.path().join("site");
    build(&example_in_git(tmp.path()), &site);
    // A site without `site.url`, for the 404 page that finds its root by itself.
    let minimal = tmp.path().join("minimal");
    copy_dir(
        &root().join("examples/minimal"),
        &tmp.path().join("minimal-src"),
    );
    build(&tmp.path().join("minimal-src"), &minimal);
    // A hostile site and a control payload the detector must see.
    let hostile = tmp.path().join("hostile");
    copy_dir(
        &root().join("tests/fixtures/build/hostile"),
        &hostile.join("cs"),
    );
    build(&hostile.join("cs"), &hostile.join("site"));
    fs::write(
        hostile.join("control.html"),
        "<img src=x onerror=\"console.error('PWNED-control')\">",
    )
    .expect("control written");
    let decision = "principes/decision-par-consentement/index.html";
    let task = serde_json::json!({
        "chromium": CHROMIUM,
        "lang": "fr",
        "site": site,
        // The example's `site.url` ends in /codesocial/: it is served there, and also
        // elsewhere, as a preview would be; the minimal example has no `site.url`.
        // Without JavaScript, the 404 page finds the root `site.url` names, else `/`.
        "served": [
            { "prefix": "/codesocial/", "dir": site, "noscript": true },
            { "prefix": "/apercu/", "dir": site },
            { "prefix": "/depot/sous-chemin/", "dir": minimal },
            { "prefix": "/", "dir": minimal, "noscript": true },
        ],
        "search": { "queries": [
            { "text": "décision", "expect": [decision] },
            { "text": "decision", "expect": [decision] },
            { "text": "Décisions", "expect": [decision] },
            // A word of an offer's body only, in no title or summary.
            { "text": "chêne", "expect": ["catalogue/menuiserie/index.html"] },
            // A short name is not stemmed into the articles ("le", "les").
            { "text": "Léa", "expect": ["membres/lea/index.html"], "first": true, "marks": ["léa"] },
            // An amount written in groups ("1 500 euros", shown "1 500 €") is found as one
            // number, typed either way.
            { "text": "1500", "expect": ["principes/residences-d-artistes/index.html"] },
            { "text": "1 500", "expect": ["principes/residences-d-artistes/index.html"] },
        ]},
        "catalogue": { "active": 11, "all": 12, "reset": "Réinitialiser les filtres", "archivedOnly": {
            "type": "service", "membre": "fabrique-sas", "says": "une offre d’un autre statut",
        } },
        "pages": PAGES
            .iter()
            .map(|(kind, url)| (kind.to_string(), serde_json::json!(url)))
            .collect::<serde_json::Map<_, _>>(),
        "screenshots": Path::new(env!("CARGO_TARGET_TMPDIR")).join("../screenshots"),
        "hostile": hostile,
    });
    let task_file = tmp.path().join("task.json");
    fs::write(&task_file, task.to_string()).expect("task written");
    let o = Command::new("timeout")
        .arg("900")
        .arg("node")
        .arg(harness.join("site.mjs"))
        .arg(&task_file)
        .output()
        .expect("node");
    let stdout = String::from_utf8_lossy(&o.stdout);
    let report: serde_json::Value = serde_json::from_str(stdout.trim()).unwrap_or_else(|e| {
        panic!(
            "the harness said no JSON ({e}): {stdout}\n{}",
            String::from_utf8_lossy(&o.stderr)
        )
    });
    for note in report["notes"].as_array().into_iter().flatten() {
        eprintln!("{}", note.as_str().unwrap_or_default());
    }
    let failures: Vec<&str> = report["failures"]
        .as_array()
        .into_iter()
        .flatten()
        .filter_map(|f| f.as_str())
        .collect();
    assert!(failures.is_empty(), "{}", failures.join("\n"));
}

/// The text nodes of a page that are prose: outside tags, comments, `code`, `pre`,
/// `script`, `style`, `kbd` and `samp`; entities left as written.
fn prose(html: &str) -> Vec<String> {
    const VERBATIM: &[&str] = &["code", "pre", "script", "style", "kbd", "samp"];
    let mut out = Vec::new();
    let mut depth = 0usize;
    let mut rest = html;
    while let Some(lt) = rest.find('<') {
        if depth == 0 {
            out.push(rest[..lt].to_string());
        }
        let gt = rest[lt..].find('>').map_or(rest.len(), |g| lt + g + 1);
        let tag = rest[lt + 1..gt.saturating_sub(1)].to_ascii_lowercase();
        let name: String = tag
            .trim_start_matches('/')
            .chars()
            .take_while(char::is_ascii_alphanumeric)
            .collect();
        if VERBATIM.contains(&name.as_str()) {
            if tag.starts_with('/') {
                depth = depth.saturating_sub(1);
            } else {
                depth += 1;
            }
        }
        rest = &rest[gt..];
    }
    out.push(rest.to_string());
    out
}

/// What a French reader would find wrong in a text node, if anything. "de le" before a
/// verb is French ("de le vendre"); "de Le Moulin" before a name is not ("du Moulin").
fn typography_fault(text: &str) -> Option<String> {
    let text = text.replace("&nbsp;", "\u{a0}");
    let chars: Vec<char> = text.chars().collect();
    for (i, c) in chars.iter().enumerate() {
        let before = i.checked_sub(1).map(|j| chars[j]);
        let breakable = |c: Option<char>| c.is_some_and(|c| c == ' ' || c == '\t' || c == '\n');
        let fault = match c {
            ':' | ';' | '?' | '!' if breakable(before) => Some("a breakable space before"),
            '«' if breakable(chars.get(i + 1).copied()) => Some("a breakable space after"),
            '»' if breakable(before) => Some("a breakable space before"),
            _ => None,
        };
        if let Some(fault) = fault {
            let at: String = chars[i.saturating_sub(30)..(i + 10).min(chars.len())]
                .iter()
                .collect();
            return Some(format!("{fault} `{c}`: {at:?}"));
        }
    }
    static ISO: LazyLock<regex::Regex> =
        LazyLock::new(|| regex::Regex::new(r"\b\d{4}-\d{2}-\d{2}\b").expect("regex"));
    static CONTRACTION: LazyLock<regex::Regex> =
        LazyLock::new(|| regex::Regex::new(r"\b[Dd]e L(es|e) \p{Lu}").expect("regex"));
    if let Some(m) = ISO.find(&text) {
        return Some(format!("an ISO date in prose: {:?}", m.as_str()));
    }
    CONTRACTION
        .find(&text)
        .map(|m| format!("no contraction: {:?}", m.as_str()))
}

/// The attribute values of a page that are prose a reader hears or sees: `aria-label`,
/// `title`, `alt`, `placeholder`, and the `content` of the `<meta>`s that describe the
/// page (description, Open Graph and Twitter titles and descriptions).
fn prose_attributes(html: &str) -> Vec<String> {
    static ATTRIBUTE: LazyLock<regex::Regex> = LazyLock::new(|| {
        regex::Regex::new(r#"\s(aria-label|aria-description|title|alt|placeholder)="([^"]*)""#)
            .expect("regex")
    });
    static META: LazyLock<regex::Regex> = LazyLock::new(|| {
        regex::Regex::new(
            r#"<meta (?:name|property)="(?:description|og:description|og:title|og:site_name|twitter:description|twitter:title)" content="([^"]*)""#,
        )
        .expect("regex")
    });
    ATTRIBUTE
        .captures_iter(html)
        .map(|c| c[2].to_string())
        .chain(META.captures_iter(html).map(|c| c[1].to_string()))
        .collect()
}

fn faults(site: &Path) -> Vec<String> {
    let mut faults = Vec::new();
    for entry in walkdir::WalkDir::new(site) {
        let path = entry.expect("walk").into_path();
        if path.extension().is_none_or(|e| e != "html") {
            continue;
        }
        let html = fs::read_to_string(&path).expect("page");
        for text in prose_attributes(&html) {
            // A text node's apostrophe is typographic, so is an attribute's (issue 17).
            let fault = typography_fault(&text).or_else(|| {
                ["'", "&#39;", "&#x27;"]
                    .iter()
                    .any(|a| text.contains(a))
                    .then(|| format!("a straight apostrophe: {text:?}"))
            });
            if let Some(fault) = fault {
                faults.push(format!(
                    "{} (attribute): {fault}",
                    path.strip_prefix(site).unwrap_or(&path).display()
                ));
            }
        }
        for text in prose(&html) {
            if let Some(fault) = typography_fault(&text) {
                faults.push(format!(
                    "{}: {fault}",
                    path.strip_prefix(site).unwrap_or(&path).display()
                ));
            }
        }
    }
    faults
}

#[test]
fn the_typography_test_sees_what_it_looks_for() {
    for bad in [
        "Décisions : oui",
        "quoi ?",
        "« oui»",
        "créée le 2013-05-02",
        "Le #CodeSocial de Les Jardins",
    ] {
        assert!(typography_fault(bad).is_some(), "{bad}");
    }
    assert_eq!(
        typography_fault("Décisions\u{a0}: «\u{a0}oui\u{a0}» 10:30 de la Ferme, de le vendre"),
        None
    );
    assert_eq!(prose("a<code>b : c</code>d<pre>x ?</pre>"), ["a", "d", ""]);
    assert_eq!(
        prose_attributes(
            r#"<meta name="description" content="a : b"><meta property="og:url" content="x"><a href="y" aria-label="c ?" data-x="d">"#
        ),
        ["c ?", "a : b"]
    );
}

/// What is wrong, in a text node of a page in `lang`, with the space before `: ; ? !`
/// (entities decoded): English wants none at all, breakable or not; French wants a
/// no-break one, so a sign right after a letter is a fault too, except in an address
/// (`https://…`) or a time (`10:30`).
fn spacing_fault(lang: &str, text: &str) -> Option<String> {
    let text = text.replace("&nbsp;", "\u{a0}");
    let chars: Vec<char> = text.chars().collect();
    for (i, c) in chars.iter().enumerate() {
        if !matches!(c, ':' | ';' | '?' | '!') {
            continue;
        }
        let word_start = chars[..i]
            .iter()
            .rposition(|c| c.is_whitespace())
            .map_or(0, |p| p + 1);
        let word: String = chars[word_start..(i + 3).min(chars.len())].iter().collect();
        let before = i.checked_sub(1).map(|j| chars[j]);
        let fault = match (lang, before) {
            ("en", Some(b)) if b.is_whitespace() => "a space before",
            ("fr", Some(' ' | '\t' | '\n')) => "a breakable space before",
            ("fr", Some(b)) if b.is_alphabetic() && !word.contains("://") => {
                "no no-break space before"
            }
            _ => continue,
        };
        let at: String = chars[i.saturating_sub(30)..(i + 10).min(chars.len())]
            .iter()
            .collect();
        return Some(format!("{fault} `{c}`: {at:?}"));
    }
    None
}

/// Every spacing fault of the pages of `site` in `lang`: in text nodes and in the
/// attributes a reader hears or sees ([`prose_attributes`]).
fn spacing_faults(lang: &str, site: &Path) -> Vec<String> {
    let mut faults = Vec::new();
    for entry in walkdir::WalkDir::new(site) {
        let path = entry.expect("walk").into_path();
        if path.extension().is_none_or(|e| e != "html") {
            continue;
        }
        let html = fs::read_to_string(&path).expect("page");
        for text in prose(&html).into_iter().chain(prose_attributes(&html)) {
            if let Some(fault) = spacing_fault(lang, &text) {
                faults.push(format!(
                    "{}: {fault}",
                    path.strip_prefix(site).unwrap_or(&path).display()
                ));
            }
        }
    }
    faults.sort();
    faults.dedup();
    faults
}

/// The example with `langue: lang`, in git, with a commit that changes a principle's
/// fields and carries a decision (so the évolution page shows its labels). For English,
/// its content is first made to follow English spacing (" : " becomes " — ", no space
/// before `; ? !`): any space left before those signs on a page is then the tool's.
fn example_in(lang: &str, tmp: &Path) -> PathBuf {
    let dir = tmp.join(format!("cheznous-{lang}"));
    copy_dir(&root().join("examples/cheznous"), &dir);
    let colon = regex::Regex::new(r"(?m)[ \t]+:([ \t]|$)").expect("regex");
    let others = regex::Regex::new(r"[ \t]+([;?!])").expect("regex");
    for entry in walkdir::WalkDir::new(&dir) {
        let path = entry.expect("walk").into_path();
        if lang != "en" || path.extension().is_none_or(|e| e != "md" && e != "yaml") {
            continue;
        }
        let text = fs::read_to_string(&path).expect("content");
        let text = colon.replace_all(&text, " —$1");
        fs::write(&path, others.replace_all(&text, "$1").as_bytes()).expect("written");
    }
    let manifest = dir.join("codesocial.yaml");
    let text = fs::read_to_string(&manifest).expect("manifest");
    fs::write(
        &manifest,
        text.replace("langue: fr", &format!("langue: {lang}")),
    )
    .expect("lang");
    git(&dir, &["init", "-q", "-b", "main"]);
    git(&dir, &["add", "."]);
    git(&dir, &["commit", "-q", "-m", "First version"]);
    let principle = dir.join("principes/social-humain/decision-par-consentement.md");
    let text = fs::read_to_string(&principle).expect("principle");
    let text = text.replacen("[claire]", "[claire, amadou]", 1).replacen(
        "classe: qualifiee",
        "classe: simple",
        1,
    );
    fs::write(&principle, text).expect("principle written");
    git(
        &dir,
        &["commit", "-qam", "Consent\n\nDecision: AG du 3 mai"],
    );
    dir
}

/// The tool's punctuation follows the site's language: on an English site no space
/// before `: ; ? !` anywhere (the content having none), on a French one a no-break
/// space before each of them, the tool's words and the content's alike.
#[test]
fn punctuation_is_spaced_as_the_site_language_asks() {
    let tmp = tempfile::tempdir().expect("tempdir");
    for lang in ["en", "fr"] {
        let site = tmp.path().join(format!("site-{lang}"));
        build(&example_in(lang, tmp.path()), &site);
        let evolution = fs::read_to_string(site.join("evolution/index.html")).expect("page");
        assert!(
            evolution.contains("<del>"),
            "{lang}: the évolution page shows fields"
        );
        let faults = spacing_faults(lang, &site);
        assert!(faults.is_empty(), "{lang}:\n{}", faults.join("\n"));
    }
}

#[test]
fn the_spacing_test_sees_what_it_looks_for() {
    for (lang, bad) in [
        ("en", "Decision : AG"),
        ("en", "Source\u{a0}: x"),
        ("en", "Member ?"),
        ("fr", "Décision : AG"),
        ("fr", "Décision: AG"),
        ("fr", "Membre ?"),
    ] {
        assert!(spacing_fault(lang, bad).is_some(), "{lang}: {bad}");
    }
    for (lang, good) in [
        ("en", "Decision: AG at 10:30, really?!"),
        (
            "fr",
            "Décision\u{a0}: voir https://x.org à 10:30, vraiment\u{202f}?!",
        ),
    ] {
        assert_eq!(spacing_fault(lang, good), None, "{lang}: {good}");
    }
}

/// The built example and an `init`ed "Les Jardins" read right in French: no breakable
/// space before `: ; ? !` or inside `« »`, no ISO date in prose, "des Jardins".
#[test]
fn french_pages_read_right() {
    let tmp = tempfile::tempdir().expect("tempdir");
    let site = tmp.path().join("site");
    build(&example_in_git(tmp.path()), &site);
    let jardins = tmp.path().join("jardins");
    let o = codesocial(FR)
        .args(["init", "--no-git", "--ci", "aucune", "--nom", "Les Jardins"])
        .arg(&jardins)
        .output()
        .expect("init");
    assert!(o.status.success(), "{}", String::from_utf8_lossy(&o.stderr));
    build(&jardins, &tmp.path().join("jardins-site"));
    let mut all = faults(&site);
    all.extend(faults(&tmp.path().join("jardins-site")));
    assert!(all.is_empty(), "{}", all.join("\n"));
}
