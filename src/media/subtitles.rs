//! Subtitle tracks carried inside films (SRT, ASS/SSA, mov_text, WebVTT), extracted as text
//! cues by reading the container's packets; nothing is decoded, so this runs in-process.

use std::path::Path;

use serde::Serialize;

use crate::error::{Error, Result};
use crate::probe::{describe_media, is_text_subtitle, media_start_s, next_packet, open_media};
use crate::subtitles::Cue;
use crate::text::clean;

/// A cue as packets give it, in seconds; its end may be unknown (NaN) until the next cue.
struct TimedText {
    start_s: f64,
    end_s: f64,
    text: String,
}

/// The cues of one embedded track.
#[derive(Debug, Clone, Serialize)]
pub struct ExtractedSubtitles {
    pub index: usize,
    pub codec: String,
    pub language: Option<String>,
    pub cues: Vec<Cue>,
}

/// Extracts the text subtitle tracks of the film at `path`: those with stream index `track`,
/// or in language `language` (BCP-47, "vi" matches "vi-VN"), or all of them.
pub fn extract_subtitles(path: &Path, track: Option<usize>, language: Option<&str>) -> Result<Vec<ExtractedSubtitles>> {
    let mut input = open_media(path)?;
    let info = describe_media(path, &input)?;
    let mut tracks: Vec<ExtractedSubtitles> = info
        .subtitle_tracks
        .iter()
        .filter(|s| track.is_none_or(|t| t == s.index))
        .filter(|s| {
            language.is_none_or(|l| {
                s.language.as_deref().is_some_and(|have| {
                    have.eq_ignore_ascii_case(l)
                        || have.to_ascii_lowercase().starts_with(&format!("{}-", l.to_ascii_lowercase()))
                })
            })
        })
        .map(|s| ExtractedSubtitles {
            index: s.index,
            codec: s.codec.clone(),
            language: s.language.clone(),
            cues: Vec::new(),
        })
        .collect();
    if tracks.is_empty() {
        let have: Vec<String> = info
            .subtitle_tracks
            .iter()
            .map(|s| format!("#{} {} [{}]", s.index, s.codec, s.language.as_deref().unwrap_or("?")))
            .collect();
        let have = if have.is_empty() { "it has none".to_owned() } else { format!("it has {}", have.join(", ")) };
        return Err(Error::NotFound(format!("no subtitle track of that kind in {} ({have})", path.display())));
    }
    if let Some(picture) = tracks.iter().find(|t| !is_text_subtitle(&t.codec)) {
        return Err(Error::Unsupported {
            path: path.to_path_buf(),
            reason: format!("subtitle track #{} ({}) is pictures, not text", picture.index, picture.codec),
        });
    }

    let time_bases: Vec<f64> = input.streams().map(|s| f64::from(s.time_base())).collect();
    // Cues count from the film's start, as ffmpeg writes them.
    let start = media_start_s(&input);
    let mut damaged = 0;
    let mut timed: Vec<Vec<TimedText>> = tracks.iter().map(|_| Vec::new()).collect();
    while let Some(packet) = next_packet(&mut input, path, &mut damaged)? {
        let Some(k) = tracks.iter().position(|t| t.index == packet.stream()) else { continue };
        let t = &tracks[k];
        let (Some(data), Some(pts)) = (packet.data(), packet.pts()) else { continue };
        let Some(tb) = time_bases.get(packet.stream()).copied() else { continue };
        let start_s = pts as f64 * tb - start;
        let end_s = if packet.duration() > 0 { start_s + packet.duration() as f64 * tb } else { f64::NAN };
        let text = cue_text(&t.codec, data);
        if !text.is_empty() {
            timed[k].push(TimedText { start_s, end_s, text });
        }
    }
    for (t, mut cues) in tracks.iter_mut().zip(timed) {
        cues.sort_by(|a, b| a.start_s.total_cmp(&b.start_s));
        // A cue with no duration lasts until the next one, or two seconds.
        let starts: Vec<f64> = cues.iter().map(|c| c.start_s).skip(1).collect();
        for (i, cue) in cues.iter_mut().enumerate() {
            if cue.end_s.is_nan() {
                cue.end_s = starts.get(i).copied().unwrap_or(cue.start_s + 2.0).min(cue.start_s + 2.0).max(cue.start_s);
            }
        }
        let ms = |s: f64| (s.max(0.0) * 1000.0).round() as i64;
        t.cues = cues.into_iter().map(|c| Cue { start_ms: ms(c.start_s), end_ms: ms(c.end_s), text: c.text }).collect();
    }
    Ok(tracks)
}

/// The text of one subtitle packet, NFC, lines separated by '\n'.
fn cue_text(codec: &str, data: &[u8]) -> String {
    let raw = match codec {
        // mov_text: a 16-bit length, the text, then style boxes.
        "mov_text" => {
            let len = data.get(..2).map_or(0, |b| usize::from(u16::from_be_bytes([b[0], b[1]])));
            decode(data.get(2..2 + len).unwrap_or_default())
        }
        // Matroska's ASS packets: ReadOrder, Layer, Style, Name, MarginL, MarginR, MarginV, Effect, Text.
        "ass" | "ssa" => {
            let line = decode(data);
            let text = line.splitn(9, ',').nth(8).unwrap_or(&line).to_owned();
            strip_ass_tags(&text)
        }
        _ => decode(data),
    };
    clean(&raw.replace("\r\n", "\n").replace('\r', "\n"))
}

/// UTF-8 as containers require; text from older muxers in Windows-1258 is decoded as such.
fn decode(bytes: &[u8]) -> String {
    match std::str::from_utf8(bytes) {
        Ok(s) => s.to_owned(),
        Err(_) => encoding_rs::WINDOWS_1258.decode(bytes).0.into_owned(),
    }
}

fn strip_ass_tags(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    let mut in_tag = false;
    for c in text.chars() {
        match c {
            '{' => in_tag = true,
            '}' if in_tag => in_tag = false,
            _ if !in_tag => out.push(c),
            _ => {}
        }
    }
    out.replace("\\N", "\n").replace("\\n", "\n").replace("\\h", " ")
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn reads_the_text_of_each_kind_of_packet() {
        assert_eq!(cue_text("subrip", "Xin chào\r\nĐồng Nai".as_bytes()), "Xin chào\nĐồng Nai");
        let mut mov = vec![0, 9];
        mov.extend_from_slice("Sông Bé".as_bytes());
        mov.extend_from_slice(&[0, 0, 0, 12]);
        assert_eq!(cue_text("mov_text", &mov), "Sông Bé");
        assert_eq!(cue_text("ass", b"0,0,Default,,0,0,0,,{\\i1}Hello{\\i0}\\Nworld"), "Hello\nworld");
    }
}
