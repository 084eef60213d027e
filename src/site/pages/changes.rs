//! The fields of a changed document as the évolution page and its feed show them: only
//! what changed, in the reader's words. A list (milestones, missions, a role's members, a
//! principle's responsibles) shows the items added, removed or changed, never the whole
//! list again; a changed item, a matrix flow, a pyramid entry, the capital or the site's
//! options show the parts that changed, each under its label; a flow whose wealth was
//! renamed is one rename, not a removal and an addition. Values read as their pages read
//! them: names rather than ids, labels rather than keys, dates written out.

use std::collections::BTreeMap;

use serde::Serialize;
use serde_json::{Map, Value};

use crate::diff::FieldChange;
use crate::format::{Kind, Role};
use crate::i18n::site::Word;
use crate::i18n::typography;
use crate::model::Tarif;
use crate::site::view::Ctx;

/// One line of a changed document: a label, then what changed.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Row {
    pub label: String,
    /// `changed` (old → new), `added` (new only), `removed` (old only) or `renamed` (a
    /// document named in a list, renamed by the same commit: old title → new title).
    pub change: &'static str,
    /// "Ajout", "Suppression", "Renommage" for an item added, removed or renamed; empty
    /// otherwise.
    pub change_label: &'static str,
    pub old: String,
    pub new: String,
    /// For a text changed in place: both sides as HTML, the words that changed in
    /// `<del>` and `<ins>` and the others as they were (empty otherwise).
    pub old_marked: String,
    pub new_marked: String,
}

impl Row {
    /// The line as plain text, after its label: `old → new`, `+ new` or `− old`.
    pub fn text(&self) -> String {
        match self.change {
            "added" => format!("+ {}", self.new),
            "removed" => format!("− {}", self.old),
            _ => format!("{} → {}", self.old, self.new),
        }
    }
}

/// The rows of a document's changed fields, in the order of the fields.
/// A document renamed in the same commit (its id with its file): a list that named it by
/// its old id and now by its new one shows one rename, not a removal and an addition.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Renamed {
    pub old_id: String,
    pub new_id: String,
    /// Its title before the commit.
    pub old_title: String,
}

/// `from`: the document's path (its links are relative to it); `renamed`: the documents
/// the same commit renamed.
pub fn rows(
    ctx: &Ctx,
    kind: Kind,
    from: &str,
    fields: &[FieldChange],
    renamed: &[Renamed],
) -> Vec<Row> {
    let w = Words {
        ctx,
        kind,
        from,
        renamed,
    };
    let renamed = flow_renames(fields);
    let joined = joined_entries(kind, fields);
    let mut out = Vec::new();
    for (i, f) in fields.iter().enumerate() {
        if renamed.iter().any(|&(old, _)| old == i) || joined.contains(&i) {
            continue;
        }
        if let Some(moves) = crate::diff::flow_moves(kind, f) {
            for m in moves {
                let flow = FlowKey {
                    de: m.de,
                    vers: m.vers,
                    richesse: m.richesse,
                };
                let label = format!(
                    "{} · {} · {}",
                    ctx.word(Word::FlowOrder),
                    flow_people(ctx, &flow),
                    m.richesse
                );
                let place = |n: u64| ctx.word(Word::FlowPlace).replace("{n}", &n.to_string());
                w.row(&label, "changed", place(m.from), place(m.to), &mut out);
            }
            continue;
        }
        if let (Kind::Pyramide, Some(role)) = (kind, Role::from_key(&f.field)) {
            w.role(role, f, fields, &mut out);
            continue;
        }
        if let Some(&(old, _)) = renamed.iter().find(|&&(_, new)| new == i) {
            w.flow_renamed(&fields[old], f, &mut out);
            continue;
        }
        let label = field_label(ctx, &f.field);
        let (old, new) = (w.prepared(&f.field, &f.old), w.prepared(&f.field, &f.new));
        w.change(&[&f.field], &label, &old, &new, &mut out);
    }
    out
}

/// A field's name as a reader says it ("Adopté le"), else as written in the file. The
/// pyramid's and the matrix's per-person keys (`contributeurs[membre=sophie]`,
/// `flux[de=a,vers=b,richesse=Temps]`, see `crate::diff`) read as the role and the name
/// ("Contributeurs · Sophie Leroy"), the flow as who gives to whom ("Léa → Julien · Temps").
pub fn field_label(ctx: &Ctx, field: &str) -> String {
    if let Some((role, member)) = pyramid_entry(field) {
        return format!("{} · {}", ctx.role_label(role), ctx.member(member).title);
    }
    if let Some(flow) = flow_key(field) {
        return format!("{} · {}", flow_people(ctx, &flow), flow.richesse);
    }
    if let Some(role) = field
        .strip_prefix("responsabilites.")
        .and_then(Role::from_key)
    {
        return format!(
            "{} · {}",
            ctx.word(Word::Responsabilites),
            ctx.role_label(role)
        );
    }
    if let Some(role) = Role::from_key(field) {
        return ctx.role_label(role).to_string();
    }
    key_label(ctx, field)
}

