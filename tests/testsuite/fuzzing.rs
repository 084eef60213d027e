//! The fuzz targets' work (`codesocial::fuzzing`, one function per target of `fuzz/`) on
//! the examples, the hostile fixtures and a few hand-picked inputs: `cargo test` compiles
//! the surface the targets call and checks their oracles hold on known input, so a change
//! that breaks the fuzz crate or makes an oracle wrong fails here, not on the next
//! fuzzing session.

use codesocial::fuzzing;

use crate::common::root;

/// Every Markdown and YAML file of the examples and the hostile fixtures, and some edges.
fn corpus() -> Vec<Vec<u8>> {
    let mut inputs: Vec<Vec<u8>> = ["examples", "tests/fixtures/hostile"]
        .iter()
        .flat_map(|dir| walkdir::WalkDir::new(root().join(dir)))
        .map(|e| e.expect("walk the corpus").into_path())
        .filter(|p| p.extension().is_some_and(|e| e == "md" || e == "yaml"))
        .map(|p| std::fs::read(&p).expect("read a corpus file"))
        .collect();
    assert!(inputs.len() > 50, "the corpus is missing: {}", inputs.len());
    for edge in [
        "",
        "---",
        "---\n",
        "---\n---\n",
        "\u{feff}---\nnom: x\n---\ncorps",
        "nom: x\n---\ncorps",
        "---\nnom: x\n----\n",
        "———\nnom: x\n———\n",
        "---\u{200b}\nnom: x\n---\n",
        "[a](../../../etc/passwd) [b](./x//y.md#z) [c](/abs.md) <a href=\"javascript:x\">d</a>",
        "<img src=x onerror=alert(1)> <svg><script>1</script></svg> [e](data:text/html,x)",
        "```\n[not a link](x.md)\n```\n~~~\n<script>\n",
    ] {
        inputs.push(edge.as_bytes().to_vec());
    }
    inputs.push(vec![0xff, 0xfe, b'-', 0, b'-', 0]);
    inputs
}

#[test]
fn the_fuzz_targets_hold_on_the_corpus() {
    for input in corpus() {
        fuzzing::yaml(&input);
        if let Ok(text) = std::str::from_utf8(&input) {
            fuzzing::frontmatter(text);
            fuzzing::links(text);
            fuzzing::markdown(text);
        }
    }
}
