//! Writes the document model as Markdown (pandoc's dialect: pipe tables, `[^n]` footnotes).

use super::{Block, Inline};

/// Characters Markdown would take as markup anywhere in a line.
fn escape(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    for c in text.chars() {
        if matches!(c, '\\' | '*' | '_' | '`' | '[' | ']' | '<' | '>' | '|' | '$' | '~' | '^') {
            out.push('\\');
        }
        out.push(c);
    }
    out
}

/// A line that would start a heading, list, quote or rule is escaped at its start.
fn escape_line_start(line: String) -> String {
    let t = line.trim_start();
    let numbered = t.find(['.', ')']).is_some_and(|i| i > 0 && t[..i].chars().all(|c| c.is_ascii_digit()));
    if t.starts_with(['#', '-', '+', '=']) || numbered {
        let lead = line.len() - t.len();
        if numbered {
            let i = t.find(['.', ')']).unwrap_or(0);
            return format!("{}{}\\{}", &line[..lead], &t[..i], &t[i..]);
        }
        return format!("{}\\{}", &line[..lead], t);
    }
    line
}

fn inlines(items: &[Inline]) -> String {
    let mut out = String::new();
    for item in items {
        match item {
            Inline::Text { text, bold, italic } => {
                let marker = match (bold, italic) {
                    (true, true) => "***",
                    (true, false) => "**",
                    (false, true) => "*",
                    (false, false) => "",
                };
                // Emphasis cannot begin or end with a space: the spaces go outside it.
                let core = text.trim();
                if marker.is_empty() || core.is_empty() {
                    out.push_str(&escape(text));
                    continue;
                }
                let (lead, trail) = (&text[..text.len() - text.trim_start().len()], &text[text.trim_end().len()..]);
                out.push_str(lead);
                out.push_str(marker);
                out.push_str(&escape(core));
                out.push_str(marker);
                out.push_str(trail);
            }
            Inline::Link { text, url } => {
                out.push('[');
                out.push_str(&inlines(text));
                out.push_str("](");
                out.push_str(&url.replace(' ', "%20").replace(')', "%29"));
                out.push(')');
            }
            Inline::Note(n) => out.push_str(&format!("[^{n}]")),
            Inline::Break => out.push_str("\\\n"),
        }
    }
    // Runs of spaces (Word splits text into many runs) become one.
    let mut collapsed = String::with_capacity(out.len());
    let mut last_space = false;
    for c in out.chars() {
        let space = c == ' ' || c == '\t';
        if !(space && last_space) {
            collapsed.push(if space { ' ' } else { c });
        }
        last_space = space;
    }
    collapsed.trim().to_owned()
}

fn paragraph(items: &[Inline]) -> String {
    inlines(items).split('\n').map(|l| escape_line_start(l.to_owned())).collect::<Vec<_>>().join("\n")
}

fn table(rows: &[Vec<Vec<Inline>>]) -> String {
    let width = rows.iter().map(Vec::len).max().unwrap_or(0);
    if width == 0 {
        return String::new();
    }
    let cell = |c: Option<&Vec<Inline>>| c.map(|c| inlines(c).replace("\\\n", " ")).unwrap_or_default();
    let row =
        |r: &Vec<Vec<Inline>>| format!("| {} |", (0..width).map(|i| cell(r.get(i))).collect::<Vec<_>>().join(" | "));
    let mut lines = vec![row(&rows[0]), format!("|{}", "---|".repeat(width))];
    lines.extend(rows[1..].iter().map(row));
    lines.join("\n")
}

/// The blocks and footnotes as a Markdown document.
pub fn write(blocks: &[Block], notes: &[(usize, Vec<Vec<Inline>>)]) -> String {
    let mut parts: Vec<String> = Vec::new();
    let mut i = 0;
    while i < blocks.len() {
        match &blocks[i] {
            Block::Title(t) | Block::Heading(1, t) => parts.push(format!("# {}", inlines(t))),
            Block::Heading(level, t) => {
                parts.push(format!("{} {}", "#".repeat((*level).clamp(1, 6) as usize), inlines(t)))
            }
            Block::Paragraph(p) => {
                let text = paragraph(p);
                if !text.is_empty() {
                    parts.push(text);
                }
            }
            Block::Item { .. } => {
                // A list is its run of items; numbers restart with each list.
                let mut lines = Vec::new();
                let mut counters = [0u32; 10];
                let Block::Item { list: this_list, .. } = &blocks[i] else { continue };
                while let Some(Block::Item { list, ordered, depth, content }) = blocks.get(i) {
                    if list != this_list {
                        break;
                    }
                    let d = (*depth as usize).min(9);
                    counters[d] += 1;
                    counters[d + 1..].iter_mut().for_each(|c| *c = 0);
                    let marker = if *ordered { format!("{}.", counters[d]) } else { "-".to_owned() };
                    lines.push(format!("{}{marker} {}", "    ".repeat(d), inlines(content).replace("\\\n", " ")));
                    i += 1;
                }
                parts.push(lines.join("\n"));
                continue;
            }
            Block::Table(rows) => parts.push(table(rows)),
        }
        i += 1;
    }
    for (n, paragraphs) in notes {
        let text: Vec<String> = paragraphs.iter().map(|p| inlines(p)).filter(|p| !p.is_empty()).collect();
        parts.push(format!("[^{n}]: {}", text.join("\n\n    ")));
    }
    let mut md = parts.join("\n\n");
    if !md.is_empty() {
        md.push('\n');
    }
    md
}

#[cfg(test)]
mod tests {
    use super::*;

    fn t(text: &str, bold: bool, italic: bool) -> Inline {
        Inline::Text { text: text.into(), bold, italic }
    }

    #[test]
    fn writes_emphasis_lists_tables_and_notes() {
        let blocks = vec![
            Block::Heading(2, vec![t("Tiến độ", false, false)]),
            Block::Paragraph(vec![
                t("Đạt ", false, false),
                t("60% ", true, false),
                t("*dự kiến*", false, true),
                Inline::Note(1),
            ]),
            Block::Item { list: 1, ordered: true, depth: 0, content: vec![t("Một", false, false)] },
            Block::Item { list: 1, ordered: true, depth: 0, content: vec![t("Hai", false, false)] },
            Block::Item { list: 1, ordered: false, depth: 1, content: vec![t("a|b", false, false)] },
            Block::Item { list: 2, ordered: false, depth: 0, content: vec![t("Khác", false, false)] },
            Block::Table(vec![vec![vec![t("Hạng mục", false, false)]], vec![vec![t("Nhà ga", false, false)]]]),
            Block::Paragraph(vec![t("1. not a list", false, false)]),
        ];
        let notes = vec![(1, vec![vec![t("Tháng 11.", false, false)]])];
        assert_eq!(
            write(&blocks, &notes),
            "## Tiến độ\n\nĐạt **60%** *\\*dự kiến\\**[^1]\n\n1. Một\n2. Hai\n    - a\\|b\n\n- Khác\n\n| Hạng mục |\n|---|\n| Nhà ga |\n\n1\\. not a list\n\n[^1]: Tháng 11.\n"
        );
    }
}
