//! The yearly results report plan 160/KH-UBND asks of every unit (section VI.3), for the
//! provincial People's Committee and the Ministry: what was made, on which of the plan's
//! themes, for whom, in which languages, and what was delivered to whom — each figure counted
//! from rows that travel with it, so that it can be counted again. Nothing at Mật or above is
//! read into a report; internal work is counted but not named; what a delivery carried is
//! named only while it is public.

mod csv_out;
mod figures;
mod pdf;
mod period;
mod rows;
mod tables;
mod xlsx;

use std::path::{Path, PathBuf};

use serde::{Deserialize, Serialize};

pub use figures::{Figures, LanguageRow, RecipientRow, ThemeRow};
pub use period::Period;
pub use rows::{Approval, MadeItem, PublishedReportage};

use crate::error::{Error, IoContext, Result};
use crate::kits::Delivery;
use crate::Library;

#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize, specta::Type)]
#[serde(rename_all = "lowercase")]
pub enum Format {
    Pdf,
    Xlsx,
    Csv,
    Json,
}

impl Format {
    pub fn parse(text: &str) -> Result<Format> {
        match text {
            "pdf" => Ok(Format::Pdf),
            "xlsx" => Ok(Format::Xlsx),
            "csv" => Ok(Format::Csv),
            "json" => Ok(Format::Json),
            _ => Err(Error::InvalidInput(format!("a report is written as pdf, xlsx, csv or json, not {text:?}"))),
        }
    }

    fn code(self) -> &'static str {
        match self {
            Format::Pdf => "pdf",
            Format::Xlsx => "xlsx",
            Format::Csv => "csv",
            Format::Json => "json",
        }
    }
}

/// Who reports, and where and when, as the title block of an official report names them;
/// what is not given is left as dots to fill in by hand.
#[derive(Debug, Clone, Default, PartialEq, Deserialize, specta::Type)]
#[serde(default)]
pub struct Heading {
    /// The reporting unit ("Báo Đồng Nai"), and the body above it.
    pub unit: Option<String>,
    pub parent: Option<String>,
    /// The document's number ("125/BC-BĐN").
    pub number: Option<String>,
    pub place: Option<String>,
    /// The report's date, YYYY-MM-DD (today when not given).
    pub date: Option<String>,
}

/// A period's report: its figures, the same figures a year before, and the rows behind them.
#[derive(Debug, Clone, PartialEq, Serialize, specta::Type)]
pub struct Report {
    pub year: i32,
    pub from: String,
    pub to: String,
    #[serde(flatten)]
    pub figures: Figures,
    /// The same days a year earlier, when anything was made or delivered then.
    pub previous: Option<Figures>,
    /// Nothing was made, approved or delivered in the period.
    pub empty: bool,
    /// What the item figures count: the photos, films and sounds made.
    pub items: Vec<MadeItem>,
    pub reportages: Vec<PublishedReportage>,
    /// What the language figures count.
    pub approvals: Vec<Approval>,
    /// What the kit figures count: the register's entries.
    pub deliveries: Vec<Delivery>,
    /// The foreign press delegations served (recipients of delegation kits).
    pub delegations: Vec<String>,
}

/// A report written to a file.
#[derive(Debug, Clone, PartialEq, Serialize, specta::Type)]
pub struct Written {
    pub path: String,
    pub format: Format,
    pub bytes: u64,
    pub empty: bool,
}

