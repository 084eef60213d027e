//! Linked data: the organisation, its members, the roles of its inverted pyramid, its
//! offers and its wealth flows as one JSON-LD document, so that other tools of the
//! "Internet des organisations" can read a #CodeSocial without knowing its format.
//!
//! Vocabularies: schema.org (Organization, Person, OrganizationRole, OfferCatalog, Offer),
//! the PAIR ontology of the Assemblée Virtuelle (`pair:Organization`, `pair:Person`,
//! `pair:offers`, `pair:Resource`) and ValueFlows for the matrices (`vf:EconomicEvent` with
//! provider, receiver and an OM 2 measure). The context is inline (no fetch); every node
//! has an absolute `@id` under `site.url` (or `urn:codesocial:<org>/` without one), stable
//! across builds. Ecosystem members contribute their organisation, offers and the members
//! who make them, under their own `site.url`.
//!
//! This module owns the mapping from the model to those vocabularies, and the `@id`s follow
//! the site's URL scheme ([`crate::urls`]: a page's `@id` is its folder's URL). The site's
//! page heads are nodes of this same document ([`Linked::head`]): the home page carries the
//! organisation; the catalogue, each offer's, member's and matrix's page its own node.

use std::collections::{BTreeMap, HashMap, HashSet};

use serde_json::{json, Map, Value};

use crate::ecosystem::LoadedMember;
use crate::format::{Kind, Role};
use crate::i18n::ecosystem::LinkedName;
use crate::model::{
    Flux, Matrice, Membre, MembreType, Mesure, Offre, OffreStatut, OffreType, Repo, Tarif,
};
use crate::urls;
use strum::IntoEnumIterator;

/// The schema.org class of a member: a person is a `Person`, an organisation or a collective
/// an `Organization`.
fn schema_member(kind: MembreType) -> &'static str {
    match kind {
        MembreType::Personne => "Person",
        MembreType::Organisation | MembreType::Collectif => "Organization",
    }
}

/// The schema.org class of what an offer offers: a `Product` or a `Service`.
fn schema_offered(kind: OffreType) -> &'static str {
    match kind {
        OffreType::Produit => "Product",
        OffreType::Service => "Service",
    }
}

/// The inline `@context`: prefixes only, so every key reads as a full IRI.
pub fn context() -> Value {
    json!({
        "schema": "https://schema.org/",
        "pair": "http://virtual-assembly.org/ontologies/pair#",
        "vf": "https://w3id.org/valueflows/ont/vf#",
        "om2": "http://www.ontology-of-units-of-measure.org/resource/om-2/",
        "xsd": "http://www.w3.org/2001/XMLSchema#"
    })
}

/// The JSON-LD document of `repo` and its loaded ecosystem. `base_url` overrides
/// `site.url` (as `build --base-url` does).
pub fn document(repo: &Repo, eco: &[LoadedMember], base_url: Option<&str>) -> Value {
    graph(repo, eco, &own_ids(repo, base_url))
}

/// The linked data of one build of the site: the document (`codesocial.jsonld`) and its
/// nodes by `@id`, so that a page's head carries the very node the document holds.
pub struct Linked {
    document: Value,
    ids: Ids,
    /// `@id` → index in `@graph`.
    index: HashMap<String, usize>,
}

impl Linked {
    pub fn new(repo: &Repo, eco: &[LoadedMember], base_url: Option<&str>) -> Self {
        let ids = own_ids(repo, base_url);
        let document = graph(repo, eco, &ids);
        let index = document["@graph"]
            .as_array()
            .into_iter()
            .flatten()
            .enumerate()
            .filter_map(|(i, n)| Some((n.get("@id")?.as_str()?.to_string(), i)))
            .collect();
        Linked {
            document,
            ids,
            index,
        }
    }

    /// The whole document, as `codesocial export --format jsonld` prints it.
    pub fn document(&self) -> &Value {
        &self.document
    }

    /// The `@id` of the site's page at `path` (`catalogue/x/index.html` →
    /// `<base>catalogue/x/`).
    pub fn page_id(&self, path: &str) -> String {
        self.ids.page(path)
    }

    /// The `@id` of the organisation (the home page's node).
    pub fn organisation_id(&self) -> String {
        self.ids.organisation()
    }

