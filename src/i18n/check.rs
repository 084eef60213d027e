//! The diagnostics `check` can report, one [`Record`] each: stable code, severity, message,
//! label and help, in both languages, written in one `match` arm. `docs/diagnostics.md`
//! documents each code; a test below keeps the two in step.
//!
//! Adding a rule: add a variant to [`Message`] with the values its sentences need, write
//! its arm in [`Message::record`], and document its code in `docs/diagnostics.md`.

use super::grammar::quoted_list_in;
use super::plural::{count, plural};
use super::record::{Both, Record};
use super::vocabulary::{Block, Cause, Odd, TemplateCondition};
use super::Lang::{En, Fr};

/// One problem `check` can find, with what it needs to be explained.
#[derive(Debug, Clone, PartialEq, strum::EnumIter)]
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
    /// Invalid UTF-8 at `line` and `column` (in characters, 1-based).
    NotUtf8 {
        line: usize,
        column: usize,
    },
    /// A text saved in UTF-16 (its byte-order mark says so); `big_endian` for `FE FF`.
    Utf16 {
        big_endian: bool,
    },
    Binary {
        offset: usize,
    },
    Symlink,
    CaseConflict {
        other: String,
    },
    // Front matter and YAML.
    /// `example`: what the file should start with (its kind's required keys).
    EmptyFile {
        example: String,
    },
    FrontMatterMissing {
        example: String,
    },
    /// The file starts with YAML keys up to a lone `---` at `closing_line`: only the
    /// opening `---` was deleted.
    FrontMatterOpeningMissing {
        closing_line: usize,
    },
    FrontMatterUnterminated,
    /// No `---` closes the front matter, but a line of four or more dashes seems meant to.
    FrontMatterTooManyDashes,
    /// A `---` line typed with look-alike dashes (`———`).
    FrontMatterDashes {
        code_point: u32,
        ch: String,
    },
    /// An invisible character on the opening `---` line: the front matter is not seen.
    /// An invisible character on the opening (`opening`) or closing `---` line.
    FrontMatterInvisible {
        ch: char,
        opening: bool,
    },
    /// No `---` closes the front matter before the body's text at `line`; the `---` at
    /// `closing_line` (a rule in the body) was read as its end.
    FrontMatterRunsIntoBody {
        line: usize,
        closing_line: usize,
    },
    YamlSyntax {
        cause: Cause,
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
        /// The file name to rename it to.
        suggestion: String,
        /// The first character an id cannot hold, and its position in the stem.
        culprit: Option<(char, usize)>,
    },
    /// A folder of `principes/` (the diagnostic's file) holding `documents` document
    /// files, whose name `plan` is no declared plan; `suggestion`, the declared plan it
    /// resembles.
    UndeclaredPlan {
        documents: usize,
        plan: String,
        known: Vec<String>,
        suggestion: Option<String>,
    },
    Misplaced {
        expected: String,
    },
    /// `HEAD`, `objects/` and `refs/` in the #CodeSocial folder: the look of a git
    /// directory, which the history never opens as the repository.
    GitDirectory,
    /// A file (or, `folder`, a folder: the diagnostic's file ends with `/`) whose name is
    /// not UTF-8, shown with `\xNN` for each byte that is not: never read.
    NameNotUtf8 {
        folder: bool,
    },
    /// A file of `static/` (the diagnostic's file) at the place of a file the site
    /// generates, `generated`, which it replaces; `source`, the repository file that page
    /// comes from, when one does.
    /// `file` (`static/…`) and `exact`: whether the paths are the same bytes, or differ
    /// only by case or Unicode normalisation.
    StaticOverride {
        file: String,
        generated: String,
        source: Option<String>,
        exact: bool,
    },
    /// A name of the #CodeSocial folder (the diagnostic's file) that is the site folder
    /// `site` (`static`, `templates`) only where names ignore case and normalisation
    /// (`Static`, `ſtatic`).
    SiteFolderSpelling {
        site: String,
    },
    /// A folder of `static/` or `templates/` (the diagnostic's file) that is a git
    /// repository of its own (a submodule's `.git` file, or a `.git` folder).
    NestedRepository,
    WrongExtension {
        expected: String,
    },
    ManifestVersion {
        found: String,
    },
    // Schema.
    /// A required key is missing; `options`, the values it takes when the schema lists
    /// them (`statut`: `propose`, `adopte`, `abroge`).
    Required {
        key: String,
        options: Vec<String>,
    },
    UnknownKey {
        key: String,
        suggestion: Option<String>,
        allowed: Vec<String>,
    },
    WrongType {
        expected: String,
        /// What the value looks like, when that says how to fix it.
        hint: TypeHint,
    },
    NotInEnum {
        value: String,
        options: Vec<String>,
        suggestion: Option<String>,
    },
    BadPattern {
        value: String,
        what: PatternKind,
        /// The value the writer meant, when sure (`2024-1-5` → `2024-01-05`).
        fixed: Option<String>,
        /// A letter typed for a digit in a date (`O` for `0`).
        letter: Option<char>,
        /// Why a date in words is no full date, when no `fixed` can be given.
        date: Option<DateHint>,
    },
    /// A number out of range: `detail` says the bound, `key` is the value's key (empty
    /// for a list's item) and `bound` what to write.
    OutOfRange {
        detail: String,
        key: String,
        bound: Bound,
    },
    TooFewItems {
        min: u64,
    },
    SchemaOther {
        detail: String,
    },
    /// `item` (NFC) stands twice in a list whose items are unique; `first_line` is the
    /// 1-based line of its first place; `forms_differ` when the two are written in
    /// different Unicode forms (composed and decomposed accents) that read the same.
    DuplicateItem {
        item: String,
        first_line: usize,
        forms_differ: bool,
    },
    // Dates.
    /// `hint` says which part does not exist when it can tell (`2026-02-30`: February 2026
    /// has 28 days), as the hints of dates written otherwise do.
    InvalidDate {
        value: String,
        hint: Option<DateHint>,
    },
    /// `date: 3024-01-01`: a date `years` years ahead, a typo in its year most likely;
    /// `suggestion` is the date with the year one typo away that is not in the future.
    FarFutureDate {
        value: String,
        years: i64,
        suggestion: Option<String>,
    },
    /// `second_key: second` is before `first_key: first`, which it must follow (`au`
    /// after `du`, `abroge_le` after `adopte_le`).
    DateOrder {
        first_key: &'static str,
        first: String,
        second_key: &'static str,
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
    /// One item of a reference list that is several known ids written with `;`, spaces or
    /// commas between them inside one item (`[a; b]`, `[a b]`): `fixed` is the items
    /// separated by commas, which replaces the item.
    UnseparatedItems {
        family: Reference,
        value: String,
        fixed: String,
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
    /// `[x](../../../etc/passwd)`: a relative link that climbs out of the #CodeSocial
    /// folder, where the site has nothing.
    LinkOutside {
        target: String,
    },
    /// A broken link written with backslashes (`..\\a.md`): `written` as typed, `fixed`
    /// with `/`.
    LinkBackslashes {
        written: String,
        fixed: String,
    },
    /// A broken link to a web address without `https://` (`www.example.org`): `written`
    /// as typed, `fixed` with the scheme.
    LinkWithoutScheme {
        written: String,
        fixed: String,
    },
    BrokenAnchor {
        target: String,
        anchor: String,
        suggestion: Option<String>,
        /// Some of the ids the page holds, to choose from.
        known: Vec<String>,
        /// How many more the page holds than `known` lists.
        more: usize,
        /// The anchor is written as `<a name="…">` on that page.
        named: bool,
        /// The anchor is an id the page's template writes only when the document has
        /// what it shows, which this one has not.
        when: Option<TemplateCondition>,
    },
    /// A link into a folder the site never publishes (hidden folders, `node_modules`…).
    NotPublished {
        target: String,
    },
    /// A link to a symbolic link, which codesocial never follows.
    LinkToSymlink {
        target: String,
    },
    /// A `#fragment` on a Markdown file the site publishes as a file, not as a page.
    AnchorInFile {
        target: String,
        anchor: String,
    },
    /// A link to a folder that has no page.
    LinkToFolder {
        target: String,
        example: String,
    },
    /// The same id twice on one page (raw HTML ids, or one equal to a footnote's).
    DuplicateAnchor {
        id: String,
    },
    /// `[statuts](mes statuts.pdf)`: link syntax with a space in its target, shown as text.
    MarkdownTooComplex {
        limit: usize,
    },
    /// `[statuts] (statuts.md)`: a space between a label and a link target, so that the
    /// page shows both as text; `fixed` is the link without it.
    LinkSpaceBeforeTarget {
        fixed: String,
        gap: LinkGap,
    },
    /// `[x]（cible）`: full-width parentheses (U+FF08, U+FF09) where a link wants `(` `)`.
    LinkFullWidthParentheses {
        fixed: String,
    },
    /// `[^2]` with no definition `[^2]: …` in the text: shown as text.
    FootnoteUndefined {
        label: String,
    },
    /// `[^1]: …` a second time in one text: the page shows both notes, the references
    /// lead to the first.
    FootnoteDefinedTwice {
        label: String,
        first_line: usize,
    },
    /// `[texte](page.md` with no `)`: the page shows it as text; `fixed` is the link closed.
    LinkUnclosed {
        fixed: String,
    },
    /// `[texte][ref]` with no definition `[ref]: …`: the page shows it as text.
    LinkUndefinedReference {
        label: String,
    },
    /// `missing` when no file bears the name written (the space kept): the link would
    /// still lead nowhere once written `<…>`.
    LinkNotRecognised {
        dest: String,
        missing: bool,
    },
    /// `[statuts](S:\Partage\statuts.docx)`, `file:///C:/…`, `javascript:…`: an address
    /// the site removes (a file of one computer, or a script), leaving text with no link.
    LinkRemoved {
        dest: String,
    },
    /// `[x](javascript:…)`: a link to a script, which the sanitiser removes (a warning:
    /// removing it is the point; a file of one computer is an error, a link was meant).
    LinkToScript {
        dest: String,
    },
    /// An id in raw HTML equal to the anchor of a heading of the same page: the heading
    /// takes another id and `#id` leads to the element.
    HeadingAnchorTaken {
        id: String,
    },
    /// A heading whose anchor is one of the page's own ids (`## cs-history`): it takes
    /// `given`, and `#anchor` leads to the site's section.
    HeadingAnchorReserved {
        anchor: String,
        given: String,
    },
    /// An id in raw HTML that HTML does not allow: empty, or holding a space.
    InvalidAnchorId {
        id: String,
    },
    // Semantic rules.
    DuplicateId {
        id: String,
        other: String,
    },
    /// Two entries of one list of a document share an `id` (`enjeux`, `plans`,
    /// `instances`…): at the second, with the first's line.
    DuplicateListId {
        id: String,
        list: String,
        first_line: usize,
    },
    CapitalOver {
        total: String,
    },
    SelfFlow {
        member: String,
    },
    UnitVariants {
        unit: String,
        kept: String,
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
    /// A proposed principle's `remplace` names an abrogated one: nothing in force
    /// replaces it until the proposal is adopted.
    ReplacedByProposal {
        id: String,
    },
    EmptyPlan {
        plan: String,
    },
    /// `##Titre`: `hashes` followed by a letter, no space, so the line is no heading.
    HeadingWithoutSpace {
        hashes: String,
    },
    /// An invisible or special character that breaks a Markdown line's structure: before
    /// its `marker` (`##`, `-`…), after it (`before` false), or a byte-order mark in the
    /// middle of a file (no marker).
    InvisibleInMarkdown {
        ch: char,
        marker: String,
        before: bool,
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
    /// `kept` is what YAML read, `intended` the whole value as written; `quotes` the
    /// typographic quotes around it (`“`, `”`), which YAML does not read as quotes.
    HashtagComment {
        kept: String,
        intended: String,
        quotes: Option<(char, char)>,
    },
    /// A character a terminal acts on (`escape::is_control`), written as it is or as a YAML
    /// escape; `column` counts characters, as the diagnostic's own column does.
    /// `escape` is the YAML escape as written (`\r`) when the character was written so.
    /// `more` holds the columns of the line's further control characters (one warning per
    /// line), so that one fix removes them all.
    ControlCharacter {
        code_point: u32,
        name: String,
        column: usize,
        escape: Option<String>,
        more: Vec<usize>,
    },
    /// `resume: #important`: the whole value is a comment, YAML reads nothing.
    CommentedOutValue {
        intended: String,
    },
    JalonsOrder {
        date: String,
        previous: String,
    },
}

/// What separates a link's `]` from its `(` (or stands for the parentheses), so that the
/// page shows the link as text.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub enum LinkGap {
    /// Spaces or tabs.
    #[default]
    Space,
    /// A no-break space (U+00A0) or narrow no-break space (U+202F), what a French keyboard
    /// or a word processor puts there.
    NoBreakSpace,
    /// A line break.
    LineBreak,
}

/// What a value of the wrong type looks like, for the help.
/// What a reference list names (the field's family, for [`Message::UnseparatedItems`]).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub enum Reference {
    #[default]
    Membre,
    Principe,
    Offre,
    Plan,
}

#[derive(Debug, Clone, PartialEq, Eq, Default)]
pub enum TypeHint {
    #[default]
    None,
    /// A number or `true`/`false` where text is expected: `titre: 2024`.
    Quote { key: String, text: String },
    /// A decimal comma where a number is expected: `valeur: 850,50`.
    DecimalComma { fixed: String },
    /// A whole number written with more than its digits where one is expected
    /// (`version: v3`, `version: 1,0`): the digits typed.
    Integer { key: String, fixed: String },
    /// A number with decimals where a whole number is expected (`version: 2,5` or `2.5`):
    /// the whole numbers on either side.
    WholeNumber {
        key: String,
        below: String,
        above: String,
    },
    /// Digits grouped by spaces where a number is expected: `valeur: 1 200`.
    GroupedDigits { fixed: String },
    /// A number with a special space or invisible character (`ch`) before or after it:
    /// `valeur: 850\u{a0}`; `fixed` is the number alone.
    OddAroundNumber {
        key: String,
        fixed: String,
        ch: char,
    },
    /// A number written as on paper (`1.200,50 €`): grouping marks, a decimal comma, a
    /// currency (`unit`, as written).
    Number { fixed: String, unit: Option<String> },
    /// A number between quotes where a number is expected: `version: "2"`.
    Unquote { key: String, fixed: String },
    /// Text where a list is expected: `acteurs: a, b`, `(a, b)`, `a; b`; `fixed` is `[a, b]`.
    List { key: String, fixed: String },
    /// `-claire` then `- mathieu`: a dash glued to the first item, which makes the lines
    /// one text; the items.
    GluedDash { key: String, items: Vec<String> },
    /// A list typed with bullets (`• a`, `– a`, `* a`): its items.
    Bullets { key: String, items: Vec<String> },
    /// `{a, b}` (a mapping) where a list is expected; `fixed` is `[a, b]`.
    Braces { key: String, fixed: String },
    /// A number in a date field (`adopte_le: 2014`): the date its digits form, if any.
    DateNumber {
        key: String,
        fixed: Option<String>,
        text: String,
    },
    /// A number YAML cannot read as a plain decimal (`.inf`, `1e9999`, `0x10`, `3,2k`);
    /// `integer` when the field takes whole numbers only.
    PlainNumber { integer: bool },
    /// Nothing where a value is expected (`titre:`, `titre: ~`); `key` is empty for a
    /// list's item.
    Empty { key: String },
    /// A mapping (`{…}`) or a list (`[…]`, `list`) where text is expected: `written` is
    /// the value as typed on its line (`{Brouillon}`), to quote.
    Collection {
        key: String,
        list: bool,
        written: Option<String>,
    },
    /// `[coopération, offre : vente]` or `- offre : vente` where text is expected: YAML
    /// reads an item holding `: ` as a key and its value; `written` is the item as typed.
    ColonInItem { written: String },
}

/// The bound a number broke.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Bound {
    /// At least this (`version: 0` where versions start at 1).
    AtLeast(String),
    /// Greater than this.
    Above(String),
    /// At most this.
    AtMost(String),
}

