//! The bilan for a terminal (aligned tables) and as Markdown (headings and tables, to paste
//! into the general assembly's papers).

use super::layout::{layout, Block};
use super::table::markdown_text;
use super::Bilan;
use crate::i18n::Lang;

/// Plain text in language `l`: a title, one underlined heading per section; consecutive
/// sentences stay together, tables stand apart.
pub fn text(bilan: &Bilan, l: Lang) -> String {
    let doc = layout(bilan, l);
    let mut out = format!("{}\n{}\n", doc.title, "═".repeat(doc.title.chars().count()));
    for section in &doc.sections {
        out.push_str(&format!(
            "\n{}\n{}\n",
            section.title,
            "─".repeat(section.title.chars().count())
        ));
        let mut previous_para = false;
        for block in &section.blocks {
            match block {
                Block::Para(text) => {
                    if !previous_para {
                        out.push('\n');
                    }
                    out.push_str(&format!("{text}\n"));
                    previous_para = true;
                }
                Block::Table(title, table) => {
                    out.push('\n');
                    if let Some(title) = title {
                        out.push_str(&format!("{title}\n"));
                    }
                    out.push_str(&table.to_text());
                    previous_para = false;
                }
                Block::CoverageChart | Block::FlowCharts => {}
            }
        }
    }
    out
}

/// Markdown in language `l`: `#` title, `##` per section, tables.
pub fn markdown(bilan: &Bilan, l: Lang) -> String {
    let doc = layout(bilan, l);
    let mut out = format!("# {}\n", markdown_text(&doc.title));
    for section in &doc.sections {
        out.push_str(&format!("\n## {}\n", markdown_text(&section.title)));
        for block in &section.blocks {
            match block {
                Block::Para(text) => out.push_str(&format!("\n{}\n", markdown_text(text))),
                Block::Table(title, table) => {
                    if let Some(title) = title {
                        out.push_str(&format!("\n**{}**\n", markdown_text(title)));
                    }
                    out.push('\n');
                    out.push_str(&table.to_markdown());
                }
                Block::CoverageChart | Block::FlowCharts => {}
            }
        }
    }
    out
}
