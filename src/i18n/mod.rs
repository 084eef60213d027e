//! Every sentence the tool says, in French and English, in one place.
//!
//! Writers of #CodeSocials are mostly French speakers who are not developers, so the tool
//! speaks French when their system does. The language is chosen once at start-up
//! (`--lang`, else `LC_ALL` / `LC_MESSAGES` / `LANG`) and read by every message. Messages are
//! grouped by area in the submodules: no user-facing sentence lives anywhere else.

use std::sync::atomic::{AtomicU8, Ordering};

pub mod bilan;
pub mod check;
pub mod diff;
pub mod ecosystem;
pub mod init;
pub mod record;
pub mod serve;
pub mod site;
pub mod ui;

pub use check::Message;
pub use diff::DiffText;
pub use init::InitMsg;
pub use record::{Both, Record, Severity};
pub use ui::Ui;

/// A language the tool speaks.
#[derive(
    Debug, Clone, Copy, PartialEq, Eq, Hash, serde::Serialize, serde::Deserialize, clap::ValueEnum,
)]
#[serde(rename_all = "lowercase")]
pub enum Lang {
    Fr,
    En,
}

impl Lang {
    pub fn code(self) -> &'static str {
        match self {
            Lang::Fr => "fr",
            Lang::En => "en",
        }
    }

    pub fn parse(s: &str) -> Option<Lang> {
        match s {
            "fr" => Some(Lang::Fr),
            "en" => Some(Lang::En),
            _ => None,
        }
    }
}

static CURRENT: AtomicU8 = AtomicU8::new(1);

/// The language messages are printed in.
pub fn lang() -> Lang {
    match CURRENT.load(Ordering::Relaxed) {
        0 => Lang::Fr,
        _ => Lang::En,
    }
}

pub fn set_lang(lang: Lang) {
    CURRENT.store(
        match lang {
            Lang::Fr => 0,
            Lang::En => 1,
        },
        Ordering::Relaxed,
    );
}

/// The language the system asks for: the first of `LC_ALL`, `LC_MESSAGES`, `LANG` that is
/// set and not empty decides, as gettext does; French if it starts with `fr`.
pub fn detect() -> Lang {
    detect_from(|name| std::env::var(name).ok())
}

pub fn detect_from(get: impl Fn(&str) -> Option<String>) -> Lang {
    for name in ["LC_ALL", "LC_MESSAGES", "LANG"] {
        if let Some(value) = get(name).filter(|v| !v.is_empty()) {
            return if value.to_ascii_lowercase().starts_with("fr") {
                Lang::Fr
            } else {
                Lang::En
            };
        }
    }
    Lang::En
}

/// Picks the sentence for the current language.
pub fn tr(fr: impl Into<String>, en: impl Into<String>) -> String {
    match lang() {
        Lang::Fr => fr.into(),
        Lang::En => en.into(),
    }
}

/// A list of names, quoted with backticks, for messages: "`a`, `b` or `c`".
pub fn quoted_list(items: &[impl AsRef<str>]) -> String {
    let quoted: Vec<String> = items.iter().map(|i| format!("`{}`", i.as_ref())).collect();
    match quoted.len() {
        0 => String::new(),
        1 => quoted[0].clone(),
        n => format!(
            "{} {} {}",
            quoted[..n - 1].join(", "),
            tr("ou", "or"),
            quoted[n - 1]
        ),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn detection_follows_gettext_precedence() {
        let env = |pairs: &'static [(&'static str, &'static str)]| {
            move |name: &str| {
                pairs
                    .iter()
                    .find(|(k, _)| *k == name)
                    .map(|(_, v)| v.to_string())
            }
        };
        assert_eq!(detect_from(env(&[("LANG", "fr_FR.UTF-8")])), Lang::Fr);
        assert_eq!(detect_from(env(&[("LANG", "en_US.UTF-8")])), Lang::En);
        assert_eq!(
            detect_from(env(&[("LC_ALL", "en_GB"), ("LANG", "fr_FR")])),
            Lang::En
        );
        assert_eq!(
            detect_from(env(&[("LC_ALL", ""), ("LANG", "fr_CA")])),
            Lang::Fr
        );
        assert_eq!(detect_from(env(&[])), Lang::En);
    }
}
