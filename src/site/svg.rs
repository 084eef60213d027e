//! The drawings, as inline SVG: the inverted pyramid, the capital chart and a matrix's
//! flows between members. Generated here rather than in templates because they are
//! geometry; every text in them is escaped, and each carries a title for screen readers
//! (the same facts are in tables next to them).

use std::fmt::Write;

use super::content::escape;

/// A name in a drawing, linked to its page.
pub struct Label<'a> {
    pub text: &'a str,
    pub href: String,
}

/// One band of the pyramid.
pub struct Band<'a> {
    pub label: &'a str,
    pub class: &'static str,
    pub members: Vec<Label<'a>>,
}

const W: f64 = 720.0;
const BAND_H: f64 = 84.0;
/// The narrowest band keeps this share of the width, so its names stay readable.
const TIP: f64 = 0.34;

/// The inverted pyramid: the widest band on top, one band per role.
pub fn pyramid(title: &str, bands: &[Band]) -> String {
    let h = BAND_H * bands.len() as f64;
    let mut s = String::new();
    let _ = write!(
        s,
        r#"<svg class="drawing pyramid" viewBox="0 0 {W} {h}" role="img" aria-labelledby="cs-pyramid-title"><title id="cs-pyramid-title">{}</title>"#,
        escape(title)
    );
    let half_at = |y: f64| W / 2.0 * (1.0 - (1.0 - TIP) * y / h);
    for (i, band) in bands.iter().enumerate() {
        let (y0, y1) = (i as f64 * BAND_H, (i + 1) as f64 * BAND_H);
        let (a, b) = (half_at(y0), half_at(y1));
        let c = W / 2.0;
        let _ = write!(
            s,
            r#"<g class="band {}"><polygon points="{:.1},{y0} {:.1},{y0} {:.1},{y1} {:.1},{y1}"/>"#,
            band.class,
            c - a,
            c + a,
            c + b,
            c - b
        );
        let _ = write!(
            s,
            r#"<text class="role" x="{c}" y="{:.1}" text-anchor="middle">{}</text>"#,
            y0 + 28.0,
            escape(band.label)
        );
        names_line(&mut s, &band.members, c, y0 + 56.0, 2.0 * b - 24.0);
        s.push_str("</g>");
    }
    s.push_str("</svg>");
    s
}

/// Names centred on one line, as many as fit in `width`, then "+N".
fn names_line(s: &mut String, members: &[Label], cx: f64, y: f64, width: f64) {
    const CHAR_W: f64 = 7.6;
    let mut shown = Vec::new();
    let mut used = 0.0;
    for (i, m) in members.iter().enumerate() {
        let w = (m.text.chars().count() as f64 + 2.0) * CHAR_W;
        let rest = members.len() - i - 1;
        let reserve = if rest > 0 { 4.0 * CHAR_W } else { 0.0 };
        if used + w + reserve > width && !shown.is_empty() {
            break;
        }
        used += w;
        shown.push(m);
    }
    let hidden = members.len() - shown.len();
    let total = used + if hidden > 0 { 4.0 * CHAR_W } else { 0.0 };
    let mut x = cx - total / 2.0;
    for m in shown {
        let w = (m.text.chars().count() as f64 + 2.0) * CHAR_W;
        let _ = write!(
            s,
            r#"<a href="{}"><text class="name" x="{:.1}" y="{y:.1}" text-anchor="middle">{}</text></a>"#,
            escape(&m.href),
            x + w / 2.0,
            escape(m.text)
        );
        x += w;
    }
    if hidden > 0 {
        let _ = write!(
            s,
            r#"<text class="name more" x="{:.1}" y="{y:.1}">+{hidden}</text>"#,
            x + 4.0
        );
    }
}

/// One bar of the capital chart.
pub struct Share<'a> {
    pub label: &'a str,
    pub part: f64,
    pub text: String,
}

/// Horizontal bars, one per holder, on a 0–100 % scale.
pub fn capital(title: &str, shares: &[Share]) -> String {
    const ROW: f64 = 30.0;
    const LABEL_W: f64 = 200.0;
    const BAR_W: f64 = 400.0;
    let h = ROW * shares.len() as f64 + 8.0;
    let mut s = format!(
        r#"<svg class="drawing capital" viewBox="0 0 {} {h}" role="img" aria-labelledby="cs-capital-title"><title id="cs-capital-title">{}</title>"#,
        LABEL_W + BAR_W + 70.0,
        escape(title)
    );
    for (i, share) in shares.iter().enumerate() {
        let y = i as f64 * ROW + 4.0;
        let w = BAR_W * share.part.clamp(0.0, 100.0) / 100.0;
        let _ = write!(
            s,
            r#"<text x="{:.1}" y="{:.1}" text-anchor="end">{}</text><rect class="track" x="{LABEL_W}" y="{y:.1}" width="{BAR_W}" height="20" rx="3"/><rect class="bar bar-{}" x="{LABEL_W}" y="{y:.1}" width="{w:.1}" height="20" rx="3"/><text x="{:.1}" y="{:.1}">{}</text>"#,
            LABEL_W - 10.0,
            y + 15.0,
            escape(share.label),
            i % 8,
            LABEL_W + w + 8.0,
            y + 15.0,
            escape(&share.text)
        );
    }
    s.push_str("</svg>");
    s
}

