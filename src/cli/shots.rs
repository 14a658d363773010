//! `mediadesk shots …`: a film's shot list.

use std::io::Write;
use std::path::PathBuf;
use std::process::ExitCode;

use anyhow::Context;
use clap::Subcommand;
use mediadesk::Library;

use crate::print_json;

#[derive(Subcommand)]
pub enum ShotsCommand {
    /// The film's shots: times into the film and on its timecode, descriptions by language.
    List {
        asset: String,
        #[arg(long)]
        json: bool,
    },
    /// Replace the film's shot list with a CSV's: columns in (or tc_in), out (or tc_out),
    /// description (Vietnamese), description_XX (language XX), location, date, credit,
    /// restrictions; times as timecodes on the film (HH:MM:SS:FF) or times (HH:MM:SS.mmm).
    Import {
        asset: String,
        file: PathBuf,
        #[arg(long)]
        json: bool,
    },
    /// Write the shot list as CSV or PDF, in these languages (Vietnamese without --lang).
    Export {
        asset: String,
        #[arg(long)]
        lang: Vec<String>,
        /// csv or pdf
        #[arg(long, default_value = "csv")]
        format: String,
        #[arg(short, long)]
        output: Option<PathBuf>,
    },
    /// Clear the film's shot list (kits then list the film as one shot).
    Clear { asset: String },
}

pub fn run(library: &mut Library, command: ShotsCommand) -> anyhow::Result<ExitCode> {
    match command {
        ShotsCommand::List { asset, json } => {
            let shots = library.shots(&asset)?;
            if json {
                print_json(&shots)?;
            } else {
                for (i, s) in shots.iter().enumerate() {
                    let text = s.description.get("vi").or_else(|| s.description.values().next());
                    println!("{:>3}  {}  {}  {}", i + 1, s.tc_in, s.tc_out, text.map_or("", |t| t));
                }
            }
        }
        ShotsCommand::Import { asset, file, json } => {
            let report = library.import_shots(&asset, &file)?;
            if json {
                print_json(&report)?;
            } else {
                println!("{} shots for asset {}, replacing {}", report.shots, report.asset, report.replaced);
            }
        }
        ShotsCommand::Export { asset, lang, format, output } => {
            let bytes = library.shot_list(&asset, &lang, &format)?;
            match output {
                Some(path) => std::fs::write(&path, bytes).with_context(|| format!("writing {}", path.display()))?,
                None => std::io::stdout().lock().write_all(&bytes)?,
            }
        }
        ShotsCommand::Clear { asset } => {
            let report = library.set_shots(&asset, &[])?;
            println!("shot list of asset {} cleared ({} shots)", report.asset, report.replaced);
        }
    }
    Ok(ExitCode::SUCCESS)
}
