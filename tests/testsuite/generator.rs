//! The benchmark generator (`examples/gen.rs`) must stay valid by construction: its
//! repositories pass `check --strict`, build, and their last commit changes one file.

use crate::common::{codesocial, EN};

#[path = "../../examples/gen.rs"]
#[allow(dead_code)]
pub(crate) mod gen;

/// A repository big enough that a debug `build` lasts a second or more (500 offers, 50
/// principles, 50 members, with its git history), generated at `repo`.
pub(crate) fn large_repository(repo: &std::path::Path) {
    let repo = repo.to_string_lossy().into_owned();
    let args = [&repo, "--offers", "500", "--principles", "50"];
    let args = args.into_iter().chain(["--members", "50"]);
    gen::generate(args.map(|a| a.to_string())).expect("generate");
}

#[test]
fn generated_repository_is_valid_builds_and_has_a_one_file_last_commit() {
    let root = tempfile::tempdir().expect("tempdir");
    let repo = root.path().join("repo");
    let hugo = root.path().join("hugo");
    let args = [
        repo.to_str().expect("utf-8"),
        "--offers",
        "30",
        "--principles",
        "10",
        "--members",
        "12",
        "--commits",
        "4",
        "--hugo",
        hugo.to_str().expect("utf-8"),
    ];
    gen::generate(args.iter().map(|a| a.to_string())).expect("generate");
    codesocial(EN)
        .args(["check", "--strict"])
        .arg(&repo)
        .assert()
        .success()
        .stdout(predicates::str::contains("no problems"));
    codesocial(EN)
        .arg("build")
        .arg(&repo)
        .args(["--out", root.path().join("site").to_str().expect("utf-8")])
        .assert()
        .success();
    let diff = codesocial(EN)
        .args(["diff", "--format", "json", "HEAD~1", "HEAD", "-C"])
        .arg(&repo)
        .assert()
        .success();
    let json: serde_json::Value = serde_json::from_slice(&diff.get_output().stdout).expect("json");
    assert_eq!(json["changes"].as_array().map(Vec::len), Some(1));
    let bodies = walkdir::WalkDir::new(hugo.join("content"))
        .into_iter()
        .filter_map(Result::ok)
        .filter(|e| e.path().extension().is_some_and(|x| x == "md"))
        .count();
    assert_eq!(
        bodies,
        3 + 12 + 10 + 30,
        "one Hugo page per Markdown document"
    );
}

#[test]
fn an_existing_output_folder_is_refused() {
    let root = tempfile::tempdir().expect("tempdir");
    let args = [root.path().to_str().expect("utf-8").to_string()];
    assert!(gen::generate(args.into_iter()).is_err());
}
