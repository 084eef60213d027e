//! The live preview updates its site in place, rendering only what an edit changed: after
//! any sequence of edits, the folder it serves must be byte for byte what a fresh
//! `codesocial build` writes (issue 19). Random sequences of edits — a title, an offer's
//! status, a body, a new offer, one removed or renamed, a file broken then fixed, a file
//! written again unchanged, saved by renaming a temporary file over it, changed with its
//! size and modification time kept, a referenced member gone then back, a link to a
//! missing anchor fixed by the heading it names, a heading that a link names renamed, a
//! page that a link names removed — on the example
//! and on a generated repository, each applied to a running `serve`. The preview keeps
//! what it parsed, checked and rendered between rebuilds: these sequences are what must
//! not fool it.

use std::collections::BTreeMap;
use std::path::{Path, PathBuf};
use std::time::{Duration, Instant};

use proptest::prelude::*;

use super::{version, Preview, PATIENCE};
use crate::common::{copy_dir, git, root};

/// One edit of the repository, on the document at an index (modulo their count).
#[derive(Debug, Clone)]
enum Edit {
    /// A document's `titre` gets a suffix.
    Title(usize),
    /// An offer goes from active to archived, or back.
    Status(usize),
    /// A paragraph is added at the end of a document's body.
    Body(usize),
    /// A new offer, made of an existing one under a new id.
    Add(usize),
    /// The last offer this sequence added is removed.
    Remove,
    /// The last offer this sequence added moves to a new id.
    Rename,
    /// A document's front matter is broken (the last good site stays), then repaired.
    BreakThenFix(usize),
    /// A document written again as it was: only its modification time changes.
    Touch(usize),
    /// A paragraph added the way many editors save: a temporary file renamed over it.
    SaveByRename(usize),
    /// One letter of a document changed, its size and modification time kept (the new
    /// text renamed over it): only its content tells the change.
    SameStamp(usize),
    /// The same letter change written in place, the modification time put back: size,
    /// inode and modification time are the ones the last build saw; only the status-change
    /// time tells (what the load trusts once a file has been still for two seconds).
    SameStampInPlace(usize),
    /// A member, whom offers name, moves out of the repository (their references break:
    /// the last good site stays), then comes back.
    MemberAwayAndBack(usize),
    /// A link from one offer to an anchor another lacks (an error: the last good site
    /// stays), then the heading it names added to the other.
    LinkFixedByHeading(usize, usize),
    /// A heading of one offer that a link of another names renamed (an error: the last
    /// good site stays), then the link follows it.
    LinkedHeadingRenamed(usize, usize),
    /// A new offer that a link of another names by an anchor removed (an error: the last
    /// good site stays), then the link removed.
    LinkedPageRemoved(usize),
}

fn edit() -> impl Strategy<Value = Edit> {
    prop_oneof![
        3 => any::<usize>().prop_map(Edit::Title),
        2 => any::<usize>().prop_map(Edit::Status),
        3 => any::<usize>().prop_map(Edit::Body),
        2 => any::<usize>().prop_map(Edit::Add),
        1 => Just(Edit::Remove),
        1 => Just(Edit::Rename),
        1 => any::<usize>().prop_map(Edit::BreakThenFix),
        1 => any::<usize>().prop_map(Edit::Touch),
        2 => any::<usize>().prop_map(Edit::SaveByRename),
        1 => any::<usize>().prop_map(Edit::SameStamp),
        1 => any::<usize>().prop_map(Edit::SameStampInPlace),
        1 => any::<usize>().prop_map(Edit::MemberAwayAndBack),
        1 => any::<(usize, usize)>().prop_map(|(a, b)| Edit::LinkFixedByHeading(a, b)),
        1 => any::<(usize, usize)>().prop_map(|(a, b)| Edit::LinkedHeadingRenamed(a, b)),
        1 => any::<usize>().prop_map(Edit::LinkedPageRemoved),
    ]
}

/// The repository being edited, and what the sequence added to it.
struct Repo {
    dir: PathBuf,
    added: Vec<PathBuf>,
    step: usize,
}

impl Repo {
    /// The Markdown documents with a `titre`, in a stable order.
    fn documents(&self, folder: &str) -> Vec<PathBuf> {
        let mut docs: Vec<PathBuf> = walkdir::WalkDir::new(self.dir.join(folder))
            .into_iter()
            .flatten()
            .map(|e| e.into_path())
            .filter(|p| p.extension().is_some_and(|e| e == "md"))
            .filter(|p| read(p).lines().any(|l| l.starts_with("titre:")))
            .collect();
        docs.sort();
        docs
    }

