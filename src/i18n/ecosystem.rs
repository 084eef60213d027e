//! Sentences of the ecosystem: diagnostics about `ecosysteme` sources, notices about cached
//! copies, the words of `codesocial catalogue` and `codesocial fetch`, and the few names the
//! linked-data export gives to what it creates (in the #CodeSocial's own language).

use super::grammar::de;
use super::record::Record;
use super::Lang::{self, En, Fr};
use super::{count, pick};

/// A problem with one `ecosysteme` entry of `codesocial.yaml`.
#[derive(Debug, Clone, PartialEq, strum::EnumDiscriminants)]
#[strum_discriminants(name(EcoProblemKind), derive(strum::EnumIter))]
pub enum EcoProblem<'a> {
    /// The source could not be read or fetched, and no cached copy exists.
    Unreachable {
        id: &'a str,
        source: &'a str,
        reason: &'a str,
    },
    /// A git source with no cached copy yet, and fetching was not asked for.
    NotFetched { id: &'a str, source: &'a str },
    /// The source was read but holds no `codesocial.yaml`.
    NotACodeSocial { id: &'a str, source: &'a str },
    /// `rev` names nothing in the source's repository.
    RevNotFound {
        id: &'a str,
        rev: &'a str,
        source: &'a str,
    },
    /// Two entries share an id.
    Duplicate { id: &'a str },
    /// An entry reuses this organisation's own id: `id:offre` would be ambiguous.
    OwnId { id: &'a str },
    /// A source that is neither a folder path nor a supported git URL.
    InvalidSource { id: &'a str, source: &'a str },
    /// An entry names the same source as the earlier entry `first` (however spelled).
    SameSource { id: &'a str, first: &'a str },
    /// A folder source that is this #CodeSocial's own folder (`source: .`).
    OwnSource { id: &'a str, source: &'a str },
    /// The members read before this one leave it too little of what all the members
    /// together may read: `documents` or `bytes` is the limit passed.
    TooLarge {
        id: &'a str,
        documents: Option<usize>,
        bytes: Option<u64>,
    },
}

impl From<EcoProblem<'_>> for Record {
    fn from(problem: EcoProblem<'_>) -> Record {
        problem.record()
    }
}

