//! The tool speaks French when the system does, English otherwise, and `--lang` decides
//! over both: checked on a broken repository and on `init`.

use std::path::Path;

use assert_cmd::Command;
use predicates::prelude::*;

use crate::common::{self, EN, FR};

const BROKEN: &str = "tests/fixtures/i18n/broken";

/// The binary with only the locale variables given (none from the machine), no colour.
fn codesocial(dir: impl AsRef<Path>, locale: &[(&str, &str)]) -> Command {
    let mut cmd = common::codesocial(EN);
    cmd.current_dir(dir).env_remove("LANG");
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
    let stdout = check_output(&[("LANG", FR)], &[]);
    insta::assert_snapshot!("check_broken_fr", stdout);
}

#[test]
fn check_speaks_english_on_an_english_system() {
    let stdout = check_output(&[("LANG", EN)], &[]);
    insta::assert_snapshot!("check_broken_en", stdout);
}

#[test]
fn lc_all_wins_over_lang_and_lc_messages() {
    let stdout = check_output(
        &[
            ("LANG", EN),
            ("LC_MESSAGES", "en_GB.UTF-8"),
            ("LC_ALL", "fr_CA.UTF-8"),
        ],
        &[],
    );
    assert!(stdout.contains("membre inconnu `alexx`"), "{stdout}");
    let stdout = check_output(&[("LANG", EN), ("LC_MESSAGES", "fr_FR")], &[]);
    assert!(stdout.contains("membre inconnu `alexx`"), "{stdout}");
}

#[test]
fn no_locale_means_english() {
    let stdout = check_output(&[], &[]);
    assert!(stdout.contains("unknown member `alexx`"), "{stdout}");
}

#[test]
fn the_lang_flag_wins_over_the_system() {
    let stdout = check_output(&[("LANG", FR)], &["--lang", "en"]);
    assert!(stdout.contains("unknown member `alexx`"), "{stdout}");
    assert!(stdout.contains("2 errors, 0 warnings"), "{stdout}");
    let stdout = check_output(&[("LANG", EN)], &["--lang", "fr"]);
    assert!(stdout.contains("2 erreurs, 0 avertissement"), "{stdout}");
}

#[test]
fn json_output_follows_the_language_too() {
    let stdout = check_output(&[("LANG", FR)], &["--format", "json"]);
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
    codesocial(tmp.path(), &[("LANG", FR)])
        .args(["init", "--nom", "Lieu", "--no-git"])
        .assert()
        .code(2)
        .stderr(predicate::str::contains(
            "codesocial::usage::init-would-overwrite",
        ))
        .stderr(predicate::str::contains("1 fichier existe déjà"))
        .stderr(predicate::str::contains("aide : `init` ne remplace jamais"));
}

#[test]
fn usage_errors_of_other_commands_are_translated() {
    codesocial(".", &[("LANG", FR)])
        .args(["schema", "principes"])
        .assert()
        .code(2)
        .stderr(predicate::str::contains("codesocial::usage::unknown-kind"))
        .stderr(predicate::str::contains("type de document inconnu"))
        .stderr(predicate::str::contains(
            "aide : vouliez-vous dire `principe` ?",
        ));
    codesocial(".", &[("LANG", EN)])
        .args(["check", "tests/fixtures/i18n"])
        .assert()
        .code(2)
        .stderr(predicate::str::contains(
            "codesocial::usage::not-a-codesocial",
        ))
        .stderr(predicate::str::contains("is not a #CodeSocial"));
}

/// Git and usage errors label their hint as content errors do: "aide :" in French.
#[test]
fn every_hint_has_the_same_label() {
    let tmp = tempfile::tempdir().expect("temp dir");
    let out = codesocial(tmp.path(), &[("LANG", FR)])
        .args(["log", "transparence"])
        .output()
        .expect("runs");
    assert_eq!(out.status.code(), Some(2));
    let stderr = String::from_utf8_lossy(&out.stderr);
    assert!(
        stderr.contains("codesocial::git::not-a-repository"),
        "{stderr}"
    );
    assert!(stderr.contains("aide : `diff` et `log`"), "{stderr}");
    assert!(!stderr.contains("help:"), "{stderr}");
}

