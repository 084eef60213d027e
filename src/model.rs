//! Stage two: typed documents. Built leniently from the YAML tree, after the schema has
//! reported what is malformed: a wrong value becomes its default here, so that reference
//! and rule checks still run on everything else, and every reference keeps its span.

use std::collections::{BTreeSet, HashMap};
use std::ops::Range;

use serde::Serialize;

use crate::format::{Kind, Role};
use crate::load::yaml::Node;
use crate::load::{Loaded, RawDoc, SourceFile};
use strum::IntoEnumIterator;

/// A value and where it was written.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Sp<T> {
    pub value: T,
    #[serde(skip)]
    pub span: Range<usize>,
}

impl<T> Sp<T> {
    pub fn new(value: T, span: Range<usize>) -> Self {
        Sp { value, span }
    }
}

impl Sp<String> {
    pub fn as_str(&self) -> &str {
        &self.value
    }
}

/// What every document has: where it is and what it is called.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Meta {
    pub kind: Kind,
    pub id: String,
    pub path: String,
    /// Index into [`Repo::files`].
    #[serde(skip)]
    pub file: usize,
    /// The Markdown body (empty for YAML documents).
    #[serde(skip)]
    pub body: String,
    /// Byte offset of the body in the file.
    #[serde(skip)]
    pub body_offset: usize,
    /// The document's Markdown fields (those its schema marks `text/markdown`), in the
    /// order of the schema then of the file.
    #[serde(skip)]
    pub markdown: Vec<MarkdownField>,
}

impl Meta {
    /// The Markdown texts of the document's page, in the order they share its ids: the
    /// body, then the Markdown fields.
    pub fn texts(&self) -> Vec<&str> {
        std::iter::once(self.body.as_str())
            .chain(self.markdown.iter().map(|f| f.text.as_str()))
            .collect()
    }

    /// Byte offset in the file of the `i`th text of [`Meta::texts`], and whether the text
    /// is a YAML value (whose bytes may differ from the text: escapes, folding).
    pub fn text_offset(&self, i: usize) -> (usize, bool) {
        match i.checked_sub(1) {
            None => (self.body_offset, false),
            Some(f) => (self.markdown.get(f).map_or(0, |f| f.span.start), true),
        }
    }

    /// The Markdown field at a JSON pointer (`/enjeux/0/description`).
    pub fn field(&self, pointer: &str) -> Option<&MarkdownField> {
        self.markdown.iter().find(|f| f.pointer == pointer)
    }
}

/// A text field written in Markdown, with where it stands.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct MarkdownField {
    /// JSON pointer from the document's root (`/jalons/2/description`).
    pub pointer: String,
    pub text: String,
    /// Byte span of the value in the file.
    pub span: Range<usize>,
}

/// A field of fixed names (`statut: adopte`, `classe: intangible`). strum derives the name
/// table both ways, each name being its variant's in lowercase (FORMAT.md spells them
/// without accents), as it does `format::Kind`'s; the default (`#[default]`) is what an
/// absent or unknown value reads as (the schema reports the unknown one).
macro_rules! named {
    ($name:ident { #[default] $default:ident $(, $variant:ident)+ $(,)? }) => {
        #[derive(
            Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize, Default,
            strum::EnumString, strum::IntoStaticStr, strum::EnumIter,
        )]
        #[strum(serialize_all = "lowercase")]
        pub enum $name { #[default] $default, $($variant),+ }
        impl $name {
            /// The name as the files write it.
            pub fn as_str(self) -> &'static str {
                self.into()
            }

            /// The variant `name` names, if any.
            pub fn parse(name: &str) -> Option<Self> {
                name.parse().ok()
            }
        }
    };
}

named!(Statut {
    #[default]
    Propose,
    Adopte,
    Abroge
});
named!(Classe {
    #[default]
    Simple,
    Intangible,
    Qualifiee
});
named!(PrincipeType {
    #[default]
    Principe,
    Modele
});
named!(MembreType {
    #[default]
    Personne,
    Organisation,
    Collectif
});
named!(OffreType {
    #[default]
    Service,
    Produit
});
named!(OffreStatut {
    #[default]
    Active,
    Archivee
});
named!(Nature {
    #[default]
    Materielle,
    Immaterielle
});
named!(Mesure {
    #[default]
    Quantitative,
    Qualitative
});

impl Statut {
    /// Whether a principle of this statut is part of today's #CodeSocial: adopted or
    /// proposed, not abrogated (an abrogated one is history). The bilan, the home page and
    /// every count of the site use this one definition.
    pub fn in_force(self) -> bool {
        self != Statut::Abroge
    }
}

impl OffreStatut {
    /// Whether an offer of this statut counts in the catalogue (archived ones do not):
    /// one definition for the bilan and every count of the site.
    pub fn is_active(self) -> bool {
        self == OffreStatut::Active
    }
}

/// A plan declared in the manifest (or one of the seven defaults).
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct PlanDecl {
    pub id: Sp<String>,
    pub titre: String,
    pub couvre: Vec<Sp<String>>,
}

