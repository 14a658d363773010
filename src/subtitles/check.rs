//! Quality control of a subtitle track, cue by cue, against a profile's limits; and alignment
//! of a translation against its source track. Every finding names its cue (1-based, in file
//! order) and the cue's time.

use serde::Serialize;

use super::markup::plain_text;
use super::profile::base_language;
use super::time::show_clock;
use super::{Cue, Profile};
use crate::text::{detect_language, fold, has_vietnamese_letters};

#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, specta::Type)]
#[serde(rename_all = "snake_case")]
pub enum Rule {
    CharsPerLine,
    LinesPerCue,
    ReadingSpeed,
    MinDuration,
    MaxDuration,
    Gap,
    Overlap,
    OutOfOrder,
    OutsideClip,
    Empty,
    Untranslated,
    LanguageMismatch,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, specta::Type)]
#[serde(rename_all = "snake_case")]
pub enum Severity {
    /// Blocks approval.
    Error,
    /// For the editor to judge (a name left as it is, a short cue in another language).
    Warning,
}

#[derive(Debug, Clone, PartialEq, Serialize, specta::Type)]
pub struct Finding {
    pub cue: usize,
    pub start_ms: i64,
    pub end_ms: i64,
    /// The cue's start as an editor reads it: "00:01:02,500".
    pub at: String,
    pub rule: Rule,
    pub severity: Severity,
    pub message: String,
}

pub struct CheckInput<'a> {
    pub cues: &'a [Cue],
    /// The track's language (BCP-47).
    pub lang: &'a str,
    pub profile: &'a Profile,
    /// The film's frame rate (gaps are counted in its frames).
    pub frame_rate: f64,
    /// The film's duration, when known.
    pub duration_ms: Option<i64>,
    /// The source-language track, for a translation.
    pub source: Option<&'a [Cue]>,
}

pub fn check(input: &CheckInput) -> Vec<Finding> {
    let p = input.profile;
    let mut findings = Vec::new();
    let frame_ms = 1000.0 / input.frame_rate;
    let min_gap_ms = (f64::from(p.min_gap_frames) * frame_ms).round() as i64;
    let expected = base_language(input.lang);
    // Each cue's language, once: the per-cue and the whole-track checks both use it.
    // A Vietnamese track's cue with Vietnamese letters is Vietnamese: no scoring needed (it is
    // most of the time a check takes).
    let languages: Vec<Option<&'static str>> = input
        .cues
        .iter()
        .map(|c| {
            let plain = plain_text(&c.text);
            if expected == "vi" && has_vietnamese_letters(&plain) {
                long_enough(&plain).then_some("vi")
            } else {
                cue_language(&plain)
            }
        })
        .collect();
    for (i, cue) in input.cues.iter().enumerate() {
        let mut find = |rule, severity, message: String| {
            findings.push(Finding {
                cue: i + 1,
                start_ms: cue.start_ms,
                end_ms: cue.end_ms,
                at: show_clock(cue.start_ms),
                rule,
                severity,
                message,
            })
        };
        let plain = plain_text(&cue.text);
        let lines: Vec<&str> = plain.lines().collect();
        let chars: usize = lines.iter().map(|l| l.chars().count()).sum();
        let duration = cue.end_ms - cue.start_ms;
        if plain.trim().is_empty() {
            find(Rule::Empty, Severity::Error, "the cue has no text".into());
        }
        if let Some((n, longest)) =
            lines.iter().enumerate().map(|(n, l)| (n, l.chars().count())).max_by_key(|(_, c)| *c)
        {
            if longest > p.max_chars_per_line as usize {
                find(
                    Rule::CharsPerLine,
                    Severity::Error,
                    format!("line {} has {longest} characters (at most {})", n + 1, p.max_chars_per_line),
                );
            }
        }
        if lines.len() > p.max_lines as usize {
            find(Rule::LinesPerCue, Severity::Error, format!("{} lines (at most {})", lines.len(), p.max_lines));
        }
        if duration > 0 && chars > 0 {
            let cps = chars as f64 * 1000.0 / duration as f64;
            if cps > p.max_cps + 1e-9 {
                find(
                    Rule::ReadingSpeed,
                    Severity::Error,
                    format!(
                        "{cps:.1} characters per second ({chars} in {:.2} s; at most {})",
                        duration as f64 / 1000.0,
                        p.max_cps
                    ),
                );
            }
        }
        if duration < p.min_duration_ms {
            find(
                Rule::MinDuration,
                Severity::Error,
                format!("on screen {duration} ms (at least {} ms)", p.min_duration_ms),
            );
        }
        if duration > p.max_duration_ms {
            find(
                Rule::MaxDuration,
                Severity::Error,
                format!("on screen {duration} ms (at most {} ms)", p.max_duration_ms),
            );
        }
        if let Some(prev) = i.checked_sub(1).map(|j| &input.cues[j]) {
            let gap = cue.start_ms - prev.end_ms;
            if cue.start_ms < prev.start_ms {
                find(
                    Rule::OutOfOrder,
                    Severity::Error,
                    format!("starts before cue {} ({})", i, show_clock(prev.start_ms)),
                );
            } else if gap < 0 {
                find(Rule::Overlap, Severity::Error, format!("overlaps cue {} by {} ms", i, -gap));
            } else if gap < min_gap_ms {
                find(
                    Rule::Gap,
                    Severity::Error,
                    format!(
                        "{gap} ms after cue {i} (at least {} frames, {min_gap_ms} ms at {:.3} fps)",
                        p.min_gap_frames, input.frame_rate
                    ),
                );
            }
        }
        if let Some(clip) = input.duration_ms {
            if cue.end_ms > clip + frame_ms.ceil() as i64 {
                find(Rule::OutsideClip, Severity::Error, format!("ends after the film ({})", show_clock(clip)));
            }
        }
        let untranslated =
            input.source.and_then(|source| best_overlap(source, cue).map(|k| &source[k])).is_some_and(|s| {
                fold(plain.trim()) == fold(plain_text(&s.text).trim()) && plain.chars().any(char::is_alphabetic)
            });
        if untranslated {
            find(Rule::Untranslated, Severity::Warning, "the same text as the source cue".into());
        } else if let Some(found) = languages[i].filter(|l| *l != expected) {
            find(Rule::LanguageMismatch, Severity::Warning, format!("reads as {found}, the track is {}", input.lang));
        }
    }
    if let Some(finding) = track_language(input, &languages, &expected) {
        findings.insert(0, finding);
    }
    findings
}

