//! I/O stage: labelled CSV in, model files in and out — with errors that name the file, line
//! and column, and model writes that never leave a half-written file.

use crate::error::{Result, StanceError};
use std::io::Write;
use std::ops::Range;
use std::path::{Path, PathBuf};

/// Rows of a CSV file: header names and (line number, fields) per record.
#[derive(Debug, Clone)]
pub struct CsvRows {
    /// Column names from the header (trimmed).
    pub columns: Vec<String>,
    /// Each record with the line it starts on (the header is line 1).
    pub records: Vec<(u64, Vec<String>)>,
}

impl CsvRows {
    /// The fields of the named columns, in the order named, for every record (a column the
    /// header lacks reads as the first; read with those columns `required` so none is lacking).
    pub fn select<const N: usize>(&self, names: [&str; N]) -> Vec<[String; N]> {
        let at = names.map(|n| self.columns.iter().position(|c| c == n).unwrap_or(0));
        self.records
            .iter()
            .map(|(_, r)| at.map(|i| r[i].clone()))
            .collect()
    }
}

/// Options for reading CSV files.
#[derive(Debug, Clone, Copy, Default)]
pub struct CsvOptions {
    /// Replace invalid UTF-8 by U+FFFD instead of failing.
    pub lossy: bool,
}

/// Reads a whole CSV file (see [`read_csv_records_with`]).
pub fn read_csv_file(path: &Path, required: &[&str], opts: CsvOptions) -> Result<CsvRows> {
    if path.is_dir() {
        return Err(StanceError::io(
            path,
            std::io::Error::other("is a directory, expected a CSV file"),
        ));
    }
    let bytes = std::fs::read(path).map_err(|e| StanceError::io(path, e))?;
    read_csv_records_with(&bytes, path, required, opts)
}

/// Parses CSV bytes, strictly: UTF-8, every record as wide as the header, required columns present.
pub fn read_csv_records(bytes: &[u8], path: &Path, required: &[&str]) -> Result<CsvRows> {
    read_csv_records_with(bytes, path, required, CsvOptions::default())
}

/// Parses CSV bytes with options. Blank lines are skipped; a UTF-8 BOM and CRLF line ends are accepted.
pub fn read_csv_records_with(
    bytes: &[u8],
    path: &Path,
    required: &[&str],
    opts: CsvOptions,
) -> Result<CsvRows> {
    let bytes = bytes.strip_prefix(b"\xEF\xBB\xBF").unwrap_or(bytes);
    if bytes.iter().all(u8::is_ascii_whitespace) {
        return Err(StanceError::csv(
            path,
            1,
            None,
            "the file is empty: expected a header line",
        ));
    }
    let mut reader = csv::ReaderBuilder::new()
        .has_headers(false)
        .flexible(true)
        .from_reader(bytes);
    let mut records = Vec::new();
    let mut header: Option<Vec<String>> = None;
    let mut record = csv::ByteRecord::new();
    // csv's own line numbers lag behind blank lines and CR LF ends; count newlines ourselves
    // from the byte offset where each record starts.
    let (mut cursor, mut cursor_line) = (0usize, 1u64);
    let mut line_of = |byte: u64| {
        let mut b = (byte as usize).min(bytes.len());
        while b < bytes.len() && (bytes[b] == b'\n' || bytes[b] == b'\r') {
            b += 1;
        }
        if b >= cursor {
            cursor_line += bytes[cursor..b].iter().filter(|&&c| c == b'\n').count() as u64;
            cursor = b;
        }
        cursor_line
    };
    loop {
        let start_byte = reader.position().byte();
        match reader.read_byte_record(&mut record) {
            Ok(false) => break,
            Ok(true) => {}
            Err(e) => {
                let line = line_of(e.position().map_or(start_byte, |p| p.byte()));
                return Err(StanceError::csv(path, line, None, e.to_string()));
            }
        }
        let line = line_of(start_byte);
        if record.len() == 1 && record[0].iter().all(u8::is_ascii_whitespace) {
            continue; // blank line
        }
        let mut fields = Vec::with_capacity(record.len());
        for (col, f) in record.iter().enumerate() {
            match std::str::from_utf8(f) {
                Ok(s) => fields.push(s.to_string()),
                Err(_) if opts.lossy => fields.push(String::from_utf8_lossy(f).into_owned()),
                Err(e) => {
                    return Err(StanceError::csv(
                        path,
                        line,
                        Some(col + 1),
                        format!("invalid UTF-8 at byte {} of the field", e.valid_up_to()),
                    ));
                }
            }
        }
        match &header {
            None => {
                let cols: Vec<String> = fields.iter().map(|c| c.trim().to_string()).collect();
                check_header(&cols, path, required)?;
                header = Some(cols);
            }
            Some(h) if fields.len() != h.len() => {
                let hint = if fields.len() < h.len() && fields.iter().any(|f| f.contains('\n')) {
                    " (an unclosed quote?)"
                } else {
                    ""
                };
                return Err(StanceError::csv(
                    path,
                    line,
                    None,
                    format!(
                        "expected {} fields as in the header, found {}{hint}",
                        h.len(),
                        fields.len()
                    ),
                ));
            }
            Some(_) => records.push((line, fields)),
        }
    }
    let columns = header.ok_or_else(|| StanceError::csv(path, 1, None, "no header line"))?;
    Ok(CsvRows { columns, records })
}

