//! The files of the imported repository, from the placed and extracted content: the
//! manifest, one Markdown document per place with its front matter, the pyramid and its
//! members. Every text value is quoted; nothing is written that the content does not hold,
//! except what the format requires and the report names.

use crate::i18n::import::Words;
use crate::i18n::Lang;
use crate::init::File;

use super::extract::Item;
use super::people::Role;
use super::yaml_out::{document, flow_list, scalar, sequence, Map};
use super::Content;
use strum::IntoEnumIterator;

/// The English titles of the default plans (the French ones are the model's).
/// Each place a chapter can go: its path, the heading it was made from, its body.
fn places(c: &Content) -> Vec<(String, Option<String>, String)> {
    let l = &c.layout;
    let mut out: Vec<(String, Option<String>, String)> = [
        ("raison-d-etre.md", &l.raison),
        ("histoire.md", &l.histoire),
        ("modification.md", &l.modification),
        ("pyramide.yaml", &l.pyramide),
    ]
    .into_iter()
    .chain(l.informations.as_ref().map(|d| ("informations.md", d)))
    .map(|(p, d)| (p.to_string(), d.heading.clone(), d.body.clone()))
    .collect();
    out.extend(l.plans.iter().map(|p| {
        (
            format!("principes/{}/index.md", p.id),
            Some(p.heading.clone()),
            p.body.clone(),
        )
    }));
    out.extend(
        l.annexes
            .iter()
            .map(|(id, t, b)| (format!("annexes/{id}.md"), Some(t.clone()), b.clone())),
    );
    out
}

/// The Markdown bodies by path (and the pyramid's description), for the link repair.
pub fn bodies(c: &Content) -> Vec<(String, String)> {
    places(c).into_iter().map(|(p, _, b)| (p, b)).collect()
}

/// The source heading each file was made from, by path.
pub fn titles(c: &Content) -> Vec<(String, String)> {
    places(c)
        .into_iter()
        .filter_map(|(p, t, _)| t.map(|t| (p, t)))
        .collect()
}

/// Puts repaired bodies back in place.
pub fn set_bodies(c: &mut Content, bodies: Vec<(String, String)>) {
    let mut by_path: std::collections::HashMap<String, String> = bodies.into_iter().collect();
    let l = &mut c.layout;
    let mut put = |path: &str, slot: &mut String| {
        if let Some(body) = by_path.remove(path) {
            *slot = body;
        }
    };
    put("raison-d-etre.md", &mut l.raison.body);
    put("histoire.md", &mut l.histoire.body);
    put("modification.md", &mut l.modification.body);
    put("pyramide.yaml", &mut l.pyramide.body);
    if let Some(d) = l.informations.as_mut() {
        put("informations.md", &mut d.body);
    }
    for plan in &mut l.plans {
        put(&format!("principes/{}/index.md", plan.id), &mut plan.body);
    }
    for (id, _, body) in &mut l.annexes {
        put(&format!("annexes/{id}.md"), body);
    }
}

/// Every file but the report, in a fixed order.
pub fn files(c: &Content) -> Vec<File> {
    let l = &c.layout;
    let mut out = vec![
        file("codesocial.yaml", manifest(c)),
        file("raison-d-etre.md", raison(c)),
        file("histoire.md", histoire(c)),
    ];
    if let Some(doc) = &l.informations {
        let mut front = Map::new(0);
        let titre = doc
            .heading
            .clone()
            .unwrap_or_else(|| Words::InformationsTitle.text_in(c.langue));
        front.text("titre", &titre);
        for (key, value) in &c.informations {
            front.text(key, value);
        }
        out.push(file(
            "informations.md",
            document(&front.finish(), &doc.body),
        ));
    }
    for plan in &l.plans {
        let front = Map::new(0).text("titre", &plan.heading).finish();
        out.push(file(
            &format!("principes/{}/index.md", plan.id),
            document(&front, &plan.body),
        ));
    }
    out.push(file("modification.md", modification(c)));
    out.push(file("pyramide.yaml", pyramide(c)));
    for m in &c.members {
        let front = Map::new(0)
            .text("nom", &m.nom)
            .text("type", m.kind.as_str())
            .finish();
        out.push(file(&format!("membres/{}.md", m.id), document(&front, "")));
    }
    for (id, titre, body) in &l.annexes {
        let front = Map::new(0).text("titre", titre).finish();
        out.push(file(&format!("annexes/{id}.md"), document(&front, body)));
    }
    if let Some(gitignore) = crate::init::templates::content(c.langue)
        .iter()
        .find(|t| t.path == ".gitignore")
    {
        out.push(file(".gitignore", gitignore.text.to_string()));
    }
    out
}

fn file(path: &str, contents: String) -> File {
    File {
        path: path.to_string(),
        contents,
    }
}

fn header(c: &Content) -> String {
    format!(
        "# {}\n",
        Words::Imported {
            source: &c.source_name
        }
        .text_in(c.langue)
    )
}