impl Default for Bound {
    fn default() -> Self {
        Bound::AtLeast(String::new())
    }
}

/// Why a date in words or digits is no full date (`septembre 2014`, `31 septembre 2014`).
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum DateHint {
    /// A month and a year, no day: `month` is `YYYY-MM`.
    NoDay { month: String },
    /// A day and a month, no year (`le 3 décembre`), or two digits of it (`short`:
    /// `31/12/26`): the year is the writer's to give.
    YearMissing {
        day: u32,
        month: u32,
        short: Option<String>,
    },
    /// A day the month does not have; `days` is how many it has.
    NoSuchDay {
        day: u32,
        month: u32,
        year: u32,
        days: u32,
    },
}

/// What a pattern error was about, to give the right help.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub enum PatternKind {
    #[default]
    Id,
    Date,
    PartialDate,
    Url,
    Currency,
    OfferRef,
    /// A path inside `static/` (no `..`, not absolute) or a web address.
    StaticPath,
    Other,
}

impl From<Message> for Record {
    fn from(message: Message) -> Record {
        message.record()
    }
}

impl Message {
    /// Everything this diagnostic says.
    pub fn record(&self) -> Record {
        use Message::*;
        use Record as R;
        match self {
            // Reading files.
            ReadFailed { reason } => R::error(
                "codesocial::io::read",
                format!("lecture impossible : {reason}"),
                format!("cannot read the file: {reason}"),
            )
            .help("vérifiez les droits du fichier", "check the file's permissions"),
            TooLarge { size, limit } => R::error(
                "codesocial::io::too-large",
                format!("fichier trop gros ({size} octets, limite {limit})"),
                format!("file too large ({size} bytes, limit {limit})"),
            )
            .help(
                "découpez le fichier, ou relevez la limite avec CODESOCIAL_MAX_FILE_SIZE",
                "split the file, or raise the limit with CODESOCIAL_MAX_FILE_SIZE",
            ),
            TotalTooLarge { limit } => R::error(
                "codesocial::io::too-large",
                format!("fichier non lu : les fichiers lus dépassent déjà {limit} octets au total"),
                format!("file not read: the files read already exceed {limit} bytes in all"),
            )
            .help(
                "retirez les gros fichiers des dossiers du #CodeSocial, ou relevez la limite avec CODESOCIAL_MAX_TOTAL_SIZE",
                "move large files out of the #CodeSocial's folders, or raise the limit with CODESOCIAL_MAX_TOTAL_SIZE",
            ),
            NotUtf8 { line, column } => R::error(
                "codesocial::encoding::utf8",
                format!("le fichier n’est pas en UTF-8 valide (ligne {line}, colonne {column})"),
                format!("the file is not valid UTF-8 (line {line}, column {column})"),
            )
            .help(
                "enregistrez le fichier en UTF-8 depuis votre éditeur",
                "save the file as UTF-8 from your editor",
            ),
            Utf16 { big_endian } => {
                let order = if *big_endian { "BE" } else { "LE" };
                R::error(
                    "codesocial::encoding::utf8",
                    format!("le fichier est enregistré en UTF-16 ({order}), pas en UTF-8"),
                    format!("the file is saved as UTF-16 ({order}), not UTF-8"),
                )
                .help(
                    "enregistrez-le en UTF-8 : « Enregistrer sous », puis « Codage : UTF-8 » dans le Bloc-notes, « Jeu de caractères : Unicode (UTF-8) » dans LibreOffice",
                    "save it as UTF-8: \"Save as\", then \"Encoding: UTF-8\" in Notepad, \"Character set: Unicode (UTF-8)\" in LibreOffice",
                )
            }
            Binary { offset } => R::error(
                "codesocial::encoding::binary",
                format!("fichier binaire : octet nul à la position {offset}"),
                format!("binary file: NUL byte at offset {offset}"),
            )
            .help(
                "un document du #CodeSocial est du texte ; déplacez ce fichier hors de ce dossier",
                "a #CodeSocial document is text; move this file out of this folder",
            ),
            Symlink => R::error(
                "codesocial::layout::symlink",
                "lien symbolique ignoré",
                "symbolic link not followed",
            )
            .help(
                "remplacez le lien par le fichier lui-même",
                "replace the link with the file itself",
            ),
            CaseConflict { other } => R::error(
                "codesocial::layout::case-conflict",
                format!("ce nom ne diffère de `{other}` que par la casse"),
                format!("this name differs from `{other}` only by case"),
            )
            .help(
                "renommez l’un des deux : macOS et Windows ne peuvent pas les distinguer",
                "rename one of them: macOS and Windows cannot tell them apart",
            ),
            // Front matter and YAML.
            EmptyFile { example } => R::error("codesocial::front-matter::empty", "fichier vide", "empty file")
                .help(
                    format!("commencez le fichier par :\n{example}"),
                    format!("start the file with:\n{example}"),
                ),
            FrontMatterMissing { example } => R::error(
                "codesocial::front-matter::missing",
                "en-tête YAML manquant : le fichier doit commencer par une ligne `---`",
                "missing front matter: the file must start with a `---` line",
            )
            .help(
                format!("commencez le fichier par un en-tête :\n{example}"),
                format!("start the file with front matter:\n{example}"),
            ),
            FrontMatterOpeningMissing { closing_line } => R::error(
                "codesocial::front-matter::missing",
                "le `---` d’ouverture manque : ajoutez une ligne `---` à la ligne 1",
                "the opening `---` is missing: add one line `---` at line 1",
            )
            .label("l’en-tête commence ici", "the front matter starts here")
            .help(
                format!("les clés jusqu’au `---` de la ligne {closing_line} sont l’en-tête : sans la ligne `---` qui l’ouvre, elles sont lues comme du texte"),
                format!("the keys up to the `---` on line {closing_line} are the front matter: without the `---` line that opens it, they read as text"),
            ),
            FrontMatterDashes { code_point, ch } => R::error(
                "codesocial::front-matter::missing",
                format!("cette ligne est faite de tirets typographiques (`{ch}`, U+{code_point:04X}), pas de `---`"),
                format!("this line is made of typographic dashes (`{ch}`, U+{code_point:04X}), not `---`"),
            )
            .label("tirets typographiques", "typographic dashes")
            .help(
                "écrivez trois traits d’union ordinaires `---` (un traitement de texte les change en tirets longs)",
                "write three ordinary hyphens `---` (a word processor turns them into long dashes)",
            ),
            FrontMatterInvisible { ch, opening } => {
                let odd = Odd::of(*ch, false).unwrap_or(Odd::ZeroWidthSpace);
                let name = odd_name(odd, *ch);
                if *opening {
                    R::error(
                        "codesocial::front-matter::missing",
                        format!("{} sur la ligne `---` qui ouvre l’en-tête : elle n’est pas lue comme `---`, l’en-tête n’est pas vu", name.fr),
                        format!("{} on the `---` line that opens the front matter: it does not read as `---`, the front matter is not seen", name.en),
                    )
                    .label("caractère invisible", "invisible character")
                    .help(
                        "supprimez ce caractère invisible (un copier-coller en laisse) : la première ligne doit être exactement `---`",
                        "delete this invisible character (a paste leaves them): the first line must be exactly `---`",
                    )
                } else {
                    R::error(
                        "codesocial::front-matter::unterminated",
                        format!("{} sur la ligne `---` qui ferme l’en-tête : elle n’est pas lue comme `---`, l’en-tête ne se ferme pas", name.fr),
                        format!("{} on the `---` line that closes the front matter: it does not read as `---`, the front matter is not closed", name.en),
                    )
                    .label("caractère invisible", "invisible character")
                    .help(
                        "supprimez ce caractère invisible (un copier-coller en laisse) : la ligne qui ferme l’en-tête doit être exactement `---`",
                        "delete this invisible character (a paste leaves them): the line that closes the front matter must be exactly `---`",
                    )
                }
            }
            FrontMatterRunsIntoBody { line, closing_line } => R::error(
                "codesocial::front-matter::unterminated",
                format!("l’en-tête YAML semble ne pas être fermé : le texte de la ligne {line} est lu comme du YAML"),
                format!("the front matter seems not to be closed: the text of line {line} is read as YAML"),
            )
            .label("le texte commence ici", "the text starts here")
            .help(
                format!("ajoutez une ligne `---` avant la ligne {line}, après la dernière clé de l’en-tête (le `---` de la ligne {closing_line} est lu comme sa fin)"),
                format!("add a `---` line before line {line}, after the last key of the front matter (the `---` on line {closing_line} is read as its end)"),
            ),
            FrontMatterTooManyDashes => R::error(
                "codesocial::front-matter::unterminated",
                "en-tête YAML non fermé : cette ligne a plus de trois tirets, et l’en-tête se termine par exactement `---`",
                "unterminated front matter: this line has more than three dashes, and front matter ends with exactly `---`",
            )
            .label("pas `---`", "not `---`")
            .help(
                "écrivez exactement trois tirets `---` sur cette ligne",
                "write exactly three dashes `---` on this line",
            ),
            FrontMatterUnterminated => R::error(
                "codesocial::front-matter::unterminated",
                "en-tête YAML non fermé : aucune ligne `---` ne le termine",
                "unterminated front matter: no closing `---` line",
            )
            .help(
                "ajoutez une ligne `---` après la dernière clé de l’en-tête",
                "add a `---` line after the last key of the front matter",
            ),
            YamlSyntax { cause } => yaml_syntax(cause),
            DuplicateKey { key, first_line } => R::error(
                "codesocial::yaml::duplicate-key",
                format!("clé `{key}` en double (déjà définie ligne {first_line})"),
                format!("duplicate key `{key}` (first defined on line {first_line})"),
            )
            .label("en double", "duplicate")
            .help("gardez une seule de ces clés", "keep only one of these keys"),
            AliasLimit => R::error(
                "codesocial::yaml::alias-limit",
                "trop d’expansions d’alias YAML (limite de sécurité)",
                "too many YAML alias expansions (safety limit)",
            )
            .help(SIMPLIFY_FR, SIMPLIFY_EN),
            TooDeep => R::error(
                "codesocial::yaml::too-deep",
                "imbrication YAML trop profonde",
                "YAML nesting too deep",
            )
            .help(SIMPLIFY_FR, SIMPLIFY_EN),
            NonScalarKey => R::error(
                "codesocial::yaml::complex-key",
                "une clé doit être un simple texte",
                "a key must be plain text",
            ),
            MultipleDocuments => R::error(
                "codesocial::yaml::multiple-documents",
                "un seul document YAML est attendu par fichier",
                "only one YAML document is expected per file",
            )
            .help("retirez la ligne `---` en trop", "remove the extra `---` line"),
            NotAMapping => R::error(
                "codesocial::schema::type",
                "le document doit être un ensemble de clés (`clé: valeur`)",
                "the document must be a mapping (`key: value`)",
            ),
            // Layout.
            MissingFile { path } => R::error(
                "codesocial::layout::missing-file",
                format!("fichier obligatoire absent : `{path}`"),
                format!("required file missing: `{path}`"),
            )
            .help(
                format!("créez `{path}` (`codesocial init` en crée un modèle)"),
                format!("create `{path}` (`codesocial init` writes a template)"),
            ),
            InvalidFileId { stem, suggestion, culprit } => {
                let (fr, en) = match culprit {
                    Some((c, at)) => {
                        let name = char_name(*c);
                        (format!(" : {} en position {at}", name.fr), format!(": {} at position {at}", name.en))
                    }
                    None => (String::new(), String::new()),
                };
                R::error(
                    "codesocial::layout::invalid-id",
                    format!("`{stem}` n’est pas un identifiant valide{fr}"),
                    format!("`{stem}` is not a valid identifier{en}"),
                )
                .help(
                    format!("renommez le fichier en `{suggestion}` : un identifiant s’écrit en minuscules sans accents, chiffres et tirets (les liens et références à ce document s’écrivent déjà ainsi)"),
                    format!("rename the file to `{suggestion}`: an identifier is lowercase ASCII letters, digits and hyphens (links and references to this document already use it)"),
                )
            }
            UndeclaredPlan { documents, plan, known, suggestion } => {
                let record = R::error(
                    "codesocial::layout::undeclared-plan",
                    format!("le plan `{plan}` de ce dossier ({}) n’est pas déclaré dans `codesocial.yaml`", count(Fr, *documents, "document", "documents")),
                    format!("this folder's plan `{plan}` ({}) is not declared in `codesocial.yaml`", count(En, *documents, "document", "documents")),
                );
                match suggestion {
                    Some(meant) => record.help(
                        format!("renommez le dossier en `principes/{meant}/`, le plan déclaré le plus proche : les liens vers `principes/{meant}/…` mèneront alors à ses fichiers ; ou ajoutez `{plan}` à `plans` dans `codesocial.yaml`"),
                        format!("rename the folder to `principes/{meant}/`, the closest declared plan: links to `principes/{meant}/…` then lead to its files; or add `{plan}` to `plans` in `codesocial.yaml`"),
                    ),
                    None => record.help(
                        format!("plans déclarés : {} ; ou ajoutez ce plan à `plans` dans `codesocial.yaml`", quoted_list_in(Fr, known)),
                        format!("declared plans: {}; or add this plan to `plans` in `codesocial.yaml`", quoted_list_in(En, known)),
                    ),
                }
            }
            Misplaced { expected } => R::warning(
                "codesocial::layout::misplaced",
                "ce fichier n’est à aucune place prévue par le format : il est ignoré",
                "this file is not where the format expects documents: it is ignored",
            )
            .help(format!("emplacements prévus : {expected}"), format!("expected places: {expected}")),
            GitDirectory => R::warning(
                "codesocial::layout::git-directory",
                "ce dossier contient de quoi faire un dépôt git (`HEAD` avec `objects/` et `refs/`, ou un fichier `commondir`, ou un fichier `.git` qui désigne un dossier à l’intérieur) : codesocial l’ignore et lit l’historique du dépôt qui contient le dossier, mais git pourrait le prendre pour un dépôt",
                "this folder holds what makes a git repository (`HEAD` with `objects/` and `refs/`, or a `commondir` file, or a `.git` file naming a folder inside it): codesocial ignores them and reads the history of the repository that holds the folder, but git could take it for a repository",
            )
            .help(
                "supprimez ces fichiers du dépôt (`git rm -r --cached HEAD objects refs commondir`, selon ceux qui existent) : ils n’ont pas leur place dans un #CodeSocial",
                "remove these files from the repository (`git rm -r --cached HEAD objects refs commondir`, those that exist): they have no place in a #CodeSocial",
            ),
            NameNotUtf8 { folder } => {
                let (fr, en) = if *folder {
                    ("le nom de ce dossier n’est pas en UTF-8 (chaque octet qui ne l’est pas est montré `\\xNN`) : codesocial ne lit aucun fichier dedans, et le site n’en publie aucun", "this folder's name is not UTF-8 (each byte that is not is shown as `\\xNN`): codesocial reads no file in it, and the site publishes none")
                } else {
                    ("le nom de ce fichier n’est pas en UTF-8 (chaque octet qui ne l’est pas est montré `\\xNN`) : codesocial ne peut pas le lire, ni un lien y mener", "this file's name is not UTF-8 (each byte that is not is shown as `\\xNN`): codesocial cannot read it, and no link can lead to it")
                };
                R::error("codesocial::layout::name-not-utf8", fr, en).help(
                    "renommez-le avec un nom en UTF-8 (`git mv`, ou `convmv -f latin1 -t utf-8 --notest` pour un nom écrit en Latin-1) ; un identifiant s’écrit en minuscules sans accents, chiffres et tirets",
                    "rename it with a UTF-8 name (`git mv`, or `convmv -f latin1 -t utf-8 --notest` for a name written in Latin-1); an identifier is lowercase ASCII letters, digits and hyphens",
                )
            }
            StaticOverride { file, generated, source, exact } => {
                let generated = code_span(generated);
                let (fr, en) = match source {
                    Some(source) => {
                        let source = code_span(source);
                        (format!(" (la page de {source})"), format!(" (the page of {source})"))
                    }
                    None => (String::new(), String::new()),
                };
                let (fr, en) = if *exact {
                    (
                        format!("ce fichier de `static/` remplace dans le site le fichier généré {generated}{fr} : le site publiera ce fichier à sa place"),
                        format!("this file of `static/` replaces the generated file {generated}{en} in the site: the site will publish this file instead"),
                    )
                } else {
                    let file = code_span(file);
                    (
                        format!("ce fichier de `static/`, {file}, et le fichier généré {generated}{fr} ne diffèrent que par la casse ou la normalisation Unicode (NFC/NFD) : sur macOS et Windows, et dans une archive du site dépliée là, c’est un seul fichier, et l’un remplace l’autre"),
                        format!("this file of `static/`, {file}, and the generated file {generated}{en} differ only by case or Unicode normalisation (NFC/NFD): on macOS and Windows, and in a site archive unpacked there, they are one file, and one replaces the other"),
                    )
                };
                R::warning("codesocial::layout::static-override", fr, en)
                .help(
                    "renommez ou supprimez ce fichier, sauf si le remplacement est voulu ; pour changer l’allure d’une page générée, modifiez son gabarit dans `templates/`",
                    "rename or remove this file unless the replacement is meant; to change how a generated page looks, edit its template in `templates/`",
                )
            }
            SiteFolderSpelling { site } => R::warning(
                "codesocial::layout::site-folder-spelling",
                format!("ce nom ne diffère de `{site}/` que par la casse ou l’Unicode : sur macOS et Windows, `build` y lit le dossier `{site}/` du site, et sur Linux l’ignore ; le même dépôt ne publie pas le même site partout (`diff --enforce` juge ses fichiers comme ceux du site)"),
                format!("this name differs from `{site}/` only by case or Unicode: on macOS and Windows `build` reads it as the site's `{site}/` folder, on Linux it ignores it; the same repository does not publish the same site everywhere (`diff --enforce` judges its files as the site's)"),
            )
            .help(
                format!("renommez-le `{site}` (`git mv`, en deux temps sur macOS et Windows : vers un nom provisoire, puis vers `{site}`), ou donnez-lui un nom qui n’en est pas une variante"),
                format!("rename it `{site}` (`git mv`, in two steps on macOS and Windows: to a temporary name, then to `{site}`), or give it a name that is no spelling of it"),
            ),
            NestedRepository => R::warning(
                "codesocial::layout::nested-repository",
                "ce dossier du site est un dépôt git à part (un sous-module, ou un dépôt cloné dedans) : `build` publie ses fichiers (jamais son `.git`), mais `diff --enforce` ne juge que le commit que désigne le sous-module, pas ce que ses fichiers disent",
                "this folder of the site is a git repository of its own (a submodule, or a repository cloned inside): `build` publishes its files (never its `.git`), but `diff --enforce` judges only the commit the submodule points to, not what its files say",
            )
            .help(
                "copiez ses fichiers dans le dépôt (`git rm` du sous-module, puis `git add` des fichiers) pour qu’ils soient revus comme le reste du site ; sinon, relisez chaque changement du commit désigné comme un changement du site",
                "copy its files into the repository (`git rm` the submodule, then `git add` the files) so that they are reviewed like the rest of the site; otherwise review each change of the commit it points to as a change of the site",
            ),
            WrongExtension { expected } => R::error(
                "codesocial::layout::extension",
                format!("extension inattendue : ce fichier devrait s’appeler `{expected}`"),
                format!("unexpected extension: this file should be named `{expected}`"),
            )
            .help(
                format!("renommez-le en `{expected}` : le site ne publie un document que sous ce nom"),
                format!("rename it to `{expected}`: the site publishes a document under that name only"),
            ),
            ManifestVersion { found } => R::error(
                "codesocial::manifeste::version",
                format!("version du format non prise en charge : `{found}`"),
                format!("unsupported format version: `{found}`"),
            )
            .help(
                "écrivez `codesocial: 1` (le nombre, sans guillemets) ; cette version de l’outil lit le format 1",
                "write `codesocial: 1` (the number, unquoted); this version of the tool reads format 1",
            ),
            // Schema.
            Required { key, options } => {
                let record = R::error(
                    "codesocial::schema::required",
                    format!("clé obligatoire `{key}` absente"),
                    format!("missing required key `{key}`"),
                )
                .label("il manque une clé ici", "a key is missing here");
                if options.is_empty() {
                    record.help(format!("ajoutez `{key}: …`"), format!("add `{key}: …`"))
                } else {
                    record.help(
                        format!("ajoutez `{key}: …` avec l’une de ces valeurs : {}", quoted_list_in(Fr, options)),
                        format!("add `{key}: …` with one of these values: {}", quoted_list_in(En, options)),
                    )
                }
            }
            UnknownKey { key, suggestion, allowed } => R::error(
                "codesocial::schema::unknown-key",
                format!("clé inconnue `{key}`"),
                format!("unknown key `{key}`"),
            )
            .label("clé inconnue", "unknown key")
            .help(
                format!("clés possibles : {}", quoted_list_in(Fr, allowed)),
                format!("possible keys: {}", quoted_list_in(En, allowed)),
            )
            .suggest(suggestion),
            WrongType { expected, hint } => wrong_type(expected, hint),
            NotInEnum { value, options, suggestion } => R::error(
                "codesocial::schema::enum",
                format!("valeur non prévue : `{value}`"),
                format!("unexpected value `{value}`"),
            )
            .help(
                format!("valeurs possibles : {}", quoted_list_in(Fr, options)),
                format!("possible values: {}", quoted_list_in(En, options)),
            )
            .suggest(suggestion),
            BadPattern { value, what, fixed, letter, date } => {
                let record = bad_pattern(value, *what, fixed.as_deref(), *letter);
                match date {
                    Some(hint) => date_help(record, hint),
                    None => record,
                }
            }
            OutOfRange { detail, key, bound } => {
                let record = R::error(
                    "codesocial::schema::range",
                    format!("valeur hors limites : {detail}"),
                    format!("value out of range: {detail}"),
                );
                let (what_fr, what_en) = if key.is_empty() {
                    ("cette valeur".to_string(), "this value".to_string())
                } else {
                    (format!("`{key}`"), format!("`{key}`"))
                };
                match bound {
                    Bound::AtLeast(limit) => {
                        let example = if key.is_empty() { format!("`{limit}`") } else { format!("`{key}: {limit}`") };
                        record.help(
                            format!("{what_fr} vaut au moins {limit} : écrivez un nombre à partir de {limit}, par exemple {example}"),
                            format!("{what_en} is at least {limit}: write a number from {limit} up, for example {example}"),
                        )
                    }
                    Bound::Above(limit) => record.help(
                        format!("{what_fr} est strictement plus grand que {limit} : écrivez un nombre au-dessus de {limit}"),
                        format!("{what_en} is greater than {limit}: write a number above {limit}"),
                    ),
                    Bound::AtMost(limit) => record.help(
                        format!("{what_fr} vaut au plus {limit} : écrivez un nombre jusqu’à {limit}"),
                        format!("{what_en} is at most {limit}: write a number up to {limit}"),
                    ),
                }
            }
            TooFewItems { min } => R::error(
                "codesocial::schema::min-items",
                format!(
                    "au moins {min} {}",
                    plural(Fr, *min as usize).pick("élément attendu", "éléments attendus")
                ),
                format!("at least {} expected", count(En, *min as usize, "item", "items")),
            ),
            SchemaOther { detail } => R::error(
                "codesocial::schema::invalid",
                format!("valeur non conforme : {detail}"),
                format!("invalid value: {detail}"),
            ),
            DuplicateItem { item, first_line, forms_differ } => {
                let (fr, en) = if *forms_differ {
                    (
                        " ; les deux s’écrivent différemment en Unicode (accents composés et décomposés, collés d’un PDF ou d’un Mac) mais se lisent de même",
                        "; the two are written differently in Unicode (composed and decomposed accents, pasted from a PDF or a Mac) but read the same",
                    )
                } else {
                    ("", "")
                };
                R::error(
                    "codesocial::schema::invalid",
                    format!("valeur non conforme : `{item}` figure deux fois dans la liste (déjà ligne {first_line}){fr}"),
                    format!("invalid value: `{item}` stands twice in the list (already on line {first_line}){en}"),
                )
                .label("en double", "duplicate")
                .help("retirez l’un des deux", "remove one of the two")
            }
            // Dates.
            InvalidDate { value, hint } => {
                let record = R::error(
                    "codesocial::date::invalid",
                    format!("date inexistante : `{value}`"),
                    format!("no such date: `{value}`"),
                );
                match hint {
                    Some(hint) => date_help(record, hint),
                    None => record.help("vérifiez le jour et le mois", "check the day and the month"),
                }
            }
            FarFutureDate { value, years, suggestion } => {
                let record = R::warning(
                    "codesocial::date::far-future",
                    format!("`{value}` est dans {years} ans : une faute de frappe dans l’année ?"),
                    format!("`{value}` is {years} years ahead: a typo in the year?"),
                )
                .label("date lointaine", "distant date");
                match suggestion {
                    Some(fixed) => record.help(
                        format!("vérifiez l’année : `{fixed}` ?"),
                        format!("check the year: `{fixed}`?"),
                    ),
                    None => record.help("vérifiez l’année", "check the year"),
                }
            }
            DateOrder { first_key, first, second_key, second } => R::error(
                "codesocial::date::order",
                format!("`{second_key}: {second}` est antérieure à `{first_key}: {first}`, alors qu’elle doit venir après"),
                format!("`{second_key}: {second}` is before `{first_key}: {first}`, yet it must come after it"),
            )
            .label("avant la date de début", "before the start date")
            .help(
                format!("`{first_key}` est la date de début et `{second_key}` celle de fin : échangez les deux dates si elles sont inversées, sinon corrigez l’une d’elles"),
                format!("`{first_key}` is the start date and `{second_key}` the end date: swap the two dates if they are reversed, else correct one of them"),
            ),
            // References.
            UnknownMember { id, suggestion } => unknown(
                "codesocial::reference::membre",
                Both::new(format!("membre inconnu `{id}`"), format!("unknown member `{id}`")),
            )
            .help(
                "chaque membre a un fichier `membres/<id>.md`",
                "each member has a file `membres/<id>.md`",
            )
            .suggest(suggestion),
            UnknownPrinciple { id, suggestion } => unknown(
                "codesocial::reference::principe",
                Both::new(format!("principe inconnu `{id}`"), format!("unknown principle `{id}`")),
            )
            .help(
                "chaque principe a un fichier `principes/<plan>/<id>.md`",
                "each principle has a file `principes/<plan>/<id>.md`",
            )
            .suggest(suggestion),
            UnknownOffer { id, suggestion } => unknown(
                "codesocial::reference::offre",
                Both::new(format!("offre inconnue `{id}`"), format!("unknown offer `{id}`")),
            )
            .help(
                "chaque offre a un fichier `catalogue/<id>.md` ; `org:id` désigne une offre de l’écosystème",
                "each offer has a file `catalogue/<id>.md`; `org:id` names an ecosystem offer",
            )
            .suggest(suggestion),
            UnknownPlan { id, suggestion } => unknown(
                "codesocial::reference::plan",
                Both::new(format!("plan inconnu `{id}`"), format!("unknown plan `{id}`")),
            )
            .help(
                "les plans sont déclarés dans `codesocial.yaml`",
                "plans are declared in `codesocial.yaml`",
            )
            .suggest(suggestion),
            UnknownObjectif { id, suggestion } => unknown(
                "codesocial::reference::objectif",
                Both::new(format!("objectif inconnu `{id}`"), format!("unknown objective `{id}`")),
            )
            .help(
                "les objectifs sont listés dans `raison-d-etre.md`",
                "objectives are listed in `raison-d-etre.md`",
            )
            .suggest(suggestion),
            UnseparatedItems { family, value, fixed } => {
                let (code, fr, en) = match family {
                    Reference::Membre => ("codesocial::reference::membre", "membre inconnu", "unknown member"),
                    Reference::Principe => ("codesocial::reference::principe", "principe inconnu", "unknown principle"),
                    Reference::Offre => ("codesocial::reference::offre", "offre inconnue", "unknown offer"),
                    Reference::Plan => ("codesocial::reference::plan", "plan inconnu", "unknown plan"),
                };
                let fixed = crate::escape::terminal::one_line(fixed);
                unknown(code, Both::new(format!("{fr} `{value}`"), format!("{en} `{value}`"))).help(
                    format!("les éléments d’une liste se séparent par des virgules : `{fixed}`"),
                    format!("a list's items are separated by commas: `{fixed}`"),
                )
            }
            UnknownDecider { id, suggestion } => unknown(
                "codesocial::reference::decide-par",
                Both::new(
                    format!("`{id}` n’est ni un rôle de la pyramide ni une instance"),
                    format!("`{id}` is neither a pyramid role nor an instance"),
                ),
            )
            .help(
                "un rôle (`auteurs`, `co_auteurs`, `editeurs`, `producteurs`, `contributeurs`) ou l’`id` d’une instance",
                "a role (`auteurs`, `co_auteurs`, `editeurs`, `producteurs`, `contributeurs`) or an instance `id`",
            )
            .suggest(suggestion),
            UnknownEcosystem { prefix, suggestion } => unknown(
                "codesocial::reference::ecosysteme",
                Both::new(
                    format!("`{prefix}` n’est pas un membre de l’écosystème"),
                    format!("`{prefix}` is not an ecosystem member"),
                ),
            )
            .help(
                "déclarez-le sous `ecosysteme` dans `codesocial.yaml`",
                "declare it under `ecosysteme` in `codesocial.yaml`",
            )
            .suggest(suggestion),
            UnknownEcoOffer { org, id, suggestion } => unknown(
                "codesocial::reference::offre-ecosysteme",
                Both::new(
                    format!("offre `{id}` inconnue dans le catalogue de `{org}`"),
                    format!("unknown offer `{id}` in the catalogue of `{org}`"),
                ),
            )
            .suggest(suggestion),
            EcosystemUnavailable { org, id } => R::warning(
                "codesocial::reference::ecosysteme-indisponible",
                format!("`{org}:{id}` non vérifiée : le #CodeSocial de `{org}` n’est pas disponible"),
                format!("`{org}:{id}` not verified: the #CodeSocial of `{org}` is not available"),
            )
            .help(
                "lancez `codesocial fetch` quand le réseau est disponible",
                "run `codesocial fetch` when the network is available",
            ),
            BrokenLink { target, suggestion } => R::error(
                "codesocial::link::file",
                format!("lien cassé : `{target}` n’existe pas"),
                format!("broken link: `{target}` does not exist"),
            )
            .label("lien cassé", "broken link")
            .help(LINKS_FR, LINKS_EN)
            .suggest(suggestion),
            LinkOutside { target } => R::error(
                "codesocial::link::file",
                format!("lien cassé : `{target}` sort du dossier du #CodeSocial, que le site seul publie"),
                format!("broken link: `{target}` leads outside the #CodeSocial folder, which alone the site publishes"),
            )
            .label("hors du #CodeSocial", "outside the #CodeSocial")
            .help(
                "un lien relatif mène à un fichier du #CodeSocial (retirez les `../` de trop) ; pour une page d’ailleurs, écrivez son adresse web (`https://…`)",
                "a relative link leads to a file of the #CodeSocial (remove the `../` too many); for a page elsewhere, write its web address (`https://…`)",
            ),
            LinkBackslashes { written, fixed } => R::error(
                "codesocial::link::file",
                format!("lien cassé : `{written}` sépare les dossiers par des barres obliques inverses `\\`, qu’un lien ne lit pas ainsi"),
                format!("broken link: `{written}` separates folders with backslashes `\\`, which a link does not read so"),
            )
            .label("barres obliques inverses", "backslashes")
            .help(
                format!("écrivez `{fixed}` : un lien sépare les dossiers par `/`, sur tous les systèmes"),
                format!("write `{fixed}`: a link separates folders with `/`, on every system"),
            ),
            LinkWithoutScheme { written, fixed } => R::error(
                "codesocial::link::file",
                format!("lien cassé : `{written}` est lu comme un fichier à côté de la page, pas comme une adresse web"),
                format!("broken link: `{written}` is read as a file next to the page, not as a web address"),
            )
            .label("adresse sans `https://`", "address without `https://`")
            .help(
                format!("écrivez `{fixed}` : une adresse web commence par `https://`"),
                format!("write `{fixed}`: a web address starts with `https://`"),
            ),
            BrokenAnchor { target, anchor, suggestion, known, more, named, when } => {
                let record = R::error(
                    "codesocial::link::anchor",
                    format!("ancre introuvable : `#{anchor}` dans `{target}`"),
                    format!("missing anchor: `#{anchor}` in `{target}`"),
                )
                .label("lien cassé", "broken link");
                if *named {
                    return record.help(
                        format!("`name=\"{anchor}\"` ne crée pas d’ancre en HTML5 : écrivez `<a id=\"{anchor}\"></a>`"),
                        format!("`name=\"{anchor}\"` makes no anchor in HTML5: write `<a id=\"{anchor}\"></a>`"),
                    );
                }
                if let Some(when) = when {
                    let (fr, en) = match when {
                        TemplateCondition::Totals => (
                            "la section des totaux (`#cs-totals`) n’apparaît sur la page d’une matrice que si l’un de ses flux est quantitatif avec une `valeur` ; ce n’est pas le cas de celle-ci",
                            "the totals section (`#cs-totals`) is on a matrix's page only when one of its flows is quantitative with a `valeur`; this one has none",
                        ),
                        TemplateCondition::Responsible => (
                            "la section « responsable de » (`#cs-resp`) n’apparaît sur la page d’un membre que si un principe le nomme dans `responsables` ; aucun ne nomme celui-ci",
                            "the \"responsible for\" section (`#cs-resp`) is on a member's page only when a principle names them in `responsables`; none names this one",
                        ),
                    };
                    return record.help(fr, en);
                }
                let record = if known.is_empty() {
                    record.help(
                        "cette page n’a pas d’ancre : un titre `## Mon titre` y crée `#mon-titre`, `<a id=\"…\"></a>` une ancre à soi",
                        "this page has no anchor: a heading `## My title` makes `#my-title`, `<a id=\"…\"></a>` an anchor of your own",
                    )
                } else {
                    let (more_fr, more_en) = match more {
                        0 => (String::new(), String::new()),
                        1 => (" et 1 autre".to_string(), " and 1 more".to_string()),
                        n => (format!(" et {n} autres"), format!(" and {n} more")),
                    };
                    record.help(
                        format!("ancres de cette page : {}{more_fr}", quoted_list_in(Fr, known)),
                        format!("anchors of this page: {}{more_en}", quoted_list_in(En, known)),
                    )
                };
                record.suggest(suggestion)
            }
            NotPublished { target } => R::error(
                "codesocial::link::not-published",
                format!("`{target}` n’est pas publié : le site ne contient ni les dossiers cachés ni `_site`, `target` ou `node_modules`"),
                format!("`{target}` is not published: the site holds no hidden folder, nor `_site`, `target` or `node_modules`"),
            )
            .label("non publié", "not published")
            .help(
                "liez-le par une adresse complète (`https://…`, sa page chez votre forge), ou déplacez le fichier dans un dossier publié",
                "link it by a full address (`https://…`, its page on your forge), or move the file into a published folder",
            ),
            LinkToSymlink { target } => R::error(
                "codesocial::link::symlink",
                format!("`{target}` est un lien symbolique : codesocial ne suit pas les liens symboliques, et le site ne le publie pas"),
                format!("`{target}` is a symbolic link: codesocial does not follow symbolic links, and the site does not publish it"),
            )
            .label("lien symbolique", "symbolic link")
            .help(
                "liez le fichier vers lequel il pointe, ou mettez une copie du fichier à sa place",
                "link to the file it points to, or put a copy of the file in its place",
            ),
            AnchorInFile { target, anchor } => R::error(
                "codesocial::link::anchor-in-file",
                format!("`{target}` n’est pas une page du site : l’ancre `#{anchor}` ne mène nulle part"),
                format!("`{target}` is not a page of the site: the anchor `#{anchor}` leads nowhere"),
            )
            .label("ancre injoignable", "unreachable anchor")
            .help(
                "le site publie ce fichier tel quel ; liez le fichier sans `#…`, ou placez ce texte dans une annexe (`annexes/<id>.md`), qui devient une page",
                "the site publishes this file as it is; link to the file without `#…`, or move this text into an annex (`annexes/<id>.md`), which becomes a page",
            ),
            LinkToFolder { target, example } => R::error(
                "codesocial::link::folder",
                format!("lien vers le dossier `{target}`, qui n’a pas de page sur le site"),
                format!("link to the folder `{target}`, which has no page on the site"),
            )
            .label("dossier", "folder")
            .help(
                format!("liez un fichier de ce dossier, par exemple `{example}`"),
                format!("link to a file of this folder, for example `{example}`"),
            ),
            DuplicateAnchor { id } if id.starts_with("fn:") => R::error(
                "codesocial::link::duplicate-id",
                format!("l’identifiant `{id}` apparaît deux fois sur la même page"),
                format!("the id `{id}` appears twice on the same page"),
            )
            .label("en double", "duplicate")
            .help(
                "les notes de bas de page ont les ids `fn:1`, `fn:2`… : donnez un autre `id` à votre élément",
                "footnotes have the ids `fn:1`, `fn:2`…: give your element another `id`",
            ),
            DuplicateAnchor { id } => R::error(
                "codesocial::link::duplicate-id",
                format!("l’identifiant `{id}` apparaît deux fois sur la même page"),
                format!("the id `{id}` appears twice on the same page"),
            )
            .label("en double", "duplicate")
            .help(
                "un lien `#…` ne peut mener qu’à un seul endroit : donnez un autre `id` à l’un des deux",
                "a `#…` link can lead to one place only: give one of them another `id`",
            ),
            HeadingAnchorTaken { id } => R::warning(
                "codesocial::link::heading-anchor-taken",
                format!("l’identifiant `{id}` est aussi l’ancre d’un titre de cette page : le titre prend un autre identifiant et `#{id}` mène ici, pas au titre"),
                format!("the id `{id}` is also the anchor of a heading of this page: the heading takes another id and `#{id}` leads here, not to the heading"),
            )
            .label("ancre d’un titre", "a heading's anchor")
            .help(
                format!("retirez cet `id` (le titre a déjà l’ancre `#{id}`) ou donnez-en un autre à cet élément"),
                format!("remove this `id` (the heading already has the anchor `#{id}`) or give this element another one"),
            ),
            HeadingAnchorReserved { anchor, given } => R::warning(
                "codesocial::link::heading-anchor-taken",
                format!("l’ancre `#{anchor}` de ce titre est celle d’une section que le site met sur cette page : le titre prend l’identifiant `{given}`, et un lien `#{anchor}` mène à la section du site, pas au titre"),
                format!("this heading's anchor `#{anchor}` is the one of a section the site puts on this page: the heading takes the id `{given}`, and a link `#{anchor}` leads to the site's section, not to the heading"),
            )
            .label("ancre réservée par le site", "anchor reserved by the site")
            .help(
                format!("changez le texte du titre (l’ancre `#{anchor}` est réservée au site sur cette page), ou liez le titre par `#{given}`"),
                format!("change the heading's text (the anchor `#{anchor}` is reserved to the site on this page), or link to the heading with `#{given}`"),
            ),
            MarkdownTooComplex { limit } => R::error(
                "codesocial::markdown::too-complex",
                format!("ce texte compte plus de {} éléments Markdown (lignes, titres, cellules de tableau, éléments de liste…) : il n’est pas lu", super::bilan::number(Fr, *limit as f64)),
                format!("this text holds more than {} Markdown elements (lines, headings, table cells, list items…): it is not read", super::bilan::number(En, *limit as f64)),
            )
            .label("limite atteinte", "limit reached")
            .help(
                "partagez-le en plusieurs documents (`annexes/`), ou mettez un grand tableau dans un fichier joint (CSV) lié depuis le texte",
                "split it into several documents (`annexes/`), or put a large table in an attached file (CSV) linked from the text",
            ),
            LinkSpaceBeforeTarget { fixed, gap } => {
                let (what_fr, what_en, fix_fr, fix_en) = match gap {
                    LinkGap::Space => ("une espace", "a space", "retirez l’espace", "remove the space"),
                    LinkGap::NoBreakSpace => (
                        "une espace insécable (invisible, souvent ajoutée par le clavier ou le traitement de texte)",
                        "a no-break space (invisible, often added by the keyboard or the word processor)",
                        "retirez l’espace insécable",
                        "remove the no-break space",
                    ),
                    LinkGap::LineBreak => (
                        "un retour à la ligne",
                        "a line break",
                        "mettez `(` juste après `]`, sur la même ligne",
                        "put `(` right after `]`, on the same line",
                    ),
                };
                R::warning(
                    "codesocial::link::space-before-target",
                    format!("lien non reconnu : {what_fr} sépare `]` de `(` — la page affiche les crochets et les parenthèses tels quels, sans lien"),
                    format!("link not recognised: {what_en} separates `]` from `(` — the page shows the brackets and parentheses as they are, with no link"),
                )
                .label(
                    if *gap == LinkGap::LineBreak { "retour à la ligne avant la cible" } else { "espace avant la cible" },
                    if *gap == LinkGap::LineBreak { "line break before the target" } else { "space before the target" },
                )
                .help(
                    format!("{fix_fr} : {}", code_span(fixed)),
                    format!("{fix_en}: {}", code_span(fixed)),
                )
            }
            LinkFullWidthParentheses { fixed } => R::warning(
                "codesocial::link::fullwidth-parentheses",
                "lien non reconnu : sa cible est entre parenthèses pleine chasse `（` `）`, pas `(` `)` — la page affiche les crochets et les parenthèses tels quels, sans lien",
                "link not recognised: its target is between full-width parentheses `（` `）`, not `(` `)` — the page shows the brackets and parentheses as they are, with no link",
            )
            .label("parenthèses pleine chasse", "full-width parentheses")
            .help(
                format!("écrivez des parenthèses ordinaires : {}", code_span(fixed)),
                format!("write ordinary parentheses: {}", code_span(fixed)),
            ),
            FootnoteUndefined { label } => R::warning(
                "codesocial::link::undefined-reference",
                format!("note non reconnue : aucune définition `[^{label}]: …` dans ce texte — la page affiche `[^{label}]` tel quel, sans note"),
                format!("footnote not recognised: no definition `[^{label}]: …` in this text — the page shows `[^{label}]` as it is, with no note"),
            )
            .label("note sans définition", "footnote with no definition")
            .help(
                format!("ajoutez à la fin du texte, après une ligne vide, une ligne {} ; ou retirez le renvoi", code_span(&format!("[^{label}]: le texte de la note"))),
                format!("add at the end of the text, after a blank line, a line {}; or remove the reference", code_span(&format!("[^{label}]: the note's text"))),
            ),
            FootnoteDefinedTwice { label, first_line } => R::warning(
                "codesocial::link::duplicate-footnote",
                format!("note `[^{label}]` définie deux fois (déjà ligne {first_line}) : la page montre les deux notes sous le même numéro, et le renvoi mène à la première"),
                format!("footnote `[^{label}]` defined twice (already on line {first_line}): the page shows both notes under one number, and the reference leads to the first"),
            )
            .label("note en double", "duplicate footnote")
            .help(
                format!("gardez une seule définition `[^{label}]: …`, ou donnez à celle-ci un autre nom (`[^{label}b]: …`) et renvoyez-y par `[^{label}b]`"),
                format!("keep one definition `[^{label}]: …`, or give this one another name (`[^{label}b]: …`) and refer to it with `[^{label}b]`"),
            ),
            LinkUnclosed { fixed } => R::warning(
                "codesocial::link::unclosed",
                "lien non reconnu : sa cible n’est jamais fermée par `)` — la page affiche les crochets et la parenthèse tels quels, sans lien",
                "link not recognised: its target is never closed by `)` — the page shows the brackets and the parenthesis as they are, with no link",
            )
            .label("lien non fermé", "link not closed")
            .help(
                format!("fermez la parenthèse après la cible : {}", code_span(fixed)),
                format!("close the parenthesis after the target: {}", code_span(fixed)),
            ),
            LinkUndefinedReference { label } => R::warning(
                "codesocial::link::undefined-reference",
                format!("lien non reconnu : aucune définition `[{label}]: …` dans ce texte — la page affiche les crochets tels quels, sans lien"),
                format!("link not recognised: no definition `[{label}]: …` in this text — the page shows the brackets as they are, with no link"),
            )
            .label("référence sans définition", "reference with no definition")
            .help(
                format!("ajoutez au texte, après une ligne vide, une ligne {} ; ou écrivez le lien avec sa cible : `[texte](cible)`", code_span(&format!("[{label}]: cible"))),
                format!("add to the text, after a blank line, a line {}; or write the link with its target: `[text](target)`", code_span(&format!("[{label}]: target"))),
            ),
            LinkNotRecognised { dest, missing } => {
                let angle = code_span(&format!("<{dest}>"));
                let encoded = code_span(&dest.replace(' ', "%20").replace('\t', "%09"));
                let record = R::error(
                    "codesocial::link::unrecognised",
                    format!("lien non reconnu : une espace dans la cible {} — la page affiche le texte tel quel, sans lien", code_span(dest)),
                    format!("link not recognised: a space in the target {} — the page shows the text as it is, with no link", code_span(dest)),
                )
                .label("espace dans la cible", "space in the target");
                if *missing {
                    record.help(
                        format!("et aucun fichier {} n’existe (les liens sont relatifs au fichier qui les contient) : vérifiez le nom ; une cible qui contient une espace s’écrit entre `<` et `>`", code_span(dest)),
                        format!("and no file {} exists (links are relative to the file that contains them): check the name; a target holding a space is written between `<` and `>`", code_span(dest)),
                    )
                } else {
                    record.help(
                        format!("écrivez {angle} ou {encoded}"),
                        format!("write {angle} or {encoded}"),
                    )
                }
            }
            LinkRemoved { dest } | LinkToScript { dest } => (if matches!(self, LinkToScript { .. }) { R::warning } else { R::error })(
                if matches!(self, LinkToScript { .. }) { "codesocial::link::script" } else { "codesocial::link::removed" },
                format!("lien vers {} : le site retire cette adresse (un fichier d’un ordinateur, ou un script), la page montre le texte sans lien", code_span(dest)),
                format!("link to {}: the site removes this address (a file on one computer, or a script), the page shows the text with no link", code_span(dest)),
            )
            .label("adresse retirée", "address removed")
            .help(
                "pour un document, copiez-le dans le dépôt (par exemple dans `annexes/`) et liez-le par un chemin relatif avec des `/` ; pour une page web, écrivez son adresse en `https://`",
                "for a document, copy it into the repository (for example into `annexes/`) and link it by a relative path with `/`; for a web page, write its `https://` address",
            ),
            InvalidAnchorId { id } => R::error(
                "codesocial::link::invalid-id",
                format!("identifiant HTML invalide : `{id}` (vide ou avec une espace), le site le retire"),
                format!("invalid HTML id: `{id}` (empty or with a space), the site drops it"),
            )
            .label("identifiant invalide", "invalid id")
            .help(
                format!("un `id` est un mot sans espace, par exemple `{}`", example_id(id)),
                format!("an `id` is one word without spaces, for example `{}`", example_id(id)),
            ),
            // Semantic rules.
            DuplicateId { id, other } => R::error(
                "codesocial::rule::unique-id",
                format!("identifiant `{id}` déjà utilisé par `{other}`"),
                format!("identifier `{id}` already used by `{other}`"),
            )
            .help(
                "renommez l’un des deux fichiers : les identifiants sont uniques dans tous les plans",
                "rename one of the two files: identifiers are unique across all plans",
            ),
            DuplicateListId {
                id,
                list,
                first_line,
            } => R::error(
                "codesocial::rule::unique-id",
                format!("identifiant `{id}` déjà utilisé dans `{list}` (ligne {first_line})"),
                format!("identifier `{id}` already used in `{list}` (line {first_line})"),
            )
            .label("en double", "duplicate")
            .help(
                format!("donnez un autre `id` à l’une des deux entrées de `{list}` : chacune a sa propre ancre `#…` sur la page, et les autres documents la citent par son `id`"),
                format!("give one of the two entries of `{list}` another `id`: each has its own `#…` anchor on the page, and other documents cite it by its `id`"),
            ),
            CapitalOver { total } => R::error(
                "codesocial::rule::capital",
                format!("les parts du capital totalisent {total} %, plus de 100 %"),
                format!("capital shares add up to {total}%, over 100%"),
            )
            .help("corrigez les parts de `capital`", "fix the shares in `capital`"),
            SelfFlow { member } => R::error(
                "codesocial::rule::self-flow",
                format!("un flux va de `{member}` vers lui-même"),
                format!("a flow goes from `{member}` to itself"),
            )
            .help(
                "un flux relie deux membres différents : corrigez `de` ou `vers`",
                "a flow joins two different members: fix `de` or `vers`",
            ),
            UnitVariants { unit, kept } => R::warning(
                "codesocial::rule::unit-variants",
                format!("l’unité `{unit}` est aussi écrite `{kept}` : les totaux les comptent à part"),
                format!("the unit `{unit}` is also written `{kept}`: totals count them apart"),
            )
            .help(
                format!("écrivez `{kept}` partout : le site met le pluriel que demande la quantité"),
                format!("write `{kept}` everywhere: the site writes the plural the amount asks for"),
            ),
            ClasseWithoutRule { classe } => R::error(
                "codesocial::rule::classe-without-rule",
                format!("aucune règle de modification pour la classe `{classe}`"),
                format!("no amendment rule for class `{classe}`"),
            )
            .help(
                format!("ajoutez une règle `classe: {classe}` dans `modification.md`"),
                format!("add a rule `classe: {classe}` to `modification.md`"),
            ),
            DuplicateRule { classe } => R::error(
                "codesocial::rule::duplicate-rule",
                format!("la classe `{classe}` a plusieurs règles"),
                format!("class `{classe}` has more than one rule"),
            )
            .help("gardez une règle par classe", "keep one rule per class"),
            ReplacesActive { id, statut } => R::error(
                "codesocial::rule::remplace",
                format!("remplace `{id}`, qui est encore `{statut}`"),
                format!("replaces `{id}`, which is still `{statut}`"),
            )
            .help(
                format!("passez `{id}` en `statut: abroge` (avec `abroge_le`), ou retirez-le de `remplace`"),
                format!("set `{id}` to `statut: abroge` (with `abroge_le`), or remove it from `remplace`"),
            ),
            SelfReference { id } => R::error(
                "codesocial::rule::self-reference",
                format!("`{id}` se cite lui-même"),
                format!("`{id}` refers to itself"),
            )
            .help("retirez cette référence", "remove this reference"),
            // Warnings.
            ReplacedByProposal { id } => R::warning(
                "codesocial::rule::replaced-by-proposal",
                format!("remplace `{id}`, abrogé, mais ce principe n’est que proposé : rien ne remplace `{id}` en vigueur"),
                format!("replaces `{id}`, which is repealed, but this principle is only proposed: nothing in force replaces `{id}`"),
            )
            .help(
                format!("adoptez ce principe (`statut: adopte`, avec `adopte_le`) si l’instance l’a décidé ; sinon laissez `{id}` en vigueur (`statut: adopte`) jusqu’à l’adoption"),
                format!("adopt this principle (`statut: adopte`, with `adopte_le`) if the body decided it; otherwise keep `{id}` in force (`statut: adopte`) until the adoption"),
            ),
            EmptyPlan { plan } => R::warning(
                "codesocial::coverage::empty-plan",
                format!("le plan `{plan}` n’a ni principe ni introduction"),
                format!("plan `{plan}` has neither a principle nor an introduction"),
            )
            .help(
                format!("ajoutez `principes/{plan}/index.md` ou un principe ; ou retirez ce plan de `plans`"),
                format!("add `principes/{plan}/index.md` or a principle; or remove this plan from `plans`"),
            ),
            InvisibleInMarkdown { ch, marker, before } => {
                let odd = Odd::of(*ch, true).unwrap_or(Odd::OtherSpace);
                let name = odd_name(odd, *ch);
                let (what_fr, what_en) = if marker.starts_with('#') {
                    ("un titre", "a heading")
                } else if marker == ">" {
                    ("une citation", "a quotation")
                } else {
                    ("un élément de liste", "a list item")
                };
                let (message_fr, message_en, help_fr, help_en) = match (marker.as_str(), before) {
                    ("", _) => (
                        format!("{} au milieu du fichier", name.fr),
                        format!("{} in the middle of the file", name.en),
                        "supprimez ce caractère invisible : une marque d’ordre des octets n’a sa place qu’en tout début de fichier (un fichier collé dans un autre en laisse une)".to_string(),
                        "delete this invisible character: a byte-order mark belongs only at the very start of a file (a file pasted into another leaves one)".to_string(),
                    ),
                    (m, true) if matches!(odd, Odd::NoBreakSpace | Odd::NarrowNoBreakSpace | Odd::OtherSpace) => (
                        format!("{} avant `{m}` : la ligne n’est pas lue comme {what_fr} et `{m}` s’affiche tel quel", name.fr),
                        format!("{} before `{m}`: the line is not read as {what_en} and `{m}` shows as it is", name.en),
                        format!("remplacez-la par une espace ordinaire, ou supprimez-la, pour que la ligne commence par `{m}` après des espaces ordinaires"),
                        format!("replace it with an ordinary space, or delete it, so that only ordinary spaces come before `{m}`"),
                    ),
                    (m, true) => (
                        format!("{} avant `{m}` : la ligne n’est pas lue comme {what_fr} et `{m}` s’affiche tel quel", name.fr),
                        format!("{} before `{m}`: the line is not read as {what_en} and `{m}` shows as it is", name.en),
                        format!("supprimez ce caractère invisible pour que la ligne commence par `{m} `"),
                        format!("delete this invisible character so that the line starts with `{m} `"),
                    ),
                    (m, false) => (
                        format!("{} après `{m}` : la ligne n’est pas lue comme {what_fr} et `{m}` s’affiche tel quel", name.fr),
                        format!("{} after `{m}`: the line is not read as {what_en} and `{m}` shows as it is", name.en),
                        format!("remplacez-la par une espace ordinaire : `{m} `"),
                        format!("replace it with an ordinary space: `{m} `"),
                    ),
                };
                R::warning("codesocial::markdown::invisible", message_fr, message_en)
                    .label("caractère invisible", "invisible character")
                    .help(help_fr, help_en)
            }
            HeadingWithoutSpace { hashes } => R::warning(
                "codesocial::markdown::heading-space",
                format!("pas d’espace après `{hashes}` : la ligne n’est pas un titre, `{hashes}` s’affiche tel quel"),
                format!("no space after `{hashes}`: the line is not a heading, and `{hashes}` shows as it is"),
            )
            .label("espace manquante", "missing space")
            .help(
                format!("mettez une espace après `{hashes}` : `{hashes} Titre`"),
                format!("put a space after `{hashes}`: `{hashes} Heading`"),
            ),
            LicenceNotSpdx { licence, suggestion } => R::warning(
                "codesocial::licence::spdx",
                format!("`{licence}` n’est pas une expression de licence SPDX"),
                format!("`{licence}` is not an SPDX licence expression"),
            )
            .help(
                "utilisez un identifiant SPDX, par exemple `CC-BY-SA-4.0`",
                "use an SPDX identifier, for example `CC-BY-SA-4.0`",
            )
            .suggest(suggestion),
            IsolatedPrinciple { id } => R::warning(
                "codesocial::coverage::isolated-principle",
                format!("le principe `{id}` n’est relié à aucun autre"),
                format!("principle `{id}` is linked to no other"),
            )
            .help(
                "ajoutez `liens: [...]` vers les principes qu’il complète : la démarche est holistique",
                "add `liens: [...]` to the principles it relates to: the method is holistic",
            ),
            UnusedMember { id } => R::warning(
                "codesocial::coverage::unused-member",
                format!("le membre `{id}` n’apparaît nulle part"),
                format!("member `{id}` appears nowhere"),
            )
            .help(
                "donnez-lui un rôle dans `pyramide.yaml`, une offre, un flux ou une responsabilité",
                "give them a role in `pyramide.yaml`, an offer, a flow or a responsibility",
            ),
            OfferWithoutRole { id, members } => R::warning(
                "codesocial::coverage::offer-without-role",
                format!(
                    "aucun membre de l’offre `{id}` n’a de rôle dans la pyramide ({})",
                    quoted_list_in(Fr, members)
                ),
                format!(
                    "no member of offer `{id}` holds a role in the pyramid ({})",
                    quoted_list_in(En, members)
                ),
            )
            .help(
                "ajoutez ces membres comme contributeurs dans `pyramide.yaml`",
                "add these members as contributeurs in `pyramide.yaml`",
            ),
            HashtagComment { kept, intended, quotes } => {
                let warning = R::warning(
                    "codesocial::yaml::hashtag-comment",
                    format!("YAML lit ici `{kept}` : ce qui suit ` #` est un commentaire"),
                    format!("YAML reads `{kept}` here: what follows ` #` is a comment"),
                )
                .label("la suite est un commentaire", "the rest is a comment");
                match quotes {
                    None => warning.help(
                        format!("mettez la valeur entre guillemets : {}", yaml_quoted(intended)),
                        format!("quote the value: {}", yaml_quoted(intended)),
                    ),
                    // `titre: “Le #CodeSocial”`: typed as quotes, read as text.
                    Some((open, close)) => {
                        let inner = intended
                            .trim()
                            .trim_start_matches(*open)
                            .trim_end_matches(*close)
                            .trim_matches(|c: char| c.is_whitespace());
                        let (o, c) = (u32::from(*open), u32::from(*close));
                        warning.help(
                            format!(
                                "`{open}` (U+{o:04X}) et `{close}` (U+{c:04X}) sont des guillemets typographiques, que YAML ne lit pas comme des guillemets : tapez des guillemets droits, {} ; pour les afficher, mettez-les entre guillemets droits : {}",
                                yaml_quoted(inner),
                                yaml_quoted(intended)
                            ),
                            format!(
                                "`{open}` (U+{o:04X}) and `{close}` (U+{c:04X}) are typographic quotes, which YAML does not read as quotes: type straight quotes, {}; to show them, put them between straight quotes: {}",
                                yaml_quoted(inner),
                                yaml_quoted(intended)
                            ),
                        )
                    }
                }
            }
            ControlCharacter {
                code_point,
                name,
                column,
                escape: None,
                more,
            } => {
                let (more_fr, more_en) = more_controls(more);
                R::warning(
                "codesocial::encoding::control-character",
                format!("caractère de contrôle U+{code_point:04X} ({name}) en colonne {column}{more_fr}"),
                format!("control character U+{code_point:04X} ({name}) at column {column}{more_en}"),
            )
            .label("caractère de contrôle", "control character")
            .help(
                format!("retirez-le : un terminal agirait selon lui au lieu de l’afficher (une marque bidirectionnelle réordonne le texte autour) ; codesocial l’affiche échappé, comme `\\u{{{code_point:x}}}`"),
                format!("remove it: a terminal would act on it instead of showing it (a bidirectional override reorders the text around it); codesocial shows it escaped, as `\\u{{{code_point:x}}}`"),
            )
            }
            ControlCharacter {
                code_point,
                name,
                column,
                escape: Some(escape),
                more,
            } => {
                let (more_fr, more_en) = more_controls(more);
                let (fr, en) = if *code_point == 0x0D {
                    (
                        format!("retirez `{escape}` : entre guillemets doubles, il met un retour chariot dans le texte ; pour aller à la ligne, écrivez `\\n` ou le texte sur plusieurs lignes après `|` ; pour une barre oblique inverse, doublez-la (`\\\\`) ou mettez la valeur entre guillemets simples"),
                        format!("delete `{escape}`: between double quotes it puts a carriage return into the text; for a line break write `\\n` or the text over several lines after `|`; for a backslash, double it (`\\\\`) or put the value between single quotes"),
                    )
                } else {
                    (
                        format!("retirez `{escape}` : entre guillemets doubles, `\\` commence un échappement et `{escape}` écrit ce caractère invisible ; pour une barre oblique inverse, doublez-la (`\\\\`) ou mettez la valeur entre guillemets simples"),
                        format!("delete `{escape}`: between double quotes `\\` starts an escape and `{escape}` writes this invisible character; for a backslash, double it (`\\\\`) or put the value between single quotes"),
                    )
                };
                R::warning(
                    "codesocial::encoding::control-character",
                    format!("l’échappement `{escape}` en colonne {column} écrit le caractère de contrôle U+{code_point:04X} ({name}){more_fr}"),
                    format!("the escape `{escape}` at column {column} writes control character U+{code_point:04X} ({name}){more_en}"),
                )
                .label("échappement", "escape")
                .help(fr, en)
            }
            CommentedOutValue { intended } => R::error(
                "codesocial::yaml::commented-value",
                "valeur vide : YAML lit ce qui suit `#` comme un commentaire",
                "empty value: YAML reads what follows `#` as a comment",
            )
            .label("lu comme un commentaire", "read as a comment")
            .help(
                format!("mettez la valeur entre guillemets : {}", yaml_quoted(intended)),
                format!("quote the value: {}", yaml_quoted(intended)),
            ),
            JalonsOrder { date, previous } => R::warning(
                "codesocial::histoire::order",
                format!("les jalons ne sont pas dans l’ordre chronologique : `{date}` vient après `{previous}`"),
                format!("the milestones are not in chronological order: `{date}` comes after `{previous}`"),
            )
            .label("plus ancien que le jalon précédent", "older than the milestone before")
            .help(
                "rangez les jalons du plus ancien au plus récent",
                "order milestones from oldest to newest",
            ),
        }
    }
}

