//! Printing diagnostics: miette graphics for people, JSON for scripts, GitHub workflow
//! commands for annotations, SARIF for code scanning. The validator never prints.

use std::collections::HashMap;
use std::fmt;

use miette::{GraphicalReportHandler, GraphicalTheme, LabeledSpan, NamedSource, SourceCode};
use serde::Serialize;

use crate::diag::{Diagnostic, Severity};
use crate::load::SourceFile;

/// Width of the graphical report: `COLUMNS` if set, else 100.
fn width() -> usize {
    std::env::var("COLUMNS")
        .ok()
        .and_then(|c| c.parse().ok())
        .filter(|&w: &usize| w >= 40)
        .unwrap_or(100)
}

/// Most diagnostics the human report prints for one file, and for one run; past them one
/// line says how many more there are and that `--format json` (like the other formats)
/// holds them all. Reading thousands of problems on a terminal helps nobody, and each
/// costs the time to draw it.
pub const MAX_SHOWN_PER_FILE: usize = 100;
pub const MAX_SHOWN: usize = 1000;

/// Most diagnostics of one code the human report prints for one line: a line of 200
/// broken links shows the first ones, the last of them counting the rest and their columns
/// ("and 197 more on this line"), as linters group repeats. The other formats keep all.
pub const MAX_SHOWN_PER_LINE: usize = 3;

/// Where a diagnostic stands, for [`MAX_SHOWN_PER_LINE`]: its file, line and code.
type LineKey<'a> = (Option<&'a str>, Option<usize>, &'static str);

/// The diagnostics as a person reads them, with the source lines and underlined spans.
/// Linear in what it prints: each snippet is cut from the file through its line index
/// (never by scanning the file or the line again), and a long line is shown as a window
/// around the span ([`Excerpt`]).
pub fn human(diagnostics: &[Diagnostic], files: &[SourceFile], color: bool) -> String {
    let by_path: HashMap<&str, &SourceFile> = files.iter().map(|f| (f.path.as_str(), f)).collect();
    let theme = if color {
        GraphicalTheme::unicode()
    } else {
        GraphicalTheme::unicode_nocolor()
    };
    let handler = GraphicalReportHandler::new_themed(theme)
        .with_width(width())
        .with_links(false);
    let mut out = String::new();
    let mut per_file: HashMap<Option<&str>, usize> = HashMap::new();
    // The columns of each line's diagnostics of one code, in order, for the count.
    let mut per_line: HashMap<LineKey, Vec<usize>> = HashMap::new();
    for d in diagnostics.iter().filter(|d| d.line.is_some()) {
        per_line
            .entry((d.file.as_deref(), d.line, d.code))
            .or_default()
            .push(d.column.unwrap_or(0));
    }
    let mut on_line: HashMap<LineKey, usize> = HashMap::new();
    let (mut shown, mut omitted) = (0, 0);
    for d in diagnostics {
        let key = (d.file.as_deref(), d.line, d.code);
        let nth = on_line.entry(key).or_default();
        *nth += 1;
        let rest = per_line
            .get(&key)
            .filter(|_| *nth == MAX_SHOWN_PER_LINE)
            .map(|all| &all[MAX_SHOWN_PER_LINE.min(all.len())..]);
        if d.line.is_some() && *nth > MAX_SHOWN_PER_LINE {
            continue;
        }
        let in_file = per_file.entry(d.file.as_deref()).or_default();
        if shown >= MAX_SHOWN || (d.file.is_some() && *in_file >= MAX_SHOWN_PER_FILE) {
            omitted += 1;
            continue;
        }
        *in_file += 1;
        shown += 1;
        let source = match (&d.file, &d.span) {
            (Some(path), Some(span)) => by_path
                .get(path.as_str())
                .and_then(|f| Excerpt::new(f, span, d.column))
                .map(|excerpt| Snippet::new(one_line(path), excerpt)),
            _ => None,
        };
        let shown = Shown {
            d,
            source,
            message: clip(&one_line(&format!(
                "{}{}",
                d.message,
                rest.map(crate::i18n::check::more_on_this_line)
                    .unwrap_or_default()
            ))),
            help: d.help.as_deref().map(|h| clip(&visible(h))),
        };
        if handler.render_report(&mut out, &shown).is_err() {
            out.push_str(&shown.message);
        }
        out.push('\n');
    }
    if omitted > 0 {
        let more = crate::i18n::Ui::MoreDiagnostics {
            omitted,
            per_file: MAX_SHOWN_PER_FILE,
            per_run: MAX_SHOWN,
        };
        out.push_str(&more.text());
        out.push_str("\n\n");
    }
    let out = localise_help(out);
    let out = crate::escape::terminal::no_line_opens_a_workflow_command(&out).into_owned();
    if color {
        // Every piece of content above went through `visible`: the escape sequences left
        // are miette's colours, kept as marks through the terminal layer.
        crate::escape::terminal::keep_our_styles(&out)
    } else {
        out
    }
}

