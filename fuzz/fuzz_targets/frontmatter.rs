//! The front-matter splitter: never panics; the ranges it returns lie inside the text, on
//! character boundaries, in order.
#![no_main]

use codesocial::load::frontmatter::{split, FrontMatterError};
use libfuzzer_sys::fuzz_target;

fuzz_target!(|text: &str| {
    match split(text) {
        Ok(s) => {
            assert!(s.yaml.start <= s.yaml.end && s.yaml.end <= s.body && s.body <= text.len());
            assert!(text.is_char_boundary(s.yaml.start) && text.is_char_boundary(s.yaml.end));
            assert!(text.is_char_boundary(s.body));
        }
        Err(FrontMatterError::Missing(r) | FrontMatterError::Unterminated(r)) => {
            assert!(r.end <= text.len() && text.is_char_boundary(r.end));
        }
        Err(FrontMatterError::Empty) => assert!(text.trim().is_empty()),
    }
});
