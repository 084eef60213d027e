//! The wealth matrices and the pyramid as pages: a matrix's four quadrants
//! (matérielle/immatérielle × quantitative/qualitative), its totals per unit and per
//! member, the flows each member gives and receives, and the data behind the drawings.

use std::borrow::Cow;
use std::collections::BTreeMap;

use serde::Serialize;

use super::pages::{Page, PageData};
use super::urls;
use super::view::{Ctx, Ref};
use crate::format::Kind;
use crate::i18n::site::Word;
use crate::model::{Flux, Matrice, Mesure, Nature};

/// A flow as tables show it.
#[derive(Serialize)]
pub struct FluxView<'a> {
    de: Ref,
    vers: Ref,
    richesse: &'a str,
    nature: &'static str,
    nature_label: String,
    mesure: &'static str,
    mesure_label: String,
    /// `2 400 EUR`, or empty for a qualitative flow.
    valeur: String,
    appreciation: Option<&'a str>,
    /// The arrow's thickness, 1 to 6: its share of the largest amount of the same unit in
    /// the matrix (qualitative flows are drawn thin and dashed).
    weight: u8,
}

/// The largest quantitative value of each unit in a set of flows.
fn largest(flows: &[Flux]) -> BTreeMap<Cow<'_, str>, f64> {
    let mut max: BTreeMap<Cow<'_, str>, f64> = BTreeMap::new();
    for f in flows {
        if let (Mesure::Quantitative, Some(v)) = (f.mesure, f.valeur) {
            let e = max.entry(f.unit().unwrap_or_default()).or_default();
            *e = e.max(v);
        }
    }
    max
}

/// The thickness class of a flow: proportional to its value within its unit.
fn weight(f: &Flux, largest: &BTreeMap<Cow<'_, str>, f64>) -> u8 {
    let (Mesure::Quantitative, Some(v)) = (f.mesure, f.valeur) else {
        return 1;
    };
    let max = largest
        .get(&f.unit().unwrap_or_default())
        .copied()
        .unwrap_or(v);
    if max <= 0.0 {
        return 1;
    }
    // 1 to 6, never 0: a small flow is still drawn.
    (1.0 + (v / max * 5.0).round()).clamp(1.0, 6.0) as u8
}

fn flux_view<'a>(ctx: &Ctx, f: &'a Flux) -> FluxView<'a> {
    FluxView {
        de: ctx.member(&f.de.value),
        vers: ctx.member(&f.vers.value),
        richesse: &f.richesse,
        nature: f.nature.as_str(),
        nature_label: ctx.label("", f.nature.as_str()),
        mesure: f.mesure.as_str(),
        mesure_label: ctx.label("", f.mesure.as_str()),
        valeur: quantity(ctx, f),
        appreciation: f.appreciation.as_deref(),
        weight: 1,
    }
}

fn quantity(ctx: &Ctx, f: &Flux) -> String {
    match (f.mesure, f.valeur) {
        (Mesure::Quantitative, Some(v)) => ctx.amount(v, &f.unit().unwrap_or_default()),
        _ => String::new(),
    }
}

/// The sum of a unit's quantitative values.
#[derive(Serialize)]
struct UnitTotal {
    unit: String,
    total: String,
    count: usize,
}

/// Sums of quantitative values, by unit, in unit order.
fn totals<'a>(ctx: &Ctx, flows: impl Iterator<Item = &'a Flux>) -> Vec<UnitTotal> {
    let mut by_unit: BTreeMap<String, (f64, usize)> = BTreeMap::new();
    for f in flows {
        if let (Mesure::Quantitative, Some(v)) = (f.mesure, f.valeur) {
            let e = by_unit
                .entry(f.unit().unwrap_or_default().into_owned())
                .or_default();
            e.0 += v;
            e.1 += 1;
        }
    }
    by_unit
        .into_iter()
        .map(|(unit, (total, count))| UnitTotal {
            total: ctx.amount(total, &unit),
            unit: crate::i18n::typography::unit_label(ctx.lang, &unit).into_owned(),
            count,
        })
        .collect()
}

/// `matrices.html`.
#[derive(Serialize)]
pub struct MatricesView<'a> {
    matrices: Vec<MatriceCard<'a>>,
}

