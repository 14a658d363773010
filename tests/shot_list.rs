//! Shot lists through the CLI: an editor's CSV in, timed on the film's own timecode (as
//! ffprobe reads it), written back as CSV (read by Python's csv) and as PDF (its text taken
//! out by pdftotext, its fonts listed by pdffonts).

use std::path::Path;

use crate::util::*;

const VI: &str = "Toàn cảnh cầu Hóa An, Biên Hòa lúc bình minh";
const KO: &str = "새벽의 화안 다리 전경";
const JA: &str = "夜明けのホアアン橋の全景";
const HANS: &str = "黎明时分的化安桥全景";
const HANT: &str = "黎明時分的化安橋全景";

/// A public 8-second film at `rate` starting at timecode `tc`; returns its id.
fn film(s: &Scratch, name: &str, rate: &str, tc: &str) -> String {
    let path = s.path(&format!("in/{name}.mp4"));
    let args = format!(
        "-f lavfi -i testsrc2=size=320x180:rate={rate} -f lavfi -i sine=frequency=440:sample_rate=48000 -t 8 \
         -c:v libx264 -pix_fmt yuv420p -c:a aac -timecode {{0}}"
    );
    make_clip(&path, &args, &[tc]);
    s.ingest(&[&path], &["--classification", "public"], 0);
    let id = s.show(&path.to_string_lossy())["id"].to_string();
    let probe = ffprobe(&path);
    let own = probe["streams"].as_array().and_then(|a| a.iter().find_map(|s| s["tags"]["timecode"].as_str()));
    assert_eq!(own, Some(tc), "ffprobe reads the film's own timecode");
    id
}

pub(crate) fn csv_rows(path: &Path) -> Vec<Vec<String>> {
    let out = tool(
        "python3",
        &[
            "-c",
            "import csv, json, sys\n\
             print(json.dumps(list(csv.reader(open(sys.argv[1], encoding='utf-8-sig', newline=''))), ensure_ascii=False))",
            &path.to_string_lossy(),
        ],
    );
    serde_json::from_slice(&out.stdout).expect("csv json")
}

fn squeeze(s: &str) -> String {
    s.chars().filter(|c| !c.is_whitespace()).collect()
}

#[test]
fn a_shot_list_in_vietnamese_and_cjk_comes_out_as_csv_and_a_pdf_with_its_fonts_embedded() {
    let s = Scratch::new();
    let id = film(&s, "hoa-an", "25", "10:00:00:00");
    let csv = s.path("in/shots.csv");
    // Written as a spreadsheet saves it: UTF-16 with a byte-order mark, the Vietnamese in NFD
    // as some Mac tools give it.
    let text = format!(
        "in,out,description,description_ko,description_ja,description_zh-Hans,description_zh-Hant,location,date\n\
         10:00:00:00,10:00:03:12,\"{}\",{KO},{JA},{HANS},{HANT},\"Biên Hòa, Đồng Nai\",2026-11-30\n\
         3.5,00:00:08.000,Người dân đi bộ qua cầu,다리를 건너는 주민들,,,,,\n",
        nfd(VI)
    );
    let utf16: Vec<u8> = [0xFF, 0xFE].into_iter().chain(text.encode_utf16().flat_map(u16::to_le_bytes)).collect();
    std::fs::write(&csv, utf16).expect("csv");
    let imported = s.json(&["shots", "import", &id, &csv.to_string_lossy(), "--json"], 0);
    assert_eq!((imported["shots"].as_u64(), imported["replaced"].as_u64()), (Some(2), Some(0)), "{imported}");
    let listed = s.json(&["shots", "list", &id, "--json"], 0);
    assert_eq!(listed[0]["description"]["vi"], VI, "stored in NFC");
    assert_eq!((listed[1]["start_ms"].as_i64(), listed[1]["tc_in"].as_str()), (Some(3500), Some("10:00:03:12")));

    let out = s.path("out/shots.csv");
    let langs = ["--lang", "ko", "--lang", "vi"];
    let mut args = vec!["shots", "export", &id, "--format", "csv", "-o"];
    let out_s = out.to_string_lossy().into_owned();
    std::fs::create_dir_all(out.parent().expect("parent")).expect("mkdir");
    args.push(&out_s);
    args.extend(langs);
    assert!(s.run(&args).status.success());
    let rows = csv_rows(&out);
    assert_eq!(
        rows[0],
        [
            "shot",
            "tc_in",
            "tc_out",
            "duration",
            "description_ko",
            "description_vi",
            "location",
            "date",
            "credit",
            "restrictions"
        ]
    );
    assert_eq!(rows[1][..6], ["1", "10:00:00:00", "10:00:03:12", "00:00:03:12", KO, VI]);
    assert_eq!(rows[1][6..8], ["Biên Hòa, Đồng Nai", "2026-11-30"]);
    assert_eq!(rows[2][..4], ["2", "10:00:03:12", "10:00:08:00", "00:00:04:13"]);
    // What Mediadesk writes it reads back unchanged.
    let again = s.json(&["shots", "import", &id, &out_s, "--json"], 0);
    assert_eq!(again["replaced"], 2);
    let relisted = s.json(&["shots", "list", &id, "--json"], 0);
    assert_eq!(relisted[0]["description"], serde_json::json!({"ko": KO, "vi": VI}));

    // The PDF: every language's text as written, every font embedded.
    s.json(&["shots", "import", &id, &csv.to_string_lossy(), "--json"], 0);
    let pdf = s.path("out/shots.pdf");
    let pdf_s = pdf.to_string_lossy().into_owned();
    let mut args = vec!["shots", "export", &id, "--format", "pdf", "-o", &pdf_s];
    args.extend(["--lang", "ko", "--lang", "ja", "--lang", "zh-Hans", "--lang", "zh-Hant", "--lang", "vi"]);
    let made = s.run(&args);
    assert!(made.status.success(), "{}", String::from_utf8_lossy(&made.stderr));
    let text = String::from_utf8(tool("pdftotext", &[&pdf_s, "-"]).stdout).expect("utf-8");
    for expected in
        [VI, KO, JA, HANS, HANT, "Biên Hòa, Đồng Nai", "Người dân đi bộ qua cầu", "10:00:03:12", "샷 리스트"]
    {
        assert!(squeeze(&text).contains(&squeeze(expected)), "{expected:?} not in the PDF's text:\n{text}");
    }
    let fonts = String::from_utf8(tool("pdffonts", &[&pdf_s]).stdout).expect("utf-8");
    let faces: Vec<&str> = fonts.lines().skip(2).collect();
    assert!(!faces.is_empty(), "{fonts}");
    for face in &faces {
        let columns: Vec<&str> = face.split_whitespace().collect();
        let emb = columns.iter().rev().nth(4);
        assert_eq!(emb, Some(&"yes"), "not embedded: {face}");
    }
    for family in ["NotoSans-Regular", "NotoSansCJKkr", "NotoSansCJKjp", "NotoSansCJKsc", "NotoSansCJKtc"] {
        assert!(fonts.contains(family), "{family} missing:\n{fonts}");
    }
}

