//! Small tables, aligned for the terminal or written as Markdown. Widths count characters,
//! so accented French words line up.

use crate::escape::markdown::inline;
use crate::escape::terminal::one_line;

/// A table: a header row and rows of cells; numeric columns align right.
#[derive(Debug, Clone, PartialEq, Eq)]
pub(super) struct Table {
    pub head: Vec<String>,
    pub rows: Vec<Vec<String>>,
    pub numeric: Vec<bool>,
}

impl Table {
    pub fn new(head: Vec<String>, numeric: &[usize]) -> Self {
        let numeric = (0..head.len()).map(|i| numeric.contains(&i)).collect();
        Table {
            head,
            rows: Vec::new(),
            numeric,
        }
    }

    pub fn row(&mut self, cells: Vec<String>) {
        self.rows.push(cells);
    }

    fn widths(&self) -> Vec<usize> {
        let mut widths: Vec<usize> = self.head.iter().map(|h| h.chars().count()).collect();
        for row in &self.rows {
            for (w, cell) in widths.iter_mut().zip(row) {
                *w = (*w).max(cell.chars().count());
            }
        }
        widths
    }

    /// Aligned columns, two spaces apart, a rule under the header, indented by two. Each
    /// cell is kept on its line ([`one_line`]).
    pub fn to_text(&self) -> String {
        let shown = self.map(|c| one_line(c).into_owned());
        shown.aligned()
    }

    /// The same table with every cell rewritten by `f`.
    fn map(&self, f: impl Fn(&str) -> String) -> Table {
        let row = |cells: &[String]| cells.iter().map(|c| f(c)).collect();
        Table {
            head: row(&self.head),
            rows: self.rows.iter().map(|r| row(r)).collect(),
            numeric: self.numeric.clone(),
        }
    }

    fn aligned(&self) -> String {
        let widths = self.widths();
        let mut out = String::new();
        let mut line = |cells: &[String]| {
            let parts: Vec<String> = cells
                .iter()
                .zip(&widths)
                .zip(&self.numeric)
                .map(|((cell, w), right)| pad(cell, *w, *right))
                .collect();
            out.push_str("  ");
            out.push_str(parts.join("  ").trim_end());
            out.push('\n');
        };
        line(&self.head);
        let rules: Vec<String> = widths.iter().map(|w| "─".repeat(*w)).collect();
        line(&rules);
        for row in &self.rows {
            line(row);
        }
        out
    }

    /// A GitHub-flavoured Markdown table, every cell escaped ([`inline`]).
    pub fn to_markdown(&self) -> String {
        let mut out = String::new();
        let line = |cells: &[String]| {
            let cells: Vec<String> = cells.iter().map(|c| inline(c)).collect();
            format!("| {} |\n", cells.join(" | "))
        };
        out.push_str(&line(&self.head));
        let rules: Vec<String> = self
            .numeric
            .iter()
            .map(|r| if *r { "--:" } else { "---" }.to_string())
            .collect();
        out.push_str(&format!("|{}|\n", rules.join("|")));
        for row in &self.rows {
            out.push_str(&line(row));
        }
        out
    }
}

fn pad(cell: &str, width: usize, right: bool) -> String {
    let fill = " ".repeat(width.saturating_sub(cell.chars().count()));
    if right {
        format!("{fill}{cell}")
    } else {
        format!("{cell}{fill}")
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn aligns_by_characters_and_escapes_markdown() {
        let mut t = Table::new(vec!["Plan".into(), "N".into()], &[1]);
        t.row(vec!["Économique".into(), "3".into()]);
        t.row(vec!["a|b".into(), "12".into()]);
        assert_eq!(
            t.to_text(),
            "  Plan         N\n  ──────────  ──\n  Économique   3\n  a|b         12\n"
        );
        assert_eq!(
            t.to_markdown(),
            "| Plan | N |\n|---|--:|\n| Économique | 3 |\n| a\\|b | 12 |\n"
        );
    }
}
