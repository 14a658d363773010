//! Article import: a reporter's .docx, .odt, .md or .txt read into a headline, an optional
//! standfirst and a Markdown body. Word processors' files are read as a small document model
//! (headings, paragraphs, lists, emphasis, links, tables, footnotes) and written out as
//! Markdown; tracked changes are taken as accepted, comments and deleted text dropped,
//! pictures listed. A file that cannot be read is refused whole, with the reason.

mod docx;
mod markdown;
mod odt;
mod package;

use std::path::Path;

use crate::error::{Error, IoContext, Result};

/// No reporter's article comes near this; a larger file is not read.
const MAX_FILE_BYTES: u64 = 64 << 20;

/// What an article file gave.
#[derive(Debug, Clone, PartialEq)]
pub struct Article {
    pub headline: Option<String>,
    pub standfirst: Option<String>,
    /// Markdown.
    pub body: String,
    /// Pictures the document holds (names inside it), not imported.
    pub images: Vec<String>,
    pub notes: Vec<String>,
    pub format: &'static str,
    pub encoding: Option<String>,
}

/// A run of text with its emphasis, or a link, a footnote reference, a line break.
#[derive(Debug, Clone, PartialEq)]
enum Inline {
    Text { text: String, bold: bool, italic: bool },
    Link { text: Vec<Inline>, url: String },
    Note(usize),
    Break,
}

#[derive(Debug, Clone, PartialEq)]
enum Block {
    /// The document's title (Word's Title style, ODF's Title paragraph).
    Title(Vec<Inline>),
    Heading(u8, Vec<Inline>),
    Paragraph(Vec<Inline>),
    /// One item of a list (`list` tells lists apart): ordered or not, its depth from 0.
    Item {
        list: usize,
        ordered: bool,
        depth: u8,
        content: Vec<Inline>,
    },
    /// Rows of cells; the first row is the header.
    Table(Vec<Vec<Vec<Inline>>>),
}

/// A word processor's document as read.
#[derive(Debug, Default)]
struct Document {
    blocks: Vec<Block>,
    /// Footnotes, by the number their references carry.
    notes: Vec<(usize, Vec<Vec<Inline>>)>,
    /// The title in the document's properties, if it has one.
    title_property: Option<String>,
    images: Vec<String>,
    notes_for_editor: Vec<String>,
}

/// Neighbouring runs of the same emphasis as one (word processors split text into many runs).
fn merged(inlines: Vec<Inline>) -> Vec<Inline> {
    let mut out: Vec<Inline> = Vec::with_capacity(inlines.len());
    for inline in inlines {
        if let (Some(Inline::Text { text: last, bold: b0, italic: i0 }), Inline::Text { text, bold, italic }) =
            (out.last_mut(), &inline)
        {
            // A space between two runs of one emphasis, or a plain space, joins them.
            if (b0 == bold && i0 == italic) || text.trim().is_empty() {
                last.push_str(text);
                continue;
            }
        }
        out.push(inline);
    }
    out
}

fn plain(inlines: &[Inline]) -> String {
    let mut out = String::new();
    for i in inlines {
        match i {
            Inline::Text { text, .. } => out.push_str(text),
            Inline::Link { text, .. } => out.push_str(&plain(text)),
            Inline::Break => out.push(' '),
            Inline::Note(_) => {}
        }
    }
    crate::text::clean(&out.split_whitespace().collect::<Vec<_>>().join(" "))
}

/// Reads the article at `path`; with `standfirst`, its first paragraph becomes the standfirst.
pub fn read(path: &Path, standfirst: bool) -> Result<Article> {
    let len = std::fs::metadata(path).at(path)?.len();
    if len > MAX_FILE_BYTES {
        return Err(Error::bad_media(
            path,
            format!("too large for an article ({len} bytes; at most {MAX_FILE_BYTES})"),
        ));
    }
    let bytes = std::fs::read(path).at(path)?;
    let ext = path.extension().and_then(|e| e.to_str()).unwrap_or_default().to_ascii_lowercase();
    if bytes.starts_with(&[0xD0, 0xCF, 0x11, 0xE0, 0xA1, 0xB1, 0x1A, 0xE1]) {
        return Err(Error::bad_media(
            path,
            "a password-protected (encrypted) document, or an old binary .doc: save it without a password as .docx or .odt",
        ));
    }
    if bytes.starts_with(b"PK\x03\x04") || matches!(ext.as_str(), "docx" | "odt") {
        let mut package = package::Package::open(path, bytes)?;
        let (doc, format) = if package.has("word/document.xml") {
            (docx::read(&mut package)?, "docx")
        } else if package.has("content.xml") {
            (odt::read(&mut package)?, "odt")
        } else {
            return Err(Error::bad_media(path, "a ZIP package that is neither a .docx nor an .odt document"));
        };
        return Ok(from_document(doc, standfirst, format));
    }
    let (text, encoding) = crate::text::decode_text(&bytes).map_err(|reason| Error::bad_media(path, reason))?;
    let text = text.replace("\r\n", "\n").replace('\r', "\n");
    let article = match ext.as_str() {
        "txt" | "text" => from_plain_text(&text, standfirst),
        _ => from_markdown(&text, standfirst),
    };
    Ok(Article { encoding: Some(encoding.name().to_owned()), ..article })
}

