//! The header rows of an OpenDocument file's tables, which pandoc's ODT reader drops
//! without a word (it reads a table's `table:table-row` children and skips the
//! `table:table-header-rows` that holds the first rows of every table LibreOffice makes:
//! jgm/pandoc#9327, open in every pandoc Debian ships). Losing them would break the
//! import's promise that every sentence lands in a file, so before pandoc reads the file
//! [`for_pandoc`] makes them ordinary rows of a copy of the document, and once it
//! has read it [`promote`] moves them back into the tables' headers of pandoc's AST (its
//! JSON), so that the Markdown has the header the document shows.
//!
//! The same copy leaves out the paragraphs styled "Title", "Subtitle", "Author", "Date"
//! and "Abstract" ([`META_STYLES`]), which pandoc's Word reader makes the document's
//! metadata and its ODT reader (pandoc 2.x) leaves in the text: [`set_meta`] puts them in
//! the AST's metadata, so that the Markdown starts with the same front matter as the Word
//! file's (the title may name the organisation, the authors are listed for review, the
//! date and subtitle are reported as they were), never also in the text.

use std::io::{Read, Write};
use std::path::Path;

use serde_json::Value;

/// The OpenDocument table namespace.
const TABLE_NS: &str = "urn:oasis:names:tc:opendocument:xmlns:table:1.0";
/// The OpenDocument office, text and style namespaces.
const OFFICE_NS: &str = "urn:oasis:names:tc:opendocument:xmlns:office:1.0";
const TEXT_NS: &str = "urn:oasis:names:tc:opendocument:xmlns:text:1.0";
const STYLE_NS: &str = "urn:oasis:names:tc:opendocument:xmlns:style:1.0";

/// The largest `content.xml` read (50 MiB, the import's limit for a document).
const MAX_CONTENT: u64 = super::source::MAX_BYTES;

