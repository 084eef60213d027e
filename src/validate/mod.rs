//! Stage three: everything `check` verifies, as diagnostics. Parse and schema problems come
//! from each file alone (checked in parallel); references, links and rules need the whole
//! repository and use hash-map indexes, so cost stays linear in the number of documents.

mod control;
pub mod fixes;
mod invisible;
mod links;
pub mod page_ids;
mod refs;
mod rules;
mod schema;
mod tidy;

use std::collections::{HashMap, HashSet};

use rayon::prelude::*;

use crate::diag::{self, Diagnostic};
use crate::format::Kind;
use crate::i18n::Message;
use crate::load::{Loaded, RawDoc, SourceFile};
use crate::memo::{self, Memo};
use crate::model::Repo;
use strum::IntoEnumIterator;

/// Other #CodeSocials whose catalogues are pooled: organisation id → its offer ids, or
/// `None` when that organisation could not be loaded.
pub type Ecosystem = HashMap<String, Option<HashSet<String>>>;

/// A checked repository: the model and what is wrong with it.
#[derive(Debug)]
pub struct Checked {
    pub repo: Repo,
    pub diagnostics: Vec<Diagnostic>,
}

impl Checked {
    /// Document counts by kind, in the order of `Kind`'s variants: every document, read or
    /// not (one that failed to parse is still a document of the repository).
    pub fn by_kind(&self) -> Vec<(Kind, usize)> {
        let metas = self.repo.metas();
        let unparsed = &self.repo.unparsed;
        Kind::iter()
            .map(|k| {
                let read = metas.iter().filter(|m| m.kind == k).count();
                (k, read + unparsed.iter().filter(|u| u.kind == k).count())
            })
            .filter(|(_, n)| *n > 0)
            .collect()
    }

    /// How many documents the repository holds, read or not.
    pub fn documents(&self) -> usize {
        self.repo.metas().len() + self.repo.unparsed.len()
    }

    pub fn errors(&self) -> usize {
        self.diagnostics.iter().filter(|d| d.is_error()).count()
    }

    pub fn warnings(&self) -> usize {
        self.diagnostics.len() - self.errors()
    }
}

/// What a check computed, for the next check of the same repository in the same process
/// (the live preview): each file's own diagnostics, each page's rendered Markdown and
/// each page's links and anchors diagnosed, by the fingerprint of everything they are
/// computed from (see [`crate::memo`]). The other cross-document checks (references,
/// rules) run whole every time: they are hash lookups.
#[derive(Debug, Default)]
pub struct Kept {
    /// A document's schema and comment diagnostics, by its file's path and text.
    per_doc: Memo<Vec<Diagnostic>>,
    /// A page's Markdown as `check` renders it, by its path, texts and the repository's
    /// paths and plans; and its links' and anchors' diagnostics, by those and the ids of
    /// the pages its links name with an anchor.
    links: links::Kept,
    /// The parsed files, for [`crate::load::load_kept`].
    pub load: crate::load::Kept,
}

impl Kept {
    /// What the next check may use: what this one used.
    pub fn next(self) -> Kept {
        Kept {
            per_doc: self.per_doc.next(),
            links: self.links.next(),
            load: self.load.next(),
        }
    }
}

/// Checks a loaded tree; `ecosystem` resolves `org:offre` references when known.
pub fn check(loaded: Loaded, ecosystem: Option<&Ecosystem>) -> Checked {
    check_kept(loaded, ecosystem, None)
}

/// [`check`], computing again only what `kept` does not hold (see [`Kept`]). The result
/// is what [`check`] gives.
pub fn check_kept(
    mut loaded: Loaded,
    ecosystem: Option<&Ecosystem>,
    kept: Option<&Kept>,
) -> Checked {
    let mut diagnostics = std::mem::take(&mut loaded.diagnostics);
    // The fingerprint of each file's path and text, computed once by the load when it
    // was given a memory (else here, once per file that needs it).
    let keys = std::mem::take(&mut loaded.keys);
    let key_of = |i: usize| {
        keys.get(i).copied().flatten().unwrap_or_else(|| {
            let file = &loaded.files[i];
            memo::fingerprint(&(&file.path, &file.text))
        })
    };
    let t = crate::timing::phase("validate: each document");
    let per_doc: Vec<Vec<Diagnostic>> = loaded
        .docs
        .par_iter()
        .map(|doc| {
            let file = &loaded.files[doc.file];
            match kept {
                // The kind, id and plan come from the path.
                Some(kept) => kept
                    .per_doc
                    .get_or(key_of(doc.file), || doc_diagnostics(doc, file)),
                None => doc_diagnostics(doc, file),
            }
        })
        .collect();
    diagnostics.extend(per_doc.into_iter().flatten());
    diagnostics.extend(control::check(&loaded));
    for &i in &loaded.other_markdown {
        invisible::check(&loaded.files[i], 0, &mut diagnostics);
    }
    let file_keys: Option<Vec<u64>> = kept.map(|_| (0..loaded.files.len()).map(key_of).collect());
    drop(t);
    let t = crate::timing::phase("validate: model");
    let repo = Repo::from_loaded(loaded);
    drop(t);
    let t = crate::timing::phase("validate: rules, references");
    let index = Index::new(&repo);
    rules::check(&repo, &index, &mut diagnostics);
    refs::check(&repo, &index, ecosystem, &mut diagnostics);
    drop(t);
    let t = crate::timing::phase("validate: links");
    let links_kept = kept
        .zip(file_keys.as_deref())
        .map(|(k, keys)| (&k.links, keys));
    links::check(&repo, links_kept, &mut diagnostics);
    drop(t);
    tidy::tidy(&mut diagnostics, &repo.files);
    diag::sort(&mut diagnostics);
    Checked { repo, diagnostics }
}