/// The headline is the Title paragraph, else a heading the document opens with, else the
/// title property (a heading further down is a section of the body).
fn from_document(mut doc: Document, take_standfirst: bool, format: &'static str) -> Article {
    let title_at = doc.blocks.iter().position(|b| matches!(b, Block::Title(_)));
    let heading_at = matches!(doc.blocks.first(), Some(Block::Heading(..))).then_some(0);
    let headline = match title_at.or(heading_at) {
        Some(at) => match doc.blocks.remove(at) {
            Block::Title(t) | Block::Heading(_, t) => Some(plain(&t)),
            _ => None,
        },
        None => doc.title_property.take(),
    }
    .filter(|h| !h.is_empty());
    // Any further Title paragraphs are headings of the body.
    for b in &mut doc.blocks {
        if let Block::Title(t) = b {
            *b = Block::Heading(1, std::mem::take(t));
        }
    }
    let mut standfirst = None;
    if take_standfirst {
        if let Some(at) = doc.blocks.iter().position(|b| matches!(b, Block::Paragraph(p) if !plain(p).is_empty())) {
            if let Block::Paragraph(p) = doc.blocks.remove(at) {
                standfirst = Some(plain(&p));
            }
        }
    }
    Article {
        headline,
        standfirst,
        body: markdown::write(&doc.blocks, &doc.notes),
        images: doc.images,
        notes: doc.notes_for_editor,
        format,
        encoding: None,
    }
}

/// Markdown as it is: the headline from a YAML `title:`, a `% title` line or the first
/// `#` heading; the rest kept word for word.
fn from_markdown(text: &str, take_standfirst: bool) -> Article {
    let mut lines: Vec<&str> = text.lines().collect();
    let mut headline = None;
    if lines.first().map(|l| l.trim()) == Some("---") {
        if let Some(end) = lines.iter().skip(1).position(|l| matches!(l.trim(), "---" | "...")) {
            let front: Vec<&str> = lines.drain(..end + 2).collect();
            headline = front.iter().find_map(|l| l.trim().strip_prefix("title:")).map(|t| {
                let t = t.trim();
                t.strip_prefix('"').and_then(|t| t.strip_suffix('"')).unwrap_or(t).to_owned()
            });
        }
    } else if let Some(t) = lines.first().and_then(|l| l.strip_prefix("% ")) {
        headline = Some(t.trim().to_owned());
        lines.remove(0);
    }
    // A level-one heading the text opens with (not one further down, nor in a code block).
    if headline.is_none() {
        if let Some(at) = lines.iter().position(|l| !l.trim().is_empty()).filter(|&at| lines[at].starts_with("# ")) {
            headline = Some(lines.remove(at)[2..].trim().trim_end_matches('#').trim().to_owned());
        }
    }
    let (standfirst, body) = split_first_paragraph(&lines.join("\n"), take_standfirst);
    Article {
        headline: headline.map(|h| crate::text::clean(&h)).filter(|h| !h.is_empty()),
        standfirst,
        body,
        images: Vec::new(),
        notes: Vec::new(),
        format: "md",
        encoding: None,
    }
}