/// A copy of an OpenDocument file whose tables' header rows are ordinary rows and whose
/// metadata paragraphs are left out; how many header rows each table had, in document
/// order (a table inside a cell after the table holding it); and the metadata, by
/// pandoc's key, in the document's order.
#[derive(Debug)]
pub struct Unwrapped {
    pub file: tempfile::NamedTempFile,
    pub headers: Vec<usize>,
    pub meta: Vec<(&'static str, String)>,
}

/// The paragraph styles that pandoc's Word reader reads as metadata, and the key each
/// gives (`Author` paragraphs make a list of authors).
pub const META_STYLES: &[(&str, &str)] = &[
    ("Title", "title"),
    ("Subtitle", "subtitle"),
    ("Author", "author"),
    ("Date", "date"),
    ("Abstract", "abstract"),
];

/// The copy of the OpenDocument file `path` to give pandoc, or `None` when no table has
/// header rows, no paragraph is metadata, or the file cannot be read as an OpenDocument
/// archive (pandoc then reads the original and says what is wrong with it).
pub fn for_pandoc(path: &Path) -> Option<Unwrapped> {
    let file = std::fs::File::open(path).ok()?;
    let mut archive = zip::ZipArchive::new(file).ok()?;
    let content = read_content(&mut archive)?;
    let rewritten = unwrapped_content(&content)?;
    let copy = tempfile::Builder::new()
        .prefix("codesocial-import-")
        .suffix(".odt")
        .tempfile()
        .ok()?;
    rewrite_archive(&mut archive, &rewritten.xml, copy.as_file()).ok()?;
    Some(Unwrapped {
        file: copy,
        headers: rewritten.headers,
        meta: rewritten.meta,
    })
}

fn read_content(archive: &mut zip::ZipArchive<std::fs::File>) -> Option<String> {
    let entry = archive.by_name("content.xml").ok()?;
    let mut text = String::new();
    entry.take(MAX_CONTENT + 1).read_to_string(&mut text).ok()?;
    (text.len() as u64 <= MAX_CONTENT).then_some(text)
}

/// The archive again, its `content.xml` replaced, every other entry copied as it was (the
/// `mimetype` first and stored, as the format requires).
fn rewrite_archive(
    archive: &mut zip::ZipArchive<std::fs::File>,
    content: &str,
    out: &std::fs::File,
) -> zip::result::ZipResult<()> {
    let mut writer = zip::ZipWriter::new(out);
    for i in 0..archive.len() {
        let entry = archive.by_index_raw(i)?;
        if entry.name().is_ok_and(|n| n == "content.xml") {
            drop(entry);
            let options = zip::write::SimpleFileOptions::default()
                .compression_method(zip::CompressionMethod::Deflated);
            writer.start_file("content.xml", options)?;
            writer.write_all(content.as_bytes())?;
        } else {
            writer.raw_copy_file(entry)?;
        }
    }
    writer.finish()?;
    Ok(())
}

/// `content.xml` rewritten for pandoc ([`unwrapped_content`]).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Rewritten {
    pub xml: String,
    /// Header rows of each table, in document order.
    pub headers: Vec<usize>,
    /// The metadata paragraphs left out: pandoc's key and the text.
    pub meta: Vec<(&'static str, String)>,
}

/// `content.xml` with every `table:table-header-rows` element replaced by its content
/// and every paragraph of the text styled as metadata ([`META_STYLES`], directly or
/// through an automatic style) left out; `None` when there are neither or the XML cannot
/// be parsed.
pub fn unwrapped_content(xml: &str) -> Option<Rewritten> {
    let doc = roxmltree::Document::parse(xml).ok()?;
    let is = |n: &roxmltree::Node, name: &str| n.has_tag_name((TABLE_NS, name));
    let mut headers = Vec::new();
    let mut cuts: Vec<std::ops::Range<usize>> = Vec::new();
    for node in doc.descendants() {
        if is(&node, "table") {
            let rows = node
                .children()
                .filter(|c| is(c, "table-header-rows"))
                .flat_map(|h| h.children().filter(|r| is(r, "table-row")))
                .count();
            headers.push(rows);
        } else if is(&node, "table-header-rows") {
            let range = node.range();
            match (node.first_child(), node.last_child()) {
                (Some(first), Some(last)) => {
                    cuts.push(range.start..first.range().start);
                    cuts.push(last.range().end..range.end);
                }
                _ => cuts.push(range),
            }
        }
    }
    let mut meta = Vec::new();
    for (node, key) in meta_paragraphs(&doc) {
        let text = paragraph_text(node);
        if !text.is_empty() {
            meta.push((key, text));
        }
        cuts.push(node.range());
    }
    if headers.iter().all(|&n| n == 0) && meta.is_empty() {
        return None;
    }
    cuts.sort_by_key(|r| r.start);
    let mut out = String::with_capacity(xml.len());
    let mut at = 0;
    for cut in cuts {
        out.push_str(&xml[at..cut.start]);
        at = cut.end;
    }
    out.push_str(&xml[at..]);
    Some(Rewritten {
        xml: out,
        headers,
        meta,
    })
}

/// The paragraphs of the text (`office:text`'s own, not those of a table or a frame)
/// whose style is a metadata style, directly or as the parent of the automatic style
/// LibreOffice gives a paragraph it formats by hand, with the key of their style.
fn meta_paragraphs<'a, 'i>(
    doc: &'a roxmltree::Document<'i>,
) -> Vec<(roxmltree::Node<'a, 'i>, &'static str)> {
    let parents: std::collections::HashMap<&str, &str> = doc
        .descendants()
        .filter(|n| n.has_tag_name((STYLE_NS, "style")))
        .filter_map(|n| {
            Some((
                n.attribute((STYLE_NS, "name"))?,
                n.attribute((STYLE_NS, "parent-style-name"))?,
            ))
        })
        .collect();
    let key = |style: &str| {
        META_STYLES
            .iter()
            .find(|(s, _)| *s == style)
            .map(|(_, k)| *k)
    };
    let Some(text) = doc
        .descendants()
        .find(|n| n.has_tag_name((OFFICE_NS, "text")))
    else {
        return Vec::new();
    };
    text.children()
        .filter(|n| n.has_tag_name((TEXT_NS, "p")))
        .filter_map(|p| {
            let style = p.attribute((TEXT_NS, "style-name"))?;
            let k = key(style).or_else(|| parents.get(style).and_then(|parent| key(parent)))?;
            Some((p, k))
        })
        .collect()
}

/// A paragraph's text as a reader sees it: `text:s` a space (or `text:c` of them), a tab
/// or a line break a space, notes and comments left out; spaces collapsed.
fn paragraph_text(p: roxmltree::Node<'_, '_>) -> String {
    fn walk(node: roxmltree::Node<'_, '_>, out: &mut String) {
        for child in node.children() {
            if child.is_text() {
                out.push_str(child.text().unwrap_or(""));
            } else if child.has_tag_name((TEXT_NS, "s"))
                || child.has_tag_name((TEXT_NS, "tab"))
                || child.has_tag_name((TEXT_NS, "line-break"))
            {
                out.push(' ');
            } else if !child.has_tag_name((TEXT_NS, "note"))
                && !child.has_tag_name((OFFICE_NS, "annotation"))
            {
                walk(child, out);
            }
        }
    }
    let mut out = String::new();
    walk(p, &mut out);
    out.split_whitespace().collect::<Vec<_>>().join(" ")
}

/// Puts the metadata paragraphs into pandoc's AST as its metadata, as pandoc's Word
/// reader does: each key once, `author` a list, the text as words and spaces. A key the
/// AST already has is replaced: the visible paragraph is what the reader saw.
pub fn set_meta(ast: &mut Value, meta: &[(&'static str, String)]) {
    let Some(map) = ast.get_mut("meta").and_then(Value::as_object_mut) else {
        return;
    };
    let inlines = |text: &str| {
        let mut out = Vec::new();
        for (i, word) in text.split(' ').enumerate() {
            if i > 0 {
                out.push(serde_json::json!({"t": "Space"}));
            }
            out.push(serde_json::json!({"t": "Str", "c": word}));
        }
        serde_json::json!({"t": "MetaInlines", "c": out})
    };
    for (_, key) in META_STYLES {
        let texts: Vec<&str> = meta
            .iter()
            .filter(|(k, _)| k == key)
            .map(|(_, t)| t.as_str())
            .collect();
        let value = match (*key, texts.as_slice()) {
            (_, []) => continue,
            ("author", _) => serde_json::json!({
                "t": "MetaList",
                "c": texts.iter().map(|t| inlines(t)).collect::<Vec<_>>(),
            }),
            // Several paragraphs of one style are one text.
            _ => inlines(&texts.join(" ")),
        };
        map.insert((*key).to_string(), value);
    }
}

/// Moves the first `headers[i]` rows of the `i`-th table of pandoc's AST (its JSON, in
/// document order) into that table's header, which pandoc's ODT reader leaves empty.
/// When the AST does not hold as many tables as the document (pandoc left one out), it is
/// left as it is: the header rows stay the tables' first rows, nothing is lost.
pub fn promote(ast: &mut Value, headers: &[usize]) {
    if count_tables(ast) != headers.len() {
        return;
    }
    let mut index = 0;
    promote_in(ast, headers, &mut index);
}

/// How many `Table` nodes the AST holds, nested ones included.
fn count_tables(value: &Value) -> usize {
    match value {
        Value::Object(map) => {
            let own = usize::from(map.get("t").and_then(Value::as_str) == Some("Table"));
            own + map.values().map(count_tables).sum::<usize>()
        }
        Value::Array(items) => items.iter().map(count_tables).sum(),
        _ => 0,
    }
}

fn promote_in(value: &mut Value, headers: &[usize], index: &mut usize) {
    match value {
        Value::Object(map) => {
            if map.get("t").and_then(Value::as_str) == Some("Table") {
                if let Some(table) = map.get_mut("c") {
                    promote_table(table, headers[*index]);
                }
                *index += 1;
            }
            map.values_mut().for_each(|v| promote_in(v, headers, index));
        }
        Value::Array(items) => items.iter_mut().for_each(|v| promote_in(v, headers, index)),
        _ => {}
    }
}

/// A table's content is `[attr, caption, colspecs, head, bodies, foot]`, its head
/// `[attr, rows]`, each body `[attr, row_head_columns, head_rows, rows]`. The head is
/// replaced only when it holds nothing (pandoc's empty row).
fn promote_table(table: &mut Value, count: usize) {
    if count == 0 || table.pointer("/3/1").is_some_and(|rows| !rows_empty(rows)) {
        return;
    }
    let Some(rows) = table.pointer_mut("/4/0/3").and_then(Value::as_array_mut) else {
        return;
    };
    let moved: Vec<Value> = rows.drain(..count.min(rows.len())).collect();
    if let Some(head) = table.pointer_mut("/3/1") {
        *head = Value::Array(moved);
    }
}

/// Whether header rows hold no block at all: pandoc's placeholder.
fn rows_empty(rows: &Value) -> bool {
    rows.as_array().is_none_or(|rows| {
        rows.iter().all(|row| {
            row.pointer("/1")
                .and_then(Value::as_array)
                .is_none_or(|cells| {
                    cells.iter().all(|cell| {
                        cell.pointer("/4")
                            .and_then(Value::as_array)
                            .is_none_or(Vec::is_empty)
                    })
                })
        })
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    const HEAD: &str = r#"<office:document-content xmlns:office="urn:oasis:names:tc:opendocument:xmlns:office:1.0" xmlns:table="urn:oasis:names:tc:opendocument:xmlns:table:1.0" xmlns:text="urn:oasis:names:tc:opendocument:xmlns:text:1.0"><office:body><office:text>"#;
    const TAIL: &str = "</office:text></office:body></office:document-content>";

    fn row(cells: &[&str]) -> String {
        let cells: String = cells
            .iter()
            .map(|c| format!("<table:table-cell><text:p>{c}</text:p></table:table-cell>"))
            .collect();
        format!("<table:table-row>{cells}</table:table-row>")
    }

    #[test]
    fn header_rows_become_rows_and_are_counted_in_document_order() {
        let inner = format!(
            "<table:table><table:table-header-rows>{}</table:table-header-rows>{}</table:table>",
            row(&["x"]),
            row(&["y"])
        );
        let xml = format!(
            "{HEAD}<table:table>\n <table:table-header-rows>\n  {}\n </table:table-header-rows>\n {}\n</table:table>\
             <table:table>{}</table:table>{inner}{TAIL}",
            row(&["Rôle", "Personne"]),
            row(&["Présidente", "Marie"]),
            row(&["a"]),
        );
        let Rewritten {
            xml: out, headers, ..
        } = unwrapped_content(&xml).expect("has header rows");
        assert_eq!(headers, [1, 0, 1]);
        assert!(!out.contains("header-rows"), "{out}");
        assert!(out.contains("Rôle") && out.contains(&row(&["x"])));
        assert!(roxmltree::Document::parse(&out).is_ok());
        let plain = format!("{HEAD}<table:table>{}</table:table>{TAIL}", row(&["a"]));
        assert!(unwrapped_content(&plain).is_none());
        assert!(unwrapped_content("<not xml").is_none());
    }

    /// The paragraphs styled as metadata, directly or through an automatic style, leave
    /// the text and become the AST's metadata; a "Title" paragraph inside a table stays.
    #[test]
    fn metadata_paragraphs_leave_the_text_for_the_metadata() {
        let head = HEAD.replace(
            "<office:body>",
            r#"<office:automatic-styles><style:style xmlns:style="urn:oasis:names:tc:opendocument:xmlns:style:1.0" style:name="P1" style:family="paragraph" style:parent-style-name="Title"/></office:automatic-styles><office:body>"#,
        );
        let xml = format!(
            r#"{head}<text:p text:style-name="P1">Code social <text:span>du Val</text:span></text:p><text:p text:style-name="Subtitle">Version<text:s/>2</text:p><text:p text:style-name="Author">Claire Martin</text:p><text:p text:style-name="Author">Julien Roux</text:p><text:p text:style-name="Date">12 mars 2024</text:p><text:h text:outline-level="2">Historique</text:h><text:p text:style-name="Text_20_body">En 2014.</text:p><table:table>{}</table:table>{TAIL}"#,
            row(&[r#"<text:span>x</text:span>"#])
                .replace("<text:p>", r#"<text:p text:style-name="Title">"#)
        );
        let out = unwrapped_content(&xml).expect("has metadata");
        assert_eq!(
            out.meta,
            [
                ("title", "Code social du Val".to_string()),
                ("subtitle", "Version 2".to_string()),
                ("author", "Claire Martin".to_string()),
                ("author", "Julien Roux".to_string()),
                ("date", "12 mars 2024".to_string()),
            ]
        );
        assert_eq!(out.headers, [0]);
        for gone in ["Code social", "Version", "Claire", "Julien", "12 mars"] {
            assert!(!out.xml.contains(gone), "{gone}: {}", out.xml);
        }
        assert!(
            out.xml.contains("Historique")
                && out.xml.contains("En 2014.")
                && out.xml.contains(">x<")
        );
        assert!(roxmltree::Document::parse(&out.xml).is_ok());
        let mut ast = serde_json::json!({"meta": {}, "blocks": []});
        set_meta(&mut ast, &out.meta);
        assert_eq!(
            ast["meta"]["title"],
            serde_json::json!({"t": "MetaInlines", "c": [
                {"t": "Str", "c": "Code"}, {"t": "Space"}, {"t": "Str", "c": "social"},
                {"t": "Space"}, {"t": "Str", "c": "du"}, {"t": "Space"}, {"t": "Str", "c": "Val"}
            ]})
        );
        assert_eq!(ast["meta"]["author"]["t"], "MetaList");
        assert_eq!(ast["meta"]["author"]["c"].as_array().map(Vec::len), Some(2));
        assert!(ast["meta"].get("abstract").is_none());
    }

    fn cell(text: Option<&str>) -> Value {
        let blocks = match text {
            Some(t) => serde_json::json!([{"t": "Plain", "c": [{"t": "Str", "c": t}]}]),
            None => serde_json::json!([]),
        };
        serde_json::json!([["", [], []], {"t": "AlignDefault"}, 1, 1, blocks])
    }

    fn table(head: Vec<Value>, rows: Vec<Value>) -> Value {
        let row = |c: Value| serde_json::json!([["", [], []], [c]]);
        serde_json::json!({"t": "Table", "c": [
            ["", [], []], [null, []], [[{"t": "AlignDefault"}, {"t": "ColWidthDefault"}]],
            [["", [], []], head.into_iter().map(row).collect::<Vec<_>>()],
            [[["", [], []], 0, [], rows.into_iter().map(row).collect::<Vec<_>>()]],
            [["", [], []], []]
        ]})
    }

    #[test]
    fn header_rows_go_back_into_the_head_of_their_table_only() {
        let mut ast = serde_json::json!({"blocks": [
            table(vec![cell(None)], vec![cell(Some("Rôle")), cell(Some("Marie"))]),
            table(vec![cell(None)], vec![cell(Some("a"))]),
        ]});
        promote(&mut ast, &[1, 0]);
        let first = &ast["blocks"][0]["c"];
        assert_eq!(first.pointer("/3/1/0/1/0/4/0/c/0/c"), Some(&"Rôle".into()));
        assert_eq!(
            first
                .pointer("/4/0/3")
                .map(|r| r[0][1][0][4][0]["c"][0]["c"].clone()),
            Some("Marie".into())
        );
        let second = &ast["blocks"][1]["c"];
        assert_eq!(second.pointer("/4/0/3/0/1/0/4/0/c/0/c"), Some(&"a".into()));
        // A head already filled, or counts that do not match the tables, change nothing.
        let mut filled = serde_json::json!([table(vec![cell(Some("H"))], vec![cell(Some("b"))])]);
        let before = filled.clone();
        promote(&mut filled, &[1]);
        assert_eq!(filled, before);
        promote(&mut filled, &[1, 1]);
        assert_eq!(filled, before);
    }
}
