//! `mediadesk tour …`: press tours, checked out to a laptop as a library of their own.

use std::path::PathBuf;
use std::process::ExitCode;

use clap::Subcommand;
use mediadesk::tour::{CheckoutRequest, Choice, Conflict};
use mediadesk::Library;

use crate::print_json;

#[derive(Subcommand)]
pub enum TourCommand {
    /// Check reportages and assets out to a folder as a portable library (public items only).
    Checkout {
        /// The tour library's folder (new, or empty)
        #[arg(long)]
        to: PathBuf,
        /// Previews and proxies only, no originals: kits on the tour are built at preview size
        #[arg(long)]
        previews_only: bool,
        /// Every asset a search finds
        #[arg(long)]
        search: Option<String>,
        /// Assets (ids or paths) and reportages (r:N)
        items: Vec<String>,
        #[arg(long)]
        json: bool,
    },
    /// Merge a tour library back: new assets and reportages, edits field by field, its
    /// translations, kits, deliveries and audit entries. Exit 1 when conflicts wait.
    Merge {
        dir: PathBuf,
        #[arg(long)]
        json: bool,
    },
    /// The fields home and a tour both changed, differently, waiting for an editor.
    Conflicts {
        #[arg(long)]
        json: bool,
    },
    /// Settle a conflict: keep home's value (ours), take the tour's (theirs), or type another.
    Resolve {
        /// As `tour conflicts` names it: "12", "r:3"
        item: String,
        /// As `tour conflicts` names it: "caption:en", "headline", "keywords"
        field: String,
        /// ours or theirs
        choice: Option<String>,
        /// A value of your own (a list separated by commas)
        #[arg(long, conflicts_with = "choice")]
        value: Option<String>,
        #[arg(long)]
        json: bool,
    },
    /// The tours checked out of this library.
    List {
        #[arg(long)]
        json: bool,
    },
}

pub fn run(library: &mut Library, command: TourCommand, actor: &str) -> anyhow::Result<ExitCode> {
    match command {
        TourCommand::Checkout { to, previews_only, search, items, json } => {
            let mut refs = Vec::new();
            for item in &items {
                refs.push(library.kit_ref(item)?);
            }
            if let Some(q) = search.as_deref() {
                let ids = crate::cli::record::targets(library, &[], Some(q))?;
                refs.extend(ids.into_iter().map(mediadesk::translation::Item::Asset));
            }
            anyhow::ensure!(!refs.is_empty(), "name the items to check out (ids, paths, r:N) or --search QUERY");
            let request = CheckoutRequest { to, previews_only, items: refs };
            let (ctx, bar) = crate::job(json)?;
            let outcome = library.tour_checkout(&request, actor, &ctx);
            bar.finish_and_clear();
            let checkout = match outcome {
                Err(mediadesk::Error::Cancelled) => {
                    eprintln!("mediadesk: the check-out was stopped; run the same command again to finish it");
                    return Ok(ExitCode::from(130));
                }
                other => other?,
            };
            if json {
                print_json(&checkout)?;
            } else {
                println!(
                    "checked out to {}: {} assets, {} reportages ({} files, {} bytes{})",
                    checkout.path,
                    checkout.assets,
                    checkout.reportages,
                    checkout.files,
                    checkout.bytes,
                    if checkout.previews_only { ", previews only" } else { "" }
                );
                for r in &checkout.refused {
                    println!("  left behind {}: {}", r.item, r.reason);
                }
                for a in &checkout.without_original {
                    println!("  {a}: its original was not found; it goes with its previews only");
                }
            }
        }
        TourCommand::Merge { dir, json } => {
            let (ctx, bar) = crate::job(json)?;
            let outcome = library.tour_merge(&dir, actor, &ctx);
            bar.finish_and_clear();
            let report = match outcome {
                Err(mediadesk::Error::Cancelled) => {
                    eprintln!("mediadesk: the merge was stopped; run the same command again to finish it");
                    return Ok(ExitCode::from(130));
                }
                other => other?,
            };
            if json {
                print_json(&report)?;
            } else {
                println!(
                    "merged tour {}: {} new assets, {} new reportages, {} items updated, {} kits, {} deliveries, {} audit entries",
                    report.tour,
                    report.new_assets,
                    report.new_reportages,
                    report.updated,
                    report.new_kits,
                    report.deliveries,
                    report.audit_entries
                );
                for a in &report.without_original {
                    println!("  the tour's asset {a} has no original any more: it came with its previews only");
                }
                print_conflicts(&report.conflicts);
            }
            return Ok(if report.conflicts.is_empty() { ExitCode::SUCCESS } else { ExitCode::from(1) });
        }
        TourCommand::Conflicts { json } => {
            let conflicts = library.tour_conflicts()?;
            if json {
                print_json(&conflicts)?;
            } else {
                print_conflicts(&conflicts);
            }
        }
        TourCommand::Resolve { item, field, choice, value, json } => {
            let choice = match (choice.as_deref(), value) {
                (Some("ours"), None) => Choice::Ours,
                (Some("theirs"), None) => Choice::Theirs,
                (None, Some(v)) => Choice::Value(v),
                (Some(other), _) => anyhow::bail!("settle a conflict with ours, theirs or --value V, not {other:?}"),
                (None, None) => anyhow::bail!("settle a conflict with ours, theirs or --value V"),
            };
            let settled = library.resolve_conflict(&item, &field, &choice, actor)?;
            if json {
                print_json(&settled)?;
            } else {
                println!("{} of {} settled", settled.field, settled.item);
            }
        }
        TourCommand::List { json } => {
            let tours = library.tours()?;
            if json {
                print_json(&tours)?;
            } else {
                for t in tours {
                    println!(
                        "{}  {}  by {}  {}{}",
                        t.checked_out_at,
                        t.path,
                        t.actor,
                        t.uid,
                        t.merged_at.map(|m| format!("  merged {m}")).unwrap_or_default()
                    );
                }
            }
        }
    }
    Ok(ExitCode::SUCCESS)
}

fn print_conflicts(conflicts: &[Conflict]) {
    if !conflicts.is_empty() {
        println!(
            "{} conflicts wait (settle each with `mediadesk tour resolve ITEM FIELD ours|theirs|--value V`):",
            conflicts.len()
        );
    }
    for c in conflicts {
        let who = |at: &Option<String>, by: &Option<String>| match (at, by) {
            (Some(at), Some(by)) => format!(" ({by}, {at})"),
            _ => String::new(),
        };
        println!("  {} {}", c.item, c.field);
        println!("    ours{}: {}", who(&c.ours_at, &c.ours_by), c.ours);
        println!("    theirs{}: {}", who(&c.theirs_at, &c.theirs_by), c.theirs);
    }
}

pub fn info(library: &Library, json: bool) -> anyhow::Result<ExitCode> {
    let identity = library.identity()?;
    let assets = library.asset_count()?;
    if json {
        let info = serde_json::json!({
            "path": library.root().to_string_lossy(),
            "assets": assets,
            "library": identity,
        });
        print_json(&info)?;
    } else {
        println!("{}: {assets} assets, library {}", library.root().display(), identity.uid);
        if let Some(origin) = &identity.origin_uid {
            println!(
                "a tour library, checked out of library {origin} at {}{}",
                identity.checked_out_at.as_deref().unwrap_or("?"),
                if identity.previews_only { ", with previews only: kits are built at preview size" } else { "" }
            );
        }
    }
    Ok(ExitCode::SUCCESS)
}