/// An error that stops a command, as a person reads it: shown like a diagnostic about the
/// whole repository, with the same help label.
pub fn error(err: &crate::error::Error, color: bool) -> String {
    human(&[Diagnostic::new(err.record(), None)], &[], color)
}

/// Longest snippet shown under a message (bytes, lines) when it spans several lines; past
/// it the report names the line and column only, so that a huge span cannot flood the
/// terminal.
const MAX_SNIPPET_BYTES: usize = 4096;
const MAX_SNIPPET_LINES: usize = 40;
/// Longest message or help shown to a person (characters).
const MAX_MESSAGE_CHARS: usize = 1000;
/// A line longer than this (bytes) is shown as a window around the span: this much before
/// it and after it, an ellipsis where the line goes on; a longer span is cut to
/// [`MAX_WINDOW_SPAN`]. A context line that long is cut after [`WINDOW_CONTEXT`] bytes.
const MAX_LINE_BYTES: usize = 200;
const WINDOW_CONTEXT: usize = 60;
const MAX_WINDOW_SPAN: usize = 120;

/// The lines around a span, cut from the file through its line index, as miette shows
/// them: control characters replaced by characters of the same length, every line break
/// written `\n`, a long line windowed around the span. Costs the lines it shows, never
/// the file's or the line's length.
struct Excerpt {
    text: String,
    /// The span, in `text`.
    span: std::ops::Range<usize>,
    /// The 0-based number of the first line of `text` in the file.
    first_line: usize,
    /// The 0-based column (characters) of the span's start in the file.
    column: usize,
}

