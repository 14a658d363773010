//! The `mediadesk` command line. Exit codes: 0 all went in, 1 some items failed (the rest
//! went in), 2 a fatal error.

use std::io::{IsTerminal, Write};
use std::path::PathBuf;
use std::process::ExitCode;
use std::time::Duration;

use anyhow::Context;
use clap::{Parser, Subcommand};
use indicatif::{ProgressBar, ProgressStyle};
use mediadesk::catalog::{AssetSummary, Classification, Kind, Label, Orientation, Reverted, SearchQuery, Sort};
use mediadesk::ingest::{IngestOptions, IngestReport};
use mediadesk::jobs::{CancelToken, JobCtx, Progress, Stage};
use mediadesk::Library;

mod cli;

#[derive(Parser)]
#[command(name = "mediadesk", version, about = "Photos, films and reportages for Đồng Nai's newsrooms")]
struct Cli {
    /// The library folder (catalog and thumbnails). Created on first use.
    #[arg(long, global = true, env = "MEDIADESK_LIBRARY")]
    library: Option<PathBuf>,
    #[command(subcommand)]
    command: Command,
}

// Parsed once per run: boxing variants would only make the commands harder to read.
#[allow(clippy::large_enum_variant)]
#[derive(Subcommand)]
enum Command {
    /// Bring photos, films and sound into the library: files or folders, walked recursively.
    Ingest {
        #[arg(required = true)]
        paths: Vec<PathBuf>,
        /// Copy into dated folders here (YYYY/YYYY-MM-DD), verify each copy, catalog the copies.
        #[arg(long)]
        copy_to: Option<PathBuf>,
        /// Classification of assets new to the library: public, internal (default),
        /// confidential (Mật), secret (Tối mật), top_secret (Tuyệt mật).
        #[arg(long)]
        classification: Option<Classification>,
        /// Also make preview proxies of films the app cannot play as they are (ProRes, MXF, ...)
        #[arg(long)]
        proxies: bool,
        /// Apply this metadata template to the assets new to the library
        #[arg(long)]
        template: Option<String>,
        #[arg(long)]
        json: bool,
    },
    /// Make an H.264/AAC preview proxy (at most 720 lines) of a film, kept by content hash.
    Proxy {
        asset: String,
        /// Make it again even if one exists
        #[arg(long)]
        force: bool,
        #[arg(long)]
        json: bool,
    },
    /// Subtitle tracks: import, check, export, and the profiles checks use.
    #[command(subcommand)]
    Subs(cli::languages::Subs),
    /// Translations: how far each item has got in each language.
    #[command(subcommand)]
    Tr(cli::languages::Tr),
    /// Find assets (and reportages, with --type) by what they say, with or without diacritics.
    Search {
        query: String,
        #[command(flatten)]
        filters: Filters,
        #[arg(long, default_value_t = 200)]
        limit: i64,
        /// asset (default), reportage or all
        #[arg(long = "type", default_value = "asset")]
        item_type: ItemType,
        #[arg(long)]
        json: bool,
    },
    /// Everything known of one asset (an id, or the path of one of its files).
    Show {
        asset: String,
        #[arg(long)]
        json: bool,
    },
    /// Edit the record of assets (ids or paths), or of every match of --search, as one change
    /// (`mediadesk undo` takes it back); the original files are never touched. An empty value
    /// clears a field; an invalid one refuses the whole batch.
    Edit {
        assets: Vec<String>,
        #[arg(long)]
        search: Option<String>,
        #[command(flatten)]
        fields: cli::record::EditFields,
        /// Why: required when a classification is lowered, kept in the audit log
        #[arg(long)]
        reason: Option<String>,
        #[arg(long)]
        json: bool,
    },
    /// Press kits: reportages and assets packaged for a recipient, after a preflight.
    #[command(subcommand)]
    Kit(cli::kit::KitCommand),
    /// Kit profiles: what each kind of recipient wants and requires.
    #[command(subcommand)]
    Profile(cli::kit::ProfileCommand),
    /// The delivery register: every kit built, for whom, when, by whom.
    Deliveries {
        #[arg(long)]
        json: bool,
    },
    /// A film's shot list: import an editor's CSV, list it, write it as CSV or PDF.
    #[command(subcommand)]
    Shots(cli::shots::ShotsCommand),
    /// The press office's contacts: every delegation's site carries them as vCards.
    #[command(subcommand)]
    Contacts(cli::contacts::ContactsCommand),
    /// Reportages: stories grouping photos, films and texts in several languages.
    #[command(subcommand)]
    Reportage(cli::reportage::ReportageCommand),
    /// Press tours: a library of their own on a laptop, merged back when home.
    #[command(subcommand)]
    Tour(cli::tour::TourCommand),
    /// The yearly results report of plan 160 (for the People's Committee and the Ministry):
    /// what was made, on which themes, in which languages, delivered to whom.
    Report(cli::report::ReportArgs),
    /// This library: its folder, its identity, and for a tour library where it came from.
    Info {
        #[arg(long)]
        json: bool,
    },
    /// The plan's themes, audiences, lead units and channels.
    Taxonomy {
        #[command(subcommand)]
        command: Option<cli::admin::TaxonomyCommand>,
        #[arg(long)]
        json: bool,
    },
    /// The audit log of classification, embargo, rights, status changes and exports.
    Audit {
        #[command(subcommand)]
        command: Option<cli::admin::AuditCommand>,
        #[arg(long)]
        asset: Option<String>,
        #[arg(long)]
        reportage: Option<String>,
        #[arg(long)]
        json: bool,
    },
    /// Metadata templates: named field values with variables, applied in one change.
    #[command(subcommand)]
    Template(cli::record::Template),
    /// Code replacements: =dn= becomes "Đồng Nai" in any text field as it is saved.
    #[command(subcommand)]
    Codes(cli::record::Codes),
    /// XMP sidecars beside the originals, for Lightroom, Photo Mechanic and exiftool.
    #[command(subcommand)]
    Xmp(cli::record::Xmp),
    /// Take back the latest edit (all it changed at once).
    Undo {
        /// Why: needed when it lowers a classification someone else set
        #[arg(long)]
        reason: Option<String>,
        #[arg(long)]
        json: bool,
    },
    /// Make again the edit undone last.
    Redo {
        #[arg(long)]
        reason: Option<String>,
        #[arg(long)]
        json: bool,
    },
    /// The assets of the library, newest capture first (reportages too, with --type).
    List {
        #[command(flatten)]
        filters: Filters,
        #[arg(long)]
        limit: Option<i64>,
        #[arg(long = "type", default_value = "asset")]
        item_type: ItemType,
        #[arg(long)]
        json: bool,
    },
}

