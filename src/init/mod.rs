//! Scaffolding a new #CodeSocial: what `init` writes, how it refuses to overwrite, and how
//! it writes so that an interruption never leaves a half-written file.
//!
//! The steps are separate so that each can be tested and reused: [`scaffold`] computes the
//! files (pure but for the question "is this path taken?"), [`conflicts`] finds those that
//! already exist, [`write_all`] writes them atomically and durably (two flushes of the
//! disk for any number of files), and [`git::commit_initial`] records them. [`ci`] decides where the CI file goes and what it runs.

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
        contents: crate::i18n::schema::source_in(kind, opts.langue).into_owned(),
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
        // In YAML, the id reads back as itself (`2023` is quoted).
        ("id_yaml", templates::yaml_id(&opts.id)),
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

/// Writes every file under `dir` (see [`write_entries`]); returns the stale staging
/// folders removed first.
pub fn write_all(dir: &Path, files: &[File]) -> Result<Vec<PathBuf>> {
    let entries: Vec<(&str, &[u8])> = files
        .iter()
        .map(|f| (f.path.as_str(), f.contents.as_bytes()))
        .collect();
    write_entries(dir, &entries)
}

/// The prefix of the hidden folder [`write_entries`] stages its files in.
pub const STAGING_PREFIX: &str = ".codesocial-staging-";

/// The file [`write_entries`] writes first in its staging folder, so that a later run
/// recognises the folder as its own: its first line is [`STAGING_MARKER_HEAD`], its
/// second `pid=<process id>`.
pub const STAGING_MARKER: &str = ".codesocial-staging";

/// The first line of [`STAGING_MARKER`].
pub const STAGING_MARKER_HEAD: &str =
    "codesocial staging folder: left by an interrupted `codesocial init` or `import`";

/// The write in progress, for [`clean_interrupted`]: its staging folder and the files
/// already moved into place. Locked while a file is staged or moved, so that an
/// interruption sees each file either not written, staged, or placed.
static PENDING: std::sync::Mutex<Option<(PathBuf, Vec<PathBuf>)>> = std::sync::Mutex::new(None);

fn pending() -> std::sync::MutexGuard<'static, Option<(PathBuf, Vec<PathBuf>)>> {
    PENDING
        .lock()
        .unwrap_or_else(std::sync::PoisonError::into_inner)
}

/// After Ctrl-C (or SIGTERM, SIGHUP) during [`write_entries`]: removes the files it had
/// moved into place and its staging folder, and keeps the lock so that the write stops
/// there; the caller exits. Best effort: what cannot be removed stays, and the next run
/// removes a staging folder left so ([`remove_stale_staging`]).
pub fn clean_interrupted() {
    let mut guard = pending();
    if let Some((staging, written)) = guard.take() {
        for path in written.iter().rev() {
            let _ = std::fs::remove_file(path);
        }
        let _ = std::fs::remove_dir_all(staging);
    }
    // The guard is held until the process exits: no file is moved after this.
    std::mem::forget(guard);
}

/// Removes the staging folders an interrupted [`write_entries`] left in `dir`, and only
/// those: a folder (not a link) named [`STAGING_PREFIX`]`…` holding a regular file
/// [`STAGING_MARKER`] whose first line is [`STAGING_MARKER_HEAD`], written by a process
/// that no longer runs (the rule of [`crate::guard::sweep_stale`]: where a process cannot
/// be asked, as on Windows, every folder stays). Returns the folders removed, sorted; one
/// that cannot be removed is left as it is.
pub fn remove_stale_staging(dir: &Path) -> Vec<PathBuf> {
    crate::guard::sweep_stale(dir, STAGING_PREFIX, STAGING_MARKER, STAGING_MARKER_HEAD)
}

/// Writes the [`STAGING_MARKER`] of process `pid` in `staging`.
fn mark(staging: &Path, pid: u32) -> Result<()> {
    let marker = staging.join(STAGING_MARKER);
    std::fs::write(&marker, format!("{STAGING_MARKER_HEAD}\npid={pid}\n"))
        .map_err(|e| Error::io(&marker, e))
}

