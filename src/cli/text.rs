//! clap's help and usage errors in the language of messages: the definition in `cli.rs`
//! speaks English; [`command`] gives it its French (from `i18n::cli`) when the language
//! is French, and [`Localized`] writes clap's errors in either language, with the same hint
//! label as diagnostics ("aide :" / "help:"). The language is known before parsing
//! (`i18n::from_command_line`), so `--lang fr --help` is already French.

use std::ffi::OsString;
use std::fmt::Write as _;

use clap::builder::StyledStr;
use clap::error::{ContextKind, ContextValue, ErrorFormatter, ErrorKind};
use clap::{Arg, Command, CommandFactory, FromArgMatches};

use super::Cli;
use crate::i18n::cli::{french_help, ClapText, FRENCH_VALUE_NAMES};
use crate::i18n::{lang, Lang};

/// A clap error written by [`Localized`].
pub type ClapError = clap::error::Error<Localized>;

/// The command line's definition, built, with its help in `lang`.
pub fn command(lang: Lang) -> Command {
    let mut cmd = Cli::command();
    cmd.build();
    match lang {
        Lang::En => cmd,
        Lang::Fr => french(cmd, ""),
    }
}

/// Parses the command line (program name first); help, version and usage errors come
/// back as an error to print (`exit()`), in the language of messages.
pub fn parse(args: impl IntoIterator<Item = OsString>) -> Result<Cli, ClapError> {
    let mut cmd = command(lang());
    let matches = cmd
        .try_get_matches_from_mut(args)
        .map_err(|e| e.apply::<Localized>())?;
    Cli::from_arg_matches(&matches).map_err(|e| e.format(&mut cmd).apply())
}

/// `cmd` (named `name`, `""` for the program) and its subcommands with French help.
fn french(cmd: Command, name: &str) -> Command {
    let mut cmd = cmd;
    if let Some(about) = french_help(name) {
        cmd = cmd.about(about);
    }
    if let Some(examples) = french_help(&format!("{name}@")) {
        cmd = cmd.after_help(examples);
    }
    let usage = *cmd.get_styles().get_usage();
    let template = format!(
        "{{before-help}}{{about-with-newline}}\n{usage}{}{usage:#} {{usage}}\n\n{{all-args}}{{after-help}}",
        ClapText::Usage.text_in(Lang::Fr)
    );
    cmd.help_template(template)
        .subcommand_help_heading(ClapText::Commands.text_in(Lang::Fr))
        .subcommand_value_name("COMMANDE")
        .mut_args(|arg| french_arg(arg, name))
        .mut_subcommands(|sub| {
            let name = sub.get_name().to_string();
            french(sub, &name)
        })
}

fn french_arg(arg: Arg, command: &str) -> Arg {
    let id = arg.get_id().as_str().to_string();
    let mut arg = arg;
    let help = french_help(&format!("{command}.{id}"))
        .or_else(|| french_help(&format!("*.{id}")))
        .unwrap_or_default();
    let help = format!("{help}{}", french_specs(&arg));
    if !help.is_empty() {
        arg = arg.help(help.trim_start().to_string());
    }
    arg = arg.hide_default_value(true).hide_possible_values(true);
    let heading = match arg.is_positional() {
        true => ClapText::Arguments,
        false => ClapText::Options,
    };
    arg = arg.help_heading(heading.text_in(Lang::Fr));
    if !arg.get_action().takes_values() {
        return arg;
    }
    let names: Vec<String> = match arg.get_value_names() {
        Some(names) => names.iter().map(ToString::to_string).collect(),
        None => vec![id.to_uppercase()],
    };
    arg.value_names(names.iter().map(|n| french_value_name(n)))
}

/// What clap writes after an option's help in English ("[default: auto] [possible
/// values: …]"), in French.
fn french_specs(arg: &Arg) -> String {
    let mut specs = String::new();
    let defaults: Vec<String> = arg
        .get_default_values()
        .iter()
        .map(|v| v.to_string_lossy().into_owned())
        .collect();
    if !defaults.is_empty() && arg.get_action().takes_values() {
        let value = defaults.join(", ");
        let _ = write!(
            specs,
            " [{}]",
            ClapText::Default { value: &value }.text_in(Lang::Fr)
        );
    }
    let values: Vec<String> = arg
        .get_possible_values()
        .iter()
        .filter(|v| !v.is_hide_set())
        .map(|v| v.get_name().to_string())
        .collect();
    if !values.is_empty() {
        let list = values.join(", ");
        let _ = write!(
            specs,
            " [{}]",
            ClapText::PossibleValues { list: &list }.text_in(Lang::Fr)
        );
    }
    specs
}

