//! What a film looks like in the library: a poster frame away from black and fades, and a
//! filmstrip of evenly spaced frames for scrubbing. Runs inside the media worker process.

use std::path::Path;

use serde::{Deserialize, Serialize};

use super::frames::{Picture, VideoReader};
use crate::error::{Error, Result};
use crate::probe::{Filmstrip, MediaInfo};
use crate::thumbs::{orient, Rgb, ThumbStore, Variant};

pub const STRIP_FRAMES: u32 = 10;
pub const STRIP_TILE_HEIGHT: u32 = 90;

/// Where the poster frame is looked for, as shares of the duration: the first frames of a
/// film are black, a slate or a fade-in.
const POSTER_CANDIDATES: [f64; 5] = [0.1, 0.25, 0.4, 0.6, 0.8];

#[derive(Debug, Clone, Default, Serialize, Deserialize)]
pub struct Rendered {
    /// Films: where the poster frame was taken.
    pub poster_s: Option<f64>,
    pub filmstrip: Option<Filmstrip>,
    /// Damaged packets met on the way (concealed or skipped).
    pub decode_errors: u32,
    /// Whether the file's index failed and frames were found by decoding from the start.
    pub decoded_from_start: bool,
}

/// The filmstrip geometry for a film: evenly spaced frames, tiles as high as the strip.
pub fn filmstrip_plan(info: &MediaInfo) -> Option<Filmstrip> {
    let video = info.video.as_ref()?;
    let duration = info.duration_s.filter(|d| *d > 0.0)?;
    let (w, h) = (video.display_width.max(1), video.display_height.max(1));
    let tile_width = ((f64::from(STRIP_TILE_HEIGHT) * f64::from(w) / f64::from(h)).round() as u32).clamp(16, 480);
    let times_s = (0..STRIP_FRAMES)
        .map(|i| ((f64::from(i) + 0.5) / f64::from(STRIP_FRAMES) * duration * 1000.0).round() / 1000.0)
        .collect();
    Some(Filmstrip { frames: STRIP_FRAMES, tile_width, tile_height: STRIP_TILE_HEIGHT, times_s })
}

/// Renders the poster frame (every thumbnail variant) and the filmstrip of the film at `path`.
pub fn render_video(
    path: &Path,
    hash: &str,
    thumbs: &ThumbStore,
    progress: &mut dyn FnMut(u64, u64),
) -> Result<Rendered> {
    let (info, mut reader) = open(path)?;
    let orientation = info.orientation();
    let duration = info.duration_s.unwrap_or(0.0);
    let plan = filmstrip_plan(&info);
    let total = 1 + plan.as_ref().map_or(0, |p| u64::from(p.frames));
    let mut report = Rendered::default();

    let poster = choose_poster(path, &mut reader, &mut report, duration)?;
    thumbs.store_picture(path, hash, &poster.rgb, orientation)?;
    report.poster_s = Some((poster.time_s * 1000.0).round() / 1000.0);
    progress(1, total);

    if let Some(plan) = plan {
        let mut strip = Rgb {
            width: plan.tile_width * plan.frames,
            height: plan.tile_height,
            pixels: vec![24; (plan.tile_width * plan.frames * plan.tile_height * 3) as usize],
        };
        let long_edge = plan.tile_width.max(plan.tile_height);
        for (i, t) in plan.times_s.iter().enumerate() {
            // A frame that cannot be decoded stays a dark tile; the strip is still useful.
            if let Some(picture) = frame_at(&mut reader, &mut report, *t, long_edge)? {
                let tile = crate::thumbs::fit_exact(
                    path,
                    &orient(picture.rgb, orientation),
                    plan.tile_width,
                    plan.tile_height,
                )?;
                blit(&mut strip, &tile, i as u32 * plan.tile_width);
            }
            progress(2 + i as u64, total);
        }
        thumbs.store_strip(path, hash, &strip)?;
        report.filmstrip = Some(plan);
    }
    report.decode_errors = reader.damage();
    Ok(report)
}

