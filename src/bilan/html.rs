//! The bilan as an accessible HTML fragment for the site's "Bilan" page: the same sections
//! as the text, real tables with headers, and small inline SVG charts (coverage per plan,
//! flows per member) that carry a title and a text description. Every text is escaped.

use std::fmt::Write;

use super::layout::{layout, Block, Section};
use super::table::Table;
use super::{Bilan, FlowTotal};
use crate::i18n::bilan::{self as words, BilanText as B};
use crate::i18n::Lang;

const LABEL_WIDTH: f64 = 210.0;
const BAR_WIDTH: f64 = 320.0;
const ROW: f64 = 22.0;

/// Renders the bilan in language `l` (the site's) as one `<section class="bilan">`.
pub fn html_fragment(bilan: &Bilan, l: Lang) -> String {
    let doc = layout(bilan, l);
    let mut out = format!(
        "<section class=\"bilan\" lang=\"{}\" aria-labelledby=\"bilan-title\">\n<h1 id=\"bilan-title\">{}</h1>\n",
        l.code(),
        esc(&doc.title)
    );
    for section in &doc.sections {
        out.push_str(&render_section(bilan, section, l));
    }
    out.push_str("</section>\n");
    out
}

fn render_section(bilan: &Bilan, section: &Section, l: Lang) -> String {
    let mut out = format!(
        "<section class=\"bilan-section\" id=\"bilan-{id}\" aria-labelledby=\"bilan-{id}-title\">\n<h2 id=\"bilan-{id}-title\">{}</h2>\n",
        esc(&section.title),
        id = section.id
    );
    for block in &section.blocks {
        match block {
            Block::Para(text) => {
                let _ = writeln!(out, "<p>{}</p>", esc(text));
            }
            Block::Table(title, table) => out.push_str(&render_table(title.as_deref(), table)),
            Block::CoverageChart => out.push_str(&coverage_chart(bilan, l)),
            Block::FlowCharts => out.push_str(&flow_charts(bilan, l)),
        }
    }
    out.push_str("</section>\n");
    out
}

fn render_table(title: Option<&str>, table: &Table) -> String {
    let mut out = String::from("<table>\n");
    if let Some(title) = title {
        let _ = writeln!(out, "<caption>{}</caption>", esc(title));
    }
    out.push_str("<thead><tr>");
    for (cell, numeric) in table.head.iter().zip(&table.numeric) {
        let _ = write!(
            out,
            "<th scope=\"col\"{}>{}</th>",
            class(*numeric),
            esc(cell)
        );
    }
    out.push_str("</tr></thead>\n<tbody>\n");
    for row in &table.rows {
        out.push_str("<tr>");
        for (i, (cell, numeric)) in row.iter().zip(&table.numeric).enumerate() {
            let tag = if i == 0 { "th scope=\"row\"" } else { "td" };
            let close = if i == 0 { "th" } else { "td" };
            let _ = write!(out, "<{tag}{}>{}</{close}>", class(*numeric), esc(cell));
        }
        out.push_str("</tr>\n");
    }
    out.push_str("</tbody>\n</table>\n");
    out
}

fn class(numeric: bool) -> &'static str {
    if numeric {
        " class=\"num\""
    } else {
        ""
    }
}

/// One bar segment of a chart: a value, a CSS class and its colour.
struct Segment<'a> {
    value: f64,
    class: &'a str,
    color: &'a str,
    /// The value as written next to a grouped bar.
    value_text: String,
    label: String,
}

/// A horizontal bar chart: one row per label, each row a stack of segments.
struct Chart<'a> {
    id: String,
    title: String,
    rows: Vec<(String, Vec<Segment<'a>>)>,
    /// Draw the segments of a row side by side (grouped) instead of stacked.
    grouped: bool,
    legend: Vec<Segment<'a>>,
}

fn coverage_chart(bilan: &Bilan, l: Lang) -> String {
    let statuts = [
        ("adopte", "#2e7d32", B::Adopted),
        ("propose", "#f9a825", B::Proposed),
        ("abroge", "#757575", B::Repealed),
    ];
    let rows = bilan
        .plans
        .iter()
        .map(|p| {
            let values = [p.counts.adopte, p.counts.propose, p.counts.abroge];
            let segments = statuts
                .iter()
                .zip(values)
                .map(|((class, color, name), v)| Segment {
                    value: v as f64,
                    class,
                    color,
                    value_text: v.to_string(),
                    label: words::labelled(l, &name.text_in(l), &v.to_string()),
                })
                .collect();
            (p.titre.clone(), segments)
        })
        .collect();
    let legend = statuts
        .iter()
        .map(|(class, color, name)| Segment {
            value: 0.0,
            class,
            color,
            value_text: String::new(),
            label: name.text_in(l),
        })
        .collect();
    render_chart(&Chart {
        id: "bilan-chart-coverage".into(),
        title: B::CoverageChart.text_in(l),
        rows,
        grouped: false,
        legend,
    })
}

