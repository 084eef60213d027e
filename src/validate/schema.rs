//! JSON Schema errors turned into located, explained diagnostics.

use jsonschema::error::{TypeKind, ValidationErrorKind};
use jsonschema::ValidationError;

use super::fixes::NumberFix;
use crate::diag::Diagnostic;
use crate::i18n::check::{Bound, DateHint, PatternKind, TypeHint};
use crate::i18n::{Message, Ui};
use crate::load::yaml::{Node, Value};
use crate::load::{RawDoc, SourceFile};

/// Validates one parsed document against its kind's schema.
pub fn check_doc(doc: &RawDoc, data: &Node, file: &SourceFile) -> Vec<Diagnostic> {
    let Some(validator) = crate::schema::validator(doc.kind) else {
        return Vec::new();
    };
    let json = data.to_json();
    let mut c = Collected::default();
    for error in validator.iter_errors(&json) {
        report(doc, data, file, &error, &mut c);
    }
    // `titre : X` (a no-break space), `tittre: X`: one mistake, reported once, as the
    // unknown key that was meant for the missing one.
    let mut out = c.out;
    let mut i = 0;
    out.retain(|_| {
        i += 1;
        !c.required
            .iter()
            .any(|(at, key)| *at == i - 1 && c.suggested.contains(key))
    });
    // `{ montant: 1 450,50 }`: the number split by its decimal comma is one mistake, its
    // grouped part's own type error a part of it.
    out.retain(|d| {
        let Some(span) = &d.span else { return true };
        !(d.code == "codesocial::schema::type"
            && c.split_numbers
                .iter()
                .any(|s| s.start == span.start && s.end != span.end))
    });
    out
}

/// The diagnostics of one document, and what is needed to tell a missing key from a
/// misspelt one.
#[derive(Default)]
struct Collected {
    out: Vec<Diagnostic>,
    /// Missing keys, by index of their diagnostic.
    required: Vec<(usize, String)>,
    /// Keys suggested for unknown ones.
    suggested: Vec<String>,
    /// The spans of numbers a decimal comma split in a flow mapping (see
    /// [`comma_split_number`]).
    split_numbers: Vec<std::ops::Range<usize>>,
}