impl Excerpt {
    /// `None` when the span is not in the file, or covers too many lines or bytes.
    fn new(
        file: &SourceFile,
        span: &std::ops::Range<usize>,
        column: Option<usize>,
    ) -> Option<Self> {
        let text = &file.text;
        let (start, end) = (span.start, span.end);
        if start > end
            || end > text.len()
            || !text.is_char_boundary(start)
            || !text.is_char_boundary(end)
        {
            return None;
        }
        let lines = &file.lines;
        let first = lines.line_of(start);
        let last = lines.line_of(end.saturating_sub(1).max(start));
        if last - first + 1 >= MAX_SNIPPET_LINES {
            return None;
        }
        let column = match column {
            Some(c) => c.saturating_sub(1),
            None => lines.position(text, start).1 - 1,
        };
        let from = first.saturating_sub(1).max(1);
        let mut to = (last + 1).min(lines.count());
        if to > last && lines.line_start(to) == Some(text.len()) {
            // The empty "line" after the file's last line break is no line to show.
            to -= 1;
        }
        let mut out = Excerpt {
            text: String::new(),
            span: 0..0,
            first_line: from - 1,
            column,
        };
        if first != last {
            let region = lines.bounds(text, first)?.start..lines.bounds(text, last)?.end;
            if region.len() > MAX_SNIPPET_BYTES {
                return None;
            }
        }
        for n in from..=to {
            let bounds = lines.bounds(text, n)?;
            let line = &text[bounds.clone()];
            let at = out.text.len();
            if first == last && n == first && line.len() > MAX_LINE_BYTES {
                let shown_end = floor(text, end.min(start + MAX_WINDOW_SPAN));
                let from_byte = floor(text, start.saturating_sub(WINDOW_CONTEXT).max(bounds.start));
                let to_byte = ceil(
                    text,
                    (shown_end.max(start + 1) + WINDOW_CONTEXT).min(bounds.end),
                );
                let mut piece = String::new();
                if from_byte > bounds.start {
                    piece.push('…');
                }
                let offset = piece.len();
                piece.push_str(&text[from_byte..to_byte]);
                if to_byte < bounds.end {
                    piece.push('…');
                }
                out.span = at + offset + (start - from_byte)..at + offset + (shown_end - from_byte);
                out.text.push_str(&displayable_source(&piece));
            } else if n < first || n > last {
                if line.len() > MAX_LINE_BYTES {
                    let cut = floor(text, bounds.start + WINDOW_CONTEXT);
                    out.text
                        .push_str(&displayable_source(&text[bounds.start..cut]));
                    out.text.push('…');
                } else {
                    out.text.push_str(&displayable_source(line));
                }
            } else {
                if n == first {
                    out.span.start = at + (start - bounds.start);
                }
                if n == last {
                    out.span.end = at + (end.min(bounds.end).max(bounds.start) - bounds.start);
                }
                out.text.push_str(&displayable_source(line));
            }
            out.text.push('\n');
        }
        out.span.end = out.span.end.max(out.span.start);
        Some(out)
    }
}

/// The nearest character boundary of `text` at or before `i`.
fn floor(text: &str, mut i: usize) -> usize {
    i = i.min(text.len());
    while !text.is_char_boundary(i) {
        i -= 1;
    }
    i
}

/// The nearest character boundary of `text` at or after `i`.
fn ceil(text: &str, mut i: usize) -> usize {
    i = i.min(text.len());
    while !text.is_char_boundary(i) {
        i += 1;
    }
    i
}

/// Control characters (terminal escapes, bidirectional overrides) written visibly, so that
/// a file name or a YAML value cannot drive the reader's terminal: the terminal layer,
/// [`crate::escape::terminal::shown`].
pub fn visible(s: &str) -> String {
    crate::escape::terminal::shown(s).into_owned()
}

/// A value placed on one line of the report (a file name, a message, a label): every
/// line break of the content written visibly, so that none starts a line of its own
/// ([`crate::escape::terminal::one_line`]). A help may span lines of ours; the values it
/// quotes are made one-line where it is written (`i18n::record::did_you_mean`).
pub fn one_line(s: &str) -> String {
    crate::escape::terminal::one_line(s).into_owned()
}

/// A string shortened to [`MAX_MESSAGE_CHARS`] characters.
fn clip(s: &str) -> String {
    match s.char_indices().nth(MAX_MESSAGE_CHARS) {
        Some((i, _)) => format!("{}…", &s[..i]),
        None => s.to_string(),
    }
}

/// The source as miette shows it: same byte offsets, but control characters replaced by
/// characters of the same length, and a lone `\r` (old Mac line ending) shown as a break.
fn displayable_source(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    let mut chars = text.chars().peekable();
    while let Some(c) = chars.next() {
        match c {
            '\r' if chars.peek() == Some(&'\n') => out.push('\r'),
            '\r' => out.push('\n'),
            '\n' | '\t' => out.push(c),
            c if crate::escape::is_control(c) => match c.len_utf8() {
                1 => out.push('?'),
                2 => out.push('\u{00BF}'),
                _ => out.push('\u{FFFD}'),
            },
            c => out.push(c),
        }
    }
    out
}

