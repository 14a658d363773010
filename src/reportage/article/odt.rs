//! OpenDocument text (.odt): headings, paragraphs (a Title paragraph is the headline), lists
//! with their list styles, spans with bold and italic, links, tables, footnotes. Tracked
//! changes keep their insertions in the text and their deletions in a region of their own,
//! which is skipped: the changes are taken as accepted. Annotations (comments) are dropped.

use std::collections::HashMap;

use roxmltree::Node;

use super::package::{parse_xml, Package};
use super::{Block, Document, Inline};
use crate::error::Result;

const TEXT: &str = "urn:oasis:names:tc:opendocument:xmlns:text:1.0";
const STYLE: &str = "urn:oasis:names:tc:opendocument:xmlns:style:1.0";
const FO: &str = "urn:oasis:names:tc:opendocument:xmlns:xsl-fo-compatible:1.0";
const TABLE: &str = "urn:oasis:names:tc:opendocument:xmlns:table:1.0";
const OFFICE: &str = "urn:oasis:names:tc:opendocument:xmlns:office:1.0";
const DRAW: &str = "urn:oasis:names:tc:opendocument:xmlns:drawing:1.0";
const XLINK: &str = "http://www.w3.org/1999/xlink";
const MANIFEST: &str = "urn:oasis:names:tc:opendocument:xmlns:manifest:1.0";
const DC: &str = "http://purl.org/dc/elements/1.1/";

#[derive(Default, Clone)]
struct Style {
    parent: Option<String>,
    bold: Option<bool>,
    italic: Option<bool>,
    /// An automatic style: direct formatting of this document, not a named style's look
    /// (a heading is bold by its style, not by the writer's emphasis).
    automatic: bool,
}

#[derive(Default)]
struct Reader {
    styles: HashMap<String, Style>,
    /// List style → whether each level (from 1) is numbered.
    lists: HashMap<String, Vec<bool>>,
    notes: Vec<(usize, Vec<Vec<Inline>>)>,
    images: Vec<String>,
    lists_seen: usize,
    annotations: usize,
    changes: usize,
}

fn learn_styles(doc: &roxmltree::Document, reader: &mut Reader) {
    for s in doc.descendants().filter(|n| n.has_tag_name((STYLE, "style"))) {
        let automatic = s.parent().is_some_and(|p| p.has_tag_name((OFFICE, "automatic-styles")));
        let Some(name) = s.attribute((STYLE, "name")) else { continue };
        let props = s.children().find(|c| c.has_tag_name((STYLE, "text-properties")));
        let weight = props.and_then(|p| p.attribute((FO, "font-weight")));
        let slant = props.and_then(|p| p.attribute((FO, "font-style")));
        reader.styles.insert(
            name.to_owned(),
            Style {
                parent: s.attribute((STYLE, "parent-style-name")).map(str::to_owned),
                bold: weight.map(|w| w == "bold" || w.parse::<u32>().is_ok_and(|n| n >= 600)),
                italic: slant.map(|s| s == "italic" || s == "oblique"),
                automatic,
            },
        );
    }
    for l in doc.descendants().filter(|n| n.has_tag_name((TEXT, "list-style"))) {
        let Some(name) = l.attribute((STYLE, "name")) else { continue };
        let mut levels = vec![false; 10];
        for level in l.children().filter(Node::is_element) {
            let i: usize = level.attribute((TEXT, "level")).and_then(|v| v.parse().ok()).unwrap_or(1);
            if let Some(slot) = levels.get_mut(i.saturating_sub(1)) {
                *slot = level.tag_name().name() == "list-level-style-number";
            }
        }
        reader.lists.insert(name.to_owned(), levels);
    }
}

pub fn read(package: &mut Package) -> Result<Document> {
    if let Some(manifest) = package.text("META-INF/manifest.xml")? {
        let encrypted = parse_xml(package, "META-INF/manifest.xml", &manifest)?
            .descendants()
            .any(|n| n.has_tag_name((MANIFEST, "encryption-data")));
        if encrypted {
            return Err(package.fail("a password-protected document: save it without a password"));
        }
    }
    let mut reader = Reader::default();
    if let Some(styles) = package.text("styles.xml")? {
        learn_styles(&parse_xml(package, "styles.xml", &styles)?, &mut reader);
    }
    let text = package.text("content.xml")?.ok_or_else(|| package.fail("an .odt without content.xml"))?;
    let doc = parse_xml(package, "content.xml", &text)?;
    learn_styles(&doc, &mut reader);
    let body = doc
        .descendants()
        .find(|n| n.has_tag_name((OFFICE, "text")))
        .ok_or_else(|| package.fail("its content has no text"))?;
    let mut blocks = Vec::new();
    reader.blocks(body, None, 0, &mut blocks);

    let title_property = match package.text("meta.xml")? {
        Some(meta) => parse_xml(package, "meta.xml", &meta)?
            .descendants()
            .find(|n| n.has_tag_name((DC, "title")))
            .and_then(|n| n.text())
            .and_then(crate::text::non_empty),
        None => None,
    };
    let mut notes_for_editor = Vec::new();
    if reader.changes > 0 {
        notes_for_editor.push(format!("tracked changes accepted: {} changed regions", reader.changes));
    }
    if reader.annotations > 0 {
        notes_for_editor.push(format!("{} comments dropped", reader.annotations));
    }
    Ok(Document { blocks, notes: reader.notes, title_property, images: reader.images, notes_for_editor })
}

