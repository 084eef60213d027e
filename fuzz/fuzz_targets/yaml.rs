//! The YAML loader with spans, through the whole document parser: never panics, and every
//! span (of a diagnostic, a key or a value) lies inside the file on character boundaries.
#![no_main]

use codesocial::load::yaml::{Node, Value};
use codesocial::format::Kind;
use codesocial::load::{decode, parse_doc, SourceFile};
use libfuzzer_sys::fuzz_target;

fn check(node: &Node, text: &str) {
    assert!(node.span.start <= node.span.end && node.span.end <= text.len());
    assert!(text.is_char_boundary(node.span.start) && text.is_char_boundary(node.span.end));
    match &node.value {
        Value::Map(entries) => {
            for (k, v) in entries {
                assert!(k.span.end <= text.len() && text.is_char_boundary(k.span.start));
                check(v, text);
            }
        }
        Value::Seq(items) => items.iter().for_each(|n| check(n, text)),
        _ => {}
    }
}

fuzz_target!(|data: &[u8]| {
    let Ok(text) = decode(data.to_vec()) else {
        return;
    };
    let file = SourceFile::new("membres/x.md".into(), text);
    for kind in [Kind::Membre, Kind::Matrice] {
        let (doc, diags) = parse_doc(&file, kind, "x".into(), None);
        for d in &diags {
            if let Some(span) = &d.span {
                assert!(
                    span.start <= span.end && span.end <= file.text.len(),
                    "{d:?}"
                );
            }
        }
        if let Some(root) = &doc.data {
            check(root, &file.text);
        }
    }
});
