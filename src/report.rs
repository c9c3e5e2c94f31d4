//! Reports for people: a self-contained HTML evaluation report (per-class table, confusion
//! heat map, reliability plot, worst errors) and an HTML view of a classified article. Plots are
//! drawn with `plotters` as inline SVG: no JavaScript, nothing to download.

use plotters::prelude::*;
use serde::Serialize;
use std::fmt::Write as _;

use crate::article::{ArticleResult, NEUTRAL};
use crate::eval::Metrics;

/// One scored row, for calibration and error listings.
#[derive(Debug, Clone, Serialize)]
pub struct ScoredRow {
    /// The sentence.
    pub text: String,
    /// The actor.
    pub actor: String,
    /// True label.
    pub truth: String,
    /// Predicted label.
    pub predicted: String,
    /// Confidence of the prediction.
    pub confidence: f64,
    /// Probability of every label, in the order of the evaluation's label list.
    pub probabilities: Vec<f64>,
    /// Where the row came from (file, line).
    pub origin: (String, u64),
    /// The cross-validation fold it was held out in (under `--cv`).
    pub fold: Option<usize>,
}

/// Escapes text for HTML.
pub fn escape(s: &str) -> String {
    let mut out = String::with_capacity(s.len());
    for c in s.chars() {
        match c {
            '&' => out.push_str("&amp;"),
            '<' => out.push_str("&lt;"),
            '>' => out.push_str("&gt;"),
            '"' => out.push_str("&quot;"),
            _ => out.push(c),
        }
    }
    out
}

/// Colour of a stance label (also used in article views).
pub fn stance_colour(label: &str) -> &'static str {
    match label {
        "supports" | "favor" | "positive" => "#1b9e77",
        "opposes" | "against" | "negative" => "#d95f02",
        "regrets" => "#7570b3",
        _ => "#888888",
    }
}

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

const STYLE: &str = "body{font-family:sans-serif;max-width:1100px;margin:2em auto;color:#222}\
table{border-collapse:collapse;margin:1em 0}td,th{border:1px solid #ccc;padding:4px 10px;text-align:right}\
th{background:#f2f2f2}td.l{text-align:left}.m{padding:1px 3px;border-radius:3px;color:#fff}\
.ev{text-decoration:underline}.plots{display:flex;gap:2em;flex-wrap:wrap}";