impl EcoProblem<'_> {
    /// One problem of each kind, its values left empty (for [`super::record::catalogue`]).
    pub fn examples() -> impl Iterator<Item = EcoProblem<'static>> {
        use strum::IntoEnumIterator;
        EcoProblemKind::iter().map(|kind| match kind {
            EcoProblemKind::Unreachable => EcoProblem::Unreachable {
                id: "",
                source: "",
                reason: "",
            },
            EcoProblemKind::NotFetched => EcoProblem::NotFetched { id: "", source: "" },
            EcoProblemKind::NotACodeSocial => EcoProblem::NotACodeSocial { id: "", source: "" },
            EcoProblemKind::RevNotFound => EcoProblem::RevNotFound {
                id: "",
                rev: "",
                source: "",
            },
            EcoProblemKind::Duplicate => EcoProblem::Duplicate { id: "" },
            EcoProblemKind::OwnId => EcoProblem::OwnId { id: "" },
            EcoProblemKind::InvalidSource => EcoProblem::InvalidSource { id: "", source: "" },
            EcoProblemKind::SameSource => EcoProblem::SameSource { id: "", first: "" },
            EcoProblemKind::OwnSource => EcoProblem::OwnSource { id: "", source: "" },
            EcoProblemKind::TooLarge => EcoProblem::TooLarge {
                id: "",
                documents: Some(0),
                bytes: None,
            },
        })
    }

    /// The message in `l`.
    pub fn text_in(&self, l: Lang) -> String {
        self.record().message.into_lang(l)
    }

    /// Everything this problem says. What is out of the writer's hands is a warning; what
    /// they wrote wrong is an error. Codes are documented in `docs/diagnostics.md`.
    pub fn record(&self) -> Record {
        match self {
            EcoProblem::Unreachable { id, source, reason } => Record::warning(
                "codesocial::ecosysteme::unreachable",
                format!("écosystème : `{id}` est injoignable (`{source}`) : {reason}"),
                format!("ecosystem: `{id}` cannot be reached (`{source}`): {reason}"),
            )
            .label("ici", "here")
            .help(
                "vérifiez le chemin ou l’adresse ; les références `id:offre` vers ce membre ne sont pas vérifiées",
                "check the path or URL; `id:offer` references to this member are not checked",
            ),
            EcoProblem::NotFetched { id, source } => Record::warning(
                "codesocial::ecosysteme::not-fetched",
                format!("écosystème : `{id}` (`{source}`) n’a pas encore été récupéré : ses offres ne sont pas lues"),
                format!("ecosystem: `{id}` (`{source}`) has not been fetched yet: its offers are not read"),
            )
            .label("ici", "here")
            .help(
                "lancez `codesocial fetch` (ou ajoutez `--fetch`) : sans cela, aucune commande n’accède au réseau",
                "run `codesocial fetch` (or add `--fetch`): no other command touches the network",
            ),
            EcoProblem::NotACodeSocial { id, source } => Record::warning(
                "codesocial::ecosysteme::not-a-codesocial",
                format!("écosystème : `{source}` (`{id}`) n’est pas un #CodeSocial : pas de `codesocial.yaml`"),
                format!("ecosystem: `{source}` (`{id}`) is not a #CodeSocial: no `codesocial.yaml`"),
            )
            .label("ici", "here")
            .help(
                "la source doit être le dossier (ou le dépôt) d’un #CodeSocial",
                "the source must be the folder (or repository) of a #CodeSocial",
            ),
            EcoProblem::RevNotFound { id, rev, source } => Record::warning(
                "codesocial::ecosysteme::rev",
                format!("écosystème : version `{rev}` introuvable dans `{source}` (`{id}`)"),
                format!("ecosystem: revision `{rev}` not found in `{source}` (`{id}`)"),
            )
            .label("ici", "here")
            .help(
                "indiquez une branche, une étiquette ou un commit de ce dépôt, ou lancez `codesocial fetch`",
                "name a branch, tag or commit of that repository, or run `codesocial fetch`",
            ),
            EcoProblem::Duplicate { id } => Record::error(
                "codesocial::ecosysteme::duplicate",
                format!("écosystème : `{id}` est déclaré deux fois"),
                format!("ecosystem: `{id}` is declared twice"),
            )
            .label("en double", "duplicate")
            .help(DISTINCT_FR, DISTINCT_EN),
            EcoProblem::OwnId { id } => Record::error(
                "codesocial::ecosysteme::own-id",
                format!("écosystème : `{id}` est l’identifiant de cette organisation"),
                format!("ecosystem: `{id}` is this organisation's own id"),
            )
            .label("en double", "duplicate")
            .help(DISTINCT_FR, DISTINCT_EN),
            EcoProblem::SameSource { id, first } => Record::error(
                "codesocial::ecosysteme::same-source",
                format!("écosystème : `{id}` nomme la même source que `{first}`"),
                format!("ecosystem: `{id}` names the same source as `{first}`"),
            )
            .label("même source", "same source")
            .help(
                "supprimez cette entrée : chaque source est lue une fois, et ses offres se citent avec l’identifiant de la première",
                "remove this entry: each source is read once, and its offers are cited with the first entry's id",
            ),
            EcoProblem::OwnSource { id, source } => Record::error(
                "codesocial::ecosysteme::own-source",
                format!("écosystème : la source `{source}` de `{id}` est ce #CodeSocial lui-même"),
                format!("ecosystem: the source `{source}` of `{id}` is this #CodeSocial itself"),
            )
            .label("ce dossier", "this folder")
            .help(
                "donnez le dossier ou l’adresse git du #CodeSocial d’un partenaire ; les offres de cette organisation sont dans `catalogue/`",
                "give the folder or git URL of a partner's #CodeSocial; this organisation's own offers are in `catalogue/`",
            ),
            EcoProblem::TooLarge { id, documents, bytes } => {
                let (fr, en) = match (documents, bytes) {
                    (Some(limit), _) => (
                        format!("{limit} documents"),
                        format!("{limit} documents"),
                    ),
                    (None, Some(limit)) => (format!("{limit} octets"), format!("{limit} bytes")),
                    (None, None) => (String::new(), String::new()),
                };
                Record::error(
                    "codesocial::ecosysteme::too-large",
                    format!("écosystème : `{id}` n’est pas lu : avec les membres lus avant lui, l’écosystème dépasserait {fr} au total"),
                    format!("ecosystem: `{id}` is not read: with the members read before it, the ecosystem would exceed {en} in all"),
                )
                .label("trop", "too much")
                .help(
                    "retirez des membres de `ecosysteme`, ou, pour les octets, relevez la limite avec CODESOCIAL_MAX_TOTAL_SIZE",
                    "remove members from `ecosysteme`, or, for bytes, raise the limit with CODESOCIAL_MAX_TOTAL_SIZE",
                )
            }
            EcoProblem::InvalidSource { id, source } => Record::error(
                "codesocial::ecosysteme::invalid-source",
                format!("écosystème : source `{source}` de `{id}` non reconnue"),
                format!("ecosystem: unsupported source `{source}` for `{id}`"),
            )
            .label("ici", "here")
            .help(
                "un chemin de dossier relatif à ce #CodeSocial (`../partenaire`) ou une adresse git (`https://…`, `ssh://…`, `git@hôte:chemin`, `file:///…`)",
                "a folder path relative to this #CodeSocial (`../partner`) or a git URL (`https://…`, `ssh://…`, `git@host:path`, `file:///…`)",
            ),
        }
    }
}