/// The seven plans of the method, in their order.
pub const DEFAULT_PLANS: [(&str, &str); 7] = [
    ("social-humain", "Social et humain"),
    ("economique", "Économique"),
    ("ecologique", "Écologique"),
    (
        "scientifique-technologique",
        "Scientifique et technologique",
    ),
    ("juridique", "Juridique"),
    ("financier", "Financier"),
    ("artistique-culturel", "Artistique et culturel"),
];

/// The seven plans' titles in English, for a site whose `langue` is `en`.
pub const DEFAULT_PLANS_EN: [(&str, &str); 7] = [
    ("social-humain", "Social and human"),
    ("economique", "Economic"),
    ("ecologique", "Ecological"),
    ("scientifique-technologique", "Scientific and technological"),
    ("juridique", "Legal"),
    ("financier", "Financial"),
    ("artistique-culturel", "Artistic and cultural"),
];

#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct EcoSource {
    pub id: Sp<String>,
    pub source: Sp<String>,
    pub rev: Option<String>,
}

#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Manifeste {
    pub meta: Meta,
    pub version: Option<Sp<String>>,
    pub nom: String,
    pub org_id: String,
    pub forme_juridique: Option<String>,
    pub creee_le: Option<String>,
    pub site: Option<String>,
    pub nature: String,
    pub licence: Option<Sp<String>>,
    pub langue: String,
    pub plans: Vec<PlanDecl>,
    pub site_titre: Option<String>,
    pub site_url: Option<String>,
    /// The other `site:` keys: what the published site shows.
    pub site_options: SiteOptions,
    pub ecosysteme: Vec<EcoSource>,
}

/// `site:` keys of the manifest beyond `titre` and `url` (see docs/format.md).
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct SiteOptions {
    /// `depot`: the repository's web address, shown as the source of the site.
    pub depot: Option<String>,
    /// `branche`: the branch the "edit this page" links open (default `main`).
    pub branche: String,
    /// `modifier`: the edit link of a file, `{chemin}` standing for its path; derived from
    /// `depot` for GitHub, GitLab, Codeberg, Gitea and Forgejo when absent.
    pub modifier: Option<String>,
    /// `image`: the picture shared with links to the site (Open Graph), a path of
    /// `static/` or an address.
    pub image: Option<String>,
    /// `sommaire`: a table of contents on long pages (default true).
    pub sommaire: bool,
    /// `livret`: the printable booklet of every chapter (default true).
    pub livret: bool,
    /// `mise_a_jour`: "last updated" from git on every page (default true).
    pub mise_a_jour: bool,
}

impl Default for SiteOptions {
    fn default() -> Self {
        SiteOptions {
            depot: None,
            branche: "main".into(),
            modifier: None,
            image: None,
            sommaire: true,
            livret: true,
            mise_a_jour: true,
        }
    }
}

#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Item {
    pub id: Sp<String>,
    pub titre: String,
    pub description: Option<String>,
}

#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Mission {
    pub item: Item,
    pub objectifs: Vec<Sp<String>>,
}

#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct RaisonDEtre {
    pub meta: Meta,
    pub titre: String,
    pub enjeux: Vec<Item>,
    pub objectifs: Vec<Item>,
    pub missions: Vec<Mission>,
}

#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Jalon {
    pub date: Sp<String>,
    pub titre: String,
    pub acteurs: Vec<Sp<String>>,
    pub description: Option<String>,
}

#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Histoire {
    pub meta: Meta,
    pub titre: String,
    pub jalons: Vec<Jalon>,
}

#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Informations {
    pub meta: Meta,
    pub titre: String,
    pub siege: Option<String>,
    pub territoire: Option<String>,
    pub publics: Option<String>,
    pub taille: Option<String>,
}

/// `principes/<plan>/index.md`: a plan's introduction.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct PlanIntro {
    pub meta: Meta,
    pub titre: Option<String>,
    pub mots_cles: Vec<String>,
}

#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Principe {
    pub meta: Meta,
    pub plan: String,
    pub titre: String,
    pub type_: PrincipeType,
    pub statut: Statut,
    pub adopte_le: Option<Sp<String>>,
    pub abroge_le: Option<Sp<String>>,
    pub classe: Sp<Classe>,
    pub version: Option<i64>,
    pub responsables: Vec<Sp<String>>,
    pub liens: Vec<Sp<String>>,
    pub remplace: Vec<Sp<String>>,
    pub mots_cles: Vec<String>,
    pub resume: Option<String>,
}

#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Membre {
    pub meta: Meta,
    pub nom: String,
    pub type_: MembreType,
    pub site: Option<String>,
    pub contact: Option<String>,
    pub territoire: Option<String>,
    pub description: Option<String>,
}

#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct RoleEntry {
    pub membre: Sp<String>,
    pub depuis: Option<Sp<String>>,
    pub jusqu_au: Option<Sp<String>>,
    pub note: Option<String>,
}

#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Part {
    pub membre: Sp<String>,
    pub part: f64,
}

#[derive(Debug, Clone, PartialEq, Serialize)]
pub enum Capital {
    NotStated,
    SansObjet,
    Parts {
        parts: Vec<Part>,
        span: Range<usize>,
    },
}