/// The errors of the manifest (`codesocial.yaml`) alone, as `check` reports them: what
/// reading it found (bad YAML, a missing file), then its schema. What a command that
/// needs only the manifest (`fetch`, which reads `ecosysteme` from it) must report rather
/// than act on a manifest it could not read.
pub fn manifest_errors(loaded: &Loaded) -> Vec<Diagnostic> {
    let is_manifest = |d: &Diagnostic| d.file.as_deref() == Some("codesocial.yaml");
    let mut out: Vec<Diagnostic> = loaded
        .diagnostics
        .iter()
        .filter(|d| d.is_error() && is_manifest(d))
        .cloned()
        .collect();
    for doc in loaded.docs.iter().filter(|d| d.kind == Kind::Manifeste) {
        let (Some(data), Some(file)) = (&doc.data, loaded.files.get(doc.file)) else {
            continue;
        };
        out.extend(
            schema::check_doc(doc, data, file)
                .into_iter()
                .filter(Diagnostic::is_error),
        );
    }
    diag::sort(&mut out);
    out
}

/// What one document's file shows wrong by itself: its schema, and values commented out
/// by a `#`.
fn doc_diagnostics(doc: &RawDoc, file: &SourceFile) -> Vec<Diagnostic> {
    let mut out = Vec::new();
    if let Some(data) = &doc.data {
        out.extend(schema::check_doc(doc, data, file));
        invisible::check_fields(doc, data, file, &mut out);
    }
    if let Some(start) = doc.body_start {
        invisible::check(file, start, &mut out);
    }
    for h in &doc.hashtags {
        // `resume: #important`: the whole value is a comment. That is the error,
        // not the empty value the schema then finds.
        if matches!(h.kept.as_str(), "" | "~") {
            // The empty value the schema sees is where the comment starts, or
            // (a list item) where it ends.
            let explained = |d: &Diagnostic| {
                d.span
                    .as_ref()
                    .is_some_and(|s| (h.span.start..=h.span.end).contains(&s.start))
            };
            out.retain(|d| !explained(d));
            let intended = h.intended.trim_start_matches(':').trim();
            let span = h.span.end - intended.len()..h.span.end;
            let message = Message::CommentedOutValue {
                intended: intended.to_string(),
            };
            out.push(Diagnostic::at(message, file, span));
            continue;
        }
        let message = Message::HashtagComment {
            kept: h.kept.clone(),
            intended: h.intended.clone(),
            quotes: typographic_quotes(&h.intended),
        };
        out.push(Diagnostic::at(message, file, h.span.clone()));
    }
    out
}

/// The typographic quotes around `value` (`“…”`, `«…»`, `‘…’`, `„…“`, `‚…‘`), when it is
/// wrapped in a pair of them: a word processor's autocorrect of `"`, which YAML reads as
/// text.
fn typographic_quotes(value: &str) -> Option<(char, char)> {
    const PAIRS: [(char, char); 6] = [
        ('\u{201C}', '\u{201D}'),
        ('\u{201D}', '\u{201D}'),
        ('\u{00AB}', '\u{00BB}'),
        ('\u{2018}', '\u{2019}'),
        ('\u{201E}', '\u{201C}'),
        ('\u{201A}', '\u{2018}'),
    ];
    let value = value.trim();
    let first = value.chars().next()?;
    let last = value.chars().next_back()?;
    PAIRS
        .into_iter()
        .find(|&(open, close)| first == open && last == close && value.chars().count() > 1)
}

/// Ids by kind, for reference resolution by hash lookups.
pub(crate) struct Index<'r> {
    pub membres: HashSet<&'r str>,
    pub principes: HashMap<&'r str, &'r crate::model::Principe>,
    pub offres: HashSet<&'r str>,
    pub plans: Vec<String>,
    pub objectifs: HashSet<String>,
    /// Ids of documents that failed to parse, by kind: references to them resolve.
    pub unparsed: HashSet<(Kind, &'r str)>,
}