const DISTINCT_FR: &str = "donnez à chaque membre de l’écosystème un identifiant distinct";
const DISTINCT_EN: &str = "give each ecosystem member an id of its own";

/// A line `check`, `build`, `catalogue`, `export` and `fetch` print on standard error.
#[derive(Debug, Clone, PartialEq)]
pub enum EcoNotice<'a> {
    /// A cached copy is used as it is.
    CachedCopy {
        id: &'a str,
        date: &'a str,
        days: i64,
    },
    /// Refreshing failed; the cached copy is used.
    RefreshFailed {
        id: &'a str,
        reason: &'a str,
        date: &'a str,
        days: i64,
    },
    /// `fetch` brought a git source up to date.
    Fetched {
        id: &'a str,
        source: &'a str,
        commit: &'a str,
    },
    /// `fetch` on a folder: nothing to do.
    LocalFolder { id: &'a str, path: &'a str },
    /// `fetch` could not refresh a source.
    FetchFailed { id: &'a str, reason: &'a str },
    /// `fetch` with no `ecosysteme` in the manifest.
    NoEcosystem,
    /// `fetch` refused: `codesocial.yaml` has errors (printed before).
    FetchRefused { errors: usize },
    /// The end of `fetch`.
    FetchSummary { done: usize, failed: usize },
    /// A `.codesocial/cache` left by an older version, inside the #CodeSocial.
    OldCache { path: &'a str, cache: &'a str },
}

