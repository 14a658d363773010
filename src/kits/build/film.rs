//! Films in a kit: each rendition the profile asks for, made by the media worker in its own
//! process (a decoder crash fails the film, not the build) or the original copied byte for
//! byte; and the film's subtitles as sidecars, per language and format.

use std::ffi::OsStr;
use std::path::{Path, PathBuf};

use super::content::{AssetItem, Content};
use super::ninjs::FileRef;
use crate::catalog::{Asset, Kind};
use crate::error::{Error, Result};
use crate::jobs::{JobCtx, Progress, Stage};
use crate::kits::names::slug;
use crate::kits::profile::{FilmRecipe, FilmRendition};
use crate::media::BroadcastReport;
use crate::subtitles::SubtitleFormat;

pub(super) fn renditions<'a>(c: &'a Content, a: &Asset) -> &'a [FilmRendition] {
    if a.kind == Kind::Video {
        &c.profile.films.renditions
    } else {
        &[]
    }
}

/// The original's extension, made safe for a file name ("mov", "mxf").
fn extension(a: &Asset) -> String {
    let name = a.filename.as_deref().or(a.path.as_deref()).unwrap_or_default();
    let ext = Path::new(name).extension().map(|e| e.to_string_lossy().to_lowercase()).unwrap_or_default();
    Some(slug(&ext, 8)).filter(|e| !e.is_empty()).unwrap_or_else(|| "bin".into())
}

fn rendition_path(item: &AssetItem, r: &FilmRendition) -> String {
    let ext = match r.recipe {
        FilmRecipe::Original => extension(&item.asset),
        _ => "mp4".to_owned(),
    };
    format!("films/{}-{}.{ext}", item.stem, slug(&r.name, 16))
}

/// The film's first rendition, as the captions file names it.
pub(super) fn first_path(c: &Content, item: &AssetItem) -> Option<String> {
    renditions(c, &item.asset).first().map(|r| rendition_path(item, r))
}

pub(super) fn sidecar_path(item: &AssetItem, lang: &str, format: &str) -> String {
    let ext = match format {
        "srt" | "vtt" => format,
        _ => "ttml",
    };
    format!("films/{}.{}.{ext}", item.stem, slug(lang, 16))
}

/// Makes the renditions of one film not already in `data`; true if all were. Progress is the
/// film's own (milliseconds of it done); a cancel stops the worker at once.
pub(super) fn render(c: &Content, item: &AssetItem, data: &Path, ctx: &JobCtx) -> Result<bool> {
    let missing: Vec<&FilmRendition> =
        renditions(c, &item.asset).iter().filter(|r| !data.join(rendition_path(item, r)).is_file()).collect();
    if missing.is_empty() {
        return Ok(true);
    }
    // The original, or on a tour with previews only its proxy (the preflight refuses a
    // byte-for-byte copy of a proxy, and the build does too).
    let source = match (&item.preview, original(&item.asset)) {
        (_, Ok(path)) => path,
        (Some(proxy), Err(_)) if missing.iter().all(|r| r.recipe != FilmRecipe::Original) => proxy.clone(),
        (_, Err(e)) => return Err(e),
    };
    for r in missing {
        let target = data.join(rendition_path(item, r));
        let part = target.with_extension("part");
        let mut progress = |done, total| {
            ctx.report(&Progress { stage: Stage::Transcoding, done, total, current: Some(source.clone()) })
        };
        let made = match r.recipe {
            FilmRecipe::Broadcast => {
                let task = [OsStr::new("broadcast"), source.as_os_str(), part.as_os_str()];
                crate::media::worker::run::<BroadcastReport>(&source, &task, &ctx.cancel, &mut progress).map(|_| ())
            }
            FilmRecipe::Original => std::fs::copy(&source, &part).map(|_| ()).map_err(|e| Error::io(&part, e)),
            _ => social(c, item, r, &source, &part, ctx, &mut progress),
        };
        if let Err(e) = made.and_then(|()| std::fs::rename(&part, &target).map_err(|e| Error::io(&target, e))) {
            let _ = std::fs::remove_file(&part);
            return Err(e);
        }
    }
    Ok(false)
}