#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Pyramide {
    pub meta: Meta,
    pub description: Option<String>,
    pub roles: Vec<(Role, Vec<RoleEntry>)>,
    pub responsabilites: Vec<(Role, Vec<String>)>,
    pub capital: Capital,
}

impl Pyramide {
    pub fn entries(&self, role: Role) -> &[RoleEntry] {
        self.roles
            .iter()
            .find(|(r, _)| *r == role)
            .map_or(&[], |(_, e)| e.as_slice())
    }

    /// The roles a member holds.
    pub fn roles_of(&self, member: &str) -> Vec<Role> {
        Role::iter()
            .filter(|r| self.entries(*r).iter().any(|e| e.membre.value == member))
            .collect()
    }
}

#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Flux {
    pub de: Sp<String>,
    pub vers: Sp<String>,
    pub richesse: String,
    pub nature: Nature,
    pub mesure: Mesure,
    pub valeur: Option<f64>,
    pub unite: Option<String>,
    pub appreciation: Option<String>,
    #[serde(skip)]
    pub span: Range<usize>,
}

impl Flux {
    /// The unit this flow is counted in, one key however it is written ([`unit_key`]);
    /// `None` when the flow names none.
    pub fn unit(&self) -> Option<std::borrow::Cow<'_, str>> {
        self.unite.as_deref().map(unit_key)
    }
}

/// Currencies as people write them, by their ISO 4217 code: the sign, the code in any
/// case, and the word.
const CURRENCIES: &[(&str, &[&str])] = &[
    ("EUR", &["€", "eur", "euro", "euros"]),
    ("USD", &["$", "us$", "usd"]),
    ("GBP", &["£", "gbp"]),
    ("JPY", &["¥", "jpy"]),
    ("CHF", &["chf"]),
];

/// One key for a unit however it is written, so that flows of one unit add up: a currency
/// by its ISO 4217 code (`€`, `eur`, `Euros` → `EUR`), a unit of
/// [`UNIT_PLURALS`](crate::i18n::typography::UNIT_PLURALS) written in
/// the plural by its singular (`heures` → `heure`, the rest of the unit kept), any other
/// unit trimmed, as written. Words that differ otherwise (`Heure`, `heure`) stay apart
/// here; `check` names them (`codesocial::rule::unit-variants`).
pub fn unit_key(unit: &str) -> std::borrow::Cow<'_, str> {
    use std::borrow::Cow;
    let unit = unit.trim();
    let lower = unit.to_lowercase();
    if let Some((code, _)) = CURRENCIES
        .iter()
        .find(|(_, spellings)| spellings.contains(&lower.as_str()))
    {
        return Cow::Borrowed(code);
    }
    crate::i18n::typography::unit_singular(unit)
}

/// `periode: { du, au }`, either end optional.
pub type Periode = (Option<Sp<String>>, Option<Sp<String>>);

#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Matrice {
    pub meta: Meta,
    pub titre: String,
    pub description: Option<String>,
    pub contexte_type: Option<String>,
    pub contexte_description: Option<String>,
    pub periode: Option<Periode>,
    pub flux: Vec<Flux>,
}

#[derive(Debug, Clone, PartialEq, Serialize)]
pub enum Tarif {
    Prix {
        montant: f64,
        devise: String,
        unite: Option<String>,
    },
    Mode(String),
}

#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Offre {
    pub meta: Meta,
    pub titre: String,
    pub type_: OffreType,
    pub membres: Vec<Sp<String>>,
    pub plans: Vec<Sp<String>>,
    pub tarif: Option<Tarif>,
    pub principes: Vec<Sp<String>>,
    pub complementaire_de: Vec<Sp<String>>,
    pub statut: OffreStatut,
    pub contact: Option<String>,
    pub resume: Option<String>,
}

#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Instance {
    pub id: Sp<String>,
    pub titre: String,
}

#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Regle {
    pub classe: Sp<Classe>,
    pub methode: String,
    pub majorite: Option<String>,
    pub decide_par: Vec<Sp<String>>,
    pub repli: Option<String>,
}

#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Modification {
    pub meta: Meta,
    pub titre: String,
    pub instances: Vec<Instance>,
    pub regles: Vec<Regle>,
}

impl Modification {
    pub fn regle(&self, classe: Classe) -> Option<&Regle> {
        self.regles.iter().find(|r| r.classe.value == classe)
    }
}

#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Annexe {
    pub meta: Meta,
    pub titre: String,
}

