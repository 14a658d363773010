//! The yearly results report through the CLI, on a library whose work the test knows: photos
//! and a film made this year and last (EXIF and QuickTime dates), the plan's themes,
//! audiences and lead units on them, a reportage published, translations approved, kits
//! delivered (one twice, one of the delegation profile). Every figure of the JSON is counted
//! again here from the register (`deliveries --json`) and from what the test made; the
//! workbook read by openpyxl equals the JSON; the PDF's text (pdftotext) holds the title and
//! the figures, its fonts are embedded (pdffonts); nothing classified is in any of them.

use std::collections::BTreeMap;
use std::path::{Path, PathBuf};
use std::process::Command;

use serde_json::{json, Value};

use crate::util::*;

fn year() -> i32 {
    time::OffsetDateTime::now_utc().year()
}

/// A photo made on `date` (EXIF), with a Vietnamese and English record ready for a kit.
fn photo(s: &Scratch, name: &str, date: &str, colour: &str) -> String {
    let path = s.path(&format!("in/{name}.jpg"));
    std::fs::create_dir_all(path.parent().expect("dir")).expect("mkdir");
    make_photo(&path, 64, 48, &format!("xc:{colour}"), &[]);
    exiftool_write(&path, &[&format!("-DateTimeOriginal={date} 09:30:00")]);
    s.ingest(&[&path], &["--classification", "public"], 0);
    s.show(&path.to_string_lossy())["id"].to_string()
}

fn ready(s: &Scratch, id: &str, headline: &str) {
    let out = s.run(&[
        "edit",
        id,
        "--caption",
        &format!("vi={headline}"),
        "--caption",
        &format!("en={headline} (en)"),
        "--headline",
        headline,
        "--headline",
        &format!("en={headline} (en)"),
        "--credit",
        "Báo Đồng Nai",
        "--territories",
        "worldwide",
    ]);
    assert!(out.status.success(), "{}", String::from_utf8_lossy(&out.stderr));
    for part in ["caption", "headline"] {
        s.json(&["tr", "set", id, part, "en", "approved", "--json"], 0);
    }
}

fn set(s: &Scratch, args: &[&str]) {
    let out = s.run(args);
    assert!(out.status.success(), "{args:?}: {}", String::from_utf8_lossy(&out.stderr));
}

fn kit(s: &Scratch, profile: &str, recipient: &str, country: &str, channel: Option<&str>, items: &[&str]) -> String {
    let mut args =
        vec!["kit", "new", "--profile", profile, "--lang", "en", "--recipient", recipient, "--country", country];
    if let Some(c) = channel {
        args.extend(["--channel", c]);
    }
    args.extend(items);
    args.push("--json");
    let id = s.json(&args, 0)["id"].to_string();
    build(s, &id);
    id
}

fn build(s: &Scratch, kit: &str) {
    let out = s.path("kits").to_string_lossy().into_owned();
    let built = s.json(&["kit", "build", kit, "-o", &out, "--json"], 0);
    assert!(built["tagmanifest_sha256"].is_string(), "{built}");
}

fn report(s: &Scratch, args: &[&str]) -> Value {
    let file = s.path("report.json");
    let y = year().to_string();
    let mut all = vec!["report", "--year", &y, "--format", "json", "-o", file.to_str().expect("path")];
    all.extend_from_slice(args);
    set(s, &all);
    serde_json::from_str(&std::fs::read_to_string(&file).expect("report")).expect("json")
}

fn count_by(values: impl Iterator<Item = String>) -> Value {
    let mut map: BTreeMap<String, u64> = BTreeMap::new();
    for v in values {
        *map.entry(v).or_default() += 1;
    }
    json!(map)
}

struct Newsroom {
    s: Scratch,
    /// Delivered, then raised to Mật: in no report after that.
    raised: String,
}

