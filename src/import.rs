//! Adapters that turn public data sets into the project's CSV format (`text`, `actor`, label
//! columns), exactly reproducibly: rows in file order, nothing sampled.

use serde::Deserialize;
use std::io::Write;
use std::path::Path;

use crate::error::{Result, StanceError};

#[derive(Deserialize)]
struct MtscSentence {
    sentence_normalized: String,
    targets: Vec<MtscTarget>,
}

#[derive(Deserialize)]
struct MtscTarget {
    mention: String,
    polarity: f64,
    from: usize,
    to: usize,
    #[serde(default)]
    further_mentions: Vec<MtscMention>,
}

#[derive(Deserialize)]
struct MtscMention {
    from: usize,
    to: usize,
}

impl MtscTarget {
    /// The target's mentions as `START-END` character offsets: the labelled mention, then (with
    /// `further`) its coreferent mentions.
    fn spans(&self, further: bool) -> Vec<String> {
        let mut spans = vec![format!("{}-{}", self.from, self.to)];
        if further {
            spans.extend(
                self.further_mentions
                    .iter()
                    .map(|m| format!("{}-{}", m.from, m.to)),
            );
        }
        spans
    }
}

/// NewsMTSC JSON Lines → CSV rows `text,actor,sentiment,actor_spans,other_spans`
/// (2 = negative, 4 = neutral, 6 = positive). `actor_spans` is where the target is mentioned
/// (the data set's character offsets; with `further_mentions` also its coreferent mentions, e.g.
/// "he"), `other_spans` where the sentence's other targets are.
pub fn newsmtsc(input: &Path, further_mentions: bool, out: &mut dyn Write) -> Result<usize> {
    let text = std::fs::read_to_string(input).map_err(|e| StanceError::io(input, e))?;
    let mut w = csv::Writer::from_writer(out);
    let csv_err = |e: csv::Error| StanceError::Data(format!("writing CSV: {e}"));
    w.write_record(["text", "actor", "sentiment", "actor_spans", "other_spans"])
        .map_err(csv_err)?;
    let mut n = 0;
    for (i, line) in text.lines().enumerate() {
        if line.trim().is_empty() {
            continue;
        }
        let s: MtscSentence = serde_json::from_str(line).map_err(|e| {
            StanceError::csv(
                input,
                i as u64 + 1,
                Some(e.column()),
                format!("not a NewsMTSC record: {e}"),
            )
        })?;
        for (k, t) in s.targets.iter().enumerate() {
            let others: Vec<String> = (s.targets.iter().enumerate())
                .filter(|&(j, _)| j != k)
                .flat_map(|(_, o)| o.spans(further_mentions))
                .collect();
            let label = match t.polarity as i64 {
                2 => "negative",
                4 => "neutral",
                6 => "positive",
                p => {
                    return Err(StanceError::csv(
                        input,
                        i as u64 + 1,
                        None,
                        format!("unknown polarity {p}"),
                    ));
                }
            };
            w.write_record([
                s.sentence_normalized.as_str(),
                t.mention.as_str(),
                label,
                &t.spans(further_mentions).join(";"),
                &others.join(";"),
            ])
            .map_err(csv_err)?;
            n += 1;
        }
    }
    w.flush().map_err(|e| StanceError::io("<output>", e))?;
    Ok(n)
}

/// TweetEval stance: `DIR/{target}/{split}_text.txt` + `{split}_labels.txt` for every target
/// folder → CSV rows `text,actor,stance` with `actor` = the target topic and labels
/// none / against / favor. No `article` column: each tweet stands alone, so cross-validation
/// folds are stratified over tweets, not grouped by target.
pub fn tweeteval(dir: &Path, split: &str, out: &mut dyn Write) -> Result<usize> {
    let mut targets: Vec<_> = std::fs::read_dir(dir)
        .map_err(|e| StanceError::io(dir, e))?
        .filter_map(|e| e.ok().map(|e| e.path()))
        .filter(|p| p.is_dir())
        .collect();
    targets.sort();
    let mut w = csv::Writer::from_writer(out);
    let csv_err = |e: csv::Error| StanceError::Data(format!("writing CSV: {e}"));
    w.write_record(["text", "actor", "stance", "article"])
        .map_err(csv_err)?;
    let mut n = 0;
    for t in targets {
        let topic = t
            .file_name()
            .map(|f| f.to_string_lossy().into_owned())
            .unwrap_or_default();
        let tp = t.join(format!("{split}_text.txt"));
        let lp = t.join(format!("{split}_labels.txt"));
        let texts = std::fs::read_to_string(&tp).map_err(|e| StanceError::io(&tp, e))?;
        let labels = std::fs::read_to_string(&lp).map_err(|e| StanceError::io(&lp, e))?;
        let (texts, labels): (Vec<&str>, Vec<&str>) =
            (texts.lines().collect(), labels.lines().collect());
        if texts.len() != labels.len() {
            return Err(StanceError::Data(format!(
                "{}: {} tweets but {} labels in {}",
                tp.display(),
                texts.len(),
                labels.len(),
                lp.display()
            )));
        }
        for (i, (text, label)) in texts.iter().zip(&labels).enumerate() {
            let label = match label.trim() {
                "0" => "none",
                "1" => "against",
                "2" => "favor",
                other => {
                    return Err(StanceError::csv(
                        &lp,
                        i as u64 + 1,
                        Some(1),
                        format!("unknown label {other:?}"),
                    ));
                }
            };
            w.write_record([text.trim_end(), &topic, label, &topic])
                .map_err(csv_err)?;
            n += 1;
        }
    }
    w.flush().map_err(|e| StanceError::io("<output>", e))?;
    Ok(n)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn newsmtsc_rows_per_target_and_bad_lines_named() {
        let dir = tempfile::tempdir().unwrap();
        let p = dir.path().join("t.jsonl");
        std::fs::write(
            &p,
            r#"{"sentence_normalized": "A met B, his aide.", "targets": [{"mention": "A", "from": 0, "to": 1, "polarity": 6.0}, {"mention": "B", "from": 6, "to": 7, "polarity": 2.0, "further_mentions": [{"from": 9, "to": 12, "mention": "his"}]}]}"#,
        )
        .unwrap();
        let header = "text,actor,sentiment,actor_spans,other_spans\n";
        let mut out = Vec::new();
        assert_eq!(newsmtsc(&p, true, &mut out).unwrap(), 2);
        assert_eq!(
            String::from_utf8(out).unwrap(),
            format!(
                "{header}\"A met B, his aide.\",A,positive,0-1,6-7;9-12\n\
                 \"A met B, his aide.\",B,negative,6-7;9-12,0-1\n"
            )
        );
        let mut out = Vec::new();
        newsmtsc(&p, false, &mut out).unwrap();
        assert!(
            String::from_utf8(out)
                .unwrap()
                .ends_with(",B,negative,6-7,0-1\n")
        );
        std::fs::write(&p, "{\"sentence_normalized\": 1}\n").unwrap();
        let e = newsmtsc(&p, true, &mut Vec::new()).unwrap_err().to_string();
        assert!(e.contains("t.jsonl:1"), "{e}");
    }
}