#[derive(Serialize)]
struct MatriceCard<'a> {
    title: &'a str,
    url: String,
    contexte: Option<String>,
    /// Plain text: the description's Markdown without its marks.
    description: Option<String>,
    du: Option<&'a str>,
    au: Option<&'a str>,
    flux: usize,
}

/// The start and end of a matrix's period, when stated.
fn period(m: &Matrice) -> (Option<&str>, Option<&str>) {
    match &m.periode {
        Some((du, au)) => (
            du.as_ref().map(|d| d.value.as_str()),
            au.as_ref().map(|d| d.value.as_str()),
        ),
        None => (None, None),
    }
}

pub fn index<'a>(ctx: &'a Ctx<'a>) -> Page<'a> {
    let mut page = Page::new(urls::MATRICES, "matrices.html", "matrices", Word::Matrices);
    page.title = ctx.word(Word::Matrices).to_string();
    let matrices = ctx
        .repo
        .matrices
        .iter()
        .map(|m| {
            let (du, au) = period(m);
            MatriceCard {
                title: &m.titre,
                url: urls::page_of(Kind::Matrice, &m.meta.id),
                contexte: m.contexte_type.as_deref().map(|t| ctx.label("contexte", t)),
                description: m
                    .description
                    .as_deref()
                    .map(crate::markdown::plain_text)
                    .or_else(|| m.contexte_description.clone()),
                du,
                au,
                flux: m.flux.len(),
            }
        })
        .collect();
    page.data = PageData::Matrices(MatricesView { matrices });
    page.jsonld = super::jsonld::web_page(ctx, &page);
    page
}

/// `matrice.html`.
#[derive(Serialize)]
pub struct MatriceView<'a> {
    contexte: Option<String>,
    contexte_description: Option<&'a str>,
    /// HTML: the description's Markdown, rendered for this page.
    description: Option<String>,
    du: Option<&'a str>,
    au: Option<&'a str>,
    quadrants: Vec<Quadrant<'a>>,
    totals: Vec<UnitTotal>,
    members: Vec<MemberTotals>,
    flux: Vec<FluxView<'a>>,
}

/// One of the four quadrants: a nature and a measure, with their flows and totals.
#[derive(Serialize)]
struct Quadrant<'a> {
    nature: &'static str,
    mesure: &'static str,
    nature_label: String,
    mesure_label: String,
    flux: Vec<FluxView<'a>>,
    totals: Vec<UnitTotal>,
}

pub fn page<'a>(ctx: &'a Ctx<'a>, m: &'a Matrice) -> Page<'a> {
    let mut page = Page::new(
        urls::page_of(Kind::Matrice, &m.meta.id),
        "matrice.html",
        "matrices",
        Word::Matrices,
    );
    page.shows(&m.meta, Some("matrices".into()));
    page.title = m.titre.clone();
    page.description = m
        .description
        .as_deref()
        .map(crate::markdown::plain_text)
        .or_else(|| m.contexte_description.clone())
        .unwrap_or_default();
    // The description is Markdown: rendered for this page, its links copied.
    let mut description = ctx.body(&m.meta, &mut page);
    page.files = std::mem::take(&mut description.files);
    let largest = largest(&m.flux);
    let quadrants = [Nature::Materielle, Nature::Immaterielle]
        .iter()
        .flat_map(|n| [(*n, Mesure::Quantitative), (*n, Mesure::Qualitative)])
        .map(|(nature, mesure)| {
            let flows: Vec<&Flux> = m
                .flux
                .iter()
                .filter(|f| f.nature == nature && f.mesure == mesure)
                .collect();
            Quadrant {
                nature: nature.as_str(),
                mesure: mesure.as_str(),
                nature_label: ctx.label("", nature.as_str()),
                mesure_label: ctx.label("", mesure.as_str()),
                flux: flows
                    .iter()
                    .map(|f| FluxView {
                        weight: weight(f, &largest),
                        ..flux_view(ctx, f)
                    })
                    .collect(),
                totals: totals(ctx, flows.iter().copied()),
            }
        })
        .collect();
    let (du, au) = period(m);
    page.data = PageData::Matrice(MatriceView {
        contexte: m.contexte_type.as_deref().map(|t| ctx.label("contexte", t)),
        contexte_description: m.contexte_description.as_deref(),
        description: description.fields.remove("/description"),
        du,
        au,
        quadrants,
        totals: totals(ctx, m.flux.iter()),
        members: member_totals(ctx, m),
        flux: m.flux.iter().map(|f| flux_view(ctx, f)).collect(),
    });
    page.jsonld = super::jsonld::node(ctx, &page);
    page
}

