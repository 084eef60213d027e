//! The words of the command line's help and of clap's usage errors. The English help is
//! the clap definition itself (`src/cli.rs`, doc comments and `after_help`); its French is
//! here, keyed by subcommand and argument, and a test checks that every help text of the
//! definition has its French and that nothing here is left over. `cli::text` applies them.

use super::{pick, Lang};

/// French help of the command line: `(key, text)`. Keys: `""` is the program, `"check"` a
/// subcommand's summary, `"check@"` its examples, `"check.strict"` an argument of one
/// subcommand, `"*.quiet"` an argument wherever it appears.
pub const FRENCH_HELP: &[(&str, &str)] = &[
    ("", "Vérifier, relire et publier un #CodeSocial : le « code source » d’une organisation, tenu dans git."),
    ("@", "Exemples :\n  codesocial init mon-codesocial --nom \"Château de Millemont\"\n  codesocial check\n  codesocial diff main\n  codesocial build examples/cheznous"),
    ("*.chdir", "Travailler comme si la commande était lancée dans DOSSIER (le dossier du #CodeSocial)"),
    ("*.color", "Quand utiliser les couleurs"),
    ("*.quiet", "N’afficher que les problèmes"),
    ("*.verbose", "En dire plus sur ce qui est fait"),
    ("*.lang", "Langue des messages (par défaut : celle de LC_ALL, LC_MESSAGES ou LANG)"),
    ("*.help", "Afficher l’aide"),
    ("*.version", "Afficher la version"),
    ("*.dir", "Le dossier du #CodeSocial (par défaut : le dossier courant)"),
    ("*.fetch", "Mettre d’abord à jour les copies locales de l’écosystème"),
    ("init", "Créer un nouveau dépôt #CodeSocial, valide"),
    ("init@", "Exemple :\n  codesocial init mon-codesocial --nom \"Château de Millemont\""),
    ("init.nom", "Le nom de l’organisation"),
    ("init.langue", "Langue du contenu créé"),
    ("init.ci", "Intégration continue à écrire"),
    ("init.no_git", "Ne pas créer de dépôt git"),
    ("import", "Faire d’un document #CodeSocial existant (Markdown, HTML, .docx/.odt) un dépôt"),
    ("import@", "Exemples :\n  codesocial import code-social.md mon-codesocial\n  codesocial import page.html mon-codesocial --nom \"Château de Millemont\"\n  codesocial import code-social.docx mon-codesocial --langue fr --no-git"),
    ("import.source", "Le document : Markdown (.md, .txt), HTML (.html), ou .docx/.odt si pandoc est installé"),
    ("import.target", "Le dossier où écrire le dépôt (par défaut : le dossier courant, ou un nouveau dossier au nom de l’organisation à côté du document quand il s’y trouve)"),
    ("import.nom", "Le nom de l’organisation (par défaut : celui du document, sinon le nom du dossier)"),
    ("import.langue", "Langue du site et d’IMPORT.md (par défaut : celle du document, et celle du système pour IMPORT.md)"),
    ("import.no_git", "Ne pas créer de dépôt git"),
    ("check", "Valider chaque document et signaler chaque problème"),
    ("check@", "Exemples :\n  codesocial check\n  codesocial check examples/cheznous --strict\n  codesocial check --format github"),
    ("check.format", "Format de sortie"),
    ("check.strict", "Traiter les avertissements comme des erreurs"),
    ("diff", "Relire les changements, entre deux révisions ou avec l’arbre de travail"),
    ("diff@", "Exemples :\n  codesocial diff                 # arbre de travail contre HEAD\n  codesocial diff main            # main contre l’arbre de travail\n  codesocial diff v1 v2 --format markdown\n  codesocial diff origin/main..HEAD --enforce"),
    ("diff.from", "Révision la plus ancienne (par défaut : HEAD) ; `A..B` nomme les deux"),
    ("diff.to", "Révision la plus récente (par défaut : l’arbre de travail)"),
    ("diff.enforce", "Appliquer les règles de modification à chaque commit de l’intervalle"),
    ("log", "L’historique d’un document, en suivant ses déplacements"),
    ("log@", "Exemple :\n  codesocial log transparence"),
    ("log.id", "Identifiant d’un principe, d’une offre, d’un membre, d’une matrice… (ou `pyramide`, `codesocial`…), ou le chemin de son fichier"),
    ("build", "Écrire le site statique"),
    ("build@", "Exemples :\n  codesocial build\n  codesocial build examples/cheznous --out public --base-url https://example.org/codesocial/"),
    ("build.out", "Dossier de sortie (par défaut : DOSSIER/_site)"),
    ("build.base_url", "Adresse absolue où le site est publié (remplace `site.url`)"),
    ("serve", "Prévisualiser le site, reconstruit à chaque modification"),
    ("serve@", "Exemple :\n  codesocial serve --port 8123 --open"),
    ("serve.port", "Port sur 127.0.0.1"),
    ("serve.bind", "Adresse d’écoute (la boucle locale sauf mention contraire)"),
    ("serve.open", "Ouvrir le site dans le navigateur par défaut"),
    ("serve.fetch", "Mettre à jour une fois les copies locales de l’écosystème, avant la première construction"),
    ("bilan", "Le diagnostic de l’organisation : couverture, fraîcheur, pyramide, flux, catalogue, évolution"),
    ("bilan@", "Exemples :\n  codesocial bilan\n  codesocial bilan --format markdown --stale-after 18m"),
    ("bilan.stale_after", "Un principe inchangé depuis plus longtemps n’est plus frais (`90d`, `12m`, `2y`)"),
    ("catalogue", "Toutes les offres de l’écosystème, avec leur organisation"),
    ("catalogue@", "Exemple :\n  codesocial catalogue --format csv > catalogue.csv"),
    ("fetch", "Mettre à jour les copies locales des #CodeSocial de l’écosystème"),
    ("fetch@", "Exemple :\n  codesocial fetch"),
    ("export", "Données liées : schema.org, PAIR, ValueFlows"),
    ("export@", "Exemple :\n  codesocial export --format jsonld > codesocial.jsonld"),
    ("schema", "Afficher le schéma JSON d’un type de document (sans TYPE : les types)"),
    ("schema@", "Exemples :\n  codesocial schema\n  codesocial schema principe > principe.schema.json"),
    ("schema.kind", "Un type de document (manifeste, principe, membre, offre…)"),
    ("completions", "Complétions pour le shell"),
    ("completions@", "Exemple :\n  codesocial completions bash > ~/.local/share/bash-completion/completions/codesocial"),
    ("man", "Afficher la page de manuel (roff)"),
    ("man@", "Exemple :\n  codesocial man > codesocial.1"),
    ("help", "Afficher cette aide, ou celle des sous-commandes données"),
];

