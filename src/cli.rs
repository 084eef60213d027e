//! The command line, as `../shared/CLI.md` fixes it: names, flags and defaults that scripts
//! depend on. Arguments are checked here once and handed down as a [`crate::cmd::Context`].

use std::path::PathBuf;

use clap::{Args, Parser, Subcommand, ValueEnum};

use crate::i18n::Lang;

pub mod text;

#[derive(Debug, Parser)]
#[command(
    name = "codesocial",
    version,
    about = "Check, review and publish a #CodeSocial: an organisation's \"source code\" kept in git.",
    long_about = None,
    propagate_version = true,
    after_help = "Examples:\n  codesocial init mon-codesocial --nom \"Château de Millemont\"\n  codesocial check\n  codesocial diff main\n  codesocial build examples/cheznous"
)]
pub struct Cli {
    #[command(flatten)]
    pub global: GlobalArgs,
    #[command(subcommand)]
    pub command: Command,
}

#[derive(Debug, Args, Clone)]
pub struct GlobalArgs {
    /// Run as if started in DIR (the #CodeSocial folder)
    #[arg(short = 'C', value_name = "DIR", global = true)]
    pub chdir: Option<PathBuf>,
    /// When to use colours
    #[arg(long, value_enum, default_value_t = ColorChoice::Auto, global = true)]
    pub color: ColorChoice,
    /// Print only problems
    #[arg(short, long, global = true)]
    pub quiet: bool,
    /// Say more about what is done
    #[arg(short, long, global = true, action = clap::ArgAction::Count)]
    pub verbose: u8,
    /// Language of messages (default: from LC_ALL, LC_MESSAGES or LANG)
    #[arg(long, value_enum, global = true)]
    pub lang: Option<LangArg>,
}

/// A language named on the command line (`--lang`, `init --langue`, `import --langue`). The language of
/// messages itself is read before clap parses, by `i18n::from_command_line`.
#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum)]
pub enum LangArg {
    Fr,
    En,
}

impl From<LangArg> for Lang {
    fn from(arg: LangArg) -> Lang {
        match arg {
            LangArg::Fr => Lang::Fr,
            LangArg::En => Lang::En,
        }
    }
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum)]
pub enum ColorChoice {
    Auto,
    Always,
    Never,
}

#[derive(Debug, Subcommand)]
pub enum Command {
    /// Create a new, valid #CodeSocial repository
    #[command(
        after_help = "Example:\n  codesocial init mon-codesocial --nom \"Château de Millemont\""
    )]
    Init(InitArgs),
    /// Turn an existing #CodeSocial document (Markdown, HTML, .docx/.odt) into a repository
    #[command(
        after_help = "Examples:\n  codesocial import code-social.md mon-codesocial\n  codesocial import page.html mon-codesocial --nom \"Château de Millemont\"\n  codesocial import code-social.docx mon-codesocial --langue fr --no-git"
    )]
    Import(ImportArgs),
    /// Validate every document and report every problem
    #[command(
        after_help = "Examples:\n  codesocial check\n  codesocial check examples/cheznous --strict\n  codesocial check --format github"
    )]
    Check(CheckArgs),
    /// Review changes semantically, between revisions or against the working tree
    #[command(
        after_help = "Examples:\n  codesocial diff                 # working tree vs HEAD\n  codesocial diff main            # main vs working tree\n  codesocial diff v1 v2 --format markdown\n  codesocial diff origin/main..HEAD --enforce"
    )]
    Diff(DiffArgs),
    /// The history of one document, following moves
    #[command(after_help = "Example:\n  codesocial log transparence")]
    Log(LogArgs),
    /// Write the static site
    #[command(
        after_help = "Examples:\n  codesocial build\n  codesocial build examples/cheznous --out public --base-url https://example.org/codesocial/"
    )]
    Build(BuildArgs),
    /// Preview the site, rebuilt on every change
    #[command(after_help = "Example:\n  codesocial serve --port 8123 --open")]
    Serve(ServeArgs),
    /// The organisation's diagnostic: coverage, freshness, pyramid, flows, catalogue, evolution
    #[command(
        after_help = "Examples:\n  codesocial bilan\n  codesocial bilan --format markdown --stale-after 18m"
    )]
    Bilan(BilanArgs),
    /// Every offer of the ecosystem, with its organisation
    #[command(after_help = "Example:\n  codesocial catalogue --format csv > catalogue.csv")]
    Catalogue(CatalogueArgs),
    /// Refresh the cached copies of the ecosystem's #CodeSocials
    #[command(after_help = "Example:\n  codesocial fetch")]
    Fetch(DirArg),
    /// Linked data: schema.org, PAIR, ValueFlows
    #[command(after_help = "Example:\n  codesocial export --format jsonld > codesocial.jsonld")]
    Export(ExportArgs),
    /// Print the JSON Schema of a document kind (no KIND: the kinds)
    #[command(
        after_help = "Examples:\n  codesocial schema\n  codesocial schema principe > principe.schema.json"
    )]
    Schema(SchemaArgs),
    /// Shell completions
    #[command(
        after_help = "Example:\n  codesocial completions bash > ~/.local/share/bash-completion/completions/codesocial"
    )]
    Completions(CompletionsArgs),
    /// Print the manual page (roff)
    #[command(after_help = "Example:\n  codesocial man > codesocial.1")]
    Man,
}

#[derive(Debug, Args, Clone)]
pub struct DirArg {
    /// The #CodeSocial folder (default: current directory)
    #[arg(value_name = "DIR")]
    pub dir: Option<PathBuf>,
}

