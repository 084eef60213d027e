//! The CI file `init` writes: for which forge, where, and with which version of codesocial.
//!
//! Forges read their configuration only at the root of a repository
//! (`.github/workflows/`, `.gitlab-ci.yml`), so a #CodeSocial written into a subfolder of an
//! existing repository gets its CI file at that root, naming the folder. The file runs the
//! version of codesocial that wrote it (the GitHub Action, or the GitLab template, at the tag
//! `v<version>`), which downloads that release's binary: the first push is checked by the same
//! rules as the machine that ran `init`, without compiling anything.

use crate::i18n::Lang;

use super::templates;

/// The version that writes the CI file, and so the one the CI runs.
pub const VERSION: &str = env!("CARGO_PKG_VERSION");

/// The forge whose CI `init` writes (`init`'s own option: the command line's choice is
/// converted in `cmd::init`).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Ci {
    Github,
    Gitlab,
    Aucune,
}

/// Where the CI file goes, as a path relative to the repository's root (`/`-separated).
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Placement {
    /// The #CodeSocial folder is the repository's root (or will be): the usual place.
    Folder { path: String },
    /// The folder lies in a larger repository: the file is at that repository's root and
    /// runs for the folder.
    Root { path: String },
    /// The repository's `.gitlab-ci.yml` exists: the file sits in the folder and must be
    /// included from it.
    Include { path: String },
}

impl Placement {
    /// The file's path from the repository's root.
    pub fn path(&self) -> &str {
        match self {
            Placement::Folder { path } | Placement::Root { path } | Placement::Include { path } => {
                path
            }
        }
    }
}

/// Chooses where the CI file goes. `folder` is the #CodeSocial folder relative to the
/// repository's root (empty when it is the root); `taken` says whether a root-relative path
/// already exists. Never a taken path when a free one is allowed: at a repository's root,
/// the usual name is the only choice, and a taken one makes `init` refuse as for any file.
pub fn place(ci: Ci, folder: &str, id: &str, taken: impl Fn(&str) -> bool) -> Option<Placement> {
    let usual = match ci {
        Ci::Github => ".github/workflows/codesocial.yml",
        Ci::Gitlab => ".gitlab-ci.yml",
        Ci::Aucune => return None,
    };
    if folder.is_empty() {
        return Some(Placement::Folder { path: usual.into() });
    }
    if !taken(usual) {
        return Some(Placement::Root { path: usual.into() });
    }
    Some(match ci {
        Ci::Gitlab => Placement::Include {
            path: format!("{folder}/codesocial.gitlab-ci.yml"),
        },
        _ => Placement::Root {
            path: format!(".github/workflows/codesocial-{id}.yml"),
        },
    })
}

/// The CI file's contents for a placement, in the language of the content.
pub fn contents(ci: Ci, lang: Lang, folder: &str, placement: &Placement) -> String {
    let Some(template) = templates::ci(lang, ci) else {
        return String::new();
    };
    let dir = if folder.is_empty() { "." } else { folder };
    let vars = [
        ("version", VERSION.to_string()),
        ("dossier_yaml", templates::yaml_quoted(dir)),
        ("paths", paths_filter(folder, placement.path())),
    ];
    templates::render(template, &vars)
}

/// GitHub's `paths:` filter for a workflow at the root that runs for `folder`: the folder's
/// files and the workflow itself. Empty for a folder that is the root.
fn paths_filter(folder: &str, workflow: &str) -> String {
    if folder.is_empty() {
        return String::new();
    }
    let pattern = |p: String| templates::yaml_quoted(&p);
    format!(
        "\n    paths:\n      - {}\n      - {}",
        pattern(format!("{}/**", glob_escaped(folder))),
        pattern(glob_escaped(workflow)),
    )
}

/// A literal path in GitHub's filter patterns: `*`, `?`, `+`, `[`, `]` and a leading `!`
/// are special there and escaped with `\` (GitHub's "Filter pattern cheat sheet").
fn glob_escaped(path: &str) -> String {
    templates::backslash_escaped(path, |i, c| {
        matches!(c, '*' | '?' | '+' | '[' | ']') || (i == 0 && c == '!')
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn at_the_root_the_usual_name_even_when_taken() {
        let placed = place(Ci::Github, "", "x", |_| true);
        assert_eq!(
            placed,
            Some(Placement::Folder {
                path: ".github/workflows/codesocial.yml".into()
            })
        );
        assert_eq!(place(Ci::Aucune, "docs", "x", |_| false), None);
    }

    #[test]
    fn in_a_subfolder_the_repository_root_then_a_free_name() {
        let free = place(Ci::Github, "docs/cs", "atelier", |_| false);
        assert_eq!(
            free.as_ref().map(Placement::path),
            Some(".github/workflows/codesocial.yml")
        );
        let taken = place(Ci::Github, "docs/cs", "atelier", |p| {
            p == ".github/workflows/codesocial.yml"
        });
        assert_eq!(
            taken,
            Some(Placement::Root {
                path: ".github/workflows/codesocial-atelier.yml".into()
            })
        );
        let gitlab = place(Ci::Gitlab, "docs/cs", "atelier", |_| true);
        assert_eq!(
            gitlab,
            Some(Placement::Include {
                path: "docs/cs/codesocial.gitlab-ci.yml".into()
            })
        );
    }

    #[test]
    fn filter_patterns_escape_glob_characters() {
        assert_eq!(glob_escaped("!a/[b]*?+c"), "\\!a/\\[b\\]\\*\\?\\+c");
        let filter = paths_filter("docs/c s", ".github/workflows/codesocial.yml");
        assert!(filter.contains("- \"docs/c s/**\""), "{filter}");
        assert_eq!(paths_filter("", "x"), "");
    }
}
