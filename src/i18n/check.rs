//! The diagnostics `check` can report: stable code, severity, message, label and help, in
//! both languages. `docs/diagnostics.md` documents each code; keep them in step.

use super::{quoted_list, tr};
use crate::diag::Severity;

/// One problem `check` can find, with what it needs to be explained.
#[derive(Debug, Clone, PartialEq)]
pub enum Message {
    // Reading files.
    ReadFailed {
        reason: String,
    },
    TooLarge {
        size: u64,
        limit: u64,
    },
    /// The files read so far already reach the total budget.
    TotalTooLarge {
        limit: u64,
    },
    NotUtf8 {
        offset: usize,
    },
    Binary {
        offset: usize,
    },
    Symlink,
    CaseConflict {
        other: String,
    },
    // Front matter and YAML.
    EmptyFile,
    FrontMatterMissing,
    FrontMatterUnterminated,
    YamlSyntax {
        detail: String,
    },
    DuplicateKey {
        key: String,
        first_line: usize,
    },
    AliasLimit,
    TooDeep,
    NonScalarKey,
    MultipleDocuments,
    NotAMapping,
    // Layout.
    MissingFile {
        path: String,
    },
    InvalidFileId {
        stem: String,
        suggestion: String,
    },
    UndeclaredPlan {
        plan: String,
        known: Vec<String>,
        suggestion: Option<String>,
    },
    Misplaced {
        expected: String,
    },
    WrongExtension {
        expected: String,
    },
    ManifestVersion {
        found: String,
    },
    // Schema.
    Required {
        key: String,
    },
    UnknownKey {
        key: String,
        suggestion: Option<String>,
        allowed: Vec<String>,
    },
    WrongType {
        expected: String,
    },
    NotInEnum {
        value: String,
        options: Vec<String>,
        suggestion: Option<String>,
    },
    BadPattern {
        value: String,
        what: PatternKind,
    },
    OutOfRange {
        detail: String,
    },
    TooFewItems {
        min: u64,
    },
    SchemaOther {
        detail: String,
    },
    // Dates.
    InvalidDate {
        value: String,
    },
    DateOrder {
        first: String,
        second: String,
    },
    // References.
    UnknownMember {
        id: String,
        suggestion: Option<String>,
    },
    UnknownPrinciple {
        id: String,
        suggestion: Option<String>,
    },
    UnknownOffer {
        id: String,
        suggestion: Option<String>,
    },
    UnknownPlan {
        id: String,
        suggestion: Option<String>,
    },
    UnknownObjectif {
        id: String,
        suggestion: Option<String>,
    },
    UnknownDecider {
        id: String,
        suggestion: Option<String>,
    },
    UnknownEcosystem {
        prefix: String,
        suggestion: Option<String>,
    },
    UnknownEcoOffer {
        org: String,
        id: String,
        suggestion: Option<String>,
    },
    EcosystemUnavailable {
        org: String,
        id: String,
    },
    BrokenLink {
        target: String,
        suggestion: Option<String>,
    },
    BrokenAnchor {
        target: String,
        anchor: String,
        suggestion: Option<String>,
    },
    // Semantic rules.
    DuplicateId {
        id: String,
        other: String,
    },
    CapitalOver {
        total: String,
    },
    SelfFlow {
        member: String,
    },
    ClasseWithoutRule {
        classe: String,
    },
    DuplicateRule {
        classe: String,
    },
    ReplacesActive {
        id: String,
        statut: String,
    },
    SelfReference {
        id: String,
    },
    // Warnings.
    EmptyPlan {
        plan: String,
    },
    LicenceNotSpdx {
        licence: String,
        suggestion: Option<String>,
    },
    IsolatedPrinciple {
        id: String,
    },
    UnusedMember {
        id: String,
    },
    OfferWithoutRole {
        id: String,
        members: Vec<String>,
    },
    HashtagComment {
        kept: String,
        intended: String,
    },
    JalonsOrder,
}

