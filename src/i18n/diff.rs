//! Sentences of `diff` and `log`: change summaries, enforcement verdicts, git errors.

use super::Lang::{self, En, Fr};
use super::{count, lang, pick, plural};
use crate::format::Kind;

/// A sentence of `diff` or `log`.
#[derive(Debug, Clone, PartialEq)]
pub enum DiffText<'a> {
    WorkingTree,
    NoChanges,
    Added,
    Removed,
    Modified,
    MovedFrom {
        old_path: &'a str,
    },
    /// A document whose file was renamed, its id with it (git's rename detection).
    RenamedFrom {
        old_path: &'a str,
        old_id: &'a str,
        id: &'a str,
    },
    ParagraphsAdded {
        n: usize,
    },
    ParagraphsRemoved {
        n: usize,
    },
    ParagraphsChanged {
        n: usize,
    },
    Absent,
    /// A matrix's flow that changed place: `flow` is its wealth and members.
    FlowMoved {
        flow: &'a str,
        from: u64,
        to: u64,
    },
    Summary {
        changes: usize,
    },
    /// Markdown table headers.
    TableDocument,
    TableChange,
    TableDetails,
    Heading {
        from: &'a str,
        to: &'a str,
    },
    ViolationsHeading,
    /// The heading of the changed files of `static/` and `templates/`.
    SiteFilesHeading,
    WarningsHeading,
    IntangibleChanged {
        title: &'a str,
    },
    DecisionMissing {
        title: &'a str,
        classe: &'a str,
    },
    VersionNotBumped {
        title: &'a str,
    },
    EnforceClean {
        commits: usize,
    },
    /// A protected document that differs between base and tip, changed by no judged commit.
    Unaccounted {
        title: &'a str,
        classe: &'a str,
    },
    /// `log`: a name that is not UTF-8 where the document could be, in a commit.
    LogNameNotUtf8 {
        short: &'a str,
        path: &'a str,
    },
    /// A name that is not UTF-8 in a judged change: it cannot be judged.
    NameNotUtf8 {
        path: &'a str,
    },
    /// A file of `static/` or `templates/` changed without a decision.
    SiteFileUndecided {
        path: &'a str,
        classe: &'a str,
    },
    /// What `--enforce` judged: the steps of the chain, its root commits, the net change.
    EnforceScope {
        commits: usize,
        roots: usize,
        from: &'a str,
        to: &'a str,
    },
    EnforceFailed {
        violations: usize,
    },
    DiagnosticsIn {
        revision: &'a str,
    },
    LogCommit {
        short: &'a str,
        date: &'a str,
        author: &'a str,
    },
    Decision {
        text: &'a str,
    },
    /// Where a shallow clone's history stops.
    Truncated {
        short: &'a str,
        date: &'a str,
    },
    /// A merge, before the commits it brought in.
    MergeBrings,
    /// A merge's own change of a document, beyond what it brought in; `decided` when the
    /// merge carries a `Decision:` of its own.
    MergeOwnChange {
        decided: bool,
    },
    /// The hint under [`DiffText::Truncated`].
    FetchWholeHistory,
}

