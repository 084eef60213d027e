//! Stage five: one model against another. Documents are matched by kind and id, not by
//! path, so a principle moved to another plan is a move; each match yields the fields that
//! changed (old and new values) and the body's paragraphs, with word-level marks.
//!
//! The engine works on whatever the two [`Repo`]s hold: `history` loads only the files the
//! tree diff names, so unchanged documents are absent from both sides and cost nothing.

mod body;
mod fields;
mod render;
mod words;

use std::collections::{BTreeMap, BTreeSet};

use serde::Serialize;
use serde_json::Value;

use crate::format::Kind;
use crate::load::{classify, Place};
use crate::model::{Meta, Repo};

pub use body::{words as word_segments, BodyChange, ParagraphChange, Segment};
pub use fields::flow_moves;
pub use render::{
    render_change, render_json, render_markdown, render_text, Judged, Report, Rule, Violation,
};
pub use words::{as_written, change_words, item_words, words};

/// What happened to a document.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Serialize)]
#[serde(rename_all = "lowercase")]
pub enum ChangeKind {
    Added,
    Removed,
    Modified,
    Moved,
}

/// A file of the site's own folders (`static/`, `templates/`, see
/// [`crate::load::SITE_FOLDERS`]) that differs between the two sides: not a document, but
/// it changes the published site (a file of `static/` can replace a generated page), so a
/// reviewer sees it named.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct SiteFile {
    /// Its path from the #CodeSocial folder (`static/index.html`).
    pub path: String,
    /// `added`, `removed` or `modified`.
    pub change: ChangeKind,
}

/// One field that changed; `old`/`new` are `null` when absent.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct FieldChange {
    pub field: String,
    pub old: Value,
    pub new: Value,
}

/// The semantic change of one document between two models.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct DocChange {
    #[serde(serialize_with = "kind_name")]
    pub kind: Kind,
    pub id: String,
    pub change: ChangeKind,
    /// The path on the new side (the old one for a removal).
    pub path: String,
    /// The previous path of a moved document.
    pub old_path: Option<String>,
    /// The document's title, for people (not in JSON).
    #[serde(skip)]
    pub title: String,
    pub fields: Vec<FieldChange>,
    pub body: Option<BodyChange>,
}

impl DocChange {
    /// The field change named `field`, if any.
    pub fn field(&self, field: &str) -> Option<&FieldChange> {
        self.fields.iter().find(|f| f.field == field)
    }

    /// The id the document had before the change: another one when its file was renamed
    /// (a [`ChangeKind::Moved`] whose `old_path` names another id), else its id.
    pub fn old_id(&self) -> String {
        match self.old_path.as_deref().map(classify) {
            Some(Place::Doc { id, .. }) => id,
            _ => self.id.clone(),
        }
    }

    /// The id before the change when the document was renamed (its id changed with its
    /// file name); `None` for any other change, a move to another plan included.
    pub fn renamed_from(&self) -> Option<String> {
        let old = self.old_id();
        (old != self.id).then_some(old)
    }
}

fn kind_name<S: serde::Serializer>(kind: &Kind, s: S) -> Result<S::Ok, S::Error> {
    s.serialize_str(kind.name())
}

/// A document's fields in order, as the engine compares them.
#[cfg(test)]
pub(crate) type Fields = Vec<(String, Value)>;

/// Every document of a model as the engine compares it: its kind, its id and its fields
/// in order (what a [`FieldChange`] names and holds).
#[cfg(test)]
pub(crate) fn documents(repo: &Repo) -> Vec<(Kind, String, Fields)> {
    fields::views(repo)
        .into_iter()
        .map(|d| (d.meta.kind, d.meta.id.clone(), d.fields))
        .collect()
}

/// A document seen by the engine: where it is, what it says.
pub(crate) struct DocView<'r> {
    pub meta: &'r Meta,
    pub title: String,
    pub fields: Vec<(String, Value)>,
}

