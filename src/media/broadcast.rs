//! The broadcaster's film: MP4, H.264 High, 1920×1080 progressive at 25 fps (50 kept), AAC-LC
//! 48 kHz stereo, loudness normalised to EBU R128 in two passes, as an engineer runs ffmpeg by
//! hand: the sound measured first, then `loudnorm` given the measurement; the result measured
//! again after encoding and corrected once when it misses.

use std::path::Path;

use ffmpeg::util::frame;
use ffmpeg::Rational;
use ffmpeg_next as ffmpeg;
use serde::{Deserialize, Serialize};

use super::encode::{self, audio_graph, AudioPlan, Encoded, Recipe, VideoPlan};
use crate::error::{Error, Result};
use crate::probe::{media_start_s, next_packet, open_media};

pub const TARGET_LUFS: f64 = -23.0;
pub const TOLERANCE_LU: f64 = 0.5;
pub const MAX_TRUE_PEAK_DBTP: f64 = -1.0;
/// What loudnorm aims its true peak at: a decibel under the ceiling for the AAC encoder.
const LOUDNORM_TRUE_PEAK: f64 = -2.0;
const WIDTH: u32 = 1920;
const HEIGHT: u32 = 1080;
const AUDIO_BIT_RATE: usize = 192_000;

/// EBU R128 loudness of a film's sound as libavfilter's `ebur128` measures it, in stereo.
#[derive(Debug, Clone, Copy, PartialEq, Serialize, Deserialize)]
pub struct Loudness {
    pub integrated_lufs: f64,
    pub true_peak_dbtp: f64,
    pub range_lu: f64,
}

impl Loudness {
    fn meets_r128(&self) -> bool {
        (self.integrated_lufs - TARGET_LUFS).abs() <= TOLERANCE_LU && self.true_peak_dbtp <= MAX_TRUE_PEAK_DBTP
    }
}

#[derive(Debug, Clone, Serialize, Deserialize)]
pub struct BroadcastReport {
    #[serde(flatten)]
    pub film: Encoded,
    pub source_loudness: Loudness,
    /// Measured on the encoded file.
    pub loudness: Loudness,
    /// Encodes made: 2 when the first missed R128 and was corrected.
    pub encodes: u32,
}

/// Writes the broadcaster's rendition of the film at `input` to `output`. Fails, naming the
/// file, when the film has no sound, only silence, or no picture.
pub fn transcode(input: &Path, output: &Path, progress: &mut dyn FnMut(u64, u64)) -> Result<BroadcastReport> {
    // Progress: the measuring pass is a fifth of the work, each encode the rest.
    let source = measure_loudness(input, &mut |done, total| progress(done / 5, total))?;
    if source.integrated_lufs <= -69.0 {
        return Err(Error::bad_media(input, "the sound is silent: there is no loudness to bring to −23 LUFS"));
    }
    let mut aim = source;
    for encodes in 1..=2 {
        let mut step = |done: u64, total: u64| progress(total / 5 + done * 4 / 5, total);
        let film = encode::transcode(input, output, &recipe(aim), &mut step)?;
        let loudness = measure_loudness(output, &mut |_, _| {})?;
        if loudness.meets_r128() || encodes == 2 {
            if !loudness.meets_r128() {
                return Err(Error::bad_media(
                    input,
                    format!(
                        "the normalised sound measures {:.1} LUFS, {:.1} dBTP: outside EBU R128 (−23 ±0.5 LUFS, ≤ −1 dBTP)",
                        loudness.integrated_lufs, loudness.true_peak_dbtp
                    ),
                ));
            }
            return Ok(BroadcastReport { film, source_loudness: source, loudness, encodes });
        }
        // Tell loudnorm the sound is as much louder as the result overshot, and encode again.
        aim.integrated_lufs += loudness.integrated_lufs - TARGET_LUFS;
        aim.true_peak_dbtp += loudness.true_peak_dbtp.max(MAX_TRUE_PEAK_DBTP) - MAX_TRUE_PEAK_DBTP;
    }
    unreachable!("the loop returns on its second encode")
}

