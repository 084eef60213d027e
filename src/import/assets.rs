//! The files a document shows or links to besides its text — its images, a PDF of the
//! statutes — brought into the repository under `medias/`, so that the import's links
//! lead somewhere and the site shows the pictures. For a Markdown or HTML source they are
//! the files next to it (in its folder or below), for a Word or OpenDocument file the
//! media pandoc extracts from it ([`super::source`]). Nothing else is read: an address
//! that climbs out of the source's folder, a link through a symbolic link that leaves it,
//! a file of a kind that is not an image or a document, or one heavier than
//! [`MAX_ASSET_BYTES`] stays unlinked, and the report says so.

use std::collections::BTreeMap;
use std::path::{Path, PathBuf};

/// Where the copies go, from the repository's root.
pub const FOLDER: &str = "medias";

/// The heaviest file copied (20 MiB): a picture or a PDF, not a video.
pub const MAX_ASSET_BYTES: u64 = 20 * 1024 * 1024;

/// Extensions of the files copied: images and documents.
const KINDS: &[&str] = &[
    "png", "jpg", "jpeg", "gif", "webp", "svg", "avif", "bmp", "tif", "tiff", "ico", "pdf", "odt",
    "ods", "odp", "docx", "xlsx", "pptx", "doc", "xls", "ppt", "csv", "epub",
];

/// Where the files the document names can be found.
#[derive(Debug, Clone, Default)]
pub enum Assets {
    /// Nowhere (a document read from memory).
    #[default]
    None,
    /// The folder of a Markdown or HTML source (absolute), and the source's own name,
    /// which is never copied.
    Folder { root: PathBuf, source: String },
    /// The media pandoc extracted from a Word or OpenDocument file, by the path its
    /// Markdown names them with (`media/rId21.jpg`, `Pictures/0.jpg`).
    Media(BTreeMap<String, Vec<u8>>),
}

/// A file to write into the repository.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Asset {
    /// Its path in the repository (`medias/…`).
    pub path: String,
    /// The path the document named it by.
    pub from: String,
    pub bytes: Vec<u8>,
}

/// The files found so far, each once, by the path the document names it with.
#[derive(Debug, Default)]
pub struct Shelf {
    assets: Assets,
    found: BTreeMap<String, Option<Asset>>,
}

impl Shelf {
    pub fn new(assets: Assets) -> Self {
        Shelf {
            assets,
            found: BTreeMap::new(),
        }
    }

    /// The repository path of the file `path` (a link's path, percent-decoded, relative
    /// to the source) once copied, or `None` when there is no such file to copy.
    pub fn place(&mut self, path: &str) -> Option<String> {
        let key = normalise(path)?;
        if !self.found.contains_key(&key) {
            let asset = self.load(&key);
            self.found.insert(key.clone(), asset);
        }
        self.found[&key].as_ref().map(|a| a.path.clone())
    }

    /// Whether `path` (from the repository's root) is a file copied in.
    pub fn holds(&self, path: &str) -> bool {
        self.found.values().flatten().any(|a| a.path == path)
    }

    /// Every file to copy, by repository path.
    pub fn into_assets(self) -> Vec<Asset> {
        let mut out: Vec<Asset> = self.found.into_values().flatten().collect();
        out.sort_by(|a, b| a.path.cmp(&b.path));
        out
    }

    fn load(&self, key: &str) -> Option<Asset> {
        let ext = key.rsplit_once('.')?.1.to_ascii_lowercase();
        if !KINDS.contains(&ext.as_str()) {
            return None;
        }
        let bytes = match &self.assets {
            Assets::None => None,
            Assets::Folder { root, source } => (key != source).then(|| read_in(root, key))?,
            Assets::Media(media) => media.get(key).cloned(),
        }?;
        (bytes.len() as u64 <= MAX_ASSET_BYTES).then(|| Asset {
            path: format!("{FOLDER}/{}", repository_name(key)),
            from: key.to_string(),
            bytes,
        })
    }
}

