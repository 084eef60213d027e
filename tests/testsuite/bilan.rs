//! `codesocial bilan` on a repository with known content and a scripted, dated history:
//! every figure of the JSON is asserted, and the text, Markdown and French outputs are
//! snapshotted.

use serde_json::{json, Value};
use std::fs;
use std::path::Path;

use crate::common::{codesocial, copy_dir, git_at, EN, FR};

const FIXTURE: &str = concat!(env!("CARGO_MANIFEST_DIR"), "/tests/fixtures/bilan");
/// 2025-03-01T12:00:00Z: "now" for every run.
const NOW: &str = "1740830400";

fn commit(root: &Path, message: &str, date: &str) {
    git_at(root, date, &["add", "-A"]);
    git_at(root, date, &["commit", "-q", "-m", message]);
}

fn append(path: &Path, text: &str) {
    let mut content = fs::read_to_string(path).expect("read");
    content.push_str(text);
    fs::write(path, content).expect("write");
}

/// The fixture in `cs/` of a git repository, with this history (author = committer dates):
/// 2023-01-10 everything · 2023-06-01 `ecoute` edited · 2024-03-15 `entraide` moved to
/// `economique` · 2024-09-01 `prix-libre` proposed (Decision) · 2025-01-20 `partage` edited
/// (Decision) · 2025-02-01 a README outside the #CodeSocial.
fn scripted_repo() -> tempfile::TempDir {
    let tmp = tempfile::tempdir().expect("tempdir");
    let root = tmp.path();
    let cs = root.join("cs");
    copy_dir(&Path::new(FIXTURE).join("org"), &cs);
    git_at(root, "2023-01-10 10:00:00 +0000", &["init", "-q"]);
    commit(root, "Initial #CodeSocial", "2023-01-10 10:00:00 +0000");
    append(
        &cs.join("principes/social-humain/ecoute.md"),
        "\nOn se relaie.\n",
    );
    commit(root, "Clarify listening", "2023-06-01 10:00:00 +0000");
    fs::create_dir_all(cs.join("principes/economique")).expect("mkdir");
    git_at(
        root,
        "2024-03-15 10:00:00 +0000",
        &[
            "mv",
            "cs/principes/social-humain/entraide.md",
            "cs/principes/economique/entraide.md",
        ],
    );
    commit(root, "Move entraide", "2024-03-15 10:00:00 +0000");
    fs::copy(
        Path::new(FIXTURE).join("later/prix-libre.md"),
        cs.join("principes/economique/prix-libre.md"),
    )
    .expect("copy");
    commit(
        root,
        "Propose prix libre\n\nDiscussed at length.\n\nDecision: cercle du 2024-08-30",
        "2024-09-01 10:00:00 +0000",
    );
    append(
        &cs.join("principes/social-humain/partage.md"),
        "\nSauf la scie.\n",
    );
    commit(
        root,
        "Amend partage\n\nDecision: AG 2025\nSigned-off-by: Test <test@example.org>",
        "2025-01-20 10:00:00 +0000",
    );
    fs::write(root.join("README.md"), "# Les Tilleuls\n").expect("write");
    commit(
        root,
        "Readme\n\nDecision: not content",
        "2025-02-01 10:00:00 +0000",
    );
    tmp
}

fn bilan(dir: &Path, args: &[&str]) -> assert_cmd::assert::Assert {
    codesocial(EN)
        .arg("bilan")
        .arg(dir)
        .args(args)
        .env("SOURCE_DATE_EPOCH", NOW)
        .assert()
}

fn json_of(dir: &Path, args: &[&str]) -> Value {
    let out = bilan(dir, &[&["--format", "json"], args].concat()).success();
    serde_json::from_slice(&out.get_output().stdout).expect("JSON")
}

fn counts(a: u64, p: u64, ab: u64) -> Value {
    json!({ "adopte": a, "propose": p, "abroge": ab })
}

