//! The front-matter splitter: never panics; the ranges it returns lie inside the text, on
//! character boundaries, in order (`codesocial::fuzzing::frontmatter`).
#![no_main]

use libfuzzer_sys::fuzz_target;

fuzz_target!(|text: &str| codesocial::fuzzing::frontmatter(text));