/// A value of the wrong type, with the fix its look suggests.
fn wrong_type(expected: &str, hint: &TypeHint) -> Record {
    let record = Record::error(
        "codesocial::schema::type",
        format!("type attendu : {expected}"),
        format!("expected {expected}"),
    );
    match hint {
        TypeHint::None => record,
        TypeHint::Quote { key, text } => {
            let fixed = keyed(key, &yaml_quoted(text));
            record.help(
                format!("YAML lit `{text}` comme un nombre ou un booléen : mettez-le entre guillemets, `{fixed}`"),
                format!("YAML reads `{text}` as a number or a boolean: quote it, `{fixed}`"),
            )
        }
        TypeHint::DecimalComma { fixed } => record.help(
            format!("les nombres s’écrivent avec un point décimal : `{fixed}`"),
            format!("numbers are written with a decimal point: `{fixed}`"),
        ),
        TypeHint::Integer { key, fixed } => {
            let (fr, en) = subject(key);
            let fixed = keyed(key, fixed);
            record.help(
                format!("{fr} prend un nombre entier, en chiffres seulement : `{fixed}`"),
                format!("{en} takes a whole number, in digits only: `{fixed}`"),
            )
        }
        TypeHint::WholeNumber { key, below, above } => {
            let (fr, en) = subject(key);
            let (below, above) = (keyed(key, below), keyed(key, above));
            record.help(
                format!("{fr} prend un nombre entier, sans décimales : `{below}` ou `{above}`"),
                format!("{en} takes a whole number, without decimals: `{below}` or `{above}`"),
            )
        }
        TypeHint::OddAroundNumber { key, fixed, ch } => {
            let name = Odd::of(*ch, false).map_or_else(
                || Both {
                    fr: format!("le caractère U+{:04X}", u32::from(*ch)),
                    en: format!("the character U+{:04X}", u32::from(*ch)),
                },
                |odd| odd_name(odd, *ch),
            );
            let fixed = keyed(key, fixed);
            record.help(
                format!("supprimez {} : `{fixed}`", name.fr),
                format!("remove {}: `{fixed}`", name.en),
            )
        }
        TypeHint::Empty { key } if key.is_empty() => record.help(
            "cet élément est vide (rien, ou `~`, que YAML lit comme « rien ») : écrivez sa valeur ou retirez-le",
            "this item is empty (nothing, or `~`, which YAML reads as \"nothing\"): write its value or remove it",
        ),
        TypeHint::Empty { key } => record.help(
            format!("`{key}` n’a pas de valeur (rien après `{key}:`, ou `~`, que YAML lit comme « rien ») : écrivez-la sur la même ligne, `{key}: …`"),
            format!("`{key}` has no value (nothing after `{key}:`, or `~`, which YAML reads as \"nothing\"): write it on the same line, `{key}: …`"),
        ),
        TypeHint::Collection { key, list, written: Some(written) } => {
            let (fr, en) = if *list { ("une liste", "a list") } else { ("un ensemble de clés", "a mapping") };
            let open = if *list { '[' } else { '{' };
            let fixed = keyed(key, &yaml_quoted(written));
            record.help(
                format!("YAML lit une valeur qui commence par `{open}` comme {fr}, pas comme du texte : mettez-la entre guillemets, `{fixed}`"),
                format!("YAML reads a value starting with `{open}` as {en}, not as text: quote it, `{fixed}`"),
            )
        }
        TypeHint::Collection { key, list, written: None } => {
            let (fr, en) = if *list { ("une liste (`- …`)", "a list (`- …`)") } else { ("des clés en retrait", "indented keys") };
            let (kfr, ken) = if key.is_empty() { ("cet élément".to_string(), "this item".to_string()) } else { (format!("`{key}`"), format!("`{key}`")) };
            record.help(
                format!("{kfr} prend un texte, pas {fr} : écrivez le texte sur la ligne de la clé"),
                format!("{ken} takes text, not {en}: write the text on the key's line"),
            )
        }
        TypeHint::ColonInItem { written } => {
            let fixed = yaml_quoted(written);
            record.help(
                format!("YAML lit `: ` dans un élément comme une clé suivie de sa valeur, pas comme du texte : mettez l’élément entre guillemets, `{fixed}`"),
                format!("YAML reads `: ` in an item as a key and its value, not as text: quote the item, `{fixed}`"),
            )
        }
        TypeHint::GroupedDigits { fixed } => record.help(
            format!("écrivez le nombre sans espaces : `{fixed}`"),
            format!("write the number without spaces: `{fixed}`"),
        ),
        TypeHint::Number { fixed, unit } => {
            let (fr, en) = match unit {
                Some(u) => (format!(", sans l’unité `{u}`"), format!(", without the unit `{u}`")),
                None => (String::new(), String::new()),
            };
            record.help(
                format!("écrivez le nombre `{fixed}` : chiffres sans séparateur de milliers, point décimal{fr}"),
                format!("write the number `{fixed}`: digits without thousands separators, a decimal point{en}"),
            )
        }
        TypeHint::Unquote { key, fixed } => {
            let fixed = keyed(key, fixed);
            record.help(
                format!("retirez les guillemets : `{fixed}` (entre guillemets, YAML lit un texte)"),
                format!("remove the quotes: `{fixed}` (between quotes, YAML reads text)"),
            )
        }
        TypeHint::List { key, fixed } => record.help(
            format!("écrivez une liste entre crochets, les éléments séparés par des virgules : `{key}: {fixed}`"),
            format!("write a list between brackets, the items separated by commas: `{key}: {fixed}`"),
        ),
        TypeHint::GluedDash { key, items } => {
            let lines: String = items.iter().map(|i| format!("\n  - {i}")).collect();
            let first = items.first().map(String::as_str).unwrap_or_default();
            record.help(
                format!("mettez une espace après le tiret : `- {first}` (sans elle, YAML lit les lignes comme un seul texte) :\n{key}:{lines}"),
                format!("put a space after the dash: `- {first}` (without it, YAML reads the lines as one text):\n{key}:{lines}"),
            )
        }
        TypeHint::Bullets { key, items } => {
            let lines: String = items.iter().map(|i| format!("\n  - {i}")).collect();
            record.help(
                format!("YAML ne lit pas ces puces comme une liste : commencez chaque élément par un tiret et une espace, `- ` :\n{key}:{lines}"),
                format!("YAML does not read these bullets as a list: start each item with a hyphen and a space, `- `:\n{key}:{lines}"),
            )
        }
        TypeHint::Braces { key, fixed } => record.help(
            format!("une liste s’écrit entre crochets, pas entre accolades : `{key}: {fixed}`"),
            format!("a list is written between brackets, not braces: `{key}: {fixed}`"),
        ),
        TypeHint::DateNumber { key, fixed: Some(fixed), .. } => {
            let fixed = keyed(key, fixed);
            record.help(
                format!("YAML lit ce nombre comme un nombre : une date s’écrit AAAA-MM-JJ, `{fixed}`"),
                format!("YAML reads this as a number: a date is written YYYY-MM-DD, `{fixed}`"),
            )
        }
        TypeHint::DateNumber { key, fixed: None, text } => {
            let (fr, en) = if text.len() == 4 && text.bytes().all(|b| b.is_ascii_digit()) {
                (format!("{text}-MM-JJ"), format!("{text}-MM-DD"))
            } else {
                ("AAAA-MM-JJ".to_string(), "YYYY-MM-DD".to_string())
            };
            let (fr, en) = (keyed(key, &fr), keyed(key, &en));
            record.help(
                format!("une date complète s’écrit AAAA-MM-JJ, avec le mois et le jour : `{fr}`"),
                format!("a full date is written YYYY-MM-DD, with the month and the day: `{en}`"),
            )
        }
        TypeHint::PlainNumber { integer: false } => record.help(
            "écrivez un nombre décimal simple, en chiffres avec un point : `N` ou `N.NN` (ni unité, ni suffixe, ni hexadécimal, ni infini)",
            "write a plain decimal number, in digits with a point: `N` or `N.NN` (no unit, suffix, hexadecimal nor infinity)",
        ),
        TypeHint::PlainNumber { integer: true } => record.help(
            "écrivez un nombre entier en chiffres : `N` (ni unité, ni suffixe, ni hexadécimal)",
            "write a whole number in digits: `N` (no unit, suffix nor hexadecimal)",
        ),
    }
}

