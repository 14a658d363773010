//! WebVTT (.vtt): a "WEBVTT" header, then cues (an optional identifier, a timing line with
//! optional settings, text lines) and NOTE, STYLE and REGION blocks, which are skipped.

use super::markup::{canonical, escape, pieces, Piece};
use super::time::{format_clock, parse_clock};
use super::{Cue, ParseNote};

pub(super) fn parse(text: &str) -> Result<(Vec<Cue>, Vec<ParseNote>), String> {
    let lines: Vec<&str> = text.lines().collect();
    let first = lines.first().copied().unwrap_or_default();
    if !(first == "WEBVTT" || first.starts_with("WEBVTT ") || first.starts_with("WEBVTT\t")) {
        return Err("line 1: a WebVTT file begins with \"WEBVTT\"".into());
    }
    let (mut cues, mut notes) = (Vec::new(), Vec::new());
    // The header runs to the first blank line.
    let mut i = lines.iter().position(|l| l.trim().is_empty()).unwrap_or(lines.len());
    while i < lines.len() {
        if lines[i].trim().is_empty() {
            i += 1;
            continue;
        }
        let end = (i..lines.len()).find(|&j| lines[j].trim().is_empty()).unwrap_or(lines.len());
        let block = &lines[i..end];
        let keyword = block[0].split_whitespace().next().unwrap_or_default();
        if !matches!(keyword, "NOTE" | "STYLE" | "REGION") {
            let Some(timing_at) = block.iter().take(2).position(|l| l.contains("-->")) else {
                notes.push(ParseNote { line: i + 1, message: format!("expected a timing line, found {:?}", block[0]) });
                i = end;
                continue;
            };
            match timing(block[timing_at]) {
                Some((start_ms, end_ms)) if end_ms >= start_ms => {
                    let body = block[timing_at + 1..].join("\n");
                    cues.push(Cue { start_ms, end_ms, text: unescape(&canonical(&body)) });
                }
                Some(_) => {
                    notes.push(ParseNote { line: i + timing_at + 1, message: "the cue ends before it starts".into() })
                }
                None => notes.push(ParseNote {
                    line: i + timing_at + 1,
                    message: format!("malformed timing {:?}", block[timing_at]),
                }),
            }
        }
        i = end;
    }
    Ok((cues, notes))
}

fn timing(line: &str) -> Option<(i64, i64)> {
    let (start, rest) = line.split_once("-->")?;
    let end = rest.split_whitespace().next()?;
    Some((parse_clock(start)?, parse_clock(end)?))
}

fn unescape(text: &str) -> String {
    if !text.contains('&') {
        return text.to_owned();
    }
    text.replace("&lt;", "<")
        .replace("&gt;", ">")
        .replace("&nbsp;", "\u{a0}")
        .replace("&lrm;", "\u{200e}")
        .replace("&rlm;", "\u{200f}")
        .replace("&quot;", "\"")
        .replace("&apos;", "'")
        .replace("&amp;", "&")
}

pub(super) fn write(cues: &[Cue]) -> String {
    let mut out = String::from("WEBVTT\n\n");
    for cue in cues {
        out.push_str(&format!("{} --> {}\n", format_clock(cue.start_ms, '.'), format_clock(cue.end_ms, '.')));
        for piece in pieces(&cue.text) {
            match piece {
                Piece::Text(t) => out.push_str(&escape(t)),
                Piece::Italic(on) => out.push_str(if on { "<i>" } else { "</i>" }),
                Piece::Bold(on) => out.push_str(if on { "<b>" } else { "</b>" }),
            }
        }
        out.push_str("\n\n");
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn reads_cues_with_identifiers_settings_and_notes() {
        let text = "WEBVTT - Đồng Nai\n\nNOTE made by hand\n\nSTYLE\n::cue { color: yellow }\n\nintro\n00:01.000 --> 00:02.500 align:start\n<v Lan>Xin &amp; chào</v>\n\n00:00:03.000 --> 00:00:04.000\n<i>Hai</i>\n\n00:05.000 -> 00:06.000\nBroken\n";
        let (cues, notes) = parse(text).expect("parses");
        assert_eq!(
            cues,
            vec![
                Cue { start_ms: 1000, end_ms: 2500, text: "Xin & chào".into() },
                Cue { start_ms: 3000, end_ms: 4000, text: "<i>Hai</i>".into() },
            ]
        );
        assert_eq!(notes.len(), 1);
        assert_eq!(notes[0].line, 15);
        assert_eq!(parse(&write(&cues)).expect("round trip").0, cues);
        assert!(parse("1\n00:00:01,000 --> 00:00:02,000\nSRT").is_err());
    }
}