fn check_header(cols: &[String], path: &Path, required: &[&str]) -> Result<()> {
    for (i, c) in cols.iter().enumerate() {
        if cols[..i].contains(c) {
            return Err(StanceError::csv(
                path,
                1,
                Some(i + 1),
                format!("column {c:?} appears twice"),
            ));
        }
    }
    for want in required {
        if !cols.iter().any(|c| c == want) {
            let nearest = cols
                .iter()
                .map(|c| (strsim::levenshtein(&c.to_lowercase(), want), c))
                .min()
                .filter(|(d, _)| *d <= 3)
                .map(|(_, c)| format!(" (did you mean to name {c:?} {want:?}?)"))
                .unwrap_or_default();
            return Err(StanceError::csv(
                path,
                1,
                None,
                format!("missing required column {want:?}; the header has {cols:?}{nearest}"),
            ));
        }
    }
    Ok(())
}

/// One labelled (sentence, actor) row.
#[derive(Debug, Clone, PartialEq, Eq, Default)]
pub struct Example {
    /// The sentence.
    pub text: String,
    /// The actor as written in the sentence.
    pub actor: String,
    /// The label.
    pub label: String,
    /// Rows of one group (the `article` column, else the sentence) stay in one CV fold.
    pub group: String,
    /// Source file and line, for messages.
    pub origin: (PathBuf, u64),
    /// Where the actor is mentioned (byte ranges), from an `actor_spans` column; `None` = find
    /// the actor's name in the text.
    pub actor_spans: Option<Vec<Range<usize>>>,
    /// Where other actors are mentioned (byte ranges), from an `other_spans` column; `None` =
    /// the other rows' actors of the same sentence, found by name.
    pub other_spans: Option<Vec<Range<usize>>>,
}

/// Parses a span column: `;`-separated `START-END` **character** offsets into `text` (0-based,
/// end exclusive, as in Python slicing), returned as byte ranges. Empty = no spans.
///
/// ```
/// let spans = stance::io::parse_spans("Él dijo que Ana", "12-15").unwrap();
/// assert_eq!(spans, vec![13..16]);
/// ```
pub fn parse_spans(text: &str, field: &str) -> std::result::Result<Vec<Range<usize>>, String> {
    let mut bytes: Vec<usize> = text.char_indices().map(|(b, _)| b).collect();
    bytes.push(text.len());
    let chars = bytes.len() - 1;
    let mut spans = Vec::new();
    for part in field.split(';').map(str::trim).filter(|p| !p.is_empty()) {
        let parsed = part.split_once('-').and_then(|(a, b)| {
            Some((
                a.trim().parse::<usize>().ok()?,
                b.trim().parse::<usize>().ok()?,
            ))
        });
        let Some((start, end)) = parsed else {
            return Err(format!(
                "bad span {part:?}: expected START-END character offsets, e.g. \"0-15;40-43\""
            ));
        };
        if start >= end || end > chars {
            return Err(format!(
                "span {part:?} is empty or outside the text ({chars} characters)"
            ));
        }
        spans.push(bytes[start]..bytes[end]);
    }
    Ok(spans)
}

/// A labelled data set read from CSV, with warnings about suspicious rows.
#[derive(Debug, Clone, Default)]
pub struct LabelledData {
    /// The rows.
    pub examples: Vec<Example>,
    /// Human-readable warnings (duplicates, actors not found in their sentence).
    pub warnings: Vec<String>,
}

