//! CSV dumps: a header row naming the columns, then one article per record (quoted fields may
//! span lines).

use serde_json::Value;
use std::path::PathBuf;

use super::{DumpOptions, DumpRecord, Source, decode};
use crate::error::{Result, StanceError};

/// The records of a CSV source, one record in memory at a time.
pub(super) struct CsvRecords {
    reader: csv::Reader<Source>,
    path: PathBuf,
    lossy: bool,
    id: usize,
    text: usize,
    kept: Vec<(String, Option<usize>)>,
    record: csv::ByteRecord,
    done: bool,
}

impl CsvRecords {
    /// Reads the header and finds the id, text and kept columns. A header without them is a
    /// [`StanceError::Csv`]: the whole file is unusable, not one record.
    pub(super) fn new(source: Source, path: PathBuf, opts: DumpOptions) -> Result<Self> {
        let mut reader = csv::ReaderBuilder::new()
            .has_headers(true)
            .flexible(false)
            .from_reader(source);
        let header = match reader.byte_headers() {
            Ok(h) => h.clone(),
            Err(e) => {
                return Err(match csv_error(&path, e) {
                    StanceError::Record { message, .. } => {
                        StanceError::csv(&path, 1, None, message)
                    }
                    other => other,
                });
            }
        };
        let names: Vec<String> = header
            .iter()
            .map(|h| String::from_utf8_lossy(h).trim().to_string())
            .collect();
        if names.iter().all(|n| n.is_empty()) {
            return Err(StanceError::csv(&path, 1, None, "no header row"));
        }
        let column = |name: &str| names.iter().position(|n| n == name);
        let required = |name: &str| {
            column(name).ok_or_else(|| {
                StanceError::csv(
                    &path,
                    1,
                    None,
                    format!("no {name:?} column (columns: {})", names.join(", ")),
                )
            })
        };
        Ok(CsvRecords {
            id: required(&opts.id_field)?,
            text: required(&opts.text_field)?,
            kept: opts
                .keep_fields
                .iter()
                .map(|f| (f.clone(), column(f)))
                .collect(),
            reader,
            path,
            lossy: opts.lossy,
            record: csv::ByteRecord::new(),
            done: false,
        })
    }

    fn field(&self, index: usize, line: u64) -> Result<String> {
        decode(self.record.get(index).unwrap_or_default(), self.lossy)
            .map_err(|m| StanceError::record(&self.path, line, Some(index + 1), m))
    }

    fn current(&self) -> Result<DumpRecord> {
        let line = self.record.position().map_or(0, |p| p.line());
        let mut kept = Vec::with_capacity(self.kept.len());
        for (name, index) in &self.kept {
            let value = match index {
                Some(i) => Value::String(self.field(*i, line)?),
                None => Value::Null,
            };
            kept.push((name.clone(), value));
        }
        Ok(DumpRecord {
            id: self.field(self.id, line)?,
            text: self.field(self.text, line)?,
            kept,
        })
    }
}

/// A CSV reading error: a malformed record (reading can go on) or an I/O error (it cannot).
fn csv_error(path: &std::path::Path, e: csv::Error) -> StanceError {
    let line = e.position().map_or(0, |p| p.line());
    match e.into_kind() {
        csv::ErrorKind::Io(io) => StanceError::io(path, io),
        csv::ErrorKind::UnequalLengths {
            expected_len, len, ..
        } => StanceError::record(
            path,
            line,
            None,
            format!("{len} fields where the header has {expected_len}"),
        ),
        other => StanceError::record(path, line, None, format!("{other:?}")),
    }
}

impl Iterator for CsvRecords {
    type Item = Result<DumpRecord>;

    fn next(&mut self) -> Option<Self::Item> {
        if self.done {
            return None;
        }
        match self.reader.read_byte_record(&mut self.record) {
            Ok(true) => Some(self.current()),
            Ok(false) => {
                self.done = true;
                None
            }
            Err(e) => {
                let e = csv_error(&self.path, e);
                self.done = !matches!(e, StanceError::Record { .. });
                Some(Err(e))
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn read(input: &[u8], opts: DumpOptions) -> Result<Vec<Result<DumpRecord>>> {
        let source: Source = Box::new(std::io::Cursor::new(input.to_vec()));
        Ok(CsvRecords::new(source, PathBuf::from("d.csv"), opts)?.collect())
    }

    #[test]
    fn reads_columns_by_name_with_multi_line_fields() {
        let opts = DumpOptions {
            keep_fields: vec!["source".into(), "absent".into()],
            ..Default::default()
        };
        let got = read(
            b"source,text,id\nAP,\"Ana spoke.\nThen left.\",a1\nAFP,,a2\n",
            opts,
        )
        .unwrap();
        let got: Vec<DumpRecord> = got.into_iter().map(|r| r.unwrap()).collect();
        assert_eq!(got[0].id, "a1");
        assert_eq!(got[0].text, "Ana spoke.\nThen left.");
        assert_eq!(got[0].kept[0].1, Value::from("AP"));
        assert_eq!(got[0].kept[1].1, Value::Null);
        assert_eq!((got[1].id.as_str(), got[1].text.as_str()), ("a2", ""));
    }

    #[test]
    fn missing_columns_are_refused_at_the_header() {
        let err = read(b"id,body\n1,x\n", DumpOptions::default())
            .err()
            .unwrap()
            .to_string();
        assert!(
            err.starts_with("d.csv:1:") && err.contains("\"text\""),
            "{err}"
        );
    }

    #[test]
    fn bad_records_name_line_and_column_and_reading_goes_on() {
        let got = read(
            b"id,text\n1,ok\n2,a,extra\n3,b\xffad\n4,fine\n",
            DumpOptions::default(),
        )
        .unwrap();
        let shown: Vec<String> = got
            .iter()
            .map(|r| match r {
                Ok(r) => format!("ok {}", r.id),
                Err(e) => e.to_string(),
            })
            .collect();
        assert_eq!(shown[0], "ok 1");
        assert!(shown[1].starts_with("d.csv:3:") && shown[1].contains("3 fields"));
        assert!(shown[2].starts_with("d.csv:4:2:") && shown[2].contains("UTF-8"));
        assert_eq!(shown[3], "ok 4");
    }
}