/// miette prints its own "help:" label in English; French readers get "aide :".
fn localise_help(out: String) -> String {
    if crate::i18n::lang() != crate::i18n::Lang::Fr {
        return out;
    }
    let label = crate::i18n::Ui::HelpLabel.text();
    // The lines miette wrapped after a help line are indented under "help: ": shift them
    // under the longer label. `None` outside a help.
    let mut continuation: Option<String> = None;
    let mut localised = String::with_capacity(out.len());
    for line in out.lines() {
        let trimmed = line.trim_start();
        let indent = &line[..line.len() - trimmed.len()];
        if let Some(rest) = trimmed.strip_prefix("help: ") {
            localised.push_str(&format!("{indent}{label} {rest}\n"));
            continuation = Some(format!("{indent}      "));
        } else if let Some(under) = continuation.as_deref().filter(|u| line.starts_with(u)) {
            let pad = " ".repeat(label.chars().count() + 1 - "help: ".len());
            localised.push_str(&format!("{under}{pad}{}\n", &line[under.len()..]));
        } else {
            continuation = None;
            localised.push_str(&format!("{line}\n"));
        }
    }
    localised
}

/// An [`Excerpt`] as miette reads it, placed by the file's own lines and columns (columns
/// in characters, as the crate's one position function counts them), so that
/// `file:line:column` reads the same as in JSON, GitHub annotations and SARIF.
struct Snippet {
    source: NamedSource<String>,
    span: std::ops::Range<usize>,
    first_line: usize,
    column: usize,
}

impl Snippet {
    fn new(name: String, excerpt: Excerpt) -> Self {
        Snippet {
            source: NamedSource::new(name, excerpt.text),
            span: excerpt.span,
            first_line: excerpt.first_line,
            column: excerpt.column,
        }
    }
}

impl SourceCode for Snippet {
    fn read_span<'b>(
        &'b self,
        span: &miette::SourceSpan,
        before: usize,
        after: usize,
    ) -> Result<Box<dyn miette::SpanContents<'b> + 'b>, miette::MietteError> {
        let contents = self.source.read_span(span, before, after)?;
        // Read from the span itself: the span's column in the file; from a line's start:
        // none.
        let column = if before == 0 { self.column } else { 0 };
        Ok(Box::new(miette::MietteSpanContents::new_named(
            contents.name().unwrap_or_default().to_string(),
            contents.data(),
            *contents.span(),
            self.first_line + contents.line(),
            column,
            contents.line_count(),
        )))
    }
}

/// A diagnostic dressed for miette.
struct Shown<'a> {
    d: &'a Diagnostic,
    source: Option<Snippet>,
    /// The message and help, made safe for a terminal.
    message: String,
    help: Option<String>,
}

impl fmt::Debug for Shown<'_> {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        self.d.fmt(f)
    }
}

impl fmt::Display for Shown<'_> {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match (&self.d.file, &self.source, self.d.line, self.d.column) {
            // Without a source snippet, say where in the message itself.
            (Some(file), None, Some(line), Some(col)) => {
                write!(f, "{}:{line}:{col}: {}", one_line(file), self.message)
            }
            (Some(file), None, _, _) => write!(f, "{}: {}", one_line(file), self.message),
            _ => f.write_str(&self.message),
        }
    }
}

impl std::error::Error for Shown<'_> {}

