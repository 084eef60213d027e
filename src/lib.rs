//! `codesocial`: a #CodeSocial repository treated like source code.
//!
//! The pipeline, stage by stage: [`load`] (files → YAML with spans) → [`model`] (typed
//! documents) → [`validate`] (diagnostics) → [`history`] (the same model from any git tree)
//! → [`diff`] (model against model) → [`site`] (view models → templates → files).
//! Commands in [`cmd`] compose the stages; [`run::run`] is the single exit point.

pub(crate) mod bilan;
pub(crate) mod cli;
pub(crate) mod cmd;
pub(crate) mod date;
pub(crate) mod diag;
pub(crate) mod diff;
pub(crate) mod ecosystem;
pub(crate) mod error;
pub(crate) mod escape;
pub(crate) mod format;
/// The work of each fuzz target (`fuzz/`), one function per target. Not a stable interface.
#[doc(hidden)]
pub mod fuzzing;
pub(crate) mod guard;
pub(crate) mod history;
pub(crate) mod html;
pub(crate) mod i18n;
pub(crate) mod import;
pub(crate) mod init;
pub(crate) mod jsonld;
pub(crate) mod load;
pub(crate) mod markdown;
pub(crate) mod memo;
pub(crate) mod model;
pub(crate) mod report;
pub(crate) mod run;
pub(crate) mod schema;
pub(crate) mod serve;
pub(crate) mod settings;
pub(crate) mod site;
pub(crate) mod slug;
pub(crate) mod timing;
pub(crate) mod urls;
pub(crate) mod validate;

pub use run::{fail, run};

/// What the binary needs besides [`run`]: the language chosen before parsing (so that
/// clap's own messages are translated), the parser, and the phase timer.
pub mod entry {
    pub use crate::cli::text::parse;
    pub use crate::i18n::{from_command_line, set_lang};
    pub use crate::timing::phase;
}

/// The stages the integration tests drive directly (`tests/testsuite`): loading, the YAML
/// reader, checking and building, the diff report and its Markdown rendering, the escaping
/// layer, git trailers. Not a stable interface: the command line (CLI.md) is.
#[doc(hidden)]
pub mod testing {
    pub use crate::diff::{
        render_markdown, BodyChange, ChangeKind, DocChange, FieldChange, ParagraphChange, Report,
        Rule, Segment, Violation,
    };
    pub use crate::escape::{csv::cell, is_control, terminal};
    pub use crate::format::Kind;
    pub use crate::history::{trailers, SUMMARY_BYTES, SUMMARY_THRESHOLD};
    pub use crate::load::{
        load, parse_doc, source::DirSource, source::FileSource, yaml, SourceFile,
    };
    pub use crate::site::search::decode_script as decode_search_index;
    pub use crate::site::{build, declared_ids, DeclaredIds, Options};
    pub use crate::validate::check;

    /// Every word of the site's own vocabulary as `(French, English)`.
    pub fn site_words() -> Vec<(&'static str, &'static str)> {
        use crate::i18n::{site::Word, Lang};
        Word::all()
            .map(|w| (w.text(Lang::Fr), w.text(Lang::En)))
            .collect()
    }
}
