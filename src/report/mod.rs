//! Reports for people: an HTML view of classified articles and of article-level scoring, and
//! (with the `plots` feature, on in the CLI) a self-contained HTML evaluation report with its
//! SVG plots.

#[cfg(feature = "plots")]
mod plots;
#[cfg(feature = "plots")]
pub use plots::{confusion_svg, evaluation_html, reliability_svg};

use serde::Serialize;
use std::fmt::Write as _;

use crate::article::{ArticleResult, NEUTRAL};

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

/// The pages' style sheet.
const STYLE: &str = "body{font-family:sans-serif;max-width:1100px;margin:2em auto;color:#222}\
table{border-collapse:collapse;margin:1em 0}td,th{border:1px solid #ccc;padding:4px 10px;text-align:right}\
th{background:#f2f2f2}td.l{text-align:left}.m{padding:1px 3px;border-radius:3px;color:#fff}\
.ev{text-decoration:underline}.plots{display:flex;gap:2em;flex-wrap:wrap}";

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
pub(crate) fn mark_mentions(text: &str, marks: &[(String, String)]) -> String {
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
/// Start of a report page: head, the title as a heading, and the summary line (HTML).
pub(crate) fn page_start(title: &str, summary: &str) -> String {
    format!(
        "{}<h1>{}</h1><p id=\"summary\">{summary}</p>",
        html_head(title),
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
    let summary = format!(
        "gold pairs {} · predicted {} · correct {} · precision <b>{:.3}</b> · recall <b>{:.3}</b> · F1 <b>{:.3}</b>",
        scores.gold, scores.predicted, scores.correct, scores.precision, scores.recall, scores.f1
    );
    let mut h = page_start(title, &summary);
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
}
