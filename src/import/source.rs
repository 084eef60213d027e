//! Reading the document to import: its format from its extension (and, for `.txt`, its
//! content), its text decoded, and word-processor files converted by `pandoc`.
//!
//! Nothing here trusts the file: an empty, binary, non-UTF-8, oversized or unreadable file
//! gets an error that names it and says what to do, never a panic.

use std::io::Read;
use std::path::Path;
use std::process::{Command, Stdio};
use std::time::{Duration, Instant};

use super::assets::{self, Assets};
pub use super::properties::Properties;
use crate::error::{Error, ImportError, Result};

/// The largest document read (50 MiB): a #CodeSocial is tens of pages, not gigabytes.
pub const MAX_BYTES: u64 = 50 * 1024 * 1024;

/// How long `pandoc` may take before it is stopped.
pub const PANDOC_TIMEOUT: Duration = Duration::from_secs(60);

pub use crate::i18n::vocabulary::Format;

impl Format {
    /// The name shown in the report and the commit message.
    pub fn name(self) -> &'static str {
        match self {
            Format::Markdown => "Markdown",
            Format::Html => "HTML",
            Format::Docx => "Word (.docx)",
            Format::Odt => "OpenDocument (.odt)",
        }
    }
}

/// The document as text the importer can read.
#[derive(Debug, Clone)]
pub struct Document {
    pub format: Format,
    /// Markdown or HTML text, without byte-order mark or control characters.
    pub text: String,
    /// Control characters and terminal escape sequences removed ([`super::controls`]).
    pub controls: usize,
    /// Where the files it shows or links to are ([`super::assets`]).
    pub assets: Assets,
    /// A word-processor file's title, authors, comments and tracked changes.
    pub properties: Properties,
}

/// Reads `path`, converting `.docx`/`.odt` with `pandoc` (to Markdown).
///
/// Anything but a regular file (after following a symbolic link) is refused before it is
/// opened or its name read for a format: opening a named pipe waits for a writer, and a
/// device such as `/dev/stdin` or `/dev/zero` never ends ([`ImportError::NotAFile`],
/// [`ImportError::IsAFolder`]).
pub fn read(path: &Path) -> Result<Document> {
    let meta = regular_file(path)?;
    let format = format_of(path)?;
    let bytes = read_bytes(path, &meta)?;
    match format {
        Format::Docx | Format::Odt => {
            if !bytes.starts_with(b"PK\x03\x04") {
                return Err(ImportError::NotAnArchive {
                    path: path.into(),
                    ext: extension(format),
                }
                .into());
            }
            let (text, media) = pandoc(path, format)?;
            let mut doc = document(format, &text, Assets::Media(media));
            doc.properties = super::properties::read(path, format);
            Ok(doc)
        }
        Format::Markdown | Format::Html => {
            let text = decode(path, bytes)?;
            let format = if format == Format::Markdown && sniff_html(&text) {
                Format::Html
            } else {
                format
            };
            Ok(document(format, &text, folder_of(path)))
        }
    }
}

/// The source's folder, where the files it links to are looked for.
fn folder_of(path: &Path) -> Assets {
    let absolute = std::path::absolute(path).unwrap_or_else(|_| path.to_path_buf());
    match (absolute.parent(), absolute.file_name()) {
        (Some(root), Some(name)) => Assets::Folder {
            root: root.to_path_buf(),
            source: crate::slug::nfc(&name.to_string_lossy()).into_owned(),
        },
        _ => Assets::None,
    }
}

/// The document: line breaks unified, control characters out, and the text in Unicode's
/// composed form (NFC), so that a heading typed with decomposed accents (macOS, a PDF
/// copy) is the heading it reads as: `e` + U+0301 is `é` for every match that follows.
fn document(format: Format, text: &str, assets: Assets) -> Document {
    let text = crate::slug::nfc(text);
    let (text, controls) = super::controls::strip(&normalise_line_breaks(&text));
    Document {
        format,
        text,
        controls,
        assets,
        properties: Properties::default(),
    }
}