/// A key's label: the site's word for the field, else for the key, else the key in words
/// (`contexte_type` → "Contexte type"), never the key as written.
fn key_label(ctx: &Ctx, key: &str) -> String {
    for prefix in ["field", ""] {
        let own = ctx.label(prefix, key);
        if own != key {
            return own;
        }
    }
    let spaced = key.replace('_', " ");
    let mut chars = spaced.chars();
    chars.next().map_or_else(String::new, |c| {
        c.to_uppercase().collect::<String>() + chars.as_str()
    })
}

/// `role[membre=id]`: a pyramid entry's key.
pub fn pyramid_entry(field: &str) -> Option<(Role, &str)> {
    let (role, rest) = field.split_once("[membre=")?;
    Some((Role::from_key(role)?, rest.strip_suffix(']')?))
}

/// A matrix flow's key, `flux[de=a,vers=b,richesse=Temps]` (then `#2`… for repeats).
pub struct FlowKey<'a> {
    pub de: &'a str,
    pub vers: &'a str,
    pub richesse: &'a str,
}

pub fn flow_key(field: &str) -> Option<FlowKey<'_>> {
    let rest = field.strip_prefix("flux[de=")?;
    let (de, rest) = rest.split_once(",vers=")?;
    let (vers, rest) = rest.split_once(",richesse=")?;
    let end = rest.rfind(']')?;
    Some(FlowKey {
        de,
        vers,
        richesse: &rest[..end],
    })
}

/// "Léa Martin → Julien Moreau".
fn flow_people(ctx: &Ctx, flow: &FlowKey) -> String {
    format!(
        "{} → {}",
        ctx.member(flow.de).title,
        ctx.member(flow.vers).title
    )
}

/// The flows whose wealth was renamed: a flow removed and one added between the same two
/// members, paired (the same values first), as `(removed, added)` indices of `fields`.
fn flow_renames(fields: &[FieldChange]) -> Vec<(usize, usize)> {
    fn side(f: &FieldChange, removed: bool) -> Option<FlowKey<'_>> {
        let (gone, there) = if removed {
            (&f.new, &f.old)
        } else {
            (&f.old, &f.new)
        };
        (gone.is_null() && there.is_object())
            .then(|| flow_key(&f.field))
            .flatten()
    }
    let mut pairs: Vec<(usize, usize)> = Vec::new();
    for same_values in [true, false] {
        for (a, added) in fields.iter().enumerate() {
            let Some(to) = side(added, false) else {
                continue;
            };
            if pairs.iter().any(|&(_, n)| n == a) {
                continue;
            }
            let found = fields.iter().enumerate().find(|&(r, removed)| {
                side(removed, true).is_some_and(|from| {
                    from.de == to.de
                        && from.vers == to.vers
                        && (!same_values || removed.old == added.new)
                        && !pairs.iter().any(|&(o, _)| o == r)
                })
            });
            if let Some((r, _)) = found {
                pairs.push((r, a));
            }
        }
    }
    pairs
}

/// A member added to or removed from a role: the ids on one side only of the role's list.
fn role_change(f: &FieldChange) -> (Vec<&str>, Vec<&str>) {
    fn ids(v: &Value) -> Vec<&str> {
        v.as_array()
            .map(|a| a.iter().filter_map(Value::as_str).collect())
            .unwrap_or_default()
    }
    let (old, new) = (ids(&f.old), ids(&f.new));
    let added = new.iter().filter(|id| !old.contains(id)).copied().collect();
    let removed = old.iter().filter(|id| !new.contains(id)).copied().collect();
    (added, removed)
}

/// The pyramid entries (`role[membre=id]`) of members added to or removed from their
/// role: their dates are said with the member, not apart.
fn joined_entries(kind: Kind, fields: &[FieldChange]) -> Vec<usize> {
    if kind != Kind::Pyramide {
        return Vec::new();
    }
    let mut out = Vec::new();
    for f in fields {
        let Some(role) = Role::from_key(&f.field) else {
            continue;
        };
        let (added, removed) = role_change(f);
        for (ids, gone) in [(added, true), (removed, false)] {
            for id in ids {
                let key = format!("{}[membre={id}]", role.key());
                if let Some(at) = fields.iter().position(|e| {
                    e.field == key
                        && if gone {
                            e.old.is_null()
                        } else {
                            e.new.is_null()
                        }
                }) {
                    out.push(at);
                }
            }
        }
    }
    out
}