#[derive(Clone, Copy, clap::ValueEnum)]
enum ItemType {
    Asset,
    Reportage,
    All,
}

#[derive(clap::Args)]
struct Filters {
    /// photo, video or audio
    #[arg(long, value_parser = parse_kind)]
    kind: Option<Kind>,
    /// Captured on or after this date (YYYY-MM-DD)
    #[arg(long)]
    from: Option<String>,
    /// Captured on or before this date (YYYY-MM-DD)
    #[arg(long)]
    to: Option<String>,
    /// Camera make or model, or a part of it
    #[arg(long)]
    camera: Option<String>,
    #[arg(long)]
    classification: Option<Classification>,
    /// Films and sound at least this long: seconds, 2m, 1:30 or 01:02:03
    #[arg(long, value_parser = parse_duration)]
    min_duration: Option<f64>,
    /// Films and sound at most this long
    #[arg(long, value_parser = parse_duration)]
    max_duration: Option<f64>,
    /// vertical, horizontal or square, as shown upright
    #[arg(long)]
    orientation: Option<Orientation>,
    /// A codec of any stream (h264, hevc, prores, vp9, aac, subrip, ...) or a photo format
    #[arg(long)]
    codec: Option<String>,
    /// At least this many stars
    #[arg(long)]
    min_rating: Option<u8>,
    /// red, yellow, green, blue or purple
    #[arg(long, value_parser = parse_label)]
    label: Option<Label>,
    /// A theme of the plan, by number
    #[arg(long)]
    theme: Option<String>,
    /// An audience, by id or label
    #[arg(long)]
    audience: Option<String>,
    /// A lead unit, by id or name
    #[arg(long)]
    lead_unit: Option<String>,
    /// A channel, by id or label
    #[arg(long)]
    channel: Option<String>,
    /// newest (default), oldest, name, rating or added
    #[arg(long, default_value = "newest")]
    sort: Sort,
}