/// A whole #CodeSocial, typed.
#[derive(Debug, Default)]
pub struct Repo {
    pub files: Vec<SourceFile>,
    pub paths: BTreeSet<String>,
    /// The listed symbolic links (see [`crate::load::Loaded::symlinks`]).
    pub symlinks: BTreeSet<String>,
    /// Paths listed with a name not in NFC: NFC → as listed (to read or copy the file).
    pub listed_as: std::collections::BTreeMap<String, String>,
    pub other_markdown: Vec<usize>,
    pub manifeste: Option<Manifeste>,
    pub raison: Option<RaisonDEtre>,
    pub histoire: Option<Histoire>,
    pub informations: Option<Informations>,
    pub plans: Vec<PlanIntro>,
    pub principes: Vec<Principe>,
    pub membres: Vec<Membre>,
    pub pyramide: Option<Pyramide>,
    pub matrices: Vec<Matrice>,
    pub offres: Vec<Offre>,
    pub modification: Option<Modification>,
    pub annexes: Vec<Annexe>,
    /// Documents that failed to parse: known by their place (kind and id from the path),
    /// so that references to them resolve and nothing is concluded from their content.
    pub unparsed: Vec<Unparsed>,
    /// The place in `principes` of the first principle of each id, so that a lookup costs
    /// one hash, not a walk (a history step looks up every changed principle: 20,000 of
    /// them once cost 20,000²). Filled by [`Repo::from_loaded`]; members and offers are
    /// sorted by id and found by binary search.
    principe_at: HashMap<String, usize>,
}

/// A document whose YAML could not be read: what its place says about it.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Unparsed {
    pub kind: Kind,
    pub id: String,
    pub path: String,
}

impl Repo {
    /// Types every loaded document; those whose YAML did not parse are left out.
    pub fn from_loaded(loaded: Loaded) -> Repo {
        let mut repo = Repo {
            paths: loaded.paths,
            symlinks: loaded.symlinks,
            listed_as: loaded.listed_as,
            other_markdown: loaded.other_markdown,
            ..Repo::default()
        };
        for raw in &loaded.docs {
            let Some(data) = &raw.data else {
                repo.unparsed.push(Unparsed {
                    kind: raw.kind,
                    id: raw.id.clone(),
                    path: loaded.files[raw.file].path.clone(),
                });
                continue;
            };
            let meta = meta_of(raw, &loaded.files[raw.file]);
            repo.add(meta, raw, data);
        }
        repo.files = loaded.files;
        repo.sort();
        repo
    }

    fn add(&mut self, meta: Meta, raw: &RawDoc, d: &Node) {
        match raw.kind {
            Kind::Manifeste => self.manifeste = Some(manifeste(meta, d)),
            Kind::RaisonDEtre => self.raison = Some(raison(meta, d)),
            Kind::Histoire => self.histoire = Some(histoire(meta, d)),
            Kind::Informations => {
                self.informations = Some(Informations {
                    titre: text(d, "titre").unwrap_or_default(),
                    siege: text(d, "siege"),
                    territoire: text(d, "territoire"),
                    publics: text(d, "publics"),
                    taille: text(d, "taille"),
                    meta,
                })
            }
            Kind::Plan => self.plans.push(PlanIntro {
                titre: text(d, "titre"),
                mots_cles: texts(d, "mots_cles"),
                meta,
            }),
            Kind::Principe => {
                self.principes
                    .push(principe(meta, raw.plan.clone().unwrap_or_default(), d))
            }
            Kind::Membre => self.membres.push(Membre {
                nom: text(d, "nom").unwrap_or_else(|| meta.id.clone()),
                type_: enum_of(d, "type", MembreType::parse),
                site: text(d, "site"),
                contact: text(d, "contact"),
                territoire: text(d, "territoire"),
                description: text(d, "description"),
                meta,
            }),
            Kind::Pyramide => self.pyramide = Some(pyramide(meta, d)),
            Kind::Matrice => self.matrices.push(matrice(meta, d)),
            Kind::Offre => self.offres.push(offre(meta, d)),
            Kind::Modification => self.modification = Some(modification(meta, d)),
            Kind::Annexe => self.annexes.push(Annexe {
                titre: text(d, "titre").unwrap_or_else(|| meta.id.clone()),
                meta,
            }),
        }
    }

    fn sort(&mut self) {
        let plan_order: HashMap<String, usize> = self
            .plan_decls()
            .iter()
            .enumerate()
            .map(|(i, p)| (p.id.value.clone(), i))
            .collect();
        let rank = |plan: &str| plan_order.get(plan).copied().unwrap_or(usize::MAX);
        self.plans
            .sort_by(|a, b| (rank(&a.meta.id), &a.meta.id).cmp(&(rank(&b.meta.id), &b.meta.id)));
        self.principes
            .sort_by(|a, b| (rank(&a.plan), &a.meta.id).cmp(&(rank(&b.plan), &b.meta.id)));
        self.membres.sort_by(|a, b| a.meta.id.cmp(&b.meta.id));
        self.matrices.sort_by(|a, b| a.meta.id.cmp(&b.meta.id));
        self.offres.sort_by(|a, b| a.meta.id.cmp(&b.meta.id));
        self.annexes.sort_by(|a, b| a.meta.id.cmp(&b.meta.id));
        self.principe_at.clear();
        for (i, p) in self.principes.iter().enumerate() {
            self.principe_at.entry(p.meta.id.clone()).or_insert(i);
        }
    }

    /// Whether every document of one of these kinds was read (none failed to parse), so
    /// that what depends on their content (a member "used nowhere", a plan "not declared")
    /// can be concluded.
    pub fn all_read(&self, kinds: &[Kind]) -> bool {
        !self.unparsed.iter().any(|u| kinds.contains(&u.kind))
    }