    fn pick(&self, folder: &str, n: usize) -> PathBuf {
        let docs = self.documents(folder);
        docs[n % docs.len()].clone()
    }

    /// Applies one edit and waits for the rebuild it causes (none when it changes nothing).
    fn apply(&mut self, preview: &Preview, edit: &Edit) {
        self.step += 1;
        let step = self.step;
        match edit {
            Edit::Title(n) => {
                let path = self.pick("", *n);
                let titled: Vec<String> = read(&path)
                    .lines()
                    .map(|l| match l.strip_prefix("titre:") {
                        Some(t) => format!("titre: \"{} {step}\"", unquote(t)),
                        None => l.to_string(),
                    })
                    .collect();
                changed(preview, || write(&path, &(titled.join("\n") + "\n")));
            }
            Edit::Status(n) => {
                let path = self.pick("catalogue", *n);
                let text = read(&path);
                let archived = "\nstatut: archivee";
                let toggled = match text.find(&format!("{archived}\n")) {
                    Some(at) => format!("{}{}", &text[..at], &text[at + archived.len()..]),
                    None => text.replacen("\ntype:", "\nstatut: archivee\ntype:", 1),
                };
                changed(preview, || write(&path, &toggled));
            }
            Edit::Body(n) => {
                let path = self.pick("", *n);
                let text = format!("{}\nUn paragraphe ajouté, étape {step}.\n", read(&path));
                changed(preview, || write(&path, &text));
            }
            Edit::Add(n) => {
                let from = self.pick("catalogue", *n);
                let to = from.with_file_name(format!("ajout-{step}.md"));
                changed(preview, || write(&to, &read(&from)));
                self.added.push(to);
            }
            Edit::Remove => {
                if let Some(path) = self.added.pop() {
                    changed(preview, || std::fs::remove_file(path).expect("remove"));
                }
            }
            Edit::Rename => {
                if let Some(path) = self.added.pop() {
                    let to = path.with_file_name(format!("renomme-{step}.md"));
                    changed(preview, || std::fs::rename(&path, &to).expect("rename"));
                    self.added.push(to);
                }
            }
            Edit::BreakThenFix(n) => {
                let path = self.pick("", *n);
                let text = read(&path);
                let broken = text.replacen("titre:", "titre: [", 1);
                changed(preview, || write(&path, &broken));
                changed(preview, || write(&path, &text));
            }
            Edit::Touch(n) => {
                let path = self.pick("", *n);
                changed(preview, || write(&path, &read(&path)));
            }
            Edit::SaveByRename(n) => {
                let path = self.pick("", *n);
                let text = format!("{}\nSauvé par renommage, étape {step}.\n", read(&path));
                changed(preview, || save_by_rename(&path, &text, None));
            }
            Edit::SameStamp(n) => self.same_stamp(preview, *n, false),
            Edit::SameStampInPlace(n) => self.same_stamp(preview, *n, true),
            Edit::MemberAwayAndBack(n) => {
                let path = self.pick_file("membres", *n);
                let away = self.dir.join(format!("parti-{step}.txt"));
                changed(preview, || std::fs::rename(&path, &away).expect("rename"));
                changed(preview, || std::fs::rename(&away, &path).expect("rename"));
            }
            Edit::LinkFixedByHeading(a, b) => {
                let (from, to) = (self.pick("catalogue", *a), self.pick("catalogue", *b));
                let linked = link(&from, &to, &format!("repere{step}"));
                broken(preview, || write(&from, &linked));
                let heading = format!("{}\n## Repere{step}\n", read(&to));
                changed(preview, || write(&to, &heading));
            }
            Edit::LinkedHeadingRenamed(a, b) => {
                let (from, to) = (self.pick("catalogue", *a), self.pick("catalogue", *b));
                if from == to {
                    return;
                }
                let heading = format!("{}\n## Cible{step}\n", read(&to));
                changed(preview, || write(&to, &heading));
                let before = read(&from);
                let linked = link(&from, &to, &format!("cible{step}"));
                changed(preview, || write(&from, &linked));
                let renamed = heading.replace(&format!("Cible{step}"), &format!("Autre{step}"));
                broken(preview, || write(&to, &renamed));
                let followed = link_text(&before, &to, &format!("autre{step}"));
                changed(preview, || write(&from, &followed));
            }
            Edit::LinkedPageRemoved(a) => {
                let from = self.pick("catalogue", *a);
                let to = from.with_file_name(format!("cible-{step}.md"));
                let target = format!("{}\n## Ici{step}\n", read(&from));
                changed(preview, || write(&to, &target));
                let before = read(&from);
                let linked = link(&from, &to, &format!("ici{step}"));
                changed(preview, || write(&from, &linked));
                broken(preview, || std::fs::remove_file(&to).expect("remove"));
                changed(preview, || write(&from, &before));
            }
        }
    }

