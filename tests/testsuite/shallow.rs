//! Shallow clones (issue 16 C), the default checkout of most CI services: `log`, `bilan`,
//! the évolution page, each principle's page and the Atom feed say where the history
//! stops, never present the boundary commit as adding everything, and give no freshness
//! figure they cannot know. The clones are real: `git clone --depth N file://…`.

use serde_json::Value;
use std::path::{Path, PathBuf};
use tempfile::TempDir;

use crate::common::{codesocial, copy_dir, git_at, root, EN};

fn append(dir: &Path, path: &str, text: &str) {
    let path = dir.join(path);
    let old = std::fs::read_to_string(&path).expect("read");
    std::fs::write(path, format!("{old}\n{text}\n")).expect("write");
}

/// A repository with a real history: everything in 2023, then one principle edited per
/// commit in 2024 and 2025. Returns the temporary folder and the repository.
fn origin() -> (TempDir, PathBuf) {
    let tmp = TempDir::new().expect("tmp");
    let repo = tmp.path().join("origin");
    copy_dir(&root().join("tests/fixtures/diff/base"), &repo);
    git_at(&repo, "2023-01-10T10:00:00Z", &["init", "-q", "-b", "main"]);
    git_at(&repo, "2023-01-10T10:00:00Z", &["add", "-A"]);
    git_at(
        &repo,
        "2023-01-10T10:00:00Z",
        &["commit", "-q", "-m", "Premier #CodeSocial"],
    );
    let edits = [
        (
            "2024-05-01T10:00:00Z",
            "principes/social-humain/gouvernance.md",
        ),
        ("2024-11-01T10:00:00Z", "principes/financier/reserves.md"),
        (
            "2025-02-01T10:00:00Z",
            "principes/social-humain/transparence.md",
        ),
    ];
    for (date, path) in edits {
        append(&repo, path, "Un paragraphe de plus.");
        git_at(
            &repo,
            date,
            &["commit", "-q", "-am", &format!("Modifier {path}")],
        );
    }
    (tmp, repo)
}

/// `git clone --depth N` of the origin (through a `file://` URL, so git really makes it
/// shallow); returns the clone and its boundary commit.
fn shallow(tmp: &TempDir, origin: &Path, depth: usize) -> (PathBuf, String) {
    let clone = tmp.path().join(format!("depth-{depth}"));
    crate::common::shallow_clone(tmp.path(), origin, &clone, depth);
    let boundary = std::fs::read_to_string(clone.join(".git/shallow")).expect("a shallow clone");
    (clone, boundary.trim().to_string())
}

fn cs(dir: &Path, args: &[&str]) -> std::process::Output {
    codesocial(EN)
        .arg("-C")
        .arg(dir)
        .args(args)
        .env("SOURCE_DATE_EPOCH", "1740830400")
        .output()
        .expect("run")
}

fn json(out: &std::process::Output) -> Value {
    serde_json::from_slice(&out.stdout).expect("JSON on stdout")
}

#[test]
fn log_says_where_the_history_stops() {
    let (tmp, origin) = origin();
    for depth in [1, 2] {
        let (clone, boundary) = shallow(&tmp, &origin, depth);
        let out = cs(&clone, &["log", "transparence", "--format", "json"]);
        assert_eq!(out.status.code(), Some(0), "{out:?}");
        let j = json(&out);
        assert_eq!(j["truncated"]["commit"], boundary.as_str(), "{j:#}");
        let commits = j["commits"].as_array().expect("commits");
        assert!(
            commits.iter().all(|c| c["commit"] != boundary.as_str()),
            "the boundary is no change: {j:#}"
        );
        assert_eq!(commits.len(), depth - 1, "{j:#}");
        let text = cs(&clone, &["log", "transparence"]);
        assert_eq!(text.status.code(), Some(0), "{text:?}");
        let said = String::from_utf8_lossy(&text.stderr);
        assert!(
            said.contains(&format!("stops at commit {}", &boundary[..7])),
            "{said}"
        );
        assert!(said.contains("shallow clone"), "{said}");
        let shown = String::from_utf8_lossy(&text.stdout);
        assert!(!shown.contains(&boundary[..7]), "{shown}");
        // An id that exists nowhere is still an unknown id.
        assert_eq!(cs(&clone, &["log", "inconnu"]).status.code(), Some(2));
    }
}

