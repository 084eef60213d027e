//! View models: what templates see. They are built from the domain model but shaped for
//! pages (labels in the site's language, URLs, resolved references in both directions),
//! so templates stay simple and the model stays free of presentation.

use std::collections::HashMap;

use serde::Serialize;

use super::content::{self, Place, Rendered};
use super::history::History;
use super::urls;
use crate::format::Role;
use crate::i18n::site::Word;
use crate::i18n::Lang;
use crate::model::{Membre, Meta, Offre, Principe, Repo};

/// A reference to a page: what to show and where it is (relative to the site's root;
/// empty when the target is unknown, so templates print text instead of a link).
#[derive(Debug, Clone, Serialize)]
pub struct Ref {
    pub id: String,
    pub title: String,
    pub url: String,
}

/// A plan as shown in lists and badges.
#[derive(Debug, Clone, Serialize)]
pub struct PlanView {
    pub id: String,
    pub title: String,
    pub url: String,
    /// Index of the plan's colour in the stylesheet.
    pub color: usize,
    /// Its principles in force (as the bilan counts them).
    pub principes: usize,
}

/// A principle as shown in lists.
#[derive(Debug, Clone, Serialize)]
pub struct PrincipeCard {
    pub id: String,
    pub title: String,
    pub url: String,
    pub statut: &'static str,
    pub statut_label: String,
    pub classe: &'static str,
    pub classe_label: String,
    /// "Classe simple", "Simple class" ([`Ctx::classe_name`]).
    pub classe_name: String,
    pub type_label: String,
    pub resume: String,
    pub plan: Option<PlanView>,
}

/// Everything page builders share: the repository, the language and the indexes.
pub struct Ctx<'r> {
    pub repo: &'r Repo,
    pub lang: Lang,
    pub history: &'r History,
    pub base_url: Option<String>,
    /// The ecosystem members loaded by `check` (their catalogues are pooled).
    pub eco: &'r [crate::ecosystem::LoadedMember],
    /// Every offer of the ecosystem, this organisation's first.
    pub pooled: Vec<crate::ecosystem::PooledOffer>,
    /// Orders names as the site's language does (see [`Ctx::collate`]).
    collator: Option<icu_collator::CollatorBorrowed<'static>>,
    /// The diagnostic of `codesocial bilan`, computed by the command: the bilan page shows it.
    pub bilan: Option<&'r crate::bilan::Bilan>,
    pub plans: Vec<PlanView>,
    /// Documents by id, so that references resolve in constant time.
    membres: HashMap<&'r str, &'r Membre>,
    principes: HashMap<&'r str, &'r Principe>,
    offres: HashMap<&'r str, &'r Offre>,
    /// principle id → principles that link to it.
    pub linked_from: HashMap<&'r str, Vec<&'r str>>,
    /// principle id → principles that replace it.
    pub replaced_by: HashMap<&'r str, Vec<&'r str>>,
    /// principle id → offers that embody it.
    pub offers_of_principe: HashMap<&'r str, Vec<&'r str>>,
    /// member id → offers it makes.
    pub offers_of_member: HashMap<&'r str, Vec<&'r str>>,
    /// member id → principles it is responsible for.
    pub principes_of_member: HashMap<&'r str, Vec<&'r str>>,
    /// offer id → offers that name it complementary.
    pub complement_of: HashMap<&'r str, Vec<&'r str>>,
    /// The Markdown the live preview's previous build rendered.
    pub cache: Option<&'r content::Cache>,
    /// The build's linked data, made on first use (after `eco` is set): see [`Ctx::linked`].
    linked: std::sync::OnceLock<crate::jsonld::Linked>,
}

fn push_index<'r>(map: &mut HashMap<&'r str, Vec<&'r str>>, key: &'r str, value: &'r str) {
    let list = map.entry(key).or_default();
    if !list.contains(&value) {
        list.push(value);
    }
}