impl miette::Diagnostic for Shown<'_> {
    fn code<'a>(&'a self) -> Option<Box<dyn fmt::Display + 'a>> {
        Some(Box::new(self.d.code))
    }

    fn severity(&self) -> Option<miette::Severity> {
        Some(match self.d.severity {
            Severity::Error => miette::Severity::Error,
            Severity::Warning => miette::Severity::Warning,
        })
    }

    fn help<'a>(&'a self) -> Option<Box<dyn fmt::Display + 'a>> {
        self.help
            .as_ref()
            .map(|h| Box::new(h) as Box<dyn fmt::Display>)
    }

    fn source_code(&self) -> Option<&dyn SourceCode> {
        self.source.as_ref().map(|s| s as &dyn SourceCode)
    }

    fn labels(&self) -> Option<Box<dyn Iterator<Item = LabeledSpan> + '_>> {
        let span = self.source.as_ref()?.span.clone();
        let len = span.len().max(usize::from(span.is_empty()));
        let label = LabeledSpan::new(self.d.label.as_deref().map(one_line), span.start, len);
        Some(Box::new(std::iter::once(label)))
    }
}

/// `check --format json`, exactly as CLI.md shows it: counts, then every diagnostic.
#[derive(Serialize)]
pub struct CheckJson<'a> {
    pub errors: usize,
    pub warnings: usize,
    pub diagnostics: &'a [Diagnostic],
}

/// `check --format json` of these diagnostics.
pub fn json(diagnostics: &[Diagnostic]) -> CheckJson<'_> {
    let errors = diagnostics.iter().filter(|d| d.is_error()).count();
    CheckJson {
        errors,
        warnings: diagnostics.len() - errors,
        diagnostics,
    }
}

/// GitHub workflow commands: one annotation per diagnostic. `prefix` is the folder's path
/// from the repository root, so annotations land on the right file.
pub fn github(diagnostics: &[Diagnostic], prefix: &str) -> String {
    let mut out = String::new();
    for d in diagnostics {
        let level = match d.severity {
            Severity::Error => "error",
            Severity::Warning => "warning",
        };
        let mut props = Vec::new();
        // A name the runner could misread (`##[` in it, a control character) is shown
        // altered, and an altered name places the annotation on no file: then it is left
        // out, and the message names the file.
        let mut unplaced = None;
        if let Some(file) = &d.file {
            let path = join(prefix, file);
            let shown = visible(&path);
            if shown == path {
                props.push(format!(
                    "file={}",
                    crate::escape::workflow::property(&shown)
                ));
            } else {
                unplaced = Some(shown);
            }
        }
        // No place in a file without its file.
        if unplaced.is_none() {
            if let Some(line) = d.line {
                props.push(format!("line={line}"));
            }
            if let Some(col) = d.column {
                props.push(format!("col={col}"));
            }
            if let Some(end) = d.end_line {
                props.push(format!("endLine={end}"));
            }
            if let (Some(end), true) = (d.end_column, d.end_line == d.line) {
                props.push(format!("endColumn={end}"));
            }
        }
        props.push(format!(
            "title={}",
            crate::escape::workflow::property(d.code)
        ));
        let mut message = match (&unplaced, d.line) {
            (Some(file), Some(line)) => format!("{file}:{line}: {}", visible(&d.message)),
            (Some(file), None) => format!("{file}: {}", visible(&d.message)),
            (None, _) => visible(&d.message),
        };
        if let Some(help) = &d.help {
            message.push('\n');
            message.push_str(&visible(help));
        }
        out.push_str(&format!(
            "::{level} {}::{}\n",
            props.join(","),
            crate::escape::workflow::data(&message)
        ));
    }
    out
}

fn join(prefix: &str, file: &str) -> String {
    if prefix.is_empty() || prefix == "." {
        file.to_string()
    } else {
        format!("{}/{file}", prefix.trim_end_matches('/'))
    }
}

/// A SARIF 2.1.0 log (<https://docs.oasis-open.org/sarif/sarif/v2.1.0/sarif-v2.1.0.html>),
/// reduced to the properties code scanning reads. Field order is the output's key order.
pub mod sarif_log {
    use serde::Serialize;

    /// The whole log: one run.
    #[derive(Serialize)]
    pub struct Log<'a> {
        #[serde(rename = "$schema")]
        pub schema: &'static str,
        pub version: &'static str,
        pub runs: [Run<'a>; 1],
    }

