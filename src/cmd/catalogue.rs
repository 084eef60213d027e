//! `codesocial catalogue`: every offer of the ecosystem — this #CodeSocial's and its
//! `ecosysteme` members' — with its organisation, as text, JSON or CSV.

use std::process::ExitCode;

use serde_json::json;

use super::check::{check_dir, Project};
use super::{exit, out, Context};
use crate::cli::{CatalogueArgs, CatalogueFormat};
use crate::ecosystem::{pooled_offers, PooledOffer};
use crate::error::Result;
use crate::escape::terminal::one_line;
use crate::i18n::ecosystem::CatalogueText;

pub fn run(args: &CatalogueArgs, ctx: &Context) -> Result<ExitCode> {
    let dir = ctx.dir(&args.dir);
    let project = check_dir(&dir, None, args.fetch, ctx)?;
    warn_ecosystem(&project, ctx);
    let pooled = pooled_offers(&project.checked.repo, &project.ecosystem);
    let unavailable = unavailable(&project);
    match args.format {
        CatalogueFormat::Text => out::print(&text(&pooled, &unavailable)),
        CatalogueFormat::Json => {
            out::print_json(&json!({ "offres": pooled, "indisponibles": unavailable }))
        }
        // The CSV layer shows control characters itself, and CRLF ends its records.
        CatalogueFormat::Csv => out::print_exact(&csv(&pooled)),
    }
    Ok(exit::success())
}

/// The ecosystem's own problems (an unreachable member…) on standard error: the listing
/// is incomplete without that member, and the user should know why.
pub(crate) fn warn_ecosystem(project: &Project, ctx: &Context) {
    if ctx.quiet {
        return;
    }
    let checked = &project.checked;
    let eco: Vec<_> = checked
        .diagnostics
        .iter()
        .filter(|d| d.code.starts_with("codesocial::ecosysteme::"))
        .cloned()
        .collect();
    if !eco.is_empty() {
        out::eprint(&crate::report::human(&eco, &checked.repo.files, false));
    }
}

/// Declared members whose offers are missing.
fn unavailable(project: &Project) -> Vec<String> {
    let loaded: Vec<&str> = project.ecosystem.iter().map(|m| m.id.as_str()).collect();
    project
        .checked
        .repo
        .manifeste
        .iter()
        .flat_map(|m| m.ecosysteme.iter().map(|e| e.id.value.clone()))
        .filter(|id| !loaded.contains(&id.as_str()))
        .collect()
}

fn text(pooled: &[PooledOffer], unavailable: &[String]) -> String {
    let mut out = String::new();
    if pooled.is_empty() {
        out.push_str(&CatalogueText::Empty.text());
        out.push('\n');
    }
    let mut orgs: Vec<(&str, &str)> = Vec::new();
    for o in pooled {
        if !orgs.contains(&(o.org_id.as_str(), o.org_nom.as_str())) {
            orgs.push((&o.org_id, &o.org_nom));
        }
    }
    for (org_id, nom) in orgs {
        let offers: Vec<&PooledOffer> = pooled.iter().filter(|o| o.org_id == org_id).collect();
        let heading = CatalogueText::Organisation {
            nom: &one_line(nom),
            id: &one_line(org_id),
            offers: offers.len(),
        };
        out.push_str(&format!("{}\n", heading.text()));
        for o in offers {
            out.push_str(&offer_lines(o));
        }
    }
    for id in unavailable {
        let id = &one_line(id);
        out.push_str(&format!("{}\n", CatalogueText::Unavailable { id }.text()));
    }
    out
}

/// An offer's lines, each value on one line (a title cannot add a line of its own).
fn offer_lines(o: &PooledOffer) -> String {
    let mut facts = vec![o.type_.clone()];
    facts.extend(o.tarif.as_ref().map(|t| t.display()));
    if o.statut != "active" {
        facts.push(CatalogueText::Archived.text());
    }
    let mut out = format!(
        "  {} — {} ({})\n",
        one_line(&o.reference),
        one_line(&o.titre),
        one_line(&facts.join(", "))
    );
    let mut details = Vec::new();
    if !o.membres.is_empty() {
        let names: Vec<&str> = o.membres.iter().map(|m| m.nom.as_str()).collect();
        details.push(
            CatalogueText::OfferedBy {
                names: &names.join(", "),
            }
            .text(),
        );
    }
    if !o.complementaire_de.is_empty() {
        let refs = o.complementaire_de.join(", ");
        details.push(CatalogueText::ComplementOf { refs: &refs }.text());
    }
    if let Some(url) = &o.url {
        details.push(url.clone());
    }
    if !details.is_empty() {
        out.push_str(&format!("      {}\n", one_line(&details.join(" · "))));
    }
    out
}

/// Column names: stable, like the format's keys.
const CSV_HEADER: [&str; 13] = [
    "organisation",
    "organisation_nom",
    "id",
    "reference",
    "titre",
    "type",
    "statut",
    "plans",
    "membres",
    "tarif",
    "contact",
    "complementaire_de",
    "url",
];

/// The offers as CSV, through the CSV layer (formulas neutralised, RFC 4180 quoting).
fn csv(pooled: &[PooledOffer]) -> String {
    let header = CSV_HEADER.iter().map(|s| s.to_string()).collect::<Vec<_>>();
    let rows = pooled.iter().map(|o| {
        let names: Vec<&str> = o.membres.iter().map(|m| m.nom.as_str()).collect();
        vec![
            o.org_id.clone(),
            o.org_nom.clone(),
            o.id.clone(),
            o.reference.clone(),
            o.titre.clone(),
            o.type_.clone(),
            o.statut.clone(),
            o.plans.join("; "),
            names.join("; "),
            o.tarif.as_ref().map(|t| t.display()).unwrap_or_default(),
            o.contact.clone().unwrap_or_default(),
            o.complementaire_de.join("; "),
            o.url.clone().unwrap_or_default(),
        ]
    });
    crate::escape::csv::table(std::iter::once(header).chain(rows))
}
