//! Preview proxies: an H.264/AAC MP4 of at most 720 lines for films the app's webview cannot
//! play (ProRes, MXF, HEVC, interlaced broadcast files), made by libav in the media worker.
//! The settings are those of `ffmpeg -vf scale=-2:720 -c:v libx264 -preset veryfast -c:a aac`.

use std::path::{Path, PathBuf};
use std::time::Instant;

use ffmpeg::util::frame;
use ffmpeg::{codec, encoder, filter, format, Dictionary, Packet, Rational};
use ffmpeg_next as ffmpeg;
use serde::{Deserialize, Serialize};

use crate::error::{Error, Result};
use crate::probe::{clockwise, describe_media, media_start_s, next_packet, open_media};

/// The short side of a proxy, at most.
pub const PROXY_HEIGHT: u32 = 720;
const AUDIO_RATE: i32 = 48_000;
const AUDIO_BIT_RATE: usize = 128_000;

#[derive(Debug, Clone, Serialize, Deserialize)]
pub struct ProxyReport {
    pub width: u32,
    pub height: u32,
    pub duration_s: Option<f64>,
    pub audio: bool,
    pub seconds: f64,
}

/// Where the proxy of the content `hash` lives in the library at `root`.
pub fn proxy_path(root: &Path, hash: &str) -> PathBuf {
    let (a, b) = (hash.get(0..2).unwrap_or("__"), hash.get(2..4).unwrap_or("__"));
    root.join("proxies").join(a).join(b).join(format!("{hash}-{PROXY_HEIGHT}p.mp4"))
}

/// Writes a proxy of the film at `input` to `output` (an MP4, whatever its name).
pub fn transcode(input: &Path, output: &Path, progress: &mut dyn FnMut(u64, u64)) -> Result<ProxyReport> {
    let started = Instant::now();
    let fail = |what: &str| {
        let what = what.to_owned();
        move |e: ffmpeg::Error| Error::bad_media(input, format!("{what}: {e}"))
    };

    let mut ictx = open_media(input)?;
    let info = describe_media(input, &ictx)?;
    let video_info = info.video.clone().ok_or_else(|| Error::bad_media(input, "the file holds no picture stream"))?;
    let total_ms = info.duration_s.map_or(0, |d| (d * 1000.0) as u64);
    // The proxy starts at zero however late the original's timestamps begin (MPEG-TS).
    let start_s = media_start_s(&ictx);
    let mut octx = format::output_as(output, "mp4").map_err(fail("creating the proxy"))?;
    let global_header = octx.format().flags().contains(format::Flags::GLOBAL_HEADER);

    let mut video = {
        let stream = ictx.stream(video_info.index).ok_or_else(|| Error::bad_media(input, "picture stream vanished"))?;
        VideoLane::new(&stream, &mut octx, clockwise(video_info.rotation), global_header, start_s)
            .map_err(fail("picture"))?
    };
    // Sound that cannot be set up leaves a silent proxy rather than none.
    let mut audio = ictx
        .streams()
        .best(ffmpeg::media::Type::Audio)
        .and_then(|s| AudioLane::new(&s, &mut octx, global_header, start_s).ok());
    let mut muxer_options = Dictionary::new();
    muxer_options.set("movflags", "+faststart");
    octx.write_header_with(muxer_options).map_err(fail("writing the proxy"))?;
    video.out_time_base = octx.stream(video.out_index).map_or(video.out_time_base, |s| s.time_base());
    if let Some(a) = audio.as_mut() {
        a.out_time_base = octx.stream(a.out_index).map_or(a.out_time_base, |s| s.time_base());
    }

    let mut last_report = Instant::now();
    let mut damaged = 0;
    while let Some(packet) = next_packet(&mut ictx, input, &mut damaged)? {
        if packet.stream() == video.in_index {
            video.decoder.send_packet(&packet).ok();
            video.drain(&mut octx).map_err(fail("picture"))?;
            if last_report.elapsed().as_millis() >= 200 {
                let at_s = packet.pts().map_or(0.0, |p| p as f64 * f64::from(video.in_time_base) - start_s);
                let at_ms = (at_s.max(0.0) * 1000.0) as u64;
                progress(at_ms.min(total_ms), total_ms);
                last_report = Instant::now();
            }
        } else if let Some(a) = audio.as_mut().filter(|a| a.in_index == packet.stream()) {
            a.decoder.send_packet(&packet).ok();
            a.drain(&mut octx).map_err(fail("sound"))?;
        }
    }
    video.finish(&mut octx).map_err(fail("picture"))?;
    if let Some(a) = audio.as_mut() {
        a.finish(&mut octx).map_err(fail("sound"))?;
    }
    octx.write_trailer().map_err(fail("finishing the proxy"))?;
    progress(total_ms, total_ms);
    Ok(ProxyReport {
        width: video.width,
        height: video.height,
        duration_s: info.duration_s,
        audio: audio.is_some(),
        seconds: started.elapsed().as_secs_f64(),
    })
}

