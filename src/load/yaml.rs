//! A YAML tree that remembers where every key and value came from.
//!
//! `serde_yaml` and friends give positions only in their own errors, yet `check` must point
//! at the exact value that is wrong (`/flux/3/valeur`). So we build our own small tree from
//! the byte-accurate event stream of `granit-parser`, resolving scalars with the YAML 1.2
//! core schema, and keep a byte span (in the whole file) on every node and every key.
//! Aliases are expanded under a budget and nesting is bounded, so hostile input stays cheap.

use std::borrow::Cow;
use std::collections::{HashMap, HashSet};
use std::ops::Range;

use granit_parser::{ErrorKind, Event, Parser, Placement, ScalarStyle, Span};

use super::yaml_error::diagnose;
pub use super::yaml_error::Cause;

/// Nodes an alias may expand to, in all, before the document is rejected ("billion laughs").
const ALIAS_BUDGET: usize = 10_000;
/// How deep mappings and sequences may nest.
const MAX_DEPTH: usize = 64;

/// A parsed YAML value with its byte span in the source file.
#[derive(Debug, Clone, PartialEq)]
pub struct Node {
    pub value: Value,
    pub span: Range<usize>,
    /// The scalar was written plain (unquoted); hashtag warnings depend on it.
    pub plain: bool,
}

/// A mapping key: its text and where it stands.
#[derive(Debug, Clone, PartialEq)]
pub struct Key {
    pub name: String,
    pub span: Range<usize>,
}

#[derive(Debug, Clone, PartialEq)]
pub enum Value {
    Null,
    Bool(bool),
    Int(i64),
    Float(f64),
    Str(String),
    Seq(Vec<Node>),
    Map(Vec<(Key, Node)>),
}

/// Why a YAML text could not be read.
#[derive(Debug, Clone, PartialEq)]
pub struct YamlError {
    pub kind: YamlErrorKind,
    /// Byte span in the whole file.
    pub span: Range<usize>,
}

#[derive(Debug, Clone, PartialEq)]
pub enum YamlErrorKind {
    /// The likely cause, found from the parser's error and the text around it.
    Syntax(Cause),
    DuplicateKey {
        key: String,
        /// Byte span of the first occurrence, in the whole file.
        first: Range<usize>,
    },
    AliasBudget,
    TooDeep,
    NonScalarKey,
    MultipleDocuments,
}

/// A same-line comment that swallowed part of a plain value: `titre: Le #CodeSocial`.
#[derive(Debug, Clone, PartialEq)]
pub struct HashtagComment {
    /// Span of the value as YAML read it, through the end of the comment.
    pub span: Range<usize>,
    /// What the writer probably meant.
    pub intended: String,
    /// What YAML kept.
    pub kept: String,
}

/// A parsed YAML document and what a reviewer should know about its comments.
#[derive(Debug, Clone, PartialEq)]
pub struct Document {
    /// `None` for an empty document.
    pub root: Option<Node>,
    pub hashtag_comments: Vec<HashtagComment>,
}

/// Parses `text`, which starts at byte `base` of its file; spans are file offsets.
pub fn parse(text: &str, base: usize) -> Result<Document, YamlError> {
    if let Some(at) = lone_carriage_return(text) {
        return Err(YamlError {
            kind: YamlErrorKind::Syntax(Cause::LoneCarriageReturn),
            span: base + at..base + at + 1,
        });
    }
    let mut builder = Builder::new(text, base);
    builder.run()?;
    Ok(Document {
        root: builder.root,
        hashtag_comments: builder.hashtags,
    })
}

/// The offset of the first carriage return not followed by a line feed. YAML takes it for
/// a line break wherever it stands (between quotes, the value is folded there into a
/// space; unquoted, the line ends), while most editors and review tools show one line, or
/// `^M`: what is read would not be what is seen, so it is refused, at its place, before
/// the parser reads it otherwise. A CRLF line ending is no such thing, and neither is a
/// text with no line feed at all: there the carriage return is the line ending (classic
/// Mac OS files, which `check` reads line by line like any other).
fn lone_carriage_return(text: &str) -> Option<usize> {
    let bytes = text.as_bytes();
    if !bytes.contains(&b'\n') {
        return None;
    }
    (0..bytes.len()).find(|&i| bytes[i] == b'\r' && bytes.get(i + 1) != Some(&b'\n'))
}

enum Frame {
    Seq {
        start: usize,
        items: Vec<Node>,
        anchor: usize,
    },
    Map {
        start: usize,
        entries: Vec<(Key, Node)>,
        pending_key: Option<Key>,
        anchor: usize,
        /// Each key's first span, by name: a repeated key is found in constant time (a
        /// search of `entries` made a mapping of 80,000 keys take 42 s, issue 14).
        seen: HashMap<String, Range<usize>>,
    },
}