impl<'r> Index<'r> {
    fn new(repo: &'r Repo) -> Self {
        Index {
            membres: repo.membres.iter().map(|m| m.meta.id.as_str()).collect(),
            principes: repo
                .principes
                .iter()
                .map(|p| (p.meta.id.as_str(), p))
                .collect(),
            offres: repo.offres.iter().map(|o| o.meta.id.as_str()).collect(),
            plans: repo.plan_decls().into_iter().map(|p| p.id.value).collect(),
            objectifs: repo
                .raison
                .iter()
                .flat_map(|r| r.objectifs.iter().map(|o| o.id.value.clone()))
                .collect(),
            unparsed: repo
                .unparsed
                .iter()
                .map(|u| (u.kind, u.id.as_str()))
                .collect(),
        }
    }

    /// Whether a document of this kind and id exists, read or not.
    pub fn has(&self, kind: Kind, id: &str) -> bool {
        let read = match kind {
            Kind::Membre => self.membres.contains(id),
            Kind::Principe => self.principes.contains_key(id),
            Kind::Offre => self.offres.contains(id),
            _ => false,
        };
        read || self.unparsed.contains(&(kind, id))
    }
}

/// How many distinct unknown names of one run get a "did you mean", in each family
/// (references here; broken links and anchors in `links`). Each search compares the name
/// with every candidate, so a pull request of thousands of unknown names would otherwise
/// cost their product. Documents are checked in path order, one at a time, so which names
/// get one is the same on every run.
pub const MAX_SUGGESTIONS: usize = 100;

/// The run's "did you mean" searches for names that name nothing: each distinct name of a
/// family is looked for once (an unknown id cited 9,000 times costs one search), and only
/// the first [`MAX_SUGGESTIONS`] distinct names are; a later one gets no suggestion (its
/// error stays). At most [`MAX_SUGGESTIONS`] answers are kept.
#[derive(Debug)]
pub(super) struct Suggestions {
    left: usize,
    found: HashMap<(&'static str, String), Option<String>>,
}

impl Suggestions {
    pub(super) fn new() -> Self {
        Suggestions {
            left: MAX_SUGGESTIONS,
            found: HashMap::new(),
        }
    }

    /// [`closest`] for `word` in `family` (a label of what the candidates are: `"membre"`,
    /// `"principe"`…), computed on its first occurrence while the budget lasts.
    pub(super) fn closest<'a>(
        &mut self,
        family: &'static str,
        word: &str,
        candidates: impl IntoIterator<Item = &'a str>,
    ) -> Option<String> {
        self.closest_as(family, word, word, candidates)
    }

    /// [`Suggestions::closest`] for `word`, remembered as `key` (an `org:offre` reference
    /// looks for its offer id among that organisation's offers).
    pub(super) fn closest_as<'a>(
        &mut self,
        family: &'static str,
        key: &str,
        word: &str,
        candidates: impl IntoIterator<Item = &'a str>,
    ) -> Option<String> {
        let key = (family, key.to_string());
        if let Some(found) = self.found.get(&key) {
            return found.clone();
        }
        if self.left == 0 {
            return None;
        }
        self.left -= 1;
        let found = closest(word, candidates);
        self.found.insert(key, found.clone());
        found
    }
}

/// A folder of `principes/` that is no declared plan (a misspelled plan folder).
#[derive(Debug, Clone, PartialEq, Eq)]
pub(crate) struct UndeclaredFolder {
    /// How many document files it holds.
    pub documents: usize,
    /// The declared plan its name resembles, if one does.
    pub meant: Option<String>,
}

/// The folders of `principes/` that are no declared plan, by name (nothing while the
/// manifest cannot be read: the plans are declared there). One mistake: `rules` reports it
/// once at the folder, not once per document; the declared plan it resembles is not also
/// reported empty; and links to that plan's folder naming the folder's files are not
/// reported broken (renaming the folder makes them resolve), nor pointed at the folder.
pub(crate) fn undeclared_plan_folders(
    repo: &Repo,
) -> std::collections::BTreeMap<String, UndeclaredFolder> {
    let mut out = std::collections::BTreeMap::new();
    if !repo.all_read(&[Kind::Manifeste]) {
        return out;
    }
    let declared: Vec<String> = repo.plan_decls().into_iter().map(|p| p.id.value).collect();
    for path in &repo.paths {
        if !matches!(crate::load::classify(path), crate::load::Place::Doc { .. }) {
            continue;
        }
        let Some((plan, _)) = path
            .strip_prefix("principes/")
            .and_then(|r| r.split_once('/'))
        else {
            continue;
        };
        if declared.iter().any(|d| d == plan) {
            continue;
        }
        out.entry(plan.to_string())
            .or_insert_with(|| UndeclaredFolder {
                documents: 0,
                meant: closest(plan, declared.iter().map(String::as_str)),
            })
            .documents += 1;
    }
    out
}

