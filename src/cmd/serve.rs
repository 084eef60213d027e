//! `codesocial serve`: the live preview. The engine lives in [`crate::serve`]; this file
//! only settles the options, supplies the rebuild callback and stops on Ctrl-C.

use std::net::SocketAddr;
use std::path::Path;
use std::process::ExitCode;

use crate::cli::ServeArgs;
use crate::diag::Diagnostic;
use crate::error::{Error, Result};
use crate::i18n::serve::Serve;
use crate::run::{exit, Context};
use crate::serve::overlay::escape;
use crate::serve::{progress, Options, Server};
use crate::validate::Checked;

pub fn run(args: &ServeArgs, ctx: &Context) -> Result<ExitCode> {
    let dir = ctx.dir(&args.dir);
    let options = Options {
        dir: dir.clone(),
        addr: SocketAddr::new(args.bind, args.port),
        quiet: ctx.quiet,
        verbose: ctx.verbose > 0,
        progress: progress::wanted(ctx.quiet),
        open: args.open,
    };
    let build_ctx = ctx.clone();
    let server = Server::bind(options, move |out: &Path| preview(&dir, out, &build_ctx))?;
    let stopper = server.stopper();
    ctrlc::set_handler(move || stopper.stop()).map_err(|e| {
        Error::usage(
            Serve::SignalHandler {
                reason: &e.to_string(),
            }
            .text(),
            None,
        )
    })?;
    server.run()?;
    Ok(exit::success())
}

/// Checks `dir` and, when it has no errors, writes the site into `out`.
fn preview(dir: &Path, out: &Path, ctx: &Context) -> Result<Vec<Diagnostic>> {
    let checked = crate::validate::check_dir(dir, None, false, ctx)?;
    if checked.errors() == 0 {
        // WIRE: site::build — replace the placeholder below with
        // `site::build(&checked, dir, &opts)` writing into `out`.
        write_placeholder(&checked, out)?;
    }
    Ok(checked.diagnostics)
}

/// A one-page stand-in for the site: the organisation and its documents.
fn write_placeholder(checked: &Checked, out: &Path) -> Result<()> {
    let repo = &checked.repo;
    let name = repo
        .manifeste
        .as_ref()
        .map(|m| m.nom.clone())
        .unwrap_or_default();
    let mut items = String::new();
    for meta in repo.metas() {
        let title = repo
            .principe(&meta.id)
            .filter(|_| meta.kind == crate::load::Kind::Principe)
            .map(|p| p.titre.clone())
            .unwrap_or_else(|| meta.id.clone());
        items.push_str(&format!(
            "<li><small>{}</small> {} <code>{}</code></li>\n",
            escape(meta.kind.name()),
            escape(&title),
            escape(&meta.path)
        ));
    }
    let page = format!(
        "<!DOCTYPE html>\n<html lang=\"{lang}\"><head><meta charset=\"utf-8\"><title>{name}</title></head>\n<body><h1>{name}</h1>\n<p>{note}</p>\n<h2>{docs}</h2>\n<ul>\n{items}</ul>\n</body></html>\n",
        lang = repo.langue().code(),
        name = escape(&name),
        note = escape(&Serve::PlaceholderNote.text()),
        docs = escape(&Serve::PlaceholderDocuments.text()),
    );
    let index = out.join("index.html");
    std::fs::write(&index, page).map_err(|e| Error::io(index, e))
}
