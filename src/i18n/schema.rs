//! The JSON Schemas' titles and descriptions in English. The schemas of `schema/` are
//! written once, in French (the format's language, its keys and values); the English ones
//! are made from them ([`source_in`]), each title and description replaced
//! by its translation from `schema-en.json` (French text → English text). A text added
//! to a schema without its translation fails the tests
//! (`every_schema_text_has_its_english`).

use std::collections::HashMap;
use std::sync::LazyLock;

use crate::format::Kind;
use crate::i18n::Lang;

static ENGLISH: LazyLock<HashMap<String, String>> = LazyLock::new(|| {
    // Ours and tested: an unreadable table is a build defect the tests catch.
    serde_json::from_str(include_str!("schema-en.json")).unwrap_or_default()
});

/// The English of a schema's title or description, written in French.
pub fn english(french: &str) -> Option<&'static str> {
    ENGLISH.get(french).map(String::as_str)
}

/// Every French text the table translates.
#[cfg(test)]
pub fn translated() -> impl Iterator<Item = &'static str> {
    ENGLISH.keys().map(String::as_str)
}

/// The schema of a kind with its titles and descriptions in `lang`: the file of `schema/`
/// in French, made English from it by this table (keys, values and rules are
/// the same; only what an editor shows a writer is translated).
pub fn source_in(kind: Kind, lang: Lang) -> std::borrow::Cow<'static, str> {
    let text = crate::schema::source(kind);
    if lang == Lang::Fr {
        return std::borrow::Cow::Borrowed(text);
    }
    let Ok(mut json) = serde_json::from_str::<serde_json::Value>(text) else {
        return std::borrow::Cow::Borrowed(text);
    };
    translate(&mut json);
    // Its own address: a tool that keeps schemas by `$id` holds both languages.
    if let Some(id) = json.get_mut("$id") {
        let english = id.as_str().map(|s| match s.rsplit_once('/') {
            Some((folder, file)) => format!("{folder}/en/{file}"),
            None => s.to_string(),
        });
        if let Some(english) = english {
            *id = serde_json::Value::String(english);
        }
    }
    let mut out = serde_json::to_string_pretty(&json).unwrap_or_else(|_| text.to_string());
    out.push('\n');
    std::borrow::Cow::Owned(out)
}

/// Each `title` and `description` of a schema in English, where the table has it.
fn translate(value: &mut serde_json::Value) {
    match value {
        serde_json::Value::Object(map) => {
            for (key, v) in map.iter_mut() {
                match v {
                    serde_json::Value::String(text) if key == "title" || key == "description" => {
                        if let Some(en) = english(text) {
                            *text = en.to_string();
                        }
                    }
                    _ => translate(v),
                }
            }
        }
        serde_json::Value::Array(items) => items.iter_mut().for_each(translate),
        _ => {}
    }
}

/// Every title and description of a schema, as written.
#[cfg(test)]
fn texts(value: &serde_json::Value, out: &mut Vec<String>) {
    match value {
        serde_json::Value::Object(map) => {
            for (key, v) in map {
                match v {
                    serde_json::Value::String(t) if key == "title" || key == "description" => {
                        out.push(t.clone())
                    }
                    _ => texts(v, out),
                }
            }
        }
        serde_json::Value::Array(items) => items.iter().for_each(|v| texts(v, out)),
        _ => {}
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use strum::IntoEnumIterator;

    /// Every title and description of every schema has its English, and the English
    /// schema says nothing in French: the same schema, for editors in English (issue 17:
    /// 210 French texts in the English schemas). The table holds nothing no schema uses.
    #[test]
    fn every_schema_text_has_its_english() {
        let mut used = std::collections::HashSet::new();
        for kind in Kind::iter() {
            let french: serde_json::Value =
                serde_json::from_str(crate::schema::source(kind)).expect("JSON");
            let mut all = Vec::new();
            texts(&french, &mut all);
            for text in &all {
                assert!(
                    english(text).is_some(),
                    "{}: no English for {text:?}",
                    kind.name()
                );
                used.insert(text.clone());
            }
            let english: serde_json::Value =
                serde_json::from_str(&source_in(kind, Lang::En)).expect("JSON");
            assert!(jsonschema::meta::is_valid(&english), "{}", kind.name());
            let mut shown = Vec::new();
            texts(&english, &mut shown);
            assert_eq!(shown.len(), all.len());
            for text in shown {
                assert!(
                    !["Obligatoire", " le ", " la ", " des ", "Texte simple"]
                        .iter()
                        .any(|w| text.contains(w)),
                    "{}: French left in {text:?}",
                    kind.name()
                );
            }
            // The rules are the same: only the texts differ.
            let mut stripped = english.clone();
            let mut original = french.clone();
            for v in [&mut stripped, &mut original] {
                blank_texts(v);
            }
            assert_eq!(stripped, original, "{}", kind.name());
            assert_eq!(source_in(kind, Lang::Fr), crate::schema::source(kind));
        }
        let unused: Vec<&str> = translated().filter(|t| !used.contains(*t)).collect();
        assert!(unused.is_empty(), "translations no schema uses: {unused:?}");
    }

    fn blank_texts(value: &mut serde_json::Value) {
        match value {
            serde_json::Value::Object(map) => {
                for (key, v) in map.iter_mut() {
                    if key == "title" || key == "description" || key == "$id" {
                        *v = serde_json::Value::Null;
                    } else {
                        blank_texts(v);
                    }
                }
            }
            serde_json::Value::Array(items) => items.iter_mut().for_each(blank_texts),
            _ => {}
        }
    }
}
