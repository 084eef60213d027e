//! Where a build's files go, and what a build leaves for the next one of the same folder
//! (the live preview rebuilds in place).
//!
//! **The dependency rule**, the one place that decides what a rebuild renders again
//! ([`Output::unchanged`]): a page is rendered again if and only if its *input* changed —
//! the fingerprint of everything its rendering reads: the page's own variables (its view
//! model, as its template sees it: titles, statuses, cards, backlinks, complements,
//! previous and next pages, history rows, rendered bodies), its template's name, and the
//! layout ([`Layout`]: every template's source, the variables shared by every page, the
//! site's language and options). So a change to one document renders again that
//! document's pages and exactly the pages whose view model shows something of it (the
//! lists and cards showing its title or status, backlinks and complements, its plan's
//! page, the search page, the bilan when a figure changes); a change to a template or
//! to what every page shows (the manifest, plans, annexes' titles) changes the layout,
//! hence every page. Rather than a graph of which page reads which document, written a
//! second time beside the view models and bound to drift from them, the view models are
//! the graph: they are recomputed (the cheap part), and what they contain decides.
//!
//! Every other file (feed, sitemap, linked data, search index, assets, copied files,
//! `static/`) is produced again and written only when its bytes differ from what the
//! folder holds ([`Output::put`]); files no longer produced are removed
//! ([`Output::finish`]). The fingerprints are 64-bit SipHash: two different inputs share
//! one with probability 2⁻⁶⁴, the price of not keeping every page's input.

use std::collections::HashMap;
use std::hash::Hasher;
use std::path::{Path, PathBuf};
use std::sync::{Arc, Mutex, MutexGuard, PoisonError};

use serde::Serialize;

use super::publish;
use crate::error::{Error, Result};

/// A page's blocks of text for the search index, shared between builds, with their
/// fingerprint: the search index's input is made of these (not of the text itself, which
/// would be hashed whole on every rebuild).
#[derive(Debug, Clone, Default)]
pub struct Blocks {
    pub text: Arc<Vec<String>>,
    pub print: u64,
}

impl Blocks {
    pub fn new(text: Vec<String>) -> Blocks {
        Blocks {
            print: crate::memo::fingerprint(&text),
            text: Arc::new(text),
        }
    }
}

/// What a build left in its folder, for the next rebuild of that folder.
#[derive(Debug, Default)]
pub struct Memory {
    /// Page path → its input's fingerprint and its blocks for the search index; also the
    /// files made from many pages ([`Output::derived`]), without blocks.
    pages: HashMap<String, Remembered>,
    /// Every file written, relative to the folder → the fingerprint of its bytes.
    files: HashMap<String, u64>,
    /// The Markdown it rendered.
    pub(super) markdown: super::content::Cache,
}

#[derive(Debug, Clone)]
struct Remembered {
    input: u64,
    /// The fingerprint of the page it rendered: a file of `static/` may stand there since.
    output: u64,
    blocks: Blocks,
}

/// The output of one build: a fresh folder written whole, or a folder holding the build
/// `previous` remembers, updated in place.
pub struct Output {
    root: PathBuf,
    previous: Option<Memory>,
    next: Mutex<Memory>,
}

fn lock(m: &Mutex<Memory>) -> MutexGuard<'_, Memory> {
    // Every update inserts whole entries: a panicking holder leaves it consistent.
    m.lock().unwrap_or_else(PoisonError::into_inner)
}

impl Output {
    /// A new folder: every file is written, nothing is remembered.
    pub fn fresh(root: &Path) -> Output {
        Output {
            root: root.to_path_buf(),
            previous: None,
            next: Mutex::default(),
        }
    }

    /// The folder `previous` describes, updated in place (an empty memory: a new folder).
    pub fn in_place(root: &Path, previous: Memory) -> Output {
        Output {
            root: root.to_path_buf(),
            previous: Some(previous),
            next: Mutex::default(),
        }
    }

    pub fn root(&self) -> &Path {
        &self.root
    }

    /// Whether this build remembers (and so fingerprints) what it writes.
    pub fn remembers(&self) -> bool {
        self.previous.is_some()
    }

    /// The dependency rule (see the module): the blocks of the page at `path` when its
    /// input is the one the previous build rendered, so the file it wrote stands.
    pub fn unchanged(&self, path: &str, input: u64) -> Option<Blocks> {
        let previous = self.previous.as_ref()?;
        let page = previous.pages.get(path).filter(|p| p.input == input)?;
        if previous.files.get(path) != Some(&page.output) {
            return None;
        }
        let mut next = lock(&self.next);
        // Written already in this build (a first page, see `Renderer::first`) with other
        // bytes: the page is rendered and written again.
        if next.files.get(path).is_some_and(|now| *now != page.output) {
            return None;
        }
        next.files.insert(path.to_string(), page.output);
        next.pages.insert(path.to_string(), page.clone());
        Some(page.blocks.clone())
    }

