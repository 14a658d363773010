//! Article import: .docx and .odt made by pandoc from Vietnamese Markdown, read into a
//! reportage; pandoc is the oracle (`pandoc -t plain` of the same file against pandoc's plain
//! text of the Markdown body Mediadesk made). Broken, encrypted and hostile files are refused
//! with the reason, and the reportage stays as it was.

use std::path::{Path, PathBuf};
use std::process::Command;

use serde_json::Value;

use crate::util::*;

const ARTICLE: &str = r#"---
title: Sân bay Long Thành cất cánh
---

Đồng Nai đón **nhà đầu tư** Hàn Quốc tới *công trường* lớn nhất.

## Tiến độ

Công trình đạt 60%[^1], xem [trang dự án](https://longthanh.vn/du-an).

- Nhà ga hành khách
- Đường băng số 1

1. Giai đoạn một
2. Giai đoạn hai

### Đoạn cuối

Một dòng\
ngắt dòng và ***đậm nghiêng***, dấu * và _ giữ nguyên.

[^1]: Số liệu tháng 11.
"#;

const TABLE: &str = "\n| Hạng mục | Tiến độ |\n|---|---|\n| Nhà ga | 60% |\n| Đường băng | 75% |\n";

fn pandoc(s: &Scratch, markdown: &str, name: &str) -> PathBuf {
    let md = s.path(&format!("{name}.md"));
    std::fs::write(&md, markdown).expect("md");
    let out = s.path(name);
    tool("pandoc", &[&md.to_string_lossy(), "-o", &out.to_string_lossy()]);
    out
}

/// Plain text as pandoc renders it, with whitespace and table rules out of the way.
fn plain(args: &[&str], input: Option<&str>) -> String {
    let mut cmd = Command::new("pandoc");
    cmd.args(args).arg("-t").arg("plain").arg("--wrap=none");
    let out = match input {
        Some(text) => {
            use std::io::Write;
            let mut child =
                cmd.stdin(std::process::Stdio::piped()).stdout(std::process::Stdio::piped()).spawn().expect("pandoc");
            child.stdin.take().expect("stdin").write_all(text.as_bytes()).expect("write");
            child.wait_with_output().expect("pandoc")
        }
        None => cmd.output().expect("pandoc"),
    };
    assert!(out.status.success(), "pandoc {args:?}: {}", String::from_utf8_lossy(&out.stderr));
    String::from_utf8_lossy(&out.stdout)
        .split_whitespace()
        .filter(|w| !(w.len() >= 3 && w.chars().all(|c| c == '-')))
        .collect::<Vec<_>>()
        .join(" ")
}

fn reportage(s: &Scratch) -> String {
    s.json(&["reportage", "new", "Tạm", "--json"], 0)["id"].to_string()
}

fn import(s: &Scratch, id: &str, file: &Path, extra: &[&str]) -> Value {
    let mut args = vec!["reportage", "import", id];
    let f = file.to_string_lossy();
    args.push(&f);
    args.extend_from_slice(extra);
    args.push("--json");
    s.json(&args, 0)
}

#[test]
fn docx_and_odt_read_as_pandoc_reads_them() {
    let s = Scratch::new();
    let id = reportage(&s);
    let docx = pandoc(&s, &format!("{ARTICLE}{TABLE}"), "bai.docx");
    let got = import(&s, &id, &docx, &[]);
    assert_eq!(got["format"], "docx");
    let r = &got["reportage"];
    assert_eq!(r["headline"]["vi"], "Sân bay Long Thành cất cánh", "the Title paragraph is the headline");
    let body = r["body"]["vi"].as_str().expect("body");
    assert!(body.contains("## Tiến độ") && body.contains("**nhà đầu tư**") && body.contains("*công trường*"), "{body}");
    assert!(
        body.contains("[trang dự án](https://longthanh.vn/du-an)") && body.contains("[^1]: Số liệu tháng 11."),
        "{body}"
    );
    assert!(body.contains("| Hạng mục | Tiến độ |\n|---|---|\n| Nhà ga | 60% |"), "{body}");
    assert_eq!(plain(&["-f", "markdown"], Some(body)), plain(&[&docx.to_string_lossy()], None));

    // pandoc's ODT reader keeps the title as a paragraph and drops table header rows, so the
    // oracle compares a document without a table, its title put first.
    let odt = pandoc(&s, ARTICLE, "bai.odt");
    let got = import(&s, &id, &odt, &[]);
    assert_eq!(got["format"], "odt");
    let r = &got["reportage"];
    assert_eq!(r["headline"]["vi"], "Sân bay Long Thành cất cánh");
    let body = r["body"]["vi"].as_str().expect("body");
    let ours = format!("Sân bay Long Thành cất cánh {}", plain(&["-f", "markdown"], Some(body)));
    assert_eq!(ours, plain(&[&odt.to_string_lossy()], None));
    let odt = pandoc(&s, &format!("{ARTICLE}{TABLE}"), "bang.odt");
    let body = import(&s, &id, &odt, &[])["reportage"]["body"]["vi"].as_str().expect("body").to_owned();
    assert!(body.contains("| Hạng mục | Tiến độ |\n|---|---|\n| Nhà ga | 60% |"), "{body}");

    // The first paragraph as the standfirst, when asked; pictures listed, not lost silently.
    make_photo(&s.path("nha-ga.png"), 20, 20, "xc:red", &[]);
    let with_picture = format!("{ARTICLE}\n![Nhà ga T1]({})\n", s.path("nha-ga.png").display());
    for name in ["anh.docx", "anh.odt"] {
        let file = pandoc(&s, &with_picture, name);
        let got = import(&s, &id, &file, &["--standfirst", "--lang", "en"]);
        let r = &got["reportage"];
        assert_eq!(r["standfirst"]["en"], "Đồng Nai đón nhà đầu tư Hàn Quốc tới công trường lớn nhất.", "{name}");
        assert!(r["body"]["en"].as_str().expect("body").starts_with("## Tiến độ"), "{name}: {r}");
        assert_eq!(got["images"].as_array().map(Vec::len), Some(1), "{name}: {got}");
        assert_eq!(r["headline"]["vi"], "Sân bay Long Thành cất cánh", "{name}: the Vietnamese texts stay");
    }
}

/// A .docx with a tracked insertion, a tracked deletion and a comment, made from pandoc's.
fn with_revisions(s: &Scratch) -> PathBuf {
    let source = pandoc(s, ARTICLE, "goc.docx");
    let target = s.path("sua.docx");
    let script = r#"
import sys, zipfile
src, dst = sys.argv[1], sys.argv[2]
zin = zipfile.ZipFile(src)
zout = zipfile.ZipFile(dst, "w", zipfile.ZIP_DEFLATED)
for item in zin.infolist():
    data = zin.read(item.filename)
    if item.filename == "word/document.xml":
        doc = data.decode()
        old = '<w:r><w:t xml:space="preserve">lớn nhất.</w:t></w:r>'
        assert old in doc
        new = ('<w:ins w:id="91" w:author="Lan" w:date="2026-11-30T08:00:00Z"><w:r><w:t xml:space="preserve">mới </w:t></w:r></w:ins>'
               '<w:del w:id="92" w:author="Lan" w:date="2026-11-30T08:00:00Z"><w:r><w:delText>bị xoá </w:delText></w:r></w:del>'
               '<w:commentRangeStart w:id="7"/>' + old + '<w:commentRangeEnd w:id="7"/>'
               '<w:r><w:commentReference w:id="7"/></w:r>')
        data = doc.replace(old, new, 1).encode()
    if item.filename == "word/comments.xml":
        text = data.decode()
        comment = '<w:comment w:id="7" w:author="Lan"><w:p><w:r><w:t>Kiểm tra số liệu</w:t></w:r></w:p></w:comment>'
        if text.rstrip().endswith("/>"):
            text = text.rstrip()[:-2] + ">" + comment + "</w:comments>"
        else:
            text = text.replace("</w:comments>", comment + "</w:comments>")
        data = text.encode()
    zout.writestr(item, data)
zout.close()
"#;
    tool("python3", &["-c", script, &source.to_string_lossy(), &target.to_string_lossy()]);
    target
}

#[test]
fn tracked_changes_are_accepted_and_comments_dropped() {
    let s = Scratch::new();
    let id = reportage(&s);
    let file = with_revisions(&s);
    let got = import(&s, &id, &file, &[]);
    let body = got["reportage"]["body"]["vi"].as_str().expect("body");
    assert!(body.contains("mới lớn nhất."), "{body}");
    assert!(!body.contains("bị xoá") && !body.contains("Kiểm tra số liệu"), "{body}");
    let notes = got["notes"].to_string();
    assert!(notes.contains("tracked changes accepted") && notes.contains("1 comments dropped"), "{notes}");
    let theirs = plain(&["--track-changes=accept", &file.to_string_lossy()], None);
    assert_eq!(plain(&["-f", "markdown"], Some(body)), theirs);
}

#[test]
fn markdown_and_legacy_text_files_are_read_too() {
    let s = Scratch::new();
    let id = reportage(&s);
    let md = s.path("bai.md");
    std::fs::write(&md, ARTICLE).expect("md");
    let r = &import(&s, &id, &md, &["--standfirst"])["reportage"];
    assert_eq!(r["headline"]["vi"], "Sân bay Long Thành cất cánh");
    assert_eq!(r["standfirst"]["vi"], "Đồng Nai đón nhà đầu tư Hàn Quốc tới công trường lớn nhất.");
    assert!(r["body"]["vi"].as_str().expect("body").starts_with("## Tiến độ"));

    let utf8 = s.path("bai-utf8.txt");
    std::fs::write(
        &utf8,
        "Tiếng Việt ở Đồng Nai\n\nBài viết về những người thợ gốm Biên Hòa.\n\nHọ giữ nghề đã ba đời.\n",
    )
    .expect("txt");
    for (iconv, name) in [("CP1258", "windows-1258"), ("TCVN5712-1", "tcvn3"), ("VISCII", "viscii")] {
        let legacy = s.path(&format!("bai-{name}.txt"));
        let out = tool("iconv", &["-f", "UTF-8", "-t", iconv, &utf8.to_string_lossy()]);
        std::fs::write(&legacy, &out.stdout).expect("legacy");
        let got = import(&s, &id, &legacy, &["--lang", "en"]);
        assert_eq!(got["encoding"], name);
        assert_eq!(got["reportage"]["headline"]["en"], "Tiếng Việt ở Đồng Nai", "{name}");
        assert_eq!(
            got["reportage"]["body"]["en"],
            "Bài viết về những người thợ gốm Biên Hòa.\n\nHọ giữ nghề đã ba đời."
        );
    }
}

#[test]
fn broken_and_hostile_documents_change_nothing() {
    let s = Scratch::new();
    let id = reportage(&s);
    let good = pandoc(&s, ARTICLE, "tot.docx");
    let before = s.json(&["reportage", "show", &id, "--json"], 0);
    let bytes = std::fs::read(&good).expect("docx");

    let write = |name: &str, data: &[u8]| {
        let p = s.path(name);
        std::fs::write(&p, data).expect("write");
        p
    };
    let python = |name: &str, script: &str| {
        let p = s.path(name);
        tool("python3", &["-c", script, &p.to_string_lossy()]);
        p
    };
    let mut encrypted = vec![0xD0, 0xCF, 0x11, 0xE0, 0xA1, 0xB1, 0x1A, 0xE1];
    encrypted.extend(std::iter::repeat_n(0u8, 4096));
    let cases: Vec<(PathBuf, &str)> = vec![
        (write("cut.docx", &bytes[..bytes.len() / 2]), "damaged or cut short"),
        (write("khoa.docx", &encrypted), "password-protected"),
        (write("rong.docx", b""), "cut short"),
        (
            python(
                "bom.docx",
                "import sys, zipfile\nz = zipfile.ZipFile(sys.argv[1], 'w', zipfile.ZIP_DEFLATED)\n\
                 z.writestr('[Content_Types].xml', '<Types/>')\n\
                 z.writestr('word/document.xml', '<w:document xmlns:w=\"x\">' + ' ' * (200 << 20) + '</w:document>')\nz.close()",
            ),
            "zip bomb",
        ),
        (
            python(
                "hong.docx",
                "import sys, zipfile\nz = zipfile.ZipFile(sys.argv[1], 'w')\nz.writestr('word/document.xml', '<w:document><w:body><w:p>')\nz.close()",
            ),
            "not well-formed",
        ),
        (
            python(
                "dtd.docx",
                "import sys, zipfile\nz = zipfile.ZipFile(sys.argv[1], 'w')\n\
                 z.writestr('word/document.xml', '<!DOCTYPE d [<!ENTITY a \"aaaaaaaaaa\"><!ENTITY b \"&a;&a;&a;&a;&a;&a;\">]><d>&b;</d>')\nz.close()",
            ),
            "not well-formed",
        ),
        (
            python(
                "khoa.odt",
                "import sys, zipfile\nz = zipfile.ZipFile(sys.argv[1], 'w')\nz.writestr('mimetype', 'application/vnd.oasis.opendocument.text')\n\
                 z.writestr('content.xml', 'x')\n\
                 z.writestr('META-INF/manifest.xml', '<manifest:manifest xmlns:manifest=\"urn:oasis:names:tc:opendocument:xmlns:manifest:1.0\">\
                 <manifest:file-entry manifest:full-path=\"content.xml\"><manifest:encryption-data/></manifest:file-entry></manifest:manifest>')\nz.close()",
            ),
            "password-protected",
        ),
        (python("khac.docx", "import sys, zipfile\nz = zipfile.ZipFile(sys.argv[1], 'w')\nz.writestr('a.txt', 'x')\nz.close()"), "neither"),
        (write("nhi-phan.txt", &[0u8, 1, 2, 3, 0xFF, 0xFE, 0, 0]), "not text"),
    ];
    for (file, reason) in cases {
        let out = s.run(&["reportage", "import", &id, &file.to_string_lossy()]);
        let stderr = String::from_utf8_lossy(&out.stderr);
        assert_eq!(out.status.code(), Some(2), "{}: {stderr}", file.display());
        assert!(stderr.contains(&*file.to_string_lossy()), "the file is named: {stderr}");
        assert!(stderr.to_lowercase().contains(reason), "{}: expected {reason:?} in {stderr}", file.display());
    }
    let after = s.json(&["reportage", "show", &id, "--json"], 0);
    assert_eq!(before, after, "nothing half-imported");
}
