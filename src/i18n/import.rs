//! What `codesocial import` says: its errors, its summary, and every sentence of the
//! report it writes as `IMPORT.md`. The report follows `--langue` when given, so its
//! sentences take the language as an argument (`text_in`); the rest follows `--lang`.

use super::plural::plural;
use super::record::Record;
use super::vocabulary::{Format, Furniture};
use super::Lang::{self, En, Fr};
use super::{count, pick};
use crate::error::ImportError;

/// Where the organisation's name came from.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum NameFrom {
    Option,
    /// A key naming the organisation (`organisation:`, `nom:`).
    FrontMatter,
    /// Read out of the front matter's title (`titre: Code social de X`).
    FrontMatterTitle,
    Title,
    HtmlTitle,
    Folder,
}

/// Where the site's language came from.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum LangFrom {
    Option,
    FrontMatter,
    Detected,
}

/// A line of `import`'s output.
#[derive(Debug, Clone, PartialEq)]
pub enum ImportMsg<'a> {
    /// The files are written.
    Imported {
        nom: &'a str,
        dir: &'a str,
        files: usize,
    },
    NextSteps {
        dir: &'a str,
    },
}

impl ImportMsg<'_> {
    pub fn text_in(&self, l: Lang) -> String {
        match self {
            ImportMsg::Imported { nom, dir, files } => pick(
                l,
                format!("✓ #CodeSocial de « {nom} » importé dans `{dir}` : {}", count(Fr, *files, "fichier", "fichiers")),
                format!("✓ #CodeSocial of “{nom}” imported into `{dir}`: {}", count(En, *files, "file", "files")),
            ),
            ImportMsg::NextSteps { dir } => pick(
                l,
                format!("Ensuite : relisez IMPORT.md, puis\n  cd {dir}\n  codesocial check     # vérifier\n  codesocial serve     # voir le site"),
                format!("Next: read IMPORT.md, then\n  cd {dir}\n  codesocial check     # check\n  codesocial serve     # preview the site"),
            ),
        }
    }
}

/// The name of a format `import` reads, by extension, for messages.
fn format_name(ext: &str) -> &'static str {
    match ext {
        "odt" => Format::Odt.name(),
        _ => Format::Docx.name(),
    }
}

/// [`crate::import::source::special_kind`] in French, with its article.
fn special_kind_fr(kind: &str) -> &'static str {
    match kind {
        "named pipe" => "un tube nommé (FIFO)",
        "socket" => "une socket",
        "character device" => "un périphérique en mode caractère",
        "block device" => "un périphérique en mode bloc",
        _ => "un fichier spécial",
    }
}