/// The French of a value name (`<DIR>` → `<DOSSIER>`); others are the same in both.
pub const FRENCH_VALUE_NAMES: &[(&str, &str)] = &[
    ("DIR", "DOSSIER"),
    ("PATH", "CHEMIN"),
    ("DURATION", "DURÉE"),
    ("KIND", "TYPE"),
    ("FROM", "DEPUIS"),
    ("TO", "VERS"),
    ("COLOR", "QUAND"),
    ("LANG", "LANGUE"),
    ("BIND", "ADRESSE"),
    ("COMMAND", "COMMANDE"),
];

/// The French help for a key of [`FRENCH_HELP`].
pub fn french_help(key: &str) -> Option<&'static str> {
    FRENCH_HELP.iter().find(|(k, _)| *k == key).map(|(_, t)| *t)
}

/// The words clap's help and usage errors are made of.
#[derive(Debug, Clone, PartialEq)]
pub enum ClapText<'a> {
    /// The label before "usage" lines.
    Usage,
    /// Help headings.
    Arguments,
    Options,
    Commands,
    /// The label before an error.
    Error,
    /// The label before a hint (the same as diagnostics' help line).
    Help,
    UnexpectedArgument {
        arg: &'a str,
    },
    InvalidValue {
        value: &'a str,
        arg: &'a str,
    },
    MissingValue {
        arg: &'a str,
    },
    PossibleValues {
        list: &'a str,
    },
    /// After an option's help: its default value.
    Default {
        value: &'a str,
    },
    InvalidSubcommand {
        name: &'a str,
    },
    MissingRequired,
    MissingSubcommand {
        name: &'a str,
    },
    UsedTwice {
        arg: &'a str,
    },
    CannotBeUsedWith {
        arg: &'a str,
        other: &'a str,
    },
    TooManyValues {
        value: &'a str,
        arg: &'a str,
    },
    WrongNumberOfValues {
        arg: &'a str,
    },
    SimilarArgument {
        list: &'a str,
    },
    SimilarSubcommand {
        list: &'a str,
    },
    SimilarValue {
        list: &'a str,
    },
    /// A literal argument after `--`, suggested when one looks like an option.
    Separator {
        arg: &'a str,
    },
    TryHelp {
        flag: &'a str,
    },
    /// A failure clap names no better (an I/O error on its output, invalid UTF-8).
    Other {
        detail: &'a str,
    },
}

