//! Property tests of the span mapping (issue 9): for generated front matter — any keys,
//! nesting, quoting, line endings (`\n`, `\r\n`, lone `\r`), a byte-order mark, a body —
//! every key's span lies inside its file, on character boundaries, covers exactly the key,
//! and its line is the line the key was written on; a duplicate key is reported at the
//! second key's line.

use std::collections::BTreeMap;

use codesocial::testing::yaml::{Node, Value};
use codesocial::testing::Kind;
use codesocial::testing::{parse_doc, SourceFile};
use proptest::prelude::*;

/// A generated mapping: unique keys, each a scalar or a nested mapping.
#[derive(Debug, Clone)]
enum Gen {
    Scalar(String, bool),
    Map(BTreeMap<String, Gen>),
}

fn key() -> impl Strategy<Value = String> {
    prop_oneof![
        "[a-z][a-z0-9_-]{0,10}",
        "[a-zé][a-zéèüç_]{0,6}",
        "(clé|nœud|émoji)_[0-9]{1,3}",
    ]
}

fn scalar() -> impl Strategy<Value = Gen> {
    ("[A-Za-z0-9éà ]{0,16}", any::<bool>())
        .prop_map(|(s, quoted)| Gen::Scalar(format!("v{}", s.trim()), quoted))
}

fn mapping() -> impl Strategy<Value = BTreeMap<String, Gen>> {
    let leaf = scalar();
    let tree = leaf.prop_recursive(3, 24, 4, |inner| {
        prop::collection::btree_map(key(), inner, 1..4).prop_map(Gen::Map)
    });
    prop::collection::btree_map(key(), tree, 1..8)
}

/// Writes the mapping as YAML; records (key path, line) of every key.
fn write(
    map: &BTreeMap<String, Gen>,
    indent: usize,
    nl: &str,
    out: &mut String,
    line: &mut usize,
    lines: &mut Vec<(String, usize)>,
) {
    for (k, v) in map {
        lines.push((k.clone(), *line));
        out.push_str(&" ".repeat(indent));
        out.push_str(k);
        out.push(':');
        match v {
            Gen::Scalar(s, true) => out.push_str(&format!(" \"{s}\"{nl}")),
            Gen::Scalar(s, false) => out.push_str(&format!(" {s}{nl}")),
            Gen::Map(m) => {
                out.push_str(nl);
                *line += 1;
                write(m, indent + 2, nl, out, line, lines);
                continue;
            }
        }
        *line += 1;
    }
}

/// Every key of the parsed tree, in document order, with its span.
fn keys(node: &Node, out: &mut Vec<(String, std::ops::Range<usize>)>) {
    match &node.value {
        Value::Map(entries) => {
            for (k, v) in entries {
                out.push((k.name.clone(), k.span.clone()));
                keys(v, out);
            }
        }
        Value::Seq(items) => items.iter().for_each(|n| keys(n, out)),
        _ => {}
    }
}

/// A document: optional BOM already stripped by the loader, so the text starts at `---`.
fn document(
    map: &BTreeMap<String, Gen>,
    nl: &str,
    preamble_blank: bool,
) -> (String, Vec<(String, usize)>) {
    let mut text = format!("---{nl}");
    let mut line = 2;
    if preamble_blank {
        text.push_str(&format!("# commentaire é{nl}{nl}"));
        line += 2;
    }
    let mut lines = Vec::new();
    write(map, 0, nl, &mut text, &mut line, &mut lines);
    text.push_str(&format!("---{nl}{nl}Corps é 🌱{nl}"));
    (text, lines)
}