#[derive(Debug, Args)]
pub struct InitArgs {
    #[command(flatten)]
    pub dir: DirArg,
    /// The organisation's name
    #[arg(long)]
    pub nom: Option<String>,
    /// Language of the generated content
    #[arg(long, value_enum, default_value_t = LangArg::Fr)]
    pub langue: LangArg,
    /// CI workflow to write
    #[arg(long, value_enum, default_value_t = CiChoice::Github)]
    pub ci: CiChoice,
    /// Do not create a git repository
    #[arg(long)]
    pub no_git: bool,
}

#[derive(Debug, Args)]
pub struct ImportArgs {
    /// The document: Markdown (.md, .txt), HTML (.html), or .docx/.odt when pandoc is installed
    #[arg(value_name = "SOURCE")]
    pub source: PathBuf,
    /// The folder to write the repository into (default: the current directory, or a new
    /// folder named after the organisation beside the document when it lies there)
    #[arg(value_name = "DIR")]
    pub target: Option<PathBuf>,
    /// The organisation's name (default: from the document, else the folder's name)
    #[arg(long)]
    pub nom: Option<String>,
    /// Language of the site and of IMPORT.md (default: the document's, and the system's for IMPORT.md)
    #[arg(long, value_enum)]
    pub langue: Option<LangArg>,
    /// Do not create a git repository
    #[arg(long)]
    pub no_git: bool,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum)]
pub enum CiChoice {
    Github,
    Gitlab,
    Aucune,
}

#[derive(Debug, Args)]
pub struct CheckArgs {
    #[command(flatten)]
    pub dir: DirArg,
    /// Output format
    #[arg(long, value_enum, default_value_t = CheckFormat::Human)]
    pub format: CheckFormat,
    /// Treat warnings as errors
    #[arg(long)]
    pub strict: bool,
    /// Refresh the ecosystem's cached copies first
    #[arg(long)]
    pub fetch: bool,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum)]
pub enum CheckFormat {
    Human,
    Json,
    Github,
    Sarif,
}

#[derive(Debug, Args)]
pub struct DiffArgs {
    /// Older revision (default: HEAD); `A..B` names both
    pub from: Option<String>,
    /// Newer revision (default: the working tree)
    pub to: Option<String>,
    #[arg(long, value_enum, default_value_t = DiffFormat::Text)]
    pub format: DiffFormat,
    /// Apply the amendment rules to every commit of the range
    #[arg(long)]
    pub enforce: bool,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum)]
pub enum DiffFormat {
    Text,
    Markdown,
    Json,
}

#[derive(Debug, Args)]
pub struct LogArgs {
    /// Id of a principle, offer, member, matrix… (or `pyramide`, `codesocial`…), or the
    /// path of its file
    pub id: String,
    #[arg(long, value_enum, default_value_t = LogFormat::Text)]
    pub format: LogFormat,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum)]
pub enum LogFormat {
    Text,
    Json,
}

#[derive(Debug, Args)]
pub struct BuildArgs {
    #[command(flatten)]
    pub dir: DirArg,
    /// Output folder (default: DIR/_site)
    #[arg(long, value_name = "PATH")]
    pub out: Option<PathBuf>,
    /// Absolute URL the site is published at (overrides `site.url`)
    #[arg(long, value_name = "URL")]
    pub base_url: Option<String>,
    /// Refresh the ecosystem's cached copies first
    #[arg(long)]
    pub fetch: bool,
}

#[derive(Debug, Args)]
pub struct ServeArgs {
    #[command(flatten)]
    pub dir: DirArg,
    /// Port on 127.0.0.1
    #[arg(long, default_value_t = 8000)]
    pub port: u16,
    /// Address to listen on (loopback unless said otherwise)
    #[arg(long, default_value = "127.0.0.1")]
    pub bind: std::net::IpAddr,
    /// Open the site in the default browser
    #[arg(long)]
    pub open: bool,
    /// Refresh the ecosystem's cached copies once, before the first build
    #[arg(long)]
    pub fetch: bool,
}

#[derive(Debug, Args)]
pub struct BilanArgs {
    #[command(flatten)]
    pub dir: DirArg,
    #[arg(long, value_enum, default_value_t = DiffFormat::Text)]
    pub format: DiffFormat,
    /// A principle unchanged for longer is stale (`90d`, `12m`, `2y`)
    #[arg(long, default_value = "12m", value_name = "DURATION")]
    pub stale_after: String,
}

#[derive(Debug, Args)]
pub struct CatalogueArgs {
    #[command(flatten)]
    pub dir: DirArg,
    #[arg(long, value_enum, default_value_t = CatalogueFormat::Text)]
    pub format: CatalogueFormat,
    /// Refresh the ecosystem's cached copies first
    #[arg(long)]
    pub fetch: bool,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum)]
pub enum CatalogueFormat {
    Text,
    Json,
    Csv,
}

#[derive(Debug, Args)]
pub struct ExportArgs {
    #[command(flatten)]
    pub dir: DirArg,
    #[arg(long, value_enum, default_value_t = ExportFormat::Jsonld)]
    pub format: ExportFormat,
    /// Refresh the ecosystem's cached copies first
    #[arg(long)]
    pub fetch: bool,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum)]
pub enum ExportFormat {
    Jsonld,
}

#[derive(Debug, Args)]
pub struct SchemaArgs {
    /// A document kind (manifeste, principe, membre, offre…)
    pub kind: Option<String>,
}

#[derive(Debug, Args)]
pub struct CompletionsArgs {
    #[arg(value_enum)]
    pub shell: clap_complete::Shell,
}
