//! Stage one: read a tree of files, recognise the documents of the format by their place,
//! split front matter and parse YAML with spans. Problems become diagnostics; only a tree
//! that cannot be listed at all is an error.

pub mod frontmatter;
pub mod odd;
pub mod quoted;
pub mod source;
pub mod yaml;
pub mod yaml_error;

use std::collections::{BTreeMap, BTreeSet, HashMap, HashSet};
use std::sync::atomic::{AtomicU64, Ordering};
use std::sync::Arc;

use rayon::prelude::*;

use crate::diag::{Diagnostic, LineIndex, Located};
use crate::error::Result;
use crate::format::Kind;
use crate::i18n::Message;
use source::{Entry, EntryKind, FileSource, ReadProblem};
use yaml::{HashtagComment, Node, YamlErrorKind};

/// A text file that was read, kept whole so that spans can be shown.
#[derive(Debug, Clone)]
pub struct SourceFile {
    pub path: String,
    /// The text, without a byte-order mark.
    pub text: String,
    pub lines: LineIndex,
}

impl SourceFile {
    pub fn new(path: String, text: String) -> Self {
        let lines = LineIndex::new(&text);
        SourceFile { path, text, lines }
    }
}

impl Located for SourceFile {
    fn path(&self) -> &str {
        &self.path
    }
    fn text(&self) -> &str {
        &self.text
    }
    fn lines(&self) -> &LineIndex {
        &self.lines
    }
}

/// A document of the format, parsed but not yet typed.
#[derive(Debug, Clone)]
pub struct RawDoc {
    pub kind: Kind,
    /// The file stem (the plan for a plan introduction).
    pub id: String,
    /// The folder of a principle or plan introduction.
    pub plan: Option<String>,
    /// Index into [`Loaded::files`].
    pub file: usize,
    /// The YAML (front matter or whole file); `None` when it could not be parsed. Shared:
    /// the live preview keeps it from one load to the next.
    pub data: Option<Arc<Node>>,
    /// Byte offset of the Markdown body, for Markdown documents that split.
    pub body_start: Option<usize>,
    pub hashtags: Vec<HashtagComment>,
}

impl RawDoc {
    /// A document known by its place only: nothing of it read yet (or readable).
    fn unread(kind: Kind, id: String, plan: Option<String>) -> RawDoc {
        RawDoc {
            kind,
            id,
            plan,
            file: 0,
            data: None,
            body_start: None,
            hashtags: Vec::new(),
        }
    }
}

/// Everything read from a source.
#[derive(Debug, Default)]
pub struct Loaded {
    pub files: Vec<SourceFile>,
    pub docs: Vec<RawDoc>,
    /// Every listed path, documents or not, for link checking, in NFC.
    pub paths: BTreeSet<String>,
    /// The listed symbolic links, never followed (a link to one is broken), in NFC.
    pub symlinks: BTreeSet<String>,
    /// The paths whose name on disk is not in NFC (decomposed accents): NFC → as listed.
    pub listed_as: BTreeMap<String, String>,
    /// Markdown files outside the format (README.md…), scanned for links only.
    pub other_markdown: Vec<usize>,
    pub diagnostics: Vec<Diagnostic>,
    /// Whether the byte budget was spent before every file was read (the files past it
    /// are reported unread).
    pub over_budget: bool,
    /// By index into `files`: the fingerprint of the file's path and text, when the load
    /// was given a memory ([`load_kept`]) — the key of what later stages keep of it.
    pub keys: Vec<Option<u64>>,
}

/// Where a path stands in the format.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Place {
    Doc {
        kind: Kind,
        id: String,
        plan: Option<String>,
    },
    /// Markdown outside the format: read for its links.
    OtherMarkdown,
    /// In a folder of the format, but not where documents go.
    Misplaced(&'static str),
    /// A document with the wrong extension (`codesocial.yml`).
    WrongExtension(String),
    Ignored,
}

/// Classifies a relative path by the layout of FORMAT.md. A file that is a document once
/// renamed as the format wants (`Transparence.md`, `transparence .md`, `transparence.MD`,
/// `transparence.md.txt`, `transparence.txt`, `codesocial.yml`) is that document, with the id the rename gives:
/// references to it resolve, and its name is one error of its own ([`misnamed`]).
pub fn classify(path: &str) -> Place {
    let place = exact(path);
    if matches!(place, Place::Misplaced(_)) {
        return place;
    }
    match canonical(path)
        .filter(|renamed| renamed != path)
        .map(|r| exact(&r))
    {
        Some(doc @ Place::Doc { .. }) => doc,
        _ => place,
    }
}

/// The path a document file should have, when its name is not one the format reads: the
/// stem as an id (lowercase, no accents or spaces) and the extension `.md` or `.yaml`.
/// `None` when the path is right, or is no document of the format whatever its name.
pub fn misnamed(path: &str) -> Option<String> {
    let renamed = canonical(path)?;
    (renamed != path && matches!(exact(&renamed), Place::Doc { .. })).then_some(renamed)
}

/// Whether a file name has an extension [`classify`] reads once renamed, other than the
/// format's own `.md`, `.yaml` and `.yml` (`.MD`, `.markdown`, `.yml.txt`, `.txt`…).
pub fn misnamed_extension(name: &str) -> bool {
    let lower = name.to_lowercase();
    // Any text file may be a document saved as text (see [`canonical`]).
    lower.ends_with(".txt")
        || MARKDOWN_EXTENSIONS
            .iter()
            .chain(YAML_EXTENSIONS)
            .any(|e| lower.strip_suffix(e).is_some_and(|s| s.ends_with('.')))
}

