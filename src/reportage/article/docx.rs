//! Word's .docx (WordprocessingML): paragraphs with their styles (title, headings, lists
//! through numbering), runs with bold and italic, hyperlinks, tables, footnotes and endnotes.
//! Insertions are kept and deletions dropped (changes accepted); comments are dropped.

use std::collections::HashMap;

use roxmltree::Node;

use super::package::{parse_xml, Package};
use super::{Block, Document, Inline};
use crate::error::Result;

const W: &str = "http://schemas.openxmlformats.org/wordprocessingml/2006/main";
const R: &str = "http://schemas.openxmlformats.org/officeDocument/2006/relationships";
const A: &str = "http://schemas.openxmlformats.org/drawingml/2006/main";
const WP: &str = "http://schemas.openxmlformats.org/drawingml/2006/wordprocessingDrawing";
const V: &str = "urn:schemas-microsoft-com:vml";
const M: &str = "http://schemas.openxmlformats.org/officeDocument/2006/math";
const DC: &str = "http://purl.org/dc/elements/1.1/";

#[derive(Default)]
struct Style {
    name: String,
    outline: Option<u8>,
    based_on: Option<String>,
    numbering: Option<(String, u8)>,
}

struct Reader {
    styles: HashMap<String, Style>,
    /// numId → the numFmt of each level.
    numbering: HashMap<String, Vec<String>>,
    /// Relationship id → target.
    links: HashMap<String, String>,
    /// Footnote and endnote ids → their paragraphs, and the numbers references gave them.
    note_bodies: HashMap<(bool, String), Vec<Vec<Inline>>>,
    numbered: Vec<((bool, String), usize)>,
    images: Vec<String>,
    insertions: usize,
    deletions: usize,
}

fn val<'a>(node: Node<'a, '_>, child: &str) -> Option<&'a str> {
    node.children().find(|c| c.has_tag_name((W, child))).and_then(|c| c.attribute((W, "val")))
}

/// A toggle property (`<w:b/>`, `<w:b w:val="0"/>`).
fn toggle(props: Option<Node>, name: &str) -> Option<bool> {
    let node = props?.children().find(|c| c.has_tag_name((W, name)))?;
    Some(!matches!(node.attribute((W, "val")), Some("0" | "false" | "off" | "none")))
}

fn relationships(package: &mut Package, name: &str) -> Result<HashMap<String, String>> {
    let Some(text) = package.text(name)? else { return Ok(HashMap::new()) };
    let doc = parse_xml(package, name, &text)?;
    Ok(doc
        .descendants()
        .filter(|n| n.tag_name().name() == "Relationship")
        .filter_map(|n| Some((n.attribute("Id")?.to_owned(), n.attribute("Target")?.to_owned())))
        .collect())
}

fn styles(package: &mut Package) -> Result<HashMap<String, Style>> {
    let Some(text) = package.text("word/styles.xml")? else { return Ok(HashMap::new()) };
    let doc = parse_xml(package, "word/styles.xml", &text)?;
    let mut out = HashMap::new();
    for s in doc.descendants().filter(|n| n.has_tag_name((W, "style"))) {
        let Some(id) = s.attribute((W, "styleId")) else { continue };
        let ppr = s.children().find(|c| c.has_tag_name((W, "pPr")));
        let numbering = ppr.and_then(|p| p.children().find(|c| c.has_tag_name((W, "numPr")))).and_then(|n| {
            Some((val(n, "numId")?.to_owned(), val(n, "ilvl").and_then(|l| l.parse().ok()).unwrap_or(0)))
        });
        out.insert(
            id.to_owned(),
            Style {
                name: val(s, "name").unwrap_or(id).to_lowercase(),
                outline: ppr.and_then(|p| val(p, "outlineLvl")).and_then(|l| l.parse().ok()),
                based_on: val(s, "basedOn").map(str::to_owned),
                numbering,
            },
        );
    }
    Ok(out)
}