struct Builder<'a> {
    text: &'a str,
    base: usize,
    stack: Vec<Frame>,
    root: Option<Node>,
    anchors: Vec<(usize, Node)>,
    expanded: usize,
    documents: usize,
    hashtags: Vec<HashtagComment>,
    /// The last plain scalar value (not key) and its span, for hashtag detection.
    last_plain: Option<(String, Range<usize>)>,
}

impl<'a> Builder<'a> {
    fn new(text: &'a str, base: usize) -> Self {
        Builder {
            text,
            base,
            stack: Vec::new(),
            root: None,
            anchors: Vec::new(),
            expanded: 0,
            documents: 0,
            hashtags: Vec::new(),
            last_plain: None,
        }
    }

    /// Whether the innermost open collection is a flow one (`{ … }`, `[ … ]`).
    fn in_flow(&self) -> bool {
        let start = match self.stack.last() {
            Some(Frame::Seq { start, .. } | Frame::Map { start, .. }) => *start,
            None => return false,
        };
        self.text
            .get(start.saturating_sub(self.base)..)
            .is_some_and(|s| s.starts_with(['{', '[']))
    }

    fn range(&self, span: &Span) -> Range<usize> {
        let start = byte_of(self.text, span.start.byte_offset(), span.start.index());
        let end = byte_of(self.text, span.end.byte_offset(), span.end.index()).max(start);
        self.base + start..self.base + end
    }

    fn run(&mut self) -> Result<(), YamlError> {
        let text = self.text;
        for next in Parser::new_from_str(text) {
            let (event, span) = next.map_err(|e| {
                let m = e.marker();
                let at = byte_of(text, m.byte_offset(), m.index());
                // The parser's own nesting guard is our depth limit too.
                if matches!(e.kind(), ErrorKind::RecursionLimitExceeded) {
                    return YamlError {
                        kind: YamlErrorKind::TooDeep,
                        span: self.base + at..self.base + next_char_end(text, at),
                    };
                }
                let (cause, span) = diagnose(text, e.kind(), at);
                let end = if span.is_empty() {
                    next_char_end(text, span.start)
                } else {
                    span.end
                };
                YamlError {
                    kind: YamlErrorKind::Syntax(cause),
                    span: self.base + span.start..self.base + end,
                }
            })?;
            self.event(event, span)?;
        }
        Ok(())
    }