/// Markdown and YAML extensions, as people write them.
const MARKDOWN_EXTENSIONS: &[&str] = &["md", "markdown", "mdown", "mkd", "mkdn"];
const YAML_EXTENSIONS: &[&str] = &["yaml", "yml"];

/// `path` with its file name put in the format's form, if it is a Markdown or YAML file.
fn canonical(path: &str) -> Option<String> {
    let (dir, name) = path.rsplit_once('/').map_or(("", path), |(d, n)| (d, n));
    let lower = name.to_lowercase();
    let txt = lower.strip_suffix(".txt");
    let lower = txt.unwrap_or(&lower);
    let (stem_len, ext) = MARKDOWN_EXTENSIONS
        .iter()
        .map(|e| (e, "md"))
        .chain(YAML_EXTENSIONS.iter().map(|e| (e, "yaml")))
        .find_map(|(e, canonical)| {
            let stem = lower.strip_suffix(e)?.strip_suffix('.')?;
            Some((stem.len(), canonical))
        })
        // A Markdown document saved as text (`transparence.txt`, what a text editor
        // offers): the stem is the whole name.
        .or_else(|| txt.map(|stem| (stem.len(), "md")))?;
    // The stem as written: its lowercase form may differ in length only past ASCII, where
    // the slug folds anyway.
    let stem = name.get(..stem_len).unwrap_or(name);
    let id = if crate::slug::is_id(stem) {
        stem.to_string()
    } else {
        crate::slug::slugify(stem)
    };
    if id.is_empty() {
        return None;
    }
    let file = format!("{id}.{ext}");
    Some(if dir.is_empty() {
        file
    } else {
        format!("{dir}/{file}")
    })
}

/// Classifies a path exactly as written.
fn exact(path: &str) -> Place {
    let parts: Vec<&str> = path.split('/').collect();
    let top_level = |kind, id: &str| Place::Doc {
        kind,
        id: id.to_string(),
        plan: None,
    };
    match parts.as_slice() {
        ["codesocial.yaml"] => top_level(Kind::Manifeste, "codesocial"),
        ["raison-d-etre.md"] => top_level(Kind::RaisonDEtre, "raison-d-etre"),
        ["histoire.md"] => top_level(Kind::Histoire, "histoire"),
        ["informations.md"] => top_level(Kind::Informations, "informations"),
        ["pyramide.yaml"] => top_level(Kind::Pyramide, "pyramide"),
        ["modification.md"] => top_level(Kind::Modification, "modification"),
        ["codesocial.yml"] => Place::WrongExtension("codesocial.yaml".into()),
        ["pyramide.yml"] => Place::WrongExtension("pyramide.yaml".into()),
        ["principes", plan, "index.md"] => Place::Doc {
            kind: Kind::Plan,
            id: (*plan).to_string(),
            plan: Some((*plan).to_string()),
        },
        ["principes", plan, file] if file.ends_with(".md") => Place::Doc {
            kind: Kind::Principe,
            id: stem(file).to_string(),
            plan: Some((*plan).to_string()),
        },
        ["principes", ..] if path.ends_with(".md") => Place::Misplaced("principes/<plan>/<id>.md"),
        ["membres", file] if file.ends_with(".md") => doc_in(Kind::Membre, file),
        ["catalogue", file] if file.ends_with(".md") => doc_in(Kind::Offre, file),
        ["annexes", file] if file.ends_with(".md") => doc_in(Kind::Annexe, file),
        ["matrices", file] if file.ends_with(".yaml") => doc_in(Kind::Matrice, file),
        ["matrices", file] if file.ends_with(".yml") => {
            Place::WrongExtension(format!("matrices/{}.yaml", stem(file)))
        }
        ["membres" | "catalogue" | "annexes", ..] if path.ends_with(".md") => {
            Place::Misplaced(misplaced_hint(parts[0]))
        }
        ["matrices", ..] if path.ends_with(".yaml") || path.ends_with(".yml") => {
            Place::Misplaced("matrices/<id>.yaml")
        }
        ["templates" | "static", ..] => Place::Ignored,
        _ if path.ends_with(".md") => Place::OtherMarkdown,
        _ => Place::Ignored,
    }
}

fn misplaced_hint(folder: &str) -> &'static str {
    match folder {
        "membres" => "membres/<id>.md",
        "catalogue" => "catalogue/<id>.md",
        _ => "annexes/<id>.md",
    }
}

fn doc_in(kind: Kind, file: &str) -> Place {
    Place::Doc {
        kind,
        id: stem(file).to_string(),
        plan: None,
    }
}

fn stem(file: &str) -> &str {
    file.rsplit_once('.').map_or(file, |(s, _)| s)
}

/// The folders `build` reads besides the documents.
pub const SITE_FOLDERS: &[&str] = &["static", "templates"];

/// A path as file systems that ignore case and Unicode normalisation see it (APFS and
/// HFS+ on macOS, NTFS on Windows): canonical decomposition, then case folded both ways
/// (`ß` and `SS`, `ς` and `σ`, `ſ` and `s`, `ﬆ` and `st` meet), then composed again.
pub fn folded_path(path: &str) -> String {
    use unicode_normalization::UnicodeNormalization as _;
    let decomposed: String = path.nfd().collect();
    decomposed.to_uppercase().to_lowercase().nfc().collect()
}