/// Writes each `(path, bytes)` under `dir` in three steps, so that twenty thousand files
/// cost two flushes of the disk, not one per file:
///
/// 1. every file is written into a hidden staging folder in `dir` (same file system), so
///    that an interruption here leaves nothing but that folder, named
///    `.codesocial-staging-…` and marked by a [`STAGING_MARKER`] file;
/// 2. the staged files are made durable at once ([`sync_staged`]: `syncfs` on Linux,
///    each file's `fsync` elsewhere);
/// 3. each is renamed into place without replacing anything (`renameat2(NOREPLACE)` or
///    link and unlink, through `tempfile`), its folders created, and the renames made
///    durable the same way.
///
/// A file is never visible half-written. On failure the files already moved into place
/// by this call are removed, the staging folder goes, and the error names the file; on
/// an interruption [`clean_interrupted`] does the same. Before writing, the staging
/// folders an earlier interrupted run left in `dir` are removed
/// ([`remove_stale_staging`]); they are returned, for the caller to say so.
pub fn write_entries(dir: &Path, entries: &[(&str, &[u8])]) -> Result<Vec<PathBuf>> {
    // A folder of the target that is a link of a work tree could lead anywhere.
    crate::guard::writable_below(dir, entries.iter().map(|(rel, _)| *rel))?;
    std::fs::create_dir_all(dir).map_err(|e| Error::io(dir, e))?;
    let stale = remove_stale_staging(dir);
    let staging = tempfile::Builder::new()
        .prefix(STAGING_PREFIX)
        .tempdir_in(dir)
        .map_err(|e| Error::io(dir, e))?;
    mark(staging.path(), std::process::id())?;
    *pending() = Some((staging.path().to_path_buf(), Vec::new()));
    let result = stage_and_publish(dir, staging.path(), entries);
    *pending() = None;
    result.map(|()| stale)
}

fn stage_and_publish(dir: &Path, staging: &Path, entries: &[(&str, &[u8])]) -> Result<()> {
    let mut staged = Vec::with_capacity(entries.len());
    for (i, (rel, bytes)) in entries.iter().enumerate() {
        // Held while the file is written: an interruption removes the staging folder
        // between two files, never while one is being added to it.
        let guard = pending();
        staged.push(stage(staging, i, bytes).map_err(|e| Error::io(dir.join(rel), e))?);
        drop(guard);
    }
    sync_staged(staging, &staged).map_err(|e| Error::io(staging, e))?;
    let mut written: Vec<PathBuf> = Vec::with_capacity(entries.len());
    for ((rel, _), temp) in entries.iter().zip(staged) {
        let target = dir.join(rel);
        let mut guard = pending();
        if let Err(e) = publish(temp, &target) {
            for path in written.iter().rev() {
                let _ = std::fs::remove_file(path);
            }
            return Err(e);
        }
        if let Some((_, placed)) = guard.as_mut() {
            placed.push(target.clone());
        }
        drop(guard);
        written.push(target);
    }
    sync_staged(dir, &written).map_err(|e| Error::io(dir, e))?;
    Ok(())
}

/// One file written into the staging folder, closed (twenty thousand open files would
/// pass the process's limit); deleted when dropped unless published.
fn stage(staging: &Path, index: usize, bytes: &[u8]) -> std::io::Result<tempfile::TempPath> {
    let prefix = format!("{index}-");
    let mut builder = tempfile::Builder::new();
    builder.prefix(&prefix).rand_bytes(4);
    #[cfg(unix)]
    {
        use std::os::unix::fs::PermissionsExt;
        builder.permissions(std::fs::Permissions::from_mode(0o644));
    }
    let mut file = builder.tempfile_in(staging)?;
    file.write_all(bytes)?;
    Ok(file.into_temp_path())
}

/// Makes the files under `folder` durable: one `syncfs` of their file system on Linux;
/// elsewhere each file's `fsync`, then the folder's where the platform allows it.
fn sync_staged<P: AsRef<Path>>(folder: &Path, files: &[P]) -> std::io::Result<()> {
    #[cfg(target_os = "linux")]
    {
        let _ = files;
        let handle = std::fs::File::open(folder)?;
        rustix::fs::syncfs(&handle)?;
    }
    #[cfg(not(target_os = "linux"))]
    {
        for file in files {
            std::fs::File::open(file.as_ref())?.sync_all()?;
        }
        #[cfg(unix)]
        std::fs::File::open(folder)?.sync_all()?;
    }
    Ok(())
}