/// A self-contained HTML evaluation report.
pub fn evaluation_html(title: &str, m: &Metrics, rows: &[ScoredRow], worst: usize) -> String {
    let mut h = html_head(title);
    let _ = write!(
        h,
        "<h1>{}</h1><p id=\"summary\">{} rows · accuracy <b>{:.3}</b> · macro-F1 <b>{:.3}</b></p>",
        escape(title),
        m.n,
        m.accuracy,
        m.macro_f1
    );
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

/// An article as HTML: each actor mention coloured by the actor's stance in that sentence,
/// evidence sentences (non-neutral) underlined, and a legend table of actors.
pub fn article_html(result: &ArticleResult) -> String {
    let mut sentences: std::collections::BTreeMap<usize, (String, Vec<(String, String)>)> =
        Default::default();
    for a in &result.actors {
        for e in &a.evidence {
            let entry = sentences
                .entry(e.sentence)
                .or_insert_with(|| (e.text.to_string(), Vec::new()));
            entry.1.push((e.mention.clone(), e.stance.clone()));
        }
    }
    let mut h = format!(
        "<article><h2>{}</h2><table class=\"actors\"><tr><th>actor</th><th>kind</th><th>stance</th><th>confidence</th><th>mentions</th></tr>",
        escape(&result.article)
    );
    for a in &result.actors {
        let _ = write!(
            h,
            "<tr><td class=\"l\">{}</td><td class=\"l\">{:?}</td><td class=\"l\"><span class=\"m\" style=\"background:{}\">{}</span></td><td>{:.2}</td><td class=\"l\">{}</td></tr>",
            escape(&a.actor),
            a.kind,
            stance_colour(&a.stance),
            escape(&a.stance),
            a.confidence,
            escape(&a.mentions.join(", "))
        );
    }
    h += "</table>";
    for (text, marks) in sentences.values() {
        let evidence = marks.iter().any(|(_, st)| st != NEUTRAL);
        let _ = write!(
            h,
            "<p{}>{}</p>",
            if evidence { " class=\"ev\"" } else { "" },
            mark_mentions(text, marks)
        );
    }
    h += "</article>";
    h
}

/// `text` with each mention (longest first, no overlaps) coloured by its stance.
fn mark_mentions(text: &str, marks: &[(String, String)]) -> String {
    let mut marks = marks.to_vec();
    marks.sort_by_key(|(m, _)| std::cmp::Reverse(m.len()));
    let mut spans: Vec<(std::ops::Range<usize>, &str)> = Vec::new();
    for (mention, stance) in &marks {
        for r in crate::features::find_whole_word(text, mention) {
            if !spans
                .iter()
                .any(|(s, _)| crate::actors::span::overlaps(s, &r))
            {
                spans.push((r, stance.as_str()));
            }
        }
    }
    spans.sort_by_key(|(r, _)| r.start);
    let mut out = String::new();
    let mut at = 0;
    for (r, stance) in spans {
        out += &escape(&text[at..r.start]);
        let _ = write!(
            out,
            "<span class=\"m\" style=\"background:{}\" title=\"{}\">{}</span>",
            stance_colour(stance),
            escape(stance),
            escape(&text[r.clone()])
        );
        at = r.end;
    }
    out + &escape(&text[at..])
}

/// Start of an HTML page (`classify --format html` streams articles between head and tail).
pub fn html_head(title: &str) -> String {
    format!(
        "<!doctype html><html><head><meta charset=\"utf-8\"><title>{}</title><style>{STYLE}</style></head><body>\n",
        escape(title)
    )
}
/// End of that page.
pub const HTML_TAIL: &str = "</body></html>\n";

/// A self-contained HTML report of article-level scoring: pair scores, misses and spurious
/// pairs, and every article with its actors highlighted by stance.
pub fn articles_html(
    title: &str,
    scores: &crate::eval::PairScores,
    articles: &[ArticleResult],
) -> String {
    let mut h = html_head(title);
    let _ = write!(
        h,
        "<h1>{}</h1><p id=\"summary\">gold pairs {} · predicted {} · correct {} · precision <b>{:.3}</b> · recall <b>{:.3}</b> · F1 <b>{:.3}</b></p>",
        escape(title),
        scores.gold,
        scores.predicted,
        scores.correct,
        scores.precision,
        scores.recall,
        scores.f1
    );
    for (name, pairs) in [
        ("Missed (gold, not predicted)", &scores.missed),
        ("Spurious (predicted, not gold)", &scores.spurious),
    ] {
        let _ = write!(
            h,
            "<h2>{name}</h2><table><tr><th>article</th><th>actor</th><th>stance</th></tr>"
        );
        for (a, actor, st) in pairs.iter() {
            let _ = write!(
                h,
                "<tr><td class=\"l\">{}</td><td class=\"l\">{}</td><td class=\"l\">{}</td></tr>",
                escape(a),
                escape(actor),
                escape(st)
            );
        }
        h += "</table>";
    }
    for a in articles {
        h += &article_html(a);
    }
    h + HTML_TAIL
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn escapes_and_marks_longest_mention_first() {
        assert_eq!(escape("<a & \"b\">"), "&lt;a &amp; &quot;b&quot;&gt;");
        let html = mark_mentions(
            "Sergei Lavrov met Lavrov's aide <x>.",
            &[
                ("Lavrov".into(), "supports".into()),
                ("Sergei Lavrov".into(), "regrets".into()),
            ],
        );
        assert!(html.starts_with(
            "<span class=\"m\" style=\"background:#7570b3\" title=\"regrets\">Sergei Lavrov</span>"
        ));
        assert_eq!(html.matches("<span").count(), 2);
        assert!(html.ends_with("aide &lt;x&gt;."));
    }

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