/// What an [`ImportError`] says, in both languages: the file first, then the problem,
/// then what to do.
pub fn record(e: &ImportError) -> Record {
    use ImportError as E;
    match e {
        E::UnknownExtension { path, ext } if ext.is_empty() => source(
            "codesocial::usage::import-extension",
            path,
            "le fichier n’a pas d’extension : impossible de savoir comment il est écrit",
            "the file has no extension: its format is unknown",
        )
        .help(FORMATS_FR, FORMATS_EN),
        E::UnknownExtension { path, ext } => source(
            "codesocial::usage::import-extension",
            path,
            &format!("l’extension `.{ext}` n’est pas prise en charge"),
            &format!("the extension `.{ext}` is not supported"),
        )
        .help(FORMATS_FR, FORMATS_EN),
        E::IsAFolder { path } => source("codesocial::usage::import-folder", path, "c’est un dossier, pas un document", "this is a folder, not a document"),
        E::NotAFile { path, kind } => source(
            "codesocial::usage::import-not-a-file",
            path,
            &format!("c’est {}, pas un fichier : rien n’a été lu", special_kind_fr(kind)),
            &format!("this is a {kind}, not a regular file: nothing was read"),
        )
        .help(
            "enregistrez le document dans un fichier (`.md`, `.html`, `.docx`, `.odt`) et importez ce fichier",
            "save the document to a file (`.md`, `.html`, `.docx`, `.odt`) and import that file",
        ),
        E::TooLarge { path, size, limit } => source(
            "codesocial::usage::import-too-large",
            path,
            &format!("le fichier fait {}, plus que la limite de {}", weight(Fr, *size, *limit), weight(Fr, *limit, *size)),
            &format!("the file is {}, more than the {} limit", weight(En, *size, *limit), weight(En, *limit, *size)),
        )
        .help("importez le texte seul : retirez les images du document", "import the text alone: remove the document’s images"),
        E::Empty { path } => source("codesocial::usage::import-empty", path, "le fichier est vide", "the file is empty").help(SAVED_FR, SAVED_EN),
        E::ChapterTooLarge { path, file, size, limit } => source(
            "codesocial::usage::import-chapter-too-large",
            path,
            &format!("le chapitre qui deviendrait `{file}` ferait {}, plus que les {} que `check` accepte par fichier ; rien n’a été écrit", weight(Fr, *size, *limit), weight(Fr, *limit, *size)),
            &format!("the chapter that would become `{file}` would be {}, more than the {} `check` accepts per file; nothing was written", weight(En, *size, *limit), weight(En, *limit, *size)),
        )
        .help(
            "coupez ce chapitre en plusieurs sous des titres distincts, ou retirez-en les images intégrées (`data:`) ; la limite se relève avec CODESOCIAL_MAX_FILE_SIZE",
            "split this chapter into several under their own headings, or remove its embedded (`data:`) images; the limit is raised with CODESOCIAL_MAX_FILE_SIZE",
        ),
        E::NoText { path } => source(
            "codesocial::usage::import-no-text",
            path,
            "le document ne contient aucun texte une fois la mise en page retirée",
            "the document holds no text once its layout is removed",
        )
        .help(SAVED_FR, SAVED_EN),
        E::Binary { path, offset } => source(
            "codesocial::usage::import-binary",
            path,
            &format!("le fichier n’est pas du texte (octet nul à la position {offset})"),
            &format!("the file is not text (a NUL byte at offset {offset})"),
        )
        .help(EXTENSION_FR, EXTENSION_EN),
        E::NotAnArchive { path, ext } => source(
            "codesocial::usage::import-not-an-archive",
            path,
            &format!("ce n’est pas un document {} valide", format_name(ext)),
            &format!("this is not a valid {} document", format_name(ext)),
        )
        .help(EXTENSION_FR, EXTENSION_EN),
        E::NotUtf8 { path, offset } => source(
            "codesocial::usage::import-not-utf8",
            path,
            &format!("le texte n’est pas en UTF-8 (octet {offset})"),
            &format!("the text is not UTF-8 (byte {offset})"),
        )
        .help(
            format!("enregistrez-le en UTF-8, ou convertissez-le : {}", iconv(path)),
            format!("save it as UTF-8, or convert it: {}", iconv(path)),
        ),
        E::PandocMissing { path, ext } => source(
            "codesocial::usage::import-pandoc-missing",
            path,
            &format!("pour lire un document {}, `codesocial import` a besoin de `pandoc`, introuvable dans le PATH", format_name(ext)),
            &format!("reading a {} document needs `pandoc`, which is not on the PATH", format_name(ext)),
        )
        .help(
            "installez pandoc (Debian, Ubuntu : sudo apt install pandoc ; macOS : brew install pandoc ; sinon https://pandoc.org/installing.html), ou enregistrez le document en HTML ou en Markdown",
            "install pandoc (Debian, Ubuntu: sudo apt install pandoc; macOS: brew install pandoc; otherwise https://pandoc.org/installing.html), or save the document as HTML or Markdown",
        ),
        E::PandocTimeout { path, seconds } => source(
            "codesocial::usage::import-pandoc-timeout",
            path,
            &format!("`pandoc` n’a pas fini en {seconds} secondes et a été arrêté"),
            &format!("`pandoc` did not finish within {seconds} seconds and was stopped"),
        )
        .help(RESAVE_FR, RESAVE_EN),
        E::PandocFailed { path, detail } => source(
            "codesocial::usage::import-pandoc-failed",
            path,
            &format!("`pandoc` n’a pas pu lire le document : {detail}"),
            &format!("`pandoc` could not read the document: {detail}"),
        )
        .help(RESAVE_FR, RESAVE_EN),
        E::NoName => Record::error(
            "codesocial::usage::import-no-name",
            "ni l’option --nom, ni le document, ni le dossier ne donnent de nom à l’organisation",
            "neither --nom, the document nor the folder gives the organisation a name",
        )
        .help(NAME_FR, NAME_EN),
        E::BadName { nom } => Record::error(
            "codesocial::usage::import-bad-name",
            format!("le nom « {nom} » ne peut pas servir : il faut au moins une lettre ou un chiffre, et aucun retour à la ligne"),
            format!("the name “{nom}” cannot be used: it needs a letter or a digit, and no line break"),
        )
        .help(NAME_FR, NAME_EN),
        E::SourceInTarget { path, dir, inside, id } => source(
            "codesocial::usage::import-source-in-target",
            path,
            &format!("le document est dans le dossier où l’importer, `{dir}` (`{inside}`) : `codesocial check` l’y lirait comme une page du site, dont les liens d’origine ne mènent plus nulle part ; rien n’a été écrit"),
            &format!("the document lies inside the folder to import into, `{dir}` (as `{inside}`): `codesocial check` would read it there as a page of the site, whose original links lead nowhere; nothing was written"),
        )
        .help(
            format!("importez dans un autre dossier (`codesocial import {p} {id}`, ou sans dossier : le dépôt va dans un nouveau dossier à côté du document), ou déplacez d’abord le document hors de `{dir}`", p = shell_word(path)),
            format!("import into another folder (`codesocial import {p} {id}`, or without a folder: the repository goes into a new folder beside the document), or first move the document out of `{dir}`", p = shell_word(path)),
        ),
        E::WouldOverwrite { dir, files } => super::error::nothing_written("codesocial::usage::import-would-overwrite", dir, files, (
            "`import` ne remplace jamais un fichier : importez dans un dossier nouveau ou vide (`codesocial import DOCUMENT AUTRE-DOSSIER`)",
            "`import` never replaces a file: import into a new or empty folder (`codesocial import DOCUMENT OTHER-FOLDER`)",
        )),
    }
}

/// A problem with the source file: its name, then the problem.
/// `bytes` in MiB with one decimal, or in bytes when `other` would read the same (a file
/// of 50 MiB and one byte is not "50 MiB, more than the 50 MiB limit").
fn weight(l: Lang, bytes: u64, other: u64) -> String {
    let mib = |n: u64| format!("{:.1}", n as f64 / 1_048_576.0);
    let (number, unit) = if mib(bytes) == mib(other) {
        (bytes.to_string(), pick(l, "octets", "bytes"))
    } else {
        (mib(bytes), pick(l, "Mio", "MiB"))
    };
    let number = match l {
        Fr => number.replace('.', ","),
        En => number,
    };
    format!("{number} {unit}")
}

/// The `iconv` line converting `path` into a `-utf8` copy next to it, each path quoted
/// for a POSIX shell when it needs to be.
fn iconv(path: &std::path::Path) -> String {
    let shown = path.display().to_string();
    let copy = match (path.file_stem(), path.extension()) {
        (Some(stem), Some(ext)) => path.with_file_name(format!(
            "{}-utf8.{}",
            stem.to_string_lossy(),
            ext.to_string_lossy()
        )),
        _ => std::path::PathBuf::from(format!("{shown}-utf8")),
    };
    format!(
        "iconv -f WINDOWS-1252 -t UTF-8 {} > {}",
        quote(&shown),
        quote(&copy.display().to_string())
    )
}

/// A path as one word of a POSIX shell: quoted when it needs to be.
fn shell_word(path: &std::path::Path) -> String {
    quote(&path.display().to_string())
}

fn quote(p: &str) -> String {
    if p.chars()
        .all(|c| c.is_alphanumeric() || "-_./+".contains(c))
    {
        p.to_string()
    } else {
        format!("'{}'", p.replace('\'', "'\\''"))
    }
}

fn source(code: &'static str, path: &std::path::Path, fr: &str, en: &str) -> Record {
    let p = path.display();
    Record::error(code, format!("`{p}` : {fr}"), format!("`{p}`: {en}"))
}