impl<'r> Ctx<'r> {
    pub fn new(repo: &'r Repo, history: &'r History, base_url: Option<String>) -> Ctx<'r> {
        let lang = repo.langue();
        let mut ctx = Ctx {
            repo,
            lang,
            history,
            base_url,
            eco: &[],
            pooled: Vec::new(),
            bilan: None,
            collator: collator(lang),
            plans: Vec::new(),
            membres: repo
                .membres
                .iter()
                .map(|m| (m.meta.id.as_str(), m))
                .collect(),
            principes: repo
                .principes
                .iter()
                .map(|p| (p.meta.id.as_str(), p))
                .collect(),
            offres: repo
                .offres
                .iter()
                .map(|o| (o.meta.id.as_str(), o))
                .collect(),
            linked_from: HashMap::new(),
            replaced_by: HashMap::new(),
            offers_of_principe: HashMap::new(),
            offers_of_member: HashMap::new(),
            principes_of_member: HashMap::new(),
            complement_of: HashMap::new(),
            cache: None,
            linked: std::sync::OnceLock::new(),
        };
        ctx.plans = repo
            .plan_decls()
            .iter()
            .enumerate()
            .map(|(i, p)| PlanView {
                id: p.id.value.clone(),
                title: p.titre.clone(),
                url: urls::plan(&p.id.value),
                color: i % 8,
                principes: repo
                    .principes
                    .iter()
                    .filter(|x| x.plan == p.id.value && x.statut.in_force())
                    .count(),
            })
            .collect();
        ctx.index();
        ctx
    }

    fn index(&mut self) {
        let repo = self.repo;
        for p in &repo.principes {
            let id = p.meta.id.as_str();
            for l in &p.liens {
                push_index(&mut self.linked_from, &l.value, id);
            }
            for r in &p.remplace {
                push_index(&mut self.replaced_by, &r.value, id);
            }
            for m in &p.responsables {
                push_index(&mut self.principes_of_member, &m.value, id);
            }
        }
        for o in &repo.offres {
            let id = o.meta.id.as_str();
            for p in &o.principes {
                push_index(&mut self.offers_of_principe, &p.value, id);
            }
            for m in &o.membres {
                push_index(&mut self.offers_of_member, &m.value, id);
            }
            for c in &o.complementaire_de {
                push_index(&mut self.complement_of, &c.value, id);
            }
        }
    }

    pub fn word(&self, w: Word) -> &'static str {
        w.text(self.lang)
    }

    /// The site's word for an enumerated value (`mode`, `prix-libre` → "Prix libre"), or
    /// the value itself.
    pub fn label(&self, prefix: &str, value: &str) -> String {
        let value_key = value.replace('-', "_");
        let key = if prefix.is_empty() {
            value_key
        } else {
            format!("{prefix}_{value_key}")
        };
        Word::from_key(&key).map_or_else(|| value.to_string(), |w| self.word(w).to_string())
    }

    /// A classe as a reader names it: "Classe simple" in French, "Simple class" in
    /// English (the adjective goes where the language puts it).
    pub fn classe_name(&self, classe: &str) -> String {
        let label = self.label("classe", classe);
        let word = self.word(Word::Classe);
        match self.lang {
            Lang::Fr => format!("{word} {}", label.to_lowercase()),
            Lang::En => format!("{label} {}", word.to_lowercase()),
        }
    }

    pub fn role_label(&self, role: Role) -> &'static str {
        self.word(match role {
            Role::Auteurs => Word::RoleAuteurs,
            Role::CoAuteurs => Word::RoleCoAuteurs,
            Role::Editeurs => Word::RoleEditeurs,
            Role::Producteurs => Word::RoleProducteurs,
            Role::Contributeurs => Word::RoleContributeurs,
        })
    }

    /// Renders a document's body and Markdown fields for `page`, the document's own: its
    /// headings skip the ids `page`'s template declares (what `check` reads, see
    /// [`crate::validate::page_ids`]), and its ids are recorded as the page's content.
    pub fn body(&self, meta: &Meta, page: &mut super::pages::Page) -> Rendered {
        debug_assert_eq!(
            crate::validate::page_ids::template_of(meta.kind),
            page.template,
            "{}: `check` reads its ids as another template's",
            meta.path
        );
        let own = crate::validate::page_ids::of_template(self.repo, page.template);
        let body = self.render(meta, &page.path, &own, None);
        page.content_ids.extend(body.ids.iter().cloned());
        body
    }

    /// Renders the document `meta` on the page at `page`, which holds `own` of its own,
    /// its links leading where `links` says (else to the site's pages).
    pub fn render(
        &self,
        meta: &Meta,
        page: &str,
        own: &crate::markdown::PageIds,
        links: Option<&dyn crate::markdown::Urls>,
    ) -> Rendered {
        let root = urls::root_of(page);
        let plans: Vec<String> = self.plans.iter().map(|p| p.id.clone()).collect();
        let place = Place {
            from: &meta.path,
            root: &root,
            paths: &self.repo.paths,
            plans: &plans,
            cache: self.cache,
            page_ids: own,
        };
        match links {
            Some(links) => content::render_doc_with(meta, &place, links),
            None => content::render_doc(meta, &place),
        }
    }

    /// Renders Markdown of the document at `from` shown on another page (a summary).
    pub fn markdown(&self, text: &str, from: &str, page: &str) -> Rendered {
        let root = urls::root_of(page);
        let plans: Vec<String> = self.plans.iter().map(|p| p.id.clone()).collect();
        content::render(
            text,
            &Place {
                from,
                root: &root,
                paths: &self.repo.paths,
                plans: &plans,
                cache: self.cache,
                page_ids: &crate::markdown::PageIds::default(),
            },
        )
    }

    /// A commit's summary on the page at `page`, as inline HTML (see
    /// [`content::render_summary`]).
    pub fn commit_summary(&self, summary: &str, page: &str) -> Rendered {
        let root = urls::root_of(page);
        let plans: Vec<String> = self.plans.iter().map(|p| p.id.clone()).collect();
        content::render_summary(
            summary,
            &Place {
                from: content::COMMIT_FROM,
                root: &root,
                paths: &self.repo.paths,
                plans: &plans,
                cache: None,
                page_ids: &crate::markdown::PageIds::default(),
            },
        )
    }

    /// A text of the document at `from` (a field's value, a paragraph of its body) as
    /// inline HTML for `page`, as a commit's summary is rendered: emphasis, code and links
    /// to documents render (relative to `from`), raw HTML shows as text, a local link that
    /// leads nowhere is its text. A leading list or heading marker is left out.
    pub fn inline_markdown(&self, text: &str, from: &str, page: &str) -> String {
        let text = text.trim_start();
        let marker = text
            .split_once(char::is_whitespace)
            .filter(|(m, _)| {
                matches!(*m, "-" | "*" | "+")
                    || (!m.is_empty() && m.chars().all(|c| c == '#') && m.len() <= 6)
                    || m.strip_suffix(['.', ')'])
                        .is_some_and(|n| !n.is_empty() && n.chars().all(|c| c.is_ascii_digit()))
            })
            .map(|(_, rest)| rest);
        let text = marker.unwrap_or(text);
        let root = urls::root_of(page);
        let plans: Vec<String> = self.plans.iter().map(|p| p.id.clone()).collect();
        content::render_summary(
            text,
            &Place {
                from,
                root: &root,
                paths: &self.repo.paths,
                plans: &plans,
                cache: None,
                page_ids: &crate::markdown::PageIds::default(),
            },
        )
        .html
    }

    pub fn member(&self, id: &str) -> Ref {
        match self.membres.get(id) {
            Some(m) => Ref {
                id: id.into(),
                title: m.nom.clone(),
                url: urls::membre(id),
            },
            None => unknown(id),
        }
    }

    pub fn members<'a>(&self, ids: impl IntoIterator<Item = &'a str>) -> Vec<Ref> {
        ids.into_iter().map(|id| self.member(id)).collect()
    }

    pub fn principe_ref(&self, id: &str) -> Ref {
        match self.principes.get(id) {
            Some(p) => Ref {
                id: id.into(),
                title: p.titre.clone(),
                url: urls::principe(id),
            },
            None => unknown(id),
        }
    }

    /// Whether the offer `id` is archived (an unknown id is not).
    pub fn offre_archived(&self, id: &str) -> bool {
        self.offres
            .get(id)
            .is_some_and(|o| o.statut == crate::model::OffreStatut::Archivee)
    }

    pub fn offre_ref(&self, id: &str) -> Ref {
        match self.offres.get(id) {
            Some(o) => Ref {
                id: id.into(),
                title: o.titre.clone(),
                url: urls::offre(id),
            },
            None => unknown(id),
        }
    }

    pub fn plan(&self, id: &str) -> Option<PlanView> {
        self.plans.iter().find(|p| p.id == id).cloned()
    }

    pub fn principe_card(&self, id: &str) -> Option<PrincipeCard> {
        let p = self.principes.get(id)?;
        Some(PrincipeCard {
            id: id.into(),
            title: p.titre.clone(),
            url: urls::principe(id),
            statut: p.statut.as_str(),
            statut_label: self.label("statut", p.statut.as_str()),
            classe: p.classe.value.as_str(),
            classe_label: self.label("classe", p.classe.value.as_str()),
            classe_name: self.classe_name(p.classe.value.as_str()),
            type_label: self.label("", p.type_.as_str()),
            resume: p
                .resume
                .clone()
                .unwrap_or_else(|| content::first_paragraph_text(&p.meta.body, 200)),
            plan: self.plan(&p.plan),
        })
    }

    /// A number as the site's language writes it (`1 200,5` or `1,200.5`).
    pub fn number(&self, n: f64) -> String {
        format_number(n, self.lang)
    }

    /// The build's linked data (`codesocial.jsonld` and the page heads, one document),
    /// computed once, from the repository, its ecosystem and the base URL.
    pub fn linked(&self) -> &crate::jsonld::Linked {
        self.linked.get_or_init(|| {
            crate::jsonld::Linked::new(self.repo, self.eco, self.base_url.as_deref())
        })
    }

    /// Compares two names as a reader of the site's language orders them: Unicode's
    /// collation with the language's tailoring (ICU4X), so "Écolieu" comes between "eau"
    /// and "fabrique", case and accents only break ties, and numbers compare by their value
    /// ("Offre 2" before "Offre 10").
    pub fn collate(&self, a: &str, b: &str) -> std::cmp::Ordering {
        match &self.collator {
            Some(c) => c.compare(a, b),
            None => a.cmp(b),
        }
    }

    /// The manifest's `site:` options (their defaults without a manifest).
    pub fn options(&self) -> &'r crate::model::SiteOptions {
        static DEFAULT: std::sync::OnceLock<crate::model::SiteOptions> = std::sync::OnceLock::new();
        match &self.repo.manifeste {
            Some(m) => &m.site_options,
            None => DEFAULT.get_or_init(crate::model::SiteOptions::default),
        }
    }

    /// An amount and its unit as the site's language writes them ("2\u{202f}400\u{a0}€",
    /// "24\u{a0}heures"), see [`crate::i18n::typography::amount`].
    /// A sum of money with cents has two of them ("1\u{202f}542,50\u{a0}€", not
    /// "1\u{202f}542,5\u{a0}€"); a whole one none ("40\u{a0}€").
    pub fn amount(&self, n: f64, unit: &str) -> String {
        let written = if crate::i18n::typography::is_currency(unit) && n.fract() != 0.0 {
            format_cents(n, self.lang)
        } else {
            self.number(n)
        };
        crate::i18n::typography::amount(self.lang, n, &written, unit)
    }

    /// An offer's price as the catalogue shows it: "60\u{a0}€ par heure" ("€60 per hour":
    /// a unit of time in the site's language, [`crate::i18n::typography::unit_in`]), or
    /// its mode's label ("prix libre").
    pub fn tarif(&self, t: &crate::model::Tarif) -> String {
        match t {
            crate::model::Tarif::Mode(mode) => self.label("mode", mode),
            crate::model::Tarif::Prix {
                montant,
                devise,
                unite,
            } => {
                let price = self.amount(*montant, devise);
                // One of the unit: "par jour", however written ("jours").
                let unite = unite
                    .as_deref()
                    .map(|u| crate::i18n::typography::unit_in(self.lang, u));
                match unite {
                    Some(u) => crate::i18n::pick(
                        self.lang,
                        format!("{price} par {u}"),
                        format!("{price} per {u}"),
                    ),
                    None => price,
                }
            }
        }
    }

    /// Roles a member holds, with their dates.
    pub fn roles_of(&self, member: &str) -> Vec<RoleHeld<'r>> {
        let Some(pyramide) = &self.repo.pyramide else {
            return Vec::new();
        };
        let mut out = Vec::new();
        for (role, entries) in &pyramide.roles {
            for e in entries.iter().filter(|e| e.membre.value == member) {
                out.push(RoleHeld {
                    label: self.role_label(*role),
                    key: role.key(),
                    depuis: e.depuis.as_ref().map_or("", |d| d.value.as_str()),
                    jusqu_au: e.jusqu_au.as_ref().map_or("", |d| d.value.as_str()),
                });
            }
        }
        out
    }
}