#[test]
fn bilan_marks_freshness_unknown_rather_than_wrong() {
    let (tmp, origin) = origin();
    for depth in [1, 2] {
        let (clone, boundary) = shallow(&tmp, &origin, depth);
        let out = cs(&clone, &["bilan", "--format", "json"]);
        assert_eq!(out.status.code(), Some(0), "{out:?}");
        let j = json(&out);
        assert_eq!(j["history"], true);
        assert_eq!(j["truncated"]["commit"], boundary.as_str(), "{j:#}");
        let principles = j["principles"].as_array().expect("principles");
        for p in principles {
            let changed_after_boundary = depth == 2 && p["id"] == "transparence";
            if changed_after_boundary {
                assert_eq!(p["last_change"], "2025-02-01", "{p}");
            } else {
                assert_eq!(p["last_change"], Value::Null, "{p}");
                assert_eq!(p["age_days"], Value::Null, "{p}");
            }
        }
        let months = j["evolution"]["commits_per_month"]
            .as_array()
            .expect("months");
        // The boundary's month and those before are unknown, not zero: only part of the
        // boundary's month is in the history (issue 16).
        let boundary_month = if depth == 1 { "2025-02" } else { "2024-11" };
        for m in months {
            let month = m["month"].as_str().expect("month");
            assert_eq!(
                m["commits"].is_null(),
                month <= boundary_month,
                "{month} with the boundary in {boundary_month}: {j:#}"
            );
        }
        let counted: u64 = months.iter().filter_map(|m| m["commits"].as_u64()).sum();
        assert_eq!(
            counted as usize,
            depth - 1,
            "the boundary is not counted, nor its month: {j:#}"
        );
        let text = cs(&clone, &["bilan"]);
        let text = String::from_utf8_lossy(&text.stdout);
        assert!(
            text.contains(&format!("stops at commit {}", &boundary[..7])),
            "{text}"
        );
        assert!(text.contains("unknown (history truncated)"), "{text}");
    }
}

#[test]
fn the_evolution_page_the_feed_and_the_principle_pages_carry_the_truncation() {
    let (tmp, origin) = origin();
    for depth in [1, 2] {
        let (clone, boundary) = shallow(&tmp, &origin, depth);
        let site = tmp.path().join(format!("site-{depth}"));
        let out = cs(&clone, &["build", "--out", site.to_str().expect("utf-8")]);
        assert_eq!(out.status.code(), Some(0), "{out:?}");
        let short = &boundary[..7];
        let page = std::fs::read_to_string(site.join("evolution/index.html")).expect("page");
        assert!(page.contains("id=\"history-truncated\""), "{page}");
        assert!(page.contains(&format!("<code>{short}</code>")), "{page}");
        assert!(
            !page.contains(&format!("commit-{}", &boundary[..8])),
            "{page}"
        );
        assert_eq!(
            page.matches("<li id=\"commit-").count(),
            depth - 1,
            "{page}"
        );
        let feed = std::fs::read_to_string(site.join("atom.xml")).expect("feed");
        assert!(feed.contains("<subtitle>"), "{feed}");
        assert!(feed.contains(short), "{feed}");
        assert!(
            !feed.contains(&format!("urn:codesocial:commit:{boundary}")),
            "{feed}"
        );
        assert_eq!(feed.matches("<entry>").count(), depth - 1, "{feed}");
        let principe =
            std::fs::read_to_string(site.join("principes/reserves/index.html")).expect("page");
        assert!(
            principe.contains(&format!("<code>{short}</code>")),
            "{principe}"
        );
    }
}