/// The broadcast copy's frame rate for a film at `fps`: 50 is kept, anything else becomes 25.
pub fn broadcast_rate(fps: f64) -> i32 {
    if (fps * 1000.0).round() as i64 == 50_000 {
        50
    } else {
        25
    }
}

fn recipe(measured: Loudness) -> Recipe {
    Recipe {
        video: Box::new(|w, h, rate, _| {
            // 25 and 50 fps are kept, any other rate becomes 25; interlaced frames are
            // deinterlaced; the picture is fitted into 1920×1080 and the rest is black.
            let rate = Rational::new(broadcast_rate(f64::from(rate)), 1);
            let (width, height) = fit(w, h);
            let filters = format!(
                "bwdif=mode=send_frame:deint=interlaced,fps={}/{},scale={width}:{height}:flags=lanczos,\
                 pad={WIDTH}:{HEIGHT}:({WIDTH}-iw)/2:({HEIGHT}-ih)/2:black,setsar=1,format=yuv420p",
                rate.numerator(),
                rate.denominator()
            );
            VideoPlan { filters, width: WIDTH, height: HEIGHT, rate, time_base: rate.invert() }
        }),
        x264: vec![("profile", "high".into()), ("preset", "medium".into()), ("crf", "18".into())],
        audio: Box::new(move |_| AudioPlan {
            filters: format!("{},{},", STEREO, loudnorm(measured)),
            stereo: true,
            bit_rate: AUDIO_BIT_RATE,
        }),
        audio_required: true,
    }
}

/// What both passes hear: the sound at 48 kHz in stereo (mono is doubled, more is folded).
const STEREO: &str = "aresample=48000,aformat=sample_fmts=fltp:channel_layouts=stereo";

/// `loudnorm`'s second pass. Linear (one gain for the whole film) when the measured range and
/// peak allow it, as loudnorm decides; the loudness range asked for is the film's own, so a
/// wide one is kept rather than compressed.
fn loudnorm(m: Loudness) -> String {
    format!(
        "loudnorm=I={TARGET_LUFS}:TP={LOUDNORM_TRUE_PEAK}:LRA={:.1}:measured_I={:.2}:measured_TP={:.2}:\
         measured_LRA={:.2}:measured_thresh={:.2}:offset=0:linear=true",
        m.range_lu.clamp(7.0, 50.0),
        m.integrated_lufs,
        m.true_peak_dbtp,
        m.range_lu,
        // The relative gate sits 10 LU under the gated loudness (EBU Tech 3341).
        m.integrated_lufs - 10.0
    )
}

/// The size a `w`×`h` picture takes inside 1920×1080, enlarged or shrunk, in even numbers.
fn fit(w: u32, h: u32) -> (u32, u32) {
    let (w, h) = (f64::from(w.max(2)), f64::from(h.max(2)));
    let scale = (f64::from(WIDTH) / w).min(f64::from(HEIGHT) / h);
    let even = |v: f64, max: u32| (((v * scale / 2.0).round() as u32) * 2).clamp(2, max);
    (even(w, WIDTH), even(h, HEIGHT))
}