/// The longest word (in characters) a "did you mean" is looked for: a typo of a longer
/// one is unlikely, and each comparison costs the product of the two lengths.
pub const MAX_SUGGESTION_CHARS: usize = 128;

/// The candidate closest to `word`, if close enough to be a likely typo, as a secretary
/// makes them: with accents or capitals of its own, words glued or split (`motscles`,
/// `mots cles`, `Pyramide Inversée`), letters transposed, dropped or doubled, or the word
/// glued to what followed it (`statutadopte`, `simpleintangible`). Words are compared
/// folded ([`fold`]: accents, case and the separators ` `, `-`, `_`, `'` set aside), by
/// Damerau–Levenshtein distance, at most a third of the folded length (between 1 and 4);
/// failing that, the longest candidate of four folded characters or more the word starts
/// with. Bounded for any input: no suggestion for a word over [`MAX_SUGGESTION_CHARS`],
/// and a candidate whose folded length differs by more than the allowed distance is
/// measured no further (the distance is at least the difference of lengths), so each link,
/// reference or key costs at most a constant per candidate.
pub fn closest<'a>(word: &str, candidates: impl IntoIterator<Item = &'a str>) -> Option<String> {
    if word.chars().count() > MAX_SUGGESTION_CHARS {
        return None;
    }
    let candidates: Vec<&str> = candidates.into_iter().collect();
    // `ChezNous SAS` for `cheznous-sas`: the name as written, made an id, is one.
    let as_id = crate::slug::slugify(word);
    if as_id != word {
        if let Some(c) = candidates.iter().find(|c| **c == as_id) {
            return Some(c.to_string());
        }
    }
    let folded = fold(word);
    let len = folded.chars().count();
    let limit = (len / 3).clamp(1, 4);
    let own = Letters::of(&folded);
    let mut best: Option<(usize, usize, &str)> = None;
    let mut prefix: Option<(usize, &str)> = None;
    // One buffer for every candidate folded: no allocation per candidate.
    let mut c_folded = String::new();
    for c in candidates {
        // A character is at most 4 bytes: a longer candidate is skipped before it is read.
        if c.len() > 4 * (MAX_SUGGESTION_CHARS + limit) {
            continue;
        }
        c_folded.clear();
        fold_into(c, &mut c_folded);
        let c_len = c_folded.chars().count();
        // `statutadopte`: the word starts with the candidate, the rest glued to it.
        if c_len >= 4 && c_len < len && folded.starts_with(c_folded.as_str()) {
            prefix = prefix.max(Some((c_len, c)));
        }
        // Linear in the candidate, where the distance costs the product of the lengths:
        // tens of thousands of anchors stay cheap to look through.
        if c_len.abs_diff(len) > limit || own.distance_at_least(&c_folded) > limit {
            continue;
        }
        #[cfg(test)]
        COMPARED.with(|n| n.set(n.get() + 1));
        let d = strsim::damerau_levenshtein(&folded, &c_folded);
        if d > limit {
            continue;
        }
        // Accents, capitals and separators break ties (`mots_cles` and `mots-cles` for
        // `mots cles`): the distance as written.
        let found = (d, strsim::damerau_levenshtein(word, c), c);
        if best.is_none_or(|b| found < b) {
            best = Some(found);
        }
    }
    best.map(|(_, _, c)| c)
        .or(prefix.map(|(_, c)| c))
        .map(str::to_string)
}

/// A word as compared for a suggestion: accents and capitals dropped (`É` is `e`), the
/// separators a secretary puts or forgets between words (` `, `-`, `_`, `'`, `’`, the
/// no-break spaces) left out.
pub fn fold(word: &str) -> String {
    let mut out = String::with_capacity(word.len());
    fold_into(word, &mut out);
    out
}

/// [`fold`], into `out`.
fn fold_into(word: &str, out: &mut String) {
    let separator = |c: char| {
        matches!(
            c,
            ' ' | '-' | '_' | '\'' | '\u{2019}' | '\u{a0}' | '\u{202f}'
        )
    };
    for c in word.chars() {
        if c.is_ascii() {
            if !separator(c) {
                out.push(c.to_ascii_lowercase());
            }
            continue;
        }
        match deunicode::deunicode_char(c) {
            Some(plain) => out.extend(
                plain
                    .chars()
                    .filter(|&p| !separator(p))
                    .flat_map(char::to_lowercase),
            ),
            None if !separator(c) => out.extend(c.to_lowercase()),
            None => {}
        }
    }
}

