//! The mistakes people make in front matter, YAML values, file names and raw HTML, each
//! as a row of one table: written over `examples/minimal`, `check` must give exactly one
//! diagnostic, with its code, at the mistake (line and column in characters, marked `⁂` in
//! the row's text), with a message in each language (not the other's) and a help holding
//! the fix. A property test moves each YAML mistake among the other keys: the line follows.

use std::fs;
use std::path::Path;

use proptest::prelude::*;

use crate::common::{copy_dir, root};

/// Where the mistake is: `⁂` in the text, or nowhere (a diagnostic on the whole file).
const MARK: char = '⁂';

/// One mistake: its files (the first holds the diagnostic), what `check` must say.
struct Row {
    name: &'static str,
    files: Vec<(&'static str, String)>,
    code: &'static str,
    /// Fragments the help holds, English then French.
    help: (&'static str, &'static str),
}

const ECOUTE: &str = "principes/essentiel/ecoute.md";

/// A principle whose front matter is the usual keys, then `extra` (and `titre` first).
fn principle(titre: &str, extra: &str) -> String {
    format!(
        "---\n{titre}\nstatut: adopte\nadopte_le: 2025-01-01\nclasse: simple\n{extra}---\n\nChacun est écouté.\n"
    )
}

fn offer(tarif: &str) -> String {
    format!("---\ntitre: Atelier\ntype: service\nmembres: [alex]\n{tarif}\n---\n\nUn atelier.\n")
}

fn matrix(valeur: &str) -> String {
    format!(
        "titre: M\nflux:\n  - de: alex\n    vers: bea\n    richesse: Argent\n    nature: materielle\n    mesure: quantitative\n    {valeur}\n    unite: EUR\n"
    )
}

fn row(
    name: &'static str,
    path: &'static str,
    text: String,
    code: &'static str,
    help: (&'static str, &'static str),
) -> Row {
    Row {
        name,
        files: vec![(path, text)],
        code,
        help,
    }
}

fn table() -> Vec<Row> {
    let mut rows = rows();
    for row in &mut rows {
        if row.files[0].0 == "matrices/m.yaml" {
            row.files.push((
                "membres/bea.md",
                "---\nnom: Béa\ntype: personne\n---\n".into(),
            ));
        }
    }
    rows
}

fn rows() -> Vec<Row> {
    let t = |s: &str| format!("titre: {s}");
    let ok = "titre: Écoute";
    vec![
        row("tab", ECOUTE, principle(ok, "mots_cles:\n  - a\n⁂\t- b\n"), "codesocial::yaml::syntax", ("tab", "tabulation")),
        row("nbsp-after-colon", ECOUTE, principle("titre:⁂\u{a0}Écoute", ""), "codesocial::yaml::syntax", ("ordinary space", "espace ordinaire")),
        row("no-space-after-colon", ECOUTE, principle("titre⁂:Écoute", ""), "codesocial::yaml::syntax", ("titre: value", "titre: valeur")),
        row("colon-in-value", ECOUTE, principle("titre: Écoute⁂: la base", ""), "codesocial::yaml::syntax", ("\"Écoute: la base\"", "\"Écoute: la base\"")),
        row("text-after-quote", ECOUTE, principle("titre: \"Écoute\" ⁂des autres", ""), "codesocial::yaml::syntax", ("'\"Écoute\" des autres'", "'\"Écoute\" des autres'")),
        row("quote-open-across-lines", ECOUTE, principle("titre: ⁂\"Écoute", "resume: \"Un résumé\"\n"), "codesocial::yaml::syntax", ("close the value", "refermez la valeur")),
        row("commented-value", ECOUTE, principle(ok, "resume: ⁂#important\n"), "codesocial::yaml::commented-value", ("\"#important\"", "\"#important\"")),
        row("commented-list-item", ECOUTE, principle(ok, "mots_cles:\n  - ⁂#confiance\n"), "codesocial::yaml::commented-value", ("\"#confiance\"", "\"#confiance\"")),
        row("hash-first-in-flow", ECOUTE, principle(ok, "mots_cles: [⁂#confiance]\n"), "codesocial::yaml::syntax", ("`\"#confiance\"`", "`\"#confiance\"`")),
        row("quote-in-hashtag-value", ECOUTE, principle(&t("⁂Le \"grand\" #CodeSocial"), ""), "codesocial::yaml::hashtag-comment", ("'Le \"grand\" #CodeSocial'", "'Le \"grand\" #CodeSocial'")),
        row("year-as-text", ECOUTE, principle(&t("⁂2024"), ""), "codesocial::schema::type", ("titre: \"2024\"", "titre: \"2024\"")),
        row("quoted-version", ECOUTE, principle(ok, "version: ⁂\"2\"\n"), "codesocial::schema::type", ("version: 2", "version: 2")),
        row("list-as-sentence", ECOUTE, principle(ok, "responsables: ⁂alex, bea\n"), "codesocial::schema::type", ("[alex, bea]", "[alex, bea]")),
        row("impossible-date", ECOUTE, principle(ok, "abroge_le: ⁂2025-13-01\n"), "codesocial::date::invalid", ("check the day", "vérifiez le jour")),
        row("unpadded-date", ECOUTE, principle(ok, "abroge_le: ⁂2025-1-5\n"), "codesocial::schema::format", ("`2025-01-05`", "`2025-01-05`")),
        row("date-with-time", ECOUTE, principle(ok, "abroge_le: ⁂2025-03-12T10:00:00\n"), "codesocial::schema::format", ("`2025-03-12`", "`2025-03-12`")),
        row("en-dash-date", ECOUTE, principle(ok, "abroge_le: ⁂2025\u{2013}03\u{2013}12\n"), "codesocial::schema::format", ("`-`", "`-`")),
        row("decimal-comma", "matrices/m.yaml", matrix("valeur: ⁂850,50"), "codesocial::schema::type", ("`850.50`", "`850.50`")),
        row("grouped-decimal", "matrices/m.yaml", matrix("valeur: ⁂1 200,50"), "codesocial::schema::type", ("`1200.50`", "`1200.50`")),
        row("dotted-thousands", "matrices/m.yaml", matrix("valeur: ⁂1.200,50"), "codesocial::schema::type", ("`1200.50`", "`1200.50`")),
        row("currency-sign", "matrices/m.yaml", matrix("valeur: ⁂3200 €"), "codesocial::schema::type", ("`3200`", "`3200`")),
        row("quoted-number", "matrices/m.yaml", matrix("valeur: ⁂\"3200\""), "codesocial::schema::type", ("valeur: 3200", "valeur: 3200")),
        row("tarif-grouped", "catalogue/atelier.md", offer("tarif: { montant: ⁂1 200, devise: EUR }"), "codesocial::schema::type", ("`1200`", "`1200`")),
        row("tarif-comma-in-flow", "catalogue/atelier.md", offer("tarif: { montant: ⁂450,50, devise: EUR }"), "codesocial::schema::type", ("`450.50`", "`450.50`")),
        row("milestone-date-in-words", "histoire.md", "---\ntitre: Histoire\njalons:\n  - date: 2011\n    titre: A\n  - date: ⁂mai 2013\n    titre: B\n  - date: 2014\n    titre: C\n---\n".into(), "codesocial::schema::format", ("`2013-05`", "`2013-05`")),
        row("acteurs-as-sentence", "histoire.md", "---\ntitre: Histoire\njalons:\n  - date: 2011\n    titre: A\n    acteurs: ⁂alex, alex\n---\n".into(), "codesocial::schema::type", ("[alex, alex]", "[alex, alex]")),
        row("unclosed-front-matter", ECOUTE, format!("---\n{ok}\nstatut: adopte\nadopte_le: 2025-01-01\n\n⁂Chacun est écouté.\n\n---\n\nSuite.\n"), "codesocial::front-matter::unterminated", ("`---`", "`---`")),
        row("em-dash-delimiter", ECOUTE, format!("⁂———\n{ok}\nstatut: adopte\nadopte_le: 2025-01-01\n---\n"), "codesocial::front-matter::missing", ("`---`", "`---`")),
        row("empty-member", "membres/alex.md", String::new(), "codesocial::front-matter::empty", ("nom: …", "nom: …")),
        row("member-without-front-matter", "membres/alex.md", "⁂Alex\n".into(), "codesocial::front-matter::missing", ("type: …", "type: …")),
        row("duplicate-raw-id", "annexes/a.md", "---\ntitre: A\n---\n\n[x](#x) <a id=\"x\"></a>\n\n<span id=\"⁂x\">y</span>\n".into(), "codesocial::link::duplicate-id", ("`id`", "`id`")),
        row("raw-id-with-space", "annexes/a.md", "---\ntitre: A\n---\n\n<a id=\"⁂art 3\"></a>\n".into(), "codesocial::link::invalid-id", ("`art-3`", "`art-3`")),
        row("link-to-hidden-folder", "annexes/a.md", "---\ntitre: A\n---\n\n[ci](⁂../.github/workflows/ci.yml)\n".into(), "codesocial::link::not-published", ("https://", "https://")),
        row("name-instead-of-id", "annexes/a.md", "---\ntitre: A\n---\n\n<a name=\"art-4\"></a> [4](⁂#art-4)\n".into(), "codesocial::link::anchor", ("id=\"art-4\"", "id=\"art-4\"")),
        row("missing-extension-in-link", "annexes/a.md", "---\ntitre: A\n---\n\n[alex](⁂../membres/alex)\n".into(), "codesocial::link::file", ("alex.md", "alex.md")),
        Row {
            name: "capital-in-file-name",
            files: vec![
                ("principes/essentiel/Ecoute.md", principle(ok, "")),
                (ECOUTE, "\u{0}remove".into()),
            ],
            code: "codesocial::layout::invalid-id",
            help: ("`ecoute.md`", "`ecoute.md`"),
        },
        Row {
            name: "markdown-extension-in-capitals",
            files: vec![
                ("principes/essentiel/ecoute.MD", principle(ok, "")),
                (ECOUTE, "\u{0}remove".into()),
            ],
            code: "codesocial::layout::extension",
            help: ("ecoute.md", "ecoute.md"),
        },
    ]
}

/// One diagnostic as JSON gives it.
#[derive(Debug)]
struct Said {
    code: String,
    file: Option<String>,
    line: Option<u64>,
    column: Option<u64>,
    message: String,
    help: String,
}

fn check(dir: &Path, lang: &str) -> Vec<Said> {
    crate::truth::check_json(dir, lang)
        .iter()
        .map(|d| Said {
            code: d["code"].as_str().unwrap_or_default().to_string(),
            file: d["file"].as_str().map(str::to_string),
            line: d["line"].as_u64(),
            column: d["column"].as_u64(),
            message: d["message"].as_str().unwrap_or_default().to_string(),
            help: d["help"].as_str().unwrap_or_default().to_string(),
        })
        .collect()
}

/// Writes the row's files over `examples/minimal` (a text `\0remove` deletes the file);
/// returns the place marked, as (line, column in characters), if any.
fn write(dir: &Path, files: &[(&str, String)]) -> Option<(u64, u64)> {
    copy_dir(&root().join("examples/minimal"), dir);
    let mut mark = None;
    for (i, (path, text)) in files.iter().enumerate() {
        let full = dir.join(path);
        if text == "\u{0}remove" {
            fs::remove_file(&full).expect("remove");
            continue;
        }
        if i == 0 {
            mark = text.find(MARK).map(|at| {
                let before = &text[..at];
                let line = before.matches('\n').count() as u64 + 1;
                let column = before.rsplit('\n').next().unwrap_or("").chars().count() as u64 + 1;
                (line, column)
            });
        }
        fs::create_dir_all(full.parent().expect("parent")).expect("mkdir");
        fs::write(&full, text.replace(MARK, "")).expect("write");
    }
    mark
}

/// What is wrong with what `check` said about `row`, in `lang`.
fn judge(row: &Row, mark: Option<(u64, u64)>, said: &[Said], help: &str) -> Option<String> {
    let [one] = said else {
        return Some(format!("{} diagnostics: {said:#?}", said.len()));
    };
    let place = one.line.zip(one.column);
    let wrong = one.code != row.code
        || one.file.as_deref() != Some(row.files[0].0)
        || (mark.is_some() && place != mark)
        || !one.help.contains(help);
    wrong.then(|| {
        format!(
            "expected {} at {mark:?} with help ⊇ {help:?}: {one:#?}",
            row.code
        )
    })
}

#[test]
fn each_mistake_gives_one_diagnostic_at_its_place_with_its_fix_in_both_languages() {
    let mut failures = Vec::new();
    for row in table() {
        let tmp = tempfile::tempdir().expect("tempdir");
        let dir = tmp.path().join("cs");
        let mark = write(&dir, &row.files);
        let en = check(&dir, "en_US.UTF-8");
        let fr = check(&dir, "fr_FR.UTF-8");
        for (lang, said, help) in [("en", &en, row.help.0), ("fr", &fr, row.help.1)] {
            if let Some(problem) = judge(&row, mark, said, help) {
                failures.push(format!("{} ({lang}): {problem}", row.name));
            }
        }
        if let (Some(e), Some(f)) = (en.first(), fr.first()) {
            if e.message == f.message {
                failures.push(format!(
                    "{}: the same message in both languages: {}",
                    row.name, e.message
                ));
            }
        }
    }
    assert!(failures.is_empty(), "{}", failures.join("\n\n"));
}

/// The valid keys of a principle, in any order, with one mistaken line among them.
fn front_with(mistake: &str, order: &[usize], at: usize) -> (String, u64) {
    let keys = [
        "titre: Écoute",
        "statut: adopte",
        "adopte_le: 2025-01-01",
        "classe: simple",
        "mots_cles: [a, b]",
    ];
    let mut lines: Vec<&str> = order.iter().map(|&i| keys[i]).collect();
    let at = at.min(lines.len());
    lines.insert(at, mistake);
    let text = format!("---\n{}\n---\n\nChacun.\n", lines.join("\n"));
    (text, at as u64 + 2)
}

/// Mistakes of one line whose diagnostic is on that line.
const LINE_MISTAKES: &[(&str, &str)] = &[
    ("resume:\u{a0}Un résumé", "codesocial::yaml::syntax"),
    ("resume:Un résumé", "codesocial::yaml::syntax"),
    ("resume: Un: résumé", "codesocial::yaml::syntax"),
    ("resume: \"Un\" résumé", "codesocial::yaml::syntax"),
    ("resume: #important", "codesocial::yaml::commented-value"),
    ("version: \"2\"", "codesocial::schema::type"),
    ("abroge_le: 2026-1-5", "codesocial::schema::format"),
    ("responsables: alex, bea", "codesocial::schema::type"),
];

proptest! {
    #![proptest_config(ProptestConfig { cases: 24, ..ProptestConfig::default() })]

    #[test]
    fn a_mistake_is_reported_on_its_line_wherever_it_stands(
        which in 0..LINE_MISTAKES.len(),
        order in Just((0..5).collect::<Vec<usize>>()).prop_shuffle(),
        at in 0usize..6,
        french in any::<bool>(),
    ) {
        let (mistake, code) = LINE_MISTAKES[which];
        let (text, line) = front_with(mistake, &order, at);
        let tmp = tempfile::tempdir().expect("tempdir");
        let dir = tmp.path().join("cs");
        write(&dir, &[(ECOUTE, text.clone())]);
        let said = check(&dir, if french { "fr_FR.UTF-8" } else { "en_US.UTF-8" });
        prop_assert_eq!(said.len(), 1, "{}\n{:#?}", text, said);
        prop_assert_eq!(&said[0].code, code, "{}", text);
        prop_assert_eq!(said[0].line, Some(line), "{}\n{:#?}", text, said);
    }
}

/// A document saved in another encoding (Windows-1252, as Notepad and Word may save), or
/// saved as `.txt`, is still that document: `check` gives its one error, and no "unknown
/// member" for each reference to it.
#[test]
fn a_document_saved_in_another_encoding_or_as_text_keeps_its_identity() {
    let tmp = tempfile::TempDir::new().expect("temp dir");
    let dir = tmp.path();
    copy_dir(&root().join("examples/minimal"), dir);
    let alex = dir.join("membres/alex.md");
    let text = fs::read_to_string(&alex).expect("read");
    let latin1: Vec<u8> = format!("{text}\nÉcrit à la main.\n")
        .chars()
        .map(|c| u8::try_from(u32::from(c)).expect("Latin-1"))
        .collect();
    fs::write(&alex, latin1).expect("write");
    let said = check(dir, "en");
    assert!(
        matches!(said.as_slice(), [one] if one.code == "codesocial::encoding::utf8"
            && one.file.as_deref() == Some("membres/alex.md")),
        "{said:#?}"
    );

    copy_dir(&root().join("examples/minimal"), dir);
    fs::rename(dir.join(ECOUTE), dir.join("principes/essentiel/ecoute.txt")).expect("rename");
    let said = check(dir, "fr");
    assert!(
        matches!(said.as_slice(), [one] if one.code == "codesocial::layout::extension"
            && one.help.contains("ecoute.md")),
        "{said:#?}"
    );
}