impl DiffText<'_> {
    pub fn text_in(&self, l: Lang) -> String {
        match self {
            DiffText::WorkingTree => pick(l, "arbre de travail", "working tree"),
            DiffText::NoChanges => pick(l, "Aucun changement.", "No changes."),
            DiffText::Added => pick(l, "ajouté", "added"),
            DiffText::Removed => pick(l, "supprimé", "removed"),
            DiffText::Modified => pick(l, "modifié", "modified"),
            DiffText::MovedFrom { old_path } => pick(l, format!("déplacé depuis {old_path}"), format!("moved from {old_path}")),
            DiffText::RenamedFrom { old_path, old_id, id } => pick(l, format!("renommé depuis {old_path} (id {old_id} → {id})"), format!("renamed from {old_path} (id {old_id} → {id})")),
            DiffText::ParagraphsAdded { n } => pick(l, count(Fr, *n, "paragraphe ajouté", "paragraphes ajoutés"), count(En, *n, "paragraph added", "paragraphs added")),
            DiffText::ParagraphsRemoved { n } => pick(l, count(Fr, *n, "paragraphe supprimé", "paragraphes supprimés"), count(En, *n, "paragraph removed", "paragraphs removed")),
            DiffText::ParagraphsChanged { n } => pick(l, count(Fr, *n, "paragraphe modifié", "paragraphes modifiés"), count(En, *n, "paragraph changed", "paragraphs changed")),
            DiffText::Absent => pick(l, "(absent)", "(none)"),
            DiffText::FlowMoved { flow, from, to } => pick(l, format!("{flow} passe de la place {from} à la place {to}"), format!("{flow} moves from place {from} to {to}")),
            DiffText::Summary { changes } => pick(l, count(Fr, *changes, "document changé", "documents changés"), count(En, *changes, "document changed", "documents changed")),
            DiffText::TableDocument => pick(l, "Document", "Document"),
            DiffText::TableChange => pick(l, "Changement", "Change"),
            DiffText::TableDetails => pick(l, "Détails", "Details"),
            DiffText::Heading { from, to } => pick(l, format!("Changements du #CodeSocial ({from} → {to})"), format!("#CodeSocial changes ({from} → {to})")),
            DiffText::ViolationsHeading => pick(l, "Règles de modification enfreintes", "Amendment rules broken"),
            DiffText::WarningsHeading => pick(l, "Avertissements", "Warnings"),
            DiffText::SiteFilesHeading => pick(
                l,
                "Fichiers du site modifiés (`static/`, `templates/`) : ils changent le site publié",
                "Site files changed (`static/`, `templates/`): they change the published site",
            ),
            DiffText::IntangibleChanged { title } => pick(
                l,
                format!("le principe intangible « {title} » a été modifié : les règles de modification l’interdisent"),
                format!("the intangible principle \"{title}\" was changed: the amendment rules forbid it"),
            ),
            DiffText::DecisionMissing { title, classe } => pick(
                l,
                format!("« {title} » (classe {classe}) a changé sans trailer `Decision:` dans les commits qui le touchent"),
                format!("\"{title}\" (class {classe}) changed without a `Decision:` trailer in the commits that touch it"),
            ),
            DiffText::VersionNotBumped { title } => pick(
                l,
                format!("le texte du principe adopté « {title} » a changé sans nouvelle `version` ni nouvel `adopte_le`"),
                format!("the body of the adopted principle \"{title}\" changed without a new `version` or `adopte_le`"),
            ),
            DiffText::Unaccounted { title, classe } => pick(
                l,
                format!("« {title} » (classe {classe}) diffère entre la base et la pointe de l’intervalle, mais aucun commit jugé ne l’a changé (histoire sans lien, fusion qui écarte des changements, base qui n’est pas un ancêtre) : relisez ce changement, ou comparez depuis la base de fusion (`BASE...HEAD`)"),
                format!("\"{title}\" (class {classe}) differs between the range's base and tip, but no judged commit changed it (unrelated history, a merge that drops changes, a base that is no ancestor): review this change, or compare from the merge base (`BASE...HEAD`)"),
            ),
            DiffText::LogNameNotUtf8 { short, path } => pick(
                l,
                format!("commit {short} : « {path} » a un nom qui n’est pas en UTF-8 (chaque octet qui ne l’est pas est montré `\\xNN`) : il n’est pas lu, et cet historique peut manquer un changement là ; renommez-le avec un nom en UTF-8 (`git mv`)"),
                format!("commit {short}: \"{path}\" has a name that is not UTF-8 (each byte that is not is shown as `\\xNN`): it is not read, and this log may miss a change there; rename it with a UTF-8 name (`git mv`)"),
            ),
            DiffText::NameNotUtf8 { path } => pick(
                l,
                format!("« {path} » a un nom qui n’est pas en UTF-8 (chaque octet qui ne l’est pas est montré `\\xNN`) : il ne peut pas être lu, donc pas jugé ; renommez-le avec un nom en UTF-8 (`git mv`)"),
                format!("\"{path}\" has a name that is not UTF-8 (each byte that is not is shown as `\\xNN`): it cannot be read, so it cannot be judged; rename it with a UTF-8 name (`git mv`)"),
            ),
            DiffText::SiteFileUndecided { path, classe } => pick(
                l,
                format!("le fichier du site « {path} » a changé sans trailer `Decision:` : `static/` et `templates/` décident de ce que le site publie de chaque principe, et demandent la décision qu’exige la classe la plus stricte présente ({classe})"),
                format!("the site file \"{path}\" changed without a `Decision:` trailer: `static/` and `templates/` decide what the site publishes of every principle, so they need the decision the strictest class present ({classe}) asks for"),
            ),
            DiffText::EnforceScope { commits, roots, from, to } => {
                let fr_roots = if *roots == 0 { String::new() } else {
                    format!(", dont {} contre l’arbre vide", count(Fr, *roots, "commit racine", "commits racines"))
                };
                let en_roots = if *roots == 0 { String::new() } else {
                    format!(", {} against the empty tree", count(En, *roots, "root commit", "root commits"))
                };
                pick(
                    l,
                    format!("jugés : {} de {from}..{to} (tous ceux que git log liste, fusions comprises){fr_roots}, puis le changement net {from}..{to}", count(Fr, *commits, "commit", "commits")),
                    format!("judged: {} of {from}..{to} (all that git log lists, merges included){en_roots}, then the net change {from}..{to}", count(En, *commits, "commit", "commits")),
                )
            }
            DiffText::EnforceClean { commits } => pick(
                l,
                format!("✓ règles de modification respectées ({})", count(Fr, *commits, "commit", "commits")),
                format!("✓ amendment rules respected ({})", count(En, *commits, "commit", "commits")),
            ),
            DiffText::EnforceFailed { violations } => pick(
                l,
                format!("✗ {} aux règles de modification", count(Fr, *violations, "infraction", "infractions")),
                format!("✗ {}", count(En, *violations, "amendment-rule violation", "amendment-rule violations")),
            ),
            DiffText::DiagnosticsIn { revision } => pick(l, format!("problèmes dans {revision} :"), format!("problems in {revision}:")),
            DiffText::LogCommit { short, date, author } => format!("{short}  {date}  {author}"),
            DiffText::Decision { text } => pick(l, format!("Décision : {text}"), format!("Decision: {text}")),
            DiffText::Truncated { short, date } => pick(
                l,
                format!("l’historique s’arrête au commit {short} ({date}) : c’est un clone superficiel (shallow), ce qui a changé avant n’est pas connu"),
                format!("the history stops at commit {short} ({date}): this is a shallow clone, what changed before it is not known"),
            ),
            DiffText::MergeBrings => pick(l, "fusion, qui apporte :", "merge, bringing in:"),
            DiffText::MergeOwnChange { decided: true } => pick(
                l,
                "son propre changement, au-delà de ce qu’elle apporte (décidé par ses seules décisions, ci-dessus) :",
                "its own change, beyond what it brought in (decided by its own decisions only, above):",
            ),
            DiffText::MergeOwnChange { decided: false } => pick(
                l,
                "son propre changement, au-delà de ce qu’elle apporte (sans décision à elle : celles des commits qu’elle apporte ne le couvrent pas) :",
                "its own change, beyond what it brought in (no decision of its own: those of the commits it brought in do not cover it):",
            ),
            DiffText::FetchWholeHistory => pick(
                l,
                "récupérez tout l’historique : `git fetch --unshallow`, ou en CI `fetch-depth: 0` (actions/checkout) / `GIT_DEPTH: 0` (GitLab)",
                "fetch the whole history: `git fetch --unshallow`, or in CI `fetch-depth: 0` (actions/checkout) / `GIT_DEPTH: 0` (GitLab)",
            ),
        }
    }
}