    fn event(&mut self, event: Event<'_>, span: Span) -> Result<(), YamlError> {
        let range = self.range(&span);
        match event {
            Event::DocumentStart(..) => {
                self.documents += 1;
                if self.documents > 1 {
                    return Err(YamlError {
                        kind: YamlErrorKind::MultipleDocuments,
                        span: range,
                    });
                }
            }
            Event::Scalar(value, style, anchor, tag) => {
                // Keys, ids and references are compared in NFC (composed accents).
                let value = crate::slug::nfc(&value).into_owned();
                let plain = style == ScalarStyle::Plain;
                let resolved = if plain && tag.is_none() {
                    resolve_plain(&value)
                } else {
                    Value::Str(value.clone())
                };
                let node = Node {
                    value: resolved,
                    span: range.clone(),
                    plain,
                };
                let is_key = matches!(
                    self.stack.last(),
                    Some(Frame::Map {
                        pending_key: None,
                        ..
                    })
                );
                // `{ membre:\u{a0}claire }`, `{ membre: claire\u{a0}}`: a special space where
                // YAML wants an ordinary one makes the text something else than meant; one
                // error there, not the cascade of missing keys that follows (issue 16).
                if plain {
                    // A document of one line, `titre\u{a0}:\u{a0}Glossaire`, is one text:
                    // its key was meant, as in a list item.
                    let in_seq = matches!(self.stack.last(), Some(Frame::Seq { .. }) | None);
                    let local = range.start - self.base..range.end - self.base;
                    if let Some((cause, span)) = super::yaml_error::odd_space_in_plain(
                        self.text,
                        local,
                        is_key || in_seq,
                        is_key && self.in_flow(),
                    ) {
                        return Err(YamlError {
                            kind: YamlErrorKind::Syntax(cause),
                            span: self.base + span.start..self.base + span.end,
                        });
                    }
                }
                // `jalons:`, `  – date: 2013`, `  titre: A`: a dash look-alike where a
                // list's `-` was meant makes a key of the item's first line (issue 16).
                if plain && is_key && !self.in_flow() {
                    if let Some((cause, span)) =
                        super::yaml_error::look_alike_key(self.text, range.start - self.base)
                    {
                        return Err(YamlError {
                            kind: YamlErrorKind::Syntax(cause),
                            span: self.base + span.start..self.base + span.end,
                        });
                    }
                }
                // `resume: Tout processus qui engage` then `le collectif : oui est…`: a
                // value wrapped onto a line of its own, read as a key of several words.
                if plain && is_key && !self.in_flow() && value.contains(' ') {
                    let local = range.start - self.base;
                    let line = self.text[..local].rfind('\n').map_or(0, |i| i + 1);
                    let end = self.text[local..]
                        .find('\n')
                        .map_or(self.text.len(), |e| local + e);
                    if let Some((cause, span)) =
                        super::yaml_error::continuation(self.text, line..end)
                    {
                        return Err(YamlError {
                            kind: YamlErrorKind::Syntax(cause),
                            span: self.base + span.start..self.base + span.end,
                        });
                    }
                }
                // `{ membre:claire }`: a key of a flow mapping glued to its value by a
                // colon without its space; YAML reads one key with no value.
                if plain && is_key && self.in_flow() {
                    let written = self
                        .text
                        .get(range.start - self.base..range.end - self.base)
                        .unwrap_or_default();
                    if let Some((key, colon)) = glued_flow_key(written) {
                        let at = range.start + colon;
                        return Err(YamlError {
                            kind: YamlErrorKind::Syntax(Cause::NoSpaceAfterColon { key }),
                            span: at..at + 1,
                        });
                    }
                }
                // `- a` then `   - b` indented further: YAML folds the second line into
                // the first item's text (`a - b`); the indentation is what went wrong.
                if plain && matches!(self.stack.last(), Some(Frame::Seq { .. })) {
                    if let Some(dash) =
                        folded_item(self.text, range.start - self.base, range.end - self.base)
                    {
                        let at = self.base + dash;
                        return Err(YamlError {
                            kind: YamlErrorKind::Syntax(Cause::MisalignedItem),
                            span: at..at + 1,
                        });
                    }
                }
                // `lieu: "S:\Partage\Statuts"`: a Windows path between double quotes, read
                // as escapes (`\P` a paragraph separator): refused at the backslash.
                if style == ScalarStyle::DoubleQuoted {
                    if let Some((cause, span)) =
                        super::yaml_error::unmeant_escape(self.text, range.start - self.base)
                    {
                        return Err(YamlError {
                            kind: YamlErrorKind::Syntax(cause),
                            span: self.base + span.start..self.base + span.end,
                        });
                    }
                }
                // `titre: !Urgent Transparence`, `nom: &Co Mathieu Coste`: YAML reads the
                // first word as a tag or an anchor and drops it from the text (issue 16).
                // No tag is part of the format, and anchors serve only whole blocks.
                if !is_key && (anchor != 0 || tag.is_some()) {
                    return Err(self.tag_or_anchor(&value, plain, range));
                }
                self.last_plain = (plain && !is_key).then_some((value, range));
                self.define(anchor, &node);
                self.push(node)?;
            }
            Event::SequenceStart(_, anchor, _) => {
                self.open(Frame::Seq {
                    start: range.start,
                    items: Vec::new(),
                    anchor,
                })?;
            }
            Event::MappingStart(_, anchor, _) => {
                self.open(Frame::Map {
                    start: range.start,
                    entries: Vec::new(),
                    pending_key: None,
                    anchor,
                    seen: HashMap::new(),
                })?;
            }
            Event::SequenceEnd | Event::MappingEnd => self.close(range.end)?,
            Event::Alias(id) => {
                let node = self
                    .anchors
                    .iter()
                    .rev()
                    .find(|(a, _)| *a == id)
                    .map(|(_, n)| n.clone());
                if let Some(mut node) = node {
                    self.expanded += count_nodes(&node);
                    if self.expanded > ALIAS_BUDGET {
                        return Err(YamlError {
                            kind: YamlErrorKind::AliasBudget,
                            span: range,
                        });
                    }
                    // The alias stands where it is written; its content comes from the anchor.
                    node.span = range;
                    self.push(node)?;
                }
            }
            Event::Comment(text, Placement::Right) => self.comment(&text, range),
            _ => {}
        }
        Ok(())
    }

    fn comment(&mut self, text: &str, range: Range<usize>) {
        let starts_word = text.chars().next().is_some_and(|c| c.is_alphanumeric());
        let Some((kept, value_span)) = self.last_plain.take() else {
            // `- #confiance`, `resume: #important`: the comment is the whole value.
            let local = range.start - self.base;
            let line = &self.text[self.text[..local].rfind('\n').map_or(0, |i| i + 1)..local];
            let empty_value = line.trim_end().ends_with(':') || line.trim() == "-";
            if starts_word && empty_value {
                self.hashtags.push(HashtagComment {
                    span: range.clone(),
                    intended: self.text[local..range.end - self.base].to_string(),
                    kept: String::new(),
                });
            }
            return;
        };
        // `{ membre: claire } #note`: a comment after the collection that holds the value
        // cuts nothing of it.
        let gap = &self.text[value_span.end - self.base..range.start - self.base];
        let after_close = gap.contains([']', '}']);
        let same_line = !gap.contains(['\n', '\r']);
        if starts_word && same_line && !after_close {
            let intended =
                self.text[value_span.start - self.base..range.end - self.base].to_string();
            self.hashtags.push(HashtagComment {
                span: value_span.start..range.end,
                intended,
                kept,
            });
        }
    }

