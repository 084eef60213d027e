//! The `codesocial` binary: parse arguments, run, print an error if any, exit.

use std::process::ExitCode;

fn main() -> ExitCode {
    let _total = codesocial::timing::phase("total");
    let args: Vec<_> = std::env::args_os().collect();
    let lang = codesocial::i18n::from_command_line(&args, |name| std::env::var(name).ok());
    codesocial::i18n::set_lang(lang);
    let cli = match codesocial::cli::text::parse(args) {
        Ok(cli) => cli,
        Err(err) => err.exit(),
    };
    codesocial::run(cli).unwrap_or_else(|err| codesocial::run::fail(&err))
}
