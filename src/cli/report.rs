//! `mediadesk report`: the yearly results report plan 160 asks for, as PDF, XLSX, CSV or JSON.

use std::path::PathBuf;
use std::process::ExitCode;

use clap::Args;
use mediadesk::report::{Format, Heading, Period};
use mediadesk::Library;

use crate::print_json;

#[derive(Args)]
pub struct ReportArgs {
    /// The year reported on
    #[arg(long)]
    year: Option<i32>,
    /// The first day of a shorter period, YYYY-MM-DD
    #[arg(long)]
    from: Option<String>,
    /// The last day of a shorter period, YYYY-MM-DD
    #[arg(long)]
    to: Option<String>,
    /// The PDF's, the workbook's and the CSV's language: vi or en
    #[arg(long, default_value = "vi")]
    lang: String,
    /// pdf, xlsx, csv or json
    #[arg(long)]
    format: String,
    /// The file to write (a JSON report goes to standard output without one)
    #[arg(short = 'o', long = "output")]
    output: Option<PathBuf>,
    /// The reporting unit, as the title block names it ("Báo Đồng Nai")
    #[arg(long)]
    unit: Option<String>,
    /// The body above the unit ("UBND tỉnh Đồng Nai")
    #[arg(long)]
    parent: Option<String>,
    /// The document's number ("125/BC-BĐN")
    #[arg(long)]
    number: Option<String>,
    /// The place of the dateline (default Đồng Nai)
    #[arg(long)]
    place: Option<String>,
    /// The report's date, YYYY-MM-DD (default today)
    #[arg(long)]
    date: Option<String>,
    /// What was written, as JSON
    #[arg(long)]
    json: bool,
}

pub fn run(library: &mut Library, args: ReportArgs) -> anyhow::Result<ExitCode> {
    let period = Period::new(args.year, args.from.as_deref(), args.to.as_deref())?;
    let format = Format::parse(&args.format)?;
    let Some(output) = args.output else {
        anyhow::ensure!(format == Format::Json, "name the file to write with -o FILE");
        print_json(&library.report(&period)?)?;
        return Ok(ExitCode::SUCCESS);
    };
    let heading =
        Heading { unit: args.unit, parent: args.parent, number: args.number, place: args.place, date: args.date };
    let written = library.write_report(&period, format, &args.lang, &heading, &output)?;
    if args.json {
        print_json(&written)?;
    } else {
        println!(
            "{} ({} bytes){}",
            written.path,
            written.bytes,
            if written.empty { ": nothing was made or delivered in the period" } else { "" }
        );
    }
    Ok(ExitCode::SUCCESS)
}
