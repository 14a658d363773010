//! TTML, read in any of its broadcast profiles (EBU-TT-D, IMSC, DFXP) and written as EBU-TT-D
//! (EBU Tech 3380), the subtitle format broadcasters take for delivery: UTF-8, every character
//! Vietnamese needs, timing in media time.

use std::collections::HashMap;

use roxmltree::{Document, Node};

use super::markup::{canonical, escape, pieces, Piece};
use super::time::format_clock;
use super::{Cue, ParseNote};

const TTML: &str = "http://www.w3.org/ns/ttml";
const PARAMETER: &str = "http://www.w3.org/ns/ttml#parameter";
const STYLING: &str = "http://www.w3.org/ns/ttml#styling";

/// Frame and tick rates that frame ("12f") and tick ("9000t") times count in.
struct Clock {
    frame_rate: f64,
    tick_rate: f64,
}

pub(super) fn parse(text: &str) -> Result<(Vec<Cue>, Vec<ParseNote>), String> {
    let doc = Document::parse(text).map_err(|e| match e {
        // A file cut short: say where it ends, not where the root opened.
        roxmltree::Error::UnclosedRootNode | roxmltree::Error::UnexpectedEndOfStream => {
            format!("line {}: the file ends before its elements are closed (cut short?)", text.lines().count().max(1))
        }
        e => format!("line {}: not well-formed XML: {e}", e.pos().row),
    })?;
    let root = doc.root_element();
    if root.tag_name().name() != "tt" {
        return Err(format!("line 1: the root element is <{}>, not TTML's <tt>", root.tag_name().name()));
    }
    let number =
        |name: &str| root.attribute((PARAMETER, name)).and_then(|v| v.split_whitespace().next()?.parse::<f64>().ok());
    let multiplier = root
        .attribute((PARAMETER, "frameRateMultiplier"))
        .and_then(|m| m.split_once(' ').and_then(|(a, b)| Some(a.parse::<f64>().ok()? / b.parse::<f64>().ok()?)))
        .unwrap_or(1.0);
    let frame_rate = number("frameRate").unwrap_or(30.0) * multiplier;
    let clock = Clock { frame_rate, tick_rate: number("tickRate").unwrap_or(frame_rate.max(1.0)) };
    let styles = styles(&root);
    let line = |node: Node| doc.text_pos_at(node.range().start).row as usize;

    let (mut cues, mut notes) = (Vec::new(), Vec::new());
    for p in root.descendants().filter(|n| n.is_element() && n.tag_name().name() == "p") {
        // A time container (body, div) shifts the times of what it holds.
        let mut offset = 0;
        for ancestor in p.ancestors().skip(1).filter(Node::is_element) {
            match ancestor.attribute("begin").map(|b| time(b, &clock)) {
                Some(Some(b)) => offset += b,
                Some(None) => notes.push(ParseNote { line: line(ancestor), message: "malformed begin time".into() }),
                None => {}
            }
        }
        let begin = p.attribute("begin").map(|b| time(b, &clock));
        let end = match (p.attribute("end"), p.attribute("dur")) {
            (Some(e), _) => time(e, &clock),
            (None, Some(d)) => time(d, &clock).zip(begin.flatten()).map(|(d, b)| b + d),
            (None, None) => None,
        };
        match (begin, end) {
            (Some(Some(b)), Some(e)) if e >= b => {
                let mut raw = String::new();
                let italic = is_styled(p, &styles, "fontStyle", "italic");
                let bold = is_styled(p, &styles, "fontWeight", "bold");
                text_of(p, &styles, &mut raw, italic, bold);
                cues.push(Cue { start_ms: offset + b, end_ms: offset + e, text: canonical(&raw) });
            }
            (Some(Some(_)), Some(_)) => {
                notes.push(ParseNote { line: line(p), message: "the cue ends before it starts".into() })
            }
            _ => notes
                .push(ParseNote { line: line(p), message: "a <p> without a readable begin and end (or dur)".into() }),
        }
    }
    Ok((cues, notes))
}

