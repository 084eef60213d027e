//! The inverted pyramid's page: its drawing, the roles with their members and
//! responsibilities, and the capital.

use serde::Serialize;

use super::{date_of, Page, PageData};
use crate::i18n::site::Word;
use crate::model::{Capital, Role};
use crate::site::content;
use crate::site::jsonld;
use crate::site::urls;
use crate::site::view::{Ctx, Ref};

/// `pyramide.html`.
#[derive(Serialize)]
pub struct PyramideView<'a> {
    description: String,
    svg: String,
    roles: Vec<RoleView<'a>>,
    capital: CapitalView,
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
    Parts {
        rows: Vec<ShareRow>,
        total: String,
        svg: String,
    },
}

#[derive(Serialize)]
struct ShareRow {
    member: Ref,
    part: String,
}

pub fn page<'a>(ctx: &'a Ctx<'a>) -> Page<'a> {
    let mut page = Page::new(urls::PYRAMIDE, "pyramide.html", "pyramide", Word::Pyramide);
    page.title = ctx.word(Word::Pyramide).to_string();
    let Some(p) = &ctx.repo.pyramide else {
        return page;
    };
    // The description is Markdown, rendered with the document's ids and links.
    let mut description = ctx.body(&p.meta, &page.path);
    page.description = p
        .description
        .as_deref()
        .map(|d| content::first_paragraph_text(d, 240))
        .unwrap_or_default();
    let roles = Role::ALL
        .iter()
        .map(|role| RoleView {
            key: role.key(),
            label: ctx.role_label(*role),
            entries: p
                .entries(*role)
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
                .find(|(r, _)| r == role)
                .map_or(&[], |(_, d)| d.as_slice()),
        })
        .collect();
    page.data = PageData::Pyramide(PyramideView {
        description: description
            .fields
            .remove("/description")
            .unwrap_or_default(),
        svg: crate::site::matrix::pyramid_svg(ctx, p),
        roles,
        capital: capital(ctx, &p.capital),
    });
    page.files = description.files;
    page.jsonld = jsonld::web_page(ctx, &page);
    page
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
                        part: format!("{} %", ctx.number(p.part)),
                    })
                    .collect(),
                total: format!("{} %", ctx.number(total)),
                svg: crate::site::matrix::capital_svg(ctx, parts),
            }
        }
    }
}
