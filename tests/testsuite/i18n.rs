//! The tool speaks French when the system does, English otherwise, and `--lang` decides
//! over both: checked on a broken repository and on `init`.

use std::path::Path;

use assert_cmd::Command;
use predicates::prelude::*;

const BROKEN: &str = "tests/fixtures/i18n/broken";

/// The binary with only the locale variables given, no colour.
fn codesocial(dir: impl AsRef<Path>, locale: &[(&str, &str)]) -> Command {
    let mut cmd = Command::new(env!("CARGO_BIN_EXE_codesocial"));
    cmd.current_dir(dir)
        .env_remove("LC_ALL")
        .env_remove("LC_MESSAGES")
        .env_remove("LANG")
        .args(["--color", "never"]);
    for (name, value) in locale {
        cmd.env(name, value);
    }
    cmd
}

fn check_output(locale: &[(&str, &str)], extra: &[&str]) -> String {
    let out = codesocial(BROKEN, locale)
        .arg("check")
        .args(extra)
        .output()
        .expect("runs");
    assert_eq!(out.status.code(), Some(1), "{out:?}");
    String::from_utf8(out.stdout).expect("utf-8")
}

#[test]
fn check_speaks_french_on_a_french_system() {
    let stdout = check_output(&[("LANG", "fr_FR.UTF-8")], &[]);
    insta::assert_snapshot!("check_broken_fr", stdout);
}

#[test]
fn check_speaks_english_on_an_english_system() {
    let stdout = check_output(&[("LANG", "en_US.UTF-8")], &[]);
    insta::assert_snapshot!("check_broken_en", stdout);
}

#[test]
fn lc_all_wins_over_lang_and_lc_messages() {
    let stdout = check_output(
        &[
            ("LANG", "en_US.UTF-8"),
            ("LC_MESSAGES", "en_GB.UTF-8"),
            ("LC_ALL", "fr_CA.UTF-8"),
        ],
        &[],
    );
    assert!(stdout.contains("membre inconnu `alexx`"), "{stdout}");
    let stdout = check_output(&[("LANG", "en_US.UTF-8"), ("LC_MESSAGES", "fr_FR")], &[]);
    assert!(stdout.contains("membre inconnu `alexx`"), "{stdout}");
}

#[test]
fn no_locale_means_english() {
    let stdout = check_output(&[], &[]);
    assert!(stdout.contains("unknown member `alexx`"), "{stdout}");
}

#[test]
fn the_lang_flag_wins_over_the_system() {
    let stdout = check_output(&[("LANG", "fr_FR.UTF-8")], &["--lang", "en"]);
    assert!(stdout.contains("unknown member `alexx`"), "{stdout}");
    assert!(stdout.contains("2 errors, 0 warnings"), "{stdout}");
    let stdout = check_output(&[("LANG", "en_US.UTF-8")], &["--lang", "fr"]);
    assert!(stdout.contains("2 erreurs, 0 avertissement"), "{stdout}");
}

#[test]
fn json_output_follows_the_language_too() {
    let stdout = check_output(&[("LANG", "fr_FR.UTF-8")], &["--format", "json"]);
    let json: serde_json::Value = serde_json::from_str(&stdout).expect("json");
    let messages: Vec<&str> = json["diagnostics"]
        .as_array()
        .expect("diagnostics")
        .iter()
        .filter_map(|d| d["message"].as_str())
        .collect();
    assert!(messages.contains(&"membre inconnu `alexx`"), "{messages:?}");
}

#[test]
fn init_speaks_french_when_refusing() {
    let tmp = tempfile::tempdir().expect("temp dir");
    std::fs::write(tmp.path().join("codesocial.yaml"), "codesocial: 1\n").expect("write");
    codesocial(tmp.path(), &[("LANG", "fr_FR.UTF-8")])
        .args(["init", "--nom", "Lieu", "--no-git"])
        .assert()
        .code(2)
        .stderr(predicate::str::contains(
            "rien n’a été écrit : 1 fichier existe déjà",
        ))
        .stderr(predicate::str::contains("ne remplace jamais un fichier"));
}

#[test]
fn usage_errors_of_other_commands_are_translated() {
    codesocial(".", &[("LANG", "fr_FR.UTF-8")])
        .args(["schema", "principes"])
        .assert()
        .code(2)
        .stderr(predicate::str::contains("type de document inconnu"));
    codesocial(".", &[("LANG", "en_US.UTF-8")])
        .args(["check", "tests/fixtures/i18n"])
        .assert()
        .code(2)
        .stderr(predicate::str::contains("is not a #CodeSocial"));
}