const FORMATS_FR: &str = "formats lus : Markdown (.md, .markdown, .txt), HTML (.html, .htm), et avec pandoc Word (.docx) et OpenDocument (.odt) ; enregistrez un .doc ou un .pdf dans l’un d’eux";
const FORMATS_EN: &str = "formats read: Markdown (.md, .markdown, .txt), HTML (.html, .htm), and with pandoc Word (.docx) and OpenDocument (.odt); save a .doc or a .pdf as one of them";
const SAVED_FR: &str = "vérifiez que c’est le bon fichier et qu’il a été enregistré";
const SAVED_EN: &str = "check that this is the right file and that it was saved";
const EXTENSION_FR: &str =
    "vérifiez l’extension : un document Word s’importe en .docx, une page web en .html";
const EXTENSION_EN: &str =
    "check the extension: a Word document imports as .docx, a web page as .html";
const RESAVE_FR: &str =
    "ouvrez le document dans votre traitement de texte et enregistrez-le à nouveau, ou en HTML";
const RESAVE_EN: &str = "open the document in your word processor and save it again, or as HTML";
const NAME_FR: &str = "donnez le nom de l’organisation : codesocial import DOCUMENT DOSSIER --nom \"Château de Millemont\"";
const NAME_EN: &str =
    "give the organisation’s name: codesocial import DOCUMENT DIR --nom \"Château de Millemont\"";

/// Words of the written files.
#[derive(Debug, Clone, PartialEq)]
pub enum Words<'a> {
    Preamble,
    AnnexeId,
    RaisonTitle,
    HistoireTitle,
    ModificationTitle,
    InformationsTitle,
    /// The first line of the YAML files written.
    Imported {
        source: &'a str,
    },
    CommitMessage {
        nom: &'a str,
        source: &'a str,
        format: Format,
    },
}

impl Words<'_> {
    pub fn text_in(&self, l: Lang) -> String {
        match self {
            Words::Preamble => pick(l, "Préambule", "Preamble"),
            Words::AnnexeId => pick(l, "annexe", "appendix"),
            Words::RaisonTitle => pick(l, "Raison d’être", "Purpose"),
            Words::HistoireTitle => pick(l, "Histoire", "History"),
            Words::ModificationTitle => pick(l, "Modalités de modification", "Amendment rules"),
            Words::InformationsTitle => pick(l, "Informations générales", "General information"),
            Words::Imported { source } => pick(
                l,
                format!("Importé de `{source}` par `codesocial import` : voir IMPORT.md"),
                format!("Imported from `{source}` by `codesocial import`: see IMPORT.md"),
            ),
            Words::CommitMessage {
                nom,
                source,
                format,
            } => {
                let of = super::grammar::de(l, nom);
                pick(
                    l,
                    format!("Import du #CodeSocial {of}\n\nImporté de `{source}` ({}) par `codesocial import` : IMPORT.md dit où chaque chapitre est allé et ce qu’il faut relire.\n", format.name()),
                    format!("Import the #CodeSocial {of}\n\nImported from `{source}` ({}) by `codesocial import`: IMPORT.md says where each chapter went and what to review.\n", format.name()),
                )
            }
        }
    }
}

/// A property with free text besides title and authors, which the import does not place
/// and so names in its report (nothing a file says is dropped without a word).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Described {
    /// `dc:subject`: Word's and LibreOffice's "Subject".
    Subject,
    /// `cp:keywords`, `meta:keyword`: "Keywords".
    Keywords,
    /// `dc:description`: Word's "Comments", LibreOffice's "Comments"/"Description".
    Description,
    /// `cp:category`: Word's "Category".
    Category,
}

/// A sentence of `IMPORT.md`.
#[derive(Debug, Clone, PartialEq)]
pub enum ReportMsg<'a> {
    Title {
        nom: &'a str,
    },
    Intro {
        source: &'a str,
        format: &'a str,
        date: &'a str,
    },
    Quoted {
        text: &'a str,
    },
    PrioritiesHeading,
    AuteurStandsIn {
        member: &'a str,
    },
    EditeurStandsIn {
        member: &'a str,
    },
    NameGuessed {
        nom: &'a str,
        from: NameFrom,
    },
    RuleByDefault,
    MembersToCheck,
    /// Placeholders left where names should be (`[Nom]`, `XXX`), quoted.
    Placeholders {
        names: &'a str,
    },
    /// Authors named by a word-processor file's properties.
    PropertiesAuthors {
        names: &'a str,
    },
    /// Comments and tracked changes of a word-processor file.
    PropertyNotPlaced {
        property: Described,
        text: &'a str,
    },
    Revisions {
        comments: usize,
        changes: usize,
    },
    ChaptersHeading,
    ChapterColumn,
    FileColumn,
    NoChapter,
    /// Numbered capital lines of a plain-text document read as chapter headings.
    CapitalHeadings {
        lines: &'a str,
    },
    /// No heading of the document names a chapter: why, and what to do.
    NoChapterHint,
    /// Embedded frames (`<iframe>`) kept in a file, which the site does not show.
    Frames {
        file: &'a str,
        sources: &'a str,
    },
    BeforeChapters,
    Merged {
        plans: &'a str,
    },
    NotRecognised,
    KeptAsAppendix,
    PreamblePlaced,
    ParagraphAsHeading,
    Dropped {
        headings: &'a str,
    },
    DeducedHeading,
    DocumentTitle {
        title: &'a str,
    },
    /// What the title says after the organisation's name.
    Subtitle {
        subtitle: &'a str,
    },
    /// The title a word-processor file's properties give, not the visible one.
    OtherTitle {
        title: &'a str,
    },
    Organisation {
        nom: &'a str,
        from: NameFrom,
    },
    Langue {
        langue: &'a str,
        from: LangFrom,
    },
    NoPlans,
    Plans {
        plans: &'a str,
    },
    Covers {
        plans: &'a str,
    },
    Jalons {
        count: usize,
    },
    List {
        key: &'a str,
        count: usize,
        heading: &'a str,
    },
    Informations {
        keys: &'a str,
    },
    Facts {
        keys: &'a str,
    },
    HeadingOpened {
        heading: &'a str,
    },
    NoteLifted {
        file: &'a str,
        field: &'a str,
        note: &'a str,
    },
    RuleFromChapter {
        methode: &'a str,
    },
    RuleDefault,
    RuleUnclear {
        methods: &'a str,
    },
    /// The amendment chapter has text, and no way to decide was read from it.
    RuleNotUnderstood {
        chapter: &'a str,
        instance: Option<&'a str>,
    },
    RuleMajority {
        majorite: &'a str,
    },
    RuleInstance {
        id: &'a str,
        titre: &'a str,
    },
    MembersHeading,
    MemberColumn,
    TypeColumn,
    RoleColumn,
    ReadInColumn,
    StandsIn,
    ToCompleteHeading,
    Empty {
        file: &'a str,
    },
    Uncovered {
        plans: &'a str,
    },
    LinkMoved {
        file: &'a str,
        dest: &'a str,
        now: &'a str,
    },
    LinkRemoved {
        file: &'a str,
        dest: &'a str,
    },
    LinkUnsafe {
        file: &'a str,
        dest: &'a str,
    },
    /// A labelled line of the informations whose value was not read: `key` is the field
    /// of `organisation` (`licence`, `site`, `creee_le`).
    /// An entry of the front matter naming a fact whose value does not read.
    FrontFactUnread {
        key: &'a str,
        entry: &'a str,
    },
    FactUnread {
        key: &'a str,
        line: &'a str,
    },
    LinkNoPlace {
        file: &'a str,
        dest: &'a str,
    },
    Copied {
        from: &'a str,
        to: &'a str,
    },
    SourceInside {
        source: &'a str,
    },
    /// No folder given, the source in the current one: the repository went beside it.
    WrittenBeside {
        source: &'a str,
        folder: &'a str,
    },
    NothingInvented,
    UnreadHeading,
    UnreadIntro,
    CleaningHeading,
    Cleaning {
        shortcodes: usize,
        artefacts: usize,
    },
    /// `tags` nested more than `depth` levels deep were removed.
    Flattened {
        tags: usize,
        depth: usize,
    },
    Controls {
        count: usize,
    },
    NamesUnreadIntro,
    NameUnread {
        text: &'a str,
        line: &'a str,
    },
    FurnitureIntro,
    Furniture {
        what: &'a str,
        text: &'a str,
    },
}

