//! The per-file work of an ingest, run in parallel: read once, hash, read metadata, copy and
//! verify if asked, render thumbnails. Nothing here touches the catalog.

use std::io::Read;
use std::path::{Path, PathBuf};

use super::copy;
use super::scan::Candidate;
use crate::catalog::Kind;
use crate::error::{Error, IoContext, Result};
use crate::jobs::CancelToken;
use crate::probe::{self, ImageFormat, MediaInfo, PhotoInfo};
use crate::thumbs::ThumbStore;

/// Larger files are refused rather than read into memory.
const MAX_PHOTO_BYTES: u64 = 2 << 30;
/// An XMP sidecar is a few kilobytes; Lightroom's with develop history, a few hundred.
const MAX_SIDECAR_BYTES: u64 = 16 << 20;

/// A file read and ready to be catalogued.
pub struct ReadFile {
    /// Where the catalogued file lives (the verified copy when copying from a card).
    pub path: PathBuf,
    pub size: u64,
    pub mtime_ns: i64,
    /// When its sidecar was last changed, if it has one.
    pub sidecar_mtime_ns: Option<i64>,
    pub kind: Kind,
    pub hash: String,
    pub format: String,
    pub info: PhotoInfo,
    pub media: Option<MediaInfo>,
    pub support_note: Option<String>,
    /// A problem to report although the file was catalogued (no pictures from a film).
    pub warning: Option<String>,
}

/// What every file's reading shares in one ingest.
pub struct Reading<'a> {
    /// Copy files here (from a card) before cataloguing the copies.
    pub copy_to: Option<&'a Path>,
    pub thumbs: &'a ThumbStore,
    /// Make preview proxies in this library folder, when asked.
    pub proxies_in: Option<&'a Path>,
    pub cancel: &'a CancelToken,
    /// The machine's UTC offset: films record UTC, editors think in local time.
    pub local_offset: time::UtcOffset,
}

pub fn read(candidate: &Candidate, reading: &Reading) -> Result<ReadFile> {
    match candidate.kind {
        Kind::Photo => read_photo(candidate, reading),
        Kind::Video | Kind::Audio => read_film_or_sound(candidate, reading),
    }
}

/// The XMP sidecar of a candidate, read and parsed. One that cannot be read fails its file
/// (which is then not read at all: what the catalog had of it stays as it was).
fn sidecar(candidate: &Candidate) -> Result<Option<probe::Xmp>> {
    let Some((sidecar, _)) = &candidate.sidecar else { return Ok(None) };
    let fail = |reason: String| {
        Error::bad_media(&candidate.path, format!("its XMP sidecar {} cannot be read: {reason}", sidecar.display()))
    };
    let file = std::fs::File::open(sidecar).map_err(|e| fail(e.to_string()))?;
    let mut bytes = Vec::new();
    file.take(MAX_SIDECAR_BYTES + 1).read_to_end(&mut bytes).map_err(|e| fail(e.to_string()))?;
    if bytes.len() as u64 > MAX_SIDECAR_BYTES {
        return Err(fail(format!("larger than {} MB", MAX_SIDECAR_BYTES >> 20)));
    }
    probe::Xmp::parse(&bytes).map(Some).map_err(fail)
}

/// Copies a sidecar beside the copy of its file, named by the same convention; returns the
/// copy's modification time.
fn copy_sidecar(candidate: &Candidate, target: &Path) -> Result<Option<i64>> {
    let Some((sidecar, _)) = &candidate.sidecar else { return Ok(None) };
    let by_full_name = sidecar.file_stem() == candidate.path.file_name();
    let name = if by_full_name { target.file_name() } else { target.file_stem() };
    let mut name = name.unwrap_or_default().to_os_string();
    name.push(".xmp");
    let to = target.with_file_name(name);
    std::fs::copy(sidecar, &to).at(&to)?;
    Ok(Some(super::scan::mtime_ns(&std::fs::metadata(&to).at(&to)?)))
}