fn numbering(package: &mut Package) -> Result<HashMap<String, Vec<String>>> {
    let Some(text) = package.text("word/numbering.xml")? else { return Ok(HashMap::new()) };
    let doc = parse_xml(package, "word/numbering.xml", &text)?;
    let mut abstracts: HashMap<String, Vec<String>> = HashMap::new();
    for a in doc.descendants().filter(|n| n.has_tag_name((W, "abstractNum"))) {
        let Some(id) = a.attribute((W, "abstractNumId")) else { continue };
        let mut levels = vec![String::from("bullet"); 9];
        for lvl in a.children().filter(|c| c.has_tag_name((W, "lvl"))) {
            let i: usize = lvl.attribute((W, "ilvl")).and_then(|l| l.parse().ok()).unwrap_or(0);
            if let (Some(slot), Some(fmt)) = (levels.get_mut(i), val(lvl, "numFmt")) {
                *slot = fmt.to_owned();
            }
        }
        abstracts.insert(id.to_owned(), levels);
    }
    Ok(doc
        .descendants()
        .filter(|n| n.has_tag_name((W, "num")))
        .filter_map(|n| {
            let abstract_id = val(n, "abstractNumId")?;
            Some((n.attribute((W, "numId"))?.to_owned(), abstracts.get(abstract_id)?.clone()))
        })
        .collect())
}

pub fn read(package: &mut Package) -> Result<Document> {
    let mut reader = Reader {
        styles: styles(package)?,
        numbering: numbering(package)?,
        links: relationships(package, "word/_rels/document.xml.rels")?,
        note_bodies: HashMap::new(),
        numbered: Vec::new(),
        images: Vec::new(),
        insertions: 0,
        deletions: 0,
    };
    for (part, endnote) in [("word/footnotes.xml", false), ("word/endnotes.xml", true)] {
        let Some(text) = package.text(part)? else { continue };
        let doc = parse_xml(package, part, &text)?;
        let tag = if endnote { "endnote" } else { "footnote" };
        for note in doc.descendants().filter(|n| n.has_tag_name((W, tag))) {
            if note.attribute((W, "type")).is_some_and(|t| t != "normal") {
                continue;
            }
            let Some(id) = note.attribute((W, "id")) else { continue };
            let paragraphs: Vec<Vec<Inline>> = note
                .descendants()
                .filter(|n| n.has_tag_name((W, "p")))
                .map(|p| {
                    let mut out = Vec::new();
                    reader.inlines(p, &mut out);
                    super::merged(out)
                })
                .collect();
            reader.note_bodies.insert((endnote, id.to_owned()), paragraphs);
        }
    }
    let text = package.text("word/document.xml")?.ok_or_else(|| package.fail("a .docx without word/document.xml"))?;
    let doc = parse_xml(package, "word/document.xml", &text)?;
    let body = doc
        .descendants()
        .find(|n| n.has_tag_name((W, "body")))
        .ok_or_else(|| package.fail("its document has no body"))?;
    let mut blocks = Vec::new();
    reader.blocks(body, &mut blocks);

    let mut notes_for_editor = Vec::new();
    if reader.insertions + reader.deletions > 0 {
        notes_for_editor.push(format!(
            "tracked changes accepted: {} insertions kept, {} deletions dropped",
            reader.insertions, reader.deletions
        ));
    }
    if let Some(comments) = package.text("word/comments.xml")? {
        let count = parse_xml(package, "word/comments.xml", &comments)?
            .descendants()
            .filter(|n| n.has_tag_name((W, "comment")))
            .count();
        if count > 0 {
            notes_for_editor.push(format!("{count} comments dropped"));
        }
    }
    let title_property = match package.text("docProps/core.xml")? {
        Some(core) => parse_xml(package, "docProps/core.xml", &core)?
            .descendants()
            .find(|n| n.has_tag_name((DC, "title")))
            .and_then(|n| n.text())
            .and_then(crate::text::non_empty),
        None => None,
    };
    let notes =
        reader.numbered.iter().map(|(key, n)| (*n, reader.note_bodies.get(key).cloned().unwrap_or_default())).collect();
    Ok(Document { blocks, notes, title_property, images: reader.images, notes_for_editor })
}

impl Reader {
    fn style_chain(&self, id: &str) -> Vec<&Style> {
        let mut chain = Vec::new();
        let mut next = Some(id.to_owned());
        while let Some(id) = next.take() {
            let Some(style) = self.styles.get(&id) else { break };
            chain.push(style);
            if chain.len() < 10 {
                next = style.based_on.clone();
            }
        }
        chain
    }