fn parse_label(s: &str) -> Result<Label, String> {
    Label::parse(s).map_err(|e| e.to_string())
}

fn parse_duration(s: &str) -> Result<f64, String> {
    mediadesk::catalog::parse_duration(s).map_err(|e| e.to_string())
}

fn parse_kind(s: &str) -> Result<Kind, String> {
    Kind::parse(s).map_err(|e| e.to_string())
}

impl Filters {
    fn query(self, text: String, limit: Option<i64>) -> SearchQuery {
        SearchQuery {
            text,
            kind: self.kind,
            from: self.from,
            to: self.to,
            camera: self.camera,
            classification: self.classification,
            min_duration: self.min_duration,
            max_duration: self.max_duration,
            orientation: self.orientation,
            codec: self.codec,
            min_rating: self.min_rating,
            label: self.label,
            theme: self.theme,
            audience: self.audience,
            lead_unit: self.lead_unit,
            channel: self.channel,
            sort: self.sort,
            limit,
        }
    }
}

fn main() -> ExitCode {
    if let Some(code) = mediadesk::media::worker::serve_if_asked() {
        return ExitCode::from(code as u8);
    }
    let cli = Cli::parse();
    match run(cli) {
        Ok(code) => code,
        Err(e) => {
            eprintln!("mediadesk: {}", said_once(&e));
            ExitCode::from(2)
        }
    }
}

/// The error and its causes, each said once: a cause whose words the message already holds
/// (an I/O error inside the error that names its path) is not said again.
fn said_once(e: &anyhow::Error) -> String {
    let mut message = String::new();
    for cause in e.chain() {
        let text = cause.to_string();
        if message.contains(&text) {
            continue;
        }
        if !message.is_empty() {
            message.push_str(": ");
        }
        message.push_str(&text);
    }
    message
}

fn run(cli: Cli) -> anyhow::Result<ExitCode> {
    let root = cli.library.unwrap_or_else(Library::default_root);
    // The error names the folder (or the catalog in it) itself.
    let mut library = Library::open(&root).context("cannot open the library")?;
    match cli.command {
        Command::Ingest { paths, copy_to, classification, proxies, template, json } => {
            let options =
                IngestOptions { copy_to, classification, proxies, template, actor: mediadesk::library::actor() };
            let report = ingest(&mut library, &paths, &options, json)?;
            if json {
                print_json(&report)?;
            } else {
                print_ingest_summary(&report);
            }
            let complete = report.failed.is_empty() && !report.cancelled && report.template_refused.is_none();
            Ok(if complete { ExitCode::SUCCESS } else { ExitCode::from(1) })
        }
        Command::Proxy { asset, force, json } => {
            let (ctx, bar) = job(json)?;
            let outcome = library.make_proxy(&asset, force, &ctx);
            bar.finish_and_clear();
            let outcome = match outcome {
                Err(mediadesk::Error::Cancelled) => {
                    eprintln!("mediadesk: cancelled; run the same command again to make the proxy");
                    return Ok(ExitCode::from(1));
                }
                other => other?,
            };
            if json {
                print_json(&outcome)?;
            } else {
                println!("{}", outcome.path.display());
            }
            Ok(ExitCode::SUCCESS)
        }
        Command::Subs(command) => cli::languages::subs(&mut library, command),
        Command::Tr(command) => cli::languages::tr(&mut library, command),
        Command::Search { query, filters, limit, item_type, json } => {
            find(&library, &filters.query(query, Some(limit)), item_type, json)
        }
        Command::List { filters, limit, item_type, json } => {
            find(&library, &filters.query(String::new(), limit), item_type, json)
        }
        Command::Edit { assets, search, fields, reason, json } => {
            cli::record::edit(&mut library, &assets, search.as_deref(), fields, reason.as_deref(), json)
        }
        Command::Reportage(command) => cli::reportage::run(&mut library, command),
        Command::Shots(command) => cli::shots::run(&mut library, command),
        Command::Contacts(command) => cli::contacts::run(&mut library, command, &mediadesk::library::actor()),
        Command::Kit(command) => cli::kit::run(&mut library, command),
        Command::Tour(command) => cli::tour::run(&mut library, command, &mediadesk::library::actor()),
        Command::Info { json } => cli::tour::info(&library, json),
        Command::Report(args) => cli::report::run(&mut library, args),
        Command::Profile(command) => cli::kit::profile(&mut library, command),
        Command::Deliveries { json } => cli::kit::deliveries(&library, json),
        Command::Taxonomy { command, json } => cli::admin::taxonomy(&mut library, command, json),
        Command::Audit { command, asset, reportage, json } => {
            cli::admin::audit(&library, command, asset, reportage, json)
        }
        Command::Template(command) => cli::record::template(&mut library, command),
        Command::Codes(command) => cli::record::codes(&mut library, command),
        Command::Xmp(command) => cli::record::xmp(&mut library, command),
        Command::Undo { reason, json } => {
            reverted(library.undo(reason.as_deref(), &mediadesk::library::actor())?, "undo", json)
        }
        Command::Redo { reason, json } => {
            reverted(library.redo(reason.as_deref(), &mediadesk::library::actor())?, "redo", json)
        }
        Command::Show { asset, json } => {
            let asset = library.find_asset(&asset)?;
            if json {
                print_json(&asset)?;
            } else {
                print_asset(&asset);
            }
            Ok(ExitCode::SUCCESS)
        }
    }
}

