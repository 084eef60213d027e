//! Link extraction and resolution: never panics, and a resolved path never climbs out of
//! the repository (`codesocial::fuzzing::links`).
#![no_main]

use libfuzzer_sys::fuzz_target;

fuzz_target!(|body: &str| codesocial::fuzzing::links(body));