impl EcoNotice<'_> {
    pub fn text_in(&self, l: Lang) -> String {
        match self {
            EcoNotice::CachedCopy { id, date, days } => pick(
                l,
                format!("écosystème : `{id}` lu dans la copie locale du {date} ({}) ; `codesocial fetch` la met à jour", age(Fr, *days)),
                format!("ecosystem: `{id}` read from the cached copy of {date} ({}); `codesocial fetch` refreshes it", age(En, *days)),
            ),
            EcoNotice::RefreshFailed { id, reason, date, days } => pick(
                l,
                format!("écosystème : mise à jour de `{id}` impossible ({reason}) ; copie locale du {date} utilisée ({})", age(Fr, *days)),
                format!("ecosystem: could not refresh `{id}` ({reason}); using the cached copy of {date} ({})", age(En, *days)),
            ),
            EcoNotice::Fetched { id, source, commit } => pick(
                l,
                format!("✓ `{id}` : {source} ({commit})"),
                format!("✓ `{id}`: {source} ({commit})"),
            ),
            EcoNotice::LocalFolder { id, path } => pick(
                l,
                format!("· `{id}` : dossier local {path}, rien à récupérer"),
                format!("· `{id}`: local folder {path}, nothing to fetch"),
            ),
            EcoNotice::FetchFailed { id, reason } => pick(
                l,
                format!("✗ `{id}` : {reason}"),
                format!("✗ `{id}`: {reason}"),
            ),
            EcoNotice::NoEcosystem => pick(
                l,
                "aucun `ecosysteme` dans `codesocial.yaml` : rien à récupérer",
                "no `ecosysteme` in `codesocial.yaml`: nothing to fetch",
            ),
            EcoNotice::FetchRefused { errors } => pick(
                l,
                format!(
                    "✗ {} dans `codesocial.yaml` : rien n’a été récupéré ; corrigez le fichier (`codesocial check` le vérifie) puis relancez `codesocial fetch`",
                    count(Fr, *errors, "erreur", "erreurs")
                ),
                format!(
                    "✗ {} in `codesocial.yaml`: nothing was fetched; fix the file (`codesocial check` checks it), then run `codesocial fetch` again",
                    count(En, *errors, "error", "errors")
                ),
            ),
            EcoNotice::FetchSummary { done, failed } => pick(
                l,
                format!(
                    "{} à jour, {failed} en échec",
                    count(Fr, *done, "source", "sources")
                ),
                format!(
                    "{} up to date, {failed} failed",
                    count(En, *done, "source", "sources")
                ),
            ),
            EcoNotice::OldCache { path, cache } => pick(
                l,
                format!("écosystème : `{path}` n’est plus utilisé (les copies sont désormais dans {cache}) ; vous pouvez le supprimer"),
                format!("ecosystem: `{path}` is no longer used (copies now live in {cache}); you may delete it"),
            ),
        }
    }
}

/// How old a cached copy is: "aujourd’hui", "il y a 3 jours"; "today", "3 days old".
fn age(l: Lang, days: i64) -> String {
    match usize::try_from(days) {
        Ok(0) | Err(_) => pick(l, "aujourd’hui", "today"),
        Ok(n) => pick(
            l,
            format!("il y a {}", count(Fr, n, "jour", "jours")),
            format!("{} old", count(En, n, "day", "days")),
        ),
    }
}

/// Why a git command failed, for [`EcoProblem::Unreachable`] and notices.
#[derive(Debug, Clone, PartialEq)]
pub enum GitFailure<'a> {
    /// `git` is not installed.
    NoGit,
    TimedOut {
        seconds: u64,
    },
    /// git's own last line of error output.
    Said {
        detail: &'a str,
    },
    /// The cache could not be read or written at `path`.
    Cache {
        path: &'a std::path::Path,
        detail: &'a str,
    },
    /// A cache path refused for safety.
    CacheRefused {
        path: &'a std::path::Path,
        why: CacheRefusal,
    },
    /// No cache folder can be found.
    NoCacheDir,
    /// No cached copy yet, and fetching was not asked for.
    NotFetched,
    /// A folder (or one inside it) that cannot be listed, as the user wrote it.
    FolderUnreadable {
        path: &'a str,
    },
    /// A folder source through a symbolic link, up to the link as the user wrote it.
    FolderSymlink {
        path: &'a str,
    },
    /// `rev` names nothing.
    RevNotFound,
    /// A cached copy libgit2 cannot open (`detail`, its words): damaged.
    DamagedCopy {
        path: &'a str,
        detail: &'a str,
    },
    /// The history could not be read: the crate's error message for it, in both languages.
    History {
        message: super::record::Both,
    },
    /// A folder source's folder, absent from the commit its `rev` names.
    FolderNotInCommit {
        path: &'a str,
    },
    /// The source folder does not exist.
    NoFolder,
    /// The repository has no commit to read.
    NoCommit,
    /// The partner's folder names more documents than any #CodeSocial holds.
    TooManyDocuments {
        limit: usize,
    },
    /// The partner's tree names more entries than the limit allows reading.
    TooManyEntries {
        limit: usize,
    },
    /// git failed without saying why.
    Unknown,
}

