//! SubRip (.srt): numbered blocks of a timing line and text lines, separated by blank lines.
//! Real files miss blank lines, numbers and final newlines; a block the reader cannot take is
//! noted with its line and skipped.

use super::markup::canonical;
use super::time::{format_clock, parse_clock};
use super::{Cue, ParseNote};

pub(super) fn parse(text: &str) -> (Vec<Cue>, Vec<ParseNote>) {
    let lines: Vec<&str> = text.lines().collect();
    let (mut cues, mut notes) = (Vec::new(), Vec::new());
    let mut i = 0;
    while i < lines.len() {
        let line = lines[i].trim();
        if line.is_empty() {
            i += 1;
            continue;
        }
        // The cue number is optional; the timing line is not.
        let timing_at = if is_number(line) && lines.get(i + 1).is_some_and(|l| l.contains("-->")) { i + 1 } else { i };
        let Some((start_ms, end_ms)) = timing(lines[timing_at]) else {
            let message = if lines[timing_at].contains("-->") {
                format!("malformed timing {:?}", shorten(lines[timing_at]))
            } else {
                format!("expected a cue number or timing, found {:?}", shorten(lines[timing_at]))
            };
            notes.push(ParseNote { line: timing_at + 1, message });
            i = next_block(&lines, timing_at + 1);
            continue;
        };
        let mut end = timing_at + 1;
        while end < lines.len() && !lines[end].trim().is_empty() && !starts_cue(&lines, end) {
            end += 1;
        }
        if end_ms < start_ms {
            notes.push(ParseNote { line: timing_at + 1, message: "the cue ends before it starts".into() });
        } else {
            cues.push(Cue { start_ms, end_ms, text: canonical(&lines[timing_at + 1..end].join("\n")) });
        }
        i = end;
    }
    (cues, notes)
}

fn is_number(line: &str) -> bool {
    !line.is_empty() && line.len() <= 9 && line.bytes().all(|b| b.is_ascii_digit())
}

/// "00:00:01,000 --> 00:00:02,500" (position coordinates after it are ignored).
fn timing(line: &str) -> Option<(i64, i64)> {
    let (start, end) = line.split_once("-->")?;
    let end = end.split_whitespace().next()?;
    Some((parse_clock(start)?, parse_clock(end)?))
}

/// Whether a new cue begins at `i` although no blank line came before it.
fn starts_cue(lines: &[&str], i: usize) -> bool {
    let line = lines[i].trim();
    timing(line).is_some() || (is_number(line) && lines.get(i + 1).and_then(|l| timing(l)).is_some())
}

fn next_block(lines: &[&str], mut i: usize) -> usize {
    while i < lines.len() && !lines[i].trim().is_empty() && !starts_cue(lines, i) {
        i += 1;
    }
    i
}

fn shorten(line: &str) -> String {
    line.chars().take(60).collect()
}

pub(super) fn write(cues: &[Cue]) -> String {
    let mut out = String::new();
    for (n, cue) in cues.iter().enumerate() {
        out.push_str(&format!(
            "{}\n{} --> {}\n{}\n\n",
            n + 1,
            format_clock(cue.start_ms, ','),
            format_clock(cue.end_ms, ','),
            cue.text
        ));
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn reads_untidy_files_and_notes_what_it_skips() {
        let text = "1\n00:00:01,000 --> 00:00:02,500\n<i>Xin chào</i>\nĐồng Nai\n2\n00:00:03,000 --> 00:00:04,000 X1:10\nHai\n\n\
                    3\n00:00:05,000 --> 00:0x:06,000\nBroken\n\n00:00:07,000 --> 00:00:08,000\nNo number";
        let (cues, notes) = parse(text);
        assert_eq!(cues.len(), 3, "{cues:?}");
        assert_eq!(cues[0], Cue { start_ms: 1000, end_ms: 2500, text: "<i>Xin chào</i>\nĐồng Nai".into() });
        assert_eq!(cues[1].text, "Hai");
        assert_eq!(cues[2].text, "No number");
        assert_eq!(
            notes,
            vec![ParseNote { line: 10, message: "malformed timing \"00:00:05,000 --> 00:0x:06,000\"".into() }]
        );
        assert_eq!(parse(&write(&cues)).0, cues);
    }
}
