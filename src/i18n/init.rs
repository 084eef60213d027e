//! What `codesocial init` says: the summary, the next steps, and why it refuses.

use super::tr;

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
    /// Files already exist: nothing was written.
    Refused {
        dir: &'a str,
        files: &'a [String],
    },
    RefusedHelp,
    /// No `--nom` and a folder name that gives no identifier.
    NoName {
        dir: &'a str,
    },
    /// `--nom` that gives no identifier.
    NameWithoutLetters {
        nom: &'a str,
    },
    NameHelp,
    /// `--nom` with a line break or another control character.
    NameControl,
    GitFailed {
        dir: &'a str,
        detail: &'a str,
    },
    GitFailedHelp,
}

impl InitMsg<'_> {
    pub fn text(&self) -> String {
        match self {
            InitMsg::Created { nom, dir, files } => tr(
                format!("✓ #CodeSocial de « {nom} » créé dans `{dir}` : {files} fichiers"),
                format!("✓ #CodeSocial of “{nom}” created in `{dir}`: {files} files"),
            ),
            InitMsg::Committed { commit, branch, author } => tr(
                format!("  premier commit {commit} sur la branche `{branch}`, signé {author}"),
                format!("  first commit {commit} on branch `{branch}`, by {author}"),
            ),
            InitMsg::InsideRepository { root } => tr(
                format!(
                    "  le dossier est dans le dépôt git `{root}` : aucun dépôt créé, aucun commit fait ; \
                     relisez les fichiers puis ajoutez-les (`git add`) et validez-les (`git commit`)"
                ),
                format!(
                    "  the folder is inside the git repository `{root}`: no repository created, no commit made; \
                     review the files, then add (`git add`) and commit them (`git commit`)"
                ),
            ),
            InitMsg::NoGit => tr(
                "  sans git (--no-git) : aucun dépôt créé",
                "  without git (--no-git): no repository created",
            ),
            InitMsg::CiAtRoot { path, folder } => tr(
                format!(
                    "  contrôle automatique : `{path}`, à la racine du dépôt (les forges ne le lisent que là), \
                     pour le dossier `{folder}`"
                ),
                format!(
                    "  automatic checks: `{path}`, at the root of the repository (forges read it only there), \
                     for the folder `{folder}`"
                ),
            ),
            InitMsg::CiInclude { path } => tr(
                format!(
                    "attention : le dépôt a déjà un `.gitlab-ci.yml`, que GitLab est seul à lire ; \
                     le contrôle automatique est dans `{path}` : pour qu'il s'exécute, ajoutez à `.gitlab-ci.yml`\n\
                     include:\n  - local: \"/{path}\""
                ),
                format!(
                    "warning: the repository already has a `.gitlab-ci.yml`, the only file GitLab reads; \
                     the automatic checks are in `{path}`: for them to run, add to `.gitlab-ci.yml`\n\
                     include:\n  - local: \"/{path}\""
                ),
            ),
            InitMsg::AuthorFallback { name, email } => tr(
                format!(
                    "attention : git ne connaît ni votre nom ni votre adresse ; le premier commit est signé « {name} <{email}> »"
                ),
                format!(
                    "warning: git knows neither your name nor your e-mail; the first commit is signed “{name} <{email}>”"
                ),
            ),
            InitMsg::AuthorFallbackHelp => tr(
                "pour signer vous-même : git config --global user.name \"Prénom Nom\" ; \
                 git config --global user.email vous@example.org ; puis, dans le dossier, git commit --amend --reset-author --no-edit",
                "to sign it yourself: git config --global user.name \"Your Name\"; \
                 git config --global user.email you@example.org; then, in the folder, git commit --amend --reset-author --no-edit",
            ),
            InitMsg::NextSteps { dir } => tr(
                format!(
                    "Ensuite :\n  cd {dir}\n  codesocial check     # vérifier\n  codesocial serve     # voir le site\n\
                     Lisez README.md : il explique comment modifier, relire et publier."
                ),
                format!(
                    "Next:\n  cd {dir}\n  codesocial check     # check\n  codesocial serve     # preview the site\n\
                     Read README.md: it explains how to edit, review and publish."
                ),
            ),
            InitMsg::Refused { dir, files } => {
                let list: String = files.iter().map(|f| format!("\n  {f}")).collect();
                tr(
                    format!(
                        "rien n'a été écrit : {} fichier{} existe{} déjà dans `{dir}`{list}",
                        files.len(),
                        plural(files.len()),
                        if files.len() > 1 { "nt" } else { "" }
                    ),
                    format!(
                        "nothing was written: {} file{} already exist{} in `{dir}`{list}",
                        files.len(),
                        plural(files.len()),
                        if files.len() > 1 { "" } else { "s" }
                    ),
                )
            }
            InitMsg::RefusedHelp => tr(
                "`init` ne remplace jamais un fichier : choisissez un dossier nouveau ou vide (`codesocial init AUTRE-DOSSIER`), \
                 ou déplacez ces fichiers",
                "`init` never replaces a file: choose a new or empty folder (`codesocial init OTHER-FOLDER`), or move these files away",
            ),
            InitMsg::NoName { dir } => tr(
                format!("impossible de tirer un nom d'organisation du dossier `{dir}`"),
                format!("cannot derive an organisation name from the folder `{dir}`"),
            ),
            InitMsg::NameWithoutLetters { nom } => tr(
                format!("le nom « {nom} » ne contient ni lettre ni chiffre : impossible d'en tirer un identifiant"),
                format!("the name “{nom}” holds no letter or digit: it gives no identifier"),
            ),
            InitMsg::NameHelp => tr(
                "donnez le nom de l'organisation : codesocial init DOSSIER --nom \"Château de Millemont\"",
                "give the organisation's name: codesocial init DIR --nom \"Château de Millemont\"",
            ),
            InitMsg::NameControl => tr(
                "le nom ne peut pas contenir de retour à la ligne ni de caractère de contrôle",
                "the name cannot hold a line break or a control character",
            ),
            InitMsg::GitFailed { dir, detail } => tr(
                format!("git a échoué dans `{dir}` : {detail}"),
                format!("git failed in `{dir}`: {detail}"),
            ),
            InitMsg::GitFailedHelp => tr(
                "les fichiers sont écrits ; créez le dépôt vous-même (git init, git add ., git commit) \
                 ou recommencez dans un dossier vide avec --no-git",
                "the files are written; create the repository yourself (git init, git add ., git commit) \
                 or start again in an empty folder with --no-git",
            ),
        }
    }
}

fn plural(n: usize) -> &'static str {
    if n > 1 {
        "s"
    } else {
        ""
    }
}