    /// The plans in force: the manifest's, or the seven defaults titled in the site's
    /// language.
    pub fn plan_decls(&self) -> Vec<PlanDecl> {
        match &self.manifeste {
            Some(m) if !m.plans.is_empty() => m.plans.clone(),
            _ => default_plans(self.langue()),
        }
    }

    pub fn file(&self, meta: &Meta) -> &SourceFile {
        &self.files[meta.file]
    }

    /// Adds a principle read elsewhere (what a comparison must judge a change against); it
    /// is found by [`Repo::principe`] unless one of its id is there already.
    pub fn add_principe(&mut self, principe: Principe) {
        self.principe_at
            .entry(principe.meta.id.clone())
            .or_insert(self.principes.len());
        self.principes.push(principe);
    }

    /// The first principle of this id (in the order of `principes`), in one hash lookup.
    pub fn principe(&self, id: &str) -> Option<&Principe> {
        let at = *self.principe_at.get(id)?;
        self.principes.get(at).filter(|p| p.meta.id == id)
    }

    /// The member of this id (members are sorted by id), by binary search.
    pub fn membre(&self, id: &str) -> Option<&Membre> {
        let at = self.membres.partition_point(|m| m.meta.id.as_str() < id);
        self.membres.get(at).filter(|m| m.meta.id == id)
    }

    /// The offer of this id (offers are sorted by id), by binary search.
    pub fn offre(&self, id: &str) -> Option<&Offre> {
        let at = self.offres.partition_point(|o| o.meta.id.as_str() < id);
        self.offres.get(at).filter(|o| o.meta.id == id)
    }

    /// Every document's metadata, in a stable order.
    pub fn metas(&self) -> Vec<&Meta> {
        let mut out: Vec<&Meta> = Vec::new();
        out.extend(self.manifeste.iter().map(|d| &d.meta));
        out.extend(self.raison.iter().map(|d| &d.meta));
        out.extend(self.histoire.iter().map(|d| &d.meta));
        out.extend(self.informations.iter().map(|d| &d.meta));
        out.extend(self.plans.iter().map(|d| &d.meta));
        out.extend(self.principes.iter().map(|d| &d.meta));
        out.extend(self.membres.iter().map(|d| &d.meta));
        out.extend(self.pyramide.iter().map(|d| &d.meta));
        out.extend(self.matrices.iter().map(|d| &d.meta));
        out.extend(self.offres.iter().map(|d| &d.meta));
        out.extend(self.modification.iter().map(|d| &d.meta));
        out.extend(self.annexes.iter().map(|d| &d.meta));
        out
    }

    /// The site's language (`langue`), French unless the manifest says `en`.
    pub fn langue(&self) -> crate::i18n::Lang {
        self.manifeste
            .as_ref()
            .and_then(|m| crate::i18n::Lang::parse(&m.langue))
            .unwrap_or(crate::i18n::Lang::Fr)
    }
}

pub fn default_plans(lang: crate::i18n::Lang) -> Vec<PlanDecl> {
    let titles = match lang {
        crate::i18n::Lang::Fr => &DEFAULT_PLANS,
        crate::i18n::Lang::En => &DEFAULT_PLANS_EN,
    };
    titles
        .iter()
        .map(|(id, titre)| PlanDecl {
            id: Sp::new((*id).to_string(), 0..0),
            titre: (*titre).to_string(),
            couvre: Vec::new(),
        })
        .collect()
}

fn meta_of(raw: &RawDoc, file: &SourceFile) -> Meta {
    let (body, body_offset) = match raw.body_start {
        Some(start) => (file.text[start..].to_string(), start),
        None => (String::new(), file.text.len()),
    };
    let mut markdown = Vec::new();
    if let Some(data) = &raw.data {
        for path in crate::schema::markdown_fields(raw.kind) {
            markdown_fields(data, path, String::new(), &mut markdown);
        }
    }
    Meta {
        kind: raw.kind,
        id: raw.id.clone(),
        path: file.path.clone(),
        file: raw.file,
        body,
        body_offset,
        markdown,
    }
}

/// The string values at `path` below `node`, with their JSON pointers.
pub(crate) fn markdown_fields(
    node: &Node,
    path: &[crate::schema::Step],
    pointer: String,
    out: &mut Vec<MarkdownField>,
) {
    use crate::schema::Step;
    match path.split_first() {
        None => {
            if let Some(text) = node.as_str() {
                out.push(MarkdownField {
                    pointer,
                    text: text.to_string(),
                    span: node.span.clone(),
                });
            }
        }
        Some((Step::Key(key), rest)) => {
            if let Some(child) = node.get(key) {
                let pointer = format!("{pointer}/{}", key.replace('~', "~0").replace('/', "~1"));
                markdown_fields(child, rest, pointer, out);
            }
        }
        Some((Step::Item, rest)) => {
            for (i, item) in node.as_seq().iter().enumerate() {
                markdown_fields(item, rest, format!("{pointer}/{i}"), out);
            }
        }
    }
}

// Lenient accessors: a value of the wrong shape reads as absent.

fn text(d: &Node, key: &str) -> Option<String> {
    d.get(key)
        .and_then(|n| n.scalar_text())
        .map(|s| s.into_owned())
}