    /// The node `id` of the document, with the document's context, for a page's head;
    /// `None` when the document has no such node.
    pub fn head(&self, id: &str) -> Option<Value> {
        let node = self.document["@graph"]
            .get(*self.index.get(id)?)?
            .as_object()?;
        let mut head = Map::new();
        head.insert("@context".into(), context());
        head.extend(node.clone());
        Some(Value::Object(head))
    }
}

fn own_ids(repo: &Repo, base_url: Option<&str>) -> Ids {
    Ids::new(base_url.or(site_url(repo)), &org_id(repo))
}

fn graph(repo: &Repo, eco: &[LoadedMember], own: &Ids) -> Value {
    let mut used: HashSet<String> = HashSet::from([own.base.clone()]);
    let partners: Vec<(&LoadedMember, Ids)> = eco
        .iter()
        .map(|m| {
            let mut ids = Ids::new(site_url(&m.repo), &member_org_id(m));
            if !used.insert(ids.base.clone()) {
                ids = Ids::at(format!("{}ecosysteme/{}/", own.base, m.id));
                used.insert(ids.base.clone());
            }
            (m, ids)
        })
        .collect();
    let world = World {
        own_id: org_id(repo),
        own,
        partners: &partners,
    };
    let mut graph = Graph::default();
    graph.organisation(repo, own, &world);
    graph.membres(repo, own, None);
    graph.pyramide(repo, own);
    graph.catalogue(repo, own);
    for o in &repo.offres {
        graph.offre(repo, o, own, &world);
    }
    for m in &repo.matrices {
        graph.matrice(m, own);
    }
    for (member, ids) in &partners {
        graph.partner(member, ids, &world);
    }
    if !partners.is_empty() {
        graph.pooled(repo, own, &partners);
    }
    json!({ "@context": context(), "@graph": graph.nodes })
}

fn site_url(repo: &Repo) -> Option<&str> {
    repo.manifeste.as_ref()?.site_url.as_deref()
}

fn org_id(repo: &Repo) -> String {
    repo.manifeste
        .as_ref()
        .map(|m| m.org_id.clone())
        .filter(|id| crate::slug::is_id(id))
        .unwrap_or_else(|| "organisation".into())
}

fn member_org_id(m: &LoadedMember) -> String {
    m.repo
        .manifeste
        .as_ref()
        .map(|x| x.org_id.clone())
        .filter(|id| crate::slug::is_id(id))
        .unwrap_or_else(|| m.id.clone())
}

fn org_name(repo: &Repo, fallback: &str) -> String {
    repo.manifeste
        .as_ref()
        .map(|m| m.nom.clone())
        .filter(|n| !n.is_empty())
        .unwrap_or_else(|| fallback.to_string())
}

/// The `@id`s of one #CodeSocial's nodes, all under one base ending in `/`.
#[derive(Debug, Clone)]
struct Ids {
    base: String,
}

impl Ids {
    /// Under `site_url` when it is an absolute URL, else under `urn:codesocial:<org>/`.
    fn new(site_url: Option<&str>, org: &str) -> Self {
        match site_url.filter(|u| is_absolute(u)) {
            Some(url) => Ids::at(crate::ecosystem::with_slash(url)),
            None => Ids::at(format!("urn:codesocial:{org}/")),
        }
    }

    fn at(base: String) -> Self {
        Ids { base }
    }

    /// The site's page at `path` ([`crate::urls`]), as the URL of its folder.
    fn page(&self, path: &str) -> String {
        let folder = path.strip_suffix("index.html").unwrap_or(path);
        format!("{}{folder}", self.base)
    }
    fn organisation(&self) -> String {
        format!("{}#organisation", self.page(urls::HOME))
    }
    fn membre(&self, id: &str) -> String {
        self.page(&urls::membre(id))
    }
    fn catalogue(&self) -> String {
        self.page(urls::CATALOGUE)
    }
    fn pooled(&self) -> String {
        format!("{}ecosysteme/", self.catalogue())
    }
    fn offre(&self, id: &str) -> String {
        self.page(&urls::offre(id))
    }
    fn role(&self, role: Role, membre: &str) -> String {
        format!(
            "{}#{}-{membre}",
            self.page(urls::PYRAMIDE),
            role.key().replace('_', "-")
        )
    }
    fn matrice(&self, id: &str) -> String {
        self.page(&urls::page_of(Kind::Matrice, id))
    }
    fn unite(&self, unit: &str) -> String {
        om2_unit(unit).map_or_else(
            || format!("{}unites/{}", self.base, slug_or(unit, "unite")),
            |u| format!("om2:{u}"),
        )
    }
}