    fn blocks(&mut self, parent: Node, out: &mut Vec<Block>) {
        for node in parent.children().filter(Node::is_element) {
            if node.tag_name().namespace() != Some(W) {
                continue;
            }
            match node.tag_name().name() {
                "p" => {
                    if let Some(block) = self.paragraph(node) {
                        out.push(block);
                    }
                }
                "tbl" => out.push(self.table(node)),
                "sdt" | "sdtContent" | "customXml" | "ins" | "moveTo" => self.blocks(node, out),
                "del" | "moveFrom" => self.deletions += 1,
                _ => {}
            }
        }
    }

    fn paragraph(&mut self, p: Node) -> Option<Block> {
        let ppr = p.children().find(|c| c.has_tag_name((W, "pPr")));
        let style_id = ppr.and_then(|ppr| val(ppr, "pStyle")).unwrap_or("Normal").to_owned();
        let mut content = Vec::new();
        self.inlines(p, &mut content);
        let content = super::merged(content);
        let chain = self.style_chain(&style_id);
        let name = chain.first().map(|s| s.name.clone()).unwrap_or_else(|| style_id.to_lowercase());
        let outline = ppr
            .and_then(|p| val(p, "outlineLvl"))
            .and_then(|l| l.parse::<u8>().ok())
            .or_else(|| chain.iter().find_map(|s| s.outline));
        let own_numbering = ppr.and_then(|p| p.children().find(|c| c.has_tag_name((W, "numPr")))).and_then(|n| {
            Some((val(n, "numId")?.to_owned(), val(n, "ilvl").and_then(|l| l.parse().ok()).unwrap_or(0)))
        });
        let numbering = own_numbering.or_else(|| chain.iter().find_map(|s| s.numbering.clone()));
        if super::plain(&content).is_empty() && !content.iter().any(|i| matches!(i, Inline::Note(_))) {
            return None;
        }
        if name == "title" {
            return Some(Block::Title(content));
        }
        if let Some(level) = name.strip_prefix("heading ").and_then(|l| l.trim().parse::<u8>().ok()) {
            return Some(Block::Heading(level, content));
        }
        if let Some(level) = outline.filter(|l| *l < 9) {
            return Some(Block::Heading(level + 1, content));
        }
        match numbering.filter(|(id, _)| id != "0") {
            Some((id, depth)) => {
                let format = self.numbering.get(&id).and_then(|levels| levels.get(depth as usize));
                let ordered = format.is_some_and(|f| f != "bullet" && f != "none");
                let list = id.parse().unwrap_or(usize::MAX);
                Some(Block::Item { list, ordered, depth, content })
            }
            None if name.starts_with("list bullet") => Some(Block::Item { list: 0, ordered: false, depth: 0, content }),
            None if name.starts_with("list number") => Some(Block::Item { list: 1, ordered: true, depth: 0, content }),
            None => Some(Block::Paragraph(content)),
        }
    }

    fn table(&mut self, tbl: Node) -> Block {
        let mut rows = Vec::new();
        for tr in tbl.children().filter(|c| c.has_tag_name((W, "tr"))) {
            let mut row = Vec::new();
            for tc in tr.children().filter(|c| c.has_tag_name((W, "tc"))) {
                let mut cell = Vec::new();
                for p in tc.descendants().filter(|n| n.has_tag_name((W, "p"))) {
                    if !cell.is_empty() {
                        cell.push(Inline::Text { text: " ".into(), bold: false, italic: false });
                    }
                    self.inlines(p, &mut cell);
                }
                let span: usize = tc
                    .children()
                    .find(|c| c.has_tag_name((W, "tcPr")))
                    .and_then(|pr| val(pr, "gridSpan"))
                    .and_then(|s| s.parse().ok())
                    .unwrap_or(1);
                row.push(super::merged(cell));
                row.extend((1..span.min(64)).map(|_| Vec::new()));
            }
            rows.push(row);
        }
        Block::Table(rows)
    }

