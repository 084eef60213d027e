//! What a web page holds around its article: the theme's header and menus, share buttons,
//! comments, sidebars, footers, cookie banners, forms. One table says how the common
//! WordPress themes and builders mark each of them (a tag, a class, an id, an ARIA role),
//! so that adding a theme is adding a row. Matched elements are dropped whole, and listed
//! in the report with their text.

pub use crate::i18n::vocabulary::Furniture;

/// How an element is recognised.
#[derive(Debug, Clone, Copy)]
enum Pattern {
    Tag(&'static str),
    /// A tag that is furniture only outside the article (`<header>` of a section is not).
    TagOutside(&'static str),
    /// A class token, or a token that starts with it and `-` or `_`.
    Class(&'static str),
    /// An id, or an id that starts with it and `-` or `_`.
    Id(&'static str),
    Role(&'static str),
}

use Furniture as F;
use Pattern::{Class, Id, Role, Tag, TagOutside};

/// Elements that look like furniture but hold the article's title: kept.
const KEEP: &[Pattern] = &[
    Class("entry-header"),
    Class("page-header"),
    Class("post-header"),
    Class("article-header"),
    Class("entry-title"),
];

/// The table: first match wins.
const RULES: &[(Pattern, Furniture)] = &[
    (TagOutside("header"), F::Header),
    (Role("banner"), F::Header),
    (Class("site-header"), F::Header),
    (Class("site-branding"), F::Header),
    (Id("masthead"), F::Header),
    (Class("elementor-location-header"), F::Header),
    (Id("main-header"), F::Header),
    (Tag("nav"), F::Menu),
    (Role("navigation"), F::Menu),
    (Class("menu"), F::Menu),
    (Class("main-navigation"), F::Menu),
    (Class("navbar"), F::Menu),
    (Class("breadcrumb"), F::Menu),
    (Class("breadcrumbs"), F::Menu),
    (Class("post-navigation"), F::Menu),
    (Class("nav-links"), F::Menu),
    (Class("pagination"), F::Menu),
    (Tag("footer"), F::Footer),
    (Role("contentinfo"), F::Footer),
    (Class("site-footer"), F::Footer),
    (Class("site-info"), F::Footer),
    (Id("colophon"), F::Footer),
    (Id("footer"), F::Footer),
    (Id("main-footer"), F::Footer),
    (Class("elementor-location-footer"), F::Footer),
    (TagOutside("aside"), F::Sidebar),
    (Role("complementary"), F::Sidebar),
    (Class("sidebar"), F::Sidebar),
    (Id("sidebar"), F::Sidebar),
    (Id("secondary"), F::Sidebar),
    (Class("widget-area"), F::Sidebar),
    (Class("widget"), F::Sidebar),
    (Id("comments"), F::Comments),
    (Class("comments"), F::Comments),
    (Class("comments-area"), F::Comments),
    (Id("respond"), F::Comments),
    (Class("comment"), F::Comments),
    (Class("sharedaddy"), F::Share),
    (Class("sd-sharing"), F::Share),
    (Class("share"), F::Share),
    (Class("sharing"), F::Share),
    (Class("social-share"), F::Share),
    (Class("share-buttons"), F::Share),
    (Class("addtoany"), F::Share),
    (Class("a2a"), F::Share),
    (Class("addthis"), F::Share),
    (Class("shariff"), F::Share),
    (Class("et_social"), F::Share),
    (Class("et_pb_social_media_follow"), F::Share),
    (Class("elementor-share-buttons"), F::Share),
    (Class("wp-block-social-links"), F::Share),
    (Class("cookie"), F::Banner),
    (Id("cookie"), F::Banner),
    (Class("gdpr"), F::Banner),
    (Id("gdpr"), F::Banner),
    (Class("cmplz"), F::Banner),
    (Id("cmplz"), F::Banner),
    (Class("cky"), F::Banner),
    (Class("moove_gdpr"), F::Banner),
    (Id("tarteaucitron"), F::Banner),
    (Id("axeptio"), F::Banner),
    (Role("dialog"), F::Banner),
    (Role("alertdialog"), F::Banner),
    (Class("popup"), F::Banner),
    (Class("modal"), F::Banner),
    (Tag("form"), F::Form),
    (Tag("select"), F::Form),
    (Tag("textarea"), F::Form),
    (Tag("input"), F::Form),
    (Role("search"), F::Form),
    (Class("wpcf7"), F::Form),
    (Class("wpforms"), F::Form),
    (Class("gform_wrapper"), F::Form),
    (Class("newsletter"), F::Form),
    (Class("mc4wp"), F::Form),
    (Class("search-form"), F::Form),
    (Class("jp-relatedposts"), F::Related),
    (Class("related-posts"), F::Related),
    (Class("yarpp"), F::Related),
    (Class("crp_related"), F::Related),
    (Class("entry-meta"), F::Meta),
    (Class("post-meta"), F::Meta),
    (Class("entry-footer"), F::Meta),
    (Class("byline"), F::Meta),
    (Class("posted-on"), F::Meta),
    (Class("cat-links"), F::Meta),
    (Class("tags-links"), F::Meta),
    (Class("edit-link"), F::Meta),
    (Class("author-bio"), F::Meta),
    (Class("author-box"), F::Meta),
    (Class("screen-reader-text"), F::Hidden),
    (Class("skip-link"), F::Hidden),
    (Class("sr-only"), F::Hidden),
    (Class("visually-hidden"), F::Hidden),
    (Tag("noscript"), F::Hidden),
    (Tag("button"), F::Button),
    // An `<iframe>` (a video, a map) in the article is the article's: kept as written,
    // the report says the site does not show it. Outside it, it is the theme's.
    (TagOutside("iframe"), F::Frame),
];

/// What an element's markup says about it.
#[derive(Debug, Clone, Copy)]
pub struct Marks<'a> {
    pub tag: &'a str,
    pub id: Option<&'a str>,
    pub class: Option<&'a str>,
    pub role: Option<&'a str>,
    /// Whether an `article`, `main` or `section` encloses it.
    pub in_content: bool,
}

/// The furniture an element is, if it is.
pub fn classify(marks: &Marks<'_>) -> Option<Furniture> {
    if KEEP.iter().any(|p| matches(*p, marks)) {
        return None;
    }
    RULES
        .iter()
        .find(|(p, _)| matches(*p, marks))
        .map(|(_, f)| *f)
}

fn matches(pattern: Pattern, m: &Marks<'_>) -> bool {
    match pattern {
        Tag(t) => m.tag == t,
        TagOutside(t) => m.tag == t && !m.in_content,
        Class(c) => m
            .class
            .is_some_and(|cls| cls.split_ascii_whitespace().any(|token| named(token, c))),
        Id(i) => m.id.is_some_and(|id| named(id.trim(), i)),
        Role(r) => m.role.is_some_and(|role| {
            role.split_ascii_whitespace()
                .any(|x| x.eq_ignore_ascii_case(r))
        }),
    }
}

/// `token` is `name`, or starts with it followed by `-` or `_` (`comments-area`).
fn named(token: &str, name: &str) -> bool {
    let lower = token.to_ascii_lowercase();
    lower == name
        || lower
            .strip_prefix(name)
            .is_some_and(|rest| rest.starts_with(['-', '_']))
}

#[cfg(test)]
mod tests {
    use super::*;

    fn marks<'a>(tag: &'a str, class: Option<&'a str>, id: Option<&'a str>) -> Marks<'a> {
        Marks {
            tag,
            id,
            class,
            role: None,
            in_content: false,
        }
    }

    #[test]
    fn common_theme_markup_is_furniture() {
        let cases = [
            (
                marks("div", Some("sharedaddy sd-sharing-enabled"), None),
                F::Share,
            ),
            (
                marks("div", Some("comments-area"), Some("comments")),
                F::Comments,
            ),
            (
                marks("section", Some("widget widget_recent_entries"), None),
                F::Sidebar,
            ),
            (marks("div", None, Some("cookie-notice")), F::Banner),
            (marks("footer", Some("site-footer"), None), F::Footer),
            (marks("nav", None, None), F::Menu),
            (
                marks("header", Some("site-header"), Some("masthead")),
                F::Header,
            ),
            (
                marks("div", Some("et_pb_social_media_follow"), None),
                F::Share,
            ),
            (marks("span", Some("screen-reader-text"), None), F::Hidden),
        ];
        for (m, f) in cases {
            assert_eq!(classify(&m), Some(f), "{m:?}");
        }
    }

    #[test]
    fn content_markup_is_not() {
        let cases = [
            marks("div", Some("entry-content"), None),
            marks("header", Some("entry-header"), None),
            marks(
                "div",
                Some("elementor-widget elementor-widget-text-editor"),
                None,
            ),
            marks("div", Some("commentaire-libre"), None),
            marks("p", Some("menuiserie"), None),
        ];
        for m in cases {
            assert_eq!(classify(&m), None, "{m:?}");
        }
        let section_header = Marks {
            in_content: true,
            ..marks("header", None, None)
        };
        assert_eq!(classify(&section_header), None);
    }
}
