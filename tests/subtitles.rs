//! Subtitle tracks and translation status through the CLI: every format written is read back
//! by pysubs2, every encoding read from a file written in it, every check made to fire on a
//! file that breaks exactly its rule, and the status workflow with its history.

use std::collections::BTreeSet;
use std::path::{Path, PathBuf};

use serde_json::Value;

use crate::util::*;

/// A 20-second 25 fps film, ingested; returns its asset id.
fn film(s: &Scratch) -> String {
    let path = s.path("media/ocop.mp4");
    make_clip(&path, "-f lavfi -i testsrc=size=320x240:rate=25 -t 20 -c:v libx264 -pix_fmt yuv420p", &[]);
    s.ingest(&[&path], &[], 0);
    "1".into()
}

fn write(s: &Scratch, name: &str, bytes: &[u8]) -> PathBuf {
    let path = s.path(name);
    std::fs::create_dir_all(path.parent().expect("parent")).expect("mkdir");
    std::fs::write(&path, bytes).expect("write");
    path
}

/// SubRip text from (start ms, end ms, text).
fn srt(cues: &[(i64, i64, &str)]) -> String {
    let clock =
        |ms: i64| format!("{:02}:{:02}:{:02},{:03}", ms / 3_600_000, ms / 60_000 % 60, ms / 1000 % 60, ms % 1000);
    cues.iter()
        .enumerate()
        .map(|(i, (a, b, t))| format!("{}\n{} --> {}\n{}\n\n", i + 1, clock(*a), clock(*b), t))
        .collect()
}

/// Three good Vietnamese cues every check file starts from.
const BASE: [(i64, i64, &str); 3] = [
    (1_000, 3_000, "Sản phẩm OCOP của Đồng Nai"),
    (4_000, 6_500, "được bạn bè quốc tế yêu thích."),
    (7_500, 10_000, "Bưởi Tân Triều là đặc sản nổi tiếng."),
];

fn import(s: &Scratch, asset: &str, file: &Path, lang: &str) -> Value {
    s.json(&["subs", "import", asset, &file.to_string_lossy(), "--lang", lang, "--json"], 0)
}

/// What pysubs2 reads in a file: (start ms, end ms, plain text) per event.
fn pysubs2(path: &Path) -> Vec<(i64, i64, String)> {
    let script = "import json, sys, pysubs2\n\
                  subs = pysubs2.load(sys.argv[1], encoding='utf-8')\n\
                  print(json.dumps([[e.start, e.end, e.plaintext] for e in subs if not e.is_comment]))";
    let out = tool("python3", &["-c", script, &path.to_string_lossy()]);
    serde_json::from_slice::<Vec<(i64, i64, String)>>(&out.stdout).expect("pysubs2 json")
}