fn is_absolute(url: &str) -> bool {
    url.split_once("://")
        .is_some_and(|(scheme, rest)| !scheme.is_empty() && !rest.is_empty())
}

fn slug_or(text: &str, fallback: &str) -> String {
    let s = crate::slug::slugify(text);
    if s.is_empty() {
        fallback.to_string()
    } else {
        s
    }
}

/// Units the OM 2 ontology names, by the spellings writers use.
fn om2_unit(unit: &str) -> Option<&'static str> {
    Some(match unit.trim() {
        "EUR" | "€" | "euro" | "euros" => "euro",
        "GBP" | "£" => "poundSterling",
        "heure" | "heures" | "h" | "hour" | "hours" => "hour",
        "minute" | "minutes" | "min" => "minute-Time",
        "jour" | "jours" | "day" | "days" => "day",
        "semaine" | "semaines" | "week" => "week",
        "kWh" | "kwh" => "kilowattHour",
        "Wh" => "wattHour",
        "J" | "joule" | "joules" => "joule",
        "MJ" => "megajoule",
        "kg" => "kilogram",
        "g" => "gram",
        "t" | "tonne" | "tonnes" => "tonne",
        "km" => "kilometre",
        "m" => "metre",
        "m2" | "m²" => "squareMetre",
        "m3" | "m³" => "cubicMetre",
        "L" | "l" | "litre" | "litres" => "litre",
        _ => return None,
    })
}

/// What cross-references between organisations need: every base by organisation.
struct World<'a> {
    own_id: String,
    own: &'a Ids,
    partners: &'a [(&'a LoadedMember, Ids)],
}

impl World<'_> {
    /// The `@id` of an offer named `reference` by a #CodeSocial whose ids are `ids`
    /// (`x` is its own; `p:x` a partner's, by ecosystem id or organisation id).
    fn offer_ref(&self, ids: &Ids, reference: &str) -> Option<String> {
        let Some((org, id)) = reference.split_once(':') else {
            return Some(ids.offre(reference));
        };
        if org == self.own_id {
            return Some(self.own.offre(id));
        }
        self.partners
            .iter()
            .find(|(m, _)| m.id == org || member_org_id(m) == org)
            .map(|(_, p)| p.offre(id))
    }
}

fn id_ref(id: String) -> Value {
    json!({ "@id": id })
}

fn ids_ref(ids: impl IntoIterator<Item = String>) -> Value {
    Value::Array(ids.into_iter().map(id_ref).collect())
}

fn date(value: &str) -> Value {
    if crate::date::is_valid(value) {
        json!({ "@value": value, "@type": "xsd:date" })
    } else {
        json!(value)
    }
}

/// The nodes, in a stable order, each `@id` once.
#[derive(Default)]
struct Graph {
    nodes: Vec<Value>,
    seen: HashSet<String>,
}

impl Graph {
    fn push(&mut self, node: Map<String, Value>) {
        let id = node.get("@id").and_then(Value::as_str).unwrap_or_default();
        if self.seen.insert(id.to_string()) {
            self.nodes.push(Value::Object(node));
        }
    }

    fn organisation(&mut self, repo: &Repo, ids: &Ids, world: &World<'_>) {
        let mut n = org_node(repo, ids, &world.own_id);
        if let Some(m) = &repo.manifeste {
            if let Some(d) = &m.creee_le {
                n.insert("schema:foundingDate".into(), date(d));
            }
            if let Some(l) = &m.licence {
                n.insert("schema:license".into(), json!(l.value));
            }
        }
        let members = repo.membres.iter().map(|m| ids.membre(&m.meta.id));
        n.insert("pair:affiliates".into(), ids_ref(members));
        if let Some(p) = &repo.pyramide {
            let roles = Role::iter().flat_map(|r| {
                p.entries(r)
                    .iter()
                    .map(move |e| ids.role(r, &e.membre.value))
            });
            n.insert("schema:member".into(), ids_ref(dedup(roles)));
        }
        n.insert("schema:hasOfferCatalog".into(), id_ref(ids.catalogue()));
        let partners = world.partners.iter().map(|(_, p)| p.organisation());
        n.insert("pair:partnerOf".into(), ids_ref(partners));
        self.push(n);
    }

    /// Members of `repo`; `only` restricts them to those ids (a partner's offer makers).
    fn membres(&mut self, repo: &Repo, ids: &Ids, only: Option<&HashSet<&str>>) {
        for m in &repo.membres {
            if only.is_none_or(|o| o.contains(m.meta.id.as_str())) {
                self.push(membre_node(m, ids));
            }
        }
    }

