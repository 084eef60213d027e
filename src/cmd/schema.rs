//! `codesocial schema [KIND]`: the published JSON Schemas, for editors and other tools.

use std::process::ExitCode;

use super::{exit, out, Context};
use crate::cli::SchemaArgs;
use crate::error::{Error, Result};
use crate::format::Kind;
use strum::IntoEnumIterator;

pub fn run(args: &SchemaArgs, _ctx: &Context) -> Result<ExitCode> {
    let names: Vec<&str> = Kind::iter().map(|k| k.name()).collect();
    match &args.kind {
        None => {
            for name in names {
                out::println(name);
            }
        }
        Some(name) => {
            let Some(kind) = Kind::from_name(name) else {
                let suggestion = crate::validate::closest(name, names.iter().copied());
                return Err(Error::UnknownKind {
                    name: name.clone(),
                    suggestion,
                    kinds: names.iter().map(|n| n.to_string()).collect(),
                });
            };
            // In the language of messages: titles and descriptions are what an editor
            // shows the writer.
            out::print(&crate::i18n::schema::source_in(kind, crate::i18n::lang()));
        }
    }
    Ok(exit::success())
}