/// The kind as a word for people: "principe" / "principle".
pub fn kind_word(kind: Kind) -> String {
    let l = lang();
    let (fr, en) = match kind {
        Kind::Manifeste => ("manifeste", "manifest"),
        Kind::RaisonDEtre => ("raison d’être", "purpose"),
        Kind::Histoire => ("histoire", "history"),
        Kind::Informations => ("informations", "information"),
        Kind::Plan => ("plan", "plan"),
        Kind::Principe => ("principe", "principle"),
        Kind::Membre => ("membre", "member"),
        Kind::Pyramide => ("pyramide", "pyramid"),
        Kind::Matrice => ("matrice", "matrix"),
        Kind::Offre => ("offre", "offer"),
        Kind::Modification => ("modalités de modification", "amendment rules"),
        Kind::Annexe => ("annexe", "appendix"),
    };
    pick(l, fr, en)
}

/// A quoted title: « Titre » in French, "Title" in English.
pub fn quoted(title: &str) -> String {
    let l = lang();
    pick(l, format!("« {title} »"), format!("\"{title}\""))
}

/// The separator between items of a summary line: " ; " or "; ".
pub fn separator() -> String {
    let l = lang();
    pick(l, " ; ", "; ")
}

/// The colon after a subject: " : " or ": ".
pub fn colon() -> String {
    let l = lang();
    pick(l, " : ", ": ")
}

/// What happened to the documents a counted commit changed.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Counted {
    Added,
    Modified,
    Removed,
}

/// A line for a commit too large to detail, one per action:
/// `+ 6 003 documents ajoutés (offre : 5 000, principe : 500, …)`.
pub fn counted_line(action: Counted, counts: &[(Kind, usize)]) -> String {
    let total: usize = counts.iter().map(|(_, n)| n).sum();
    let lang = super::lang();
    let n = |v: usize| super::bilan::number(lang, v as f64);
    let (sign, fr, en) = match action {
        Counted::Added => ("+", plural(Fr, total).pick("ajouté", "ajoutés"), "added"),
        Counted::Modified => (
            "~",
            plural(Fr, total).pick("modifié", "modifiés"),
            "modified",
        ),
        Counted::Removed => (
            "-",
            plural(Fr, total).pick("supprimé", "supprimés"),
            "removed",
        ),
    };
    let detail: Vec<String> = counts
        .iter()
        .map(|(kind, count)| format!("{}{}{}", kind_word(*kind), colon(), n(*count)))
        .collect();
    let head = pick(
        lang,
        format!(
            "{} {} {fr}",
            n(total),
            plural(Fr, total).pick("document", "documents")
        ),
        format!(
            "{} {} {en}",
            n(total),
            plural(En, total).pick("document", "documents")
        ),
    );
    format!("{sign} {head} ({})", detail.join(", "))
}
