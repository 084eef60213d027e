//! The site's own words, in the organisation's language (`langue` in the manifest), not the
//! reader's system language: a French #CodeSocial publishes a French site wherever it is
//! built. Also the sentences `codesocial build` prints, in the usual language of the tool.

use super::Lang::{self, En, Fr};
use super::{count, pick};

macro_rules! words {
    ($($variant:ident $key:literal => $fr:literal, $en:literal;)+) => {
        /// A word or short phrase shown on the site; its key (the name templates use)
        /// is derived by strum, both ways.
        #[derive(
            Debug, Clone, Copy, PartialEq, Eq, strum::EnumString, strum::IntoStaticStr,
            strum::EnumIter,
        )]
        pub enum Word { $(#[strum(serialize = $key)] $variant),+ }

        impl Word {
            /// Every word, in declaration order.
            pub fn all() -> impl Iterator<Item = Word> {
                <Word as strum::IntoEnumIterator>::iter()
            }

            /// The name templates use: `{{ t.key }}`.
            pub fn key(self) -> &'static str {
                self.into()
            }

            /// The word a template key names, if any.
            pub fn from_key(key: &str) -> Option<Word> {
                key.parse().ok()
            }

            pub fn text(self, lang: Lang) -> &'static str {
                match (self, lang) {
                    $((Word::$variant, Lang::Fr) => $fr, (Word::$variant, Lang::En) => $en,)+
                }
            }
        }
    };
}