    /// One run of one tool.
    #[derive(Serialize)]
    #[serde(rename_all = "camelCase")]
    pub struct Run<'a> {
        pub tool: Tool<'a>,
        /// Always `unicodeCodePoints`: columns count characters, as CLI.md says.
        pub column_kind: &'static str,
        pub results: Vec<Result<'a>>,
    }

    /// `tool`: its `driver` only.
    #[derive(Serialize)]
    pub struct Tool<'a> {
        pub driver: Driver<'a>,
    }

    /// The tool that ran, and its rules (one per diagnostic code used).
    #[derive(Serialize)]
    #[serde(rename_all = "camelCase")]
    pub struct Driver<'a> {
        pub name: &'static str,
        pub version: &'static str,
        pub information_uri: &'static str,
        pub rules: Vec<Rule<'a>>,
    }

    /// A rule: a diagnostic code, its page in docs/diagnostics.md and its help, given once.
    #[derive(Serialize)]
    #[serde(rename_all = "camelCase")]
    pub struct Rule<'a> {
        pub id: &'a str,
        /// The code without `codesocial::`, `::` turned to `/`.
        pub name: String,
        pub help_uri: String,
        pub short_description: Text<'a>,
        #[serde(skip_serializing_if = "Option::is_none")]
        pub help: Option<Text<'a>>,
    }

    /// A `message`-shaped object: `{ "text": … }`.
    #[derive(Serialize)]
    pub struct Text<'a> {
        pub text: std::borrow::Cow<'a, str>,
    }

    /// One diagnostic.
    #[derive(Serialize)]
    #[serde(rename_all = "camelCase")]
    pub struct Result<'a> {
        pub rule_id: &'a str,
        /// Index of the rule in [`Driver::rules`].
        pub rule_index: usize,
        /// `error` or `warning`.
        pub level: &'static str,
        pub message: Text<'a>,
        pub locations: [Location; 1],
    }

    /// `{ "physicalLocation": … }`.
    #[derive(Serialize)]
    #[serde(rename_all = "camelCase")]
    pub struct Location {
        pub physical_location: PhysicalLocation,
    }

    /// A file and, when known, the region in it.
    #[derive(Serialize)]
    #[serde(rename_all = "camelCase")]
    pub struct PhysicalLocation {
        pub artifact_location: ArtifactLocation,
        #[serde(skip_serializing_if = "Option::is_none")]
        pub region: Option<Region>,
    }

    /// `{ "uri": … }`: relative to the repository root, percent-encoded.
    #[derive(Serialize)]
    pub struct ArtifactLocation {
        pub uri: String,
    }

    /// Lines from 1; columns in characters from 1, the end column exclusive.
    #[derive(Serialize)]
    #[serde(rename_all = "camelCase")]
    pub struct Region {
        pub start_line: usize,
        #[serde(skip_serializing_if = "Option::is_none")]
        pub start_column: Option<usize>,
        pub end_line: usize,
        #[serde(skip_serializing_if = "Option::is_none")]
        pub end_column: Option<usize>,
    }
}