/// `key: value`, or the value alone for an item of a list (`key` empty): what the user
/// writes in the place of the value a hint fixes.
fn keyed(key: &str, value: &str) -> String {
    if key.is_empty() {
        value.to_string()
    } else {
        format!("{key}: {value}")
    }
}

/// What a hint calls the value it fixes: its key as code, or "this item" for an item of
/// a list (`key` empty); French, then English.
fn subject(key: &str) -> (String, String) {
    if key.is_empty() {
        ("cet élément".to_string(), "this item".to_string())
    } else {
        (format!("`{key}`"), format!("`{key}`"))
    }
}

/// A YAML syntax error, said by its likely cause.
fn yaml_syntax(cause: &Cause) -> Record {
    let code = "codesocial::yaml::syntax";
    match cause {
        Cause::Tab => Record::error(
            code,
            "tabulation dans l’indentation : YAML n’accepte que des espaces",
            "tab in indentation: YAML accepts only spaces",
        )
        .label("tabulation", "tab")
        .help(
            "remplacez la tabulation par des espaces (réglez votre éditeur pour qu’il insère des espaces)",
            "replace the tab with spaces (set your editor to insert spaces)",
        ),
        Cause::Odd { odd, ch } => {
            let name = odd_name(*odd, *ch);
            Record::error(
                code,
                format!("{} dans l’indentation, là où YAML attend une espace ordinaire", name.fr),
                format!("{} in the indentation, where YAML expects an ordinary space", name.en),
            )
            .label("caractère invisible", "invisible character")
            .help(
                match odd {
                    Odd::ByteOrderMark => "supprimez-la : une marque d’ordre des octets n’a sa place qu’en tout début de fichier (un fichier collé dans un autre en laisse une)",
                    Odd::NoBreakSpace | Odd::NarrowNoBreakSpace | Odd::OtherSpace => "remplacez ce caractère par une espace ordinaire",
                    _ => "supprimez ce caractère invisible",
                },
                match odd {
                    Odd::ByteOrderMark => "delete it: a byte-order mark belongs only at the very start of a file (a file pasted into another leaves one)",
                    Odd::NoBreakSpace | Odd::NarrowNoBreakSpace | Odd::OtherSpace => "replace this character with an ordinary space",
                    _ => "delete this invisible character",
                },
            )
        }
        Cause::NoSpaceAfterColon { key } => Record::error(
            code,
            format!("il manque une espace après les deux-points de `{key}:`"),
            format!("a space is missing after the colon of `{key}:`"),
        )
        .label("espace manquante", "missing space")
        .help(
            format!("écrivez `{key}: …` : YAML ne lit une clé que suivie de deux-points et d’une espace"),
            format!("write `{key}: …`: YAML reads a key only when its colon is followed by a space"),
        ),
        Cause::ColonInValue { key, value, quotes } if key.is_empty() => Record::error(
            code,
            format!("l’élément `{value}` contient `: ` plus d’une fois : YAML lit `: ` dans un élément comme une clé suivie de sa valeur"),
            format!("the item `{value}` contains `: ` more than once: YAML reads `: ` in an item as a key and its value"),
        )
        .label("deux-points dans l’élément", "colon in the item")
        .help(
            format!("mettez l’élément entre guillemets : `{}`", yaml_quoted(value)),
            format!("quote the item: `{}`", yaml_quoted(value)),
        ),
        Cause::ColonInValue { key, value, quotes } => Record::error(
            code,
            match quotes {
                Some(q) => format!("la valeur de `{key}` contient `: `, que YAML lit comme une nouvelle clé : les guillemets typographiques `{q}` ne sont pas des guillemets pour YAML"),
                None => format!("la valeur de `{key}` contient `: `, que YAML lit comme une nouvelle clé"),
            },
            match quotes {
                Some(q) => format!("the value of `{key}` contains `: `, which YAML reads as a new key: typographic quotes `{q}` are no quotes to YAML"),
                None => format!("the value of `{key}` contains `: `, which YAML reads as a new key"),
            },
        )
        .label("deux-points dans la valeur", "colon in the value")
        .help(
            format!("mettez la valeur entre guillemets : {key}: {}", yaml_quoted(value)),
            format!("quote the value: {key}: {}", yaml_quoted(value)),
        ),
        Cause::MissingComma { key, fixed } => Record::error(
            code,
            format!("il manque une virgule avant la clé `{key}` : YAML lit la valeur précédente et `{key}` comme une seule valeur"),
            format!("a comma is missing before the key `{key}`: YAML reads the value before it and `{key}` as one value"),
        )
        .label("virgule manquante", "missing comma")
        .help(
            format!("séparez les paires `clé: valeur` par des virgules : {}", code_span(fixed)),
            format!("separate the `key: value` pairs with commas: {}", code_span(fixed)),
        ),
        Cause::OddAfterColon { key, odd, ch } => {
            let name = odd_name(*odd, *ch);
            Record::error(
                code,
                format!("après les deux-points de `{key}:`, {} au lieu d’une espace ordinaire : YAML ne lit pas de clé", name.fr),
                format!("after the colon of `{key}:`, {} instead of an ordinary space: YAML reads no key", name.en),
            )
            .label("caractère invisible", "invisible character")
            .help(
                format!("remplacez ce caractère par une espace ordinaire : `{key}: …` ; au bout de la ligne, avant un bloc, supprimez-le : `{key}:`"),
                format!("replace this character with an ordinary space: `{key}: …`; at the end of the line, before a block, delete it: `{key}:`"),
            )
        }
        Cause::OddBeside {
            odd,
            ch,
            mark,
            before,
        } => {
            let name = odd_name(*odd, *ch);
            let (fr, en) = match (before, mark) {
                (false, '|' | '>') => (
                    format!("{} après l’indicateur de bloc `{mark}`, là où YAML attend la fin de la ligne", name.fr),
                    format!("{} after the block indicator `{mark}`, where YAML expects the end of the line", name.en),
                ),
                (true, _) => (
                    format!("{} avant `{mark}`, là où YAML attend une espace ordinaire ou rien : il le garde dans le texte", name.fr),
                    format!("{} before `{mark}`, where YAML expects an ordinary space or nothing: it keeps it in the text", name.en),
                ),
                (false, _) => (
                    format!("{} après `{mark}`, là où YAML attend une espace ordinaire : il le garde dans le texte", name.fr),
                    format!("{} after `{mark}`, where YAML expects an ordinary space: it keeps it in the text", name.en),
                ),
            };
            let (help_fr, help_en) = if matches!(mark, '|' | '>') && !before {
                (
                    format!("supprimez ce caractère : la ligne doit finir par `{mark}`"),
                    format!("delete this character: the line must end with `{mark}`"),
                )
            } else {
                (
                    "remplacez ce caractère par une espace ordinaire (ou supprimez-le)".to_string(),
                    "replace this character with an ordinary space (or delete it)".to_string(),
                )
            };
            Record::error(code, fr, en)
                .label("caractère invisible", "invisible character")
                .help(help_fr, help_en)
        }
        Cause::TextAfterQuote { key, value } => {
            let fixed = yaml_quoted(value);
            let (fr, en) = if key.is_empty() {
                (format!("`- {fixed}`"), format!("`- {fixed}`"))
            } else {
                (format!("`{key}: {fixed}`"), format!("`{key}: {fixed}`"))
            };
            Record::error(
                code,
                "du texte suit la valeur entre guillemets : YAML lit la valeur jusqu’au guillemet fermant",
                "text follows the quoted value: YAML reads the value up to its closing quote",
            )
            .label("texte après le guillemet", "text after the quote")
            .help(
                format!("mettez toute la valeur entre guillemets : {fr}"),
                format!("quote the whole value: {en}"),
            )
        }
        Cause::TextAfterBracket {
            key,
            close,
            tab,
            value,
        } => {
            let (what_fr, what_en) = if *close == ']' {
                ("la liste", "the list")
            } else {
                ("l’ensemble", "the mapping")
            };
            let (tab_fr, tab_en) = if *tab {
                (" (une tabulation l’en sépare)", " (a tab separates them)")
            } else {
                ("", "")
            };
            let key_fr = if key.is_empty() { String::new() } else { format!(" de `{key}`") };
            let key_en = if key.is_empty() { String::new() } else { format!(" of `{key}`") };
            let record = Record::error(
                code,
                format!("du texte suit `{close}`, qui ferme {what_fr}{key_fr}{tab_fr} : YAML lit la valeur jusqu’à ce crochet"),
                format!("text follows `{close}`, which closes {what_en}{key_en}{tab_en}: YAML reads the value up to that bracket"),
            )
            .label("texte après le crochet", "text after the bracket");
            // `titre: [Brouillon] Titre`: the brackets may be part of the text.
            let quoted = code_span(&format!("{key}: {}", yaml_quoted(value)));
            if value.is_empty() {
                // The key takes no text: the brackets are meant.
                record.help(
                    "mettez ce texte dans les crochets, séparé par une virgule, ou faites-en un commentaire : une espace, puis `#` ; ou retirez-le",
                    "put the text inside the brackets, after a comma, or make it a comment: a space, then `#`; or remove it",
                )
            } else if key.is_empty() {
                record.help(
                    format!("si les crochets font partie du texte, mettez tout l’élément entre guillemets : {} ; sinon, mettez ce texte dans les crochets, séparé par une virgule, ou faites-en un commentaire (une espace, puis `#`), ou retirez-le", code_span(&format!("- {}", yaml_quoted(value)))),
                    format!("if the brackets are part of the text, quote the whole item: {}; otherwise put the text inside the brackets, after a comma, or make it a comment (a space, then `#`), or remove it", code_span(&format!("- {}", yaml_quoted(value)))),
                )
            } else {
                record.help(
                    format!("si les crochets font partie du texte, mettez toute la valeur entre guillemets : {quoted} ; sinon, mettez ce texte dans les crochets, séparé par une virgule, ou faites-en un commentaire (une espace, puis `#`), ou retirez-le"),
                    format!("if the brackets are part of the text, quote the whole value: {quoted}; otherwise put the text inside the brackets, after a comma, or make it a comment (a space, then `#`), or remove it"),
                )
            }
        }
        Cause::QuoteInsideQuotes { key, value } => {
            let fixed = yaml_quoted(value);
            Record::error(
                code,
                "l’apostrophe ferme ici la valeur ouverte par `'` : YAML ne lit pas la suite",
                "the apostrophe closes here the value opened by `'`: YAML does not read the rest",
            )
            .label("apostrophe", "apostrophe")
            .help(
                format!("mettez la valeur entre guillemets doubles : `{key}: {fixed}`"),
                format!("put the value between double quotes: `{key}: {fixed}`"),
            )
        }
        Cause::MissingColon { key, value } => {
            let record = Record::error(
                code,
                format!("il manque les deux-points `:` après la clé `{key}`"),
                format!("the colon `:` is missing after the key `{key}`"),
            )
            .label("`:` manquant", "missing `:`");
            if value.is_empty() {
                // `auteurs` then its indented block.
                record.help(
                    format!("ajoutez `:` après la clé, sur sa ligne : `{key}:` (le bloc en retrait en dessous est sa valeur)"),
                    format!("add `:` after the key, on its line: `{key}:` (the indented block below is its value)"),
                )
            } else {
                record.help(
                    format!("ajoutez `:` après la clé : `{key}: {value}` ; une clé est suivie de deux-points et d’une espace"),
                    format!("add `:` after the key: `{key}: {value}`; a key is followed by a colon and a space"),
                )
            }
        }
        Cause::Indicator { key, value, ch, item } => {
            let fixed = match item {
                true => format!("- {}", yaml_quoted(value)),
                false => format!("{key}: {}", yaml_quoted(value)),
            };
            let (ch, fixed) = (code_span(&ch.to_string()), code_span(&fixed));
            // What YAML makes of the first word, for the marks it would otherwise drop silently.
            let word = value.split_whitespace().next().unwrap_or_default();
            let (reads_fr, reads_en) = match ch.as_str() {
                "`!`" => (
                    format!(" : elle lit {} comme une étiquette de type (tag) et l’ôte du texte", code_span(word)),
                    format!(": it reads {} as a type tag and drops it from the text", code_span(word)),
                ),
                "`&`" if word.len() > 1 => (
                    format!(" : elle lit {} comme une ancre et l’ôte du texte", code_span(word)),
                    format!(": it reads {} as an anchor and drops it from the text", code_span(word)),
                ),
                _ => (String::new(), String::new()),
            };
            Record::error(
                code,
                match item {
                    true => format!("un élément de `{key}` commence par {ch}, que YAML réserve à sa propre syntaxe{reads_fr}"),
                    false => format!("la valeur de `{key}` commence par {ch}, que YAML réserve à sa propre syntaxe{reads_fr}"),
                },
                match item {
                    true => format!("an item of `{key}` starts with {ch}, which YAML reserves for its own syntax{reads_en}"),
                    false => format!("the value of `{key}` starts with {ch}, which YAML reserves for its own syntax{reads_en}"),
                },
            )
            .label("caractère réservé", "reserved character")
            .help(
                format!("mettez la valeur entre guillemets : {fixed}"),
                format!("put the value in quotes: {fixed}"),
            )
        }
        Cause::Continuation { key, value } => {
            let fixed = yaml_quoted(value);
            Record::error(
                code,
                format!("cette ligne continue la valeur de `{key}` sans retrait : YAML la lit comme une nouvelle clé, pas comme la suite du texte"),
                format!("this line continues the value of `{key}` with no indentation: YAML reads it as a new key, not as the rest of the text"),
            )
            .label("suite de la valeur", "rest of the value")
            .help(
                format!("une valeur qui continue sur une autre ligne s’écrit en retrait sous sa clé (des espaces avant) ; ou mettez-la sur une seule ligne, ou entre guillemets : `{key}: {fixed}`"),
                format!("a value going on to another line is indented under its key (spaces before it); or put it on one line, or quote it: `{key}: {fixed}`"),
            )
        }
        Cause::StarItem { ch, item } if !matches!(ch, '*' | '+') => {
            // `– date: 2013`: Word's autocorrect of `- `, a dash look-alike or a bullet.
            let fixed = code_span(&format!("- {item}"));
            let name = match Odd::of(*ch, false) {
                Some(odd) => odd_name(odd, *ch),
                None => {
                    let code = format!("U+{:04X}", u32::from(*ch));
                    Both::new(
                        format!("une puce (`{ch}`, {code})"),
                        format!("a bullet (`{ch}`, {code})"),
                    )
                }
            };
            Record::error(
                code,
                format!("{} ne commence pas un élément de liste en YAML : il le lit comme du texte", name.fr),
                format!("{} does not start a list item in YAML: it reads it as text", name.en),
            )
            .label("pas un tiret", "not a hyphen")
            .help(
                format!("remplacez `{ch}` par `-`, le trait d’union ordinaire, suivi d’une espace : {fixed}"),
                format!("replace `{ch}` with `-`, the ordinary hyphen, followed by a space: {fixed}"),
            )
        }
        Cause::StarItem { ch, item } => {
            let fixed = code_span(&format!("- {item}"));
            Record::error(
                code,
                format!("`{ch}` ne commence pas un élément de liste en YAML"),
                format!("`{ch}` does not start a list item in YAML"),
            )
            .label("puce", "bullet")
            .help(
                format!("commencez chaque élément par un tiret et une espace : {fixed}"),
                format!("start each item with a dash and a space: {fixed}"),
            )
        }
        Cause::BlockIndentation { key, spaces, fixed } => {
            let (of_fr, of_en) = if key.is_empty() {
                ("de cet élément".to_string(), "of this item".to_string())
            } else {
                (format!("de `{key}`"), format!("of `{key}`"))
            };
            let fixed = code_span(fixed);
            Record::error(
                code,
                format!("cette ligne continue le texte {of_fr}, mais moins en retrait que sa première ligne : YAML lit le texte comme fini au-dessus"),
                format!("this line continues the text {of_en}, but is indented less than its first line: YAML reads the text as ended above it"),
            )
            .label("retrait", "indentation")
            .help(
                format!("mettez-la en retrait comme la première ligne du texte, avec {spaces} espaces avant : {fixed}"),
                format!("indent it like the first line of the text, with {spaces} spaces before it: {fixed}"),
            )
        }
        Cause::Indentation {
            above,
            spaces,
            fixed,
            block,
            has,
        } => {
            let (message_fr, message_en) = match (above, block) {
                (None, Some(block)) => {
                    let (fr, en) = match &**block {
                        Block::Item { list, item } if list.is_empty() => (
                            format!("de l’élément `{item}`"),
                            format!("of the item `{item}`"),
                        ),
                        Block::Item { list, item } => (
                            format!("de l’élément `{item}` de `{list}`"),
                            format!("of the item `{item}` of `{list}`"),
                        ),
                        Block::Under { key } => (format!("du bloc de `{key}`"), format!("of the block of `{key}`")),
                        Block::Top => ("du bloc des clés du document".to_string(), "of the block of the document's keys".to_string()),
                    };
                    let (has_fr, has_en) = match has {
                        0 => ("aucune espace".to_string(), "no space".to_string()),
                        1 => ("une espace".to_string(), "one space".to_string()),
                        n => (format!("{n} espaces"), format!("{n} spaces")),
                    };
                    (
                        format!("cette ligne ({has_fr} avant elle) sort {fr}, qui commence à la colonne {} : YAML ne sait pas à quoi elle appartient", spaces + 1),
                        format!("this line ({has_en} before it) falls out {en}, which starts at column {}: YAML cannot tell what it belongs to", spaces + 1),
                    )
                }
                (Some(above), _) => (
                    format!("cette ligne est plus en retrait que `{above}` au-dessus : YAML la lit comme la suite de la valeur de `{above}`"),
                    format!("this line is indented more than `{above}` above it: YAML reads it as the rest of the value of `{above}`"),
                ),
                (None, None) => (
                    "le retrait de cette ligne n’est celui d’aucun bloc au-dessus : YAML ne sait pas à quoi elle appartient".to_string(),
                    "this line's indentation is that of no block above it: YAML cannot tell what it belongs to".to_string(),
                ),
            };
            let fixed = code_span(fixed);
            let (help_fr, help_en) = match spaces {
                0 => (
                    format!("commencez-la en début de ligne, sans espace avant : {fixed}"),
                    format!("start it at the beginning of the line, with no space before it: {fixed}"),
                ),
                1 => (
                    format!("mettez une espace avant, pour qu’elle commence à la colonne 2 comme les lignes de son bloc : {fixed}"),
                    format!("put one space before it, so that it starts at column 2 like the lines of its block: {fixed}"),
                ),
                n => (
                    format!("mettez {n} espaces avant, pour qu’elle commence à la colonne {} comme les lignes de son bloc : {fixed}", n + 1),
                    format!("put {n} spaces before it, so that it starts at column {} like the lines of its block: {fixed}", n + 1),
                ),
            };
            Record::error(code, message_fr, message_en)
                .label("retrait", "indentation")
                .help(help_fr, help_en)
        }
        Cause::KeyInList { key, list, line } => Record::error(
            code,
            format!("la clé `{key}` est au niveau des tirets de la liste de `{list}` (ou à leur gauche) : YAML finit la liste à cette ligne, et les éléments en dessous n’appartiennent à rien"),
            format!("the key `{key}` stands at the column of the dashes of the list of `{list}` (or left of them): YAML ends the list at this line, and the items below belong to nothing"),
        )
        .label("fin de la liste", "end of the list")
        .help(
            format!("déplacez `{line}` après le dernier élément de la liste ; si c’est un élément, commencez-le par un tiret et mettez-le entre guillemets : `- {}`", yaml_quoted(line)),
            format!("move `{line}` after the list's last item; if it is an item, start it with a dash and quote it: `- {}`", yaml_quoted(line)),
        ),
        Cause::GluedDash { key, fixed, in_list } => {
            let fixed = code_span(fixed);
            let record = Record::error(
                code,
                format!("le tiret `-` est collé à la clé `{key}`"),
                format!("the dash `-` is glued to the key `{key}`"),
            )
            .label("tiret collé", "glued dash");
            if *in_list {
                record.help(
                    format!("mettez une espace après `-` pour commencer un élément de liste : {fixed}"),
                    format!("put a space after `-` to start a list item: {fixed}"),
                )
            } else {
                record.help(
                    format!("retirez le `-` : {fixed}"),
                    format!("remove the `-`: {fixed}"),
                )
            }
        }
        Cause::MisalignedItem => Record::error(
            code,
            "ce `-` n’est pas aligné sur ceux des éléments précédents : YAML le lit comme la suite du texte de l’élément d’avant",
            "this `-` is not aligned with the items before it: YAML reads it as the rest of the previous item's text",
        )
        .label("mal aligné", "misaligned")
        .help(
            "l’indentation des lignes `- ` diffère : mettez le même nombre d’espaces avant chaque `-` de la liste",
            "the indentation of the `- ` lines differs: put the same number of spaces before each `-` of the list",
        ),
        Cause::Escape { escape, reads, fixed } => {
            let shown = code_span(escape);
            let letters = code_span(escape.strip_prefix('\\').unwrap_or(escape));
            let (fr, en) = match reads {
                Some(c) => (
                    format!(r"entre guillemets doubles, `\` commence un échappement : YAML lit {shown} comme le caractère U+{:04X}, pas comme une barre oblique inverse suivie de {letters}", u32::from(*c)),
                    format!(r"between double quotes, `\` starts an escape: YAML reads {shown} as the character U+{:04X}, not as a backslash followed by {letters}", u32::from(*c)),
                ),
                None => (
                    format!(r"entre guillemets doubles, `\` commence un échappement, et {shown} n’en est pas un que YAML connaisse"),
                    format!(r"between double quotes, `\` starts an escape, and {shown} is not one YAML knows"),
                ),
            };
            let (help_fr, help_en) = match fixed {
                Some(fixed) => (
                    format!(r"mettez la valeur entre apostrophes, où `\` reste tel quel : {} ; ou doublez chaque barre oblique inverse (`\\`)", code_span(fixed)),
                    format!(r"put the value between single quotes, where `\` stays as written: {}; or double each backslash (`\\`)", code_span(fixed)),
                ),
                None => (
                    r"mettez la valeur entre apostrophes (`'…'`), où `\` reste tel quel, ou doublez chaque barre oblique inverse (`\\`)".to_string(),
                    r"put the value between single quotes (`'…'`), where `\` stays as written, or double each backslash (`\\`)".to_string(),
                ),
            };
            Record::error(code, fr, en)
                .label("barre oblique inverse", "backslash")
                .help(help_fr, help_en)
        }
        Cause::UnclosedQuote { quote } => Record::error(
            code,
            format!("ce guillemet `{quote}` n’est jamais refermé"),
            format!("this quote `{quote}` is never closed"),
        )
        .label("ouvert ici", "opened here")
        .help(
            format!("refermez la valeur par `{quote}` sur la même ligne ; pour écrire un guillemet dans la valeur, doublez-le entre apostrophes (`'l''eau'`) ou écrivez `\\\"` entre guillemets"),
            format!("close the value with `{quote}` on the same line; to write a quote inside, double it between single quotes (`'l''eau'`) or write `\\\"` between double quotes"),
        ),
        Cause::UnclosedBracket { open } => {
            let close = if *open == '[' { ']' } else { '}' };
            Record::error(
                code,
                format!("`{open}` n’est jamais refermé par `{close}`"),
                format!("`{open}` is never closed by `{close}`"),
            )
            .label("ouvert ici", "opened here")
            .help(
                format!("fermez par `{close}` sur la même ligne, et mettez entre guillemets les éléments qui contiennent `,` `[` `]` `{{` ou `}}`"),
                format!("close with `{close}` on the same line, and quote the items that contain `,` `[` `]` `{{` or `}}`"),
            )
        }
        Cause::MismatchedBracket {
            open,
            close,
            column,
        } => {
            let wanted = if *open == '[' { ']' } else { '}' };
            Record::error(
                code,
                format!("`{close}` ferme le `{open}` ouvert colonne {column}, qui se ferme par `{wanted}`"),
                format!("`{close}` closes the `{open}` opened at column {column}, which closes with `{wanted}`"),
            )
            .label(format!("`{wanted}` attendu"), format!("`{wanted}` expected"))
            .help(
                format!("fermez par `{wanted}` (ou retirez le `{open}` de trop), et mettez entre guillemets les éléments qui contiennent `,` `[` `]` `{{` ou `}}`"),
                format!("close with `{wanted}` (or remove the extra `{open}`), and quote the items that contain `,` `[` `]` `{{` or `}}`"),
            )
        }
        Cause::Comment { value } => Record::error(
            code,
            "`#` commence ici un commentaire : YAML ne lit pas la suite de la ligne",
            "`#` starts a comment here: YAML does not read the rest of the line",
        )
        .label("début du commentaire", "comment starts here")
        .help(
            format!("mettez entre guillemets la valeur qui contient `#` : `{}`", yaml_quoted(value)),
            format!("quote the value that contains `#`: `{}`", yaml_quoted(value)),
        ),
        Cause::LoneCarriageReturn => Record::error(
            code,
            "retour chariot U+000D (CARRIAGE RETURN) sans saut de ligne après : YAML le lit comme une fin de ligne (entre guillemets, la valeur est repliée là en une espace ; sans guillemets, la ligne s’arrête), alors qu’un éditeur ou une revue montre une seule ligne, ou `^M`",
            "carriage return U+000D (CARRIAGE RETURN) not followed by a line feed: YAML reads it as a line break (between quotes, the value is folded there into a space; unquoted, the line ends), while an editor or a review shows one line, or `^M`",
        )
        .label("retour chariot", "carriage return")
        .help(
            "retirez-le (il est invisible : effacez le caractère signalé et retapez ce qui l’entoure), ou enregistrez le fichier avec des fins de ligne LF (ou CRLF) ; pour une fin de ligne voulue dans une valeur, écrivez `\\n` entre guillemets doubles ou un bloc `|`",
            "remove it (it is invisible: delete the character shown and type what surrounds it again), or save the file with LF (or CRLF) line endings; for a line break meant inside a value, write `\\n` between double quotes or use a `|` block",
        ),
        Cause::ControlCharacter { ch } => {
            let code_point = u32::from(*ch);
            let name = crate::escape::control_name(*ch);
            Record::error(
                code,
                format!("caractère de contrôle U+{code_point:04X} ({name}) : YAML n’en admet dans aucun texte, entre guillemets ou non, et ne peut pas lire ce fichier"),
                format!("control character U+{code_point:04X} ({name}): YAML allows none in any text, quoted or not, and cannot read this file"),
            )
            .label("caractère de contrôle", "control character")
            .help(
                "retirez-le (il est invisible : effacez le caractère signalé et retapez ce qui l’entoure) ; un texte n’en a pas besoin, et un terminal agirait selon lui au lieu de l’afficher",
                "remove it (it is invisible: delete the character shown and type what surrounds it again); no text needs one, and a terminal would act on it instead of showing it",
            )
        }
        Cause::Structure => Record::error(
            code,
            "YAML illisible ici : l’indentation ou la structure ne convient pas",
            "YAML cannot be read here: the indentation or the structure is wrong",
        )
        .label("ici", "here")
        .help(
            "vérifiez que les clés d’un même bloc sont alignées et que chaque élément de liste commence par `- ` ; mettez entre guillemets les valeurs qui contiennent `: ` ou ` #`",
            "check that the keys of one block are aligned and that each list item starts with `- `; quote values that contain `: ` or ` #`",
        ),
    }
}