/// Reads labelled rows (`text`, `actor`, `label_column`) from one or more CSV files.
pub fn load_labelled(
    paths: &[PathBuf],
    label_column: &str,
    opts: CsvOptions,
) -> Result<LabelledData> {
    let mut data = LabelledData::default();
    for path in paths {
        let rows = read_csv_file(path, &["text", "actor", label_column], opts)?;
        if rows.records.is_empty() {
            return Err(StanceError::csv(path, 1, None, "header only: no data rows"));
        }
        let col = |n: &str| rows.columns.iter().position(|c| c == n).unwrap_or(0);
        let (ti, ai, li) = (col("text"), col("actor"), col(label_column));
        let gi = rows.columns.iter().position(|c| c == "article");
        let span_col = |n: &str| rows.columns.iter().position(|c| c == n);
        let (asi, osi) = (span_col("actor_spans"), span_col("other_spans"));
        let mut seen = std::collections::HashSet::new();
        let (mut dups, mut missing) = (0usize, 0usize);
        for (line, rec) in rows.records {
            let label = rec[li].trim().to_string();
            if label.is_empty() {
                return Err(StanceError::csv(
                    path,
                    line,
                    Some(li + 1),
                    format!("empty {label_column:?} label"),
                ));
            }
            if rec[ti].trim().is_empty() {
                return Err(StanceError::csv(path, line, Some(ti + 1), "empty text"));
            }
            let spans = |col: Option<usize>| {
                col.map(|c| {
                    parse_spans(&rec[ti], &rec[c])
                        .map_err(|m| StanceError::csv(path, line, Some(c + 1), m))
                })
                .transpose()
            };
            let actor_spans = spans(asi)?.filter(|s| !s.is_empty());
            let other_spans = spans(osi)?;
            let ex = Example {
                text: rec[ti].clone(),
                actor: rec[ai].trim().to_string(),
                label,
                group: gi
                    .map(|g| rec[g].trim())
                    .filter(|g| !g.is_empty())
                    .unwrap_or(&rec[ti])
                    .to_string(),
                origin: (path.clone(), line),
                actor_spans,
                other_spans,
            };
            if !seen.insert((ex.text.clone(), ex.actor.clone(), ex.label.clone())) {
                dups += 1;
            }
            if ex.actor_spans.is_none()
                && crate::features::find_whole_word(
                    &ex.text.to_lowercase(),
                    &ex.actor.to_lowercase(),
                )
                .is_empty()
            {
                missing += 1;
            }
            data.examples.push(ex);
        }
        if dups > 0 {
            data.warnings.push(format!(
                "{}: {dups} duplicate rows (same text, actor and label)",
                path.display()
            ));
        }
        if missing > 0 {
            data.warnings.push(format!(
                "{}: {missing} rows whose actor is not found in the text",
                path.display()
            ));
        }
    }
    Ok(data)
}

/// Writes `bytes` to `path` atomically: a temporary file in the same folder, fsync, rename.
/// On any error the previous file at `path` (if any) is untouched and no temporary file remains.
pub fn write_atomic(path: &Path, bytes: &[u8]) -> Result<()> {
    let mut file = AtomicFile::create(path)?;
    file.write_all(bytes)
        .map_err(|e| StanceError::io(path, e))?;
    file.commit()
}

/// A file written through a temporary file beside it and renamed into place by
/// [`AtomicFile::commit`]; dropped without a commit, it leaves no trace and the previous file
/// (if any) untouched.
pub struct AtomicFile {
    path: PathBuf,
    tmp: PathBuf,
    file: Option<std::io::BufWriter<std::fs::File>>,
}

impl AtomicFile {
    /// Creates the temporary file for `path`.
    pub fn create(path: &Path) -> Result<Self> {
        let dir = match path.parent() {
            Some(d) if !d.as_os_str().is_empty() => d.to_path_buf(),
            _ => PathBuf::from("."),
        };
        let name = path
            .file_name()
            .map(|n| n.to_string_lossy().into_owned())
            .unwrap_or_else(|| "out".into());
        let tmp = dir.join(format!(".{name}.tmp-{}", std::process::id()));
        let file = std::fs::File::create(&tmp).map_err(|e| StanceError::io(path, e))?;
        Ok(AtomicFile {
            path: path.to_path_buf(),
            tmp,
            file: Some(std::io::BufWriter::new(file)),
        })
    }

    /// Flushes, syncs and renames the temporary file to the final path.
    pub fn commit(mut self) -> Result<()> {
        let result = (|| {
            if let Some(w) = self.file.take() {
                w.into_inner().map_err(|e| e.into_error())?.sync_all()?;
            }
            std::fs::rename(&self.tmp, &self.path)
        })();
        result.map_err(|e| StanceError::io(&self.path, e))
    }
}

