//! Classifying a stream of articles: read a chunk, analyse it in parallel, write the results in
//! input order, repeat. Memory stays bounded by the chunk, not the input.

use rayon::prelude::*;
use serde::Serialize;
use serde::ser::SerializeMap;
use std::io::Write;

use crate::article::{Analyzer, ArticleResult, CSV_HEADER};
use crate::commands::ClassifyFormat;
use crate::dump::DumpRecord;
use crate::error::{Result, StanceError};

/// Output keys a passed-through field may not take.
pub const RESERVED_FIELDS: [&str; 3] = ["id", "article", "actors"];

/// One classified article as written in JSON: `id`, the kept fields, then the
/// [`ArticleResult`] (`article`, `actors`).
#[derive(Debug, Serialize)]
pub struct ClassifiedRecord<'a> {
    /// The article's id.
    pub id: &'a str,
    /// Fields passed through from the input.
    #[serde(flatten)]
    pub kept: KeptFields<'a>,
    /// What the article says about each actor.
    #[serde(flatten)]
    pub result: &'a ArticleResult,
}

/// Passed-through fields, serialised as a map in their order.
#[derive(Debug)]
pub struct KeptFields<'a>(pub &'a [(String, serde_json::Value)]);

impl Serialize for KeptFields<'_> {
    fn serialize<S: serde::Serializer>(&self, s: S) -> std::result::Result<S::Ok, S::Error> {
        let mut map = s.serialize_map(Some(self.0.len()))?;
        for (k, v) in self.0 {
            map.serialize_entry(k, v)?;
        }
        map.end()
    }
}

/// Writes classified articles in one of the output formats.
pub struct RecordWriter<'w> {
    format: ClassifyFormat,
    out: &'w mut dyn Write,
    scratch: Vec<u8>,
}

fn io_err(e: std::io::Error) -> StanceError {
    StanceError::io("<output>", e)
}

fn csv_err(e: csv::Error) -> StanceError {
    StanceError::Data(format!("writing CSV: {e}"))
}

/// Appends one classified article to `buf` as `format` writes it: a JSON line, its CSV rows
/// (each framed by the id and the kept fields), its HTML section or its table. Pure, so
/// articles can be rendered in parallel and written in order.
pub fn render(
    format: ClassifyFormat,
    record: &DumpRecord,
    result: &ArticleResult,
    buf: &mut Vec<u8>,
) -> Result<()> {
    match format {
        ClassifyFormat::Json => {
            let line = ClassifiedRecord {
                id: &record.id,
                kept: KeptFields(&record.kept),
                result,
            };
            serde_json::to_writer(&mut *buf, &line)
                .map_err(|e| StanceError::Data(e.to_string()))?;
            buf.push(b'\n');
        }
        ClassifyFormat::Csv => render_csv(record, result, buf)?,
        ClassifyFormat::Html => {
            buf.extend_from_slice(crate::report::article_html(result).as_bytes())
        }
        ClassifyFormat::Table(colour) => buf.extend_from_slice(result.to_table(colour).as_bytes()),
    }
    Ok(())
}

/// The article's own CSV rows, each framed by the id and the kept fields.
fn render_csv(record: &DumpRecord, result: &ArticleResult, buf: &mut Vec<u8>) -> Result<()> {
    // `ArticleResult::write_csv` writes whole rows; they are re-read here to add the columns.
    let mut rows = csv::Writer::from_writer(Vec::new());
    result.write_csv(&mut rows).map_err(csv_err)?;
    let rows = rows.into_inner().map_err(|e| io_err(e.into_error()))?;
    let kept: Vec<String> = record
        .kept
        .iter()
        .map(|(_, v)| match v {
            serde_json::Value::String(s) => s.clone(),
            serde_json::Value::Null => String::new(),
            other => other.to_string(),
        })
        .collect();
    let mut reader = csv::ReaderBuilder::new()
        .has_headers(false)
        .from_reader(rows.as_slice());
    let mut w = csv::Writer::from_writer(buf);
    for row in reader.byte_records() {
        let row = row.map_err(csv_err)?;
        let fields = std::iter::once(record.id.as_bytes())
            .chain(row.iter())
            .chain(kept.iter().map(|k| k.as_bytes()));
        w.write_record(fields).map_err(csv_err)?;
    }
    w.flush().map_err(io_err)
}

impl<'w> RecordWriter<'w> {
    /// Starts the output: the CSV header (`id`, the per-sentence columns, then `keep`) or the
    /// HTML head.
    pub fn new(format: ClassifyFormat, out: &'w mut dyn Write, keep: &[String]) -> Result<Self> {
        match format {
            ClassifyFormat::Html => out
                .write_all(crate::report::html_head("stance").as_bytes())
                .map_err(io_err)?,
            ClassifyFormat::Csv => {
                let mut w = csv::Writer::from_writer(&mut *out);
                let header = ["id"]
                    .into_iter()
                    .chain(CSV_HEADER)
                    .chain(keep.iter().map(String::as_str));
                w.write_record(header).map_err(csv_err)?;
                w.flush().map_err(io_err)?;
            }
            _ => {}
        }
        Ok(RecordWriter {
            format,
            out,
            scratch: Vec::new(),
        })
    }

