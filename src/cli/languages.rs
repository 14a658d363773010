//! `mediadesk subs …` and `mediadesk tr …`: subtitle tracks and translation status.

use std::path::{Path, PathBuf};
use std::process::ExitCode;

use anyhow::Context;
use clap::Subcommand;
use mediadesk::subtitles::{CheckReport, Profile, Severity, SubtitleFormat, DEFAULT_PROFILE};
use mediadesk::translation::{Change, Matrix, MatrixFilter, Part, Status};
use mediadesk::Library;

use crate::print_json;

#[derive(Subcommand)]
pub enum Subs {
    /// Import a subtitle file (SRT, WebVTT, TTML/EBU-TT-D, ASS/SSA; UTF-8, UTF-16,
    /// Windows-1258, TCVN3, VNI) as the asset's track in a language, replacing the one it had.
    Import {
        asset: String,
        /// The file; leave it out with --from-film
        file: Option<PathBuf>,
        /// The track's language (BCP-47: vi, en, ko, ja, zh-Hans, ...)
        #[arg(long)]
        lang: String,
        /// Take the text track carried in the film itself (in --lang, or --track N)
        #[arg(long)]
        from_film: bool,
        #[arg(long)]
        track: Option<usize>,
        #[arg(long)]
        json: bool,
    },
    /// The asset's subtitle tracks.
    List {
        asset: String,
        #[arg(long)]
        json: bool,
    },
    /// Check a track (every track without --lang) against a profile; exit 1 when a check
    /// finds errors.
    Check {
        asset: String,
        #[arg(long)]
        lang: Option<String>,
        /// netflix (default), broadcast, or one made with `subs profile`
        #[arg(long, default_value = DEFAULT_PROFILE)]
        profile: String,
        #[arg(long)]
        json: bool,
    },
    /// Write a track as SubRip, WebVTT or EBU-TT-D (ttml); to stdout without -o.
    Export {
        asset: String,
        #[arg(long)]
        lang: String,
        #[arg(long, value_parser = parse_format)]
        format: SubtitleFormat,
        #[arg(short, long)]
        output: Option<PathBuf>,
    },
    /// Show a profile's limits for a language, or change them (kept in the library).
    Profile {
        name: String,
        /// The language the limits are for; "*" for any
        #[arg(long, default_value = "*")]
        lang: String,
        #[arg(long)]
        max_chars_per_line: Option<u32>,
        #[arg(long)]
        max_lines: Option<u32>,
        #[arg(long)]
        max_cps: Option<f64>,
        #[arg(long)]
        min_duration_ms: Option<i64>,
        #[arg(long)]
        max_duration_ms: Option<i64>,
        #[arg(long)]
        min_gap_frames: Option<u32>,
        #[arg(long)]
        max_drift_ms: Option<i64>,
        #[arg(long)]
        json: bool,
    },
    /// The profiles editors have changed.
    Profiles {
        #[arg(long)]
        json: bool,
    },
    /// Extract the text subtitle tracks embedded in a film (SRT, ASS, mov_text, WebVTT).
    /// Writes SubRip, or WebVTT when the output ends in .vtt; to stdout without -o.
    Extract {
        asset: String,
        /// The track's stream index (see `show`)
        #[arg(long)]
        track: Option<usize>,
        /// The track's language (BCP-47: vi, en, ko, ...)
        #[arg(long)]
        lang: Option<String>,
        /// Output file; with several tracks, a folder that gets NAME.LANG.srt per track
        #[arg(short, long)]
        output: Option<PathBuf>,
        /// Print the cues as JSON instead
        #[arg(long)]
        json: bool,
    },
}

