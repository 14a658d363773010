//! A reportage's article in the kit's formats: plain UTF-8 text, Markdown, and .docx. The
//! body is kept as Markdown in the catalog; it is read into headings, paragraphs and list
//! items with their emphasis and links, and raw HTML is dropped (a kit carries no markup a
//! receiver's system might run).

use docx_rs::{Docx, Paragraph, Run, Style, StyleType};
use pulldown_cmark::{Event, HeadingLevel, Parser, Tag, TagEnd};

/// One block of an article.
#[derive(Debug, Clone, PartialEq)]
pub enum Block {
    Heading(u8, Vec<Span>),
    Paragraph(Vec<Span>),
    Item(Vec<Span>),
}

#[derive(Debug, Clone, PartialEq, Default)]
pub struct Span {
    pub text: String,
    pub bold: bool,
    pub italic: bool,
}

/// An article in one language.
#[derive(Debug, Clone, PartialEq)]
pub struct Article<'a> {
    pub lang: &'a str,
    /// The agency slug, first line of the text where the profile wants one.
    pub slug: Option<&'a str>,
    pub headline: Option<&'a str>,
    pub standfirst: Option<&'a str>,
    pub body: Option<&'a str>,
    pub byline: Option<&'a str>,
    pub dateline: Option<&'a str>,
}

pub fn blocks(markdown: &str) -> Vec<Block> {
    let mut out = Vec::new();
    let mut spans: Vec<Span> = Vec::new();
    let (mut bold, mut italic) = (0u32, 0u32);
    let mut in_item = 0u32;
    // Inline HTML is dropped and the text between a script's or a style's tags with it.
    let mut hidden = false;
    let push = |spans: &mut Vec<Span>, text: &str, bold: u32, italic: u32| {
        if text.is_empty() {
            return;
        }
        match spans.last_mut() {
            Some(last) if last.bold == (bold > 0) && last.italic == (italic > 0) => last.text.push_str(text),
            _ => spans.push(Span { text: text.to_owned(), bold: bold > 0, italic: italic > 0 }),
        }
    };
    for event in Parser::new_ext(markdown, pulldown_cmark::Options::ENABLE_TABLES) {
        match event {
            Event::Start(Tag::Strong) => bold += 1,
            Event::End(TagEnd::Strong) => bold = bold.saturating_sub(1),
            Event::Start(Tag::Emphasis) => italic += 1,
            Event::End(TagEnd::Emphasis) => italic = italic.saturating_sub(1),
            Event::Start(Tag::Item) => in_item += 1,
            Event::End(TagEnd::Item) => {
                in_item = in_item.saturating_sub(1);
                if !spans.is_empty() {
                    out.push(Block::Item(std::mem::take(&mut spans)));
                }
            }
            Event::End(TagEnd::Heading(level)) => {
                let level = match level {
                    HeadingLevel::H1 => 1,
                    HeadingLevel::H2 => 2,
                    _ => 3,
                };
                out.push(Block::Heading(level, std::mem::take(&mut spans)));
            }
            Event::End(TagEnd::Paragraph | TagEnd::TableRow | TagEnd::TableHead)
                if in_item == 0 && !spans.is_empty() =>
            {
                out.push(Block::Paragraph(std::mem::take(&mut spans)));
            }
            Event::End(TagEnd::TableCell) => push(&mut spans, " | ", 0, 0),
            Event::InlineHtml(h) => {
                let tag = h.trim_start_matches('<').to_ascii_lowercase();
                if tag.starts_with("script") || tag.starts_with("style") {
                    hidden = true;
                } else if tag.starts_with("/script") || tag.starts_with("/style") {
                    hidden = false;
                }
            }
            Event::Text(t) | Event::Code(t) if !hidden => push(&mut spans, &t, bold, italic),
            Event::SoftBreak | Event::HardBreak => push(&mut spans, " ", bold, italic),
            Event::FootnoteReference(n) => push(&mut spans, &format!("[{n}]"), 0, 0),
            // Raw HTML, pictures' addresses and the rest carry nothing a reader needs.
            _ => {}
        }
    }
    if !spans.is_empty() {
        out.push(Block::Paragraph(spans));
    }
    out
}

fn plain(spans: &[Span]) -> String {
    spans.iter().map(|s| s.text.as_str()).collect::<String>().trim().to_owned()
}

/// Markdown text of a span, its own markup characters escaped.
fn marked(span: &Span) -> String {
    let mut escaped = String::new();
    for c in span.text.chars() {
        if matches!(c, '\\' | '*' | '_' | '`' | '[' | ']' | '<' | '>' | '#') {
            escaped.push('\\');
        }
        escaped.push(c);
    }
    match (span.bold, span.italic) {
        (true, true) => format!("***{escaped}***"),
        (true, false) => format!("**{escaped}**"),
        (false, true) => format!("*{escaped}*"),
        _ => escaped,
    }
}

fn credit_lines(a: &Article) -> Vec<String> {
    [a.byline, a.dateline].into_iter().flatten().filter(|s| !s.trim().is_empty()).map(str::to_owned).collect()
}