words! {
    Home "home" => "Accueil", "Home";
    SkipToContent "skip_to_content" => "Aller au contenu", "Skip to content";
    MainNav "main_nav" => "Navigation principale", "Main navigation";
    Menu "menu" => "Menu", "Menu";
    CloseMenu "close_menu" => "Fermer le menu", "Close the menu";
    RaisonDEtre "raison_d_etre" => "Raison d’être", "Purpose";
    Histoire "histoire" => "Histoire", "History";
    Informations "informations" => "Informations", "Information";
    Plans "plans" => "Principes", "Principles";
    Plan "plan" => "Plan", "Plan";
    Pyramide "pyramide" => "Pyramide inversée", "Inverted pyramid";
    Matrices "matrices" => "Matrices de richesses", "Wealth matrices";
    Catalogue "catalogue" => "Catalogue contributif", "Contributive catalogue";
    Membres "membres" => "Membres", "Members";
    Modification "modification" => "Modalités de modification", "Amendment rules";
    Evolution "evolution" => "Évolution", "Evolution";
    Bilan "bilan" => "Bilan", "Review";
    Ecosysteme "ecosysteme" => "Catalogue de l’écosystème", "Ecosystem catalogue";
    EcosystemeIntro "ecosysteme_intro" => "Les offres de toutes les organisations de l’écosystème, mises en commun\u{a0}: chacune peut proposer celles des autres.", "The offers of every organisation of the ecosystem, pooled: each can offer the others’.";
    OtherOrganisations "other_organisations" => "Dans l’écosystème", "In the ecosystem";
    EmptyPlans "empty_plans" => "Plans vides (ni principe ni introduction)", "Empty plans (no principle, no introduction)";
    ApartFromTheRest "apart_from_the_rest" => "Liés entre eux mais à l’écart du reste", "Linked together but apart from the rest";
    WithoutRole "without_role" => "Membres sans rôle dans la pyramide", "Members without a role in the pyramid";
    OnlyGive "only_give" => "Donnent sans rien recevoir", "Give without receiving";
    OnlyReceive "only_receive" => "Reçoivent sans rien donner", "Receive without giving";
    WithoutFlow "without_flow" => "Membres sans aucun flux", "Members without any flow";
    WithoutOffer "without_offer" => "Membres sans offre au catalogue", "Members without an offer in the catalogue";
    BilanDate "bilan_date" => "Établi le", "Drawn up on";
    BilanIntro "bilan_intro" => "Le diagnostic de l’organisation\u{a0}: couverture des plans, fraîcheur des principes, pyramide, flux de richesses, catalogue, évolution.", "The organisation’s diagnostic: coverage of the plans, freshness of principles, pyramid, wealth flows, catalogue, evolution.";
    Annexes "annexes" => "Annexes", "Appendices";
    Search "search" => "Rechercher", "Search";
    SearchLabel "search_label" => "Rechercher dans le #CodeSocial", "Search the #CodeSocial";
    SearchResults "search_results" => "Résultats", "Results";
    SearchInHeader "search_in_header" => "Recherche dans l’en-tête", "Search in the header";
    SearchInPage "search_in_page" => "Recherche de la page", "Search on this page";
    SearchSignsOnly "search_no_word" => "Aucun mot à chercher dans «\u{a0}{q}\u{a0}»\u{202f}: tapez un mot du texte.", "No word to search for in “{q}”: type a word of the text.";
    SearchNoJs "search_no_js" => "La recherche demande JavaScript\u{202f}; voici toutes les pages du site.", "Search needs JavaScript; here are all the pages of the site.";
    SearchNone "search_none" => "Aucun résultat.", "No results.";
    SearchCountOne "search_count_one" => "{n}\u{a0}résultat pour «\u{a0}{q}\u{a0}»", "{n} result for “{q}”";
    SearchCountOther "search_count_other" => "{n}\u{a0}résultats pour «\u{a0}{q}\u{a0}»", "{n} results for “{q}”";
    ScrollTable "scroll_table" => "Tableau", "Table";
    ScrollCode "scroll_code" => "Bloc de code", "Code block";
    SearchCountPartial "search_count_partial" => "Résultats 1 à {shown} sur {n} pour «\u{a0}{q}\u{a0}»", "Results 1–{shown} of {n} for “{q}”";
    SearchMore "search_more" => "Afficher la suite ({k})", "Show more ({k})";
    AllPages "all_pages" => "Toutes les pages", "All pages";
    NotFound "not_found" => "Page introuvable", "Page not found";
    NotFoundText "not_found_text" => "Cette page n’existe pas ou plus. Repartez de l’accueil ou cherchez ce qui vous intéresse.", "This page does not exist, or no longer does. Start again from the home page or search for what you need.";
    EntryPoints "entry_points" => "Pour commencer", "Where to start";
    Enjeux "enjeux" => "Enjeux", "Stakes";
    Objectifs "objectifs" => "Objectifs", "Objectives";
    Missions "missions" => "Missions", "Missions";
    ServesObjectives "serves_objectives" => "Au service de", "Serves";
    Jalons "jalons" => "Jalons", "Milestones";
    Acteurs "acteurs" => "Acteurs", "Actors";
    Principe "principe" => "Principe", "Principle";
    Modele "modele" => "Modèle", "Model";
    StatutPropose "statut_propose" => "Proposé", "Proposed";
    StatutAdopte "statut_adopte" => "Adopté", "Adopted";
    StatutAbroge "statut_abroge" => "Abrogé", "Repealed";
    Statut "statut" => "Statut", "Status";
    AdopteLe "adopte_le" => "Adopté le", "Adopted on";
    AbrogeLe "abroge_le" => "Abrogé le", "Repealed on";
    Classe "classe" => "Classe", "Class";
    ClasseIntangible "classe_intangible" => "Intangible", "Intangible";
    ClasseQualifiee "classe_qualifiee" => "Qualifiée", "Qualified";
    ClasseSimple "classe_simple" => "Simple", "Simple";
    Version "version" => "Version", "Version";
    Responsables "responsables" => "Responsables", "Responsible";
    MotsCles "mots_cles" => "Mots-clés", "Keywords";
    RelatedPrinciples "related_principles" => "Principes liés", "Related principles";
    LinkedFrom "linked_from" => "Cité par", "Referred to by";
    EmbodiedBy "embodied_by" => "Offres qui l’incarnent", "Offers that embody it";
    Replaces "replaces" => "Remplace", "Replaces";
    ReplacedBy "replaced_by" => "Remplacé par", "Replaced by";
    RecentHistory "recent_history" => "Historique récent", "Recent history";
    NoHistory "no_history" => "Pas d’historique git disponible.", "No git history available.";
    HistoryTruncated "history_truncated" => "L’historique s’arrête au commit", "The history stops at commit";
    HistoryTruncatedWhy "history_truncated_why" => "(clone superficiel)\u{a0}: ce qui a changé avant n’est pas connu ici.", "(a shallow clone): what changed before it is not known here.";
    MergeBrings "merge_brings" => "Fusion, qui apporte\u{a0}:", "Merge, bringing in:";
    Date "date" => "Date", "Date";
    Author "author" => "Auteur", "Author";
    Message "message" => "Message", "Message";
    NoPrinciples "no_principles" => "Ce plan est décrit par son introduction.", "This plan is described by its introduction.";
    Roles "roles" => "Rôles", "Roles";
    RoleAuteurs "role_auteurs" => "Auteurs", "Authors";
    RoleCoAuteurs "role_co_auteurs" => "Co-auteurs", "Co-authors";
    RoleEditeurs "role_editeurs" => "Éditeurs", "Publishers";
    RoleProducteurs "role_producteurs" => "Producteurs", "Producers";
    RoleContributeurs "role_contributeurs" => "Contributeurs", "Contributors";
    Since "since" => "depuis", "since";
    Until "until" => "jusqu’au", "until";
    Responsabilites "responsabilites" => "Responsabilités", "Responsibilities";
    Capital "capital" => "Capital", "Capital";
    CapitalSansObjet "capital_sans_objet" => "Sans objet\u{a0}: la structure n’a pas de capital.", "Not applicable: the structure has no capital.";
    CapitalNotStated "capital_not_stated" => "Non renseigné.", "Not stated.";
    Part "part" => "Part", "Share";
    Member "member" => "Membre", "Member";
    Contexte "contexte" => "Contexte", "Context";
    Periode "periode" => "Période", "Period";
    Quadrants "quadrants" => "Les quatre quadrants", "The four quadrants";
    Materielle "materielle" => "Matérielle", "Material";
    Immaterielle "immaterielle" => "Immatérielle", "Immaterial";
    Quantitative "quantitative" => "Quantitative", "Quantitative";
    Qualitative "qualitative" => "Qualitative", "Qualitative";
    Flux "flux" => "Flux", "Flows";
    FlowOrder "flow_order" => "Ordre des flux", "Order of the flows";
    FlowPlace "flow_place" => "place\u{a0}{n}", "place {n}";
    FlowsOne "flows_one" => "{n}\u{a0}flux", "{n} flow";
    FlowsOther "flows_other" => "{n}\u{a0}flux", "{n} flows";
    MatrixReading "matrix_reading" => "Chaque flèche va de qui donne à qui reçoit\u{202f}; son épaisseur suit la valeur, comparée aux autres flux de la même unité. Les flux qualitatifs sont en tirets.", "Each arrow goes from who gives to who receives; its thickness follows the value, compared with the other flows of the same unit. Qualitative flows are dashed.";
    QualitativeFlowsOne "qualitative_flows_one" => "{n}\u{a0}flux qualitatif", "{n} qualitative flow";
    QualitativeFlowsOther "qualitative_flows_other" => "{n}\u{a0}flux qualitatifs", "{n} qualitative flows";
    PyramidReading "pyramid_reading" => "La pyramide repose sur sa pointe. De la pointe, en bas, à la bande la plus large, en haut\u{a0}:", "The pyramid stands on its point. From the point, at the bottom, to the widest band, at the top:";
    MembersOne "members_one" => "{n}\u{a0}membre", "{n} member";
    MembersOther "members_other" => "{n}\u{a0}membres", "{n} members";
    PyramidCapital "pyramid_capital" => "À côté, la part de capital de chaque membre (total {total}).", "Beside it, each member’s share of the capital (total {total}).";
    De "de" => "De", "From";
    Vers "vers" => "Vers", "To";
    FlowGiver "flow_giver" => "Qui donne\u{a0}:", "Given by:";
    FlowReceiver "flow_receiver" => "Qui reçoit\u{a0}:", "Received by:";
    Richesse "richesse" => "Richesse", "Wealth";
    Valeur "valeur" => "Valeur", "Value";
    Appreciation "appreciation" => "Appréciation", "Appraisal";
    TotalsPerUnit "totals_per_unit" => "Totaux par unité", "Totals per unit";
    TotalsPerMember "totals_per_member" => "Totaux par membre", "Totals per member";
    Unit "unit" => "Unité", "Unit";
    Given "given" => "Donné", "Given";
    Received "received" => "Reçu", "Received";
    Total "total" => "Total", "Total";
    EmptyFlows "empty_flows" => "Aucun flux.", "No flows.";
    EmptyOffers "empty_offers" => "Aucune offre.", "No offers.";
    EmptyCatalogue "empty_catalogue" => "Aucune offre n’est encore publiée dans ce catalogue.", "No offer has been published in this catalogue yet.";
    NoOfferMatches "no_offer_matches" => "Aucune offre ne correspond à ces filtres.", "No offer matches these filters.";
    NoOfferMatchesOtherStatutOne "no_offer_matches_other_statut_one" => "Aucune offre de ce statut ne correspond à ces filtres\u{202f}; une offre d’un autre statut y correspond.", "No offer with this status matches these filters; one offer with another status does.";
    NoOfferMatchesOtherStatutOther "no_offer_matches_other_statut_other" => "Aucune offre de ce statut ne correspond à ces filtres\u{202f}; {n}\u{a0}offres d’un autre statut y correspondent.", "No offer with this status matches these filters; {n} offers with another status do.";
    EmptyRole "empty_role" => "Personne pour l’instant.", "Nobody yet.";
    EmptyMatrices "empty_matrices" => "Aucune matrice de richesses pour l’instant.", "No wealth matrix yet.";
    FlowsOut "flows_out" => "Flux sortants", "Outgoing flows";
    FlowsIn "flows_in" => "Flux entrants", "Incoming flows";
    Offres "offres" => "Offres", "Offers";
    Filters "filters" => "Filtrer", "Filter";
    Type "type" => "Type", "Type";
    All "all" => "Tous", "All";
    Service "service" => "Service", "Service";
    Produit "produit" => "Produit", "Product";
    ShownOffersOne "shown_offers_one" => "{n}\u{a0}offre affichée", "{n} offer shown";
    ShownOffersOther "shown_offers_other" => "{n}\u{a0}offres affichées", "{n} offers shown";
    ResetFilters "reset_filters" => "Réinitialiser les filtres", "Reset filters";
    Tarif "tarif" => "Tarif", "Price";
    Archivee "archivee" => "Archivée", "Archived";
    OffresArchivees "offres_archivees" => "Offres archivées", "Archived offers";
    StatutActive "statut_active" => "Active", "Active";
    StatutArchivee "statut_archivee" => "Archivée", "Archived";
    AllStatuts "all_statuts" => "Toutes", "All";
    Contact "contact" => "Contact", "Contact";
    Site "site" => "Site", "Website";
    Territoire "territoire" => "Territoire", "Area";
    Complementaires "complementaires" => "Offres complémentaires", "Complementary offers";
    Principes "principes" => "Principes", "Principles";
    OfferedBy "offered_by" => "Proposée par", "Offered by";
    Personne "personne" => "Personne", "Person";
    Organisation "organisation" => "Organisation", "Organisation";
    Collectif "collectif" => "Collectif", "Collective";
    ResponsibleFor "responsible_for" => "Responsable de", "Responsible for";
    Instances "instances" => "Instances", "Bodies";
    Regles "regles" => "Règles", "Rules";
    Methode "methode" => "Méthode", "Method";
    Majorite "majorite" => "Majorité", "Majority";
    DecidePar "decide_par" => "Décidé par", "Decided by";
    Repli "repli" => "Repli", "Fallback";
    EvolutionIntro "evolution_intro" => "Les dernières modifications du #CodeSocial, commit par commit.", "The latest changes to the #CodeSocial, commit by commit.";
    NoEvolution "no_evolution" => "Pas d’historique git\u{a0}: l’évolution apparaîtra quand le #CodeSocial sera tenu dans git.", "No git history: the evolution will show once the #CodeSocial is kept in git.";
    Decisions "decisions" => "Décisions", "Decisions";
    Decision "decision" => "Décision", "Decision";
    Changes "changes" => "Changements", "Changes";
    Feed "feed" => "Flux Atom", "Atom feed";
    ForMembers "for_members" => "Membre\u{202f}? Les principes et la pyramide", "Member? The principles and the pyramid";
    ForPartners "for_partners" => "Partenaire\u{202f}? Le catalogue et les matrices", "Partner? The catalogue and the matrices";
    ForNewcomers "for_newcomers" => "Nouveau venu\u{202f}? La raison d’être et l’histoire", "Newcomer? The purpose and the history";
    Licence "licence" => "Licence", "Licence";
    LicenceNotStated "licence_not_stated" => "Licence non précisée", "Licence not stated";
    BuiltWith "built_with" => "Site produit par codesocial", "Site built by codesocial";
    FormeJuridique "forme_juridique" => "Forme juridique", "Legal form";
    CreeeLe "creee_le" => "Créée le", "Founded on";
    Siege "siege" => "Siège", "Seat";
    Publics "publics" => "Publics", "Audiences";
    Taille "taille" => "Taille", "Size";
    Summary "summary" => "En bref", "In short";
    CountPrincipesOne "count_principes_one" => "principe en vigueur", "principle in force";
    CountPrincipesOther "count_principes_other" => "principes en vigueur", "principles in force";
    CountMembresOne "count_membres_one" => "membre", "member";
    CountMembresOther "count_membres_other" => "membres", "members";
    CountOffresOne "count_offres_one" => "offre active", "active offer";
    CountOffresOther "count_offres_other" => "offres actives", "active offers";
    CountMatricesOne "count_matrices_one" => "matrice de richesses", "wealth matrix";
    CountMatricesOther "count_matrices_other" => "matrices de richesses", "wealth matrices";
    OnThisPage "on_this_page" => "Sur cette page", "On this page";
    Previous "previous" => "Précédent", "Previous";
    Pager "pager" => "Pages voisines", "Neighbouring pages";
    LastUpdated "last_updated" => "Dernière modification", "Last updated";
    EditPage "edit_page" => "Modifier cette page", "Edit this page";
    Source "source" => "Source", "Source";
    Booklet "booklet" => "Livret imprimable", "Printable booklet";
    BookletIntro "booklet_intro" => "Tout le #CodeSocial sur une page, chapitre par chapitre, à imprimer pour l’assemblée générale.", "The whole #CodeSocial on one page, chapter by chapter, to print for the general assembly.";
    BookletSource "booklet_source" => "Source", "Source";
    BookletDate "booklet_date" => "Version du", "Version of";
    Print "print" => "Imprimer", "Print";
    Contents "contents" => "Sommaire", "Contents";
    NoLongerInForce "no_longer_in_force" => "Ce principe n’est plus en vigueur", "This principle is no longer in force";
    Next "next" => "Suivant", "Next";
    ModeGratuit "mode_gratuit" => "Gratuit", "Free";
    ModePrixLibre "mode_prix_libre" => "Prix libre", "Pay what you want";
    ModeDon "mode_don" => "Don", "Donation";
    ModeContribution "mode_contribution" => "Contribution", "Contribution";
    ModeSurDevis "mode_sur_devis" => "Sur devis", "On quotation";
    MethodeAucune "methode_aucune" => "Aucune\u{a0}: ne se modifie pas", "None: cannot be changed";
    MethodeConsentement "methode_consentement" => "Consentement", "Consent";
    MethodeConsensus "methode_consensus" => "Consensus", "Consensus";
    MethodeVote "methode_vote" => "Vote", "Vote";
    MethodeAssembleeGenerale "methode_assemblee_generale" => "Assemblée générale", "General assembly";
    ContexteProjet "contexte_projet" => "Projet", "Project";
    ContexteAction "contexte_action" => "Action", "Action";
    ContextePersonne "contexte_personne" => "Personne", "Person";
    ContexteEvenement "contexte_evenement" => "Événement", "Event";
    PrinciplesOfClass "principles_of_class" => "Principes de cette classe", "Principles of this class";
    Commit "commit" => "Commit", "Commit";
    ChangeAdded "change_added" => "Ajout", "Added";
    ChangeRemoved "change_removed" => "Suppression", "Removed";
    ChangeModified "change_modified" => "Modification", "Changed";
    ChangeMoved "change_moved" => "Déplacement", "Moved";
    ChangeRenamed "change_renamed" => "Renommage", "Renamed";
    RenamedFrom "renamed_from" => "anciennement", "formerly";
    PageMoved "page_moved" => "Cette page a changé d’adresse", "This page has moved";
    Before "before" => "Avant", "Before";
    After "after" => "Après", "After";
    By "by" => "par", "by";
    KindManifeste "kind_manifeste" => "Manifeste", "Manifest";
    KindRaisonDEtre "kind_raison_d_etre" => "Raison d’être", "Purpose";
    KindHistoire "kind_histoire" => "Histoire", "History";
    KindInformations "kind_informations" => "Informations", "Information";
    KindPlan "kind_plan" => "Plan", "Plan";
    KindPrincipe "kind_principe" => "Principe", "Principle";
    KindMembre "kind_membre" => "Membre", "Member";
    KindPyramide "kind_pyramide" => "Pyramide", "Pyramid";
    KindMatrice "kind_matrice" => "Matrice", "Matrix";
    KindOffre "kind_offre" => "Offre", "Offer";
    KindModification "kind_modification" => "Modalités de modification", "Amendment rules";
    KindAnnexe "kind_annexe" => "Annexe", "Appendix";
    FieldTitre "field_titre" => "Titre", "Title";
    FieldNom "field_nom" => "Nom", "Name";
    FieldPlans "field_plans" => "Plans", "Plans";
    FieldLiens "field_liens" => "Principes liés", "Related principles";
    FieldRemplace "field_remplace" => "Remplace", "Replaces";
    FieldMembres "field_membres" => "Membres", "Members";
    FieldDescription "field_description" => "Description", "Description";
    FieldResume "field_resume" => "Résumé", "Summary";
    FieldOrgId "field_org_id" => "Identifiant", "Identifier";
    FieldId "field_id" => "Identifiant", "Identifier";
    FieldNature "field_nature" => "Nature", "Nature";
    FieldMesure "field_mesure" => "Mesure", "Measure";
    FieldUnite "field_unite" => "Unité", "Unit";
    FieldLangue "field_langue" => "Langue du site", "Site language";
    FieldSiteTitre "field_site_titre" => "Titre du site", "Site title";
    FieldSiteUrl "field_site_url" => "Adresse du site", "Site address";
    FieldSiteOptions "field_site_options" => "Site publié", "Published site";
    FieldDepot "field_depot" => "Dépôt", "Repository";
    FieldBranche "field_branche" => "Branche", "Branch";
    FieldModifier "field_modifier" => "Lien «\u{a0}Modifier cette page\u{a0}»", "“Edit this page” link";
    FieldImage "field_image" => "Image de partage", "Sharing image";
    FieldSommaire "field_sommaire" => "Sommaire des pages longues", "Table of contents on long pages";
    FieldLivret "field_livret" => "Livret imprimable", "Printable booklet";
    FieldMiseAJour "field_mise_a_jour" => "Date de dernière modification", "Last-updated date";
    FieldEcosysteme "field_ecosysteme" => "Écosystème", "Ecosystem";
    FieldSource "field_source" => "Source", "Source";
    FieldRev "field_rev" => "Révision", "Revision";
    FieldCouvre "field_couvre" => "Couvre", "Covers";
    FieldDepuis "field_depuis" => "Depuis", "Since";
    FieldJusquAu "field_jusqu_au" => "Jusqu’au", "Until";
    FieldNote "field_note" => "Note", "Note";
    FieldContexteType "field_contexte_type" => "Contexte", "Context";
    FieldContexteDescription "field_contexte_description" => "Description du contexte", "Context description";
    FieldComplementaireDe "field_complementaire_de" => "Complémentaire de", "Complementary to";
    FieldActeurs "field_acteurs" => "Acteurs", "Actors";
    LangueFr "langue_fr" => "Français", "French";
    LangueEn "langue_en" => "Anglais", "English";
    Yes "yes" => "Oui", "Yes";
    No "no" => "Non", "No";
    SeeAlso "see_also" => "Voir aussi", "See also";
    Count "count" => "Nombre", "Count";
}