impl GitFailure<'_> {
    pub fn text_in(&self, l: Lang) -> String {
        match self {
            GitFailure::NoGit => pick(
                l,
                "la commande `git` est introuvable",
                "the `git` command was not found",
            ),
            GitFailure::TimedOut { seconds } => pick(
                l,
                format!("pas de réponse après {seconds} s (CODESOCIAL_GIT_TIMEOUT)"),
                format!("no answer after {seconds} s (CODESOCIAL_GIT_TIMEOUT)"),
            ),
            GitFailure::Said { detail } => detail.to_string(),
            GitFailure::Cache { path, detail } => pick(
                l,
                format!(
                    "cache `{}` illisible ou impossible à écrire : {detail}",
                    path.display()
                ),
                format!("cannot use the cache `{}`: {detail}", path.display()),
            ),
            GitFailure::CacheRefused { path, why } => {
                let path = path.display();
                match why {
                    CacheRefusal::Symlink => pick(
                l,
                        format!("cache refusé : `{path}` est un lien symbolique"),
                        format!("cache refused: `{path}` is a symbolic link"),
                    ),
                    CacheRefusal::NotAFolder => pick(
                l,
                        format!("cache refusé : `{path}` n’est pas un dossier"),
                        format!("cache refused: `{path}` is not a folder"),
                    ),
                    CacheRefusal::InsideRepository => pick(
                l,
                        format!("cache refusé : `{path}` est dans le dépôt, qu’une demande de fusion peut écrire ; choisissez un dossier hors du dépôt (CODESOCIAL_CACHE_DIR)"),
                        format!("cache refused: `{path}` is inside the repository, which a pull request can write; choose a folder outside it (CODESOCIAL_CACHE_DIR)"),
                    ),
                }
            }
            GitFailure::NoCacheDir => pick(
                l,
                "aucun dossier de cache : définissez CODESOCIAL_CACHE_DIR",
                "no cache folder: set CODESOCIAL_CACHE_DIR",
            ),
            GitFailure::NotFetched => pick(
                l,
                "pas encore récupéré : lancez `codesocial fetch`",
                "not fetched yet: run `codesocial fetch`",
            ),
            GitFailure::FolderUnreadable { path } => pick(
                l,
                format!("dossier `{path}` illisible"),
                format!("cannot read the folder `{path}`"),
            ),
            GitFailure::FolderSymlink { path } => pick(
                l,
                format!("dossier refusé : `{path}` est un lien symbolique, qui pourrait mener n’importe où ; nommez le dossier lui-même"),
                format!("folder refused: `{path}` is a symbolic link, which could lead anywhere; name the folder itself"),
            ),
            GitFailure::RevNotFound => pick(l, "version introuvable", "revision not found"),
            GitFailure::DamagedCopy { path, detail } => pick(
                l,
                format!("la copie en cache `{path}` ne peut être ouverte ({detail}) : supprimez ce dossier, puis lancez `codesocial fetch`"),
                format!("the cached copy `{path}` cannot be opened ({detail}): delete that folder, then run `codesocial fetch`"),
            ),
            GitFailure::History { message } => message.get(l).to_string(),
            GitFailure::FolderNotInCommit { path } => pick(
                l,
                format!("le dossier `{path}` n’existe pas dans ce commit"),
                format!("the folder `{path}` does not exist in that commit"),
            ),
            GitFailure::NoFolder => pick(l, "dossier introuvable", "no such folder"),
            GitFailure::NoCommit => pick(
                l,
                "le dépôt n’a aucun commit",
                "the repository has no commit",
            ),
            GitFailure::TooManyDocuments { limit } => match l {
                Lang::Fr => {
                    format!("son dossier contient plus de {limit} documents : il n’est pas lu")
                }
                Lang::En => format!("its folder holds more than {limit} documents: it is not read"),
            },
            GitFailure::TooManyEntries { limit } => pick(
                l,
                format!("son arbre compte plus de {limit} entrées (fichiers et dossiers) : la lecture s’est arrêtée là, rien n’est lu ; retirez du dépôt partenaire ce qui n’est pas le #CodeSocial (ou nommez son dossier dans `source`), ou relevez la limite avec CODESOCIAL_MAX_PARTNER_ENTRIES"),
                format!("its tree holds more than {limit} entries (files and folders): reading stopped there and nothing is read; keep in the partner's repository only its #CodeSocial (or name its folder in `source`), or raise the limit with CODESOCIAL_MAX_PARTNER_ENTRIES"),
            ),
            GitFailure::Unknown => pick(
                l,
                "git a échoué sans dire pourquoi",
                "git failed without saying why",
            ),
        }
    }
}

