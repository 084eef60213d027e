//! Every sentence the tool says, in French and English, in one place, and the one way a
//! sentence is put together.
//!
//! Writers of #CodeSocials are mostly French speakers who are not developers, so the tool
//! speaks French when their system does. There are two languages, each with one entry point:
//!
//! - **the language of messages** (everything printed on a terminal, clap's help and errors
//!   included): [`from_command_line`] reads `--lang`, else `LC_ALL` / `LC_MESSAGES` /
//!   `LANG`, before clap parses, and `main` sets it once with [`set_lang`];
//! - **the language of the site** (its words, the bilan page, the évolution lines, the
//!   linked data): the manifest's `langue`, read by `model::Repo::langue`, passed
//!   explicitly as a [`Lang`] to `text_in`; code that writes in the language of messages
//!   (the diff's change lines) is run for the site inside [`in_lang`].
//!
//! Each area has an enum of messages (submodules) with `text_in(lang)` and `text()` (the
//! language of messages); diagnostics are [`Record`]s. Every count goes through
//! [`plural::count`] (CLDR's rules: French singular for 0 and 1, English for 1 only) and
//! the grammar of names through [`grammar`]. The tool's own French words use the
//! typographic apostrophe (’). Tests check that every message exists in both languages.

use std::cell::Cell;
use std::ffi::OsString;
use std::sync::atomic::{AtomicU8, Ordering};

pub mod bilan;
pub mod check;
pub mod cli;
pub mod diff;
pub mod ecosystem;
pub mod error;
pub mod grammar;
pub mod import;
pub mod init;
pub mod plural;
pub mod record;
pub mod schema;
pub mod serve;
pub mod site;
pub mod typography;
pub mod ui;
pub mod vocabulary;

pub use check::{LinkGap, Message, Reference};
pub use diff::DiffText;
pub use init::InitMsg;
pub use plural::{count, plural};
pub use record::{Record, Severity};
pub use ui::Ui;

/// A language the tool speaks; its BCP 47 code is its name in lowercase (strum, in step
/// with serde).
#[derive(
    Debug,
    Clone,
    Copy,
    PartialEq,
    Eq,
    Hash,
    serde::Serialize,
    serde::Deserialize,
    strum::EnumString,
    strum::IntoStaticStr,
)]
#[serde(rename_all = "lowercase")]
#[strum(serialize_all = "lowercase")]
pub enum Lang {
    Fr,
    En,
}

impl Lang {
    /// The BCP 47 code: `fr`, `en`.
    pub fn code(self) -> &'static str {
        self.into()
    }

    /// The language a code names (`fr`, `en`), if the tool speaks it.
    pub fn parse(s: &str) -> Option<Lang> {
        s.parse().ok()
    }
}

/// The French or the English of a sentence.
pub fn pick(lang: Lang, fr: impl Into<String>, en: impl Into<String>) -> String {
    match lang {
        Lang::Fr => fr.into(),
        Lang::En => en.into(),
    }
}

static CURRENT: AtomicU8 = AtomicU8::new(1);

thread_local! {
    /// The language [`in_lang`] sets for the closure it runs, on its thread.
    static SCOPED: Cell<Option<Lang>> = const { Cell::new(None) };
}

/// The language messages are printed in: the one [`in_lang`] sets on this thread, else the
/// one [`set_lang`] set for the process.
pub fn lang() -> Lang {
    SCOPED
        .with(Cell::get)
        .unwrap_or_else(|| match CURRENT.load(Ordering::Relaxed) {
            0 => Lang::Fr,
            _ => Lang::En,
        })
}

/// Sets the language of messages for the process (once, at start-up).
pub fn set_lang(lang: Lang) {
    CURRENT.store(
        match lang {
            Lang::Fr => 0,
            Lang::En => 1,
        },
        Ordering::Relaxed,
    );
}

/// Runs `f` with messages in `lang` on this thread (the site's language for sentences the
/// terminal also prints), whatever the process's language; other threads are untouched.
pub fn in_lang<T>(lang: Lang, f: impl FnOnce() -> T) -> T {
    let previous = SCOPED.with(|s| s.replace(Some(lang)));
    let out = f();
    SCOPED.with(|s| s.set(previous));
    out
}

/// The language of messages for a command line: the value of the last `--lang X` or
/// `--lang=X` before `--` when it names a language, else the environment (see
/// [`from_env`]). Read before clap parses, so that clap's help and errors speak it too; a
/// wrong value is left for clap to report.
pub fn from_command_line(args: &[OsString], get: impl Fn(&str) -> Option<String>) -> Lang {
    let mut chosen = None;
    let mut args = args.iter().skip(1).map(|a| a.to_str().unwrap_or(""));
    while let Some(arg) = args.next() {
        let value = match arg {
            "--" => break,
            "--lang" => args.next(),
            _ => arg.strip_prefix("--lang="),
        };
        if let Some(l) = value.and_then(Lang::parse) {
            chosen = Some(l);
        }
    }
    chosen.unwrap_or_else(|| from_env(get))
}

