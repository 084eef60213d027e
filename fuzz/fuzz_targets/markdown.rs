//! The Markdown renderer of the site: never panics, and what it writes carries no script,
//! no event handler and no dangerous URL (`codesocial::fuzzing::markdown`).
#![no_main]

use libfuzzer_sys::fuzz_target;

fuzz_target!(|body: &str| codesocial::fuzzing::markdown(body));
