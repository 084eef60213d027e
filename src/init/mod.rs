//! Scaffolding a new #CodeSocial: what `init` writes, how it refuses to overwrite, and how
//! it writes so that an interruption never leaves a half-written file.
//!
//! The steps are separate so that each can be tested and reused: [`scaffold`] computes the
//! files (pure but for the question "is this path taken?"), [`conflicts`] finds those that
//! already exist, [`write_all`] writes them atomically, and [`git::commit_initial`] records
//! them. [`ci`] decides where the CI file goes and what it runs.

pub mod ci;
pub mod git;
pub mod templates;

pub use ci::Ci;

use std::io::Write;
use std::path::{Path, PathBuf};

use crate::error::{Error, Result};
use crate::format::Kind;
use crate::i18n::Lang;
use strum::IntoEnumIterator;

/// What the scaffold is made of, settled from the arguments.
#[derive(Debug, Clone)]
pub struct Options {
    /// The organisation's name as written (`Château de Millemont`).
    pub nom: String,
    /// Its identifier (`chateau-de-millemont`).
    pub id: String,
    /// Language of the generated content.
    pub langue: Lang,
    pub ci: Ci,
    /// `YYYY-MM-DD` used for adoption dates and the first milestone.
    pub date: String,
}

/// One file to write, relative to [`Layout::root`] with `/` separators.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct File {
    pub path: String,
    pub contents: String,
}

/// Where the scaffold goes: the root every path starts from, and the #CodeSocial folder in it.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Layout {
    /// The work tree of the repository the folder lies in, or the folder itself.
    pub root: PathBuf,
    /// The folder relative to `root`, `/`-separated; empty when it is `root`.
    pub folder: String,
}

impl Layout {
    /// A folder that is its own root: a new repository, or none.
    pub fn alone(dir: &Path) -> Self {
        Layout {
            root: dir.to_path_buf(),
            folder: String::new(),
        }
    }

    /// `path` (relative to the folder) relative to the root.
    fn prefixed(&self, path: String) -> String {
        if self.folder.is_empty() {
            path
        } else {
            format!("{}/{path}", self.folder)
        }
    }
}

/// What `init` writes: every file, and where the CI file went.
#[derive(Debug, Clone)]
pub struct Scaffold {
    /// In a fixed order, relative to the layout's root.
    pub files: Vec<File>,
    pub ci: Option<ci::Placement>,
}

/// Every file of a new #CodeSocial laid out in `layout`. `taken` says whether a path
/// relative to the root exists; it only steers where the CI file goes ([`ci::place`]).
pub fn scaffold(opts: &Options, layout: &Layout, taken: impl Fn(&str) -> bool) -> Scaffold {
    let placement = ci::place(opts.ci, &layout.folder, &opts.id, taken);
    let vars = variables(opts, placement.as_ref());
    let mut files: Vec<File> = templates::content(opts.langue)
        .iter()
        .map(|t| File {
            path: templates::render(t.path, &vars),
            contents: templates::render(t.text, &vars),
        })
        .collect();
    files.push(vscode_settings());
    files.extend(Kind::iter().map(|kind| File {
        path: format!("schema/{}", crate::schema::file_name(kind)),
        contents: crate::schema::source(kind).to_string(),
    }));
    for file in &mut files {
        file.path = layout.prefixed(std::mem::take(&mut file.path));
    }
    if let Some(placement) = &placement {
        files.push(File {
            path: placement.path().to_string(),
            contents: ci::contents(opts.ci, opts.langue, &layout.folder, placement),
        });
    }
    Scaffold {
        files,
        ci: placement,
    }
}