#[derive(Subcommand)]
pub enum Tr {
    /// The board: items × languages → missing, draft, needs_review, approved.
    Status {
        #[arg(long)]
        lang: Option<String>,
        #[arg(long)]
        assignee: Option<String>,
        /// Only what is due on or before this date (YYYY-MM-DD)
        #[arg(long)]
        due_by: Option<String>,
        /// Every item with something to translate, not only those being worked on
        #[arg(long)]
        all: bool,
        #[arg(long)]
        json: bool,
    },
    /// Set the status of one part (subtitles, caption, headline) of an item in a language.
    Set {
        item: String,
        part: String,
        lang: String,
        status: String,
        #[arg(long)]
        assignee: Option<String>,
        /// YYYY-MM-DD
        #[arg(long)]
        due: Option<String>,
        #[arg(long)]
        note: Option<String>,
        /// Approve subtitles despite errors from the checks: the reason, recorded
        #[arg(long = "override")]
        override_reason: Option<String>,
        #[arg(long)]
        json: bool,
    },
    /// Every change of one part's status: who, when, from what.
    History {
        item: String,
        part: String,
        lang: String,
        #[arg(long)]
        json: bool,
    },
}

fn parse_format(s: &str) -> Result<SubtitleFormat, String> {
    SubtitleFormat::from_name(s).ok_or_else(|| format!("{s:?}: srt, vtt or ttml"))
}

pub fn subs(library: &mut Library, command: Subs) -> anyhow::Result<ExitCode> {
    let actor = mediadesk::library::actor();
    match command {
        Subs::Import { asset, file, lang, from_film, track, json } => {
            let report = match (file, from_film) {
                (Some(file), false) => library.import_subtitles(&asset, &file, &lang, &actor)?,
                (None, true) => library.import_embedded_subtitles(&asset, track, &lang, &actor)?,
                _ => anyhow::bail!("give either a FILE or --from-film"),
            };
            if json {
                print_json(&report)?;
            } else {
                println!(
                    "{} cues in {} ({}, {}) for asset {}{}; status {}",
                    report.cues,
                    report.lang,
                    report.format.name(),
                    report.encoding,
                    report.asset,
                    if report.replaced { ", replacing the track it had" } else { "" },
                    report.translation.status.name()
                );
                for note in &report.notes {
                    println!("  skipped, line {}: {}", note.line, note.message);
                }
            }
            if let Some(found) = &report.written_in {
                eprintln!("mediadesk: warning: imported as {} but written in {found}", report.lang);
            }
            Ok(ExitCode::SUCCESS)
        }
        Subs::List { asset, json } => {
            let tracks = library.subtitle_tracks(&asset)?;
            if json {
                print_json(&tracks)?;
            } else {
                for t in tracks {
                    println!("{:<8} {:>5} cues  {:<5} {:<13} {}", t.lang, t.cue_count, t.format, t.encoding, t.origin);
                }
            }
            Ok(ExitCode::SUCCESS)
        }
        Subs::Check { asset, lang, profile, json } => {
            let langs = match lang {
                Some(l) => vec![l],
                None => library.subtitle_tracks(&asset)?.into_iter().map(|t| t.lang).collect(),
            };
            if langs.is_empty() {
                anyhow::bail!("asset {asset} has no subtitle tracks (import one with `subs import`)");
            }
            let reports =
                langs.iter().map(|l| library.check_subtitles(&asset, l, &profile)).collect::<Result<Vec<_>, _>>()?;
            if json {
                // One track: its report; several: a list.
                match reports.as_slice() {
                    [one] => print_json(one)?,
                    all => print_json(&all)?,
                }
            } else {
                reports.iter().for_each(print_check);
            }
            Ok(if reports.iter().any(|r| r.errors > 0) { ExitCode::from(1) } else { ExitCode::SUCCESS })
        }
        Subs::Export { asset, lang, format, output } => {
            let text = library.export_subtitles(&asset, &lang, format)?;
            match output {
                Some(file) => {
                    std::fs::write(&file, text).with_context(|| format!("cannot write {}", file.display()))?
                }
                None => print!("{text}"),
            }
            Ok(ExitCode::SUCCESS)
        }
        Subs::Profile {
            name,
            lang,
            max_chars_per_line,
            max_lines,
            max_cps,
            min_duration_ms,
            max_duration_ms,
            min_gap_frames,
            max_drift_ms,
            json,
        } => {
            let base = if lang == "*" { "und" } else { lang.as_str() };
            let mut profile = library.subtitle_profile(&name, base).or_else(|_| {
                // A new profile starts from the built-in one.
                library.subtitle_profile(DEFAULT_PROFILE, base).map(|p| Profile { name: name.clone(), ..p })
            })?;
            profile.lang = lang;
            let before = profile.clone();
            set(&mut profile.max_chars_per_line, max_chars_per_line);
            set(&mut profile.max_lines, max_lines);
            set(&mut profile.max_cps, max_cps);
            set(&mut profile.min_duration_ms, min_duration_ms);
            set(&mut profile.max_duration_ms, max_duration_ms);
            set(&mut profile.min_gap_frames, min_gap_frames);
            set(&mut profile.max_drift_ms, max_drift_ms);
            if profile != before {
                library.save_subtitle_profile(&profile)?;
            }
            if json {
                print_json(&profile)?;
            } else {
                print_profile(&profile);
            }
            Ok(ExitCode::SUCCESS)
        }
        Subs::Profiles { json } => {
            let profiles = library.saved_subtitle_profiles()?;
            if json {
                print_json(&profiles)?;
            } else {
                profiles.iter().for_each(print_profile);
            }
            Ok(ExitCode::SUCCESS)
        }
        Subs::Extract { asset, track, lang, output, json } => {
            let tracks = library.embedded_subtitles(&asset, track, lang.as_deref())?;
            write_extracted(library, &asset, &tracks, output.as_deref(), json)?;
            Ok(ExitCode::SUCCESS)
        }
    }
}