fn french_value_name(name: &str) -> String {
    FRENCH_VALUE_NAMES
        .iter()
        .find(|(en, _)| *en == name)
        .map_or(name, |(_, fr)| fr)
        .to_string()
}

/// Writes clap's errors in the language of messages.
#[derive(Debug, Clone, Copy)]
pub struct Localized;

impl ErrorFormatter for Localized {
    fn format_error(error: &ClapError) -> StyledStr {
        let l = lang();
        let error_style = clap::builder::styling::Style::new()
            .bold()
            .fg_color(Some(clap::builder::styling::AnsiColor::Red.into()));
        let mut out = format!(
            "{error_style}{}{error_style:#} {}",
            ClapText::Error.text_in(l),
            message(error, l)
        );
        let hints = hints(error, l);
        if !hints.is_empty() {
            out.push('\n');
        }
        for hint in hints {
            let _ = write!(out, "\n  {} {hint}", ClapText::Help.text_in(l));
        }
        if let Some(ContextValue::StyledStr(usage)) = error.get(ContextKind::Usage) {
            let usage = usage.to_string();
            let rest = usage.strip_prefix("Usage:").unwrap_or(&usage);
            let _ = write!(out, "\n\n{}{rest}", ClapText::Usage.text_in(l));
        }
        let try_help = ClapText::TryHelp { flag: "--help" }.text_in(l);
        let _ = writeln!(out, "\n\n{try_help}");
        StyledStr::from(out)
    }
}

/// A string of the error's context.
fn string(error: &ClapError, kind: ContextKind) -> Option<&str> {
    match error.get(kind)? {
        ContextValue::String(s) => Some(s.as_str()),
        _ => None,
    }
}

/// A list of the error's context, each quoted, joined with ", ".
fn list(error: &ClapError, kind: ContextKind, l: Lang) -> Option<String> {
    let quote = |s: &str| match l {
        Lang::Fr => format!("« {s} »"),
        Lang::En => format!("'{s}'"),
    };
    match error.get(kind)? {
        ContextValue::String(s) => Some(quote(s.as_str())),
        ContextValue::Strings(v) if !v.is_empty() => {
            Some(v.iter().map(|s| quote(s)).collect::<Vec<_>>().join(", "))
        }
        _ => None,
    }
}

/// The sentence that says what is wrong.
fn message(error: &ClapError, l: Lang) -> String {
    use ClapText as C;
    let arg = string(error, ContextKind::InvalidArg).unwrap_or_default();
    let value = string(error, ContextKind::InvalidValue).unwrap_or_default();
    let text = match error.kind() {
        ErrorKind::UnknownArgument => C::UnexpectedArgument { arg }.text_in(l),
        ErrorKind::InvalidValue if value.is_empty() => C::MissingValue { arg }.text_in(l),
        ErrorKind::InvalidValue | ErrorKind::ValueValidation => {
            let mut text = C::InvalidValue { value, arg }.text_in(l);
            if let Some(source) = std::error::Error::source(error) {
                let _ = write!(text, ": {source}");
            }
            if let Some(ContextValue::Strings(values)) = error.get(ContextKind::ValidValue) {
                let list = values.join(", ");
                let _ = write!(
                    text,
                    "\n  [{}]",
                    C::PossibleValues { list: &list }.text_in(l)
                );
            }
            text
        }
        ErrorKind::InvalidSubcommand => {
            let name = string(error, ContextKind::InvalidSubcommand).unwrap_or_default();
            C::InvalidSubcommand { name }.text_in(l)
        }
        ErrorKind::MissingRequiredArgument => {
            let mut text = C::MissingRequired.text_in(l);
            if let Some(ContextValue::Strings(args)) = error.get(ContextKind::InvalidArg) {
                for a in args {
                    let _ = write!(text, "\n  {a}");
                }
            }
            text
        }
        ErrorKind::MissingSubcommand => {
            let name = string(error, ContextKind::InvalidSubcommand).unwrap_or_default();
            C::MissingSubcommand { name }.text_in(l)
        }
        ErrorKind::ArgumentConflict => conflict(error, arg, l),
        ErrorKind::TooManyValues => C::TooManyValues { value, arg }.text_in(l),
        ErrorKind::WrongNumberOfValues | ErrorKind::TooFewValues => {
            C::WrongNumberOfValues { arg }.text_in(l)
        }
        other => {
            let detail = std::error::Error::source(error)
                .map(ToString::to_string)
                .or_else(|| other.as_str().map(str::to_string))
                .unwrap_or_default();
            C::Other { detail: &detail }.text_in(l)
        }
    };
    text
}

