//! What a word-processor file says about itself besides its text, which pandoc's Markdown
//! does not carry: its title and authors (a `.docx`'s core properties,
//! `docProps/core.xml`; an `.odt`'s `meta.xml`), and the comments and tracked changes
//! pandoc drops without a word (it imports a `.docx` with every change accepted and no
//! comment; its ODT reader keeps the inserted text and skips the deleted). They are read
//! from the archive here, so that the title can name the organisation, the authors be
//! listed for review (never made members: a file's author is often who typed it), and
//! the report say that comments and changes were there.

use std::io::Read;
use std::path::Path;

use super::source::Format;

/// The largest XML part read (the import's limit for a document).
const MAX_PART: u64 = super::source::MAX_BYTES;

/// The Dublin Core namespace of `dc:title` and `dc:creator`.
const DC_NS: &str = "http://purl.org/dc/elements/1.1/";
/// WordprocessingML, a `.docx`'s text.
const W_NS: &str = "http://schemas.openxmlformats.org/wordprocessingml/2006/main";
/// OpenDocument's office and text namespaces.
const OFFICE_NS: &str = "urn:oasis:names:tc:opendocument:xmlns:office:1.0";
const TEXT_NS: &str = "urn:oasis:names:tc:opendocument:xmlns:text:1.0";
const META_NS: &str = "urn:oasis:names:tc:opendocument:xmlns:meta:1.0";
/// The core properties' own namespace (`cp:keywords`, `cp:category`).
const CP_NS: &str = "http://schemas.openxmlformats.org/package/2006/metadata/core-properties";

pub use crate::i18n::import::Described;

/// A word-processor file's properties and review marks.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Properties {
    /// The document's title: its paragraph styled "Title", else the title its properties
    /// give (`dc:title`), when not empty.
    pub title: Option<String>,
    /// The properties' title when the visible one differs from it: another candidate
    /// for the organisation's name, named in the report.
    pub other_title: Option<String>,
    /// Its authors (`dc:creator`, `meta:initial-creator`), as written, each once.
    pub authors: Vec<String>,
    /// The other free-text properties, in the file's order, each with its text.
    pub described: Vec<(Described, String)>,
    /// Comments (Word's `w:comment`, OpenDocument's `office:annotation`).
    pub comments: usize,
    /// Tracked changes: insertions, deletions and format changes still to accept or
    /// reject (`w:ins`, `w:del`; `text:changed-region`).
    pub changes: usize,
    /// A `.docx`'s bookmarks (Word's `_Toc…` of a table of contents, `_Ref…` of a cross
    /// reference) and the text of the paragraph each marks, which pandoc's Markdown
    /// does not keep on a heading: links to one lead to the heading of that text.
    pub bookmarks: Vec<(String, String)>,
}

impl Properties {
    /// Adds the title and authors pandoc gave as metadata (`title:`, `author:`). pandoc's
    /// title is the paragraph styled "Title", which the reader sees: it is preferred to
    /// the properties' title (`dc:title`, often a template's leftover, which nobody sees),
    /// and the properties' one, when it says something else, is kept as
    /// [`Properties::other_title`] for the report.
    pub fn complete(&mut self, title: Option<String>, authors: Vec<String>) {
        if let Some(title) = title.filter(|t| !t.trim().is_empty()) {
            if let Some(hidden) = self.title.take() {
                if super::chapters::fold(&hidden) != super::chapters::fold(&title) {
                    self.other_title = Some(hidden);
                }
            }
            self.title = Some(title);
        }
        for a in authors {
            push_author(&mut self.authors, &a);
        }
    }
}

/// The properties of the `.docx` or `.odt` file at `path`; nothing when it cannot be read
/// as such an archive (pandoc then says what is wrong with it).
pub fn read(path: &Path, format: Format) -> Properties {
    let Some(mut archive) = std::fs::File::open(path)
        .ok()
        .and_then(|f| zip::ZipArchive::new(f).ok())
    else {
        return Properties::default();
    };
    let mut part = |name: &str| read_part(&mut archive, name);
    match format {
        Format::Docx => {
            let mut p = described(part("docProps/core.xml").as_deref());
            p.comments = count(part("word/comments.xml").as_deref(), &[(W_NS, "comment")]);
            let document = part("word/document.xml");
            p.changes = count(document.as_deref(), &[(W_NS, "ins"), (W_NS, "del")]);
            p.bookmarks = bookmarks(document.as_deref());
            p
        }
        Format::Odt => {
            let mut p = described(part("meta.xml").as_deref());
            let content = part("content.xml");
            p.comments = count(content.as_deref(), &[(OFFICE_NS, "annotation")]);
            p.changes = count(content.as_deref(), &[(TEXT_NS, "changed-region")]);
            p
        }
        Format::Markdown | Format::Html => Properties::default(),
    }
}