/// The film's sound measured by `ebur128` (integrated loudness, loudness range, true peak).
pub fn measure_loudness(path: &Path, progress: &mut dyn FnMut(u64, u64)) -> Result<Loudness> {
    let fail = |e: ffmpeg::Error| Error::bad_media(path, format!("measuring the sound: {e}"));
    let mut ictx = open_media(path)?;
    let stream = ictx
        .streams()
        .best(ffmpeg::media::Type::Audio)
        .ok_or_else(|| Error::bad_media(path, "the film has no sound"))?;
    let (index, time_base) = (stream.index(), stream.time_base());
    let total_ms = (ictx.duration().max(0) as f64 / f64::from(ffmpeg::ffi::AV_TIME_BASE) * 1000.0) as u64;
    let start_s = media_start_s(&ictx);
    let mut decoder = ffmpeg::codec::context::Context::from_parameters(stream.parameters())
        .and_then(|c| c.decoder().audio())
        .map_err(fail)?;
    let (mut graph, _) = audio_graph(&decoder, time_base).map_err(fail)?;
    graph
        .output("in", 0)
        .and_then(|g| g.input("out", 0))
        .and_then(|g| g.parse(&format!("{STEREO},ebur128=peak=true:metadata=1")))
        .map_err(fail)?;
    graph.validate().map_err(fail)?;

    let mut meter = Meter::default();
    let mut damaged = 0;
    while let Some(packet) = next_packet(&mut ictx, path, &mut damaged)? {
        if packet.stream() != index {
            continue;
        }
        decoder.send_packet(&packet).ok();
        meter.drain(&mut decoder, &mut graph).map_err(fail)?;
        let at_s = packet.pts().map_or(0.0, |p| p as f64 * f64::from(time_base) - start_s);
        progress(((at_s.max(0.0) * 1000.0) as u64).min(total_ms), total_ms);
    }
    decoder.send_eof().ok();
    meter.drain(&mut decoder, &mut graph).map_err(fail)?;
    graph.get("in").ok_or(ffmpeg::Error::Bug).and_then(|mut i| i.source().flush()).map_err(fail)?;
    meter.pull(&mut graph).map_err(fail)?;
    meter.loudness.ok_or_else(|| Error::bad_media(path, "the sound could not be decoded"))
}

/// The last reading `ebur128` attached to the frames it let through.
#[derive(Default)]
struct Meter {
    loudness: Option<Loudness>,
}

impl Meter {
    fn drain(
        &mut self,
        decoder: &mut ffmpeg::decoder::Audio,
        graph: &mut ffmpeg::filter::Graph,
    ) -> Result<(), ffmpeg::Error> {
        let mut decoded = frame::Audio::empty();
        while decoder.receive_frame(&mut decoded).is_ok() {
            graph.get("in").ok_or(ffmpeg::Error::Bug)?.source().add(&decoded)?;
            self.pull(graph)?;
        }
        Ok(())
    }

    fn pull(&mut self, graph: &mut ffmpeg::filter::Graph) -> Result<(), ffmpeg::Error> {
        let mut filtered = frame::Audio::empty();
        while graph.get("out").ok_or(ffmpeg::Error::Bug)?.sink().frame(&mut filtered).is_ok() {
            let meta = filtered.metadata();
            let value = |key: &str| meta.get(key).and_then(|v| v.trim().parse::<f64>().ok());
            let (Some(integrated), Some(range)) = (value("lavfi.r128.I"), value("lavfi.r128.LRA")) else { continue };
            // Peaks are linear and the highest so far, per channel.
            let peak = (0..2).filter_map(|ch| value(&format!("lavfi.r128.true_peaks_ch{ch}"))).fold(0.0, f64::max);
            // Silence reads as −144 dBTP (the floor of 24-bit sound), which JSON can carry.
            let true_peak_dbtp = if peak > 0.0 { (20.0 * peak.log10()).max(-144.0) } else { -144.0 };
            self.loudness = Some(Loudness { integrated_lufs: integrated, true_peak_dbtp, range_lu: range });
        }
        Ok(())
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn pictures_fit_inside_full_hd() {
        assert_eq!(fit(1920, 1080), (1920, 1080));
        assert_eq!(fit(1280, 720), (1920, 1080));
        assert_eq!(fit(1080, 1920), (608, 1080));
        assert_eq!(fit(1440, 1080), (1440, 1080));
        assert_eq!(fit(4096, 1716), (1920, 804));
    }
}