fn sp_text(d: &Node, key: &str) -> Option<Sp<String>> {
    let n = d.get(key)?;
    Some(Sp::new(n.scalar_text()?.into_owned(), n.span.clone()))
}

/// The id a list's item declares (`- id: …`), under its fixed form when written with
/// what an id may not hold (`rendre-lisiblé`, `Économique`): the schema's error says how to
/// write it, once, and references and folders written rightly resolve to it meanwhile (a
/// second error at each would contradict the first's hint, issue 16).
fn sp_id(d: &Node, key: &str) -> Option<Sp<String>> {
    let mut id = sp_text(d, key)?;
    if !crate::slug::is_id(&id.value) {
        let fixed = crate::slug::slugify(&id.value);
        if crate::slug::is_id(&fixed) {
            id.value = fixed;
        }
    }
    Some(id)
}

fn texts(d: &Node, key: &str) -> Vec<String> {
    d.get(key)
        .map(|n| {
            n.as_seq()
                .iter()
                .filter_map(|i| i.scalar_text().map(|s| s.into_owned()))
                .collect()
        })
        .unwrap_or_default()
}

fn refs(d: &Node, key: &str) -> Vec<Sp<String>> {
    d.get(key)
        .map(|n| {
            n.as_seq()
                .iter()
                .filter_map(|i| Some(Sp::new(i.scalar_text()?.into_owned(), i.span.clone())))
                .collect()
        })
        .unwrap_or_default()
}

fn enum_of<T: Default>(d: &Node, key: &str, parse: fn(&str) -> Option<T>) -> T {
    d.get(key)
        .and_then(Node::as_str)
        .and_then(parse)
        .unwrap_or_default()
}

fn manifeste(meta: Meta, d: &Node) -> Manifeste {
    let empty = Node {
        value: crate::load::yaml::Value::Map(Vec::new()),
        span: 0..0,
        plain: false,
    };
    let org = d.get("organisation").unwrap_or(&empty);
    let site = d.get("site").unwrap_or(&empty);
    let plans = d
        .get("plans")
        .map(|n| {
            n.as_seq()
                .iter()
                .filter_map(|p| {
                    Some(PlanDecl {
                        id: sp_id(p, "id")?,
                        titre: text(p, "titre").unwrap_or_default(),
                        couvre: refs(p, "couvre"),
                    })
                })
                .collect()
        })
        .unwrap_or_default();
    let ecosysteme = d
        .get("ecosysteme")
        .map(|n| {
            n.as_seq()
                .iter()
                .filter_map(|e| {
                    Some(EcoSource {
                        id: sp_id(e, "id")?,
                        source: sp_text(e, "source")?,
                        rev: text(e, "rev"),
                    })
                })
                .collect()
        })
        .unwrap_or_default();
    Manifeste {
        version: sp_text(d, "codesocial"),
        nom: text(org, "nom").unwrap_or_default(),
        org_id: text(org, "id").unwrap_or_default(),
        forme_juridique: text(org, "forme_juridique"),
        creee_le: text(org, "creee_le"),
        site: text(org, "site"),
        nature: text(org, "nature").unwrap_or_else(|| "organisation".into()),
        licence: sp_text(org, "licence"),
        langue: text(d, "langue").unwrap_or_else(|| "fr".into()),
        plans,
        site_titre: text(site, "titre"),
        site_url: text(site, "url"),
        site_options: site_options(site),
        ecosysteme,
        meta,
    }
}

fn site_options(site: &Node) -> SiteOptions {
    // A switch that is not a boolean reads as its default (the schema reports it).
    let flag = |key: &str, default: bool| match text(site, key).as_deref() {
        Some("true") => true,
        Some("false") => false,
        _ => default,
    };
    let default = SiteOptions::default();
    SiteOptions {
        depot: text(site, "depot"),
        branche: text(site, "branche").unwrap_or(default.branche),
        modifier: text(site, "modifier"),
        image: text(site, "image"),
        sommaire: flag("sommaire", default.sommaire),
        livret: flag("livret", default.livret),
        mise_a_jour: flag("mise_a_jour", default.mise_a_jour),
    }
}

fn items(d: &Node, key: &str) -> Vec<Item> {
    d.get(key)
        .map(|n| n.as_seq().iter().filter_map(item).collect())
        .unwrap_or_default()
}

fn item(n: &Node) -> Option<Item> {
    let titre = text(n, "titre")?;
    let id =
        sp_id(n, "id").unwrap_or_else(|| Sp::new(crate::slug::slugify(&titre), n.span.clone()));
    Some(Item {
        id,
        titre,
        description: text(n, "description"),
    })
}

fn raison(meta: Meta, d: &Node) -> RaisonDEtre {
    let missions = d
        .get("missions")
        .map(|n| {
            n.as_seq()
                .iter()
                .filter_map(|m| {
                    Some(Mission {
                        item: item(m)?,
                        objectifs: refs(m, "objectifs"),
                    })
                })
                .collect()
        })
        .unwrap_or_default();
    RaisonDEtre {
        titre: text(d, "titre").unwrap_or_default(),
        enjeux: items(d, "enjeux"),
        objectifs: items(d, "objectifs"),
        missions,
        meta,
    }
}