fn set<T>(field: &mut T, value: Option<T>) {
    if let Some(v) = value {
        *field = v;
    }
}

fn print_profile(p: &Profile) {
    println!(
        "{} [{}]: {} characters per line, {} lines, {} characters per second, {}–{} ms on screen, {} frames apart, drift ≤ {} ms",
        p.name, p.lang, p.max_chars_per_line, p.max_lines, p.max_cps, p.min_duration_ms, p.max_duration_ms, p.min_gap_frames, p.max_drift_ms
    );
}

fn print_check(r: &CheckReport) {
    println!(
        "asset {} [{}], profile {}: {} cues, {} errors, {} warnings{}",
        r.asset,
        r.lang,
        r.profile.name,
        r.cues,
        r.errors,
        r.warnings,
        if r.frame_rate_known {
            String::new()
        } else {
            format!(" (frame rate unknown: gaps counted at {} fps)", r.frame_rate)
        }
    );
    for f in &r.findings {
        let severity = if f.severity == Severity::Error { "error" } else { "warning" };
        let rule = serde_json::to_value(f.rule).ok().and_then(|v| v.as_str().map(str::to_owned)).unwrap_or_default();
        println!("  cue {:>4} {}  {severity:<7} {rule}: {}", f.cue, f.at, f.message);
    }
    if let Some(a) = &r.alignment {
        println!(
            "  against the source ({} cues): {:.0}% of its speech covered; {} source cues missing, {} extra, {} drifting",
            a.source_cues,
            a.speech_covered * 100.0,
            a.missing.len(),
            a.extra.len(),
            a.drifting.len()
        );
        for d in a.drifting.iter().take(20) {
            println!(
                "    cue {} drifts from source cue {}: start {:+} ms, end {:+} ms",
                d.cue, d.source_cue, d.start_delta_ms, d.end_delta_ms
            );
        }
    }
}

