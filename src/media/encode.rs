//! Films encoded by libav in the media worker, as H.264/AAC MP4: one pipeline (decode, turn
//! upright, filter, encode, mux) that proxies and kit renditions run with their own recipes.

use std::path::Path;
use std::time::Instant;

use ffmpeg::util::frame;
use ffmpeg::{codec, encoder, filter, format, Dictionary, Packet, Rational};
use ffmpeg_next as ffmpeg;
use serde::{Deserialize, Serialize};

use crate::error::{Error, Result};
use crate::probe::{clockwise, describe_media, media_start_s, next_packet, open_media};
use crate::shotlist::Clock;

pub(super) const AUDIO_RATE: i32 = 48_000;

/// What a recipe asks of the picture, given its upright size, its frame rate and time base.
pub(super) struct VideoPlan {
    /// libavfilter filters after the turn, ending in the encoder's size and pixel format.
    pub filters: String,
    pub width: u32,
    pub height: u32,
    pub rate: Rational,
    /// The time base the filters hand frames over in (`settb` in `filters` when it changes).
    pub time_base: Rational,
}

/// What a recipe asks of the sound, given its channel count.
pub(super) struct AudioPlan {
    /// Filters before the resampling to 48 kHz (empty, or ending in a comma).
    pub filters: String,
    pub stereo: bool,
    pub bit_rate: usize,
}

pub(super) struct Recipe {
    pub video: Box<dyn Fn(u32, u32, Rational, Rational) -> VideoPlan>,
    pub x264: Vec<(&'static str, String)>,
    pub audio: Box<dyn Fn(i32) -> AudioPlan>,
    /// A film without sound (or with sound that cannot be read) fails instead of going silent.
    pub audio_required: bool,
}

#[derive(Debug, Clone, Serialize, Deserialize)]
pub struct Encoded {
    pub width: u32,
    pub height: u32,
    pub frame_rate: f64,
    pub duration_s: Option<f64>,
    pub audio: bool,
    pub seconds: f64,
}

/// Writes the film at `input` to `output` as an H.264/AAC MP4 (whatever its name) by `recipe`.
pub(super) fn transcode(
    input: &Path,
    output: &Path,
    recipe: &Recipe,
    progress: &mut dyn FnMut(u64, u64),
) -> Result<Encoded> {
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
    let mut octx = format::output_as(output, "mp4").map_err(fail("creating the film"))?;
    let global_header = octx.format().flags().contains(format::Flags::GLOBAL_HEADER);

    let mut video = {
        let stream = ictx.stream(video_info.index).ok_or_else(|| Error::bad_media(input, "picture stream vanished"))?;
        VideoLane::new(&stream, &mut octx, clockwise(video_info.rotation), global_header, start_s, recipe)
            .map_err(fail("picture"))?
    };
    // The film's own timecode goes with it (a tmcd track), counted in the copy's frames: shot
    // lists and an editor's logs refer to it.
    if let Some(tc) = &info.timecode {
        let rate = (i64::from(video.rate.numerator()), i64::from(video.rate.denominator()));
        let clock = Clock::new(video_info.fps_rational.as_deref(), video_info.fps, Some(tc)).at_rate(rate.0, rate.1);
        let mut metadata = Dictionary::new();
        metadata.set("timecode", &clock.at(0));
        octx.set_metadata(metadata);
    }
    let audio_stream = ictx.streams().best(ffmpeg::media::Type::Audio);
    let mut audio = match audio_stream.map(|s| AudioLane::new(&s, &mut octx, global_header, start_s, recipe)) {
        Some(Ok(lane)) => Some(lane),
        Some(Err(e)) if recipe.audio_required => return Err(fail("sound")(e)),
        None if recipe.audio_required => return Err(Error::bad_media(input, "the film has no sound")),
        // Sound that cannot be set up leaves a silent proxy rather than none.
        _ => None,
    };
    let mut muxer_options = Dictionary::new();
    muxer_options.set("movflags", "+faststart");
    octx.write_header_with(muxer_options).map_err(fail("writing the film"))?;
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
    octx.write_trailer().map_err(fail("finishing the film"))?;
    progress(total_ms, total_ms);
    Ok(Encoded {
        width: video.width,
        height: video.height,
        frame_rate: f64::from(video.rate),
        duration_s: info.duration_s,
        audio: audio.is_some(),
        seconds: started.elapsed().as_secs_f64(),
    })
}

struct VideoLane {
    in_index: usize,
    in_time_base: Rational,
    /// What the filters hand the encoder frames in (the input's, unless the rate changes).
    enc_time_base: Rational,
    rate: Rational,
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
        recipe: &Recipe,
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