fn manifest(c: &Content) -> String {
    let mut org = Map::new(2);
    org.text("nom", &c.nom).text("id", &c.id);
    if let Some(v) = &c.facts.forme_juridique {
        org.text("forme_juridique", v);
    }
    if let Some(v) = &c.facts.creee_le {
        org.text("creee_le", v);
    }
    if let Some(v) = &c.facts.site {
        org.text("site", v);
    }
    if let Some(v) = &c.facts.licence {
        org.text("licence", v);
    }
    let mut m = Map::new(0);
    m.number("codesocial", 1)
        .nested("organisation", &org.finish())
        .text("langue", c.langue.code());
    let plans: Vec<String> = plan_decls(c)
        .iter()
        .map(|(id, titre, couvre)| {
            let covers = if couvre.is_empty() {
                String::new()
            } else {
                format!(", couvre: {}", flow_list(couvre))
            };
            format!(
                "  - {{ id: {}, titre: {}{covers} }}\n",
                scalar(id),
                scalar(titre)
            )
        })
        .collect();
    if !plans.is_empty() {
        m.nested("plans", &plans.concat());
    }
    let site_title = match c.langue {
        Lang::Fr => format!(
            "Le #CodeSocial {}",
            crate::i18n::grammar::de(Lang::Fr, &c.nom)
        ),
        Lang::En => format!(
            "The #CodeSocial {}",
            crate::i18n::grammar::de(Lang::En, &c.nom)
        ),
    };
    m.nested("site", &Map::new(2).text("titre", &site_title).finish());
    format!("{}{}", header(c), m.finish())
}

/// `(id, title, couvre)` of each plan, in the document's order.
pub fn plan_decls(c: &Content) -> Vec<(String, String, Vec<&'static str>)> {
    c.layout
        .plans
        .iter()
        .map(|p| {
            let ids: Vec<&str> = if p.couvre.is_empty() {
                vec![p.id.as_str()]
            } else {
                p.couvre.clone()
            };
            (p.id.clone(), plan_title(&ids, c.langue), p.couvre.clone())
        })
        .collect()
}

/// "Juridique et financier": the default titles of the plans, joined.
fn plan_title(ids: &[&str], lang: Lang) -> String {
    let titles: Vec<String> = ids
        .iter()
        .map(|id| {
            let table: &[(&str, &str)] = match lang {
                Lang::Fr => &crate::model::DEFAULT_PLANS,
                Lang::En => &crate::model::DEFAULT_PLANS_EN,
            };
            table
                .iter()
                .find(|(p, _)| p == id)
                .map_or_else(|| id.to_string(), |(_, t)| t.to_string())
        })
        .enumerate()
        .map(|(i, t)| if i == 0 { t } else { t.to_lowercase() })
        .collect();
    let and = if lang == Lang::Fr { " et " } else { " and " };
    match titles.split_last() {
        Some((last, rest)) if !rest.is_empty() => format!("{}{and}{last}", rest.join(", ")),
        _ => titles.concat(),
    }
}

fn raison(c: &Content) -> String {
    let l = &c.layout;
    let titre = l
        .raison
        .heading
        .clone()
        .unwrap_or_else(|| Words::RaisonTitle.text_in(c.langue));
    let mut front = Map::new(0);
    front.text("titre", &titre);
    for list in &c.lists {
        front.nested(list.key, &items_yaml(&list.items));
    }
    document(&front.finish(), &l.raison.body)
}

fn items_yaml(items: &[Item]) -> String {
    let maps: Vec<String> = items
        .iter()
        .map(|i| {
            let mut m = Map::new(4);
            m.text("titre", &i.titre);
            if let Some(d) = &i.description {
                m.text("description", d);
            }
            m.finish()
        })
        .collect();
    sequence(&maps, 2)
}

fn histoire(c: &Content) -> String {
    let l = &c.layout;
    let titre = l
        .histoire
        .heading
        .clone()
        .unwrap_or_else(|| Words::HistoireTitle.text_in(c.langue));
    let mut front = Map::new(0);
    front.text("titre", &titre);
    if !c.jalons.is_empty() {
        let maps: Vec<String> = c
            .jalons
            .iter()
            .map(|j| {
                let mut m = Map::new(4);
                m.text("date", &j.date).text("titre", &j.titre);
                if let Some(d) = &j.description {
                    m.text("description", d);
                }
                m.finish()
            })
            .collect();
        front.nested("jalons", &sequence(&maps, 2));
    }
    document(&front.finish(), &l.histoire.body)
}

fn modification(c: &Content) -> String {
    let l = &c.layout;
    let titre = l
        .modification
        .heading
        .clone()
        .unwrap_or_else(|| Words::ModificationTitle.text_in(c.langue));
    let mut rule = Map::new(4);
    rule.text("classe", "simple")
        .text("methode", c.methode.unwrap_or("consentement"));
    if let Some(m) = &c.majorite {
        rule.text("majorite", m);
    }
    let mut front = Map::new(0);
    front.text("titre", &titre);
    if let Some((id, titre)) = c.instance {
        rule.nested("decide_par", &format!("      - {}\n", scalar(id)));
        let instance = Map::new(4).text("id", id).text("titre", titre).finish();
        front.nested("instances", &sequence(&[instance], 2));
    }
    let rule = rule.finish();
    let front = front.nested("regles", &sequence(&[rule], 2)).finish();
    document(&front, &l.modification.body)
}

fn pyramide(c: &Content) -> String {
    let mut m = Map::new(0);
    if !c.layout.pyramide.body.trim().is_empty() {
        m.text("description", &c.layout.pyramide.body);
    }
    for role in Role::iter() {
        let holders: Vec<String> = c
            .members
            .iter()
            .filter(|x| x.roles.contains(&role))
            .map(|x| format!("  - {{ membre: {} }}\n", scalar(&x.id)))
            .collect();
        if !holders.is_empty() {
            m.nested(role.key(), &holders.concat());
        }
    }
    format!("{}{}", header(c), m.finish())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn merged_plan_titles() {
        assert_eq!(
            plan_title(&["juridique", "financier"], Lang::Fr),
            "Juridique et financier"
        );
        assert_eq!(
            plan_title(&["economique", "juridique", "financier"], Lang::Fr),
            "Économique, juridique et financier"
        );
        assert_eq!(
            plan_title(&["juridique", "financier"], Lang::En),
            "Legal and financial"
        );
        assert_eq!(plan_title(&["ecologique"], Lang::Fr), "Écologique");
    }
}