/// What a member gives and receives in a matrix.
#[derive(Serialize)]
struct MemberTotals {
    member: Ref,
    units: Vec<GivenReceived>,
    qualitative_given: usize,
    qualitative_received: usize,
}

/// Amounts of one unit a member gave and received (empty when none).
#[derive(Serialize)]
struct GivenReceived {
    unit: String,
    given: String,
    received: String,
}

/// What each member gives and receives in a matrix, per unit.
fn member_totals(ctx: &Ctx, m: &Matrice) -> Vec<MemberTotals> {
    members_of(m)
        .into_iter()
        .map(|id| {
            // Given, received: the sum, or `None` when no flow of the unit goes that way
            // (a flow of 0 still shows, "0 jour").
            let mut units: BTreeMap<String, (Option<f64>, Option<f64>)> = BTreeMap::new();
            let (mut qual_given, mut qual_received) = (0, 0);
            for f in &m.flux {
                let given = f.de.value == id;
                if !given && f.vers.value != id {
                    continue;
                }
                match (f.mesure, f.valeur) {
                    (Mesure::Quantitative, Some(v)) => {
                        let e = units
                            .entry(f.unit().unwrap_or_default().into_owned())
                            .or_default();
                        let side = if given { &mut e.0 } else { &mut e.1 };
                        *side = Some(side.unwrap_or(0.0) + v);
                    }
                    _ if given => qual_given += 1,
                    _ => qual_received += 1,
                }
            }
            let shown = |v: Option<f64>, unit: &str| v.map(|v| ctx.amount(v, unit));
            MemberTotals {
                member: ctx.member(id),
                units: units
                    .into_iter()
                    .map(|(unit, (g, r))| GivenReceived {
                        given: shown(g, &unit).unwrap_or_default(),
                        received: shown(r, &unit).unwrap_or_default(),
                        unit,
                    })
                    .collect(),
                qualitative_given: qual_given,
                qualitative_received: qual_received,
            }
        })
        .collect()
}

/// Members named by a matrix's flows, in order of first appearance.
fn members_of(m: &Matrice) -> Vec<&str> {
    let mut out: Vec<&str> = Vec::new();
    for f in &m.flux {
        for id in [f.de.value.as_str(), f.vers.value.as_str()] {
            if !out.contains(&id) {
                out.push(id);
            }
        }
    }
    out
}

/// A flow on a member's page: what went to or came from whom, in which matrix.
#[derive(Serialize)]
pub struct MemberFlow<'a> {
    matrice: Ref,
    other: Ref,
    richesse: &'a str,
    nature_label: String,
    valeur: String,
    appreciation: Option<&'a str>,
}

/// A member's flows across every matrix: (given, received).
pub fn flows_of<'a>(ctx: &'a Ctx<'a>, member: &str) -> (Vec<MemberFlow<'a>>, Vec<MemberFlow<'a>>) {
    let mut given = Vec::new();
    let mut received = Vec::new();
    for m in &ctx.repo.matrices {
        let matrice = Ref {
            id: m.meta.id.clone(),
            title: m.titre.clone(),
            url: urls::page_of(Kind::Matrice, &m.meta.id),
        };
        for f in &m.flux {
            let view = |other: &str| MemberFlow {
                matrice: matrice.clone(),
                other: ctx.member(other),
                richesse: &f.richesse,
                nature_label: ctx.label("", f.nature.as_str()),
                valeur: quantity(ctx, f),
                appreciation: f.appreciation.as_deref(),
            };
            if f.de.value == member {
                given.push(view(&f.vers.value));
            }
            if f.vers.value == member {
                received.push(view(&f.de.value));
            }
        }
    }
    (given, received)
}