/// Puts values into words for the document of `kind`.
struct Words<'a> {
    ctx: &'a Ctx<'a>,
    kind: Kind,
    /// The document's path.
    from: &'a str,
    /// The documents the same commit renamed.
    renamed: &'a [Renamed],
}

/// The keys whose values are dates of the format (`2013`, `2013-05`, `2013-05-02`).
const DATE_KEYS: &[&str] = &[
    "date",
    "depuis",
    "jusqu_au",
    "adopte_le",
    "abroge_le",
    "creee_le",
];

impl Words<'_> {
    /// A field's value made ready to compare part by part: a flow's amount and unit as one
    /// worded value, a mission's item flattened.
    fn prepared(&self, field: &str, v: &Value) -> Value {
        match v {
            Value::Object(map) if flow_key(field).is_some() => {
                let mut map = map.clone();
                let unit = map
                    .remove("unite")
                    .and_then(|u| u.as_str().map(str::to_string));
                if let Some(n) = map.get("valeur").and_then(Value::as_f64) {
                    let amount = self.ctx.amount(n, unit.as_deref().unwrap_or_default());
                    map.insert("valeur".into(), Value::String(amount));
                }
                Value::Object(map)
            }
            Value::Array(items) => Value::Array(items.iter().map(flatten).collect()),
            other => other.clone(),
        }
    }

    fn row(&self, label: &str, change: &'static str, old: String, new: String, out: &mut Vec<Row>) {
        let change_label = match change {
            "added" => self.ctx.word(Word::ChangeAdded),
            "removed" => self.ctx.word(Word::ChangeRemoved),
            _ => "",
        };
        let (old_marked, new_marked) = if change == "changed" {
            marked(&old, &new)
        } else {
            Default::default()
        };
        out.push(Row {
            label: label.to_string(),
            change,
            change_label,
            old,
            new,
            old_marked,
            new_marked,
        });
    }

    /// The rows of one value's change at `path` (a field, then the keys inside it).
    fn change(&self, path: &[&str], label: &str, old: &Value, new: &Value, out: &mut Vec<Row>) {
        if old == new {
            return;
        }
        if self.whole(path, old, new) {
            let (mut o, mut n) = (self.value(path, old), self.value(path, new));
            if o == n {
                // Only a link's target or the markup changed: the values as written show it
                // in plain text (the feed), rendered on the page (emphasis, links).
                let written = |v: &Value| match (path.len(), v) {
                    (1, _) => crate::diff::as_written(self.kind, path[0], false, v),
                    (_, Value::String(s)) => s.clone(),
                    _ => v.to_string(),
                };
                (o, n) = (written(old), written(new));
                if let (Some(a), Some(b)) = (old.as_str(), new.as_str()) {
                    let html = |s: &str| {
                        self.ctx
                            .inline_markdown(s, self.from, crate::urls::EVOLUTION)
                    };
                    return out.push(Row {
                        label: label.to_string(),
                        change: "changed",
                        change_label: "",
                        old_marked: html(a),
                        new_marked: html(b),
                        old: o,
                        new: n,
                    });
                }
            }
            return match (old.is_null(), new.is_null()) {
                (true, false) if path.len() > 1 || flow_key(path[0]).is_some() => {
                    self.row(label, "added", String::new(), n, out)
                }
                (false, true) if path.len() > 1 || flow_key(path[0]).is_some() => {
                    self.row(label, "removed", o, String::new(), out)
                }
                _ => self.row(label, "changed", o, n, out),
            };
        }
        match (old, new) {
            (Value::Array(_) | Value::Null, Value::Array(_) | Value::Null) => {
                let none = Vec::new();
                let list = |v: &Value| v.as_array().unwrap_or(&none).clone();
                self.list(path, label, &list(old), &list(new), out);
            }
            (Value::Object(_) | Value::Null, Value::Object(_) | Value::Null) => {
                let none = Map::new();
                let (o, n) = (
                    old.as_object().unwrap_or(&none),
                    new.as_object().unwrap_or(&none),
                );
                self.parts(path, label, o, n, |_| true, out);
            }
            _ => self.row(
                label,
                "changed",
                self.value(path, old),
                self.value(path, new),
                out,
            ),
        }
    }

    /// Whether a change is shown as one value, old then new: a scalar, a price, a period,
    /// a flow added or removed, the capital becoming or ceasing to be "sans objet".
    fn whole(&self, path: &[&str], old: &Value, new: &Value) -> bool {
        let field = path[0];
        let structure = |v: &Value| v.is_object() || v.is_array();
        if !structure(old) && !structure(new) {
            return true;
        }
        if path.len() == 1 && flow_key(field).is_some() {
            return old.is_null() || new.is_null();
        }
        if path.len() == 1 && field == "capital" {
            return !(old.is_object() && new.is_object());
        }
        path.len() == 1 && matches!((self.kind, field), (Kind::Offre, "tarif") | (_, "periode"))
    }

    /// A list's change: the items added and removed (strings: names, labels, texts), or
    /// each item's own change (structures: milestones, missions, rules).
    fn list(&self, path: &[&str], label: &str, old: &[Value], new: &[Value], out: &mut Vec<Row>) {
        if old.iter().chain(new).all(Value::is_string) {
            let mut left: Vec<&Value> = new.iter().collect();
            let mut removed = Vec::new();
            for o in old {
                match left.iter().position(|n| *n == o) {
                    Some(at) => {
                        left.remove(at);
                    }
                    None => removed.push(o),
                }
            }
            if removed.is_empty() && left.is_empty() {
                // Only the order changed.
                let joined = |items: &[Value]| self.value(path, &Value::Array(items.to_vec()));
                return self.row(label, "changed", joined(old), joined(new), out);
            }
            // A document the commit renamed: one rename, from its previous title.
            let mut renamed = Vec::new();
            removed.retain(|r| {
                let Some(rename) = self
                    .renamed
                    .iter()
                    .find(|n| Some(n.old_id.as_str()) == r.as_str())
                else {
                    return true;
                };
                let Some(at) = left
                    .iter()
                    .position(|a| a.as_str() == Some(rename.new_id.as_str()))
                else {
                    return true;
                };
                renamed.push((rename.old_title.clone(), left.remove(at)));
                false
            });
            for (old_title, a) in renamed {
                out.push(Row {
                    label: label.to_string(),
                    change: "renamed",
                    change_label: self.ctx.word(Word::ChangeRenamed),
                    old: old_title,
                    new: self.value(path, a),
                    old_marked: String::new(),
                    new_marked: String::new(),
                });
            }
            for r in removed {
                self.row(label, "removed", self.value(path, r), String::new(), out);
            }
            for a in left {
                self.row(label, "added", String::new(), self.value(path, a), out);
            }
            return;
        }
        let identity = |v: &Value| {
            v.as_object()
                .and_then(|m| m.get("id").or_else(|| m.get("classe")))
                .and_then(Value::as_str)
                .map(str::to_string)
        };
        if old.iter().chain(new).all(|v| identity(v).is_some()) {
            let before: BTreeMap<String, &Value> =
                old.iter().filter_map(|v| Some((identity(v)?, v))).collect();
            let after: BTreeMap<String, &Value> =
                new.iter().filter_map(|v| Some((identity(v)?, v))).collect();
            for n in new {
                match identity(n).and_then(|id| before.get(&id).copied()) {
                    Some(o) => self.item(path, label, o, n, out),
                    None => self.row(label, "added", String::new(), self.item_words(path, n), out),
                }
            }
            for o in old {
                if identity(o).is_none_or(|id| !after.contains_key(&id)) {
                    self.row(
                        label,
                        "removed",
                        self.item_words(path, o),
                        String::new(),
                        out,
                    );
                }
            }
            return;
        }
        // Items without an identity (milestones): matched as they are, those replaced in
        // place paired in order.
        let text = |items: &[Value]| items.iter().map(Value::to_string).collect::<Vec<_>>();
        let (a, b) = (text(old), text(new));
        for op in similar::capture_diff_slices(similar::Algorithm::Myers, &a, &b) {
            let (o, n) = (&old[op.old_range()], &new[op.new_range()]);
            if matches!(op, similar::DiffOp::Equal { .. }) {
                continue;
            }
            let paired = o.len().min(n.len());
            for (o, n) in o.iter().zip(n) {
                self.item(path, label, o, n, out);
            }
            for o in &o[paired..] {
                self.row(
                    label,
                    "removed",
                    self.item_words(path, o),
                    String::new(),
                    out,
                );
            }
            for n in &n[paired..] {
                self.row(label, "added", String::new(), self.item_words(path, n), out);
            }
        }
    }

    /// An item changed in place: each of its parts that changed, under the item's name.
    fn item(&self, path: &[&str], label: &str, old: &Value, new: &Value, out: &mut Vec<Row>) {
        let (Some(o), Some(n)) = (old.as_object(), new.as_object()) else {
            let (a, b) = (self.value(path, old), self.value(path, new));
            return self.row(label, "changed", a, b, out);
        };
        let name = format!("{label} · {}", self.item_name(path, n));
        // Matched by its id; a new id is a new item.
        self.parts(path, &name, o, n, |key| key != "id", out);
    }

    /// Each part (`key`) of two mappings that `shown` keeps, as a change under `label`.
    fn parts(
        &self,
        path: &[&str],
        label: &str,
        o: &Map<String, Value>,
        n: &Map<String, Value>,
        shown: impl Fn(&str) -> bool,
        out: &mut Vec<Row>,
    ) {
        for key in keys(o, n).into_iter().filter(|k| shown(k)) {
            let sub = format!("{label} · {}", self.part_label(path, key));
            let mut inner = path.to_vec();
            inner.push(key);
            let (a, b) = (
                o.get(key).unwrap_or(&Value::Null),
                n.get(key).unwrap_or(&Value::Null),
            );
            self.change(&inner, &sub, a, b, out);
        }
    }

    /// An item as a reader names it: its date written out and its title, its title, its
    /// class, else its id.
    fn item_name(&self, path: &[&str], item: &Map<String, Value>) -> String {
        let text = |key: &str| item.get(key).and_then(Value::as_str);
        let title = text("titre").or_else(|| text("nom"));
        let date = text("date").map(|d| self.date(d));
        match (date, title) {
            (Some(d), Some(t)) => format!("{d} — {t}"),
            (None, Some(t)) => t.to_string(),
            (Some(d), None) => d,
            (None, None) => match text("classe") {
                Some(c) => self.ctx.label("classe", c),
                None => {
                    let mut inner = path.to_vec();
                    inner.push("id");
                    text("id").map_or_else(String::new, |id| self.value(&inner, &id.into()))
                }
            },
        }
    }

    /// An item added or removed: its name and, when it has one, its description.
    fn item_words(&self, path: &[&str], item: &Value) -> String {
        let Some(map) = item.as_object() else {
            return self.value(path, item);
        };
        let name = self.item_name(path, map);
        let description = map
            .get("description")
            .map(|d| {
                let mut inner = path.to_vec();
                inner.push("description");
                self.value(&inner, d)
            })
            .filter(|d| !d.is_empty());
        match description {
            Some(d) if !name.is_empty() => format!("{name} — {}", excerpt(&d)),
            Some(d) => excerpt(&d),
            None => name,
        }
    }

    /// The label of `key` inside the value at `path`: a member's name in the capital, else
    /// the key's label.
    fn part_label(&self, path: &[&str], key: &str) -> String {
        if path == ["capital"] {
            return self.ctx.member(key).title;
        }
        key_label(self.ctx, key)
    }

    fn date(&self, d: &str) -> String {
        typography::long_date(self.ctx.lang, d).unwrap_or_else(|| d.to_string())
    }

    /// A value as its page reads it, at `path` (a field, then keys inside it).
    fn value(&self, path: &[&str], v: &Value) -> String {
        let ctx = self.ctx;
        let (field, key) = (path[0], *path.last().unwrap_or(&path[0]));
        match v {
            Value::Null => "—".into(),
            Value::Bool(b) => ctx.word(if *b { Word::Yes } else { Word::No }).into(),
            Value::Number(n) => {
                let n = n.as_f64().unwrap_or_default();
                if path.len() == 2 && field == "capital" {
                    ctx.amount(n, "%")
                } else {
                    ctx.number(n)
                }
            }
            Value::String(s) if DATE_KEYS.contains(&key) => self.date(s),
            Value::String(s) => self.string(path, s),
            Value::Array(items) if path == ["periode"] => {
                let dates: Vec<String> = items
                    .iter()
                    .map(|d| d.as_str().map_or_else(|| "…".into(), |d| self.date(d)))
                    .collect();
                dates.join(" – ")
            }
            Value::Array(items) => items
                .iter()
                .map(|i| self.value(path, i))
                .collect::<Vec<_>>()
                .join(", "),
            Value::Object(map) => self.structure(path, map),
        }
    }

    /// A structure worded whole: a price as the catalogue writes it, a flow as its amount
    /// and nature, the capital by names, anything else its parts in their order.
    fn structure(&self, path: &[&str], map: &Map<String, Value>) -> String {
        let ctx = self.ctx;
        let field = path[0];
        if path.len() == 1 && self.kind == Kind::Offre && field == "tarif" {
            let tarif = match map.get("mode").and_then(Value::as_str) {
                Some(mode) => Some(Tarif::Mode(mode.to_string())),
                None => map
                    .get("montant")
                    .and_then(Value::as_f64)
                    .zip(map.get("devise").and_then(Value::as_str))
                    .map(|(montant, devise)| Tarif::Prix {
                        montant,
                        devise: devise.to_string(),
                        unite: map.get("unite").and_then(Value::as_str).map(str::to_string),
                    }),
            };
            if let Some(tarif) = tarif {
                return ctx.tarif(&tarif);
            }
        }
        if path == ["capital"] {
            return map
                .iter()
                .map(|(id, part)| {
                    let share = part
                        .as_f64()
                        .map_or_else(|| part.to_string(), |n| ctx.amount(n, "%"));
                    format!("{} {share}", ctx.member(id).title)
                })
                .collect::<Vec<_>>()
                .join(", ");
        }
        let parts: Vec<String> = map
            .iter()
            .filter(|(k, _)| *k != "id")
            .map(|(k, v)| {
                let mut inner = path.to_vec();
                inner.push(k);
                self.value(&inner, v)
            })
            .filter(|w| !w.is_empty() && w != "—")
            .collect();
        parts.join(" · ")
    }

    /// A text value: the name of what an id refers to, an enumerated value's label, a
    /// Markdown field's plain text, else the text as written.
    fn string(&self, path: &[&str], s: &str) -> String {
        let ctx = self.ctx;
        let (field, key) = (path[0], *path.last().unwrap_or(&path[0]));
        // A document named by an id it no longer has (renamed since) is named as it is
        // today.
        let now = |kind: Kind, id: &str| ctx.history.current_id(kind, id);
        let member = |id: &str| ctx.member(&now(Kind::Membre, id)).title;
        match (self.kind, field, key) {
            (Kind::Principe, _, "responsables") | (Kind::Offre, _, "membres") => return member(s),
            (Kind::Histoire, "jalons", "acteurs") => return member(s),
            (Kind::Pyramide, f, _) if Role::from_key(f).is_some() && path.len() == 1 => {
                return member(s)
            }
            (Kind::Principe, _, "liens" | "remplace") | (Kind::Offre, _, "principes") => {
                return ctx.principe_ref(&now(Kind::Principe, s)).title
            }
            (Kind::Offre, _, "complementaire_de") => {
                return ctx.offre_ref(&now(Kind::Offre, s)).title
            }
            (Kind::Offre, _, "plans") | (Kind::Principe, _, "plan") => {
                return ctx.plan(s).map_or_else(|| s.to_string(), |p| p.title)
            }
            (Kind::RaisonDEtre, "missions", "objectifs") => {
                let title = ctx.repo.raison.as_ref().and_then(|r| {
                    r.objectifs
                        .iter()
                        .find(|o| o.id.value == s)
                        .map(|o| o.titre.clone())
                });
                return title.unwrap_or_else(|| s.to_string());
            }
            (Kind::Modification, "regles", "decide_par") => {
                let title = ctx.repo.modification.as_ref().and_then(|m| {
                    m.instances
                        .iter()
                        .find(|i| i.id.value == s)
                        .map(|i| i.titre.clone())
                });
                return title.unwrap_or_else(|| s.to_string());
            }
            _ => {}
        }
        for prefix in [key, ""] {
            let label = ctx.label(prefix, s);
            if label != s {
                return label;
            }
        }
        // A Markdown field (per the kind's schema) reads as its text.
        let wrapped = match path.len() {
            1 => crate::diff::words(self.kind, field, &Value::String(s.into())),
            _ => {
                let mut one = Map::new();
                one.insert(key.to_string(), Value::String(s.into()));
                crate::diff::item_words(self.kind, field, &Value::Object(one))
            }
        };
        if wrapped.is_empty() {
            s.to_string()
        } else {
            wrapped
        }
    }
}