/// The language the system asks for: the first of `LC_ALL`, `LC_MESSAGES`, `LANG` that is
/// set and not empty decides, as gettext does; French if it starts with `fr`.
pub fn from_env(get: impl Fn(&str) -> Option<String>) -> Lang {
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

/// Gives message enums `text()`: their `text_in` in the language of messages.
macro_rules! in_the_language_of_messages {
    ($($t:ty),+ $(,)?) => {
        $(impl $t {
            /// The sentence in the language of messages.
            pub fn text(&self) -> String {
                self.text_in(lang())
            }
        })+
    };
}

in_the_language_of_messages!(
    bilan::BilanText<'_>,
    diff::DiffText<'_>,
    ecosystem::EcoNotice<'_>,
    ecosystem::EcoProblem<'_>,
    ecosystem::GitFailure<'_>,
    ecosystem::CatalogueText<'_>,
    import::ImportMsg<'_>,
    init::InitMsg<'_>,
    serve::Serve<'_>,
    site::BuildMsg<'_>,
    ui::Ui<'_>,
);

#[cfg(test)]
mod tests {
    use super::*;

    fn env(pairs: &'static [(&'static str, &'static str)]) -> impl Fn(&str) -> Option<String> {
        move |name: &str| {
            pairs
                .iter()
                .find(|(k, _)| *k == name)
                .map(|(_, v)| v.to_string())
        }
    }

    #[test]
    fn detection_follows_gettext_precedence() {
        assert_eq!(from_env(env(&[("LANG", "fr_FR.UTF-8")])), Lang::Fr);
        assert_eq!(from_env(env(&[("LANG", "en_US.UTF-8")])), Lang::En);
        assert_eq!(
            from_env(env(&[("LC_ALL", "en_GB"), ("LANG", "fr_FR")])),
            Lang::En
        );
        assert_eq!(
            from_env(env(&[("LC_ALL", ""), ("LANG", "fr_CA")])),
            Lang::Fr
        );
        assert_eq!(from_env(env(&[])), Lang::En);
    }

    #[test]
    fn a_language_is_named_by_its_code_only() {
        for (code, lang) in [("fr", Lang::Fr), ("en", Lang::En)] {
            assert_eq!(Lang::parse(code), Some(lang));
            assert_eq!(lang.code(), code);
        }
        for other in ["FR", "Fr", "fr_FR", "de", ""] {
            assert_eq!(Lang::parse(other), None, "{other}");
        }
    }

    #[test]
    fn the_command_line_comes_before_the_environment() {
        let args = |a: &[&str]| a.iter().map(OsString::from).collect::<Vec<_>>();
        let fr = env(&[("LANG", "fr_FR.UTF-8")]);
        assert_eq!(from_command_line(&args(&["cs", "check"]), &fr), Lang::Fr);
        assert_eq!(
            from_command_line(&args(&["cs", "--lang", "en", "check"]), &fr),
            Lang::En
        );
        assert_eq!(
            from_command_line(&args(&["cs", "check", "--lang=en"]), &fr),
            Lang::En
        );
        // The last one wins, as clap takes it; a wrong value is clap's to report.
        assert_eq!(
            from_command_line(&args(&["cs", "--lang", "en", "--lang", "fr"]), env(&[])),
            Lang::Fr
        );
        assert_eq!(
            from_command_line(&args(&["cs", "--lang", "de"]), &fr),
            Lang::Fr
        );
        // After `--`, `--lang` is a value, not an option.
        assert_eq!(
            from_command_line(&args(&["cs", "log", "--", "--lang=en"]), &fr),
            Lang::Fr
        );
    }

    #[test]
    fn a_scoped_language_stays_on_its_thread() {
        set_lang(Lang::En);
        let inside = in_lang(Lang::Fr, || {
            let other = std::thread::spawn(lang).join().expect("thread");
            (lang(), other)
        });
        assert_eq!(inside, (Lang::Fr, Lang::En));
        assert_eq!(lang(), Lang::En);
    }

    /// French sentences elide with the typographic apostrophe (`l’historique`), as the
    /// site's typography writes it: no straight one in the tool's own French (the part
    /// of each file of `src/i18n` before its tests). English contractions (`file's`,
    /// `don't`) have a letter before the elided word and are not matched.
    #[test]
    fn french_elisions_take_the_typographic_apostrophe() {
        let elision = regex::Regex::new(
            r"(?:^|[^A-Za-z])(?:[lLdDnNsScCjJmMtT]|[qQ]u|jusqu|lorsqu|puisqu)'[a-zA-Zéèêàâîôûh]",
        )
        .expect("regex");
        let dir = std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("src/i18n");
        let mut faults = Vec::new();
        for entry in std::fs::read_dir(&dir).expect("src/i18n") {
            let path = entry.expect("entry").path();
            // The tool's sentences; not the table of the schemas' texts, whose French
            // keys are the schemas' texts as written (`schema-en.json`).
            if path.extension().is_none_or(|e| e != "rs") {
                continue;
            }
            let text = std::fs::read_to_string(&path).expect("read");
            let code = text.split("#[cfg(test)]").next().unwrap_or_default();
            for (n, line) in code.lines().enumerate() {
                if line.trim_start().starts_with("//") {
                    continue;
                }
                if let Some(m) = elision.find(line) {
                    faults.push(format!("{}:{}: {}", path.display(), n + 1, m.as_str()));
                }
            }
        }
        assert!(faults.is_empty(), "{}", faults.join("\n"));
    }
}