        // Upright first, then the recipe's filters; sizes are computed here so the encoder
        // knows them.
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
        let plan = (recipe.video)(turned_w, turned_h, rate, time_base);
        let (width, height) = (plan.width, plan.height);
        let spec = format!("{turn}{}", plan.filters);
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
        enc.set_time_base(plan.time_base);
        enc.set_frame_rate(Some(plan.rate));
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
        for (key, value) in &recipe.x264 {
            options.set(key, value);
        }
        let encoder = enc.open_with(options)?;
        ost.set_parameters(&encoder);
        ost.set_time_base(plan.time_base);
        // The muxer counts a timecode track's frames at this rate.
        ost.set_avg_frame_rate(plan.rate);
        ost.set_rate(plan.rate);
        Ok(VideoLane {
            in_index: stream.index(),
            in_time_base: time_base,
            enc_time_base: plan.time_base,
            rate: plan.rate,
            out_index: ost.index(),
            out_time_base: plan.time_base,
            decoder,
            graph,
            encoder,
            width,
            height,
            frame_ticks: (f64::from(plan.rate.invert()) / f64::from(plan.time_base)).round() as i64,
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
            packet.rescale_ts(self.enc_time_base, self.out_time_base);
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

/// A filter graph fed with `decoder`'s sound, its output not yet linked; and the sound's
/// channel layout (told from its channel count when the file names none).
pub(super) fn audio_graph(
    decoder: &ffmpeg::decoder::Audio,
    time_base: Rational,
) -> Result<(filter::Graph, ffmpeg::ChannelLayout), ffmpeg::Error> {
    let layout = if decoder.channel_layout().bits() != 0 {
        decoder.channel_layout()
    } else {
        ffmpeg::ChannelLayout::default(i32::from(decoder.channels().max(1)))
    };
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
    Ok((graph, layout))
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
        recipe: &Recipe,
    ) -> Result<Self, ffmpeg::Error> {
        let context = codec::context::Context::from_parameters(stream.parameters())?;
        let decoder = context.decoder().audio()?;
        let time_base = stream.time_base();
        let (mut graph, layout) = audio_graph(&decoder, time_base)?;
        let plan = (recipe.audio)(layout.channels());
        let (layout_name, out_layout) =
            if plan.stereo { ("stereo", ffmpeg::ChannelLayout::STEREO) } else { ("mono", ffmpeg::ChannelLayout::MONO) };
        let spec =
            format!("{}aresample={AUDIO_RATE},aformat=sample_fmts=fltp:channel_layouts={layout_name}", plan.filters);
        graph.output("in", 0)?.input("out", 0)?.parse(&spec)?;
        graph.validate()?;

        let codec = encoder::find(codec::Id::AAC).ok_or(ffmpeg::Error::EncoderNotFound)?;
        let mut ost = octx.add_stream(codec)?;
        let mut enc = codec::context::Context::new_with_codec(codec).encoder().audio()?;
        enc.set_rate(AUDIO_RATE);
        enc.set_channel_layout(out_layout);
        enc.set_format(format::Sample::F32(format::sample::Type::Planar));
        enc.set_bit_rate(plan.bit_rate);
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
