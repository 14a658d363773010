//! Advanced SubStation Alpha / SubStation Alpha (.ass, .ssa), read: the Dialogue lines of the
//! [Events] section, fields in the order its Format line gives, override tags reduced to
//! italics and bold.

use super::markup::{canonical, Piece};
use super::time::parse_clock;
use super::{Cue, ParseNote};

const DEFAULT_FORMAT: [&str; 10] =
    ["layer", "start", "end", "style", "name", "marginl", "marginr", "marginv", "effect", "text"];

pub(super) fn parse(text: &str) -> Result<(Vec<Cue>, Vec<ParseNote>), String> {
    let (mut cues, mut notes) = (Vec::new(), Vec::new());
    let mut in_events = false;
    let mut seen_events = false;
    let mut format: Vec<String> = DEFAULT_FORMAT.iter().map(|s| s.to_string()).collect();
    for (n, line) in text.lines().enumerate() {
        let line = line.trim();
        if line.starts_with('[') {
            in_events = line.eq_ignore_ascii_case("[events]");
            seen_events |= in_events;
            continue;
        }
        if !in_events {
            continue;
        }
        if let Some(fields) = line.strip_prefix("Format:") {
            format = fields.split(',').map(|f| f.trim().to_ascii_lowercase()).collect();
            continue;
        }
        let Some(fields) = line.strip_prefix("Dialogue:") else { continue };
        let values: Vec<&str> = fields.trim_start().splitn(format.len(), ',').collect();
        let field = |name: &str| format.iter().position(|f| f == name).and_then(|i| values.get(i)).copied();
        match (field("start").and_then(parse_clock), field("end").and_then(parse_clock), field("text")) {
            (Some(start_ms), Some(end_ms), Some(body)) if end_ms >= start_ms => {
                cues.push(Cue { start_ms, end_ms, text: canonical(&plain_ass(body)) });
            }
            (Some(_), Some(_), Some(_)) => {
                notes.push(ParseNote { line: n + 1, message: "the cue ends before it starts".into() })
            }
            _ => notes.push(ParseNote {
                line: n + 1,
                message: "a Dialogue line without a readable start, end and text".into(),
            }),
        }
    }
    if !seen_events {
        return Err("no [Events] section: not an ASS/SSA script".into());
    }
    Ok((cues, notes))
}

/// ASS text with its override blocks reduced to `<i>`/`<b>` and its escapes to characters.
fn plain_ass(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    let mut rest = text;
    while let Some(open) = rest.find('{') {
        out.push_str(&rest[..open]);
        let Some(len) = rest[open..].find('}') else {
            rest = &rest[open..];
            break;
        };
        for tag in rest[open + 1..open + len].split('\\') {
            match tag.trim() {
                "i1" => out.push_str("<i>"),
                "i0" | "i" => out.push_str("</i>"),
                "b1" => out.push_str("<b>"),
                "b0" | "b" => out.push_str("</b>"),
                t if t.len() == 4 && t.starts_with('b') && t[1..].parse::<u32>().is_ok_and(|w| w >= 600) => {
                    out.push_str("<b>")
                }
                _ => {}
            }
        }
        rest = &rest[open + len + 1..];
    }
    out.push_str(rest);
    out.replace("\\N", "\n").replace("\\n", "\n").replace("\\h", "\u{a0}")
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn reads_dialogue_in_the_order_its_format_gives() {
        let text = "[Script Info]\nTitle: Đồng Nai\n\n[V4+ Styles]\nFormat: Name, Fontname\nStyle: Default,Arial\n\n[Events]\n\
                    Format: Layer, Start, End, Style, Name, MarginL, MarginR, MarginV, Effect, Text\n\
                    Dialogue: 0,0:00:01.50,0:00:03.00,Default,,0,0,0,,{\\an8\\i1}Xin chào{\\i0}\\NĐồng Nai, tỉnh\n\
                    Comment: 0,0:00:04.00,0:00:05.00,Default,,0,0,0,,not shown\n\
                    Dialogue: 0,0:00:0x.00,0:00:05.00,Default,,0,0,0,,broken\n";
        let (cues, notes) = parse(text).expect("parses");
        assert_eq!(cues, vec![Cue { start_ms: 1500, end_ms: 3000, text: "<i>Xin chào</i>\nĐồng Nai, tỉnh".into() }]);
        assert_eq!(
            notes,
            vec![ParseNote { line: 12, message: "a Dialogue line without a readable start, end and text".into() }]
        );
        assert!(parse("1\n00:00:01,000 --> 00:00:02,000\nSRT").is_err());
    }
}