#[cfg(test)]
thread_local! {
    /// How many candidates [`closest`] measured the distance to, on this thread.
    static COMPARED: std::cell::Cell<usize> = const { std::cell::Cell::new(0) };
}

/// How many times each character occurs in a word, characters counted in [`BINS`] bins,
/// and how many it has.
struct Letters([u8; BINS], usize);

/// Bins of [`Letters`]: characters sharing a bin only lower the bound, which stays one.
const BINS: usize = 128;

impl Letters {
    fn of(word: &str) -> Letters {
        let mut bins = [0u8; BINS];
        let mut count = 0;
        for c in word.chars().take(MAX_SUGGESTION_CHARS) {
            bins[c as usize % BINS] += 1;
            count += 1;
        }
        Letters(bins, count)
    }

    /// A lower bound of the edit distance between the word and `other`, its bag distance:
    /// an insertion, deletion, substitution or transposition changes the characters
    /// missing on either side by at most one each.
    fn distance_at_least(&self, other: &str) -> usize {
        let mut bins = self.0;
        let mut unmatched = self.1;
        let mut extra = 0;
        for c in other.chars() {
            let bin = &mut bins[c as usize % BINS];
            if *bin > 0 {
                *bin -= 1;
                unmatched -= 1;
            } else {
                extra += 1;
            }
        }
        unmatched.max(extra)
    }
}

#[cfg(test)]
mod kept_tests {
    //! What the live preview keeps from one check to the next gives what a fresh check
    //! gives, after edits made to fool it: a file changed in place with its size and
    //! modification time kept (only its status-change time tells), the same through a
    //! rename, a file written again unchanged, removed, added, broken.

    use std::path::{Path, PathBuf};
    use std::time::Duration;

    use proptest::prelude::*;

    use crate::load::source::{DirSource, Stamp};

    #[derive(Debug, Clone)]
    enum Edit {
        /// A paragraph appended in place.
        Append(usize),
        /// One letter of the front matter swapped, written in place, modification time
        /// put back: size, inode and modification time are the same.
        SameStampInPlace(usize),
        /// The same, then nothing for longer than [`Stamp::SETTLING`] before the next
        /// check: the changed file's stamp is settled again when the check sees it (a
        /// change no check saw at once, as when the watcher lost its event).
        SameStampInPlaceUnseen(usize),
        /// The same through a temporary file renamed over the document.
        SameStampRenamed(usize),
        /// Written again as it was.
        Touch(usize),
        /// A document's front matter broken.
        Break(usize),
        /// A new offer, a copy of another.
        Add(usize),
        /// A document removed.
        Remove(usize),
        /// Nothing for longer than [`Stamp::SETTLING`]: every stamp the next check sees
        /// is settled, so the next edits change settled files.
        Wait,
        /// A link to the anchor `repere` of the [`LINKED`] document appended to the first
        /// document (broken until the linked one has the id). The edits below change the
        /// linked document, so that links, headings and removals meet.
        LinkAnchor,
        /// A heading `Repere` appended: it gives the id the links name.
        Heading,
        /// The raw HTML id `repere` appended.
        IdAdded,
        /// Every `Repere` heading renamed: the links to them break.
        RenameHeadings,
        /// The linked document removed.
        RemoveLinked,
    }

    fn edit() -> impl Strategy<Value = Edit> {
        prop_oneof![
            2 => any::<usize>().prop_map(Edit::Append),
            3 => any::<usize>().prop_map(Edit::SameStampInPlace),
            2 => any::<usize>().prop_map(Edit::SameStampInPlaceUnseen),
            2 => any::<usize>().prop_map(Edit::SameStampRenamed),
            1 => any::<usize>().prop_map(Edit::Touch),
            1 => any::<usize>().prop_map(Edit::Break),
            1 => any::<usize>().prop_map(Edit::Add),
            1 => any::<usize>().prop_map(Edit::Remove),
            1 => Just(Edit::Wait),
            3 => Just(Edit::LinkAnchor),
            3 => Just(Edit::Heading),
            2 => Just(Edit::IdAdded),
            2 => Just(Edit::RenameHeadings),
            1 => Just(Edit::RemoveLinked),
        ]
    }

    /// The document the link edits name (by index in [`documents`]; the first links to it).
    const LINKED: usize = 1;

    /// The link from the document `from` to the document `to` (paths inside `dir`).
    fn relative(dir: &Path, from: &Path, to: &Path) -> String {
        let from = from.strip_prefix(dir).expect("inside");
        let to = to.strip_prefix(dir).expect("inside");
        let up = from.components().count() - 1;
        format!("{}{}", "../".repeat(up), to.to_string_lossy())
    }