fn variables(opts: &Options, ci: Option<&ci::Placement>) -> Vec<(&'static str, String)> {
    let of_name = crate::i18n::grammar::de(opts.langue, &opts.nom);
    let site_title = match opts.langue {
        Lang::Fr => format!("Le #CodeSocial {of_name}"),
        Lang::En => format!("The #CodeSocial {of_name}"),
    };
    vec![
        // First: the section holds placeholders of its own, filled by those below.
        (
            "ci_section",
            templates::readme_ci_section(opts.langue, opts.ci).to_string(),
        ),
        (
            "ci_file",
            ci.map(|p| p.path().to_string()).unwrap_or_default(),
        ),
        ("ci_include", ci_include(opts.langue, ci)),
        ("version", ci::VERSION.to_string()),
        ("nom_yaml", templates::yaml_quoted(&opts.nom)),
        ("site_titre_yaml", templates::yaml_quoted(&site_title)),
        ("de_nom", templates::markdown_text(&of_name)),
        ("nom", templates::markdown_text(&opts.nom)),
        ("id", opts.id.clone()),
        (
            "collectif",
            templates::collectif_id(opts.langue, &opts.id).to_string(),
        ),
        ("date", opts.date.clone()),
    ]
}

/// For a GitLab file that the repository's own `.gitlab-ci.yml` must include, the README's
/// sentence saying so (with the lines to add); empty otherwise.
fn ci_include(lang: Lang, ci: Option<&ci::Placement>) -> String {
    let Some(ci::Placement::Include { path }) = ci else {
        return String::new();
    };
    let lead = match lang {
        Lang::Fr => "Il ne travaille qu'une fois inclus dans le `.gitlab-ci.yml` du dépôt, le seul fichier que GitLab lit : ajoutez-y",
        Lang::En => "It runs only once the repository's `.gitlab-ci.yml`, the only file GitLab reads, includes it: add there",
    };
    format!("\n\n{lead}\n\n```yaml\ninclude:\n  - local: \"/{path}\"\n```")
}

/// VS Code's YAML extension reads `yaml.schemas` to validate and complete the YAML files
/// against the schemas written under `schema/`.
fn vscode_settings() -> File {
    let schema = |kind| format!("./schema/{}", crate::schema::file_name(kind));
    let settings = serde_json::json!({
        "yaml.schemas": {
            schema(Kind::Manifeste): ["codesocial.yaml"],
            schema(Kind::Pyramide): ["pyramide.yaml"],
            schema(Kind::Matrice): ["matrices/*.yaml"],
        }
    });
    let text = serde_json::to_string_pretty(&settings).unwrap_or_default();
    File {
        path: ".vscode/settings.json".into(),
        contents: text + "\n",
    }
}

/// The files of `files` that would overwrite something in `dir`: the path exists (as
/// anything, even a broken link), or one of its folders is not a folder. Sorted.
pub fn conflicts(dir: &Path, files: &[File]) -> Vec<String> {
    let mut found: Vec<String> = files
        .iter()
        .filter(|f| exists(dir, &f.path))
        .map(|f| f.path.clone())
        .collect();
    found.sort();
    found
}

/// Whether writing `rel` under `dir` would overwrite something: the path exists (as
/// anything, even a broken link), or one of its folders is not a folder.
pub fn exists(dir: &Path, rel: &str) -> bool {
    let target = dir.join(rel);
    if target.symlink_metadata().is_ok() {
        return true;
    }
    target
        .ancestors()
        .skip(1)
        .take_while(|a| *a != dir)
        .any(|a| a.symlink_metadata().is_ok_and(|m| !m.is_dir()))
}

/// Writes every file under `dir`, each through a temporary file in its own folder renamed
/// into place without replacing anything. On failure, the files already written by this
/// call are removed and the error names the file that failed.
pub fn write_all(dir: &Path, files: &[File]) -> Result<()> {
    let mut written: Vec<PathBuf> = Vec::with_capacity(files.len());
    for file in files {
        let target = dir.join(&file.path);
        if let Err(e) = write_atomically(&target, file.contents.as_bytes()) {
            for path in written.iter().rev() {
                let _ = std::fs::remove_file(path);
            }
            return Err(e);
        }
        written.push(target);
    }
    Ok(())
}