/// The format named by the extension; other extensions are refused with the list.
fn format_of(path: &Path) -> Result<Format> {
    let ext = path
        .extension()
        .map(|e| e.to_string_lossy().to_lowercase())
        .unwrap_or_default();
    match ext.as_str() {
        "md" | "markdown" | "mdown" | "mkd" | "txt" | "text" => Ok(Format::Markdown),
        "html" | "htm" | "xhtml" => Ok(Format::Html),
        "docx" => Ok(Format::Docx),
        "odt" => Ok(Format::Odt),
        _ => Err(ImportError::UnknownExtension {
            path: path.into(),
            ext,
        }
        .into()),
    }
}

/// The metadata of `path`, a symbolic link followed, when it is a regular file.
fn regular_file(path: &Path) -> Result<std::fs::Metadata> {
    let meta = std::fs::metadata(path).map_err(|e| Error::io(path, e))?;
    if meta.is_dir() {
        return Err(ImportError::IsAFolder { path: path.into() }.into());
    }
    if !meta.is_file() {
        return Err(ImportError::NotAFile {
            path: path.into(),
            kind: special_kind(&meta.file_type()),
        }
        .into());
    }
    Ok(meta)
}

/// What a file that is neither a folder nor a regular file is, in English:
/// `"named pipe"`, `"socket"`, `"character device"`, `"block device"`, else
/// `"special file"`. The messages translate it ([`crate::i18n::import`]).
pub fn special_kind(kind: &std::fs::FileType) -> &'static str {
    #[cfg(unix)]
    {
        use std::os::unix::fs::FileTypeExt;
        if kind.is_fifo() {
            return "named pipe";
        }
        if kind.is_socket() {
            return "socket";
        }
        if kind.is_char_device() {
            return "character device";
        }
        if kind.is_block_device() {
            return "block device";
        }
    }
    let _ = kind;
    "special file"
}

fn read_bytes(path: &Path, meta: &std::fs::Metadata) -> Result<Vec<u8>> {
    if meta.len() > MAX_BYTES {
        return Err(ImportError::TooLarge {
            path: path.into(),
            size: meta.len(),
            limit: MAX_BYTES,
        }
        .into());
    }
    let mut bytes = Vec::new();
    let file = std::fs::File::open(path).map_err(|e| Error::io(path, e))?;
    // Swapped for something else since it was looked at: still refused, never read.
    let opened = file.metadata().map_err(|e| Error::io(path, e))?;
    if !opened.is_file() {
        return Err(ImportError::NotAFile {
            path: path.into(),
            kind: special_kind(&opened.file_type()),
        }
        .into());
    }
    file.take(MAX_BYTES + 1)
        .read_to_end(&mut bytes)
        .map_err(|e| Error::io(path, e))?;
    if bytes.iter().all(u8::is_ascii_whitespace) {
        return Err(ImportError::Empty { path: path.into() }.into());
    }
    Ok(bytes)
}

/// UTF-8 (with or without byte-order mark), or UTF-16 with its byte-order mark as some
/// word processors save "Unicode text". Anything else is refused, with the way out.
fn decode(path: &Path, bytes: Vec<u8>) -> Result<String> {
    if let Some(text) = utf16(&bytes) {
        return Ok(text);
    }
    if let Some(offset) = bytes.iter().position(|&b| b == 0) {
        return Err(ImportError::Binary {
            path: path.into(),
            offset,
        }
        .into());
    }
    let text = String::from_utf8(bytes).map_err(|e| ImportError::NotUtf8 {
        path: path.into(),
        offset: e.utf8_error().valid_up_to(),
    })?;
    let text = text.strip_prefix('\u{feff}').unwrap_or(&text).to_string();
    if text.trim().is_empty() {
        return Err(ImportError::Empty { path: path.into() }.into());
    }
    Ok(text)
}

fn utf16(bytes: &[u8]) -> Option<String> {
    let little = bytes.starts_with(&[0xFF, 0xFE]);
    if !little && !bytes.starts_with(&[0xFE, 0xFF]) {
        return None;
    }
    let units: Vec<u16> = bytes[2..]
        .chunks_exact(2)
        .map(|c| {
            if little {
                u16::from_le_bytes([c[0], c[1]])
            } else {
                u16::from_be_bytes([c[0], c[1]])
            }
        })
        .collect();
    String::from_utf16(&units).ok()
}