struct VideoLane {
    in_index: usize,
    in_time_base: Rational,
    out_index: usize,
    out_time_base: Rational,
    decoder: ffmpeg::decoder::Video,
    graph: filter::Graph,
    encoder: encoder::Video,
    width: u32,
    height: u32,
    /// One frame's duration in the stream's time base, for packets the encoder leaves without.
    frame_ticks: i64,
    /// The original's first timestamp, in its time base: subtracted so the proxy starts at 0.
    start_pts: i64,
}

impl VideoLane {
    fn new(
        stream: &format::stream::Stream,
        octx: &mut format::context::Output,
        clockwise: i32,
        global_header: bool,
        start_s: f64,
    ) -> Result<Self, ffmpeg::Error> {
        let mut context = codec::context::Context::from_parameters(stream.parameters())?;
        context.set_threading(codec::threading::Config {
            kind: codec::threading::Type::Frame,
            count: 0,
            ..Default::default()
        });
        let decoder = context.decoder().video()?;
        let time_base = stream.time_base();
        let rate = if stream.avg_frame_rate().numerator() > 0 { stream.avg_frame_rate() } else { stream.rate() };

        // Upright first, then square pixels with the short side at most 720 lines (never
        // enlarged), even sizes for 4:2:0. Sizes are computed here so the encoder knows them.
        let turn = match clockwise {
            90 => "transpose=clock,",
            180 => "hflip,vflip,",
            270 => "transpose=cclock,",
            _ => "",
        };
        let sar = decoder.aspect_ratio();
        let (sar_num, sar_den) =
            if sar.numerator() > 0 && sar.denominator() > 0 { (sar.numerator(), sar.denominator()) } else { (1, 1) };
        let shown_w = (f64::from(decoder.width()) * f64::from(sar_num) / f64::from(sar_den)).round() as u32;
        let (turned_w, turned_h) =
            if clockwise % 180 == 90 { (decoder.height(), shown_w) } else { (shown_w, decoder.height()) };
        let (width, height) = proxy_size(turned_w, turned_h);
        let spec = format!("{turn}scale={width}:{height}:flags=bicubic,setsar=1,format=yuv420p");
        let args = format!(
            "video_size={}x{}:pix_fmt={}:time_base={}/{}:pixel_aspect={sar_num}/{sar_den}",
            decoder.width(),
            decoder.height(),
            ffmpeg::ffi::AVPixelFormat::from(decoder.format()) as i32,
            time_base.numerator(),
            time_base.denominator(),
        );
        let mut graph = filter::Graph::new();
        graph.add(&filter::find("buffer").ok_or(ffmpeg::Error::FilterNotFound)?, "in", &args)?;
        graph.add(&filter::find("buffersink").ok_or(ffmpeg::Error::FilterNotFound)?, "out", "")?;
        graph.output("in", 0)?.input("out", 0)?.parse(&spec)?;
        graph.validate()?;

        let codec = encoder::find_by_name("libx264").ok_or(ffmpeg::Error::EncoderNotFound)?;
        let mut ost = octx.add_stream(codec)?;
        let mut enc = codec::context::Context::new_with_codec(codec).encoder().video()?;
        enc.set_width(width);
        enc.set_height(height);
        enc.set_format(format::Pixel::YUV420P);
        enc.set_time_base(time_base);
        enc.set_frame_rate(Some(rate));
        enc.set_threading(codec::threading::Config {
            kind: codec::threading::Type::Frame,
            count: 0,
            ..Default::default()
        });
        // Closed GOPs: every keyframe is a clean place to start playing from.
        let mut flags = codec::Flags::CLOSED_GOP;
        if global_header {
            flags |= codec::Flags::GLOBAL_HEADER;
        }
        enc.set_flags(flags);
        let mut options = Dictionary::new();
        options.set("preset", "veryfast");
        options.set("crf", "23");
        let encoder = enc.open_with(options)?;
        ost.set_parameters(&encoder);
        ost.set_time_base(time_base);
        Ok(VideoLane {
            in_index: stream.index(),
            in_time_base: time_base,
            out_index: ost.index(),
            out_time_base: time_base,
            decoder,
            graph,
            encoder,
            width,
            height,
            frame_ticks: (f64::from(rate.invert()) / f64::from(time_base)).round() as i64,
            start_pts: (start_s / f64::from(time_base)).round() as i64,
        })
    }