/// The site folder ([`SITE_FOLDERS`]) that a name of the #CodeSocial folder is where
/// names are compared ignoring case and normalisation ([`folded_path`]): `Static`,
/// `TEMPLATES`, `ſtatic` are `static/` and `templates/` for `build` on macOS and Windows.
pub fn site_folder(name: &str) -> Option<&'static str> {
    if let Some(exact) = SITE_FOLDERS.iter().find(|f| **f == name) {
        return Some(exact);
    }
    let folded = folded_path(name);
    SITE_FOLDERS.iter().copied().find(|f| *f == folded)
}

/// Whether a path of the #CodeSocial folder (with `/`) is one of the site's files: its
/// first component is a site folder in some spelling ([`site_folder`]). `diff --enforce`
/// judges such a file as a site file on every machine, since on some it is one.
pub fn is_site_path(path: &str) -> bool {
    site_folder(path.split('/').next().unwrap_or(path)).is_some()
}

/// Loads every document of a source.
pub fn load(source: &dyn FileSource) -> Result<Loaded> {
    load_kept(source, None)
}

/// A file as the loader parsed it: its text, its document (if it is one) and what its
/// parsing found wrong. The live preview keeps them between rebuilds ([`Kept`]).
#[derive(Debug, Clone)]
pub struct Parsed {
    file: SourceFile,
    doc: Option<RawDoc>,
    diagnostics: Vec<Diagnostic>,
    /// The fingerprint of its path and text: its key among the parsed files.
    key: u64,
}

/// The files the previous load parsed: a file is parsed again only when its path or its
/// text changed, and read again only when its [`source::Stamp`] changed or was not
/// settled (a file whose status changed less than two seconds before the last load is
/// read whatever its stamp says: see [`source::Stamp`]). A source without stamps (a git
/// tree) is read whole.
#[derive(Debug, Default)]
pub struct Kept {
    /// By the fingerprint of the path and the text.
    parsed: crate::memo::Memo<Arc<Parsed>>,
    /// By the fingerprint of the path and a settled stamp.
    stamped: crate::memo::Memo<Arc<Parsed>>,
}

impl Kept {
    /// What the next load may use: what this one used.
    pub fn next(self) -> Kept {
        Kept {
            parsed: self.parsed.next(),
            stamped: self.stamped.next(),
        }
    }
}

/// Loads every document of a source, parsing again only the files `kept` does not hold
/// (see [`Kept`]); `kept` then holds this load's files. The result is what [`load`] gives.
pub fn load_kept(source: &dyn FileSource, kept: Option<&Kept>) -> Result<Loaded> {
    let t = crate::timing::phase("load: list");
    let entries = source.list()?;
    drop(t);
    Ok(read_entries(
        source,
        &entries,
        kept,
        source::max_total_size(),
    ))
}

/// Loads the given entries of a source (all of them for `check`; only the changed ones
/// for `diff`).
pub fn load_entries(source: &dyn FileSource, entries: &[Entry]) -> Loaded {
    read_entries(source, entries, None, source::max_total_size())
}

/// [`load_entries`] within a byte budget of its own (`limit`, at most the total size in
/// force): what is left of a budget shared by several sources (the ecosystem's members).
pub fn load_entries_within(source: &dyn FileSource, entries: &[Entry], limit: u64) -> Loaded {
    read_entries(source, entries, None, limit.min(source::max_total_size()))
}

fn read_entries(
    source: &dyn FileSource,
    entries: &[Entry],
    kept: Option<&Kept>,
    limit: u64,
) -> Loaded {
    let mut loaded = Loaded {
        // A symbolic link is never followed, so a Markdown link to one is broken.
        paths: entries
            .iter()
            .filter(|e| e.kind == EntryKind::File)
            .map(|e| crate::slug::nfc(&e.path).into_owned())
            .collect(),
        symlinks: entries
            .iter()
            .filter(|e| e.kind == EntryKind::Symlink)
            .map(|e| crate::slug::nfc(&e.path).into_owned())
            .collect(),
        listed_as: entries
            .iter()
            .filter_map(|e| {
                let nfc = crate::slug::nfc(&e.path);
                (nfc != e.path).then(|| (nfc.into_owned(), e.path.clone()))
            })
            .collect(),
        ..Loaded::default()
    };
    case_conflicts(entries, &mut loaded.diagnostics);
    let budget = Budget::new(limit);
    // A handful of files (what `diff` reads) is not worth waking the thread pool.
    let mut results: Vec<Option<FileResult>> = if entries.len() < 16 {
        entries
            .iter()
            .map(|entry| read_entry(source, entry, &budget, &loaded.paths, kept))
            .collect()
    } else {
        entries
            .par_iter()
            .map(|entry| read_entry(source, entry, &budget, &loaded.paths, kept))
            .collect()
    };
    loaded.over_budget = budget.spent.load(Ordering::Relaxed) > budget.limit;
    if loaded.over_budget {
        settle_budget(source, entries, &budget, &loaded.paths, kept, &mut results);
    }
    for result in results.into_iter().flatten() {
        loaded.diagnostics.extend(result.diagnostics);
        let Some(file) = result.file else { continue };
        let index = loaded.files.len();
        loaded.files.push(file);
        loaded.keys.push(result.key);
        match result.doc {
            Some(mut doc) => {
                doc.file = index;
                loaded.docs.push(doc);
            }
            None if result.other_markdown => loaded.other_markdown.push(index),
            None => {}
        }
    }
    loaded
}

/// Bytes read so far in one load, against the total limit, and what each file counted
/// (for [`settle_budget`]).
struct Budget {
    spent: AtomicU64,
    limit: u64,
    /// Each file that reached the budget: its path, its size in bytes, and whether it was
    /// kept.
    taken: std::sync::Mutex<HashMap<String, (u64, bool)>>,
}