/// Writes one file through a temporary file in its folder, renamed into place without
/// replacing anything (`import` writes its copied images with it).
pub fn write_atomically(target: &Path, contents: &[u8]) -> Result<()> {
    let parent = target.parent().unwrap_or(Path::new("."));
    std::fs::create_dir_all(parent).map_err(|e| Error::io(parent, e))?;
    let mut builder = tempfile::Builder::new();
    builder.prefix(".codesocial-init-");
    #[cfg(unix)]
    {
        use std::os::unix::fs::PermissionsExt;
        builder.permissions(std::fs::Permissions::from_mode(0o644));
    }
    let mut tmp = builder
        .tempfile_in(parent)
        .map_err(|e| Error::io(parent, e))?;
    tmp.write_all(contents)
        .and_then(|()| tmp.as_file().sync_all())
        .map_err(|e| Error::io(target, e))?;
    tmp.persist_noclobber(target)
        .map_err(|e| Error::io(target, e.error))?;
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;

    fn options(nom: &str, langue: Lang, ci: Ci) -> Options {
        Options {
            nom: nom.into(),
            id: crate::slug::slugify(nom),
            langue,
            ci,
            date: "2025-01-02".into(),
        }
    }

    fn files(opts: &Options) -> Vec<File> {
        scaffold(opts, &Layout::alone(Path::new("x")), |_| false).files
    }

    #[test]
    fn every_placeholder_is_filled() {
        for langue in [Lang::Fr, Lang::En] {
            for ci in [Ci::Github, Ci::Gitlab, Ci::Aucune] {
                for file in files(&options("Château de Millemont", langue, ci)) {
                    let leftover = file.contents.match_indices("{{").any(|(i, _)| {
                        file.contents[i + 2..].starts_with(|c: char| c.is_ascii_lowercase())
                    });
                    assert!(!leftover, "{} keeps a placeholder", file.path);
                    assert!(!file.path.contains('{'), "{}", file.path);
                }
            }
        }
    }

    #[test]
    fn paths_are_unique_and_the_ci_follows_the_choice() {
        let files = files(&options("X", Lang::Fr, Ci::Gitlab));
        let mut paths: Vec<&str> = files.iter().map(|f| f.path.as_str()).collect();
        assert!(paths.contains(&".gitlab-ci.yml"));
        assert!(paths.contains(&"membres/x.md"));
        assert!(!paths.contains(&".github/workflows/codesocial.yml"));
        let n = paths.len();
        paths.sort();
        paths.dedup();
        assert_eq!(paths.len(), n);
    }

    #[test]
    fn in_a_subfolder_content_is_prefixed_and_ci_sits_at_the_root() {
        let layout = Layout {
            root: PathBuf::from("repo"),
            folder: "docs/cs".into(),
        };
        let made = scaffold(&options("X", Lang::En, Ci::Github), &layout, |_| false);
        let paths: Vec<&str> = made.files.iter().map(|f| f.path.as_str()).collect();
        assert!(paths.contains(&"docs/cs/codesocial.yaml"));
        assert!(paths.contains(&".github/workflows/codesocial.yml"));
        assert!(paths
            .iter()
            .all(|p| p.starts_with("docs/cs/") || p.starts_with(".github/")));
        let readme = made
            .files
            .iter()
            .find(|f| f.path == "docs/cs/README.md")
            .expect("README");
        assert!(readme
            .contents
            .contains("`.github/workflows/codesocial.yml`"));
    }

    #[test]
    fn a_file_in_place_of_a_folder_is_a_conflict() {
        let dir = tempfile::tempdir().expect("temp dir");
        std::fs::write(dir.path().join("membres"), "").expect("write");
        let files = files(&options("X", Lang::Fr, Ci::Aucune));
        let found = conflicts(dir.path(), &files);
        assert_eq!(found, ["membres/collectif-fondateur.md", "membres/x.md"]);
    }
}
