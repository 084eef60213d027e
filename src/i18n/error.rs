//! The words of [`crate::error::Error`]: one [`Record`] per variant (code, message, hint, in
//! both languages), put in the language of messages when the error is shown.

use super::grammar::quoted_list_in;
use super::plural::plural;
use super::record::Record;
use super::Lang::{En, Fr};
use crate::error::Error;

impl Error {
    /// Code, message and hint, in both languages.
    pub fn record(&self) -> Record {
        record(self)
    }

    /// The stable code (`codesocial::git::unknown-revision`…).
    pub fn code(&self) -> &'static str {
        self.record().code
    }
}

impl std::fmt::Display for Error {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str(self.record().message.get(super::lang()))
    }
}

/// What `error` says, in both languages.
pub fn record(error: &Error) -> Record {
    use Error as E;
    match error {
        E::NotADirectory(path) => {
            let p = path.display();
            Record::error(
                "codesocial::io::not_a_directory",
                format!("`{p}` n’est pas un dossier"),
                format!("`{p}` is not a folder"),
            )
        }
        E::Walk { path, source } => {
            let p = path.display();
            let record = |fr: &str, en: &str| {
                Record::error(
                    "codesocial::io::walk",
                    format!("parcours de `{p}` impossible : {fr}"),
                    format!("cannot walk `{p}`: {en}"),
                )
            };
            match source.io_error().map(|io| (io, io_words(io.kind()))) {
                Some((io, Some((fr, en, help_fr, help_en)))) => {
                    record(&format!("{fr} ({io})"), &format!("{en} ({io})")).help(help_fr, help_en)
                }
                Some((io, None)) => record(&io.to_string(), &io.to_string()),
                // walkdir's only other failure: a link back to a folder it is inside.
                None => record(
                    "un lien symbolique y renvoie à un dossier parent (boucle)",
                    "a symbolic link there leads back to a parent folder (a loop)",
                )
                .help(
                    "supprimez ou remplacez ce lien",
                    "remove or replace that link",
                ),
            }
        }
        E::Io { path, source } => {
            let p = path.display();
            match io_words(source.kind()) {
                Some((fr, en, help_fr, help_en)) => Record::error(
                    "codesocial::io",
                    format!("`{p}` : {fr} ({source})"),
                    format!("`{p}`: {en} ({source})"),
                )
                .help(help_fr, help_en),
                None => Record::error("codesocial::io", format!("`{p}` : {source}"), format!("`{p}`: {source}")),
            }
        }
        E::NotACodeSocial { dir } => {
            let d = dir.display();
            Record::error(
                "codesocial::usage::not-a-codesocial",
                format!("`{d}` n’est pas un #CodeSocial : pas de `codesocial.yaml`"),
                format!("`{d}` is not a #CodeSocial: no `codesocial.yaml`"),
            )
            .help(
                "lancez la commande dans le dossier du #CodeSocial, indiquez-le (`-C DOSSIER`), ou créez-en un avec `codesocial init`",
                "run the command in the #CodeSocial folder, name it (`-C DIR`), or create one with `codesocial init`",
            )
        }
        E::ManifestNotAFile { path } => {
            let p = path.display();
            Record::error(
                "codesocial::usage::manifest-not-a-file",
                format!("`{p}` n’est pas un fichier ordinaire (dossier, tube ou périphérique)"),
                format!("`{p}` is not a regular file (a folder, a pipe or a device)"),
            )
            .help(
                "remplacez-le par le fichier YAML du manifeste",
                "replace it with the manifest's YAML file",
            )
        }
        E::UnknownKind { name, suggestion, kinds } => Record::error(
            "codesocial::usage::unknown-kind",
            format!("type de document inconnu : `{name}`"),
            format!("unknown document kind `{name}`"),
        )
        .help(
            format!("types : {}", quoted_list_in(Fr, kinds)),
            format!("kinds: {}", quoted_list_in(En, kinds)),
        )
        .suggest(suggestion),
        E::EnforceWorkingTree => Record::error(
            "codesocial::usage::enforce-working-tree",
            "`--enforce` juge des commits, pas les changements non commités de la copie de travail",
            "`--enforce` judges commits, not the working tree's uncommitted changes",
        )
        .help(
            "donnez l’intervalle à juger : `codesocial diff BASE..HEAD --enforce` (en CI, la base et la tête de la demande de fusion) ; commitez d’abord les changements à juger",
            "give the range to judge: `codesocial diff BASE..HEAD --enforce` (in CI, the pull request's base and head); commit the changes to judge first",
        ),
        E::BadSetting {
            name,
            value,
            unit,
            default,
            zero,
        } => {
            use crate::error::SettingUnit as Unit;
            let value = crate::escape::terminal::one_line(value);
            let (fr, en) = match unit {
                Unit::Bytes => ("d’octets", "of bytes"),
                Unit::Documents => ("de documents", "of documents"),
                Unit::Entries => ("d’entrées", "of entries"),
                Unit::Seconds => ("de secondes", "of seconds"),
            };
            let (least_fr, least_en) = if *zero {
                ("", "")
            } else {
                (" supérieur à 0", " greater than 0")
            };
            Record::error(
                "codesocial::usage::environment",
                format!("la variable d’environnement {name} vaut `{value}` : ce n’est pas un nombre entier {fr}{least_fr}"),
                format!("the environment variable {name} is `{value}`: not a whole number {en}{least_en}"),
            )
            .help(
                format!("écrivez un nombre entier {fr}, sans unité (`{name}={default}`, la valeur par défaut), ou retirez la variable"),
                format!("write a whole number {en}, with no unit (`{name}={default}`, the default), or unset the variable"),
            )
        }
        E::RangeAndTo => Record::error(
            "codesocial::usage::range-and-revision",
            "une plage `A..B` et une seconde révision ne vont pas ensemble",
            "a range `A..B` and a second revision do not go together",
        )
        .help(
            "écrivez `codesocial diff A..B` ou `codesocial diff A B`",
            "write `codesocial diff A..B` or `codesocial diff A B`",
        ),
        E::UnknownId { id } => Record::error(
            "codesocial::usage::unknown-id",
            format!("aucun document `{id}` dans l’historique"),
            format!("no document `{id}` in the history"),
        )
        .help(
            "donnez l’identifiant d’un document (le nom de son fichier sans extension), par exemple `transparence` ou `pyramide`",
            "give a document's id (its file name without extension), for example `transparence` or `pyramide`",
        ),
        E::BadDuration { text } => Record::error(
            "codesocial::usage::duration",
            format!("durée invalide pour --stale-after : `{text}`"),
            format!("invalid duration for --stale-after: `{text}`"),
        )
        .help(
            "écrivez un nombre suivi de d (jours), w (semaines), m (mois) ou y (années) : 90d, 18m, 2y",
            "write a number followed by d (days), w (weeks), m (months) or y (years): 90d, 18m, 2y",
        ),
        E::InitWouldOverwrite { dir, files } => {
            nothing_written("codesocial::usage::init-would-overwrite", dir, files, (
                "`init` ne remplace jamais un fichier : choisissez un dossier nouveau ou vide (`codesocial init AUTRE-DOSSIER`), ou déplacez ces fichiers",
                "`init` never replaces a file: choose a new or empty folder (`codesocial init OTHER-FOLDER`), or move these files away",
            ))
        }
        E::NoName { dir } => {
            let d = dir.display();
            Record::error(
                "codesocial::usage::no-name",
                format!("impossible de tirer un nom d’organisation du dossier `{d}`"),
                format!("cannot derive an organisation name from the folder `{d}`"),
            )
            .help(NAME_HELP_FR, NAME_HELP_EN)
        }
        E::NameControl => Record::error(
            "codesocial::usage::name-control",
            "le nom ne peut pas contenir de retour à la ligne ni de caractère de contrôle",
            "the name cannot hold a line break or a control character",
        )
        .help(NAME_HELP_FR, NAME_HELP_EN),
        E::NameWithoutLetters { nom } => Record::error(
            "codesocial::usage::name-without-letters",
            format!("le nom « {nom} » ne contient ni lettre ni chiffre : impossible d’en tirer un identifiant"),
            format!("the name “{nom}” holds no letter or digit: it gives no identifier"),
        )
        .help(NAME_HELP_FR, NAME_HELP_EN),
        E::InitGit { dir, detail } => {
            let d = dir.display();
            Record::error(
                "codesocial::git::init",
                format!("git a échoué dans `{d}` : {detail}"),
                format!("git failed in `{d}`: {detail}"),
            )
            .help(
                "les fichiers sont écrits ; créez le dépôt vous-même (git init, git add ., git commit) ou recommencez dans un dossier vide avec --no-git",
                "the files are written; create the repository yourself (git init, git add ., git commit) or start again in an empty folder with --no-git",
            )
        }
        E::Import(e) => super::import::record(e),
        E::OutContainsContent { out } => Record::error(
            "codesocial::usage::out-contains-content",
            format!("`{out}` contient le #CodeSocial lui-même : choisissez un dossier de sortie à part"),
            format!("`{out}` holds the #CodeSocial itself: pick a separate output folder"),
        ),
        E::NotOurOutput { out } => Record::error(
            "codesocial::usage::not-our-output",
            format!("`{out}` n’est pas vide et ne vient pas de `codesocial build` : refus de l’écraser"),
            format!("`{out}` is not empty and was not written by `codesocial build`: refusing to replace it"),
        )
        .help(
            "choisissez un autre dossier avec `--out`, ou videz celui-ci vous-même",
            "pick another folder with `--out`, or empty this one yourself",
        ),
        E::WriteThroughLink { link, tree } => Record::error(
            "codesocial::io::write-through-link",
            format!("`{link}` (dans `{tree}`) est un lien symbolique : rien n’est écrit à travers un lien du dépôt, il pourrait mener hors de celui-ci"),
            format!("`{link}` (in `{tree}`) is a symbolic link: nothing is written through a link of the repository, it could lead outside it"),
        )
        .help(
            "supprimez le lien (`git rm` s’il est suivi par git) et relancez, ou écrivez ailleurs (`--out DOSSIER`, un autre dossier cible)",
            "remove the link (`git rm` if git tracks it) and run again, or write elsewhere (`--out DIR`, another target folder)",
        ),
        E::Template { name, detail } => Record::error(
            "codesocial::usage::template",
            format!("gabarit `{name}` : {detail}"),
            format!("template `{name}`: {detail}"),
        )
        .help(
            "corrigez le gabarit dans `templates/`, ou supprimez-le pour revenir à celui par défaut",
            "fix the template in `templates/`, or remove it to fall back to the default one",
        ),
        E::PortInUse { port, next } => Record::error(
            "codesocial::usage::port-in-use",
            format!("le port {port} est occupé — essayez --port {next}"),
            format!("port {port} is in use — try --port {next}"),
        ),
        E::BindFailed { addr, reason } => Record::error(
            "codesocial::usage::bind",
            format!("écoute impossible sur {addr} : {reason}"),
            format!("cannot listen on {addr}: {reason}"),
        ),
        E::SignalHandler { reason } => Record::error(
            "codesocial::usage::signal",
            format!("interception de Ctrl-C impossible : {reason}"),
            format!("cannot handle Ctrl-C: {reason}"),
        ),
        E::ServerStart { reason } => Record::error(
            "codesocial::usage::server",
            format!("démarrage du serveur d’aperçu impossible : {reason}"),
            format!("cannot start the preview server: {reason}"),
        ),
        E::Interrupted => Record::error("codesocial::interrupted", "interrompu", "interrupted"),
        E::NotARepo { dir } => Record::error(
            "codesocial::git::not-a-repository",
            format!("`{dir}` n’est pas dans un dépôt git"),
            format!("`{dir}` is not in a git repository"),
        )
        .help(
            "`diff` et `log` lisent l’historique git : lancez `git init` puis faites un premier commit, ou indiquez le dossier avec `-C DOSSIER`",
            "`diff` and `log` read the git history: run `git init` and make a first commit, or name the folder with `-C DIR`",
        ),
        E::DamagedRepository { dir, detail } => Record::error(
            "codesocial::git::damaged-repository",
            format!("le dépôt git `{dir}` ne peut être ouvert ({detail})"),
            format!("cannot open the git repository `{dir}` ({detail})"),
        )
        .help(
            "le dépôt est abîmé : lancez `git fsck` dans ce dossier",
            "the repository is damaged: run `git fsck` in that folder",
        ),
        E::NoWorkdir => Record::error(
            "codesocial::git::bare",
            "le dépôt git n’a pas d’arbre de travail (dépôt nu)",
            "the git repository has no working tree (bare repository)",
        ),
        E::OutsideRepo { dir } => Record::error(
            "codesocial::git::outside",
            format!("`{dir}` est hors de l’arbre de travail du dépôt"),
            format!("`{dir}` lies outside the repository's working tree"),
        ),
        E::UnknownRev { rev } => Record::error(
            "codesocial::git::unknown-revision",
            format!("révision inconnue : `{rev}`"),
            format!("unknown revision `{rev}`"),
        )
        .help(
            "donnez une branche, une étiquette, un hash ou une expression git (`HEAD~3`, `main..HEAD`) ; `git log --oneline` les liste",
            "give a branch, a tag, a hash or a git expression (`HEAD~3`, `main..HEAD`); `git log --oneline` lists them",
        ),
        E::AmbiguousRev { rev, refs } => {
            let list = refs.iter().map(|r| format!("`{r}`")).collect::<Vec<_>>().join(", ");
            let first = refs.first().map(String::as_str).unwrap_or_default();
            Record::error(
                "codesocial::git::ambiguous-revision",
                format!("révision ambiguë : `{rev}` est le nom de plusieurs références qui désignent des commits différents ({list}) ; git prendrait la première sans le dire aux commandes qui jugent"),
                format!("ambiguous revision `{rev}`: it names several references that point at different commits ({list}); git would take the first, which a judgement never does silently"),
            )
            .help(
                format!("nommez la référence en entier, par exemple `{first}` ; une étiquette qui porte le nom d’une branche (`git tag -l`) est à supprimer : `git tag -d <nom>`"),
                format!("give the reference's full name, for example `{first}`; a tag named like a branch (`git tag -l`) is best deleted: `git tag -d <name>`"),
            )
        }
        E::UnknownRevShallow { rev, boundary } => {
            // The abbreviated id, as `history::short` writes it (i18n stands below history).
            let at = boundary.get(..7).unwrap_or(boundary);
            Record::error(
                "codesocial::git::unknown-revision",
                format!("révision inconnue : `{rev}` ; ce clone est superficiel (shallow) et son historique s’arrête au commit `{at}` : la révision est peut-être au-delà"),
                format!("unknown revision `{rev}`; this clone is shallow and its history stops at commit `{at}`: the revision may lie beyond it"),
            )
            .help(
                "récupérez tout l’historique : `git fetch --unshallow`, ou en CI `fetch-depth: 0` (actions/checkout) / `GIT_DEPTH: 0` (GitLab) ; sinon vérifiez le nom (`git log --oneline` liste les commits présents)",
                "fetch the whole history: `git fetch --unshallow`, or in CI `fetch-depth: 0` (actions/checkout) / `GIT_DEPTH: 0` (GitLab); else check the name (`git log --oneline` lists the commits present)",
            )
        }
        E::ShallowRev {
            rev,
            boundary,
            range,
        } => {
            // The abbreviated id, as `history::short` writes it (i18n stands below history).
            let at = boundary.get(..7).unwrap_or(boundary);
            let (fr, en) = if *range {
                (
                    format!("les commits de `{rev}` vont au-delà de l’historique de ce clone superficiel (shallow), qui s’arrête au commit `{at}` : ce qui le précède n’a pas été récupéré"),
                    format!("the commits of `{rev}` reach beyond the history of this shallow clone, which stops at commit `{at}`: what came before it was not fetched"),
                )
            } else {
                (
                    format!("la révision `{rev}` est au-delà de l’historique de ce clone superficiel (shallow), qui s’arrête au commit `{at}` : ce qui le précède n’a pas été récupéré"),
                    format!("revision `{rev}` is beyond the history of this shallow clone, which stops at commit `{at}`: what came before it was not fetched"),
                )
            };
            Record::error("codesocial::git::shallow", fr, en).help(
                "récupérez tout l’historique : `git fetch --unshallow`, ou en CI `fetch-depth: 0` (actions/checkout) / `GIT_DEPTH: 0` (GitLab)",
                "fetch the whole history: `git fetch --unshallow`, or in CI `fetch-depth: 0` (actions/checkout) / `GIT_DEPTH: 0` (GitLab)",
            )
        }
        E::Unborn => Record::error(
            "codesocial::git::unborn",
            "la branche courante n’a encore aucun commit",
            "the current branch has no commit yet",
        )
        .help(
            "faites un premier commit (`git add . && git commit`), puis relancez",
            "make a first commit (`git add . && git commit`), then run again",
        ),
        E::Git { detail } => Record::error(
            "codesocial::git",
            format!("git : {detail}"),
            format!("git: {detail}"),
        ),
        E::BrokenObject { path, detail } => broken_object(path, detail, detail),
        E::TruncatedObject { path } => {
            broken_object(path, "fichier tronqué ou abîmé", "truncated or damaged file")
        }
        E::MissingObject { path } => {
            broken_object(path, "objet absent du dépôt", "object missing from the repository")
        }
        E::ObjectTooLarge { size, limit } => Record::error(
            "codesocial::git::object-too-large",
            format!("objet git de {size} octets, au-delà de la limite de {limit} octets"),
            format!("git object of {size} bytes, over the limit of {limit} bytes"),
        )
        .help(
            "relevez la limite avec CODESOCIAL_MAX_FILE_SIZE (en octets) si ce fichier doit être lu",
            "raise the limit with CODESOCIAL_MAX_FILE_SIZE (in bytes) if this file must be read",
        ),
        E::CommitTooManyDocuments { commit, limit } => Record::error(
            "codesocial::git::commit-too-large",
            format!("le commit {commit} contient plus de {limit} documents : il n’est pas lu"),
            format!("commit {commit} holds more than {limit} documents: it is not read"),
        )
        .help(
            "aucun #CodeSocial n’en a autant : retirez ce commit de la branche (`git rebase -i`), puis relancez",
            "no #CodeSocial has that many: remove this commit from the branch (`git rebase -i`), then run again",
        ),
        E::RangeTooLarge { commit, limit } => Record::error(
            "codesocial::git::range-too-large",
            format!("les commits de l’intervalle changent plus de {limit} documents en tout (dépassé au commit {commit}) : les règles ne sont pas jugées"),
            format!("the commits of the range change more than {limit} documents in all (passed at commit {commit}): the rules are not judged"),
        )
        .help(
            "jugez un intervalle plus court (la demande de fusion seule : `diff BASE..HEAD --enforce`), ou relevez la limite avec CODESOCIAL_MAX_RANGE_CHANGES",
            "judge a shorter range (the pull request alone: `diff BASE..HEAD --enforce`), or raise the limit with CODESOCIAL_MAX_RANGE_CHANGES",
        ),
        E::CommitTooManyBytes { commit, limit } => Record::error(
            "codesocial::git::commit-too-large",
            format!("les documents du commit {commit} dépassent {limit} octets en tout : il n’est pas lu"),
            format!("the documents of commit {commit} add up to more than {limit} bytes: it is not read"),
        )
        .help(
            "chaque chemin compte, même quand plusieurs partagent un objet ; retirez ce commit de la branche, ou relevez la limite avec CODESOCIAL_MAX_TOTAL_SIZE (en octets)",
            "every path counts, even where several share one object; remove this commit from the branch, or raise the limit with CODESOCIAL_MAX_TOTAL_SIZE (in bytes)",
        ),
    }
}