impl Budget {
    fn new(limit: u64) -> Budget {
        Budget {
            spent: AtomicU64::new(0),
            limit,
            taken: std::sync::Mutex::new(HashMap::new()),
        }
    }

    /// Counts the `len` bytes of the file at `path`; `false` once the total passes the
    /// limit.
    fn take(&self, path: &str, len: usize) -> bool {
        let len = len as u64;
        let kept = self
            .spent
            .fetch_add(len, Ordering::Relaxed)
            .saturating_add(len)
            <= self.limit;
        if let Ok(mut taken) = self.taken.lock() {
            taken.insert(path.to_string(), (len, kept));
        }
        kept
    }
}

/// The order files are given the byte budget in when they do not all fit: the manifest,
/// then the other top-level documents, then the folders of principles, members and
/// matrices, the catalogue last (a partner's offers never push out what says who it is);
/// by path within each.
fn budget_order(path: &str) -> (u8, &str) {
    let rank = if path == "codesocial.yaml" {
        0
    } else if !path.contains('/') {
        1
    } else if path.starts_with("catalogue/") {
        3
    } else {
        2
    };
    (rank, path)
}

/// After a parallel read that spent the budget (which files got it then depended on the
/// threads' timing), gives it again in [`budget_order`], up to the first file that does
/// not fit: the files read then are the same on every run. A file kept by the parallel
/// read past that point is dropped (said so); one refused before it is read now.
fn settle_budget(
    source: &dyn FileSource,
    entries: &[Entry],
    budget: &Budget,
    paths: &BTreeSet<String>,
    kept: Option<&Kept>,
    results: &mut [Option<FileResult>],
) {
    let taken = match budget.taken.lock() {
        Ok(mut taken) => std::mem::take(&mut *taken),
        Err(_) => return,
    };
    let mut order: Vec<(&str, u64)> = taken
        .iter()
        .map(|(p, (len, _))| (p.as_str(), *len))
        .collect();
    order.sort_by(|a, b| budget_order(a.0).cmp(&budget_order(b.0)));
    let mut spent = 0u64;
    let mut fits = HashSet::new();
    for (path, len) in order {
        spent = spent.saturating_add(len);
        if spent > budget.limit {
            break;
        }
        fits.insert(path);
    }
    let unlimited = Budget::new(u64::MAX);
    for (entry, result) in entries.iter().zip(results.iter_mut()) {
        let Some((_, was_kept)) = taken.get(&entry.path) else {
            continue;
        };
        match (fits.contains(entry.path.as_str()), was_kept) {
            (true, false) => *result = read_entry(source, entry, &unlimited, paths, kept),
            (false, true) => *result = Some(over_budget(&entry.path, budget)),
            _ => {}
        }
    }
}

struct FileResult {
    file: Option<SourceFile>,
    /// The fingerprint of the file's path and text, when a memory of the live preview
    /// computed it (see [`Loaded::keys`]).
    key: Option<u64>,
    doc: Option<RawDoc>,
    other_markdown: bool,
    diagnostics: Vec<Diagnostic>,
}