/// `text` as a YAML quoted scalar: between double quotes, or between single quotes (each
/// `'` doubled) when it holds a `"` or a `\`, so that the fix a hint shows reads back as
/// `text`.
pub fn yaml_quoted(text: &str) -> String {
    if text.contains(['"', '\\']) {
        format!("'{}'", text.replace('\'', "''"))
    } else {
        format!("\"{text}\"")
    }
}

/// The rest of a control-character message when its line holds more, in French and in
/// English: `, et 2 autres sur cette ligne (colonnes 9, 14)`, `, and 2 more on this line
/// (columns 9, 14)`.
fn more_controls(more: &[usize]) -> (String, String) {
    match more {
        [] => (String::new(), String::new()),
        [one] => (
            format!(", et un autre sur cette ligne (colonne {one})"),
            format!(", and another on this line (column {one})"),
        ),
        _ => {
            let (n, list) = (more.len(), columns(more));
            (
                format!(", et {n} autres sur cette ligne (colonnes {list})"),
                format!(", and {n} more on this line (columns {list})"),
            )
        }
    }
}

/// The rest of a message when its line holds more of the same, in the user's language:
/// `, and 197 more on this line (columns 40, 52, 64, …)`; ten columns at most are listed.
pub fn more_on_this_line(more: &[usize]) -> String {
    let shown = &more[..more.len().min(10)];
    let (fr, en) = match more {
        [] => (String::new(), String::new()),
        [one] => (
            format!(", et un autre sur cette ligne (colonne {one})"),
            format!(", and another on this line (column {one})"),
        ),
        _ => {
            let etc = if shown.len() < more.len() {
                ", …"
            } else {
                ""
            };
            let (n, list) = (more.len(), columns(shown));
            (
                format!(", et {n} autres sur cette ligne (colonnes {list}{etc})"),
                format!(", and {n} more on this line (columns {list}{etc})"),
            )
        }
    };
    super::pick(super::lang(), fr, en)
}