    /// The Markdown documents of the copy, in a stable order.
    fn documents(dir: &Path) -> Vec<PathBuf> {
        let mut docs: Vec<PathBuf> = walkdir::WalkDir::new(dir)
            .into_iter()
            .flatten()
            .map(walkdir::DirEntry::into_path)
            .filter(|p| p.extension().is_some_and(|e| e == "md"))
            .collect();
        docs.sort();
        docs
    }

    /// `text` with its first ASCII letter after the front matter's start swapped.
    fn swapped(text: &str) -> String {
        let at = text
            .char_indices()
            .skip(4)
            .find(|(_, c)| c.is_ascii_alphabetic())
            .map_or(0, |(i, _)| i);
        let letter = if text.as_bytes().get(at) == Some(&b'Q') {
            "Z"
        } else {
            "Q"
        };
        format!("{}{letter}{}", &text[..at], &text[at + 1..])
    }

    fn write_keeping_time(path: &Path, text: &str) {
        let modified = std::fs::metadata(path)
            .and_then(|m| m.modified())
            .expect("time");
        std::fs::write(path, text).expect("write");
        std::fs::File::options()
            .write(true)
            .open(path)
            .and_then(|f| f.set_modified(modified))
            .expect("set time");
    }

    fn apply(dir: &Path, edit: &Edit, step: usize) {
        let docs = documents(dir);
        let pick = |n: usize| docs[n % docs.len()].clone();
        let read = |p: &Path| std::fs::read_to_string(p).expect("read");
        match edit {
            Edit::Append(n) => {
                let path = pick(*n);
                let text = format!("{}\nAjouté, étape {step}.\n", read(&path));
                std::fs::write(&path, text).expect("write");
            }
            Edit::SameStampInPlace(n) => {
                let path = pick(*n);
                write_keeping_time(&path, &swapped(&read(&path)));
            }
            Edit::SameStampInPlaceUnseen(n) => {
                let path = pick(*n);
                write_keeping_time(&path, &swapped(&read(&path)));
                std::thread::sleep(Stamp::SETTLING + Duration::from_millis(100));
            }
            Edit::SameStampRenamed(n) => {
                let path = pick(*n);
                let temporary = dir.join(format!(".tmp-{step}"));
                std::fs::copy(&path, &temporary).expect("copy");
                write_keeping_time(&temporary, &swapped(&read(&path)));
                std::fs::rename(&temporary, &path).expect("rename");
            }
            Edit::Touch(n) => {
                let path = pick(*n);
                std::fs::write(&path, read(&path)).expect("write");
            }
            Edit::Break(n) => {
                let path = pick(*n);
                let text = read(&path).replacen("titre:", "titre: [", 1);
                std::fs::write(&path, text).expect("write");
            }
            Edit::Add(n) => {
                let path = pick(*n);
                let to = dir.join(format!("catalogue/ajout-{step}.md"));
                std::fs::write(to, read(&path)).expect("write");
            }
            Edit::Remove(n) => {
                if docs.len() > 5 {
                    std::fs::remove_file(pick(*n)).expect("remove");
                }
            }
            Edit::Wait => std::thread::sleep(Stamp::SETTLING + Duration::from_millis(100)),
            Edit::LinkAnchor => {
                let (from, to) = (pick(0), pick(LINKED));
                let link = relative(dir, &from, &to);
                let text = format!("{}\n[Voir]({link}#repere), étape {step}.\n", read(&from));
                std::fs::write(&from, text).expect("write");
            }
            Edit::Heading => {
                let path = pick(LINKED);
                let text = format!("{}\n## Repere\n\nTexte.\n", read(&path));
                std::fs::write(&path, text).expect("write");
            }
            Edit::IdAdded => {
                let path = pick(LINKED);
                let text = format!("{}\n<span id=\"repere\">ici</span>\n", read(&path));
                std::fs::write(&path, text).expect("write");
            }
            Edit::RenameHeadings => {
                let path = pick(LINKED);
                let text = read(&path).replace("## Repere", "## Renomme");
                std::fs::write(&path, text).expect("write");
            }
            Edit::RemoveLinked => {
                if docs.len() > 5 {
                    std::fs::remove_file(pick(LINKED)).expect("remove");
                }
            }
        }
    }

    /// A check's model and diagnostics, as text; but the model's index of principles, a
    /// hash map printed in no stable order (the principles themselves are printed).
    fn shown(checked: &super::Checked) -> String {
        let repo = format!("{:?}", checked.repo);
        let repo = repo.split("principe_at:").next().unwrap_or_default();
        format!("{repo}\n{:?}", checked.diagnostics)
    }

