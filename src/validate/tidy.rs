//! One mistake, one error, in the user's words: after every check has spoken, errors that
//! another error at the same place already explains are dropped, and an invisible or
//! look-alike character in the text a diagnostic quotes is named, with its column.

use std::collections::HashMap;

use crate::diag::Diagnostic;
use crate::i18n::check::{odd_note, OddPlace};
use crate::load::{odd, SourceFile};

/// Codes about a key, an id, a reference or a link: texts where an invisible character
/// is never meant.
const QUOTES_A_NAME: &[&str] = &[
    "codesocial::schema::unknown-key",
    "codesocial::schema::enum",
    "codesocial::schema::format",
    "codesocial::reference::",
    "codesocial::link::file",
    "codesocial::link::anchor",
    "codesocial::date::invalid",
    "codesocial::schema::type",
];

/// Among errors at the very same place, the one that says most: a date that does not
/// exist over a date badly written, an unknown reference over an id badly written, a
/// value not among the choices over a wrong type.
const RANK: &[&str] = &[
    "codesocial::date::invalid",
    "codesocial::reference::",
    "codesocial::schema::enum",
    "codesocial::schema::format",
    "codesocial::schema::type",
];

/// Drops errors explained by another at the same place, then names odd characters.
pub(super) fn tidy(diagnostics: &mut Vec<Diagnostic>, files: &[SourceFile]) {
    one_per_place(diagnostics);
    let by_path: HashMap<&str, &SourceFile> = files.iter().map(|f| (f.path.as_str(), f)).collect();
    for d in diagnostics.iter_mut() {
        if !QUOTES_A_NAME.iter().any(|c| d.code.starts_with(c)) {
            continue;
        }
        let (Some(path), Some(span)) = (&d.file, &d.span) else {
            continue;
        };
        let Some(file) = by_path.get(path.as_str()) else {
            continue;
        };
        let Some(quoted) = file.text.get(span.clone()) else {
            continue;
        };
        let Some(found) = odd::find(quoted, true) else {
            continue;
        };
        let (_, column) = file.lines.position(&file.text, span.start + found.offset);
        let place = if d.code.starts_with("codesocial::link::") {
            OddPlace::Link
        } else if d.code == "codesocial::schema::type" {
            OddPlace::Number
        } else {
            OddPlace::Name
        };
        let (message, help) = odd_note(found.odd, found.ch, column, place);
        let l = crate::i18n::lang();
        d.message.push_str(message.get(l));
        if let Some(help) = help {
            d.help = Some(match d.help.take() {
                Some(h) => format!("{}\n{h}", help.get(l)),
                None => help.get(l).to_string(),
            });
        }
    }
}

fn rank(code: &str) -> Option<usize> {
    RANK.iter().position(|c| code.starts_with(c))
}

/// Keeps, at each place (file and span), the error that says most among those [`RANK`]
/// orders.
fn one_per_place(diagnostics: &mut Vec<Diagnostic>) {
    // A control character that stops YAML is that error, worded as a control character
    // at its place (`Cause::ControlCharacter`): the warning there would say it twice.
    let stopped: std::collections::HashSet<(String, usize)> = diagnostics
        .iter()
        .filter(|d| d.code == "codesocial::yaml::syntax")
        .filter_map(|d| Some((d.file.clone()?, d.span.as_ref()?.start)))
        .collect();
    if !stopped.is_empty() {
        diagnostics.retain(|d| {
            let at = d.file.clone().zip(d.span.as_ref().map(|s| s.start));
            d.code != "codesocial::encoding::control-character"
                || !at.is_some_and(|at| stopped.contains(&at))
        });
    }
    let mut best: HashMap<(&str, usize, usize), usize> = HashMap::new();
    for d in diagnostics.iter() {
        if let (Some(file), Some(span), Some(r)) = (&d.file, &d.span, rank(d.code)) {
            let e = best.entry((file, span.start, span.end)).or_insert(r);
            *e = (*e).min(r);
        }
    }
    let keep: Vec<bool> = diagnostics
        .iter()
        .map(|d| match (&d.file, &d.span, rank(d.code)) {
            (Some(file), Some(span), Some(r)) if d.is_error() => {
                best.get(&(file.as_str(), span.start, span.end)) == Some(&r)
            }
            _ => true,
        })
        .collect();
    let mut i = 0;
    diagnostics.retain(|_| {
        i += 1;
        keep[i - 1]
    });
}