impl Library {
    /// The report of `period`.
    pub fn report(&self, period: &Period) -> Result<Report> {
        let (conn, offset) = (self.conn(), self.local_offset());
        let taxonomy = crate::taxonomy::load(conn)?;
        let figures_of = |p: &Period| -> Result<_> {
            let made = rows::made(conn, p, offset)?;
            let published = rows::published(conn, p, offset)?;
            let approvals = rows::approvals(conn, p, offset)?;
            let deliveries = rows::deliveries(conn, p, offset)?;
            let f = figures::count(&taxonomy, &p.months(), offset, (&made, &published, &approvals, &deliveries));
            Ok((f, made, published, approvals, deliveries))
        };
        let (figures, items, reportages, approvals, deliveries) = figures_of(period)?;
        let previous = figures_of(&period.previous())?.0;
        let mut delegations: Vec<String> =
            deliveries.iter().filter(|d| d.profile == "delegation").map(|d| d.recipient.clone()).collect();
        delegations.sort();
        delegations.dedup();
        Ok(Report {
            year: period.year,
            from: period::iso(period.from),
            to: period::iso(period.to),
            empty: figures.is_empty(),
            figures,
            previous: Some(previous).filter(|p| !p.is_empty()),
            items,
            reportages,
            approvals,
            deliveries,
            delegations,
        })
    }

    /// Writes the report of `period` to `out` as `format` (the PDF in `lang`, vi or en), whole
    /// or not at all, and records the export in the audit log. A place that cannot be written
    /// is refused before any work.
    pub fn write_report(
        &mut self,
        period: &Period,
        format: Format,
        lang: &str,
        heading: &Heading,
        out: &Path,
    ) -> Result<Written> {
        if !matches!(lang, "vi" | "en") {
            return Err(Error::InvalidInput(format!("a report is written in vi or en, not {lang:?}")));
        }
        let part = writable(out)?;
        let report = self.report(period)?;
        let written = (|| -> Result<()> {
            let file = std::fs::File::create(&part).at(&part)?;
            let mut w = std::io::BufWriter::new(file);
            match format {
                Format::Json => serde_json::to_writer(&mut w, &report).map_err(|e| Error::io(&part, e.into()))?,
                Format::Csv => {
                    csv_out::write(&mut w, &report, &self.taxonomy()?, lang).map_err(|e| Error::io(&part, e))?
                }
                Format::Xlsx => xlsx::write(&mut w, &report, &self.taxonomy()?, lang)?,
                Format::Pdf => {
                    let date =
                        heading.date.clone().unwrap_or_else(|| rows::local_date(&self.now(), self.local_offset()));
                    let bytes = pdf::render(&report, &self.taxonomy()?, lang, heading, (&date, self.local_offset()))?;
                    std::io::Write::write_all(&mut w, &bytes).at(&part)?;
                }
            }
            let file = w.into_inner().map_err(|e| Error::io(&part, e.into_error()))?;
            file.sync_all().at(&part)
        })();
        if let Err(e) = written {
            let _ = std::fs::remove_file(&part);
            return Err(e);
        }
        std::fs::rename(&part, out).at(out)?;
        let bytes = std::fs::metadata(out).at(out)?.len();
        let (path, now, actor) = (out.to_string_lossy().into_owned(), self.now(), crate::library::actor());
        let detail = serde_json::json!({
            "year": report.year, "from": report.from, "to": report.to, "format": format.code(), "lang": lang,
            "path": path, "bytes": bytes, "kits": report.figures.kits, "deliveries": report.figures.deliveries_count,
        });
        self.in_safe_write(&actor, |tx| {
            crate::audit::append(tx, &now, &actor, "report", crate::audit::Subject::Library, &detail).map(|_| ())
        })?;
        Ok(Written { path, format, bytes, empty: report.empty })
    }
}

/// The temporary file a report to `out` is written to, once `out` is known to be writable:
/// not a folder, in a folder that exists and takes a new file.
fn writable(out: &Path) -> Result<PathBuf> {
    if out.is_dir() {
        return Err(Error::InvalidInput(format!("{} is a folder: name the report's file", out.display())));
    }
    let name = out.file_name().ok_or_else(|| Error::InvalidInput(format!("{} names no file", out.display())))?;
    let folder = out.parent().filter(|p| !p.as_os_str().is_empty()).unwrap_or(Path::new("."));
    if !folder.is_dir() {
        return Err(Error::InvalidInput(format!(
            "{} cannot be written: its folder {} does not exist",
            out.display(),
            folder.display()
        )));
    }
    let part = folder.join(format!(".{}.part", name.to_string_lossy()));
    std::fs::File::create(&part).at(&part)?;
    Ok(part)
}
