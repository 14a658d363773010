//! `mediadesk kit …` and `mediadesk profile …`: press kits, their preflight, their profiles.

use std::path::PathBuf;
use std::process::ExitCode;

use anyhow::Context;
use clap::{Args, Subcommand};
use mediadesk::gate::{Finding, Rule};
use mediadesk::kits::{Kit, KitChange, KitRef, NewKit, Outcome, Preflight, Profile};
use mediadesk::Library;

use crate::print_json;

/// A kit's record, as `kit new` and `kit set` take it.
#[derive(Args, Default)]
pub struct KitFields {
    /// The kit profile: newspaper, agency, broadcaster, delegation, social-square, web, or one saved
    #[arg(long)]
    profile: Option<String>,
    /// A target language (repeat for several, in order): vi, en, ko, ja, zh-Hans, …
    #[arg(long = "lang")]
    languages: Vec<String>,
    /// Who receives it: a person, a desk, a delegation
    #[arg(long)]
    recipient: Option<String>,
    /// The recipient's country (ISO 3166-1: KR, JP, …): territories are checked against it
    #[arg(long)]
    country: Option<String>,
    #[arg(long)]
    outlet: Option<String>,
    #[arg(long)]
    contact: Option<String>,
    /// The channel of the plan it goes out through (newspaper, press_delegations, …)
    #[arg(long)]
    channel: Option<String>,
    /// When the recipient gets it: YYYY-MM-DD[THH:MM] (local time) or RFC 3339
    #[arg(long)]
    deliver_at: Option<String>,
    #[arg(long)]
    title: Option<String>,
    #[arg(long)]
    notes: Option<String>,
    /// Put the Vietnamese beside each target language (the delegation profile does by default)
    #[arg(long, conflicts_with = "without_vietnamese")]
    with_vietnamese: bool,
    #[arg(long)]
    without_vietnamese: bool,
}

impl KitFields {
    fn beside(&self) -> Option<bool> {
        match (self.with_vietnamese, self.without_vietnamese) {
            (true, _) => Some(true),
            (_, true) => Some(false),
            _ => None,
        }
    }
}

#[derive(Subcommand)]
pub enum KitCommand {
    /// Start a kit: its profile, languages, recipient, and any items (asset ids or paths, r:N).
    New {
        #[command(flatten)]
        fields: KitFields,
        items: Vec<String>,
        #[arg(long)]
        json: bool,
    },
    /// Change a kit's record.
    Set {
        kit: i64,
        #[command(flatten)]
        fields: KitFields,
        #[arg(long)]
        json: bool,
    },
    /// Add items: asset ids or paths, r:N for a reportage (with its texts and items).
    Add {
        kit: i64,
        #[arg(required = true)]
        items: Vec<String>,
        #[arg(long)]
        json: bool,
    },
    /// Remove items; an asset of one of the kit's reportages is dropped from this kit only.
    Remove {
        kit: i64,
        #[arg(required = true)]
        items: Vec<String>,
        #[arg(long)]
        json: bool,
    },
    Show {
        kit: i64,
        #[arg(long)]
        json: bool,
    },
    List {
        #[arg(long)]
        json: bool,
    },
    /// Every reason an item may not go yet, with its fix; exit 1 when there is one.
    Preflight {
        kit: i64,
        /// Judge embargoes and rights at this time instead of the delivery time
        #[arg(long)]
        at: Option<String>,
        #[arg(long)]
        json: bool,
    },
    /// Accept a soft finding (translation, subtitles, missing_field) for one item, with a reason.
    Accept {
        kit: i64,
        item: String,
        rule: String,
        #[arg(long)]
        reason: String,
        #[arg(long)]
        json: bool,
    },
    /// Build the kit into a folder under DIR (a BagIt bag), and a ZIP of it with --zip; a job
    /// with progress, stopped by Ctrl-C and taken up where it stopped by running it again.
    Build {
        kit: i64,
        #[arg(short = 'o', long = "out")]
        out: PathBuf,
        #[arg(long)]
        zip: bool,
        #[arg(long)]
        json: bool,
    },
    /// Check a built kit (its folder or ZIP) as its receiver would, and against this library.
    Verify {
        path: PathBuf,
        #[arg(long)]
        json: bool,
    },
    /// Open the newest build of a kit (or --version N): its site in the browser when it has
    /// one, else its folder.
    Open {
        kit: i64,
        #[arg(long)]
        version: Option<u32>,
        /// Print what would open instead of opening it.
        #[arg(long)]
        print: bool,
    },
}

#[derive(Subcommand)]
pub enum ProfileCommand {
    List {
        #[arg(long)]
        json: bool,
    },
    Show {
        name: String,
        #[arg(long)]
        json: bool,
    },
    /// Save a profile (new, or a shipped one changed) from a JSON file.
    Save {
        name: String,
        file: PathBuf,
        #[arg(long)]
        json: bool,
    },
}