/// Why a cache path is refused, for [`GitFailure::CacheRefused`].
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum CacheRefusal {
    Symlink,
    NotAFolder,
    InsideRepository,
}

/// Words of `codesocial catalogue` (text and CSV).
#[derive(Debug, Clone, PartialEq)]
pub enum CatalogueText<'a> {
    /// The heading of one organisation's offers.
    Organisation {
        nom: &'a str,
        id: &'a str,
        offers: usize,
    },
    Archived,
    OfferedBy {
        names: &'a str,
    },
    ComplementOf {
        refs: &'a str,
    },
    Empty,
    Unavailable {
        id: &'a str,
    },
}

impl CatalogueText<'_> {
    pub fn text_in(&self, l: Lang) -> String {
        match self {
            CatalogueText::Organisation { nom, id, offers } => pick(
                l,
                format!("{nom} ({id}) — {}", count(Fr, *offers, "offre", "offres")),
                format!("{nom} ({id}) — {}", count(En, *offers, "offer", "offers")),
            ),
            CatalogueText::Archived => pick(l, "archivée", "archived"),
            CatalogueText::OfferedBy { names } => {
                pick(l, format!("par {names}"), format!("by {names}"))
            }
            CatalogueText::ComplementOf { refs } => pick(
                l,
                format!("complémentaire de {refs}"),
                format!("complements {refs}"),
            ),
            CatalogueText::Empty => pick(
                l,
                "Aucune offre dans l’écosystème.",
                "No offers in the ecosystem.",
            ),
            CatalogueText::Unavailable { id } => pick(
                l,
                format!("(`{id}` indisponible : ses offres manquent)"),
                format!("(`{id}` unavailable: its offers are missing)"),
            ),
        }
    }
}

/// Names the linked-data export gives to the nodes it creates, in the site's language.
#[derive(Debug, Clone, PartialEq)]
pub enum LinkedName<'a> {
    Catalogue { nom: &'a str },
    PooledCatalogue { nom: &'a str },
    Role { role: crate::format::Role },
}

impl LinkedName<'_> {
    pub fn text_in(&self, l: Lang) -> String {
        match self {
            LinkedName::Catalogue { nom } => pick(
                l,
                format!("Catalogue contributif {}", de(Fr, nom)),
                format!("Contributive catalogue {}", de(En, nom)),
            ),
            LinkedName::PooledCatalogue { nom } => pick(
                l,
                format!("Catalogue de l’écosystème {}", de(Fr, nom)),
                format!("Ecosystem catalogue {}", de(En, nom)),
            ),
            LinkedName::Role { role } => {
                use crate::format::Role;
                let (fr, en) = match role {
                    Role::Auteurs => ("auteur", "author"),
                    Role::CoAuteurs => ("co-auteur", "co-author"),
                    Role::Editeurs => ("éditeur", "publisher"),
                    Role::Producteurs => ("producteur", "producer"),
                    Role::Contributeurs => ("contributeur", "contributor"),
                };
                pick(l, fr, en)
            }
        }
    }
}