#[test]
fn coverage_counts_every_plan_and_statut() {
    let repo = scripted_repo();
    let j = json_of(&repo.path().join("cs"), &[]);
    assert_eq!(j["organisation"], "Les Tilleuls");
    assert_eq!(j["date"], "2025-03-01");
    assert_eq!(j["history"], true);
    let plans = j["plans"].as_array().expect("plans");
    let ids: Vec<&str> = plans
        .iter()
        .map(|p| p["id"].as_str().expect("id"))
        .collect();
    assert_eq!(ids, ["social-humain", "economique", "ecologique"]);
    assert_eq!(plans[0]["titre"], "Social et humain");
    assert_eq!(plans[0]["counts"], counts(2, 0, 1));
    assert_eq!(plans[0]["principles"], counts(1, 0, 1));
    assert_eq!(plans[0]["models"], counts(1, 0, 0));
    assert_eq!(plans[0]["introduction"], false);
    assert_eq!(plans[1]["counts"], counts(1, 1, 0));
    assert_eq!(plans[1]["introduction"], true);
    assert_eq!(plans[2]["counts"], counts(0, 0, 0));
    assert_eq!(plans[2]["empty"], true);
    assert_eq!(j["empty_plans"], json!(["ecologique"]));
    assert_eq!(
        j["links"],
        json!({ "in_force": 4, "linked": 3, "share": 0.75, "clusters": 2,
                "isolated_clusters": [["prix-libre"]] })
    );
}

#[test]
fn stale_principles_follow_stale_after() {
    let repo = scripted_repo();
    let cs = repo.path().join("cs");
    let j = json_of(&cs, &[]);
    assert_eq!(
        j["stale"],
        json!([{ "id": "ecoute", "plan": "social-humain", "last_change": "2023-06-01", "age_days": 639 }])
    );
    let last: Vec<(String, Value)> = j["principles"]
        .as_array()
        .expect("principles")
        .iter()
        .map(|p| {
            (
                p["id"].as_str().expect("id").to_string(),
                p["last_change"].clone(),
            )
        })
        .collect();
    assert_eq!(
        last,
        [
            ("ecoute".to_string(), json!("2023-06-01")),
            ("partage".to_string(), json!("2025-01-20")),
            ("vieux".to_string(), json!("2023-01-10")),
            ("entraide".to_string(), json!("2024-03-15")),
            ("prix-libre".to_string(), json!("2024-09-01")),
        ]
    );
    let ids = |j: &Value| -> Vec<String> {
        j["stale"]
            .as_array()
            .expect("stale")
            .iter()
            .map(|s| s["id"].as_str().expect("id").to_string())
            .collect()
    };
    assert_eq!(
        ids(&json_of(&cs, &["--stale-after", "6m"])),
        ["ecoute", "entraide"]
    );
    assert_eq!(
        ids(&json_of(&cs, &["--stale-after", "90d"])),
        ["ecoute", "entraide", "prix-libre"]
    );
    assert_eq!(
        ids(&json_of(&cs, &["--stale-after", "2y"])),
        Vec::<String>::new()
    );
    assert_eq!(
        j["proposals"],
        json!([{ "id": "prix-libre", "plan": "economique", "titre": "Prix libre",
                 "since": "2024-09-01", "age_days": 181 }])
    );
}

#[test]
fn pyramid_members_roles_and_capital() {
    let repo = scripted_repo();
    let j = json_of(&repo.path().join("cs"), &[]);
    assert_eq!(j["members_without_role"], json!(["dan"]));
    assert_eq!(
        j["roles"],
        json!([
            { "role": "auteurs", "members": ["ana"], "former": [] },
            { "role": "co_auteurs", "members": ["bob"], "former": [] },
            { "role": "editeurs", "members": ["coop"], "former": [] },
            { "role": "producteurs", "members": [], "former": [] },
            { "role": "contributeurs", "members": [], "former": ["dan"] },
        ])
    );
    assert_eq!(
        j["capital"],
        json!({ "status": "parts", "held_by_contributors": 60.0, "holders": [
            { "member": "ana", "part": 60.0, "roles": ["auteurs"], "contributes": true },
            { "member": "coop", "part": 40.0, "roles": ["editeurs"], "contributes": false },
        ] })
    );
}