/// Compares two models. Documents present on one side only are added or removed, unless
/// the other side lists the same path without a document (it did not parse there): that
/// is a modification whose details the diagnostics give. A document of `old` that no
/// document of `new` matches by id is
/// matched by `renames` (old path, new path: a file git sees renamed, its id changed with
/// its name) to the document of the same kind at the new path: one [`ChangeKind::Moved`]
/// change from `old_path` with what changed in it, not a removal and an addition. The
/// history gives the renames, found as git finds them (by similarity): `diff`, its rules
/// and the évolution page show a renamed document as one document renamed.
pub fn compare_renamed(old: &Repo, new: &Repo, renames: &[(String, String)]) -> Vec<DocChange> {
    let old_docs = fields::views(old);
    let new_docs = fields::views(new);
    let mut changes = Vec::new();
    let mut by_key: BTreeMap<(Kind, &str), Vec<usize>> = BTreeMap::new();
    for (i, d) in new_docs.iter().enumerate() {
        by_key.entry((d.meta.kind, &d.meta.id)).or_default().push(i);
    }
    let mut matched: BTreeSet<usize> = BTreeSet::new();
    let mut unmatched_old = Vec::new();
    // Same path first, so duplicate ids (an invalid tree) still pair sensibly.
    for o in &old_docs {
        let same_path = by_key
            .get(&(o.meta.kind, o.meta.id.as_str()))
            .and_then(|c| {
                c.iter()
                    .find(|&&i| !matched.contains(&i) && new_docs[i].meta.path == o.meta.path)
            });
        match same_path {
            Some(&i) => {
                matched.insert(i);
                changes.extend(pair(o, &new_docs[i]));
            }
            None => unmatched_old.push(o),
        }
    }
    for o in unmatched_old {
        let other = by_key
            .get(&(o.meta.kind, o.meta.id.as_str()))
            .and_then(|c| c.iter().find(|&&i| !matched.contains(&i)));
        let renamed = || {
            let (_, to) = renames.iter().find(|(from, _)| *from == o.meta.path)?;
            new_docs
                .iter()
                .position(|n| n.meta.path == *to && n.meta.kind == o.meta.kind)
                // A rename leads to a document that is new, not to one whose id was
                // there already.
                .filter(|&i| {
                    let n = &new_docs[i].meta;
                    !matched.contains(&i)
                        && !old_docs
                            .iter()
                            .any(|d| d.meta.kind == n.kind && d.meta.id == n.id)
                })
        };
        match other.copied().or_else(renamed) {
            Some(i) => {
                matched.insert(i);
                changes.extend(pair(o, &new_docs[i]));
            }
            None => changes.push(one_sided(o, ChangeKind::Removed, new)),
        }
    }
    for (i, n) in new_docs.iter().enumerate() {
        if !matched.contains(&i) {
            changes.push(one_sided(n, ChangeKind::Added, old));
        }
    }
    sort(&mut changes);
    changes
}

/// The deterministic order of changes: by kind, then id, then path.
pub fn sort(changes: &mut [DocChange]) {
    changes.sort_by(|a, b| (a.kind, &a.id, &a.path).cmp(&(b.kind, &b.id, &b.path)));
}

fn pair(old: &DocView, new: &DocView) -> Option<DocChange> {
    let fields = fields::changes(&old.fields, &new.fields);
    let body = body::compare(&old.meta.body, &new.meta.body);
    let moved = old.meta.path != new.meta.path;
    if fields.is_empty() && body.is_none() && !moved {
        return None;
    }
    Some(DocChange {
        kind: new.meta.kind,
        id: new.meta.id.clone(),
        change: if moved {
            ChangeKind::Moved
        } else {
            ChangeKind::Modified
        },
        path: new.meta.path.clone(),
        old_path: moved.then(|| old.meta.path.clone()),
        title: new.title.clone(),
        fields,
        body,
    })
}

/// A document on one side only; `other` tells whether its path is there unparsed.
fn one_sided(doc: &DocView, change: ChangeKind, other: &Repo) -> DocChange {
    let unparsed_there = other.paths.contains(&doc.meta.path)
        && matches!(classify(&doc.meta.path), Place::Doc { .. });
    DocChange {
        kind: doc.meta.kind,
        id: doc.meta.id.clone(),
        change: if unparsed_there {
            ChangeKind::Modified
        } else {
            change
        },
        path: doc.meta.path.clone(),
        old_path: None,
        title: doc.title.clone(),
        fields: Vec::new(),
        body: None,
    }
}
