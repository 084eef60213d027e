//! What `codesocial init` says: the summary, the next steps, and why it refuses.

use super::Lang::{self, En, Fr};
use super::{count, pick};

/// A sentence of `init`.
#[derive(Debug, Clone, PartialEq)]
pub enum InitMsg<'a> {
    /// The scaffold is written.
    Created {
        nom: &'a str,
        dir: &'a str,
        files: usize,
    },
    /// The first commit was made.
    Committed {
        commit: &'a str,
        branch: &'a str,
        author: &'a str,
    },
    /// The folder lies in an existing repository: no commit.
    InsideRepository {
        root: &'a str,
    },
    /// `--no-git`.
    NoGit,
    /// A staging folder an interrupted `init` or `import` left was removed.
    StaleStaging {
        folder: &'a str,
    },
    /// The folder lies in a larger repository: the CI file is at its root.
    CiAtRoot {
        path: &'a str,
        folder: &'a str,
    },
    /// The repository's `.gitlab-ci.yml` exists: ours must be included from it.
    CiInclude {
        path: &'a str,
    },
    /// Git has no identity: the organisation signed the first commit.
    AuthorFallback {
        name: &'a str,
        email: &'a str,
    },
    AuthorFallbackHelp,
    NextSteps {
        dir: &'a str,
    },
}

impl InitMsg<'_> {
    pub fn text_in(&self, l: Lang) -> String {
        match self {
            InitMsg::Created { nom, dir, files } => pick(
                l,
                format!("✓ #CodeSocial de « {nom} » créé dans `{dir}` : {}", count(Fr, *files, "fichier", "fichiers")),
                format!("✓ #CodeSocial of “{nom}” created in `{dir}`: {}", count(En, *files, "file", "files")),
            ),
            InitMsg::Committed { commit, branch, author } => pick(
                l,
                format!("  premier commit {commit} sur la branche `{branch}`, signé {author}"),
                format!("  first commit {commit} on branch `{branch}`, by {author}"),
            ),
            InitMsg::InsideRepository { root } => pick(
                l,
                format!(
                    "  le dossier est dans le dépôt git `{root}` : aucun dépôt créé, aucun commit fait ; \
                     relisez les fichiers puis ajoutez-les (`git add`) et validez-les (`git commit`)"
                ),
                format!(
                    "  the folder is inside the git repository `{root}`: no repository created, no commit made; \
                     review the files, then add (`git add`) and commit them (`git commit`)"
                ),
            ),
            InitMsg::StaleStaging { folder } => pick(
                l,
                format!("dossier temporaire `{folder}` laissé par un `init` ou un `import` interrompu : supprimé"),
                format!("temporary folder `{folder}` left by an interrupted `init` or `import`: removed"),
            ),
            InitMsg::NoGit => pick(
                l,
                "  sans git (--no-git) : aucun dépôt créé",
                "  without git (--no-git): no repository created",
            ),
            InitMsg::CiAtRoot { path, folder } => pick(
                l,
                format!(
                    "  contrôle automatique : `{path}`, à la racine du dépôt (les forges ne le lisent que là), \
                     pour le dossier `{folder}`"
                ),
                format!(
                    "  automatic checks: `{path}`, at the root of the repository (forges read it only there), \
                     for the folder `{folder}`"
                ),
            ),
            InitMsg::CiInclude { path } => pick(
                l,
                format!(
                    "attention : le dépôt a déjà un `.gitlab-ci.yml`, que GitLab est seul à lire ; \
                     le contrôle automatique est dans `{path}` : pour qu’il s’exécute, ajoutez à `.gitlab-ci.yml`\n\
                     include:\n  - local: \"/{path}\""
                ),
                format!(
                    "warning: the repository already has a `.gitlab-ci.yml`, the only file GitLab reads; \
                     the automatic checks are in `{path}`: for them to run, add to `.gitlab-ci.yml`\n\
                     include:\n  - local: \"/{path}\""
                ),
            ),
            InitMsg::AuthorFallback { name, email } => pick(
                l,
                format!(
                    "attention : git ne connaît ni votre nom ni votre adresse ; le premier commit est signé « {name} <{email}> »"
                ),
                format!(
                    "warning: git knows neither your name nor your e-mail; the first commit is signed “{name} <{email}>”"
                ),
            ),
            InitMsg::AuthorFallbackHelp => pick(
                l,
                "pour signer vous-même : git config --global user.name \"Prénom Nom\" ; \
                 git config --global user.email vous@example.org ; puis, dans le dossier, git commit --amend --reset-author --no-edit",
                "to sign it yourself: git config --global user.name \"Your Name\"; \
                 git config --global user.email you@example.org; then, in the folder, git commit --amend --reset-author --no-edit",
            ),
            InitMsg::NextSteps { dir } => pick(
                l,
                format!(
                    "Ensuite :\n  cd {dir}\n  codesocial check     # vérifier\n  codesocial serve     # voir le site\n\
                     Lisez README.md : il explique comment modifier, relire et publier."
                ),
                format!(
                    "Next:\n  cd {dir}\n  codesocial check     # check\n  codesocial serve     # preview the site\n\
                     Read README.md: it explains how to edit, review and publish."
                ),
            ),
        }
    }
}