/// A search or list over assets, reportages or both.
fn find(library: &Library, query: &SearchQuery, item_type: ItemType, json: bool) -> anyhow::Result<ExitCode> {
    match item_type {
        ItemType::Asset => {
            let results = if query.text.is_empty() { library.list(query)? } else { library.search(query)? };
            print_summaries(&results, json)?;
        }
        ItemType::Reportage => {
            let results = library.search_reportages(query)?;
            if json {
                print_json(&results)?;
            } else {
                cli::reportage::print_summaries(&results);
            }
        }
        ItemType::All => {
            let found = library.search_everything(query)?;
            if json {
                print_json(&found)?;
            } else {
                let (mut reportages, mut assets) = (Vec::new(), Vec::new());
                for f in found {
                    match f {
                        mediadesk::reportage::Found::Reportage(r) => reportages.push(r),
                        mediadesk::reportage::Found::Asset(a) => assets.push(a),
                    }
                }
                cli::reportage::print_summaries(&reportages);
                print_summaries(&assets, false)?;
            }
        }
    }
    Ok(ExitCode::SUCCESS)
}

fn reverted(reverted: Option<Reverted>, what: &str, json: bool) -> anyhow::Result<ExitCode> {
    let Some(reverted) = reverted else {
        eprintln!("mediadesk: nothing to {what}");
        return Ok(ExitCode::from(1));
    };
    if json {
        print_json(&reverted)?;
    } else {
        let ids: Vec<String> = reverted.assets.iter().map(i64::to_string).collect();
        println!("{what}: change {} (assets {})", reverted.change, ids.join(", "));
    }
    Ok(ExitCode::SUCCESS)
}

fn ingest(
    library: &mut Library,
    paths: &[PathBuf],
    options: &IngestOptions,
    json: bool,
) -> anyhow::Result<IngestReport> {
    let (ctx, bar) = job(json)?;
    let report = library.ingest(paths, options, &ctx);
    bar.finish_and_clear();
    Ok(report?)
}