/// An object of the history that cannot be read.
/// "Nothing was written: 2 files already exist in `dir`", with `help` followed by the
/// files, one a line: `init` and `import` refuse alike. The message is one line, as every
/// message; each file name is shown on one line of its own.
pub(super) fn nothing_written(
    code: &'static str,
    dir: &str,
    files: &[String],
    (help_fr, help_en): (&str, &str),
) -> Record {
    let list: String = files
        .iter()
        .map(|f| format!("\n  {}", crate::escape::terminal::one_line(f)))
        .collect();
    let n = files.len();
    Record::error(
        code,
        format!(
            "rien n’a été écrit : {} déjà dans `{dir}`",
            plural(Fr, n).pick(
                format!("{n} fichier existe"),
                format!("{n} fichiers existent")
            )
        ),
        format!(
            "nothing was written: {} in `{dir}`",
            plural(En, n).pick(
                format!("{n} file already exists"),
                format!("{n} files already exist")
            )
        ),
    )
    .help(format!("{help_fr} :{list}"), format!("{help_en}:{list}"))
}

fn broken_object(path: &str, fr: &str, en: &str) -> Record {
    Record::error(
        "codesocial::git::broken-object",
        format!("objet git illisible pour `{path}` : {fr}"),
        format!("unreadable git object for `{path}`: {en}"),
    )
    .help(
        "le dépôt est abîmé ou incomplet (clone superficiel ?) : lancez `git fsck`, ou `git fetch --unshallow`",
        "the repository is damaged or incomplete (a shallow clone?): run `git fsck`, or `git fetch --unshallow`",
    )
}