/// A clip for a social platform, made by the media worker: the frame filled around the
/// film's focus point (or the whole picture fitted, for YouTube), cut at the platform's
/// longest, the first target language's subtitles burned in where the recipe wants them.
fn social(
    c: &Content,
    item: &AssetItem,
    r: &FilmRendition,
    source: &Path,
    part: &Path,
    ctx: &JobCtx,
    progress: &mut dyn FnMut(u64, u64),
) -> Result<()> {
    let (width, height) = r.recipe.frame().unwrap_or((1920, 1080));
    let lang = c.primary();
    let cues = item.subtitles.iter().find(|(l, _)| l == lang).map(|(_, cues)| cues).filter(|_| r.recipe.burns_in());
    // The script is written where libavfilter can be told its path plainly.
    let script = cues.map(|_| {
        std::env::temp_dir().join(format!(
            "mediadesk-{}-{}-{}.ass",
            std::process::id(),
            item.asset.id,
            slug(&r.name, 16)
        ))
    });
    if let (Some(cues), Some(path)) = (cues, &script) {
        let text = crate::subtitles::burn_in(cues, &burn_style(r.recipe, width, height, lang));
        std::fs::write(path, text).map_err(|e| Error::io(path, e))?;
    }
    let spec = crate::media::SocialSpec {
        width,
        height,
        crop: r.recipe.burns_in(),
        focus: item.asset.focus.unwrap_or([0.5, 0.5]),
        max_ms: r.max_seconds.map(|s| u64::from(s) * 1000),
        subtitles: script.clone(),
    };
    let spec = serde_json::to_string(&spec).map_err(|e| Error::InvalidInput(e.to_string()))?;
    let task = [OsStr::new("social"), source.as_os_str(), part.as_os_str(), OsStr::new(&spec)];
    let made = crate::media::worker::run::<crate::media::Encoded>(source, &task, &ctx.cancel, progress).map(|_| ());
    if let Some(path) = script {
        let _ = std::fs::remove_file(path);
    }
    made
}

/// Burned-in subtitles kept out of what the platform draws over the clip: on 9:16 reels the
/// caption, the account and the buttons take the bottom fifth and a strip down the right.
fn burn_style(recipe: FilmRecipe, width: u32, height: u32, lang: &str) -> crate::subtitles::BurnStyle {
    let (size, left, right, bottom) = match recipe {
        FilmRecipe::Vertical => (58, 64, 150, height / 5),
        FilmRecipe::Portrait => (50, 60, 60, height / 12),
        _ => (48, 60, 60, height / 14),
    };
    crate::subtitles::BurnStyle {
        width,
        height,
        font: crate::text::noto_face(lang).to_owned(),
        size,
        margin_left: left,
        margin_right: right,
        margin_bottom: bottom,
    }
}

/// Writes the film's subtitle sidecars (small: written again on every run).
pub(super) fn sidecars(c: &Content, item: &AssetItem, data: &Path) -> Result<()> {
    for (lang, cues) in &item.subtitles {
        for format in &c.profile.films.subtitles {
            let kind = SubtitleFormat::from_name(format).unwrap_or(SubtitleFormat::Srt);
            let text = crate::subtitles::write(cues, kind, lang)?;
            super::write_atomically(&data.join(sidecar_path(item, lang, format)), text.as_bytes())?;
        }
    }
    Ok(())
}

fn shot_list_path(item: &AssetItem, format: &str) -> String {
    format!("films/{}-shotlist.{}", item.stem, slug(format, 8))
}

