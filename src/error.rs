//! Errors that stop a command before it can judge the content: usage, I/O, git. They exit
//! with code 2; content problems are diagnostics instead (exit 1).
//!
//! One variant per failure, carrying the values its sentence needs, never a sentence: the
//! words (in both languages), the stable code and the hint are its record, written in
//! `i18n::error` with `Display` and `code`, and are put in the language of messages only
//! when the error is shown (`Display`, `report::error`). This module depends on nothing
//! else in the crate. Tests match on variants and codes.
//!
//! Adding a failure: add a variant here with its values (paths as `PathBuf`, what the user
//! typed as `String`), then its arm in `i18n::error::record` (the compiler asks for it):
//! a code under `codesocial::usage::`, `codesocial::git::` or `codesocial::io::`, the
//! message in French and English, and a hint saying what to do when there is one.

use std::path::PathBuf;

/// What a numeric setting counts (`crate::settings`), for the message that asks for it.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum SettingUnit {
    Bytes,
    Documents,
    /// Tree entries (files and folders).
    Entries,
    Seconds,
}

#[derive(Debug)]
pub enum Error {
    // Files and folders.
    /// A path that must be a folder is something else.
    NotADirectory(PathBuf),
    /// Listing a folder failed at `path` (the entry walkdir names, else the folder walked):
    /// an I/O error there, or a loop of symbolic links.
    Walk {
        path: PathBuf,
        source: walkdir::Error,
    },
    /// Reading or writing a file failed.
    Io {
        path: PathBuf,
        source: std::io::Error,
    },
    /// The folder has no `codesocial.yaml`.
    NotACodeSocial { dir: PathBuf },
    /// `codesocial.yaml` is a folder, a pipe or a device.
    ManifestNotAFile { path: PathBuf },

    // Arguments clap cannot check.
    /// `schema KIND` with a kind that does not exist.
    UnknownKind {
        name: String,
        suggestion: Option<String>,
        kinds: Vec<String>,
    },
    /// `diff A..B C`.
    RangeAndTo,
    /// A numeric `CODESOCIAL_*` variable that is not a whole number it allows.
    BadSetting {
        name: &'static str,
        value: String,
        unit: SettingUnit,
        default: u64,
        zero: bool,
    },
    /// `diff --enforce` with the working tree as a side: no revision, or uncommitted
    /// changes, which no rule can judge (they have no commit, so no decision).
    EnforceWorkingTree,
    /// `log ID` with an id no commit ever had.
    UnknownId { id: String },
    /// `bilan --stale-after` that is not a duration.
    BadDuration { text: String },

    // init.
    /// Files of the scaffold exist already: nothing was written.
    InitWouldOverwrite { dir: String, files: Vec<String> },
    /// No `--nom`, and a folder name that gives no identifier.
    NoName { dir: PathBuf },
    /// `--nom` with a line break or another control character.
    NameControl,
    /// `--nom` with no letter or digit.
    NameWithoutLetters { nom: String },
    /// git failed while creating the repository (the files are written).
    InitGit { dir: PathBuf, detail: String },

    // import.
    /// The document to import cannot be read, or the import would overwrite files.
    Import(ImportError),

    // build and serve.
    /// The output folder is, or contains, the content folder.
    OutContainsContent { out: String },
    /// The output folder holds something `build` did not write.
    NotOurOutput { out: String },
    /// A path to write lies through a symbolic link inside a git work tree (`link`, as a
    /// path from the work tree's top; `tree`, that top).
    WriteThroughLink { link: String, tree: String },
    /// A template of the repository does not compile or render.
    Template { name: String, detail: String },
    /// The port is taken by another program.
    PortInUse { port: u16, next: u16 },
    /// Listening failed for another reason.
    BindFailed { addr: String, reason: String },
    /// Ctrl-C cannot be intercepted.
    SignalHandler { reason: String },
    /// The preview's server (its event loop) cannot start.
    ServerStart { reason: String },
    /// SIGINT or SIGTERM arrived: the command stops without writing more.
    Interrupted,

