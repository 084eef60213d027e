//! The inverted pyramid's page: its drawing, the roles with their members and
//! responsibilities, and the capital.

use serde::Serialize;

use super::{date_of, Page, PageData};
use crate::format::Role;
use crate::i18n::site::Word;
use crate::model::Capital;
use crate::site::content;
use crate::site::jsonld;
use crate::site::view::{Ctx, Ref};
use crate::urls;
use strum::IntoEnumIterator;

/// `pyramide.html`.
#[derive(Serialize)]
pub struct PyramideView<'a> {
    description: String,
    /// The drawing's bands from the top (contributors, the many) down to its point (the
    /// authors), current holders only.
    bands: Vec<Band>,
    /// The drawing's caption, each claim made from the bands and capital drawn.
    reading: String,
    roles: Vec<RoleView<'a>>,
    capital: CapitalView,
}

/// One band of the pyramid on its point.
#[derive(Serialize)]
struct Band {
    key: &'static str,
    label: &'static str,
    members: Vec<Ref>,
    /// Its width in whole percent of the drawing (30 at the point to 100 at the top).
    width: u8,
}

#[derive(Serialize)]
struct RoleView<'a> {
    key: &'static str,
    label: &'static str,
    entries: Vec<EntryView<'a>>,
    responsabilites: &'a [String],
}

#[derive(Serialize)]
struct EntryView<'a> {
    member: Ref,
    depuis: Option<&'a str>,
    jusqu_au: Option<&'a str>,
    note: Option<&'a str>,
}

/// The capital, in one of its three states.
#[derive(Serialize)]
#[serde(tag = "state", rename_all = "kebab-case")]
enum CapitalView {
    NotStated,
    SansObjet,
    Parts { rows: Vec<ShareRow>, total: String },
}

#[derive(Serialize)]
struct ShareRow {
    member: Ref,
    part: String,
    /// The bar's length in whole percent (0 to 100), see `super::bar_width`.
    width: u8,
}

/// The bands, contributors on top and authors at the point, each as wide as its place in
/// the shape asks: 30 % of the drawing at the point (room for the role's name), 100 % at
/// the top, in even steps. The drawing always stands on its point, as its caption says,
/// whoever holds the roles (sized by the number of holders, a fresh `init`'s one author
/// and no contributor stood it on its wide base); a band's names wrap within it, all of
/// them shown.
fn bands(ctx: &Ctx, p: &crate::model::Pyramide) -> Vec<Band> {
    let current = |role: Role| -> Vec<Ref> {
        p.entries(role)
            .iter()
            .filter(|e| e.jusqu_au.is_none())
            .map(|e| ctx.member(&e.membre.value))
            .collect()
    };
    // From the point (the authors) up.
    let roles: Vec<(Role, Vec<Ref>)> = Role::iter().map(|r| (r, current(r))).collect();
    let last = roles.len().saturating_sub(1).max(1) as f64;
    let mut bands: Vec<Band> = roles
        .into_iter()
        .enumerate()
        .map(|(i, (role, members))| Band {
            key: role.key(),
            label: ctx.role_label(role),
            width: super::bar_width((30.0 + 70.0 * i as f64 / last) / 100.0),
            members,
        })
        .collect();
    // Drawn from the top (the contributors) down.
    bands.reverse();
    bands
}

pub fn page<'a>(ctx: &'a Ctx<'a>) -> Page<'a> {
    let mut page = Page::new(urls::PYRAMIDE, "pyramide.html", "pyramide", Word::Pyramide);
    page.title = ctx.word(Word::Pyramide).to_string();
    let Some(p) = &ctx.repo.pyramide else {
        return page;
    };
    page.shows(&p.meta, None);
    // The description is Markdown, rendered with the document's ids and links.
    let mut description = ctx.body(&p.meta, &mut page);
    page.description = p
        .description
        .as_deref()
        .map(|d| content::first_paragraph_text(d, 240))
        .unwrap_or_default();
    let roles = Role::iter()
        .map(|role| RoleView {
            key: role.key(),
            label: ctx.role_label(role),
            entries: p
                .entries(role)
                .iter()
                .map(|e| EntryView {
                    member: ctx.member(&e.membre.value),
                    depuis: date_of(e.depuis.as_ref()),
                    jusqu_au: date_of(e.jusqu_au.as_ref()),
                    note: e.note.as_deref(),
                })
                .collect(),
            responsabilites: p
                .responsabilites
                .iter()
                .find(|(r, _)| *r == role)
                .map_or(&[], |(_, d)| d.as_slice()),
        })
        .collect();
    let bands = bands(ctx, p);
    let capital = capital(ctx, &p.capital);
    page.data = PageData::Pyramide(PyramideView {
        description: description
            .fields
            .remove("/description")
            .unwrap_or_default(),
        reading: reading(ctx, &bands, &capital),
        bands,
        roles,
        capital,
    });
    page.files = description.files;
    page.jsonld = jsonld::web_page(ctx, &page);
    page
}

/// The caption: the orientation, then each band from the point up with how many people
/// members it draws (people or organisations: "membres", never "personnes"), then the capital when it is drawn beside the pyramid.
fn reading(ctx: &Ctx, bands: &[Band], capital: &CapitalView) -> String {
    let plural = |n: usize| {
        let form =
            crate::i18n::plural::plural(ctx.lang, n).pick(Word::MembersOne, Word::MembersOther);
        ctx.word(form).replace("{n}", &n.to_string())
    };
    let bands: Vec<String> = bands
        .iter()
        .rev()
        .map(|b| format!("{} ({})", lowercase_first(b.label), plural(b.members.len())))
        .collect();
    let mut text = format!("{} {}.", ctx.word(Word::PyramidReading), bands.join(", "));
    if let CapitalView::Parts { total, .. } = capital {
        text.push(' ');
        text.push_str(&ctx.word(Word::PyramidCapital).replace("{total}", total));
    }
    text
}

/// A label inside a sentence: "Co-auteurs" reads "co-auteurs".
fn lowercase_first(label: &str) -> String {
    let mut chars = label.chars();
    chars
        .next()
        .map(|c| c.to_lowercase().chain(chars).collect())
        .unwrap_or_default()
}

fn capital(ctx: &Ctx, capital: &Capital) -> CapitalView {
    match capital {
        Capital::NotStated => CapitalView::NotStated,
        Capital::SansObjet => CapitalView::SansObjet,
        Capital::Parts { parts, .. } => {
            let total: f64 = parts.iter().map(|p| p.part).sum();
            CapitalView::Parts {
                rows: parts
                    .iter()
                    .map(|p| ShareRow {
                        member: ctx.member(&p.membre.value),
                        part: ctx.amount(p.part, "%"),
                        width: super::bar_width(p.part / 100.0),
                    })
                    .collect(),
                total: ctx.amount(total, "%"),
            }
        }
    }
}