    /// The error for a value (`value`, at `range`) that carries a tag or an anchor: at the
    /// `!` or `&` in front of it, with the value as written, that quoted, means.
    fn tag_or_anchor(&self, value: &str, plain: bool, range: Range<usize>) -> YamlError {
        let start = range.start - self.base;
        let at = indicator_start(self.text, start).unwrap_or(start);
        let ch = self.text[at..].chars().next().unwrap_or('!');
        let prefix = self.text[at..start].split_whitespace().collect::<Vec<_>>();
        let written = if plain {
            value.to_string()
        } else {
            self.text[start..range.end - self.base].to_string()
        };
        let value = prefix
            .into_iter()
            .chain((!written.is_empty()).then_some(written.as_str()))
            .collect::<Vec<_>>()
            .join(" ");
        let key = self
            .stack
            .iter()
            .rev()
            .find_map(|f| match f {
                Frame::Map {
                    pending_key: Some(k),
                    ..
                } => Some(k.name.clone()),
                _ => None,
            })
            .unwrap_or_default();
        YamlError {
            kind: YamlErrorKind::Syntax(Cause::Indicator {
                key,
                value,
                ch,
                item: matches!(self.stack.last(), Some(Frame::Seq { .. })),
            }),
            span: self.base + at..self.base + at + ch.len_utf8(),
        }
    }

    fn define(&mut self, anchor: usize, node: &Node) {
        if anchor != 0 {
            self.anchors.push((anchor, node.clone()));
        }
    }

    fn open(&mut self, frame: Frame) -> Result<(), YamlError> {
        if self.stack.len() >= MAX_DEPTH {
            let start = match &frame {
                Frame::Seq { start, .. } | Frame::Map { start, .. } => *start,
            };
            return Err(YamlError {
                kind: YamlErrorKind::TooDeep,
                span: start..start + 1,
            });
        }
        self.last_plain = None;
        self.stack.push(frame);
        Ok(())
    }

    fn close(&mut self, end: usize) -> Result<(), YamlError> {
        let Some(frame) = self.stack.pop() else {
            return Ok(());
        };
        let (node, anchor) = match frame {
            Frame::Seq {
                start,
                items,
                anchor,
            } => (node(Value::Seq(items), start, end), anchor),
            Frame::Map {
                start,
                entries,
                anchor,
                ..
            } => (node(Value::Map(merge_keys(entries)), start, end), anchor),
        };
        self.define(anchor, &node);
        self.push(node)
    }

    fn push(&mut self, node: Node) -> Result<(), YamlError> {
        let text = self.text;
        let base = self.base;
        match self.stack.last_mut() {
            None => self.root = Some(node),
            Some(Frame::Seq { items, .. }) => items.push(node),
            Some(Frame::Map {
                entries,
                pending_key,
                seen,
                ..
            }) => match pending_key.take() {
                Some(key) => entries.push((key, node)),
                None => {
                    let name = match node.value {
                        Value::Str(s) => s,
                        Value::Null => "~".to_string(),
                        Value::Bool(b) => b.to_string(),
                        Value::Int(i) => i.to_string(),
                        Value::Float(_) => {
                            text[node.span.start - base..node.span.end - base].to_string()
                        }
                        Value::Seq(_) | Value::Map(_) => {
                            return Err(YamlError {
                                kind: YamlErrorKind::NonScalarKey,
                                span: node.span,
                            })
                        }
                    };
                    if name != "<<" {
                        if let Some(first) = seen.get(&name) {
                            return Err(YamlError {
                                kind: YamlErrorKind::DuplicateKey {
                                    key: name,
                                    first: first.clone(),
                                },
                                span: node.span,
                            });
                        }
                        seen.insert(name.clone(), node.span.clone());
                    }
                    *pending_key = Some(Key {
                        name,
                        span: node.span,
                    });
                }
            },
        }
        Ok(())
    }
}

/// The offset of the first of the `!tag` and `&anchor` words written right before the
/// scalar starting at `start` (on its line or the ones above).
fn indicator_start(text: &str, start: usize) -> Option<usize> {
    let mut found = None;
    let mut end = start;
    loop {
        let before = text[..end].trim_end();
        let word = before
            .rfind(|c: char| c.is_whitespace() || matches!(c, '[' | '{' | ','))
            .map_or(0, |i| i + 1);
        if before[word..].starts_with(['!', '&']) && word < before.len() {
            found = Some(word);
            end = word;
        } else {
            return found;
        }
    }
}