/// Media time in milliseconds: "00:00:01.500", "00:00:01:12" (frames), "1.5s", "1500ms",
/// "36f", "90000t", "0.5m", "1h".
fn time(expression: &str, clock: &Clock) -> Option<i64> {
    let e = expression.trim();
    let seconds = if e.contains(':') {
        let parts: Vec<&str> = e.split(':').collect();
        let number = |s: &str| {
            (!s.is_empty() && s.bytes().all(|b| b.is_ascii_digit() || b == b'.'))
                .then(|| s.parse::<f64>().ok())
                .flatten()
        };
        match parts.as_slice() {
            [h, m, s] => number(h)? * 3600.0 + number(m)? * 60.0 + number(s)?,
            [h, m, s, f] => number(h)? * 3600.0 + number(m)? * 60.0 + number(s)? + number(f)? / clock.frame_rate,
            _ => return None,
        }
    } else {
        let split = e.find(|c: char| !(c.is_ascii_digit() || c == '.'))?;
        let value: f64 = e[..split].parse().ok()?;
        match &e[split..] {
            "h" => value * 3600.0,
            "m" => value * 60.0,
            "s" => value,
            "ms" => value / 1000.0,
            "f" => value / clock.frame_rate,
            "t" => value / clock.tick_rate,
            _ => return None,
        }
    };
    (seconds.is_finite() && seconds >= 0.0).then(|| (seconds * 1000.0).round() as i64)
}

/// The styles by id, with the two properties a cue keeps.
fn styles<'a>(root: &Node<'a, '_>) -> HashMap<&'a str, Node<'a, 'a>> {
    root.descendants()
        .filter(|n| n.is_element() && n.tag_name().name() == "style")
        .filter_map(|n| Some((n.attribute(("http://www.w3.org/XML/1998/namespace", "id"))?, n)))
        .collect()
}

/// Whether the element sets `property` to `value` itself or through a style it names.
fn is_styled(node: Node, styles: &HashMap<&str, Node>, property: &str, value: &str) -> bool {
    if node.attribute((STYLING, property)) == Some(value) {
        return true;
    }
    node.attribute("style")
        .map(|ids| {
            ids.split_whitespace()
                .any(|id| styles.get(id).is_some_and(|s| s.attribute((STYLING, property)) == Some(value)))
        })
        .unwrap_or(false)
}

fn text_of(node: Node, styles: &HashMap<&str, Node>, out: &mut String, italic: bool, bold: bool) {
    for child in node.children() {
        if child.is_text() {
            let text = child.text().unwrap_or_default();
            // xml:space="default": runs of white space are one space.
            let collapsed = text.split_whitespace().collect::<Vec<_>>().join(" ");
            let padded = match (text.starts_with(char::is_whitespace), text.ends_with(char::is_whitespace)) {
                _ if collapsed.is_empty() => {
                    if text.is_empty() {
                        String::new()
                    } else {
                        " ".into()
                    }
                }
                (true, true) => format!(" {collapsed} "),
                (true, false) => format!(" {collapsed}"),
                (false, true) => format!("{collapsed} "),
                (false, false) => collapsed,
            };
            out.push_str(&wrap(&padded, italic, bold));
        } else if child.is_element() && child.tag_name().namespace().is_none_or(|ns| ns == TTML) {
            match child.tag_name().name() {
                "br" => out.push('\n'),
                "span" => {
                    let i = italic || is_styled(child, styles, "fontStyle", "italic");
                    let b = bold || is_styled(child, styles, "fontWeight", "bold");
                    text_of(child, styles, out, i, b);
                }
                _ => {}
            }
        }
    }
}

fn wrap(text: &str, italic: bool, bold: bool) -> String {
    match (italic, bold) {
        _ if text.trim().is_empty() => text.to_owned(),
        (true, true) => format!("<b><i>{text}</i></b>"),
        (true, false) => format!("<i>{text}</i>"),
        (false, true) => format!("<b>{text}</b>"),
        (false, false) => text.to_owned(),
    }
}