/// Moves a staged file to `target`, creating its folders, never replacing anything.
fn publish(temp: tempfile::TempPath, target: &Path) -> Result<()> {
    let parent = target.parent().unwrap_or(Path::new("."));
    std::fs::create_dir_all(parent).map_err(|e| Error::io(parent, e))?;
    temp.persist_noclobber(target)
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

    fn leftovers(dir: &Path) -> Vec<String> {
        walkdir::WalkDir::new(dir)
            .min_depth(1)
            .into_iter()
            .filter_map(std::result::Result::ok)
            .map(|e| e.file_name().to_string_lossy().into_owned())
            .filter(|n| n.starts_with(STAGING_PREFIX) || n.starts_with(".tmp"))
            .collect()
    }

    #[test]
    fn entries_are_written_in_their_folders_and_nothing_staged_remains() {
        let dir = tempfile::tempdir().expect("temp dir");
        let many: Vec<String> = (0..300).map(|i| format!("annexes/a{i}.md")).collect();
        let mut entries: Vec<(&str, &[u8])> =
            many.iter().map(|p| (p.as_str(), &b"x"[..])).collect();
        entries.push(("deep/er/file.md", b"deep"));
        write_entries(dir.path(), &entries).expect("written");
        assert_eq!(
            std::fs::read(dir.path().join("deep/er/file.md")).expect("read"),
            b"deep"
        );
        assert_eq!(
            std::fs::read_dir(dir.path().join("annexes"))
                .expect("dir")
                .count(),
            300
        );
        assert!(
            leftovers(dir.path()).is_empty(),
            "{:?}",
            leftovers(dir.path())
        );
        #[cfg(unix)]
        {
            use std::os::unix::fs::PermissionsExt;
            let mode = std::fs::metadata(dir.path().join("annexes/a0.md")).expect("meta");
            assert_eq!(mode.permissions().mode() & 0o777, 0o644);
        }
    }

    /// A file that appears between the check and the write (another program, a second
    /// import) is never replaced: what this call moved into place goes, the staging
    /// folder too, and the error names the file.
    #[test]
    fn a_file_that_appears_meanwhile_is_kept_and_the_write_undone() {
        let dir = tempfile::tempdir().expect("temp dir");
        std::fs::create_dir_all(dir.path().join("b")).expect("mkdir");
        std::fs::write(dir.path().join("b/taken.md"), "mine").expect("write");
        let entries: Vec<(&str, &[u8])> =
            vec![("a.md", b"1"), ("b/taken.md", b"2"), ("c.md", b"3")];
        let err = write_entries(dir.path(), &entries).expect_err("refused");
        assert!(err.to_string().contains("taken.md"), "{err}");
        assert_eq!(
            std::fs::read_to_string(dir.path().join("b/taken.md")).expect("read"),
            "mine"
        );
        assert!(!dir.path().join("a.md").exists() && !dir.path().join("c.md").exists());
        assert!(
            leftovers(dir.path()).is_empty(),
            "{:?}",
            leftovers(dir.path())
        );
    }

    /// A process id that no longer runs: a child's, once it has ended.
    fn ended_pid() -> u32 {
        let mut child = std::process::Command::new(std::env::current_exe().expect("exe"))
            .arg("--list")
            .stdout(std::process::Stdio::null())
            .spawn()
            .expect("spawn");
        let pid = child.id();
        child.wait().expect("wait");
        pid
    }

    /// Only the staging folders a run of ours left are removed: named so, a folder, with
    /// our marker, their process ended; the rest of the folder is never touched.
    #[test]
    fn stale_staging_folders_of_ours_go_and_nothing_else() {
        let dir = tempfile::tempdir().expect("temp dir");
        let d = dir.path();
        let dead = ended_pid();
        let make = |name: &str, marker: Option<&str>| {
            let folder = d.join(name);
            std::fs::create_dir(&folder).expect("mkdir");
            std::fs::write(folder.join("0-abcd"), "staged").expect("write");
            if let Some(text) = marker {
                std::fs::write(folder.join(STAGING_MARKER), text).expect("write");
            }
            folder
        };
        // Marked as `write_entries` marks its own, by a process that ended.
        mark(&make(".codesocial-staging-old1", None), dead).expect("mark");
        mark(&make(".codesocial-staging-old2", None), dead).expect("mark");
        // Not ours, or not left behind: kept.
        make(".codesocial-staging-nomarker", None);
        make(".codesocial-staging-other", Some("something else\npid=1\n"));
        mark(
            &make(".codesocial-staging-running", None),
            std::process::id(),
        )
        .expect("mark");
        make(
            ".codesocial-staging-nopid",
            Some(&format!("{STAGING_MARKER_HEAD}\n")),
        );
        mark(&make("staging-old3", None), dead).expect("mark");
        std::fs::write(d.join(".codesocial-staging-file"), "a file").expect("write");
        #[cfg(unix)]
        std::os::unix::fs::symlink(
            d.join(".codesocial-staging-old2"),
            d.join(".codesocial-staging-link"),
        )
        .expect("symlink");
        let removed = write_entries(d, &[("a.md", b"a")]).expect("written");
        let names: Vec<String> = removed
            .iter()
            .map(|p| p.file_name().expect("name").to_string_lossy().into_owned())
            .collect();
        assert_eq!(
            names,
            [".codesocial-staging-old1", ".codesocial-staging-old2"]
        );
        let mut left = leftovers(d);
        left.sort();
        let mut expected = vec![
            ".codesocial-staging-file",
            ".codesocial-staging-nomarker",
            ".codesocial-staging-nopid",
            ".codesocial-staging-other",
            ".codesocial-staging-running",
        ];
        #[cfg(unix)]
        expected.insert(1, ".codesocial-staging-link");
        assert_eq!(left, expected);
        assert!(d.join("staging-old3/0-abcd").is_file());
        assert_eq!(std::fs::read(d.join("a.md")).expect("read"), b"a");
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