fn line_ending() -> impl Strategy<Value = &'static str> {
    prop_oneof![Just("\n"), Just("\r\n"), Just("\r")]
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(256))]

    #[test]
    fn key_spans_point_at_their_keys(
        map in mapping(),
        nl in line_ending(),
        blank in any::<bool>(),
    ) {
        let (text, expected) = document(&map, nl, blank);
        let file = SourceFile::new("membres/x.md".into(), text);
        let (doc, diags) = parse_doc(&file, Kind::Membre, "x".into(), None);
        prop_assert!(diags.is_empty(), "{diags:?}\n{:?}", file.text);
        let root = doc.data.expect("parsed");
        let mut found = Vec::new();
        keys(&root, &mut found);
        prop_assert_eq!(found.len(), expected.len());
        for ((name, span), (want_name, want_line)) in found.iter().zip(&expected) {
            prop_assert_eq!(name, want_name);
            prop_assert!(span.end <= file.text.len());
            prop_assert!(file.text.is_char_boundary(span.start));
            prop_assert!(file.text.is_char_boundary(span.end));
            prop_assert_eq!(&file.text[span.clone()], name.as_str());
            let (line, _) = file.lines.position(&file.text, span.start);
            prop_assert_eq!(line, *want_line, "key {}", name);
        }
    }

    #[test]
    fn a_duplicate_key_is_reported_at_the_second_one(
        map in mapping(),
        nl in line_ending(),
        pick in any::<prop::sample::Index>(),
    ) {
        let (mut text, _) = document(&map, nl, false);
        let keys: Vec<&String> = map.keys().collect();
        let dup = keys[pick.index(keys.len())];
        // Insert the duplicate just before the closing `---`.
        let close = text.rfind(&format!("{nl}---{nl}")).expect("closing line") + nl.len();
        let dup_line = text[..close].matches(nl).count() + 1;
        text.insert_str(close, &format!("{dup}: encore{nl}"));
        let file = SourceFile::new("membres/x.md".into(), text);
        let (_, diags) = parse_doc(&file, Kind::Membre, "x".into(), None);
        prop_assert_eq!(diags.len(), 1, "{:?}", diags);
        prop_assert_eq!(diags[0].code, "codesocial::yaml::duplicate-key");
        prop_assert_eq!(diags[0].line, Some(dup_line));
        let span = diags[0].span.clone().expect("span");
        prop_assert!(span.end <= file.text.len());
        prop_assert!(file.text[span].starts_with(dup.as_str()));
    }

    #[test]
    fn any_text_gives_spans_inside_the_file(text in "(---|\r|\n|[a-z: \"'\\[\\]{}&*!|>#-]|é|🌱){0,200}") {
        let file = SourceFile::new("membres/x.md".into(), text);
        let (doc, diags) = parse_doc(&file, Kind::Membre, "x".into(), None);
        for d in &diags {
            if let Some(span) = &d.span {
                prop_assert!(span.start <= span.end && span.end <= file.text.len(), "{d:?}");
                prop_assert!(file.text.is_char_boundary(span.start));
                prop_assert!(file.text.is_char_boundary(span.end));
            }
        }
        if let Some(root) = doc.data {
            let mut found = Vec::new();
            keys(&root, &mut found);
            for (_, span) in found {
                prop_assert!(span.end <= file.text.len());
                prop_assert!(file.text.is_char_boundary(span.start));
            }
        }
    }
}

/// Lines commit messages are made of, chosen for the corners of git's trailer rules.
const MESSAGE_LINES: &[&str] = &[
    "Titre du commit",
    "Un paragraphe de texte.",
    "",
    "",
    "   ",
    "Decision: AG du 3 mars",
    "Decision:",
    "Decision:   ",
    "decision : vote",
    "Décision : conseil",
    "DÉCISION: bureau",
    "Decision: a: b",
    "Signed-off-by: Alex <alex@example.org>",
    "(cherry picked from commit 0123abcd)",
    "Reviewed-by: Sam",
    "Bad key: value",
    "x:y",
    ":no key",
    "  suite de la ligne",
    "\tsuite tabulée",
    "# un commentaire",
    "#",
    "---",
    "--- notes",
    "----",
    "# ------------------------ >8 ------------------------",
    "Conflicts:",
    "\tprincipes/a.md",
    "Decision: fin\r",
    "Key-With-Dash: v",
];

fn message() -> impl Strategy<Value = String> {
    (
        prop::collection::vec(prop::sample::select(MESSAGE_LINES), 0..12),
        any::<bool>(),
    )
        .prop_map(|(lines, newline)| {
            let mut m = lines.join("\n");
            if newline {
                m.push('\n');
            }
            m
        })
}

/// What `git interpret-trailers --parse` prints for `message`, one `key: value` per line
/// (no system or user configuration).
fn git_trailers(message: &str) -> Vec<String> {
    use std::io::Write;
    let home = tempfile::tempdir().expect("home");
    let mut child = crate::common::git_command(home.path())
        .args(["interpret-trailers", "--parse"])
        .stdin(std::process::Stdio::piped())
        .stdout(std::process::Stdio::piped())
        .spawn()
        .expect("git runs (it is required by the test suite)");
    child
        .stdin
        .take()
        .expect("stdin")
        .write_all(message.as_bytes())
        .expect("write");
    let out = child.wait_with_output().expect("git output");
    assert!(out.status.success());
    String::from_utf8_lossy(&out.stdout)
        .lines()
        .map(str::to_string)
        .collect()
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(300))]

    /// Trailers are read exactly as git reads them (issue 14 item 12): the last paragraph,
    /// the `---` divider, the scissors line, comments, continuation lines, git's own
    /// trailers. `Décision` is read as `Decision`, git's ASCII key, and nothing else moves.
    #[test]
    fn trailers_are_parsed_as_git_parses_them(msg in message()) {
        let ours: Vec<String> = codesocial::testing::trailers::parse(&msg)
            .into_iter()
            .map(|(k, v)| format!("{k}: {v}"))
            .collect();
        let as_git_reads = msg.replace("Décision", "Decision").replace("DÉCISION", "Decision");
        let theirs = git_trailers(&as_git_reads);
        prop_assert_eq!(ours, theirs, "message: {:?}", msg);
    }
}
