//! The report as CSV: one line a figure (`table, key, label, measure, value, previous`), as a
//! spreadsheet or a script takes it in; UTF-8 with a byte-order mark, which Excel needs to read
//! Vietnamese.

use std::io::Write;

use super::tables::tables;
use super::Report;
use crate::taxonomy::Taxonomy;

pub(super) fn write(out: &mut impl Write, report: &Report, taxonomy: &Taxonomy, lang: &str) -> std::io::Result<()> {
    out.write_all("\u{feff}".as_bytes())?;
    let mut w = csv::Writer::from_writer(out);
    w.write_record(["table", "key", "label", "measure", "value", "previous"])?;
    for t in tables(report, taxonomy, lang) {
        for row in &t.rows {
            for (n, measure) in t.columns.iter().enumerate() {
                let previous = row.previous.as_ref().map(|p| p[n].to_string()).unwrap_or_default();
                w.write_record([t.id, &row.key, &row.label, measure, &row.values[n].to_string(), &previous])?;
            }
        }
    }
    w.flush()
}