fn histoire(meta: Meta, d: &Node) -> Histoire {
    let jalons = d
        .get("jalons")
        .map(|n| {
            n.as_seq()
                .iter()
                .filter_map(|j| {
                    Some(Jalon {
                        date: sp_text(j, "date")?,
                        titre: text(j, "titre").unwrap_or_default(),
                        acteurs: refs(j, "acteurs"),
                        description: text(j, "description"),
                    })
                })
                .collect()
        })
        .unwrap_or_default();
    Histoire {
        titre: text(d, "titre").unwrap_or_default(),
        jalons,
        meta,
    }
}

fn principe(meta: Meta, plan: String, d: &Node) -> Principe {
    let classe = match d.get("classe") {
        Some(n) => Sp::new(
            n.as_str().and_then(Classe::parse).unwrap_or_default(),
            n.span.clone(),
        ),
        None => Sp::new(Classe::Simple, 0..0),
    };
    Principe {
        plan,
        titre: text(d, "titre").unwrap_or_else(|| meta.id.clone()),
        type_: enum_of(d, "type", PrincipeType::parse),
        statut: enum_of(d, "statut", Statut::parse),
        adopte_le: sp_text(d, "adopte_le"),
        abroge_le: sp_text(d, "abroge_le"),
        classe,
        version: d.get("version").and_then(Node::as_i64),
        responsables: refs(d, "responsables"),
        liens: refs(d, "liens"),
        remplace: refs(d, "remplace"),
        mots_cles: texts(d, "mots_cles"),
        resume: text(d, "resume"),
        meta,
    }
}

fn pyramide(meta: Meta, d: &Node) -> Pyramide {
    let roles = Role::iter()
        .map(|role| {
            let entries = d
                .get(role.key())
                .map(|n| {
                    n.as_seq()
                        .iter()
                        .filter_map(|e| {
                            Some(RoleEntry {
                                membre: sp_text(e, "membre")?,
                                depuis: sp_text(e, "depuis"),
                                jusqu_au: sp_text(e, "jusqu_au"),
                                note: text(e, "note"),
                            })
                        })
                        .collect()
                })
                .unwrap_or_default();
            (role, entries)
        })
        .collect();
    let responsabilites = d
        .get("responsabilites")
        .map(|n| {
            n.entries()
                .iter()
                .filter_map(|(k, v)| {
                    Some((
                        Role::from_key(&k.name)?,
                        v.as_seq()
                            .iter()
                            .filter_map(|s| s.scalar_text().map(|s| s.into_owned()))
                            .collect(),
                    ))
                })
                .collect()
        })
        .unwrap_or_default();
    let capital = match d.get("capital") {
        None => Capital::NotStated,
        Some(n) if n.as_str() == Some("sans-objet") => Capital::SansObjet,
        Some(n) => Capital::Parts {
            parts: n
                .as_seq()
                .iter()
                .filter_map(|p| {
                    Some(Part {
                        membre: sp_text(p, "membre")?,
                        part: p.get("part").and_then(Node::as_f64).unwrap_or(0.0),
                    })
                })
                .collect(),
            span: n.span.clone(),
        },
    };
    Pyramide {
        description: text(d, "description"),
        roles,
        responsabilites,
        capital,
        meta,
    }
}

fn matrice(meta: Meta, d: &Node) -> Matrice {
    let flux = d
        .get("flux")
        .map(|n| {
            n.as_seq()
                .iter()
                .filter_map(|f| {
                    Some(Flux {
                        de: sp_text(f, "de")?,
                        vers: sp_text(f, "vers")?,
                        richesse: text(f, "richesse").unwrap_or_default(),
                        nature: enum_of(f, "nature", Nature::parse),
                        mesure: enum_of(f, "mesure", Mesure::parse),
                        valeur: f.get("valeur").and_then(Node::as_f64),
                        unite: text(f, "unite"),
                        appreciation: text(f, "appreciation"),
                        span: f.span.clone(),
                    })
                })
                .collect()
        })
        .unwrap_or_default();
    let contexte = d.get("contexte");
    let periode = d
        .get("periode")
        .map(|p| (sp_text(p, "du"), sp_text(p, "au")));
    Matrice {
        titre: text(d, "titre").unwrap_or_else(|| meta.id.clone()),
        description: text(d, "description"),
        contexte_type: contexte.and_then(|c| text(c, "type")),
        contexte_description: contexte.and_then(|c| text(c, "description")),
        periode,
        flux,
        meta,
    }
}

fn offre(meta: Meta, d: &Node) -> Offre {
    let tarif = d.get("tarif").and_then(|t| {
        if let Some(mode) = text(t, "mode") {
            return Some(Tarif::Mode(mode));
        }
        Some(Tarif::Prix {
            montant: t.get("montant").and_then(Node::as_f64)?,
            devise: text(t, "devise").unwrap_or_default(),
            unite: text(t, "unite"),
        })
    });
    Offre {
        titre: text(d, "titre").unwrap_or_else(|| meta.id.clone()),
        type_: enum_of(d, "type", OffreType::parse),
        membres: refs(d, "membres"),
        plans: refs(d, "plans"),
        tarif,
        principes: refs(d, "principes"),
        complementaire_de: refs(d, "complementaire_de"),
        statut: enum_of(d, "statut", OffreStatut::parse),
        contact: text(d, "contact"),
        resume: text(d, "resume"),
        meta,
    }
}

