//! Passages of a page: each text with the language it is written in, and an article's
//! Markdown body as HTML (escaped; the catalog's raw HTML never reaches a page).

use std::collections::BTreeMap;

use serde::Serialize;

use crate::kits::build::texts::{blocks, Block, Span};
use crate::translation::SOURCE_LANGUAGE;

/// A text and its language, as `lang` on the element that holds it says.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Say {
    pub lang: String,
    pub text: String,
}

impl Say {
    pub fn new(lang: &str, text: &str) -> Say {
        Say { lang: lang.to_owned(), text: text.trim().to_owned() }
    }

    /// Text an editor typed without saying its language (a kit's title, a name, a byline):
    /// its language when it can be told, else Vietnamese if it writes Vietnamese letters,
    /// else `fallback`.
    pub fn untagged(text: &str, fallback: &str) -> Say {
        let lang = crate::text::detect_language(text)
            .map(|l| if l == "zh" { "zh-Hans" } else { l })
            .or_else(|| crate::text::has_vietnamese_letters(text).then_some(SOURCE_LANGUAGE))
            .unwrap_or(fallback);
        Say::new(lang, text)
    }
}

/// A field's text in `lang` (else the Vietnamese, else any), then the Vietnamese beside it.
pub fn texts(map: &BTreeMap<String, String>, lang: &str, beside: bool) -> Vec<Say> {
    let has = |l: &str| map.get(l).filter(|t| !t.trim().is_empty()).map(|t| Say::new(l, t));
    let first = has(lang)
        .or_else(|| has(SOURCE_LANGUAGE))
        .or_else(|| map.iter().find(|(_, t)| !t.trim().is_empty()).map(|(l, t)| Say::new(l, t)));
    let mut out: Vec<Say> = first.into_iter().collect();
    if beside && !out.iter().any(|s| s.lang == SOURCE_LANGUAGE) {
        out.extend(has(SOURCE_LANGUAGE));
    }
    out
}

/// Text as HTML: `&`, `<`, `>` and both quotes escaped.
pub fn escape(s: &str) -> String {
    let mut out = String::with_capacity(s.len());
    for c in s.chars() {
        match c {
            '&' => out.push_str("&amp;"),
            '<' => out.push_str("&lt;"),
            '>' => out.push_str("&gt;"),
            '"' => out.push_str("&quot;"),
            '\'' => out.push_str("&#39;"),
            _ => out.push(c),
        }
    }
    out
}

fn spans(spans: &[Span]) -> String {
    spans
        .iter()
        .map(|s| {
            let text = escape(&s.text);
            match (s.bold, s.italic) {
                (true, true) => format!("<strong><em>{text}</em></strong>"),
                (true, false) => format!("<strong>{text}</strong>"),
                (false, true) => format!("<em>{text}</em>"),
                _ => text,
            }
        })
        .collect::<String>()
        .trim()
        .to_owned()
}

/// An article's body as HTML under a page whose title is its `<h1>`: its highest headings
/// become `<h2>` (an outline with no level skipped), list items are gathered into lists.
pub fn body_html(markdown: &str) -> String {
    let mut out = String::new();
    let mut in_list = false;
    let blocks = blocks(markdown);
    let top =
        blocks.iter().filter_map(|b| if let Block::Heading(l, _) = b { Some(*l) } else { None }).min().unwrap_or(1);
    for block in blocks {
        let is_item = matches!(block, Block::Item(_));
        if in_list && !is_item {
            out.push_str("</ul>\n");
        }
        if is_item && !in_list {
            out.push_str("<ul>\n");
        }
        in_list = is_item;
        match block {
            Block::Heading(level, s) => {
                let h = (level + 2 - top).min(6);
                out.push_str(&format!("<h{h}>{}</h{h}>\n", spans(&s)));
            }
            Block::Paragraph(s) => out.push_str(&format!("<p>{}</p>\n", spans(&s))),
            Block::Item(s) => out.push_str(&format!("<li>{}</li>\n", spans(&s))),
        }
    }
    if in_list {
        out.push_str("</ul>\n");
    }
    out
}

/// An article's body as plain text, for its JSON-LD.
pub fn body_text(markdown: &str) -> String {
    let plain = |s: &[Span]| s.iter().map(|s| s.text.as_str()).collect::<String>().trim().to_owned();
    blocks(markdown)
        .iter()
        .map(|b| match b {
            Block::Heading(_, s) | Block::Paragraph(s) | Block::Item(s) => plain(s),
        })
        .collect::<Vec<_>>()
        .join("\n\n")
}

/// A size as people read it: 840 KB, 12.4 MB.
pub fn size(bytes: u64) -> String {
    match bytes {
        b if b >= 1_000_000_000 => format!("{:.1} GB", b as f64 / 1e9),
        b if b >= 1_000_000 => format!("{:.1} MB", b as f64 / 1e6),
        b if b >= 1_000 => format!("{} KB", b.div_ceil(1_000)),
        b => format!("{b} B"),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_body_is_escaped_html_with_its_lists_gathered() {
        let html = body_html("## Sân bay\n\nA <b>x</b> & **đậm**\n\n- một\n- hai\n\nKết");
        assert_eq!(
            html,
            "<h2>Sân bay</h2>\n<p>A x &amp; <strong>đậm</strong></p>\n<ul>\n<li>một</li>\n<li>hai</li>\n</ul>\n<p>Kết</p>\n"
        );
    }

    #[test]
    fn the_vietnamese_goes_beside_the_target_language() {
        let map: BTreeMap<String, String> =
            [("vi".to_string(), "Cầu".to_string()), ("ko".to_string(), "다리".to_string())].into();
        assert_eq!(texts(&map, "ko", true), [Say::new("ko", "다리"), Say::new("vi", "Cầu")]);
        assert_eq!(texts(&map, "ja", false), [Say::new("vi", "Cầu")]);
        assert_eq!(texts(&map, "vi", true), [Say::new("vi", "Cầu")]);
    }
}