fn flow_charts(bilan: &Bilan, l: Lang) -> String {
    let mut units: Vec<&str> = bilan.flows.iter().map(|f| f.unit.as_str()).collect();
    units.sort_unstable();
    units.dedup();
    units
        .iter()
        .enumerate()
        .map(|(i, unit)| {
            let flows: Vec<&FlowTotal> = bilan.flows.iter().filter(|f| f.unit == *unit).collect();
            flow_chart(i, unit, &flows, l)
        })
        .collect()
}

fn flow_chart(index: usize, unit: &str, flows: &[&FlowTotal], l: Lang) -> String {
    let given = B::Given.text_in(l);
    let received = B::Received.text_in(l);
    let segment = |value: f64, given_side: bool| Segment {
        value,
        class: if given_side { "given" } else { "received" },
        color: if given_side { "#1565c0" } else { "#ef6c00" },
        value_text: words::number(l, value),
        label: words::labelled(
            l,
            if given_side { &given } else { &received },
            &format!("{} {unit}", words::number(l, value)),
        ),
    };
    let rows = flows
        .iter()
        .map(|f| {
            (
                f.member.clone(),
                vec![segment(f.given, true), segment(f.received, false)],
            )
        })
        .collect();
    let mut legend = vec![segment(0.0, true), segment(0.0, false)];
    legend[0].label = given.clone();
    legend[1].label = received.clone();
    render_chart(&Chart {
        id: format!("bilan-chart-flows-{index}"),
        title: B::FlowsChart { unit }.text_in(l),
        rows,
        grouped: true,
        legend,
    })
}

fn render_chart(chart: &Chart<'_>) -> String {
    let per_row = if chart.grouped { 2.0 } else { 1.0 };
    let row_height = ROW * per_row - if chart.grouped { 6.0 } else { 0.0 };
    let height = chart.rows.len() as f64 * (row_height + 6.0) + 30.0;
    let width = LABEL_WIDTH + BAR_WIDTH + 90.0;
    let max = chart
        .rows
        .iter()
        .map(|(_, segs)| {
            if chart.grouped {
                segs.iter().map(|s| s.value).fold(0.0, f64::max)
            } else {
                segs.iter().map(|s| s.value).sum()
            }
        })
        .fold(0.0, f64::max);
    let scale = if max > 0.0 { BAR_WIDTH / max } else { 0.0 };
    let desc: Vec<String> = chart
        .rows
        .iter()
        .map(|(label, segs)| {
            let parts: Vec<&str> = segs.iter().map(|s| s.label.as_str()).collect();
            format!("{label} — {}", parts.join(", "))
        })
        .collect();
    let mut out = format!(
        "<figure class=\"bilan-chart\">\n<svg xmlns=\"http://www.w3.org/2000/svg\" role=\"img\" aria-labelledby=\"{id}-title {id}-desc\" viewBox=\"0 0 {width} {height}\" width=\"{width}\" height=\"{height}\" font-size=\"12\">\n<title id=\"{id}-title\">{}</title>\n<desc id=\"{id}-desc\">{}</desc>\n",
        esc(&chart.title),
        esc(&desc.join(". ")),
        id = chart.id
    );
    let mut y = 4.0;
    for (label, segs) in &chart.rows {
        out.push_str(&chart_row(label, segs, y, row_height, scale, chart.grouped));
        y += row_height + 6.0;
    }
    out.push_str(&legend(&chart.legend, y + 8.0));
    let _ = write!(
        out,
        "</svg>\n<figcaption>{}</figcaption>\n</figure>\n",
        esc(&chart.title)
    );
    out
}