/// Columns as a list: `9, 14`.
fn columns(list: &[usize]) -> String {
    list.iter()
        .map(usize::to_string)
        .collect::<Vec<_>>()
        .join(", ")
}

/// `text` as Markdown inline code: between backticks, doubled (and spaced) when it holds one.
fn code_span(text: &str) -> String {
    if text.contains('`') {
        format!("`` {text} ``")
    } else {
        format!("`{text}`")
    }
}

/// A character an id cannot hold, named: "une majuscule `T`", "une espace (U+0020)"…
fn char_name(c: char) -> Both {
    if let Some(odd) = Odd::of(c, true) {
        return odd_name(odd, c);
    }
    let code = format!("U+{:04X}", u32::from(c));
    if c == ' ' {
        Both::new(format!("une espace ({code})"), format!("a space ({code})"))
    } else if c.is_uppercase() {
        Both::new(format!("une majuscule `{c}`"), format!("a capital `{c}`"))
    } else if c.is_alphabetic() && !c.is_ascii() {
        Both::new(
            format!("une lettre accentuée `{c}`"),
            format!("an accented letter `{c}`"),
        )
    } else {
        Both::new(
            format!("le caractère `{c}`"),
            format!("the character `{c}`"),
        )
    }
}

/// "une espace insécable (U+00A0)" / "a no-break space (U+00A0)".
pub fn odd_name(odd: Odd, ch: char) -> Both {
    let (fr, en) = match odd {
        Odd::NoBreakSpace => ("une espace insécable", "a no-break space"),
        Odd::NarrowNoBreakSpace => ("une espace fine insécable", "a narrow no-break space"),
        Odd::ZeroWidthSpace => ("une espace de largeur nulle", "a zero-width space"),
        Odd::ZeroWidthJoiner => ("un liant de largeur nulle", "a zero-width joiner"),
        Odd::ZeroWidthNonJoiner => ("un antiliant de largeur nulle", "a zero-width non-joiner"),
        Odd::WordJoiner => ("un gluon de mots invisible", "an invisible word joiner"),
        Odd::ByteOrderMark => ("une marque d’ordre des octets", "a byte-order mark"),
        Odd::SoftHyphen => (
            "un trait d’union conditionnel invisible",
            "an invisible soft hyphen",
        ),
        Odd::Tab => ("une tabulation", "a tab"),
        Odd::TypographicApostrophe => ("une apostrophe typographique", "a typographic apostrophe"),
        Odd::OtherSpace => ("une espace spéciale", "a special space"),
        Odd::Dash => ("un tiret typographique", "a typographic dash"),
        Odd::TypographicQuote => ("un guillemet typographique", "a typographic quote"),
        Odd::Ligature => ("une ligature", "a ligature"),
    };
    let code = format!("U+{:04X}", u32::from(ch));
    let shown = match odd {
        Odd::TypographicApostrophe | Odd::Dash | Odd::TypographicQuote | Odd::Ligature => {
            format!("`{ch}`, {code}")
        }
        Odd::ByteOrderMark => format!("BOM, {code}"),
        _ => code,
    };
    Both::new(format!("{fr} ({shown})"), format!("{en} ({shown})"))
}

