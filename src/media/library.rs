//! What the library does with its films: preview proxies and embedded subtitles, by asset.

use std::ffi::OsStr;
use std::path::{Path, PathBuf};

use serde::Serialize;

use super::{extract_subtitles, proxy_path, worker, ExtractedSubtitles, ProxyReport};
use crate::catalog::{Asset, Kind};
use crate::error::{Error, IoContext, Result};
use crate::jobs::{CancelToken, JobCtx, Progress, Stage};
use crate::probe::MediaInfo;
use crate::Library;

/// Codecs and containers WebKitGTK's player (GStreamer) plays reliably; anything else gets a
/// proxy so the app can play it.
const PLAYABLE_CODECS: &[&str] = &["h264", "vp8", "vp9", "av1"];
const PLAYABLE_CONTAINERS: &[&str] = &["mov", "mp4", "matroska", "webm"];
const PLAYABLE_PIXELS: &[&str] = &["yuv420p", "yuvj420p"];

/// Photo formats the webview draws itself.
const WEBVIEW_PICTURES: &[&str] = &["jpeg", "png", "webp", "gif"];

/// Whether a film needs a proxy for the app to play it.
pub fn needs_proxy(media: &MediaInfo) -> bool {
    let Some(video) = &media.video else { return false };
    let container_ok = media.container.split(',').any(|c| PLAYABLE_CONTAINERS.contains(&c));
    let pixels_ok = video.pixel_format.as_deref().is_none_or(|p| PLAYABLE_PIXELS.contains(&p));
    !(container_ok && pixels_ok && PLAYABLE_CODECS.contains(&video.codec.as_str()))
}

#[derive(Debug, Clone, Serialize)]
pub struct ProxyOutcome {
    pub asset_id: i64,
    pub path: PathBuf,
    /// False when a proxy was already there.
    pub made: bool,
    pub report: Option<ProxyReport>,
}

impl Library {
    /// Makes (or finds) the preview proxy of a film. Cancelling leaves no partial file; a rerun
    /// starts the proxy again.
    pub fn make_proxy(&self, reference: &str, force: bool, ctx: &JobCtx) -> Result<ProxyOutcome> {
        let asset = self.find_asset(reference)?;
        if asset.kind != Kind::Video {
            return Err(Error::InvalidInput(format!("asset {} is {}, not a film", asset.id, asset.kind.code())));
        }
        let source = reachable_file(&asset)?;
        let target = proxy_path(self.root(), &asset.content_hash);
        if target.is_file() && !force {
            return Ok(ProxyOutcome { asset_id: asset.id, path: target, made: false, report: None });
        }
        let mut progress = |done, total| {
            ctx.report(&Progress { stage: Stage::Transcoding, done, total, current: Some(source.clone()) })
        };
        let report = write_proxy(&source, &target, &ctx.cancel, &mut progress)?;
        Ok(ProxyOutcome { asset_id: asset.id, path: target, made: true, report: Some(report) })
    }

    /// The proxy of an asset, if one has been made.
    pub fn proxy_of(&self, asset: &Asset) -> Option<PathBuf> {
        Some(proxy_path(self.root(), &asset.content_hash)).filter(|p| p.is_file())
    }

    /// The file the app shows at full size: a film's or sound's proxy when there is one, else
    /// the original when the webview can play or draw it (a photo at 100%). The app asks by
    /// asset id, never by path.
    pub fn viewable(&self, id: i64) -> Result<PathBuf> {
        let asset = self.asset(id)?;
        if asset.kind == Kind::Photo {
            if !WEBVIEW_PICTURES.contains(&asset.format.as_str()) {
                return Err(Error::NotFound(format!("no picture of asset {id} the app can draw at full size")));
            }
            return reachable_file(&asset);
        }
        if let Some(proxy) = self.proxy_of(&asset) {
            return Ok(proxy);
        }
        let media: Option<MediaInfo> = self
            .conn()
            .query_row("SELECT media FROM assets WHERE id = ?1", [id], |r| r.get::<_, Option<String>>(0))?
            .and_then(|m| serde_json::from_str(&m).ok());
        if media.as_ref().is_some_and(needs_proxy) {
            return Err(Error::NotFound(format!(
                "no playable proxy of asset {id} (make one with `mediadesk proxy {id}`)"
            )));
        }
        reachable_file(&asset)
    }

    /// The text subtitle tracks embedded in a film: one by stream index, those of a language,
    /// or all.
    pub fn embedded_subtitles(
        &self,
        reference: &str,
        track: Option<usize>,
        language: Option<&str>,
    ) -> Result<Vec<ExtractedSubtitles>> {
        let asset = self.find_asset(reference)?;
        extract_subtitles(&reachable_file(&asset)?, track, language)
    }
}

/// Transcodes `source` into the proxy file `target` in a media worker, through a partial file
/// that is removed on failure or cancel, so a proxy in place is always whole.
pub fn write_proxy(
    source: &Path,
    target: &Path,
    cancel: &CancelToken,
    progress: &mut dyn FnMut(u64, u64),
) -> Result<ProxyReport> {
    let dir = target.parent().unwrap_or(Path::new("."));
    std::fs::create_dir_all(dir).at(dir)?;
    // One partial file per job: two jobs on the same content never write into each other.
    static JOBS: std::sync::atomic::AtomicU64 = std::sync::atomic::AtomicU64::new(0);
    let job = JOBS.fetch_add(1, std::sync::atomic::Ordering::Relaxed);
    let partial = target.with_extension(format!("partial-{}-{job}.mp4", std::process::id()));
    let task = [OsStr::new("proxy"), source.as_os_str(), partial.as_os_str()];
    match worker::run::<ProxyReport>(source, &task, cancel, progress) {
        Ok(report) => {
            std::fs::rename(&partial, target).at(target)?;
            Ok(report)
        }
        Err(e) => {
            let _ = std::fs::remove_file(&partial);
            Err(e)
        }
    }
}

/// The first file of an asset that is where the catalog last saw it.
fn reachable_file(asset: &Asset) -> Result<PathBuf> {
    asset.files.iter().map(|f| PathBuf::from(&f.path)).find(|p| p.is_file()).ok_or_else(|| {
        Error::NotFound(format!("no file of asset {} on this machine (is its drive connected?)", asset.id))
    })
}