    fn drain(&mut self, octx: &mut format::context::Output) -> Result<(), ffmpeg::Error> {
        let mut decoded = frame::Video::empty();
        while self.decoder.receive_frame(&mut decoded).is_ok() {
            let pts = decoded.timestamp().map(|t| t - self.start_pts);
            decoded.set_pts(pts);
            decoded.set_kind(ffmpeg::picture::Type::None);
            self.graph.get("in").ok_or(ffmpeg::Error::Bug)?.source().add(&decoded)?;
            self.pull(octx)?;
        }
        Ok(())
    }

    fn pull(&mut self, octx: &mut format::context::Output) -> Result<(), ffmpeg::Error> {
        let mut filtered = frame::Video::empty();
        while self.graph.get("out").ok_or(ffmpeg::Error::Bug)?.sink().frame(&mut filtered).is_ok() {
            self.encoder.send_frame(&filtered)?;
            self.write(octx)?;
        }
        Ok(())
    }

    fn write(&mut self, octx: &mut format::context::Output) -> Result<(), ffmpeg::Error> {
        let mut packet = Packet::empty();
        while self.encoder.receive_packet(&mut packet).is_ok() {
            packet.set_stream(self.out_index);
            if packet.duration() <= 0 && self.frame_ticks > 0 {
                packet.set_duration(self.frame_ticks);
            }
            packet.rescale_ts(self.in_time_base, self.out_time_base);
            packet.write_interleaved(octx)?;
        }
        Ok(())
    }

    fn finish(&mut self, octx: &mut format::context::Output) -> Result<(), ffmpeg::Error> {
        self.decoder.send_eof().ok();
        self.drain(octx)?;
        self.graph.get("in").ok_or(ffmpeg::Error::Bug)?.source().flush()?;
        self.pull(octx)?;
        self.encoder.send_eof()?;
        self.write(octx)
    }
}

/// The size `scale` gives for the spec above: the short side at most 720 lines, the other by
/// the aspect ratio, rounded to an even number as `-2` does.
fn proxy_size(width: u32, height: u32) -> (u32, u32) {
    let even = |long: u32, short_out: u32, short_in: u32| {
        ((f64::from(short_out) * f64::from(long) / (f64::from(short_in) * 2.0)).round() as u32 * 2).max(2)
    };
    let (width, height) = (width.max(2), height.max(2));
    if width > height {
        let h = height.min(PROXY_HEIGHT) & !1;
        (even(width, h, height), h)
    } else {
        let w = width.min(PROXY_HEIGHT) & !1;
        (w, even(height, w, width))
    }
}

struct AudioLane {
    in_index: usize,
    /// The original's first timestamp in this stream's time base (see `VideoLane`).
    start_pts: i64,
    out_index: usize,
    out_time_base: Rational,
    decoder: ffmpeg::decoder::Audio,
    graph: filter::Graph,
    encoder: encoder::Audio,
}