fn read_entry(
    source: &dyn FileSource,
    entry: &Entry,
    budget: &Budget,
    paths: &BTreeSet<String>,
    kept: Option<&Kept>,
) -> Option<FileResult> {
    if entry.kind == EntryKind::NotUtf8 {
        let folder = entry.path.ends_with('/');
        let message = Message::NameNotUtf8 { folder };
        return Some(FileResult {
            key: None,
            file: None,
            doc: None,
            other_markdown: false,
            diagnostics: vec![Diagnostic::new(message, Some(&entry.path))],
        });
    }
    // Ids come from file names: read in NFC, like every id.
    let path = crate::slug::nfc(&entry.path).into_owned();
    let place = classify(&path);
    let mut diagnostics = Vec::new();
    if let Place::Doc { kind, id, .. } = &place {
        if let Some(error) = name_error(&path, *kind, id) {
            diagnostics.push(Diagnostic::new(error, Some(&entry.path)));
        }
        // The right name is taken: this file is not that document.
        if misnamed(&path).is_some_and(|renamed| paths.contains(&renamed)) {
            return Some(FileResult {
                key: None,
                file: None,
                doc: None,
                other_markdown: false,
                diagnostics,
            });
        }
    }
    if entry.kind == EntryKind::Symlink {
        // `static/` and `templates/` would be read by `build`: a link there, or to one
        // of them, could reach outside the repository, and `build` skips it silently.
        let site_folder = SITE_FOLDERS.iter().any(|folder| {
            entry
                .path
                .strip_prefix(folder)
                .is_some_and(|rest| rest.is_empty() || rest.starts_with('/'))
        });
        if !matches!(place, Place::Ignored) || site_folder {
            diagnostics.push(Diagnostic::new(Message::Symlink, Some(&entry.path)));
        }
        return Some(FileResult {
            key: None,
            file: None,
            doc: None,
            other_markdown: false,
            diagnostics,
        });
    }
    let (kind, id, plan) = match place {
        Place::Doc { kind, id, plan } => (Some(kind), id, plan),
        Place::OtherMarkdown => (None, String::new(), None),
        Place::Misplaced(expected) => {
            diagnostics.push(Diagnostic::new(
                Message::Misplaced {
                    expected: format!("`{expected}`"),
                },
                Some(&entry.path),
            ));
            return Some(FileResult {
                key: None,
                file: None,
                doc: None,
                other_markdown: false,
                diagnostics,
            });
        }
        Place::WrongExtension(expected) => {
            diagnostics.push(Diagnostic::new(
                Message::WrongExtension { expected },
                Some(&entry.path),
            ));
            return Some(FileResult {
                key: None,
                file: None,
                doc: None,
                other_markdown: false,
                diagnostics,
            });
        }
        Place::Ignored => return None,
    };
    // A settled stamp seen by the last load: the file is what that load parsed.
    let stamped = kept.and_then(|kept| {
        let stamp = source.stamp(&entry.path).filter(|s| s.settled)?;
        let key = crate::memo::fingerprint(&(&path, stamp));
        Some((kept, key, kept.stamped.get(key)))
    });
    if let Some((kept, key, Some(parsed))) = &stamped {
        if !budget.take(&entry.path, parsed.file.text.len()) {
            return Some(over_budget(&entry.path, budget));
        }
        kept.stamped.keep(*key, Arc::clone(parsed));
        kept.parsed.keep(parsed.key, Arc::clone(parsed));
        return Some(FileResult::of(parsed, diagnostics));
    }
    let text = match read_text(source, &entry.path) {
        Ok(text) if !budget.take(&entry.path, text.len()) => {
            return Some(over_budget(&entry.path, budget))
        }
        Ok(text) => text,
        Err(message) => {
            // A document that cannot be read as text (another encoding, a binary) is still
            // that document: references to it resolve, and its one error says why.
            let doc = kind.map(|kind| RawDoc::unread(kind, id, plan));
            return Some(FileResult {
                key: None,
                file: doc.is_some().then(|| SourceFile::new(path, String::new())),
                doc,
                other_markdown: false,
                diagnostics: vec![Diagnostic::new(message, Some(&entry.path))],
            });
        }
    };
    // The kind, id and plan come from the path: the path and the text are every input.
    let parse = |path, text, key| {
        let file = SourceFile::new(path, text);
        let (doc, diagnostics) = match kind {
            Some(kind) => {
                let (doc, diagnostics) = parse_doc(&file, kind, id, plan);
                (Some(doc), diagnostics)
            }
            None => (None, Vec::new()),
        };
        Parsed {
            file,
            doc,
            diagnostics,
            key,
        }
    };
    let Some(kept) = kept else {
        let parsed = parse(path, text, 0);
        merge_named(&mut diagnostics, parsed.diagnostics);
        return Some(FileResult {
            key: None,
            file: Some(parsed.file),
            other_markdown: parsed.doc.is_none(),
            doc: parsed.doc,
            diagnostics,
        });
    };
    let key = crate::memo::fingerprint(&(&path, &text));
    let parsed = kept.parsed.get_or(key, || Arc::new(parse(path, text, key)));
    if let Some((_, stamp_key, None)) = stamped {
        kept.stamped.keep(stamp_key, Arc::clone(&parsed));
    }
    Some(FileResult::of(&parsed, diagnostics))
}

/// The diagnostics of a file's name (`named`), then those of its text. A document saved as
/// text with no front matter (`annexes/notes.txt`) is one error, the rename, whose help
/// also says to add the front matter: two errors for one file that is not yet a document
/// would each tell half the fix.
fn merge_named(named: &mut Vec<Diagnostic>, parsed: impl IntoIterator<Item = Diagnostic>) {
    let renamed = named
        .iter()
        .position(|d| d.code == "codesocial::layout::extension");
    for d in parsed {
        match renamed {
            Some(at) if d.code == "codesocial::front-matter::missing" => {
                let rename = &mut named[at];
                rename.help = match (rename.help.take(), d.help) {
                    (Some(a), Some(b)) => Some(format!("{a}\n{b}")),
                    (a, b) => a.or(b),
                };
            }
            _ => named.push(d),
        }
    }
}

/// A file past the byte budget: not read, said so.
fn over_budget(path: &str, budget: &Budget) -> FileResult {
    FileResult {
        key: None,
        file: None,
        doc: None,
        other_markdown: false,
        diagnostics: vec![Diagnostic::new(
            Message::TotalTooLarge {
                limit: budget.limit,
            },
            Some(path),
        )],
    }
}

impl FileResult {
    /// A kept file's result, after the diagnostics of its name (`named`). Cheap: the
    /// document's YAML is shared, not copied.
    fn of(parsed: &Parsed, mut named: Vec<Diagnostic>) -> FileResult {
        merge_named(&mut named, parsed.diagnostics.iter().cloned());
        FileResult {
            key: Some(parsed.key),
            file: Some(parsed.file.clone()),
            other_markdown: parsed.doc.is_none(),
            doc: parsed.doc.clone(),
            diagnostics: named,
        }
    }
}

/// What is wrong with the name of a document file: its stem is no id, or its extension is
/// not the format's. Top-level documents have fixed names (only a rename reaches them).
fn name_error(path: &str, kind: Kind, id: &str) -> Option<Message> {
    let name = path.rsplit('/').next().unwrap_or(path);
    let stem = name.split_once('.').map_or(name, |(s, _)| s);
    let Some(renamed) = misnamed(path) else {
        let fixed_name = matches!(
            kind,
            Kind::Manifeste
                | Kind::RaisonDEtre
                | Kind::Histoire
                | Kind::Informations
                | Kind::Pyramide
                | Kind::Modification
        );
        return (!fixed_name && !crate::slug::is_id(id)).then(|| Message::InvalidFileId {
            stem: stem.to_string(),
            suggestion: format!("mon-id.{}", if kind.is_markdown() { "md" } else { "yaml" }),
            culprit: culprit(stem),
        });
    };
    let new_name = renamed.rsplit('/').next().unwrap_or(&renamed).to_string();
    let new_stem = new_name.split_once('.').map_or("", |(s, _)| s);
    Some(if stem == new_stem {
        Message::WrongExtension { expected: renamed }
    } else {
        Message::InvalidFileId {
            stem: stem.to_string(),
            suggestion: new_name,
            culprit: culprit(stem),
        }
    })
}

