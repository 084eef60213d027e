//! The integration tests: one crate, a module per feature, each running the real binary in
//! temporary folders (as mdBook's `tests/testsuite` and just's `tests/` do). Shared helpers
//! live in [`common`].

mod common;

mod architecture;
mod autocorrect;
mod bilan;
mod build;
mod check;
mod diff;
mod docs;
mod ecosystem;
mod escape;
mod fuzzing;
mod generator;
mod i18n;
mod import;
mod init;
mod integrations;
mod mistakes;
mod properties;
mod release;
mod robustness;
mod security;
mod serve;
mod shallow;
mod site_browser;
mod truth;
mod truth_hints;
mod truth_ids;
mod truth_links;