fn read_photo(candidate: &Candidate, reading: &Reading) -> Result<ReadFile> {
    let (copy_to, thumbs) = (reading.copy_to, reading.thumbs);
    let path = &candidate.path;
    let sidecar = sidecar(candidate)?;
    let bytes = read_bounded(path)?;
    let hash = blake3::hash(&bytes).to_hex().to_string();
    let probed = probe::read_photo(path, &bytes, sidecar);

    // Off a card, every file is copied, even one Mediadesk cannot read: the card gets wiped.
    let mut sidecar_mtime_ns = candidate.sidecar.as_ref().map(|(_, m)| *m);
    let (stored_path, mtime_ns) = match copy_to {
        Some(dest) => {
            let mtime = std::fs::metadata(path).and_then(|m| m.modified()).at(path)?;
            let captured = probed.as_ref().ok().and_then(|i| i.captured);
            let date =
                captured.map(|c| c.local()[0..10].to_owned()).unwrap_or_else(|| file_date(mtime, reading.local_offset));
            let target = copy::copy_verified(
                path,
                copy::Source::Bytes(&bytes),
                &hash,
                copy::dated_target(dest, &date, path),
                mtime,
            )?;
            sidecar_mtime_ns = copy_sidecar(candidate, &target)?;
            let meta = std::fs::metadata(&target).at(&target)?;
            (target, super::scan::mtime_ns(&meta))
        }
        None => (path.clone(), candidate.mtime_ns),
    };

    let info = probed?;
    let format = info.format.unwrap_or(ImageFormat::Jpeg);
    let support_note = match format {
        ImageFormat::Raw | ImageFormat::Heif => Some(render_embedded_preview(path, &hash, &bytes, &info, thumbs)),
        _ if thumbs.has_all(&hash) => None,
        _ => {
            thumbs.render_photo(path, &hash, &bytes, format, info.orientation)?;
            None
        }
    };
    Ok(ReadFile {
        path: stored_path,
        size: bytes.len() as u64,
        mtime_ns,
        sidecar_mtime_ns,
        kind: candidate.kind,
        hash,
        format: format.name().to_owned(),
        info,
        media: None,
        support_note,
        warning: None,
    })
}

/// Films and sound are hashed as a stream (they can be many gigabytes), probed in-process, and
/// their pictures rendered by a media worker process.
fn read_film_or_sound(candidate: &Candidate, reading: &Reading) -> Result<ReadFile> {
    let (copy_to, thumbs, cancel) = (reading.copy_to, reading.thumbs, reading.cancel);
    let path = &candidate.path;
    let sidecar = sidecar(candidate)?;
    let mut sidecar_mtime_ns = candidate.sidecar.as_ref().map(|(_, m)| *m);
    let hash = copy::hash_file(path)?;
    let probed = probe::read_media(path);
    let (stored_path, mtime_ns) = match copy_to {
        Some(dest) => {
            let mtime = std::fs::metadata(path).and_then(|m| m.modified()).at(path)?;
            let captured = probed.as_ref().ok().and_then(|m| super::film_facts::captured(m, reading.local_offset));
            let date =
                captured.map(|c| c.local()[0..10].to_owned()).unwrap_or_else(|| file_date(mtime, reading.local_offset));
            let target =
                copy::copy_verified(path, copy::Source::File, &hash, copy::dated_target(dest, &date, path), mtime)?;
            sidecar_mtime_ns = copy_sidecar(candidate, &target)?;
            let meta = std::fs::metadata(&target).at(&target)?;
            (target, super::scan::mtime_ns(&meta))
        }
        None => (path.clone(), candidate.mtime_ns),
    };
    let mut media = probed?;
    let kind = if media.is_video() { Kind::Video } else { Kind::Audio };
    let plan = crate::media::filmstrip_plan(&media);
    let rendered = if kind == Kind::Video {
        thumbs.has_all(&hash) && (plan.is_none() || thumbs.strip_path(&hash).is_file())
    } else {
        thumbs.has_all(&hash)
    };
    let (mut support_note, mut warning) = (None, None);
    if !rendered {
        let result = crate::media::worker::render(path, &hash, thumbs, kind == Kind::Video, cancel);
        media.poster_s = result.as_ref().ok().and_then(|r| r.poster_s);
        match result {
            Ok(rendered) if rendered.decode_errors > 0 => {
                warning = Some(format!(
                    "catalogued, but the file is damaged: {} packets could not be decoded{}",
                    rendered.decode_errors,
                    if rendered.decoded_from_start { "; its index is broken too" } else { "" }
                ));
            }
            Ok(_) => {}
            Err(Error::Cancelled) => return Err(Error::Cancelled),
            Err(e) => {
                let reason = match &e {
                    Error::BadMedia { reason, .. } => reason.clone(),
                    other => other.to_string(),
                };
                support_note = Some(format!("no pictures: {reason}"));
                warning = Some(format!("catalogued without pictures: {reason}"));
            }
        }
    }
    if support_note.is_none() {
        media.filmstrip = plan;
        if let Some(root) = reading.proxies_in.filter(|_| crate::media::needs_proxy(&media)) {
            if let Err(e) = make_proxy(root, &stored_path, &hash, cancel) {
                if matches!(e, Error::Cancelled) {
                    return Err(e);
                }
                warning = Some(format!("catalogued, but its proxy failed: {}", super::failure_reason(&e)));
            }
        }
    }
    let mut info = super::film_facts::embedded(&media, reading.local_offset);
    if let Some(sidecar) = &sidecar {
        info = probe::sidecar_over(info, sidecar);
    }
    Ok(ReadFile {
        path: stored_path,
        size: candidate.size,
        mtime_ns,
        sidecar_mtime_ns,
        kind,
        hash,
        format: film_format(path, &media),
        info,
        media: Some(media),
        support_note,
        warning,
    })
}