/// The date a page gives as its last change, if any.
fn last_updated(page: &str) -> Option<String> {
    let at = page
        .find("Last updated")
        .or_else(|| page.find("Dernière modification"))?;
    let rest = &page[at..];
    let start = rest.find("datetime=\"")? + "datetime=\"".len();
    let end = rest[start..].find('"')? + start;
    Some(rest[start..end].to_string())
}

/// "Last updated" on a document's page is the day of a commit that changed it, or nothing:
/// never the day of another commit for a document older than the boundary (round 7 H1).
#[test]
fn a_page_never_dates_a_change_it_cannot_see() {
    let (tmp, origin) = origin();
    for depth in [1, 2, 3] {
        let (clone, _) = shallow(&tmp, &origin, depth);
        let site = tmp.path().join(format!("site-{depth}"));
        let out = cs(&clone, &["build", "--out", site.to_str().expect("utf-8")]);
        assert_eq!(out.status.code(), Some(0), "{out:?}");
        let bilan = json(&cs(&clone, &["bilan", "--format", "json"]));
        for (id, changed) in [
            ("gouvernance", "2024-05-01"),
            ("reserves", "2024-11-01"),
            ("transparence", "2025-02-01"),
        ] {
            let page = std::fs::read_to_string(site.join(format!("principes/{id}/index.html")))
                .expect("page");
            let known = bilan["principles"]
                .as_array()
                .expect("principles")
                .iter()
                .find(|p| p["id"] == id)
                .expect("in the bilan")["last_change"]
                .as_str()
                .map(str::to_string);
            let shown = last_updated(&page);
            assert_eq!(
                shown, known,
                "depth {depth}, {id}: the page and the bilan agree"
            );
            assert!(
                shown.as_deref().is_none_or(|d| d == changed),
                "depth {depth}, {id}: {shown:?} is not the day it changed"
            );
        }
    }
}

/// Issue 14 (sec15, item 6): when a revision or the commits of `diff --enforce` reach past
/// a shallow clone's history, the error names the commit where the history stops (not the
/// base, which may well be in the clone) and says `git fetch --unshallow`.
#[test]
fn beyond_the_history_the_error_names_where_it_stops() {
    let (tmp, origin) = origin();
    let (clone, boundary) = shallow(&tmp, &origin, 2);
    let stops = format!("stops at commit `{}`", &boundary[..7]);
    // A revision past the boundary.
    let out = cs(&clone, &["diff", "HEAD~3", "HEAD"]);
    assert_eq!(out.status.code(), Some(2), "{out:?}");
    let said = flat(&out.stderr);
    assert!(said.contains("codesocial::git::shallow"), "{said}");
    assert!(said.contains(&stops), "{said}");
    assert!(said.contains("git fetch --unshallow"), "{said}");
    // A base fetched on its own (so it is in the clone) whose commits are not: the walk
    // stops at the boundary, which is named, and the base is not said to be missing.
    let first = crate::common::git(&origin, &["rev-list", "--max-parents=0", "HEAD"]);
    git_at(
        &clone,
        "2025-03-01T10:00:00Z",
        &["fetch", "-q", "--depth", "1", "origin", &first],
    );
    let out = cs(&clone, &["diff", &format!("{first}..HEAD"), "--enforce"]);
    assert_eq!(out.status.code(), Some(2), "{out:?}");
    let said = flat(&out.stderr);
    assert!(said.contains(&stops), "{said}");
    assert!(said.contains("git fetch --unshallow"), "{said}");
    assert!(!said.contains("is not in this shallow clone"), "{said}");
}

/// A report as one line: miette wraps long messages and marks their continuation lines.
fn flat(report: &[u8]) -> String {
    String::from_utf8_lossy(report)
        .split_whitespace()
        .filter(|w| *w != "│")
        .collect::<Vec<_>>()
        .join(" ")
}
