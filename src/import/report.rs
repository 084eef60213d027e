//! The import's report: which chapter went where, what was guessed, what to review. It
//! is printed and written as `IMPORT.md` (Markdown that reads as plain text too), in the
//! language asked for; its links lead to the files written, so `check` accepts it.

use crate::i18n::import::{LangFrom, NameFrom, ReportMsg};
use crate::i18n::Lang;

use super::html::Dropped;
use super::links::{Fixed, Lost};
use super::people::{MembreType, Role};
use super::source::Format;

/// Where a chapter went.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Row {
    /// The heading as text; `None` for the text before the first chapter.
    pub heading: Option<String>,
    pub path: String,
    pub how: How,
    /// The heading was a paragraph read as a heading.
    pub pseudo: bool,
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub enum How {
    Recognised,
    /// Several default plans in one chapter.
    Merged(Vec<&'static str>),
    /// A chapter of the method the format keeps as an appendix (glossary, matrices…).
    Appendix,
    /// A heading the method does not name.
    Unknown,
    /// Text before the chapters, or an introduction.
    Preamble,
}

/// A member written to `membres/`.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct MemberRow {
    pub nom: String,
    pub id: String,
    pub kind: MembreType,
    pub roles: Vec<Role>,
    /// The line it was read from; `None` for the organisation standing in.
    pub line: Option<String>,
    /// Roles it holds because the document names nobody for them.
    pub stands_in: Vec<Role>,
}