/// `\r\n` and lone `\r` become `\n`; Unicode line and paragraph separators too.
fn normalise_line_breaks(text: &str) -> String {
    text.replace("\r\n", "\n")
        .replace(['\r', '\u{2028}', '\u{2029}'], "\n")
}

/// A whole web page is HTML whatever its name (a `.md` saved from a browser too): it
/// opens with a doctype or `<html>`. A fragment (a CMS's classic editor, saved as `.txt`
/// or `.md`) is HTML when it holds HTML headings or paragraphs and no Markdown block
/// syntax at all: no `#` heading, no list item, no fence, no quote, no table, no `**`.
/// A Markdown file with a few HTML headings stays Markdown ([`super::clean`] reads them).
fn sniff_html(text: &str) -> bool {
    let head: String = text.trim_start().chars().take(14).collect();
    let head = head.to_ascii_lowercase();
    if head.starts_with("<!doctype html") || head.starts_with("<html") {
        return true;
    }
    let lower = text.to_ascii_lowercase();
    let html_block = (1..=6).any(|n| lower.contains(&format!("<h{n}"))) || lower.contains("<p>");
    html_block && !text.lines().any(is_markdown_block) && !text.contains("**")
}

/// A line only Markdown writes: a heading, a list item, a fence, a quote, a table row.
fn is_markdown_block(line: &str) -> bool {
    let t = line.trim_start();
    let hashes = t.len() - t.trim_start_matches('#').len();
    let numbered = {
        let digits = t.len() - t.trim_start_matches(|c: char| c.is_ascii_digit()).len();
        digits > 0 && (t[digits..].starts_with(". ") || t[digits..].starts_with(") "))
    };
    ((1..=6).contains(&hashes) && t[hashes..].starts_with(' '))
        || ["- ", "* ", "+ ", "> ", "```", "~~~", "|"]
            .iter()
            .any(|p| t.starts_with(p))
        || numbered
}

/// Runs `pandoc` on the file (see [`run_pandoc`]). Its images are extracted into a
/// temporary folder (pandoc's working folder, so that the Markdown names them
/// `./media/…`) and read back. An OpenDocument file whose tables have header rows goes
/// through [`super::odt`], which keeps the rows pandoc's reader drops: a copy with them
/// as ordinary rows is read into pandoc's AST, they are moved back into the headers, and
/// the AST is written as Markdown. So does one with paragraphs styled "Title", "Author"…:
/// the copy leaves them out and they become the AST's metadata, as in a Word file.
fn pandoc(
    path: &Path,
    format: Format,
) -> Result<(String, std::collections::BTreeMap<String, Vec<u8>>)> {
    let absolute = std::path::absolute(path).map_err(|e| Error::io(path, e))?;
    let media = tempfile::Builder::new()
        .prefix("codesocial-import-")
        .tempdir()
        .map_err(|e| Error::io(std::env::temp_dir(), e))?;
    let from = extension(format);
    let extract = ["--extract-media=."];
    let unwrapped = match format {
        Format::Odt => super::odt::for_pandoc(&absolute),
        _ => None,
    };
    let text = match unwrapped {
        None => {
            let args = [
                // `--standalone`: the title and authors (the file's properties, the
                // paragraphs styled "Title" and "Author") come as a front matter.
                &[
                    "--from",
                    &from,
                    "--to",
                    "gfm",
                    "--standalone",
                    "--wrap=none",
                ][..],
                &extract,
            ]
            .concat();
            run_pandoc(path, format, media.path(), &args, &absolute)?
        }
        Some(copy) => {
            let args = [&["--from", "odt", "--to", "json"][..], &extract].concat();
            let json = run_pandoc(path, format, media.path(), &args, copy.file.path())?;
            let mut ast: serde_json::Value =
                serde_json::from_str(&json).map_err(|e| pandoc_failed(path, e.to_string()))?;
            super::odt::promote(&mut ast, &copy.headers);
            super::odt::set_meta(&mut ast, &copy.meta);
            let mut ast_file = tempfile::Builder::new()
                .prefix("codesocial-import-")
                .suffix(".json")
                .tempfile()
                .map_err(|e| Error::io(std::env::temp_dir(), e))?;
            serde_json::to_writer(&mut ast_file, &ast)
                .map_err(|e| Error::io(ast_file.path(), e.into()))?;
            let args = [
                "--from",
                "json",
                "--to",
                "gfm",
                "--standalone",
                "--wrap=none",
            ];
            run_pandoc(path, format, media.path(), &args, ast_file.path())?
        }
    };
    Ok((
        without_repeated_captions(&text),
        assets::read_extracted(media.path(), MAX_BYTES),
    ))
}