fn newsroom() -> Newsroom {
    let s = Scratch::new();
    let (now, before) = (year(), year() - 1);
    let day = |y: i32, md: &str| format!("{y}:{md}");
    let p0 = photo(&s, "p0", &day(now, "03:14"), "red");
    let p1 = photo(&s, "p1", &day(now, "04:02"), "green");
    let p2 = photo(&s, "p2", &day(now, "05:20"), "blue");
    let p3 = photo(&s, "p3", &day(now, "06:11"), "yellow");
    let p4 = photo(&s, "p4", &day(now, "07:01"), "purple");
    let p5 = photo(&s, "p5", &day(now, "08:08"), "orange");
    let q0 = photo(&s, "q0", &day(before, "03:14"), "grey");
    for (id, headline) in [(&p0, "Rừng Cát Tiên"), (&p1, "Trái cây Long Khánh"), (&p3, "Hồ sơ MARKSECRET đất rừng")]
    {
        ready(&s, id, headline);
    }
    set(&s, &["edit", &p0, "--theme", "3", "--audience", "tourists"]);
    set(&s, &["edit", &p1, "--theme", "3", "--theme", "2", "--audience", "foreign_partners"]);
    set(
        &s,
        &[
            "edit",
            &p2,
            "--theme",
            "4",
            "--lead-unit",
            "transport",
            "--classification",
            "internal",
            "--reason",
            "chưa duyệt",
        ],
    );
    set(&s, &["edit", &p3, "--theme", "7"]);
    set(&s, &["edit", &p4, "--theme", "1", "--headline", "MARKSECRET từ đầu", "--classification", "confidential"]);
    set(&s, &["edit", &q0, "--theme", "3"]);
    let _ = p5;
    // A film of four seconds made this year, its English subtitles approved.
    let film = s.path("in/film.mp4");
    let clip = format!(
        "-f lavfi -i testsrc2=size=320x240:rate=25 -f lavfi -i sine=frequency=440 -t 4 -c:v libx264 -pix_fmt yuv420p \
         -c:a aac -metadata creation_time={now}-09-01T08:00:00Z"
    );
    make_clip(&film, &clip, &[]);
    s.ingest(&[&film], &["--classification", "public"], 0);
    let f0 = s.show(&film.to_string_lossy())["id"].to_string();
    set(&s, &["edit", &f0, "--theme", "3"]);
    let srt = s.path("in/film.en.srt");
    std::fs::write(&srt, "1\n00:00:00,000 --> 00:00:02,000\nHello from Đồng Nai\n").expect("srt");
    set(&s, &["subs", "import", &f0, &srt.to_string_lossy(), "--lang", "en"]);
    set(&s, &["tr", "set", &f0, "subtitles", "en", "approved"]);
    set(&s, &["edit", &p0, "--caption", "ko=카트띠엔 숲"]);
    set(&s, &["tr", "set", &p0, "caption", "ko", "approved"]);
    // A reportage published, on theme 5.
    let r = s.json(&["reportage", "new", "Chất lượng cuộc sống", "--json"], 0)["id"].to_string();
    set(&s, &["reportage", "add", &r, &p0]);
    set(&s, &["reportage", "set", &r, "--theme", "5", "--classification", "public", "--reason", "đã duyệt"]);
    for status in ["editing", "approved", "published"] {
        set(&s, &["reportage", "set", &r, "--status", status]);
    }
    // Kits: a newspaper in Korea (p0 and what is Mật later), a delegation, a Japanese paper twice.
    kit(&s, "newspaper", "Korea Times", "KR", Some("newspaper"), &[&p0, &p3]);
    kit(&s, "delegation", "Đoàn phóng viên Hàn Quốc", "KR", Some("press_delegations"), &[&p1]);
    let jp = kit(&s, "newspaper", "読売新聞", "JP", None, &[&p1]);
    build(&s, &jp);
    set(&s, &["edit", &p3, "--classification", "confidential"]);
    Newsroom { s, raised: p3 }
}

