//! TTML, read in any of its broadcast profiles (EBU-TT-D, IMSC, DFXP) and written as EBU-TT-D
//! (EBU Tech 3380), the subtitle format broadcasters take for delivery: UTF-8, every character
//! Vietnamese needs, timing in media time.

use std::collections::HashMap;

use roxmltree::{Document, Node};

use super::markup::{canonical, escape, pieces, Piece};
use super::time::format_clock;
use super::ttml_time::{is_timed, resolve, Clock, Content, Timed};
use super::{Cue, ParseNote};

const STYLING: &str = "http://www.w3.org/ns/ttml#styling";

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
    let clock = Clock::of(root);
    let styles = styles(&root);
    let line = |node: Node| doc.text_pos_at(node.range().start).row as usize;

    let (mut cues, mut notes) = (Vec::new(), Vec::new());
    let body = root.children().find(|n| is_timed(n) && n.tag_name().name() == "body");
    if let Some(body) = body.and_then(|b| resolve(b, 0.0, &clock, &line, &mut notes)) {
        let screen = Screen { styles: &styles, line: &line };
        screen.paragraphs(&body, f64::INFINITY, &mut cues, &mut notes);
    }
    if cues.is_empty() && notes.is_empty() && root.descendants().any(|n| n.tag_name().name() == "p") {
        notes.push(ParseNote { line: line(root), message: "no paragraph is ever on screen".into() });
    }
    Ok((cues, notes))
}

/// What is on screen when: each paragraph cut where its timed spans start and stop, so words
/// that appear one by one become successive cues.
struct Screen<'s, 'a, 'i> {
    styles: &'s HashMap<&'a str, Node<'a, 'i>>,
    line: &'s dyn Fn(Node) -> usize,
}

