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
            Some(d) => self.path(d),
            None => tidy(&self.base),
        }
    }

    /// A path the user gave, relative to `-C`, as messages show it: `build .` writes to
    /// `_site`, not `././_site`.
    pub fn path(&self, p: &std::path::Path) -> PathBuf {
        tidy(&self.base.join(p))
    }
}

/// `path` without its `.` components (`./a/./b` → `a/b`; `.` alone stays `.`): the same
/// place, written as a person would. `..` is kept: it may cross a link.
pub fn tidy(path: &std::path::Path) -> PathBuf {
    let kept: PathBuf = path
        .components()
        .filter(|c| !matches!(c, std::path::Component::CurDir))
        .collect();
    if kept.as_os_str().is_empty() {
        PathBuf::from(".")
    } else {
        kept
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use std::path::Path;

    #[test]
    fn paths_are_shown_without_dot_components() {
        assert_eq!(tidy(Path::new("./././_site")), Path::new("_site"));
        assert_eq!(tidy(Path::new("./.")), Path::new("."));
        assert_eq!(tidy(Path::new("")), Path::new("."));
        assert_eq!(tidy(Path::new("/a/./b/../c")), Path::new("/a/b/../c"));
        assert_eq!(tidy(Path::new("../x/.")), Path::new("../x"));
    }
}