fn conflict(error: &ClapError, arg: &str, l: Lang) -> String {
    let prior = error.get(ContextKind::PriorArg);
    match prior {
        Some(ContextValue::String(p)) if p == arg => ClapText::UsedTwice { arg }.text_in(l),
        _ => {
            let other = match prior {
                Some(ContextValue::String(p)) => p.clone(),
                Some(ContextValue::Strings(v)) => v.join(", "),
                _ => String::new(),
            };
            ClapText::CannotBeUsedWith { arg, other: &other }.text_in(l)
        }
    }
}

/// What the error suggests: a similar subcommand, argument or value, or `--`.
fn hints(error: &ClapError, l: Lang) -> Vec<String> {
    use ClapText as C;
    let mut hints = Vec::new();
    if let Some(list) = list(error, ContextKind::SuggestedSubcommand, l) {
        hints.push(C::SimilarSubcommand { list: &list }.text_in(l));
    }
    if let Some(list) = list(error, ContextKind::SuggestedArg, l) {
        hints.push(C::SimilarArgument { list: &list }.text_in(l));
    }
    if let Some(list) = list(error, ContextKind::SuggestedValue, l) {
        hints.push(C::SimilarValue { list: &list }.text_in(l));
    }
    if let Some(ContextValue::StyledStrs(suggested)) = error.get(ContextKind::Suggested) {
        let arg = string(error, ContextKind::InvalidArg).unwrap_or_default();
        for s in suggested {
            let english = s.to_string();
            hints.push(match l {
                Lang::Fr if english.starts_with("to pass") => C::Separator { arg }.text_in(l),
                _ => english,
            });
        }
    }
    hints
}

#[cfg(test)]
mod tests {
    use std::collections::BTreeSet;

    use super::*;
    use crate::i18n::cli::FRENCH_HELP;

    /// The French key each help text of `cmd` (named `name`) is found under, recorded in
    /// `used`; panics on a text that has none.
    fn check_french(cmd: &Command, name: &str, used: &mut BTreeSet<String>) {
        let mut need = |key: String, fallback: Option<String>| {
            let found = [Some(key.clone()), fallback]
                .into_iter()
                .flatten()
                .find(|k| french_help(k).is_some());
            assert!(found.is_some(), "no French for `{key}`");
            used.extend(found);
        };
        if cmd.get_about().is_some() {
            need(name.to_string(), None);
        }
        if cmd.get_after_help().is_some() {
            need(format!("{name}@"), None);
        }
        for arg in cmd.get_arguments().filter(|a| a.get_help().is_some()) {
            let id = arg.get_id().as_str();
            need(format!("{name}.{id}"), Some(format!("*.{id}")));
        }
        for sub in cmd.get_subcommands() {
            check_french(sub, sub.get_name(), used);
        }
    }

    #[test]
    fn every_help_text_has_its_french_and_none_is_left_over() {
        let mut used = BTreeSet::new();
        check_french(&command(Lang::En), "", &mut used);
        for (key, _) in FRENCH_HELP {
            assert!(used.contains(*key), "French help `{key}` is never shown");
        }
    }

    #[test]
    fn french_help_keeps_the_examples() {
        let mut cmd = command(Lang::Fr);
        let help = cmd
            .find_subcommand_mut("check")
            .expect("check")
            .render_help()
            .to_string();
        assert!(help.contains("Utilisation :"), "{help}");
        assert!(help.contains("codesocial check --format github"), "{help}");
        assert!(
            help.contains("Traiter les avertissements comme des erreurs"),
            "{help}"
        );
        assert!(help.contains("[DOSSIER]"), "{help}");
        assert!(!help.contains("Print help"), "{help}");
    }

    #[test]
    fn usage_errors_speak_the_language_of_messages() {
        let fr = crate::i18n::in_lang(Lang::Fr, || {
            let args = ["codesocial", "check", "--frmat", "json"].map(OsString::from);
            parse(args)
                .expect_err("unknown argument")
                .render()
                .to_string()
        });
        assert!(
            fr.starts_with("erreur : argument inattendu « --frmat »"),
            "{fr}"
        );
        assert!(
            fr.contains("aide : un argument proche existe : « --format »"),
            "{fr}"
        );
        assert!(fr.contains("Utilisation : codesocial check"), "{fr}");
        assert!(!fr.contains("tip:") && !fr.contains("Usage:"), "{fr}");
    }
}