/// clap's help and usage errors follow `--lang` and the environment, and keep the examples.
#[test]
fn clap_speaks_the_language_of_messages() {
    for locale in [&[("LANG", FR)][..], &[("LANG", EN)][..]] {
        for args in [&["check", "--help"][..], &["--help"][..]] {
            let out = codesocial(".", locale)
                .args(["--lang", "fr"])
                .args(args)
                .output()
                .expect("runs");
            assert_eq!(out.status.code(), Some(0));
            let help = String::from_utf8_lossy(&out.stdout);
            assert!(help.contains("Utilisation : codesocial"), "{help}");
            assert!(help.contains("Exemple"), "{help}");
            assert!(
                !help.contains("Print help") && !help.contains("Usage:"),
                "{help}"
            );
        }
    }
    let help = codesocial(".", &[("LANG", FR)])
        .args(["check", "--help"])
        .output()
        .expect("runs");
    let help = String::from_utf8_lossy(&help.stdout);
    assert!(help.contains("codesocial check --format github"), "{help}");
    assert!(
        help.contains("Traiter les avertissements comme des erreurs"),
        "{help}"
    );
    let english = codesocial(".", &[("LANG", FR)])
        .args(["--lang", "en", "check", "--help"])
        .output()
        .expect("runs");
    let english = String::from_utf8_lossy(&english.stdout);
    assert!(english.contains("Treat warnings as errors"), "{english}");
    for (args, said) in [
        (
            &["check", "--frmat", "json"][..],
            "erreur : argument inattendu « --frmat »",
        ),
        (
            &["check", "--color", "jamais"][..],
            "erreur : valeur « jamais » invalide",
        ),
        (
            &["log"][..],
            "erreur : ces arguments obligatoires n’ont pas été donnés",
        ),
        (&["chek"][..], "erreur : sous-commande inconnue « chek »"),
    ] {
        let out = codesocial(".", &[("LANG", FR)])
            .args(args)
            .output()
            .expect("runs");
        assert_eq!(out.status.code(), Some(2), "{args:?}");
        let stderr = String::from_utf8_lossy(&out.stderr);
        assert!(stderr.contains(said), "{args:?}: {stderr}");
        assert!(stderr.contains("Pour en savoir plus"), "{stderr}");
        assert!(
            !stderr.contains("tip:") && !stderr.contains("help:"),
            "{stderr}"
        );
    }
}

/// A word marked as code (`` `Decision:` ``, `` `git fetch --unshallow` ``) in one language
/// is marked as code in the other: each `pick(l, "…", "…")` of `src/i18n` holds as many
/// code spans in French as in English (issue 17: the French bilan wrote « Decision: »).
#[test]
fn code_is_marked_in_both_languages() {
    let literal = r#"(?:format!\(\s*)?"((?:[^"\\]|\\.)*)""#;
    let pair = regex::Regex::new(&format!(r"pick\(\s*\w+,\s*{literal}[^,]*?,\s*{literal}"))
        .expect("regex");
    let code = regex::Regex::new(r"`[^`]+`").expect("regex");
    let mut pairs = 0;
    let mut odd = Vec::new();
    for entry in walkdir::WalkDir::new(common::root().join("src/i18n")) {
        let entry = entry.expect("walk");
        if entry.path().extension().is_none_or(|e| e != "rs") {
            continue;
        }
        let source = std::fs::read_to_string(entry.path()).expect("read");
        for m in pair.captures_iter(&source) {
            pairs += 1;
            let (fr, en) = (&m[1], &m[2]);
            if code.find_iter(fr).count() != code.find_iter(en).count() {
                odd.push(format!("{}: {fr} | {en}", entry.path().display()));
            }
        }
    }
    assert!(
        pairs > 200,
        "only {pairs} messages found: the pattern is stale"
    );
    assert!(odd.is_empty(), "{}", odd.join("\n"));
}
