//! The ids of one page, allocated so that none is given twice.
//!
//! The rule is github-slugger's (what github.com and GitLab show for a heading, and what
//! readers copy into links): a heading's anchor is [`crate::slug::anchor`] of its text, and
//! when that anchor is already taken on the page it gets the first free suffix `-1`, `-2`, …
//! counted per anchor, so `Étape`, `Étape 1`, `Étape` give `étape`, `étape-1`, `étape-2`.
//! (mdBook's counter alone gives `étape-1` twice; zola restarts at `-1` for each collision
//! and so differs only in rare chains.) Ids written in raw HTML are taken first: a heading
//! never takes an id the writer chose. Footnotes live in their own namespace, `fn:<n>`,
//! which no heading anchor can produce (anchors keep no `:`), as kramdown writes them.

use std::collections::HashMap;

/// The ids a page holds besides its content's, written by the site's templates around it
/// (declared per kind by `validate::page_ids`).
#[derive(Debug, Default, Clone, PartialEq, Eq, serde::Serialize)]
pub struct PageIds {
    /// Ids the page always holds: links may name them; headings skip them; a raw HTML id
    /// repeating one is a duplicate.
    pub held: Vec<String>,
    /// Ids the page holds when its data has them (a section shown only when not empty):
    /// headings skip them and raw HTML ids may not take them, but no link may rely on them.
    pub possible: Vec<String>,
    /// Prefixes of the ids the template writes from what only the build knows (the
    /// history's commits: `commit-`), on pages that show no content.
    pub families: Vec<String>,
}

impl PageIds {
    /// Every id the content may not take.
    pub fn reserved(&self) -> impl Iterator<Item = &str> {
        self.held.iter().chain(&self.possible).map(String::as_str)
    }

    /// Whether the template may write `id`.
    pub fn declares(&self, id: &str) -> bool {
        self.reserved().any(|r| r == id) || self.families.iter().any(|f| id.starts_with(f.as_str()))
    }
}

/// The ids given so far on a page, and the next suffix to try for each anchor.
#[derive(Debug, Default, Clone)]
pub struct Ids {
    /// Every id taken, with the suffix counter of github-slugger.
    taken: HashMap<String, usize>,
}

impl Ids {
    /// An allocator where `reserved` ids (raw HTML ids, the page's own) are already taken.
    pub fn with_reserved<'a>(reserved: impl IntoIterator<Item = &'a str>) -> Ids {
        let mut ids = Ids::default();
        for id in reserved {
            ids.taken.entry(id.to_string()).or_insert(0);
        }
        ids
    }

    /// The id of a heading whose text is `text`: its anchor, suffixed if already taken. A
    /// heading with no letter or digit (`##` alone, an emoji) gets `§` (then `§-1`…): HTML
    /// wants no empty id, and no heading with words can take it (anchors keep no `§`), so
    /// a later `## Section` keeps `section`.
    pub fn heading(&mut self, text: &str) -> String {
        let mut base = crate::slug::anchor(text);
        if base.is_empty() {
            base = EMPTY.to_string();
        }
        let mut id = base.clone();
        while self.taken.contains_key(&id) {
            let n = self.taken.get_mut(&base).map_or(1, |n| {
                *n += 1;
                *n
            });
            id = format!("{base}-{n}");
        }
        self.taken.insert(id.clone(), 0);
        id
    }
}

impl Ids {
    /// `id` itself when it is free, else with the first free suffix (as a heading's): for
    /// ids made from others (a page gathering several documents prefixes theirs).
    pub fn claim(&mut self, id: &str) -> String {
        let mut out = id.to_string();
        while self.taken.contains_key(&out) {
            let n = self.taken.get_mut(id).map_or(1, |n| {
                *n += 1;
                *n
            });
            out = format!("{id}-{n}");
        }
        self.taken.insert(out.clone(), 0);
        out
    }
}

/// The anchor of a heading with nothing to make one from: a character no anchor keeps.
const EMPTY: &str = "§";

/// The id of the `n`th footnote of a page (1-based).
pub fn footnote(n: usize) -> String {
    format!("fn:{n}")
}

#[cfg(test)]
mod tests {
    use super::*;

    fn all(texts: &[&str]) -> Vec<String> {
        let mut ids = Ids::default();
        texts.iter().map(|t| ids.heading(t)).collect()
    }

    #[test]
    fn duplicates_get_the_first_free_suffix() {
        assert_eq!(
            all(&["Étape", "Étape 1", "Étape"]),
            ["étape", "étape-1", "étape-2"]
        );
        assert_eq!(all(&["x", "x", "x-1"]), ["x", "x-1", "x-1-1"]);
        assert_eq!(all(&["a", "a", "a"]), ["a", "a-1", "a-2"]);
        assert_eq!(all(&["", "🙂", "Section"]), ["§", "§-1", "section"]);
    }

    proptest::proptest! {
        /// Headings of symbols only (emoji, punctuation, nothing) and headings with words,
        /// in any order: every heading with words gets its own anchor, as if the others
        /// were not there, and no two headings share an id.
        #[test]
        fn symbol_headings_never_take_a_word_heading_s_anchor(
            headings in proptest::collection::vec(
                proptest::prop_oneof![
                    proptest::sample::select(vec!["", "🌻", "***", "§", "— ? —", "🙂 🙂"]),
                    proptest::sample::select(vec!["Section", "section 1", "§ 1", "Étape", "S"]),
                ],
                0..12,
            ),
        ) {
            let mut ids = Ids::default();
            let mut words = Ids::default();
            let mut seen = std::collections::HashSet::new();
            for h in &headings {
                let id = ids.heading(h);
                proptest::prop_assert!(seen.insert(id.clone()), "{} twice", id);
                if !crate::slug::anchor(h).is_empty() {
                    proptest::prop_assert_eq!(id, words.heading(h));
                }
            }
        }
    }

    #[test]
    fn claimed_ids_are_never_given_twice() {
        let mut ids = Ids::with_reserved(["livret-a"]);
        assert_eq!(ids.claim("livret-a"), "livret-a-1");
        assert_eq!(ids.claim("livret-a-1"), "livret-a-1-1");
        assert_eq!(ids.claim("livret-a"), "livret-a-2");
        assert_eq!(ids.heading("livret b"), "livret-b");
        assert_eq!(ids.claim("livret-b"), "livret-b-1");
    }

    #[test]
    fn reserved_ids_are_never_given() {
        let mut ids = Ids::with_reserved(["art-3", "art-3-1"]);
        assert_eq!(ids.heading("Art 3"), "art-3-2");
        assert_ne!(footnote(1), crate::slug::anchor("fn 1"));
    }
}