pub fn txt(a: &Article) -> String {
    let mut out: Vec<String> = a.slug.map(str::to_owned).into_iter().collect();
    if let Some(h) = a.headline {
        out.push(h.trim().to_owned());
    }
    out.extend(credit_lines(a));
    if let Some(s) = a.standfirst {
        out.push(s.trim().to_owned());
    }
    for block in blocks(a.body.unwrap_or_default()) {
        out.push(match block {
            Block::Heading(_, s) | Block::Paragraph(s) => plain(&s),
            Block::Item(s) => format!("• {}", plain(&s)),
        });
    }
    out.join("\n\n") + "\n"
}

pub fn md(a: &Article) -> String {
    let line = |spans: &[Span]| spans.iter().map(marked).collect::<String>().trim().to_owned();
    let text = |s: &str| line(&[Span { text: s.trim().to_owned(), ..Default::default() }]);
    let mut out: Vec<String> = a.slug.map(text).into_iter().collect();
    if let Some(h) = a.headline {
        out.push(format!("# {}", text(h)));
    }
    out.extend(credit_lines(a).iter().map(|l| text(l)));
    if let Some(s) = a.standfirst {
        out.push(format!("*{}*", text(s)));
    }
    for block in blocks(a.body.unwrap_or_default()) {
        out.push(match block {
            Block::Heading(level, s) => format!("{} {}", "#".repeat(level as usize + 1), line(&s)),
            Block::Paragraph(s) => line(&s),
            Block::Item(s) => format!("- {}", line(&s)),
        });
    }
    out.join("\n\n") + "\n"
}

fn runs(mut p: Paragraph, spans: &[Span]) -> Paragraph {
    for s in spans {
        let mut run = Run::new().add_text(&s.text);
        if s.bold {
            run = run.bold();
        }
        if s.italic {
            run = run.italic();
        }
        p = p.add_run(run);
    }
    p
}

pub fn docx(a: &Article) -> Result<Vec<u8>, String> {
    let span = |t: &str| vec![Span { text: t.trim().to_owned(), ..Default::default() }];
    let mut doc = Docx::new()
        .add_style(Style::new("Title", StyleType::Paragraph).name("Title").size(40).bold())
        .add_style(Style::new("Heading1", StyleType::Paragraph).name("Heading 1").size(32).bold())
        .add_style(Style::new("Heading2", StyleType::Paragraph).name("Heading 2").size(28).bold())
        .add_style(Style::new("Heading3", StyleType::Paragraph).name("Heading 3").size(24).bold())
        .add_style(Style::new("Subtitle", StyleType::Paragraph).name("Subtitle").size(26).italic())
        .add_style(Style::new("ListBullet", StyleType::Paragraph).name("List Bullet"));
    if let Some(slug) = a.slug {
        doc = doc.add_paragraph(runs(Paragraph::new(), &span(slug)));
    }
    if let Some(h) = a.headline {
        doc = doc.add_paragraph(runs(Paragraph::new().style("Title"), &span(h)));
    }
    for l in credit_lines(a) {
        doc = doc.add_paragraph(runs(Paragraph::new(), &span(&l)));
    }
    if let Some(s) = a.standfirst {
        doc = doc.add_paragraph(runs(Paragraph::new().style("Subtitle"), &span(s)));
    }
    for block in blocks(a.body.unwrap_or_default()) {
        doc = doc.add_paragraph(match block {
            Block::Heading(level, s) => runs(Paragraph::new().style(&format!("Heading{level}")), &s),
            Block::Paragraph(s) => runs(Paragraph::new(), &s),
            Block::Item(s) => runs(
                Paragraph::new().style("ListBullet"),
                &[vec![Span { text: "• ".into(), ..Default::default() }], s].concat(),
            ),
        });
    }
    let mut out = std::io::Cursor::new(Vec::new());
    doc.build().pack(&mut out).map_err(|e| format!("writing the .docx: {e}"))?;
    Ok(out.into_inner())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn markdown_becomes_blocks_without_its_html() {
        let b =
            blocks("## Khởi công\n\nĐường **băng** số *một*<script>alert(1)</script>\n\n- ga\n- đường\n\n<div>x</div>");
        assert_eq!(b.len(), 4, "{b:?}");
        assert_eq!(b[0], Block::Heading(2, vec![Span { text: "Khởi công".into(), ..Default::default() }]));
        assert!(matches!(&b[1], Block::Paragraph(s) if plain(s) == "Đường băng số một"));
        assert!(matches!(&b[3], Block::Item(s) if plain(s) == "đường"));
    }

    #[test]
    fn markdown_out_escapes_what_it_did_not_mean() {
        let a = Article {
            lang: "vi",
            slug: None,
            headline: Some("# <b>1</b>"),
            standfirst: None,
            body: Some("a_b"),
            byline: None,
            dateline: None,
        };
        assert_eq!(md(&a), "# \\# \\<b\\>1\\</b\\>\n\na\\_b\n");
    }
}