fn report(
    doc: &RawDoc,
    data: &Node,
    file: &SourceFile,
    error: &ValidationError<'_>,
    c: &mut Collected,
) {
    let out = &mut c.out;
    let pointer = error.instance_path().as_str().to_string();
    let node = data.pointer(&pointer).unwrap_or(data);
    let value_text = || {
        node.scalar_text()
            .map(|s| s.into_owned())
            .unwrap_or_default()
    };
    let message = match error.kind() {
        ValidationErrorKind::Required { property } => {
            let key = property.as_str().unwrap_or_default().to_string();
            let span = node
                .entries()
                .first()
                .map_or(node.span.start..node.span.start, |(k, _)| k.span.clone());
            c.required.push((out.len(), key.clone()));
            let options = required_options(doc, error, &key);
            out.push(Diagnostic::at(
                Message::Required { key, options },
                file,
                span,
            ));
            return;
        }
        ValidationErrorKind::AdditionalProperties { unexpected } => {
            let allowed = allowed_keys(doc, error);
            for key in unexpected {
                if let Some((span, fixed)) = comma_split_number(node, key, file) {
                    c.split_numbers.push(span.clone());
                    let hint = TypeHint::DecimalComma { fixed };
                    let message = Message::WrongType {
                        expected: type_name(&TypeKind::Single(jsonschema::JsonType::Number)),
                        hint,
                    };
                    out.push(Diagnostic::at(message, file, span));
                    continue;
                }
                let suggestion = suggest_key(key, &allowed);
                c.suggested.extend(suggestion.clone());
                let span = node.key(key).map_or(node.span.clone(), |k| k.span.clone());
                out.push(Diagnostic::at(
                    Message::UnknownKey {
                        key: key.clone(),
                        suggestion,
                        allowed: allowed.clone(),
                    },
                    file,
                    span,
                ));
            }
            return;
        }
        ValidationErrorKind::Enum { options } => {
            let options: Vec<String> = options
                .as_array()
                .map(|a| {
                    a.iter()
                        .filter_map(|v| v.as_str().map(str::to_string))
                        .collect()
                })
                .unwrap_or_default();
            let value = value_text();
            let suggestion = crate::validate::closest(&value, options.iter().map(String::as_str));
            Message::NotInEnum {
                value,
                options,
                suggestion,
            }
        }
        ValidationErrorKind::Constant { expected_value } => {
            if pointer == "/codesocial" {
                Message::ManifestVersion {
                    found: value_text(),
                }
            } else {
                Message::NotInEnum {
                    value: value_text(),
                    options: vec![expected_value.to_string().trim_matches('"').to_string()],
                    suggestion: None,
                }
            }
        }
        ValidationErrorKind::Type { kind } => {
            let date = matches!(
                schema_pattern(doc, error.schema_path().as_str()).map(pattern_kind),
                Some(PatternKind::Date)
            );
            // A date field says it wants a date, not the text it is in YAML.
            let expected = if date {
                Ui::TypeName { json_type: "date" }.text()
            } else {
                type_name(kind)
            };
            Message::WrongType {
                expected,
                hint: type_hint(kind, node, &pointer, date, &file.text),
            }
        }
        ValidationErrorKind::Pattern { pattern } => {
            let (value, what) = (value_text(), pattern_kind(pattern));
            let partial = what == PatternKind::PartialDate;
            let letter = matches!(what, PatternKind::Date | PatternKind::PartialDate)
                .then(|| super::fixes::letter_in_date(&value, partial))
                .flatten();
            let fixed = match what {
                _ if letter.is_some() => letter.as_ref().map(|(_, fixed)| fixed.clone()),
                PatternKind::Date => super::fixes::date(&value, false),
                PatternKind::PartialDate => super::fixes::date(&value, true),
                PatternKind::Id => Some(crate::slug::slugify(&value))
                    .filter(|s| crate::slug::is_id(s) && *s != value),
                _ => None,
            };
            // A month without its day is a whole value where a partial date is allowed.
            let date = (matches!(what, PatternKind::Date | PatternKind::PartialDate)
                && fixed.is_none())
            .then(|| super::fixes::date_hint(&value))
            .flatten()
            .filter(|h| what == PatternKind::Date || !matches!(h, DateHint::NoDay { .. }));
            Message::BadPattern {
                value,
                what,
                fixed,
                letter: letter.map(|(c, _)| c),
                date,
            }
        }
        ValidationErrorKind::Format { .. } => Message::BadPattern {
            value: value_text(),
            what: PatternKind::Url,
            fixed: None,
            letter: None,
            date: None,
        },
        ValidationErrorKind::MinItems { limit } => Message::TooFewItems { min: *limit },
        ValidationErrorKind::Minimum { limit } => Message::OutOfRange {
            detail: Ui::Minimum {
                limit: limit.to_string(),
            }
            .text(),
            key: key_of(&pointer),
            bound: Bound::AtLeast(limit.to_string()),
        },
        ValidationErrorKind::ExclusiveMinimum { limit } => Message::OutOfRange {
            detail: Ui::GreaterThan {
                limit: limit.to_string(),
            }
            .text(),
            key: key_of(&pointer),
            bound: Bound::Above(limit.to_string()),
        },
        ValidationErrorKind::Maximum { limit }
        | ValidationErrorKind::ExclusiveMaximum { limit } => Message::OutOfRange {
            detail: Ui::Maximum {
                limit: limit.to_string(),
            }
            .text(),
            key: key_of(&pointer),
            bound: Bound::AtMost(limit.to_string()),
        },
        ValidationErrorKind::MinLength { .. } => Message::SchemaOther {
            detail: Ui::EmptyText.text(),
        },
        ValidationErrorKind::UniqueItems => {
            // The item repeated, at its second place, naming the first.
            let items = node.as_seq();
            let text = |n: &Node| n.scalar_text().map(|t| crate::slug::nfc(&t).into_owned());
            let twice = items.iter().enumerate().find_map(|(i, later)| {
                let t = text(later)?;
                let first = items[..i].iter().find(|n| text(n).as_ref() == Some(&t))?;
                Some((t, first, later))
            });
            if let Some((item, first, later)) = twice {
                let written = |n: &Node| file.text.get(n.span.clone()).map(str::trim);
                let message = Message::DuplicateItem {
                    item,
                    first_line: file.lines.position(&file.text, first.span.start).0,
                    forms_differ: written(first) != written(later),
                };
                out.push(Diagnostic::at(message, file, later.span.clone()));
                return;
            }
            Message::SchemaOther {
                detail: Ui::DuplicateInList.text(),
            }
        }
        ValidationErrorKind::OneOfNotValid { context } | ValidationErrorKind::AnyOf { context } => {
            // Report the errors of the branch that came closest.
            let cost = |errors: &Vec<ValidationError<'static>>| {
                // A type mismatch of the value itself says it was meant for another branch;
                // an unknown key, that the keys were; a type mismatch deeper down is a
                // value of the right branch badly written (`montant: 1 200`).
                errors
                    .iter()
                    .map(|e| match e.kind() {
                        ValidationErrorKind::Type { .. }
                            if e.instance_path() == error.instance_path() =>
                        {
                            10
                        }
                        ValidationErrorKind::AdditionalProperties { unexpected } => {
                            2 * unexpected.len()
                        }
                        _ => 1,
                    })
                    .sum::<usize>()
            };
            if let Some(best) = context.iter().min_by_key(|errors| cost(errors)) {
                for inner in best {
                    report(doc, data, file, inner, c);
                }
                return;
            }
            Message::SchemaOther {
                detail: error.to_string(),
            }
        }
        _ => Message::SchemaOther {
            detail: error.to_string(),
        },
    };
    out.push(Diagnostic::at(message, file, node.span.clone()));
}

