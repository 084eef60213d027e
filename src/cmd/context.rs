//! What every command needs, settled once from the global arguments and the environment
//! (as ripgrep's `HiArgs`), and handed to each command's `run`.

use std::io::IsTerminal;
use std::path::PathBuf;

use crate::cli::{ColorChoice, DirArg, GlobalArgs};

#[derive(Debug, Clone)]
pub struct Context {
    /// `-C DIR`, or the current directory.
    pub base: PathBuf,
    /// Colours on standard output.
    pub color: bool,
    pub quiet: bool,
    pub verbose: u8,
}

impl Context {
    pub fn from_args(global: &GlobalArgs) -> Self {
        let color = match global.color {
            ColorChoice::Always => true,
            ColorChoice::Never => false,
            ColorChoice::Auto => {
                std::env::var_os("NO_COLOR").is_none_or(|v| v.is_empty())
                    && std::io::stdout().is_terminal()
            }
        };
        Context {
            base: global.chdir.clone().unwrap_or_else(|| PathBuf::from(".")),
            color,
            quiet: global.quiet,
            verbose: global.verbose,
        }
    }

    /// The #CodeSocial folder: the positional `DIR` relative to `-C`.
    pub fn dir(&self, arg: &DirArg) -> PathBuf {
        match &arg.dir {
            Some(d) => self.base.join(d),
            None => self.base.clone(),
        }
    }
}