/// What a pattern error was about, to give the right help.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum PatternKind {
    Id,
    Date,
    PartialDate,
    Url,
    Currency,
    OfferRef,
    Other,
}

fn did_you_mean(s: &Option<String>) -> Option<String> {
    s.as_ref().map(|s| {
        tr(
            format!("vouliez-vous dire `{s}` ?"),
            format!("did you mean `{s}`?"),
        )
    })
}

impl Message {
    /// The stable code, documented in `docs/diagnostics.md`.
    pub fn code(&self) -> &'static str {
        use Message::*;
        match self {
            ReadFailed { .. } => "codesocial::io::read",
            TooLarge { .. } | TotalTooLarge { .. } => "codesocial::io::too-large",
            NotUtf8 { .. } => "codesocial::encoding::utf8",
            Binary { .. } => "codesocial::encoding::binary",
            Symlink => "codesocial::layout::symlink",
            CaseConflict { .. } => "codesocial::layout::case-conflict",
            EmptyFile => "codesocial::front-matter::empty",
            FrontMatterMissing => "codesocial::front-matter::missing",
            FrontMatterUnterminated => "codesocial::front-matter::unterminated",
            YamlSyntax { .. } => "codesocial::yaml::syntax",
            DuplicateKey { .. } => "codesocial::yaml::duplicate-key",
            AliasLimit => "codesocial::yaml::alias-limit",
            TooDeep => "codesocial::yaml::too-deep",
            NonScalarKey => "codesocial::yaml::complex-key",
            MultipleDocuments => "codesocial::yaml::multiple-documents",
            NotAMapping => "codesocial::schema::type",
            MissingFile { .. } => "codesocial::layout::missing-file",
            InvalidFileId { .. } => "codesocial::layout::invalid-id",
            UndeclaredPlan { .. } => "codesocial::layout::undeclared-plan",
            Misplaced { .. } => "codesocial::layout::misplaced",
            WrongExtension { .. } => "codesocial::layout::extension",
            ManifestVersion { .. } => "codesocial::manifeste::version",
            Required { .. } => "codesocial::schema::required",
            UnknownKey { .. } => "codesocial::schema::unknown-key",
            WrongType { .. } => "codesocial::schema::type",
            NotInEnum { .. } => "codesocial::schema::enum",
            BadPattern { .. } => "codesocial::schema::format",
            OutOfRange { .. } => "codesocial::schema::range",
            TooFewItems { .. } => "codesocial::schema::min-items",
            SchemaOther { .. } => "codesocial::schema::invalid",
            InvalidDate { .. } => "codesocial::date::invalid",
            DateOrder { .. } => "codesocial::date::order",
            UnknownMember { .. } => "codesocial::reference::membre",
            UnknownPrinciple { .. } => "codesocial::reference::principe",
            UnknownOffer { .. } => "codesocial::reference::offre",
            UnknownPlan { .. } => "codesocial::reference::plan",
            UnknownObjectif { .. } => "codesocial::reference::objectif",
            UnknownDecider { .. } => "codesocial::reference::decide-par",
            UnknownEcosystem { .. } => "codesocial::reference::ecosysteme",
            UnknownEcoOffer { .. } => "codesocial::reference::offre-ecosysteme",
            EcosystemUnavailable { .. } => "codesocial::reference::ecosysteme-indisponible",
            BrokenLink { .. } => "codesocial::link::file",
            BrokenAnchor { .. } => "codesocial::link::anchor",
            DuplicateId { .. } => "codesocial::rule::unique-id",
            CapitalOver { .. } => "codesocial::rule::capital",
            SelfFlow { .. } => "codesocial::rule::self-flow",
            ClasseWithoutRule { .. } => "codesocial::rule::classe-without-rule",
            DuplicateRule { .. } => "codesocial::rule::duplicate-rule",
            ReplacesActive { .. } => "codesocial::rule::remplace",
            SelfReference { .. } => "codesocial::rule::self-reference",
            EmptyPlan { .. } => "codesocial::coverage::empty-plan",
            LicenceNotSpdx { .. } => "codesocial::licence::spdx",
            IsolatedPrinciple { .. } => "codesocial::coverage::isolated-principle",
            UnusedMember { .. } => "codesocial::coverage::unused-member",
            OfferWithoutRole { .. } => "codesocial::coverage::offer-without-role",
            HashtagComment { .. } => "codesocial::yaml::hashtag-comment",
            JalonsOrder => "codesocial::histoire::order",
        }
    }

    pub fn severity(&self) -> Severity {
        use Message::*;
        match self {
            EmptyPlan { .. }
            | LicenceNotSpdx { .. }
            | IsolatedPrinciple { .. }
            | UnusedMember { .. }
            | OfferWithoutRole { .. }
            | HashtagComment { .. }
            | JalonsOrder
            | Misplaced { .. }
            | WrongExtension { .. }
            | EcosystemUnavailable { .. } => Severity::Warning,
            _ => Severity::Error,
        }
    }

    /// The sentence that says what is wrong.
    pub fn text(&self) -> String {
        use Message::*;
        match self {
            ReadFailed { reason } => tr(
                format!("lecture impossible : {reason}"),
                format!("cannot read the file: {reason}"),
            ),
            TotalTooLarge { limit } => tr(
                format!("fichier non lu : les fichiers lus dépassent déjà {limit} octets au total"),
                format!("file not read: the files read already exceed {limit} bytes in all"),
            ),
            TooLarge { size, limit } => tr(
                format!("fichier trop gros ({size} octets, limite {limit})"),
                format!("file too large ({size} bytes, limit {limit})"),
            ),
            NotUtf8 { offset } => tr(
                format!("le fichier n'est pas en UTF-8 valide (octet {offset})"),
                format!("the file is not valid UTF-8 (byte {offset})"),
            ),
            Binary { offset } => tr(
                format!("fichier binaire : octet nul à la position {offset}"),
                format!("binary file: NUL byte at offset {offset}"),
            ),
            Symlink => tr("lien symbolique ignoré", "symbolic link not followed"),
            CaseConflict { other } => tr(
                format!("ce nom ne diffère de `{other}` que par la casse"),
                format!("this name differs from `{other}` only by case"),
            ),
            EmptyFile => tr("fichier vide", "empty file"),
            FrontMatterMissing => tr(
                "en-tête YAML manquant : le fichier doit commencer par une ligne `---`",
                "missing front matter: the file must start with a `---` line",
            ),
            FrontMatterUnterminated => tr(
                "en-tête YAML non fermé : aucune ligne `---` ne le termine",
                "unterminated front matter: no closing `---` line",
            ),
            YamlSyntax { detail } => tr(
                format!("YAML invalide : {detail}"),
                format!("invalid YAML: {detail}"),
            ),
            DuplicateKey { key, first_line } => tr(
                format!("clé `{key}` en double (déjà définie ligne {first_line})"),
                format!("duplicate key `{key}` (first defined on line {first_line})"),
            ),
            AliasLimit => tr(
                "trop d'expansions d'alias YAML (limite de sécurité)",
                "too many YAML alias expansions (safety limit)",
            ),
            TooDeep => tr("imbrication YAML trop profonde", "YAML nesting too deep"),
            NonScalarKey => tr(
                "une clé doit être un simple texte",
                "a key must be plain text",
            ),
            MultipleDocuments => tr(
                "un seul document YAML est attendu par fichier",
                "only one YAML document is expected per file",
            ),
            NotAMapping => tr(
                "le document doit être un ensemble de clés (`clé: valeur`)",
                "the document must be a mapping (`key: value`)",
            ),
            MissingFile { path } => tr(
                format!("fichier obligatoire absent : `{path}`"),
                format!("required file missing: `{path}`"),
            ),
            InvalidFileId { stem, .. } => tr(
                format!("`{stem}` n'est pas un identifiant valide"),
                format!("`{stem}` is not a valid identifier"),
            ),
            UndeclaredPlan { plan, .. } => tr(
                format!("le plan `{plan}` n'est pas déclaré dans `codesocial.yaml`"),
                format!("plan `{plan}` is not declared in `codesocial.yaml`"),
            ),
            Misplaced { .. } => tr(
                "ce fichier n'est à aucune place prévue par le format : il est ignoré",
                "this file is not where the format expects documents: it is ignored",
            ),
            WrongExtension { expected } => tr(
                format!("extension inattendue : ce fichier devrait s'appeler `{expected}`"),
                format!("unexpected extension: this file should be named `{expected}`"),
            ),
            ManifestVersion { found } => tr(
                format!("version du format non prise en charge : `{found}`"),
                format!("unsupported format version: `{found}`"),
            ),
            Required { key } => tr(
                format!("clé obligatoire `{key}` absente"),
                format!("missing required key `{key}`"),
            ),
            UnknownKey { key, .. } => tr(
                format!("clé inconnue `{key}`"),
                format!("unknown key `{key}`"),
            ),
            WrongType { expected } => tr(
                format!("type attendu : {expected}"),
                format!("expected {expected}"),
            ),
            NotInEnum { value, .. } => tr(
                format!("valeur non prévue : `{value}`"),
                format!("unexpected value `{value}`"),
            ),
            BadPattern { value, what } => match what {
                PatternKind::Id => tr(
                    format!("identifiant invalide : `{value}`"),
                    format!("invalid identifier `{value}`"),
                ),
                PatternKind::Date | PatternKind::PartialDate => tr(
                    format!("date invalide : `{value}`"),
                    format!("invalid date `{value}`"),
                ),
                PatternKind::Url => tr(
                    format!("adresse web invalide : `{value}`"),
                    format!("invalid URL `{value}`"),
                ),
                PatternKind::Currency => tr(
                    format!("devise invalide : `{value}`"),
                    format!("invalid currency `{value}`"),
                ),
                PatternKind::OfferRef => tr(
                    format!("référence d'offre invalide : `{value}`"),
                    format!("invalid offer reference `{value}`"),
                ),
                PatternKind::Other => tr(
                    format!("format invalide : `{value}`"),
                    format!("invalid format `{value}`"),
                ),
            },
            OutOfRange { detail } => tr(
                format!("valeur hors limites : {detail}"),
                format!("value out of range: {detail}"),
            ),
            TooFewItems { min } => tr(
                format!("au moins {min} élément(s) attendu(s)"),
                format!("at least {min} item(s) expected"),
            ),
            SchemaOther { detail } => tr(
                format!("valeur non conforme : {detail}"),
                format!("invalid value: {detail}"),
            ),
            InvalidDate { value } => tr(
                format!("date inexistante : `{value}`"),
                format!("no such date: `{value}`"),
            ),
            DateOrder { first, second } => tr(
                format!("`{second}` précède `{first}`"),
                format!("`{second}` comes before `{first}`"),
            ),
            UnknownMember { id, .. } => tr(
                format!("membre inconnu `{id}`"),
                format!("unknown member `{id}`"),
            ),
            UnknownPrinciple { id, .. } => tr(
                format!("principe inconnu `{id}`"),
                format!("unknown principle `{id}`"),
            ),
            UnknownOffer { id, .. } => tr(
                format!("offre inconnue `{id}`"),
                format!("unknown offer `{id}`"),
            ),
            UnknownPlan { id, .. } => tr(
                format!("plan inconnu `{id}`"),
                format!("unknown plan `{id}`"),
            ),
            UnknownObjectif { id, .. } => tr(
                format!("objectif inconnu `{id}`"),
                format!("unknown objective `{id}`"),
            ),
            UnknownDecider { id, .. } => tr(
                format!("`{id}` n'est ni un rôle de la pyramide ni une instance"),
                format!("`{id}` is neither a pyramid role nor an instance"),
            ),
            UnknownEcosystem { prefix, .. } => tr(
                format!("`{prefix}` n'est pas un membre de l'écosystème"),
                format!("`{prefix}` is not an ecosystem member"),
            ),
            UnknownEcoOffer { org, id, .. } => tr(
                format!("offre `{id}` inconnue dans le catalogue de `{org}`"),
                format!("unknown offer `{id}` in the catalogue of `{org}`"),
            ),
            EcosystemUnavailable { org, id } => tr(
                format!(
                    "`{org}:{id}` non vérifiée : le #CodeSocial de `{org}` n'est pas disponible"
                ),
                format!("`{org}:{id}` not verified: the #CodeSocial of `{org}` is not available"),
            ),
            BrokenLink { target, .. } => tr(
                format!("lien cassé : `{target}` n'existe pas"),
                format!("broken link: `{target}` does not exist"),
            ),
            BrokenAnchor { target, anchor, .. } => tr(
                format!("ancre introuvable : `#{anchor}` dans `{target}`"),
                format!("missing anchor: `#{anchor}` in `{target}`"),
            ),
            DuplicateId { id, other } => tr(
                format!("identifiant `{id}` déjà utilisé par `{other}`"),
                format!("identifier `{id}` already used by `{other}`"),
            ),
            CapitalOver { total } => tr(
                format!("les parts du capital totalisent {total} %, plus de 100 %"),
                format!("capital shares add up to {total}%, over 100%"),
            ),
            SelfFlow { member } => tr(
                format!("un flux va de `{member}` vers lui-même"),
                format!("a flow goes from `{member}` to itself"),
            ),
            ClasseWithoutRule { classe } => tr(
                format!("aucune règle de modification pour la classe `{classe}`"),
                format!("no amendment rule for class `{classe}`"),
            ),
            DuplicateRule { classe } => tr(
                format!("la classe `{classe}` a plusieurs règles"),
                format!("class `{classe}` has more than one rule"),
            ),
            ReplacesActive { id, statut } => tr(
                format!("remplace `{id}`, qui est encore `{statut}`"),
                format!("replaces `{id}`, which is still `{statut}`"),
            ),
            SelfReference { id } => tr(
                format!("`{id}` se cite lui-même"),
                format!("`{id}` refers to itself"),
            ),
            EmptyPlan { plan } => tr(
                format!("le plan `{plan}` n'a ni principe ni introduction"),
                format!("plan `{plan}` has neither a principle nor an introduction"),
            ),
            LicenceNotSpdx { licence, .. } => tr(
                format!("`{licence}` n'est pas une expression de licence SPDX"),
                format!("`{licence}` is not an SPDX licence expression"),
            ),
            IsolatedPrinciple { id } => tr(
                format!("le principe `{id}` n'est relié à aucun autre"),
                format!("principle `{id}` is linked to no other"),
            ),
            UnusedMember { id } => tr(
                format!("le membre `{id}` n'apparaît nulle part"),
                format!("member `{id}` appears nowhere"),
            ),
            OfferWithoutRole { id, members } => tr(
                format!(
                    "aucun membre de l'offre `{id}` n'a de rôle dans la pyramide ({})",
                    quoted_list(members)
                ),
                format!(
                    "no member of offer `{id}` holds a role in the pyramid ({})",
                    quoted_list(members)
                ),
            ),
            HashtagComment { kept, .. } => tr(
                format!("YAML lit ici `{kept}` : ce qui suit ` #` est un commentaire"),
                format!("YAML reads `{kept}` here: what follows ` #` is a comment"),
            ),
            JalonsOrder => tr(
                "les jalons ne sont pas dans l'ordre chronologique",
                "the milestones are not in chronological order",
            ),
        }
    }

    /// The short text under the underlined span.
    pub fn label(&self) -> Option<String> {
        use Message::*;
        Some(match self {
            UnknownMember { .. }
            | UnknownPrinciple { .. }
            | UnknownOffer { .. }
            | UnknownPlan { .. }
            | UnknownObjectif { .. }
            | UnknownDecider { .. }
            | UnknownEcoOffer { .. }
            | UnknownEcosystem { .. } => tr("introuvable", "not found"),
            UnknownKey { .. } => tr("clé inconnue", "unknown key"),
            DuplicateKey { .. } => tr("en double", "duplicate"),
            Required { .. } => tr("il manque une clé ici", "a key is missing here"),
            HashtagComment { .. } => tr("la suite est un commentaire", "the rest is a comment"),
            BrokenLink { .. } | BrokenAnchor { .. } => tr("lien cassé", "broken link"),
            YamlSyntax { .. } => tr("ici", "here"),
            _ => return None,
        })
    }

    /// How to fix it.
    pub fn help(&self) -> Option<String> {
        use Message::*;
        match self {
            ReadFailed { .. } => Some(tr("vérifiez les droits du fichier", "check the file's permissions")),
            TotalTooLarge { .. } => Some(tr(
                "retirez les gros fichiers des dossiers du #CodeSocial, ou relevez la limite avec CODESOCIAL_MAX_TOTAL_SIZE",
                "move large files out of the #CodeSocial's folders, or raise the limit with CODESOCIAL_MAX_TOTAL_SIZE",
            )),
            TooLarge { .. } => Some(tr(
                "découpez le fichier, ou relevez la limite avec CODESOCIAL_MAX_FILE_SIZE",
                "split the file, or raise the limit with CODESOCIAL_MAX_FILE_SIZE",
            )),
            NotUtf8 { .. } => Some(tr(
                "enregistrez le fichier en UTF-8 depuis votre éditeur",
                "save the file as UTF-8 from your editor",
            )),
            Binary { .. } => Some(tr(
                "un document du #CodeSocial est du texte ; déplacez ce fichier hors de ce dossier",
                "a #CodeSocial document is text; move this file out of this folder",
            )),
            Symlink => Some(tr(
                "remplacez le lien par le fichier lui-même",
                "replace the link with the file itself",
            )),
            CaseConflict { .. } => Some(tr(
                "renommez l'un des deux : macOS et Windows ne peuvent pas les distinguer",
                "rename one of them: macOS and Windows cannot tell them apart",
            )),
            EmptyFile | FrontMatterMissing => Some(tr(
                "commencez le fichier par un en-tête :\n---\ntitre: …\n---",
                "start the file with front matter:\n---\ntitre: …\n---",
            )),
            FrontMatterUnterminated => Some(tr(
                "ajoutez une ligne `---` après la dernière clé de l'en-tête",
                "add a `---` line after the last key of the front matter",
            )),
            YamlSyntax { .. } => Some(tr(
                "vérifiez l'indentation et les deux-points ; mettez entre guillemets les valeurs qui contiennent `: ` ou ` #`",
                "check indentation and colons; quote values that contain `: ` or ` #`",
            )),
            DuplicateKey { .. } => Some(tr("gardez une seule de ces clés", "keep only one of these keys")),
            AliasLimit | TooDeep => Some(tr(
                "simplifiez ce document : écrivez les valeurs directement",
                "simplify this document: write the values out",
            )),
            NonScalarKey => None,
            MultipleDocuments => Some(tr("retirez la ligne `---` en trop", "remove the extra `---` line")),
            NotAMapping => None,
            MissingFile { path } => Some(tr(
                format!("créez `{path}` (`codesocial init` en crée un modèle)"),
                format!("create `{path}` (`codesocial init` writes a template)"),
            )),
            InvalidFileId { suggestion, .. } => Some(tr(
                format!("renommez le fichier en `{suggestion}` : minuscules, chiffres et tirets"),
                format!("rename the file to `{suggestion}`: lowercase letters, digits and hyphens"),
            )),
            UndeclaredPlan { known, suggestion, .. } => Some(match suggestion {
                Some(s) => tr(format!("vouliez-vous dire `{s}` ?"), format!("did you mean `{s}`?")),
                None => tr(
                    format!("plans déclarés : {} ; ou ajoutez ce plan à `plans` dans `codesocial.yaml`", quoted_list(known)),
                    format!("declared plans: {}; or add this plan to `plans` in `codesocial.yaml`", quoted_list(known)),
                ),
            }),
            Misplaced { expected } => Some(tr(format!("emplacements prévus : {expected}"), format!("expected places: {expected}"))),
            WrongExtension { .. } => None,
            ManifestVersion { .. } => Some(tr(
                "écrivez `codesocial: 1` (le nombre, sans guillemets) ; cette version de l'outil lit le format 1",
                "write `codesocial: 1` (the number, unquoted); this version of the tool reads format 1",
            )),
            Required { key } => Some(tr(format!("ajoutez `{key}: …`"), format!("add `{key}: …`"))),
            UnknownKey { suggestion, allowed, .. } => Some(match suggestion {
                Some(s) => tr(format!("vouliez-vous dire `{s}` ?"), format!("did you mean `{s}`?")),
                None => tr(format!("clés possibles : {}", quoted_list(allowed)), format!("possible keys: {}", quoted_list(allowed))),
            }),
            WrongType { .. } => None,
            NotInEnum { options, suggestion, .. } => Some(match suggestion {
                Some(s) => tr(format!("vouliez-vous dire `{s}` ?"), format!("did you mean `{s}`?")),
                None => tr(format!("valeurs possibles : {}", quoted_list(options)), format!("possible values: {}", quoted_list(options))),
            }),
            BadPattern { what, .. } => match what {
                PatternKind::Id => Some(tr(
                    "un identifiant s'écrit en minuscules sans accents, chiffres et tirets : `circuits-courts`",
                    "an identifier is lowercase ASCII letters, digits and hyphens: `circuits-courts`",
                )),
                PatternKind::Date => Some(tr("écrivez la date AAAA-MM-JJ : `2024-03-12`", "write the date as YYYY-MM-DD: `2024-03-12`")),
                PatternKind::PartialDate => Some(tr(
                    "écrivez `2011`, `2011-05` ou `2011-05-12`",
                    "write `2011`, `2011-05` or `2011-05-12`",
                )),
                PatternKind::Url => Some(tr("une adresse commence par `https://`", "a URL starts with `https://`")),
                PatternKind::Currency => Some(tr("un code ISO 4217 en majuscules : `EUR`", "an ISO 4217 code in capitals: `EUR`")),
                PatternKind::OfferRef => Some(tr(
                    "l'identifiant d'une offre, ou `organisation:offre` pour une offre de l'écosystème",
                    "an offer id, or `organisation:offer` for an ecosystem offer",
                )),
                PatternKind::Other => None,
            },
            OutOfRange { .. } | TooFewItems { .. } | SchemaOther { .. } => None,
            InvalidDate { .. } => Some(tr("vérifiez le jour et le mois", "check the day and the month")),
            DateOrder { .. } => Some(tr("vérifiez l'ordre des deux dates", "check the order of the two dates")),
            UnknownMember { suggestion, .. } => did_you_mean(suggestion).or_else(|| {
                Some(tr(
                    "chaque membre a un fichier `membres/<id>.md`",
                    "each member has a file `membres/<id>.md`",
                ))
            }),
            UnknownPrinciple { suggestion, .. } => did_you_mean(suggestion).or_else(|| {
                Some(tr(
                    "chaque principe a un fichier `principes/<plan>/<id>.md`",
                    "each principle has a file `principes/<plan>/<id>.md`",
                ))
            }),
            UnknownOffer { suggestion, .. } => did_you_mean(suggestion).or_else(|| {
                Some(tr(
                    "chaque offre a un fichier `catalogue/<id>.md` ; `org:id` désigne une offre de l'écosystème",
                    "each offer has a file `catalogue/<id>.md`; `org:id` names an ecosystem offer",
                ))
            }),
            UnknownPlan { suggestion, .. } => did_you_mean(suggestion)
                .or_else(|| Some(tr("les plans sont déclarés dans `codesocial.yaml`", "plans are declared in `codesocial.yaml`"))),
            UnknownObjectif { suggestion, .. } => did_you_mean(suggestion).or_else(|| {
                Some(tr(
                    "les objectifs sont listés dans `raison-d-etre.md`",
                    "objectives are listed in `raison-d-etre.md`",
                ))
            }),
            UnknownDecider { suggestion, .. } => did_you_mean(suggestion).or_else(|| {
                Some(tr(
                    "un rôle (`auteurs`, `co_auteurs`, `editeurs`, `producteurs`, `contributeurs`) ou l'`id` d'une instance",
                    "a role (`auteurs`, `co_auteurs`, `editeurs`, `producteurs`, `contributeurs`) or an instance `id`",
                ))
            }),
            UnknownEcosystem { suggestion, .. } => did_you_mean(suggestion).or_else(|| {
                Some(tr(
                    "déclarez-le sous `ecosysteme` dans `codesocial.yaml`",
                    "declare it under `ecosysteme` in `codesocial.yaml`",
                ))
            }),
            UnknownEcoOffer { suggestion, .. } => did_you_mean(suggestion),
            EcosystemUnavailable { .. } => Some(tr(
                "lancez `codesocial fetch` quand le réseau est disponible",
                "run `codesocial fetch` when the network is available",
            )),
            BrokenLink { suggestion, .. } | BrokenAnchor { suggestion, .. } => did_you_mean(suggestion).or_else(|| {
                Some(tr(
                    "les liens sont relatifs au fichier qui les contient",
                    "links are relative to the file that contains them",
                ))
            }),
            DuplicateId { .. } => Some(tr(
                "renommez l'un des deux fichiers : les identifiants sont uniques dans tous les plans",
                "rename one of the two files: identifiers are unique across all plans",
            )),
            CapitalOver { .. } => Some(tr("corrigez les parts de `capital`", "fix the shares in `capital`")),
            SelfFlow { .. } => Some(tr(
                "un flux relie deux membres différents : corrigez `de` ou `vers`",
                "a flow joins two different members: fix `de` or `vers`",
            )),
            ClasseWithoutRule { classe } => Some(tr(
                format!("ajoutez une règle `classe: {classe}` dans `modification.md`"),
                format!("add a rule `classe: {classe}` to `modification.md`"),
            )),
            DuplicateRule { .. } => Some(tr("gardez une règle par classe", "keep one rule per class")),
            ReplacesActive { id, .. } => Some(tr(
                format!("passez `{id}` en `statut: abroge` (avec `abroge_le`), ou retirez-le de `remplace`"),
                format!("set `{id}` to `statut: abroge` (with `abroge_le`), or remove it from `remplace`"),
            )),
            SelfReference { .. } => Some(tr("retirez cette référence", "remove this reference")),
            EmptyPlan { plan } => Some(tr(
                format!("ajoutez `principes/{plan}/index.md` ou un principe ; ou retirez ce plan de `plans`"),
                format!("add `principes/{plan}/index.md` or a principle; or remove this plan from `plans`"),
            )),
            LicenceNotSpdx { suggestion, .. } => did_you_mean(suggestion).or_else(|| {
                Some(tr(
                    "utilisez un identifiant SPDX, par exemple `CC-BY-SA-4.0`",
                    "use an SPDX identifier, for example `CC-BY-SA-4.0`",
                ))
            }),
            IsolatedPrinciple { .. } => Some(tr(
                "ajoutez `liens: [...]` vers les principes qu'il complète : la démarche est holistique",
                "add `liens: [...]` to the principles it relates to: the method is holistic",
            )),
            UnusedMember { .. } => Some(tr(
                "donnez-lui un rôle dans `pyramide.yaml`, une offre, un flux ou une responsabilité",
                "give them a role in `pyramide.yaml`, an offer, a flow or a responsibility",
            )),
            OfferWithoutRole { .. } => Some(tr(
                "ajoutez ces membres comme contributeurs dans `pyramide.yaml`",
                "add these members as contributeurs in `pyramide.yaml`",
            )),
            HashtagComment { intended, .. } => Some(tr(
                format!("mettez la valeur entre guillemets : \"{intended}\""),
                format!("quote the value: \"{intended}\""),
            )),
            JalonsOrder => Some(tr("rangez les jalons du plus ancien au plus récent", "order milestones from oldest to newest")),
        }
    }
}