    /// Writes a rendered page, remembering its input and blocks.
    pub fn page(&self, path: &str, input: Option<u64>, html: &str, blocks: Blocks) -> Result<()> {
        let output = self.put(path, html.as_bytes())?;
        let mut next = lock(&self.next);
        if let (Some(input), Some(output)) = (input, output) {
            let page = Remembered {
                input,
                output,
                blocks,
            };
            next.pages.insert(path.to_string(), page);
        }
        Ok(())
    }

    /// Writes the file at `rel` that `produce` makes from an input of fingerprint `input`
    /// (the search index from every page's blocks) — unless the previous build wrote it
    /// from the same input: `produce` is then not called.
    pub fn derived(
        &self,
        rel: &str,
        input: Option<u64>,
        produce: impl FnOnce() -> String,
    ) -> Result<()> {
        if input.and_then(|i| self.unchanged(rel, i)).is_some() {
            return Ok(());
        }
        let output = self.put(rel, produce().as_bytes())?;
        if let (Some(input), Some(output)) = (input, output) {
            let file = Remembered {
                input,
                output,
                blocks: Blocks::default(),
            };
            lock(&self.next).pages.insert(rel.to_string(), file);
        }
        Ok(())
    }

    /// Writes a file of the site at `rel` — in place, only when its bytes differ from
    /// what the folder holds there. Returns the fingerprint of the bytes when remembered.
    pub fn put(&self, rel: &str, bytes: &[u8]) -> Result<Option<u64>> {
        let path = self.root.join(rel);
        let Some(previous) = &self.previous else {
            return publish::write(&path, bytes).map(|()| None);
        };
        let print = fingerprint_bytes(bytes);
        let held = lock(&self.next)
            .files
            .get(rel)
            .or_else(|| previous.files.get(rel))
            .copied();
        if held != Some(print) {
            publish::replace(&path, bytes)?;
        }
        lock(&self.next).files.insert(rel.to_string(), print);
        Ok(Some(print))
    }

    /// Copies the file `from` into the site at `rel`.
    pub fn copy(&self, from: &Path, rel: &str) -> Result<()> {
        if self.previous.is_none() {
            return publish::copy(from, &self.root.join(rel));
        }
        let bytes = std::fs::read(from).map_err(|e| Error::io(from, e))?;
        self.put(rel, &bytes).map(drop)
    }

    /// Removes the files the previous build wrote and this one did not, and the folders
    /// they leave empty; returns what the folder now holds.
    pub fn finish(self) -> Result<Memory> {
        let next = self
            .next
            .into_inner()
            .unwrap_or_else(PoisonError::into_inner);
        for rel in self.previous.iter().flat_map(|p| p.files.keys()) {
            if !next.files.contains_key(rel) {
                publish::remove(&self.root, rel)?;
            }
        }
        Ok(next)
    }
}

/// The part of every page's input that is not its own: the templates, the variables
/// every page shares, and the site's settings the rendering reads.
pub fn layout(templates: u64, base: &tera::Context, lang: crate::i18n::Lang, toc: bool) -> u64 {
    let mut h = std::hash::DefaultHasher::new();
    h.write_u64(templates);
    h.write_u64(fingerprint(&base.clone().into_json()));
    h.write(lang.code().as_bytes());
    h.write_u8(u8::from(toc));
    h.finish()
}

/// The fingerprint of a value as JSON, streamed into the hasher (nothing is allocated).
pub fn fingerprint(value: &impl Serialize) -> u64 {
    let mut w = HashWriter(std::hash::DefaultHasher::new());
    // A `Serialize` of ours fails only on a non-string map key: none here.
    let _ = serde_json::to_writer(&mut w, value);
    w.0.finish()
}

fn fingerprint_bytes(bytes: &[u8]) -> u64 {
    let mut h = std::hash::DefaultHasher::new();
    h.write(bytes);
    h.finish()
}

struct HashWriter<H>(H);

impl<H: Hasher> std::io::Write for HashWriter<H> {
    fn write(&mut self, buf: &[u8]) -> std::io::Result<usize> {
        self.0.write(buf);
        Ok(buf.len())
    }

    fn flush(&mut self) -> std::io::Result<()> {
        Ok(())
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    /// A page written first in a build (the edited document's, before the rest) with
    /// bytes other than the previous build's is written again by the whole pass even
    /// when its input is unchanged: the folder ends as a fresh build would write it.
    #[test]
    fn a_page_written_first_is_written_again_when_it_differs() {
        let tmp = tempfile::tempdir().expect("tempdir");
        let root = tmp.path();
        let first = Output::in_place(root, Memory::default());
        first
            .page("a.html", Some(7), "final", Blocks::default())
            .expect("write");
        let memory = first.finish().expect("finish");

        let second = Output::in_place(root, memory);
        second.put("a.html", b"early").expect("early write");
        assert!(
            second.unchanged("a.html", 7).is_none(),
            "the early bytes are not what the input rendered"
        );
        second
            .page("a.html", Some(7), "final", Blocks::default())
            .expect("write again");
        let memory = second.finish().expect("finish");
        assert_eq!(
            std::fs::read_to_string(root.join("a.html")).expect("read"),
            "final"
        );

        // Without an early write, the same input keeps the file as it is.
        let third = Output::in_place(root, memory);
        assert!(third.unchanged("a.html", 7).is_some());
    }
}