#[test]
fn flows_total_given_and_received_per_member_and_unit() {
    let repo = scripted_repo();
    let j = json_of(&repo.path().join("cs"), &[]);
    assert_eq!(j["matrices"], 2);
    assert_eq!(
        j["flows"],
        json!([
            { "member": "ana", "unit": "EUR", "given": 0.0, "received": 1200.0 },
            { "member": "ana", "unit": "heure", "given": 10.0, "received": 3.0 },
            { "member": "bob", "unit": "EUR", "given": 0.0, "received": 500.5 },
            { "member": "bob", "unit": "heure", "given": 3.0, "received": 10.0 },
            { "member": "coop", "unit": "EUR", "given": 1700.5, "received": 0.0 },
        ])
    );
    assert_eq!(j["only_give"], json!(["dan"]));
    assert_eq!(j["only_receive"], json!([]));
    assert_eq!(j["members_without_flow"], json!([]));
    assert_eq!(
        j["flow_natures"],
        json!([
            { "nature": "materielle", "measure": "quantitative", "count": 3 },
            { "nature": "materielle", "measure": "qualitative", "count": 1 },
            { "nature": "immaterielle", "measure": "quantitative", "count": 2 },
            { "nature": "immaterielle", "measure": "qualitative", "count": 1 },
        ])
    );
    assert_eq!(
        j["immaterial_by_wealth"],
        json!([{ "wealth": "Temps", "count": 2 }, { "wealth": "Joie", "count": 1 }])
    );
}

#[test]
fn catalogue_counts_active_offers() {
    let repo = scripted_repo();
    let j = json_of(&repo.path().join("cs"), &[]);
    assert_eq!(j["offers"], 2);
    assert_eq!(
        j["offers_by_member"],
        json!({ "ana": 1, "bob": 0, "coop": 2, "dan": 0 })
    );
    assert_eq!(j["members_without_offer"], json!(["bob", "dan"]));
    assert_eq!(
        j["offers_by_plan"],
        json!([
            { "plan": "social-humain", "count": 2 },
            { "plan": "economique", "count": 1 },
            { "plan": "ecologique", "count": 0 },
        ])
    );
    assert_eq!(
        j["complements"],
        json!([
            { "offer": "repas", "titre": "Repas partagés", "outgoing": 1, "incoming": 0 },
            { "offer": "salle", "titre": "Location de la salle <grande>", "outgoing": 0, "incoming": 1 },
        ])
    );
}

#[test]
fn evolution_counts_content_commits_amendments_and_decisions() {
    let repo = scripted_repo();
    let j = json_of(&repo.path().join("cs"), &[]);
    let e = &j["evolution"];
    assert_eq!(e["since"], "2024-04-01");
    let months: Vec<(String, u64)> = e["commits_per_month"]
        .as_array()
        .expect("months")
        .iter()
        .map(|m| {
            (
                m["month"].as_str().expect("month").to_string(),
                m["commits"].as_u64().expect("n"),
            )
        })
        .collect();
    let expected: Vec<(String, u64)> = [
        "2024-04", "2024-05", "2024-06", "2024-07", "2024-08", "2024-09", "2024-10", "2024-11",
        "2024-12", "2025-01", "2025-02", "2025-03",
    ]
    .iter()
    .map(|m| (m.to_string(), u64::from(*m == "2024-09" || *m == "2025-01")))
    .collect();
    assert_eq!(months, expected);
    assert_eq!(
        e["amendments_by_classe"],
        json!([
            { "classe": "intangible", "last_year": 0, "total": 0 },
            { "classe": "qualifiee", "last_year": 1, "total": 2 },
            { "classe": "simple", "last_year": 1, "total": 6 },
        ])
    );
    let decisions: Vec<(&str, &str)> = e["decisions"]
        .as_array()
        .expect("decisions")
        .iter()
        .map(|d| {
            (
                d["date"].as_str().expect("date"),
                d["text"].as_str().expect("text"),
            )
        })
        .collect();
    assert_eq!(
        decisions,
        [
            ("2025-01-20", "AG 2025"),
            ("2024-09-01", "cercle du 2024-08-30")
        ]
    );
    assert_eq!(e["decisions"][0]["commit"].as_str().map(str::len), Some(40));
}