/// Everything the report says.
#[derive(Debug, Clone)]
pub struct Report {
    pub source: String,
    pub format: Format,
    pub date: String,
    pub nom: String,
    pub nom_from: NameFrom,
    /// The document's title heading, which has no file of its own.
    pub title: Option<String>,
    /// What the title says after the organisation's name, which opens `informations.md`.
    pub subtitle: Option<String>,
    pub langue: Lang,
    pub langue_from: LangFrom,
    pub rows: Vec<Row>,
    pub dropped: Vec<String>,
    /// Headings that carried a link or a footnote call, kept as their text's first line.
    pub opened: Vec<String>,
    /// `(file, field, note)`: notes called in a value lifted out of the text.
    pub lifted_notes: Vec<(String, String, String)>,
    pub jalons: usize,
    /// `(key, items, the heading they were under)`.
    pub lists: Vec<(&'static str, usize, String)>,
    pub informations: Vec<&'static str>,
    pub facts: Vec<&'static str>,
    /// `(id, title, couvre)` in the manifest's order.
    pub plans: Vec<(String, String, Vec<&'static str>)>,
    /// Default plans the document does not write about.
    pub uncovered: Vec<&'static str>,
    pub members: Vec<MemberRow>,
    /// The method of the `simple` rule when the chapter names one; `None`: by default.
    pub methode: Option<&'static str>,
    /// The methods named when the chapter names several or negates one.
    pub methodes_named: Vec<&'static str>,
    /// The majority the chapter names for a vote.
    pub majorite: Option<String>,
    /// The instance the chapter says decides: `(id, titre)`.
    pub instance: Option<(&'static str, &'static str)>,
    /// The amendment chapter's heading when it states a rule that was not read.
    pub rule_unread: Option<String>,
    /// Required files the document gave no text for.
    pub empty: Vec<&'static str>,
    pub links: Vec<Fixed>,
    /// Front matter not kept, verbatim.
    pub unread: Vec<String>,
    pub shortcodes: usize,
    pub artefacts: usize,
    /// A web page's furniture and what lay outside its article.
    pub furniture: Vec<Dropped>,
    /// Tags nested too deep, removed.
    pub flattened: usize,
    /// Control characters and terminal escape sequences removed.
    pub controls: usize,
    /// What followed a people cue without being read as a name.
    pub unread_names: Vec<super::people::Unread>,
    /// Labelled lines whose value was not read (`Licence : libre`), by key.
    pub unread_facts: Vec<(&'static str, String)>,
    /// Entries of the front matter naming a fact whose value was not read, by key.
    pub front_unread_facts: Vec<(&'static str, String)>,
    /// `(as the document names it, path in the repository)`: files copied in.
    pub copied: Vec<(String, String)>,
    /// The source's path in the repository's folder, when it lies there.
    pub source_inside: Option<String>,
    /// `(source, folder)`: no folder was given and the source lies in the current one, so
    /// the repository was written into a new folder beside it.
    pub beside: Option<(String, String)>,
    /// Numbered capital lines of a plain-text document read as chapter headings.
    pub capital_headings: Vec<String>,
    /// `(file, addresses)`: embedded frames (`<iframe>`) kept in a file's text.
    pub frames: Vec<(String, Vec<String>)>,
    /// The authors a word-processor file's properties name, not made members.
    pub authors: Vec<String>,
    /// A word-processor file's properties' title when its visible title differs.
    pub other_title: Option<String>,
    /// A word-processor file's other free-text properties (subject, keywords…), not placed.
    pub described: Vec<(super::properties::Described, String)>,
    /// Comments a word-processor file holds, which were not imported.
    pub comments: usize,
    /// Tracked changes a word-processor file holds: the text imported has them accepted.
    pub changes: usize,
}

impl Report {
    /// The report as Markdown, in `lang`.
    pub fn render(&self, lang: Lang) -> String {
        let t = |m: ReportMsg<'_>| m.text_in(lang);
        let mut out = format!(
            "# {}\n\n",
            t(ReportMsg::Title {
                nom: &inline_text(&self.nom),
            })
        );
        out.push_str(&t(ReportMsg::Intro {
            source: &self.source,
            format: self.format.name(),
            date: &self.date,
        }));
        out.push_str("\n\n");
        self.priorities(lang, &mut out);
        self.chapters(lang, &mut out);
        self.deduced(lang, &mut out);
        self.members_table(lang, &mut out);
        self.to_complete(lang, &mut out);
        if !self.unread.is_empty() {
            out.push_str(&format!(
                "## {}\n\n{}\n\n",
                t(ReportMsg::UnreadHeading),
                t(ReportMsg::UnreadIntro)
            ));
            out.push_str(&fenced(&self.unread.join("\n")));
        }
        self.cleaning(lang, &mut out);
        // The document's own control characters (terminal escapes) are written visibly:
        // the report is printed as well as written.
        crate::report::visible(out.trim_end()) + "\n"
    }

    /// What must be looked at first: whatever the import had to stand in for.
    fn priorities(&self, lang: Lang, out: &mut String) {
        let t = |m: ReportMsg<'_>| m.text_in(lang);
        let mut items = Vec::new();
        for m in &self.members {
            let member = format!("membres/{}.md", m.id);
            if m.stands_in.contains(&Role::Auteurs) {
                items.push(t(ReportMsg::AuteurStandsIn { member: &member }));
            }
            if m.stands_in.contains(&Role::Editeurs) {
                items.push(t(ReportMsg::EditeurStandsIn { member: &member }));
            }
        }
        if self.nom_from != NameFrom::Option && self.nom_from != NameFrom::FrontMatter {
            items.push(t(ReportMsg::NameGuessed {
                nom: &inline_text(&self.nom),
                from: self.nom_from,
            }));
        }
        if !self.methodes_named.is_empty() {
            let named: Vec<String> = self
                .methodes_named
                .iter()
                .map(|m| format!("`{m}`"))
                .collect();
            items.push(t(ReportMsg::RuleUnclear {
                methods: &named.join(", "),
            }));
        } else if let Some(chapter) = &self.rule_unread {
            items.push(t(ReportMsg::RuleNotUnderstood {
                chapter: &inline_text(chapter),
                instance: self.instance.map(|(id, _)| id),
            }));
        } else if self.methode.is_none() {
            items.push(t(ReportMsg::RuleByDefault));
        }
        if self.members.iter().any(|m| m.line.is_some()) {
            items.push(t(ReportMsg::MembersToCheck));
        }
        let placeholders: Vec<String> = self
            .unread_names
            .iter()
            .filter(|u| u.placeholder)
            .map(|u| {
                t(ReportMsg::NameUnread {
                    text: &inline_text(&u.text),
                    line: &inline_text(&shorten(&u.line, 120)),
                })
            })
            .collect();
        if !placeholders.is_empty() {
            items.push(t(ReportMsg::Placeholders {
                names: &placeholders.join(" ; "),
            }));
        }
        if !self.authors.is_empty() {
            items.push(t(ReportMsg::PropertiesAuthors {
                names: &inline_text(&self.authors.join(", ")),
            }));
        }
        for (property, text) in &self.described {
            items.push(t(ReportMsg::PropertyNotPlaced {
                property: *property,
                text: &inline_text(text),
            }));
        }
        if self.comments + self.changes > 0 {
            items.push(t(ReportMsg::Revisions {
                comments: self.comments,
                changes: self.changes,
            }));
        }
        if !self.rows.iter().any(|r| r.heading.is_some()) {
            items.push(t(ReportMsg::NoChapterHint));
        }
        for (file, sources) in &self.frames {
            let sources: Vec<String> = sources.iter().map(|s| code(s)).collect();
            items.push(t(ReportMsg::Frames {
                file: &link(file),
                sources: &sources.join(", "),
            }));
        }
        if let Some((source, folder)) = &self.beside {
            items.push(t(ReportMsg::WrittenBeside {
                source: &code(source),
                folder: &code(&format!("{folder}/")),
            }));
        }
        if let Some(source) = &self.source_inside {
            items.push(t(ReportMsg::SourceInside {
                source: &code(source),
            }));
        }
        if items.is_empty() {
            return;
        }
        out.push_str(&format!("## {}\n\n", t(ReportMsg::PrioritiesHeading)));
        for item in items {
            out.push_str(&format!("- [ ] {item}\n"));
        }
        out.push('\n');
    }

    /// What cleaning removed: builder tags, layout lines, deep nesting, and each piece of
    /// a web page's furniture with its text.
    fn cleaning(&self, lang: Lang, out: &mut String) {
        let t = |m: ReportMsg<'_>| m.text_in(lang);
        if self.shortcodes + self.artefacts + self.flattened + self.controls == 0
            && self.furniture.is_empty()
        {
            return;
        }
        out.push_str(&format!("## {}\n\n", t(ReportMsg::CleaningHeading)));
        if self.shortcodes + self.artefacts > 0 {
            out.push_str(&format!(
                "- {}\n",
                t(ReportMsg::Cleaning {
                    shortcodes: self.shortcodes,
                    artefacts: self.artefacts
                })
            ));
        }
        if self.flattened > 0 {
            out.push_str(&format!(
                "- {}\n",
                t(ReportMsg::Flattened {
                    tags: self.flattened,
                    depth: super::html::flatten::MAX_DEPTH,
                })
            ));
        }
        if self.controls > 0 {
            let count = self.controls;
            out.push_str(&format!("- {}\n", t(ReportMsg::Controls { count })));
        }
        if !self.furniture.is_empty() {
            out.push_str(&format!("\n{}\n\n", t(ReportMsg::FurnitureIntro)));
            for d in &self.furniture {
                let text = inline_text(&shorten(&d.text, MAX_DROPPED_CHARS));
                let what = crate::i18n::import::furniture(lang, d.what);
                out.push_str(&format!(
                    "- {}\n",
                    t(ReportMsg::Furniture { what, text: &text })
                ));
            }
        }
        out.push('\n');
    }

    fn chapters(&self, lang: Lang, out: &mut String) {
        let t = |m: ReportMsg<'_>| m.text_in(lang);
        out.push_str(&format!(
            "## {}\n\n| {} | {} |\n|---|---|\n",
            t(ReportMsg::ChaptersHeading),
            t(ReportMsg::ChapterColumn),
            t(ReportMsg::FileColumn)
        ));
        if self.rows.is_empty() {
            out.push_str(&format!("| {} | — |\n", t(ReportMsg::NoChapter)));
        }
        for row in &self.rows {
            let heading = match &row.heading {
                Some(h) => t(ReportMsg::Quoted {
                    text: &inline_text(h),
                }),
                None => t(ReportMsg::BeforeChapters),
            };
            let mut notes = Vec::new();
            match &row.how {
                How::Merged(ids) => notes.push(t(ReportMsg::Merged {
                    plans: &ids.join(", "),
                })),
                How::Unknown => notes.push(t(ReportMsg::NotRecognised)),
                How::Appendix => notes.push(t(ReportMsg::KeptAsAppendix)),
                How::Preamble => notes.push(t(ReportMsg::PreamblePlaced)),
                How::Recognised => {}
            }
            if row.pseudo {
                notes.push(t(ReportMsg::ParagraphAsHeading));
            }
            let notes = if notes.is_empty() {
                String::new()
            } else {
                format!(" — {}", notes.join(" ; "))
            };
            out.push_str(&format!("| {heading} | {}{notes} |\n", link(&row.path)));
        }
        out.push('\n');
        if !self.capital_headings.is_empty() {
            let lines: Vec<String> = self
                .capital_headings
                .iter()
                .map(|l| {
                    t(ReportMsg::Quoted {
                        text: &inline_text(l),
                    })
                })
                .collect();
            let lines = lines.join(", ");
            out.push_str(&format!(
                "{}\n\n",
                t(ReportMsg::CapitalHeadings { lines: &lines })
            ));
        }
        if !self.dropped.is_empty() {
            let list: Vec<String> = self
                .dropped
                .iter()
                .map(|d| {
                    t(ReportMsg::Quoted {
                        text: &inline_text(d),
                    })
                })
                .collect();
            out.push_str(&format!(
                "{}\n\n",
                t(ReportMsg::Dropped {
                    headings: &list.join(", ")
                })
            ));
        }
    }

    fn deduced(&self, lang: Lang, out: &mut String) {
        let t = |m: ReportMsg<'_>| m.text_in(lang);
        out.push_str(&format!("## {}\n\n", t(ReportMsg::DeducedHeading)));
        if let Some(title) = &self.title {
            out.push_str(&format!(
                "- {}\n",
                t(ReportMsg::DocumentTitle {
                    title: &inline_text(title)
                })
            ));
        }
        if let Some(subtitle) = &self.subtitle {
            out.push_str(&format!(
                "- {}\n",
                t(ReportMsg::Subtitle {
                    subtitle: &inline_text(subtitle)
                })
            ));
        }
        out.push_str(&format!(
            "- {}\n",
            t(ReportMsg::Organisation {
                nom: &inline_text(&self.nom),
                from: self.nom_from
            })
        ));
        if let Some(other) = &self.other_title {
            out.push_str(&format!(
                "- {}\n",
                t(ReportMsg::OtherTitle {
                    title: &inline_text(other)
                })
            ));
        }
        out.push_str(&format!(
            "- {}\n",
            t(ReportMsg::Langue {
                langue: self.langue.code(),
                from: self.langue_from
            })
        ));
        if self.plans.is_empty() {
            out.push_str(&format!("- {}\n", t(ReportMsg::NoPlans)));
        } else {
            let plans: Vec<String> = self
                .plans
                .iter()
                .map(|(id, titre, couvre)| {
                    let covers = if couvre.is_empty() {
                        String::new()
                    } else {
                        format!(
                            " ({})",
                            t(ReportMsg::Covers {
                                plans: &couvre.join(", ")
                            })
                        )
                    };
                    format!("{titre} (`{id}`){covers}")
                })
                .collect();
            out.push_str(&format!(
                "- {}\n",
                t(ReportMsg::Plans {
                    plans: &plans.join(", ")
                })
            ));
        }
        if self.jalons > 0 {
            out.push_str(&format!(
                "- {}\n",
                t(ReportMsg::Jalons { count: self.jalons })
            ));
        }
        for (key, count, heading) in &self.lists {
            out.push_str(&format!(
                "- {}\n",
                t(ReportMsg::List {
                    key,
                    count: *count,
                    heading: &inline_text(heading)
                })
            ));
        }
        if !self.informations.is_empty() {
            out.push_str(&format!(
                "- {}\n",
                t(ReportMsg::Informations {
                    keys: &self.informations.join(", ")
                })
            ));
        }
        if !self.facts.is_empty() {
            out.push_str(&format!(
                "- {}\n",
                t(ReportMsg::Facts {
                    keys: &self.facts.join(", ")
                })
            ));
        }
        for heading in &self.opened {
            out.push_str(&format!(
                "- {}\n",
                t(ReportMsg::HeadingOpened {
                    heading: &inline_text(heading)
                })
            ));
        }
        for (path, field, note) in &self.lifted_notes {
            out.push_str(&format!(
                "- {}\n",
                t(ReportMsg::NoteLifted {
                    file: &link(path),
                    field,
                    note: &inline_text(note)
                })
            ));
        }
        let rule = match self.methode {
            Some(m) => t(ReportMsg::RuleFromChapter { methode: m }),
            None => t(ReportMsg::RuleDefault),
        };
        out.push_str(&format!("- {rule}\n"));
        if let Some(majorite) = &self.majorite {
            out.push_str(&format!(
                "- {}\n",
                t(ReportMsg::RuleMajority {
                    majorite: &inline_text(majorite)
                })
            ));
        }
        if let Some((id, titre)) = self.instance {
            out.push_str(&format!("- {}\n", t(ReportMsg::RuleInstance { id, titre })));
        }
        out.push('\n');
    }

    fn members_table(&self, lang: Lang, out: &mut String) {
        let t = |m: ReportMsg<'_>| m.text_in(lang);
        out.push_str(&format!("## {}\n\n", t(ReportMsg::MembersHeading)));
        out.push_str(&format!(
            "| {} | {} | {} | {} |\n|---|---|---|---|\n",
            t(ReportMsg::MemberColumn),
            t(ReportMsg::TypeColumn),
            t(ReportMsg::RoleColumn),
            t(ReportMsg::ReadInColumn)
        ));
        for m in &self.members {
            let roles: Vec<&str> = m.roles.iter().map(|r| r.key()).collect();
            let line = match &m.line {
                Some(l) => t(ReportMsg::Quoted {
                    text: &inline_text(&shorten(l, 90)),
                }),
                None => t(ReportMsg::StandsIn),
            };
            out.push_str(&format!(
                "| {} | {} | {} | {line} |\n",
                link_named(&inline_text(&m.nom), &format!("membres/{}.md", m.id)),
                m.kind.as_str(),
                roles.join(", ")
            ));
        }
        out.push('\n');
        if self.unread_names.iter().any(|u| !u.placeholder) {
            out.push_str(&format!("{}\n\n", t(ReportMsg::NamesUnreadIntro)));
            for u in self.unread_names.iter().filter(|u| !u.placeholder) {
                out.push_str(&format!(
                    "- {}\n",
                    t(ReportMsg::NameUnread {
                        text: &inline_text(&u.text),
                        line: &inline_text(&shorten(&u.line, 120)),
                    })
                ));
            }
            out.push('\n');
        }
    }

    fn to_complete(&self, lang: Lang, out: &mut String) {
        let t = |m: ReportMsg<'_>| m.text_in(lang);
        let mut items = Vec::new();
        for path in &self.empty {
            items.push(t(ReportMsg::Empty { file: &link(path) }));
        }
        for (key, line) in &self.unread_facts {
            items.push(t(ReportMsg::FactUnread {
                key,
                line: &inline_text(&shorten(line, 120)),
            }));
        }
        for (key, entry) in &self.front_unread_facts {
            items.push(t(ReportMsg::FrontFactUnread {
                key,
                entry: &inline_text(&shorten(entry, 120)),
            }));
        }
        if !self.uncovered.is_empty() {
            items.push(t(ReportMsg::Uncovered {
                plans: &self.uncovered.join(", "),
            }));
        }
        for (from, to) in &self.copied {
            items.push(t(ReportMsg::Copied {
                from: &code(&shorten(from, MAX_ADDRESS_CHARS)),
                to: &link(to),
            }));
        }
        for fixed in &self.links {
            let dest = code(&shorten(&fixed.dest, MAX_ADDRESS_CHARS));
            items.push(match &fixed.now {
                Some(now) => t(ReportMsg::LinkMoved {
                    file: &link(&fixed.file),
                    dest: &dest,
                    now: &code(now),
                }),
                None => match fixed.lost {
                    Some(Lost::Unsafe) => t(ReportMsg::LinkUnsafe {
                        file: &link(&fixed.file),
                        dest: &dest,
                    }),
                    Some(Lost::Place) => t(ReportMsg::LinkNoPlace {
                        file: &link(&fixed.file),
                        dest: &dest,
                    }),
                    Some(Lost::File) | None => t(ReportMsg::LinkRemoved {
                        file: &link(&fixed.file),
                        dest: &dest,
                    }),
                },
            });
        }
        items.push(t(ReportMsg::NothingInvented));
        out.push_str(&format!("## {}\n\n", t(ReportMsg::ToCompleteHeading)));
        for item in items {
            out.push_str(&format!("- {item}\n"));
        }
        out.push('\n');
    }
}

/// A Markdown link to a file written, its path as text.
fn link(path: &str) -> String {
    link_named(path, path)
}

fn link_named(text: &str, path: &str) -> String {
    if path.contains([' ', '(', ')']) {
        format!("[{text}](<{path}>)")
    } else {
        format!("[{text}]({path})")
    }
}

/// The longest address quoted (characters): a `data:` image is megabytes of base64.
const MAX_ADDRESS_CHARS: usize = 120;

/// The longest excerpt of dropped furniture shown (characters).
const MAX_DROPPED_CHARS: usize = 600;

/// Document text quoted in the report: one line, its Markdown syntax escaped, so that a
/// heading holding `[x](#y)`, `<b>` or `|` reads as written and is neither a link nor a
/// table cell's end.
pub fn inline_text(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    for c in text.chars() {
        match c {
            '\n' | '\r' => out.push(' '),
            '\\' | '`' | '*' | '_' | '[' | ']' | '<' | '>' | '!' | '|' | '~' | '&' | '#' => {
                out.push('\\');
                out.push(c);
            }
            c => out.push(c),
        }
    }
    out
}

/// An inline code span that no backtick of `text` can close.
pub fn code(text: &str) -> String {
    let text = text.replace(['\n', '\r'], " ");
    let mut longest = 0;
    let mut run = 0;
    for c in text.chars() {
        run = if c == '`' { run + 1 } else { 0 };
        longest = longest.max(run);
    }
    let fence = "`".repeat(longest + 1);
    let pad = if text.starts_with('`') || text.ends_with('`') {
        " "
    } else {
        ""
    };
    format!("{fence}{pad}{text}{pad}{fence}")
}

fn shorten(text: &str, max: usize) -> String {
    if text.chars().count() <= max {
        return text.to_string();
    }
    let cut: String = text.chars().take(max).collect();
    format!("{}…", cut.trim_end())
}

/// A fenced block that no line of `text` can close.
fn fenced(text: &str) -> String {
    let longest = text
        .lines()
        .map(|l| l.trim_start().chars().take_while(|c| *c == '`').count())
        .max()
        .unwrap_or(0);
    let fence = "`".repeat(longest.max(2) + 1);
    format!("{fence}text\n{text}\n{fence}\n\n")
}
