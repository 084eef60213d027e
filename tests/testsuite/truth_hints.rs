//! Issue 16 (truth19): a hint never invents a value. What it shows to write is made of
//! the digits the user typed (`31 décembre 2026` → `2026-12-31`, `v3` → `3`), or of
//! visible placeholders (`AAAA-MM-JJ`, `N`) where the text does not say the value
//! (`le 3 décembre` has no year, `26` no century): never a plausible real value.

use std::fs;
use std::path::Path;

use proptest::prelude::*;

use crate::common::{copy_dir, root, EN, FR};
use crate::truth::{check_json, proptest_cases};

/// The numbers written in `text`, as numbers (`03` is 3).
fn numbers(text: &str) -> Vec<u64> {
    text.split(|c: char| !c.is_ascii_digit())
        .filter(|p| !p.is_empty())
        .filter_map(|p| p.parse().ok())
        .collect()
}

/// The spans between backquotes of a help.
fn quoted(help: &str) -> Vec<&str> {
    help.split('`').skip(1).step_by(2).collect()
}

/// `examples/minimal` with one principle per value, the value at `key`.
fn principles(dir: &Path, key: &str, values: &[String]) {
    copy_dir(&root().join("examples/minimal"), dir);
    for (k, v) in values.iter().enumerate() {
        let front = match key {
            "adopte_le" => format!("titre: P{k}\nstatut: adopte\nclasse: simple\nadopte_le: {v}\n"),
            _ => format!(
                "titre: P{k}\nstatut: adopte\nclasse: simple\nadopte_le: 2025-01-01\n{key}: {v}\n"
            ),
        };
        let text = format!("---\n{front}---\n\nTexte.\n");
        fs::write(dir.join(format!("principes/essentiel/p{k}.md")), text).expect("write");
    }
}

/// Every number a help quotes for the value `value` is one of its own numbers (or, for a
/// day the month does not have, its last day), and the errors are one per value.
fn hints_use_the_digits_typed(key: &str, values: &[String]) -> Result<(), TestCaseError> {
    let tmp = tempfile::tempdir().expect("tempdir");
    let dir = tmp.path().join("cs");
    principles(&dir, key, values);
    let loaded =
        codesocial::testing::load(&codesocial::testing::DirSource::new(&dir)).expect("load");
    let checked = codesocial::testing::check(loaded, None);
    for (k, value) in values.iter().enumerate() {
        let file = format!("principes/essentiel/p{k}.md");
        let here: Vec<_> = checked
            .diagnostics
            .iter()
            .filter(|d| d.file.as_deref() == Some(file.as_str()) && d.is_error())
            .collect();
        prop_assert!(here.len() <= 1, "{}: {:#?}", value, here);
        // The numbers typed, and the months typed by name.
        let mut own = numbers(value);
        let lower = value.to_lowercase();
        for (name, n) in [
            ("déc", 12),
            ("dec", 12),
            ("mars", 3),
            ("sept", 9),
            ("may", 5),
        ] {
            if lower.contains(name) {
                own.push(n);
            }
        }
        for d in here {
            let help = d.help.clone().unwrap_or_default();
            for q in quoted(&help) {
                for n in numbers(q) {
                    // A day the month lacks: its last day; decimals in a whole number:
                    // the whole numbers on either side.
                    let last_day = help.contains("has only") && (28..=31).contains(&n);
                    let beside = help.contains("without decimals")
                        && (own.contains(&n.saturating_sub(1)) || own.contains(&(n + 1)));
                    prop_assert!(
                        own.contains(&n) || last_day || beside,
                        "`{}: {}`: the help quotes {} ({}), not typed: {}",
                        key,
                        value,
                        n,
                        q,
                        help
                    );
                }
            }
        }
    }
    Ok(())
}

