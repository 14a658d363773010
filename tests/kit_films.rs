//! Films in a broadcaster's kit through the CLI: the rendition judged by ffprobe and ffmpeg's
//! ebur128, the subtitle sidecars by pysubs2 (SubRip) and ttconv (EBU-TT-D), the bag by
//! bagit.py, the ninjs by IPTC's schema, and `kit verify`.

use std::path::{Path, PathBuf};

use serde_json::Value;

use crate::broadcast::{ebur128, stream};
use crate::kit_build::{assert_valid_bag, ninjs_errors, walk};
use crate::util::*;

const CUES: [(&str, &str, &str); 2] = [
    ("00:00:00,500", "00:00:02,500", "Sân bay Long Thành"),
    ("00:00:03,000", "00:00:05,500", "Đường băng số một đã xong"),
];
const CUES_EN: [&str; 2] = ["Long Thanh airport", "Runway one is finished"];

fn srt(texts: [&str; 2]) -> String {
    CUES.iter().zip(texts).enumerate().map(|(i, ((a, b, _), t))| format!("{}\n{a} --> {b}\n{t}\n\n", i + 1)).collect()
}

/// pysubs2's reading of a subtitle file: (start ms, end ms, text) a cue.
fn pysubs2(path: &Path) -> Vec<(i64, i64, String)> {
    let out = tool(
        "python3",
        &[
            "-c",
            "import json, pysubs2, sys\n\
             subs = pysubs2.load(sys.argv[1], encoding='utf-8')\n\
             print(json.dumps([[e.start, e.end, e.plaintext] for e in subs], ensure_ascii=False))",
            &path.to_string_lossy(),
        ],
    );
    serde_json::from_slice(&out.stdout).expect("pysubs2 json")
}

/// A public film (a 720p30 clip with loud mono sound) captioned and subtitled in Vietnamese
/// and English, everything approved; returns its id.
fn film(s: &Scratch, name: &str, hz: u32) -> String {
    let path = s.path(&format!("in/{name}.mp4"));
    let args = format!("-f lavfi -i testsrc2=size=1280x720:rate=30 -f lavfi -i sine=frequency={hz}:sample_rate=44100 -af volume=7 -t 6 -ac 1 -c:v libx264 -pix_fmt yuv420p -c:a aac -timecode 10:00:00:00");
    make_clip(&path, &args, &[]);
    s.ingest(&[&path], &["--classification", "public"], 0);
    let id = s.show(&path.to_string_lossy())["id"].to_string();
    let edit = [
        "edit",
        &id,
        "--caption",
        "vi=Sân bay Long Thành: đường băng số một",
        "--caption",
        "en=Long Thanh airport: runway one",
        "--headline",
        "Sân bay Long Thành",
        "--headline",
        "en=Long Thanh airport",
        "--credit",
        "Đài PT-TH Đồng Nai",
        "--creator",
        "Trần Văn Minh",
        "--territories",
        "worldwide",
    ];
    assert!(s.run(&edit).status.success());
    for (lang, text) in [("vi", srt(CUES.map(|c| c.2))), ("en", srt(CUES_EN))] {
        let file = s.path(&format!("in/{name}.{lang}.srt"));
        std::fs::write(&file, text).expect("srt");
        s.json(&["subs", "import", &id, &file.to_string_lossy(), "--lang", lang, "--json"], 0);
    }
    for part in ["caption", "headline", "subtitles"] {
        s.json(&["tr", "set", &id, part, "en", "approved", "--json"], 0);
    }
    id
}

fn find(files: &[PathBuf], suffix: &str) -> PathBuf {
    files
        .iter()
        .find(|p| p.to_string_lossy().ends_with(suffix))
        .cloned()
        .unwrap_or_else(|| panic!("{suffix} in {files:?}"))
}

