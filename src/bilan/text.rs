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

/// Markdown in language `l`: `#` title, `##` per section, tables.
pub fn markdown(bilan: &Bilan, l: Lang) -> String {
    let doc = layout(bilan, l);
    let mut out = format!("# {}\n", inline(&doc.title));
    for section in &doc.sections {
        out.push_str(&format!("\n## {}\n", inline(&section.title)));
        for block in &section.blocks {
            match block {
                Block::Para(text) => out.push_str(&format!("\n{}\n", inline(text))),
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
