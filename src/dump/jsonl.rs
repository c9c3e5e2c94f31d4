//! JSON Lines dumps: one JSON object per line; blank lines are skipped.

use serde_json::{Map, Value};
use std::path::PathBuf;

use super::{DumpOptions, DumpRecord, Source, decode};
use crate::error::{Result, StanceError};

/// The records of a JSON Lines source, one line in memory at a time.
pub(super) struct JsonlRecords {
    reader: Source,
    path: PathBuf,
    opts: DumpOptions,
    line: u64,
    buf: Vec<u8>,
    done: bool,
}

impl JsonlRecords {
    pub(super) fn new(reader: Source, path: PathBuf, opts: DumpOptions) -> Self {
        JsonlRecords {
            reader,
            path,
            opts,
            line: 0,
            buf: Vec::new(),
            done: false,
        }
    }

    fn bad(&self, column: Option<usize>, message: impl Into<String>) -> StanceError {
        StanceError::record(&self.path, self.line, column, message)
    }

    fn parse(&self, bytes: &[u8]) -> Result<DumpRecord> {
        let line = decode(bytes, self.opts.lossy).map_err(|m| self.bad(None, m))?;
        let object: Map<String, Value> = serde_json::from_str(&line).map_err(|e| {
            let message = match e.classify() {
                serde_json::error::Category::Data => "expected a JSON object".to_string(),
                _ => {
                    let full = e.to_string();
                    let place = format!(" at line {} column {}", e.line(), e.column());
                    format!(
                        "invalid JSON: {}",
                        full.strip_suffix(&place).unwrap_or(&full)
                    )
                }
            };
            self.bad(Some(e.column()), message)
        })?;
        let field = |name: &str| -> Result<String> {
            match object.get(name) {
                Some(Value::String(s)) => Ok(s.clone()),
                Some(Value::Number(n)) => Ok(n.to_string()),
                None => Err(self.bad(None, format!("no {name:?} field"))),
                Some(other) => Err(self.bad(
                    None,
                    format!("field {name:?} is {}, not a string", kind(other)),
                )),
            }
        };
        Ok(DumpRecord {
            id: field(&self.opts.id_field)?,
            text: field(&self.opts.text_field)?,
            kept: self
                .opts
                .keep_fields
                .iter()
                .map(|f| (f.clone(), object.get(f).cloned().unwrap_or(Value::Null)))
                .collect(),
        })
    }
}

fn kind(v: &Value) -> &'static str {
    match v {
        Value::Null => "null",
        Value::Bool(_) => "a boolean",
        Value::Number(_) => "a number",
        Value::String(_) => "a string",
        Value::Array(_) => "an array",
        Value::Object(_) => "an object",
    }
}

impl Iterator for JsonlRecords {
    type Item = Result<DumpRecord>;

    fn next(&mut self) -> Option<Self::Item> {
        while !self.done {
            self.buf.clear();
            match self.reader.read_until(b'\n', &mut self.buf) {
                Ok(0) => self.done = true,
                Ok(_) => {
                    self.line += 1;
                    let bytes = std::mem::take(&mut self.buf);
                    let trimmed = bytes.trim_ascii();
                    if trimmed.is_empty() {
                        self.buf = bytes;
                        continue;
                    }
                    let record = self.parse(trimmed);
                    self.buf = bytes;
                    return Some(record);
                }
                Err(e) => {
                    self.done = true;
                    return Some(Err(StanceError::io(&self.path, e)));
                }
            }
        }
        None
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn read(input: &str, opts: DumpOptions) -> Vec<Result<DumpRecord>> {
        let source: Source = Box::new(std::io::Cursor::new(input.as_bytes().to_vec()));
        JsonlRecords::new(source, PathBuf::from("d.jsonl"), opts).collect()
    }

    #[test]
    fn reads_ids_texts_and_kept_fields_and_skips_blank_lines() {
        let opts = DumpOptions {
            keep_fields: vec!["date".into(), "absent".into()],
            ..Default::default()
        };
        let got = read(
            "{\"id\": 7, \"text\": \"Ana spoke.\", \"date\": \"2024\"}\n\n  \r\n{\"id\":\"b\",\"text\":\"\"}",
            opts,
        );
        let got: Vec<DumpRecord> = got.into_iter().map(|r| r.unwrap()).collect();
        assert_eq!(got.len(), 2);
        assert_eq!(
            (got[0].id.as_str(), got[0].text.as_str()),
            ("7", "Ana spoke.")
        );
        assert_eq!(got[0].kept[0], ("date".into(), Value::from("2024")));
        assert_eq!(got[0].kept[1].1, Value::Null);
        assert_eq!((got[1].id.as_str(), got[1].text.as_str()), ("b", ""));
    }

    #[test]
    fn bad_lines_name_their_line_and_reading_goes_on() {
        let got = read(
            "{\"id\":1,\"text\":\"a\"}\n{\"id\":2,\"text\":\n[1]\n{\"text\":\"x\"}\n{\"id\":3,\"text\":null}\n{\"id\":4,\"text\":\"ok\"}\n",
            DumpOptions::default(),
        );
        let messages: Vec<String> = got
            .iter()
            .map(|r| match r {
                Ok(r) => format!("ok {}", r.id),
                Err(e) => e.to_string(),
            })
            .collect();
        assert_eq!(messages[0], "ok 1");
        assert!(messages[1].starts_with("d.jsonl:2:"), "{}", messages[1]);
        assert!(messages[2].contains("d.jsonl:3:") && messages[2].contains("object"));
        assert!(messages[3].contains("d.jsonl:4") && messages[3].contains("\"id\""));
        assert!(messages[4].contains("d.jsonl:5") && messages[4].contains("null"));
        assert_eq!(messages[5], "ok 4");
        assert!(
            got[1..5]
                .iter()
                .all(|r| matches!(r, Err(StanceError::Record { .. })))
        );
    }

    #[test]
    fn custom_fields_are_used() {
        let opts = DumpOptions {
            id_field: "url".into(),
            text_field: "body".into(),
            ..Default::default()
        };
        let got = read("{\"url\":\"u\",\"body\":\"b\",\"text\":\"no\"}\n", opts);
        let r = got[0].as_ref().unwrap();
        assert_eq!((r.id.as_str(), r.text.as_str()), ("u", "b"));
    }
}
