//! A sound's thumbnail: its waveform, drawn from the peaks of the whole recording. Runs inside
//! the media worker process.

use std::path::Path;

use ffmpeg::format::Sample;
use ffmpeg::util::frame;
use ffmpeg_next as ffmpeg;

use crate::error::{Error, Result};
use crate::probe::{next_packet, open_media};
use crate::thumbs::{Rgb, ThumbStore};

const WIDTH: u32 = 1600;
const HEIGHT: u32 = 400;
/// Peaks are kept per 10 ms of sound, then folded into the image's columns.
const BUCKET_S: f64 = 0.01;
const BACKGROUND: [u8; 3] = [28, 36, 46];
const WAVE: [u8; 3] = [92, 184, 230];
const AXIS: [u8; 3] = [60, 72, 86];

/// Decodes the main sound stream of `path` and stores its waveform as every thumbnail variant.
/// Returns how many packets were damaged.
pub fn render_audio(path: &Path, hash: &str, thumbs: &ThumbStore, progress: &mut dyn FnMut(u64, u64)) -> Result<u32> {
    let mut input = open_media(path)?;
    let stream = input
        .streams()
        .best(ffmpeg::media::Type::Audio)
        .ok_or_else(|| Error::bad_media(path, "the file holds no sound stream"))?;
    let index = stream.index();
    let duration_us = input.duration().max(0) as u64;
    let context = ffmpeg::codec::context::Context::from_parameters(stream.parameters())
        .map_err(|e| Error::bad_media(path, format!("sound stream: {e}")))?;
    let mut decoder =
        context.decoder().audio().map_err(|e| Error::bad_media(path, format!("no sound decoder: {e}")))?;

    let mut peaks: Vec<f32> = Vec::new();
    let mut seconds = 0.0;
    let mut errors = 0u32;
    let mut damaged = 0u32;
    let mut decoded = frame::Audio::empty();
    let mut last_report = std::time::Instant::now();
    loop {
        let read = next_packet(&mut input, path, &mut damaged)?;
        let more = read.is_some();
        if let Some(packet) = read {
            if packet.stream() != index {
                continue;
            }
            if decoder.send_packet(&packet).is_err() {
                errors += 1;
            }
        } else {
            let _ = decoder.send_eof();
        }
        while decoder.receive_frame(&mut decoded).is_ok() {
            let rate = f64::from(decoded.rate().max(1));
            add_peaks(&decoded, rate, &mut peaks);
            seconds += decoded.samples() as f64 / rate;
        }
        if last_report.elapsed().as_millis() > 200 && duration_us > 0 {
            progress((seconds * 1000.0) as u64, duration_us / 1000);
            last_report = std::time::Instant::now();
        }
        if !more {
            break;
        }
    }
    if peaks.is_empty() {
        return Err(Error::bad_media(
            path,
            format!("no sound could be decoded ({} damaged packets)", errors + damaged),
        ));
    }
    thumbs.store_picture(path, hash, &draw(&peaks), 1)?;
    Ok(errors + damaged)
}

/// Appends the peak of each 10 ms of `frame` (all channels) to `peaks`.
fn add_peaks(frame: &frame::Audio, rate: f64, peaks: &mut Vec<f32>) {
    let per_bucket = ((rate * BUCKET_S) as usize).max(1);
    let samples = frame.samples();
    let channels = usize::from(frame.channels().max(1));
    let mut levels = vec![0f32; samples];
    let (format, planar) = match frame.format() {
        Sample::None => return,
        Sample::U8(t) => (Width::U8, t == ffmpeg::format::sample::Type::Planar),
        Sample::I16(t) => (Width::I16, t == ffmpeg::format::sample::Type::Planar),
        Sample::I32(t) => (Width::I32, t == ffmpeg::format::sample::Type::Planar),
        Sample::I64(t) => (Width::I64, t == ffmpeg::format::sample::Type::Planar),
        Sample::F32(t) => (Width::F32, t == ffmpeg::format::sample::Type::Planar),
        Sample::F64(t) => (Width::F64, t == ffmpeg::format::sample::Type::Planar),
    };
    let size = format.bytes();
    for ch in 0..channels {
        let (plane, offset, stride) = if planar { (ch, 0, size) } else { (0, ch * size, size * channels) };
        if plane >= frame.planes() {
            break;
        }
        let data = frame.data(plane);
        for (i, level) in levels.iter_mut().enumerate() {
            let at = offset + i * stride;
            if let Some(bytes) = data.get(at..at + size) {
                *level = level.max(format.level(bytes).abs());
            }
        }
    }
    for chunk in levels.chunks(per_bucket) {
        peaks.push(chunk.iter().copied().fold(0.0, f32::max).min(1.0));
    }
}

#[derive(Clone, Copy)]
enum Width {
    U8,
    I16,
    I32,
    I64,
    F32,
    F64,
}

impl Width {
    fn bytes(self) -> usize {
        match self {
            Width::U8 => 1,
            Width::I16 => 2,
            Width::I32 | Width::F32 => 4,
            Width::I64 | Width::F64 => 8,
        }
    }

    /// The sample in `bytes` (native endian) as -1.0..1.0.
    fn level(self, b: &[u8]) -> f32 {
        match self {
            Width::U8 => (f32::from(b[0]) - 128.0) / 128.0,
            Width::I16 => f32::from(i16::from_ne_bytes([b[0], b[1]])) / 32768.0,
            Width::I32 => i32::from_ne_bytes([b[0], b[1], b[2], b[3]]) as f32 / 2_147_483_648.0,
            Width::I64 => {
                (i64::from_ne_bytes([b[0], b[1], b[2], b[3], b[4], b[5], b[6], b[7]]) >> 32) as f32 / 2_147_483_648.0
            }
            Width::F32 => f32::from_ne_bytes([b[0], b[1], b[2], b[3]]),
            Width::F64 => f64::from_ne_bytes([b[0], b[1], b[2], b[3], b[4], b[5], b[6], b[7]]) as f32,
        }
    }
}

/// Draws the waveform, scaled to the loudest peak so quiet interviews still show their shape.
fn draw(peaks: &[f32]) -> Rgb {
    let (w, h) = (WIDTH as usize, HEIGHT as usize);
    let mut pixels: Vec<u8> = BACKGROUND.iter().copied().cycle().take(w * h * 3).collect();
    let loudest = peaks.iter().copied().fold(0.05, f32::max);
    let mid = h / 2;
    let mut put = |x: usize, y: usize, c: [u8; 3]| pixels[(y * w + x) * 3..][..3].copy_from_slice(&c);
    for x in 0..w {
        put(x, mid, AXIS);
        let from = x * peaks.len() / w;
        let to = ((x + 1) * peaks.len() / w).max(from + 1).min(peaks.len());
        let peak = peaks[from.min(peaks.len() - 1)..to].iter().copied().fold(0.0, f32::max) / loudest;
        let half = ((peak * (mid as f32 - 8.0)) as usize).max(1);
        for y in mid - half..=mid + half {
            put(x, y, WAVE);
        }
    }
    Rgb { width: WIDTH, height: HEIGHT, pixels }
}