    /// The inline content of `parent` (a paragraph, a hyperlink, an insertion, …).
    fn inlines(&mut self, parent: Node, out: &mut Vec<Inline>) {
        for node in parent.children().filter(Node::is_element) {
            match (node.tag_name().namespace(), node.tag_name().name()) {
                (Some(W), "r") => self.run(node, out),
                (Some(W), "hyperlink") => {
                    let mut text = Vec::new();
                    self.inlines(node, &mut text);
                    let url = node.attribute((R, "id")).and_then(|id| self.links.get(id)).cloned();
                    match url.filter(|u| !u.starts_with('#')) {
                        Some(url) => out.push(Inline::Link { text: super::merged(text), url }),
                        None => out.extend(text),
                    }
                }
                (Some(W), "ins" | "moveTo") => {
                    self.insertions += 1;
                    self.inlines(node, out);
                }
                (Some(W), "del" | "moveFrom") => self.deletions += 1,
                (Some(W), "smartTag" | "customXml" | "sdt" | "sdtContent" | "fldSimple" | "dir" | "bdo") => {
                    self.inlines(node, out)
                }
                (Some(M), "oMath" | "oMathPara") => {
                    let text: String =
                        node.descendants().filter(|n| n.has_tag_name((M, "t"))).filter_map(|n| n.text()).collect();
                    out.push(Inline::Text { text, bold: false, italic: false });
                }
                _ => {}
            }
        }
    }

    fn run(&mut self, r: Node, out: &mut Vec<Inline>) {
        let rpr = r.children().find(|c| c.has_tag_name((W, "rPr")));
        let char_style = rpr
            .and_then(|p| val(p, "rStyle"))
            .map(|s| self.style_chain(s).first().map(|s| s.name.clone()).unwrap_or_default());
        let bold = toggle(rpr, "b").unwrap_or(char_style.as_deref() == Some("strong"));
        let italic = toggle(rpr, "i").unwrap_or(char_style.as_deref() == Some("emphasis"));
        for node in r.children().filter(Node::is_element) {
            match (node.tag_name().namespace(), node.tag_name().name()) {
                (Some(W), "t") => {
                    out.push(Inline::Text { text: node.text().unwrap_or_default().to_owned(), bold, italic })
                }
                (Some(W), "tab") => out.push(Inline::Text { text: " ".into(), bold: false, italic: false }),
                (Some(W), "noBreakHyphen") => out.push(Inline::Text { text: "-".into(), bold, italic }),
                (Some(W), "br" | "cr") if node.attribute((W, "type")).is_none_or(|t| t == "textWrapping") => {
                    out.push(Inline::Break)
                }
                (Some(W), kind @ ("footnoteReference" | "endnoteReference")) => {
                    let key = (kind == "endnoteReference", node.attribute((W, "id")).unwrap_or_default().to_owned());
                    let n = match self.numbered.iter().find(|(k, _)| *k == key) {
                        Some((_, n)) => *n,
                        None => {
                            let n = self.numbered.len() + 1;
                            self.numbered.push((key, n));
                            n
                        }
                    };
                    out.push(Inline::Note(n));
                }
                (Some(W), "drawing" | "pict") | (Some(_), "AlternateContent") => self.image(node),
                _ => {}
            }
        }
    }

    fn image(&mut self, node: Node) {
        let reference = node
            .descendants()
            .find_map(|n| {
                (n.has_tag_name((A, "blip")) || n.has_tag_name((V, "imagedata"))).then(|| {
                    n.attribute((R, "embed")).or_else(|| n.attribute((R, "id"))).or_else(|| n.attribute((R, "link")))
                })?
            })
            .and_then(|id| self.links.get(id).cloned());
        let description = node
            .descendants()
            .find(|n| n.has_tag_name((WP, "docPr")))
            .and_then(|d| d.attribute("descr").filter(|s| !s.is_empty()).or_else(|| d.attribute("name")));
        let name = match (reference, description) {
            (Some(r), Some(d)) => format!("word/{r} ({d})"),
            (Some(r), None) => format!("word/{r}"),
            (None, Some(d)) => d.to_owned(),
            (None, None) => "an embedded picture".to_owned(),
        };
        if !self.images.contains(&name) {
            self.images.push(name);
        }
    }
}