/// The flows from one member to another, gathered.
pub struct Arrow {
    pub from: usize,
    pub to: usize,
    pub material: bool,
    pub qualitative_only: bool,
    pub title: String,
}

/// Members on a circle, one curved arrow per direction between two of them.
pub fn flows(title: &str, nodes: &[Label], arrows: &[Arrow]) -> String {
    const CX: f64 = 360.0;
    const CY: f64 = 250.0;
    const R: f64 = 170.0;
    const NODE_R: f64 = 22.0;
    let n = nodes.len().max(1) as f64;
    let pos = |i: usize| {
        let angle = -std::f64::consts::FRAC_PI_2 + std::f64::consts::TAU * i as f64 / n;
        (CX + R * angle.cos(), CY + R * angle.sin(), angle)
    };
    let mut s = format!(
        r#"<svg class="drawing flows" viewBox="0 0 720 500" role="img" aria-labelledby="cs-flows-title"><title id="cs-flows-title">{}</title><defs><marker id="cs-arrow-m" class="arrow-m" viewBox="0 0 10 10" refX="9" refY="5" markerWidth="7" markerHeight="7" orient="auto-start-reverse"><path d="M0,0 L10,5 L0,10 z"/></marker><marker id="cs-arrow-i" class="arrow-i" viewBox="0 0 10 10" refX="9" refY="5" markerWidth="7" markerHeight="7" orient="auto-start-reverse"><path d="M0,0 L10,5 L0,10 z"/></marker></defs>"#,
        escape(title)
    );
    for a in arrows {
        let ((x1, y1, _), (x2, y2, _)) = (pos(a.from), pos(a.to));
        let (dx, dy) = (x2 - x1, y2 - y1);
        let len = (dx * dx + dy * dy).sqrt().max(1.0);
        let (ux, uy) = (dx / len, dy / len);
        // Bend to the left of the direction, so a→b and b→a do not overlap.
        let (mx, my) = ((x1 + x2) / 2.0 - uy * 40.0, (y1 + y2) / 2.0 + ux * 40.0);
        let (sx, sy) = (x1 + ux * NODE_R, y1 + uy * NODE_R);
        let (ex, ey) = (x2 - ux * (NODE_R + 4.0), y2 - uy * (NODE_R + 4.0));
        let (class, marker) = if a.material {
            ("flow material", "cs-arrow-m")
        } else {
            ("flow immaterial", "cs-arrow-i")
        };
        let dash = if a.qualitative_only {
            " qualitative"
        } else {
            ""
        };
        let _ = write!(
            s,
            r#"<path class="{class}{dash}" d="M{sx:.1},{sy:.1} Q{mx:.1},{my:.1} {ex:.1},{ey:.1}" marker-end="url(#{marker})"><title>{}</title></path>"#,
            escape(&a.title)
        );
    }
    for (i, node) in nodes.iter().enumerate() {
        let (x, y, angle) = pos(i);
        let (lx, ly) = (
            x + (NODE_R + 8.0) * angle.cos(),
            y + (NODE_R + 8.0) * angle.sin(),
        );
        let anchor = if angle.cos() > 0.3 {
            "start"
        } else if angle.cos() < -0.3 {
            "end"
        } else {
            "middle"
        };
        let ly = if anchor == "middle" {
            ly + if angle.sin() > 0.0 { 14.0 } else { -4.0 }
        } else {
            ly + 5.0
        };
        let _ = write!(
            s,
            r#"<a href="{}"><circle class="node" cx="{x:.1}" cy="{y:.1}" r="{NODE_R}"/><text class="node-label" x="{lx:.1}" y="{ly:.1}" text-anchor="{anchor}">{}</text></a>"#,
            escape(&node.href),
            escape(node.text)
        );
    }
    s.push_str("</svg>");
    s
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn drawings_escape_their_text() {
        let bands = [Band {
            label: "<b>",
            class: "r0",
            members: vec![Label {
                text: "<script>",
                href: "x\"y".into(),
            }],
        }];
        let svg = pyramid("t", &bands);
        assert!(!svg.contains("<script>") && !svg.contains("<b>") && !svg.contains("x\"y"));
        let svg = flows(
            "t",
            &[
                Label {
                    text: "a",
                    href: "a".into(),
                },
                Label {
                    text: "b",
                    href: "b".into(),
                },
            ],
            &[Arrow {
                from: 0,
                to: 1,
                material: true,
                qualitative_only: false,
                title: "<i>".into(),
            }],
        );
        assert!(svg.contains("&lt;i&gt;") && svg.contains("<path class=\"flow material\""));
    }
}