/// The offset of the `-` of a line inside the plain scalar at `start..end` of `text` that
/// starts, once indented, with `- `: a list item folded into the one before.
fn folded_item(text: &str, start: usize, end: usize) -> Option<usize> {
    let scalar = text.get(start..end)?;
    let mut offset = 0;
    for (i, line) in scalar.split('\n').enumerate() {
        if i > 0 {
            let body = line.trim_start();
            if body.starts_with("- ") || body == "-" {
                return Some(start + offset + (line.len() - body.len()));
            }
        }
        offset += line.len() + 1;
    }
    None
}

fn node(value: Value, start: usize, end: usize) -> Node {
    Node {
        value,
        span: start..end.max(start),
        plain: false,
    }
}

/// Applies YAML merge keys (`<<: *defaults`): explicit keys win over merged ones.
fn merge_keys(entries: Vec<(Key, Node)>) -> Vec<(Key, Node)> {
    if !entries.iter().any(|(k, _)| k.name == "<<") {
        return entries;
    }
    let mut out: Vec<(Key, Node)> = Vec::new();
    let mut merged: Vec<(Key, Node)> = Vec::new();
    for (key, value) in entries {
        if key.name != "<<" {
            out.push((key, value));
            continue;
        }
        let sources = match value.value {
            Value::Map(m) => vec![m],
            Value::Seq(items) => items
                .into_iter()
                .filter_map(|n| match n.value {
                    Value::Map(m) => Some(m),
                    _ => None,
                })
                .collect(),
            _ => Vec::new(),
        };
        merged.extend(sources.into_iter().flatten());
    }
    let mut names: HashSet<String> = out.iter().map(|(k, _)| k.name.clone()).collect();
    for (key, value) in merged {
        if names.insert(key.name.clone()) {
            out.push((key, value));
        }
    }
    out
}

fn count_nodes(node: &Node) -> usize {
    1 + match &node.value {
        Value::Seq(items) => items.iter().map(count_nodes).sum(),
        Value::Map(entries) => entries.iter().map(|(_, v)| 1 + count_nodes(v)).sum(),
        _ => 0,
    }
}

/// The YAML 1.2 core schema for plain scalars: null, booleans, integers, floats, else string.
/// Dates stay strings (YAML 1.2 has no timestamp type), and `no` stays `no`. Hexadecimal
/// and octal (`0x10`, `0o17`) stay strings too: nobody writes an amount so, and a number
/// field then says to write a plain decimal (issue 16).
fn resolve_plain(s: &str) -> Value {
    match s {
        "" | "~" | "null" | "Null" | "NULL" => return Value::Null,
        "true" | "True" | "TRUE" => return Value::Bool(true),
        "false" | "False" | "FALSE" => return Value::Bool(false),
        ".inf" | ".Inf" | ".INF" | "+.inf" | "+.Inf" | "+.INF" => {
            return Value::Float(f64::INFINITY)
        }
        "-.inf" | "-.Inf" | "-.INF" => return Value::Float(f64::NEG_INFINITY),
        ".nan" | ".NaN" | ".NAN" => return Value::Float(f64::NAN),
        _ => {}
    }
    let digits = s.strip_prefix(['-', '+']).unwrap_or(s);
    if !digits.is_empty() && digits.bytes().all(|b| b.is_ascii_digit()) {
        if let Ok(i) = s.parse::<i64>() {
            return Value::Int(i);
        }
    }
    if looks_like_float(digits) {
        if let Ok(f) = s.parse::<f64>() {
            return Value::Float(f);
        }
    }
    Value::Str(s.to_string())
}

fn looks_like_float(s: &str) -> bool {
    let mut seen_digit = false;
    let mut seen_dot = false;
    let mut chars = s.chars().peekable();
    while let Some(c) = chars.next() {
        match c {
            '0'..='9' => seen_digit = true,
            '.' if !seen_dot => seen_dot = true,
            'e' | 'E' if seen_digit => {
                if let Some('+' | '-') = chars.peek() {
                    chars.next();
                }
                return chars.clone().count() > 0 && chars.all(|c| c.is_ascii_digit());
            }
            _ => return false,
        }
    }
    seen_digit
}

/// Converts a parser position to a byte offset in `text`.
fn byte_of(text: &str, byte: Option<usize>, chars: usize) -> usize {
    match byte {
        Some(b) => b.min(text.len()),
        None => text
            .char_indices()
            .nth(chars)
            .map_or(text.len(), |(i, _)| i),
    }
}

fn next_char_end(text: &str, at: usize) -> usize {
    text[at..].chars().next().map_or(at, |c| at + c.len_utf8())
}

