//! Films and sound: what a container and its streams say about themselves, read in-process
//! through libav (ffmpeg-next) as ffprobe would, without starting a process per file.
//!
//! Files are opened as local files only, by the demuxers of formats a newsroom meets, with
//! probing bounded in bytes, in stream time and in wall-clock time.

use std::collections::BTreeMap;
use std::path::Path;
use std::sync::atomic::{AtomicBool, Ordering};
use std::sync::{Arc, Once};
use std::time::{Duration, Instant};

use ffmpeg::format::context::Input;
use ffmpeg::media::Type;
use ffmpeg_next as ffmpeg;
use serde::{Deserialize, Serialize};

use super::av_raw;
use crate::error::{Error, Result};
use crate::text::{clean, from_iso639_2, non_empty};

/// Demuxers Mediadesk lets libav use. Playlists, concatenation lists, image sequences and
/// text-art demuxers are left out: they open other files or take any bytes for media.
const DEMUXERS: &str = "mov,mp4,m4a,3gp,3g2,mj2,matroska,webm,mxf,avi,mpegts,mpeg,flv,asf,gxf,dv,\
mp3,aac,wav,w64,flac,ogg,aiff,caf,amr,ac3,eac3,dts,truehd,h264,hevc,m4v,mpegvideo,ivf,wv,ape";

/// Longest a file may take to open and probe, however slow its storage (at most the patience).
const OPEN_DEADLINE: Duration = Duration::from_secs(30);

/// How long libav may go without progress before it is taken for stuck: 60 s, or
/// `MEDIADESK_WORKER_TIMEOUT` seconds (for very slow network storage).
pub fn patience() -> Duration {
    std::env::var("MEDIADESK_WORKER_TIMEOUT")
        .ok()
        .and_then(|s| s.trim().parse::<f64>().ok())
        .filter(|s| *s > 0.0 && s.is_finite())
        .map_or(Duration::from_secs(60), Duration::from_secs_f64)
}

#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize, specta::Type)]
pub struct MediaInfo {
    /// libav's demuxer names, as ffprobe's `format_name`.
    pub container: String,
    pub container_name: String,
    pub duration_s: Option<f64>,
    pub bit_rate: Option<i64>,
    /// The creation time the file records, ISO 8601.
    pub created: Option<String>,
    pub title: Option<String>,
    pub comment: Option<String>,
    pub artist: Option<String>,
    pub copyright: Option<String>,
    /// Keywords as the file lists them ("lễ hội, trái cây").
    #[serde(skip_serializing_if = "Option::is_none")]
    pub keywords: Option<String>,
    /// SMPTE start timecode (MOV/MXF timecode tracks, or a tag).
    pub timecode: Option<String>,
    /// The main picture; cover art in audio files does not count.
    pub video: Option<VideoStream>,
    pub audio: Vec<AudioStream>,
    pub subtitle_tracks: Vec<SubtitleStream>,
    /// Camera facts phones record (QuickTime keys).
    #[serde(skip_serializing_if = "Option::is_none")]
    pub make: Option<String>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub model: Option<String>,
    /// ISO 6709 location ("+10.9470+106.8440/").
    #[serde(skip_serializing_if = "Option::is_none")]
    pub location: Option<String>,
    /// Where the poster frame was taken, seconds from the start, when rendered.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub poster_s: Option<f64>,
    /// Frames sampled for scrubbing, when rendered.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub filmstrip: Option<Filmstrip>,
}

#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize, specta::Type)]
pub struct VideoStream {
    pub index: usize,
    pub codec: String,
    pub profile: Option<String>,
    /// Stored (coded) picture size.
    pub width: u32,
    pub height: u32,
    /// Upright size as displayed: pixel aspect and rotation applied.
    pub display_width: u32,
    pub display_height: u32,
    /// "16:9"
    pub display_aspect: Option<String>,
    /// ffprobe's `rotation`: the display matrix's angle, counter-clockwise degrees.
    pub rotation: i32,
    pub fps: Option<f64>,
    /// The exact rate, "30000/1001".
    pub fps_rational: Option<String>,
    pub pixel_format: Option<String>,
    pub color_primaries: Option<String>,
    pub color_transfer: Option<String>,
    pub color_space: Option<String>,
    /// "PQ" (HDR10, Dolby Vision base) or "HLG"; absent for SDR.
    pub hdr: Option<String>,
    pub bit_rate: Option<i64>,
    pub frames: Option<i64>,
    pub timecode: Option<String>,
}