/// The first character of `stem` an id cannot hold, and its position (1-based, in
/// characters): what makes it invalid, named in the message.
fn culprit(stem: &str) -> Option<(char, usize)> {
    stem.chars()
        .enumerate()
        .find(|(_, c)| !(c.is_ascii_lowercase() || c.is_ascii_digit() || *c == '-'))
        .map(|(i, c)| (c, i + 1))
}

/// Reads a file as UTF-8 text, without its byte-order mark.
pub fn read_text(source: &dyn FileSource, path: &str) -> std::result::Result<String, Message> {
    let bytes = source.read(path).map_err(|p| match p {
        ReadProblem::TooLarge { size, limit } => Message::TooLarge { size, limit },
        ReadProblem::Io(reason) => Message::ReadFailed { reason },
    })?;
    decode(bytes)
}

/// Bytes to text: a NUL byte means binary; invalid UTF-8 is named by its offset.
pub fn decode(mut bytes: Vec<u8>) -> std::result::Result<String, Message> {
    // UTF-16 (what Notepad calls "Unicode") holds NUL bytes: its mark says what it is.
    if bytes.starts_with(&[0xFF, 0xFE]) || bytes.starts_with(&[0xFE, 0xFF]) {
        return Err(Message::Utf16 {
            big_endian: bytes[0] == 0xFE,
        });
    }
    if let Some(offset) = bytes.iter().position(|&b| b == 0) {
        // UTF-16 without its mark: mostly Latin text, one byte of each pair is NUL.
        if let Some(big_endian) = utf16_without_mark(&bytes) {
            return Err(Message::Utf16 { big_endian });
        }
        return Err(Message::Binary { offset });
    }
    if bytes.starts_with(&[0xEF, 0xBB, 0xBF]) {
        bytes.drain(..3);
    }
    String::from_utf8(bytes).map_err(|e| {
        // The valid text before the first bad byte gives its line and column.
        let valid = e.utf8_error().valid_up_to();
        let bytes = e.into_bytes();
        let before = std::str::from_utf8(&bytes[..valid]).unwrap_or_default();
        let line_start = before.rfind('\n').map_or(0, |i| i + 1);
        Message::NotUtf8 {
            line: before.matches('\n').count() + 1,
            column: before[line_start..].chars().count() + 1,
        }
    })
}

/// Whether `bytes` look like UTF-16 text without a byte-order mark, and which order:
/// among their first pairs, nearly all have a NUL on the same side and text on the other.
fn utf16_without_mark(bytes: &[u8]) -> Option<bool> {
    let pairs: Vec<&[u8]> = bytes.chunks_exact(2).take(512).collect();
    if pairs.len() < 2 {
        return None;
    }
    let share = |f: &dyn Fn(&[u8]) -> bool| pairs.iter().filter(|p| f(p)).count() * 10;
    let enough = pairs.len() * 9;
    if share(&|p| p[1] == 0 && p[0] != 0) >= enough {
        return Some(false);
    }
    (share(&|p| p[0] == 0 && p[1] != 0) >= enough).then_some(true)
}