impl ReportMsg<'_> {
    pub fn text_in(&self, l: Lang) -> String {
        self.headings(l)
            .or_else(|| self.chapters(l))
            .or_else(|| self.deduced(l))
            .unwrap_or_else(|| self.review(l))
    }

    fn headings(&self, l: Lang) -> Option<String> {
        Some(match self {
            ReportMsg::Title { nom } => pick(l, format!("Import du #CodeSocial {}", super::grammar::de(l, nom)), format!("Import of the #CodeSocial {}", super::grammar::de(l, nom))),
            ReportMsg::Intro { source, format, date } => pick(
                l,
                format!("Importé de `{source}` ({format}) par `codesocial import` le {date}. Ce fichier dit où chaque chapitre est allé, ce qui a été déduit et ce qu’il faut relire ; supprimez-le quand la relecture est faite."),
                format!("Imported from `{source}` ({format}) by `codesocial import` on {date}. This file says where each chapter went, what was deduced and what to review; delete it once the review is done."),
            ),
            ReportMsg::Quoted { text } => pick(l, format!("« {text} »"), format!("“{text}”")),
            ReportMsg::PrioritiesHeading => pick(l, "À relire en priorité", "Review first"),
            ReportMsg::ChaptersHeading => pick(l, "Chapitres", "Chapters"),
            ReportMsg::ChapterColumn => pick(l, "Chapitre du document", "Chapter of the document"),
            ReportMsg::FileColumn => pick(l, "Fichier", "File"),
            ReportMsg::DeducedHeading => pick(l, "Ce qui a été déduit", "What was deduced"),
            ReportMsg::MembersHeading => pick(l, "Membres et pyramide (à vérifier)", "Members and pyramid (to check)"),
            ReportMsg::MemberColumn => pick(l, "Membre", "Member"),
            ReportMsg::TypeColumn => "type".into(),
            ReportMsg::RoleColumn => pick(l, "Rôle dans pyramide.yaml", "Role in pyramide.yaml"),
            ReportMsg::ReadInColumn => pick(l, "Lu dans", "Read in"),
            ReportMsg::ToCompleteHeading => pick(l, "À compléter", "To complete"),
            ReportMsg::UnreadHeading => pick(l, "En-tête du document non repris", "Front matter not kept"),
            ReportMsg::CleaningHeading => pick(l, "Nettoyage", "Cleaning"),
            _ => return None,
        })
    }

    fn chapters(&self, l: Lang) -> Option<String> {
        Some(match self {
            ReportMsg::AuteurStandsIn { member } => pick(
                l,
                format!("**Aucun auteur n’est nommé dans le document** : l’organisation elle-même ([{member}]({member})) tient ce rôle dans [pyramide.yaml](pyramide.yaml). Remplacez-la par la personne qui porte l’idée."),
                format!("**The document names no author**: the organisation itself ([{member}]({member})) holds the role in [pyramide.yaml](pyramide.yaml). Replace it with the person who carries the idea."),
            ),
            ReportMsg::EditeurStandsIn { member } => pick(
                l,
                format!("**Aucun éditeur n’est nommé dans le document** : l’organisation elle-même ([{member}]({member})) tient ce rôle dans [pyramide.yaml](pyramide.yaml). Vérifiez que c’est bien elle qui porte le cadre juridique et financier."),
                format!("**The document names no publisher (éditeur)**: the organisation itself ([{member}]({member})) holds the role in [pyramide.yaml](pyramide.yaml). Check that it is the one that carries the legal and financial frame."),
            ),
            ReportMsg::NameGuessed { nom, from } => pick(
                l,
                format!("**Le nom de l’organisation, « {nom} », a été tiré {}** : corrigez `organisation.nom` (et `id`) dans [codesocial.yaml](codesocial.yaml) s’il le faut.", name_from(l, *from)),
                format!("**The organisation's name, “{nom}”, was taken from {}**: correct `organisation.nom` (and `id`) in [codesocial.yaml](codesocial.yaml) if needed.", name_from(l, *from)),
            ),
            ReportMsg::RuleByDefault => pick(
                l,
                "**Le document n’écrit pas comment il se modifie** : [modification.md](modification.md) contient une seule règle, « simple, par consentement ». Écrivez vos vraies règles.",
                "**The document does not say how it changes**: [modification.md](modification.md) holds one rule, “simple, by consent”. Write your real rules.",
            ),
            ReportMsg::MembersToCheck => pick(
                l,
                "**Les membres ont été lus dans les lignes d’auteurs et de personnes référentes** : vérifiez leurs noms, leur type et leur rôle (tableau plus bas).",
                "**Members were read from the authors and referents lines**: check their names, types and roles (table below).",
            ),
            ReportMsg::Placeholders { names } => pick(
                l,
                format!("**Des emplacements à remplir tiennent la place de noms : {names}** : ce ne sont pas devenus des membres. Quand les noms seront connus, ajoutez-les dans `membres/` et dans [pyramide.yaml](pyramide.yaml)."),
                format!("**Placeholders stand where names should be: {names}**: they were not made members. When the names are known, add them to `membres/` and to [pyramide.yaml](pyramide.yaml)."),
            ),
            ReportMsg::PropertiesAuthors { names } => pick(
                l,
                format!("**Les propriétés du fichier nomment comme auteur·ices : {names}** : ce ne sont pas devenus des membres, car l’auteur d’un fichier est souvent la personne qui l’a saisi. S’ils ont écrit le #CodeSocial, ajoutez-les dans `membres/` et dans [pyramide.yaml](pyramide.yaml)."),
                format!("**The file's properties name as authors: {names}**: they were not made members, since a file's author is often whoever typed it. If they wrote the #CodeSocial, add them to `membres/` and to [pyramide.yaml](pyramide.yaml)."),
            ),
            ReportMsg::PropertyNotPlaced { property, text } => {
                let (fr, en) = match property {
                    Described::Subject => ("« Sujet »", "“Subject”"),
                    Described::Keywords => ("« Mots-clés »", "“Keywords”"),
                    Described::Description => ("« Commentaires »", "“Comments”"),
                    Described::Category => ("« Catégorie »", "“Category”"),
                };
                pick(
                    l,
                    format!("La propriété {fr} du fichier dit « {text} » : ce texte n’est pas dans le document lui-même et n’a été placé nulle part. S’il compte, reprenez-le où il a sa place."),
                    format!("The file's {en} property says “{text}”: this text is not in the document itself and was placed nowhere. If it matters, copy it where it belongs."),
                )
            }
            ReportMsg::Revisions { comments, changes } => pick(
                l,
                format!("**Le document contient {comments} commentaire{} et {changes} modification{} suivie{}** : le texte importé est celui où toutes les modifications sont acceptées, et les commentaires n’ont pas été importés. Relisez-les dans le document d’origine.", ending(Fr, *comments), ending(Fr, *changes), ending(Fr, *changes)),
                format!("**The document holds {comments} comment{} and {changes} tracked change{}**: the text imported is the one with every change accepted, and the comments were not imported. Read them in the original document.", ending(En, *comments), ending(En, *changes)),
            ),
            ReportMsg::NoChapter => pick(l, "aucun chapitre reconnu", "no chapter recognised"),
            ReportMsg::CapitalHeadings { lines } => pick(
                l,
                format!("Le document n’a pas de titres Markdown : ces lignes en capitales, numérotées et seules entre deux lignes vides, ont été lues comme des titres de chapitre : {lines}."),
                format!("The document has no Markdown headings: these numbered capital lines, standing alone between blank lines, were read as chapter headings: {lines}."),
            ),
            ReportMsg::NoChapterHint => pick(
                l,
                "**Aucun chapitre trouvé** : aucun titre du document ne nomme un chapitre de la méthode, et tout son texte est allé dans [raison-d-etre.md](raison-d-etre.md). Marquez chaque titre de chapitre (`## Historique` en Markdown, le style « Titre 1 » dans un traitement de texte, ou une ligne en capitales numérotée seule entre deux lignes vides dans un texte brut), puis importez de nouveau dans un dossier vide.",
                "**No chapter found**: no heading of the document names a chapter of the method, and all its text went to [raison-d-etre.md](raison-d-etre.md). Mark each chapter's heading (`## Historique` in Markdown, the “Heading 1” style in a word processor, or a numbered capital line alone between blank lines in plain text), then import again into an empty folder.",
            ),
            ReportMsg::Frames { file, sources } => pick(
                l,
                format!("{file} garde tel quel un contenu intégré (`<iframe>`, une vidéo, une carte) que le site n’affiche pas : {sources}. Remplacez-le par un lien si vous voulez qu’on le voie."),
                format!("{file} keeps as written an embedded frame (`<iframe>`: a video, a map) that the site does not show: {sources}. Replace it with a link if it should be seen."),
            ),
            ReportMsg::BeforeChapters => pick(l, "(texte avant le premier chapitre)", "(text before the first chapter)"),
            ReportMsg::Merged { plans } => pick(l, format!("plan qui regroupe {plans}"), format!("a plan merging {plans}")),
            ReportMsg::NotRecognised => pick(l, "chapitre non reconnu, gardé en annexe", "chapter not recognised, kept as an appendix"),
            ReportMsg::KeptAsAppendix => pick(l, "gardé en annexe : le format demande ici des données structurées que le document ne donne pas", "kept as an appendix: the format wants structured data here that the document does not give"),
            ReportMsg::PreamblePlaced => pick(l, "introduction du document", "the document's introduction"),
            ReportMsg::ParagraphAsHeading => pick(l, "paragraphe lu comme un titre", "a paragraph read as a heading"),
            ReportMsg::Dropped { headings } => pick(
                l,
                format!("Titres qui ne faisaient que regrouper les chapitres suivants, sans texte propre (non repris) : {headings}."),
                format!("Headings that only grouped the chapters after them, with no text of their own (not kept): {headings}."),
            ),
            _ => return None,
        })
    }

    fn deduced(&self, l: Lang) -> Option<String> {
        Some(match self {
            ReportMsg::DocumentTitle { title } => pick(
                l,
                format!("Titre du document : « {title} » ; le site a son propre titre (`site.titre` dans [codesocial.yaml](codesocial.yaml))."),
                format!("Title of the document: “{title}”; the site has its own title (`site.titre` in [codesocial.yaml](codesocial.yaml))."),
            ),
            ReportMsg::Subtitle { subtitle } => pick(
                l,
                format!("Le titre continue après le nom de l’organisation : « {subtitle} » n’est pas dans le nom, il ouvre le texte de [informations.md](informations.md)."),
                format!("The title goes on after the organisation's name: “{subtitle}” is not part of the name; it opens the text of [informations.md](informations.md)."),
            ),
            ReportMsg::OtherTitle { title } => pick(
                l,
                format!("Les propriétés du fichier donnent un autre titre, « {title} », qui n’est pas celui qu’on lit en tête du document (souvent un reste du modèle) : il n’a pas été utilisé. Si c’est le nom de l’organisation, corrigez `organisation.nom` dans [codesocial.yaml](codesocial.yaml)."),
                format!("The file's properties give another title, “{title}”, not the one read at the top of the document (often a template's leftover): it was not used. If it is the organisation's name, correct `organisation.nom` in [codesocial.yaml](codesocial.yaml)."),
            ),
            ReportMsg::Organisation { nom, from } => pick(l, format!("Organisation : « {nom} », tiré {}.", name_from(l, *from)), format!("Organisation: “{nom}”, taken from {}.", name_from(l, *from))),
            ReportMsg::Langue { langue, from } => {
                let (fr, en) = match from {
                    LangFrom::Option => ("--langue", "--langue"),
                    LangFrom::FrontMatter => ("l’en-tête du document", "the document's front matter"),
                    LangFrom::Detected => ("la langue du texte", "the text's language"),
                };
                pick(l, format!("Langue du site : `{langue}` (d’après {fr})."), format!("Site language: `{langue}` (from {en})."))
            }
            ReportMsg::NoPlans => pick(
                l,
                "Plans : aucun chapitre ne correspond à un plan ; le manifeste garde les sept plans de la méthode, chacun à écrire. D’ici là, `codesocial check` avertit que chacun est vide (`codesocial::coverage::empty-plan`, sept avertissements, aucune erreur) : c’est attendu.",
                "Plans: no chapter matches a plan; the manifest keeps the method's seven plans, each to be written. Until then `codesocial check` warns that each is empty (`codesocial::coverage::empty-plan`, seven warnings, no error): that is expected.",
            ),
            ReportMsg::Plans { plans } => pick(l, format!("Plans, dans l’ordre du document : {plans}."), format!("Plans, in the document's order: {plans}.")),
            ReportMsg::Covers { plans } => pick(l, format!("couvre {plans}"), format!("covers {plans}")),
            ReportMsg::Jalons { count } => pick(
                l,
                format!("{count} jalon{} tiré{} des lignes datées de l’historique, rangé{} par date dans [histoire.md](histoire.md).", ending(Fr, *count), ending(Fr, *count), ending(Fr, *count)),
                format!("{count} milestone{} taken from the dated lines of the history, sorted by date in [histoire.md](histoire.md).", ending(En, *count)),
            ),
            ReportMsg::List { key, count, heading } => pick(
                l,
                format!("`{key}` : {count} élément{} tiré{} de la liste sous « {heading} », dans [raison-d-etre.md](raison-d-etre.md).", ending(Fr, *count), ending(Fr, *count)),
                format!("`{key}`: {count} item{} taken from the list under “{heading}”, in [raison-d-etre.md](raison-d-etre.md).", ending(En, *count)),
            ),
            ReportMsg::Informations { keys } => pick(l, format!("Dans l’en-tête de [informations.md](informations.md) : {keys}."), format!("In the front matter of [informations.md](informations.md): {keys}.")),
            ReportMsg::HeadingOpened { heading } => pick(l, format!("Le titre « {heading} » portait un lien ou un appel de note, qu’un titre de fichier ne garde pas : il est recopié tel quel en première ligne du texte de son chapitre."), format!("The heading “{heading}” carried a link or a footnote call, which a file’s title does not keep: it is copied as written as the first line of its chapter’s text.")),
            ReportMsg::NoteLifted { file, field, note } => pick(l, format!("Une note appelée dans `{field}` (une valeur tirée du texte, qui ne garde pas d’appel) est à la fin du texte de {file} : « {note} »."), format!("A note called in `{field}` (a value lifted out of the text, which keeps no call) ends the text of {file}: “{note}”.")),
            ReportMsg::Facts { keys } => pick(l, format!("Dans [codesocial.yaml](codesocial.yaml) : {keys}."), format!("In [codesocial.yaml](codesocial.yaml): {keys}.")),
            ReportMsg::RuleFromChapter { methode } => pick(
                l,
                format!("Règle de modification : une règle `simple` par `{methode}`, la méthode que nomme le chapitre ; vérifiez-la et ajoutez les autres classes s’il y en a."),
                format!("Amendment rule: one `simple` rule by `{methode}`, the method the chapter names; check it and add the other classes if any."),
            ),
            ReportMsg::RuleUnclear { methods } => pick(l, format!("**Le chapitre de modification nomme plusieurs façons de décider, ou en écarte une** ({methods}) : aucune n’a été choisie, et [modification.md](modification.md) contient une seule règle, « simple, par consentement ». Écrivez vos vraies règles d’après ce chapitre."), format!("**The amendment chapter names several ways to decide, or rules one out** ({methods}): none was picked, and [modification.md](modification.md) holds one rule, “simple, by consent”. Write your real rules from that chapter.")),
            ReportMsg::RuleNotUnderstood { chapter, instance } => match instance {
                None => pick(l, format!("**Le chapitre « {chapter} » énonce une règle de modification qui n’a pas été comprise** : son texte est dans [modification.md](modification.md), dont l’en-tête contient une seule règle par défaut, « simple, par consentement ». Écrivez-y la règle que le chapitre énonce."), format!("**The chapter “{chapter}” states an amendment rule that was not understood**: its text is in [modification.md](modification.md), whose front matter holds one rule by default, “simple, by consent”. Write there the rule the chapter states.")),
                Some(id) => pick(l, format!("**Le chapitre « {chapter} » dit qui décide (l’instance `{id}`), mais pas comment** : la règle de [modification.md](modification.md) est « simple, par consentement », décidée par `{id}` ; la méthode est un choix par défaut. Écrivez celle que le chapitre énonce."), format!("**The chapter “{chapter}” says who decides (the instance `{id}`), not how**: the rule in [modification.md](modification.md) is “simple, by consent”, decided by `{id}`; the method is a default. Write the one the chapter states.")),
            },
            ReportMsg::RuleMajority { majorite } => pick(l, format!("Majorité requise, d’après le chapitre : `{majorite}` (`majorite` de la règle)."), format!("Majority required, from the chapter: `{majorite}` (the rule's `majorite`).")),
            ReportMsg::RuleInstance { id, titre } => pick(l, format!("Instance qui décide, d’après le chapitre : `{id}` ({titre}), déclarée dans `instances` et nommée par `decide_par`."), format!("Body that decides, from the chapter: `{id}` ({titre}), declared in `instances` and named by `decide_par`.")),
            ReportMsg::RuleDefault => pick(l, "Règle de modification : `simple`, par `consentement` (par défaut).", "Amendment rule: `simple`, by `consentement` (by default)."),
            ReportMsg::StandsIn => pick(l, "(aucun nom dans le document : l’organisation tient le rôle)", "(no name in the document: the organisation holds the role)"),
            _ => return None,
        })
    }

    fn review(&self, l: Lang) -> String {
        match self {
            ReportMsg::Empty { file } => pick(l, format!("{file} : le document n’en dit rien ; écrivez-le."), format!("{file}: the document says nothing about it; write it.")),
            ReportMsg::Uncovered { plans } => pick(
                l,
                format!("Plans de la méthode que le document ne traite pas : {plans}. Ajoutez-les à `plans` dans [codesocial.yaml](codesocial.yaml) quand vous les écrirez."),
                format!("Plans of the method the document does not cover: {plans}. Add them to `plans` in [codesocial.yaml](codesocial.yaml) when you write them."),
            ),
            ReportMsg::LinkMoved { file, dest, now } => pick(l, format!("{file} : le lien {dest} mène maintenant à {now}."), format!("{file}: the link {dest} now leads to {now}.")),
            ReportMsg::WrittenBeside { source, folder } => pick(
                l,
                format!("**Le dépôt est écrit dans un nouveau dossier, {folder}**, à côté du document importé, {source}, qui reste où il est : importé dans le dossier qui le contient, le document y serait lu par `codesocial check` comme une page du site. Pour écrire ailleurs, donnez le dossier après le document : `codesocial import DOCUMENT DOSSIER`."),
                format!("**The repository is written into a new folder, {folder}**, beside the imported document, {source}, which stays where it is: imported into the folder that holds it, the document would be read there by `codesocial check` as a page of the site. To write elsewhere, give the folder after the document: `codesocial import DOCUMENT DIR`."),
            ),
            ReportMsg::SourceInside { source } => pick(
                l,
                format!("**Le document importé, {source}, est resté dans ce dossier** : il n’est pas dans le commit, et `codesocial check` ne le lit pas. Déplacez-le hors du dossier une fois la relecture faite."),
                format!("**The imported document, {source}, is still in this folder**: it is not in the commit, and `codesocial check` does not read it. Move it out of the folder once the review is done."),
            ),
            ReportMsg::Copied { from, to } => pick(
                l,
                format!("{from}, que le document montre ou cite, est copié dans {to} ; les liens y mènent. Vérifiez que vous pouvez le publier."),
                format!("{from}, which the document shows or links to, is copied to {to}; its links lead there. Check that you may publish it."),
            ),
            ReportMsg::LinkRemoved { file, dest } => pick(
                l,
                format!("{file} : le lien {dest} menait à un fichier absent du dépôt ; il est devenu du texte. Ajoutez le fichier et refaites le lien si besoin."),
                format!("{file}: the link {dest} led to a file that is not in the repository; it is now text. Add the file and link it again if needed."),
            ),
            ReportMsg::FrontFactUnread { key, entry } => {
                let (fr, en) = fact_expects(key);
                pick(
                    l,
                    format!("L’en-tête du document donne « {entry} », qui n’a pas été lu : `organisation.{key}` attend {fr}. L’entrée est recopiée telle quelle sous « En-tête du document non repris » ; écrivez la valeur dans [codesocial.yaml](codesocial.yaml) si elle existe."),
                    format!("The document's front matter gives “{entry}”, which was not read: `organisation.{key}` expects {en}. The entry is copied as written under “Front matter not kept”; write the value in [codesocial.yaml](codesocial.yaml) if there is one."),
                )
            }
            ReportMsg::FactUnread { key, line } => {
                let (fr, en) = fact_expects(key);
                pick(
                    l,
                    format!("La ligne « {line} » n’a pas été lue : `organisation.{key}` attend {fr}. Elle reste dans [informations.md](informations.md) ; écrivez la valeur dans [codesocial.yaml](codesocial.yaml) si elle existe."),
                    format!("The line “{line}” was not read: `organisation.{key}` expects {en}. It stays in [informations.md](informations.md); write the value in [codesocial.yaml](codesocial.yaml) if there is one."),
                )
            }
            ReportMsg::LinkUnsafe { file, dest } => pick(
                l,
                format!("{file} : le lien {dest} menait à une adresse qu’un site ne doit pas porter (un script, des données : `javascript:`, `data:`) ; il est devenu du texte."),
                format!("{file}: the link {dest} led to an address no site should carry (a script, data: `javascript:`, `data:`); it is now text."),
            ),
            ReportMsg::LinkNoPlace { file, dest } => pick(
                l,
                format!("{file} : le lien {dest} menait à un endroit du document qu’aucun titre, aucun identifiant ni aucun signet du document ne nomme ; il est devenu du texte. Refaites le lien vers le titre voulu si besoin."),
                format!("{file}: the link {dest} led to a place in the document that no heading, id or bookmark of the document names; it is now text. Link it again to the heading meant if needed."),
            ),
            ReportMsg::NothingInvented => pick(
                l,
                "Rien n’a été inventé : aucun principe, aucune offre du catalogue, aucune matrice de richesses. Chaque plan est une introduction (`index.md`) qui porte le texte du chapitre ; découpez-la en principes quand vous le voudrez.",
                "Nothing was invented: no principle, no catalogue offer, no wealth matrix. Each plan is an introduction (`index.md`) carrying the chapter's text; split it into principles when you want.",
            ),
            ReportMsg::UnreadIntro => pick(
                l,
                "Ces lignes de l’en-tête du document n’ont pas de place dans le format (ou n’ont pas pu être lues) ; les voici telles qu’elles étaient :",
                "These lines of the document's front matter have no place in the format (or could not be read); here they are as they were:",
            ),
            ReportMsg::Cleaning { shortcodes, artefacts } => pick(
                l,
                format!("{shortcodes} balise{} de constructeur de pages (`[vc_row]`…) et {artefacts} ligne{} de mise en page (commentaires de CMS, conteneurs HTML vides) retirées ; le texte qu’elles entouraient est gardé, et celui que portaient leurs attributs (titres, légendes, libellés, noms) aussi ; leurs réglages (identifiants, classes, couleurs, tailles) et les attributs des formulaires, galeries et médias ne sont pas du texte et n’ont pas été importés.", ending(Fr, *shortcodes), ending(Fr, *artefacts)),
                format!("{shortcodes} page-builder tag{} (`[vc_row]`…) and {artefacts} layout line{} (CMS comments, empty HTML wrappers) removed; the text they wrapped is kept, and so is the text their attributes carried (headings, captions, labels, names); their settings (ids, classes, colours, sizes) and the attributes of forms, galleries and media are not text and were not imported.", ending(En, *shortcodes), ending(En, *artefacts)),
            ),
            ReportMsg::Flattened { tags, depth } => pick(
                l,
                format!("{tags} balise{} HTML imbriquée{} à plus de {} niveaux retirée{} (leur texte est gardé) : aucune page n’en demande autant.", ending(Fr, *tags), ending(Fr, *tags), depth, ending(Fr, *tags)),
                format!("{tags} HTML tag{} nested more than {} levels deep removed (their text is kept): no page needs as many.", ending(En, *tags), depth),
            ),
            ReportMsg::Controls { count } => pick(
                l,
                format!("{count} caractère{} de contrôle ou séquence{} d’échappement de terminal (couleurs, titres de fenêtre) retiré{} : ce n’est pas du texte.", ending(Fr, *count), ending(Fr, *count), ending(Fr, *count)),
                format!("{count} control character{} or terminal escape sequence{} (colours, window titles) removed: they are not text.", ending(En, *count), ending(En, *count)),
            ),
            ReportMsg::NamesUnreadIntro => pick(
                l,
                "Ces mots suivaient un « Auteurs : », « Personnes référentes : »… sans être lus comme des noms ; ajoutez les membres à la main s’il le faut :",
                "These words followed an “Authors:”, “Referents:”… without being read as names; add the members by hand if needed:",
            ),
            ReportMsg::NameUnread { text, line } => pick(l, format!("« {text} », dans « {line} »"), format!("“{text}”, in “{line}”")),
            ReportMsg::FurnitureIntro => pick(
                l,
                "Autour de l’article, la page portait ces éléments de son thème ; ils n’ont pas été importés. Leur texte, pour vérifier que rien du #CodeSocial n’y était :",
                "Around the article, the page carried these pieces of its theme; they were not imported. Their text, to check that nothing of the #CodeSocial was in them:",
            ),
            ReportMsg::Furniture { what, text } => pick(l, format!("{what} : « {text} »"), format!("{what}: “{text}”")),
            _ => String::new(),
        }
    }
}