#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize, specta::Type)]
pub struct AudioStream {
    pub index: usize,
    pub codec: String,
    pub profile: Option<String>,
    pub channels: u16,
    pub channel_layout: Option<String>,
    pub sample_rate: u32,
    pub sample_format: Option<String>,
    /// BCP-47.
    pub language: Option<String>,
    pub title: Option<String>,
    pub bit_rate: Option<i64>,
    pub default: bool,
}

#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize, specta::Type)]
pub struct SubtitleStream {
    pub index: usize,
    pub codec: String,
    /// BCP-47.
    pub language: Option<String>,
    pub title: Option<String>,
    pub default: bool,
    pub forced: bool,
    /// Whether the cues are text (extractable as a subtitle file) rather than pictures.
    pub text: bool,
}

#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize, specta::Type)]
pub struct Filmstrip {
    pub frames: u32,
    pub tile_width: u32,
    pub tile_height: u32,
    /// Where each frame was taken, in seconds.
    pub times_s: Vec<f64>,
}

impl MediaInfo {
    pub fn is_video(&self) -> bool {
        self.video.is_some()
    }

    /// The EXIF orientation that shows the picture upright (1, 3, 6 or 8).
    pub fn orientation(&self) -> u16 {
        match self.video.as_ref().map_or(0, |v| clockwise(v.rotation)) {
            90 => 6,
            180 => 3,
            270 => 8,
            _ => 1,
        }
    }
}

/// The clockwise turn that shows a picture upright, from ffprobe's counter-clockwise angle.
pub fn clockwise(rotation: i32) -> i32 {
    (((-rotation) % 360 + 360) % 360 + 45) / 90 * 90 % 360
}

/// Starts libav once per process, quietly: its messages would garble the terminal and the
/// reasons Mediadesk gives are its own.
pub fn init() {
    static INIT: Once = Once::new();
    INIT.call_once(|| {
        let _ = ffmpeg::init();
        ffmpeg::util::log::set_level(ffmpeg::util::log::Level::Quiet);
    });
}

/// Opens `path` for reading by libav: a local file, a newsroom format, bounded probing.
/// libav reads through Rust's file handle, so any name the file system allows can be opened
/// and no URL in a name is ever interpreted.
pub fn open(path: &Path) -> Result<Input> {
    init();
    let file = std::fs::File::open(path).map_err(|e| Error::io(path, e))?;
    let len = file.metadata().map_err(|e| Error::io(path, e))?.len();
    if len == 0 {
        return Err(Error::bad_media(path, "empty file (0 bytes)"));
    }
    let io = ffmpeg::format::context::StreamIo::from_read_seek_with_capacity(std::io::BufReader::new(file), 1 << 16)
        .map_err(|e| Error::bad_media(path, format!("cannot be read: {e}")))?;
    let mut options = ffmpeg::Dictionary::new();
    options.set("protocol_whitelist", "file");
    options.set("format_whitelist", DEMUXERS);
    options.set("probesize", "10000000");
    options.set("analyzeduration", "10000000");
    // The deadline bounds opening and probing only: reading a long film afterwards may take
    // as long as it takes (the media worker watches for hangs).
    let limit = OPEN_DEADLINE.min(patience());
    let deadline = Instant::now() + limit;
    let opening = Arc::new(AtomicBool::new(true));
    let still_opening = opening.clone();
    // The name helps libav guess the format from the extension; it is never opened.
    let hint = path.file_name().map(|n| n.to_string_lossy().replace('\0', ""));
    let input = ffmpeg::format::input_from_stream_with_interrupt(io, hint.as_deref(), Some(options), move || {
        still_opening.load(Ordering::Relaxed) && Instant::now() > deadline
    })
    .map_err(|e| Error::bad_media(path, open_failure(&e, limit)))?;
    opening.store(false, Ordering::Relaxed);
    Ok(input)
}