/// A job context showing progress on a terminal bar, cancelled by Ctrl-C: the first one stops
/// the job cleanly (what is done is kept), a second one kills.
fn job(json: bool) -> anyhow::Result<(JobCtx, ProgressBar)> {
    let cancel = CancelToken::default();
    let on_interrupt = cancel.clone();
    let mut interrupted = false;
    ctrlc::set_handler(move || {
        if interrupted {
            std::process::exit(130);
        }
        interrupted = true;
        on_interrupt.cancel();
    })
    .context("cannot install the Ctrl-C handler")?;

    let bar = if std::io::stderr().is_terminal() || !json { ProgressBar::new(0) } else { ProgressBar::hidden() };
    bar.set_style(
        ProgressStyle::with_template("{spinner} {msg:10} [{bar:30}] {pos}/{len} {wide_msg}")
            .unwrap_or_else(|_| ProgressStyle::default_bar())
            .progress_chars("=> "),
    );
    bar.enable_steady_tick(Duration::from_millis(120));
    let watcher = bar.clone();
    let ctx = JobCtx::new(cancel, move |p: &Progress| {
        let stage = match p.stage {
            Stage::Scanning => "scanning",
            Stage::Reading => "reading",
            Stage::Transcoding => "transcoding",
            Stage::Rendering => "rendering",
            Stage::Packing => "packing",
            Stage::Copying => "copying",
            Stage::Merging => "merging",
            Stage::Finishing => "finishing",
        };
        watcher.set_length(p.total);
        watcher.set_position(p.done);
        match &p.current {
            Some(current) => {
                watcher.set_message(format!("{stage:<9} {}", current.file_name().unwrap_or_default().to_string_lossy()))
            }
            None => watcher.set_message(stage),
        }
    });
    Ok((ctx, bar))
}

pub(crate) fn print_json<T: serde::Serialize>(value: &T) -> anyhow::Result<()> {
    let mut out = std::io::stdout().lock();
    serde_json::to_writer_pretty(&mut out, value)?;
    writeln!(out)?;
    Ok(())
}

fn print_ingest_summary(r: &IngestReport) {
    println!(
        "{} added, {} updated, {} unchanged, {} moved, {} duplicates, {} skipped, {} failed{}",
        r.added,
        r.updated,
        r.unchanged,
        r.moved,
        r.duplicates,
        r.skipped,
        r.failed.len(),
        if r.cancelled { " — cancelled; run the same command again to finish" } else { "" }
    );
    for f in &r.failed {
        println!("  failed: {}: {}", f.path.display(), f.error);
    }
    if let Some(why) = &r.template_refused {
        println!("  {why}");
    }
}

fn print_summaries(results: &[AssetSummary], json: bool) -> anyhow::Result<()> {
    if json {
        return print_json(&results);
    }
    for a in results {
        let caption = a.captions.get("vi").or_else(|| a.captions.values().next());
        let text = a.headline.as_ref().or(caption).map(String::as_str).unwrap_or("");
        let marker = if a.classification == Classification::Public {
            String::new()
        } else {
            format!(" [{}]", a.classification.label_vi())
        };
        println!(
            "{:>6}  {:<10} {:<32} {}{}",
            a.id,
            a.captured_at.as_deref().map(|d| &d[..d.len().min(10)]).unwrap_or("—"),
            a.filename.as_deref().unwrap_or("—"),
            text,
            marker
        );
    }
    eprintln!("{} result{}", results.len(), if results.len() == 1 { "" } else { "s" });
    Ok(())
}

/// "1:02:03" or "2:03" for a duration in seconds.
fn clock(seconds: f64) -> String {
    let s = seconds.round() as u64;
    match s / 3600 {
        0 => format!("{}:{:02}", s / 60, s % 60),
        h => format!("{h}:{:02}:{:02}", s / 60 % 60, s % 60),
    }
}