fn read_part(archive: &mut zip::ZipArchive<std::fs::File>, name: &str) -> Option<String> {
    let entry = archive.by_name(name).ok()?;
    let mut text = String::new();
    entry.take(MAX_PART + 1).read_to_string(&mut text).ok()?;
    (text.len() as u64 <= MAX_PART).then_some(text)
}

/// The title and authors of a `docProps/core.xml` or a `meta.xml`.
pub fn described(xml: Option<&str>) -> Properties {
    let mut p = Properties::default();
    let Some(doc) = xml.and_then(|x| roxmltree::Document::parse(x).ok()) else {
        return p;
    };
    for node in doc.descendants().filter(|n| n.is_element()) {
        let text = node.text().unwrap_or("").trim();
        if text.is_empty() {
            continue;
        }
        if node.has_tag_name((DC_NS, "title")) && p.title.is_none() {
            p.title = Some(text.to_string());
        } else if node.has_tag_name((DC_NS, "creator"))
            || node.has_tag_name((META_NS, "initial-creator"))
        {
            // Several authors are written `A; B` (pandoc, Word's author field).
            for author in text.split(';') {
                push_author(&mut p.authors, author);
            }
        } else if let Some(kind) = described_kind(node) {
            // ODT writes one `meta:keyword` per keyword: gather them in one entry.
            match p.described.iter_mut().find(|(k, _)| *k == kind) {
                Some((_, value)) => {
                    value.push_str(", ");
                    value.push_str(text);
                }
                None => p.described.push((kind, text.to_string())),
            }
        }
    }
    p
}

/// Which free-text property this element is, if any.
fn described_kind(node: roxmltree::Node<'_, '_>) -> Option<Described> {
    if node.has_tag_name((DC_NS, "subject")) {
        Some(Described::Subject)
    } else if node.has_tag_name((CP_NS, "keywords")) || node.has_tag_name((META_NS, "keyword")) {
        Some(Described::Keywords)
    } else if node.has_tag_name((DC_NS, "description")) {
        Some(Described::Description)
    } else if node.has_tag_name((CP_NS, "category")) {
        Some(Described::Category)
    } else {
        None
    }
}

fn push_author(authors: &mut Vec<String>, author: &str) {
    let author = author.trim();
    if !author.is_empty() && !authors.iter().any(|a| a == author) {
        authors.push(author.to_string());
    }
}

/// The bookmarks of a `word/document.xml`, each with the text of the paragraph it marks:
/// the one it is in, or, for one written between paragraphs, the next. Word's own
/// `_GoBack` (where the cursor was) marks nothing.
fn bookmarks(xml: Option<&str>) -> Vec<(String, String)> {
    let Some(doc) = xml.and_then(|x| roxmltree::Document::parse(x).ok()) else {
        return Vec::new();
    };
    let paragraph = |n: &roxmltree::Node| n.has_tag_name((W_NS, "p"));
    let mut out = Vec::new();
    for mark in doc
        .descendants()
        .filter(|n| n.has_tag_name((W_NS, "bookmarkStart")))
    {
        let Some(name) = mark.attribute((W_NS, "name")).filter(|n| *n != "_GoBack") else {
            continue;
        };
        let Some(p) = mark
            .ancestors()
            .find(paragraph)
            .or_else(|| mark.next_siblings().find(paragraph))
        else {
            continue;
        };
        let text: String = p
            .descendants()
            .filter(|n| n.has_tag_name((W_NS, "t")))
            .filter_map(|n| n.text())
            .collect();
        let text = text.split_whitespace().collect::<Vec<_>>().join(" ");
        if !text.is_empty() {
            out.push((name.to_string(), text));
        }
    }
    out
}

