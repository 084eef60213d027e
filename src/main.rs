//! The `codesocial` binary: parse arguments, run, print an error if any, exit.

use std::io::IsTerminal;
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
    match codesocial::run(cli) {
        Ok(code) => code,
        Err(err) => {
            let color = std::io::stderr().is_terminal()
                && std::env::var_os("NO_COLOR").is_none_or(|v| v.is_empty());
            codesocial::run::eprint(&codesocial::report::error(&err, color));
            codesocial::run::exit::error()
        }
    }
}