impl Node {
    /// The child at a mapping key.
    pub fn get(&self, key: &str) -> Option<&Node> {
        match &self.value {
            Value::Map(entries) => entries.iter().find(|(k, _)| k.name == key).map(|(_, v)| v),
            _ => None,
        }
    }

    /// The key itself (for "unknown key" errors).
    pub fn key(&self, key: &str) -> Option<&Key> {
        match &self.value {
            Value::Map(entries) => entries.iter().find(|(k, _)| k.name == key).map(|(k, _)| k),
            _ => None,
        }
    }

    pub fn as_str(&self) -> Option<&str> {
        match &self.value {
            Value::Str(s) => Some(s),
            _ => None,
        }
    }

    /// A scalar as text, whatever YAML made of it (`version: 3` → `"3"`).
    pub fn scalar_text(&self) -> Option<Cow<'_, str>> {
        match &self.value {
            Value::Str(s) => Some(Cow::Borrowed(s)),
            Value::Int(i) => Some(Cow::Owned(i.to_string())),
            Value::Float(f) => Some(Cow::Owned(f.to_string())),
            Value::Bool(b) => Some(Cow::Owned(b.to_string())),
            _ => None,
        }
    }

    pub fn as_f64(&self) -> Option<f64> {
        match self.value {
            Value::Int(i) => Some(i as f64),
            Value::Float(f) => Some(f),
            _ => None,
        }
    }

    pub fn as_i64(&self) -> Option<i64> {
        match self.value {
            Value::Int(i) => Some(i),
            _ => None,
        }
    }

    pub fn as_seq(&self) -> &[Node] {
        match &self.value {
            Value::Seq(items) => items,
            _ => &[],
        }
    }

    pub fn entries(&self) -> &[(Key, Node)] {
        match &self.value {
            Value::Map(entries) => entries,
            _ => &[],
        }
    }

    /// Follows a JSON pointer (`/flux/3/valeur`) to a node.
    pub fn pointer(&self, pointer: &str) -> Option<&Node> {
        let mut node = self;
        for token in pointer.split('/').skip(1) {
            let token = token.replace("~1", "/").replace("~0", "~");
            node = match &node.value {
                Value::Map(entries) => entries
                    .iter()
                    .find(|(k, _)| k.name == token)
                    .map(|(_, v)| v)?,
                Value::Seq(items) => items.get(token.parse::<usize>().ok()?)?,
                _ => return None,
            };
        }
        Some(node)
    }

    /// Converts to JSON for schema validation. Non-finite floats become strings, which the
    /// schema then rejects with a type error at the right place.
    pub fn to_json(&self) -> serde_json::Value {
        use serde_json::Value as J;
        match &self.value {
            Value::Null => J::Null,
            Value::Bool(b) => J::Bool(*b),
            Value::Int(i) => J::from(*i),
            Value::Float(f) => {
                serde_json::Number::from_f64(*f).map_or_else(|| J::String(f.to_string()), J::Number)
            }
            Value::Str(s) => J::String(s.clone()),
            Value::Seq(items) => J::Array(items.iter().map(Node::to_json).collect()),
            Value::Map(entries) => J::Object(
                entries
                    .iter()
                    .map(|(k, v)| (k.name.clone(), v.to_json()))
                    .collect(),
            ),
        }
    }
}

/// `membre:claire`, a key of a flow mapping as YAML read it: a key-like word (a letter,
/// then letters, digits or `_`), a colon, then text with no space after the colon (a URL's
/// `//` is text). The word and the colon's offset.
fn glued_flow_key(key: &str) -> Option<(String, usize)> {
    let (word, rest) = key.split_once(':')?;
    let keyish = word.starts_with(char::is_alphabetic)
        && word.chars().all(|c| c.is_alphanumeric() || c == '_');
    (keyish && !rest.is_empty() && !rest.starts_with([' ', '/', ':']))
        .then(|| (word.to_string(), word.len()))
}

#[cfg(test)]
mod tests {
    use super::*;

    fn root(text: &str) -> Node {
        parse(text, 0).expect("valid yaml").root.expect("a root")
    }

    #[test]
    fn spans_point_at_values_and_keys() {
        let text = "titre: Transparence\nflux:\n  - de: a\n    valeur: 12\n";
        let node = root(text);
        let valeur = node.pointer("/flux/0/valeur").expect("pointer");
        assert_eq!(&text[valeur.span.clone()], "12");
        assert_eq!(valeur.value, Value::Int(12));
        let key = node.key("flux").expect("key");
        assert_eq!(&text[key.span.clone()], "flux");
    }

    #[test]
    fn quoted_spans_cover_the_quotes() {
        let text = "titre: \"Le #CodeSocial\"\n";
        let titre = root(text).get("titre").cloned().expect("titre");
        assert_eq!(&text[titre.span], "\"Le #CodeSocial\"");
    }