/// Where a file's timestamps begin, in seconds: the earliest stream start (as ffmpeg takes
/// it). MPEG-TS files often start hours in; cues and proxies count from here.
pub fn start_s(input: &Input) -> f64 {
    input
        .streams()
        .filter(|s| s.start_time() != ffmpeg::ffi::AV_NOPTS_VALUE)
        .map(|s| s.start_time() as f64 * f64::from(s.time_base()))
        .reduce(f64::min)
        .unwrap_or(0.0)
}

/// Packets read by this process so far: the media worker's sign of life.
static PACKETS_READ: std::sync::atomic::AtomicU64 = std::sync::atomic::AtomicU64::new(0);

pub fn packets_read() -> u64 {
    PACKETS_READ.load(Ordering::Relaxed)
}

/// The next packet of `input` (the file at `path`), `None` at the end. A damaged packet is
/// skipped, as players do, and counted in `damaged`; any other read error ends the reading
/// with an error, so a film is never taken as shorter than it is.
pub fn next_packet(input: &mut Input, path: &Path, damaged: &mut u32) -> Result<Option<ffmpeg::Packet>> {
    let mut packet = ffmpeg::Packet::empty();
    loop {
        match packet.read(input) {
            Ok(()) => {
                PACKETS_READ.fetch_add(1, Ordering::Relaxed);
                return Ok(Some(packet));
            }
            Err(ffmpeg::Error::Eof) => return Ok(None),
            Err(ffmpeg::Error::InvalidData) if *damaged < 1000 => *damaged += 1,
            Err(ffmpeg::Error::InvalidData) => {
                return Err(Error::bad_media(path, "the file is too damaged to read on"));
            }
            Err(e) => return Err(Error::bad_media(path, format!("reading stopped: {e}"))),
        }
    }
}

fn open_failure(e: &ffmpeg::Error, limit: Duration) -> String {
    match e {
        ffmpeg::Error::InvalidData => "not a playable film or sound file: the container is damaged, incomplete (a copy cut short?) or of an unknown kind".to_owned(),
        ffmpeg::Error::Exit => format!("opening took longer than {} s; is the storage very slow?", limit.as_secs_f64()),
        ffmpeg::Error::StreamNotFound => "no stream found".to_owned(),
        other => format!("cannot be opened as a film or sound file: {other}"),
    }
}

/// Reads what `path`, a film or sound file, says about itself.
pub fn read_media(path: &Path) -> Result<MediaInfo> {
    describe(path, &open(path)?)
}