    fn pyramide(&mut self, repo: &Repo, ids: &Ids) {
        let Some(p) = &repo.pyramide else { return };
        let lang = repo.langue();
        for role in Role::iter() {
            for e in p.entries(role) {
                let mut n = Map::new();
                n.insert("@id".into(), json!(ids.role(role, &e.membre.value)));
                n.insert("@type".into(), json!("schema:OrganizationRole"));
                n.insert(
                    "schema:roleName".into(),
                    json!(LinkedName::Role { role }.text_in(lang)),
                );
                n.insert("schema:member".into(), id_ref(ids.membre(&e.membre.value)));
                if let Some(d) = &e.depuis {
                    n.insert("schema:startDate".into(), date(&d.value));
                }
                if let Some(d) = &e.jusqu_au {
                    n.insert("schema:endDate".into(), date(&d.value));
                }
                self.push(n);
            }
        }
    }

    fn catalogue(&mut self, repo: &Repo, ids: &Ids) {
        let nom = org_name(repo, "");
        let mut n = Map::new();
        n.insert("@id".into(), json!(ids.catalogue()));
        n.insert("@type".into(), json!("schema:OfferCatalog"));
        n.insert(
            "schema:name".into(),
            json!(LinkedName::Catalogue { nom: &nom }.text_in(repo.langue())),
        );
        n.insert("schema:provider".into(), id_ref(ids.organisation()));
        let offers = repo.offres.iter().map(|o| ids.offre(&o.meta.id));
        n.insert("schema:itemListElement".into(), ids_ref(offers));
        self.push(n);
    }

    fn pooled(&mut self, repo: &Repo, own: &Ids, partners: &[(&LoadedMember, Ids)]) {
        let nom = org_name(repo, "");
        let mut offers: Vec<String> = repo.offres.iter().map(|o| own.offre(&o.meta.id)).collect();
        for (m, ids) in partners {
            offers.extend(m.repo.offres.iter().map(|o| ids.offre(&o.meta.id)));
        }
        let mut n = Map::new();
        n.insert("@id".into(), json!(own.pooled()));
        n.insert("@type".into(), json!("schema:OfferCatalog"));
        n.insert(
            "schema:name".into(),
            json!(LinkedName::PooledCatalogue { nom: &nom }.text_in(repo.langue())),
        );
        n.insert("schema:provider".into(), id_ref(own.organisation()));
        n.insert("schema:itemListElement".into(), ids_ref(offers));
        self.push(n);
    }

    fn offre(&mut self, repo: &Repo, o: &Offre, ids: &Ids, world: &World<'_>) {
        let id = ids.offre(&o.meta.id);
        let mut n = Map::new();
        n.insert("@id".into(), json!(id));
        n.insert("@type".into(), json!(["schema:Offer", "pair:Resource"]));
        n.insert("schema:name".into(), json!(o.titre));
        n.insert("pair:label".into(), json!(o.titre));
        if let Some(r) = &o.resume {
            n.insert("schema:description".into(), json!(r));
            n.insert("pair:description".into(), json!(r));
        }
        let item_type = format!("schema:{}", schema_offered(o.type_));
        n.insert(
            "schema:itemOffered".into(),
            json!({ "@id": format!("{id}#objet"), "@type": item_type, "schema:name": o.titre }),
        );
        let makers: Vec<String> = o.membres.iter().map(|m| ids.membre(&m.value)).collect();
        n.insert("schema:offeredBy".into(), ids_ref(makers.clone()));
        n.insert("pair:offeredBy".into(), ids_ref(makers));
        if let Some(t) = &o.tarif {
            tarif(&mut n, t, &id);
        }
        let titles = plan_titles(repo, o);
        if !titles.is_empty() {
            n.insert("schema:category".into(), json!(titles));
        }
        if o.statut == OffreStatut::Archivee {
            n.insert(
                "schema:availability".into(),
                id_ref("schema:Discontinued".into()),
            );
        }
        let related: Vec<String> = o
            .complementaire_de
            .iter()
            .filter_map(|r| world.offer_ref(ids, &r.value))
            .collect();
        if !related.is_empty() {
            n.insert("schema:isRelatedTo".into(), ids_ref(related));
        }
        self.push(n);
    }

