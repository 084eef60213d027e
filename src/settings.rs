//! The numeric settings read from the environment (`CODESOCIAL_MAX_FILE_SIZE`…): each is a
//! whole number; a value that is not one is a usage error naming the variable and the
//! shape it expects ([`check`], run before any command), never a silent fall back to the
//! default. An unset or empty variable means the default.

pub use crate::error::SettingUnit as Unit;
use crate::error::{Error, Result};

/// A numeric setting: its variable, unit, default, and whether 0 is allowed.
#[derive(Debug, Clone, Copy)]
pub struct Setting {
    pub name: &'static str,
    pub unit: Unit,
    pub default: u64,
    pub zero: bool,
}

/// Largest file the loader reads (bytes), 8 MiB by default.
pub const MAX_FILE_SIZE: Setting = Setting {
    name: "CODESOCIAL_MAX_FILE_SIZE",
    unit: Unit::Bytes,
    default: 8 * 1024 * 1024,
    zero: true,
};

/// Largest total of bytes the loader reads in one run, 64 MiB by default: bounds memory
/// whatever the number of files. A build holds each byte of a text several times over
/// (the parsed document, the rendered page, its search text): 256 MiB of huge texts took
/// `build` to 3.6–4 GB (issue 14); 64 MiB holds a generated repository of 20,000 offers
/// (48 MB) and keeps such a pull request under about 1 GB.
pub const MAX_TOTAL_SIZE: Setting = Setting {
    name: "CODESOCIAL_MAX_TOTAL_SIZE",
    unit: Unit::Bytes,
    default: 64 * 1024 * 1024,
    zero: true,
};

/// Most documents the steps of one range may change in all (each step's changes counted),
/// 100,000 by default: a pull request is judged in seconds, and a range of thousands of
/// whole-tree rewrites is refused with an error, never passed.
pub const MAX_RANGE_CHANGES: Setting = Setting {
    name: "CODESOCIAL_MAX_RANGE_CHANGES",
    unit: Unit::Documents,
    default: 100_000,
    zero: true,
};

/// Most tree entries (files and folders) read from one ecosystem partner's git tree,
/// 200,000 by default: ten times a large #CodeSocial with its folders, and a partner
/// repository of millions of files that are no documents is refused after that many, in
/// bounded time and memory, instead of being walked whole.
pub const MAX_PARTNER_ENTRIES: Setting = Setting {
    name: "CODESOCIAL_MAX_PARTNER_ENTRIES",
    unit: Unit::Entries,
    default: 200_000,
    zero: false,
};

/// Seconds all the fetching of one command may take, 120 by default.
pub const GIT_TIMEOUT: Setting = Setting {
    name: "CODESOCIAL_GIT_TIMEOUT",
    unit: Unit::Seconds,
    default: 120,
    zero: false,
};

/// Every numeric setting.
pub const ALL: [Setting; 5] = [
    MAX_FILE_SIZE,
    MAX_TOTAL_SIZE,
    MAX_RANGE_CHANGES,
    MAX_PARTNER_ENTRIES,
    GIT_TIMEOUT,
];

impl Setting {
    /// The value written in `raw` (the variable's text, `None` when unset): the default
    /// when unset or empty, an error when it is not a whole number the setting allows.
    pub fn parse(&self, raw: Option<&str>) -> Result<u64> {
        let Some(text) = raw.map(str::trim).filter(|t| !t.is_empty()) else {
            return Ok(self.default);
        };
        // Digits only: `+5` or `1_000` is not how a whole number is written here.
        let digits = text.bytes().all(|b| b.is_ascii_digit());
        match text.parse::<u64>().ok().filter(|_| digits) {
            Some(n) if n > 0 || self.zero => Ok(n),
            _ => Err(Error::BadSetting {
                name: self.name,
                value: raw.unwrap_or_default().to_string(),
                unit: self.unit,
                default: self.default,
                zero: self.zero,
            }),
        }
    }

    /// The value in force: the variable's, or the default (see [`check`] for the error).
    pub fn get(&self) -> u64 {
        let raw = std::env::var(self.name).ok();
        self.parse(raw.as_deref()).unwrap_or(self.default)
    }
}

/// Every numeric setting of the environment checked: the first that is not a whole
/// number is the error. A variable that is not Unicode is one too.
pub fn check() -> Result<()> {
    for setting in ALL {
        match std::env::var(setting.name) {
            Ok(raw) => {
                setting.parse(Some(&raw))?;
            }
            Err(std::env::VarError::NotUnicode(raw)) => {
                return Err(Error::BadSetting {
                    name: setting.name,
                    value: raw.to_string_lossy().into_owned(),
                    unit: setting.unit,
                    default: setting.default,
                    zero: setting.zero,
                });
            }
            Err(std::env::VarError::NotPresent) => {}
        }
    }
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;

    proptest::proptest! {
        /// A whole number (spaces around allowed) is read; anything else is an error
        /// naming the variable, never the default in disguise; unset or empty is the
        /// default.
        #[test]
        fn only_whole_numbers_are_read(text in "\\PC{0,12}|\\+[0-9]{1,4}", n in 0u64..1_000_000_000) {
            for setting in ALL {
                proptest::prop_assert_eq!(setting.parse(None).ok(), Some(setting.default));
                proptest::prop_assert_eq!(setting.parse(Some("  ")).ok(), Some(setting.default));
                let written = format!(" {n} ");
                let read = setting.parse(Some(&written));
                proptest::prop_assert_eq!(read.is_ok(), n > 0 || setting.zero);
                let digits = text.trim().bytes().all(|b| b.is_ascii_digit());
                let expected = text
                    .trim()
                    .parse::<u64>()
                    .ok()
                    .filter(|&v| digits && (v > 0 || setting.zero));
                match setting.parse(Some(&text)) {
                    Ok(v) if text.trim().is_empty() => proptest::prop_assert_eq!(v, setting.default),
                    Ok(v) => proptest::prop_assert_eq!(Some(v), expected),
                    Err(Error::BadSetting { name, .. }) => {
                        proptest::prop_assert!(expected.is_none());
                        proptest::prop_assert_eq!(name, setting.name);
                    }
                    Err(e) => proptest::prop_assert!(false, "{e:?}"),
                }
            }
        }
    }
}
