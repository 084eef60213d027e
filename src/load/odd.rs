//! Characters that cannot be seen, or that look like others, where they change meaning:
//! in keys, ids, references, link targets and YAML indentation. A French keyboard types a
//! no-break space before `:`; text pasted from a word processor brings narrow no-break
//! spaces, zero-width spaces, soft hyphens and typographic apostrophes; a file pasted into
//! another brings a byte-order mark. Messages name them (see `i18n::check::odd_note`).

pub use crate::i18n::vocabulary::Odd;

impl Odd {
    /// What `c` is, if it is odd. Tabs count only where `tabs` says so (indentation,
    /// keys); apostrophes always (they are never right in a key or an id).
    pub fn of(c: char, tabs: bool) -> Option<Odd> {
        Some(match c {
            '\u{a0}' => Odd::NoBreakSpace,
            '\u{202f}' => Odd::NarrowNoBreakSpace,
            '\u{200b}' => Odd::ZeroWidthSpace,
            '\u{200d}' => Odd::ZeroWidthJoiner,
            '\u{200c}' => Odd::ZeroWidthNonJoiner,
            '\u{2060}' => Odd::WordJoiner,
            '\u{feff}' => Odd::ByteOrderMark,
            '\u{ad}' => Odd::SoftHyphen,
            '\t' if tabs => Odd::Tab,
            '\u{2019}' | '\u{2018}' | '\u{2bc}' => Odd::TypographicApostrophe,
            '\u{201c}' | '\u{201d}' | '\u{201e}' | '\u{ab}' | '\u{bb}' | '\u{2039}'
            | '\u{203a}' => Odd::TypographicQuote,
            '\u{2000}'..='\u{200a}' | '\u{3000}' | '\u{1680}' | '\u{205f}' => Odd::OtherSpace,
            '\u{2010}'..='\u{2015}' | '\u{2212}' | '\u{fe58}' | '\u{fe63}' | '\u{ff0d}' => {
                Odd::Dash
            }
            '\u{fb00}'..='\u{fb06}' => Odd::Ligature,
            _ => return None,
        })
    }
}

/// An odd character found in some text: what it is, which it is, and its byte offset.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Found {
    pub odd: Odd,
    pub ch: char,
    pub offset: usize,
}

/// The first odd character of `text`.
pub fn find(text: &str, tabs: bool) -> Option<Found> {
    text.char_indices()
        .find_map(|(offset, ch)| Odd::of(ch, tabs).map(|odd| Found { odd, ch, offset }))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn finds_the_first() {
        assert_eq!(
            find("titre\u{a0}", true),
            Some(Found {
                odd: Odd::NoBreakSpace,
                ch: '\u{a0}',
                offset: 5
            })
        );
        assert_eq!(
            find("jusqu\u{2019}au", false).map(|f| f.odd),
            Some(Odd::TypographicApostrophe)
        );
        assert_eq!(find("a\tb", false), None);
        assert_eq!(find("mathieu", true), None);
        assert_eq!(
            find("2024\u{2013}03", false).map(|f| f.odd),
            Some(Odd::Dash)
        );
    }
}