/// What an opened film or sound file says about itself. `path` names it in errors.
pub fn describe(path: &Path, input: &Input) -> Result<MediaInfo> {
    let tags = tag_map(input.metadata().iter());
    let format = input.format();
    let mut info = MediaInfo {
        container: format.name().to_owned(),
        container_name: format.description().to_owned(),
        duration_s: (input.duration() > 0).then(|| input.duration() as f64 / f64::from(ffmpeg::ffi::AV_TIME_BASE)),
        bit_rate: (input.bit_rate() > 0).then_some(input.bit_rate()),
        created: tag(&tags, &["com.apple.quicktime.creationdate", "creation_time", "date"]),
        title: tag(&tags, &["title"]),
        comment: tag(&tags, &["comment", "description", "synopsis"]),
        artist: tag(&tags, &["artist", "author", "com.apple.quicktime.author"]),
        copyright: tag(&tags, &["copyright", "com.apple.quicktime.copyright"]),
        keywords: tag(&tags, &["keywords", "com.apple.quicktime.keywords"]),
        timecode: tag(&tags, &["timecode"]),
        make: tag(&tags, &["com.apple.quicktime.make", "make"]),
        model: tag(&tags, &["com.apple.quicktime.model", "model"]),
        location: tag(&tags, &["com.apple.quicktime.location.iso6709", "location"]),
        ..Default::default()
    };

    let mut longest_stream = 0.0f64;
    for stream in input.streams() {
        let stream_tags = tag_map(stream.metadata().iter());
        let parameters = stream.parameters();
        let raw = av_raw::params(&parameters);
        let codec = parameters.id().name().to_owned();
        let disposition = stream.disposition();
        let language = stream_tags.get("language").and_then(|l| from_iso639_2(l));
        let title = tag(&stream_tags, &["title", "handler_name"]).filter(|t| !is_handler_boilerplate(t));
        let time_base = f64::from(stream.time_base());
        if stream.duration() > 0 {
            longest_stream = longest_stream.max(stream.duration() as f64 * time_base);
        }
        let stream_timecode = tag(&stream_tags, &["timecode"]);
        if info.timecode.is_none() {
            info.timecode = stream_timecode.clone();
        }
        match parameters.medium() {
            Type::Video if !disposition.contains(ffmpeg::format::stream::Disposition::ATTACHED_PIC) => {
                if info.video.is_some() {
                    continue;
                }
                let rotation = rotation(&stream);
                let (fps, fps_rational) = frame_rate(stream.rate(), stream.avg_frame_rate());
                let (sar_num, sar_den) = match raw.sample_aspect {
                    (n, d) if n > 0 && d > 0 => (n as u64, d as u64),
                    _ => (1, 1),
                };
                let shown_width = (u64::from(raw.width) * sar_num / sar_den) as u32;
                let (display_width, display_height) =
                    if clockwise(rotation) % 180 == 90 { (raw.height, shown_width) } else { (shown_width, raw.height) };
                let hdr = match raw.color_transfer.as_deref() {
                    Some("smpte2084") => Some("PQ".to_owned()),
                    Some("arib-std-b67") => Some("HLG".to_owned()),
                    _ => None,
                };
                info.video = Some(VideoStream {
                    index: stream.index(),
                    codec,
                    profile: raw.profile,
                    width: raw.width,
                    height: raw.height,
                    display_width,
                    display_height,
                    display_aspect: aspect(u64::from(raw.width) * sar_num, u64::from(raw.height) * sar_den),
                    rotation,
                    fps,
                    fps_rational,
                    pixel_format: raw.pixel_format,
                    color_primaries: raw.color_primaries,
                    color_transfer: raw.color_transfer,
                    color_space: raw.color_space,
                    hdr,
                    bit_rate: (raw.bit_rate > 0).then_some(raw.bit_rate),
                    frames: (stream.frames() > 0).then_some(stream.frames()),
                    timecode: stream_timecode,
                });
            }
            Type::Audio => info.audio.push(AudioStream {
                index: stream.index(),
                codec,
                profile: raw.profile,
                channels: raw.channels,
                channel_layout: raw.channel_layout,
                sample_rate: raw.sample_rate,
                sample_format: raw.sample_format,
                language,
                title,
                bit_rate: (raw.bit_rate > 0).then_some(raw.bit_rate),
                default: disposition.contains(ffmpeg::format::stream::Disposition::DEFAULT),
            }),
            Type::Subtitle => info.subtitle_tracks.push(SubtitleStream {
                index: stream.index(),
                text: is_text_subtitle(&codec),
                codec,
                language,
                title,
                default: disposition.contains(ffmpeg::format::stream::Disposition::DEFAULT),
                forced: disposition.contains(ffmpeg::format::stream::Disposition::FORCED),
            }),
            _ => {}
        }
    }
    if info.duration_s.is_none() && longest_stream > 0.0 {
        info.duration_s = Some(longest_stream);
    }
    if info.video.is_none() && info.audio.is_empty() {
        return Err(Error::bad_media(path, "the file holds no picture or sound stream"));
    }
    Ok(info)
}

/// Subtitle codecs whose cues are text, which Mediadesk can extract as subtitle files.
pub fn is_text_subtitle(codec: &str) -> bool {
    matches!(codec, "subrip" | "srt" | "ass" | "ssa" | "mov_text" | "webvtt" | "text")
}

/// Muxers write their own name as a track title ("SoundHandler"); that is not a title.
fn is_handler_boilerplate(title: &str) -> bool {
    matches!(
        title,
        "VideoHandler"
            | "SoundHandler"
            | "SubtitleHandler"
            | "TimeCodeHandler"
            | "Core Media Video"
            | "Core Media Audio"
    ) || title.starts_with("Mainconcept")
        || title.starts_with("Apple ")
}

fn tag_map<'a>(tags: impl Iterator<Item = (&'a str, &'a str)>) -> BTreeMap<String, String> {
    tags.map(|(k, v)| (k.to_ascii_lowercase(), v.to_owned())).collect()
}

