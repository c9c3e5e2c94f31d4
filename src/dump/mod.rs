//! News dumps in: JSON Lines, CSV or plain-text articles (gzipped or not, files or stdin), read
//! one record at a time so that memory stays bounded by the longest article, not the dump.
//!
//! Every reader yields `Result<DumpRecord>`. A malformed record is a
//! [`StanceError::Record`] naming the file, line and (where it makes sense) column; reading goes
//! on after it, so a caller may skip it. Any other error (the file cannot be read, the gzip
//! stream is corrupt) ends the stream.

mod csv_dump;
mod jsonl;

use std::io::{BufRead, BufReader, Read};
use std::path::{Path, PathBuf};

use crate::error::{Result, StanceError};

/// How a dump stores its articles.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum DumpFormat {
    /// One JSON object per line.
    Jsonl,
    /// CSV with a header row.
    Csv,
    /// The whole file is one article (the file name is its id).
    Text,
}

impl DumpFormat {
    /// Guesses the format from the file name, ignoring a trailing `.gz`: `.jsonl` and `.ndjson`
    /// are JSON Lines, `.csv` is CSV, anything else (and stdin) one plain article.
    pub fn from_path(path: &Path) -> DumpFormat {
        let name = path
            .file_name()
            .map(|n| n.to_string_lossy().to_lowercase())
            .unwrap_or_default();
        let name = name.strip_suffix(".gz").unwrap_or(&name);
        if name.ends_with(".jsonl") || name.ends_with(".ndjson") {
            DumpFormat::Jsonl
        } else if name.ends_with(".csv") {
            DumpFormat::Csv
        } else {
            DumpFormat::Text
        }
    }
}

/// How to read dumps.
#[derive(Debug, Clone)]
pub struct DumpOptions {
    /// The format, or `None` to guess it (see `commands::expand_inputs`).
    pub format: Option<DumpFormat>,
    /// The field holding each article's id.
    pub id_field: String,
    /// The field holding each article's text.
    pub text_field: String,
    /// Further fields passed through to the output (missing ones become null).
    pub keep_fields: Vec<String>,
    /// Replace invalid UTF-8 with U+FFFD instead of reporting the record as bad.
    pub lossy: bool,
}

impl Default for DumpOptions {
    fn default() -> Self {
        DumpOptions {
            format: None,
            id_field: "id".into(),
            text_field: "text".into(),
            keep_fields: Vec::new(),
            lossy: false,
        }
    }
}

/// One article of a dump.
#[derive(Debug, Clone, PartialEq)]
pub struct DumpRecord {
    /// Its id (numbers are written as in the dump).
    pub id: String,
    /// Its text.
    pub text: String,
    /// The fields asked for with [`DumpOptions::keep_fields`], in that order.
    pub kept: Vec<(String, serde_json::Value)>,
}

/// A stream of records from one source.
pub type Records = Box<dyn Iterator<Item = Result<DumpRecord>> + Send>;

/// Opens `path` (`-` for stdin) as a dump of `format`, decompressing gzip on the fly (recognised
/// by its magic bytes), and returns its records in order.
pub fn open(path: &Path, format: DumpFormat, opts: &DumpOptions) -> Result<Records> {
    let name = display_name(path);
    let reader = open_decompressed(path, &name)?;
    Ok(match format {
        DumpFormat::Jsonl => Box::new(jsonl::JsonlRecords::new(reader, name, opts.clone())),
        DumpFormat::Csv => Box::new(csv_dump::CsvRecords::new(reader, name, opts.clone())?),
        DumpFormat::Text => Box::new(std::iter::once(read_text(reader, name, opts))),
    })
}

/// `-` is stdin; anything else its path.
fn display_name(path: &Path) -> PathBuf {
    if path == Path::new("-") {
        PathBuf::from("<stdin>")
    } else {
        path.to_path_buf()
    }
}

type Source = Box<dyn BufRead + Send>;

fn open_decompressed(path: &Path, name: &Path) -> Result<Source> {
    let raw: Box<dyn Read + Send> = if path == Path::new("-") {
        Box::new(std::io::stdin())
    } else {
        Box::new(std::fs::File::open(path).map_err(|e| StanceError::io(name, e))?)
    };
    let mut buffered = BufReader::with_capacity(1 << 16, raw);
    let head = buffered.fill_buf().map_err(|e| StanceError::io(name, e))?;
    if head.starts_with(&[0x1f, 0x8b]) {
        let gz = flate2::read::MultiGzDecoder::new(buffered);
        Ok(Box::new(BufReader::with_capacity(1 << 16, gz)))
    } else {
        Ok(Box::new(buffered))
    }
}

/// A whole plain-text source as one article; its id is the file name (`-` for stdin).
fn read_text(mut reader: Source, name: PathBuf, opts: &DumpOptions) -> Result<DumpRecord> {
    let mut bytes = Vec::new();
    reader
        .read_to_end(&mut bytes)
        .map_err(|e| StanceError::io(&name, e))?;
    // Scraped pages are not always clean: plain articles are always read lossily.
    let text = match String::from_utf8(bytes) {
        Ok(s) => s,
        Err(e) => String::from_utf8_lossy(e.as_bytes()).into_owned(),
    };
    let id = if name == Path::new("<stdin>") {
        "-".to_string()
    } else {
        name.display().to_string()
    };
    Ok(DumpRecord {
        id,
        text,
        kept: opts
            .keep_fields
            .iter()
            .map(|f| (f.clone(), serde_json::Value::Null))
            .collect(),
    })
}

/// Decodes a field, replacing bad UTF-8 when `lossy`, else reporting the first bad byte.
fn decode(bytes: &[u8], lossy: bool) -> std::result::Result<String, String> {
    match std::str::from_utf8(bytes) {
        Ok(s) => Ok(s.to_string()),
        Err(_) if lossy => Ok(String::from_utf8_lossy(bytes).into_owned()),
        Err(e) => Err(format!("invalid UTF-8 at byte {}", e.valid_up_to() + 1)),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn formats_are_guessed_from_names_ignoring_gz() {
        for (name, f) in [
            ("a.jsonl", DumpFormat::Jsonl),
            ("A.JSONL.GZ", DumpFormat::Jsonl),
            ("b.ndjson", DumpFormat::Jsonl),
            ("c.csv.gz", DumpFormat::Csv),
            ("d.txt", DumpFormat::Text),
            ("model.json", DumpFormat::Text),
            ("e.txt.gz", DumpFormat::Text),
            ("-", DumpFormat::Text),
        ] {
            assert_eq!(DumpFormat::from_path(Path::new(name)), f, "{name}");
        }
    }

    #[test]
    fn decoding_reports_the_first_bad_byte_or_replaces_it() {
        assert_eq!(decode(b"ok", false).unwrap(), "ok");
        let err = decode(b"ab\xffc", false).unwrap_err();
        assert!(err.contains("byte 3"), "{err}");
        assert_eq!(decode(b"ab\xffc", true).unwrap(), "ab\u{fffd}c");
    }
}