/// How burned-in subtitles look: the frame they are drawn on, the face, its size, and the
/// margins that keep them inside the platform's safe area, all in the frame's pixels.
#[derive(Debug, Clone, PartialEq)]
pub struct BurnStyle {
    pub width: u32,
    pub height: u32,
    pub font: String,
    pub size: u32,
    pub margin_left: u32,
    pub margin_right: u32,
    pub margin_bottom: u32,
}

/// An ASS script drawing `cues` in `style`: white text with a black outline and shadow, centred
/// at the bottom, its coordinates the frame's (PlayRes = the frame's size). Italics and bold
/// become override tags; braces and backslashes in the text are shown, not read as tags.
pub fn burn_in(cues: &[Cue], style: &BurnStyle) -> String {
    let s = style;
    let outline = (s.size / 14).max(2);
    let mut out = format!(
        "[Script Info]\nScriptType: v4.00+\nPlayResX: {}\nPlayResY: {}\nWrapStyle: 0\nScaledBorderAndShadow: yes\n\n\
         [V4+ Styles]\nFormat: Name, Fontname, Fontsize, PrimaryColour, SecondaryColour, OutlineColour, BackColour, \
         Bold, Italic, Underline, StrikeOut, ScaleX, ScaleY, Spacing, Angle, BorderStyle, Outline, Shadow, \
         Alignment, MarginL, MarginR, MarginV, Encoding\n\
         Style: Default,{},{},&H00FFFFFF,&H000000FF,&H00000000,&H80000000,0,0,0,0,100,100,0,0,1,{outline},1,2,{},{},{},1\n\n\
         [Events]\nFormat: Layer, Start, End, Style, Name, MarginL, MarginR, MarginV, Effect, Text\n",
        s.width, s.height, s.font, s.size, s.margin_left, s.margin_right, s.margin_bottom
    );
    for cue in cues {
        let mut text = String::new();
        for piece in super::markup::pieces(&cue.text) {
            match piece {
                Piece::Text(t) => {
                    // A backslash or brace would start a tag: shown as the look-alike
                    // full-width characters instead.
                    let t = t.replace('\\', "＼").replace('{', "｛").replace('}', "｝");
                    text.push_str(&t.replace("\r\n", "\n").replace('\n', "\\N"));
                }
                Piece::Italic(on) => text.push_str(if on { "{\\i1}" } else { "{\\i0}" }),
                Piece::Bold(on) => text.push_str(if on { "{\\b1}" } else { "{\\b0}" }),
            }
        }
        out.push_str(&format!("Dialogue: 0,{},{},Default,,0,0,0,,{text}\n", clock(cue.start_ms), clock(cue.end_ms)));
    }
    out
}

/// ASS time: H:MM:SS.cc (centiseconds).
fn clock(ms: i64) -> String {
    let cs = ms.max(0) / 10;
    format!("{}:{:02}:{:02}.{:02}", cs / 360_000, cs / 6000 % 60, cs / 100 % 60, cs % 100)
}

#[cfg(test)]
mod burn_in_tests {
    use super::*;

    #[test]
    fn a_burn_in_script_reads_back_as_the_cues_it_was_made_from() {
        let cues = vec![
            Cue { start_ms: 500, end_ms: 2_500, text: "Sân bay <i>Long Thành</i>\nđường băng".into() },
            Cue { start_ms: 3_600_010, end_ms: 3_601_000, text: "{không phải thẻ} a\\N".into() },
        ];
        let style = BurnStyle {
            width: 1080,
            height: 1920,
            font: "Noto Sans".into(),
            size: 60,
            margin_left: 60,
            margin_right: 140,
            margin_bottom: 400,
        };
        let script = burn_in(&cues, &style);
        assert!(script.contains("PlayResY: 1920") && script.contains(",2,60,140,400,1"), "{script}");
        assert!(script.contains("Dialogue: 0,1:00:00.01,1:00:01.00,"), "{script}");
        let (back, notes) = parse(&script).expect("parse");
        assert!(notes.is_empty(), "{notes:?}");
        assert_eq!(back[0], cues[0]);
        assert_eq!(back[1].text, "｛không phải thẻ｝ a＼N");
    }
}
