//! The report as a workbook: the figures' tables on the first sheet, each with its chart and
//! the year before beside it, then a sheet for each kind of row the figures are counted from
//! (items made, reportages published, translations approved, the register's deliveries), so
//! that any figure can be counted again with a filter.

use std::io::Write;

use rust_xlsxwriter::{Chart, ChartType, Format, Workbook, Worksheet, XlsxError};

use super::tables::{say, tables, Chart as Drawn};
use super::Report;
use crate::error::{Error, Result};
use crate::taxonomy::Taxonomy;

fn failed(e: XlsxError) -> Error {
    Error::InvalidInput(format!("the workbook cannot be written: {e}"))
}

/// Rows a chart takes on the sheet, so the next table starts below it.
const CHART_ROWS: u32 = 16;

pub(super) fn write(out: &mut (impl Write + Send), report: &Report, taxonomy: &Taxonomy, lang: &str) -> Result<()> {
    let mut book = Workbook::new();
    let bold = Format::new().set_bold();
    let title = Format::new().set_bold().set_font_size(13);
    let summary_name = say(lang, "sheet.summary", &[]);
    let sheet = book.add_worksheet().set_name(&summary_name).map_err(failed)?;
    sheet.set_column_width(0, 48).map_err(failed)?;
    sheet.write_string_with_format(0, 0, say(lang, "subtitle", &[]), &title).map_err(failed)?;
    sheet.write_string(1, 0, say(lang, "period", &[("from", &report.from), ("to", &report.to)])).map_err(failed)?;
    let mut row: u32 = 3;
    if report.empty {
        sheet.write_string(row, 0, say(lang, "empty", &[])).map_err(failed)?;
        row += 2;
    }
    let previous = format!(" ({})", say(lang, "previous", &[]));
    for t in tables(report, taxonomy, lang) {
        sheet.write_string_with_format(row, 0, &t.title, &title).map_err(failed)?;
        row += 1;
        let with_previous = t.rows.iter().any(|r| r.previous.is_some());
        sheet.write_string_with_format(row, 0, say(lang, "c.item", &[]), &bold).map_err(failed)?;
        for (n, c) in t.columns.iter().enumerate() {
            sheet.write_string_with_format(row, 1 + n as u16, c, &bold).map_err(failed)?;
            if with_previous {
                let col = 1 + (t.columns.len() + n) as u16;
                sheet.write_string_with_format(row, col, format!("{c}{previous}"), &bold).map_err(failed)?;
            }
        }
        let first = row + 1;
        for r in &t.rows {
            row += 1;
            sheet.write_string(row, 0, &r.label).map_err(failed)?;
            for (n, v) in r.values.iter().enumerate() {
                sheet.write_number(row, 1 + n as u16, *v).map_err(failed)?;
            }
            for (n, v) in r.previous.iter().flatten().enumerate() {
                sheet.write_number(row, 1 + (t.columns.len() + n) as u16, *v).map_err(failed)?;
            }
        }
        let start = row;
        if t.chart != Drawn::None && !t.rows.is_empty() {
            let mut chart = Chart::new(if t.chart == Drawn::Line { ChartType::Line } else { ChartType::Bar });
            chart.title().set_name(&t.title);
            chart
                .add_series()
                .set_name(t.columns[0].as_str())
                .set_categories((summary_name.as_str(), first, 0, row, 0))
                .set_values((summary_name.as_str(), first, 1, row, 1));
            chart.legend().set_hidden();
            sheet.insert_chart(first - 1, 2 + 2 * t.columns.len() as u16, &chart).map_err(failed)?;
            row = row.max(first + CHART_ROWS);
        }
        row = row.max(start) + 2;
    }
    items(book.add_worksheet(), report, lang, &bold)?;
    reportages(book.add_worksheet(), report, lang, &bold)?;
    approvals(book.add_worksheet(), report, lang, &bold)?;
    deliveries(book.add_worksheet(), report, lang, &bold)?;
    book.save_to_writer(out).map_err(failed)
}