/// Splits and parses one document; the diagnostics say what went wrong.
pub fn parse_doc(
    file: &SourceFile,
    kind: Kind,
    id: String,
    plan: Option<String>,
) -> (RawDoc, Vec<Diagnostic>) {
    let mut doc = RawDoc::unread(kind, id, plan);
    let mut diagnostics = Vec::new();
    let yaml_range = if kind.is_markdown() {
        match frontmatter::split(&file.text) {
            Ok(split) => {
                doc.body_start = Some(split.body);
                split.yaml
            }
            Err(frontmatter::FrontMatterError::Empty) => {
                let example = start_example(kind);
                diagnostics.push(Diagnostic::new(
                    Message::EmptyFile { example },
                    Some(&file.path),
                ));
                return (doc, diagnostics);
            }
            Err(frontmatter::FrontMatterError::Missing(span)) => {
                let example = start_example(kind);
                let message = Message::FrontMatterMissing { example };
                diagnostics.push(Diagnostic::at(message, file, span));
                return (doc, diagnostics);
            }
            Err(frontmatter::FrontMatterError::OpeningMissing(span, closing)) => {
                let closing_line = file.lines.position(&file.text, closing).0;
                let message = Message::FrontMatterOpeningMissing { closing_line };
                diagnostics.push(Diagnostic::at(message, file, span));
                return (doc, diagnostics);
            }
            Err(frontmatter::FrontMatterError::Unterminated(span)) => {
                diagnostics.push(Diagnostic::at(Message::FrontMatterUnterminated, file, span));
                return (doc, diagnostics);
            }
            Err(frontmatter::FrontMatterError::TooManyDashes(span)) => {
                diagnostics.push(Diagnostic::at(
                    Message::FrontMatterTooManyDashes,
                    file,
                    span,
                ));
                return (doc, diagnostics);
            }
            Err(frontmatter::FrontMatterError::Invisible(span, ch)) => {
                // The opening line is the file's first.
                let opening = !file.text[..span.start].contains(['\n', '\r']);
                let message = Message::FrontMatterInvisible { ch, opening };
                diagnostics.push(Diagnostic::at(message, file, span));
                return (doc, diagnostics);
            }
            Err(frontmatter::FrontMatterError::LookAlike(span, ch)) => {
                let message = Message::FrontMatterDashes {
                    code_point: u32::from(ch),
                    ch: ch.to_string(),
                };
                diagnostics.push(Diagnostic::at(message, file, span));
                return (doc, diagnostics);
            }
        }
    } else {
        if file.text.trim().is_empty() {
            let example = start_example(kind);
            diagnostics.push(Diagnostic::new(
                Message::EmptyFile { example },
                Some(&file.path),
            ));
            return (doc, diagnostics);
        }
        0..file.text.len()
    };
    match yaml::parse(&file.text[yaml_range.clone()], yaml_range.start) {
        Ok(parsed) => {
            doc.hashtags = parsed.hashtag_comments;
            match parsed.root {
                Some(root) if matches!(root.value, yaml::Value::Map(_)) => {
                    doc.data = Some(Arc::new(root));
                }
                // An empty front matter is an empty mapping; the schema then names what is missing.
                None => {
                    doc.data = Some(Arc::new(Node {
                        value: yaml::Value::Map(Vec::new()),
                        span: yaml_range.start..yaml_range.start,
                        plain: false,
                    }));
                }
                Some(root) => {
                    diagnostics.push(Diagnostic::at(Message::NotAMapping, file, root.span))
                }
            }
        }
        Err(err) => {
            // The closing `---` forgotten, the parser ran into the body's prose.
            let prose = frontmatter::prose_start(&file.text[yaml_range.clone()], yaml_range.start)
                .filter(|p| {
                    matches!(err.kind, YamlErrorKind::Syntax(_)) && err.span.start >= p.start
                });
            if let Some(prose) = prose {
                let message = Message::FrontMatterRunsIntoBody {
                    line: file.lines.position(&file.text, prose.start).0,
                    closing_line: file.lines.position(&file.text, yaml_range.end).0,
                };
                diagnostics.push(Diagnostic::at(message, file, prose));
                return (doc, diagnostics);
            }
            let mut err = err;
            // `classe intangible`: a missing colon only when the word is a key of this kind.
            if let YamlErrorKind::Syntax(yaml::Cause::MissingColon { key, .. }) = &err.kind {
                if !crate::schema::json(kind).is_some_and(|s| has_key(s, key)) {
                    // `resume: Tout processus qui engage` then `le collectif est…`: the
                    // rest of a value, wrapped onto a line of its own.
                    let line = file.text[..err.span.start].rfind('\n').map_or(0, |i| i + 1);
                    let end = file.text[line..]
                        .find('\n')
                        .map_or(file.text.len(), |e| line + e);
                    match yaml_error::continuation(&file.text, line..end) {
                        Some((cause, span)) => {
                            err.kind = YamlErrorKind::Syntax(cause);
                            err.span = span;
                        }
                        None => err.kind = YamlErrorKind::Syntax(yaml::Cause::Structure),
                    }
                }
            }
            // `titre: [Brouillon] Titre`: quoting the value is a fix only where the key
            // takes text (`plans: [a] b` quoted would be refused). A list item (no key)
            // keeps both fixes, the help saying when each fits.
            if let YamlErrorKind::Syntax(yaml::Cause::TextAfterBracket { key, value, .. }) =
                &mut err.kind
            {
                if !key.is_empty() && !crate::schema::json(kind).is_some_and(|s| takes_text(s, key))
                {
                    value.clear();
                }
            }
            let message = match err.kind {
                YamlErrorKind::Syntax(cause) => Message::YamlSyntax { cause },
                YamlErrorKind::DuplicateKey { key, first } => Message::DuplicateKey {
                    key,
                    first_line: file.lines.position(&file.text, first.start).0,
                },
                YamlErrorKind::AliasBudget => Message::AliasLimit,
                YamlErrorKind::TooDeep => Message::TooDeep,
                YamlErrorKind::NonScalarKey => Message::NonScalarKey,
                YamlErrorKind::MultipleDocuments => Message::MultipleDocuments,
            };
            diagnostics.push(Diagnostic::at(message, file, err.span));
        }
    }
    (doc, diagnostics)
}

/// Whether the schema `schema` names the key `key` anywhere (its properties, nested
/// ones and its definitions' included).
fn has_key(schema: &serde_json::Value, key: &str) -> bool {
    match schema {
        serde_json::Value::Object(map) => {
            map.get("properties")
                .and_then(|p| p.as_object())
                .is_some_and(|p| p.contains_key(key))
                || map.values().any(|v| has_key(v, key))
        }
        serde_json::Value::Array(items) => items.iter().any(|v| has_key(v, key)),
        _ => false,
    }
}

/// Whether the key `key`, wherever the schema declares it, takes text (and only text).
fn takes_text(schema: &serde_json::Value, key: &str) -> bool {
    match schema {
        serde_json::Value::Object(map) => {
            let own = map
                .get("properties")
                .and_then(|p| p.get(key))
                .map(|k| k.get("type").and_then(|t| t.as_str()) == Some("string"));
            own.unwrap_or_else(|| map.values().any(|v| takes_text(v, key)))
        }
        serde_json::Value::Array(items) => items.iter().any(|v| takes_text(v, key)),
        _ => false,
    }
}

/// What a document of `kind` starts with: its front matter's required keys (`titre` when
/// its schema requires none), between `---` lines for a Markdown document.
fn start_example(kind: Kind) -> String {
    let required: Vec<String> = crate::schema::json(kind)
        .and_then(|s| s.get("required").cloned())
        .and_then(|r| serde_json::from_value(r).ok())
        .unwrap_or_default();
    let keys = if required.is_empty() {
        vec!["titre".to_string()]
    } else {
        required
    };
    let lines: Vec<String> = keys.iter().map(|k| format!("{k}: …")).collect();
    if kind.is_markdown() {
        format!("---\n{}\n---", lines.join("\n"))
    } else {
        lines.join("\n")
    }
}