fn tag(tags: &BTreeMap<String, String>, keys: &[&str]) -> Option<String> {
    keys.iter().find_map(|k| tags.get(*k)).and_then(|v| non_empty(&clean(v)))
}

/// The rate to report: the nominal rate when the average agrees with it (so 29.97 reads
/// "30000/1001", not an average of timestamps), else the average (variable-rate phone clips).
fn frame_rate(nominal: ffmpeg::Rational, average: ffmpeg::Rational) -> (Option<f64>, Option<String>) {
    let valid = |r: ffmpeg::Rational| r.numerator() > 0 && r.denominator() > 0;
    let chosen = match (valid(nominal), valid(average)) {
        (true, true) if (f64::from(nominal) / f64::from(average) - 1.0).abs() < 0.01 => nominal,
        (_, true) => average,
        (true, false) => nominal,
        (false, false) => return (None, None),
    };
    let fps = (f64::from(chosen) * 1000.0).round() / 1000.0;
    (Some(fps), Some(format!("{}/{}", chosen.numerator(), chosen.denominator())))
}

fn aspect(width: u64, height: u64) -> Option<String> {
    if width == 0 || height == 0 {
        return None;
    }
    let g = gcd(width, height);
    Some(format!("{}:{}", width / g, height / g))
}

fn gcd(a: u64, b: u64) -> u64 {
    if b == 0 {
        a
    } else {
        gcd(b, a % b)
    }
}

/// The display matrix's rotation as ffprobe reports it (`av_display_rotation_get`, rounded).
fn rotation(stream: &ffmpeg::format::stream::Stream) -> i32 {
    let from_matrix = stream
        .side_data()
        .find(|d| d.kind() == ffmpeg::codec::packet::side_data::Type::DisplayMatrix)
        .and_then(|d| display_matrix_rotation(d.data()));
    from_matrix.unwrap_or_else(|| {
        // Old files carry a "rotate" tag (clockwise degrees) instead.
        stream.metadata().get("rotate").and_then(|r| r.trim().parse::<i32>().ok()).map_or(0, |r| -(r % 360))
    })
}

pub fn display_matrix_rotation(data: &[u8]) -> Option<i32> {
    if data.len() < 36 {
        return None;
    }
    let m = |i: usize| {
        let b = [data[i * 4], data[i * 4 + 1], data[i * 4 + 2], data[i * 4 + 3]];
        f64::from(i32::from_ne_bytes(b)) / 65536.0
    };
    let (scale0, scale1) = (m(0).hypot(m(3)), m(1).hypot(m(4)));
    if scale0 == 0.0 || scale1 == 0.0 {
        return None;
    }
    let degrees = -(m(1) / scale1).atan2(m(0) / scale0).to_degrees();
    let rounded = degrees.round() as i32;
    Some(if rounded == 0 { 0 } else { rounded })
}

#[cfg(test)]
mod tests {
    use super::*;

    fn matrix(values: [i32; 9]) -> Vec<u8> {
        values.iter().flat_map(|v| v.to_ne_bytes()).collect()
    }

    #[test]
    fn reads_rotation_like_ffprobe() {
        // A phone's portrait clip (exiftool -Rotation=90): ffprobe says -90; shown turned clockwise.
        let portrait = matrix([0, 65536, 0, -65536, 0, 0, 0, 0, 1 << 30]);
        assert_eq!(display_matrix_rotation(&portrait), Some(-90));
        assert_eq!(clockwise(-90), 90);
        assert_eq!(clockwise(90), 270);
        assert_eq!(clockwise(180), 180);
        assert_eq!(clockwise(0), 0);
        let identity = matrix([65536, 0, 0, 0, 65536, 0, 0, 0, 1 << 30]);
        assert_eq!(display_matrix_rotation(&identity), Some(0));
    }

    #[test]
    fn tells_25_from_29_97() {
        let ntsc = ffmpeg::Rational::new(30000, 1001);
        assert_eq!(frame_rate(ntsc, ntsc), (Some(29.97), Some("30000/1001".to_owned())));
        let pal = ffmpeg::Rational::new(25, 1);
        assert_eq!(frame_rate(pal, ffmpeg::Rational::new(0, 0)), (Some(25.0), Some("25/1".to_owned())));
        assert_eq!(aspect(1920, 1080).as_deref(), Some("16:9"));
    }
}
