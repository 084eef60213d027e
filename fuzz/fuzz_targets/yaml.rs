//! The YAML loader with spans, through the whole document parser: never panics, and every
//! span lies inside the file on character boundaries (`codesocial::fuzzing::yaml`).
#![no_main]

use libfuzzer_sys::fuzz_target;

fuzz_target!(|data: &[u8]| codesocial::fuzzing::yaml(data));