fn refs(library: &Library, items: &[String]) -> anyhow::Result<Vec<KitRef>> {
    items.iter().map(|i| library.kit_ref(i).map_err(Into::into)).collect()
}

pub fn run(library: &mut Library, command: KitCommand) -> anyhow::Result<ExitCode> {
    let (kit, json) = match command {
        KitCommand::New { fields, items, json } => {
            let new = NewKit {
                profile: fields.profile.clone().context("a kit needs a profile (--profile newspaper)")?,
                vietnamese_beside: fields.beside(),
                recipient: fields.recipient.clone().unwrap_or_default(),
                languages: fields.languages.clone(),
                title: fields.title.clone(),
                outlet: fields.outlet.clone(),
                country: fields.country.clone(),
                contact: fields.contact.clone(),
                channel: fields.channel.clone(),
                deliver_at: fields.deliver_at.clone(),
                notes: fields.notes.clone(),
            };
            let items = refs(library, &items)?;
            (library.new_kit(&new, &items)?, json)
        }
        KitCommand::Set { kit, fields, json } => {
            let change = KitChange {
                vietnamese_beside: fields.beside(),
                languages: (!fields.languages.is_empty()).then_some(fields.languages),
                profile: fields.profile,
                recipient: fields.recipient,
                title: fields.title,
                outlet: fields.outlet,
                country: fields.country,
                contact: fields.contact,
                channel: fields.channel,
                deliver_at: fields.deliver_at,
                notes: fields.notes,
            };
            (library.change_kit(kit, &change)?, json)
        }
        KitCommand::Add { kit, items, json } => {
            let items = refs(library, &items)?;
            (library.add_to_kit(kit, &items)?, json)
        }
        KitCommand::Remove { kit, items, json } => {
            let items = refs(library, &items)?;
            (library.remove_from_kit(kit, &items)?, json)
        }
        KitCommand::Show { kit, json } => (library.kit(kit)?, json),
        KitCommand::List { json } => {
            let kits = library.kits()?;
            if json {
                print_json(&kits)?;
            } else {
                for k in kits {
                    println!(
                        "{:>4}  {:<14} {:<12} {} ({} items, {} built){}",
                        k.id,
                        k.profile,
                        k.languages.join(","),
                        k.recipient,
                        k.items,
                        k.built_versions,
                        k.deliver_at.map(|t| format!(", for {t}")).unwrap_or_default()
                    );
                }
            }
            return Ok(ExitCode::SUCCESS);
        }
        KitCommand::Preflight { kit, at, json } => {
            let report = library.preflight(kit, at.as_deref())?;
            if json {
                print_json(&report)?;
            } else {
                print_preflight(&report);
            }
            return Ok(if report.ok { ExitCode::SUCCESS } else { ExitCode::from(1) });
        }
        KitCommand::Build { kit, out, zip, json } => return build(library, kit, &out, zip, json),
        KitCommand::Open { kit, version, print } => {
            let target = if print { library.kit_entry_point(kit, version)? } else { library.open_kit(kit, version)? };
            println!("{}", target.display());
            return Ok(ExitCode::SUCCESS);
        }
        KitCommand::Verify { path, json } => {
            let report = mediadesk::kits::verify::verify(&path, Some(library))?;
            if json {
                print_json(&report)?;
            } else {
                for p in &report.problems {
                    let at = if p.path.is_empty() { String::new() } else { format!("{}: ", p.path) };
                    println!("PROBLEM {at}{}", p.reason);
                }
                println!(
                    "{}: {} ({} files)",
                    report.bag,
                    if report.ok { "verified" } else { "NOT valid" },
                    report.files
                );
            }
            return Ok(if report.ok { ExitCode::SUCCESS } else { ExitCode::from(1) });
        }
        KitCommand::Accept { kit, item, rule, reason, json } => {
            let rule = Rule::parse(&rule)?;
            (library.accept_in_kit(kit, &item, rule, &reason, &mediadesk::library::actor())?, json)
        }
    };
    if json {
        print_json(&kit)?;
    } else {
        print_kit(&kit);
    }
    Ok(ExitCode::SUCCESS)
}

