//! The three faces of a diff: text for a terminal (coloured like git), Markdown for a
//! pull-request comment or a CI job summary, JSON for scripts (its shape is in CLI.md).

use std::fmt::Write as _;

use serde::Serialize;
use serde_json::Value;

use super::{BodyChange, ChangeKind, DocChange, FieldChange, ParagraphChange, Segment, SiteFile};
use crate::escape::markdown::{code, code_in_table, inline};
use crate::escape::terminal::{one_line, paint, Style};
use crate::format::Kind;
use crate::i18n::diff::{colon, kind_word, quoted, separator};
use crate::i18n::{DiffText, Lang};
use crate::load::{classify, Place};

/// A broken amendment rule (or, among warnings, a doubtful change). It holds facts, not
/// a sentence: its message is worded when it is shown ([`Violation::message_in`]), and
/// serialised as `{ "commit", "id", "classe", "rule", "message" }` (CLI.md).
#[derive(Debug, Clone, PartialEq)]
pub struct Violation {
    /// The full hash of the commit that made the change.
    pub commit: String,
    pub id: String,
    pub classe: String,
    pub rule: Rule,
    /// The document's title, as the newer side has it (the older one when it was removed).
    pub title: String,
}

/// Which amendment rule a [`Violation`] is about; its stable code is the `rule` of JSON.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[serde(rename_all = "lowercase")]
pub enum Rule {
    /// An `intangible` principle was changed.
    Intangible,
    /// A protected document changed without a `Decision:` trailer.
    Decision,
    /// A protected change in the net change that no judged commit made.
    Unaccounted,
    /// A file of the site's own folders (`static/`, `templates/`) changed without a
    /// `Decision:` while the strictest class present asks for one (`title` is its path).
    Site,
    /// A file or folder whose name is not UTF-8 changed: it cannot be read, so it cannot
    /// be judged (`title` is its path, `\xNN` for each byte that is not UTF-8; no class).
    #[serde(rename = "name-not-utf8")]
    NameNotUtf8,
    /// An adopted principle's body changed, its `version` and `adopte_le` kept (a warning).
    Version,
}

impl Violation {
    /// The sentence that explains it, in `lang`.
    pub fn message_in(&self, lang: Lang) -> String {
        let (title, classe) = (self.title.as_str(), self.classe.as_str());
        match self.rule {
            Rule::Intangible => DiffText::IntangibleChanged { title },
            Rule::Decision => DiffText::DecisionMissing { title, classe },
            Rule::Unaccounted => DiffText::Unaccounted { title, classe },
            Rule::Site => DiffText::SiteFileUndecided {
                path: title,
                classe,
            },
            Rule::NameNotUtf8 => DiffText::NameNotUtf8 { path: title },
            Rule::Version => DiffText::VersionNotBumped { title },
        }
        .text_in(lang)
    }

    /// [`Violation::message_in`] the language of messages.
    pub fn message(&self) -> String {
        self.message_in(crate::i18n::lang())
    }
}

impl Serialize for Violation {
    fn serialize<S: serde::Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        use serde::ser::SerializeStruct as _;
        let mut s = serializer.serialize_struct("Violation", 5)?;
        s.serialize_field("commit", &self.commit)?;
        s.serialize_field("id", &self.id)?;
        s.serialize_field("classe", &self.classe)?;
        s.serialize_field("rule", &self.rule)?;
        s.serialize_field("message", &self.message())?;
        s.end()
    }
}

/// Everything a diff shows.
#[derive(Debug, Clone, Default)]
pub struct Report {
    /// Full hash of the older side.
    pub from: String,
    /// Full hash of the newer side, `None` for the working tree.
    pub to: Option<String>,
    pub changes: Vec<DocChange>,
    /// The files of `static/` and `templates/` that differ.
    pub site_files: Vec<SiteFile>,
    pub violations: Vec<Violation>,
    pub warnings: Vec<Violation>,
    /// Whether `--enforce` ran (JSON then carries `warnings` and `judged`).
    pub enforced: bool,
    /// What `--enforce` judged.
    pub judged: Judged,
}

/// What `--enforce` judged: the commits of the first-parent chain from the tip back into
/// the base's history, among them root commits (judged against the empty tree), then the
/// net change from base to tip.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize)]
pub struct Judged {
    pub commits: usize,
    pub root_commits: usize,
    /// The full hash of the tip judged (`HEAD` when the diff ends at the working tree).
    #[serde(skip)]
    pub tip: String,
}