fn make_proxy(root: &Path, source: &Path, hash: &str, cancel: &CancelToken) -> Result<()> {
    let target = crate::media::proxy_path(root, hash);
    if !target.is_file() {
        crate::media::write_proxy(source, &target, cancel, &mut |_, _| {})?;
    }
    Ok(())
}

/// A short format name: the file's extension when libav agrees it is that kind of file.
fn film_format(path: &Path, media: &MediaInfo) -> String {
    let ext = path.extension().and_then(|e| e.to_str()).unwrap_or_default().to_ascii_lowercase();
    let names: Vec<&str> = media.container.split(',').collect();
    if names.contains(&ext.as_str()) || (ext == "mkv" && names.contains(&"matroska")) {
        ext
    } else {
        names.first().copied().unwrap_or("unknown").to_owned()
    }
}

fn read_bounded(path: &Path) -> Result<Vec<u8>> {
    let file = std::fs::File::open(path).at(path)?;
    let len = file.metadata().at(path)?.len();
    if len > MAX_PHOTO_BYTES {
        return Err(Error::bad_media(path, format!("file too large for a photo ({len} bytes)")));
    }
    let mut bytes = Vec::with_capacity(len as usize);
    file.take(MAX_PHOTO_BYTES).read_to_end(&mut bytes).at(path)?;
    Ok(bytes)
}

fn preview_note(format: ImageFormat) -> String {
    format!("{} pixels are not decoded; thumbnails come from the preview embedded by the camera", format.name())
}

/// Camera raw and HEIF: catalogued with their metadata; thumbnails from the largest JPEG the
/// camera embedded that decodes, when there is one. Returns the note saying which.
fn render_embedded_preview(path: &Path, hash: &str, bytes: &[u8], info: &PhotoInfo, thumbs: &ThumbStore) -> String {
    let format = info.format.unwrap_or(ImageFormat::Raw);
    let rendered = crate::thumbs::embedded_jpegs(bytes)
        .into_iter()
        .take(4)
        .any(|jpeg| thumbs.render_photo(path, hash, jpeg, ImageFormat::Jpeg, info.orientation).is_ok());
    if rendered {
        preview_note(format)
    } else {
        format!("unsupported: {} pixels are not decoded and the file embeds no usable preview", format.name())
    }
}

/// The local date of a file's modification time, for copies of photos with no capture time.
fn file_date(mtime: std::time::SystemTime, local_offset: time::UtcOffset) -> String {
    let t = time::OffsetDateTime::from(mtime).to_offset(local_offset);
    format!("{:04}-{:02}-{:02}", t.year(), t.month() as u8, t.day())
}