#[test]
fn drop_frame_timecode_is_counted_as_the_film_carries_it() {
    let s = Scratch::new();
    let id = film(&s, "ntsc", "30000/1001", "01:00:00;00");
    let csv = s.path("in/shots.csv");
    // Frame 1800 is labelled 00:01:00;02: ;00 and ;01 are skipped at each minute but the tenth.
    std::fs::write(&csv, "in,out,description\n01:00:00;00,01:00:05;00,Một\n").expect("csv");
    s.json(&["shots", "import", &id, &csv.to_string_lossy(), "--json"], 0);
    let listed = s.json(&["shots", "list", &id, "--json"], 0);
    assert_eq!(listed[0]["end_ms"], 5005, "150 frames of 1001/30000 s");
    assert_eq!(listed[0]["tc_out"], "01:00:05;00");
}

#[test]
fn a_bad_shot_list_is_refused_naming_the_line_and_the_list_kept() {
    let s = Scratch::new();
    let id = film(&s, "giu", "25", "10:00:00:00");
    let good = s.path("in/good.csv");
    std::fs::write(&good, "in,out,description\n0,2,Một\n2,4,Hai\n").expect("csv");
    s.json(&["shots", "import", &id, &good.to_string_lossy(), "--json"], 0);
    for (body, why) in [
        ("in,out\n0,2\n9:00:00:00,10:00:01:00\n", "line 3"),
        ("in,out\n0,2\n5,3\n", "shot 2"),
        ("in,out\n0,30\n", "after the film does"),
        ("in,out,description_xx yy\n0,2,z\n", "language tag"),
        ("\u{0}\u{1}\u{2}garbage", "line"),
    ] {
        let bad = s.path("in/bad.csv");
        std::fs::write(&bad, body).expect("csv");
        let out = s.run(&["shots", "import", &id, &bad.to_string_lossy()]);
        let stderr = String::from_utf8_lossy(&out.stderr);
        assert_eq!(out.status.code(), Some(2), "{body:?}: {stderr}");
        assert!(stderr.contains(why), "{body:?}: {stderr}");
        assert_eq!(s.json(&["shots", "list", &id, "--json"], 0).as_array().map(Vec::len), Some(2), "{body:?}");
    }
    // Shot lists belong to films.
    let photo = s.path("in/photo.jpg");
    make_photo(&photo, 64, 48, "xc:gray", &[]);
    s.ingest(&[&photo], &[], 0);
    let out = s.run(&["shots", "import", &photo.to_string_lossy(), &good.to_string_lossy()]);
    assert!(String::from_utf8_lossy(&out.stderr).contains("not a film"), "{out:?}");
}