/// How many elements of the given names an XML part holds.
fn count(xml: Option<&str>, names: &[(&str, &str)]) -> usize {
    let Some(doc) = xml.and_then(|x| roxmltree::Document::parse(x).ok()) else {
        return 0;
    };
    doc.descendants()
        .filter(|n| names.iter().any(|name| n.has_tag_name(*name)))
        .count()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn core_properties_and_meta_give_title_and_authors() {
        let core = r#"<cp:coreProperties xmlns:cp="http://schemas.openxmlformats.org/package/2006/metadata/core-properties" xmlns:dc="http://purl.org/dc/elements/1.1/"><dc:title>Coopérative du Val</dc:title><dc:creator>Claire Martin; Julien Roux</dc:creator></cp:coreProperties>"#;
        let p = described(Some(core));
        assert_eq!(p.title.as_deref(), Some("Coopérative du Val"));
        assert_eq!(p.authors, ["Claire Martin", "Julien Roux"]);
        let meta = r#"<office:document-meta xmlns:office="urn:oasis:names:tc:opendocument:xmlns:office:1.0" xmlns:dc="http://purl.org/dc/elements/1.1/" xmlns:meta="urn:oasis:names:tc:opendocument:xmlns:meta:1.0"><office:meta><dc:title></dc:title><meta:initial-creator>Claire Martin</meta:initial-creator><dc:creator>Julien Roux</dc:creator></office:meta></office:document-meta>"#;
        let p = described(Some(meta));
        assert_eq!(p.title, None);
        assert_eq!(p.authors, ["Claire Martin", "Julien Roux"]);
        assert_eq!(described(Some("<not xml")), Properties::default());
    }

    #[test]
    fn subject_keywords_comments_and_category_are_kept_for_the_report() {
        let core = r#"<cp:coreProperties xmlns:cp="http://schemas.openxmlformats.org/package/2006/metadata/core-properties" xmlns:dc="http://purl.org/dc/elements/1.1/"><dc:title>Val</dc:title><dc:subject>Statuts et charte</dc:subject><cp:keywords>coopérative; SCIC</cp:keywords><dc:description>Version votée en AG le 3 mars.</dc:description><cp:category>Gouvernance</cp:category><dc:description>  </dc:description></cp:coreProperties>"#;
        let p = described(Some(core));
        assert_eq!(
            p.described,
            [
                (Described::Subject, "Statuts et charte".to_string()),
                (Described::Keywords, "coopérative; SCIC".to_string()),
                (
                    Described::Description,
                    "Version votée en AG le 3 mars.".to_string()
                ),
                (Described::Category, "Gouvernance".to_string()),
            ]
        );
        let meta = r#"<office:document-meta xmlns:office="urn:oasis:names:tc:opendocument:xmlns:office:1.0" xmlns:dc="http://purl.org/dc/elements/1.1/" xmlns:meta="urn:oasis:names:tc:opendocument:xmlns:meta:1.0"><office:meta><meta:keyword>jardin</meta:keyword><meta:keyword>partage</meta:keyword></office:meta></office:document-meta>"#;
        assert_eq!(
            described(Some(meta)).described,
            [(Described::Keywords, "jardin, partage".to_string())]
        );
    }

    #[test]
    fn the_visible_title_is_preferred_to_the_properties_one() {
        let mut p = Properties {
            title: Some("Modèle Word de la fédération".into()),
            ..Properties::default()
        };
        p.complete(Some("Le Jardin des Sources".into()), Vec::new());
        assert_eq!(p.title.as_deref(), Some("Le Jardin des Sources"));
        assert_eq!(
            p.other_title.as_deref(),
            Some("Modèle Word de la fédération")
        );
        let mut p = Properties {
            title: Some("Coopérative du Val".into()),
            ..Properties::default()
        };
        p.complete(Some("COOPÉRATIVE DU VAL".into()), Vec::new());
        assert_eq!(p.other_title, None);
        p.complete(None, Vec::new());
        assert_eq!(p.title.as_deref(), Some("COOPÉRATIVE DU VAL"));
    }

    #[test]
    fn bookmarks_name_the_text_of_their_paragraph() {
        let doc = r#"<w:document xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/2006/main"><w:body><w:p><w:pPr><w:pStyle w:val="Heading2"/></w:pPr><w:bookmarkStart w:id="1" w:name="_Toc1234"/><w:r><w:t>2. Raison</w:t></w:r><w:r><w:t xml:space="preserve"> d’être</w:t></w:r><w:bookmarkEnd w:id="1"/></w:p><w:bookmarkStart w:id="2" w:name="_Ref9"/><w:p><w:r><w:t>Texte.</w:t></w:r></w:p><w:bookmarkEnd w:id="2"/><w:p><w:bookmarkStart w:id="0" w:name="_GoBack"/><w:bookmarkEnd w:id="0"/><w:bookmarkStart w:id="3" w:name="vide"/></w:p></w:body></w:document>"#;
        assert_eq!(
            bookmarks(Some(doc)),
            [
                ("_Toc1234".to_string(), "2. Raison d’être".to_string()),
                ("_Ref9".to_string(), "Texte.".to_string())
            ]
        );
        assert!(bookmarks(Some("<not xml")).is_empty());
    }

    #[test]
    fn comments_and_changes_are_counted() {
        let doc = r#"<w:document xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/2006/main"><w:body><w:p><w:ins w:id="1"><w:r><w:t>a</w:t></w:r></w:ins><w:del w:id="2"><w:r><w:delText>b</w:delText></w:r></w:del></w:p></w:body></w:document>"#;
        assert_eq!(count(Some(doc), &[(W_NS, "ins"), (W_NS, "del")]), 2);
        let odt = r#"<office:document-content xmlns:office="urn:oasis:names:tc:opendocument:xmlns:office:1.0" xmlns:text="urn:oasis:names:tc:opendocument:xmlns:text:1.0"><office:body><office:text><text:tracked-changes><text:changed-region text:id="c1"><text:deletion/></text:changed-region></text:tracked-changes><text:p>a<office:annotation><text:p>note</text:p></office:annotation><office:annotation-end/></text:p></office:text></office:body></office:document-content>"#;
        assert_eq!(count(Some(odt), &[(OFFICE_NS, "annotation")]), 1);
        assert_eq!(count(Some(odt), &[(TEXT_NS, "changed-region")]), 1);
    }
}