impl Report {
    fn labels(&self) -> (String, String) {
        let to = self
            .to
            .as_deref()
            .map_or_else(|| DiffText::WorkingTree.text(), |h| short(h).to_string());
        (short(&self.from).to_string(), to)
    }
}

fn short(hash: &str) -> &str {
    hash.get(..7).unwrap_or(hash)
}

use Style::{Bold as BOLD, Green as GREEN, Red as RED, Yellow as YELLOW};

/// How values are written: for a terminal (each value on one line, painted when colour is
/// on; the terminal layer of `cmd::out::print` shows any control character), or as plain text
/// that the Markdown renderer escapes afterwards.
enum Paint {
    Terminal { color: bool },
    Plain,
}

impl Paint {
    fn new(color: bool) -> Self {
        Paint::Terminal { color }
    }

    /// `text` (content or ours) in `style`.
    fn on(&self, style: Style, text: &str) -> String {
        match self {
            Paint::Terminal { color: true } => paint(style, &one_line(text)),
            Paint::Terminal { color: false } => one_line(text).into_owned(),
            Paint::Plain => text.to_string(),
        }
    }

    /// `text` unstyled.
    fn text(&self, text: &str) -> String {
        match self {
            Paint::Terminal { .. } => one_line(text).into_owned(),
            Paint::Plain => text.to_string(),
        }
    }

    fn color(&self) -> bool {
        matches!(self, Paint::Terminal { color: true })
    }
}

/// The diff for a terminal: one line per document, then its changed paragraphs.
pub fn render_text(report: &Report, color: bool) -> String {
    let paint = Paint::new(color);
    let mut out = String::new();
    if report.changes.is_empty() && report.site_files.is_empty() {
        let _ = writeln!(out, "{}", DiffText::NoChanges.text());
    }
    for change in &report.changes {
        out.push_str(&render_change(change, color));
    }
    if !report.site_files.is_empty() {
        let _ = writeln!(
            out,
            "{}",
            paint.on(BOLD, &DiffText::SiteFilesHeading.text())
        );
        for f in &report.site_files {
            let (sign, style) = site_sign(f.change);
            let _ = writeln!(
                out,
                "{} {}{}{}",
                paint.on(style, sign),
                paint.text(&f.path),
                colon(),
                change_word(f.change)
            );
        }
    }
    text_enforcement(&mut out, report, &paint);
    out
}

/// The sign and colour of a file's change, as for a document.
fn site_sign(change: ChangeKind) -> (&'static str, Style) {
    match change {
        ChangeKind::Added => ("+", GREEN),
        ChangeKind::Removed => ("-", RED),
        ChangeKind::Modified | ChangeKind::Moved => ("~", YELLOW),
    }
}

/// `added`, `removed`, `modified`, in the language of messages.
fn change_word(change: ChangeKind) -> String {
    match change {
        ChangeKind::Added => DiffText::Added.text(),
        ChangeKind::Removed => DiffText::Removed.text(),
        ChangeKind::Modified | ChangeKind::Moved => DiffText::Modified.text(),
    }
}

/// One document's change for a terminal: its summary line, then its changed paragraphs.
pub fn render_change(change: &DocChange, color: bool) -> String {
    let paint = Paint::new(color);
    let (sign, code) = match change.change {
        ChangeKind::Added => ("+", GREEN),
        ChangeKind::Removed => ("-", RED),
        ChangeKind::Modified => ("~", YELLOW),
        ChangeKind::Moved => (">", YELLOW),
    };
    let mut out = format!(
        "{} {}{}{}\n",
        paint.on(code, sign),
        paint.on(BOLD, &subject(change)),
        colon(),
        details(change, &paint)
    );
    if let Some(body) = &change.body {
        text_paragraphs(&mut out, body, &paint);
    }
    out
}

fn text_paragraphs(out: &mut String, body: &BodyChange, paint: &Paint) {
    for p in &body.paragraphs {
        let line = match p {
            ParagraphChange::Added(t) => paint.on(GREEN, &format!("+ {t}")),
            ParagraphChange::Removed(t) => paint.on(RED, &format!("- {t}")),
            ParagraphChange::Changed(segs) => format!("~ {}", word_marks(segs, paint)),
        };
        let _ = writeln!(out, "    {line}");
    }
}

