//! Errors that stop a command before it can judge the content: usage, I/O, git. They exit
//! with code 2; content problems are diagnostics instead (exit 1).

use std::path::PathBuf;

use crate::i18n::{lang, pick};

#[derive(Debug, thiserror::Error, miette::Diagnostic)]
pub enum Error {
    #[error("{}", pick(lang(), format!("`{}` n'est pas un dossier", .0.display()), format!("`{}` is not a folder", .0.display())))]
    #[diagnostic(code(codesocial::io::not_a_directory))]
    NotADirectory(PathBuf),

    #[error("{}", pick(lang(), format!("parcours de `{}` impossible : {message}", path.display()), format!("cannot walk `{}`: {message}", path.display())))]
    #[diagnostic(code(codesocial::io::walk))]
    Walk { path: PathBuf, message: String },

    #[error("{}", pick(lang(), format!("`{}` : {source}", path.display()), format!("`{}`: {source}", path.display())))]
    #[diagnostic(code(codesocial::io))]
    Io {
        path: PathBuf,
        #[source]
        source: std::io::Error,
    },

    /// Git failed; `hint` says what to do.
    #[error("{message}")]
    #[diagnostic(code(codesocial::git))]
    Git {
        message: String,
        #[help]
        hint: Option<String>,
    },

    /// Anything else the user must fix before the command can run.
    #[error("{message}")]
    #[diagnostic(code(codesocial::usage))]
    Usage {
        message: String,
        #[help]
        hint: Option<String>,
    },
}

impl Error {
    pub fn io(path: impl Into<PathBuf>, source: std::io::Error) -> Self {
        Error::Io {
            path: path.into(),
            source,
        }
    }

    pub fn usage(message: impl Into<String>, hint: Option<String>) -> Self {
        Error::Usage {
            message: message.into(),
            hint,
        }
    }

    pub fn git(message: impl Into<String>, hint: Option<String>) -> Self {
        Error::Git {
            message: message.into(),
            hint,
        }
    }
}

pub type Result<T, E = Error> = std::result::Result<T, E>;