/// What a diagnostic says more when the text it quotes holds an odd character: the end of
/// its message ("… : contient une espace insécable (U+00A0) en colonne 6") and the fix.
///
/// `place` says what the quoted text is: in a link's target a space is written `%20` (an
/// ordinary one would end the target: the link would not be one); in a number the
/// diagnostic's own hint already writes the number as meant.
pub fn odd_note(odd: Odd, ch: char, column: usize, place: OddPlace) -> (Both, Option<Both>) {
    let name = odd_name(odd, ch);
    let message = Both::new(
        format!(" — contient {} en colonne {column}", name.fr),
        format!(" — contains {} at column {column}", name.en),
    );
    let space = matches!(
        odd,
        Odd::NoBreakSpace | Odd::NarrowNoBreakSpace | Odd::OtherSpace
    );
    match place {
        OddPlace::Number if space => return (message, None),
        OddPlace::Link if space => {
            return (
                message,
                Some(Both::new(
                    "dans la cible d’un lien, une espace s’écrit `%20` (ou mettez la cible entre `<…>`) : une espace ordinaire y met fin, et le lien n’en est plus un",
                    "in a link's target, write a space as `%20` (or put the target between `<…>`): an ordinary space ends it, and the link is no link any more",
                )),
            )
        }
        _ => {}
    }
    let help = match odd {
        Odd::Tab => Both::new(
            "remplacez la tabulation par des espaces",
            "replace the tab with spaces",
        ),
        Odd::TypographicApostrophe => Both::new(
            "les clés et les identifiants s’écrivent sans apostrophe : `_` dans une clé (`jusqu_au`), `-` dans un identifiant",
            "keys and identifiers have no apostrophe: `_` in a key (`jusqu_au`), `-` in an identifier",
        ),
        Odd::Dash => Both::new(
            "remplacez-le par un trait d’union ordinaire `-`",
            "replace it with an ordinary hyphen `-`",
        ),
        Odd::TypographicQuote => Both::new(
            "retirez les guillemets typographiques : YAML ne lit comme guillemets que `\"` et `'`, et un identifiant n’en a pas",
            "remove the typographic quotes: YAML reads only `\"` and `'` as quotes, and an identifier has none",
        ),
        Odd::Ligature => {
            let letters = crate::slug::unligature(&ch.to_string()).into_owned();
            Both::new(
                format!("retapez `{letters}` : une ligature, collée d’un PDF, est un seul caractère, que la recherche et les liens ne lisent pas comme `{letters}`"),
                format!("type `{letters}` again: a ligature, pasted from a PDF, is one character, which search and links do not read as `{letters}`"),
            )
        }
        Odd::NoBreakSpace | Odd::NarrowNoBreakSpace | Odd::OtherSpace => Both::new(
            "remplacez-la par une espace ordinaire, ou supprimez-la dans une clé ou un identifiant",
            "replace it with an ordinary space, or delete it in a key or an identifier",
        ),
        _ => Both::new(
            "supprimez ce caractère invisible",
            "delete this invisible character",
        ),
    };
    (message, Some(help))
}