/// A role a member holds, with its dates (empty when not stated).
#[derive(Debug, Clone, Serialize)]
pub struct RoleHeld<'r> {
    pub label: &'static str,
    pub key: &'static str,
    pub depuis: &'r str,
    pub jusqu_au: &'r str,
}

/// The collator of a language, from ICU's compiled data (none only if that data lacked it).
fn collator(lang: Lang) -> Option<icu_collator::CollatorBorrowed<'static>> {
    let locale = match lang {
        Lang::Fr => icu_locale_core::locale!("fr"),
        Lang::En => icu_locale_core::locale!("en"),
    };
    let mut prefs: icu_collator::CollatorPreferences = locale.into();
    // Numbers in names by their value: "Offre 2" before "Offre 10" (`-u-kn`).
    prefs.numeric_ordering = Some(icu_collator::preferences::CollationNumericOrdering::True);
    icu_collator::CollatorBorrowed::try_new(
        prefs,
        icu_collator::options::CollatorOptions::default(),
    )
    .ok()
}

fn unknown(id: &str) -> Ref {
    Ref {
        id: id.into(),
        title: id.into(),
        url: String::new(),
    }
}

/// Formats a number: whole numbers without decimals, others with at most two.
pub fn format_number(n: f64, lang: Lang) -> String {
    let text = if n.fract() == 0.0 && n.abs() < 1e15 {
        format!("{}", n as i64)
    } else {
        let t = format!("{n:.2}");
        t.trim_end_matches('0').trim_end_matches('.').to_string()
    };
    group(&text, lang)
}