/// Dates as people type them: the parts in any order, with any separator, month names,
/// ordinals, two-digit or missing years, quotes of any kind, a time of day.
fn typed_date() -> impl Strategy<Value = String> {
    let day = 0u32..34;
    let month = prop_oneof![
        (1u32..14).prop_map(|m| format!("{m:02}")),
        (1u32..13).prop_map(|m| m.to_string()),
        prop::sample::select(vec!["décembre", "dec", "mars", "septembre", "May"])
            .prop_map(String::from),
    ];
    let year = prop_oneof![
        (1990u32..2040).prop_map(|y| y.to_string()),
        (0u32..100).prop_map(|y| format!("{y:02}")),
        Just(String::new()),
    ];
    let sep = prop::sample::select(vec!["-", "/", ".", " ", "–"]);
    let order = 0u8..3;
    let wrap = prop::sample::select(vec![
        ("", ""),
        ("“", "”"),
        ("«\u{a0}", "\u{a0}»"),
        ("le ", ""),
        ("", " 10h"),
        ("", " 14h30"),
        ("", "T10:00"),
    ]);
    (day, month, year, sep, order, wrap).prop_map(|(d, m, y, sep, order, (open, close))| {
        let d = if d == 1 && m.len() > 2 {
            "1er".to_string()
        } else {
            d.to_string()
        };
        let parts: Vec<&str> = match order {
            0 => vec![&y, &m, &d],
            1 => vec![&d, &m, &y],
            _ => vec![&m, &d, &y],
        };
        let parts: Vec<&str> = parts.into_iter().filter(|p| !p.is_empty()).collect();
        let date = parts.join(sep);
        // Quoted for YAML: a `"…"` around what holds `:` or starts with a quote.
        let v = format!("{open}{date}{close}");
        if v.contains(':') || v.starts_with(['«', '“']) {
            format!("'{v}'")
        } else {
            v
        }
    })
}

/// Whole numbers as people type them: `v3`, `n°2`, `3e`, `1,0`, words.
fn typed_whole_number() -> impl Strategy<Value = String> {
    let n = 0u32..200;
    let around = prop::sample::select(vec![
        ("v", ""),
        ("V ", ""),
        ("n°", ""),
        ("'#", "'"),
        ("", "e"),
        ("", "ème"),
        ("", ",0"),
        ("", ",5"),
        ("", " fois"),
        ("version ", ""),
        ("", "rd"),
    ]);
    prop_oneof![
        (n, around).prop_map(|(n, (a, b))| format!("{a}{n}{b}")),
        prop::sample::select(vec!["première", "deux", "dernière", "x"]).prop_map(String::from),
    ]
}

proptest! {
    #![proptest_config(ProptestConfig { cases: proptest_cases(12), ..ProptestConfig::default() })]

    #[test]
    fn date_hints_use_the_digits_typed_or_placeholders(values in prop::collection::vec(typed_date(), 1..25)) {
        hints_use_the_digits_typed("adopte_le", &values)?;
    }

    #[test]
    fn whole_number_hints_use_the_digits_typed_or_placeholders(values in prop::collection::vec(typed_whole_number(), 1..25)) {
        hints_use_the_digits_typed("version", &values)?;
    }
}

