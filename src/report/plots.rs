//! The HTML evaluation report (per-class table, confusion heat map, reliability plot, worst
//! errors). Plots are drawn with `plotters` as inline SVG: no JavaScript, nothing to download.

use plotters::prelude::*;
use std::fmt::Write as _;

use super::{HTML_TAIL, ScoredRow, escape, mark_mentions, page_start};
use crate::eval::Metrics;

/// Confusion matrix heat map as SVG.
pub fn confusion_svg(m: &Metrics) -> String {
    let labels: Vec<&String> = m.per_class.keys().collect();
    let k = labels.len().max(1);
    let mut svg = String::new();
    {
        let root = SVGBackend::with_string(&mut svg, (120 + 90 * k as u32, 80 + 60 * k as u32))
            .into_drawing_area();
        let _ = root.fill(&WHITE);
        let max = m
            .confusion
            .values()
            .flat_map(|r| r.values())
            .copied()
            .max()
            .unwrap_or(1)
            .max(1) as f64;
        for (i, t) in labels.iter().enumerate() {
            let _ = root.draw(&Text::new(
                t.to_string(),
                (5, 60 + 60 * i as i32 + 22),
                ("sans-serif", 14).into_font(),
            ));
            for (j, p) in labels.iter().enumerate() {
                let v = m
                    .confusion
                    .get(*t)
                    .and_then(|r| r.get(*p))
                    .copied()
                    .unwrap_or(0);
                let shade = 255 - (200.0 * v as f64 / max) as u8;
                let (x, y) = (110 + 90 * j as i32, 60 + 60 * i as i32);
                let _ = root.draw(&Rectangle::new(
                    [(x, y), (x + 88, y + 58)],
                    RGBColor(shade, shade, 255).filled(),
                ));
                let colour = if shade < 130 { &WHITE } else { &BLACK };
                let _ = root.draw(&Text::new(
                    v.to_string(),
                    (x + 30, y + 22),
                    ("sans-serif", 16).into_font().color(colour),
                ));
            }
        }
        for (j, p) in labels.iter().enumerate() {
            let _ = root.draw(&Text::new(
                p.to_string(),
                (115 + 90 * j as i32, 35),
                ("sans-serif", 14).into_font(),
            ));
        }
        let _ = root.draw(&Text::new(
            "predicted →",
            (110, 10),
            ("sans-serif", 13).into_font(),
        ));
        let _ = root.present();
    }
    svg
}

/// Reliability (calibration) diagram as SVG: accuracy per confidence bin against the diagonal.
pub fn reliability_svg(rows: &[ScoredRow], bins: usize) -> String {
    let mut hits = vec![(0usize, 0usize, 0.0f64); bins];
    for r in rows {
        let b = ((r.confidence * bins as f64) as usize).min(bins - 1);
        hits[b].0 += 1;
        hits[b].1 += usize::from(r.truth == r.predicted);
        hits[b].2 += r.confidence;
    }
    let mut svg = String::new();
    {
        let root = SVGBackend::with_string(&mut svg, (460, 400)).into_drawing_area();
        let _ = root.fill(&WHITE);
        if let Ok(mut chart) = ChartBuilder::on(&root)
            .caption("Reliability: accuracy by confidence", ("sans-serif", 16))
            .margin(12)
            .x_label_area_size(36)
            .y_label_area_size(44)
            .build_cartesian_2d(0.0f64..1.0, 0.0f64..1.0)
        {
            let _ = chart
                .configure_mesh()
                .x_desc("confidence")
                .y_desc("accuracy")
                .draw();
            let _ = chart.draw_series(LineSeries::new(
                vec![(0.0, 0.0), (1.0, 1.0)],
                BLACK.mix(0.4),
            ));
            let points: Vec<(f64, f64)> = hits
                .iter()
                .filter(|h| h.0 > 0)
                .map(|h| (h.2 / h.0 as f64, h.1 as f64 / h.0 as f64))
                .collect();
            let _ = chart.draw_series(LineSeries::new(points.clone(), BLUE.stroke_width(2)));
            let _ = chart.draw_series(points.iter().map(|&p| Circle::new(p, 4, BLUE.filled())));
        }
        let _ = root.present();
    }
    svg
}

/// A self-contained HTML evaluation report.
pub fn evaluation_html(title: &str, m: &Metrics, rows: &[ScoredRow], worst: usize) -> String {
    let summary = format!(
        "{} rows · accuracy <b>{:.3}</b> · macro-F1 <b>{:.3}</b>",
        m.n, m.accuracy, m.macro_f1
    );
    let mut h = page_start(title, &summary);
    h += "<h2>Per class</h2><table id=\"per-class\"><tr><th>label</th><th>precision</th><th>recall</th><th>F1</th><th>support</th></tr>";
    for (l, c) in &m.per_class {
        let _ = write!(
            h,
            "<tr><td class=\"l\">{}</td><td>{:.3}</td><td>{:.3}</td><td>{:.3}</td><td>{}</td></tr>",
            escape(l),
            c.precision,
            c.recall,
            c.f1,
            c.support
        );
    }
    h += "</table><div class=\"plots\"><div><h2>Confusion matrix</h2>";
    h += &confusion_svg(m);
    h += "</div><div><h2>Calibration</h2>";
    h += &reliability_svg(rows, 10);
    h += "</div></div><h2>Most confident errors</h2><table id=\"errors\"><tr><th>confidence</th><th>true</th><th>predicted</th><th>actor</th><th>sentence</th></tr>";
    let mut errors: Vec<&ScoredRow> = rows.iter().filter(|r| r.truth != r.predicted).collect();
    errors.sort_by(|a, b| b.confidence.total_cmp(&a.confidence));
    for r in errors.iter().take(worst) {
        let _ = write!(
            h,
            "<tr><td>{:.2}</td><td class=\"l\">{}</td><td class=\"l\">{}</td><td class=\"l\">{}</td><td class=\"l\">{}</td></tr>",
            r.confidence,
            escape(&r.truth),
            escape(&r.predicted),
            escape(&r.actor),
            highlight(&r.text, &r.actor, &r.predicted)
        );
    }
    h += "</table>";
    h + HTML_TAIL
}

/// `text` with each whole-word occurrence of `mention` highlighted in the colour of `label`.
fn highlight(text: &str, mention: &str, label: &str) -> String {
    mark_mentions(text, &[(mention.to_string(), label.to_string())])
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn confusion_svg_shows_every_count() {
        let labels = ["a".to_string(), "b".to_string()];
        let m = Metrics::compute(&labels, &[0, 0, 1], &[0, 1, 1]);
        let svg = confusion_svg(&m);
        assert!(
            svg.starts_with("<svg") && svg.contains("\n1\n") && svg.contains("\n0\n"),
            "{svg}"
        );
    }
}