/// A sheet of rows: its name, a header of columns, then the rows' cells (text, or a number).
fn rows<'a>(
    sheet: &mut Worksheet,
    lang: &str,
    bold: &Format,
    name: &str,
    columns: &[&str],
    cells: impl Iterator<Item = Vec<Cell<'a>>>,
) -> Result<()> {
    sheet.set_name(say(lang, name, &[])).map_err(failed)?;
    for (n, c) in columns.iter().enumerate() {
        sheet.write_string_with_format(0, n as u16, say(lang, &format!("col.{c}"), &[]), bold).map_err(failed)?;
    }
    sheet.set_freeze_panes(1, 0).map_err(failed)?;
    for (r, row) in cells.enumerate() {
        for (c, cell) in row.into_iter().enumerate() {
            let (r, c) = (r as u32 + 1, c as u16);
            match cell {
                Cell::Text(t) => sheet.write_string(r, c, t),
                Cell::Owned(t) => sheet.write_string(r, c, t),
                Cell::Number(Some(n)) => sheet.write_number(r, c, n),
                Cell::Number(None) => Ok(&mut *sheet),
            }
            .map_err(failed)?;
        }
    }
    Ok(())
}

enum Cell<'a> {
    Text(&'a str),
    Owned(String),
    Number(Option<f64>),
}

fn list(values: &[String]) -> Cell<'static> {
    Cell::Owned(values.join(", "))
}

fn name<'a>(name: &'a Option<String>, lang: &str) -> Cell<'a> {
    match name {
        Some(n) => Cell::Text(n),
        None => Cell::Owned(say(lang, "internal", &[])),
    }
}

fn items(sheet: &mut Worksheet, report: &Report, lang: &str, bold: &Format) -> Result<()> {
    let columns = ["item", "kind", "name", "classification", "date", "minutes", "themes", "audiences", "lead_units"];
    let cells = report.items.iter().map(|i| {
        vec![
            Cell::Text(&i.item),
            Cell::Text(&i.kind),
            name(&i.name, lang),
            Cell::Text(i.classification.code()),
            Cell::Text(&i.date),
            Cell::Number(i.minutes),
            list(&i.themes),
            list(&i.audiences),
            list(&i.lead_units),
        ]
    });
    rows(sheet, lang, bold, "sheet.items", &columns, cells)
}

fn reportages(sheet: &mut Worksheet, report: &Report, lang: &str, bold: &Format) -> Result<()> {
    let columns = ["item", "name", "classification", "date", "themes", "audiences", "lead_units"];
    let cells = report.reportages.iter().map(|r| {
        vec![
            Cell::Text(&r.item),
            name(&r.name, lang),
            Cell::Text(r.classification.code()),
            Cell::Text(&r.date),
            list(&r.themes),
            list(&r.audiences),
            list(&r.lead_units),
        ]
    });
    rows(sheet, lang, bold, "sheet.reportages", &columns, cells)
}

fn approvals(sheet: &mut Worksheet, report: &Report, lang: &str, bold: &Format) -> Result<()> {
    let columns = ["item", "part", "lang", "date", "minutes"];
    let cells = report.approvals.iter().map(|a| {
        vec![Cell::Text(&a.item), Cell::Text(&a.part), Cell::Text(&a.lang), Cell::Text(&a.at), Cell::Number(a.minutes)]
    });
    rows(sheet, lang, bold, "sheet.approvals", &columns, cells)
}

fn deliveries(sheet: &mut Worksheet, report: &Report, lang: &str, bold: &Format) -> Result<()> {
    let columns = [
        "entry",
        "date",
        "kit",
        "version",
        "recipient",
        "country",
        "channel",
        "profile",
        "languages",
        "contents",
        "by",
        "bag",
    ];
    let cells = report.deliveries.iter().map(|d| {
        vec![
            Cell::Number(Some(d.entry as f64)),
            Cell::Text(&d.at),
            Cell::Number(Some(d.kit as f64)),
            Cell::Number(Some(f64::from(d.version))),
            Cell::Text(&d.recipient),
            Cell::Text(d.country.as_deref().unwrap_or("")),
            Cell::Text(d.channel.as_deref().unwrap_or("")),
            Cell::Text(&d.profile),
            list(&d.languages),
            list(&d.contents),
            Cell::Text(&d.by),
            Cell::Text(&d.tagmanifest_sha256),
        ]
    });
    rows(sheet, lang, bold, "sheet.deliveries", &columns, cells)
}
