//! The git side of `init`: a new repository with one commit holding the scaffold, or
//! nothing at all when the folder already lies inside a repository (the files are then the
//! user's to add, as with any new file).

use std::path::{Path, PathBuf};

use git2::{Repository, RepositoryInitOptions, Signature, Time};

use super::Layout;
use crate::error::{Error, Result};

/// The author of the initial commit and where it came from.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Author {
    pub name: String,
    pub email: String,
    /// Git had no identity configured: the organisation stands in.
    pub fallback: bool,
}

/// What `init` did with git.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Outcome {
    /// A new repository with one commit.
    Committed {
        /// Short hash of the commit.
        commit: String,
        branch: String,
        author: Author,
    },
    /// `dir` lies in the work tree of this repository: no new repository, no commit.
    InsideRepository { root: PathBuf },
}

/// The layout of `dir` inside the repository it lies (or will lie) in: that repository's
/// work tree and `dir`'s path in it. `None` outside any repository (or in a bare one).
/// `dir` need not exist yet: `work_tree` is asked from its nearest existing folder (canonical)
/// for the work tree of the repository holding it — the command hands down
/// `history::discover_repository`, the one way a repository is found.
pub fn enclosing_repository(
    dir: &Path,
    work_tree: impl FnOnce(&Path) -> Option<PathBuf>,
) -> Option<Layout> {
    let absolute = std::path::absolute(dir).ok()?;
    let existing = absolute.ancestors().find(|a| a.is_dir())?;
    let rest = absolute.strip_prefix(existing).ok()?;
    let start = existing.canonicalize().ok()?;
    let root = work_tree(&start)?.canonicalize().ok()?;
    let inside = start.strip_prefix(&root).ok()?.join(rest);
    let folder: Vec<String> = inside
        .components()
        .map(|c| c.as_os_str().to_string_lossy().into_owned())
        .collect();
    Some(Layout {
        root,
        folder: folder.join("/"),
    })
}

/// Creates a repository in `dir` and commits `paths` (relative, `/`-separated) with
/// `message`. The author comes from `GIT_AUTHOR_NAME`/`GIT_AUTHOR_EMAIL` or git's
/// configuration; when neither says, `fallback` is used and flagged.
pub fn commit_initial(
    dir: &Path,
    paths: &[String],
    message: &str,
    fallback: (&str, &str),
) -> Result<Outcome> {
    let branch = default_branch();
    let mut init = RepositoryInitOptions::new();
    init.initial_head(&branch);
    let repo = Repository::init_opts(dir, &init).map_err(|e| git_error(dir, &e))?;
    let mut index = repo.index().map_err(|e| git_error(dir, &e))?;
    for path in paths {
        index
            .add_path(Path::new(path))
            .map_err(|e| git_error(dir, &e))?;
    }
    index.write().map_err(|e| git_error(dir, &e))?;
    let tree_id = index.write_tree().map_err(|e| git_error(dir, &e))?;
    let tree = repo.find_tree(tree_id).map_err(|e| git_error(dir, &e))?;
    let author = author(&repo, fallback);
    let signature = signature(&author).map_err(|e| git_error(dir, &e))?;
    let id = repo
        .commit(Some("HEAD"), &signature, &signature, message, &tree, &[])
        .map_err(|e| git_error(dir, &e))?;
    let mut commit = id.to_string();
    commit.truncate(7);
    Ok(Outcome::Committed {
        commit,
        branch,
        author,
    })
}

/// The identity that signs a first commit when git has none: the organisation, with a
/// name git accepts (no `<` or `>`) and an address that cannot reach anyone.
pub fn organisation_identity(nom: &str, id: &str) -> (String, String) {
    let name: String = nom.chars().filter(|c| !matches!(c, '<' | '>')).collect();
    (name, format!("{id}@codesocial.invalid"))
}

/// `init.defaultBranch` when set, else `main`, the forges' default.
fn default_branch() -> String {
    git2::Config::open_default()
        .and_then(|c| c.get_string("init.defaultBranch"))
        .ok()
        .filter(|b| !b.trim().is_empty())
        .unwrap_or_else(|| "main".to_string())
}

fn author(repo: &Repository, fallback: (&str, &str)) -> Author {
    let config = repo.config().ok();
    let lookup = |env: &str, key: &str| {
        std::env::var(env)
            .ok()
            .or_else(|| config.as_ref()?.get_string(key).ok())
            .map(|v| v.trim().to_string())
            .filter(|v| !v.is_empty())
    };
    match (
        lookup("GIT_AUTHOR_NAME", "user.name"),
        lookup("GIT_AUTHOR_EMAIL", "user.email"),
    ) {
        (Some(name), Some(email)) => Author {
            name,
            email,
            fallback: false,
        },
        _ => Author {
            name: fallback.0.to_string(),
            email: fallback.1.to_string(),
            fallback: true,
        },
    }
}

/// Now, or `SOURCE_DATE_EPOCH` when set, so that tests and reproducible builds can pin it.
fn signature(author: &Author) -> std::result::Result<Signature<'static>, git2::Error> {
    if std::env::var_os("SOURCE_DATE_EPOCH").is_some() {
        let time = Time::new(crate::date::now(), 0);
        Signature::new(&author.name, &author.email, &time)
    } else {
        Signature::now(&author.name, &author.email)
    }
}

fn git_error(dir: &Path, e: &git2::Error) -> Error {
    Error::InitGit {
        dir: dir.to_path_buf(),
        detail: e.message().to_string(),
    }
}