#[test]
fn every_figure_is_counted_again_from_the_register_and_the_work_made() {
    let Newsroom { s, raised } = newsroom();
    let s = &s;
    let r = report(s, &[]);
    for key in [
        "year",
        "from",
        "to",
        "items_by_theme",
        "kits",
        "kits_by_country",
        "kits_by_profile",
        "kits_by_language",
        "kits_by_channel",
        "delegations_served",
        "languages",
        "deliveries",
    ] {
        assert!(r.get(key).is_some(), "{key} missing");
    }
    assert_eq!(
        (r["from"].as_str(), r["to"].as_str()),
        (Some(&*format!("{}-01-01", year())), Some(&*format!("{}-12-31", year())))
    );
    // What the test made: p0, p1 (3, 2), p2 (4), the film (3), the reportage (5); p3 and p4 are Mật.
    let themes = json!({"1": 0, "2": 1, "3": 3, "4": 1, "5": 1, "6": 0, "7": 0});
    assert_eq!(r["items_by_theme"], themes, "{}", r["items"]);
    assert_eq!(
        (r["photos"].as_u64(), r["films"].as_u64(), r["reportages_published"].as_u64()),
        (Some(4), Some(1), Some(1))
    );
    assert!((r["film_minutes"].as_f64().expect("minutes") - 4.0 / 60.0).abs() < 0.01);
    assert_eq!(r["items_by_audience"], json!({"foreign_partners": 1, "tourists": 1}));
    assert_eq!(r["items_by_lead_unit"]["transport"], 1, "a lead unit named on the item");
    assert_eq!(r["items_by_lead_unit"]["culture_tourism"], 3, "theme 3's lead unit, implied");
    assert_eq!(r["previous"]["items_by_theme"]["3"], 1, "last year's photo");

    // The kits, from the register.
    let register: Vec<Value> = s.json(&["deliveries", "--json"], 0).as_array().expect("register").clone();
    assert_eq!(r["deliveries"].as_array().expect("d").len(), register.len());
    let mut latest: BTreeMap<i64, &Value> = BTreeMap::new();
    for d in &register {
        latest.insert(d["kit"].as_i64().expect("kit"), d);
    }
    assert_eq!(r["kits"], latest.len());
    assert_eq!(r["deliveries_count"], register.len());
    let field = |d: &Value, k: &str| d[k].as_str().unwrap_or("unknown").to_owned();
    assert_eq!(r["kits_by_country"], count_by(latest.values().map(|d| field(d, "country"))));
    assert_eq!(r["kits_by_profile"], count_by(latest.values().map(|d| field(d, "profile"))));
    assert_eq!(r["kits_by_channel"], count_by(latest.values().map(|d| field(d, "channel"))));
    let languages = latest
        .values()
        .flat_map(|d| d["languages"].as_array().expect("l").iter().map(|l| l.as_str().expect("l").to_owned()));
    assert_eq!(r["kits_by_language"], count_by(languages));
    assert_eq!(r["kits_by_country"], json!({"JP": 1, "KR": 2}));
    assert_eq!(r["delegations_served"], 1);
    assert_eq!(r["delegations"], json!(["Đoàn phóng viên Hàn Quốc"]));
    let month = register[0]["at"].as_str().expect("at")[..7].to_owned();
    assert_eq!(r["deliveries_by_month"][&month], register.len(), "{}", r["deliveries_by_month"]);
    assert_eq!(r["top_recipients"][0]["recipient"], "読売新聞", "two deliveries");

    // Languages: English captions of p0 and p1 (p3's went with it), Korean of p0, the film's subtitles.
    assert_eq!(r["languages"]["en"]["captions_approved"], 2, "{}", r["languages"]);
    assert_eq!(r["languages"]["ko"]["captions_approved"], 1);
    assert_eq!(r["languages"]["en"]["films_subtitled"], 1);
    assert!((r["languages"]["en"]["film_minutes_subtitled"].as_f64().expect("m") - 4.0 / 60.0).abs() < 0.01);

    // Nothing Mật: not the photo raised after it went, not the one Mật from the start.
    let text = r.to_string();
    assert!(!text.contains("MARKSECRET"), "a classified headline is in the report");
    assert!(r["items"].as_array().expect("items").iter().all(|i| i["item"] != raised.as_str()));
    for d in r["deliveries"].as_array().expect("d") {
        assert!(!d["contents"].as_array().expect("c").iter().any(|c| c == raised.as_str()), "{d}");
    }
    // Internal work is counted, not named.
    let internal =
        r["items"].as_array().expect("items").iter().find(|i| i["classification"] == "internal").expect("p2");
    assert_eq!(internal["name"], Value::Null);
    // The export is in the audit log.
    let audit = s.json(&["audit", "--json"], 0);
    assert!(audit.as_array().expect("a").iter().any(|e| e["action"] == "report"), "no audit entry");
    assert!(s.run(&["audit", "verify"]).status.success());

    // The workbook, read by openpyxl, holds the same figures and rows; the CSV too.
    let xlsx = s.path("report.xlsx");
    set(s, &["report", "--year", &year().to_string(), "--format", "xlsx", "-o", &xlsx.to_string_lossy()]);
    let book = read_xlsx(&xlsx);
    let summary = &book["sheets"][0];
    let value_of = |label: &str| -> f64 {
        let row = summary["rows"]
            .as_array()
            .expect("rows")
            .iter()
            .find(|row| row[0] == label)
            .unwrap_or_else(|| panic!("{label}"));
        row[1].as_f64().expect("number")
    };
    assert_eq!(value_of("Bộ tài liệu báo chí đã giao"), r["kits"].as_f64().expect("kits"));
    assert_eq!(value_of("Ảnh đã thực hiện"), r["photos"].as_f64().expect("photos"));
    assert_eq!(value_of("3. Văn hóa, du lịch"), r["items_by_theme"]["3"].as_f64().expect("t3"));
    assert_eq!(value_of("KR"), r["kits_by_country"]["KR"].as_f64().expect("kr"));
    let rows_of = |n: usize| book["sheets"][n]["rows"].as_array().expect("rows").len() - 1;
    assert_eq!(rows_of(1), r["items"].as_array().expect("i").len());
    assert_eq!(rows_of(2), r["reportages"].as_array().expect("r").len());
    assert_eq!(rows_of(3), r["approvals"].as_array().expect("a").len());
    assert_eq!(rows_of(4), r["deliveries"].as_array().expect("d").len());
    assert!(!book.to_string().contains("MARKSECRET"));
    let csv = s.path("report.csv");
    set(s, &["report", "--year", &year().to_string(), "--format", "csv", "-o", &csv.to_string_lossy()]);
    let rows = python_csv(&csv);
    let kits = rows.iter().find(|row| row[0] == "summary" && row[1] == "kits").expect("kits row");
    assert_eq!(kits[4].parse::<f64>().expect("n"), r["kits"].as_f64().expect("kits"));

    // The PDF, in Vietnamese and in English: its text and its fonts.
    for (lang, title, kits_label) in
        [("vi", "BÁO CÁO", "Bộ tài liệu báo chí đã giao"), ("en", "REPORT", "Press kits delivered")]
    {
        let pdf = s.path(&format!("report-{lang}.pdf"));
        let y = year().to_string();
        set(
            s,
            &[
                "report",
                "--year",
                &y,
                "--lang",
                lang,
                "--format",
                "pdf",
                "-o",
                &pdf.to_string_lossy(),
                "--unit",
                "Báo Đồng Nai",
                "--number",
                "12/BC-BĐN",
            ],
        );
        let text = pdf_text(&pdf);
        for needle in
            [title, "160/KH-UBND", kits_label, "Báo Đồng Nai", "12/BC-BĐN", "読売新聞", "Đoàn phóng viên Hàn Quốc"]
        {
            assert!(text.contains(needle), "{lang}: {needle:?} is not in the PDF:\n{text}");
        }
        assert!(!text.contains("MARKSECRET"));
        let fonts = tool("pdffonts", &[&pdf.to_string_lossy()]);
        let listed = String::from_utf8_lossy(&fonts.stdout);
        let lines: Vec<&str> = listed.lines().skip(2).collect();
        assert!(lines.len() >= 2, "{listed}");
        assert!(
            lines.iter().all(|l| l.split_whitespace().rev().nth(4) == Some("yes")),
            "a font is not embedded:\n{listed}"
        );
        assert!(listed.contains("CJK"), "the Japanese name is drawn with a CJK face:\n{listed}");
    }
    // The pages as a reader sees them, kept to be looked at (target/tmp/report-vi-N.png).
    let pages = Path::new(env!("CARGO_TARGET_TMPDIR")).join("report-vi");
    let pdf = s.path("report-vi.pdf");
    tool("pdftoppm", &["-r", "60", "-png", &pdf.to_string_lossy(), &pages.to_string_lossy()]);
}