/// The tester's cases, in both languages: the value typed, and what the help quotes.
#[test]
fn the_hints_of_the_reported_cases_in_both_languages() {
    let cases: &[(&str, &str, &str, &str, &str)] = &[
        (
            "adopte_le",
            "le 3 décembre",
            "codesocial::schema::format",
            "`AAAA-12-03`",
            "`YYYY-12-03`",
        ),
        (
            "adopte_le",
            "31/12/26",
            "codesocial::schema::format",
            "`AAAA-12-31`",
            "`YYYY-12-31`",
        ),
        (
            "adopte_le",
            "2026-12-03 10h",
            "codesocial::schema::format",
            "`2026-12-03`",
            "`2026-12-03`",
        ),
        (
            "adopte_le",
            "13/31/2026",
            "codesocial::schema::format",
            "`AAAA-MM-JJ`",
            "`YYYY-MM-DD`",
        ),
        (
            "adopte_le",
            "2026-02-30",
            "codesocial::date::invalid",
            "février 2026 n’a que 28 jours",
            "February 2026 has only 28 days",
        ),
        (
            "adopte_le",
            "2026",
            "codesocial::schema::type",
            "`adopte_le: 2026-MM-JJ`",
            "`adopte_le: 2026-MM-DD`",
        ),
        (
            "version",
            "v3",
            "codesocial::schema::type",
            "`version: 3`",
            "`version: 3`",
        ),
        (
            "version",
            "1,0",
            "codesocial::schema::type",
            "`version: 1`",
            "`version: 1`",
        ),
        (
            "version",
            "première",
            "codesocial::schema::type",
            "`N`",
            "`N`",
        ),
    ];
    let tmp = tempfile::tempdir().expect("tempdir");
    let dir = tmp.path().join("cs");
    let values: Vec<String> = cases.iter().map(|c| c.1.to_string()).collect();
    // One key per run: the dates, then the versions.
    for key in ["adopte_le", "version"] {
        let _ = fs::remove_dir_all(&dir);
        let of_key: Vec<String> = cases
            .iter()
            .zip(&values)
            .filter(|(c, _)| c.0 == key)
            .map(|(_, v)| v.clone())
            .collect();
        principles(&dir, key, &of_key);
        for (lang, pick) in [(FR, 0), (EN, 1)] {
            let all = check_json(&dir, lang);
            for (k, case) in cases.iter().filter(|c| c.0 == key).enumerate() {
                let file = format!("principes/essentiel/p{k}.md");
                let here: Vec<_> = all
                    .iter()
                    .filter(|d| d["file"] == file.as_str() && d["severity"] == "error")
                    .collect();
                assert_eq!(here.len(), 1, "{case:?}: {here:#?}");
                let d = here[0];
                assert_eq!(d["code"], case.2, "{case:?}: {d}");
                assert_eq!(d["line"], if key == "adopte_le" { 5 } else { 6 }, "{d}");
                let help = d["help"].as_str().unwrap_or_default();
                let want = if pick == 0 { case.3 } else { case.4 };
                assert!(help.contains(want), "{case:?} {lang}: {help}");
                if key == "adopte_le" && case.1 == "2026" {
                    let message = d["message"].as_str().unwrap_or_default();
                    assert!(
                        message.contains(if pick == 0 { "une date" } else { "a date" }),
                        "{d}"
                    );
                }
            }
        }
    }
}

/// A document saved as text with no front matter (`annexes/notes.txt`) is one error, the
/// rename, whose help also gives the front matter, in both languages.
#[test]
fn a_document_saved_as_text_without_front_matter_is_one_error() {
    let tmp = tempfile::tempdir().expect("tempdir");
    let dir = tmp.path().join("cs");
    copy_dir(&root().join("examples/minimal"), &dir);
    fs::create_dir_all(dir.join("annexes")).expect("mkdir");
    fs::write(dir.join("annexes/notes.txt"), "Notes brutes\n\nTexte.\n").expect("write");
    for (lang, rename, front) in [
        (
            FR,
            "renommez-le en `annexes/notes.md`",
            "commencez le fichier par un en-tête",
        ),
        (
            EN,
            "rename it to `annexes/notes.md`",
            "start the file with front matter",
        ),
    ] {
        let errors: Vec<_> = check_json(&dir, lang)
            .into_iter()
            .filter(|d| d["severity"] == "error")
            .collect();
        assert_eq!(errors.len(), 1, "{lang}: {errors:#?}");
        let d = &errors[0];
        assert_eq!(d["code"], "codesocial::layout::extension", "{d}");
        assert_eq!(d["file"], "annexes/notes.txt", "{d}");
        let help = d["help"].as_str().unwrap_or_default();
        assert!(help.contains(rename) && help.contains(front), "{d}");
    }
}

