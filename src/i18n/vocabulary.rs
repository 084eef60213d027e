//! The plain types the sentences of this module name, defined here, below everything that
//! produces them (issue 15: no arrow runs up into `load` or `import`): an odd character and
//! the cause of a YAML error (`load`), a kind of page furniture and a document format
//! (`import`). Their behaviour (how a character is classified, a format's name) stays with
//! the module that produces them, as inherent `impl`s there; each is re-exported from it.

/// A character that does not show, or shows as another.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Odd {
    NoBreakSpace,
    NarrowNoBreakSpace,
    ZeroWidthSpace,
    ZeroWidthJoiner,
    ZeroWidthNonJoiner,
    WordJoiner,
    ByteOrderMark,
    SoftHyphen,
    Tab,
    /// `’` (or `‘`, `ʼ`) where the format expects none (keys have `_`, ids `-`).
    TypographicApostrophe,
    /// Another space of Unicode's `Zs` class (em space, figure space…).
    OtherSpace,
    /// A dash that looks like `-` (en dash, em dash, minus sign, non-breaking hyphen…), as
    /// word processors put in dates and ids.
    Dash,
    /// `“`, `”`, `„`, `«`, `»`, `‹`, `›`: quotation marks YAML does not read as quotes.
    TypographicQuote,
    /// `ﬁ`, `ﬂ`, `ﬀ`, `ﬃ`, `ﬄ`, `ﬅ`, `ﬆ` (U+FB00–U+FB06): one character that shows as two
    /// letters, as text copied from a PDF brings them.
    Ligature,
}

/// The block a line indented unlike it belongs to, as a message names it.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Block {
    /// The item of the list of `list` (empty: a list at the top) whose first line is
    /// `item` (`- date: 2013-05`), trimmed.
    Item { list: String, item: String },
    /// The block under `key:` (its keys, or its list).
    Under { key: String },
    /// The document's own keys, at the start of the line.
    Top,
}

