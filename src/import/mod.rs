//! `codesocial import`: an organisation's existing #CodeSocial document — one long
//! Markdown file, a CMS page, a word-processor file — becomes a repository of the format.
//!
//! The stages, each its own module: [`source`] reads the file (pandoc for `.docx`/`.odt`),
//! [`clean`] removes what is not content (shortcodes, CMS artefacts), [`html`] turns a web
//! page into Markdown, [`outline`] finds the chapters by their headings through the one
//! recognition table of [`chapters`], [`layout`] puts each chapter in its file,
//! [`extract`], [`people`] and [`meta`] lift the structured data the text states, [`links`]
//! repairs the links the split broke, and [`write`] writes the files; [`report`] says what
//! went where. Nothing is invented: every sentence of the source lands in exactly one
//! file, and where the format requires what the document does not say (an author, an
//! éditeur, an amendment rule) the least-invented answer is written and reported.

pub mod assets;
pub mod blocks;
pub mod chapters;
pub mod clean;
pub mod controls;
pub mod dates;
pub mod defs;
pub mod extract;
pub mod frontmatter;
pub mod html;
pub mod ids;
pub mod layout;
pub mod links;
pub mod members;
pub mod meta;
pub mod odt;
pub mod outline;
pub mod pasted_notes;
pub mod people;
pub mod properties;
pub mod report;
pub mod shortcodes;
pub mod source;
mod write;
mod yaml_out;

use std::collections::HashMap;

use crate::i18n::Lang;
use crate::init::File;

use crate::i18n::import::{LangFrom, NameFrom, Words};
use extract::{Jalon, List};
use layout::Layout;
pub use members::Member;
use meta::{Facts, Meta};
use outline::Outline;
use people::Unread;
use report::{MemberRow, Report};
use shortcodes::Mode;
use source::{Document, Format, Properties};

/// What the import is asked for, settled from the arguments.
#[derive(Debug, Clone)]
pub struct Options {
    /// `--nom`.
    pub nom: Option<String>,
    /// `--langue`: the site's language and the report's.
    pub langue: Option<Lang>,
    /// The target folder's name, the last resort for the organisation's name.
    pub folder_name: Option<String>,
    /// The language of `IMPORT.md` when `--langue` is not given.
    pub report_lang: Lang,
    /// The source's file name, as the report and the commit name it.
    pub source_name: String,
    /// The source's path from the target folder, when it lies inside it.
    pub source_inside: Option<String>,
    /// `YYYY-MM-DD`.
    pub date: String,
}

/// Why nothing can be imported.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Refusal {
    /// Nothing is left once the layout is removed.
    NoText,
    /// No name anywhere: not given, not in the document, no folder name.
    NoName,
    /// `--nom` gives no identifier or holds a control character.
    BadName(String),
    /// A file to write would weigh `size` bytes, more than the `limit` that `check` reads
    /// ([`crate::load::source::max_file_size`]): the chapter must be split.
    TooLarge { file: String, size: u64, limit: u64 },
}

/// The repository to write.
#[derive(Debug, Clone)]
pub struct Imported {
    pub nom: String,
    pub id: String,
    /// Every file, `IMPORT.md` last.
    pub files: Vec<File>,
    /// The images and documents copied in, under `medias/`.
    pub assets: Vec<assets::Asset>,
    pub report: Report,
    /// The report's language.
    pub report_lang: Lang,
}