/// The allowed key an unknown one was meant to be: the same once invisible characters are
/// dropped, spaces and apostrophes read as `_` and accents folded, else the closest.
fn suggest_key(key: &str, allowed: &[String]) -> Option<String> {
    let cleaned: String = key
        .trim_matches(|c: char| c.is_whitespace() || crate::load::odd::Odd::of(c, true).is_some())
        .chars()
        .filter(|&c| {
            !matches!(
                c,
                '\u{200b}' | '\u{200c}' | '\u{200d}' | '\u{2060}' | '\u{feff}' | '\u{ad}'
            )
        })
        .map(|c| match c {
            ' ' | '\u{a0}' | '\u{202f}' | '\'' | '\u{2019}' | '\u{2018}' | '-' => '_',
            c => c,
        })
        .collect();
    let folded = deunicode::deunicode(&cleaned).to_lowercase();
    allowed
        .iter()
        .find(|a| **a == folded)
        .cloned()
        .or_else(|| crate::validate::closest(key, allowed.iter().map(String::as_str)))
}

/// `{ montant: 450,50 }`: in a flow mapping a decimal comma ends the value, and YAML reads
/// `50` as a key. The span from the number through that key, and the number meant.
fn comma_split_number(
    map: &Node,
    key: &str,
    file: &SourceFile,
) -> Option<(std::ops::Range<usize>, String)> {
    if key.is_empty() || !key.bytes().all(|b| b.is_ascii_digit()) {
        return None;
    }
    let entries = map.entries();
    let i = entries.iter().position(|(k, _)| k.name == key)?;
    let (_, before) = entries.get(i.checked_sub(1)?)?;
    let (k, value) = &entries[i];
    let between = file.text.get(before.span.end..k.span.start)?;
    // The whole part: an integer, or digits grouped by spaces (`1 450`, `1\u{a0}450`) or
    // apostrophes, as on paper; the grouping marks are dropped from the number meant.
    let written = file.text.get(before.span.clone()).unwrap_or_default();
    let grouped = |s: &str| {
        s.starts_with(|c: char| c.is_ascii_digit())
            && s.chars().all(|c| {
                c.is_ascii_digit() || matches!(c, ' ' | '\u{a0}' | '\u{202f}' | '\'' | '\u{2019}')
            })
    };
    let whole = match &before.value {
        Value::Int(_) => written.to_string(),
        Value::Str(s) if grouped(s) => s.chars().filter(char::is_ascii_digit).collect(),
        _ => return None,
    };
    (between == "," && matches!(value.value, Value::Null))
        .then(|| (before.span.start..k.span.end, format!("{whole}.{key}")))
}

