//! Link rewriting and resolution: never panics, and a resolved path never climbs out of
//! the repository (no `..`, no leading `/`, no empty component).
#![no_main]

use codesocial::markdown::{is_local, links, resolve, split_local};
use libfuzzer_sys::fuzz_target;

fuzz_target!(|body: &str| {
    for link in links(body) {
        assert!(link.span.end <= body.len());
        if !is_local(&link.dest) {
            continue;
        }
        let (path, _anchor) = split_local(&link.dest);
        if let Some(target) = resolve("principes/essentiel/ecoute.md", &path) {
            assert!(!target.starts_with('/'), "{target}");
            assert!(target.split('/').all(|p| p != ".." && p != "."), "{target}");
        }
    }
});
