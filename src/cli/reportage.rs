//! `mediadesk reportage …`: stories in several languages, their items, article import.

use std::path::PathBuf;
use std::process::ExitCode;

use anyhow::Context;
use clap::Subcommand;
use mediadesk::catalog::Classification;
use mediadesk::reportage::{Reportage, ReportageChange, ReportageStatus, ReportageSummary, Role};
use mediadesk::Library;

use crate::print_json;

// Parsed once per run: boxing variants would only make the commands harder to read.
#[allow(clippy::large_enum_variant)]
#[derive(Subcommand)]
pub enum ReportageCommand {
    /// Start a reportage with its headline (Vietnamese unless --lang says otherwise).
    New {
        headline: String,
        #[arg(long, default_value = "vi")]
        lang: String,
        #[arg(long)]
        json: bool,
    },
    /// Change a reportage: its texts in a language, its record, its status.
    Set {
        reportage: String,
        /// The language of --headline, --standfirst and --body-file (default vi)
        #[arg(long)]
        lang: Option<String>,
        #[arg(long)]
        headline: Option<String>,
        #[arg(long)]
        standfirst: Option<String>,
        /// The body, as a Markdown file
        #[arg(long)]
        body_file: Option<PathBuf>,
        #[arg(long)]
        byline: Option<String>,
        #[arg(long)]
        dateline: Option<String>,
        /// Notes not for publication
        #[arg(long)]
        notes: Option<String>,
        /// draft, editing, approved or published
        #[arg(long)]
        status: Option<String>,
        #[command(flatten)]
        facets: crate::cli::record::FacetArgs,
        #[arg(long)]
        classification: Option<Classification>,
        /// Why (required when the classification is lowered)
        #[arg(long)]
        reason: Option<String>,
        /// Not to be published before: YYYY-MM-DD[THH:MM] or RFC 3339; "" clears
        #[arg(long)]
        embargo: Option<String>,
        #[arg(long)]
        json: bool,
    },
    /// Add assets (ids or paths) with a role, at a position (from 1; the end by default).
    Add {
        reportage: String,
        #[arg(required = true)]
        assets: Vec<String>,
        /// hero, gallery (default), main_film, b_roll, interview or document
        #[arg(long, default_value = "gallery")]
        role: String,
        #[arg(long)]
        at: Option<u32>,
        #[arg(long)]
        json: bool,
    },
    /// Take an asset out of a reportage.
    Remove {
        reportage: String,
        asset: String,
        #[arg(long)]
        json: bool,
    },
    /// Put a reportage's items in this order (each named once).
    Order {
        reportage: String,
        #[arg(required = true)]
        assets: Vec<String>,
        #[arg(long)]
        json: bool,
    },
    /// Read an article (.docx, .odt, .md, .txt) into a reportage's texts in a language.
    Import {
        reportage: String,
        file: PathBuf,
        #[arg(long, default_value = "vi")]
        lang: String,
        /// Take the first paragraph as the standfirst
        #[arg(long)]
        standfirst: bool,
        #[arg(long)]
        json: bool,
    },
    List {
        #[arg(long)]
        json: bool,
    },
    Show {
        reportage: String,
        #[arg(long)]
        json: bool,
    },
}