/// The key of the value at `pointer` (`/flux/0/valeur` → `valeur`); empty for an item of a
/// list (`/liens/0`) or the document itself.
fn key_of(pointer: &str) -> String {
    let last = pointer.rsplit('/').next().unwrap_or_default();
    if last.parse::<usize>().is_ok() {
        String::new()
    } else {
        last.replace("~1", "/").replace("~0", "~")
    }
}

/// The values the schema allows for the missing required key `key` (`statut`: `propose`,
/// `adopte`, `abroge`), when it lists them; the help names them.
fn required_options(doc: &RawDoc, error: &ValidationError<'_>, key: &str) -> Vec<String> {
    let Some(root) = crate::schema::json(doc.kind) else {
        return Vec::new();
    };
    let path = error.schema_path().as_str();
    let parent = path.strip_suffix("/required").unwrap_or(path);
    let mut at = root
        .pointer(parent)
        .and_then(|s| s.get("properties")?.get(key));
    // Follow `$ref`s (a few: the schemas' definitions refer to each other at most so).
    for _ in 0..4 {
        let Some(target) = at
            .and_then(|s| s.get("$ref")?.as_str()?.strip_prefix('#'))
            .and_then(|t| root.pointer(t))
        else {
            break;
        };
        at = Some(target);
    }
    at.and_then(|s| s.get("enum")?.as_array().cloned())
        .map(|a| {
            a.iter()
                .filter_map(|v| v.as_str().map(str::to_string))
                .collect()
        })
        .unwrap_or_default()
}

/// The keys the schema allows where an unknown key was found.
fn allowed_keys(doc: &RawDoc, error: &ValidationError<'_>) -> Vec<String> {
    let Some(schema) = crate::schema::json(doc.kind) else {
        return Vec::new();
    };
    let path = error.schema_path().as_str();
    let parent = path.strip_suffix("/additionalProperties").unwrap_or(path);
    let mut keys: Vec<String> = schema
        .pointer(parent)
        .and_then(|s| s.get("properties"))
        .and_then(|p| p.as_object())
        .map(|p| p.keys().cloned().collect())
        .unwrap_or_default();
    keys.sort();
    keys
}

/// The `pattern` of the schema at `schema_path` (a keyword's location, `/properties/
/// adopte_le/$ref/type`), following `$ref`s: what a value there must look like.
fn schema_pattern<'s>(doc: &RawDoc, schema_path: &str) -> Option<&'s str> {
    let root = crate::schema::json(doc.kind)?;
    let mut tokens: Vec<&str> = schema_path.split('/').skip(1).collect();
    tokens.pop();
    let mut at = root;
    for token in tokens {
        at = if token == "$ref" {
            let target = at.get("$ref")?.as_str()?.strip_prefix('#')?;
            root.pointer(target)?
        } else {
            let token = token.replace("~1", "/").replace("~0", "~");
            match at {
                serde_json::Value::Array(items) => items.get(token.parse::<usize>().ok()?)?,
                _ => at.get(&token)?,
            }
        };
    }
    at.get("pattern")?.as_str()
}