impl Write for AtomicFile {
    fn write(&mut self, buf: &[u8]) -> std::io::Result<usize> {
        match &mut self.file {
            Some(f) => f.write(buf),
            None => Err(std::io::Error::other("file already committed")),
        }
    }
    fn flush(&mut self) -> std::io::Result<()> {
        self.file.as_mut().map_or(Ok(()), |f| f.flush())
    }
}

impl Drop for AtomicFile {
    fn drop(&mut self) {
        // Not committed, or the rename failed: remove the temporary file.
        self.file.take();
        let _ = std::fs::remove_file(&self.tmp);
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn parse(s: &[u8]) -> Result<CsvRows> {
        read_csv_records(s, Path::new("in.csv"), &["text", "actor"])
    }

    #[test]
    fn spans_are_character_offsets_and_bad_ones_are_refused() {
        assert_eq!(
            parse_spans("Ça dit Ana", " 0-2 ; 7-10 ").unwrap(),
            vec![0..3, 8..11]
        );
        assert_eq!(parse_spans("Ana", "").unwrap(), Vec::<Range<usize>>::new());
        for bad in ["3", "a-b", "2-1", "0-4", "1-1"] {
            assert!(parse_spans("Ana", bad).is_err(), "{bad:?} accepted");
        }
    }

    #[test]
    #[allow(clippy::single_range_in_vec_init)] // lists of one span are meant
    fn span_columns_are_read_and_errors_name_line_and_column() {
        let dir = tempfile::tempdir().unwrap();
        let p = dir.path().join("s.csv");
        let load = |body: &str| {
            std::fs::write(&p, body).unwrap();
            load_labelled(std::slice::from_ref(&p), "sentiment", CsvOptions::default())
        };
        let csv = "text,actor,sentiment,actor_spans,other_spans\n\
                   He met Ann; he left,he,neutral,12-14,7-10\n\
                   Bob spoke,Bob,neutral,,\n";
        let data = load(csv).unwrap();
        assert_eq!(data.examples[0].actor_spans, Some(vec![12..14]));
        assert_eq!(data.examples[0].other_spans, Some(vec![7..10]));
        // An empty actor_spans cell means "find the name"; an empty other_spans cell means none.
        assert_eq!(data.examples[1].actor_spans, None);
        assert_eq!(data.examples[1].other_spans, Some(vec![]));
        let e = load(&csv.replace("12-14", "12-99"))
            .unwrap_err()
            .to_string();
        assert!(e.contains("s.csv:2:4") && e.contains("12-99"), "{e}");
    }

    #[test]
    fn bom_crlf_blank_lines() {
        let r = parse(b"\xEF\xBB\xBFtext,actor\r\n\r\n\"a, b\",X\r\n").unwrap();
        assert_eq!(
            r.records,
            vec![(3, vec!["a, b".to_string(), "X".to_string()])]
        );
    }

    #[test]
    fn ragged_row_names_line() {
        let e = parse(b"text,actor\nok,X\nbad\n").unwrap_err().to_string();
        assert!(e.starts_with("in.csv:3:"), "{e}");
    }

    #[test]
    fn misspelt_column_suggests() {
        let e = parse(b"txt,actor\na,b\n").unwrap_err().to_string();
        assert!(e.contains("\"txt\"") && e.contains("in.csv:1"), "{e}");
    }

    #[test]
    fn invalid_utf8_names_line_and_column_unless_lossy() {
        let bytes = b"text,actor\nok,X\nbad \xff,Y\n";
        let e = parse(bytes).unwrap_err().to_string();
        assert!(e.starts_with("in.csv:3:1:"), "{e}");
        let r = read_csv_records_with(bytes, Path::new("in.csv"), &[], CsvOptions { lossy: true })
            .unwrap();
        assert!(r.records[1].1[0].contains('\u{FFFD}'));
    }

    #[test]
    fn atomic_write_replaces_or_leaves_alone() {
        let dir = tempfile::tempdir().unwrap();
        let p = dir.path().join("m.json");
        write_atomic(&p, b"one").unwrap();
        write_atomic(&p, b"two").unwrap();
        assert_eq!(std::fs::read(&p).unwrap(), b"two");
        assert_eq!(std::fs::read_dir(dir.path()).unwrap().count(), 1);
        assert!(write_atomic(&dir.path().join("no/such/dir/m.json"), b"x").is_err());
    }
}