    #[test]
    fn core_schema_keeps_dates_and_norway_as_strings() {
        let node = root("d: 2021-03-12\nn: no\ni: 3\nf: 2.5\nb: true\nz: ~\n");
        assert_eq!(
            node.get("d").map(|n| &n.value),
            Some(&Value::Str("2021-03-12".into()))
        );
        assert_eq!(
            node.get("n").map(|n| &n.value),
            Some(&Value::Str("no".into()))
        );
        assert_eq!(node.get("i").map(|n| &n.value), Some(&Value::Int(3)));
        assert_eq!(node.get("f").map(|n| &n.value), Some(&Value::Float(2.5)));
        assert_eq!(node.get("b").map(|n| &n.value), Some(&Value::Bool(true)));
        assert_eq!(node.get("z").map(|n| &n.value), Some(&Value::Null));
    }

    #[test]
    fn duplicate_key_is_reported_at_the_second_key() {
        let text = "titre: a\nstatut: adopte\ntitre: b\n";
        let err = parse(text, 0).expect_err("duplicate");
        assert_eq!(&text[err.span.clone()], "titre");
        assert_eq!(err.span.start, 24);
        assert!(matches!(
            err.kind,
            YamlErrorKind::DuplicateKey { ref first, .. } if *first == (0..5)
        ));
    }

    #[test]
    fn billion_laughs_is_rejected() {
        let mut text = String::from("a: &a [x, x, x, x, x, x, x, x, x, x]\n");
        for i in 0..9 {
            let prev = (b'a' + i) as char;
            let next = (b'a' + i + 1) as char;
            text.push_str(&format!("{next}: &{next} [*{prev}, *{prev}, *{prev}, *{prev}, *{prev}, *{prev}, *{prev}, *{prev}, *{prev}, *{prev}]\n"));
        }
        let err = parse(&text, 0).expect_err("budget");
        assert_eq!(err.kind, YamlErrorKind::AliasBudget);
    }

    #[test]
    fn deep_nesting_is_rejected() {
        let text = format!("{}{}", "[".repeat(200), "]".repeat(200));
        let err = parse(&text, 0).expect_err("too deep");
        assert!(matches!(
            err.kind,
            YamlErrorKind::TooDeep | YamlErrorKind::Syntax(_)
        ));
    }

    #[test]
    fn hashtag_comment_is_noticed() {
        let doc = parse(
            "titre: Le #CodeSocial de ChezNous\nautre: a # un vrai commentaire\n",
            0,
        )
        .expect("yaml");
        assert_eq!(doc.hashtag_comments.len(), 1);
        assert_eq!(doc.hashtag_comments[0].kept, "Le");
        assert_eq!(
            doc.hashtag_comments[0].intended,
            "Le #CodeSocial de ChezNous"
        );
    }

    #[test]
    fn base_offset_is_added() {
        let doc = parse("a: 1\n", 4).expect("yaml");
        let a = doc.root.expect("root");
        assert_eq!(a.get("a").map(|n| n.span.clone()), Some(7..8));
    }

    #[test]
    fn tags_and_anchors_on_values_are_refused_at_their_mark() {
        for (text, mark, value) in [
            (
                "titre: !Urgent Transparence des processus\n",
                7,
                "!Urgent Transparence des processus",
            ),
            ("nom: &Co Mathieu Coste\n", 5, "&Co Mathieu Coste"),
            ("l:\n  - !x a\n", 7, "!x a"),
            ("l: [&a b, c]\n", 4, "&a b"),
            ("t: !!str 12\n", 3, "!!str 12"),
            ("t: &a !x \"q\"\n", 3, "&a !x \"q\""),
            ("t: !Urgent\n", 3, "!Urgent"),
        ] {
            let err = parse(text, 10).expect_err(text);
            assert_eq!(err.span, 10 + mark..11 + mark, "{text}");
            match err.kind {
                YamlErrorKind::Syntax(Cause::Indicator { value: v, .. }) => {
                    assert_eq!(v, value, "{text}")
                }
                other => panic!("{text}: {other:?}"),
            }
        }
    }

