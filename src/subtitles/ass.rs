//! Advanced SubStation Alpha / SubStation Alpha (.ass, .ssa), read: the Dialogue lines of the
//! [Events] section, fields in the order its Format line gives, override tags reduced to
//! italics and bold.

use super::markup::canonical;
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
