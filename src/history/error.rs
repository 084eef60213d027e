//! Why the history could not be read: one typed error for every git failure of the
//! `history` module, turned into the crate's [`crate::error::Error`] (exit 2) at the
//! boundary; its words are those of the crate's errors (`i18n::error`).

use crate::error::Error;

/// A failure to read git history. Every variant is an exit-2 error for the commands; a
/// blob over the size limit ([`HistoryError::TooLarge`]) is a content problem instead
/// where a file is loaded (the loader reports it as "file too large").
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum HistoryError {
    /// The folder is in no git repository.
    NotARepository { dir: String },
    /// The repository is bare: there is no working tree to compare with.
    NoWorkTree,
    /// The folder is outside the repository's working tree.
    OutsideRepository { dir: String },
    /// The current branch has no commit yet.
    Unborn,
    /// The revision names nothing, or nothing that is a commit.
    UnknownRevision { rev: String },
    /// The name is that of several references pointing at different commits (`refs`, full
    /// names, in git's order of precedence: a tag `origin/main` and the remote branch):
    /// git takes the first with a warning; a judgement never takes one silently.
    AmbiguousRevision { rev: String, refs: Vec<String> },
    /// The same in a shallow clone, whose history stops at `boundary` (a full hash): the
    /// revision may lie beyond it.
    UnknownInShallow { rev: String, boundary: String },
    /// The revision (or, `range`, the range whose commits are walked) lies beyond the
    /// boundary of a shallow clone: `boundary`, the full hash of the commit where its
    /// history stops (whose parents were not fetched).
    BeyondShallow {
        rev: String,
        boundary: String,
        range: bool,
    },
    /// An object of the history is missing, cut short or damaged: the history itself is
    /// broken. `what` names it (a path when one is known, else the object id).
    BrokenObject {
        what: String,
        problem: ObjectProblem,
    },
    /// An object is larger than the size limit (its header says so; it was not inflated).
    TooLarge { size: u64, limit: u64 },
    /// A commit whose #CodeSocial folder holds more documents than
    /// [`super::source::MAX_COMMIT_DOCUMENTS`], or whose documents add up to more bytes
    /// than the loader's total limit (each path counted, even where several share one
    /// blob): reading it would exhaust memory and time.
    CommitTooLarge { commit: String, overflow: Overflow },
    /// A bare repository (an ecosystem's copy in the cache) that libgit2 cannot open: its
    /// folder `dir` is damaged or is no repository; `detail`, libgit2's words.
    Unopenable { dir: String, detail: String },
    /// Any other failure libgit2 reports, with its message.
    Git { detail: String },
}

/// Which bound a commit passes.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Overflow {
    /// More than `limit` documents.
    Documents { limit: usize },
    /// More than `limit` bytes of documents in all.
    Bytes { limit: u64 },
}

/// What is wrong with an object.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum ObjectProblem {
    /// Neither loose nor in a pack.
    Missing,
    /// A loose object whose compressed stream ends early (libgit2 would loop forever on
    /// it: libgit2 issue 7342).
    Truncated,
    /// Not a valid object: bad compression, bad header, wrong size or kind.
    Damaged,
    /// The object file could not be read.
    Unreadable(String),
}

impl HistoryError {
    /// The same error naming `what` (a path) instead of an object id.
    pub fn at(self, path: &str) -> HistoryError {
        match self {
            HistoryError::BrokenObject { problem, .. } => HistoryError::BrokenObject {
                what: path.to_string(),
                problem,
            },
            other => other,
        }
    }

    /// libgit2's failure to read object `id`: a missing object when libgit2 says so.
    pub(crate) fn from_read(id: git2::Oid, e: &git2::Error) -> HistoryError {
        let problem = if e.code() == git2::ErrorCode::NotFound {
            ObjectProblem::Missing
        } else {
            ObjectProblem::Unreadable(e.message().to_string())
        };
        HistoryError::BrokenObject {
            what: id.to_string(),
            problem,
        }
    }

    /// Any other libgit2 failure.
    pub(crate) fn git(e: &git2::Error) -> HistoryError {
        HistoryError::Git {
            detail: e.message().to_string(),
        }
    }
}

impl From<HistoryError> for Error {
    fn from(e: HistoryError) -> Error {
        match e {
            HistoryError::NotARepository { dir } => Error::NotARepo { dir },
            HistoryError::NoWorkTree => Error::NoWorkdir,
            HistoryError::OutsideRepository { dir } => Error::OutsideRepo { dir },
            HistoryError::Unborn => Error::Unborn,
            HistoryError::UnknownRevision { rev } => Error::UnknownRev { rev },
            HistoryError::AmbiguousRevision { rev, refs } => Error::AmbiguousRev { rev, refs },
            HistoryError::UnknownInShallow { rev, boundary } => {
                Error::UnknownRevShallow { rev, boundary }
            }
            HistoryError::BeyondShallow {
                rev,
                boundary,
                range,
            } => Error::ShallowRev {
                rev,
                boundary,
                range,
            },
            HistoryError::BrokenObject { what, problem } => match problem {
                ObjectProblem::Missing => Error::MissingObject { path: what },
                ObjectProblem::Truncated | ObjectProblem::Damaged => {
                    Error::TruncatedObject { path: what }
                }
                ObjectProblem::Unreadable(detail) => Error::BrokenObject { path: what, detail },
            },
            HistoryError::TooLarge { size, limit } => Error::ObjectTooLarge { size, limit },
            HistoryError::CommitTooLarge { commit, overflow } => match overflow {
                Overflow::Documents { limit } => Error::CommitTooManyDocuments { commit, limit },
                Overflow::Bytes { limit } => Error::CommitTooManyBytes { commit, limit },
            },
            HistoryError::Unopenable { dir, detail } => Error::DamagedRepository { dir, detail },
            HistoryError::Git { detail } => Error::Git { detail },
        }
    }
}