    fn matrice(&mut self, m: &Matrice, ids: &Ids) {
        let mid = ids.matrice(&m.meta.id);
        let mut n = Map::new();
        n.insert("@id".into(), json!(mid));
        n.insert("@type".into(), json!("schema:Dataset"));
        n.insert("schema:name".into(), json!(m.titre));
        // The description is Markdown; linked data carries its plain text.
        let description = m.description.as_deref().map(crate::markdown::plain_text);
        if let Some(d) = description.as_ref().or(m.contexte_description.as_ref()) {
            n.insert("schema:description".into(), json!(d));
        }
        if let Some((Some(du), Some(au))) = &m.periode {
            n.insert(
                "schema:temporalCoverage".into(),
                json!(format!("{}/{}", du.value, au.value)),
            );
        }
        let events: Vec<String> = (1..=m.flux.len())
            .map(|i| format!("{mid}#flux-{i}"))
            .collect();
        n.insert("schema:hasPart".into(), ids_ref(events));
        self.push(n);
        let mut specs: BTreeMap<String, String> = BTreeMap::new();
        for (i, f) in m.flux.iter().enumerate() {
            let spec = format!("{mid}#richesse-{}", slug_or(&f.richesse, "richesse"));
            specs
                .entry(spec.clone())
                .or_insert_with(|| f.richesse.clone());
            self.push(event(f, &format!("{mid}#flux-{}", i + 1), &mid, &spec, ids));
        }
        let units: HashSet<&str> = m.flux.iter().filter_map(|f| f.unite.as_deref()).collect();
        let mut units: Vec<&str> = units
            .into_iter()
            .filter(|u| om2_unit(u).is_none())
            .collect();
        units.sort_unstable();
        for u in units {
            let mut s = Map::new();
            s.insert("@id".into(), json!(ids.unite(u)));
            s.insert("@type".into(), json!("om2:Unit"));
            s.insert("om2:symbol".into(), json!(u));
            self.push(s);
        }
        for (spec, name) in specs {
            let mut s = Map::new();
            s.insert("@id".into(), json!(spec));
            s.insert("@type".into(), json!("vf:ResourceSpecification"));
            s.insert("vf:name".into(), json!(name));
            self.push(s);
        }
    }

    /// A partner: its organisation, its offers, and the members who make them.
    fn partner(&mut self, member: &LoadedMember, ids: &Ids, world: &World<'_>) {
        let repo = &member.repo;
        let mut n = org_node(repo, ids, &member.id);
        let offers = repo.offres.iter().map(|o| ids.offre(&o.meta.id));
        n.insert("pair:offers".into(), ids_ref(offers));
        self.push(n);
        for o in &repo.offres {
            self.offre(repo, o, ids, world);
        }
        let makers: HashSet<&str> = repo
            .offres
            .iter()
            .flat_map(|o| o.membres.iter().map(|m| m.value.as_str()))
            .collect();
        self.membres(repo, ids, Some(&makers));
    }
}

fn dedup(ids: impl IntoIterator<Item = String>) -> Vec<String> {
    let mut seen = HashSet::new();
    ids.into_iter().filter(|i| seen.insert(i.clone())).collect()
}

/// What every organisation node says: types, names, website, offers.
fn org_node(repo: &Repo, ids: &Ids, fallback_id: &str) -> Map<String, Value> {
    let nom = org_name(repo, fallback_id);
    let mut n = Map::new();
    n.insert("@id".into(), json!(ids.organisation()));
    n.insert(
        "@type".into(),
        json!(["schema:Organization", "pair:Organization"]),
    );
    n.insert("schema:name".into(), json!(nom));
    n.insert("pair:label".into(), json!(nom));
    let identifier = repo
        .manifeste
        .as_ref()
        .map(|m| m.org_id.clone())
        .filter(|i| !i.is_empty())
        .unwrap_or_else(|| fallback_id.to_string());
    n.insert("schema:identifier".into(), json!(identifier));
    if let Some(site) = repo.manifeste.as_ref().and_then(|m| m.site.as_deref()) {
        if is_absolute(site) {
            n.insert("schema:url".into(), id_ref(site.to_string()));
            n.insert("pair:homePage".into(), id_ref(site.to_string()));
        }
    }
    let offers = repo.offres.iter().map(|o| ids.offre(&o.meta.id));
    n.insert("pair:offers".into(), ids_ref(offers));
    n
}

