//! Subtitle tracks: SubRip, WebVTT, TTML (EBU-TT-D, the broadcast delivery format) read and
//! written, ASS/SSA read; the checks a subtitle editor runs before delivery; alignment of a
//! translation against its source track.
//!
//! A cue's text is NFC, lines separated by '\n', with italics and bold kept as `<i>`/`<b>`
//! (the only styling every format carries), so any writer and reader round-trip it.

mod ass;
mod check;
mod fuzz;
mod library;
mod markup;
mod profile;
mod srt;
mod time;
mod ttml;
mod ttml_time;
mod vtt;

pub use ass::{burn_in, BurnStyle};
pub use check::{align, check, Alignment, CheckInput, Drift, Finding, Rule, Severity};
pub use fuzz::fuzz_round_trip;
pub use library::{language_tag, CheckReport, SubtitleImport, DEFAULT_PROFILE};
pub use markup::plain_text;
pub use profile::{base_language, Profile, BUILT_IN};
pub use time::show_clock;

use std::path::Path;

use serde::{Deserialize, Serialize};

use crate::error::{Error, IoContext, Result};
use crate::text::{decode_text, TextEncoding};

/// One timed piece of text.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, specta::Type)]
pub struct Cue {
    pub start_ms: i64,
    pub end_ms: i64,
    pub text: String,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize, specta::Type)]
#[serde(rename_all = "lowercase")]
pub enum SubtitleFormat {
    Srt,
    Vtt,
    Ttml,
    Ass,
}

impl SubtitleFormat {
    /// The format a name or file extension stands for ("srt", "vtt", "webvtt", "ttml", "dfxp",
    /// "xml", "ass", "ssa").
    pub fn from_name(name: &str) -> Option<SubtitleFormat> {
        match name.to_ascii_lowercase().as_str() {
            "srt" | "subrip" => Some(SubtitleFormat::Srt),
            "vtt" | "webvtt" => Some(SubtitleFormat::Vtt),
            "ttml" | "dfxp" | "xml" | "ebu-tt-d" | "ebutt" => Some(SubtitleFormat::Ttml),
            "ass" | "ssa" => Some(SubtitleFormat::Ass),
            _ => None,
        }
    }

    /// What the text itself says it is, whatever the file is called.
    fn sniff(text: &str) -> Option<SubtitleFormat> {
        let head = text.trim_start_matches('\u{feff}').trim_start();
        if head.starts_with("WEBVTT") {
            Some(SubtitleFormat::Vtt)
        } else if head.starts_with('<') {
            Some(SubtitleFormat::Ttml)
        } else if head.starts_with("[Script Info]") || head.contains("\n[Events]") {
            Some(SubtitleFormat::Ass)
        } else if head.lines().take(3).any(|l| l.contains("-->")) {
            Some(SubtitleFormat::Srt)
        } else {
            None
        }
    }

    pub fn name(self) -> &'static str {
        match self {
            SubtitleFormat::Srt => "srt",
            SubtitleFormat::Vtt => "vtt",
            SubtitleFormat::Ttml => "ttml",
            SubtitleFormat::Ass => "ass",
        }
    }
}

/// A cue the reader could not take, and why; the rest of the file is read.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, specta::Type)]
pub struct ParseNote {
    pub line: usize,
    pub message: String,
}

/// What a reader made of a file.
#[derive(Debug, Clone, Serialize, specta::Type)]
pub struct ParsedSubtitles {
    pub format: SubtitleFormat,
    pub encoding: TextEncoding,
    pub cues: Vec<Cue>,
    pub notes: Vec<ParseNote>,
}

/// A film's subtitles fit in a few hundred kilobytes; anything this large is not a subtitle
/// file, and refusing it keeps memory bounded.
pub const MAX_FILE_BYTES: u64 = 16 * 1024 * 1024;

/// Reads a subtitle file in any encoding and any readable format (told by its content first,
/// its extension second).
pub fn read_subtitle_file(path: &Path) -> Result<ParsedSubtitles> {
    let size = std::fs::metadata(path).at(path)?.len();
    if size > MAX_FILE_BYTES {
        return Err(Error::bad_media(
            path,
            format!(
                "{} MB is too large for a subtitle file (at most {} MB)",
                size / 1_048_576,
                MAX_FILE_BYTES / 1_048_576
            ),
        ));
    }
    let bytes = std::fs::read(path).at(path)?;
    let extension = path.extension().and_then(|e| e.to_str()).unwrap_or_default();
    read_subtitles(&bytes, extension).map_err(|reason| Error::bad_media(path, reason))
}

/// Reads subtitles from bytes in any encoding and readable format (told by the content first,
/// the file extension second); the error says why not. This is what the fuzz targets run.
pub fn read_subtitles(bytes: &[u8], extension: &str) -> Result<ParsedSubtitles, String> {
    let (text, encoding) = decode_text(bytes)?;
    let format = SubtitleFormat::sniff(&text)
        .or_else(|| SubtitleFormat::from_name(extension))
        .ok_or("not a subtitle file: no SubRip, WebVTT, TTML or ASS structure in it")?;
    let (cues, notes) = parse(&text, format)?;
    Ok(ParsedSubtitles { format, encoding, cues, notes })
}

/// Parses decoded text. Cues the reader cannot take become notes; a file with nothing
/// readable in it is an error naming the first problem and its line.
pub fn parse(text: &str, format: SubtitleFormat) -> Result<(Vec<Cue>, Vec<ParseNote>), String> {
    let text = text.trim_start_matches('\u{feff}').replace("\r\n", "\n").replace('\r', "\n");
    let (cues, notes) = match format {
        SubtitleFormat::Srt => srt::parse(&text),
        SubtitleFormat::Vtt => vtt::parse(&text)?,
        SubtitleFormat::Ttml => ttml::parse(&text)?,
        SubtitleFormat::Ass => ass::parse(&text)?,
    };
    if cues.is_empty() {
        if let Some(first) = notes.first() {
            return Err(format!("no cue could be read; line {}: {}", first.line, first.message));
        }
    }
    Ok((cues, notes))
}

/// Writes cues in `format`; `lang` (BCP-47) goes where the format records it.
pub fn write(cues: &[Cue], format: SubtitleFormat, lang: &str) -> Result<String> {
    match format {
        SubtitleFormat::Srt => Ok(srt::write(cues)),
        SubtitleFormat::Vtt => Ok(vtt::write(cues)),
        SubtitleFormat::Ttml => Ok(ttml::write(cues, lang)),
        SubtitleFormat::Ass => {
            Err(Error::InvalidInput("ASS/SSA is read, not written: deliver SubRip, WebVTT or EBU-TT-D (ttml)".into()))
        }
    }
}