impl Reader {
    fn style_is(&self, name: Option<&str>, wanted: &str) -> bool {
        let mut next = name.map(str::to_owned);
        for _ in 0..10 {
            let Some(n) = next.take() else { return false };
            if n == wanted {
                return true;
            }
            next = self.styles.get(&n).and_then(|s| s.parent.clone());
        }
        false
    }

    /// A paragraph's own emphasis: only direct formatting (its automatic style) counts.
    fn paragraph_emphasis(&self, name: Option<&str>) -> (Option<bool>, Option<bool>) {
        match name.and_then(|n| self.styles.get(n)).filter(|s| s.automatic) {
            Some(style) => (style.bold, style.italic),
            None => (None, None),
        }
    }

    fn emphasis(&self, name: Option<&str>) -> (Option<bool>, Option<bool>) {
        let (mut bold, mut italic) = (None, None);
        let mut next = name.map(str::to_owned);
        for _ in 0..10 {
            let Some(n) = next.take() else { break };
            match n.as_str() {
                "Strong_20_Emphasis" => bold = bold.or(Some(true)),
                "Emphasis" => italic = italic.or(Some(true)),
                _ => {}
            }
            let Some(style) = self.styles.get(&n) else { break };
            bold = bold.or(style.bold);
            italic = italic.or(style.italic);
            next = style.parent.clone();
        }
        (bold, italic)
    }

    fn blocks(&mut self, parent: Node, list: Option<&str>, depth: u8, out: &mut Vec<Block>) {
        for node in parent.children().filter(Node::is_element) {
            let name = node.tag_name().name();
            match node.tag_name().namespace() {
                Some(TEXT) => match name {
                    "h" => {
                        let level = node.attribute((TEXT, "outline-level")).and_then(|l| l.parse().ok()).unwrap_or(1);
                        let content = self.content(node);
                        if !super::plain(&content).is_empty() {
                            out.push(Block::Heading(level, content));
                        }
                    }
                    "p" => {
                        let content = self.content(node);
                        if super::plain(&content).is_empty() && !content.iter().any(|i| matches!(i, Inline::Note(_))) {
                            continue;
                        }
                        if self.style_is(node.attribute((TEXT, "style-name")), "Title") {
                            out.push(Block::Title(content));
                        } else {
                            out.push(Block::Paragraph(content));
                        }
                    }
                    "list" => {
                        let style = node.attribute((TEXT, "style-name")).or(list).map(str::to_owned);
                        self.lists_seen += 1;
                        for item in node
                            .children()
                            .filter(|c| c.has_tag_name((TEXT, "list-item")) || c.has_tag_name((TEXT, "list-header")))
                        {
                            self.item(item, style.as_deref(), depth, out);
                        }
                    }
                    "section" | "index-body" => self.blocks(node, list, depth, out),
                    "tracked-changes" => self.changes += node.children().filter(Node::is_element).count(),
                    _ => {}
                },
                Some(TABLE) if name == "table" => out.push(self.table(node)),
                _ => {}
            }
        }
    }

    fn item(&mut self, item: Node, style: Option<&str>, depth: u8, out: &mut Vec<Block>) {
        let list = self.lists_seen;
        let ordered =
            style.and_then(|s| self.lists.get(s)).and_then(|l| l.get(depth as usize)).copied().unwrap_or(false);
        let mut content: Vec<Inline> = Vec::new();
        for child in item.children().filter(Node::is_element) {
            match child.tag_name().name() {
                "p" | "h" => {
                    if !content.is_empty() {
                        content.push(Inline::Text { text: " ".into(), bold: false, italic: false });
                    }
                    content.extend(self.content(child));
                }
                "list" => {
                    if !content.is_empty() {
                        out.push(Block::Item { list, ordered, depth, content: std::mem::take(&mut content) });
                    }
                    let nested = child.attribute((TEXT, "style-name")).or(style).map(str::to_owned);
                    for sub in child.children().filter(|c| c.has_tag_name((TEXT, "list-item"))) {
                        self.item(sub, nested.as_deref(), depth + 1, out);
                    }
                }
                _ => {}
            }
        }
        if !content.is_empty() {
            out.push(Block::Item { list, ordered, depth, content: super::merged(content) });
        }
    }