/// Two sides of a text changed in place, the changed words marked, when they share a
/// word (else both are marked whole, as the template writes them).
fn marked(old: &str, new: &str) -> (String, String) {
    use crate::diff::Segment;
    let segments = crate::diff::word_segments(old, new);
    let shared = segments
        .iter()
        .any(|s| matches!(s, Segment::Same(t) if t.chars().any(char::is_alphabetic)));
    if !shared {
        return Default::default();
    }
    (
        super::evolution::marked(&segments, true),
        super::evolution::marked(&segments, false),
    )
}

/// The keys of two structures: the new one's order, then the keys only the old one has.
fn keys<'m>(old: &'m Map<String, Value>, new: &'m Map<String, Value>) -> Vec<&'m str> {
    let mut keys: Vec<&str> = new.keys().map(String::as_str).collect();
    keys.extend(
        old.keys()
            .map(String::as_str)
            .filter(|k| !new.contains_key(*k)),
    );
    keys
}

/// A mission's `item` (its id, title and description) brought up beside its objectives.
fn flatten(v: &Value) -> Value {
    let Some(map) = v.as_object() else {
        return v.clone();
    };
    let Some(Value::Object(item)) = map.get("item") else {
        return v.clone();
    };
    let mut flat = item.clone();
    for (k, v) in map {
        if k != "item" {
            flat.insert(k.clone(), v.clone());
        }
    }
    Value::Object(flat)
}