fn modification(meta: Meta, d: &Node) -> Modification {
    let instances = d
        .get("instances")
        .map(|n| {
            n.as_seq()
                .iter()
                .filter_map(|i| {
                    Some(Instance {
                        id: sp_id(i, "id")?,
                        titre: text(i, "titre").unwrap_or_default(),
                    })
                })
                .collect()
        })
        .unwrap_or_default();
    let regles = d
        .get("regles")
        .map(|n| {
            n.as_seq()
                .iter()
                .filter_map(|r| {
                    let c = r.get("classe")?;
                    Some(Regle {
                        classe: Sp::new(c.as_str().and_then(Classe::parse)?, c.span.clone()),
                        methode: text(r, "methode").unwrap_or_default(),
                        majorite: text(r, "majorite"),
                        decide_par: refs(r, "decide_par"),
                        repli: text(r, "repli"),
                    })
                })
                .collect()
        })
        .unwrap_or_default();
    Modification {
        titre: text(d, "titre").unwrap_or_default(),
        instances,
        regles,
        meta,
    }
}

#[cfg(test)]
mod tests {
    use super::{unit_key, Repo};

    /// The names of the fixed-name fields, in declaration order (the default first), as
    /// FORMAT.md and the schemas spell them; each reads back as its variant, and only
    /// exactly as written (strum's derives replaced a hand-written table: same names).
    #[test]
    fn named_fields_keep_their_names() {
        use super::*;
        fn names<T: IntoEnumIterator + Into<&'static str> + Copy>(
            parse: fn(&str) -> Option<T>,
        ) -> Vec<&'static str> {
            T::iter()
                .map(|v| {
                    let name: &'static str = v.into();
                    assert!(parse(name).is_some(), "{name}");
                    assert!(parse(&name.to_uppercase()).is_none(), "{name}");
                    name
                })
                .collect()
        }
        assert_eq!(names(Statut::parse), ["propose", "adopte", "abroge"]);
        assert_eq!(names(Classe::parse), ["simple", "intangible", "qualifiee"]);
        assert_eq!(names(PrincipeType::parse), ["principe", "modele"]);
        assert_eq!(
            names(MembreType::parse),
            ["personne", "organisation", "collectif"]
        );
        assert_eq!(names(OffreType::parse), ["service", "produit"]);
        assert_eq!(names(OffreStatut::parse), ["active", "archivee"]);
        assert_eq!(names(Nature::parse), ["materielle", "immaterielle"]);
        assert_eq!(names(Mesure::parse), ["quantitative", "qualitative"]);
        assert_eq!(Statut::default().as_str(), "propose");
        assert_eq!(Classe::parse("adoptée"), None);
        assert_eq!(Classe::parse(""), None);
    }

    #[test]
    fn a_currency_is_one_unit_however_written() {
        for written in ["€", "EUR", "eur", " Euros ", "euro"] {
            assert_eq!(unit_key(written), "EUR", "{written}");
        }
        assert_eq!(unit_key("£"), "GBP");
        // A usual unit in the plural is counted in the singular; others are kept as
        // written, trimmed: `check` names their variants.
        assert_eq!(unit_key(" heure "), "heure");
        assert_eq!(unit_key("heures"), "heure");
        assert_eq!(unit_key("heures de bénévolat"), "heure de bénévolat");
        assert_eq!(unit_key("travaux"), "travail");
        assert_eq!(unit_key("Heures"), "Heures");
        assert_eq!(unit_key("repas"), "repas");
        assert_eq!(unit_key("kWh"), "kWh");
    }

    /// The lookups by id give what a walk of the list gives, for every id of the example
    /// and for ids that name nothing.
    #[test]
    fn lookups_by_id_match_a_walk() {
        let dir = std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("examples/cheznous");
        let source = crate::load::source::DirSource::new(&dir);
        let repo = Repo::from_loaded(crate::load::load(&source).expect("example loads"));
        assert!(!repo.principes.is_empty() && !repo.membres.is_empty() && !repo.offres.is_empty());
        let mut ids: Vec<String> = repo.metas().iter().map(|m| m.id.clone()).collect();
        ids.extend(["", "zzz", "a"].map(String::from));
        for id in &ids {
            let walk = repo.principes.iter().find(|p| &p.meta.id == id);
            assert_eq!(
                repo.principe(id).map(|p| &p.meta.path),
                walk.map(|p| &p.meta.path)
            );
            let walk = repo.membres.iter().find(|m| &m.meta.id == id);
            assert_eq!(
                repo.membre(id).map(|m| &m.meta.path),
                walk.map(|m| &m.meta.path)
            );
            let walk = repo.offres.iter().find(|o| &o.meta.id == id);
            assert_eq!(
                repo.offre(id).map(|o| &o.meta.path),
                walk.map(|o| &o.meta.path)
            );
        }
    }
}