    fn copy_example() -> tempfile::TempDir {
        let tmp = tempfile::tempdir().expect("temp dir");
        let from = Path::new(env!("CARGO_MANIFEST_DIR")).join("examples/cheznous");
        for entry in walkdir::WalkDir::new(&from).into_iter().flatten() {
            let to = tmp
                .path()
                .join(entry.path().strip_prefix(&from).expect("inside"));
            if entry.file_type().is_dir() {
                std::fs::create_dir_all(&to).expect("mkdir");
            } else {
                std::fs::copy(entry.path(), &to).expect("copy");
            }
        }
        tmp
    }

    /// The link edits change what a fresh check says (else the property below could not
    /// catch a memory that ignores them): a link to a missing anchor is an error until
    /// the heading comes, again once the heading is renamed, and a link to a removed page
    /// is one.
    #[test]
    fn the_link_edits_change_what_a_check_says() {
        let tmp = copy_example();
        let source = DirSource::new(tmp.path());
        let mut kept = super::Kept::default();
        let broken = |kept: &super::Kept| {
            let loaded = crate::load::load_kept(&source, Some(&kept.load)).expect("load");
            let kept = super::check_kept(loaded, None, Some(kept));
            let fresh = super::check(crate::load::load(&source).expect("load"), None);
            assert_eq!(shown(&kept), shown(&fresh));
            fresh
                .diagnostics
                .iter()
                .filter(|d| d.code.starts_with("codesocial::link::"))
                .count()
        };
        let before = broken(&kept);
        // Whether the link is broken after each edit (a removed page breaks the example's
        // own links to it too).
        let steps = [
            (Edit::LinkAnchor, true),
            (Edit::Heading, false),
            (Edit::RenameHeadings, true),
            (Edit::IdAdded, false),
            (Edit::RemoveLinked, true),
        ];
        for (step, (edit, is_broken)) in steps.iter().enumerate() {
            apply(tmp.path(), edit, step);
            kept = kept.next();
            let now = broken(&kept);
            assert_eq!(
                now > before,
                *is_broken,
                "after {edit:?}: {now} against {before}"
            );
            assert!(now >= before);
        }
    }