pub(crate) fn print_asset(a: &mediadesk::catalog::Asset) {
    let line = |label: &str, value: Option<&str>| {
        if let Some(v) = value {
            println!("{label:<15}{v}");
        }
    };
    println!("#{} {} {}", a.id, a.kind.code(), a.path.as_deref().unwrap_or("(no file)"));
    line("classification", Some(&format!("{} ({})", a.classification.label_vi(), a.classification.code())));
    line("embargo until", a.embargo_until.as_deref());
    line("rating", (a.rating > 0).then(|| "★".repeat(a.rating.into())).as_deref());
    line("label", a.label.map(|l| l.code()));
    line("headline", a.headline.as_deref());
    for (lang, h) in a.headlines.iter().filter(|(l, _)| l.as_str() != "vi") {
        line(&format!("headline [{lang}]"), Some(h));
    }
    if a.title != a.headline {
        line("title", a.title.as_deref());
    }
    for (lang, t) in a.titles.iter().filter(|(l, _)| l.as_str() != "vi") {
        line(&format!("title [{lang}]"), Some(t));
    }
    for (lang, caption) in &a.captions {
        line(&format!("caption [{lang}]"), Some(caption));
    }
    if !a.keywords.is_empty() {
        line("keywords", Some(&a.keywords.join(", ")));
    }
    line("creator", a.creator.as_deref());
    line("credit", a.credit.as_deref());
    line("copyright", a.copyright.as_deref());
    for (lang, terms) in &a.usage_terms_by_lang {
        line(&format!("usage [{lang}]"), Some(terms));
    }
    line("territories", (!a.territories.is_empty()).then(|| a.territories.join(", ")).as_deref());
    line("rights expire", a.rights_expire.as_deref());
    line("persons", (!a.persons.is_empty()).then(|| a.persons.join("; ")).as_deref());
    line("focus", a.focus.map(|[x, y]| format!("{x:.2}, {y:.2}")).as_deref());
    line("model release", a.model_release.map(|r| r.code()));
    line("prop. release", a.property_release.map(|r| r.code()));
    let source = [a.source_type.map(|t| format!("{t:?}").to_lowercase()), a.source.clone()];
    let source: Vec<String> = source.into_iter().flatten().collect();
    line("source", (!source.is_empty()).then(|| source.join(": ")).as_deref());
    line("licensor", a.licensor.as_deref());
    line("web statement", a.web_statement.as_deref());
    line("instructions", a.instructions.as_deref());
    let themes: Vec<String> = a.themes.iter().map(u32::to_string).collect();
    for (label, values) in
        [("themes", &themes), ("audiences", &a.audiences), ("lead units", &a.lead_units), ("channels", &a.channels)]
    {
        line(label, (!values.is_empty()).then(|| values.join(", ")).as_deref());
    }
    if !a.reportages.is_empty() {
        let r: Vec<String> = a.reportages.iter().map(|r| format!("r:{r}")).collect();
        line("in reportages", Some(&r.join(", ")));
    }
    let place: Vec<&str> =
        [&a.location, &a.city, &a.province, &a.country].iter().filter_map(|p| p.as_deref()).collect();
    line("place", (!place.is_empty()).then(|| place.join(", ")).as_deref());
    line("captured", a.captured_at.as_deref());
    line("camera", a.camera.as_deref());
    line("lens", a.lens.as_deref());
    if let Some(g) = &a.gps {
        line("gps", Some(&format!("{:.6}, {:.6}", g.lat, g.lon)));
    }
    if let (Some(w), Some(h)) = (a.width, a.height) {
        line("size", Some(&format!("{w}×{h} px, {} bytes, {}", a.size, a.format)));
    }
    if let Some(d) = a.duration_s {
        line("duration", Some(&format!("{} ({})", clock(d), a.container.as_deref().unwrap_or(""))));
    }
    if let Some(v) = &a.video {
        let fps = v.fps.map(|f| format!(", {f} fps")).unwrap_or_default();
        let profile = v.profile.as_deref().map(|p| format!(" {p}")).unwrap_or_default();
        let shape = format!("{}×{} shown {}×{}", v.width, v.height, v.display_width, v.display_height);
        line("video", Some(&format!("{}{profile}, {shape}{fps}", v.codec)));
    }
    for s in a.audio.iter().flatten() {
        let lang = s.language.as_deref().map(|l| format!(" [{l}]")).unwrap_or_default();
        let layout = s.channel_layout.clone().unwrap_or_else(|| format!("{} ch", s.channels));
        line("audio", Some(&format!("{}, {layout}, {} Hz{lang}", s.codec, s.sample_rate)));
    }
    for s in a.subtitle_tracks.iter().flatten() {
        let lang = s.language.as_deref().unwrap_or("?");
        line("subtitles", Some(&format!("#{} {} [{lang}]", s.index, s.codec)));
    }
    line("timecode", a.timecode.as_deref());
    line("embargo until", a.embargo_until.as_deref());
    line("note", a.support_note.as_deref());
    for f in a.files.iter().skip(1) {
        line("also at", Some(&f.path));
    }
}