    /// The title's first letter swapped for another (same size in UTF-8), renamed over
    /// the document (or written in place: `in_place`) with its modification time.
    fn same_stamp(&self, preview: &Preview, n: usize, in_place: bool) {
        let path = self.pick("", n);
        let text = read(&path);
        let Some(at) = text.find("titre:").map(|t| t + "titre:".len()) else {
            return;
        };
        let Some(letter) = text[at..].find(|c: char| c.is_ascii_alphabetic()) else {
            return;
        };
        let at = at + letter;
        let swapped = if text.as_bytes()[at] == b'Q' {
            "Z"
        } else {
            "Q"
        };
        let edited = format!("{}{swapped}{}", &text[..at], &text[at + 1..]);
        let modified = std::fs::metadata(&path)
            .and_then(|m| m.modified())
            .expect("mtime");
        if in_place {
            changed(preview, || {
                write(&path, &edited);
                std::fs::File::options()
                    .write(true)
                    .open(&path)
                    .and_then(|f| f.set_modified(modified))
                    .expect("set mtime");
            });
        } else {
            changed(preview, || save_by_rename(&path, &edited, Some(modified)));
        }
    }

    /// Any file of a folder, in a stable order.
    fn pick_file(&self, folder: &str, n: usize) -> PathBuf {
        let mut files: Vec<PathBuf> = std::fs::read_dir(self.dir.join(folder))
            .expect("folder")
            .map(|e| e.expect("entry").path())
            .collect();
        files.sort();
        files[n % files.len()].clone()
    }
}

/// The text of the offer `from` with a link to the anchor `anchor` of the offer `to` (in
/// the same folder) appended.
fn link(from: &Path, to: &Path, anchor: &str) -> String {
    link_text(&read(from), to, anchor)
}

fn link_text(text: &str, to: &Path, anchor: &str) -> String {
    let name = to.file_name().expect("name").to_string_lossy();
    format!("{text}\n[Voir aussi]({name}#{anchor}).\n")
}

/// Runs `edit`, which makes the repository wrong, and checks that the site served stays
/// the last good one.
fn broken(preview: &Preview, edit: impl FnOnce()) {
    // A rebuild of the previous edit that a loaded machine delayed past the quiet time
    // (a file created and written as two events) is not this edit's doing: let it land.
    settle(preview);
    let before = files(&preview.build_dir());
    changed(preview, edit);
    assert!(
        files(&preview.build_dir()) == before,
        "an edit that breaks a link changed the site: {}",
        preview.stderr()
    );
}

/// Writes `text` into a temporary file beside `path` (with the modification time
/// `modified`, if given), then renames it over `path`.
fn save_by_rename(path: &Path, text: &str, modified: Option<std::time::SystemTime>) {
    let name = path.file_name().expect("name").to_string_lossy();
    let temporary = path.with_file_name(format!(".{name}.tmp"));
    write(&temporary, text);
    if let Some(time) = modified {
        std::fs::File::options()
            .write(true)
            .open(&temporary)
            .and_then(|f| f.set_modified(time))
            .expect("set mtime");
    }
    std::fs::rename(&temporary, path).expect("rename");
}

fn read(path: &Path) -> String {
    std::fs::read_to_string(path).expect("read")
}

fn write(path: &Path, text: &str) {
    std::fs::write(path, text).expect("write");
}

fn unquote(t: &str) -> String {
    t.trim().trim_matches('"').replace('"', "")
}

/// Runs `edit` and waits until the preview rebuilt after it and stays quiet.
fn changed(preview: &Preview, edit: impl FnOnce()) {
    let before = version(preview);
    edit();
    let start = Instant::now();
    while version(preview) == before {
        assert!(
            start.elapsed() < PATIENCE,
            "no rebuild: {}",
            preview.stderr()
        );
        std::thread::sleep(Duration::from_millis(20));
    }
    settle(preview);
}