/// Issue 16: a number or a boolean where a list wants text, in a flow list or a block list,
/// is hinted with the item alone, as typed (`"1.50"`), never with its index as a key
/// (`1: "2024"`, which would make a mapping of the list) nor the number YAML read (`1.5`).
#[test]
fn a_hint_for_an_item_of_a_list_shows_the_item_as_typed() {
    for (list, items) in [
        ("mots_cles: [confiance, 2024, 1.50, oui]", [6, 6]),
        (
            "mots_cles:\n  - confiance\n  - 2024\n  - 1.50\n  - oui",
            [8, 9],
        ),
    ] {
        let tmp = tempfile::tempdir().expect("tempdir");
        let dir = tmp.path().join("cs");
        copy_dir(&root().join("examples/minimal"), &dir);
        let front =
            format!("titre: P\nstatut: adopte\nclasse: simple\nadopte_le: 2025-01-01\n{list}\n");
        let text = format!("---\n{front}---\n\nTexte.\n");
        fs::write(dir.join("principes/essentiel/p.md"), text).expect("write");
        for (lang, quote) in [(FR, "mettez-le entre guillemets"), (EN, "quote it")] {
            let errors: Vec<_> = check_json(&dir, lang)
                .into_iter()
                .filter(|d| d["file"] == "principes/essentiel/p.md" && d["severity"] == "error")
                .collect();
            // `oui` is text to YAML 1.2: only the two numbers are errors.
            assert_eq!(errors.len(), 2, "{list} {lang}: {errors:#?}");
            for (d, (typed, line)) in errors.iter().zip([("2024", items[0]), ("1.50", items[1])]) {
                assert_eq!(d["code"], "codesocial::schema::type", "{d}");
                assert_eq!(d["line"], line, "{list}: {d}");
                let help = d["help"].as_str().unwrap_or_default();
                assert!(
                    help.contains(quote) && help.ends_with(&format!("`\"{typed}\"`")),
                    "{list} {lang}: {help}"
                );
            }
        }
    }
}

/// Issue 16: an item twice in a list of unique items is one error at its second place,
/// naming the item and the line of the first; when the two differ only by their Unicode
/// form (composed and decomposed accents), the message says so.
#[test]
fn a_duplicate_item_is_named_at_its_second_place() {
    for (items, forms) in [
        (["\u{e9}t\u{e9}", "e\u{301}te\u{301}"], true),
        (["\u{e9}t\u{e9}", "\u{e9}t\u{e9}"], false),
    ] {
        let tmp = tempfile::tempdir().expect("tempdir");
        let dir = tmp.path().join("cs");
        copy_dir(&root().join("examples/minimal"), &dir);
        let front = format!(
            "titre: P\nstatut: adopte\nclasse: simple\nadopte_le: 2025-01-01\nmots_cles:\n  - {}\n  - confiance\n  - {}\n",
            items[0], items[1]
        );
        fs::write(
            dir.join("principes/essentiel/p.md"),
            format!("---\n{front}---\n\nTexte.\n"),
        )
        .expect("write");
        for (lang, twice, differ) in [
            (
                FR,
                "`été` figure deux fois dans la liste (déjà ligne 7)",
                "accents composés et décomposés",
            ),
            (
                EN,
                "`été` stands twice in the list (already on line 7)",
                "composed and decomposed accents",
            ),
        ] {
            let errors: Vec<_> = check_json(&dir, lang)
                .into_iter()
                .filter(|d| d["severity"] == "error")
                .collect();
            assert_eq!(errors.len(), 1, "{lang}: {errors:#?}");
            let d = &errors[0];
            assert_eq!(
                (d["line"].as_u64(), d["column"].as_u64()),
                (Some(9), Some(5)),
                "{d}"
            );
            let message = d["message"].as_str().unwrap_or_default();
            assert!(message.contains(twice), "{message}");
            assert_eq!(message.contains(differ), forms, "{message}");
        }
    }
}