#[test]
fn a_broadcasters_kit_carries_the_film_at_r128_with_its_subtitles_as_sidecars() {
    let s = Scratch::new();
    let id = film(&s, "san-bay", 440);
    let kit = s.json(
        &[
            "kit",
            "new",
            "--profile",
            "broadcaster",
            "--recipient",
            "KBS",
            "--country",
            "KR",
            "--lang",
            "en",
            "--with-vietnamese",
            &id,
            "--json",
        ],
        0,
    )["id"]
        .to_string();
    // Its shot list, timed on the film's own 30 fps timecode.
    let shots = s.path("in/shots.csv");
    let csv = "in,out,description,description_en\n10:00:00:00,10:00:01:15,Toàn cảnh sân bay,Wide of the airport\n\
               10:00:01:15,10:00:06:00,Máy san đường băng,Graders on the runway\n";
    std::fs::write(&shots, csv).expect("shots");
    s.json(&["shots", "import", &id, &shots.to_string_lossy(), "--json"], 0);
    let out = s.path("out");
    let built: Value = s.json(&["kit", "build", &kit, "-o", &out.to_string_lossy(), "--json"], 0);
    let bag = PathBuf::from(built["path"].as_str().expect("path"));
    assert_valid_bag(&bag);
    let ninjs = ninjs_errors(&bag);
    assert_eq!(ninjs["errors"], serde_json::json!([]), "{ninjs}");
    let files = walk(&bag.join("data"));

    // The film: H.264 High 1080p25, AAC 48 kHz stereo, −23 LUFS.
    let film = find(&files, "-broadcast.mp4");
    let probe = ffprobe(&film);
    let video = stream(&probe, "video");
    assert_eq!((video["codec_name"].as_str(), video["profile"].as_str()), (Some("h264"), Some("High")));
    assert_eq!((video["width"].as_u64(), video["height"].as_u64()), (Some(1920), Some(1080)));
    assert_eq!(video["r_frame_rate"], "25/1");
    let audio = stream(&probe, "audio");
    assert_eq!((audio["sample_rate"].as_str(), audio["channels"].as_u64()), (Some("48000"), Some(2)));
    let (integrated, true_peak) = ebur128(&film);
    assert!((integrated + 23.0).abs() <= 0.5 && true_peak <= -1.0, "{integrated} LUFS, {true_peak} dBTP");

    // The shot list counts the copy's 25 frames from the film's start timecode, which the
    // copy carries too; its PDF holds the Vietnamese and English descriptions.
    let own = probe["streams"].as_array().and_then(|a| a.iter().find_map(|s| s["tags"]["timecode"].as_str()));
    assert_eq!(own, Some("10:00:00:00"), "the copy's timecode");
    let rows = crate::shot_list::csv_rows(&find(&files, "-shotlist.csv"));
    assert_eq!(rows[0][4..6], ["description_en", "description_vi"]);
    assert_eq!(
        rows[1][..6],
        ["1", "10:00:00:00", "10:00:01:12", "00:00:01:12", "Wide of the airport", "Toàn cảnh sân bay"]
    );
    assert_eq!(rows[2][1..3], ["10:00:01:12", "10:00:06:00"]);
    assert_eq!(rows[1][8], "Đài PT-TH Đồng Nai", "the film's credit where the shot names none");
    let pdf = find(&files, "-shotlist.pdf");
    let text = String::from_utf8(tool("pdftotext", &[&pdf.to_string_lossy(), "-"]).stdout).expect("utf-8");
    assert!(text.contains("Graders on the runway") && text.contains("Máy san đường băng"), "{text}");

    // The captions file names the film the broadcaster gets.
    let captions = std::fs::read_to_string(find(&files, "texts/en/captions.txt")).expect("captions");
    let name = film.file_name().expect("name").to_string_lossy().into_owned();
    assert!(captions.contains(&name) && captions.contains("Long Thanh airport: runway one"), "{captions}");

    // Sidecars in both languages: SubRip read by pysubs2, EBU-TT-D by ttconv.
    for (lang, texts) in [("vi", CUES.map(|c| c.2)), ("en", CUES_EN)] {
        let expected: Vec<(i64, i64, String)> =
            vec![(500, 2_500, texts[0].to_owned()), (3_000, 5_500, texts[1].to_owned())];
        assert_eq!(pysubs2(&find(&files, &format!(".{lang}.srt"))), expected, "{lang} SubRip");
        let ttml = find(&files, &format!(".{lang}.ttml"));
        let converted = s.path(&format!("ttconv-{lang}.srt"));
        tool("tt", &["convert", "-i", &ttml.to_string_lossy(), "-o", &converted.to_string_lossy()]);
        assert_eq!(pysubs2(&converted), expected, "{lang} EBU-TT-D through ttconv");
    }

    // The ninjs lists the film and its sidecars; the receiver's check passes.
    let en = files.iter().find(|p| p.to_string_lossy().contains("/ninjs/en/")).expect("en ninjs");
    let object: Value = serde_json::from_slice(&std::fs::read(en).expect("read")).expect("json");
    let types: Vec<&str> =
        object["renditions"].as_array().expect("renditions").iter().filter_map(|r| r["contentType"].as_str()).collect();
    assert_eq!(
        types,
        [
            "video/mp4",
            "application/x-subrip",
            "application/ttml+xml",
            "application/x-subrip",
            "application/ttml+xml",
            "text/csv; charset=utf-8",
            "application/pdf"
        ]
    );
    let verified = s.json(&["kit", "verify", &bag.to_string_lossy(), "--json"], 0);
    assert_eq!(verified["ok"], true, "{verified}");
}