    fn table(&mut self, table: Node) -> Block {
        let mut rows = Vec::new();
        for row in table.descendants().filter(|n| n.has_tag_name((TABLE, "table-row"))) {
            // Rows of a nested table belong to its cell, not to this table.
            if row.ancestors().filter(|a| a.has_tag_name((TABLE, "table"))).count() > 1 {
                continue;
            }
            let mut cells = Vec::new();
            for cell in row.children().filter(Node::is_element) {
                match cell.tag_name().name() {
                    "table-cell" => {
                        let mut content = Vec::new();
                        for p in
                            cell.descendants().filter(|n| n.has_tag_name((TEXT, "p")) || n.has_tag_name((TEXT, "h")))
                        {
                            if !content.is_empty() {
                                content.push(Inline::Text { text: " ".into(), bold: false, italic: false });
                            }
                            content.extend(self.content(p));
                        }
                        cells.push(super::merged(content));
                    }
                    "covered-table-cell" => cells.push(Vec::new()),
                    _ => {}
                }
            }
            rows.push(cells);
        }
        Block::Table(rows)
    }

    fn content(&mut self, node: Node) -> Vec<Inline> {
        let mut out = Vec::new();
        let (bold, italic) = self.paragraph_emphasis(node.attribute((TEXT, "style-name")));
        self.inlines(node, bold.unwrap_or(false), italic.unwrap_or(false), &mut out);
        super::merged(out)
    }

    fn inlines(&mut self, parent: Node, bold: bool, italic: bool, out: &mut Vec<Inline>) {
        for node in parent.children() {
            if node.is_text() {
                let text = node.text().unwrap_or_default().replace(['\n', '\r', '\t'], " ");
                out.push(Inline::Text { text, bold, italic });
                continue;
            }
            if !node.is_element() {
                continue;
            }
            match (node.tag_name().namespace(), node.tag_name().name()) {
                (Some(TEXT), "span") => {
                    let (b, i) = self.emphasis(node.attribute((TEXT, "style-name")));
                    self.inlines(node, b.unwrap_or(bold), i.unwrap_or(italic), out);
                }
                (Some(TEXT), "a") => {
                    let mut text = Vec::new();
                    self.inlines(node, bold, italic, &mut text);
                    match node.attribute((XLINK, "href")).filter(|h| !h.starts_with('#')) {
                        Some(url) => out.push(Inline::Link { text: super::merged(text), url: url.to_owned() }),
                        None => out.extend(text),
                    }
                }
                (Some(TEXT), "s") => {
                    let n: usize = node.attribute((TEXT, "c")).and_then(|c| c.parse().ok()).unwrap_or(1);
                    out.push(Inline::Text { text: " ".repeat(n.min(8)), bold, italic });
                }
                (Some(TEXT), "tab") => out.push(Inline::Text { text: " ".into(), bold, italic }),
                (Some(TEXT), "line-break") => out.push(Inline::Break),
                (Some(TEXT), "note") => {
                    let n = self.notes.len() + 1;
                    let paragraphs = node
                        .descendants()
                        .filter(|d| d.has_tag_name((TEXT, "note-body")))
                        .flat_map(|b| b.children().filter(|c| c.has_tag_name((TEXT, "p"))).collect::<Vec<_>>())
                        .map(|p| self.content(p))
                        .collect();
                    self.notes.push((n, paragraphs));
                    out.push(Inline::Note(n));
                }
                (Some(OFFICE), "annotation") => self.annotations += 1,
                (Some(DRAW), "frame" | "a") => self.image(node),
                (
                    Some(TEXT),
                    "bookmark" | "bookmark-start" | "bookmark-end" | "change" | "change-start" | "change-end"
                    | "soft-page-break",
                ) => {}
                // Fields (dates, page numbers, sequence numbers) show their text.
                (Some(TEXT), _) => self.inlines(node, bold, italic, out),
                _ => {}
            }
        }
    }

    fn image(&mut self, node: Node) {
        for image in node.descendants().filter(|n| n.has_tag_name((DRAW, "image"))) {
            let name = image.attribute((XLINK, "href")).unwrap_or("an embedded picture").to_owned();
            if !self.images.contains(&name) {
                self.images.push(name);
            }
        }
    }
}