/// What a piece of a web page's furniture is, in words.
pub fn furniture(l: Lang, what: Furniture) -> &'static str {
    use Furniture as F;
    match (what, l) {
        (F::Header, Fr) => "en-tête du site",
        (F::Header, En) => "site header",
        (F::Menu, Fr) => "menu ou navigation",
        (F::Menu, En) => "menu or navigation",
        (F::Footer, Fr) => "pied de page",
        (F::Footer, En) => "footer",
        (F::Sidebar, Fr) => "barre latérale",
        (F::Sidebar, En) => "sidebar",
        (F::Comments, Fr) => "commentaires",
        (F::Comments, En) => "comments",
        (F::Share, Fr) => "boutons de partage",
        (F::Share, En) => "share buttons",
        (F::Banner, Fr) => "bandeau (cookies, fenêtre surgissante)",
        (F::Banner, En) => "banner (cookies, pop-up)",
        (F::Form, Fr) => "formulaire",
        (F::Form, En) => "form",
        (F::Related, Fr) => "articles liés",
        (F::Related, En) => "related posts",
        (F::Meta, Fr) => "date, auteur et catégories de l’article",
        (F::Meta, En) => "the post's date, author and categories",
        (F::Hidden, Fr) => "texte pour lecteurs d’écran",
        (F::Hidden, En) => "screen-reader text",
        (F::Button, Fr) => "bouton",
        (F::Button, En) => "button",
        (F::Frame, Fr) => "contenu intégré (adresse)",
        (F::Frame, En) => "embedded content (address)",
        (F::OutsideArticle, Fr) => "hors de l’article",
        (F::OutsideArticle, En) => "outside the article",
    }
}