#[test]
fn a_principle_given_a_new_id_is_another_principle() {
    let repo = scripted_repo();
    let root = repo.path();
    let cs = root.join("cs");
    git_at(
        root,
        "2025-02-10 10:00:00 +0000",
        &[
            "mv",
            "cs/principes/economique/entraide.md",
            "cs/principes/economique/solidarite.md",
        ],
    );
    commit(root, "Rename entraide", "2025-02-10 10:00:00 +0000");
    let j = json_of(&cs, &[]);
    let classes = &j["evolution"]["amendments_by_classe"];
    // Documents are matched by kind and id (FORMAT.md), as in `diff` and `log`: the
    // rename removes `entraide` and adds `solidarite`, two changes to simple principles;
    // the history of `entraide` (creation, move) stays its own.
    assert_eq!(
        classes[2],
        json!({ "classe": "simple", "last_year": 3, "total": 8 })
    );
    let solidarite = j["principles"]
        .as_array()
        .expect("principles")
        .iter()
        .find(|p| p["id"] == "solidarite")
        .cloned()
        .expect("solidarite");
    assert_eq!(solidarite["last_change"], "2025-02-10");
    assert!(
        !j["principles"]
            .as_array()
            .expect("principles")
            .iter()
            .any(|p| p["id"] == "entraide"),
        "{j:#}"
    );
}

#[test]
fn without_git_history_sections_say_unavailable() {
    let tmp = tempfile::tempdir().expect("tempdir");
    let cs = tmp.path().join("cs");
    copy_dir(&Path::new(FIXTURE).join("org"), &cs);
    let j = json_of(&cs, &[]);
    assert_eq!(j["history"], false);
    assert_eq!(j["stale"], Value::Null);
    assert_eq!(j["evolution"], Value::Null);
    assert_eq!(j["principles"][0]["last_change"], Value::Null);
    assert_eq!(j["proposals"], json!([]));
    let out = bilan(&cs, &[]).success();
    let text = String::from_utf8(out.get_output().stdout.clone()).expect("utf-8");
    assert_eq!(text.matches("Git history unavailable").count(), 2, "{text}");
}

#[test]
fn text_output() {
    let repo = scripted_repo();
    let out = bilan(&repo.path().join("cs"), &[]).success();
    let text = String::from_utf8(out.get_output().stdout.clone()).expect("utf-8");
    insta::assert_snapshot!("text", redact_hashes(&text));
}

#[test]
fn markdown_output_in_french() {
    let repo = scripted_repo();
    let out = codesocial(FR)
        .arg("bilan")
        .arg(repo.path().join("cs"))
        .args(["--format", "markdown"])
        .env("SOURCE_DATE_EPOCH", NOW)
        .assert()
        .success();
    let text = String::from_utf8(out.get_output().stdout.clone()).expect("utf-8");
    insta::assert_snapshot!("markdown_fr", redact_hashes(&text));
}

/// Commit hashes in the decisions table (a date, then 7 hex digits) become `<hash>`, so
/// that the snapshot does not depend on how git hashes.
fn redact_hashes(text: &str) -> String {
    let mut out = String::new();
    for line in text.lines() {
        let cells: Vec<&str> = line
            .split(|c: char| c.is_whitespace() || c == '|')
            .filter(|c| !c.is_empty())
            .collect();
        let is_row = cells.len() > 2
            && cells[0].len() == 10
            && cells[1].len() == 7
            && cells[1].bytes().all(|b| b.is_ascii_hexdigit());
        out.push_str(&if is_row {
            line.replacen(cells[1], "<hash>", 1)
        } else {
            line.to_string()
        });
        out.push('\n');
    }
    out
}

#[test]
fn content_errors_add_a_notice_but_exit_zero() {
    let tmp = tempfile::tempdir().expect("tempdir");
    let cs = tmp.path().join("cs");
    copy_dir(&Path::new(FIXTURE).join("org"), &cs);
    append(
        &cs.join("pyramide.yaml"),
        "producteurs: [{ membre: inconnu }]\n",
    );
    bilan(&cs, &[]).success().stderr(predicates::str::contains(
        "`codesocial check` reports errors",
    ));
}

#[test]
fn a_bad_duration_is_a_usage_error() {
    let tmp = tempfile::tempdir().expect("tempdir");
    let cs = tmp.path().join("cs");
    copy_dir(&Path::new(FIXTURE).join("org"), &cs);
    bilan(&cs, &["--stale-after", "12 months"])
        .code(2)
        .stderr(predicates::str::contains(
            "invalid duration for --stale-after",
        ));
}

#[test]
fn a_missing_folder_is_an_error() {
    let tmp = tempfile::tempdir().expect("tempdir");
    bilan(&tmp.path().join("nowhere"), &[]).code(2);
}
