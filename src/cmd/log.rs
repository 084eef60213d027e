//! `codesocial log ID`: the history of one document, following moves, with each commit's
//! date, author, message, `Decision:` trailers and semantic change.

use std::process::ExitCode;

use serde_json::json;

use crate::cli::{LogArgs, LogFormat};
use crate::diff::{render_change, DocChange};
use crate::error::{Error, Result};
use crate::history::{doc_log, CommitInfo, GitRepo};
use crate::i18n::DiffText;
use crate::run::{exit, Context};

pub fn run(args: &LogArgs, ctx: &Context) -> Result<ExitCode> {
    let git = GitRepo::open(&ctx.base)?;
    let entries = doc_log(&git, &args.id)?;
    if entries.is_empty() {
        return Err(Error::UnknownId {
            id: args.id.clone(),
        });
    }
    match args.format {
        LogFormat::Text => crate::run::print(&text(&entries, ctx.color)),
        LogFormat::Json => crate::run::println(
            &serde_json::to_string_pretty(&json_log(&args.id, &entries)).unwrap_or_default(),
        ),
    }
    Ok(exit::success())
}

fn text(entries: &[(CommitInfo, DocChange)], color: bool) -> String {
    let mut out = String::new();
    for (info, change) in entries {
        let short = if color {
            format!("\x1b[33m{}\x1b[0m", info.short)
        } else {
            info.short.clone()
        };
        let date = crate::date::ymd(info.time);
        out.push_str(
            &DiffText::LogCommit {
                short: &short,
                date: &date,
                author: &info.author,
            }
            .text(),
        );
        out.push('\n');
        out.push_str(&format!("    {}\n", info.summary));
        for d in &info.decisions {
            out.push_str(&format!("    {}\n", DiffText::Decision { text: d }.text()));
        }
        for line in render_change(change, color).lines() {
            out.push_str(&format!("    {line}\n"));
        }
        out.push('\n');
    }
    out
}

fn json_log(id: &str, entries: &[(CommitInfo, DocChange)]) -> serde_json::Value {
    let commits: Vec<serde_json::Value> = entries
        .iter()
        .map(|(info, change)| {
            json!({
                "commit": info.id,
                "short": info.short,
                "date": crate::date::rfc3339(info.time),
                "author": info.author,
                "email": info.email,
                "summary": info.summary,
                "message": info.message,
                "decisions": info.decisions,
                "change": change,
            })
        })
        .collect();
    json!({ "id": id, "commits": commits })
}
