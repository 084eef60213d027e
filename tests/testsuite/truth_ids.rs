//! Issue 16, the ids of a page: every list of items with an `id` (the schemas' arrays
//! whose items have an `id` property: `plans` and `ecosysteme` of `codesocial.yaml`,
//! `enjeux`, `objectifs` and `missions` of `raison-d-etre.md`, `instances` of
//! `modification.md`) rejects an id given twice, with one error at the repeat pointing at
//! the first; and no page built from the examples or the `init` templates holds an id
//! twice.

use std::fs;
use std::path::Path;

use proptest::prelude::*;

use crate::common::{codesocial, copy_dir, root, EN, FR};
use crate::truth::{check_and_build, check_json, crawl, proptest_cases};

/// The id-bearing lists of the format: name, file, whether the site gives each item an
/// anchor of its page (`ecosysteme` has no page), and the code of a repeat (`ecosysteme`'s
/// is its own, which `fetch` reports too).
const LISTS: &[(&str, &str, bool, &str)] = &[
    ("plans", "codesocial.yaml", true, UNIQUE),
    (
        "ecosysteme",
        "codesocial.yaml",
        false,
        "codesocial::ecosysteme::duplicate",
    ),
    ("enjeux", "raison-d-etre.md", true, UNIQUE),
    ("objectifs", "raison-d-etre.md", true, UNIQUE),
    ("missions", "raison-d-etre.md", true, UNIQUE),
    ("instances", "modification.md", true, UNIQUE),
];

const UNIQUE: &str = "codesocial::rule::unique-id";

/// The list names the schemas give to arrays of items with an `id`: the test covers them all.
#[test]
fn the_lists_tested_are_every_id_bearing_list_of_the_schemas() {
    fn walk(root: &serde_json::Value, v: &serde_json::Value, key: &str, out: &mut Vec<String>) {
        let resolve = |v: &'_ serde_json::Value| -> serde_json::Value {
            let mut v = v.clone();
            while let Some(r) = v.get("$ref").and_then(|r| r.as_str()) {
                let path = r.trim_start_matches("#/").split('/');
                let mut target = root;
                for p in path {
                    target = &target[p];
                }
                v = target.clone();
            }
            v
        };
        let v = resolve(v);
        if let Some(items) = v.get("items") {
            let items = resolve(items);
            if items["properties"].get("id").is_some() {
                out.push(key.to_string());
            }
        }
        if let Some(map) = v.as_object() {
            for (k, child) in map {
                if k != "$defs" {
                    walk(root, child, k, out);
                }
            }
        }
    }
    let mut found = Vec::new();
    // The French schemas, `schema/*.json` (the English ones in `schema/en/` are their
    // translation, generated from the same lists).
    for entry in fs::read_dir(root().join("schema")).expect("schema") {
        let path = entry.expect("entry").path();
        if path.extension().is_none_or(|e| e != "json") {
            continue;
        }
        let text = fs::read_to_string(&path).expect("read");
        let schema: serde_json::Value = serde_json::from_str(&text).expect("json");
        walk(&schema, &schema, "", &mut found);
    }
    found.sort();
    found.dedup();
    let mut tested: Vec<String> = LISTS.iter().map(|(l, _, _, _)| l.to_string()).collect();
    tested.sort();
    assert_eq!(found, tested);
}