/// Everything the files are written from.
#[derive(Debug, Clone)]
pub struct Content {
    pub nom: String,
    pub id: String,
    pub langue: Lang,
    pub facts: Facts,
    pub layout: Layout,
    pub lists: Vec<List>,
    pub jalons: Vec<Jalon>,
    pub informations: Vec<(&'static str, String)>,
    pub members: Vec<Member>,
    /// What followed a people cue without being read as a name.
    pub unread_names: Vec<Unread>,
    /// Labelled lines of the informations whose value was not read (`Licence : libre`).
    pub unread_facts: Vec<(&'static str, String)>,
    /// The `simple` rule's method, when the document names one.
    pub methode: Option<&'static str>,
    /// The methods an amendment chapter names when it names several or negates one.
    pub methodes_named: Vec<&'static str>,
    /// The majority a vote needs, as the chapter names it (`unanimité`, `qualifiée`, `2/3`).
    pub majorite: Option<String>,
    /// The body the chapter says decides (`ca`, “Conseil d'administration”), declared as an
    /// instance of `modification.md`.
    pub instance: Option<(&'static str, &'static str)>,
    /// The amendment chapter's heading, when it has text and no way to decide was read
    /// from it: the rule written is a default, and the report says so.
    pub rule_unread: Option<String>,
    pub source_name: String,
}

/// Imports a document read by [`source::read`].
pub fn import(doc: &Document, opts: &Options) -> Result<Imported, Refusal> {
    let prepared = prepare(doc);
    if outline::plain_text(&prepared.markdown).trim().is_empty() {
        return Err(Refusal::NoText);
    }
    let mut outline = outline::split(&prepared.markdown);
    if let Some(title) = &prepared.document_title {
        with_title(&mut outline, title);
    }
    let meta = prepared
        .front
        .as_ref()
        .map(meta::from_front_matter)
        .unwrap_or_default();
    let (nom, nom_from) = organisation_name(opts, &meta, &outline, prepared.html_title.as_deref())?;
    let id = crate::slug::slugify(&nom);
    let (langue, langue_from) = match (opts.langue, meta.langue) {
        (Some(l), _) => (l, LangFrom::Option),
        (None, Some(l)) => (l, LangFrom::FrontMatter),
        (None, None) => (
            meta::detect_language(&outline::plain_text(&prepared.markdown)),
            LangFrom::Detected,
        ),
    };
    // A title that goes on after the name it gives (a subtitle, a legal form) keeps its
    // words: they open the text of `informations.md`.
    let subtitle = outline
        .title
        .as_ref()
        .filter(|t| {
            nom_from == NameFrom::Title
                && !layout::carries_inline(t.source.trim_start_matches('#').trim())
        })
        .and_then(|t| name_and_subtitle(&t.text))
        .and_then(|(_, subtitle)| subtitle);
    let mut content = content(&outline, &meta, nom, id, langue, opts, subtitle.as_deref());
    let mut bodies = write::bodies(&content);
    jalon_notes(&mut content.jalons, &mut bodies);
    item_notes(&mut content.lists, &mut bodies);
    let lifted = lifted_notes(&mut content, &mut bodies);
    defs::distribute(&mut bodies);
    let aliases: HashMap<String, String> = prepared.aliases.iter().cloned().collect();
    let mut shelf = assets::Shelf::new(doc.assets.clone());
    let mut order: Vec<String> = Vec::new();
    let mut ordered: std::collections::HashSet<&str> = std::collections::HashSet::new();
    for row in &content.layout.rows {
        if ordered.insert(row.path.as_str()) {
            order.push(row.path.clone());
        }
    }
    // Headings that left the text still name where their content went: a list's
    // heading (`#enjeux`) the raison d'être that holds the list, the document's title
    // the home (the raison d'être too).
    let mut titles = write::titles(&content);
    titles.extend(
        content
            .lists
            .iter()
            .map(|l| ("raison-d-etre.md".to_string(), l.label.clone())),
    );
    titles.extend(
        outline
            .title
            .iter()
            .map(|t| ("raison-d-etre.md".to_string(), t.text.clone())),
    );
    let fixed = links::fix(&mut bodies, &titles, &aliases, &order, &mut shelf);
    let assets = shelf.into_assets();
    for (_, body) in bodies.iter_mut().filter(|(p, _)| p.ends_with(".md")) {
        *body = clean::without_empty_headings(body);
    }
    write::set_bodies(&mut content, bodies);
    let mut files = write::files(&content);
    let report = Report {
        source: opts.source_name.clone(),
        format: doc.format,
        date: opts.date.clone(),
        nom: content.nom.clone(),
        nom_from,
        title: outline.title.as_ref().map(|t| t.text.clone()),
        subtitle,
        langue,
        langue_from,
        rows: content.layout.rows.clone(),
        dropped: content.layout.dropped.clone(),
        opened: content.layout.opened.clone(),
        lifted_notes: lifted,
        jalons: content.jalons.len(),
        lists: content
            .lists
            .iter()
            .map(|l| (l.key, l.items.len(), l.label.clone()))
            .collect(),
        informations: content.informations.iter().map(|(k, _)| *k).collect(),
        facts: content.facts.keys(),
        plans: write::plan_decls(&content),
        uncovered: uncovered(&content.layout),
        members: content.members.iter().map(member_row).collect(),
        methode: content.methode,
        methodes_named: content.methodes_named.clone(),
        majorite: content.majorite.clone(),
        instance: content.instance,
        rule_unread: content.rule_unread.clone(),
        empty: empty_files(&content),
        links: fixed,
        unread: meta
            .unread
            .iter()
            .chain(&prepared.unread)
            .chain(
                meta.title_source
                    .iter()
                    .filter(|_| nom_from != NameFrom::FrontMatterTitle),
            )
            .cloned()
            .collect(),
        authors: prepared.properties.authors.clone(),
        other_title: prepared.properties.other_title.clone(),
        described: prepared.properties.described.clone(),
        comments: prepared.properties.comments,
        changes: prepared.properties.changes,
        shortcodes: prepared.shortcodes,
        artefacts: prepared.artefacts,
        furniture: prepared.dropped,
        unread_names: content.unread_names.clone(),
        unread_facts: content.unread_facts.clone(),
        front_unread_facts: meta.unread_facts.clone(),
        flattened: prepared.flattened,
        controls: doc.controls,
        copied: assets
            .iter()
            .map(|a| (a.from.clone(), a.path.clone()))
            .collect(),
        source_inside: opts.source_inside.clone(),
        beside: None,
        capital_headings: prepared.capital_headings.clone(),
        frames: frames(&files),
    };
    let report_lang = opts.langue.unwrap_or(opts.report_lang);
    files.push(File {
        path: "IMPORT.md".into(),
        contents: report.render(report_lang),
    });
    within_limit(&files, crate::load::source::max_file_size())?;
    Ok(Imported {
        nom: content.nom,
        id: content.id,
        files,
        assets,
        report,
        report_lang,
    })
}

/// The embedded frames (`<iframe>`) each written text keeps, by their address
/// (`src`), for the report: the site does not show them.
fn frames(files: &[File]) -> Vec<(String, Vec<String>)> {
    files
        .iter()
        .filter(|f| f.path.ends_with(".md"))
        .filter_map(|f| {
            // ASCII lowercasing keeps every byte where it was: the address is read in the
            // text as written.
            let lower = f.contents.to_ascii_lowercase();
            let sources: Vec<String> = lower
                .match_indices("<iframe")
                .map(|(at, _)| {
                    let tag = &f.contents[at..];
                    let tag = &tag[..tag.find('>').unwrap_or(tag.len())];
                    attribute(tag, "src").unwrap_or_else(|| "<iframe>".to_string())
                })
                .collect();
            (!sources.is_empty()).then(|| (f.path.clone(), sources))
        })
        .collect()
}

/// The value of attribute `name` in an HTML start tag, quoted or not; typographic quotes
/// too (`src=“…”`), as a word processor writes a tag typed in its text and pandoc gives it.
fn attribute(tag: &str, name: &str) -> Option<String> {
    let lower = tag.to_ascii_lowercase();
    let at = lower
        .match_indices(name)
        .find(|(i, _)| tag[..*i].ends_with(char::is_whitespace))
        .map(|(i, _)| i + name.len())?;
    let rest = tag[at..].trim_start().strip_prefix('=')?.trim_start();
    let value = match rest.chars().next()? {
        q @ ('"' | '\'') => rest[1..].split(q).next()?,
        q @ ('“' | '”' | '«') => rest[q.len_utf8()..].split(['”', '“', '»']).next()?.trim(),
        q @ ('‘' | '’') => rest[q.len_utf8()..].split(['’', '‘']).next()?,
        _ => rest.split(|c: char| c.is_whitespace() || c == '>').next()?,
    };
    (!value.is_empty()).then(|| value.to_string())
}

/// A web page's title paragraph ([`html::Page::document_title`]) is the document's title
/// when the Markdown has no title heading; otherwise it opens the preamble, as text.
fn with_title(outline: &mut Outline, title: &str) {
    if outline.title.is_none() {
        outline.title = Some(outline::Heading {
            level: 1,
            text: chapters::visible(title),
            source: chapters::visible(title),
            range: 0..0,
            pseudo: false,
        });
    } else {
        outline.preamble = outline::tidy(&format!("{title}\n\n{}", outline.preamble));
    }
}

/// Refuses a repository `check` would not read: a file over `limit` bytes (a 10 MiB
/// chapter). The largest is named.
fn within_limit(files: &[File], limit: u64) -> Result<(), Refusal> {
    let largest = files.iter().max_by_key(|f| f.contents.len());
    match largest {
        Some(f) if f.contents.len() as u64 > limit => Err(Refusal::TooLarge {
            file: f.path.clone(),
            size: f.contents.len() as u64,
            limit,
        }),
        _ => Ok(()),
    }
}

/// The document as clean Markdown, with its front matter and what was left out of it.
struct Prepared {
    front: Option<frontmatter::FrontMatter>,
    markdown: String,
    html_title: Option<String>,
    /// A web page's title paragraph.
    document_title: Option<String>,
    shortcodes: usize,
    artefacts: usize,
    /// A web page's furniture, dropped.
    dropped: Vec<html::Dropped>,
    /// Tags of a web page nested too deep, dropped (their text kept).
    flattened: usize,
    /// `(id, anchor)`: explicit ids of headings, which links may use.
    aliases: Vec<(String, String)>,
    /// A word-processor file's title, authors, comments and tracked changes.
    properties: Properties,
    /// The metadata pandoc gave that has no place (a date, a subtitle), as written.
    unread: Vec<String>,
    /// Numbered capital lines of a plain-text document read as chapter headings.
    capital_headings: Vec<String>,
}

fn prepare(doc: &Document) -> Prepared {
    match doc.format {
        Format::Html => {
            let cleaned = clean::clean(&doc.text, Mode::Html);
            let page = html::to_markdown(&cleaned.text);
            let again = clean::clean(&page.markdown, Mode::Markdown);
            let mut aliases = page.aliases;
            aliases.extend(again.aliases);
            Prepared {
                front: None,
                markdown: again.text,
                html_title: page.title,
                document_title: page.document_title,
                shortcodes: cleaned.shortcodes + again.shortcodes,
                artefacts: cleaned.artefacts + again.artefacts,
                dropped: page.dropped,
                flattened: page.flattened,
                aliases,
                properties: Properties::default(),
                unread: Vec::new(),
                capital_headings: Vec::new(),
            }
        }
        Format::Docx | Format::Odt => {
            // pandoc's front matter is the file's metadata, not one its authors wrote:
            // its title may name the organisation, its authors are listed for review.
            let (front, rest) = frontmatter::split(&doc.text);
            let mut properties = doc.properties.clone();
            let mut unread = Vec::new();
            let (mut title, mut authors) = (None, Vec::new());
            for entry in front.iter().flat_map(|f| f.entries.iter()) {
                match chapters::fold(&entry.key).as_str() {
                    "title" => title = entry.values.first().cloned(),
                    "author" => authors.extend(entry.values.iter().cloned()),
                    _ => unread.push(entry.source.clone()),
                }
            }
            unread.extend(front.iter().flat_map(|f| f.unread.iter().cloned()));
            properties.complete(title, authors);
            let cleaned = clean::clean(&pasted_notes::convert(rest), Mode::Markdown);
            // A Word bookmark stands for the heading (or text) of its paragraph.
            let mut aliases = cleaned.aliases;
            aliases.extend(
                properties.bookmarks.iter().map(|(name, text)| {
                    (name.clone(), crate::slug::anchor(&chapters::visible(text)))
                }),
            );
            Prepared {
                front: None,
                markdown: cleaned.text,
                html_title: None,
                document_title: properties.title.clone(),
                shortcodes: cleaned.shortcodes,
                artefacts: cleaned.artefacts,
                dropped: Vec::new(),
                flattened: 0,
                aliases,
                properties,
                unread,
                capital_headings: Vec::new(),
            }
        }
        Format::Markdown => {
            let (front, rest) = frontmatter::split(&doc.text);
            // A web page's notes pasted into the Markdown: converted as in an HTML source.
            let rest = pasted_notes::convert(rest);
            let cleaned = clean::clean(&rest, Mode::Markdown);
            let (markdown, capital_headings) = outline::capital_headings(&cleaned.text);
            Prepared {
                front,
                markdown,
                html_title: None,
                document_title: None,
                shortcodes: cleaned.shortcodes,
                artefacts: cleaned.artefacts,
                dropped: Vec::new(),
                flattened: 0,
                aliases: cleaned.aliases,
                properties: Properties::default(),
                unread: Vec::new(),
                capital_headings,
            }
        }
    }
}

/// The organisation's name, in this order of preference (docs/import.md, "Ce qui est
/// déduit"): `--nom`; the front matter's `nom`/`organisation`; its `titre`/`title`; the
/// document's title (its title heading, or a web page's title paragraph); the web page's
/// `<title>`; the folder's name. A title gives the name it states ("Code social de la
/// Coop" → "la Coop"), or, when it does not name the #CodeSocial at all, its whole text;
/// a `<title>`, which also names the site, only the name it states.
fn organisation_name(
    opts: &Options,
    meta: &Meta,
    outline: &Outline,
    html_title: Option<&str>,
) -> Result<(String, NameFrom), Refusal> {
    if let Some(nom) = &opts.nom {
        let nom = nom.trim().to_string();
        return if usable(&nom) {
            Ok((nom, NameFrom::Option))
        } else {
            Err(Refusal::BadName(nom))
        };
    }
    let candidates = [
        (meta.nom.clone(), NameFrom::FrontMatter),
        (
            meta.title.as_deref().and_then(name_in_title),
            NameFrom::FrontMatterTitle,
        ),
        (
            outline
                .title
                .as_ref()
                .and_then(|t| name_in_title(&t.text))
                .map(|n| outline::sentence_case(&n, &outline.spellings)),
            NameFrom::Title,
        ),
        (
            html_title.and_then(chapters::organisation_in_title),
            NameFrom::HtmlTitle,
        ),
        (opts.folder_name.clone(), NameFrom::Folder),
    ];
    candidates
        .into_iter()
        .find_map(|(nom, from)| {
            nom.map(|n| chapters::visible(&n).trim().to_string())
                .filter(|n| usable(n))
                .map(|n| (n, from))
        })
        .ok_or(Refusal::NoName)
}

/// The name a title gives: the one it states ("Code social de X"), else the whole title
/// when it does not name the #CodeSocial ("Notre Code Social" names no organisation).
fn name_in_title(title: &str) -> Option<String> {
    name_and_subtitle(title).map(|(name, _)| name)
}

/// [`name_in_title`], and the subtitle the title goes on with after the name
/// ([`chapters::without_subtitle`]), kept as text.
fn name_and_subtitle(title: &str) -> Option<(String, Option<String>)> {
    chapters::organisation_and_subtitle(title).or_else(|| {
        (!chapters::fold(title).contains("codesocial")).then(|| {
            match chapters::without_subtitle(title) {
                (name, subtitle) if usable(name) => (name.to_string(), subtitle),
                _ => (title.to_string(), None),
            }
        })
    })
}

fn usable(nom: &str) -> bool {
    !nom.chars().any(char::is_control)
        && !crate::slug::slugify(nom).is_empty()
        && nom.chars().count() <= 200
}

/// Places the chapters and lifts the structured data out of them.
fn content(
    outline: &Outline,
    meta: &Meta,
    nom: String,
    id: String,
    langue: Lang,
    opts: &Options,
    subtitle: Option<&str>,
) -> Content {
    let mut layout = layout::place(outline, langue);
    if let Some(subtitle) = subtitle {
        let doc = layout.informations.get_or_insert_with(layout::Doc::default);
        doc.body = format!("{subtitle}\n\n{}", doc.body);
    }
    // The document's title is plain text in the manifest: a link or a note call it
    // carries opens the home's text (the raison d'être) with the title as written.
    if let Some(title) = outline.title.as_ref() {
        let source = title.source.trim_start_matches('#').trim();
        if layout::carries_inline(source) {
            layout.raison.body = format!("{source}\n\n{}", layout.raison.body);
            layout.opened.push(title.text.clone());
        }
    }
    let (raison, lists) = extract::raison_lists(&layout.raison.body);
    layout.raison.body = raison;
    // A milestone's title leaves the body and its link definitions: its links by
    // reference are written inline first, when the chapter has milestones.
    let (histoire, jalons) = match extract::jalons(&layout.histoire.body) {
        (_, found) if !found.is_empty() => {
            extract::jalons(&links::inline_references(&layout.histoire.body))
        }
        none => none,
    };
    layout.histoire.body = histoire;
    let mut informations = meta.informations.clone();
    let mut facts = meta.facts.clone();
    let mut unread_facts = Vec::new();
    if let Some(doc) = &mut layout.informations {
        unread_facts = meta::unread_facts_in_body(&doc.body);
        // A field the front matter gives keeps its line in the text; a value taken into
        // the front matter or the manifest leaves it: each is written once.
        let (body, found) =
            extract::informations_with(&doc.body, &meta.informations, &mut |line| {
                meta::take_fact(&mut facts, line)
            });
        doc.body = body;
        informations.extend(found);
    }
    // Values lifted out of the front matter have their file even when no chapter of the
    // document gives its text: every value lifted is written where the report says.
    if !informations.is_empty() && layout.informations.is_none() {
        layout.informations = Some(layout::Doc::default());
    }
    let (members, unread_names) = members::members(&layout, &meta.people, &nom, &id);
    let (methodes_named, negated) = amendment_methods(&layout.modification.body);
    let methode = amendment_method(&methodes_named, negated);
    // Several methods, or one negated: the rule is the reader's to write.
    let methodes_named = if methode.is_none() && (methodes_named.len() > 1 || negated) {
        methodes_named
    } else {
        Vec::new()
    };
    let modification = &layout.modification;
    let majorite =
        amendment_majority(&modification.body, langue).filter(|_| methode == Some("vote"));
    let instance = amendment_instance(&modification.body, langue);
    let stated = modification.body.chars().any(char::is_alphanumeric);
    let rule_unread = (stated && methode.is_none() && methodes_named.is_empty()).then(|| {
        modification
            .heading
            .clone()
            .unwrap_or_else(|| Words::ModificationTitle.text_in(langue))
    });
    Content {
        nom,
        id,
        langue,
        facts,
        layout,
        lists,
        jalons,
        informations,
        members,
        unread_names,
        unread_facts,
        methode,
        methodes_named,
        majorite,
        instance,
        rule_unread,
        source_name: opts.source_name.clone(),
    }
}

/// The footnote calls of values lifted out of the text — an informations field, a fact
/// of the manifest, an element of `enjeux`/`objectifs`/`missions`, a member's name —
/// leave the value; the note, when no text calls it any more, ends the text of the file
/// that received the value. Returns `(file, field, note)` for the report.
fn lifted_notes(
    content: &mut Content,
    bodies: &mut [(String, String)],
) -> Vec<(String, String, String)> {
    let mut calls: Vec<(String, String, String)> = Vec::new();
    let mut strip = |value: &mut String, path: &str, field: &str| {
        let (plain, labels) = defs::without_marks(value);
        *value = plain;
        for l in labels {
            calls.push((l, path.to_string(), field.to_string()));
        }
    };
    for (key, value) in &mut content.informations {
        strip(value, "informations.md", key);
    }
    let facts_home = if content.layout.informations.is_some() {
        "informations.md"
    } else {
        "raison-d-etre.md"
    };
    let f = &mut content.facts;
    for (key, slot) in [
        ("forme_juridique", &mut f.forme_juridique),
        ("creee_le", &mut f.creee_le),
        ("site", &mut f.site),
        ("licence", &mut f.licence),
    ] {
        if let Some(value) = slot.as_mut() {
            strip(value, facts_home, key);
        }
    }
    for list in &mut content.lists {
        for item in &mut list.items {
            strip(&mut item.titre, "raison-d-etre.md", list.key);
        }
    }
    let labels: Vec<String> = calls.iter().map(|(l, _, _)| l.clone()).collect();
    let notes = defs::take_footnotes(bodies, &labels);
    let mut moved = Vec::new();
    let mut done = std::collections::HashSet::new();
    for (label, path, field) in calls {
        let Some(note) = notes.get(&label) else {
            continue;
        };
        if !done.insert(label.clone()) {
            continue;
        }
        if let Some((_, body)) = bodies.iter_mut().find(|(p, _)| *p == path) {
            // Kept as the note it was, so that it reads as one, and nowhere else.
            let def = format!("[^{label}]: {}", note.replace('\n', "\n    "));
            *body = format!("{}\n\n{def}\n", body.trim_end())
                .trim_start()
                .to_string();
            moved.push((path, field, note.clone()));
        }
    }
    moved
}

/// The footnotes of dated lines that became milestones follow them: a note marked in a
/// milestone's title leaves the title for its description, one marked in its description
/// comes with its definition; either way its definition leaves the text it was in.
fn jalon_notes(jalons: &mut [Jalon], bodies: &mut [(String, String)]) {
    let labels: Vec<String> = jalons
        .iter()
        .flat_map(|j| {
            defs::marks(&j.titre)
                .into_iter()
                .chain(j.description.iter().flat_map(|d| defs::marks(d)))
        })
        .collect();
    let notes = defs::take_footnotes(bodies, &labels);
    for jalon in jalons {
        let mut added = Vec::new();
        for label in defs::marks(&jalon.titre) {
            jalon.titre = jalon
                .titre
                .replace(&format!("[^{label}]"), "")
                .trim()
                .to_string();
            added.extend(notes.get(&label).cloned());
        }
        for label in jalon.description.iter().flat_map(|d| defs::marks(d)) {
            added.extend(
                notes
                    .get(&label)
                    .map(|n| format!("[^{label}]: {}", n.replace('\n', "\n    "))),
            );
        }
        if !added.is_empty() {
            let parts: Vec<String> = jalon.description.take().into_iter().chain(added).collect();
            jalon.description = Some(parts.join("\n\n"));
        }
    }
}

/// A footnote called in the description of an element of `enjeux`, `objectifs` or
/// `missions` follows it, as a milestone's does: its definition leaves the text and ends
/// the description, which is Markdown of its own (a call there would name nothing).
fn item_notes(lists: &mut [List], bodies: &mut [(String, String)]) {
    let labels: Vec<String> = lists
        .iter()
        .flat_map(|l| &l.items)
        .flat_map(|i| i.description.iter().flat_map(|d| defs::marks(d)))
        .collect();
    let notes = defs::take_footnotes(bodies, &labels);
    for item in lists.iter_mut().flat_map(|l| &mut l.items) {
        let Some(description) = item.description.as_mut() else {
            continue;
        };
        let mut seen = Vec::new();
        for label in defs::marks(description) {
            if seen.contains(&label) {
                continue;
            }
            if let Some(note) = notes.get(&label) {
                let def = format!("[^{label}]: {}", note.replace('\n', "\n    "));
                *description = format!("{}\n\n{def}", description.trim_end());
            }
            seen.push(label);
        }
    }
}

/// The decision methods the amendment chapter names, as the format spells them, in the
/// order it names them, and whether one of them is negated (`jamais au vote`,
/// `ni au consensus`, `not by vote`).
fn amendment_methods(body: &str) -> (Vec<&'static str>, bool) {
    const METHODS: &[(&str, &[&str])] = &[
        ("consentement", &["consentement", "consent"]),
        ("consensus", &["consensus"]),
        (
            "vote",
            &[
                "vote",
                "votes",
                "majorite",
                "majority",
                "unanimite",
                "unanimement",
                "unanimity",
                "unanimously",
                "unanimous",
            ],
        ),
        (
            "assemblee-generale",
            &["assemblee generale", "general assembly"],
        ),
    ];
    const NEGATIONS: &[&str] = &[
        "jamais", "ni", "pas", "non", "sans", "never", "not", "nor", "no",
    ];
    let folded = format!(" {} ", chapters::fold(body).replace([',', '/'], " "));
    let folded = folded.as_str();
    let mut found: Vec<(usize, &'static str)> = METHODS
        .iter()
        .flat_map(|(m, words)| {
            words.iter().flat_map(move |w| {
                let needle = format!(" {w} ");
                folded
                    .match_indices(needle.as_str())
                    .map(|(at, _)| (at, *m))
                    .collect::<Vec<_>>()
            })
        })
        .collect();
    found.sort();
    let negated = found.iter().any(|(at, _)| {
        folded[..*at]
            .split(' ')
            .rev()
            .filter(|w| !w.is_empty())
            .take(4)
            .any(|w| NEGATIONS.contains(&w))
    });
    let mut named: Vec<&'static str> = Vec::new();
    for (_, m) in found {
        if !named.contains(&m) {
            named.push(m);
        }
    }
    (named, negated)
}

/// The majority a vote of the amendment chapter needs, when it names one: unanimity, a
/// qualified, simple or absolute majority, a fraction (`2/3`, `deux tiers`).
fn amendment_majority(body: &str, langue: Lang) -> Option<String> {
    let folded = format!(" {} ", chapters::fold(body).replace([',', '/'], " "));
    let fr = langue == Lang::Fr;
    let words: &[(&[&str], &str, &str)] = &[
        (
            &[
                " unanimite ",
                " unanimement ",
                " unanimity ",
                " unanimously ",
                " unanimous ",
            ],
            "unanimité",
            "unanimity",
        ),
        (&[" deux tiers ", " two thirds "], "2/3", "2/3"),
        (&[" trois quarts ", " three quarters "], "3/4", "3/4"),
        (
            &[
                " majorite qualifiee ",
                " qualified majority ",
                " supermajority ",
            ],
            "qualifiée",
            "qualified",
        ),
        (
            &[" majorite absolue ", " absolute majority "],
            "absolue",
            "absolute",
        ),
        (
            &[" majorite simple ", " simple majority "],
            "simple",
            "simple",
        ),
    ];
    let named = words
        .iter()
        .filter_map(|(w, f, e)| {
            let at = w.iter().filter_map(|w| folded.find(w)).min()?;
            Some((at, if fr { *f } else { *e }))
        })
        .min_by_key(|(at, _)| *at)
        .map(|(_, m)| m.to_string());
    // `2/3` as written (folding keeps digits, the slash is a space).
    let fraction = body.char_indices().find_map(|(i, c)| {
        let rest = &body[i..];
        let ok = c.is_ascii_digit()
            && rest[1..].starts_with('/')
            && rest[2..].starts_with(|d: char| d.is_ascii_digit())
            && !rest[3..].starts_with(|d: char| d.is_ascii_digit())
            && !body[..i].ends_with(|d: char| d.is_ascii_digit() || d == '/');
        ok.then(|| rest[..3].to_string())
    });
    fraction.or(named)
}

/// The body the amendment chapter says decides, as an instance of the format: the board
/// (`conseil d'administration`, `board of directors`).
fn amendment_instance(body: &str, langue: Lang) -> Option<(&'static str, &'static str)> {
    let folded = format!(" {} ", chapters::fold(body).replace([',', '/'], " "));
    let board = [" conseil d administration ", " board of directors "]
        .iter()
        .any(|w| folded.contains(w));
    let titre = match langue {
        Lang::Fr => "Conseil d’administration",
        Lang::En => "Board of directors",
    };
    board.then_some(("ca", titre))
}

/// The one method the chapter names, unless it names several or negates one: then none
/// is picked, and the report asks for the rule.
fn amendment_method(named: &[&'static str], negated: bool) -> Option<&'static str> {
    match named {
        [one] if !negated => Some(one),
        _ => None,
    }
}

fn uncovered(layout: &Layout) -> Vec<&'static str> {
    if layout.plans.is_empty() {
        return Vec::new();
    }
    crate::model::DEFAULT_PLANS
        .iter()
        .map(|(id, _)| *id)
        .filter(|id| {
            !layout
                .plans
                .iter()
                .any(|p| p.id == *id || p.couvre.contains(id))
        })
        .collect()
}

fn member_row(m: &Member) -> MemberRow {
    MemberRow {
        nom: m.nom.clone(),
        id: m.id.clone(),
        kind: m.kind,
        roles: m.roles.clone(),
        line: m.line.clone(),
        stands_in: m.stands_in.clone(),
    }
}

/// Required files the document gave nothing for.
fn empty_files(content: &Content) -> Vec<&'static str> {
    let l = &content.layout;
    let mut out = Vec::new();
    if l.raison.body.trim().is_empty() && content.lists.is_empty() {
        out.push("raison-d-etre.md");
    }
    if l.histoire.body.trim().is_empty() && content.jalons.is_empty() {
        out.push("histoire.md");
    }
    if l.modification.heading.is_none() {
        out.push("modification.md");
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;
    use proptest::prelude::*;

    fn options() -> Options {
        Options {
            nom: None,
            langue: None,
            folder_name: Some("dossier".into()),
            report_lang: Lang::Fr,
            source_name: "source.md".into(),
            source_inside: None,
            date: "2025-01-01".into(),
        }
    }

    /// The organisation's name follows the documented order of preference, whatever
    /// the source says it in.
    #[test]
    fn the_name_comes_from_the_first_source_that_states_one() {
        use NameFrom as F;
        let body =
            "## Historique\n\nEn 2014, le magasin ouvre.\n\n## Modèle économique\n\nUne marge.\n";
        let html_body = "<h1>Historique</h1><p>En 2014, le magasin ouvre.</p><h1>Modèle économique</h1><p>Une marge.</p>";
        let cases: Vec<(Format, String, &str, F)> = vec![
            (Format::Markdown, format!("---\nnom: La Ruche\ntitre: Coopérative du Val\n---\n# Code social de la Grange\n\n{body}"), "La Ruche", F::FrontMatter),
            (Format::Markdown, format!("---\ntitre: Coopérative du Val\n---\n# Code social de la Grange\n\n{body}"), "Coopérative du Val", F::FrontMatterTitle),
            (Format::Markdown, format!("---\ntitre: Code social de l’Atelier\n---\n{body}"), "l’Atelier", F::FrontMatterTitle),
            (Format::Markdown, format!("---\ntitle: Notre code social\n---\n# Code social de la Grange\n\n{body}"), "la Grange", F::Title),
            (Format::Markdown, format!("---\ntitre: Code social : version 2\n---\n# Coopérative du Val\n\n{body}"), "Coopérative du Val", F::Title),
            (Format::Html, format!("<html><head><title>Code social – La Grange</title></head><body><p class=\"c3 title\" id=\"h.x\"><span>Coopérative du Val</span></p>{html_body}</body></html>"), "Coopérative du Val", F::Title),
            (Format::Html, format!("<html><head><title>Code social – La Grange</title></head><body><p class=\"Title\">Notre Code social</p>{html_body}</body></html>"), "La Grange", F::HtmlTitle),
            (Format::Html, format!("<html><head><title>Accueil</title></head><body>{html_body}</body></html>"), "dossier", F::Folder),
            (Format::Markdown, body.to_string(), "dossier", F::Folder),
        ];
        for (format, text, nom, from) in cases {
            let doc = Document {
                format,
                text: text.clone(),
                controls: 0,
                assets: assets::Assets::None,
                properties: Default::default(),
            };
            let imported = import(&doc, &options()).expect("imported");
            assert_eq!(
                (imported.nom.as_str(), imported.report.nom_from),
                (nom, from),
                "{text}"
            );
            // The chapters stay chapters: a title is never an appendix.
            assert!(
                imported
                    .files
                    .iter()
                    .all(|f| !f.path.starts_with("annexes/")),
                "{text}"
            );
        }
    }

    /// A frame typed in a word processor's text keeps its address whatever its quotes.
    #[test]
    fn a_frame_address_is_read_whatever_its_quotes() {
        for tag in [
            "<iframe src=\"https://v.org/1\" width=\"5\">",
            "<iframe src='https://v.org/1'>",
            "<iframe src=https://v.org/1>",
            "\\<iframe src=“https://v.org/1” width=“500”\\>",
            "<iframe src=‘https://v.org/1’>",
        ] {
            let tag = &tag[tag.find('<').unwrap_or(0)..];
            assert_eq!(
                attribute(tag, "src").as_deref(),
                Some("https://v.org/1"),
                "{tag}"
            );
        }
    }

    /// A web page's HTML as a document to import.
    fn html_page(page: &str) -> Document {
        Document {
            format: Format::Html,
            text: page.into(),
            controls: 0,
            assets: assets::Assets::None,
            properties: Default::default(),
        }
    }

    /// A web page's title paragraph is the document's title; its text is in the report,
    /// never lost, and when the page also has a title heading it opens the text instead.
    #[test]
    fn a_title_paragraph_is_the_title_or_stays_text() {
        let page = "<p class=\"title\">Coopérative du Val</p><h2>Historique</h2><p>En 2014, le magasin ouvre.</p>";
        let doc = html_page(page);
        let imported = import(&doc, &options()).expect("imported");
        assert_eq!(imported.report.title.as_deref(), Some("Coopérative du Val"));
        let page = "<p class=\"title\">Une coopérative paysanne</p><h1>Code social de la Coop</h1><h2>Historique</h2><p>En 2014, le magasin ouvre.</p>";
        let doc = html_page(page);
        let imported = import(&doc, &options()).expect("imported");
        assert_eq!(imported.nom, "la Coop");
        let holders: Vec<&str> = imported
            .files
            .iter()
            .filter(|f| f.path != "IMPORT.md" && f.contents.contains("Une coopérative paysanne"))
            .map(|f| f.path.as_str())
            .collect();
        assert_eq!(holders.len(), 1, "{holders:?}");
    }

    /// Text made of the pieces that steer the importer: headings of every kind, list
    /// markers, dates, cues, shortcodes, links, brackets, front matter fences, odd spaces.
    fn hostile() -> impl Strategy<Value = String> {
        let piece = prop_oneof![
            Just("# ".to_string()),
            Just("## Historique\n".to_string()),
            Just("### Juridique & financier\n".to_string()),
            Just("**Raison d'être**\n\n".to_string()),
            Just("- ".to_string()),
            Just("1. ".to_string()),
            Just("mai 2013 : ".to_string()),
            Just("02/05/2013 – ".to_string()),
            Just("Auteurs : ".to_string()),
            Just("Créé par ".to_string()),
            Just("[vc_row]".to_string()),
            Just("[/vc_column]".to_string()),
            Just("[lien](#historique)".to_string()),
            Just("![x](a.png)".to_string()),
            Just("---\n".to_string()),
            Just("```\n".to_string()),
            Just("\u{a0}".to_string()),
            Just("\n\n".to_string()),
            Just("<div>".to_string()),
            Just("## Enjeux\n\n- ".to_string()),
            "[A-Za-zÉéèàç0-9 ,.:;!?'()\\[\\]#*_\\-]{0,40}",
            "\\PC{0,12}",
        ];
        prop::collection::vec(piece, 0..40).prop_map(|v| v.concat())
    }

    proptest! {
        #![proptest_config(ProptestConfig { cases: 256, .. ProptestConfig::default() })]

        #[test]
        fn any_text_imports_or_is_refused_and_every_yaml_parses(text in hostile(), html in any::<bool>()) {
            let doc = Document { format: if html { Format::Html } else { Format::Markdown }, text, controls: 0, assets: assets::Assets::None, properties: Default::default() };
            let Ok(imported) = import(&doc, &options()) else { return Ok(()) };
            for file in &imported.files {
                let yaml = if file.path.ends_with(".yaml") {
                    Some(file.contents.as_str())
                } else if file.path.ends_with(".md") && file.path != "IMPORT.md" {
                    file.contents.strip_prefix("---\n").and_then(|r| r.split_once("\n---\n").map(|(y, _)| y))
                } else {
                    None
                };
                if let Some(yaml) = yaml {
                    prop_assert!(crate::load::yaml::parse(yaml, 0).is_ok(), "{}:\n{}", file.path, file.contents);
                }
                let stem = file.path.rsplit('/').next().unwrap_or("").trim_end_matches(".md");
                if file.path.starts_with("membres/") || file.path.starts_with("annexes/") {
                    prop_assert!(crate::slug::is_id(stem), "{}", file.path);
                }
            }
        }
    }
}