/// pandoc's Word reader keeps a table's caption twice: as the paragraph it is in the
/// document (before the table) and as the table's caption, which the Markdown writes as
/// the paragraph after it. The one after goes when it repeats the one before.
fn without_repeated_captions(md: &str) -> String {
    let lines: Vec<&str> = md.split('\n').collect();
    let is_row = |l: &str| l.trim_start().starts_with('|');
    let blank = |i: usize| lines.get(i).is_none_or(|l| l.trim().is_empty());
    let mut drop = vec![false; lines.len()];
    let mut i = 0;
    while i < lines.len() {
        if !is_row(lines[i]) || (i > 0 && is_row(lines[i - 1])) {
            i += 1;
            continue;
        }
        let start = i;
        while i < lines.len() && is_row(lines[i]) {
            i += 1;
        }
        // `start - 2` is a one-line paragraph before the table, `i + 1` one after it.
        let before = (start >= 2 && blank(start - 1) && (start == 2 || blank(start - 3)))
            .then(|| lines[start - 2].trim());
        let after = (blank(i) && !blank(i + 1) && blank(i + 2)).then(|| lines[i + 1].trim());
        if let (Some(b), Some(a)) = (before, after) {
            if a == b && !is_row(a) {
                drop[i] = true;
                drop[i + 1] = true;
            }
        }
    }
    lines
        .iter()
        .zip(drop)
        .filter(|(_, d)| !d)
        .map(|(l, _)| *l)
        .collect::<Vec<_>>()
        .join("\n")
}

/// Runs `pandoc ARGS -- INPUT` in `dir`, without a shell, with a time limit, the input
/// made absolute so that it can never be read as an option, and `--sandbox` so that the
/// document cannot make pandoc read other files. Errors name `path`, the user's file.
fn run_pandoc(
    path: &Path,
    format: Format,
    dir: &Path,
    args: &[&str],
    input: &Path,
) -> Result<String> {
    let child = Command::new("pandoc")
        .current_dir(dir)
        .arg("--sandbox")
        .args(args)
        .arg("--")
        .arg(input)
        .stdin(Stdio::null())
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .spawn();
    match child {
        Ok(child) => pandoc_output(path, child),
        Err(e) if e.kind() == std::io::ErrorKind::NotFound => Err(ImportError::PandocMissing {
            path: path.into(),
            ext: extension(format),
        }
        .into()),
        Err(e) => Err(Error::io("pandoc", e)),
    }
}

fn pandoc_failed(path: &Path, detail: String) -> Error {
    ImportError::PandocFailed {
        path: path.into(),
        detail,
    }
    .into()
}

/// What the running `pandoc` writes, or why it gave nothing.
fn pandoc_output(path: &Path, mut child: std::process::Child) -> Result<String> {
    let (stdout, stderr) = (child.stdout.take(), child.stderr.take());
    let out = std::thread::spawn(move || drain(stdout));
    let err = std::thread::spawn(move || drain(stderr));
    let status =
        wait_with_timeout(&mut child, PANDOC_TIMEOUT).map_err(|e| Error::io("pandoc", e))?;
    let stdout = out.join().unwrap_or_default();
    let stderr = err.join().unwrap_or_default();
    let failed = |detail: String| pandoc_failed(path, detail);
    match status {
        None => Err(ImportError::PandocTimeout {
            path: path.into(),
            seconds: PANDOC_TIMEOUT.as_secs(),
        }
        .into()),
        Some(s) if !s.success() => Err(failed(String::from_utf8_lossy(&stderr).trim().to_string())),
        Some(_) => String::from_utf8(stdout).map_err(|_| failed("not UTF-8".into())),
    }
}

/// `docx` or `odt`: pandoc's reader and the extension errors name.
fn extension(format: Format) -> String {
    match format {
        Format::Odt => "odt",
        _ => "docx",
    }
    .to_string()
}