/// What the text holding an odd character is, for [`odd_note`]'s fix.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum OddPlace {
    /// A key, an id, a reference, a date.
    Name,
    /// A link's target.
    Link,
    /// A number.
    Number,
}

const SIMPLIFY_FR: &str = "simplifiez ce document : écrivez les valeurs directement";
const SIMPLIFY_EN: &str = "simplify this document: write the values out";
const LINKS_FR: &str = "les liens sont relatifs au fichier qui les contient";
const LINKS_EN: &str = "links are relative to the file that contains them";

/// An id like `id` that HTML allows: its words joined by `-`.
fn example_id(id: &str) -> String {
    let words: Vec<&str> = id.split_ascii_whitespace().collect();
    if words.is_empty() {
        "art-3".into()
    } else {
        words.join("-")
    }
}

/// A reference to something that does not exist, labelled "not found".
fn unknown(code: &'static str, message: Both) -> Record {
    Record::error(code, message.fr, message.en).label("introuvable", "not found")
}

/// The help for a date in words that is no full date.
fn date_help(record: Record, hint: &DateHint) -> Record {
    use super::typography::{MONTHS_EN as EN, MONTHS_FR as FR};
    match hint {
        DateHint::NoDay { month } => record.help(
            format!("il manque le jour : une date s’écrit en entier, AAAA-MM-JJ — `{month}-JJ`, avec le jour"),
            format!("the day is missing: a date is written in full, YYYY-MM-DD — `{month}-DD`, with the day"),
        ),
        DateHint::YearMissing { day, month, short: None } => record.help(
            format!("il manque l’année : une date s’écrit en entier, AAAA-MM-JJ — `AAAA-{month:02}-{day:02}`, avec l’année"),
            format!("the year is missing: a date is written in full, YYYY-MM-DD — `YYYY-{month:02}-{day:02}`, with the year"),
        ),
        DateHint::YearMissing { day, month, short: Some(yy) } => record.help(
            format!("l’année s’écrit en quatre chiffres (`{yy}` ne dit pas le siècle) : une date s’écrit AAAA-MM-JJ — `AAAA-{month:02}-{day:02}`"),
            format!("the year is written with four digits (`{yy}` does not say the century): a date is written YYYY-MM-DD — `YYYY-{month:02}-{day:02}`"),
        ),
        DateHint::NoSuchDay { day, month, year, days } => {
            let i = (*month as usize).saturating_sub(1).min(11);
            record.help(
                format!("ce jour n’existe pas : {} {year} n’a que {days} jours ; écrivez le jour voulu, AAAA-MM-JJ (`{year:04}-{month:02}-{days:02}` pour le dernier)", FR[i]),
                format!("that day does not exist: {} {year} has only {days} days; write the day meant, YYYY-MM-DD (`{year:04}-{month:02}-{days:02}` for the last one)", EN[i]),
            )
            .label(format!("pas de {day} {}", FR[i]), format!("no {} {day}", EN[i]))
        }
    }
}

/// A value that does not match its pattern: the message and help depend on what it is.
fn bad_pattern(
    value: &str,
    what: PatternKind,
    fixed: Option<&str>,
    letter: Option<char>,
) -> Record {
    let (fr, en) = match what {
        PatternKind::Id => ("identifiant invalide", "invalid identifier"),
        PatternKind::Date | PatternKind::PartialDate => ("date invalide", "invalid date"),
        PatternKind::Url => ("adresse web invalide", "invalid URL"),
        PatternKind::Currency => ("devise invalide", "invalid currency"),
        PatternKind::OfferRef => ("référence d’offre invalide", "invalid offer reference"),
        PatternKind::StaticPath => ("chemin ou adresse invalide", "invalid path or URL"),
        PatternKind::Other => ("format invalide", "invalid format"),
    };
    let (note_fr, note_en) = match letter {
        Some(c) => {
            let digit = if matches!(c, 'O' | 'o') { '0' } else { '1' };
            (
                format!(" — la lettre `{c}` est là où un chiffre `{digit}` est attendu"),
                format!(" — the letter `{c}` stands where a digit `{digit}` is expected"),
            )
        }
        None => (String::new(), String::new()),
    };
    let record = Record::error(
        "codesocial::schema::format",
        format!("{fr} : `{value}`{note_fr}"),
        format!("{en} `{value}`{note_en}"),
    );
    if let Some(fixed) = fixed {
        return record.help(format!("écrivez `{fixed}`"), format!("write `{fixed}`"));
    }
    match what {
        PatternKind::Id => record.help(
            "un identifiant s’écrit en minuscules sans accents, chiffres et tirets : `circuits-courts`",
            "an identifier is lowercase ASCII letters, digits and hyphens: `circuits-courts`",
        ),
        PatternKind::Date => record.help(
            "écrivez la date en chiffres, année, mois et jour : `AAAA-MM-JJ`",
            "write the date in digits, year, month and day: `YYYY-MM-DD`",
        ),
        PatternKind::PartialDate => record.help(
            "écrivez la date en chiffres : `AAAA`, `AAAA-MM` ou `AAAA-MM-JJ`",
            "write the date in digits: `YYYY`, `YYYY-MM` or `YYYY-MM-DD`",
        ),
        PatternKind::Url => record.help(
            "une adresse commence par `https://`",
            "a URL starts with `https://`",
        ),
        PatternKind::Currency => record.help(
            "un code ISO 4217 en majuscules : `EUR`",
            "an ISO 4217 code in capitals: `EUR`",
        ),
        PatternKind::OfferRef => record.help(
            "l’identifiant d’une offre, ou `organisation:offre` pour une offre de l’écosystème",
            "an offer id, or `organisation:offer` for an ecosystem offer",
        ),
        PatternKind::StaticPath => record.help(
            "un chemin dans `static/` (`assets/partage.png`, sans `..` ni `/` au début), ou une adresse `https://`",
            "a path inside `static/` (`assets/partage.png`, no `..` nor leading `/`), or an `https://` URL",
        ),
        PatternKind::Other => record,
    }
}