#[test]
fn an_empty_year_says_so_a_backward_period_and_an_unwritable_place_are_refused() {
    let s = Scratch::new();
    let p = photo(&s, "p", &format!("{}:03:14", year()), "red");
    set(&s, &["edit", &p, "--theme", "3"]);
    let audit_before = s.json(&["audit", "--json"], 0).as_array().expect("a").len();
    // 1990: nothing then.
    let file = s.path("empty.json");
    set(&s, &["report", "--year", "1990", "--format", "json", "-o", &file.to_string_lossy()]);
    let r: Value = serde_json::from_str(&std::fs::read_to_string(&file).expect("r")).expect("json");
    assert_eq!((r["empty"].as_bool(), r["kits"].as_u64(), r["previous"].is_null()), (Some(true), Some(0), true));
    assert_eq!(r["items_by_theme"]["3"], 0);
    let pdf = s.path("empty.pdf");
    set(&s, &["report", "--year", "1990", "--format", "pdf", "-o", &pdf.to_string_lossy()]);
    assert!(pdf_text(&pdf).contains("không có bộ tài liệu nào được giao"), "the empty year is not said");
    let xlsx = s.path("empty.xlsx");
    set(&s, &["report", "--year", "1990", "--format", "xlsx", "-o", &xlsx.to_string_lossy()]);
    read_xlsx(&xlsx);

    let backwards = s.run(&[
        "report",
        "--year",
        "2026",
        "--from",
        "2026-06-01",
        "--to",
        "2026-05-01",
        "--format",
        "pdf",
        "-o",
        &s.path("x.pdf").to_string_lossy(),
    ]);
    assert_eq!(backwards.status.code(), Some(2));
    assert!(String::from_utf8_lossy(&backwards.stderr).contains("runs backwards"));
    for out in [s.path("no/such/folder/r.pdf"), s.dir.path().to_path_buf()] {
        let refused = s.run(&["report", "--year", "2026", "--format", "pdf", "-o", &out.to_string_lossy()]);
        assert_eq!(refused.status.code(), Some(2), "{}", out.display());
        assert!(String::from_utf8_lossy(&refused.stderr).contains(&*out.to_string_lossy()), "the place is named");
    }
    assert!(!s.path("x.pdf").exists());
    let audit_after = s.json(&["audit", "--json"], 0).as_array().expect("a").len();
    assert_eq!(audit_after, audit_before + 3, "the three reports written, and nothing for those refused");
}