/// The likely cause of a YAML syntax error.
#[derive(Debug, Clone, PartialEq, Eq, Default)]
pub enum Cause {
    /// A tab where YAML wants spaces (indentation, after `-` or `:`).
    Tab,
    /// A carriage return (U+000D) not followed by a line feed: YAML reads it as a line
    /// break (inside quotes, a fold into a space), where an editor or a review shows one
    /// line, or `^M`.
    LoneCarriageReturn,
    /// An invisible or special character where YAML wants a space or nothing.
    Odd { odd: Odd, ch: char },
    /// `titre:Écoute`: no space after the colon of a key.
    NoSpaceAfterColon { key: String },
    /// `titre:\u{a0}Écoute`: an invisible or special character right after a key's colon,
    /// where YAML wants an ordinary space.
    OddAfterColon { key: String, odd: Odd, ch: char },
    /// `{ membre: claire\u{a0}}`: an invisible or special character beside the mark `mark`
    /// of a flow collection (`{ } [ ] , :`) or a block scalar's `|` or `>`, where YAML wants
    /// an ordinary space or nothing; `before` when it stands before the mark.
    OddBeside {
        odd: Odd,
        ch: char,
        mark: char,
        before: bool,
    },
    /// `titre: "Transparence" des processus`: text after a quoted value's closing quote.
    TextAfterQuote { key: String, value: String },
    /// `plans: [a, b]\tjuridique`: text after the bracket `close` that ends a flow list or
    /// mapping; `tab` when a tab stands between them. `value` is the whole value as written
    /// (`[Brouillon] Titre`), to quote when the brackets are part of the text.
    TextAfterBracket {
        key: String,
        close: char,
        tab: bool,
        value: String,
    },
    /// `titre: 'L'esprit du lieu'`: an apostrophe inside a value between single quotes
    /// closes it; `value` is the text meant (`L'esprit du lieu`).
    QuoteInsideQuotes { key: String, value: String },
    /// `classe intangible`: a known key of the document followed by its value with no
    /// colon between them.
    MissingColon { key: String, value: String },
    /// A plain value starting with a character YAML reserves (`@`, `` ` ``, `%`, `&`,
    /// `*`, `!`, `|`, `>`, `- `): `value` is the value as written; `item` when it is an
    /// item of the list `key`, not its value.
    Indicator {
        key: String,
        value: String,
        ch: char,
        item: bool,
    },
    /// `* sophie`: a list item marked as in Markdown (`*` or `+` and a space) where YAML
    /// wants `- `; `item` is the item's text.
    StarItem { ch: char, item: String },
    /// A line indented unlike its block: deeper than the `key: value` line `above` (read as
    /// the rest of its value), or matching no block open above. `spaces` is the
    /// indentation it should have, `fixed` the line so indented (its comment left out).
    /// `block` is the block the line belongs to, when one above is found, and `has` the
    /// spaces the line has.
    Indentation {
        above: Option<String>,
        spaces: usize,
        fixed: String,
        block: Option<Box<Block>>,
        has: usize,
    },
    /// `mots_cles:` then `  - a`, `  auteur: b`, `  - c`: a key at the column of a list's
    /// dashes or left of them, in the middle of the list of `list` (whose items are text):
    /// YAML ends the list at the key, and the items below belong to nothing. `line` is the
    /// key's line as written, trimmed.
    KeyInList {
        key: String,
        list: String,
        line: String,
    },
    /// A line of a block scalar's text (`description: >-`, `|`) indented less than the
    /// text's first line: YAML ends the text above it. `key` holds the text (empty for a
    /// list item's `- |`), `spaces` is the first line's indentation, `fixed` the line so
    /// indented.
    BlockIndentation {
        key: String,
        spaces: usize,
        fixed: String,
    },
    /// `-date: 2013`: a dash glued to the key `key`; in a list (`in_list`) a space is
    /// missing after it, elsewhere it is one too many. `fixed` is the line as meant.
    GluedDash {
        key: String,
        fixed: String,
        in_list: bool,
    },
    /// A list item indented unlike the ones before it: YAML folded the `- …` line into
    /// the previous item's text.
    MisalignedItem,
    /// `titre: Écoute: la base`: `: ` inside an unquoted value; `value` is the value meant
    /// (without the typographic quotes, `quotes`, that wrapped it, if any).
    ColonInValue {
        key: String,
        value: String,
        quotes: Option<String>,
    },
    /// `{ membre: claire depuis: 2014-09-01 }`: no comma before the key `key` inside a flow
    /// mapping, so YAML reads the previous value and the key as one value; `fixed` is the
    /// collection, on its line, with the comma.
    MissingComma { key: String, fixed: String },
    /// `lieu: "S:\Partage"`: between double quotes, a backslash that starts an escape the
    /// writer did not mean (`escape` as written): one YAML reads as the character `reads`
    /// (`\P`, a paragraph separator), or none it knows (`reads` is `None`). `fixed` is the
    /// value's line as meant, between single quotes, when it fits on it.
    Escape {
        escape: String,
        reads: Option<char>,
        fixed: Option<String>,
    },
    /// A `"` or `'` opened and never closed.
    UnclosedQuote { quote: char },
    /// A `[` or `{` opened and never closed.
    UnclosedBracket { open: char },
    /// `[a, b }`: a collection opened by `open` (at `column` of the line, in characters)
    /// closed by the other kind of bracket, `close`.
    MismatchedBracket {
        open: char,
        close: char,
        column: usize,
    },
    /// ` #` inside an unquoted value started a comment and cut the line short, or a value
    /// starts with `#` (`[#confiance]`); `value` is the value as meant.
    Comment { value: String },
    /// A control character YAML allows in no text (a C0 control other than a tab or a line
    /// ending, or DEL), written as it is, quoted or not: the parser stops at it, or at the
    /// start of its value, in its own words.
    ControlCharacter { ch: char },
    /// `resume: Tout processus qui engage` then `le collectif est documenté…` at the key's
    /// column (a value wrapped by a word processor): YAML reads the second line as a new
    /// key, not as the rest of the value of `key`. `value` is the value meant, the lines
    /// joined by a space.
    Continuation { key: String, value: String },
    /// Something else: indentation or structure.
    #[default]
    Structure,
}

/// A kind of page furniture, as the report names it.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum Furniture {
    /// The site's header: logo, site name, tagline.
    Header,
    /// Menus, breadcrumbs, links to the previous and next posts.
    Menu,
    Footer,
    /// Sidebars and their widgets (recent posts, archives, tags).
    Sidebar,
    /// Comments and the comment form.
    Comments,
    /// Share and follow buttons.
    Share,
    /// Cookie and consent banners, pop-ups.
    Banner,
    /// Forms: contact, newsletter, search.
    Form,
    /// "Related posts" blocks.
    Related,
    /// The post's date, author, categories, edit link.
    Meta,
    /// Text meant only for screen readers ("Skip to content"), `<noscript>` fallbacks.
    Hidden,
    /// Buttons of the page's own interface.
    Button,
    /// Embedded frames (videos, maps): their address is listed.
    Frame,
    /// Text outside the article when the page has one.
    OutsideArticle,
}

/// How the document is written.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Format {
    Markdown,
    Html,
    Docx,
    Odt,
}

/// What a section of a page's template that is shown only sometimes needs, and so when
/// its id is on the page (`validate::page_ids`).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum TemplateCondition {
    /// A matrix's `cs-totals`: one of its flows is quantitative with a `valeur`.
    Totals,
    /// A member's `cs-resp`: a principle names the member in `responsables`.
    Responsible,
}