/// Word-level marks: colours when on, else git's `[-old-]{+new+}`.
fn word_marks(segments: &[Segment], paint: &Paint) -> String {
    segments
        .iter()
        .map(|s| match s {
            Segment::Same(t) => paint.text(t),
            Segment::Added(t) if paint.color() => paint.on(GREEN, t),
            Segment::Removed(t) if paint.color() => paint.on(RED, t),
            Segment::Added(t) => format!("{{+{}+}}", paint.text(t)),
            Segment::Removed(t) => format!("[-{}-]", paint.text(t)),
        })
        .collect()
}

fn text_enforcement(out: &mut String, report: &Report, paint: &Paint) {
    if !report.enforced {
        return;
    }
    let _ = writeln!(out, "{}", scope(report));
    let marked = report
        .violations
        .iter()
        .map(|v| (paint.on(RED, "✗"), v))
        .chain(report.warnings.iter().map(|v| (paint.on(YELLOW, "!"), v)));
    for (mark, v) in marked {
        let _ = writeln!(
            out,
            "{mark} {} {}",
            short(&v.commit),
            paint.text(&v.message())
        );
    }
}

/// `principe « Titre » (plan)`: what the change is about.
fn subject(change: &DocChange) -> String {
    let mut s = kind_word(change.kind);
    if change.title != change.id || change.kind == crate::format::Kind::Principe {
        s.push(' ');
        s.push_str(&quoted(&change.title));
    }
    let place = match change.kind {
        crate::format::Kind::Principe | crate::format::Kind::Plan => plan_of(&change.path),
        _ => Some(change.id.clone()),
    };
    if let Some(place) = place.filter(|p| *p != change.title) {
        let _ = write!(s, " ({place})");
    }
    s
}

fn plan_of(path: &str) -> Option<String> {
    path.strip_prefix("principes/")
        .and_then(|rest| rest.split('/').next())
        .map(str::to_string)
}

/// The summary after the subject: what changed, separated by `;`.
fn details(change: &DocChange, paint: &Paint) -> String {
    let mut parts = Vec::new();
    match change.change {
        ChangeKind::Added => parts.push(paint.on(GREEN, &DiffText::Added.text())),
        ChangeKind::Removed => parts.push(paint.on(RED, &DiffText::Removed.text())),
        ChangeKind::Moved => {
            let old = change.old_path.as_deref().unwrap_or_default();
            // Its id changed with its file's name: a rename (as `log` follows one).
            let renamed = matches!(classify(old), Place::Doc { ref id, .. } if *id != change.id);
            let text = if renamed {
                DiffText::RenamedFrom { old_path: old }
            } else {
                DiffText::MovedFrom { old_path: old }
            };
            parts.push(paint.text(&text.text()));
        }
        ChangeKind::Modified => {}
    }
    parts.extend(
        change
            .fields
            .iter()
            .map(|f| field_summary(change.kind, f, paint)),
    );
    if let Some(body) = &change.body {
        parts.extend(body_summary(body));
    }
    if parts.is_empty() {
        parts.push(DiffText::Modified.text());
    }
    parts.join(&separator())
}

fn body_summary(body: &BodyChange) -> Vec<String> {
    let added = body.paragraphs_added - body.paragraphs_changed;
    let removed = body.paragraphs_removed - body.paragraphs_changed;
    let mut out = Vec::new();
    if body.paragraphs_changed > 0 {
        out.push(
            DiffText::ParagraphsChanged {
                n: body.paragraphs_changed,
            }
            .text(),
        );
    }
    if added > 0 {
        out.push(DiffText::ParagraphsAdded { n: added }.text());
    }
    if removed > 0 {
        out.push(DiffText::ParagraphsRemoved { n: removed }.text());
    }
    out
}