#[test]
fn every_writer_round_trips_and_pysubs2_reads_it_back() {
    let s = Scratch::new();
    let asset = film(&s);
    let cues: Vec<(i64, i64, String)> = (0..40)
        .map(|i| {
            let text = match i % 3 {
                0 => format!("Cảnh {i}: <i>Bưởi Tân Triều</i>\nvào mùa thu hoạch"),
                1 => format!("Đường số {i} & cầu Hóa An"),
                _ => format!("<b>Đồng Nai</b> chào đón {i} đoàn khách"),
            };
            (i * 450 + 100, i * 450 + 420, text)
        })
        .collect();
    let source: Vec<(i64, i64, &str)> = cues.iter().map(|(a, b, t)| (*a, *b, t.as_str())).collect();
    let file = write(&s, "in/vi.srt", srt(&source).as_bytes());
    assert_eq!(import(&s, &asset, &file, "vi")["cues"], 40);
    let original = s.run(&["subs", "export", &asset, "--lang", "vi", "--format", "srt"]).stdout;

    for (format, ext) in [("srt", "srt"), ("vtt", "vtt"), ("ttml", "ttml")] {
        let out = s.path(&format!("out/vi.{ext}"));
        std::fs::create_dir_all(out.parent().expect("parent")).expect("mkdir");
        let status =
            s.run(&["subs", "export", &asset, "--lang", "vi", "--format", format, "-o", &out.to_string_lossy()]).status;
        assert!(status.success(), "export {format}");
        // An independent reader sees every cue's timing and text.
        // pysubs2 leaves WebVTT's character references (& must be written &amp;) as they are.
        let mut read = pysubs2(&out);
        if format == "vtt" {
            read.iter_mut().for_each(|c| c.2 = c.2.replace("&lt;", "<").replace("&gt;", ">").replace("&amp;", "&"));
        }
        assert_eq!(read.len(), cues.len(), "{format}: every cue");
        for ((a, b, text), (ra, rb, rtext)) in cues.iter().zip(&read) {
            let plain = text.replace("<i>", "").replace("</i>", "").replace("<b>", "").replace("</b>", "");
            assert_eq!((a, b, plain.as_str()), (ra, rb, rtext.as_str()), "{format}");
        }
        // Mediadesk reads its own file back to the same track, styling included.
        let lang = format!("x-{ext}");
        import(&s, &asset, &out, &lang);
        let again = s.run(&["subs", "export", &asset, "--lang", &lang, "--format", "srt"]).stdout;
        assert_eq!(String::from_utf8_lossy(&again), String::from_utf8_lossy(&original), "{format} round trip");
    }
    let ttml = std::fs::read_to_string(s.path("out/vi.ttml")).expect("ttml");
    assert!(ttml.contains("urn:ebu:tt:distribution:2018-04") && ttml.contains("xml:lang=\"vi\""), "EBU-TT-D: {ttml}");

    // ASS is read too, and not written.
    let ass = "[Script Info]\nScriptType: v4.00+\n\n[Events]\nFormat: Layer, Start, End, Style, Name, MarginL, MarginR, MarginV, Effect, Text\n\
               Dialogue: 0,0:00:01.00,0:00:03.50,Default,,0,0,0,,{\\i1}Xin chào{\\i0}\\NĐồng Nai\n";
    let file = write(&s, "in/ko.ass", ass.as_bytes());
    assert_eq!(import(&s, &asset, &file, "ko")["format"], "ass");
    let srt_out =
        String::from_utf8(s.run(&["subs", "export", &asset, "--lang", "ko", "--format", "srt"]).stdout).expect("utf-8");
    assert_eq!(srt_out, "1\n00:00:01,000 --> 00:00:03,500\n<i>Xin chào</i>\nĐồng Nai\n\n");
    assert_eq!(s.run(&["subs", "export", &asset, "--lang", "ko", "--format", "ass"]).status.code(), Some(2));
}

/// Encodes `text` with an outside tool: iconv for the code pages glibc knows.
fn iconv(text: &str, to: &str) -> Vec<u8> {
    let mut child = std::process::Command::new("iconv")
        .args(["-f", "UTF-8", "-t", to])
        .stdin(std::process::Stdio::piped())
        .stdout(std::process::Stdio::piped())
        .spawn()
        .expect("iconv");
    use std::io::Write;
    child.stdin.take().expect("stdin").write_all(text.as_bytes()).expect("write");
    let out = child.wait_with_output().expect("iconv output");
    assert!(out.status.success(), "iconv to {to}");
    out.stdout
}