/// The plural ending after `n` in `lang` (`jalon` → `jalons`, `milestone` → `milestones`).
fn ending(lang: Lang, n: usize) -> &'static str {
    plural(lang, n).pick("", "s")
}

/// "from the …" for each source of the organisation's name.
fn name_from(l: Lang, from: NameFrom) -> String {
    match from {
        NameFrom::Option => pick(l, "de --nom", "--nom"),
        NameFrom::FrontMatter => pick(l, "de l’en-tête du document", "the document's front matter"),
        NameFrom::FrontMatterTitle => pick(
            l,
            "du titre donné dans l’en-tête du document",
            "the title in the document's front matter",
        ),
        NameFrom::Title => pick(l, "du titre du document", "the document's title"),
        NameFrom::HtmlTitle => pick(l, "du titre de la page web", "the web page's title"),
        NameFrom::Folder => pick(l, "du nom du dossier", "the folder's name"),
    }
}

/// What a fact of the manifest expects, in French and English.
fn fact_expects(key: &str) -> (&'static str, &'static str) {
    match key {
        "licence" => (
            "un identifiant SPDX comme `CC-BY-SA-4.0`",
            "an SPDX identifier such as `CC-BY-SA-4.0`",
        ),
        "site" => ("une adresse `https://…`", "an `https://…` address"),
        _ => (
            "une date complète comme `2012-03-15`",
            "a full date such as `2012-03-15`",
        ),
    }
}