/// `statut propose → adopte`, or for lists `responsables +claire −mathieu`.
fn field_summary(kind: Kind, f: &FieldChange, paint: &Paint) -> String {
    if let Some(moves) = super::flow_moves(kind, f) {
        let moves: Vec<String> = moves
            .iter()
            .map(|m| {
                let flow = format!("{} ({} → {})", m.richesse, m.de, m.vers);
                DiffText::FlowMoved {
                    flow: &flow,
                    from: m.from,
                    to: m.to,
                }
                .text()
            })
            .collect();
        return format!("{} {}", paint.text(&f.field), moves.join("; "));
    }
    if let Some((added, removed)) = list_delta(&f.old, &f.new) {
        let (removed, added) = item_changes(kind, &f.field, &removed, &added);
        let mut s = paint.text(&f.field);
        for item in removed {
            let _ = write!(s, " {}", paint.on(RED, &format!("−{item}")));
        }
        for item in added {
            let _ = write!(s, " {}", paint.on(GREEN, &format!("+{item}")));
        }
        return s;
    }
    let (old, new) = match (&f.old, &f.new) {
        (Value::Null, _) | (_, Value::Null) => {
            (show(kind, &f.field, &f.old), show(kind, &f.field, &f.new))
        }
        (old, new) => super::change_words(kind, &f.field, false, old, new),
    };
    format!(
        "{} {} → {}",
        paint.text(&f.field),
        paint.on(RED, &old),
        paint.on(GREEN, &new)
    )
}

/// The words of a list's removed and added items; all as written, Markdown kept, when an
/// item would read the same removed and added (only a link's target changed in it).
fn item_changes(
    kind: Kind,
    field: &str,
    removed: &[Value],
    added: &[Value],
) -> (Vec<String>, Vec<String>) {
    let read = |items: &[Value]| -> Vec<String> {
        items
            .iter()
            .map(|i| super::words::item_words(kind, field, i))
            .collect()
    };
    let (r, a) = (read(removed), read(added));
    if !r.iter().any(|w| a.contains(w)) {
        return (r, a);
    }
    let written = |items: &[Value]| -> Vec<String> {
        items
            .iter()
            .map(|i| super::as_written(kind, field, true, i))
            .collect()
    };
    (written(removed), written(added))
}

/// Added and removed items when both sides are lists (or absent), else `None`.
fn list_delta(old: &Value, new: &Value) -> Option<(Vec<Value>, Vec<Value>)> {
    let as_list = |v: &Value| match v {
        Value::Array(items) => Some(items.clone()),
        Value::Null => Some(Vec::new()),
        _ => None,
    };
    let (o, n) = (as_list(old)?, as_list(new)?);
    if old.is_null() && new.is_null() {
        return None;
    }
    let added: Vec<Value> = n.iter().filter(|i| !o.contains(i)).cloned().collect();
    let removed: Vec<Value> = o.iter().filter(|i| !n.contains(i)).cloned().collect();
    if added.is_empty() && removed.is_empty() {
        return None; // only the order changed: show both lists
    }
    Some((added, removed))
}

/// A value for people: absent as "(absent)", else in [`words`](super::words) (a
/// milestone as its date, title and description).
fn show(kind: Kind, field: &str, v: &Value) -> String {
    match v {
        Value::Null => DiffText::Absent.text(),
        other => super::words(kind, field, other),
    }
}

/// The diff as Markdown: a summary table, then the details of each document.
pub fn render_markdown(report: &Report) -> String {
    let paint = Paint::Plain;
    let (from, to) = report.labels();
    let mut out = String::new();
    let _ = writeln!(
        out,
        "### {}\n",
        DiffText::Heading {
            from: &from,
            to: &to
        }
        .text()
    );
    if report.changes.is_empty() && report.site_files.is_empty() {
        let _ = writeln!(out, "{}\n", DiffText::NoChanges.text());
    } else if !report.changes.is_empty() {
        markdown_table(&mut out, report, &paint);
        for change in &report.changes {
            markdown_details(&mut out, change);
        }
    }
    if !report.site_files.is_empty() {
        let _ = writeln!(out, "#### {}\n", DiffText::SiteFilesHeading.text());
        for f in &report.site_files {
            let _ = writeln!(
                out,
                "- {} {}",
                code(&f.path),
                inline(&change_word(f.change))
            );
        }
        out.push('\n');
    }
    markdown_enforcement(&mut out, report);
    out
}

fn markdown_table(out: &mut String, report: &Report, paint: &Paint) {
    let _ = writeln!(
        out,
        "{}\n",
        DiffText::Summary {
            changes: report.changes.len()
        }
        .text()
    );
    let _ = writeln!(
        out,
        "| {} | {} | {} |\n|---|---|---|",
        DiffText::TableDocument.text(),
        DiffText::TableChange.text(),
        DiffText::TableDetails.text()
    );
    for c in &report.changes {
        let change = match c.change {
            ChangeKind::Added => DiffText::Added.text(),
            ChangeKind::Removed => DiffText::Removed.text(),
            ChangeKind::Modified => DiffText::Modified.text(),
            ChangeKind::Moved => DiffText::MovedFrom {
                old_path: c.old_path.as_deref().unwrap_or_default(),
            }
            .text(),
        };
        let mut detail_parts: Vec<String> = c.fields.iter().map(|f| f.field.clone()).collect();
        if let Some(body) = &c.body {
            detail_parts.extend(body_summary(body));
        }
        let _ = paint;
        let _ = writeln!(
            out,
            "| {} {} | {} | {} |",
            inline(&subject(c)),
            code_in_table(&c.path),
            inline(&change),
            inline(&detail_parts.join(", "))
        );
    }
    out.push('\n');
}

