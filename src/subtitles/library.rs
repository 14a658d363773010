//! What the library does with subtitle tracks, by asset: import (from a file or the film
//! itself), check, export, and the profiles checks use.

use std::path::Path;

use serde::Serialize;

use super::{
    align, check, read_subtitle_file, write, Alignment, CheckInput, Finding, ParseNote, Profile, Severity,
    SubtitleFormat,
};
use crate::catalog::subtitle_tracks::{self, SubtitleTrack, TrackSummary};
use crate::catalog::{Asset, Kind};
use crate::error::{Error, Result};
use crate::text::detect_language;
use crate::translation::{self, Change, Part, Status, Translation, SOURCE_LANGUAGE};
use crate::Library;

/// Gaps are counted in frames; a film whose rate is unknown is counted at PAL's, Vietnam's
/// broadcast rate.
const FALLBACK_FRAME_RATE: f64 = 25.0;

pub const DEFAULT_PROFILE: &str = "netflix";

/// What an import did.
#[derive(Debug, Clone, Serialize, specta::Type)]
pub struct SubtitleImport {
    pub asset: i64,
    pub lang: String,
    pub format: SubtitleFormat,
    pub encoding: String,
    pub cues: usize,
    /// Cues the reader could not take, with their lines.
    pub notes: Vec<ParseNote>,
    /// Whether a track in that language was there before (and is now replaced).
    pub replaced: bool,
    /// The language the text is written in, when it is not the one it was imported as.
    pub written_in: Option<String>,
    pub translation: Translation,
}

/// The checks' findings on a track, and its alignment against the source track.
#[derive(Debug, Clone, Serialize, specta::Type)]
pub struct CheckReport {
    pub asset: i64,
    pub lang: String,
    pub profile: Profile,
    pub frame_rate: f64,
    /// False when the film's frame rate is unknown and 25 fps was assumed.
    pub frame_rate_known: bool,
    pub duration_ms: Option<i64>,
    pub cues: usize,
    pub errors: usize,
    pub warnings: usize,
    pub findings: Vec<Finding>,
    pub alignment: Option<Alignment>,
}

/// A language tag as the catalog keeps it ("zh-hant" → "zh-Hant"); refused unless it has the
/// shape of BCP-47 (it ends up in file names).
pub fn language_tag(tag: &str) -> Result<String> {
    let canonical = crate::probe::canonical_language(tag);
    let mut parts = canonical.split('-');
    let primary = parts.next().unwrap_or_default();
    // "x-…" is BCP-47's private use (a house variant, say).
    let valid = ((2..=3).contains(&primary.len()) || primary == "x")
        && primary.chars().all(|c| c.is_ascii_lowercase())
        && parts.all(|p| (1..=8).contains(&p.len()) && p.chars().all(|c| c.is_ascii_alphanumeric()));
    if valid {
        Ok(canonical)
    } else {
        Err(Error::InvalidInput(format!("{tag:?} is not a language tag (BCP-47: vi, en, ko, ja, zh-Hans, …)")))
    }
}

impl Library {
    /// Imports a subtitle file (any of SRT, WebVTT, TTML, ASS/SSA; any encoding Mediadesk
    /// reads) as the asset's track in `lang`, replacing the track it had in that language.
    pub fn import_subtitles(&mut self, asset: &str, file: &Path, lang: &str, actor: &str) -> Result<SubtitleImport> {
        let asset = self.film(asset)?;
        let lang = language_tag(lang)?;
        let parsed = read_subtitle_file(file)?;
        let origin = std::fs::canonicalize(file).unwrap_or_else(|_| file.to_path_buf()).display().to_string();
        self.store_track(&asset, &lang, origin, parsed.format, parsed.encoding.name(), parsed.cues, parsed.notes, actor)
    }

    /// Imports a text subtitle track carried in the film itself (by stream index, or the one
    /// in `lang`).
    pub fn import_embedded_subtitles(
        &mut self,
        asset: &str,
        track: Option<usize>,
        lang: &str,
        actor: &str,
    ) -> Result<SubtitleImport> {
        let found = self.film(asset)?;
        let lang = language_tag(lang)?;
        let tracks =
            self.embedded_subtitles(&found.id.to_string(), track, if track.is_some() { None } else { Some(&lang) })?;
        let [one] = tracks.as_slice() else {
            return Err(Error::InvalidInput(format!(
                "{} embedded tracks match; choose one with --track",
                tracks.len()
            )));
        };
        let origin = format!("stream #{}", one.index);
        self.store_track(&found, &lang, origin, SubtitleFormat::Srt, "utf-8", one.cues.clone(), Vec::new(), actor)
    }

