//! The `codesocial` binary: parse arguments, run, print an error if any, exit.

use std::process::ExitCode;

use clap::Parser;

fn main() -> ExitCode {
    let _total = codesocial::timing::phase("total");
    let cli = codesocial::cli::Cli::parse();
    match codesocial::run(cli) {
        Ok(code) => code,
        Err(err) => {
            eprintln!("{:?}", miette::Report::new(err));
            codesocial::run::exit::error()
        }
    }
}