fn membre_node(m: &Membre, ids: &Ids) -> Map<String, Value> {
    let pair = match m.type_ {
        MembreType::Personne => "pair:Person",
        MembreType::Organisation => "pair:Organization",
        MembreType::Collectif => "pair:Group",
    };
    let types = json!([format!("schema:{}", schema_member(m.type_)), pair]);
    let mut n = Map::new();
    n.insert("@id".into(), json!(ids.membre(&m.meta.id)));
    n.insert("@type".into(), types);
    n.insert("schema:name".into(), json!(m.nom));
    n.insert("pair:label".into(), json!(m.nom));
    n.insert("schema:identifier".into(), json!(m.meta.id));
    if let Some(site) = m.site.as_deref().filter(|s| is_absolute(s)) {
        n.insert("schema:url".into(), id_ref(site.to_string()));
        n.insert("pair:homePage".into(), id_ref(site.to_string()));
    }
    if let Some(contact) = &m.contact {
        if contact.contains('@') && !is_absolute(contact) {
            n.insert("schema:email".into(), json!(contact));
            n.insert("pair:e-mail".into(), json!(contact));
        }
    }
    if let Some(t) = &m.territoire {
        n.insert("schema:areaServed".into(), json!(t));
    }
    n
}

fn tarif(n: &mut Map<String, Value>, t: &Tarif, offer_id: &str) {
    let mut spec = Map::new();
    spec.insert("@id".into(), json!(format!("{offer_id}#tarif")));
    match t {
        Tarif::Prix {
            montant,
            devise,
            unite,
        } => {
            let price = crate::ecosystem::number(*montant);
            n.insert("schema:price".into(), price.clone());
            n.insert("schema:priceCurrency".into(), json!(devise));
            spec.insert("@type".into(), json!("schema:UnitPriceSpecification"));
            spec.insert("schema:price".into(), price);
            spec.insert("schema:priceCurrency".into(), json!(devise));
            if let Some(u) = unite {
                spec.insert("schema:unitText".into(), json!(u));
            }
        }
        Tarif::Mode(mode) => {
            if mode == "gratuit" {
                n.insert("schema:price".into(), json!(0));
            }
            spec.insert("@type".into(), json!("schema:PriceSpecification"));
            spec.insert("schema:name".into(), json!(mode));
        }
    }
    n.insert("schema:priceSpecification".into(), Value::Object(spec));
}

fn plan_titles(repo: &Repo, o: &Offre) -> Vec<String> {
    let decls = repo.plan_decls();
    o.plans
        .iter()
        .map(|p| {
            decls
                .iter()
                .find(|d| d.id.value == p.value)
                .map_or_else(|| p.value.clone(), |d| d.titre.clone())
        })
        .collect()
}

/// One flow of a matrix as a ValueFlows economic event.
fn event(f: &Flux, id: &str, matrice: &str, spec: &str, ids: &Ids) -> Map<String, Value> {
    let mut n = Map::new();
    n.insert("@id".into(), json!(id));
    n.insert("@type".into(), json!("vf:EconomicEvent"));
    n.insert("vf:action".into(), id_ref("vf:transfer".into()));
    n.insert("vf:provider".into(), id_ref(ids.membre(&f.de.value)));
    n.insert("vf:receiver".into(), id_ref(ids.membre(&f.vers.value)));
    n.insert("vf:resourceConformsTo".into(), id_ref(spec.to_string()));
    n.insert("vf:inScopeOf".into(), id_ref(ids.organisation()));
    n.insert("schema:isPartOf".into(), id_ref(matrice.to_string()));
    n.insert("schema:name".into(), json!(f.richesse));
    n.insert(
        "schema:keywords".into(),
        json!([f.nature.as_str(), f.mesure.as_str()]),
    );
    if let (Mesure::Quantitative, Some(valeur)) = (f.mesure, f.valeur) {
        let mut q = Map::new();
        q.insert("@id".into(), json!(format!("{id}-quantite")));
        q.insert("@type".into(), json!("om2:Measure"));
        q.insert(
            "om2:hasNumericalValue".into(),
            crate::ecosystem::number(valeur),
        );
        if let Some(u) = &f.unite {
            q.insert("om2:hasUnit".into(), id_ref(ids.unite(u)));
            q.insert("schema:unitText".into(), json!(u));
        }
        n.insert("vf:resourceQuantity".into(), Value::Object(q));
    }
    if let Some(a) = &f.appreciation {
        n.insert("vf:note".into(), json!(a));
    }
    n
}