    proptest! {
        #![proptest_config(ProptestConfig { cases: 8, failure_persistence: None, ..ProptestConfig::default() })]

        #[test]
        fn a_kept_check_after_edits_is_a_fresh_check(edits in prop::collection::vec(edit(), 1..10)) {
            let tmp = copy_example();
            let source = DirSource::new(tmp.path());
            let mut kept = super::Kept::default();
            let check_kept = |kept: &super::Kept| {
                let loaded = crate::load::load_kept(&source, Some(&kept.load)).expect("load");
                super::check_kept(loaded, None, Some(kept))
            };
            // The copy settles first: the first edits change files whose stamps the
            // memory trusts.
            check_kept(&kept);
            std::thread::sleep(Stamp::SETTLING + Duration::from_millis(100));
            kept = kept.next();
            check_kept(&kept);
            for (step, e) in edits.iter().enumerate() {
                apply(tmp.path(), e, step);
                kept = kept.next();
                let incremental = shown(&check_kept(&kept));
                let fresh = shown(&super::check(crate::load::load(&source).expect("load"), None));
                prop_assert!(incremental == fresh, "after {:?}", &edits[..=step]);
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use super::closest;

    proptest::proptest! {
        /// The bag distance never exceeds the edit distance: the filter drops no
        /// candidate the distance would keep.
        #[test]
        fn the_cheap_bound_is_a_lower_bound(a in "[a-e0-9é😀-]{0,12}", b in "[a-e0-9é😀-]{0,12}") {
            let bound = super::Letters::of(&a).distance_at_least(&b);
            proptest::prop_assert!(bound <= strsim::damerau_levenshtein(&a, &b), "{a:?} {b:?}");
        }
    }

    /// A look through 20,000 anchors or file names measures the distance to the few that
    /// share enough characters with the word, not to each: a hundred suggestions over a
    /// page of 20,000 headings cost the headings, not their product with the distance.
    #[test]
    fn closest_measures_only_candidates_sharing_characters() {
        let headings: Vec<String> = (0..20_000).map(|i| format!("h{i}")).collect();
        let measured = |word: &str| {
            super::COMPARED.with(|n| n.set(0));
            let found = closest(word, headings.iter().map(String::as_str));
            (found, super::COMPARED.with(std::cell::Cell::get))
        };
        assert_eq!(measured("nope-12345"), (None, 0));
        // Itself; the few others measured are within the bound of its length.
        let (found, n) = measured("h1234");
        assert_eq!(found.as_deref(), Some("h1234"));
        assert!(n < 1_000, "{n} distances measured");
    }

    #[test]
    fn closest_finds_typos_only() {
        assert_eq!(
            closest("mathiue", ["mathieu", "claire"]),
            Some("mathieu".into())
        );
        assert_eq!(closest("zzz", ["mathieu", "claire"]), None);
        // A name as written for the id it becomes (issue 16).
        assert_eq!(
            closest("ChezNous SAS", ["mathieu", "cheznous-sas"]),
            Some("cheznous-sas".into())
        );
    }

    /// The near misses a secretary makes, for every key of every document kind and every
    /// id of the example: accents added, capitals, the words glued or split, two letters
    /// transposed, one dropped or doubled, the key glued to its value: each finds the word
    /// meant, and a word glued to another candidate's start finds the longest (truth18).
    #[test]
    fn closest_finds_the_family_of_near_misses() {
        let mut words: Vec<String> = Vec::new();
        use strum::IntoEnumIterator;
        for kind in crate::format::Kind::iter() {
            if let Some(schema) = crate::schema::json(kind) {
                collect_keys(schema, &mut words);
            }
        }
        let root = std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("examples/cheznous");
        for dir in [
            "membres",
            "catalogue",
            "principes/economique",
            "principes/social-humain",
        ] {
            for entry in std::fs::read_dir(root.join(dir))
                .expect("read dir")
                .flatten()
            {
                let name = entry.file_name().to_string_lossy().to_string();
                if let Some(id) = name.strip_suffix(".md").filter(|id| *id != "index") {
                    words.push(id.to_string());
                }
            }
        }
        words.sort();
        words.dedup();
        let candidates: Vec<&str> = words.iter().map(String::as_str).collect();
        let accents = |w: &str| w.replacen('e', "é", 2).replacen('a', "à", 1);
        let glued = |w: &str| w.replace(['_', '-'], "");
        let split = |w: &str| w.replace(['_', '-'], " ");
        let transposed = |w: &str| {
            let mut c: Vec<char> = w.chars().collect();
            let i = c.len() / 2;
            c.swap(i - 1, i);
            c.into_iter().collect::<String>()
        };
        let dropped = |w: &str| {
            let mut c: Vec<char> = w.chars().collect();
            c.remove(c.len() / 2);
            c.into_iter().collect::<String>()
        };
        let capitals = |w: &str| w.to_uppercase();
        let with_value = |w: &str| format!("{w}adopte");
        let mut failures = Vec::new();
        let mut cases = 0;
        for w in words.iter().filter(|w| w.chars().count() >= 5) {
            let near: [(&str, String); 7] = [
                ("accents", accents(w)),
                ("glued", glued(w)),
                ("split", split(w)),
                ("transposed", transposed(w)),
                ("dropped", dropped(w)),
                ("capitals", capitals(w)),
                ("glued to its value", with_value(w)),
            ];
            for (how, written) in near {
                if written == *w || candidates.contains(&written.as_str()) {
                    continue;
                }
                cases += 1;
                // Another candidate as near is as good an answer (`plans` for `plan`).
                let found = closest(&written, candidates.iter().copied());
                let right = found.as_deref() == Some(w)
                    || found.as_deref().is_some_and(|f| {
                        strsim::damerau_levenshtein(&super::fold(f), &super::fold(&written))
                            <= strsim::damerau_levenshtein(&super::fold(w), &super::fold(&written))
                    });
                if !right {
                    failures.push(format!("{how}: {written:?} gave {found:?}, not {w:?}"));
                }
            }
        }
        assert!(cases > 200, "{cases} cases only");
        assert!(
            failures.is_empty(),
            "{} of {cases}:\n{}",
            failures.len(),
            failures.join("\n")
        );
        // Still no suggestion for what is no near miss.
        assert_eq!(closest("zzzzzz", candidates.iter().copied()), None);
        assert_eq!(closest("abc", ["abcdef"]), None);
    }

    /// Every property name a JSON schema declares, nested ones included.
    fn collect_keys(schema: &serde_json::Value, out: &mut Vec<String>) {
        match schema {
            serde_json::Value::Object(map) => {
                if let Some(serde_json::Value::Object(props)) = map.get("properties") {
                    out.extend(props.keys().cloned());
                }
                map.values().for_each(|v| collect_keys(v, out));
            }
            serde_json::Value::Array(items) => items.iter().for_each(|v| collect_keys(v, out)),
            _ => {}
        }
    }

    #[test]
    fn closest_is_bounded_and_loses_no_suggestion() {
        let long = "y".repeat(super::MAX_SUGGESTION_CHARS + 1);
        assert_eq!(closest(&long, [long.as_str()]), None);
        let huge = "x".repeat(1_000_000);
        assert_eq!(
            closest("mathiue", [huge.as_str(), "mathieu"]),
            Some("mathieu".into())
        );
        // Lengths four apart are still compared, five apart never match.
        assert_eq!(
            closest("abcdefghijkl", ["abcdefghijklmnop"]),
            Some("abcdefghijklmnop".into())
        );
        assert_eq!(closest("abcdefghijkl", ["abcdefghijklmnopq"]), None);
    }
}