fn drain(pipe: Option<impl Read>) -> Vec<u8> {
    let mut buf = Vec::new();
    if let Some(mut pipe) = pipe {
        let _ = pipe.read_to_end(&mut buf);
    }
    buf
}

/// The exit status, or `None` when the child was stopped after `limit`.
fn wait_with_timeout(
    child: &mut std::process::Child,
    limit: Duration,
) -> std::io::Result<Option<std::process::ExitStatus>> {
    let start = Instant::now();
    loop {
        if let Some(status) = child.try_wait()? {
            return Ok(Some(status));
        }
        if start.elapsed() >= limit {
            let _ = child.kill();
            let _ = child.wait();
            return Ok(None);
        }
        std::thread::sleep(Duration::from_millis(20));
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn utf16_with_a_byte_order_mark_is_read() {
        let mut bytes = vec![0xFF, 0xFE];
        for u in "Été".encode_utf16() {
            bytes.extend(u.to_le_bytes());
        }
        assert_eq!(utf16(&bytes).as_deref(), Some("Été"));
        assert_eq!(utf16(b"plain"), None);
    }

    #[test]
    fn a_caption_pandoc_repeats_after_its_table_is_kept_once() {
        let md = "Texte.\n\nTableau des prix\n\n| a | b |\n|---|---|\n| 1 | 2 |\n\nTableau des prix\n\nSuite.\n";
        assert_eq!(
            without_repeated_captions(md),
            "Texte.\n\nTableau des prix\n\n| a | b |\n|---|---|\n| 1 | 2 |\n\nSuite.\n"
        );
        // Another paragraph after the table stays, and so does one at the very end.
        let other = "Prix\n\n| a |\n|---|\n\nAutre chose\n";
        assert_eq!(without_repeated_captions(other), other);
        let end = "Prix\n\n| a |\n|---|\n\nPrix";
        assert_eq!(without_repeated_captions(end), "Prix\n\n| a |\n|---|");
    }

    #[test]
    fn line_breaks_are_unified() {
        assert_eq!(normalise_line_breaks("a\r\nb\rc\u{2028}d"), "a\nb\nc\nd");
    }

    #[test]
    fn extensions_decide_the_format() {
        assert_eq!(format_of(Path::new("a.MD")).ok(), Some(Format::Markdown));
        assert_eq!(format_of(Path::new("a.txt")).ok(), Some(Format::Markdown));
        assert_eq!(format_of(Path::new("a.htm")).ok(), Some(Format::Html));
        assert_eq!(format_of(Path::new("a.odt")).ok(), Some(Format::Odt));
        assert!(format_of(Path::new("a.pdf")).is_err());
        assert!(format_of(Path::new("sans-extension")).is_err());
    }

    #[test]
    fn a_whole_page_is_html_whatever_its_extension() {
        let page = "\n <!DOCTYPE html><html><head><title>é</title></head></html>";
        assert!(sniff_html(page));
        assert!(!sniff_html("<!doctypééééééééé"));
    }

    #[test]
    fn a_fragment_is_html_by_its_content_not_its_extension() {
        // A classic-editor page: headings, then bare text, no `<p>`.
        assert!(sniff_html(
            "<h2>Raison d’être</h2>\nNous cultivons.\n\n<h2>Historique</h2>\n2011 : création."
        ));
        assert!(sniff_html("<h2>Raison d’être</h2><p>Texte.</p>"));
        assert!(sniff_html("<p>Texte <strong>gras</strong>.</p>"));
        for markdown in [
            "## Raison d’être\n\n<h2>Historique</h2>",
            "<h2>Historique</h2>\n\n- 2011 : création",
            "<h2>Historique</h2>\n\n1. premier",
            "<h2>Historique</h2>\n\n**Gras**",
            "Un texte sans balise.",
        ] {
            assert!(!sniff_html(markdown), "{markdown}");
        }
    }

    #[test]
    fn decomposed_accents_are_composed() {
        let doc = document(
            Format::Markdown,
            "# Raison d\u{2019}e\u{302}tre",
            Assets::None,
        );
        assert_eq!(doc.text, "# Raison d\u{2019}\u{ea}tre");
    }
}