    // git.
    /// The folder is in no git repository.
    NotARepo { dir: String },
    /// A repository libgit2 cannot open (damaged, or no repository): `detail`, its words.
    DamagedRepository { dir: String, detail: String },
    /// A bare repository.
    NoWorkdir,
    /// The folder lies outside the repository's working tree.
    OutsideRepo { dir: String },
    /// A revision that names nothing.
    UnknownRev { rev: String },
    /// A revision whose name is that of several references to different commits (`refs`,
    /// full names, in git's order of precedence).
    AmbiguousRev { rev: String, refs: Vec<String> },
    /// A revision that names nothing in a shallow clone, which stops at `boundary` (a
    /// full hash): it may lie beyond it.
    UnknownRevShallow { rev: String, boundary: String },
    /// A revision (or, `range`, a range) reaching beyond the history of a shallow clone,
    /// which stops at `boundary` (a full hash).
    ShallowRev {
        rev: String,
        boundary: String,
        range: bool,
    },
    /// The current branch has no commit.
    Unborn,
    /// git (libgit2) failed; `detail` is its message.
    Git { detail: String },
    /// An object of the history is missing or damaged; `detail` is libgit2's message.
    BrokenObject { path: String, detail: String },
    /// A loose object is truncated or damaged.
    TruncatedObject { path: String },
    /// An object of the history is neither loose nor in a pack.
    MissingObject { path: String },
    /// A git object whose header declares more than the size limit (not inflated).
    ObjectTooLarge { size: u64, limit: u64 },
    /// A commit whose folder holds more than `limit` documents (history is refused).
    CommitTooManyDocuments { commit: String, limit: usize },
    /// A commit whose documents add up to more than `limit` bytes, each path counted.
    CommitTooManyBytes { commit: String, limit: u64 },
    /// `diff --enforce` over a range whose commits change more than `limit` documents in
    /// all (counted commit by commit); `commit` is where the count passed it.
    RangeTooLarge { commit: String, limit: usize },
}

/// Why `import` stops, one variant per failure (its words are in `i18n::import`).
#[derive(Debug)]
pub enum ImportError {
    /// The source's extension is not a format `import` reads.
    UnknownExtension { path: PathBuf, ext: String },
    /// The source is a folder.
    IsAFolder { path: PathBuf },
    /// The source (after following a symbolic link) is not a regular file: a named pipe,
    /// a socket, a device such as `/dev/stdin`. `kind` names which, in English, as
    /// [`crate::import::source::special_kind`] spells it.
    NotAFile { path: PathBuf, kind: &'static str },
    /// The source is larger than `limit` bytes.
    TooLarge {
        path: PathBuf,
        size: u64,
        limit: u64,
    },
    /// The source holds nothing but white space.
    Empty { path: PathBuf },
    /// A NUL byte at `offset`: not text.
    Binary { path: PathBuf, offset: usize },
    /// Invalid UTF-8 at byte `offset`.
    NotUtf8 { path: PathBuf, offset: usize },
    /// A `.docx`/`.odt` (`ext`) that is not a zip archive.
    NotAnArchive { path: PathBuf, ext: String },
    /// A `.docx`/`.odt` (`ext`) and no `pandoc` on the `PATH`.
    PandocMissing { path: PathBuf, ext: String },
    /// `pandoc` ran longer than `seconds` and was stopped.
    PandocTimeout { path: PathBuf, seconds: u64 },
    /// `pandoc` failed; `detail` is what it said.
    PandocFailed { path: PathBuf, detail: String },
    /// Nothing is left once the layout is removed.
    NoText { path: PathBuf },
    /// The chapter that would become `file` weighs `size` bytes, more than the `limit`
    /// `check` reads.
    ChapterTooLarge {
        path: PathBuf,
        file: String,
        size: u64,
        limit: u64,
    },
    /// No name given, none in the document, and the folder gives none.
    NoName,
    /// `--nom` with a control character or without a letter or digit.
    BadName { nom: String },
    /// Files the import would write exist already: nothing was written.
    WouldOverwrite { dir: String, files: Vec<String> },
    /// The source lies inside the folder given to import into, where `check` would read
    /// it as a page of the site (`inside`: its path there): nothing was written. `id` is
    /// the organisation's, the name of the folder the hint suggests.
    SourceInTarget {
        path: PathBuf,
        dir: String,
        inside: String,
        id: String,
    },
}

impl From<ImportError> for Error {
    fn from(e: ImportError) -> Error {
        Error::Import(e)
    }
}

impl Error {
    /// A failure of walking `root`, at the entry it happened on when walkdir knows it.
    pub fn walk(root: &std::path::Path, source: walkdir::Error) -> Self {
        Error::Walk {
            path: source
                .path()
                .map_or_else(|| root.to_path_buf(), std::path::Path::to_path_buf),
            source,
        }
    }

    pub fn io(path: impl Into<PathBuf>, source: std::io::Error) -> Self {
        Error::Io {
            path: path.into(),
            source,
        }
    }
}

impl std::error::Error for Error {
    fn source(&self) -> Option<&(dyn std::error::Error + 'static)> {
        match self {
            Error::Io { source, .. } => Some(source),
            Error::Walk { source, .. } => Some(source),
            _ => None,
        }
    }
}

pub type Result<T, E = Error> = std::result::Result<T, E>;