/// Waits until no rebuild comes for longer than the watcher's quiet time.
fn settle(preview: &Preview) {
    let mut last = version(preview);
    loop {
        std::thread::sleep(Duration::from_millis(600));
        let now = version(preview);
        if now == last {
            return;
        }
        last = now;
    }
}

/// Every file of a site, by path, but the marker `build` leaves.
fn files(dir: &Path) -> BTreeMap<String, Vec<u8>> {
    walkdir::WalkDir::new(dir)
        .into_iter()
        .flatten()
        .filter(|e| e.file_type().is_file())
        .map(|e| {
            let rel = e.path().strip_prefix(dir).expect("inside");
            (
                rel.to_string_lossy().into_owned(),
                std::fs::read(e.path()).expect("read"),
            )
        })
        .filter(|(rel, _)| rel != ".codesocial-site")
        .collect()
}

/// The served folder against a fresh `build` of the same repository.
fn assert_same_as_fresh_build(preview: &Preview, edits: &[Edit]) {
    let fresh = preview.tmp.path().join("fresh");
    let _ = std::fs::remove_dir_all(&fresh);
    // As the preview runs it (`Preview` in `serve.rs`): the one binary, English, no colour.
    crate::common::codesocial(crate::common::EN)
        .env("SOURCE_DATE_EPOCH", "1741773600")
        .args(["build", "-q"])
        .arg(preview.site())
        .arg("--out")
        .arg(&fresh)
        .assert()
        .success();
    let built = files(&fresh);
    // The property is the folder once the preview is quiet. On a loaded machine a rebuild
    // that a rename's second event started can outlast `settle`'s quiet time without
    // publishing yet: wait for quiet again (a few times) before judging; a folder that
    // differs for good still fails below.
    let mut served = files(&preview.build_dir());
    for _ in 0..5 {
        if served == built {
            break;
        }
        std::thread::sleep(Duration::from_secs(1));
        settle(preview);
        served = files(&preview.build_dir());
    }
    let only = |a: &BTreeMap<String, Vec<u8>>, b: &BTreeMap<String, Vec<u8>>| -> Vec<String> {
        a.keys().filter(|k| !b.contains_key(*k)).cloned().collect()
    };
    assert!(
        only(&served, &built).is_empty() && only(&built, &served).is_empty(),
        "after {edits:?}: only served {:?}, only built {:?}",
        only(&served, &built),
        only(&built, &served)
    );
    for (path, bytes) in &built {
        assert!(
            served[path] == *bytes,
            "after {edits:?}: {path} differs from a fresh build"
        );
    }
}

/// Serves `site` (a repository with its git history) through `edits`, comparing with a
/// fresh build at the end.
fn check_sequence(tmp: tempfile::TempDir, edits: &[Edit]) {
    let preview = Preview::launch(tmp, &[]);
    let mut repo = Repo {
        dir: preview.site(),
        added: Vec::new(),
        step: 0,
    };
    for e in edits {
        repo.apply(&preview, e);
    }
    assert_same_as_fresh_build(&preview, edits);
}

/// The example, committed once.
fn example() -> tempfile::TempDir {
    let tmp = tempfile::tempdir().expect("temp dir");
    let site = tmp.path().join("site");
    copy_dir(&root().join("examples/cheznous"), &site);
    git(&site, &["init", "-q", "-b", "main"]);
    git(&site, &["add", "-A"]);
    git(
        &site,
        &[
            "-c",
            "user.name=T",
            "-c",
            "user.email=t@example.org",
            "commit",
            "-qm",
            "init",
        ],
    );
    tmp
}

/// A generated repository (40 offers) with a short history.
fn generated() -> tempfile::TempDir {
    let tmp = tempfile::tempdir().expect("temp dir");
    let site = tmp.path().join("site").to_string_lossy().into_owned();
    let args = [
        &site,
        "--offers",
        "40",
        "--principles",
        "8",
        "--members",
        "6",
    ];
    let args = args.into_iter().chain(["--commits", "3"]);
    crate::generator::gen::generate(args.map(|a| a.to_string())).expect("generate");
    tmp
}

proptest! {
    #![proptest_config(ProptestConfig { cases: 6, failure_persistence: None, ..ProptestConfig::default() })]

    #[test]
    fn the_example_served_after_edits_is_a_fresh_build(edits in prop::collection::vec(edit(), 1..7)) {
        check_sequence(example(), &edits);
    }

    #[test]
    fn a_generated_repository_served_after_edits_is_a_fresh_build(edits in prop::collection::vec(edit(), 1..6)) {
        check_sequence(generated(), &edits);
    }
}
