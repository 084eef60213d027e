//! `codesocial`: a #CodeSocial repository treated like source code.
//!
//! The pipeline, stage by stage: [`load`] (files → YAML with spans) → [`model`] (typed
//! documents) → [`validate`] (diagnostics) → [`history`] (the same model from any git tree)
//! → [`diff`] (model against model) → [`site`] (view models → templates → files).
//! Commands in [`cmd`] compose the stages; [`run::run`] is the single exit point.

pub mod bilan;
pub mod cli;
pub mod cmd;
pub mod date;
pub mod diag;
pub mod diff;
pub mod ecosystem;
pub mod error;
pub mod escape;
pub mod format;
pub mod history;
pub mod html;
pub mod i18n;
pub mod import;
pub mod init;
pub mod jsonld;
pub mod load;
pub mod markdown;
pub mod model;
pub mod report;
pub mod run;
pub mod schema;
pub mod serve;
pub mod site;
pub mod slug;
pub mod timing;
pub mod validate;

pub use run::run;