fn chart_row(
    label: &str,
    segs: &[Segment<'_>],
    y: f64,
    height: f64,
    scale: f64,
    grouped: bool,
) -> String {
    let short = shorten(label, 30);
    let mut out = format!(
        "<text x=\"0\" y=\"{:.1}\" dominant-baseline=\"middle\"><title>{}</title>{}</text>\n",
        y + height / 2.0,
        esc(label),
        esc(&short)
    );
    let bar_height = if grouped {
        (height - 2.0) / 2.0
    } else {
        height - 4.0
    };
    let mut x = LABEL_WIDTH;
    for (i, seg) in segs.iter().enumerate() {
        let w = seg.value * scale;
        let (sx, sy) = if grouped {
            (LABEL_WIDTH, y + i as f64 * (bar_height + 2.0))
        } else {
            (x, y + 2.0)
        };
        if w > 0.0 {
            let _ = writeln!(
                out,
                "<rect class=\"{}\" x=\"{sx:.1}\" y=\"{sy:.1}\" width=\"{w:.1}\" height=\"{bar_height:.1}\" fill=\"{}\"><title>{}</title></rect>",
                seg.class,
                seg.color,
                esc(&seg.label)
            );
        }
        if grouped {
            let _ = writeln!(
                out,
                "<text x=\"{:.1}\" y=\"{:.1}\" dominant-baseline=\"middle\" font-size=\"10\">{}</text>",
                sx + w + 4.0,
                sy + bar_height / 2.0,
                esc(&seg.value_text)
            );
        }
        x += w;
    }
    if !grouped {
        let total: f64 = segs.iter().map(|s| s.value).sum();
        let _ = writeln!(
            out,
            "<text x=\"{:.1}\" y=\"{:.1}\" dominant-baseline=\"middle\">{total}</text>",
            x + 4.0,
            y + height / 2.0
        );
    }
    out
}

fn legend(items: &[Segment<'_>], y: f64) -> String {
    let mut out = String::new();
    let mut x = LABEL_WIDTH;
    for item in items {
        let _ = writeln!(
            out,
            "<rect x=\"{x:.1}\" y=\"{:.1}\" width=\"10\" height=\"10\" fill=\"{}\"/><text x=\"{:.1}\" y=\"{y:.1}\" dominant-baseline=\"middle\">{}</text>",
            y - 5.0,
            item.color,
            x + 14.0,
            esc(&item.label)
        );
        x += 24.0 + item.label.chars().count() as f64 * 7.0;
    }
    out
}

fn shorten(text: &str, max: usize) -> String {
    if text.chars().count() <= max {
        return text.to_string();
    }
    let mut out: String = text.chars().take(max - 1).collect();
    out.push('…');
    out
}

pub(super) use crate::html::escape as esc;

#[cfg(test)]
mod tests {
    use super::*;
    use crate::bilan::{compute, Duration};
    use crate::load::source::DirSource;

    fn fixture_bilan() -> Bilan {
        let dir = concat!(env!("CARGO_MANIFEST_DIR"), "/tests/fixtures/bilan/org");
        let loaded = crate::load::load(&DirSource::new(dir)).expect("fixture loads");
        let repo = crate::validate::check(loaded, None).repo;
        compute(&repo, None, 1_740_830_400, Duration::Months(12))
    }

    #[test]
    fn escapes_every_text_and_draws_labelled_charts() {
        let mut bilan = fixture_bilan();
        bilan.organisation = "A & B <script>".into();
        let html = html_fragment(&bilan, Lang::En);
        assert!(html.contains("A &amp; B &lt;script&gt;"));
        assert!(!html.contains("<script>"));
        assert!(html.contains("Location de la salle &lt;grande&gt;"));
        assert!(!html.contains("<grande>"));
        assert_eq!(html.matches("<svg ").count(), 3, "coverage, EUR, heure");
        assert_eq!(html.matches("role=\"img\"").count(), 3);
        assert!(html.contains(
            "<desc id=\"bilan-chart-coverage-desc\">Social et humain — Adopted: 3, Proposed: 0, Repealed: 1. Économique"
        ));
        assert!(html.contains(
            "<title id=\"bilan-chart-flows-0-title\">Given and received per member (EUR)</title>"
        ));
        assert!(
            html.contains("<th scope=\"row\">coop</th><td>EUR</td><td class=\"num\">1,700.5</td>")
        );
        assert_eq!(
            html.matches("<section").count(),
            html.matches("</section>").count()
        );
        assert_eq!(
            html.matches("<table>").count(),
            html.matches("</table>").count()
        );
    }

    #[test]
    fn speaks_the_site_language_whatever_the_terminal() {
        let html = html_fragment(&fixture_bilan(), Lang::Fr);
        assert!(html.starts_with("<section class=\"bilan\" lang=\"fr\""));
        assert!(html.contains("<h2 id=\"bilan-coverage-title\">Couverture</h2>"));
        assert!(html.contains("Historique git indisponible"));
    }

    #[test]
    fn long_labels_are_shortened_but_kept_in_full_in_a_tooltip() {
        assert_eq!(shorten("abcdef", 4), "abc…");
        assert_eq!(shorten("abc", 4), "abc");
        let row = chart_row(
            "Un plan au titre vraiment beaucoup trop long",
            &[],
            0.0,
            20.0,
            1.0,
            false,
        );
        assert!(row.contains("<title>Un plan au titre vraiment beaucoup trop long</title>Un plan au titre vraiment bea…"));
    }
}