/// The film's shot list in the profile's formats, timed on its first rendition (a broadcast
/// copy counts 25 or 50 frames a second from the film's own start timecode). Cheap: written
/// again on every run.
pub(super) fn shot_lists(c: &Content, item: &AssetItem, data: &Path) -> Result<()> {
    let a = &item.asset;
    let Some(first) = renditions(c, a).first().filter(|_| !c.profile.films.shot_list.is_empty()) else {
        return Ok(());
    };
    let clock = crate::shotlist::film_clock(a);
    let clock = match first.recipe {
        FilmRecipe::Broadcast => {
            let fps = a.video.as_ref().and_then(|v| v.fps).unwrap_or(25.0);
            clock.at_rate(i64::from(crate::media::broadcast_rate(fps)), 1)
        }
        _ => clock,
    };
    let file = rendition_path(item, first).trim_start_matches("films/").to_owned();
    let list = crate::shotlist::ShotList::new(a, &item.shots, &c.languages, clock, file);
    for format in &c.profile.films.shot_list {
        let bytes = match format.as_str() {
            "csv" => list.csv(),
            "pdf" => {
                let k = &c.kit;
                let footer: Vec<&str> = [Some(k.recipient.as_str()), k.outlet.as_deref(), k.title.as_deref()]
                    .into_iter()
                    .flatten()
                    .collect();
                let footer = footer.join(" · ");
                list.pdf(&format!("{}/{}", c.kit_uid, item.stem), &footer)?
            }
            _ => continue,
        };
        super::write_atomically(&data.join(shot_list_path(item, format)), &bytes)?;
    }
    Ok(())
}

/// The film's files as ninjs lists them: renditions, then sidecars, then shot lists.
pub(super) fn refs(c: &Content, item: &AssetItem, data: &Path) -> Result<Vec<FileRef>> {
    let a = &item.asset;
    let size =
        |path: &str| std::fs::metadata(data.join(path)).map(|m| m.len()).map_err(|e| Error::io(data.join(path), e));
    let mut refs = Vec::new();
    for r in renditions(c, a) {
        let path = rendition_path(item, r);
        let (content_type, width, height) = match r.recipe.frame() {
            Some((w, h)) => ("video/mp4".to_owned(), Some(w), Some(h)),
            None => (content_type(&extension(a)).to_owned(), a.width, a.height),
        };
        refs.push(FileRef { name: r.name.clone(), size: size(&path)?, path, content_type, width, height });
    }
    // Sidecars and shot lists: text files, no picture size.
    let mut text = |name: String, path: String, content_type: &str| -> Result<()> {
        let size = size(&path)?;
        refs.push(FileRef { name, size, path, content_type: content_type.into(), width: None, height: None });
        Ok(())
    };
    for (lang, _) in &item.subtitles {
        for format in &c.profile.films.subtitles {
            let content_type = match format.as_str() {
                "srt" => "application/x-subrip",
                "vtt" => "text/vtt",
                _ => "application/ttml+xml",
            };
            let name = format!("subtitles-{}-{}", slug(lang, 16), slug(format, 16));
            text(name, sidecar_path(item, lang, format), content_type)?;
        }
    }
    if !renditions(c, a).is_empty() {
        for format in &c.profile.films.shot_list {
            let content_type = if format == "pdf" { "application/pdf" } else { "text/csv; charset=utf-8" };
            text(format!("shot-list-{}", slug(format, 8)), shot_list_path(item, format), content_type)?;
        }
    }
    Ok(refs)
}

fn content_type(extension: &str) -> &'static str {
    match extension {
        "mp4" | "m4v" => "video/mp4",
        "mov" => "video/quicktime",
        "mxf" => "application/mxf",
        "mkv" => "video/x-matroska",
        "webm" => "video/webm",
        "ts" | "mts" | "m2ts" => "video/mp2t",
        _ => "application/octet-stream",
    }
}

/// The first of the film's files that still holds what was catalogued (hashed as it streams:
/// a film does not fit in memory as a photo does).
fn original(a: &Asset) -> Result<PathBuf> {
    let mut why = String::from("it has no file");
    for f in &a.files {
        let path = PathBuf::from(&f.path);
        match crate::ingest::hash_file(&path) {
            Ok(hash) if hash == a.content_hash => return Ok(path),
            Ok(_) => why = format!("{} has changed since it was catalogued (ingest it again)", path.display()),
            Err(e) => why = format!("{} cannot be read: {e}", path.display()),
        }
    }
    Err(Error::bad_media(
        a.path.clone().unwrap_or_default(),
        format!("asset {}'s original is not at hand: {why}", a.id),
    ))
}