/// [`format_number`] with always two decimals: a sum of money with cents.
pub fn format_cents(n: f64, lang: Lang) -> String {
    group(&format!("{n:.2}"), lang)
}

/// `text` (digits, an optional `-` and `.` decimals) grouped by thousands and with the
/// decimal mark of `lang`.
fn group(text: &str, lang: Lang) -> String {
    let (thousands, decimal) = match lang {
        Lang::Fr => ('\u{202f}', ','),
        Lang::En => (',', '.'),
    };
    let (int, frac) = match text.split_once('.') {
        Some((i, f)) => (i, Some(f)),
        None => (text, None),
    };
    let (sign, digits) = match int.strip_prefix('-') {
        Some(d) => ("-", d),
        None => ("", int),
    };
    let mut grouped = String::new();
    for (i, c) in digits.chars().enumerate() {
        if i > 0 && (digits.len() - i) % 3 == 0 {
            grouped.push(thousands);
        }
        grouped.push(c);
    }
    match frac {
        Some(f) => format!("{sign}{grouped}{decimal}{f}"),
        None => format!("{sign}{grouped}"),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn names_sort_as_a_french_reader_orders_them() {
        let c = collator(Lang::Fr).expect("ICU's French collation");
        let mut names = vec![
            "Offre 10",
            "fabrique",
            "Offre 2",
            "Écolieu",
            "eau",
            "Offre 1",
            "offre 3",
            "Zèbre",
            "Atelier 9",
            "Atelier 10 bis",
        ];
        names.sort_by(|a, b| c.compare(a, b));
        assert_eq!(
            names,
            [
                "Atelier 9",
                "Atelier 10 bis",
                "eau",
                "Écolieu",
                "fabrique",
                "Offre 1",
                "Offre 2",
                "offre 3",
                "Offre 10",
                "Zèbre"
            ]
        );
    }

    proptest::proptest! {
        /// Numbers in names compare by their value, at any length.
        #[test]
        fn numbers_in_names_sort_by_value(a in 0u64..1_000_000, b in 0u64..1_000_000) {
            let c = collator(Lang::Fr).expect("ICU's French collation");
            let (x, y) = (format!("Offre {a}"), format!("Offre {b}"));
            proptest::prop_assert_eq!(c.compare(&x, &y), a.cmp(&b));
        }
    }

    /// "Classe simple" in French, "Simple class" in English, never "Class simple"
    /// (issue 17).
    #[test]
    fn a_classe_is_named_as_the_language_orders_it() {
        let repo = Repo::default();
        let history = History::default();
        for (lang, expected) in [
            (
                Lang::Fr,
                ["Classe simple", "Classe qualifiée", "Classe intangible"],
            ),
            (
                Lang::En,
                ["Simple class", "Qualified class", "Intangible class"],
            ),
        ] {
            let mut ctx = Ctx::new(&repo, &history, None);
            ctx.lang = lang;
            let names = ["simple", "qualifiee", "intangible"].map(|c| ctx.classe_name(c));
            assert_eq!(names, expected);
        }
    }

    #[test]
    fn numbers_follow_the_language() {
        assert_eq!(format_number(1200.0, Lang::Fr), "1\u{202f}200");
        assert_eq!(format_number(1200.5, Lang::En), "1,200.5");
        assert_eq!(format_number(-55.0, Lang::En), "-55");
        assert_eq!(format_number(0.25, Lang::Fr), "0,25");
        assert_eq!(format_cents(1542.5, Lang::Fr), "1\u{202f}542,50");
        assert_eq!(format_cents(2.5, Lang::En), "2.50");
    }
}