/// Plain text: the first line is the headline, paragraphs are separated by blank lines.
fn from_plain_text(text: &str, take_standfirst: bool) -> Article {
    let mut paragraphs: Vec<String> = text
        .split("\n\n")
        .map(|p| p.lines().map(str::trim).filter(|l| !l.is_empty()).collect::<Vec<_>>().join(" "))
        .filter(|p| !p.is_empty())
        .collect();
    let headline = if paragraphs.is_empty() {
        None
    } else {
        // The first line alone, when the first paragraph runs on into the text.
        let first = text.lines().map(str::trim).find(|l| !l.is_empty()).unwrap_or_default().to_owned();
        let rest = paragraphs[0].strip_prefix(first.as_str()).unwrap_or_default().trim().to_owned();
        if rest.is_empty() {
            paragraphs.remove(0);
        } else {
            paragraphs[0] = rest;
        }
        Some(crate::text::clean(&first))
    };
    let standfirst = (take_standfirst && !paragraphs.is_empty()).then(|| crate::text::clean(&paragraphs.remove(0)));
    let blocks: Vec<Block> = paragraphs
        .into_iter()
        .map(|p| Block::Paragraph(vec![Inline::Text { text: p, bold: false, italic: false }]))
        .collect();
    Article {
        headline,
        standfirst,
        body: markdown::write(&blocks, &[]),
        images: Vec::new(),
        notes: Vec::new(),
        format: "txt",
        encoding: None,
    }
}

/// Splits off the first paragraph of Markdown (plain prose, not a heading, list or table).
fn split_first_paragraph(md: &str, take: bool) -> (Option<String>, String) {
    let md = md.trim_matches('\n');
    if !take {
        return (None, md.to_owned());
    }
    let blocks: Vec<&str> = md.split("\n\n").collect();
    let prose = |b: &str| {
        let t = b.trim_start();
        let numbered = t.find(['.', ')']).is_some_and(|i| i > 0 && t[..i].chars().all(|c| c.is_ascii_digit()));
        !(t.is_empty()
            || numbered
            || t.starts_with(['#', '-', '*', '+', '|', '>', '`', '<'])
            || t.starts_with("[^")
            || t.starts_with("!["))
    };
    match blocks.iter().position(|b| prose(b)) {
        Some(at) => {
            let first = markdown_plain(blocks[at]);
            let rest: Vec<&str> = blocks.iter().enumerate().filter(|(i, _)| *i != at).map(|(_, b)| *b).collect();
            (Some(crate::text::clean(&first)), rest.join("\n\n").trim_matches('\n').to_owned())
        }
        None => (None, md.to_owned()),
    }
}

/// The text of a Markdown paragraph without its markup.
fn markdown_plain(md: &str) -> String {
    use pulldown_cmark::{Event, Parser};
    let mut out = String::new();
    for event in Parser::new(md) {
        match event {
            Event::Text(t) | Event::Code(t) => out.push_str(&t),
            Event::SoftBreak | Event::HardBreak => out.push(' '),
            _ => {}
        }
    }
    out.split_whitespace().collect::<Vec<_>>().join(" ")
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn markdown_and_text_give_headline_standfirst_and_body() {
        let md = "---\ntitle: \"Sân bay Long Thành\"\n---\n\nĐoạn mở đầu\ncủa bài.\n\n## Tiến độ\n\nNội dung.\n";
        let a = from_markdown(md, true);
        assert_eq!(a.headline.as_deref(), Some("Sân bay Long Thành"));
        assert_eq!(a.standfirst.as_deref(), Some("Đoạn mở đầu của bài."));
        assert_eq!(a.body, "## Tiến độ\n\nNội dung.");
        let a = from_markdown("# Tiêu đề\n\nMột.\n\nHai.", false);
        assert_eq!((a.headline.as_deref(), a.standfirst, a.body.as_str()), (Some("Tiêu đề"), None, "Một.\n\nHai."));

        let a = from_markdown("# T\n\nMở **đầu** [liên kết](https://x.vn).\n\nHai.", true);
        assert_eq!(a.standfirst.as_deref(), Some("Mở đầu liên kết."));
        // A heading further down is the body's; a list or a picture is no standfirst.
        let a = from_markdown("![ảnh](a.png)\n\n1. Một\n\nĐoạn mở đầu.\n\n# Phần hai\n\nHết.", true);
        assert_eq!(a.headline, None);
        assert_eq!(a.standfirst.as_deref(), Some("Đoạn mở đầu."));
        assert!(a.body.contains("# Phần hai"), "{}", a.body);

        let t = from_plain_text("Tiêu đề bài\n\nMở đầu *quan trọng*.\n\nThân bài\nhai dòng.\n", true);
        assert_eq!(t.headline.as_deref(), Some("Tiêu đề bài"));
        assert_eq!(t.standfirst.as_deref(), Some("Mở đầu *quan trọng*."));
        assert_eq!(t.body, "Thân bài hai dòng.\n");
    }
}