/// Names that differ only by case break checkouts on macOS and Windows.
fn case_conflicts(entries: &[Entry], diagnostics: &mut Vec<Diagnostic>) {
    let mut seen: BTreeMap<String, &str> = BTreeMap::new();
    for entry in entries {
        // macOS and Windows also see `é` composed and decomposed as one name.
        let lower = crate::slug::nfc(&entry.path).to_lowercase();
        match seen.get(&lower) {
            Some(other) => diagnostics.push(Diagnostic::new(
                Message::CaseConflict {
                    other: (*other).to_string(),
                },
                Some(&entry.path),
            )),
            None => {
                seen.insert(lower, &entry.path);
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    /// Issue 14 (sec17, item 2): every spelling of a site folder that a file system
    /// ignoring case and normalisation opens as that folder is that folder; others not.
    #[test]
    fn site_folders_are_known_in_every_spelling() {
        for name in [
            "static",
            "Static",
            "STATIC",
            "ſtatic",
            "ﬆatic",
            "\u{17f}TATIC",
        ] {
            assert_eq!(site_folder(name), Some("static"), "{name}");
        }
        for name in [
            "templates",
            "Templates",
            "TEMPLATES",
            "templateſ",
            "TEMPLATEſ",
        ] {
            assert_eq!(site_folder(name), Some("templates"), "{name}");
        }
        for name in [
            "statics",
            "stätic",
            "template",
            "static ",
            "st",
            "principes",
        ] {
            assert_eq!(site_folder(name), None, "{name}");
        }
        assert!(is_site_path("STATIC/index.html"));
        assert!(is_site_path("Templates"));
        assert!(!is_site_path("principes/static/x.md"));
    }

    #[test]
    fn misnamed_documents_keep_their_id() {
        for path in [
            "principes/social-humain/Transparence.md",
            "principes/social-humain/transparence .md",
            "principes/social-humain/transparencé.md",
            "principes/social-humain/transparence.MD",
            "principes/social-humain/transparence.markdown",
            "principes/social-humain/transparence.md.txt",
        ] {
            assert_eq!(
                classify(path),
                Place::Doc {
                    kind: Kind::Principe,
                    id: "transparence".into(),
                    plan: Some("social-humain".into())
                },
                "{path}"
            );
            assert_eq!(
                misnamed(path).as_deref(),
                Some("principes/social-humain/transparence.md")
            );
        }
        assert_eq!(
            misnamed("codesocial.yml").as_deref(),
            Some("codesocial.yaml")
        );
        assert_eq!(misnamed("Histoire.md").as_deref(), Some("histoire.md"));
        assert_eq!(misnamed("README.md"), None);
        assert_eq!(misnamed("membres/lea.md"), None);
        assert_eq!(classify("images/Logo.PNG"), Place::Ignored);
    }

    #[test]
    fn classifies_the_layout() {
        assert!(matches!(
            classify("codesocial.yaml"),
            Place::Doc {
                kind: Kind::Manifeste,
                ..
            }
        ));
        assert_eq!(
            classify("principes/ecologique/circuits-courts.md"),
            Place::Doc {
                kind: Kind::Principe,
                id: "circuits-courts".into(),
                plan: Some("ecologique".into())
            }
        );
        assert!(matches!(
            classify("principes/ecologique/index.md"),
            Place::Doc {
                kind: Kind::Plan,
                ..
            }
        ));
        assert!(matches!(classify("principes/x.md"), Place::Misplaced(_)));
        assert!(matches!(classify("membres/a/b.md"), Place::Misplaced(_)));
        assert_eq!(classify("README.md"), Place::OtherMarkdown);
        assert_eq!(classify("docs/guide.md"), Place::OtherMarkdown);
        assert_eq!(classify("templates/page.html"), Place::Ignored);
        assert_eq!(classify("logo.png"), Place::Ignored);
        assert!(matches!(exact("codesocial.yml"), Place::WrongExtension(_)));
    }

    #[test]
    fn decode_names_offsets() {
        assert_eq!(
            decode(b"ab\0c".to_vec()),
            Err(Message::Binary { offset: 2 })
        );
        assert_eq!(
            decode(b"ab\xffc".to_vec()),
            Err(Message::NotUtf8 { line: 1, column: 3 })
        );
        assert_eq!(
            decode(b"a\n\xc3\xa9\xffc".to_vec()),
            Err(Message::NotUtf8 { line: 2, column: 2 })
        );
        assert_eq!(
            decode(b"\xff\xfea\0".to_vec()),
            Err(Message::Utf16 { big_endian: false })
        );
        assert_eq!(decode(b"\xEF\xBB\xBFok".to_vec()), Ok("ok".to_string()));
        // UTF-16 without its mark is named, not called binary (issue 16).
        let le: Vec<u8> = "---\ntitre: Écoute\n"
            .encode_utf16()
            .flat_map(u16::to_le_bytes)
            .collect();
        let be: Vec<u8> = "---\ntitre: Écoute\n"
            .encode_utf16()
            .flat_map(u16::to_be_bytes)
            .collect();
        assert_eq!(decode(le), Err(Message::Utf16 { big_endian: false }));
        assert_eq!(decode(be), Err(Message::Utf16 { big_endian: true }));
        assert!(matches!(
            decode(b"\x89PNG\r\n\x1a\n\0\0\0\rIHDR".to_vec()),
            Err(Message::Binary { .. })
        ));
    }
}
