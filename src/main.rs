//! The `codesocial` binary: parse arguments, run, print an error if any, exit.

use std::process::ExitCode;

fn main() -> ExitCode {
    let _total = codesocial::entry::phase("total");
    let args: Vec<_> = std::env::args_os().collect();
    let lang = codesocial::entry::from_command_line(&args, |name| std::env::var(name).ok());
    codesocial::entry::set_lang(lang);
    let cli = match codesocial::entry::parse(args) {
        Ok(cli) => cli,
        Err(err) => err.exit(),
    };
    codesocial::run(cli).unwrap_or_else(|err| codesocial::fail(&err))
}