/// A sentence `codesocial build` prints (in the tool's language, like every message).
#[derive(Debug, Clone, PartialEq)]
pub enum BuildMsg<'a> {
    /// The site was written.
    Written { pages: usize, out: &'a str },
    /// Check found errors: nothing was written.
    Refused { errors: usize },
    /// The git history could not be read: the site is built without it.
    NoHistory { problem: &'a str },
}

impl BuildMsg<'_> {
    pub fn text_in(&self, l: Lang) -> String {
        match self {
            BuildMsg::Written { pages, out } => pick(
                l,
                format!(
                    "✓ site écrit dans `{out}` ({})",
                    count(Fr, *pages, "page", "pages")
                ),
                format!(
                    "✓ site written to `{out}` ({})",
                    count(En, *pages, "page", "pages")
                ),
            ),
            BuildMsg::NoHistory { problem } => pick(
                l,
                format!("attention : historique git illisible, le site est construit sans lui ({problem})"),
                format!("warning: the git history cannot be read, the site is built without it ({problem})"),
            ),
            BuildMsg::Refused { errors } => pick(
                l,
                format!(
                    "✗ {} : le site n’a pas été construit, la sortie précédente est intacte",
                    count(Fr, *errors, "erreur", "erreurs")
                ),
                format!(
                    "✗ {}: the site was not built; any previous output is untouched",
                    count(En, *errors, "error", "errors")
                ),
            ),
        }
    }
}