/// `./a/../b.png` → `b.png`; `None` for an absolute path, one that climbs out, or one
/// with a backslash or a drive (not a path a document written here could mean).
fn normalise(path: &str) -> Option<String> {
    if path.starts_with('/') || path.contains(['\\', ':']) {
        return None;
    }
    let normal = crate::markdown::resolve("source", path)?;
    (!normal.is_empty()).then_some(normal)
}

/// Word's `media/` and OpenDocument's `Pictures/` folders are pandoc's, not the author's.
fn repository_name(key: &str) -> &str {
    key.strip_prefix("media/")
        .or_else(|| key.strip_prefix("Pictures/"))
        .unwrap_or(key)
}

/// The bytes of `root/key` when it is a regular file that really lies under `root`.
fn read_in(root: &Path, key: &str) -> Option<Vec<u8>> {
    let root = root.canonicalize().ok()?;
    let file = root.join(key).canonicalize().ok()?;
    let meta = std::fs::metadata(&file).ok()?;
    if !file.starts_with(&root) || !meta.is_file() || meta.len() > MAX_ASSET_BYTES {
        return None;
    }
    std::fs::read(&file).ok()
}

/// Reads the media pandoc extracted under `dir` (at most `limit` bytes in all), by their
/// path from `dir`.
pub fn read_extracted(dir: &Path, limit: u64) -> BTreeMap<String, Vec<u8>> {
    let mut out = BTreeMap::new();
    let mut total = 0;
    for entry in walkdir::WalkDir::new(dir)
        .follow_links(false)
        .into_iter()
        .filter_map(Result::ok)
        .filter(|e| e.file_type().is_file())
    {
        let Ok(rel) = entry.path().strip_prefix(dir) else {
            continue;
        };
        let size = entry.metadata().map_or(u64::MAX, |m| m.len());
        if size > MAX_ASSET_BYTES || total + size > limit {
            continue;
        }
        if let Ok(bytes) = std::fs::read(entry.path()) {
            total += size;
            let key = crate::slug::nfc(&rel.to_string_lossy().replace('\\', "/")).into_owned();
            out.insert(key, bytes);
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn files_next_to_the_source_are_copied_and_nothing_outside() {
        let dir = tempfile::tempdir().expect("temp");
        let root = dir.path().join("doc");
        std::fs::create_dir_all(root.join("images")).expect("mkdir");
        std::fs::write(root.join("images/jardin.jpg"), b"jpg").expect("write");
        std::fs::write(root.join("code.md"), b"# x").expect("write");
        std::fs::write(root.join("notes.txt"), b"secret").expect("write");
        std::fs::write(dir.path().join("dehors.png"), b"png").expect("write");
        #[cfg(unix)]
        std::os::unix::fs::symlink(dir.path().join("dehors.png"), root.join("lien.png"))
            .expect("symlink");
        let mut shelf = Shelf::new(Assets::Folder {
            root: root.clone(),
            source: "code.md".into(),
        });
        assert_eq!(
            shelf.place("./images/../images/jardin.jpg").as_deref(),
            Some("medias/images/jardin.jpg")
        );
        for refused in [
            "../dehors.png",
            "/etc/passwd",
            "notes.txt",
            "code.md",
            "lien.png",
            "absent.png",
            "C:\\x.png",
        ] {
            assert_eq!(shelf.place(refused), None, "{refused}");
        }
        let assets = shelf.into_assets();
        assert_eq!(assets.len(), 1);
        assert_eq!(assets[0].bytes, b"jpg");
    }

    #[test]
    fn extracted_media_lose_pandoc_s_folder() {
        let media = BTreeMap::from([("media/rId21.jpg".to_string(), b"x".to_vec())]);
        let mut shelf = Shelf::new(Assets::Media(media));
        assert_eq!(
            shelf.place("./media/rId21.jpg").as_deref(),
            Some("medias/rId21.jpg")
        );
    }
}
