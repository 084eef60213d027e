//! `codesocial log ID`: the history of one document along the first-parent chain,
//! following moves, with each commit's date, author, message, `Decision:` trailers and
//! semantic change; a merge names the commits it brought in, shows its own change of
//! the document (what differs from every parent, the rule of `diff --enforce`) apart from
//! what it brought in, and a shallow clone's boundary is said, never shown as a change.

use std::process::ExitCode;

use serde::Serialize;

use super::{exit, out, Context};
use crate::cli::{LogArgs, LogFormat};
use crate::diff::render_change;
use crate::diff::DocChange;
use crate::error::{Error, Result};
use crate::escape::terminal::{one_line, paint, Style};
use crate::history::{doc_log, CommitInfo, DocLog, GitRepo, Truncation};
use crate::i18n::DiffText;

pub fn run(args: &LogArgs, ctx: &Context) -> Result<ExitCode> {
    let git = GitRepo::open(&ctx.base)?;
    git.head()?;
    let id = crate::history::document_id(&args.id);
    let log = doc_log(&git, &id)?;
    if log.entries.is_empty() && !log.at_boundary {
        return Err(Error::UnknownId {
            id: args.id.clone(),
        });
    }
    for (short, path) in &log.not_utf8 {
        out::eprintln(&DiffText::LogNameNotUtf8 { short, path }.text());
    }
    match args.format {
        LogFormat::Text => {
            out::print(&text(&log, ctx.color));
            if let Some(t) = &log.truncated {
                out::eprintln(&truncated(t));
                out::eprintln(&DiffText::FetchWholeHistory.text());
            }
        }
        LogFormat::Json => out::print_json(&json_log(&id, &log)),
    }
    Ok(exit::success())
}

fn truncated(t: &Truncation) -> String {
    DiffText::Truncated {
        short: &t.short,
        date: &t.date,
    }
    .text()
}

fn text(log: &DocLog, color: bool) -> String {
    let mut out = String::new();
    for entry in &log.entries {
        let info = &entry.info;
        let short = if color {
            paint(Style::Yellow, &info.short)
        } else {
            info.short.clone()
        };
        let date = crate::date::ymd(info.time);
        out.push_str(
            &DiffText::LogCommit {
                short: &short,
                date: &date,
                author: &one_line(&info.author),
            }
            .text(),
        );
        out.push('\n');
        out.push_str(&format!("    {}\n", one_line(&info.summary)));
        for d in &info.decisions {
            let text = &one_line(d);
            out.push_str(&format!("    {}\n", DiffText::Decision { text }.text()));
        }
        merged_lines(&mut out, &entry.merged);
        match &entry.own {
            None => change_lines(&mut out, &entry.change, color, "    "),
            Some(own) => {
                // What it brought in, under its commits; then its own change, apart.
                if let Some(brought) = &own.brought {
                    change_lines(&mut out, brought, color, "      ");
                }
                let decided = !info.decisions.is_empty();
                let head = DiffText::MergeOwnChange { decided }.text();
                out.push_str(&format!("    {head}\n"));
                change_lines(&mut out, &own.change, color, "      ");
            }
        }
        out.push('\n');
    }
    out
}

/// A change, each line indented by `indent`.
fn change_lines(out: &mut String, change: &DocChange, color: bool, indent: &str) {
    for line in render_change(change, color).lines() {
        out.push_str(&format!("{indent}{line}\n"));
    }
}

/// A merge's commits, each with its decisions.
fn merged_lines(out: &mut String, merged: &[CommitInfo]) {
    if merged.is_empty() {
        return;
    }
    out.push_str(&format!("    {}\n", DiffText::MergeBrings.text()));
    for m in merged {
        let (summary, author) = (one_line(&m.summary), one_line(&m.author));
        out.push_str(&format!("      {} {summary} — {author}\n", m.short));
        for d in &m.decisions {
            let text = &one_line(d);
            out.push_str(&format!("        {}\n", DiffText::Decision { text }.text()));
        }
    }
}

/// `log --format json` (CLI.md): the document's id, its commits newest first, and where a
/// shallow clone's history stops (`null` when it does not).
#[derive(Serialize)]
struct LogJson<'a> {
    id: &'a str,
    commits: Vec<EntryJson<'a>>,
    truncated: Option<BoundaryJson<'a>>,
}

/// A commit: full and short hash, author date (RFC 3339), author, message, decisions.
#[derive(Serialize)]
struct CommitJson<'a> {
    commit: &'a str,
    short: &'a str,
    date: String,
    author: &'a str,
    email: &'a str,
    summary: &'a str,
    message: &'a str,
    decisions: &'a [String],
}

impl<'a> CommitJson<'a> {
    fn of(info: &'a CommitInfo) -> Self {
        CommitJson {
            commit: &info.id,
            short: &info.short,
            date: crate::date::rfc3339(info.time),
            author: &info.author,
            email: &info.email,
            summary: &info.summary,
            message: &info.message,
            decisions: &info.decisions,
        }
    }
}

/// A commit of the log, with the document's change in it and, for a merge, the commits it
/// brought in.
#[derive(Serialize)]
struct EntryJson<'a> {
    #[serde(flatten)]
    commit: CommitJson<'a>,
    change: &'a DocChange,
    merged: Vec<CommitJson<'a>>,
    /// A merge's own change of the document, apart from what it brought in (`null` for
    /// any other entry): decided by the entry's own `decisions` only.
    own_change: Option<OwnJson<'a>>,
}

/// A merge's own change: `brought`, what it brought in of the document (from its first
/// parent; `null` when nothing), and `change`, what it changed beyond that.
#[derive(Serialize)]
struct OwnJson<'a> {
    brought: Option<&'a DocChange>,
    change: &'a DocChange,
}

/// The boundary commit of a shallow clone.
#[derive(Serialize)]
struct BoundaryJson<'a> {
    commit: &'a str,
    short: &'a str,
    date: String,
}

fn json_log<'a>(id: &'a str, log: &'a DocLog) -> LogJson<'a> {
    LogJson {
        id,
        commits: log
            .entries
            .iter()
            .map(|entry| EntryJson {
                commit: CommitJson::of(&entry.info),
                change: &entry.change,
                merged: entry.merged.iter().map(CommitJson::of).collect(),
                own_change: entry.own.as_ref().map(|own| OwnJson {
                    brought: own.brought.as_ref(),
                    change: &own.change,
                }),
            })
            .collect(),
        truncated: log.truncated.as_ref().map(|t| BoundaryJson {
            commit: &t.commit,
            short: &t.short,
            date: crate::date::rfc3339(t.time),
        }),
    }
}