    /// What YAML 1.2 (§5.7) reads between double quotes, by the spec's table, and the
    /// escapes a document means (see `load::quoted`): the text, or the byte offset of the
    /// first escape that is malformed, unknown, or one nobody means in a document.
    fn spec(s: &str) -> Result<String, usize> {
        let mut out = String::new();
        let mut i = 0;
        // The project's rule over YAML's: in a value opening like a Windows path, only
        // `\\` and `\"` are escapes (issue 16).
        let b = s.as_bytes();
        let path = b.len() >= 3 && b[0].is_ascii_alphabetic() && b[1] == b':' && b[2] == b'\\';
        let hex = |from: usize, n: usize| {
            s.get(from..from + n)
                .filter(|h| h.chars().all(|c| c.is_ascii_hexdigit()))
                .and_then(|h| u32::from_str_radix(h, 16).ok())
        };
        while let Some(c) = s[i..].chars().next() {
            if c != '\\' {
                out.push(c);
                i += c.len_utf8();
                continue;
            }
            if path && !matches!(s[i + 1..].chars().next(), Some('\\' | '"')) {
                return Err(i);
            }
            let (ch, len) = match s[i + 1..].chars().next() {
                Some('\\') => ('\\', 2),
                Some('"') => ('"', 2),
                Some('/') => ('/', 2),
                Some('n') => ('\n', 2),
                Some('t') => ('\t', 2),
                Some('b') => ('\u{8}', 2),
                Some('f') => ('\u{c}', 2),
                Some('r') => ('\r', 2),
                Some(' ') => (' ', 2),
                Some('x') => match hex(i + 2, 2).and_then(char::from_u32) {
                    Some(c) => (c, 4),
                    None => return Err(i),
                },
                Some('U') => match hex(i + 2, 8).and_then(char::from_u32) {
                    Some(c) => (c, 10),
                    None => return Err(i),
                },
                Some('u') => match hex(i + 2, 4) {
                    Some(h @ 0xD800..=0xDBFF) => {
                        let low = s[i + 6..]
                            .starts_with("\\u")
                            .then(|| hex(i + 8, 4))
                            .flatten()
                            .filter(|l| (0xDC00..=0xDFFF).contains(l));
                        match low.and_then(|l| {
                            char::from_u32(0x10000 + ((h - 0xD800) << 10) + (l - 0xDC00))
                        }) {
                            Some(c) => (c, 12),
                            None => return Err(i),
                        }
                    }
                    Some(h) => match char::from_u32(h) {
                        Some(c) => (c, 6),
                        None => return Err(i),
                    },
                    None => return Err(i),
                },
                // `\0 \a \e \v \N \_ \L \P`: valid YAML nobody means in a
                // document; anything else: no escape at all.
                _ => return Err(i),
            };
            out.push(ch);
            i += len;
        }
        Ok(out)
    }

    proptest::proptest! {
        /// A double-quoted value loads to what YAML 1.2 says, or is an error at its first
        /// unmeant escape, whose column counts the characters of the line (issue 16).
        #[test]
        fn double_quoted_values_load_as_yaml_says_or_fail_at_the_backslash(
            parts in proptest::collection::vec(proptest::sample::select(vec![
                "C:", "a", "é", "S", ":", " ", "P", "n", "u", "0", "e", "9", "x", "4", "1", "D",
                "E", "#", "\\\\", "\\\"", "\\n", "\\t", "\\/", "\\ ", "\\P", "\\L", "\\N",
                "\\_", "\\a", "\\0", "\\e", "\\r", "\\b", "\\f", "\\v", "\\S", "\\q", "\\é", "\\u00e9", "\\u00E9",
                "\\x41", "\\U0001F600", "\\uD83D\\uDE00", "\\uD83D", "\\uDE00", "\\u00",
                "\\x4", "\\U0001", "\\u",
            ]), 0..12)
        ) {
            let s: String = parts.concat();
            let prefix = "résumé: \"";
            let text = format!("titre: Écoute\n{prefix}{s}\"\n");
            let base = 3;
            let at = "titre: Écoute\n".len() + prefix.len();
            match (spec(&s), parse(&text, base)) {
                (Ok(expected), Ok(doc)) => {
                    let root = doc.root.expect("root");
                    let value = root.get("résumé").and_then(Node::as_str).map(str::to_string);
                    proptest::prop_assert_eq!(value, Some(crate::slug::nfc(&expected).into_owned()), "{}", text);
                }
                (Err(bad), Err(err)) => {
                    proptest::prop_assert!(
                        matches!(err.kind, YamlErrorKind::Syntax(Cause::Escape { .. })),
                        "{:?} for {}", err.kind, text
                    );
                    proptest::prop_assert_eq!(err.span.start, base + at + bad, "{}", text);
                    let lines = crate::diag::LineIndex::new(&text);
                    let column = "résumé: \"".chars().count() + s[..bad].chars().count() + 1;
                    proptest::prop_assert_eq!(lines.position(&text, err.span.start - base), (2, column));
                }
                (spec, parsed) => proptest::prop_assert!(false, "{}: spec {:?}, parsed {:?}", text, spec, parsed),
            }
        }
    }

    #[test]
    fn merge_keys_merge() {
        let node = root("base: &b {x: 1, y: 2}\nobj:\n  <<: *b\n  y: 3\n");
        let obj = node.get("obj").expect("obj");
        assert_eq!(obj.get("x").map(|n| &n.value), Some(&Value::Int(1)));
        assert_eq!(obj.get("y").map(|n| &n.value), Some(&Value::Int(3)));
    }
}