const NAME_HELP_FR: &str =
    "donnez le nom de l’organisation : codesocial init DOSSIER --nom \"Château de Millemont\"";
const NAME_HELP_EN: &str =
    "give the organisation's name: codesocial init DIR --nom \"Château de Millemont\"";

/// What the common system errors mean, and what to do, in both languages; the system's
/// own words follow in parentheses. `None` for the rarer ones, shown as the system says.
fn io_words(
    kind: std::io::ErrorKind,
) -> Option<(&'static str, &'static str, &'static str, &'static str)> {
    use std::io::ErrorKind as K;
    Some(match kind {
        K::NotFound => (
            "ce fichier ou dossier n’existe pas",
            "no such file or folder",
            "vérifiez le chemin (les majuscules et les accents comptent), ou lancez la commande depuis le bon dossier",
            "check the path (case and accents matter), or run the command from the right folder",
        ),
        K::PermissionDenied => (
            "accès refusé",
            "permission denied",
            "vérifiez les droits du fichier ou du dossier (`ls -l`), ou choisissez un dossier où vous pouvez écrire",
            "check the file's or folder's permissions (`ls -l`), or choose a folder you can write to",
        ),
        K::ReadOnlyFilesystem => (
            "le disque est en lecture seule",
            "the file system is read-only",
            "choisissez un dossier sur un disque où l’on peut écrire",
            "choose a folder on a disk that can be written to",
        ),
        K::StorageFull | K::QuotaExceeded => (
            "le disque est plein",
            "the disk is full",
            "libérez de la place, puis relancez la commande",
            "free some space, then run the command again",
        ),
        K::NotADirectory => (
            "un élément du chemin est un fichier, pas un dossier",
            "a part of the path is a file, not a folder",
            "vérifiez le chemin",
            "check the path",
        ),
        _ => return None,
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    /// The first failure walking `root`.
    fn walk_error(root: &std::path::Path, follow: bool) -> Error {
        let failure = walkdir::WalkDir::new(root)
            .follow_links(follow)
            .into_iter()
            .find_map(Result::err)
            .expect("the walk fails");
        Error::walk(root, failure)
    }

    #[test]
    fn a_walk_failure_is_worded_from_its_cause_in_both_languages() {
        let tmp = tempfile::tempdir().expect("tempdir");
        let missing = walk_error(&tmp.path().join("absent"), false);
        let r = record(&missing);
        assert_eq!(r.code, "codesocial::io::walk");
        assert!(r.message.fr.contains("absent") && r.message.en.contains("absent"));
        assert!(r.help.is_some(), "a missing folder says what to do");

        #[cfg(unix)]
        {
            std::fs::create_dir(tmp.path().join("a")).expect("folder");
            std::os::unix::fs::symlink("..", tmp.path().join("a/up")).expect("link");
            let looped = record(&walk_error(tmp.path(), true));
            assert!(
                looped.message.fr.contains("boucle"),
                "{}",
                looped.message.fr
            );
            assert!(looped.message.en.contains("loop"), "{}", looped.message.en);
            assert!(looped.message.fr.contains("up"), "the link is named");
        }
    }
}