/// `examples/minimal` with the list `list` holding items of ids `ids`, in order; the
/// 1-based line of each item's `id`.
fn with_list(dir: &Path, list: &str, ids: &[&str]) -> Vec<usize> {
    copy_dir(&root().join("examples/minimal"), dir);
    let (file, head, tail, first_line) = match list {
        "plans" | "ecosysteme" => (
            "codesocial.yaml",
            "codesocial: 1\norganisation:\n  nom: Minimal\n  id: minimal\nplans:\n  - { id: essentiel, titre: L'essentiel }\n".to_string(),
            String::new(),
            if list == "plans" { 7 } else { 8 },
        ),
        "enjeux" | "objectifs" | "missions" => ("raison-d-etre.md", "---\ntitre: Raison d'être\n".into(), "---\n\nTexte.\n".into(), 4),
        _ => (
            "modification.md",
            "---\ntitre: Modalités\nregles:\n  - classe: simple\n    methode: consentement\n".into(),
            "---\n\nTexte.\n".into(),
            7,
        ),
    };
    let mut text = head;
    if list == "ecosysteme" {
        text.push_str("ecosysteme:\n");
    } else if list != "plans" {
        text.push_str(&format!("{list}:\n"));
    }
    let mut lines = Vec::new();
    let mut line = first_line;
    for (k, id) in ids.iter().enumerate() {
        match list {
            "plans" => {
                text.push_str(&format!("  - {{ id: {id}, titre: Plan {k} }}\n"));
                lines.push(line);
                line += 1;
            }
            "instances" => {
                text.push_str(&format!("  - id: {id}\n    titre: Instance {k}\n"));
                lines.push(line);
                line += 2;
            }
            "ecosysteme" => {
                text.push_str(&format!("  - id: {id}\n    source: ../{id}\n"));
                lines.push(line);
                line += 2;
            }
            _ => {
                text.push_str(&format!("  - id: {id}\n    titre: Élément {k}\n"));
                lines.push(line);
                line += 2;
            }
        }
    }
    text.push_str(&tail);
    fs::write(dir.join(file), text).expect("write");
    lines
}

/// For every list, in both languages: one error at the repeated `id`, naming the list and
/// the first's line, and nothing else.
#[test]
fn a_repeated_id_in_any_list_gives_one_error_at_the_repeat_in_both_languages() {
    for (list, file, _, code) in LISTS {
        let tmp = tempfile::tempdir().expect("tempdir");
        let dir = tmp.path().join("cs");
        let lines = with_list(&dir, list, &["alpha", "beta", "alpha"]);
        for (lang, words) in [
            (
                FR,
                format!(
                    "identifiant `alpha` déjà utilisé dans `{list}` (ligne {})",
                    lines[0]
                ),
            ),
            (
                EN,
                format!(
                    "identifier `alpha` already used in `{list}` (line {})",
                    lines[0]
                ),
            ),
        ] {
            let errors: Vec<_> = check_json(&dir, lang)
                .into_iter()
                .filter(|d| d["severity"] == "error")
                .collect();
            assert_eq!(errors.len(), 1, "{list} {lang}: {errors:#?}");
            let d = &errors[0];
            assert_eq!(d["code"], *code, "{d}");
            assert_eq!(d["file"], *file, "{d}");
            assert_eq!(d["line"], lines[2], "{list}: {d}");
            if *code == UNIQUE {
                assert_eq!(d["message"], words.as_str(), "{d}");
                assert!(d["help"].as_str().is_some_and(|h| h.contains(list)), "{d}");
            }
        }
    }
}

proptest! {
    #![proptest_config(ProptestConfig { cases: proptest_cases(32), ..ProptestConfig::default() })]

    /// Any list, any ids: one error at each repeat (at its line), none when the ids
    /// differ; and the built page holds an id twice exactly when `check` reported a repeat
    /// of a list the page anchors. (`ecosysteme`, read by the command around `check`, not
    /// by `check` in process, is in the test above.)
    #[test]
    fn every_repeat_in_an_id_list_is_one_error_and_the_only_way_to_a_duplicate_html_id(
        which in prop::sample::select(
            (0..LISTS.len()).filter(|&k| LISTS[k].0 != "ecosysteme").collect::<Vec<_>>()
        ),
        ids in prop::collection::vec(prop::sample::select(vec!["a", "b", "c-1", "d"]), 1..6),
    ) {
        let (list, _, anchored, code) = LISTS[which];
        let tmp = tempfile::tempdir().expect("tempdir");
        let dir = tmp.path().join("cs");
        let lines = with_list(&dir, list, &ids);
        let mut expected = Vec::new();
        for (k, id) in ids.iter().enumerate() {
            if let Some(first) = ids[..k].iter().position(|i| i == id) {
                expected.push((lines[k], lines[first]));
            }
        }
        let loaded = codesocial::testing::load(&codesocial::testing::DirSource::new(&dir)).expect("load");
        let checked = codesocial::testing::check(loaded, None);
        let got: Vec<(usize, String)> = checked
            .diagnostics
            .iter()
            .filter(|d| d.code == code)
            .map(|d| (d.line.unwrap_or(0), d.message.clone()))
            .collect();
        prop_assert_eq!(got.len(), expected.len(), "{} {:?}: {:#?}", list, ids, got);
        for ((line, message), (at, first)) in got.iter().zip(&expected) {
            prop_assert_eq!(line, at);
            if code == UNIQUE {
                prop_assert!(message.ends_with(&format!(" {first})")), "{}", message);
                prop_assert!(message.contains(list), "{}", message);
            }
        }
        prop_assert!(
            checked.diagnostics.iter().all(|d| !d.is_error() || d.code == code),
            "{:#?}", checked.diagnostics
        );
        let out = tmp.path().join("site");
        let (errors, _) = check_and_build(&dir, &out);
        let twice: Vec<String> = crawl(&out).into_iter().filter(|p| p.contains("twice")).collect();
        if anchored {
            prop_assert_eq!(errors == 0, twice.is_empty(), "{:?}: {:#?}", ids, twice);
        } else {
            prop_assert!(twice.is_empty(), "{:#?}", twice);
        }
    }
}