pub fn tr(library: &mut Library, command: Tr) -> anyhow::Result<ExitCode> {
    let actor = mediadesk::library::actor();
    match command {
        Tr::Status { lang, assignee, due_by, all, json } => {
            let matrix = library.translation_matrix(&MatrixFilter { lang, assignee, due_by, all }, &actor)?;
            if json {
                print_json(&matrix)?;
            } else {
                print_matrix(&matrix);
            }
            Ok(ExitCode::SUCCESS)
        }
        Tr::Set { item, part, lang, status, assignee, due, note, override_reason, json } => {
            let change = Change { status: Some(Status::parse(&status)?), assignee, due, note, override_reason };
            let t = library.set_translation(&item, Part::parse(&part)?, &lang, &change, &actor)?;
            if json {
                print_json(&t)?;
            } else {
                println!("{} {} [{}]: {}", t.item, t.part.name(), t.lang, t.status.name());
            }
            Ok(ExitCode::SUCCESS)
        }
        Tr::History { item, part, lang, json } => {
            let entries = library.translation_history(&item, Part::parse(&part)?, &lang)?;
            if json {
                print_json(&entries)?;
            } else {
                for e in entries {
                    println!(
                        "{}  {:<12} → {:<12} {}{}{}",
                        e.at,
                        e.from.name(),
                        e.to.name(),
                        e.actor,
                        e.note.map(|n| format!(": {n}")).unwrap_or_default(),
                        e.override_reason.map(|r| format!(" (override: {r})")).unwrap_or_default()
                    );
                }
            }
            Ok(ExitCode::SUCCESS)
        }
    }
}

fn print_matrix(m: &Matrix) {
    let short = |s: Status| match s {
        Status::Missing => "—",
        Status::Draft => "draft",
        Status::NeedsReview => "review",
        Status::Approved => "ok",
    };
    print!("{:>6}  {:<40}", "asset", "item");
    for l in &m.languages {
        print!(" {l:>8}");
    }
    println!();
    for item in &m.items {
        let name: String = item.name.chars().take(40).collect();
        print!("{:>6}  {name:<40}", item.item);
        for l in &m.languages {
            print!(" {:>8}", item.languages.get(l).map_or("", |c| short(c.status)));
        }
        println!();
    }
}

fn write_extracted(
    library: &Library,
    asset: &str,
    tracks: &[mediadesk::media::ExtractedSubtitles],
    output: Option<&Path>,
    json: bool,
) -> anyhow::Result<()> {
    use mediadesk::subtitles::{write, SubtitleFormat};
    let to_srt = |cues: &[mediadesk::subtitles::Cue]| write(cues, SubtitleFormat::Srt, "");
    let to_vtt = |cues: &[mediadesk::subtitles::Cue]| write(cues, SubtitleFormat::Vtt, "");
    if json {
        return print_json(&tracks);
    }
    let render = |cues: &[mediadesk::subtitles::Cue], vtt: bool| if vtt { to_vtt(cues) } else { to_srt(cues) };
    match (output, tracks) {
        (None, [one]) => print!("{}", to_srt(&one.cues)?),
        (None, _) => {
            anyhow::bail!("{} tracks match; choose one with --track or --lang, or give -o FOLDER", tracks.len())
        }
        (Some(file), [one]) if !file.is_dir() => {
            let vtt = file.extension().is_some_and(|e| e.eq_ignore_ascii_case("vtt"));
            std::fs::write(file, render(&one.cues, vtt)?)
                .with_context(|| format!("cannot write {}", file.display()))?;
        }
        (Some(dir), _) => {
            let found = library.find_asset(asset)?;
            let stem = found.filename.as_deref().and_then(|f| f.rsplit_once('.').map(|(s, _)| s.to_owned()));
            let stem = stem.unwrap_or_else(|| format!("asset-{}", found.id));
            std::fs::create_dir_all(dir).with_context(|| format!("cannot create {}", dir.display()))?;
            for t in tracks {
                let lang = t.language.clone().unwrap_or_else(|| format!("track{}", t.index));
                // Two tracks in one language (full and forced, say) each get their own file.
                let shared = tracks.iter().filter(|o| o.language == t.language).count() > 1;
                let name = if shared { format!("{stem}.{lang}.{}.srt", t.index) } else { format!("{stem}.{lang}.srt") };
                let file = dir.join(name);
                std::fs::write(&file, to_srt(&t.cues)?).with_context(|| format!("cannot write {}", file.display()))?;
                println!("{}", file.display());
            }
        }
    }
    Ok(())
}