/// Every site word in `lang`, keyed for templates.
pub fn words(lang: Lang) -> serde_json::Map<String, serde_json::Value> {
    Word::all()
        .map(|w| (w.key().to_string(), w.text(lang).into()))
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    /// What is wrong with the spacing before `: ; ? !` in a text of the tool in `lang`: French
    /// wants a no-break space (U+00A0 before `:`, U+202F or U+00A0 before the others), English
    /// none at all. A sign after a digit, a letter or another sign (`10:30`, `?!`) is not
    /// punctuation that takes a space. `None` when the text is right.
    fn punctuation_fault(lang: Lang, text: &str) -> Option<String> {
        let chars: Vec<char> = text.chars().collect();
        for (i, c) in chars.iter().enumerate() {
            if !matches!(c, ':' | ';' | '?' | '!') {
                continue;
            }
            let before = i.checked_sub(1).map(|j| chars[j]);
            let fault = match (lang, before) {
                (Lang::En, Some(b)) if b.is_whitespace() => "a space before",
                (Lang::Fr, Some(' ' | '\t' | '\n')) => "a breakable space before",
                (Lang::Fr, Some('\u{a0}' | '\u{202f}')) => continue,
                (Lang::Fr, Some(b)) if b.is_alphabetic() || matches!(b, ')' | '»' | '”') => {
                    "no no-break space before"
                }
                _ => continue,
            };
            let at: String = chars[i.saturating_sub(30)..(i + 10).min(chars.len())]
                .iter()
                .collect();
            return Some(format!("{fault} `{c}`: {at:?}"));
        }
        None
    }

    #[test]
    fn every_word_is_punctuated_as_its_language_asks() {
        let faults: Vec<String> = Word::all()
            .flat_map(|w| [Lang::Fr, Lang::En].map(|l| (w, l)))
            .filter_map(|(w, l)| {
                punctuation_fault(l, w.text(l)).map(|f| format!("{} ({l:?}): {f}", w.key()))
            })
            .collect();
        assert!(faults.is_empty(), "{}", faults.join("\n"));
        for (lang, bad) in [
            (Lang::Fr, "Membre ? Oui"),
            (Lang::Fr, "Décision: AG"),
            (Lang::En, "Decision : AG"),
            (Lang::En, "Member\u{a0}?"),
        ] {
            assert!(punctuation_fault(lang, bad).is_some(), "{bad}");
        }
        assert_eq!(
            punctuation_fault(Lang::Fr, "Membre\u{202f}? 10:30, quoi\u{202f}?!"),
            None
        );
        assert_eq!(punctuation_fault(Lang::En, "Member? 10:30"), None);
    }

    #[test]
    fn keys_are_unique_and_translated() {
        let mut keys: Vec<&str> = Word::all().map(|w| w.key()).collect();
        keys.sort_unstable();
        let n = keys.len();
        keys.dedup();
        assert_eq!(keys.len(), n);
        for w in Word::all() {
            assert!(!w.text(Lang::Fr).is_empty() && !w.text(Lang::En).is_empty());
            assert_eq!(Word::from_key(w.key()), Some(w));
        }
        assert_eq!(Word::from_key("no_history"), Some(Word::NoHistory));
        assert_eq!(Word::from_key("NoHistory"), None);
    }
}