/// The language of one cue, when it is long enough to tell.
fn cue_language(plain: &str) -> Option<&'static str> {
    long_enough(plain).then(|| detect_language(plain)).flatten()
}

fn long_enough(plain: &str) -> bool {
    plain.chars().filter(|c| c.is_alphabetic()).count() >= 20
}

/// The track in another language than its label says (a translator's file labelled "en" but
/// still in Vietnamese): most of the cues long enough to tell read as one other language.
fn track_language(input: &CheckInput, languages: &[Option<&'static str>], expected: &str) -> Option<Finding> {
    let (first, last) = (input.cues.first()?, input.cues.last()?);
    let mut tally: std::collections::BTreeMap<&str, usize> = std::collections::BTreeMap::new();
    let mut told = 0;
    for (cue, language) in input.cues.iter().zip(languages) {
        told += usize::from(long_enough(&plain_text(&cue.text)));
        if let Some(l) = language {
            *tally.entry(l).or_default() += 1;
        }
    }
    let (found, count) = tally.into_iter().max_by_key(|(_, n)| *n)?;
    (found != expected && count * 2 > told).then(|| Finding {
        cue: 1,
        start_ms: first.start_ms,
        end_ms: last.end_ms,
        at: show_clock(first.start_ms),
        rule: Rule::LanguageMismatch,
        severity: Severity::Error,
        message: format!(
            "the track is labelled {} but is written in {found} ({count} of the {told} cues long enough to tell)",
            input.lang
        ),
    })
}

/// The source cue that overlaps `cue` the longest.
fn best_overlap(source: &[Cue], cue: &Cue) -> Option<usize> {
    // Source tracks are checked in time order; a binary search finds the neighbourhood.
    let from = source.partition_point(|s| s.end_ms <= cue.start_ms);
    source[from..]
        .iter()
        .enumerate()
        .take_while(|(_, s)| s.start_ms < cue.end_ms)
        .map(|(k, s)| (from + k, s.end_ms.min(cue.end_ms) - s.start_ms.max(cue.start_ms)))
        .filter(|(_, overlap)| *overlap > 0)
        .max_by_key(|(_, overlap)| *overlap)
        .map(|(k, _)| k)
}

#[derive(Debug, Clone, PartialEq, Serialize, specta::Type)]
pub struct Drift {
    pub cue: usize,
    pub source_cue: usize,
    pub start_delta_ms: i64,
    pub end_delta_ms: i64,
}

/// A translation against its source track.
#[derive(Debug, Clone, PartialEq, Serialize, specta::Type)]
pub struct Alignment {
    pub source_cues: usize,
    pub cues: usize,
    /// Source cues no translated cue overlaps (numbers in the source track).
    pub missing: Vec<usize>,
    /// Translated cues that overlap no source cue.
    pub extra: Vec<usize>,
    /// Translated cues that start or end further than the profile allows from their source cue.
    pub drifting: Vec<Drift>,
    /// Share of the source's speech time (time under its cues) the translation covers, 0–1.
    pub speech_covered: f64,
}

pub fn align(source: &[Cue], target: &[Cue], max_drift_ms: i64) -> Alignment {
    // Work in time order; `order` maps back to the cue numbers of the track as given.
    let mut order: Vec<usize> = (0..source.len()).collect();
    order.sort_by_key(|&k| source[k].start_ms);
    let sorted_source: Vec<Cue> = order.iter().map(|&k| source[k].clone()).collect();
    let mut covered = vec![false; sorted_source.len()];
    let (mut extra, mut drifting) = (Vec::new(), Vec::new());
    for (i, cue) in target.iter().enumerate() {
        let from = sorted_source.partition_point(|s| s.end_ms <= cue.start_ms);
        let mut any = false;
        for (k, s) in sorted_source.iter().enumerate().skip(from).take_while(|(_, s)| s.start_ms < cue.end_ms) {
            if s.end_ms > cue.start_ms {
                covered[k] = true;
                any = true;
            }
        }
        if !any {
            extra.push(i + 1);
            continue;
        }
        if let Some(k) = best_overlap(&sorted_source, cue) {
            let s = &sorted_source[k];
            let (start_delta_ms, end_delta_ms) = (cue.start_ms - s.start_ms, cue.end_ms - s.end_ms);
            if start_delta_ms.abs() > max_drift_ms || end_delta_ms.abs() > max_drift_ms {
                drifting.push(Drift { cue: i + 1, source_cue: order[k] + 1, start_delta_ms, end_delta_ms });
            }
        }
    }
    let mut missing: Vec<usize> = covered.iter().enumerate().filter(|(_, c)| !**c).map(|(k, _)| order[k] + 1).collect();
    missing.sort_unstable();
    let speech = union(source);
    let speech_ms: i64 = speech.iter().map(|(a, b)| b - a).sum();
    let shared = intersection_ms(&speech, &union(target));
    Alignment {
        source_cues: source.len(),
        cues: target.len(),
        missing,
        extra,
        drifting,
        speech_covered: if speech_ms > 0 { shared as f64 / speech_ms as f64 } else { 1.0 },
    }
}

fn union(cues: &[Cue]) -> Vec<(i64, i64)> {
    let mut spans: Vec<(i64, i64)> = cues.iter().map(|c| (c.start_ms, c.end_ms)).filter(|(a, b)| b > a).collect();
    spans.sort_unstable();
    let mut merged: Vec<(i64, i64)> = Vec::with_capacity(spans.len());
    for (a, b) in spans {
        match merged.last_mut() {
            Some(last) if a <= last.1 => last.1 = last.1.max(b),
            _ => merged.push((a, b)),
        }
    }
    merged
}

fn intersection_ms(a: &[(i64, i64)], b: &[(i64, i64)]) -> i64 {
    let (mut i, mut j, mut total) = (0, 0, 0);
    while i < a.len() && j < b.len() {
        let (start, end) = (a[i].0.max(b[j].0), a[i].1.min(b[j].1));
        total += (end - start).max(0);
        if a[i].1 < b[j].1 {
            i += 1;
        } else {
            j += 1;
        }
    }
    total
}