impl Screen<'_, '_, '_> {
    fn hidden(&self, node: Node) -> bool {
        is_styled(node, self.styles, "display", "none")
    }

    /// `clip` is the end of the parent's interval, which ends everything it holds.
    fn paragraphs(&self, timed: &Timed, clip: f64, cues: &mut Vec<Cue>, notes: &mut Vec<ParseNote>) {
        let (begin, end) = (timed.begin, timed.end.min(clip));
        if end <= begin || self.hidden(timed.node) {
            return;
        }
        if timed.node.tag_name().name() != "p" {
            for child in &timed.children {
                if let Content::Element(child) = child {
                    self.paragraphs(child, end, cues, notes);
                }
            }
            return;
        }
        let mut times = vec![begin, end];
        timed.changes(begin, end, &mut times);
        times.sort_by(f64::total_cmp);
        times.dedup();
        let ms = |t: f64| (t * 1000.0).round() as i64;
        let italic = is_styled(timed.node, self.styles, "fontStyle", "italic");
        let bold = is_styled(timed.node, self.styles, "fontWeight", "bold");
        let first = cues.len();
        for pair in times.windows(2) {
            let mut raw = String::new();
            self.text_at(timed, pair[0], &mut raw, italic, bold);
            let text = canonical(&raw);
            // Words still on screen when nothing ends them: no cue can say how long.
            if pair[1].is_infinite() {
                if !text.is_empty() {
                    let message = "a <p> that never ends (no end or dur on it or around it)".into();
                    notes.push(ParseNote { line: (self.line)(timed.node), message });
                }
                break;
            }
            let (start_ms, end_ms) = (ms(pair[0]), ms(pair[1]));
            if text.is_empty() || end_ms <= start_ms {
                continue;
            }
            let own = cues.len() > first;
            match cues.last_mut().filter(|last| own && last.text == text && last.end_ms == start_ms) {
                Some(last) => last.end_ms = end_ms,
                _ => cues.push(Cue { start_ms, end_ms, text }),
            }
        }
    }

    /// The text of what under `timed` is shown at `t`.
    fn text_at(&self, timed: &Timed, t: f64, out: &mut String, italic: bool, bold: bool) {
        for child in &timed.children {
            match child {
                Content::Text(text) => {
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
                }
                Content::Break => out.push('\n'),
                Content::Element(span) if span.active_at(t) && !self.hidden(span.node) => {
                    let i = italic || is_styled(span.node, self.styles, "fontStyle", "italic");
                    let b = bold || is_styled(span.node, self.styles, "fontWeight", "bold");
                    self.text_at(span, t, out, i, b);
                }
                Content::Element(_) => {}
            }
        }
    }
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
            vec![ParseNote { line: 8, message: "malformed begin time \"oops\": left out with what it holds".into() }]
        );
    }

    fn cues_of(body: &str) -> (Vec<(i64, i64, String)>, Vec<ParseNote>) {
        let text = format!(
            r#"<tt xmlns="http://www.w3.org/ns/ttml" xmlns:tts="http://www.w3.org/ns/ttml#styling" xml:lang="vi">
<head><styling><style xml:id="gone" tts:display="none"/></styling></head>{body}</tt>"#
        );
        let (cues, notes) = parse(&text).expect("parses");
        (cues.into_iter().map(|c| (c.start_ms, c.end_ms, c.text)).collect(), notes)
    }

    #[test]
    fn follows_the_timing_model_through_par_and_seq_containers() {
        let cue = |b, e, t: &str| (b, e, t.to_owned());
        // A paragraph timed only by its parent; a div's implicit end is its latest child's.
        let (cues, notes) = cues_of(
            r#"<body><div begin="10s"><p begin="1s" end="2s">Hai</p></div><div begin="20s" dur="3s"><p>Ba</p></div></body>"#,
        );
        assert_eq!(cues, vec![cue(11_000, 12_000, "Hai"), cue(20_000, 23_000, "Ba")]);
        assert!(notes.is_empty(), "{notes:?}");
        // dur in a seq container: each child starts where the one before it ended.
        let (cues, _) = cues_of(
            r#"<body timeContainer="seq"><p dur="1s">a</p><p begin="500ms" dur="2s">b</p><div dur="1s"><p>c</p></div></body>"#,
        );
        assert_eq!(cues, vec![cue(0, 1_000, "a"), cue(1_500, 3_500, "b"), cue(3_500, 4_500, "c")]);
        // end and dur together: the earlier wins; a parent's end clips its children.
        let (cues, _) = cues_of(
            r#"<body><div end="2s"><p begin="1s" dur="5s" end="4s">cut</p><p begin="3s" end="4s">never</p></div></body>"#,
        );
        assert_eq!(cues, vec![cue(1_000, 2_000, "cut")]);
    }

    #[test]
    fn words_timed_on_spans_become_successive_cues_and_hidden_text_is_not_shown() {
        let (cues, _) = cues_of(
            r#"<body><p begin="1s" end="4s"><span>Xin</span> <span begin="1s">chào</span><span style="gone">ẩn</span> <span begin="2s" end="2.5s">Đồng</span><span tts:display="none">ẩn</span></p></body>"#,
        );
        assert_eq!(
            cues,
            vec![
                (1_000, 2_000, "Xin".into()),
                (2_000, 3_000, "Xin chào".into()),
                (3_000, 3_500, "Xin chào Đồng".into()),
                (3_500, 4_000, "Xin chào".into())
            ]
        );
        let (cues, _) = cues_of(
            r#"<body><p begin="0s" end="3s" timeContainer="seq"><span dur="1s">một</span><span dur="1s">hai</span></p><div style="gone"><p begin="0s" end="1s">ẩn</p></div></body>"#,
        );
        assert_eq!(cues, vec![(0, 1_000, "một".into()), (1_000, 2_000, "hai".into())]);
        // Never ended, but what it shows does end: only white space is left on screen.
        let (cues, notes) = cues_of(r#"<body><p begin="1s"><span begin="1s" dur="1s">một</span> <br/></p></body>"#);
        assert_eq!((cues, notes), (vec![(2_000, 3_000, "một".into())], vec![]));
        let (cues, notes) = cues_of(r#"<body><p begin="1s">mãi</p></body>"#);
        assert!(cues.is_empty());
        assert_eq!(notes[0].message, "a <p> that never ends (no end or dur on it or around it)");
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