/// How the value's look says to fix a type error: quote a number given as text, write a
/// decimal point, drop the spaces between digits, write a date where a number stands in a
/// date field (`date`), brackets around a list.
fn type_hint(kind: &TypeKind, node: &Node, pointer: &str, date: bool, source: &str) -> TypeHint {
    use jsonschema::JsonType;
    let wants = |t: JsonType| match kind {
        TypeKind::Single(k) => *k == t,
        TypeKind::Multiple(set) => set.contains(t),
    };
    // Empty for an item of a list: the hint then shows the item alone, never its index.
    let key = key_of(pointer);
    let number_wanted = wants(JsonType::Number) || wants(JsonType::Integer);
    let plain_number = || TypeHint::PlainNumber {
        integer: !wants(JsonType::Number),
    };
    match &node.value {
        Value::Int(_) | Value::Float(_) if date => {
            let text = node
                .scalar_text()
                .map(|t| t.into_owned())
                .unwrap_or_default();
            TypeHint::DateNumber {
                key,
                fixed: super::fixes::date_of_digits(&text),
                text,
            }
        }
        Value::Float(f) if number_wanted && !f.is_finite() => plain_number(),
        // `version: 2.5` where a whole number is expected.
        Value::Float(f) if wants(JsonType::Integer) && !wants(JsonType::Number) => {
            whole_number(key, *f)
        }
        Value::Int(_) | Value::Float(_) | Value::Bool(_) if wants(JsonType::String) => {
            // The value as typed (`1.50`, not the number YAML read, `1.5`).
            let typed = source
                .get(node.span.clone())
                .map(str::trim)
                .filter(|t| !t.is_empty() && !t.contains('\n'));
            TypeHint::Quote {
                key,
                text: typed.map_or_else(
                    || {
                        node.scalar_text()
                            .map(|t| t.into_owned())
                            .unwrap_or_default()
                    },
                    str::to_string,
                ),
            }
        }
        Value::Str(s) if wants(JsonType::Number) || wants(JsonType::Integer) => {
            let t = s.trim();
            if !node.plain && t.parse::<f64>().is_ok_and(f64::is_finite) {
                return TypeHint::Unquote {
                    key,
                    fixed: t.to_string(),
                };
            }
            // `valeur: 850\u{a0}`: YAML keeps the no-break space, the number is text.
            let odd = s.chars().find(|&c| {
                c != ' ' && (c.is_whitespace() || crate::load::odd::Odd::of(c, false).is_some())
            });
            let bare = s.trim_matches(|c: char| {
                c.is_whitespace() || crate::load::odd::Odd::of(c, false).is_some()
            });
            if let Some(ch) = odd.filter(|_| bare.parse::<f64>().is_ok_and(f64::is_finite)) {
                return TypeHint::OddAroundNumber {
                    key,
                    fixed: bare.to_string(),
                    ch,
                };
            }
            let integer = wants(JsonType::Integer) && !wants(JsonType::Number);
            // `version: v3`, `n°3`, `3e`: the digits typed are the number.
            if let Some(fixed) = integer.then(|| super::fixes::ordinal_digits(t)).flatten() {
                return TypeHint::Integer { key, fixed };
            }
            match super::fixes::number(t) {
                // `version: 1,0`: a whole number, written with its decimals.
                Some((fixed, _))
                    if integer && fixed.parse::<f64>().is_ok_and(|f| f.fract() == 0.0) =>
                {
                    let fixed = fixed.split('.').next().unwrap_or_default().to_string();
                    TypeHint::Integer { key, fixed }
                }
                // `version: 2,5`: `2.5` would be refused too.
                Some((fixed, _))
                    if integer && fixed.parse::<f64>().is_ok_and(|f| f.fract() != 0.0) =>
                {
                    whole_number(key, fixed.parse().unwrap_or_default())
                }
                Some((fixed, NumberFix::DecimalComma)) => TypeHint::DecimalComma { fixed },
                Some((fixed, NumberFix::GroupedDigits)) => TypeHint::GroupedDigits { fixed },
                Some((fixed, NumberFix::Written { unit })) => TypeHint::Number { fixed, unit },
                None => plain_number(),
            }
        }
        // `-claire` then `- mathieu`: a dash glued to the first item, and YAML reads the
        // lines as one text (`-claire - mathieu`).
        Value::Str(s) if wants(JsonType::Array) && glued_dash(s).is_some() => TypeHint::GluedDash {
            key,
            items: glued_dash(s).unwrap_or_default(),
        },
        Value::Str(s) if wants(JsonType::Array) => match super::fixes::bullets(s) {
            Some(items) => TypeHint::Bullets { key, items },
            None => TypeHint::List {
                key,
                fixed: super::fixes::list(s),
            },
        },
        // `{a, b}`: braces make a mapping, whose keys were meant as the items.
        Value::Map(entries) if wants(JsonType::Array) => TypeHint::Braces {
            key,
            fixed: format!(
                "[{}]",
                entries
                    .iter()
                    .map(|(k, _)| k.name.as_str())
                    .collect::<Vec<_>>()
                    .join(", ")
            ),
        },
        // `titre:` or `titre: ~`: YAML reads nothing there.
        Value::Null => TypeHint::Empty {
            key: key_of(pointer),
        },
        // `[coopération, offre : vente]`, `- offre : vente`: an item on its line holding
        // `: `, which YAML reads as a key and its value.
        Value::Map(entries) if wants(JsonType::String) && entries.len() == 1 => {
            match colon_item(source, node.span.clone()) {
                Some(written) => TypeHint::ColonInItem { written },
                None => TypeHint::Collection {
                    key: key_of(pointer),
                    list: false,
                    written: written_collection(source, node),
                },
            }
        }
        // `titre: {Brouillon}`: braces (or brackets) make a mapping (a list), not text.
        Value::Map(_) | Value::Seq(_) if wants(JsonType::String) => TypeHint::Collection {
            key: key_of(pointer),
            list: matches!(node.value, Value::Seq(_)),
            written: written_collection(source, node),
        },
        _ => TypeHint::None,
    }
}