    /// The output format.
    pub fn format(&self) -> ClassifyFormat {
        self.format
    }

    /// Writes one article's result.
    pub fn write(&mut self, record: &DumpRecord, result: &ArticleResult) -> Result<()> {
        self.scratch.clear();
        render(self.format, record, result, &mut self.scratch)?;
        self.out.write_all(&self.scratch).map_err(io_err)
    }

    /// Writes an article already rendered with [`render`] in this writer's format.
    pub fn write_rendered(&mut self, bytes: &[u8]) -> Result<()> {
        self.out.write_all(bytes).map_err(io_err)
    }

    /// Ends the output (the HTML tail) and flushes it.
    pub fn finish(self) -> Result<()> {
        if self.format == ClassifyFormat::Html {
            self.out
                .write_all(crate::report::HTML_TAIL.as_bytes())
                .map_err(io_err)?;
        }
        self.out.flush().map_err(io_err)
    }
}

/// How to run the stream.
#[derive(Debug, Clone, Copy)]
pub struct StreamOptions {
    /// Articles read, analysed and written together.
    pub chunk: usize,
    /// Skip malformed records ([`StanceError::Record`]) instead of stopping at the first.
    pub skip_bad: bool,
}

/// What the stream reports while it runs.
#[derive(Debug)]
pub enum StreamEvent<'a> {
    /// A malformed record was skipped.
    Skipped(&'a StanceError),
    /// One article was written.
    Written,
}

/// What a finished stream did.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub struct StreamSummary {
    /// Articles classified and written.
    pub articles: usize,
    /// Malformed records skipped.
    pub skipped: usize,
}

/// Classifies `records` a chunk at a time in parallel and writes them in input order. Without
/// `skip_bad` the first malformed record stops the stream (after the records before it are
/// written) and is returned as the error.
///
/// While one chunk is analysed (and rendered) on the thread pool, this thread writes the chunk
/// before it and reads the chunk after it, so reading and writing do not leave the pool idle.
/// At most three chunks are held at a time.
pub fn classify_records(
    analyzer: &Analyzer,
    records: &mut dyn Iterator<Item = Result<DumpRecord>>,
    writer: &mut RecordWriter,
    opts: StreamOptions,
    on_event: &mut dyn FnMut(StreamEvent),
) -> Result<StreamSummary> {
    let format = writer.format();
    let mut summary = StreamSummary::default();
    let (mut chunk, mut stop) = read_chunk(records, opts, &mut summary, on_event);
    let mut rendered: Vec<Result<Vec<u8>>> = Vec::new();
    std::thread::scope(|scope| {
        loop {
            let analysing = scope.spawn(move || analyse_chunk(analyzer, format, chunk));
            write_chunk(
                writer,
                std::mem::take(&mut rendered),
                &mut summary,
                on_event,
            )?;
            let next = stop
                .is_none()
                .then(|| read_chunk(records, opts, &mut summary, on_event));
            rendered = analysing
                .join()
                .unwrap_or_else(|panic| std::panic::resume_unwind(panic));
            match next {
                Some((c, s)) => (chunk, stop) = (c, s),
                None => break,
            }
        }
        write_chunk(writer, rendered, &mut summary, on_event)?;
        stop.unwrap_or(Ok(())).map(|()| summary)
    })
}

/// Up to `opts.chunk` records, and how the stream ends when it ends here: `Some(Ok)` at the end
/// of the input, `Some(Err)` at a malformed record that is not skipped.
fn read_chunk(
    records: &mut dyn Iterator<Item = Result<DumpRecord>>,
    opts: StreamOptions,
    summary: &mut StreamSummary,
    on_event: &mut dyn FnMut(StreamEvent),
) -> (Vec<DumpRecord>, Option<Result<()>>) {
    let chunk_size = opts.chunk.max(1);
    let mut chunk = Vec::with_capacity(chunk_size);
    while chunk.len() < chunk_size {
        match records.next() {
            None => return (chunk, Some(Ok(()))),
            Some(Ok(r)) => chunk.push(r),
            Some(Err(e)) if opts.skip_bad && matches!(e, StanceError::Record { .. }) => {
                summary.skipped += 1;
                on_event(StreamEvent::Skipped(&e));
            }
            Some(Err(e)) => return (chunk, Some(Err(e))),
        }
    }
    (chunk, None)
}

/// Each record of `chunk` analysed and rendered, in parallel, in input order.
fn analyse_chunk(
    analyzer: &Analyzer,
    format: ClassifyFormat,
    chunk: Vec<DumpRecord>,
) -> Vec<Result<Vec<u8>>> {
    chunk
        .par_iter()
        .map(|r| {
            let mut buf = Vec::new();
            render(format, r, &analyzer.analyze(&r.id, &r.text), &mut buf)?;
            Ok(buf)
        })
        .collect()
}

/// Writes rendered records in order, stopping at the first that could not be rendered.
fn write_chunk(
    writer: &mut RecordWriter,
    rendered: Vec<Result<Vec<u8>>>,
    summary: &mut StreamSummary,
    on_event: &mut dyn FnMut(StreamEvent),
) -> Result<()> {
    for bytes in rendered {
        writer.write_rendered(&bytes?)?;
        summary.articles += 1;
        on_event(StreamEvent::Written);
    }
    Ok(())
}
