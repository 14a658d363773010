//! The styling a cue keeps: italics and bold, as `<i>` and `<b>`. Readers hand in the text
//! with their own markup; what is not italics or bold (fonts, colours, voices, karaoke
//! timestamps) is dropped here, and anything that is not markup stays text.

use crate::text::clean;

/// A piece of a cue: text, or a switch of italics/bold.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(super) enum Piece<'a> {
    Text(&'a str),
    Italic(bool),
    Bold(bool),
}

/// Splits SubRip/WebVTT-style text into pieces, dropping tags that are not `<i>`/`<b>`.
pub(super) fn pieces(text: &str) -> Vec<Piece<'_>> {
    let mut out = Vec::new();
    let mut rest = text;
    while let Some(open) = rest.find('<') {
        let Some(len) = rest[open..].find('>') else { break };
        let tag = &rest[open + 1..open + len];
        let Some(kind) = tag_kind(tag) else {
            // Not markup ("a < b"): the '<' is text.
            out.push(Piece::Text(&rest[..=open]));
            rest = &rest[open + 1..];
            continue;
        };
        if open > 0 {
            out.push(Piece::Text(&rest[..open]));
        }
        if let Some(piece) = kind {
            out.push(piece);
        }
        rest = &rest[open + len + 1..];
    }
    if !rest.is_empty() {
        out.push(Piece::Text(rest));
    }
    out
}

/// `Some(Some(piece))` for italics/bold, `Some(None)` for markup to drop, `None` for text.
fn tag_kind(tag: &str) -> Option<Option<Piece<'static>>> {
    let (closing, body) = match tag.strip_prefix('/') {
        Some(b) => (true, b),
        None => (false, tag),
    };
    // WebVTT karaoke timestamps: <00:00:01.000>.
    if !closing && body.chars().next().is_some_and(|c| c.is_ascii_digit()) && body.contains(':') {
        return Some(None);
    }
    let name: String = body.chars().take_while(|c| c.is_ascii_alphanumeric()).collect::<String>().to_ascii_lowercase();
    let after = body[name.len()..].trim_end();
    // Plain styles take at most WebVTT classes; fonts, voices and spans take attributes.
    let bare = after.is_empty() || after.starts_with('.');
    let with_attributes = bare || after.starts_with([' ', '\t']);
    match name.as_str() {
        "i" | "em" if bare => Some(Some(Piece::Italic(!closing))),
        "b" | "strong" if bare => Some(Some(Piece::Bold(!closing))),
        "u" | "s" | "ruby" | "rt" if bare => Some(None),
        "br" if with_attributes => Some(Some(Piece::Text("\n"))),
        "font" | "c" | "v" | "lang" | "span" if with_attributes => Some(None),
        _ => None,
    }
}

/// The canonical text of a cue, the same whichever format it came from: NFC, one space
/// between words, no blank lines, and styling as `<b>`/`<i>` tags around each run of styled
/// text within a line (balanced, bold outside italics), so every writer and reader agrees.
pub(super) fn canonical(text: &str) -> String {
    // Taking markup out can leave text that reads as markup next time ("<" + a dropped tag +
    // "i>"): the canonical text is the one reading it again no longer changes.
    if is_plain_and_tidy(text) {
        return text.to_owned();
    }
    let mut text = canonical_once(text);
    // Without a '<' there is no markup to find again: the text has settled.
    for _ in 0..4 {
        if !text.contains('<') {
            break;
        }
        let again = canonical_once(&text);
        if again == text {
            break;
        }
        text = again;
    }
    text
}

/// Most cues: no markup, one space between words, nothing to change (the reader's hot path).
fn is_plain_and_tidy(text: &str) -> bool {
    let mut previous = '\n';
    for c in text.chars() {
        let tidy = match c {
            '<' => false,
            ' ' => previous != ' ' && previous != '\n',
            '\n' => previous != ' ' && previous != '\n',
            c => !c.is_whitespace() && !c.is_control() && !is_noncharacter(c),
        };
        if !tidy {
            return false;
        }
        previous = c;
    }
    previous != ' ' && previous != '\n' && !text.contains("-->") && crate::text::is_nfc(text)
}

fn canonical_once(text: &str) -> String {
    // "-->" would make a line of text a timing line in SubRip and WebVTT (which forbids it);
    // Unicode's noncharacters (U+FFFF, …) are not allowed in XML, so TTML could not carry them.
    let text: String = clean(text).replace("-->", "→").chars().filter(|c| !is_noncharacter(*c)).collect();
    let (mut italic, mut bold) = (false, false);
    // Lines of runs: (text, italic, bold).
    let mut lines: Vec<Vec<(String, bool, bool)>> = vec![Vec::new()];
    for piece in pieces(&text) {
        match piece {
            Piece::Italic(on) => italic = on,
            Piece::Bold(on) => bold = on,
            Piece::Text(t) => {
                for (k, part) in t.split('\n').enumerate() {
                    if k > 0 {
                        lines.push(Vec::new());
                    }
                    let line = lines.last_mut().expect("a line");
                    match line.last_mut() {
                        Some(run) if run.1 == italic && run.2 == bold => run.0.push_str(part),
                        _ => line.push((part.to_owned(), italic, bold)),
                    }
                }
            }
        }
    }
    let mut out: Vec<String> = Vec::new();
    for runs in lines {
        let mut line = String::new();
        let mut space_pending = false;
        for (run, italic, bold) in runs {
            let words: Vec<&str> = run.split_whitespace().collect();
            if words.is_empty() {
                space_pending |= !run.is_empty() && !line.is_empty();
                continue;
            }
            if (space_pending || run.starts_with(char::is_whitespace)) && !line.is_empty() {
                line.push(' ');
            }
            let body = words.join(" ");
            line.push_str(&match (italic, bold) {
                (true, true) => format!("<b><i>{body}</i></b>"),
                (true, false) => format!("<i>{body}</i>"),
                (false, true) => format!("<b>{body}</b>"),
                (false, false) => body,
            });
            space_pending = run.ends_with(char::is_whitespace);
        }
        if !line.is_empty() {
            out.push(line);
        }
    }
    out.join("\n")
}

fn is_noncharacter(c: char) -> bool {
    let code = u32::from(c);
    code & 0xFFFE == 0xFFFE || (0xFDD0..=0xFDEF).contains(&code)
}

/// What a viewer reads: the cue without its markup (for counting and language detection).
pub fn plain_text(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    for piece in pieces(text) {
        if let Piece::Text(t) = piece {
            out.push_str(t);
        }
    }
    out
}

/// Text for an XML or WebVTT body: `&`, `<`, `>` escaped (markup is written by the caller).
pub(super) fn escape(text: &str) -> String {
    text.replace('&', "&amp;").replace('<', "&lt;").replace('>', "&gt;")
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn keeps_italics_and_bold_and_drops_other_markup() {
        assert_eq!(canonical("<I>Xin chào</I>\n<font color=\"red\">Đồng Nai</font>"), "<i>Xin chào</i>\nĐồng Nai");
        assert_eq!(canonical("<v Roger>Hi <00:00:01.000>there <c.yellow>now</c>"), "Hi there now");
        assert_eq!(canonical("a < b and c > d"), "a < b and c > d");
        assert_eq!(plain_text("<i>Xin</i> <b>chào</b>"), "Xin chào");
        assert_eq!(canonical("  one  \n\n  two "), "one\ntwo");
    }
}