#[test]
fn every_encoding_is_read_from_a_file_written_in_it() {
    let s = Scratch::new();
    let asset = film(&s);
    let vietnamese = srt(&[
        (1_000, 3_000, "Xin chào các bạn đến với Đồng Nai"),
        (4_000, 6_000, "người dân Biên Hòa đón Tết"),
        (7_000, 9_000, "Việt Nam quê hương tôi"),
    ]);
    let utf16 = |big: bool| -> Vec<u8> {
        let mut out = if big { vec![0xFE, 0xFF] } else { vec![0xFF, 0xFE] };
        for unit in vietnamese.encode_utf16() {
            out.extend(if big { unit.to_be_bytes() } else { unit.to_le_bytes() });
        }
        out
    };
    let unmarked_le: Vec<u8> = vietnamese.encode_utf16().flat_map(u16::to_le_bytes).collect();
    // VNI as Vietnamese newsrooms typed it (the glyphs of its fonts in Windows-1252 bytes).
    let vni_text = srt(&[
        (1_000, 3_000, "Xin chaøo caùc baïn ñeán vôùi Ñoàng Nai"),
        (4_000, 6_000, "ngöôøi daân Bieân Hoøa ñoùn Teát"),
        (7_000, 9_000, "Vieät Nam queâ höông toâi"),
    ]);
    let vni = iconv(&vni_text, "WINDOWS-1252");
    let mut bom = b"\xEF\xBB\xBF".to_vec();
    bom.extend_from_slice(vietnamese.as_bytes());
    let cases: Vec<(&str, Vec<u8>, &str)> = vec![
        ("utf8", vietnamese.as_bytes().to_vec(), "utf-8"),
        ("bom", bom, "utf-8-bom"),
        ("le", utf16(false), "utf-16le"),
        ("be", utf16(true), "utf-16be"),
        ("unmarked", unmarked_le, "utf-16le"),
        ("cp1258", iconv(&vietnamese, "CP1258"), "windows-1258"),
        ("tcvn", iconv(&vietnamese, "TCVN5712-1"), "tcvn3"),
        ("vni", vni, "vni"),
    ];
    let expected = srt(&[
        (1_000, 3_000, "Xin chào các bạn đến với Đồng Nai"),
        (4_000, 6_000, "người dân Biên Hòa đón Tết"),
        (7_000, 9_000, "Việt Nam quê hương tôi"),
    ]);
    for (name, bytes, encoding) in cases {
        let file = write(&s, &format!("enc/{name}.srt"), &bytes);
        let lang = format!("x-{name}");
        let report = import(&s, &asset, &file, &lang);
        assert_eq!(report["encoding"], encoding, "{name}");
        let out = String::from_utf8(s.run(&["subs", "export", &asset, "--lang", &lang, "--format", "srt"]).stdout)
            .expect("utf-8");
        assert_eq!(out, expected, "{name} read as {encoding}");
    }
    // French in Windows-1252 is not taken for Vietnamese.
    let french = srt(&[(1_000, 3_000, "Les produits de la province sont très appréciés à l'étranger, même en été.")]);
    let report = import(&s, &asset, &write(&s, "enc/fr.srt", &iconv(&french, "WINDOWS-1252")), "fr");
    assert_eq!(report["encoding"], "windows-1252");
    let out = s.run(&["subs", "export", &asset, "--lang", "fr", "--format", "srt"]).stdout;
    assert!(String::from_utf8_lossy(&out).contains("très appréciés à l'étranger, même en été"));

    // What cannot be decoded with confidence is refused, naming the file: never mojibake.
    for (name, bytes, reason) in [
        ("binary.srt", b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR".to_vec(), "not text"),
        ("noise.srt", (0..600u32).map(|i| (0x80 + (i * 37) % 0x7F) as u8).collect(), "no 8-bit encoding"),
        ("odd.srt", b"\xFF\xFE1\x00\n".to_vec(), "odd number"),
    ] {
        let file = write(&s, &format!("bad/{name}"), &bytes);
        let out = s.run(&["subs", "import", &asset, &file.to_string_lossy(), "--lang", "en"]);
        let stderr = String::from_utf8_lossy(&out.stderr);
        assert_eq!(out.status.code(), Some(2), "{name}: {stderr}");
        assert!(stderr.contains(name) && stderr.contains(reason), "{name}: {stderr}");
    }
}

fn rules(report: &Value) -> BTreeSet<String> {
    report["findings"]
        .as_array()
        .expect("findings")
        .iter()
        .map(|f| f["rule"].as_str().expect("rule").to_owned())
        .collect()
}

#[test]
fn each_check_fires_on_a_file_that_breaks_exactly_its_rule() {
    let s = Scratch::new();
    let asset = film(&s);
    let good = write(&s, "checks/good.srt", srt(&BASE).as_bytes());
    import(&s, &asset, &good, "vi");
    let report = s.json(&["subs", "check", &asset, "--lang", "vi", "--json"], 0);
    assert_eq!(rules(&report), BTreeSet::new(), "the base file is clean: {report}");
    assert_eq!(report["frame_rate"], 25.0);

    let long_line = "Sản phẩm OCOP của tỉnh Đồng Nai được ưa chuộng lắm"; // 50 characters
    let cases: Vec<(&str, (i64, i64, &str))> = vec![
        ("chars_per_line", (11_000, 17_000, long_line)),
        ("lines_per_cue", (11_000, 14_000, "Một\nHai\nBa")),
        ("reading_speed", (11_000, 12_500, "Hạt điều Xuân Lộc rang muối thơm ngon")),
        ("min_duration", (11_000, 11_500, "Ừ")),
        ("max_duration", (11_000, 19_000, "Trời sáng")),
        ("gap", (10_040, 12_500, "Hạt điều Xuân Lộc")),
        ("overlap", (9_500, 12_000, "Hạt điều Xuân Lộc")),
        ("out_of_order", (0, 900, "Mở đầu")),
        ("outside_clip", (18_000, 21_000, "Hết")),
        ("empty", (11_000, 13_000, "")),
    ];
    for (rule, cue) in cases {
        let mut cues = BASE.to_vec();
        cues.push(cue);
        let file = write(&s, &format!("checks/{rule}.srt"), srt(&cues).as_bytes());
        import(&s, &asset, &file, "vi");
        let report = s.json(&["subs", "check", &asset, "--lang", "vi", "--json"], 1);
        assert_eq!(rules(&report), BTreeSet::from([rule.to_owned()]), "{rule}: {report}");
        let finding = &report["findings"][0];
        assert_eq!(finding["cue"], 4, "{rule}: the cue's number");
        assert_eq!(finding["start_ms"], cue.0, "{rule}: the cue's time");
    }

    // The broadcast profile keeps lines to 37 characters; profiles are editable.
    import(&s, &asset, &good, "vi");
    let forty = "Bưởi Tân Triều là đặc sản rất nổi tiếng"; // 39 characters
    let mut cues = BASE.to_vec();
    cues.push((11_000, 14_000, forty));
    import(&s, &asset, &write(&s, "checks/broadcast.srt", srt(&cues).as_bytes()), "vi");
    s.json(&["subs", "check", &asset, "--lang", "vi", "--json"], 0);
    let report = s.json(&["subs", "check", &asset, "--lang", "vi", "--profile", "broadcast", "--json"], 1);
    assert_eq!(rules(&report), BTreeSet::from(["chars_per_line".to_owned()]));
    s.json(&["subs", "profile", "netflix", "--lang", "vi", "--max-chars-per-line", "30", "--json"], 0);
    let report = s.json(&["subs", "check", &asset, "--lang", "vi", "--json"], 1);
    assert_eq!(report["profile"]["max_chars_per_line"], 30);
    assert!(rules(&report).contains("chars_per_line"));

    // A translation: untranslated cues, and a file labelled English but written in Vietnamese.
    s.json(&["subs", "profile", "netflix", "--lang", "vi", "--max-chars-per-line", "42", "--json"], 0);
    import(&s, &asset, &good, "vi");
    let english = srt(&[
        (1_000, 3_000, "OCOP products of Dong Nai"),
        (4_000, 6_500, "được bạn bè quốc tế yêu thích."),
        (7_500, 10_000, "Tan Trieu pomelo is a famous speciality."),
    ]);
    import(&s, &asset, &write(&s, "checks/en.srt", english.as_bytes()), "en");
    let report = s.json(&["subs", "check", &asset, "--lang", "en", "--json"], 0);
    assert_eq!(rules(&report), BTreeSet::from(["untranslated".to_owned()]), "{report}");
    assert_eq!(report["findings"][0]["cue"], 2);
    let imported = import(&s, &asset, &good, "en");
    assert_eq!(imported["written_in"], "vi", "the import notices a Vietnamese file labelled en");
    let report = s.json(&["subs", "check", &asset, "--lang", "en", "--json"], 1);
    assert!(rules(&report).contains("language_mismatch"), "{report}");
}

#[test]
fn alignment_against_the_source_finds_missing_extra_and_drifting_cues() {
    let s = Scratch::new();
    let asset = film(&s);
    import(&s, &asset, &write(&s, "vi.srt", srt(&BASE).as_bytes()), "vi");
    let english = srt(&[
        (1_000, 3_000, "OCOP products of Dong Nai"),
        (4_900, 6_500, "are loved by friends abroad."),
        (12_000, 14_000, "An extra line."),
    ]);
    import(&s, &asset, &write(&s, "en.srt", english.as_bytes()), "en");
    let report = s.json(&["subs", "check", &asset, "--lang", "en", "--json"], 0);
    let a = &report["alignment"];
    assert_eq!(a["missing"], serde_json::json!([3]));
    assert_eq!(a["extra"], serde_json::json!([3]));
    assert_eq!(a["drifting"][0]["cue"], 2);
    assert_eq!(a["drifting"][0]["start_delta_ms"], 900);
    // Source speech: 2 + 2.5 + 2.5 s; covered 2 + 1.6 s.
    let covered = a["speech_covered"].as_f64().expect("share");
    assert!((covered - 3.6 / 7.0).abs() < 1e-6, "{covered}");
}

#[test]
fn the_translation_workflow_keeps_its_history() {
    let s = Scratch::new();
    let asset = film(&s);
    import(&s, &asset, &write(&s, "vi.srt", srt(&BASE).as_bytes()), "vi");
    // Korean: 16 characters a line and 12 a second; this draft reads too fast.
    let korean = srt(&[(1_000, 2_000, "동나이성의 OCOP 제품입니다"), (4_000, 6_500, "세계의 친구들이 사랑합니다")]);
    let imported = import(&s, &asset, &write(&s, "ko.srt", korean.as_bytes()), "ko");
    assert_eq!(imported["translation"]["status"], "draft");

    let board = s.json(&["tr", "status", "--json"], 0);
    let cells = &board["items"][0]["languages"];
    assert_eq!(cells["vi"]["status"], "draft");
    assert_eq!(cells["ko"]["status"], "draft");
    assert_eq!(cells["ja"]["status"], "missing", "a partner language with nothing yet");

    // Approval is refused while the checks find errors, and allowed with a recorded reason.
    let out = s.run(&["tr", "set", &asset, "subtitles", "ko", "approved"]);
    assert_eq!(out.status.code(), Some(2));
    assert!(String::from_utf8_lossy(&out.stderr).contains("reading_speed"), "{}", String::from_utf8_lossy(&out.stderr));
    s.json(
        &["tr", "set", &asset, "subtitles", "ko", "needs_review", "--assignee", "Kim", "--due", "2026-12-03", "--json"],
        0,
    );
    let approved = s.json(
        &["tr", "set", &asset, "subtitles", "ko", "approved", "--override", "the broadcaster re-times it", "--json"],
        0,
    );
    assert_eq!(approved["status"], "approved");
    assert_eq!(approved["assignee"], "Kim", "kept from before");
    s.json(&["tr", "set", &asset, "subtitles", "vi", "approved", "--json"], 0);
    assert_eq!(s.run(&["tr", "set", &asset, "subtitles", "ko", "done"]).status.code(), Some(2));
    assert_eq!(s.run(&["tr", "set", &asset, "subtitles", "ko", "draft", "--due", "next week"]).status.code(), Some(2));

    // Filters: by language, assignee and due date.
    let ko = s.json(&["tr", "status", "--lang", "ko", "--json"], 0);
    assert_eq!(ko["languages"], serde_json::json!(["ko"]));
    assert_eq!(ko["items"][0]["languages"]["ko"]["status"], "approved");
    assert_eq!(
        s.json(&["tr", "status", "--assignee", "Kim", "--json"], 0)["items"].as_array().expect("items").len(),
        1
    );
    assert_eq!(
        s.json(&["tr", "status", "--assignee", "Lan", "--json"], 0)["items"].as_array().expect("items").len(),
        0
    );
    assert_eq!(
        s.json(&["tr", "status", "--due-by", "2026-12-01", "--json"], 0)["items"].as_array().expect("items").len(),
        0
    );
    assert_eq!(
        s.json(&["tr", "status", "--due-by", "2026-12-05", "--json"], 0)["items"].as_array().expect("items").len(),
        1
    );

    // The source changes: the approved translation goes back to review, and says why.
    let mut changed = BASE.to_vec();
    changed[0].2 = "Sản phẩm OCOP của tỉnh Đồng Nai";
    import(&s, &asset, &write(&s, "vi2.srt", srt(&changed).as_bytes()), "vi");
    let board = s.json(&["tr", "status", "--lang", "ko", "--json"], 0);
    assert_eq!(board["items"][0]["languages"]["ko"]["status"], "needs_review");
    let history = s.json(&["tr", "history", &asset, "subtitles", "ko", "--json"], 0);
    let steps: Vec<(String, String)> = history
        .as_array()
        .expect("history")
        .iter()
        .map(|h| (h["from"].as_str().expect("from").to_owned(), h["to"].as_str().expect("to").to_owned()))
        .collect();
    let expected =
        [("missing", "draft"), ("draft", "needs_review"), ("needs_review", "approved"), ("approved", "needs_review")];
    assert_eq!(steps, expected.map(|(a, b)| (a.to_owned(), b.to_owned())));
    assert_eq!(history[2]["override"], "the broadcaster re-times it");
    assert!(history[3]["note"].as_str().expect("note").contains("source changed"));
    assert!(history
        .as_array()
        .expect("history")
        .iter()
        .all(|h| !h["actor"].as_str().expect("actor").is_empty() && !h["at"].as_str().expect("at").is_empty()));

    // Captions too: approving needs the caption; editing the Vietnamese one sends it back.
    s.run(&["edit", &asset, "--caption", "vi=Sản phẩm OCOP Đồng Nai"]);
    assert_eq!(
        s.run(&["tr", "set", &asset, "caption", "en", "approved"]).status.code(),
        Some(2),
        "no English caption yet"
    );
    s.run(&["edit", &asset, "--caption", "en=Dong Nai's OCOP products"]);
    s.json(&["tr", "set", &asset, "caption", "en", "approved", "--json"], 0);
    s.run(&["edit", &asset, "--caption", "vi=Sản phẩm OCOP tỉnh Đồng Nai"]);
    let cell = &s.json(&["tr", "status", "--lang", "en", "--json"], 0)["items"][0]["languages"]["en"];
    assert_eq!(cell["parts"]["caption"]["status"], "needs_review", "{cell}");

    // And headlines: a new Vietnamese headline sends its approved translation back to review.
    s.run(&["edit", &asset, "--headline", "Sản phẩm OCOP Đồng Nai"]);
    let refused = s.run(&["tr", "set", &asset, "headline", "en", "approved"]);
    assert_eq!(refused.status.code(), Some(2), "no English headline yet");
    assert!(String::from_utf8_lossy(&refused.stderr).contains("no en headline"));
    s.run(&["edit", &asset, "--headline", "en=Đồng Nai's OCOP products"]);
    s.json(&["tr", "set", &asset, "headline", "en", "approved", "--assignee", "Lan", "--json"], 0);
    let cell = &s.json(&["tr", "status", "--lang", "en", "--json"], 0)["items"][0]["languages"]["en"];
    assert_eq!(cell["parts"]["headline"]["status"], "approved", "{cell}");
    s.run(&["edit", &asset, "--headline", "Sản phẩm OCOP tỉnh Đồng Nai"]);
    let cell = &s.json(&["tr", "status", "--lang", "en", "--json"], 0)["items"][0]["languages"]["en"];
    assert_eq!(cell["parts"]["headline"]["status"], "needs_review", "{cell}");
    assert_eq!(cell["parts"]["subtitles"]["status"], "missing");
    assert_eq!(cell["status"], "missing", "the cell is the least advanced of its parts (no English subtitles yet)");
}

#[test]
fn broken_subtitle_files_get_a_line_number_or_a_clear_error() {
    let s = Scratch::new();
    let asset = film(&s);
    // Malformed timings and a cue ending before it starts: noted with their lines, the rest read.
    let text = "1\n00:00:01,000 --> 00:00:02,000\nMột\n\n2\n00:00:03,000 -> 00:00:04,000\nHai\n\n3\n00:00:06,000 --> 00:00:05,000\nBa\n\n4\n00:00:07,000 --> 00:00:08,000\nBốn";
    let report = import(&s, &asset, &write(&s, "bad/timing.srt", text.as_bytes()), "vi");
    assert_eq!(report["cues"], 2);
    let lines: Vec<i64> =
        report["notes"].as_array().expect("notes").iter().map(|n| n["line"].as_i64().expect("line")).collect();
    assert_eq!(lines, vec![5, 10]);

    for (name, body, reason) in [
        ("cut.ttml", "<?xml version=\"1.0\"?>\n<tt xmlns=\"http://www.w3.org/ns/ttml\">\n<body><div>\n<p begin=\"1s\" end=\"2s\">Một", "line 4"),
        ("nothing.srt", "1\n00:00:0x,000 --> 00:00:02,000\nMột\n", "line 2"),
        ("words.srt", "just some words\nwith no timing at all\n", "line 1"),
        ("words.txt", "just some words\nwith no timing at all\n", "not a subtitle file"),
    ] {
        let file = write(&s, &format!("bad/{name}"), body.as_bytes());
        let out = s.run(&["subs", "import", &asset, &file.to_string_lossy(), "--lang", "vi"]);
        let stderr = String::from_utf8_lossy(&out.stderr);
        assert_eq!(out.status.code(), Some(2), "{name}: {stderr}");
        assert!(stderr.contains(name) && stderr.contains(reason), "{name}: {stderr}");
    }

    // A WebVTT file that lost its header is still read, as Subtitle Edit does.
    let report = import(&s, &asset, &write(&s, "bad/nohead.vtt", "00:01.000 --> 00:02.000\nMột\n".as_bytes()), "vi");
    assert_eq!(report["cues"], 1);

    // A 40 MB file is refused before it is read.
    let huge = s.path("bad/huge.srt");
    let f = std::fs::File::create(&huge).expect("create");
    f.set_len(40 * 1024 * 1024).expect("size");
    let out = s.run(&["subs", "import", &asset, &huge.to_string_lossy(), "--lang", "vi"]);
    assert_eq!(out.status.code(), Some(2));
    assert!(String::from_utf8_lossy(&out.stderr).contains("too large"));

    // What was stored before is still there, and photos take no subtitles.
    assert_eq!(s.json(&["subs", "list", &asset, "--json"], 0)[0]["cue_count"], 1);
    let photo = s.path("media/p.jpg");
    make_photo(&photo, 64, 48, "plasma:", &[]);
    s.ingest(&[&photo], &[], 0);
    let out = s.run(&["subs", "import", "2", &s.path("bad/timing.srt").to_string_lossy(), "--lang", "vi"]);
    assert!(String::from_utf8_lossy(&out.stderr).contains("photo"));
}
