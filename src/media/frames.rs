//! Pictures out of a film: keyframe seeks for speed, and a start-to-end decode when a file's
//! index cannot be trusted. Runs inside the media worker process.

use std::path::{Path, PathBuf};

use ffmpeg::format::context::Input;
use ffmpeg::software::scaling;
use ffmpeg::util::frame;
use ffmpeg_next as ffmpeg;

use crate::error::{Error, Result};
use crate::probe::next_packet;
use crate::thumbs::Rgb;

/// Packets of the picture stream read after a seek before giving up on finding a frame there.
const PACKETS_PER_SEEK: usize = 600;

pub struct VideoReader {
    path: PathBuf,
    input: Input,
    stream: usize,
    decoder: ffmpeg::decoder::Video,
    time_base: f64,
    start_s: f64,
    /// Width of a pixel relative to its height (anamorphic DV, HDV).
    pixel_aspect: f64,
    /// Whether only keyframes are decoded (fast seeking) or every frame (exact decoding).
    keyframes_only: bool,
    decode_errors: u32,
    damaged_packets: u32,
}

/// A decoded picture and where it sits in the film.
pub struct Picture {
    pub rgb: Rgb,
    pub time_s: f64,
}

impl VideoReader {
    /// Reads pictures from `input`, the opened film at `path`.
    pub fn new(path: &Path, input: Input) -> Result<VideoReader> {
        let stream = input
            .streams()
            .best(ffmpeg::media::Type::Video)
            .ok_or_else(|| Error::bad_media(path, "the file holds no picture stream"))?;
        let index = stream.index();
        let time_base = f64::from(stream.time_base());
        let start_s = if stream.start_time() == ffmpeg::ffi::AV_NOPTS_VALUE {
            0.0
        } else {
            stream.start_time() as f64 * time_base
        };
        let mut context = ffmpeg::codec::context::Context::from_parameters(stream.parameters())
            .map_err(|e| Error::bad_media(path, format!("picture stream: {e}")))?;
        context.set_threading(ffmpeg::codec::threading::Config {
            kind: ffmpeg::codec::threading::Type::Frame,
            count: 0,
            ..Default::default()
        });
        let decoder = context.decoder().video().map_err(|e| {
            Error::bad_media(path, format!("no decoder for its {} pictures: {e}", stream.parameters().id().name()))
        })?;
        let sar = decoder.aspect_ratio();
        let pixel_aspect = if sar.numerator() > 0 && sar.denominator() > 0 { f64::from(sar) } else { 1.0 };
        Ok(VideoReader {
            path: path.to_path_buf(),
            input,
            stream: index,
            decoder,
            time_base,
            start_s,
            pixel_aspect,
            keyframes_only: false,
            decode_errors: 0,
            damaged_packets: 0,
        })
    }

    /// Packets met so far that could not be read or decoded.
    pub fn damage(&self) -> u32 {
        self.decode_errors + self.damaged_packets
    }

    /// The first picture of the keyframe at or before `at_s` (seconds from the start). Fast:
    /// one seek and one picture decoded. `None` when the index leads nowhere.
    pub fn keyframe_at(&mut self, at_s: f64, long_edge: u32) -> Result<Option<Picture>> {
        self.set_keyframes_only(true);
        let target = ((self.start_s + at_s.max(0.0)) * f64::from(ffmpeg::ffi::AV_TIME_BASE)) as i64;
        if self.input.seek(target, ..target).is_err() {
            return Ok(None);
        }
        self.decoder.flush();
        self.next_picture(long_edge, |_| true)
    }

    /// The picture shown at `at_s`, found by decoding from the start: slow, but needs no index.
    pub fn decoded_at(&mut self, at_s: f64, long_edge: u32) -> Result<Option<Picture>> {
        self.set_keyframes_only(false);
        // The keyframe nearest the start, wherever the file's timestamps begin (MPEG-TS: hours in).
        self.input
            .seek(0, ..)
            .map_err(|e| Error::bad_media(&self.path, format!("cannot go back to the start to decode: {e}")))?;
        self.decoder.flush();
        let start = self.start_s;
        self.next_picture(long_edge, |t| t - start >= at_s)
    }

    fn set_keyframes_only(&mut self, on: bool) {
        if self.keyframes_only != on {
            self.decoder.skip_frame(if on { ffmpeg::Discard::NonKey } else { ffmpeg::Discard::Default });
            self.keyframes_only = on;
        }
    }

    /// Decodes until a picture whose time satisfies `wanted` (or the last one at the end of
    /// the stream when none does), converted to RGB no larger than `long_edge`.
    fn next_picture(&mut self, long_edge: u32, mut wanted: impl FnMut(f64) -> bool) -> Result<Option<Picture>> {
        let mut decoded = frame::Video::empty();
        let mut fallback: Option<(frame::Video, f64)> = None;
        let mut packets = 0;
        let limit = if self.keyframes_only { PACKETS_PER_SEEK } else { usize::MAX };
        loop {
            let read = next_packet(&mut self.input, &self.path, &mut self.damaged_packets)?;
            let more = read.is_some();
            if let Some(packet) = read {
                if packet.stream() != self.stream {
                    continue;
                }
                packets += 1;
                if self.decoder.send_packet(&packet).is_err() {
                    self.decode_errors += 1;
                }
            } else {
                let _ = self.decoder.send_eof();
            }
            while self.decoder.receive_frame(&mut decoded).is_ok() {
                let t = decoded.timestamp().map_or(self.start_s, |ts| ts as f64 * self.time_base);
                if wanted(t) {
                    return self.to_rgb(&decoded, long_edge).map(|rgb| Some(Picture { rgb, time_s: t - self.start_s }));
                }
                fallback = Some((decoded.clone(), t));
            }
            if !more || packets >= limit {
                break;
            }
        }
        match fallback {
            Some((last, t)) => self.to_rgb(&last, long_edge).map(|rgb| Some(Picture { rgb, time_s: t - self.start_s })),
            None => Ok(None),
        }
    }

    /// Converts a decoded picture to RGB at its display shape (pixel aspect applied), with the
    /// long edge at most `long_edge`. Rotation is left to the caller.
    fn to_rgb(&self, picture: &frame::Video, long_edge: u32) -> Result<Rgb> {
        let (w, h) = (picture.width(), picture.height());
        if w == 0 || h == 0 {
            return Err(Error::bad_media(&self.path, "a decoded picture has no size"));
        }
        let shown_w = (f64::from(w) * self.pixel_aspect).round().max(1.0);
        let scale = (f64::from(long_edge) / shown_w.max(f64::from(h))).min(1.0);
        let dw = ((shown_w * scale).round() as u32).max(2) & !1;
        let dh = ((f64::from(h) * scale).round() as u32).max(2) & !1;
        let fail = |e: ffmpeg::Error| Error::bad_media(&self.path, format!("picture conversion: {e}"));
        let mut scaler = scaling::Context::get(
            picture.format(),
            w,
            h,
            ffmpeg::format::Pixel::RGB24,
            dw,
            dh,
            scaling::Flags::AREA | scaling::Flags::ACCURATE_RND,
        )
        .map_err(fail)?;
        let mut rgb = frame::Video::empty();
        scaler.run(picture, &mut rgb).map_err(fail)?;
        let stride = rgb.stride(0);
        let data = rgb.data(0);
        let row = dw as usize * 3;
        let mut pixels = Vec::with_capacity(row * dh as usize);
        for y in 0..dh as usize {
            pixels.extend_from_slice(&data[y * stride..y * stride + row]);
        }
        Ok(Rgb { width: dw, height: dh, pixels })
    }
}