pub fn run(library: &mut Library, command: ReportageCommand) -> anyhow::Result<ExitCode> {
    let actor = mediadesk::library::actor();
    let (reportage, json) = match command {
        ReportageCommand::New { headline, lang, json } => (library.new_reportage(&headline, &lang, &actor)?, json),
        ReportageCommand::Set {
            reportage,
            lang,
            headline,
            standfirst,
            body_file,
            byline,
            dateline,
            notes,
            status,
            facets,
            classification,
            reason,
            embargo,
            json,
        } => {
            let id = library.find_reportage(&reportage)?.id;
            let body = match body_file {
                Some(file) => {
                    let bytes = std::fs::read(&file).with_context(|| format!("cannot read {}", file.display()))?;
                    let (text, _) = mediadesk::text::decode_text(&bytes)
                        .map_err(|reason| anyhow::anyhow!("{}: {reason}", file.display()))?;
                    Some(text)
                }
                None => None,
            };
            let mut change = ReportageChange {
                lang,
                headline,
                standfirst,
                body,
                byline,
                dateline,
                notes,
                status: status.map(|s| ReportageStatus::parse(&s)).transpose()?,
                classification,
                reason,
                embargo_until: embargo,
                ..ReportageChange::default()
            };
            for (facet, values) in facets.given() {
                *change.facet_mut(facet) = Some(values);
            }
            (library.set_reportage(id, &change, &actor)?, json)
        }
        ReportageCommand::Add { reportage, assets, role, at, json } => {
            let id = library.find_reportage(&reportage)?.id;
            let ids = crate::cli::record::targets(library, &assets, None)?;
            (library.add_to_reportage(id, &ids, Role::parse(&role)?, at, &actor)?, json)
        }
        ReportageCommand::Remove { reportage, asset, json } => {
            let id = library.find_reportage(&reportage)?.id;
            let asset = library.find_asset(&asset)?.id;
            (library.remove_from_reportage(id, asset, &actor)?, json)
        }
        ReportageCommand::Order { reportage, assets, json } => {
            let id = library.find_reportage(&reportage)?.id;
            let ids = crate::cli::record::targets(library, &assets, None)?;
            (library.order_reportage(id, &ids, &actor)?, json)
        }
        ReportageCommand::Import { reportage, file, lang, standfirst, json } => {
            let id = library.find_reportage(&reportage)?.id;
            let report = library.import_article(id, &file, &lang, standfirst, &actor)?;
            if json {
                print_json(&report)?;
            } else {
                println!(
                    "{} ({}{}) read into reportage {} [{}]",
                    file.display(),
                    report.format,
                    report.encoding.as_deref().map(|e| format!(", {e}")).unwrap_or_default(),
                    id,
                    report.lang
                );
                for image in &report.images {
                    println!("  picture not imported: {image}");
                }
                for note in &report.notes {
                    println!("  {note}");
                }
            }
            return Ok(ExitCode::SUCCESS);
        }
        ReportageCommand::List { json } => {
            let all = library.reportages()?;
            if json {
                print_json(&all)?;
            } else {
                print_summaries(&all);
            }
            return Ok(ExitCode::SUCCESS);
        }
        ReportageCommand::Show { reportage, json } => (library.find_reportage(&reportage)?, json),
    };
    if json {
        print_json(&reportage)?;
    } else {
        print_reportage(&reportage);
    }
    Ok(ExitCode::SUCCESS)
}

fn stamp(c: Classification) -> String {
    if c == Classification::Public {
        String::new()
    } else {
        format!(" [{}]", c.label_vi())
    }
}

pub fn print_summaries(all: &[ReportageSummary]) {
    for r in all {
        println!(
            "r:{:<5} {:<10} {:<12} {}{}",
            r.id,
            r.status.code(),
            r.languages.join(","),
            r.headline.as_deref().unwrap_or("—"),
            stamp(r.effective_classification)
        );
    }
    eprintln!("{} reportage{}", all.len(), if all.len() == 1 { "" } else { "s" });
}

fn print_reportage(r: &Reportage) {
    println!("reportage r:{} — {}{}", r.id, r.status.code(), stamp(r.effective_classification));
    if r.effective_classification != r.classification {
        println!("  its own classification: {} (its items raise it)", r.classification.label_vi());
    }
    if let Some(e) = &r.effective_embargo_until {
        println!("  embargo until {e}");
    }
    for (lang, h) in &r.headline {
        println!("  [{lang}] {h}");
        if let Some(s) = r.standfirst.get(lang) {
            println!("       {s}");
        }
        if let Some(b) = r.body.get(lang) {
            println!("       body: {} words", b.split_whitespace().count());
        }
    }
    for (label, value) in [("byline", &r.byline), ("dateline", &r.dateline), ("notes", &r.notes)] {
        if let Some(v) = value {
            println!("  {label:<9}{v}");
        }
    }
    let facets = [
        ("themes", r.themes.iter().map(u32::to_string).collect::<Vec<_>>()),
        ("audiences", r.audiences.clone()),
        ("lead units", r.lead_units.clone()),
        ("channels", r.channels.clone()),
    ];
    for (label, values) in facets {
        if !values.is_empty() {
            println!("  {label:<11}{}", values.join(", "));
        }
    }
    for i in &r.items {
        println!(
            "  {:>3}. {:<10} #{:<6} {:<6} {}{}",
            i.position,
            i.role.code(),
            i.asset_id,
            i.kind,
            i.name,
            stamp(i.classification)
        );
    }
}