impl AudioLane {
    fn new(
        stream: &format::stream::Stream,
        octx: &mut format::context::Output,
        global_header: bool,
        start_s: f64,
    ) -> Result<Self, ffmpeg::Error> {
        let context = codec::context::Context::from_parameters(stream.parameters())?;
        let decoder = context.decoder().audio()?;
        let layout = if decoder.channel_layout().bits() != 0 {
            decoder.channel_layout()
        } else {
            ffmpeg::ChannelLayout::default(i32::from(decoder.channels().max(1)))
        };
        let time_base = stream.time_base();
        let args = format!(
            "time_base={}/{}:sample_rate={}:sample_fmt={}:channel_layout=0x{:x}",
            time_base.numerator(),
            time_base.denominator(),
            decoder.rate(),
            decoder.format().name(),
            layout.bits()
        );
        let mut graph = filter::Graph::new();
        graph.add(&filter::find("abuffer").ok_or(ffmpeg::Error::FilterNotFound)?, "in", &args)?;
        graph.add(&filter::find("abuffersink").ok_or(ffmpeg::Error::FilterNotFound)?, "out", "")?;
        // Mono stays mono (an interview); more channels are folded into stereo.
        let (layout_name, out_layout) = if layout.channels() == 1 {
            ("mono", ffmpeg::ChannelLayout::MONO)
        } else {
            ("stereo", ffmpeg::ChannelLayout::STEREO)
        };
        graph
            .output("in", 0)?
            .input("out", 0)?
            .parse(&format!("aresample={AUDIO_RATE},aformat=sample_fmts=fltp:channel_layouts={layout_name}"))?;
        graph.validate()?;

        let codec = encoder::find(codec::Id::AAC).ok_or(ffmpeg::Error::EncoderNotFound)?;
        let mut ost = octx.add_stream(codec)?;
        let mut enc = codec::context::Context::new_with_codec(codec).encoder().audio()?;
        enc.set_rate(AUDIO_RATE);
        enc.set_channel_layout(out_layout);
        enc.set_format(format::Sample::F32(format::sample::Type::Planar));
        enc.set_bit_rate(AUDIO_BIT_RATE);
        enc.set_time_base((1, AUDIO_RATE));
        if global_header {
            enc.set_flags(codec::Flags::GLOBAL_HEADER);
        }
        let encoder = enc.open_as(codec)?;
        ost.set_parameters(&encoder);
        ost.set_time_base((1, AUDIO_RATE));
        graph.get("out").ok_or(ffmpeg::Error::Bug)?.sink().set_frame_size(encoder.frame_size());
        Ok(AudioLane {
            in_index: stream.index(),
            start_pts: (start_s / f64::from(time_base)).round() as i64,
            out_index: ost.index(),
            out_time_base: Rational::new(1, AUDIO_RATE),
            decoder,
            graph,
            encoder,
        })
    }

    fn drain(&mut self, octx: &mut format::context::Output) -> Result<(), ffmpeg::Error> {
        let mut decoded = frame::Audio::empty();
        while self.decoder.receive_frame(&mut decoded).is_ok() {
            let pts = decoded.timestamp().map(|t| t - self.start_pts);
            decoded.set_pts(pts);
            self.graph.get("in").ok_or(ffmpeg::Error::Bug)?.source().add(&decoded)?;
            self.pull(octx)?;
        }
        Ok(())
    }

    fn pull(&mut self, octx: &mut format::context::Output) -> Result<(), ffmpeg::Error> {
        let mut filtered = frame::Audio::empty();
        while self.graph.get("out").ok_or(ffmpeg::Error::Bug)?.sink().frame(&mut filtered).is_ok() {
            self.encoder.send_frame(&filtered)?;
            self.write(octx)?;
        }
        Ok(())
    }

    fn write(&mut self, octx: &mut format::context::Output) -> Result<(), ffmpeg::Error> {
        let mut packet = Packet::empty();
        while self.encoder.receive_packet(&mut packet).is_ok() {
            packet.set_stream(self.out_index);
            packet.rescale_ts(Rational::new(1, AUDIO_RATE), self.out_time_base);
            packet.write_interleaved(octx)?;
        }
        Ok(())
    }

    fn finish(&mut self, octx: &mut format::context::Output) -> Result<(), ffmpeg::Error> {
        self.decoder.send_eof().ok();
        self.drain(octx)?;
        self.graph.get("in").ok_or(ffmpeg::Error::Bug)?.source().flush()?;
        self.pull(octx)?;
        self.encoder.send_eof()?;
        self.write(octx)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn proxies_keep_the_shape_at_720_lines_at_most() {
        assert_eq!(proxy_size(1920, 1080), (1280, 720));
        assert_eq!(proxy_size(1080, 1920), (720, 1280));
        assert_eq!(proxy_size(640, 360), (640, 360));
        assert_eq!(proxy_size(720, 576), (720, 576));
        // Odd sizes become even (4:2:0 needs it); anamorphic PAL 16:9 arrives as 1024×576.
        assert_eq!(proxy_size(1365, 717), (1364, 716));
        assert_eq!(proxy_size(1366, 767), (1282, 720));
        assert_eq!(proxy_size(1024, 576), (1024, 576));
    }
}
