//! `mediadesk taxonomy …` and `mediadesk audit …`: the plan's lists, and the record of what
//! changed and left.

use std::process::ExitCode;

use clap::Subcommand;
use mediadesk::audit::Subject;
use mediadesk::taxonomy::List;
use mediadesk::Library;

use crate::print_json;

#[derive(Subcommand)]
pub enum TaxonomyCommand {
    /// Add a theme, audience, unit or channel (its id a slug; a theme's, its number).
    Add {
        /// theme, audience, unit or channel
        list: String,
        id: Option<String>,
        #[arg(long)]
        vi: String,
        #[arg(long)]
        en: String,
        /// A channel's group: mass_media, new_media, events, press_delegations, other
        #[arg(long)]
        group: Option<String>,
        /// A unit: make it a lead unit of this theme (repeat)
        #[arg(long = "lead-of", value_name = "THEME")]
        lead_of: Vec<String>,
    },
    /// Change a term's labels (items keep it: its id stays).
    Rename {
        list: String,
        id: String,
        #[arg(long)]
        vi: Option<String>,
        #[arg(long)]
        en: Option<String>,
    },
}

pub fn taxonomy(library: &mut Library, command: Option<TaxonomyCommand>, json: bool) -> anyhow::Result<ExitCode> {
    match command {
        Some(TaxonomyCommand::Add { list, id, vi, en, group, lead_of }) => {
            let id =
                library.add_taxonomy_term(List::parse(&list)?, id.as_deref(), &vi, &en, group.as_deref(), &lead_of)?;
            println!("{list} {id} added");
        }
        Some(TaxonomyCommand::Rename { list, id, vi, en }) => {
            library.rename_taxonomy_term(List::parse(&list)?, &id, vi.as_deref(), en.as_deref())?;
        }
        None => {
            let t = library.taxonomy()?;
            if json {
                print_json(&t)?;
            } else {
                println!("Themes:");
                for theme in &t.themes {
                    let leads: Vec<&str> = theme.lead_units.iter().map(|u| u.vi.as_str()).collect();
                    println!("  {:>2}. {} / {} — {}", theme.id, theme.vi, theme.en, leads.join("; "));
                }
                println!("Audiences:");
                for a in &t.audiences {
                    println!("  {:<22} {} / {}", a.id, a.vi, a.en);
                }
                println!("Channels:");
                for c in &t.channels {
                    println!("  {:<22} {} / {} ({})", c.id, c.vi, c.en, c.group.as_deref().unwrap_or("-"));
                }
                println!("Units:");
                for u in &t.units {
                    println!("  {:<22} {} / {}", u.id, u.vi, u.en);
                }
            }
        }
    }
    Ok(ExitCode::SUCCESS)
}

#[derive(Subcommand)]
pub enum AuditCommand {
    /// Walk the hash chain: exit 0 when it holds, 1 naming the first entry that does not fit.
    Verify {
        #[arg(long)]
        json: bool,
    },
}

pub fn audit(
    library: &Library,
    command: Option<AuditCommand>,
    asset: Option<String>,
    reportage: Option<String>,
    json: bool,
) -> anyhow::Result<ExitCode> {
    if let Some(AuditCommand::Verify { json }) = command {
        let v = library.verify_audit()?;
        if json {
            print_json(&v)?;
        } else if let Some(b) = &v.first_broken {
            println!("the audit log does not hold: {}", b.reason);
        } else {
            println!("the audit log holds: {} entries, newest {}", v.entries, v.head_hash.as_deref().unwrap_or("—"));
        }
        return Ok(if v.ok { ExitCode::SUCCESS } else { ExitCode::from(1) });
    }
    let subject = match (asset, reportage) {
        (Some(a), _) => Some(Subject::Asset(library.find_asset(&a)?.id)),
        (None, Some(r)) => Some(Subject::Reportage(library.find_reportage(&r)?.id)),
        (None, None) => None,
    };
    let entries = library.audit_entries(subject)?;
    if json {
        print_json(&entries)?;
    } else {
        for e in &entries {
            let about = match (e.asset_id, e.reportage_id) {
                (Some(a), _) => format!("asset {a}"),
                (None, Some(r)) => format!("reportage r:{r}"),
                (None, None) => "library".into(),
            };
            let d = &e.detail;
            let what = match (d.get("from"), d.get("to")) {
                (Some(from), Some(to)) => {
                    format!("{}: {from} → {to}", d.get("field").and_then(|f| f.as_str()).unwrap_or(""))
                }
                _ => d.to_string(),
            };
            let reason = d.get("reason").and_then(|r| r.as_str()).map(|r| format!(" ({r})")).unwrap_or_default();
            println!("{:>5} {} {:<10} {:<14} {about}: {what}{reason}", e.id, e.at, e.actor, e.action);
        }
    }
    Ok(ExitCode::SUCCESS)
}