/// SARIF 2.1.0: one run, one rule per code used (its help given once, in the rule), one
/// result per diagnostic.
///
/// Columns count characters (`columnKind: unicodeCodePoints`), end columns are exclusive as
/// SARIF wants, URIs are relative to the repository root and percent-encoded (file names
/// may hold spaces and accents). A diagnostic about the whole repository is placed on its
/// manifest, `codesocial.yaml`, since code scanning drops results without a location.
pub fn sarif<'a>(diagnostics: &'a [Diagnostic], prefix: &str) -> sarif_log::Log<'a> {
    use sarif_log::*;
    use std::borrow::Cow;
    /// What a relative URI reference keeps as it is: `/` and RFC 3986's unreserved characters.
    const PATH: &percent_encoding::AsciiSet = &percent_encoding::NON_ALPHANUMERIC
        .remove(b'-')
        .remove(b'.')
        .remove(b'_')
        .remove(b'~')
        .remove(b'/');
    let mut codes: Vec<&str> = diagnostics.iter().map(|d| d.code).collect();
    codes.sort_unstable();
    codes.dedup();
    // Each rule's help, given once in its descriptor: the help of its first diagnostic. A
    // result repeats a help only when it says something else (a "did you mean").
    let mut helps: HashMap<&str, &str> = HashMap::new();
    for d in diagnostics {
        if let Some(help) = &d.help {
            helps.entry(d.code).or_insert(help);
        }
    }
    let rules = codes
        .iter()
        .map(|&code| Rule {
            id: code,
            name: code.trim_start_matches("codesocial::").replace("::", "/"),
            help_uri: format!(
                "https://github.com/codesocial/codesocial/blob/main/docs/diagnostics.md#{}",
                crate::slug::anchor(code)
            ),
            short_description: Text {
                text: Cow::Borrowed(code),
            },
            help: helps.get(code).map(|&help| Text {
                text: Cow::Borrowed(help),
            }),
        })
        .collect();
    let results = diagnostics
        .iter()
        .map(|d| {
            let mut text = Cow::Borrowed(d.message.as_str());
            if let Some(help) = d.help.as_deref().filter(|h| helps.get(d.code) != Some(h)) {
                text = Cow::Owned(format!("{} — {help}", d.message));
            }
            let file = d.file.as_deref().unwrap_or("codesocial.yaml");
            let region = d.line.map(|line| Region {
                start_line: line,
                start_column: d.column,
                end_line: d.end_line.unwrap_or(line).max(line),
                end_column: d.end_column.or(d.column),
            });
            Result {
                rule_id: d.code,
                rule_index: codes.iter().position(|c| *c == d.code).unwrap_or_default(),
                level: match d.severity {
                    Severity::Error => "error",
                    Severity::Warning => "warning",
                },
                message: Text { text },
                locations: [Location {
                    physical_location: PhysicalLocation {
                        artifact_location: ArtifactLocation {
                            uri: percent_encoding::utf8_percent_encode(&join(prefix, file), PATH)
                                .to_string(),
                        },
                        region,
                    },
                }],
            }
        })
        .collect();
    Log {
        schema: "https://json.schemastore.org/sarif-2.1.0.json",
        version: "2.1.0",
        runs: [Run {
            tool: Tool {
                driver: Driver {
                    name: "codesocial",
                    version: env!("CARGO_PKG_VERSION"),
                    information_uri: "https://github.com/codesocial/codesocial",
                    rules,
                },
            },
            column_kind: "unicodeCodePoints",
            results,
        }],
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn at(file: &str) -> Diagnostic {
        Diagnostic {
            severity: Severity::Error,
            code: "codesocial::test",
            message: "message".into(),
            file: Some(file.into()),
            line: Some(3),
            column: Some(2),
            end_line: Some(3),
            end_column: Some(5),
            help: None,
            span: None,
            label: None,
        }
    }

    /// A file name the runner could misread cannot be given as `file=` (it is shown
    /// altered, so the annotation would name no file): the message names it instead, and
    /// no line holds `##[`. A plain name keeps its place.
    #[test]
    fn an_annotation_names_an_unsafe_file_in_its_message() {
        let out = github(&[at("principes/##[error]x.md")], "");
        assert!(!out.contains("##["), "{out}");
        assert!(!out.contains("file="), "{out}");
        assert!(!out.contains("line="), "{out}");
        assert!(
            out.starts_with("::error title=codesocial%3A%3Atest::principes/#"),
            "{out}"
        );
        assert!(out.contains("x.md:3: message"), "{out}");
        let out = github(&[at("principes/a.md")], "org");
        assert_eq!(
            out,
            "::error file=org/principes/a.md,line=3,col=2,endLine=3,endColumn=5,title=codesocial%3A%3Atest::message\n"
        );
    }
}