#[test]
fn a_film_kit_stopped_mid_transcode_keeps_what_was_made_and_finishes_when_run_again() {
    let s = Scratch::new();
    let ids = [film(&s, "mot", 440), film(&s, "hai", 550)];
    let mut args =
        vec!["kit", "new", "--profile", "broadcaster", "--recipient", "NHK", "--country", "JP", "--lang", "en"];
    args.extend(ids.iter().map(String::as_str));
    args.push("--json");
    let kit = s.json(&args, 0)["id"].to_string();
    let out = s.path("out");
    let child = s
        .cmd(&["kit", "build", &kit, "-o", &out.to_string_lossy(), "--json"])
        .stdout(std::process::Stdio::piped())
        .stderr(std::process::Stdio::piped())
        .spawn()
        .expect("spawn");
    // Ctrl-C once the first film is in place and the second is being made.
    let started = std::time::Instant::now();
    let made = || {
        std::fs::read_dir(&out).into_iter().flatten().flatten().any(|e| {
            let films = e.path().join("data/films");
            std::fs::read_dir(films)
                .into_iter()
                .flatten()
                .flatten()
                .any(|f| f.file_name().to_string_lossy().ends_with(".mp4"))
        })
    };
    while !made() {
        assert!(started.elapsed().as_secs() < 120, "no film was made");
        std::thread::sleep(std::time::Duration::from_millis(100));
    }
    std::thread::sleep(std::time::Duration::from_millis(500));
    tool("kill", &["-INT", &child.id().to_string()]);
    let stopped = child.wait_with_output().expect("wait");
    assert_eq!(
        stopped.status.code(),
        Some(130),
        "after {:?}: {} {}",
        started.elapsed(),
        String::from_utf8_lossy(&stopped.stdout),
        String::from_utf8_lossy(&stopped.stderr)
    );
    let visible: Vec<String> = std::fs::read_dir(&out)
        .map(|d| d.flatten().map(|e| e.file_name().to_string_lossy().into_owned()).collect())
        .unwrap_or_default();
    assert!(visible.iter().all(|n| n.starts_with('.')), "a half kit is visible: {visible:?}");
    assert!(s.json(&["deliveries", "--json"], 0).as_array().is_some_and(Vec::is_empty), "nothing is recorded");

    let built = s.json(&["kit", "build", &kit, "-o", &out.to_string_lossy(), "--json"], 0);
    assert_eq!(built["reused"], 1, "the first film is taken up: {built}");
    let bag = PathBuf::from(built["path"].as_str().expect("path"));
    assert_valid_bag(&bag);
    let films: Vec<PathBuf> =
        walk(&bag.join("data/films")).into_iter().filter(|p| p.extension().is_some_and(|e| e == "mp4")).collect();
    assert_eq!(films.len(), 2, "{films:?}");
    for film in films {
        assert_eq!(stream(&ffprobe(&film), "video")["height"], 1080);
    }
}

#[test]
fn a_film_with_no_sound_is_held_back_before_anything_is_transcoded() {
    let s = Scratch::new();
    let mute = s.path("in/mute.mp4");
    make_clip(&mute, "-f lavfi -i testsrc2=size=640x360:rate=25 -t 2 -c:v libx264 -pix_fmt yuv420p", &[]);
    s.ingest(&[&mute], &["--classification", "public"], 0);
    let id = s.show(&mute.to_string_lossy())["id"].to_string();
    let kit = s
        .json(&["kit", "new", "--profile", "broadcaster", "--recipient", "KBS", "--lang", "vi", &id, "--json"], 0)
        ["id"]
        .to_string();
    let out = s.path("out");
    let refused = s.json(&["kit", "build", &kit, "-o", &out.to_string_lossy(), "--json"], 1);
    assert_eq!(refused["built"], false);
    let blockers = refused["preflight"]["blockers"].as_array().expect("blockers");
    let mute_finding = blockers.iter().find(|b| b["rule"] == "unrenderable").expect("an unrenderable blocker");
    assert!(mute_finding["reason"].as_str().is_some_and(|m| m.contains("has no sound")), "{mute_finding}");
    assert!(std::fs::read_dir(&out).map_or(true, |d| d.count() == 0), "nothing was written");
    // An original passed through needs no sound: the same film goes in a kit that asks for it.
    let profile = s.path("original.json");
    std::fs::write(
        &profile,
        r#"{"name": "archive", "films": {"renditions": [{"name": "original", "recipe": "original"}]}}"#,
    )
    .expect("profile");
    s.json(&["profile", "save", "archive", &profile.to_string_lossy(), "--json"], 0);
    let kit = s
        .json(&["kit", "new", "--profile", "archive", "--recipient", "Lưu trữ", "--lang", "vi", &id, "--json"], 0)
        ["id"]
        .to_string();
    let built = s.json(&["kit", "build", &kit, "-o", &out.to_string_lossy(), "--json"], 0);
    let bag = PathBuf::from(built["path"].as_str().expect("path"));
    let copy = walk(&bag.join("data/films"))
        .into_iter()
        .find(|p| p.to_string_lossy().ends_with("-original.mp4"))
        .expect("copy");
    assert_eq!(std::fs::read(copy).expect("copy"), std::fs::read(&mute).expect("original"), "byte for byte");
    assert_valid_bag(&bag);
}