fn pdf_text(pdf: &Path) -> String {
    let out = tool("pdftotext", &["-layout", &pdf.to_string_lossy(), "-"]);
    String::from_utf8_lossy(&out.stdout).into_owned()
}

/// Every sheet's rows as openpyxl reads them (cached values, not formulas).
fn read_xlsx(path: &PathBuf) -> Value {
    let script = "import json, sys, openpyxl\n\
                  book = openpyxl.load_workbook(sys.argv[1], data_only=True)\n\
                  print(json.dumps({'sheets': [{'name': s.title, 'rows': [list(r) for r in s.iter_rows(values_only=True)]} for s in book.worksheets]}, default=str))";
    let out = Command::new("python3").args(["-c", script, &path.to_string_lossy()]).output().expect("python3");
    assert!(out.status.success(), "openpyxl: {}", String::from_utf8_lossy(&out.stderr));
    serde_json::from_slice(&out.stdout).expect("json")
}

fn python_csv(path: &Path) -> Vec<Vec<String>> {
    let script = "import csv, json, sys\nprint(json.dumps(list(csv.reader(open(sys.argv[1], encoding='utf-8-sig')))))";
    let out = Command::new("python3").args(["-c", script, &path.to_string_lossy()]).output().expect("python3");
    assert!(out.status.success(), "{}", String::from_utf8_lossy(&out.stderr));
    serde_json::from_slice(&out.stdout).expect("rows")
}