/// The sites of the examples and of what `init` writes (both languages of content): no
/// page holds an id twice, and the crawl finds every link whole.
#[test]
fn the_sites_of_the_examples_and_the_init_templates_hold_each_id_once() {
    let tmp = tempfile::tempdir().expect("tempdir");
    let mut sources = vec![
        root().join("examples/cheznous"),
        root().join("examples/minimal"),
    ];
    for langue in ["fr", "en"] {
        let dir = tmp.path().join(format!("init-{langue}"));
        codesocial(FR)
            .args([
                "init",
                "--no-git",
                "--ci",
                "aucune",
                "--langue",
                langue,
                "--nom",
                "Les Amis du Lavoir",
            ])
            .arg(&dir)
            .assert()
            .success();
        sources.push(dir);
    }
    for (k, dir) in sources.iter().enumerate() {
        let out = tmp.path().join(format!("site-{k}"));
        let (errors, list) = check_and_build(dir, &out);
        assert_eq!(errors, 0, "{}: {list:#?}", dir.display());
        let problems = crawl(&out);
        assert!(problems.is_empty(), "{}: {problems:#?}", dir.display());
    }
}

/// A heading whose anchor is one of the page's own ids (its template's: `cs-main` on every
/// page, `cs-history` on a principle's, `classe-simple` on the rules') takes another id,
/// so a link to the anchor reaches the site's section: one warning at each such heading,
/// in both languages, naming the id it takes; the built pages hold each id once.
#[test]
fn headings_never_take_the_site_s_own_ids_and_say_so() {
    let tmp = tempfile::tempdir().expect("tempdir");
    let dir = tmp.path().join("cs");
    copy_dir(&root().join("examples/minimal"), &dir);
    let principle = "---\ntitre: Écoute\nstatut: adopte\nadopte_le: 2025-01-01\nclasse: simple\n---\n\n## cs-history\n\nA\n\n## CS Main\n\nB\n\n## Écoute\n\n[a](#cs-history) [b](#cs-main-1)\n";
    fs::write(dir.join("principes/essentiel/ecoute.md"), principle).expect("write");
    let rules = "---\ntitre: Modalités\nregles:\n  - classe: simple\n    methode: consentement\n---\n\n## Classe simple\n\nTexte.\n";
    fs::write(dir.join("modification.md"), rules).expect("write");
    let expected = [
        ("modification.md", 8, "classe-simple", "classe-simple-1"),
        (
            "principes/essentiel/ecoute.md",
            8,
            "cs-history",
            "cs-history-1",
        ),
        ("principes/essentiel/ecoute.md", 12, "cs-main", "cs-main-1"),
    ];
    for (lang, words) in [(FR, "identifiant"), (EN, "the id")] {
        let all = check_json(&dir, lang);
        let got: Vec<_> = all
            .iter()
            .filter(|d| d["code"] == "codesocial::link::heading-anchor-taken")
            .collect();
        assert_eq!(got.len(), expected.len(), "{all:#?}");
        assert!(all.iter().all(|d| d["severity"] != "error"), "{all:#?}");
        for (d, (file, line, anchor, given)) in got.iter().zip(expected) {
            assert_eq!(d["file"], file, "{d}");
            assert_eq!(d["line"], line, "{d}");
            assert_eq!(d["column"], 1, "{d}");
            let message = d["message"].as_str().unwrap_or_default();
            assert!(message.contains(&format!("`#{anchor}`")), "{d}");
            assert!(message.contains(&format!("{words} `{given}`")), "{d}");
            assert!(
                d["help"]
                    .as_str()
                    .is_some_and(|h| h.contains(&format!("`#{given}`"))),
                "{d}"
            );
        }
    }
    let out = tmp.path().join("site");
    let (errors, list) = check_and_build(&dir, &out);
    assert_eq!(errors, 0, "{list:#?}");
    let problems = crawl(&out);
    assert!(problems.is_empty(), "{problems:#?}");
}

