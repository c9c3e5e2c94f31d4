#![no_main]
//! Any bytes as a labelled CSV: an error or rows, never a panic.
use libfuzzer_sys::fuzz_target;
use std::path::Path;

fuzz_target!(|data: &[u8]| {
    let p = Path::new("fuzz.csv");
    for lossy in [false, true] {
        let _ = stance::io::read_csv_records_with(data, p, &["text", "actor"], stance::io::CsvOptions { lossy });
    }
    let mut d = stance::actors::Dictionary::empty();
    let _ = d.add_csv(data, p);
});
