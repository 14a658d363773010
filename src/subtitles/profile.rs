//! The limits subtitles are checked against. Defaults per language from the Netflix timed-text
//! style guides; "broadcast" keeps lines to 37 characters as the BBC subtitle guidelines do.
//! Editors adjust either, per language, in the catalog (`mediadesk subs profile`).

use serde::{Deserialize, Serialize};

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, specta::Type)]
pub struct Profile {
    pub name: String,
    /// The language the limits are for (BCP-47), or "*" for any.
    pub lang: String,
    pub max_chars_per_line: u32,
    pub max_lines: u32,
    /// Characters per second, spaces and punctuation counted.
    pub max_cps: f64,
    pub min_duration_ms: i64,
    pub max_duration_ms: i64,
    /// Frames between two cues, at the film's own frame rate.
    pub min_gap_frames: u32,
    /// How far a translated cue may start or end from its source cue.
    pub max_drift_ms: i64,
}

pub const BUILT_IN: [&str; 2] = ["netflix", "broadcast"];

impl Profile {
    /// A built-in profile for a language; `None` for an unknown name.
    pub fn built_in(name: &str, lang: &str) -> Option<Profile> {
        let base = base_language(lang);
        let (max_chars_per_line, max_cps) = match base.as_str() {
            "en" => (42, 20.0),
            "ko" => (16, 12.0),
            "zh" => (16, 9.0),
            "ja" => (13, 4.0),
            _ => (42, 17.0),
        };
        let max_chars_per_line = match name {
            "netflix" => max_chars_per_line,
            "broadcast" => max_chars_per_line.min(37),
            _ => return None,
        };
        Some(Profile {
            name: name.to_owned(),
            lang: lang.to_owned(),
            max_chars_per_line,
            max_lines: 2,
            max_cps,
            // Five sixths of a second: 20 frames at 24 fps.
            min_duration_ms: 833,
            max_duration_ms: 7000,
            min_gap_frames: 2,
            max_drift_ms: 500,
        })
    }
}

/// "zh-Hant-TW" → "zh": the language without script or region.
pub fn base_language(tag: &str) -> String {
    tag.split(['-', '_']).next().unwrap_or(tag).to_ascii_lowercase()
}