/// An id written with what an id may not hold (an accent, a capital, a space) is one
/// error, at the id, whose hint is the fixed form; meanwhile the id stands under that
/// form, so what cites it rightly (a mission's `objectifs`, a plan's folder, a rule's
/// `decide_par`) raises no second error contradicting the hint.
#[test]
fn an_id_written_wrongly_is_one_error_and_stands_under_its_fixed_form() {
    for (written, fixed) in [
        ("rendre-lisiblé", "rendre-lisible"),
        ("Écologie", "ecologie"),
        ("Assemblée générale", "assemblee-generale"),
    ] {
        let cases: Vec<(&str, String)> = vec![
            (
                "raison-d-etre.md",
                format!("---\ntitre: Raison\nobjectifs:\n  - id: {written}\n    titre: O\nmissions:\n  - id: m\n    titre: M\n    objectifs: [{fixed}]\n---\n\nTexte.\n"),
            ),
            (
                "codesocial.yaml",
                format!("codesocial: 1\norganisation:\n  nom: Minimal\n  id: minimal\nplans:\n  - {{ id: {written}, titre: Plan }}\n  - {{ id: essentiel, titre: L'essentiel }}\n"),
            ),
            (
                "modification.md",
                format!("---\ntitre: Modalités\ninstances:\n  - id: {written}\n    titre: I\nregles:\n  - classe: simple\n    methode: consentement\n    decide_par: [{fixed}]\n---\n\nTexte.\n"),
            ),
        ];
        for (file, text) in cases {
            let tmp = tempfile::tempdir().expect("tempdir");
            let dir = tmp.path().join("cs");
            copy_dir(&root().join("examples/minimal"), &dir);
            fs::write(dir.join(file), &text).expect("write");
            if file == "codesocial.yaml" {
                // The plan's folder, named rightly.
                let folder = dir.join("principes").join(fixed);
                fs::create_dir_all(&folder).expect("mkdir");
                let principle = "---\ntitre: P\nstatut: adopte\nadopte_le: 2025-01-01\nclasse: simple\n---\n\nTexte.\n";
                fs::write(folder.join("p.md"), principle).expect("write");
            }
            for (lang, words) in [(FR, "écrivez"), (EN, "write")] {
                let errors: Vec<_> = check_json(&dir, lang)
                    .into_iter()
                    .filter(|d| d["severity"] == "error")
                    .collect();
                assert_eq!(errors.len(), 1, "{file} {written:?} {lang}: {errors:#?}");
                let d = &errors[0];
                assert_eq!(d["code"], "codesocial::schema::format", "{d}");
                assert_eq!(d["file"], file, "{d}");
                let line = text
                    .lines()
                    .position(|l| l.contains(written))
                    .expect("line")
                    + 1;
                assert_eq!(d["line"], line, "{d}");
                let help = d["help"].as_str().unwrap_or_default();
                assert!(help.contains(&format!("{words} `{fixed}`")), "{d}");
            }
        }
    }
}