/// Writes the poster frame of the film at `path` to `out` as a JPEG (preview size, upright).
pub fn poster_only(path: &Path, out: &Path) -> Result<Rendered> {
    let (info, mut reader) = open(path)?;
    let mut report = Rendered::default();
    let poster = choose_poster(path, &mut reader, &mut report, info.duration_s.unwrap_or(0.0))?;
    crate::thumbs::write_jpeg(out, &orient(poster.rgb, info.orientation()), 85)?;
    report.poster_s = Some(poster.time_s);
    Ok(report)
}

/// Opens a film once for both its facts and its pictures.
fn open(path: &Path) -> Result<(MediaInfo, VideoReader)> {
    let input = crate::probe::open_media(path)?;
    let info = crate::probe::describe_media(path, &input)?;
    Ok((info, VideoReader::new(path, input)?))
}

/// The first candidate frame with something to see, else the most interesting one.
fn choose_poster(path: &Path, reader: &mut VideoReader, report: &mut Rendered, duration: f64) -> Result<Picture> {
    let mut best: Option<(f64, Picture)> = None;
    for share in POSTER_CANDIDATES {
        let Some(picture) = frame_at(reader, report, share * duration, Variant::Preview.long_edge())? else {
            continue;
        };
        let score = interest(&picture.rgb);
        if best.as_ref().is_none_or(|(s, _)| score > *s) {
            best = Some((score, picture));
        }
        if score >= 1.0 || duration <= 0.0 {
            break;
        }
    }
    best.map(|(_, picture)| picture).ok_or_else(|| {
        Error::bad_media(path, format!("no picture could be decoded ({} damaged packets)", reader.damage()))
    })
}

/// The frame at `at_s`: by keyframe seek, or by decoding from the start once seeking has failed.
fn frame_at(reader: &mut VideoReader, report: &mut Rendered, at_s: f64, long_edge: u32) -> Result<Option<Picture>> {
    if !report.decoded_from_start {
        if let Some(picture) = reader.keyframe_at(at_s, long_edge)? {
            return Ok(Some(picture));
        }
        report.decoded_from_start = true;
    }
    reader.decoded_at(at_s, long_edge)
}

/// How much there is to see in a picture: 1.0 or more is a usable poster (not black, not
/// white, not a flat colour or a fade).
fn interest(image: &Rgb) -> f64 {
    let step = (image.pixels.len() / 3 / 4096).max(1);
    let lumas: Vec<f64> = image
        .pixels
        .chunks_exact(3)
        .step_by(step)
        .map(|p| 0.299 * f64::from(p[0]) + 0.587 * f64::from(p[1]) + 0.114 * f64::from(p[2]))
        .collect();
    if lumas.is_empty() {
        return 0.0;
    }
    let mean = lumas.iter().sum::<f64>() / lumas.len() as f64;
    let spread = (lumas.iter().map(|l| (l - mean).powi(2)).sum::<f64>() / lumas.len() as f64).sqrt();
    let exposure = if (24.0..=235.0).contains(&mean) { 1.0 } else { 0.3 };
    exposure * (spread / 12.0).min(4.0)
}

fn blit(strip: &mut Rgb, tile: &Rgb, x0: u32) {
    let rows = tile.height.min(strip.height) as usize;
    let cols = tile.width.min(strip.width.saturating_sub(x0)) as usize;
    for y in 0..rows {
        let src = &tile.pixels[y * tile.width as usize * 3..][..cols * 3];
        let start = (y * strip.width as usize + x0 as usize) * 3;
        strip.pixels[start..start + cols * 3].copy_from_slice(src);
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn black_and_flat_frames_make_poor_posters() {
        let black = Rgb { width: 64, height: 36, pixels: vec![0; 64 * 36 * 3] };
        let grey = Rgb { width: 64, height: 36, pixels: vec![128; 64 * 36 * 3] };
        let busy = Rgb { width: 64, height: 36, pixels: (0..64 * 36 * 3).map(|i| (i * 37 % 256) as u8).collect() };
        assert!(interest(&black) < 1.0);
        assert!(interest(&grey) < 1.0);
        assert!(interest(&busy) >= 1.0);
    }
}