/// A flow collection as typed on its line (`{Brouillon}`), to quote.
fn written_collection(source: &str, node: &Node) -> Option<String> {
    source
        .get(node.span.clone())
        .map(str::trim)
        .filter(|t| t.starts_with(['{', '[']) && !t.contains('\n'))
        .map(str::to_string)
}

/// The item written at `span` of `source` when it is a key and its value YAML made of a
/// text holding `: ` (`offre : vente`), on one line, without braces, standing where an
/// item starts (after `[`, `,` or a list's `- `).
fn colon_item(source: &str, span: std::ops::Range<usize>) -> Option<String> {
    let written = source.get(span.clone())?.trim();
    let before = source.get(..span.start)?;
    let line_before = before.rsplit('\n').next().unwrap_or_default().trim_end();
    let starts_item = line_before.ends_with(['[', ','])
        || line_before.trim_start() == "-"
        || line_before.ends_with(" -");
    (starts_item && !written.is_empty() && !written.starts_with('{') && !written.contains('\n'))
        .then(|| written.to_string())
}

/// `-claire - mathieu` (`-claire` then `- mathieu`, folded by YAML): a text starting with
/// a dash glued to a word, where a list is expected; its items.
fn glued_dash(text: &str) -> Option<Vec<String>> {
    let rest = text.trim().strip_prefix('-')?;
    if !rest.starts_with(|c: char| !c.is_whitespace() && c != '-') {
        return None;
    }
    let items: Vec<String> = rest
        .split(" - ")
        .map(|i| i.trim().trim_start_matches('-').trim())
        .filter(|i| !i.is_empty())
        .map(str::to_string)
        .collect();
    (!items.is_empty()).then_some(items)
}

/// The whole numbers on either side of `f`, for a field that takes a whole number.
fn whole_number(key: String, f: f64) -> TypeHint {
    TypeHint::WholeNumber {
        key,
        below: format!("{}", f.floor()),
        above: format!("{}", f.ceil()),
    }
}

fn type_name(kind: &TypeKind) -> String {
    let one = |t: String| Ui::TypeName { json_type: &t }.text();
    match kind {
        TypeKind::Single(t) => one(t.to_string()),
        TypeKind::Multiple(set) => {
            let names: Vec<String> = set.iter().map(|t| one(t.to_string())).collect();
            names.join(&Ui::Or.text())
        }
    }
}

fn pattern_kind(pattern: &str) -> PatternKind {
    if pattern.contains(r"|\.\.[^") {
        PatternKind::StaticPath
    } else if pattern.contains("https?") {
        PatternKind::Url
    } else if pattern.contains("[A-Z]{3}") {
        PatternKind::Currency
    } else if pattern.contains("(:[a-z0-9]") {
        PatternKind::OfferRef
    } else if pattern.contains("[0-9]{4}(-") {
        PatternKind::PartialDate
    } else if pattern.contains("[0-9]{4}-") {
        PatternKind::Date
    } else if pattern.contains("[a-z0-9]+(-[a-z0-9]+)*") {
        PatternKind::Id
    } else {
        PatternKind::Other
    }
}