/// The first words of a long text.
fn excerpt(text: &str) -> String {
    const WORDS: usize = 30;
    let words: Vec<&str> = text.split_whitespace().collect();
    if words.len() <= WORDS {
        words.join(" ")
    } else {
        format!("{} …", words[..WORDS].join(" "))
    }
}

impl Words<'_> {
    /// A role's members: those added and removed by name, each with the period of its
    /// entry ("Léa Bernard, depuis le 1er janvier 2022"); a list only reordered, whole.
    fn role(&self, role: Role, f: &FieldChange, fields: &[FieldChange], out: &mut Vec<Row>) {
        let label = self.ctx.role_label(role);
        let (added, removed) = role_change(f);
        if added.is_empty() && removed.is_empty() {
            let (o, n) = (
                self.value(&[&f.field], &f.old),
                self.value(&[&f.field], &f.new),
            );
            return self.row(label, "changed", o, n, out);
        }
        let lang = self.ctx.lang;
        let with_period = |id: &str, side: fn(&FieldChange) -> &Value| {
            let key = format!("{}[membre={id}]", role.key());
            let entry = fields.iter().find(|e| e.field == key).map(side);
            let text = |k: &str| entry.and_then(|e| e.get(k)).and_then(Value::as_str);
            let mut parts = vec![self.ctx.member(id).title];
            parts.extend(text("depuis").and_then(|d| typography::since(lang, d)));
            parts.extend(text("jusqu_au").and_then(|d| typography::until(lang, d)));
            parts.extend(text("note").map(str::to_string));
            parts.join(", ")
        };
        for id in removed {
            let words = with_period(id, |e| &e.old);
            self.row(label, "removed", words, String::new(), out);
        }
        for id in added {
            let words = with_period(id, |e| &e.new);
            self.row(label, "added", String::new(), words, out);
        }
    }

    /// A flow whose wealth was renamed (and perhaps more): the rename, then its other
    /// changes.
    fn flow_renamed(&self, removed: &FieldChange, added: &FieldChange, out: &mut Vec<Row>) {
        let (Some(from), Some(to)) = (flow_key(&removed.field), flow_key(&added.field)) else {
            return;
        };
        let people = flow_people(self.ctx, &to);
        let label = format!("{people} · {}", self.ctx.word(Word::Richesse));
        self.row(
            &label,
            "changed",
            from.richesse.to_string(),
            to.richesse.to_string(),
            out,
        );
        let (old, new) = (
            self.prepared(&removed.field, &removed.old),
            self.prepared(&added.field, &added.new),
        );
        let label = field_label(self.ctx, &added.field);
        let none = Map::new();
        let (o, n) = (
            old.as_object().unwrap_or(&none),
            new.as_object().unwrap_or(&none),
        );
        for key in keys(o, n) {
            let sub = format!("{label} · {}", key_label(self.ctx, key));
            let (a, b) = (
                o.get(key).unwrap_or(&Value::Null),
                n.get(key).unwrap_or(&Value::Null),
            );
            self.change(&[&added.field, key], &sub, a, b, out);
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::i18n::Lang;
    use serde_json::json;

    fn example() -> crate::model::Repo {
        let dir = std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("examples/cheznous");
        let source = crate::load::source::DirSource::new(&dir);
        crate::validate::check(crate::load::load(&source).expect("loaded"), None).repo
    }

    /// The changes a reader can make to a value: add it, remove it, and, for a list, drop
    /// its first item or retitle it; for a structure, change one of its parts.
    fn edits(value: &Value) -> Vec<(Value, Value)> {
        let mut out = vec![(Value::Null, value.clone()), (value.clone(), Value::Null)];
        match value {
            Value::Array(items) if items.len() > 1 => {
                out.push((value.clone(), Value::Array(items[1..].to_vec())));
                if let Some(Value::Object(first)) = items.first() {
                    let mut edited = first.clone();
                    for key in ["titre", "description", "date", "methode"] {
                        if let Some(Value::String(s)) = edited.get(key) {
                            let s = if key == "date" {
                                "1999".into()
                            } else {
                                format!("{s} bis")
                            };
                            edited.insert(key.into(), Value::String(s));
                            break;
                        }
                    }
                    let mut items = items.clone();
                    items[0] = Value::Object(edited);
                    out.push((value.clone(), Value::Array(items)));
                }
            }
            Value::Object(map) => {
                for (k, v) in map.iter().filter(|(_, v)| !v.is_object()) {
                    let other = match v {
                        _ if DATE_KEYS.contains(&k.as_str()) => json!("2020-01-02"),
                        Value::Bool(b) => json!(!b),
                        Value::Number(n) => json!(n.as_f64().unwrap_or_default() + 1.0),
                        _ => json!("autre valeur"),
                    };
                    let mut edited = map.clone();
                    edited.insert(k.clone(), other);
                    out.push((value.clone(), Value::Object(edited)));
                }
            }
            _ => {}
        }
        out
    }

    /// Every field of every document of the example, added, removed or edited, in both
    /// languages: each row is labelled in words (never a key such as `site_titre` or
    /// `flux[de=…]`), shows no ISO date and no id of a document or an item, and an edit of
    /// one item of a list shows that item alone.
    #[test]
    fn every_change_of_the_example_reads_in_words() {
        let mut repo = example();
        let mut ids: Vec<String> = crate::diff::documents(&repo)
            .iter()
            .map(|(_, id, _)| id.clone())
            .filter(|id| id.contains('-'))
            .collect();
        if let Some(r) = &repo.raison {
            let items = r.enjeux.iter().chain(&r.objectifs);
            ids.extend(items.map(|i| i.id.value.clone()));
            ids.extend(r.missions.iter().map(|m| m.item.id.value.clone()));
        }
        // An id that is a plain word ("transitions") may be a word of a title.
        ids.retain(|id| id.contains('-'));
        let ids: Vec<(String, regex::Regex)> = ids
            .into_iter()
            .map(|id| {
                let word = format!(r"(^|[\s,(]){}($|[\s,)])", regex::escape(&id));
                (id, regex::Regex::new(&word).expect("regex"))
            })
            .collect();
        let iso = regex::Regex::new(r"\b\d{4}-\d{2}(-\d{2})?\b").expect("regex");
        let history = crate::site::history::History::default();
        for lang in [Lang::Fr, Lang::En] {
            if let Some(m) = repo.manifeste.as_mut() {
                m.langue = lang.code().into();
            }
            let repo = &repo;
            let ctx = Ctx::new(repo, &history, None);
            let mut seen = 0;
            for (kind, id, fields) in crate::diff::documents(repo) {
                for (field, value) in fields.iter().filter(|(_, v)| !v.is_null()) {
                    for (old, new) in edits(value) {
                        let change = FieldChange {
                            field: field.clone(),
                            old: old.clone(),
                            new: new.clone(),
                        };
                        let shown = rows(&ctx, kind, "", std::slice::from_ref(&change), &[]);
                        let at = format!("{lang:?} {kind:?} {id} {field}: {old} → {new}");
                        assert!(!shown.is_empty() || old == new, "{at}: nothing shown");
                        let one_item = matches!((&old, &new), (Value::Array(a), Value::Array(b)) if a.len() == b.len() + 1 || a.len() == b.len());
                        if one_item {
                            assert!(shown.len() <= 2, "{at}: more than the item\n{shown:#?}");
                        }
                        for row in &shown {
                            seen += 1;
                            let text = format!("{} {} {}", row.label, row.old, row.new);
                            assert!(
                                !row.label.contains(['_', '[', ']', '=']),
                                "{at}: a key as label\n{row:#?}"
                            );
                            assert!(!iso.is_match(&text), "{at}: an ISO date\n{row:#?}");
                            for (id, word) in &ids {
                                assert!(!word.is_match(&text), "{at}: the id {id}\n{row:#?}");
                            }
                        }
                    }
                }
            }
            assert!(seen > 300, "{seen} rows only");
        }
    }

    #[test]
    fn a_renamed_wealth_is_one_rename_and_a_changed_value_only_the_value() {
        let repo = example();
        let history = crate::site::history::History::default();
        let ctx = Ctx::new(&repo, &history, None);
        let flow = |richesse: &str, valeur: f64| FieldChange {
            field: format!("flux[de=lea,vers=julien,richesse={richesse}]"),
            old: Value::Null,
            new: json!({ "nature": "immaterielle", "mesure": "quantitative", "valeur": valeur, "unite": "heure" }),
        };
        let mut gone = flow("Temps", 3.0);
        std::mem::swap(&mut gone.old, &mut gone.new);
        let shown = rows(
            &ctx,
            Kind::Matrice,
            "matrices/m.yaml",
            &[flow("Temps donné", 4.0), gone],
            &[],
        );
        let lines: Vec<String> = shown
            .iter()
            .map(|r| format!("{} : {}", r.label, r.text()))
            .collect();
        assert_eq!(
            lines,
            [
                "Léa Bernard → Julien Moreau · Richesse : Temps → Temps donné",
                "Léa Bernard → Julien Moreau · Temps donné · Valeur : 3\u{a0}heures → 4\u{a0}heures",
            ]
        );
    }
}