impl ClapText<'_> {
    pub fn text_in(&self, l: Lang) -> String {
        use ClapText as C;
        match self {
            C::Usage => pick(l, "Utilisation :", "Usage:"),
            C::Arguments => pick(l, "Arguments ", "Arguments"),
            C::Options => pick(l, "Options ", "Options"),
            C::Commands => pick(l, "Commandes ", "Commands"),
            C::Error => pick(l, "erreur :", "error:"),
            C::Help => super::Ui::HelpLabel.text_in(l),
            C::UnexpectedArgument { arg } => pick(
                l,
                format!("argument inattendu « {arg} »"),
                format!("unexpected argument '{arg}' found"),
            ),
            C::InvalidValue { value, arg } => pick(
                l,
                format!("valeur « {value} » invalide pour « {arg} »"),
                format!("invalid value '{value}' for '{arg}'"),
            ),
            C::MissingValue { arg } => pick(
                l,
                format!("« {arg} » demande une valeur, aucune n’a été donnée"),
                format!("a value is required for '{arg}' but none was supplied"),
            ),
            C::Default { value } => pick(
                l,
                format!("par défaut : {value}"),
                format!("default: {value}"),
            ),
            C::PossibleValues { list } => pick(
                l,
                format!("valeurs possibles : {list}"),
                format!("possible values: {list}"),
            ),
            C::InvalidSubcommand { name } => pick(
                l,
                format!("sous-commande inconnue « {name} »"),
                format!("unrecognized subcommand '{name}'"),
            ),
            C::MissingRequired => pick(
                l,
                "ces arguments obligatoires n’ont pas été donnés :",
                "the following required arguments were not provided:",
            ),
            C::MissingSubcommand { name } => pick(
                l,
                format!("« {name} » demande une sous-commande, aucune n’a été donnée"),
                format!("'{name}' requires a subcommand but one was not provided"),
            ),
            C::UsedTwice { arg } => pick(
                l,
                format!("l’argument « {arg} » ne peut être donné qu’une fois"),
                format!("the argument '{arg}' cannot be used multiple times"),
            ),
            C::CannotBeUsedWith { arg, other } => pick(
                l,
                format!("l’argument « {arg} » ne va pas avec « {other} »"),
                format!("the argument '{arg}' cannot be used with '{other}'"),
            ),
            C::TooManyValues { value, arg } => pick(
                l,
                format!("valeur « {value} » en trop pour « {arg} »"),
                format!("unexpected value '{value}' for '{arg}' found; no more were expected"),
            ),
            C::WrongNumberOfValues { arg } => pick(
                l,
                format!("nombre de valeurs incorrect pour « {arg} »"),
                format!("wrong number of values for '{arg}'"),
            ),
            C::SimilarArgument { list } => pick(
                l,
                format!("un argument proche existe : {list}"),
                format!("a similar argument exists: {list}"),
            ),
            C::SimilarSubcommand { list } => pick(
                l,
                format!("une sous-commande proche existe : {list}"),
                format!("a similar subcommand exists: {list}"),
            ),
            C::SimilarValue { list } => pick(
                l,
                format!("une valeur proche existe : {list}"),
                format!("a similar value exists: {list}"),
            ),
            C::Separator { arg } => pick(
                l,
                format!("pour passer « {arg} » comme valeur, écrivez « -- {arg} »"),
                format!("to pass '{arg}' as a value, use '-- {arg}'"),
            ),
            C::TryHelp { flag } => pick(
                l,
                format!("Pour en savoir plus, essayez « {flag} »."),
                format!("For more information, try '{flag}'."),
            ),
            C::Other { detail } => detail.to_string(),
        }
    }
}