pub(super) fn write(cues: &[Cue], lang: &str) -> String {
    let mut out = String::from(concat!(
        "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n",
        "<tt xmlns=\"http://www.w3.org/ns/ttml\" xmlns:ttp=\"http://www.w3.org/ns/ttml#parameter\" ",
        "xmlns:tts=\"http://www.w3.org/ns/ttml#styling\" xmlns:ttm=\"http://www.w3.org/ns/ttml#metadata\" ",
        "xmlns:ebuttm=\"urn:ebu:tt:metadata\" xmlns:ebutts=\"urn:ebu:tt:style\" ",
        "ttp:timeBase=\"media\" ttp:cellResolution=\"50 30\" xml:lang=\""
    ));
    out.push_str(&escape(lang).replace('"', "&quot;"));
    out.push_str(concat!(
        "\">\n  <head>\n    <metadata>\n      <ebuttm:documentMetadata>\n",
        "        <ebuttm:conformsToStandard>urn:ebu:tt:distribution:2018-04</ebuttm:conformsToStandard>\n",
        "      </ebuttm:documentMetadata>\n    </metadata>\n    <styling>\n",
        "      <style xml:id=\"s0\" tts:fontFamily=\"proportionalSansSerif\" tts:fontSize=\"100%\" tts:lineHeight=\"normal\" ",
        "tts:textAlign=\"center\" tts:color=\"#FFFFFF\" tts:backgroundColor=\"#000000C2\"/>\n",
        "      <style xml:id=\"i\" tts:fontStyle=\"italic\"/>\n",
        "      <style xml:id=\"b\" tts:fontWeight=\"bold\"/>\n",
        "    </styling>\n    <layout>\n",
        "      <region xml:id=\"bottom\" tts:origin=\"10% 10%\" tts:extent=\"80% 80%\" tts:displayAlign=\"after\"/>\n",
        "    </layout>\n  </head>\n  <body>\n    <div>\n"
    ));
    for (n, cue) in cues.iter().enumerate() {
        out.push_str(&format!(
            "      <p xml:id=\"c{}\" begin=\"{}\" end=\"{}\" region=\"bottom\" style=\"s0\">",
            n + 1,
            format_clock(cue.start_ms, '.'),
            format_clock(cue.end_ms, '.')
        ));
        let (mut italic, mut bold) = (false, false);
        for piece in pieces(&cue.text) {
            match piece {
                Piece::Italic(on) => italic = on,
                Piece::Bold(on) => bold = on,
                Piece::Text(t) => {
                    for (k, line) in t.split('\n').enumerate() {
                        if k > 0 {
                            out.push_str("<br/>");
                        }
                        if line.is_empty() {
                            continue;
                        }
                        let style = match (italic, bold) {
                            (true, true) => " style=\"i b\"",
                            (true, false) => " style=\"i\"",
                            (false, true) => " style=\"b\"",
                            (false, false) => "",
                        };
                        out.push_str(&format!("<span{style}>{}</span>", escape(line)));
                    }
                }
            }
        }
        out.push_str("</p>\n");
    }
    out.push_str("    </div>\n  </body>\n</tt>\n");
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn reads_frames_ticks_offsets_styles_and_time_containers() {
        let text = r#"<?xml version="1.0" encoding="UTF-8"?>
<tt xmlns="http://www.w3.org/ns/ttml" xmlns:ttp="http://www.w3.org/ns/ttml#parameter" xmlns:tts="http://www.w3.org/ns/ttml#styling" ttp:frameRate="25" ttp:tickRate="10000000" xml:lang="vi">
  <head><styling><style xml:id="it" tts:fontStyle="italic"/></styling></head>
  <body><div begin="10s">
    <p begin="00:00:01:05" end="00:00:02.000">Xin   chào<br/>
       <span style="it">Đồng Nai</span></p>
    <p begin="30000000t" dur="1500ms"><span tts:fontWeight="bold">Hai</span> &amp; ba</p>
    <p begin="oops" end="1s">broken</p>
  </div></body>
</tt>"#;
        let (cues, notes) = parse(text).expect("parses");
        assert_eq!(
            cues,
            vec![
                Cue { start_ms: 11_200, end_ms: 12_000, text: "Xin chào\n<i>Đồng Nai</i>".into() },
                Cue { start_ms: 13_000, end_ms: 14_500, text: "<b>Hai</b> & ba".into() },
            ]
        );
        assert_eq!(
            notes,
            vec![ParseNote { line: 8, message: "a <p> without a readable begin and end (or dur)".into() }]
        );
    }

    #[test]
    fn writes_ebu_tt_d_that_reads_back() {
        let cues = vec![
            Cue { start_ms: 1_000, end_ms: 2_500, text: "<i>Xin chào</i>\nĐồng Nai & <b>Biên Hòa</b>".into() },
            Cue { start_ms: 3_723_456, end_ms: 3_724_000, text: "a < b".into() },
        ];
        let xml = write(&cues, "vi");
        assert!(xml.contains("urn:ebu:tt:distribution:2018-04"), "{xml}");
        assert!(xml.contains("begin=\"01:02:03.456\""));
        assert_eq!(parse(&xml).expect("reads back").0, cues);
        assert!(parse("<tt><body><p begin=\"1s\"").expect_err("cut short").starts_with("line 1:"));
    }
}
