//! The bilan for a terminal (aligned tables) and as Markdown (headings and tables, to paste
//! into the general assembly's papers).

use super::layout::{layout, Block};
use super::Bilan;
use crate::escape::markdown::inline;
use crate::escape::terminal::one_line;
use crate::i18n::Lang;

/// Plain text in language `l`: a title, one underlined heading per section; consecutive
/// sentences stay together, tables stand apart.
pub fn text(bilan: &Bilan, l: Lang) -> String {
    let doc = layout(bilan, l);
    let mut out = underlined(&doc.title, '═');
    for section in &doc.sections {
        out.push('\n');
        out.push_str(&underlined(&section.title, '─'));
        let mut previous_para = false;
        for block in &section.blocks {
            match block {
                Block::Para(text) => {
                    if !previous_para {
                        out.push('\n');
                    }
                    out.push_str(&format!("{}\n", one_line(text)));
                    previous_para = true;
                }
                Block::Table(title, table) => {
                    out.push('\n');
                    if let Some(title) = title {
                        out.push_str(&format!("{}\n", one_line(title)));
                    }
                    out.push_str(&table.to_text());
                    previous_para = false;
                }
            }
        }
    }
    out
}

/// A heading on its line, underlined with `rule` to its length.
fn underlined(title: &str, rule: char) -> String {
    let title = one_line(title);
    let line: String = std::iter::repeat_n(rule, title.chars().count()).collect();
    format!("{title}\n{line}\n")
}

/// A sentence of the bilan's words as Markdown text: each `` `x` `` of the words a code
/// span (as the terminal shows it between backticks and the site in `<code>`), the rest
/// escaped.
fn with_code(text: &str) -> String {
    let mut out = String::new();
    let mut rest = text;
    while let Some(open) = rest.find('`') {
        let Some(close) = rest[open + 1..].find('`').map(|c| open + 1 + c) else {
            break;
        };
        out.push_str(&inline(&rest[..open]));
        out.push_str(&crate::escape::markdown::code(&rest[open + 1..close]));
        rest = &rest[close + 1..];
    }
    out.push_str(&inline(rest));
    out
}

/// Markdown in language `l`: `#` title, `##` per section, tables.
pub fn markdown(bilan: &Bilan, l: Lang) -> String {
    let doc = layout(bilan, l);
    let mut out = format!("# {}\n", inline(&doc.title));
    for section in &doc.sections {
        out.push_str(&format!("\n## {}\n", inline(&section.title)));
        for block in &section.blocks {
            match block {
                Block::Para(text) => out.push_str(&format!("\n{}\n", with_code(text))),
                Block::Table(title, table) => {
                    if let Some(title) = title {
                        out.push_str(&format!("\n**{}**\n", inline(title)));
                    }
                    out.push('\n');
                    out.push_str(&table.to_markdown());
                }
            }
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::i18n::bilan::BilanText as B;

    /// The trailer a commit message needs is code in both languages: between backticks in
    /// the terminal, a code span in Markdown (issue 17).
    #[test]
    fn the_decision_trailer_is_code_in_both_languages() {
        for l in [Lang::Fr, Lang::En] {
            let text = B::NoDecision.text_in(l);
            assert!(text.contains("`Decision:`"), "{text}");
            let md = with_code(&text);
            assert!(md.contains("`Decision:`") && !md.contains("\\`"), "{md}");
        }
    }
}