    #[allow(clippy::too_many_arguments)]
    fn store_track(
        &mut self,
        asset: &Asset,
        lang: &str,
        origin: String,
        format: SubtitleFormat,
        encoding: &str,
        cues: Vec<super::Cue>,
        notes: Vec<ParseNote>,
        actor: &str,
    ) -> Result<SubtitleImport> {
        let now = self.now();
        let written_in = written_in(&cues, lang);
        let track = SubtitleTrack {
            lang: lang.to_owned(),
            origin,
            format: format.name().to_owned(),
            encoding: encoding.to_owned(),
            content_hash: subtitle_tracks::content_hash(&cues),
            cues,
            imported_at: now.clone(),
            actor: actor.to_owned(),
        };
        let count = track.cues.len();
        let tx = self.conn_mut().transaction()?;
        let before = subtitle_tracks::save(&tx, asset.id, &track)?;
        let changed = before.as_deref() != Some(track.content_hash.as_str());
        let current = translation::get(&tx, translation::Item::Asset(asset.id), Part::Subtitles, lang)?;
        let status = current.as_ref().map_or(Status::Missing, |t| t.status);
        // A new translation is a draft; a changed approved one goes back to review.
        let next = match status {
            Status::Missing => Some((Status::Draft, "imported")),
            Status::Approved if changed => Some((Status::NeedsReview, "a changed file was imported after approval")),
            _ => None,
        };
        let translation = match next {
            Some((to, why)) => {
                let change =
                    Change { status: Some(to), note: Some(format!("{why}: {}", track.origin)), ..Change::default() };
                translation::record(
                    &tx,
                    (translation::Item::Asset(asset.id), Part::Subtitles, lang),
                    &change,
                    None,
                    actor,
                    &now,
                )?
            }
            None => current.expect("a recorded status"),
        };
        if lang == SOURCE_LANGUAGE && changed {
            translation::reconcile(&tx, actor, &now)?;
        }
        tx.commit()?;
        Ok(SubtitleImport {
            asset: asset.id,
            lang: lang.to_owned(),
            format,
            encoding: encoding.to_owned(),
            cues: count,
            notes,
            replaced: before.is_some(),
            written_in,
            translation,
        })
    }

    pub fn subtitle_tracks(&self, asset: &str) -> Result<Vec<TrackSummary>> {
        let asset = self.find_asset(asset)?;
        subtitle_tracks::list(self.conn(), asset.id)
    }

    pub fn subtitle_track(&self, asset: &str, lang: &str) -> Result<SubtitleTrack> {
        let asset = self.find_asset(asset)?;
        let lang = language_tag(lang)?;
        subtitle_tracks::load(self.conn(), asset.id, &lang)?.ok_or_else(|| {
            Error::NotFound(format!("no {lang} subtitle track of asset {} (import one with `subs import`)", asset.id))
        })
    }

    /// Checks the asset's track in `lang` against `profile` (per language; editors' own first)
    /// and, for a translation, aligns it against the source-language track.
    pub fn check_subtitles(&self, asset: &str, lang: &str, profile: &str) -> Result<CheckReport> {
        let found = self.find_asset(asset)?;
        let track = self.subtitle_track(&found.id.to_string(), lang)?;
        let profile = subtitle_tracks::profile(self.conn(), profile, &track.lang)?;
        let source = if track.lang == SOURCE_LANGUAGE {
            None
        } else {
            subtitle_tracks::load(self.conn(), found.id, SOURCE_LANGUAGE)?
        };
        let fps = found.video.as_ref().and_then(|v| v.fps).filter(|f| *f > 0.0);
        let duration_ms = found.duration_s.map(|d| (d * 1000.0).round() as i64);
        let input = CheckInput {
            cues: &track.cues,
            lang: &track.lang,
            profile: &profile,
            frame_rate: fps.unwrap_or(FALLBACK_FRAME_RATE),
            duration_ms,
            source: source.as_ref().map(|s| s.cues.as_slice()),
        };
        let findings = check(&input);
        let alignment = source.as_ref().map(|s| align(&s.cues, &track.cues, profile.max_drift_ms));
        let errors = findings.iter().filter(|f| f.severity == Severity::Error).count();
        Ok(CheckReport {
            asset: found.id,
            lang: track.lang.clone(),
            frame_rate: input.frame_rate,
            frame_rate_known: fps.is_some(),
            duration_ms,
            cues: track.cues.len(),
            errors,
            warnings: findings.len() - errors,
            findings,
            alignment,
            profile,
        })
    }

    pub fn export_subtitles(&self, asset: &str, lang: &str, format: SubtitleFormat) -> Result<String> {
        let track = self.subtitle_track(asset, lang)?;
        write(&track.cues, format, &track.lang)
    }

    pub fn subtitle_profile(&self, name: &str, lang: &str) -> Result<Profile> {
        subtitle_tracks::profile(self.conn(), name, lang)
    }

    pub fn save_subtitle_profile(&self, profile: &Profile) -> Result<()> {
        if profile.lang != "*" {
            language_tag(&profile.lang)?;
        }
        if profile.name.trim().is_empty()
            || profile.max_cps <= 0.0
            || profile.max_lines == 0
            || profile.max_chars_per_line == 0
        {
            return Err(Error::InvalidInput("a profile needs a name and limits above zero".into()));
        }
        subtitle_tracks::save_profile(self.conn(), profile)
    }

    pub fn saved_subtitle_profiles(&self) -> Result<Vec<Profile>> {
        subtitle_tracks::saved_profiles(self.conn())
    }

    /// The asset, if it is a film or sound (subtitles belong to nothing else).
    fn film(&self, reference: &str) -> Result<Asset> {
        let asset = self.find_asset(reference)?;
        if asset.kind == Kind::Photo {
            return Err(Error::InvalidInput(format!(
                "asset {} is a photo: subtitles belong to films and sound",
                asset.id
            )));
        }
        Ok(asset)
    }
}

/// The language the cues are written in, when detection is sure and it is not `lang`.
fn written_in(cues: &[super::Cue], lang: &str) -> Option<String> {
    let mut sample = String::new();
    for cue in cues.iter().take(400) {
        sample.push_str(&super::plain_text(&cue.text));
        sample.push('\n');
    }
    let found = detect_language(&sample)?;
    (found != super::base_language(lang)).then(|| found.to_owned())
}