fn build(library: &mut Library, kit: i64, out: &std::path::Path, zip: bool, json: bool) -> anyhow::Result<ExitCode> {
    let (ctx, bar) = crate::job(json)?;
    let outcome = library.build_kit(kit, out, zip, &mediadesk::library::actor(), &ctx);
    bar.finish_and_clear();
    match outcome? {
        Outcome::Built(built) => {
            if json {
                print_json(&built)?;
            } else {
                println!(
                    "kit {} version {} built: {} ({} files, {} bytes{})",
                    built.kit,
                    built.version,
                    built.path,
                    built.files,
                    built.bytes,
                    if built.reused > 0 {
                        format!(", {} photos taken up from the run before", built.reused)
                    } else {
                        String::new()
                    }
                );
                if let Some(z) = &built.zip {
                    println!("  zip: {z}");
                }
            }
            Ok(ExitCode::SUCCESS)
        }
        Outcome::Blocked(report) => {
            if json {
                print_json(&serde_json::json!({ "kit": kit, "built": false, "preflight": report }))?;
            } else {
                print_preflight(&report);
                eprintln!("mediadesk: kit {kit} was not built: its preflight has blockers");
            }
            Ok(ExitCode::from(1))
        }
        Outcome::Cancelled => {
            eprintln!("mediadesk: the build of kit {kit} was stopped; run the same command again to finish it");
            Ok(ExitCode::from(130))
        }
    }
}

pub fn deliveries(library: &Library, json: bool) -> anyhow::Result<ExitCode> {
    let all = library.deliveries()?;
    if json {
        print_json(&all)?;
    } else {
        for d in &all {
            println!(
                "{}  kit {} v{}  {} to {}{} [{}] {} items  {}  by {}",
                d.at,
                d.kit,
                d.version,
                d.profile,
                d.recipient,
                d.country.as_deref().map(|c| format!(" ({c})")).unwrap_or_default(),
                d.languages.join(", "),
                d.contents.len(),
                d.path,
                d.by
            );
        }
    }
    Ok(ExitCode::SUCCESS)
}

fn print_kit(kit: &Kit) {
    println!(
        "kit {} — {} for {}{} [{}{}], version {} next",
        kit.id,
        kit.profile,
        kit.recipient,
        kit.country.as_deref().map(|c| format!(" ({c})")).unwrap_or_default(),
        kit.languages.join(", "),
        if kit.vietnamese_beside { " + vi beside" } else { "" },
        kit.version
    );
    if let Some(at) = &kit.deliver_at {
        println!("  delivered at {at}");
    }
    for item in &kit.items {
        println!("  {:>3}. {:<6} {:<10} {} [{}]", item.position, item.item, item.kind, item.name, item.classification);
    }
    if !kit.excluded.is_empty() {
        let ids: Vec<String> = kit.excluded.iter().map(i64::to_string).collect();
        println!("  dropped from its reportages: {}", ids.join(", "));
    }
}

fn print_finding(label: &str, f: &Finding) {
    let about = match (&f.lang, &f.field) {
        (Some(l), Some(field)) => format!(" [{field}, {l}]"),
        (None, Some(field)) => format!(" [{field}]"),
        _ => String::new(),
    };
    let via = f.via.as_deref().map(|v| format!(" (with {v})")).unwrap_or_default();
    println!("{label} {} {}{via}{about}: {}\n    fix: {}", f.rule.code(), f.item, f.reason, f.fix);
    if let Some(why) = &f.accepted {
        println!("    accepted: {why}");
    }
}

fn print_preflight(p: &Preflight) {
    for f in &p.blockers {
        print_finding("BLOCKER", f);
    }
    for f in &p.accepted {
        print_finding("accepted", f);
    }
    for f in &p.warnings {
        print_finding("warning", f);
    }
    println!(
        "kit {} version {} at {}: {} ({} blockers, {} warnings, {} items)",
        p.kit,
        p.version,
        p.at,
        if p.ok { "ready to build" } else { "not ready" },
        p.blockers.len(),
        p.warnings.len(),
        p.contents.len()
    );
}

pub fn profile(library: &mut Library, command: ProfileCommand) -> anyhow::Result<ExitCode> {
    match command {
        ProfileCommand::List { json } => {
            let all = library.kit_profiles()?;
            if json {
                print_json(&all)?;
            } else {
                for p in all {
                    println!(
                        "{:<14} {}{}",
                        p.name,
                        p.label.get("en").cloned().unwrap_or_default(),
                        if p.shipped { "" } else { " (saved in this library)" }
                    );
                }
            }
        }
        ProfileCommand::Show { name, json } => {
            let p = library.kit_profile(&name)?;
            if json {
                print_json(&p)?;
            } else {
                println!("{}", serde_json::to_string_pretty(&p)?);
            }
        }
        ProfileCommand::Save { name, file, json } => {
            let text = std::fs::read_to_string(&file).with_context(|| format!("cannot read {}", file.display()))?;
            let profile = Profile::parse(&name, &text).map_err(|e| anyhow::anyhow!("{}: {e}", file.display()))?;
            library.save_kit_profile(&profile)?;
            if json {
                print_json(&library.kit_profile(&name)?)?;
            } else {
                println!("profile {name} saved");
            }
        }
    }
    Ok(ExitCode::SUCCESS)
}