fn markdown_details(out: &mut String, change: &DocChange) {
    if change.fields.is_empty() && change.body.is_none() {
        return;
    }
    let _ = writeln!(out, "#### {}\n", inline(&subject(change)));
    for f in &change.fields {
        let _ = writeln!(
            out,
            "- {}",
            inline(&field_summary(change.kind, f, &Paint::Plain))
        );
    }
    if let Some(body) = &change.body {
        if !change.fields.is_empty() {
            out.push('\n');
        }
        for p in &body.paragraphs {
            let line = match p {
                ParagraphChange::Added(t) => format!("> ➕ **{}**", inline(t)),
                ParagraphChange::Removed(t) => format!("> ➖ ~~{}~~", inline(t)),
                ParagraphChange::Changed(segs) => format!("> ✏️ {}", markdown_marks(segs)),
            };
            let _ = writeln!(out, "{line}\n");
        }
    }
    out.push('\n');
}

fn markdown_marks(segments: &[Segment]) -> String {
    segments
        .iter()
        .map(|s| match s {
            Segment::Same(t) => inline(t),
            Segment::Added(t) => wrap("**", t),
            Segment::Removed(t) => wrap("~~", t),
        })
        .collect()
}

/// Wraps the words of a segment, keeping its surrounding spaces outside the marks.
fn wrap(mark: &str, text: &str) -> String {
    let trimmed = text.trim();
    if trimmed.is_empty() {
        return inline(text);
    }
    // The spaces around, folded as the words are: a line break would end the quote.
    let lead = inline(&text[..text.len() - text.trim_start().len()]);
    let tail = inline(&text[text.trim_end().len()..]);
    format!("{lead}{mark}{}{mark}{tail}", inline(trimmed))
}

/// The sentence saying what `--enforce` judged.
fn scope(report: &Report) -> String {
    DiffText::EnforceScope {
        commits: report.judged.commits,
        roots: report.judged.root_commits,
        from: short(&report.from),
        to: short(&report.judged.tip),
    }
    .text()
}

fn markdown_enforcement(out: &mut String, report: &Report) {
    if !report.enforced {
        return;
    }
    let _ = writeln!(out, "{}\n", inline(&scope(report)));
    for (heading, list) in [
        (DiffText::ViolationsHeading, &report.violations),
        (DiffText::WarningsHeading, &report.warnings),
    ] {
        if list.is_empty() {
            continue;
        }
        let _ = writeln!(out, "#### {}\n", heading.text());
        for v in list {
            let _ = writeln!(out, "- {} {}", code(short(&v.commit)), inline(&v.message()));
        }
        out.push('\n');
    }
}

/// `diff --format json`, in the shape of CLI.md: the two sides (full hashes, `to` null for
/// the working tree), the changes, the violations, and under `--enforce` only the warnings
/// and what was judged.
#[derive(Serialize)]
pub struct ReportJson<'a> {
    from: &'a str,
    to: Option<&'a str>,
    changes: &'a [DocChange],
    /// Only when files of `static/` or `templates/` differ.
    #[serde(skip_serializing_if = "<[SiteFile]>::is_empty")]
    site_files: &'a [SiteFile],
    violations: &'a [Violation],
    #[serde(skip_serializing_if = "Option::is_none")]
    warnings: Option<&'a [Violation]>,
    #[serde(skip_serializing_if = "Option::is_none")]
    judged: Option<&'a Judged>,
}

/// The diff as JSON ([`ReportJson`]).
pub fn render_json(report: &Report) -> ReportJson<'_> {
    ReportJson {
        from: &report.from,
        to: report.to.as_deref(),
        changes: &report.changes,
        site_files: &report.site_files,
        violations: &report.violations,
        warnings: report.enforced.then_some(&report.warnings[..]),
        judged: report.enforced.then_some(&report.judged),
    }
}
