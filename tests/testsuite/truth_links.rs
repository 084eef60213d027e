//! Issue 16 (truth19): link syntax `check` passed while the page showed it as text. Each
//! kind is one warning at the `[`, in both languages, whose help is the fix; the fix
//! followed, `check` says nothing and the page links.

use std::fs;

use crate::common::{copy_dir, root, EN, FR};
use crate::truth::{check_and_build, check_json, crawl};

/// Each case: the annex's line, the code, words of the French and English messages, the
/// line as fixed, what the help quotes (in both languages).
const CASES: &[(&str, &str, &str, &str, &str, &str)] = &[
    (
        "Voir [statuts]\u{a0}(statuts.md).",
        "codesocial::link::space-before-target",
        "une espace insécable",
        "a no-break space",
        "Voir [statuts](statuts.md).",
        "`[statuts](statuts.md)`",
    ),
    (
        "Voir [statuts]\u{202f}(statuts.md).",
        "codesocial::link::space-before-target",
        "une espace insécable",
        "a no-break space",
        "Voir [statuts](statuts.md).",
        "`[statuts](statuts.md)`",
    ),
    (
        "Voir [statuts]\n(statuts.md).",
        "codesocial::link::space-before-target",
        "un retour à la ligne",
        "a line break",
        "Voir [statuts](statuts.md).",
        "`[statuts](statuts.md)`",
    ),
    (
        "Voir [statuts]（statuts.md）.",
        "codesocial::link::fullwidth-parentheses",
        "pleine chasse",
        "full-width",
        "Voir [statuts](statuts.md).",
        "`[statuts](statuts.md)`",
    ),
    (
        "Voir la note[^2].",
        "codesocial::link::undefined-reference",
        "aucune définition `[^2]: …`",
        "no definition `[^2]: …`",
        "Voir la note[^2].\n\n[^2]: le texte de la note",
        "`[^2]: ",
    ),
    (
        "Voir la note[^1].\n\n[^1]: A.\n[^1]: B.",
        "codesocial::link::duplicate-footnote",
        "définie deux fois (déjà ligne 7)",
        "defined twice (already on line 7)",
        "Voir la note[^1].\n\n[^1]: A.",
        "`[^1]: …`",
    ),
];

#[test]
fn link_syntax_shown_as_text_is_one_warning_at_its_place_whose_help_fixes_it() {
    for (line, code, fr, en, fixed, quoted) in CASES {
        let tmp = tempfile::tempdir().expect("tempdir");
        let dir = tmp.path().join("cs");
        copy_dir(&root().join("examples/minimal"), &dir);
        fs::create_dir_all(dir.join("annexes")).expect("mkdir");
        fs::write(
            dir.join("annexes/statuts.md"),
            "---\ntitre: Statuts\n---\n\nTexte.\n",
        )
        .expect("write");
        let notes = |body: &str| format!("---\ntitre: Notes\n---\n\n{body}\n");
        fs::write(dir.join("annexes/notes.md"), notes(line)).expect("write");
        // The line of the `[` the warning is at (the second definition for a note defined
        // twice), and its column.
        let at = if *code == "codesocial::link::duplicate-footnote" {
            8
        } else {
            5
        };
        let column = if at == 8 {
            1
        } else if line.contains("note[") {
            13
        } else {
            6
        };
        for (lang, words) in [(FR, fr), (EN, en)] {
            let all = check_json(&dir, lang);
            assert_eq!(all.len(), 1, "{line:?} {lang}: {all:#?}");
            let d = &all[0];
            assert_eq!(d["code"], *code, "{d}");
            assert_eq!(d["severity"], "warning", "{d}");
            assert_eq!(d["file"], "annexes/notes.md", "{d}");
            assert_eq!(
                (d["line"].as_u64(), d["column"].as_u64()),
                (Some(at), Some(column)),
                "{line:?}: {d}"
            );
            assert!(
                d["message"].as_str().is_some_and(|m| m.contains(words)),
                "{d}"
            );
            let help = d["help"].as_str().unwrap_or_default();
            assert!(help.contains(quoted), "{line:?}: {help}");
        }
        // The help followed: nothing to say, and the page links.
        fs::write(dir.join("annexes/notes.md"), notes(fixed)).expect("write");
        assert!(check_json(&dir, EN).is_empty(), "{fixed:?}");
        let out = tmp.path().join("site");
        let (errors, list) = check_and_build(&dir, &out);
        assert_eq!(errors, 0, "{list:#?}");
        assert!(crawl(&out).is_empty(), "{fixed:?}");
        let page = fs::read_to_string(out.join("annexes/notes/index.html")).expect("page");
        assert!(
            !page.contains("[statuts]") && !page.contains("[^"),
            "{fixed:?}"
        );
    }
}

/// Issue 16 (A): a heading pasted from a PDF holds ligatures (`Oﬃce des ﬂux`, U+FB03 and
/// U+FB02). Its anchor is the one a reader types, `#office-des-flux`: `check` passes the
/// link and the built page holds the id (the crawl finds it). A ligature in a link's
/// target (`modiﬁcation.md`) is named, by code point, with the letters to type.
#[test]
fn ligatures_pasted_from_a_pdf_are_read_as_their_letters_in_anchors_and_named_in_targets() {
    let tmp = tempfile::tempdir().expect("tempdir");
    let dir = tmp.path().join("cs");
    copy_dir(&root().join("examples/cheznous"), &dir);
    let annex = dir.join("annexes/glossaire.md");
    let text = fs::read_to_string(&annex).expect("read");
    fs::write(
        &annex,
        format!("{text}\n## O\u{fb03}ce des \u{fb02}ux\n\nVoir [l’office](#office-des-flux).\n"),
    )
    .expect("write");
    let out = tmp.path().join("site");
    let (errors, list) = check_and_build(&dir, &out);
    assert_eq!(errors, 0, "{list:#?}");
    let problems = crawl(&out);
    assert!(problems.is_empty(), "{problems:#?}");

    fs::write(
        &annex,
        format!("{text}\nVoir [les règles](../modi\u{fb01}cation.md).\n"),
    )
    .expect("write");
    for (lang, named, fix) in [
        (FR, "une ligature (`\u{fb01}`, U+FB01)", "retapez `fi`"),
        (EN, "a ligature (`\u{fb01}`, U+FB01)", "type `fi` again"),
    ] {
        let errors: Vec<_> = check_json(&dir, lang)
            .into_iter()
            .filter(|d| d["severity"] == "error")
            .collect();
        assert_eq!(errors.len(), 1, "{lang}: {errors:#?}");
        let message = errors[0]["message"].as_str().unwrap_or_default();
        let help = errors[0]["help"].as_str().unwrap_or_default();
        assert!(message.contains(named), "{lang}: {message}");
        assert!(help.contains(fix), "{lang}: {help}");
    }
}
